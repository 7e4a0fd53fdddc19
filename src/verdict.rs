//! Verdicts and the evidence behind them.
//!
//! A claim is **proved** (an exact identity for every $N$ and every real
//! $a$), **holds** (numeric evidence, every entry's agreement certified),
//! is **refuted** (a certified counterexample) or **undecided** (with the
//! reason): see [`crate::decide`].
//!
//! Numeric *evidence* (a line against finite differences, say) is a separate
//! matter: an entry [`Agreement::Agrees`] with its reference when
//! [`crate::tolerance::within`]`(|claimed − reference|, tolerance)`: NaN and
//! $\pm\infty$ never agree. Indices in an [`Entry`] are 1-based, as in the article.

use crate::inputs::simplicity;
use crate::scope::Case;
use crate::tolerance::within;
use crate::Logits;
use serde::{Serialize, Serializer};

/// The verdict on a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// An exact identity in every case, for every $N \ge 1$ and every real $a$.
    Proved,
    /// No disagreement on the numeric suite, every entry's agreement certified.
    Holds,
    /// Neither proved nor refuted: the reason is given.
    Undecided,
    /// A certified counterexample.
    Refuted,
}

impl Verdict {
    /// `proved` / `holds` / `undecided` / `refuted`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Proved => "proved",
            Verdict::Holds => "holds",
            Verdict::Undecided => "undecided",
            Verdict::Refuted => "refuted",
        }
    }

    /// Proved or holds.
    pub fn is_true(self) -> bool {
        matches!(self, Verdict::Proved | Verdict::Holds)
    }

    /// The weaker of two verdicts on parts of one claim (refuted beats
    /// undecided beats holds beats proved).
    pub fn and(self, other: Verdict) -> Verdict {
        self.max(other)
    }
}

/// Whether numeric evidence agrees with its reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreement {
    /// Every compared entry is within its tolerance.
    Agrees,
    /// Some entry is not (or nothing was compared).
    Disagrees,
}

impl Agreement {
    /// `agrees` / `disagrees`.
    pub fn label(self) -> &'static str {
        match self {
            Agreement::Agrees => "agrees",
            Agreement::Disagrees => "disagrees",
        }
    }
}

/// One compared entry: where, what was claimed, what is true, how far, how far allowed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// The logits.
    #[serde(serialize_with = "floats")]
    pub a: Vec<f64>,
    /// Row (output $S_i$), 1-based.
    pub i: usize,
    /// Column (input $a_j$), 1-based.
    pub j: usize,
    /// $i = j$ or $i \ne j$.
    pub case: Case,
    /// The value the checked formula gives.
    #[serde(serialize_with = "float")]
    pub claimed: f64,
    /// The reference value.
    #[serde(serialize_with = "float")]
    pub reference: f64,
    /// $|claimed - reference|$ (NaN when either is not finite).
    #[serde(serialize_with = "float")]
    pub error: f64,
    /// The allowed distance, from the tolerance policy.
    #[serde(serialize_with = "float")]
    pub tolerance: f64,
}

impl Entry {
    /// error / tolerance: at most 1 when the entry agrees.
    pub fn ratio(&self) -> f64 {
        ratio(self.error, self.tolerance)
    }

    /// Whether the entry agrees.
    pub fn agrees(&self) -> bool {
        within(self.error, self.tolerance)
    }
}

/// error / tolerance, with 0/0 = 0 and NaN or x/0 = +inf.
fn ratio(error: f64, tolerance: f64) -> f64 {
    if error == 0.0 {
        0.0
    } else if error.is_nan() || tolerance == 0.0 {
        f64::INFINITY
    } else {
        error / tolerance
    }
}

impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = crate::format_list(&self.a);
        write!(
            f,
            "a = {a}, i = {}, j = {} ({}): claimed {:e}, reference {:e}, error {:.3e} > tolerance {:.3e}",
            self.i,
            self.j,
            self.case.label(),
            self.claimed,
            self.reference,
            self.error,
            self.tolerance
        )
    }
}

/// The running account of one check over many entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Inputs $a$ tested.
    pub inputs: usize,
    /// Entries $(a, i, j)$ compared.
    pub entries: usize,
    /// Entries that disagreed.
    pub failures: usize,
    /// The entry with the largest error/tolerance ratio.
    pub worst: Option<Entry>,
    /// The disagreeing entry on the simplest input (smallest $N$, then magnitudes).
    pub counterexample: Option<Entry>,
    /// [`simplicity`] of the counterexample's input.
    #[serde(skip)]
    counterexample_key: Option<(usize, usize, usize, u64)>,
    /// [`simplicity`] of the input being recorded (set by [`Tally::start_input`]).
    #[serde(skip)]
    input_key: (usize, usize, usize, u64),
    /// `worst`'s error/tolerance ratio, kept so that recording an entry
    /// costs one division.
    #[serde(skip)]
    worst_ratio: f64,
}

impl Tally {
    /// Counts one more input.
    pub fn start_input(&mut self, a: &Logits) {
        self.input_key = simplicity(a);
        self.inputs += 1;
    }

    /// Records one entry (0-based `i`, `j`) of the input given to [`Tally::start_input`].
    pub fn record(&mut self, a: &Logits, i: usize, j: usize, claimed: f64, reference: f64, tolerance: f64) {
        let error = if claimed.is_finite() && reference.is_finite() { (claimed - reference).abs() } else { f64::NAN };
        self.entries += 1;
        let agrees = within(error, tolerance);
        let r = ratio(error, tolerance);
        let new_worst = self.worst.is_none() || r > self.worst_ratio;
        let simpler = !agrees && self.counterexample_key.is_none_or(|key| self.input_key < key);
        if !agrees {
            self.failures += 1;
        }
        if !(new_worst || simpler) {
            return; // the common case: no allocation
        }
        let entry = Entry {
            a: a.as_slice().to_vec(),
            i: i + 1,
            j: j + 1,
            case: Case::of(i, j),
            claimed,
            reference,
            error,
            tolerance,
        };
        if simpler {
            self.counterexample_key = Some(self.input_key);
            self.counterexample = Some(entry.clone());
        }
        if new_worst {
            self.worst_ratio = r;
            self.worst = Some(entry);
        }
    }

    /// Agrees when at least one entry was compared and none disagreed.
    pub fn agreement(&self) -> Agreement {
        if self.entries > 0 && self.failures == 0 {
            Agreement::Agrees
        } else {
            Agreement::Disagrees
        }
    }

    /// Adds another tally's counts (for checks split over threads).
    pub fn merge(&mut self, other: Tally) {
        self.inputs += other.inputs;
        self.entries += other.entries;
        self.failures += other.failures;
        if let Some(w) = other.worst {
            if self.worst.is_none() || w.ratio() > self.worst_ratio {
                self.worst_ratio = w.ratio();
                self.worst = Some(w);
            }
        }
        if let (Some(c), Some(key)) = (other.counterexample, other.counterexample_key) {
            if self.counterexample_key.is_none_or(|mine| key < mine) {
                self.counterexample = Some(c);
                self.counterexample_key = Some(key);
            }
        }
    }
}

/// What a numeric check established: its agreement and the evidence behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// Agrees or disagrees.
    pub agreement: Agreement,
    /// Compared with.
    pub against: &'static str,
    /// The error at the tightest entry (largest error/tolerance).
    #[serde(serialize_with = "float")]
    pub max_error: f64,
    /// The tolerance at that entry.
    #[serde(serialize_with = "float")]
    pub tolerance: f64,
    /// Inputs tested.
    pub inputs: usize,
    /// Entries compared.
    pub entries: usize,
    /// Entries that disagreed.
    pub failures: usize,
    /// The tightest entry.
    pub worst: Option<Entry>,
    /// The simplest disagreeing entry.
    pub counterexample: Option<Entry>,
}

impl Evidence {
    /// The evidence of a finished tally against `against`.
    pub fn new(against: &'static str, tally: Tally) -> Evidence {
        let (max_error, tolerance) = tally.worst.as_ref().map_or((f64::NAN, f64::NAN), |w| (w.error, w.tolerance));
        Evidence {
            agreement: tally.agreement(),
            against,
            max_error,
            tolerance,
            inputs: tally.inputs,
            entries: tally.entries,
            failures: tally.failures,
            worst: tally.worst,
            counterexample: tally.counterexample,
        }
    }
}

/// Numeric evidence: a post's final formula for one case against one
/// reference (or, with no case, the exact reference against finite
/// differences).
#[derive(Clone, Debug, Serialize)]
pub struct CaseReport {
    /// $i = j$ or $i \ne j$; `None` for every entry.
    pub case: Option<Case>,
    /// The 1-based line of the formula compared; `None` for the exact reference.
    pub line: Option<usize>,
    /// What is compared: the formula as the post writes it, or `exact reference`.
    pub what: String,
    /// The agreement and its evidence.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// JSON has no NaN or infinities: they are written as the strings `"NaN"`,
/// `"inf"`, `"-inf"` (a masked logit is `"-inf"`).
pub fn float<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_f64(*x)
    } else if x.is_nan() {
        s.serialize_str("NaN")
    } else if *x > 0.0 {
        s.serialize_str("inf")
    } else {
        s.serialize_str("-inf")
    }
}

/// [`float`] for each element.
pub fn floats<S: Serializer>(xs: &[f64], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    struct F(f64);
    impl Serialize for F {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            float(&self.0, s)
        }
    }
    let mut seq = s.serialize_seq(Some(xs.len()))?;
    for &x in xs {
        seq.serialize_element(&F(x))?;
    }
    seq.end()
}

#[cfg(test)]
// Hand-checkable values are exact in binary: compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn a() -> Logits {
        Logits::new(vec![0.0, 0.0]).unwrap()
    }

    #[test]
    fn an_empty_tally_does_not_agree() {
        assert_eq!(Tally::default().agreement(), Agreement::Disagrees);
    }

    #[test]
    fn nan_never_agrees_even_with_an_infinite_tolerance() {
        let mut t = Tally::default();
        t.start_input(&a());
        t.record(&a(), 0, 0, f64::NAN, 0.25, f64::INFINITY);
        assert_eq!(t.agreement(), Agreement::Disagrees);
    }

    #[test]
    fn a_refutation_reports_one_based_indices() {
        let mut t = Tally::default();
        t.start_input(&a());
        t.record(&a(), 0, 1, 1.0, -0.25, 1e-16);
        let c = t.counterexample.unwrap();
        assert_eq!((c.i, c.j, c.case), (1, 2, Case::OffDiagonal));
    }
}
