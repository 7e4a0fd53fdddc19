//! Worked examples wherever a post writes them: `a = [x y z]` … `S(a) = [p q r]`
//! in inline code, math or plain text, `softmax([2, 1, 0]) = [0.665, 0.245, 0.090]`,
//! decimal point or comma. Each printed value is judged at its own printed
//! precision: it must be within half a unit of its last digit of the exact
//! softmax (double-double, [`crate::softmax::Exact`], whose error is below
//! $10^{-28}$ relative, far below any printed digit).

use super::lists::{self, Printed};
use super::{logits_json, numbered, Finding, Fix, Kind};
use crate::lang::{subscript, Lang};
use crate::softmax::Exact;
use crate::verdict::Verdict;
use crate::Logits;
use serde_json::json;

/// Names of softmax, as posts apply it: `S(a)`, `softmax(z)`, `\sigma(z)`, `σ(z)`.
const SOFTMAX_NAMES: &[&str] =
    &["S", "softmax", "Softmax", "\\sigma", "σ", "\\text{softmax}", "\\operatorname{softmax}", "\\mathrm{softmax}"];

/// The name a list is assigned to in `before` (`a = `, `\mathbf{z} = `, `` `x = ``), if any.
fn assigned_name(before: &str) -> Option<String> {
    let t = before.trim_end().strip_suffix('=')?.trim_end();
    let t = t.trim_end_matches('}');
    let start = t.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |k| k + 1);
    let name = &t[start..];
    // A name, not a power or an index of something (`e^{a} = […]` is not `a`):
    // before it, nothing, a separator, or a font command's brace (`\mathbf{z}`).
    let head = &t[..start];
    let ok = match head.chars().next_back() {
        None => true,
        Some('{') => {
            head[..head.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic())
                && head[..head.len() - 1].trim_end_matches(|c: char| c.is_ascii_alphabetic()).ends_with('\\')
        }
        Some(c) => !matches!(c, '^' | '_' | '\\' | '.') && !c.is_alphanumeric(),
    };
    (!name.is_empty() && ok).then(|| name.to_string())
}

/// Whether `text` applies softmax to `name`: `S(a)`, `softmax(z)`, `\sigma(\mathbf z)`.
fn applies_softmax(text: &str, name: &str) -> bool {
    let squeezed: String = text
        .split_whitespace()
        .collect::<String>()
        .replace("\\mathbf", "")
        .replace("\\boldsymbol", "")
        .replace(['{', '}', '$', '`'], "");
    // `S(a) = […]` itself: not `S(a) - y = […]`.
    SOFTMAX_NAMES.iter().any(|f| {
        let f: String = f.replace(['{', '}'], "");
        squeezed.ends_with(&format!("{f}({name})="))
    }) && !inside_an_operation(text)
}

/// Whether the call that ends `text` (`… S(a) =`, `… softmax(`) stands inside
/// an operation: a name glued before it (`log_softmax`), or an operator or a
/// function before it (`1 - softmax(`, `np.log(softmax(`, `\log \text{softmax}(`).
fn inside_an_operation(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('=').trim_end();
    // The call's head: back to the name of softmax.
    let Some(k) = SOFTMAX_NAMES
        .iter()
        .filter_map(|f| t.rfind(f).map(|k| (k, f.len())))
        .max_by_key(|&(k, len)| (k, std::cmp::Reverse(len)))
        .map(|(k, _)| k)
    else {
        return false;
    };
    let mut head = &t[..k];
    // `\text{softmax}`, `\operatorname{softmax}`: the head is before the command.
    if let Some(h) = head.strip_suffix('{') {
        head = h.trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end_matches('\\');
    }
    let glued = head.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.');
    let before = head.trim_end_matches(|c: char| c.is_whitespace() || c == '$' || c == '`');
    let operator = before.ends_with(|c: char| "-+*/(".contains(c))
        || ["\\log", "\\ln", "\\exp", "log", "ln"].iter().any(|f| before.ends_with(f));
    glued || operator
}

/// Whether `before` ends with softmax applied to the list that follows (`softmax([`).
fn calls_softmax(before: &str) -> bool {
    let squeezed: String = before.split_whitespace().collect::<String>().replace(['{', '}'], "");
    // Softmax itself, not `log_softmax(`, `np.log(softmax(`, `1 - softmax(`, `\log\text{softmax}(`.
    SOFTMAX_NAMES.iter().any(|f| squeezed.ends_with(&format!("{}(", f.replace(['{', '}'], ""))))
        && !inside_an_operation(before.trim_end().trim_end_matches('('))
}

/// Whether what lies between the list softmax is applied to and the printed
/// list is the call's end and `=` (`]) = `, perhaps through other members
/// written equal to it): not `] / 2) = `, not `])**2 = `.
fn call_ends_at_equals(between: &str) -> bool {
    let Some(close) = between.find(']') else { return false };
    let rest: String = between[close + 1..].split_whitespace().collect::<String>().replace(['$', '`'], "");
    // `softmax([…]) = […]`, or through intermediate members: `softmax([…]) = \left[\frac{…}{…}, …\right] = […]`.
    (rest.starts_with(")=") || rest.starts_with("\\right)=")) && rest.ends_with('=')
}

/// Finds every worked example on a line outside code: a list of logits, then
/// a list of softmax's values for them — `S(a) = […]` after `a = […]`,
/// `softmax([…]) = […]`, `[…] → […]` on a line that names softmax, or a row of
/// a table whose header names softmax; decides each.
pub(crate) fn find(markdown: &str, in_code: &dyn Fn(usize) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    // Inside a table whose header names softmax: each row is an example (logits, then S).
    let mut softmax_table = false;
    for (line, text) in numbered(markdown).filter(|(n, _)| !in_code(*n)) {
        let row = text.trim_start().starts_with('|');
        if !row {
            softmax_table = false;
        } else if !softmax_table {
            let lower = text.to_lowercase();
            softmax_table =
                ["softmax", "s(", "σ", "\\sigma"].iter().any(|w| lower.contains(w)) && lists::in_line(text).is_empty();
        }
        let found = lists::in_line(text);
        for k in 1..found.len() {
            let (open, _, printed) = &found[k];
            // `S(a) = […]`: applied to the nearest list assigned to `a` before it
            // (`a = […]; e^{a} = […] and S(a) = […]`).
            let named = (0..k).rev().find(|&m| {
                let (first_open, input_before, _) = &found[m];
                assigned_name(input_before).is_some_and(|name| applies_softmax(&text[*first_open..*open], &name))
            });
            let (first_open, input_before, input) = &found[named.unwrap_or(k - 1)];
            let between = &text[*first_open..*open];
            let applied = named.is_some();
            let called = calls_softmax(input_before) && call_ends_at_equals(between);
            let arrow = (between.contains('→') || between.contains("\\to") || between.contains("\\mapsto"))
                && text.to_lowercase().contains("softmax");
            let tabled = softmax_table && between.contains('|');
            if !(applied || called || arrow || tabled) {
                continue;
            }
            let values: Vec<f64> = input.iter().map(|p| p.value).collect();
            let Ok(a) = Logits::new(values) else { continue };
            out.push(decide(line, text, *open, &a, printed));
        }
    }
    out
}

/// How a value is printed in the post's style: its decimal mark and digits.
fn styled(v: f64, decimals: usize, comma: bool) -> String {
    let s = format!("{v:.decimals$}");
    if comma {
        s.replace('.', ",")
    } else {
        s
    }
}

/// Decides one example: `printed` (the list at byte `open` of `text`) against $S(a)$.
fn decide(line: usize, text: &str, open: usize, a: &Logits, printed: &[Printed]) -> Finding {
    let truth: Vec<f64> = Exact::new(a).s.iter().map(|s| s.to_f64()).collect();
    let shown_in = |lang: Lang| lang.bracket(&truth.iter().map(|&v| lang.fixed(v, 6)).collect::<Vec<_>>());
    let (shown, shown_fr) = (shown_in(Lang::En), shown_in(Lang::Fr));
    let base = |verdict, (detail, fr): (String, String)| Finding {
        printed: Some(printed.iter().map(|p| (p.value, p.decimals)).collect()),
        ..Finding::new(Kind::Example, line, text, verdict, detail).fr(fr).at(a.as_slice())
    };
    if printed.len() != truth.len() {
        let (n, m) = (truth.len(), printed.len());
        let detail = (
            format!("a has {n} entries but S(a) is printed with {m}"),
            format!("a a {n} composantes, mais S(a) est imprimé avec {m}"),
        );
        return base(Verdict::Undecided, detail);
    }
    let off: Vec<usize> =
        (0..truth.len()).filter(|&i| (truth[i] - printed[i].value).abs() > printed[i].half_unit()).collect();
    // A value within 1e-12 of a rounding boundary: which way it rounds is not certain at double-double's
    // error bound once printed through f64; say so rather than decide.
    let borderline =
        (0..truth.len()).any(|i| ((truth[i] - printed[i].value).abs() - printed[i].half_unit()).abs() < 1e-12);
    if borderline {
        return base(
            Verdict::Undecided,
            (
                format!("S(a) = {shown}: a value lies on a rounding boundary of its printed digits"),
                format!("S(a) = {shown_fr} : une valeur tombe sur une limite d'arrondi de ses chiffres imprimés"),
            ),
        );
    }
    let Some(&i) = off.first() else {
        return base(
            Verdict::Holds,
            (
                format!("S(a) = {shown}, each printed value within half a unit of its last digit"),
                format!(
                    "S(a) = {shown_fr} : chaque valeur imprimée est à moins d'une demi-unité de son dernier chiffre"
                ),
            ),
        );
    };
    let p = printed[i];
    let close = open + text[open..].find(']').unwrap_or(text.len() - open);
    let inside = &text[open + 1..close];
    let comma = inside.contains(',') && !inside.contains(", ") && inside.contains(' ') || inside.contains("{,}");
    let truncated = (truth[i] * 10f64.powi(p.decimals as i32)).trunc() / 10f64.powi(p.decimals as i32);
    let was_truncated = (truncated - p.value).abs() < 1e-12;
    let (d, k) = (p.decimals, subscript(i + 1));
    let error = (truth[i] - p.value).abs();
    let said = |lang: Lang| {
        let (t, r, q) = (lang.fixed(truth[i], 6), lang.fixed(truth[i], d), lang.fixed(p.value, d));
        let (e, h) = (lang.sci(error, 3), lang.short(p.half_unit()));
        match lang {
            Lang::En => format!(
                "S(a) = {shown}; at {d} decimals S{k} = {t} rounds to {r}, not {q} (|error| {e} > {h}{})",
                if was_truncated { ": truncated, not rounded" } else { "" }
            ),
            Lang::Fr => format!(
                "S(a) = {shown_fr} ; à {d} décimales, S{k} = {t} s'arrondit à {r}, pas à {q} (|erreur| {e} > {h}{})",
                if was_truncated { " : la valeur est tronquée, pas arrondie" } else { "" }
            ),
        }
    };
    let detail = (said(Lang::En), said(Lang::Fr));
    // The correction at the post's precision, one more digit while a non-zero value would print as 0.
    let mut d = printed.iter().map(|p| p.decimals).max().unwrap_or(2);
    while d < 12 && truth.iter().any(|&v| v > 0.0 && styled(v, d, false).trim_start_matches(['0', '.']).is_empty()) {
        d += 1;
    }
    let separator = if inside.contains(';') {
        "; "
    } else if inside.contains(", ") || !comma && inside.contains(',') {
        ", "
    } else {
        " "
    };
    let corrected = truth.iter().map(|&v| styled(v, d, comma)).collect::<Vec<_>>().join(separator);
    let new = format!("{}[{corrected}]{}", &text[..open], &text[close + 1..]);
    let ce = json!({"a": logits_json(a.as_slice()), "i": i + 1, "printed": p.value, "true": truth[i]});
    base(Verdict::Refuted, detail).refuted(ce, Some(Fix { line, old: text.to_string(), new }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(post: &str) -> Finding {
        find(post, &|_| false).into_iter().next().expect("an example")
    }

    #[test]
    fn a_truncated_example_is_corrected_in_place_at_its_precision() {
        let post = "Pour `a = [0 1 4]` on a `S(a) = [0,01 0,04 0,94]`\n";
        let c = first(post);
        assert_eq!((c.line, c.verdict), (1, Verdict::Refuted), "{}", c.detail);
        assert!(c.detail.contains("truncated"), "{}", c.detail);
        assert_eq!(c.fix.unwrap().new, "Pour `a = [0 1 4]` on a `S(a) = [0,02 0,05 0,94]`");
        let right = "Pour `a = [0 1 4]` on a `S(a) = [0,02 0,05 0,94]`\n";
        assert_eq!(first(right).verdict, Verdict::Holds);
    }

    #[test]
    fn examples_in_math_with_decimal_points() {
        let c = first("$$\\text{softmax}([2, 1, 0]) = [0.665, 0.245, 0.090]$$\n");
        assert_eq!(c.verdict, Verdict::Holds, "{}", c.detail);
        let c = first("$$\\text{softmax}([2, 1, 0]) = [0.665, 0.245, 0.091]$$\n");
        assert_eq!(c.verdict, Verdict::Refuted);
        assert!(!c.detail.contains("truncated"), "{}", c.detail);
        assert_eq!(c.correction.unwrap(), "$$\\text{softmax}([2, 1, 0]) = [0.665, 0.245, 0.090]$$");
    }

    #[test]
    fn rows_of_a_softmax_table_are_examples() {
        let table = "| logits | softmax |\n|---|---|\n| [2, 1, 0] | [0.665, 0.245, 0.090] |\n| [0, 0] | [0.5, 0.4] |\n\n| a | b |\n|---|---|\n| [1, 2] | [3, 4] |\n";
        let found = find(table, &|_| false);
        let seen: Vec<(usize, Verdict)> = found.iter().map(|f| (f.line, f.verdict)).collect();
        assert_eq!(seen, vec![(3, Verdict::Holds), (4, Verdict::Refuted)]);
    }

    #[test]
    fn two_lists_without_softmax_are_not_an_example() {
        assert!(find("a = [1, 2] and b = [3, 4]\n", &|_| false).is_empty());
        // Labels and predicted probabilities: not softmax of the labels.
        assert!(find("labels $\\mathbf{y} = [0, 1, 0]$, predicted $\\hat{\\mathbf{p}} = [0.1, 0.7, 0.2]$\n", &|_| {
            false
        })
        .is_empty());
        let arrow = first("softmax maps [1, 2, 3] → [0.090, 0.245, 0.665]\n");
        assert_eq!(arrow.verdict, Verdict::Holds, "{}", arrow.detail);
        let named = first("for $\\mathbf{z} = [1, 2, 3]$, $\\sigma(\\mathbf{z}) = [0.090, 0.245, 0.665]$\n");
        assert_eq!(named.verdict, Verdict::Holds, "{}", named.detail);
    }

    /// Softmax inside an operation is not softmax: these lines print other
    /// functions' values and are not examples of it (neither refuted when right
    /// nor `holds` when wrong).
    #[test]
    fn softmax_inside_an_operation_is_not_an_example() {
        for line in [
            "`log_softmax([1, 2, 3]) = [-2.408, -1.408, -0.408]`",
            "`softmax([1, 2, 3] / 2) = [0.186, 0.307, 0.506]`",
            "`1 - softmax([1, 2, 3]) = [0.910, 0.755, 0.335]`",
            "`softmax([1, 2, 3])**2 = [0.008, 0.060, 0.443]`",
            "`np.log(softmax([1, 2, 3])) = [-2.408, -1.408, -0.408]`",
            "$\\log \\text{softmax}([1, 2, 3]) = [-2.408, -1.408, -0.408]$",
            "`log_softmax([1, 2, 3]) = [0.090, 0.245, 0.665]`",
            "Take $a = [1, 2, 3]$; the gradient is $S(a) - y = [0.090, 0.245, -0.335]$.",
            "Take $a = [1, 2, 3]$; the gradient is $S(a) - y = [0.090, 0.245, 0.665]$.",
            "Take $a = [1, 2, 3]$. The exponentials are $e^{a} = [2.718, 7.389, 20.086]$.",
        ] {
            assert!(find(&format!("{line}\n"), &|_| false).is_empty(), "{line}");
        }
        // Softmax itself after words, commands and separators still is.
        for line in [
            "And $\\mathrm{softmax}([1,2,3]) = [0.090, 0.245, 0.665]$",
            "$\\text{softmax}([1, 2, 3]) = \\left[\\frac{2.718}{30.19}, \\frac{7.389}{30.19}, \\frac{20.09}{30.19}\\right] = [0.090, 0.245, 0.665]$",
            "Take $a = [1, 2, 3]$. The exponentials are $e^{a} = [2.718, 7.389, 20.086]$ and $S(a) = [0.090, 0.245, 0.665]$.",
        ] {
            let found = find(&format!("{line}\n"), &|_| false);
            assert_eq!(found.iter().map(|f| f.verdict).collect::<Vec<_>>(), [Verdict::Holds], "{line}");
        }
    }
}
