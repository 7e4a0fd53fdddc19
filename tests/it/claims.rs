//! Our reference post: correct as written (nothing refuted, every claim
//! decided from its own text), and one wrong variant per kind of claim, each
//! refuted at the line it changes — the negative control of every check.

use dsoftmax::claims::Kind;
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{ArticleReport, REFERENCE_POST, REFERENCE_POST_EN};

/// The post decided with its code's claims computed by the tool, not run (the same on
/// every machine; the code run is `code_run.rs`'s).
fn read_and_decide(post: &str) -> ArticleReport {
    dsoftmax::verify::read_and_decide_with(post, &dsoftmax::python::Choice::Off)
}

/// The 1-based line of `post` holding `needle` (exactly one).
fn line_of(post: &str, needle: &str) -> usize {
    let lines: Vec<usize> = post.lines().enumerate().filter(|(_, l)| l.contains(needle)).map(|(k, _)| k + 1).collect();
    assert_eq!(lines.len(), 1, "{needle:?} should be on exactly one line: {lines:?}");
    lines[0]
}

#[test]
fn the_reference_post_is_right_in_both_languages_and_decided_from_its_text() {
    for post in [REFERENCE_POST, REFERENCE_POST_EN] {
        let r = read_and_decide(post);
        assert!(r.refuted_lines().is_empty(), "{:?}", r.refuted_lines());
        assert!(r.coverage.complete() && r.unread.is_empty(), "every relation read and decided: {:?}", r.unread);
        assert!(r.lines.iter().all(|l| l.decision.verdict == Verdict::Proved), "every relation read is proved");
        let kinds: Vec<Kind> = r.claims.iter().map(|c| c.id).collect();
        for kind in [
            Kind::Order,
            Kind::ShiftChoice,
            Kind::Example,
            Kind::OverflowDemo,
            Kind::ShiftedLogits,
            Kind::PrintedResult,
            Kind::JacobianLayout,
        ] {
            assert!(kinds.contains(&kind), "{kind:?} found in the reference post: {kinds:?}");
        }
        assert!(r.claims.iter().all(|c| c.verdict.is_true()), "{:?}", r.claims);
        assert!(r.title.is_some());
    }
}

/// One wrong variant per kind of claim: (what the reference post writes, the wrong text).
const WRONG: &[(&str, &str)] = &[
    // The definition.
    (r"S_i = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k}}$$", r"S_i = \frac{e^{a_i}}{\sum_{k=1}^{N} e^{a_k} + 1}$$"),
    // The range: S_i = 1 when N = 1.
    (r"$$0 < S_i \le 1$$", r"$$0 < S_i < 1$$"),
    // The sum.
    (r"\sum_{i=1}^{N} S_i = 1", r"\sum_{i=1}^{N} S_i = 2"),
    // The order, in prose and in math.
    ("l'ordre des $a_i$ est conservé", "l'ordre des $a_i$ n'est pas conservé"),
    (r"\implies S_i < S_j", r"\implies S_i > S_j"),
    // The Jacobian written out, its first row transposed.
    (r"D_1S_1 & D_2S_1 & \cdots & D_NS_1", r"D_1S_1 & D_1S_2 & \cdots & D_1S_N"),
    // Shift invariance.
    (r"{\sum_{k=1}^{N} e^{a_k + c}}", r"{\sum_{k=1}^{N} e^{a_k}}"),
    // The choice of the shift.
    (r"m = \max_k a_k", r"m = -\max_k a_k"),
    // The worked example.
    ("0,766]", "0,767]"),
    // The code's comments and printed output.
    ("# aucun plantage", "# plante la machine,"),
    ("array([-5., -3., 0.])", "array([-5., -2., 0.])"),
    ("0.94649912", "0.94649921"),
    // The quotient rule, a row of a chain, the final form.
    (r"{h(x)^2}", r"{h'(x)^2}"),
    (r"&= S_i(1 - S_i)", r"&= S_i(1 + S_i)"),
    (r"D_jS_i = S_i(\delta_{ij} - S_j)", r"D_jS_i = S_i(\delta_{ij} + S_j)"),
];

#[test]
fn each_kind_of_claim_made_wrong_is_refuted_at_its_line_and_only_there() {
    for (right, wrong) in WRONG {
        let line = line_of(REFERENCE_POST, right);
        let post = REFERENCE_POST.replacen(right, wrong, 1);
        let r = read_and_decide(&post);
        assert_eq!(r.refuted_lines(), vec![line], "{right:?} → {wrong:?}");
        let counterexample = r.claims.iter().filter(|c| c.line == line).any(|c| c.counterexample.is_some())
            || r.lines.iter().filter(|l| l.found.line == line).any(|l| l.decision.counterexample.is_some());
        assert!(counterexample, "{wrong:?}: refuted with a counterexample");
    }
}

#[test]
fn refuted_claims_say_what_the_post_computes_and_correct_it_in_place() {
    let post = REFERENCE_POST.replacen("0,766]", "0,765]", 1);
    let example = read_and_decide(&post).claims.into_iter().find(|c| c.id == Kind::Example).unwrap();
    assert_eq!(example.verdict, Verdict::Refuted);
    assert!(
        example.detail.contains("rounds to 0.766, not 0.765") && !example.detail.contains("truncated"),
        "{}",
        example.detail
    );
    // The same evidence in French, numbers written the French way.
    let fr = example.detail_in(dsoftmax::lang::Lang::Fr);
    assert!(fr.contains("s'arrondit à 0,766, pas à 0,765") && fr.contains("[0,062890\u{a0}; "), "{fr}");
    assert!(example.fix.unwrap().new.contains("`S(a) = [0,063 0,171 0,766]`"));
    let post = REFERENCE_POST.replacen("# aucun plantage", "# plante la machine,", 1);
    let demo = read_and_decide(&post).claims.into_iter().find(|c| c.id == Kind::OverflowDemo).unwrap();
    assert!(demo.detail.contains("[nan, nan, nan]") && demo.detail.contains("Nothing crashes"), "{}", demo.detail);
    assert!(demo.correction.unwrap().contains("# Ne plante pas mais renvoie [nan, nan, nan]"));
}

#[test]
fn a_correct_post_without_examples_or_code_exits_0() {
    let post =
        "# Softmax\n\nLet $$p_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}}$$\n\nThen $$0 < p_i < 1$$ for $K \\ge 2$ … \
                and, when $i = j$:\n\n$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n\nWhen $i \\neq j$:\n\n\
                $$\\frac{\\partial p_i}{\\partial z_j} = -p_i p_j$$\n";
    let r = read_and_decide(post);
    // `0 < p_i < 1` is false at K = 1, which the post excludes ($K \ge 2$): not refuted.
    assert!(r.refuted_lines().is_empty(), "{:?}", r.refuted_lines());
    let line = r.lines.iter().find(|l| l.found.line == 5).expect("line 5 is read");
    assert!(line.decision.reason.contains("assumes N ≥ 2"), "{}", line.decision.reason);
    // Without the assumption, it is refuted at N = 1.
    let r = read_and_decide(&post.replace(" for $K \\ge 2$", ""));
    assert_eq!(r.refuted_lines(), vec![5]);
    let right = post.replace("0 < p_i < 1", "0 < p_i \\le 1");
    let r = read_and_decide(&right);
    assert!(r.refuted_lines().is_empty() && r.claims.is_empty() && r.coverage.complete(), "{:?}", r.unread);
}
