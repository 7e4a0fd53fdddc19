//! § *Dérivée de S*, case $j = i$, line by line:
//!
//! $$\begin{aligned}
//! D_iS_i & = \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_i}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }
//!   && \text{rule for } g/h,\ g' = h' = e^{a_i} \\\\
//! & = \frac{e^{a_i}}{\sum_{k} e^{a_k}} - \left(\frac{e^{a_i}}{\sum_{k} e^{a_k}}\right)^2
//!   && \text{split the fraction} \\\\
//! & = S_i - S_i^2 && \text{definition of } S_i \\\\
//! & = S_i(1 - S_i) && \text{factor } S_i
//! \end{aligned}$$
//!
//! Each function evaluates its line exactly as written, with $g_k$ and
//! $\sum_k g_k$ from the [`Point`].

use super::Point;
use crate::numeric::Real;

/// $\dfrac{e^{a_i} \sum_k e^{a_k} - e^{a_i} e^{a_i}}{(\sum_k e^{a_k})^2}$.
pub fn quotient<R: Real>(p: &Point<R>, i: usize) -> R {
    let (g_i, sum_exp) = (p.g[i], p.sum_exp);
    (g_i * sum_exp - g_i * g_i) / (sum_exp * sum_exp)
}

/// $\dfrac{e^{a_i}}{\sum_k e^{a_k}} - \left(\dfrac{e^{a_i}}{\sum_k e^{a_k}}\right)^2$.
pub fn split<R: Real>(p: &Point<R>, i: usize) -> R {
    let ratio = p.g[i] / p.sum_exp;
    ratio - ratio * ratio
}

/// $S_i - S_i^2$.
pub fn square<R: Real>(p: &Point<R>, i: usize) -> R {
    p.s[i] - p.s[i] * p.s[i]
}

/// $S_i(1 - S_i)$.
///
/// ```
/// use dsoftmax::{derivation::{Formula, Point}, Logits};
/// let p: Point<f64> = Point::new(&Logits::new(vec![0.0, 0.0])?);
/// assert_eq!(Formula::DiagonalFactored.eval(&p, 1, 1), 0.25); // ½(1 − ½)
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn factored<R: Real>(p: &Point<R>, i: usize) -> R {
    p.s[i] * (R::from_f64(1.0) - p.s[i])
}
