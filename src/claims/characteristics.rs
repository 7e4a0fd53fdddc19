//! § *Définition* and § *Caractéristiques*.

use super::{logits_json, stable_softmax_against_exact, Claim, Context, Outcome};
use crate::numeric::{sum, Dd};
use crate::softmax::{self, Exact};
use crate::tolerance::{self, DD_REL_ERR};
use crate::Logits;
use serde_json::json;

/// The claims of these sections, in order.
pub const CLAIMS: &[Claim] = &[
    Claim {
        id: "definition",
        section: "Définition",
        statement: r"S\colon \mathbb{R}^N \to \mathbb{R}^N,\ \forall N \in \mathbb{N}^*,\quad S_i = \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }\ \forall i \in \{1,\cdots,N\}",
        quotes: &[],
        check: definition,
    },
    Claim {
        id: "range",
        section: "Caractéristiques",
        statement: r"\forall i, S_i \in ]0,1]",
        quotes: &[],
        check: range,
    },
    Claim {
        id: "sum-to-one",
        section: "Caractéristiques",
        statement: r"\sum_{i=1}^{N}S_i = 1",
        quotes: &[],
        check: sum_to_one,
    },
    Claim {
        id: "order",
        section: "Caractéristiques",
        statement: "L'ordre des valeurs de `a` est conservé et la plus haute valeur ressort clairement.",
        quotes: &[],
        check: order,
    },
    Claim {
        id: "example",
        section: "Caractéristiques",
        statement: "Par exemple pour `a = [1,0 2,0 5,0]`on aura `S(a) = [0,02 0,05 0,93]`",
        quotes: &[],
        check: example,
    },
    Claim {
        id: "soft-max",
        section: "Caractéristiques",
        statement: "Softmax est comme une version \"soft\" de la fonction maximum, elle fait ressortir le maximum mais n'élimine pas complètement les autres valeurs.",
        quotes: &[],
        check: soft_max,
    },
];

/// The unmasked positions of `a`.
fn unmasked(a: &Logits) -> impl Iterator<Item = usize> + '_ {
    a.as_slice().iter().enumerate().filter(|(_, x)| x.is_finite()).map(|(k, _)| k)
}

/// $\ln S_i = (a_i + \ln C) - \ln h$ in double-double (finite wherever $a_i$ is,
/// even where $S_i$ underflows).
fn log_s(exact: &Exact, a: &Logits, i: usize) -> Dd {
    Dd::from(a.as_slice()[i]) + Dd::from(exact.ln_c) - exact.h.ln()
}

/// The definition: the denominator is positive for every $a \in \mathbb{R}^N$,
/// and the `f64` implementation the tool uses agrees with it within its
/// proven rounding bound.
fn definition(ctx: &Context<'_>) -> Outcome {
    for a in ctx.suite {
        let exact = Exact::new(a);
        if !(exact.h.hi > 0.0 && exact.h.hi.is_finite()) {
            let ce = json!({"a": logits_json(a), "denominator": exact.h.hi});
            return Outcome::refuted(
                "the denominator is not a positive number",
                ce,
                "S est définie pour tout a ∈ ℝ^N.",
            );
        }
    }
    let entries = match stable_softmax_against_exact(ctx.suite) {
        Ok(entries) => entries,
        Err(ce) => {
            return Outcome::refuted(
                "the stable f64 softmax disagrees with the definition",
                ce,
                "(the definition is the article's; the implementation is wrong)",
            )
        }
    };
    Outcome::holds(format!(
        "a definition: checked that Σ_k e^(a_k) > 0 (after the shift ln C) on all {} inputs, N from 1 to {}, \
         and that the stable f64 softmax equals it within its rounding bound on all {entries} entries",
        ctx.suite.len(),
        ctx.suite.iter().map(Logits::len).max().unwrap_or(0)
    ))
}

/// $S_i \in\, ]0, 1]$ in the reals: $\ln S_i$ is finite and $\le 0$; then
/// where `f64` disagrees.
// Exact comparisons: the f64 note reports values that round to exactly 0 or 1.
#[allow(clippy::float_cmp)]
fn range(ctx: &Context<'_>) -> Outcome {
    let mut checked = 0;
    let mut underflow: Option<(Logits, usize, f64)> = None;
    let mut rounds_to_one: Option<(Logits, usize)> = None;
    for a in ctx.suite {
        let exact = Exact::new(a);
        let s = softmax::softmax(a);
        let others = unmasked(a).count() > 1;
        for i in unmasked(a) {
            checked += 1;
            let ln_s = log_s(&exact, a, i);
            // ln S_i is computed in double-double: it may exceed 0 by its rounding, DD_REL_ERR·(1 + |a_i|).
            let slack = DD_REL_ERR * (1.0 + a.as_slice()[i].abs() + exact.ln_c.abs());
            if !ln_s.hi.is_finite() || ln_s.hi > slack {
                let ce = json!({"a": logits_json(a), "i": i + 1, "ln_S_i": ln_s.hi});
                return Outcome::refuted("ln S_i is not finite and ≤ 0", ce, r"\forall i, S_i \in ]0,1]");
            }
            if s[i] == 0.0 && underflow.as_ref().is_none_or(|(b, _, _)| a.len() < b.len()) {
                underflow = Some((a.clone(), i, ln_s.hi));
            }
            if others && s[i] == 1.0 && rounds_to_one.as_ref().is_none_or(|(b, _)| a.len() < b.len()) {
                rounds_to_one = Some((a.clone(), i));
            }
        }
    }
    let mut detail = format!(
        "in the reals: ln S_i = a_i − ln Σ_k e^(a_k) is finite and ≤ 0 for all {checked} unmasked entries \
         (S_i = 1 only when N = 1: for N ≥ 2 the sharper S_i ∈ ]0,1[ holds). Masked entries (a_k = −∞, outside ℝ^N) give S_k = 0"
    );
    if let Some((a, i, ln_s)) = underflow {
        detail += &format!(
            ". In f64 the bounds are not kept: at a = {a}, S_{} underflows to 0 (true value e^({ln_s:.1}) ≈ 10^({:.0}))",
            i + 1,
            ln_s / std::f64::consts::LN_10
        );
    }
    if let Some((a, i)) = rounds_to_one {
        detail += &format!(", and at a = {a}, S_{} rounds to exactly 1 with N ≥ 2", i + 1);
    }
    Outcome::holds(detail)
}

/// $\sum_i S_i = 1$: in double-double to $(2N + 4)$ [`DD_REL_ERR`], and in
/// `f64` within the proven rounding bound of the sum.
fn sum_to_one(ctx: &Context<'_>) -> Outcome {
    let mut worst_ulps: f64 = 0.0;
    for a in ctx.suite {
        let exact = Exact::new(a);
        let n = a.len() as f64; // N ≤ 2^53: exact
        let total = sum(exact.s.iter().copied()) - Dd::ONE;
        if total.to_f64().abs() > (2.0 * n + 4.0) * DD_REL_ERR {
            let ce = json!({"a": logits_json(a), "sum_minus_one": total.to_f64()});
            return Outcome::refuted("Σ S_i differs from 1 beyond rounding", ce, r"\sum_{i=1}^{N}S_i = 1");
        }
        let f64_sum = sum(softmax::bounded(a));
        if !tolerance::within((f64_sum.value - 1.0).abs(), f64_sum.err) {
            let ce = json!({"a": logits_json(a), "f64_sum": f64_sum.value, "bound": f64_sum.err});
            return Outcome::refuted("the f64 sum is farther from 1 than its rounding bound", ce, "");
        }
        worst_ulps = worst_ulps.max(tolerance::ulps(f64_sum.value, 1.0));
    }
    Outcome::holds(format!(
        "in double-double |Σ S_i − 1| ≤ (2N+4)·2^-90 on all {} inputs; in f64 the sum is within its rounding bound, \
         at most {worst_ulps:.0} ulp from 1",
        ctx.suite.len()
    ))
}

/// $a_i < a_k \Rightarrow S_i < S_k$ and $a_i = a_k \Rightarrow S_i = S_k$, via
/// $\ln S$ in double-double; then where `f64` merges distinct values.
fn order(ctx: &Context<'_>) -> Outcome {
    let mut pairs = 0;
    let mut merged: Option<(Logits, usize, usize)> = None;
    for a in ctx.suite {
        let exact = Exact::new(a);
        let s = softmax::softmax(a);
        let mut idx: Vec<usize> = unmasked(a).collect();
        idx.sort_by(|&p, &q| a.as_slice()[p].total_cmp(&a.as_slice()[q]));
        for w in idx.windows(2) {
            let (p, q) = (w[0], w[1]);
            pairs += 1;
            let (lp, lq) = (log_s(&exact, a, p), log_s(&exact, a, q));
            let strictly = a.as_slice()[p] < a.as_slice()[q];
            let ordered = if strictly { (lq - lp).hi > 0.0 } else { lp == lq };
            if !ordered {
                let ce = json!({"a": logits_json(a), "i": p + 1, "k": q + 1});
                return Outcome::refuted(
                    "softmax does not keep the order",
                    ce,
                    "L'ordre des valeurs de `a` est conservé.",
                );
            }
            if strictly && s[p] >= s[q] && merged.as_ref().is_none_or(|(b, _, _)| a.len() < b.len()) {
                merged = Some((a.clone(), p, q));
            }
        }
    }
    let mut detail = format!(
        "in the reals: on {pairs} neighbouring pairs, a_i < a_k gives S_i < S_k and ties give equal S (ln S_i − ln S_k = a_i − a_k). \
         'ressort clairement' is not a property: the gap S_max − S_next = S_max(1 − e^-(a_max − a_next)) vanishes with the logit gap"
    );
    if let Some((a, p, q)) = merged {
        detail += &format!(
            ". In f64 strict order can collapse: at a = {a}, a_{} < a_{} but S_{} = S_{} after rounding",
            p + 1,
            q + 1,
            p + 1,
            q + 1
        );
    }
    Outcome::holds(detail)
}

/// The worked example, checked at the precision the article prints (two decimals).
fn example(_: &Context<'_>) -> Outcome {
    let a = Logits::new(vec![1.0, 2.0, 5.0]).expect("valid");
    check_example(&a, &[(0.02, 2), (0.05, 2), (0.93, 2)])
}

/// $S(a)$ against values printed with a number of decimals each: each must be
/// within half a unit of its last printed digit. Refuted, the correction gives
/// the values at three decimals, which sum to 1 at that precision (two
/// decimals can sum to 1,01).
pub fn check_example(a: &Logits, printed: &[(f64, usize)]) -> Outcome {
    let exact = Exact::new(a);
    let truth: Vec<f64> = exact.s.iter().map(|s| s.to_f64()).collect();
    let half_unit = |d: usize| 0.5 * 10f64.powi(-(d as i32));
    let shown = |x: &[f64]| x.iter().map(|v| format!("{v:.6}")).collect::<Vec<_>>().join(", ");
    if printed.len() != truth.len() {
        let detail = format!("a has {} entries but S(a) is printed with {}", truth.len(), printed.len());
        return Outcome::refuted(detail, json!({"printed": printed.len(), "n": truth.len()}), "");
    }
    let wrong = (0..truth.len()).find(|&i| (truth[i] - printed[i].0).abs() > half_unit(printed[i].1));
    let Some(i) = wrong else {
        return Outcome::holds(format!(
            "S(a) = [{}], each within half a unit of its last printed digit",
            shown(&truth)
        ));
    };
    let (p, d) = printed[i];
    let french = |v: f64, d: usize| format!("{v:.d$}").replace('.', ",");
    let detail = format!(
        "S(a) = [{}]; at {d} decimals S_{} = {:.6} is {}, not {} (|error| {:.4} > {}: truncated, not rounded)",
        shown(&truth),
        i + 1,
        truth[i],
        french(truth[i], d),
        french(p, d),
        (truth[i] - p).abs(),
        half_unit(d)
    );
    let ce = json!({"a": logits_json(a), "i": i + 1, "printed": p, "true": truth[i]});
    let three: Vec<String> = truth.iter().map(|&v| french(v, 3)).collect();
    let correction = format!("`S(a) = [{}]`", three.join(" "));
    Outcome::refuted(detail, ce, correction)
}

/// A soft maximum: the largest $a_i$ gets the largest $S_i$, and no $S_i$ is 0 (in the reals).
// Exact comparisons: "the largest logit" means equal to the maximum, ties included.
#[allow(clippy::float_cmp)]
fn soft_max(ctx: &Context<'_>) -> Outcome {
    let mut eliminated: Option<(Logits, usize)> = None;
    for a in ctx.suite {
        let exact = Exact::new(a);
        let top_a = a.max();
        let logs: Vec<(usize, Dd)> = unmasked(a).map(|i| (i, log_s(&exact, a, i))).collect();
        let top_s = logs.iter().map(|&(_, l)| l).fold(logs[0].1, |m, l| if (l - m).hi > 0.0 { l } else { m });
        for &(i, l) in &logs {
            let is_top_a = a.as_slice()[i] == top_a;
            let is_top_s = (l - top_s).hi == 0.0;
            if is_top_a != is_top_s {
                let ce = json!({"a": logits_json(a), "i": i + 1});
                return Outcome::refuted("the maximum of a is not the maximum of S", ce, "");
            }
        }
        let s = softmax::softmax(a);
        if let Some(i) = unmasked(a).find(|&i| s[i] == 0.0) {
            if eliminated.as_ref().is_none_or(|(b, _)| a.len() < b.len()) {
                eliminated = Some((a.clone(), i));
            }
        }
    }
    let mut detail = format!(
        "in the reals, on all {} inputs: the largest logits get the largest S, and every S_i > 0 (claim `range`)",
        ctx.suite.len()
    );
    if let Some((a, i)) = eliminated {
        detail += &format!(". In f64 a value can be eliminated completely: at a = {a}, S_{} = 0", i + 1);
    }
    Outcome::holds(detail)
}
