//! § *Jacobien*, § *Dérivée d'une fraction de fonctions*, § *Dérivée de S*.
//!
//! These claims stand or fall with the lines of the derivation
//! ([`crate::derivation::STEPS`]) and with the final formula's checks against
//! the exact reference and finite differences: nothing is checked twice.

use super::{from_steps, Claim, Context, Outcome};
use crate::verdict::Verdict;

/// The claims of these sections, in order.
pub const CLAIMS: &[Claim] = &[
    Claim {
        id: "jacobian-layout",
        section: "Jacobien",
        statement: r"Chaque ligne contient l'ensemble des dérivées partielles de la composante $S_i$ par rapport à chacune des composantes $a_j$: $D_jS_i = \frac{\partial S_i}{\partial a_j}$, $DS = \begin{bmatrix} D_1S_1 & \cdots & D_NS_1\\ \vdots & \ddots & \vdots \\ D_1S_N & \cdots & D_NS_N \end{bmatrix}$",
        check: jacobian_layout,
    },
    Claim {
        id: "quotient-rule",
        section: "Dérivée d'une fraction de fonctions",
        statement: r"f(x)= \frac{g(x)}{h(x)} \Rightarrow f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}",
        check: quotient_rule,
    },
    Claim {
        id: "g-prime",
        section: "Dérivée de S",
        statement: r"g_i = e^{a_i}: \quad g'_i = \frac{\partial g_i}{\partial a_j} = \begin{cases} e^{a_i} & \text{lorsque } i=j \\ 0 & \text{sinon } \end{cases}",
        check: g_prime,
    },
    Claim {
        id: "h-prime",
        section: "Dérivée de S",
        statement: r"Par rapport à $a_j$ tous les termes de la somme sont des constantes sauf $e^{a_j}$, donc $h'_i = \frac{\partial h_i}{\partial a_j} = e^{a_j}$",
        check: h_prime,
    },
    Claim {
        id: "case-i-eq-j",
        section: "Dérivée de S — lorsque j = i",
        statement: r"D_jS_i = \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_i}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 } = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k} } - \left( \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }\right)^2 = S_i - S_i^2 = S_i(1 - S_i)",
        check: case_diagonal,
    },
    Claim {
        id: "case-i-ne-j",
        section: "Dérivée de S — lorsque j ≠ i",
        statement: r"D_jS_i = \frac{0. h_i - e^{a_j}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 } = - S_j S_i",
        check: case_off_diagonal,
    },
    Claim {
        id: "final-equation",
        section: "Dérivée de S",
        statement: r"D_jS_i = \begin{cases} S_i(1 - S_i) & \text{si } i=j \\ - S_j S_i & \text{si } i \neq j \end{cases}",
        check: final_equation,
    },
    Claim {
        id: "kronecker",
        section: "Dérivée de S",
        statement: r"D_jS_i = S_i(\delta_{ij} - S_j) \quad \forall (i,j) \in \{1,\cdots,N\}^2",
        check: kronecker,
    },
];

/// The final formula against every reference, both cases.
fn against_every_reference(ctx: &Context<'_>) -> Result<String, Outcome> {
    let mut evidence = Vec::new();
    for c in ctx.cases {
        evidence.push(format!(
            "{} vs {}: {} on {} entries (tightest entry: error {:.2e}, tolerance {:.2e})",
            c.case.label(),
            c.evidence.against,
            c.evidence.verdict.label(),
            c.evidence.entries,
            c.evidence.max_error,
            c.evidence.tolerance
        ));
        if c.evidence.verdict == Verdict::Refuted {
            let ce = serde_json::to_value(&c.evidence.counterexample).unwrap_or_default();
            return Err(Outcome::refuted(
                format!(
                    "S_i(δ_ij − S_j) disagrees with {} ({}): {}",
                    c.evidence.against,
                    c.case.label(),
                    evidence.join("; ")
                ),
                ce,
                "",
            ));
        }
    }
    Ok(evidence.join("; "))
}

/// Row $i$ is $S_i$, column $j$ is $a_j$: finite differences built one
/// column per perturbed $a_j$ match $D_jS_i$ at `(i, j)`.
fn jacobian_layout(ctx: &Context<'_>) -> Outcome {
    let def = from_steps(ctx, &["definition"], "");
    if def.verdict == Verdict::Refuted {
        return def;
    }
    match against_every_reference(ctx) {
        Ok(evidence) => Outcome::holds(format!(
            "the exact D_jS_i agrees with Richardson differences built column j = ∂S/∂a_j ({}); {evidence}. \
             Note: DS is symmetric (D_jS_i = D_iS_j), so for softmax a row/column swap would not change any value; \
             the layout matters when DS is chained with another Jacobian",
            def.detail
        )),
        Err(refuted) => refuted,
    }
}

fn quotient_rule(ctx: &Context<'_>) -> Outcome {
    let mut outcome = from_steps(
        ctx,
        &["quotient-rule"],
        r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h(x)^2} — le dénominateur est le carré de h, pas de h'",
    );
    if outcome.verdict == Verdict::Refuted {
        outcome.detail +=
            ". The article's own chains use (Σ_k e^(a_k))² = h², not h'², so the slip does not reach its result";
    }
    outcome
}

fn g_prime(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["g", "g-prime"], "")
}

fn h_prime(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["h", "h-prime"], "")
}

fn case_diagonal(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["diag-1", "diag-2", "diag-3", "diag-4"], "")
}

fn case_off_diagonal(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["off-1", "off-2"], "")
}

fn final_equation(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["two-case"], "")
}

fn kronecker(ctx: &Context<'_>) -> Outcome {
    let steps = from_steps(ctx, &["kronecker", "matrix"], "");
    if steps.verdict == Verdict::Refuted {
        return steps;
    }
    match against_every_reference(ctx) {
        Ok(evidence) => Outcome::holds(format!("{}; {evidence}", steps.detail)),
        Err(refuted) => refuted,
    }
}
