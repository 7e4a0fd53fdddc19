//! The one expression type every formula the tool reads is parsed into: the
//! `check` syntax ([`plain`]) and the article's LaTeX ([`latex`]).
//!
//! Number literals keep their exact decimal value as a rational
//! ($0.1 = 1/10$, $10^{20} + 1$ exactly), never an `f64`: the exact decision
//! procedure ([`crate::exact`]) sees the numbers the reader wrote, and the
//! numeric layers round them only when they evaluate.
//!
//! The symbols are the article's: $S_i$, $S_j$, $a_i$, $a_j$, $\delta_{ij}$,
//! $N$, $Z = \sum_k e^{a_k}$, the parts $g_i = e^{a_i}$, $h_i = Z$ and their
//! derivatives $g'_i = \partial g_i/\partial a_j$, $h'_i = \partial h_i/\partial a_j$,
//! and $D_jS_i = \partial S_i/\partial a_j$, and a free real constant
//! $\kappa$ ([`Sym::Shift`]) for a shift of every logit. [`Expr::Diff`] is
//! $\partial/\partial a_j$ applied to an expression; [`Expr::Cases`] is a
//! `cases` environment split by $i = j$ / $i \ne j$.

pub mod cue;
pub mod eval;
pub mod latex;
pub mod notation;
pub mod plain;
pub mod remark;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed};
use std::fmt;

/// A symbol of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sym {
    /// $S_i$.
    Si,
    /// $S_j$.
    Sj,
    /// $a_i$.
    Ai,
    /// $a_j$.
    Aj,
    /// $\delta_{ij}$.
    Delta,
    /// $N$.
    N,
    /// $Z = \sum_{k=1}^N e^{a_k}$.
    Z,
    /// $g_i = e^{a_i}$ (the numerator of $S_i$).
    Gi,
    /// $h_i = \sum_k e^{a_k}$ (the denominator of $S_i$).
    Hi,
    /// $g'_i = \partial g_i / \partial a_j$.
    GPrime,
    /// $h'_i = \partial h_i / \partial a_j$.
    HPrime,
    /// $D_jS_i = \partial S_i / \partial a_j$.
    DjSi,
    /// $\kappa$: a free real constant, the same at every entry and in every
    /// term of a formula — the shift $a_k + \kappa$ of every logit by one
    /// number. A formula with it claims to hold for **every** real $\kappa$
    /// (as for every $N$ and every $a$). Written `c` in the `check` syntax;
    /// in LaTeX `c` is $\kappa$, `C` is $e^{\kappa}$ (a positive constant) and
    /// `\ln C` is $\kappa$, in a row that also uses the logits
    /// ([`latex::parse_row`]).
    Shift,
    /// The label $y_i$: a real number given with the logits, that does not
    /// move with them (a target distribution, a one-hot vector, an upstream
    /// gradient $g$).
    Yi,
    /// The label $y_j$.
    Yj,
    /// The temperature $T > 0$ of $S(a/T)$.
    T,
    /// $a_k$, the logit at the summation index: inside a [`Expr::Sum`] only.
    Ak,
    /// $y_k$, the label at the summation index: inside a [`Expr::Sum`] only.
    Yk,
    /// $S_k = e^{a_k}/Z$ at the summation index: inside a [`Expr::Sum`] only.
    Sk,
}

impl Sym {
    /// The name in the `check` syntax (or the article's for the parts).
    pub fn name(self) -> &'static str {
        match self {
            Sym::Si => "S_i",
            Sym::Sj => "S_j",
            Sym::Ai => "a_i",
            Sym::Aj => "a_j",
            Sym::Delta => "delta_ij",
            Sym::N => "N",
            Sym::Z => "Z",
            Sym::Gi => "g_i",
            Sym::Hi => "h_i",
            Sym::GPrime => "g'_i",
            Sym::HPrime => "h'_i",
            Sym::DjSi => "D_jS_i",
            Sym::Shift => "c",
            Sym::Yi => "y_i",
            Sym::Yj => "y_j",
            Sym::T => "T",
            Sym::Ak => "a_k",
            Sym::Yk => "y_k",
            Sym::Sk => "S_k",
        }
    }

    /// Whether the symbol is the summation index's ($a_k$, $y_k$, $S_k$).
    pub fn at_k(self) -> bool {
        matches!(self, Sym::Ak | Sym::Yk | Sym::Sk)
    }

    /// Whether the symbol belongs to the family beyond $\partial S_i/\partial a_j$
    /// (labels, the temperature, the summation index's).
    pub fn of_family(self) -> bool {
        matches!(self, Sym::Yi | Sym::Yj | Sym::T | Sym::Ak | Sym::Yk | Sym::Sk)
    }

    /// What the symbol stands for, in terms of the basic symbols (`None` for a basic symbol).
    pub fn definition(self) -> Option<Expr> {
        let exp_ai = Expr::call(Func::Exp, Expr::Sym(Sym::Ai));
        match self {
            Sym::Gi => Some(exp_ai),
            Sym::Hi => Some(Expr::Sym(Sym::Z)),
            Sym::GPrime => Some(Expr::Diff(Box::new(exp_ai))),
            Sym::HPrime => Some(Expr::Diff(Box::new(Expr::Sym(Sym::Z)))),
            Sym::DjSi => Some(Expr::Diff(Box::new(Expr::Sym(Sym::Si)))),
            _ => None,
        }
    }
}

/// A function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Func {
    /// $e^x$.
    Exp,
    /// $\ln x$.
    Ln,
    /// $\sqrt{x}$.
    Sqrt,
    /// The logistic sigmoid $\sigma(x) = 1/(1 + e^{-x})$.
    Sigmoid,
    /// $\tanh x = (e^{x} - e^{-x})/(e^{x} + e^{-x})$.
    Tanh,
}

impl Func {
    /// `exp`, `ln`, `sqrt`, `sigmoid`, `tanh`.
    pub fn name(self) -> &'static str {
        match self {
            Func::Exp => "exp",
            Func::Ln => "ln",
            Func::Sqrt => "sqrt",
            Func::Sigmoid => "sigmoid",
            Func::Tanh => "tanh",
        }
    }

    /// The function at `x` in terms of `exp`, for the functions defined by
    /// it ($\sigma$, $\tanh$); `None` for `exp`, `ln`, `sqrt`. Every layer
    /// evaluates and differentiates them through this definition.
    pub fn definition(self, x: &Expr) -> Option<Expr> {
        let exp = |u: Expr| Expr::call(Func::Exp, u);
        let minus_x = Expr::Neg(Box::new(x.clone()));
        match self {
            Func::Sigmoid => {
                Some(Expr::bin(BinOp::Div, Expr::int(1), Expr::bin(BinOp::Add, Expr::int(1), exp(minus_x))))
            }
            Func::Tanh => Some(Expr::bin(
                BinOp::Div,
                Expr::bin(BinOp::Sub, exp(x.clone()), exp(minus_x.clone())),
                Expr::bin(BinOp::Add, exp(x.clone()), exp(minus_x)),
            )),
            Func::Exp | Func::Ln | Func::Sqrt => None,
        }
    }
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `^`.
    Pow,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
        }
    }
}

/// The condition of a branch of a `cases` environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    /// $i = j$.
    Diagonal,
    /// $i \ne j$.
    OffDiagonal,
    /// "sinon" / "otherwise": every entry no other branch takes, wherever
    /// the branch stands (first, last or between).
    Otherwise,
}

impl Cond {
    /// Whether the branch applies at an entry on (`true`) or off the
    /// diagonal, on its own; an [`Cond::Otherwise`] branch yields to the
    /// other branches (see [`Expr::branch`]).
    pub fn holds(self, diagonal: bool) -> bool {
        match self {
            Cond::Diagonal => diagonal,
            Cond::OffDiagonal => !diagonal,
            Cond::Otherwise => true,
        }
    }

    /// The complement of an explicit condition ($i = j \leftrightarrow i \ne j$); `None` for [`Cond::Otherwise`].
    pub fn complement(self) -> Option<Cond> {
        match self {
            Cond::Diagonal => Some(Cond::OffDiagonal),
            Cond::OffDiagonal => Some(Cond::Diagonal),
            Cond::Otherwise => None,
        }
    }
}

/// The index a sum leaves out: $\sum_{k \ne i}$ or $\sum_{k \ne j}$.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Except {
    /// $k \ne i$.
    I,
    /// $k \ne j$.
    J,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// An exact rational literal.
    Num(BigRational),
    /// A symbol.
    Sym(Sym),
    /// $-x$.
    Neg(Box<Expr>),
    /// $x \circ y$.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// $f(x)$.
    Call(Func, Box<Expr>),
    /// $\partial x / \partial a_j$.
    Diff(Box<Expr>),
    /// A `cases` environment: the branch whose explicit condition holds,
    /// else the "otherwise" branch (see [`Expr::branch`]). The LaTeX reader
    /// refuses two branches that cover the same entries.
    Cases(Vec<(Expr, Cond)>),
    /// $\sum_{k=1}^{N}$ of a summand in $a_k$, $y_k$, $S_k$ (and anything free
    /// of $k$), or the same sum without the term $k = i$ (or $k = j$).
    Sum(Box<Expr>, Option<Except>),
}

impl Expr {
    /// The integer `n`.
    pub fn int(n: i64) -> Expr {
        Expr::Num(BigRational::from_integer(BigInt::from(n)))
    }

    /// `x op y`.
    pub fn bin(op: BinOp, x: Expr, y: Expr) -> Expr {
        Expr::Bin(op, Box::new(x), Box::new(y))
    }

    /// `f(x)`.
    pub fn call(f: Func, x: Expr) -> Expr {
        Expr::Call(f, Box::new(x))
    }

    /// The branch of a `cases` taken at an entry on (`true`) or off the
    /// diagonal: the branch whose explicit condition ($i = j$, $i \ne j$)
    /// holds there, else the "otherwise" branch, wherever it stands — as the
    /// page reads, "otherwise" is the complement of the other branches.
    /// `None` when no branch covers the entry.
    ///
    /// # Example
    /// ```
    /// use dsoftmax::expr::{Cond, Expr};
    /// let branches = [(Expr::int(0), Cond::Otherwise), (Expr::int(1), Cond::Diagonal)];
    /// assert_eq!(Expr::branch(&branches, true), Some(&Expr::int(1)));
    /// assert_eq!(Expr::branch(&branches, false), Some(&Expr::int(0)));
    /// ```
    pub fn branch(branches: &[(Expr, Cond)], diagonal: bool) -> Option<&Expr> {
        let explicit = |(_, c): &&(Expr, Cond)| *c != Cond::Otherwise && c.holds(diagonal);
        let otherwise = |(_, c): &&(Expr, Cond)| *c == Cond::Otherwise;
        branches.iter().find(explicit).or_else(|| branches.iter().find(otherwise)).map(|(e, _)| e)
    }

    /// Every symbol replaced by its definition in basic symbols ($g_i \to e^{a_i}$, …).
    pub fn expand(&self) -> Expr {
        self.map_syms(&|s| s.definition().map(|d| d.expand()))
    }

    fn map_syms(&self, f: &dyn Fn(Sym) -> Option<Expr>) -> Expr {
        let go = |e: &Expr| Box::new(e.map_syms(f));
        match self {
            Expr::Num(_) => self.clone(),
            Expr::Sym(s) => f(*s).unwrap_or_else(|| self.clone()),
            Expr::Neg(x) => Expr::Neg(go(x)),
            Expr::Bin(op, x, y) => Expr::Bin(*op, go(x), go(y)),
            Expr::Call(func, x) => Expr::Call(*func, go(x)),
            Expr::Diff(x) => Expr::Diff(go(x)),
            Expr::Cases(bs) => Expr::Cases(bs.iter().map(|(e, c)| (e.map_syms(f), *c)).collect()),
            Expr::Sum(x, except) => Expr::Sum(go(x), *except),
        }
    }

    /// The cost of evaluating the tree once, in additions: a transcendental
    /// function or a power counts 8 (measured at 128 bits in astro-float:
    /// `exp`, `ln` and a square-and-multiply cost 5 to 10 additions), a
    /// derivative 4 times what it differentiates (the chain rule's expansion).
    pub fn weight(&self) -> usize {
        match self {
            Expr::Num(_) | Expr::Sym(_) => 1,
            Expr::Neg(x) => 1 + x.weight(),
            Expr::Call(_, x) => 8 + x.weight(),
            Expr::Diff(x) => 4 * x.weight(),
            Expr::Bin(BinOp::Pow, x, y) => 8 + x.weight() + y.weight(),
            Expr::Bin(_, x, y) => 1 + x.weight() + y.weight(),
            Expr::Cases(bs) => 1 + bs.iter().map(|(e, _)| e.weight()).sum::<usize>(),
            // Evaluated once per summation index: N times its summand.
            Expr::Sum(x, _) => 16 * x.weight(),
        }
    }

    /// Whether a derivative appears in the tree ($\partial/\partial a_j$,
    /// $D_jS_i$, $g'_i$, $h'_i$): a line whose value holds one restates the
    /// derivative rather than giving a formula for it.
    pub fn has_derivative(&self) -> bool {
        match self {
            Expr::Num(_) => false,
            Expr::Sym(s) => matches!(s, Sym::DjSi | Sym::GPrime | Sym::HPrime),
            Expr::Diff(_) => true,
            Expr::Neg(x) | Expr::Call(_, x) | Expr::Sum(x, _) => x.has_derivative(),
            Expr::Bin(_, x, y) => x.has_derivative() || y.has_derivative(),
            Expr::Cases(bs) => bs.iter().any(|(e, _)| e.has_derivative()),
        }
    }

    /// Whether the free constant $\kappa$ ([`Sym::Shift`]) appears in the tree.
    pub fn has_shift(&self) -> bool {
        self.any_sym_is(Sym::Shift)
    }

    /// Whether the tree uses the logits themselves: $a_i$, $a_j$, $g_i = e^{a_i}$,
    /// or the sum of their exponentials ($Z$, $h_i$). ($S_i$ alone does not
    /// count: a row that shows no logit shifts none.)
    pub fn uses_logits(&self) -> bool {
        self.any_sym(&|s| matches!(s, Sym::Ai | Sym::Aj | Sym::Gi | Sym::Z | Sym::Hi | Sym::Ak))
    }

    /// Whether the tree goes beyond $\partial S_i/\partial a_j$'s symbols: a
    /// label, the temperature or a sum ([`Sym::of_family`], [`Expr::Sum`]).
    /// Only the exact layer decides such a formula.
    pub fn has_family(&self) -> bool {
        self.any_sym(&Sym::of_family) || self.any_sum()
    }

    /// Whether a label ($y_i$, $y_j$, $y_k$) appears in the tree.
    pub fn has_labels(&self) -> bool {
        self.any_sym(&|s| matches!(s, Sym::Yi | Sym::Yj | Sym::Yk))
    }

    /// The softmax at a temperature, $e^{a/T}/\sum_k e^{a_k/T}$, at the logit `a`
    /// ($a_i$ or $a_j$).
    pub fn tempered_softmax(a: Sym) -> Expr {
        let over_t = |x: Expr| Expr::bin(BinOp::Div, x, Expr::Sym(Sym::T));
        let exp = |x: Expr| Expr::call(Func::Exp, x);
        let sum = Expr::Sum(Box::new(exp(over_t(Expr::Sym(Sym::Ak)))), None);
        Expr::bin(BinOp::Div, exp(over_t(Expr::Sym(a))), sum)
    }

    fn any_sum(&self) -> bool {
        match self {
            Expr::Num(_) | Expr::Sym(_) => false,
            Expr::Sum(..) => true,
            Expr::Neg(x) | Expr::Call(_, x) | Expr::Diff(x) => x.any_sum(),
            Expr::Bin(_, x, y) => x.any_sum() || y.any_sum(),
            Expr::Cases(bs) => bs.iter().any(|(e, _)| e.any_sum()),
        }
    }

    /// Whether the symbol `s` appears in the tree.
    pub fn any_sym_is(&self, s: Sym) -> bool {
        self.any_sym(&|t| t == s)
    }

    /// Whether a symbol of the tree satisfies `f`.
    pub fn any_sym(&self, f: &dyn Fn(Sym) -> bool) -> bool {
        match self {
            Expr::Num(_) => false,
            Expr::Sym(s) => f(*s),
            Expr::Neg(x) | Expr::Call(_, x) | Expr::Diff(x) | Expr::Sum(x, _) => x.any_sym(f),
            Expr::Bin(_, x, y) => x.any_sym(f) || y.any_sym(f),
            Expr::Cases(bs) => bs.iter().any(|(e, _)| e.any_sym(f)),
        }
    }

    /// The depth of the tree (1 for a leaf).
    pub fn depth(&self) -> usize {
        match self {
            Expr::Num(_) | Expr::Sym(_) => 1,
            Expr::Neg(x) | Expr::Call(_, x) | Expr::Diff(x) | Expr::Sum(x, _) => 1 + x.depth(),
            Expr::Bin(_, x, y) => 1 + x.depth().max(y.depth()),
            Expr::Cases(bs) => 1 + bs.iter().map(|(e, _)| e.depth()).max().unwrap_or(0),
        }
    }
}

/// The longest formula or line accepted, in bytes.
pub const MAX_LENGTH: usize = 4096;

/// The deepest bracket nesting accepted, and the most `^` and the longest
/// run of `-` a formula may hold: parsers and evaluators recurse that deep.
pub const MAX_NESTING: usize = 64;

/// The deepest expression tree accepted (a long chain `x + x + …` is deep too).
pub const MAX_TREE_DEPTH: usize = 512;

/// Rejects, before parsing, a text beyond [`MAX_LENGTH`] or [`MAX_NESTING`].
///
/// # Errors
/// A [`ParseError`] at the place the limit is passed, naming it.
pub fn check_limits(text: &str) -> Result<(), ParseError> {
    if text.len() > MAX_LENGTH {
        let what = format!("too long: at most {MAX_LENGTH} bytes (the limit); this has {}", text.len());
        return Err(ParseError::at(text, 1, 1, &what));
    }
    if let Some((line, column)) = huge_exponent(text) {
        let what = format!("a decimal exponent of at most ±{MAX_DECIMAL_EXPONENT} (the limit)");
        return Err(ParseError::at(text, line, column, &what));
    }
    let (mut depth, mut powers, mut minus_run) = (0usize, 0usize, 0usize);
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth = depth.saturating_sub(1),
            '^' => powers += 1,
            _ => {}
        }
        minus_run = match c {
            '-' => minus_run + 1,
            c if c.is_whitespace() => minus_run,
            _ => 0,
        };
        let passed = [(depth, "brackets nested"), (powers, "powers '^'"), (minus_run, "signs '-' in a row")]
            .into_iter()
            .find(|(n, _)| *n > MAX_NESTING);
        if let Some((_, what)) = passed {
            let what = format!("too deep: at most {MAX_NESTING} {what} (the limit)");
            return Err(ParseError::at(text, line, column, &what));
        }
    }
    Ok(())
}

/// The largest decimal exponent a literal may have (`1e-1000` is fine; a
/// literal with a million digits would make exact arithmetic crawl).
pub const MAX_DECIMAL_EXPONENT: usize = 1000;

/// Where a literal's decimal exponent (`1e-5000`) passes [`MAX_DECIMAL_EXPONENT`].
fn huge_exponent(text: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut line, mut column) = (1, 0);
    for (k, &c) in chars.iter().enumerate() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
        }
        let after_number = k > 0 && (chars[k - 1].is_ascii_digit() || chars[k - 1] == '.');
        if !(matches!(c, 'e' | 'E') && after_number) {
            continue;
        }
        let digits: String =
            chars[k + 1..].iter().skip_while(|c| matches!(c, '+' | '-')).take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() > 4 || digits.parse::<usize>().is_ok_and(|e| e > MAX_DECIMAL_EXPONENT) {
            return Some((line, column));
        }
    }
    None
}

/// Rejects `a_k`, `y_k`, `S_k` outside a sum, and a sum inside a sum.
///
/// # Errors
/// A [`ParseError`] naming what is out of place.
pub fn check_summation(text: &str, e: &Expr) -> Result<(), ParseError> {
    fn misplaced(e: &Expr, in_sum: bool) -> Option<&'static str> {
        match e {
            Expr::Num(_) => None,
            Expr::Sym(s) if s.at_k() && !in_sum => Some("a_k, y_k and S_k belong inside sum(…)"),
            Expr::Sym(_) => None,
            Expr::Sum(_, _) if in_sum => Some("a sum inside a sum"),
            Expr::Sum(x, _) => misplaced(x, true),
            Expr::Neg(x) | Expr::Call(_, x) | Expr::Diff(x) => misplaced(x, in_sum),
            Expr::Bin(_, x, y) => misplaced(x, in_sum).or_else(|| misplaced(y, in_sum)),
            Expr::Cases(bs) => bs.iter().find_map(|(b, _)| misplaced(b, in_sum)),
        }
    }
    match misplaced(e, false) {
        Some(what) => Err(ParseError::at(text, 1, 1, what)),
        None => Ok(()),
    }
}

/// Rejects a parsed expression deeper than [`MAX_TREE_DEPTH`].
///
/// # Errors
/// A [`ParseError`] naming the limit.
pub fn check_depth(text: &str, e: &Expr) -> Result<(), ParseError> {
    if e.depth() > MAX_TREE_DEPTH {
        let what = format!("too deep: an expression at most {MAX_TREE_DEPTH} levels deep (the limit)");
        return Err(ParseError::at(text, 1, 1, &what));
    }
    Ok(())
}

/// The exact value of a decimal literal (`12`, `0.5`, `1e-3`, `0.`, `.5`).
///
/// # Errors
/// `None` for text that is not a decimal number, or an exponent beyond ±10⁶.
pub fn parse_decimal(text: &str) -> Option<BigRational> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(k) => (&text[..k], text[k + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() || exponent.unsigned_abs() > MAX_DECIMAL_EXPONENT as u64 + 64 {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let numerator: BigInt = digits.parse().ok()?;
    // Both magnitudes are at most 10⁶ + the digit count: the casts fit.
    let scale = exponent - frac_part.len() as i64;
    let ten = BigInt::from(10);
    let power = num_traits::pow(ten, scale.unsigned_abs() as usize);
    Some(if scale >= 0 { BigRational::from_integer(numerator * power) } else { BigRational::new(numerator, power) })
}

/// A rational shown as an integer, a short decimal, or `p/q`.
pub fn format_rational(r: &BigRational) -> String {
    if r.is_integer() {
        let digits = r.numer().abs().to_string();
        if digits.len() <= 16 {
            return r.numer().to_string();
        }
        // Exactly, in scientific notation: 10^20 + 1 is 1.00000000000000000001e20.
        return scientific(r.is_negative(), &digits, 0);
    }
    // m × 10^-k exactly (a denominator that is a power of ten: 1e-1000,
    // 2.5e-30): scientific notation, still exact.
    let (n, d) = (r.numer().abs().to_string(), r.denom().to_string());
    if power_of_ten(&d) && d.len() > 13 {
        return scientific(r.is_negative(), &n, d.len() - 1);
    }
    // A terminating decimal of at most 12 digits after the point.
    let mut scaled = r.clone();
    for digits in 1..=12 {
        scaled *= BigRational::from_integer(BigInt::from(10));
        if scaled.is_integer() {
            let s = scaled.numer().abs().to_string();
            let s = format!("{s:0>width$}", width = digits + 1);
            let (int, frac) = s.split_at(s.len() - digits);
            let sign = if r.is_negative() { "-" } else { "" };
            return format!("{sign}{int}.{frac}");
        }
    }
    format!("{}/{}", r.numer(), r.denom())
}

/// Whether a string of digits is a power of ten (`1`, `10`, `1000`, …).
fn power_of_ten(digits: &str) -> bool {
    digits.starts_with('1') && digits[1..].bytes().all(|b| b == b'0')
}

/// `digits × 10^-shift` in scientific notation, exactly: `2.5e-30`.
fn scientific(negative: bool, digits: &str, shift: usize) -> String {
    let significant = digits.trim_end_matches('0');
    let exponent = digits.len() as i64 - 1 - shift as i64;
    let (lead, rest) = significant.split_at(1);
    let point = if rest.is_empty() { String::new() } else { format!(".{rest}") };
    let sign = if negative { "-" } else { "" };
    format!("{sign}{lead}{point}e{exponent}")
}

/// [`format_rational`] for a person: a numerator or denominator of more than
/// 24 digits is shown in scientific notation with four significant digits,
/// marked approximate (`≈1.000e1000`).
pub fn format_rational_bounded(r: &BigRational) -> String {
    let (n, d) = (r.numer().abs().to_string(), r.denom().to_string());
    // Short, or exactly m × 10^k with a short m (1e-40): exact is readable.
    if n.len() <= 24 && d.len() <= 24 || power_of_ten(&d) && n.trim_end_matches('0').len() <= 17 {
        return format_rational(r);
    }
    let lead = |digits: &str| -> f64 { digits[..digits.len().min(17)].parse().unwrap_or(f64::NAN) };
    let exponent = |digits: &str| digits.len() as i64 - digits.len().min(17) as i64;
    let mut mantissa = lead(&n) / lead(&d);
    let mut power = exponent(&n) - exponent(&d);
    while mantissa >= 10.0 {
        mantissa /= 10.0;
        power += 1;
    }
    while mantissa > 0.0 && mantissa < 1.0 {
        mantissa *= 10.0;
        power -= 1;
    }
    let sign = if r.is_negative() { "-" } else { "" };
    format!("≈{sign}{mantissa:.3}e{power}")
}

impl fmt::Display for Expr {
    /// The `check` syntax, fully parenthesised, to show how a formula was read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Num(r) if r.is_negative() || !r.is_integer() && !r.denom().is_one() => {
                write!(f, "({})", format_rational(r))
            }
            Expr::Num(r) => write!(f, "{}", format_rational(r)),
            Expr::Sym(s) => write!(f, "{}", s.name()),
            Expr::Neg(x) => write!(f, "(-{x})"),
            Expr::Call(func, x) => write!(f, "{}({x})", func.name()),
            Expr::Bin(op, x, y) => write!(f, "({x} {} {y})", op.symbol()),
            Expr::Diff(x) => write!(f, "d/da_j({x})"),
            Expr::Cases(bs) => {
                let shown: Vec<String> = bs
                    .iter()
                    .map(|(e, c)| {
                        let c = match c {
                            Cond::Diagonal => "if i = j",
                            Cond::OffDiagonal => "if i != j",
                            Cond::Otherwise => "otherwise",
                        };
                        format!("{e} {c}")
                    })
                    .collect();
                write!(f, "{{{}}}", shown.join("; "))
            }
            Expr::Sum(x, None) => write!(f, "sum({x})"),
            Expr::Sum(x, Some(Except::I)) => write!(f, "sum_{{k!=i}}({x})"),
            Expr::Sum(x, Some(Except::J)) => write!(f, "sum_{{k!=j}}({x})"),
        }
    }
}

/// A formula that does not parse: where, and what was expected, with a caret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line of the error in the text parsed.
    pub line: usize,
    /// 1-based column of the error.
    pub column: usize,
    /// The offending line with a caret under the error, and what was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}:\n{}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ParseError {}

impl ParseError {
    /// An error at (`line`, `column`) of `text`: that line (a window of it
    /// when it is long), a caret under the column (tabs kept so the caret
    /// lines up), and `what` after the caret.
    pub fn at(text: &str, line: usize, column: usize, what: &str) -> ParseError {
        let shown: Vec<char> = text.lines().nth(line.saturating_sub(1)).unwrap_or("").chars().collect();
        let caret = column.saturating_sub(1).min(shown.len());
        let (start, end) = if shown.len() > 100 {
            (caret.saturating_sub(50), (caret + 30).min(shown.len()))
        } else {
            (0, shown.len())
        };
        let window: String = shown[start..end].iter().collect();
        let before = if start > 0 { "…" } else { "" };
        let after = if end < shown.len() { "…" } else { "" };
        let pad: String = shown[start..caret].iter().map(|&c| if c == '\t' { '\t' } else { ' ' }).collect();
        let lead = if start > 0 { " " } else { "" };
        ParseError { line, column, message: format!("  {before}{window}{after}\n  {lead}{pad}^ {what}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(parse_decimal("0.1"), Some(q(1, 10)));
        assert_eq!(parse_decimal("1e-3"), Some(q(1, 1000)));
        assert_eq!(parse_decimal("2.5E2"), Some(q(250, 1)));
        assert_eq!(parse_decimal("0."), Some(q(0, 1)));
        assert_eq!(parse_decimal(".5"), Some(q(1, 2)));
        assert_eq!(parse_decimal("1e20").unwrap() + q(1, 1) - parse_decimal("1e20").unwrap(), q(1, 1));
        assert_eq!(parse_decimal("."), None);
        assert_eq!(parse_decimal("1e9999999"), None);
        assert!(check_limits("1e-1000000*S_i").is_err());
        assert!(check_limits("1e-1000*S_i + S_e").is_ok());
    }

    #[test]
    fn rationals_print_readably() {
        assert_eq!(format_rational(&q(1, 1000)), "0.001");
        assert_eq!(format_rational(&q(-5, 2)), "-2.5");
        assert_eq!(format_rational(&q(1, 3)), "1/3");
        assert_eq!(format_rational(&q(42, 1)), "42");
        assert_eq!(format_rational(&parse_decimal("1e300").unwrap()), "1e300");
        assert_eq!(format_rational(&parse_decimal("100000000000000000001").unwrap()), "1.00000000000000000001e20");
    }
}
