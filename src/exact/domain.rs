//! Where a formula outside the exact fragment is undefined, found exactly
//! from the parts of it that are inside: a formula is undefined at an input
//! where one of its divisors is 0, where the argument of a `ln` is 0, or where
//! the base of a power $\le 0$ is 0 — and those parts are often rational
//! functions of the case even when the whole is not (`0 * ln((a_i - 2.5)^2)`,
//! `ln(N/2049) / ln(N/2049)`).
//!
//! A divisor is 0 where its numerator (in the fragment) is; $\ln u$ is 0 where
//! $u = 1$; $\sqrt u$ and $u^{p/q}$ ($p > 0$) where $u = 0$; a product where a
//! factor is. Each zero comes from [`super::zeros`] (exact roots) and is a
//! certified input where the formula is undefined.

use super::{normal_form, zeros, Case, Witness};
use crate::expr::{BinOp, Expr, Func};
use num_traits::Signed;

/// An input of `case` where `e` is certainly undefined, with the reason.
pub fn undefined_somewhere(e: &Expr, case: Case) -> Option<(Witness, String)> {
    // Its zeros are found by setting logits alone.
    if e.has_family() {
        return None;
    }
    let mut found = None;
    visit(e, &mut |node| {
        if found.is_some() {
            return;
        }
        found = match node {
            Expr::Bin(BinOp::Div, _, divisor) => {
                zero_of(divisor, case).map(|w| (w, format!("the divisor {divisor} is 0 there")))
            }
            Expr::Call(Func::Ln, u) => zero_of(u, case).map(|w| (w, format!("ln of 0: {u} is 0 there"))),
            Expr::Bin(BinOp::Pow, base, k) if non_positive_constant(k) => {
                zero_of(base, case).map(|w| (w, format!("0 to a power ≤ 0: {base} is 0 there")))
            }
            _ => None,
        };
    });
    found
}

fn non_positive_constant(k: &Expr) -> bool {
    crate::expr::eval::rational_constant(k).is_some_and(|k| !k.is_positive())
}

/// Every sub-expression, outermost first.
fn visit(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Num(_) | Expr::Sym(_) => {}
        Expr::Neg(x) | Expr::Call(_, x) | Expr::Diff(x) | Expr::Sum(x, _) => visit(x, f),
        Expr::Bin(_, x, y) => {
            visit(x, f);
            visit(y, f);
        }
        Expr::Cases(branches) => branches.iter().for_each(|(b, _)| visit(b, f)),
    }
}

/// An input of `case` where `e` is 0, found exactly.
fn zero_of(e: &Expr, case: Case) -> Option<Witness> {
    if let Ok((form, _)) = normal_form(e, case) {
        return zeros::zero(&form.num, case);
    }
    match e {
        // ln u = 0 where u = 1.
        Expr::Call(Func::Ln, u) => zero_of(&Expr::bin(BinOp::Sub, (**u).clone(), Expr::int(1)), case),
        Expr::Call(Func::Sqrt, u) => zero_of(u, case),
        Expr::Bin(BinOp::Pow, base, k) if crate::expr::eval::rational_constant(k).is_some_and(|k| k.is_positive()) => {
            zero_of(base, case)
        }
        Expr::Bin(BinOp::Mul, x, y) => zero_of(x, case).or_else(|| zero_of(y, case)),
        Expr::Neg(x) => zero_of(x, case),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::plain::parse;

    #[test]
    fn parts_in_the_fragment_give_exact_zeros() {
        for f in ["0*ln((a_i - 2.5)^2)", "ln(N/2049)/ln(N/2049)", "1/sqrt((a_i - 30.5)^2)", "exp(S_i^2)/(S_i - 0.25)"] {
            let e = parse(f).expect("parses");
            let found = Case::ALL.iter().find_map(|&c| undefined_somewhere(&e, c));
            assert!(found.is_some(), "{f}");
        }
        for f in ["exp(S_i^2)/(S_i + 0.25)", "ln(exp(S_i^2) + 1)", "sqrt(S_i^2 + 1)"] {
            let e = parse(f).expect("parses");
            assert!(Case::ALL.iter().all(|&c| undefined_somewhere(&e, c).is_none()), "{f}");
        }
    }
}
