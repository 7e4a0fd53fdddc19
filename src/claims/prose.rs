//! Statements in prose of a kind the tool knows, in French and English:
//!
//! - **the order is kept**: « softmax préserve l'ordre », "softmax
//!   preserves the order" (or, negated, that it does not). Decided exactly:
//!   the engine proves $(S_j - S_i)\,Z = e^{a_j} - e^{a_i}$ and $Z > 0$, so
//!   $S_j - S_i$ has the sign of $a_j - a_i$ for every $N$ and every $a$;
//! - **the choice of the shift**: `\ln C = -\max_j \lambda_j` (or `c = …`,
//!   `m = \max_k a_k`), decided against the way the post applies its shift
//!   to the exponents (`e^{\lambda_j + \ln C}` adds it, `e^{a_k - m}`
//!   subtracts it): the right sign makes every exponent $\le 0$ and the
//!   largest $0$; the wrong one doubles the largest exponent, and a
//!   counterexample overflows `f64`;
//! - **the words for that choice** beside the formula (« valeur maximale »,
//!   "the maximum value"), against the formula's sign.

use super::{numbered, Finding, Fix, Kind};
use crate::article::{Document, Item};
use crate::decide::{self, Rel, Target};
use crate::derivation::Scope;
use crate::expr::notation::Notation;
use crate::expr::{Expr, Sym};
use crate::lang::Lang;
use crate::verdict::Verdict;
use serde_json::json;

/// `text` without whitespace.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Whether a sentence (lowercase) states that softmax keeps the order of
/// what it is applied to, and whether it negates it.
fn order_statement(sentence: &str) -> Option<bool> {
    let fr = sentence.contains("ordre")
        && ["conserv", "préserv", "garde", "respect", "maintenu"].iter().any(|w| sentence.contains(w));
    let en = sentence.contains("order")
        && ["preserv", "keeps", "kept", "maintain", "monoton"].iter().any(|w| sentence.contains(w));
    // About softmax's values, not the order of anything else.
    let about = [
        "softmax",
        "logit",
        "score",
        "valeur",
        "value",
        "probabilit",
        "$a",
        "$z",
        "$x",
        "`a`",
        "s_i",
        "entrée",
        "input",
    ]
    .iter()
    .any(|w| sentence.contains(w));
    if !(fr || en) || !about {
        return None;
    }
    // The negation that counts is the one in the clause about the order: "softmax is
    // not linear, but it preserves the order" keeps it; « … mais pas leurs écarts » too.
    let negation = |clause: &str| {
        let clause = format!(" {clause} ");
        [" pas ", "n'est pas", "n’est pas", " not ", "n't ", "n’t ", "never", "jamais"]
            .iter()
            .any(|w| clause.contains(w))
    };
    let mut clauses: Vec<String> = vec![sentence.to_string()];
    for cut in [",", ";", " but ", " mais ", " only ", " seulement ", " uniquement "] {
        clauses = clauses.iter().flat_map(|c| c.split(cut).map(str::to_string).collect::<Vec<_>>()).collect();
    }
    let about_order: Vec<bool> =
        clauses.iter().filter(|c| c.contains("order") || c.contains("ordre")).map(|c| negation(c)).collect();
    match about_order.as_slice() {
        [] => None,
        [first, rest @ ..] if rest.iter().all(|n| n == first) => Some(*first),
        _ => None, // the order said kept and not kept: no claim the tool reads
    }
}

/// The sentences of a line of prose (split after `.`, `;`, `!`, `?` followed by a space).
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    line.split_inclusive([';', '!', '?']).flat_map(|part| part.split_inclusive(". "))
}

/// $Z > 0$, decided by the engine.
fn positive_normaliser(config: &decide::Config) -> Result<decide::Decision, String> {
    let parse = |t: &str| crate::expr::plain::parse(t).map_err(|e| e.message);
    Ok(decide::decide_relation(&parse("Z")?, Rel::Gt, &parse("0")?, Scope::All, config))
}

/// The exact argument that softmax keeps the order, computed by the engine.
fn order_proof() -> Result<(String, String), String> {
    let config = decide::Config { diagnose: false, ..decide::Config::default() };
    let parse = |t: &str| crate::expr::plain::parse(t).map_err(|e| e.message);
    let product = parse("(S_j - S_i) * Z")?;
    let difference = parse("exp(a_j) - exp(a_i)")?;
    let identity = decide::decide(&product, &Target::Of(difference), Scope::OffDiagonal, &config);
    let positive = positive_normaliser(&config)?;
    if identity.verdict != Verdict::Proved || positive.verdict != Verdict::Proved {
        return Err(format!("(S_j − S_i) Z = e^(a_j) − e^(a_i): {}; Z > 0: {}", identity.reason, positive.reason));
    }
    Ok((
        "(S_j − S_i) Z = e^(a_j) − e^(a_i) and Z > 0 are proved exactly, and exp is increasing: S_j − S_i has the sign \
         of a_j − a_i for every N and every real a"
            .to_string(),
        "(S_j − S_i) Z = e^(a_j) − e^(a_i) et Z > 0 sont prouvées exactement, et exp est croissante : S_j − S_i a le \
         signe de a_j − a_i pour tout N et tout a réel"
            .to_string(),
    ))
}

/// The order claim in math, `a_i < a_j \implies S_i < S_j`: hypothesis on
/// two logits, conclusion on the two outputs, as (smaller index, strict).
fn order_in_math(notation: &Notation, latex: &str) -> Option<bool> {
    let pieces = crate::article::relation::joined_relations(latex);
    let [hypothesis, conclusion] = pieces.as_slice() else { return None };
    let side = |text: &str| -> Option<Expr> {
        let r = notation.read(text, None).ok()?;
        match r.row.members.as_slice() {
            [one] if !r.row.continuation => Some(one.clone()),
            _ => None,
        }
    };
    // `x REL y` as (the side claimed smaller, the larger, strict).
    let ordered = |text: &str| -> Option<(Expr, Expr, bool)> {
        let (sides, rels) = crate::article::relation::comparison_chain(text)?;
        let ([l, r], [rel]) = (sides.as_slice(), rels.as_slice()) else { return None };
        let (l, r) = (side(l)?, side(r)?);
        match rel {
            Rel::Lt => Some((l, r, true)),
            Rel::Le => Some((l, r, false)),
            Rel::Gt => Some((r, l, true)),
            Rel::Ge => Some((r, l, false)),
            Rel::Ne => None,
        }
    };
    let (h_small, h_large, h_strict) = ordered(hypothesis)?;
    let (c_small, c_large, c_strict) = ordered(conclusion)?;
    let logit = |e: &Expr| match e {
        Expr::Sym(Sym::Ai) => Some('i'),
        Expr::Sym(Sym::Aj) => Some('j'),
        _ => None,
    };
    let output = |e: &Expr| match e {
        Expr::Sym(Sym::Si) => Some('i'),
        Expr::Sym(Sym::Sj) => Some('j'),
        _ => None,
    };
    let (hs, hl, cs, cl) = (logit(&h_small)?, logit(&h_large)?, output(&c_small)?, output(&c_large)?);
    if hs == hl || cs == cl {
        return None;
    }
    // Right when the conclusion orders the outputs as the hypothesis orders the
    // logits, and is no stricter than it.
    Some(hs == cs && hl == cl && (h_strict || !c_strict))
}

/// The order claim written in math, decided.
fn order_math(line: usize, text: &str, latex: &str, right: bool) -> Finding {
    let finding =
        |verdict, (detail, fr): (String, String)| Finding::new(Kind::Order, line, text, verdict, detail).fr(fr);
    let (proof, proof_fr) = match order_proof() {
        Ok(p) => p,
        Err(why) => return finding(Verdict::Undecided, not_proved(&why)),
    };
    let f = if right {
        finding(Verdict::Proved, (proof, proof_fr))
    } else {
        let s: Vec<f64> = crate::softmax::Exact::new(&crate::Logits::new(vec![0.0, 1.0]).expect("valid"))
            .s
            .iter()
            .map(|v| v.to_f64())
            .collect();
        let equal = crate::softmax::Exact::new(&crate::Logits::new(vec![0.0, 0.0]).expect("valid")).s[0].to_f64();
        let (l, f) = (Lang::En, Lang::Fr);
        let detail = (
            format!(
                "{proof}; so the implication as written fails: at a = [0, 1] (i = 1, j = 2), S = {}, and at \
                 a = [0, 0] both are {}",
                l.bracket(&[l.fixed(s[0], 6), l.fixed(s[1], 6)]),
                l.short(equal)
            ),
            format!(
                "{proof_fr} ; l'implication telle qu'écrite est donc fausse : en a = [0 ; 1] (i = 1, j = 2), S = {}, \
                 et en a = [0 ; 0] les deux valent {}",
                f.bracket(&[f.fixed(s[0], 6), f.fixed(s[1], 6)]),
                f.short(equal)
            ),
        );
        finding(Verdict::Refuted, detail).refuted(json!({"a": [0.0, 1.0], "S": s}), None)
    };
    Finding { math: Some(latex.to_string()), ..f }
}

/// The order statement of a paragraph, decided.
fn order(line: usize, text: &str, negated: bool) -> Finding {
    let finding =
        |verdict, (detail, fr): (String, String)| Finding::new(Kind::Order, line, text, verdict, detail).fr(fr);
    let (proof, proof_fr) = match order_proof() {
        Ok(p) => p,
        Err(why) => return finding(Verdict::Undecided, not_proved(&why)),
    };
    if !negated {
        return finding(Verdict::Proved, (proof, proof_fr));
    }
    // The smallest input where the order shows: a = [0, 1].
    let a = crate::Logits::new(vec![0.0, 1.0]).expect("valid");
    let s: Vec<f64> = crate::softmax::Exact::new(&a).s.iter().map(|v| v.to_f64()).collect();
    let (l, f) = (Lang::En, Lang::Fr);
    let detail = (
        format!(
            "the post says the order is not kept, but {proof}: at a = [0, 1], S = {}",
            l.bracket(&[l.fixed(s[0], 6), l.fixed(s[1], 6)])
        ),
        format!(
            "le billet dit que l'ordre n'est pas conservé, mais {proof_fr} : en a = [0 ; 1], S = {}",
            f.bracket(&[f.fixed(s[0], 6), f.fixed(s[1], 6)])
        ),
    );
    finding(Verdict::Refuted, detail).refuted(json!({"a": [0.0, 1.0], "S": s}), None)
}

/// The engine did not prove the order argument (it always does: a defect of the tool, said).
fn not_proved(why: &str) -> (String, String) {
    (
        format!("the engine did not prove the order argument: {why}"),
        format!("le moteur n'a pas prouvé l'argument de l'ordre : {why}"),
    )
}

/// A choice of shift in one piece of math: (its name squeezed, whether it is `-\max`).
pub(crate) fn shift_choice(latex: &str) -> Option<(String, bool)> {
    let s = squeezed(latex).replace("\\limits", "").replace("\\operatorname{max}", "\\max");
    let (left, right) = s.split_once('=')?;
    let minus = right.starts_with("-\\max");
    if !(minus || right.starts_with("\\max")) || left.is_empty() || left.len() > 12 {
        return None;
    }
    Some((left.to_string(), minus))
}

/// How the post applies the shift `name` to its exponents: added (`+ \ln C`), subtracted (`- m`), or not shown.
fn applied(doc: &Document, name: &str) -> Option<bool> {
    let math = doc.items.iter().filter_map(|i| match i {
        Item::Math { latex, .. } => Some(squeezed(latex)),
        _ => None,
    });
    let (mut added, mut subtracted) = (false, false);
    for m in math {
        for end in ["}", ")"] {
            added |= m.contains(&format!("+{name}{end}"));
            subtracted |= m.contains(&format!("-{name}{end}"));
        }
        // `a_k - m` on its own, as a post names the shifted exponents.
        added |= m.ends_with(&format!("+{name}"));
        subtracted |= m.ends_with(&format!("-{name}"));
    }
    match (added, subtracted) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// The choice of shift, decided against how the post applies it.
fn decide_choice(line: usize, text: &str, name: &str, minus: bool, added: bool) -> Finding {
    let finding =
        |verdict, (detail, fr): (String, String)| Finding::new(Kind::ShiftChoice, line, text, verdict, detail).fr(fr);
    let sign = if added { "+" } else { "−" };
    let minus_sign = if minus { "−" } else { "" };
    if minus == added {
        return finding(
            Verdict::Proved,
            (
                format!(
                    "the exponents are shifted by {sign}{name}; with {name} = {minus_sign}max, each shifted exponent is \
                     x_k − max ≤ 0 and the largest is 0, so every exponential is in (0, 1], one is 1, and the denominator \
                     is between 1 and N: nothing overflows"
                ),
                format!(
                    "les exposants sont décalés de {sign}{name} ; avec {name} = {minus_sign}max, chaque exposant décalé \
                     x_k − max est ≤ 0 et le plus grand vaut 0 : chaque exponentielle est dans ]0 ; 1], l'une vaut 1, et le \
                     dénominateur est entre 1 et N : rien ne déborde"
                ),
            ),
        );
    }
    // The wrong sign doubles the largest exponent: at a single logit x, 2x overflows once x > ln(MAX)/2.
    let x = (f64::MAX.ln() / 2.0).ceil();
    let shifted = 2.0 * x;
    let limit = f64::MAX.ln();
    let detail = (
        format!(
            "the exponents are shifted by {sign}{name}, so {name} = {minus_sign}max makes the largest exponent 2·max: at \
             a = [{x}], e^{shifted} overflows f64 (ln of the largest f64 is {}), while a = [{x}] itself needs no shift",
            Lang::En.fixed(limit, 2)
        ),
        format!(
            "les exposants sont décalés de {sign}{name} : {name} = {minus_sign}max double donc le plus grand exposant, \
             2·max. En a = [{x}], e^{shifted} déborde des f64 (le ln du plus grand f64 vaut {}), alors que a = [{x}] \
             n'a besoin d'aucun décalage",
            Lang::Fr.fixed(limit, 2)
        ),
    );
    finding(Verdict::Refuted, detail).refuted(json!({"a": [x], "shifted_exponent": shifted, "exp": "inf"}), None)
}

/// Where the prose (outside its math) names the value the maximum: the byte
/// range of the phrase (the noun before a French adjective `maximal…`, or
/// `the` before `maximum`/`largest`) and what to insert before it to say the
/// opposite, in the prose's language.
fn maximum_phrase(text: &str) -> Option<(usize, usize, &'static str)> {
    // Only the prose: math spans are blanked, byte for byte (offsets kept).
    let mut prose = String::with_capacity(text.len());
    let mut in_math = false;
    for c in text.chars() {
        if c == '$' {
            in_math = !in_math;
            prose.push(' ');
        } else if in_math {
            prose.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            prose.push(c.to_ascii_lowercase());
        }
    }
    let word_before = |end: usize| -> usize {
        let before = prose[..end].trim_end();
        before.rfind(char::is_whitespace).map_or(0, |k| k + 1)
    };
    if let Some(k) = prose.find(" maximal") {
        let start = word_before(k);
        return Some((start, k + " maximal".len(), "l'opposé de la "));
    }
    for w in [" maximum", " largest"] {
        if let Some(k) = prose.find(&format!(" the{w}")) {
            return Some((k + 1, k + 4 + w.len(), "minus "));
        }
    }
    None
}

/// The words beside a choice of shift: when the formula is `-\max` and the
/// prose calls the value the maximum, without a word for the opposite,
/// refuted and corrected in place; else the words hold.
fn wording(line: usize, text: &str, name: &str, minus: bool) -> Option<Finding> {
    let (start, end, insert) = maximum_phrase(text)?;
    let lower = text.to_lowercase();
    let negated =
        ["opposé", "oppose", "moins", "négati", "negati", "minus", "opposite"].iter().any(|w| lower.contains(w));
    let words = text[start..end].trim().to_string();
    let finding =
        |verdict, (detail, fr): (String, String)| Finding::new(Kind::ShiftWording, line, text, verdict, detail).fr(fr);
    if !minus || negated {
        return Some(finding(
            Verdict::Holds,
            (
                format!("the words « {words}… » agree with the formula's sign for {name}"),
                format!("les mots « {words}… » s'accordent avec le signe de la formule pour {name}"),
            ),
        ));
    }
    // « la valeur maximale »: the article before the noun is replaced with the phrase's own.
    let (head, tail) = text[..start].trim_end().rsplit_once(' ').unwrap_or(("", text[..start].trim_end()));
    let determiner = ["la", "le", "l'", "the"].contains(&tail.to_lowercase().as_str());
    let new = if determiner {
        format!("{head}{}{insert}{}", if head.is_empty() { "" } else { " " }, &text[start..])
    } else {
        format!("{}{insert}{}", &text[..start], &text[start..])
    };
    let detail = (
        format!("the prose calls {name} « {words}… », but its formula is −max: it is the opposite of the maximum"),
        format!("le texte appelle {name} « {words}… », mais sa formule est −max : c'est l'opposé du maximum"),
    );
    Some(
        finding(Verdict::Refuted, detail)
            .refuted(json!({"words": words}), Some(Fix { line, old: text.to_string(), new })),
    )
}

/// Finds the prose claims of the post, each at the line that states it.
pub(crate) fn find(markdown: &str, doc: &Document, in_code: &dyn Fn(usize) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let lines: Vec<&str> = markdown.lines().collect();
    for (line, text) in numbered(markdown).filter(|(n, _)| !in_code(*n)) {
        if let Some(negated) = sentences(text).find_map(|sentence| order_statement(&sentence.to_lowercase())) {
            out.push(order(line, text, negated));
        }
    }
    let notation = crate::article::notation(doc);
    for item in &doc.items {
        let Item::Math { latex, line, .. } = item else { continue };
        if let Some(right) = order_in_math(&notation, latex) {
            let text = lines.get(line - 1).copied().unwrap_or_default();
            out.push(order_math(*line, text, latex, right));
            continue;
        }
        let Some((name, minus)) = shift_choice(latex) else { continue };
        let Some(text) = lines.get(line - 1) else { continue };
        let shown =
            latex.split_once('=').map_or(name.clone(), |(l, _)| l.split_whitespace().collect::<Vec<_>>().join(" "));
        match applied(doc, &name) {
            Some(added) => {
                out.push(Finding { math: Some(latex.clone()), ..decide_choice(*line, text, &shown, minus, added) })
            }
            None => continue,
        }
        // The words: on the formula's line, or the line above it in the same paragraph.
        let above = (*line > 1).then(|| (line - 1, lines[line - 2])).filter(|(_, t)| !t.trim().is_empty());
        if let Some(w) =
            wording(*line, text, &shown, minus).or_else(|| above.and_then(|(n, t)| wording(n, t, &shown, minus)))
        {
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::read;

    fn verdicts(post: &str) -> Vec<(Kind, usize, Verdict)> {
        let doc = read(post);
        find(post, &doc, &|_| false).iter().map(|f| (f.id, f.line, f.verdict)).collect()
    }

    #[test]
    fn the_order_kept_is_proved_and_its_negation_refuted() {
        assert_eq!(verdicts("Softmax conserve l'ordre des logits.\n"), vec![(Kind::Order, 1, Verdict::Proved)]);
        assert_eq!(verdicts("Softmax does not preserve the order.\n"), vec![(Kind::Order, 1, Verdict::Refuted)]);
        assert!(verdicts("The order of the sections is arbitrary.\n").is_empty());
        // A negation about something else is not a negation of the order.
        for kept in [
            "Softmax is not linear, but it preserves the order.\n",
            "Softmax preserves the order of the logits, but not the differences between them.\n",
            "Softmax does not preserve the ratios between logits, only their order.\n",
            "La softmax conserve l'ordre des $z_i$ mais pas leurs écarts.\n",
        ] {
            assert_eq!(verdicts(kept), vec![(Kind::Order, 1, Verdict::Proved)], "{kept}");
        }
    }

    #[test]
    fn the_shift_choice_against_how_it_is_applied_and_its_words() {
        let added = "$$\\frac{e^{x_i + \\ln C}}{\\sum_k e^{x_k + \\ln C}}$$\n\nOn prend la valeur maximale : $$\\ln C = -\\max_k x_k$$\n";
        assert_eq!(
            verdicts(added),
            vec![(Kind::ShiftChoice, 3, Verdict::Proved), (Kind::ShiftWording, 3, Verdict::Refuted)]
        );
        let fixed = added.replace("la valeur maximale", "l'opposé de la valeur maximale");
        assert_eq!(verdicts(&fixed)[1].2, Verdict::Holds);
        let doc = read(added);
        let found = find(added, &doc, &|_| false);
        assert_eq!(
            found[1].fix.as_ref().unwrap().new,
            "On prend l'opposé de la valeur maximale : $$\\ln C = -\\max_k x_k$$"
        );
        let english = added.replace("On prend la valeur maximale :", "We take the maximum value:");
        let found = find(&english, &read(&english), &|_| false);
        assert_eq!(found[1].fix.as_ref().unwrap().new, "We take minus the maximum value: $$\\ln C = -\\max_k x_k$$");
        let wrong = added.replace("-\\max", "\\max");
        assert_eq!(verdicts(&wrong)[0], (Kind::ShiftChoice, 3, Verdict::Refuted));
        let subtracted = "$$e^{a_i - m}$$\n\n$$m = \\max_k a_k$$\n";
        let order = "$$a_i < a_j \\implies S_i < S_j$$\n";
        assert_eq!(verdicts(order), vec![(Kind::Order, 1, Verdict::Proved)]);
        assert_eq!(verdicts(&order.replace("S_i < S_j", "S_i > S_j"))[0].2, Verdict::Refuted);
        assert_eq!(verdicts(&order.replace("a_i < a_j", "a_i \\le a_j"))[0].2, Verdict::Refuted);
        assert_eq!(verdicts(subtracted), vec![(Kind::ShiftChoice, 3, Verdict::Proved)]);
    }
}
