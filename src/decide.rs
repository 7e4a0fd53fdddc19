//! The verdict on a claim *formula = target* (target: $\partial S_i/\partial a_j$,
//! $\partial \ln S_i/\partial a_j$, or any expression): the exact procedure
//! first ([`crate::exact`]), the numeric layer where it cannot decide.
//!
//! | verdict | meaning |
//! |---|---|
//! | `proved` | an exact identity in every case, for every $N \ge 1$ and every real $a$ |
//! | `holds` | outside the exact fragment: every sampled entry of the numeric suite agrees, each to a certified relative $2^{-40}$, and none is certified different (numeric evidence, not equality: a difference below $2^{-40}$ that no arithmetic resolved is not seen) |
//! | `refuted` | a certified counterexample $(a, i, j)$: exact, or the difference's enclosure excludes 0 |
//! | `undecided` | neither, with the reason |
//!
//! **The numeric layer.** Each entry is evaluated in `f64` with its proven
//! rounding bound ([`Bounded`]); when that bound cannot decide, the same
//! expression is evaluated again in interval arithmetic at 128, 256, … 4096
//! bits ([`crate::rigorous`]) until agreement to $2^{-40}$ or disagreement is
//! certified. An entry neither can decide leaves the claim `undecided`; an
//! infinite bound is never read as disagreement, nor a wide one as agreement.
//!
//! **A free constant.** A formula with the constant $\kappa$
//! ([`crate::expr::Sym::Shift`]) claims to hold for every real $\kappa$: the
//! numeric layer gives it a value per input, cycling through [`SHIFTS`]
//! (never 0 alone), so agreement is never sampled at one $\kappa$; every
//! counterexample states the value it used (`c`).
//!
//! **Masks.** The verdict is about $\mathbb{R}^N$. Inputs with a masked logit
//! ($-\infty$) are evaluated apart, in `f64`: a formula that gives NaN there
//! gets a warning ("not mask-safe"), never a refutation.
//!
//! **Stability.** The `f64` evaluation is also a diagnostic of the form: a
//! warning names where it loses its digits in `f64`, whatever the verdict.

use crate::exact::{self, Exact, Frame, Proof, Witness};
use crate::expr::eval::{eval, eval_or_shifted, At};
use crate::expr::{Expr, Func, Sym};
use crate::inputs::{self, GenLogits};
use crate::numeric::Bounded;
use crate::rigorous::{self, Arith, Fail, Interval, PRECISIONS};
use crate::scope::{Case, Scope};
use crate::tolerance::{self, CERTIFIED_BITS, REFERENCE_ULPS};
use crate::verdict::{float, floats, Verdict};
use crate::Logits;
use quickcheck::Arbitrary;
use serde::Serialize;

pub use crate::exact::sign::Rel;

/// What a formula claims to equal.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// $\partial S_i/\partial a_j$.
    Softmax,
    /// $\partial \ln S_i/\partial a_j = \delta_{ij} - S_j$.
    LogSoftmax,
    /// Any expression (a line's left side: $\partial g_i/\partial a_j$, …).
    Of(Expr),
}

impl Target {
    /// The target as an expression, for the exact layer.
    pub fn expr(&self) -> Expr {
        match self {
            Target::Softmax => Expr::Sym(Sym::DjSi),
            Target::LogSoftmax => Expr::Diff(Box::new(Expr::call(Func::Ln, Expr::Sym(Sym::Si)))),
            Target::Of(e) => e.clone(),
        }
    }
}

/// The values of the free constant $\kappa$ the numeric layer samples, one
/// per input in turn (a formula without $\kappa$ is evaluated at 0): every
/// sign, small and large, one that is not a dyadic.
pub const SHIFTS: [f64; 10] = [1.0, -1.0, 0.0, 2.5, -3.0, 0.1, 10.0, -25.0, 0.75, 60.0];

/// Generated inputs the `f64` diagnostics look at when the exact layer has decided.
const DIAGNOSTIC_COUNT: usize = 100;

/// How much numeric work a decision may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Seed of the generated inputs.
    pub seed: u64,
    /// Generated inputs on top of the fixed ones and the size sweep.
    pub count: usize,
    /// Interval work allowed, in evaluations at 256 bits (one at $p$ bits costs $\max(1, (p/128)^2/4)$).
    pub escalations: usize,
    /// Candidate inputs tried while shrinking a counterexample.
    pub shrink_steps: usize,
    /// Whether to run the `f64` diagnostics (stability, masks) even when the exact layer decided.
    pub diagnose: bool,
    /// What the labels $y$ are known to satisfy.
    pub labels: Labels,
}

/// What the labels $y$ of a formula are known to satisfy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// Nothing: any real labels.
    #[default]
    Any,
    /// $\sum_k y_k = 1$ (a one-hot vector, a distribution), stated where the formula comes from.
    SumToOne,
    /// One-hot at the class $i$: $y = e_i$ ($i$ is the post's class index,
    /// `c` in $L = -\ln S_c$; the case $i = j$ is the class's own logit).
    OneHot,
    /// One-hot, at a class the formula does not name as its $i$ (a row about another
    /// index): proved when it holds for labels that sum to 1, refuted only at one-hot
    /// labels, `undecided` when it holds only if the class is $i$.
    OneHotElsewhere,
    /// Nothing stated, where the usual hypothesis is $\sum_k y_k = 1$ (a post's
    /// cross-entropy): a formula true only under it is `undecided`, saying so,
    /// rather than refuted for want of the hypothesis.
    Unstated,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: inputs::DEFAULT_SEED,
            count: inputs::DEFAULT_COUNT,
            escalations: 80_000,
            shrink_steps: 400,
            diagnose: true,
            labels: Labels::Any,
        }
    }
}

/// Where a claim fails.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counterexample {
    /// The logits (rounded to `f64` when `a_exact` is given).
    #[serde(serialize_with = "floats")]
    pub a: Vec<f64>,
    /// The logits exactly, when they are logarithms: `[0, ln(2)]`.
    pub a_exact: Option<String>,
    /// 1-based row.
    pub i: usize,
    /// 1-based column.
    pub j: usize,
    /// `i = j` or `i != j`.
    pub case: Case,
    /// The formula's value there (NaN where it is undefined).
    #[serde(serialize_with = "float")]
    pub claimed: f64,
    /// The true value.
    #[serde(serialize_with = "float")]
    pub reference: f64,
    /// claimed − true, certified, in four significant digits (its exponent may be far beyond `f64`'s).
    pub difference: String,
    /// How the disagreement is certified.
    pub certified_by: String,
    /// Why the formula is undefined there, if it is.
    pub undefined: Option<String>,
    /// The value of the free constant $\kappa$ (written `c`) there, when the
    /// claim or its target has one; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
    /// The labels there, when the claim has labels; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<Vec<f64>>,
    /// The temperature there, when the claim has one; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<f64>,
}

/// What the numeric layer did.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Numeric {
    /// Inputs (without masks) evaluated.
    pub inputs: usize,
    /// Entries compared.
    pub entries: usize,
    /// Entries `f64` bounds could not decide, re-evaluated in interval arithmetic.
    pub escalated: usize,
    /// Entries decided by neither.
    pub undecided: usize,
    /// The highest precision used, in bits (0: `f64` sufficed).
    pub max_bits: usize,
}

/// A claim's verdict, with its evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Decision {
    /// Proved, holds, refuted or undecided.
    pub verdict: Verdict,
    /// Why, in one sentence.
    pub reason: String,
    /// The exact layer's account (null when the formula is outside its fragment).
    pub proof: Option<Proof>,
    /// For a refuted claim: the simplest certified input.
    pub counterexample: Option<Counterexample>,
    /// The numeric layer's account, when it ran.
    pub numeric: Option<Numeric>,
    /// Numerical stability in `f64`, mask safety.
    pub warnings: Vec<String>,
}

impl Decision {
    /// Neither proved nor refuted, before any layer ran (an unreadable line, say).
    pub fn undecided(reason: impl Into<String>) -> Decision {
        Decision {
            verdict: Verdict::Undecided,
            reason: reason.into(),
            proof: None,
            counterexample: None,
            numeric: None,
            warnings: Vec::new(),
        }
    }
}

/// A difference to five significant digits, as a person reads it: `1`, `-0.46212`,
/// `2.5e-17` (scientific only below 10⁻⁴ or from 10⁶ on).
fn significant(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let magnitude = v.abs();
    if magnitude < f64::MIN_POSITIVE {
        // 0 (of either sign), or a subnormal, shown as it is.
        return if magnitude > 0.0 { format!("{v:.4e}") } else { "0".into() };
    }
    if !(1e-4..1e6).contains(&magnitude) {
        return format!("{v:.4e}");
    }
    // Five significant digits, trailing zeros dropped.
    let decimals = (4 - magnitude.log10().floor() as i32).clamp(0, 8) as usize;
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

/// The exact cases of a scope.
pub fn cases_of(scope: Scope) -> Vec<exact::Case> {
    exact::Case::ALL.into_iter().filter(|c| scope.contains(c.entry().0, c.entry().1)).collect()
}

/// Decides `claim = target` at the entries of `scope`.
pub fn decide(claim: &Expr, target: &Target, scope: Scope, config: &Config) -> Decision {
    let sum_to_one = Frame { labels_sum_to_one: true, ..Frame::default() };
    let one_hot_frame = Frame { labels_one_hot: true, ..sum_to_one };
    match config.labels {
        Labels::Any => decide_in(claim, target, scope, config, Frame::default()),
        Labels::SumToOne => decide_in(claim, target, scope, config, sum_to_one),
        Labels::OneHot => decide_in(claim, target, scope, config, one_hot_frame),
        Labels::OneHotElsewhere => {
            let assumed = decide_in(claim, target, scope, config, sum_to_one);
            if assumed.verdict == Verdict::Proved || !(claim.has_labels() || target.expr().has_labels()) {
                return assumed;
            }
            let one_hot = decide_in(claim, target, scope, config, one_hot_frame);
            match one_hot.verdict {
                Verdict::Proved => Decision {
                    verdict: Verdict::Undecided,
                    reason: "an identity when the one-hot labels are at the line's own index (y = e_i, i the \
                             index of its output), not at every class; the post does not say that index is its class"
                        .into(),
                    ..one_hot
                },
                Verdict::Refuted => one_hot,
                // Labels that sum to 1 but are not one-hot are no counterexample here.
                _ if assumed.verdict == Verdict::Refuted => Decision::undecided(format!(
                    "refuted only at labels that are not one-hot ({}); undecided at one-hot labels: {}",
                    assumed.reason, one_hot.reason
                )),
                _ => assumed,
            }
        }
        Labels::Unstated => {
            let any = decide_in(claim, target, scope, config, Frame::default());
            if any.verdict == Verdict::Proved || !(claim.has_labels() || target.expr().has_labels()) {
                return any;
            }
            let assumed = decide_in(claim, target, scope, config, sum_to_one);
            if assumed.verdict == Verdict::Proved {
                return Decision {
                    verdict: Verdict::Undecided,
                    reason: "an identity when the labels sum to 1 (a one-hot vector, a distribution), not for any \
                             labels; the post does not state it"
                        .into(),
                    ..assumed
                };
            }
            let one_hot = decide_in(claim, target, scope, config, one_hot_frame);
            match one_hot.verdict {
                Verdict::Proved => Decision {
                    verdict: Verdict::Undecided,
                    reason: "an identity when the labels are one-hot at the index i (y = e_i, i the class), not for \
                             any labels; the post does not state it"
                        .into(),
                    ..one_hot
                },
                // Wrong even for one-hot labels: those satisfy every reading of the labels, so its
                // counterexample holds under each.
                Verdict::Refuted => one_hot,
                _ if assumed.verdict == Verdict::Refuted => assumed,
                _ => any,
            }
        }
    }
}

/// [`decide`] under the hypotheses of `frame` (the labels sum to 1, …).
///
/// A formula with labels, a temperature or a sum ([`Expr::has_family`]) is
/// decided by the exact layer alone: the numeric layers sample logits, not
/// labels, so outside the fragment it is `undecided`, with the reason.
pub fn decide_in(claim: &Expr, target: &Target, scope: Scope, config: &Config, frame: Frame) -> Decision {
    let family = claim.has_family() || target.expr().has_family();
    let mut d = match exact::decide_in(claim, &target.expr(), &cases_of(scope), frame) {
        Exact::Outside(why) if family => {
            return Decision::undecided(format!(
                "outside the exact fragment ({why}); with labels, a temperature or a sum there is no numeric layer to fall back on"
            ))
        }
        Exact::Open(proof, why) if family => {
            let mut d = Decision::undecided(why);
            d.proof = Some(proof);
            return d;
        }
        Exact::Proved(proof) => Decision {
            verdict: Verdict::Proved,
            reason: match proof.hypotheses.as_slice() {
                [] => "an exact identity in every case, for every N ≥ 1 and every real a".into(),
                assumed => format!(
                    "an exact identity in every case, for every N ≥ 1 and every real a, assuming {}",
                    assumed.join("; ")
                ),
            },
            proof: Some(proof),
            counterexample: None,
            numeric: None,
            warnings: Vec::new(),
        },
        Exact::Refuted(proof, witness) => {
            let reason = match (&witness.undefined, &proof.residual) {
                (Some(why), _) => format!("undefined at a valid input: {why}"),
                (None, Some(r)) => format!("the difference from the target is {r}, not 0"),
                (None, None) => "the difference from the target is not 0".into(),
            };
            Decision {
                verdict: Verdict::Refuted,
                reason,
                counterexample: Some(display_witness(claim, target, &witness)),
                proof: Some(proof),
                numeric: None,
                warnings: Vec::new(),
            }
        }
        Exact::Open(proof, why) => {
            // The exact layer knows the difference is not 0: agreement on a
            // sample cannot make it hold (a difference below 2^-40 of the
            // target, or at inputs the suite does not reach).
            let nonzero = proof.residual.is_some();
            let d = numeric_decision(claim, target, scope, config, Some(proof), &why);
            not_holds_when(nonzero, d, &format!("{why}; every sampled entry agrees with the target to 2^-{CERTIFIED_BITS}, which cannot make a non-zero difference hold"))
        }
        Exact::Outside(why) => {
            // In the fragment but past the exact layer's budget: agreement to
            // 2^-40 on a sample cannot stand for the identity the exact layer
            // would have decided ((1 + 2^-10000) is not 1).
            let d =
                numeric_decision(claim, target, scope, config, None, &format!("outside the exact fragment ({why})"));
            not_holds_when(exact::over_budget(&why), d, &format!("{why}: the exact layer stopped at its budget, and numeric agreement to 2^-{CERTIFIED_BITS} cannot show an exact identity"))
        }
    };
    // The numeric layer's own pass already gave its diagnostics: only an exact
    // verdict needs an f64 pass for them (none with labels: f64 has no value for them).
    if config.diagnose && d.verdict == Verdict::Proved && !family {
        let pass = Pass::new(claim, target, scope, config, false);
        d.warnings.extend(pass.diagnostics());
    }
    d
}

/// Decides `lhs rel rhs` at the entries of `scope`, for every $N \ge 1$ and
/// every real $a$ ([`crate::exact::sign`]).
///
/// - `proved`: in every exact case the difference $d$ (rhs − lhs for $<$,
///   $\le$, $\ne$; lhs − rhs for $>$, $\ge$), written as $P/Q$ in positive
///   variables ($Z = x_i + r$ or $x_i + x_j + r$, $N = N_0 + t$), has
///   one-signed coefficients of the sign the relation needs, and both sides
///   are defined everywhere. The proof's cases say what was used.
/// - `refuted`: a certified input where the relation fails or a side is
///   undefined; the counterexample shows lhs as `claimed`, rhs as `reference`.
/// - `undecided`: neither, with the reason. Never `holds`: sampling proves nothing here.
///
/// `config.escalations` caps the grid searched in interval arithmetic (at
/// most [`crate::exact::sign::GRID_CANDIDATES`] inputs per case).
pub fn decide_relation(lhs: &Expr, rel: Rel, rhs: &Expr, scope: Scope, config: &Config) -> Decision {
    let limit = config.escalations.min(exact::sign::GRID_CANDIDATES);
    let claim = format!("{lhs} {} {rhs}", rel.symbol());
    let d = rel.difference_text();
    let (verdict, reason, proof, counterexample) = match exact::sign::decide(lhs, rel, rhs, &cases_of(scope), limit) {
        Exact::Proved(proof) => (
            Verdict::Proved,
            format!("d = {d} has a certified sign in every case (one-signed coefficients in positive variables), for every N ≥ 1 and every real a"),
            Some(proof),
            None,
        ),
        Exact::Refuted(proof, w) => {
            let reason = match &w.undefined {
                Some(why) => format!("undefined at a valid input: {why}"),
                None => format!("{claim} fails at a certified input: {}", w.certified_by),
            };
            (Verdict::Refuted, reason, Some(proof), Some(display_witness(lhs, &Target::Of(rhs.clone()), &w)))
        }
        Exact::Open(proof, why) => (Verdict::Undecided, why, Some(proof), None),
        Exact::Outside(why) => (Verdict::Undecided, why, None, None),
    };
    Decision { verdict, reason, proof, counterexample, numeric: None, warnings: Vec::new() }
}

/// `decision`, a `holds` turned `undecided` (with `reason`) when the exact
/// layer knows numeric agreement cannot stand for an identity.
fn not_holds_when(cannot_hold: bool, mut decision: Decision, reason: &str) -> Decision {
    if cannot_hold && decision.verdict == Verdict::Holds {
        decision.verdict = Verdict::Undecided;
        decision.reason = reason.to_string();
    }
    decision
}

/// The numeric layer alone, even where the exact one would decide: for tests
/// that the two agree.
pub fn numeric_only(claim: &Expr, target: &Target, scope: Scope, config: &Config) -> Decision {
    numeric_decision(claim, target, scope, config, None, "numeric layer only")
}

fn numeric_decision(
    claim: &Expr,
    target: &Target,
    scope: Scope,
    config: &Config,
    proof: Option<Proof>,
    why: &str,
) -> Decision {
    let pass = Pass::new(claim, target, scope, config, true);
    let numeric = pass.numeric.clone();
    let (verdict, reason, counterexample) = match pass.failing.clone() {
        Some(a) => {
            let c = pass.shrink(a);
            (Verdict::Refuted, format!("{why}; numerically refuted: {}", c.certified_by), Some(c))
        }
        None if numeric.undecided > 0 => (
            Verdict::Undecided,
            format!(
                "{why}; {} of {} entries could not be certified either way (first: {})",
                numeric.undecided,
                numeric.entries,
                pass.first_undecided.clone().unwrap_or_default()
            ),
            None,
        ),
        None if numeric.entries == 0 => (Verdict::Undecided, format!("{why}; no entry to compare"), None),
        None => (
            Verdict::Holds,
            format!(
                "{why}; agrees with the target on all {} sampled entries of {} inputs, each to a certified relative 2^-{CERTIFIED_BITS}",
                numeric.entries, numeric.inputs
            ),
            None,
        ),
    };
    let warnings = if config.diagnose && verdict != Verdict::Refuted { pass.diagnostics() } else { Vec::new() };
    Decision { verdict, reason, proof, counterexample, numeric: Some(numeric), warnings }
}

/// The values at an exact witness, for display: interval arithmetic, raised
/// in precision until the difference is resolved.
fn display_witness(claim: &Expr, target: &Target, w: &Witness) -> Counterexample {
    let (i, j) = (w.i - 1, w.j - 1);
    let mut claimed = f64::NAN;
    let mut reference = f64::NAN;
    let mut difference = "undefined".to_string();
    // A witness too large to list (N beyond a million) is stated in words only.
    // (and one whose logits are beyond f64: the exact form describes it).
    let listed = !w.a.is_empty() && w.a.iter().all(|a| a.is_finite());
    let precisions: &[usize] = if listed && w.values.is_none() { &PRECISIONS } else { &[] };
    if let Some(shown) = w.values {
        (claimed, reference) = (shown.claimed, shown.reference);
        difference = significant(shown.difference);
    }
    for &p in precisions {
        let mut arith = Arith::new(p);
        let mut point = rigorous::Point::new(&mut arith, &w.a).with_constant(w.c.unwrap_or(0.0));
        let env = point.env(&mut arith, i, j);
        let t = target_interval(&mut arith, target, &env);
        reference = t.as_ref().map_or(f64::NAN, Interval::to_f64);
        match rigorous::eval(&mut arith, claim, &env) {
            Ok(c) => {
                claimed = c.to_f64();
                if let Ok(t) = t {
                    let d = arith.sub(&c, &t);
                    difference = d.short();
                    if d.excludes_zero() || d.is_zero() {
                        break;
                    }
                }
            }
            Err(_) => break,
        }
    }
    Counterexample {
        a: w.a.clone(),
        a_exact: w.exact.clone(),
        i: w.i,
        j: w.j,
        case: Case::of(i, j),
        claimed: if w.undefined.is_some() { f64::NAN } else { claimed },
        reference,
        difference: if w.undefined.is_some() { "undefined".into() } else { difference },
        certified_by: w.certified_by.clone(),
        undefined: w.undefined.clone(),
        // A formula with κ shows the value used (0 when the difference does not depend on it).
        c: w.c.or((claim.has_shift() || target.expr().has_shift()).then_some(0.0)),
        y: w.y.clone(),
        t: w.t,
    }
}

fn target_interval(arith: &mut Arith, target: &Target, env: &rigorous::Env) -> Result<Interval, Fail> {
    match target {
        Target::Softmax => Ok(rigorous::softmax_derivative(arith, env)),
        Target::LogSoftmax => Ok(rigorous::log_softmax_derivative(arith, env)),
        Target::Of(e) => rigorous::eval(arith, e, env),
    }
}

/// The reference (the target's value) at entry $(i, j)$, with its bound.
fn reference(at: &At, target: &Target, i: usize, j: usize) -> Option<Bounded> {
    let exact = |value: f64| Bounded { value, err: REFERENCE_ULPS * tolerance::ulp(value) };
    Some(match target {
        Target::Softmax => exact(crate::reference::exact::entry(&at.exact, i, j)),
        Target::LogSoftmax if i == j => exact(at.exact.complement[i].to_f64()),
        Target::LogSoftmax => exact(-at.exact.s[j].to_f64()),
        Target::Of(e) => eval(e, &at.env(i, j))?,
    })
}

/// $\max_k a_k - \min_k a_k$ over the finite logits.
fn spread(a: &Logits) -> f64 {
    let finite = || a.as_slice().iter().copied().filter(|x| x.is_finite());
    finite().fold(f64::NEG_INFINITY, f64::max) - finite().fold(f64::INFINITY, f64::min)
}

/// One entry's outcome.
enum Outcome {
    Agrees,
    Disagrees { claimed: f64, reference: f64, difference: String, certified_by: String, undefined: Option<String> },
    Unsure(String),
}

/// The numeric layer over the suite.
struct Pass<'c> {
    claim: &'c Expr,
    target: &'c Target,
    scope: Scope,
    config: Config,
    numeric: Numeric,
    /// Whether the claim or the target has the free constant $\kappa$.
    shift: bool,
    /// The value of $\kappa$ at the input being evaluated.
    c: f64,
    /// The simplest failing input so far, with its $\kappa$.
    failing: Option<(Logits, f64)>,
    first_undecided: Option<String>,
    unstable: Option<String>,
    overflow: Option<String>,
    not_mask_safe: Option<String>,
}

impl<'c> Pass<'c> {
    /// A pass that has looked at nothing yet.
    fn empty(claim: &'c Expr, target: &'c Target, scope: Scope, config: Config) -> Pass<'c> {
        Pass {
            claim,
            target,
            scope,
            config,
            numeric: Numeric::default(),
            shift: claim.has_shift() || target.expr().has_shift(),
            c: 0.0,
            failing: None,
            first_undecided: None,
            unstable: None,
            overflow: None,
            not_mask_safe: None,
        }
    }

    /// The pass over the numeric suite (`certify`: with interval arithmetic
    /// where `f64` cannot decide; else the `f64` diagnostics only).
    fn new(claim: &'c Expr, target: &'c Target, scope: Scope, config: &Config, certify: bool) -> Pass<'c> {
        let mut pass = Pass::empty(claim, target, scope, *config);
        let mut budget = if certify { config.escalations } else { 0 };
        let mut arithmetics: Vec<Arith> = Vec::new();
        // Diagnostics alone (the exact layer decided) need the hard cases, not the whole suite.
        let count = if certify { config.count } else { config.count.min(DIAGNOSTIC_COUNT) };
        for (n, a) in inputs::numeric_suite(config.seed, count).into_iter().enumerate() {
            pass.c = if pass.shift { SHIFTS[n % SHIFTS.len()] } else { 0.0 };
            if a.is_masked() {
                pass.mask_check(&a);
                continue;
            }
            pass.numeric.inputs += 1;
            let (outcome, entry) = pass.check_input(&a, &mut budget, &mut arithmetics, certify);
            match outcome {
                Some(Outcome::Disagrees { .. })
                    if pass.failing.as_ref().is_none_or(|(f, _)| inputs::simplicity(&a) < inputs::simplicity(f)) =>
                {
                    pass.failing = Some((a, pass.c));
                }
                Some(Outcome::Unsure(why)) => {
                    pass.first_undecided.get_or_insert(format!("{}, {entry}: {why}", inputs::describe(&a)));
                }
                _ => {}
            }
        }
        pass
    }

    /// Compares every sampled entry in scope at `a`; the first disagreement
    /// (or the first unsure entry) and where it is.
    fn check_input(
        &mut self,
        a: &Logits,
        budget: &mut usize,
        arithmetics: &mut Vec<Arith>,
        certify: bool,
    ) -> (Option<Outcome>, String) {
        let c = self.c;
        let here = At::new(a, 0.0).with_constant(c);
        let cache = std::cell::OnceCell::new();
        let shifted = || cache.get_or_init(|| At::new(a, a.max()).with_constant(c));
        let mut points: Vec<Option<rigorous::Point>> = Vec::new();
        let mut first_unsure = None;
        let indices = inputs::sampled_indices(a);
        let scope = self.scope;
        for &i in &indices {
            for &j in indices.iter().filter(|&&j| scope.contains(i, j)) {
                self.numeric.entries += 1;
                let entry = format!("i = {}, j = {}", i + 1, j + 1);
                let outcome = self.entry(a, &here, &shifted, i, j);
                let outcome = match outcome {
                    // Once an entry is undecided the claim cannot hold: interval work
                    // would only confirm agreement, so it stops (f64 can still refute).
                    Outcome::Unsure(_) if certify && *budget > 0 && self.numeric.undecided == 0 => {
                        self.numeric.escalated += 1;
                        self.escalate(a, i, j, arithmetics, &mut points, budget)
                    }
                    Outcome::Unsure(_) if certify && *budget == 0 => {
                        Outcome::Unsure("the interval budget is spent".into())
                    }
                    other => other,
                };
                match outcome {
                    Outcome::Disagrees { .. } => return (Some(outcome), entry),
                    Outcome::Unsure(_) if certify => {
                        self.numeric.undecided += 1;
                        first_unsure.get_or_insert((outcome, entry));
                    }
                    _ => {}
                }
            }
        }
        first_unsure.map_or((None, String::new()), |(o, e)| (Some(o), e))
    }

    /// One entry in bounded `f64`; also records the stability diagnostic.
    fn entry<'s>(&mut self, a: &Logits, here: &At, shifted: &dyn Fn() -> &'s At, i: usize, j: usize) -> Outcome {
        let Some(reference) = reference(here, self.target, i, j) else {
            return Outcome::Unsure("the target has no value here".into());
        };
        let (claimed, was_shifted) = eval_or_shifted(self.claim, here, shifted, i, j);
        let Some(claimed) = claimed.filter(|c| c.is_finite()) else {
            self.note_unstable(format!(
                "it is not finite in f64 at {}, i = {}, j = {}",
                inputs::describe(a),
                i + 1,
                j + 1
            ));
            return Outcome::Unsure("not finite in f64".into());
        };
        let distance = (claimed.value - reference.value).abs();
        if was_shifted {
            self.note_overflow(format!("it overflows in f64 at {}, i = {}, j = {}", inputs::describe(a), i + 1, j + 1));
        } else if distance > tolerance::STABILITY_REL * reference.value.abs() {
            self.note_unstable(format!(
                "in f64 it gives {:e} at {}, i = {}, j = {}, where the true value is {:e}",
                claimed.value,
                inputs::describe(a),
                i + 1,
                j + 1,
                reference.value
            ));
        }
        // A certified difference refutes even when it is below 2^-40 of the
        // target: `holds` never covers a difference that is certified.
        if tolerance::certified_disagreement(claimed, reference) {
            Outcome::Disagrees {
                claimed: claimed.value,
                reference: reference.value,
                difference: significant(claimed.value - reference.value),
                certified_by: "f64 with proven rounding bounds: the distance exceeds both bounds".into(),
                undefined: None,
            }
        } else if tolerance::certified_agreement(claimed, reference) {
            Outcome::Agrees
        } else {
            Outcome::Unsure("f64 bounds too wide".into())
        }
    }

    /// One entry in interval arithmetic, precision raised until it is decided;
    /// each attempt at $p$ bits costs $\max(1, (p/128)^2/4)$ units of `budget`.
    fn escalate(
        &mut self,
        a: &Logits,
        i: usize,
        j: usize,
        arithmetics: &mut Vec<Arith>,
        points: &mut Vec<Option<rigorous::Point>>,
        budget: &mut usize,
    ) -> Outcome {
        let mut last = "interval enclosure too wide at 8192 bits".to_string();
        for p in rigorous::precisions_for(spread(a)) {
            let k = PRECISIONS.iter().position(|&q| q == p).expect("a listed precision");
            // Work grows about as the square of the precision (measured: mul,
            // div, exp) and as the size of the formula: one unit is an
            // evaluation of a formula of weight up to 32 at 256 bits.
            let cost = ((p / PRECISIONS[0]).pow(2) / 4).max(1) * self.size_factor();
            if *budget < cost {
                return Outcome::Unsure("the interval budget is spent".into());
            }
            *budget -= cost;
            while arithmetics.len() <= k {
                arithmetics.push(Arith::new(PRECISIONS[arithmetics.len()]));
            }
            while points.len() <= k {
                points.push(None);
            }
            let arith = &mut arithmetics[k];
            let c = self.c;
            let point = points[k].get_or_insert_with(|| rigorous::Point::new(arith, a.as_slice()).with_constant(c));
            let env = point.env(arith, i, j);
            self.numeric.max_bits = self.numeric.max_bits.max(p);
            let t = match target_interval(arith, self.target, &env) {
                Ok(t) => t,
                Err(_) => continue,
            };
            match rigorous::eval(arith, self.claim, &env) {
                Err(Fail::Undefined) => {
                    return Outcome::Disagrees {
                        claimed: f64::NAN,
                        reference: t.to_f64(),
                        difference: "undefined".into(),
                        certified_by: format!("interval arithmetic at {p} bits: the formula is undefined there"),
                        undefined: Some("a divisor is exactly 0 or an argument is out of range".into()),
                    }
                }
                Err(Fail::Overflow) => return Outcome::Unsure("beyond the exponent range of every arithmetic".into()),
                Err(Fail::Family) => {
                    return Outcome::Unsure("a label, the temperature or a sum has no value here".into())
                }
                Err(Fail::Unknown) => last = format!("an operation's argument straddles its singularity at {p} bits"),
                Ok(c) => {
                    let d = arith.sub(&c, &t);
                    if !d.excludes_zero() && rigorous::within_relative(&d, &t, CERTIFIED_BITS) {
                        return Outcome::Agrees;
                    }
                    if d.excludes_zero() {
                        return Outcome::Disagrees {
                            claimed: c.to_f64(),
                            reference: t.to_f64(),
                            difference: d.short(),
                            certified_by: format!(
                                "interval arithmetic at {p} bits: the difference's enclosure excludes 0"
                            ),
                            undefined: None,
                        };
                    }
                }
            }
        }
        Outcome::Unsure(last)
    }

    /// The interval cost of one entry, relative to a formula of weight 32
    /// (the article's lines weigh 5 to 30).
    fn size_factor(&self) -> usize {
        let target = match self.target {
            Target::Of(e) => e.weight(),
            _ => 8,
        };
        (self.claim.weight() + target).div_ceil(32)
    }

    fn note_unstable(&mut self, what: String) {
        self.unstable.get_or_insert(format!(
            "numerically unstable: {what} (S_i·Σ_{{k≠i}} S_k and −S_iS_j keep every digit there)"
        ));
    }

    fn note_overflow(&mut self, what: String) {
        self.overflow.get_or_insert(format!(
            "{what}; checked at the shifted point a − max(a) instead (the derivative is shift-invariant)"
        ));
    }

    /// At a masked input: NaN anywhere makes the formula "not mask-safe".
    fn mask_check(&mut self, a: &Logits) {
        if self.not_mask_safe.is_some() {
            return;
        }
        let c = self.c;
        let here = At::new(a, 0.0).with_constant(c);
        let cache = std::cell::OnceCell::new();
        let shifted = || cache.get_or_init(|| At::new(a, a.max()).with_constant(c));
        let indices = inputs::sampled_indices(a);
        let scope = self.scope;
        for &i in &indices {
            for &j in indices.iter().filter(|&&j| scope.contains(i, j)) {
                let (v, _) = eval_or_shifted(self.claim, &here, &shifted, i, j);
                if v.is_none_or(|v| v.value.is_nan()) {
                    self.not_mask_safe = Some(format!(
                        "not mask-safe: NaN at {}, i = {}, j = {} (a masked logit −∞); the verdict is about ℝ^N",
                        inputs::describe(a),
                        i + 1,
                        j + 1
                    ));
                    return;
                }
            }
        }
    }

    fn diagnostics(&self) -> Vec<String> {
        self.unstable.iter().chain(&self.overflow).chain(&self.not_mask_safe).cloned().collect()
    }

    /// The first certified disagreement at `a` and $\kappa = $ `c`, as a counterexample.
    fn disagreement(&self, a: &Logits, c: f64, budget: &mut usize) -> Option<Counterexample> {
        let mut probe = Pass::empty(self.claim, self.target, self.scope, self.config);
        probe.c = c;
        let mut arithmetics = Vec::new();
        let here = At::new(a, 0.0).with_constant(c);
        let cache = std::cell::OnceCell::new();
        let shifted = || cache.get_or_init(|| At::new(a, a.max()).with_constant(c));
        let mut points = Vec::new();
        let indices = inputs::sampled_indices(a);
        for &i in &indices {
            for &j in indices.iter().filter(|&&j| self.scope.contains(i, j)) {
                let mut outcome = probe.entry(a, &here, &shifted, i, j);
                if matches!(outcome, Outcome::Unsure(_)) && *budget > 0 {
                    outcome = probe.escalate(a, i, j, &mut arithmetics, &mut points, budget);
                }
                if let Outcome::Disagrees { claimed, reference, difference, certified_by, undefined } = outcome {
                    return Some(Counterexample {
                        a: a.as_slice().to_vec(),
                        a_exact: None,
                        i: i + 1,
                        j: j + 1,
                        case: Case::of(i, j),
                        claimed,
                        reference,
                        difference,
                        certified_by,
                        undefined,
                        c: self.shift.then_some(c),
                        y: None,
                        t: None,
                    });
                }
            }
        }
        None
    }

    /// Shrinks a failing input, quickcheck-style, within the step budget:
    /// fewer entries, fewer masks, integers, smaller values ($\kappa$ kept).
    fn shrink(&self, (a, c): (Logits, f64)) -> Counterexample {
        let mut budget = self.config.escalations.max(1);
        let mut current = a;
        let mut found = self.disagreement(&current, c, &mut budget).expect("called on a failing input");
        // A simpler κ first (0, ±1, 2), kept if the input still fails there.
        let simpler = |k: f64| k.abs() < c.abs() || k.fract() == 0.0 && c.fract() != 0.0;
        let simplest = [0.0, 1.0, -1.0, 2.0].into_iter().filter(|&k| self.shift && simpler(k)).find_map(|k| {
            let d = self.disagreement(&current, k, &mut budget)?;
            found = d;
            Some(k)
        });
        let c = simplest.unwrap_or(c);
        let mut steps = self.config.shrink_steps;
        loop {
            let mut candidates: Vec<Logits> = GenLogits(current.clone())
                .shrink()
                .map(|g| g.0)
                .filter(|c| !c.is_masked() && inputs::simplicity(c) < inputs::simplicity(&current))
                .collect();
            candidates.sort_by_key(inputs::simplicity);
            let mut next = None;
            for candidate in candidates {
                if steps == 0 {
                    return found;
                }
                steps -= 1;
                if let Some(d) = self.disagreement(&candidate, c, &mut budget) {
                    next = Some((candidate, d));
                    break;
                }
            }
            let Some((candidate, d)) = next else {
                return found;
            };
            current = candidate;
            found = d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::significant;

    #[test]
    fn differences_read_as_a_person_writes_them() {
        assert_eq!(significant(1.0), "1");
        assert_eq!(significant(0.462117157260010), "0.46212");
        assert_eq!(significant(-0.25), "-0.25");
        assert_eq!(significant(-0.0), "0");
        assert_eq!(significant(2.5e-17), "2.5000e-17");
        assert_eq!(significant(123456.0), "123456");
        assert_eq!(significant(f64::NAN), "NaN");
    }
}
