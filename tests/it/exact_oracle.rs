//! The exact reference is within `REFERENCE_ULPS` of the truth on every
//! entry of every input: the truth here is the quotient rule
//! $(\delta_{ij} g_i h - g_i g_j)/h^2$ evaluated from first principles with
//! astro-float, at a precision that covers the worst cancellation
//! ($h - g_i$ loses up to $(\max a - \min a)/\ln 2$ bits).

use astro_float::{BigFloat, Consts, RoundingMode};
use dsoftmax::inputs::{self, DEFAULT_SEED};
use dsoftmax::reference::exact;
use dsoftmax::tolerance::{ulp, REFERENCE_ULPS};
use dsoftmax::Logits;

const RM: RoundingMode = RoundingMode::ToEven;

/// 2^600.
const SCALE: f64 = 4.149_515_568_880_993e180;

/// Bits enough for the cancellation in $h - g_i$ plus 192 of margin.
fn precision(a: &Logits) -> usize {
    let finite: Vec<f64> = a.as_slice().iter().copied().filter(|x| x.is_finite()).collect();
    let spread =
        finite.iter().copied().fold(f64::NEG_INFINITY, f64::max) - finite.iter().copied().fold(f64::INFINITY, f64::min);
    // spread ≤ 2000 for every generated input: the cast is exact enough for a bit count.
    256 + (spread / std::f64::consts::LN_2).ceil() as usize
}

/// $g_k = e^{a_k - \max a}$ and $h = \sum_k g_k$, to `p` bits.
fn exponentials(a: &Logits, p: usize, cc: &mut Consts) -> (Vec<BigFloat>, BigFloat) {
    let m = BigFloat::from_f64(a.max(), p);
    let g: Vec<BigFloat> = a
        .as_slice()
        .iter()
        .map(|&x| {
            if x.is_finite() {
                BigFloat::from_f64(x, p).sub(&m, p, RM).exp(p, RM, cc)
            } else {
                BigFloat::from_f64(0.0, p)
            }
        })
        .collect();
    let h = g.iter().fold(BigFloat::from_f64(0.0, p), |acc, g_k| acc.add(g_k, p, RM));
    (g, h)
}

/// The true Jacobian, entry (i, j), to `p` bits, by the quotient rule.
fn truth(a: &Logits, cc: &mut Consts) -> Vec<Vec<BigFloat>> {
    let p = precision(a);
    let (g, h) = exponentials(a, p, cc);
    let h2 = h.mul(&h, p, RM);
    let n = a.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let gi_gj = g[i].mul(&g[j], p, RM);
                    let num = if i == j { g[i].mul(&h, p, RM).sub(&gi_gj, p, RM) } else { gi_gj.neg() };
                    num.div(&h2, p, RM)
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_exact_reference_is_within_its_ulps_of_a_high_precision_quotient_rule_on_every_entry() {
    let mut cc = Consts::new().expect("astro-float constants");
    let suite = inputs::suite(DEFAULT_SEED, inputs::DEFAULT_COUNT);
    let mut entries = 0usize;
    for a in &suite {
        let jac = exact::jacobian(a);
        let t = truth(a, &mut cc);
        let p = precision(a);
        for i in 0..a.len() {
            for j in 0..a.len() {
                let r = jac[(i, j)];
                // Compared scaled by 2^600: astro-float's conversion of subnormal
                // f64 values is not exact, r·2^600 and ulp(r)·2^600 are normal.
                let scaled = |x: f64| BigFloat::from_f64(x * SCALE, p);
                let diff = scaled(r).sub(&t[i][j].mul(&scaled(1.0), p, RM), p, RM);
                let bound = scaled(REFERENCE_ULPS * ulp(r));
                assert!(
                    diff.abs_cmp(&bound).is_some_and(|c| c <= 0),
                    "a = {a}, i = {}, j = {}: reference {r:e}, true {}",
                    i + 1,
                    j + 1,
                    t[i][j]
                );
                entries += 1;
            }
        }
    }
    assert!(entries > 2_000_000, "{entries}");
}

#[test]
fn at_the_articles_saturated_logits_the_diagonal_keeps_its_tiny_value() {
    // ∂S₃/∂a₃ = S₃(S₁ + S₂) ≈ 2.40e-145, where S₃(1 − S₃), complex step and finite differences give 0.
    let a = Logits::new(vec![123.0, 456.0, 789.0]).unwrap();
    let jac = exact::jacobian(&a);
    assert!((jac[(2, 2)] - 2.398_487_868_841_356e-145).abs() <= 2.0 * ulp(2.398_487_868_841_356e-145));
    assert_eq!(dsoftmax::reference::analytic(&a)[(2, 2)], 0.0);
    assert_eq!(dsoftmax::reference::complex_step::jacobian(&a)[(2, 2)], 0.0);
}

/// The measurement `tolerance::DD_REL_ERR` refers to: every $S_k$ of every
/// input in double-double is within $2^{-90}$ relative (plus `DD_ABS_ERR`
/// near the bottom of the range) of the same softmax at 256 bits and more.
#[test]
fn the_double_double_softmax_is_within_dd_rel_err_of_a_high_precision_one() {
    use dsoftmax::tolerance::{DD_ABS_ERR, DD_REL_ERR};
    let mut cc = Consts::new().expect("astro-float constants");
    let mut worst: f64 = 0.0;
    for a in &inputs::suite(DEFAULT_SEED, inputs::DEFAULT_COUNT) {
        let p = precision(a);
        let (g, h) = exponentials(a, p, &mut cc);
        let exact = dsoftmax::softmax::Exact::new(a);
        for (k, s_k) in exact.s.iter().enumerate() {
            let truth = g[k].div(&h, p, RM);
            // Scaled by 2^600 so that subnormal parts convert exactly.
            let scaled = |x: f64| BigFloat::from_f64(x * SCALE, p);
            let dd = scaled(s_k.hi).add(&scaled(s_k.lo), p, RM);
            let diff = dd.sub(&truth.mul(&scaled(1.0), p, RM), p, RM);
            let bound = scaled(DD_REL_ERR * s_k.hi.abs() * (1.0 + 1e-15) + DD_ABS_ERR);
            assert!(
                diff.abs_cmp(&bound).is_some_and(|c| c <= 0),
                "a = {a}, k = {}: double-double {:e} + {:e}, true {truth}",
                k + 1,
                s_k.hi,
                s_k.lo
            );
            let rel = (s_k.hi - dsoftmax::rigorous::to_f64(&truth)).abs();
            worst = worst.max(if s_k.hi > 1e-290 { rel / s_k.hi } else { 0.0 });
        }
    }
    assert!(worst <= 1e-15, "the leading parts are the f64 nearest the truth: {worst:e}");
}
