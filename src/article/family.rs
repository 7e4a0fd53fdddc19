//! Which of a post's relations are about the softmax family, for the
//! coverage `verify` reports: a post's toy example of the chain rule
//! (`z = 2x + y`) or its affine layer's shapes are relations the tool lists,
//! but not what a post about softmax is checked on.
//!
//! The test errs towards the family: a relation is about it when it writes
//! an exponential, a logarithm, a function of the family by name (softmax,
//! sigmoid, σ, tanh, log-sum-exp, cross-entropy), a Kronecker delta, one of
//! the post's own names ([`Notation::names_its_own`]: outputs, indexed
//! logits, labels, loss, normaliser), or a name a relation about the family
//! defines (`L` in `L = -\log p_t`, then `\partial L / \partial W`). A row
//! that continues a relation (`= …`) is about what that relation is about.

use crate::expr::notation::Notation;

/// What writes a function of the family, or its exponentials and logarithms.
const MARKERS: [&str; 18] = [
    "e^",
    "\\exp",
    "exp(",
    "exp\\left",
    "\\log",
    "\\ln",
    "log(",
    "log\\left",
    "ln(",
    "softmax",
    "sigmoid",
    "\\sigma",
    "\\tanh",
    "LSE",
    "lse",
    "\\delta_",
    "\\mathbb{1}",
    "CE",
];

/// For each relation (its LaTeX, in the post's order), whether it is about the softmax family.
pub(crate) fn about_family(relations: &[&str], notation: &Notation) -> Vec<bool> {
    let mut names: Vec<String> = Vec::new();
    let mut about = vec![false; relations.len()];
    // A name defined about the family makes the relations that use it so: to a fixed point.
    loop {
        let mut changed = false;
        for k in 0..relations.len() {
            if about[k] {
                continue;
            }
            let continues = continues(relations[k]);
            let own = if continues {
                k > 0 && about[k - 1]
            } else {
                marked(relations[k], notation) || names.iter().any(|n| uses(relations[k], n))
            };
            if own {
                about[k] = true;
                changed = true;
                if let Some(name) = defined_name(relations[k]) {
                    names.push(name);
                }
            }
        }
        if !changed {
            return about;
        }
    }
}

/// Whether `latex` writes a marker of the family or one of the post's own names.
fn marked(latex: &str, notation: &Notation) -> bool {
    MARKERS.iter().any(|m| latex.contains(m)) || notation.names_its_own(latex)
}

/// Whether the row continues the relation above it (it starts with `=`).
fn continues(latex: &str) -> bool {
    latex.trim_start_matches(|c: char| c == '&' || c.is_whitespace()).starts_with('=')
}

/// The name a relation defines: its left side when it is a short name (`L`,
/// `J(\theta)`, `\text{EC}`), not one lowercase letter (a toy's `x`, `y`).
fn defined_name(latex: &str) -> Option<String> {
    let (left, _) = latex.split_once('=')?;
    let left = left.trim().trim_start_matches('&').trim();
    let operator = |c: char| matches!(c, '+' | '-' | '*' | '/' | '^' | '<' | '>');
    let one_lowercase = left.len() == 1 && left.chars().all(|c| c.is_ascii_lowercase());
    (!left.is_empty()
        && left.chars().count() <= 24
        && !left.contains(operator)
        && !left.contains("\\frac")
        && !one_lowercase)
        .then(|| left.to_string())
}

/// Whether `latex` uses `name` as a name of its own: not inside a longer word or command.
fn uses(latex: &str, name: &str) -> bool {
    let alpha = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '\\');
    latex.match_indices(name).any(|(at, _)| {
        let before = latex[..at].chars().next_back();
        let after = latex[at + name.len()..].chars().next();
        !alpha(before) && !after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toy_of_the_chain_rule_is_not_about_softmax_but_a_loss_defined_by_it_is() {
        let n = Notation::learn_from([(r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", 1)]);
        let rows = [
            "z = 2x + y",
            r"\frac{dz}{dx} = 2",
            r"L = -\log p_t",
            r"\frac{\partial L}{\partial w} = x (p_t - 1)",
            r"= x p_t - x",
            r"\theta = w^T x + b",
            r"q_j = 3",
            r"z_j = w_j x",
        ];
        let about = about_family(&rows, &n);
        assert_eq!(about, [false, false, true, true, true, false, false, true]);
    }

    #[test]
    fn a_name_is_used_only_as_a_whole_word() {
        assert!(uses(r"\frac{\partial L}{\partial W}", "L"));
        assert!(uses(r"L_{pred} + 1", "L"));
        assert!(!uses(r"\log x + LSE", "L"));
        assert!(!uses(r"\Lambda", "L"));
        assert_eq!(defined_name("y = e^x"), None);
        assert_eq!(defined_name(r"J(\theta) = 1").as_deref(), Some(r"J(\theta)"));
    }
}
