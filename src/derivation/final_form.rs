//! The final equation, its Kronecker form, and the vectorised form
//! $DS = \mathrm{diag}(S) - SS^\top$ (not in the article; the form numerical
//! code uses).

use super::{case_diagonal, case_off_diagonal, Point};
use crate::numeric::Real;

/// $D_jS_i = S_i(1 - S_i)$ if $i = j$, $-S_jS_i$ if $i \ne j$.
pub fn two_case<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    if i == j {
        case_diagonal::factored(p, i)
    } else {
        case_off_diagonal::product(p, i, j)
    }
}

/// $D_jS_i = S_i(\delta_{ij} - S_j)$.
///
/// ```
/// use dsoftmax::{derivation::{Formula, Point}, Logits};
/// // Uniform a with N = 4: S = ¼ everywhere, J = ¼(I − ¼·11ᵀ).
/// let p: Point<f64> = Point::new(&Logits::new(vec![3.0; 4])?);
/// assert_eq!(Formula::Kronecker.eval(&p, 2, 2), 0.25 * 0.75);
/// assert_eq!(Formula::Kronecker.eval(&p, 2, 0), -0.0625);
/// # Ok::<(), dsoftmax::Error>(())
/// ```
pub fn kronecker<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    p.s[i] * (p.delta(i, j) - p.s[j])
}

/// $(\mathrm{diag}(S) - SS^\top)_{ij} = \delta_{ij}S_i - S_iS_j$.
pub fn matrix<R: Real>(p: &Point<R>, i: usize, j: usize) -> R {
    p.delta(i, j) * p.s[i] - p.s[i] * p.s[j]
}
