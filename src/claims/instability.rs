//! § *Instabilité numérique*: the shift by $\ln C$ and the overflow demonstration.

use super::{logits_json, stable_softmax_against_exact, Claim, Context, Outcome};
use crate::numeric::{sum, Dd};
use crate::softmax::{self, Exact};
use crate::tolerance::DD_REL_ERR;
use crate::Logits;
use serde_json::json;

/// The article's logits.
const LOGITS: [f64; 3] = [123.0, 456.0, 789.0];

/// The claims of this section, in order.
pub const CLAIMS: &[Claim] = &[
    Claim {
        id: "shift-invariance",
        section: "Instabilité numérique",
        statement: r"\frac{e^{\lambda_{y_i}}}{\sum_j e^{\lambda_j}} = \frac{Ce^{\lambda_{y_i}}}{C\sum_j e^{\lambda_j}} = \frac{e^{\lambda_{y_i} + \ln C}}{\sum_j e^{\lambda_j + \ln C}}",
        quotes: &[],
        check: shift_invariance,
    },
    Claim {
        id: "shift-choice",
        section: "Instabilité numérique",
        statement: SHIFT_CHOICE,
        quotes: &[],
        check: shift_choice,
    },
    Claim {
        id: "overflow-demo",
        section: "Instabilité numérique",
        statement: "logits = np.array([123, 456, 789]); p = np.exp(logits) / np.sum(np.exp(logits)) # Plante la machine — RuntimeWarning: invalid value encountered in true_divide",
        quotes: &[],
        check: overflow_demo,
    },
    Claim {
        id: "shifted-logits",
        section: "Instabilité numérique",
        statement: "logits -= np.max(logits) # logits devient [-666, -333, 0]",
        quotes: &[],
        check: shifted_logits,
    },
    Claim {
        id: "shifted-result",
        section: "Instabilité numérique",
        statement: "p = np.exp(logits) / np.sum(np.exp(logits)) # Fonctionne correctement; my_round(p,3) → array([5.75e-290, 2.40e-145, 1.00e+000])",
        quotes: &[],
        check: shifted_result,
    },
];

/// $e^{\lambda_i + \ln C} / \sum_j e^{\lambda_j + \ln C}$ in double-double,
/// without any further shift: the article's right-hand side as written.
fn shifted_by(a: &[f64], ln_c: f64) -> Vec<Dd> {
    let g: Vec<Dd> = a.iter().map(|&x| (Dd::from(x) + Dd::from(ln_c)).exp()).collect();
    let h = sum(g.iter().copied());
    g.into_iter().map(|g_k| g_k / h).collect()
}

/// Checks the identity for several $C$ on every input where double-double is
/// accurate on both sides (all exponents within ±600: below $e^{-700}$ the
/// trailing part of a double-double is subnormal and its precision is lost).
fn shift_invariance(ctx: &Context<'_>) -> Outcome {
    let (mut inputs, mut entries) = (0, 0);
    for a in ctx.suite {
        let x = a.as_slice();
        let finite = || x.iter().filter(|v| v.is_finite());
        for ln_c in [-a.max(), -3.5, 2.25, 40.0] {
            if !finite().all(|v| v.abs() <= 600.0 && (v + ln_c).abs() <= 600.0) {
                continue;
            }
            inputs += 1;
            let (left, right) = (shifted_by(x, 0.0), shifted_by(x, ln_c));
            // Each side is within (N + 4)·DD_REL_ERR relative of S_i (exp, sum of N terms, one division).
            let n = x.len() as f64;
            for (i, (l, r)) in left.iter().zip(&right).enumerate() {
                entries += 1;
                let tol = 2.0 * (n + 4.0) * DD_REL_ERR * l.to_f64().abs();
                if (*l - *r).to_f64().abs() > tol {
                    let ce =
                        json!({"a": logits_json(a), "ln_C": ln_c, "i": i + 1, "left": l.to_f64(), "right": r.to_f64()});
                    return Outcome::refuted("the two sides differ", ce, "");
                }
            }
        }
    }
    Outcome::holds(format!(
        "for ln C ∈ {{−max λ, −3.5, 2.25, 40}}: both sides agree to double-double precision on {entries} entries of \
         {inputs} (input, C) pairs where e^(λ) and e^(λ + ln C) are representable (C > 0 is implied by ln C)"
    ))
}

/// With $\ln C = -\max_j \lambda_j$ the largest exponent is 0: the stable
/// softmax is finite and right on every input, near overflow included.
/// The article's choice of $\ln C$, prose and formula.
const SHIFT_CHOICE: &str =
    r"Choix classique de $ln(C)$: valueur maximale du vecteur $\lambda$ $$\ln C = -\max_j \lambda_j$$";

/// The words that call $\ln C = -\max_j \lambda_j$ "the maximum value":
/// what is wrong with them (the claim's flag) and `text` with them fixed,
/// or `None` when its words are right.
pub fn shift_choice_wording(text: &str) -> Option<(String, String)> {
    let negated = text.contains("opposé") || text.contains("negative") || text.contains("minus");
    ["valueur maximale", "valeur maximale", "the maximum value"].into_iter().find(|w| text.contains(w) && !negated).map(
        |wrong| {
            let right =
                if wrong.starts_with("the") { "minus the maximum value" } else { "l'opposé de la valeur maximale" };
            let flag = format!("the formula is right, but the prose calls ln C \"{wrong}\": it is minus the maximum");
            (flag, text.replacen(wrong, right, 1))
        },
    )
}

fn shift_choice(ctx: &Context<'_>) -> Outcome {
    let entries = match stable_softmax_against_exact(ctx.suite) {
        Ok(entries) => entries,
        Err(ce) => return Outcome::refuted("the shifted softmax is wrong here", ce, ""),
    };
    let wrong_sign = softmax::naive::<f64>(&LOGITS.map(|v| v + 789.0));
    let outcome = Outcome::holds(format!(
        "with ln C = −max, every exponent is ≤ 0 and one is 0, so Σ ∈ [1, N]: the shifted softmax is finite and within its \
         rounding bound of the exact value on all {entries} entries of {} inputs, |a| up to 1000 and beyond the exp overflow at 709.78. \
         The sign matters: the prose says \"valeur maximale\", the formula −max is the right one; with ln C = +max the \
         article's logits give {:?}",
        ctx.suite.len(),
        wrong_sign
    ));
    match shift_choice_wording(SHIFT_CHOICE) {
        Some((flag, fixed)) if outcome.verdict.is_true() => outcome.flagged(flag, fixed),
        _ => outcome,
    }
}

/// The naive formula at $[123, 456, 789]$: what f64 gives.
fn overflow_demo(_: &Context<'_>) -> Outcome {
    check_overflow_demo(&LOGITS, "Plante la machine")
}

/// The naive line at `logits`, against what its `comment` says it does: a
/// comment that says it crashes ("plante", "crash") is refuted when f64
/// returns instead (it never traps), with the values it returns.
pub fn check_overflow_demo(logits: &[f64], comment: &str) -> Outcome {
    let p = softmax::naive::<f64>(logits);
    let shown: Vec<String> = p.iter().map(|v| if v.is_nan() { "nan".to_string() } else { format!("{v}") }).collect();
    let overflows: Vec<String> = logits.iter().filter(|v| v.exp().is_infinite()).map(|v| format!("e^{v}")).collect();
    let lower = comment.to_lowercase();
    let negated = ["ne plante", "not crash", "n't crash", "no crash"].iter().any(|w| lower.contains(w));
    let says_crash = !negated && ["plante", "crash"].iter().any(|w| lower.contains(w));
    let plain: Vec<String> = p.iter().map(|v| format!("{v}")).collect();
    let detail = format!(
        "f64 gives p = [{}]{}. Nothing crashes: f64 arithmetic never traps{}",
        plain.join(", "),
        if overflows.is_empty() {
            String::new()
        } else {
            format!(
                ": {} overflows to +inf (ln of the largest f64 is {:.2}), the sum is +inf, finite/inf = 0 and inf/inf = NaN — \
                 hence numpy's 'invalid value' warning",
                overflows.join(", "),
                f64::MAX.ln()
            )
        },
        if p.iter().any(|v| v.is_nan()) {
            "; the result is silently wrong (NaN), which is the real danger"
        } else {
            ""
        }
    );
    if !says_crash {
        return Outcome::holds(format!("the comment does not say the line crashes; {detail}"));
    }
    let ce = json!({"a": logits, "naive_softmax": p.iter().map(|v| if v.is_nan() { json!("NaN") } else { json!(v) }).collect::<Vec<_>>()});
    let correction = if p.iter().all(|v| v.is_finite()) {
        "# Fonctionne".to_string()
    } else {
        format!("# Ne plante pas mais renvoie [{}] : exp déborde (au-delà de e^709,78), la somme vaut inf et inf/inf donne nan", shown.join(", "))
    };
    Outcome::refuted(detail, ce, correction)
}

/// $[123, 456, 789] - 789 = [-666, -333, 0]$, exactly.
fn shifted_logits(_: &Context<'_>) -> Outcome {
    check_shifted_logits(&LOGITS, &[-666.0, -333.0, 0.0])
}

/// `logits − max(logits)` gives `claimed`, exactly.
// Exact comparison: the claim is that the subtraction gives these numbers exactly.
#[allow(clippy::float_cmp)]
pub fn check_shifted_logits(logits: &[f64], claimed: &[f64]) -> Outcome {
    let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let shifted: Vec<f64> = logits.iter().map(|v| v - m).collect();
    if shifted == claimed {
        Outcome::holds(format!("max = {m}; {logits:?} − {m} = {shifted:?}, exactly"))
    } else {
        Outcome::refuted(format!("the shift gives {shifted:?}, not {claimed:?}"), json!({"computed": shifted}), "")
    }
}

/// The printed result, at the precision printed (three significant digits),
/// against the exact softmax and against what the shifted f64 code gives.
fn shifted_result(_: &Context<'_>) -> Outcome {
    check_shifted_result(&LOGITS, &[5.75e-290, 2.40e-145, 1.00])
}

/// The softmax of `logits` printed to three significant digits, against the
/// exact value and what the shifted f64 code gives.
pub fn check_shifted_result(logits: &[f64], printed: &[f64]) -> Outcome {
    let Ok(a) = Logits::new(logits.to_vec()) else {
        return Outcome::refuted("the logits are not a valid vector", json!({"logits": logits}), "");
    };
    if printed.len() != a.len() {
        return Outcome::refuted(format!("{} values printed for {} logits", printed.len(), a.len()), json!({}), "");
    }
    let truth: Vec<f64> = Exact::new(&a).s.iter().map(|s| s.to_f64()).collect();
    let m = a.max();
    let f64_code = softmax::naive::<f64>(&logits.iter().map(|v| v - m).collect::<Vec<_>>());
    // Three significant digits: each printed value is right to half a unit of its third digit.
    let half_unit = |v: f64| 0.005 * 10f64.powf(v.abs().log10().floor());
    for (i, &p) in printed.iter().enumerate() {
        for (what, value) in [("exact", truth[i]), ("f64 code", f64_code[i])] {
            if (value - p).abs() > half_unit(p) {
                let ce = json!({"i": i + 1, "printed": p, what: value});
                return Outcome::refuted(format!("{what} S_{} = {value:e}, printed {p:e}", i + 1), ce, "");
            }
        }
    }
    let exact: Vec<String> = truth.iter().map(|v| format!("{v:.6e}")).collect();
    let code: Vec<String> = f64_code.iter().map(|v| format!("{v:e}")).collect();
    Outcome::holds(format!(
        "exact S = [{}], and the shifted f64 code gives [{}]: both match the printed values to their three \
         significant digits",
        exact.join(", "),
        code.join(", ")
    ))
}
