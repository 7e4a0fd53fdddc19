//! The tolerance policy: every bound a verdict uses, with its derivation.
//!
//! A verdict never uses a tuned constant. Two values agree when their
//! distance is within the sum of their **proven** error bounds:
//!
//! - a formula evaluated in `f64` carries its own bound, propagated operation
//!   by operation ([`crate::numeric::Bounded`], standard model with
//!   [`UNIT_ROUNDOFF`], [`UNDERFLOW_ETA`], [`LIBM_ULPS`]);
//! - the exact reference is within [`REFERENCE_ULPS`] of the truth;
//! - a finite difference adds its truncation bound ([`Scheme::truncation`]), derived
//!   below from Taylor's theorem with the softmax's own derivative bounds.
//!
//! NaN or $\pm\infty$ never agree with anything ([`within`]).

use crate::numeric::Bounded;

// The arithmetics' own error model lives beside them, in `numeric`; it is
// part of the tolerance policy, and re-exported here.
pub use crate::numeric::{DD_ABS_ERR, DD_REL_ERR, LIBM_ULPS, UNDERFLOW_ETA, UNIT_ROUNDOFF};

/// The exact reference ([`crate::reference::exact`]) is within this many ulps of
/// the true $\partial S_i/\partial a_j$, relatively, on every entry.
///
/// For a normal result it is the double-double value rounded to nearest:
/// half an ulp plus [`DD_REL_ERR`]. For a subnormal result, half a
/// subnormal unit for the final rounding plus the absolute error of
/// $S_i$ when $S_i$ is itself below $2^{-969}$ (about 1.5 units, see
/// [`crate::reference::exact::entry`]): 2 ulps in all, half the 4 ulps
/// this project asks of it. `tests/tests.rs` checks the bound entry by entry
/// against an evaluation of the quotient rule at 256 bits and more.
pub const REFERENCE_ULPS: f64 = 2.0;

/// One unit in the last place of `x`: $2^{e-52}$ for a normal `x` with
/// exponent $e$, and $2^{-1074}$ for a subnormal or zero.
pub fn ulp(x: f64) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    let biased = x.abs().to_bits() >> 52;
    match biased {
        0 => UNDERFLOW_ETA,
        1..=52 => f64::from_bits(1u64 << (biased - 1)),
        _ => f64::from_bits((biased - 52) << 52),
    }
}

/// Distance in ulps of `reference` (how verdicts report an error).
pub fn ulps(x: f64, reference: f64) -> f64 {
    (x - reference).abs() / ulp(reference)
}

/// Whether `distance <= tolerance`, both finite. NaN and $\pm\infty$ never agree.
pub fn within(distance: f64, tolerance: f64) -> bool {
    distance.is_finite() && tolerance.is_finite() && distance <= tolerance
}

/// The tolerance for a value computed in `f64` against the exact reference:
/// the value's own rounding bound plus the reference's [`REFERENCE_ULPS`].
pub fn against_exact(claimed: Bounded, reference: f64) -> f64 {
    grown(claimed.err + REFERENCE_ULPS * ulp(reference))
}

/// The tolerance between two values each carrying a proven bound.
pub fn between(x: Bounded, y: Bounded) -> f64 {
    grown(x.err + y.err)
}

/// The relative accuracy to which a `holds` verdict certifies each entry:
/// $|\text{claimed} - \text{true}| \le 2^{-40}|\text{true}|$, proven.
///
/// $2^{-40} \approx 9 \cdot 10^{-13}$ leaves 13 bits to the `f64` rounding of a
/// well-conditioned formula (a few ulps, $2^{-50}$), so such a formula is
/// certified in `f64` alone; a formula that cancels (bound wider than
/// $2^{-40}$) is re-evaluated in interval arithmetic, where the bound shrinks
/// with the precision.
///
/// What this makes `holds` mean: every sampled entry is certified within
/// $2^{-40}$ of the target, and none is certified different. A difference the
/// arithmetic does resolve refutes, even below $2^{-40}$ (the `f64` pass
/// checks [`certified_disagreement`] before [`certified_agreement`], the
/// interval pass the exclusion of 0 before [`crate::rigorous::within_relative`]).
/// A difference below $2^{-40}$ that neither resolves (say $10^{-20}$ of the
/// target, under every `f64` bound) is not seen: `holds` is numeric evidence,
/// not equality. That is why formulas in the exact fragment never get it
/// (a non-zero exact difference is refuted, or undecided).
pub const CERTIFIED_BITS: usize = 40;

/// $2^{-40}$, [`CERTIFIED_BITS`] as a factor.
pub const CERTIFIED_REL: f64 = 9.094_947_017_729_282e-13;

/// The relative distance beyond which the `f64` value of a formula is
/// reported as having lost its digits (a diagnostic, not a verdict): $2^{-20}$,
/// about a millionth — far above any well-conditioned formula's few ulps.
pub const STABILITY_REL: f64 = 9.536_743_164_062_5e-7;

/// Whether `claimed` is proven within [`CERTIFIED_REL`] of `reference`
/// (relative to the smallest value the reference can have):
/// $|c - r| + e_c + e_r \le 2^{-40}(|r| - e_r)$, every side rounded safely.
pub fn certified_agreement(claimed: Bounded, reference: Bounded) -> bool {
    let distance = (claimed.value - reference.value).abs();
    let worst = grown(distance + claimed.err + reference.err);
    let floor = (reference.value.abs() - reference.err) * (1.0 - 4.0 * UNIT_ROUNDOFF);
    worst.is_finite() && floor.is_finite() && floor >= 0.0 && worst <= CERTIFIED_REL * floor
}

/// Whether `claimed` and `reference` are proven different: their distance,
/// less its own rounding, exceeds both bounds. NaN or an infinite bound never
/// proves anything.
pub fn certified_disagreement(claimed: Bounded, reference: Bounded) -> bool {
    let distance = (claimed.value - reference.value).abs() * (1.0 - 2.0 * UNIT_ROUNDOFF);
    let bounds = grown(claimed.err + reference.err);
    claimed.is_finite() && reference.is_finite() && distance.is_finite() && distance > bounds
}

/// A bound computed in `f64` is itself rounded: $(1 + 4u)$ makes it safe.
fn grown(bound: f64) -> f64 {
    bound * (1.0 + 4.0 * UNIT_ROUNDOFF)
}

/// $h = 2^{-60}$ for the complex step: a power of two, so $x \cdot h$ and
/// $/h$ are exact, and $\sin h = h$ in `f64`.
pub const COMPLEX_STEP: f64 = 8.673_617_379_884_035e-19;

/// The finite-difference schemes and their error models.
///
/// For a step $h$ on coordinate $j$ (the step is $h_j = h \max(1, |a_j - \max_k a_k|)$,
/// then rounded so that $a_j + h_j$ is exact), Taylor's theorem with
/// remainder gives
///
/// | scheme | formula | truncation bound |
/// |---|---|---|
/// | forward | $\frac{S(a + h e_j) - S(a)}{h}$ | $\frac{h}{2} M_2$ |
/// | central | $\frac{S(a + h e_j) - S(a - h e_j)}{2h}$ | $\frac{h^2}{6} M_3$ |
/// | Richardson | $\frac{4 D(h/2) - D(h)}{3}$, $D$ central | $\frac{h^4}{288} M_5$ |
///
/// where $M_n$ bounds $|\partial^n S_i / \partial a_j^n|$ on $[a_j - h, a_j + h]$.
/// As a function of $a_j$, $S_j = \sigma(a_j - c)$ is the logistic function and
/// $S_i = -q\,\sigma(a_j - c) + q$ ($i \ne j$, $q \in (0, 1]$ constant); the
/// derivatives of the logistic are $\sigma^{(n)} = \sigma(1 - \sigma) P_n(\sigma)$
/// with $|P_2|, |P_3|, |P_5| \le 1$ on $[0, 1]$ (checked in this module's
/// tests), and $\sigma(1-\sigma)$ grows by at most $e^{|t|}$ over a shift $t$.
/// Hence $M_n \le |\partial S_i / \partial a_j| \, e^{h}$: every truncation
/// bound is **relative to the entry itself**. The rounding part of each
/// scheme is not modelled here: the scheme is evaluated in
/// [`Bounded`] arithmetic, which bounds it rigorously.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// One-sided, $O(h)$.
    Forward,
    /// Two-sided, $O(h^2)$.
    Central,
    /// Central with one Richardson extrapolation, $O(h^4)$.
    Richardson,
}

impl Scheme {
    /// Every scheme, least accurate first.
    pub const ALL: [Scheme; 3] = [Scheme::Forward, Scheme::Central, Scheme::Richardson];

    /// The order $p$ of the truncation error $O(h^p)$: 1, 2, 4.
    pub fn order(self) -> u32 {
        match self {
            Scheme::Forward => 1,
            Scheme::Central => 2,
            Scheme::Richardson => 4,
        }
    }

    /// The step that balances truncation against rounding (error
    /// $\approx c_1 h^p + c_2 u / h$ is least at $h \propto u^{1/(p+1)}$):
    /// $\sqrt{u}$, $u^{1/3}$, $u^{1/5}$, scaled by $\max(1, |a_j - \max_k a_k|)$.
    pub fn optimal_step(self) -> f64 {
        match self {
            Scheme::Forward => UNIT_ROUNDOFF.sqrt(),
            Scheme::Central => UNIT_ROUNDOFF.cbrt(),
            Scheme::Richardson => UNIT_ROUNDOFF.powf(0.2),
        }
    }

    /// The truncation bound of the table above for step `h` and true entry
    /// `exact` ($|\partial S_i/\partial a_j|$): [`Scheme::truncation_scale`]
    /// times $|\text{exact}|$.
    pub fn truncation(self, h: f64, exact: f64) -> f64 {
        self.truncation_scale(h) * exact.abs()
    }

    /// The truncation bound per unit of $|\partial S_i/\partial a_j|$ for step
    /// `h` (one value per column, computed once): the factor of the table above
    /// times $e^h$, grown by $(1 + 8u)$ for the rounding of the true entry and
    /// of the three products.
    pub fn truncation_scale(self, h: f64) -> f64 {
        let factor = match self {
            Scheme::Forward => h / 2.0,
            Scheme::Central => h * h / 6.0,
            Scheme::Richardson => h.powi(4) / 288.0,
        };
        factor * h.exp() * (1.0 + 8.0 * UNIT_ROUNDOFF)
    }

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Forward => "forward",
            Scheme::Central => "central",
            Scheme::Richardson => "richardson",
        }
    }
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    /// $P_n$ for the logistic's derivatives $\sigma^{(n)} = \sigma(1-\sigma)P_n(\sigma)$.
    fn p(n: u32, s: f64) -> f64 {
        match n {
            2 => 1.0 - 2.0 * s,
            3 => 1.0 - 6.0 * s + 6.0 * s * s,
            5 => 1.0 - 30.0 * s + 150.0 * s.powi(2) - 240.0 * s.powi(3) + 120.0 * s.powi(4),
            _ => unreachable!(),
        }
    }

    #[test]
    fn logistic_derivative_polynomials_are_bounded_by_one() {
        for n in [2, 3, 5] {
            let worst = (0..=100_000).map(|k| p(n, f64::from(k) / 1e5).abs()).fold(0.0, f64::max);
            assert!(worst <= 1.0 + 1e-12, "P_{n} reaches {worst}");
        }
    }

    #[test]
    fn p5_matches_a_finite_difference_of_the_logistic() {
        // σ⁽⁵⁾ = σ(1-σ)P₅(σ): compare at x = 0.3 with a 5th central difference of σ⁽⁴⁾'s closed form.
        let sigma = |x: f64| 1.0 / (1.0 + (-x).exp());
        let d4 = |x: f64| {
            let s = sigma(x);
            s * (1.0 - s) * (1.0 - 2.0 * s) * (1.0 - 12.0 * s * (1.0 - s))
        };
        let (x, h) = (0.3, 1e-5);
        let fd = (d4(x + h) - d4(x - h)) / (2.0 * h);
        let s = sigma(x);
        assert!((fd - s * (1.0 - s) * p(5, s)).abs() < 1e-8);
    }

    #[test]
    fn ulp_of_one_is_epsilon() {
        assert_eq!(ulp(1.0), f64::EPSILON);
        assert_eq!(ulp(1.5), f64::EPSILON);
        assert_eq!(ulp(0.0), UNDERFLOW_ETA);
        assert_eq!(ulp(f64::MIN_POSITIVE), UNDERFLOW_ETA);
    }

    #[test]
    fn non_finite_never_agrees() {
        assert!(!within(f64::NAN, 1.0));
        assert!(!within(0.0, f64::INFINITY));
        assert!(within(0.0, 0.0));
    }

    #[test]
    fn constants_are_what_their_docs_say() {
        assert_eq!(DD_REL_ERR, 2f64.powi(-90));
        assert_eq!(COMPLEX_STEP, 2f64.powi(-60));
        assert_eq!(UNDERFLOW_ETA, f64::from_bits(1));
        assert_eq!(DD_ABS_ERR, 2f64.powi(-1064));
    }
}
