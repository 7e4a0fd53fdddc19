//! Issue 15, item 2: the post's notation, learned from its definition. For each
//! way of writing the definition, the derivative and the Kronecker delta, a
//! small correct post of our own (every line proved) and wrong variants (a
//! sign, an index typo in a left side, a wrong definition) refuted or refused
//! at their line. The notation learner and the row reader never panic.

use dsoftmax::derivation::Scope::{self, All, Diagonal, OffDiagonal};
use dsoftmax::expr::notation::Notation;
use dsoftmax::verdict::Verdict::{self, Proved, Refuted};
use quickcheck::{Gen, QuickCheck};

fn run(post: &str) -> dsoftmax::verify::ArticleReport {
    dsoftmax::verify::read_and_decide(post)
}

/// The lines decided: (line, case, verdict).
fn decided(post: &str) -> Vec<(usize, Scope, Verdict)> {
    run(post).lines.iter().map(|l| (l.found.line, l.found.scope, l.decision.verdict)).collect()
}

/// A post of ours: the definition at line 3, the Jacobian in two cases at lines 7 and 11.
fn two_cases(definition: &str, diagonal: &str, off: &str) -> String {
    format!("Softmax :\n\n$${definition}$$\n\nWhen $i = j$:\n\n$${diagonal}$$\n\nWhen $i \\neq j$:\n\n$${off}$$\n")
}

/// A post of ours: the definition at line 3, the Jacobian in Kronecker form at line 7.
fn kronecker(definition: &str, jacobian: &str) -> String {
    format!("Softmax :\n\n$${definition}$$\n\nSo:\n\n$${jacobian}$$\n")
}

/// (definition, the output at index L, the logit at index L): each notation of the issue.
const NOTATIONS: [(&str, &str, &str); 8] = [
    (r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", "p_L", "z_L"),
    (r"\sigma(\mathbf z)_i = \frac{\exp(z_i)}{\sum_{j=1}^{C} \exp(z_j)}", r"\sigma(\mathbf z)_L", "z_L"),
    (r"\text{softmax}(x)_i = \frac{e^{x_i}}{\sum_{k=0}^{n-1} e^{x_k}}", r"\text{softmax}(x)_L", "x_L"),
    (r"S(x_i) = \frac{\exp{x_i}}{\sum_{k} e^{x_k}}", "S(x_L)", "x_L"),
    (r"\hat y_i = \frac{e^{\theta_i}}{\sum_{k=1}^K e^{\theta_k}}", r"\hat y_L", r"\theta_L"),
    (r"s_i = \frac{e^{u_i}}{\sum e^{u_k}}", "s_L", "u_L"),
    (r"y_i = \frac{e^{x_i}}{\sum_{k=1}^{N} e^{x_k}}", "y_L", "x_L"),
    (r"S_i = \frac{e^{a_i}}{\sum_{k=1}^N e^{a_k}}", "S_L", "a_L"),
];

fn at(name: &str, index: &str) -> String {
    name.replace('L', index)
}

#[test]
fn a_correct_post_in_each_notation_is_proved_line_by_line() {
    for (def, out, logit) in NOTATIONS {
        let d = |o: &str, x: &str| format!(r"\frac{{\partial {}}}{{\partial {}}}", at(out, o), at(logit, x));
        let diagonal = format!("{} = {}(1 - {})", d("i", "j"), at(out, "i"), at(out, "i"));
        let off = format!("{} = -{} {}", d("i", "j"), at(out, "i"), at(out, "j"));
        let post = two_cases(def, &diagonal, &off);
        assert_eq!(decided(&post), [(3, All, Proved), (7, Diagonal, Proved), (11, OffDiagonal, Proved)], "{post}");
        let post = kronecker(def, &format!(r"{} = {}(\delta_{{ij}} - {})", d("i", "j"), at(out, "i"), at(out, "j")));
        assert_eq!(decided(&post), [(3, All, Proved), (7, All, Proved)], "{post}");
        // A wrong sign in the off-diagonal case: refuted at its line.
        let post = two_cases(def, &diagonal, &format!("{} = {} {}", d("i", "j"), at(out, "i"), at(out, "j")));
        assert_eq!(decided(&post)[2], (11, OffDiagonal, Refuted), "{post}");
    }
}

#[test]
fn every_form_of_the_derivative_and_of_the_kronecker_delta() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}";
    for left in [
        r"\frac{\partial p_i}{\partial z_j}",
        r"\partial p_i / \partial z_j",
        r"\partial_{z_j} p_i",
        "D_j p_i",
        r"\frac{d p_i}{d z_j}",
    ] {
        for delta in [r"\delta_{ij}", r"\mathbb{1}_{i=j}", r"\mathbb{1}\{i=j\}", r"1\{i=j\}", "[i=j]"] {
            let post = kronecker(def, &format!("{left} = p_i({delta} - p_j)"));
            assert_eq!(decided(&post), [(3, All, Proved), (7, All, Proved)], "{post}");
            let post = kronecker(def, &format!("{left} = p_j({delta} - p_j)"));
            assert_eq!(decided(&post)[1], (7, All, Refuted), "{post}");
        }
    }
    // Shorthands the post defines for the normaliser.
    for (short, name) in [(r"\Sigma = \sum_k e^{z_k}", r"\Sigma"), (r"Z = \sum_{k=1}^{K} e^{z_k}", "Z")] {
        let post = format!(
            "Let $${short}$$\n\nand\n\n$$p_i = \\frac{{e^{{z_i}}}}{{{name}}}$$\n\nThen:\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = \\frac{{\\delta_{{ij}} e^{{z_i}} {name} - e^{{z_i}} e^{{z_j}}}}{{{name}^2}}$$\n"
        );
        // The shorthand's own definition is an identity, proved too.
        assert_eq!(decided(&post), [(1, All, Proved), (5, All, Proved), (9, All, Proved)], "{post}");
    }
}

#[test]
fn the_left_side_fixes_the_roles_of_the_index_letters() {
    let def = r"p_j = \frac{e^{z_j}}{\sum_k e^{z_k}}";
    // In ∂p_j/∂z_i the output's index is j.
    assert_eq!(
        decided(&kronecker(def, r"\frac{\partial p_j}{\partial z_i} = p_j(\delta_{ij} - p_i)"))[1],
        (7, All, Proved)
    );
    // A diagonal left side is the diagonal entry: decided at i = j.
    let post = kronecker(def, r"\frac{\partial p_j}{\partial z_j} = p_j(1 - p_j)");
    assert_eq!(decided(&post)[1], (7, Diagonal, Proved));
    // An index typo in a left side: the diagonal entry claimed equal to the off-diagonal value.
    let post = two_cases(
        def,
        r"\frac{\partial p_i}{\partial z_i} = p_i(1 - p_i)",
        r"\frac{\partial p_i}{\partial z_i} = -p_i p_i",
    );
    assert_eq!(decided(&post)[1..], [(7, Diagonal, Proved), (11, Diagonal, Refuted)]);
    // ... and with the other index on the right: refused, saying so (not decided on a guess).
    let post = two_cases(
        def,
        r"\frac{\partial p_i}{\partial z_j} = p_i(1 - p_i)",
        r"\frac{\partial p_i}{\partial z_i} = -p_i p_j",
    );
    let report = run(&post);
    assert!(report.lines.iter().all(|l| l.found.line != 11));
    assert!(report.unread.iter().any(|u| u.line == Some(11) && u.reason.contains("index typo")), "{:?}", report.unread);
}

#[test]
fn a_name_means_what_the_post_defines() {
    // Here `a_j` is the output and `z` the logits.
    let def = r"a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}";
    assert_eq!(
        decided(&kronecker(def, r"\frac{\partial a_i}{\partial z_j} = a_i(\delta_{ij} - a_j)"))[1],
        (7, All, Proved)
    );
    assert_eq!(
        decided(&kronecker(def, r"\frac{\partial a_i}{\partial z_j} = a_i(\delta_{ij} + a_j)"))[1],
        (7, All, Refuted)
    );
    // A wrong definition (the wrong logit on top) is refuted at its line.
    let wrong = decided(&kronecker(r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", r"p_i = \frac{e^{z_j}}{\sum_k e^{z_k}}"));
    assert_eq!(wrong[1], (7, All, Refuted));
    // A name the post does not define is not read.
    let report = run(&kronecker(def, r"\frac{\partial a_i}{\partial z_j} = q_i(\delta_{ij} - a_j)"));
    assert!(report.lines.iter().all(|l| l.found.line != 7));
}

#[test]
fn the_learner_and_the_reader_never_panic() {
    const PIECES: [&str; 24] = [
        r"p_i",
        r"=",
        r"\frac{",
        r"}{",
        r"}",
        r"e^{z_i}",
        r"\sum_{k=1}^{K}",
        r"e^{z_k}",
        r"\exp(",
        r")",
        r"\partial",
        r"\mathbb{1}\{i=j\}",
        r"[i=j]",
        r"\hat{y_",
        r"\mathbf{",
        r"_",
        r"^",
        r"&",
        r"\\",
        r"\text{é}",
        "ü",
        r"\Sigma",
        "D_j",
        "/",
    ];
    fn prop(parts: Vec<u8>, free: String) -> bool {
        let built: String = parts.iter().map(|&p| PIECES[usize::from(p) % PIECES.len()]).collect();
        for text in [built.as_str(), free.as_str()] {
            let n = Notation::learn_from([(text, 1), (r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}", 2)]);
            let _ = n.read(text, None);
            let _ = n.read(text, Some(('j', 'i')));
            let _ = Notation::default().read(text, None);
        }
        true
    }
    QuickCheck::new().rng(Gen::from_size_and_seed(40, 15)).tests(2000).quickcheck(prop as fn(Vec<u8>, String) -> bool);
}

/// Issue 15, item 3: a case stated in the post's own index letters — in the
/// logit's subscript (`z_{r=q}`, `z_{r \neq q}`), after the row (`(r \neq q)`,
/// `\text{if } r = q`) or in the prose above (`When $t = i$:`) — gives the row
/// its case when those letters are the row's own two indices; a condition on
/// other letters gives none (the row is then decided in both cases, never
/// refuted for it).
#[test]
fn cases_stated_in_the_posts_own_letters() {
    let def = r"\sigma(\mathbf z)_q = \frac{\exp(z_q)}{\sum_{k=1}^{n} \exp(z_k)}";
    let post = |rows: &[&str]| {
        let mut p = format!("Softmax:\n\n$${def}$$\n");
        for r in rows {
            p.push_str(&format!("\n{r}\n"));
        }
        p
    };
    let diag = r"\sigma_q(1 - \sigma_q)";
    let off = r"-\sigma_q \sigma_r";
    // In the subscript: lines 5 and 7.
    let right = post(&[
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_{{r=q}}}} = {diag}$$"),
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_{{r \neq q}}}} = {off}$$"),
    ]);
    assert_eq!(decided(&right), [(3, All, Proved), (5, Diagonal, Proved), (7, OffDiagonal, Proved)], "{right}");
    let wrong = post(&[
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_{{r=q}}}} = {diag}$$"),
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_{{r \neq q}}}} = {diag}$$"),
    ]);
    assert_eq!(decided(&wrong)[2], (7, OffDiagonal, Refuted), "{wrong}");
    // After the row, and in the prose above (line 7 is the display under the cue).
    let right = post(&[
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_r}} = {off} \quad (r \neq q)$$"),
        "When $r = q$:",
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_r}} = {diag}$$"),
    ]);
    assert_eq!(decided(&right), [(3, All, Proved), (5, OffDiagonal, Proved), (9, Diagonal, Proved)], "{right}");
    let wrong = post(&[
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_r}} = {diag} \quad (r \neq q)$$"),
        "When $r = q$:",
        &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_r}} = {off}$$"),
    ]);
    assert_eq!(decided(&wrong), [(3, All, Proved), (5, OffDiagonal, Refuted), (9, Diagonal, Refuted)], "{wrong}");
    // A condition on other letters states no case of this row: undecided, not refuted.
    let other = post(&["When $k = q$:", &format!(r"$$\frac{{\partial \sigma_q}}{{\partial z_r}} = {diag}$$")]);
    assert_eq!(decided(&other), [(3, All, Proved), (7, All, Verdict::Undecided)], "{other}");
}

/// What surrounds a relation and is no part of it: the sentence's
/// punctuation, a trailing quantifier, braces around the left side; δ as the
/// sign of a derivative; and a name such as `c1` is not the shift times 1.
#[test]
fn punctuation_quantifiers_braces_and_delta_around_a_relation() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}, \quad \forall i = 1, \dots, K.";
    let post = |row: &str| format!("Softmax:\n\n$${def}$$\n\nSo:\n\n$${row}$$\n");
    for row in [
        r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j).",
        r"{\frac{\partial p_i}{\partial z_j}} = p_i(\delta_{ij} - p_j)",
        r"\frac{\delta p_i}{\delta z_j} = p_i(\delta_{ij} - p_j) \quad \forall i, j",
    ] {
        assert_eq!(decided(&post(row)), [(3, All, Proved), (7, All, Proved)], "{row}");
        let wrong = row.replace("- p_j", "+ p_j");
        assert_eq!(decided(&post(&wrong)), [(3, All, Proved), (7, All, Refuted)], "{wrong}");
    }
    // `c1` names something the post does not define: unread, not refuted.
    let r = run(&post(r"c1 = e^{z_i}"));
    assert!(r.lines.iter().all(|l| l.found.line != 7), "{:?}", r.lines);
    assert!(r.unread.iter().any(|u| u.line == Some(7)), "{:?}", r.unread);
}

/// A sum is the definition's normaliser only over the definition's range
/// (index aside, or no range written): `\sum_{k=1}^{n}` in a post that
/// defines softmax over `j = 0 … n` is another sum, so a line using it is not
/// proved as if it were the same (it is unread, with the reason).
#[test]
fn a_sum_over_other_bounds_is_not_the_normaliser() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_{j=0}^{n} e^{z_j}}";
    let row = |lower: &str| {
        format!(
            r"\frac{{\partial p_i}}{{\partial z_j}} = \frac{{e^{{z_i}}\sum_{{k={lower}}}^{{n}} e^{{z_k}} - e^{{z_i}}e^{{z_j}}}}{{(\sum_{{k={lower}}}^n e^{{z_k}})^2}} \quad (i = j)"
        )
    };
    let post = |r: &str| format!("Softmax:\n\n$${def}$$\n\nSo:\n\n$${r}$$\n\n$$\\sum_k p_k = 1$$\n");
    assert_eq!(decided(&post(&row("0"))), [(3, All, Proved), (7, Diagonal, Proved), (9, All, Proved)]);
    let other = run(&post(&row("1")));
    assert_eq!(other.lines.iter().map(|l| l.found.line).collect::<Vec<_>>(), [3, 9]);
    let why = &other.unread.iter().find(|u| u.line == Some(7)).expect("line 7 is listed").reason;
    assert!(why.contains("other bounds than the definition's"), "{why}");
}

/// Issue 15, item 4: a row whose left side is a name the post does not
/// define (`\text{LogSoftmax}(z_i)`) is unread, but what it equals starts the
/// chain: the rows that continue it (in the same display or the next one)
/// are decided against it, and a wrong one is refuted at its line. MathJax's
/// `\displaylines{…}` and functions written without a backslash are read.
#[test]
fn a_chain_continues_a_row_whose_left_side_is_not_read() {
    let def = r"\displaylines{p_i = \frac{exp(z_i)}{\sum_{k=1}^{K} exp(z_k)}}";
    let post = |second: &str| {
        format!(
            "Softmax:\n\n$${def}$$\n\nIts logarithm:\n\n$$\\text{{LogSoftmax}}(z_i) = ln\\left(\\frac{{e^{{z_i}}}}{{\\sum_{{k=1}}^{{K}} e^{{z_k}}}}\\right)$$\n\n$$= {second}$$\n"
        )
    };
    let right = run(&post(r"z_i - \ln \sum_{k=1}^{K} e^{z_k}"));
    assert_eq!(
        right.lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect::<Vec<_>>(),
        [(3, Proved), (9, Proved)]
    );
    assert!(right.unread.iter().any(|u| u.line == Some(7) && u.reason.contains("decided against what it equals")));
    let wrong = run(&post(r"z_i + \ln \sum_{k=1}^{K} e^{z_k}"));
    assert_eq!(
        wrong.lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect::<Vec<_>>(),
        [(3, Proved), (9, Refuted)]
    );
}

/// Rounded decimals in a line of math (`e^2 + e = 7.389 + 2.718`) claim
/// equality at printed precision: never refuted for the rounding — judged at
/// printed precision among real numbers (`holds`, saying so; the controls in
/// tests/it/scalar.rs); an exact equality stays proved.
#[test]
fn rounded_decimals_in_a_line_are_not_refuted_for_their_rounding() {
    let post = |row: &str| {
        format!("Softmax:\n\n$$S_i = \\frac{{e^{{a_i}}}}{{\\sum_{{k=1}}^N e^{{a_k}}}}$$\n\nSo:\n\n$${row}$$\n")
    };
    let r = run(&post(r"e^2 + e^1 + e^0 = 7.389 + 2.718 + 1"));
    let line = r.lines.iter().find(|l| l.found.line == 7).expect("line 7 is read");
    assert_eq!(line.decision.verdict, Verdict::Holds, "{}", line.decision.reason);
    assert!(line.decision.reason.contains("equal at printed precision"), "{}", line.decision.reason);
    let r = run(&post(r"\frac{1}{2} + \frac{1}{4} = 0.75"));
    assert_eq!(r.lines.iter().find(|l| l.found.line == 7).map(|l| l.decision.verdict), Some(Proved));
}

/// The article's names in a post that defines others are not guessed: in a
/// post whose softmax is `p` of `z`, `S_i`, `a_j` and `Z` are unread, named.
#[test]
fn the_articles_names_are_not_guessed_in_a_post_that_defines_others() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}";
    for (row, name) in [
        (r"\frac{\partial p_i}{\partial z_j} = S_i(\delta_{ij} - S_j)", "`S`"),
        (r"\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j) + a_i - a_i", "`a`"),
        (r"p_i = \frac{e^{z_i}}{Z}", "`Z`"),
    ] {
        let r = run(&format!("Softmax:\n\n$${def}$$\n\nSo:\n\n$${row}$$\n"));
        assert!(r.lines.iter().all(|l| l.found.line != 7), "{row} is read");
        let why = &r.unread.iter().find(|u| u.line == Some(7)).expect("listed").reason;
        assert!(why.contains(name) && why.contains("not a name this post defines"), "{why}");
    }
    // Defined as a shorthand, `Z` is the post's.
    let post = format!("Softmax:\n\n$$Z = \\sum_k e^{{z_k}}$$\n\n$${def}$$\n\n$$p_i = \\frac{{e^{{z_i}}}}{{Z}}$$\n");
    assert!(run(&post).lines.iter().any(|l| l.found.line == 7 && l.decision.verdict == Proved));
}

/// A post whose softmax has a written number of logits (`\sum_{k=1}^{3}`)
/// claims its lines for that N only: a refutation found at another N is no
/// refutation of the post (undecided, saying so); proofs for every N stand.
#[test]
fn a_fixed_number_of_logits_bounds_what_a_refutation_may_use() {
    let post = |row: &str| {
        format!("Softmax:\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_{{k=1}}^{{3}} e^{{z_k}}}}$$\n\nSo:\n\n$${row}$$\n")
    };
    let right = run(&post(r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad (i \neq j)"));
    assert_eq!(right.lines[1].decision.verdict, Proved);
    let wrong = run(&post(r"\frac{\partial p_i}{\partial z_j} = p_i p_j \quad (i \neq j)"));
    let d = &wrong.lines[1].decision;
    assert!(d.verdict == Verdict::Undecided && d.reason.contains("N = 3"), "{:?}: {}", d.verdict, d.reason);
}

/// A second definition over the same logits and range adds its name for the
/// outputs (`\text{Softmax}(x_i) = …` after `p_j = …`); one over other bounds
/// adds none.
#[test]
fn a_second_definition_adds_a_name_for_the_outputs() {
    let post = |second: &str, row: &str| {
        format!(
            "Softmax:\n\n$$p_j = \\frac{{e^{{x_j}}}}{{\\sum_{{i=1}}^{{k}} e^{{x_i}}}}$$\n\nAlso:\n\n$${second}$$\n\nSo:\n\n$${row}$$\n"
        )
    };
    let second = r"\text{Softmax}(x_i) = \frac{\exp(x_i)}{\sum_{j=1}^{k} \exp(x_j)}";
    let right = r"\frac{\partial \text{Softmax}(x_i)}{\partial x_j} = -\text{Softmax}(x_i)\,p_j \quad (i \neq j)";
    assert_eq!(decided(&post(second, right)), [(3, All, Proved), (7, All, Proved), (11, OffDiagonal, Proved)]);
    let wrong = right.replace("= -", "= ");
    assert_eq!(decided(&post(second, &wrong))[2], (11, OffDiagonal, Refuted));
    // Over other bounds: not the same softmax, its name is not learned.
    let other = second.replace("j=1", "j=0");
    let r = run(&post(&other, right));
    assert!(
        r.lines.iter().all(|l| l.found.line != 11),
        "{:?}",
        r.lines.iter().map(|l| l.found.line).collect::<Vec<_>>()
    );
}

/// A row of a chain the tool does not read does not end the chain: the rows
/// below it are decided against the last row read — proved when equal; when
/// different, undecided, since the unread row between may be the wrong step.
#[test]
fn a_chain_goes_on_past_a_row_the_tool_does_not_read() {
    let post = |last: &str| {
        format!(
            "Softmax:\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\nWhen $i \\neq j$:\n\n$$\\begin{{aligned}}\n\\frac{{\\partial p_i}}{{\\partial z_j}} &= \\frac{{-e^{{z_i}} e^{{z_j}}}}{{(\\sum_k e^{{z_k}})^2}} \\\\\n&= \\mathcal{{Q}}(z) \\\\\n&= {last}\n\\end{{aligned}}$$\n"
        )
    };
    let right = run(&post("-p_i p_j"));
    assert_eq!(
        right.lines.iter().map(|l| (l.found.line, l.decision.verdict)).collect::<Vec<_>>(),
        [(3, Proved), (8, Proved), (10, Proved)]
    );
    assert!(right.unread.iter().any(|u| u.line == Some(9) && u.reason.contains("decided against the last row read")));
    let wrong = run(&post("p_i p_j"));
    let last = &wrong.lines[2].decision;
    assert_eq!(last.verdict, Verdict::Undecided, "{}", last.reason);
    assert!(last.reason.contains("line 9 between them was not read"), "{}", last.reason);
}

/// A row whose left side the tool reads (a derivative of the post's output,
/// its target index `t`) but whose right side it does not: the rows that
/// continue it are decided against that left side, in the case announced
/// above, with the post's letters as the roles; a wrong one is not proved,
/// and not blamed either (the row between was not read).
#[test]
fn a_chain_continues_a_row_whose_right_side_is_not_read() {
    let post = |last: &str| {
        format!(
            "Softmax:\n\n$$S_i = \\frac{{e^{{f_i}}}}{{\\sum_{{j=0}}^{{C-1}} e^{{f_j}}}}$$\n\nFor $i = t$:\n\n$$\\frac{{\\partial S_t}}{{\\partial f_i}} = \\mathcal{{Q}}(f) \\\\ = {last}$$\n"
        )
    };
    let right = run(&post(r"S_t(1 - S_i)"));
    assert_eq!(decided(&post(r"S_t(1 - S_i)")), [(3, All, Proved), (7, Diagonal, Proved)]);
    let why = &right.unread.iter().find(|u| u.line == Some(7)).expect("the head is listed").reason;
    assert!(why.contains("decided against its left side"), "{why}");
    let wrong = run(&post(r"S_t(1 + S_i)"));
    let last = &wrong.lines[1].decision;
    assert_eq!(last.verdict, Verdict::Undecided, "{}", last.reason);
    assert!(last.reason.contains("line 7 between them was not read"), "{}", last.reason);
    // The control: a left side the tool does not read either leaves the chain unread.
    let neither = post(r"S_t(1 - S_i)").replace(r"\partial S_t", r"\partial \mathcal{R}");
    assert_eq!(decided(&neither), [(3, All, Proved)]);
}

/// A sum that leaves one term out, with its bounds written (`\sum_{k=0, k \neq j}`,
/// `\sum_{k \neq i}^{K}`): the normaliser less that term when each bound is the
/// definition's, or its shorthand's; other bounds are not read.
#[test]
fn a_sum_that_leaves_a_term_out_with_its_bounds() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_{k=0}^{n} e^{z_k}}";
    let post = |row: &str| format!("Softmax:\n\n$${def}$$\n\nWhen $i \\neq j$:\n\n$${row}$$\n");
    for head in [r"\sum_{k=0, k \neq j}", r"\sum_{k \neq j, k=0}^{n}", r"\sum_{k \neq j}^{n}", r"\sum_{k \ne j}"] {
        let row = format!(r"\sum_{{k=0}}^{{n}} e^{{z_k}} = e^{{z_j}} + {head} e^{{z_k}}");
        assert_eq!(decided(&post(&row)), [(3, All, Proved), (7, OffDiagonal, Proved)], "{head}");
        // The control: the term left out put back at the other index.
        let wrong = format!(r"\sum_{{k=0}}^{{n}} e^{{z_k}} = e^{{z_i}} + {head} e^{{z_k}}");
        assert_eq!(decided(&post(&wrong)), [(3, All, Proved), (7, OffDiagonal, Refuted)], "{head}");
    }
    // Other bounds: not the normaliser less a term.
    let other = run(&post(r"\sum_{k=0}^{n} e^{z_k} = e^{z_j} + \sum_{k=1, k \neq j}^{n} e^{z_k}"));
    let why = &other.unread.iter().find(|u| u.line == Some(7)).expect("line 7 is listed").reason;
    assert!(why.contains("other bounds than the definition's"), "{why}");
    // A shorthand over `K` beside a definition over 3 logits: both ranges name the normaliser.
    let shorthand = "Softmax:\n\n$$y_i = \\frac{\\exp(\\theta_i)}{\\sum_{j=1}^{3} \\exp(\\theta_j)}$$\n\nLet $\\Sigma = \\sum_{j=1}^{K} \\exp(\\theta_j)$.\n\nWhen $i \\neq j$:\n\n$$\\sum_{j=1}^{K} \\exp(\\theta_j) = \\exp(\\theta_i) + \\sum_{k \\neq i}^{K} \\exp(\\theta_k)$$\n";
    assert_eq!(decided(shorthand).last(), Some(&(9, OffDiagonal, Proved)), "{:?}", run(shorthand).unread);
}

/// Regressions found in review, each a post of ours that once got a wrong
/// verdict (or a panic): the verdict each line must get now.
#[test]
fn reviewed_false_verdicts_stay_fixed() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}";
    let verdict_at = |post: &str, line: usize| -> Option<Verdict> {
        run(post).lines.iter().find(|l| l.found.line == line).map(|l| l.decision.verdict)
    };
    let one = |row: &str| format!("T\n\n$${def}$$\n\n$${row}$$\n");
    // A refuted line with a non-ASCII character (no panic), refuted.
    assert_eq!(verdict_at(&one(r"\frac{\partial p_i}{\partial z_j} = p_i p_j \quad (i ≠ j)"), 5), Some(Refuted));
    // A sum's `j \neq i` is not a case subscript: the sum leaves out the term k = i (it is
    // not decided as if it were `\sum_j`, which would refute the first and prove the second).
    assert_eq!(verdict_at(&one(r"p_i + \sum_{j \neq i} p_j = 1"), 5), Some(Proved));
    assert_eq!(verdict_at(&one(r"p_i + \sum_{j \neq i} p_j = 1 + p_i"), 5), Some(Refuted));
    // Without a range in the definition, a written range other than all N logits is another sum.
    for row in [r"p_i = \frac{e^{z_i}}{\sum_{k=1}^{N-1} e^{z_k}}", r"\sum_{k=2}^{N} p_k = 1"] {
        assert_eq!(verdict_at(&one(row), 5), None, "{row}");
    }
    assert_eq!(verdict_at(&one(r"\sum_{k=1}^{N} p_k = 1"), 5), Some(Proved));
    // A sum of outputs with more in its summand is not the sum of the outputs (which would
    // prove the first row): it is the sum of squares, for the exact layer.
    assert_eq!(verdict_at(&one(r"\sum_{k} p_k^2 = 1"), 5), Some(Refuted));
    assert_eq!(verdict_at(&one(r"\sum_{k} p_k (1 - p_k) = 1 - \sum_{k} p_k^2"), 5), Some(Proved));
    // A quantifier with a hypothesis is no remark to cut: the line stays unread, not refuted.
    assert_eq!(
        verdict_at(&one(r"p_i = \frac{1}{N} \quad \forall i \text{ when all the } z_k \text{ are equal}"), 5),
        None
    );
    // `\forall i \neq j` is the line's case.
    assert_eq!(
        verdict_at(&one(r"\frac{\partial p_i}{\partial z_j} = -p_i p_j, \quad \forall i \neq j"), 5),
        Some(Proved)
    );
    // A mention of another index under a heading's case does not hide the heading's case.
    let post = format!("T\n\n$${def}$$\n\n## When $i = j$\n\nOnly the term $k = j$ of the sum depends on $z_j$:\n\n$$p_i - p_i p_j = p_i(1-p_i)$$\n");
    assert_eq!(verdict_at(&post, 9), Some(Proved), "{post}");
    // A continuation under its own display's cue is in that case (here a false step, refuted).
    let post = format!("T\n\n$${def}$$\n\nWhen $i = j$:\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = p_i - p_i p_j$$\n\nWhen $i \\neq j$:\n\n$$= p_i(1 - p_i)$$\n");
    assert_eq!(verdict_at(&post, 11), Some(Refuted), "{post}");
    // A comparison takes the case stated in its own letters.
    let post = format!("T\n\n$${def}$$\n\nWhen $k \\neq j$:\n\n$$\\frac{{\\partial p_k}}{{\\partial z_j}} < 0$$\n");
    assert_eq!(verdict_at(&post, 7), Some(Proved), "{post}");
    // With a fixed N = 3, a comparison refuted only at N = 1 is not refuted.
    let post = "T\n\n$$p_i = \\frac{e^{z_i}}{\\sum_{k=1}^{3} e^{z_k}}$$\n\n$$0 < p_i < 1$$\n";
    assert_eq!(verdict_at(post, 5), Some(Verdict::Undecided));
}

/// Issue 15, item 3: a case stated in an HTML block (`<b>Case 1 : …</b>`,
/// MDX's `<InlineMath …/>`) is read like prose; a line that titles a case
/// (« Case 1 : $i \neq j$ ») holds, like a heading, for what follows until
/// the next case — past paragraphs of explanation.
#[test]
fn case_titles_in_html_or_bold_hold_for_what_follows() {
    let post = |diag_last: &str| {
        format!(
            "T\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n<b>\n  Case 1 : <InlineMath math=\"i \\neq j\" />\n</b>\n\nWith this we can simplify it as\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = -p_i p_j$$\n\nA long paragraph that explains things at length, so that it is more than eighty characters long.\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = -p_i p_j$$\n\n**Case 2: $i = j$**\n\nThen\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = {diag_last}$$\n"
        )
    };
    assert_eq!(
        decided(&post("p_i - p_i^2")),
        [(3, All, Proved), (11, OffDiagonal, Proved), (15, OffDiagonal, Proved), (21, Diagonal, Proved)]
    );
    assert_eq!(decided(&post("-p_i p_i"))[3], (21, Diagonal, Refuted));
}

/// Regressions from the adversarial review: prose that speaks of a case as
/// done or set aside announces none; a comparison or a derivative of another
/// quantity true in one case only, without a cue, is undecided; a name given
/// two values is no shorthand; an assumed least N bounds refutations.
#[test]
fn adversarial_false_verdicts_stay_fixed() {
    let def = r"p_i = \frac{e^{z_i}}{\sum_{k=1}^{N} e^{z_k}}";
    let verdict_at = |post: &str, line: usize| -> Option<Verdict> {
        run(post).lines.iter().find(|l| l.found.line == line).map(|l| l.decision.verdict)
    };
    for prose in [
        "Having done $i = j$, we turn to the off-diagonal entries:",
        "We already treated $i = j$. For the remaining entries:",
        "Unlike the case $i = j$, here we get:",
        "Le cas $i = j$ est traité. Pour les autres termes :",
    ] {
        let post = format!("T\n\n$${def}$$\n\n{prose}\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} = -p_i p_j$$\n");
        assert_eq!(verdict_at(&post, 7), Some(Verdict::Undecided), "{prose}");
        let wrong = post.replace("= -p_i p_j", "= p_i p_j");
        assert_eq!(verdict_at(&wrong, 7), Some(Refuted), "{prose}: wrong in both cases");
    }
    for row in [
        r"\frac{\partial p_i}{\partial z_j} \ge 0",
        r"\frac{\partial p_i}{\partial z_j} < 0",
        r"\frac{\partial}{\partial z_j} e^{z_i} = e^{z_j}",
        r"\frac{\partial \log p_i}{\partial z_j} = 1 - p_j",
    ] {
        let post = format!("T\n\n$${def}$$\n\n$${row}$$\n");
        assert_eq!(verdict_at(&post, 5), Some(Verdict::Undecided), "{row}");
    }
    // False in both cases: still refuted.
    assert_eq!(
        verdict_at(&format!("T\n\n$${def}$$\n\n$$\\frac{{\\partial p_i}}{{\\partial z_j}} > 1$$\n"), 5),
        Some(Refuted)
    );
    // A shorthand given another value later is no shorthand: nothing is decided against either value.
    let post = "T\n\n$$S_i = \\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k}}$$\n\nLet $$h = \\sum_{k=1}^{N} e^{a_k}$$\n\nWhen $i = j$, write $$h = 1 - S_i$$\n\n$$\\frac{\\partial S_i}{\\partial a_j} = S_i h$$\n";
    assert!(run(post).refuted_lines().is_empty(), "{:?}", run(post).refuted_lines());
}

/// A derivative written with its sign above the bar only
/// (`\frac{\delta S(x_i)}{x_j}`): a `derivative-sign` finding at its line,
/// refuted, with the fix; the rows are read as the derivative they mean and
/// say so. The control: the same post written right has no such finding.
#[test]
fn a_derivative_with_its_sign_above_the_bar_only() {
    let post = |den: &str| {
        format!(
            "Softmax:\n\n$$S(x_i) = \\frac{{e^{{x_i}}}}{{\\sum_k e^{{x_k}}}}$$\n\nWhen $i = j$:\n\n$$\\frac{{\\delta S(x_i)}}{{\\delta x_j}} = S(x_i)(1 - S(x_i))$$\n\nWhen $i \\neq j$:\n\n$$\\frac{{\\delta S(x_i)}}{{{den}}} = -S(x_i) S(x_j)$$\n"
        )
    };
    let wrong = run(&post("x_j"));
    let finding = wrong.claims.iter().find(|c| c.id.name() == "derivative-sign").expect("a derivative-sign finding");
    assert_eq!((finding.line, finding.verdict), (11, Refuted));
    let fix = finding.fix.as_ref().expect("a fix");
    assert_eq!(fix.new, "$$\\frac{\\delta S(x_i)}{\\delta x_j} = -S(x_i) S(x_j)$$");
    let line = wrong.lines.iter().find(|l| l.found.line == 11).expect("line 11 read");
    assert_eq!(line.decision.verdict, Proved);
    assert!(line.decision.reason.contains("derivative-sign finding"), "{}", line.decision.reason);
    assert_eq!(line.found.latex, "\\frac{\\delta S(x_i)}{x_j} = -S(x_i) S(x_j)");
    let right = run(&post("\\delta x_j"));
    assert!(right.claims.iter().all(|c| c.id.name() != "derivative-sign"));
    assert_eq!(decided(&post("\\delta x_j")), [(3, All, Proved), (7, Diagonal, Proved), (11, OffDiagonal, Proved)]);
    // A variable the post never differentiates by: a quotient, no finding (`\frac{\delta u}{u}`, a relative change).
    let relative = "Let $u = 4$:\n\n$$\\frac{\\delta S(x_i)}{u} = 1$$\n";
    assert!(run(relative).claims.iter().all(|c| c.id.name() != "derivative-sign"));
}

/// A gradient with one index (`\frac{\partial}{\partial z_i}` of log-sum-exp): the
/// derivative's index is the engine's j, whatever its letter; the control is refuted.
#[test]
fn a_gradient_with_one_index_in_its_own_letter() {
    let post = |value: &str| {
        format!(
            "Softmax:\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\nIts log-sum-exp:\n\n$$\\nabla_{{z_i}} \\text{{LSE}} = \\frac{{\\partial}}{{\\partial z_i}} \\ln \\sum_k e^{{z_k}} = {value}$$\n"
        )
    };
    assert_eq!(decided(&post("p_i")), [(3, All, Proved), (7, All, Proved)]);
    assert_eq!(decided(&post("1 - p_i")), [(3, All, Proved), (7, All, Refuted)]);
}

/// A shorthand over other bounds than the definition's (`Z = \sum_{k=1}^{N-1}`) names
/// another sum: a relation over those bounds is never read as the normaliser's.
#[test]
fn a_shorthand_over_other_bounds_is_not_the_normaliser() {
    let post = "Softmax:\n\n$$S_i = \\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k}}$$\n\nLet $Z = \\sum_{k=1}^{N-1} e^{a_k}$.\n\n$$\\sum_{i=1}^{N-1} S_i = 1$$\n";
    assert!(decided(post).iter().all(|(line, _, v)| *line != 7 || *v != Proved), "{:?}", decided(post));
    let zero = "Softmax:\n\n$$p_i = \\frac{e^{x_i}}{\\sum_{k=0}^{n} e^{x_k}}$$\n\nLet $Z = \\sum_{k=1}^{n} e^{x_k}$.\n\n$$p_i = \\frac{e^{x_i}}{\\sum_{k=1}^{n} e^{x_k}}$$\n";
    assert!(decided(zero).iter().all(|(line, _, v)| *line != 7 || *v != Proved), "{:?}", decided(zero));
}
