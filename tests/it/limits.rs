//! Hostile and extreme inputs: every one ends in a clear exit-2 error naming
//! the limit, or works — never a crash (issue 8's repros).

use std::io::Read;
use std::process::{Command, Output, Stdio};

fn dsoftmax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsoftmax")).args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn deep_nesting_is_an_error_naming_the_limit_not_a_stack_overflow() {
    for formula in [
        format!("{}S_i{}", "(".repeat(13_400), ")".repeat(13_400)),
        format!("{}S_i", "-".repeat(19_300)),
        format!("S_i{}", "^2".repeat(19_200)),
        format!("{}S_i{}", "exp(".repeat(13_300), ")".repeat(13_300)),
        format!("{}S_i{}", "(".repeat(100), ")".repeat(100)),
        format!("{}S_i", "-".repeat(100)),
        vec!["S_i"; 1000].join("+"),
    ] {
        let o = dsoftmax(&["check", &formula]);
        assert_eq!(o.status.code(), Some(2), "{}", &formula[..40.min(formula.len())]);
        let e = stderr(&o);
        assert!(e.contains("the limit") && e.lines().count() <= 4, "{e}");
    }
}

#[test]
fn huge_counts_are_refused_with_the_limit() {
    for args in
        [&["check", "S_i", "--samples", "18446744073709551615"][..], &["verify", "--count", "18446744073709551615"][..]]
    {
        let o = dsoftmax(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("limit of 4000"), "{}", stderr(&o));
    }
    let big = vec!["1"; 65_000].join(",");
    let o = dsoftmax(&["jacobian", "--at", &big]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most N = 1024"), "{}", stderr(&o));
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error() {
    let many = (1..=300).map(|k| k.to_string()).collect::<Vec<_>>().join(",");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsoftmax"))
        .args(["jacobian", "--at", &many])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 16];
    child.stdout.take().expect("piped").read_exact(&mut first).expect("some output");
    // The reader goes away after 16 bytes.
    let o = child.wait_with_output().expect("ends");
    assert!(o.status.code().is_some(), "not killed by a signal");
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let o = Command::new(env!("CARGO_BIN_EXE_dsoftmax"))
            .args(["softmax", "--at", "1,2,5"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("cannot write to standard output"), "{}", stderr(&o));
    }
}

#[test]
fn lists_in_french_notation_and_overflowing_literals() {
    let o = dsoftmax(&["softmax", "--at", "0,5 1,5 3,0", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["a"], serde_json::json!([0.5, 1.5, 3.0]), "decimal commas in a space-separated list");
    for (at, message) in [("1e309", "overflows f64"), ("-1e309,0", "overflows f64"), ("1,5, 2", "decimal commas")] {
        let o = dsoftmax(&["softmax", "--at", at]);
        assert_eq!(o.status.code(), Some(2), "{at}");
        assert!(stderr(&o).contains(message), "{at}: {}", stderr(&o));
    }
    let o = dsoftmax(&["softmax", "--at", "1e300,0"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("1e300") && !text.contains("0000000000"), "{text}");
}

#[test]
fn formula_errors_name_the_unknown_name_and_the_line() {
    for (formula, message) in [
        ("log(S_i)", "unknown name `log` (use `ln`)"),
        ("S_m", "unknown name `S_m`"),
        ("S_k", "S_k belong inside sum(…)"),
        ("δ_ij - S_j", "use `delta_ij`"),
    ] {
        let o = dsoftmax(&["check", formula]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(message), "{formula}: {}", stderr(&o));
    }
    let o = dsoftmax(&["check", "S_i *\n\t(delta_ij -"]);
    let e = stderr(&o);
    assert!(e.contains("line 2"), "{e}");
    let caret = e.lines().find(|l| l.contains('^')).unwrap();
    assert!(caret.starts_with("  \t"), "the caret line keeps the tab: {caret:?}");
}

#[test]
fn a_usage_error_prints_one_message() {
    let o = dsoftmax(&["verify", "--count", "many"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).matches("error").count(), 1, "{}", stderr(&o));
}
