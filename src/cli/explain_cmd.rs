//! `dsoftmax explain [--at LIST] [--i I --j J] [--latex]`.

use super::Status;
use anyhow::Result;
use dsoftmax::explain::{explain, Explanation};
use dsoftmax::Logits;

/// Arguments of `explain`.
#[derive(clap::Args)]
pub struct Args {
    /// The point (default: the post's worked example, else 0,1,2).
    #[arg(long, allow_hyphen_values = true)]
    at: Option<String>,
    /// The post whose derivation to walk (default: our own reference post).
    #[arg(long)]
    article: Option<std::path::PathBuf>,
    /// Row i (1-based; with --j). Default: one entry i = j and one entry i ≠ j.
    #[arg(long, requires = "j")]
    i: Option<usize>,
    /// Column j (1-based; with --i).
    #[arg(long, requires = "i")]
    j: Option<usize>,
}

/// Walks the derivation.
pub fn run(args: &Args) -> Result<Status> {
    let markdown = match &args.article {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?
        }
        None => dsoftmax::verify::REFERENCE_POST.to_string(),
    };
    let post = dsoftmax::verify::read_and_decide(&markdown);
    let at = match (&args.at, post.example_point()) {
        (Some(at), _) => at.clone(),
        (None, Some(a)) => dsoftmax::format_list(a).trim_matches(['[', ']']).to_string(),
        (None, None) => "0,1,2".to_string(),
    };
    let a = Logits::parse(&at)?.at_most(100_000, "explain", " (it keeps one column of the Jacobian per method)")?;
    let entries = match (args.i, args.j) {
        (Some(i), Some(j)) => vec![(a.index("i", i)?, a.index("j", j)?)],
        _ if a.len() == 1 => vec![(0, 0)],
        _ => vec![(0, 0), (0, 1)],
    };
    for (k, (i, j)) in entries.into_iter().enumerate() {
        if k > 0 {
            outln!("");
        }
        out!("{}", text(&explain(&post, &a, i, j)));
    }
    Ok(Status::AllHold)
}

fn text(e: &Explanation) -> String {
    let a = dsoftmax::format_list(&e.a);
    let mut out =
        format!("The derivative D_jS_i = ∂S_i/∂a_j at a = {a}, i = {}, j = {} (case {})\n", e.i, e.j, e.case.label());
    out += "Each line of the post that speaks about this entry, its value in f64 (± its proven rounding bound), and its difference from the row above it in its chain.\n";
    if e.shift != 0.0 {
        out += &format!(
            "Large logits: lines marked (shifted) overflow in f64 at a and are evaluated at a − {} (a shift by −max); \
             ratios are unchanged, g, h, g′, h′ are scaled by C.\n",
            dsoftmax::format_number(e.shift)
        );
    }
    for (n, line) in e.lines.iter().enumerate() {
        let formula: String = line.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        out += &format!("\n{:>2}. line {}: {}   — {}\n", n + 1, line.line, formula, line.section);
        let mark = if line.shifted { "  (shifted)" } else { "" };
        match line.not_evaluated {
            Some(why) => out += &format!("      not evaluated here: {why}\n"),
            None => out += &format!("      = {:e}  (± {:.1e}){mark}\n", line.value, line.bound),
        }
        out += &format!("      verdict (every N, every a): {} — {}\n", line.verdict.label(), line.reason);
        if let Some(p) = &line.previous {
            let verdict = if p.equal {
                "equal within rounding"
            } else if !p.difference.is_finite() {
                "not comparable in f64 here: a value is not finite"
            } else {
                "DIFFERS beyond rounding: this line does not follow"
            };
            out += &format!("      minus line {}: {:e}  ({verdict})\n", p.line, p.difference);
        }
    }
    out += &format!("\nThe same derivative ∂S_{}/∂a_{} by each method:\n", e.i, e.j);
    for (name, value) in &e.references {
        out += &format!("  {name:<13} {value:e}\n");
    }
    out
}
