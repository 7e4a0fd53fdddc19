//! Relations between real numbers in a post's own letters, without indices:
//! a worked example with two or three logits written out
//! (`y_1 = \frac{e^{z_1}}{e^{z_1} + e^{z_2} + e^{z_3}}`), softmax of two
//! logits against the sigmoid (`\text{softmax}_1([x, 0]) = \sigma(x)`), a
//! toy example of the chain rule (`z = 2x + y`, then `\frac{dz}{dx} = 2`),
//! arithmetic (`2 \times 7 + 3 = 17`).
//!
//! [`read`] turns one row into a [`Row`] with the definitions of the post's
//! rows above it ([`Context`]); [`decide`] decides it. A name is a real
//! number: one the post defines (`z = 2x + y`: a definition, no claim) is
//! replaced by its value, one it never defines is a free variable, and a
//! relation is claimed for every real value of its free variables — read so
//! only when every member uses every free variable (`\log(1-w) - \log(w) = -x`
//! is an equation that gives $w$, not an identity: not read).
//!
//! The verdicts (see `decide`): `proved` when both sides are the same
//! rational function of their variables, of the exponentials of them and of
//! the logarithms left whole (an identity of polynomials in independent
//! indeterminates holds at every value); `refuted` with a point where
//! interval arithmetic ([`crate::rigorous`]) certifies the sides differ; `holds`
//! when no proof was found but every sampled point certifies agreement to 25
//! digits; otherwise `undecided`.

pub(crate) mod decide;
mod exact;
pub(crate) mod read;

use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// A real expression in named variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SExpr {
    /// An exact rational number.
    Num(BigRational),
    /// A number written with decimals (`7.389`): the rational it writes, and how many
    /// decimals — at printed precision it stands for any value within half a unit of
    /// its last digit ([`SExpr::enclose`] with `printed`).
    Dec(BigRational, u32),
    /// A real variable, by its name as the post writes it (`z_1`, `x`, `\alpha`).
    Var(String),
    /// $-u$.
    Neg(Box<SExpr>),
    /// $u + v$.
    Add(Box<SExpr>, Box<SExpr>),
    /// $u v$.
    Mul(Box<SExpr>, Box<SExpr>),
    /// $u / v$.
    Div(Box<SExpr>, Box<SExpr>),
    /// $u^k$, an integer power.
    Pow(Box<SExpr>, i64),
    /// $e^u$.
    Exp(Box<SExpr>),
    /// $\ln u$.
    Ln(Box<SExpr>),
    /// $\log u$ written without its base (`\log`, `log`): the natural logarithm in a
    /// proof, any of $\ln$, $\log_{10}$, $\log_2$ for a refutation ([`SExpr::with_log_base`]).
    Log(Box<SExpr>),
}

/// The definitions of the rows read so far: names with their values, and
/// functions of one variable (`\sigma(x) = \frac{1}{1 + e^{-x}}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// A name, its value (in the names defined before it), the line that defines it.
    values: Vec<(String, SExpr, usize)>,
    /// A function's name, its parameter, its body, the line that defines it.
    functions: Vec<(String, String, SExpr, usize)>,
    /// Names whose definition the tool could not read, with its line.
    unread: Vec<(String, usize)>,
}

/// Which numbers written with decimals [`SExpr::enclose`] takes for every value they round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Widen {
    /// None: each is the rational it writes.
    No,
    /// Every one (the most lenient reading of a row at printed precision).
    All,
    /// Those that stand as results: in a sum, a difference, or times a power of ten
    /// (`7.389 + 2.718`, `1.2 \times 10^{-3}`); one inside a function, a product, a
    /// power or a divisor is an input, exact (`e^{0.5}`, `1.5 \times 2`, `\frac{1}{0.01}`).
    Bare,
}

/// One row read: its members (each in the post's names, definitions not yet
/// replaced) and the definitions it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    /// The members claimed equal, in order (at least two), definitions replaced.
    pub members: Vec<SExpr>,
    /// Whether it writes a derivative (then it is an identity, whatever its members).
    pub derivative: bool,
    /// How many members the row writes before `members[0]` (the names it defines); a
    /// row `= X` that continues `W` writes `W` as its empty first member: 0.
    pub offset: usize,
    /// How many numbers with decimals the members write (a definition replaced may copy one).
    pub written_decimals: usize,
}

impl SExpr {
    pub(crate) fn num(n: i64) -> SExpr {
        SExpr::Num(BigRational::from_integer(n.into()))
    }
    pub(crate) fn add(a: SExpr, b: SExpr) -> SExpr {
        SExpr::Add(Box::new(a), Box::new(b))
    }
    pub(crate) fn sub(a: SExpr, b: SExpr) -> SExpr {
        SExpr::Add(Box::new(a), Box::new(SExpr::Neg(Box::new(b))))
    }
    pub(crate) fn mul(a: SExpr, b: SExpr) -> SExpr {
        SExpr::Mul(Box::new(a), Box::new(b))
    }
    pub(crate) fn div(a: SExpr, b: SExpr) -> SExpr {
        SExpr::Div(Box::new(a), Box::new(b))
    }
    pub(crate) fn neg(a: SExpr) -> SExpr {
        SExpr::Neg(Box::new(a))
    }
    pub(crate) fn exp(a: SExpr) -> SExpr {
        SExpr::Exp(Box::new(a))
    }
    pub(crate) fn ln(a: SExpr) -> SExpr {
        SExpr::Ln(Box::new(a))
    }

    /// `self` with each logarithm of unstated base in `base` ($\ln u / \ln b$), or
    /// natural when `base` is `None`.
    pub(crate) fn with_log_base(&self, base: Option<i64>) -> SExpr {
        let r = |a: &SExpr| Box::new(a.with_log_base(base));
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => self.clone(),
            SExpr::Log(a) => match base {
                Some(b) => SExpr::div(SExpr::Ln(r(a)), SExpr::ln(SExpr::num(b))),
                None => SExpr::Ln(r(a)),
            },
            SExpr::Neg(a) => SExpr::Neg(r(a)),
            SExpr::Pow(a, k) => SExpr::Pow(r(a), *k),
            SExpr::Exp(a) => SExpr::Exp(r(a)),
            SExpr::Ln(a) => SExpr::Ln(r(a)),
            SExpr::Add(a, b) => SExpr::Add(r(a), r(b)),
            SExpr::Mul(a, b) => SExpr::Mul(r(a), r(b)),
            SExpr::Div(a, b) => SExpr::Div(r(a), r(b)),
        }
    }

    /// Whether it writes a logarithm of unstated base.
    pub(crate) fn has_log(&self) -> bool {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => false,
            SExpr::Log(_) => true,
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) => a.has_log(),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => a.has_log() || b.has_log(),
        }
    }

    /// Whether it writes an exponential or a logarithm (a relation between rational
    /// functions of free variables may be an equation that gives their values).
    pub(crate) fn transcendental(&self) -> bool {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => false,
            SExpr::Exp(_) | SExpr::Ln(_) | SExpr::Log(_) => true,
            SExpr::Neg(a) | SExpr::Pow(a, _) => a.transcendental(),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => a.transcendental() || b.transcendental(),
        }
    }

    /// The depth of the tree.
    pub(crate) fn depth(&self) -> usize {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => 1,
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) | SExpr::Log(a) => 1 + a.depth(),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => 1 + a.depth().max(b.depth()),
        }
    }

    /// How many times the variable `name` occurs.
    pub(crate) fn occurrences(&self, name: &str) -> usize {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) => 0,
            SExpr::Var(v) => usize::from(v == name),
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) | SExpr::Log(a) => a.occurrences(name),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => a.occurrences(name) + b.occurrences(name),
        }
    }

    /// The number of nodes.
    pub(crate) fn size(&self) -> usize {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => 1,
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) | SExpr::Log(a) => 1 + a.size(),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => 1 + a.size() + b.size(),
        }
    }

    /// The free variables, each once, in order of appearance.
    pub(crate) fn variables(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<String>) {
        match self {
            SExpr::Num(_) | SExpr::Dec(..) => {}
            SExpr::Var(v) => {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) | SExpr::Log(a) => a.collect(out),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => {
                a.collect(out);
                b.collect(out);
            }
        }
    }

    /// `self` with the variable `name` replaced by `value`.
    pub(crate) fn replace(&self, name: &str, value: &SExpr) -> SExpr {
        let r = |a: &SExpr| Box::new(a.replace(name, value));
        match self {
            SExpr::Var(v) if v == name => value.clone(),
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => self.clone(),
            SExpr::Neg(a) => SExpr::Neg(r(a)),
            SExpr::Pow(a, k) => SExpr::Pow(r(a), *k),
            SExpr::Exp(a) => SExpr::Exp(r(a)),
            SExpr::Ln(a) => SExpr::Ln(r(a)),
            SExpr::Log(a) => SExpr::Log(r(a)),
            SExpr::Add(a, b) => SExpr::Add(r(a), r(b)),
            SExpr::Mul(a, b) => SExpr::Mul(r(a), r(b)),
            SExpr::Div(a, b) => SExpr::Div(r(a), r(b)),
        }
    }

    /// $\partial/\partial v$ of `self`, the other variables held fixed.
    pub(crate) fn derivative(&self, v: &str) -> SExpr {
        let d = |a: &SExpr| a.derivative(v);
        match self {
            SExpr::Num(_) | SExpr::Dec(..) => SExpr::num(0),
            SExpr::Var(w) => SExpr::num(i64::from(w == v)),
            SExpr::Neg(a) => SExpr::neg(d(a)),
            SExpr::Add(a, b) => SExpr::add(d(a), d(b)),
            SExpr::Mul(a, b) => SExpr::add(SExpr::mul(d(a), (**b).clone()), SExpr::mul((**a).clone(), d(b))),
            SExpr::Div(a, b) => SExpr::div(
                SExpr::sub(SExpr::mul(d(a), (**b).clone()), SExpr::mul((**a).clone(), d(b))),
                SExpr::Pow(b.clone(), 2),
            ),
            SExpr::Pow(a, k) => SExpr::mul(SExpr::mul(SExpr::num(*k), SExpr::Pow(a.clone(), k - 1)), d(a)),
            SExpr::Exp(a) => SExpr::mul(self.clone(), d(a)),
            SExpr::Ln(a) | SExpr::Log(a) => SExpr::div(d(a), (**a).clone()),
        }
    }

    /// The value at `at` (each variable's value, by name) in `f64`; `None`
    /// where it is undefined or not finite.
    pub(crate) fn eval(&self, at: &[(String, f64)]) -> Option<f64> {
        let v = match self {
            SExpr::Num(r) | SExpr::Dec(r, _) => r.to_f64()?,
            SExpr::Var(n) => at.iter().find(|(m, _)| m == n)?.1,
            SExpr::Neg(a) => -a.eval(at)?,
            SExpr::Add(a, b) => a.eval(at)? + b.eval(at)?,
            SExpr::Mul(a, b) => a.eval(at)? * b.eval(at)?,
            SExpr::Div(a, b) => {
                let d = b.eval(at)?;
                if d == 0.0 {
                    return None;
                }
                a.eval(at)? / d
            }
            SExpr::Pow(a, k) => a.eval(at)?.powi(i32::try_from(*k).ok()?),
            SExpr::Exp(a) => a.eval(at)?.exp(),
            SExpr::Ln(a) | SExpr::Log(a) => {
                let x = a.eval(at)?;
                if x <= 0.0 {
                    return None;
                }
                x.ln()
            }
        };
        v.is_finite().then_some(v)
    }

    /// The value at `at` (exact rationals), enclosed by interval arithmetic; `widen`
    /// says which numbers written with decimals stand for every value they round
    /// (half a unit of their last digit on either side).
    pub(crate) fn enclose(
        &self,
        arith: &mut crate::rigorous::Arith,
        at: &[(String, BigRational)],
        widen: Widen,
    ) -> Result<crate::rigorous::Interval, crate::rigorous::Fail> {
        use crate::rigorous::Fail;
        // Below anything but a sum or a scaling by an exact number, a `Bare` decimal is an input: exact.
        let inner = if widen == Widen::All { Widen::All } else { Widen::No };
        // Scientific notation: a decimal times a power of ten is a result still (`1.2 \times 10^{-3}`).
        let ten = |e: &SExpr| match e {
            SExpr::Pow(b, _) => matches!(&**b, SExpr::Num(r) if *r == BigRational::from_integer(10.into())),
            _ => false,
        };
        let scaled = |other: &SExpr| if ten(other) { widen } else { inner };
        Ok(match self {
            SExpr::Num(r) => arith.rational(r),
            SExpr::Dec(r, _) if widen == Widen::No => arith.rational(r),
            SExpr::Dec(r, n) => {
                let half =
                    BigRational::new(1.into(), num_bigint::BigInt::from(2) * num_bigint::BigInt::from(10).pow(*n));
                let (lo, hi) = (arith.rational(&(r - &half)), arith.rational(&(r + &half)));
                crate::rigorous::Interval { lo: lo.lo, hi: hi.hi }
            }
            SExpr::Var(n) => {
                let r = at.iter().find(|(m, _)| m == n).ok_or(Fail::Unknown)?.1.clone();
                arith.rational(&r)
            }
            SExpr::Neg(a) => {
                let x = a.enclose(arith, at, widen)?;
                arith.neg(&x)
            }
            SExpr::Add(a, b) => {
                let (x, y) = (a.enclose(arith, at, widen)?, b.enclose(arith, at, widen)?);
                arith.add(&x, &y)
            }
            SExpr::Mul(a, b) => {
                let (x, y) = (a.enclose(arith, at, scaled(b))?, b.enclose(arith, at, scaled(a))?);
                arith.mul(&x, &y)
            }
            SExpr::Div(a, b) => {
                let (x, y) = (a.enclose(arith, at, scaled(b))?, b.enclose(arith, at, inner)?);
                arith.div(&x, &y)?
            }
            SExpr::Pow(a, k) => {
                let x = a.enclose(arith, at, inner)?;
                arith.powi(&x, *k)?
            }
            SExpr::Exp(a) => {
                let x = a.enclose(arith, at, inner)?;
                arith.exp(&x)
            }
            SExpr::Ln(a) | SExpr::Log(a) => {
                let x = a.enclose(arith, at, inner)?;
                arith.ln(&x)?
            }
        })
    }

    /// `self` with its constant parts folded and its zeros and ones dropped
    /// ($0 u = 0$, $u + 0 = u$, $1 u = u$, $u^0 = 1$, $u^1 = u$): what a
    /// derivative leaves, so that a member's variables are those it uses.
    pub(crate) fn simplified(&self) -> SExpr {
        let num = |e: &SExpr| match e {
            SExpr::Num(r) => Some(r.clone()),
            _ => None,
        };
        match self {
            SExpr::Num(_) | SExpr::Dec(..) | SExpr::Var(_) => self.clone(),
            SExpr::Neg(a) => match a.simplified() {
                SExpr::Num(r) => SExpr::Num(-r),
                SExpr::Neg(b) => *b,
                b => SExpr::neg(b),
            },
            SExpr::Add(a, b) => match (a.simplified(), b.simplified()) {
                (x, y) if x.is(0) => y,
                (x, y) if y.is(0) => x,
                (x, y) => match (num(&x), num(&y)) {
                    (Some(p), Some(q)) => SExpr::Num(p + q),
                    _ => SExpr::add(x, y),
                },
            },
            SExpr::Mul(a, b) => match (a.simplified(), b.simplified()) {
                (x, y) if x.is(0) || y.is(0) => SExpr::num(0),
                (x, y) if x.is(1) => y,
                (x, y) if y.is(1) => x,
                (x, y) => match (num(&x), num(&y)) {
                    (Some(p), Some(q)) => SExpr::Num(p * q),
                    _ => SExpr::mul(x, y),
                },
            },
            SExpr::Div(a, b) => match (a.simplified(), b.simplified()) {
                (x, y) if y.is(1) => x,
                (x, y) if x.is(0) && !y.is(0) => SExpr::num(0),
                (x, y) => match (num(&x), num(&y)) {
                    (Some(p), Some(q)) if !q.is_zero() => SExpr::Num(p / q),
                    _ => SExpr::div(x, y),
                },
            },
            SExpr::Pow(a, k) => match (a.simplified(), k) {
                (_, 0) => SExpr::num(1),
                (x, 1) => x,
                (x, k) => SExpr::Pow(Box::new(x), *k),
            },
            SExpr::Exp(a) => match a.simplified() {
                x if x.is(0) => SExpr::num(1),
                x => SExpr::exp(x),
            },
            SExpr::Ln(a) => match a.simplified() {
                x if x.is(1) => SExpr::num(0),
                x => SExpr::ln(x),
            },
            SExpr::Log(a) => match a.simplified() {
                x if x.is(1) => SExpr::num(0),
                x => SExpr::Log(Box::new(x)),
            },
        }
    }

    /// Whether it writes a number with decimals, and how many such numbers.
    pub(crate) fn decimals(&self) -> usize {
        match self {
            SExpr::Dec(..) => 1,
            SExpr::Num(_) | SExpr::Var(_) => 0,
            SExpr::Neg(a) | SExpr::Pow(a, _) | SExpr::Exp(a) | SExpr::Ln(a) | SExpr::Log(a) => a.decimals(),
            SExpr::Add(a, b) | SExpr::Mul(a, b) | SExpr::Div(a, b) => a.decimals() + b.decimals(),
        }
    }

    /// Whether it is the number `n`.
    fn is(&self, n: i64) -> bool {
        matches!(self, SExpr::Num(r) if *r == BigRational::from_integer(n.into()))
    }
}

impl std::fmt::Display for SExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SExpr::Num(r) if r.is_integer() => write!(f, "{}", r.numer()),
            SExpr::Num(r) if r.is_negative() => write!(f, "(-{}/{})", r.numer().abs(), r.denom()),
            SExpr::Num(r) => write!(f, "{}/{}", r.numer(), r.denom()),
            SExpr::Dec(r, n) => write!(f, "{}", decimal_text(r, *n)),
            SExpr::Var(v) => write!(f, "{v}"),
            SExpr::Neg(a) => write!(f, "-({a})"),
            SExpr::Add(a, b) => write!(f, "({a} + {b})"),
            SExpr::Mul(a, b) => write!(f, "{a}·{b}"),
            SExpr::Div(a, b) => write!(f, "({a})/({b})"),
            SExpr::Pow(a, k) => write!(f, "({a})^{k}"),
            SExpr::Exp(a) if a.is(1) => write!(f, "e"),
            SExpr::Exp(a) => write!(f, "exp({a})"),
            SExpr::Ln(a) => write!(f, "ln({a})"),
            SExpr::Log(a) => write!(f, "log({a})"),
        }
    }
}

/// A rational with `n` decimals, as written (`7.389`).
fn decimal_text(r: &BigRational, n: u32) -> String {
    let scaled = (r * BigRational::from_integer(num_bigint::BigInt::from(10).pow(n))).round().to_integer();
    let digits = scaled.abs().to_string();
    let n = n as usize;
    let padded = format!("{digits:0>width$}", width = n + 1);
    let (int, frac) = padded.split_at(padded.len() - n);
    format!("{}{int}.{frac}", if scaled.is_negative() { "-" } else { "" })
}
