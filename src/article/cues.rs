//! Case cues written inside an equation: a row that ends with its condition,
//! as authors write it in every language —
//! `D_jS_i = S_i(1 - S_i) \quad \text{if } i = j`,
//! `= -S_iS_j \quad (i \neq j)`, `\text{si } j = i`, `, \; i \ne j`,
//! `\text{unless } i = j`.
//!
//! The annotation is cut from the row before it is read, and gives the row
//! its case; the row's LaTeX as the post writes it is kept for display.

use crate::derivation::Scope;
use crate::expr::cue::{cue, Cue};

/// What may open an annotation after the row's formula.
const OPENERS: [&str; 10] = ["\\quad", "\\qquad", "\\text", "\\mbox", "\\textrm", "(", ",", "\\;", "\\,", "\\ "];

/// Two index letters a condition relates, in the order written (`r \neq q`: `('r', 'q')`).
pub(crate) type Letters = (char, char);

/// A condition on two index letters, spaces aside (`i = j`, `j \neq i`,
/// `r \ne q`, `t ≠ i`): the case it states and the letters it relates. Which
/// letters are the output's and the logit's is for the caller to check
/// against the relation the condition is about ([`same_letters`]).
pub(crate) fn condition(math: &str) -> Option<(Scope, Letters)> {
    let compact: String = math.split_whitespace().collect::<String>().replace("\\not=", "\\neq").replace('≠', "\\neq");
    let (left, right, scope) = if let Some((l, r)) = compact.split_once("\\neq") {
        (l, r, Scope::OffDiagonal)
    } else if let Some((l, r)) = compact.split_once("\\ne") {
        (l, r, Scope::OffDiagonal)
    } else {
        let (l, r) = compact.split_once('=')?;
        (l, r, Scope::Diagonal)
    };
    let letter = |t: &str| {
        let mut c = t.chars();
        c.next().filter(|x| x.is_ascii_lowercase() && c.next().is_none())
    };
    let (l, r) = (letter(left)?, letter(right)?);
    (l != r).then_some((scope, (l, r)))
}

/// Whether a condition's letters are the two index letters of a relation (its roles), in either order.
pub(crate) fn same_letters(letters: Letters, roles: (char, char)) -> bool {
    letters == roles || (letters.1, letters.0) == roles
}

/// The case an annotation states: words (in `\text{…}` or bare), then a
/// condition, in brackets or not; `None` when `tail` is anything else.
fn annotation_case(tail: &str) -> Option<(Scope, Letters)> {
    let mut s = tail.to_string();
    for wrapper in ["\\textrm{", "\\text{", "\\mbox{", "\\mathrm{"] {
        s = s.replace(wrapper, " ");
    }
    // `\forall i \neq j`: "for all i ≠ j", the row's case.
    s = s.replace("\\forall", " for all ");
    for space in ["\\qquad", "\\quad", "\\;", "\\,", "\\:", "\\!", "\\ ", "~"] {
        s = s.replace(space, " ");
    }
    let s: String = s.chars().map(|c| if "{}$(),.:;".contains(c) { ' ' } else { c }).collect();
    // The condition starts at the first index letter followed by a relation.
    let start = s.char_indices().find(|(k, c)| c.is_ascii_lowercase() && condition(&s[*k..]).is_some());
    let (k, _) = start?;
    let (stated, letters) = condition(&s[k..])?;
    let words = &s[..k];
    // Words only: no math before the condition (`\text{Softmax}(x_i) p_j \quad (i \neq j)`
    // is a formula, then its annotation).
    if !words.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '\'' | '’' | '-')) {
        return None;
    }
    let scope = match cue(words) {
        Cue::Plain => Some(stated),
        Cue::Negated => match stated {
            Scope::Diagonal => Some(Scope::OffDiagonal),
            Scope::OffDiagonal => Some(Scope::Diagonal),
            Scope::All => None,
        },
        Cue::Otherwise | Cue::Unsure => None,
    };
    scope.map(|s| (s, letters))
}

/// Where a row's case annotation starts, the case it states and the letters
/// it relates: the leftmost opener after which the rest of the row is only
/// an annotation.
pub(crate) fn case_annotation(row: &str) -> Option<(usize, Scope, Letters)> {
    let body = row.trim_end().trim_end_matches("\\\\").trim_end();
    body.char_indices()
        .filter(|(k, _)| *k > 0 && OPENERS.iter().any(|o| body[*k..].starts_with(o)))
        .find_map(|(k, _)| annotation_case(&body[k..]).map(|(scope, letters)| (k, scope, letters)))
}

/// The row without its case annotation (the row itself when it has none).
pub fn without_case_annotation(row: &str) -> &str {
    match case_annotation(row) {
        Some((k, _, _)) => row[..k].trim_end().trim_end_matches(',').trim_end(),
        None => row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_state_the_case_and_are_cut() {
        let cases = [
            (r"D_jS_i = S_i(1 - S_i) \quad \text{if } i = j", "D_jS_i = S_i(1 - S_i)", Scope::Diagonal),
            (r"& = -S_iS_j \quad (i \neq j)\\", "& = -S_iS_j", Scope::OffDiagonal),
            (r"D_jS_i = S_i(1-S_i), \; \text{si } j = i", "D_jS_i = S_i(1-S_i)", Scope::Diagonal),
            (r"D_jS_i = -S_iS_j \qquad \text{unless } i = j", "D_jS_i = -S_iS_j", Scope::OffDiagonal),
            (r"D_jS_i = -S_iS_j \text{ for $i \ne j$}", "D_jS_i = -S_iS_j", Scope::OffDiagonal),
            (r"&= -\sigma_q \sigma_r \quad (r \neq q)", r"&= -\sigma_q \sigma_r", Scope::OffDiagonal),
            (r"= p_t(1 - p_t) \quad \text{when } t = i", "= p_t(1 - p_t)", Scope::Diagonal),
            (r"= -\text{Softmax}(x_i) p_j \quad (i \neq j)", r"= -\text{Softmax}(x_i) p_j", Scope::OffDiagonal),
            (r"= -p_i p_j, \quad \forall i \neq j", "= -p_i p_j", Scope::OffDiagonal),
        ];
        for (row, cut, scope) in cases {
            let (_, s, _) = case_annotation(row).unwrap_or_else(|| panic!("{row}"));
            assert_eq!((without_case_annotation(row), s), (cut, scope), "{row}");
        }
        // Controls: no annotation, or a formula that only mentions the indices.
        for row in [
            r"D_jS_i = S_i(\delta_{ij} - S_j)",
            r"D_jS_i = S_i(1 - S_i)",
            r"D_jS_i = \frac{e^{a_i}}{Z} (1 - S_j)",
            r"D_jS_i = S_i (a_i = a_j)",
            r"D_jS_i = -S_iS_j \quad \text{sinon}",
            r"D_jS_i = S_i \quad (k = 1)",
            r"D_jS_i = S_i \quad (i = ij)",
            r"D_jS_i = -\text{Softmax}(x_i) p_j",
        ] {
            assert_eq!(case_annotation(row), None, "{row}");
        }
    }
}
