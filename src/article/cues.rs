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

/// A condition on the indices, without spaces: the case it states.
pub(crate) fn condition(math: &str) -> Option<Scope> {
    let compact: String = math.split_whitespace().collect::<String>().replace("\\not=", "\\neq").replace('≠', "\\neq");
    match compact.as_str() {
        "j=i" | "i=j" => Some(Scope::Diagonal),
        "j\\neqi" | "i\\neqj" | "j\\nei" | "i\\nej" => Some(Scope::OffDiagonal),
        _ => None,
    }
}

/// The case an annotation states: words (in `\text{…}` or bare), then a
/// condition, in brackets or not; `None` when `tail` is anything else.
fn annotation_case(tail: &str) -> Option<Scope> {
    let mut s = tail.to_string();
    for wrapper in ["\\textrm{", "\\text{", "\\mbox{", "\\mathrm{"] {
        s = s.replace(wrapper, " ");
    }
    for space in ["\\qquad", "\\quad", "\\;", "\\,", "\\:", "\\!", "\\ ", "~"] {
        s = s.replace(space, " ");
    }
    let s: String = s.chars().map(|c| if "{}$(),.:;".contains(c) { ' ' } else { c }).collect();
    // The condition starts at the first index letter followed by a relation.
    let start = s.char_indices().find(|(k, c)| (*c == 'i' || *c == 'j') && condition(&s[*k..]).is_some());
    let (k, _) = start?;
    let stated = condition(&s[k..])?;
    let words = &s[..k];
    if words.chars().any(|c| c == '\\' || c == '=' || c.is_ascii_digit()) {
        return None;
    }
    match cue(words) {
        Cue::Plain => Some(stated),
        Cue::Negated => match stated {
            Scope::Diagonal => Some(Scope::OffDiagonal),
            Scope::OffDiagonal => Some(Scope::Diagonal),
            Scope::All => None,
        },
        Cue::Otherwise | Cue::Unsure => None,
    }
}

/// Where a row's case annotation starts and the case it states: the
/// leftmost opener after which the rest of the row is only an annotation.
pub(crate) fn case_annotation(row: &str) -> Option<(usize, Scope)> {
    let body = row.trim_end().trim_end_matches("\\\\").trim_end();
    body.char_indices()
        .filter(|(k, _)| *k > 0 && OPENERS.iter().any(|o| body[*k..].starts_with(o)))
        .find_map(|(k, _)| annotation_case(&body[k..]).map(|scope| (k, scope)))
}

/// The row without its case annotation (the row itself when it has none).
pub fn without_case_annotation(row: &str) -> &str {
    match case_annotation(row) {
        Some((k, _)) => row[..k].trim_end().trim_end_matches(',').trim_end(),
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
        ];
        for (row, cut, scope) in cases {
            let (_, s) = case_annotation(row).unwrap_or_else(|| panic!("{row}"));
            assert_eq!((without_case_annotation(row), s), (cut, scope), "{row}");
        }
        // Controls: no annotation, or a formula that only mentions the indices.
        for row in [
            r"D_jS_i = S_i(\delta_{ij} - S_j)",
            r"D_jS_i = S_i(1 - S_i)",
            r"D_jS_i = \frac{e^{a_i}}{Z} (1 - S_j)",
            r"D_jS_i = S_i (a_i = a_j)",
            r"D_jS_i = -S_iS_j \quad \text{sinon}",
        ] {
            assert_eq!(case_annotation(row), None, "{row}");
        }
    }
}
