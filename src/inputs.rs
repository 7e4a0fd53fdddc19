//! The inputs every check runs on: hand-picked hard cases plus generated
//! logit vectors, reproducible from a seed.
//!
//! Property tests never take raw `f64` from quickcheck (its generator returns
//! NaN, $\pm\infty$ and values near `f64::MAX` on purpose): [`GenLogits`]
//! wraps a valid [`Logits`] with a bounded `Arbitrary` and a `shrink`, and
//! the hard families are generated deliberately ([`Family`]).

use crate::Logits;
use quickcheck::{Arbitrary, Gen};

/// The seed of the default suite (a date, 2019-06-01).
pub const DEFAULT_SEED: u64 = 20_190_601;

/// How many generated inputs the default suite adds to the fixed cases.
pub const DEFAULT_COUNT: usize = 1000;

/// The largest $N$ generated.
pub const MAX_N: usize = 256;

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, well-mixed, seedable
/// generator, so that a suite is the same on every machine and release.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in $[0, 1)$ (53 random bits).
    pub fn unit(&mut self) -> f64 {
        // The top 53 bits fit exactly in an f64 mantissa.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in $[lo, hi)$.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform integer in `lo..=hi`.
    pub fn int(&mut self, lo: usize, hi: usize) -> usize {
        // The span is at most MAX_N, far below 2^53: the conversions are exact.
        lo + (self.unit() * (hi - lo + 1) as f64) as usize
    }
}

/// The kinds of logit vectors generated, each a known hard case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// $a_k \in [-5, 5]$.
    Moderate,
    /// $a_k \in [-s, s]$ with a scale $s$ from $10^{-3}$ to $10^{3}$.
    Scaled,
    /// Few distinct values, repeated.
    Ties,
    /// One logit 30 to 60 above the others: $S_i \approx 1$.
    Dominant,
    /// Gaps of hundreds, like $[200, 500, 800]$.
    Saturated,
    /// Some entries $-\infty$.
    Masked,
    /// Values around $\pm 710$, where $e^{a}$ overflows or underflows in `f64`.
    NearOverflow,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 7] = [
        Family::Moderate,
        Family::Scaled,
        Family::Ties,
        Family::Dominant,
        Family::Saturated,
        Family::Masked,
        Family::NearOverflow,
    ];
}

/// A dimension $N$, skewed to small values (most hard cases are small and
/// the checks cost $O(N^2)$ per input) but reaching [`MAX_N`].
fn dimension(rng: &mut SplitMix64) -> usize {
    let r = rng.unit();
    match r {
        r if r < 0.35 => rng.int(1, 4),
        r if r < 0.65 => rng.int(5, 16),
        r if r < 0.88 => rng.int(17, 64),
        r if r < 0.97 => rng.int(65, 128),
        _ => rng.int(129, MAX_N),
    }
}

/// One generated vector of `family` with `n` entries.
pub fn generate(rng: &mut SplitMix64, family: Family, n: usize) -> Logits {
    let mut a: Vec<f64> = match family {
        Family::Moderate => (0..n).map(|_| rng.uniform(-5.0, 5.0)).collect(),
        Family::Scaled => {
            let scale = 10f64.powf(rng.uniform(-3.0, 3.0));
            (0..n).map(|_| scale * rng.uniform(-1.0, 1.0)).collect()
        }
        Family::Ties => {
            let values: Vec<f64> = (0..rng.int(1, 3)).map(|_| rng.uniform(-5.0, 5.0)).collect();
            (0..n).map(|_| values[rng.int(0, values.len() - 1)]).collect()
        }
        Family::Dominant => {
            let mut a: Vec<f64> = (0..n).map(|_| rng.uniform(-2.0, 2.0)).collect();
            let top = rng.int(0, n - 1);
            a[top] += rng.uniform(30.0, 60.0);
            a
        }
        Family::Saturated => (0..n).map(|_| rng.uniform(-1000.0, 1000.0).round()).collect(),
        Family::Masked => {
            (0..n).map(|_| if rng.unit() < 0.3 { f64::NEG_INFINITY } else { rng.uniform(-5.0, 5.0) }).collect()
        }
        Family::NearOverflow => {
            let sign = if rng.unit() < 0.5 { -1.0 } else { 1.0 };
            (0..n).map(|_| sign * rng.uniform(690.0, 750.0)).collect()
        }
    };
    if a.iter().all(|&a_k| a_k == f64::NEG_INFINITY) {
        a[0] = 0.0; // keep one entry unmasked
    }
    Logits::new(a).expect("generated logits are finite or -inf, with one finite")
}

/// One generated vector, family and dimension drawn from `rng`.
pub fn random(rng: &mut SplitMix64) -> Logits {
    let family = Family::ALL[rng.int(0, Family::ALL.len() - 1)];
    let n = dimension(rng);
    generate(rng, family, n)
}

/// The hand-picked cases every suite starts with, each with why it is there.
pub fn fixed_cases() -> Vec<(&'static str, Logits)> {
    let ninf = f64::NEG_INFINITY;
    let cases: Vec<(&'static str, Vec<f64>)> = vec![
        ("a moderate example", vec![0.0, 1.0, 3.0]),
        ("gaps of hundreds, past the exp overflow", vec![200.0, 500.0, 800.0]),
        ("the same, shifted by its maximum", vec![-600.0, -300.0, 0.0]),
        ("a = (0, 0): J = [[1/4, -1/4], [-1/4, 1/4]]", vec![0.0, 0.0]),
        ("N = 1: S = 1, J = 0", vec![0.0]),
        ("N = 1, large", vec![800.0]),
        ("uniform: J = (I - 11^T/N)/N", vec![3.0; 4]),
        ("S_1 underflows to 0 in f64", vec![0.0, 1000.0]),
        ("S_2 rounds to 1 in f64", vec![0.0, 40.0]),
        ("e^800 overflows", vec![800.0, 0.0]),
        ("just below and above exp overflow", vec![709.0, 710.0]),
        ("e^-745 is the last subnormal", vec![-745.0, 0.0]),
        ("a mask", vec![ninf, 0.0]),
        ("a mask among ties", vec![1.0, ninf, 1.0, 2.0]),
        ("tiny scale", vec![1e-3, 2e-3, 0.0]),
        ("ties", vec![1.0, 1.0, 2.0]),
        ("N = 256 ramp", (0..MAX_N).map(|k| k as f64 / 16.0).collect()),
    ];
    cases.into_iter().map(|(why, a)| (why, Logits::new(a).expect("fixed cases are valid"))).collect()
}

/// The suite: [`fixed_cases`] then `count` vectors generated from `seed`.
pub fn suite(seed: u64, count: usize) -> Vec<Logits> {
    let mut rng = SplitMix64::new(seed);
    let generated = (0..count).map(|_| random(&mut rng));
    fixed_cases().into_iter().map(|(_, a)| a).chain(generated).collect()
}

/// The largest logit magnitude of the numeric suite: $\pm 2000$, far past the
/// `f64` range of $e^{a}$, where a formula that is not shift-invariant differs.
pub const WIDE: f64 = 2000.0;

/// The sizes at which the numeric suite also holds a vector with logits up to $\pm$[`WIDE`].
pub const WIDE_SIZES: [usize; 11] = [1, 2, 3, 4, 5, 8, 16, 32, 64, 128, 256];

/// The numeric suite of `check` and of the numeric layer of verdicts: [`suite`],
/// then one moderate vector for **every** $N$ from 1 to [`MAX_N`], one with
/// logits up to $\pm$[`WIDE`] for each of [`WIDE_SIZES`], then a few wide
/// hand-picked vectors.
pub fn numeric_suite(seed: u64, count: usize) -> Vec<Logits> {
    let mut rng = SplitMix64::new(seed ^ 0x005e_ed0f_5173);
    let mut all = suite(seed, count);
    for n in 1..=MAX_N {
        let a: Vec<f64> = (0..n).map(|_| rng.uniform(-5.0, 5.0)).collect();
        all.push(Logits::new(a).expect("finite logits"));
    }
    for n in WIDE_SIZES {
        let a: Vec<f64> = (0..n).map(|_| rng.uniform(-WIDE, WIDE).round()).collect();
        all.push(Logits::new(a).expect("finite logits"));
    }
    for a in [vec![WIDE, 0.0], vec![-WIDE, 0.0, WIDE], vec![1100.0, 0.0], vec![0.0, 1500.0, -1500.0]] {
        all.push(Logits::new(a).expect("finite logits"));
    }
    all
}

/// The indices $i$ (and $j$) a numeric check compares at `a`: every one for
/// $N \le 16$; else the first three, the last three, the largest and the
/// smallest logit, and the quartiles — at most 11, so that every $N$ up to
/// 256 costs at most 121 entries. (The derivative's formula treats every
/// other index alike; the exact layer covers all of them at once.)
pub fn sampled_indices(a: &Logits) -> Vec<usize> {
    let n = a.len();
    if n <= 16 {
        return (0..n).collect();
    }
    let values = a.as_slice();
    let arg =
        |better: fn(f64, f64) -> bool| (0..n).fold(0, |best, k| if better(values[k], values[best]) { k } else { best });
    let mut picked = vec![0, 1, 2, n - 3, n - 2, n - 1, arg(|x, y| x > y), arg(|x, y| x < y), n / 4, n / 2, 3 * n / 4];
    picked.sort_unstable();
    picked.dedup();
    picked
}

/// `a = [0, 1, 3]` for a short vector; its first and last entries and $N$ for a long one.
pub fn describe(a: &Logits) -> String {
    let v = a.as_slice();
    if v.len() <= 12 {
        return format!("a = {a}");
    }
    let head = crate::format_list(&v[..3]);
    let tail = crate::format_list(&v[v.len() - 2..]);
    format!("a = {} … {} (N = {})", head.trim_end_matches(']'), tail.trim_start_matches('['), v.len())
}

/// How simple a counterexample is: smaller $N$ first, then fewer masks,
/// then fewer non-integer entries, then smaller magnitudes (as quickcheck shrinks).
pub fn simplicity(a: &Logits) -> (usize, usize, usize, u64) {
    let finite = || a.as_slice().iter().filter(|a_k| a_k.is_finite());
    let magnitude: f64 = finite().map(|a_k| a_k.abs()).sum();
    let masks = a.len() - finite().count();
    let fractional = finite().filter(|a_k| a_k.fract() != 0.0).count();
    // Non-negative finite floats order like their bit patterns.
    (a.len(), masks, fractional, magnitude.to_bits())
}

/// A valid logit vector for quickcheck properties: bounded generation from
/// [`Family`], and a shrink towards fewer, smaller, rounder entries.
#[derive(Clone, Debug)]
pub struct GenLogits(pub Logits);

impl Arbitrary for GenLogits {
    fn arbitrary(g: &mut Gen) -> GenLogits {
        // Two draws mixed: quickcheck sometimes returns "problem values" (0, MAX) for a u64.
        let seed = u64::arbitrary(g) ^ u64::arbitrary(g).rotate_left(29);
        GenLogits(random(&mut SplitMix64::new(seed)))
    }

    /// Fewer entries, then each entry set to 0, ±1 or rounded, then all
    /// halved: every candidate is valid and differs from `self`.
    fn shrink(&self) -> Box<dyn Iterator<Item = GenLogits>> {
        let a = self.0.as_slice().to_vec();
        let mut candidates: Vec<Vec<f64>> = Vec::new();
        if a.len() > 1 {
            candidates.extend((0..a.len()).map(|k| [&a[..k], &a[k + 1..]].concat()));
        }
        for k in 0..a.len() {
            for v in [0.0, a[k].signum(), a[k].round()] {
                let mut c = a.clone();
                c[k] = v;
                candidates.push(c);
            }
        }
        candidates.push(a.iter().map(|a_k| a_k / 2.0).collect());
        let shrunk: Vec<GenLogits> = candidates
            .into_iter()
            .filter(|c| c.iter().zip(&a).any(|(x, y)| x.to_bits() != y.to_bits()) || c.len() != a.len())
            .filter_map(|c| Logits::new(c).ok().map(GenLogits))
            .collect();
        Box::new(shrunk.into_iter())
    }
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn the_suite_is_reproducible() {
        assert_eq!(suite(7, 50), suite(7, 50));
        assert_ne!(suite(7, 50), suite(8, 50));
    }

    #[test]
    fn the_default_suite_covers_every_family_size_and_hard_case() {
        let s = suite(DEFAULT_SEED, DEFAULT_COUNT);
        assert!(s.iter().any(|a| a.len() == 1));
        assert!(s.iter().any(|a| a.len() >= MAX_N));
        assert!(s.iter().any(|a| a.is_masked()));
        assert!(s.iter().any(|a| a.max() > 709.8), "exp overflow");
        assert!(s.iter().any(|a| a.as_slice().iter().any(|&x| x.is_finite() && x.abs() < 1e-2)));
    }

    #[test]
    fn shrinking_never_yields_an_invalid_or_identical_vector() {
        let g = GenLogits(Logits::new(vec![f64::NEG_INFINITY, 2.5, 7.0]).unwrap());
        let shrunk: Vec<_> = g.shrink().collect();
        assert!(!shrunk.is_empty());
        assert!(shrunk.iter().all(|s| s.0 != g.0));
    }
}
