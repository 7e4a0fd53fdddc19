//! # dsoftmax — the softmax derivative, verified line by line
//!
//! An article (`softmax-derivative.fr.md`) defines softmax, states its
//! properties, fixes its overflow with a shift, and derives its Jacobian
//! with the quotient rule:
//!
//! $$D_jS_i = S_i(\delta_{ij} - S_j).$$
//!
//! This crate encodes every statement of the article as it is written and
//! lets numbers decide. Nothing is corrected before it is checked; what fails
//! is reported with a counterexample and the corrected statement.
//!
//! ## Notation
//!
//! | symbol | meaning | in code |
//! |---|---|---|
//! | $a \in \mathbb{R}^N$ | the logits ($-\infty$ allowed as a mask) | [`Logits`], `a` |
//! | $S = S(a)$ | softmax, $S_i = e^{a_i} / \sum_k e^{a_k}$ | `s` |
//! | $h = \sum_k e^{a_k}$ | the denominator | `sum_exp` |
//! | $g_i = e^{a_i}$ | the numerator | `g` |
//! | $\ln C = -\max_k a_k$ | the article's shift | `ln_c` |
//! | $\delta_{ij}$ | Kronecker's delta | `delta` |
//! | $D_jS_i = \partial S_i/\partial a_j$ | row $i$ = output, column $j$ = input | `jac[(i, j)]` |
//!
//! Indices are 1-based in every output, as in the article, and 0-based in code.
//!
//! ## Tour (the article's table of contents)
//!
//! 1. [`softmax`] — § *Définition*, § *Instabilité numérique*: naive,
//!    stable and double-double (exact) softmax.
//! 2. [`derivation`] — § *Dérivée de S*: every line of the derivation as the
//!    article writes it (LaTeX), one [`derivation::Step`] each, in one ordered
//!    table [`derivation::STEPS`].
//! 3. [`expr`] — the one expression type every formula is parsed into, from
//!    the article's LaTeX or from the `check` syntax.
//! 4. [`exact`] — the exact decision procedure: a line is *proved* for every
//!    $N$ and every real $a$, or refuted with a certified input.
//! 5. [`decide`] — the four verdicts (proved, holds, refuted, undecided):
//!    exact first, then [`rigorous`] numerics (f64 bounds, interval arithmetic).
//! 6. [`mod@reference`] — independent numeric evidence: the exact reference,
//!    finite differences (nalgebra), the complex step.
//! 7. [`tolerance`] — the tolerance policy: every bound and its derivation.
//! 8. [`verdict`] — the verdict and evidence types.
//! 9. [`claims`] — every statement of the article, encoded as written.
//! 10. [`inputs`] — the generated inputs (quickcheck, fixed seeds).
//! 11. [`verify`] — runs it all: what `dsoftmax verify` prints.
//!
//! The arithmetics the lines are evaluated in live in [`numeric`].
//!
//! ## Example
//!
//! ```
//! use dsoftmax::decide::{decide, Config, Target};
//! use dsoftmax::derivation::{step, Scope};
//! use dsoftmax::verdict::Verdict;
//! // The article's final line, parsed from its LaTeX, is an identity for every N and a:
//! let kronecker = step("kronecker").unwrap().value()?;
//! let config = Config { diagnose: false, ..Config::default() };
//! assert_eq!(decide(&kronecker, &Target::Softmax, Scope::All, &config).verdict, Verdict::Proved);
//! // The rule for (g/h)' as the article writes it (h'² for h²) is not:
//! let rule = step("quotient-rule").unwrap().value()?;
//! let d = decide(&rule, &Target::Softmax, Scope::All, &config);
//! assert_eq!(d.verdict, Verdict::Refuted);
//! assert_eq!(d.proof.unwrap().residual.as_deref(), Some("(Z - x_i)^2 (Z + x_i) / (x_i Z^2)"));
//! # Ok::<(), dsoftmax::expr::ParseError>(())
//! ```

// Every public item is documented: the docs are the study material.
#![deny(missing_docs)]
// Links between the derivation's pages must not rot.
#![deny(rustdoc::broken_intra_doc_links)]
// Pure numerical code: nothing needs unsafe.
#![forbid(unsafe_code)]
// Float equality is almost always a bug here; the few exact comparisons
// (0, 1, ±inf, masks) say so where they are made.
#![deny(clippy::float_cmp)]

pub mod article;
pub mod check;
pub mod claims;
pub mod decide;
pub mod derivation;
mod error;
pub mod exact;
pub mod explain;
pub mod expr;
pub mod inputs;
mod logits;
pub mod numeric;
pub mod reference;
pub mod report;
pub mod rigorous;
pub mod softmax;
pub mod tolerance;
pub mod verdict;
pub mod verify;

pub use error::Error;
pub use logits::{format_list, format_number, Logits};
