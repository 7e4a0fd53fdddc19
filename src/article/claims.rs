//! The article's claims found in the post, at their lines, each checked with
//! what the post writes: the derivation's claims from its lines
//! ([`super::structure`]), the worked example, the overflow comment, the
//! shifted logits and the printed result from the numbers in the text (with
//! the article's decimal commas), the other statements by recognising their
//! text and checking them as `verify` does without a path.
//!
//! A claim the post lacks is listed as unread, with the reason. A refuted
//! claim the tool can correct in place carries a [`Fix`]: one line of the post
//! and its corrected text, for the patch ([`super::patch`]).

use super::structure::Unread;
use crate::claims::characteristics::check_example;
use crate::claims::instability::{check_overflow_demo, check_shifted_logits, check_shifted_result};
use crate::claims::{ClaimReport, Outcome};
use crate::derivation::{Quantity, Scope};
use crate::expr::Sym;
use crate::verdict::Verdict;
use crate::verify::LineReport;
use crate::Logits;
use serde::Serialize;
use serde_json::Value;

/// A one-line correction of the post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// 1-based line.
    pub line: usize,
    /// The line as the post writes it.
    pub old: String,
    /// The line corrected.
    pub new: String,
}

/// A claim of the article, found in the post.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleClaim {
    /// The claim's id (as in `verify` without a path).
    pub id: &'static str,
    /// 1-based line where the post states it.
    pub line: usize,
    /// The post's text there.
    pub statement: String,
    /// Proved, holds, undecided or refuted.
    pub verdict: Verdict,
    /// The evidence.
    pub detail: String,
    /// Where it fails, for a refuted claim.
    pub counterexample: Option<Value>,
    /// The corrected statement.
    pub correction: Option<String>,
    /// What is wrong with the words of a claim that holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// The correction as an edit of the post, when the tool can make it.
    pub fix: Option<Fix>,
}

/// The post's lines, numbered from 1.
fn numbered(markdown: &str) -> impl Iterator<Item = (usize, &str)> {
    markdown.lines().enumerate().map(|(k, l)| (k + 1, l))
}

/// `text` without whitespace, to match LaTeX however it is spaced.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The first line whose squeezed text contains every one of `parts`.
fn line_with<'m>(markdown: &'m str, parts: &[&str]) -> Option<(usize, &'m str)> {
    numbered(markdown).find(|(_, l)| parts.iter().all(|p| squeezed(l).contains(&squeezed(p))))
}

/// The text between `open` and the next `close` in `line`.
fn between<'l>(line: &'l str, open: &str, close: &str) -> Option<&'l str> {
    let start = line.find(open)? + open.len();
    let end = start + line[start..].find(close)?;
    Some(&line[start..end])
}

/// Numbers as the post prints them (decimal commas, e.g. `0,02`), each with
/// its number of decimals.
fn printed_numbers(list: &str) -> Option<Vec<(f64, usize)>> {
    list.split_whitespace()
        .map(|item| {
            let item = item.replace(',', ".");
            let decimals = item.split_once('.').map_or(0, |(_, d)| d.len());
            item.parse::<f64>().ok().map(|v| (v, decimals))
        })
        .collect()
}

/// Numbers in Python's notation: `[123, 456, 789]`, `array([5.75e-290, …])`.
fn python_list(text: &str) -> Option<Vec<f64>> {
    let inner = between(text, "[", "]")?;
    inner.split(',').map(|x| x.trim().parse::<f64>().ok()).collect()
}

/// A claim from an [`Outcome`] at a line.
fn from_outcome(id: &'static str, line: usize, statement: &str, o: Outcome, fix: Option<Fix>) -> ArticleClaim {
    ArticleClaim {
        id,
        line,
        statement: statement.trim().to_string(),
        verdict: o.verdict,
        detail: o.detail,
        counterexample: o.counterexample,
        correction: o.correction,
        flag: o.flag,
        fix,
    }
}

/// A claim whose check does not depend on the post's numbers: `verify`'s own verdict, at the line that states it.
fn as_built_in(id: &'static str, line: usize, statement: &str, built_in: &[ClaimReport]) -> Option<ArticleClaim> {
    let c = built_in.iter().find(|c| c.id == id)?;
    Some(ArticleClaim {
        id,
        line,
        statement: statement.trim().to_string(),
        verdict: c.verdict,
        detail: c.detail.clone(),
        counterexample: c.counterexample.clone(),
        correction: c.correction.clone(),
        flag: c.flag.clone(),
        fix: None,
    })
}

/// A claim made by lines of the derivation: the weakest of their verdicts.
fn from_lines(id: &'static str, lines: &[&LineReport], fix: Option<Fix>) -> Option<ArticleClaim> {
    let first = lines.first()?;
    let verdict = lines.iter().map(|l| l.decision.verdict).fold(Verdict::Proved, Verdict::and);
    let weakest = lines.iter().find(|l| l.decision.verdict == verdict).unwrap_or(first);
    let detail = lines
        .iter()
        .map(|l| format!("line {}: {} — {}", l.found.line, l.decision.verdict.label(), l.decision.reason))
        .collect::<Vec<_>>()
        .join("; ");
    Some(ArticleClaim {
        id,
        line: weakest.found.line,
        statement: weakest.found.latex.clone(),
        verdict,
        detail,
        counterexample: weakest.decision.counterexample.as_ref().and_then(|c| serde_json::to_value(c).ok()),
        correction: fix.as_ref().map(|f| f.new.trim().to_string()),
        flag: None,
        fix,
    })
}

/// Finds and checks every claim in the post; what it cannot find is unread.
pub fn check(markdown: &str, lines: &[LineReport], built_in: &[ClaimReport]) -> (Vec<ArticleClaim>, Vec<Unread>) {
    let mut claims = Vec::new();
    let mut missing = Vec::new();
    let mut push = |id: &'static str, what: &str, claim: Option<ArticleClaim>| match claim {
        Some(c) => claims.push(c),
        None => missing.push(Unread {
            line: None,
            latex: String::new(),
            reason: format!("the post has no {what} (claim `{id}`)"),
        }),
    };
    let stated = |parts: &[&str], id: &'static str| {
        line_with(markdown, parts).and_then(|(line, text)| as_built_in(id, line, text, built_in))
    };
    push("definition", "definition S_i = e^{a_i} / Σ_k e^{a_k}", stated(&[r"S_i = \frac{e^{a_i}}"], "definition"));
    push("range", "statement S_i ∈ ]0,1]", stated(&[r"S_i \in ]0,1]"], "range"));
    push("sum-to-one", "statement Σ_i S_i = 1", stated(&[r"\sum_{i=1}^{N}S_i = 1"], "sum-to-one"));
    let order = numbered(markdown).find(|(_, l)| {
        (l.contains("ordre") && l.contains("conserv")) || (l.contains("order") && l.contains("preserv"))
    });
    push(
        "order",
        "statement that softmax keeps the order",
        order.and_then(|(n, l)| as_built_in("order", n, l, built_in)),
    );
    push("example", "worked example `a = […]` … `S(a) = […]`", example(markdown));
    let soft = numbered(markdown)
        .find(|(_, l)| l.contains("\"soft\"") || l.contains("soft maximum") || l.contains("soft max"));
    push(
        "soft-max",
        "statement that softmax is a soft maximum",
        soft.and_then(|(n, l)| as_built_in("soft-max", n, l, built_in)),
    );
    push("shift-invariance", "shift by ln C", stated(&[r"\frac{e^{\lambda_{y_i}}}"], "shift-invariance"));
    push("shift-choice", "choice ln C = −max", shift_choice(markdown, built_in));
    let (overflow, shifted, result) = code_claims(markdown);
    push("overflow-demo", "naive line `np.exp(logits) / np.sum(np.exp(logits))` with its comment", overflow);
    push("shifted-logits", "line `logits -= np.max(logits)` with the shifted logits in its comment", shifted);
    push("shifted-result", "printed result `array([…])`", result);
    push("jacobian-layout", "Jacobian matrix DS", stated(&["DS ="], "jacobian-layout"));
    let rows = |pred: &dyn Fn(&LineReport) -> bool| lines.iter().filter(|l| pred(l)).collect::<Vec<_>>();
    let rule = rows(&|l| l.found.latex.trim_start().starts_with("f'(x)"));
    let rule_fix = rule.first().filter(|l| l.decision.verdict == Verdict::Refuted).and_then(|l| {
        let (n, text) = numbered(markdown).find(|(n, _)| *n == l.found.line)?;
        text.contains("h'(x)^2").then(|| Fix {
            line: n,
            old: text.to_string(),
            new: text.replacen("h'(x)^2", "h(x)^2", 1),
        })
    });
    push("quotient-rule", "rule for the derivative of f = g/h", from_lines("quotient-rule", &rule, rule_fix));
    let is =
        |syms: &'static [Sym]| move |l: &LineReport| matches!(l.found.quantity, Quantity::Is(s) if syms.contains(&s));
    push("g-prime", "g_i and g'_i", from_lines("g-prime", &rows(&is(&[Sym::Gi, Sym::GPrime])), None));
    push("h-prime", "h_i and h'_i", from_lines("h-prime", &rows(&is(&[Sym::Hi, Sym::HPrime])), None));
    push(
        "case-i-eq-j",
        "chain for i = j",
        from_lines("case-i-eq-j", &rows(&|l| l.found.scope == Scope::Diagonal), None),
    );
    push(
        "case-i-ne-j",
        "chain for i ≠ j",
        from_lines("case-i-ne-j", &rows(&|l| l.found.scope == Scope::OffDiagonal), None),
    );
    let derivative = |l: &LineReport| l.found.quantity == Quantity::Derivative && l.found.scope == Scope::All;
    let two_case = rows(&|l| derivative(l) && l.found.latex.contains(r"\begin{cases}"));
    push("final-equation", "two-case equation for D_jS_i", from_lines("final-equation", &two_case, None));
    let kronecker = rows(&|l| is(&[Sym::Delta])(l) || (derivative(l) && l.found.latex.contains(r"\delta_{ij}")));
    push("kronecker", "Kronecker form", from_lines("kronecker", &kronecker, None));
    claims.sort_by_key(|c| c.line);
    (claims, missing)
}

/// Whether an unread piece of math is in fact part of a claim found in the
/// post: on the line of a claim stated in the post (not on a derivation
/// line's), a quantifier (`\forall …`) on or just after a
/// claim's or derivation line's, or a row of the definition's display
/// (`S\colon \mathbb{R}^N \to \mathbb{R}^N`, `a \mapsto S(a)`).
pub fn covered(unread: &Unread, claims: &[ArticleClaim], lines: &[LineReport]) -> bool {
    let Some(line) = unread.line else {
        return false;
    };
    let claimed = |l: usize| claims.iter().any(|c| c.line == l) || lines.iter().any(|r| r.found.line == l);
    let latex = squeezed(&unread.latex);
    let quantifier = latex.starts_with(r"\forall") && (claimed(line) || claimed(line.saturating_sub(1)));
    let domain = claims.iter().any(|c| c.id == "definition")
        && [r"\to\mathbb{R}", r"\mapsto", r"\forallN\in\mathbb{N}"].iter().any(|p| latex.contains(p));
    // A derivation line's own line is no excuse: what is unread beside it (a row after
    // `\\` on the same source line) is listed, not taken as part of it.
    let stated_claim = claims.iter().any(|c| c.line == line) && !lines.iter().any(|r| r.found.line == line);
    stated_claim || quantifier || domain
}

/// The worked example: `a = [1,0 2,0 5,0]` and `S(a) = [0,02 0,05 0,93]` in inline code.
fn example(markdown: &str) -> Option<ArticleClaim> {
    let (line, text) = numbered(markdown).find(|(_, l)| l.contains("`a = [") && l.contains("`S(a) = ["))?;
    let a = Logits::parse(between(text, "`a = [", "]`")?).ok()?;
    let printed_text = between(text, "`S(a) = [", "]`")?;
    let printed = printed_numbers(printed_text)?;
    let outcome = check_example(&a, &printed);
    let fix = (outcome.verdict == Verdict::Refuted).then(|| {
        let three: Vec<String> =
            crate::softmax::softmax(&a).iter().map(|v| format!("{v:.3}").replace('.', ",")).collect();
        let old = format!("`S(a) = [{printed_text}]`");
        Fix { line, old: text.to_string(), new: text.replacen(&old, &format!("`S(a) = [{}]`", three.join(" ")), 1) }
    });
    Some(from_outcome("example", line, text, outcome, fix))
}

/// `ln C = −max`: the formula as `verify` checks it, and the prose beside it,
/// which calls it the maximum value (its sign is the other way): corrected in the patch.
fn shift_choice(markdown: &str, built_in: &[ClaimReport]) -> Option<ArticleClaim> {
    let (line, text) = line_with(markdown, &[r"\ln C = -\max"])?;
    let mut claim = as_built_in("shift-choice", line, text, built_in)?;
    // The built-in flag and correction are about the built-in statement: this post's own words decide.
    claim.flag = None;
    claim.correction = None;
    if let Some((flag, fixed)) = crate::claims::instability::shift_choice_wording(text) {
        claim.detail = format!("{flag}. {}", claim.detail);
        claim.flag = Some(flag);
        claim.correction = Some(fixed.trim().to_string());
        claim.fix = Some(Fix { line, old: text.to_string(), new: fixed });
    }
    Some(claim)
}

/// The code of § Instabilité numérique: the naive line and its comment, the
/// shift and its comment, the printed `array(…)`.
fn code_claims(markdown: &str) -> (Option<ArticleClaim>, Option<ArticleClaim>, Option<ArticleClaim>) {
    let logits = numbered(markdown).find_map(|(_, l)| l.contains("np.array(").then(|| python_list(l)).flatten());
    let Some(logits) = logits else {
        return (None, None, None);
    };
    let naive = numbered(markdown)
        .find(|(_, l)| squeezed(l).contains("np.exp(logits)/np.sum(np.exp(logits))") && l.contains('#'));
    let overflow = naive.map(|(line, text)| {
        let (code, comment) = text.split_once('#').unwrap_or((text, ""));
        let outcome = check_overflow_demo(&logits, comment.trim());
        let fix = outcome.correction.clone().filter(|_| outcome.verdict == Verdict::Refuted).map(|c| Fix {
            line,
            old: text.to_string(),
            new: format!("{code}{c}"),
        });
        from_outcome("overflow-demo", line, text, outcome, fix)
    });
    let shift = numbered(markdown).find(|(_, l)| squeezed(l).contains("logits-=np.max(logits)"));
    let shifted = shift.and_then(|(line, text)| {
        let claimed = python_list(text.split_once('#')?.1)?;
        Some(from_outcome("shifted-logits", line, text, check_shifted_logits(&logits, &claimed), None))
    });
    let printed = numbered(markdown).find(|(_, l)| l.trim_start().starts_with("array(["));
    let result = printed.and_then(|(line, text)| {
        let values = python_list(text)?;
        Some(from_outcome("shifted-result", line, text, check_shifted_result(&logits, &values), None))
    });
    (overflow, shifted, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_the_posts_notation() {
        assert_eq!(printed_numbers("0,02 0,05 0,93"), Some(vec![(0.02, 2), (0.05, 2), (0.93, 2)]));
        assert_eq!(python_list("    array([5.75e-290, 2.40e-145, 1.00e+000])"), Some(vec![5.75e-290, 2.40e-145, 1.0]));
        assert_eq!(python_list("logits = np.array([123, 456, 789]) # x"), Some(vec![123.0, 456.0, 789.0]));
    }

    #[test]
    fn the_example_is_corrected_in_place_at_three_decimals() {
        let post = "Par exemple pour `a = [1,0 2,0 5,0]`on aura `S(a) = [0,02 0,05 0,93]`\n";
        let c = example(post).unwrap();
        assert_eq!((c.line, c.verdict), (1, Verdict::Refuted));
        assert_eq!(c.fix.unwrap().new, "Par exemple pour `a = [1,0 2,0 5,0]`on aura `S(a) = [0,017 0,047 0,936]`");
        let right = "Pour `a = [1,0 2,0 5,0]` : `S(a) = [0,017 0,047 0,936]`\n";
        assert_eq!(example(right).unwrap().verdict, Verdict::Holds);
    }
}
