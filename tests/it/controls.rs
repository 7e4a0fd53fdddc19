//! The numeric evidence rejects a wrong formula (negative control) and
//! accepts right formulas written differently (positive control).

use dsoftmax::derivation::Scope;
use dsoftmax::expr::eval::eval;
use dsoftmax::expr::{plain, Expr};
use dsoftmax::inputs::{self, Family, SplitMix64, DEFAULT_SEED};
use dsoftmax::numeric::Bounded;
use dsoftmax::tolerance::Scheme;
use dsoftmax::verdict::Agreement;
use dsoftmax::verify::{run_checks, Against, CandidateFn, Check, Evaluation};
use dsoftmax::Logits;

const NAN: Bounded = Bounded { value: f64::NAN, err: f64::INFINITY };

/// The value (last member) of a line of LaTeX.
fn line(latex: &str) -> Expr {
    dsoftmax::expr::latex::parse_row(latex).unwrap().members.pop().unwrap()
}

const KRONECKER: &str = r"D_jS_i = S_i(\delta_{ij} - S_j)";
const QUOTIENT_RULE_SLIP: &str = r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}";
/// Entry (i, j) of diag(S) − S Sᵀ.
const MATRIX: &str = r"D_jS_i = \delta_{ij} S_i - S_i S_j";

fn value(e: &Expr, ev: &Evaluation, i: usize, j: usize) -> Bounded {
    eval(e, &ev.at.env(i, j)).unwrap_or(NAN)
}

/// The Kronecker line with its off-diagonal entries multiplied by (1 + ε).
fn off_diagonal_scaled(eps: f64) -> impl Fn(&Evaluation, usize, usize) -> Bounded + Sync {
    let kronecker = line(KRONECKER);
    move |ev, i, j| {
        let d = value(&kronecker, ev, i, j);
        if i == j {
            d
        } else {
            d * Bounded::exact(1.0 + eps)
        }
    }
}

fn agreement_on(candidate: &CandidateFn<'_>, against: Against, suite: &[Logits]) -> Agreement {
    let check = Check { candidate, formula: 0, scope: Scope::All, against };
    run_checks(&[check], suite)[0].agreement()
}

fn moderate_inputs(count: usize) -> Vec<Logits> {
    let mut rng = SplitMix64::new(DEFAULT_SEED);
    (0..count).map(|k| inputs::generate(&mut rng, Family::Moderate, 2 + k % 30)).collect()
}

#[test]
fn off_diagonal_times_one_plus_1e_9_is_rejected_on_every_moderate_input() {
    let wrong = off_diagonal_scaled(1e-9);
    for a in moderate_inputs(300) {
        assert_eq!(agreement_on(&wrong, Against::Exact, std::slice::from_ref(&a)), Agreement::Disagrees, "a = {a}");
    }
}

#[test]
fn finite_differences_reject_a_relative_error_of_1e_4_on_every_moderate_input() {
    let wrong = off_diagonal_scaled(1e-4);
    for scheme in Scheme::ALL {
        for a in moderate_inputs(100) {
            let v = agreement_on(&wrong, Against::FiniteDifference(scheme), std::slice::from_ref(&a));
            assert_eq!(v, Agreement::Disagrees, "{scheme:?} at a = {a}");
        }
    }
}

#[test]
fn the_quotient_rule_as_written_is_rejected_by_every_reference() {
    let rule_line = line(QUOTIENT_RULE_SLIP);
    let rule = |ev: &Evaluation, i: usize, j: usize| value(&rule_line, ev, i, j);
    let suite = moderate_inputs(20);
    for against in
        [Against::Exact, Against::FiniteDifference(Scheme::Forward), Against::FiniteDifference(Scheme::Richardson)]
    {
        assert_eq!(agreement_on(&rule, against, &suite), Agreement::Disagrees, "{against:?}");
    }
}

#[test]
fn right_formulas_written_differently_are_never_rejected_on_any_generated_input() {
    let suite = inputs::suite(DEFAULT_SEED + 2, 300);
    let forms: Vec<Expr> = ["S_j*(delta_ij - S_i)", "delta_ij*S_i - S_i*S_j", "-(S_i*S_j) + delta_ij*S_i"]
        .iter()
        .map(|f| plain::parse(f).unwrap())
        .collect();
    let candidates: Vec<Box<CandidateFn<'_>>> = forms
        .iter()
        .map(|f| Box::new(move |ev: &Evaluation, i: usize, j: usize| value(f, ev, i, j)) as Box<CandidateFn<'_>>)
        .collect();
    let checks: Vec<Check> = candidates
        .iter()
        .enumerate()
        .map(|(formula, c)| Check { candidate: c.as_ref(), formula, scope: Scope::All, against: Against::Exact })
        .collect();
    for (k, tally) in run_checks(&checks, &suite).into_iter().enumerate() {
        assert_eq!(tally.agreement(), Agreement::Agrees, "form {k}: {:?}", tally.counterexample);
    }
}

#[test]
fn the_article_formula_agrees_with_every_finite_difference_on_saturated_inputs() {
    let kronecker_line = line(KRONECKER);
    let kronecker = |ev: &Evaluation, i: usize, j: usize| value(&kronecker_line, ev, i, j);
    let suite = inputs::fixed_cases().into_iter().map(|(_, a)| a).collect::<Vec<_>>();
    for scheme in Scheme::ALL {
        let v = agreement_on(&kronecker, Against::FiniteDifference(scheme), &suite);
        assert_eq!(v, Agreement::Agrees, "{scheme:?}");
    }
}

#[test]
fn the_matrix_line_computes_what_nalgebra_computes_bit_for_bit() {
    let matrix = line(MATRIX);
    for a in inputs::suite(DEFAULT_SEED, 200) {
        let ev = Evaluation::new(&a);
        let s: Vec<f64> = ev.at.exact.s.iter().map(|s_k| s_k.to_f64()).collect();
        let s = nalgebra::DVector::from_column_slice(&s);
        let m = nalgebra::DMatrix::from_diagonal(&s) - &s * s.transpose();
        for i in 0..a.len() {
            for j in 0..a.len() {
                let line = value(&matrix, &ev, i, j).value;
                assert_eq!(m[(i, j)].to_bits(), line.to_bits(), "a = {a}, ({i}, {j})");
            }
        }
    }
}

#[test]
fn finite_difference_steps_do_not_grow_with_the_logits() {
    // Softmax is shift-invariant: at [1e4, 1e4] the differences are those of [0, 0].
    let a = Logits::new(vec![1e4, 1e4]).unwrap();
    for scheme in Scheme::ALL {
        let jac = dsoftmax::reference::finite_diff::jacobian::<f64>(&a, scheme, scheme.optimal_step());
        assert!((jac[(0, 0)] - 0.25).abs() < 1e-6 && (jac[(1, 0)] + 0.25).abs() < 1e-6, "{scheme:?}: {jac}");
    }
}
