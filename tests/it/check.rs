//! `check FORMULA`: a table of right and wrong formulas across the exact
//! fragment and outside it, parse errors, and a property that no input makes
//! the parser panic.

use dsoftmax::check::{check, Claim, Of};
use dsoftmax::decide::Config;
use dsoftmax::expr::plain;
use dsoftmax::verdict::Verdict;
use quickcheck::{Gen, QuickCheck};

/// Small enough for a fast test, large enough for every N from 1 to 256 (the size sweep is always in).
fn config() -> Config {
    Config { count: 20, ..Config::default() }
}

/// (formula, of, expected verdict, what it tests)
const TABLE: &[(&str, Of, Verdict, &str)] = &[
    ("S_i*(delta_ij - S_j)", Of::Softmax, Verdict::Proved, "the article's result"),
    ("S_j*(delta_ij - S_i)", Of::Softmax, Verdict::Proved, "transposed: J is symmetric"),
    ("S_i*delta_ij - S_i*S_j", Of::Softmax, Verdict::Proved, "cancels badly where S_i ≈ 1, still right"),
    ("exp(a_i)/Z*(delta_ij - exp(a_j)/Z)", Of::Softmax, Verdict::Proved, "overflows at a = [800, 0]: a warning"),
    ("exp(a_i + a_j)/Z^2*(-1) + delta_ij*exp(a_i)/Z", Of::Softmax, Verdict::Proved, "the quotient rule, unsimplified"),
    ("S_i*(delta_ij - S_j)*(1 + 0*a_i)", Of::Softmax, Verdict::Proved, "right on ℝ^N, NaN at a mask: a warning"),
    ("S_i*(delta_ij - S_j)*(N/N)", Of::Softmax, Verdict::Proved, "uses N harmlessly"),
    ("S_i^2*(delta_ij - S_j)/S_i", Of::Softmax, Verdict::Proved, "S_i is never 0 in ℝ"),
    ("delta_ij - S_j", Of::LogSoftmax, Verdict::Proved, "log-softmax"),
    ("delta_ij - exp(a_j)/Z", Of::LogSoftmax, Verdict::Proved, "log-softmax through Z"),
    ("S_i*(delta_ij - S_j)/S_i", Of::LogSoftmax, Verdict::Proved, "log-softmax through a division by S_i"),
    // The examples of issue 7.
    ("42 + (1e20 + 1) - 1e20 - 1", Of::Softmax, Verdict::Refuted, "an exact-literal trap: 42"),
    ("S_i*(1 - S_i) + ((1e17 + 1) - 1e17 - 1)", Of::Softmax, Verdict::Refuted, "an exact-literal trap: + 0"),
    ("exp(ln(S_i))*(delta_ij - S_j)", Of::Softmax, Verdict::Proved, "exp(ln u) = u"),
    ("sqrt(S_i)^2*(delta_ij - S_j)", Of::Softmax, Verdict::Proved, "sqrt of a positive monomial"),
    ("S_i*(delta_ij - S_j)*exp(a_i)/exp(a_i)", Of::Softmax, Verdict::Proved, "e^{a_i}/e^{a_i}"),
    ("S_i*(delta_ij - S_j) + S_j^65 - S_j^65", Of::Softmax, Verdict::Proved, "large powers cancel exactly"),
    ("S_i*(delta_ij - S_j)^(N/N)", Of::Softmax, Verdict::Proved, "an exponent that is 1"),
    (
        "S_i*(delta_ij - S_j) + 0.01*exp(-1000*(N-128)^2)",
        Of::Softmax,
        Verdict::Refuted,
        "wrong at N = 128 only (numeric)",
    ),
    (
        "S_i*(delta_ij - S_j)*(1 + 1e-3*exp(a_i - 1100))",
        Of::Softmax,
        Verdict::Refuted,
        "wrong only beyond a_i ≈ 1100 in f64",
    ),
    ("S_i*(delta_ij - S_j) + 0*a_j", Of::Softmax, Verdict::Proved, "NaN at a mask only"),
    // Wrong formulas.
    ("S_i*(1 - S_i)", Of::Softmax, Verdict::Refuted, "right only when i = j"),
    ("-S_i*S_j", Of::Softmax, Verdict::Refuted, "right only when i ≠ j"),
    ("S_i*(delta_ij - S_j) + (1 - delta_ij)*S_i*S_j/2", Of::Softmax, Verdict::Refuted, "wrong only when i ≠ j"),
    ("S_i*(delta_ij - S_j)*(N - 2)", Of::Softmax, Verdict::Refuted, "right only for N = 3"),
    ("S_i*(delta_ij - 1/N)", Of::Softmax, Verdict::Refuted, "right only when the logits are equal"),
    ("S_i*(delta_ij - S_j)*(1 + 1e-9)", Of::Softmax, Verdict::Refuted, "off by a relative 1e-9"),
    ("S_i*(delta_ij - S_j)*(1 + 1e-20)", Of::Softmax, Verdict::Refuted, "off by 1e-20: only exact arithmetic sees it"),
    ("S_i*(delta_ij - S_j) + 1e-12*delta_ij", Of::Softmax, Verdict::Refuted, "off by 1e-12 on the diagonal"),
    ("(delta_ij*exp(a_i)*Z - exp(a_i)*exp(a_j))/exp(a_j)^2", Of::Softmax, Verdict::Refuted, "the article's h'²"),
    ("S_i*(delta_ij + S_j)", Of::Softmax, Verdict::Refuted, "sign slip"),
    ("S_i*(delta_ij - S_j)*(1 + 0.5*exp(-1000*(N-3)^2))", Of::Softmax, Verdict::Refuted, "wrong at N = 3 only"),
    ("S_i*(delta_ij - S_j)", Of::LogSoftmax, Verdict::Refuted, "softmax's derivative is not log-softmax's"),
    ("delta_ij - S_i", Of::LogSoftmax, Verdict::Refuted, "log-softmax with i and j swapped"),
    // Undefined at some valid input.
    ("S_i*(delta_ij - S_j)/(N - 3)*(N - 3)", Of::Softmax, Verdict::Refuted, "undefined at N = 3"),
    ("S_i*(delta_ij - S_j)*(S_i - S_j)/(S_i - S_j)", Of::Softmax, Verdict::Refuted, "undefined at ties"),
    ("S_i*(delta_ij - S_j)*a_i/a_i", Of::Softmax, Verdict::Refuted, "undefined at a_i = 0"),
    (
        "S_i*(delta_ij - S_j)*ln(1 - S_i - S_j + 1)/ln(2 - S_i - S_j)",
        Of::Softmax,
        Verdict::Refuted,
        "ln 1 = 0 at N = 1",
    ),
    // Outside the exact fragment, right.
    ("S_i*(delta_ij - S_j)*exp(0*a_i^2)", Of::Softmax, Verdict::Proved, "0·a_i² is 0 exactly: exp(0) = 1"),
    ("S_i*(delta_ij - S_j)*(1 + 0*exp(a_i^2))", Of::Softmax, Verdict::Holds, "exp of a non-linear argument"),
    ("S_i*(delta_ij - S_j)/(exp(a_j) - 2)*(exp(a_j) - 2)", Of::Softmax, Verdict::Refuted, "undefined at a_j = ln 2"),
];

#[test]
fn the_formula_table_gets_its_expected_verdicts() {
    for &(text, of, expected, why) in TABLE {
        let expr = plain::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        let r = check(&expr, text, Claim::of(of), &config());
        let d = &r.decision;
        assert_eq!(d.verdict, expected, "{text} ({why}): {} {:?}", d.reason, d.counterexample);
        assert_eq!(d.counterexample.is_some(), expected == Verdict::Refuted, "{text}");
        assert!(!d.reason.is_empty(), "{text}: a verdict has its reason");
    }
}

#[test]
fn warnings_name_instability_and_masks_without_changing_the_verdict() {
    let text = "exp(a_i)/Z*(delta_ij - exp(a_j)/Z)";
    let r = check(&plain::parse(text).unwrap(), text, Claim::of(Of::Softmax), &config());
    assert!(r.decision.warnings.iter().any(|w| w.contains("overflows in f64")), "{:?}", r.decision.warnings);
    let text = "S_i*(delta_ij - S_j) + 0*a_j";
    let r = check(&plain::parse(text).unwrap(), text, Claim::of(Of::Softmax), &config());
    assert_eq!(r.decision.verdict, Verdict::Proved);
    assert!(r.decision.warnings.iter().any(|w| w.contains("not mask-safe")), "{:?}", r.decision.warnings);
    let text = "S_i*delta_ij - S_i*S_j";
    let r = check(&plain::parse(text).unwrap(), text, Claim::of(Of::Softmax), &config());
    assert!(r.decision.warnings.iter().any(|w| w.contains("numerically unstable")), "{:?}", r.decision.warnings);
}

#[test]
fn refutations_carry_the_residual_and_a_small_certified_input() {
    let text = "(delta_ij*exp(a_i)*Z - exp(a_i)*exp(a_j))/exp(a_j)^2";
    let r = check(&plain::parse(text).unwrap(), text, Claim::of(Of::Softmax), &config());
    let proof = r.decision.proof.as_ref().unwrap();
    assert_eq!(proof.residual.as_deref(), Some("(Z - x_i)^2 (Z + x_i) / (x_i Z^2)"));
    let c = r.decision.counterexample.as_ref().unwrap();
    assert!(c.a.len() <= 3 && c.a.iter().all(|x| x.fract() == 0.0 && x.abs() <= 2.0), "{:?}", c.a);
    assert!(c.certified_by.starts_with("exact"));
    let text = "S_i*(delta_ij - S_j) + 0.01*exp(-1000*(N-128)^2)";
    let c =
        check(&plain::parse(text).unwrap(), text, Claim::of(Of::Softmax), &config()).decision.counterexample.unwrap();
    assert!(c.certified_by.contains("interval arithmetic"), "{}", c.certified_by);
    assert!(c.a.len() <= 2 && c.a.iter().all(|x| x.fract() == 0.0), "shrunk: {:?}", c.a);
}

#[test]
fn parse_errors_point_at_the_offending_column() {
    for (text, column) in
        [("S_i*(delta_ij - S_j", 20), ("S_i ** 2", 6), ("S_i S_j", 5), ("S_k", 1), ("", 1), ("exp(", 5)]
    {
        let e = plain::parse(text).unwrap_err();
        assert_eq!(e.column, column, "{text:?}: {}", e.message);
        let caret_line = e.message.lines().nth(1).unwrap();
        assert_eq!(caret_line.find('^'), Some(column + 1), "{text:?}: caret under the column\n{}", e.message);
    }
}

#[test]
fn no_input_string_makes_the_parser_panic() {
    fn prop(text: String) -> bool {
        let _ = plain::parse(&text);
        let _ = dsoftmax::expr::latex::parse_row(&text);
        true
    }
    // Also strings built from the language's own pieces, which reach deeper into the grammar.
    fn pieces(parts: Vec<u8>) -> bool {
        const PIECES: [&str; 16] =
            ["S_i", "S_j", "a_i", "(", ")", "+", "-", "*", "/", "^", "exp", "1e-3", " ", "delta_ij", "Z", "."];
        let text: String = parts.iter().map(|&p| PIECES[usize::from(p) % PIECES.len()]).collect();
        if let Ok(e) = plain::parse(&text) {
            let env = dsoftmax::expr::eval::Env {
                s_i: 0.5,
                s_j: 0.25,
                a_i: 1.0,
                a_j: 2.0,
                delta: 0.0,
                n: 3.0,
                z: 10.0,
                c: 0.0,
            };
            let _ = dsoftmax::expr::eval::eval(&e, &env);
            let _ = dsoftmax::exact::normal_form(&e, dsoftmax::exact::Case::OffDiagonalMany);
        }
        true
    }
    let qc = || QuickCheck::new().rng(Gen::from_size_and_seed(40, 99)).tests(2000);
    qc().quickcheck(prop as fn(String) -> bool);
    qc().quickcheck(pieces as fn(Vec<u8>) -> bool);
}
