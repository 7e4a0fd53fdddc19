//! `dsoftmax verify [--json] [--format F] [--lang fr|en] [--strict] [--no-cache] [--python PATH|none] [--seed S] [--count N] [PATH…]`.

use super::Status;
use anyhow::Result;
use dsoftmax::lang::Lang;
use dsoftmax::site::{self, format, Cache};
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{self, Config};
use std::io::IsTerminal as _;

/// Arguments of `verify`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object instead of text (one post: its findings; several: see --format json).
    #[arg(long)]
    json: bool,
    /// Posts (Jekyll/kramdown/MDX markdown) or folders of posts to read and decide, each finding
    /// at its FILE:LINE; a folder is walked as git sees it (.gitignore, hidden folders, _site/,
    /// node_modules/ and vendor folders skipped). Without a path: our own reference post
    /// (posts/softmax-jacobian.fr.md, built into the tool).
    paths: Vec<std::path::PathBuf>,
    /// Output for a site (a folder, several posts): text (summary first, grouped by file), json
    /// (one document), github (GitHub Actions annotations), sarif (SARIF 2.1.0).
    #[arg(long, value_parser = ["text", "json", "github", "sarif"])]
    format: Option<String>,
    /// For a site: exit 3 when something is unread or undecided and nothing is refuted (without
    /// it, only a refutation fails the build: exit 1).
    #[arg(long)]
    strict: bool,
    /// For a site: decide every post again rather than reuse the cache (.dsoftmax-cache/, or
    /// $XDG_CACHE_HOME/dsoftmax), keyed by each post's content and the tool's build.
    #[arg(long)]
    no_cache: bool,
    /// The Python that runs the post's code blocks (`none`: do not run them; their claims are
    /// then undecided, or computed by the tool where it can). Default: the first python3 on
    /// PATH that imports what the post imports; for our reference post (no PATH), none.
    #[arg(long, value_name = "PATH|none")]
    python: Option<std::path::PathBuf>,
    /// The language of the text output: fr or en (default: the post's `lang:` in its front
    /// matter, else the language of its prose, else French). The JSON stays in English.
    #[arg(long)]
    lang: Option<Lang>,
    /// Seed of the generated inputs of the numeric evidence.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_SEED)]
    seed: u64,
    /// Generated inputs for the numeric evidence, on top of the hand-picked ones; at most 4000.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT, value_parser = super::input_count)]
    count: usize,
}

/// Reads the post (or the reference post, or every post of a site), decides it and prints the findings.
pub fn run(args: &Args) -> Result<Status> {
    let python = super::python_choice(args.python.as_deref(), args.paths.is_empty());
    let config = Config { seed: args.seed, count: args.count, python };
    let one_file = match args.paths.as_slice() {
        [] => None,
        [path] if path.is_file() && args.format.is_none() => Some(path),
        _ => return run_site(args, config),
    };
    let (name, text) = match one_file {
        Some(path) => (
            path.display().to_string(),
            std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?,
        ),
        None => (REFERENCE_NAME.to_string(), verify::REFERENCE_POST.to_string()),
    };
    let report = verify::run_article(&text, config);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let lang = args.lang.or(report.lang).unwrap_or_default();
        out!("{}", super::verify_text::article_text(&name, &report, lang));
    }
    // Exit 3 when some relation of this post is unread or undecided — never
    // for what the post does not say.
    Ok(match report.verdict {
        Verdict::Refuted => Status::Refuted,
        _ if !report.coverage.complete() => Status::Undecided,
        v => Status::of(v),
    })
}

/// Every post under the paths, in parallel, through the cache; the chosen format.
fn run_site(args: &Args, config: Config) -> Result<Status> {
    let cache = (!args.no_cache).then(|| Cache::at(Cache::default_dir()));
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\r{done}/{total} posts decided");
            if done == total {
                eprintln!();
            }
        }
    };
    let site = site::check(&args.paths, config, cache.as_ref(), &progress)?;
    let format = args.format.as_deref().unwrap_or(if args.json { "json" } else { "text" });
    match format {
        "json" => outln!("{}", serde_json::to_string_pretty(&format::json(&site))?),
        "sarif" => outln!("{}", serde_json::to_string_pretty(&format::sarif(&site))?),
        "github" => out!("{}", format::github(&site)),
        _ => out!("{}", format::text(&site)),
    }
    Ok(if site.refuted() {
        Status::Refuted
    } else if args.strict && site.incomplete() {
        Status::Undecided
    } else {
        Status::AllHold
    })
}

/// How the reference post is named in the output.
pub const REFERENCE_NAME: &str = "posts/softmax-jacobian.fr.md";
