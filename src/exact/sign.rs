//! Relations decided exactly: `lhs REL rhs`, REL one of $<, \le, >, \ge, \ne$,
//! for every $N \ge 1$ and every real $a$, at every entry of a scope.
//!
//! The relation is about one difference $d$: $d = \text{rhs} - \text{lhs}$
//! for $<$, $\le$ and $\ne$, $d = \text{lhs} - \text{rhs}$ for $>$ and $\ge$;
//! it claims $d > 0$, $d \ge 0$ or $d \ne 0$. In each case of the procedure
//! ([`super::Case`]) $d$ is a fraction $P/Q$ of the normal form
//! ([`super::normal_form`]).
//!
//! **Proved.** Both parts are multiplied by one monomial (a positive factor)
//! that clears their negative powers, and written in positive variables:
//! $Z = x_i + r$ on the diagonal, $Z = x_i + x_j + r$ off it, with
//! $r = \sum_{k \ne i, j} x_k > 0$ when $N$ is above the case's minimum
//! ($N \ge 2$ on the diagonal, $N \ge 3$ off it) and $r = 0$ at $N = 1$,
//! $N = 2$; and $N = N_0 + t$ with $t \ge 0$. Every variable is then $> 0$
//! but $t \ge 0$. A polynomial whose coefficients are all $> 0$ is $\ge 0$
//! everywhere, and $> 0$ everywhere when one of its terms is free of $t$.
//! Terms that differ only in their power of $e$ share one coefficient, a
//! number such as $e - 2$, whose sign is certified exactly or in interval
//! arithmetic ($e$ is transcendental: it is not 0). So
//! $1 - S_i = (x_i + r - x_i)/(x_i + r) = r/(x_i + r) \ge 0$, and $> 0$
//! for $N \ge 2$. A zero polynomial $P$ makes $d = 0$ in the whole case
//! (enough for $\le$, $\ge$).
//!
//! **Refuted.** At a small integer logit vector $x_k = e^{a_k}$ makes $P$
//! and $Q$ polynomials in $e$ alone: $d$ is exactly 0 when $P$ is the zero
//! polynomial there, else its sign is certified in interval arithmetic. The
//! candidates are those of the equalities' exact witnesses ($N$ the case's
//! minimum — so $N = 1$ on the diagonal and $N = 2$ off it — and a few
//! more); then their grid in interval arithmetic, at most
//! [`GRID_CANDIDATES`] inputs per case. An exactly 0 enclosure
//! refutes $<$, $>$ and $\ne$; a certified negative $d$ refutes the others.
//!
//! **Defined.** As for equalities, each side must be defined at every input:
//! a divisor that vanishes somewhere (or any other [`super::Obligation`]
//! that fails) refutes the relation there; a divisor neither proved non-zero
//! nor found to vanish leaves it open ("holds wherever defined").
//!
//! **Undecided** otherwise: coefficients of both signs (as
//! $1/4 - S_i(1 - S_i) = (x_i - r)^2/(4(x_i + r)^2)$ has), and no violation
//! found. Sampling never proves.

use super::poly::{self, Frac, Mono, Poly, Var, NVARS, VARS};
use super::search::{self, Sign};
use super::{definedness, domain, normal_form, positive_form, proof, witness, Case, CaseResult, Exact, Outside};
use super::{frac_in_case, Defined, Witness};
use crate::expr::{BinOp, Expr};
use crate::rigorous::Arith;
use num_bigint::BigInt;
use num_rational::{BigRational, Rational64};
use num_traits::Zero;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A relation between two expressions: `lhs REL rhs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Rel {
    /// $<$.
    Lt,
    /// $\le$.
    Le,
    /// $>$.
    Gt,
    /// $\ge$.
    Ge,
    /// $\ne$.
    Ne,
}

impl Rel {
    /// `<`, `≤`, `>`, `≥`, `≠`.
    pub fn symbol(self) -> &'static str {
        match self {
            Rel::Lt => "<",
            Rel::Le => "≤",
            Rel::Gt => ">",
            Rel::Ge => "≥",
            Rel::Ne => "≠",
        }
    }

    /// The difference $d$ the relation is about, as (minuend, subtrahend):
    /// rhs − lhs for $<$, $\le$, $\ne$; lhs − rhs for $>$, $\ge$.
    pub fn difference<'e>(self, lhs: &'e Expr, rhs: &'e Expr) -> (&'e Expr, &'e Expr) {
        match self {
            Rel::Gt | Rel::Ge => (lhs, rhs),
            Rel::Lt | Rel::Le | Rel::Ne => (rhs, lhs),
        }
    }

    /// `rhs − lhs` or `lhs − rhs`, for messages.
    pub fn difference_text(self) -> &'static str {
        match self {
            Rel::Gt | Rel::Ge => "lhs − rhs",
            Rel::Lt | Rel::Le | Rel::Ne => "rhs − lhs",
        }
    }

    /// Whether the relation holds where $d$ has sign `s`.
    fn holds_at(self, s: Ordering) -> bool {
        match self {
            Rel::Lt | Rel::Gt => s == Ordering::Greater,
            Rel::Le | Rel::Ge => s != Ordering::Less,
            Rel::Ne => s != Ordering::Equal,
        }
    }

    /// Whether $d$ known to be `k` on a whole case proves the relation there.
    fn proved_by(self, k: Known) -> bool {
        match self {
            Rel::Lt | Rel::Gt => k == Known::Positive,
            Rel::Le | Rel::Ge => matches!(k, Known::Positive | Known::NonNegative | Known::Zero),
            Rel::Ne => matches!(k, Known::Positive | Known::Negative),
        }
    }
}

/// A sign certified at every point of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Zero,
    Positive,
    NonNegative,
    Negative,
    NonPositive,
}

impl Known {
    fn text(self) -> &'static str {
        match self {
            Known::Zero => "= 0",
            Known::Positive => "> 0",
            Known::NonNegative => "≥ 0",
            Known::Negative => "< 0",
            Known::NonPositive => "≤ 0",
        }
    }

    fn strict(self) -> bool {
        matches!(self, Known::Positive | Known::Negative)
    }

    fn neg(self) -> Known {
        match self {
            Known::Positive => Known::Negative,
            Known::NonNegative => Known::NonPositive,
            Known::Negative => Known::Positive,
            Known::NonPositive => Known::NonNegative,
            Known::Zero => Known::Zero,
        }
    }
}

/// The names of the variables once $Z$ and $N$ are substituted
/// ([`positive_form`] keeps $r$ and $t$ in their slots).
const NAMES: [&str; NVARS] = {
    let mut names = super::poly::NAMES;
    names[super::poly::Var::Z as usize] = "r";
    names[super::poly::Var::N as usize] = "t";
    names
};

/// Grid inputs evaluated in interval arithmetic, at most, per case.
pub const GRID_CANDIDATES: usize = 128;

/// The case's substitution, in words.
fn substitution(case: Case) -> &'static str {
    match case {
        Case::DiagonalOne => "N = 1, Z = x_i, with x_i > 0",
        Case::DiagonalMany => "Z = x_i + r, N = 2 + t, with x_i > 0, r = Σ_{k≠i} x_k > 0, t ≥ 0",
        Case::OffDiagonalTwo => "N = 2, Z = x_i + x_j, with x_i, x_j > 0",
        Case::OffDiagonalMany => "Z = x_i + x_j + r, N = 3 + t, with x_i, x_j > 0, r = Σ_{k≠i,j} x_k > 0, t ≥ 0",
    }
}

/// The sign of a polynomial in $e$ alone (a number), with the precision that
/// certified it (0: exact, its coefficients have one sign); `None` when
/// another variable occurs or no precision up to 2048 bits decides.
fn value_sign(p: &Poly) -> Option<(Ordering, usize)> {
    if VARS.iter().any(|&v| v != Var::E && p.has(v)) {
        return None;
    }
    match p.one_signed() {
        None if p.is_zero() => return Some((Ordering::Equal, 0)),
        Some(positive) => return Some((if positive { Ordering::Greater } else { Ordering::Less }, 0)),
        None => {}
    }
    let exponent = |k: Rational64| BigRational::new(BigInt::from(*k.numer()), BigInt::from(*k.denom()));
    for bits in [128, 512, 2048] {
        let mut arith = Arith::new(bits);
        let mut total = arith.point(0.0);
        for (m, c) in p.terms() {
            let k = arith.rational(&exponent(m[Var::E as usize]));
            let (c, power) = (arith.rational(c), arith.exp(&k));
            let term = arith.mul(&c, &power);
            total = arith.add(&total, &term);
        }
        if total.excludes_zero() {
            return Some((if total.lo.is_positive() { Ordering::Greater } else { Ordering::Less }, bits));
        }
    }
    None
}

/// The sign of a polynomial in positive variables ($t \ge 0$ in the slot of
/// $N$, every other $> 0$) read from its coefficients, each coefficient being
/// the number multiplying one monomial free of $e$; with the precision used
/// for the coefficients with $e$ (0: none needed intervals).
fn known_sign(p: &Poly) -> Option<(Known, usize)> {
    if p.is_zero() {
        return Some((Known::Zero, 0));
    }
    let mut groups: BTreeMap<Mono, Poly> = BTreeMap::new();
    for (m, c) in p.terms() {
        let mut rest = *m;
        rest[Var::E as usize] = Rational64::zero();
        let group = groups.entry(rest).or_insert_with(Poly::zero);
        *group = group.add(&Poly::var_pow(Var::E, m[Var::E as usize]).scale(c));
    }
    let (mut sign, mut strict, mut bits) = (None, false, 0);
    for (m, value) in &groups {
        let (s, b) = value_sign(value)?;
        if s == Ordering::Equal || sign.is_some_and(|x| x != s) {
            return None;
        }
        sign = Some(s);
        strict |= m[Var::N as usize].is_zero();
        bits = bits.max(b);
    }
    let known = match (sign?, strict) {
        (Ordering::Greater, true) => Known::Positive,
        (Ordering::Greater, false) => Known::NonNegative,
        (_, true) => Known::Negative,
        (_, false) => Known::NonPositive,
    };
    Some((known, bits))
}

/// What the coefficients of one part show, in words.
fn reading(k: Known, case: Case) -> String {
    let sign = match k {
        Known::Zero => return "is 0".into(),
        Known::Positive | Known::NonNegative => "> 0",
        Known::Negative | Known::NonPositive => "< 0",
    };
    let terms = match (k.strict(), case.fixed_n()) {
        (true, true) => "",
        (true, false) => " and a term free of t",
        (false, _) => ", every term with a factor t (0 at the smallest N)",
    };
    format!("has every coefficient {sign}{terms}: {}", k.text())
}

/// $P/Q$ with the monomial common to both in $x_i$, $x_j$, $r$, $e$,
/// $e^{\kappa}$ (each $> 0$; not $t$, which may be 0) divided out: the same
/// value, the same signs. $0/Q$ is $0/1$.
fn reduced(p: Poly, q: Poly) -> (Poly, Poly) {
    if p.is_zero() {
        return (p, Poly::int(1));
    }
    let mut m: Mono = [Rational64::zero(); NVARS];
    for v in [Var::Xi, Var::Xj, Var::Z, Var::E, Var::ExpShift] {
        let low = p.terms().chain(q.terms()).map(|(mono, _)| mono[v as usize]).min().unwrap_or_default();
        m[v as usize] = -low;
    }
    match (p.mul_mono(&m), q.mul_mono(&m)) {
        (Ok(p), Ok(q)) => (p, q),
        _ => (p, q),
    }
}

/// $d = P/Q$ in the case's positive variables (shown), and the sign its
/// coefficients certify, with the certificate in words; or why there is none.
fn certify(d: &Frac, case: Case) -> (String, Result<(Known, String), String>) {
    // One monomial clears every negative power of a positive variable in both parts.
    let mut m: Mono = [Rational64::zero(); NVARS];
    for v in VARS.iter().filter(|v| v.positive()) {
        m[*v as usize] = -d.num.min_exponent(*v).min(d.den.min_exponent(*v));
    }
    let parts = (d.num.mul_mono(&m).ok().and_then(|p| positive_form(&p, case)))
        .zip(d.den.mul_mono(&m).ok().and_then(|q| positive_form(&q, case)));
    let Some((p, q)) = parts else {
        let shown = witness::factored(&frac_in_case(d, case).unwrap_or_else(|_| d.clone()), false);
        return (shown, Err("not a polynomial in positive variables after the substitution (a_i, a_j, ln Z or c occurs, or a fractional power of Z or N)".into()));
    };
    let (p, q) = reduced(p, q);
    let (p_text, q_text) = (p.bounded_named(&NAMES), q.bounded_named(&NAMES));
    let shown = match (q.as_constant(), p.terms().count() > 1, q.terms().count() > 1) {
        (Some(c), _, _) if c == BigRational::from_integer(1.into()) => p_text,
        (_, several_p, several_q) => {
            let wrap = |t: String, several: bool| if several { format!("({t})") } else { t };
            format!("{} / {}", wrap(p_text, several_p), wrap(q_text, several_q))
        }
    };
    let Some((kp, p_bits)) = known_sign(&p) else {
        return (shown, Err(format!("{}: the numerator's coefficients have both signs", substitution(case))));
    };
    if kp == Known::Zero {
        return (shown, Ok((Known::Zero, format!("{}: the numerator is 0, so d = 0", substitution(case)))));
    }
    let Some((kq, q_bits)) = known_sign(&q).filter(|(k, _)| k.strict()) else {
        return (
            shown,
            Err(format!("{}: the denominator's coefficients are not of one strict sign", substitution(case))),
        );
    };
    let kd = if kq == Known::Positive { kp } else { kp.neg() };
    let mut certificate = format!(
        "{}: the numerator {}, the denominator {}, so d {}",
        substitution(case),
        reading(kp, case),
        reading(kq, case),
        kd.text()
    );
    if p_bits.max(q_bits) > 0 {
        certificate.push_str(&format!(
            " (terms that differ only in their power of e share one coefficient, a number such as e − 2, \
             its sign certified in interval arithmetic at {} bits)",
            p_bits.max(q_bits)
        ));
    }
    (shown, Ok((kd, certificate)))
}

/// The word for the sign of $d$ at an input.
fn sign_word(s: Ordering) -> &'static str {
    match s {
        Ordering::Greater => "> 0",
        Ordering::Equal => "= 0",
        Ordering::Less => "< 0",
    }
}

/// A small integer input of the case where `d` (every divisor non-zero)
/// violates `rel`, certified exactly ([`witness::exact_values`]).
fn exact_violation(d: &Frac, divisors: &[&Poly], rel: Rel, case: Case) -> Option<Witness> {
    witness::exact_values(d, divisors, case, super::Frame::default()).find_map(|(w, num, den)| {
        let ((sn, pn), (sd, pd)) = (value_sign(&num)?, value_sign(&den)?);
        let s = if sd == Ordering::Less { sn.reverse() } else { sn };
        if rel.holds_at(s) {
            return None;
        }
        let how = match (s, pn.max(pd)) {
            (Ordering::Equal, _) => format!(
                "exact: at this integer input d = {} is exactly 0 (its numerator is the zero polynomial in e)",
                rel.difference_text()
            ),
            (_, 0) => format!("exact: at this integer input d = {} is {} exactly", rel.difference_text(), sign_word(s)),
            (_, bits) => format!(
                "exact: at this integer input d = {} is a quotient of non-zero polynomials in e, certified {} in \
                 interval arithmetic at {bits} bits",
                rel.difference_text(),
                sign_word(s)
            ),
        };
        Some(Witness { certified_by: how, ..w })
    })
}

/// An input of the grid where `d` (an expression) violates `rel` or is
/// certainly undefined, certified in interval arithmetic ([`search::first_sign`]).
fn grid_violation(d: &Expr, rel: Rel, case: Case, n_degree: usize, limit: usize) -> Option<Witness> {
    let ordering = |s: Sign| match s {
        Sign::Positive => Some(Ordering::Greater),
        Sign::Zero => Some(Ordering::Equal),
        Sign::Negative => Some(Ordering::Less),
        Sign::Undefined | Sign::Unknown => None,
    };
    let violates = |s: Sign| s == Sign::Undefined || ordering(s).is_some_and(|o| !rel.holds_at(o));
    let (input, sign, p) = search::first_sign(d, case, n_degree, limit, &violates)?;
    let Some(s) = ordering(sign) else {
        let how = format!("interval arithmetic at {p} bits: an operation is certainly undefined there");
        return Some(input.witness(case, how).undefined("a divisor is exactly 0 or an argument is out of range"));
    };
    let how = format!(
        "interval arithmetic at {p} bits: the enclosure of d = {} is {} at this input (logits on a grid)",
        rel.difference_text(),
        if s == Ordering::Equal { "exactly 0" } else { sign_word(s) }
    );
    Some(input.witness(case, how))
}

/// What one case gave: its result, a certified input where the relation
/// fails, and why it is left open (neither proved nor refuted).
struct CaseOutcome {
    result: CaseResult,
    witness: Option<Witness>,
    open: Option<String>,
    outside: bool,
}

impl CaseOutcome {
    fn undefined(reason: String, w: Witness) -> CaseOutcome {
        CaseOutcome {
            witness: Some(w.undefined(&reason)),
            result: CaseResult::Undefined { reason },
            open: None,
            outside: false,
        }
    }
}

/// Decides the relation in one case of the fragment; `limit`: grid inputs
/// (0: no search for a violation, one was found in another case).
fn decide_case(lhs: &Expr, rel: Rel, rhs: &Expr, case: Case, limit: usize) -> Result<CaseOutcome, Outside> {
    let (big, small) = rel.difference(lhs, rhs);
    let (big_form, mut obligations) = normal_form(big, case)?;
    let (small_form, small_obligations) = normal_form(small, case)?;
    obligations.extend(small_obligations);
    let d = big_form.sub(&small_form)?;
    let Defined { divisors, open: open_divisor } = match definedness(&obligations, case, super::Frame::default()) {
        Ok(defined) => defined,
        Err(undefined) => {
            let (reason, w) = *undefined;
            return Ok(CaseOutcome::undefined(reason, w));
        }
    };
    let (difference, certified) = certify(&d, case);
    let proved = certified.as_ref().is_ok_and(|(k, _)| rel.proved_by(*k));
    let certificate = match &certified {
        Ok((_, c)) => c.clone(),
        Err(why) => why.clone(),
    };
    let holds = proved && open_divisor.is_none();
    let result = CaseResult::Signed { difference: difference.clone(), certificate: certificate.clone(), holds };
    if proved {
        let open = open_divisor.map(|divisor| {
            format!("holds wherever defined; the divisor {divisor} was not proved non-zero for {}", case.label())
        });
        return Ok(CaseOutcome { result, witness: None, open, outside: false });
    }
    let n_degree = positive_form(&d.num, case).map_or(1, |p| p.degree_span(Var::N).to_integer().max(1) as usize);
    let d_expr = Expr::bin(BinOp::Sub, big.clone(), small.clone());
    let witness = (limit > 0)
        .then(|| exact_violation(&d, &divisors, rel, case))
        .flatten()
        .or_else(|| grid_violation(&d_expr, rel, case, n_degree, limit));
    let open = witness.is_none().then(|| {
        let shown = match &certified {
            Ok((k, _)) => format!("{} only", k.text()),
            Err(why) => why.clone(),
        };
        format!(
            "for {}, d = {} = {difference}: {shown}; no input violating the relation was found \
             (small integer logits exactly, a grid in interval arithmetic)",
            case.label(),
            rel.difference_text()
        )
    });
    Ok(CaseOutcome { result, witness, open, outside: false })
}

/// A case outside the fragment: refuted where a side is certainly undefined
/// ([`domain`]) or where the grid certifies a violation; else open.
fn outside_case(lhs: &Expr, rel: Rel, rhs: &Expr, case: Case, limit: usize, why: String) -> CaseOutcome {
    let undefined = domain::undefined_somewhere(lhs, case).or_else(|| domain::undefined_somewhere(rhs, case));
    if let Some((w, reason)) = undefined {
        return CaseOutcome::undefined(reason, w);
    }
    let (big, small) = rel.difference(lhs, rhs);
    let witness = grid_violation(&Expr::bin(BinOp::Sub, big.clone(), small.clone()), rel, case, 1, limit);
    let open = witness
        .is_none()
        .then(|| format!("outside the exact fragment ({why}); no violation found on the grid in interval arithmetic"));
    let result = CaseResult::Signed { difference: "outside the exact fragment".into(), certificate: why, holds: false };
    CaseOutcome { result, witness, open, outside: true }
}

/// Decides `lhs rel rhs` in each case of `cases`: proved when the sign of
/// the difference is certified in every case (and every divisor proved
/// non-zero), refuted at the first case with a certified input where it
/// fails (or a side is undefined), open otherwise — and
/// [`Exact::Outside`] when every open case left the fragment. `limit`: grid
/// inputs tried in interval arithmetic per case.
pub fn decide(lhs: &Expr, rel: Rel, rhs: &Expr, cases: &[Case], limit: usize) -> Exact {
    poly::reset_work_budget();
    let mut outcomes: Vec<(Case, CaseOutcome)> = Vec::new();
    for &case in cases {
        // Once refuted, the other cases are still certified, not searched.
        let limit = if outcomes.iter().any(|(_, o)| o.witness.is_some()) { 0 } else { limit };
        let outcome = decide_case(lhs, rel, rhs, case, limit)
            .unwrap_or_else(|Outside(why)| outside_case(lhs, rel, rhs, case, limit, why));
        outcomes.push((case, outcome));
    }
    let witness = outcomes.iter().find_map(|(_, o)| o.witness.clone());
    let open = outcomes.iter().find_map(|(_, o)| o.open.clone());
    let every_open_outside = outcomes.iter().all(|(_, o)| o.open.is_none() || o.outside);
    let p = proof(outcomes.into_iter().map(|(case, o)| (case, o.result)).collect(), None);
    match (witness, open) {
        (Some(w), _) => Exact::Refuted(p, w),
        (None, Some(why)) if every_open_outside => Exact::Outside(why),
        (None, Some(why)) => Exact::Open(p, why),
        (None, None) => Exact::Proved(p),
    }
}

#[cfg(test)]
mod tests {
    use super::Rel;
    use crate::decide::{decide_relation, Config, Decision};
    use crate::derivation::Scope;
    use crate::expr::plain::parse;
    use crate::verdict::Verdict::{self, Proved, Refuted, Undecided};

    fn decide(lhs: &str, rel: Rel, rhs: &str, scope: Scope) -> Decision {
        let config = Config { diagnose: false, ..Config::default() };
        decide_relation(&parse(lhs).unwrap(), rel, &parse(rhs).unwrap(), scope, &config)
    }

    fn assert_verdicts(table: &[(&str, Rel, &str, Scope, Verdict)]) {
        for &(lhs, rel, rhs, scope, expected) in table {
            let d = decide(lhs, rel, rhs, scope);
            let shown = format!("{lhs} {} {rhs} ({scope:?})", rel.symbol());
            assert_eq!(d.verdict, expected, "{shown}: {} {:?} {:?}", d.reason, d.proof, d.counterexample);
        }
    }

    #[test]
    fn bounds_of_softmax_are_proved_with_negative_controls_refuted() {
        use Rel::*;
        use Scope::{All, Diagonal, OffDiagonal};
        assert_verdicts(&[
            ("0", Lt, "S_i", All, Proved),
            ("0", Lt, "S_i - 1/2", All, Refuted),
            ("S_i", Le, "1", All, Proved),
            ("S_i", Le, "1/2", All, Refuted),
            ("S_i", Lt, "1", All, Refuted),
            ("S_i", Lt, "1", OffDiagonal, Proved),
            ("S_i", Gt, "0", Diagonal, Proved),
            ("S_i - S_j", Gt, "0", Diagonal, Refuted),
            ("S_i", Gt, "1/2", All, Refuted),
            ("-S_i*S_j", Lt, "0", OffDiagonal, Proved),
            ("S_i*(delta_ij - S_j)", Lt, "0", All, Refuted),
            ("S_i*(1 - S_i)", Ge, "0", All, Proved),
            ("S_i*(1 - S_i)", Gt, "0", All, Refuted),
            ("S_i*(1 - S_i)", Gt, "0", OffDiagonal, Proved),
            ("S_i + S_j", Le, "1", OffDiagonal, Proved),
            ("S_i + S_j", Le, "1", All, Refuted),
            ("S_i + S_j", Lt, "1", OffDiagonal, Refuted),
            ("Z", Ge, "exp(a_i)", All, Proved),
            ("Z", Gt, "exp(a_i)", All, Refuted),
            ("Z", Ge, "exp(a_i) + exp(a_j)", OffDiagonal, Proved),
            ("Z", Ge, "exp(a_i) + exp(a_j)", All, Refuted),
        ]);
    }

    #[test]
    fn n_and_e_are_read_exactly() {
        use Rel::*;
        use Scope::{All, OffDiagonal};
        assert_verdicts(&[
            ("N", Ge, "1", All, Proved),
            ("N", Ge, "2", All, Refuted),
            ("N", Ge, "2", OffDiagonal, Proved),
            ("N", Gt, "2", OffDiagonal, Refuted),
            ("1/N", Le, "1", All, Proved),
            ("1/N", Lt, "1", All, Refuted),
            ("S_i", Lt, "exp(1) - 1", All, Proved),
            ("S_i", Lt, "exp(1) - 2", All, Refuted),
        ]);
    }

    #[test]
    fn not_equal_needs_a_strict_sign() {
        use Rel::Ne;
        use Scope::{All, OffDiagonal};
        assert_verdicts(&[
            ("S_i", Ne, "0", All, Proved),
            ("S_i", Ne, "1", All, Refuted),
            ("S_i", Ne, "1", OffDiagonal, Proved),
            ("S_i", Ne, "S_j", OffDiagonal, Refuted),
            ("S_i*(1 - S_i)", Ne, "1/4", All, Refuted),
        ]);
    }

    #[test]
    fn a_side_undefined_somewhere_refutes() {
        use Rel::*;
        use Scope::{All, OffDiagonal};
        assert_verdicts(&[
            ("1/(1 - S_i)", Gt, "0", All, Refuted),
            ("1/(1 - S_i)", Ge, "1", OffDiagonal, Proved),
            ("1/(S_i - S_j)", Ne, "0", OffDiagonal, Refuted),
            ("ln(S_i - S_i)", Lt, "1", All, Refuted),
        ]);
        let d = decide("1/(1 - S_i)", Gt, "0", All);
        let c = d.counterexample.expect("a counterexample");
        assert!(c.undefined.is_some(), "{c:?}");
        assert_eq!(c.a, vec![0.0]);
    }

    #[test]
    fn the_counterexamples_are_at_the_boundary_cases() {
        let d = decide("S_i", Rel::Lt, "1", Scope::All);
        let c = d.counterexample.expect("a counterexample");
        assert_eq!((c.a.clone(), c.i, c.j), (vec![0.0], 1, 1), "{c:?}");
        assert!(c.certified_by.contains("exactly 0"), "{}", c.certified_by);
        let d = decide("S_i + S_j", Rel::Lt, "1", Scope::OffDiagonal);
        let c = d.counterexample.expect("a counterexample");
        assert_eq!((c.a.len(), c.i, c.j), (2, 1, 2), "{c:?}");
        let d = decide("S_i", Rel::Gt, "1/2", Scope::All);
        let c = d.counterexample.expect("a counterexample");
        assert!(c.claimed <= 0.5, "{c:?}");
    }

    #[test]
    fn a_bound_with_coefficients_of_both_signs_is_left_open() {
        // 1/4 − S_i(1 − S_i) = (x_i − r)²/(4(x_i + r)²) ≥ 0: true, but not one-signed.
        let d = decide("S_i*(1 - S_i)", Rel::Le, "1/4", Scope::All);
        assert_eq!(d.verdict, Undecided, "{} {:?}", d.reason, d.counterexample);
        assert!(d.reason.contains("both signs"), "{}", d.reason);
        // Its negative control: false for N = 2, a = (0, 0).
        let d = decide("S_i*(1 - S_i)", Rel::Lt, "1/4", Scope::All);
        assert_eq!(d.verdict, Refuted, "{}", d.reason);
    }

    #[test]
    fn the_proof_says_what_was_used() {
        let d = decide("S_i", Rel::Le, "1", Scope::Diagonal);
        let shown = format!("{:?}", d.proof.expect("a proof").cases);
        assert!(shown.contains("r / (x_i + r)"), "{shown}");
        assert!(shown.contains("Z = x_i + r"), "{shown}");
    }
}
