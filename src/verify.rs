//! Runs every check: each line of the derivation against its reference,
//! each case of the final formula against the exact reference and the
//! finite differences, and every claim of the article.
//!
//! The result, [`Report`], is what `dsoftmax verify` prints and what the
//! report is written from.

use crate::claims::{self, ClaimReport};
use crate::derivation::{Case, Point, Quantity, Scope, STEPS};
use crate::inputs;
use crate::numeric::Bounded;
use crate::reference::{complex_step, exact, finite_diff};
use crate::tolerance::{self, Scheme};
use crate::verdict::{float, Entry, Tally, Verdict};
use crate::Logits;
use nalgebra::DMatrix;
use serde::Serialize;

/// What a value is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Against {
    /// The exact (double-double) $\partial S_i/\partial a_j$.
    Exact,
    /// A finite-difference scheme at its optimal step, with its truncation bound.
    FiniteDifference(Scheme),
    /// The double-double $e^{a_i}$.
    Exp,
    /// The double-double $\sum_k e^{a_k}$.
    SumExp,
    /// The complex-step $\partial e^{a_i}/\partial a_j$.
    ExpDerivative,
    /// The complex-step $\partial \sum_k e^{a_k}/\partial a_j$.
    SumExpDerivative,
}

impl Against {
    /// The reference a line of this quantity is checked against.
    pub fn for_quantity(q: Quantity) -> Against {
        match q {
            Quantity::Exp => Against::Exp,
            Quantity::SumExp => Against::SumExp,
            Quantity::ExpDerivative => Against::ExpDerivative,
            Quantity::SumExpDerivative => Against::SumExpDerivative,
            Quantity::Derivative => Against::FiniteDifference(Scheme::Richardson),
            Quantity::JacobianEntry => Against::Exact,
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Against::Exact => "exact",
            Against::FiniteDifference(s) => s.name(),
            Against::Exp => "double-double exp",
            Against::SumExp => "double-double sum",
            Against::ExpDerivative | Against::SumExpDerivative => "complex step",
        }
    }
}

/// A reference value and a bound on its distance to the truth.
#[derive(Clone, Copy, Debug)]
pub struct Reference {
    /// The value.
    pub value: f64,
    /// A bound on |value − truth|.
    pub err: f64,
}

/// One input, evaluated once for every check.
pub struct Evaluation {
    /// $a$.
    pub a: Logits,
    /// The point in bounded arithmetic.
    pub point: Point<Bounded>,
    /// The exact Jacobian.
    pub exact: DMatrix<f64>,
    fd: Vec<(Scheme, DMatrix<Bounded>, Vec<f64>)>,
    sum_exp_derivative: Vec<f64>,
}

impl Evaluation {
    /// Evaluates `a`.
    pub fn new(a: &Logits) -> Evaluation {
        let point: Point<Bounded> = Point::new(a);
        let exact = exact::jacobian_of(&point.exact);
        let fd = Scheme::ALL
            .into_iter()
            .map(|s| {
                let h = s.optimal_step();
                (s, finite_diff::jacobian::<Bounded>(a, s, h), finite_diff::steps(a, h))
            })
            .collect();
        let sum_exp_derivative =
            (0..a.len()).map(|j| complex_step::sum_exp_derivative(a.as_slice(), point.ln_c(), j)).collect();
        Evaluation { a: a.clone(), point, exact, fd, sum_exp_derivative }
    }

    /// The reference for entry $(i, j)$ (0-based).
    pub fn reference(&self, against: Against, i: usize, j: usize) -> Reference {
        let exact_ulps = |value: f64| Reference { value, err: tolerance::REFERENCE_ULPS * tolerance::ulp(value) };
        let complex_ulps = |value: f64| Reference { value, err: tolerance::complex_step_exp_error(value) };
        match against {
            Against::Exact => exact_ulps(self.exact[(i, j)]),
            Against::FiniteDifference(scheme) => {
                let (_, jac, steps) = self.fd.iter().find(|(s, _, _)| *s == scheme).expect("every scheme is evaluated");
                let d = jac[(i, j)];
                let truncation = scheme.truncation(steps[j], self.exact[(i, j)]);
                Reference { value: d.value, err: d.err + truncation }
            }
            Against::Exp => exact_ulps(self.point.exact.g[i].to_f64()),
            Against::SumExp => exact_ulps(self.point.exact.h.to_f64()),
            Against::ExpDerivative => {
                complex_ulps(complex_step::exp_derivative(&self.point.a, self.point.ln_c(), i, j))
            }
            Against::SumExpDerivative => complex_ulps(self.sum_exp_derivative[j]),
        }
    }
}

/// A formula for $\partial S_i/\partial a_j$ (or a part) at $(a, i, j)$, evaluated with its error bound.
pub type CandidateFn = dyn Fn(&Point<Bounded>, usize, usize) -> Bounded + Sync;

/// A borrowed [`CandidateFn`].
pub type Candidate<'c> = &'c CandidateFn;

/// One check: a candidate, the entries it speaks about, what it is compared with.
pub struct Check<'c> {
    /// The formula.
    pub candidate: Candidate<'c>,
    /// Which entries.
    pub scope: Scope,
    /// Compared with.
    pub against: Against,
}

impl Check<'_> {
    /// Compares every entry in scope at one evaluated input.
    pub fn run_on(&self, ev: &Evaluation, tally: &mut Tally) {
        tally.start_input(&ev.a);
        let n = ev.a.len();
        for i in 0..n {
            for j in (0..n).filter(|&j| self.scope.contains(i, j)) {
                let claimed = (self.candidate)(&ev.point, i, j);
                let reference = ev.reference(self.against, i, j);
                let tol = tolerance::between(claimed, Bounded { value: reference.value, err: reference.err });
                tally.record(&ev.a, i, j, claimed.value, reference.value, tol);
            }
        }
    }
}

/// Runs `checks` over `suite` on two threads (this machine's cores) and
/// returns one tally per check, in order.
pub fn run_checks(checks: &[Check<'_>], suite: &[Logits]) -> Vec<Tally> {
    // Interleaved halves: large inputs are spread over both threads.
    let run = |parity: usize| -> Vec<Tally> {
        let mut tallies = vec![Tally::default(); checks.len()];
        for a in suite.iter().skip(parity).step_by(2) {
            let ev = Evaluation::new(a);
            for (check, tally) in checks.iter().zip(tallies.iter_mut()) {
                check.run_on(&ev, tally);
            }
        }
        tallies
    };
    let (first, second) = std::thread::scope(|scope| {
        let handle = scope.spawn(|| run(1));
        let first = run(0);
        (first, handle.join().expect("a check thread panicked"))
    });
    first
        .into_iter()
        .zip(second)
        .map(|(mut t, other)| {
            t.merge(other);
            t
        })
        .collect()
}

/// What a check established: its verdict and the evidence behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// Holds or refuted.
    pub verdict: Verdict,
    /// Compared with.
    pub against: &'static str,
    /// The error at the tightest entry (largest error/tolerance).
    #[serde(serialize_with = "float")]
    pub max_error: f64,
    /// The tolerance at that entry.
    #[serde(serialize_with = "float")]
    pub tolerance: f64,
    /// Inputs tested.
    pub inputs: usize,
    /// Entries compared.
    pub entries: usize,
    /// Entries that disagreed.
    pub failures: usize,
    /// The tightest entry.
    pub worst: Option<Entry>,
    /// The simplest disagreeing entry.
    pub counterexample: Option<Entry>,
}

impl Evidence {
    fn new(against: Against, tally: Tally) -> Evidence {
        let (max_error, tolerance) = tally.worst.as_ref().map_or((f64::NAN, f64::NAN), |w| (w.error, w.tolerance));
        Evidence {
            verdict: tally.verdict(),
            against: against.name(),
            max_error,
            tolerance,
            inputs: tally.inputs,
            entries: tally.entries,
            failures: tally.failures,
            worst: tally.worst,
            counterexample: tally.counterexample,
        }
    }
}

/// The outcome of one line of the derivation.
#[derive(Clone, Debug, Serialize)]
pub struct StepReport {
    /// The step's id.
    pub id: &'static str,
    /// The article's section.
    pub section: &'static str,
    /// The line as the article writes it.
    pub latex: &'static str,
    /// The verdict and its evidence.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// The article's final formula $S_i(\delta_{ij} - S_j)$ for one case against one reference.
#[derive(Clone, Debug, Serialize)]
pub struct CaseReport {
    /// $i = j$ or $i \ne j$.
    pub case: Case,
    /// The verdict and its evidence.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// What to run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// The seed of the generated inputs.
    pub seed: u64,
    /// How many generated inputs (on top of the fixed cases).
    pub count: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { seed: inputs::DEFAULT_SEED, count: inputs::DEFAULT_COUNT }
    }
}

/// Everything `dsoftmax verify` establishes.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Every claim of the article, in the article's order.
    pub claims: Vec<ClaimReport>,
    /// Every line of the derivation.
    pub steps: Vec<StepReport>,
    /// The final formula, each case against each reference.
    pub cases: Vec<CaseReport>,
    /// Claims that hold.
    pub holds: usize,
    /// Claims refuted.
    pub refuted: usize,
    /// The seed of the generated inputs.
    pub seed: u64,
    /// Inputs tested (fixed and generated).
    pub inputs: usize,
}

impl Report {
    /// The report of `id`'s step.
    pub fn step(&self, id: &str) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The claim `id`.
    pub fn claim(&self, id: &str) -> Option<&ClaimReport> {
        self.claims.iter().find(|c| c.id == id)
    }
}

/// The checks of every step, then of the final formula per case and reference.
fn all_checks<'c>(
    step_candidates: &'c [Box<CandidateFn>],
    kronecker: Candidate<'c>,
) -> (Vec<Check<'c>>, Vec<(Case, Against)>) {
    let mut checks: Vec<Check<'c>> = STEPS
        .iter()
        .zip(step_candidates)
        .map(|(step, f)| Check {
            candidate: f.as_ref(),
            scope: step.scope,
            against: Against::for_quantity(step.quantity),
        })
        .collect();
    let mut cases = Vec::new();
    for case in [Case::Diagonal, Case::OffDiagonal] {
        let scope = if case == Case::Diagonal { Scope::Diagonal } else { Scope::OffDiagonal };
        let references = std::iter::once(Against::Exact).chain(Scheme::ALL.map(Against::FiniteDifference));
        for against in references {
            checks.push(Check { candidate: kronecker, scope, against });
            cases.push((case, against));
        }
    }
    (checks, cases)
}

/// Runs everything on the suite of `config`.
pub fn run(config: Config) -> Report {
    let suite = inputs::suite(config.seed, config.count);
    let step_candidates: Vec<Box<CandidateFn>> = STEPS
        .iter()
        .map(|step| {
            let formula = step.formula;
            Box::new(move |p: &Point<Bounded>, i: usize, j: usize| formula.eval(p, i, j)) as Box<_>
        })
        .collect();
    let kronecker = |p: &Point<Bounded>, i: usize, j: usize| crate::derivation::Formula::Kronecker.eval(p, i, j);
    let (checks, case_keys) = all_checks(&step_candidates, &kronecker);
    let mut tallies = run_checks(&checks, &suite).into_iter();
    let steps: Vec<StepReport> = STEPS
        .iter()
        .zip(tallies.by_ref())
        .map(|(step, tally)| StepReport {
            id: step.id,
            section: step.section,
            latex: step.latex,
            evidence: Evidence::new(Against::for_quantity(step.quantity), tally),
        })
        .collect();
    let cases = case_keys
        .into_iter()
        .zip(tallies)
        .map(|((case, against), tally)| CaseReport { case, evidence: Evidence::new(against, tally) })
        .collect::<Vec<_>>();
    let claims = claims::check_all(&claims::Context { suite: &suite, steps: &steps, cases: &cases });
    let holds = claims.iter().filter(|c| c.verdict == Verdict::Holds).count();
    Report { refuted: claims.len() - holds, holds, claims, steps, cases, seed: config.seed, inputs: suite.len() }
}
