//! Issue 15, items 3 to 5, on posts we write: case cues wherever a post
//! writes them, a line without a case never refuted for want of one, chains
//! that blame an error once, and the coverage counts with their exit codes.

use dsoftmax::derivation::Scope::{self, All, Diagonal, OffDiagonal};
use dsoftmax::verdict::Verdict::{self, Proved, Refuted, Undecided};
use dsoftmax::verify::ArticleReport;

fn run(post: &str) -> ArticleReport {
    dsoftmax::verify::read_and_decide(post)
}

fn decided(post: &str) -> Vec<(usize, Scope, Verdict)> {
    run(post).lines.iter().map(|l| (l.found.line, l.found.scope, l.decision.verdict)).collect()
}

/// The diagonal value and the off-diagonal one, right.
const DIAGONAL: &str = "D_jS_i = S_i(1 - S_i)";
const OFF_DIAGONAL: &str = "D_jS_i = -S_iS_j";

#[test]
fn cues_in_headings_paragraphs_and_equations() {
    // A heading announces its section's case, for every display under it.
    let heading = format!("## Jacobian\n\n### When $j = i$\n\n$${DIAGONAL}$$\n\nso\n\n$$D_jS_i = S_i - S_i^2$$\n");
    assert_eq!(decided(&heading), [(5, Diagonal, Proved), (9, Diagonal, Proved)]);
    // A cue line right above the display, without a blank line.
    let above = format!("If $i = j$:\n$${DIAGONAL}$$\n\nFor $i \\neq j$:\n$${OFF_DIAGONAL}$$\n");
    assert_eq!(decided(&above), [(2, Diagonal, Proved), (5, OffDiagonal, Proved)]);
    // kramdown's inline $$…$$ as the cue.
    let inline = format!("When $$j \\neq i$$, we get\n\n$${OFF_DIAGONAL}$$\n");
    assert_eq!(decided(&inline), [(3, OffDiagonal, Proved)]);
    // The condition written after the formula.
    for (row, scope) in [
        (format!("{DIAGONAL} \\quad \\text{{if }} i = j"), Diagonal),
        (format!("{OFF_DIAGONAL} \\quad (i \\neq j)"), OffDiagonal),
        (format!("{OFF_DIAGONAL}, \\; \\text{{pour }} j \\ne i"), OffDiagonal),
        (format!("{OFF_DIAGONAL} \\qquad \\text{{unless }} i = j"), OffDiagonal),
    ] {
        assert_eq!(decided(&format!("$${row}$$\n")), [(1, scope, Proved)], "{row}");
    }
    // Negative controls: the same cues with the other case's value are refuted.
    let wrong_heading = format!("### When $j = i$\n\n$${OFF_DIAGONAL}$$\n");
    assert_eq!(decided(&wrong_heading), [(3, Diagonal, Refuted)]);
    let wrong_annotation = format!("$${DIAGONAL} \\quad (i \\neq j)$$\n");
    assert_eq!(decided(&wrong_annotation), [(1, OffDiagonal, Refuted)]);
    // A new heading ends the case of the one before.
    let next = format!("### When $j = i$\n\n$${DIAGONAL}$$\n\n### Next\n\n$$D_jS_i = S_i(\\delta_{{ij}} - S_j)$$\n");
    assert_eq!(decided(&next), [(3, Diagonal, Proved), (7, All, Proved)]);
}

#[test]
fn relations_joined_by_an_implication_are_read_one_by_one() {
    let post = format!("Lorsque $i = j$ :\n\n$${DIAGONAL} \\Rightarrow D_jS_i = S_i - S_i^2$$\n");
    assert_eq!(decided(&post), [(3, Diagonal, Proved), (3, Diagonal, Proved)]);
    // The control: the second relation wrong, refuted on its own.
    let wrong = format!("Lorsque $i = j$ :\n\n$${DIAGONAL} \\implies D_jS_i = S_i + S_i^2$$\n");
    assert_eq!(decided(&wrong), [(3, Diagonal, Proved), (3, Diagonal, Refuted)]);
}

#[test]
fn a_line_without_a_case_is_undecided_when_right_in_one_case_only() {
    let r = run(&format!("$${DIAGONAL}$$\n"));
    assert_eq!(r.lines[0].decision.verdict, Undecided);
    assert!(
        r.lines[0].decision.reason.contains("an identity when i = j, not when i ≠ j"),
        "{}",
        r.lines[0].decision.reason
    );
    let r = run(&format!("$${OFF_DIAGONAL}$$\n"));
    assert!(r.lines[0].decision.reason.contains("an identity when i ≠ j, not when i = j"));
    // Controls: wrong in both cases stays refuted; a line written for every
    // entry (δ_ij) is claimed for every entry, so an index typo is refuted.
    assert_eq!(decided("$$D_jS_i = S_i(1 + S_i)$$\n"), [(1, All, Refuted)]);
    assert_eq!(decided("$$D_jS_i = S_i(\\delta_{ij} - S_i)$$\n"), [(1, All, Refuted)]);
}

#[test]
fn a_chain_blames_its_error_once_across_displays() {
    let post = "\
Lorsque $i = j$ :

$$
\\begin{aligned}
D_jS_i &= \\frac{e^{a_i}\\sum_k e^{a_k} - e^{a_i}e^{a_i}}{(\\sum_k e^{a_k})^2} \\\\
&= S_i - 2 S_i^2 \\\\
&= S_i(1 - 2 S_i)
\\end{aligned}
$$

The chain goes on:

$$= 2 S_i(\\frac{1}{2} - S_i)$$
";
    let r = run(post);
    let seen: Vec<(usize, Scope, Verdict)> =
        r.lines.iter().map(|l| (l.found.line, l.found.scope, l.decision.verdict)).collect();
    // Line 6 introduces the error; 7 and 13 carry it (the continuation keeps the chain's case).
    assert_eq!(seen, [(5, Diagonal, Proved), (6, Diagonal, Refuted), (7, Diagonal, Proved), (13, Diagonal, Proved)]);
    for carried in &r.lines[2..] {
        assert!(
            carried.decision.reason.contains("wrong since line 6"),
            "line {}: {}",
            carried.found.line,
            carried.decision.reason
        );
    }
    // Control: a row that is wrong against the row above too is refuted itself.
    let twice = post.replace("2 S_i(\\frac{1}{2} - S_i)", "3 S_i(\\frac{1}{2} - S_i)");
    assert_eq!(run(&twice).lines[3].decision.verdict, Refuted);
}

#[test]
fn coverage_counts_every_relation_and_exit_codes_follow_them() {
    let right = format!("Lorsque $i = j$ :\n\n$${DIAGONAL}$$\n\n$$D_jS_i = \\frac{{S_i$$\n");
    let r = run(&right);
    assert_eq!((r.coverage.relations, r.coverage.read, r.coverage.decided), (2, 1, 1));
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["coverage"]["relations"], 2);
    assert!(json["unread"].as_array().is_some_and(|a| a.iter().all(|x| x["line"].is_u64())));
    // A declaration or a shown matrix relates nothing: a note, not an unread relation.
    let declared =
        format!("$$\\mathbf a \\in \\mathbb{{R}}^N$$\n\n$$\\begin{{bmatrix}} 1 & 2 \\end{{bmatrix}}$$\n\n{right}");
    let r = run(&declared);
    assert_eq!((r.coverage.relations, r.coverage.read), (2, 1), "{:?}", r.unread);
    assert_eq!(r.notes.len(), 2, "{:?}", r.notes);
    // Exit codes: 0 when every relation is read and decided, whatever the post does not state.
    let dir = std::env::temp_dir().join(format!("dsoftmax-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("post.md");
    for (text, code) in [
        (format!("Lorsque $i = j$ :\n\n$${DIAGONAL}$$\n"), 0),
        (right.clone(), 3),
        (format!("$${DIAGONAL}$$\n"), 3),
        (format!("Lorsque $i \\ne j$ :\n\n$${DIAGONAL}$$\n"), 1),
    ] {
        std::fs::write(&file, &text).unwrap();
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_dsoftmax"))
            .args(["verify", "--lang", "en", file.to_str().unwrap()])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(code), "{text}\n{stdout}");
        assert!(stdout.contains("relations,"), "{stdout}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The coverage of the relations about the softmax family: a toy example of
/// the chain rule (`z = 2x + y`) counts among the relations, not among those
/// about the family; a loss the post defines does, and so do the relations
/// that use it. `verify` prints both, and the JSON carries both.
#[test]
fn coverage_of_the_relations_about_the_family() {
    let post = "Chain rule:\n\n$$z = 2x + y$$\n\n$$\\frac{dz}{dx} = 2$$\n\nSoftmax:\n\n$$p_i = \\frac{e^{z_i}}{\\sum_k e^{z_k}}$$\n\nIts loss:\n\n$$L = -\\log p_t$$\n\n$$\\frac{\\partial L}{\\partial W} = \\mathcal{Q}$$\n\nWhen $i = j$:\n\n$$\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)$$\n";
    let r = run(post);
    let c = r.coverage;
    // `z = 2x + y` defines `z` (a note, no relation); `dz/dx = 2` is a relation, decided, not about the family.
    assert_eq!((c.relations, c.family), (5, 4), "{:?}", r.unread);
    assert_eq!((c.decided, c.family_decided), (4, 3), "{:?}", r.lines);
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!((json["coverage"]["family"].as_u64(), json["coverage"]["family_decided"].as_u64()), (Some(4), Some(3)));
    // The control: the same toy written with a logarithm is about the family.
    let with_log = post.replace("\\frac{dz}{dx} = 2", "\\frac{dz}{dx} = 2 + \\log 1");
    assert_eq!((run(&with_log).coverage.family, run(&with_log).coverage.family_decided), (5, 4));
}
