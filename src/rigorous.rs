//! Rigorous interval arithmetic at 128 to 4096 bits (astro-float), for the
//! entries that `f64` bounds cannot decide and to certify counterexamples.
//!
//! astro-float rounds to nearest (its "rounding modes" only break ties) and
//! marks every result that was rounded as inexact. Each inexact endpoint is
//! therefore pushed outwards by $2^{3-p}|x|$ (eight times the half-ulp of a
//! correctly rounded result at precision $p$, and four times the one-ulp
//! error allowed for `exp`, `ln` and `sqrt`), which keeps the true value
//! inside even though the push itself rounds to nearest. Exact results
//! ($1 \cdot 1$, $e^0$, $x - x$) stay exact, so $S_1 = 1$ at $N = 1$ is the
//! point $[1, 1]$.

use crate::expr::{BinOp, Expr, Func, Sym};
use astro_float::{BigFloat, Consts, RoundingMode};
use num_rational::BigRational;
use num_traits::ToPrimitive;

const RM: RoundingMode = RoundingMode::ToEven;

/// The precisions available, in bits.
pub const PRECISIONS: [usize; 7] = [128, 256, 512, 1024, 2048, 4096, 8192];

/// The precisions tried in turn at an input whose finite logits span `spread`:
/// 128 bits (enough unless the formula cancels), then the first precision
/// that survives a cancellation as deep as $1 - S_i$ can be
/// ($\text{spread}/\ln 2$ bits, plus 64), then each larger one.
pub fn precisions_for(spread: f64) -> Vec<usize> {
    let needed = spread / std::f64::consts::LN_2 + 64.0;
    let start = PRECISIONS.iter().position(|&p| p as f64 >= needed).unwrap_or(PRECISIONS.len() - 1).max(1);
    std::iter::once(PRECISIONS[0]).chain(PRECISIONS[start..].iter().copied()).collect()
}

/// A closed interval $[lo, hi]$ that contains the real value.
#[derive(Clone, Debug)]
pub struct Interval {
    /// Lower end.
    pub lo: BigFloat,
    /// Upper end.
    pub hi: BigFloat,
}

/// Why an operation gave no interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fail {
    /// Certainly undefined (division by exactly 0, `ln` of a certainly non-positive number).
    Undefined,
    /// Not decidable at this precision (a divisor interval contains 0, …).
    Unknown,
    /// Beyond astro-float's exponent range: no precision will help.
    Overflow,
    /// A label, the temperature or a sum: no value at a logit vector alone
    /// (only the exact layer decides such a formula).
    Family,
}

/// Arithmetic at one precision.
pub struct Arith {
    p: usize,
    cc: Consts,
    push: BigFloat,
}

fn le(x: &BigFloat, y: &BigFloat) -> bool {
    x.cmp(y).is_some_and(|c| c <= 0)
}

/// Strictly positive. astro-float's `is_positive` reads the sign bit, which
/// an exact 0 has too (and `-0` has the other one): 0 has no sign here.
fn pos(x: &BigFloat) -> bool {
    x.is_positive() && !x.is_zero()
}

/// Strictly negative (see [`pos`]).
fn neg(x: &BigFloat) -> bool {
    x.is_negative() && !x.is_zero()
}

impl Arith {
    /// Arithmetic at `p` bits.
    ///
    /// # Panics
    /// If astro-float cannot allocate its constant cache (out of memory).
    pub fn new(p: usize) -> Arith {
        let cc = Consts::new().expect("astro-float's constant cache");
        // 2^(3-p), exact (a power of two).
        let push = BigFloat::from_f64(0.5, p).powi(p - 3, p, RM);
        Arith { p, cc, push }
    }

    /// The precision in bits.
    pub fn precision(&self) -> usize {
        self.p
    }

    fn down(&self, x: BigFloat) -> BigFloat {
        if !x.inexact() {
            return x;
        }
        let magnitude = if x.is_negative() { x.neg() } else { x.clone() };
        x.sub(&magnitude.mul(&self.push, self.p, RM), self.p, RM)
    }

    fn up(&self, x: BigFloat) -> BigFloat {
        if !x.inexact() {
            return x;
        }
        let magnitude = if x.is_negative() { x.neg() } else { x.clone() };
        x.add(&magnitude.mul(&self.push, self.p, RM), self.p, RM)
    }

    /// The exact point `x` (a subnormal `x`, which astro-float does not convert
    /// exactly, is enclosed in $[-2^{-1022}, 2^{-1022}]$).
    pub fn point(&self, x: f64) -> Interval {
        if x != 0.0 && x.abs() < f64::MIN_POSITIVE {
            let tiny = BigFloat::from_f64(f64::MIN_POSITIVE, self.p);
            return Interval { lo: tiny.neg(), hi: tiny };
        }
        let b = BigFloat::from_f64(x, self.p);
        Interval { lo: b.clone(), hi: b }
    }

    /// An interval around a rational: $n/d$ scaled to a quotient of $p + 2$
    /// bits by integer division ($q = \lfloor |n| 2^s / d \rfloor$), so that a
    /// literal of a thousand digits costs what one of forty does; the
    /// interval is $[q, q + 1] \cdot 2^{-s}$ (a point when the division is exact).
    pub fn rational(&mut self, r: &BigRational) -> Interval {
        let (n, d) = (r.numer().magnitude().clone(), r.denom().magnitude().clone());
        if n.bits() == 0 {
            return self.point(0.0);
        }
        let s = (self.p as i64 + 2) + d.bits() as i64 - n.bits() as i64;
        let (scaled_n, scaled_d) = if s >= 0 { (n << s as usize, d) } else { (n, d << (-s) as usize) };
        let (q, rem) = (&scaled_n / &scaled_d, &scaled_n % &scaled_d);
        let wide = self.p + 128;
        let integer = |k: &num_bigint::BigUint, a: &mut Arith| {
            BigFloat::parse(&k.to_string(), astro_float::Radix::Dec, wide, RM, &mut a.cc)
        };
        let scale = BigFloat::from_f64(2.0, 64).powi(s.unsigned_abs() as usize, wide, RM);
        let apply = |x: BigFloat| if s >= 0 { x.div(&scale, wide, RM) } else { x.mul(&scale, wide, RM) };
        let lo = apply(integer(&q, self));
        let hi = if rem.bits() == 0 { lo.clone() } else { apply(integer(&(q + 1u32), self)) };
        let negative = r.numer().sign() == num_bigint::Sign::Minus;
        let interval = Interval { lo, hi };
        if negative {
            self.neg(&interval)
        } else {
            interval
        }
    }

    /// $x + y$.
    pub fn add(&self, x: &Interval, y: &Interval) -> Interval {
        Interval { lo: self.down(x.lo.add(&y.lo, self.p, RM)), hi: self.up(x.hi.add(&y.hi, self.p, RM)) }
    }

    /// $x - y$.
    pub fn sub(&self, x: &Interval, y: &Interval) -> Interval {
        Interval { lo: self.down(x.lo.sub(&y.hi, self.p, RM)), hi: self.up(x.hi.sub(&y.lo, self.p, RM)) }
    }

    /// $-x$ (an exact 0 stays $+0$: a negated 0 is not "negative").
    pub fn neg(&self, x: &Interval) -> Interval {
        let negated = |v: &BigFloat| if v.is_zero() { BigFloat::from_f64(0.0, self.p) } else { v.neg() };
        Interval { lo: negated(&x.hi), hi: negated(&x.lo) }
    }

    fn hull(&self, candidates: [BigFloat; 4]) -> Interval {
        let mut lo = candidates[0].clone();
        let mut hi = candidates[0].clone();
        for c in &candidates[1..] {
            if le(c, &lo) {
                lo = c.clone();
            }
            if le(&hi, c) {
                hi = c.clone();
            }
        }
        Interval { lo: self.down(lo), hi: self.up(hi) }
    }

    /// $xy$.
    pub fn mul(&self, x: &Interval, y: &Interval) -> Interval {
        let m = |a: &BigFloat, b: &BigFloat| a.mul(b, self.p, RM);
        self.hull([m(&x.lo, &y.lo), m(&x.lo, &y.hi), m(&x.hi, &y.lo), m(&x.hi, &y.hi)])
    }

    /// $x / y$.
    ///
    /// # Errors
    /// [`Fail::Undefined`] for $y = [0, 0]$, [`Fail::Unknown`] when $0 \in y$.
    pub fn div(&self, x: &Interval, y: &Interval) -> Result<Interval, Fail> {
        if y.is_zero() {
            return Err(Fail::Undefined);
        }
        if !y.excludes_zero() {
            return Err(Fail::Unknown);
        }
        let d = |a: &BigFloat, b: &BigFloat| a.div(b, self.p, RM);
        Ok(self.hull([d(&x.lo, &y.lo), d(&x.lo, &y.hi), d(&x.hi, &y.lo), d(&x.hi, &y.hi)]))
    }

    /// $e^x$ (monotone).
    pub fn exp(&mut self, x: &Interval) -> Interval {
        let mut e = |v: &BigFloat| {
            if v.is_zero() {
                BigFloat::from_f64(1.0, self.p)
            } else {
                v.exp(self.p, RM, &mut self.cc)
            }
        };
        let (lo, hi) = (e(&x.lo), e(&x.hi));
        Interval { lo: self.down(lo), hi: self.up(hi) }
    }

    /// $\ln x$ (monotone).
    ///
    /// # Errors
    /// [`Fail::Undefined`] when $x \le 0$ for sure ($\ln 0$ included: it is
    /// not a number, not $-\infty$), [`Fail::Unknown`] when $0 \in x$.
    pub fn ln(&mut self, x: &Interval) -> Result<Interval, Fail> {
        if !pos(&x.hi) {
            return Err(Fail::Undefined);
        }
        if !pos(&x.lo) {
            return Err(Fail::Unknown);
        }
        let one = BigFloat::from_f64(1.0, self.p);
        let mut l = |v: &BigFloat| {
            if v.cmp(&one) == Some(0) {
                BigFloat::from_f64(0.0, self.p)
            } else {
                v.ln(self.p, RM, &mut self.cc)
            }
        };
        let (lo, hi) = (l(&x.lo), l(&x.hi));
        Ok(Interval { lo: self.down(lo), hi: self.up(hi) })
    }

    /// $\sqrt{x}$ (monotone).
    ///
    /// # Errors
    /// [`Fail::Undefined`] when $x < 0$ for sure, [`Fail::Unknown`] when it may be.
    pub fn sqrt(&mut self, x: &Interval) -> Result<Interval, Fail> {
        if neg(&x.hi) {
            return Err(Fail::Undefined);
        }
        if neg(&x.lo) {
            return Err(Fail::Unknown);
        }
        // √0 = 0, whatever the sign bit of the 0.
        let s = |v: &BigFloat| if v.is_zero() { BigFloat::from_f64(0.0, self.p) } else { v.sqrt(self.p, RM) };
        let (lo, hi) = (s(&x.lo), s(&x.hi));
        Ok(Interval { lo: self.down(lo), hi: self.up(hi) })
    }

    /// $x^k$ for an integer $k$ (square and multiply).
    ///
    /// # Errors
    /// As [`Arith::div`] for a negative $k$.
    pub fn powi(&self, x: &Interval, k: i64) -> Result<Interval, Fail> {
        let mut result = self.point(1.0);
        let mut base = x.clone();
        let mut n = k.unsigned_abs();
        while n > 0 {
            if n & 1 == 1 {
                result = self.mul(&result, &base);
            }
            n >>= 1;
            if n > 0 {
                base = self.mul(&base, &base);
            }
        }
        if k < 0 {
            self.div(&self.point(1.0), &result)
        } else {
            Ok(result)
        }
    }
}

impl Interval {
    /// Whether 0 is outside the interval.
    pub fn excludes_zero(&self) -> bool {
        pos(&self.lo) || neg(&self.hi)
    }

    /// The integer this interval is exactly, if it is a point at an integer.
    fn exact_integer(&self) -> Option<i64> {
        if self.lo.cmp(&self.hi) != Some(0) || self.lo.inexact() {
            return None;
        }
        crate::numeric::integral(to_f64(&self.lo)).filter(|&n| BigFloat::from_i64(n, 64).cmp(&self.lo) == Some(0))
    }

    /// Whether this is exactly the point 0.
    pub fn is_zero(&self) -> bool {
        self.lo.is_zero() && self.hi.is_zero()
    }

    /// $\max(|lo|, |hi|)$.
    pub fn magnitude(&self) -> BigFloat {
        let (a, b) = (abs(&self.lo), abs(&self.hi));
        if le(&a, &b) {
            b
        } else {
            a
        }
    }

    /// $\min |x|$ over the interval (0 when it contains 0).
    pub fn mignitude(&self) -> BigFloat {
        if !self.excludes_zero() {
            return BigFloat::from_f64(0.0, 64);
        }
        let (a, b) = (abs(&self.lo), abs(&self.hi));
        if le(&a, &b) {
            a
        } else {
            b
        }
    }

    /// The midpoint, in four significant digits at any exponent.
    pub fn short(&self) -> String {
        short(&self.lo.add(&self.hi, 256, RM).mul(&BigFloat::from_f64(0.5, 64), 256, RM))
    }

    /// The midpoint, as the nearest `f64` (for display).
    pub fn to_f64(&self) -> f64 {
        let mid = self.lo.add(&self.hi, 256, RM).mul(&BigFloat::from_f64(0.5, 64), 256, RM);
        to_f64(&mid)
    }
}

fn abs(x: &BigFloat) -> BigFloat {
    if x.is_negative() {
        x.neg()
    } else {
        x.clone()
    }
}

/// The nearest `f64` to `x` (0 or ±inf beyond the range).
pub fn to_f64(x: &BigFloat) -> f64 {
    if x.is_zero() {
        return 0.0;
    }
    // astro-float prints decimal scientific notation, which Rust parses to the nearest f64.
    format!("{x}").parse().unwrap_or(f64::NAN)
}

/// `x` in scientific notation with four significant digits, whatever its
/// exponent (astro-float's exponents go far beyond `f64`'s): `2.002e-7004736`.
pub fn short(x: &BigFloat) -> String {
    if x.is_zero() {
        return "0".into();
    }
    let full = format!("{x}");
    let Some((mantissa, exponent)) = full.split_once('e') else {
        return full;
    };
    let value: f64 = mantissa.parse().unwrap_or(f64::NAN);
    let shown = format!("{value:.3}");
    let exponent = exponent.trim_start_matches('+');
    if exponent == "0" || exponent == "-0" {
        shown
    } else {
        format!("{shown}e{exponent}")
    }
}

/// Whether $\max|d| \le 2^{-k} \min|t|$: `d` certified small against `t`.
pub fn within_relative(d: &Interval, t: &Interval, k: usize) -> bool {
    let c = BigFloat::from_f64(0.5, 64).powi(k, 64, RM); // an exact power of two
    let p = t.lo.mantissa_max_bit_len().unwrap_or(64).max(t.hi.mantissa_max_bit_len().unwrap_or(64)) + 64;
    le(&d.magnitude(), &t.mignitude().mul(&c, p, RM))
}

/// The basic symbols at one entry, as intervals.
pub struct Env {
    /// $S_i$.
    pub s_i: Interval,
    /// $S_j$.
    pub s_j: Interval,
    /// $1 - S_i = \sum_{k \ne i} S_k$, without cancellation.
    pub complement_i: Interval,
    /// $a_i$.
    pub a_i: Interval,
    /// $a_j$.
    pub a_j: Interval,
    /// $N$.
    pub n: Interval,
    /// $Z$.
    pub z: Interval,
    /// The free constant $\kappa$ ([`Sym::Shift`]), a point.
    pub c: Interval,
    /// $i = j$.
    pub diagonal: bool,
    /// Values of sub-expressions that do not depend on the entry ($N$, $Z$,
    /// literals), shared by every entry of the input at this precision.
    cache: std::rc::Rc<std::cell::RefCell<std::collections::HashMap<String, Interval>>>,
}

/// Everything an input needs at one precision: $x_k = e^{a_k - \max a}$ and their sum.
pub struct Point {
    a: Vec<f64>,
    x: Vec<Interval>,
    sum: Interval,
    exp_max: Interval,
    /// The value of the free constant $\kappa$ ([`Sym::Shift`]).
    c: f64,
    /// $S_k$ and $\sum_{m \ne k} x_m / \sum_m x_m$, computed when first asked for.
    s: Vec<Option<Interval>>,
    complement: Vec<Option<Interval>>,
    cache: std::rc::Rc<std::cell::RefCell<std::collections::HashMap<String, Interval>>>,
}

impl Point {
    /// The input `a` (finite logits) at the arithmetic's precision.
    pub fn new(arith: &mut Arith, a: &[f64]) -> Point {
        let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let m = arith.point(max);
        let x: Vec<Interval> = a
            .iter()
            .map(|&a_k| {
                let shifted = arith.sub(&arith.point(a_k), &m);
                arith.exp(&shifted)
            })
            .collect();
        let sum = x.iter().skip(1).fold(x[0].clone(), |acc, x_k| arith.add(&acc, x_k));
        let exp_max = arith.exp(&m);
        let n = a.len();
        Point {
            a: a.to_vec(),
            x,
            sum,
            exp_max,
            c: 0.0,
            s: vec![None; n],
            complement: vec![None; n],
            cache: Default::default(),
        }
    }

    /// The same input with the free constant $\kappa$ ([`Sym::Shift`]) at `c` (0 unless set).
    pub fn with_constant(mut self, c: f64) -> Point {
        self.c = c;
        self
    }

    fn s(&mut self, arith: &Arith, k: usize) -> Interval {
        let (x, sum) = (&self.x, &self.sum);
        self.s[k].get_or_insert_with(|| arith.div(&x[k], sum).expect("the sum of exponentials is positive")).clone()
    }

    fn complement(&mut self, arith: &Arith, i: usize) -> Interval {
        let (x, sum) = (&self.x, &self.sum);
        self.complement[i]
            .get_or_insert_with(|| {
                let others = (0..x.len()).filter(|&k| k != i).fold(arith.point(0.0), |acc, k| arith.add(&acc, &x[k]));
                arith.div(&others, sum).expect("the sum of exponentials is positive")
            })
            .clone()
    }

    /// The symbols at entry $(i, j)$ (0-based).
    pub fn env(&mut self, arith: &mut Arith, i: usize, j: usize) -> Env {
        Env {
            s_i: self.s(arith, i),
            s_j: self.s(arith, j),
            complement_i: self.complement(arith, i),
            a_i: arith.point(self.a[i]),
            a_j: arith.point(self.a[j]),
            n: arith.point(self.a.len() as f64), // N ≤ 2^53: exact
            z: arith.mul(&self.exp_max, &self.sum),
            c: arith.point(self.c),
            diagonal: i == j,
            cache: self.cache.clone(),
        }
    }
}

/// $\partial S_i/\partial a_j$: $S_i \sum_{k \ne i} S_k$ on the diagonal, $-S_iS_j$ off it
/// (the closed form the exact layer proves equal to the quotient rule).
pub fn softmax_derivative(arith: &Arith, env: &Env) -> Interval {
    if env.diagonal {
        arith.mul(&env.s_i, &env.complement_i)
    } else {
        arith.neg(&arith.mul(&env.s_i, &env.s_j))
    }
}

/// $\partial \ln S_i/\partial a_j = \delta_{ij} - S_j$.
pub fn log_softmax_derivative(arith: &Arith, env: &Env) -> Interval {
    if env.diagonal {
        env.complement_i.clone()
    } else {
        arith.neg(&env.s_j)
    }
}

/// The value of `e` at `env`.
///
/// # Errors
/// [`Fail`] where an operation is undefined or undecidable at this precision.
pub fn eval(arith: &mut Arith, e: &Expr, env: &Env) -> Result<Interval, Fail> {
    let value = eval_node(arith, e, env)?;
    // astro-float's exponent range is finite too: an overflow (±Inf) or NaN decides nothing.
    let bad = |x: &BigFloat| x.is_nan() || x.is_inf();
    if bad(&value.lo) || bad(&value.hi) {
        return Err(Fail::Overflow);
    }
    Ok(value)
}

/// Whether `e` has the same value at every entry of an input (it uses only
/// $N$, $Z$ and literals): such values are computed once per input. ($\kappa$
/// is not among them: it is kept out of the cache, whatever its value.)
fn entry_independent(e: &Expr) -> bool {
    match e {
        Expr::Num(_) => true,
        Expr::Sym(s) => matches!(s, Sym::N | Sym::Z | Sym::Hi),
        Expr::Neg(x) | Expr::Call(_, x) => entry_independent(x),
        Expr::Bin(_, x, y) => entry_independent(x) && entry_independent(y),
        Expr::Diff(_) | Expr::Cases(_) | Expr::Sum(..) => false,
    }
}

fn eval_node(arith: &mut Arith, e: &Expr, env: &Env) -> Result<Interval, Fail> {
    if !(matches!(e, Expr::Bin(..) | Expr::Call(..)) && entry_independent(e)) {
        return eval_uncached(arith, e, env);
    }
    // Keyed by the expression itself (its fully parenthesised text), so that
    // two equal sub-expressions share a value and no two different ones do.
    let key = e.to_string();
    if let Some(v) = env.cache.borrow().get(&key) {
        return Ok(v.clone());
    }
    let value = eval_uncached(arith, e, env)?;
    env.cache.borrow_mut().insert(key, value.clone());
    Ok(value)
}

fn eval_uncached(arith: &mut Arith, e: &Expr, env: &Env) -> Result<Interval, Fail> {
    Ok(match e {
        Expr::Num(r) => arith.rational(r),
        Expr::Sym(s) => match s {
            Sym::Si => env.s_i.clone(),
            Sym::Sj => env.s_j.clone(),
            Sym::Ai => env.a_i.clone(),
            Sym::Aj => env.a_j.clone(),
            Sym::Delta => arith.point(if env.diagonal { 1.0 } else { 0.0 }),
            Sym::N => env.n.clone(),
            Sym::Z => env.z.clone(),
            Sym::Shift => env.c.clone(),
            s if s.of_family() => return Err(Fail::Family),
            other => eval(arith, &other.definition().expect("a derived symbol has a definition"), env)?,
        },
        Expr::Neg(x) => {
            let x = eval(arith, x, env)?;
            arith.neg(&x)
        }
        Expr::Call(f, x) if f.definition(x).is_some() => {
            eval(arith, &f.definition(x).expect("checked by the guard"), env)?
        }
        Expr::Call(f, x) => {
            let x = eval(arith, x, env)?;
            match f {
                Func::Exp => arith.exp(&x),
                Func::Ln => arith.ln(&x)?,
                Func::Sqrt => arith.sqrt(&x)?,
                Func::Sigmoid | Func::Tanh => unreachable!("evaluated through their definition"),
            }
        }
        Expr::Bin(BinOp::Pow, x, y) => {
            let base = eval(arith, x, env)?;
            // An integer exponent, of any size, is a power: (-1)^2000000 = 1.
            let literal = crate::expr::eval::rational_constant(y)
                .filter(|r| r.is_integer())
                .map(|r| r.to_integer().to_i64().ok_or(Fail::Overflow))
                .transpose()?;
            let exponent = match literal {
                Some(k) => Ok(k),
                None => {
                    let y = eval(arith, y, env)?;
                    y.exact_integer().ok_or(y)
                }
            };
            match exponent {
                Ok(k) => {
                    if k <= 0 && base.is_zero() {
                        return Err(Fail::Undefined);
                    }
                    arith.powi(&base, k)?
                }
                Err(y) => {
                    let ln = arith.ln(&base)?;
                    arith.exp(&arith.mul(&y, &ln))
                }
            }
        }
        Expr::Bin(op, x, y) => {
            let (x, y) = (eval(arith, x, env)?, eval(arith, y, env)?);
            match op {
                BinOp::Add => arith.add(&x, &y),
                BinOp::Sub => arith.sub(&x, &y),
                BinOp::Mul => arith.mul(&x, &y),
                _ => arith.div(&x, &y)?,
            }
        }
        Expr::Diff(x) => eval(arith, &crate::expr::eval::derivative(&x.expand()), env)?,
        Expr::Cases(branches) => match Expr::branch(branches, env.diagonal) {
            Some(b) => eval(arith, b, env)?,
            None => return Err(Fail::Undefined),
        },
        Expr::Sum(..) => return Err(Fail::Family),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_values_stay_exact_and_inexact_ones_are_enclosed() {
        let mut a = Arith::new(128);
        let mut p = Point::new(&mut a, &[0.0]);
        let env = p.env(&mut a, 0, 0);
        assert!(env.complement_i.is_zero(), "1 − S_1 = 0 exactly at N = 1");
        let third = a.rational(&BigRational::new(1.into(), 3.into()));
        assert!(third.lo.cmp(&third.hi).is_some_and(|c| c < 0), "{:?} {:?}", third.lo, third.hi);
        let mut p = Point::new(&mut a, &[0.0, 1.0, 3.0]);
        let env = p.env(&mut a, 2, 2);
        let s3 = env.s_i.to_f64();
        assert!((s3 - 0.843_794_734_481_339_5).abs() < 1e-12, "{s3}");
    }
}
