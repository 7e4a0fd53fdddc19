//! The code a post shows for the overflow and its fix, read line by line
//! with the post's own variable names: a list assigned to a name
//! (`z = np.array([…])`), softmax computed as written
//! (`np.exp(z) / np.sum(np.exp(z))`), the shift by the maximum
//! (`z -= np.max(z)`, `z = z - z.max()`), and the program's printed output
//! (an indented block after the code, `array([…])` or `[…]`).
//!
//! What a comment says is a claim: that the line crashes (f64 never traps:
//! refuted, with the values it returns), that it returns NaN or overflows,
//! that it works, or the values it gives. Values are computed as numpy
//! computes them (`f64`, the naive formula as written) and against the exact
//! softmax ([`crate::softmax::Exact`]). Running the code itself is issue 18.

use super::lists::{self, Printed};
use super::{logits_json, Finding, Fix, Kind};
use crate::article::{Document, Item};
use crate::lang::{subscript, Lang};
use crate::softmax::{self, Exact};
use crate::verdict::Verdict;
use crate::Logits;
use serde_json::json;
use std::collections::HashMap;

/// `text` without whitespace.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// An identifier at the start of `s`.
fn ident(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    (end > 0 && !s.starts_with(|c: char| c.is_ascii_digit())).then(|| &s[..end])
}

/// `NAME = np.array([…])` or `NAME = […]`: the name and the numbers.
fn assignment(code: &str) -> Option<(String, Vec<f64>)> {
    let (left, right) = code.split_once('=')?;
    let name = ident(left.trim())?;
    if left.trim() != name || right.starts_with('=') {
        return None;
    }
    let right = squeezed(right);
    let inner = right.strip_prefix("np.array(").or(right.strip_prefix("numpy.array(")).unwrap_or(&right);
    let inside = inner.strip_prefix('[')?.split(']').next()?;
    let values = lists::items(inside)?.iter().map(|p| p.value).collect();
    Some((name.to_string(), values))
}

/// The name softmax is computed of, as written: `np.exp(X) / np.sum(np.exp(X))`,
/// `np.exp(X) / np.exp(X).sum()`, `np.exp(X) / sum(np.exp(X))`.
fn naive_softmax_of(code: &str) -> Option<String> {
    let s = squeezed(code);
    let start = s.find("np.exp(")? + "np.exp(".len();
    let name = ident(&s[start..])?;
    let forms = [
        format!("np.exp({name})/np.sum(np.exp({name}))"),
        format!("np.exp({name})/np.exp({name}).sum()"),
        format!("np.exp({name})/sum(np.exp({name}))"),
    ];
    forms.iter().any(|f| s.contains(f.as_str())).then(|| name.to_string())
}

/// `X -= np.max(X)`, `X = X - np.max(X)`, `X -= X.max()`: the name shifted.
fn shift_of(code: &str) -> Option<String> {
    let s = squeezed(code);
    let name = ident(&s)?;
    let forms = [
        format!("{name}-=np.max({name})"),
        format!("{name}-={name}.max()"),
        format!("{name}={name}-np.max({name})"),
        format!("{name}={name}-{name}.max()"),
    ];
    forms.iter().any(|f| s.starts_with(f.as_str())).then(|| name.to_string())
}

/// Values as numpy prints them: `nan`, `0.0`, `5.75e-290`.
fn numpy_list(values: &[f64]) -> String {
    let shown: Vec<String> =
        values.iter().map(|&v| if v.is_nan() { "nan".to_string() } else { crate::format_number(v) }).collect();
    format!("[{}]", shown.join(", "))
}

/// Whether the comment is written in French (the correction is written in the comment's language).
pub(crate) fn french(comment: &str) -> bool {
    let lower = comment.to_lowercase();
    ["plante", "devient", "fonctionne", "renvoie", "donne", "correctement", "machine", "é", "è"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Decides the comment of a naive softmax line computed at `logits`.
fn overflow_demo(line: usize, text: &str, comment: &str, logits: &[f64]) -> Option<Finding> {
    let p = softmax::naive::<f64>(logits);
    let lower = comment.to_lowercase();
    let negated = ["ne plante", "not crash", "n't crash", "no crash", "sans planter"].iter().any(|w| lower.contains(w));
    let crash = !negated && ["plante", "crash", "segfault"].iter().any(|w| lower.contains(w));
    let overflow_words = ["nan", "inf", "overflow", "déborde", "debord"].iter().any(|w| lower.contains(w));
    let works = ["fonctionne", "works", "correct"].iter().any(|w| lower.contains(w));
    if !(crash || overflow_words || works) {
        return None;
    }
    let overflowing: Vec<String> = logits.iter().filter(|v| v.exp().is_infinite()).map(|v| format!("e^{v}")).collect();
    let finite = p.iter().all(|v| v.is_finite());
    let (why, why_fr) = if overflowing.is_empty() {
        (String::new(), String::new())
    } else {
        let terms = overflowing.join(", ");
        let (verb, verb_fr) =
            if overflowing.len() > 1 { ("overflow", "débordent") } else { ("overflows", "déborde") };
        (
            format!(
                ": {terms} {verb} to +inf (ln of the largest f64 is {}), the sum is +inf, finite/inf = 0 and inf/inf = NaN",
                Lang::En.fixed(f64::MAX.ln(), 2)
            ),
            format!(
                " : {terms} {verb_fr} vers +inf (le ln du plus grand f64 vaut {}), la somme vaut +inf, fini/inf = 0 et \
                 inf/inf = NaN",
                Lang::Fr.fixed(f64::MAX.ln(), 2)
            ),
        )
    };
    let (computed, computed_fr) =
        (format!("f64 gives p = {}{why}", numpy_list(&p)), format!("en f64, p = {}{why_fr}", numpy_list(&p)));
    let finding = |verdict, (detail, fr): (String, String)| {
        Finding::new(Kind::OverflowDemo, line, text, verdict, detail).fr(fr).at(logits)
    };
    let right = if crash {
        false
    } else if overflow_words {
        !finite
    } else {
        finite && accurate(logits, &p)
    };
    if right {
        return Some(finding(
            Verdict::Holds,
            (
                format!("the comment says what the line does: {computed}"),
                format!("le commentaire dit ce que fait la ligne : {computed_fr}"),
            ),
        ));
    }
    let detail = if crash {
        (
            format!(
                "{computed}. Nothing crashes: f64 arithmetic never traps; the result is {}",
                if finite { "finite" } else { "silently wrong (NaN)" }
            ),
            format!(
                "{computed_fr}. Rien ne plante : l'arithmétique des f64 ne s'interrompt jamais ; le résultat est {}",
                if finite { "fini" } else { "faux, sans avertissement (NaN)" }
            ),
        )
    } else {
        (format!("the comment says otherwise: {computed}"), format!("le commentaire dit autre chose : {computed_fr}"))
    };
    let new_comment = match (french(comment), finite) {
        (true, true) => "# Fonctionne".to_string(),
        (true, false) => format!(
            "# Ne plante pas mais renvoie {} : exp déborde, la somme vaut inf et inf/inf donne nan",
            numpy_list(&p)
        ),
        (false, true) => "# Works".to_string(),
        (false, false) => {
            format!("# Does not crash but returns {}: exp overflows, the sum is inf and inf/inf is nan", numpy_list(&p))
        }
    };
    let hash = text.find('#').unwrap_or(text.len());
    let fix = Fix { line, old: text.to_string(), new: format!("{}{new_comment}", &text[..hash]) };
    let shown: Vec<serde_json::Value> =
        p.iter().map(|v| if v.is_finite() { json!(v) } else { json!(format!("{v}")) }).collect();
    let ce = json!({"a": logits_json(logits), "naive_softmax": shown});
    Some(finding(Verdict::Refuted, detail).refuted(ce, Some(fix)))
}

/// Whether the f64 values `p` are each within their rounding bound of the exact softmax of `logits`.
fn accurate(logits: &[f64], p: &[f64]) -> bool {
    let Ok(a) = Logits::new(logits.to_vec()) else { return false };
    let exact = Exact::new(&a);
    let bounded = softmax::bounded(&a);
    p.iter().zip(&exact.s).zip(&bounded).all(|((&v, s), b)| {
        let truth = s.to_f64();
        crate::tolerance::within((v - truth).abs(), crate::tolerance::against_exact(*b, truth) + (v - b.value).abs())
    })
}

/// Decides the shifted logits a comment gives.
// Exact comparison: the claim is that the subtraction gives these numbers exactly.
#[allow(clippy::float_cmp)]
fn shifted_logits(line: usize, text: &str, comment: &str, before: &[f64], after: &[f64]) -> Option<Finding> {
    let claimed: Vec<f64> = lists::in_line(comment).into_iter().next()?.2.iter().map(|p| p.value).collect();
    let m = before.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let finding = |verdict, (detail, fr): (String, String)| {
        Finding::new(Kind::ShiftedLogits, line, text, verdict, detail).fr(fr).at(before)
    };
    let (b, a) = (numpy_list(before), numpy_list(after));
    if claimed == after {
        return Some(finding(
            Verdict::Holds,
            (format!("max = {m}; {b} − {m} = {a}, exactly"), format!("max = {m} ; {b} − {m} = {a}, exactement")),
        ));
    }
    let c = numpy_list(&claimed);
    let detail = (format!("{b} − {m} = {a}, not {c}"), format!("{b} − {m} = {a}, et non {c}"));
    let new = text.replacen(&lists_text(comment).unwrap_or_default(), &numpy_list(after), 1);
    let fix = (new != text).then(|| Fix { line, old: text.to_string(), new });
    Some(finding(Verdict::Refuted, detail).refuted(json!({"computed": after}), fix))
}

/// The first bracketed list of `text`, as written.
fn lists_text(text: &str) -> Option<String> {
    let open = text.find('[')?;
    let close = open + text[open..].find(']')?;
    Some(text[open..=close].to_string())
}

/// Decides printed output against the softmax of `logits`, at the printed precision,
/// both the exact value and what the f64 code computed.
fn printed_result(line: usize, text: &str, printed: &[Printed], logits: &[f64], computed: &[f64]) -> Finding {
    let finding = |verdict, (detail, fr): (String, String)| {
        Finding::new(Kind::PrintedResult, line, text, verdict, detail).fr(fr).at(logits)
    };
    let Ok(a) = Logits::new(logits.to_vec()) else {
        let why = (
            "the logits computed with are not a valid vector".into(),
            "les logits du calcul ne forment pas un vecteur valide".into(),
        );
        return finding(Verdict::Undecided, why);
    };
    if printed.len() != a.len() {
        let (k, n) = (printed.len(), a.len());
        return finding(
            Verdict::Undecided,
            (format!("{k} values printed for {n} logits"), format!("{k} valeurs imprimées pour {n} logits")),
        );
    }
    let truth: Vec<f64> = Exact::new(&a).s.iter().map(|s| s.to_f64()).collect();
    for (i, p) in printed.iter().enumerate() {
        for (what, what_fr, value) in [("exact", "exacte", truth[i]), ("f64 code", "du code en f64", computed[i])] {
            // NaN never agrees.
            if !crate::tolerance::within((value - p.value).abs(), p.half_unit()) {
                let k = subscript(i + 1);
                let said = |l: Lang| (l.sci(value, 6), l.exact(p.value), l.short(p.half_unit()));
                let ((v, q, h), (v_fr, q_fr, h_fr)) = (said(Lang::En), said(Lang::Fr));
                let detail = (
                    format!("{what} S{k} = {v}, printed {q} (half a unit of its last digit is {h})"),
                    format!("valeur {what_fr} S{k} = {v_fr}, imprimée {q_fr} (une demi-unité de son dernier chiffre vaut {h_fr})"),
                );
                return finding(Verdict::Refuted, detail)
                    .refuted(json!({"i": i + 1, "printed": p.value, what: value}), None);
            }
        }
    }
    let exact = |l: Lang| l.bracket(&truth.iter().map(|&v| l.sci(v, 7)).collect::<Vec<_>>());
    let code = numpy_list(computed);
    finding(
        Verdict::Holds,
        (
            format!("exact S = {}, and the f64 code gives {code}: both match the printed values to their last digit", exact(Lang::En)),
            format!(
                "S exacte = {}, et le code en f64 donne {code} : les deux coïncident avec les valeurs imprimées jusqu'au \
                 dernier chiffre",
                exact(Lang::Fr)
            ),
        ),
    )
}

/// Finds and decides the claims of every code block of the post, in order.
pub(crate) fn find(doc: &Document) -> Vec<Finding> {
    let mut env: HashMap<String, Vec<f64>> = HashMap::new();
    // The last softmax computed: the logits it was computed of, and what f64 gave.
    let mut last: Option<(Vec<f64>, Vec<f64>)> = None;
    let mut out = Vec::new();
    for item in &doc.items {
        let Item::Code { info, text, line } = item else { continue };
        if info.is_none() {
            // Printed output: the values of the last softmax computed.
            if let Some((logits, computed)) = last.take() {
                let printed = text.lines().enumerate().find_map(|(k, l)| {
                    let found = lists::in_line(l).into_iter().next()?;
                    Some((line + k, l, found.2))
                });
                if let Some((n, l, values)) = printed {
                    out.push(printed_result(n, l, &values, &logits, &computed));
                }
            }
            continue;
        }
        for (k, raw) in text.lines().enumerate() {
            let n = line + k;
            let (code, comment) = match raw.split_once('#') {
                Some((c, m)) => (c, Some(m.trim())),
                None => (raw, None),
            };
            if let Some((name, values)) = assignment(code) {
                env.insert(name, values);
            } else if let Some(name) = shift_of(code) {
                let Some(before) = env.get(&name).cloned() else { continue };
                let m = before.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let after: Vec<f64> = before.iter().map(|v| v - m).collect();
                if let Some(f) = comment.and_then(|c| shifted_logits(n, raw, c, &before, &after)) {
                    out.push(f);
                }
                env.insert(name, after);
            } else if let Some(name) = naive_softmax_of(code) {
                let Some(logits) = env.get(&name).cloned() else { continue };
                if let Some(f) = comment.and_then(|c| overflow_demo(n, raw, c, &logits)) {
                    out.push(f);
                }
                last = Some((logits.clone(), softmax::naive::<f64>(&logits)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::read;

    fn kinds(post: &str) -> Vec<(Kind, usize, Verdict)> {
        find(&read(post)).iter().map(|f| (f.id, f.line, f.verdict)).collect()
    }

    #[test]
    fn code_is_read_with_its_own_names() {
        let post = "```python\nscores = np.array([800, 900, 1000])\nq = np.exp(scores) / np.sum(np.exp(scores)) # crashes\nscores -= np.max(scores) # now [-200, -100, 0]\nq = np.exp(scores) / np.sum(np.exp(scores)) # works\nprint(q)\n```\n\n    [1.4e-87 3.7e-44 1.0e+00]\n";
        assert_eq!(
            kinds(post),
            vec![
                (Kind::OverflowDemo, 3, Verdict::Refuted),
                (Kind::ShiftedLogits, 4, Verdict::Holds),
                (Kind::OverflowDemo, 5, Verdict::Holds),
                (Kind::PrintedResult, 9, Verdict::Holds)
            ]
        );
        let wrong = post.replace("[-200, -100, 0]", "[-100, -100, 0]").replace("3.7e-44", "3.8e-44");
        assert_eq!(
            kinds(&wrong).iter().map(|k| k.2).collect::<Vec<_>>(),
            vec![Verdict::Refuted, Verdict::Refuted, Verdict::Holds, Verdict::Refuted]
        );
    }

    #[test]
    fn a_comment_that_says_nan_where_nan_comes_holds() {
        let post =
            "```python\nz = [1000.0, 1001.0]\np = np.exp(z) / np.sum(np.exp(z))  # [nan, nan]: exp overflows\n```\n";
        assert_eq!(kinds(post), vec![(Kind::OverflowDemo, 3, Verdict::Holds)]);
    }
}
