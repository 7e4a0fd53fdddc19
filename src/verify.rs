//! Runs every check: each line of the derivation decided against what it
//! claims to equal ([`crate::decide`]: proved, holds, refuted or undecided),
//! the final formula per case against the exact reference and the finite
//! differences (independent numeric evidence), the exact reference against
//! Richardson differences, and every claim of the article.
//!
//! The result, [`Report`], is what `dsoftmax verify` prints and what the
//! report is written from.

use crate::claims::{self, ClaimReport};
use crate::decide::{self, Decision};
use crate::derivation::{Case, Quantity, Scope, Step, STEPS};
use crate::expr::eval::{eval, At};
use crate::expr::Expr;
use crate::inputs;
use crate::numeric::Bounded;
use crate::reference::{exact, finite_diff};
use crate::tolerance::{self, Scheme};
use crate::verdict::{CaseReport, Evidence, StepReport, Tally, Verdict};
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
}

impl Against {
    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Against::Exact => "exact",
            Against::FiniteDifference(s) => s.name(),
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

/// One input, evaluated once for every numeric check.
pub struct Evaluation {
    /// $a$.
    pub a: Logits,
    /// The symbols in bounded `f64`, for formulas.
    pub at: At,
    /// The exact Jacobian.
    pub exact: DMatrix<f64>,
    fd: Vec<(Scheme, DMatrix<Bounded>, Vec<f64>)>,
}

impl Evaluation {
    /// Evaluates `a`.
    pub fn new(a: &Logits) -> Evaluation {
        let at = At::new(a, 0.0);
        let exact = exact::jacobian_of(&at.exact);
        let fd = Scheme::ALL
            .into_iter()
            .map(|s| {
                let h = s.optimal_step();
                (s, finite_diff::jacobian::<Bounded>(a, s, h), finite_diff::steps(a, h))
            })
            .collect();
        Evaluation { a: a.clone(), at, exact, fd }
    }

    /// The reference for entry $(i, j)$ (0-based).
    pub fn reference(&self, against: Against, i: usize, j: usize) -> Reference {
        match against {
            Against::Exact => {
                let value = self.exact[(i, j)];
                Reference { value, err: tolerance::REFERENCE_ULPS * tolerance::ulp(value) }
            }
            Against::FiniteDifference(scheme) => {
                let (_, jac, steps) = self.fd.iter().find(|(s, _, _)| *s == scheme).expect("every scheme is evaluated");
                let d = jac[(i, j)];
                let truncation = scheme.truncation(steps[j], self.exact[(i, j)]);
                Reference { value: d.value, err: d.err + truncation }
            }
        }
    }
}

/// A formula for $\partial S_i/\partial a_j$ at $(a, i, j)$, evaluated with its error bound.
pub type CandidateFn<'f> = dyn Fn(&Evaluation, usize, usize) -> Bounded + Sync + 'f;

/// One numeric check: a candidate, the entries it speaks about, what it is compared with.
pub struct Check<'c> {
    /// The formula.
    pub candidate: &'c CandidateFn<'c>,
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
                let claimed = (self.candidate)(ev, i, j);
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

/// How many claims got each verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Proved exactly.
    pub proved: usize,
    /// Holding on certified numeric evidence.
    pub holds: usize,
    /// Refuted.
    pub refuted: usize,
    /// Undecided.
    pub undecided: usize,
}

impl Counts {
    /// Counts `verdicts`.
    pub fn of(verdicts: impl IntoIterator<Item = Verdict>) -> Counts {
        let mut c = Counts::default();
        for v in verdicts {
            match v {
                Verdict::Proved => c.proved += 1,
                Verdict::Holds => c.holds += 1,
                Verdict::Refuted => c.refuted += 1,
                Verdict::Undecided => c.undecided += 1,
            }
        }
        c
    }
}

/// Everything `dsoftmax verify` establishes.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Every claim of the article, in the article's order.
    pub claims: Vec<ClaimReport>,
    /// Every line of the derivation.
    pub steps: Vec<StepReport>,
    /// The final formula, each case against each reference; and the exact reference against Richardson differences.
    pub cases: Vec<CaseReport>,
    /// The claims' verdicts, counted.
    pub counts: Counts,
    /// The axiom the proofs rest on.
    pub axiom: &'static str,
    /// The seed of the generated inputs.
    pub seed: u64,
    /// Inputs tested numerically (fixed and generated).
    pub inputs: usize,
}

/// The axiom every proof rests on.
pub const AXIOM: &str =
    "∂Z/∂a_j = e^{a_j} for 1 ≤ j ≤ N, where Z = Σ_k e^{a_k} (with ∂e^{a_k}/∂a_j = δ_kj e^{a_k}, ∂N/∂a_j = 0)";

impl Report {
    /// The report of `id`'s step.
    pub fn step(&self, id: &str) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The claim `id`.
    pub fn claim(&self, id: &str) -> Option<&ClaimReport> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// The weakest verdict of every claim and step.
    pub fn overall(&self) -> Verdict {
        self.claims
            .iter()
            .map(|c| c.verdict)
            .chain(self.steps.iter().map(|s| s.decision.verdict))
            .fold(Verdict::Proved, Verdict::and)
    }
}

/// Decides one line of LaTeX: each member it claims equal to `quantity`, at
/// the entries of `scope`. The line's decision is its weakest member's (the
/// last member's when all agree).
pub fn decide_row(latex: &str, quantity: Quantity, scope: Scope, config: &decide::Config) -> Decision {
    let target = quantity.target();
    match crate::derivation::claimed(latex, quantity) {
        Err(e) => Decision::undecided(format!("the line cannot be read: {e}")),
        Ok(members) if members.is_empty() => Decision::undecided("the line restates its left side and claims nothing"),
        Ok(members) => {
            let decisions: Vec<Decision> = members.iter().map(|m| decide::decide(m, &target, scope, config)).collect();
            let weakest = decisions.iter().map(|d| d.verdict).fold(Verdict::Proved, Verdict::and);
            decisions.into_iter().rev().find(|d| d.verdict == weakest).expect("a line claims something")
        }
    }
}

/// How the finding of a row that only carries an earlier error forward begins.
pub const CARRIED: &str = "this step is exact";

/// Decides a line of a post: [`decide_row`]; and, when the post does not say
/// which case a derivative line is in (no cue, no $\delta_{ij}$, no `cases`) and it is
/// an identity in one case only, `undecided` with that said — never
/// `refuted` for want of a cue.
fn decide_line(found: &crate::article::structure::Found, config: &decide::Config) -> Decision {
    let decision = decide_row(&found.reading, found.quantity, found.scope, config);
    // Only a derivative has two cases a post may leave unsaid: a definition
    // (`p_i = e^{z_j}/…`, an index typo) is claimed for every entry.
    let derivative = found.quantity == Quantity::Derivative;
    if decision.verdict != Verdict::Refuted
        || !derivative
        || found.scope != Scope::All
        || written_for_every_entry(&found.reading)
    {
        return decision;
    }
    let diagonal = decide_row(&found.reading, found.quantity, Scope::Diagonal, config).verdict;
    let off_diagonal = decide_row(&found.reading, found.quantity, Scope::OffDiagonal, config).verdict;
    let holds = Verdict::is_true;
    let (right, wrong) = match (holds(diagonal), holds(off_diagonal)) {
        (true, false) => ("i = j", "i ≠ j"),
        (false, true) => ("i ≠ j", "i = j"),
        _ => return decision,
    };
    Decision {
        verdict: Verdict::Undecided,
        reason: format!(
            "an identity when {right}, not when {wrong}; the post does not say which case it is in \
             (a cue such as « lorsque $i = j$ » above the line, or \\text{{if }} {right} after it, would decide it)"
        ),
        ..decision
    }
}

/// Whether a line is written for every entry ($\delta_{ij}$, a `cases`, an
/// Iverson bracket): its case is then not missing.
fn written_for_every_entry(latex: &str) -> bool {
    ["\\delta", "δ", "\\begin{cases}", "[i=j]", "\\mathbb{1}", "\\mathbf{1}"].iter().any(|w| latex.contains(w))
}

/// A refuted row of a chain whose step from the row above is exact only
/// carries an earlier error forward: it is not blamed again; its finding
/// says where the chain went wrong. (An error is refuted once, at the row
/// that introduced it.)
fn blame_once(
    decision: Decision,
    found: &crate::article::structure::Found,
    above: Option<&Expr>,
    wrong_since: Option<usize>,
    config: &decide::Config,
) -> Decision {
    let (Some(above), Some(since), Verdict::Refuted) = (above, wrong_since, decision.verdict) else {
        return decision;
    };
    let Ok(members) = crate::derivation::claimed(&found.reading, found.quantity) else {
        return decision;
    };
    let Some(first) = members.first() else {
        return decision;
    };
    let step = decide::decide(first, &decide::Target::Of(above.clone()), found.scope, config);
    if !step.verdict.is_true() {
        return decision;
    }
    Decision {
        reason: format!(
            "{CARRIED}: it equals the line above ({}), but the chain has been wrong since line {since}, \
             where the error is refuted; this line is not blamed again",
            step.verdict.label()
        ),
        ..step
    }
}

/// Decides one line of the step table ([`decide_row`]).
pub fn decide_step(step: &Step, config: &decide::Config) -> StepReport {
    let decision = decide_row(step.latex, step.quantity, step.scope, config);
    StepReport { id: step.id, section: step.section, latex: step.latex, scope: step.scope, decision }
}

/// One line of a post's derivation, decided.
#[derive(Clone, Debug, Serialize)]
pub struct LineReport {
    /// The line as recognised: its line number, LaTeX, section and case.
    #[serde(flatten)]
    pub found: crate::article::structure::Found,
    /// The verdict, its reason, proof and counterexample.
    #[serde(flatten)]
    pub decision: Decision,
}

/// How much of a post's math was read: every relation of the derivation
/// (a line the tool reads, or one it lists as unread) and how many of them
/// were decided (proved, holds or refuted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Relations found: read or listed unread.
    pub relations: usize,
    /// Relations read (parsed and decided or left undecided).
    pub read: usize,
    /// Relations decided: proved, holds or refuted.
    pub decided: usize,
}

impl Coverage {
    /// Whether every relation was read and decided.
    pub fn complete(&self) -> bool {
        self.decided == self.relations
    }
}

/// What `dsoftmax verify ARTICLE.md` establishes from the post itself.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleReport {
    /// Every claim of the article found in the post, at its line, in order.
    pub claims: Vec<crate::article::claims::ArticleClaim>,
    /// Every line of the derivation found in the post, decided, in order.
    pub lines: Vec<LineReport>,
    /// Math the tool could not read, each at its line.
    pub unread: Vec<crate::article::structure::Unread>,
    /// Claims of our reference derivation this post does not state (`line`
    /// null): information, not a finding — a post is not judged for what
    /// another post says.
    pub absent: Vec<crate::article::structure::Unread>,
    /// Expressions that claim nothing (a notation shown on its own line).
    pub notes: Vec<crate::article::structure::Unread>,
    /// The weakest verdict of the claims and lines.
    pub verdict: Verdict,
    /// The claims' verdicts, counted.
    pub counts: Counts,
    /// How much of the post's math was read and decided.
    pub coverage: Coverage,
    /// The axiom every proof rests on.
    pub axiom: &'static str,
}

impl ArticleReport {
    /// Every correction the verification found that the tool can make in the post.
    pub fn fixes(&self) -> Vec<crate::article::claims::Fix> {
        self.claims.iter().filter_map(|c| c.fix.clone()).collect()
    }
}

/// Reads a post and decides every line of its derivation and every claim it
/// states, each at its line. The claims whose check does not depend on the
/// post's numbers take `verify`'s own verdict (run once, on the suite of `config`).
pub fn run_article(markdown: &str, config: Config) -> ArticleReport {
    let built_in = run(config).claims;
    run_article_with(markdown, &built_in)
}

/// [`run_article`] with `verify`'s claims already computed (to verify a patched post without running them again).
pub fn run_article_with(markdown: &str, built_in: &[ClaimReport]) -> ArticleReport {
    let structure = crate::article::structure::recognise(&crate::article::read(markdown));
    let config = decide::Config { diagnose: false, ..decide::Config::default() };
    let mut lines: Vec<LineReport> = Vec::new();
    // The chain's value so far (the last member of the line above it) and the
    // line where the chain went wrong, if it did.
    let mut chain: Option<(Expr, Option<usize>)> = None;
    for found in structure.found {
        let above = chain.take().filter(|_| found.continues);
        let decision = decide_line(&found, &config);
        let carried = above.as_ref().and_then(|(_, wrong)| *wrong);
        let decision = blame_once(decision, &found, above.as_ref().map(|(e, _)| e), carried, &config);
        let wrong_since = match decision.verdict {
            Verdict::Refuted => Some(found.line),
            _ if decision.reason.starts_with(CARRIED) => carried,
            _ => None,
        };
        let last = crate::derivation::claimed(&found.reading, found.quantity).ok().and_then(|mut m| m.pop());
        chain = last.map(|e| (e, wrong_since));
        lines.push(LineReport { found, decision });
    }
    let (claims, missing) = crate::article::claims::check(markdown, &lines, built_in);
    // Math that is part of a claim found (its quantifier, the definition's domain) is read;
    // an expression that claims nothing is noted, not counted as unread.
    let (notes, unread): (Vec<_>, Vec<_>) = structure
        .unread
        .into_iter()
        .filter(|u| !crate::article::claims::covered(u, &claims, &lines))
        .partition(|u| u.reason.contains("claims nothing"));
    let verdicts = claims.iter().map(|c| c.verdict).chain(lines.iter().map(|l| l.decision.verdict));
    let verdict = verdicts.fold(Verdict::Proved, Verdict::and);
    let counts = Counts::of(claims.iter().map(|c| c.verdict));
    let coverage = Coverage {
        relations: lines.len() + unread.len(),
        read: lines.len(),
        decided: lines.iter().filter(|l| l.decision.verdict != Verdict::Undecided).count(),
    };
    ArticleReport { claims, lines, unread, absent: missing, notes, verdict, counts, coverage, axiom: AXIOM }
}

/// The patch of a post and what verifying the patched post gives.
pub struct Patched {
    /// The unified diff (`a/<name>`, `b/<name>`); empty when nothing can be fixed.
    pub diff: String,
    /// The claims the patch corrects.
    pub fixed: Vec<&'static str>,
    /// The patched post, verified.
    pub after: ArticleReport,
}

/// Every fix of `report` as a patch of the post `markdown` named `name`, and the patched post verified.
pub fn patch_article(name: &str, markdown: &str, report: &ArticleReport, built_in: &[ClaimReport]) -> Patched {
    let fixes = report.fixes();
    let fixed = report.claims.iter().filter(|c| c.fix.is_some()).map(|c| c.id).collect();
    let diff = crate::article::patch::diff(name, markdown, &fixes);
    let after = run_article_with(&crate::article::patch::apply(markdown, &fixes), built_in);
    Patched { diff, fixed, after }
}

/// The kronecker line's value, evaluated in bounded `f64` (the numeric evidence's candidate).
fn kronecker_value() -> Expr {
    crate::derivation::step("kronecker").and_then(|s| s.value().ok()).expect("the kronecker line parses")
}

/// Runs everything on the suite of `config`.
pub fn run(config: Config) -> Report {
    let decide_config =
        decide::Config { seed: config.seed, count: config.count, diagnose: false, ..decide::Config::default() };
    let steps: Vec<StepReport> = STEPS.iter().map(|s| decide_step(s, &decide_config)).collect();
    let suite = inputs::suite(config.seed, config.count);
    let formula = kronecker_value();
    let nan = Bounded { value: f64::NAN, err: f64::INFINITY };
    let kronecker = |ev: &Evaluation, i: usize, j: usize| eval(&formula, &ev.at.env(i, j)).unwrap_or(nan);
    let reference = |ev: &Evaluation, i: usize, j: usize| {
        let r = ev.reference(Against::Exact, i, j);
        Bounded { value: r.value, err: r.err }
    };
    let mut checks = Vec::new();
    let mut keys = Vec::new();
    for case in [Case::Diagonal, Case::OffDiagonal] {
        let scope = if case == Case::Diagonal { Scope::Diagonal } else { Scope::OffDiagonal };
        for against in std::iter::once(Against::Exact).chain(Scheme::ALL.map(Against::FiniteDifference)) {
            checks.push(Check { candidate: &kronecker, scope, against });
            keys.push((Some(case), "S_i(δ_ij − S_j)", against));
        }
    }
    checks.push(Check {
        candidate: &reference,
        scope: Scope::All,
        against: Against::FiniteDifference(Scheme::Richardson),
    });
    keys.push((None, "exact reference", Against::FiniteDifference(Scheme::Richardson)));
    let cases: Vec<CaseReport> = keys
        .into_iter()
        .zip(run_checks(&checks, &suite))
        .map(|((case, what, against), tally)| CaseReport { case, what, evidence: Evidence::new(against.name(), tally) })
        .collect();
    let claims = claims::check_all(&claims::Context { suite: &suite, steps: &steps, cases: &cases });
    let counts = Counts::of(claims.iter().map(|c| c.verdict));
    Report { claims, steps, cases, counts, axiom: AXIOM, seed: config.seed, inputs: suite.len() }
}
