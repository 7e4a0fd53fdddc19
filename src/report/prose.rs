//! The words of the report and of `verify`'s text: each kind of claim's
//! title, what each verdict means, the references' names, and a decided
//! relation's reason in French or English. The evidence itself is the
//! finding's own, computed from the post ([`crate::claims::Finding::detail_in`],
//! [`crate::decide::Decision::reason`]): no sentence here states a fact about
//! any one post.

use crate::claims::Kind;
use crate::decide::Decision;
use crate::exact::CaseResult;
use crate::lang::Lang;
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

/// Verdicts counted, in words agreeing with their number (of relations or
/// claims, feminine in French): `22 prouvées, 0 vraie, 1 réfutée, 0 indécise`.
pub fn verdict_counts(lang: Lang, c: &crate::verify::Counts) -> String {
    let parts = [
        (c.proved, Verdict::Proved),
        (c.holds, Verdict::Holds),
        (c.refuted, Verdict::Refuted),
        (c.undecided, Verdict::Undecided),
    ];
    let said: Vec<String> = parts
        .iter()
        .map(|&(n, v)| match lang {
            // French: the plural from 2 on.
            Lang::Fr if n >= 2 => format!("{n} {}s", verdict_word(lang, v)),
            Lang::En if v == Verdict::Holds => format!("{n} hold"),
            _ => format!("{n} {}", verdict_word(lang, v)),
        })
        .collect();
    said.join(", ")
}

/// How much of a post was read, in French words agreeing with their numbers:
/// `22 relations lues sur 24, 22 décidées (20 sur la famille softmax, dont 20 décidées)`,
/// `1 relation lue sur 1, 1 décidée (1 sur la famille softmax, dont 1 décidée)`.
pub fn coverage_fr(v: &crate::verify::Coverage) -> String {
    let decided = |n: usize| if n >= 2 { "décidées" } else { "décidée" };
    format!(
        "{} {} sur {}, {} {} ({} sur la famille softmax, dont {} {})",
        v.read,
        if v.read >= 2 { "relations lues" } else { "relation lue" },
        v.relations,
        v.decided,
        decided(v.decided),
        v.family,
        v.family_decided,
        decided(v.family_decided)
    )
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

/// A claim's verdict as a word agreeing with its kind's title in French
/// ("L'exemple chiffré — vrai", "Les logits décalés — vrais", "La disposition
/// de la jacobienne — prouvée"; a title that is a sentence takes the feminine
/// of « affirmation »).
pub fn verdict_for(lang: Lang, v: Verdict, kind: Kind) -> &'static str {
    if lang == Lang::En {
        return verdict_word(lang, v);
    }
    // (masculine, plural) of the title's head noun.
    let (masculine, plural) = match kind {
        Kind::Example | Kind::OverflowDemo | Kind::PrintedResult | Kind::CodeComment | Kind::ShiftChoice => {
            (true, false)
        }
        Kind::ShiftedLogits | Kind::ShiftWording => (true, true),
        Kind::Rendering => (false, true),
        Kind::CodeOutput | Kind::Order | Kind::JacobianLayout => (false, false),
        Kind::DerivativeSign => (true, false),
    };
    let forms = match v {
        Verdict::Proved => ["prouvé", "prouvée", "prouvés", "prouvées"],
        Verdict::Holds => ["vrai", "vraie", "vrais", "vraies"],
        Verdict::Undecided => ["indécis", "indécise", "indécis", "indécises"],
        Verdict::Refuted => ["réfuté", "réfutée", "réfutés", "réfutées"],
    };
    forms[usize::from(!masculine) + 2 * usize::from(plural)]
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
        Kind::DerivativeSign => ("Le signe d'une dérivée", "The sign of a derivative"),
    };
    lang.pick(fr, en)
}

/// A reference of the numeric evidence by name (`exact`, `forward`, …).
pub fn reference_name(lang: Lang, name: &str) -> String {
    let fr = match name {
        "exact" => "exacte",
        "forward" => "différence avant",
        "central" => "différence centrée",
        "richardson" => "Richardson",
        "analytic" => "analytique",
        "complex-step" => "pas complexe",
        other => other,
    };
    lang.pick(fr, name).to_string()
}

/// Whether numeric evidence agrees, as a word.
pub fn agreement_word(lang: Lang, a: crate::verdict::Agreement) -> &'static str {
    match a {
        crate::verdict::Agreement::Agrees => lang.pick("concorde", "agrees"),
        crate::verdict::Agreement::Disagrees => lang.pick("diffère", "disagrees"),
    }
}

/// A decided relation's reason in `lang`. The engine states it in English
/// ([`Decision::reason`]); in French the sentence is made again from the
/// decision's own data where the reason has a known form (a proof, a
/// non-zero difference, a step carrying an earlier error), and is the
/// engine's English otherwise.
pub fn reason_in(d: &Decision, lang: Lang) -> String {
    if lang == Lang::En {
        return d.reason.clone();
    }
    if let Some(reason) = d.reason.strip_suffix(crate::verify::REPAIRED) {
        let d = Decision { reason: reason.to_string(), ..d.clone() };
        return format!(
            "{} (lue avec le signe de la dérivée sous la barre aussi : telle qu'écrite, elle est réfutée, voir le \
             constat « signe d'une dérivée » de cette ligne)",
            reason_in(&d, lang)
        );
    }
    let residual = d.proof.as_ref().and_then(|p| p.residual.clone());
    let undefined = d.counterexample.as_ref().and_then(|c| c.undefined.clone());
    match d.verdict {
        // A step carrying an earlier error is proved too: its own words first.
        _ if d.reason.starts_with(crate::verify::CARRIED) => carried_in_french(d),
        Verdict::Proved if d.reason == "an exact identity in every case, for every N ≥ 1 and every real a" => {
            "une identité exacte dans chaque cas, pour tout N ≥ 1 et tout a réel".to_string()
        }
        Verdict::Refuted if d.reason.starts_with("undefined at a valid input") => match undefined {
            Some(why) => format!("indéfinie en une entrée valide : {why}"),
            None => d.reason.clone(),
        },
        Verdict::Refuted if d.reason.starts_with("the difference from the target is") => match residual {
            Some(r) => format!("la différence avec la cible vaut {r}, et non 0"),
            None => "la différence avec la cible n'est pas 0".to_string(),
        },
        _ => crate::scalar::decide::in_french(&d.reason).unwrap_or_else(|| d.reason.clone()),
    }
}

/// A step that is exact but carries an error refuted above it, in French.
fn carried_in_french(d: &Decision) -> String {
    let since = d.reason.split("since line ").nth(1).and_then(|t| t.split(',').next()).unwrap_or("?");
    let above = d.reason.split("line above (").nth(1).and_then(|t| t.split(')').next()).unwrap_or_default();
    let above = match above {
        "proved" => "prouvée",
        "holds" => "vraie",
        other => other,
    };
    format!(
        "cette étape est exacte : elle est égale à la ligne au-dessus ({above}), mais la chaîne est fausse depuis la \
         ligne {since}, où l'erreur est réfutée ; l'erreur n'est pas reprochée une seconde fois à cette ligne"
    )
}

/// The reader's phrases in an unread line's or a note's reason, and their
/// French. The reader states its reasons in English, with the post's own
/// LaTeX inside; in French each known phrase is replaced and the rest (the
/// post's math, a phrase not in this table) is kept as it is.
const READER_PHRASES: [(&str, &str); 18] = [
    ("not in the LaTeX subset the tool reads", "hors du LaTeX que l'outil lit"),
    ("its left side is not one the tool reads", "son membre de gauche n'est pas de ceux que l'outil lit"),
    (
        "; the rows that continue it are decided against what it equals",
        " ; les lignes qui la prolongent sont décidées par rapport à ce qu'elle vaut",
    ),
    (
        "; the rows below it are decided against the last row read",
        " ; les lignes en dessous sont décidées par rapport à la dernière ligne lue",
    ),
    ("expected an expression (", "une expression était attendue ("),
    (
        " without an index is not a name this post defines (no sigmoid or tanh of x)",
        " sans indice n'est pas un nom que ce billet définit (ni sigmoïde ni tanh de x)",
    ),
    (
        " is not a name this post defines (as the labels of its cross-entropy)",
        " n'est pas un nom que ce billet définit (comme étiquettes de son entropie croisée)",
    ),
    (
        " without their index (a vector, a maximum over them): not read",
        " sans leur indice (un vecteur, un maximum sur eux) : non lus",
    ),
    ("the logits ", "les logits "),
    ("∂/∂ of a logit other than the relation's", "∂/∂ d'un autre logit que celui de la relation"),
    (
        "a Kronecker delta over other indices than the relation's: not read",
        "un delta de Kronecker sur d'autres indices que ceux de la relation : non lu",
    ),
    (
        "the vector of the outputs is read in diag(s) and s s^T only",
        "le vecteur des sorties n'est lu que dans diag(s) et s s^T",
    ),
    (
        "a declaration or an expression without a relation to check: it claims nothing",
        "une déclaration ou une expression sans relation à vérifier : elle n'affirme rien",
    ),
    ("an expression without '=': it claims nothing", "une expression sans « = » : elle n'affirme rien"),
    ("a quantifier alone: it claims nothing", "un quantificateur seul : il n'affirme rien"),
    ("a matrix of derivatives: it restates the Jacobian", "une matrice de dérivées : elle redit la jacobienne"),
    (
        "a condition on the inputs (logits, labels, temperature: free), not a claim about softmax",
        "une condition sur les entrées (logits, étiquettes, température : libres), pas une affirmation sur softmax",
    ),
    ("(read in the post's notation as ", "(lu dans la notation du billet comme "),
];

/// The reason a line is unread (or a note), in `lang`: in French, the reader's common phrases translated, the rest (the post's math, an unknown phrase) kept as it is.
pub fn unread_reason(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::En => reason.to_string(),
        Lang::Fr => READER_PHRASES.iter().fold(reason.to_string(), |text, (en, fr)| text.replace(en, fr)),
    }
}

/// One exact case's result, in words.
pub fn case_result(lang: Lang, result: &CaseResult) -> String {
    match result {
        CaseResult::Identity => lang.pick("identité", "identity").to_string(),
        CaseResult::Residual { residual, .. } => format!("{} {residual}", lang.pick("différence", "difference")),
        CaseResult::Undefined { reason } => format!("{} {reason}", lang.pick("indéfinie :", "undefined:")),
        CaseResult::EqualWhereDefined { divisor } => {
            format!("{} {divisor} ≠ 0", lang.pick("égales partout où", "equal wherever"))
        }
        CaseResult::Signed { difference, certificate, .. } => format!("d = {difference}: {certificate}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_reasons_in_french_keep_the_posts_math() {
        let reason = "not in the LaTeX subset the tool reads (`x` without an index is not a name this post defines (no sigmoid or tanh of x))";
        assert_eq!(
            unread_reason(reason, Lang::Fr),
            "hors du LaTeX que l'outil lit (`x` sans indice n'est pas un nom que ce billet définit (ni sigmoïde ni tanh de x))"
        );
        assert_eq!(unread_reason(reason, Lang::En), reason);
        // A phrase the table does not know stays as it is.
        assert_eq!(unread_reason("something new", Lang::Fr), "something new");
    }

    #[test]
    fn a_step_carrying_an_earlier_error_says_so_in_french() {
        let reason = format!(
            "{}: it equals the line above (proved), but the chain has been wrong since line 83, where the error is \
             refuted; this line is not blamed again",
            crate::verify::CARRIED
        );
        let mut d = Decision::undecided(reason);
        d.verdict = Verdict::Proved;
        let fr = reason_in(&d, Lang::Fr);
        assert!(fr.contains("fausse depuis la ligne 83") && fr.contains("(prouvée)"), "{fr}");
    }

    #[test]
    fn a_verdict_agrees_with_its_title_in_french() {
        assert_eq!(verdict_for(Lang::Fr, Verdict::Holds, Kind::Example), "vrai");
        assert_eq!(verdict_for(Lang::Fr, Verdict::Holds, Kind::ShiftedLogits), "vrais");
        assert_eq!(verdict_for(Lang::Fr, Verdict::Refuted, Kind::Rendering), "réfutées");
        assert_eq!(verdict_for(Lang::Fr, Verdict::Proved, Kind::JacobianLayout), "prouvée");
        assert_eq!(verdict_for(Lang::En, Verdict::Proved, Kind::JacobianLayout), "proved");
    }
}
