//! The softmax itself, and the three ways this crate evaluates it.
//!
//! $$S_i = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k}}, \qquad i = 1, \dots, N.$$
//!
//! Three ways to evaluate it:
//! - [`naive`]: the formula as written; $e^{a_k}$ overflows to $+\infty$ once
//!   $a_k > 709.78$, and `[200, 500, 800]` then gives `[0, 0, NaN]`;
//! - [`stable`]: the usual fix, every exponent shifted by
//!   $\ln C = -\max_k a_k$ so that the largest is $e^0 = 1$;
//! - [`Exact`]: the stable form in double-double arithmetic, with
//!   $1 - S_i$ computed as $\sum_{k \ne i} S_k$ so that no digit is lost when
//!   $S_i \approx 1$. It is the ground truth of every verdict.

use crate::numeric::{sum, Bounded, Dd, Real};
use crate::Logits;

/// The naive formula $e^{a_i} / \sum_k e^{a_k}$, evaluated as written.
///
/// # Example
/// ```
/// let s = dsoftmax::softmax::naive::<f64>(&[200.0, 500.0, 800.0]);
/// assert_eq!(s[0], 0.0);
/// assert!(s[2].is_nan()); // e^800 = inf, and inf / inf = NaN
/// ```
pub fn naive<R: Real>(a: &[f64]) -> Vec<R> {
    let g: Vec<R> = a.iter().map(|&a_k| R::from_f64(a_k).exp()).collect();
    let sum_exp = sum(g.iter().copied());
    g.into_iter().map(|g_k| g_k / sum_exp).collect()
}

/// The shifted formula $e^{a_i - m} / \sum_k e^{a_k - m}$ with $m = \max_k a_k$,
/// in any arithmetic (the shift is taken from the real parts).
///
/// This one function is what `f64` code runs ([`softmax`]), what the
/// finite-difference references perturb, and, with `Complex64`, what the
/// complex-step reference differentiates.
pub fn stable<R: Real>(a: &[R]) -> Vec<R> {
    let m = a.iter().map(|a_k| a_k.value()).fold(f64::NEG_INFINITY, f64::max);
    let m = R::from_f64(m);
    let g: Vec<R> = a.iter().map(|&a_k| (a_k - m).exp()).collect();
    let sum_exp = sum(g.iter().copied());
    g.into_iter().map(|g_k| g_k / sum_exp).collect()
}

/// $S(a)$ in `f64`, stable form.
///
/// # Example
/// ```
/// use dsoftmax::{softmax::softmax, Logits};
/// let s = softmax(&Logits::new(vec![0.0, 1.0, 3.0])?);
/// assert!((s[2] - 0.843_794_73).abs() < 1e-8);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn softmax(a: &Logits) -> Vec<f64> {
    stable(a.as_slice())
}

/// $S(a)$ in [`Bounded`] arithmetic: the `f64` values of [`softmax`], each
/// with a proven bound on its rounding error.
pub fn bounded(a: &Logits) -> Vec<Bounded> {
    let x: Vec<Bounded> = a.as_slice().iter().map(|&a_k| Bounded::exact(a_k)).collect();
    stable(&x)
}

/// $\ln \sum_k e^{a_k} = m + \ln \sum_k e^{a_k - m}$, never overflowing.
pub fn log_sum_exp(a: &Logits) -> f64 {
    let m = a.max();
    m + sum(a.as_slice().iter().map(|&a_k| (a_k - m).exp())).ln()
}

/// $\ln S_i = a_i - \ln \sum_k e^{a_k}$ (finite for every unmasked $i$, even
/// where $S_i$ underflows to 0).
pub fn log_softmax(a: &Logits) -> Vec<f64> {
    let lse = log_sum_exp(a);
    a.as_slice().iter().map(|&a_k| a_k - lse).collect()
}

/// Softmax in double-double arithmetic: the ground truth.
///
/// The scaled exponentials $g_k = e^{a_k + \ln C}$ use the article's
/// $\ln C$ ([`Exact::ln_c`]); $S_k = g_k / h$ with $h = \sum_k g_k$, and
/// $1 - S_i = \sum_{k \ne i} g_k / h$ is summed without cancellation
/// (prefix and suffix sums), so that $S_i(1 - S_i)$ keeps full relative
/// accuracy when $S_i$ rounds to 1 in `f64`.
#[derive(Clone, Debug)]
pub struct Exact {
    /// The shift used, $\ln C$: 0 when every finite $|a_k| \le$ [`UNSCALED_LIMIT`]
    /// (then $e^{a_k}$, $\sum_k e^{a_k}$ and their squares are normal `f64`
    /// numbers), else the article's $-\max_k a_k$.
    pub ln_c: f64,
    /// $g_k = e^{a_k + \ln C}$.
    pub g: Vec<Dd>,
    /// $h = \sum_k g_k$.
    pub h: Dd,
    /// $S_k = g_k / h$.
    pub s: Vec<Dd>,
    /// $1 - S_k = \sum_{i \ne k} g_i / h$.
    pub complement: Vec<Dd>,
}

/// The largest $|a_k|$ for which quantities of degree one in $e^{a}$
/// ($g_i$, $h$, $g'_i$, $h'_i$) are used unscaled ($\ln C = 0$): with
/// $|a_k| \le 300$ and $N \le 256$, $(\sum_k e^{a_k})^2 \le e^{612}$ and
/// $e^{2a_k} \ge e^{-600}$ stay normal (`f64` covers $e^{\pm 708}$).
pub const UNSCALED_LIMIT: f64 = 300.0;

impl Exact {
    /// Evaluates softmax at `a` in double-double arithmetic.
    pub fn new(a: &Logits) -> Exact {
        let m = a.max();
        let small = a.as_slice().iter().filter(|a_k| a_k.is_finite()).all(|a_k| a_k.abs() <= UNSCALED_LIMIT);
        let ln_c = if small { 0.0 } else { -m };
        let g: Vec<Dd> = a.as_slice().iter().map(|&a_k| (Dd::from(a_k) + Dd::from(ln_c)).exp()).collect();
        let h = sum(g.iter().copied());
        let s = g.iter().map(|&g_k| g_k / h).collect();
        let complement = sums_without_each(&g).into_iter().map(|rest| rest / h).collect();
        Exact { ln_c, g, h, s, complement }
    }

    /// $N$.
    pub fn len(&self) -> usize {
        self.s.len()
    }

    /// Always false ($N \ge 1$).
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// $\sum_{k \ne i} x_k$ for every $i$, from prefix and suffix sums (no subtraction).
fn sums_without_each(x: &[Dd]) -> Vec<Dd> {
    let n = x.len();
    let mut prefix = vec![Dd::ZERO; n + 1];
    for k in 0..n {
        prefix[k + 1] = prefix[k] + x[k];
    }
    let mut suffix = vec![Dd::ZERO; n + 1];
    for k in (0..n).rev() {
        suffix[k] = suffix[k + 1] + x[k];
    }
    (0..n).map(|i| prefix[i] + suffix[i + 1]).collect()
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn two_equal_logits_give_one_half_each() {
        let s = softmax(&Logits::new(vec![0.0, 0.0]).unwrap());
        assert_eq!(s, vec![0.5, 0.5]);
    }

    #[test]
    fn a_moderate_example_to_seven_digits() {
        // e^0, e^1, e^3 over their sum 23.8038...
        let s = softmax(&Logits::new(vec![0.0, 1.0, 3.0]).unwrap());
        assert_relative_eq!(s[0], 0.042_010_07, max_relative = 1e-6);
        assert_relative_eq!(s[1], 0.114_195_20, max_relative = 1e-6);
        assert_relative_eq!(s[2], 0.843_794_73, max_relative = 1e-6);
    }

    #[test]
    fn a_masked_entry_is_zero() {
        let s = softmax(&Logits::new(vec![f64::NEG_INFINITY, 0.0]).unwrap());
        assert_eq!(s, vec![0.0, 1.0]);
    }

    #[test]
    fn log_softmax_stays_finite_where_softmax_underflows() {
        let a = Logits::new(vec![0.0, 1000.0]).unwrap();
        assert_eq!(softmax(&a)[0], 0.0);
        assert_relative_eq!(log_softmax(&a)[0], -1000.0);
    }

    #[test]
    fn exact_complement_keeps_the_tiny_gap() {
        // S_3 at [200, 500, 800] is 1 - e^{-300} - ...: f64 rounds it to 1.
        let exact = Exact::new(&Logits::new(vec![200.0, 500.0, 800.0]).unwrap());
        assert_eq!(exact.s[2].to_f64(), 1.0);
        assert_relative_eq!(exact.complement[2].to_f64(), (-300.0f64).exp(), max_relative = 1e-15);
    }
}
