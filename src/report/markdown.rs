//! REPORT.md: every claim, every line, the method table and the figures, in
//! Markdown with `$$…$$` math for the article's Jekyll site (MathJax).
//!
//! The LaTeX comes from the same tables the verifier checks
//! ([`crate::derivation::STEPS`], [`crate::claims::all`]): nothing is typed twice.

use super::accuracy::{stress_inputs, Row};
use super::figures::Figure;
use crate::claims::ClaimReport;
use crate::derivation::{step, STEPS};
use crate::verdict::Verdict;
use crate::verify::Report;
use crate::Logits;
use std::fmt::Write as _;

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => "proved",
        Verdict::Holds => "holds",
        Verdict::Undecided => "**undecided**",
        Verdict::Refuted => "**refuted**",
    }
}

/// A statement as the article writes it: LaTeX alone goes in `$$…$$`, prose stays prose.
fn statement(s: &str) -> String {
    if s.contains('$') || s.contains('`') || !s.contains('\\') {
        format!("> {s}")
    } else {
        format!("$$\n{s}\n$$")
    }
}

fn claim_section(out: &mut String, c: &ClaimReport) {
    let _ = writeln!(out, "### `{}` — {} \n", c.id, verdict_label(c.verdict));
    let _ = writeln!(out, "*Section: {}*\n", c.section);
    let _ = writeln!(out, "{}\n", statement(&c.statement));
    let _ = writeln!(out, "**Evidence.** {}\n", c.detail);
    if let Some(ce) = &c.counterexample {
        let _ = writeln!(out, "**Counterexample.** `{ce}`\n");
    }
    if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
        let _ = writeln!(out, "**Corrected statement.** {}\n", statement(fix));
    }
}

/// A line of the article as display math: an `align*` row's `&` and
/// trailing `\\` removed (they mean nothing outside the environment).
pub fn display_latex(latex: &str) -> String {
    let row = latex.trim().trim_end_matches("\\\\").trim();
    row.replacen("& =", "=", 1).trim_start_matches('&').trim().to_string()
}

fn steps_section(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## The derivation, line by line\n");
    let _ = writeln!(
        out,
        "Each line is parsed from the article's LaTeX and decided exactly: with $x_k = e^{{a_k}}$ and \
         $Z = \\sum_k x_k$, both sides are rational functions in each of four cases ($i = j$ with $N = 1$ or \
         $N \\ge 2$, $i \\ne j$ with $N = 2$ or $N \\ge 3$), and a line is **proved** when their difference is \
         the zero polynomial in every case, for every $N$ and every real $a$. The proofs rest on one axiom: {}.\n",
        r.axiom
    );
    for s in &r.steps {
        let line = step(s.id).expect("the report's steps come from the table");
        let _ = writeln!(out, "### `{}` — {}\n", s.id, verdict_label(s.decision.verdict));
        let _ = writeln!(out, "*{}* — {}\n", line.section, line.justification);
        let _ = writeln!(out, "$$\n{}\n$$\n", display_latex(line.latex));
        let _ = writeln!(out, "{}.\n", s.decision.reason);
        if let Some(c) = &s.decision.counterexample {
            let _ = writeln!(
                out,
                "Counterexample: a = {}, i = {}, j = {}: the line gives {:e}, the derivative is {:e} ({}).\n",
                crate::format_list(&c.a),
                c.i,
                c.j,
                c.claimed,
                c.reference,
                c.certified_by
            );
        }
    }
}

fn cases_section(out: &mut String, r: &Report) {
    let _ = writeln!(out, "## Numeric evidence\n");
    let _ = writeln!(out, "Independent of the proofs: the article's result $D_jS_i = S_i(\\delta_{{ij}} - S_j)$, each case against the exact reference and each finite-difference scheme (with its truncation bound), and the exact reference against Richardson differences:\n");
    let _ = writeln!(out, "| compared | case | reference | agreement | entries | tightest error | its tolerance |");
    let _ = writeln!(out, "|---|---|---|---|---:|---:|---:|");
    for c in &r.cases {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.3e} | {:.3e} |",
            c.what,
            c.case.map_or("all", |c| c.label()),
            c.evidence.against,
            c.evidence.agreement.label(),
            c.evidence.entries,
            c.evidence.max_error,
            c.evidence.tolerance
        );
    }
    let _ = writeln!(out);
}

fn accuracy_section(out: &mut String, rows: &[Row]) {
    let _ = writeln!(out, "## Accuracy of each numerical method\n");
    let _ = writeln!(out, "Largest relative error over the Jacobian's entries against the exact reference (an exact value of 0 compares absolutely; NaN means the method returned NaN):\n");
    let names: Vec<&str> = stress_inputs().iter().map(|(n, _)| *n).collect();
    let _ = writeln!(out, "| method | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(names.len()));
    for row in rows {
        let cells: Vec<String> = row.errors.iter().map(|e| format!("{e:.1e}")).collect();
        let _ = writeln!(out, "| {} | {} |", row.method, cells.join(" | "));
    }
    let _ = writeln!(out, "\nAt the saturated input the true $\\partial S_3/\\partial a_3 \\approx 2.4\\times10^{{-145}}$: every method that forms $1 - S_3$ (analytic, finite differences, complex step) returns 0 there, a relative error of 1.\n");
    let _ = writeln!(out, "The finite-difference steps are scaled by $\\max(1, \\lvert a_j - \\max_k a_k \\rvert)$, not by $\\lvert a_j \\rvert$: softmax is shift-invariant, so large logits do not make the steps, and the truncation error, grow.\n");
}

fn figures_section(out: &mut String, at: &Logits) {
    let _ = writeln!(out, "## Figures\n");
    for f in Figure::ALL {
        let _ = writeln!(out, "### {}\n", f.title(at));
        let _ = writeln!(out, "![{}]({}.svg)\n", f.title(at), f.name());
        let _ = writeln!(out, "{} ([PNG, 2×]({}.png))\n", f.caption(), f.name());
    }
}

/// The section on a post read with `report --article`: each claim at its
/// line, what was not read, and the patch.
pub fn article_section(name: &str, before: &crate::verify::ArticleReport, patched: &crate::verify::Patched) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Read from `{name}`\n");
    let _ = writeln!(
        out,
        "Each claim as the post states it, at its line, checked with the post's own LaTeX and numbers:\n"
    );
    let _ = writeln!(out, "| line | claim | verdict |");
    let _ = writeln!(out, "|---:|---|---|");
    for c in &before.claims {
        let _ = writeln!(out, "| {} | `{}` | {} |", c.line, c.id, verdict_label(c.verdict));
    }
    let _ = writeln!(out);
    if before.unread.is_empty() {
        let _ = writeln!(out, "Every piece of math in the post was read.\n");
    } else {
        let _ = writeln!(out, "Not read:\n");
        for u in &before.unread {
            let at = u.line.map_or_else(|| "missing".to_string(), |l| format!("line {l}"));
            let _ = writeln!(out, "- {at}: {}", u.reason);
        }
        let _ = writeln!(out);
    }
    let still: Vec<&str> =
        patched.after.claims.iter().filter(|c| c.verdict == Verdict::Refuted).map(|c| c.id).collect();
    let _ = writeln!(
        out,
        "`article.patch` carries {} corrections ({}); apply it beside the post with `git apply article.patch` or \
         `patch -p1 < article.patch`. {}\n",
        patched.fixed.len(),
        patched.fixed.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", "),
        if still.is_empty() {
            "The patched post verifies with nothing refuted.".to_string()
        } else {
            format!("After it, still refuted: {}.", still.join(", "))
        }
    );
    out
}

/// The whole REPORT.md.
pub fn report(r: &Report, rows: &[Row], at: &Logits) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "---\nlayout: page\nmathjax: true\ntitle: \"dsoftmax — vérification de « La fonction softmax et ses dérivées »\"\n---\n");
    let _ = writeln!(out, "# Verification report\n");
    let _ = writeln!(
        out,
        "**Claims: {} proved, {} hold, {} refuted, {} undecided.** Checked by `dsoftmax`: every line of the \
         derivation decided exactly, numeric evidence on {} inputs (hand-picked hard cases and generated vectors, \
         seed {}), figures at a = {at}. Indices are 1-based, as in the article.\n",
        r.counts.proved, r.counts.holds, r.counts.refuted, r.counts.undecided, r.inputs, r.seed
    );
    let refuted: Vec<&ClaimReport> = r.claims.iter().filter(|c| c.verdict == Verdict::Refuted).collect();
    if !refuted.is_empty() {
        let _ = writeln!(
            out,
            "Refuted: {}.\n",
            refuted.iter().map(|c| format!("`{}`", c.id)).collect::<Vec<_>>().join(", ")
        );
    }
    let _ = writeln!(out, "## The article's claims\n");
    for c in &r.claims {
        claim_section(&mut out, c);
    }
    steps_section(&mut out, r);
    cases_section(&mut out, r);
    accuracy_section(&mut out, rows);
    figures_section(&mut out, at);
    debug_assert_eq!(STEPS.len(), r.steps.len());
    out
}
