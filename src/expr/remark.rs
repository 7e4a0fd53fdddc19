//! What follows a relation and is no part of it: the sentence's punctuation
//! (`S_i > 0.`, `…,`) and a quantifier after it
//! (`p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}, \forall i = 1, 2, 3`,
//! `S_i > 0 \quad \forall i`). The quantifier says for which indices the
//! relation is claimed; the engine decides it for every index anyway.

/// Spacing commands that may separate a relation from its remark.
const SPACES: [&str; 8] = ["\\qquad", "\\quad", "\\,", "\\;", "\\:", "\\!", "\\ ", "~"];

/// `latex` without its trailing punctuation and trailing quantifier.
///
/// ```
/// use dsoftmax::expr::remark::without_trailing_remark;
/// assert_eq!(without_trailing_remark(r"S_i > 0 \quad \forall i."), "S_i > 0");
/// assert_eq!(without_trailing_remark(r"p_i = \frac{1}{2} ,\forall i=1, 2, 3"), r"p_i = \frac{1}{2}");
/// assert_eq!(without_trailing_remark(r"\forall i, S_i > 0"), r"\forall i, S_i > 0");
/// ```
pub fn without_trailing_remark(latex: &str) -> &str {
    let mut t = latex.trim_end();
    loop {
        let before = t;
        if let Some(k) = trailing_quantifier(t) {
            t = t[..k].trim_end();
        }
        loop {
            if let Some(r) = SPACES.iter().find_map(|s| t.strip_suffix(s)) {
                t = r.trim_end();
            } else if let Some(r) = t.strip_suffix(['.', ',', ';']).filter(|r| !r.ends_with('\\')) {
                t = r.trim_end();
            } else {
                break;
            }
        }
        if t == before {
            return t;
        }
    }
}

/// Where a quantifier that is not the row's first word starts, at the top
/// level (outside braces, brackets and sets), after a comma or a spacing command.
fn trailing_quantifier(t: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = t.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            '\\' if depth == 0 && k > 0 && (t[k..].starts_with("\\forall") || t[k..].starts_with("\\text{for all")) => {
                let before = t[..k].trim_end();
                let separated = before.ends_with(',') || SPACES.iter().any(|s| before.ends_with(s));
                if separated && !before.trim_end_matches([',', ' ']).is_empty() {
                    return Some(k);
                }
            }
            '\\' => match chars.next() {
                Some((_, '{')) => depth += 1, // `\{ … \}`: a set
                Some((_, '}')) => depth = depth.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_quantifiers_after_a_relation_are_cut() {
        for (row, relation) in [
            (r"S_i = \frac{e^{a_i}}{Z}.", r"S_i = \frac{e^{a_i}}{Z}"),
            (r"S_i = 1 ,", "S_i = 1"),
            (r"S_i > 0 \quad \forall i", "S_i > 0"),
            (r"S_i > 0, \; \forall i \in \{1, \dots, N\}.", "S_i > 0"),
            (r"x = 0.5", "x = 0.5"),
            (r"\forall i, S_i > 0", r"\forall i, S_i > 0"),
            (r"\{ \forall i \}", r"\{ \forall i \}"),
            (r"S_i \in \{x, \forall y\}", r"S_i \in \{x, \forall y\}"),
        ] {
            assert_eq!(without_trailing_remark(row), relation, "{row}");
        }
    }
}
