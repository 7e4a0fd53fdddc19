//! Claims a post makes beside its derivation's relations, found in its own
//! text and decided from it: worked examples (`example`), the code that
//! shows the overflow and its fix (`code`), and statements in prose of a
//! kind the tool knows (`prose`: the order kept, the choice of the shift).
//!
//! Each kind is recognised by the numbers and math it contains and a few
//! words of each language (French and English); prose of no known kind is
//! not a claim. Every [`Finding`] is computed from this post's text: its
//! numbers, its variable names, its words. A refuted claim the tool can
//! correct in place carries a [`Fix`] (one line of the post and its corrected
//! text) for the patch.

pub(crate) mod code;
pub(crate) mod derivative_sign;
pub(crate) mod example;
pub(crate) mod layout;
pub(crate) mod lists;
pub(crate) mod prose;
pub(crate) mod render;
pub mod run;

use crate::article::{Document, Item};
use crate::verdict::Verdict;
use serde::Serialize;
use serde_json::Value;

/// The kinds of claim the tool recognises outside the derivation's relations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A worked example: logits and the softmax printed for them.
    Example,
    /// A line of code computing softmax naively, with a comment saying what it does.
    OverflowDemo,
    /// A shift of the logits by their maximum, with the shifted values in a comment.
    ShiftedLogits,
    /// The printed output of a softmax computed in the code.
    PrintedResult,
    /// What a block of output (or the output under `>>>`) shows the code prints, against the code run.
    CodeOutput,
    /// What a comment says a line of code does, against the line run.
    CodeComment,
    /// Math the post's renderer (kramdown, for a Jekyll post) breaks before MathJax sees it.
    Rendering,
    /// The choice of the shift, $\ln C = -\max_j \lambda_j$ (or $c = -\max_k a_k$).
    ShiftChoice,
    /// Prose naming that choice (« la valeur maximale ») against its formula.
    ShiftWording,
    /// Softmax keeps the order of the logits.
    Order,
    /// The Jacobian written out as a matrix: each entry at its place.
    JacobianLayout,
    /// A derivative written with its sign above the bar only (`\frac{\partial p_i}{z_j}`).
    DerivativeSign,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 12] = [
        Kind::Example,
        Kind::OverflowDemo,
        Kind::ShiftedLogits,
        Kind::PrintedResult,
        Kind::CodeOutput,
        Kind::CodeComment,
        Kind::Rendering,
        Kind::ShiftChoice,
        Kind::ShiftWording,
        Kind::Order,
        Kind::JacobianLayout,
        Kind::DerivativeSign,
    ];

    /// The kind of a name (`overflow-demo`), if it is one.
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind's name, as in JSON (`overflow-demo`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Example => "example",
            Kind::OverflowDemo => "overflow-demo",
            Kind::ShiftedLogits => "shifted-logits",
            Kind::PrintedResult => "printed-result",
            Kind::CodeOutput => "code-output",
            Kind::CodeComment => "code-comment",
            Kind::Rendering => "rendering",
            Kind::ShiftChoice => "shift-choice",
            Kind::ShiftWording => "shift-wording",
            Kind::Order => "order",
            Kind::JacobianLayout => "jacobian-layout",
            Kind::DerivativeSign => "derivative-sign",
        }
    }
}

/// A one-line correction of the post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// 1-based line.
    pub line: usize,
    /// The line as the post writes it.
    pub old: String,
    /// The line corrected.
    pub new: String,
}

impl Fix {
    /// The new text as (blank lines it adds before the line, the line itself,
    /// blank lines it adds after it).
    pub fn blank_lines(&self) -> (usize, &str, usize) {
        let start = self.new.trim_start_matches('\n');
        let core = start.trim_end_matches('\n');
        (self.new.len() - start.len(), core, start.len() - core.len())
    }
}

/// One claim of a post, decided: the one type every claim kind reports.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// What kind of claim.
    pub id: Kind,
    /// 1-based line where the post states it.
    pub line: usize,
    /// The post's text there.
    pub statement: String,
    /// Proved, holds, undecided or refuted.
    pub verdict: Verdict,
    /// The evidence, computed from the post's numbers and words (in English: the JSON's language).
    pub detail: String,
    /// The same evidence in French, where the claim's kind writes it ([`Finding::detail_in`]).
    #[serde(skip)]
    pub detail_fr: Option<String>,
    /// Where it fails, for a refuted claim.
    pub counterexample: Option<Value>,
    /// The corrected statement.
    pub correction: Option<String>,
    /// The correction as an edit of the post, when the tool can make it.
    pub fix: Option<Fix>,
    /// The logits the claim is about, when it is about a point (an example, code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<Vec<f64>>,
    /// The values the post prints for that point, with their decimals (an example).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<Vec<(f64, usize)>>,
    /// The math the claim was read from, when it is a formula of the post
    /// (that relation is then read, not listed unread).
    #[serde(skip)]
    pub math: Option<String>,
}

impl Finding {
    /// A claim of `kind` at `line` with its verdict and evidence; no counterexample, no correction.
    pub(crate) fn new(kind: Kind, line: usize, statement: &str, verdict: Verdict, detail: String) -> Finding {
        Finding {
            id: kind,
            line,
            statement: statement.trim().to_string(),
            verdict,
            detail,
            detail_fr: None,
            counterexample: None,
            correction: None,
            fix: None,
            input: None,
            printed: None,
            math: None,
        }
    }

    /// The same, with its evidence in French too.
    pub(crate) fn fr(mut self, detail: String) -> Finding {
        self.detail_fr = Some(detail);
        self
    }

    /// The evidence in `lang`: in English where the kind has no French text yet.
    pub fn detail_in(&self, lang: crate::lang::Lang) -> &str {
        match (lang, &self.detail_fr) {
            (crate::lang::Lang::Fr, Some(fr)) => fr,
            _ => &self.detail,
        }
    }

    /// The same, about the point `a`.
    pub(crate) fn at(mut self, a: &[f64]) -> Finding {
        self.input = Some(a.to_vec());
        self
    }

    /// The same, refuted at `counterexample`, corrected by `fix` (its new text is the correction).
    pub(crate) fn refuted(mut self, counterexample: Value, fix: Option<Fix>) -> Finding {
        self.verdict = Verdict::Refuted;
        self.counterexample = Some(counterexample);
        self.correction = fix.as_ref().map(|f| f.new.trim().to_string());
        self.fix = fix;
        self
    }
}

/// Whether the relation `latex` is the formula a claim was read from (spacing aside).
pub(crate) fn reads(claims: &[Finding], latex: &str) -> bool {
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    let latex = squeezed(latex);
    claims.iter().any(|c| c.math.as_deref().is_some_and(|m| squeezed(m) == latex))
}

/// The post's lines, numbered from 1.
pub(crate) fn numbered(markdown: &str) -> impl Iterator<Item = (usize, &str)> {
    markdown.lines().enumerate().map(|(k, l)| (k + 1, l))
}

/// The 1-based lines inside code blocks (fenced or indented): not prose.
fn code_lines(doc: &Document) -> Vec<std::ops::Range<usize>> {
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Code { text, line, .. } => Some(*line..*line + text.lines().count().max(1)),
            _ => None,
        })
        .collect()
}

/// Finds and decides every claim of a known kind in the post, in order of lines.
/// The post's Python is run by the interpreter `python` chooses; where it ran is returned too.
pub fn find(markdown: &str, doc: &Document, python: &crate::python::Choice) -> (Vec<Finding>, Option<run::CodeRun>) {
    let code = code_lines(doc);
    let in_code = |line: usize| code.iter().any(|r| r.contains(&line));
    let mut found = example::find(markdown, &in_code);
    let (ran, code_run) = run::find(doc, python);
    found.extend(with_the_code_run(code::find(doc), ran));
    found.extend(prose::find(markdown, doc, &in_code));
    found.extend(layout::find(markdown, doc));
    found.extend(render::find(markdown, doc.front_matter.is_some(), &in_code));
    found.extend(derivative_sign::find(markdown, doc));
    found.sort_by_key(|f| f.line);
    (found, code_run)
}

/// The code's claims computed by the tool (`computed`, in `f64` as numpy would) and those
/// decided by running the code (`ran`): where both speak of a line, the run is the
/// evidence, and the computed finding stays only when it refutes what the run upholds
/// (a printed value that is what the code prints, but not the exact softmax).
fn with_the_code_run(computed: Vec<Finding>, ran: Vec<Finding>) -> Vec<Finding> {
    let decided = |f: &Finding| {
        ran.iter().any(|r| {
            r.line == f.line
                && r.verdict != Verdict::Undecided
                && !(f.verdict == Verdict::Refuted && r.verdict != Verdict::Refuted)
        })
    };
    let (dropped, mut out): (Vec<Finding>, Vec<Finding>) = computed.into_iter().partition(decided);
    // An undecided run (no interpreter) says nothing where the tool computed the line.
    let kept = ran.into_iter().filter(|r| r.verdict != Verdict::Undecided || !out.iter().any(|f| f.line == r.line));
    // A run finding keeps the point the computed one was about (the logits of the figures).
    let kept: Vec<Finding> = kept
        .map(|mut r| {
            if r.input.is_none() {
                r.input = dropped.iter().find(|f| f.line == r.line).and_then(|f| f.input.clone());
            }
            r
        })
        .collect();
    out.extend(kept);
    out
}

/// The JSON form of logits, with `"-inf"` for masks.
pub(crate) fn logits_json(a: &[f64]) -> Value {
    Value::Array(
        a.iter().map(|&x| if x.is_finite() { serde_json::json!(x) } else { serde_json::json!("-inf") }).collect(),
    )
}
