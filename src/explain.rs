//! `dsoftmax explain`: a post's derivation walked at one entry $(a, i, j)$,
//! line by line: the lines the verifier read and decided from the post
//! ([`crate::verify::read_and_decide`]), our reference post by default.
//!
//! Each line's value is its parsed LaTeX evaluated in `f64` with a proven
//! rounding bound ([`Bounded`]); where it is not finite (an $e^{a_k}$
//! overflows) it is evaluated at the shifted point $a - \max_k a_k$.

use crate::derivation::{Case, Quantity};
use crate::expr::eval::{eval_or_shifted, At};
use crate::numeric::Bounded;
use crate::reference::Method;
use crate::tolerance;
use crate::verify::{ArticleReport, LineReport};
use crate::Logits;
use serde::Serialize;

/// One line of the derivation at the point.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// 1-based line in the post.
    pub line: usize,
    /// The post's section.
    pub section: String,
    /// The post's LaTeX.
    pub latex: String,
    /// The line's verdict (decided for every $N$ and $a$, not only at this point).
    pub verdict: crate::verdict::Verdict,
    /// Why.
    pub reason: String,
    /// Its value in `f64` (NaN where the line has no value here).
    #[serde(serialize_with = "crate::verdict::float")]
    pub value: f64,
    /// The proven bound on that value's rounding error.
    #[serde(serialize_with = "crate::verdict::float")]
    pub bound: f64,
    /// Whether the value was computed at the shifted point $a - \max_k a_k$.
    pub shifted: bool,
    /// Why the line has no value at a logit vector alone (labels, a temperature or a
    /// sum: only the exact layer evaluates it); absent when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_evaluated: Option<&'static str>,
    /// The line it follows from, and the difference from it.
    pub previous: Option<Previous>,
}

/// How a line compares with the line it follows from.
#[derive(Clone, Debug, Serialize)]
pub struct Previous {
    /// That line's 1-based line in the post.
    pub line: usize,
    /// This value minus that value.
    #[serde(serialize_with = "crate::verdict::float")]
    pub difference: f64,
    /// Whether the difference is within both rounding bounds.
    pub equal: bool,
}

/// The walk at one entry.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// The point.
    #[serde(serialize_with = "crate::verdict::floats")]
    pub a: Vec<f64>,
    /// 1-based row.
    pub i: usize,
    /// 1-based column.
    pub j: usize,
    /// The case.
    pub case: Case,
    /// The shift $\max_k a_k$ used for lines not finite at $a$ (0: none was needed).
    pub shift: f64,
    /// The lines that speak about this entry, in order.
    pub lines: Vec<Line>,
    /// $\partial S_i/\partial a_j$ by every numerical method: (name, value).
    pub references: Vec<(&'static str, f64)>,
}

/// Why a line with labels, a temperature or a sum has no value here.
const NOT_EVALUATED: &str =
    "labels, a temperature or a sum have no value at a logit vector alone (the exact layer decided this line)";

/// A line's value at entry $(i, j)$: at `here`, or at `shifted` if not finite there; and
/// why it has none, for a line of the family beyond the logits.
fn value(l: &LineReport, here: &At, shifted: &At, i: usize, j: usize) -> (Bounded, bool, Option<&'static str>) {
    let nan = Bounded { value: f64::NAN, err: f64::INFINITY };
    let Some(expr) = crate::derivation::claimed(&l.found.reading, l.found.quantity).ok().and_then(|mut m| m.pop())
    else {
        return (nan, false, None);
    };
    if expr.has_family() {
        return (nan, false, Some(NOT_EVALUATED));
    }
    let (v, was_shifted) = eval_or_shifted(&expr, here, &|| shifted, i, j);
    (v.unwrap_or(nan), was_shifted, None)
}

/// Walks the derivation of `post` at entry $(i, j)$ (0-based) of `a`.
pub fn explain(post: &ArticleReport, a: &Logits, i: usize, j: usize) -> Explanation {
    let here = At::new(a, 0.0);
    let shifted = At::new(a, a.max());
    let mut lines: Vec<Line> = Vec::new();
    let mut above: Option<(&LineReport, Bounded)> = None;
    for l in post.lines.iter().filter(|l| l.found.scope.contains(i, j) && l.found.quantity != Quantity::Compare) {
        let (v, was_shifted, not_evaluated) = value(l, &here, &shifted, i, j);
        // Only rows of one chain that both claim to be ∂Sᵢ/∂aⱼ are compared (g′ and g are different quantities).
        let previous = above
            .filter(|(prev, _)| {
                l.found.continues
                    && l.found.quantity == Quantity::Derivative
                    && prev.found.quantity == Quantity::Derivative
            })
            .map(|(prev, w)| {
                let difference = v.value - w.value;
                let equal = tolerance::within(difference.abs(), tolerance::between(v, w));
                Previous { line: prev.found.line, difference, equal }
            });
        above = Some((l, v));
        lines.push(Line {
            line: l.found.line,
            section: l.found.section.clone(),
            latex: l.found.latex.clone(),
            verdict: l.decision.verdict,
            reason: l.decision.reason.clone(),
            value: v.value,
            bound: v.err,
            shifted: was_shifted,
            not_evaluated,
            previous,
        });
    }
    let shift = if lines.iter().any(|l| l.shifted) { a.max() } else { 0.0 };
    // One column per method: O(N) work and memory, whatever N.
    let references = Method::ALL.into_iter().map(|m| (m.name(), m.column(a, j)[i])).collect();
    Explanation { a: a.as_slice().to_vec(), i: i + 1, j: j + 1, case: Case::of(i, j), shift, lines, references }
}
