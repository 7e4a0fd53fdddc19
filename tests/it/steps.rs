use super::report;
use dsoftmax::derivation::{Point, Quantity, STEPS};
use dsoftmax::inputs::{self, DEFAULT_SEED};
use dsoftmax::numeric::Bounded;
use dsoftmax::tolerance;
use dsoftmax::verdict::Verdict;

#[test]
fn every_line_holds_except_the_quotient_rule_as_written() {
    for s in &report().steps {
        let expected = if s.id == "quotient-rule" { Verdict::Refuted } else { Verdict::Holds };
        assert_eq!(s.evidence.verdict, expected, "{}: {:?}", s.id, s.evidence.counterexample);
        assert!(s.evidence.inputs >= 1000 && s.evidence.entries >= s.evidence.inputs, "{}", s.id);
    }
}

#[test]
fn each_line_equals_the_line_it_follows_on_every_generated_input() {
    let suite = inputs::suite(DEFAULT_SEED + 1, 1000);
    let derivative = |q| matches!(q, Quantity::JacobianEntry | Quantity::Derivative);
    let mut compared = 0usize;
    for a in &suite {
        let p: Point<Bounded> = Point::new(a);
        for step in STEPS.iter().filter(|s| derivative(s.quantity) && s.id != "quotient-rule") {
            for i in 0..a.len() {
                for j in (0..a.len()).filter(|&j| step.scope.contains(i, j)) {
                    let Some(prev) = step.follows.at(i, j) else {
                        continue;
                    };
                    let prev = dsoftmax::derivation::step(prev).unwrap();
                    let (x, y) = (step.formula.eval(&p, i, j), prev.formula.eval(&p, i, j));
                    let tol = tolerance::between(x, y);
                    assert!(
                        tolerance::within((x.value - y.value).abs(), tol),
                        "{} ≠ {} at a = {a}, i = {}, j = {}: {x:?} vs {y:?}",
                        step.id,
                        prev.id,
                        i + 1,
                        j + 1
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100_000, "{compared}");
}

#[test]
fn both_cases_hold_against_the_exact_reference_and_every_finite_difference() {
    let r = report();
    assert_eq!(r.cases.len(), 8);
    for c in &r.cases {
        assert_eq!(
            c.evidence.verdict,
            Verdict::Holds,
            "{:?} vs {}: {:?}",
            c.case,
            c.evidence.against,
            c.evidence.counterexample
        );
        assert!(c.evidence.entries > 10_000);
    }
}

#[test]
fn the_quotient_rule_as_written_differs_from_the_line_it_claims_to_give() {
    let a = dsoftmax::Logits::new(vec![1.0, 2.0, 5.0]).unwrap();
    let p: Point<Bounded> = Point::new(&a);
    let rule = dsoftmax::derivation::step("quotient-rule").unwrap();
    let line = dsoftmax::derivation::step("diag-1").unwrap();
    let (x, y) = (rule.formula.eval(&p, 0, 0), line.formula.eval(&p, 0, 0));
    assert!(!tolerance::within((x.value - y.value).abs(), tolerance::between(x, y)));
}
