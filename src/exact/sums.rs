//! Sums over the summation index $k$ in the exact fragment: a summand is
//! normalised with $x_k = e^{a_k}$, $a_k$ and $y_k$ as variables of their own
//! ([`Var::Xk`], [`Var::Ak`], [`Var::Yk`]); each of its monomials
//! $c \cdot m \cdot y_k^{p} x_k^{r} a_k^{m'}$ (with $c\,m$ free of $k$) sums
//! to $c \cdot m \cdot \sum_k y_k^{p} x_k^{r} a_k^{m'}$, a variable of the
//! ring when it is one of
//!
//! | $(p, r, m')$ | $\sum_k$ | variable | $\partial/\partial a_j$ |
//! |---|---|---|---|
//! | $(0, 0, 0)$ | $N$ | [`Var::N`] | $0$ |
//! | $(0, 1, 0)$ | $\sum_k e^{a_k}$ | [`Var::Z`] | $x_j$ |
//! | $(0, 2, 0)$ | $\sum_k e^{2a_k}$ | [`Var::P2`] | $2x_j^2$ |
//! | $(0, 0, 1)$ | $\sum_k a_k$ | [`Var::Sa`] | $1$ |
//! | $(1, 0, 0)$ | $\sum_k y_k$ | [`Var::Y`] (1 when the labels sum to 1) | $0$ |
//! | $(1, 0, 1)$ | $\sum_k y_k a_k$ | [`Var::Ya`] | $y_j$ |
//! | $(1, 1, 0)$ | $\sum_k y_k e^{a_k}$ | [`Var::Yx`] | $y_j x_j$ |
//!
//! and outside the fragment otherwise ($\sum_k y_k^2$, $\sum_k e^{3a_k}$,
//! $\sum_k 1/e^{a_k}$ …). The derivative column is the rule
//! $\partial/\partial a_j \sum_k f(a_k) = f'(a_j)$ the normaliser applies.
//! At a temperature the same table holds in $b = a/T$. When the labels are
//! one-hot at $i$ ([`Frame::labels_one_hot`]), every sum with $p \ge 1$ is
//! its term at $k = i$: $x_i^{r} a_i^{m'}$.
//!
//! Why a polynomial in these variables that is zero is an identity, and why
//! a non-zero one is only refuted at a certified input: DESIGN.md, "The
//! softmax family".

use super::poly::{Frac, Mono, Poly, Var};
use super::{outside, Frame, Outside};
use num_rational::Rational64;
use num_traits::Zero;

/// One term of a sum written out ($N$ is 1 or 2): the variables $x$ and $a$
/// of its index, and its label (under the frame's hypothesis).
pub(super) struct Written {
    /// $x_i$ or $x_j$.
    pub x: Var,
    /// $a_i$ or $a_j$ (or $b$ at a temperature).
    pub a: Var,
    /// $y_i$, $y_j$, or what the hypothesis makes them.
    pub y: Poly,
}

/// $\sum_k$ of a summand normalised with the index's variables free: in
/// the sum variables of the table above (`written` empty), or written out
/// term by term when $N$ is 1 or 2 — but for $\sum_k e^{a_k}$ and
/// $\sum_k 1$, which stay $Z$ and $N$ (the case substitutes them, and keeps
/// $\ln Z$ whole).
///
/// # Errors
/// [`Outside`] for a denominator that depends on $k$, or a monomial whose
/// sum is not a variable of the ring.
pub(super) fn over_k(summand: &Frac, frame: Frame, written: &[Written]) -> Result<Frac, Outside> {
    let at_k = |p: &Poly| [Var::Xk, Var::Ak, Var::Yk].iter().any(|v| p.has(*v));
    if at_k(&summand.den) {
        return outside("a sum whose summand has a denominator that depends on k");
    }
    let mut total = Poly::zero();
    for (m, c) in summand.num.terms() {
        let (rest, sum) = split(m, frame)?;
        let sum = if written.is_empty() || sum == Poly::var(Var::Z) || sum == Poly::var(Var::N) {
            sum
        } else {
            written_out(m, written)?
        };
        total = total.add(&sum.mul_mono(&rest)?.scale(c));
    }
    Ok(Frac { num: total, den: summand.den.clone() }.normalized()?)
}

/// $\sum$ over the written terms of the part at $k$ of `m`.
fn written_out(m: &Mono, written: &[Written]) -> Result<Poly, Outside> {
    let exponent = |v: Var| m[v as usize];
    let natural = |v: Var| -> Result<u32, Outside> {
        let e = exponent(v);
        match e.is_integer().then(|| u32::try_from(e.to_integer())) {
            Some(Ok(k)) => Ok(k),
            _ => outside("a sum with a fractional power of a label or a logit"),
        }
    };
    let mut total = Poly::zero();
    for w in written {
        let term = Poly::var_pow(w.x, exponent(Var::Xk)).mul(&Poly::var(w.a).pow(natural(Var::Ak)?)?)?;
        total = total.add(&term.mul(&w.y.pow(natural(Var::Yk)?)?)?);
    }
    Ok(total)
}

/// A monomial as (its part free of $k$, the sum of its part at $k$).
fn split(m: &Mono, frame: Frame) -> Result<(Mono, Poly), Outside> {
    let exponent = |v: Var| m[v as usize];
    let (p, r, a) = (exponent(Var::Yk), exponent(Var::Xk), exponent(Var::Ak));
    let mut rest = *m;
    for v in [Var::Yk, Var::Xk, Var::Ak] {
        rest[v as usize] = Rational64::zero();
    }
    const TABLE: [([i64; 3], Var); 7] = [
        ([0, 0, 0], Var::N),
        ([0, 1, 0], Var::Z),
        ([0, 2, 0], Var::P2),
        ([0, 0, 1], Var::Sa),
        ([1, 0, 0], Var::Y),
        ([1, 0, 1], Var::Ya),
        ([1, 1, 0], Var::Yx),
    ];
    if frame.labels_one_hot && p >= Rational64::from_integer(1) && p.is_integer() {
        // y = e_i: the only term is k = i.
        let natural = a.is_integer().then(|| u32::try_from(a.to_integer()).ok()).flatten();
        let Some(a) = natural else { return outside("a sum with a fractional power of a logit") };
        return Ok((rest, Poly::var_pow(Var::Xi, r).mul(&Poly::var(Var::Ai).pow(a)?)?));
    }
    let found = TABLE.iter().find(|(key, _)| key.map(Rational64::from_integer) == [p, r, a]);
    let sum = match found {
        Some((_, Var::Y)) if frame.labels_sum_to_one => Poly::int(1),
        Some((_, v)) => Poly::var(*v),
        None => {
            return outside(format!(
                "a sum over k of y_k^{p} e^{{{r} a_k}} a_k^{a}: not a variable of the exact fragment"
            ))
        }
    };
    Ok((rest, sum))
}
