//! The integration tests: one binary, one module per concern.

/// `check FORMULA`: a table of right and wrong formulas, parse errors, parser robustness.
#[path = "it/check.rs"]
mod check;
/// Every claim's verdict, pinned.
#[path = "it/claims.rs"]
mod claims;
/// The command line, through the built binary, in temporary folders.
#[path = "it/cli.rs"]
mod cli;
/// The sensitivity and specificity targets: wrong formulas refuted, right ones never.
#[path = "it/controls.rs"]
mod controls;
/// Bad inputs give typed errors, never a panic.
#[path = "it/errors.rs"]
mod errors;
/// The exact reference against an independent 256-bit-and-up evaluation.
#[path = "it/exact_oracle.rs"]
mod exact_oracle;
/// quickcheck properties of softmax and its Jacobian.
#[path = "it/properties.rs"]
mod properties;
/// `dsoftmax report`: figures, REPORT.md, safe output, the committed reports/ kept fresh.
#[path = "it/report.rs"]
mod report;
/// Each line of the derivation equals the previous one, and both cases match the references.
#[path = "it/steps.rs"]
mod steps;

use dsoftmax::verify::{self, Config, Report};
use std::sync::OnceLock;

/// The default verification, run once for every test that reads it.
pub fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| verify::run(Config::default()))
}
