//! § *Dérivée de S*, case $j \ne i$, row by row:
//!
//! $$\begin{aligned}
//! D_jS_i & = \frac{0 \cdot h_i - e^{a_j}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }
//!   && \text{rule for } g/h,\ g' = 0,\ h' = e^{a_j} \\\\
//! & = - S_j S_i && \text{two factors } e^{a_j}/\textstyle\sum_k e^{a_k} \text{ and } e^{a_i}/\sum_k e^{a_k}
//! \end{aligned}$$

use super::{Scope, Step};

const SECTION: &str = "Dérivée de S — lorsque j ≠ i";

const fn row(
    id: &'static str,
    latex: &'static str,
    unicode: &'static str,
    why: &'static str,
    follows: &'static str,
) -> Step {
    super::chain_row(SECTION, Scope::OffDiagonal, id, latex, unicode, why, follows)
}

/// The chain's first row: $D_jS_i = \partial S_i/\partial a_j$.
pub const OFF_0: Step =
    row("off-0", r"D_jS_i & = \frac{\partial S_i}{\partial a_j}\\", "DⱼSᵢ = ∂Sᵢ/∂aⱼ", "definition", "definition");

/// The rule for $g/h$ with $g' = 0$, $h' = e^{a_j}$ (the article's `0.` is a product).
pub const OFF_1: Step = row(
    "off-1",
    r"& = \frac{0. h_i - e^{a_j}e^{a_i}}{ (\sum_{k=1}^{N} e^{a_k})^2 }\\",
    "= ( 0·hᵢ − e^{aⱼ} e^{aᵢ} ) / (Σₖe^{aₖ})²",
    "derivative of gᵢ/hᵢ with g′ᵢ = 0, h′ᵢ = e^{aⱼ}",
    "off-0",
);

/// $-S_jS_i$.
pub const OFF_2: Step =
    row("off-2", r"& = - S_j S_i\\", "= −Sⱼ Sᵢ", "split e^{aⱼ}e^{aᵢ}/(Σₖe^{aₖ})² into two factors Sⱼ and Sᵢ", "off-1");
