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
    /// assert!(Logits::new(vec![1.0, 2.0, 5.0]).is_ok());
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

    /// Reads a list such as `1,2,5`, `"1 2 5"` or `-inf,0` (commas and/or
    /// spaces; `-inf`/`inf`/`nan` in any case are read, then validated).
    ///
    /// # Errors
    /// [`Error::BadLogit`] naming the item that is not a number, then the
    /// errors of [`Logits::new`].
    ///
    /// # Example
    /// ```
    /// use dsoftmax::{Error, Logits};
    /// assert_eq!(Logits::parse("-1, 2 5")?.as_slice(), &[-1.0, 2.0, 5.0]);
    /// assert!(matches!(Logits::parse("1,x,3"), Err(Error::BadLogit { position: 2, .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse(list: &str) -> Result<Logits, Error> {
        let items = list.split(|c: char| c == ',' || c.is_whitespace()).filter(|item| !item.is_empty());
        let a = items
            .enumerate()
            .map(|(k, item)| {
                item.parse::<f64>().map_err(|_| Error::BadLogit { item: item.to_string(), position: k + 1 })
            })
            .collect::<Result<Vec<f64>, Error>>()?;
        Logits::new(a)
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

/// `[1, 2, 5]`: a list of logits as every output prints it (shortest
/// round-trip form of each entry, `-inf` for a mask).
pub fn format_list(a: &[f64]) -> String {
    let items: Vec<String> = a.iter().map(|a_k| a_k.to_string()).collect();
    format!("[{}]", items.join(", "))
}

impl std::fmt::Display for Logits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_list(&self.0))
    }
}
