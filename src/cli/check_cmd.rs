//! `dsoftmax check [--of QUANTITY] [--case i=j|i!=j] [--labels any|sum-to-one|one-hot] [--latex] [--samples N] [--seed S] [--json] FORMULA`.

use super::Status;
use anyhow::{anyhow, Result};
use dsoftmax::check::{check, Claim, Of};
use dsoftmax::decide::Labels;
use dsoftmax::derivation::Scope;
use dsoftmax::expr::{latex, plain};

/// Arguments of `check`.
#[derive(clap::Args)]
pub struct Args {
    /// The claimed derivative, e.g. "S_i*(delta_ij - S_j)". Variables: S_i S_j a_i a_j delta_ij N Z c
    /// (Z = Σ_k e^(a_k); c a free real constant, claimed for every value), labels y_i y_j, a temperature T,
    /// q_i q_j (= softmax(a/T)), x (a scalar input, read as a_i), and inside sum(…) or sum_{k!=i}(…):
    /// a_k y_k S_k; operators + - * / ^; functions exp ln sqrt sigmoid tanh; numbers are exact decimals.
    #[arg(allow_hyphen_values = true)]
    formula: String,
    /// What the formula is the derivative of: softmax (∂S_i/∂a_j), log-softmax (∂ln S_i/∂a_j),
    /// logsumexp (∂ln Z/∂a_j), cross-entropy (∂/∂a_j of -Σ_k y_k ln S_k), temperature (∂q_i/∂a_j, q = softmax(a/T)),
    /// distillation (∂/∂a_j of -Σ_k y_k ln q_k), vjp (Σ_i y_i ∂S_i/∂a_j), sigmoid (σ'(x)), tanh (tanh'(x)).
    #[arg(long, default_value = "softmax")]
    of: String,
    /// The entries the formula is claimed for: i=j or i!=j (default: every entry).
    #[arg(long)]
    case: Option<String>,
    /// What the labels y satisfy: sum-to-one (Σ_k y_k = 1: a distribution, a one-hot vector),
    /// one-hot (y = e_i: i is the class, as c in L = -ln S_c; the case i=j is the class's logit) or any.
    /// Default: sum-to-one for cross-entropy and distillation, any otherwise.
    #[arg(long)]
    labels: Option<String>,
    /// Read FORMULA as LaTeX (\frac, e^{…}, \ln, \sum_k y_k \ln S_k, \delta_{ij}, …) rather than the plain syntax.
    #[arg(long)]
    latex: bool,
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

/// The claim the arguments describe.
fn claim(args: &Args) -> Result<Claim> {
    let names: Vec<&str> = Of::ALL.iter().map(|of| of.name()).collect();
    let of =
        Of::named(&args.of).ok_or_else(|| anyhow!("unknown --of {:?}: use one of {}", args.of, names.join(", ")))?;
    let mut claim = Claim::of(of);
    if let Some(case) = &args.case {
        let squeezed: String = case.chars().filter(|c| !c.is_whitespace()).collect();
        let asked = match squeezed.as_str() {
            "i=j" | "j=i" => Scope::Diagonal,
            "i!=j" | "j!=i" | "i≠j" | "j≠i" => Scope::OffDiagonal,
            _ => return Err(anyhow!("unknown --case {case:?}: use i=j or i!=j")),
        };
        if claim.scope != Scope::All && claim.scope != asked {
            return Err(anyhow!(
                "--of {} is a function of one variable: its derivative has the case i=j only",
                of.name()
            ));
        }
        claim.scope = asked;
    }
    if let Some(labels) = &args.labels {
        claim.labels = match labels.as_str() {
            "sum-to-one" => Labels::SumToOne,
            "one-hot" => Labels::OneHot,
            "any" => Labels::Any,
            other => return Err(anyhow!("unknown --labels {other:?}: use sum-to-one, one-hot or any")),
        };
    }
    Ok(claim)
}

/// Checks the formula.
pub fn run(args: &Args) -> Result<Status> {
    let claim = claim(args)?;
    let expr = if args.latex {
        latex::parse_expr(&args.formula).map_err(|e| anyhow!("cannot read the LaTeX at {e}"))?
    } else {
        plain::parse(&args.formula).map_err(|e| anyhow!("cannot parse the formula at {e}"))?
    };
    let config = dsoftmax::decide::Config { seed: args.seed, count: args.samples, ..Default::default() };
    let r = check(&expr, &args.formula, claim, &config);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        let case = if r.case == "all" { String::new() } else { format!(" (claimed for {} only)", r.case) };
        outln!("claim: {} = {}{case}", claim.of.claimed(), args.formula);
        outln!("read as: {}", r.read_as);
        out!("{}", super::decision_text(&r.decision, dsoftmax::lang::Lang::En));
    }
    Ok(Status::of(r.decision.verdict))
}
