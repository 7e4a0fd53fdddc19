//! The exact layer: each kind of line's negative control (a one-character
//! change to its LaTeX is refuted), right rewrites proved, and the exact and
//! numeric layers agreeing on random expressions.

use dsoftmax::decide::{self, Config, Target};
use dsoftmax::derivation::{Quantity, Scope};
use dsoftmax::expr::{BinOp, Expr, Func, Sym};
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::decide_row;
use quickcheck::{Arbitrary, Gen, QuickCheck};

fn config() -> Config {
    Config { count: 10, escalations: 2_000, diagnose: false, ..Config::default() }
}

/// Right lines of a derivation (our own), what they claim, where, and a one-character edit that makes each false.
const EDITS: &[(&str, Quantity, Scope, &str, &str)] = &[
    (r"S_i = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k}}", Quantity::Is(Sym::Si), Scope::All, "a_i}}{", "a_j}}{"),
    (r"g_i = e^{a_i}", Quantity::Is(Sym::Gi), Scope::All, "a_i", "a_j"),
    (r"h_i = \sum_{k=1}^{N} e^{a_k}", Quantity::Is(Sym::Hi), Scope::All, "= ", "= 2"),
    (
        r"g'_i = \begin{cases} e^{a_i} & i = j \\ 0 & \text{sinon} \end{cases}",
        Quantity::Is(Sym::GPrime),
        Scope::All,
        "0 &",
        "1 &",
    ),
    (r"h'_i = e^{a_j}", Quantity::Is(Sym::HPrime), Scope::All, "a_j", "a_i"),
    (r"f'(x) = \frac{g'(x)h(x) - g(x)h'(x)}{h(x)^2}", Quantity::Derivative, Scope::All, "h(x)^2", "h'(x)^2"),
    (
        r"D_jS_i = \frac{e^{a_i} \sum_k e^{a_k} - e^{a_i}e^{a_i}}{(\sum_k e^{a_k})^2}",
        Quantity::Derivative,
        Scope::Diagonal,
        "- e^",
        "+ e^",
    ),
    (r"D_jS_i = S_i - S_i^2", Quantity::Derivative, Scope::Diagonal, "^2", "^3"),
    (r"D_jS_i = S_i(1 - S_i)", Quantity::Derivative, Scope::Diagonal, "(1 -", "(1 +"),
    (
        r"D_jS_i = \frac{0 - e^{a_j}e^{a_i}}{(\sum_k e^{a_k})^2}",
        Quantity::Derivative,
        Scope::OffDiagonal,
        "- e^",
        "+ e^",
    ),
    (r"D_jS_i = - S_j S_i", Quantity::Derivative, Scope::OffDiagonal, "S_j S_i", "S_j S_j"),
    (
        r"D_jS_i = \begin{cases} S_i(1 - S_i) & i = j \\ -S_iS_j & i \neq j \end{cases}",
        Quantity::Derivative,
        Scope::All,
        "(1 -",
        "(1 +",
    ),
    (
        r"\delta_{ij} = \begin{cases} 1 & i = j \\ 0 & i \neq j \end{cases}",
        Quantity::Is(Sym::Delta),
        Scope::All,
        "1 &",
        "2 &",
    ),
    (r"D_jS_i = S_i(\delta_{ij} - S_j)", Quantity::Derivative, Scope::All, "- S_j", "+ S_j"),
];

#[test]
fn every_kind_of_line_has_a_one_character_negative_control_that_is_refuted() {
    for &(latex, quantity, scope, from, to) in EDITS {
        assert_eq!(decide_row(latex, quantity, scope, &config()).verdict, Verdict::Proved, "{latex} as written");
        assert!(latex.contains(from), "{latex}: {from:?}");
        let wrong = decide_row(&latex.replacen(from, to, 1), quantity, scope, &config());
        assert_eq!(wrong.verdict, Verdict::Refuted, "{latex} with {from:?} → {to:?}: {}", wrong.reason);
        assert!(wrong.counterexample.is_some(), "{latex}");
    }
}

#[test]
fn right_rewrites_are_proved() {
    for (latex, scope) in [
        (
            r"D_jS_i = \dfrac{\exp(a_i)}{\sum_k \mathrm{e}^{a_k}} - \left(\frac{e^{a_i}}{\sum_k e^{a_k}}\right)^2",
            Scope::Diagonal,
        ),
        (r"D_jS_i = S_i(1 - S_j)", Scope::Diagonal),
        (r"D_jS_i = - S_i \cdot S_j", Scope::OffDiagonal),
        (r"D_jS_i = S_j(\delta_{ij} - S_i)", Scope::All),
    ] {
        let d = decide_row(latex, Quantity::Derivative, scope, &config());
        assert_eq!(d.verdict, Verdict::Proved, "{latex}: {}", d.reason);
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
