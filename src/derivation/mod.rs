//! What a relation of a derivation speaks about: which entries $(i, j)$
//! ([`Scope`], [`Case`]) and what its members claim to equal ([`Quantity`]),
//! and the members a row claims ([`claimed`]).

use crate::decide::{self, Decision, Target};
use crate::expr::latex::parse_row;
use crate::expr::{Expr, ParseError, Sym};
use crate::verdict::Verdict;

pub use crate::scope::{Case, Scope};

/// What a line's members claim to equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// $\partial S_i / \partial a_j$: the rows of the chains, the final forms.
    Derivative,
    /// The symbol on the line's left: $g_i$, $h_i$, $g'_i$, $h'_i$, $\delta_{ij}$.
    Is(Sym),
    /// An identity between expressions of the fragment (`\sum_i S_i = 1`,
    /// `S_i - S_i^2 = S_i(1 - S_i)`): the members after the first are claimed
    /// equal to the first; a row that continues it, to the row above.
    Identity,
    /// A chain of comparisons (`0 < S_i \le 1`, `S_i \in ]0,1]`): each side
    /// against the next ([`crate::decide::decide_relation`]).
    Compare,
}

impl Quantity {
    /// The target the members of a row `latex` are decided against: the
    /// quantity's own, or an identity's first member (`None` for a row that
    /// continues an identity: its target is the row above).
    pub fn target(self, latex: &str) -> Option<Target> {
        match self {
            Quantity::Derivative => Some(Target::Softmax),
            Quantity::Is(sym) => Some(Target::Of(Expr::Sym(sym))),
            Quantity::Identity => {
                let row = parse_row(latex).ok()?;
                (!row.continuation).then(|| row.members.into_iter().next()).flatten().map(Target::Of)
            }
            Quantity::Compare => None,
        }
    }
}

/// The members a line of LaTeX claims equal to `quantity`: every member but
/// a restatement of the quantity's own symbol (`D_jS_i = …`).
///
/// # Errors
/// The [`ParseError`] of a line outside the LaTeX subset.
pub fn claimed(latex: &str, quantity: Quantity) -> Result<Vec<Expr>, ParseError> {
    if quantity == Quantity::Compare {
        return Ok(Vec::new());
    }
    let row = parse_row(latex)?;
    let symbol = match quantity {
        Quantity::Derivative => Sym::DjSi,
        Quantity::Is(sym) => sym,
        Quantity::Identity if row.continuation => return Ok(row.members),
        Quantity::Identity => return Ok(row.members.into_iter().skip(1).collect()),
        Quantity::Compare => unreachable!("returned above"),
    };
    Ok(row.members.into_iter().filter(|m| *m != Expr::Sym(symbol)).collect())
}

/// Decides one line of LaTeX: each member it claims equal to `quantity`, at
/// the entries of `scope`. The line's decision is its weakest member's (the
/// last member's when all agree).
pub fn decide_row(latex: &str, quantity: Quantity, scope: Scope, config: &decide::Config) -> Decision {
    decide_row_against(latex, quantity, None, scope, config)
}

/// [`decide_row`], a row that continues an identity decided against `above`, the row above it.
pub(crate) fn decide_row_against(
    latex: &str,
    quantity: Quantity,
    above: Option<&Expr>,
    scope: Scope,
    config: &decide::Config,
) -> Decision {
    let target = match (quantity.target(latex), above) {
        (Some(target), _) => target,
        (None, Some(above)) => Target::Of(above.clone()),
        (None, None) => return Decision::undecided("a row that continues an identity the tool did not read"),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restatement_of_the_left_side_is_not_claimed() {
        let members =
            claimed(r"D_jS_i = \frac{\partial S_i}{\partial a_j} = S_i(\delta_{ij} - S_j)", Quantity::Derivative)
                .unwrap();
        assert_eq!(members.len(), 2);
        assert!(members[0].has_derivative() && !members[1].has_derivative());
    }
}
