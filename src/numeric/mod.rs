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

// The error model of the arithmetics: what one operation may lose. The
// tolerance policy ([`crate::tolerance`]) is built on these.

/// $u = 2^{-53}$: the relative error of one correctly rounded `f64` operation.
pub const UNIT_ROUNDOFF: f64 = f64::EPSILON / 2.0;

/// $\eta = 2^{-1074}$: the absolute error gradual underflow may add to one
/// operation (half the smallest subnormal is $2^{-1075}$; we take the
/// subnormal itself, which is representable).
pub const UNDERFLOW_ETA: f64 = f64::from_bits(1);

/// Maximum error of the platform's `exp` and `ln`, in ulps of the result.
///
/// Rust's `f64::exp`/`f64::ln` call the C library; glibc ≥ 2.28 (the
/// ARM optimized-routines implementations) documents errors below 0.52 ulp
/// for `exp` and 0.52 ulp for `log`; we take a whole ulp.
pub const LIBM_ULPS: f64 = 1.0;

/// Relative error of the double-double evaluation of softmax ([`Dd`]):
/// $2^{-90}$.
///
/// Each double-double operation is accurate to a few units of $2^{-104}$;
/// `exp` loses about $2^{10}$ of that in its ten squarings; a sum of up to
/// 256 terms and one division add a few more. $2^{-90}$ leaves a factor of
/// about 16 on top of that, and `tests/it/exact_oracle.rs` checks every
/// $S_k$ of the default suite against astro-float at 256 bits and more.
pub const DD_REL_ERR: f64 = 8.077_935_669_463_161e-28;

/// Absolute error of a double-double value near the bottom of the `f64`
/// range: $2^{-1064}$ ($2^{10}$ subnormal units).
///
/// Below about $10^{-292}$ the trailing part of a double-double is itself
/// subnormal, so each operation may lose up to one subnormal unit; a
/// softmax evaluation does a few hundred such operations at most (N ≤ 256),
/// all on values ≤ 1, and these errors are not magnified.
pub const DD_ABS_ERR: f64 = 1024.0 * UNDERFLOW_ETA;

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
