//! The derivation's structure, recognised from the text, not from line
//! numbers: every line of math that claims something about $\partial S_i/\partial a_j$
//! or a part of it, with its line, section and case.
//!
//! - **Sections** come from the headings.
//! - **The case** of a display comes from the prose just above it: a short
//!   paragraph or list item holding `$j = i$` / `$i = j$` (case $i = j$) or
//!   `$j \neq i$` / `$i \ne j$` (case $i \ne j$), in any language
//!   (« Lorsque $j = i$ », "when $i = j$").
//! - **What a line claims** comes from its left side: $D_jS_i$ (or the rule's
//!   generic $f'(x)$) claims $\partial S_i/\partial a_j$; $g_i$, $h_i$, $g'_i$,
//!   $h'_i$, $\delta_{ij}$, $S_i$ (or $f(x)$) claim that symbol; an `align*`
//!   row starting with `=` continues the row above.
//! - **Inline equations** in prose (`$g_i = e^{a_i}$`) are read too.
//!
//! Nothing is skipped silently: display math that does not parse, or parses
//! without claiming anything this tool reads, is listed in
//! [`Structure::unread`] with its line and the reason.

use super::{rows, Document, Item};
use crate::derivation::{Quantity, Scope};
use crate::expr::latex::parse_row;
use crate::expr::{Expr, Sym};
use serde::Serialize;

/// A line of the derivation found in the post.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    /// 1-based line in the post.
    pub line: usize,
    /// The line's LaTeX as the post writes it.
    pub latex: String,
    /// The heading it stands under.
    pub section: String,
    /// The entries it speaks about (from the case announced above it).
    pub scope: Scope,
    /// What its members claim to equal.
    #[serde(skip)]
    pub quantity: Quantity,
}

/// Math the tool could not read, or that claims nothing it checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unread {
    /// 1-based line in the post; `None` for something the post lacks.
    pub line: Option<usize>,
    /// The LaTeX.
    pub latex: String,
    /// Why it is not read.
    pub reason: String,
}

/// What was recognised.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Structure {
    /// The lines of the derivation, in order.
    pub found: Vec<Found>,
    /// Everything else, with the reason.
    pub unread: Vec<Unread>,
}

/// The case a short piece of prose announces, if it announces one.
fn announced_case(prose: &str) -> Option<Scope> {
    if prose.chars().count() > 80 {
        return None;
    }
    let inline: Vec<String> =
        prose.split('$').skip(1).step_by(2).map(|m| m.split_whitespace().collect::<String>()).collect();
    let [math] = inline.as_slice() else {
        return None;
    };
    match math.as_str() {
        "j=i" | "i=j" => Some(Scope::Diagonal),
        "j\\neqi" | "i\\neqj" | "j\\nei" | "i\\nej" => Some(Scope::OffDiagonal),
        _ => None,
    }
}

/// What a row's left side claims, if it is one the tool reads.
fn quantity_of(left: &Expr) -> Option<Quantity> {
    match left {
        Expr::Sym(Sym::DjSi) => Some(Quantity::Derivative),
        Expr::Sym(s @ (Sym::Gi | Sym::Hi | Sym::GPrime | Sym::HPrime | Sym::Delta | Sym::Si)) => Some(Quantity::Is(*s)),
        _ => None,
    }
}

/// Recognises the derivation in `doc`.
///
/// # Example
/// ```
/// use dsoftmax::article::{read, structure::recognise};
/// use dsoftmax::derivation::Scope;
/// let doc = read("## Dérivée\n\nQuand $i = j$ :\n\n$$D_jS_i = S_i(1 - S_i)$$\n");
/// let s = recognise(&doc);
/// assert_eq!((s.found[0].line, s.found[0].scope), (5, Scope::Diagonal));
/// ```
pub fn recognise(doc: &Document) -> Structure {
    let mut out = Structure::default();
    let mut section = String::new();
    let mut case: Option<Scope> = None;
    let mut in_prose_until = 0usize;
    for item in &doc.items {
        match item {
            Item::Heading { text, .. } => {
                section = text.replace('$', "");
                case = None;
            }
            Item::Prose { text, line } => {
                // Inline math of this prose belongs to it, not to a display.
                in_prose_until = *line + text.lines().count();
                if let Some(c) = announced_case(text) {
                    case = Some(c);
                }
            }
            Item::Math { latex, display: false, line } => {
                // An inline equation of a part: `$g_i = e^{a_i}$`.
                if let Ok(row) = parse_row(latex) {
                    if let Some(q) = row.members.first().and_then(quantity_of).filter(|_| row.members.len() > 1) {
                        let found = Found {
                            line: *line,
                            latex: latex.clone(),
                            section: section.clone(),
                            scope: Scope::All,
                            quantity: q,
                        };
                        out.found.push(found);
                    }
                }
            }
            Item::Math { latex, display: true, line } => {
                let scope = if *line <= in_prose_until { Scope::All } else { case.take().unwrap_or(Scope::All) };
                display(&mut out, latex, *line, &section, scope);
            }
            Item::Code { .. } => {}
        }
    }
    out
}

/// The rows of one display, each found or unread.
fn display(out: &mut Structure, latex: &str, line: usize, section: &str, scope: Scope) {
    let mut chain: Option<Quantity> = None;
    for row in rows(latex, line) {
        let unread = |reason: String| Unread { line: Some(row.line), latex: row.latex.clone(), reason };
        let parsed = match parse_row(&row.latex) {
            Ok(p) => p,
            Err(e) => {
                let what = e.message.lines().last().unwrap_or("").trim().trim_start_matches('^').trim().to_string();
                out.unread.push(unread(format!("not in the LaTeX subset the tool reads ({what})")));
                continue;
            }
        };
        let quantity = if parsed.continuation {
            chain
        } else {
            parsed.members.first().and_then(quantity_of).filter(|_| parsed.members.len() > 1)
        };
        match quantity {
            Some(q) => {
                chain = Some(q);
                let found = Found {
                    line: row.line,
                    latex: row.latex.clone(),
                    section: section.to_string(),
                    scope,
                    quantity: q,
                };
                out.found.push(found);
            }
            None if parsed.members.len() == 1 && !parsed.continuation => {
                out.unread.push(unread("an expression without '=': it claims nothing".into()))
            }
            None => out
                .unread
                .push(unread("its left side is not one the tool reads (D_jS_i, g_i, h_i, g'_i, h'_i, δ_ij)".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::read;

    #[test]
    fn cases_come_from_the_prose_above_and_rows_continue_their_chain() {
        let post = "# Dérivée de S\n\n- Lorsque $j = i$\n\n$$\n\\begin{align*}\nD_jS_i & = S_i - S_i^2\\\\\n& = S_i(1 - S_i)\n\\end{align*}\n$$\n\nWhen $i \\neq j$:\n\n$$D_jS_i = - S_j S_i$$\n";
        let s = recognise(&read(post));
        let seen: Vec<(usize, Scope, Quantity)> = s.found.iter().map(|f| (f.line, f.scope, f.quantity)).collect();
        assert_eq!(
            seen,
            vec![
                (7, Scope::Diagonal, Quantity::Derivative),
                (8, Scope::Diagonal, Quantity::Derivative),
                (14, Scope::OffDiagonal, Quantity::Derivative)
            ]
        );
        assert!(s.unread.is_empty(), "{:?}", s.unread);
    }

    #[test]
    fn inline_parts_are_read_and_unreadable_math_is_listed_with_its_line() {
        let post = "Soit $g_i = e^{a_i}$ et $h_i=\\sum_{k} e^{a_k}$.\n\n$$\\forall i, S_i \\in ]0,1]$$\n\n$$\\frac{\\partial S_i}{\\partial a_j}$$\n";
        let s = recognise(&read(post));
        assert_eq!(
            s.found.iter().map(|f| f.quantity).collect::<Vec<_>>(),
            vec![Quantity::Is(Sym::Gi), Quantity::Is(Sym::Hi)]
        );
        assert_eq!(s.unread.iter().map(|u| u.line).collect::<Vec<_>>(), vec![Some(3), Some(5)]);
        assert!(s.unread[1].reason.contains("claims nothing"));
    }
}
