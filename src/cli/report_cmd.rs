//! `dsoftmax report [--out DIR] [--at LIST] [--j J] [--lang fr|en] [--titles] [--article ARTICLE.md]`.

use super::Status;
use anyhow::Result;
use dsoftmax::report;
use dsoftmax::report::figures::Options;
use dsoftmax::report::lang::Lang;
use dsoftmax::verify::Config;
use dsoftmax::Logits;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(clap::Args)]
pub struct Args {
    /// Output folder (created if missing; files the tool did not write are never touched).
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    /// The point of the figures: numbers separated by commas or spaces, -inf
    /// allowed. Default: the article's worked example [1, 2, 5], and its
    /// logits [123, 456, 789] for the overflow figure; given, every figure is
    /// drawn at it.
    #[arg(long, allow_hyphen_values = true)]
    at: Option<String>,
    /// The swept logit a_j of the sweep figures, 1-based (default 1).
    #[arg(long, default_value_t = 1)]
    j: usize,
    /// The language of the figures and of REPORT.md: fr (the article's) or en.
    #[arg(long, default_value = "fr")]
    lang: Lang,
    /// Draw each figure's title inside the image (it is always in the SVG's
    /// <title> and in REPORT.md).
    #[arg(long)]
    titles: bool,
    /// A post whose corrections to write as `article.patch` (a unified diff of
    /// it, for `git apply` or `patch -p1` in its folder), verified once applied.
    #[arg(long)]
    article: Option<PathBuf>,
}

/// The figures' options from the command line.
fn options(args: &Args) -> Result<Options> {
    let why = " (the heatmap draws every entry of the N×N Jacobian)";
    let mut o = Options { lang: args.lang, titles: args.titles, ..Options::default() };
    if let Some(at) = &args.at {
        o.at = Logits::parse(at)?.at_most(256, "report", why)?;
        o.overflow_at = o.at.clone();
    }
    o.j = o.at.index("--j", args.j)?;
    Ok(o)
}

/// Writes the report. The verdicts are the report's content: once it is
/// written the command succeeds (exit 0), whatever they are; `verify` is the
/// command whose exit status is the verdict.
pub fn run(args: &Args) -> Result<Status> {
    let options = options(args)?;
    let progress = |line: &str| eprintln!("dsoftmax report: {line}");
    let article_text = match &args.article {
        Some(path) => {
            Some(std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?)
        }
        None => None,
    };
    let name = args
        .article
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let article = article_text.as_deref().map(|text| report::Article { name: &name, text });
    let written = report::write(&args.out, &options, Config::default(), article, &progress)?;
    let r = &written.report;
    outln!(
        "claims: {} proved, {} hold, {} refuted, {} undecided; report in {}",
        r.counts.proved,
        r.counts.holds,
        r.counts.refuted,
        r.counts.undecided,
        args.out.join(report::REPORT_FILE).display()
    );
    if let Some((_, patched)) = &written.article {
        let still: Vec<&str> = patched
            .after
            .claims
            .iter()
            .filter(|c| c.verdict == dsoftmax::verdict::Verdict::Refuted)
            .map(|c| c.id)
            .collect();
        outln!(
            "{}: {} corrections ({}); apply it beside {name} with `git apply` or `patch -p1`",
            args.out.join(report::PATCH_FILE).display(),
            patched.fixed.len(),
            patched.fixed.join(", ")
        );
        if still.is_empty() {
            outln!("the patched post verifies with nothing refuted");
        } else {
            outln!("after the patch, still refuted (no correction the tool can make): {}", still.join(", "));
        }
    }
    Ok(Status::AllHold)
}
