use super::report;
use dsoftmax::derivation::{Quantity, STEPS};
use dsoftmax::expr::eval::{eval, At};
use dsoftmax::inputs::{self, DEFAULT_SEED};
use dsoftmax::tolerance;
use dsoftmax::verdict::{Agreement, Verdict};

#[test]
fn every_line_is_proved_except_the_quotient_rule_as_written() {
    for s in &report().steps {
        let expected = if s.id == "quotient-rule" { Verdict::Refuted } else { Verdict::Proved };
        assert_eq!(s.decision.verdict, expected, "{}: {}", s.id, s.decision.reason);
        assert!(s.decision.proof.is_some(), "{}: decided by the exact layer", s.id);
    }
    let rule = report().step("quotient-rule").unwrap();
    assert_eq!(rule.decision.proof.as_ref().unwrap().residual.as_deref(), Some("(Z - x_i)^2 (Z + x_i) / (x_i Z^2)"));
    let c = rule.decision.counterexample.as_ref().unwrap();
    assert_eq!((c.a.as_slice(), c.i, c.j, c.claimed, c.reference), (&[0.0, 0.0][..], 1, 1, 1.0, 0.25));
}

#[test]
fn the_numeric_evidence_agrees_with_the_proofs() {
    // Proved lines: the final formula agrees with the exact reference and every
    // finite-difference scheme, and the exact reference with Richardson differences.
    let r = report();
    assert_eq!(r.cases.len(), 9);
    for c in &r.cases {
        assert_eq!(
            c.evidence.agreement,
            Agreement::Agrees,
            "{} {:?} vs {}: {:?}",
            c.what,
            c.case,
            c.evidence.against,
            c.evidence.counterexample
        );
        assert!(c.evidence.entries > 10_000);
    }
}

#[test]
fn each_proved_line_equals_the_line_it_follows_numerically_on_generated_inputs() {
    let suite = inputs::suite(DEFAULT_SEED + 1, 300);
    let value = |id: &str| dsoftmax::derivation::step(id).unwrap().value().unwrap();
    let values: std::collections::HashMap<&str, dsoftmax::expr::Expr> =
        STEPS.iter().map(|s| (s.id, value(s.id))).collect();
    let mut compared = 0usize;
    for a in &suite {
        let at = At::new(a, 0.0);
        for step in STEPS.iter().filter(|s| s.quantity == Quantity::Derivative && s.id != "quotient-rule") {
            let this = &values[step.id];
            for i in 0..a.len() {
                for j in (0..a.len()).filter(|&j| step.scope.contains(i, j)) {
                    let Some(prev) = step.follows.at(i, j).and_then(dsoftmax::derivation::step) else {
                        continue;
                    };
                    let (Some(x), Some(y)) = (eval(this, &at.env(i, j)), eval(&values[prev.id], &at.env(i, j))) else {
                        continue;
                    };
                    if !(x.is_finite() && y.is_finite()) {
                        continue; // an e^{a_k} overflows in f64: the proof covers it, f64 cannot
                    }
                    assert!(
                        tolerance::within((x.value - y.value).abs(), tolerance::between(x, y)),
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
    assert!(compared > 50_000, "{compared}");
}

#[test]
fn the_quotient_rule_as_written_differs_from_the_line_it_claims_to_give() {
    let a = dsoftmax::Logits::new(vec![1.0, 2.0, 5.0]).unwrap();
    let at = At::new(&a, 0.0);
    let rule = dsoftmax::derivation::step("quotient-rule").unwrap().value().unwrap();
    let line = dsoftmax::derivation::step("diag-1").unwrap().value().unwrap();
    let (x, y) = (eval(&rule, &at.env(0, 0)).unwrap(), eval(&line, &at.env(0, 0)).unwrap());
    assert!(!tolerance::within((x.value - y.value).abs(), tolerance::between(x, y)));
}
