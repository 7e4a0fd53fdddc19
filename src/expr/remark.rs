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
            '\\' if depth == 0 && k > 0 && t[k..].starts_with("\\forall") => {
                let before = t[..k].trim_end();
                let separated = before.ends_with(',') || SPACES.iter().any(|s| before.ends_with(s));
                let relation = !before.trim_end_matches([',', ' ']).is_empty();
                if separated && relation && only_ranges_indices(&t[k + "\\forall".len()..]) {
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

/// Whether a quantifier's body only says over which indices
/// (`i`, `i, j`, `i \in \{1, \dots, N\}`, `i = 1, 2, 3`, `i = 1, \ldots, K`): a
/// body with a condition (`i \neq j`, which is the row's case) or a
/// hypothesis (`\text{ when } N = 2`) is no remark, and stays.
fn only_ranges_indices(body: &str) -> bool {
    let body = body.trim();
    let (indices, range) = match body.find("\\in").or_else(|| body.find('=')) {
        Some(k) => (&body[..k], &body[k..]),
        None => (body, ""),
    };
    let letters = indices.split(',').map(str::trim).collect::<Vec<_>>();
    let indices_ok = letters.iter().all(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase()));
    let range_ok = if let Some(set) = range.strip_prefix("\\in") {
        !set.contains("\\text") && !set.contains('=')
    } else if let Some(values) = range.strip_prefix('=') {
        values
            .replace("\\ldots", "")
            .replace("\\dots", "")
            .replace("\\cdots", "")
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || matches!(c, ',' | ' ' | '.' | '{' | '}' | '-'))
    } else {
        range.is_empty()
    };
    indices_ok && range_ok
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
            (r"p_i = \frac{1}{2} ,\forall i=1, 2, 3", r"p_i = \frac{1}{2}"),
            (r"p_i > 0 \quad \forall i = 1, \ldots, K", "p_i > 0"),
            // A condition or a hypothesis is no remark: it stays (the row's case, or unread).
            (r"= -p_i p_j, \quad \forall i \neq j", r"= -p_i p_j, \quad \forall i \neq j"),
            (
                r"p_i = \frac{1}{N} \quad \forall i \text{ when all } z_k \text{ are equal}",
                r"p_i = \frac{1}{N} \quad \forall i \text{ when all } z_k \text{ are equal}",
            ),
            (
                r"p_i = x \quad \forall i \neq j, \text{ when } N = 2",
                r"p_i = x \quad \forall i \neq j, \text{ when } N = 2",
            ),
        ] {
            assert_eq!(without_trailing_remark(row), relation, "{row}");
        }
    }
}
