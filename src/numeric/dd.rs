//! Double-double arithmetic: a value is the unevaluated sum `hi + lo` of two
//! `f64`, with $|lo| \le \tfrac12\,\mathrm{ulp}(hi)$, about 106 significant bits.
//!
//! The algorithms are the classical error-free transformations (Knuth's
//! `two_sum`, the FMA `two_prod`) and Dekker/Bailey's double-double
//! addition, multiplication and division. The accuracy they deliver here is
//! stated in [`super::DD_REL_ERR`] and tested against an independent
//! 256-bit implementation (`astro-float`) in `tests/tests.rs`.

use super::Real;
use std::ops::{Add, Div, Mul, Neg, Sub};

/// A double-double number `hi + lo`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dd {
    /// The leading part, the `f64` nearest the value.
    pub hi: f64,
    /// The trailing part.
    pub lo: f64,
}

/// $\ln 2$ to double-double precision (hi is `std::f64::consts::LN_2`).
const LN2: Dd = Dd { hi: std::f64::consts::LN_2, lo: 2.319_046_813_846_299_6e-17 };

/// `s + e == a + b` exactly (Knuth).
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `s + e == a + b` exactly, given `|a| >= |b|` (Dekker).
fn quick_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `p + e == a * b` exactly (one fused multiply-add).
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

impl Dd {
    /// Zero.
    pub const ZERO: Dd = Dd { hi: 0.0, lo: 0.0 };
    /// One.
    pub const ONE: Dd = Dd { hi: 1.0, lo: 0.0 };

    /// Renormalises `hi + lo`; infinities and NaN pass through with `lo = 0`.
    fn normalised(hi: f64, lo: f64) -> Dd {
        let (hi, lo) = quick_two_sum(hi, lo);
        if hi.is_finite() {
            Dd { hi, lo }
        } else {
            Dd { hi, lo: 0.0 }
        }
    }

    /// The exact sum of two `f64` (Knuth's two-sum).
    pub fn sum_of(x: f64, y: f64) -> Dd {
        let (s, e) = two_sum(x, y);
        if s.is_finite() {
            Dd { hi: s, lo: e }
        } else {
            Dd { hi: s, lo: 0.0 }
        }
    }

    /// The `f64` nearest the value.
    pub fn to_f64(self) -> f64 {
        self.hi + self.lo
    }

    /// Multiplies by $2^k$ (exact unless the result is subnormal).
    pub fn ldexp(self, k: i32) -> Dd {
        let mut x = self;
        let mut k = k;
        // Scale in steps that stay inside the normal exponent range so that
        // only the last multiplication can round.
        while k < -1000 {
            x = Dd { hi: x.hi * pow2(-1000), lo: x.lo * pow2(-1000) };
            k += 1000;
        }
        while k > 1000 {
            x = Dd { hi: x.hi * pow2(1000), lo: x.lo * pow2(1000) };
            k -= 1000;
        }
        Dd { hi: x.hi * pow2(k), lo: x.lo * pow2(k) }
    }

    /// $e^x$, relative error about $2^{-100}$ for results in the normal range.
    ///
    /// Argument reduction $x = k\ln 2 + r$, $|r| \le \tfrac12\ln 2$; then
    /// $e^{r} = (e^{r/1024})^{1024}$ with $e^{r/1024} - 1$ from its Taylor series
    /// (11 terms, truncation below $10^{-40}$) and ten squarings done on
    /// $p = e^{t} - 1$ as $p \leftarrow 2p + p^2$ so that no digit is lost to the
    /// leading 1.
    pub fn exp(self) -> Dd {
        if self.hi.is_nan() {
            return Dd { hi: f64::NAN, lo: 0.0 };
        }
        if self.hi < -746.0 {
            return Dd::ZERO; // e^x < 2^{-1076}: rounds to 0 in f64
        }
        if self.hi > 709.8 {
            return Dd { hi: f64::INFINITY, lo: 0.0 };
        }
        let k = (self.hi / LN2.hi).round();
        let r = self - LN2 * Dd::from(k);
        let t = r.ldexp(-10);
        let inverses = inverses();
        let mut series = Dd::ONE;
        for n in (2..=11).rev() {
            series = Dd::ONE + series * t * inverses[n];
        }
        let mut p = t * series;
        for _ in 0..10 {
            p = p.ldexp(1) + p * p;
        }
        // k is an integer with |k| <= 1077, so the cast is exact.
        (Dd::ONE + p).ldexp(k as i32)
    }

    /// $\ln x$ by one Newton step on $e^y = x$ from the `f64` logarithm.
    pub fn ln(self) -> Dd {
        if self.hi.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || !self.hi.is_finite() {
            return Dd { hi: self.hi.ln(), lo: 0.0 };
        }
        let y = Dd::from(self.hi.ln());
        y + self * (-y).exp() - Dd::ONE
    }

    /// $\sqrt{x}$ by one Newton step from the `f64` square root.
    pub fn sqrt(self) -> Dd {
        if self.hi.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) || !self.hi.is_finite() {
            return Dd { hi: self.hi.sqrt(), lo: 0.0 };
        }
        let y = Dd::from(self.hi.sqrt());
        y + (self - y * y) / (y + y)
    }
}

/// $1/n$ in double-double for $n \le 11$ (the Taylor coefficients' factors), computed once.
fn inverses() -> &'static [Dd; 12] {
    static INVERSES: std::sync::OnceLock<[Dd; 12]> = std::sync::OnceLock::new();
    INVERSES.get_or_init(|| std::array::from_fn(|n| if n == 0 { Dd::ZERO } else { Dd::ONE / Dd::from(n as f64) }))
}

/// $2^k$ for $-1022 \le k \le 1023$, built from its bits.
fn pow2(k: i32) -> f64 {
    debug_assert!((-1022..=1023).contains(&k));
    // The biased exponent k + 1023 lies in 1..=2046, so the cast is exact.
    f64::from_bits(((k + 1023) as u64) << 52)
}

impl From<f64> for Dd {
    fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }
}

impl Add for Dd {
    type Output = Dd;
    fn add(self, y: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, y.hi);
        if !s.is_finite() {
            return Dd { hi: s, lo: 0.0 };
        }
        let (t, f) = two_sum(self.lo, y.lo);
        let (s, e) = quick_two_sum(s, e + t);
        Dd::normalised(s, e + f)
    }
}

impl Neg for Dd {
    type Output = Dd;
    fn neg(self) -> Dd {
        Dd { hi: -self.hi, lo: -self.lo }
    }
}

impl Sub for Dd {
    type Output = Dd;
    fn sub(self, y: Dd) -> Dd {
        self + (-y)
    }
}

impl Mul for Dd {
    type Output = Dd;
    fn mul(self, y: Dd) -> Dd {
        let (p, e) = two_prod(self.hi, y.hi);
        if !p.is_finite() || p == 0.0 {
            return Dd { hi: p, lo: 0.0 };
        }
        Dd::normalised(p, e + (self.hi * y.lo + self.lo * y.hi))
    }
}

impl Div for Dd {
    type Output = Dd;
    fn div(self, y: Dd) -> Dd {
        let q1 = self.hi / y.hi;
        if !q1.is_finite() || q1 == 0.0 {
            return Dd { hi: q1, lo: 0.0 };
        }
        let r = self - y * Dd::from(q1);
        let q2 = r.hi / y.hi;
        let r = r - y * Dd::from(q2);
        let q3 = r.hi / y.hi;
        let (q1, q2) = quick_two_sum(q1, q2);
        Dd { hi: q1, lo: q2 } + Dd::from(q3)
    }
}

impl Real for Dd {
    fn from_f64(x: f64) -> Self {
        Dd::from(x)
    }
    fn from_dd(x: Dd) -> Self {
        x
    }
    fn exp(self) -> Self {
        Dd::exp(self)
    }
    fn ln(self) -> Self {
        Dd::ln(self)
    }
    fn sqrt(self) -> Self {
        Dd::sqrt(self)
    }
    fn value(self) -> f64 {
        self.to_f64()
    }
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn exp_of_one_is_e_to_double_double_precision() {
        // e = 2.718281828459045 + 1.4456468917292502e-16 (hi, lo of e in double-double).
        let e = Dd::ONE.exp();
        assert_eq!(e.hi, std::f64::consts::E);
        assert!((e.lo - 1.445_646_891_729_250_2e-16).abs() < 1e-30);
    }

    #[test]
    fn one_third_times_three_is_one_to_106_bits() {
        let third = Dd::ONE / Dd::from(3.0);
        let back = third * Dd::from(3.0) - Dd::ONE;
        assert!(back.to_f64().abs() < 1e-31);
    }

    #[test]
    fn exp_of_minus_infinity_is_zero() {
        assert_eq!(Dd::from(f64::NEG_INFINITY).exp(), Dd::ZERO);
    }

    #[test]
    fn ln_inverts_exp() {
        let x = Dd::from(0.3) / Dd::from(7.0);
        let err = (x.exp().ln() - x).to_f64().abs();
        assert!(err < 1e-31, "{err}");
    }
}
