//! `dsoftmax report [--out DIR] [--at LIST] [--j J] [--lang fr|en] [--titles] [--article ARTICLE.md] [--base-url URL] [--python PATH|none]`.

use super::Status;
use anyhow::Result;
use dsoftmax::lang::Lang;
use dsoftmax::report;
use dsoftmax::report::figures::Options;
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
    /// allowed. Default: the post's worked example, and the logits of its
    /// overflow demonstration for the overflow figure (else [0, 1, 2] and
    /// [1000, 1001, 1002]); given, every figure is drawn at it.
    #[arg(long, allow_hyphen_values = true)]
    at: Option<String>,
    /// The swept logit a_j of the sweep figures, 1-based (default 1).
    #[arg(long, default_value_t = 1)]
    j: usize,
    /// The language of the figures and of REPORT.md: fr or en. Default: for --article, the
    /// post's (its front matter's `lang:`, else its prose's), else French; without --article,
    /// French, and --lang en reads the English reference post.
    #[arg(long)]
    lang: Option<Lang>,
    /// Draw each figure's title inside the image (it is always in the SVG's
    /// <title> and in REPORT.md).
    #[arg(long)]
    titles: bool,
    /// The post to report on (default: our own reference post); its
    /// corrections are written as `article.patch` (a unified diff of it, for
    /// `git apply` or `patch -p1` in its folder), verified once applied.
    #[arg(long)]
    article: Option<PathBuf>,
    /// Where the figures will be served from once copied (e.g. https://blog.example/assets/softmax):
    /// the `src` of the HTML snippets to paste into the post (default: relative to the report).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The Python that runs the post's code blocks (`none`: do not run them). Default: for
    /// --article, the first python3 on PATH that imports what the post imports; for our
    /// reference post, none (its report is the same on every machine; its code's claims are
    /// computed by the tool).
    #[arg(long, value_name = "PATH|none")]
    python: Option<PathBuf>,
}

/// The interpreter of `args` (the reference post's code is run only when one is named).
fn python(args: &Args) -> dsoftmax::python::Choice {
    super::python_choice(args.python.as_deref(), args.article.is_none())
}

/// The figures' options from the command line, at the post's own points (after its
/// corrections) unless `--at` is given, in the language `--lang` names or the post's.
fn options(args: &Args, post: report::Article<'_>) -> Result<Options> {
    let why = " (the heatmap draws every entry of the N×N Jacobian)";
    let read = dsoftmax::verify::read_and_decide_with(post.text, &python(args));
    let lang = args.lang.or(if args.article.is_some() { read.lang } else { None }).unwrap_or_default();
    let mut o = Options { lang, titles: args.titles, base_url: args.base_url.clone(), ..Options::default() };
    if let Some(at) = &args.at {
        o.at = Logits::parse(at)?.at_most(256, "report", why)?;
        o.overflow_at = o.at.clone();
    } else {
        o = report::options_for_post(post, &read, o);
    }
    o.j = o.at.index("--j", args.j)?;
    Ok(o)
}

/// Writes the report. The verdicts are the report's content: once it is
/// written the command succeeds (exit 0), whatever they are; `verify` is the
/// command whose exit status is the verdict.
pub fn run(args: &Args) -> Result<Status> {
    let progress = |line: &str| eprintln!("dsoftmax report: {line}");
    let (name, text) = match &args.article {
        Some(path) => (
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?,
        ),
        None => match args.lang.unwrap_or_default() {
            Lang::Fr => ("softmax-jacobian.fr.md".to_string(), dsoftmax::verify::REFERENCE_POST.to_string()),
            Lang::En => ("softmax-jacobian.en.md".to_string(), dsoftmax::verify::REFERENCE_POST_EN.to_string()),
        },
    };
    let post = report::Article { name: &name, text: &text, patch: args.article.is_some() };
    let options = options(args, post)?;
    let config = Config { python: python(args), ..Config::default() };
    let written = report::write(&args.out, &options, config, post, &progress)?;
    let r = &written.report;
    let (c, l) = (&r.counts, &r.line_counts);
    outln!(
        "{name}: relations {} proved, {} hold, {} refuted, {} undecided; other claims {} proved, {} hold, {} refuted, {} undecided; report in {}",
        l.proved,
        l.holds,
        l.refuted,
        l.undecided,
        c.proved,
        c.holds,
        c.refuted,
        c.undecided,
        args.out.join(report::REPORT_FILE).display()
    );
    if let Some(patched) = &written.patched {
        let fixed: Vec<String> = patched.fixed.iter().map(|(k, line)| format!("{k} (line {line})")).collect();
        outln!(
            "{}: {} corrections ({}); apply it beside {name} with `git apply` or `patch -p1`",
            args.out.join(report::PATCH_FILE).display(),
            patched.fixed.len(),
            fixed.join(", ")
        );
        let still = patched.after.refuted_lines();
        if still.is_empty() {
            outln!("the patched post verifies with nothing refuted");
        } else {
            let lines: Vec<String> = still.iter().map(ToString::to_string).collect();
            outln!("after the patch, still refuted (no correction the tool can make): lines {}", lines.join(", "));
        }
    }
    Ok(Status::AllHold)
}
