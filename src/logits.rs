//! The input: a logit vector $a \in (\mathbb{R} \cup \{-\infty\})^N$, validated once.

use crate::Error;

/// A validated logit vector: $N \ge 1$ entries, none NaN or $+\infty$, at
/// least one finite. An entry $a_k = -\infty$ masks position $k$ ($S_k = 0$).
#[derive(Clone, Debug, PartialEq)]
pub struct Logits(Vec<f64>);

impl Logits {
    /// Validates `a`.
    ///
    /// # Errors
    /// [`Error::EmptyLogits`], [`Error::NanLogit`], [`Error::PositiveInfiniteLogit`],
    /// [`Error::AllMasked`] (indices in errors are 1-based).
    ///
    /// # Example
    /// ```
    /// use dsoftmax::{Error, Logits};
    /// assert!(Logits::new(vec![0.0, 1.0, 3.0]).is_ok());
    /// assert!(Logits::new(vec![f64::NEG_INFINITY, 0.0]).is_ok());
    /// assert!(matches!(Logits::new(vec![0.0, f64::NAN]), Err(Error::NanLogit { index: 2 })));
    /// ```
    pub fn new(a: Vec<f64>) -> Result<Logits, Error> {
        if a.is_empty() {
            return Err(Error::EmptyLogits);
        }
        for (k, &a_k) in a.iter().enumerate() {
            if a_k.is_nan() {
                return Err(Error::NanLogit { index: k + 1 });
            }
            if a_k == f64::INFINITY {
                return Err(Error::PositiveInfiniteLogit { index: k + 1 });
            }
        }
        if a.iter().all(|&a_k| a_k == f64::NEG_INFINITY) {
            return Err(Error::AllMasked);
        }
        Ok(Logits(a))
    }

    /// Reads a list such as `0,1,3`, `"0 1 3"`, `-inf,0` or, in French
    /// notation, `"0,5 1,5 3,0"`.
    ///
    /// The rule for commas: in a list whose items are separated by spaces, a
    /// comma between two digits is a **decimal comma** (`1,5 2` is 1.5 and 2);
    /// otherwise commas separate items (`0,1,3`, `0, 1, 3`). A list that mixes
    /// both (`1,5, 2`) is ambiguous and an error. Only the literal `-inf` (any
    /// case) masks an entry; a number beyond the `f64` range is an error.
    ///
    /// # Errors
    /// [`Error::BadLogit`] naming the item that is not a number,
    /// [`Error::OverflowingLogit`], [`Error::AmbiguousList`], then the errors
    /// of [`Logits::new`].
    ///
    /// # Example
    /// ```
    /// use dsoftmax::{Error, Logits};
    /// assert_eq!(Logits::parse("-1, 2 5")?.as_slice(), &[-1.0, 2.0, 5.0]);
    /// assert_eq!(Logits::parse("0,5 1,5 3,0")?.as_slice(), &[0.5, 1.5, 3.0]);
    /// assert!(matches!(Logits::parse("1,x,3"), Err(Error::BadLogit { position: 2, .. })));
    /// assert!(matches!(Logits::parse("1e309"), Err(Error::OverflowingLogit { .. })));
    /// assert!(matches!(Logits::parse("1,5, 2"), Err(Error::AmbiguousList { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse(list: &str) -> Result<Logits, Error> {
        let chars: Vec<char> = list.trim().chars().collect();
        let digit_at = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
        let commas: Vec<usize> = (0..chars.len()).filter(|&k| chars[k] == ',').collect();
        let decimal = |&k: &usize| k > 0 && digit_at(k - 1) && digit_at(k + 1);
        let spaced = chars.iter().any(|c| c.is_whitespace());
        let decimal_commas = spaced && !commas.is_empty() && commas.iter().any(decimal);
        if decimal_commas && !commas.iter().all(decimal) {
            return Err(Error::AmbiguousList { list: list.to_string() });
        }
        let items: Vec<String> = if decimal_commas {
            list.split_whitespace().map(|item| item.replace(',', ".")).collect()
        } else {
            list.split(|c: char| c == ',' || c.is_whitespace()).filter(|i| !i.is_empty()).map(str::to_string).collect()
        };
        let a = items
            .iter()
            .enumerate()
            .map(|(k, item)| {
                let bad = || Error::BadLogit { item: item.clone(), position: k + 1 };
                let x = item.parse::<f64>().map_err(|_| bad())?;
                let literal_infinity = item.trim_start_matches(['+', '-']).eq_ignore_ascii_case("inf")
                    || item.trim_start_matches(['+', '-']).eq_ignore_ascii_case("infinity");
                if x.is_infinite() && !literal_infinity {
                    return Err(Error::OverflowingLogit { item: item.clone(), position: k + 1 });
                }
                Ok(x)
            })
            .collect::<Result<Vec<f64>, Error>>()?;
        Logits::new(a)
    }

    /// `self`, if it has at most `max` entries for `command`.
    ///
    /// # Errors
    /// [`Error::TooManyLogits`] naming the limit and why it is there.
    pub fn at_most(self, max: usize, command: &'static str, why: &'static str) -> Result<Logits, Error> {
        if self.len() > max {
            return Err(Error::TooManyLogits { n: self.len(), max, command, why });
        }
        Ok(self)
    }

    /// The entries $a_1, \dots, a_N$ (0-based slice).
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// $N$.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `Logits` has at least one entry.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// $\max_k a_k$ (finite: at least one entry is).
    pub fn max(&self) -> f64 {
        self.0.iter().copied().fold(f64::NEG_INFINITY, f64::max)
    }

    /// Whether some entry is masked ($-\infty$).
    pub fn is_masked(&self) -> bool {
        self.0.contains(&f64::NEG_INFINITY)
    }

    /// Checks a 1-based index $i$ (or $j$) and returns it 0-based.
    ///
    /// # Errors
    /// [`Error::IndexOutOfRange`] unless $1 \le$ `index` $\le N$.
    pub fn index(&self, name: &'static str, index: usize) -> Result<usize, Error> {
        if (1..=self.len()).contains(&index) {
            Ok(index - 1)
        } else {
            Err(Error::IndexOutOfRange { name, index, n: self.len() })
        }
    }
}

/// `[0, 1, 3]`: a list of logits as every output prints it (shortest
/// round-trip form of each entry, `-inf` for a mask).
pub fn format_list(a: &[f64]) -> String {
    let items: Vec<String> = a.iter().map(|&a_k| format_number(a_k)).collect();
    format!("[{}]", items.join(", "))
}

/// `x` as Rust prints it when that is short (`2.5`, `-inf`, `800`), in
/// scientific notation past a sane width (`1e300`, `1.5e-7`).
pub fn format_number(x: f64) -> String {
    let magnitude = x.abs();
    if x.is_finite() && x != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

impl std::fmt::Display for Logits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_list(&self.0))
    }
}
