//! A small sparse polynomial type with exact rational coefficients, and
//! fractions of them.
//!
//! The variables ([`Var`]) are those of the decision procedure: the positive
//! quantities $x_i = e^{a_i}$, $x_j = e^{a_j}$, $Z$, $N$, Euler's $e$ and
//! $e^{\kappa}$ for the free real constant $\kappa$ of a shift (rational
//! exponents, negative ones included: they never vanish; $N$ takes integer
//! exponents only), and the real quantities $a_i$, $a_j$, $\ln Z$ and
//! $\kappa$ (non-negative integer exponents: they can be 0). A polynomial is zero as a
//! function on the domain of a case exactly when every coefficient is zero
//! (see [`super`] for why).

use num_bigint::BigInt;
use num_rational::{BigRational, Rational64};
use num_traits::{CheckedAdd, CheckedMul, One, Signed, Zero};
use std::collections::BTreeMap;
use std::fmt;

/// A variable of the polynomial ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// $x_i = e^{a_i}$.
    Xi = 0,
    /// $x_j = e^{a_j}$ ($i \ne j$ only).
    Xj = 1,
    /// $Z = \sum_k e^{a_k}$.
    Z = 2,
    /// $N$.
    N = 3,
    /// Euler's number $e$ (from $e^{r}$ with a rational constant $r$).
    E = 4,
    /// $e^{\kappa}$, for the free real constant $\kappa$ ([`crate::expr::Sym::Shift`]).
    ExpShift = 5,
    /// $a_i$.
    Ai = 6,
    /// $a_j$ ($i \ne j$ only).
    Aj = 7,
    /// $\ln Z$.
    LnZ = 8,
    /// $\kappa$, the free real constant of a shift ([`crate::expr::Sym::Shift`]).
    Shift = 9,
    /// The label $y_i$ (a real number that does not move with the logits).
    Yi = 10,
    /// The label $y_j$ ($i \ne j$ only).
    Yj = 11,
    /// $Y = \sum_k y_k$.
    Y = 12,
    /// $\sum_k y_k a_k$.
    Ya = 13,
    /// $\sum_k y_k e^{a_k}$.
    Yx = 14,
    /// $\sum_k a_k$.
    Sa = 15,
    /// $P_2 = \sum_k e^{2 a_k}$ (positive).
    P2 = 16,
    /// The temperature $T > 0$.
    T = 17,
    /// $x_k = e^{a_k}$ for the summation index $k$, inside a sum only (positive).
    Xk = 18,
    /// $a_k$ for the summation index $k$, inside a sum only.
    Ak = 19,
    /// $y_k$ for the summation index $k$, inside a sum only.
    Yk = 20,
}

/// How many variables there are.
pub const NVARS: usize = 21;

/// The variables' names, in index order.
pub const NAMES: [&str; NVARS] = [
    "x_i",
    "x_j",
    "Z",
    "N",
    "e",
    "e^c",
    "a_i",
    "a_j",
    "ln(Z)",
    "c",
    "y_i",
    "y_j",
    "Y",
    "sum(y_k a_k)",
    "sum(y_k x_k)",
    "sum(a_k)",
    "P_2",
    "T",
    "x_k",
    "a_k",
    "y_k",
];

/// Every variable, in index order.
pub const VARS: [Var; NVARS] = [
    Var::Xi,
    Var::Xj,
    Var::Z,
    Var::N,
    Var::E,
    Var::ExpShift,
    Var::Ai,
    Var::Aj,
    Var::LnZ,
    Var::Shift,
    Var::Yi,
    Var::Yj,
    Var::Y,
    Var::Ya,
    Var::Yx,
    Var::Sa,
    Var::P2,
    Var::T,
    Var::Xk,
    Var::Ak,
    Var::Yk,
];

/// The variables of the softmax family beyond $\partial S_i/\partial a_j$:
/// labels and their sums, $\sum_k a_k$, $P_2$, the temperature and the
/// summation index's own (see [`super`]). The interval searches and the
/// root isolation know only the logits, so they leave a polynomial with one
/// of these alone.
pub const FAMILY: [Var; 11] =
    [Var::Yi, Var::Yj, Var::Y, Var::Ya, Var::Yx, Var::Sa, Var::P2, Var::T, Var::Xk, Var::Ak, Var::Yk];

impl Var {
    /// Whether the variable is a positive real (so never 0, any rational exponent).
    pub fn positive(self) -> bool {
        matches!(self, Var::Xi | Var::Xj | Var::Z | Var::N | Var::E | Var::ExpShift | Var::P2 | Var::T | Var::Xk)
    }
}

/// The largest numerator or denominator an exponent may have: beyond it the
/// formula is treated as outside the exact fragment rather than risk overflow.
const MAX_EXPONENT: i64 = 1 << 24;

/// Too large to handle exactly (exponent or expansion size).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

/// A monomial $\prod_v v^{e_v}$.
pub type Mono = [Rational64; NVARS];

fn unit_mono() -> Mono {
    [Rational64::zero(); NVARS]
}

fn checked_exponent(e: Rational64) -> Result<Rational64, TooLarge> {
    if e.numer().abs() > MAX_EXPONENT || *e.denom() > MAX_EXPONENT {
        Err(TooLarge)
    } else {
        Ok(e)
    }
}

fn mono_mul(x: &Mono, y: &Mono) -> Result<Mono, TooLarge> {
    let mut m = unit_mono();
    for k in 0..NVARS {
        m[k] = checked_exponent(x[k].checked_add(&y[k]).ok_or(TooLarge)?)?;
    }
    Ok(m)
}

/// The largest number of terms an expansion may produce.
pub const MAX_TERMS: usize = 20_000;

/// The largest size of a coefficient, numerator and denominator together, in
/// bits (about 6000 decimal digits: $3 + 10^{-1000}$ takes 6600). Exact
/// arithmetic on rationals costs about the square of their size, and every
/// addition reduces by a gcd, so the work budget ([`WORK_BUDGET`]) weighs each
/// product by its size; past this bound a formula is left to the numeric
/// layer (`1e1000^1000` would need 3.3 million bits, and minutes).
pub const MAX_COEFFICIENT_BITS: u64 = 20_000;

/// The work one exact decision may do, in coefficient products weighted by
/// their size ($1 + $ bits$/64$ each): about half a second on this machine's
/// kind (measured: $(1/3 + S_i/7 + S_j/11 + a_i/13 + N/17)^{64}$, which
/// needs far more, used to run 6.7 s before giving up on its term count).
pub const WORK_BUDGET: u64 = 400_000;

thread_local! {
    static WORK_LEFT: std::cell::Cell<u64> = const { std::cell::Cell::new(WORK_BUDGET) };
}

/// Starts a new decision's work budget ([`WORK_BUDGET`]).
pub fn reset_work_budget() {
    WORK_LEFT.with(|w| w.set(WORK_BUDGET));
}

/// Takes `units` of work from the budget.
fn charge(units: u64) -> Result<(), TooLarge> {
    WORK_LEFT.with(|w| {
        let left = w.get();
        if units > left {
            w.set(0);
            Err(TooLarge)
        } else {
            w.set(left - units);
            Ok(())
        }
    })
}

/// The size of a rational in bits (numerator and denominator).
pub fn bits(c: &BigRational) -> u64 {
    c.numer().bits() + c.denom().bits()
}

fn checked_coefficient(c: BigRational) -> Result<BigRational, TooLarge> {
    if bits(&c) > MAX_COEFFICIENT_BITS {
        Err(TooLarge)
    } else {
        Ok(c)
    }
}

/// A polynomial: monomial → non-zero rational coefficient.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Poly {
    terms: BTreeMap<Mono, BigRational>,
}

impl Poly {
    /// 0.
    pub fn zero() -> Poly {
        Poly::default()
    }

    /// The constant `c`.
    pub fn constant(c: BigRational) -> Poly {
        let mut p = Poly::zero();
        p.add_term(unit_mono(), c);
        p
    }

    /// The integer `n`.
    pub fn int(n: i64) -> Poly {
        Poly::constant(BigRational::from_integer(BigInt::from(n)))
    }

    /// $v^{e}$.
    pub fn var_pow(v: Var, e: Rational64) -> Poly {
        let mut m = unit_mono();
        m[v as usize] = e;
        let mut p = Poly::zero();
        p.add_term(m, BigRational::one());
        p
    }

    /// $v$.
    pub fn var(v: Var) -> Poly {
        Poly::var_pow(v, Rational64::one())
    }

    fn add_term(&mut self, m: Mono, c: BigRational) {
        if c.is_zero() {
            return;
        }
        let entry = self.terms.entry(m).or_insert_with(BigRational::zero);
        *entry += c;
        if entry.is_zero() {
            self.terms.remove(&m);
        }
    }

    /// The terms.
    pub fn terms(&self) -> impl Iterator<Item = (&Mono, &BigRational)> {
        self.terms.iter()
    }

    /// Whether every coefficient is 0.
    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    /// The constant value, if the polynomial is one.
    pub fn as_constant(&self) -> Option<BigRational> {
        match self.terms.len() {
            0 => Some(BigRational::zero()),
            1 => self.terms.get(&unit_mono()).cloned(),
            _ => None,
        }
    }

    /// The single term, if there is exactly one.
    pub fn as_term(&self) -> Option<(Mono, BigRational)> {
        (self.terms.len() == 1).then(|| self.terms.iter().next().map(|(m, c)| (*m, c.clone()))).flatten()
    }

    /// Whether variable `v` occurs.
    pub fn has(&self, v: Var) -> bool {
        self.terms.keys().any(|m| !m[v as usize].is_zero())
    }

    /// Whether a variable of the family beyond the logits occurs ([`FAMILY`]).
    pub fn has_family(&self) -> bool {
        FAMILY.iter().any(|v| self.has(*v))
    }

    /// $p + q$.
    pub fn add(&self, q: &Poly) -> Poly {
        let mut r = self.clone();
        for (m, c) in &q.terms {
            r.add_term(*m, c.clone());
        }
        r
    }

    /// $-p$.
    pub fn neg(&self) -> Poly {
        Poly { terms: self.terms.iter().map(|(m, c)| (*m, -c)).collect() }
    }

    /// $p - q$.
    pub fn sub(&self, q: &Poly) -> Poly {
        self.add(&q.neg())
    }

    /// $pq$.
    ///
    /// # Errors
    /// [`TooLarge`] past [`MAX_TERMS`] terms or an exponent overflow.
    pub fn mul(&self, q: &Poly) -> Result<Poly, TooLarge> {
        let products = self.terms.len().saturating_mul(q.terms.len());
        if products > MAX_TERMS * 4 {
            return Err(TooLarge);
        }
        let weight = 1 + (self.max_bits() + q.max_bits()) / 64;
        charge((products as u64).saturating_mul(weight))?;
        let mut r = Poly::zero();
        for (m1, c1) in &self.terms {
            for (m2, c2) in &q.terms {
                if bits(c1) + bits(c2) > MAX_COEFFICIENT_BITS + 2 {
                    return Err(TooLarge);
                }
                r.add_term(mono_mul(m1, m2)?, c1 * c2);
            }
        }
        if r.terms.len() > MAX_TERMS {
            return Err(TooLarge);
        }
        Ok(r)
    }

    /// $c\,p$.
    pub fn scale(&self, c: &BigRational) -> Poly {
        let mut r = Poly::zero();
        for (m, k) in &self.terms {
            r.add_term(*m, k * c);
        }
        r
    }

    /// $p \cdot m$ for a monomial with coefficient 1.
    ///
    /// # Errors
    /// [`TooLarge`] on exponent overflow.
    pub fn mul_mono(&self, m: &Mono) -> Result<Poly, TooLarge> {
        let mut r = Poly::zero();
        for (m1, c) in &self.terms {
            r.add_term(mono_mul(m1, m)?, c.clone());
        }
        Ok(r)
    }

    /// $p^k$, $k \ge 0$.
    ///
    /// # Errors
    /// [`TooLarge`] when the expansion is too large.
    pub fn pow(&self, k: u32) -> Result<Poly, TooLarge> {
        if let Some((m, c)) = self.as_term() {
            // A monomial: exponents times k, coefficient to the k.
            let mut mk = unit_mono();
            for v in 0..NVARS {
                mk[v] = checked_exponent(m[v].checked_mul(&Rational64::from_integer(i64::from(k))).ok_or(TooLarge)?)?;
            }
            if !c.abs().is_one() && bits(&c).saturating_mul(u64::from(k)) > MAX_COEFFICIENT_BITS + u64::from(k) {
                return Err(TooLarge);
            }
            let mut p = Poly::zero();
            p.add_term(mk, checked_coefficient(num_traits::pow(c, k as usize))?);
            return Ok(p);
        }
        if k > 64 {
            return Err(TooLarge);
        }
        let mut result = Poly::int(1);
        for _ in 0..k {
            result = result.mul(self)?;
        }
        Ok(result)
    }

    /// Substitutes each monomial by `f(monomial)` (a polynomial), times its coefficient.
    ///
    /// # Errors
    /// What `f` returns, or [`TooLarge`].
    pub fn map_monomials<E: From<TooLarge>>(&self, f: impl Fn(&Mono) -> Result<Poly, E>) -> Result<Poly, E> {
        let mut r = Poly::zero();
        for (m, c) in &self.terms {
            r = r.add(&f(m)?.scale(c));
            if r.terms.len() > MAX_TERMS {
                return Err(TooLarge.into());
            }
        }
        Ok(r)
    }

    /// The smallest exponent of `v` over the terms (0 if it does not occur).
    pub fn min_exponent(&self, v: Var) -> Rational64 {
        self.terms.keys().map(|m| m[v as usize]).fold(Rational64::zero(), |a, b| a.min(b))
    }

    /// Whether only positive variables occur (then a polynomial whose
    /// coefficients have one sign is non-zero everywhere, with that sign).
    pub fn in_positive_variables(&self) -> bool {
        VARS.iter().all(|v| v.positive() || !self.has(*v))
    }

    /// The span of the exponents of `v` (highest minus lowest): the degree
    /// in `v` once the lowest power is divided out.
    pub fn degree_span(&self, v: Var) -> Rational64 {
        let high = self.terms.keys().map(|m| m[v as usize]).fold(Rational64::zero(), |a, b| a.max(b));
        high - self.min_exponent(v)
    }

    /// The largest coefficient size, in bits.
    pub fn max_bits(&self) -> u64 {
        self.terms.values().map(bits).max().unwrap_or(0)
    }

    /// Whether every coefficient has the sign of `positive`.
    pub fn one_signed(&self) -> Option<bool> {
        let first = self.terms.values().next()?.is_positive();
        self.terms.values().all(|c| c.is_positive() == first).then_some(first)
    }
}

/// `v^e` in the residual's display, `v` called `name`.
fn show_power(name: &str, e: &Rational64) -> String {
    // `e^c` to a power is `(e^c)^2`.
    let name = if name.contains('^') && !e.is_one() { format!("({name})") } else { name.to_string() };
    if e.is_one() {
        name
    } else if e.is_integer() && e.is_positive() {
        format!("{name}^{e}")
    } else {
        format!("{name}^({e})")
    }
}

impl Poly {
    /// The polynomial with every coefficient exactly (`Display` abbreviates
    /// coefficients of more than 24 digits).
    pub fn exact(&self) -> String {
        self.show(crate::expr::format_rational, &NAMES)
    }

    /// The polynomial as [`Poly::exact`], huge coefficients in scientific
    /// notation with four significant digits (`≈1.000e1000`): what a person reads.
    pub fn bounded(&self) -> String {
        self.show(crate::expr::format_rational_bounded, &NAMES)
    }

    /// The polynomial as [`Poly::bounded`], its variables called `names`
    /// (when a slot stands for another quantity: $r = Z - x_i$, $t = N - 2$ …).
    pub fn bounded_named(&self, names: &[&str; NVARS]) -> String {
        self.show(crate::expr::format_rational_bounded, names)
    }

    /// Terms by decreasing total degree, e.g. `Z^3 - Z^2 x_i + 1/2`.
    fn show(&self, coefficient: fn(&BigRational) -> String, names: &[&str; NVARS]) -> String {
        if self.terms.is_empty() {
            return "0".into();
        }
        let degree = |m: &Mono| m.iter().fold(Rational64::zero(), |a, e| a + e);
        let mut terms: Vec<(&Mono, &BigRational)> = self.terms.iter().collect();
        terms.sort_by(|x, y| degree(y.0).cmp(&degree(x.0)).then(y.0.cmp(x.0)));
        let mut out = String::new();
        for (k, (m, c)) in terms.into_iter().enumerate() {
            let vars: Vec<String> = VARS
                .iter()
                .filter(|v| !m[**v as usize].is_zero())
                .map(|v| show_power(names[*v as usize], &m[*v as usize]))
                .collect();
            let sign = if c.is_negative() { "-" } else { "+" };
            match k {
                0 if c.is_negative() => out.push('-'),
                0 => {}
                _ => out.push_str(&format!(" {sign} ")),
            }
            let magnitude = c.abs();
            let shown = coefficient(&magnitude);
            match (vars.is_empty(), magnitude.is_one()) {
                (true, _) => out.push_str(&shown),
                (false, true) => out.push_str(&vars.join(" ")),
                (false, false) => out.push_str(&format!("{shown} {}", vars.join(" "))),
            }
        }
        out
    }
}

impl fmt::Display for Poly {
    /// [`Poly::bounded`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.bounded())
    }
}

/// A fraction of polynomials $p/q$ (with $q \ne 0$ as a polynomial).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frac {
    /// $p$.
    pub num: Poly,
    /// $q$.
    pub den: Poly,
}

impl Frac {
    /// $p/1$.
    pub fn poly(p: Poly) -> Frac {
        Frac { num: p, den: Poly::int(1) }
    }

    /// A constant.
    pub fn constant(c: BigRational) -> Frac {
        Frac::poly(Poly::constant(c))
    }

    /// Divides a monomial denominator of positive variables into the
    /// numerator (Laurent form), so that equal values print alike.
    pub fn normalized(self) -> Result<Frac, TooLarge> {
        if self.num.is_zero() {
            return Ok(Frac::poly(Poly::zero()));
        }
        match self.den.as_term() {
            Some((m, c)) if VARS.iter().all(|v| v.positive() || m[*v as usize].is_zero()) => {
                let mut inverse = unit_mono();
                for k in 0..NVARS {
                    inverse[k] = -m[k];
                }
                let num = self.num.mul_mono(&inverse)?.scale(&(BigRational::one() / c));
                Ok(Frac::poly(num))
            }
            _ => Ok(self),
        }
    }

    /// $x + y$.
    ///
    /// # Errors
    /// [`TooLarge`].
    pub fn add(&self, y: &Frac) -> Result<Frac, TooLarge> {
        if self.den == y.den {
            return Frac { num: self.num.add(&y.num), den: self.den.clone() }.normalized();
        }
        Frac { num: self.num.mul(&y.den)?.add(&y.num.mul(&self.den)?), den: self.den.mul(&y.den)? }.normalized()
    }

    /// $-x$.
    pub fn neg(&self) -> Frac {
        Frac { num: self.num.neg(), den: self.den.clone() }
    }

    /// $x - y$.
    ///
    /// # Errors
    /// [`TooLarge`].
    pub fn sub(&self, y: &Frac) -> Result<Frac, TooLarge> {
        self.add(&y.neg())
    }

    /// $xy$.
    ///
    /// # Errors
    /// [`TooLarge`].
    pub fn mul(&self, y: &Frac) -> Result<Frac, TooLarge> {
        Frac { num: self.num.mul(&y.num)?, den: self.den.mul(&y.den)? }.normalized()
    }

    /// $x / y$, for $y$ not the zero polynomial (the caller records $y \ne 0$).
    ///
    /// # Errors
    /// [`TooLarge`].
    pub fn div(&self, y: &Frac) -> Result<Frac, TooLarge> {
        Frac { num: self.num.mul(&y.den)?, den: self.den.mul(&y.num)? }.normalized()
    }

    /// $x^k$ for an integer $k$ (negative: $1/x^{|k|}$, for $x \ne 0$).
    ///
    /// # Errors
    /// [`TooLarge`].
    pub fn pow(&self, k: i64) -> Result<Frac, TooLarge> {
        let magnitude = u32::try_from(k.unsigned_abs()).map_err(|_| TooLarge)?;
        let (num, den) = (self.num.pow(magnitude)?, self.den.pow(magnitude)?);
        let r = if k >= 0 { Frac { num, den } } else { Frac { num: den, den: num } };
        r.normalized()
    }

    /// The constant value, if this is a constant.
    pub fn as_constant(&self) -> Option<BigRational> {
        let (n, d) = (self.num.as_constant()?, self.den.as_constant()?);
        (!d.is_zero()).then(|| n / d)
    }
}

impl fmt::Display for Frac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.den.as_constant() {
            Some(c) if c.is_one() => write!(f, "{}", self.num),
            _ => write!(f, "({}) / ({})", self.num, self.den),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_cancels_exactly() {
        let z = Frac::poly(Poly::var(Var::Z));
        let x = Frac::poly(Poly::var(Var::Xi));
        // x/Z - (x/Z)^2 == x(Z - x)/Z^2
        let s = x.div(&z).unwrap();
        let lhs = s.sub(&s.pow(2).unwrap()).unwrap();
        let rhs = x.mul(&z.sub(&x).unwrap()).unwrap().div(&z.pow(2).unwrap()).unwrap();
        assert!(lhs.sub(&rhs).unwrap().num.is_zero());
        assert_eq!(lhs.to_string(), "-x_i^2 Z^(-2) + x_i Z^(-1)");
    }

    #[test]
    fn huge_expansions_are_refused_not_attempted() {
        let p = Poly::var(Var::Z).add(&Poly::var(Var::Xi)).add(&Poly::int(1));
        assert_eq!(p.pow(1000), Err(TooLarge));
        assert!(Poly::var(Var::Z).pow(1_000_000).is_ok());
    }
}
