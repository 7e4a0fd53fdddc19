//! The corrections as a unified diff of the post, which `git apply` and
//! `patch -p1` apply: one hunk per corrected line (merged when close), three
//! lines of context, the post's own line endings kept.

use crate::claims::Fix;

/// The post with every fix applied.
pub fn apply(markdown: &str, fixes: &[Fix]) -> String {
    markdown
        .split_inclusive('\n')
        .enumerate()
        .map(|(k, raw)| match fixes.iter().find(|f| f.line == k + 1) {
            Some(f) => format!("{}{}", f.new, ending(raw)),
            None => raw.to_string(),
        })
        .collect()
}

/// A line's ending: `\r\n`, `\n` or nothing.
fn ending(raw: &str) -> &str {
    let content = raw.trim_end_matches(['\n', '\r']);
    &raw[content.len()..]
}

/// The unified diff turning `markdown` into [`apply`]`(markdown, fixes)`,
/// with paths `a/<name>` and `b/<name>`; empty when there is nothing to fix.
///
/// # Example
/// ```
/// use dsoftmax::{claims::Fix, report::patch::diff};
/// let fix = Fix { line: 2, old: "x^2".into(), new: "x^3".into() };
/// let d = diff("post.md", "a\nx^2\nb\n", &[fix]);
/// assert_eq!(d, "--- a/post.md\n+++ b/post.md\n@@ -1,3 +1,3 @@\n a\n-x^2\n+x^3\n b\n");
/// ```
pub fn diff(name: &str, markdown: &str, fixes: &[Fix]) -> String {
    let raw: Vec<&str> = markdown.split_inclusive('\n').collect();
    let mut changed: Vec<usize> =
        fixes.iter().map(|f| f.line - 1).filter(|&k| k < raw.len() && fixes_change(raw[k], fixes, k)).collect();
    changed.sort_unstable();
    changed.dedup();
    if changed.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &k in &changed {
        let (start, end) = (k.saturating_sub(3), (k + 4).min(raw.len()));
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    // A fix may insert lines (`new` with a newline: a blank line before a `$$` block): the
    // new side of each hunk, and the start of every later one, count them.
    let fix_at = |k: usize| fixes.iter().find(|f| f.line == k + 1).expect("a changed line has its fix");
    let added = |k: usize| if changed.contains(&k) { fix_at(k).new.matches('\n').count() } else { 0 };
    let mut shift = 0;
    for (start, end) in hunks {
        let len = end - start;
        let grown: usize = (start..end).map(added).sum();
        out.push_str(&format!("@@ -{},{len} +{},{} @@\n", start + 1, start + 1 + shift, len + grown));
        shift += grown;
        for (k, line) in raw.iter().enumerate().take(end).skip(start) {
            if changed.contains(&k) {
                push_line(&mut out, '-', line);
                let new = format!("{}{}", fix_at(k).new, ending(line));
                for piece in new.split_inclusive('\n') {
                    push_line(&mut out, '+', piece);
                }
            } else {
                push_line(&mut out, ' ', line);
            }
        }
    }
    out
}

fn fixes_change(raw: &str, fixes: &[Fix], k: usize) -> bool {
    fixes.iter().any(|f| f.line == k + 1 && f.new != raw.trim_end_matches(['\n', '\r']))
}

/// One diff line; a last line without a newline gets git's marker.
fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}
