//! Certified inputs **by construction**, where the small exact candidates of
//! [`super::witness`] find none: an input where a non-zero difference is
//! certified non-zero, and a zero of a divisor.
//!
//! Every input has the shape $a = (t_i, t_j, b, \dots, b)$ (entry $i = 1$,
//! $j = 2$; on the diagonal $a = (t_i, b, \dots, b)$). It covers the whole
//! case: the polynomials of the procedure depend on $x_i = e^{t_i}$,
//! $x_j = e^{t_j}$, $Z = x_i + x_j + (N - 2)e^{b}$ and $N$, and every
//! $Z > x_i + x_j$ is reached by some real $b$. A formula with the free
//! constant $\kappa$ ([`crate::expr::Sym::Shift`]) has a fourth coordinate,
//! $\kappa$ itself, on the same grid; the witness states its value.
//!
//! **A non-zero difference.** Its numerator $P$ is a non-zero polynomial.
//! As a polynomial in $N$ it has degree $d$ (after dividing out its lowest
//! power of $N$), so for a point of the other variables where one of its
//! coefficients is non-zero, at most $d$ integers are roots: among
//! $N_0, \dots, N_0 + d + 1$ one is not. The other variables take values on
//! a grid of small dyadic numbers (exact in `f64`), simplest first; a
//! non-zero analytic function cannot vanish on all of them but in degenerate
//! cases, and the search says so when its budget runs out. Each candidate is
//! evaluated in interval arithmetic ([`crate::rigorous`]): the witness is the
//! first input where the enclosure of claim − target excludes 0 (or where
//! the formula is certainly undefined).
//!
//! **A zero of a divisor.** Along lines in $(t_i, t_j, b)$ at fixed $N$, the
//! divisor is evaluated on a grid; an enclosure that is exactly $[0, 0]$ is
//! an exact zero, and two neighbours with certified opposite signs enclose
//! one (the divisor is continuous on the connected domain: intermediate
//! value theorem), narrowed by bisection.

use super::{Case, Witness};
use crate::expr::{BinOp, Expr};
use crate::rigorous::{self, Arith, Fail};

/// The largest $N$ a constructed input may have (its logit vector is evaluated
/// in interval arithmetic, entry by entry).
pub const MAX_N: usize = 2048;

/// Candidate inputs evaluated at 128 bits before the search gives up.
const MAX_CANDIDATES: usize = 1200;

/// Candidates (the simplest) evaluated again at higher precision.
const RETRIED: usize = 64;

/// Values of $t_i$, $t_j$, $b$, simplest first (exact in `f64`).
const VALUES: [f64; 9] = [0.0, 1.0, -1.0, 0.5, 2.0, -2.0, 3.0, -0.5, 5.0];

/// The grid along a line, for the zeros of a divisor: $-16$ to $16$ by $1/2$.
fn line_grid() -> impl Iterator<Item = f64> {
    (-32..=32).map(|k| f64::from(k) / 2.0)
}

/// The sign of an expression at an input, certified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Exactly 0 (the enclosure is the point 0).
    Zero,
    /// Certified $> 0$.
    Positive,
    /// Certified $< 0$.
    Negative,
    /// Certainly undefined there (a divisor exactly 0, an argument out of range).
    Undefined,
    /// Not certified at the precisions tried.
    Unknown,
}

/// Interval arithmetic at a few precisions, kept across candidates.
struct Evaluator {
    arithmetics: Vec<Arith>,
}

impl Evaluator {
    fn new(precisions: &[usize]) -> Evaluator {
        Evaluator { arithmetics: precisions.iter().map(|&p| Arith::new(p)).collect() }
    }

    /// The certified sign of `e` at `a` and $\kappa = $ `c`, entry $(i, j)$ 0-based, and the precision that certified it.
    fn sign(&mut self, e: &Expr, a: &[f64], c: f64, i: usize, j: usize) -> (Sign, usize) {
        for arith in &mut self.arithmetics {
            let p = arith.precision();
            let mut point = rigorous::Point::new(arith, a).with_constant(c);
            let env = point.env(arith, i, j);
            match rigorous::eval(arith, e, &env) {
                Ok(v) if v.is_zero() => return (Sign::Zero, p),
                Ok(v) if v.excludes_zero() => {
                    let sign = if v.lo.is_positive() { Sign::Positive } else { Sign::Negative };
                    return (sign, p);
                }
                Err(Fail::Undefined) => return (Sign::Undefined, p),
                Err(Fail::Overflow | Fail::Family) => return (Sign::Unknown, p),
                Ok(_) | Err(Fail::Unknown) => {}
            }
        }
        (Sign::Unknown, 0)
    }
}

/// An input found by the search: the logits and, for a formula with the free
/// constant $\kappa$, its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    /// The logits.
    pub a: Vec<f64>,
    /// $\kappa$, when the formula has it.
    pub c: Option<f64>,
}

impl Input {
    /// The witness at this input, at the case's entry, certified as `how` says.
    pub fn witness(self, case: Case, how: String) -> Witness {
        let w = Witness::at(case, self.a, None, how);
        match self.c {
            Some(c) => w.with_constant(c),
            None => w,
        }
    }
}

/// The coordinates of a candidate: $t_i$, $t_j$, $b$, $\kappa$.
type Coordinates = [f64; 4];

/// The input $(t_i, t_j, b, \dots, b)$ of size `n` (on the diagonal $(t_i, b, \dots)$).
fn logits(case: Case, n: usize, t: Coordinates) -> Vec<f64> {
    let mut a = vec![t[2]; n];
    a[0] = t[0];
    if !case.diagonal() {
        a[1] = t[1];
    }
    a
}

/// The coordinates that vary in a case: $t_i$ always, $t_j$ off the diagonal,
/// $b$ when there are other logits, $\kappa$ when the formula has it (`shift`).
fn free_coordinates(case: Case, shift: bool) -> Vec<usize> {
    let mut c = vec![0];
    if !case.diagonal() {
        c.push(1);
    }
    if !case.fixed_n() {
        c.push(2);
    }
    if shift {
        c.push(3);
    }
    c
}

/// Points of the grid `VALUES`^k in the free coordinates, simplest first.
fn grid(case: Case, shift: bool) -> Vec<Coordinates> {
    let free = free_coordinates(case, shift);
    let mut points: Vec<([usize; 4], Coordinates)> = Vec::new();
    let k = VALUES.len();
    for code in 0..k.pow(free.len() as u32) {
        let mut index = [0usize; 4];
        let mut rest = code;
        for &c in &free {
            index[c] = rest % k;
            rest /= k;
        }
        points.push((index, index.map(|x| VALUES[x])));
    }
    points.sort_by_key(|(index, _)| (index.iter().sum::<usize>(), *index.iter().max().unwrap_or(&0)));
    points.into_iter().map(|(_, t)| t).collect()
}

/// The values of $N$ to try: the case's own, or $N_0 \dots N_0 + d + 1$ (at most [`MAX_N`]).
fn sizes(case: Case, n_degree: usize) -> Vec<usize> {
    if case.fixed_n() {
        return vec![case.min_n()];
    }
    let last = case.min_n().saturating_add(n_degree).saturating_add(1).min(MAX_N);
    (case.min_n()..=last).collect()
}

/// An input of the case where `claim − target` is certified non-zero (or the
/// formula certainly undefined), for a difference whose numerator has degree
/// `n_degree` in $N$.
pub fn nonzero(claim: &Expr, target: &Expr, case: Case, n_degree: usize) -> Option<Witness> {
    let difference = Expr::bin(BinOp::Sub, claim.clone(), target.clone());
    let wanted = |s: Sign| matches!(s, Sign::Positive | Sign::Negative | Sign::Undefined);
    let (input, sign, p) = first_sign(&difference, case, n_degree, MAX_CANDIDATES, &wanted)?;
    let largest = sizes(case, n_degree).last().copied().unwrap_or(case.min_n());
    if sign == Sign::Undefined {
        let how = format!("interval arithmetic at {p} bits: an operation is certainly undefined there");
        return Some(input.witness(case, how).undefined("a divisor is exactly 0 or an argument is out of range"));
    }
    let how = format!(
        "interval arithmetic at {p} bits: the enclosure of the difference excludes 0 at this input, \
         found by construction (N up to N₀ + deg_N + 1 = {largest}, logits on a grid)"
    );
    Some(input.witness(case, how))
}

/// The first input of the case's grid (at most `limit` candidates, simplest
/// first; $N$ up to $N_0 + $ `n_degree` $+ 1$) where the certified sign of
/// `e` is one that `wanted` accepts: the input, the sign and the precision
/// that certified it. A formula with $\kappa$ gets a value of it at each candidate.
pub fn first_sign(
    e: &Expr,
    case: Case,
    n_degree: usize,
    limit: usize,
    wanted: &dyn Fn(Sign) -> bool,
) -> Option<(Input, Sign, usize)> {
    let (i, j) = case.entry();
    let sizes = sizes(case, n_degree);
    let shift = e.has_shift();
    // Built one at a time: a candidate at N = 2048 is 2048 logits.
    let candidates = grid(case, shift)
        .into_iter()
        .flat_map(|t| sizes.iter().map(move |&n| Input { a: logits(case, n, t), c: shift.then_some(t[3]) }))
        .take(limit);
    let mut quick = Evaluator::new(&[128]);
    let mut slow = Evaluator::new(&[512, 2048]);
    for (k, input) in candidates.enumerate() {
        let c = input.c.unwrap_or(0.0);
        let (mut sign, mut p) = quick.sign(e, &input.a, c, i, j);
        if sign == Sign::Unknown && k < RETRIED {
            (sign, p) = slow.sign(e, &input.a, c, i, j);
        }
        if wanted(sign) {
            return Some((input, sign, p));
        }
    }
    None
}

/// An input of the case where `divisor` (an expression) is 0: exactly, or
/// certified between two inputs where it has opposite signs.
pub fn divisor_zero(divisor: &Expr, case: Case) -> Option<Witness> {
    let (i, j) = case.entry();
    let mut evaluator = Evaluator::new(&[128, 512]);
    let names = ["a_i", "a_j", "the other logits", "c"];
    let shift = divisor.has_shift();
    for n in sizes(case, 1) {
        for &c in &free_coordinates(case, shift) {
            let at = |v: f64| {
                let mut t = [0.0; 4];
                t[c] = v;
                Input { a: logits(case, n, t), c: shift.then_some(t[3]) }
            };
            let mut previous: Option<(f64, Sign)> = None;
            for v in line_grid() {
                let input = at(v);
                let (sign, p) = evaluator.sign(divisor, &input.a, input.c.unwrap_or(0.0), i, j);
                match sign {
                    Sign::Zero => {
                        let how = format!("interval arithmetic at {p} bits: the divisor is exactly 0 at this input");
                        return Some(input.witness(case, how));
                    }
                    Sign::Positive | Sign::Negative => {
                        if let Some((u, s)) = previous.filter(|(_, s)| *s != sign) {
                            return Some(bisect(&mut evaluator, divisor, case, &at, (u, s), (v, sign), names[c]));
                        }
                        previous = Some((v, sign));
                    }
                    Sign::Undefined | Sign::Unknown => previous = None,
                }
            }
        }
    }
    None
}

/// Whether the coordinate called `name` is the constant $\kappa$.
fn shift_name(name: &str) -> bool {
    name == "c"
}

/// Narrows a certified sign change of `divisor` between `low` and `high`
/// along one coordinate, and returns the bracket as the witness.
fn bisect(
    evaluator: &mut Evaluator,
    divisor: &Expr,
    case: Case,
    at: &dyn Fn(f64) -> Input,
    low: (f64, Sign),
    high: (f64, Sign),
    name: &str,
) -> Witness {
    let (i, j) = case.entry();
    let (mut lo, mut hi) = (low, high);
    for _ in 0..80 {
        let mid = lo.0 + (hi.0 - lo.0) / 2.0;
        if !(lo.0 < mid && mid < hi.0) {
            break;
        }
        let input = at(mid);
        match evaluator.sign(divisor, &input.a, input.c.unwrap_or(0.0), i, j) {
            (Sign::Zero, p) => {
                let how = format!("interval arithmetic at {p} bits: the divisor is exactly 0 at this input");
                return input.witness(case, how);
            }
            (s, _) if s == lo.1 => lo = (mid, s),
            (s, _) if s == hi.1 => hi = (mid, s),
            _ => break,
        }
    }
    let word = |s: Sign| if s == Sign::Positive { "positive" } else { "negative" };
    let how = format!(
        "interval arithmetic: the divisor is certified {} at {name} = {:e} and {} at {name} = {:e}, so it is 0 \
         in between (intermediate value theorem); shown at the first end",
        word(lo.1),
        lo.0,
        word(hi.1),
        hi.0
    );
    let mut w = at(lo.0).witness(case, how);
    // The logits as listed, and the bracket in words (κ's bracket is in `how`, its value in the witness).
    if !shift_name(name) {
        w.exact = Some(format!("{name} between {:e} and {:e}, the other logits as shown", lo.0, hi.0));
    }
    w
}
