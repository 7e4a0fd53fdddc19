//! Real roots of a polynomial in one variable with rational coefficients,
//! isolated exactly: Sturm's theorem counts the distinct real roots in an
//! interval, bisection separates them, and a root is then either found
//! exactly (a rational where the polynomial is 0) or bracketed by two
//! rationals where its square-free part has opposite signs — a certified
//! existence (intermediate value theorem), even for a root of even
//! multiplicity such as that of $(a_i - 30.5)^2$.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// A polynomial $\sum_k c_k t^k$ (coefficients from degree 0 up, no trailing zeros).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Univariate(pub Vec<BigRational>);

/// A real root, certified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// Exactly this rational.
    Exact(BigRational),
    /// Strictly between these two rationals (the only root of the square-free part there).
    Between(BigRational, BigRational),
}

impl Root {
    /// A rational in the root's bracket (the root itself when exact).
    pub fn approximate(&self) -> BigRational {
        match self {
            Root::Exact(r) => r.clone(),
            Root::Between(l, h) => (l + h) / BigRational::from_integer(BigInt::from(2)),
        }
    }
}

/// The largest degree handled (the cost of the Sturm chain grows as its square).
pub const MAX_DEGREE: usize = 64;

/// Bisection steps per root, past its isolation.
const REFINE_STEPS: usize = 160;

fn trimmed(mut c: Vec<BigRational>) -> Univariate {
    while c.last().is_some_and(Zero::is_zero) {
        c.pop();
    }
    Univariate(c)
}

impl Univariate {
    /// The degree (`None` for the zero polynomial).
    pub fn degree(&self) -> Option<usize> {
        self.0.len().checked_sub(1)
    }

    /// The value at `t`, exactly (Horner).
    pub fn at(&self, t: &BigRational) -> BigRational {
        self.0.iter().rev().fold(BigRational::zero(), |acc, c| acc * t + c)
    }

    fn derivative(&self) -> Univariate {
        trimmed(
            self.0.iter().enumerate().skip(1).map(|(k, c)| c * BigRational::from_integer(BigInt::from(k))).collect(),
        )
    }

    /// The remainder of the division by `d` (non-zero).
    fn rem(&self, d: &Univariate) -> Univariate {
        let mut r = self.0.clone();
        let lead = d.0.last().expect("a non-zero divisor");
        while r.len() >= d.0.len() && !r.is_empty() {
            let shift = r.len() - d.0.len();
            let q = r.last().expect("non-empty") / lead;
            for (k, c) in d.0.iter().enumerate() {
                r[shift + k] -= &q * c;
            }
            r.pop();
            while r.last().is_some_and(Zero::is_zero) {
                r.pop();
            }
        }
        trimmed(r)
    }

    /// The quotient by `d` (exact division expected).
    fn quotient(&self, d: &Univariate) -> Univariate {
        let mut r = self.0.clone();
        let lead = d.0.last().expect("a non-zero divisor");
        let mut q = vec![BigRational::zero(); r.len().saturating_sub(d.0.len()) + 1];
        while r.len() >= d.0.len() && !r.is_empty() {
            let shift = r.len() - d.0.len();
            let c = r.last().expect("non-empty") / lead;
            for (k, dk) in d.0.iter().enumerate() {
                r[shift + k] -= &c * dk;
            }
            q[shift] = c;
            r.pop();
        }
        trimmed(q)
    }

    /// The square-free part $p / \gcd(p, p')$: the same roots, each simple.
    fn square_free(&self) -> Univariate {
        let mut a = self.clone();
        let mut b = self.derivative();
        while b.degree().is_some() {
            let r = a.rem(&b);
            a = b;
            b = r;
        }
        if a.degree().unwrap_or(0) == 0 {
            return self.clone();
        }
        self.quotient(&a)
    }

    /// Sturm's chain of a square-free polynomial.
    fn sturm(&self) -> Vec<Univariate> {
        let mut chain = vec![self.clone(), self.derivative()];
        while chain.last().is_some_and(|p| p.degree().is_some_and(|d| d > 0)) {
            let n = chain.len();
            let r = chain[n - 2].rem(&chain[n - 1]);
            if r.degree().is_none() {
                break;
            }
            chain.push(Univariate(r.0.iter().map(|c| -c).collect()));
        }
        chain
    }

    /// Cauchy's bound: every real root has $|t| < 1 + \max_k |c_k / c_d|$.
    fn bound(&self) -> BigRational {
        let lead = self.0.last().expect("non-zero").abs();
        let largest = self.0.iter().map(|c| c.abs() / &lead).max().unwrap_or_else(BigRational::zero);
        largest + BigRational::one()
    }

    /// The real roots in the open interval $(lo, hi)$ (or up to Cauchy's
    /// bound when `hi` is `None`), each exact or bracketed, in order.
    /// `None` when the polynomial is 0 or past [`MAX_DEGREE`].
    pub fn roots(&self, lo: &BigRational, hi: Option<&BigRational>) -> Option<Vec<Root>> {
        let degree = self.degree()?;
        if degree > MAX_DEGREE {
            return None;
        }
        if degree == 0 {
            return Some(Vec::new());
        }
        let p = self.square_free();
        let chain = p.sturm();
        let bound = p.bound();
        let hi = hi.cloned().unwrap_or(bound.clone()).min(bound.clone());
        let lo = lo.clone().max(-bound);
        if lo >= hi {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        isolate(&p, &chain, lo, hi, &mut out, 0);
        Some(out)
    }
}

fn sign(x: &BigRational) -> i8 {
    if x.is_positive() {
        1
    } else if x.is_negative() {
        -1
    } else {
        0
    }
}

/// Sign changes of the chain at `t` (zeros skipped).
fn variations(chain: &[Univariate], t: &BigRational) -> usize {
    let signs: Vec<i8> = chain.iter().map(|p| sign(&p.at(t))).filter(|s| *s != 0).collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// The roots of the square-free `p` in $(lo, hi]$, isolated then refined.
fn isolate(p: &Univariate, chain: &[Univariate], lo: BigRational, hi: BigRational, out: &mut Vec<Root>, depth: usize) {
    let count = variations(chain, &lo).saturating_sub(variations(chain, &hi));
    if count == 0 || depth > 400 {
        return;
    }
    if p.at(&hi).is_zero() {
        // hi itself is a root: the rest of the interval holds count − 1.
        let mid = (&lo + &hi) / BigRational::from_integer(BigInt::from(2));
        if count > 1 {
            isolate(p, chain, lo, mid.clone(), out, depth + 1);
            isolate(p, chain, mid, hi.clone(), out, depth + 1);
            return;
        }
        out.push(Root::Exact(hi));
        return;
    }
    if count == 1 {
        out.push(refine(p, lo, hi));
        return;
    }
    let mid = (&lo + &hi) / BigRational::from_integer(BigInt::from(2));
    isolate(p, chain, lo, mid.clone(), out, depth + 1);
    isolate(p, chain, mid, hi, out, depth + 1);
}

/// The one root of `p` in $(lo, hi]$: bisected until exact or narrow, then
/// the simplest rational of the bracket tried (3/7, 10⁻¹⁰, 30.5 are found exactly).
fn refine(p: &Univariate, mut lo: BigRational, mut hi: BigRational) -> Root {
    let two = BigRational::from_integer(BigInt::from(2));
    let lo_sign = sign(&p.at(&lo));
    for step in 0..REFINE_STEPS {
        // Every few halvings, the simplest rational of the bracket may be the root.
        if step % 8 == 0 {
            if let Some(r) = simplest_between(&lo, &hi).filter(|r| p.at(r).is_zero()) {
                return Root::Exact(r);
            }
        }
        let mid = (&lo + &hi) / &two;
        match sign(&p.at(&mid)) {
            0 => return Root::Exact(mid),
            s if s == lo_sign => lo = mid,
            _ => hi = mid,
        }
    }
    if lo_sign == 0 {
        return Root::Exact(lo);
    }
    Root::Between(lo, hi)
}

/// The rational with the smallest denominator in $[lo, hi]$ (Stern–Brocot,
/// by continued fractions); `None` for an empty interval.
fn simplest_between(lo: &BigRational, hi: &BigRational) -> Option<BigRational> {
    if lo > hi {
        return None;
    }
    if lo.is_negative() && hi.is_positive() || lo.is_zero() || hi.is_zero() {
        return Some(BigRational::zero());
    }
    if hi.is_negative() {
        return simplest_between(&-hi, &-lo).map(|r| -r);
    }
    let floor = lo.floor();
    if floor == *lo || floor.clone() + BigRational::one() <= *hi {
        let candidate = if floor == *lo { floor } else { floor + BigRational::one() };
        return Some(candidate);
    }
    // lo and hi share the integer part: recurse on the reciprocals of the fractional parts.
    let (flo, fhi) = (lo - &floor, hi - &floor);
    let inner = simplest_between(&(BigRational::one() / fhi), &(BigRational::one() / flo))?;
    Some(floor + BigRational::one() / inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    fn poly(c: &[BigRational]) -> Univariate {
        Univariate(c.to_vec())
    }

    #[test]
    fn roots_are_found_exactly_or_bracketed() {
        // (t − 30.5)^2: a double root, no sign change, found through the square-free part.
        let p = poly(&[q(3721, 4), q(-61, 1), q(1, 1)]);
        assert_eq!(p.roots(&q(-1000, 1), None), Some(vec![Root::Exact(q(61, 2))]));
        // 7t − 3 over t > 0: 3/7.
        assert_eq!(poly(&[q(-3, 1), q(7, 1)]).roots(&q(0, 1), None), Some(vec![Root::Exact(q(3, 7))]));
        // t^2 − 2: ±√2, bracketed.
        let r = poly(&[q(-2, 1), q(0, 1), q(1, 1)]).roots(&q(-10, 1), None).unwrap();
        assert_eq!(r.len(), 2);
        for root in &r {
            let Root::Between(l, h) = root else { panic!("{root:?}") };
            assert!(&(l * l) - q(2, 1) < q(0, 1) || &(h * h) - q(2, 1) < q(0, 1));
            assert!(h - l < q(1, 1_000_000_000));
        }
        // t − 10^30 and t − 10^{-10}.
        let big = BigRational::from_integer(num_traits::pow(BigInt::from(10), 30));
        assert_eq!(poly(&[-big.clone(), q(1, 1)]).roots(&q(0, 1), None), Some(vec![Root::Exact(big)]));
        let tiny = q(1, 10_000_000_000);
        assert_eq!(poly(&[-tiny.clone(), q(1, 1)]).roots(&q(0, 1), None), Some(vec![Root::Exact(tiny)]));
        // No real root: t^2 + 1.
        assert_eq!(poly(&[q(1, 1), q(0, 1), q(1, 1)]).roots(&q(-10, 1), None), Some(vec![]));
    }

    #[test]
    fn simplest_rationals() {
        assert_eq!(simplest_between(&q(2, 5), &q(1, 2)), Some(q(1, 2)));
        assert_eq!(simplest_between(&q(41, 100), &q(43, 100)), Some(q(3, 7)));
        assert_eq!(simplest_between(&q(-7, 2), &q(-3, 1)), Some(q(-3, 1)));
    }
}
