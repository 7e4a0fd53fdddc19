//! Certified inputs: where a non-zero difference is non-zero, where a divisor
//! vanishes — found by exact evaluation at small integer logits — and the
//! residual shown in a readable, partly factored form.
//!
//! At an integer point $a$, $x_k = e^{a_k}$ and $Z = \sum_k e^{a_k}$ are
//! polynomials in Euler's $e$ with integer exponents; a polynomial of the
//! procedure becomes one in $e$ alone, which is non-zero as a number exactly
//! when it is non-zero as a polynomial ($e$ is transcendental). So a
//! witness found here is exact, not numeric. A free constant $\kappa$
//! ([`crate::expr::Sym::Shift`]) takes integer values as well
//! ($\kappa \in \{0, 1, -1, 2\}$, when the polynomials have it): $e^{\kappa}$
//! is then a power of $e$, and the witness says which $\kappa$ it used.

use super::poly::{Frac, Mono, Poly, Var, NVARS, VARS};
use super::Case;
use num_bigint::BigInt;
use num_rational::{BigRational, Rational64};
use num_traits::{One, Signed, ToPrimitive, Zero};
use serde::Serialize;

/// An input $(a, i, j)$ where a claim fails, certified.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Witness {
    /// The logits (small integers).
    pub a: Vec<f64>,
    /// 1-based row.
    pub i: usize,
    /// 1-based column.
    pub j: usize,
    /// Why the formula is undefined there, if that is the failure.
    pub undefined: Option<String>,
    /// The logits exactly, when they are logarithms (`[0, ln 2]`): `a` then holds them rounded.
    pub exact: Option<String>,
    /// How the failure is certified there.
    pub certified_by: String,
    /// The value of the free constant $\kappa$ ([`crate::expr::Sym::Shift`])
    /// there, when the formula has one (`None`: it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
    /// The labels $y$ there, when the formula has labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<Vec<f64>>,
    /// The temperature $T$ there, when the formula has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<f64>,
    /// The formula's and the target's values there and their difference,
    /// rounded from exact values, when only the exact layer can evaluate them
    /// (labels, a temperature, a sum).
    #[serde(skip)]
    pub values: Option<Shown>,
}

/// Values at a witness, for display: each rounded once from its exact value
/// (the difference too, so a difference far below the values is not lost).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shown {
    /// The formula's value (NaN where it is undefined).
    pub claimed: f64,
    /// The target's value.
    pub reference: f64,
    /// claimed − target.
    pub difference: f64,
}

/// How an exact non-zero value at an integer input is certified.
const EXACT_NONZERO: &str = "exact: at this integer input the difference is a non-zero polynomial in e, so it is not 0";

/// How an exact zero of a divisor is certified.
const EXACT_ZERO: &str = "exact: a divisor vanishes there (or an argument is out of range), computed exactly";

impl Witness {
    fn new(a: &[i64], i: usize, j: usize) -> Witness {
        // Small integers: exact in f64.
        Witness {
            a: a.iter().map(|&x| x as f64).collect(),
            i: i + 1,
            j: j + 1,
            undefined: None,
            exact: None,
            certified_by: EXACT_NONZERO.to_string(),
            c: None,
            y: None,
            t: None,
            values: None,
        }
    }

    /// The input $a_k = \ln x_k$.
    fn of_exponentials(x: &[BigRational], i: usize, j: usize) -> Witness {
        let ln = |r: &BigRational| r.to_f64().map_or(f64::NAN, f64::ln);
        let shown: Vec<String> = x
            .iter()
            .map(|r| if r.is_one() { "0".to_string() } else { format!("ln({})", crate::expr::format_rational(r)) })
            .collect();
        Witness {
            a: x.iter().map(ln).collect(),
            i: i + 1,
            j: j + 1,
            undefined: None,
            exact: Some(format!("[{}]", shown.join(", "))),
            certified_by: EXACT_ZERO.to_string(),
            c: None,
            y: None,
            t: None,
            values: None,
        }
    }

    /// The input `a` at the case's entry ([`Case::entry`]), certified as `certified_by` says.
    pub(crate) fn at(case: Case, a: Vec<f64>, exact: Option<String>, certified_by: String) -> Witness {
        let (i, j) = case.entry();
        Witness { a, i: i + 1, j: j + 1, undefined: None, exact, certified_by, c: None, y: None, t: None, values: None }
    }

    /// The same input, with the free constant $\kappa$ at `c`.
    pub fn with_constant(mut self, c: f64) -> Witness {
        self.c = Some(c);
        self
    }

    /// The same input, as a point where the formula is undefined.
    pub fn undefined(mut self, reason: &str) -> Witness {
        self.undefined = Some(reason.to_string());
        self
    }

    /// An integer input where a divisor is exactly 0.
    fn exact_zero(a: &[i64], i: usize, j: usize) -> Witness {
        Witness { certified_by: EXACT_ZERO.to_string(), ..Witness::new(a, i, j) }
    }
}

/// The simplest input of a case: $a = 0$ with the case's smallest $N$.
pub fn simplest(case: Case) -> Witness {
    let a = vec![0; case.min_n()];
    let (i, j) = case.entry();
    Witness::exact_zero(&a, i, j)
}

/// Whether the free constant $\kappa$ occurs in `p` (as $\kappa$ or $e^{\kappa}$).
pub(crate) fn has_shift(p: &Poly) -> bool {
    p.has(Var::Shift) || p.has(Var::ExpShift)
}

/// The values of $\kappa$ tried, simplest first: 0 alone when the polynomials do not have it.
fn shifts(shift: bool) -> &'static [i64] {
    if shift {
        &[0, 1, -1, 2]
    } else {
        &[0]
    }
}

/// A small integer input: the logits, the entry $(i, j)$ 0-based, $\kappa$,
/// the labels (empty when the formula has none) and the temperature
/// (`None` when it has none). At a temperature `a` holds $b = a/T$, the
/// variables' own logits ([`super::Frame::tempered`]).
pub(crate) struct Point {
    pub a: Vec<i64>,
    pub i: usize,
    pub j: usize,
    pub c: i64,
    pub y: Vec<i64>,
    pub t: Option<BigRational>,
}

/// Which of the family's inputs a set of polynomials needs, and what they must satisfy.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Needs {
    /// $\kappa$ occurs.
    pub shift: bool,
    /// A label or a label's sum occurs.
    pub labels: bool,
    /// The labels must sum to 1 ([`super::Frame::labels_sum_to_one`]).
    pub sum_to_one: bool,
    /// The labels are one-hot at the entry's $i$ ([`super::Frame::labels_one_hot`]).
    pub one_hot: bool,
    /// $T$ occurs.
    pub temperature: bool,
    /// The variables are the tempered logits $b = a/T$.
    pub tempered: bool,
}

impl Needs {
    /// What `polys` need in `frame`.
    pub fn of(polys: &[&Poly], frame: super::Frame) -> Needs {
        let any = |f: &dyn Fn(&Poly) -> bool| polys.iter().any(|p| f(p));
        let label_vars = [Var::Yi, Var::Yj, Var::Y, Var::Ya, Var::Yx];
        Needs {
            shift: any(&has_shift),
            labels: any(&|p| label_vars.iter().any(|v| p.has(*v))) || frame.written.labels,
            sum_to_one: frame.labels_sum_to_one,
            one_hot: frame.labels_one_hot,
            temperature: any(&|p| p.has(Var::T)) || frame.tempered || frame.written.temperature,
            tempered: frame.tempered,
        }
    }
}

impl Point {
    /// The witness at this input, stating $\kappa$, $y$ and $T$ when `needs` says so.
    fn witness(&self, needs: Needs) -> Witness {
        let mut w = Witness::new(&self.a, self.i, self.j);
        if needs.shift {
            // A small integer: exact in f64.
            w = w.with_constant(self.c as f64);
        }
        if needs.labels {
            w.y = Some(self.y.iter().map(|&y| y as f64).collect());
        }
        if let Some(t) = &self.t {
            let t64 = t.to_f64().unwrap_or(f64::NAN);
            w.t = Some(t64);
            if needs.tempered {
                // The logits are a = T b; T is 1, 2 or 1/2: exact in f64.
                w.a = self.a.iter().map(|&b| b as f64 * t64).collect();
            }
        }
        w
    }

    /// `p` at this input ([`at_point`]).
    fn value(&self, p: &Poly) -> Option<Poly> {
        at_point(p, self)
    }
}

/// Small integer inputs of the case, simplest first; with each logit vector,
/// $\kappa \in \{0, 1, -1, 2\}$ when the polynomials have it, labels from a
/// few small vectors (summing to 1 when the frame assumes so) when they have
/// labels, and $T \in \{1, 2, 1/2\}$ when they have a temperature.
fn candidates(case: Case, needs: Needs) -> Vec<Point> {
    let (_, j) = case.entry();
    let sizes: Vec<usize> =
        if case.fixed_n() { vec![case.min_n()] } else { (case.min_n()..case.min_n() + 3).collect() };
    let temperatures: Vec<Option<BigRational>> = if needs.temperature {
        [(1, 1), (2, 1), (1, 2)]
            .iter()
            .map(|&(n, d)| Some(BigRational::new(BigInt::from(n), BigInt::from(d))))
            .collect()
    } else {
        vec![None]
    };
    let mut out = Vec::new();
    for &n in &sizes {
        let mut shapes: Vec<Vec<i64>> = vec![vec![0; n]];
        for k in 0..n {
            for v in [1, -1, 2] {
                let mut a = vec![0; n];
                a[k] = v;
                shapes.push(a);
            }
        }
        shapes.push((0..n as i64).collect());
        shapes.push((0..n as i64).rev().collect());
        let labels = match (needs.labels, needs.one_hot) {
            // y = e_i, and every candidate's i is the first entry.
            (true, true) => vec![(0..n).map(|k| i64::from(k == 0)).collect()],
            (true, false) => label_vectors(n, needs.sum_to_one),
            (false, _) => vec![Vec::new()],
        };
        for a in shapes {
            for &c in shifts(needs.shift) {
                for y in &labels {
                    for t in &temperatures {
                        out.push(Point { a: a.clone(), i: 0, j, c, y: y.clone(), t: t.clone() });
                    }
                }
            }
        }
    }
    out
}

/// A few label vectors of length `n`, simplest first: one-hot at the first,
/// second and last entries, then (summing to 1) $(2, -1, 0, …)$, or (free)
/// zeros, $2e_1$ and ones.
fn label_vectors(n: usize, sum_to_one: bool) -> Vec<Vec<i64>> {
    let unit = |k: usize, v: i64| {
        let mut y = vec![0; n];
        y[k] = v;
        y
    };
    let mut out = vec![unit(0, 1)];
    if n >= 2 {
        out.push(unit(1, 1));
    }
    if n >= 3 {
        out.push(unit(n - 1, 1));
    }
    if sum_to_one {
        if n >= 2 {
            let mut y = unit(0, 2);
            y[1] = -1;
            out.push(y);
        }
    } else {
        out.extend([vec![0; n], unit(0, 2), vec![1; n]]);
    }
    out
}

/// $p$ at the integer point (entry $(i, j)$, $\kappa$, labels, $T$): a
/// polynomial in $e$ alone, times a positive factor (a power of $Z$ and of
/// $P_2$ that clears their negative exponents), or `None` where that is not
/// exact ($\ln Z$ with $N \ge 2$, a fractional power of $Z$ or $T$).
fn at_point(p: &Poly, point: &Point) -> Option<Poly> {
    let (a, i, j, c) = (&point.a, point.i, point.j, point.c);
    let e_pow = |r: Rational64| Poly::var_pow(Var::E, r);
    let exp_sum = |scale: i64, weights: &dyn Fn(usize) -> i64| -> Poly {
        a.iter().enumerate().fold(Poly::zero(), |acc, (k, &a_k)| {
            acc.add(&e_pow(Rational64::from_integer(scale * a_k)).scale(&int(weights(k))))
        })
    };
    let z = exp_sum(1, &|_| 1);
    let p2 = exp_sum(2, &|_| 1);
    let label = |k: usize| point.y.get(k).copied().unwrap_or(0);
    let yx = exp_sum(1, &label);
    let sums = [
        (Var::Y, point.y.iter().sum::<i64>()),
        (Var::Ya, a.iter().enumerate().map(|(k, &a_k)| label(k) * a_k).sum()),
        (Var::Sa, a.iter().sum()),
        (Var::Yi, label(i)),
        (Var::Yj, label(j)),
    ];
    let p = p.mul(&Poly::var_pow(Var::Z, -p.min_exponent(Var::Z))).ok()?;
    let p = p.mul(&Poly::var_pow(Var::P2, -p.min_exponent(Var::P2))).ok()?;
    let n = BigRational::from_integer(BigInt::from(a.len()));
    p.map_monomials(|m: &Mono| -> Result<Poly, super::poly::TooLarge> {
        let fail = super::poly::TooLarge;
        if [Var::Xk, Var::Ak, Var::Yk].iter().any(|v| !m[*v as usize].is_zero()) {
            return Err(fail);
        }
        let natural = |v: Var| m[v as usize].to_integer().to_u32().filter(|_| m[v as usize].is_integer()).ok_or(fail);
        let mut value = e_pow(m[Var::E as usize]);
        value = value.mul(&e_pow(m[Var::Xi as usize] * a[i]))?;
        value = value.mul(&e_pow(m[Var::Xj as usize] * a[j]))?;
        value = value.mul(&e_pow(m[Var::ExpShift as usize] * c))?;
        value = value.mul(&z.pow(natural(Var::Z)?)?)?;
        value = value.mul(&p2.pow(natural(Var::P2)?)?)?;
        value = value.mul(&yx.pow(natural(Var::Yx)?)?)?;
        let nk = m[Var::N as usize];
        if !nk.is_integer() {
            return Err(fail);
        }
        value = value.scale(&integer_power(&n, nk.to_integer()).ok_or(fail)?);
        let t = m[Var::T as usize];
        if !t.is_zero() {
            let t_value = point.t.as_ref().ok_or(fail)?;
            if !t.is_integer() {
                return Err(fail);
            }
            value = value.scale(&integer_power(t_value, t.to_integer()).ok_or(fail)?);
        }
        let reals = [(Var::Ai, a[i]), (Var::Aj, a[j]), (Var::Shift, c)].into_iter().chain(sums);
        for (v, x) in reals {
            value = value.scale(&num_traits::pow(int(x), natural(v)? as usize));
        }
        let ln_z = m[Var::LnZ as usize];
        if !ln_z.is_zero() {
            // ln Z is exact only for N = 1: ln e^{a_1} = a_1.
            if a.len() != 1 {
                return Err(fail);
            }
            value = value.scale(&num_traits::pow(int(a[0]), natural(Var::LnZ)? as usize));
        }
        Ok(value)
    })
    .ok()
}

fn int(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// `w` with the labels and the temperature of the formulas it is an input of
/// (`frame.written`), where the search that found it set logits alone: any
/// labels and temperature do then — one-hot labels at the first entry
/// (which sum to 1; at the class $i$ when the frame says they are one-hot there) and $T = 1$ (so the logits $b$ are $a$).
pub(crate) fn completed(mut w: Witness, frame: super::Frame) -> Witness {
    if frame.written.labels && w.y.is_none() {
        let mut y = vec![0.0; w.a.len()];
        // One-hot labels are at the class i (1-based in a witness); other labels anywhere (they sum to 1).
        let at = if frame.labels_one_hot { w.i.saturating_sub(1) } else { 0 };
        if let Some(one) = y.get_mut(at) {
            *one = 1.0;
        }
        w.y = Some(y);
    }
    if (frame.tempered || frame.written.temperature) && w.t.is_none() {
        w.t = Some(1.0);
    }
    w
}

/// The target's value at a witness where the formula is undefined, for display.
pub(crate) fn undefined_values(target: &Frac, w: &Witness, frame: super::Frame) -> Option<Shown> {
    let t = w.t.and_then(BigRational::from_float);
    let scale = if frame.tempered { w.t.unwrap_or(1.0) } else { 1.0 };
    let integer = |x: f64| (x.fract() == 0.0 && x.abs() < 1e9).then_some(x as i64);
    let point = Point {
        a: w.a.iter().map(|&a| integer(a / scale)).collect::<Option<Vec<i64>>>().filter(|_| w.exact.is_none())?,
        i: w.i - 1,
        j: w.j - 1,
        c: w.c.and_then(integer).unwrap_or(0),
        y: w.y.as_ref().map(|y| y.iter().filter_map(|v| integer(*v)).collect()).unwrap_or_default(),
        t,
    };
    Some(Shown { claimed: f64::NAN, reference: value_at(target, &point)?, difference: f64::NAN })
}

/// The value of a normal form at an input, in `f64`, for display (the
/// input is certified exactly; this is its value rounded): one positive
/// factor clears the negative powers of $Z$ and $P_2$ in both parts, so
/// their quotient is the value.
fn value_at(f: &Frac, point: &Point) -> Option<f64> {
    let z = -f.num.min_exponent(Var::Z).min(f.den.min_exponent(Var::Z));
    let p2 = -f.num.min_exponent(Var::P2).min(f.den.min_exponent(Var::P2));
    let factor = Poly::var_pow(Var::Z, z).mul(&Poly::var_pow(Var::P2, p2)).ok()?;
    let in_e = |p: &Poly| p.mul(&factor).ok().and_then(|p| point.value(&p)).map(|p| in_f64(&p));
    Some(in_e(&f.num)? / in_e(&f.den)?)
}

/// A polynomial in $e$ alone, in `f64`.
fn in_f64(p: &Poly) -> f64 {
    p.terms()
        .map(|(m, c)| {
            let r = m[Var::E as usize];
            c.to_f64().unwrap_or(f64::NAN) * std::f64::consts::E.powf(*r.numer() as f64 / *r.denom() as f64)
        })
        .sum()
}

/// $x^k$ for an integer $k$ of either sign ($x \ne 0$ when $k < 0$), within a small exponent.
fn integer_power(x: &BigRational, k: i64) -> Option<BigRational> {
    if k.unsigned_abs() > 4096 || k < 0 && x.is_zero() {
        return None;
    }
    let magnitude = num_traits::pow(x.clone(), k.unsigned_abs() as usize);
    Some(if k < 0 { BigRational::one() / magnitude } else { magnitude })
}

/// An input of the case where `divisor` is exactly 0: small integer logits
/// (and $\kappa$) first, then logits that are logarithms of small rationals
/// ($x_k$ rational, $\kappa = 0$).
pub fn vanishing(divisor: &Poly, case: Case, frame: super::Frame) -> Option<Witness> {
    let needs = Needs::of(&[divisor], frame);
    let integer = candidates(case, needs)
        .into_iter()
        .find(|p| p.value(divisor).is_some_and(|v| v.is_zero()))
        .map(|p| Witness { certified_by: EXACT_ZERO.to_string(), ..p.witness(needs) });
    // The rational inputs set the logits alone.
    if integer.is_some() || divisor.has_family() {
        return integer;
    }
    rational_candidates(case)
        .into_iter()
        .find(|(x, i, j)| at_rational_point(divisor, x, *i, *j).is_some_and(|v| v.is_zero()))
        .map(|(x, i, j)| {
            let w = Witness::of_exponentials(&x, i, j);
            if needs.shift {
                w.with_constant(0.0)
            } else {
                w
            }
        })
}

/// Inputs $x_k = e^{a_k}$ rational: every $x_k = 1$ but the entries $i$ and $j$.
fn rational_candidates(case: Case) -> Vec<(Vec<BigRational>, usize, usize)> {
    let q = |n: i64, d: i64| BigRational::new(BigInt::from(n), BigInt::from(d));
    let values = [q(1, 1), q(2, 1), q(3, 1), q(1, 2), q(1, 3), q(4, 1), q(3, 2), q(2, 3)];
    let (_, j) = case.entry();
    let sizes: Vec<usize> =
        if case.fixed_n() { vec![case.min_n()] } else { (case.min_n()..case.min_n() + 4).collect() };
    let mut out = Vec::new();
    for &n in &sizes {
        for xi in &values {
            for xj in &values {
                if case.diagonal() && xj != xi {
                    continue;
                }
                let mut x = vec![q(1, 1); n];
                x[0] = xi.clone();
                x[j] = xj.clone();
                out.push((x, 0, j));
            }
        }
    }
    out
}

/// $p$ at $x_k$ rational and $\kappa = 0$: a rational, or `None` where that is not exact (a
/// power of $e$, $a_i$ or $\ln Z$ that is not 0, a fractional power).
fn at_rational_point(p: &Poly, x: &[BigRational], i: usize, j: usize) -> Option<BigRational> {
    let z: BigRational = x.iter().cloned().sum();
    let n = BigRational::from_integer(BigInt::from(x.len()));
    let power = |base: &BigRational, e: &Rational64| e.is_integer().then(|| integer_power(base, *e.numer())).flatten();
    let mut total = BigRational::zero();
    for (m, c) in p.terms() {
        if [Var::E, Var::Ai, Var::Aj, Var::LnZ].iter().any(|v| !m[*v as usize].is_zero()) {
            return None;
        }
        // κ = 0: e^κ = 1, and a term with a power of κ is 0.
        if !m[Var::Shift as usize].is_zero() {
            continue;
        }
        let mut value = c.clone();
        value *= power(&x[i], &m[Var::Xi as usize])?;
        value *= power(&x[j], &m[Var::Xj as usize])?;
        value *= power(&z, &m[Var::Z as usize])?;
        value *= power(&n, &m[Var::N as usize])?;
        total += value;
    }
    Some(total)
}

/// An input of the case where every divisor is certified non-zero and the
/// numerator of `difference` is certified non-zero.
///
/// `shown`: the claim's and the target's normal forms, whose values at the
/// input are attached to it ([`Witness::values`]).
pub fn nonzero(
    difference: &Frac,
    divisors: &[&Poly],
    case: Case,
    frame: super::Frame,
    shown: Option<(&Frac, &Frac)>,
) -> Option<Witness> {
    let mut polys = vec![&difference.num, &difference.den];
    polys.extend(divisors);
    let needs = Needs::of(&polys, frame);
    let defined = |p: &Point| divisors.iter().all(|d| p.value(d).is_some_and(|v| !v.is_zero()));
    candidates(case, needs)
        .into_iter()
        .find(|p| {
            defined(p)
                && p.value(&difference.den).is_some_and(|v| !v.is_zero())
                && p.value(&difference.num).is_some_and(|v| !v.is_zero())
        })
        .map(|p| {
            let mut w = p.witness(needs);
            w.values = shown.and_then(|(claim, target)| {
                let (claimed, reference) = (value_at(claim, &p)?, value_at(target, &p)?);
                Some(Shown { claimed, reference, difference: value_at(difference, &p)? })
            });
            w
        })
}

/// The small integer inputs of the case (logits, 0-based $(i, j)$, $\kappa$,
/// labels, temperature) where every divisor is certified non-zero, with the
/// values there of `f`'s numerator and denominator: polynomials in $e$
/// alone, each a positive multiple (a power of $Z$ and $P_2$) of the exact
/// value. Inputs where a value is not exact ($\ln Z$ with $N \ge 2$, a
/// fractional power of $Z$) are skipped. The witness of each input states
/// $\kappa$, $y$ and $T$ when the polynomials have them.
pub(crate) fn exact_values<'a>(
    f: &'a Frac,
    divisors: &'a [&Poly],
    case: Case,
    frame: super::Frame,
) -> impl Iterator<Item = (Witness, Poly, Poly)> + 'a {
    let mut polys = vec![&f.num, &f.den];
    polys.extend(divisors);
    let needs = Needs::of(&polys, frame);
    candidates(case, needs).into_iter().filter_map(move |p| {
        let defined = divisors.iter().all(|d| p.value(d).is_some_and(|v| !v.is_zero()));
        let num = p.value(&f.num).filter(|_| defined)?;
        let den = p.value(&f.den).filter(|v| !v.is_zero())?;
        Some((p.witness(needs), num, den))
    })
}

/// The difference as one fraction with a monomial denominator and linear
/// factors of $Z$ pulled out of the numerator where they divide it, e.g.
/// `(Z - x_i)^2 (Z + x_i) / (Z^2 x_i)`.
///
/// `exact`: every coefficient in full; else huge ones abbreviated ([`Poly::bounded`]).
pub fn factored(difference: &Frac, exact: bool) -> String {
    let show = |p: &Poly| if exact { p.exact() } else { p.bounded() };
    let (num, den_mono) = clear_negative_exponents(&difference.num);
    let den_text = {
        let d = Poly::int(1).mul_mono(&den_mono).map(|p| show(&p)).unwrap_or_default();
        match difference.den.as_constant() {
            Some(c) if c.is_one() => d,
            _ if d == "1" => format!("({})", show(&difference.den)),
            _ => format!("({}) {}", show(&difference.den), d),
        }
    };
    let mut factors = Vec::new();
    let mut rest = num;
    for (name, root) in linear_roots() {
        let mut power = 0;
        while let Some(q) = divide_by_z_minus(&rest, &root) {
            rest = q;
            power += 1;
        }
        if power > 0 {
            factors.push(if power == 1 { format!("({name})") } else { format!("({name})^{power}") });
        }
    }
    let several_terms = rest.terms().count() > 1;
    let rest_text = match rest.as_constant() {
        Some(c) if c.is_one() && !factors.is_empty() => String::new(),
        Some(c) if (-c.clone()).is_one() && !factors.is_empty() => "-".to_string(),
        Some(_) if !factors.is_empty() => format!("{} ", show(&rest)),
        _ if factors.is_empty() => show(&rest),
        _ => format!("({}) ", show(&rest)),
    };
    let numerator = format!("{rest_text}{}", factors.join(" "));
    match (den_text.as_str(), several_terms && factors.is_empty()) {
        ("1" | "", _) => numerator,
        (den, true) => format!("({numerator}) / ({den})"),
        (den, false) => format!("{numerator} / ({den})"),
    }
}

/// The candidate factors $Z - r$: (shown as, r).
fn linear_roots() -> Vec<(&'static str, Poly)> {
    let (xi, xj) = (Poly::var(Var::Xi), Poly::var(Var::Xj));
    vec![
        ("Z - x_i", xi.clone()),
        ("Z + x_i", xi.neg()),
        ("Z - x_j", xj.clone()),
        ("Z + x_j", xj.neg()),
        ("Z - x_i - x_j", xi.add(&xj)),
    ]
}

/// $p \cdot m$ with $m$ the smallest monomial making every exponent of a
/// positive variable non-negative; returns $(p m, m)$.
fn clear_negative_exponents(p: &Poly) -> (Poly, Mono) {
    let mut m: Mono = [Rational64::zero(); NVARS];
    for v in VARS.iter().filter(|v| v.positive()) {
        let low = p.min_exponent(*v);
        if low.is_negative() {
            m[*v as usize] = -low;
        }
    }
    (p.mul_mono(&m).unwrap_or_else(|_| p.clone()), m)
}

/// $p / (Z - r)$ when it divides exactly (synthetic division in $Z$).
fn divide_by_z_minus(p: &Poly, r: &Poly) -> Option<Poly> {
    // p = Σ_k c_k Z^k with c_k free of Z.
    let mut by_degree: Vec<Poly> = Vec::new();
    for (m, c) in p.terms() {
        let z = m[Var::Z as usize];
        let k = if z.is_integer() && !z.is_negative() { z.to_integer().to_usize()? } else { return None };
        if k > 64 {
            return None;
        }
        if by_degree.len() <= k {
            by_degree.resize(k + 1, Poly::zero());
        }
        let mut rest = *m;
        rest[Var::Z as usize] = Rational64::zero();
        by_degree[k] = by_degree[k].add(&Poly::int(1).mul_mono(&rest).ok()?.scale(c));
    }
    let n = by_degree.len().checked_sub(1)?;
    if n == 0 {
        return None;
    }
    // q_{n-1} = c_n, q_{k-1} = c_k + r q_k; remainder c_0 + r q_0.
    let mut q = vec![Poly::zero(); n];
    q[n - 1] = by_degree[n].clone();
    for k in (1..n).rev() {
        q[k - 1] = by_degree[k].add(&r.mul(&q[k]).ok()?);
    }
    if !by_degree[0].add(&r.mul(&q[0]).ok()?).is_zero() {
        return None;
    }
    let mut quotient = Poly::zero();
    for (k, c) in q.iter().enumerate() {
        quotient = quotient.add(&c.mul(&Poly::var_pow(Var::Z, Rational64::from_integer(k as i64))).ok()?);
    }
    Some(quotient)
}
