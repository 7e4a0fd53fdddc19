//! The exact test of [`super`]: both sides as fractions of polynomials over
//! the rationals in independent indeterminates — each variable $v$ (a real),
//! $e^{v}$ (positive: any integer power), Euler's $e$, and every other
//! exponential or logarithm kept whole (`e^{x^2}`, `\ln(1 + e^{x})`, a real).
//!
//! Why an equal pair of fractions proves the relation: the variables and
//! their exponentials are algebraically independent functions, and a
//! polynomial identity in indeterminates holds at every value given to them
//! — so also where some of them are tied together (the logarithms kept
//! whole may be, and they only make proofs rarer, never wrong). $e^{a+b}$ is
//! split as $e^{a} e^{b}$, $\ln$ only of positive factors ($e^{v}$, $e$,
//! positive constants: $\ln(2 e^{x}) = \ln 2 + x$), never of a variable's
//! sign. A fraction is used only where its denominator is not the zero
//! polynomial.

use super::SExpr;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// An indeterminate.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Atom {
    /// Euler's number (positive).
    Euler,
    /// $e^{v}$ of a variable (positive).
    ExpOf(String),
    /// A variable (real).
    Var(String),
    /// An exponential or logarithm kept whole, by its canonical text (real).
    Whole(String),
}

impl Atom {
    /// Never 0: any integer power, negative ones too.
    fn positive(&self) -> bool {
        matches!(self, Atom::Euler | Atom::ExpOf(_))
    }
}

type Monomial = BTreeMap<Atom, i64>;

/// A polynomial: monomials with their nonzero coefficients.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Poly(BTreeMap<Monomial, BigRational>);

/// The expression is beyond the sizes this test expands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TooLarge;

/// The most terms a polynomial may have.
const MAX_TERMS: usize = 4000;

impl Poly {
    fn constant(c: BigRational) -> Poly {
        let mut m = BTreeMap::new();
        if !c.is_zero() {
            m.insert(Monomial::new(), c);
        }
        Poly(m)
    }

    fn atom(a: Atom, power: i64) -> Poly {
        let mut mono = Monomial::new();
        mono.insert(a, power);
        Poly(std::iter::once((mono, BigRational::one())).collect())
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn add(&self, other: &Poly) -> Result<Poly, TooLarge> {
        let mut out = self.0.clone();
        for (m, c) in &other.0 {
            let sum = out.get(m).cloned().unwrap_or_else(BigRational::zero) + c;
            if sum.is_zero() {
                out.remove(m);
            } else {
                out.insert(m.clone(), sum);
            }
        }
        Poly::bounded(out)
    }

    fn neg(&self) -> Poly {
        Poly(self.0.iter().map(|(m, c)| (m.clone(), -c)).collect())
    }

    fn mul(&self, other: &Poly) -> Result<Poly, TooLarge> {
        if self.0.len().saturating_mul(other.0.len()) > MAX_TERMS * 4 {
            return Err(TooLarge);
        }
        let mut out: BTreeMap<Monomial, BigRational> = BTreeMap::new();
        for (m1, c1) in &self.0 {
            for (m2, c2) in &other.0 {
                let mut m = m1.clone();
                for (a, e) in m2 {
                    let total = m.get(a).copied().unwrap_or(0).checked_add(*e).ok_or(TooLarge)?;
                    if total == 0 {
                        m.remove(a);
                    } else {
                        m.insert(a.clone(), total);
                    }
                }
                let sum = out.get(&m).cloned().unwrap_or_else(BigRational::zero) + c1 * c2;
                if sum.is_zero() {
                    out.remove(&m);
                } else {
                    out.insert(m, sum);
                }
            }
        }
        Poly::bounded(out)
    }

    fn pow(&self, k: u32) -> Result<Poly, TooLarge> {
        let mut out = Poly::constant(BigRational::one());
        for _ in 0..k {
            out = out.mul(self)?;
        }
        Ok(out)
    }

    fn bounded(terms: BTreeMap<Monomial, BigRational>) -> Result<Poly, TooLarge> {
        if terms.len() > MAX_TERMS {
            Err(TooLarge)
        } else {
            Ok(Poly(terms))
        }
    }

    /// The constant it is, if it is one.
    fn as_constant(&self) -> Option<BigRational> {
        match self.0.len() {
            0 => Some(BigRational::zero()),
            1 => self.0.get(&Monomial::new()).cloned(),
            _ => None,
        }
    }

    fn text(&self) -> String {
        let terms: Vec<String> = self
            .0
            .iter()
            .map(|(m, c)| {
                let atoms: Vec<String> = m.iter().map(|(a, e)| format!("{a:?}^{e}")).collect();
                format!("{c}*{}", atoms.join("*"))
            })
            .collect();
        terms.join(" + ")
    }
}

/// A fraction of polynomials, its denominator never the zero polynomial.
#[derive(Clone, Debug)]
struct Frac {
    num: Poly,
    den: Poly,
}

impl Frac {
    fn of(p: Poly) -> Frac {
        Frac { num: p, den: Poly::constant(BigRational::one()) }
    }

    fn add(&self, o: &Frac) -> Result<Frac, TooLarge> {
        if self.den == o.den {
            return Ok(Frac { num: self.num.add(&o.num)?, den: self.den.clone() });
        }
        Ok(Frac { num: self.num.mul(&o.den)?.add(&o.num.mul(&self.den)?)?, den: self.den.mul(&o.den)? })
    }

    fn mul(&self, o: &Frac) -> Result<Frac, TooLarge> {
        Ok(Frac { num: self.num.mul(&o.num)?, den: self.den.mul(&o.den)? })
    }

    /// `None` when `o` is the zero fraction.
    fn div(&self, o: &Frac) -> Result<Option<Frac>, TooLarge> {
        if o.num.is_zero() {
            return Ok(None);
        }
        Ok(Some(Frac { num: self.num.mul(&o.den)?, den: self.den.mul(&o.num)? }))
    }

    /// The canonical text of a fraction kept whole inside `\exp` or `\ln`:
    /// its denominator made monic by its first coefficient.
    fn key(&self) -> String {
        let lead = self.den.0.values().next().cloned().unwrap_or_else(BigRational::one);
        let scale = Poly::constant(BigRational::one() / lead);
        let (n, d) = (
            self.num.mul(&scale).unwrap_or_else(|_| self.num.clone()),
            self.den.mul(&scale).unwrap_or_else(|_| self.den.clone()),
        );
        format!("({})/({})", n.text(), d.text())
    }
}

/// Why the exact test gives no answer: a size, or an expression it does not expand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outside {
    /// Beyond the sizes expanded.
    TooLarge,
    /// A division by the zero polynomial.
    ByZero,
}

impl From<TooLarge> for Outside {
    fn from(_: TooLarge) -> Outside {
        Outside::TooLarge
    }
}

fn frac(e: &SExpr) -> Result<Frac, Outside> {
    Ok(match e {
        SExpr::Num(r) | SExpr::Dec(r, _) => Frac::of(Poly::constant(r.clone())),
        SExpr::Var(v) => Frac::of(Poly::atom(Atom::Var(v.clone()), 1)),
        SExpr::Neg(a) => {
            let f = frac(a)?;
            Frac { num: f.num.neg(), den: f.den }
        }
        SExpr::Add(a, b) => frac(a)?.add(&frac(b)?)?,
        SExpr::Mul(a, b) => frac(a)?.mul(&frac(b)?)?,
        SExpr::Div(a, b) => frac(a)?.div(&frac(b)?)?.ok_or(Outside::ByZero)?,
        SExpr::Pow(a, k) => {
            let f = frac(a)?;
            let power = u32::try_from(k.unsigned_abs()).map_err(|_| Outside::TooLarge)?;
            if power > 64 {
                return Err(Outside::TooLarge);
            }
            let p = Frac { num: f.num.pow(power)?, den: f.den.pow(power)? };
            if *k >= 0 {
                p
            } else {
                Frac::of(Poly::constant(BigRational::one())).div(&p)?.ok_or(Outside::ByZero)?
            }
        }
        SExpr::Exp(a) => exponential(&frac(a)?)?,
        SExpr::Ln(a) | SExpr::Log(a) => logarithm(&frac(a)?)?,
    })
}

/// $e^{f}$: a product of $e^{v}$ and $e$ for the terms of `f` with integer
/// coefficients of one variable or none, and the rest kept whole.
fn exponential(f: &Frac) -> Result<Frac, Outside> {
    let Some(den) = f.den.as_constant() else {
        return Ok(Frac::of(Poly::atom(Atom::Whole(format!("exp{}", f.key())), 1)));
    };
    let mut out = Poly::constant(BigRational::one());
    let mut rest = Poly::constant(BigRational::zero());
    for (m, c) in &f.num.0 {
        let c = c / &den;
        let linear: Option<Atom> = match m.iter().collect::<Vec<_>>().as_slice() {
            [] => Some(Atom::Euler),
            [(Atom::Var(v), 1)] => Some(Atom::ExpOf(v.clone())),
            _ => None,
        };
        match linear {
            Some(atom) if c.is_integer() && c.abs() <= BigRational::from_integer(64.into()) => {
                let k = c.to_integer().try_into().map_err(|_| Outside::TooLarge)?;
                out = out.mul(&Poly::atom(atom, k))?;
            }
            _ => {
                let mut term = BTreeMap::new();
                term.insert(m.clone(), c);
                rest = rest.add(&Poly(term))?;
            }
        }
    }
    if !rest.is_zero() {
        out = out.mul(&Poly::atom(Atom::Whole(format!("exp{}", Frac::of(rest).key())), 1))?;
    }
    Ok(Frac::of(out))
}

/// $\ln f$: the logarithms of its positive factors ($e^{v}$, $e$, a positive
/// constant) taken out when `f` is one term over one term, the rest kept whole.
fn logarithm(f: &Frac) -> Result<Frac, Outside> {
    let whole = |f: &Frac| Frac::of(Poly::atom(Atom::Whole(format!("ln{}", f.key())), 1));
    let (Some((nm, nc)), Some((dm, dc))) = (single(&f.num), single(&f.den)) else {
        return Ok(whole(f));
    };
    let mut out = Frac::of(Poly::constant(BigRational::zero()));
    let mut rest_num = Monomial::new();
    let mut rest_den = Monomial::new();
    for (m, sign, rest) in [(nm, 1, &mut rest_num), (dm, -1, &mut rest_den)] {
        for (a, e) in m {
            match a {
                Atom::Euler => {
                    out = out.add(&Frac::of(Poly::constant(BigRational::from_integer((sign * e).into()))))?
                }
                Atom::ExpOf(v) => {
                    let term = Poly::atom(Atom::Var(v.clone()), 1)
                        .mul(&Poly::constant(BigRational::from_integer((sign * e).into())))?;
                    out = out.add(&Frac::of(term))?;
                }
                _ => {
                    rest.insert(a.clone(), *e);
                }
            }
        }
    }
    let c = nc / dc;
    let rest = Frac {
        num: Poly(std::iter::once((rest_num, c)).collect()),
        den: Poly(std::iter::once((rest_den, BigRational::one())).collect()),
    };
    let unit = rest.num.as_constant().is_some_and(|k| k.is_one()) && rest.den.as_constant().is_some_and(|k| k.is_one());
    if !unit {
        out = out.add(&whole(&rest))?;
    }
    Ok(out)
}

/// The one term of a polynomial, if it has exactly one.
fn single(p: &Poly) -> Option<(&Monomial, &BigRational)> {
    let mut it = p.0.iter();
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// Whether `a` and `b` are the same fraction of polynomials.
pub(crate) fn same(a: &SExpr, b: &SExpr) -> Result<bool, Outside> {
    let (x, y) = (frac(a)?, frac(b)?);
    let difference = x.num.mul(&y.den)?.add(&y.num.mul(&x.den)?.neg())?;
    // The atoms that are never 0 may have negative powers: a difference is 0 exactly when every coefficient is.
    debug_assert!(difference.0.keys().all(|m| m.iter().all(|(a, e)| *e >= 0 || a.positive())));
    Ok(difference.is_zero())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::read::read_expr;

    fn same_text(a: &str, b: &str) -> bool {
        same(&read_expr(a).unwrap(), &read_expr(b).unwrap()).unwrap()
    }

    #[test]
    fn identities_and_their_controls() {
        assert!(same_text(r"\frac{e^{x}}{e^{x} + e^{0}}", r"\frac{1}{1 + e^{-x}}"));
        assert!(same_text(r"\ln(2 e^{x})", r"\ln 2 + x"));
        assert!(same_text(r"(x + 1)^2", r"x^2 + 2x + 1"));
        assert!(same_text(r"e^{x + y}", r"e^{x} e^{y}"));
        assert!(same_text(r"\ln(e^{x}/e^{y})", r"x - y"));
        // Controls.
        assert!(!same_text(r"\frac{e^{x}}{e^{x} + 1}", r"\frac{1}{1 + e^{x}}"));
        assert!(!same_text(r"\ln(x y)", r"\ln x + \ln y"));
        assert!(!same_text(r"(x + 1)^2", r"x^2 + 1"));
        assert!(!same_text(r"e^{x^2}", r"e^{x}e^{x}"));
    }
}
