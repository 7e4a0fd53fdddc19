//! `dsoftmax report`: verifies a post (our reference post by default),
//! renders the figures at the post's own example point, writes REPORT.md
//! about that post and, for a post given with `--article`, the patch of its
//! corrections, verified once applied.
//!
//! Output goes through [`output::OutputDir`]: atomic writes, and nothing the
//! tool did not write (or that was edited since) is ever replaced.

pub mod accuracy;
pub mod figures;
pub use crate::lang;
pub mod markdown;
pub mod output;
pub mod patch;
pub mod prose;
pub mod typography;

use crate::verify::{self, ArticleReport, Config};
use crate::Error;
use figures::{Figure, Options};
use std::path::{Path, PathBuf};

/// The report's main file.
pub const REPORT_FILE: &str = "REPORT.md";

/// Every file the report writes, in order.
pub fn file_names() -> Vec<String> {
    let mut names: Vec<String> = Figure::ALL.iter().flat_map(|f| f.files()).collect();
    names.push(REPORT_FILE.to_string());
    names
}

/// The post the report is about.
#[derive(Clone, Copy, Debug)]
pub struct Article<'a> {
    /// Its file name (the patch's paths are `a/<name>`, `b/<name>`).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Whether to write its corrections as [`PATCH_FILE`] (a post given on the command line).
    pub patch: bool,
}

/// The patch of a post and what verifying the patched post gives.
pub struct Patched {
    /// The unified diff (`a/<name>`, `b/<name>`); empty when nothing can be fixed.
    pub diff: String,
    /// What the patch corrects: the kind of claim (or `relation`) and its line.
    pub fixed: Vec<(&'static str, usize)>,
    /// The patched post, verified.
    pub after: ArticleReport,
}

/// Every fix of `report` as a patch of the post, and the patched post verified.
pub fn patch_article(post: Article<'_>, report: &ArticleReport) -> Patched {
    // A fix left out of its line's merged edit (it overlaps another) is not in the patch.
    let (fixes, dropped) = report.merged_fixes();
    let applied = |f: &Option<crate::claims::Fix>| f.as_ref().is_some_and(|f| !dropped.contains(f));
    let mut fixed: Vec<(&'static str, usize)> = report
        .claims
        .iter()
        .filter(|c| applied(&c.fix))
        .map(|c| (c.id.name(), c.line))
        .chain(report.lines.iter().filter(|l| applied(&l.fix)).map(|l| ("relation", l.found.line)))
        .collect();
    fixed.sort_by_key(|f| f.1);
    let diff = patch::diff(post.name, post.text, &fixes);
    // The patched post's code runs where the post's ran (or not at all, as it did not).
    let python = match &report.python {
        Some(run) => crate::python::Choice::Path(run.interpreter.clone().into()),
        None => crate::python::Choice::Off,
    };
    let after = verify::read_and_decide_with(&patch::apply(post.text, &fixes), &python);
    Patched { diff, fixed, after }
}

/// The figures' options for `post`: its worked example and the values it
/// prints for it, its overflow logits; the defaults where it has none.
pub fn options_for(post: &ArticleReport, mut o: Options) -> Options {
    let example = post.claims.iter().find(|c| c.id == crate::claims::Kind::Example);
    if let Some(a) = example.and_then(|c| c.input.as_deref()).and_then(|a| crate::Logits::new(a.to_vec()).ok()) {
        if a.len() <= 256 {
            o.printed = example.and_then(|c| c.printed.clone());
            o.at = a;
        }
    }
    if let Some(b) = post.overflow_point().and_then(|b| crate::Logits::new(b.to_vec()).ok()) {
        if b.len() <= 256 {
            o.overflow_at = b;
        }
    }
    o
}

/// The figures' options for `post` as its readers will see it: for a post
/// whose corrections are written ([`Article::patch`]), at the patched post's
/// points and printed values, so that a figure pasted into the corrected post
/// shows its corrected values; else [`options_for`] the post as it is.
pub fn options_for_post(post: Article<'_>, read: &ArticleReport, o: Options) -> Options {
    if post.patch && !read.fixes().is_empty() {
        options_for(&patch_article(post, read).after, o)
    } else {
        options_for(read, o)
    }
}

/// The file holding the corrections of a post read with `report --article`.
pub const PATCH_FILE: &str = "article.patch";

/// What was written.
pub struct Written {
    /// The post verified.
    pub report: ArticleReport,
    /// For a post given with `--article`: its patch, verified once applied.
    pub patched: Option<Patched>,
    /// The files, in order.
    pub files: Vec<PathBuf>,
}

/// The rendered files, before any is written: (name, bytes).
/// Files to write: (name, bytes).
type Files = Vec<(String, Vec<u8>)>;

fn render(o: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Files, Error> {
    // The figures shared among the cores (at most one thread per figure); the
    // files come out in the order of Figure::ALL whatever the thread count.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, Figure::ALL.len());
    let chunk = Figure::ALL.len().div_ceil(threads);
    let render_some = |figs: &[Figure]| -> Result<Files, Error> {
        let mut files = Vec::new();
        for &f in figs {
            let [svg, png, png2] = f.files();
            files.push((svg, figures::svg(f, o)?.into_bytes()));
            files.push((png, figures::png(f, o, 1)?));
            files.push((png2, figures::png(f, o, 2)?));
            progress(&format!("figure {}: SVG, PNG 1× and 2×", f.name()));
        }
        Ok(files)
    };
    let parts: Vec<Result<Files, Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = Figure::ALL.chunks(chunk).map(|figs| s.spawn(move || render_some(figs))).collect();
        handles.into_iter().map(|h| h.join().expect("a rendering thread panicked")).collect()
    });
    Ok(parts.into_iter().collect::<Result<Vec<_>, Error>>()?.concat())
}

/// Verifies `post`, renders everything and writes it into `out`. The
/// figures are at `options`' point: call [`options_for`] to put them at the
/// post's own example.
///
/// # Errors
/// [`Error::NotOurs`] if a file to be written exists and was not written by
/// this tool (checked before anything is written); [`Error::Busy`] if another
/// run holds the folder; [`Error::NotAFolder`]; [`Error::Write`],
/// [`Error::Render`].
pub fn write(
    out: &Path,
    options: &Options,
    config: Config,
    post: Article<'_>,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Written, Error> {
    let mut dir = output::OutputDir::open(out)?;
    progress(&format!(
        "verifying {} and its final formulas on {} inputs",
        post.name,
        config.count + crate::inputs::fixed_cases().len()
    ));
    let (report, rendered) = std::thread::scope(|s| {
        let handle = s.spawn(|| render(options, progress));
        (verify::run_article(post.text, config), handle.join().expect("the rendering thread panicked"))
    });
    let mut files = rendered?;
    let rows = accuracy::table();
    let patched = post.patch.then(|| patch_article(post, &report));
    let text = markdown::report(post.name, post.text, &report, patched.as_ref(), &rows, options);
    if let Some(p) = &patched {
        files.push((PATCH_FILE.to_string(), p.diff.clone().into_bytes()));
    }
    files.push((REPORT_FILE.to_string(), text.into_bytes()));
    // Everything is checked before anything is written.
    dir.check_writable(&files)?;
    let mut written = Vec::new();
    for (name, bytes) in &files {
        written.push(dir.write(name, bytes)?);
    }
    progress(&format!("wrote {} files to {}", written.len(), out.display()));
    Ok(Written { report, patched, files: written })
}
