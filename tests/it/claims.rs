use super::report;
use dsoftmax::verdict::Verdict;

/// The article's claims that the verifier refutes, and why (see the closing note).
const REFUTED: &[&str] = &[
    "example",       // S_3 = 0.936… prints 0.94 at two decimals, not 0.93
    "overflow-demo", // the naive line returns [0, 0, NaN]; nothing crashes
    "quotient-rule", // the denominator is h², not h'²
];

/// The claims about the derivation, proved exactly.
const PROVED: &[&str] =
    &["jacobian-layout", "g-prime", "h-prime", "case-i-eq-j", "case-i-ne-j", "final-equation", "kronecker"];

#[test]
fn every_claim_has_its_pinned_verdict() {
    let r = report();
    assert_eq!(r.claims.len(), 19);
    for c in &r.claims {
        let expected = if REFUTED.contains(&c.id) {
            Verdict::Refuted
        } else if PROVED.contains(&c.id) {
            Verdict::Proved
        } else {
            Verdict::Holds
        };
        assert_eq!(c.verdict, expected, "{}: {}", c.id, c.detail);
    }
    assert_eq!((r.counts.proved, r.counts.holds, r.counts.refuted, r.counts.undecided), (7, 9, 3, 0));
}

#[test]
fn claims_about_the_derivation_quote_the_step_table() {
    for claim in dsoftmax::claims::all().iter().filter(|c| !c.quotes.is_empty()) {
        assert!(claim.statement.is_empty(), "{}: one copy of each line", claim.id);
        for id in claim.quotes {
            let step = dsoftmax::derivation::step(id).unwrap_or_else(|| panic!("{}: no step {id}", claim.id));
            assert!(claim.text().contains(step.latex.trim().trim_end_matches("\\\\").trim()), "{id}");
        }
    }
}

#[test]
fn every_refuted_claim_has_a_counterexample_and_a_correction() {
    for c in report().claims.iter().filter(|c| c.verdict == Verdict::Refuted) {
        assert!(c.counterexample.is_some(), "{}", c.id);
        assert!(c.correction.as_deref().is_some_and(|s| !s.is_empty()), "{}", c.id);
    }
}

#[test]
fn the_quotient_rule_counterexample_is_the_simplest_one() {
    let c = report().claim("quotient-rule").unwrap();
    let ce = c.counterexample.as_ref().unwrap();
    // a = (0, 0): the rule as written gives 1 where ∂S₁/∂a₁ = ¼.
    assert_eq!(ce["a"], serde_json::json!([0.0, 0.0]));
    assert_eq!((ce["i"].as_u64(), ce["j"].as_u64()), (Some(1), Some(1)));
    assert_eq!(ce["claimed"].as_f64(), Some(1.0));
    assert_eq!(ce["reference"].as_f64(), Some(0.25));
    assert!(c.correction.as_deref().unwrap().contains("h(x)^2"));
}

#[test]
fn the_worked_example_is_refuted_on_its_third_value() {
    let c = report().claim("example").unwrap();
    let ce = c.counterexample.as_ref().unwrap();
    assert_eq!(ce["i"].as_u64(), Some(3));
    assert!(c.correction.as_deref().unwrap().contains("[0,017 0,047 0,936]"), "three decimals sum to 1");
    assert!(c.detail.contains("is 0,94, not 0,93"), "{}", c.detail);
}

#[test]
fn the_overflow_demo_says_plainly_what_f64_gives() {
    let c = report().claim("overflow-demo").unwrap();
    assert!(c.detail.contains("[0, 0, NaN]"), "{}", c.detail);
    assert!(c.detail.contains("Nothing crashes"));
}

#[test]
fn claims_where_f64_and_the_reals_differ_say_so() {
    let r = report();
    let range = r.claim("range").unwrap();
    assert!(range.detail.contains("underflows to 0"), "{}", range.detail);
    assert!(range.detail.contains("rounds to exactly 1"), "{}", range.detail);
    assert!(r.claim("order").unwrap().detail.contains("In f64 strict order can collapse"));
}
