//! The decision of a [`Row`] of real numbers: each member against the next.
//!
//! - `proved`: the two are the same fraction of polynomials ([`super::exact`]).
//! - `refuted`: at a point of exact rationals (one value per free variable,
//!   from a fixed table), interval arithmetic at 256 bits encloses both
//!   members and the enclosures do not meet: a certified counterexample.
//! - `holds`: no proof, but at every sampled point where both are defined
//!   (at least [`MIN_POINTS`] of them, or the one point of a row without
//!   variables) the enclosure of their difference lies within
//!   $10^{-20}(1 + |u| + |v|)$: agreement to twenty digits, certified.
//! - otherwise `undecided`, saying why.
//!
//! Error model of the sampling: the `f64` evaluation only chooses where to
//! look (a relative gap above $10^{-9}$ flags a point); what is reported is
//! decided by the enclosures, whose rounding is accounted for by
//! [`crate::rigorous`], never by the `f64` values.

use super::{Row, SExpr, Widen};
use crate::decide::Decision;
use crate::verdict::Verdict;
use num_rational::BigRational;

/// The reason of a proof: both members the same fraction of polynomials.
const IDENTITY: &str = "an exact identity for every real value of its variables (the same fraction of polynomials)";

/// Members `a` and `b` (0-based) of a row of `len` members, in a reason: "member 1 and
/// member 3", or "the two sides" when there are two.
fn members_named(len: usize, a: usize, b: usize) -> String {
    if len > 2 {
        format!("member {} and member {}", a + 1, b + 1)
    } else {
        "the two sides".to_string()
    }
}

/// A decision with `verdict` and `reason`, and nothing else.
fn with(verdict: Verdict, reason: &str) -> Decision {
    Decision { verdict, reason: reason.to_string(), ..Decision::undecided("") }
}

/// The values the free variables take: 24 distinct exact rationals of both signs,
/// from $-4.6$ to $4.6$, most of them small (see [`point`]).
const TABLE: [(i64, i64); 24] = [
    (1, 3),
    (-4, 5),
    (7, 4),
    (-3, 2),
    (2, 7),
    (5, 2),
    (-1, 6),
    (9, 8),
    (3, 1),
    (-5, 3),
    (6, 5),
    (-7, 2),
    (11, 13),
    (-9, 7),
    (23, 5),
    (-2, 9),
    (13, 6),
    (-17, 4),
    (4, 11),
    (-11, 10),
    (19, 7),
    (-23, 5),
    (5, 17),
    (8, 3),
];

/// The stride through [`TABLE`] of each variable (units modulo 24: each variable visits every value once).
const STRIDES: [usize; 8] = [1, 5, 7, 11, 13, 17, 19, 23];

/// How many points are sampled.
const POINTS: usize = 24;

/// The fewest points of agreement for `holds`, when the row has variables.
const MIN_POINTS: usize = 8;

/// The precision of the enclosures, in bits.
const BITS: usize = 256;

/// The point number `p`: each variable's value.
fn point(variables: &[String], p: usize) -> Vec<(String, BigRational)> {
    variables
        .iter()
        .enumerate()
        .map(|(q, v)| {
            let (n, d) = TABLE[(p * STRIDES[q % STRIDES.len()] + 3 * q) % TABLE.len()];
            (v.clone(), BigRational::new(n.into(), d.into()))
        })
        .collect()
}

/// The text of a point: `x = 1/3, y = -4/5`.
fn point_text(at: &[(String, BigRational)]) -> String {
    at.iter().map(|(v, r)| format!("{v} = {r}")).collect::<Vec<_>>().join(", ")
}

/// What sampling found for one pair of members.
enum Sampled {
    /// A certified counterexample: its text.
    Differ(String),
    /// Agreement certified at this many points.
    Agree(usize),
}

fn sample(u: &SExpr, v: &SExpr) -> Sampled {
    let mut variables = u.variables();
    for x in v.variables() {
        if !variables.contains(&x) {
            variables.push(x);
        }
    }
    let points = if variables.is_empty() { 1 } else { POINTS };
    let mut arith = crate::rigorous::Arith::new(BITS);
    let mut agree = 0;
    for p in 0..points {
        let at = point(&variables, p);
        let at_f64: Vec<(String, f64)> =
            at.iter().map(|(n, r)| (n.clone(), num_traits::ToPrimitive::to_f64(r).unwrap_or(f64::NAN))).collect();
        let (Some(a), Some(b)) = (u.eval(&at_f64), v.eval(&at_f64)) else { continue };
        let (Ok(x), Ok(y)) = (u.enclose(&mut arith, &at, Widen::No), v.enclose(&mut arith, &at, Widen::No)) else {
            continue;
        };
        let difference = arith.sub(&x, &y);
        if difference.excludes_zero() {
            let place = if variables.is_empty() { String::new() } else { format!(" at {}", point_text(&at)) };
            return Sampled::Differ(format!(
                "{place}: one side is {}, the other {} (enclosed at {BITS} bits, the enclosures do not meet)",
                x.short(),
                y.short()
            ));
        }
        let scale = 1.0 + a.abs() + b.abs();
        if crate::rigorous::to_f64(&difference.magnitude()) <= 1e-20 * scale {
            agree += 1;
        }
    }
    Sampled::Agree(agree)
}

/// When members `k` and `k + 1` (0-based) differ: the one that is wrong, if the
/// members around it agree (`A = B = C` with `A = C`: B), said in a clause.
fn culprit(members: &[SExpr], k: usize) -> String {
    let agree = |a: &SExpr, b: &SExpr| {
        super::exact::same(a, b) == Ok(true) || matches!(sample(a, b), Sampled::Agree(n) if n >= MIN_POINTS)
    };
    match (k.checked_sub(1), members.get(k + 2)) {
        (_, Some(next)) if agree(&members[k], next) => {
            format!("; members {} and {} agree: member {} is the wrong one", k + 1, k + 3, k + 2)
        }
        (Some(before), _) if agree(&members[before], &members[k + 1]) => {
            format!("; members {} and {} agree: member {} is the wrong one", before + 1, k + 2, k + 1)
        }
        _ => String::new(),
    }
}

/// The member a refutation's reason names as the wrong one (1-based), if it names one.
pub(crate) fn wrong_member(reason: &str) -> Option<usize> {
    let (_, after) = reason.split_once(": member ")?;
    after.split(' ').next()?.parse().ok()
}

/// Decides the row: every member equal to the next. A logarithm written without its base
/// is natural in a proof (the reason says so), and a refutation must hold for base $e$,
/// 10 and 2 alike; a relation between rational functions of free variables that is no
/// identity may be an equation that gives their values: undecided, saying so.
pub(crate) fn decide(row: &Row) -> Decision {
    let logs = row.members.iter().any(SExpr::has_log);
    let free = row.members.iter().any(|m| !m.variables().is_empty());
    let decimals: usize = row.members.iter().map(SExpr::decimals).sum();
    let natural = if decimals > 0 && !free {
        at_printed_precision(&row.members, decimals <= row.written_decimals, None)
    } else {
        decide_members(&row.members)
    };
    match natural.verdict {
        Verdict::Refuted if decimals > 0 && free => Decision::undecided(format!(
            "not an identity ({}), but it writes rounded decimals beside its variables, which the tool does not \
             judge at printed precision",
            natural.reason
        )),
        Verdict::Refuted if free && !row.members.iter().any(SExpr::transcendental) && !row.derivative => {
            Decision::undecided(format!(
                "not an identity ({}), but a relation between rational functions of its variables may be an \
                 equation that gives their values: the post does not say which",
                natural.reason
            ))
        }
        Verdict::Refuted if logs => {
            for base in [10, 2] {
                let members: Vec<SExpr> = row.members.iter().map(|m| m.with_log_base(Some(base))).collect();
                let other = if decimals > 0 {
                    at_printed_precision(&members, decimals <= row.written_decimals, Some(base))
                } else {
                    decide_members(&members)
                };
                if other.verdict != Verdict::Refuted {
                    return Decision::undecided(format!(
                        "false with `\\log` the natural logarithm ({}), but not refuted with `\\log` in base {base}: \
                         the post does not write the base",
                        natural.reason
                    ));
                }
            }
            Decision { reason: format!("{} (and with `\\log` in base 10 or 2)", natural.reason), ..natural }
        }
        Verdict::Proved | Verdict::Holds if logs => {
            Decision { reason: format!("{} (`\\log` read as the natural logarithm)", natural.reason), ..natural }
        }
        _ => natural,
    }
}

/// Members without variables, some written with decimals: each pair equal exactly
/// (`proved`), or at printed precision — every number written with decimals standing
/// for the values it rounds. The enclosures of the two members over those values are
/// then disjoint (`refuted`: no rounding makes them equal) or meet (`holds`: when each
/// number occurs once, the enclosure of each member is its exact range up to outward
/// rounding, so some rounding makes them equal; `single` says whether it does).
/// `base`: the base of a logarithm written without one (`None`: natural).
fn at_printed_precision(members: &[SExpr], single: bool, base: Option<i64>) -> Decision {
    let members: Vec<SExpr> = members.iter().map(|m| m.with_log_base(base)).collect();
    if members.windows(2).all(|p| super::exact::same(&p[0], &p[1]) == Ok(true)) {
        return with(Verdict::Proved, IDENTITY);
    }
    let mut arith = crate::rigorous::Arith::new(BITS);
    let enclose = |widen: Widen, arith: &mut crate::rigorous::Arith| {
        members.iter().map(|m| m.enclose(arith, &[], widen).ok()).collect::<Option<Vec<_>>>()
    };
    let (Some(lenient), Some(strict)) = (enclose(Widen::All, &mut arith), enclose(Widen::Bare, &mut arith)) else {
        return Decision::undecided("not evaluated at printed precision (a member is undefined there)");
    };
    // Refuted: two members apart even when every decimal is read as rounded (any two: A = B = C claims A = C).
    for (k, x) in lenient.iter().enumerate() {
        for (m, y) in lenient.iter().enumerate().skip(k + 1) {
            if arith.sub(x, y).excludes_zero() {
                let reason = format!(
                    "{} differ even at printed precision (each decimal standing for the values it rounds): one side \
                     is within [{}, {}], the other within [{}, {}]",
                    members_named(members.len(), k, m),
                    crate::rigorous::short(&x.lo),
                    crate::rigorous::short(&x.hi),
                    crate::rigorous::short(&y.lo),
                    crate::rigorous::short(&y.hi)
                );
                return with(Verdict::Refuted, &reason);
            }
        }
    }
    if !single {
        return Decision::undecided(
            "consistent at printed precision, but a decimal is copied by a definition, so the enclosures may be wider \
             than the members' ranges",
        );
    }
    // Holds: the results read as rounded, the inputs exact, all members share an interval of positive width
    // (ranges of one interval each, met by more than a point: no tie of two roundings).
    let to_f64 = |x: &astro_float::BigFloat| crate::rigorous::to_f64(x);
    let bounds: Vec<(f64, f64)> = strict.iter().map(|x| (to_f64(&x.lo), to_f64(&x.hi))).collect();
    let lo = bounds.iter().map(|b| b.0).fold(f64::NEG_INFINITY, f64::max);
    let hi = bounds.iter().map(|b| b.1).fold(f64::INFINITY, f64::min);
    let scale = bounds.iter().map(|b| b.0.abs().max(b.1.abs())).fold(0.0, f64::max).max(1e-300);
    let margin = 1e-12 * scale;
    // Each member's range is met inside it, not only at its edge (where two roundings tie);
    // a member without a rounded result is a point, met where it is.
    let inside = bounds.iter().all(|&(l, h)| h - l <= margin || (hi - l > margin && h - lo > margin));
    if hi - lo >= -margin && inside {
        let reason = "equal at printed precision: some value within the rounding of each decimal result makes every \
                      member equal, its inputs exact (certified by interval arithmetic)";
        return with(Verdict::Holds, reason);
    }
    Decision::undecided(
        "consistent at printed precision only if its inputs written with decimals are rounded too, or only at the \
         edge of a rounding",
    )
}

/// Decides members as they are (a logarithm of unstated base natural).
fn decide_members(members: &[SExpr]) -> Decision {
    let members: Vec<SExpr> = members.iter().map(|m| m.with_log_base(None)).collect();
    let row = Row { members, derivative: false, offset: 0, written_decimals: 0 };
    let mut proved = true;
    let mut held = Vec::new();
    for (k, pair) in row.members.windows(2).enumerate() {
        let (u, v) = (&pair[0], &pair[1]);
        if super::exact::same(u, v) == Ok(true) {
            continue;
        }
        proved = false;
        let which = members_named(row.members.len(), k, k + 1);
        match sample(u, v) {
            Sampled::Differ(at) => {
                return with(Verdict::Refuted, &format!("{which} differ{at}{}", culprit(&row.members, k)));
            }
            Sampled::Agree(n)
                if n >= MIN_POINTS || (n == 1 && u.variables().is_empty() && v.variables().is_empty()) =>
            {
                held.push((which, n));
            }
            Sampled::Agree(n) => {
                return Decision::undecided(format!(
                    "{which}: not proved equal (a logarithm or an exponential kept whole), and only {n} sampled \
                     point(s) where both are defined certify agreement"
                ));
            }
        }
    }
    if proved {
        return with(Verdict::Proved, IDENTITY);
    }
    let agreed: Vec<String> = held.iter().map(|(w, n)| format!("{w} at {n} point(s)")).collect();
    let reason = format!(
        "no exact proof (a logarithm or an exponential kept whole), but agreement to 20 digits is certified by \
         interval arithmetic: {}",
        agreed.join("; ")
    );
    with(Verdict::Holds, &reason)
}

/// The phrases of this module's reasons, in French.
const FRENCH: [(&str, &str); 27] = [
    (
        "equal at printed precision: some value within the rounding of each decimal result makes every member equal, its inputs exact (certified by interval arithmetic)",
        "égaux à la précision imprimée : une valeur dans l'arrondi de chaque résultat décimal rend tous les membres égaux, ses entrées exactes (certifié par l'arithmétique d'intervalles)",
    ),
    (
        " differ even at printed precision (each decimal standing for the values it rounds): one side is within [",
        " diffèrent même à la précision imprimée (chaque décimal valant pour les valeurs qu'il arrondit) : l'un est dans [",
    ),
    ("], the other within [", "], l'autre dans ["),
    (
        "), but it writes rounded decimals beside its variables, which the tool does not judge at printed precision",
        "), mais elle écrit des décimaux arrondis à côté de ses variables, ce que l'outil ne juge pas à la précision imprimée",
    ),
    (
        ": not proved equal (a logarithm or an exponential kept whole), and only ",
        " : pas prouvés égaux (un logarithme ou une exponentielle gardés entiers), et seuls ",
    ),
    (
        " sampled point(s) where both are defined certify agreement",
        " point(s) échantillonné(s) où les deux sont définis certifient l'accord",
    ),
    (
        "), but a relation between rational functions of its variables may be an equation that gives their values: the post does not say which",
        "), mais une relation entre fractions rationnelles de ses variables peut être une équation qui en donne les valeurs : le billet ne dit pas laquelle",
    ),
    ("not an identity (", "pas une identité ("),
    ("false with `\\log` the natural logarithm (", "fausse avec `\\log` le logarithme népérien ("),
    ("), but not refuted with `\\log` in base ", "), mais pas réfutée avec `\\log` en base "),
    (": the post does not write the base", " : le billet n'écrit pas la base"),
    (" (`\\log` read as the natural logarithm)", " (`\\log` lu comme le logarithme népérien)"),
    (" (and with `\\log` in base 10 or 2)", " (et avec `\\log` en base 10 ou 2)"),
    (
        IDENTITY,
        "une identité exacte pour toute valeur réelle de ses variables (la même fraction de polynômes)",
    ),
    (
        "no exact proof (a logarithm or an exponential kept whole), but agreement to 20 digits is certified by interval arithmetic: ",
        "pas de preuve exacte (un logarithme ou une exponentielle gardés entiers), mais l'accord à 20 chiffres est certifié par l'arithmétique d'intervalles : ",
    ),
    ("the two sides differ", "les deux membres diffèrent"),
    ("the two sides at ", "les deux membres en "),
    (" point(s)", " point(s)"),
    (": one side is ", " : l'un vaut "),
    (", the other ", ", l'autre "),
    (" (enclosed at 256 bits, the enclosures do not meet)", " (encadrés à 256 bits, les encadrements sont disjoints)"),
    (" agree: member ", " s'accordent : le membre "),
    (" is the wrong one", " est le faux"),
    ("members ", "les membres "),
    ("member ", "le membre "),
    (" and ", " et "),
    (" differ at ", " diffèrent en "),
];

/// A reason of this module in French (its numbers in French style), if it is one of them.
pub(crate) fn in_french(reason: &str) -> Option<String> {
    let ours = reason.starts_with(IDENTITY)
        || reason.starts_with("equal at printed precision")
        || reason.starts_with("not an identity (")
        || reason.starts_with("false with `\\log`")
        || reason.starts_with("no exact proof (a logarithm")
        || reason.starts_with("the two sides")
        || reason.starts_with("member ");
    if !ours {
        return None;
    }
    let mut out = reason.to_string();
    for (en, fr) in FRENCH {
        out = out.replace(en, fr);
    }
    out = out.replace("les deux membres diffèrent at ", "les deux membres diffèrent en ");
    Some(french_numbers(&out))
}

/// `text` with each decimal number (`-4.107e-2`) in French style (`−4,107 × 10⁻²`).
fn french_numbers(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut k = 0;
    while k < b.len() {
        let starts = b[k].is_ascii_digit()
            && (k == 0 || !(b[k - 1].is_ascii_alphanumeric() || b[k - 1] == b'_' || b[k - 1] == b'/'));
        if !starts {
            let c = text[k..].chars().next().unwrap_or(' ');
            out.push(c);
            k += c.len_utf8();
            continue;
        }
        let mut end = k;
        while end < b.len()
            && (b[end].is_ascii_digit() || b[end] == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit))
        {
            end += 1;
        }
        if end < b.len() && b[end] == b'e' && b.get(end + 1).is_some_and(|c| c.is_ascii_digit() || *c == b'-') {
            end += 2;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
        }
        let negative = k >= 1 && b[k - 1] == b'-' && (k == 1 || matches!(b[k - 2], b' ' | b'(' | b','));
        if negative {
            out.pop();
            out.push_str(&crate::lang::Lang::Fr.styled(&format!("-{}", &text[k..end])));
        } else {
            out.push_str(&crate::lang::Lang::Fr.styled(&text[k..end]));
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::{read::Reading, Context};

    fn verdict(rows: &[&str]) -> Verdict {
        let mut c = Context::default();
        let mut last = Verdict::Undecided;
        for (k, r) in rows.iter().enumerate() {
            if let Ok(Reading::Claims(row)) = c.read(r, k + 1) {
                last = decide(&row).verdict;
            }
        }
        last
    }

    #[test]
    fn proved_held_refuted() {
        assert_eq!(verdict(&[r"\text{softmax}_1([x, 0]) = \frac{1}{1 + e^{-x}}"]), Verdict::Proved);
        assert_eq!(verdict(&[r"\text{softmax}_1([x, 0]) = \frac{1}{1 + e^{x}}"]), Verdict::Refuted);
        assert_eq!(verdict(&["z = 2x + y", "x = a - 3b", r"\frac{dz}{db} = 2 \times (-3) = -6"]), Verdict::Proved);
        assert_eq!(verdict(&["z = 2x + y", "x = a - 3b", r"\frac{dz}{db} = -5"]), Verdict::Refuted);
        assert_eq!(verdict(&[r"\ln 4 = 2 \ln 2"]), Verdict::Holds);
        assert_eq!(verdict(&[r"\ln 4 = 3 \ln 2"]), Verdict::Refuted);
        assert_eq!(verdict(&[r"2 \times (7) + 3 = 17"]), Verdict::Proved);
        assert_eq!(verdict(&[r"2 \times (7) + 3 = 18"]), Verdict::Refuted);
        assert_eq!(verdict(&[r"\tanh(x) = 2 \text{sigmoid}(2x) - 1"]), Verdict::Proved);
        assert_eq!(verdict(&[r"\tanh(x) = \text{sigmoid}(2x) - 1"]), Verdict::Refuted);
    }

    #[test]
    fn reasons_in_french() {
        let fr = in_french("member 1 and member 2 differ at z_1 = 1/3: one side is -4.107e-2, the other 0.5 (enclosed at 256 bits, the enclosures do not meet); members 1 and 3 agree: member 2 is the wrong one");
        let fr = fr.expect("ours");
        assert!(fr.starts_with("le membre 1 et le membre 2 diffèrent en z_1 = 1/3 : l'un vaut"), "{fr}");
        assert!(fr.contains("0,5") && fr.contains("10⁻²") && fr.contains("le membre 2 est le faux"), "{fr}");
        assert_eq!(in_french("something else"), None);
    }
}
