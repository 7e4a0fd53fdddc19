//! $S_i$ as a fraction: $g_i = e^{a_i}$, $h_i = \sum_k e^{a_k}$ and their
//! partial derivatives with respect to $a_j$.
//!
//! Each is evaluated from $a$ in the arithmetic `R` (one `exp` per term), so
//! the check compares libm's exponential, as the formula uses it, with an
//! independent reference.

use super::Point;
use crate::numeric::{sum, Real};

/// $e^{a_k + \ln C}$ evaluated from $a_k$ in `R`.
fn exp_scaled<R: Real>(p: &Point<R>, k: usize) -> R {
    (R::from_f64(p.a[k]) + R::from_f64(p.ln_c())).exp()
}

/// $g_i = e^{a_i}$ (scaled by $C$).
///
/// ```
/// use dsoftmax::{derivation::{Formula, Point}, Logits};
/// let p: Point<f64> = Point::new(&Logits::new(vec![1.0, 2.0, 5.0])?);
/// assert_eq!(Formula::G.eval(&p, 0, 0), 1f64.exp()); // g₁ = e¹
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn g<R: Real>(p: &Point<R>, i: usize) -> R {
    exp_scaled(p, i)
}

/// $h_i = \sum_{k=1}^N e^{a_k}$ (scaled by $C$), summed in order.
pub fn h<R: Real>(p: &Point<R>) -> R {
    sum((0..p.n()).map(|k| exp_scaled(p, k)))
}

/// $g'_i = \partial g_i / \partial a_j$: $e^{a_i}$ when $i = j$, else 0.
pub fn g_prime<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    if i == j {
        exp_scaled(p, i)
    } else {
        R::from_f64(0.0)
    }
}

/// $h'_i = \partial h_i / \partial a_j = e^{a_j}$.
pub fn h_prime<R: Real>(p: &Point<R>, j: usize) -> R {
    exp_scaled(p, j)
}
