//! § *Dérivée de S*, first lines: $D_jS_i$ defined, and $S_i$ as the fraction
//! $g_i / h_i$ with $g_i = e^{a_i}$, $h_i = \sum_k e^{a_k}$ and their partial
//! derivatives with respect to $a_j$:
//!
//! $$g'_i = \frac{\partial g_i}{\partial a_j} = \begin{cases} e^{a_i} & i = j \\\\ 0 & \text{otherwise} \end{cases},
//! \qquad h'_i = \frac{\partial h_i}{\partial a_j} = e^{a_j}.$$

use super::{Follows, Quantity, Scope, Step};
use crate::expr::Sym;

const SECTION: &str = "Dérivée de S";

/// $D_jS_i = \partial S_i / \partial a_j$: the entry of the Jacobian, by definition.
pub const DEFINITION: Step = Step {
    id: "definition",
    section: SECTION,
    latex: r"D_jS_i & = \frac{\partial S_i}{\partial a_j}\\",
    unicode: "DⱼSᵢ = ∂Sᵢ/∂aⱼ",
    justification: "the notation D_jS_i for the Jacobian's entry (i, j)",
    follows: Follows::Nothing,
    scope: Scope::All,
    quantity: Quantity::Derivative,
};

/// $\frac{\partial}{\partial a_j} \frac{e^{a_i}}{\sum_k e^{a_k}}$: the definition of $S_i$ substituted.
pub const DEFINITION_EXPANDED: Step = Step {
    id: "definition-expanded",
    section: SECTION,
    latex: r"& = \frac{\partial }{\partial a_j}\frac{e^{a_i}}{ \sum_{k=1}^{N} e^{a_k} }",
    unicode: "= ∂/∂aⱼ ( e^{aᵢ} / Σₖ e^{aₖ} )",
    justification: "definition of Sᵢ",
    follows: Follows::Step("definition"),
    scope: Scope::All,
    quantity: Quantity::Derivative,
};

/// $g_i = e^{a_i}$, the numerator of $S_i$.
pub const G: Step = Step {
    id: "g",
    section: SECTION,
    latex: r"g_i = e^{a_i}",
    unicode: "gᵢ = e^{aᵢ}",
    justification: "Sᵢ is the fraction gᵢ / hᵢ: the numerator",
    follows: Follows::Nothing,
    scope: Scope::All,
    quantity: Quantity::Is(Sym::Gi),
};

/// $h_i = \sum_k e^{a_k}$, the denominator of $S_i$.
pub const H: Step = Step {
    id: "h",
    section: SECTION,
    latex: r"h_i=\sum_{k=1}^{N} e^{a_k}",
    unicode: "hᵢ = Σₖ e^{aₖ}",
    justification: "Sᵢ is the fraction gᵢ / hᵢ: the denominator",
    follows: Follows::Nothing,
    scope: Scope::All,
    quantity: Quantity::Is(Sym::Hi),
};

/// $g'_i$: $e^{a_i}$ when $i = j$, else 0.
pub const G_PRIME: Step = Step {
    id: "g-prime",
    section: SECTION,
    latex: "g'_i = \n\\frac{\\partial g_i}{\\partial a_j} = \n   \\begin{cases} \n   e^{a_i} & \\text{lorsque } i=j \\\\\n   0       & \\text{sinon }\n  \\end{cases}",
    unicode: "g′ᵢ = ∂gᵢ/∂aⱼ = e^{aᵢ} if i = j, 0 otherwise",
    justification: "e^{aᵢ} depends on aⱼ only when j = i, and (eˣ)′ = eˣ",
    follows: Follows::Step("g"),
    scope: Scope::All,
    quantity: Quantity::Is(Sym::GPrime),
};

/// $h'_i = e^{a_j}$.
pub const H_PRIME: Step = Step {
    id: "h-prime",
    section: SECTION,
    latex: "h'_i = \n\\frac{\\partial h_i}{\\partial a_j} = \n   e^{a_j} ",
    unicode: "h′ᵢ = ∂hᵢ/∂aⱼ = e^{aⱼ}",
    justification: "every term of the sum is constant in aⱼ except e^{aⱼ}",
    follows: Follows::Step("h"),
    scope: Scope::All,
    quantity: Quantity::Is(Sym::HPrime),
};
