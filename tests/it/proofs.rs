//! The exact layer: each line's negative control (a one-character change to
//! its LaTeX is refuted), the quotient rule's correction proved, and the
//! exact and numeric layers agreeing on random expressions.

use dsoftmax::decide::{self, Config, Target};
use dsoftmax::derivation::{step, Scope, Step};
use dsoftmax::expr::{BinOp, Expr, Func, Sym};
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::decide_step;
use quickcheck::{Arbitrary, Gen, QuickCheck};

fn config() -> Config {
    Config { count: 10, escalations: 2_000, diagnose: false, ..Config::default() }
}

/// The line `id` with its first `from` replaced by `to`.
fn edited(id: &str, from: &str, to: &str) -> Step {
    let original = step(id).unwrap();
    assert!(original.latex.contains(from), "{id}: {from:?} not in {:?}", original.latex);
    let latex: &'static str = Box::leak(original.latex.replacen(from, to, 1).into_boxed_str());
    Step { latex, ..*original }
}

/// One-character edits (a sign, an index, an exponent, a digit) that make each line false.
const EDITS: &[(&str, &str, &str)] = &[
    ("definition", "= \\frac", "= -\\frac"),
    ("definition-expanded", "e^{a_i}", "e^{a_j}"),
    ("g", "e^{a_i}", "e^{a_j}"),
    ("h", "h_i=", "h_i=2"),
    ("g-prime", "0       &", "1       &"),
    ("h-prime", "e^{a_j}", "e^{a_i}"),
    ("diag-0", "= \\frac", "= -\\frac"),
    ("diag-1", "- e^{a_i}e^{a_i}", "+ e^{a_i}e^{a_i}"),
    ("diag-2", "}  - \\left", "}  + \\left"),
    ("diag-3", "S_i^2", "S_i^3"),
    ("diag-4", "(1 - S_i)", "(1 + S_i)"),
    ("off-0", "= \\frac", "= -\\frac"),
    ("off-1", "- e^{a_j}", "+ e^{a_j}"),
    ("off-2", "S_j S_i", "S_j S_j"),
    ("two-case", "S_i(1 - S_i)", "S_i(1 + S_i)"),
    ("delta", "1 &", "2 &"),
    ("kronecker", "- S_j)", "+ S_j)"),
    ("matrix", "- S_i S_j", "+ S_i S_j"),
];

#[test]
fn every_line_has_a_one_character_negative_control_that_is_refuted() {
    for s in dsoftmax::derivation::STEPS.iter().filter(|s| s.id != "quotient-rule") {
        assert!(EDITS.iter().any(|(id, _, _)| *id == s.id), "{} has no negative control", s.id);
    }
    for &(id, from, to) in EDITS {
        assert_eq!(decide_step(step(id).unwrap(), &config()).decision.verdict, Verdict::Proved, "{id} as written");
        let wrong = decide_step(&edited(id, from, to), &config());
        assert_eq!(wrong.decision.verdict, Verdict::Refuted, "{id} with {from:?} → {to:?}: {}", wrong.decision.reason);
        assert!(wrong.decision.counterexample.is_some(), "{id}");
    }
}

#[test]
fn the_quotient_rule_with_h_squared_is_proved() {
    let fixed = decide_step(&edited("quotient-rule", "h'(x)^2", "h(x)^2"), &config());
    assert_eq!(fixed.decision.verdict, Verdict::Proved, "{}", fixed.decision.reason);
}

#[test]
fn right_rewrites_of_the_articles_lines_are_proved() {
    for (id, from, to) in [
        ("diag-2", "\\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k} }", "\\dfrac{\\exp(a_i)}{\\sum_k \\mathrm{e}^{a_k}}"),
        ("diag-4", "S_i(1 - S_i)", "S_i(1 - S_j)"),
        ("off-2", "- S_j S_i", "- S_i \\cdot S_j"),
        ("kronecker", "S_i(\\delta_{ij} - S_j)", "S_j(\\delta_{ij} - S_i)"),
    ] {
        let d = decide_step(&edited(id, from, to), &config()).decision;
        assert_eq!(d.verdict, Verdict::Proved, "{id} rewritten: {}", d.reason);
    }
}

/// A random expression of the exact fragment.
#[derive(Clone, Debug)]
struct Fragment(Expr);

impl Arbitrary for Fragment {
    fn arbitrary(g: &mut Gen) -> Fragment {
        fn build(g: &mut Gen, depth: u32) -> Expr {
            let leaves = [Sym::Si, Sym::Sj, Sym::Delta, Sym::N, Sym::Z];
            if depth == 0 || u8::arbitrary(g) % 3 == 0 {
                return match u8::arbitrary(g) % 7 {
                    0 => Expr::int(i64::from(u8::arbitrary(g) % 5) + 1),
                    1 => Expr::call(Func::Exp, Expr::Sym(if bool::arbitrary(g) { Sym::Ai } else { Sym::Aj })),
                    k => Expr::Sym(leaves[usize::from(k) % leaves.len()]),
                };
            }
            let (x, y) = (build(g, depth - 1), build(g, depth - 1));
            match u8::arbitrary(g) % 5 {
                0 => Expr::bin(BinOp::Add, x, y),
                1 => Expr::bin(BinOp::Sub, x, y),
                2 => Expr::bin(BinOp::Mul, x, y),
                3 => Expr::bin(
                    BinOp::Div,
                    x,
                    Expr::bin(BinOp::Add, y.clone(), Expr::bin(BinOp::Mul, y, Expr::Sym(Sym::Si))),
                ),
                _ => Expr::bin(BinOp::Pow, x, Expr::int(2)),
            }
        }
        Fragment(build(g, 3))
    }
}

#[test]
fn the_exact_and_the_numeric_layer_never_contradict_each_other() {
    fn prop(f: Fragment) -> bool {
        let target = Target::Softmax;
        let exact = decide::decide(&f.0, &target, Scope::All, &config());
        let numeric = decide::numeric_only(&f.0, &target, Scope::All, &config());
        match exact.verdict {
            // A proof is never contradicted by a certified counterexample.
            Verdict::Proved => numeric.verdict != Verdict::Refuted,
            // An exact refutation is certified numerically at its witness (its
            // difference is shown, never "0"), and the numeric layer never
            // certifies agreement where the formula is undefined.
            Verdict::Refuted => exact.counterexample.is_some_and(|c| c.difference != "0"),
            _ => true,
        }
    }
    QuickCheck::new().rng(Gen::from_size_and_seed(8, 7)).tests(40).quickcheck(prop as fn(Fragment) -> bool);
}

#[test]
fn a_formula_and_its_exact_rewrites_are_proved_equal() {
    fn prop(f: Fragment) -> bool {
        let e = f.0;
        let rewritten = Expr::bin(BinOp::Div, Expr::bin(BinOp::Mul, e.clone(), Expr::int(3)), Expr::int(3));
        let plus_tiny = Expr::bin(BinOp::Add, e.clone(), Expr::Num(dsoftmax::expr::parse_decimal("1e-30").unwrap()));
        let same = decide::decide(&rewritten, &Target::Of(e.clone()), Scope::All, &config());
        let off = decide::decide(&plus_tiny, &Target::Of(e), Scope::All, &config());
        // Equal where defined: proved, or refuted for definedness (the same divisor vanishes on both sides).
        let same_ok =
            same.verdict == Verdict::Proved || same.counterexample.as_ref().is_some_and(|c| c.undefined.is_some());
        same_ok && off.verdict == Verdict::Refuted
    }
    QuickCheck::new().rng(Gen::from_size_and_seed(8, 11)).tests(100).quickcheck(prop as fn(Fragment) -> bool);
}
