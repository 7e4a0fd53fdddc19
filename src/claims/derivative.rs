//! § *Jacobien*, § *Dérivée d'une fraction de fonctions*, § *Dérivée de S*.
//!
//! These claims stand or fall with the lines of the derivation
//! ([`crate::derivation::STEPS`]) and with the final formula's checks against
//! the exact reference and finite differences: nothing is checked twice.

use super::{from_steps, Claim, Context, Outcome};
use crate::verdict::{Agreement, Verdict};

/// The claims of these sections, in order.
pub const CLAIMS: &[Claim] = &[
    Claim {
        id: "jacobian-layout",
        section: "Jacobien",
        statement: r"Chaque ligne contient l'ensemble des dérivées partielles de la composante $S_i$ par rapport à chacune des composantes $a_j$: $D_jS_i = \frac{\partial S_i}{\partial a_j}$, $DS = \begin{bmatrix} D_1S_1 & \cdots & D_NS_1\\ \vdots & \ddots & \vdots \\ D_1S_N & \cdots & D_NS_N \end{bmatrix}$",
        quotes: &[],
        check: jacobian_layout,
    },
    Claim {
        id: "quotient-rule",
        section: "Dérivée d'une fraction de fonctions",
        statement: "",
        quotes: &["quotient-rule"],
        check: quotient_rule,
    },
    Claim { id: "g-prime", section: "Dérivée de S", statement: "", quotes: &["g", "g-prime"], check: g_prime },
    Claim { id: "h-prime", section: "Dérivée de S", statement: "", quotes: &["h", "h-prime"], check: h_prime },
    Claim {
        id: "case-i-eq-j",
        section: "Dérivée de S — lorsque j = i",
        statement: "",
        quotes: &["diag-0", "diag-1", "diag-2", "diag-3", "diag-4"],
        check: case_diagonal,
    },
    Claim {
        id: "case-i-ne-j",
        section: "Dérivée de S — lorsque j ≠ i",
        statement: "",
        quotes: &["off-0", "off-1", "off-2"],
        check: case_off_diagonal,
    },
    Claim {
        id: "final-equation",
        section: "Dérivée de S",
        statement: "",
        quotes: &["two-case"],
        check: final_equation,
    },
    Claim {
        id: "kronecker",
        section: "Dérivée de S",
        statement: "",
        quotes: &["delta", "kronecker"],
        check: kronecker,
    },
];

/// Every numeric check of the final formula (and of the exact reference) agrees.
fn against_every_reference(ctx: &Context<'_>) -> Result<String, Outcome> {
    let mut evidence = Vec::new();
    for c in ctx.cases {
        let case = c.case.map_or("every entry", |c| c.label());
        evidence.push(format!(
            "{} vs {} ({case}): {} on {} entries",
            c.what,
            c.evidence.against,
            c.evidence.agreement.label(),
            c.evidence.entries,
        ));
        if c.evidence.agreement == Agreement::Disagrees {
            let ce = serde_json::to_value(&c.evidence.counterexample).unwrap_or_default();
            return Err(Outcome::refuted(
                format!("{} disagrees with {} ({case}): {}", c.what, c.evidence.against, evidence.join("; ")),
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
    let def = from_steps(ctx, &["definition", "definition-expanded"], "");
    if !def.verdict.is_true() {
        return def;
    }
    match against_every_reference(ctx) {
        Ok(evidence) => Outcome {
            detail: format!(
                "{}; the exact D_jS_i agrees with Richardson differences built column j = ∂S/∂a_j: {evidence}. \
             Note: DS is symmetric (D_jS_i = D_iS_j), so for softmax a row/column swap would not change any value; \
             the layout matters when DS is chained with another Jacobian",
                def.detail
            ),
            ..def
        },
        Err(refuted) => refuted,
    }
}

fn quotient_rule(ctx: &Context<'_>) -> Outcome {
    let mut outcome = from_steps(ctx, &["quotient-rule"], r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h(x)^2}");
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
    from_steps(ctx, &["diag-0", "diag-1", "diag-2", "diag-3", "diag-4"], "")
}

fn case_off_diagonal(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["off-0", "off-1", "off-2"], "")
}

fn final_equation(ctx: &Context<'_>) -> Outcome {
    from_steps(ctx, &["two-case"], "")
}

fn kronecker(ctx: &Context<'_>) -> Outcome {
    let steps = from_steps(ctx, &["delta", "kronecker", "matrix"], "");
    if !steps.verdict.is_true() {
        return steps;
    }
    match against_every_reference(ctx) {
        Ok(evidence) => Outcome { detail: format!("{}; numeric evidence: {evidence}", steps.detail), ..steps },
        Err(refuted) => refuted,
    }
}
