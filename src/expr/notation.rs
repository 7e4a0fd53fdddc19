//! A post's own notation for softmax, learned from its definition, and its
//! rows read in that notation.
//!
//! A post defines softmax once, whatever its letters:
//! $p_i = e^{z_i}/\sum_k e^{z_k}$, $\sigma(\mathbf z)_i = \dots$,
//! $\text{softmax}(x)_i = \dots$, $S(x_i) = \dots$, $\hat y_i = \dots$; the
//! exponential as `e^{…}`, `\exp(…)` or `\exp{…}`, the sum with any index
//! and bounds or none. That definition says which name is the output and
//! which the logits. [`Notation::learn_from`] (called by `article::notation`) finds it (with the shorthands the
//! post defines for the normaliser, `\Sigma = \sum_k e^{z_k}`, `Z = …`,
//! `\sum_K = …`) and [`Notation::read`] rewrites a row, token by token, into
//! the article's canonical subset ($S_i$, $S_j$, $a_i$, $a_j$,
//! $\sum_k e^{a_k}$, $\delta_{ij}$, $D_jS_i$) before
//! [`parse_row`] reads it.
//!
//! The indices: the engine's $i$ is the output's index and $j$ the logit's.
//! The left side of a derivative relation fixes them for its row and the rows
//! that continue it: in $\partial p_j/\partial z_i$ the post's $j$ is the
//! engine's $i$. A left side whose two indices are the same letter,
//! $\partial p_j/\partial z_j$, is the diagonal entry only: the row is then
//! decided on the diagonal ([`Reading::diagonal`]), and refused if it uses
//! another index. A name the post does not define is not guessed: the row is
//! refused, naming it.
//!
//! Without a definition in the post, the notation is the article's ($S$,
//! $a$) and rows read exactly as [`parse_row`]
//! reads them.
//!
//! **A shift of every logit.** A sum whose summand is the exponential of the
//! logit shifted by terms free of the sum's index, or multiplied by a factor
//! free of it, is rewritten by linearity: $\sum_k e^{z_k + c}$ as
//! $e^{c}\sum_k e^{a_k}$, $\sum_k e^{c + z_k}$ and $\sum_k \exp(z_k - c)$
//! alike, $\sum_k C e^{z_k}$ as $C \sum_k e^{a_k}$. A summand in which the
//! index appears elsewhere ($\sum_k S_k e^{z_k}$, $e^{2 z_k}$) is not. The
//! letters `c`, `C` and `\ln C` then mean what [`parse_row`] reads them as (a
//! free constant $\kappa$, $e^{\kappa}$, $\kappa$, in a row that uses the
//! logits) — except where the post gives the letter another meaning: the upper
//! bound of its sum ($\sum_{k=1}^{C}$: `C` is $N$), the name of its sum
//! (`C = \sum_k e^{z_k}`: `C` is $Z$), or the name of its logits or outputs
//! (refused). A shift letter the post defines by a relation of its own keeps
//! that definition: made from the normaliser (`C = 1/\sum_k e^{z_k}`) it is
//! no free constant, and rows using it are refused; chosen otherwise
//! (`\ln C = -\max_j z_j`) it is read as free in an equality — an identity
//! for every constant holds for the one chosen — but a lone expression or a
//! comparison side using it is refused, since it may hold for that choice
//! alone (`e^{z_i + \ln C} \le 1`). So a refutation never rests on a value
//! the post excluded.

mod matrix;

pub use matrix::Entry;

use super::latex::{parse_row, Row};
use super::ParseError;

/// The most tokens a row may have to be rewritten (longer rows are refused by the parser's own limits anyway).
const MAX_TOKENS: usize = 20_000;

/// One token of LaTeX.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// `\name` or `\` and one character.
    Cmd(String),
    /// `\text{…}`, `\operatorname{…}`, `\mathrm{…}` with more than one character: opaque.
    Text(String),
    /// Any other character.
    Ch(char),
    /// Whitespace, kept as written.
    Space(String),
}

impl Tok {
    fn src(&self) -> String {
        match self {
            Tok::Cmd(s) | Tok::Text(s) | Tok::Space(s) => s.clone(),
            Tok::Ch(c) => c.to_string(),
        }
    }

    fn is(&self, c: char) -> bool {
        *self == Tok::Ch(c)
    }

    fn cmd(&self, name: &str) -> bool {
        matches!(self, Tok::Cmd(s) if s == name)
    }

    fn letter(&self) -> Option<char> {
        match self {
            Tok::Ch(c) if c.is_ascii_alphabetic() => Some(*c),
            _ => None,
        }
    }
}

const TEXT_CMDS: [&str; 8] =
    ["\\text", "\\textrm", "\\textit", "\\textbf", "\\mathrm", "\\operatorname", "\\mbox", "\\textnormal"];
const FONT_CMDS: [&str; 6] = ["\\mathbf", "\\mathbb", "\\boldsymbol", "\\bm", "\\mathit", "\\pmb"];
const ACCENTS: [&str; 5] = ["\\hat", "\\widehat", "\\tilde", "\\bar", "\\vec"];
const SIZES: [&str; 12] = [
    "\\left", "\\right", "\\big", "\\Big", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\bigg", "\\Bigg", "\\biggl",
    "\\biggr",
];

/// The brace group starting at `k` (a `{`): the index of its matching `}`.
fn closing(chars: &[char], k: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut m = k;
    while m < chars.len() {
        match chars[m] {
            '\\' => m += 1,
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(m);
                }
            }
            _ => {}
        }
        m += 1;
    }
    None
}

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_whitespace() {
            let start = k;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            out.push(Tok::Space(chars[start..k].iter().collect()));
            continue;
        }
        if c != '\\' {
            out.push(Tok::Ch(c));
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        if k < chars.len() && chars[k].is_ascii_alphabetic() {
            while k < chars.len() && chars[k].is_ascii_alphabetic() {
                k += 1;
            }
        } else if k < chars.len() {
            k += 1;
        }
        let name: String = chars[start..k].iter().collect();
        if TEXT_CMDS.contains(&name.as_str()) {
            // `\text{…}` (any language) as one opaque token; `\mathrm{e}` is Euler's e.
            let mut m = k;
            while m < chars.len() && chars[m].is_whitespace() {
                m += 1;
            }
            if m < chars.len() && chars[m] == '{' {
                if let Some(end) = closing(&chars, m) {
                    let body: String = chars[m + 1..end].iter().collect();
                    if name == "\\mathrm" && body.trim().chars().count() == 1 {
                        out.push(Tok::Ch(body.trim().chars().next().unwrap_or('e')));
                    } else {
                        out.push(Tok::Text(chars[start..=end].iter().collect()));
                    }
                    k = end + 1;
                    continue;
                }
            }
        }
        out.push(Tok::Cmd(name));
    }
    out
}

/// The next non-space token at or after `k`.
fn next(ts: &[Tok], mut k: usize) -> usize {
    while k < ts.len() && matches!(ts[k], Tok::Space(_)) {
        k += 1;
    }
    k
}

/// A single token, or a brace group holding a single token, starting at `k`: (token, end).
fn single(ts: &[Tok], k: usize) -> Option<(Tok, usize)> {
    let k = next(ts, k);
    let t = ts.get(k)?;
    if t.is('{') {
        let inner = next(ts, k + 1);
        let close = next(ts, inner + 1);
        let tok = ts.get(inner)?;
        if ts.get(close)?.is('}') && !matches!(tok, Tok::Ch('{' | '}')) {
            return Some((tok.clone(), close + 1));
        }
        return None;
    }
    if matches!(t, Tok::Ch('}' | '^' | '_')) {
        return None;
    }
    Some((t.clone(), k + 1))
}

/// The index of the `}` closing the group opened at `open`.
fn group_end(ts: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in ts.iter().enumerate().skip(open) {
        if t.is('{') {
            depth += 1;
        } else if t.is('}') {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(k);
            }
        }
    }
    None
}

/// Tokens with notation noise removed: `\displaystyle`, sizes before
/// delimiters, font commands around a letter or a Greek letter, braces around
/// a one-token subscript, and `\hat{y_i}` as `\hat y_i`.
fn normalize(ts: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(ts.len());
    let mut k = 0;
    while k < ts.len() {
        let t = &ts[k];
        if t.cmd("\\displaystyle") || t.cmd("\\limits") {
            k += 1;
            continue;
        }
        if let Tok::Cmd(name) = t {
            if SIZES.contains(&name.as_str()) {
                let m = next(&ts, k + 1);
                if matches!(ts.get(m), Some(Tok::Ch('(' | ')' | '[' | ']'))) {
                    k = m;
                    continue;
                }
            }
            if FONT_CMDS.contains(&name.as_str()) {
                if let Some((inner, end)) = single(&ts, k + 1) {
                    let greek = matches!(&inner, Tok::Cmd(s) if s.len() > 2 && !FONT_CMDS.contains(&s.as_str()));
                    if inner.letter().is_some() || greek {
                        out.push(inner);
                        k = end;
                        continue;
                    }
                }
                // `\mathbb{\hat{y_i}}`: the font of a name, its braces only grouping.
                let open = next(&ts, k + 1);
                if ts.get(open).is_some_and(|t| t.is('{')) {
                    if let Some(close) = group_end(&ts, open) {
                        let inner = &ts[open + 1..close];
                        if !inner.iter().any(|t| t.is('1') || t.is('=')) {
                            out.extend(normalize(inner.to_vec()));
                            k = close + 1;
                            continue;
                        }
                    }
                }
            }
            if ACCENTS.contains(&name.as_str()) {
                // `\hat{y_i}` → `\hat y _ i`; `\hat{y}` → `\hat y`.
                let open = next(&ts, k + 1);
                if ts.get(open).is_some_and(|t| t.is('{')) {
                    let base = next(&ts, open + 1);
                    let under = next(&ts, base + 1);
                    let index = next(&ts, under + 1);
                    let close = next(&ts, index + 1);
                    let letter = ts.get(base).and_then(Tok::letter).is_some();
                    if letter
                        && ts.get(under).is_some_and(|t| t.is('_'))
                        && ts.get(index).and_then(Tok::letter).is_some()
                        && ts.get(close).is_some_and(|t| t.is('}'))
                    {
                        out.extend([t.clone(), ts[base].clone(), Tok::Ch('_'), ts[index].clone()]);
                        k = close + 1;
                        continue;
                    }
                }
                if let Some((inner, end)) = single(&ts, k + 1) {
                    out.extend([t.clone(), inner]);
                    k = end;
                    continue;
                }
            }
        }
        // `exp(…)`, `log(…)`, `ln(…)` written without a backslash: the function
        // (no one writes e·x·p(…)); a letter before it makes it part of a word.
        if let Some((name, len)) = bare_function(&ts, k) {
            if out.last().is_none_or(|p| p.letter().is_none()) {
                out.push(Tok::Cmd(name.to_string()));
                k += len;
                continue;
            }
        }
        if t.is('_') {
            if let Some((inner, end)) = single(&ts, k + 1) {
                if inner.letter().is_some() {
                    out.extend([Tok::Ch('_'), inner]);
                    k = end;
                    continue;
                }
            }
        }
        out.push(t.clone());
        k += 1;
    }
    out
}

/// One element of a name's pattern: a token, or the index letter.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pat {
    Tok(Tok),
    Index,
}

/// How a name is written, with a hole for its index (`p_□`, `\sigma(z)_□`, `S(x_□)`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Template(Vec<Pat>);

impl Template {
    /// The name as the post writes it, its index shown as `i`.
    fn display(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Pat::Index => "i".to_string(),
                Pat::Tok(t) => t.src(),
            })
            .collect()
    }

    /// Matches at `k` (spaces skipped): the index letter and the end.
    fn at(&self, ts: &[Tok], k: usize) -> Option<(char, usize)> {
        let mut m = k;
        let mut index = None;
        for p in &self.0 {
            m = next(ts, m);
            let t = ts.get(m)?;
            match p {
                Pat::Tok(want) if t == want => {}
                Pat::Index => {
                    let c = t.letter()?;
                    if index.is_some_and(|i| i != c) {
                        return None;
                    }
                    index = Some(c);
                }
                Pat::Tok(_) => return None,
            }
            m += 1;
        }
        Some((index?, m))
    }
}

/// A shorthand for the normaliser: tokens (spaces dropped) that stand for $\sum_k e^{x_k}$.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Shorthand(Vec<Tok>);

/// A loss the post names: its name, and the letter of its class when it is
/// $-\ln p_c$ (the cross-entropy of one-hot labels $y = e_c$; the class is
/// then the engine's $i$), `None` for $-\sum_k y_k \ln p_k$.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Loss {
    name: Shorthand,
    class: Option<char>,
}

impl Shorthand {
    fn at(&self, ts: &[Tok], k: usize) -> Option<usize> {
        let mut m = k;
        for want in &self.0 {
            m = next(ts, m);
            if ts.get(m)? != want {
                return None;
            }
            m += 1;
        }
        // `Z` must not be the start of a longer name (`Z_i`).
        let after = next(ts, m);
        if ts.get(after).is_some_and(|t| t.is('_')) {
            return None;
        }
        Some(m)
    }
}

/// What a post's prose says of its inputs, which its math alone does not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// Its vectors are rows (`\mathbb{R}^{1 \times n}`, "row vector"): `s^\top s` is their outer product.
    pub rows: bool,
    /// Its labels are one-hot: a cross-entropy's gradient is then at the labels' class.
    pub one_hot_labels: bool,
}

/// The post's notation: which name is the output of softmax and which the logits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notation {
    outputs: Vec<Template>,
    logit: Tok,
    shorthands: Vec<Shorthand>,
    /// The bounds of the definition's sum as written (`_{k=1}^{N}`), empty when unwritten.
    bounds: String,
    /// The definition's upper bound when it is a letter other than `N` (`K`, `C`, `n`): read as $N$.
    bound: Option<char>,
    /// The range of the post's shorthand for its normaliser when the shorthand writes another
    /// than the definition (`\sum_K = \sum_{j=1}^{K} \exp(\theta_j)` beside a definition
    /// over `_{j=1}^{3}`): the post names both sums so, as [`range_of`] writes it.
    shorthand_bounds: String,
    /// The 1-based line of the definition it was learned from; `None` for the default.
    pub line: Option<usize>,
    /// The shift letters (`c`, `C`) the post defines by a relation of its own.
    defined: Vec<Defined>,
    /// The labels of the cross-entropy the post defines (`y_□` in `L = -\sum_k y_k \log p_k`).
    labels: Vec<Template>,
    /// The names the post gives its cross-entropy (`L`, `H(y, \hat y)`, `J(\theta)`), or its
    /// loss at one class (`L = -\log p_c`).
    losses: Vec<Loss>,
    /// The classes of one-hot labels the post names (`c` in `y_c = 1`).
    classes: Vec<char>,
    /// What the prose says.
    heard: Heard,
    /// Whether the post defines the sigmoid or tanh of a real `x` (`\text{sigmoid}(x) = …`):
    /// its rows' bare `x` is then that variable.
    scalar: bool,
    /// The outputs of softmax at a temperature the post defines (`q_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}`).
    tempered: Vec<Template>,
    /// The letter of that temperature (`T`, `\tau`).
    temperature: Option<Tok>,
}

/// A shift letter the post defines by a relation (`c = -\max_k a_k`,
/// `\ln C = \dots`, `C = 1/\sum_k e^{a_k}`): the letter, the line, and
/// whether the definition is made from the normaliser (a sum of exponentials
/// or a shorthand for it).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Defined {
    letter: char,
    line: usize,
    from_normaliser: bool,
}

/// The letters `c`, `C` defined by a relation among `relations` (members
/// without spaces, and the line), but for those that name the normaliser
/// itself (a shorthand) or the number of terms (`bound`): read as such.
fn constants_defined(
    relations: &[(Vec<Vec<Tok>>, usize)],
    shorthands: &[Shorthand],
    bound: Option<char>,
) -> Vec<Defined> {
    let mut out: Vec<Defined> = Vec::new();
    for (members, line) in relations {
        for (k, member) in members.iter().enumerate() {
            let letter = match member.as_slice() {
                [Tok::Ch(x)] => *x,
                [Tok::Cmd(f), Tok::Ch(x)] if f == "\\ln" || f == "\\log" => *x,
                [Tok::Cmd(f), Tok::Ch('(' | '{'), Tok::Ch(x), Tok::Ch(')' | '}')] if f == "\\ln" || f == "\\log" => *x,
                _ => continue,
            };
            let shorthand = shorthands.iter().any(|s| s.0 == [Tok::Ch(letter)]);
            if !matches!(letter, 'c' | 'C')
                || shorthand
                || bound == Some(letter)
                || out.iter().any(|d| d.letter == letter)
            {
                continue;
            }
            let others: Vec<&Vec<Tok>> = members.iter().enumerate().filter(|(m, _)| *m != k).map(|(_, o)| o).collect();
            if others.iter().all(|o| o.is_empty()) {
                continue;
            }
            let from_normaliser = others.iter().any(|o| {
                o.iter().any(|t| t.cmd("\\sum") || t.cmd("\\Sigma"))
                    || (0..o.len()).any(|m| shorthands.iter().any(|s| s.at(o, m).is_some()))
            });
            out.push(Defined { letter, line: *line, from_normaliser });
        }
    }
    out
}

impl Default for Notation {
    /// The article's notation: $S_i = e^{a_i}/\sum_k e^{a_k}$.
    fn default() -> Notation {
        Notation {
            outputs: vec![Template(vec![Pat::Tok(Tok::Ch('S')), Pat::Tok(Tok::Ch('_')), Pat::Index])],
            logit: Tok::Ch('a'),
            shorthands: Vec::new(),
            bounds: String::new(),
            bound: None,
            shorthand_bounds: String::new(),
            line: None,
            defined: Vec::new(),
            labels: Vec::new(),
            losses: Vec::new(),
            classes: Vec::new(),
            heard: Heard::default(),
            scalar: false,
            tempered: Vec::new(),
            temperature: None,
        }
    }
}

/// The roles of a relation's index letters: (the output's, the logit's).
pub type Roles = (char, char);

/// A row read in a post's notation.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The row, parsed.
    pub row: Row,
    /// The row in the canonical subset, as it was parsed.
    pub latex: String,
    /// The roles of the index letters this row read its indices with.
    pub roles: Roles,
    /// The left side is a diagonal entry ($\partial p_j/\partial z_j$,
    /// $\partial \sigma_q/\partial z_{r=q}$): the row holds at $i = j$ only.
    pub diagonal: bool,
    /// The left side states the off-diagonal case in its subscript
    /// ($\partial \sigma_q/\partial z_{r \neq q}$): the row is claimed for $i \ne j$ only.
    pub off_diagonal: bool,
}

/// The top-level `=`-separated members of a token list (outside braces and environments).
fn members(ts: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (k, t) in ts.iter().enumerate() {
        match t {
            Tok::Ch('{') => depth += 1,
            Tok::Ch('}') => depth = depth.saturating_sub(1),
            Tok::Cmd(c) if c == "\\begin" => depth += 1,
            Tok::Cmd(c) if c == "\\end" => depth = depth.saturating_sub(1),
            Tok::Ch('=') if depth == 0 => {
                out.push(&ts[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    out.push(&ts[start..]);
    out
}

/// The tokens before a top-level `\\in \\mathbb{…}` that ends a relation
/// (`p_i = \\frac{…}{…} \\in \\mathbb{R}^{+}`): the set a value lives in is
/// not part of the definition.
fn before_membership(ts: Vec<Tok>) -> Vec<Tok> {
    let mut depth = 0usize;
    for (k, t) in ts.iter().enumerate() {
        match t {
            Tok::Ch('{') => depth += 1,
            Tok::Ch('}') => depth = depth.saturating_sub(1),
            // (`normalize` has already dropped the font command: `\\mathbb{R}` is `R`.)
            Tok::Cmd(c) if c == "\\in" && depth == 0 && !ts[k..].iter().any(|t| t.is('=')) => {
                return ts[..k].to_vec();
            }
            _ => {}
        }
    }
    ts
}

/// A function name written without its backslash at `k`, followed by `(`:
/// the command and how many tokens it spans.
fn bare_function(ts: &[Tok], k: usize) -> Option<(&'static str, usize)> {
    [("exp", "\\exp"), ("log", "\\log"), ("ln", "\\ln")].into_iter().find_map(|(word, cmd)| {
        let n = word.len();
        let spelled = word.chars().enumerate().all(|(m, c)| ts.get(k + m).is_some_and(|t| t.is(c)));
        let mut open = next(ts, k + n);
        if ts.get(open).is_some_and(|t| matches!(t, Tok::Cmd(c) if SIZES.contains(&c.as_str()))) {
            open = next(ts, open + 1); // `ln\left(…\right)`
        }
        let call = ts.get(open).is_some_and(|t| t.is('('));
        (spelled && call).then_some((cmd, n))
    })
}

/// `(X)'` and `{X}'` in a row of a derivative's chain: the derivative of `X`
/// with respect to the relation's logit (`logit` with index `j`), written
/// `{\frac{\partial}{\partial z_j}(X)}` for the reader. A prime after anything
/// else (`g'_i`, `f'(x)`) is left as written.
fn primes_as_derivatives(ts: &[Tok], logit: &Tok, j: char) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(ts.len() + 16);
    for t in ts {
        let closer = out.iter().rposition(|t| !matches!(t, Tok::Space(_)));
        let opened = t.is('\'') && closer.is_some_and(|c| out[c].is(')') || out[c].is('}'));
        if let (true, Some(c)) = (opened, closer) {
            let (open_ch, close_ch) = if out[c].is(')') { ('(', ')') } else { ('{', '}') };
            let mut depth = 0usize;
            let opener = (0..=c).rev().find(|&m| {
                if out[m].is(close_ch) {
                    depth += 1;
                } else if out[m].is(open_ch) {
                    depth -= 1;
                }
                depth == 0
            });
            if let Some(o) = opener {
                // In braces: the derivative is of `X` alone, not of the product it stands in.
                out[o] = Tok::Ch('(');
                out[c] = Tok::Ch(')');
                out.insert(c + 1, Tok::Ch('}'));
                let operator = [
                    Tok::Ch('{'),
                    Tok::Cmd("\\frac".into()),
                    Tok::Ch('{'),
                    Tok::Cmd("\\partial".into()),
                    Tok::Ch('}'),
                    Tok::Ch('{'),
                    Tok::Cmd("\\partial".into()),
                    Tok::Space(" ".into()),
                    logit.clone(),
                    Tok::Ch('_'),
                    Tok::Ch(j),
                    Tok::Ch('}'),
                ];
                out.splice(o..o, operator);
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}

/// What a condition in a subscript says of its two letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Condition {
    /// `z_{r=q}`: the same index.
    Equal,
    /// `z_{r \neq q}`: different indices.
    Differ,
}

/// A left side whose logit's subscript states the case, `\partial z_{r=q}` or
/// `\partial z_{r \neq q}` (one of the two letters already an index of the left
/// side, the output's): the subscript as one letter — the output's for `=`,
/// the other for `\neq` — and the condition. Anything else is unchanged.
fn case_subscript(mut ts: Vec<Tok>, logit: &Tok) -> (Vec<Tok>, Option<Condition>) {
    let left_len = members(&ts).first().map_or(0, |m| m.len());
    // The token before `k`, spaces skipped.
    let before = |ts: &[Tok], k: usize| (0..k).rev().find(|&m| !matches!(ts[m], Tok::Space(_)));
    for k in 0..left_len {
        if !ts[k].is('_') {
            continue;
        }
        // Only the logit's subscript in a derivative's denominator (`\partial z_{r=q}`,
        // `d z_{…}`, `\partial_{z_{…}}`), never a sum's bounds (`\sum_{j \neq i}`).
        let Some(name) = before(&ts, k).filter(|&m| ts[m] == *logit) else { continue };
        let sign = before(&ts, name);
        let differential = sign.is_some_and(|m| ts[m].cmd("\\partial") || ts[m].is('d') || ts[m].cmd("\\delta"));
        let subscripted = sign.filter(|&m| ts[m].is('{')).and_then(|m| before(&ts, m)).filter(|&m| ts[m].is('_'));
        let partial_sub = subscripted.and_then(|m| before(&ts, m)).is_some_and(|m| ts[m].cmd("\\partial"));
        if !(differential || partial_sub) {
            continue;
        }
        let open = next(&ts, k + 1);
        if !ts.get(open).is_some_and(|t| t.is('{')) {
            continue;
        }
        let Some(close) = group_end(&ts, open) else { continue };
        let inner = bare(&ts[open + 1..close]);
        let (l, op, m) = match inner.as_slice() {
            [l, op, m] => (l.letter(), op, m.letter()),
            _ => continue,
        };
        let (Some(l), Some(m)) = (l, m) else { continue };
        let condition = if op.is('=') {
            Condition::Equal
        } else if op.cmd("\\neq") || op.cmd("\\ne") || op.is('≠') {
            Condition::Differ
        } else {
            continue;
        };
        // The letters already used as indices before the subscript: the output's.
        let indices: Vec<char> =
            (0..k).filter(|&u| ts[u].is('_')).filter_map(|u| ts.get(next(&ts, u + 1)).and_then(Tok::letter)).collect();
        let letter = match (indices.contains(&l), indices.contains(&m), condition) {
            (true, false, Condition::Equal) | (false, true, Condition::Differ) => l,
            (false, true, Condition::Equal) | (true, false, Condition::Differ) => m,
            _ => continue,
        };
        ts.splice(k..=close, [Tok::Ch('_'), Tok::Ch(letter)]);
        return (ts, Some(condition));
    }
    (ts, None)
}

/// A left side written as one brace group, `{\frac{\partial p_i}{\partial z_j}} = …`,
/// without its braces: they group, and render as the left side alone.
fn unbraced_left(mut ts: Vec<Tok>) -> Vec<Tok> {
    let open = next(&ts, 0);
    if !ts.get(open).is_some_and(|t| t.is('{')) {
        return ts;
    }
    let Some(close) = group_end(&ts, open) else { return ts };
    let mut after = next(&ts, close + 1);
    while ts.get(after).is_some_and(|t| t.is('&')) {
        after = next(&ts, after + 1);
    }
    if ts.get(after).is_some_and(|t| t.is('=')) {
        ts.remove(close);
        ts.remove(open);
    }
    ts
}

/// Tokens without spaces or alignment marks.
fn bare(ts: &[Tok]) -> Vec<Tok> {
    ts.iter().filter(|t| !matches!(t, Tok::Space(_) | Tok::Ch('&'))).cloned().collect()
}

/// The exponential of a logit at `k`: `e^{x_L}`, `\exp(x_L)`, `\exp{x_L}`. Returns (logit base, index, end).
fn exp_at(ts: &[Tok], k: usize) -> Option<(Tok, char, usize)> {
    let k = next(ts, k);
    let head = ts.get(k)?;
    let (open, close) = if head.is('e') {
        let caret = next(ts, k + 1);
        if !ts.get(caret)?.is('^') {
            return None;
        }
        (next(ts, caret + 1), '}')
    } else if head.cmd("\\exp") {
        let open = next(ts, k + 1);
        let close = match ts.get(open)? {
            Tok::Ch('(') => ')',
            Tok::Ch('{') => '}',
            _ => return None,
        };
        (open, close)
    } else {
        return None;
    };
    let opener = ts.get(open)?;
    if !(opener.is('{') || opener.is('(')) {
        return None;
    }
    let base = next(ts, open + 1);
    let under = next(ts, base + 1);
    let index = next(ts, under + 1);
    let end = next(ts, index + 1);
    let logit = ts.get(base)?;
    let name_like = logit.letter().is_some_and(|c| c != 'e') || matches!(logit, Tok::Cmd(s) if s.len() > 2);
    if name_like && ts.get(under)?.is('_') && ts.get(end)?.is(close) {
        let index = ts.get(index)?.letter()?;
        return Some((logit.clone(), index, end + 1));
    }
    None
}

/// The head of a sum at `k`: `\sum_{k=1}^{N}`, `\sum_k`, `\sum`, `\Sigma_{…}`.
/// Returns (its index letter, if written; its bounds as written; where the summand starts).
/// A sum that leaves a term out (`\sum_{k \neq i}`, `\sum_{k=0, k \ne i}`) is not read.
fn sum_head(ts: &[Tok], k: usize) -> Option<(Option<char>, String, usize)> {
    let k = next(ts, k);
    let head = ts.get(k)?;
    if !(head.cmd("\\sum") || head.cmd("\\Sigma")) {
        return None;
    }
    let mut m = k + 1;
    let mut index: Option<char> = None;
    let mut bounds = String::new();
    for _ in 0..2 {
        let at = next(ts, m);
        let Some(t) = ts.get(at) else { break };
        if !(t.is('_') || t.is('^')) {
            break;
        }
        let arg = next(ts, at + 1);
        let end = if ts.get(arg)?.is('{') { group_end(ts, arg)? + 1 } else { arg + 1 };
        let written: String = bare(&ts[arg..end]).iter().map(Tok::src).collect();
        if ts[arg..end]
            .iter()
            .any(|t| t.is(',') || t.is('<') || t.is('>') || t.cmd("\\neq") || t.cmd("\\ne") || t.cmd("\\not"))
        {
            return None;
        }
        if t.is('_') {
            let first = bare(&ts[arg..end]).into_iter().find(|t| !t.is('{'));
            index = Some(first.as_ref().and_then(Tok::letter)?);
            bounds.insert_str(0, &format!("_{written}"));
        } else {
            bounds.push_str(&format!("^{written}"));
        }
        m = end;
    }
    Some((index, bounds, m))
}

/// A sum of exponentials of logits at `k`: `\sum_{k=1}^{N} e^{x_k}` (any bounds, or none), `\Sigma_{…} …`.
/// Returns (logit base, the sum's index, its bounds as written, end).
fn sum_at(ts: &[Tok], k: usize) -> Option<(Tok, char, String, usize)> {
    let (index, bounds, m) = sum_head(ts, k)?;
    // The summand, maybe in braces.
    let open = next(ts, m);
    let braced = ts.get(open).is_some_and(|t| t.is('{'));
    let (logit, letter, mut end) = exp_at(ts, if braced { open + 1 } else { m })?;
    if braced {
        let close = next(ts, end);
        if !ts.get(close)?.is('}') {
            return None;
        }
        end = close + 1;
    }
    if index.is_some_and(|i| i != letter) {
        return None;
    }
    Some((logit, letter, bounds, end))
}

/// A logarithm at `m` (`\log`, `\ln`, or `log`/`ln` written without a backslash): where its argument starts.
fn log_at(ts: &[Tok], m: usize) -> Option<usize> {
    let t = ts.get(m)?;
    if t.cmd("\\log") || t.cmd("\\ln") {
        return Some(m + 1);
    }
    let before_letter = m.checked_sub(1).and_then(|b| ts.get(b)).is_some_and(|t| t.letter().is_some());
    let word = |w: &str| w.chars().enumerate().all(|(k, c)| ts.get(m + k).is_some_and(|t| t.is(c)));
    match () {
        _ if before_letter => None,
        _ if word("log") => Some(m + 3),
        _ if word("ln") => Some(m + 2),
        _ => None,
    }
}

/// Where the summand that starts at `start` ends: at the first `+`, `-`,
/// `=`, `&`, `<`, `>`, `,`, relation, spacing or `\\` outside brackets, at
/// another sum, or at a closing bracket it did not open.
fn summand_end(ts: &[Tok], start: usize) -> usize {
    const STOPS: [&str; 16] = [
        "\\\\",
        "\\le",
        "\\leq",
        "\\ge",
        "\\geq",
        "\\ne",
        "\\neq",
        "\\approx",
        "\\quad",
        "\\qquad",
        "\\Rightarrow",
        "\\implies",
        "\\iff",
        "\\to",
        "\\sum",
        "\\text",
    ];
    let mut depth = 0i32;
    for (k, t) in ts.iter().enumerate().skip(start) {
        match t {
            Tok::Ch('{' | '(' | '[') => depth += 1,
            Tok::Cmd(c) if c == "\\left" => depth += 1,
            Tok::Ch('}' | ')' | ']') | Tok::Cmd(_) if depth == 0 && closes(t) => return k,
            Tok::Ch('}' | ')' | ']') => depth -= 1,
            Tok::Cmd(c) if c == "\\right" => depth -= 1,
            Tok::Ch('+' | '-' | '=' | '&' | '<' | '>' | ',') if depth == 0 => return k,
            Tok::Cmd(c) if depth == 0 && k > start && STOPS.contains(&c.as_str()) => return k,
            _ => {}
        }
    }
    ts.len()
}

/// Whether `t` closes a bracket (`}`, `)`, `]`, `\right`).
fn closes(t: &Tok) -> bool {
    matches!(t, Tok::Ch('}' | ')' | ']')) || t.cmd("\\right")
}

/// The tokens with each standalone `I` (the identity matrix, in a row about the whole
/// Jacobian) written as $\delta_{ij}$.
fn identity_as_delta(ts: &[Tok]) -> Vec<Tok> {
    let letter = |t: Option<&Tok>| t.is_some_and(|t| t.letter().is_some() || t.is('_') || t.is('\\'));
    (0..ts.len())
        .map(|k| {
            let alone = ts[k].is('I') && !letter(k.checked_sub(1).and_then(|b| ts.get(b))) && !letter(ts.get(k + 1));
            if alone {
                Tok::Cmd(r"\delta_{ij}".to_string())
            } else {
                ts[k].clone()
            }
        })
        .collect()
}

/// Whether a relation among `relations` defines the sigmoid or tanh of `x`:
/// a member `\text{sigmoid}(x)`, `\operatorname{sigmoid}(x)`, `\tanh(x)`, `\tanh x`.
fn defines_a_function_of_x(relations: &[(Vec<Vec<Tok>>, usize)]) -> bool {
    let named = |t: &Tok, name: &str| match t {
        Tok::Text(s) => TEXT_CMDS.iter().any(|c| *s == format!("{c}{{{name}}}")),
        Tok::Cmd(c) => name == "tanh" && c == "\\tanh",
        _ => false,
    };
    relations.iter().any(|(members, _)| {
        members.iter().any(|m| match m.as_slice() {
            [f, open, x, close] => {
                (named(f, "sigmoid") || named(f, "tanh")) && open.is('(') && x.is('x') && close.is(')')
            }
            [f, x] => named(f, "tanh") && x.is('x'),
            _ => false,
        })
    })
}

/// The head of a sum that leaves out one term: `\sum_{k \neq i}` (`\ne`), maybe with
/// its lower bound (`\sum_{k=1, k \neq i}`, `\sum_{k \neq i, k=1}`) and its upper one
/// (`\sum_{k \neq i}^{N}`): (its index, the index left out, its bounds as written
/// without the term left out, where the summand starts).
fn except_sum_head(ts: &[Tok], k: usize) -> Option<(char, char, String, usize)> {
    let k = next(ts, k);
    if !ts.get(k)?.cmd("\\sum") {
        return None;
    }
    let under = next(ts, k + 1);
    if !ts.get(under)?.is('_') {
        return None;
    }
    let open = next(ts, under + 1);
    if !ts.get(open)?.is('{') {
        return None;
    }
    let close = group_end(ts, open)?;
    let inside = bare(&ts[open + 1..close]);
    let parts: Vec<&[Tok]> = inside.split(|t| t.is(',')).collect();
    let not_equal = |p: &[Tok]| match p {
        [a, ne, b] if ne.cmd("\\neq") || ne.cmd("\\ne") => Some((a.letter()?, b.letter()?)),
        _ => None,
    };
    let (index, excluded, lower) = match parts.as_slice() {
        [only] => {
            let (index, excluded) = not_equal(only)?;
            (index, excluded, None)
        }
        [first, second] => {
            let (bound, ne) = if not_equal(first).is_some() { (second, first) } else { (first, second) };
            let (index, excluded) = not_equal(ne)?;
            // The lower bound: `k=1`, on the same index.
            match bound {
                [i, eq, value @ ..] if i.letter() == Some(index) && eq.is('=') && !value.is_empty() => {
                    (index, excluded, Some(value.iter().map(Tok::src).collect::<String>()))
                }
                _ => return None,
            }
        }
        _ => return None,
    };
    if index == excluded {
        return None;
    }
    let mut bounds = lower.map_or_else(|| format!("_{index}"), |l| format!("_{index}={l}"));
    let mut start = close + 1;
    let after = next(ts, start);
    if ts.get(after).is_some_and(|t| t.is('^')) {
        let arg = next(ts, after + 1);
        let end = if ts.get(arg)?.is('{') { group_end(ts, arg)? + 1 } else { arg + 1 };
        let written: String = bare(&ts[arg..end]).iter().map(Tok::src).collect();
        bounds.push_str(&format!("^{written}"));
        start = end;
    }
    Some((index, excluded, bounds, start))
}

/// The cross-entropy in the canonical subset: $-\sum_k y_k \ln S_k$.
const CROSS_ENTROPY: &str = r" {-\sum_{k} {y_k \ln S_k}} ";

/// The canonical normaliser the parser reads as $Z$.
const Z: &str = r"{\sum_k e^{a_k}}";

/// A sum whose summand is a constant multiple of the exponential of a logit:
/// the factor and the shift of the exponent free of the sum's index.
struct Scaled {
    /// The logit's base (`z` in `e^{z_k + c}`).
    logit: Tok,
    /// The factor before the exponential (`C` in `\sum_k C e^{z_k}`), maybe empty.
    factor: Vec<Tok>,
    /// The exponent without the logit (`+ c` in `e^{z_k + c}`, `c` in `e^{c + z_k}`), maybe empty.
    shift: Vec<Tok>,
    /// Where the sum ends.
    end: usize,
}

/// The tokens of `ts[from..to]` without spaces.
fn solid(ts: &[Tok], from: usize, to: usize) -> Vec<Tok> {
    ts[from..to].iter().filter(|t| !matches!(t, Tok::Space(_))).cloned().collect()
}

/// Whether the tokens are free of the index `letter` and of what would end a
/// summand (`+`, `-`, `=`, `&`, `\\`, another sum, an unbalanced brace).
fn free_factor(tokens: &[Tok], letter: char) -> bool {
    let mut depth = 0i32;
    for t in tokens {
        match t {
            Tok::Ch('{') => depth += 1,
            Tok::Ch('}') => depth -= 1,
            Tok::Ch('+' | '-' | '=' | '&') if depth == 0 => return false,
            Tok::Cmd(c) if c == "\\\\" || c == "\\sum" || c == "\\Sigma" => return false,
            _ => {}
        }
        if depth < 0 || t.letter() == Some(letter) {
            return false;
        }
    }
    depth == 0
}

/// The exponential of a shifted logit at `k`, the logit indexed by `index`:
/// `e^{z_k + c}`, `e^{c + z_k}`, `\exp(z_k - c)`. Returns (logit, the exponent
/// without the logit, end).
fn shifted_exp_at(ts: &[Tok], k: usize, index: char) -> Option<(Tok, Vec<Tok>, usize)> {
    let k = next(ts, k);
    let head = ts.get(k)?;
    let open = if head.is('e') {
        let caret = next(ts, k + 1);
        ts.get(caret)?.is('^').then(|| next(ts, caret + 1))?
    } else if head.cmd("\\exp") {
        next(ts, k + 1)
    } else {
        return None;
    };
    let close_char = match ts.get(open)? {
        Tok::Ch('{') => '}',
        Tok::Ch('(') if head.cmd("\\exp") => ')',
        _ => return None,
    };
    // The matching close, braces balanced in between.
    let mut depth = 0i32;
    let mut close = open + 1;
    loop {
        let t = ts.get(close)?;
        if depth == 0 && t.is(close_char) {
            break;
        }
        match t {
            Tok::Ch('{') => depth += 1,
            Tok::Ch('}') => depth -= 1,
            _ => {}
        }
        close += 1;
    }
    // The logit `x_index` at the top level of the exponent, once.
    let (logit_at, logit_end) = (open + 1..close).find_map(|m| {
        let base = ts.get(m)?;
        let name_like = base.letter().is_some_and(|c| c != 'e' && c != index)
            || matches!(base, Tok::Cmd(s) if s.len() > 2 && s != "\\ln" && s != "\\log");
        if !name_like {
            return None;
        }
        let (letter, end) = indexed_at(ts, base, m)?;
        (letter == index).then_some((m, end))
    })?;
    let before = solid(ts, open + 1, logit_at);
    let after = solid(ts, logit_end, close);
    // The logit enters with a plus sign: `c + z_k` or `z_k …`, nothing multiplying it.
    let before = match before.split_last() {
        None => Vec::new(),
        Some((last, rest)) if last.is('+') && !rest.is_empty() => rest.to_vec(),
        _ => return None,
    };
    if !(after.is_empty() || after[0].is('+') || after[0].is('-')) {
        return None;
    }
    let mut shift = before;
    shift.extend(after);
    let free = shift.iter().all(|t| t.letter() != Some(index))
        && !shift.iter().any(|t| t.cmd("\\sum") || t.cmd("\\Sigma"))
        && shift.iter().filter(|t| t.is('{')).count() == shift.iter().filter(|t| t.is('}')).count();
    free.then(|| (ts[logit_at].clone(), shift, close + 1))
}

/// A sum of exponentials of shifted or scaled logits at `k` (`\sum_k e^{z_k + c}`,
/// `\sum_{k=1}^{N} C e^{z_k}`, `\sum_k \exp(c + z_k)`): what is free of the
/// sum's index comes out of it (linearity), so it is $C e^{c} \sum_k e^{z_k}$.
/// `None` for a plain sum ([`sum_at`]) or a summand that depends on the index otherwise.
fn scaled_sum_at(ts: &[Tok], k: usize) -> Option<Scaled> {
    let (index, _, m) = sum_head(ts, k)?;
    let open = next(ts, m);
    let braced = ts.get(open).is_some_and(|t| t.is('{'));
    let start = if braced { open + 1 } else { m };
    // The index: written under the sum, or the one the exponential's logit takes.
    let mut p = start;
    let found = loop {
        if p >= ts.len() || p > start + 24 {
            return None;
        }
        let letters: Vec<char> = match index {
            Some(i) => vec![i],
            // Unwritten: each letter that follows a `_` in the next tokens (`z_k`) is tried.
            None => (p..ts.len().min(p + 16))
                .filter(|&q| ts[q].is('_'))
                .filter_map(|q| ts.get(next(ts, q + 1)).and_then(Tok::letter))
                .collect(),
        };
        if let Some(hit) = letters.into_iter().find_map(|i| shifted_exp_at(ts, p, i).map(|h| (h, i))) {
            break (p, hit);
        }
        p += 1;
    };
    let (at, ((logit, shift, mut end), letter)) = found;
    let mut factor = solid(ts, start, at);
    // `C \cdot e^{z_k}`: the product sign stays out.
    while factor.last().is_some_and(|t| t.cmd("\\cdot") || t.cmd("\\times") || t.is('*')) {
        factor.pop();
    }
    if !free_factor(&factor, letter) || factor.len() > 16 || factor.is_empty() && shift.is_empty() {
        return None;
    }
    if braced {
        let close = next(ts, end);
        if !ts.get(close)?.is('}') {
            return None;
        }
        end = close + 1;
    }
    Some(Scaled { logit, factor, shift, end })
}

/// A derivative at `k`: returns (what is differentiated: tokens range, the logit's index, end).
/// Forms: `\frac{\partial X}{\partial x_L}`, `\frac{d X}{d x_L}`, `\partial X / \partial x_L`, `\partial_{x_L} X`, `D_L X`.
/// `name` with a one-letter index at `k` (`z_L`): the letter and where it ends.
fn indexed_at(ts: &[Tok], name: &Tok, k: usize) -> Option<(char, usize)> {
    let b = next(ts, k);
    if ts.get(b)? != name {
        return None;
    }
    let u = next(ts, b + 1);
    if !ts.get(u)?.is('_') {
        return None;
    }
    let i = next(ts, u + 1);
    Some((ts.get(i)?.letter()?, i + 1))
}

fn derivative_at(ts: &[Tok], logit: &Tok, k: usize) -> Option<(usize, usize, char, usize)> {
    let k = next(ts, k);
    let head = ts.get(k)?;
    let logit_at = |m: usize| indexed_at(ts, logit, m);
    if head.cmd("\\frac") || head.cmd("\\dfrac") || head.cmd("\\tfrac") {
        let open = next(ts, k + 1);
        if !ts.get(open)?.is('{') {
            return None;
        }
        let d = next(ts, open + 1);
        // `\frac{\delta p_i}{\delta z_j}`: δ as the sign of a derivative, in both places
        // (the denominator must repeat it, and the caller checks the numerator
        // names the output: a Kronecker `\delta_{ij}` never reads so).
        if !(ts.get(d)?.cmd("\\partial") || ts.get(d)?.is('d') || ts.get(d)?.cmd("\\delta")) {
            return None;
        }
        let body = d + 1;
        let mut depth = 1usize;
        let mut close = open + 1;
        while depth > 0 {
            match ts.get(close)? {
                Tok::Ch('{') => depth += 1,
                Tok::Ch('}') => depth -= 1,
                _ => {}
            }
            close += 1;
        }
        let close = close - 1;
        let open2 = next(ts, close + 1);
        if !ts.get(open2)?.is('{') {
            return None;
        }
        let d2 = next(ts, open2 + 1);
        if ts.get(d2)? != &ts[d] {
            return None;
        }
        let (index, after) = logit_at(d2 + 1)?;
        let close2 = next(ts, after);
        if !ts.get(close2)?.is('}') {
            return None;
        }
        return Some((body, close, index, close2 + 1));
    }
    if head.cmd("\\partial") {
        let under = next(ts, k + 1);
        if ts.get(under)?.is('_') {
            // `\partial_{z_j} p_i`, `\partial_{z_j}p_i`.
            let open = next(ts, under + 1);
            if !ts.get(open)?.is('{') {
                return None;
            }
            let (index, after) = logit_at(open + 1)?;
            let close = next(ts, after);
            if !ts.get(close)?.is('}') {
                return None;
            }
            return Some((close + 1, usize::MAX, index, usize::MAX));
        }
        // `\partial p_i / \partial z_j`: the slash ends what is differentiated.
        let mut slash = k + 1;
        while slash < ts.len() && !ts[slash].is('/') {
            if matches!(ts[slash], Tok::Ch('=' | '{' | '}')) {
                return None;
            }
            slash += 1;
        }
        let d2 = next(ts, slash + 1);
        if !ts.get(d2)?.cmd("\\partial") {
            return None;
        }
        let (index, after) = logit_at(d2 + 1)?;
        return Some((k + 1, slash, index, after));
    }
    if head.is('D') {
        let under = next(ts, k + 1);
        if !ts.get(under)?.is('_') {
            return None;
        }
        let i = next(ts, under + 1);
        let index = ts.get(i)?.letter()?;
        return Some((i + 1, usize::MAX, index, usize::MAX));
    }
    None
}

/// The refusal of a sum over other bounds than the definition's normaliser.
fn other_range(text: &str, bounds: &str, definition: &str) -> ParseError {
    let theirs = if definition.is_empty() {
        "none written: all N logits".to_string()
    } else {
        format!("`{}`", definition.replace('□', "k"))
    };
    let why = format!("a sum over `{bounds}`, other bounds than the definition's ({theirs}): not the same normaliser");
    refusal(text, &why)
}

/// Appends `piece`, with a space where a command word would otherwise run into a letter (`\partial a_j`, `\hat y`).
fn push(out: &mut String, piece: &str) {
    let word = out.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let after_command = word.ends_with('\\') && word.len() < out.len();
    if after_command && piece.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.push(' ');
    }
    out.push_str(piece);
}

/// Why a row is not read in the post's notation.
fn refusal(text: &str, why: &str) -> ParseError {
    ParseError::at(text, 1, 1, why)
}

impl Notation {
    /// Learns the notation from the math of a post, in order (LaTeX and its 1-based line): the
    /// first relation whose right side is $e^{x_L}/\sum_k e^{x_k}$ (or over a shorthand the
    /// post defines for the sum) names the output (its left side, and every other member)
    /// and the logits ($x$). Without one, the article's notation ([`Notation::default`]).
    ///
    /// # Example
    /// ```
    /// use dsoftmax::expr::notation::Notation;
    /// let n = Notation::learn_from([(r"p_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}", 3)]);
    /// assert_eq!(n.line, Some(3));
    /// let r = n.read(r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)", None).unwrap();
    /// assert_eq!(r.row.members[1].to_string(), "(S_i * (delta_ij - S_j))");
    /// ```
    pub fn learn_from<'a>(math: impl IntoIterator<Item = (&'a str, usize)>) -> Notation {
        let relations: Vec<(Vec<Vec<Tok>>, usize)> = math
            .into_iter()
            .filter(|(latex, _)| latex.len() <= MAX_TOKENS)
            .flat_map(|(latex, line)| {
                // Rows of an environment or lines broken with `\\`; and `,`-separated definitions.
                let mut latex = latex.to_string();
                for env in ["equation", "equation*", "split", "align", "align*", "aligned", "gather", "gather*"] {
                    latex = latex.replace(&format!("\\begin{{{env}}}"), " ").replace(&format!("\\end{{{env}}}"), " ");
                }
                latex
                    .split("\\\\")
                    .flat_map(|row| row.split(','))
                    .map(super::remark::without_trailing_remark)
                    .map(|row| {
                        let ts = normalize(tokenize(row.trim_start_matches(|c: char| c == '&' || c.is_whitespace())));
                        let ts = before_membership(ts);
                        (members(&ts).into_iter().map(bare).collect::<Vec<_>>(), line)
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|(members, _)| members.len() > 1)
            .collect();
        // Shorthands first: `NAME = \sum_k e^{x_k}`.
        let mut shorthands: Vec<(Shorthand, Tok)> = Vec::new();
        for (members, _) in &relations {
            if let [name, value] = members.as_slice() {
                if let Some((logit, _, _, end)) = sum_at(value, 0) {
                    if end == value.len() && !name.is_empty() && name.len() <= 4 {
                        shorthands.push((Shorthand(name.clone()), logit));
                    }
                }
            }
        }
        // A name the post gives another value too (`h = \sum_k e^{a_k}`, later `h = 1 - S_i`)
        // means different things in different places: it is no shorthand, and rows using it are unread.
        shorthands.retain(|(s, _)| one_value(&relations, &s.0));
        // Every definition of softmax in the post: the first names the logits and
        // the range; a later one over the same logits and range (`\text{Softmax}(x_i) = …`
        // after `p_j = …`) adds its name for the outputs.
        let known = &shorthands;
        let definitions: Vec<(Tok, Vec<Template>, String, usize)> = relations
            .iter()
            .flat_map(|(members, line)| {
                members.iter().enumerate().filter_map(move |(k, member)| {
                    let (logit, index) = definition(member, known)?;
                    let outputs = output_names(members, k, index);
                    let bounds = sum_bounds(member).unwrap_or_default();
                    (!outputs.is_empty()).then_some((logit, outputs, bounds, *line))
                })
            })
            .collect();
        if let Some((logit, _, bounds, line)) = definitions.first().cloned() {
            let mut outputs: Vec<Template> = Vec::new();
            for (l, names, b, _) in &definitions {
                if *l == logit && (*b == bounds || b.is_empty()) {
                    for t in names {
                        if !outputs.contains(t) {
                            outputs.push(t.clone());
                        }
                    }
                }
            }
            let shorthands = shorthands.iter().filter(|(_, l)| *l == logit).map(|(s, _)| s.clone()).collect::<Vec<_>>();
            // Over a shorthand (`p_i = e^{z_i}/Z`): the range of the shorthand's own sum.
            // Another range for the shorthand is the normaliser's only when it starts where the
            // definition's does and ends at a count it names (`\sum_K = \sum_{j=1}^{K}` beside
            // `\sum_{j=1}^{3}`): `\sum_{k=1}^{N-1}` or `\sum_{k=1}^{n}` beside `k=0` is another sum.
            let own = shorthand_range(&relations, &shorthands);
            let shorthand_bounds = Some(own.clone()).filter(|r| same_start_named_end(r, &bounds)).unwrap_or_default();
            let bounds = if bounds.is_empty() { own } else { bounds };
            let bound = upper_letter(&bounds);
            let defined = constants_defined(&relations, &shorthands, bound);
            let mut n = Notation {
                outputs,
                logit,
                shorthands,
                bounds,
                bound,
                shorthand_bounds,
                line: Some(line),
                defined,
                labels: Vec::new(),
                losses: Vec::new(),
                classes: Vec::new(),
                heard: Heard::default(),
                scalar: defines_a_function_of_x(&relations),
                tempered: Vec::new(),
                temperature: None,
            };
            n.learn_temperature(&relations);
            n.learn_cross_entropy(&relations);
            return n;
        }
        let shorthands: Vec<Shorthand> = shorthands.into_iter().map(|(s, _)| s).collect();
        let mut n = Notation {
            defined: constants_defined(&relations, &shorthands, None),
            scalar: defines_a_function_of_x(&relations),
            ..Notation::default()
        };
        n.learn_temperature(&relations);
        n.learn_cross_entropy(&relations);
        n
    }

    /// Softmax at a temperature among `relations`: a name with an index and
    /// `\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}` (or `\exp`) — over this notation's logits when the
    /// post defines softmax without temperature too, else naming the logits.
    fn learn_temperature(&mut self, relations: &[(Vec<Vec<Tok>>, usize)]) {
        let untempered = self.line.is_some();
        for (members, _) in relations {
            let [name, value] = members.as_slice() else { continue };
            let Some((logit, index, temperature)) = tempered_definition(value) else { continue };
            if untempered && logit != self.logit || self.temperature.as_ref().is_some_and(|t| *t != temperature) {
                continue;
            }
            let Some(output) = template(name, index) else { continue };
            // A name given a value with and one without temperature names neither.
            if self.outputs.contains(&output) || !one_value(relations, name) {
                self.outputs.retain(|o| *o != output);
                continue;
            }
            if !untempered {
                self.logit = logit;
                // The article's `S_i` names nothing in such a post.
                self.outputs.clear();
            }
            self.temperature = Some(temperature);
            self.tempered.push(output);
        }
    }

    /// The cross-entropies among `relations`: a name and
    /// `-\sum_k y_k \log p_k` (or `\sum_k -y_k \log(p_k)`, `\ln`, bare `log`) over the
    /// outputs `p`, with labels `y` of another name. A name given another value elsewhere
    /// is no name of the loss.
    fn learn_cross_entropy(&mut self, relations: &[(Vec<Vec<Tok>>, usize)]) {
        // A chain names the loss in each plain member beside its value
        // (`J(\theta) = \operatorname{CE}(y, \hat y) = -\sum_j y_j \log \hat y_j`: `J(\theta)`).
        for (members, _) in relations {
            let value =
                members.iter().enumerate().find_map(|(k, m)| match (self.cross_entropy(m), self.loss_at_class(m)) {
                    (Some(labels), _) => Some((k, Some(labels), None)),
                    (None, Some(class)) => Some((k, None, Some(class))),
                    (None, None) => None,
                });
            let Some((at, labels, class)) = value else { continue };
            for name in members.iter().enumerate().filter(|(k, _)| *k != at).map(|(_, name)| name) {
                self.learn_loss(relations, name, labels.clone(), class);
            }
        }
        // `y_c = 1`: at the class of a loss `-\log p_c`, `y` names the (one-hot) labels; of the
        // labels, `c` is a class.
        let classes: Vec<char> = self.losses.iter().filter_map(|l| l.class).collect();
        for (members, _) in relations {
            let [name, value] = members.as_slice() else { continue };
            if !matches!(value.as_slice(), [one] if one.is('1')) {
                continue;
            }
            let letters = name.iter().filter_map(Tok::letter).filter(|c| c.is_ascii_lowercase());
            let Some((c, labels)) = letters
                .filter_map(|c| Some((c, template(name, c)?)))
                .find(|(c, labels)| classes.contains(c) || self.labels.contains(labels))
            else {
                continue;
            };
            let taken = self.outputs.contains(&labels) || labels.0.first() == Some(&Pat::Tok(self.logit.clone()));
            if taken {
                continue;
            }
            if !self.labels.contains(&labels) {
                self.labels.push(labels);
            }
            if !self.classes.contains(&c) {
                self.classes.push(c);
            }
        }
    }

    /// Learns `name` as a loss whose value is a cross-entropy with `labels` (or a loss at
    /// the class `class`), when it is a plain name the post gives no other value.
    fn learn_loss(
        &mut self,
        relations: &[(Vec<Vec<Tok>>, usize)],
        name: &[Tok],
        labels: Option<Template>,
        class: Option<char>,
    ) {
        let depth = |open: char, close: char| {
            name.iter().filter(|t| t.is(open)).count() == name.iter().filter(|t| t.is(close)).count()
        };
        let plain_name = !name.is_empty()
            && name.len() <= 12
            && depth('(', ')')
            && depth('{', '}')
            && self.labels.iter().chain(&self.outputs).all(|t| (0..name.len()).all(|k| t.at(name, k).is_none()))
            && !name.iter().any(|t| t.cmd("\\sum") || t.cmd("\\frac") || t.is('_'))
            && self.outputs.iter().all(|o| o.at(name, 0).is_none());
        if plain_name && one_value(relations, name) && !self.losses.iter().any(|l| l.name.0 == *name) {
            self.losses.push(Loss { name: Shorthand(name.to_vec()), class });
        }
        if let Some(labels) = labels.filter(|l| !self.labels.contains(l)) {
            self.labels.push(labels);
        }
    }

    /// The class's letter when `value` (bare tokens) is `-\log p_c` (`-\ln(p_c)`, bare `log`)
    /// of this notation's outputs: the loss at one class.
    fn loss_at_class(&self, value: &[Tok]) -> Option<char> {
        if !value.first()?.is('-') {
            return None;
        }
        let arg = log_at(value, next(value, 1))?;
        let arg = next(value, arg);
        let paren = value.get(arg).is_some_and(|t| t.is('(') || t.is('{'));
        let (letter, end) = self.outputs.iter().find_map(|t| t.at(value, arg + usize::from(paren)))?;
        let end = if paren && value.get(end).is_some_and(|t| t.is(')') || t.is('}')) { end + 1 } else { end };
        (end == value.len() && letter.is_ascii_lowercase()).then_some(letter)
    }

    /// The labels' template when `value` (bare tokens) is a cross-entropy over this notation's outputs.
    fn cross_entropy(&self, value: &[Tok]) -> Option<Template> {
        let lead = value.first().is_some_and(|t| t.is('-'));
        let (index, bounds, start) = sum_head(value, usize::from(lead))?;
        let index = index?;
        if !self.same_range(Some(index), &bounds) {
            return None;
        }
        let inner = value.get(start).is_some_and(|t| t.is('-'));
        if lead == inner {
            return None;
        }
        let from = start + usize::from(inner);
        let log = (from..value.len()).find(|&m| log_at(value, m).is_some())?;
        let labels = template(&value[from..log], index)?;
        let own = |t: &Template| *t == labels;
        if self.outputs.iter().any(own) || labels.0.first() == Some(&Pat::Tok(self.logit.clone())) {
            return None;
        }
        let arg = log_at(value, log)?;
        let paren = value.get(arg).is_some_and(|t| t.is('(') || t.is('{'));
        let (letter, end) = self.outputs.iter().find_map(|t| t.at(value, arg + usize::from(paren)))?;
        let end = if paren && value.get(end).is_some_and(|t| t.is(')') || t.is('}')) { end + 1 } else { end };
        (letter == index && end == value.len()).then_some(labels)
    }

    /// A summation index the row also uses outside its sum (`\sum_k p_k - p_k^2`: the summand
    /// ends at `-`, so the second `p_k` has an index no relation gives it): the letter.
    fn escaped_sum_index(&self, ts: &[Tok]) -> Option<char> {
        let mut inside = vec![false; ts.len()];
        let mut letters = Vec::new();
        for k in 0..ts.len() {
            let head = sum_head(ts, k)
                .and_then(|(index, _, start)| Some((index?, start)))
                .or_else(|| except_sum_head(ts, k).map(|(index, _, _, start)| (index, start)));
            if let Some((letter, start)) = head {
                let end = summand_end(ts, start);
                inside[k..end.max(k)].iter_mut().for_each(|m| *m = true);
                letters.push(letter);
            }
        }
        (0..ts.len()).filter(|k| !inside[*k]).find_map(|k| {
            let found =
                self.outputs.iter().chain(&self.labels).find_map(|t| t.at(ts, k)).or_else(|| self.logit_at(ts, k));
            found.map(|(c, _)| c).filter(|c| letters.contains(c))
        })
    }

    /// Whether `text` writes one of the post's own names of the family: its
    /// outputs, at a temperature or not (`p_i`, `\sigma(z)_i`), its logits with
    /// an index (`z_j`), its labels, its loss, its shorthand for the normaliser.
    pub fn names_its_own(&self, text: &str) -> bool {
        let ts = normalize(tokenize(text));
        (0..ts.len()).any(|k| {
            self.outputs.iter().chain(&self.labels).chain(&self.tempered).any(|t| t.at(&ts, k).is_some())
                || self.logit_at(&ts, k).is_some()
                || self.shorthands.iter().chain(self.losses.iter().map(|l| &l.name)).any(|s| s.at(&ts, k).is_some())
        })
    }

    /// Whether the post defines a cross-entropy (its labels are then read as labels).
    pub fn has_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    /// Takes in what the post's prose says of its inputs.
    pub fn hear(&mut self, heard: Heard) {
        self.heard = heard;
    }

    /// The letters of the class of the post's one-hot labels: the labels' own (`c` in
    /// `y_c = 1`), else the class of its loss at one class (`c` in `L = -\log p_c`). A loss
    /// at another letter than the labels' class is not at theirs.
    pub fn class_letters(&self) -> Vec<char> {
        if self.classes.is_empty() {
            self.losses.iter().filter_map(|l| l.class).collect()
        } else {
            self.classes.clone()
        }
    }

    /// The letters the post's labels are written with (`y` for `y_k`, `t` for `t_m`).
    pub fn label_letters(&self) -> Vec<char> {
        let first_letter = |t: &Template| {
            t.0.iter().find_map(|p| match p {
                Pat::Tok(t) => t.letter(),
                Pat::Index => None,
            })
        };
        self.labels.iter().filter_map(first_letter).collect()
    }

    /// Whether this is the article's notation ($S$, $a$), learned or not (whatever other names the post adds).
    pub fn is_default(&self) -> bool {
        let d = Notation::default();
        self.logit == d.logit && self.outputs.contains(&d.outputs[0])
    }

    /// Reads one row in this notation: the post's names rewritten to the
    /// canonical subset, then parsed. `chain` is the roles of the relation
    /// this row continues (for a row starting with `=`).
    ///
    /// In the article's notation, a row [`parse_row`] reads is read as it does.
    ///
    /// # Errors
    /// A [`ParseError`]: the row leaves the subset, uses a name or an index
    /// the post does not define, or has a diagonal left side and another index.
    pub fn read(&self, text: &str, chain: Option<Roles>) -> Result<Reading, ParseError> {
        if let Some(why) = self.scalar_refused(text) {
            return Err(refusal(text, why));
        }
        let reading = self.read_any(text, chain)?;
        // Labels and a temperature mean what a post defines them to mean: in
        // one post `y_i` is a label, in another an output, `T` a transpose.
        let temperature = |s: super::Sym| s == super::Sym::T;
        let members = &reading.row.members;
        if self.temperature.is_none() && members.iter().any(|m| m.any_sym(&temperature))
            || !self.has_labels() && members.iter().any(super::Expr::has_labels)
        {
            let why = "`y` is read as labels where the post defines a cross-entropy with them, and `T` as a \
                       temperature only in `check`: in a post they mean what the post defines";
            return Err(refusal(text, why));
        }
        Ok(reading)
    }

    /// Why a bare `x` in `text` is not read as the variable of a function of one variable:
    /// the post defines none, or the row gives `x` a value (`x = 10 - 3 = 7`).
    fn scalar_refused(&self, text: &str) -> Option<&'static str> {
        let ts = bare(&normalize(tokenize(text)));
        // `f(x)`, `g'(x)`, `h(x)`: the article's quotient rule, not a variable of its own.
        let quotient_rule = |k: usize| {
            let at =
                |m: Option<usize>, c: &[char]| m.and_then(|m| ts.get(m)).is_some_and(|t| c.iter().any(|c| t.is(*c)));
            at(k.checked_sub(1), &['(']) && at(Some(k + 1), &[')']) && at(k.checked_sub(2), &['f', 'g', 'h', '\''])
        };
        let bare_x = |k: usize| {
            ts[k].is('x')
                && !quotient_rule(k)
                && !k.checked_sub(1).is_some_and(|b| ts[b].letter().is_some() || ts[b].is('\\'))
                && !ts.get(k + 1).is_some_and(|t| t.letter().is_some() || t.is('_') || t.is('\''))
        };
        let first = ts.iter().position(|t| !t.is('&'))?;
        // An `x` inside a name of the post's (`\text{softmax}(x)_i`) is that name's.
        let mut k = 0;
        let mut found = false;
        while k < ts.len() && !found {
            match self.outputs.iter().chain(&self.labels).find_map(|t| t.at(&ts, k)) {
                Some((_, end)) => k = end.max(k + 1),
                None => {
                    found = bare_x(k);
                    k += 1;
                }
            }
        }
        if !found {
            return None;
        }
        if !self.scalar {
            return Some("`x` without an index is not a name this post defines (no sigmoid or tanh of x)");
        }
        if bare_x(first) && ts.get(first + 1).is_some_and(|t| t.is('=')) {
            return Some("`x = …` gives x a value: not an identity in x");
        }
        // `\text{sigmoid}(x) = \frac{1}{2}`: an equation for x (a value the prose gives it), no identity.
        // (A continuation row's empty first member is the row above's.)
        let sides: Vec<&[Tok]> = members(&ts).into_iter().filter(|m| !m.is_empty()).collect();
        let with_x = |m: &[Tok]| (0..m.len()).any(|k| m[k].is('x') && !m.get(k + 1).is_some_and(|t| t.is('_')));
        (sides.len() > 1 && !sides.iter().all(|m| with_x(m)))
            .then_some("a member without `x` beside one with it: an equation for x (at a value), not an identity")
    }

    /// [`Notation::read`] before the check of the family's names.
    fn read_any(&self, text: &str, chain: Option<Roles>) -> Result<Reading, ParseError> {
        if let Some(why) = self.defined_constant_in(text) {
            return Err(refusal(text, &why));
        }
        // A post whose sum runs to `C` (or `c`), or that calls its sum so, gives the letter that
        // meaning: read through the rewrite, not as the parser's shift.
        let own = |x: char| self.bound == Some(x) || self.shorthands.iter().any(|s| s.0 == [Tok::Ch(x)]);
        // Labels of another name than `y` go through the rewrite, where a raw `y_i` is refused.
        let y = Template(vec![Pat::Tok(Tok::Ch('y')), Pat::Tok(Tok::Ch('_')), Pat::Index]);
        let canonical_labels = self.labels.iter().all(|t| *t == y);
        let direct = self.is_default() && !own('c') && !own('C') && canonical_labels;
        let original = if direct { Some(parse_row(text)) } else { None };
        if let Some(Ok(row)) = &original {
            let left_is_derivative = matches!(row.members.first(), Some(super::Expr::Diff(_)));
            if !left_is_derivative || row.continuation {
                let roles = chain.unwrap_or(('i', 'j'));
                let (latex, diagonal, off_diagonal) = (text.to_string(), false, false);
                return Ok(Reading { row: row.clone(), latex, roles, diagonal, off_diagonal });
            }
        }
        match self.rewrite(text, chain) {
            Ok((latex, roles, diagonal, off_diagonal)) => match parse_row(&latex) {
                Ok(row) => Ok(Reading { row, latex, roles, diagonal, off_diagonal }),
                Err(e) => Err(original.and_then(Result::err).unwrap_or_else(|| {
                    if latex == text {
                        e
                    } else {
                        let mut e = e;
                        e.message = format!("{} (read in the post's notation as `{latex}`)", e.message);
                        e
                    }
                })),
            },
            Err(e) => Err(original.and_then(Result::err).unwrap_or(e)),
        }
    }

    /// The row in the canonical subset, with its roles and whether its left
    /// side is a diagonal entry, or states the off-diagonal case.
    fn rewrite(&self, text: &str, chain: Option<Roles>) -> Result<(String, Roles, bool, bool), ParseError> {
        if text.chars().count() > MAX_TOKENS {
            return Err(refusal(text, "a row too long to read"));
        }
        let (ts, subscript_case) = case_subscript(unbraced_left(normalize(tokenize(text))), &self.logit);
        if let Some(c) = self.escaped_sum_index(&ts) {
            let why = format!("the summation index `{c}` is also used outside its sum (where does the summand end?)");
            return Err(refusal(text, &why));
        }
        // The left side: a derivative fixes the roles; a continuation keeps the chain's.
        let first = next(&ts, 0);
        let first = if ts.get(first).is_some_and(|t| t.is('&')) { next(&ts, first + 1) } else { first };
        let continuation = ts.get(first).is_some_and(|t| t.is('='));
        let left_len = members(&ts).first().map_or(0, |m| m.len());
        let mut left_derivative: Option<(usize, char, char)> = None;
        if !continuation {
            if let Some((out, index, end)) = self.derivative(&ts, first) {
                let mut after = next(&ts, end);
                while ts.get(after).is_some_and(|t| t.is('&')) {
                    after = next(&ts, after + 1);
                }
                if after >= left_len {
                    left_derivative = Some((end, out, index));
                }
            }
        }
        // `\frac{\partial L}{\partial z_i}` of the post's loss: the logit's index is the engine's j
        // (the loss has no output index; `\u{1}` stands for it and matches no letter).
        let loss_gradient = if continuation || left_derivative.is_some() {
            None
        } else {
            derivative_at(&ts, &self.logit, first).filter(|(body, body_end, _, _)| {
                self.losses.iter().any(|l| l.name.at(&ts, *body).is_some_and(|end| next(&ts, end) >= *body_end))
            })
        };
        // Its output role: the class of a loss at one class (`L = -\log p_c`); for the
        // cross-entropy of one-hot labels with one class named (`y_c = 1`), that class; else none.
        let labels_class = match self.classes.as_slice() {
            [c] if self.heard.one_hot_labels => Some(*c),
            _ => None,
        };
        let class = loss_gradient.and_then(|(body, _, _, _)| {
            let loss = self.losses.iter().find(|l| l.name.at(&ts, body).is_some())?;
            loss.class.or(labels_class)
        });
        // `\frac{\partial q_i}{\partial z_j}` of an output at a temperature: its indices are the roles.
        let tempered_derivative = if continuation || left_derivative.is_some() {
            None
        } else {
            derivative_at(&ts, &self.logit, first).and_then(|(body, body_end, index, _)| {
                let (out, end) = self.tempered.iter().find_map(|t| t.at(&ts, body))?;
                (next(&ts, end) >= body_end).then_some((out, index))
            })
        };
        let (roles, diagonal) = match (left_derivative, chain) {
            _ if tempered_derivative.is_some() => {
                let (out, index) = tempered_derivative.unwrap_or(('i', 'j'));
                ((out, index), out == index)
            }
            _ if loss_gradient.is_some() => {
                let index = loss_gradient.map_or('j', |(_, _, index, _)| index);
                ((class.unwrap_or('\u{1}'), index), class == Some(index))
            }
            (Some((_, out, index)), _) => ((out, index), out == index),
            (None, Some(roles)) if continuation => (roles, roles.0 == roles.1),
            (None, _) => (self.letters_roles(&ts), false),
        };
        let mut out = String::new();
        let mut k = 0;
        if let Some((end, _, _)) = left_derivative {
            out.push_str(" D_jS_i ");
            k = end;
        }
        // The whole Jacobian, `\frac{\partial \sigma}{\partial \mathbf z}` (of log-softmax with a
        // `\log`): its entry (i, j), where the identity matrix `I` is δ_ij.
        let jacobian = (!continuation && left_derivative.is_none()).then(|| self.jacobian_at(&ts, first)).flatten();
        let ts = match jacobian {
            Some((end, log)) => {
                out.push_str(if log { r" {\frac{\partial}{\partial a_j}{\ln S_i}} " } else { " D_jS_i " });
                k = end;
                identity_as_delta(&ts)
            }
            None => ts,
        };
        // In a derivative's chain, `(e^{z_i})'` is the derivative with respect to its logit.
        let in_derivative = left_derivative.is_some() || (continuation && chain.is_some());
        let tail = if in_derivative { primes_as_derivatives(&ts[k..], &self.logit, roles.1) } else { ts[k..].to_vec() };
        self.emit(&tail, roles, diagonal, None, text, &mut out)?;
        // `z_{r \neq q}` in a left side whose indices are those two letters: the off-diagonal case.
        let off_diagonal = left_derivative.is_some() && subscript_case == Some(Condition::Differ) && !diagonal;
        Ok((out, roles, diagonal, off_diagonal))
    }

    /// Writes `ts` in the canonical subset into `out`, the post's index letters mapped by
    /// `roles`, and the index of the sum `ts` is the summand of (`sum_index`) mapped to `k`.
    fn emit(
        &self,
        ts: &[Tok],
        roles: Roles,
        diagonal: bool,
        sum_index: Option<char>,
        text: &str,
        out: &mut String,
    ) -> Result<(), ParseError> {
        let map = |c: char| -> Option<char> {
            if sum_index == Some(c) {
                Some('k')
            } else if diagonal {
                (c == roles.0).then_some('i')
            } else if c == roles.0 {
                Some('i')
            } else if c == roles.1 {
                Some('j')
            } else {
                None
            }
        };
        let unbound = |c: char| {
            let why = if diagonal {
                format!(
                    "the left side is the diagonal entry (both indices are `{}`), but the row uses the index `{c}`: \
                     an index typo in the left side? (not decided)",
                    roles.0
                )
            } else {
                format!(
                    "the index `{c}` is neither the output's (`{}`) nor the logit's (`{}`) in this relation",
                    roles.0, roles.1
                )
            };
            refusal(text, &why)
        };
        let mut k = 0;
        while k < ts.len() {
            if let Some((out_letter, index, end)) = self.derivative(ts, k) {
                let (o, x) =
                    (map(out_letter).ok_or_else(|| unbound(out_letter))?, map(index).ok_or_else(|| unbound(index))?);
                if (o, x) != ('i', 'j') && !diagonal {
                    return Err(refusal(text, "a derivative other than ∂(output_i)/∂(logit_j) of this relation"));
                }
                push(out, r" {\frac{\partial S_i}{\partial a_j}} ");
                k = end;
                continue;
            }
            if let Some((body, body_end, index, end)) = derivative_at(ts, &self.logit, k) {
                // `\frac{\partial X}{\partial z_j}` of an expression X: ∂/∂a_j applied to X.
                if body_end != usize::MAX && next(ts, body) < body_end {
                    if map(index).ok_or_else(|| unbound(index))? != 'j' && !diagonal {
                        return Err(refusal(text, "∂/∂ of a logit other than the relation's"));
                    }
                    push(out, r" {\frac{\partial}{\partial a_j}{");
                    self.emit(&ts[body..body_end], roles, diagonal, sum_index, text, out)?;
                    push(out, "}} ");
                    k = end;
                    continue;
                }
            }
            if let Some((index, end)) = self.diff_operator(ts, k) {
                if map(index).ok_or_else(|| unbound(index))? != 'j' && !diagonal {
                    return Err(refusal(text, "∂/∂ of a logit other than the relation's"));
                }
                push(out, r" \frac{\partial}{\partial a_j} ");
                k = end;
                continue;
            }
            if let Some(end) = self.output_sum_at(ts, k) {
                // Σ_i S_i = Σ_i e^{a_i} / Σ_k e^{a_k}: the denominator does not depend on i (linearity).
                push(out, &format!(r"{{\frac{{{Z}}}{{{Z}}}}}"));
                k = end;
                continue;
            }
            if let Some((logit, index, bounds, end)) = sum_at(ts, k) {
                if logit == self.logit {
                    if !self.same_range(Some(index), &bounds) {
                        return Err(other_range(text, &bounds, &self.bounds));
                    }
                    push(out, Z);
                    k = end;
                    continue;
                }
            }
            if let Some(scaled) = scaled_sum_at(ts, k).filter(|s| s.logit == self.logit) {
                if let Some((_, bounds, _)) = sum_head(ts, k).filter(|(i, b, _)| !self.same_range(*i, b)) {
                    return Err(other_range(text, &bounds, &self.bounds));
                }
                // Σ_k F e^{z_k + c} = F e^{c} Σ_k e^{z_k}: the factor is free of k.
                push(out, " {");
                if !scaled.factor.is_empty() {
                    push(out, "{");
                    self.emit(&scaled.factor, roles, diagonal, sum_index, text, out)?;
                    push(out, "} ");
                }
                if !scaled.shift.is_empty() {
                    push(out, " e^{");
                    self.emit(&scaled.shift, roles, diagonal, sum_index, text, out)?;
                    push(out, "} ");
                }
                push(out, Z);
                push(out, "} ");
                k = scaled.end;
                continue;
            }
            if let Some(end) = self.shorthands.iter().find_map(|s| s.at(ts, k)) {
                push(out, Z);
                k = end;
                continue;
            }
            if let Some((end, class)) = self.losses.iter().find_map(|l| Some((l.name.at(ts, k)?, l.class))) {
                if sum_index.is_some() {
                    return Err(refusal(text, "the loss inside a sum: not read"));
                }
                match class {
                    Some(c) => push(out, &format!(r" {{-\ln S_{}}} ", map(c).ok_or_else(|| unbound(c))?)),
                    None => push(out, CROSS_ENTROPY),
                }
                k = end;
                continue;
            }
            if let Some((index, end)) = self.labels.iter().find_map(|t| t.at(ts, k)) {
                push(out, &format!("y_{}", map(index).ok_or_else(|| unbound(index))?));
                k = end;
                continue;
            }
            if let Some((index, excluded, bounds, start)) = except_sum_head(ts, k) {
                // `\sum_{k \neq i}`: the sum without its term at one of the relation's indices,
                // over the definition's range (each bound written as the definition writes it).
                let excluded = map(excluded).filter(|c| matches!(c, 'i' | 'j'));
                let (Some(excluded), None) = (excluded, sum_index) else {
                    return Err(refusal(text, "a sum that leaves out a term other than the relation's: not read"));
                };
                if !self.same_partial_range(index, &bounds) {
                    return Err(other_range(text, &bounds, &self.bounds));
                }
                let end = summand_end(ts, start);
                if next(ts, start) >= end {
                    return Err(refusal(text, "a sum whose summand is not a product: not read"));
                }
                push(out, &format!(r" \sum_{{k \neq {excluded}}} {{"));
                self.emit(&ts[start..end], roles, diagonal, Some(index), text, out)?;
                push(out, "} ");
                k = end;
                continue;
            }
            if let Some((index, bounds, start)) = sum_head(ts, k) {
                // Any other sum, over a written index: its summand, with that index as k.
                let Some(index) = index.filter(|_| sum_index.is_none()) else {
                    return Err(refusal(text, "a sum without its index written, or inside another sum: not read"));
                };
                if !self.same_range(Some(index), &bounds) {
                    return Err(other_range(text, &bounds, &self.bounds));
                }
                let end = summand_end(ts, start);
                if next(ts, start) >= end {
                    return Err(refusal(text, "a sum whose summand is not a product: not read"));
                }
                push(out, r" \sum_{k} {");
                self.emit(&ts[start..end], roles, diagonal, Some(index), text, out)?;
                push(out, "} ");
                k = end;
                continue;
            }
            if let Some((canonical, end)) = self.matrix_form_at(ts, k) {
                // Entry by entry only as a term of a sum: `s s^T s s^T`, `\text{diag}(s)\, s s^T` are
                // products of matrices, whose entries are not the products of the entries.
                let before = ts[..k].iter().rev().find(|t| !matches!(t, Tok::Space(_)));
                let after = ts.get(next(ts, end));
                let alone_before = before.is_none_or(|t| ['=', '+', '-', '(', '{', '&'].iter().any(|c| t.is(*c)));
                let alone_after =
                    after.is_none_or(|t| ['=', '+', '-', ')', '}', '&'].iter().any(|c| t.is(*c)) || t.cmd("\\\\"));
                if !(alone_before && alone_after) {
                    return Err(refusal(text, "a product of matrices: not read"));
                }
                push(out, canonical);
                k = end;
                continue;
            }
            if self.vector_at(ts, k).is_some() && self.outputs.iter().all(|t| t.at(ts, k).is_none()) {
                return Err(refusal(text, "the vector of the outputs is read in diag(s) and s s^T only"));
            }
            if let Some((index, end)) = self.tempered.iter().find_map(|t| t.at(ts, k)) {
                let m = map(index).ok_or_else(|| unbound(index))?;
                push(out, &format!(r" {{\frac{{\exp(a_{m}/T)}}{{\sum_{{k}} \exp(a_k/T)}}}} "));
                k = end;
                continue;
            }
            if ts[k].is('T') && self.temperature.as_ref().is_some_and(|t| !t.is('T')) {
                return Err(refusal(text, "`T` is not this post's temperature (it names it otherwise)"));
            }
            if self.temperature.as_ref() == Some(&ts[k]) && !ts.get(next(ts, k + 1)).is_some_and(|t| t.is('_')) {
                push(out, " T ");
                k += 1;
                continue;
            }
            if let Some((index, end)) = self.outputs.iter().find_map(|t| t.at(ts, k)) {
                push(out, &format!("S_{}", map(index).ok_or_else(|| unbound(index))?));
                k = end;
                continue;
            }
            if let Some((index, end)) = self.logit_at(ts, k) {
                push(out, &format!("a_{}", map(index).ok_or_else(|| unbound(index))?));
                k = end;
                continue;
            }
            if let Some(end) = kronecker_at(ts, k, roles) {
                if sum_index.is_some() {
                    return Err(refusal(text, "a Kronecker delta inside a sum: not read"));
                }
                push(out, if diagonal { "1" } else { r"\delta_{ij}" });
                k = end;
                continue;
            }
            match &ts[k] {
                // A lone index letter (in `cases` conditions): its role's letter.
                Tok::Ch(c) if (*c == roles.0 || *c == roles.1) && c.is_ascii_lowercase() && *c != 'e' => {
                    let before = k.checked_sub(1).and_then(|b| ts.get(b));
                    let after = ts.get(k + 1);
                    let alone = before.is_none_or(|t| t.letter().is_none() && !t.is('_'))
                        && after.is_none_or(|t| t.letter().is_none());
                    match map(*c) {
                        Some(m) if alone => push(out, &m.to_string()),
                        _ => push(out, &c.to_string()),
                    }
                }
                // The definition's upper bound (`K` in `\sum_{k=1}^{K}`) is the number of logits, N.
                Tok::Ch(c) if self.bound == Some(*c) => {
                    let before = k.checked_sub(1).and_then(|b| ts.get(b));
                    let after = ts.get(k + 1);
                    let alone = before.is_none_or(|t| t.letter().is_none() && !t.is('_') && !t.is('^'))
                        && after.is_none_or(|t| t.letter().is_none() && !t.is('_'));
                    let written = c.to_string();
                    push(out, if alone { "N" } else { &written });
                }
                // `c`, `C` read as a shift (the LaTeX reader's rule) — unless the post names its own values so.
                Tok::Ch(c @ ('c' | 'C')) if self.names(*c) => {
                    return Err(refusal(
                        text,
                        &format!("`{c}` names the post's own logits or outputs: it is not read as a constant shift"),
                    ));
                }
                // The article's own names (`S_i`, `a_j`, `Z`) in a post that defines others:
                // not guessed — in another post `a_j` may be an output, `Z` anything.
                // A `y` with a subscript that is not the post's labels: not guessed to be labels.
                Tok::Ch('y') if self.foreign_name(ts, k) => {
                    return Err(refusal(
                        text,
                        "`y` is not a name this post defines (as the labels of its cross-entropy)",
                    ));
                }
                // The post's own logits without an index (`\max(Z)`, `{Z}_i` in braces): a vector.
                Tok::Ch(c)
                    if self.logit == Tok::Ch(*c)
                        && k.checked_sub(1).is_some_and(|b| ts[b].is('{') || ts[b].is('('))
                        && ts.get(k + 1).is_some_and(|t| t.is('}') || t.is(')')) =>
                {
                    return Err(refusal(
                        text,
                        &format!("the logits `{c}` without their index (a vector, a maximum over them): not read"),
                    ));
                }
                Tok::Ch(c @ ('S' | 'a' | 'Z')) if !self.is_default() && self.foreign_name(ts, k) => {
                    return Err(refusal(
                        text,
                        &format!(
                            "`{c}` is not a name this post defines (its softmax is `{}` of the logits `{}`)",
                            self.outputs.first().map_or(String::new(), |t| t.display()),
                            self.logit.src()
                        ),
                    ));
                }
                // `\delta` without indices is no Kronecker delta but the sign of a derivative
                // no rule above read (`\frac{\delta S(x_i)}{x_j}`, without δ below the bar).
                Tok::Cmd(c) if c == "\\delta" && !ts.get(next(ts, k + 1)).is_some_and(|t| t.is('_')) => {
                    return Err(refusal(
                        text,
                        "`\\delta` without indices, as the sign of a derivative the tool does not read (it reads \
                         `\\frac{\\delta F}{\\delta z_j}`, the sign above and below the bar, of the post's output, \
                         its loss or an expression of them)",
                    ));
                }
                // A Kronecker delta over other letters than the relation's two (`\delta_{mj}`,
                // a delta with a summation index): the parser would read it as δ_ij.
                Tok::Cmd(c)
                    if c == "\\delta"
                        || c == "\\mathbb"
                            && ts.get(next(ts, k + 1)).is_some_and(|t| t.is('{'))
                            && ts.get(next(ts, k + 2)).is_some_and(|t| t.is('1')) =>
                {
                    return Err(refusal(text, "a Kronecker delta over other indices than the relation's: not read"));
                }
                // A sum no rule above read (`\sum_{j \neq i}`, …): never passed on with the
                // post's letters, which the parser would read as other indices.
                Tok::Cmd(c) if c == "\\sum" || c == "\\Sigma" => {
                    return Err(refusal(text, "a sum that leaves a term out or has other bounds: not read"));
                }
                t => push(out, &t.src()),
            }
            k += 1;
        }
        Ok(())
    }

    /// Whether the letter at `k` is used as a name of its own: `S` or `a`
    /// with a subscript, `Z` alone (not inside a word).
    fn foreign_name(&self, ts: &[Tok], k: usize) -> bool {
        let before_letter = k.checked_sub(1).and_then(|b| ts.get(b)).is_some_and(|t| t.letter().is_some());
        let after = ts.get(k + 1);
        if before_letter || after.is_some_and(|t| t.letter().is_some()) {
            return false;
        }
        match ts[k] {
            Tok::Ch('Z') => !after.is_some_and(|t| t.is('_')),
            _ => ts.get(next(ts, k + 1)).is_some_and(|t| t.is('_')),
        }
    }

    /// The letter the post's sum runs to (`K` in `\sum_{k=1}^{K}`), read as $N$.
    pub fn bound_letter(&self) -> Option<char> {
        self.bound
    }

    /// The number of logits when the definition's sum runs over written
    /// numbers (`\sum_{k=1}^{3}`: 3, `\sum_{k=0}^{9}`: 10): the post's claims
    /// are then about that $N$ only.
    pub fn fixed_n(&self) -> Option<usize> {
        let (lower, upper) = self.bounds.strip_prefix("_□=")?.split_once('^')?;
        let (lower, upper): (usize, usize) = (lower.parse().ok()?, upper.parse().ok()?);
        upper.checked_sub(lower).map(|d| d + 1).filter(|&n| n >= 1)
    }

    /// Whether a sum's range is the definition's: the same bounds (index
    /// aside), or no range written on either side.
    fn same_range(&self, index: Option<char>, bounds: &str) -> bool {
        let range = range_of(index, bounds);
        // A sum without a range is the definition's shorthand; a definition without one runs
        // over all N logits, so a written range must say so (`_{k=1}^{N}`, or the bound it names).
        let whole = |r: &str| r == "_□=1^N" || self.bound.is_some_and(|b| r == format!("_□=1^{b}"));
        range.is_empty()
            || range == self.bounds
            || (!self.shorthand_bounds.is_empty() && range == self.shorthand_bounds)
            || (self.bounds.is_empty() && whole(&range))
    }

    /// Whether the bounds written of a sum (`_k`, `_k=1`, `_k^N`, `_k=1^N`, as
    /// [`except_sum_head`] writes them) are the definition's: each bound written
    /// is the definition's own (or, for a definition without bounds, 1 and `N`).
    fn same_partial_range(&self, index: char, bounds: &str) -> bool {
        let range = range_of(Some(index), bounds);
        if range.is_empty() || self.same_range(Some(index), bounds) {
            return true;
        }
        let (lower, upper) = match range.split_once('^') {
            Some((l, u)) => (l.strip_prefix("_□="), Some(u)),
            None => (range.strip_prefix("_□="), None),
        };
        // The post's ranges (lower, upper): its definition's and its shorthand's, or 1 to N.
        let split = |b: &str| {
            b.strip_prefix("_□=").and_then(|b| b.split_once('^')).map(|(l, u)| (l.to_string(), u.to_string()))
        };
        let mut ranges: Vec<(String, String)> =
            [&self.bounds, &self.shorthand_bounds].into_iter().filter_map(|b| split(b)).collect();
        if self.bounds.is_empty() {
            ranges.push(("1".into(), "N".into()));
            ranges.extend(self.bound.map(|b| ("1".to_string(), b.to_string())));
        }
        ranges.iter().any(|(l, u)| lower.is_none_or(|w| w == l) && upper.is_none_or(|w| w == u))
    }

    /// A sum of the outputs over their index at `k` (`\sum_{i=1}^{N} S_i`), over the
    /// definition's range (bounds as the definition writes them, or unwritten on either side): its end.
    fn output_sum_at(&self, ts: &[Tok], k: usize) -> Option<usize> {
        let (index, bounds, m) = sum_head(ts, k)?;
        let index = index?;
        if !self.same_range(Some(index), &bounds) {
            return None;
        }
        let open = next(ts, m);
        let braced = ts.get(open).is_some_and(|t| t.is('{'));
        let (letter, mut end) = self.outputs.iter().find_map(|t| t.at(ts, if braced { open + 1 } else { m }))?;
        if braced {
            let close = next(ts, end);
            if !ts.get(close)?.is('}') {
                return None;
            }
            end = close + 1;
        }
        // The summand must end there: `\sum_k S_k^2` or `\sum_k S_k (1 - S_k)` is another sum.
        let ends = match ts.get(next(ts, end)) {
            None => true,
            Some(Tok::Ch(c)) => "+-=})&<>,.".contains(*c),
            Some(Tok::Cmd(c)) => {
                ["\\le", "\\leq", "\\ge", "\\geq", "\\neq", "\\ne", "\\\\", "\\quad", "\\qquad", "\\end", "\\right"]
                    .contains(&c.as_str())
            }
            _ => false,
        };
        (letter == index && ends).then_some(end)
    }

    /// The roles of a row that is not a derivative relation: the engine's letters if the row
    /// uses them, else its one index letter as the output's.
    fn letters_roles(&self, ts: &[Tok]) -> Roles {
        let mut used: Vec<char> = Vec::new();
        // The logit's index of `\frac{\partial}{\partial z_L}` or `\frac{\partial X}{\partial z_L}` of an
        // expression X (not the output: that left side fixes the roles elsewhere).
        let mut differentiated: Option<char> = None;
        let mut k = 0;
        while k < ts.len() {
            if let Some((_, _, index, _)) =
                derivative_at(ts, &self.logit, k).filter(|_| self.derivative(ts, k).is_none())
            {
                differentiated.get_or_insert(index);
            }
            // A sum's index is bound inside it (`\sum_k y_k \log p_k`): no role.
            let general = || {
                let start = sum_head(ts, k).map(|h| h.2).or_else(|| except_sum_head(ts, k).map(|h| h.3))?;
                Some(summand_end(ts, start))
            };
            let sum_end = sum_at(ts, k).map(|s| s.3).or_else(|| scaled_sum_at(ts, k).map(|s| s.end)).or_else(general);
            if let Some(end) = sum_end.filter(|end| *end > k) {
                k = end;
                continue;
            }
            let found =
                self.outputs.iter().chain(&self.tempered).find_map(|t| t.at(ts, k)).or_else(|| self.logit_at(ts, k));
            if let Some((c, end)) = found {
                if !used.contains(&c) {
                    used.push(c);
                }
                k = end;
                continue;
            }
            k += 1;
        }
        // `\frac{\partial}{\partial x_i} \log \sum_j e^{x_j} = p_i`: a gradient with one index, the
        // derivative's (the engine's j); with one other index, that one is the output's.
        if let Some(d) = differentiated {
            let others: Vec<char> = used.iter().copied().filter(|c| *c != d).collect();
            return match others.as_slice() {
                [] => ('\u{1}', d),
                [o] => (*o, d),
                _ => ('i', 'j'),
            };
        }
        match used.as_slice() {
            [one] => (*one, if *one == 'j' { 'i' } else { 'j' }),
            _ => ('i', 'j'),
        }
    }

    /// Why a row that uses a shift letter the post defines is not read, if it is not: a
    /// letter defined from the normaliser (`C = 1/\sum_k e^{a_k}`) is no free constant; a
    /// letter defined otherwise (`c = -\max_k a_k`) is read as free in an equality only —
    /// what holds for every constant holds for the one the post chose, but a lone expression
    /// or a comparison side (`e^{a_i + c} \le 1`) may hold for that choice only.
    fn defined_constant_in(&self, text: &str) -> Option<String> {
        if self.defined.is_empty() {
            return None;
        }
        let ts = normalize(tokenize(text));
        let uses = |x: char| {
            (0..ts.len()).any(|k| ts[k] == Tok::Ch(x) && !ts.get(next(&ts, k + 1)).is_some_and(|t| t.is('_')))
        };
        let equality = members(&ts).len() > 1;
        self.defined.iter().filter(|d| uses(d.letter)).find_map(|d| {
            let (letter, line) = (d.letter, d.line);
            if d.from_normaliser {
                Some(format!(
                    "`{letter}` is defined by the post from its normaliser (line {line}): it is not read as a free constant"
                ))
            } else if !equality {
                Some(format!(
                    "`{letter}` is defined by the post (line {line}): it is read as a free constant in an equality only \
                     (what holds for every constant holds for the one chosen), not in an expression or a comparison \
                     that may hold for that choice alone"
                ))
            } else {
                None
            }
        })
    }

    /// Whether the letter `c` is the post's name for its logits or its outputs.
    fn names(&self, c: char) -> bool {
        self.logit == Tok::Ch(c) || self.outputs.iter().any(|t| t.0.first() == Some(&Pat::Tok(Tok::Ch(c))))
    }

    /// The logit with its index at `k`: `z_L`.
    fn logit_at(&self, ts: &[Tok], k: usize) -> Option<(char, usize)> {
        indexed_at(ts, &self.logit, k)
    }

    /// A derivative of the output with respect to a logit at `k`: (output's index, logit's index, end).
    fn derivative(&self, ts: &[Tok], k: usize) -> Option<(char, char, usize)> {
        let (body, body_end, index, end) = derivative_at(ts, &self.logit, k)?;
        let (out, after) = self.outputs.iter().find_map(|t| t.at(ts, body))?;
        if body_end == usize::MAX {
            // `D_j p_i`, `\partial_{z_j} p_i`: the name ends it.
            return Some((out, index, after));
        }
        (next(ts, after) == body_end).then_some((out, index, end))
    }

    /// `\frac{\partial}{\partial z_L}` at `k`: (index, end).
    fn diff_operator(&self, ts: &[Tok], k: usize) -> Option<(char, usize)> {
        let (body, body_end, index, end) = derivative_at(ts, &self.logit, k)?;
        (body_end != usize::MAX && next(ts, body) == body_end).then_some((index, end))
    }

    /// The vector of the outputs at `k` (`\sigma(\mathbf z)` for `\sigma(\mathbf z)_i`, `p`
    /// for `p_i`), not followed by an index: its end.
    fn vector_at(&self, ts: &[Tok], k: usize) -> Option<usize> {
        // Not inside a word (`exp` is no `p`), nor a function applied (`\text{softmax}([2, 1])`).
        let m = next(ts, k);
        if m.checked_sub(1).and_then(|b| ts.get(b)).is_some_and(|t| t.letter().is_some()) {
            return None;
        }
        self.vector_name_at(ts, k).filter(|end| !ts.get(next(ts, *end)).is_some_and(|t| t.is('_') || t.is('(')))
    }

    /// The name of the outputs' vector at `k`, indexed or not (`\sigma(\mathbf z)` in
    /// `\sigma(\mathbf z)_{1}`): its end.
    fn vector_name_at(&self, ts: &[Tok], k: usize) -> Option<usize> {
        self.outputs.iter().find_map(|t| {
            let prefix = match t.0.as_slice() {
                [prefix @ .., Pat::Tok(under), Pat::Index] if under.is('_') && !prefix.is_empty() => prefix,
                _ => return None,
            };
            let mut m = k;
            for p in prefix {
                m = next(ts, m);
                match (p, ts.get(m)?) {
                    (Pat::Tok(want), t) if t == want => m += 1,
                    _ => return None,
                }
            }
            Some(m)
        })
    }

    /// The Jacobian `\frac{\partial \sigma(\mathbf z)}{\partial \mathbf z}` at `k`, the outputs'
    /// vector over the logits' (no index): its end.
    fn jacobian_at(&self, ts: &[Tok], k: usize) -> Option<(usize, bool)> {
        let k = next(ts, k);
        if !(ts.get(k)?.cmd("\\frac") || ts.get(k)?.cmd("\\dfrac")) {
            return None;
        }
        let open = next(ts, k + 1);
        let close = group_end(ts, open)?;
        let d = next(ts, open + 1);
        if !ts.get(open)?.is('{') || !ts.get(d)?.cmd("\\partial") {
            return None;
        }
        // `\frac{\partial \log \mathbf p}{\partial \mathbf z}`: the Jacobian of log-softmax.
        let name = next(ts, d + 1);
        let log = ts.get(name).is_some_and(|t| t.cmd("\\log") || t.cmd("\\ln"));
        if next(ts, self.vector_at(ts, if log { name + 1 } else { name })?) != close {
            return None;
        }
        let open2 = next(ts, close + 1);
        let close2 = group_end(ts, open2)?;
        let d2 = next(ts, open2 + 1);
        let logit = next(ts, d2 + 1);
        let whole = ts.get(open2)?.is('{') && ts.get(d2)?.cmd("\\partial") && ts.get(logit)? == &self.logit;
        (whole && next(ts, logit + 1) == close2).then_some((close2 + 1, log))
    }

    /// The matrix forms of the Jacobian at `k`: `\text{diag}(s)` ($\delta_{ij} S_i$) and
    /// `s s^\top` ($S_i S_j$, the outer product of a column vector): canonical text and end.
    fn matrix_form_at(&self, ts: &[Tok], k: usize) -> Option<(&'static str, usize)> {
        let at = next(ts, k);
        let diag = matches!(ts.get(at)?, Tok::Text(t) if TEXT_CMDS.iter().any(|c| *t == format!("{c}{{diag}}")));
        if diag {
            let open = next(ts, at + 1);
            let end = self.vector_at(ts, open + 1).filter(|_| ts[open].is('('))?;
            let close = next(ts, end);
            return ts.get(close)?.is(')').then_some((r" {\delta_{ij} S_i} ", close + 1));
        }
        // An outer product of the outputs' vector `s` and the ones vector `\mathbf{1}`:
        // `s s^\top` is $S_i S_j$ at (i, j), `\mathbf{1} s^\top` is $S_j$, `s \mathbf{1}^\top` is $S_i$.
        let font = |t: &Tok| matches!(t, Tok::Cmd(f) if FONT_CMDS.contains(&f.as_str()));
        let factor = |m: usize| -> Option<(bool, usize)> {
            let m = next(ts, m);
            match (ts.get(m)?, ts.get(m + 1), ts.get(m + 2), ts.get(m + 3)) {
                (f, Some(o), Some(one), Some(c)) if font(f) && o.is('{') && one.is('1') && c.is('}') => {
                    Some((true, m + 4))
                }
                _ => Some((false, self.vector_at(ts, m)?)),
            }
        };
        // `s s^\top` with column vectors, `s^\top s` with row vectors (where the post says its
        // vectors are rows): the outer product either way.
        let (first_ones, first) = factor(at)?;
        let (row, first) = match transpose_end(ts, first) {
            // `1^\top s` with column vectors is a number (their inner product): rows only where
            // the post says its vectors are rows.
            Some(end) if self.heard.rows => (true, end),
            Some(_) => return None,
            None => (false, first),
        };
        let (second_ones, second) = factor(first)?;
        let canonical = match (first_ones, second_ones) {
            (false, false) => r" {S_i S_j} ",
            (true, false) => r" {S_j} ",
            (false, true) => r" {S_i} ",
            (true, true) => r" {1} ",
        };
        let end = match transpose_end(ts, second) {
            Some(end) if !row => end,
            None if row => second,
            _ => return None,
        };
        Some((canonical, end))
    }
}

/// The end of a transpose written at `at` (`^\top`, `^T`, `^{\intercal}`), if one is.
fn transpose_end(ts: &[Tok], at: usize) -> Option<usize> {
    let hat = next(ts, at);
    if !ts.get(hat)?.is('^') {
        return None;
    }
    let t = next(ts, hat + 1);
    let transpose = |t: &Tok| t.cmd("\\top") || t.cmd("\\intercal") || t.is('T');
    match ts.get(t)? {
        Tok::Ch('{') => {
            let inner = next(ts, t + 1);
            let close = next(ts, inner + 1);
            (transpose(ts.get(inner)?) && ts.get(close)?.is('}')).then_some(close + 1)
        }
        one if transpose(one) => Some(t + 1),
        _ => None,
    }
}

/// Whether the range `other` (as [`range_of`] writes it) starts where `definition` does and
/// ends at one letter (a count the post names), `definition` being written.
fn same_start_named_end(other: &str, definition: &str) -> bool {
    let parts =
        |r: &str| r.strip_prefix("_□=").and_then(|b| b.split_once('^')).map(|(l, u)| (l.to_string(), u.to_string()));
    match (parts(other), parts(definition)) {
        (Some((l1, u1)), Some((l2, _))) => {
            l1 == l2 && u1.chars().count() == 1 && u1.chars().all(|c| c.is_ascii_alphabetic())
        }
        _ => false,
    }
}

/// The upper bound of written bounds (`_{□=1}^{K}` → `K`) when it is one letter other than `N` or `e`.
fn upper_letter(bounds: &str) -> Option<char> {
    let upper = bounds.split_once('^')?.1.trim_matches(['{', '}', ' ']);
    let mut chars = upper.chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_ascii_alphabetic() && c != 'N' && c != 'e').then_some(c)
}

/// The range of the sum a shorthand of the post names (`Z = \sum_{k=1}^{K} e^{z_k}`), as
/// [`range_of`] writes it; empty when the post writes none.
fn shorthand_range(relations: &[(Vec<Vec<Tok>>, usize)], shorthands: &[Shorthand]) -> String {
    relations
        .iter()
        .find_map(|(members, _)| match members.as_slice() {
            [name, value] if shorthands.iter().any(|s| s.0 == *name) => sum_bounds(value),
            _ => None,
        })
        .unwrap_or_default()
}

/// The bounds of the sum in a definition's denominator, as [`range_of`] writes them.
fn sum_bounds(member: &[Tok]) -> Option<String> {
    (0..member.len()).find_map(|k| {
        let (_, index, bounds, _) = sum_at(member, k)?;
        Some(range_of(Some(index), &bounds))
    })
}

/// A sum's range as written, comparable across sums: without braces, its
/// index renamed `□` (`_{k=1}^{N}` and `_{j=1}^N` are both `_□=1^N`); empty
/// when no range is written (`\sum`, `\sum_k`).
fn range_of(index: Option<char>, bounds: &str) -> String {
    let t: String = bounds.chars().filter(|c| !matches!(c, '{' | '}' | ' ')).collect();
    match index {
        Some(i) if t == format!("_{i}") => String::new(),
        Some(i) => t.replacen(&format!("_{i}"), "_□", 1),
        None => t,
    }
}

/// The definition's right side: $e^{x_L}$ over a sum of $e^{x_k}$ (or a shorthand for it).
/// Returns the logit and the index letter $L$.
fn definition(member: &[Tok], shorthands: &[(Shorthand, Tok)]) -> Option<(Tok, char)> {
    let frac = member.first()?;
    if !(frac.cmd("\\frac") || frac.cmd("\\dfrac") || frac.cmd("\\tfrac")) || !member.get(1)?.is('{') {
        return None;
    }
    let (logit, index, end) = exp_at(member, 2)?;
    if !member.get(end)?.is('}') || !member.get(end + 1)?.is('{') {
        return None;
    }
    let den = end + 2;
    let after = if let Some((l, k, _, e)) = sum_at(member, den) {
        (l == logit && k != index).then_some(e)?
    } else {
        shorthands.iter().filter(|(_, l)| *l == logit).find_map(|(s, _)| s.at(member, den))?
    };
    // The fraction is the whole member (a remark after a `,` was split off): `\frac{…}{…}(1 - S_j)` is no definition.
    (member.get(after)?.is('}') && after + 1 == member.len()).then_some((logit, index))
}

/// Whether every relation `name = value` among `relations` gives `name` the same value: a
/// name given two values means different things in different places, and is read as neither.
fn one_value(relations: &[(Vec<Vec<Tok>>, usize)], name: &[Tok]) -> bool {
    let mut values = relations.iter().filter_map(|(members, _)| match members.as_slice() {
        [n, value] if n.as_slice() == name => Some(value),
        _ => None,
    });
    let first = values.next();
    values.all(|v| Some(v) == first)
}

/// `e^{z_L/T}` or `\exp(z_L/T)` at `k`: (logit, index, temperature, end).
fn tempered_exp_at(ts: &[Tok], k: usize) -> Option<(Tok, char, Tok, usize)> {
    let k = next(ts, k);
    let (open, close) = if ts.get(k)?.is('e') && ts.get(next(ts, k + 1))?.is('^') {
        (next(ts, next(ts, k + 1) + 1), '}')
    } else if ts.get(k)?.cmd("\\exp") {
        let open = next(ts, k + 1);
        (open, if ts.get(open)?.is('(') { ')' } else { '}' })
    } else {
        return None;
    };
    if !(ts.get(open)?.is('{') || ts.get(open)?.is('(')) {
        return None;
    }
    let base = next(ts, open + 1);
    let under = next(ts, base + 1);
    let index = next(ts, under + 1);
    let slash = next(ts, index + 1);
    let temperature = next(ts, slash + 1);
    let end = next(ts, temperature + 1);
    let logit = ts.get(base)?;
    let named = logit.letter().is_some_and(|c| c != 'e') && ts.get(under)?.is('_') && ts.get(slash)?.is('/');
    let letter = ts.get(temperature).filter(|t| t.letter().is_some() || t.cmd("\\tau"))?;
    if !(named && ts.get(end)?.is(close)) {
        return None;
    }
    Some((logit.clone(), ts[index].letter()?, letter.clone(), end + 1))
}

/// A definition of softmax at a temperature, the whole member:
/// `\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}`: (logit, index, temperature).
fn tempered_definition(member: &[Tok]) -> Option<(Tok, char, Tok)> {
    let frac = member.first()?;
    if !(frac.cmd("\\frac") || frac.cmd("\\dfrac")) || !member.get(1)?.is('{') {
        return None;
    }
    let (logit, index, temperature, end) = tempered_exp_at(member, 2)?;
    if !member.get(end)?.is('}') || !member.get(end + 1)?.is('{') {
        return None;
    }
    let (sum_index, bounds, start) = sum_head(member, end + 2)?;
    // Over all N logits only: no written bounds (a partial sum is another function).
    if !range_of(sum_index, &bounds).is_empty() {
        return None;
    }
    let (l, k, t, after) = tempered_exp_at(member, start)?;
    let same = l == logit && t == temperature && k != index && sum_index.is_none_or(|s| s == k);
    (same && member.get(after)?.is('}') && after + 1 == member.len()).then_some((logit, index, temperature))
}

/// The names a definition gives the outputs: every other member of its
/// relation that names the output with the definition's index, and
/// `S(x_i)`, `\sigma(z)_i` also as `S_i`, `\sigma_i`.
fn output_names(members: &[Vec<Tok>], k: usize, index: char) -> Vec<Template> {
    let mut outputs: Vec<Template> =
        members.iter().enumerate().filter(|(m, _)| *m != k).filter_map(|(_, name)| template(name, index)).collect();
    let heads: Vec<Template> = outputs
        .iter()
        .filter_map(|t| match t.0.as_slice() {
            [Pat::Tok(head), Pat::Tok(Tok::Ch('(')), ..] if !matches!(head, Tok::Ch('(')) => {
                Some(Template(vec![Pat::Tok(head.clone()), Pat::Tok(Tok::Ch('_')), Pat::Index]))
            }
            _ => None,
        })
        .collect();
    for h in heads {
        if !outputs.contains(&h) {
            outputs.push(h);
        }
    }
    outputs
}

/// A left side naming the output with the definition's index: its template.
fn template(name: &[Tok], index: char) -> Option<Template> {
    if name.is_empty() || name.len() > 16 || !name.iter().any(|t| t.letter() == Some(index)) {
        return None;
    }
    if name.iter().any(|t| matches!(t, Tok::Ch('=' | '&' | '<' | '>')) || t.cmd("\\frac")) {
        return None;
    }
    Some(Template(
        name.iter().map(|t| if t.letter() == Some(index) { Pat::Index } else { Pat::Tok(t.clone()) }).collect(),
    ))
}

/// The Kronecker delta at `k` in any usual form: `\delta_{ij}`, `\mathbb{1}_{i=j}`,
/// `\mathbb{1}\{i=j\}`, `1\{i=j\}`, `[i=j]`, over the relation's two letters.
fn kronecker_at(ts: &[Tok], k: usize, roles: Roles) -> Option<usize> {
    let k = next(ts, k);
    let pair = |a: char, b: char| (a, b) == roles || (b, a) == roles;
    let t = ts.get(k)?;
    let letters = |from: usize, n: usize| -> Option<(Vec<Tok>, usize)> {
        let mut v = Vec::new();
        let mut m = from;
        while v.len() < n {
            m = next(ts, m);
            v.push(ts.get(m)?.clone());
            m += 1;
        }
        Some((v, m))
    };
    if t.cmd("\\delta") {
        let (v, end) = letters(k + 1, 5)?;
        if let [u, o, a, b, c] = v.as_slice() {
            if u.is('_') && o.is('{') && c.is('}') && pair(a.letter()?, b.letter()?) {
                return Some(end);
            }
        }
        return None;
    }
    // `\mathbb{1}` / `\mathbf{1}` / `1`, then `_{i=j}` or `\{i=j\}`.
    let after_one = if t.is('1') {
        k + 1
    } else if matches!(t, Tok::Cmd(s) if FONT_CMDS.contains(&s.as_str())) {
        let (v, end) = letters(k + 1, 3)?;
        if v[0].is('1') {
            next(ts, k + 1) + 1
        } else if v[0].is('{') && v[1].is('1') && v[2].is('}') {
            end
        } else {
            return None;
        }
    } else if t.is('[') {
        let (v, end) = letters(k + 1, 4)?;
        if let [a, e, b, c] = v.as_slice() {
            if e.is('=') && c.is(']') && pair(a.letter()?, b.letter()?) {
                return Some(end);
            }
        }
        return None;
    } else {
        return None;
    };
    let (v, end) = letters(after_one, 1)?;
    if v[0].is('_') {
        let (w, end) = letters(end, 5)?;
        if let [o, a, e, b, c] = w.as_slice() {
            if o.is('{') && e.is('=') && c.is('}') && pair(a.letter()?, b.letter()?) {
                return Some(end);
            }
        }
    } else if v[0].cmd("\\{") {
        let (w, end) = letters(end, 4)?;
        if let [a, e, b, c] = w.as_slice() {
            if e.is('=') && c.cmd("\\}") && pair(a.letter()?, b.letter()?) {
                return Some(end);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(n: &Notation, text: &str) -> Vec<String> {
        n.read(text, None).unwrap_or_else(|e| panic!("{text}: {e}")).row.members.iter().map(|m| m.to_string()).collect()
    }

    #[test]
    fn definitions_in_every_form_name_the_output_and_the_logits() {
        for def in [
            r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}",
            r"\sigma(\mathbf z)_i = \frac{\exp(z_i)}{\sum_{j=1}^{C} \exp(z_j)}",
            r"\text{softmax}(x)_i = \frac{e^{x_i}}{\sum_{k=0}^{n-1} e^{x_k}}",
            r"S(x_i) = \frac{\exp{x_i}}{\sum_{k} e^{x_k}}",
            r"\hat y_i = \frac{e^{\theta_i}}{\sum_{k=1}^K e^{\theta_k}}",
            r"\hat{y_i} = \frac{e^{\theta_i}}{\sum_{k=1}^K e^{\theta_k}}",
            r"y_j = \dfrac{e^{u_j}}{\sum e^{u_k}}",
        ] {
            let n = Notation::learn_from([(def, 1)]);
            assert_eq!(n.line, Some(1), "{def}");
            assert!(!n.is_default(), "{def}");
            assert_eq!(read(&n, def)[0], "S_i", "{def}");
        }
        let n = Notation::learn_from([(r"\Sigma = \sum_k e^{z_k}", 1), (r"p_i = \frac{e^{z_i}}{\Sigma}", 2)]);
        assert_eq!(n.line, Some(2));
        assert_eq!(
            read(&n, r"\frac{\partial p_i}{\partial z_j} = \frac{0 - e^{z_i}e^{z_j}}{\Sigma^2}")[1],
            "((0 - (exp(a_i) * exp(a_j))) / (Z ^ 2))"
        );
        // No definition: the article's notation.
        assert!(Notation::learn_from([(r"y = x^2", 1)]).is_default());
    }

    #[test]
    fn derivatives_and_kroneckers_in_every_form() {
        let n = Notation::learn_from([(r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", 1)]);
        for left in [
            r"\frac{\partial p_i}{\partial z_j}",
            r"\partial p_i / \partial z_j",
            r"\partial_{z_j} p_i",
            r"D_j p_i",
            r"\frac{d p_i}{d z_j}",
            r"\frac{\delta p_i}{\delta z_j}",
            r"{\frac{\partial p_i}{\partial z_j}}",
        ] {
            for kron in [r"\delta_{ij}", r"\mathbb{1}_{i=j}", r"\mathbb{1}\{i=j\}", r"1\{i=j\}", r"[i=j]"] {
                let text = format!("{left} = p_i({kron} - p_j)");
                assert_eq!(read(&n, &text), ["D_jS_i", "(S_i * (delta_ij - S_j))"], "{text}");
            }
        }
        // The left side fixes the roles: in ∂p_j/∂z_i the output's index is j.
        assert_eq!(read(&n, r"\frac{\partial p_j}{\partial z_i} = -p_j p_i"), ["D_jS_i", "(-(S_i * S_j))"]);
        // A diagonal left side: the diagonal entry, and no other index.
        let r = n.read(r"\frac{\partial p_j}{\partial z_j} = p_j(1 - p_j)", None).unwrap();
        assert!(r.diagonal);
        assert_eq!(r.row.members[1].to_string(), "(S_i * (1 - S_i))");
        let e = n.read(r"\frac{\partial p_j}{\partial z_j} = -p_i p_j", None).unwrap_err();
        assert!(e.message.contains("index typo"), "{e}");
        // δ reads as a derivative's sign only around the output and a logit.
        assert!(n.read(r"\frac{\delta_{ij}}{\delta z_j} = p_i", None).is_err());
        // An undefined name is not guessed.
        assert!(n.read(r"\frac{\partial p_i}{\partial z_j} = q_i", None).is_err());
    }

    #[test]
    fn a_sum_shifted_or_scaled_by_a_constant_is_read_by_linearity() {
        let d = Notation::default();
        assert_eq!(
            read(&d, r"\frac{e^{a_i + c}}{\sum_{k=1}^{N} e^{a_k + c}} = S_i"),
            ["(exp((a_i + c)) / (exp(c) * Z))", "S_i"]
        );
        assert_eq!(read(&d, r"\sum_k e^{c + a_k} + \sum_{k} \exp(a_k - c)")[0], "((exp(c) * Z) + (exp((-c)) * Z))");
        assert_eq!(read(&d, r"\sum_k C e^{a_k} = C \sum_k e^{a_k}"), ["(exp(c) * Z)", "(exp(c) * Z)"]);
        assert_eq!(
            read(&d, r"\sum_k C \cdot e^{a_k} = \sum_k \frac{1}{N} e^{a_k} N C")[1],
            "((((1 / N) * Z) * N) * exp(c))"
        );
        assert_eq!(read(&d, r"\sum_{k=1}^{N} e^{a_k + \ln C}")[0], "(exp(c) * Z)");
        assert_eq!(read(&d, r"\sum e^{a_k - c} + a_i")[0], "((exp((-c)) * Z) + a_i)", "bounds unwritten");
        // In a post's own notation, with its letters.
        let n = Notation::learn_from([(r"p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}", 1)]);
        assert_eq!(
            read(&n, r"\frac{e^{z_i + \ln C}}{\sum_j e^{z_j + \ln C}} = p_i"),
            ["(exp((a_i + c)) / (exp(c) * Z))", "S_i"]
        );
        // Negative controls: a summand that depends on the index otherwise is not rewritten
        // by linearity: it stays a sum over k, for the exact layer.
        for text in [r"\sum_k S_k e^{a_k + c} = S_i", r"\sum_k e^{2a_k + c} = S_i", r"\sum_k e^{a_k + a_k} = S_i"] {
            assert!(read(&d, text)[0].starts_with("sum("), "{text}");
        }
        // A post whose sum runs to C counts with it: C is N there; a post whose logits are c refuses a bare c.
        let k = Notation::learn_from([(r"S_i = \frac{e^{a_i}}{\sum_{k=1}^{C} e^{a_k}}", 1)]);
        assert_eq!(read(&k, r"C e^{a_i} = N e^{a_i}"), ["(N * exp(a_i))", "(N * exp(a_i))"]);
        let named = Notation::learn_from([(r"p_i = \frac{e^{c_i}}{\sum_k e^{c_k}}", 1)]);
        assert!(named.read(r"e^{c_i + c} = p_i", None).unwrap_err().message.contains("names the post's own"));
    }

    #[test]
    fn a_shift_letter_the_post_defines_keeps_its_definition() {
        let def = r"p_i = \frac{e^{z_i}}{\sum_j e^{z_j}}";
        // Chosen as −max: free in an equality (what holds for every constant holds for the one
        // chosen), not in a comparison side or an expression, which may hold for that choice only.
        let chosen = Notation::learn_from([(def, 1), (r"\ln C = -\max_j z_j", 2)]);
        assert_eq!(read(&chosen, r"C e^{z_i} = e^{z_i + \ln C}"), ["(exp(c) * exp(a_i))", "exp((a_i + c))"]);
        let e = chosen.read(r"e^{z_i + \ln C}", None).unwrap_err();
        assert!(e.message.contains("defined by the post (line 2)"), "{e}");
        assert!(chosen.read(r"e^{z_i + c}", None).is_ok(), "c is not C");
        // Made from the normaliser: never a free constant, so never refuted as one.
        let tied = Notation::learn_from([(r"C = \frac{1}{\sum_j e^{z_j}}", 1), (def, 2)]);
        assert!(tied.read(r"p_i = C e^{z_i}", None).unwrap_err().message.contains("from its normaliser"));
        // A shorthand for the sum is the sum, also in the article's letters (negative control).
        let short = Notation::learn_from([(r"C = \sum_k e^{a_k}", 1), (r"S_i = \frac{e^{a_i}}{C}", 2)]);
        assert_eq!(read(&short, r"C S_i = e^{a_i}"), ["(Z * S_i)", "exp(a_i)"]);
    }

    #[test]
    fn a_name_means_what_the_post_defines() {
        let n = Notation::learn_from([(r"a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}", 1)]);
        assert_eq!(
            read(&n, r"\frac{\partial a_i}{\partial z_j} = a_i(\delta_{ij} - a_j)")[1],
            "(S_i * (delta_ij - S_j))"
        );
        // The default notation reads the article's rows as before.
        let d = Notation::default();
        assert_eq!(read(&d, r"D_jS_i & = \frac{\partial S_i}{\partial a_j}\\"), ["D_jS_i", "d/da_j(S_i)"]);
        assert_eq!(read(&d, r"\frac{\partial S_i}{\partial a_j} = S_i(\delta_{ij} - S_j)")[0], "D_jS_i");
    }
}
