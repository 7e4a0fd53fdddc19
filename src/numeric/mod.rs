//! The number types the derivation is evaluated in.
//!
//! Every formula of the derivation is written once, generic over [`Real`], and
//! evaluated in three arithmetics:
//!
//! | type | what it gives | used for |
//! |---|---|---|
//! | `f64` | the value a reader's code would compute | `explain`, figures |
//! | [`Dd`] | double-double, about 106 significant bits | the exact reference |
//! | [`Bounded`] | the `f64` value **and** a rigorous bound on its rounding error | every verdict |
//!
//! `Complex<f64>` also implements [`Real`] so that the very same softmax code
//! is differentiated by the complex-step method.

mod bounded;
mod dd;

pub use bounded::Bounded;
pub use dd::Dd;

use num_complex::Complex64;
use std::fmt::Debug;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// `x` as an `i64` when it is an integer of magnitude below $2^{53}$.
pub(crate) fn integral(x: f64) -> Option<i64> {
    (x.is_finite() && x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0).then_some(x as i64)
}

/// A field with `exp`, `ln` and `sqrt`: what the derivation's formulas need.
pub trait Real:
    Copy
    + Debug
    + PartialEq
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The exact value `x` (an `f64` input is exact by definition).
    fn from_f64(x: f64) -> Self;
    /// A double-double value rounded into this type (with its error, for [`Bounded`]).
    fn from_dd(x: Dd) -> Self;
    /// A value known to within `err` of the real it stands for (only
    /// [`Bounded`] keeps `err`).
    fn with_error(value: f64, err: f64) -> Self {
        let _ = err;
        Self::from_f64(value)
    }
    /// The exact real $x + y$ (an input perturbed by a step): rounded, with
    /// the rounding error carried by [`Bounded`] and kept by [`Dd`].
    fn from_sum(x: f64, y: f64) -> Self {
        Self::from_dd(Dd::sum_of(x, y))
    }
    /// $e^x$.
    fn exp(self) -> Self;
    /// $\ln x$.
    fn ln(self) -> Self;
    /// $\sqrt{x}$.
    fn sqrt(self) -> Self;
    /// The nearest `f64` (the real part, for a complex number).
    fn value(self) -> f64;
    /// The value, when it is known to be exactly this integer (an exponent
    /// like $2N$, so that $(-1)^{2N}$ is a power, not $e^{2N \ln(-1)}$).
    fn exact_integer(self) -> Option<i64> {
        None
    }
}

impl Real for f64 {
    fn exact_integer(self) -> Option<i64> {
        integral(self)
    }

    fn from_f64(x: f64) -> Self {
        x
    }
    fn from_dd(x: Dd) -> Self {
        x.to_f64()
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn value(self) -> f64 {
        self
    }
}

impl Real for Complex64 {
    fn from_f64(x: f64) -> Self {
        Complex64::new(x, 0.0)
    }
    fn from_dd(x: Dd) -> Self {
        Complex64::new(x.to_f64(), 0.0)
    }
    fn exp(self) -> Self {
        // e^{x + iy} = e^x (cos y + i sin y); written out so that e^{-inf + 0i} = 0
        // (num-complex would give NaN for the imaginary part of a masked logit).
        if self.re == f64::NEG_INFINITY {
            return Complex64::new(0.0, 0.0);
        }
        Complex64::exp(self)
    }
    fn ln(self) -> Self {
        Complex64::ln(self)
    }
    fn sqrt(self) -> Self {
        Complex64::sqrt(self)
    }
    fn value(self) -> f64 {
        self.re
    }
}

/// $\sum_k x_k$, in the order given (the order is part of the error model).
pub fn sum<R: Real>(xs: impl IntoIterator<Item = R>) -> R {
    xs.into_iter().fold(R::from_f64(0.0), |acc, x| acc + x)
}
