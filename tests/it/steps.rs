//! The reference post's derivation: every relation proved, each row of a
//! chain equal to the row above it numerically too, and the numeric evidence
//! of its final formula agreeing with the proofs.

use super::report;
use dsoftmax::derivation::Quantity;
use dsoftmax::expr::eval::{eval, At};
use dsoftmax::inputs::{self, DEFAULT_SEED};
use dsoftmax::tolerance;
use dsoftmax::verdict::{Agreement, Verdict};

#[test]
fn every_relation_of_the_reference_post_is_proved_by_the_exact_layer() {
    let r = report();
    assert!(r.lines.len() >= 20);
    for l in &r.lines {
        assert_eq!(l.decision.verdict, Verdict::Proved, "line {}: {}", l.found.line, l.decision.reason);
        assert!(l.decision.proof.is_some(), "line {}: decided by the exact layer", l.found.line);
    }
}

#[test]
fn the_numeric_evidence_agrees_with_the_proofs() {
    // The post's final formula agrees, in each case, with the exact reference
    // and every finite-difference scheme, and the exact reference with Richardson differences.
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
    let kronecker = r.lines.iter().rev().find(|l| l.found.latex.contains(r"\delta_{ij} - S_j")).unwrap();
    assert!(r.cases.iter().filter(|c| c.case.is_some()).all(|c| c.line == Some(kronecker.found.line)));
}

#[test]
fn each_row_of_a_chain_equals_the_row_above_numerically_on_generated_inputs() {
    let suite = inputs::suite(DEFAULT_SEED + 1, 300);
    let lines = &report().lines;
    let value = |k: usize| {
        dsoftmax::derivation::claimed(&lines[k].found.reading, lines[k].found.quantity).ok().and_then(|mut m| m.pop())
    };
    let mut compared = 0usize;
    for k in 1..lines.len() {
        let (row, above) = (&lines[k], &lines[k - 1]);
        if !row.found.continues || row.found.quantity != Quantity::Derivative {
            continue;
        }
        let (Some(this), Some(prev)) = (value(k), value(k - 1)) else { continue };
        for a in &suite {
            let at = At::new(a, 0.0);
            for i in 0..a.len() {
                for j in (0..a.len()).filter(|&j| row.found.scope.contains(i, j)) {
                    let (Some(x), Some(y)) = (eval(&this, &at.env(i, j)), eval(&prev, &at.env(i, j))) else {
                        continue;
                    };
                    if !(x.is_finite() && y.is_finite()) {
                        continue; // an e^{a_k} overflows in f64: the proof covers it, f64 cannot
                    }
                    assert!(
                        tolerance::within((x.value - y.value).abs(), tolerance::between(x, y)),
                        "line {} ≠ line {} at a = {a}, i = {}, j = {}: {x:?} vs {y:?}",
                        row.found.line,
                        above.found.line,
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
