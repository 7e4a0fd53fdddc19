//! § *Dérivée d'une fraction de fonctions*, as the article writes it:
//!
//! $$f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}$$
//!
//! applied to $S_i = g_i / h_i$. The denominator is $h'^2$ where the rule
//! has $h^2$; the verifier reports the line refuted, with a counterexample.
//! (The article's own chains below use $(\sum_k e^{a_k})^2 = h^2$, so the
//! slip does not reach its result.)

use super::Point;
use crate::numeric::Real;

/// $(g'_i h_i - h'_i g_i) / {h'_i}^2$ at $(a, i, j)$.
///
/// ```
/// use dsoftmax::{derivation::{Formula, Point}, Logits};
/// // At a = (0, 0): g = 1, h = 2, g' = h' = 1, so the rule gives 1; ∂S₁/∂a₁ = ¼.
/// let p: Point<f64> = Point::new(&Logits::new(vec![0.0, 0.0])?);
/// assert_eq!(Formula::QuotientRuleAsWritten.eval(&p, 0, 0), 1.0);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn as_written<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    let (g, h) = (p.g[i], p.sum_exp);
    let g_prime = if i == j { p.g[i] } else { R::from_f64(0.0) };
    let h_prime = p.g[j];
    (g_prime * h - h_prime * g) / (h_prime * h_prime)
}
