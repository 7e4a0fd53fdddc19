//! The report's words: each claim's title, what was checked in plain words
//! for a reader of the blog, and what is wrong with a refuted or flagged
//! claim, in French or English.
//!
//! What a text says about the mathematics is only used for the verdict it
//! explains: a claim that is true gets the explanation of why it is; a
//! refuted claim gets its problem, built from its certified counterexample;
//! any other case falls back to the tool's own evidence, so the words can
//! never contradict the verdict.

use super::lang::Lang;
use crate::claims::ClaimReport;
use crate::softmax::softmax;
use crate::verdict::Verdict;
use crate::Logits;
use serde_json::Value;

/// Counts from the verification that the texts quote.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    /// Input vectors checked numerically.
    pub inputs: usize,
    /// Values $S_i$ over those inputs.
    pub values: usize,
    /// Jacobian entries over those inputs.
    pub entries: usize,
}

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

/// A short title for claim `id`.
pub fn title(lang: Lang, id: &str) -> String {
    let (fr, en) = match id {
        "definition" => ("La définition de S", "The definition of S"),
        "range" => ("Chaque Sᵢ est dans ]0, 1]", "Each Sᵢ lies in ]0, 1]"),
        "sum-to-one" => ("Les Sᵢ somment à 1", "The Sᵢ sum to 1"),
        "order" => ("L'ordre des valeurs est conservé", "The order of the values is kept"),
        "example" => ("L'exemple chiffré", "The worked example"),
        "soft-max" => ("Un maximum « doux »", "A “soft” maximum"),
        "shift-invariance" => ("Décaler les logits ne change rien", "Shifting the logits changes nothing"),
        "shift-choice" => ("Le choix ln C = −max", "The choice ln C = −max"),
        "overflow-demo" => ("Le calcul naïf « plante la machine »", "The naive code “crashes the machine”"),
        "shifted-logits" => ("Les logits décalés", "The shifted logits"),
        "shifted-result" => ("Le résultat décalé imprimé", "The printed shifted result"),
        "jacobian-layout" => ("La disposition de la jacobienne", "The layout of the Jacobian"),
        "quotient-rule" => ("La règle de dérivation d'un quotient", "The quotient rule"),
        "g-prime" => ("La dérivée du numérateur g", "The derivative of the numerator g"),
        "h-prime" => ("La dérivée du dénominateur h", "The derivative of the denominator h"),
        "case-i-eq-j" => ("Le cas i = j", "The case i = j"),
        "case-i-ne-j" => ("Le cas i ≠ j", "The case i ≠ j"),
        "final-equation" => ("L'équation finale à deux cas", "The final two-case equation"),
        "kronecker" => ("La forme avec le symbole de Kronecker", "The form with Kronecker's delta"),
        other => return format!("`{other}`"),
    };
    lang.pick(fr, en).to_string()
}

/// Why a claim that is true is true, in plain words; `None` for a claim
/// without its own text.
fn why_true(lang: Lang, id: &str, f: Facts) -> Option<String> {
    let inputs = lang.count(f.inputs);
    let values = lang.count(f.values);
    let entries = lang.count(f.entries);
    let edge = softmax(&Logits::new(vec![0.0, 1000.0]).ok()?);
    // Exact: the point is that f64 gives exactly 0 and exactly 1.
    #[allow(clippy::float_cmp)]
    let f64_edge = edge[0] == 0.0 && edge[1] == 1.0;
    let text = match (lang, id) {
        (Lang::Fr, "definition") => format!("Le dénominateur Σₖ eᵃᵏ est strictement positif pour tout a réel : la définition a toujours un sens. Le calcul stable (décalé du maximum) la reproduit à l'arrondi près sur les {values} valeurs Sᵢ de {inputs} vecteurs a, de N = 1 à N = 256."),
        (Lang::En, "definition") => format!("The denominator Σₖ eᵃᵏ is positive for every real a: the definition always makes sense. The stable computation (shifted by the maximum) reproduces it to rounding on the {values} values Sᵢ of {inputs} vectors a, from N = 1 to N = 256."),
        (Lang::Fr, "range") => format!("ln Sᵢ = aᵢ − ln Σₖ eᵃᵏ est fini et négatif ou nul, donc 0 < Sᵢ ≤ 1 ; Sᵢ = 1 seulement pour N = 1 (dès N = 2, Sᵢ ∈ ]0, 1[). Vérifié sur {values} valeurs.{}", if f64_edge { " En virgule flottante (f64), les bornes ne tiennent pas : pour a = [0 ; 1000], S₁ vaut exactement 0 et S₂ exactement 1." } else { "" }),
        (Lang::En, "range") => format!("ln Sᵢ = aᵢ − ln Σₖ eᵃᵏ is finite and at most 0, so 0 < Sᵢ ≤ 1; Sᵢ = 1 only when N = 1 (from N = 2 on, Sᵢ ∈ ]0, 1[). Checked on {values} values.{}", if f64_edge { " In floating point (f64) the bounds do not hold: for a = [0, 1000], S₁ is exactly 0 and S₂ exactly 1." } else { "" }),
        (Lang::Fr, "sum-to-one") => format!("Σᵢ eᵃⁱ / Σₖ eᵃᵏ = 1 exactement. Vérifié en double-double (32 chiffres) sur les {inputs} vecteurs ; en f64 la somme s'écarte de 1 de quelques unités du dernier chiffre, dans sa borne d'arrondi."),
        (Lang::En, "sum-to-one") => format!("Σᵢ eᵃⁱ / Σₖ eᵃᵏ = 1 exactly. Checked in double-double (32 digits) on the {inputs} vectors; in f64 the sum is off by a few units in the last place, within its rounding bound."),
        (Lang::Fr, "order") => "ln Sᵢ − ln Sₖ = aᵢ − aₖ : le plus grand logit donne le plus grand Sᵢ, et des logits égaux des Sᵢ égaux. « Ressort clairement » n'est pas une propriété : l'écart entre les deux plus grands Sᵢ tend vers 0 avec l'écart de leurs logits. En f64, deux Sᵢ distincts peuvent devenir égaux après arrondi.".to_string(),
        (Lang::En, "order") => "ln Sᵢ − ln Sₖ = aᵢ − aₖ: the largest logit gets the largest Sᵢ, and equal logits equal Sᵢ. “Stands out clearly” is not a property: the gap between the two largest Sᵢ vanishes with the gap of their logits. In f64, two different Sᵢ can become equal after rounding.".to_string(),
        (Lang::Fr, "soft-max") => format!("Le plus grand logit reçoit le plus grand Sᵢ et chaque Sᵢ reste strictement positif : dans les réels, aucune valeur n'est éliminée.{}", if f64_edge { " En f64, elle peut l'être : pour a = [0 ; 1000], S₁ vaut 0." } else { "" }),
        (Lang::En, "soft-max") => format!("The largest logit gets the largest Sᵢ and every Sᵢ stays positive: in the reals, no value is eliminated.{}", if f64_edge { " In f64 one can be: for a = [0, 1000], S₁ is 0." } else { "" }),
        (Lang::Fr, "shift-invariance") => "Multiplier le numérateur et le dénominateur par un même C > 0 ne change pas la fraction. Vérifié pour ln C = −max λ, −3,5, 2,25 et 40, à la précision double-double, partout où les exponentielles sont représentables.".to_string(),
        (Lang::En, "shift-invariance") => "Multiplying numerator and denominator by the same C > 0 does not change the fraction. Checked for ln C = −max λ, −3.5, 2.25 and 40, to double-double precision, wherever the exponentials are representable.".to_string(),
        (Lang::Fr, "shift-choice") => format!("Avec ln C = −max λⱼ, chaque exposant est négatif ou nul et l'un vaut 0 : la somme est entre 1 et N, rien ne déborde. Le calcul décalé est juste à l'arrondi près sur les {values} valeurs, jusqu'à |a| = 1000, bien au-delà du débordement de eᵃ à 709,78."),
        (Lang::En, "shift-choice") => format!("With ln C = −max λⱼ, every exponent is at most 0 and one is 0: the sum lies between 1 and N, nothing overflows. The shifted computation is right to rounding on the {values} values, up to |a| = 1000, far past the overflow of eᵃ at 709.78."),
        (Lang::Fr, "shifted-logits") => "Le maximum est 789, et [123 ; 456 ; 789] − 789 = [−666 ; −333 ; 0] exactement.".to_string(),
        (Lang::En, "shifted-logits") => "The maximum is 789, and [123, 456, 789] − 789 = [−666, −333, 0] exactly.".to_string(),
        (Lang::Fr, "shifted-result") => format!("Le calcul décalé en f64 donne {} : les valeurs exactes aux trois chiffres imprimés.", shifted_result(lang)),
        (Lang::En, "shifted-result") => format!("The shifted f64 code gives {}: the exact values to the three digits printed.", shifted_result(lang)),
        (Lang::Fr, "jacobian-layout") => format!("DⱼSᵢ = ∂Sᵢ/∂aⱼ en ligne i, colonne j : c'est la disposition usuelle, et les colonnes obtenues en perturbant aⱼ (différences finies) concordent sur {entries} coefficients. Ici DS est symétrique : échanger lignes et colonnes ne changerait rien pour softmax, mais la disposition compte dès qu'on compose avec une autre jacobienne."),
        (Lang::En, "jacobian-layout") => format!("DⱼSᵢ = ∂Sᵢ/∂aⱼ in row i, column j: the usual layout, and the columns obtained by perturbing aⱼ (finite differences) agree on {entries} entries. Here DS is symmetric: swapping rows and columns would change nothing for softmax, but the layout matters once it is chained with another Jacobian."),
        (Lang::Fr, "g-prime" | "h-prime" | "case-i-eq-j" | "case-i-ne-j" | "final-equation") => "Chaque ligne est prouvée exactement : en posant xₖ = eᵃᵏ et Z = Σₖ xₖ, ses deux membres sont des fractions rationnelles égales, dans les quatre cas (i = j avec N = 1 ou N ≥ 2, i ≠ j avec N = 2 ou N ≥ 3).".to_string(),
        (Lang::En, "g-prime" | "h-prime" | "case-i-eq-j" | "case-i-ne-j" | "final-equation") => "Each line is proved exactly: with xₖ = eᵃᵏ and Z = Σₖ xₖ, its two sides are equal rational functions, in all four cases (i = j with N = 1 or N ≥ 2, i ≠ j with N = 2 or N ≥ 3).".to_string(),
        (Lang::Fr, "kronecker") => format!("Prouvée exactement comme les lignes précédentes ; de plus, la formule Sᵢ(δᵢⱼ − Sⱼ) concorde avec la référence exacte et avec trois schémas de différences finies sur {entries} coefficients de jacobienne, chacun dans sa borne d'erreur."),
        (Lang::En, "kronecker") => format!("Proved exactly like the lines before it; moreover the formula Sᵢ(δᵢⱼ − Sⱼ) agrees with the exact reference and with three finite-difference schemes on {entries} Jacobian entries, each within its error bound."),
        _ => return None,
    };
    Some(text)
}

/// The article's shifted code on its logits, to three significant digits.
fn shifted_result(lang: Lang) -> String {
    let s = crate::softmax::stable::<f64>(&[123.0, 456.0, 789.0]);
    lang.bracket(&s.iter().map(|&v| lang.sci(v, 3)).collect::<Vec<_>>())
}

/// A number from a counterexample.
fn number(v: &Value, key: &str) -> Option<f64> {
    v.get(key)?.as_f64()
}

/// A list from a counterexample (`"NaN"` and `"-inf"` read as such).
fn numbers(v: &Value, key: &str) -> Option<Vec<f64>> {
    v.get(key)?
        .as_array()?
        .iter()
        .map(|x| {
            x.as_f64().or_else(|| match x.as_str()? {
                "NaN" => Some(f64::NAN),
                "-inf" => Some(f64::NEG_INFINITY),
                _ => None,
            })
        })
        .collect()
}

/// What is wrong with a refuted claim, from its counterexample; `None` when
/// the claim has no text of its own (the tool's evidence is shown instead).
fn what_is_wrong(lang: Lang, c: &ClaimReport) -> Option<String> {
    let ce = c.counterexample.as_ref()?;
    let text = match c.id {
        "example" => {
            let a = numbers(ce, "a")?;
            let (i, printed, truth) = (number(ce, "i")?, number(ce, "printed")?, number(ce, "true")?);
            let s = softmax(&Logits::new(a.clone()).ok()?);
            let shown: Vec<String> = s.iter().map(|&v| lang.fixed(v, 4)).collect();
            let two: f64 = s.iter().map(|v| (v * 100.0).round() / 100.0).sum();
            let sub = super::lang::subscript(i as usize);
            match lang {
                Lang::Fr => format!("Pour a = {}, S(a) = {} : à deux décimales, S{sub} = {} s'arrondit à {}, pas à {} — l'article a tronqué. Même bien arrondies à deux décimales, les trois valeurs somment à {}, à côté de l'affirmation Σ Sᵢ = 1 ; à trois décimales elles somment à 1.", lang.list(&a), lang.bracket(&shown), lang.fixed(truth, 4), lang.fixed(truth, 2), lang.fixed(printed, 2), lang.fixed(two, 2)),
                Lang::En => format!("For a = {}, S(a) = {}: at two decimals, S{sub} = {} rounds to {}, not {} — the article truncated. Even rounded correctly to two decimals, the three values sum to {}, next to the claim Σ Sᵢ = 1; at three decimals they sum to 1.", lang.list(&a), lang.bracket(&shown), lang.fixed(truth, 4), lang.fixed(truth, 2), lang.fixed(printed, 2), lang.fixed(two, 2)),
            }
        }
        "overflow-demo" => {
            let p = numbers(ce, "naive_softmax")?;
            let limit = lang.num(f64::MAX.ln(), 5);
            match lang {
                Lang::Fr => format!("Rien ne plante : en f64, eᵃ déborde vers +∞ dès que a > {limit}, la somme vaut +∞, puis un nombre fini divisé par +∞ donne 0 et +∞/+∞ donne NaN. Le calcul renvoie {} avec un simple avertissement de numpy (« invalid value »). Le vrai danger est ce résultat faux et silencieux.", lang.list(&p)),
                Lang::En => format!("Nothing crashes: in f64, eᵃ overflows to +∞ as soon as a > {limit}, the sum is +∞, then a finite number divided by +∞ gives 0 and +∞/+∞ gives NaN. The code returns {} with a mere numpy warning (“invalid value”). The real danger is that silent wrong result.", lang.list(&p)),
            }
        }
        "quotient-rule" => {
            let a = numbers(ce, "a")?;
            let (claimed, truth) = (number(ce, "claimed")?, number(ce, "reference")?);
            match lang {
                Lang::Fr => format!("Le dénominateur doit être h(x)², pas h'(x)². Contre-exemple : S₁ = g/h en a = {} (g = 1, h = 2, g' = h' = 1) : la règle de l'article donne ∂S₁/∂a₁ = {}, la vraie valeur est {}. Les calculs qui suivent divisent bien par (Σₖ eᵃᵏ)² = h² : l'erreur ne se propage pas au résultat final.", lang.list(&a), lang.short(claimed), lang.short(truth)),
                Lang::En => format!("The denominator must be h(x)², not h'(x)². Counterexample: S₁ = g/h at a = {} (g = 1, h = 2, g' = h' = 1): the article's rule gives ∂S₁/∂a₁ = {}, the true value is {}. The computations that follow do divide by (Σₖ eᵃᵏ)² = h²: the slip does not reach the final result.", lang.list(&a), lang.short(claimed), lang.short(truth)),
            }
        }
        _ => return None,
    };
    Some(text)
}

/// What is wrong with the words of a flagged claim.
fn wording(lang: Lang, c: &ClaimReport) -> Option<String> {
    c.flag.as_ref()?;
    let text = match c.id {
        "shift-choice" => lang.pick(
            "La formule ln C = −max λⱼ est juste, mais le texte l'appelle « valeur maximale » : c'est l'opposé du maximum. Le signe compte : avec ln C = +max, les logits de l'article donnent [NaN ; NaN ; NaN].",
            "The formula ln C = −max λⱼ is right, but the text calls it “the maximum value”: it is minus the maximum. The sign matters: with ln C = +max the article's logits give [NaN, NaN, NaN].",
        ),
        _ => return c.flag.clone(),
    };
    Some(text.to_string())
}

/// The problem of a refuted or flagged claim, in plain words (the tool's
/// own evidence when the claim has no text of its own).
pub fn problem(lang: Lang, c: &ClaimReport) -> String {
    let own = if c.verdict == Verdict::Refuted { what_is_wrong(lang, c) } else { wording(lang, c) };
    own.unwrap_or_else(|| c.detail.clone())
}

/// The evidence for a claim, in plain words.
pub fn evidence(lang: Lang, c: &ClaimReport, facts: Facts) -> String {
    match c.verdict {
        Verdict::Proved | Verdict::Holds => why_true(lang, c.id, facts).unwrap_or_else(|| c.detail.clone()),
        Verdict::Refuted => lang.pick("Voir « À corriger » plus haut.", "See “To correct” above.").to_string(),
        Verdict::Undecided => c.detail.clone(),
    }
}

/// The justification of a line of the derivation, in the report's language.
pub fn step_why(lang: Lang, id: &str, english: &'static str) -> &'static str {
    let french = match id {
        "definition" => "la notation DⱼSᵢ du coefficient (i, j) de la jacobienne",
        "definition-expanded" | "diag-3" => "définition de Sᵢ",
        "g" => "Sᵢ est la fraction gᵢ / hᵢ : le numérateur",
        "h" => "Sᵢ est la fraction gᵢ / hᵢ : le dénominateur",
        "g-prime" => "eᵃⁱ ne dépend de aⱼ que si j = i, et (eˣ)′ = eˣ",
        "h-prime" => "chaque terme de la somme est constant en aⱼ, sauf eᵃʲ",
        "quotient-rule" => "la règle de l'article pour la dérivée de f = g/h, appliquée à Sᵢ = gᵢ/hᵢ",
        "diag-0" | "off-0" => "définition",
        "diag-1" => "dérivée de gᵢ/hᵢ avec g′ᵢ = h′ᵢ = eᵃⁱ (l'article met bien h² au dénominateur ici)",
        "diag-2" => "on sépare la fraction",
        "diag-4" => "on factorise Sᵢ",
        "off-1" => "dérivée de gᵢ/hᵢ avec g′ᵢ = 0, h′ᵢ = eᵃʲ",
        "off-2" => "eᵃʲeᵃⁱ/(Σₖeᵃᵏ)² se sépare en Sⱼ fois Sᵢ",
        "two-case" => "les deux cas réunis",
        "delta" => "définition du symbole de Kronecker",
        "kronecker" => "δᵢⱼ vaut 1 si i = j, 0 sinon : il réunit les deux cas",
        "matrix" => "le coefficient (i, j) de diag(S) est δᵢⱼSᵢ, celui de S Sᵀ est SᵢSⱼ",
        _ => english,
    };
    lang.pick(french, english)
}
