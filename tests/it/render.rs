//! What the blog gets: REPORT.md through the real renderer (kramdown with
//! its GFM parser, as Jekyll runs it), the SVGs as XML with their title,
//! description and legible text, the PNGs within their size budget.
//!
//! kramdown is a Ruby gem (Debian: `ruby-kramdown`, `ruby-kramdown-parser-gfm`),
//! installed by `.ci/run`, which sets `DSOFTMAX_REQUIRE_KRAMDOWN=1` so that a
//! missing renderer fails there; elsewhere, without Ruby, the kramdown test
//! says so on stderr and checks nothing else (the README's `cargo test` needs
//! only the Rust toolchain).

use dsoftmax::report::accuracy;
use dsoftmax::report::figures::{self, Figure, Options, SIZE};
use dsoftmax::report::lang::Lang;
use dsoftmax::report::markdown;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// The Ruby program that renders markdown the way Jekyll does (front matter removed).
const KRAMDOWN: &str = r#"
require "kramdown"
require "kramdown-parser-gfm"
text = STDIN.read.force_encoding("UTF-8").sub(/\A---\n.*?\n---\n/m, "")
print Kramdown::Document.new(text, input: "GFM", math_engine: "mathjax").to_html
"#;

/// REPORT.md rendered by kramdown, or `None` when kramdown is not installed here.
fn kramdown(markdown: &str) -> Option<String> {
    let child = Command::new("ruby")
        .args(["-e", KRAMDOWN])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let required = std::env::var_os("DSOFTMAX_REQUIRE_KRAMDOWN").is_some();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            assert!(!required, "ruby is needed to render REPORT.md: {e}");
            eprintln!("note: ruby not found, REPORT.md not rendered with kramdown");
            return None;
        }
    };
    child.stdin.take().expect("piped").write_all(markdown.as_bytes()).expect("writes");
    let out = child.wait_with_output().expect("ruby runs");
    if !out.status.success() {
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(!required && e.contains("cannot load such file"), "kramdown failed: {e}");
        eprintln!("note: kramdown not installed, REPORT.md not rendered");
        return None;
    }
    Some(String::from_utf8(out.stdout).expect("UTF-8 HTML"))
}

/// The bodies of the display-math paragraphs of a markdown text.
fn display_blocks(md: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in md.lines() {
        match (&mut current, line == "$$") {
            (None, true) => current = Some(Vec::new()),
            (Some(body), true) => {
                blocks.push(body.join("\n"));
                current = None;
            }
            (Some(body), false) => body.push(line),
            (None, false) => {}
        }
    }
    blocks
}

/// The HTML without its code blocks (where `$$` is the article's source, shown as such).
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&rest[..start]);
        rest = rest[start..].split_once("</pre>").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

#[test]
fn report_md_renders_with_kramdown_as_meant() {
    for lang in [Lang::Fr, Lang::En] {
        let o = Options { lang, ..Options::default() };
        let md = markdown::report(
            "softmax-jacobian.fr.md",
            dsoftmax::verify::REFERENCE_POST,
            crate::report(),
            None,
            &accuracy::table(),
            &o,
        );
        let emoji = md.chars().find(|&c| ('\u{2600}'..='\u{27BF}').contains(&c) || c >= '\u{1F000}');
        assert_eq!(emoji, None, "no emoji: readers may lack the font");
        let Some(html) = kramdown(&md) else { return };
        let meant = md.lines().filter(|l| l.starts_with("|---")).count();
        assert_eq!(html.matches("<table").count(), meant, "{lang}: as many tables as the markdown means");
        let html = unescape_html(&html);
        let blocks = display_blocks(&md);
        for body in &blocks {
            assert!(
                html.contains(&format!("\\[{body}\\]")),
                "{lang}: display math intact with its row breaks:\n{body}"
            );
        }
        assert!(!outside_code(&html).contains("$$"), "{lang}: every $$ outside code was read as math");
        assert!(!html.contains("<p>&gt;") && !html.contains("<p>>"), "{lang}: no literal >");
        assert!(html.matches("<figure").count() >= Figure::ALL.len(), "{lang}: the figure snippets render");
    }
}

/// The value of attribute `name` in an element's start tag.
fn attribute<'a>(node: &roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute(name)
}

#[test]
fn svgs_are_xml_with_title_description_and_legible_text() {
    for lang in [Lang::Fr, Lang::En] {
        let o = Options { lang, ..Options::default() };
        for f in Figure::ALL {
            let svg = figures::svg(f, &o).unwrap();
            let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", f.name()));
            let root = doc.root_element();
            assert_eq!(attribute(&root, "width"), Some(SIZE.0.to_string().as_str()));
            let text_of = |tag: &str| {
                root.children().find(|n| n.has_tag_name(tag)).and_then(|n| n.text()).unwrap_or_default().to_string()
            };
            let texts = f.texts(&o);
            assert_eq!(text_of("title"), texts.title, "{}", f.name());
            assert_eq!(text_of("desc"), texts.alt, "{}", f.name());
            assert!(
                !svg.contains("<text") && !svg.contains("font-family"),
                "{}: text is drawn, no font is asked for",
                f.name()
            );
            let sizes: Vec<f64> = doc
                .descendants()
                .filter_map(|n| n.attribute("font-size"))
                .map(|s| s.parse().expect("a number"))
                .collect();
            assert!(sizes.len() > 5, "{}: it has text", f.name());
            // At a 700 px column, every text is at least 14 px.
            let at_column = |px: f64| px * 700.0 / f64::from(SIZE.0);
            assert!(sizes.iter().all(|&s| at_column(s) >= 14.0), "{}: {sizes:?}", f.name());
        }
    }
}

#[test]
fn pngs_at_one_and_two_times_within_their_budget() {
    let o = Options::default();
    for f in Figure::ALL {
        for (scale, budget) in [(1, 80 * 1024), (2, 150 * 1024)] {
            let png = figures::png(f, &o, scale).unwrap();
            assert!(png.len() < budget, "{} at {scale}×: {} bytes", f.name(), png.len());
            let decoder = png::Decoder::new(std::io::Cursor::new(png));
            let reader = decoder.read_info().expect("a PNG");
            assert_eq!((reader.info().width, reader.info().height), (SIZE.0 * scale, SIZE.1 * scale));
        }
    }
}

/// A Jekyll post of ours with each kramdown pitfall, its lines: a display after
/// a line of text (7), a display whose row starts like a list item (12, row 14),
/// a display before a line of text (17–19, found at its last line), a `|` in text math (22), an escape in
/// single-dollar math (24), and a display at a block boundary, as it should be (26).
const PITFALLS: &str = "---\nlayout: post\nmathjax: true\n---\n\n\
    Softmax is\n$$\nS_i = \\frac{e^{a_i}}{Z}\n$$\n\nIts derivative\n$$\nD_jS_i = S_i \\delta_{ij}\n- S_i S_j\n$$\n\n\
    $$\nZ = \\sum_k e^{a_k}\n$$\nand so on.\n\n\
    The likelihood $p(y | x)$ is softmax.\n\n\
    The indices $i \\in \\{1, \\dots, N\\}$ range.\n\n\
    $$\n\\sum_i S_i = 1\n$$\n";

#[test]
fn each_kramdown_pitfall_is_reported_at_its_line_and_the_fixed_post_renders_as_math() {
    use dsoftmax::claims::Kind;
    let report = dsoftmax::verify::read_and_decide_with(PITFALLS, &dsoftmax::python::Choice::Off);
    let lines: Vec<usize> = report.claims.iter().filter(|c| c.id == Kind::Rendering).map(|c| c.line).collect();
    assert_eq!(lines, [7, 12, 19, 22, 24], "{:?}", report.claims);
    let broken = report.claims.iter().find(|c| c.line == 12).unwrap();
    assert!(broken.detail.contains("line 14") && broken.detail.contains("raw LaTeX"), "{}", broken.detail);
    // A post without front matter is not read as kramdown's.
    let plain = PITFALLS.splitn(3, "---\n").nth(2).unwrap();
    let report = dsoftmax::verify::read_and_decide_with(plain, &dsoftmax::python::Choice::Off);
    assert!(report.claims.iter().all(|c| c.id != Kind::Rendering));
    // The real kramdown shows each pitfall, and renders the fixed post as math.
    let Some(html) = kramdown(PITFALLS) else { return };
    assert!(html.contains("<p>Softmax is<br />\n\\(S_i"), "display 7 is inline: {html}");
    assert!(html.contains("$$<br />") && html.contains("<li>S_i S_j"), "display 12 shows raw LaTeX: {html}");
    assert!(html.contains("<p>\\(Z = "), "display 17–19 is inline: {html}");
    assert!(html.contains("<td>The likelihood $p(y</td>"), "line 22 is a table: {html}");
    assert!(html.contains("$i \\in {1, \\dots, N}$"), "line 24 loses its braces: {html}");
    assert!(html.contains("\\[\\sum_i S_i = 1\\]"), "display 26 is a display: {html}");
    let report = dsoftmax::verify::read_and_decide_with(PITFALLS, &dsoftmax::python::Choice::Off);
    let fixed = dsoftmax::report::patch::apply(PITFALLS, &report.fixes());
    let after = dsoftmax::verify::read_and_decide_with(&fixed, &dsoftmax::python::Choice::Off);
    assert!(after.claims.iter().all(|c| c.id != Kind::Rendering), "{fixed}");
    let html = kramdown(&fixed).unwrap();
    for display in ["S_i = \\frac", "D_jS_i = S_i", "Z = \\sum_k", "\\sum_i S_i = 1"] {
        assert!(html.contains(&format!("\\[{display}")), "{display} is a display: {html}");
    }
    assert!(!html.contains("<table") && !html.contains("$$<br"), "{html}");
    // The bar as `\vert` reaches MathJax intact; the braces kept by `$$…$$`.
    assert!(html.contains("$p(y \\vert  x)$") && html.contains("\\(i \\in \\{1, \\dots, N\\}\\)"), "{html}");
    // Inside an HTML block kramdown reads no markdown: the `$$` reaches MathJax as written.
    let div = "---\nlayout: post\n---\n\n<div class=\"scroll\">\nSee\n$$\nS_i = \\frac{e^{a_i}}{Z}\n$$\n</div>\n";
    let report = dsoftmax::verify::read_and_decide_with(div, &dsoftmax::python::Choice::Off);
    assert!(report.claims.iter().all(|c| c.id != Kind::Rendering), "{:?}", report.claims);
    let html = kramdown(div).unwrap();
    assert!(html.contains("$$\nS_i = \\frac{e^{a_i}}{Z}\n$$"), "{html}");
}
