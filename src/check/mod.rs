//! `dsoftmax check FORMULA`: is a typed formula for $\partial S_i/\partial a_j$
//! (or $\partial \ln S_i/\partial a_j$) right?
//!
//! The formula (the `check` syntax, [`crate::expr::plain`]) is decided like
//! every line of the article ([`crate::decide`]): proved exactly when it is in
//! the exact fragment, else checked numerically on every $N$ from 1 to 256 and
//! logits up to $\pm 2000$, each entry's agreement or disagreement certified
//! — in `f64` with proven bounds, or in interval arithmetic up to 4096 bits.
//! A refutation comes with the simplest certified input found.
//!
//! The `f64` evaluation is also a diagnostic: a warning says where the form
//! loses its digits in `f64`, and where it is NaN at a masked logit.

use crate::decide::{self, Decision, Target};
use crate::derivation::Scope;
use crate::expr::Expr;
use serde::Serialize;

/// What the formula claims to be the derivative of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// $\partial S_i/\partial a_j$.
    Softmax,
    /// $\partial \ln S_i/\partial a_j = \delta_{ij} - S_j$.
    LogSoftmax,
}

impl Of {
    /// `softmax` or `log-softmax`.
    pub fn name(self) -> &'static str {
        match self {
            Of::Softmax => "softmax",
            Of::LogSoftmax => "log-softmax",
        }
    }

    /// The target it is decided against.
    pub fn target(self) -> Target {
        match self {
            Of::Softmax => Target::Softmax,
            Of::LogSoftmax => Target::LogSoftmax,
        }
    }
}

/// The outcome of a check.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// The formula as typed.
    pub formula: String,
    /// How it was read (fully parenthesised).
    pub read_as: String,
    /// `softmax` or `log-softmax`.
    pub of: &'static str,
    /// The verdict and its evidence.
    #[serde(flatten)]
    pub decision: Decision,
}

/// Decides `expr` (typed as `text`) at every entry.
pub fn check(expr: &Expr, text: &str, of: Of, config: &decide::Config) -> CheckReport {
    CheckReport {
        formula: text.to_string(),
        read_as: expr.to_string(),
        of: of.name(),
        decision: decide::decide(expr, &of.target(), Scope::All, config),
    }
}
