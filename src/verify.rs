//! The one pipeline from a post's text to its verdicts: the post is read
//! ([`crate::article`]), each relation of its derivation decided against what
//! it claims to equal ([`crate::decide`]: proved, holds, refuted or
//! undecided), each claim of a known kind found and decided from the text
//! ([`crate::claims`]), and the post's final formula for each case checked
//! numerically against the exact reference and finite-difference Jacobians
//! (independent evidence), the exact reference itself against Richardson
//! differences.
//!
//! The result, [`ArticleReport`], is what `dsoftmax verify` prints and what
//! the report is written from. Without a path, `verify` and `report` read
//! our own reference post, [`REFERENCE_POST`].

use crate::claims::{self, Finding};
use crate::decide::{self, Decision};
use crate::derivation::{Case, Quantity, Scope};
use crate::expr::eval::{eval, At};
use crate::expr::{Expr, Sym};
use crate::inputs;
use crate::numeric::Bounded;
use crate::reference::{exact, finite_diff};
use crate::tolerance::{self, Scheme};
use crate::verdict::{CaseReport, Evidence, Tally, Verdict};
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
    /// Per scheme: its Jacobian and, per column, its truncation bound per
    /// unit of $|\partial S_i/\partial a_j|$.
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
                let scales = finite_diff::steps(a, h).into_iter().map(|h_j| s.truncation_scale(h_j)).collect();
                (s, finite_diff::jacobian::<Bounded>(a, s, h), scales)
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
                let (_, jac, scales) =
                    self.fd.iter().find(|(s, _, _)| *s == scheme).expect("every scheme is evaluated");
                let d = jac[(i, j)];
                let truncation = scales[j] * self.exact[(i, j)].abs();
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
    /// Which formula it is: consecutive checks of the same formula (and
    /// scope) evaluate it once per entry, compared with each reference.
    pub formula: usize,
    /// Which entries.
    pub scope: Scope,
    /// Compared with.
    pub against: Against,
}

impl Check<'_> {
    /// Whether `self` and `other` compare the same formula on the same entries
    /// (then the formula is evaluated once per entry for both).
    fn same_formula(&self, other: &Check<'_>) -> bool {
        self.formula == other.formula && self.scope == other.scope
    }
}

/// Runs `group` — checks of one formula on one scope, against different
/// references — at one evaluated input: the formula is evaluated once per
/// entry, compared with each reference.
fn run_group(group: &[Check<'_>], ev: &Evaluation, tallies: &mut [Tally]) {
    let Some(first) = group.first() else { return };
    for tally in tallies.iter_mut() {
        tally.start_input(&ev.a);
    }
    let n = ev.a.len();
    for i in 0..n {
        for j in (0..n).filter(|&j| first.scope.contains(i, j)) {
            let claimed = (first.candidate)(ev, i, j);
            for (check, tally) in group.iter().zip(tallies.iter_mut()) {
                let reference = ev.reference(check.against, i, j);
                let tol = tolerance::between(claimed, Bounded { value: reference.value, err: reference.err });
                tally.record(&ev.a, i, j, claimed.value, reference.value, tol);
            }
        }
    }
}

/// Runs `checks` over `suite` on every core ([`std::thread::available_parallelism`])
/// and returns one tally per check, in order. The result does not depend on
/// the number of threads: tallies are merged in a fixed order.
pub fn run_checks(checks: &[Check<'_>], suite: &[Logits]) -> Vec<Tally> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
    // Consecutive checks of one formula form a group.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, check) in checks.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if checks[g.start].same_formula(check) => g.end = k + 1,
            _ => groups.push(k..k + 1),
        }
    }
    // Interleaved shares: large inputs are spread over every thread.
    let run = |share: usize| -> Vec<Tally> {
        let mut tallies = vec![Tally::default(); checks.len()];
        for a in suite.iter().skip(share).step_by(threads) {
            let ev = Evaluation::new(a);
            for g in &groups {
                run_group(&checks[g.clone()], &ev, &mut tallies[g.clone()]);
            }
        }
        tallies
    };
    let shares: Vec<Vec<Tally>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|k| scope.spawn(move || run(k))).collect();
        let mut shares = vec![run(0)];
        shares.extend(handles.into_iter().map(|h| h.join().expect("a check thread panicked")));
        shares
    });
    let mut shares = shares.into_iter();
    let first = shares.next().unwrap_or_default();
    shares.fold(first, |acc, share| {
        acc.into_iter()
            .zip(share)
            .map(|(mut t, other)| {
                t.merge(other);
                t
            })
            .collect()
    })
}

/// What to run on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The seed of the generated inputs.
    pub seed: u64,
    /// How many generated inputs (on top of the fixed cases).
    pub count: usize,
    /// The interpreter that runs the post's Python code.
    pub python: crate::python::Choice,
}

impl Default for Config {
    fn default() -> Config {
        Config { seed: inputs::DEFAULT_SEED, count: inputs::DEFAULT_COUNT, python: crate::python::Choice::Auto }
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

/// The axiom every proof rests on.
pub const AXIOM: &str =
    "∂Z/∂a_j = e^{a_j} for 1 ≤ j ≤ N, where Z = Σ_k e^{a_k} (with ∂e^{a_k}/∂a_j = δ_kj e^{a_k}, ∂N/∂a_j = 0)";

/// The same axiom, in French.
pub const AXIOM_FR: &str =
    "∂Z/∂a_j = e^{a_j} pour 1 ≤ j ≤ N, où Z = Σ_k e^{a_k} (avec ∂e^{a_k}/∂a_j = δ_kj e^{a_k}, ∂N/∂a_j = 0)";

pub use crate::derivation::decide_row;
use crate::derivation::decide_row_against;

/// Decides a chain of comparisons `s_0 REL_1 s_1 REL_2 s_2 …`: each side
/// against the next ([`decide::decide_relation`]); the chain's decision is its
/// weakest link's (the first such link), with the link named.
fn decide_comparison(sides: &[Expr], rels: &[decide::Rel], scope: Scope, config: &decide::Config) -> Decision {
    let mut weakest: Option<Decision> = None;
    for (k, rel) in rels.iter().enumerate() {
        let (Some(lhs), Some(rhs)) = (sides.get(k), sides.get(k + 1)) else { break };
        let mut d = decide::decide_relation(lhs, *rel, rhs, scope, config);
        if rels.len() > 1 {
            d.reason = format!("{lhs} {} {rhs}: {}", rel.symbol(), d.reason);
        }
        let weaker = weakest.as_ref().is_none_or(|w| w.verdict.and(d.verdict) != w.verdict);
        if weaker {
            weakest = Some(d);
        }
    }
    weakest.unwrap_or_else(|| Decision::undecided("a comparison without two sides"))
}

/// How the finding of a row that only carries an earlier error forward begins.
pub const CARRIED: &str = "this step is exact";

/// A refutation of a row whose second index is the one-hot labels' class: its
/// counterexample has the labels at the first index, not at the class the row
/// names, so it is no counterexample to the post; `undecided`, saying so.
fn at_the_class(decision: Decision, class_at_j: bool) -> Decision {
    if !class_at_j || decision.verdict != Verdict::Refuted {
        return decision;
    }
    Decision {
        verdict: Verdict::Undecided,
        reason: format!(
            "not an identity for labels one-hot at the row's first index; the post's labels are one-hot at its second \
             index, which the tool does not decide ({})",
            decision.reason
        ),
        counterexample: None,
        ..decision
    }
}

/// Decides a line of a post: [`decide_row`]; and, when the post does not say
/// which case a derivative line is in (no cue, no $\delta_{ij}$, no `cases`) and it is
/// an identity in one case only, `undecided` with that said — never
/// `refuted` for want of a cue.
fn decide_line(found: &crate::article::structure::Found, above: Option<&Expr>, config: &decide::Config) -> Decision {
    let decision = decide_row_against(&found.reading, found.quantity, above, found.scope, config);
    // Only a derivative (∂p_i/∂z_j, ∂e^{z_i}/∂z_j, g'_i) has two cases a post may leave
    // unsaid: a definition (`p_i = e^{z_j}/…`, an index typo) is claimed for every entry.
    let derivative = matches!(found.quantity, Quantity::Derivative | Quantity::Is(Sym::GPrime | Sym::HPrime))
        || found.reading.contains("\\partial");
    // A loss's gradient ∂L/∂z_j has one index: its cases (j the class or not, for one-hot
    // labels) are the inputs', not a case a post could leave unsaid.
    let one_index = found.roles.0 == '\u{1}';
    if decision.verdict != Verdict::Refuted
        || !derivative
        || one_index
        || found.scope != Scope::All
        || written_for_every_entry(&found.reading)
    {
        return decision;
    }
    let holds = |s| Verdict::is_true(decide_row(&found.reading, found.quantity, s, config).verdict);
    in_one_case_only(decision, "an identity", holds(Scope::Diagonal), holds(Scope::OffDiagonal))
}

/// A refuted line that holds in one case only (`diagonal`, `off_diagonal`:
/// whether it holds there) and whose case the post does not say: undecided,
/// saying which case it is `what` in. Otherwise the decision as it is.
fn in_one_case_only(decision: Decision, what: &str, diagonal: bool, off_diagonal: bool) -> Decision {
    let (right, wrong) = match (diagonal, off_diagonal) {
        (true, false) => ("i = j", "i ≠ j"),
        (false, true) => ("i ≠ j", "i = j"),
        _ => return decision,
    };
    Decision {
        verdict: Verdict::Undecided,
        reason: format!(
            "{what} when {right}, not when {wrong}; the post does not say which case it is in \
             (a cue such as « lorsque $i = j$ » above the line, or \\text{{if }} {right} after it, would decide it)"
        ),
        ..decision
    }
}

/// A comparison of derivatives (`\frac{\partial p_i}{\partial z_j} \ge 0`) whose case
/// the post does not make clear, true in one case only: `undecided`, saying
/// so — never `refuted` for want of a cue (as [`decide_line`] does for equalities).
fn comparison_without_a_case(
    decision: Decision,
    sides: &[Expr],
    rels: &[crate::decide::Rel],
    scope: Scope,
    config: &decide::Config,
) -> Decision {
    let derivative = sides.iter().any(|e| {
        let shown = e.to_string();
        shown.contains("D_jS_i") || shown.contains("d/da_j")
    });
    if decision.verdict != Verdict::Refuted || scope != Scope::All || !derivative {
        return decision;
    }
    let holds = |s| Verdict::is_true(decide_comparison(sides, rels, s, config).verdict);
    in_one_case_only(decision, "true", holds(Scope::Diagonal), holds(Scope::OffDiagonal))
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

/// One line of a post's derivation, decided.
#[derive(Clone, Debug, Serialize)]
pub struct LineReport {
    /// The line as recognised: its line number, LaTeX, section and case.
    #[serde(flatten)]
    pub found: crate::article::structure::Found,
    /// The verdict, its reason, proof and counterexample.
    #[serde(flatten)]
    pub decision: Decision,
    /// For a refuted line: the relation corrected by the smallest edit the engine proves (module `repair`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    /// The correction as an edit of the post, when the row stands whole on its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<claims::Fix>,
    /// The line is the post's definition of softmax, the one its notation is learned from:
    /// proved, it is a definition that says what softmax is, not a step of the derivation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub definition: bool,
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
    /// Relations about the softmax family (module `article::family`): all
    /// but a post's other math (a toy example of the chain rule, the shapes of
    /// its layer), read or not.
    pub family: usize,
    /// Of those, the relations decided.
    pub family_decided: usize,
}

impl Coverage {
    /// Whether every relation was read and decided.
    pub fn complete(&self) -> bool {
        self.decided == self.relations
    }
}

/// How much of a post's relations (its lines read, and those unread) were read and decided,
/// in all and of those about the softmax family.
fn coverage(
    lines: &[LineReport],
    unread: &[crate::article::structure::Unread],
    notation: &crate::expr::notation::Notation,
) -> Coverage {
    let decided = |l: &LineReport| l.decision.verdict != Verdict::Undecided;
    // In the post's order: a row that continues a relation is about what that relation is about.
    // A row whose left side is unread but whose rest is decided (`x = 10 - 3 = 7`) is one
    // relation, counted once: as what was decided of it.
    let counted = |u: &&crate::article::structure::Unread| {
        !lines.iter().any(|l| {
            Some(l.found.line) == u.line && u.latex != l.found.latex && u.latex.ends_with(l.found.latex.as_str())
        })
    };
    let unread: Vec<&crate::article::structure::Unread> = unread.iter().filter(counted).collect();
    let mut rows: Vec<(usize, &str, bool)> = lines
        .iter()
        .map(|l| (l.found.line, l.found.latex.as_str(), decided(l)))
        .chain(unread.iter().map(|u| (u.line.unwrap_or(usize::MAX), u.latex.as_str(), false)))
        .collect();
    rows.sort_by_key(|r| r.0);
    let latex: Vec<&str> = rows.iter().map(|r| r.1).collect();
    let about = crate::article::family::about_family(&latex, notation);
    Coverage {
        relations: lines.len() + unread.len(),
        read: lines.len(),
        decided: lines.iter().filter(|l| decided(l)).count(),
        family: about.iter().filter(|a| **a).count(),
        family_decided: rows.iter().zip(&about).filter(|(r, a)| **a && r.2).count(),
    }
}

/// Our own reference post: the derivation of the softmax Jacobian, in
/// French, that `verify` and `report` read when no post is given. It is a
/// post like any other: read and decided by the same pipeline.
pub const REFERENCE_POST: &str = include_str!("../posts/softmax-jacobian.fr.md");

/// The same derivation in English (`--lang en` without a post).
pub const REFERENCE_POST_EN: &str = include_str!("../posts/softmax-jacobian.en.md");

/// What `dsoftmax verify POST.md` establishes from the post itself.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleReport {
    /// The post's title (front matter `title:`, else its first heading), if any.
    pub title: Option<String>,
    /// The post's language (front matter `lang:`, else its prose's), when it says.
    #[serde(skip)]
    pub lang: Option<crate::lang::Lang>,
    /// Every claim of a known kind found in the post, at its line, in order.
    pub claims: Vec<Finding>,
    /// Where the post's Python code ran (its claims are decided from that run), when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub python: Option<claims::run::CodeRun>,
    /// Every relation of the derivation found in the post, decided, in order.
    pub lines: Vec<LineReport>,
    /// The post's final formula for each case against the exact reference and
    /// finite differences, and the exact reference against Richardson differences.
    pub cases: Vec<CaseReport>,
    /// Math the tool could not read, each at its line.
    pub unread: Vec<crate::article::structure::Unread>,
    /// Expressions that claim nothing (a notation shown on its own line).
    pub notes: Vec<crate::article::structure::Unread>,
    /// The weakest verdict of the claims and lines.
    pub verdict: Verdict,
    /// The claims' verdicts, counted.
    pub counts: Counts,
    /// The lines' verdicts, counted.
    pub line_counts: Counts,
    /// How much of the post's math was read and decided.
    pub coverage: Coverage,
    /// The axiom every proof rests on.
    pub axiom: &'static str,
    /// The seed of the numeric evidence's generated inputs.
    pub seed: u64,
    /// Inputs of the numeric evidence (fixed and generated).
    pub inputs: usize,
}

impl ArticleReport {
    /// Every correction the verification found that the tool can make in the post, claims and relations.
    pub fn fixes(&self) -> Vec<claims::Fix> {
        self.merged_fixes().0
    }

    /// [`ArticleReport::fixes`], and the fixes it leaves out: they overlap another fix of their line.
    pub fn merged_fixes(&self) -> (Vec<claims::Fix>, Vec<claims::Fix>) {
        crate::report::patch::merge(self.every_fix())
    }

    /// Every finding's fix, in the order of lines.
    fn every_fix(&self) -> Vec<claims::Fix> {
        let mut fixes: Vec<claims::Fix> = self
            .claims
            .iter()
            .filter_map(|c| c.fix.clone())
            .chain(self.lines.iter().filter_map(|l| l.fix.clone()))
            .collect();
        fixes.sort_by_key(|f| f.line);
        fixes
    }

    /// The post's worked example, if it has one: the logits of its first example.
    pub fn example_point(&self) -> Option<&[f64]> {
        self.claims.iter().find(|c| c.id == claims::Kind::Example).and_then(|c| c.input.as_deref())
    }

    /// The logits of the post's overflow demonstration, if it has one.
    pub fn overflow_point(&self) -> Option<&[f64]> {
        let demo = |c: &&Finding| matches!(c.id, claims::Kind::OverflowDemo | claims::Kind::CodeComment);
        self.claims.iter().filter(demo).find_map(|c| c.input.as_deref())
    }

    /// Every refuted finding's line, claims and relations together, in order.
    pub fn refuted_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self
            .claims
            .iter()
            .filter(|c| c.verdict == Verdict::Refuted)
            .map(|c| c.line)
            .chain(self.lines.iter().filter(|l| l.decision.verdict == Verdict::Refuted).map(|l| l.found.line))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }
}

/// The value of `key:` in the post's front matter, unquoted, if it is there and not empty.
fn front_matter_value(doc: &crate::article::Document, key: &str) -> Option<String> {
    let value =
        doc.front_matter.as_deref()?.lines().find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix(':'))?;
    let value = value.trim();
    // A quoted value ends at its closing quote; a plain one at a YAML comment (` #`); a
    // folded or literal scalar (`>-`, `|`) is not read.
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
        Some('>' | '|') => "",
        _ => value.split(" #").next().unwrap_or_default().trim(),
    };
    Some(value.to_string()).filter(|v| !v.is_empty())
}

/// The post's language: its front matter's `lang:` (`fr`, `fr-FR`, `en_US` …), else the
/// language of its prose when its common words say so clearly; `None` when neither does.
fn language(doc: &crate::article::Document) -> Option<crate::lang::Lang> {
    use crate::lang::Lang;
    // A language the output is not written in (`lang: es`): the prose decides.
    let declared = front_matter_value(doc, "lang").map(|code| code.to_lowercase());
    match declared.as_deref().and_then(|c| c.get(..2)) {
        Some("fr") => return Some(Lang::Fr),
        Some("en") => return Some(Lang::En),
        _ => {}
    }
    let (mut fr, mut en) = (0usize, 0usize);
    for item in &doc.items {
        if let crate::article::Item::Prose { text, .. } = item {
            for word in text.split(|c: char| !c.is_alphabetic() && c != '\'').map(str::to_lowercase) {
                fr += usize::from(
                    ["le", "la", "les", "est", "et", "des", "une", "du", "dans", "pour"].contains(&word.as_str()),
                );
                en += usize::from(
                    ["the", "is", "and", "of", "to", "we", "this", "with", "for", "that"].contains(&word.as_str()),
                );
            }
        }
    }
    // Clearly one language: twice the other's common words, and at least ten.
    if en >= 10 && en >= 2 * fr {
        Some(Lang::En)
    } else if fr >= 10 && fr >= 2 * en {
        Some(Lang::Fr)
    } else {
        None
    }
}

/// The post's title: the front matter's `title:`, else its first heading.
fn title(doc: &crate::article::Document) -> Option<String> {
    front_matter_value(doc, "title").or_else(|| {
        doc.items.iter().find_map(|i| match i {
            crate::article::Item::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
    })
}

/// Decides every relation the reader found, each against the row above it in a chain.
fn decide_lines(
    found: Vec<crate::article::structure::Found>,
    notation: &crate::expr::notation::Notation,
    least: Option<usize>,
    labels: decide::Labels,
) -> Vec<LineReport> {
    let config = decide::Config { diagnose: false, labels, ..decide::Config::default() };
    let mut lines: Vec<LineReport> = Vec::new();
    // The chain's value so far (the last member of the line above it) and the
    // line where the chain went wrong, if it did.
    let mut chain: Option<(Expr, Option<usize>)> = None;
    let classes = notation.class_letters();
    let one_hot_config = config;
    for found in found {
        // One-hot labels are at the class: a row whose output index is another letter is
        // proved for labels that sum to 1, refuted only at one-hot labels.
        let class = found.roles.0 == '\u{1}' || classes.contains(&found.roles.0);
        // The class is the row's other index (`∂p_i/∂z_c`): the engine puts one-hot labels at
        // its i only, so a counterexample would break the post's `y_c = 1`.
        let class_at_j = labels == decide::Labels::OneHot && !class && classes.contains(&found.roles.1);
        let config = if labels == decide::Labels::OneHot && !class {
            decide::Config { labels: decide::Labels::OneHotElsewhere, ..one_hot_config }
        } else {
            one_hot_config
        };
        if let Some(row) = &found.scalar {
            // Real numbers in the post's own letters: decided by their own layer, no chain.
            // (it judges its decimals at printed precision itself)
            let decision = crate::scalar::decide::decide(row);
            let correction = (decision.verdict == Verdict::Refuted)
                .then(|| crate::scalar::decide::wrong_member(&decision.reason))
                .flatten()
                .and_then(|k| without_member(&found.latex, k + row.offset));
            chain = None;
            lines.push(LineReport { found, decision, correction, fix: None, definition: false });
            continue;
        }
        if let Some((sides, rels)) = &found.comparison {
            let decision = decide_comparison(sides, rels, found.scope, &config);
            let decision = comparison_without_a_case(decision, sides, rels, found.scope, &config);
            let decision = as_the_post_claims(decision, &found, notation.fixed_n(), least);
            let decision = at_the_class(decision, class_at_j);
            chain = None;
            lines.push(LineReport { found, decision, correction: None, fix: None, definition: false });
            continue;
        }
        // The line above — or, when the row above was not read as a line (its
        // left side is a name the tool does not know), the value it gives.
        let previous = chain.take();
        let above = match &found.start {
            Some(value) => Some((value.clone(), None)),
            None => previous.filter(|_| found.continues),
        };
        let decision = decide_line(&found, above.as_ref().map(|(e, _)| e), &config);
        let carried = above.as_ref().and_then(|(_, wrong)| *wrong);
        let decision = blame_once(decision, &found, above.as_ref().map(|(e, _)| e), carried, &config);
        let decision = as_the_post_claims(decision, &found, notation.fixed_n(), least);
        let decision = at_the_class(decision, class_at_j);
        let wrong_since = match decision.verdict {
            Verdict::Refuted => Some(found.line),
            _ if decision.reason.starts_with(CARRIED) => carried,
            _ => None,
        };
        let correction = (decision.verdict == Verdict::Refuted)
            .then(|| {
                crate::repair::correction(
                    notation,
                    &found.latex,
                    found.quantity,
                    above.as_ref().map(|(e, _)| e),
                    found.scope,
                )
            })
            .flatten();
        let last = crate::derivation::claimed(&found.reading, found.quantity).ok().and_then(|mut m| m.pop());
        chain = last.map(|e| (e, wrong_since));
        let definition = notation.line == Some(found.line) && found.comparison.is_none();
        lines.push(LineReport { found, decision, correction, fix: None, definition });
    }
    for l in lines.iter_mut().filter(|l| l.found.repaired) {
        l.decision.reason.push_str(REPAIRED);
    }
    lines
}

/// The row `latex` without its member `k` (1-based, between its top-level `=`):
/// the correction of a chain whose members around a wrong one agree.
fn without_member(latex: &str, k: usize) -> Option<String> {
    let members: Vec<&str> = crate::article::relation::members(latex).into_iter().map(str::trim).collect();
    (k >= 2 && k < members.len()).then(|| {
        members.iter().enumerate().filter(|(m, _)| m + 1 != k).map(|(_, t)| *t).collect::<Vec<_>>().join(" = ")
    })
}

/// What a line read with a derivative's sign put below the bar says of it.
pub(crate) const REPAIRED: &str =
    " (read with the derivative's sign below the bar too: as written it is refuted, see its derivative-sign finding)";

/// A line that writes rounded decimals (`e^2 + e = 7.389 + 2.718`) claims
/// its values at their printed precision: the exact engine's refutation of
/// the literal equality is no refutation of that claim, so such a line is
/// undecided, with both facts (the tool does not yet judge printed precision
/// inside a line of math; worked examples are judged so by [`claims`]).
fn at_printed_precision(decision: Decision, latex: &str) -> Decision {
    if decision.verdict != Verdict::Refuted {
        return decision;
    }
    match decimal_literal(latex) {
        Some(literal) => Decision::undecided(format!(
            "the line writes a rounded decimal (`{literal}`): it claims equality at printed precision, which the \
             tool does not judge inside a line of math (exactly, {})",
            decision.reason
        )),
        None => decision,
    }
}

/// A refutation of a line, as the post claims the line: no refutation by a
/// rounded decimal ([`at_printed_precision`]), by a counterexample with a
/// number of logits the post does not claim ([`at_the_posts_n`]), or across
/// a row of its chain the tool did not read ([`across_a_gap`]).
fn as_the_post_claims(
    decision: Decision,
    found: &crate::article::structure::Found,
    fixed: Option<usize>,
    least: Option<usize>,
) -> Decision {
    let decision = at_printed_precision(decision, &found.latex);
    let decision = at_the_posts_n(decision, fixed, least);
    across_a_gap(decision, found.gap)
}

/// A post whose softmax has a fixed number of logits (`\sum_{k=1}^{3}`), or
/// that assumes at least so many (`$K \ge 2$`), claims its lines for those
/// $N$ only: a counterexample at another $N$ (or none at such an $N$)
/// refutes nothing the post says, so the line is undecided, saying why.
fn at_the_posts_n(decision: Decision, fixed: Option<usize>, least: Option<usize>) -> Decision {
    let claimed = match (fixed, least) {
        (Some(n), _) => format!("the post's softmax has N = {n} logits"),
        (None, Some(n)) => format!("the post assumes N ≥ {n}"),
        (None, None) => return decision,
    };
    let admits = |m: usize| fixed.is_none_or(|n| m == n) && least.is_none_or(|n| m >= n);
    if decision.verdict != Verdict::Refuted {
        return decision;
    }
    match decision.counterexample.as_ref().map(|c| c.a.len()) {
        Some(m) if admits(m) => decision,
        other => Decision::undecided(format!(
            "{claimed}; {}, which the post does not claim (exactly, {})",
            other.map_or("the refutation has no counterexample at such an N".to_string(), |m| format!(
                "the counterexample has N = {m}"
            )),
            decision.reason
        )),
    }
}

/// The least number of logits the post's math assumes (`K \ge 2`, `N > 1`,
/// with `N` or the letter its sum runs to), if it states one.
fn least_n(math: &str, bound: Option<char>) -> Option<usize> {
    let letters: Vec<char> = std::iter::once('N').chain(bound).collect();
    let squeezed: String = math.chars().filter(|c| !c.is_whitespace()).collect();
    let mut least: Option<usize> = None;
    for letter in letters {
        for (sign, strict) in [("\\geq", false), ("\\geqslant", false), ("\\ge", false), ("≥", false), (">", true)] {
            let pattern = format!("{letter}{sign}");
            for (k, _) in squeezed.match_indices(&pattern) {
                // The letter alone (not the end of a word or a subscript).
                let before = squeezed[..k].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\\') {
                    continue;
                }
                let digits: String = squeezed[k + pattern.len()..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(d) = digits.parse::<usize>() {
                    let n = if strict { d + 1 } else { d };
                    least = Some(least.map_or(n, |l: usize| l.max(n)));
                }
            }
        }
    }
    least
}

/// A row decided against the last row read of its chain, a row between them
/// unread: a difference is certain, but which step made it is not known — so
/// the row is undecided, saying both.
fn across_a_gap(decision: Decision, gap: Option<usize>) -> Decision {
    match gap {
        Some(line) if decision.verdict == Verdict::Refuted => Decision::undecided(format!(
            "it differs from the last row of the chain the tool read, but the row at line {line} between them was \
             not read: which step is wrong is not known ({})",
            decision.reason
        )),
        _ => decision,
    }
}

/// The first decimal literal of `latex` (`7.389`, `0{,}5`, `0,479`), if any.
fn decimal_literal(latex: &str) -> Option<&str> {
    let b = latex.as_bytes();
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    (1..b.len()).find_map(|k| {
        let mark = if b[k..].starts_with(b"{,}") {
            3
        } else if b[k] == b'.' || b[k] == b',' {
            1
        } else {
            0
        };
        if mark == 0 || !digit(k - 1) || !digit(k + mark) {
            return None;
        }
        let start = (0..k).rev().take_while(|&m| digit(m)).last().unwrap_or(k);
        let end = (k + mark..b.len()).take_while(|&m| digit(m)).last().map_or(k + mark, |m| m + 1);
        Some(&latex[start..end])
    })
}

/// The fix of a corrected line: the post's line with the row replaced, when the row stands whole on it.
fn line_fix(markdown: &str, l: &LineReport) -> Option<claims::Fix> {
    let corrected = l.correction.as_deref()?;
    let text = markdown.lines().nth(l.found.line.checked_sub(1)?)?;
    let row = l.found.latex.trim();
    (text.matches(row).count() == 1).then(|| claims::Fix {
        line: l.found.line,
        old: text.to_string(),
        new: text.replacen(row, corrected.trim(), 1),
    })
}

/// The post's final formula for `case`: the value of the last derivative line
/// that speaks about that case (its own case, or every entry), with its line.
fn final_formula(lines: &[LineReport], case: Case) -> Option<(Expr, &LineReport)> {
    let scope = if case == Case::Diagonal { Scope::Diagonal } else { Scope::OffDiagonal };
    lines
        .iter()
        .rev()
        .filter(|l| {
            l.found.quantity == Quantity::Derivative && matches!(l.found.scope, s if s == scope || s == Scope::All)
        })
        .find_map(|l| {
            let value = crate::derivation::claimed(&l.found.reading, l.found.quantity).ok()?.pop()?;
            // A line that only restates the derivative (`D_jS_i = \frac{\partial S_i}{\partial a_j}`) is no formula;
            // one with a sum or labels has no value at a logit vector alone (the exact layer decided it).
            (!value.has_derivative() && !value.has_family()).then_some((value, l))
        })
}

/// Numeric evidence: the post's final formula in each case against the exact
/// reference and every finite-difference scheme, and the exact reference
/// against Richardson differences, on the suite of `config`.
fn numeric_evidence(lines: &[LineReport], config: &Config) -> (Vec<CaseReport>, usize) {
    let suite = inputs::suite(config.seed, config.count);
    let nan = Bounded { value: f64::NAN, err: f64::INFINITY };
    let formulas: Vec<(Case, Expr, &LineReport)> = [Case::Diagonal, Case::OffDiagonal]
        .into_iter()
        .filter_map(|case| final_formula(lines, case).map(|(e, l)| (case, e, l)))
        .collect();
    let candidates: Vec<Box<CandidateFn<'_>>> = formulas
        .iter()
        .map(|(_, formula, _)| {
            let f: Box<CandidateFn<'_>> =
                Box::new(move |ev: &Evaluation, i: usize, j: usize| eval(formula, &ev.at.env(i, j)).unwrap_or(nan));
            f
        })
        .collect();
    let reference = |ev: &Evaluation, i: usize, j: usize| {
        let r = ev.reference(Against::Exact, i, j);
        Bounded { value: r.value, err: r.err }
    };
    let mut checks = Vec::new();
    let mut keys: Vec<(Option<Case>, Option<usize>, String, Against)> = Vec::new();
    for (formula, ((case, _, line), candidate)) in formulas.iter().zip(&candidates).enumerate() {
        let scope = if *case == Case::Diagonal { Scope::Diagonal } else { Scope::OffDiagonal };
        let what: String = line.found.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        for against in std::iter::once(Against::Exact).chain(Scheme::ALL.map(Against::FiniteDifference)) {
            checks.push(Check { candidate: candidate.as_ref(), formula, scope, against });
            keys.push((Some(*case), Some(line.found.line), what.clone(), against));
        }
    }
    checks.push(Check {
        candidate: &reference,
        formula: formulas.len(),
        scope: Scope::All,
        against: Against::FiniteDifference(Scheme::Richardson),
    });
    keys.push((None, None, "exact reference".to_string(), Against::FiniteDifference(Scheme::Richardson)));
    let cases = keys
        .into_iter()
        .zip(run_checks(&checks, &suite))
        .map(|((case, line, what, against), tally)| CaseReport {
            case,
            line,
            what,
            evidence: Evidence::new(against.name(), tally),
        })
        .collect();
    (cases, suite.len())
}

/// Reads a post and decides every relation of its derivation and every claim
/// of a known kind it states, each at its line, from its own text; and checks
/// its final formula per case numerically on the suite of `config`.
pub fn run_article(markdown: &str, config: Config) -> ArticleReport {
    let report = read_and_decide_with(markdown, &config.python);
    let (cases, inputs) = numeric_evidence(&report.lines, &config);
    ArticleReport { cases, seed: config.seed, inputs, ..report }
}

/// [`run_article`] without the numeric evidence: what the text says, decided
/// (the patched post is verified this way, and so are the tests of the reader).
pub fn read_and_decide(markdown: &str) -> ArticleReport {
    read_and_decide_with(markdown, &crate::python::Choice::Auto)
}

/// [`read_and_decide`], the post's Python run by the interpreter `python` chooses.
pub fn read_and_decide_with(markdown: &str, python: &crate::python::Choice) -> ArticleReport {
    let doc = crate::article::read(markdown);
    let structure = crate::article::structure::recognise(&doc);
    let notation = crate::article::notation(&doc);
    // The post's assumptions on N are in its math (`$K \ge 2$`), not in its code.
    let math: String = doc
        .items
        .iter()
        .filter_map(|item| match item {
            // `$` keeps the spans apart (the scan ignores whitespace).
            crate::article::Item::Math { latex, .. } => Some(format!("{latex}$")),
            _ => None,
        })
        .collect();
    let least = least_n(&math, notation.bound_letter());
    let labels = crate::article::hypotheses::labels(&doc, &notation.label_letters());
    let mut lines = decide_lines(structure.found, &notation, least, labels);
    for l in &mut lines {
        l.fix = line_fix(markdown, l);
    }
    let (claims, python) = claims::find(markdown, &doc, python);
    // A formula a claim was read from is read; an expression that claims
    // nothing is noted, not counted as unread.
    let (notes, unread): (Vec<_>, Vec<_>) = structure
        .unread
        .into_iter()
        .filter(|u| !claims::reads(&claims, &u.latex))
        .partition(|u| u.reason.contains("claims nothing"));
    let verdicts = claims.iter().map(|c| c.verdict).chain(lines.iter().map(|l| l.decision.verdict));
    let verdict = verdicts.fold(Verdict::Proved, Verdict::and);
    let counts = Counts::of(claims.iter().map(|c| c.verdict));
    let line_counts = Counts::of(lines.iter().map(|l| l.decision.verdict));
    let coverage = coverage(&lines, &unread, &notation);
    ArticleReport {
        title: title(&doc),
        lang: language(&doc),
        claims,
        python,
        lines,
        cases: Vec::new(),
        unread,
        notes,
        verdict,
        counts,
        line_counts,
        coverage,
        axiom: AXIOM,
        seed: 0,
        inputs: 0,
    }
}
