//! `dsoftmax explain`: the derivation walked at one entry $(a, i, j)$, line by
//! line, from the same table the verifier checks ([`crate::derivation::STEPS`]).

use crate::derivation::{step, Case, Point, Quantity, Scope, Step, STEPS};
use crate::numeric::Bounded;
use crate::reference::Method;
use crate::tolerance;
use crate::Logits;
use serde::Serialize;

/// One line of the derivation at the point.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// The step's id.
    pub id: &'static str,
    /// The article's section.
    pub section: &'static str,
    /// Readable formula.
    pub unicode: &'static str,
    /// The article's LaTeX.
    pub latex: &'static str,
    /// Why it follows.
    pub justification: &'static str,
    /// Its value in `f64`.
    #[serde(serialize_with = "crate::verdict::float")]
    pub value: f64,
    /// The proven bound on that value's rounding error.
    #[serde(serialize_with = "crate::verdict::float")]
    pub bound: f64,
    /// The line it follows from, and the difference from it.
    pub previous: Option<Previous>,
}

/// How a line compares with the line it follows from.
#[derive(Clone, Debug, Serialize)]
pub struct Previous {
    /// That line's id.
    pub id: &'static str,
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
    /// The article's $\ln C$ used for $g$, $h$, $g'$, $h'$ (0: unscaled).
    pub ln_c: f64,
    /// The lines that speak about this entry, in order.
    pub lines: Vec<Line>,
    /// $\partial S_i/\partial a_j$ by every numerical method: (name, value).
    pub references: Vec<(&'static str, f64)>,
}

fn is_derivative(q: Quantity) -> bool {
    matches!(q, Quantity::JacobianEntry | Quantity::Derivative)
}

fn applies(s: &Step, i: usize, j: usize) -> bool {
    s.scope == Scope::EachI || s.scope.contains(i, j)
}

/// Walks the derivation at entry $(i, j)$ (0-based) of `a`.
pub fn explain(a: &Logits, i: usize, j: usize) -> Explanation {
    let p: Point<Bounded> = Point::new(a);
    let value = |s: &Step| s.formula.eval(&p, i, j);
    let lines = STEPS
        .iter()
        .filter(|s| applies(s, i, j))
        .map(|s| {
            let v = value(s);
            // Only lines that both claim to be ∂Sᵢ/∂aⱼ are compared (g′ and g are different quantities).
            let previous = s
                .follows
                .at(i, j)
                .map(|id| step(id).expect("follows names a step"))
                .filter(|prev| is_derivative(s.quantity) && is_derivative(prev.quantity));
            let previous = previous.map(|prev| {
                let w = value(prev);
                let difference = v.value - w.value;
                let equal = tolerance::within(difference.abs(), tolerance::between(v, w));
                Previous { id: prev.id, difference, equal }
            });
            Line {
                id: s.id,
                section: s.section,
                unicode: s.unicode,
                latex: s.latex,
                justification: s.justification,
                value: v.value,
                bound: v.err,
                previous,
            }
        })
        .collect();
    let references = Method::ALL.into_iter().map(|m| (m.name(), m.jacobian(a)[(i, j)])).collect();
    Explanation {
        a: a.as_slice().to_vec(),
        i: i + 1,
        j: j + 1,
        case: Case::of(i, j),
        ln_c: p.ln_c(),
        lines,
        references,
    }
}
