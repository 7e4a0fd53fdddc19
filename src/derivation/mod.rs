//! § *Dérivée de S*: the article's derivation, one step per line.
//!
//! [`STEPS`] is the single table that the verifier, the report and the
//! `explain` command walk. Each [`Step`] carries the line as the article
//! writes it (LaTeX), a readable Unicode form, the section it comes from,
//! the step it follows from, and a [`Formula`] that evaluates the line at a
//! point $(a, i, j)$ in any arithmetic ([`Real`]).
//!
//! The order is the order of the argument: the definition of $D_jS_i$, the
//! parts $g_i$, $h_i$ and their derivatives, the rule for the derivative of a
//! fraction (as the article writes it), the chain for $i = j$, the chain for
//! $i \ne j$, then the final forms.

mod case_diagonal;
mod case_off_diagonal;
mod final_form;
mod parts;
mod quotient_rule;

use crate::numeric::{sum, Real};
use crate::softmax::Exact;
use crate::Logits;

/// Which entries $(i, j)$ a line speaks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every $(i, j)$.
    All,
    /// $i = j$ only.
    Diagonal,
    /// $i \ne j$ only.
    OffDiagonal,
    /// The line depends on $i$ only ($g_i$, $h_i$): checked once per $i$, at $j = i$.
    EachI,
}

impl Scope {
    /// Whether the entry $(i, j)$ is in scope.
    pub fn contains(self, i: usize, j: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Diagonal => i == j,
            Scope::OffDiagonal => i != j,
            Scope::EachI => i == j,
        }
    }
}

/// The two cases of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Case {
    /// $i = j$.
    #[serde(rename = "i = j")]
    Diagonal,
    /// $i \ne j$.
    #[serde(rename = "i != j")]
    OffDiagonal,
}

impl Case {
    /// The case of entry $(i, j)$.
    pub fn of(i: usize, j: usize) -> Case {
        if i == j {
            Case::Diagonal
        } else {
            Case::OffDiagonal
        }
    }

    /// `i = j` or `i ≠ j`.
    pub fn label(self) -> &'static str {
        match self {
            Case::Diagonal => "i = j",
            Case::OffDiagonal => "i ≠ j",
        }
    }
}

/// What a line's value is, and so what it is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quantity {
    /// $g_i = e^{a_i}$, checked against the double-double exponential.
    Exp,
    /// $h_i = \sum_k e^{a_k}$, checked against the double-double sum.
    SumExp,
    /// $\partial g_i / \partial a_j$, checked against the complex-step derivative of $g_i$.
    ExpDerivative,
    /// $\partial h_i / \partial a_j$, checked against the complex-step derivative of $h_i$.
    SumExpDerivative,
    /// $\partial S_i / \partial a_j$ as the exact reference computes it; the
    /// line that *defines* $D_jS_i$, checked against finite differences.
    Derivative,
    /// A formula claimed equal to $\partial S_i / \partial a_j$, checked
    /// against the exact reference.
    JacobianEntry,
}

/// Which earlier line a line follows from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follows {
    /// A definition: nothing.
    Nothing,
    /// The line with this id.
    Step(&'static str),
    /// Depends on the case (the two-case formula collects both chains).
    ByCase {
        /// For $i = j$.
        diagonal: &'static str,
        /// For $i \ne j$.
        off_diagonal: &'static str,
    },
}

impl Follows {
    /// The id followed at entry $(i, j)$, if any.
    pub fn at(self, i: usize, j: usize) -> Option<&'static str> {
        match self {
            Follows::Nothing => None,
            Follows::Step(id) => Some(id),
            Follows::ByCase { diagonal, off_diagonal } => Some(if i == j { diagonal } else { off_diagonal }),
        }
    }
}

/// One line of the derivation.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Stable id, used in reports, JSON and `explain`.
    pub id: &'static str,
    /// The article's section heading (and sub-case) it comes from.
    pub section: &'static str,
    /// The line as the article writes it.
    pub latex: &'static str,
    /// The same line in readable Unicode.
    pub unicode: &'static str,
    /// Why it follows from the previous line.
    pub justification: &'static str,
    /// The line it follows from.
    pub follows: Follows,
    /// The entries it speaks about.
    pub scope: Scope,
    /// What its value is.
    pub quantity: Quantity,
    /// How to evaluate it.
    pub formula: Formula,
}

/// The evaluable form of each line (one variant per line of [`STEPS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    /// $\partial S_i/\partial a_j$ itself (exact reference).
    Definition,
    /// $e^{a_i}$.
    G,
    /// $\sum_k e^{a_k}$.
    H,
    /// $\delta_{ij} e^{a_i}$.
    GPrime,
    /// $e^{a_j}$.
    HPrime,
    /// $(g'h - h'g)/h'^2$, as the article writes the rule.
    QuotientRuleAsWritten,
    /// Line 2 of the $i = j$ chain.
    DiagonalQuotient,
    /// Line 3 of the $i = j$ chain.
    DiagonalSplit,
    /// Line 4 of the $i = j$ chain.
    DiagonalSquare,
    /// Line 5 of the $i = j$ chain.
    DiagonalFactored,
    /// Line 2 of the $i \ne j$ chain.
    OffDiagonalQuotient,
    /// Line 3 of the $i \ne j$ chain.
    OffDiagonalProduct,
    /// The final two-case equation.
    TwoCase,
    /// $S_i(\delta_{ij} - S_j)$.
    Kronecker,
    /// $(\mathrm{diag}(S) - S S^\top)_{ij}$.
    Matrix,
}

impl Formula {
    /// The line's value at $(a, i, j)$ (0-based `i`, `j`).
    pub fn eval<R: Real>(self, p: &Point<R>, i: usize, j: usize) -> R {
        match self {
            Formula::Definition => {
                let value = p.exact_derivative(i, j);
                R::with_error(value, crate::tolerance::REFERENCE_ULPS * crate::tolerance::ulp(value))
            }
            Formula::G => parts::g(p, i),
            Formula::H => parts::h(p),
            Formula::GPrime => parts::g_prime(p, i, j),
            Formula::HPrime => parts::h_prime(p, j),
            Formula::QuotientRuleAsWritten => quotient_rule::as_written(p, i, j),
            Formula::DiagonalQuotient => case_diagonal::quotient(p, i),
            Formula::DiagonalSplit => case_diagonal::split(p, i),
            Formula::DiagonalSquare => case_diagonal::square(p, i),
            Formula::DiagonalFactored => case_diagonal::factored(p, i),
            Formula::OffDiagonalQuotient => case_off_diagonal::quotient(p, i, j),
            Formula::OffDiagonalProduct => case_off_diagonal::product(p, i, j),
            Formula::TwoCase => final_form::two_case(p, i, j),
            Formula::Kronecker => final_form::kronecker(p, i, j),
            Formula::Matrix => final_form::matrix(p, i, j),
        }
    }
}

/// Where a line is evaluated: the logits and the derived quantities the
/// article names, in arithmetic `R`.
///
/// Quantities of degree one in $e^{a}$ ($g_k$, $h$) are scaled by the
/// article's $C$: $g_k = e^{a_k + \ln C}$ with [`Exact::ln_c`] (0 unless
/// $|\max_k a_k| > 600$). Every line of the chains is a ratio, unchanged by $C$
/// (the article's § *Instabilité numérique*).
#[derive(Clone, Debug)]
pub struct Point<R> {
    /// $a$.
    pub a: Vec<f64>,
    /// The double-double truth at $a$.
    pub exact: Exact,
    /// $g_k = e^{a_k + \ln C}$, the exact value rounded into `R`.
    pub g: Vec<R>,
    /// $h = \sum_k g_k$, summed in `R`.
    pub sum_exp: R,
    /// $S_k$, the exact value rounded into `R`.
    pub s: Vec<R>,
}

impl<R: Real> Point<R> {
    /// The point $a$.
    pub fn new(a: &Logits) -> Point<R> {
        let exact = Exact::new(a);
        let g: Vec<R> = exact.g.iter().map(|&g_k| R::from_dd(g_k)).collect();
        let sum_exp = sum(g.iter().copied());
        let s = exact.s.iter().map(|&s_k| R::from_dd(s_k)).collect();
        Point { a: a.as_slice().to_vec(), exact, g, sum_exp, s }
    }

    /// $N$.
    pub fn n(&self) -> usize {
        self.a.len()
    }

    /// $\ln C$.
    pub fn ln_c(&self) -> f64 {
        self.exact.ln_c
    }

    /// $\delta_{ij}$.
    pub fn delta(&self, i: usize, j: usize) -> R {
        R::from_f64(if i == j { 1.0 } else { 0.0 })
    }

    /// The exact $\partial S_i / \partial a_j$: $S_i \sum_{k \ne i} S_k$ on the
    /// diagonal, $-S_i S_j$ off it, in double-double.
    pub fn exact_derivative(&self, i: usize, j: usize) -> f64 {
        crate::reference::exact::entry(&self.exact, i, j)
    }
}

/// The derivation, in order. See the module docs.
pub const STEPS: &[Step] = &[
    Step {
        id: "definition",
        section: "Dérivée de S",
        latex: r"D_jS_i = \frac{\partial S_i}{\partial a_j} = \frac{\partial }{\partial a_j}\frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }",
        unicode: "DⱼSᵢ = ∂Sᵢ/∂aⱼ = ∂/∂aⱼ ( e^{aᵢ} / Σₖ e^{aₖ} )",
        justification: "definition of the Jacobian entry; its value here is the exact reference, checked against finite differences",
        follows: Follows::Nothing,
        scope: Scope::All,
        quantity: Quantity::Derivative,
        formula: Formula::Definition,
    },
    Step {
        id: "g",
        section: "Dérivée de S",
        latex: r"g_i = e^{a_i}",
        unicode: "gᵢ = e^{aᵢ}",
        justification: "Sᵢ is the fraction gᵢ / hᵢ: the numerator",
        follows: Follows::Nothing,
        scope: Scope::EachI,
        quantity: Quantity::Exp,
        formula: Formula::G,
    },
    Step {
        id: "h",
        section: "Dérivée de S",
        latex: r"h_i=\sum_{k=1}^{N} e^{a_k}",
        unicode: "hᵢ = Σₖ e^{aₖ}",
        justification: "Sᵢ is the fraction gᵢ / hᵢ: the denominator",
        follows: Follows::Nothing,
        scope: Scope::EachI,
        quantity: Quantity::SumExp,
        formula: Formula::H,
    },
    Step {
        id: "g-prime",
        section: "Dérivée de S",
        latex: r"g'_i = \frac{\partial g_i}{\partial a_j} = \begin{cases} e^{a_i} & \text{lorsque } i=j \\ 0 & \text{sinon } \end{cases}",
        unicode: "g′ᵢ = ∂gᵢ/∂aⱼ = e^{aᵢ} if i = j, 0 otherwise",
        justification: "e^{aᵢ} depends on aⱼ only when j = i, and (eˣ)′ = eˣ",
        follows: Follows::Step("g"),
        scope: Scope::All,
        quantity: Quantity::ExpDerivative,
        formula: Formula::GPrime,
    },
    Step {
        id: "h-prime",
        section: "Dérivée de S",
        latex: r"h'_i = \frac{\partial h_i}{\partial a_j} = e^{a_j}",
        unicode: "h′ᵢ = ∂hᵢ/∂aⱼ = e^{aⱼ}",
        justification: "every term of the sum is constant in aⱼ except e^{aⱼ}",
        follows: Follows::Step("h"),
        scope: Scope::All,
        quantity: Quantity::SumExpDerivative,
        formula: Formula::HPrime,
    },
    Step {
        id: "quotient-rule",
        section: "Dérivée d'une fraction de fonctions",
        latex: r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}",
        unicode: "f′ = (g′h − h′g) / h′²",
        justification: "the article's rule for the derivative of f = g/h, applied to Sᵢ = gᵢ/hᵢ",
        follows: Follows::Step("definition"),
        scope: Scope::All,
        quantity: Quantity::JacobianEntry,
        formula: Formula::QuotientRuleAsWritten,
    },
    Step {
        id: "diag-1",
        section: "Dérivée de S — lorsque j = i",
        latex: r"D_jS_i = \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_i}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }",
        unicode: "DⱼSᵢ = ( e^{aᵢ} Σₖe^{aₖ} − e^{aᵢ} e^{aᵢ} ) / (Σₖe^{aₖ})²",
        justification: "derivative of gᵢ/hᵢ with g′ᵢ = e^{aᵢ}, h′ᵢ = e^{aᵢ} (the article squares h here, not h′)",
        follows: Follows::Step("definition"),
        scope: Scope::Diagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::DiagonalQuotient,
    },
    Step {
        id: "diag-2",
        section: "Dérivée de S — lorsque j = i",
        latex: r"= \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k} } - \left( \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }\right)^2",
        unicode: "= e^{aᵢ}/Σₖe^{aₖ} − ( e^{aᵢ}/Σₖe^{aₖ} )²",
        justification: "split the fraction",
        follows: Follows::Step("diag-1"),
        scope: Scope::Diagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::DiagonalSplit,
    },
    Step {
        id: "diag-3",
        section: "Dérivée de S — lorsque j = i",
        latex: r"= S_i - S_i^2",
        unicode: "= Sᵢ − Sᵢ²",
        justification: "definition of Sᵢ",
        follows: Follows::Step("diag-2"),
        scope: Scope::Diagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::DiagonalSquare,
    },
    Step {
        id: "diag-4",
        section: "Dérivée de S — lorsque j = i",
        latex: r"= S_i(1 - S_i)",
        unicode: "= Sᵢ(1 − Sᵢ)",
        justification: "factor Sᵢ",
        follows: Follows::Step("diag-3"),
        scope: Scope::Diagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::DiagonalFactored,
    },
    Step {
        id: "off-1",
        section: "Dérivée de S — lorsque j ≠ i",
        latex: r"D_jS_i = \frac{0. h_i - e^{a_j}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }",
        unicode: "DⱼSᵢ = ( 0·hᵢ − e^{aⱼ} e^{aᵢ} ) / (Σₖe^{aₖ})²",
        justification: "derivative of gᵢ/hᵢ with g′ᵢ = 0, h′ᵢ = e^{aⱼ}",
        follows: Follows::Step("definition"),
        scope: Scope::OffDiagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::OffDiagonalQuotient,
    },
    Step {
        id: "off-2",
        section: "Dérivée de S — lorsque j ≠ i",
        latex: r"= - S_j S_i",
        unicode: "= −Sⱼ Sᵢ",
        justification: "split e^{aⱼ}e^{aᵢ}/(Σₖe^{aₖ})² into two factors Sⱼ and Sᵢ",
        follows: Follows::Step("off-1"),
        scope: Scope::OffDiagonal,
        quantity: Quantity::JacobianEntry,
        formula: Formula::OffDiagonalProduct,
    },
    Step {
        id: "two-case",
        section: "Dérivée de S — équation finale",
        latex: r"D_jS_i = \begin{cases} S_i(1 - S_i) & \text{si } i=j \\ - S_j S_i & \text{si } i \neq j \end{cases}",
        unicode: "DⱼSᵢ = Sᵢ(1 − Sᵢ) if i = j, −SⱼSᵢ if i ≠ j",
        justification: "the two chains together",
        follows: Follows::ByCase { diagonal: "diag-4", off_diagonal: "off-2" },
        scope: Scope::All,
        quantity: Quantity::JacobianEntry,
        formula: Formula::TwoCase,
    },
    Step {
        id: "kronecker",
        section: "Dérivée de S — symbole de Kronecker",
        latex: r"D_jS_i = S_i(\delta_{ij} - S_j)",
        unicode: "DⱼSᵢ = Sᵢ(δᵢⱼ − Sⱼ)",
        justification: "δᵢⱼ = 1 if i = j, 0 otherwise, merges the two cases",
        follows: Follows::Step("two-case"),
        scope: Scope::All,
        quantity: Quantity::JacobianEntry,
        formula: Formula::Kronecker,
    },
    Step {
        id: "matrix",
        section: "(not in the article) vectorised form",
        latex: r"DS = \operatorname{diag}(S) - S S^\top",
        unicode: "DS = diag(S) − S Sᵀ",
        justification: "entry (i, j) of diag(S) is δᵢⱼSᵢ and of S Sᵀ is SᵢSⱼ",
        follows: Follows::Step("kronecker"),
        scope: Scope::All,
        quantity: Quantity::JacobianEntry,
        formula: Formula::Matrix,
    },
];

/// The step with this id.
pub fn step(id: &str) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.id == id)
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_follows_point_backwards() {
        for (k, s) in STEPS.iter().enumerate() {
            assert_eq!(STEPS.iter().filter(|t| t.id == s.id).count(), 1, "{}", s.id);
            for (i, j) in [(0, 0), (0, 1)] {
                if let Some(prev) = s.follows.at(i, j) {
                    let pos = STEPS.iter().position(|t| t.id == prev).expect(prev);
                    assert!(pos < k, "{} follows {} which comes later", s.id, prev);
                }
            }
        }
    }

    #[test]
    fn at_zero_zero_every_jacobian_line_gives_one_quarter_and_minus_one_quarter() {
        // a = (0, 0): S = (½, ½), J = [[¼, −¼], [−¼, ¼]].
        let p: Point<f64> = Point::new(&Logits::new(vec![0.0, 0.0]).unwrap());
        for s in STEPS.iter().filter(|s| s.quantity == Quantity::JacobianEntry && s.id != "quotient-rule") {
            for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                if s.scope.contains(i, j) {
                    let expected = if i == j { 0.25 } else { -0.25 };
                    assert_eq!(s.formula.eval(&p, i, j), expected, "{} at ({i},{j})", s.id);
                }
            }
        }
    }

    #[test]
    fn the_quotient_rule_as_written_gives_one_at_zero_zero() {
        // g = 1, h = 2, g' = 1, h' = 1: (1·2 − 1·1)/1² = 1, where ¼ is right.
        let p: Point<f64> = Point::new(&Logits::new(vec![0.0, 0.0]).unwrap());
        assert_eq!(Formula::QuotientRuleAsWritten.eval(&p, 0, 0), 1.0);
    }
}
