//! The report's words: each kind of claim's title and what each verdict
//! means, in French or English. The evidence itself is the finding's own,
//! computed from the post ([`crate::claims::Finding::detail`],
//! [`crate::decide::Decision::reason`]): no sentence here states a fact about
//! any one post.

use super::lang::Lang;
use crate::claims::Kind;
use crate::verdict::Verdict;

/// A claim's verdict as a word ("affirmation" is feminine).
pub fn verdict_word(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => lang.pick("prouvée", "proved"),
        Verdict::Holds => lang.pick("vraie", "holds"),
        Verdict::Undecided => lang.pick("indécise", "undecided"),
        Verdict::Refuted => lang.pick("réfutée", "refuted"),
    }
}

/// What a verdict means, in one sentence.
pub fn verdict_meaning(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => lang.pick(
            "un argument exact, pour tout N et tout vecteur a réel",
            "an exact argument, for every N and every real vector a",
        ),
        Verdict::Holds => lang.pick(
            "vérifiée numériquement, l'accord de chaque valeur certifié par une borne d'erreur",
            "checked numerically, each value's agreement certified by an error bound",
        ),
        Verdict::Undecided => lang.pick("ni prouvée ni réfutée", "neither proved nor refuted"),
        Verdict::Refuted => {
            lang.pick("un contre-exemple certifié la contredit", "a certified counterexample contradicts it")
        }
    }
}

/// A short title for a kind of claim.
pub fn title(lang: Lang, kind: Kind) -> &'static str {
    let (fr, en) = match kind {
        Kind::Example => ("L'exemple chiffré", "The worked example"),
        Kind::OverflowDemo => ("Ce que fait le calcul naïf", "What the naive code does"),
        Kind::ShiftedLogits => ("Les logits décalés", "The shifted logits"),
        Kind::PrintedResult => ("Le résultat imprimé", "The printed result"),
        Kind::Rendering => ("Les maths telles que le blog les affiche", "The math as the blog renders it"),
        Kind::CodeOutput => ("La sortie du code, exécuté", "The code's output, run"),
        Kind::CodeComment => ("Ce que dit un commentaire du code, exécuté", "What a code comment says, run"),
        Kind::ShiftChoice => ("Le choix du décalage", "The choice of the shift"),
        Kind::ShiftWording => ("Les mots pour ce décalage", "The words for that shift"),
        Kind::Order => ("Softmax préserve l'ordre des composantes", "The order of the values is kept"),
        Kind::JacobianLayout => ("La disposition de la jacobienne", "The layout of the Jacobian"),
    };
    lang.pick(fr, en)
}
