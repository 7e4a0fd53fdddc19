//! The integration tests: one binary, one module per concern.

/// Reading a post: the shared article's rows at their lines.
#[path = "it/article.rs"]
mod article;
/// `check FORMULA`: a table of right and wrong formulas (issue 7's examples among them), parse errors, parser robustness.
#[path = "it/check.rs"]
mod check;
/// Every claim's verdict, pinned.
#[path = "it/claims.rs"]
mod claims;
/// The command line, through the built binary, in temporary folders.
#[path = "it/cli.rs"]
mod cli;
/// A post's Python run for real, and what it shows of it decided (issue 18).
#[path = "it/code_run.rs"]
mod code_run;
/// Issue 15, item 1: every math container (dollars, brackets, environments, scripts, HTML, blockquotes, lists, fences, MDX, Hexo) at its line; controls; no panic; the shared posts' spans counted.
#[path = "it/containers.rs"]
mod containers;
/// The sensitivity and specificity targets: wrong formulas refuted, right ones never.
#[path = "it/controls.rs"]
mod controls;
/// Case cues wherever a post writes them, chains that blame an error once, coverage and exit codes (issue 15).
#[path = "it/cues_and_chains.rs"]
mod cues_and_chains;
/// Bad inputs give typed errors, never a panic.
#[path = "it/errors.rs"]
mod errors;
/// The exact reference against an independent 256-bit-and-up evaluation.
#[path = "it/exact_oracle.rs"]
mod exact_oracle;
/// Issue 17: the softmax family (log-softmax, log-sum-exp, cross-entropy, temperature, distillation, VJP, sigmoid, tanh) proved, wrong variants refuted.
#[path = "it/family.rs"]
mod family;
/// Issue 14, class 7: LaTeX read as it renders (negated cues, otherwise branches, digit spacing, nothing dropped, \exp a^2, \delta_ij).
#[path = "it/latex_reading.rs"]
mod latex_reading;
/// Hostile and extreme inputs: limits named, no crash, closed and full stdout.
#[path = "it/limits.rs"]
mod limits;
/// Issue 15, item 2: the post's notation learned from its definition; a post of ours per notation, right and wrong.
#[path = "it/notation.rs"]
mod notation;
/// The exact layer: negative controls of every line, rewrites proved, exact and numeric layers consistent.
#[path = "it/proofs.rs"]
mod proofs;
/// quickcheck properties of softmax and its Jacobian.
#[path = "it/properties.rs"]
mod properties;
/// What the blog gets: REPORT.md through kramdown, SVGs as XML, PNGs within budget.
#[path = "it/render.rs"]
mod render;
/// `dsoftmax report`: figures, REPORT.md, safe output, the committed reports/ kept fresh.
#[path = "it/report.rs"]
mod report;
/// Issue 15: relations between real numbers in a post's own letters (worked examples, two logits, the chain rule), right and wrong.
#[path = "it/scalar.rs"]
mod scalar;
/// Issue 19: `verify` over a site — formats, exit codes, the cache, SARIF validated.
#[path = "it/site.rs"]
mod site;
/// Soundness: domains, witnesses by construction, zeros of divisors, intervals, `holds`, budgets.
#[path = "it/soundness.rs"]
mod soundness;
/// Every line proved (but the quotient rule), and the numeric evidence agreeing with the proofs.
#[path = "it/steps.rs"]
mod steps;

use dsoftmax::verify::{self, ArticleReport, Config};
use std::sync::OnceLock;

/// Our reference post verified with the default suite, run once for every test that reads it.
pub fn report() -> &'static ArticleReport {
    static REPORT: OnceLock<ArticleReport> = OnceLock::new();
    REPORT.get_or_init(|| verify::run_article(verify::REFERENCE_POST, Config::default()))
}
