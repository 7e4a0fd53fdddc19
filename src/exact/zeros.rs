//! Zeros of a divisor anywhere in a case, found exactly: the divisor (a
//! polynomial of the procedure, after the case's constraints) is restricted
//! to one parameter of the case, and the real roots of that restriction are
//! isolated exactly ([`super::roots`]).
//!
//! Every input of a case is reached by positive parameters $u = x_i$,
//! $w = x_j$, $r = Z - x_i - x_j$ (the other logits' share, split evenly
//! among them) and $N \ge N_0$, every positive value being valid. Three
//! restrictions are tried:
//!
//! - **in $N$**, every logit 0 ($x_k = 1$, $Z = N$): an integer root
//!   $N \ge N_0$ is an input where the divisor is exactly 0;
//! - **in $u$, $w$ or $r$**, the others 1 and $N = N_0$: a positive root is
//!   an input $a_i = \ln u$ … (rational $u$: exact; otherwise bracketed by a
//!   certified sign change of the square-free part);
//! - **in $a_i$, $a_j$ or $\kappa$** for a divisor with no $x$, $Z$, $\ln Z$,
//!   $e^{\kappa}$: a real root.
//!
//! The free constant $\kappa$ ([`crate::expr::Sym::Shift`]) is 0 in the first
//! two ($e^{\kappa} = 1$), and the witness says so.
//!
//! A divisor with $e$, or with $a_i$ beside $x_i = e^{a_i}$, has no such
//! polynomial restriction: the interval search ([`super::search`]) covers it.

use super::poly::{Poly, Var, VARS};
use super::roots::{Root, Univariate};
use super::{Case, Witness};
use crate::expr::format_rational_bounded;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

/// The largest $N$ given as a logit vector; beyond, the witness states $N$ in words.
const MAX_LISTED_N: usize = 1_000_000;

/// A rational as an integer, when it is one of at most 64 bits.
fn small(e: &num_rational::Rational64) -> Option<i64> {
    e.is_integer().then(|| e.to_integer())
}

/// The univariate polynomial of `p` once every variable is given as a
/// polynomial in $t$ (`value(v)`: `None` when that variable may not occur).
fn restrict(p: &Poly, value: &dyn Fn(Var) -> Option<Univariate>) -> Option<Univariate> {
    let mut total = vec![BigRational::zero()];
    for (m, c) in p.terms() {
        let mut term = Univariate(vec![c.clone()]);
        for v in VARS {
            let e = m[v as usize];
            if e.is_zero() {
                continue;
            }
            let k = u32::try_from(small(&e)?).ok()?; // non-negative integer exponents only
            let base = value(v)?;
            for _ in 0..k {
                term = multiply(&term, &base);
                if term.0.len() > super::roots::MAX_DEGREE + 1 {
                    return None;
                }
            }
        }
        if total.len() < term.0.len() {
            total.resize(term.0.len(), BigRational::zero());
        }
        for (k, c) in term.0.into_iter().enumerate() {
            total[k] += c;
        }
    }
    while total.last().is_some_and(Zero::is_zero) {
        total.pop();
    }
    Some(Univariate(total))
}

fn multiply(a: &Univariate, b: &Univariate) -> Univariate {
    let mut out = vec![BigRational::zero(); a.0.len() + b.0.len() - 1];
    for (i, x) in a.0.iter().enumerate() {
        for (j, y) in b.0.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    Univariate(out)
}

fn constant(c: BigRational) -> Univariate {
    Univariate(vec![c])
}

fn one() -> Univariate {
    constant(BigRational::one())
}

fn t() -> Univariate {
    Univariate(vec![BigRational::zero(), BigRational::one()])
}

fn sum(a: &Univariate, b: &Univariate) -> Univariate {
    let n = a.0.len().max(b.0.len());
    Univariate(
        (0..n).map(|k| a.0.get(k).cloned().unwrap_or_default() + b.0.get(k).cloned().unwrap_or_default()).collect(),
    )
}

/// `p` with every negative power of a positive variable cleared (a non-zero
/// factor does not move its zeros).
fn cleared(p: &Poly) -> Option<Poly> {
    let mut m = [num_rational::Rational64::zero(); super::poly::NVARS];
    for v in VARS.iter().filter(|v| v.positive()) {
        let low = p.min_exponent(*v);
        if low < num_rational::Rational64::zero() {
            m[*v as usize] = -low;
        }
    }
    p.mul_mono(&m).ok()
}

/// An input of `case` where the divisor `p` is 0, found exactly.
pub fn zero(p: &Poly, case: Case) -> Option<Witness> {
    let p = cleared(&super::in_case(p, case).ok()?)?;
    // The restrictions below set logits only: labels, a temperature or a
    // sum's own variables would be left without a value.
    if p.is_zero() || p.has(Var::E) || p.has_family() {
        return None;
    }
    let shift = super::witness::has_shift(&p);
    let found = in_n(&p, case).or_else(|| in_positive_parameter(&p, case)).or_else(|| in_logit(&p, case))?;
    // κ = 0 unless the restriction chose it.
    Some(if shift && found.c.is_none() { found.with_constant(0.0) } else { found })
}

/// Every logit 0, $N$ free.
fn in_n(p: &Poly, case: Case) -> Option<Witness> {
    if case.fixed_n() || !p.has(Var::N) || p.has(Var::LnZ) {
        return None;
    }
    let value = |v: Var| -> Option<Univariate> {
        Some(match v {
            Var::Xi | Var::Xj | Var::ExpShift => one(),
            Var::Z | Var::N => t(),
            Var::Ai | Var::Aj | Var::Shift => constant(BigRational::zero()),
            _ => return None,
        })
    };
    let poly = restrict(p, &value)?;
    let n0 = BigRational::from_integer(BigInt::from(case.min_n() as i64 - 1));
    let root = poly.roots(&n0, None)?.into_iter().find_map(|r| match r {
        Root::Exact(n) if n.is_integer() => Some(n.to_integer()),
        _ => None,
    })?;
    let shown = format_rational_bounded(&BigRational::from_integer(root.clone()));
    let certified_by = format!("exact: with every logit 0 the divisor is a polynomial in N, and N = {shown} is a root");
    if let Some(n) = root.to_usize().filter(|&n| n <= MAX_LISTED_N) {
        return Some(Witness::at(case, vec![0.0; n], None, certified_by));
    }
    let root = shown;
    Some(Witness::at(case, Vec::new(), Some(format!("N = {root}, every logit 0")), certified_by))
}

/// One of $u = x_i$, $w = x_j$, $r$ free, the others 1, $N = N_0$.
fn in_positive_parameter(p: &Poly, case: Case) -> Option<Witness> {
    if [Var::Ai, Var::Aj, Var::LnZ].iter().any(|v| p.has(*v)) {
        return None;
    }
    let mut parameters = vec![0usize];
    if !case.diagonal() {
        parameters.push(1);
    }
    if !case.fixed_n() {
        parameters.push(2);
    }
    let n = case.min_n();
    for &free in &parameters {
        let param = |k: usize| if k == free { t() } else { one() };
        let z = match case {
            Case::DiagonalOne => param(0),
            Case::DiagonalMany => sum(&param(0), &param(2)),
            Case::OffDiagonalTwo => sum(&param(0), &param(1)),
            Case::OffDiagonalMany => sum(&sum(&param(0), &param(1)), &param(2)),
        };
        let value = |v: Var| -> Option<Univariate> {
            Some(match v {
                Var::Xi => param(0),
                Var::Xj => param(1),
                Var::Z => z.clone(),
                Var::N => constant(BigRational::from_integer(BigInt::from(n as i64))),
                Var::ExpShift => one(),
                Var::Shift => constant(BigRational::zero()),
                _ => return None,
            })
        };
        let Some(poly) = restrict(p, &value) else { continue };
        let Some(root) = poly.roots(&BigRational::zero(), None).and_then(|r| r.into_iter().next()) else {
            continue;
        };
        return Some(positive_witness(case, n, free, &root));
    }
    None
}

/// The input where parameter `free` takes the value of `root` (the others 1).
fn positive_witness(case: Case, n: usize, free: usize, root: &Root) -> Witness {
    let value = root.approximate();
    let x = |k: usize| if k == free { value.clone() } else { BigRational::one() };
    // Beyond f64 (x = 10^400): no listed logit, the exact form says it.
    let ln = |r: &BigRational| r.to_f64().filter(|v| v.is_finite() && *v > 0.0).map_or(f64::NAN, f64::ln);
    let others = n - if case.diagonal() { 1 } else { 2 };
    let mut a = vec![ln(&x(0))];
    let mut shown = vec![format!("a_1 = ln({})", format_rational_bounded(&x(0)))];
    if !case.diagonal() {
        a.push(ln(&x(1)));
        shown.push(format!("a_2 = ln({})", format_rational_bounded(&x(1))));
    }
    if others > 0 {
        let share = x(2) / BigRational::from_integer(BigInt::from(others as i64));
        a.extend(std::iter::repeat_n(ln(&share), others));
        shown.push(format!("the other {others} logits ln({})", format_rational_bounded(&share)));
    }
    let name = ["x_i = e^{a_i}", "x_j = e^{a_j}", "Z − x_i − x_j"][free];
    let certified_by = match root {
        Root::Exact(r) => {
            format!(
                "exact: the divisor, a polynomial in {name} (the rest fixed), is 0 at {}",
                format_rational_bounded(r)
            )
        }
        Root::Between(l, h) => format!(
            "exact: the divisor, a polynomial in {name} (the rest fixed), has a root between {} and {} (Sturm's \
             theorem; its square-free part changes sign there); shown at the midpoint",
            format_rational_bounded(l),
            format_rational_bounded(h)
        ),
    };
    Witness::at(case, a, Some(shown.join(", ")), certified_by)
}

/// $a_i$, $a_j$ or $\kappa$ free (the others 0), for a divisor without $x$'s, $Z$, $\ln Z$ or $e^{\kappa}$.
fn in_logit(p: &Poly, case: Case) -> Option<Witness> {
    if [Var::Xi, Var::Xj, Var::Z, Var::LnZ, Var::ExpShift].iter().any(|v| p.has(*v)) {
        return None;
    }
    let n = case.min_n();
    for free in [Var::Ai, Var::Aj, Var::Shift] {
        if !p.has(free) {
            continue;
        }
        let value = |v: Var| -> Option<Univariate> {
            Some(match v {
                Var::N => constant(BigRational::from_integer(BigInt::from(n as i64))),
                v if v == free => t(),
                Var::Ai | Var::Aj | Var::Shift => constant(BigRational::zero()),
                _ => return None,
            })
        };
        let Some(poly) = restrict(p, &value) else { continue };
        let Some(root) = poly.roots(&-poly_bound(), None).and_then(|r| r.into_iter().next()) else {
            continue;
        };
        let value = root.approximate().to_f64().unwrap_or(f64::NAN);
        let mut a = vec![0.0; n];
        let name = match free {
            Var::Ai => "a_i",
            Var::Aj => "a_j",
            _ => "c",
        };
        match free {
            Var::Ai => a[0] = value,
            Var::Aj => a[1] = value,
            _ => {}
        }
        let certified_by = match &root {
            Root::Exact(r) => format!("exact: the divisor, a polynomial in {name}, is 0 at {name} = {}", format_rational_bounded(r)),
            Root::Between(l, h) => format!(
                "exact: the divisor, a polynomial in {name}, has a root between {} and {} (Sturm's theorem); shown at the midpoint",
                format_rational_bounded(l),
                format_rational_bounded(h)
            ),
        };
        let w = Witness::at(case, a, None, certified_by);
        return Some(if free == Var::Shift { w.with_constant(value) } else { w });
    }
    None
}

/// A lower end below every root (Cauchy's bound applies inside `roots`).
fn poly_bound() -> BigRational {
    BigRational::from_integer(num_traits::pow(BigInt::from(10), 400))
}
