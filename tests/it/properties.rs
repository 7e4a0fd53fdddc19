//! quickcheck properties over [`GenLogits`] (bounded, shrinking), fixed seeds.

use dsoftmax::inputs::GenLogits;
use dsoftmax::numeric::{sum, Bounded};
use dsoftmax::reference::exact;
use dsoftmax::softmax::{self, stable};
use dsoftmax::tolerance::{self, UNIT_ROUNDOFF};
use quickcheck::{Gen, QuickCheck, TestResult};

fn qc() -> QuickCheck {
    QuickCheck::new().rng(Gen::from_size_and_seed(64, 0x5EED)).tests(300).max_tests(3000)
}

#[test]
fn softmax_sums_to_one_within_its_rounding_bound() {
    fn prop(a: GenLogits) -> bool {
        let total = sum(softmax::bounded(&a.0));
        tolerance::within((total.value - 1.0).abs(), total.err)
    }
    qc().quickcheck(prop as fn(GenLogits) -> bool);
}

#[test]
fn softmax_lies_in_zero_one() {
    fn prop(a: GenLogits) -> bool {
        softmax::softmax(&a.0).iter().all(|s| (0.0..=1.0).contains(s))
    }
    qc().quickcheck(prop as fn(GenLogits) -> bool);
}

#[test]
fn softmax_keeps_the_order_weakly_in_f64() {
    fn prop(a: GenLogits) -> bool {
        let (x, s) = (a.0.as_slice(), softmax::softmax(&a.0));
        (0..x.len()).all(|i| (0..x.len()).all(|k| x[i] >= x[k] || s[i] <= s[k]))
    }
    qc().quickcheck(prop as fn(GenLogits) -> bool);
}

#[test]
fn adding_a_constant_changes_nothing_beyond_rounding() {
    fn prop(a: GenLogits, c: i16) -> TestResult {
        let x = a.0.as_slice();
        let shift = f64::from(c) / 8.0;
        let shifted: Vec<Bounded> = x
            .iter()
            .map(|&v| {
                if v.is_finite() {
                    <Bounded as dsoftmax::numeric::Real>::from_sum(v, shift)
                } else {
                    Bounded::exact(v)
                }
            })
            .collect();
        if shifted.iter().any(|v| !v.is_finite()) {
            return TestResult::discard();
        }
        let (s, t) = (softmax::bounded(&a.0), stable(&shifted));
        TestResult::from_bool(
            s.iter().zip(&t).all(|(p, q)| tolerance::within((p.value - q.value).abs(), tolerance::between(*p, *q))),
        )
    }
    qc().quickcheck(prop as fn(GenLogits, i16) -> TestResult);
}

#[test]
fn the_jacobian_is_symmetric() {
    fn prop(a: GenLogits) -> bool {
        let j = exact::jacobian(&a.0);
        j == j.transpose()
    }
    qc().quickcheck(prop as fn(GenLogits) -> bool);
}

#[test]
fn the_jacobian_annihilates_the_ones_vector() {
    // Σ_j D_jS_i = S_i(Σ_{k≠i} S_k) − S_i Σ_{j≠i} S_j = 0: each entry is within one ulp
    // of the truth, and the f64 row sum adds N rounding errors of the largest term.
    fn prop(a: GenLogits) -> bool {
        let j = exact::jacobian(&a.0);
        let n = j.ncols() as f64;
        j.row_iter().all(|row| {
            let largest = row.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            let bound = n * (tolerance::REFERENCE_ULPS * 2.0 * UNIT_ROUNDOFF + n * UNIT_ROUNDOFF) * largest
                + n * tolerance::UNDERFLOW_ETA;
            row.sum().abs() <= bound
        })
    }
    qc().quickcheck(prop as fn(GenLogits) -> bool);
}

#[test]
fn the_jacobian_is_positive_semidefinite() {
    // J = diag(S) − SSᵀ: xᵀJx = Σ S_i x_i² − (Σ S_i x_i)² ≥ 0 (a variance). Eigenvalues of
    // the f64 matrix are within N‖J‖·u·few of those of J (Weyl), so allow −4N²u‖J‖.
    fn prop(a: GenLogits) -> TestResult {
        if a.0.len() > 64 {
            return TestResult::discard(); // the eigen-decomposition is O(N³); keep the test fast
        }
        let j = exact::jacobian(&a.0);
        let norm = j.norm();
        if norm == 0.0 {
            return TestResult::passed(); // N = 1, or every entry below the f64 range
        }
        // Scaled to norm 1 so that the eigen-solver's own products do not underflow.
        let n = j.ncols() as f64;
        let smallest = (j / norm).symmetric_eigenvalues().min();
        TestResult::from_bool(smallest >= -4.0 * n * n * UNIT_ROUNDOFF)
    }
    qc().quickcheck(prop as fn(GenLogits) -> TestResult);
}
