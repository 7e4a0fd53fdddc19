//! A Jacobian written out as a matrix, `\frac{\partial \sigma}{\partial \mathbf z} =
//! \begin{bmatrix} … \end{bmatrix}`: each written entry is a claim about the entry at its
//! position, decided as the post would write it alone,
//! $\partial \sigma_q/\partial z_q$ on the diagonal and $\partial \sigma_q/\partial z_{r \ne q}$
//! off it.
//!
//! Positions are labelled by the indices the entries use: row and column $p$ of the square
//! are the same index, labelled by the index most of their entries use (`1`, `2`,
//! `n_{1}`), so one entry with an index typo does not move its row. Two positions with the same label are the same index
//! (a diagonal entry), two with different labels different indices — the first, second and
//! last of `1, 2, …, n` are distinct. Dots (`\cdots`, `\vdots`, `\ddots`) claim nothing; an
//! entry that uses an index other than its row's and column's is unread, with its position.

use super::{normalize, tokenize, Notation, Pat, Tok};

/// One written entry of a Jacobian matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its position as the post labels it: (row, column).
    pub position: (String, String),
    /// The entry as the post writes it.
    pub written: String,
    /// The entry as a relation in the post's notation, or why it is not read.
    pub row: Result<String, String>,
}

/// The environments read as matrices.
const MATRICES: [&str; 4] = ["bmatrix", "pmatrix", "Bmatrix", "matrix"];

/// Cells that claim nothing.
const DOTS: [&str; 5] = ["\\cdots", "\\vdots", "\\ddots", "\\dots", "\\ldots"];

impl Notation {
    /// The entries of `latex` when it is the post's Jacobian equal to a matrix; `None` when it
    /// is not that; `Err` for such a matrix the tool does not read.
    ///
    /// # Errors
    /// Why the matrix is not read (derivatives as entries, positions without a label).
    pub fn jacobian_entries(&self, latex: &str) -> Option<Result<Vec<Entry>, String>> {
        let env = MATRICES.iter().find(|m| latex.contains(&format!("\\begin{{{m}}}")))?;
        let (begin, end) = (format!("\\begin{{{env}}}"), format!("\\end{{{env}}}"));
        let start = latex.find(&begin)?;
        let stop = latex.rfind(&end)?;
        let left = latex[..start].trim().trim_end_matches('&').trim();
        let left = left.strip_suffix('=')?.trim().trim_end_matches('&').trim();
        let ts = normalize(tokenize(left));
        let first = super::next(&ts, 0);
        if self.jacobian_at(&ts, first).is_none_or(|(e, log)| log || super::next(&ts, e) < ts.len()) {
            return None;
        }
        let after = latex[stop + end.len()..].trim().trim_end_matches("\\\\").trim();
        if stop < start || !after.is_empty() {
            return Some(Err("material after the matrix: not read".to_string()));
        }
        Some(self.entries(&latex[start + begin.len()..stop]))
    }

    fn entries(&self, body: &str) -> Result<Vec<Entry>, String> {
        let cells: Vec<Vec<String>> =
            split_top(body, "\\\\").iter().filter(|r| !r.trim().is_empty()).map(|r| split_top(r, "&")).collect();
        if cells.iter().flatten().any(|c| c.contains("\\partial")) {
            return Err("a matrix of derivatives: it restates the Jacobian".to_string());
        }
        let width = cells.first().map_or(0, Vec::len);
        if width < 2 || cells.len() != width || cells.iter().any(|r| r.len() != width) {
            return Err("a matrix that is not a full square of entries: not read".to_string());
        }
        let labels: Vec<Vec<Option<Vec<String>>>> =
            cells.iter().map(|r| r.iter().map(|c| self.labels(c)).collect()).collect();
        // Row p and column p are the same index: labelled by what the entries of both use most.
        let label = |p: usize| most_used(labels[p].iter().flatten().chain(labels.iter().filter_map(|r| r[p].as_ref())));
        if !in_order(&(0..width).filter_map(label).collect::<Vec<_>>()) {
            return Err("positions whose labels are repeated or out of order (1, 2, …, n): not read".to_string());
        }
        let mut out = Vec::new();
        for (r, row) in cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(used) = &labels[r][c] else { continue };
                let (Some(row_at), Some(column_at)) = (label(r), label(c)) else {
                    return Err("a position the entries do not label: not read".to_string());
                };
                let position = (row_at.clone(), column_at.clone());
                let row = match used.iter().find(|l| **l != row_at && **l != column_at) {
                    Some(other) => Err(format!(
                        "the entry at ({row_at}, {column_at}) uses the index {other}, neither its row's nor its column's"
                    )),
                    None => self.entry_row(cell, &row_at, &column_at),
                };
                out.push(Entry { position, written: cell.trim().to_string(), row });
            }
        }
        Ok(out)
    }

    /// The index labels an entry uses (the subscripts of the outputs and the logits);
    /// `None` for dots.
    fn labels(&self, cell: &str) -> Option<Vec<String>> {
        if DOTS.contains(&cell.trim()) || cell.trim().is_empty() {
            return None;
        }
        Some(self.subscripts(cell).into_iter().map(|(label, _)| label).collect())
    }

    /// Each subscript of an output or a logit in `cell`: its label and its token span.
    fn subscripts(&self, cell: &str) -> Vec<(String, std::ops::Range<usize>)> {
        let ts = normalize(tokenize(cell));
        let mut out = Vec::new();
        let mut k = 0;
        while k < ts.len() {
            let name_end = self.vector_name_at(&ts, k).or_else(|| (ts[k] == self.logit).then_some(k + 1));
            let Some(end) = name_end else {
                k += 1;
                continue;
            };
            let under = super::next(&ts, end);
            if !ts.get(under).is_some_and(|t| t.is('_')) {
                k = end.max(k + 1);
                continue;
            }
            let open = super::next(&ts, under + 1);
            let close = if ts.get(open).is_some_and(|t| t.is('{')) { super::group_end(&ts, open) } else { Some(open) };
            let Some(close) = close.filter(|c| *c < ts.len()) else { break };
            let label: String = ts[open..=close].iter().map(Tok::src).collect::<String>();
            let label = label.replace(' ', "");
            let label = match label.strip_prefix('{').and_then(|l| l.strip_suffix('}')) {
                Some(inner) => inner.to_string(),
                None => label,
            };
            out.push((label, open..close + 1));
            k = close + 1;
        }
        out
    }

    /// The entry at (`row_at`, `column_at`) as a relation of the post's notation.
    fn entry_row(&self, cell: &str, row_at: &str, column_at: &str) -> Result<String, String> {
        let (q, r) = self.free_letters().ok_or("no letters free for the entry's indices")?;
        let ts = normalize(tokenize(cell));
        let mut text = String::new();
        let mut k = 0;
        for (label, span) in self.subscripts(cell) {
            text.extend(ts[k..span.start].iter().map(Tok::src));
            text.push_str(&format!("{{{}}}", if label == row_at { q } else { r }));
            k = span.end;
        }
        text.extend(ts[k..].iter().map(Tok::src));
        let output = self.output_with(q).ok_or("the outputs have no indexed name")?;
        let logit = self.logit.src();
        let denominator =
            if row_at == column_at { format!("{logit}_{{{q}}}") } else { format!("{logit}_{{{r} \\neq {q}}}") };
        Ok(format!("\\frac{{\\partial {output}}}{{\\partial {denominator}}} = {text}"))
    }

    /// Two index letters the post's names do not use.
    fn free_letters(&self) -> Option<(char, char)> {
        let used = |c: char| {
            self.logit.letter() == Some(c)
                || self.outputs.iter().flat_map(|t| &t.0).any(|p| matches!(p, Pat::Tok(t) if t.letter() == Some(c)))
        };
        [('q', 'r'), ('u', 'v'), ('s', 't'), ('m', 'n')].into_iter().find(|(a, b)| !used(*a) && !used(*b))
    }

    /// The first output name with an index, written with the index `c`.
    fn output_with(&self, c: char) -> Option<String> {
        let t = self.outputs.iter().find(|t| t.0.len() >= 2 && matches!(t.0.last(), Some(Pat::Index)))?;
        Some(
            t.0.iter()
                .map(|p| match p {
                    Pat::Index => format!("{{{c}}}"),
                    Pat::Tok(t) => t.src(),
                })
                .collect(),
        )
    }
}

/// Whether the labels of the positions, in order, are distinct, with the numbers
/// increasing and before the letters (`1, 2, n`; `i, j`), as a Jacobian's rows are written.
fn in_order(labels: &[String]) -> bool {
    let numbers: Vec<Option<u64>> = labels.iter().map(|l| l.parse().ok()).collect();
    let distinct = labels.iter().enumerate().all(|(k, l)| !labels[..k].contains(l));
    let increasing = numbers.windows(2).all(|w| match (w[0], w[1]) {
        (Some(a), Some(b)) => a < b,
        (None, Some(_)) => false,
        _ => true,
    });
    distinct && increasing
}

/// The label most of `labels` (one set per entry) use, when one does.
fn most_used<'a>(labels: impl Iterator<Item = &'a Vec<String>>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for set in labels {
        let mut seen: Vec<&String> = Vec::new();
        for l in set {
            if seen.contains(&l) {
                continue;
            }
            seen.push(l);
            match counts.iter_mut().find(|(x, _)| x == l) {
                Some((_, n)) => *n += 1,
                None => counts.push((l.clone(), 1)),
            }
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    let mut top = counts.into_iter().filter(|(_, n)| *n == best);
    let (label, _) = top.next()?;
    top.next().is_none().then_some(label)
}

/// `text` split at `sep` outside braces.
fn split_top(text: &str, sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' if text[k..].starts_with(sep) && depth == 0 => {
                out.push(text[start..k].to_string());
                k += sep.len();
                start = k;
                continue;
            }
            b'\\' => k += 1,
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ if depth == 0 && text[k..].starts_with(sep) => {
                out.push(text[start..k].to_string());
                k += sep.len();
                start = k;
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    out.push(text[start..].to_string());
    out
}
