//! Finding every math span of a post, whatever container the author used,
//! before any markdown parser sees the text.
//!
//! MathJax and KaTeX read math out of the *rendered* page: `$…$`, `$$…$$`,
//! `\(…\)`, `\[…\]` (and the markdown-escaped `\\(…\\)`, `\\[…\\]`, also
//! inside backticks), bare LaTeX environments, `<script type="math/tex">`,
//! math inside HTML blocks, blockquotes and list items. Static-site tools add
//! their own: GitHub's ```` ```math ```` fences, MDX `<BlockMath math="…"/>`
//! and `<InlineMath math="…"/>`, Hexo `{% mathjax %}`. A markdown parser sees
//! none of them reliably (it hands a `<div>` block as raw HTML, cuts a display
//! at a blank line, keeps a blockquote's `>` in the formula), so this module
//! scans the original text itself, line by line for the block structure
//! (front matter, code fences, indented code, MyST directive fences, list
//! indentation) and byte by byte for the spans, and returns each span with
//! its LaTeX and the 1-based line of its first character. It also returns the
//! text with every span replaced by a placeholder (same number of lines), for
//! the markdown parser to read the prose around the math.
//!
//! Every position the scanner slices at is the position of an ASCII byte it
//! matched, so no input makes it split a character.

/// The start of a placeholder for a span in the masked text: `\u{E000}`, the
/// span's index in decimal, `\u{E001}`.
pub(crate) const OPEN: char = '\u{E000}';
/// The end of a placeholder.
pub(crate) const CLOSE: char = '\u{E001}';
/// What replaces a span on the lines after its first, in the masked text.
pub(crate) const MORE: char = '\u{E002}';

/// One math span found in the post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// The LaTeX between the delimiters (blockquote prefixes removed, CDATA wrappers removed).
    pub latex: String,
    /// Display math.
    pub display: bool,
    /// 1-based line of the LaTeX's first character.
    pub line: usize,
    /// Byte range of the whole container (delimiters included) in the post.
    start: usize,
    end: usize,
    /// The span opens a line that a markdown parser would read as indented code.
    indented: bool,
}

/// The spans of a post and the post with each replaced by its placeholder.
pub(crate) struct Scan {
    /// Every math span, in order.
    pub spans: Vec<Span>,
    /// The post, same lines, every span replaced by a placeholder.
    pub masked: String,
}

/// Bare environments MathJax renders without delimiters.
const ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "alignat",
    "alignat*",
    "flalign",
    "flalign*",
];

/// HTML elements whose content MathJax does not read.
const SKIPPED_TAGS: &[&str] = &["pre", "code", "style", "textarea", "noscript"];

/// A fenced block being read.
struct Fence {
    /// `` ` `` or `~`.
    char: u8,
    /// Length of the opening run.
    len: usize,
    /// ```` ```math ````: its content is display math.
    math: bool,
    /// Byte offset of the first content line.
    body: usize,
    /// 1-based line of the first content line.
    line: usize,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    spans: Vec<Span>,
    /// Byte ranges of lines to blank in the masked text (MyST directive fences).
    blank: Vec<(usize, usize)>,
    /// Open MyST directive fences (char, length): their content is markdown.
    directives: Vec<(u8, usize)>,
    fence: Option<Fence>,
    prev_blank: bool,
    in_indented_code: bool,
    /// Content column of the list item being read, if any.
    list_indent: Option<usize>,
}

/// Scans `text` for every math span.
pub(crate) fn scan(text: &str) -> Scan {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        spans: Vec::new(),
        blank: Vec::new(),
        directives: Vec::new(),
        fence: None,
        prev_blank: true,
        in_indented_code: false,
        list_indent: None,
    };
    s.skip_front_matter();
    s.run();
    let masked = mask(text, &s.spans, &s.blank);
    Scan { spans: s.spans, masked }
}

/// The end of the line that contains `pos` (the offset of its `\n`, or the text's length).
fn line_end(bytes: &[u8], pos: usize) -> usize {
    bytes[pos.min(bytes.len())..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |k| pos + k)
}

/// Blockquote depth and prefix length of the line starting at `start`:
/// `[ ]{0,3}>[ ]?` stripped as often as it occurs.
fn quote_prefix(bytes: &[u8], start: usize, end: usize) -> (usize, usize) {
    let mut depth = 0;
    let mut k = start;
    loop {
        let mut j = k;
        while j < end && j - k < 3 && bytes[j] == b' ' {
            j += 1;
        }
        if j < end && bytes[j] == b'>' {
            j += 1;
            if j < end && bytes[j] == b' ' {
                j += 1;
            }
            depth += 1;
            k = j;
        } else {
            return (depth, k - start);
        }
    }
}

/// Leading white space of `line` as a column count (a tab to the next multiple of 4).
fn indent_of(line: &[u8]) -> (usize, usize) {
    let mut col = 0;
    let mut k = 0;
    while k < line.len() {
        match line[k] {
            b' ' => col += 1,
            b'\t' => col = col / 4 * 4 + 4,
            _ => break,
        }
        k += 1;
    }
    (col, k)
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of `rest`, marker and one space.
fn list_marker(rest: &[u8]) -> Option<usize> {
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match rest.first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits) && matches!(rest.get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return None,
    };
    match rest.get(marker) {
        Some(b' ' | b'\t') => Some(marker + 1),
        None | Some(b'\n' | b'\r') => Some(marker + 1),
        _ => None,
    }
}

/// A fence run (```` ``` ```` or `~~~`, at least 3) at the start of `rest`: its char and length.
fn fence_run(rest: &[u8]) -> Option<(u8, usize)> {
    let c = *rest.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = rest.iter().take_while(|&&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// Whether a MyST directive's fence holds markdown (an admonition, a note,
/// a card…), not code.
fn markdown_directive(info: &str) -> bool {
    let info = info.trim();
    info.starts_with('{') && {
        let name = info[1..].split('}').next().unwrap_or("");
        !["code", "literalinclude", "math", "raw", "eval", "glue"].iter().any(|c| name.contains(c))
    }
}

impl Scanner<'_> {
    fn skip_front_matter(&mut self) {
        if !(self.text.starts_with("---\n") || self.text.starts_with("---\r\n")) {
            return;
        }
        let mut k = line_end(self.bytes, 0) + 1;
        let mut line = 2;
        while k < self.bytes.len() {
            let end = line_end(self.bytes, k);
            let l = self.text.get(k..end).unwrap_or("").trim_end();
            if l == "---" || l == "..." {
                self.pos = (end + 1).min(self.bytes.len());
                self.line = line + 1;
                return;
            }
            k = end + 1;
            line += 1;
        }
    }

    /// Moves to the start of the next line.
    fn next_line(&mut self, end: usize) {
        self.pos = (end + 1).min(self.bytes.len());
        self.line += 1;
    }

    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            let start = self.pos;
            let end = line_end(self.bytes, start);
            let (depth, prefix) = quote_prefix(self.bytes, start, end);
            let content = &self.bytes[start + prefix..end];
            let blank = content.iter().all(|b| b.is_ascii_whitespace());
            let (indent, ws) = indent_of(content);
            let rest = &content[ws..];

            // Inside a fence: its end, or its content.
            if let Some(fence) = &self.fence {
                let closes = fence_run(rest)
                    .is_some_and(|(c, n)| c == fence.char && n >= fence.len && rest[n..].trim_ascii().is_empty());
                if closes {
                    if let Some(f) = self.fence.take().filter(|f| f.math) {
                        // The content without the newline that ends its last line.
                        let stop = start.saturating_sub(1).max(f.body);
                        let latex = self.strip_quotes(f.body, stop, depth);
                        self.spans.push(Span {
                            latex,
                            display: true,
                            line: f.line,
                            start: f.body,
                            end: stop,
                            indented: false,
                        });
                    }
                }
                self.next_line(end);
                continue;
            }
            if blank {
                self.prev_blank = true;
                self.next_line(end);
                continue;
            }
            let list = self.list_indent.unwrap_or(0);
            if self.prev_blank && indent < list && list_marker(rest).is_none() {
                self.list_indent = None;
            }
            let base = self.list_indent.unwrap_or(0);
            // Indented code (outside a list's content): only a `$$` block in it is read, as MathJax would.
            if indent >= base + 4 && (self.prev_blank || self.in_indented_code) {
                self.in_indented_code = true;
                if rest.starts_with(b"$$") {
                    self.prev_blank = false;
                    self.scan_inline(start + prefix + ws, depth, true);
                } else {
                    self.next_line(end);
                }
                continue;
            }
            self.in_indented_code = false;
            // A fence opens (a code fence, a ```math fence, or a MyST directive holding markdown).
            if let Some((c, n)) = fence_run(rest) {
                let info = self.text.get(start + prefix + ws + n..end).unwrap_or("").trim();
                let closes_directive =
                    self.directives.last().is_some_and(|&(dc, dn)| dc == c && n >= dn) && info.is_empty();
                if closes_directive {
                    self.directives.pop();
                    self.blank.push((start, end));
                } else if !(c == b'`' && info.contains('`')) {
                    if markdown_directive(info) {
                        self.directives.push((c, n));
                        self.blank.push((start, end));
                    } else {
                        let math = info.split_whitespace().next() == Some("math");
                        let body = (end + 1).min(self.bytes.len());
                        self.fence = Some(Fence { char: c, len: n, math, body, line: self.line + 1 });
                    }
                    self.prev_blank = false;
                    self.next_line(end);
                    continue;
                }
            }
            if let Some(width) = list_marker(rest) {
                self.list_indent = Some(indent + width);
            }
            self.prev_blank = false;
            self.scan_inline(start + prefix, depth, false);
        }
        // A fence left open runs to the end of the post.
        if let Some(f) = self.fence.take().filter(|f| f.math) {
            let latex = self.strip_quotes(f.body, self.bytes.len(), 0);
            let end = self.bytes.len();
            self.spans.push(Span { latex, display: true, line: f.line, start: f.body, end, indented: false });
        }
    }

    /// 1-based line of byte `offset`, counted from the current line.
    fn line_of(&self, offset: usize) -> usize {
        self.line + self.bytes[self.pos.min(offset)..offset].iter().filter(|&&b| b == b'\n').count()
    }

    /// The text of `from..to`, each line after the first without its `depth` blockquote markers.
    fn strip_quotes(&self, from: usize, to: usize, depth: usize) -> String {
        let raw = self.text.get(from..to).unwrap_or("");
        if depth == 0 || !raw.contains('\n') {
            return raw.to_string();
        }
        let mut out = String::with_capacity(raw.len());
        for (k, l) in raw.split('\n').enumerate() {
            if k == 0 {
                out.push_str(l);
                continue;
            }
            out.push('\n');
            let mut rest = l;
            for _ in 0..depth {
                let t = rest.trim_start_matches(' ');
                match t.strip_prefix('>') {
                    Some(r) if rest.len() - t.len() <= 3 => rest = r.strip_prefix(' ').unwrap_or(r),
                    _ => break,
                }
            }
            out.push_str(rest);
        }
        out
    }

    /// Whether a blank line (or a line of only blockquote markers) lies strictly inside `from..to`.
    fn crosses_blank_line(&self, from: usize, to: usize) -> bool {
        let pieces: Vec<&str> = self.text.get(from..to).unwrap_or("").split('\n').collect();
        pieces.len() > 2
            && pieces[1..pieces.len() - 1]
                .iter()
                .any(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '>').is_empty())
    }

    /// Records a span whose LaTeX is `body` (a byte range) inside the container `start..end`.
    fn push(&mut self, body: (usize, usize), container: (usize, usize), display: bool, depth: usize, indented: bool) {
        let mut latex = self.strip_quotes(body.0, body.1, depth);
        strip_cdata(&mut latex);
        let line = self.line_of(body.0);
        self.spans.push(Span { latex, display, line, start: container.0, end: container.1, indented });
    }

    /// Moves to `to`, counting the lines passed.
    fn advance(&mut self, to: usize) {
        let to = to.min(self.bytes.len());
        self.line += self.bytes[self.pos.min(to)..to].iter().filter(|&&b| b == b'\n').count();
        self.pos = to;
    }

    /// Scans from `from` to the end of the line, and across lines while a span is open.
    fn scan_inline(&mut self, from: usize, depth: usize, indented: bool) {
        self.pos = from;
        let mut first = true;
        loop {
            let k = self.pos;
            if k >= self.bytes.len() {
                return;
            }
            let b = self.bytes[k];
            if b == b'\n' {
                self.next_line(k);
                return;
            }
            let rest = &self.bytes[k..];
            let before_ok = first;
            first = false;
            if let Some(to) = self.try_span(k, rest, depth, indented && before_ok) {
                self.advance(to);
                // A span ending mid-line: the rest of that line is read too.
                continue;
            }
            // Skip one whole character.
            let width = match b {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            self.pos = (k + width).min(self.bytes.len());
            while self.pos < self.bytes.len() && !self.text.is_char_boundary(self.pos) {
                self.pos += 1;
            }
        }
    }

    /// A span, or a skipped construct (code span, comment, a tag MathJax skips), opening at `k`:
    /// the offset just after it.
    fn try_span(&mut self, k: usize, rest: &[u8], depth: usize, indented: bool) -> Option<usize> {
        let text = self.text;
        let find = |from: usize, pat: &str| text.get(from..).and_then(|t| t.find(pat)).map(|p| from + p);
        match rest[0] {
            b'\\' => {
                for (open, close, display) in [("\\\\[", "\\\\]", true), ("\\\\(", "\\\\)", false)] {
                    if rest.starts_with(open.as_bytes()) {
                        let body = k + open.len();
                        let end = find(body, close)?;
                        self.push((body, end), (k, end + close.len()), display, depth, false);
                        return Some(end + close.len());
                    }
                }
                for (open, close, display) in [("\\[", b']', true), ("\\(", b')', false)] {
                    if rest.starts_with(open.as_bytes()) {
                        let body = k + 2;
                        let end = self.find_escaped(body, close)?;
                        self.push((body, end), (k, end + 2), display, depth, false);
                        return Some(end + 2);
                    }
                }
                if rest.starts_with(b"\\begin{") {
                    let name_end = find(k + 7, "}")?;
                    let name = text.get(k + 7..name_end)?;
                    if ENVIRONMENTS.contains(&name) {
                        let close = format!("\\end{{{name}}}");
                        let end = find(name_end, &close)? + close.len();
                        self.push((k, end), (k, end), true, depth, false);
                        return Some(end);
                    }
                    return None;
                }
                // An escaped character (`\$`, `\\`, `\``): not a delimiter.
                rest.get(1).filter(|c| c.is_ascii_punctuation()).map(|_| k + 2)
            }
            b'$' => {
                if rest.starts_with(b"$$") {
                    let body = k + 2;
                    let end = self.find_dollars(body, true)?;
                    self.push((body, end), (k, end + 2), true, depth, indented);
                    return Some(end + 2);
                }
                // `$…$`: no space after the opener, no digit after the closer (`$5 and $6`); within the paragraph.
                if rest.get(1).is_none_or(|c| c.is_ascii_whitespace()) {
                    return None;
                }
                let end = self.find_dollars(k + 1, false)?;
                if self.crosses_blank_line(k, end) {
                    return None;
                }
                self.push((k + 1, end), (k, end + 1), false, depth, false);
                Some(end + 1)
            }
            b'`' => {
                let n = rest.iter().take_while(|&&b| b == b'`').count();
                let run = "`".repeat(n);
                // The matching run of exactly n backticks.
                let mut from = k + n;
                let close = loop {
                    let c = find(from, &run)?;
                    let m = self.bytes[c..].iter().take_while(|&&b| b == b'`').count();
                    if m == n {
                        break c;
                    }
                    from = c + m;
                };
                if self.crosses_blank_line(k, close) {
                    return Some(k + n);
                }
                // The kramdown trick: `\(…\)` and `\[…\]` in backticks are math.
                let inner = text.get(k + n..close)?;
                let trimmed = inner.trim();
                let lead = inner.len() - inner.trim_start().len();
                for (open, close_delim, display) in [("\\[", "\\]", true), ("\\(", "\\)", false)] {
                    if trimmed.len() >= 4 && trimmed.starts_with(open) && trimmed.ends_with(close_delim) {
                        let body = k + n + lead + 2;
                        self.push((body, body + trimmed.len() - 4), (k, close + n), display, depth, false);
                        return Some(close + n);
                    }
                }
                Some(close + n)
            }
            b'<' => self.try_tag(k, rest, depth),
            b'{' if rest.starts_with(b"{%") => {
                let tag_end = find(k, "%}")?;
                let tag = text.get(k + 2..tag_end)?.trim();
                if tag.split_whitespace().next() != Some("mathjax") {
                    return None;
                }
                let body = tag_end + 2;
                let close = find(body, "{%")
                    .filter(|&c| text.get(c + 2..).is_some_and(|t| t.trim_start().starts_with("endmathjax")))?;
                let close_end = find(close, "%}")? + 2;
                // A tag alone on its line (or asked for with "display":true) is a display.
                let line_start = text.get(..k).map_or(0, |t| t.rfind('\n').map_or(0, |p| p + 1));
                let alone = text.get(line_start..k).is_some_and(|t| t.trim().is_empty())
                    && text.get(body..).is_some_and(|t| t.split('\n').next().is_some_and(|l| l.trim().is_empty()));
                let display = alone || tag.replace(' ', "").contains("\"display\":true");
                self.push((body, close), (k, close_end), display, depth, false);
                Some(close_end)
            }
            _ => None,
        }
    }

    /// `<script type="math/tex…">`, MDX `<BlockMath math=…/>` / `<InlineMath …/>`,
    /// or a comment or tag whose content MathJax skips.
    fn try_tag(&mut self, k: usize, rest: &[u8], depth: usize) -> Option<usize> {
        let text = self.text;
        let find = |from: usize, pat: &str| text.get(from..).and_then(|t| t.find(pat)).map(|p| from + p);
        if rest.starts_with(b"<!--") {
            return Some(find(k + 4, "-->").map_or(self.bytes.len(), |e| e + 3));
        }
        let name_len = rest[1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = text.get(k + 1..k + 1 + name_len)?;
        let lower = name.to_ascii_lowercase();
        if lower == "script" {
            let open_end = find(k, ">")?;
            let attrs = text.get(k..open_end)?.to_ascii_lowercase();
            let close = text.get(open_end..)?.to_ascii_lowercase().find("</script")? + open_end;
            let close_end = find(close, ">").map_or(self.bytes.len(), |e| e + 1);
            if attrs.contains("math/tex") {
                let display = attrs.contains("mode=display");
                self.push((open_end + 1, close), (k, close_end), display, depth, false);
            }
            return Some(close_end);
        }
        if SKIPPED_TAGS.contains(&lower.as_str()) {
            let close = text.get(k..)?.to_ascii_lowercase().find(&format!("</{lower}"))? + k;
            return Some(find(close, ">").map_or(self.bytes.len(), |e| e + 1));
        }
        if name == "BlockMath" || name == "InlineMath" {
            return self.mdx(k, name == "BlockMath", depth);
        }
        None
    }

    /// MDX `<BlockMath math="…" />`: the attribute's value, in `"…"`, `'…'`,
    /// `{String.raw`…`}`, `{`…`}` or `{"…"}` (the last two with `\\` read as `\`).
    fn mdx(&mut self, k: usize, display: bool, depth: usize) -> Option<usize> {
        let text = self.text;
        let after_name = k + if display { 10 } else { 11 };
        let t = text.get(after_name..)?;
        let attr = t.find("math")?;
        // Only white space and other attributes between the name and `math`: never past the element's end.
        if t[..attr].contains('>') {
            return None;
        }
        let skip_ws = |mut p: usize| {
            while self.bytes.get(p).is_some_and(|b| b.is_ascii_whitespace()) {
                p += 1;
            }
            p
        };
        let mut p = skip_ws(after_name + attr + 4);
        if self.bytes.get(p) != Some(&b'=') {
            return None;
        }
        p = skip_ws(p + 1);
        let rest = text.get(p..)?;
        let (body, value_end, unescape) = if rest.starts_with('"') || rest.starts_with('\'') {
            let q = &rest[..1];
            let e = rest[1..].find(q)? + 1;
            ((p + 1, p + e), p + e + 1, false)
        } else if let Some(r) = rest.strip_prefix('{') {
            let r2 = r.trim_start();
            let off = p + 1 + (r.len() - r2.len());
            let (raw, r3, off) = match r2.strip_prefix("String.raw") {
                Some(r3) => (true, r3, off + 10),
                None => (false, r2, off),
            };
            let q = r3.chars().next().filter(|c| matches!(c, '`' | '"' | '\''))?;
            let e = r3[1..].find(q)? + 1;
            let close = text.get(off + e + 1..)?.find('}')? + off + e + 1;
            ((off + 1, off + e), close + 1, !raw)
        } else {
            return None;
        };
        let end = text.get(value_end..).and_then(|t| t.find('>')).map_or(self.bytes.len(), |e| value_end + e + 1);
        self.push(body, (k, end), display, depth, false);
        if unescape {
            if let Some(s) = self.spans.last_mut() {
                s.latex = s.latex.replace("\\\\", "\\");
            }
        }
        Some(end)
    }

    /// The offset of the closing `$` (or `$$`) of a span whose LaTeX starts at `from`; a `\`-escaped character is skipped.
    fn find_dollars(&self, from: usize, double: bool) -> Option<usize> {
        let mut k = from;
        while k < self.bytes.len() {
            match self.bytes[k] {
                b'\\' => k += 2,
                b'$' if double => {
                    if self.bytes.get(k + 1) == Some(&b'$') {
                        return Some(k);
                    }
                    k += 1;
                }
                b'$' => {
                    let before_ok = k > from;
                    let after_ok = !self.bytes.get(k + 1).is_some_and(|b| b.is_ascii_digit() || *b == b'$');
                    if before_ok && after_ok {
                        return Some(k);
                    }
                    if self.bytes.get(k + 1) == Some(&b'$') {
                        return None; // a display opens before this inline span closes
                    }
                    k += 1;
                }
                _ => k += 1,
            }
        }
        None
    }

    /// The offset of the `\` of the closing `\]` (or `\)`), a `\`-escaped pair skipped.
    fn find_escaped(&self, from: usize, close: u8) -> Option<usize> {
        let mut k = from;
        while k + 1 < self.bytes.len() {
            if self.bytes[k] == b'\\' {
                if self.bytes[k + 1] == close {
                    return Some(k);
                }
                k += 2;
            } else {
                k += 1;
            }
        }
        None
    }
}

/// Removes the `% <![CDATA[` and `%]]>` wrappers MathJax scripts carry, keeping the lines.
fn strip_cdata(latex: &mut String) {
    for wrapper in ["% <![CDATA[", "%<![CDATA[", "<![CDATA[", "%]]>", "]]>"] {
        if latex.contains(wrapper) {
            *latex = latex.replace(wrapper, "");
        }
    }
}

/// `text` with every span replaced by its placeholder: `OPEN index CLOSE` on
/// its first line, `MORE` on each later line (after the line's blockquote
/// markers), the lines in `blank` emptied. Same number of lines.
fn mask(text: &str, spans: &[Span], blank: &[(usize, usize)]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16 * spans.len());
    let mut cuts: Vec<(usize, usize, Option<usize>)> =
        spans.iter().enumerate().map(|(k, s)| (s.start, s.end, Some(k))).collect();
    cuts.extend(blank.iter().map(|&(a, b)| (a, b, None)));
    cuts.sort();
    let mut at = 0;
    for (start, end, span) in cuts {
        if start < at || end < start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let mut start = start;
        if span.is_some_and(|k| spans[k].indented) {
            // An indented `$$` block read as math: the parser reads its placeholder as text, not code.
            let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
            if line_start >= at && text[line_start..start].trim().is_empty() {
                out.push_str(&text[at..line_start]);
                at = line_start;
                start = line_start;
            }
        }
        out.push_str(&text[at..start]);
        if let Some(k) = span {
            out.push(OPEN);
            out.push_str(&k.to_string());
            out.push(CLOSE);
            for line in text[start..end].split('\n').skip(1) {
                out.push('\n');
                let (_, prefix) = quote_prefix(line.as_bytes(), 0, line.len());
                out.push_str(&line[..prefix]);
                out.push(MORE);
            }
        }
        at = end;
    }
    out.push_str(&text[at.min(bytes.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, bool, usize)> {
        scan(text).spans.into_iter().map(|s| (s.latex, s.display, s.line)).collect()
    }

    #[test]
    fn the_masked_text_keeps_every_line() {
        for text in ["a $x$ b\n\n$$\ny\n\nz\n$$\n> $$a\n> b$$\n", "\\begin{align*}\na\n\n&= b\n\\end{align*}\n"] {
            let s = scan(text);
            assert_eq!(s.masked.matches('\n').count(), text.matches('\n').count(), "{:?}", s.masked);
        }
    }

    #[test]
    fn a_blockquote_prefix_stays_out_of_the_formula() {
        assert_eq!(found("> $$a\n> = b$$\n"), [("a\n= b".to_string(), true, 1)]);
    }

    #[test]
    fn escapes_and_prices_are_not_math() {
        assert!(found("It costs \\$5 and $ 10, or 5$.\n").is_empty());
        assert!(found("`$x$` and\n\n```\n$$y$$\n```\n").is_empty());
    }
}
