//! A correction for a refuted relation, found by search: the smallest edits
//! of the post's own LaTeX — one prime removed (`h'(x)^2` → `h(x)^2`), one
//! sign flipped, one index swapped ($i \leftrightarrow j$), one square
//! dropped — each read and decided again; the first edit that makes the
//! relation **proved** is the correction. A correction is only ever offered
//! with that proof; a relation no single edit repairs gets none.

use crate::article::cues;
use crate::decide;
use crate::derivation::{Quantity, Scope};
use crate::expr::notation::Notation;
use crate::expr::Expr;
use crate::verdict::Verdict;

/// The single-edit variants of `latex`, in the order they are tried.
fn edits(latex: &str) -> Vec<String> {
    let mut out = Vec::new();
    let at = |k: usize, len: usize, by: &str| format!("{}{by}{}", &latex[..k], &latex[k + len..]);
    for (k, _) in latex.match_indices('\'') {
        out.push(at(k, 1, ""));
    }
    for (k, c) in latex.char_indices() {
        match c {
            '+' => out.push(at(k, 1, "-")),
            // A minus that starts a row (`&= -S_iS_j`) or follows `(`: dropped; elsewhere flipped.
            '-' => {
                let before = latex[..k].trim_end();
                let leading = before.is_empty() || before.ends_with(['=', '(', '&', '{']);
                out.push(at(k, 1, if leading { "" } else { "+" }));
            }
            _ => {}
        }
    }
    for (from, to) in [("_i", "_j"), ("_j", "_i"), ("_{i}", "_{j}"), ("_{j}", "_{i}")] {
        for (k, _) in latex.match_indices(from) {
            // `_i` must not be the start of a longer subscript (`_ij`).
            if from.len() == 2 && latex[k + 2..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            out.push(at(k, from.len(), to));
        }
    }
    for (k, _) in latex.match_indices("^2") {
        out.push(at(k, 2, ""));
    }
    out.dedup();
    out
}

/// The first single edit of `latex` (a relation claiming `quantity` in
/// `scope`, refuted) that the engine proves, as the corrected LaTeX.
pub(crate) fn correction(
    notation: &Notation,
    latex: &str,
    quantity: Quantity,
    above: Option<&Expr>,
    scope: Scope,
) -> Option<String> {
    if matches!(quantity, Quantity::Compare) || latex.len() > 400 {
        return None;
    }
    let config = decide::Config { diagnose: false, escalations: 0, ..decide::Config::default() };
    edits(latex).into_iter().find(|candidate| {
        let Ok(reading) = notation.read(cues::without_case_annotation(candidate), None) else { return false };
        crate::derivation::decide_row_against(&reading.latex, quantity, above, scope, &config).verdict
            == Verdict::Proved
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_edit_that_proves_the_quotient_rule_is_found() {
        let n = Notation::default();
        let wrong = r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}";
        let fixed = correction(&n, wrong, Quantity::Derivative, None, Scope::All);
        assert_eq!(fixed.as_deref(), Some(r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h(x)^2}"));
        // A sign slip on the diagonal, and a line no single edit repairs.
        let sign = correction(&n, r"D_jS_i = S_i(1 + S_i)", Quantity::Derivative, None, Scope::Diagonal);
        assert_eq!(sign.as_deref(), Some(r"D_jS_i = S_i(1 - S_i)"));
        assert_eq!(correction(&n, r"D_jS_i = S_i^3 + 7", Quantity::Derivative, None, Scope::All), None);
    }
}
