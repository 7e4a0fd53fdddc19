//! The references $\partial S_i/\partial a_j$ is checked against.
//!
//! - [`exact`]: the closed form in double-double arithmetic, with $1 - S_i$
//!   summed as $\sum_{k \ne i} S_k$: within [`crate::tolerance::REFERENCE_ULPS`]
//!   of the truth on every entry, saturated inputs included;
//! - [`finite_diff`]: forward, central and Richardson differences of the
//!   `f64` softmax, one nalgebra column per perturbed $a_j$, with their
//!   error model in [`crate::tolerance::Scheme`];
//! - [`complex_step`]: $\operatorname{Im} S(a + i h e_j) / h$, no subtraction,
//!   accurate to rounding on moderate inputs.
//!
//! All return the Jacobian as a `DMatrix` with row $i$ = output $S_i$ and
//! column $j$ = input $a_j$, as in the article: `jac[(i, j)]` $= D_jS_i$.

pub mod complex_step;
pub mod exact;
pub mod finite_diff;

use crate::tolerance::Scheme;
use crate::Logits;
use nalgebra::DMatrix;

/// A way to compute the Jacobian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The article's formula $S_i(\delta_{ij} - S_j)$ in `f64`.
    Analytic,
    /// A finite-difference scheme at its optimal step.
    FiniteDifference(Scheme),
    /// The complex-step derivative.
    ComplexStep,
    /// The double-double reference.
    Exact,
}

impl Method {
    /// Every method, in the order reports list them.
    pub const ALL: [Method; 6] = [
        Method::Analytic,
        Method::FiniteDifference(Scheme::Forward),
        Method::FiniteDifference(Scheme::Central),
        Method::FiniteDifference(Scheme::Richardson),
        Method::ComplexStep,
        Method::Exact,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Method::Analytic => "analytic",
            Method::FiniteDifference(s) => s.name(),
            Method::ComplexStep => "complex-step",
            Method::Exact => "exact",
        }
    }

    /// The method with this command-line name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Column $j$ (0-based) of the Jacobian at `a` by this method, in `f64`:
    /// $\partial S_i/\partial a_j$ for every $i$, at the cost of one column.
    pub fn column(self, a: &Logits, j: usize) -> Vec<f64> {
        match self {
            Method::Analytic => {
                let s = crate::softmax::softmax(a);
                (0..s.len()).map(|i| s[i] * (if i == j { 1.0 } else { 0.0 } - s[j])).collect()
            }
            Method::FiniteDifference(scheme) => finite_diff::column_at(a, scheme, scheme.optimal_step(), j),
            Method::ComplexStep => complex_step::column_with_step(a.as_slice(), crate::tolerance::COMPLEX_STEP, j),
            Method::Exact => {
                let e = crate::softmax::Exact::new(a);
                (0..a.len()).map(|i| exact::entry(&e, i, j)).collect()
            }
        }
    }

    /// The Jacobian at `a` by this method, in `f64`.
    pub fn jacobian(self, a: &Logits) -> DMatrix<f64> {
        match self {
            Method::Analytic => analytic(a),
            Method::FiniteDifference(scheme) => finite_diff::jacobian::<f64>(a, scheme, scheme.optimal_step()),
            Method::ComplexStep => complex_step::jacobian(a),
            Method::Exact => exact::jacobian(a),
        }
    }
}

/// $S_i(\delta_{ij} - S_j)$ from the `f64` softmax: what a reader's code computes.
pub fn analytic(a: &Logits) -> DMatrix<f64> {
    let s = crate::softmax::softmax(a);
    let n = s.len();
    DMatrix::from_fn(n, n, |i, j| s[i] * (if i == j { 1.0 } else { 0.0 } - s[j]))
}
