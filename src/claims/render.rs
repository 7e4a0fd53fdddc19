//! The post's math as its blog renders it: kramdown (GFM), Jekyll's
//! renderer, for a post with YAML front matter. kramdown reads the markdown
//! before MathJax sees the math, and some of it breaks there while the tool,
//! which reads the math as the author meant it, would call it proved:
//!
//! - a `$$` display is a display only at a block boundary — a blank line (or
//!   the start) before its first line and after its last: next to a line of
//!   text (a paragraph, a heading, a list item) it is inline math in that
//!   paragraph, and a row of it that starts like a list item (`- `, `+ `,
//!   `* `, `1. `) or a quote (`> `) ends the paragraph, so the page shows raw
//!   LaTeX;
//! - a line of a paragraph with a `|` is a table row (GFM tables): the math
//!   on it is cut into cells (`\vert` writes the bar without a `|`);
//! - kramdown's math is `$$…$$`; a single-dollar span is text to it (MathJax
//!   reads it later), so kramdown takes its backslash escapes (`\{` → `{`,
//!   `\\` → `\`, `\|`, `\!`, `\_`, `\*`, …) and its `*…*` emphasis before
//!   MathJax sees it (`$$…$$` keeps the TeX as written).
//!
//! Each is a finding at its line, `refuted` (the page does not show the
//! formula the post writes), with the fix for the patch. These rules are
//! checked against the real kramdown in the tests.

use super::{Finding, Fix, Kind};
use crate::verdict::Verdict;

/// Characters kramdown's backslash escapes (its `ESCAPED_CHARS`).
const ESCAPED: &str = "\\.*_+-=`()[]{}#!<>|\"':$";

/// Finds what kramdown breaks in `markdown`, whose code blocks are at `in_code` (1-based lines).
pub(crate) fn find(markdown: &str, front_matter: bool, in_code: &dyn Fn(usize) -> bool) -> Vec<Finding> {
    if !front_matter {
        return Vec::new();
    }
    let lines: Vec<&str> = markdown.lines().collect();
    let body = front_matter_end(&lines);
    // kramdown leaves the inside of an HTML block as it is (MathJax reads its `$$` itself).
    let html = html_blocks(&lines, body, in_code);
    let in_code = |n: usize| in_code(n) || html.get(n - 1).copied().unwrap_or(false);
    let mut out = Vec::new();
    let mut displays: Vec<(usize, usize)> = Vec::new();
    let mut k = body;
    while k < lines.len() {
        let n = k + 1;
        if in_code(n) || !opens_display(lines[k]) {
            k += 1;
            continue;
        }
        let last = display_end(&lines, k);
        displays.push((k, last));
        out.extend(display(&lines, body, k, last));
        k = last + 1;
    }
    // A display at a block boundary is math to kramdown whatever it holds; the rest is text.
    let in_block_display = |k: usize| {
        displays.iter().any(|&(a, b)| a <= k && k <= b && blank_before(&lines, body, a) && blank_after(&lines, b))
    };
    for (k, line) in lines.iter().enumerate().skip(body) {
        if in_code(k + 1) || in_block_display(k) || line.trim().is_empty() {
            continue;
        }
        out.extend(table_row(k + 1, line));
        out.extend(single_dollar(k + 1, line));
    }
    out.sort_by_key(|f| f.line);
    out
}

/// Which lines are inside an HTML block (`<div …>` … `</div>` from the start of a line, at a
/// block boundary, without `markdown="1"`): kramdown does not read markdown there.
fn html_blocks(lines: &[&str], body: usize, in_code: &dyn Fn(usize) -> bool) -> Vec<bool> {
    // The block-level elements kramdown opens an HTML block with.
    const BLOCK: [&str; 24] = [
        "div",
        "details",
        "summary",
        "section",
        "article",
        "aside",
        "figure",
        "table",
        "center",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "p",
        "pre",
        "form",
        "header",
        "footer",
        "nav",
        "script",
        "style",
        "iframe",
        "address",
        "fieldset",
    ];
    let mut inside = vec![false; lines.len()];
    let mut k = body;
    while k < lines.len() {
        let indent = lines[k].len() - lines[k].trim_start_matches(' ').len();
        if indent > 3 || in_code(k + 1) {
            k += 1;
            continue;
        }
        let t = lines[k].trim_start();
        let tag: String = t.strip_prefix('<').map_or(String::new(), |r| {
            r.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase()
        });
        let boundary = k == body || lines[k - 1].trim().is_empty();
        if !BLOCK.contains(&tag.as_str()) || !boundary || t.contains("markdown=\"1\"") {
            k += 1;
            continue;
        }
        // To the line where the tags of that name balance.
        let (open, close) = (format!("<{tag}"), format!("</{tag}"));
        let mut depth = 0i64;
        let mut end = k;
        for (m, l) in lines.iter().enumerate().skip(k) {
            let lower = l.to_lowercase();
            depth += lower.matches(&open).count() as i64 - lower.matches(&close).count() as i64;
            end = m;
            if depth <= 0 {
                break;
            }
        }
        inside[k..=end].iter_mut().for_each(|x| *x = true);
        k = end + 1;
    }
    inside
}

/// The first line after the YAML front matter (0 when there is none).
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines.iter().skip(1).position(|l| matches!(l.trim_end(), "---" | "...")).map_or(0, |k| k + 2)
}

/// Whether a line opens a `$$` display: `$$` first on it (up to three spaces before), and
/// any other `$$` on it last (`$$p$$ with …` is a math span in a line of text).
fn opens_display(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let t = line.trim();
    let Some(rest) = t.strip_prefix("$$").filter(|_| indent <= 3) else { return false };
    rest.find("$$").is_none_or(|k| k + 2 == rest.len())
}

/// The line (0-based) that closes the display opened at `first`.
fn display_end(lines: &[&str], first: usize) -> usize {
    let opening = lines[first].trim();
    // `$$ … $$` on one line.
    if opening.len() > 4 && opening.ends_with("$$") {
        return first;
    }
    (first + 1..lines.len()).find(|&k| lines[k].contains("$$")).unwrap_or(lines.len() - 1)
}

fn blank_before(lines: &[&str], body: usize, first: usize) -> bool {
    first == body || lines[first - 1].trim().is_empty()
}

fn blank_after(lines: &[&str], last: usize) -> bool {
    lines.get(last + 1).is_none_or(|l| l.trim().is_empty())
}

/// A row that starts a list item or a quote, which ends a paragraph in kramdown.
fn starts_a_block(row: &str) -> bool {
    let t = row.trim_start();
    let bullet = ["- ", "+ ", "* "].iter().any(|b| t.starts_with(b)) || ["-", "+", "*"].contains(&t);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && t[digits..].starts_with(". ");
    bullet || ordered || t.starts_with("> ")
}

/// The display from `first` to `last` (0-based lines): at a block boundary, nothing;
/// else inline math, or raw LaTeX when a row starts a list item or a quote — a finding
/// at its first line for the blank line missing before it, at its last for the one after.
fn display(lines: &[&str], body: usize, first: usize, last: usize) -> Vec<Finding> {
    let (before, after) = (blank_before(lines, body, first), blank_after(lines, last));
    if before && after {
        return Vec::new();
    }
    let breaker = (first + 1..last).find(|&k| starts_a_block(lines[k]));
    let (what, what_fr) = match breaker {
        Some(k) => {
            let (n, row) = (k + 1, lines[k].trim());
            (
                format!(
                    "kramdown reads this `$$` as inline math inside the paragraph around it, and its row at line {n} \
                     (`{row}`) starts a list item or a quote, which ends the paragraph: the page shows raw LaTeX"
                ),
                format!(
                    "kramdown lit ce `$$` comme des maths en ligne dans le paragraphe qui l'entoure, et sa ligne {n} \
                     (`{row}`) commence un élément de liste ou une citation, ce qui clôt le paragraphe : la page montre \
                     le LaTeX brut"
                ),
            )
        }
        None => (
            "kramdown reads this `$$` as inline math inside the paragraph around it: the page shows it inline, not as \
             a display"
                .to_string(),
            "kramdown lit ce `$$` comme des maths en ligne dans le paragraphe qui l'entoure : la page l'affiche dans le \
             texte, pas en formule centrée"
                .to_string(),
        ),
    };
    let finding = |k: usize, (missing, missing_fr): (&str, &str), new: String| {
        let detail = (
            format!("{what}. A display needs a blank line {missing}"),
            format!("{what_fr}. Une formule centrée demande une ligne vide {missing_fr}"),
        );
        let fix = Fix { line: k + 1, old: lines[k].to_string(), new };
        let ce = serde_json::json!({"renderer": "kramdown", "display": [first + 1, last + 1]});
        breaks(k + 1, lines[k], detail, fix, ce)
    };
    match (before, after) {
        // One line, both missing: one edit.
        (false, false) if first == last => {
            vec![finding(first, ("before it and after it", "avant et après elle"), format!("\n{}\n", lines[first]))]
        }
        _ => {
            let mut out = Vec::new();
            if !before {
                out.push(finding(first, ("before it", "avant elle"), format!("\n{}", lines[first])));
            }
            if !after {
                out.push(finding(last, ("after it", "après elle"), format!("{}\n", lines[last])));
            }
            out
        }
    }
}

/// What kramdown breaks at line `n` (`text`): refuted with `detail` and where (`ce`),
/// corrected by `fix`.
fn breaks(n: usize, text: &str, (detail, fr): (String, String), fix: Fix, ce: serde_json::Value) -> Finding {
    Finding::new(Kind::Rendering, n, text, Verdict::Refuted, detail).fr(fr).refuted(ce, Some(fix))
}

/// The math spans of a line of text: byte ranges of `$…$` and `$$…$$`, with whether each is single-dollar.
fn math_spans(line: &str) -> Vec<(usize, usize, bool)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] == b'\\' {
            k += 2;
            continue;
        }
        if bytes[k] != b'$' {
            k += 1;
            continue;
        }
        let double = bytes.get(k + 1) == Some(&b'$');
        let open = k + if double { 2 } else { 1 };
        let close = if double { line[open..].find("$$") } else { find_single(&line[open..]) };
        let Some(close) = close.map(|c| c + open) else { break };
        out.push((open, close, !double));
        k = close + if double { 2 } else { 1 };
    }
    out
}

/// The next single `$` (not part of `$$`, not escaped) in `text`.
fn find_single(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => k += 2,
            b'$' if bytes.get(k + 1) == Some(&b'$') => return None,
            b'$' => return Some(k),
            _ => k += 1,
        }
    }
    None
}

/// A line of text with a `|` inside its math: a GFM table row to kramdown.
fn table_row(n: usize, line: &str) -> Option<Finding> {
    let spans = math_spans(line);
    let inside = |k: usize| spans.iter().any(|&(a, b, _)| a <= k && k < b);
    line.char_indices().find(|&(k, c)| c == '|' && inside(k))?;
    let mut fixed = String::new();
    let mut last = 0;
    for &(a, b, _) in &spans {
        fixed.push_str(&line[last..a]);
        fixed.push_str(&line[a..b].replace("\\|", "\\Vert ").replace('|', "\\vert "));
        last = b;
    }
    fixed.push_str(&line[last..]);
    let detail = (
        "a line with a `|` is a table row to kramdown (GFM): the math on it is cut into cells and the page shows raw \
         LaTeX; `\\vert` (and `\\Vert` for `\\|`) write the bars without a `|`"
            .to_string(),
        "une ligne qui contient un `|` est une ligne de tableau pour kramdown (GFM) : ses maths sont coupées en \
         cellules et la page montre le LaTeX brut ; `\\vert` (et `\\Vert` pour `\\|`) écrivent les barres sans `|`"
            .to_string(),
    );
    let fix = Fix { line: n, old: line.to_string(), new: fixed };
    Some(breaks(n, line, detail, fix, serde_json::json!({"renderer": "kramdown", "line": n})))
}

/// A single-dollar span kramdown changes before MathJax sees it: a backslash escape it takes,
/// or a `*` it may read as emphasis.
fn single_dollar(n: usize, line: &str) -> Option<Finding> {
    let spans = math_spans(line);
    let stars = line.matches('*').count();
    let broken = |a: usize, b: usize| {
        let span = &line[a..b];
        let escape = span.as_bytes().windows(2).enumerate().find_map(|(k, w)| {
            // `\\` is one escape (a backslash); in `\\{` the brace is then plain.
            (w[0] == b'\\' && ESCAPED.as_bytes().contains(&w[1]) && (k == 0 || span.as_bytes()[k - 1] != b'\\'))
                .then(|| span[k..k + 2].to_string())
        });
        escape.or_else(|| (stars >= 2 && span.contains('*')).then(|| "*".to_string()))
    };
    let bad: Vec<(usize, usize, String)> =
        spans.iter().filter(|s| s.2).filter_map(|&(a, b, _)| Some((a, b, broken(a, b)?))).collect();
    let (a, b, what) = bad.first().cloned()?;
    let span = &line[a..b];
    let (does, does_fr) = if what == "*" {
        ("may read `*` as emphasis".to_string(), "peut lire `*` comme une emphase".to_string())
    } else {
        (format!("turns `{what}` into `{}`", &what[1..]), format!("change `{what}` en `{}`", &what[1..]))
    };
    let detail = (
        format!(
            "kramdown's math is `$$…$$`: to it this `${span}$` is text, so it {does} before MathJax sees it; written \
             `$${span}$$` it is kept as written"
        ),
        format!(
            "les maths de kramdown s'écrivent `$$…$$` : pour lui ce `${span}$` est du texte, il {does_fr} avant que \
             MathJax ne le voie ; écrit `$${span}$$`, il est gardé tel quel"
        ),
    );
    // Every such span of the line written `$$…$$`.
    let mut fixed = String::new();
    let mut last = 0;
    for (a, b, _) in &bad {
        fixed.push_str(&line[last..a - 1]);
        fixed.push_str(&format!("$${}$$", &line[*a..*b]));
        last = b + 1;
    }
    fixed.push_str(&line[last..]);
    let fix = Fix { line: n, old: line.to_string(), new: fixed };
    Some(breaks(n, line, detail, fix, serde_json::json!({"renderer": "kramdown", "line": n})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(markdown: &str) -> Vec<(usize, String)> {
        let post = format!("---\nlayout: post\n---\n{markdown}");
        find(&post, true, &|_| false).into_iter().map(|f| (f.line, f.fix.map(|x| x.new).unwrap_or_default())).collect()
    }

    #[test]
    fn a_display_needs_blank_lines_around_it() {
        assert_eq!(found("\n$$\nx = 1\n$$\n\nText\n"), []);
        assert_eq!(found("Text\n$$\nx = 1\n$$\n"), [(5, "\n$$".to_string())]);
        assert_eq!(found("\n$$\nx = 1\n$$\nText\n"), [(7, "$$\n".to_string())]);
        assert_eq!(found("Text\n$$x = 1$$\nMore\n"), [(5, "\n$$x = 1$$\n".to_string())]);
    }

    #[test]
    fn bars_in_text_math_and_escapes_in_single_dollar_math() {
        assert_eq!(found("\nWe have $p(y | x)$ here.\n"), [(5, r"We have $p(y \vert  x)$ here.".to_string())]);
        assert_eq!(found("\n$$\na | b\n$$\n"), []);
        assert_eq!(found("\nThe set $\\{x\\}$.\n"), [(5, "The set $$\\{x\\}$$.".to_string())]);
        assert_eq!(found("\nPlain $a_i$ and $b_j$.\n"), []);
        assert_eq!(found("\nA $a*b$ and *c*.\n"), [(5, "A $$a*b$$ and *c*.".to_string())]);
        // Without front matter the renderer is not kramdown: nothing.
        assert!(find("Text\n$$\nx\n$$\n", false, &|_| false).is_empty());
    }

    #[test]
    fn an_indented_line_or_a_span_tag_opens_no_html_block() {
        let md = "\n    <ipython-input-1>:3: RuntimeWarning\n\n<img src=\"x.png\">\n\nSet $\\{x\\}$.\n";
        assert_eq!(found(md).len(), 1, "{:?}", found(md));
    }

    #[test]
    fn html_blocks_are_left_to_mathjax() {
        assert_eq!(
            found("\n<div class=\"x\">\n$$\nx = 1\n$$\n</div>\n\nText $a | b$\n"),
            [(11, "Text $a \\vert  b$".to_string())]
        );
    }

    quickcheck::quickcheck! {
        fn never_panics(text: String) -> bool {
            let post = format!("---\na: b\n---\n{text}");
            let _ = find(&post, true, &|_| false);
            true
        }
    }
}
