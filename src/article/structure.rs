//! The derivation's structure, recognised from the text, not from line
//! numbers: every line of math that claims something about $\partial S_i/\partial a_j$
//! or a part of it, with its line, section and case.
//!
//! - **Sections** come from the headings.
//! - **The case** of a display comes from the prose just above it: a short
//!   paragraph or list item holding `$j = i$` / `$i = j$` (case $i = j$) or
//!   `$j \neq i$` / `$i \ne j$` (case $i \ne j$), in any language
//!   (« Lorsque $j = i$ », "when $i = j$"). Words that exclude the
//!   condition announce its complement (« Sauf si $i = j$ », "unless
//!   $i = j$", "except when $i = j$" announce $i \ne j$); a short « Sinon : »
//!   or "Otherwise:" announces the complement of the case announced before it
//!   in the section. A negation the tool does not read ("when $i = j$ does
//!   not hold") announces no case: the display is then checked for every
//!   entry, never for a case guessed.
//! - **What a line claims** comes from its left side: $D_jS_i$ (or the rule's
//!   generic $f'(x)$) claims $\partial S_i/\partial a_j$; $g_i$, $h_i$, $g'_i$,
//!   $h'_i$, $\delta_{ij}$, $S_i$ (or $f(x)$) claim that symbol; an `align*`
//!   row starting with `=` continues the row above.
//! - **Inline equations** in prose (`$g_i = e^{a_i}$`) are read too.
//!
//! Nothing is skipped silently: display math that does not parse, or parses
//! without claiming anything this tool reads, is listed in
//! [`Structure::unread`] with its line and the reason.

use super::cues::Letters;
use super::{rows, Document, Item};
use crate::derivation::{Quantity, Scope};
use crate::expr::cue::{cue, Cue};
use crate::expr::notation::{Notation, Roles};
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
    /// The post's letters for the output's index and the logit's, as this
    /// line reads them (`('q', 'r')` for $\partial \sigma_q/\partial z_r$): its case is
    /// shown in them.
    #[serde(skip)]
    pub roles: (char, char),
    /// What its members claim to equal.
    #[serde(skip)]
    pub quantity: Quantity,
    /// Whether it continues the line found before it (a row starting with
    /// `=`, in the same display or the next one): it is then decided
    /// against that line as well as against the quantity.
    #[serde(skip)]
    pub continues: bool,
    /// The line in the article's notation, as it is decided (the post's names read by [`Notation`]).
    #[serde(skip)]
    pub reading: String,
    /// For a chain of comparisons: its sides, read, and the relation between each side and the next.
    #[serde(skip)]
    pub comparison: Option<(Vec<Expr>, Vec<crate::decide::Rel>)>,
    /// For a row that continues a row whose left side the tool does not read
    /// (`\text{LogSoftmax}(x_i) = \ln(…)`, then `= \ln(…) - \ln(…)`): the value
    /// that row gives, which this one is decided against.
    #[serde(skip)]
    pub start: Option<Expr>,
    /// For a row decided against the last row read of its chain because a row
    /// between them was not read: that row's line (a difference then cannot
    /// be blamed on this row).
    #[serde(skip)]
    pub gap: Option<usize>,
    /// For a relation between real numbers in the post's own letters, read
    /// with the definitions above it (module `scalar`): its members. It is
    /// decided by [`crate::scalar`], not by the engine of $\partial S_i/\partial a_j$.
    #[serde(skip)]
    pub(crate) scalar: Option<crate::scalar::Row>,
    /// Read with a derivative's sign put below the bar, where the post writes it above only
    /// (`\frac{\delta S(x_i)}{x_j}`; its `derivative-sign` finding says so).
    #[serde(skip)]
    pub(crate) repaired: bool,
}

/// What a chain carries past rows that are not lines of the derivation.
#[derive(Default)]
struct Carried {
    /// The value of a row whose left side is not read, for the row that continues it.
    start: Option<Expr>,
    /// The first row of the chain not read since the last row read.
    gap: Option<usize>,
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
    /// The names the post's rows of real numbers define, so far (module `scalar`).
    #[serde(skip)]
    scalar: crate::scalar::Context,
    /// The row of a display before the one being read (a row `= …` continues it).
    #[serde(skip)]
    previous: Option<String>,
    /// The variables the post differentiates by (`x_j` of `\partial x_j`), for a derivative
    /// written with its sign above the bar only (module `claims::derivative_sign`).
    #[serde(skip)]
    differentiated: Vec<String>,
}

/// Whether the inline math `latex` renders as one expression with another
/// span beside it (`$ln$ $e^x=x$` reads « ln e^x = x »): in the paragraph that
/// holds it (the reader lists a paragraph's math before the paragraph), only
/// spaces separate it from another `$…$`.
fn glued(after: &[Item], latex: &str) -> bool {
    let Some(text) = after.iter().find_map(|item| match item {
        Item::Prose { text, .. } => Some(text),
        _ => None,
    }) else {
        return false;
    };
    // kramdown's inline `$$…$$` first: its `$` are no neighbours.
    for span in [format!("$${latex}$$"), format!("${latex}$")] {
        let mut found = false;
        for (at, _) in text.match_indices(&span) {
            found = true;
            let before = text[..at].trim_end();
            let after = text[at + span.len()..].trim_start();
            if before.ends_with('$') || after.starts_with('$') {
                return true;
            }
        }
        if found {
            return false;
        }
    }
    false
}

/// A row the post's notation does not read, read among real numbers in the
/// post's own letters (module `scalar`): a definition (listed as claiming
/// nothing) or a relation (found, decided by `scalar`). `false` when it is
/// neither, or when it writes the post's own names of the family, which only
/// the notation reads.
fn scalar_row(
    out: &mut Structure,
    notation: &Notation,
    latex: &str,
    line: usize,
    section: &str,
    continues: Option<&str>,
) -> Result<(), String> {
    let whole = match continues {
        Some(last) => format!("{last} {}", latex.trim_start().trim_start_matches('&')),
        None => latex.to_string(),
    };
    if notation.names_its_own(&whole) {
        if continues.is_none() {
            out.scalar.not_read(latex, line);
        }
        return Err(String::new());
    }
    let read = match continues {
        Some(_) => out.scalar.read_continuation(&whole),
        None => out.scalar.read(latex, line),
    };
    match read {
        Ok(crate::scalar::read::Reading::Defines(names)) => {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let reason = format!("defines {}, for the rows that use it: it claims nothing", names.join(", "));
            out.unread.push(Unread { line: Some(line), latex: latex.trim().to_string(), reason });
            Ok(())
        }
        Ok(crate::scalar::read::Reading::Restates(name, at)) => {
            let reason = format!("restates the definition of `{name}` (line {at}): it claims nothing");
            out.unread.push(Unread { line: Some(line), latex: latex.trim().to_string(), reason });
            Ok(())
        }
        Ok(crate::scalar::read::Reading::Claims(row)) => {
            out.found.push(Found {
                line,
                latex: latex.trim().to_string(),
                section: section.to_string(),
                scope: Scope::All,
                roles: ('i', 'j'),
                quantity: Quantity::Identity,
                continues: false,
                reading: latex.to_string(),
                comparison: None,
                start: None,
                gap: None,
                scalar: Some(row),
                repaired: false,
            });
            Ok(())
        }
        Err(why) => Err(why),
    }
}

/// Whether `latex` writes a number with decimals (`7.389`): judged at printed precision
/// among real numbers (module `scalar`).
fn writes_decimals(latex: &str) -> bool {
    let b = latex.as_bytes();
    (1..b.len().saturating_sub(1)).any(|k| b[k] == b'.' && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit())
}

/// The last member of a row (after its last top-level `=`), if it has one.
fn last_member(row: &str) -> Option<&str> {
    let members = super::relation::members(row);
    let last = members.last().filter(|_| members.len() > 1)?.trim().trim_end_matches("\\\\").trim();
    (!last.is_empty()).then_some(last)
}

/// The reason a row is not read, with why it is not read among real numbers when that was tried.
fn with_scalar(reason: String, scalar: &str) -> String {
    if scalar.is_empty() {
        reason
    } else {
        format!("{reason}; among real numbers: {scalar}")
    }
}

/// What a short piece of prose says about the case of the display below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Announcement {
    /// It announces this case, stated on these two letters.
    Case(Cued),
    /// It speaks of a case in words the tool does not read for sure: no case.
    Unsure,
    /// It says nothing about a case: the case announced before still holds.
    Silent,
}

/// A case as the post states it: the scope, and the two index letters its
/// condition relates (`$t = i$` in a post whose output is $p_t$). It applies
/// to a relation only when those are the relation's own two indices.
type Cued = (Scope, Letters);

/// The case a piece of prose math states, if it is one (`i = j`, `j \neq i`, `t = i`, …).
fn case_of(math: &str) -> Option<Cued> {
    super::cues::condition(math)
}

/// The other case, on the same letters.
fn complement((scope, letters): Cued) -> Option<Cued> {
    match scope {
        Scope::Diagonal => Some((Scope::OffDiagonal, letters)),
        Scope::OffDiagonal => Some((Scope::Diagonal, letters)),
        Scope::All => None,
    }
}

/// Whether two stated cases are the same case (letters in either order).
fn same_case(a: Cued, b: Cued) -> bool {
    a.0 == b.0 && super::cues::same_letters(a.1, b.1)
}

/// The case a reading's left side states itself: a diagonal entry
/// (∂p_j/∂z_j, ∂σ_q/∂z_{r=q}), or the other case in its subscript (∂σ_q/∂z_{r≠q}).
fn own_case(reading: &crate::expr::notation::Reading) -> Option<Scope> {
    if reading.diagonal {
        Some(Scope::Diagonal)
    } else if reading.off_diagonal {
        Some(Scope::OffDiagonal)
    } else {
        None
    }
}

/// The case the cases stated around a relation give it, nearest first: the
/// first stated on the relation's own index letters (`roles`), if any.
fn stated_for(cues: &[Cued], roles: (char, char)) -> Option<Scope> {
    cues.iter().find(|(_, letters)| super::cues::same_letters(*letters, roles)).map(|(s, _)| *s)
}

/// Whether a paragraph is a case's title — « Case 1 : $i \neq j$ », « Cas 2 : $i = j$ »,
/// "Second case: $i = j$" — a line of a few words around the word case and one
/// condition: it announces the case for what follows, as a heading does.
fn is_case_title(prose: &str) -> bool {
    let words: String = prose.replace("$$", "$").split('$').step_by(2).collect::<Vec<_>>().join(" ");
    let words: Vec<String> =
        words.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    prose.trim().lines().count() == 1 && words.len() <= 4 && words.iter().any(|w| w == "case" || w == "cas")
}

/// The most words a « Sinon : » without math may have to announce the other case.
const OTHERWISE_WORDS: usize = 4;

/// The case a short piece of prose announces, given the case `before` it announced in the section.
fn announced_case(prose: &str, before: Option<Cued>) -> Announcement {
    // kramdown's inline `$$…$$` is inline math like `$…$`.
    let prose = prose.replace("$$", "$");
    let pieces: Vec<&str> = prose.split('$').collect();
    // Equations in the paragraph (a display that follows the cue without a
    // blank line, `$D_jS_i = …$`) are what the cue is about, not cues.
    let math: Vec<&str> =
        pieces.iter().skip(1).step_by(2).copied().filter(|m| case_of(m).is_some() || !m.contains('=')).collect();
    let words: String = pieces.iter().step_by(2).copied().collect::<Vec<_>>().join(" ");
    let cue = cue(&words);
    let cases: Vec<Option<Cued>> = math.iter().map(|m| case_of(m)).collect();
    let cases: Vec<Option<Cued>> = if cases.iter().filter(|c| c.is_some()).count() == 1 {
        // One condition among mentions (`$S_i$`, `$x$`): the mentions do not blur it.
        cases.into_iter().filter(Option::is_some).collect()
    } else {
        cases
    };
    if words.chars().count() > 80 {
        // A long paragraph announces nothing; but one that excludes or negates a case
        // ("… sauf si $i = j$ …") ends the case announced before it.
        let negates = cue != Cue::Plain && cases.iter().any(Option::is_some);
        return if negates { Announcement::Unsure } else { Announcement::Silent };
    }
    match (cases.as_slice(), cue) {
        ([Some(c)], Cue::Plain) => Announcement::Case(*c),
        ([Some(c)], Cue::Negated) => complement(*c).map_or(Announcement::Unsure, Announcement::Case),
        // « Sinon, lorsque $i \neq j$ » after « Lorsque $i = j$ »: the same case said twice.
        ([Some(c)], Cue::Otherwise) if before.and_then(complement).is_some_and(|b| same_case(b, *c)) => {
            Announcement::Case(*c)
        }
        ([], Cue::Otherwise) if words.split_whitespace().count() <= OTHERWISE_WORDS => {
            before.and_then(complement).map_or(Announcement::Unsure, Announcement::Case)
        }
        (cases, Cue::Plain) if cases.iter().all(Option::is_none) || cases.len() > 1 => Announcement::Silent,
        (cases, _) if cases.iter().any(Option::is_some) => Announcement::Unsure,
        _ => Announcement::Silent,
    }
}

/// What the paragraph that holds a display (a cue line followed by `$$…$$`
/// without a blank line) announces before it: the reader lists a
/// paragraph's math before the paragraph, so it is looked for among the
/// items that follow. `None` when the display stands alone.
fn enclosing_cue(after: &[Item], line: usize, before: Option<Cued>) -> Option<Announcement> {
    let (text, start) = after.iter().find_map(|item| match item {
        Item::Math { .. } => None,
        Item::Prose { text, line: start } => Some((text, *start)),
        _ => Some((&EMPTY, usize::MAX)),
    })?;
    let lines_before = line.checked_sub(start).filter(|&n| n > 0 && n <= text.lines().count())?;
    let above: Vec<&str> = text.lines().take(lines_before).collect();
    Some(announced_case(&above.join("\n"), before))
}

/// No text (for [`enclosing_cue`]).
static EMPTY: String = String::new();

/// A row `X = A …` whose left side `X` the tool does not read but whose
/// right side it does: the right side as written (without `&`) and read.
fn unread_left(notation: &Notation, latex: &str) -> Option<(String, crate::expr::notation::Reading)> {
    if starts_with_equals(latex) {
        return None;
    }
    let cut = top_level_equals(latex)?;
    let rest = latex[cut + 1..].trim().trim_start_matches('&').trim();
    if rest.is_empty() {
        return None;
    }
    let reading = notation.read(rest, None).ok()?;
    (!reading.row.continuation && !reading.row.members.is_empty()).then(|| (rest.to_string(), reading))
}

/// A row `X = A …` whose left side `X` the tool reads but whose right side
/// it does not: `X` read alone (a derivative of the post's output, an
/// expression), for the rows below that continue it.
fn unread_right(notation: &Notation, latex: &str) -> Option<crate::expr::notation::Reading> {
    if starts_with_equals(latex) {
        return None;
    }
    let cut = top_level_equals(latex)?;
    let left = latex[..cut].trim().trim_end_matches('&').trim();
    if left.is_empty() || latex[cut + 1..].trim().trim_start_matches('&').trim().is_empty() {
        return None;
    }
    let reading = notation.read(without_braces(left), None).ok()?;
    let derivative = reading.latex.contains("\\partial") || reading.latex.contains("D_jS_i");
    (derivative && !reading.row.continuation && reading.row.members.len() == 1).then_some(reading)
}

/// `text` without the braces that enclose all of it (`{\frac{∂p_i}{∂z_j}}`), if any.
fn without_braces(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) else {
        return text;
    };
    let mut depth = 0i32;
    for (k, c) in inner.char_indices() {
        match c {
            '{' if !inner[..k].ends_with('\\') => depth += 1,
            '}' if !inner[..k].ends_with('\\') => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return text;
        }
    }
    if depth == 0 {
        inner
    } else {
        text
    }
}

/// The byte offset of the first `=` outside braces and environments.
fn top_level_equals(row: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = row.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '\\' if row[k..].starts_with("\\begin{") => depth += 1,
            '\\' if row[k..].starts_with("\\end{") => depth = depth.saturating_sub(1),
            '\\' => {
                chars.next();
            }
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '=' if depth == 0 => return Some(k),
            _ => {}
        }
    }
    None
}

/// Whether a display's first row starts with `=` (after `&`, spaces and an
/// opening environment): it continues the relation above it.
fn starts_with_equals(latex: &str) -> bool {
    let mut rest = latex.trim_start();
    while let Some(r) = rest.strip_prefix("\\begin{") {
        rest = r.split_once('}').map_or("", |(_, after)| after).trim_start();
    }
    rest.trim_start_matches(|c: char| c == '&' || c.is_whitespace()).starts_with('=')
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
    let mut case: Option<Cued> = None;
    // The last case announced in the section, for a « Sinon : » that follows it.
    let mut before: Option<Cued> = None;
    // A case the section's heading announces (« ### When $j = i$ »): it holds
    // for every display of the section that no closer cue overrides.
    let mut section_case: Option<Cued> = None;
    // The case a paragraph announces for a display inside it (a cue line
    // followed by `$$…$$` without a blank line).
    // The relation a row starting with `=` continues, across displays, and its case.
    let mut chain: Option<(Quantity, Scope, Roles)> = None;
    let mut carried = Carried::default();
    let mut in_prose_until = 0usize;
    let notation = super::notation(doc);
    out.differentiated = crate::claims::derivative_sign::differentiated(doc);
    // A function of one number the post defines once, by its variable alone (`\sigma(s) = 1/(1 + e^{-s})`),
    // holds in the whole post, above its definition too.
    for item in &doc.items {
        if let Item::Math { latex, line, .. } = item {
            for row in joined_rows(latex, *line) {
                out.scalar.learn_function(&row.latex, row.line);
            }
        }
    }
    out.scalar.keep_functions_defined_once();
    for (k, item) in doc.items.iter().enumerate() {
        match item {
            Item::Heading { text, .. } => {
                section = text.replace('$', "");
                section_case = match announced_case(text, None) {
                    Announcement::Case(c) => Some(c),
                    _ => None,
                };
                (case, before, chain) = (None, section_case, None);
                out.previous = None;
            }
            Item::Prose { text, line } => {
                // Inline math of this prose belongs to it, not to a display.
                in_prose_until = *line + text.lines().count();
                match announced_case(text, before) {
                    // « Case 1 : $i \neq j$ » on a line of its own titles what follows, like a heading.
                    Announcement::Case(c) if is_case_title(text) => {
                        (case, before, section_case) = (Some(c), Some(c), Some(c))
                    }
                    Announcement::Case(c) => (case, before) = (Some(c), Some(c)),
                    Announcement::Unsure => (case, before, section_case) = (None, None, None),
                    Announcement::Silent => {}
                }
            }
            Item::Math { latex, display: false, line } => {
                let latex = &match super::relation::split_quantifier(latex) {
                    Some((_, rest)) => rest.trim().to_string(),
                    None => latex.clone(),
                };
                if let Some(chain_of) = super::relation::comparison_chain(latex) {
                    if super::relation::is_relation(latex) {
                        match comparison(&notation, latex, *line, &section, &[], chain_of) {
                            Ok(found) => out.found.push(found),
                            Err(reason) => out.unread.push(Unread { line: Some(*line), latex: latex.clone(), reason }),
                        }
                    }
                    continue;
                }
                // A logarithm of unstated base or decimals, outside the post's own names: read among
                // real numbers first (tried once: such a row takes note of the names it defines).
                let relation = super::relation::is_relation(latex);
                let alone = !glued(&doc.items[k + 1..], latex);
                let scalar_first = (latex.contains("log") || writes_decimals(latex)) && !notation.names_its_own(latex);
                let tried = (scalar_first && relation && alone)
                    .then(|| scalar_row(&mut out, &notation, latex, *line, &section, None));
                if matches!(tried, Some(Ok(()))) {
                    continue;
                }
                // An inline equation of a part: `$g_i = e^{a_i}$`.
                match notation.read(latex, None) {
                    Ok(reading) => {
                        let row = &reading.row;
                        // (`$N = 1$`, `$i = j$` state a value or a condition: no identity.)
                        let identity = super::relation::is_relation(latex).then_some(Quantity::Identity);
                        let q = row.members.first().and_then(|m| quantity_of(m).or(identity));
                        if let Some(q) = q.filter(|_| row.members.len() > 1 && !row.continuation) {
                            let found = Found {
                                line: *line,
                                latex: latex.clone(),
                                section: section.clone(),
                                scope: own_case(&reading).unwrap_or(Scope::All),
                                roles: reading.roles,
                                quantity: q,
                                continues: false,
                                reading: reading.latex.clone(),
                                comparison: None,
                                start: None,
                                gap: None,
                                scalar: None,
                                repaired: false,
                            };
                            out.found.push(found);
                        } else if super::relation::is_relation(latex) {
                            let reason = "a relation whose left side is not one the tool reads yet".to_string();
                            out.unread.push(Unread { line: Some(*line), latex: latex.clone(), reason });
                        }
                    }
                    // Prose math the tool does not read is prose; but an equation whose left side
                    // is one the tool checks (`$D_jS_i = S_i(\delta_ij - S_j)$`) is listed, not skipped.
                    Err(e) => {
                        let claims = latex.split_once('=').is_some_and(|(left, _)| {
                            crate::expr::latex::parse_expr(left.trim()).is_ok_and(|l| quantity_of(&l).is_some())
                        });
                        let scalar = match tried {
                            Some(tried) => tried,
                            None if relation && alone => scalar_row(&mut out, &notation, latex, *line, &section, None),
                            None => Err(String::new()),
                        };
                        let Err(scalar) = scalar else { continue };
                        // Every other relation is listed too (issue 15: decided or unread, never skipped).
                        if claims || relation {
                            let reason = with_scalar(
                                format!("not in the LaTeX subset the tool reads ({})", caret_text(&e)),
                                &scalar,
                            );
                            out.unread.push(Unread { line: Some(*line), latex: latex.clone(), reason });
                        }
                    }
                }
            }
            Item::Math { latex, display: true, line } => {
                // The cases stated around the display, nearest first: each row takes the
                // first stated on its own index letters (a mention of another index,
                // `the term $k = j$`, does not hide the heading's case).
                let cues: Vec<Cued> = match enclosing_cue(&doc.items[k + 1..], *line, before) {
                    Some(Announcement::Case(c)) => std::iter::once(c).chain(section_case).collect(),
                    Some(_) => Vec::new(),
                    None if *line <= in_prose_until => Vec::new(),
                    None => case.take().into_iter().chain(section_case).collect(),
                };
                display(&mut out, &notation, latex, *line, &section, &cues, (&mut chain, &mut carried));
            }
            Item::Code { .. } => {}
        }
    }
    out
}

/// Whether an `align*` row continues the row above it: it starts (after its
/// `&` and spacing) with `+`, `-`, `\cdot`, `\times` or `*`, and has no `=`
/// of its own, as a long line broken with `\\` does. It renders as the rest
/// of the line above.
fn continues(row: &str) -> bool {
    let mut rest = row.trim_start_matches(|c: char| c == '&' || c.is_whitespace());
    while let Some(r) = ["\\qquad", "\\quad", "\\,", "\\;", "\\:", "\\!", "\\ "]
        .iter()
        .find_map(|space| rest.strip_prefix(space))
        .map(|r| r.trim_start_matches(|c: char| c == '&' || c.is_whitespace()))
    {
        rest = r;
    }
    ["+", "-", "\\cdot", "\\times", "*"].iter().any(|op| rest.starts_with(op)) && !has_equals(rest)
}

/// Whether `row` holds an `=` outside braces and environments (`- S_j &= x`
/// is a row of its own, whose left side is $-S_j$).
fn has_equals(row: &str) -> bool {
    top_level_equals(row).is_some()
}

/// The rows of `latex`, a row that [`continues`] the one above joined to it
/// (its `&` dropped): `a &= b \\ &\quad \cdot 2` is one row `a &= b \cdot 2`,
/// at the first row's line.
fn joined_rows(latex: &str, line: usize) -> Vec<super::Row> {
    let mut out: Vec<super::Row> = Vec::new();
    for row in rows(latex, line) {
        match out.last_mut() {
            Some(above) if continues(&row.latex) => {
                let rest = row.latex.trim_start_matches(|c: char| c == '&' || c.is_whitespace());
                above.latex =
                    format!("{} {rest}", above.latex.trim_end_matches(|c: char| c == '&' || c.is_whitespace()));
            }
            _ => out.push(row),
        }
    }
    out
}

/// What a parse error says after its caret.
fn caret_text(e: &crate::expr::ParseError) -> String {
    e.message.lines().last().unwrap_or("").trim().trim_start_matches('^').trim().to_string()
}

/// The entries of a Jacobian written out as a matrix ([`Notation::jacobian_entries`]): each
/// one a line of the derivation at the matrix's line, in the case its position gives.
fn matrix(
    out: &mut Structure,
    notation: &Notation,
    entries: Result<Vec<crate::expr::notation::Entry>, String>,
    row: &super::Row,
    section: &str,
) {
    let entries = match entries {
        Ok(entries) => entries,
        Err(reason) => {
            out.unread.push(Unread { line: Some(row.line), latex: row.latex.clone(), reason });
            return;
        }
    };
    for entry in entries {
        let (r, c) = &entry.position;
        let latex = format!("({r}, {c}): {}", entry.written);
        let reading = entry.row.and_then(|text| notation.read(&text, None).map_err(|e| caret_text(&e)));
        match reading {
            Ok(reading) => out.found.push(Found {
                line: row.line,
                latex,
                section: section.to_string(),
                scope: own_case(&reading).unwrap_or(Scope::All),
                roles: reading.roles,
                quantity: Quantity::Derivative,
                continues: false,
                reading: reading.latex,
                comparison: None,
                start: None,
                gap: None,
                scalar: None,
                repaired: false,
            }),
            Err(reason) => out.unread.push(Unread { line: Some(row.line), latex, reason }),
        }
    }
}

/// A chain of comparisons read in the post's notation: each side must be
/// one expression the tool reads.
fn comparison(
    notation: &Notation,
    latex: &str,
    line: usize,
    section: &str,
    cues: &[Cued],
    (sides, rels): (Vec<String>, Vec<crate::decide::Rel>),
) -> Result<Found, String> {
    let mut read = Vec::new();
    let mut readings = Vec::new();
    for side in &sides {
        let reading = notation.read(side, None).map_err(|e| {
            format!("a comparison whose side `{side}` is not in the LaTeX subset the tool reads ({})", caret_text(&e))
        })?;
        match reading.row.members.as_slice() {
            [one] if !reading.row.continuation => read.push(one.clone()),
            _ => return Err(format!("a comparison whose side `{side}` is not one expression")),
        }
        readings.push(reading);
    }
    // `z_i < 0`, `a_i > a_j`, `z_i/T < 0`, `y_i \ge 0`: the logits, the labels and the
    // temperature are the inputs, free, so a comparison of them alone is a condition the post
    // puts on them ("when $z_i < 0$"), not a claim about softmax.
    let input = |s: Sym| matches!(s, Sym::Ai | Sym::Aj | Sym::Ak | Sym::T | Sym::Yi | Sym::Yj | Sym::Yk);
    let inputs = |e: &Expr| e.any_sym(&|s| input(s));
    let other = |e: &Expr| e.any_sym(&|s| !input(s) && !matches!(s, Sym::N | Sym::Shift));
    if read.iter().any(inputs) && !read.iter().any(other) {
        return Err(
            "a condition on the inputs (logits, labels, temperature: free), not a claim about softmax".to_string()
        );
    }
    // Its case: a diagonal side (∂p_j/∂z_j), a side that states the other case
    // (∂σ_q/∂z_{r≠q}), else the case stated on the letters its sides use.
    let scope = readings
        .iter()
        .filter_map(own_case)
        .min_by_key(|s| *s != Scope::Diagonal) // a diagonal side first
        .or_else(|| readings.first().and_then(|r| stated_for(cues, r.roles)))
        .unwrap_or(Scope::All);
    Ok(Found {
        line,
        latex: latex.to_string(),
        section: section.to_string(),
        scope,
        roles: readings.first().map_or(('i', 'j'), |r| r.roles),
        quantity: Quantity::Compare,
        continues: false,
        reading: latex.to_string(),
        comparison: Some((read, rels)),
        start: None,
        gap: None,
        scalar: None,
        repaired: false,
    })
}

/// The rows of one display, each found or unread; `chain` is the relation
/// the display's first rows continue when they start with `=`.
fn display(
    out: &mut Structure,
    notation: &Notation,
    latex: &str,
    line: usize,
    section: &str,
    cues: &[Cued],
    (chain, carried): (&mut Option<(Quantity, Scope, Roles)>, &mut Carried),
) {
    if let Some((offset, what)) = super::outside_rows(latex) {
        // The rows render inside what surrounds them: read without it, they would say something else.
        let at = line + latex[..offset].matches('\n').count();
        let reason = format!("{what}: the rows are not read without it, and the tool does not read it");
        out.unread.push(Unread { line: Some(at), latex: latex.trim().to_string(), reason });
        return;
    }
    let mut above_found = false;
    // Relations joined by \Rightarrow, \implies, \iff … in one row are read one by one.
    let pieces = joined_rows(latex, line).into_iter().flat_map(|row| {
        let mut pieces: Vec<String> =
            super::relation::joined_relations(&row.latex).into_iter().map(str::to_string).collect();
        // An implication between comparisons (`a_i < a_j \implies S_i < S_j`) is one claim:
        // its hypothesis alone is no claim of the post.
        if pieces.len() > 1 && pieces.iter().any(|p| super::relation::comparison_chain(p).is_some()) {
            pieces = vec![row.latex.clone()];
        }
        pieces.into_iter().map(move |latex| super::Row { latex, line: row.line })
    });
    let (found_before, unread_before) = (out.found.len(), out.unread.len());
    // Rows with a derivative's sign above the bar only, read as the derivative they mean
    // (a `derivative-sign` finding reports each): (as read, as written).
    let mut repaired: Vec<(usize, String, String)> = Vec::new();
    for mut row in pieces {
        let previous = out.previous.replace(row.latex.clone());
        // The sentence's punctuation and a quantifier after the relation are no part of it.
        row.latex = crate::expr::remark::without_trailing_remark(&row.latex).to_string();
        let (as_read, changed) = crate::claims::derivative_sign::repaired(&row.latex, &out.differentiated);
        if changed {
            repaired.push((row.line, as_read.clone(), std::mem::replace(&mut row.latex, as_read)));
        }
        // A quantifier says for which indices; what it quantifies is the relation.
        match super::relation::split_quantifier(&row.latex) {
            Some((quantifier, rest)) if rest.trim().is_empty() => {
                let reason = "a quantifier alone: it claims nothing".to_string();
                out.unread.push(Unread { line: Some(row.line), latex: quantifier.trim().to_string(), reason });
                continue;
            }
            Some((_, rest)) => row.latex = rest.trim().to_string(),
            None => {}
        }
        // A relation that ends with the set its value lives in: the relation, then
        // (for the positive reals) the positivity of its last member.
        if let Some((relation, set)) = super::relation::split_membership(&row.latex) {
            let (relation, set) = (relation.to_string(), set.to_string());
            let last = super::relation::last_side(&relation).to_string();
            row.latex = relation;
            if super::relation::positive_reals(&set) {
                let positive = format!("{last} > 0");
                match comparison(
                    notation,
                    &positive,
                    row.line,
                    section,
                    cues,
                    super::relation::comparison_chain(&positive).unwrap_or_default(),
                ) {
                    Ok(found) => out.found.push(found),
                    Err(reason) => out.unread.push(Unread { line: Some(row.line), latex: positive, reason }),
                }
            }
        }
        let unread = |reason: String| Unread { line: Some(row.line), latex: row.latex.clone(), reason };
        if let Some(entries) = notation.jacobian_entries(&row.latex) {
            matrix(out, notation, entries, &row, section);
            above_found = false;
            *chain = None;
            *carried = Carried::default();
            continue;
        }
        if let Some(chain_of) = super::relation::comparison_chain(&row.latex) {
            match comparison(notation, &row.latex, row.line, section, cues, chain_of) {
                Ok(found) => out.found.push(found),
                Err(reason) => out.unread.push(unread(reason)),
            }
            above_found = false;
            *chain = None;
            *carried = Carried::default();
            continue;
        }
        let annotation = super::cues::case_annotation(&row.latex);
        let roles = chain.map(|(_, _, roles)| roles);
        // A logarithm of unstated base in numbers of the post's own (`\log(1000) = 3`): read among
        // real numbers, where a refutation must hold in every base.
        // (Tried once: a row read among real numbers takes note of the names it defines.)
        let scalar_first = !starts_with_equals(&row.latex)
            && (row.latex.contains("log") || writes_decimals(&row.latex))
            && !notation.names_its_own(&row.latex);
        let tried = scalar_first.then(|| scalar_row(out, notation, &row.latex, row.line, section, None));
        if matches!(tried, Some(Ok(()))) {
            above_found = false;
            *chain = None;
            *carried = Carried::default();
            continue;
        }
        let reading = match notation.read(super::cues::without_case_annotation(&row.latex), roles) {
            Ok(r) => r,
            Err(e) => {
                let scalar = if let Some(tried) = tried {
                    tried
                } else if !starts_with_equals(&row.latex) {
                    scalar_row(out, notation, &row.latex, row.line, section, None)
                } else if let Some(last) = previous.as_deref().and_then(last_member) {
                    // `= X` after a row that ends in `W`: the claim `W = X`, among real numbers.
                    scalar_row(out, notation, &row.latex, row.line, section, Some(last))
                } else {
                    Err(String::new())
                };
                let Err(scalar) = scalar else {
                    above_found = false;
                    *chain = None;
                    *carried = Carried::default();
                    continue;
                };
                // A left side the tool does not read, equal to what it reads: that value
                // starts a chain the rows below continue.
                if let Some((rest, reading)) = unread_left(notation, &row.latex) {
                    let scope = stated_for(cues, reading.roles).unwrap_or(Scope::All);
                    out.unread.push(unread(format!(
                        "its left side is not one the tool reads ({}); the rows that continue it are decided \
                         against what it equals",
                        caret_text(&e)
                    )));
                    *chain = Some((Quantity::Identity, scope, reading.roles));
                    *carried = Carried { start: reading.row.members.last().cloned(), gap: None };
                    if reading.row.members.len() > 1 {
                        // What it equals is itself a chain (`X = A = B`): A = B is decided.
                        out.found.push(Found {
                            line: row.line,
                            latex: rest,
                            section: section.to_string(),
                            scope,
                            roles: reading.roles,
                            quantity: Quantity::Identity,
                            continues: false,
                            reading: reading.latex,
                            comparison: None,
                            start: None,
                            gap: None,
                            scalar: None,
                            repaired: false,
                        });
                        carried.start = None;
                    }
                    above_found = true;
                    continue;
                }
                // A left side the tool reads, equal to what it does not: the rows below that
                // continue it are decided against that left side (a difference then cannot be
                // blamed on them: the row between was not read).
                if let Some(reading) = unread_right(notation, &row.latex) {
                    let scope = match annotation {
                        Some((_, s, letters)) if super::cues::same_letters(letters, reading.roles) => s,
                        _ => stated_for(cues, reading.roles).unwrap_or(Scope::All),
                    };
                    let scope = own_case(&reading).unwrap_or(scope);
                    let left = reading.row.members.first();
                    let quantity = left.and_then(quantity_of).unwrap_or(Quantity::Identity);
                    out.unread.push(unread(format!(
                        "its right side is not one the tool reads ({}); the rows that continue it are decided \
                         against its left side",
                        caret_text(&e)
                    )));
                    *chain = Some((quantity, scope, reading.roles));
                    *carried = Carried { start: left.cloned(), gap: Some(row.line) };
                    above_found = true;
                    continue;
                }
                // A row of a chain the tool does not read: the chain goes on, the rows
                // below decided against the last row read.
                if chain.is_some() && starts_with_equals(&row.latex) {
                    out.unread.push(unread(format!(
                        "not in the LaTeX subset the tool reads ({}); the rows below it are decided against the \
                         last row read",
                        caret_text(&e)
                    )));
                    carried.gap.get_or_insert(row.line);
                    continue;
                }
                *carried = Carried::default();
                // A row that relates nothing (`\mathbf z \in \mathbb{R}^N`, a matrix shown) claims
                // nothing — unless it follows a row of the derivation, which it may continue.
                let relation =
                    above_found || starts_with_equals(&row.latex) || super::relation::is_relation(&row.latex);
                out.unread.push(unread(if relation {
                    with_scalar(format!("not in the LaTeX subset the tool reads ({})", caret_text(&e)), &scalar)
                } else {
                    "a declaration or an expression without a relation to check: it claims nothing".to_string()
                }));
                above_found = false;
                *chain = None;
                continue;
            }
        };
        let parsed = &reading.row;
        // The row's case: the condition it ends with (`\quad \text{if } i = j`,
        // `(r \neq q)`), else the nearest case stated around the display, when
        // it relates the row's two indices; else a row that continues a
        // relation stays in that relation's case.
        let stated = match annotation {
            Some((_, s, letters)) if super::cues::same_letters(letters, reading.roles) => Some(s),
            _ => stated_for(cues, reading.roles),
        };
        let scope = match (stated, *chain) {
            (Some(s), _) => s,
            (None, Some((_, chained, _))) if parsed.continuation => chained,
            (None, _) => Scope::All,
        };
        // A left side that is a diagonal entry (∂p_j/∂z_j, ∂σ_q/∂z_{r=q}) claims the diagonal
        // entry only; one that states the other case in its subscript (∂σ_q/∂z_{r≠q}), that case.
        let scope = own_case(&reading).unwrap_or(scope);
        let quantity = if parsed.continuation {
            chain.map(|(q, _, _)| q)
        } else {
            // A left side the tool knows, else an identity between two expressions it reads.
            // (`N = 1`, `i = j` state a value or a condition: no identity.)
            let identity = super::relation::is_relation(&row.latex).then_some(Quantity::Identity);
            parsed.members.first().and_then(|m| quantity_of(m).or(identity)).filter(|_| parsed.members.len() > 1)
        };
        let found_above = std::mem::replace(&mut above_found, quantity.is_some());
        if quantity.is_none() {
            // What follows continues a relation the tool did not read.
            *chain = None;
            *carried = Carried::default();
        }
        match quantity {
            Some(q) => {
                *chain = Some((q, scope, reading.roles));
                let found = Found {
                    line: row.line,
                    latex: row.latex.clone(),
                    section: section.to_string(),
                    scope,
                    roles: reading.roles,
                    quantity: q,
                    continues: parsed.continuation,
                    reading: reading.latex,
                    comparison: None,
                    start: carried.start.take().filter(|_| parsed.continuation),
                    gap: carried.gap.take().filter(|_| parsed.continuation),
                    scalar: None,
                    repaired: false,
                };
                out.found.push(found);
            }
            None if parsed.members.len() == 1 && !parsed.continuation && found_above => out.unread.push(unread(
                "a row without '=' under a line of the derivation: whether it continues that line is not said \
                 (start it with \\cdot, + or -, or write it on the line above)"
                    .into(),
            )),
            None if parsed.members.len() == 1 && !parsed.continuation => {
                out.unread.push(unread("an expression without '=': it claims nothing".into()))
            }
            None => out
                .unread
                .push(unread("its left side is not one the tool reads (D_jS_i, g_i, h_i, g'_i, h'_i, δ_ij)".into())),
        }
    }
    // What was read with the sign below the bar is shown as the post writes it, and says so.
    for f in &mut out.found[found_before..] {
        if let Some((_, _, written)) = repaired.iter().find(|(line, read, _)| *line == f.line && *read == f.latex) {
            f.latex = written.clone();
            f.repaired = true;
        }
    }
    // Unread: the row as written (a part the reader cut from it shows the post's text too).
    for u in &mut out.unread[unread_before..] {
        if let Some((_, read, written)) =
            repaired.iter().find(|(line, read, _)| Some(*line) == u.line && read.contains(u.latex.as_str()))
        {
            u.latex = if *read == u.latex { written.clone() } else { written.trim().to_string() };
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
        let post = "On note $h_i = \\sum_{k} e^{a_k}$, puis $g_i=e^{a_i}$.\n\n$$\\forall i, S_i \\in ]0,1]$$\n\n$$\\frac{\\partial S_i}{\\partial a_j}$$\n";
        let s = recognise(&read(post));
        assert_eq!(
            s.found.iter().map(|f| f.quantity).collect::<Vec<_>>(),
            vec![Quantity::Is(Sym::Hi), Quantity::Is(Sym::Gi), Quantity::Compare]
        );
        assert_eq!(s.unread.iter().map(|u| u.line).collect::<Vec<_>>(), vec![Some(5)]);
        assert!(s.unread[0].reason.contains("claims nothing"));
    }

    fn scopes(post: &str) -> Vec<(usize, Scope)> {
        recognise(&read(post)).found.iter().map(|f| (f.line, f.scope)).collect()
    }

    #[test]
    fn negated_and_exclusive_cues_announce_the_complement_or_no_case() {
        let after = |prose: &str| scopes(&format!("{prose}\n\n$$D_jS_i = - S_i S_j$$\n"))[0].1;
        for prose in [
            "Sauf si $i = j$ :",
            "Unless $i = j$:",
            "except when $i=j$",
            "Excepté lorsque $j = i$ :",
            "Hormis le cas $i = j$ :",
            "À moins que $i = j$ :",
        ] {
            assert_eq!(after(prose), Scope::OffDiagonal, "{prose}");
        }
        for prose in ["Sauf si $i \\neq j$ :", "Unless $j \\ne i$:"] {
            assert_eq!(after(prose), Scope::Diagonal, "{prose}");
        }
        // A negation the tool does not read for sure: no case, the line is checked for every entry.
        for prose in [
            "Si $i = j$ n'est pas vrai :",
            "When $i = j$ does not hold:",
            "Unless $i = j$ is false:",
            "Sinon, $i = j$ :",
            "Dans le cas contraire de $i = j$ :",
        ] {
            assert_eq!(after(prose), Scope::All, "{prose}");
        }
        // Negative controls: the plain cues, and « autrement dit » ("in other words").
        assert_eq!(after("Lorsque $i = j$ :"), Scope::Diagonal);
        assert_eq!(after("Note that when $i \\neq j$:"), Scope::OffDiagonal);
        assert_eq!(after("Autrement dit, lorsque $i = j$ :"), Scope::Diagonal);
    }

    #[test]
    fn otherwise_in_prose_is_the_other_case_of_the_section() {
        let display = "$$D_jS_i = S_i$$";
        let post = |first: &str, second: &str| format!("{first}\n\n{display}\n\n{second}\n\n{display}\n");
        for (first, second, want) in [
            ("Si $i = j$ :", "Sinon :", Scope::OffDiagonal),
            ("When $i \\neq j$:", "Otherwise:", Scope::Diagonal),
            ("Lorsque $i = j$ :", "Autrement :", Scope::OffDiagonal),
            ("Si $i = j$ :", "Sinon, lorsque $i \\neq j$ :", Scope::OffDiagonal),
            // Negative controls: no case before, a contradicting restatement, a long sentence.
            ("Voici :", "Sinon :", Scope::All),
            ("Si $i = j$ :", "Otherwise, when $i = j$:", Scope::All),
            ("Si $i = j$ :", "Otherwise the softmax would overflow in floating point:", Scope::All),
        ] {
            assert_eq!(scopes(&post(first, second))[1], (7, want), "{first} / {second}");
        }
        // A long paragraph that excludes a case ends the case announced before it.
        let long = "Attention : la formule ci-dessous ne vaut pas pour toutes les entrées, sauf si $i = j$ bien sûr.";
        assert_eq!(scopes(&format!("Si $i = j$ :\n\n{long}\n\n{display}\n"))[0].1, Scope::All);
        let long = "Une remarque assez longue sur la suite, qui ne parle d'aucun cas particulier des indices.";
        assert_eq!(scopes(&format!("Si $i = j$ :\n\n{long}\n\n{display}\n"))[0].1, Scope::Diagonal);
        // A heading ends the case: « Sinon » under a new heading has nothing to be the complement of.
        assert_eq!(scopes(&format!("Si $i = j$ :\n\n{display}\n\n# Suite\n\nSinon :\n\n{display}\n"))[1].1, Scope::All);
    }

    #[test]
    fn nothing_after_a_row_break_or_an_environment_is_dropped() {
        let s = |latex: &str| recognise(&read(&format!("Si $i = j$ :\n\n$$\n{latex}\n$$\n")));
        // A row that starts with an operator continues the row above, on the same source line or not.
        let joined =
            s("\\begin{aligned}\nD_jS_i &= S_i - S_i^2 \\\\ &= S_i(1 - S_i) \\\\ &\\quad \\cdot 2\n\\end{aligned}");
        let rows: Vec<(usize, &str)> = joined.found.iter().map(|f| (f.line, f.latex.as_str())).collect();
        assert_eq!(rows, [(5, "D_jS_i &= S_i - S_i^2"), (5, r"&= S_i(1 - S_i) \quad \cdot 2")]);
        let joined = s("\\begin{align*}\nD_jS_i &= S_i\\\\\n& - S_i^2\n\\end{align*}");
        assert_eq!(joined.found.iter().map(|f| f.latex.as_str()).collect::<Vec<_>>(), ["D_jS_i &= S_i - S_i^2"]);
        // Material outside the environment: the display is unread, with what and where.
        let outside = s("\\begin{aligned}\nD_jS_i &= S_i - S_i^2\n\\end{aligned} \\cdot 2");
        assert!(outside.found.is_empty());
        assert_eq!(outside.unread.len(), 1);
        assert_eq!(outside.unread[0].line, Some(6));
        assert!(outside.unread[0].reason.contains(r"`\cdot 2` after \end{aligned}"), "{:?}", outside.unread);
        let before = s("D_jS_i = \\begin{aligned}\n& S_i \\\\ & - S_i^2\n\\end{aligned}");
        assert!(before.found.is_empty() && before.unread[0].reason.contains(r"before \begin{aligned}"));
        // A row without '=' under a line of the derivation: unread, not a note.
        let bare = s("D_jS_i = S_i - S_i^2 \\\\ 2");
        assert_eq!(bare.found.len(), 1);
        assert!(bare.unread[0].reason.contains("whether it continues that line"), "{:?}", bare.unread);
        // Negative controls: rows of their own (with '=', or a left side that starts with '-': an identity).
        let own = s("\\begin{align*}\nD_jS_i &= S_i - S_i^2 \\\\ &= S_i(1 - S_i) \\\\\n-S_j &= -S_j\n\\end{align*}");
        assert_eq!(own.found.len(), 3);
        assert_eq!(own.found[2].quantity, Quantity::Identity);
        assert!(own.unread.is_empty(), "{:?}", own.unread);
        assert!(s("\\begin{align*}\nD_jS_i &= S_i - S_i^2\n\\end{align*}").unread.is_empty());
    }
}
