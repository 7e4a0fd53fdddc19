//! § *Dérivée de S*, case $j \ne i$, line by line:
//!
//! $$\begin{aligned}
//! D_jS_i & = \frac{0 \cdot h_i - e^{a_j}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }
//!   && \text{rule for } g/h,\ g' = 0,\ h' = e^{a_j} \\\\
//! & = - S_j S_i && \text{two factors } e^{a_j}/\textstyle\sum_k e^{a_k} \text{ and } e^{a_i}/\sum_k e^{a_k}
//! \end{aligned}$$

use super::Point;
use crate::numeric::Real;

/// $\dfrac{0 \cdot h_i - e^{a_j} e^{a_i}}{(\sum_k e^{a_k})^2}$.
pub fn quotient<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    let sum_exp = p.sum_exp;
    (R::from_f64(0.0) * sum_exp - p.g[j] * p.g[i]) / (sum_exp * sum_exp)
}

/// $-S_j S_i$.
///
/// ```
/// use dsoftmax::{derivation::{Formula, Point}, Logits};
/// let p: Point<f64> = Point::new(&Logits::new(vec![0.0, 0.0])?);
/// assert_eq!(Formula::OffDiagonalProduct.eval(&p, 0, 1), -0.25); // −½·½
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn product<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    -(p.s[j] * p.s[i])
}
