//! § *Dérivée de S*, case $j = i$, row by row:
//!
//! $$\begin{aligned}
//! D_jS_i & = \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_i}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }
//!   && \text{rule for } g/h,\ g' = h' = e^{a_i} \\\\
//! & = \frac{e^{a_i}}{\sum_{k} e^{a_k}} - \left(\frac{e^{a_i}}{\sum_{k} e^{a_k}}\right)^2
//!   && \text{split the fraction} \\\\
//! & = S_i - S_i^2 && \text{definition of } S_i \\\\
//! & = S_i(1 - S_i) && \text{factor } S_i
//! \end{aligned}$$

use super::{Scope, Step};

const SECTION: &str = "Dérivée de S — lorsque j = i";

const fn row(
    id: &'static str,
    latex: &'static str,
    unicode: &'static str,
    why: &'static str,
    follows: &'static str,
) -> Step {
    super::chain_row(SECTION, Scope::Diagonal, id, latex, unicode, why, follows)
}

/// The chain's first row: $D_jS_i = \partial S_i/\partial a_j$.
pub const DIAG_0: Step =
    row("diag-0", r"D_jS_i & = \frac{\partial S_i}{\partial a_j}\\", "DⱼSᵢ = ∂Sᵢ/∂aⱼ", "definition", "definition");

/// The rule for $g/h$ with $g' = h' = e^{a_i}$.
pub const DIAG_1: Step = row(
    "diag-1",
    r"& = \frac{e^{a_i} \sum_{k=1}^{N} e^{a_k} - e^{a_i}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }\\",
    "= ( e^{aᵢ} Σₖe^{aₖ} − e^{aᵢ} e^{aᵢ} ) / (Σₖe^{aₖ})²",
    "derivative of gᵢ/hᵢ with g′ᵢ = e^{aᵢ}, h′ᵢ = e^{aᵢ} (the article squares h here, not h′)",
    "diag-0",
);

/// The fraction split in two.
pub const DIAG_2: Step = row(
    "diag-2",
    r"& = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k} }  - \left (  \frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }\right )^2\\",
    "= e^{aᵢ}/Σₖe^{aₖ} − ( e^{aᵢ}/Σₖe^{aₖ} )²",
    "split the fraction",
    "diag-1",
);

/// $S_i - S_i^2$.
pub const DIAG_3: Step = row("diag-3", r"& = S_i - S_i^2\\", "= Sᵢ − Sᵢ²", "definition of Sᵢ", "diag-2");

/// $S_i(1 - S_i)$.
pub const DIAG_4: Step = row("diag-4", r"& = S_i(1 - S_i)", "= Sᵢ(1 − Sᵢ)", "factor Sᵢ", "diag-3");
