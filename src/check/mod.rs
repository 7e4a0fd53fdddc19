//! `dsoftmax check FORMULA`: is a typed formula for a derivative of the
//! softmax family right?
//!
//! The formula (the `check` syntax, [`crate::expr::plain`], or LaTeX,
//! [`crate::expr::latex`]) is decided like every line of a post
//! ([`crate::decide`]): proved exactly when it is in the exact fragment;
//! for $\partial S_i/\partial a_j$ and $\partial \ln S_i/\partial a_j$ else
//! checked numerically on every $N$ from 1 to 256 and logits up to
//! $\pm 2000$, each entry's agreement or disagreement certified — in `f64`
//! with proven bounds, or in interval arithmetic up to 4096 bits. A formula
//! with labels, a temperature or a sum is decided exactly or left
//! `undecided`. A refutation comes with the simplest certified input found.
//!
//! The `f64` evaluation is also a diagnostic: a warning says where the form
//! loses its digits in `f64`, and where it is NaN at a masked logit.

use crate::decide::{self, Decision, Labels, Target};
use crate::derivation::Scope;
use crate::expr::{BinOp, Expr, Func, Sym};
use serde::Serialize;

/// What the formula claims to be the derivative of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// $\partial S_i/\partial a_j$.
    Softmax,
    /// $\partial \ln S_i/\partial a_j = \delta_{ij} - S_j$.
    LogSoftmax,
    /// $\partial \ln Z/\partial a_j = S_j$, $Z = \sum_k e^{a_k}$ (log-sum-exp).
    LogSumExp,
    /// $\partial L/\partial a_j$ for the cross-entropy
    /// $L = -\sum_k y_k \ln S_k$ ($= S_j - y_j$ when $\sum_k y_k = 1$).
    CrossEntropy,
    /// $\partial q_i/\partial a_j$ for $q = S(a/T)$, $T > 0$
    /// ($= q_i(\delta_{ij} - q_j)/T$).
    Temperature,
    /// $\partial L/\partial a_j$ for distillation's
    /// $L = -\sum_k y_k \ln q_k$ with $q = S(a/T)$ and soft targets $y$
    /// ($= (q_j - y_j)/T$ when $\sum_k y_k = 1$).
    Distillation,
    /// $\sum_i y_i\,\partial S_i/\partial a_j$: the vector–Jacobian product
    /// $J^\top y$ with an upstream gradient $y$ ($= S_j(y_j - \sum_k y_k S_k)$).
    Vjp,
    /// $\sigma'(x)$ for the sigmoid $\sigma(x) = 1/(1 + e^{-x})$, $x = a_i$.
    Sigmoid,
    /// $\tanh'(x)$, $x = a_i$.
    Tanh,
}

impl Of {
    /// Every quantity, in the order `--of` lists them.
    pub const ALL: [Of; 9] = [
        Of::Softmax,
        Of::LogSoftmax,
        Of::LogSumExp,
        Of::CrossEntropy,
        Of::Temperature,
        Of::Distillation,
        Of::Vjp,
        Of::Sigmoid,
        Of::Tanh,
    ];

    /// The name `--of` takes.
    pub fn name(self) -> &'static str {
        match self {
            Of::Softmax => "softmax",
            Of::LogSoftmax => "log-softmax",
            Of::LogSumExp => "logsumexp",
            Of::CrossEntropy => "cross-entropy",
            Of::Temperature => "temperature",
            Of::Distillation => "distillation",
            Of::Vjp => "vjp",
            Of::Sigmoid => "sigmoid",
            Of::Tanh => "tanh",
        }
    }

    /// The quantity named `name`.
    pub fn named(name: &str) -> Option<Of> {
        Of::ALL.into_iter().find(|of| of.name() == name)
    }

    /// What the formula claims to equal, as a person reads it.
    pub fn claimed(self) -> &'static str {
        match self {
            Of::Softmax => "∂S_i/∂a_j",
            Of::LogSoftmax => "∂ln S_i/∂a_j",
            Of::LogSumExp => "∂ln Z/∂a_j, Z = Σ_k e^(a_k)",
            Of::CrossEntropy => "∂L/∂a_j, L = -Σ_k y_k ln S_k",
            Of::Temperature => "∂q_i/∂a_j, q = softmax(a/T)",
            Of::Distillation => "∂L/∂a_j, L = -Σ_k y_k ln q_k, q = softmax(a/T)",
            Of::Vjp => "Σ_i y_i ∂S_i/∂a_j",
            Of::Sigmoid => "σ'(x), σ(x) = 1/(1 + e^(-x))",
            Of::Tanh => "tanh'(x)",
        }
    }

    /// The target it is decided against: the derivative of the quantity's
    /// definition, taken by the exact layer (never a formula for it).
    pub fn target(self) -> Target {
        let sym = Expr::Sym;
        let ln = |x: Expr| Expr::call(Func::Ln, x);
        let diff = |x: Expr| Target::Of(Expr::Diff(Box::new(x)));
        let sum = |x: Expr| Expr::Sum(Box::new(x), None);
        let mul = |x, y| Expr::bin(BinOp::Mul, x, y);
        let over_t = |x: Expr| Expr::bin(BinOp::Div, x, sym(Sym::T));
        match self {
            Of::Softmax => Target::Softmax,
            Of::LogSoftmax => Target::LogSoftmax,
            Of::LogSumExp => diff(ln(sym(Sym::Z))),
            Of::CrossEntropy => diff(Expr::Neg(Box::new(sum(mul(sym(Sym::Yk), ln(sym(Sym::Sk))))))),
            Of::Temperature => diff(Expr::tempered_softmax(Sym::Ai)),
            // ln q_k = a_k/T - ln Σ_l e^{a_l/T}: the sum of y_k ln q_k, split
            // by linearity (a sum inside a sum is not in the fragment).
            Of::Distillation => {
                let normaliser = sum(Expr::call(Func::Exp, over_t(sym(Sym::Ak))));
                let first = sum(mul(sym(Sym::Yk), over_t(sym(Sym::Ak))));
                let second = mul(sum(sym(Sym::Yk)), ln(normaliser));
                diff(Expr::bin(BinOp::Sub, second, first))
            }
            Of::Vjp => diff(sum(mul(sym(Sym::Yk), sym(Sym::Sk)))),
            Of::Sigmoid => diff(Expr::call(Func::Sigmoid, sym(Sym::Ai))),
            Of::Tanh => diff(Expr::call(Func::Tanh, sym(Sym::Ai))),
        }
    }

    /// The entries the quantity has: a function of one real $x$ has its
    /// derivative on the diagonal ($x = a_i$, $\partial/\partial a_i$).
    pub fn scope(self) -> Scope {
        match self {
            Of::Sigmoid | Of::Tanh => Scope::Diagonal,
            _ => Scope::All,
        }
    }

    /// Whether the quantity's labels are a distribution (cross-entropy,
    /// distillation): the hypothesis $\sum_k y_k = 1$ by default.
    pub fn labels_are_a_distribution(self) -> bool {
        matches!(self, Of::CrossEntropy | Of::Distillation)
    }
}

/// What a check assumes and where it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The quantity.
    pub of: Of,
    /// The entries the formula is claimed for ([`Scope::All`], or one case).
    pub scope: Scope,
    /// What the labels are assumed to satisfy (any, a sum of 1, one-hot at the class $i$).
    pub labels: Labels,
}

impl Claim {
    /// The claim for every entry of `of`, with its default hypothesis on the labels.
    pub fn of(of: Of) -> Claim {
        let labels = if of.labels_are_a_distribution() { Labels::SumToOne } else { Labels::Any };
        Claim { of, scope: of.scope(), labels }
    }
}

/// The outcome of a check.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// The formula as typed.
    pub formula: String,
    /// How it was read (fully parenthesised).
    pub read_as: String,
    /// The quantity (`softmax`, `cross-entropy`, …).
    pub of: &'static str,
    /// The case claimed: `all`, `i = j` or `i != j`.
    pub case: &'static str,
    /// The verdict and its evidence.
    #[serde(flatten)]
    pub decision: Decision,
}

/// Decides `expr` (typed as `text`) at the entries of `claim`.
pub fn check(expr: &Expr, text: &str, claim: Claim, config: &decide::Config) -> CheckReport {
    let config = decide::Config { labels: claim.labels, ..*config };
    CheckReport {
        formula: text.to_string(),
        read_as: expr.to_string(),
        of: claim.of.name(),
        case: match claim.scope {
            Scope::All => "all",
            Scope::Diagonal => "i = j",
            Scope::OffDiagonal => "i != j",
        },
        decision: decide::decide(expr, &claim.of.target(), claim.scope, &config),
    }
}
