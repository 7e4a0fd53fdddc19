//! What counts as a relation in a post's math: two expressions joined by
//! `=`, `<`, `>`, `\le`, `\ge`, `\in`, `\ne`, `\approx` … at the top level
//! (outside braces), with at least one side more than a single name or
//! number. `$i = j$`, `$k = 1$`, `$N = 3$` state a condition or a value;
//! `$x_i$` and `$\mathbf z$` mention something: neither is a relation the
//! post asks a reader to check.

/// The relation signs, as written in LaTeX or in Unicode.
const SIGNS: [&str; 20] = [
    "\\leq", "\\geq", "\\le", "\\ge", "\\neq", "\\ne", "\\in", "\\approx", "\\equiv", "\\propto", "\\simeq", "\\sim",
    "≤", "≥", "≠", "∈", "≈", "=", "<", ">",
];

/// The sides of `latex` split at its top-level relation signs, and the signs.
fn sides(latex: &str) -> (Vec<&str>, Vec<&'static str>) {
    split_top_level(latex, &SIGNS)
}

/// `latex` split at every top-level (outside braces) occurrence of one of
/// `marks`, with the marks found. A command's name is skipped whole, so that
/// `\left` is not `\le` + `ft` (nor `\infty` `\in` + `fty`).
fn split_top_level<'a>(latex: &'a str, marks: &[&'static str]) -> (Vec<&'a str>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut found = Vec::new();
    let (mut depth, mut start, mut k) = (0usize, 0usize, 0usize);
    while k < latex.len() {
        let rest = &latex[k..];
        let step = rest.chars().next().map_or(1, char::len_utf8);
        match rest.as_bytes()[0] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                if let Some(mark) = marks.iter().find(|m| rest.starts_with(**m) && !continues_a_word(rest, m)) {
                    out.push(&latex[start..k]);
                    found.push(*mark);
                    k += mark.len();
                    start = k;
                    continue;
                }
                if let Some(command) = rest.strip_prefix('\\') {
                    // Its name (or the one character it escapes, whatever its width).
                    let name = command.chars().take_while(char::is_ascii_alphabetic).count();
                    let escaped = command.chars().next().map_or(0, char::len_utf8);
                    k += 1 + if name > 0 { name } else { escaped };
                    continue;
                }
            }
            _ => {}
        }
        k += step;
    }
    out.push(&latex[start..]);
    (out, found)
}

/// What joins two relations in one row: an implication or an equivalence.
const JOINS: [&str; 7] =
    ["\\Longrightarrow", "\\Rightarrow", "\\implies", "\\iff", "\\Leftrightarrow", "\\therefore", "⇒"];

/// The relations of a row joined by `\Rightarrow`, `\implies`, `\iff` …
/// at the top level (outside braces), each to be read on its own; a row
/// without such a join is one piece.
pub fn joined_relations(latex: &str) -> Vec<&str> {
    split_top_level(latex, &JOINS).0.into_iter().filter(|piece| !piece.trim().is_empty()).collect()
}

/// Whether a command sign like `\le` is really the start of a longer name (`\left`).
fn continues_a_word(rest: &str, sign: &str) -> bool {
    sign.starts_with('\\') && rest[sign.len()..].chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether a side is a single name or number: `i`, `k`, `x_i`, `N`, `3`, `\alpha`.
fn single_token(side: &str) -> bool {
    let compact: String = side.split_whitespace().collect();
    let core = compact.trim_start_matches('\\');
    !core.is_empty()
        && core.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '{' || c == '}' || c == '.')
        && core.matches('_').count() <= 1
        && !core.contains("frac")
}

/// Whether `latex` is a relation a reader would check: not an index
/// condition or a value given to a name (`i = j`, `i \neq j`, `k = 1`: two
/// single tokens around `=` or `≠`).
pub fn is_relation(latex: &str) -> bool {
    let (sides, signs) = sides(latex);
    if sides.len() < 2 || sides.iter().any(|side| side.trim().is_empty()) {
        return false;
    }
    let condition = sides.len() == 2
        && sides.iter().all(|side| single_token(side))
        && matches!(signs[0], "=" | "\\neq" | "\\ne" | "≠");
    // `i \in \{1, …, N\}`, `a \in \mathbb{R}^N`: where a name lives, declared.
    let declaration = sides.len() == 2 && matches!(signs[0], "\\in" | "∈") && {
        let (left, right) = (sides[0].trim(), sides[1].trim());
        left.chars().count() == 1 || right.starts_with("\\mathbb") || right.starts_with("\\mathcal")
    };
    !condition && !declaration
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implications_split_a_row_into_relations() {
        assert_eq!(joined_relations(r"a = b \Rightarrow c = d"), ["a = b ", " c = d"]);
        assert_eq!(
            joined_relations(r"a = b \iff \frac{c}{d \implies e} = 1"),
            ["a = b ", r" \frac{c}{d \implies e} = 1"]
        );
        assert_eq!(joined_relations(r"\Rightarrowx = 1"), [r"\Rightarrowx = 1"]);
        assert_eq!(joined_relations("a = b"), ["a = b"]);
    }

    #[test]
    fn relations_conditions_and_mentions() {
        for relation in [
            r"S_i = \frac{e^{a_i}}{Z}",
            r"0 < S_i \le 1",
            r"\sum_i S_i = 1",
            r"S_i \in ]0, 1]",
            r"p_i \neq 0 + 1",
            "x ≤ y + 1",
            r"\é = x + 1",
        ] {
            assert!(is_relation(relation), "{relation}");
        }
        for not in [
            "i = j",
            "k=1",
            "N = 3",
            "x_i",
            r"\mathbf z",
            r"\sum_{k=1}^N e^{a_k}",
            r"\left( x \right)",
            "i \\neq j",
            r"i \in \{1,\cdots,N\}",
            r"a \in \mathbb{R}^N",
        ] {
            assert!(!is_relation(not), "{not}");
        }
    }
}
