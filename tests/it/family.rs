//! Issue 17: the softmax family decided exactly — log-softmax, log-sum-exp,
//! cross-entropy with labels (and its hypothesis Σ_k y_k = 1), temperature,
//! distillation, the vector–Jacobian product, sigmoid and tanh. Each known
//! derivative proved in every case; three wrong variants of each (a sign,
//! an index, a missing factor or hypothesis) refuted with a certified input.

use dsoftmax::check::{check, Claim, Of};
use dsoftmax::decide::{Config, Decision, Labels};
use dsoftmax::derivation::Scope;
use dsoftmax::exact::{self, Case, Exact, Frame};
use dsoftmax::expr::{latex, plain};
use dsoftmax::verdict::Verdict;

fn config() -> Config {
    Config { count: 20, diagnose: false, ..Config::default() }
}

fn decided(of: Of, formula: &str) -> Decision {
    check(&plain::parse(formula).unwrap(), formula, Claim::of(of), &config()).decision
}

/// (quantity, its known derivative, [sign, index, missing factor])
const KNOWN: &[(Of, &str, [&str; 3])] = &[
    (Of::LogSoftmax, "delta_ij - S_j", ["S_j - delta_ij", "delta_ij - S_i", "1 - S_j"]),
    (Of::LogSumExp, "S_j", ["-S_j", "S_i", "exp(a_j)"]),
    (Of::CrossEntropy, "S_j - y_j", ["y_j - S_j", "S_i - y_j", "S_j - y_j*S_j"]),
    (
        Of::Temperature,
        "q_i*(delta_ij - q_j)/T",
        ["-q_i*(delta_ij - q_j)/T", "q_i*(delta_ij - q_i)/T", "q_i*(delta_ij - q_j)"],
    ),
    (Of::Distillation, "(q_j - y_j)/T", ["(y_j - q_j)/T", "(q_i - y_j)/T", "q_j - y_j"]),
    (
        Of::Vjp,
        "S_j*(y_j - sum(y_k*S_k))",
        ["S_j*(sum(y_k*S_k) - y_j)", "S_i*(y_j - sum(y_k*S_k))", "y_j - sum(y_k*S_k)"],
    ),
    (
        Of::Sigmoid,
        "sigmoid(x)*(1 - sigmoid(x))",
        ["-sigmoid(x)*(1 - sigmoid(x))", "sigmoid(x)*(1 - sigmoid(2*x))", "sigmoid(x)"],
    ),
    (Of::Tanh, "1 - tanh(x)^2", ["tanh(x)^2 - 1", "1 - tanh(2*x)^2", "1 - tanh(x)"]),
];

#[test]
fn each_known_derivative_is_proved_in_every_case() {
    for &(of, formula, _) in KNOWN {
        let d = decided(of, formula);
        assert_eq!(d.verdict, Verdict::Proved, "{} {formula}: {}", of.name(), d.reason);
        let proof = d.proof.unwrap();
        let expected = if of.scope() == Scope::Diagonal { 2 } else { 4 };
        assert_eq!(proof.cases.len(), expected, "{}: every case of its scope", of.name());
    }
}

#[test]
fn three_wrong_variants_of_each_are_refuted_with_a_certified_input() {
    for &(of, _, wrong) in KNOWN {
        for formula in wrong {
            let d = decided(of, formula);
            assert_eq!(d.verdict, Verdict::Refuted, "{} {formula}: {}", of.name(), d.reason);
            let c = d.counterexample.expect("a counterexample");
            assert!(c.certified_by.starts_with("exact"), "{formula}: {}", c.certified_by);
            assert!(c.claimed.is_finite() && c.reference.is_finite(), "{formula}: {c:?}");
            assert!(c.claimed != c.reference, "{formula}: the values shown differ: {c:?}");
            // The labels and the temperature the input used are stated with it.
            let with_labels = formula.contains('y') || matches!(of, Of::CrossEntropy | Of::Distillation | Of::Vjp);
            assert_eq!(c.y.is_some(), with_labels, "{formula}: {c:?}");
            assert_eq!(c.t.is_some(), matches!(of, Of::Temperature | Of::Distillation), "{formula}: {c:?}");
        }
    }
}

#[test]
fn a_hypothesis_on_the_labels_is_stated_and_its_absence_refutes() {
    let claim = |sum_to_one| {
        let labels = if sum_to_one { Labels::SumToOne } else { Labels::Any };
        Claim { labels, ..Claim::of(Of::CrossEntropy) }
    };
    let e = plain::parse("S_j - y_j").unwrap();
    let with = check(&e, "S_j - y_j", claim(true), &config()).decision;
    assert_eq!(with.verdict, Verdict::Proved);
    assert!(with.proof.unwrap().hypotheses.iter().any(|h| h.contains("Σ_k y_k = 1")));
    let without = check(&e, "S_j - y_j", claim(false), &config()).decision;
    assert_eq!(without.verdict, Verdict::Refuted, "{}", without.reason);
    let y = without.counterexample.unwrap().y.unwrap();
    assert_ne!(y.iter().sum::<f64>(), 1.0, "the input breaks the hypothesis: {y:?}");
    // With the sum written out, the gradient holds for any labels.
    let general = plain::parse("S_j*sum(y_k) - y_j").unwrap();
    assert_eq!(check(&general, "", claim(false), &config()).decision.verdict, Verdict::Proved);
    // Under the hypothesis every witness has labels summing to 1.
    let wrong = plain::parse("S_j - 2*y_j").unwrap();
    let c = check(&wrong, "", claim(true), &config()).decision.counterexample.unwrap();
    assert_eq!(c.y.unwrap().iter().sum::<f64>(), 1.0);
}

/// One-hot labels y = e_c, with the class c as the engine's i: L = -ln S_c, whose
/// gradient is S_j - δ_jc, in the two cases j = c and j ≠ c.
#[test]
fn one_hot_labels_have_their_class_as_an_index_and_its_cases() {
    let one_hot = |formula: &str, scope| {
        let claim = Claim { scope, labels: Labels::OneHot, ..Claim::of(Of::CrossEntropy) };
        check(&plain::parse(formula).unwrap(), formula, claim, &config()).decision
    };
    for right in ["S_j - delta_ij", "S_j - y_j", "S_j - y_j*sum(y_k)"] {
        let d = one_hot(right, Scope::All);
        assert_eq!(d.verdict, Verdict::Proved, "{right}: {}", d.reason);
        assert!(d.proof.unwrap().hypotheses.iter().any(|h| h.contains("one-hot at the class i")));
    }
    assert_eq!(one_hot("S_j - 1", Scope::Diagonal).verdict, Verdict::Proved, "j = c");
    assert_eq!(one_hot("S_j", Scope::OffDiagonal).verdict, Verdict::Proved, "j ≠ c");
    // A sign, an index, a missing δ: each refuted at one-hot labels at the class i.
    for wrong in ["delta_ij - S_j", "S_i - delta_ij", "S_j"] {
        let d = one_hot(wrong, Scope::All);
        assert_eq!(d.verdict, Verdict::Refuted, "{wrong}");
        let c = d.counterexample.unwrap();
        let y = c.y.clone().unwrap();
        let class: Vec<f64> = (0..y.len()).map(|k| f64::from(u8::from(k + 1 == c.i))).collect();
        assert_eq!(y, class, "{wrong}: the labels are e_i at the witness's class i = {}", c.i);
    }
    // The one-case formulas outside their case.
    assert_eq!(one_hot("S_j - 1", Scope::All).verdict, Verdict::Refuted);
    assert_eq!(one_hot("S_j", Scope::Diagonal).verdict, Verdict::Refuted);
    // Without the hypothesis, δ_ij is no label: refuted for labels that merely sum to 1.
    let sum_to_one = Claim { labels: Labels::SumToOne, ..Claim::of(Of::CrossEntropy) };
    let e = plain::parse("S_j - delta_ij").unwrap();
    assert_eq!(check(&e, "", sum_to_one, &config()).decision.verdict, Verdict::Refuted);
}

#[test]
fn a_formula_for_one_case_is_decided_in_that_case_only() {
    let one = |formula: &str, scope| {
        let claim = Claim { scope, ..Claim::of(Of::Softmax) };
        check(&plain::parse(formula).unwrap(), formula, claim, &config()).decision.verdict
    };
    assert_eq!(one("S_i*(1 - S_i)", Scope::Diagonal), Verdict::Proved);
    assert_eq!(one("S_i*(1 - S_i)", Scope::All), Verdict::Refuted);
    assert_eq!(one("-S_i*S_j", Scope::OffDiagonal), Verdict::Proved);
    assert_eq!(one("S_i*S_j", Scope::OffDiagonal), Verdict::Refuted);
    assert_eq!(one("-S_i*S_j", Scope::Diagonal), Verdict::Refuted);
}

/// `lhs = rhs` decided exactly in `cases`, under `frame`.
fn identity(lhs: &str, rhs: &str, cases: &[Case]) -> Exact {
    exact::decide_in(&plain::parse(lhs).unwrap(), &plain::parse(rhs).unwrap(), cases, Frame::default())
}

#[test]
fn identities_of_the_family_are_proved_and_their_slips_refuted() {
    let proved =
        |lhs, rhs, cases: &[Case]| assert!(matches!(identity(lhs, rhs, cases), Exact::Proved(_)), "{lhs} = {rhs}");
    let refuted = |lhs, rhs, cases: &[Case]| {
        assert!(matches!(identity(lhs, rhs, cases), Exact::Refuted(..)), "{lhs} = {rhs} must be refuted")
    };
    let all = &Case::ALL;
    // log-softmax and log-sum-exp.
    proved("ln(S_i)", "a_i - ln(Z)", all);
    refuted("ln(S_i)", "a_i + ln(Z)", all);
    proved("ln(sum(exp(a_k)))", "ln(Z)", all);
    // Sums of general terms, and one that leaves a term out.
    proved("sum(S_k)", "1", all);
    proved("sum(S_k*(1 - S_k))", "1 - sum(S_k^2)", all);
    refuted("sum(S_k^2)", "1", all);
    proved("sum_{k!=i}(exp(a_k))", "Z - exp(a_i)", all);
    refuted("sum_{k!=i}(exp(a_k))", "Z", all);
    proved("sum(y_k*ln(S_k))", "sum(y_k*a_k) - sum(y_k)*ln(Z)", all);
    // The sigmoid is the two-class softmax (N = 2), not the softmax of three or more.
    proved("S_i", "sigmoid(a_i - a_j)", &[Case::OffDiagonalTwo]);
    refuted("S_i", "sigmoid(a_i - a_j)", &[Case::OffDiagonalMany]);
    // tanh and σ.
    proved("tanh(x)", "2*sigmoid(2*x) - 1", all);
    refuted("tanh(x)", "2*sigmoid(x) - 1", all);
    proved("1 - sigmoid(x)", "sigmoid(-x)", all);
}

#[test]
fn the_derivative_rule_of_a_sum_is_f_prime_at_j() {
    let diff = |body: &str| dsoftmax::expr::Expr::Diff(Box::new(plain::parse(body).unwrap()));
    let against = |e: dsoftmax::expr::Expr, rhs: &str| exact::decide(&e, &plain::parse(rhs).unwrap(), &Case::ALL);
    assert!(matches!(against(diff("sum(exp(2*a_k))"), "2*exp(2*a_j)"), Exact::Proved(_)));
    assert!(matches!(against(diff("sum(a_k)"), "1"), Exact::Proved(_)));
    assert!(matches!(against(diff("sum(y_k*exp(a_k))"), "y_j*exp(a_j)"), Exact::Proved(_)));
    assert!(matches!(against(diff("sum(exp(2*a_k))"), "exp(2*a_j)"), Exact::Refuted(..)));
    // Outside the fragment (Σ_k e^{3 a_k}): said so, never guessed.
    assert!(matches!(against(diff("sum(exp(3*a_k))"), "3*exp(3*a_j)"), Exact::Outside(_)));
}

#[test]
fn latex_input_reads_the_familys_notation() {
    let read = |text: &str| latex::parse_expr(text).unwrap();
    let ce = check(&read(r"S_j - y_j"), "", Claim::of(Of::CrossEntropy), &config()).decision;
    assert_eq!(ce.verdict, Verdict::Proved);
    let tempered = read(
        r"\frac{1}{T} \frac{e^{a_i/T}}{\sum_k e^{a_k/T}} \left(\delta_{ij} - \frac{\exp(a_j/T)}{\sum_k \exp(a_k / T)}\right)",
    );
    assert_eq!(check(&tempered, "", Claim::of(Of::Temperature), &config()).decision.verdict, Verdict::Proved);
    let vjp = read(r"S_j \left(y_j - \sum_{k} y_k S_k\right)");
    assert_eq!(check(&vjp, "", Claim::of(Of::Vjp), &config()).decision.verdict, Verdict::Proved);
    // The summand is the product after \sum: `\sum_k y_k a_k + 1` sums y_k a_k only.
    assert_eq!(read(r"\sum_k y_k a_k + 1").to_string(), "(sum((y_k * a_k)) + 1)");
    assert_eq!(read(r"\sum_{k \neq i} e^{a_k}").to_string(), "sum_{k!=i}(exp(a_k))");
    // Σ_k e^{a_k} stays Z, which every layer evaluates.
    assert_eq!(read(r"\sum_{k=1}^{N} e^{a_k}").to_string(), "Z");
    // A slash divides the product before it by the one factor after it, and ends the term.
    assert_eq!(read(r"2 a_i / T").to_string(), "((2 * a_i) / T)");
    assert!(latex::parse_expr(r"1/2 a_i").is_err());
    // The summation index belongs inside its sum.
    assert!(latex::parse_expr(r"y_k + 1").is_err());
    assert!(plain::parse("sum(sum(y_k))").is_err());
}

#[test]
fn without_a_numeric_layer_a_formula_outside_the_fragment_is_undecided() {
    let d = decided(Of::CrossEntropy, "S_j - y_j + 0*sum(exp(3*a_k))");
    assert_eq!(d.verdict, Verdict::Undecided, "{}", d.reason);
    assert!(d.reason.contains("no numeric layer"), "{}", d.reason);
}

/// A post of ours deriving the cross-entropy's gradient in its own names
/// (outputs `q`, logits `s`, labels `t`, loss `\mathcal{L}`): definitions at
/// lines 3 and 5, the hypothesis in the prose of line 7, the gradient at 9,
/// a chain through a sum that leaves a term out at 11, a last line at 13.
fn cross_entropy_post(hypothesis: &str, last: &str) -> String {
    format!(
        "Softmax and loss:\n\n$$q_i = \\frac{{e^{{s_i}}}}{{\\sum_m e^{{s_m}}}}$$\n\n$$\\mathcal{{L}} = -\\sum_m t_m \\ln q_m$$\n\n{hypothesis}\n\n\
         $$\\frac{{\\partial \\mathcal{{L}}}}{{\\partial s_r}} = q_r - t_r$$\n\n\
         $$\\frac{{\\partial \\mathcal{{L}}}}{{\\partial s_r}} = -t_r (1 - q_r) + \\sum_{{m \\neq r}} t_m q_r = q_r \\left(t_r + \\sum_{{m \\neq r}} t_m\\right) - t_r$$\n\n\
         $${last}$$\n"
    )
}

fn verdicts(post: &str) -> Vec<(usize, Verdict)> {
    dsoftmax::verify::read_and_decide(post).lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect()
}

#[test]
fn a_posts_cross_entropy_is_read_in_its_own_names() {
    use Verdict::{Proved, Refuted, Undecided};
    let stated = "The targets $t$ are one-hot.";
    let right = r"\frac{\partial \mathcal{L}}{\partial s_r} = q_r - t_r";
    let post = cross_entropy_post(stated, right);
    assert_eq!(verdicts(&post), [(3, Proved), (5, Proved), (9, Proved), (11, Proved), (13, Proved)], "{post}");
    let report = dsoftmax::verify::read_and_decide(&post);
    // The hypothesis the prose states (one-hot) is the one the proof says it used.
    assert!(report.lines[2].decision.proof.as_ref().unwrap().hypotheses.iter().any(|h| h.contains("one-hot")));
    let distribution = cross_entropy_post("The targets $t$ sum to 1.", right);
    let report = dsoftmax::verify::read_and_decide(&distribution);
    assert!(report.lines[2].decision.proof.as_ref().unwrap().hypotheses.iter().any(|h| h.contains("sum to 1")));
    // Wrong variants, refuted at their line: a sign, an index, a missing term.
    for wrong in [
        r"\frac{\partial \mathcal{L}}{\partial s_r} = t_r - q_r",
        r"\frac{\partial \mathcal{L}}{\partial s_r} = q_r - t_m",
        r"\frac{\partial \mathcal{L}}{\partial s_r} = q_r",
    ] {
        let v = verdicts(&cross_entropy_post(stated, wrong));
        let last = v.iter().find(|(line, _)| *line == 13).map(|(_, v)| *v);
        // `t_m` outside a sum over m is an index the relation does not have: unread, not guessed.
        let expected = if wrong.contains("t_m") { None } else { Some(Refuted) };
        assert_eq!(last, expected, "{wrong}: {v:?}");
        assert!(v.iter().filter(|(line, _)| *line != 13).all(|(_, v)| *v == Proved), "{wrong}: {v:?}");
    }
    // Without the hypothesis, the gradient q - t is an identity only for labels summing to 1:
    // undecided, saying so — not refuted for want of a sentence.
    let unstated = dsoftmax::verify::read_and_decide(&cross_entropy_post("The targets are $t$.", right));
    let gradient = unstated.lines.iter().find(|l| l.found.line == 9).unwrap();
    assert_eq!(gradient.decision.verdict, Undecided);
    assert!(gradient.decision.reason.contains("labels sum to 1"), "{}", gradient.decision.reason);
    // A sign error is wrong under any hypothesis: refuted either way.
    let sign = cross_entropy_post("The targets are $t$.", r"\frac{\partial \mathcal{L}}{\partial s_r} = t_r - q_r");
    assert!(verdicts(&sign).contains(&(13, Refuted)));
}

#[test]
fn labels_are_read_only_where_the_post_defines_them() {
    let definition = "$$p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$";
    // No cross-entropy: `y_i` means nothing the post defined (in another post it is the output).
    let post = format!("T\n\n{definition}\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = y_i$$\n");
    assert!(verdicts(&post).iter().all(|(line, _)| *line != 5), "{post}");
    // With labels named t, a raw `y_i` is still not a label.
    let post = format!("T\n\n{definition}\n\n$$L = -\\sum_k t_k \\log p_k$$\n\n$$\\frac{{\\partial L}}{{\\partial z_j}} = p_j - y_j$$\n");
    assert!(verdicts(&post).iter().all(|(line, _)| *line != 7), "{post}");
    // A temperature is read in `check` only.
    let post = format!("T\n\n{definition}\n\n$$p_i / T = p_i / T$$\n");
    assert!(verdicts(&post).iter().all(|(line, _)| *line != 5), "{post}");
}

#[test]
fn a_posts_sigmoid_and_tanh_are_read_by_their_names() {
    use Verdict::{Proved, Refuted};
    let post = |last: &str| {
        format!(
            "Definitions:\n\n$$\\operatorname{{sigmoid}}(x) = \\frac{{1}}{{1 + e^{{-x}}}}$$\n\n\
             $$\\tanh(x) = \\frac{{e^{{2x}} - 1}}{{e^{{2x}} + 1}} = 1 - \\frac{{2}}{{e^{{2x}} + 1}}$$\n\n\
             $$1 - \\text{{sigmoid}}(x) = \\text{{sigmoid}}(-x)$$\n\n$${last}$$\n"
        )
    };
    let right = post(r"\tanh x = 2\,\text{sigmoid}(2x) - 1");
    assert_eq!(verdicts(&right), [(3, Proved), (5, Proved), (7, Proved), (9, Proved)], "{right}");
    // The slip of the issue: tanh(x) = 2σ(x) − 1, refuted at its line.
    let wrong = post(r"\tanh x = 2\,\text{sigmoid}(x) - 1");
    assert_eq!(verdicts(&wrong).last(), Some(&(9, Refuted)), "{wrong}");
    // `x` is the variable of a function of one variable only in a row without softmax's logits.
    let mixed = post(r"\text{sigmoid}(x) = S_i");
    assert!(verdicts(&mixed).iter().all(|(line, _)| *line != 9), "{mixed}");
    assert!(latex::parse_expr(r"x + a_i").is_err());
    // A value given to x is no identity in x; a post without sigmoid or tanh of x has no such x.
    // (the value itself, `10 - 3 = 7`, is still checked as the chain it starts).
    let assigned = post(r"x = 10 - 3 = 7");
    assert!(!verdicts(&assigned).contains(&(9, Refuted)), "{assigned}");
    // Among real numbers (module `scalar`) the row defines x and claims 10 - 3 = 7: proved.
    assert!(verdicts(&assigned).contains(&(9, Proved)), "{assigned}");
    let wrong_value = post(r"x = 10 - 3 = 8");
    assert!(verdicts(&wrong_value).contains(&(9, Refuted)), "{wrong_value}");
    // Without a function of x, `x` is a real number of the post's own (module `scalar`):
    // `\ln e^x = x` is an identity, and a lone span `$e^x = x$` is false as written.
    let no_function = "Logs:\n\n$$\\ln e^x = x$$\n\nand $e^x = x$ (a slip of rendering: two spans).\n";
    assert_eq!(verdicts(no_function), [(3, Proved), (5, Refuted)], "{no_function}");
}

/// The review's findings on the family's counterexamples, kept fixed.
#[test]
fn counterexamples_of_the_family_are_valid_inputs_with_their_values() {
    // The term a sum leaves out is subtracted, not claimed: its domain is not asked, so the
    // input where the formula is undefined is one where a term of the sum is (N = 2), not N = 1.
    let d = decided(Of::Softmax, "S_i*(delta_ij - S_j) + sum_{k!=i}((a_k - 1)^0) - N + 1");
    let c = d.counterexample.unwrap();
    assert!(c.undefined.is_some() && c.a.len() >= 2, "{c:?}");
    // Undefined at an input with labels: the labels and the target's value are stated.
    let c = decided(Of::Vjp, "S_j*(y_j - sum(y_k*S_k))*y_i/y_i").counterexample.unwrap();
    assert!(c.y.is_some() && c.reference.is_finite() && c.claimed.is_nan(), "{c:?}");
    // A zero found in the tempered logits states its temperature (T = 1: a is b).
    let c = decided(Of::Temperature, "q_i*(delta_ij - q_j)/T*(a_i/T - 0.5)/(a_i/T - 0.5)").counterexample.unwrap();
    assert_eq!(c.t, Some(1.0), "{c:?}");
    // A difference far below the values is shown as it is, not as their rounded difference.
    let claim = Claim { scope: Scope::OffDiagonal, ..Claim::of(Of::Vjp) };
    let tiny = plain::parse("S_j*(y_j - sum(y_k*S_k))*(1 + exp(-60))").unwrap();
    let c = check(&tiny, "", claim, &config()).decision.counterexample.unwrap();
    assert!(c.difference.starts_with("-2.189"), "{c:?}");
}

/// A post of ours with the Jacobian written out as a matrix (its row at line 6) and in matrix form (line 24).
fn matrix_post(entry_2n: &str, form: &str) -> String {
    format!(
        "# J\n\n$$\\sigma(\\mathbf{{z}})_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n$$\n\
         \\frac{{\\partial \\sigma}}{{\\partial \\mathbf{{z}}}} =\n\\begin{{bmatrix}}\n\
         \\sigma(\\mathbf{{z}})_{{1}} (1 - \\sigma(\\mathbf{{z}})_1) &\n-\\sigma(\\mathbf{{z}})_{{1}} \\sigma(\\mathbf{{z}})_{{2}} &\n\\cdots &\n\
         -\\sigma(\\mathbf{{z}})_{{1}} \\sigma(\\mathbf{{z}})_{{n}} \\\\\n\
         -\\sigma(\\mathbf{{z}})_{{2}} \\sigma(\\mathbf{{z}})_{{1}} &\n\\sigma(\\mathbf{{z}})_{{2}} (1 - \\sigma(\\mathbf{{z}})_2) &\n\\cdots &\n\
         {entry_2n} \\\\\n\\vdots & \\vdots & \\ddots & \\vdots \\\\\n\
         -\\sigma(\\mathbf{{z}})_{{n}} \\sigma(\\mathbf{{z}})_{{1}} &\n-\\sigma(\\mathbf{{z}})_{{n}} \\sigma(\\mathbf{{z}})_{{2}} &\n\\cdots &\n\
         \\sigma(\\mathbf{{z}})_{{n}} (1 - \\sigma(\\mathbf{{z}})_{{n}})\n\\end{{bmatrix}}\n$$\n\n\
         $$\\frac{{\\partial \\sigma}}{{\\partial \\mathbf{{z}}}} = {form}$$\n"
    )
}

#[test]
fn a_jacobian_written_as_a_matrix_is_decided_entry_by_entry() {
    use Verdict::{Proved, Refuted};
    let right_entry = r"-\sigma(\mathbf{z})_{2} \sigma(\mathbf{z})_{n}";
    let right_form = r"\text{diag}(\sigma(\mathbf{z})) - \sigma(\mathbf{z}) \sigma(\mathbf{z})^\top";
    let post = matrix_post(right_entry, right_form);
    let report = dsoftmax::verify::read_and_decide(&post);
    let entries: Vec<&str> =
        report.lines.iter().filter(|l| l.found.line == 6).map(|l| l.found.latex.as_str()).collect();
    assert_eq!(entries.len(), 9, "every written entry, the dots none: {entries:?}");
    for position in ["(1, 1)", "(1, 2)", "(1, n)", "(2, 1)", "(2, 2)", "(2, n)", "(n, 1)", "(n, 2)", "(n, n)"] {
        assert!(entries.iter().any(|e| e.starts_with(position)), "{position}: {entries:?}");
    }
    assert!(report.lines.iter().all(|l| l.decision.verdict == Proved), "{post}");
    assert!(report.lines.iter().any(|l| l.found.line == 24), "the matrix form is read");
    // A wrong entry (its sign) is refuted at the matrix's line, with its position; the others stay proved.
    let wrong =
        dsoftmax::verify::read_and_decide(&matrix_post(r"\sigma(\mathbf{z})_{2} \sigma(\mathbf{z})_{n}", right_form));
    let refuted: Vec<&str> =
        wrong.lines.iter().filter(|l| l.decision.verdict == Refuted).map(|l| l.found.latex.as_str()).collect();
    assert_eq!(refuted.len(), 1, "{refuted:?}");
    assert!(refuted[0].starts_with("(2, n)"), "{refuted:?}");
    // An entry with an index that is neither its row's nor its column's is unread, with its position.
    let typo =
        dsoftmax::verify::read_and_decide(&matrix_post(r"-\sigma(\mathbf{z})_{1} \sigma(\mathbf{z})_{n}", right_form));
    assert!(
        typo.unread.iter().any(|u| u.reason.contains("(2, n)") && u.reason.contains("index 1")),
        "{:?}",
        typo.unread
    );
    // The matrix form: the transposed outer product is wrong (refuted).
    let swapped = r"\sigma(\mathbf{z}) \sigma(\mathbf{z})^\top - \text{diag}(\sigma(\mathbf{z}))";
    assert!(verdicts(&matrix_post(right_entry, swapped)).contains(&(24, Refuted)));
    // Where the post says its vectors are rows, their outer product is s^T s: proved, and
    // its sign slip refuted; a product with two transposes or none is not read. Where it
    // does not say so, s^T s is not read (with column vectors it is a number).
    let rows = |sign: &str, product: &str| {
        let form = format!(r"\text{{diag}}(\sigma(\mathbf{{z}})) {sign} {product}");
        let said = r"The vectors are rows, $\sigma(\mathbf{z}) \in \mathbb{R}^{1 \times n}$.";
        format!("{}\n{said}\n", matrix_post(right_entry, &form))
    };
    let row_product = r"\sigma(\mathbf{z})^\top \sigma(\mathbf{z})";
    assert!(verdicts(&rows("-", row_product)).contains(&(24, Proved)), "{}", rows("-", row_product));
    assert!(verdicts(&rows("+", row_product)).contains(&(24, Refuted)));
    for product in [r"\sigma(\mathbf{z})^\top \sigma(\mathbf{z})^\top", r"\sigma(\mathbf{z}) \sigma(\mathbf{z})"] {
        assert!(verdicts(&rows("-", product)).iter().all(|(line, _)| *line != 24));
    }
    let columns = matrix_post(right_entry, &format!(r"\text{{diag}}(\sigma(\mathbf{{z}})) - {row_product}"));
    assert!(verdicts(&columns).iter().all(|(line, _)| *line != 24), "unread without rows");
}

/// The second review's findings on the reader, kept fixed: each a post of ours where the
/// tool gave a wrong verdict or a wrong reading.
#[test]
fn reviewed_false_readings_of_the_family_stay_fixed() {
    use Verdict::{Proved, Undecided};
    let definition = "$$p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$";
    let at = |post: &str, line: usize| verdicts(post).iter().find(|(l, _)| *l == line).map(|(_, v)| *v);
    // The hypothesis is what a sentence says of the labels, affirmatively.
    for (sentence, expected) in [
        ("The labels $y$ are not one-hot and need not sum to 1.", Undecided),
        ("The outputs $p$ sum to 1.", Undecided),
        ("If the labels were one-hot we could simplify; they are not.", Undecided),
        ("The labels $y$ are one-hot.", Proved),
        ("Each target vector is one-hot.", Proved),
    ] {
        let post = format!(
            "T\n\n{definition}\n\n$$L = -\\sum_k y_k \\log p_k$$\n\n{sentence}\n\n$$\\frac{{\\partial L}}{{\\partial z_j}} = p_j - y_j$$\n"
        );
        assert_eq!(at(&post, 9), Some(expected), "{sentence}");
    }
    // A Kronecker delta over other letters than the relation's (or a summation index) is not δ_ij.
    for row in [
        r"\frac{\partial p_m}{\partial z_n} = p_m (\delta_{ij} - p_n)",
        r"\frac{\partial p_m}{\partial z_j} = p_m \left(\delta_{mj} - \sum_i \delta_{ij} p_i\right)",
    ] {
        let post = format!("T\n\n{definition}\n\n$${row}$$\n");
        assert_eq!(at(&post, 5), None, "{row}");
    }
    // A summation index used outside its sum: the summand's end is unclear, the row unread.
    for row in [r"\sum_k p_k - p_k^2 = 1 - \sum_k p_k^2", r"\sum_{k} p_k + p_k = 1 + p_k"] {
        let post = format!("T\n\n{definition}\n\n$${row}$$\n");
        assert_eq!(at(&post, 5), None, "{row}");
    }
    // sigmoid(x) = 1/2 is an equation for x (at the value the prose gives), not an identity.
    let post =
        "T\n\n$$\\text{sigmoid}(x) = \\frac{1}{1 + e^{-x}}$$\n\nAt $x = 0$:\n\n$$\\text{sigmoid}(x) = \\frac{1}{2}$$\n";
    assert_eq!(at(post, 7), None);
    // A product of matrices is not read entry by entry.
    let sigma = "$$\\sigma(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$";
    let post = format!("T\n\n{sigma}\n\n$$\\frac{{\\partial \\sigma}}{{\\partial \\mathbf{{z}}}} = \\text{{diag}}(\\sigma) - \\sigma \\sigma^T \\sigma \\sigma^T$$\n");
    assert_eq!(at(&post, 5), None);
    // Matrix positions out of order, or repeated, are not read.
    let cell = |r: &str, c: &str| {
        if r == c {
            format!(r"\sigma(\mathbf{{z}})_{{{r}}} (1 - \sigma(\mathbf{{z}})_{{{r}}})")
        } else {
            format!(r"-\sigma(\mathbf{{z}})_{{{r}}} \sigma(\mathbf{{z}})_{{{c}}}")
        }
    };
    let matrix = |order: &[&str]| {
        let rows: Vec<String> =
            order.iter().map(|r| order.iter().map(|c| cell(r, c)).collect::<Vec<_>>().join(" & ")).collect();
        format!("T\n\n{sigma}\n\n$$\\frac{{\\partial \\sigma}}{{\\partial \\mathbf{{z}}}} = \\begin{{bmatrix}} {} \\end{{bmatrix}}$$\n", rows.join(r" \\ "))
    };
    assert!(verdicts(&matrix(&["1", "2", "3"])).iter().filter(|(l, v)| *l == 5 && *v == Proved).count() == 9);
    assert_eq!(at(&matrix(&["1", "3", "2"]), 5), None);
    assert_eq!(at(&matrix(&["n", "1"]), 5), None);
    // A proved line with a sum is not compared numerically (f64 has no value for a sum).
    let post = format!("T\n\n{definition}\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = p_i (\\delta_{{ij}} - p_j) \\sum_k p_k^2 / \\sum_k p_k^2$$\n");
    let report = dsoftmax::verify::run_article(&post, dsoftmax::verify::Config { count: 20, ..Default::default() });
    assert!(
        report.cases.iter().all(|c| c.line != Some(5)),
        "{:?}",
        report.cases.iter().map(|c| c.line).collect::<Vec<_>>()
    );
}

#[test]
fn a_posts_temperature_and_log_softmax_matrix_are_read() {
    use Verdict::{Proved, Refuted};
    // Softmax at a temperature, in the post's names: its gradient has the factor 1/T.
    let tempered = |gradient: &str| {
        format!("T\n\n$$q_i = \\frac{{\\exp(z_i/T)}}{{\\sum_j \\exp(z_j/T)}}$$\n\n$${gradient}$$\n\nWhen $z_i < 0$ the exponent is negative, and so is $z_i/T < 0$.\n")
    };
    let right = tempered(r"\frac{\partial q_i}{\partial z_j} = \frac{1}{T} q_i (\delta_{ij} - q_j)");
    assert_eq!(verdicts(&right), [(3, Proved), (5, Proved)], "{right}");
    let report = dsoftmax::verify::read_and_decide(&right);
    // A comparison of the inputs alone (logits, temperature, labels) is a condition the prose
    // puts on them, not a claim: never refuted (`z_i/T < 0` was, at z = 0).
    let conditions = report.unread.iter().filter(|u| u.reason.contains("condition on the inputs")).count();
    assert_eq!(conditions, 2, "{:?}", report.unread);
    let wrong = tempered(r"\frac{\partial q_i}{\partial z_j} = q_i (\delta_{ij} - q_j)");
    assert_eq!(verdicts(&wrong).last(), Some(&(5, Refuted)));
    let c = dsoftmax::verify::read_and_decide(&wrong).lines[1].decision.counterexample.clone().unwrap();
    assert_eq!(c.t, Some(2.0), "the temperature of the input is stated: {c:?}");
    // The Jacobian of log-softmax in matrix form: I - 1 p^T, not I - p 1^T.
    let log = |form: &str| {
        format!("T\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n$$\\frac{{\\partial \\log \\mathbf{{p}}}}{{\\partial \\mathbf{{z}}}} = {form}$$\n")
    };
    assert_eq!(verdicts(&log(r"I - \mathbf{1} \mathbf{p}^\top")).last(), Some(&(5, Proved)));
    let rows = |form: &str| format!("{}\nHere $\\mathbf{{p}}$ is a row vector.\n", log(form));
    assert_eq!(verdicts(&rows(r"I - \mathbf{1}^\top \mathbf{p}")).last(), Some(&(5, Proved)), "rows");
    assert_eq!(verdicts(&rows(r"I - \mathbf{p}^\top \mathbf{1}")).last(), Some(&(5, Refuted)), "rows");
    // With column vectors 1^T p is their inner product, Σ_k p_k = 1: never read as a matrix entry.
    let inner = "T\n\n$$p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$\n\n$$\\mathbf{1}^\\top \\mathbf{p} = 1$$\n";
    assert!(!verdicts(inner).iter().any(|(_, v)| *v == Refuted), "{inner}");
    assert_eq!(verdicts(&log(r"I - \mathbf{p} \mathbf{1}^\top")).last(), Some(&(5, Refuted)));
}

#[test]
fn explain_says_a_line_with_labels_has_no_value_at_a_logit_vector() {
    let post =
        cross_entropy_post("The targets $t$ are one-hot.", r"\frac{\partial \mathcal{L}}{\partial s_r} = q_r - t_r");
    let report = dsoftmax::verify::read_and_decide(&post);
    let proved = report.lines.iter().find(|l| l.found.line == 9).unwrap();
    assert!(proved.decision.reason.contains("assuming the labels are one-hot"), "{}", proved.decision.reason);
    let a = dsoftmax::Logits::new(vec![0.0, 1.0, 2.0]).unwrap();
    let e = dsoftmax::explain::explain(&report, &a, 0, 1);
    let line = e.lines.iter().find(|l| l.line == 9).expect("the gradient speaks about every entry");
    assert!(line.not_evaluated.is_some() && line.value.is_nan(), "{:?}", line.not_evaluated);
    // The softmax definition has its value.
    assert!(e.lines.iter().any(|l| l.line == 3 && l.not_evaluated.is_none() && l.value.is_finite()));
}

/// The third review's findings, kept fixed.
#[test]
fn reviewed_temperature_readings_stay_fixed() {
    let at = |post: &str, line: usize| verdicts(post).iter().find(|(l, _)| *l == line).map(|(_, v)| *v);
    let gradient = r"\frac{\partial q_i}{\partial z_j} = \frac{1}{T} q_i(\delta_{ij} - q_j)";
    // A tempered sum over some of the logits is another function: nothing learned from it.
    let partial =
        format!("T\n\n$$q_i = \\frac{{e^{{z_i/T}}}}{{\\sum_{{j=2}}^{{N}} e^{{z_j/T}}}}$$\n\n$${gradient}$$\n");
    assert_eq!(at(&partial, 5), None);
    // A temperature named τ: a literal T is not it.
    let tau = format!("T\n\n$$q_i = \\frac{{e^{{z_i/\\tau}}}}{{\\sum_j e^{{z_j/\\tau}}}}$$\n\n$${gradient}$$\n");
    assert_eq!(at(&tau, 5), None);
    // q given another value too (the case T = 1 written out) is no tempered output.
    let twice = "T\n\n$$q_i = \\frac{\\exp(z_i/T)}{\\sum_j \\exp(z_j/T)}$$\n\n$$q_i = \\frac{\\exp(z_i)}{\\sum_j \\exp(z_j)}$$\n\n$$\\frac{\\partial q_i}{\\partial z_j} = q_i(\\delta_{ij} - q_j)$$\n";
    assert_ne!(at(twice, 7), Some(Verdict::Proved));
}

/// A post of ours with one-hot labels and the loss at the true class, `L = -\log p_c`:
/// the prose (line 6) says the labels are one-hot, the loss is at line 7, its gradient
/// at 9, the two cases at 12 (`j = c`) and 15 (`j ≠ c`), the labels' form at 17.
fn one_hot_post(prose: &str, [general, class, other, labels]: [&str; 4]) -> String {
    format!(
        "# CE\n\nThe softmax of the scores is\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_{{k=1}}^{{K}} e^{{z_k}}}}.$$\n\n\
         {prose}\n$$L = -\\log p_c.$$\n\n$$\\frac{{\\partial L}}{{\\partial z_j}} = {general}$$\n\n\
         When $j = c$:\n$$\\frac{{\\partial L}}{{\\partial z_j}} = {class}$$\n\n\
         When $j \\neq c$:\n$$\\frac{{\\partial L}}{{\\partial z_j}} = {other}$$\n\n\
         $$\\frac{{\\partial L}}{{\\partial z_j}} = {labels}$$\n"
    )
}

#[test]
fn a_posts_loss_at_its_true_class_is_read_with_its_cases() {
    use Verdict::{Proved, Refuted, Undecided};
    let stated = "The label is one-hot: $y_c = 1$ for the true class $c$. The loss is";
    let right = [r"p_j - \delta_{jc}", "p_j - 1", "p_j", "p_j - y_j"];
    let post = one_hot_post(stated, right);
    assert_eq!(
        verdicts(&post),
        [(4, Proved), (7, Proved), (9, Proved), (12, Proved), (15, Proved), (17, Proved)],
        "{post}"
    );
    // Each wrong variant refuted at its line, at one-hot labels at the class.
    let lines = [9, 12, 15, 17];
    let wrong = [r"\delta_{jc} - p_j", "p_j + 1", "-p_j", "y_j - p_j"];
    for (k, bad) in wrong.iter().enumerate() {
        let mut variant = right;
        variant[k] = bad;
        let report = dsoftmax::verify::read_and_decide(&one_hot_post(stated, variant));
        let v: Vec<_> = report.lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect();
        assert!(v.iter().all(|&(line, verdict)| (verdict == Refuted) == (line == lines[k])), "{bad}: {v:?}");
        let c = report.lines.iter().find(|l| l.found.line == lines[k]).unwrap().decision.counterexample.clone();
        if let Some(y) = c.and_then(|c| c.y) {
            assert_eq!(y.iter().filter(|v| **v == 1.0).count(), 1, "{bad}: one-hot labels {y:?}");
        }
    }
    // Without the sentence, the labels' form holds only for one-hot labels: undecided, saying so.
    let unstated = one_hot_post("The target is $y$, with $y_c = 1$. The loss is", right);
    let report = dsoftmax::verify::read_and_decide(&unstated);
    let labels = report.lines.iter().find(|l| l.found.line == 17).unwrap();
    assert_eq!(labels.decision.verdict, Undecided, "{}", labels.decision.reason);
    assert!(labels.decision.reason.contains("one-hot"), "{}", labels.decision.reason);
    // The cross-entropy of one-hot labels is -log p_c at the class; at another index it is
    // an identity only if that index is the class: undecided, not proved.
    let chain = |at: &str| {
        format!(
            "T\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\nThe labels $y$ are one-hot, with $y_c = 1$.\n\n\
             $$L = -\\sum_k y_k \\log p_k$$\n\n$$-\\sum_k y_k \\log p_k = -\\log p_{at}$$\n"
        )
    };
    assert_eq!(verdicts(&chain("c")), [(3, Proved), (7, Proved), (9, Proved)]);
    assert_eq!(verdicts(&chain("j")).last(), Some(&(9, Undecided)));
    assert_eq!(verdicts(&chain("c + 1")).last(), Some(&(9, Refuted)));
}

/// The review of one-hot labels, kept fixed: each a post of ours where the tool
/// proved or refuted what it should not.
#[test]
fn reviewed_one_hot_readings_stay_fixed() {
    use Verdict::{Proved, Refuted, Undecided};
    let post = |prose: &str, rows: &[&str]| {
        let mut text = format!(
            "T\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n$$L = -\\sum_k y_k \\log p_k$$\n\n{prose}\n"
        );
        for row in rows {
            text.push_str(&format!("\n$${row}$$\n"));
        }
        text
    };
    let last = |text: &str| verdicts(text).last().map(|v| v.1);
    // One-hot named only to be set against the post's labels: the labels merely sum to 1.
    let smoothed = "Instead of one-hot labels, we use smoothed labels $y$ that sum to 1.";
    assert_eq!(last(&post(smoothed, &[r"\frac{\partial L}{\partial z_j} = p_j - y_j^2"])), Some(Refuted));
    // The cross-entropy of one-hot labels with their class named: the gradient at the class.
    let one_hot = "The labels are one-hot: $y_c = 1$ for the true class $c$.";
    let at_class =
        post(one_hot, &[r"\frac{\partial L}{\partial z_c} = p_c - 1", r"\frac{\partial L}{\partial z_j} = p_j - y_j"]);
    assert_eq!(verdicts(&at_class)[2..], [(9, Proved), (11, Proved)], "{at_class}");
    // A row whose second index is the class: its refutation would break y_c = 1.
    let jacobian = post(one_hot, &[r"\frac{\partial p_i}{\partial z_c} = p_i (\delta_{ic} - y_c p_c)"]);
    assert_eq!(last(&jacobian), Some(Undecided));
    // A loss at another class than the labels': true only if the two classes are one.
    let other = post(one_hot, &[r"J = -\log p_d", r"\frac{\partial J}{\partial z_j} = p_j - y_j"]);
    assert_eq!(last(&other), Some(Undecided));
    // A counterexample found by the logits' searches states labels one-hot at its class i.
    let e = plain::parse("S_j - y_j + y_j/y_j - 1").unwrap();
    let claim = Claim { labels: Labels::OneHot, ..Claim::of(Of::CrossEntropy) };
    let c = check(&e, "", claim, &config()).decision.counterexample.unwrap();
    let y = c.y.unwrap();
    assert_eq!(y.iter().position(|v| *v == 1.0), Some(c.i - 1), "{y:?} at i = {}", c.i);
}
