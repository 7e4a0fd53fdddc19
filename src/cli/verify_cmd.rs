//! `dsoftmax verify [--json] [--seed S] [--count N] [ARTICLE.md]`.

use super::Status;
use anyhow::Result;
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{self, Config, Report};
use std::fmt::Write as _;

/// Arguments of `verify`.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// A post (Jekyll/kramdown markdown) whose derivation to read and decide,
    /// each finding at its line; without it, the built-in quotes of the 2019 article.
    article: Option<std::path::PathBuf>,
    /// Seed of the generated inputs.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_SEED)]
    seed: u64,
    /// Generated inputs for the numeric evidence, on top of the hand-picked ones; at most 4000.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT, value_parser = super::input_count)]
    count: usize,
}

/// Runs the verifier and prints its report.
pub fn run(args: &Args) -> Result<Status> {
    let config = Config { seed: args.seed, count: args.count };
    if let Some(path) = &args.article {
        return run_article(path, args.json, config);
    }
    let report = verify::run(config);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        out!("{}", text(&report));
    }
    Ok(Status::of(report.overall()))
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => "[proved]   ",
        Verdict::Holds => "[holds]    ",
        Verdict::Undecided => "[UNDECIDED]",
        Verdict::Refuted => "[REFUTED]  ",
    }
}

/// A claim's wording flag and correction, when it has them.
fn wording_and_fix(out: &mut String, flag: Option<&str>, correction: Option<&str>) {
    if let Some(flag) = flag {
        let _ = writeln!(out, "            wording:  {flag}");
    }
    if let Some(fix) = correction.filter(|f| !f.is_empty()) {
        let _ = writeln!(out, "            corrected: {fix}");
    }
}

/// The report as text: claims, then lines of the derivation, then the numeric evidence.
pub fn text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dsoftmax verify: indices 1-based as in the article; proofs rest on the axiom {}\n", r.axiom);
    let _ = writeln!(out, "Claims of the article");
    for c in &r.claims {
        let _ = writeln!(out, "{} {} ({})", mark(c.verdict), c.id, c.section);
        let _ = writeln!(out, "            claim:    {}", c.statement.replace('\n', " "));
        let _ = writeln!(out, "            evidence: {}", c.detail);
        if let Some(ce) = &c.counterexample {
            let _ = writeln!(out, "            counterexample: {ce}");
        }
        wording_and_fix(&mut out, c.flag.as_deref(), c.correction.as_deref());
    }
    let _ = writeln!(out, "\nThe derivation, line by line (decided for every N ≥ 1 and every real a)");
    for s in &r.steps {
        let _ = writeln!(
            out,
            "{} {:<20} {}",
            mark(s.decision.verdict),
            s.id,
            s.latex.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        if s.decision.verdict != Verdict::Proved {
            for line in super::decision_text(&s.decision).lines() {
                let _ = writeln!(out, "            {line}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\nNumeric evidence on {} inputs (seed {}): the final formula per case, and the exact reference",
        r.inputs, r.seed
    );
    for c in &r.cases {
        let _ = writeln!(
            out,
            "[{:<9}] {:<16} {:<6} vs {:<11} tightest error {:>9.2e} (tolerance {:>9.2e}); {} entries",
            c.evidence.agreement.label(),
            c.what,
            c.case.map_or("all", |c| c.label()),
            c.evidence.against,
            c.evidence.max_error,
            c.evidence.tolerance,
            c.evidence.entries
        );
    }
    let n = &r.counts;
    let _ = writeln!(
        out,
        "\nClaims: {} proved, {} hold, {} refuted, {} undecided.",
        n.proved, n.holds, n.refuted, n.undecided
    );
    out
}

/// `verify ARTICLE.md`: every line of the post's derivation decided, at its line.
fn run_article(path: &std::path::Path, json: bool, config: Config) -> Result<Status> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let report = verify::run_article(&text, config);
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        out!("{}", article_text(&path.display().to_string(), &report));
    }
    // Exit 3 when some relation of this post is unread or undecided — never
    // for a claim another post states and this one does not (`absent`).
    Ok(match report.verdict {
        Verdict::Refuted => Status::Refuted,
        _ if !report.coverage.complete() => Status::Undecided,
        v => Status::of(v),
    })
}

/// The findings as `FILE:LINE: [verdict] …` lines, then what was not read.
fn article_text(file: &str, r: &verify::ArticleReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dsoftmax verify {file}: the claims and the derivation read from the post, each at its line (proofs rest on the axiom {})\n", r.axiom);
    let _ = writeln!(out, "Claims");
    for c in &r.claims {
        let statement = c.statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{file}:{}: {} {} — {statement}", c.line, mark(c.verdict), c.id);
        if !c.verdict.is_true() || c.correction.is_some() {
            let _ = writeln!(out, "            evidence: {}", c.detail);
        }
        wording_and_fix(&mut out, c.flag.as_deref(), c.correction.as_deref());
    }
    let _ = writeln!(out, "\nThe derivation, line by line (decided for every N ≥ 1 and every real a)");
    for l in &r.lines {
        let latex = l.found.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        let case = match l.found.scope {
            dsoftmax::derivation::Scope::Diagonal => " (i = j)",
            dsoftmax::derivation::Scope::OffDiagonal => " (i ≠ j)",
            dsoftmax::derivation::Scope::All => "",
        };
        let _ = writeln!(out, "{file}:{}: {} {latex}{case}", l.found.line, mark(l.decision.verdict));
        if l.decision.verdict != Verdict::Proved || l.decision.reason.starts_with(verify::CARRIED) {
            for line in super::decision_text(&l.decision).lines() {
                let _ = writeln!(out, "            {line}");
            }
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
    if !r.absent.is_empty() {
        let ids: Vec<&str> = r.absent.iter().filter_map(|a| a.reason.split('`').nth(1)).collect();
        let _ = writeln!(
            out,
            "\nNot stated in this post ({}; information, not findings): {}",
            r.absent.len(),
            ids.join(", ")
        );
    }
    let n = dsoftmax::verify::Counts::of(r.lines.iter().map(|l| l.decision.verdict));
    let c = &r.counts;
    let v = &r.coverage;
    let _ = writeln!(
        out,
        "\nRead {} of {} relations, {} decided. Claims: {} proved, {} hold, {} refuted, {} undecided. Lines: {} proved, {} hold, {} refuted, {} undecided. Not read: {}.",
        v.read, v.relations, v.decided, c.proved, c.holds, c.refuted, c.undecided, n.proved, n.holds, n.refuted, n.undecided, r.unread.len()
    );
    out
}
