//! Every statement the article makes, encoded **as written**, with a check.
//!
//! A claim is never corrected before it is checked. One that fails is
//! reported refuted with a counterexample and the corrected statement
//! (in the article's language, ready to paste). Where `f64` and the real
//! numbers disagree, the detail says which one the verdict is about.
//!
//! Claims follow the article's sections:
//! [`characteristics`] (§ *Définition*, § *Caractéristiques*),
//! [`instability`] (§ *Instabilité numérique*),
//! [`derivative`] (§ *Jacobien* to the end).

pub mod characteristics;
pub mod derivative;
pub mod instability;

use crate::verdict::{CaseReport, StepReport, Verdict};
use crate::Logits;
use serde::Serialize;
use serde_json::Value;

/// What a claim's check sees: the inputs and the derivation's step verdicts.
pub struct Context<'r> {
    /// The input suite.
    pub suite: &'r [Logits],
    /// Each line of the derivation, checked.
    pub steps: &'r [StepReport],
    /// The final formula per case and reference.
    pub cases: &'r [CaseReport],
}

impl Context<'_> {
    /// The report of step `id` (every id a claim names exists in the table).
    pub fn step(&self, id: &str) -> &StepReport {
        self.steps.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}"))
    }
}

/// The outcome of a claim's check.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Holds or refuted.
    pub verdict: Verdict,
    /// The evidence, in plain words.
    pub detail: String,
    /// For a refuted claim: where it fails.
    pub counterexample: Option<Value>,
    /// For a refuted or flagged claim: the statement corrected, in the
    /// article's language, ready to paste in place of the article's text.
    pub correction: Option<String>,
    /// For a claim that holds but is worded wrongly: what is wrong with the words.
    pub flag: Option<String>,
}

impl Outcome {
    /// A claim that holds.
    pub fn holds(detail: impl Into<String>) -> Outcome {
        Outcome { verdict: Verdict::Holds, detail: detail.into(), counterexample: None, correction: None, flag: None }
    }

    /// A refuted claim.
    pub fn refuted(detail: impl Into<String>, counterexample: Value, correction: impl Into<String>) -> Outcome {
        Outcome {
            verdict: Verdict::Refuted,
            detail: detail.into(),
            counterexample: Some(counterexample),
            correction: Some(correction.into()),
            flag: None,
        }
    }

    /// The same, flagged: the claim holds but its words say something wrong;
    /// `correction` is the statement with the words fixed.
    pub fn flagged(self, flag: impl Into<String>, correction: impl Into<String>) -> Outcome {
        Outcome { flag: Some(flag.into()), correction: Some(correction.into()), ..self }
    }
}

/// One claim of the article.
#[derive(Clone, Copy)]
pub struct Claim {
    /// Stable id.
    pub id: &'static str,
    /// The article's section heading.
    pub section: &'static str,
    /// The statement as the article writes it (empty when it is quoted from lines of the derivation).
    pub statement: &'static str,
    /// The lines of the derivation ([`crate::derivation::STEPS`]) the claim quotes, by id.
    pub quotes: &'static [&'static str],
    /// Its check.
    pub check: fn(&Context<'_>) -> Outcome,
}

/// A claim with its verdict: one element of `verify --json`'s `claims`.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimReport {
    /// Stable id.
    pub id: &'static str,
    /// The article's section.
    pub section: &'static str,
    /// As the article writes it.
    pub statement: String,
    /// Proved, holds, undecided or refuted.
    pub verdict: Verdict,
    /// The evidence.
    pub detail: String,
    /// Where it fails, for a refuted claim.
    pub counterexample: Option<Value>,
    /// The corrected statement, for a refuted or flagged claim.
    pub correction: Option<String>,
    /// What is wrong with the words of a claim that holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

impl Claim {
    /// The statement: its own text, or the lines it quotes from the derivation's table.
    pub fn text(&self) -> String {
        if self.quotes.is_empty() {
            return self.statement.to_string();
        }
        let lines: Vec<&str> = self
            .quotes
            .iter()
            .filter_map(|id| crate::derivation::step(id))
            .map(|s| s.latex.trim().trim_end_matches("\\\\").trim())
            .collect();
        lines.join(" \\\\ ")
    }
}

/// Every claim, in the article's order.
pub fn all() -> Vec<Claim> {
    [characteristics::CLAIMS, instability::CLAIMS, derivative::CLAIMS].concat()
}

/// Checks every claim.
pub fn check_all(ctx: &Context<'_>) -> Vec<ClaimReport> {
    all()
        .into_iter()
        .map(|claim| {
            let outcome = (claim.check)(ctx);
            ClaimReport {
                id: claim.id,
                section: claim.section,
                statement: claim.text(),
                verdict: outcome.verdict,
                detail: outcome.detail,
                counterexample: outcome.counterexample,
                correction: outcome.correction,
                flag: outcome.flag,
            }
        })
        .collect()
}

/// A claim that stands or falls with lines of the derivation: its verdict
/// is the weakest of theirs; refuted, it carries the first refuted line's
/// counterexample and `correction`.
pub fn from_steps(ctx: &Context<'_>, ids: &[&str], correction: &str) -> Outcome {
    let mut verdict = Verdict::Proved;
    let mut evidence = Vec::new();
    let mut counterexample = None;
    for id in ids {
        let step = ctx.step(id);
        let d = &step.decision;
        verdict = verdict.and(d.verdict);
        evidence.push(format!("{id}: {} — {}", d.verdict.label(), d.reason));
        if d.verdict == Verdict::Refuted && counterexample.is_none() {
            counterexample = serde_json::to_value(&d.counterexample).ok();
        }
    }
    let detail = evidence.join("; ");
    match verdict {
        Verdict::Refuted => Outcome::refuted(detail, counterexample.unwrap_or(Value::Null), correction),
        v => Outcome { verdict: v, detail, counterexample: None, correction: None, flag: None },
    }
}

/// The stable `f64` softmax against the exact one on every entry of `suite`:
/// the number of entries when each is within its proven rounding bound, or
/// the first one that is not, as a counterexample.
pub(crate) fn stable_softmax_against_exact(suite: &[Logits]) -> Result<usize, Value> {
    let mut entries = 0;
    for a in suite {
        let exact = crate::softmax::Exact::new(a);
        for (i, s_i) in crate::softmax::bounded(a).into_iter().enumerate() {
            entries += 1;
            let truth = exact.s[i].to_f64();
            let tol = crate::tolerance::against_exact(s_i, truth);
            if !crate::tolerance::within((s_i.value - truth).abs(), tol) {
                return Err(
                    serde_json::json!({"a": logits_json(a), "i": i + 1, "computed": s_i.value, "exact": truth}),
                );
            }
        }
    }
    Ok(entries)
}

/// The JSON form of logits, with `"-inf"` for masks.
pub(crate) fn logits_json(a: &Logits) -> Value {
    Value::Array(
        a.as_slice()
            .iter()
            .map(|&x| if x.is_finite() { serde_json::json!(x) } else { serde_json::json!("-inf") })
            .collect(),
    )
}
