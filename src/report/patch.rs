//! The corrections as a unified diff of the post, which `git apply` and
//! `patch -p1` apply: one hunk per corrected line (merged when close), three
//! lines of context, the post's own line endings kept.

use crate::claims::Fix;

/// The fixes (in the order of lines) with those of one line made one, and the
/// fixes left out. Each fix changes one span of the line (what lies between the
/// part it keeps at the start and the part it keeps at the end), and may add
/// blank lines before or after it; fixes whose spans lie apart are applied
/// together, and of overlapping ones the first is kept, the others left out
/// (their finding stays refuted once the patch is applied).
pub fn merge(fixes: Vec<Fix>) -> (Vec<Fix>, Vec<Fix>) {
    let (mut out, mut dropped): (Vec<Fix>, Vec<Fix>) = (Vec::new(), Vec::new());
    for fix in fixes {
        match out.last_mut() {
            Some(last) if last.line == fix.line => match together(last, &fix) {
                Some(both) => last.new = both,
                None => dropped.push(fix),
            },
            _ => out.push(fix),
        }
    }
    (out, dropped)
}

/// The byte span of `old` that `new` replaces, and its replacement: what lies
/// between their longest common start and their longest common end.
fn changed<'a>(old: &str, new: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let start = old
        .char_indices()
        .zip(new.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((k, a), _)| k + a.len_utf8());
    let old_rest = &old[start..];
    let new_rest = &new[start..];
    let end = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    (start..old.len() - end, &new[start..new.len() - end])
}

/// `first` (already possibly merged, on the same line) and `second` applied
/// together to the line, when the spans they change lie apart; the blank lines
/// either adds around the line are kept.
fn together(first: &Fix, second: &Fix) -> Option<String> {
    let old = first.old.as_str();
    let ((b1, c1, a1), (b2, c2, a2)) = (first.blank_lines(), second.blank_lines());
    let core = if c1 == old {
        c2.to_string()
    } else if c2 == old {
        c1.to_string()
    } else {
        let (a, a_new) = changed(old, c1);
        let (b, b_new) = changed(old, c2);
        // Apart, with at least one character between them: adjacent edits may be one word.
        if a.end < b.start {
            format!("{}{a_new}{}{b_new}{}", &old[..a.start], &old[a.end..b.start], &old[b.end..])
        } else if b.end < a.start {
            format!("{}{b_new}{}{a_new}{}", &old[..b.start], &old[b.end..a.start], &old[a.end..])
        } else {
            return None;
        }
    };
    Some(format!("{}{core}{}", "\n".repeat(b1.max(b2)), "\n".repeat(a1.max(a2))))
}

/// The post with every fix applied.
pub fn apply(markdown: &str, fixes: &[Fix]) -> String {
    let crlf = markdown.contains("\r\n");
    markdown
        .split_inclusive('\n')
        .enumerate()
        .map(|(k, raw)| match fixes.iter().find(|f| f.line == k + 1) {
            Some(f) => format!("{}{}", with_ending(&f.new, crlf), ending(raw)),
            None => raw.to_string(),
        })
        .collect()
}

/// A fix's text with the lines it inserts ended as the post's lines are (a `crlf` post stays CRLF).
fn with_ending(new: &str, crlf: bool) -> String {
    if crlf {
        new.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        new.to_string()
    }
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
    let crlf = markdown.contains("\r\n");
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
                let new = format!("{}{}", with_ending(&fix_at(k).new, crlf), ending(line));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: usize, old: &str, new: &str) -> Fix {
        Fix { line, old: old.into(), new: new.into() }
    }

    #[test]
    fn two_fixes_of_one_line_are_one_edit_when_they_do_not_overlap() {
        let old = "pour `a = [1 2 5]` on a `S = [0,02 0,05 0,93]` et $i \\in \\{1\\}$";
        let value = fix(4, old, &old.replace("0,93", "0,94"));
        let math = fix(4, old, &old.replace("$i \\in \\{1\\}$", "$$i \\in \\{1\\}$$"));
        let both = merge(vec![value.clone(), math]).0;
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].new, "pour `a = [1 2 5]` on a `S = [0,02 0,05 0,94]` et $$i \\in \\{1\\}$$");
        // Blank lines before and after a display: both inserted.
        let before_after = merge(vec![fix(7, "$$", "\n$$"), fix(7, "$$", "$$\n")]).0;
        assert_eq!(before_after[0].new, "\n$$\n");
        // A display needing blank lines around it, and a wrong value inside it: both.
        let line = "$$S(a) = [0.02, 0.05, 0.93]$$";
        let both = merge(vec![fix(7, line, &format!("\n{line}\n")), fix(7, line, &line.replace("0.93", "0.94"))]);
        assert_eq!(both.0[0].new, format!("\n{}\n", line.replace("0.93", "0.94")));
        assert!(both.1.is_empty());
        // Overlapping edits: the first is kept, the other said dropped.
        let clash = merge(vec![value, fix(4, old, &old.replace("0,93", "0,9362"))]);
        assert_eq!(clash.0[0].new, old.replace("0,93", "0,94"));
        assert_eq!(clash.1.len(), 1);
        // Other lines untouched.
        assert_eq!(merge(vec![fix(1, "a", "b"), fix(2, "c", "d")]).0.len(), 2);
    }

    #[test]
    fn inserted_lines_keep_a_crlf_posts_endings() {
        let post = "a\r\nb\r\n$$\r\nx\r\n";
        let fixed = apply(post, &[fix(3, "$$", "\n$$")]);
        assert_eq!(fixed, "a\r\nb\r\n\r\n$$\r\nx\r\n");
        assert!(!diff("p.md", post, &[fix(3, "$$", "\n$$")]).contains("+\n"));
    }
}
