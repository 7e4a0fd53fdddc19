//! `dsoftmax softmax` and `dsoftmax jacobian`: values at a point.

use super::Status;
use anyhow::{anyhow, Result};
use dsoftmax::reference::Method;
use dsoftmax::softmax::{naive, softmax};
use dsoftmax::verdict::floats;
use dsoftmax::Logits;
use serde::Serialize;

/// Arguments of `softmax`.
#[derive(clap::Args)]
pub struct SoftmaxArgs {
    /// The logits: numbers separated by commas or spaces, -inf allowed (e.g. 0,1,3 or "-1 0 3").
    #[arg(long, allow_hyphen_values = true)]
    at: String,
    /// Also show what the naive formula e^(a_i)/Σ e^(a_k) gives (NaN included).
    #[arg(long)]
    naive: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct SoftmaxJson {
    #[serde(serialize_with = "floats")]
    a: Vec<f64>,
    #[serde(serialize_with = "floats")]
    softmax: Vec<f64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "optional_floats")]
    naive: Option<Vec<f64>>,
}

fn optional_floats<S: serde::Serializer>(x: &Option<Vec<f64>>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(v) => floats(v, s),
        None => s.serialize_none(),
    }
}

/// Prints $S(a)$.
pub fn softmax_cmd(args: &SoftmaxArgs) -> Result<Status> {
    let a = Logits::parse(&args.at)?.at_most(1_000_000, "softmax", "")?;
    let s = softmax(&a);
    let nv = args.naive.then(|| naive::<f64>(a.as_slice()));
    if args.json {
        let out = SoftmaxJson { a: a.as_slice().to_vec(), softmax: s, naive: nv };
        outln!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(Status::AllHold);
    }
    outln!("S(a) at a = {a} (stable form, shifted by ln C = -max a = {})", dsoftmax::format_number(-a.max()));
    for (i, s_i) in s.iter().enumerate() {
        match &nv {
            Some(nv) => outln!("  S_{} = {s_i:<24e} naive: {}", i + 1, nv[i]),
            None => outln!("  S_{} = {s_i:e}", i + 1),
        }
    }
    if let Some(nv) = &nv {
        if nv.iter().any(|x| !x.is_finite()) {
            outln!("The naive formula is not finite here: some e^(a_k) overflows f64 (a_k > 709.78).");
        }
    }
    Ok(Status::AllHold)
}

/// Arguments of `jacobian`.
#[derive(clap::Args)]
pub struct JacobianArgs {
    /// The logits: numbers separated by commas or spaces, -inf allowed.
    #[arg(long, allow_hyphen_values = true)]
    at: String,
    /// analytic (S_i(δ_ij − S_j) in f64), forward, central, richardson, complex-step, or exact.
    #[arg(long, default_value = "exact")]
    method: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct JacobianJson {
    #[serde(serialize_with = "floats")]
    a: Vec<f64>,
    method: &'static str,
    #[serde(serialize_with = "floats")]
    softmax: Vec<f64>,
    jacobian: Vec<Row>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct Row(#[serde(serialize_with = "floats")] Vec<f64>);

/// Prints the Jacobian, row i = S_i, column j = a_j.
pub fn jacobian_cmd(args: &JacobianArgs) -> Result<Status> {
    let a = Logits::parse(&args.at)?.at_most(1024, "jacobian", " (its output is the dense N×N matrix)")?;
    let names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
    let method = Method::from_name(&args.method)
        .ok_or_else(|| anyhow!("unknown --method {:?}: use one of {}", args.method, names.join(", ")))?;
    let jac = method.jacobian(&a);
    let n = a.len();
    if args.json {
        let rows = (0..n).map(|i| Row((0..n).map(|j| jac[(i, j)]).collect())).collect();
        let out =
            JacobianJson { a: a.as_slice().to_vec(), method: method.name(), softmax: softmax(&a), jacobian: rows };
        outln!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(Status::AllHold);
    }
    outln!("Jacobian DS at a = {a}, method {}: row i = S_i, column j = a_j, entry = ∂S_i/∂a_j", method.name());
    out!("{:>8}", "");
    for j in 0..n {
        out!(" {:>24}", format!("j = {}", j + 1));
    }
    outln!("");
    for i in 0..n {
        out!("{:>8}", format!("i = {}", i + 1));
        for j in 0..n {
            out!(" {:>24e}", jac[(i, j)]);
        }
        outln!("");
    }
    Ok(Status::AllHold)
}
