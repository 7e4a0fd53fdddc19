//! `dsoftmax verify [--json] [--seed S] [--count N] [ARTICLE.md]`.

use super::Status;
use anyhow::Result;
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{self, Config};
use std::fmt::Write as _;

/// Arguments of `verify`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// A post (Jekyll/kramdown markdown) whose derivation and claims to read
    /// and decide, each finding at its line; without it, our own reference
    /// post (posts/softmax-jacobian.fr.md, built into the tool).
    article: Option<std::path::PathBuf>,
    /// Seed of the generated inputs of the numeric evidence.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_SEED)]
    seed: u64,
    /// Generated inputs for the numeric evidence, on top of the hand-picked ones; at most 4000.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT, value_parser = super::input_count)]
    count: usize,
}

/// Reads the post (or the reference post), decides it and prints the findings.
pub fn run(args: &Args) -> Result<Status> {
    let config = Config { seed: args.seed, count: args.count };
    let (name, text) = match &args.article {
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
    // The summary first: what is wrong, where.
    let refuted = r.refuted_lines();
    if refuted.is_empty() {
        let _ = writeln!(out, "Nothing refuted. {}\n", summary(r));
    } else {
        let at: Vec<String> = refuted.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "Refuted at lines {} of {file}. {}\n", at.join(", "), summary(r));
    }
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
        let _ = writeln!(out, "{file}:{}: {} {latex}{case}", l.found.line, mark(l.decision.verdict));
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

/// The counts in one sentence.
fn summary(r: &verify::ArticleReport) -> String {
    let (n, c, v) = (&r.line_counts, &r.counts, &r.coverage);
    format!(
        "Read {} of {} relations, {} decided. Claims: {} proved, {} hold, {} refuted, {} undecided. Lines: {} proved, {} hold, {} refuted, {} undecided. Not read: {}.",
        v.read, v.relations, v.decided, c.proved, c.holds, c.refuted, c.undecided, n.proved, n.holds, n.refuted, n.undecided, r.unread.len()
    )
}
