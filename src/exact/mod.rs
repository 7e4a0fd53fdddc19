//! The exact decision procedure: is a formula equal to a target (say
//! $\partial S_i/\partial a_j$) for **every** $N \ge 1$ and **every** real $a$?
//!
//! With $x_k = e^{a_k}$ and $Z = \sum_k x_k$, a formula built from $S_i = x_i/Z$,
//! $S_j$, $e^{\text{(rational combination of } a_i, a_j, \ln Z\text{, constant)}}$,
//! $Z$, $N$, $\delta_{ij}$, rational literals, $+ - \times \div$ and
//! rational powers is a fraction of generalised polynomials in
//! $(x_i, x_j, Z, N, e, a_i, a_j, \ln Z)$ (and $\kappa$, $e^{\kappa}$ for a
//! free constant, below) in each of four cases:
//!
//! | case | variables | constraint |
//! |---|---|---|
//! | $i = j$, $N = 1$ | $x_i$, $a_i$ | $Z = x_i$, $\ln Z = a_i$ |
//! | $i = j$, $N \ge 2$ | $x_i$, $Z$, $N$, $a_i$, $\ln Z$ | $0 < x_i < Z$: open |
//! | $i \ne j$, $N = 2$ | $x_i$, $x_j$, $a_i$, $a_j$, $\ln Z$ | $Z = x_i + x_j$ |
//! | $i \ne j$, $N \ge 3$ | all | $Z > x_i + x_j$: open |
//!
//! Differentiation follows one axiom, $\partial Z/\partial a_j = x_j$ for
//! $1 \le j \le N$, with $\partial x_k/\partial a_j = \delta_{kj}x_k$,
//! $\partial N/\partial a_j = 0$ (consistent with both small-$N$ substitutions).
//!
//! **Why a zero numerator is a proof, and a non-zero one a refutation.** In
//! each case the remaining variables range over an open set (times infinitely
//! many integers $N$); distinct monomials with rational exponents are then
//! linearly independent functions; $a_i = \ln x_i$ and $\ln Z$ are
//! algebraically independent of the $x$'s (Ax's theorem), and $e$ is
//! transcendental (Lindemann–Weierstrass: $e^{r}$ for distinct rationals $r$
//! are linearly independent over the algebraic numbers). So the difference of
//! two formulas vanishes everywhere in a case iff its numerator is the zero
//! polynomial. A non-zero numerator is refuted at a concrete rational point
//! $a$, where it becomes a non-zero polynomial in $e$ alone: an exact certificate.
//!
//! **A free constant.** A formula may hold a real constant $\kappa$ (a shift
//! $a_k + \kappa$ of every logit, [`crate::expr::Sym::Shift`]), claimed for
//! every real $\kappa$. It adds two variables, $\kappa$ (real, like $a_i$)
//! and $e^{\kappa}$ (positive, like $x_i = e^{a_i}$): `exp` of a linear form
//! with a $\kappa$ term gives a power of $e^{\kappa}$, `ln` of a power of
//! $e^{\kappa}$ a multiple of $\kappa$, and $\partial\kappa/\partial a_j = 0$.
//! $\kappa$ ranges over all of $\mathbb R$ independently of the logits, and
//! the functions $\kappa^m e^{r\kappa}$ for distinct $(m, r)$ are linearly
//! independent (as $a_i^m x_i^r$ are), so the argument above holds unchanged:
//! a polynomial in $\kappa$ and $e^{\kappa}$ (with coefficients in the
//! other variables) is zero as a function exactly when its coefficients are.
//! Witnesses give $\kappa$ a value too: an integer at the exact candidates
//! ($e^{\kappa}$ is then a power of $e$), a small dyadic in the interval search.
//!
//! **Definedness is part of the claim.** Every division records its divisor,
//! every `ln` and `sqrt` its argument; a divisor that is identically 0 in a
//! case, or that vanishes at a point found by the same exact evaluation, makes
//! the formula undefined at a valid input: refuted there. A divisor is proved
//! non-zero when, after $Z = x_i + W$ (and $+ x_j$), $N = N_0 + M$, all its
//! coefficients have one sign.
//!
//! Outside this fragment (an `exp` of a non-linear argument, `ln` of a sum,
//! a non-integer power of a sum, …) the procedure says so, and the numeric
//! layer ([`crate::decide`]) takes over.

mod domain;
pub mod poly;
mod roots;
mod search;
pub mod sign;
mod sums;
mod witness;
mod zeros;

use crate::expr::{BinOp, Except, Expr, Func, Sym};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::{BigRational, Rational64};
use num_traits::{CheckedMul, One, Signed, ToPrimitive, Zero};
use poly::{Frac, Mono, Poly, TooLarge, Var, NVARS, VARS};
use serde::Serialize;
pub use witness::{Shown, Witness};

/// One of the four cases of the procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Case {
    /// $i = j$, $N = 1$.
    #[serde(rename = "i = j, N = 1")]
    DiagonalOne,
    /// $i = j$, $N \ge 2$.
    #[serde(rename = "i = j, N >= 2")]
    DiagonalMany,
    /// $i \ne j$, $N = 2$.
    #[serde(rename = "i != j, N = 2")]
    OffDiagonalTwo,
    /// $i \ne j$, $N \ge 3$.
    #[serde(rename = "i != j, N >= 3")]
    OffDiagonalMany,
}

impl Case {
    /// Every case.
    pub const ALL: [Case; 4] = [Case::DiagonalOne, Case::DiagonalMany, Case::OffDiagonalTwo, Case::OffDiagonalMany];

    /// Whether $i = j$.
    pub fn diagonal(self) -> bool {
        matches!(self, Case::DiagonalOne | Case::DiagonalMany)
    }

    /// The smallest $N$ of the case.
    pub fn min_n(self) -> usize {
        match self {
            Case::DiagonalOne => 1,
            Case::DiagonalMany | Case::OffDiagonalTwo => 2,
            Case::OffDiagonalMany => 3,
        }
    }

    /// The entry a witness of the case is at, 0-based: $(0, 0)$ on the
    /// diagonal, $(0, 1)$ off it.
    pub fn entry(self) -> (usize, usize) {
        (0, usize::from(!self.diagonal()))
    }

    /// Whether $N$ is fixed (1 or 2) in this case.
    pub fn fixed_n(self) -> bool {
        matches!(self, Case::DiagonalOne | Case::OffDiagonalTwo)
    }

    /// `i = j, N = 1`, …
    pub fn label(self) -> &'static str {
        match self {
            Case::DiagonalOne => "i = j, N = 1",
            Case::DiagonalMany => "i = j, N ≥ 2",
            Case::OffDiagonalTwo => "i ≠ j, N = 2",
            Case::OffDiagonalMany => "i ≠ j, N ≥ 3",
        }
    }
}

/// Why the exact layer does not apply to a formula.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outside(pub String);

/// Whether the reason a formula left the exact layer is a budget (it is in
/// the fragment, and its difference may be non-zero below anything numeric
/// agreement sees), not its shape.
pub fn over_budget(why: &str) -> bool {
    why.starts_with("too large")
}

impl From<TooLarge> for Outside {
    fn from(_: TooLarge) -> Outside {
        Outside("too large to expand exactly: past the budget of terms, coefficient size or work".to_string())
    }
}

fn outside<T>(why: impl Into<String>) -> Result<T, Outside> {
    Err(Outside(why.into()))
}

/// What a formula needs to be defined.
#[derive(Clone, Debug)]
pub enum Obligation {
    /// A divisor (or the base of a power $\le 0$) must not vanish: its
    /// normal form, what it is, and the expression as written (for the
    /// search of a zero in interval arithmetic).
    NonZero(Poly, String, Expr),
    /// Undefined at every input of the case (`ln` of a negative constant, no `cases` branch, …).
    Never(String),
}

/// What a decision assumes beyond the logits, and how it reads them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The labels sum to 1 ($\sum_k y_k = 1$: a distribution, a one-hot
    /// vector): a hypothesis the post states, used by substitution
    /// ($Y = 1$; $y_i = 1$ at $N = 1$; $y_j = 1 - y_i$ at $N = 2$), and every
    /// witness has labels that satisfy it.
    pub labels_sum_to_one: bool,
    /// The labels are one-hot at the entry's $i$ ($y = e_i$: $i$ is the
    /// class, as `c` in $L = -\ln S_c$): $y_i = 1$, $y_j = \delta_{ij}$,
    /// $\sum_k y_k^{p} f(a_k) = f(a_i)$ for $p \ge 1$; every witness has
    /// $y = e_i$. Set with [`Frame::labels_sum_to_one`], which it implies.
    pub labels_one_hot: bool,
    /// The logits are read at the temperature $T$: the variables $a_i$,
    /// $x_i$, $Z$ … are those of $b = a/T$ ($x_i = e^{a_i/T}$,
    /// $Z = \sum_k e^{a_k/T}$), $a_i = T b_i$ and
    /// $\partial/\partial a_j = T^{-1}\,\partial/\partial b_j$. Chosen by
    /// [`decide_in`] when a formula has $e^{a_i/T}$; the untempered $S_i$,
    /// $Z$ have no form there.
    pub(crate) tempered: bool,
    /// What the formulas decided are written with: an input states their
    /// labels and temperature even where the difference has none (a label
    /// the hypothesis fixes, one that cancels), so that the values shown
    /// are those of a valid input.
    pub(crate) written: Written,
}

/// Whether the formulas of a decision have labels, a temperature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Written {
    pub labels: bool,
    pub temperature: bool,
}

impl Written {
    fn of(exprs: &[&Expr]) -> Written {
        let any = |f: &dyn Fn(Sym) -> bool| exprs.iter().any(|e| e.any_sym(f));
        Written { labels: exprs.iter().any(|e| e.has_labels()), temperature: any(&|s| s == Sym::T) }
    }
}

/// Which summation index a summand's $a_k$, $y_k$, $S_k$ are at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AtK {
    /// Outside any sum: they are unread there.
    Nowhere,
    /// Inside a sum over a free $k$: the variables [`Var::Xk`], [`Var::Ak`], [`Var::Yk`].
    Free,
    /// At $k = i$ (a sum written out at $N = 1$ or $2$).
    I,
    /// At $k = j$.
    J,
}

/// Builds the normal form of expressions in one case.
struct Normalizer {
    case: Case,
    diagonal: bool,
    frame: Frame,
    at_k: AtK,
    obligations: Vec<Obligation>,
}

fn frac_var(v: Var) -> Frac {
    Frac::poly(Poly::var(v))
}

fn int(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

impl Normalizer {
    fn new(case: Case, frame: Frame) -> Normalizer {
        Normalizer { case, diagonal: case.diagonal(), frame, at_k: AtK::Nowhere, obligations: Vec::new() }
    }

    fn xj(&self) -> Var {
        if self.diagonal {
            Var::Xi
        } else {
            Var::Xj
        }
    }

    fn aj(&self) -> Var {
        if self.diagonal {
            Var::Ai
        } else {
            Var::Aj
        }
    }

    /// A logit's variable: $T b$ at a temperature, else itself.
    fn logit(&self, v: Var) -> Result<Frac, Outside> {
        if self.frame.tempered {
            Ok(frac_var(Var::T).mul(&frac_var(v))?)
        } else {
            Ok(frac_var(v))
        }
    }

    /// $y_i$: 1 when the labels are $e_i$, or when $N = 1$ and they sum to 1.
    fn label_i(&self) -> Frac {
        if self.frame.labels_one_hot || (self.frame.labels_sum_to_one && self.case == Case::DiagonalOne) {
            Frac::constant(int(1))
        } else {
            frac_var(Var::Yi)
        }
    }

    /// $y_j$: $y_i$ on the diagonal, 0 off it when the labels are $e_i$,
    /// $1 - y_i$ when $N = 2$ and they sum to 1.
    fn label_j(&self) -> Result<Frac, Outside> {
        if self.diagonal {
            return Ok(self.label_i());
        }
        if self.frame.labels_one_hot {
            return Ok(Frac::constant(int(0)));
        }
        if self.frame.labels_sum_to_one && self.case == Case::OffDiagonalTwo {
            return Ok(Frac::constant(int(1)).sub(&frac_var(Var::Yi))?);
        }
        Ok(frac_var(Var::Yj))
    }

    fn sym(&mut self, s: Sym) -> Result<Frac, Outside> {
        let untempered =
            matches!(s, Sym::Si | Sym::Sj | Sym::Z | Sym::Hi | Sym::Gi | Sym::GPrime | Sym::HPrime | Sym::DjSi);
        if self.frame.tempered && untempered {
            return outside(format!(
                "{} beside e^{{a/T}}: the softmax without temperature has no form in the tempered logits",
                s.name()
            ));
        }
        if s.at_k() {
            return self.at_index(s);
        }
        let z = frac_var(Var::Z);
        Ok(match s {
            Sym::Si => frac_var(Var::Xi).div(&z)?,
            Sym::Sj => frac_var(self.xj()).div(&z)?,
            Sym::Ai => self.logit(Var::Ai)?,
            Sym::Aj => self.logit(self.aj())?,
            Sym::Delta => Frac::constant(int(i64::from(self.diagonal))),
            Sym::N => frac_var(Var::N),
            Sym::Z | Sym::Hi => z,
            Sym::Gi => frac_var(Var::Xi),
            Sym::GPrime => self.derivative(&frac_var(Var::Xi))?,
            Sym::HPrime => self.derivative(&z)?,
            Sym::DjSi => self.derivative(&frac_var(Var::Xi).div(&z)?)?,
            Sym::Shift => frac_var(Var::Shift),
            Sym::Yi => self.label_i(),
            Sym::Yj => self.label_j()?,
            Sym::T => frac_var(Var::T),
            Sym::Ak | Sym::Yk | Sym::Sk => unreachable!("handled by at_index"),
        })
    }

    /// $a_k$, $y_k$, $S_k$ where the summation index is.
    fn at_index(&mut self, s: Sym) -> Result<Frac, Outside> {
        let (a, y, sm) =
            match self.at_k {
                AtK::Nowhere => return outside(format!("{} outside a sum over k", s.name())),
                AtK::I => (Sym::Ai, Sym::Yi, Sym::Si),
                AtK::J => (Sym::Aj, Sym::Yj, Sym::Sj),
                AtK::Free => {
                    return Ok(match s {
                        Sym::Ak => self.logit(Var::Ak)?,
                        Sym::Yk => frac_var(Var::Yk),
                        _ if self.frame.tempered => return outside(
                            "S_k beside e^{a/T}: the softmax without temperature has no form in the tempered logits",
                        ),
                        _ => frac_var(Var::Xk).div(&frac_var(Var::Z))?,
                    })
                }
            };
        self.sym(match s {
            Sym::Ak => a,
            Sym::Yk => y,
            _ => sm,
        })
    }

    /// $\sum_k$ of `body` (without the term `except`): written out term by
    /// term when $N$ is 1 or 2; else in the sum variables ([`sums`]).
    fn sum(&mut self, body: &Expr, except: Option<Except>) -> Result<Frac, Outside> {
        if self.at_k != AtK::Nowhere {
            return outside("a sum inside a sum");
        }
        // On the diagonal, k ≠ j is k ≠ i.
        let left_out = except.map(|e| if self.diagonal || e == Except::I { AtK::I } else { AtK::J });
        let written = if self.case.fixed_n() { self.written_terms()? } else { Vec::new() };
        let before = self.obligations.len();
        let summand = self.at(body, AtK::Free)?;
        if self.case.fixed_n() {
            // Written out, the summand must be defined at each term written (in its own
            // variables), not for a free k.
            self.obligations.truncate(before);
            let indices: &[AtK] = if self.diagonal { &[AtK::I] } else { &[AtK::I, AtK::J] };
            for &k in indices.iter().filter(|k| Some(**k) != left_out) {
                self.at(body, k)?;
            }
        }
        let whole = sums::over_k(&summand, self.frame, &written)?;
        let result = match left_out {
            Some(k) => {
                // The term left out is subtracted, not claimed: what it needs to be defined is not asked.
                let kept = self.obligations.len();
                let term = self.at(body, k);
                self.obligations.truncate(kept);
                term.and_then(|term| Ok(whole.sub(&term)?))
            }
            None => Ok(whole),
        };
        self.at_k = AtK::Nowhere;
        result
    }

    /// The terms of a sum when $N$ is 1 ($k = i$) or 2 ($k = i, j$).
    fn written_terms(&self) -> Result<Vec<sums::Written>, Outside> {
        let i = sums::Written { x: Var::Xi, a: Var::Ai, y: self.label_i().num };
        if self.diagonal {
            return Ok(vec![i]);
        }
        Ok(vec![i, sums::Written { x: Var::Xj, a: Var::Aj, y: self.label_j()?.num }])
    }

    /// `body` with the summation index at `k`.
    fn at(&mut self, body: &Expr, k: AtK) -> Result<Frac, Outside> {
        self.at_k = k;
        let value = self.normal(body);
        self.at_k = AtK::Nowhere;
        value
    }

    fn normal(&mut self, e: &Expr) -> Result<Frac, Outside> {
        Ok(match e {
            Expr::Num(r) => Frac::constant(r.clone()),
            Expr::Sym(s) => self.sym(*s)?,
            Expr::Neg(x) => self.normal(x)?.neg(),
            Expr::Bin(BinOp::Add, x, y) => self.normal(x)?.add(&self.normal(y)?)?,
            Expr::Bin(BinOp::Sub, x, y) => self.normal(x)?.sub(&self.normal(y)?)?,
            Expr::Bin(BinOp::Mul, x, y) => self.normal(x)?.mul(&self.normal(y)?)?,
            Expr::Bin(BinOp::Div, x, y) => {
                let (x, y_form) = (self.normal(x)?, self.normal(y)?);
                self.divide(&x, &y_form, "a denominator", y)?
            }
            Expr::Bin(BinOp::Pow, x, y) => {
                let base = self.normal(x)?;
                match self.normal(y)?.as_constant() {
                    Some(k) => self.power(&base, &k, x)?,
                    None => self.variable_power(&base, x, y)?,
                }
            }
            Expr::Call(Func::Exp, x) => {
                let arg = self.normal(x)?;
                self.exp(&arg)?
            }
            Expr::Call(Func::Ln, x) => {
                let arg = self.normal(x)?;
                self.ln(&arg)?
            }
            Expr::Call(f @ (Func::Sigmoid | Func::Tanh), x) => {
                let definition = f.definition(x).ok_or_else(|| Outside("no definition".into()))?;
                self.normal(&definition)?
            }
            Expr::Call(Func::Sqrt, x) => {
                let arg = self.normal(x)?;
                self.power(&arg, &BigRational::new(BigInt::from(1), BigInt::from(2)), x)?
            }
            Expr::Diff(x) => {
                let inner = self.normal(x)?;
                self.derivative(&inner)?
            }
            Expr::Cases(branches) => match Expr::branch(branches, self.diagonal) {
                Some(b) => self.normal(b)?,
                None => {
                    let which = if self.diagonal { "i = j" } else { "i ≠ j" };
                    self.obligations.push(Obligation::Never(format!("the cases give no value for {which}")));
                    Frac::constant(int(0))
                }
            },
            Expr::Sum(body, except) => self.sum(body, *except)?,
        })
    }

    fn divide(&mut self, x: &Frac, y: &Frac, what: &str, source: &Expr) -> Result<Frac, Outside> {
        if y.num.is_zero() {
            self.obligations.push(Obligation::Never(format!("{what} is 0")));
            return Ok(Frac::constant(int(0)));
        }
        self.obligations.push(Obligation::NonZero(y.num.clone(), what.to_string(), source.clone()));
        Ok(x.div(y)?)
    }

    /// $x^k$ for a rational constant $k$ (`source`: the base as written).
    ///
    /// Domains: a power $k \le 0$ needs $x \ne 0$ (an obligation); a
    /// fractional power is taken of a positive monomial only, of 0 when
    /// $k > 0$, and is undefined for a negative constant or for 0 with $k < 0$.
    fn power(&mut self, base: &Frac, k: &BigRational, source: &Expr) -> Result<Frac, Outside> {
        if base.num.is_zero() {
            if k.is_positive() {
                return Ok(Frac::constant(int(0)));
            }
            self.obligations.push(Obligation::Never("0 to a power ≤ 0".to_string()));
            return Ok(Frac::constant(int(0)));
        }
        if k.is_integer() {
            let Some(k) = k.to_integer().to_i64() else {
                return outside("too large: an integer power to expand");
            };
            if k <= 0 {
                let what = "the base of a power ≤ 0".to_string();
                self.obligations.push(Obligation::NonZero(base.num.clone(), what, source.clone()));
            }
            return Ok(base.pow(k)?);
        }
        // A fractional power: only of a positive monomial c·m with c^k rational.
        let (Some((m_num, c_num)), Some((m_den, c_den))) = (base.num.as_term(), base.den.as_term()) else {
            return outside("a fractional power of a sum");
        };
        if !in_positive_variables(&m_num, &m_den) {
            return outside("a fractional power of a_i, a_j or ln Z");
        }
        let c = c_num / c_den;
        if c.is_negative() {
            self.obligations
                .push(Obligation::Never("an even root (or fractional power) of a negative quantity".into()));
            return Ok(Frac::constant(int(0)));
        }
        let Some(root) = rational_power(&c, k) else {
            return outside("a fractional power of a constant that is not a perfect power (or too large)");
        };
        let k64 = to_rational64(k)?;
        let mut m = [Rational64::zero(); NVARS];
        for v in 0..NVARS {
            let e = (m_num[v] - m_den[v]).checked_mul(&k64).ok_or(TooLarge)?;
            if v == Var::N as usize && !e.is_integer() {
                return outside("a fractional power of N");
            }
            m[v] = e;
        }
        Ok(Frac::poly(Poly::int(1).mul_mono(&m)?.scale(&root)))
    }

    /// $x^y$ for an exponent $y$ that is not a constant.
    ///
    /// A constant base stays a power ([`constant_to_variable_power`]); a
    /// positive monomial base becomes $e^{y \ln x}$. Anything else
    /// ($(x_i - 1)^{a_i}$, $S_i^N$ …) is outside the fragment — never read
    /// through the $\ln$ of a quantity that may be negative.
    fn variable_power(&mut self, base: &Frac, x: &Expr, y: &Expr) -> Result<Frac, Outside> {
        let exponent = self.normal(y)?;
        if let Some(c) = base.as_constant() {
            return constant_to_variable_power(&c, &exponent);
        }
        let positive_monomial = match (base.num.as_term(), base.den.as_term()) {
            (Some((m, c)), Some((d, e))) => (c / e).is_positive() && in_positive_variables(&m, &d),
            _ => false,
        };
        if !positive_monomial {
            return outside("a power with a variable exponent of a base not proved positive");
        }
        // x^y = e^{y ln x}, x > 0.
        self.normal(&Expr::call(Func::Exp, Expr::bin(BinOp::Mul, y.clone(), Expr::call(Func::Ln, x.clone()))))
    }

    /// $e^{u}$ for $u$ a rational combination of $a_i$, $a_j$, $\ln Z$,
    /// $\kappa$ and a constant: a monomial in $x_i$, $x_j$, $Z$, $e^{\kappa}$ and $e$.
    fn exp(&mut self, u: &Frac) -> Result<Frac, Outside> {
        let Some(den) = u.den.as_constant() else {
            return outside("exp of a non-linear argument");
        };
        let mut m: Mono = [Rational64::zero(); NVARS];
        for (mono, c) in u.num.terms() {
            let c = to_rational64(&(c / &den))?;
            let nonzero: Vec<usize> = (0..NVARS).filter(|v| !mono[*v].is_zero()).collect();
            let target = match nonzero.as_slice() {
                [] => Var::E,
                [v] if mono[*v].is_one() && *v == Var::Ai as usize => Var::Xi,
                [v] if mono[*v].is_one() && *v == Var::Aj as usize => Var::Xj,
                [v] if mono[*v].is_one() && *v == Var::LnZ as usize => Var::Z,
                [v] if mono[*v].is_one() && *v == Var::Shift as usize => Var::ExpShift,
                [v] if mono[*v].is_one() && *v == Var::Ak as usize => Var::Xk,
                _ => return outside("exp of a non-linear argument"),
            };
            m[target as usize] = c;
        }
        if !m[Var::N as usize].is_zero() {
            return outside("exp of a non-linear argument");
        }
        Ok(Frac::poly(Poly::int(1).mul_mono(&m)?))
    }

    /// $\ln u$ for $u$ a positive monomial: a rational combination of $a_i$, $a_j$, $\ln Z$, $\kappa$.
    fn ln(&mut self, u: &Frac) -> Result<Frac, Outside> {
        let (Some((m_num, c_num)), Some((m_den, c_den))) = (u.num.as_term(), u.den.as_term()) else {
            if u.num.is_zero() {
                self.obligations.push(Obligation::Never("ln of 0".into()));
                return Ok(Frac::constant(int(0)));
            }
            return outside("ln of a sum");
        };
        let c = c_num / c_den;
        if !c.is_positive() {
            self.obligations.push(Obligation::Never("ln of a negative quantity".into()));
            return Ok(Frac::constant(int(0)));
        }
        if !c.is_one() {
            return outside("ln of a constant other than 1 (a transcendental constant)");
        }
        let mut result = Poly::zero();
        for v in VARS {
            let e = m_num[v as usize] - m_den[v as usize];
            if e.is_zero() {
                continue;
            }
            let log = match v {
                Var::Xi => Poly::var(Var::Ai),
                Var::Xj => Poly::var(Var::Aj),
                Var::Z => Poly::var(Var::LnZ),
                Var::E => Poly::int(1),
                Var::ExpShift => Poly::var(Var::Shift),
                Var::Xk => Poly::var(Var::Ak),
                _ => return outside("ln of N, a_i, a_j, ln Z, c, a label, a sum or the temperature"),
            };
            result = result.add(&log.scale(&BigRational::new(BigInt::from(*e.numer()), BigInt::from(*e.denom()))));
        }
        Ok(Frac::poly(result))
    }

    /// $\partial/\partial a_j$ of a fraction.
    fn derivative(&self, f: &Frac) -> Result<Frac, Outside> {
        let (dn, dd) = (self.derivative_poly(&f.num)?, self.derivative_poly(&f.den)?);
        let num = dn.mul(&f.den)?.sub(&f.num.mul(&dd)?);
        Ok(Frac { num, den: f.den.mul(&f.den)? }.add(&Frac::constant(int(0)))?)
    }

    fn derivative_poly(&self, p: &Poly) -> Result<Poly, Outside> {
        let delta = int(i64::from(self.diagonal));
        let xj = self.xj();
        let yj = if self.diagonal { Var::Yi } else { Var::Yj };
        let inverse = |v: Var| Poly::var_pow(v, -Rational64::one());
        let mut out = Poly::zero();
        for (m, c) in p.terms() {
            let term = Poly::int(1).mul_mono(m)?.scale(c);
            for v in VARS {
                let e = m[v as usize];
                if e.is_zero() {
                    continue;
                }
                let e_q = BigRational::new(BigInt::from(*e.numer()), BigInt::from(*e.denom()));
                // ∂(v^e)/∂a_j / v^e ... expressed as a multiplier of the whole term.
                let factor = match v {
                    Var::Xi => Poly::constant(delta.clone()),
                    Var::Xj => Poly::int(1),
                    Var::Z => Poly::var(xj).mul(&Poly::var_pow(Var::Z, -Rational64::one()))?,
                    // N, e and the constant κ do not move with a_j.
                    Var::N | Var::E | Var::ExpShift | Var::Shift => continue,
                    Var::Ai => Poly::constant(delta.clone()).mul(&Poly::var_pow(Var::Ai, -Rational64::one()))?,
                    Var::Aj => Poly::var_pow(Var::Aj, -Rational64::one()),
                    Var::LnZ => Poly::var(xj)
                        .mul(&Poly::var_pow(Var::Z, -Rational64::one()))?
                        .mul(&Poly::var_pow(Var::LnZ, -Rational64::one()))?,
                    // Labels and the temperature do not move with a_j.
                    Var::Yi | Var::Yj | Var::Y | Var::T => continue,
                    // ∂/∂a_j Σ_k f(a_k) = f'(a_j).
                    Var::Ya => Poly::var(yj).mul(&inverse(Var::Ya))?,
                    Var::Yx => Poly::var(yj).mul(&Poly::var(xj))?.mul(&inverse(Var::Yx))?,
                    Var::Sa => inverse(Var::Sa),
                    Var::P2 => Poly::var_pow(xj, Rational64::from_integer(2)).mul(&inverse(Var::P2))?.scale(&int(2)),
                    Var::Xk | Var::Ak | Var::Yk => return outside("the summation index outside its sum"),
                };
                out = out.add(&term.mul(&factor)?.scale(&e_q));
            }
        }
        // ∂/∂a_j = T^{-1} ∂/∂b_j in the tempered logits b = a/T.
        if self.frame.tempered {
            out = out.mul(&inverse(Var::T))?;
        }
        Ok(out)
    }
}

fn to_rational64(q: &BigRational) -> Result<Rational64, Outside> {
    match (q.numer().to_i64(), q.denom().to_i64()) {
        (Some(n), Some(d)) if n.abs() < 1 << 24 && d < 1 << 24 => Ok(Rational64::new(n, d)),
        _ => outside("too large: an exponent for exact treatment"),
    }
}

/// Whether the monomial quotient `num / den` has only positive variables
/// ($x_i$, $x_j$, $Z$, $N$, $e$): never 0, any rational power defined.
fn in_positive_variables(num: &Mono, den: &Mono) -> bool {
    VARS.iter().all(|v| v.positive() || num[*v as usize].is_zero() && den[*v as usize].is_zero())
}

/// $c^y$ for a rational constant $c$ and an exponent $y$ that is not constant.
///
/// $1^y = 1$; $0^y = 0$ when $y$ is a polynomial in $N$ alone, positive for
/// every $N \ge 1$ (one-signed positive coefficients in $N = 1 + M$);
/// $(-1)^{p(N)} = \pm 1$ when $p$ is a polynomial in $N$ alone with integer
/// coefficients whose parity does not depend on $N$: $N^k \equiv N \pmod 2$,
/// so $p(N) \equiv p_0 + N\sum_{k \ge 1} p_k$. Other constants to a variable
/// power ($2^N$, $(-2)^N$, $2^{a_i}$ with its transcendental $\ln 2$) are
/// outside the fragment.
fn constant_to_variable_power(c: &BigRational, y: &Frac) -> Result<Frac, Outside> {
    if c.is_one() {
        return Ok(Frac::constant(int(1)));
    }
    let only_n = y.den.as_constant().is_some_and(|d| !d.is_zero())
        && VARS.iter().all(|v| *v == Var::N || !y.num.has(*v))
        && y.num.terms().all(|(m, _)| m[Var::N as usize].is_integer() && !m[Var::N as usize].is_negative());
    if c.is_zero() {
        // Positive for every N ≥ 1: one-signed positive after N = 1 + M.
        let d = y.den.as_constant().unwrap_or_else(|| int(1));
        let positive = only_n && positive_for_n_at_least(&y.num, 1) == Some(d.is_positive());
        return if positive { Ok(Frac::constant(int(0))) } else { outside("0 to a power that may be ≤ 0") };
    }
    if (-c.clone()).is_one() && only_n {
        let d = y.den.as_constant().unwrap_or_else(|| int(1));
        let integer_coefficients = y.num.terms().all(|(_, k)| (k / &d).is_integer());
        if integer_coefficients {
            let mut p0 = BigInt::zero();
            let mut rest = BigInt::zero();
            for (m, k) in y.num.terms() {
                let k = (k / &d).to_integer();
                if m[Var::N as usize].is_zero() {
                    p0 += k;
                } else {
                    rest += k;
                }
            }
            if rest.is_even() {
                return Ok(Frac::constant(int(if p0.is_even() { 1 } else { -1 })));
            }
            return outside("(-1) to a power whose parity changes with N");
        }
    }
    outside("a constant other than 0 and ±1 to a power that is not constant")
}

/// The sign of a polynomial in $N$ alone for every integer $N \ge n_0$, when
/// its coefficients after $N = n_0 + M$ have one sign (`Some(true)`: positive).
fn positive_for_n_at_least(p: &Poly, n0: i64) -> Option<bool> {
    let shifted = p
        .map_monomials(|m| {
            let k = u32::try_from(m[Var::N as usize].to_integer()).map_err(|_| TooLarge)?;
            Poly::int(n0).add(&Poly::var(Var::N)).pow(k)
        })
        .ok()?;
    let constant_term = shifted.terms().any(|(m, _)| m[Var::N as usize].is_zero());
    shifted.one_signed().filter(|_| constant_term)
}

/// $c^k$ for $c > 0$ rational and $k = p/q$, when it is rational (and within
/// the coefficient budget).
fn rational_power(c: &BigRational, k: &BigRational) -> Option<BigRational> {
    let q = k.denom().to_u32()?;
    let p = k.numer().to_i32()?;
    if q > 64
        || u64::from(p.unsigned_abs()).saturating_mul(poly::bits(c)) > 2 * poly::MAX_COEFFICIENT_BITS * u64::from(q)
    {
        return None;
    }
    let root = |n: &BigInt| {
        let r = n.nth_root(q);
        (num_traits::pow(r.clone(), q as usize) == *n).then_some(r)
    };
    let base = BigRational::new(root(c.numer())?, root(c.denom())?);
    let magnitude = num_traits::pow(base, p.unsigned_abs() as usize);
    Some(if p < 0 { BigRational::one() / magnitude } else { magnitude })
}

/// The normal form of `e` in a case, with what it needs to be defined.
///
/// # Errors
/// [`Outside`] when the formula leaves the exact fragment.
pub fn normal_form(e: &Expr, case: Case) -> Result<(Frac, Vec<Obligation>), Outside> {
    normal_form_in(e, case, Frame::default())
}

/// [`normal_form`] in a [`Frame`].
///
/// # Errors
/// [`Outside`] when the formula leaves the exact fragment.
pub fn normal_form_in(e: &Expr, case: Case, frame: Frame) -> Result<(Frac, Vec<Obligation>), Outside> {
    let mut n = Normalizer::new(case, frame);
    let f = n.normal(e)?;
    Ok((f, n.obligations))
}

/// A polynomial with the case's constraints applied: $N = 1$, $Z = x_i$,
/// $\ln Z = a_i$ for $i = j$, $N = 1$; $N = 2$, $Z = x_i + x_j$ for $i \ne j$,
/// $N = 2$; unchanged in the two open cases. Negative powers of $Z$ are
/// cleared first (a non-zero factor does not change whether it vanishes).
///
/// # Errors
/// [`Outside`] for a fractional power of $Z$ in the case $N = 2$.
pub fn in_case(p: &Poly, case: Case) -> Result<Poly, Outside> {
    if !case.fixed_n() {
        return Ok(p.clone());
    }
    let shift = -p.min_exponent(Var::Z);
    let p = p.mul(&Poly::var_pow(Var::Z, shift))?;
    p.map_monomials(|m| {
        let mut rest = *m;
        let (z, n, ln_z) = (m[Var::Z as usize], m[Var::N as usize], m[Var::LnZ as usize]);
        rest[Var::Z as usize] = Rational64::zero();
        rest[Var::N as usize] = Rational64::zero();
        rest[Var::LnZ as usize] = Rational64::zero();
        let n_value = if case == Case::DiagonalOne { 1 } else { 2 };
        let n_power = Frac::constant(int(n_value)).pow(n.to_integer())?.as_constant().unwrap_or_else(|| int(1));
        let z_poly = if case == Case::DiagonalOne {
            Poly::var_pow(Var::Xi, z)
        } else if z.is_integer() && !z.is_negative() {
            let k = u32::try_from(z.to_integer()).map_err(|_| TooLarge)?;
            Poly::var(Var::Xi).add(&Poly::var(Var::Xj)).pow(k)?
        } else {
            return outside("a fractional power of Z when N = 2");
        };
        let ln_z_poly = if case == Case::DiagonalOne {
            let k = u32::try_from(ln_z.to_integer()).map_err(|_| TooLarge)?;
            Poly::var(Var::Ai).pow(k)?
        } else {
            Poly::int(1).mul_mono(&{
                let mut only = [Rational64::zero(); NVARS];
                only[Var::LnZ as usize] = ln_z;
                only
            })?
        };
        Ok(Poly::int(1).mul_mono(&rest)?.mul(&z_poly)?.mul(&ln_z_poly)?.scale(&n_power))
    })
}

/// A fraction with the case's constraints applied to both parts (after one
/// common power of $Z$ clears every negative exponent).
fn frac_in_case(f: &Frac, case: Case) -> Result<Frac, Outside> {
    if !case.fixed_n() {
        return Ok(f.clone());
    }
    let shift = -f.num.min_exponent(Var::Z).min(f.den.min_exponent(Var::Z));
    let z = Poly::var_pow(Var::Z, shift);
    Ok(Frac { num: in_case(&f.num.mul(&z)?, case)?, den: in_case(&f.den.mul(&z)?, case)? }.normalized()?)
}

/// Whether a polynomial is proved non-zero on the whole case: after
/// $Z = x_i + W$ (plus $x_j$ off the diagonal) and $N = N_0 + M$, all its
/// coefficients have one sign and some term is free of $M$.
pub fn provably_nonzero(p: &Poly, case: Case) -> bool {
    // One-signed in positive variables alone (a monomial, a sum of squares
    // of them …): non-zero without any substitution or expansion.
    if !p.is_zero() && p.in_positive_variables() && p.one_signed().is_some() {
        return true;
    }
    let Some(p) = positive_form(p, case) else {
        return false;
    };
    let m_free = p.terms().any(|(mono, _)| mono[Var::N as usize].is_zero());
    !p.is_zero() && p.one_signed().is_some() && m_free
}

/// `p` in the case's positive variables: the case's constraints applied
/// ([`in_case`]) when $N$ is fixed; otherwise, once non-negative powers of
/// $Z$ and $N$ are made (by a positive monomial factor, which keeps the
/// sign), $Z = x_i + W$ ($+ x_j$ off the diagonal) and $N = N_0 + M$, with
/// $W = Z - x_i\,[- x_j] > 0$ in the slot of $Z$ and $M = N - N_0 \ge 0$ in
/// the slot of $N$. Every variable left is then $> 0$, but $M \ge 0$.
///
/// `None` when a variable that may be $\le 0$ ($a_i$, $a_j$, $\ln Z$) remains,
/// for a fractional power of $Z$ or $N$, or past the budget.
pub(crate) fn positive_form(p: &Poly, case: Case) -> Option<Poly> {
    let p = in_case(p, case).ok()?;
    if VARS.iter().any(|v| !v.positive() && p.has(*v)) {
        return None;
    }
    if case.fixed_n() {
        return Some(p);
    }
    (|| -> Result<Poly, TooLarge> {
        let p = p.mul(&Poly::var_pow(Var::Z, -p.min_exponent(Var::Z)))?;
        let p = p.mul(&Poly::var_pow(Var::N, -p.min_exponent(Var::N)))?;
        // W and M take the places of Z and N in the monomials.
        let lower = if case.diagonal() { Poly::var(Var::Xi) } else { Poly::var(Var::Xi).add(&Poly::var(Var::Xj)) };
        let w = Poly::var(Var::Z); // reused as W = Z − (x_i [+ x_j]) > 0
        let m = Poly::var(Var::N); // reused as M = N − N₀ ≥ 0
        let n0 = Poly::int(case.min_n() as i64);
        p.map_monomials(|mono| {
            let (z, n) = (mono[Var::Z as usize], mono[Var::N as usize]);
            if !z.is_integer() || !n.is_integer() {
                return Err(TooLarge);
            }
            let mut rest = *mono;
            rest[Var::Z as usize] = Rational64::zero();
            rest[Var::N as usize] = Rational64::zero();
            let zk = u32::try_from(z.to_integer()).map_err(|_| TooLarge)?;
            let nk = u32::try_from(n.to_integer()).map_err(|_| TooLarge)?;
            Poly::int(1).mul_mono(&rest)?.mul(&lower.add(&w).pow(zk)?)?.mul(&n0.add(&m).pow(nk)?)
        })
    })()
    .ok()
}

/// What the procedure found in one case.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "kebab-case", tag = "result")]
pub enum CaseResult {
    /// The difference is the zero polynomial and the formula is defined everywhere.
    Identity,
    /// The difference is not zero: shown in the case's variables.
    Residual {
        /// The difference, as a fraction of polynomials (huge coefficients abbreviated).
        residual: String,
        /// The same with every coefficient exactly, when an abbreviation was needed.
        #[serde(skip_serializing_if = "Option::is_none")]
        exact: Option<String>,
    },
    /// Undefined somewhere in the case.
    Undefined {
        /// Why.
        reason: String,
    },
    /// Equal wherever defined, but a divisor was neither proved non-zero nor found to vanish.
    EqualWhereDefined {
        /// The divisor in question.
        divisor: String,
    },
    /// A relation ([`sign`]): its difference $d$ in the case's positive
    /// variables and the sign its coefficients certify, if any.
    Signed {
        /// $d$ after the case's substitution, as `P / Q`.
        difference: String,
        /// The substitution and what the coefficients of $P$ and $Q$ show (or why they show nothing).
        certificate: String,
        /// Whether the certificate proves the relation in this case.
        holds: bool,
    },
}

/// The exact layer's account of one claim.
#[derive(Clone, Debug, Serialize)]
pub struct Proof {
    /// The fragment the formula was decided in.
    pub fragment: &'static str,
    /// One result per case in scope.
    pub cases: Vec<(Case, CaseResult)>,
    /// The difference claim − target in the first case where it is not zero.
    pub residual: Option<String>,
    /// The hypotheses the decision used ([`Frame`]), in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hypotheses: Vec<&'static str>,
}

/// The exact layer's conclusion.
#[derive(Clone, Debug)]
pub enum Exact {
    /// Equal in every case, defined everywhere.
    Proved(Proof),
    /// Not equal (or undefined) somewhere, with a certified input.
    Refuted(Proof, Witness),
    /// Decided neither way (definedness open, or no exact witness found).
    Open(Proof, String),
    /// Outside the fragment.
    Outside(String),
}

/// What one case gave: its result, a certified input where it fails, and a
/// divisor left open (neither proved non-zero nor found to vanish).
struct CaseOutcome {
    result: CaseResult,
    witness: Option<Witness>,
    open: Option<String>,
}

/// A formula defined in a case but for its open divisors.
pub(crate) struct Defined<'o> {
    /// Every divisor the obligations name.
    pub divisors: Vec<&'o Poly>,
    /// The first one neither proved non-zero nor found to vanish, shown.
    pub open: Option<String>,
}

/// Where a formula is undefined in a case: why, and a certified input there.
pub(crate) type Undefined = Box<(String, Witness)>;

/// Whether a formula with these `obligations` is defined in `case`.
pub(crate) fn definedness(obligations: &[Obligation], case: Case, frame: Frame) -> Result<Defined<'_>, Undefined> {
    let mut open = None;
    let mut divisors = Vec::new();
    for ob in obligations {
        let (divisor, what, source) = match ob {
            Obligation::Never(reason) => return Err(Box::new((reason.clone(), witness::simplest(case)))),
            Obligation::NonZero(p, what, source) => (p, what, source),
        };
        divisors.push(divisor);
        if provably_nonzero(divisor, case) {
            continue;
        }
        if in_case(divisor, case).is_ok_and(|p| p.is_zero()) {
            let reason = format!("{what} ({}) is 0 for every input", divisor.bounded());
            return Err(Box::new((reason, witness::simplest(case))));
        }
        let zero = witness::vanishing(divisor, case, frame).or_else(|| zeros::zero(divisor, case)).or_else(|| {
            if source.has_family() {
                None
            } else {
                search::divisor_zero(source, case)
            }
        });
        if let Some(w) = zero {
            return Err(Box::new((format!("{what} ({}) is 0 there", divisor.bounded()), w)));
        }
        open.get_or_insert(divisor.bounded());
    }
    Ok(Defined { divisors, open })
}

/// Decides `claim = target` in one case.
fn decide_case(claim: &Expr, target: &Expr, case: Case, frame: Frame) -> Result<CaseOutcome, Outside> {
    let (claim_form, mut obligations) = normal_form_in(claim, case, frame)?;
    let (target_form, target_obligations) = normal_form_in(target, case, frame)?;
    obligations.extend(target_obligations);
    let difference = claim_form.sub(&target_form)?;
    let undefined = |reason: String, w: Witness| {
        let mut w = witness::completed(w, frame);
        if frame.written.labels || frame.written.temperature {
            w.values = witness::undefined_values(&target_form, &w, frame);
        }
        CaseOutcome { witness: Some(w.undefined(&reason)), result: CaseResult::Undefined { reason }, open: None }
    };
    // Definedness first: an undefined formula is refuted whatever its value.
    let Defined { divisors, open } = match definedness(&obligations, case, frame) {
        Ok(defined) => defined,
        Err(undefined_there) => {
            let (reason, w) = *undefined_there;
            return Ok(undefined(reason, w));
        }
    };
    let numerator = in_case(&difference.num, case)?;
    if numerator.is_zero() {
        let result = match &open {
            Some(divisor) => CaseResult::EqualWhereDefined { divisor: divisor.clone() },
            None => CaseResult::Identity,
        };
        return Ok(CaseOutcome { result, witness: None, open });
    }
    let in_case_difference = frac_in_case(&difference, case).unwrap_or_else(|_| difference.clone());
    let residual = witness::factored(&in_case_difference, false);
    let exact = Some(witness::factored(&in_case_difference, true)).filter(|e| *e != residual);
    let n_degree = numerator.degree_span(Var::N).to_integer().to_usize().unwrap_or(usize::MAX);
    // The interval search sets logits alone.
    let searchable = !claim.has_family() && !target.has_family();
    // Only the exact layer can evaluate a formula with labels or a sum: its values come with the input.
    let shown = (!searchable).then_some((&claim_form, &target_form));
    let witness = match witness::nonzero(&difference, &divisors, case, frame, shown) {
        Some(w) => Some(w),
        None if searchable => search::nonzero(claim, target, case, n_degree),
        None => None,
    };
    Ok(CaseOutcome { result: CaseResult::Residual { residual, exact }, witness, open })
}

/// Decides `claim = target` in each case of `cases`: proved when every case
/// is an identity, refuted at the first case with a certified witness.
pub fn decide(claim: &Expr, target: &Expr, cases: &[Case]) -> Exact {
    decide_in(claim, target, cases, Frame::default())
}

/// [`decide`] under the hypotheses of `frame`; a formula with $e^{a_i/T}$ is
/// decided in the tempered logits (see [`Frame`]) when it is outside
/// the fragment in the plain ones.
pub fn decide_in(claim: &Expr, target: &Expr, cases: &[Case], frame: Frame) -> Exact {
    let frame = Frame { written: Written::of(&[claim, target]), ..frame };
    let plain = decide_framed(claim, target, cases, frame);
    let temperature = |e: &Expr| e.any_sym_is(Sym::T);
    match plain {
        Exact::Outside(why) if !frame.tempered && (temperature(claim) || temperature(target)) => {
            match decide_framed(claim, target, cases, Frame { tempered: true, ..frame }) {
                Exact::Outside(_) => Exact::Outside(why),
                tempered => tempered,
            }
        }
        other => other,
    }
}

fn decide_framed(claim: &Expr, target: &Expr, cases: &[Case], frame: Frame) -> Exact {
    poly::reset_work_budget();
    let mut outcomes = Vec::new();
    for &case in cases {
        match decide_case(claim, target, case, frame) {
            Ok(o) => outcomes.push((case, o)),
            Err(Outside(why)) => return outside_or_undefined(claim, target, cases, why),
        }
    }
    // The residual shown: an open case's first (N ≥ 2 or N ≥ 3 keeps the
    // variables; at N = 1 the difference is often a bare constant).
    let residual_of = |o: &CaseOutcome| match &o.result {
        CaseResult::Residual { residual, .. } => Some(residual.clone()),
        _ => None,
    };
    let residual = (outcomes.iter().filter(|(case, _)| !case.fixed_n()))
        .chain(outcomes.iter().filter(|(case, _)| case.fixed_n()))
        .find_map(|(_, o)| residual_of(o));
    let witness = outcomes.iter().find_map(|(_, o)| o.witness.clone());
    let unwitnessed =
        outcomes.iter().any(|(_, o)| matches!(o.result, CaseResult::Residual { .. }) && o.witness.is_none());
    let open = outcomes.iter().find_map(|(case, o)| o.open.clone().map(|d| (*case, d)));
    let mut p = proof(outcomes.into_iter().map(|(case, o)| (case, o.result)).collect(), residual);
    p.hypotheses = hypotheses(frame);
    match (witness, open) {
        (Some(w), _) => Exact::Refuted(p, w),
        (None, _) if unwitnessed => Exact::Open(
            p,
            "the exact difference is not 0, but the search found no input where it is certified non-zero within its budget"
                .into(),
        ),
        (None, Some((case, divisor))) => Exact::Open(
            p,
            format!("equal wherever defined; the divisor {divisor} was not proved non-zero for {}", case.label()),
        ),
        (None, None) => Exact::Proved(p),
    }
}

/// A formula outside the fragment: refuted where a part of it inside the
/// fragment makes it undefined ([`domain`]), else left to the numeric layer.
fn outside_or_undefined(claim: &Expr, target: &Expr, cases: &[Case], why: String) -> Exact {
    let undefined = cases.iter().find_map(|&case| {
        let found = domain::undefined_somewhere(claim, case).or_else(|| domain::undefined_somewhere(target, case));
        found.map(|(w, reason)| (case, w, reason))
    });
    match undefined {
        Some((case, w, reason)) => {
            let p = proof(vec![(case, CaseResult::Undefined { reason: reason.clone() })], None);
            Exact::Refuted(p, w.undefined(&reason))
        }
        None => Exact::Outside(why),
    }
}

/// The fragment every exact decision is in.
const FRAGMENT: &str = "rational functions of x_i = e^{a_i}, x_j, Z, N, e, a_i, a_j, ln Z (and of c, e^c for a free constant c; of labels y_i, y_j, their sums Σy_k, Σy_k a_k, Σy_k e^{a_k}, of Σa_k, Σe^{2a_k} and a temperature T)";

fn proof(cases: Vec<(Case, CaseResult)>, residual: Option<String>) -> Proof {
    Proof { fragment: FRAGMENT, cases, residual, hypotheses: Vec::new() }
}

/// What a decision in `frame` used, in words: a hypothesis on the labels only
/// where the formulas have labels.
fn hypotheses(frame: Frame) -> Vec<&'static str> {
    let mut out = Vec::new();
    if frame.labels_one_hot && frame.written.labels {
        out.push("the labels are one-hot at the class i (y = e_i; i = j is the class's own logit)");
    } else if frame.labels_sum_to_one && frame.written.labels {
        out.push("the labels sum to 1 (Σ_k y_k = 1)");
    }
    if frame.tempered {
        out.push("T > 0, the logits read as b = a/T (x_k = e^{a_k/T}, ∂/∂a_j = (1/T) ∂/∂b_j)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::plain::parse;

    fn decide_text(claim: &str) -> Exact {
        let target = Expr::Sym(Sym::DjSi);
        decide(&parse(claim).unwrap(), &target, &Case::ALL)
    }

    #[test]
    fn the_articles_result_is_proved_and_slips_are_refuted() {
        assert!(matches!(decide_text("S_i*(delta_ij - S_j)"), Exact::Proved(_)));
        assert!(matches!(decide_text("S_j*(delta_ij - S_i)"), Exact::Proved(_)));
        assert!(matches!(decide_text("exp(ln(S_i))*(delta_ij - S_j)"), Exact::Proved(_)));
        assert!(matches!(decide_text("sqrt(S_i)^2*(delta_ij - S_j)"), Exact::Proved(_)));
        assert!(matches!(decide_text("S_i*(delta_ij - S_j)^(N/N)"), Exact::Proved(_)));
        assert!(matches!(decide_text("S_i*(1 - S_i)"), Exact::Refuted(..)));
        assert!(matches!(decide_text("42 + (1e20 + 1) - 1e20 - 1"), Exact::Refuted(..)));
        assert!(matches!(decide_text("S_i*(delta_ij - S_j)*(1 + 1e-20)"), Exact::Refuted(..)));
    }

    #[test]
    fn undefined_somewhere_is_refuted_there() {
        for f in ["S_i*(delta_ij - S_j)/(N - 3)*(N - 3)", "S_i*(delta_ij - S_j)*(S_i - S_j)/(S_i - S_j)", "1/0"] {
            match decide_text(f) {
                Exact::Refuted(p, w) => assert!(w.undefined.is_some(), "{f}: {p:?} {w:?}"),
                other => panic!("{f}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_free_constant_is_two_variables_and_witnesses_give_it_a_value() {
        let against = |claim: &str, target: &str| decide(&parse(claim).unwrap(), &parse(target).unwrap(), &Case::ALL);
        // e^{a_i + c} = x_i e^c; ln(e^{2c}) = 2c; ∂c/∂a_j = 0.
        assert!(matches!(against("exp(a_i + c)/(exp(c)*Z)", "S_i"), Exact::Proved(_)));
        assert!(matches!(against("ln(exp(2*c + a_i)) - a_i", "2*c"), Exact::Proved(_)));
        assert!(matches!(against("sqrt(exp(c))^2*exp(-c)", "1"), Exact::Proved(_)));
        let derivative = Expr::Diff(Box::new(parse("S_i*exp(c)").unwrap()));
        let expected = parse("S_i*(delta_ij - S_j)*exp(c)").unwrap();
        assert!(matches!(decide(&derivative, &expected, &Case::ALL), Exact::Proved(_)), "∂c/∂a_j = 0");
        assert!(matches!(decide_text("S_i*(delta_ij - S_j)*exp(c)/exp(c) + 0*c"), Exact::Proved(_)));
        // Wrong shifts: refuted where c ≠ 0, the witness saying which c.
        for (claim, target) in [("exp(a_i + c)/Z", "S_i"), ("exp(a_i)/Z + c", "S_i"), ("c^2", "c")] {
            match against(claim, target) {
                Exact::Refuted(_, w) => assert!(w.c.is_some_and(|c| c != 0.0), "{claim}: {w:?}"),
                other => panic!("{claim}: {other:?}"),
            }
        }
        // A divisor that is 0 at c = 0: undefined there.
        match against("S_i/c*c", "S_i") {
            Exact::Refuted(_, w) => assert!(w.undefined.is_some() && w.c == Some(0.0), "{w:?}"),
            other => panic!("{other:?}"),
        }
        // Without c, no value of it is stated.
        match decide_text("S_i*(1 - S_i)") {
            Exact::Refuted(_, w) => assert_eq!(w.c, None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_positive_divisor_is_proved_non_zero() {
        assert!(matches!(decide_text("S_i*(delta_ij - S_j)*(1 + S_i)/(1 + S_i)"), Exact::Proved(_)));
    }
}
