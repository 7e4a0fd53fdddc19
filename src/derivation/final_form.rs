//! The final equation, Kronecker's delta, the Kronecker form, and the
//! vectorised form $DS = \mathrm{diag}(S) - SS^\top$ entry by entry (not in
//! the article; the form numerical code uses).

use super::{Follows, Quantity, Scope, Step};
use crate::expr::Sym;

/// $D_jS_i = S_i(1 - S_i)$ if $i = j$, $-S_jS_i$ if $i \ne j$.
pub const TWO_CASE: Step = Step {
    id: "two-case",
    section: "Dérivée de S — équation finale",
    latex: "D_jS_i = \n   \\begin{cases} \n   S_i(1 - S_i) & \\text{si } i=j \\\\\n   - S_j S_i       & \\text{si } i \\neq j\n  \\end{cases}",
    unicode: "DⱼSᵢ = Sᵢ(1 − Sᵢ) if i = j, −SⱼSᵢ if i ≠ j",
    justification: "the two chains together",
    follows: Follows::ByCase { diagonal: "diag-4", off_diagonal: "off-2" },
    scope: Scope::All,
    quantity: Quantity::Derivative,
};

/// $\delta_{ij}$: 1 if $i = j$, 0 otherwise.
pub const DELTA: Step = Step {
    id: "delta",
    section: "Dérivée de S — symbole de Kronecker",
    latex:
        "\\delta_{ij} = \n   \\begin{cases} \n   1 & \\text{si } i=j \\\\\n   0 & \\text{si } i \\neq j\n  \\end{cases}",
    unicode: "δᵢⱼ = 1 if i = j, 0 if i ≠ j",
    justification: "definition of Kronecker's delta",
    follows: Follows::Nothing,
    scope: Scope::All,
    quantity: Quantity::Is(Sym::Delta),
};

/// $D_jS_i = S_i(\delta_{ij} - S_j)$.
pub const KRONECKER: Step = Step {
    id: "kronecker",
    section: "Dérivée de S — symbole de Kronecker",
    latex: r"D_jS_i = S_i(\delta_{ij} - S_j)",
    unicode: "DⱼSᵢ = Sᵢ(δᵢⱼ − Sⱼ)",
    justification: "δᵢⱼ = 1 if i = j, 0 otherwise, merges the two cases",
    follows: Follows::Step("two-case"),
    scope: Scope::All,
    quantity: Quantity::Derivative,
};

/// $(\mathrm{diag}(S) - SS^\top)_{ij} = \delta_{ij}S_i - S_iS_j$.
pub const MATRIX: Step = Step {
    id: "matrix",
    section: "(not in the article) diag(S) − S Sᵀ, entry (i, j)",
    latex: r"D_jS_i = \delta_{ij} S_i - S_i S_j",
    unicode: "DS = diag(S) − S Sᵀ: DⱼSᵢ = δᵢⱼSᵢ − SᵢSⱼ",
    justification: "entry (i, j) of diag(S) is δᵢⱼSᵢ and of S Sᵀ is SᵢSⱼ",
    follows: Follows::Step("kronecker"),
    scope: Scope::All,
    quantity: Quantity::Derivative,
};
