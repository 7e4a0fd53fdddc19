//! Each check rejects a wrong formula (negative control) and accepts right
//! formulas written differently (positive control).

use dsoftmax::derivation::{Formula, Point, Scope};
use dsoftmax::inputs::{self, Family, SplitMix64, DEFAULT_SEED};
use dsoftmax::numeric::Bounded;
use dsoftmax::tolerance::Scheme;
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{run_checks, Against, CandidateFn, Check};
use dsoftmax::Logits;

fn kronecker(p: &Point<Bounded>, i: usize, j: usize) -> Bounded {
    Formula::Kronecker.eval(p, i, j)
}

/// Off-diagonal entries multiplied by (1 + ε).
fn off_diagonal_scaled(eps: f64) -> impl Fn(&Point<Bounded>, usize, usize) -> Bounded + Sync {
    move |p, i, j| {
        let d = kronecker(p, i, j);
        if i == j {
            d
        } else {
            d * Bounded::exact(1.0 + eps)
        }
    }
}

fn verdict_on(candidate: &CandidateFn, against: Against, suite: &[Logits]) -> Verdict {
    let check = Check { candidate, scope: Scope::All, against };
    run_checks(&[check], suite)[0].verdict()
}

fn moderate_inputs(count: usize) -> Vec<Logits> {
    let mut rng = SplitMix64::new(DEFAULT_SEED);
    (0..count).map(|k| inputs::generate(&mut rng, Family::Moderate, 2 + k % 30)).collect()
}

#[test]
fn off_diagonal_times_one_plus_1e_9_is_refuted_on_every_moderate_input() {
    let wrong = off_diagonal_scaled(1e-9);
    for a in moderate_inputs(300) {
        assert_eq!(verdict_on(&wrong, Against::Exact, std::slice::from_ref(&a)), Verdict::Refuted, "a = {a}");
    }
}

#[test]
fn finite_differences_reject_a_relative_error_of_1e_4_on_every_moderate_input() {
    let wrong = off_diagonal_scaled(1e-4);
    for scheme in Scheme::ALL {
        for a in moderate_inputs(100) {
            let v = verdict_on(&wrong, Against::FiniteDifference(scheme), std::slice::from_ref(&a));
            assert_eq!(v, Verdict::Refuted, "{scheme:?} at a = {a}");
        }
    }
}

#[test]
fn the_quotient_rule_as_written_is_rejected_by_every_reference() {
    let rule = |p: &Point<Bounded>, i: usize, j: usize| Formula::QuotientRuleAsWritten.eval(p, i, j);
    let suite = moderate_inputs(20);
    for against in
        [Against::Exact, Against::FiniteDifference(Scheme::Forward), Against::FiniteDifference(Scheme::Richardson)]
    {
        assert_eq!(verdict_on(&rule, against, &suite), Verdict::Refuted, "{against:?}");
    }
}

#[test]
fn right_formulas_written_differently_are_never_refuted_on_any_generated_input() {
    let suite = inputs::suite(DEFAULT_SEED + 2, 1000);
    // S_j(δ_ij − S_i)
    let transposed = |p: &Point<Bounded>, i: usize, j: usize| p.s[j] * (p.delta(i, j) - p.s[i]);
    // S_i Σ_{k≠i} S_k on the diagonal, −S_i S_j off it
    let complement = |p: &Point<Bounded>, i: usize, j: usize| {
        if i == j {
            let rest = (0..p.n()).filter(|&k| k != i).fold(Bounded::exact(0.0), |acc, k| acc + p.s[k]);
            p.s[i] * rest
        } else {
            -(p.s[i] * p.s[j])
        }
    };
    // diag(S) − S Sᵀ (see below: the same operations as nalgebra's)
    let matrix = |p: &Point<Bounded>, i: usize, j: usize| Formula::Matrix.eval(p, i, j);
    let candidates: [&CandidateFn; 3] = [&transposed, &complement, &matrix];
    let checks: Vec<Check> =
        candidates.iter().map(|&c| Check { candidate: c, scope: Scope::All, against: Against::Exact }).collect();
    for (k, tally) in run_checks(&checks, &suite).into_iter().enumerate() {
        assert_eq!(tally.verdict(), Verdict::Holds, "candidate {k}: {:?}", tally.counterexample);
    }
}

#[test]
fn the_article_formula_holds_against_every_finite_difference_on_saturated_inputs() {
    let suite = inputs::fixed_cases().into_iter().map(|(_, a)| a).collect::<Vec<_>>();
    for scheme in Scheme::ALL {
        assert_eq!(verdict_on(&kronecker, Against::FiniteDifference(scheme), &suite), Verdict::Holds, "{scheme:?}");
    }
}

#[test]
fn the_matrix_line_computes_what_nalgebra_computes_bit_for_bit() {
    for a in inputs::suite(DEFAULT_SEED, 200) {
        let p: Point<f64> = Point::new(&a);
        let s = nalgebra::DVector::from_column_slice(&p.s);
        let m = nalgebra::DMatrix::from_diagonal(&s) - &s * s.transpose();
        for i in 0..a.len() {
            for j in 0..a.len() {
                assert_eq!(m[(i, j)].to_bits(), Formula::Matrix.eval(&p, i, j).to_bits(), "a = {a}, ({i}, {j})");
            }
        }
    }
}
