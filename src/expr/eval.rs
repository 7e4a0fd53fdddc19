//! Numeric evaluation of an [`Expr`] in any arithmetic ([`Real`]: `f64`, or
//! [`crate::numeric::Bounded`] with its rounding bound), and the symbolic
//! derivative $\partial/\partial a_j$ that [`Expr::Diff`] stands for.
//!
//! Literals are rounded to the nearest `f64` here, once; the exact layer
//! ([`crate::exact`]) keeps them exact.

use super::{BinOp, Expr, Func, Sym};
use crate::numeric::{sum, Bounded, Dd, Real};
use crate::softmax::Exact as ExactSoftmax;
use crate::Logits;
use num_traits::{Signed, ToPrimitive};

/// The values of the basic symbols at one entry $(a, i, j)$.
#[derive(Clone, Copy, Debug)]
pub struct Env<R> {
    /// $S_i$.
    pub s_i: R,
    /// $S_j$.
    pub s_j: R,
    /// $a_i$.
    pub a_i: R,
    /// $a_j$.
    pub a_j: R,
    /// $\delta_{ij}$ (1 on the diagonal: it also selects the `cases` branch).
    pub delta: R,
    /// $N$.
    pub n: R,
    /// $Z = \sum_k e^{a_k}$.
    pub z: R,
    /// The free constant $\kappa$ ([`Sym::Shift`]) at this sample.
    pub c: R,
}

/// The basic symbols at one input in bounded `f64` (and the exact softmax there).
pub struct At {
    a: Vec<Bounded>,
    s: Vec<Bounded>,
    z: Bounded,
    c: Bounded,
    /// The double-double softmax at $a$ (unshifted).
    pub exact: ExactSoftmax,
}

impl At {
    /// The symbols at $a - $ `shift` (the shifted logits carry their rounding
    /// error); the reference at $a$ (the derivative is shift-invariant).
    pub fn new(a: &Logits, shift: f64) -> At {
        let exact = ExactSoftmax::new(a);
        let s = exact.s.iter().map(|&s_k| Bounded::from_dd(s_k)).collect();
        let shifted = |a_k: f64| if a_k.is_finite() { Dd::sum_of(a_k, -shift) } else { Dd::from(a_k) };
        let z = Bounded::from_dd(sum(a.as_slice().iter().map(|&a_k| shifted(a_k).exp())));
        let a = a
            .as_slice()
            .iter()
            .map(|&a_k| if a_k.is_finite() { Bounded::from_dd(shifted(a_k)) } else { Bounded::exact(a_k) })
            .collect();
        At { a, s, z, c: Bounded::exact(0.0), exact }
    }

    /// The same input with the free constant $\kappa$ ([`Sym::Shift`]) at `c`
    /// (0 unless set: a formula with $\kappa$ is sampled at several values by
    /// [`crate::decide`]).
    pub fn with_constant(mut self, c: f64) -> At {
        self.c = Bounded::exact(c);
        self
    }

    /// The symbols at entry $(i, j)$ (0-based).
    pub fn env(&self, i: usize, j: usize) -> Env<Bounded> {
        Env {
            s_i: self.s[i],
            s_j: self.s[j],
            a_i: self.a[i],
            a_j: self.a[j],
            delta: Bounded::exact(if i == j { 1.0 } else { 0.0 }),
            n: Bounded::exact(self.a.len() as f64), // N ≤ 2^53: exact
            z: self.z,
            c: self.c,
        }
    }
}

/// The value of `e` at entry $(i, j)$ in bounded `f64`: at the point `here`,
/// or, where it is not finite there (an $e^{a_k}$ overflows), at the shifted
/// point `shifted()` ($a - \max_k a_k$: ratios are unchanged); the flag says
/// which.
pub fn eval_or_shifted<'s>(
    e: &Expr,
    here: &At,
    shifted: &dyn Fn() -> &'s At,
    i: usize,
    j: usize,
) -> (Option<Bounded>, bool) {
    let v = eval(e, &here.env(i, j));
    if v.is_some_and(Bounded::is_finite) {
        return (v, false);
    }
    (eval(e, &shifted().env(i, j)), true)
}

/// The nearest `f64` to an exact rational (±inf or 0 beyond the range).
pub fn rational_to_f64(r: &num_rational::BigRational) -> f64 {
    r.to_f64().unwrap_or(if r.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })
}

/// The literal as the arithmetic `R` holds it: exact when the `f64` is, else
/// with half an ulp of error (carried by `Bounded`).
///
/// Converting a rational of thousands of bits ($10^{-1000}$) costs
/// microseconds, and the numeric suite evaluates a formula 10⁵ times: the
/// rounding of each literal is remembered (by value) for the thread.
fn literal<R: Real>(r: &num_rational::BigRational) -> R {
    let (x, exact) = rounded_literal(r);
    if exact {
        R::from_f64(x)
    } else {
        R::with_error(x, crate::tolerance::ulp(x) / 2.0)
    }
}

/// The nearest `f64` to `r` and whether it is `r` exactly, remembered.
fn rounded_literal(r: &num_rational::BigRational) -> (f64, bool) {
    thread_local! {
        static ROUNDED: std::cell::RefCell<std::collections::HashMap<num_rational::BigRational, (f64, bool)>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    // Small literals are cheap to convert; only the large ones are remembered.
    let large = r.numer().bits() + r.denom().bits() > 128;
    if large {
        if let Some(hit) = ROUNDED.with(|m| m.borrow().get(r).copied()) {
            return hit;
        }
    }
    let x = rational_to_f64(r);
    let exact = num_rational::BigRational::from_float(x).as_ref() == Some(r);
    if large {
        ROUNDED.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() > 4096 {
                m.clear();
            }
            m.insert(r.clone(), (x, exact));
        });
    }
    (x, exact)
}

/// The value of `e` at `env`; `None` where a `cases` has no branch for the entry.
pub fn eval<R: Real>(e: &Expr, env: &Env<R>) -> Option<R> {
    Some(match e {
        Expr::Num(r) => literal(r),
        Expr::Sym(s) => match s {
            Sym::Si => env.s_i,
            Sym::Sj => env.s_j,
            Sym::Ai => env.a_i,
            Sym::Aj => env.a_j,
            Sym::Delta => env.delta,
            Sym::N => env.n,
            Sym::Z => env.z,
            Sym::Shift => env.c,
            // Labels, the temperature and a summation index have no value
            // at a logit vector alone: only the exact layer decides them.
            s if s.of_family() => return None,
            other => eval(&other.definition().expect("a derived symbol has a definition"), env)?,
        },
        Expr::Neg(x) => -eval(x, env)?,
        Expr::Call(f, x) if f.definition(x).is_some() => eval(&f.definition(x)?, env)?,
        Expr::Call(f, x) => {
            let x = eval(x, env)?;
            match f {
                Func::Exp => x.exp(),
                Func::Ln => x.ln(),
                Func::Sqrt => x.sqrt(),
                Func::Sigmoid | Func::Tanh => unreachable!("evaluated through their definition"),
            }
        }
        Expr::Bin(BinOp::Pow, x, y) => power(eval(x, env)?, y, env)?,
        Expr::Bin(op, x, y) => {
            let (x, y) = (eval(x, env)?, eval(y, env)?);
            match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                _ => x / y,
            }
        }
        Expr::Diff(x) => eval(&derivative(&x.expand()), env)?,
        // δ is exactly 0 or 1: the branch of the diagonal when it is 1.
        Expr::Cases(branches) => eval(Expr::branch(branches, env.delta.value() > 0.5)?, env)?,
        Expr::Sum(..) => return None,
    })
}

/// $x^y$: square-and-multiply when $y$ is exactly an integer (a literal of
/// any size, or an exact value such as $2N$), else $e^{y \ln x}$.
fn power<R: Real>(x: R, y: &Expr, env: &Env<R>) -> Option<R> {
    let literal = rational_constant(y).and_then(|r| r.is_integer().then(|| r.to_integer().to_i64()).flatten());
    let y_value = match literal {
        Some(n) => return Some(powi(x, n)),
        None => eval(y, env)?,
    };
    Some(match y_value.exact_integer() {
        Some(n) => powi(x, n),
        None => (y_value * x.ln()).exp(),
    })
}

/// $x^n$ by square-and-multiply (at most 126 multiplications).
fn powi<R: Real>(x: R, n: i64) -> R {
    let mut result = R::from_f64(1.0);
    let mut base = x;
    let mut k = n.unsigned_abs();
    while k > 0 {
        if k & 1 == 1 {
            result = result * base;
        }
        k >>= 1;
        if k > 0 {
            base = base * base;
        }
    }
    if n < 0 {
        R::from_f64(1.0) / result
    } else {
        result
    }
}

/// The exact value of a formula made of literals, `+ - * /` and small integer powers only.
pub fn rational_constant(e: &Expr) -> Option<num_rational::BigRational> {
    use num_traits::Zero;
    Some(match e {
        Expr::Num(r) => r.clone(),
        Expr::Neg(x) => -rational_constant(x)?,
        Expr::Bin(op, x, y) => {
            let (x, y) = (rational_constant(x)?, rational_constant(y)?);
            match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if !y.is_zero() => x / y,
                BinOp::Pow
                    if y.is_integer()
                        && y.abs().to_integer() <= num_bigint::BigInt::from(64)
                        && (!x.is_zero() || y.is_positive()) =>
                {
                    let k = y.to_integer().to_i32()?;
                    let p = num_traits::pow(x, k.unsigned_abs() as usize);
                    if k < 0 {
                        num_rational::BigRational::from_integer(1.into()) / p
                    } else {
                        p
                    }
                }
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// $\partial e / \partial a_j$ of an expression in basic symbols (see [`Expr::expand`]),
/// by the chain rule, with $\partial Z/\partial a_j = e^{a_j}$, $\partial a_i/\partial a_j = \delta_{ij}$,
/// $\partial S_i/\partial a_j = \delta_{ij}S_i - S_iS_j$ (the quotient rule on $e^{a_i}/Z$).
///
/// Used to *evaluate* lines that differentiate (`explain`); verdicts come
/// from the exact layer, which differentiates on its own from $e^{a_i}$ and $Z$.
pub fn derivative(e: &Expr) -> Expr {
    use Expr as E;
    let sym = |s| E::Sym(s);
    let mul = |x, y| E::bin(BinOp::Mul, x, y);
    let sub = |x, y| E::bin(BinOp::Sub, x, y);
    let div = |x, y| E::bin(BinOp::Div, x, y);
    match e {
        E::Num(_) => E::int(0),
        E::Sym(s) => match s {
            Sym::Si => sub(mul(sym(Sym::Delta), sym(Sym::Si)), mul(sym(Sym::Si), sym(Sym::Sj))),
            Sym::Sj => sub(sym(Sym::Sj), mul(sym(Sym::Sj), sym(Sym::Sj))),
            Sym::Ai => sym(Sym::Delta),
            Sym::Aj => E::int(1),
            // κ is a constant: it does not move with a_j.
            Sym::Delta | Sym::N | Sym::Shift | Sym::Yi | Sym::Yj | Sym::T => E::int(0),
            // d a_k/d a_j is δ_kj, which no expression of this type states:
            // the summand is left as it is, and its value is not evaluated.
            Sym::Ak | Sym::Yk | Sym::Sk => e.clone(),
            Sym::Z => E::call(Func::Exp, sym(Sym::Aj)),
            other => derivative(&other.definition().expect("a derived symbol has a definition").expand()),
        },
        E::Neg(x) => E::Neg(Box::new(derivative(x))),
        E::Bin(op @ (BinOp::Add | BinOp::Sub), x, y) => E::bin(*op, derivative(x), derivative(y)),
        E::Bin(BinOp::Mul, x, y) => {
            E::bin(BinOp::Add, mul(derivative(x), (**y).clone()), mul((**x).clone(), derivative(y)))
        }
        E::Bin(BinOp::Div, x, y) => div(
            sub(mul(derivative(x), (**y).clone()), mul((**x).clone(), derivative(y))),
            E::bin(BinOp::Pow, (**y).clone(), E::int(2)),
        ),
        E::Bin(BinOp::Pow, x, y) if matches!(**y, E::Num(_)) => {
            // d(x^n) = n x^(n-1) x'
            let n_minus_1 = E::bin(BinOp::Sub, (**y).clone(), E::int(1));
            mul(mul((**y).clone(), E::bin(BinOp::Pow, (**x).clone(), n_minus_1)), derivative(x))
        }
        E::Bin(BinOp::Pow, x, y) => {
            // d(x^y) = x^y (y' ln x + y x'/x)
            let y_ln_x = mul(derivative(y), E::call(Func::Ln, (**x).clone()));
            let y_dx = div(mul((**y).clone(), derivative(x)), (**x).clone());
            mul(e.clone(), E::bin(BinOp::Add, y_ln_x, y_dx))
        }
        E::Call(Func::Exp, x) => mul(e.clone(), derivative(x)),
        E::Call(Func::Ln, x) => div(derivative(x), (**x).clone()),
        E::Call(Func::Sqrt, x) => div(derivative(x), mul(E::int(2), e.clone())),
        E::Call(f @ (Func::Sigmoid | Func::Tanh), x) => derivative(&f.definition(x).unwrap_or_else(|| e.clone())),
        E::Diff(x) => derivative(&derivative(&x.expand())),
        E::Cases(bs) => E::Cases(bs.iter().map(|(b, c)| (derivative(b), *c)).collect()),
        // Not evaluated numerically ([`eval`] gives no value for a sum).
        E::Sum(..) => e.clone(),
    }
}
