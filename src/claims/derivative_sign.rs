//! A derivative written with its sign above the bar only:
//! `\frac{\partial p_i}{z_j}`, `\frac{\delta S(x_i)}{x_j}`. As written it is
//! the quotient of $\partial p_i$ (or $\delta S(x_i)$) by $z_j$, not the
//! derivative the row goes on to compute: a finding at its line, `refuted`,
//! with the fix (the sign below the bar too, `\frac{\partial p_i}{\partial z_j}`).
//!
//! Only a variable the post differentiates by elsewhere (`\partial x_j` or
//! `\delta x_j` written somewhere in it) is taken for the missing sign's: a
//! relative change `\frac{\delta u}{u}`, a Kronecker delta with an index
//! (`\delta_{ij}`, `\delta^i_j`, `\delta(i, j)`) or a power of the sign
//! (`\partial^2`) is left alone. The tool reads such a row as the
//! derivative it means ([`repaired`]), so that its steps are still decided —
//! each says so.

use super::{Finding, Fix, Kind};
use crate::article::{Document, Item};
use crate::verdict::Verdict;

/// The signs of a derivative that must stand above and below the bar.
const SIGNS: [&str; 2] = ["\\partial", "\\delta"];

/// `latex` with every `\frac{SIGN F}{v}` written `\frac{SIGN F}{SIGN v}` (`v` one name,
/// maybe with a subscript or in braces), and whether there was one.
pub(crate) fn repaired(latex: &str, differentiated: &[String]) -> (String, bool) {
    let mut out = String::with_capacity(latex.len() + 8);
    let mut rest = latex;
    let mut changed = false;
    while let Some(at) = rest.find("\\frac{") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match unpaired_at(from, differentiated) {
            Some((sign, numerator_end, denominator)) => {
                out.push_str(&from[..numerator_end]);
                out.push_str(&format!("{{{sign} {denominator}}}"));
                rest = &from[numerator_end + denominator.len() + 2..];
                changed = true;
            }
            None => {
                out.push_str("\\frac{");
                rest = &from["\\frac{".len()..];
            }
        }
    }
    out.push_str(rest);
    (out, changed)
}

/// At `\frac{…}{…}` (`text` starts there): when its numerator starts with a sign and its
/// denominator is one name without it, (the sign, where the numerator's group ends, the denominator).
fn unpaired_at<'a>(text: &'a str, differentiated: &[String]) -> Option<(&'static str, usize, &'a str)> {
    let body = &text["\\frac{".len()..];
    let sign = SIGNS.iter().find(|s| body.trim_start().starts_with(**s))?;
    let after = &body.trim_start()[sign.len()..];
    let after_sign = after.chars().next()?;
    // `\delta_{ij}`, `\delta _{ij}`, `\delta^i_j`, `\delta(i, j)` are Kronecker's, `\partial^2` a
    // power, `\partial}` an operator alone, `\deltax` another command.
    let next = after.trim_start().chars().next()?;
    if after_sign.is_ascii_alphabetic() || matches!(next, '_' | '^' | '(' | '}') {
        return None;
    }
    let numerator_end = "\\frac{".len() + crate::article::closing_brace(body)? + 1;
    let tail = &text[numerator_end..];
    let denominator_len = crate::article::closing_brace(tail.strip_prefix('{')?)?;
    let denominator = &tail[1..1 + denominator_len];
    let numerator = body.trim_start()[sign.len()..crate::article::closing_brace(body.trim_start())?].trim();
    let known = differentiated.contains(&normal(denominator));
    (one_name(denominator) && known && normal(numerator) != normal(denominator)).then_some((
        sign,
        numerator_end,
        denominator,
    ))
}

/// A name without spaces or the braces of its subscript (`x_{j}` is `x_j`).
fn normal(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace() && *c != '{' && *c != '}').collect()
}

/// The variables `doc` differentiates by somewhere: each name written after `\partial` or
/// `\delta` (`\partial z_j`, `\delta x_{j}`), as [`normal`] writes it.
pub(crate) fn differentiated(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in &doc.items {
        let Item::Math { latex, .. } = item else { continue };
        for sign in SIGNS {
            for (at, _) in latex.match_indices(sign) {
                let rest = latex[at + sign.len()..].trim_start();
                if rest.starts_with(['_', '^', '(', '}']) {
                    continue;
                }
                let end = name_end(rest);
                let name = normal(&rest[..end]);
                if end > 0 && one_name(&rest[..end]) && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Where the name at the start of `text` ends: a letter (or `\mathbf{…}`, a Greek letter)
/// and its subscript, one character or braced.
fn name_end(text: &str) -> usize {
    let b = text.as_bytes();
    let mut k = if let Some(command) = text.strip_prefix('\\') {
        1 + command.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(command.len())
    } else if b.first().is_some_and(u8::is_ascii_alphabetic) {
        1
    } else {
        return 0;
    };
    if text[k..].starts_with('{') {
        k += text[k + 1..].find('}').map_or(0, |e| e + 2);
    }
    if text[k..].starts_with('_') {
        k += 1;
        if text[k..].starts_with('{') {
            k += text[k + 1..].find('}').map_or(0, |e| e + 2);
        } else if k < text.len() {
            k += text[k..].chars().next().map_or(0, char::len_utf8);
        }
    }
    k.min(text.len())
}

/// Whether `text` is one name: a letter (or a Greek letter) with maybe a subscript.
fn one_name(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix("\\mathbf{").and_then(|r| r.strip_suffix('}')).unwrap_or(t);
    let (base, sub) = match t.split_once('_') {
        Some((b, s)) => (b, Some(s)),
        None => (t, None),
    };
    let base_ok = base.len() == 1 && base.chars().all(|c| c.is_ascii_alphabetic())
        || base.starts_with('\\') && base[1..].chars().all(|c| c.is_ascii_alphabetic()) && base.len() > 2;
    let sub_ok = sub.is_none_or(|s| {
        let s = s.trim_start_matches('{').trim_end_matches('}');
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == ',')
    });
    base_ok && sub_ok && !SIGNS.contains(&base)
}

/// The findings of `doc`: one per line that writes such a derivative, with the fix.
pub(crate) fn find(markdown: &str, doc: &Document) -> Vec<Finding> {
    let lines: Vec<&str> = markdown.lines().collect();
    let known = differentiated(doc);
    let mut out: Vec<Finding> = Vec::new();
    for item in &doc.items {
        let Item::Math { latex, line, .. } = item else { continue };
        for (offset, row) in latex.lines().enumerate() {
            let n = line + offset;
            let (fixed, changed) = repaired(row, &known);
            if !changed || out.iter().any(|f| f.line == n) {
                continue;
            }
            let Some(written) = lines.get(n - 1) else { continue };
            // Only the row is edited: the rest of the line (a code span, other math) stays.
            let new_line = written.find(row.trim()).map(|at| {
                let (before, after) = written.split_at(at);
                format!("{before}{}{}", fixed.trim(), &after[row.trim().len()..])
            });
            let new_line = new_line.unwrap_or_else(|| written.to_string());
            let (en, fr) = (
                format!(
                    "the derivative's sign is above the bar only: as written, `{}` is a quotient by the variable, \
                     not the derivative (write the sign below the bar too: `{}`)",
                    row.trim(),
                    fixed.trim()
                ),
                format!(
                    "le signe de la dérivée n'est qu'au-dessus de la barre : telle qu'écrite, `{}` est un quotient \
                     par la variable, pas la dérivée (écrire le signe sous la barre aussi : `{}`)",
                    row.trim(),
                    fixed.trim()
                ),
            );
            let mut f = Finding::new(Kind::DerivativeSign, n, row, Verdict::Refuted, en).fr(fr);
            f.correction = Some(fixed.trim().to_string());
            if new_line != *written {
                f.fix = Some(Fix { line: n, old: written.to_string(), new: new_line });
            }
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_is_put_below_the_bar_and_nothing_else_moves() {
        let known: Vec<String> = ["x_j", "x_1", "x"].map(String::from).to_vec();
        let repaired = |t: &str| repaired(t, &known);
        assert_eq!(repaired(r"\frac{\delta S(x_i)}{x_j} = 1").0, r"\frac{\delta S(x_i)}{\delta x_j} = 1");
        assert_eq!(repaired(r"\frac{\partial g_1(x_1)}{x_1}").0, r"\frac{\partial g_1(x_1)}{\partial x_1}");
        // Controls: a derivative written whole, a Kronecker delta, a fraction, an operator.
        for kept in [
            r"\frac{\partial p_i}{\partial z_j}",
            r"\frac{\delta_{ij} S_i}{x_j}",
            r"\frac{a}{x_j}",
            r"\frac{\partial}{x}",
            r"\frac{\partial p}{x + 1}",
            r"\frac{\delta x}{x}",
            r"\frac{\delta^{(2)}}{x}",
            r"\frac{\delta _{ij} S_i}{x_j}",
            r"\frac{\delta(x)}{x}",
            r"\frac{\partial^2 S_i}{x_j}",
            r"\frac{\partial S_i}{a_j}",
        ] {
            assert_eq!(repaired(kept), (kept.to_string(), false), "{kept}");
        }
    }
}
