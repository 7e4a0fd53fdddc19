//! `dsoftmax report [--out DIR] [--at LIST]`.

use super::Status;
use anyhow::Result;
use dsoftmax::report;
use dsoftmax::verify::Config;
use dsoftmax::Logits;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(clap::Args)]
pub struct Args {
    /// Output folder (created if missing; files the tool did not write are never touched).
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    /// The point of the figures: numbers separated by commas or spaces, -inf allowed.
    #[arg(long, allow_hyphen_values = true, default_value = "1,2,5")]
    at: String,
}

/// Writes the report. The verdicts are the report's content: once it is
/// written the command succeeds (exit 0), whatever they are; `verify` is the
/// command whose exit status is the verdict.
pub fn run(args: &Args) -> Result<Status> {
    let at = Logits::parse(&args.at)?.at_most(256, "report", " (the heatmap draws every entry of the N×N Jacobian)")?;
    let progress = |line: &str| eprintln!("dsoftmax report: {line}");
    let written = report::write(&args.out, &at, Config::default(), &progress)?;
    let r = &written.report;
    outln!(
        "claims: {} proved, {} hold, {} refuted, {} undecided; report in {}",
        r.counts.proved,
        r.counts.holds,
        r.counts.refuted,
        r.counts.undecided,
        args.out.join(report::REPORT_FILE).display()
    );
    Ok(Status::AllHold)
}
