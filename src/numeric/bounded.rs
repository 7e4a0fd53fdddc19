//! An `f64` together with a rigorous bound on its distance to the real value
//! it stands for: running error analysis (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, §3.3).
//!
//! Each operation rounds its value exactly as plain `f64` code would, so
//! [`Bounded::value`] is bit for bit what an `f64` implementation of the same
//! formula prints, and propagates the bound with the standard model
//! $\mathrm{fl}(x \circ y) = (x \circ y)(1 + \delta) + \eta$,
//! $|\delta| \le u = 2^{-53}$, $|\eta| \le 2^{-1075}$ (gradual underflow):
//!
//! $$\begin{aligned}
//! e_{x \pm y} &= e_x + e_y + u|v| + \eta \\\\
//! e_{xy} &= |x|e_y + |y|e_x + e_x e_y + u|v| + \eta \\\\
//! e_{x/y} &= \frac{|x|e_y + |y|e_x}{|y|(|y| - e_y)} + u|v| + \eta
//! \end{aligned}$$
//!
//! The bound itself is computed in `f64`; every new bound is multiplied by
//! $1 + 4u$ so that its own rounding cannot make it too small.
//! `exp` and `ln` come from the platform's libm, whose error is taken as at
//! most [`super::LIBM_ULPS`] ulps.

use super::{Dd, Real};
use super::{DD_ABS_ERR, DD_REL_ERR, LIBM_ULPS, UNDERFLOW_ETA, UNIT_ROUNDOFF};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An `f64` value with a bound on its absolute error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounded {
    /// The value `f64` arithmetic computes.
    pub value: f64,
    /// A bound on |value − the real value|; `+inf` when nothing is known.
    pub err: f64,
}

/// The bound for an operation whose exact result is `exact_err` away and whose
/// computed value `v` then rounds once.
fn rounded(v: f64, exact_err: f64) -> Bounded {
    if !v.is_finite() {
        return Bounded { value: v, err: f64::INFINITY };
    }
    let err = (exact_err + UNIT_ROUNDOFF * v.abs() + UNDERFLOW_ETA) * (1.0 + 4.0 * UNIT_ROUNDOFF);
    Bounded { value: v, err }
}

/// An infinite result is exact (in the extended reals) when it comes from an
/// exact infinite operand, as a masked logit $a_k = -\infty$ does, combined
/// with a finite operand: $-\infty + y = -\infty$ whatever $y$'s error, and
/// $-\infty \cdot y$ too when $y$'s sign is certain.
fn exact_infinity(v: f64, x: Bounded, y: Bounded, product: bool) -> Option<Bounded> {
    let exact_inf = |b: Bounded| b.value.is_infinite() && b.err == 0.0;
    let certain = |b: Bounded| b.value.is_finite() && b.err.is_finite() && (!product || b.err < b.value.abs());
    let exact = (exact_inf(x) && (certain(y) || exact_inf(y))) || (exact_inf(y) && certain(x));
    (v.is_infinite() && exact).then_some(Bounded { value: v, err: 0.0 })
}

impl Bounded {
    /// An exact value.
    pub fn exact(value: f64) -> Bounded {
        Bounded { value, err: 0.0 }
    }

    /// Whether the value is finite and its bound is known.
    pub fn is_finite(self) -> bool {
        self.value.is_finite() && self.err.is_finite()
    }
}

impl Add for Bounded {
    type Output = Bounded;
    fn add(self, y: Bounded) -> Bounded {
        let v = self.value + y.value;
        exact_infinity(v, self, y, false).unwrap_or_else(|| rounded(v, self.err + y.err))
    }
}

impl Sub for Bounded {
    type Output = Bounded;
    fn sub(self, y: Bounded) -> Bounded {
        self + (-y)
    }
}

impl Neg for Bounded {
    type Output = Bounded;
    fn neg(self) -> Bounded {
        Bounded { value: -self.value, err: self.err }
    }
}

impl Mul for Bounded {
    type Output = Bounded;
    fn mul(self, y: Bounded) -> Bounded {
        let v = self.value * y.value;
        if let Some(inf) = exact_infinity(v, self, y, true) {
            return inf;
        }
        // Each of the three products may underflow in the bound's own
        // arithmetic, losing less than η each: add 3η.
        let exact_err = self.value.abs() * y.err + y.value.abs() * self.err + self.err * y.err + 3.0 * UNDERFLOW_ETA;
        rounded(v, exact_err)
    }
}

impl Div for Bounded {
    type Output = Bounded;
    fn div(self, y: Bounded) -> Bounded {
        let v = self.value / y.value;
        if y.err >= y.value.abs() {
            return Bounded { value: v, err: f64::INFINITY }; // the divisor may be 0
        }
        // (|x| e_y + |y| e_x) / (|y| (|y| - e_y)), rearranged so that no
        // intermediate product underflows: (|x/y| e_y + e_x) / (|y| - e_y).
        let num = (self.value / y.value).abs() * y.err * (1.0 + 2.0 * UNIT_ROUNDOFF) + self.err;
        let den = (y.value.abs() - y.err) * (1.0 - 2.0 * UNIT_ROUNDOFF);
        rounded(v, num / den)
    }
}

impl Real for Bounded {
    fn from_f64(x: f64) -> Self {
        Bounded::exact(x)
    }

    fn exact_integer(self) -> Option<i64> {
        if self.err == 0.0 {
            super::integral(self.value)
        } else {
            None
        }
    }

    /// Rounds a double-double to `f64`; the bound covers the rounding and the
    /// double-double's own error ([`DD_REL_ERR`], [`DD_ABS_ERR`]).
    fn from_dd(x: Dd) -> Self {
        let value = x.to_f64();
        if !value.is_finite() {
            return Bounded { value, err: f64::INFINITY };
        }
        let rounding = ((x.hi - value) + x.lo).abs();
        let err = (rounding + DD_REL_ERR * value.abs() + DD_ABS_ERR) * (1.0 + 4.0 * UNIT_ROUNDOFF);
        Bounded { value, err }
    }

    /// $|e^{x} - e^{\hat x}| \le e^{\hat x}(e^{e_x} - 1)$, plus libm's error
    /// (the extra $u|v|$ that rounding adds on top of libm's bound is kept: it
    /// errs on the side of a larger bound, by half an ulp).
    fn with_error(value: f64, err: f64) -> Self {
        Bounded { value, err }
    }

    /// $x + y$ rounded, with the rounding error as the bound (exact: two-sum).
    fn from_sum(x: f64, y: f64) -> Self {
        let sum = Dd::sum_of(x, y);
        let err = if sum.hi.is_finite() { sum.lo.abs() } else { f64::INFINITY };
        Bounded { value: sum.hi, err }
    }

    fn exp(self) -> Self {
        if self.value == f64::NEG_INFINITY && self.err == 0.0 {
            return Bounded::exact(0.0);
        }
        let v = self.value.exp();
        let libm = LIBM_ULPS * 2.0 * UNIT_ROUNDOFF * v.abs();
        rounded(v, v.abs() * (1.0 + 4.0 * UNIT_ROUNDOFF) * self.err.exp_m1() + libm)
    }

    /// $|\ln x - \ln \hat x| \le -\ln(1 - e_x/\hat x)$, plus libm's error.
    fn ln(self) -> Self {
        let v = self.value.ln();
        if self.err.partial_cmp(&self.value) != Some(std::cmp::Ordering::Less) {
            return Bounded { value: v, err: f64::INFINITY };
        }
        let libm = LIBM_ULPS * 2.0 * UNIT_ROUNDOFF * v.abs();
        rounded(v, -(-self.err / self.value).ln_1p() + libm)
    }

    /// $|\sqrt{x} - \sqrt{\hat x}| \le e_x / \sqrt{\hat x}$; `sqrt` is correctly rounded.
    fn sqrt(self) -> Self {
        let v = self.value.sqrt();
        if self.err.partial_cmp(&self.value) != Some(std::cmp::Ordering::Less) {
            let err = if self.err == 0.0 && self.value == 0.0 { 0.0 } else { f64::INFINITY };
            return Bounded { value: v, err };
        }
        rounded(v, self.err / v)
    }

    fn value(self) -> f64 {
        self.value
    }
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn exact_operands_give_half_an_ulp() {
        let third = Bounded::exact(1.0) / Bounded::exact(3.0);
        assert!((third.value - 1.0 / 3.0).abs() < f64::EPSILON);
        assert!(third.err > 0.0 && third.err < 0.6 * f64::EPSILON / 3.0 * 2.0);
    }

    #[test]
    fn cancellation_widens_the_bound_relative_to_the_result() {
        let s = Bounded::exact(1.0) / Bounded::exact(3.0);
        let d = s - s * Bounded::exact(1.0);
        // The difference is exactly 0 in f64, the bound is a few ulps of 1/3.
        assert_eq!(d.value, 0.0);
        assert!(d.err > 0.0);
    }

    #[test]
    fn a_masked_logit_stays_exact() {
        let a = Bounded::exact(f64::NEG_INFINITY) - Bounded::exact(3.0);
        assert_eq!(a, Bounded::exact(f64::NEG_INFINITY));
        assert_eq!(a.exp(), Bounded::exact(0.0));
    }

    #[test]
    fn overflow_is_unbounded() {
        let big = Bounded::exact(800.0).exp();
        assert!(!big.is_finite());
    }
}
