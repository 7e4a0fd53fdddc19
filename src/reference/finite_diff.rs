//! Finite-difference Jacobians, one column per perturbed $a_j$.
//!
//! The step on coordinate $j$ is $h_j = h\max(1, |a_j - \max_k a_k|)$, then
//! replaced by $(a_j + h_j) - a_j$, which is exactly representable, so that
//! the perturbation the formula divides by is the one actually applied. The
//! scale is the logit's distance to the largest, not $|a_j|$: softmax is
//! shift-invariant, so at $a = [10^4, 10^4]$ the step is the one of
//! $[0, 0]$ (a step growing with $|a_j|$ gave 0.165 there for 0.25).
//! Truncation bounds are in [`crate::tolerance::Scheme`]; the rounding error
//! is bounded by evaluating the whole scheme in
//! [`crate::numeric::Bounded`] arithmetic (`R = Bounded`).

use crate::numeric::{sum, Real};
use crate::softmax::stable;
use crate::tolerance::Scheme;
use crate::Logits;
use nalgebra::DMatrix;

/// The step actually taken on coordinate $a_j$ for a nominal relative step
/// `h`, when the largest logit is `max`.
pub fn step_for(a_j: f64, max: f64, h: f64) -> f64 {
    if a_j == f64::NEG_INFINITY {
        return h; // a masked logit stays masked: the column is 0
    }
    let h_j = h * (a_j - max).abs().max(1.0);
    (a_j + h_j) - a_j
}

/// The terms $e^{a_k - m}$ of the unperturbed softmax, $m = \max_k a_k$: a
/// perturbed softmax that keeps the same $m$ shares every term but the
/// perturbed one. `s` is $S(a)$ itself, the base of forward differences.
struct Terms<R> {
    m: f64,
    g: Vec<R>,
    s: Vec<R>,
}

impl<R: Real> Terms<R> {
    fn of(a: &[f64]) -> Terms<R> {
        let m = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let m_r = R::from_f64(m);
        let g: Vec<R> = a.iter().map(|&a_k| (R::from_f64(a_k) - m_r).exp()).collect();
        let sum_exp = sum(g.iter().copied());
        let s = g.iter().map(|&g_k| g_k / sum_exp).collect();
        Terms { m, g, s }
    }
}

/// $S(a + t e_j)$ in arithmetic `R`. Where $a_j + t$ is not an `f64`, the
/// rounded input carries its rounding error ([`Real::from_sum`]), so a
/// [`crate::numeric::Bounded`] evaluation still bounds the true quotient.
///
/// The same operations as [`stable`] on the perturbed vector, in the same
/// order (so the same value and bound), with the unperturbed terms reused
/// when the perturbation leaves the maximum unchanged.
fn shifted<R: Real>(a: &[f64], terms: &Terms<R>, j: usize, t: f64) -> Vec<R> {
    let x_j = if a[j].is_finite() { R::from_sum(a[j], t) } else { R::from_f64(a[j]) };
    let m =
        a.iter().enumerate().map(|(k, &a_k)| if k == j { x_j.value() } else { a_k }).fold(f64::NEG_INFINITY, f64::max);
    if m.to_bits() != terms.m.to_bits() {
        let x: Vec<R> = a.iter().enumerate().map(|(k, &a_k)| if k == j { x_j } else { R::from_f64(a_k) }).collect();
        return stable(&x);
    }
    let g_j = (x_j - R::from_f64(m)).exp();
    let g = |k: usize| if k == j { g_j } else { terms.g[k] };
    let sum_exp = sum((0..a.len()).map(g));
    (0..a.len()).map(|k| g(k) / sum_exp).collect()
}

/// One column $\partial S / \partial a_j$ by `scheme` with actual step `h_j`.
fn column<R: Real>(a: &[f64], terms: &Terms<R>, j: usize, scheme: Scheme, h_j: f64) -> Vec<R> {
    let central = |h: f64| -> Vec<R> {
        let plus = shifted::<R>(a, terms, j, h);
        let minus = shifted::<R>(a, terms, j, -h);
        let two_h = R::from_f64(2.0 * h);
        plus.into_iter().zip(minus).map(|(p, m)| (p - m) / two_h).collect()
    };
    match scheme {
        Scheme::Forward => {
            let plus = shifted::<R>(a, terms, j, h_j);
            let h = R::from_f64(h_j);
            plus.into_iter().zip(&terms.s).map(|(p, &b)| (p - b) / h).collect()
        }
        Scheme::Central => central(h_j),
        Scheme::Richardson => {
            // h_j / 2 is exact (a power-of-two scaling of an exact step).
            let (coarse, fine) = (central(h_j), central(h_j / 2.0));
            let (four, three) = (R::from_f64(4.0), R::from_f64(3.0));
            fine.into_iter().zip(coarse).map(|(f, c)| (four * f - c) / three).collect()
        }
    }
}

/// The Jacobian by `scheme` with nominal step `h` (relative, see module docs).
///
/// ```
/// use dsoftmax::{reference::finite_diff, tolerance::Scheme, Logits};
/// let a = Logits::new(vec![0.0, 0.0])?;
/// let jac = finite_diff::jacobian::<f64>(&a, Scheme::Central, 1e-5);
/// assert!((jac[(0, 0)] - 0.25).abs() < 1e-10 && (jac[(1, 0)] + 0.25).abs() < 1e-10);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn jacobian<R: Real + nalgebra::Scalar>(a: &Logits, scheme: Scheme, h: f64) -> DMatrix<R> {
    let max = a.max();
    let a = a.as_slice();
    let n = a.len();
    let mut jac = DMatrix::from_element(n, n, R::from_f64(0.0));
    let terms = Terms::of(a);
    for j in 0..n {
        let h_j = step_for(a[j], max, h);
        for (i, d) in column::<R>(a, &terms, j, scheme, h_j).into_iter().enumerate() {
            jac[(i, j)] = d;
        }
    }
    jac
}

/// Column $j$ of the Jacobian by `scheme` with nominal step `h`, in `f64`.
pub fn column_at(a: &Logits, scheme: Scheme, h: f64, j: usize) -> Vec<f64> {
    let max = a.max();
    let a = a.as_slice();
    column::<f64>(a, &Terms::of(a), j, scheme, step_for(a[j], max, h))
}

/// The actual steps $h_j$ used for each column (for reporting).
pub fn steps(a: &Logits, h: f64) -> Vec<f64> {
    let max = a.max();
    a.as_slice().iter().map(|&a_j| step_for(a_j, max, h)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::Bounded;

    /// Reusing the unperturbed terms is the same computation as [`stable`] on
    /// the perturbed vector: same values, same bounds, bit for bit — for a
    /// perturbation that keeps the maximum, one that moves it (the argmax
    /// column, up and down), a masked logit and ties.
    #[test]
    fn shifted_reuses_terms_exactly() {
        for a in [vec![0.0, 1.0, 3.0], vec![2.0, 2.0, -1.0], vec![f64::NEG_INFINITY, 0.5, 0.25], vec![700.0, -3.0]] {
            let terms = Terms::<Bounded>::of(&a);
            for j in 0..a.len() {
                for t in [0.0, 1e-3, -1e-3, 0.7, -5.0] {
                    let x: Vec<Bounded> =
                        a.iter()
                            .enumerate()
                            .map(|(k, &a_k)| {
                                if k == j && a_k.is_finite() {
                                    Bounded::from_sum(a_k, t)
                                } else {
                                    Bounded::exact(a_k)
                                }
                            })
                            .collect();
                    let bits =
                        |v: Vec<Bounded>| v.iter().map(|b| (b.value.to_bits(), b.err.to_bits())).collect::<Vec<_>>();
                    assert_eq!(bits(shifted(&a, &terms, j, t)), bits(stable(&x)), "a = {a:?}, j = {j}, t = {t}");
                }
            }
            let s = stable(&a.iter().map(|&a_k| Bounded::exact(a_k)).collect::<Vec<_>>());
            assert_eq!(terms.s, s, "the base of forward differences is S(a)");
        }
    }
}
