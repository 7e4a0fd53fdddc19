//! `dsoftmax check [--of softmax|log-softmax] [--samples N] [--seed S] [--json] FORMULA`.

use super::Status;
use anyhow::{anyhow, Result};
use dsoftmax::check::{check, formula, Of};
use dsoftmax::verdict::Verdict;

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The claimed ∂S_i/∂a_j, e.g. "S_i*(delta_ij - S_j)". Variables: S_i S_j a_i a_j delta_ij N Z
    /// (Z = Σ_k e^(a_k)); operators + - * / ^; functions exp ln sqrt.
    #[arg(allow_hyphen_values = true)]
    formula: String,
    /// What the formula is the derivative of: softmax (∂S_i/∂a_j) or log-softmax (∂ln S_i/∂a_j).
    #[arg(long, default_value = "softmax")]
    of: String,
    /// How many generated inputs (on top of the hand-picked hard cases).
    #[arg(long, default_value_t = dsoftmax::inputs::DEFAULT_COUNT)]
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
    let expr = formula::parse(&args.formula)
        .map_err(|e| anyhow!("cannot parse the formula (column {}):\n{}", e.column, e.message))?;
    let r = check(&expr, &args.formula, of, args.samples, args.seed);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        let target = if of == Of::Softmax { "∂S_i/∂a_j" } else { "∂ln S_i/∂a_j" };
        println!("claim: {target} = {}", args.formula);
        println!("read as: {expr}");
        match &r.counterexample {
            None => println!(
                "verdict: HOLDS — agrees with the exact {target} on all {} entries (i, j) of {} inputs, \
                 within the proven f64 rounding bound of each (largest relative error {:.1e})",
                r.entries, r.samples, r.max_rel_error
            ),
            Some(c) => {
                let a = dsoftmax::format_list(&c.a);
                println!("verdict: REFUTED — simplest counterexample found:");
                println!("  a = {a}, i = {}, j = {} (case {})", c.i, c.j, c.case.label());
                println!("  claimed {:e}", c.claimed);
                println!("  true    {:e}", c.reference);
            }
        }
        if r.counterexample.is_none() && r.max_rel_error > 1e-6 {
            println!(
                "note: relative errors this large occur where f64 cancellation loses the digits of a tiny true value \
                 (e.g. 1 − S_i with S_i ≈ 1); the proven bound covers them, so they are not a refutation"
            );
        }
        for w in &r.warnings {
            println!("warning: {w}");
        }
    }
    Ok(if r.verdict == Verdict::Holds { Status::AllHold } else { Status::Refuted })
}
