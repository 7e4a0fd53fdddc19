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
    /// How many generated inputs, on top of the hand-picked ones.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT)]
    count: usize,
}

/// Runs the verifier and prints its report.
pub fn run(args: &Args) -> Result<Status> {
    let report = verify::run(Config { seed: args.seed, count: args.count });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", text(&report));
    }
    Ok(if report.refuted == 0 && report.steps.iter().all(|s| s.evidence.verdict == Verdict::Holds) {
        Status::AllHold
    } else {
        Status::Refuted
    })
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "[holds]  ",
        Verdict::Refuted => "[REFUTED]",
    }
}

/// The report as text: claims, then lines of the derivation, then cases.
pub fn text(r: &Report) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "dsoftmax verify: {} inputs (seed {}), indices 1-based as in the article\n", r.inputs, r.seed);
    let _ = writeln!(out, "Claims of the article");
    for c in &r.claims {
        let _ = writeln!(out, "{} {} ({})", mark(c.verdict), c.id, c.section);
        let _ = writeln!(out, "          claim:    {}", c.statement);
        let _ = writeln!(out, "          evidence: {}", c.detail);
        if let Some(ce) = &c.counterexample {
            let _ = writeln!(out, "          counterexample: {ce}");
        }
        if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
            let _ = writeln!(out, "          corrected: {fix}");
        }
    }
    let _ = writeln!(out, "\nThe derivation, line by line (each value at every (a, i, j) in scope)");
    for s in &r.steps {
        let _ = writeln!(
            out,
            "{} {:<14} vs {:<18} tightest error {:>9.2e} (tolerance {:>9.2e}); {} entries of {} inputs",
            mark(s.evidence.verdict),
            s.id,
            s.evidence.against,
            s.evidence.max_error,
            s.evidence.tolerance,
            s.evidence.entries,
            s.evidence.inputs
        );
        if let Some(ce) = &s.evidence.counterexample {
            let _ = writeln!(
                out,
                "          {} of {} entries disagree; simplest: {ce}",
                s.evidence.failures, s.evidence.entries
            );
        }
    }
    let _ = writeln!(out, "\nThe final formula S_i(δ_ij − S_j), each case against each reference");
    for c in &r.cases {
        let _ = writeln!(
            out,
            "{} {:<6} vs {:<11} tightest error {:>9.2e} (tolerance {:>9.2e}); {} entries",
            mark(c.evidence.verdict),
            c.case.label(),
            c.evidence.against,
            c.evidence.max_error,
            c.evidence.tolerance,
            c.evidence.entries
        );
    }
    let _ = writeln!(out, "\n{} claims hold, {} refuted.", r.holds, r.refuted);
    out
}
