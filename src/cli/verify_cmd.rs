//! `dsoftmax verify [--json] [--format F] [--strict] [--no-cache] [--python PATH|none] [--seed S] [--count N] [PATH…]`.

use super::Status;
use anyhow::Result;
use dsoftmax::site::{self, format, Cache};
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{self, Config};
use std::fmt::Write as _;
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
        out!("{}", article_text(&name, &report));
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

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => "[proved]   ",
        Verdict::Holds => "[holds]    ",
        Verdict::Undecided => "[UNDECIDED]",
        Verdict::Refuted => "[REFUTED]  ",
    }
}

/// The findings as `FILE:LINE: [verdict] …` lines, then what was not read.
fn article_text(file: &str, r: &verify::ArticleReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dsoftmax verify {file}: the claims and the derivation read from the post, each at its line (proofs rest on the axiom {})\n", r.axiom);
    if let Some(run) = &r.python {
        let _ = writeln!(
            out,
            "Its Python code ran in {} (Python {}): {} statements.\n",
            run.interpreter, run.version, run.statements
        );
    }
    // The summary first: what is wrong, where.
    let refuted = r.refuted_lines();
    if refuted.is_empty() {
        let _ = writeln!(out, "Nothing refuted. {}\n", summary(r));
    } else {
        let at: Vec<String> = refuted.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "Refuted at lines {} of {file}. {}\n", at.join(", "), summary(r));
    }
    to_fix(&mut out, file, r);
    let _ = writeln!(out, "Claims");
    for c in &r.claims {
        let statement = c.statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{file}:{}: {} {} — {statement}", c.line, mark(c.verdict), c.id.name());
        let _ = writeln!(out, "            evidence: {}", c.detail);
        if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
            let _ = writeln!(out, "            corrected: {fix}");
        }
    }
    let _ = writeln!(out, "\nThe derivation, line by line (decided for every N ≥ 1 and every real a)");
    for l in &r.lines {
        let latex = l.found.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        // The case in the post's own letters (`(r ≠ q)`).
        let (o, x) = l.found.roles;
        let case = match l.found.scope {
            dsoftmax::derivation::Scope::Diagonal if o == x => " (a diagonal entry)".to_string(),
            dsoftmax::derivation::Scope::Diagonal => format!(" ({o} = {x})"),
            dsoftmax::derivation::Scope::OffDiagonal => format!(" ({o} ≠ {x})"),
            dsoftmax::derivation::Scope::All => String::new(),
        };
        let label = if l.definition && l.decision.verdict == Verdict::Proved {
            "[definition]"
        } else {
            mark(l.decision.verdict)
        };
        let _ = writeln!(out, "{file}:{}: {label} {latex}{case}", l.found.line);
        if l.decision.verdict != Verdict::Proved || l.decision.reason.starts_with(verify::CARRIED) {
            for line in super::decision_text(&l.decision).lines() {
                let _ = writeln!(out, "            {line}");
            }
        }
        if let Some(fix) = &l.correction {
            let _ = writeln!(out, "            corrected: {fix}");
        }
    }
    for n in &r.notes {
        let latex = n.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{file}:{}: (note) {latex}: {}", n.line.unwrap_or(0), n.reason);
    }
    if !r.unread.is_empty() {
        let _ = writeln!(out, "\nNot read ({}):", r.unread.len());
        for u in &r.unread {
            let latex = u.latex.split_whitespace().collect::<Vec<_>>().join(" ");
            let place = u.line.map_or(String::new(), |l| format!("{l}:"));
            let _ = writeln!(out, "{file}:{place} {latex}\n            {}", u.reason);
        }
    }
    if !r.cases.is_empty() {
        let _ = writeln!(
            out,
            "\nNumeric evidence on {} inputs (seed {}): the post's final formula per case, and the exact reference",
            r.inputs, r.seed
        );
        for c in &r.cases {
            let place = c.line.map_or(String::new(), |l| format!("line {l}: "));
            let _ = writeln!(
                out,
                "[{:<9}] {:<6} vs {:<11} tightest error {:>9.2e} (tolerance {:>9.2e}); {} entries — {place}{}",
                c.evidence.agreement.label(),
                c.case.map_or("all", |c| c.label()),
                c.evidence.against,
                c.evidence.max_error,
                c.evidence.tolerance,
                c.evidence.entries,
                c.what
            );
        }
    }
    let _ = writeln!(out, "\n{}", summary(r));
    out
}

/// What is refuted, first: each at its FILE:LINE with one sentence of evidence and the
/// corrected line when the tool can make it; the details follow.
fn to_fix(out: &mut String, file: &str, r: &verify::ArticleReport) {
    let mut items: Vec<(usize, String, String, Option<String>)> = r
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Refuted)
        .map(|c| (c.line, c.id.name().to_string(), c.detail.clone(), c.fix.as_ref().map(fix_text)))
        .chain(r.lines.iter().filter(|l| l.decision.verdict == Verdict::Refuted).map(|l| {
            let fix = l.fix.as_ref().map(fix_text).or_else(|| l.correction.clone());
            (l.found.line, "relation".to_string(), l.decision.reason.clone(), fix)
        }))
        .collect();
    if items.is_empty() {
        return;
    }
    items.sort_by_key(|i| i.0);
    let _ = writeln!(out, "To fix ({}):", items.len());
    for (line, kind, evidence, fix) in items {
        let _ = writeln!(out, "{file}:{line}: {kind} — {}", first_sentence(&evidence));
        if let Some(fix) = fix {
            let _ = writeln!(out, "            fix: {fix}");
        }
    }
    let _ = writeln!(out);
}

/// A fix in words: the corrected line, or the blank line it inserts.
fn fix_text(f: &dsoftmax::claims::Fix) -> String {
    match (f.new.strip_prefix('\n'), f.new.strip_suffix('\n')) {
        (Some(rest), _) if rest.trim_end_matches('\n') == f.old => {
            let after = if rest.ends_with('\n') { " and after it" } else { "" };
            format!("a blank line before this line{after}")
        }
        (_, Some(rest)) if rest == f.old => "a blank line after this line".to_string(),
        _ => f.new.clone(),
    }
}

/// The first sentence of `text` (to its first `. ` or line end), at most 200 characters.
fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let end = line.find(". ").map_or(line.len(), |k| k + 1);
    let sentence = &line[..end];
    match sentence.char_indices().nth(200) {
        Some((k, _)) => format!("{}…", &sentence[..k]),
        None => sentence.to_string(),
    }
}

/// The counts in one sentence.
fn summary(r: &verify::ArticleReport) -> String {
    let (n, c, v) = (&r.line_counts, &r.counts, &r.coverage);
    format!(
        "Read {} of {} relations, {} decided. Claims: {} proved, {} hold, {} refuted, {} undecided. Lines: {} proved, {} hold, {} refuted, {} undecided. Not read: {}.",
        v.read, v.relations, v.decided, c.proved, c.holds, c.refuted, c.undecided, n.proved, n.holds, n.refuted, n.undecided, r.unread.len()
    )
}
