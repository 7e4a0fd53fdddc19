//! The complex-step derivative: $\partial S_i/\partial a_j \approx
//! \operatorname{Im} S_i(a + i h e_j) / h$ (Squire & Trapp, 1998).
//!
//! There is no subtraction of nearby values, so $h$ can be tiny
//! ([`COMPLEX_STEP`] $= 2^{-60}$): truncation $h^2|S'''|/6$ vanishes and the
//! result is accurate to rounding on moderate inputs. It is the same
//! [`crate::softmax::stable`] function, run in complex arithmetic. Where
//! $S_i \approx 1$ the imaginary part still cancels inside the complex
//! division, so at $[123, 456, 789]$ it gives 0 for $\partial S_3/\partial a_3$.

use crate::softmax::stable;
use crate::tolerance::COMPLEX_STEP;
use crate::Logits;
use nalgebra::DMatrix;
use num_complex::Complex64;

/// The complex-step Jacobian with step $h$.
pub fn jacobian_with_step(a: &Logits, h: f64) -> DMatrix<f64> {
    let a = a.as_slice();
    let n = a.len();
    let mut jac = DMatrix::zeros(n, n);
    for j in 0..n {
        let x: Vec<Complex64> = a
            .iter()
            .enumerate()
            .map(|(k, &a_k)| Complex64::new(a_k, if k == j && a_k.is_finite() { h } else { 0.0 }))
            .collect();
        for (i, s_i) in stable(&x).into_iter().enumerate() {
            jac[(i, j)] = s_i.im / h;
        }
    }
    jac
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

/// $e^{a_k + \ln C + i h [k = j]}$.
fn exp_perturbed(a: &[f64], ln_c: f64, k: usize, j: usize) -> Complex64 {
    let im = if k == j && a[k].is_finite() { COMPLEX_STEP } else { 0.0 };
    crate::numeric::Real::exp(Complex64::new(a[k] + ln_c, im))
}

/// $\partial g_i / \partial a_j$ for $g_i = e^{a_i + \ln C}$ by complex step:
/// the reference of the article's $g'_i$, computed without its formula.
pub fn exp_derivative(a: &[f64], ln_c: f64, i: usize, j: usize) -> f64 {
    exp_perturbed(a, ln_c, i, j).im / COMPLEX_STEP
}

/// $\partial h / \partial a_j$ for $h = \sum_k e^{a_k + \ln C}$ by complex step:
/// the reference of the article's $h'_i$.
pub fn sum_exp_derivative(a: &[f64], ln_c: f64, j: usize) -> f64 {
    let total: Complex64 = (0..a.len()).map(|k| exp_perturbed(a, ln_c, k, j)).sum();
    total.im / COMPLEX_STEP
}
