//! `dsoftmax check FORMULA`: is a typed formula for $\partial S_i/\partial a_j$
//! (or $\partial \ln S_i/\partial a_j$) right?
//!
//! The formula is evaluated at every $(i, j)$ of many inputs
//! ([`crate::inputs::suite`]: N from 1 to 256, scales, ties, saturated and
//! masked vectors) and compared with the exact reference.
//!
//! **How it avoids false verdicts.** The formula is evaluated in `f64`
//! with a rigorous running error bound ([`Bounded`]), the same arithmetic as
//! the verifier's, rather than in extended precision: the bound says exactly
//! how much of a disagreement `f64` rounding can explain, entry by entry. So a
//! correct formula that cancels badly (`S_i*delta_ij - S_i*S_j` where
//! $S_i \approx 1$) gets a wide bound and is not refuted, while a formula off
//! by a relative $10^{-9}$ on a well-conditioned entry exceeds its bound of a
//! few ulps and is. Extended precision alone could not tell the two apart
//! without a bound on its own error.
//!
//! **Overflow.** Where the `f64` evaluation is not finite (`exp(a_i)` at
//! $a_i = 800$), the entry is evaluated again at the shifted point
//! $a - \max_k a_k$ (the article's $\ln C$; the true derivative does not
//! change) and a warning names where the formula is numerically unstable. If
//! it is still not finite there, the entry disagrees: NaN is never agreement.

pub mod formula;

use crate::inputs::{self, GenLogits};
use crate::numeric::{sum, Bounded, Dd, Real};
use crate::softmax::Exact;
use crate::tolerance::{self, REFERENCE_ULPS};
use crate::verdict::{float, floats, Verdict};
use crate::Logits;
use formula::{Env, Expr};
use quickcheck::Arbitrary;
use serde::Serialize;

/// What the formula claims to be the derivative of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Of {
    /// $\partial S_i/\partial a_j$.
    Softmax,
    /// $\partial \ln S_i/\partial a_j = \delta_{ij} - S_j$.
    LogSoftmax,
}

impl Of {
    /// `softmax` or `log-softmax`.
    pub fn name(self) -> &'static str {
        match self {
            Of::Softmax => "softmax",
            Of::LogSoftmax => "log-softmax",
        }
    }
}

/// Where a formula disagrees.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counterexample {
    /// The logits.
    #[serde(serialize_with = "floats")]
    pub a: Vec<f64>,
    /// 1-based row.
    pub i: usize,
    /// 1-based column.
    pub j: usize,
    /// `i = j` or `i != j`.
    pub case: crate::derivation::Case,
    /// The formula's value.
    #[serde(serialize_with = "float")]
    pub claimed: f64,
    /// The true value.
    #[serde(serialize_with = "float")]
    pub reference: f64,
}

/// The outcome of a check.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Holds or refuted.
    pub verdict: Verdict,
    /// The formula as typed.
    pub formula: String,
    /// `softmax` or `log-softmax`.
    pub of: &'static str,
    /// Inputs sampled.
    pub samples: usize,
    /// Entries compared.
    pub entries: usize,
    /// Largest relative error over the compared entries with a finite value.
    #[serde(serialize_with = "float")]
    pub max_rel_error: f64,
    /// The simplest disagreement found (shrunk like quickcheck).
    pub counterexample: Option<Counterexample>,
    /// Where the formula is numerically unstable in `f64`.
    pub warnings: Vec<String>,
}

/// The formula's variables and the reference at one input.
struct Setting {
    /// $a_k$, or $a_k - m$ with its rounding error at a shifted point.
    a: Vec<Bounded>,
    s: Vec<Bounded>,
    z: Bounded,
    exact: Exact,
}

impl Setting {
    /// The variables at $a - \text{shift}$ (exactly: the shifted logits carry
    /// their rounding error), the reference at $a$ (the derivative is shift-invariant).
    fn new(a: &Logits, shift: f64) -> Setting {
        let exact = Exact::new(a);
        let s = exact.s.iter().map(|&s_k| Bounded::from_dd(s_k)).collect();
        let shifted = |a_k: f64| if a_k.is_finite() { Dd::sum_of(a_k, -shift) } else { Dd::from(a_k) };
        let z = Bounded::from_dd(sum(a.as_slice().iter().map(|&a_k| shifted(a_k).exp())));
        // A mask stays an exact -inf.
        let a = a
            .as_slice()
            .iter()
            .map(|&a_k| if a_k.is_finite() { Bounded::from_dd(shifted(a_k)) } else { Bounded::exact(a_k) })
            .collect();
        Setting { a, s, z, exact }
    }

    fn env(&self, i: usize, j: usize) -> Env<Bounded> {
        let n = self.a.len() as f64; // N ≤ 2^53
        Env {
            s_i: self.s[i],
            s_j: self.s[j],
            a_i: self.a[i],
            a_j: self.a[j],
            delta: Bounded::exact(if i == j { 1.0 } else { 0.0 }),
            n: Bounded::exact(n),
            z: self.z,
        }
    }

    fn reference(&self, of: Of, i: usize, j: usize) -> f64 {
        match of {
            Of::Softmax => crate::reference::exact::entry(&self.exact, i, j),
            Of::LogSoftmax if i == j => self.exact.complement[i].to_f64(),
            Of::LogSoftmax => -self.exact.s[j].to_f64(),
        }
    }
}

/// One entry's comparison.
enum Outcome {
    Agrees { rel_error: f64, shifted: bool },
    Disagrees { claimed: f64, reference: f64 },
}

/// Compares the formula with the reference at entry (i, j) of `a`.
fn compare<'s>(expr: &Expr, of: Of, here: &Setting, shifted: &dyn Fn() -> &'s Setting, i: usize, j: usize) -> Outcome {
    let reference = here.reference(of, i, j);
    let mut claimed = expr.eval(&here.env(i, j));
    let mut was_shifted = false;
    if !claimed.is_finite() {
        claimed = expr.eval(&shifted().env(i, j));
        was_shifted = true;
    }
    let tol =
        tolerance::between(claimed, Bounded { value: reference, err: REFERENCE_ULPS * tolerance::ulp(reference) });
    let err = (claimed.value - reference).abs();
    if tolerance::within(err, tol) {
        let rel_error = if reference == 0.0 { err } else { err / reference.abs() };
        Outcome::Agrees { rel_error, shifted: was_shifted }
    } else {
        Outcome::Disagrees { claimed: claimed.value, reference }
    }
}

/// The first disagreeing entry at `a`, if any; also counts and notes instability.
struct InputResult {
    entries: usize,
    max_rel_error: f64,
    unstable: Option<(usize, usize)>,
    disagreement: Option<Counterexample>,
}

fn check_input(expr: &Expr, of: Of, a: &Logits) -> InputResult {
    let here = Setting::new(a, 0.0);
    let cache = std::cell::OnceCell::new();
    let shifted = || cache.get_or_init(|| Setting::new(a, a.max()));
    let mut result = InputResult { entries: 0, max_rel_error: 0.0, unstable: None, disagreement: None };
    for i in 0..a.len() {
        for j in 0..a.len() {
            result.entries += 1;
            match compare(expr, of, &here, &shifted, i, j) {
                Outcome::Agrees { rel_error, shifted } => {
                    result.max_rel_error = result.max_rel_error.max(rel_error);
                    if shifted && result.unstable.is_none() {
                        result.unstable = Some((i, j));
                    }
                }
                Outcome::Disagrees { claimed, reference } => {
                    result.disagreement = Some(Counterexample {
                        a: a.as_slice().to_vec(),
                        i: i + 1,
                        j: j + 1,
                        case: crate::derivation::Case::of(i, j),
                        claimed,
                        reference,
                    });
                    return result;
                }
            }
        }
    }
    result
}

/// Shrinks a failing input while it keeps failing, one strictly simpler
/// step at a time ([`inputs::simplicity`]): fewer entries, fewer masks,
/// integers, smaller values — quickcheck's [`GenLogits`] shrinker.
fn shrink(expr: &Expr, of: Of, a: Logits) -> Counterexample {
    let mut current = a;
    let mut found = check_input(expr, of, &current).disagreement.expect("called on a failing input");
    loop {
        let mut candidates: Vec<Logits> = GenLogits(current.clone())
            .shrink()
            .map(|g| g.0)
            .filter(|c| inputs::simplicity(c) < inputs::simplicity(&current))
            .collect();
        candidates.sort_by_key(inputs::simplicity);
        let Some((next, c)) =
            candidates.into_iter().find_map(|c| check_input(expr, of, &c).disagreement.map(|d| (c, d)))
        else {
            return found;
        };
        current = next;
        found = c;
    }
}

/// Checks `expr` (typed as `text`) on `samples` generated inputs plus the
/// hand-picked hard cases.
pub fn check(expr: &Expr, text: &str, of: Of, samples: usize, seed: u64) -> CheckReport {
    let suite = inputs::suite(seed, samples);
    let mut entries = 0;
    let mut max_rel_error: f64 = 0.0;
    let mut warnings = Vec::new();
    let mut failing: Option<Logits> = None;
    for a in &suite {
        let r = check_input(expr, of, a);
        entries += r.entries;
        max_rel_error = max_rel_error.max(r.max_rel_error);
        if let Some((i, j)) = r.unstable {
            if warnings.len() < 5 {
                warnings.push(format!(
                    "numerically unstable: not finite in f64 at a = {a}, i = {}, j = {}; checked at the shifted point a − max(a) instead",
                    i + 1,
                    j + 1
                ));
            }
        }
        if r.disagreement.is_some() && failing.as_ref().is_none_or(|f| inputs::simplicity(a) < inputs::simplicity(f)) {
            failing = Some(a.clone());
        }
    }
    let counterexample = failing.map(|a| shrink(expr, of, a));
    CheckReport {
        verdict: if counterexample.is_none() && entries > 0 { Verdict::Holds } else { Verdict::Refuted },
        formula: text.to_string(),
        of: of.name(),
        samples: suite.len(),
        entries,
        max_rel_error,
        counterexample,
        warnings,
    }
}
