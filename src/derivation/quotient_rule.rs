//! § *Dérivée d'une fraction de fonctions*, as the article writes it:
//!
//! $$f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}$$
//!
//! applied to $S_i = g_i / h_i$ with $x = a_j$. The denominator is $h'^2$ where
//! the rule has $h^2$: the exact layer refutes the line, with its residual
//! $(Z - x_i)^2(Z + x_i)/(Z^2 x_i)$ on the diagonal. (The article's own
//! chains use $(\sum_k e^{a_k})^2 = h^2$, so the slip does not reach its result.)

use super::{Follows, Quantity, Scope, Step};

/// The rule for $(g/h)'$ as written.
pub const QUOTIENT_RULE: Step = Step {
    id: "quotient-rule",
    section: "Dérivée d'une fraction de fonctions",
    latex: r"f'(x)= \frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}",
    unicode: "f′ = (g′h − h′g) / h′²",
    justification: "the article's rule for the derivative of f = g/h, applied to Sᵢ = gᵢ/hᵢ",
    follows: Follows::Step("definition"),
    scope: Scope::All,
    quantity: Quantity::Derivative,
};
