//! The exact reference: the closed form evaluated in double-double and
//! rounded once.
//!
//! $$\frac{\partial S_i}{\partial a_j} = \begin{cases}
//!   S_i \sum_{k \ne i} S_k & i = j \\\\ -S_i S_j & i \ne j \end{cases}$$
//!
//! Why not $S_i(1 - S_i)$: at $a = [200, 500, 800]$,
//! $S_3 = 1 - 5.1\times10^{-131}$ rounds to 1, and $S_3(1 - S_3)$ gives 0 —
//! in `f64`, in complex step, in finite differences and even in plain
//! double-double. $\sum_{k \ne 3} S_k$ has no subtraction, so the entry
//! keeps its full relative accuracy ($\approx 5.1\times10^{-131}$).
//!
//! Its independence from the article: the formula is the calculus result
//! the article claims, so this reference is validated apart from it —
//! against finite differences with a proven error bound (the verifier's
//! `definition` step), and against a 256-bit evaluation of the quotient
//! rule from first principles (`tests/tests.rs`).

use crate::numeric::Dd;
use crate::softmax::Exact;
use crate::Logits;
use nalgebra::DMatrix;

/// $2^{600}$: products are formed scaled up by this power of two so that
/// they stay in the normal range, then scaled back with one rounding.
const SCALE_EXP: i32 = 600;

/// The entry $(i, j)$ (0-based), rounded to `f64`.
///
/// The product is formed as $(2^{600} S_i) \cdot x$ in double-double (no
/// underflow for any representable result), rounded to `f64`, then scaled
/// back by $2^{-600}$: one rounding to the normal range (relative
/// $2^{-53}$, negligible) and at most one into the subnormal range (half a
/// subnormal unit). What remains is the double-double error of $S_i$
/// itself, relative $2^{-90}$, or at most about 1.5 subnormal units when
/// $S_i < 2^{-969}$ (its trailing part is then subnormal).
pub fn entry(exact: &Exact, i: usize, j: usize) -> f64 {
    let other = if i == j { exact.complement[i] } else { -exact.s[j] };
    let scaled = exact.s[i].ldexp(SCALE_EXP) * other;
    Dd::from(scaled.to_f64()).ldexp(-SCALE_EXP).hi
}

/// The exact Jacobian, each entry rounded to nearest `f64`.
///
/// ```
/// use dsoftmax::{reference::exact, Logits};
/// let jac = exact::jacobian(&Logits::new(vec![200.0, 500.0, 800.0])?);
/// // ∂S₃/∂a₃ = S₃(S₁ + S₂) ≈ e^{-300} = 5.15e-131, where S₃(1 − S₃) gives 0.
/// assert!((jac[(2, 2)] / (-300f64).exp() - 1.0).abs() < 1e-15);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn jacobian(a: &Logits) -> DMatrix<f64> {
    jacobian_of(&Exact::new(a))
}

/// The exact Jacobian from an already evaluated softmax.
pub fn jacobian_of(exact: &Exact) -> DMatrix<f64> {
    let n = exact.len();
    DMatrix::from_fn(n, n, |i, j| entry(exact, i, j))
}
