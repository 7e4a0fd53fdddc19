//! The built binary, run as a user runs it.

use std::process::{Command, Output};

fn dsoftmax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsoftmax"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn verify_prints_every_claim_and_exits_1_because_the_article_has_refuted_claims() {
    let out = dsoftmax(&["verify", "--count", "50"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for claim in dsoftmax::claims::all() {
        assert!(text.contains(claim.id), "missing claim {}", claim.id);
    }
    for step in dsoftmax::derivation::STEPS {
        assert!(text.contains(step.id), "missing step {}", step.id);
    }
    assert!(text.contains("[REFUTED] quotient-rule"));
    assert!(text.contains("16 claims hold, 3 refuted."));
}

#[test]
fn verify_json_has_the_documented_shape() {
    let out = dsoftmax(&["verify", "--json", "--count", "50"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 19);
    for c in claims {
        for key in [
            "id",
            "section",
            "statement",
            "verdict",
            "detail",
            "counterexample",
        ] {
            assert!(c.get(key).is_some(), "claim lacks {key}");
        }
        assert!(matches!(c["verdict"].as_str(), Some("holds" | "refuted")));
    }
    for s in v["steps"].as_array().unwrap() {
        for key in ["id", "latex", "verdict", "max_error", "tolerance", "inputs"] {
            assert!(s.get(key).is_some(), "step lacks {key}");
        }
    }
    assert_eq!(v["holds"].as_u64(), Some(16));
    assert_eq!(v["refuted"].as_u64(), Some(3));
}

#[test]
fn a_usage_error_exits_2_with_a_message() {
    for args in [
        &["verify", "--count", "many"][..],
        &["frobnicate"][..],
        &[][..],
    ] {
        let out = dsoftmax(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}
