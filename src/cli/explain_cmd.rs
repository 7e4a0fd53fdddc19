//! `dsoftmax explain [--at LIST] [--i I --j J] [--latex]`.

use super::Status;
use anyhow::Result;
use dsoftmax::explain::{explain, Explanation};
use dsoftmax::Logits;

/// Arguments of `explain`.
#[derive(clap::Args)]
pub struct Args {
    /// The point (default: the article's example 1,2,5).
    #[arg(long, allow_hyphen_values = true, default_value = "1,2,5")]
    at: String,
    /// Row i (1-based; with --j). Default: one entry i = j and one entry i ≠ j.
    #[arg(long, requires = "j")]
    i: Option<usize>,
    /// Column j (1-based; with --i).
    #[arg(long, requires = "i")]
    j: Option<usize>,
    /// Show the formulas in LaTeX, as the article writes them.
    #[arg(long)]
    latex: bool,
}

/// Walks the derivation.
pub fn run(args: &Args) -> Result<Status> {
    let a =
        Logits::parse(&args.at)?.at_most(100_000, "explain", " (it keeps one column of the Jacobian per method)")?;
    let entries = match (args.i, args.j) {
        (Some(i), Some(j)) => vec![(a.index("i", i)?, a.index("j", j)?)],
        _ if a.len() == 1 => vec![(0, 0)],
        _ => vec![(0, 0), (0, 1)],
    };
    for (k, (i, j)) in entries.into_iter().enumerate() {
        if k > 0 {
            outln!("");
        }
        out!("{}", text(&explain(&a, i, j), args.latex));
    }
    Ok(Status::AllHold)
}

fn text(e: &Explanation, latex: bool) -> String {
    let a = dsoftmax::format_list(&e.a);
    let mut out =
        format!("The derivative D_jS_i = ∂S_i/∂a_j at a = {a}, i = {}, j = {} (case {})\n", e.i, e.j, e.case.label());
    out += "Each line of the article, its value in f64 (± its proven rounding bound), and its difference from the line it follows.\n";
    if e.shift != 0.0 {
        out += &format!(
            "Large logits: lines marked (shifted) overflow in f64 at a and are evaluated at a − {} (the article's ln C = −max); \
             ratios are unchanged, g, h, g′, h′ are scaled by C.\n",
            dsoftmax::format_number(e.shift)
        );
    }
    for (n, line) in e.lines.iter().enumerate() {
        let formula = if latex { line.latex } else { line.unicode };
        out += &format!("\n{:>2}. [{}] {}   — {}\n", n + 1, line.id, formula, line.section);
        let mark = if line.shifted { "  (shifted)" } else { "" };
        out += &format!("      = {:e}  (± {:.1e}){mark}\n", line.value, line.bound);
        out += &format!("      why: {}\n", line.justification);
        out += &format!("      verdict (every N, every a): {} — {}\n", line.verdict.label(), line.reason);
        if let Some(p) = &line.previous {
            let verdict = if p.equal {
                "equal within rounding"
            } else if !p.difference.is_finite() {
                "not comparable in f64 here: a value is not finite"
            } else {
                "DIFFERS beyond rounding: this line does not follow"
            };
            out += &format!("      minus [{}]: {:e}  ({verdict})\n", p.id, p.difference);
        }
    }
    out += &format!("\nThe same derivative ∂S_{}/∂a_{} by each method:\n", e.i, e.j);
    for (name, value) in &e.references {
        out += &format!("  {name:<13} {value:e}\n");
    }
    out
}
