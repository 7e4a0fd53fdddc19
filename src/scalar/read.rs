//! The LaTeX of one row of real numbers, read into [`SExpr`] with the
//! definitions of the rows above it ([`Context`]).
//!
//! Read: numbers (a decimal is exact), names (`x`, `z_1`, `\hat{y}_2`,
//! `\alpha`, `L_{pred}`, `\text{EC}`), `+ - \cdot \times * /`, products side
//! by side, `\frac`, integer powers, `e^{…}`, `\exp`, `\ln`, `\log` (natural),
//! `\tanh`, the sigmoid by name, softmax of a list written out
//! (`\text{softmax}_1([x, 0])`, `\text{softmax}([x, 0])_1`), functions of one
//! variable the post defines (`\sigma(x) = …`), and derivatives
//! `\frac{dF}{dv}`, `\frac{\partial F}{\partial v}`, `\frac{\delta F}{\delta v}`.
//! Refused, each with its reason: an index letter (`x_i`: such relations are
//! read in the post's notation), `e` alone, a run of three letters or more
//! (`sum`: a word or a product?), a digit right after a letter (`x1`), sums,
//! maxima, vectors, roots and anything else.

use super::{Context, Row, SExpr};
use num_bigint::BigInt;
use num_rational::BigRational;

/// A token of the row.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// `\name`.
    Cmd(String),
    /// A run of digits, maybe with one decimal point.
    Num(String),
    /// Any other character.
    Ch(char),
}

/// Spacing and sizing commands, read as nothing.
const IGNORED: [&str; 20] = [
    "\\,",
    "\\;",
    "\\:",
    "\\!",
    "\\ ",
    "\\quad",
    "\\qquad",
    "\\displaystyle",
    "\\left",
    "\\right",
    "\\big",
    "\\Big",
    "\\bigg",
    "\\Bigg",
    "\\bigl",
    "\\bigr",
    "\\Bigl",
    "\\Bigr",
    "\\textstyle",
    "\\nonumber",
];

/// The Greek letters read as names.
const GREEK: [&str; 17] = [
    "\\alpha",
    "\\beta",
    "\\gamma",
    "\\theta",
    "\\lambda",
    "\\mu",
    "\\nu",
    "\\rho",
    "\\tau",
    "\\phi",
    "\\psi",
    "\\omega",
    "\\eta",
    "\\kappa",
    "\\xi",
    "\\zeta",
    "\\epsilon",
];

/// `\mathrm{d}` (`\text{d}`, `\operatorname{d}`, `\textrm{d}`) as one token: the upright d of a derivative.
const UPRIGHT_D: &str = "\\mathrm{d}";

fn tokenize(text: &str) -> Vec<Tok> {
    let raw = tokenize_raw(text);
    if raw.len() > MAX_TOKENS {
        // Too long to read: one token no rule reads.
        return vec![Tok::Cmd("\\toolong".into())];
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let upright = matches!(&raw[k], Tok::Cmd(c) if ["\\mathrm", "\\text", "\\operatorname", "\\textrm"].contains(&c.as_str()))
            && raw.get(k + 1) == Some(&Tok::Ch('{'))
            && raw.get(k + 2) == Some(&Tok::Ch('d'))
            && raw.get(k + 3) == Some(&Tok::Ch('}'));
        if upright {
            out.push(Tok::Cmd(UPRIGHT_D.to_string()));
            k += 4;
        } else {
            out.push(raw[k].clone());
            k += 1;
        }
    }
    out
}

fn tokenize_raw(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_whitespace() || c == '&' {
            k += 1;
        } else if c == '\\' {
            let start = k;
            k += 1;
            if k < chars.len() && chars[k].is_ascii_alphabetic() {
                while k < chars.len() && chars[k].is_ascii_alphabetic() {
                    k += 1;
                }
            } else {
                k += 1;
            }
            let cmd: String = chars[start..k.min(chars.len())].iter().collect();
            if !IGNORED.contains(&cmd.as_str()) {
                out.push(Tok::Cmd(cmd));
            }
        } else if c.is_ascii_digit() || (c == '.' && chars.get(k + 1).is_some_and(char::is_ascii_digit)) {
            let start = k;
            let mut dot = false;
            while k < chars.len()
                && (chars[k].is_ascii_digit()
                    || (chars[k] == '.' && !dot && chars.get(k + 1).is_some_and(char::is_ascii_digit)))
            {
                dot |= chars[k] == '.';
                k += 1;
            }
            out.push(Tok::Num(chars[start..k].iter().collect()));
        } else {
            out.push(Tok::Ch(c));
            k += 1;
        }
    }
    out
}

/// Why a row is not read.
pub(crate) type Refusal = String;

struct Parser<'a> {
    ts: Vec<Tok>,
    k: usize,
    ctx: &'a Context,
}

/// The most nested groups read.
const MAX_DEPTH: usize = 64;

/// The most nodes a member may have once the definitions are replaced (a
/// chain of definitions may double its size at each one).
const MAX_NODES: usize = 20_000;

/// The deepest a member's tree may be (every function on it recurses).
const MAX_TREE_DEPTH: usize = 1_000;

/// The most tokens a row may have (a sum of 10 000 terms would nest as deep).
const MAX_TOKENS: usize = 2_000;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.ts.get(self.k)
    }

    fn is(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Ch(c))
    }

    fn is_cmd(&self, c: &str) -> bool {
        matches!(self.peek(), Some(Tok::Cmd(x)) if x == c)
    }

    fn eat(&mut self, c: char) -> Result<(), Refusal> {
        if self.is(c) {
            self.k += 1;
            Ok(())
        } else {
            Err(format!("expected `{c}`"))
        }
    }

    fn expr(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        if depth > MAX_DEPTH {
            return Err("too deeply nested".into());
        }
        let negative = if self.is('-') {
            self.k += 1;
            true
        } else {
            if self.is('+') {
                self.k += 1;
            }
            false
        };
        let first = self.term(depth)?;
        let mut acc = if negative { SExpr::neg(first) } else { first };
        loop {
            if self.is('+') {
                self.k += 1;
                acc = SExpr::add(acc, self.term(depth)?);
            } else if self.is('-') {
                self.k += 1;
                acc = SExpr::sub(acc, self.term(depth)?);
            } else {
                return Ok(acc);
            }
        }
    }

    fn term(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        let mut acc = self.power(depth)?;
        let mut last_number = matches!(acc, SExpr::Num(_));
        loop {
            if self.is_cmd("\\cdot") || self.is_cmd("\\times") || self.is('*') {
                self.k += 1;
                let negative = self.is('-');
                if negative {
                    self.k += 1;
                }
                let f = self.power(depth)?;
                acc = SExpr::mul(acc, if negative { SExpr::neg(f) } else { f });
                last_number = false;
            } else if self.is('/') {
                self.k += 1;
                acc = SExpr::div(acc, self.power(depth)?);
                if self.starts_atom() {
                    return Err("`a/bc`: a/(bc), or (a/b)c? (write \\frac)".into());
                }
                last_number = false;
            } else if self.starts_atom() {
                if last_number && matches!(self.peek(), Some(Tok::Num(_))) {
                    return Err("two numbers side by side".into());
                }
                let f = self.power(depth)?;
                last_number = matches!(f, SExpr::Num(_));
                acc = SExpr::mul(acc, f);
            } else {
                return Ok(acc);
            }
        }
    }

    fn starts_atom(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_)) => true,
            Some(Tok::Ch(c)) => c.is_ascii_alphabetic() || matches!(c, '(' | '[' | '{'),
            Some(Tok::Cmd(c)) => !matches!(c.as_str(), "\\cdot" | "\\times" | "\\\\" | "\\approx" | "\\neq" | "\\ne"),
            None => false,
        }
    }

    fn power(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        let euler = self.is('e') && self.ts.get(self.k + 1) == Some(&Tok::Ch('^'));
        if euler {
            self.k += 2;
            let exponent = self.argument(depth)?;
            return Ok(SExpr::exp(exponent));
        }
        let base = self.atom(depth)?;
        self.raised(base, depth)
    }

    /// `base` raised to the power written after it, if any.
    fn raised(&mut self, base: SExpr, depth: usize) -> Result<SExpr, Refusal> {
        if self.is('\'') {
            return Err("a prime: the derivative of what, with respect to what?".into());
        }
        if !self.is('^') {
            return Ok(base);
        }
        self.k += 1;
        if self.is('{') && self.ts.get(self.k + 1) == Some(&Tok::Ch('(')) {
            return Err("a superscript in brackets (`w^{(1)}`): a label, or a power?".into());
        }
        let exponent = self.argument(depth)?;
        match exponent {
            SExpr::Num(r) if r.is_integer() && r.numer().bits() < 16 => {
                let k: i64 = r.to_integer().try_into().map_err(|_| "a power too large".to_string())?;
                Ok(SExpr::Pow(Box::new(base), k))
            }
            SExpr::Neg(inner) if matches!(&*inner, SExpr::Num(r) if r.is_integer() && r.numer().bits() < 16) => {
                let SExpr::Num(r) = *inner else { unreachable!() };
                let k: i64 = r.to_integer().try_into().map_err(|_| "a power too large".to_string())?;
                Ok(SExpr::Pow(Box::new(base), -k))
            }
            _ => Err("a power that is not a whole number".into()),
        }
    }

    /// A superscript's or a function's argument: a group, or one token.
    fn argument(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        if self.is('{') {
            self.k += 1;
            let e = self.expr(depth + 1)?;
            self.eat('}')?;
            return Ok(e);
        }
        match self.peek().cloned() {
            Some(Tok::Num(n)) if n.len() == 1 => {
                self.k += 1;
                Ok(number(&n))
            }
            Some(Tok::Num(n)) => {
                // TeX takes one digit: `e^12` is e¹ 2.
                Err(format!("a superscript `{n}` without braces: TeX raises only its first digit"))
            }
            Some(Tok::Ch('-')) => Err("a superscript `-…` without braces".into()),
            _ => self.atom(depth + 1),
        }
    }

    fn atom(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        if depth > MAX_DEPTH {
            return Err("too deeply nested".into());
        }
        let Some(t) = self.peek().cloned() else {
            return Err("an expression ends too early".into());
        };
        match t {
            Tok::Num(n) => {
                self.k += 1;
                Ok(number(&n))
            }
            Tok::Ch(open @ ('(' | '[' | '{')) => {
                let close = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                self.k += 1;
                let e = self.expr(depth + 1)?;
                if self.is(',') {
                    return Err("a list of numbers (a vector), not one number".into());
                }
                self.eat(close)?;
                Ok(e)
            }
            Tok::Ch(c) if c.is_ascii_alphabetic() => self.letters(depth),
            Tok::Cmd(c) => self.command(&c, depth),
            Tok::Ch(c) => Err(format!("`{c}` where an expression was expected")),
        }
    }

    /// A function's argument after its name: parenthesised, braced, or one atom (its power included).
    /// A function `f` applied to the argument after its name: bracketed (a power after the
    /// bracket is the value's: `\tanh(x)^2` is $(\tanh x)^2$), or one factor (its power
    /// is the argument's: `\ln x^2` is $\ln(x^2)$, as it renders).
    fn call(&mut self, depth: usize, f: impl FnOnce(SExpr) -> SExpr) -> Result<SExpr, Refusal> {
        if self.is('(') || self.is('{') || self.is('[') {
            let a = self.atom(depth + 1)?;
            let value = f(a);
            return self.raised(value, depth);
        }
        let a = self.power(depth + 1)?;
        if self.starts_atom() {
            return Err("a function's argument without brackets followed by a factor: of which is it?".into());
        }
        Ok(f(a))
    }

    fn command(&mut self, c: &str, depth: usize) -> Result<SExpr, Refusal> {
        match c {
            "\\frac" | "\\dfrac" | "\\tfrac" => {
                self.k += 1;
                self.fraction(depth)
            }
            "\\exp" => {
                self.k += 1;
                self.call(depth, SExpr::exp)
            }
            "\\ln" => {
                self.k += 1;
                self.call(depth, SExpr::ln)
            }
            "\\log" => {
                self.k += 1;
                self.call(depth, |a| SExpr::Log(Box::new(a)))
            }
            "\\tanh" => {
                self.k += 1;
                self.call(depth, tanh)
            }
            "\\mathrm"
                if self.ts.get(self.k + 1) == Some(&Tok::Ch('{'))
                    && self.ts.get(self.k + 2) == Some(&Tok::Ch('e'))
                    && self.ts.get(self.k + 3) == Some(&Tok::Ch('}')) =>
            {
                self.k += 4;
                if self.is('^') {
                    self.k += 1;
                    return Ok(SExpr::exp(self.argument(depth)?));
                }
                Ok(SExpr::exp(SExpr::num(1)))
            }
            "\\text" | "\\mathrm" | "\\operatorname" => {
                self.k += 1;
                let word = self.braced_word()?;
                self.word(&word, depth)
            }
            "\\hat" | "\\bar" | "\\tilde" => {
                self.k += 1;
                let inner = if self.is('{') {
                    let w = self.braced_word()?;
                    format!("{c}{{{w}}}")
                } else {
                    match self.peek().cloned() {
                        Some(Tok::Ch(l)) if l.is_ascii_alphabetic() => {
                            self.k += 1;
                            format!("{c}{{{l}}}")
                        }
                        _ => return Err(format!("`{c}` of what?")),
                    }
                };
                self.name(inner, depth)
            }
            g if GREEK.contains(&g) || g == "\\sigma" => {
                self.k += 1;
                self.name(g.to_string(), depth)
            }
            _ => Err(format!("`{c}` is not read among real numbers")),
        }
    }

    /// The letters of `{…}` (a word).
    fn braced_word(&mut self) -> Result<String, Refusal> {
        self.eat('{')?;
        let mut w = String::new();
        while let Some(Tok::Ch(c)) = self.peek().cloned() {
            if c == '}' {
                break;
            }
            if !(c.is_alphanumeric() || c == '-') {
                return Err("a text that is not one word".into());
            }
            w.push(c);
            self.k += 1;
        }
        self.eat('}')?;
        if w.is_empty() {
            return Err("an empty text".into());
        }
        Ok(w)
    }

    /// A word as a name or a function (`softmax`, `sigmoid`, `tanh`, `exp`, `log`, `ln`).
    fn word(&mut self, w: &str, depth: usize) -> Result<SExpr, Refusal> {
        match w {
            "exp" => self.call(depth, SExpr::exp),
            "ln" => self.call(depth, SExpr::ln),
            "log" => self.call(depth, |a| SExpr::Log(Box::new(a))),
            "tanh" => self.call(depth, tanh),
            "sigmoid" => self.call(depth, sigmoid),
            "softmax" => self.softmax(depth),
            "max" | "min" | "argmax" | "argmin" | "sum" => Err(format!("`{w}`: not read among real numbers")),
            _ => self.name(format!("\\text{{{w}}}"), depth),
        }
    }

    /// A run of letters: a word the tool knows, else one or two letters (a product).
    fn letters(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        let mut run = String::new();
        let mut m = self.k;
        while let Some(Tok::Ch(c)) = self.ts.get(m) {
            if !c.is_ascii_alphabetic() {
                break;
            }
            run.push(*c);
            m += 1;
        }
        for w in ["softmax", "sigmoid", "tanh", "exp", "log", "ln", "max", "min", "sum"] {
            if run == w {
                self.k += w.len();
                return self.word(w, depth);
            }
        }
        if run.len() >= 3 {
            return Err(format!("`{run}`: a word, or a product of its letters? (write \\text{{{run}}} or put spaces)"));
        }
        let c = run.chars().next().unwrap_or('?');
        if c == 'e' {
            return Err("`e` alone: Euler's number or a name? (write e^{1} or \\mathrm{e})".into());
        }
        self.k += 1;
        if matches!(self.peek(), Some(Tok::Num(_))) {
            return Err(format!("`{c}` followed by a digit: a name (write {c}_1) or a product?"));
        }
        self.name(c.to_string(), depth)
    }

    /// A name and its subscript, its value if the post defines it, or a function the post defines applied.
    fn name(&mut self, base: String, depth: usize) -> Result<SExpr, Refusal> {
        let mut name = base;
        if self.is('_') {
            self.k += 1;
            let sub = match self.peek().cloned() {
                Some(Tok::Num(n)) if n.len() == 1 => {
                    self.k += 1;
                    n
                }
                Some(Tok::Ch('{')) => {
                    let w = self.braced_word()?;
                    if w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()) {
                        return Err(format!(
                            "the index letter `{w}`: a relation about every index is read in the post's notation"
                        ));
                    }
                    w
                }
                Some(Tok::Ch(c)) if c.is_ascii_alphabetic() => {
                    return Err(format!(
                        "the index letter `{c}`: a relation about every index is read in the post's notation"
                    ));
                }
                _ => return Err("a subscript the tool does not read".into()),
            };
            name = format!("{name}_{sub}");
        }
        if self.is('(') {
            if let Some((_, param, body, _)) = self.ctx.functions.iter().find(|f| f.0 == name) {
                let (param, body) = (param.clone(), body.clone());
                return self.call(depth, |arg| body.replace(&param, &arg));
            }
            if name == "\\sigma" {
                return Err(
                    "`\\sigma(…)`: the sigmoid or softmax? the post does not define it as a function of one number"
                        .into(),
                );
            }
        }
        if name == "\\sigma" {
            return Err("`\\sigma` alone: not read among real numbers".into());
        }
        // `g(x)` of a name the post gives no value: a function it does not define, or a product?
        if self.is('(') && !self.ctx.values.iter().any(|v| v.0 == name) {
            return Err(format!("`{name}(…)`: a function the post does not define here, or a product?"));
        }
        Ok(SExpr::Var(name))
    }

    /// `\frac{A}{B}`, or a derivative `\frac{dF}{dv}` (`\partial`, `\delta`), or the operator `\frac{d}{dv}` before a factor.
    fn fraction(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        let num = self.group_range()?;
        let den = self.group_range()?;
        let mark = |t: Option<&Tok>| match t {
            Some(Tok::Ch('d')) => Some("d"),
            Some(Tok::Cmd(c)) if c == UPRIGHT_D => Some("d"),
            Some(Tok::Cmd(c)) if c == "\\partial" || c == "\\delta" => {
                Some(if c == "\\partial" { "∂" } else { "δ" })
            }
            _ => None,
        };
        let (n0, d0) = (mark(self.ts.get(num.0)), mark(self.ts.get(den.0)));
        if let (Some(a), Some(b)) = (n0, d0) {
            if a == b && den.1 > den.0 + 1 {
                let v = self.variable_in(den.0 + 1, den.1)?;
                let inner = num.0 + 1..num.1;
                let body = if inner.is_empty() {
                    // `\frac{d}{dv} F`: of the factor after it — one factor only (`\frac{d}{dx} x e^x`:
                    // of x, or of x e^x?).
                    let f = self.power(depth)?;
                    if self.starts_atom()
                        || self.is_cmd("\\cdot")
                        || self.is_cmd("\\times")
                        || self.is('*')
                        || self.is('/')
                        || self.is('+')
                        || self.is('-')
                    {
                        return Err(
                            "`\\frac{d}{dx}` before a product or a sum: of its first term, or of all of it? (bracket it)"
                                .into(),
                        );
                    }
                    f
                } else {
                    self.sub_expr(inner, depth)?
                };
                return self.ctx.derivative(&body, &v);
            }
        }
        let a = self.sub_expr(num.0..num.1, depth)?;
        let b = self.sub_expr(den.0..den.1, depth)?;
        Ok(SExpr::div(a, b))
    }

    /// The variable written in `ts[from..to]` (`x`, `z_1`), by its name.
    fn variable_in(&self, from: usize, to: usize) -> Result<String, Refusal> {
        let mut p = Parser { ts: self.ts[from..to].to_vec(), k: 0, ctx: &EMPTY };
        match p.atom(0)? {
            SExpr::Var(v) if p.k == p.ts.len() => Ok(v),
            _ => Err("a derivative with respect to something that is not one variable".into()),
        }
    }

    /// `ts[range]` read as an expression with this row's definitions.
    fn sub_expr(&self, range: std::ops::Range<usize>, depth: usize) -> Result<SExpr, Refusal> {
        let mut p = Parser { ts: self.ts[range].to_vec(), k: 0, ctx: self.ctx };
        let e = p.expr(depth + 1)?;
        if p.k != p.ts.len() {
            return Err("a fraction's part the tool does not read whole".into());
        }
        Ok(e)
    }

    /// The token range inside the braces at the cursor; the cursor moves past them.
    fn group_range(&mut self) -> Result<(usize, usize), Refusal> {
        self.eat('{')?;
        let start = self.k;
        let mut level = 1usize;
        while let Some(t) = self.peek() {
            match t {
                Tok::Ch('{') => level += 1,
                Tok::Ch('}') => {
                    level -= 1;
                    if level == 0 {
                        let end = self.k;
                        self.k += 1;
                        return Ok((start, end));
                    }
                }
                _ => {}
            }
            self.k += 1;
        }
        Err("an unclosed brace".into())
    }

    /// `softmax_k([u_1, …, u_n])` or `softmax([u_1, …, u_n])_k`: $e^{u_k} / \sum_m e^{u_m}$.
    fn softmax(&mut self, depth: usize) -> Result<SExpr, Refusal> {
        let mut index = self.subscript_number()?;
        let wrapped = self.is('(');
        if wrapped {
            self.k += 1;
        }
        self.eat('[')?;
        let mut items = vec![self.expr(depth + 1)?];
        while self.is(',') {
            self.k += 1;
            items.push(self.expr(depth + 1)?);
        }
        self.eat(']')?;
        if wrapped {
            self.eat(')')?;
        }
        if index.is_none() {
            index = self.subscript_number()?;
        }
        let k = index.ok_or("softmax of a list without the entry it gives".to_string())?;
        let chosen = items.get(k.wrapping_sub(1)).ok_or("softmax at an entry beyond its list".to_string())?;
        let total = items.iter().cloned().map(SExpr::exp).reduce(SExpr::add).ok_or("an empty list".to_string())?;
        Ok(SExpr::div(SExpr::exp(chosen.clone()), total))
    }

    /// `_1`, `_{2}` at the cursor: the number.
    fn subscript_number(&mut self) -> Result<Option<usize>, Refusal> {
        if !self.is('_') {
            return Ok(None);
        }
        self.k += 1;
        let braced = self.is('{');
        if braced {
            self.k += 1;
        }
        let n = match self.peek().cloned() {
            Some(Tok::Num(n)) if !n.contains('.') => {
                n.parse::<usize>().map_err(|_| "an entry too large".to_string())?
            }
            _ => return Err("softmax at an entry the tool does not read (an index letter?)".into()),
        };
        self.k += 1;
        if braced {
            self.eat('}')?;
        }
        Ok(Some(n))
    }
}

/// No definitions.
static EMPTY: Context = Context { values: Vec::new(), functions: Vec::new(), unread: Vec::new() };

fn number(text: &str) -> SExpr {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits: BigInt = format!("{int}{frac}").parse().unwrap_or_default();
    let n = u32::try_from(frac.len()).unwrap_or(0);
    let value = BigRational::new(digits, BigInt::from(10).pow(n));
    if text.contains('.') {
        SExpr::Dec(value, n)
    } else {
        SExpr::Num(value)
    }
}

fn sigmoid(u: SExpr) -> SExpr {
    SExpr::div(SExpr::num(1), SExpr::add(SExpr::num(1), SExpr::exp(SExpr::neg(u))))
}

fn tanh(u: SExpr) -> SExpr {
    let (p, m) = (SExpr::exp(u.clone()), SExpr::exp(SExpr::neg(u)));
    SExpr::div(SExpr::sub(p.clone(), m.clone()), SExpr::add(p, m))
}

/// One expression alone (for tests and the exact layer's own checks).
#[cfg(test)]
pub(crate) fn read_expr(text: &str) -> Result<SExpr, Refusal> {
    let mut p = Parser { ts: tokenize(text), k: 0, ctx: &EMPTY };
    let e = p.expr(0)?;
    if p.k != p.ts.len() {
        return Err("left over".into());
    }
    Ok(e)
}

/// What one row of the post is, among real numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// It defines names (and claims nothing else).
    Defines(Vec<String>),
    /// A relation to decide (after the names it defines, if any: `Row::offset` counts them).
    Claims(Row),
    /// It gives a name the value it was defined with (at that line): it claims nothing new.
    Restates(String, usize),
}

impl Context {
    /// `e` with every name the post defines replaced by its value, but `keep`
    /// (a name may be defined below a row that uses it: `z = 2x + y`, then
    /// `x = a - 3b`). A definition never reaches back to its own name (see
    /// [`Context::read`]), so as many passes as there are definitions end it.
    ///
    /// # Errors
    /// When the result would be larger than [`MAX_NODES`] or deeper than [`MAX_TREE_DEPTH`].
    fn expand(&self, e: &SExpr, keep: Option<&str>) -> Result<SExpr, Refusal> {
        let too_large = || "too large once the post's definitions are replaced".to_string();
        let mut out = e.clone();
        for _ in 0..=self.values.len() {
            let names = out.variables();
            let mut changed = false;
            for (name, value, _) in &self.values {
                if Some(name.as_str()) != keep && names.contains(name) {
                    // Checked before the tree is built: each occurrence becomes a copy of the value.
                    let grown = out.occurrences(name).saturating_mul(value.size()).saturating_add(out.size());
                    if grown > MAX_NODES {
                        return Err(too_large());
                    }
                    out = out.replace(name, value);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if out.depth() > MAX_TREE_DEPTH {
            return Err(too_large());
        }
        Ok(out.simplified())
    }

    /// $\partial F/\partial v$, the names the post defines replaced but `v`, then `v` too.
    ///
    /// # Errors
    /// When `F` does not use `v` once its definitions are replaced (`\frac{dy}{du}` of a `y`
    /// the post does not define, the chain rule written with functions it does not give):
    /// its derivative would be 0 only because the tool does not know how `F` depends on `v`.
    fn derivative(&self, f: &SExpr, v: &str) -> Result<SExpr, Refusal> {
        let expanded = self.expand(f, Some(v))?;
        // A derivative's tree may be several times its function's: bounded before it is built.
        if expanded.size() > MAX_NODES / 8 {
            return Err("a derivative of an expression too large".into());
        }
        if !expanded.variables().iter().any(|x| x == v) {
            return Err(format!(
                "a derivative with respect to `{v}` of something the post does not write as a function of `{v}`"
            ));
        }
        let d = expanded.derivative(v).simplified();
        self.expand(&d, None)
    }

    /// Reads one row (`latex`, at `line`): definitions are remembered for the rows below.
    ///
    /// # Errors
    /// Why the row is not read among real numbers.
    pub(crate) fn read(&mut self, latex: &str, line: usize) -> Result<Reading, Refusal> {
        let ts = tokenize(latex);
        let members = split_members(&ts)?;
        // Leading members that are names (or calls `f(v)`) not yet defined are definitions.
        let mut defined: Vec<String> = Vec::new();
        let mut functions: Vec<(String, String)> = Vec::new();
        let mut first_value = 0;
        for (k, m) in members.iter().enumerate() {
            if k + 1 == members.len() {
                break;
            }
            match definition_target(m) {
                Some(Target::Name(n)) if self.value_of(&n).is_none() && !self.is_unread(&n) => defined.push(n),
                // `L = -\ln(1) = 0` after a definition of `L` the tool did not read: the rest is decided.
                Some(Target::Name(n)) if k == 0 && self.value_of(&n).is_none() => {}
                Some(Target::Name(n)) if k == 0 && members.len() == 2 && self.restates(&n, &members[1]) => {
                    let at = self.value_of(&n).map_or(0, |v| v.2);
                    return Ok(Reading::Restates(n, at));
                }
                Some(Target::Name(n)) if k == 0 => {
                    let at = self.value_of(&n).map_or(0, |v| v.2);
                    // Its value from here on is not known: the rows below that use it are not read.
                    self.values.retain(|v| v.0 != n);
                    self.unread.push((n.clone(), line));
                    return Err(format!(
                        "`{n}` is defined above (line {at}): a new definition, or a claim about it? not read"
                    ));
                }
                Some(Target::Call(f, v)) => match self.functions.iter().find(|x| x.0 == f) {
                    None if !self.is_unread(&f) => functions.push((f, v)),
                    // Its own definition, learned before the walk (`learn_function`).
                    Some(earlier) if earlier.3 == line && members.len() == 2 => return Ok(Reading::Defines(vec![f])),
                    None => return Err(format!("`{f}` is defined above, in a row the tool does not read")),
                    Some(earlier) => {
                        let at = earlier.3;
                        self.functions.retain(|x| x.0 != f);
                        self.unread.push((f.clone(), line));
                        return Err(format!(
                            "`{f}` is defined above (line {at}): a new definition, or a claim about it? not read"
                        ));
                    }
                },
                _ => break,
            }
            first_value = k + 1;
        }
        let value_text = &members[first_value];
        let parsed = self.parse(value_text);
        let value = match parsed {
            Ok(v) => v,
            Err(why) => {
                for n in defined.iter().chain(functions.iter().map(|f| &f.0)) {
                    self.unread.push((n.clone(), line));
                }
                return Err(why);
            }
        };
        for (f, v) in &functions {
            if value.variables().iter().any(|x| x == f) {
                return Err("a definition that uses its own name".into());
            }
            self.functions.push((f.clone(), v.clone(), value.clone(), line));
        }
        for n in &defined {
            if self.expand(&value, None)?.variables().iter().any(|x| x == n) {
                self.unread.push((n.clone(), line));
                return Err(format!("`{n}` defined with itself"));
            }
            self.values.push((n.clone(), value.clone(), line));
        }
        let names: Vec<String> = defined.into_iter().chain(functions.into_iter().map(|f| f.0)).collect();
        let rest = &members[first_value..];
        if rest.len() < 2 {
            return if names.is_empty() { Err("not a relation".into()) } else { Ok(Reading::Defines(names)) };
        }
        self.claims(rest).map(|row| Reading::Claims(Row { offset: first_value, ..row }))
    }

    /// The members read as claims, every definition replaced.
    fn claims(&self, rest: &[Vec<Tok>]) -> Result<Row, Refusal> {
        let mut read = Vec::with_capacity(rest.len());
        // A definition written with decimals, replaced, may copy them (no longer one value each).
        let mut copies_decimals = false;
        for m in rest {
            let parsed = self.parse(m)?;
            copies_decimals |= self.values.iter().any(|(n, v, _)| v.decimals() > 0 && parsed.variables().contains(n));
            // A function the post defines, applied, may copy or drop decimals: not counted.
            let text = written(m);
            copies_decimals |= self.functions.iter().any(|f| text.contains(f.0.as_str()));
            let e = self.expand(&parsed, None)?;
            if e.size() > MAX_NODES {
                return Err("a member too large once the post's definitions are replaced".into());
            }
            read.push(e);
        }
        // Claimed for every value of its free variables only when every member uses all of them.
        let all: Vec<String> = read.iter().flat_map(SExpr::variables).fold(Vec::new(), |mut acc, v| {
            if !acc.contains(&v) {
                acc.push(v);
            }
            acc
        });
        if read.iter().any(|m| all.iter().any(|v| !m.variables().contains(v))) {
            return Err(format!(
                "a member without {} beside one with it: an equation that gives a value, not an identity",
                all.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        let derivative = rest.iter().any(|m| writes_derivative(m));
        let written = rest.iter().flatten().filter(|t| matches!(t, Tok::Num(n) if n.contains('.'))).count();
        let written_decimals = if copies_decimals { 0 } else { written };
        Ok(Row { members: read, derivative, offset: 0, written_decimals })
    }

    /// Learns `f(v) = body` when `body` uses no name but `v` (a closed definition of a
    /// function of one number), before the rows are read in order.
    pub(crate) fn learn_function(&mut self, latex: &str, line: usize) {
        let Ok(members) = split_members(&tokenize(latex)) else { return };
        let [target, body] = members.as_slice() else { return };
        let Some(Target::Call(f, v)) = definition_target(target) else { return };
        let Ok(body) = Parser { ts: body.clone(), k: 0, ctx: &EMPTY }.expr(0) else { return };
        if body.variables().iter().all(|x| *x == v) && !body.variables().is_empty() {
            self.functions.push((f, v, body, line));
        }
    }

    /// Keeps the functions [`Context::learn_function`] found defined once only (two
    /// definitions of one name: neither holds for the whole post).
    pub(crate) fn keep_functions_defined_once(&mut self) {
        let names: Vec<String> = self.functions.iter().map(|f| f.0.clone()).collect();
        self.functions.retain(|f| names.iter().filter(|n| **n == f.0).count() == 1);
    }

    /// Whether `value` is, as written, the value `name` was defined with.
    fn restates(&self, name: &str, value: &[Tok]) -> bool {
        let written = Parser { ts: value.to_vec(), k: 0, ctx: self }.expr(0);
        matches!((written, self.value_of(name)), (Ok(w), Some((_, v, _))) if w == *v)
    }

    /// Reads `W = X …`: a row `= X …` that continues a row ending in `W`; its members are
    /// claims only (`W` is no definition, whatever it is).
    ///
    /// # Errors
    /// Why it is not read among real numbers.
    pub(crate) fn read_continuation(&self, latex: &str) -> Result<Reading, Refusal> {
        let members = split_members(&tokenize(latex))?;
        self.claims(&members).map(Reading::Claims)
    }

    /// Takes note of the names a row the tool does not read among real numbers
    /// defines (its leading names, `L` in `L = -\ln(p_t)`): the rows below that
    /// use them are not read either.
    pub(crate) fn not_read(&mut self, latex: &str, line: usize) {
        let Ok(members) = split_members(&tokenize(latex)) else { return };
        for m in &members[..members.len() - 1] {
            match definition_target(m) {
                Some(Target::Name(n) | Target::Call(n, _)) => self.unread.push((n, line)),
                None => break,
            }
        }
    }

    fn parse(&self, ts: &[Tok]) -> Result<SExpr, Refusal> {
        let mut p = Parser { ts: ts.to_vec(), k: 0, ctx: self };
        let e = p.expr(0)?;
        if p.k != p.ts.len() {
            return Err(format!("the tool reads no further than {:?}", p.ts.get(p.k)));
        }
        for v in e.variables() {
            if let Some((_, line)) = self.unread.iter().rev().find(|(n, _)| *n == v) {
                return Err(format!("uses `{v}`, whose definition (line {line}) is not read"));
            }
        }
        Ok(e)
    }

    fn value_of(&self, name: &str) -> Option<&(String, SExpr, usize)> {
        self.values.iter().find(|v| v.0 == name)
    }

    fn is_unread(&self, name: &str) -> bool {
        self.unread.iter().any(|u| u.0 == name)
    }
}

/// What a member defines: a name, or a function of one variable.
enum Target {
    Name(String),
    Call(String, String),
}

/// The member as a definition's target: a name alone, or a name applied to one variable.
fn definition_target(ts: &[Tok]) -> Option<Target> {
    if matches!(ts.first(), Some(Tok::Cmd(c)) if c.ends_with("frac")) {
        return None;
    }
    let mut p = Parser { ts: ts.to_vec(), k: 0, ctx: &EMPTY };
    let start = p.k;
    let name = match p.atom(0) {
        Ok(SExpr::Var(n)) => n,
        _ => {
            // `f(x)`: the name read alone stops at the parenthesis.
            p.k = start;
            return call_target(ts);
        }
    };
    if p.k == ts.len() {
        // An index letter is given no value (`i = j` is a case).
        return (!matches!(name.as_str(), "i" | "j" | "k")).then_some(Target::Name(name));
    }
    call_target(ts)
}

/// `f(x)`, `g_1(x_1)`, `\sigma(x)`, `\text{sigmoid}(x)`: the function's name and its variable.
fn call_target(ts: &[Tok]) -> Option<Target> {
    let open = ts.iter().position(|t| *t == Tok::Ch('('))?;
    if ts.last() != Some(&Tok::Ch(')')) || open == 0 {
        return None;
    }
    let head = &ts[..open];
    let arg = &ts[open + 1..ts.len() - 1];
    if !one_name(head) {
        return None;
    }
    let name: String = written(head)
        .replace("\\text{", "")
        .replace("\\operatorname{", "")
        .replace("\\mathrm{", "")
        .replace("\\textrm{", "")
        .replace("\\mathit{", "")
        .replace(['{', '}'], "");
    let mut p = Parser { ts: arg.to_vec(), k: 0, ctx: &EMPTY };
    match p.atom(0) {
        Ok(SExpr::Var(v)) if p.k == arg.len() && !BUILTIN.contains(&name.as_str()) => Some(Target::Call(name, v)),
        _ => None,
    }
}

/// The tokens as text, without the spaces between them.
fn written(ts: &[Tok]) -> String {
    ts.iter()
        .map(|t| match t {
            Tok::Cmd(c) => c.clone(),
            Tok::Num(n) => n.clone(),
            Tok::Ch(c) => c.to_string(),
        })
        .collect()
}

/// Whether the tokens are one name: a letter, a Greek letter or a word in `\text{…}`
/// (`\operatorname`, `\mathrm`), maybe with one subscript (`g_1`, `f_{out}`).
fn one_name(ts: &[Tok]) -> bool {
    let words = ["\\text", "\\operatorname", "\\mathrm", "\\textrm", "\\mathit"];
    let base_end = match ts {
        [Tok::Ch(c), ..] if c.is_ascii_alphabetic() => 1,
        [Tok::Cmd(c), ..] if GREEK.contains(&c.as_str()) || c == "\\sigma" => 1,
        [Tok::Cmd(c), Tok::Ch('{'), ..] if words.contains(&c.as_str()) => {
            match ts.iter().position(|t| *t == Tok::Ch('}')) {
                Some(close) if ts[2..close].iter().all(|t| matches!(t, Tok::Ch(c) if c.is_ascii_alphanumeric())) => {
                    close + 1
                }
                _ => return false,
            }
        }
        _ => return false,
    };
    let plain = |t: &Tok| matches!(t, Tok::Num(_)) || matches!(t, Tok::Ch(c) if c.is_ascii_alphanumeric());
    match &ts[base_end..] {
        [] => true,
        [Tok::Ch('_'), one] => plain(one),
        [Tok::Ch('_'), Tok::Ch('{'), inner @ .., Tok::Ch('}')] => !inner.is_empty() && inner.iter().all(plain),
        _ => false,
    }
}

/// The functions the tool knows: a relation that applies one is a claim, not a definition.
const BUILTIN: [&str; 10] = ["sigmoid", "softmax", "tanh", "\\tanh", "exp", "\\exp", "log", "\\log", "ln", "\\ln"];

/// Whether the tokens write a derivative (`\frac{d…}`, `\partial`, `\delta` not Kronecker's, `\mathrm{d}`).
fn writes_derivative(ts: &[Tok]) -> bool {
    ts.windows(3).any(|w| {
        matches!(&w[0], Tok::Cmd(c) if c.ends_with("frac"))
            && w[1] == Tok::Ch('{')
            && (w[2] == Tok::Ch('d') || matches!(&w[2], Tok::Cmd(c) if c == UPRIGHT_D))
    }) || ts.iter().any(|t| matches!(t, Tok::Cmd(c) if c == "\\partial" || c == "\\delta"))
}

/// The members of a row: its tokens split at `=` outside brackets.
fn split_members(ts: &[Tok]) -> Result<Vec<Vec<Tok>>, Refusal> {
    let approx = ts.iter().any(|t| matches!(t, Tok::Cmd(c) if c == "\\approx"));
    if approx && !ts.iter().any(|t| matches!(t, Tok::Num(n) if n.contains('.'))) {
        return Err("`\\approx` without numbers at printed precision: an approximation the tool does not judge".into());
    }
    let mut out = vec![Vec::new()];
    let mut level = 0i32;
    for t in ts {
        match t {
            Tok::Ch('(' | '[' | '{') => level += 1,
            Tok::Ch(')' | ']' | '}') => level -= 1,
            Tok::Cmd(c)
                if matches!(c.as_str(), "\\neq" | "\\ne" | "\\le" | "\\leq" | "\\ge" | "\\geq" | "\\to" | "\\in") =>
            {
                return Err(format!("`{c}`: only equalities are read among real numbers"));
            }
            Tok::Ch('<' | '>') => return Err("only equalities are read among real numbers".into()),
            _ => {}
        }
        // `≈` between numbers written with decimals: equal at printed precision (see `Context::claims`).
        if level == 0 && (*t == Tok::Ch('=') || matches!(t, Tok::Cmd(c) if c == "\\approx")) {
            out.push(Vec::new());
        } else if !matches!(t, Tok::Cmd(c) if c == "\\\\") {
            out.last_mut().expect("one member at least").push(t.clone());
        }
    }
    if out.len() < 2 || out.iter().any(Vec::is_empty) {
        return Err("not a relation between two members".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_then_claims() {
        let mut c = Context::default();
        assert_eq!(c.read("z = 2x + y", 1), Ok(Reading::Defines(vec!["z".into()])));
        let Ok(Reading::Claims(row)) = c.read(r"\frac{dz}{dx} = 2", 2) else { panic!("read") };
        assert_eq!(row.members, [SExpr::num(2), SExpr::num(2)]);
        assert!(c.read(r"\log(1-w) - \log(w) = -x", 3).is_err());
        assert!(c.read(r"z = 3", 4).is_err(), "a name defined above is not redefined silently");
        assert!(c.read(r"x_i = 2", 5).is_err());
        assert!(c.read(r"sum = 2", 6).is_err());
        assert!(c.read(r"x1 = 2", 7).is_err());
        // A function of one variable, then applied.
        assert_eq!(c.read(r"\sigma(t) = \frac{1}{1 + e^{-t}}", 8), Ok(Reading::Defines(vec!["\\sigma".into()])));
        assert!(matches!(c.read(r"\sigma(-u) = \frac{e^{-u}}{e^{-u} + 1}", 9), Ok(Reading::Claims(..))));
        // Its own variable again: a new definition or a claim? Not read.
        assert!(c.read(r"\sigma(u) = \frac{e^{u}}{e^{u} + 1}", 10).is_err());
    }
}
