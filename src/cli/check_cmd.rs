//! `dsoftmax check [--of softmax|log-softmax] [--samples N] [--seed S] [--json] FORMULA`.

use super::Status;
use anyhow::{anyhow, Result};
use dsoftmax::check::{check, Of};
use dsoftmax::expr::plain as formula;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The claimed ∂S_i/∂a_j, e.g. "S_i*(delta_ij - S_j)". Variables: S_i S_j a_i a_j delta_ij N Z c
    /// (Z = Σ_k e^(a_k); c a free real constant, claimed for every value); operators + - * / ^;
    /// functions exp ln sqrt; numbers are exact decimals.
    #[arg(allow_hyphen_values = true)]
    formula: String,
    /// What the formula is the derivative of: softmax (∂S_i/∂a_j) or log-softmax (∂ln S_i/∂a_j).
    #[arg(long, default_value = "softmax")]
    of: String,
    /// Generated inputs for the numeric layer (on top of the hard cases and every N from 1 to 256); at most 4000.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT, value_parser = super::input_count)]
    samples: usize,
    /// Seed of the generated inputs.
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_SEED)]
    seed: u64,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Checks the formula.
pub fn run(args: &Args) -> Result<Status> {
    let of = match args.of.as_str() {
        "softmax" => Of::Softmax,
        "log-softmax" => Of::LogSoftmax,
        other => return Err(anyhow!("unknown --of {other:?}: use softmax or log-softmax")),
    };
    let expr = formula::parse(&args.formula).map_err(|e| anyhow!("cannot parse the formula at {e}"))?;
    let config = dsoftmax::decide::Config { seed: args.seed, count: args.samples, ..Default::default() };
    let r = check(&expr, &args.formula, of, &config);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        let target = if of == Of::Softmax { "∂S_i/∂a_j" } else { "∂ln S_i/∂a_j" };
        outln!("claim: {target} = {}", args.formula);
        outln!("read as: {}", r.read_as);
        out!("{}", super::decision_text(&r.decision));
    }
    Ok(Status::of(r.decision.verdict))
}
