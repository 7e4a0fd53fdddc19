//! The library's typed errors.

use std::path::PathBuf;

/// Everything that can go wrong in the library; the command line maps each to
/// exit code 2 with its message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// $a$ must have at least one entry ($N \in \mathbb{N}^*$).
    #[error("the logit vector a is empty: softmax needs N >= 1 entries")]
    EmptyLogits,
    /// A logit is NaN.
    #[error("a_{index} is NaN: every logit must be a number")]
    NanLogit {
        /// 1-based position, as in the article.
        index: usize,
    },
    /// A logit is $+\infty$ ($-\infty$ is allowed: it masks the entry).
    #[error("a_{index} is +inf: only -inf is allowed (it masks the entry, S_{index} = 0)")]
    PositiveInfiniteLogit {
        /// 1-based position.
        index: usize,
    },
    /// An item of a `--at` list is not a number.
    #[error("cannot read {item:?} (item {position} of the list) as a number: write numbers like 1, -2.5, 1e-3 or -inf, separated by commas or spaces")]
    BadLogit {
        /// The offending text.
        item: String,
        /// Its 1-based position in the list.
        position: usize,
    },
    /// A number too large for `f64` (only the literal `-inf` masks an entry).
    #[error("{item} (item {position} of the list) overflows f64 (largest ≈ 1.8e308); write -inf to mask an entry")]
    OverflowingLogit {
        /// The offending text.
        item: String,
        /// Its 1-based position in the list.
        position: usize,
    },
    /// A list whose commas could be decimal commas or separators.
    #[error("cannot tell decimal commas from separators in {list:?}: write decimal points (1.5), or separate with commas only (1,2,3) or with spaces and decimal commas (1,5 2,0 3,5)")]
    AmbiguousList {
        /// The list as given.
        list: String,
    },
    /// More logits than a command handles.
    #[error("{n} logits: {command} handles at most N = {max}{why}")]
    TooManyLogits {
        /// How many were given.
        n: usize,
        /// The limit.
        max: usize,
        /// The command.
        command: &'static str,
        /// Why the limit is there.
        why: &'static str,
    },
    /// Every logit is $-\infty$: the denominator $\sum_k e^{a_k}$ is 0.
    #[error("every logit is -inf: the denominator sum_k e^(a_k) is 0 and S is undefined")]
    AllMasked,
    /// An index $i$ or $j$ outside $1..N$.
    #[error("index {name} = {index} is out of range: it must be between 1 and N = {n}")]
    IndexOutOfRange {
        /// `i` or `j`.
        name: &'static str,
        /// The 1-based index given.
        index: usize,
        /// The dimension.
        n: usize,
    },
    /// An output could not be written (the cause follows in the error chain).
    #[error("cannot write {path}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A figure could not be drawn or encoded.
    #[error("cannot render figure {figure}: {message}")]
    Render {
        /// The figure's name.
        figure: &'static str,
        /// What plotters or the encoder said.
        message: String,
    },
    /// Another run holds the output folder's lock.
    #[error("another report is writing into {dir}: wait for it to finish, or choose another --out")]
    Busy {
        /// The folder.
        dir: PathBuf,
    },
    /// The output path exists and is not a folder.
    #[error("{path} exists and is not a folder: choose another --out")]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
    /// An input could not be read (the cause follows in the error chain).
    #[error("cannot read {path}")]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A folder could not be walked.
    #[error("cannot list the posts under {path}: {message}")]
    Walk {
        /// The folder.
        path: PathBuf,
        /// What the walker said.
        message: String,
    },
    /// An output path exists and was not made by this tool.
    #[error("{path} exists and was not written by dsoftmax (or was edited since): refusing to overwrite it; move it away or choose another --out")]
    NotOurs {
        /// The file.
        path: PathBuf,
    },
}
