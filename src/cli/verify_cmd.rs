//! `dsoftmax verify [--json] [--seed S] [--count N]`.

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
    /// Seed of the generated inputs.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_SEED)]
    seed: u64,
    /// Generated inputs for the numeric evidence, on top of the hand-picked ones; at most 4000.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT, value_parser = super::input_count)]
    count: usize,
}

/// Runs the verifier and prints its report.
pub fn run(args: &Args) -> Result<Status> {
    let report = verify::run(Config { seed: args.seed, count: args.count });
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
        if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
            let _ = writeln!(out, "            corrected: {fix}");
        }
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
