//! `check FORMULA`: a table of right and wrong formulas, parse errors, and a
//! property that no input makes the parser panic.

use dsoftmax::check::{check, formula, Of};
use dsoftmax::verdict::Verdict;
use quickcheck::{Gen, QuickCheck};

/// (formula, of, expected verdict, what it tests)
const TABLE: &[(&str, Of, Verdict, &str)] = &[
    ("S_i*(delta_ij - S_j)", Of::Softmax, Verdict::Holds, "the article's result"),
    ("S_j*(delta_ij - S_i)", Of::Softmax, Verdict::Holds, "transposed: J is symmetric"),
    ("S_i*delta_ij - S_i*S_j", Of::Softmax, Verdict::Holds, "cancels badly where S_i ≈ 1, still right"),
    ("delta_ij*S_i - S_i*S_j", Of::Softmax, Verdict::Holds, "diag(S) − S Sᵀ"),
    ("exp(a_i)/Z*(delta_ij - exp(a_j)/Z)", Of::Softmax, Verdict::Holds, "overflows at a = [800, 0]: a warning"),
    ("exp(a_i + a_j)/Z^2*(-1) + delta_ij*exp(a_i)/Z", Of::Softmax, Verdict::Holds, "the quotient rule, unsimplified"),
    ("S_i*(delta_ij - S_j)*(1 + 0*S_i)", Of::Softmax, Verdict::Holds, "a harmless extra factor"),
    ("S_i*(delta_ij - S_j)*(1 + 0*a_i)", Of::Softmax, Verdict::Refuted, "0·a_i is NaN at a mask a_i = −inf"),
    ("-(S_i*S_j) + delta_ij*S_i", Of::Softmax, Verdict::Holds, "reordered"),
    ("S_i*(delta_ij - S_j)*(N/N)", Of::Softmax, Verdict::Holds, "uses N harmlessly"),
    ("delta_ij - S_j", Of::LogSoftmax, Verdict::Holds, "log-softmax"),
    ("delta_ij - exp(a_j)/Z", Of::LogSoftmax, Verdict::Holds, "log-softmax through Z"),
    ("S_i*(1 - S_i)", Of::Softmax, Verdict::Refuted, "right only when i = j"),
    ("-S_i*S_j", Of::Softmax, Verdict::Refuted, "right only when i ≠ j"),
    ("S_i*(delta_ij - S_j) + (1 - delta_ij)*S_i*S_j/2", Of::Softmax, Verdict::Refuted, "wrong only when i ≠ j"),
    ("S_i*(delta_ij - S_j)*(N - 2)", Of::Softmax, Verdict::Refuted, "right only for N = 3"),
    ("S_i*(delta_ij - 1/N)", Of::Softmax, Verdict::Refuted, "right only when the logits are equal"),
    ("S_i*(delta_ij - S_j)*(1 + 1e-9)", Of::Softmax, Verdict::Refuted, "off by a relative 1e-9"),
    ("S_i*(delta_ij - S_j) + 1e-12*delta_ij", Of::Softmax, Verdict::Refuted, "off by 1e-12 on the diagonal"),
    (
        "(delta_ij*exp(a_i)*Z - exp(a_i)*exp(a_j))/exp(a_j)^2",
        Of::Softmax,
        Verdict::Refuted,
        "the article's quotient rule, h'²",
    ),
    ("S_i*(delta_ij + S_j)", Of::Softmax, Verdict::Refuted, "sign slip"),
    ("S_i*(delta_ij - S_j)", Of::LogSoftmax, Verdict::Refuted, "softmax's derivative is not log-softmax's"),
    ("delta_ij - S_i", Of::LogSoftmax, Verdict::Refuted, "log-softmax with i and j swapped"),
    ("S_i^2*(delta_ij - S_j)/S_i", Of::Softmax, Verdict::Refuted, "0/0 where S_i underflows: NaN never agrees"),
];

#[test]
fn the_formula_table_gets_its_expected_verdicts() {
    for &(text, of, expected, why) in TABLE {
        let expr = formula::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        let r = check(&expr, text, of, 200, 7);
        assert_eq!(r.verdict, expected, "{text} ({why}): {:?}", r.counterexample);
        assert_eq!(r.counterexample.is_some(), expected == Verdict::Refuted, "{text}");
    }
}

#[test]
fn an_overflowing_right_formula_holds_with_a_warning_naming_the_input() {
    let text = "exp(a_i)/Z*(delta_ij - exp(a_j)/Z)";
    let r = check(&formula::parse(text).unwrap(), text, Of::Softmax, 50, 1);
    assert_eq!(r.verdict, Verdict::Holds);
    assert!(r.warnings.iter().any(|w| w.contains("[800, 0]")), "{:?}", r.warnings);
}

#[test]
fn counterexamples_are_shrunk_to_small_inputs() {
    for (text, n) in [("S_i*(delta_ij - 1/N)", 2), ("-S_i*S_j", 1), ("S_i*(delta_ij - S_j)*(N - 2)", 2)] {
        let r = check(&formula::parse(text).unwrap(), text, Of::Softmax, 200, 7);
        let c = r.counterexample.unwrap();
        assert_eq!(c.a.len(), n, "{text}: {:?}", c.a);
        assert!(c.a.iter().all(|x| x.fract() == 0.0 && x.abs() <= 1.0), "{text}: {:?}", c.a);
    }
}

#[test]
fn parse_errors_point_at_the_offending_column() {
    for (text, column) in
        [("S_i*(delta_ij - S_j", 20), ("S_i ** 2", 6), ("S_i S_j", 5), ("S_k", 1), ("", 1), ("exp(", 5)]
    {
        let e = formula::parse(text).unwrap_err();
        assert_eq!(e.column, column, "{text:?}: {}", e.message);
        let caret_line = e.message.lines().nth(1).unwrap();
        assert_eq!(caret_line.find('^'), Some(column + 1), "{text:?}: caret under the column\n{}", e.message);
    }
}

#[test]
fn no_input_string_makes_the_parser_panic() {
    fn prop(text: String) -> bool {
        let _ = formula::parse(&text);
        true
    }
    // Also strings built from the language's own pieces, which reach deeper into the grammar.
    fn pieces(parts: Vec<u8>) -> bool {
        const PIECES: [&str; 16] =
            ["S_i", "S_j", "a_i", "(", ")", "+", "-", "*", "/", "^", "exp", "1e-3", " ", "delta_ij", "Z", "."];
        let text: String = parts.iter().map(|&p| PIECES[usize::from(p) % PIECES.len()]).collect();
        if let Ok(e) = formula::parse(&text) {
            let env = formula::Env { s_i: 0.5, s_j: 0.25, a_i: 1.0, a_j: 2.0, delta: 0.0, n: 3.0, z: 10.0 };
            let _ = e.eval(&env);
        }
        true
    }
    let qc = || QuickCheck::new().rng(Gen::from_size_and_seed(40, 99)).tests(2000);
    qc().quickcheck(prop as fn(String) -> bool);
    qc().quickcheck(pieces as fn(Vec<u8>) -> bool);
}
