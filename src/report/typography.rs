//! French typography: a narrow no-break space (U+202F) before `;`, `:`, `!`,
//! `?` and inside « », as French print sets them, so that a line never
//! breaks between a word and its punctuation ("de «" / "La fonction", a line
//! starting with ":"). Applied to French prose only: code, math and HTML
//! tags are left as written.

/// The narrow no-break space.
const NNBSP: char = '\u{202F}';

/// `text` (prose, no markup) with French spacing: an ordinary or no-break space before
/// `;:!?` and after « / before » becomes a narrow no-break space.
///
/// ```
/// use dsoftmax::report::typography::french;
/// assert_eq!(french("Rien : « ok » ; vrai ?"), "Rien\u{202F}: «\u{202F}ok\u{202F}»\u{202F}; vrai\u{202F}?");
/// assert_eq!(french("https://x.fr"), "https://x.fr");
/// ```
pub fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        let space = c == ' ' || c == '\u{A0}';
        let next = chars.get(k + 1).copied();
        let previous = k.checked_sub(1).map(|p| chars[p]);
        let before_mark = space && matches!(next, Some(';' | ':' | '!' | '?' | '»'));
        let after_quote = space && previous == Some('«');
        out.push(if before_mark || after_quote { NNBSP } else { c });
    }
    out
}

/// A French markdown text with [`french`] spacing in its prose: fenced code blocks,
/// inline code, math (`$…$`, `$$…$$`) and HTML tags are left as written.
pub fn french_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fenced = false;
    for line in markdown.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push_str(line);
            continue;
        }
        if fenced {
            out.push_str(line);
        } else {
            out.push_str(&french_line(line));
        }
    }
    out
}

/// One line: [`french`] on its prose, between code spans, math and tags.
fn french_line(line: &str) -> String {
    let mut out = String::new();
    let mut prose = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let closing = match c {
            '`' => Some("`"),
            '$' if rest.starts_with("$$") => Some("$$"),
            '$' => Some("$"),
            '<' => Some(">"),
            _ => None,
        };
        let skip = closing.and_then(|close| {
            let open = if close == "$$" { 2 } else { 1 };
            rest[open..].find(close).map(|k| open + k + close.len())
        });
        match skip {
            Some(end) => {
                out.push_str(&french(&prose));
                prose.clear();
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            None => {
                prose.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.push_str(&french(&prose));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_math_and_tags_keep_their_spaces() {
        let md = "Texte : `a : b` et $x : y$ <a title=\"t : u\">lien</a> !\n```\ncode : ici\n```\n";
        assert_eq!(
            french_markdown(md),
            "Texte\u{202F}: `a : b` et $x : y$ <a title=\"t : u\">lien</a>\u{202F}!\n```\ncode : ici\n```\n"
        );
    }

    quickcheck::quickcheck! {
        fn only_spaces_become_narrow_no_break_spaces(text: String) -> bool {
            let out = french_markdown(&text);
            out.chars().count() == text.chars().count()
                && text.chars().zip(out.chars()).all(|(a, b)| a == b || (matches!(a, ' ' | '\u{A0}') && b == NNBSP))
        }
    }
}
