//! The complex-step derivative: $\partial S_i/\partial a_j \approx
//! \operatorname{Im} S_i(a + i h e_j) / h$ (Squire & Trapp, 1998).
//!
//! There is no subtraction of nearby values, so $h$ can be tiny
//! ([`COMPLEX_STEP`] $= 2^{-60}$): truncation $h^2|S'''|/6$ vanishes and the
//! result is accurate to rounding on moderate inputs. It is the same
//! [`crate::softmax::stable`] function, run in complex arithmetic. Where
//! $S_i \approx 1$ the imaginary part still cancels inside the complex
//! division, so at $[200, 500, 800]$ it gives 0 for $\partial S_3/\partial a_3$.

use crate::softmax::stable;
use crate::tolerance::COMPLEX_STEP;
use crate::Logits;
use nalgebra::{DMatrix, DVector};
use num_complex::Complex64;

/// Column $j$ of the complex-step Jacobian with step $h$: $\operatorname{Im} S(a + ihe_j)/h$.
pub fn column_with_step(a: &[f64], h: f64, j: usize) -> Vec<f64> {
    let x: Vec<Complex64> = a
        .iter()
        .enumerate()
        .map(|(k, &a_k)| Complex64::new(a_k, if k == j && a_k.is_finite() { h } else { 0.0 }))
        .collect();
    stable(&x).into_iter().map(|s_i| s_i.im / h).collect()
}

/// The complex-step Jacobian with step $h$.
pub fn jacobian_with_step(a: &Logits, h: f64) -> DMatrix<f64> {
    let a = a.as_slice();
    let n = a.len();
    DMatrix::from_columns(&(0..n).map(|j| DVector::from_vec(column_with_step(a, h, j))).collect::<Vec<_>>())
}

/// The complex-step Jacobian with $h = 2^{-60}$.
///
/// ```
/// use dsoftmax::{reference::complex_step, Logits};
/// let jac = complex_step::jacobian(&Logits::new(vec![0.0, 0.0])?);
/// assert_eq!(jac[(0, 0)], 0.25);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn jacobian(a: &Logits) -> DMatrix<f64> {
    jacobian_with_step(a, COMPLEX_STEP)
}
