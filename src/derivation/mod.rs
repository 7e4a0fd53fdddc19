//! § *Dérivée de S*: the article's derivation, one step per line (or `align*` row).
//!
//! [`STEPS`] is the single table that the verifier, the report and the
//! `explain` command walk. Each [`Step`] keeps only what the article writes:
//! the line's LaTeX, its section, its case ([`Scope`]) and its role (what
//! its members claim to equal, [`Quantity`]). Its value comes from parsing
//! that LaTeX ([`Step::row`]): no evaluation is written by hand, and changing
//! a line means changing one string.
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

use crate::decide::Target;
use crate::expr::latex::{parse_row, Row};
use crate::expr::{Expr, ParseError, Sym};

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
}

impl Scope {
    /// Whether the entry $(i, j)$ is in scope.
    pub fn contains(self, i: usize, j: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Diagonal => i == j,
            Scope::OffDiagonal => i != j,
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

/// What a line's members claim to equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// $\partial S_i / \partial a_j$: the rows of the chains, the final forms.
    Derivative,
    /// The symbol on the line's left: $g_i$, $h_i$, $g'_i$, $h'_i$, $\delta_{ij}$.
    Is(Sym),
}

impl Quantity {
    /// The target the line's members are decided against.
    pub fn target(self) -> Target {
        match self {
            Quantity::Derivative => Target::Softmax,
            Quantity::Is(sym) => Target::Of(Expr::Sym(sym)),
        }
    }

    /// The target as the symbol a line starts with (`D_jS_i`, `g'_i`, …).
    fn symbol(self) -> Sym {
        match self {
            Quantity::Derivative => Sym::DjSi,
            Quantity::Is(sym) => sym,
        }
    }
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
    /// What its members claim to equal.
    pub quantity: Quantity,
}

impl Step {
    /// The line parsed.
    ///
    /// # Errors
    /// The [`ParseError`] of a line outside the LaTeX subset.
    pub fn row(&self) -> Result<Row, ParseError> {
        parse_row(self.latex)
    }

    /// The members the line claims equal to its [`Quantity`]: every member
    /// but a restatement of the quantity's own symbol (`D_jS_i = …`).
    ///
    /// # Errors
    /// As [`Step::row`].
    pub fn claimed(&self) -> Result<Vec<Expr>, ParseError> {
        claimed(self.latex, self.quantity)
    }

    /// The line's value: its last member.
    ///
    /// # Errors
    /// As [`Step::row`].
    pub fn value(&self) -> Result<Expr, ParseError> {
        Ok(self.row()?.members.pop().expect("a row has a member"))
    }
}

/// The derivation, in order. See the module docs.
pub const STEPS: &[Step] = &[
    parts::DEFINITION,
    parts::DEFINITION_EXPANDED,
    parts::G,
    parts::H,
    parts::G_PRIME,
    parts::H_PRIME,
    quotient_rule::QUOTIENT_RULE,
    case_diagonal::DIAG_0,
    case_diagonal::DIAG_1,
    case_diagonal::DIAG_2,
    case_diagonal::DIAG_3,
    case_diagonal::DIAG_4,
    case_off_diagonal::OFF_0,
    case_off_diagonal::OFF_1,
    case_off_diagonal::OFF_2,
    final_form::TWO_CASE,
    final_form::DELTA,
    final_form::KRONECKER,
    final_form::MATRIX,
];

/// The members a line of LaTeX claims equal to `quantity`: every member but
/// a restatement of the quantity's own symbol (`D_jS_i = …`).
///
/// # Errors
/// The [`ParseError`] of a line outside the LaTeX subset.
pub fn claimed(latex: &str, quantity: Quantity) -> Result<Vec<Expr>, ParseError> {
    let symbol = Expr::Sym(quantity.symbol());
    Ok(parse_row(latex)?.members.into_iter().filter(|m| *m != symbol).collect())
}

/// A row of one of the two chains: it claims $\partial S_i/\partial a_j$ in its case.
const fn chain_row(
    section: &'static str,
    scope: Scope,
    id: &'static str,
    latex: &'static str,
    unicode: &'static str,
    justification: &'static str,
    follows: &'static str,
) -> Step {
    Step {
        id,
        section,
        latex,
        unicode,
        justification,
        follows: Follows::Step(follows),
        scope,
        quantity: Quantity::Derivative,
    }
}

/// The step with this id.
pub fn step(id: &str) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.id == id)
}

#[cfg(test)]
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
    fn every_line_parses_and_claims_something() {
        for s in STEPS {
            let claimed = s.claimed().unwrap_or_else(|e| panic!("{}: {e}", s.id));
            assert!(!claimed.is_empty(), "{}", s.id);
        }
    }
}
