//! Reading a Jekyll/kramdown post as the tool needs it: its headings, prose,
//! math (`$…$`, `$$…$$`, in prose or on their own lines), fenced and indented
//! code, each with the 1-based line where it starts; and the rows of an
//! `align*` (or `aligned`) environment, each with its own line.
//!
//! This is the reading layer of `verify ARTICLE.md` (issue 9); recognising
//! the derivation's structure in it comes on top. The markdown is parsed by
//! pulldown-cmark with its math extension and YAML front matter.

pub mod containers;
pub mod cues;
pub(crate) mod family;
pub(crate) mod hypotheses;
pub mod relation;
pub mod structure;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// One piece of the post, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A heading: its level (1 for `#`) and its text (inline math kept as `$…$`).
    Heading {
        /// 1 to 6.
        level: usize,
        /// The text.
        text: String,
        /// 1-based line.
        line: usize,
    },
    /// A paragraph or list item's text, inline math kept as `$…$`.
    Prose {
        /// The text.
        text: String,
        /// 1-based line where it starts.
        line: usize,
    },
    /// Math: `$…$` (inline) or `$$…$$` (display), its LaTeX as written.
    Math {
        /// The LaTeX between the delimiters.
        latex: String,
        /// Display math (`$$`).
        display: bool,
        /// 1-based line of the LaTeX's first character.
        line: usize,
    },
    /// A code block: fenced (with its info string, e.g. `python`) or indented (program output).
    Code {
        /// The fence's info string; `None` for an indented block.
        info: Option<String>,
        /// The code.
        text: String,
        /// 1-based line of the block's first line of code.
        line: usize,
    },
}

/// A post, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The YAML front matter, if any (without its `---` fences).
    pub front_matter: Option<String>,
    /// Everything else, in order.
    pub items: Vec<Item>,
}

/// The post's notation, learned from its math, inline and display
/// ([`Notation::learn_from`](crate::expr::notation::Notation::learn_from)).
pub fn notation(doc: &Document) -> crate::expr::notation::Notation {
    let mut notation = crate::expr::notation::Notation::learn_from(doc.items.iter().filter_map(|item| match item {
        // `\displaylines{…}`: MathJax's rows, its braces only a wrapper.
        Item::Math { latex, line, .. } => {
            Some((displaylines(latex).map_or(latex.as_str(), |(start, end)| &latex[start..end]), *line))
        }
        _ => None,
    }));
    // What the prose says of the inputs, which the math alone does not.
    let one_hot = hypotheses::labels(doc, &notation.label_letters()) == crate::decide::Labels::OneHot;
    notation.hear(crate::expr::notation::Heard { rows: hypotheses::rows(doc), one_hot_labels: one_hot });
    notation
}

/// 1-based line of each byte offset, by binary search over line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(k, _)| k + 1)).collect())
    }

    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Reads `markdown`.
///
/// Every math span is found by [`containers`] in the text as written, from
/// every container an author who writes math for the web uses (see that
/// module), each with the 1-based line of its LaTeX's first character. The
/// markdown parser (pulldown-cmark, with YAML front matter) then reads the
/// post with each span replaced by a placeholder, for the headings, prose
/// and code around the math: in a heading's or a paragraph's text, inline
/// math stands as `$…$` and display math as `$$…$$`, whatever its container.
/// `$$…$$` is display math wherever it stands (GitHub, pandoc and MathJax's
/// own `$$` render it so; kramdown renders it inline inside a paragraph's
/// text, which the prose around it says).
///
/// # Example
/// ```
/// use dsoftmax::article::{read, Item};
/// let doc = read("---\ntitle: x\n---\n# Dérivée\n\nOn a $$S_i = \\frac{e^{a_i}}{Z}$$ ici.\n");
/// assert_eq!(doc.front_matter.as_deref(), Some("title: x\n"));
/// assert!(doc.items.contains(&Item::Math { latex: r"S_i = \frac{e^{a_i}}{Z}".into(), display: true, line: 6 }));
/// let doc = read("> Soit \\(p_i\\) :\n>\n> \\begin{align*}\n> p_i &= 1\n>\n> &= 1\n> \\end{align*}\n");
/// assert_eq!(doc.items[0], Item::Math { latex: "p_i".into(), display: false, line: 1 });
/// assert!(doc.items.contains(&Item::Math {
///     latex: "\\begin{align*}\np_i &= 1\n\n&= 1\n\\end{align*}".into(),
///     display: true,
///     line: 3
/// }));
/// ```
pub fn read(markdown: &str) -> Document {
    let scan = containers::scan(markdown);
    let spans = &scan.spans;
    let lines = Lines::new(&scan.masked);
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut doc = Document::default();
    let mut emitted = vec![false; spans.len()];
    let mut text: Option<(String, usize)> = None;
    let mut heading: Option<usize> = None;
    let mut code: Option<(Option<String>, String, usize)> = None;
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(&scan.masked, options).into_offset_iter() {
        let line = lines.of(range.start);
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => doc.front_matter.get_or_insert_with(String::new).push_str(&t),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level as usize);
                text = Some((String::new(), line));
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                flush(&mut doc, &mut text, None, spans);
                text = Some((String::new(), line));
            }
            Event::End(TagEnd::Heading(_)) => flush(&mut doc, &mut text, heading.take(), spans),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => flush(&mut doc, &mut text, None, spans),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info.to_string()),
                    CodeBlockKind::Indented => None,
                };
                let first = if info.is_some() { line + 1 } else { line };
                code = Some((info, String::new(), first));
            }
            Event::Text(t) if code.is_some() => {
                emit(&mut doc, spans, &mut emitted, &t);
                if let Some((_, body, _)) = code.as_mut() {
                    body.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, body, line)) = code.take() {
                    // A block that held only math (a ```math fence, an indented `$$` block) is that math.
                    let only_math = body.contains(containers::OPEN)
                        && without_placeholders(&body).trim().is_empty()
                        && info.as_deref().is_none_or(|i| i.split_whitespace().next().is_none_or(|w| w == "math"));
                    if !only_math {
                        doc.items.push(Item::Code { info, text: restore(&body, spans), line });
                    }
                }
            }
            // An HTML block (`<b>Case 1 : $i \neq j$</b>`) is prose too: its words, its tags dropped.
            Event::Start(Tag::HtmlBlock) => {
                flush(&mut doc, &mut text, None, spans);
                text = Some((String::new(), line));
            }
            Event::End(TagEnd::HtmlBlock) => flush(&mut doc, &mut text, None, spans),
            Event::Html(t) | Event::InlineHtml(t) => {
                emit(&mut doc, spans, &mut emitted, &t);
                if let Some((s, _)) = text.as_mut() {
                    s.push_str(&without_tags(&t));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                emit(&mut doc, spans, &mut emitted, &t);
                if let Some((s, _)) = text.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((s, _)) = text.as_mut() {
                    s.push('\n');
                }
            }
            _ => {}
        }
    }
    flush(&mut doc, &mut text, None, spans);
    // Math whose placeholder the parser put nowhere it reports (a link's address…): at its line.
    for (span, _) in spans.iter().zip(&emitted).filter(|(_, done)| !**done) {
        let at = doc.items.iter().position(|i| item_line(i) > span.line).unwrap_or(doc.items.len());
        doc.items.insert(at, math_item(span));
    }
    doc
}

/// HTML without its tags (`<b>`, `</div>`, `<br/>`, comments), each a space;
/// a `<` that opens no tag (`a < b`) is kept.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(k) = rest.find('<') {
        out.push_str(&rest[..k]);
        let after = &rest[k + 1..];
        let tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>').filter(|_| tag) {
            Some(end) => {
                out.push(' ');
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The line of an item.
fn item_line(item: &Item) -> usize {
    match item {
        Item::Heading { line, .. } | Item::Prose { line, .. } | Item::Math { line, .. } | Item::Code { line, .. } => {
            *line
        }
    }
}

/// The [`Item::Math`] of a span, its `\label{…}`, `\tag{…}`, `\nonumber` and `\notag` removed.
fn math_item(span: &containers::Span) -> Item {
    Item::Math { latex: without_labels(&span.latex), display: span.display, line: span.line }
}

/// The indices of the placeholders in `text`, in order.
fn placeholders(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.split(containers::OPEN).skip(1).filter_map(|piece| piece.split(containers::CLOSE).next()?.parse().ok())
}

/// Pushes the math of every placeholder in `text` not pushed yet.
fn emit(doc: &mut Document, spans: &[containers::Span], emitted: &mut [bool], text: &str) {
    for k in placeholders(text) {
        if let (Some(span), Some(done)) = (spans.get(k), emitted.get_mut(k)) {
            if !*done {
                *done = true;
                doc.items.push(math_item(span));
            }
        }
    }
}

/// `text` without its placeholders.
fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(containers::OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        rest = after.find(containers::CLOSE).map_or("", |c| &after[c + containers::CLOSE.len_utf8()..]);
    }
    out.push_str(rest);
    out.replace(containers::MORE, "")
}

/// `text` with each placeholder back as `$…$` (inline) or `$$…$$` (display), the lines it spans kept.
fn restore(text: &str, spans: &[containers::Span]) -> String {
    let text = text.replace(&format!("\n{}", containers::MORE), "").replace(containers::MORE, "");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(containers::OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + containers::OPEN.len_utf8()..];
        let Some(close) = after.find(containers::CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(span) = after[..close].parse::<usize>().ok().and_then(|k| spans.get(k)) {
            let delimiter = if span.display { "$$" } else { "$" };
            out.push_str(&format!("{delimiter}{}{delimiter}", without_labels(&span.latex)));
        }
        rest = &after[close + containers::CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `latex` without `\label{…}`, `\tag{…}`, `\tag*{…}`, `\nonumber` and `\notag`
/// (equation numbering, which says nothing about the math); its lines kept.
///
/// # Example
/// ```
/// use dsoftmax::article::without_labels;
/// assert_eq!(without_labels("a = b \\label{eq:1}\\nonumber \\\\\n\\notag c \\tag*{2}"), "a = b  \\\\\n c ");
/// assert_eq!(without_labels(r"\nonumbers + \labelled"), r"\nonumbers + \labelled");
/// ```
pub fn without_labels(latex: &str) -> String {
    let mut out = String::with_capacity(latex.len());
    let mut rest = latex;
    while let Some(k) = rest.find('\\') {
        out.push_str(&rest[..k]);
        let after = &rest[k + 1..];
        let name_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let name = &after[..name_len];
        let tail = &after[name_len..];
        match name {
            "nonumber" | "notag" => rest = tail,
            "label" | "tag" => {
                let tail = tail.strip_prefix('*').unwrap_or(tail);
                match group_end(tail.trim_start()) {
                    Some(end) => rest = &tail.trim_start()[end..],
                    None => {
                        out.push('\\');
                        rest = after;
                    }
                }
            }
            _ => {
                // The command (or an escaped character) as it is.
                let keep = if name_len == 0 { after.chars().next().map_or(0, char::len_utf8) } else { name_len };
                out.push('\\');
                out.push_str(&after[..keep]);
                rest = &after[keep..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset just after the balanced `{…}` group `text` starts with.
fn group_end(text: &str) -> Option<usize> {
    closing_brace(text.strip_prefix('{')?).map(|k| k + 2)
}

/// The byte offset of the `}` that closes a group whose `{` is just before `after_open`.
pub(crate) fn closing_brace(after_open: &str) -> Option<usize> {
    let mut depth = 1usize;
    for (k, c) in after_open.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// Ends the current heading or prose item.
fn flush(doc: &mut Document, text: &mut Option<(String, usize)>, heading: Option<usize>, spans: &[containers::Span]) {
    let Some((t, line)) = text.take() else {
        return;
    };
    let t = restore(&t, spans);
    match heading {
        Some(level) => doc.items.push(Item::Heading { level, text: t.trim().to_string(), line }),
        None if !t.trim().is_empty() => doc.items.push(Item::Prose { text: t.trim().to_string(), line }),
        None => {}
    }
}

/// One row of an `align*` environment (or the whole math when there is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row's LaTeX, with its `&` and without the `\\` that ends it.
    pub latex: String,
    /// 1-based line of the row's first character.
    pub line: usize,
}

/// The rows of `latex` (math that starts at line `first_line`): the body of
/// its `align*`/`align`/`aligned` environment (or the whole math), split at
/// the `\\` that are not inside braces or a nested environment (a `cases`
/// keeps its own `\\`).
///
/// # Example
/// ```
/// use dsoftmax::article::rows;
/// let r = rows("\n\\begin{align*}\nD_jS_i & = a\\\\\n& = b\n\\end{align*}\n", 10);
/// assert_eq!((r[0].latex.as_str(), r[0].line), ("D_jS_i & = a", 12));
/// assert_eq!((r[1].latex.as_str(), r[1].line), ("& = b", 13));
/// ```
pub fn rows(latex: &str, first_line: usize) -> Vec<Row> {
    let line_at = |offset: usize| first_line + latex[..offset].matches('\n').count();
    let (body_start, body_end) = align_body(latex).unwrap_or((0, latex.len()));
    let body = &latex[body_start..body_end];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut row_start = 0;
    let bytes = body.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        // Bytes, not `&str`: a multi-byte character (`où`, `≠`) never splits a slice.
        let rest = &bytes[k..];
        if rest.starts_with(b"\\begin{") {
            depth += 1;
        } else if rest.starts_with(b"\\end{") {
            depth = depth.saturating_sub(1);
        } else if rest.starts_with(b"\\\\") {
            if depth == 0 {
                push_row(&mut out, body, row_start..k, body_start, &line_at);
                row_start = k + 2;
            }
            k += 2;
            continue;
        } else if rest.starts_with(b"\\") {
            k += 2; // an escaped character (\{, \}, \\ handled above)
            continue;
        } else if bytes[k] == b'{' {
            depth += 1;
        } else if bytes[k] == b'}' {
            depth = depth.saturating_sub(1);
        }
        k += 1;
    }
    push_row(&mut out, body, row_start..body.len(), body_start, &line_at);
    out
}

fn push_row(out: &mut Vec<Row>, body: &str, range: Range<usize>, body_start: usize, line_at: &dyn Fn(usize) -> usize) {
    let text = &body[range.clone()];
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = text.len() - text.trim_start().len();
    out.push(Row { latex: trimmed.to_string(), line: line_at(body_start + range.start + lead) });
}

/// The byte range of the rows' body: that of the first environment with rows
/// (see [`environment`]), or the argument of a `\displaylines{…}` that is
/// the whole math (MathJax's rows without alignment).
fn align_body(latex: &str) -> Option<(usize, usize)> {
    environment(latex).map(|(_, _, body, _)| body).or_else(|| displaylines(latex))
}

/// The byte range inside `\displaylines{…}` when it is all of `latex`.
fn displaylines(latex: &str) -> Option<(usize, usize)> {
    let start = latex.len() - latex.trim_start().len();
    let after = start + "\\displaylines".len();
    if !latex[start..].starts_with("\\displaylines") {
        return None;
    }
    let open = after + (latex[after..].len() - latex[after..].trim_start().len());
    let end = open + group_end(&latex[open..])?;
    latex[end..].trim().is_empty().then_some((open + 1, end - 1))
}

/// Environments whose body is rows (`align*`, `gather`, `eqnarray`, `split`,
/// `aligned`…) or one row (`equation`, `multline`, whose body the rows are read from).
const ROW_ENVIRONMENTS: &[&str] = &[
    "align*",
    "align",
    "aligned",
    "split",
    "gather*",
    "gather",
    "gathered",
    "eqnarray*",
    "eqnarray",
    "multline*",
    "multline",
    "alignat*",
    "alignat",
    "alignedat",
    "flalign*",
    "flalign",
    "equation*",
    "equation",
];

/// The first environment of `latex` with rows (see [`ROW_ENVIRONMENTS`]): its
/// name, the offset of its `\begin`, its body's range and the offset just after
/// its `\end{…}`. When its body is nothing but another such environment
/// (`\begin{equation}\begin{split}…\end{split}\end{equation}`), the inner one's
/// name and body, within the outer one's `\begin` and `\end`.
fn environment(latex: &str) -> Option<(&'static str, usize, (usize, usize), usize)> {
    let (env, begin) = ROW_ENVIRONMENTS
        .iter()
        .filter_map(|env| latex.find(&format!("\\begin{{{env}}}")).map(|b| (*env, b)))
        .min_by_key(|&(_, b)| b)?;
    let open = format!("\\begin{{{env}}}");
    let close = format!("\\end{{{env}}}");
    let mut start = begin + open.len();
    // `alignat{2}`: its column count is no row.
    if env.starts_with("alignat") || env.starts_with("alignedat") {
        start += group_end(&latex[start..]).unwrap_or(0);
    }
    let end = start + latex[start..].rfind(&close)?;
    let body = &latex[start..end];
    let inner = environment(body).filter(|&(_, b, _, e)| body[..b].trim().is_empty() && body[e..].trim().is_empty());
    match inner {
        Some((name, _, (s, e), _)) => Some((name, begin, (start + s, start + e), end + close.len())),
        None => Some((env, begin, (start, end), end + close.len())),
    }
}

/// Math outside the rows: what stands before `\begin{aligned}` (or `align*`,
/// `align`) or after its `\end{…}`, which [`rows`] does not return. `None`
/// when there is only white space outside, or no such environment. Some
/// `(offset, what)`: the byte offset of the first such material and a
/// sentence naming it, for the display to be listed unread rather than read
/// without it (`\begin{aligned} … \end{aligned} \cdot 2` renders the rows
/// times 2).
///
/// # Example
/// ```
/// use dsoftmax::article::outside_rows;
/// let (offset, what) = outside_rows("\\begin{aligned} a &= b \\end{aligned} \\cdot 2").unwrap();
/// assert_eq!(offset, 37);
/// assert!(what.contains(r"`\cdot 2` after \end{aligned}"), "{what}");
/// assert_eq!(outside_rows("\n\\begin{align*} a &= b \\end{align*}\n"), None);
/// ```
pub fn outside_rows(latex: &str) -> Option<(usize, String)> {
    let (env, begin, _, end) = environment(latex)?;
    let before = latex[..begin].trim();
    let after = latex[end..].trim();
    let mut said = Vec::new();
    if !before.is_empty() {
        said.push(format!("`{before}` before \\begin{{{env}}}"));
    }
    if !after.is_empty() {
        said.push(format!("`{after}` after \\end{{{env}}}"));
    }
    let offset = if before.is_empty() { end + latex[end..].find(after).unwrap_or(0) } else { latex.find(before)? };
    (!said.is_empty()).then(|| (offset, said.join(" and ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small post of our own, in the article's style (not the article).
    const POST: &str = "---
layout: post
mathjax: true
---
# Une dérivée

Soit $g_i = e^{a_i}$ et $h_i=\\sum_{k=1}^{N} e^{a_k}$.

- Lorsque $j = i$

$$
\\begin{align*}
D_jS_i & = \\frac{\\partial S_i}{\\partial a_j}\\\\
& = S_i - S_i^2\\\\
& = \\begin{cases} S_i & \\text{si } i=j \\\\ 0 & \\text{sinon} \\end{cases}
\\end{align*}
$$

```python
p = np.exp(logits) # Plante
```

    array([1.0])
";

    #[test]
    fn every_piece_has_its_line() {
        let doc = read(POST);
        assert_eq!(doc.front_matter.as_deref(), Some("layout: post\nmathjax: true\n"));
        assert!(doc.items.contains(&Item::Heading { level: 1, text: "Une dérivée".into(), line: 5 }));
        assert!(doc.items.contains(&Item::Math { latex: "g_i = e^{a_i}".into(), display: false, line: 7 }));
        assert!(doc
            .items
            .iter()
            .any(|i| matches!(i, Item::Prose { text, line: 9 } if text.contains("Lorsque $j = i$"))));
        let code = doc.items.iter().find_map(|i| match i {
            Item::Code { info: Some(info), text, line } => Some((info.clone(), text.clone(), *line)),
            _ => None,
        });
        assert_eq!(code, Some(("python".into(), "p = np.exp(logits) # Plante\n".into(), 20)));
        assert!(doc
            .items
            .iter()
            .any(|i| matches!(i, Item::Code { info: None, text, line: 23 } if text.contains("array"))));
    }

    #[test]
    fn align_rows_keep_their_own_lines_and_cases_stay_whole() {
        let doc = read(POST);
        let (latex, line) = doc
            .items
            .iter()
            .find_map(|i| match i {
                Item::Math { latex, display: true, line } => Some((latex.clone(), *line)),
                _ => None,
            })
            .unwrap();
        let r = rows(&latex, line);
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!((r[0].latex.as_str(), r[0].line), (r"D_jS_i & = \frac{\partial S_i}{\partial a_j}", 13));
        assert_eq!((r[1].latex.as_str(), r[1].line), (r"& = S_i - S_i^2", 14));
        assert_eq!(r[2].line, 15);
        assert!(r[2].latex.contains(r"\text{si } i=j \\ 0"), "{}", r[2].latex);
        for row in &r {
            crate::expr::latex::parse_row(&row.latex).unwrap_or_else(|e| panic!("{}: {e}", row.latex));
        }
    }

    #[test]
    fn math_without_an_environment_splits_at_its_line_breaks() {
        let r = rows("  D_jS_i = S_i(\\delta_{ij} - S_j) \\\\\n\\forall (i,j) \\\\\n", 3);
        assert_eq!(
            r,
            vec![
                Row { latex: r"D_jS_i = S_i(\delta_{ij} - S_j)".into(), line: 3 },
                Row { latex: r"\forall (i,j)".into(), line: 4 }
            ]
        );
        assert_eq!(rows(" S_i ", 7), vec![Row { latex: "S_i".into(), line: 7 }]);
    }
}
