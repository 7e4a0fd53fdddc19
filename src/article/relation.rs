//! What counts as a relation in a post's math: two expressions joined by
//! `=`, `<`, `>`, `\le`, `\ge`, `\in`, `\ne`, `\approx` … at the top level
//! (outside braces), with at least one side more than a single name or
//! number. `$i = j$`, `$k = 1$`, `$N = 3$` state a condition or a value;
//! `$x_i$` and `$\mathbf z$` mention something: neither is a relation the
//! post asks a reader to check.

use crate::decide::Rel;

/// The relation signs, as written in LaTeX or in Unicode.
const SIGNS: [&str; 26] = [
    "\\leqslant",
    "\\geqslant",
    "\\leq",
    "\\geq",
    "\\le",
    "\\ge",
    "\\lt",
    "\\gt",
    "\\neq",
    "\\ne",
    "\\in",
    "\\approx",
    "\\equiv",
    "\\propto",
    "\\simeq",
    "\\sim",
    "\\notin",
    "\\to",
    "≤",
    "≥",
    "≠",
    "∈",
    "≈",
    "=",
    "<",
    ">",
];

/// A comparison sign as the engine decides it.
fn comparison(sign: &str) -> Option<Rel> {
    Some(match sign {
        "<" | "\\lt" => Rel::Lt,
        ">" | "\\gt" => Rel::Gt,
        "\\le" | "\\leq" | "\\leqslant" | "≤" => Rel::Le,
        "\\ge" | "\\geq" | "\\geqslant" | "≥" => Rel::Ge,
        "\\ne" | "\\neq" | "≠" => Rel::Ne,
        _ => return None,
    })
}

/// An interval `]0,1]`, `[0, 1)`, `(0,1)`, `\left]0, 1\right]`: (lower
/// bound, its relation to the member, upper bound, the member's relation to it).
fn interval(text: &str) -> Option<(String, Rel, String, Rel)> {
    let t: String = text.replace("\\left", "").replace("\\right", "").replace("\\lbrack", "[").replace("\\rbrack", "]");
    let t = t.trim();
    let open = t.chars().next()?;
    let close = t.chars().last()?;
    let inner = &t[open.len_utf8()..t.len() - close.len_utf8()];
    let (lo, hi) = inner.split_once([',', ';'])?;
    let lower = match open {
        '[' => Rel::Le,
        ']' | '(' => Rel::Lt,
        _ => return None,
    };
    let upper = match close {
        ']' => Rel::Le,
        '[' | ')' => Rel::Lt,
        _ => return None,
    };
    (!lo.trim().is_empty() && !hi.trim().is_empty())
        .then(|| (lo.trim().to_string(), lower, hi.trim().to_string(), upper))
}

/// A chain of comparisons `0 < S_i \le 1`, `S_i \in ]0,1]`, `p_i \neq 0`:
/// its sides and the relation between each side and the next. `None` for a
/// row with `=` or another sign, or a `\in` that is not an interval.
pub fn comparison_chain(latex: &str) -> Option<(Vec<String>, Vec<Rel>)> {
    if joined_relations(latex).len() > 1 {
        return None;
    }
    let (sides, signs) = sides(latex);
    if signs.is_empty() || sides.iter().any(|s| s.trim().is_empty()) {
        return None;
    }
    if let (["\\in" | "∈"], [member, set]) = (signs.as_slice(), sides.as_slice()) {
        let (lo, lower, hi, upper) = interval(set)?;
        return Some((vec![lo, member.trim().to_string(), hi], vec![lower, upper]));
    }
    let rels: Option<Vec<Rel>> = signs.iter().map(|s| comparison(s)).collect();
    Some((sides.iter().map(|s| s.trim().to_string()).collect(), rels?))
}

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

/// A relation that ends with the set its value lives in (`p_i = \\frac{…}{…}
/// \\in \\mathbb{R}^{+}`): the relation before it, and the set. The set is a
/// declaration; "positive" sets (`\\mathbb{R}^{+}`, `\\mathbb{R}_{+}`,
/// `\\mathbb{R}_{>0}`, `\\mathbb{R}^{*}_{+}`) are claims of positivity the
/// reader decides as `> 0`.
pub fn split_membership(latex: &str) -> Option<(&str, &str)> {
    let (pieces, signs) = sides(latex);
    if pieces.len() < 3 || !matches!(signs.last(), Some(&"\\in" | &"∈")) {
        return None;
    }
    let set = pieces.last()?.trim();
    if !set.starts_with("\\mathbb") {
        return None;
    }
    let cut = latex.len() - pieces.last()?.len();
    let before = latex[..cut].trim_end();
    let before = before.strip_suffix("\\in").or_else(|| before.strip_suffix('∈'))?;
    Some((before.trim_end(), set))
}

/// The members of a chain of equalities: `latex` split at its top-level `=` (a row
/// `= X` that continues another has an empty first member).
pub fn members(latex: &str) -> Vec<&str> {
    split_top_level(latex, &["="]).0
}

/// The last side of a relation (after its last top-level sign), trimmed.
pub fn last_side(latex: &str) -> &str {
    sides(latex).0.last().map_or(latex, |s| s.trim())
}

/// Whether a set is the positive reals, however written.
pub fn positive_reals(set: &str) -> bool {
    let t: String = set.split_whitespace().collect::<String>().replace(['{', '}'], "");
    t.starts_with("\\mathbbR") && (t.ends_with('+') || t.contains(">0") || t.contains("+^*") || t.contains("*_+"))
}

/// A row that starts with a quantifier (`\forall i,`, `\forall (i,j) \in \{1,\cdots,N\}^2`,
/// `∀ i :`): the quantifier and what it quantifies (empty when the row is
/// only a quantifier). The quantifier says for which indices the relation
/// after it is claimed; the engine decides relations for every index anyway.
pub fn split_quantifier(latex: &str) -> Option<(&str, &str)> {
    let t = latex.trim_start().trim_start_matches('&').trim_start();
    let body = t.strip_prefix("\\forall").or_else(|| t.strip_prefix('∀'))?;
    let mut depth = 0i32;
    let mut chars = body.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        match c {
            '\\' => {
                let rest = &body[k + 1..];
                if rest.starts_with('{') {
                    depth += 1;
                } else if rest.starts_with('}') {
                    depth -= 1;
                } else if depth == 0 && (rest.starts_with("quad") || rest.starts_with("qquad")) {
                    let skip = if rest.starts_with("quad") { 5 } else { 6 };
                    return Some((&t[..t.len() - body.len() + k], &body[k + skip..]));
                }
                chars.next();
            }
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ',' | ':' if depth == 0 => {
                return Some((&t[..t.len() - body.len() + k], &body[k + 1..]));
            }
            _ => {}
        }
    }
    Some((t, ""))
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
    // `N \ge 2`, `K > 1`, `k \le N`: a bound on an index or a size, assumed, not claimed.
    let assumption = sides.len() >= 2 && sides.iter().all(|side| plain(side)) && comparison(signs[0]).is_some();
    // `i \in \{1, …, N\}`, `a \in \mathbb{R}^N`: where a name lives, declared.
    let declaration = sides.len() == 2 && matches!(signs[0], "\\in" | "∈") && {
        let (left, right) = (sides[0].trim(), sides[1].trim());
        left.chars().count() == 1 || right.starts_with("\\mathbb") || right.starts_with("\\mathcal")
    };
    // `S\colon \mathbb{R}^N \to \mathbb{R}^N`, `a \mapsto S(a)`: a function declared, not a relation.
    let mapping = ["\\mapsto", "\\colon", "↦"].iter().any(|m| latex.contains(m));
    !condition && !declaration && !assumption && !mapping
}

/// Whether a side is one letter without subscript or a number: `N`, `k`, `2`.
fn plain(side: &str) -> bool {
    let t = side.trim();
    t.parse::<f64>().is_ok() || (t.chars().count() == 1 && t.chars().all(|c| c.is_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_and_intervals_become_chains() {
        let (sides, rels) = comparison_chain(r"0 < S_i \le 1").unwrap();
        assert_eq!((sides, rels), (vec!["0".to_string(), "S_i".into(), "1".into()], vec![Rel::Lt, Rel::Le]));
        let (sides, rels) = comparison_chain(r"S_i \in ]0,1]").unwrap();
        assert_eq!((sides, rels), (vec!["0".to_string(), "S_i".into(), "1".into()], vec![Rel::Lt, Rel::Le]));
        assert_eq!(comparison_chain(r"p_i \in (0, 1)").unwrap().1, vec![Rel::Lt, Rel::Lt]);
        assert!(comparison_chain(r"S_i = 1").is_none());
        assert!(comparison_chain(r"a \in \mathbb{R}^N").is_none());
        assert!(comparison_chain(r"0 < S_i = 1").is_none());
    }

    #[test]
    fn a_trailing_set_is_split_from_the_relation() {
        let (before, set) =
            split_membership(r"\sigma_q = \frac{\exp(z_q)}{\sum_k \exp(z_k)} \in \mathbb{R}^{+}").unwrap();
        assert_eq!(before, r"\sigma_q = \frac{\exp(z_q)}{\sum_k \exp(z_k)}");
        assert!(positive_reals(set));
        assert!(!positive_reals(r"\mathbb{R}^{N}"));
        assert!(split_membership(r"a \in \mathbb{R}^N").is_none(), "a declaration alone");
    }

    #[test]
    fn quantifiers_are_split_from_what_they_quantify() {
        assert_eq!(split_quantifier(r"\forall i, S_i \in ]0,1]").map(|q| q.1.trim()), Some(r"S_i \in ]0,1]"));
        assert_eq!(split_quantifier(r"\forall (i,j) \in \{1,\cdots,N\}^2").map(|q| q.1), Some(""));
        assert_eq!(split_quantifier(r"\forall i \in \{1,\cdots,N\}").map(|q| q.1), Some(""));
        assert_eq!(split_quantifier(r"\forall i \quad S_i > 0").map(|q| q.1.trim()), Some(r"S_i > 0"));
        assert_eq!(split_quantifier(r"S_i > 0"), None);
    }

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
