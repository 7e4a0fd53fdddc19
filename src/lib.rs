//! # dsoftmax — derivations of the softmax family, verified line by line
//!
//! A post (a blog post, course notes) defines softmax, states its
//! properties, fixes its overflow with a shift, and derives its Jacobian:
//!
//! $$D_jS_i = S_i(\delta_{ij} - S_j).$$
//!
//! This crate reads the post's own text and decides each of its claims: a
//! relation is **proved** for every $N$ and every real input, or **refuted**
//! with a certified counterexample, at its line, with a correction when one
//! small edit repairs it. Nothing is corrected before it is checked, and no
//! verdict comes from anywhere but the text it is about.
//!
//! ## Notation
//!
//! | symbol | meaning | in code |
//! |---|---|---|
//! | $a \in \mathbb{R}^N$ | the logits ($-\infty$ allowed as a mask) | [`Logits`], `a` |
//! | $S = S(a)$ | softmax, $S_i = e^{a_i} / \sum_k e^{a_k}$ | `s` |
//! | $Z = \sum_k e^{a_k}$ | the denominator | `Z`, `sum_exp` |
//! | $\delta_{ij}$ | Kronecker's delta | `delta` |
//! | $D_jS_i = \partial S_i/\partial a_j$ | row $i$ = output, column $j$ = input | `jac[(i, j)]` |
//!
//! Indices are 1-based in every output, and 0-based in code.
//!
//! ## The pipeline
//!
//! 1. [`article`] — read a post: every math container at its line, the
//!    post's notation, case cues, chains ([`article::structure`]).
//! 2. [`claims`] — the claims of known kinds beside the relations (worked
//!    examples, code, the order kept, the choice of the shift), found in the
//!    text and decided from it.
//! 3. [`decide`] — the verdicts: the exact procedure [`exact`] first, then
//!    [`rigorous`] numerics (f64 bounds, interval arithmetic).
//! 4. [`verify`] — the one pipeline: a post in, its findings out
//!    ([`verify::ArticleReport`]), with the numeric evidence of its final
//!    formulas against [`mod@reference`] (the exact reference, finite
//!    differences with nalgebra, the complex step).
//! 5. [`report`] — REPORT.md, the figures, the patch; [`explain`] walks a
//!    post's derivation at one entry; [`check`] decides one typed formula.
//!
//! The expression type every formula is parsed into is in [`expr`]; the
//! tolerance policy in [`tolerance`]; our own reference post, read by
//! `verify` and `report` without a path, is [`verify::REFERENCE_POST`].
//!
//! ## Example
//!
//! ```
//! use dsoftmax::verify::read_and_decide;
//! use dsoftmax::verdict::Verdict;
//! // A post of ours: the quotient rule with h'(x)^2 for h(x)^2, then the right result.
//! let post = "Soit $$f(x) = \\frac{g(x)}{h(x)}$$\n\n$$f'(x) = \\frac{g'(x)h(x) - g(x)h'(x)}{h'(x)^2}$$\n\n\
//!             $$D_jS_i = S_i(\\delta_{ij} - S_j)$$\n";
//! let r = read_and_decide(post);
//! let verdicts: Vec<(usize, Verdict)> = r.lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect();
//! assert_eq!(verdicts, [(1, Verdict::Proved), (3, Verdict::Refuted), (5, Verdict::Proved)]);
//! // Refuted with the exact difference, and corrected by the one edit the engine proves.
//! let rule = &r.lines[1];
//! assert_eq!(rule.decision.proof.as_ref().unwrap().residual.as_deref(), Some("(Z - x_i)^2 (Z + x_i) / (x_i Z^2)"));
//! assert_eq!(rule.correction.as_deref(), Some(r"f'(x) = \frac{g'(x)h(x) - g(x)h'(x)}{h(x)^2}"));
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
pub mod lang;
mod logits;
pub mod numeric;
pub mod python;
pub mod reference;
mod repair;
pub mod report;
pub mod rigorous;
pub(crate) mod scalar;
pub mod scope;
pub mod site;
pub mod softmax;
pub mod tolerance;
pub mod verdict;
pub mod verify;

pub use error::Error;
pub use logits::{format_list, format_number, Logits};
