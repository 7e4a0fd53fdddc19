//! `dsoftmax report`: runs every check, renders the figures, writes REPORT.md.
//!
//! Output goes through [`output::OutputDir`]: atomic writes, and nothing the
//! tool did not write (or that was edited since) is ever replaced.

pub mod accuracy;
pub mod figures;
pub mod lang;
pub mod markdown;
pub mod output;
pub mod prose;

use crate::verify::{self, Config, Report};
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

/// A post to read beside the report (`report --article`).
#[derive(Clone, Copy, Debug)]
pub struct Article<'a> {
    /// Its file name (the patch's paths are `a/<name>`, `b/<name>`).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// The file holding the corrections of a post read with `report --article`.
pub const PATCH_FILE: &str = "article.patch";

/// What was written.
pub struct Written {
    /// The verification behind the report.
    pub report: Report,
    /// With an article: the post verified and its patch.
    pub article: Option<(verify::ArticleReport, verify::Patched)>,
    /// The files, in order.
    pub files: Vec<PathBuf>,
}

/// The rendered files, before any is written: (name, bytes).
fn render(o: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Vec<(String, Vec<u8>)>, Error> {
    // Six figures on this machine's two cores.
    let (first, second) = Figure::ALL.split_at(Figure::ALL.len() / 2);
    let render_some = |figs: &[Figure]| -> Result<Vec<(String, Vec<u8>)>, Error> {
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
    let (a, b) = std::thread::scope(|s| {
        let handle = s.spawn(|| render_some(second));
        (render_some(first), handle.join().expect("a rendering thread panicked"))
    });
    Ok([a?, b?].concat())
}

/// Runs the checks, renders everything and writes it into `out`.
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
    article: Option<Article<'_>>,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Written, Error> {
    let mut dir = output::OutputDir::open(out)?;
    progress(&format!(
        "verifying every claim and line on {} inputs",
        config.count + crate::inputs::fixed_cases().len()
    ));
    let (report, rendered) = std::thread::scope(|s| {
        let handle = s.spawn(|| render(options, progress));
        (verify::run(config), handle.join().expect("the rendering thread panicked"))
    });
    let mut files = rendered?;
    let rows = accuracy::table();
    let mut text = markdown::report(&report, &rows, options);
    let article = article.map(|post| {
        let before = verify::run_article_with(post.text, &report.claims);
        let patched = verify::patch_article(post.name, post.text, &before, &report.claims);
        text.push_str(&markdown::article_section(options.lang, post.name, &before, &patched));
        files.push((PATCH_FILE.to_string(), patched.diff.clone().into_bytes()));
        (before, patched)
    });
    files.push((REPORT_FILE.to_string(), text.into_bytes()));
    // Everything is checked before anything is written.
    dir.check_writable(&files)?;
    let mut written = Vec::new();
    for (name, bytes) in &files {
        written.push(dir.write(name, bytes)?);
    }
    progress(&format!("wrote {} files to {}", written.len(), out.display()));
    Ok(Written { report, article, files: written })
}
