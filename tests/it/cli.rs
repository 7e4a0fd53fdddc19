//! The built binary, run as a user runs it.

use std::process::{Command, Output};

fn dsoftmax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsoftmax")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn verify_without_a_path_reads_the_reference_post_and_exits_0() {
    let out = dsoftmax(&["verify", "--count", "50", "--lang", "en"]);
    let text = stdout(&out);
    // Everything is read, and proved or holds.
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("[REFUTED]"), "{text}");
    assert!(text.contains("posts/softmax-jacobian.fr.md:"), "findings at FILE:LINE");
    for kind in ["order", "example", "overflow-demo", "shifted-logits", "printed-result", "shift-choice"] {
        assert!(text.contains(&format!(" {kind} — ")), "missing claim kind {kind}");
    }
    assert!(text.contains("Numeric evidence on 67 inputs"), "{text}");
    // The reference post says `lang: fr`: without --lang, all in French, numbers the French way.
    let out = dsoftmax(&["verify", "--count", "50"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for said in ["Rien de réfuté.", "Affirmations\n", " L'exemple chiffré — ", "Vérification numérique sur 67 entrées"]
    {
        assert!(text.contains(said), "{said}: {text}");
    }
    for english in ["evidence:", "Claims", "Numeric evidence", "[proved]", "exactly"] {
        assert!(!text.contains(english), "{english} in the French text: {text}");
    }
    assert!(text.contains("[0,062890\u{a0}; 0,170953\u{a0}; 0,766157]"), "{text}");
}

#[test]
fn verify_json_has_the_documented_shape() {
    let dir = std::env::temp_dir().join(format!("dsoftmax-cli-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let post = dir.join("post.md");
    let text = dsoftmax::verify::REFERENCE_POST.replacen("{h(x)^2}", "{h'(x)^2}", 1).replacen("0,766]", "0,765]", 1);
    std::fs::write(&post, text).unwrap();
    let out = dsoftmax(&["verify", "--json", "--count", "20", post.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    for c in v["claims"].as_array().unwrap() {
        for key in ["id", "line", "statement", "verdict", "detail", "counterexample", "correction", "fix"] {
            assert!(c.get(key).is_some(), "claim lacks {key}");
        }
        assert!(c["line"].as_u64().is_some_and(|l| l >= 1));
        assert!(matches!(c["verdict"].as_str(), Some("proved" | "holds" | "refuted" | "undecided")));
    }
    for l in v["lines"].as_array().unwrap() {
        for key in ["line", "latex", "verdict", "reason", "proof", "counterexample"] {
            assert!(l.get(key).is_some(), "line lacks {key}");
        }
    }
    let rule = v["lines"].as_array().unwrap().iter().find(|l| l["verdict"] == "refuted").unwrap();
    assert_eq!(rule["proof"]["residual"], "(Z - x_i)^2 (Z + x_i) / (x_i Z^2)");
    assert!(rule["correction"].as_str().unwrap().contains("{h(x)^2}"));
    assert_eq!(v["counts"]["refuted"].as_u64(), Some(1));
    assert_eq!(v["line_counts"]["refuted"].as_u64(), Some(1));
    for key in ["title", "cases", "unread", "notes", "verdict", "coverage", "axiom", "seed", "inputs"] {
        assert!(v.get(key).is_some(), "report lacks {key}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_usage_error_exits_2_with_a_message() {
    for args in [&["verify", "--count", "many"][..], &["frobnicate"][..], &[][..]] {
        let out = dsoftmax(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

#[test]
fn softmax_prints_s_and_the_naive_formula() {
    let o = dsoftmax(&["softmax", "--at", "123,456,789", "--naive", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["a"], serde_json::json!([123.0, 456.0, 789.0]));
    assert_eq!(v["naive"], serde_json::json!([0.0, 0.0, "NaN"]));
    assert_eq!(v["softmax"][2].as_f64(), Some(1.0));
    let text = stdout(&dsoftmax(&["softmax", "--at", "0 1 4"]));
    assert!(text.contains("S_3 = 9.362395518765058e-1"), "{text}");
}

#[test]
fn lists_may_start_with_a_negative_number_or_a_mask() {
    for at in ["-1,2,5", "-inf,0", "-1 -2"] {
        let o = dsoftmax(&["softmax", "--at", at, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{at}: {}", String::from_utf8_lossy(&o.stderr));
    }
    let v = json(&dsoftmax(&["softmax", "--at", "-inf,0", "--json"]));
    assert_eq!(v["a"], serde_json::json!(["-inf", 0.0]));
    assert_eq!(v["softmax"], serde_json::json!([0.0, 1.0]));
}

#[test]
fn bad_lists_exit_2_pointing_at_the_item() {
    for (at, needle) in [
        ("1,x,3", "\"x\" (item 2"),
        ("1,,nan", "a_2 is NaN"),
        ("inf", "+inf"),
        ("-inf", "every logit is -inf"),
        ("", "empty"),
    ] {
        let o = dsoftmax(&["softmax", "--at", at]);
        assert_eq!(o.status.code(), Some(2), "{at:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{at:?}: {err}");
    }
}

#[test]
fn jacobian_json_has_the_documented_shape_for_every_method() {
    for method in ["analytic", "forward", "central", "richardson", "complex-step", "exact"] {
        let o = dsoftmax(&["jacobian", "--at", "0,0", "--method", method, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{method}");
        let v = json(&o);
        assert_eq!(v["method"], method);
        assert_eq!(v["softmax"], serde_json::json!([0.5, 0.5]));
        let j = v["jacobian"].as_array().unwrap();
        assert_eq!(j.len(), 2);
        // Forward differences: truncation h/2·|S''| + rounding 2u/h at h = √u, about 1.5e-8.
        let tol = if method == "forward" { 3e-8 } else { 1e-9 };
        assert!((j[0][0].as_f64().unwrap() - 0.25).abs() < tol, "{method}: {v}");
        assert!((j[1][0].as_f64().unwrap() + 0.25).abs() < tol, "{method}: {v}");
    }
    assert_eq!(dsoftmax(&["jacobian", "--at", "0,0", "--method", "magic"]).status.code(), Some(2));
}

#[test]
fn explain_walks_the_reference_posts_lines_for_both_cases_by_default() {
    let o = dsoftmax(&["explain"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    // At the post's own example, one entry in each case.
    assert!(text.contains("at a = [0.5, 1.5, 3], i = 1, j = 1 (case i = j)"), "{text}");
    assert!(text.contains("i = 1, j = 2 (case i ≠ j)"));
    assert!(text.contains(r"S_i(\delta_{ij} - S_j)") && text.contains("equal within rounding"));
    assert!(!text.contains("DIFFERS"), "every row of the reference post follows from the row above");
    let entry = stdout(&dsoftmax(&["explain", "--i", "2", "--j", "3"]));
    assert!(entry.contains("i = 2, j = 3"));
    assert_eq!(dsoftmax(&["explain", "--i", "4", "--j", "1"]).status.code(), Some(2));
    assert_eq!(dsoftmax(&["explain", "--i", "1"]).status.code(), Some(2));
}

#[test]
fn check_exit_codes_json_and_a_formula_starting_with_minus() {
    let proved = dsoftmax(&["check", "--samples", "50", "--json", "S_i*(delta_ij - S_j)"]);
    assert_eq!(proved.status.code(), Some(0));
    let v = json(&proved);
    for key in ["verdict", "reason", "formula", "read_as", "of", "proof", "counterexample", "numeric", "warnings"] {
        assert!(v.get(key).is_some(), "check JSON lacks {key}");
    }
    assert_eq!(v["verdict"], "proved");
    assert_eq!(v["proof"]["cases"].as_array().map(Vec::len), Some(4));
    assert!(v["counterexample"].is_null());

    let holds = dsoftmax(&["check", "--samples", "20", "S_i*(delta_ij - S_j)*(1 + 0*exp(a_i^2))"]);
    assert_eq!(holds.status.code(), Some(0), "outside the exact fragment, numerically certified");
    assert!(stdout(&holds).contains("verdict: HOLDS"), "{}", stdout(&holds));

    let refuted = dsoftmax(&["check", "-S_i*S_j", "--samples", "50", "--json"]);
    assert_eq!(refuted.status.code(), Some(1), "{}", String::from_utf8_lossy(&refuted.stderr));
    let v = json(&refuted);
    assert_eq!(v["verdict"], "refuted");
    assert_eq!(v["counterexample"]["i"], v["counterexample"]["j"], "wrong on the diagonal");

    let undecided = dsoftmax(&["check", "--samples", "5", "S_i*(delta_ij - S_j)*(1 + 0*exp(exp(a_i^2)))"]);
    assert_eq!(undecided.status.code(), Some(3), "e^(e^(a²)) overflows every arithmetic: {}", stdout(&undecided));
    assert!(stdout(&undecided).contains("verdict: UNDECIDED"));

    let bad = dsoftmax(&["check", "S_i*(delta_ij - S_j"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains('^'));
}

/// `verify` shows each line's case in the post's own letters (`(q ≠ r)`), and
/// a diagonal left side as a diagonal entry.
#[test]
fn verify_shows_cases_in_the_posts_letters() {
    let dir = std::env::temp_dir().join(format!("dsoftmax-cli-letters-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let post = dir.join("post.md");
    std::fs::write(
        &post,
        "T\n\n$$\\sigma_q = \\frac{e^{z_q}}{\\sum_k e^{z_k}}$$\n\n$$\\frac{\\partial \\sigma_q}{\\partial z_r} = -\\sigma_q \\sigma_r \\quad (r \\neq q)$$\n\n$$\\frac{\\partial \\sigma_q}{\\partial z_q} = \\sigma_q(1 - \\sigma_q)$$\n",
    )
    .unwrap();
    let o = dsoftmax(&["verify", "--count", "0", "--lang", "en", post.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(text.contains(r"(r \neq q) (q ≠ r)"), "{text}");
    assert!(text.contains(r"\sigma_q(1 - \sigma_q) (a diagonal entry)"), "{text}");
    assert_eq!(o.status.code(), Some(0), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_speaks_the_family_with_its_cases_labels_and_latex() {
    let run = |args: &[&str]| {
        let o = dsoftmax(&[&["check", "--samples", "20"], args].concat());
        (o.status.code(), stdout(&o), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (code, text, _) = run(&["--of", "cross-entropy", "S_j - y_j"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("assuming the labels sum to 1"), "{text}");
    let (code, text, _) = run(&["--of", "cross-entropy", "--labels", "any", "S_j - y_j"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(", y = ["), "the counterexample states its labels: {text}");
    // One-hot labels at the class i: the gradient S_j - δ_ij, and S_j - 1 for the class's own logit.
    assert_eq!(run(&["--of", "cross-entropy", "--labels", "one-hot", "S_j - delta_ij"]).0, Some(0));
    assert_eq!(run(&["--of", "cross-entropy", "--labels", "one-hot", "--case", "i=j", "S_j - 1"]).0, Some(0));
    assert_eq!(run(&["--of", "cross-entropy", "--labels", "one-hot", "S_j - 1"]).0, Some(1));
    let (code, text, _) = run(&["--of", "temperature", "q_i*(delta_ij - q_j)"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains(", T = 2"), "the counterexample states its temperature: {text}");
    assert_eq!(run(&["--case", "i=j", "S_i*(1 - S_i)"]).0, Some(0));
    assert_eq!(run(&["--case", "i!=j", "S_i*(1 - S_i)"]).0, Some(1));
    assert_eq!(run(&["--of", "sigmoid", "sigmoid(x)*(1 - sigmoid(x))"]).0, Some(0));
    assert_eq!(run(&["--latex", "--of", "log-softmax", r"\delta_{ij} - \frac{e^{a_j}}{\sum_k e^{a_k}}"]).0, Some(0));
    // Usage errors: exit 2 with the choices named.
    let (code, _, err) = run(&["--of", "entropy", "S_j"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cross-entropy") && err.contains("sigmoid"), "{err}");
    assert_eq!(run(&["--of", "sigmoid", "--case", "i!=j", "0"]).0, Some(2));
    assert_eq!(run(&["--labels", "some", "S_j"]).0, Some(2));
    assert_eq!(run(&["--latex", r"\frac{1}{"]).0, Some(2));
}

/// `verify` puts what to fix first: each refuted finding at its FILE:LINE with one
/// sentence of evidence and its fix, before the details.
#[test]
fn verify_lists_what_to_fix_first() {
    let dir = std::env::temp_dir().join(format!("dsoftmax-cli-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let post = dir.join("post.md");
    let text = "# D\n\n$$S_i = \\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k}}$$\n\n\
                $$f'(x)= \\frac{g'(x)h(x)-h'(x)g(x)}{h'(x)^2}$$\n";
    std::fs::write(&post, text).unwrap();
    let out = dsoftmax(&["verify", "--count", "0", "--lang", "en", post.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let fix = text.find("To fix (1):").expect("the section");
    assert!(fix < text.find("\nClaims").unwrap(), "{text}");
    assert!(text[fix..].contains("post.md:5: relation — ") && text[fix..].contains("fix: "), "{text}");
    // The definition of softmax is marked as one, not as a proved step; in JSON too.
    assert!(text.contains("post.md:3: [definition] S_i = "), "{text}");
    // In French (the default for a post that does not say its language): the same, in French words.
    let text = stdout(&dsoftmax(&["verify", "--count", "0", post.to_str().unwrap()]));
    let fix = text.find("À corriger (1)\u{a0}:").or_else(|| text.find("À corriger (1) :")).expect("the section");
    assert!(fix < text.find("\nAffirmations").unwrap(), "{text}");
    assert!(text[fix..].contains("post.md:5: relation — la différence avec la cible vaut "), "{text}");
    assert!(text.contains("post.md:3: [définition] S_i = ") && text.contains("correction : "), "{text}");
    assert!(
        text.contains("contre-exemple : a = [0\u{a0}; 0], i = 1, j = 1") && text.contains("la ligne donne 1"),
        "{text}"
    );
    assert!(text.contains("vraie valeur   0,25"), "{text}");
    let json = stdout(&dsoftmax(&["verify", "--count", "0", "--json", post.to_str().unwrap()]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let definitions: Vec<u64> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["definition"] == true)
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(definitions, [3]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `verify`'s language by default: the post's front matter `lang:`, else the language of
/// its prose when clear, else French; `--lang` overrides it.
#[test]
fn verify_speaks_the_posts_language_unless_told() {
    let dir = std::env::temp_dir().join(format!("dsoftmax-cli-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let math = "$$S_i = \\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k}}$$\n";
    let english = "We write the softmax of the logits, and this is the function that the network uses for the \
                   output of the last layer; it is smooth and we take its derivative with respect to the inputs.\n\n";
    let french = "On écrit la fonction softmax des logits : elle est dans la dernière couche, et on dérive la \
                  fonction pour les entrées du réseau ; le calcul est le même dans tous les cas, et des \
                  exemples suivent une fois la dérivée obtenue.\n\n";
    let posts = [
        ("front-en.md", format!("---\nlang: en-US\n---\n{french}{math}"), "the claims and the derivation"),
        ("front-fr.md", format!("---\nlang: fr\n---\n{english}{math}"), "les affirmations et la dérivation"),
        ("prose-en.md", format!("{english}{math}"), "the claims and the derivation"),
        ("prose-fr.md", format!("{french}{math}"), "les affirmations et la dérivation"),
        ("neither.md", math.to_string(), "les affirmations et la dérivation"),
    ];
    for (name, text, says) in posts {
        let post = dir.join(name);
        std::fs::write(&post, text).unwrap();
        let out = stdout(&dsoftmax(&["verify", "--count", "0", post.to_str().unwrap()]));
        assert!(out.contains(says), "{name}: {out}");
        let told = stdout(&dsoftmax(&["verify", "--count", "0", "--lang", "en", post.to_str().unwrap()]));
        assert!(told.contains("the claims and the derivation"), "{name} with --lang en: {told}");
    }
    assert_eq!(dsoftmax(&["verify", "--lang", "de"]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
