//! What a post shows of its Python code, against what the code really does
//! when run ([`crate::python`]): an output block after a code block (the
//! numbers it prints, at their printed precision, and the warnings it names),
//! the output under `>>>` lines, and a comment on a line that says what the
//! line does — that it crashes, returns NaN or overflows, works, or gives
//! these values. Whatever the variables are called: the code is run, not
//! matched. A refuted comment or printed number is corrected in the patch
//! with what really prints.
//!
//! Without an interpreter that imports what the post imports, each of those
//! claims is `undecided`, with that reason.

use super::{Finding, Kind};
use crate::article::{Document, Item};
use crate::python::{self, Block, Choice, Run, Statement};
use crate::verdict::Verdict;

mod comment;
mod output;
mod printed;

/// The info strings of a Python code block.
const PYTHON: [&str; 6] = ["python", "py", "python3", "ipython", "ipython3", "pycon"];
/// The info strings of a block of printed output.
const OUTPUT: [&str; 6] = ["text", "output", "console", "plaintext", "none", "txt"];

/// A place where the post shows what its code does.
enum Shown {
    /// A block of output after code block `block`, at `line`, or under `>>>` lines
    /// (`after`: the post line of the statement the output follows).
    Output { block: usize, after: Option<usize>, line: usize, text: String },
    /// A comment on line `line` of the code.
    Comment { line: usize, text: String, comment: String },
}

/// The post's code, as run: the blocks and what each shows.
struct Code {
    blocks: Vec<Block>,
    shown: Vec<Shown>,
}

fn info_is(info: Option<&str>, names: &[&str]) -> bool {
    let first = info.and_then(|i| i.split_whitespace().next()).map(|w| w.trim_matches(['{', '}', '.']).to_lowercase());
    first.is_some_and(|w| names.contains(&w.as_str()))
}

/// A code line's trailing comment: `#` outside a string literal, with code before it.
pub(super) fn trailing_comment(line: &str) -> Option<(usize, &str)> {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (k, c) in line.char_indices() {
        match (quote, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => {
                return (!line[..k].trim().is_empty()).then(|| (k, line[k + 1..].trim()));
            }
            _ => {}
        }
        escaped = false;
    }
    None
}

/// A `>>>` session as code: prompts removed, output lines blanked (so the code keeps
/// its lines), and each output with the line of the prompt it follows.
fn session(text: &str, first: usize) -> (String, Vec<(usize, usize, String)>) {
    let mut code = String::new();
    let mut outputs: Vec<(usize, usize, String)> = Vec::new();
    let mut prompt: Option<usize> = None;
    for (k, l) in text.lines().enumerate() {
        if let Some(rest) = l.strip_prefix(">>> ").or(l.strip_prefix(">>>")) {
            code.push_str(rest);
            prompt = Some(first + k);
        } else if let Some(rest) = l.strip_prefix("... ").or(l.strip_prefix("...")) {
            code.push_str(rest);
        } else {
            if let Some(p) = prompt.filter(|_| !l.trim().is_empty()) {
                match outputs.last_mut() {
                    Some((after, _, text)) if *after == p => {
                        text.push_str(l);
                        text.push('\n');
                    }
                    _ => outputs.push((p, first + k, format!("{l}\n"))),
                }
            }
        }
        code.push('\n');
    }
    (code, outputs)
}

/// The post's Python blocks and what it shows of them.
fn code_of(doc: &Document) -> Code {
    let mut code = Code { blocks: Vec::new(), shown: Vec::new() };
    let mut previous_python = false;
    for item in &doc.items {
        let Item::Code { info, text, line } = item else {
            previous_python = false;
            continue;
        };
        if info_is(info.as_deref(), &PYTHON) {
            let block = code.blocks.len();
            if text.lines().any(|l| l.starts_with(">>>")) {
                let (source, outputs) = session(text, *line);
                for (after, at, shown) in outputs {
                    code.shown.push(Shown::Output { block, after: Some(after), line: at, text: shown });
                }
                code.blocks.push(Block { line: *line, code: source });
            } else {
                for (k, l) in text.lines().enumerate() {
                    if let Some((_, comment)) = trailing_comment(l).filter(|(_, c)| !c.is_empty()) {
                        let (line, text, comment) = (line + k, l.to_string(), comment.to_string());
                        code.shown.push(Shown::Comment { line, text, comment });
                    }
                }
                code.blocks.push(Block { line: *line, code: text.clone() });
            }
            previous_python = true;
            continue;
        }
        let bare = info.as_deref().is_none_or(|i| i.trim().is_empty());
        if previous_python && (bare || info_is(info.as_deref(), &OUTPUT)) {
            let block = code.blocks.len() - 1;
            code.shown.push(Shown::Output { block, after: None, line: *line, text: text.clone() });
        }
        previous_python = false;
    }
    code
}

/// Where a post's code ran: the interpreter and its version, and how many statements ran.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CodeRun {
    /// The interpreter's path.
    pub interpreter: String,
    /// Its version (`3.11.2`).
    pub version: String,
    /// The top-level statements that ran.
    pub statements: usize,
}

/// Finds and decides what the post shows of its code, running it with the interpreter
/// `choice` gives; and where it ran, when it did.
pub(crate) fn find(doc: &Document, choice: &Choice) -> (Vec<Finding>, Option<CodeRun>) {
    let code = code_of(doc);
    let claims: Vec<&Shown> = code.shown.iter().filter(|s| claims_something(s)).collect();
    if claims.is_empty() {
        return (Vec::new(), None);
    }
    let modules: Vec<String> = code.blocks.iter().flat_map(|b| python::imports(&b.code)).collect();
    let run = python::find(choice, &modules)
        .map_err(|e| e.0)
        .and_then(|interpreter| python::run(&interpreter, &code.blocks, python::Limits::default()));
    match run {
        Ok(run) => {
            let found = claims.iter().flat_map(|s| decide(s, &run)).collect();
            let interpreter = run.interpreter.display().to_string();
            (found, Some(CodeRun { interpreter, version: run.version.clone(), statements: run.statements.len() }))
        }
        Err(why) => (claims.iter().map(|s| not_run(s, &format!("the code was not run: {why}"))).collect(), None),
    }
}

/// Whether the place claims something the run can decide.
fn claims_something(shown: &Shown) -> bool {
    match shown {
        Shown::Output { text, .. } => !text.trim().is_empty(),
        Shown::Comment { comment, .. } => !comment::CommentClaims::of(comment).is_empty(),
    }
}

fn not_run(shown: &Shown, why: &str) -> Finding {
    let (kind, line, text) = match shown {
        Shown::Output { line, text, .. } => (Kind::CodeOutput, *line, first_line(text)),
        Shown::Comment { line, text, .. } => (Kind::CodeComment, *line, text.clone()),
    };
    Finding::new(kind, line, &text, Verdict::Undecided, format!("not decided: {why}"))
}

pub(super) fn first_line(text: &str) -> String {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().to_string()
}

fn decide(shown: &Shown, run: &Run) -> Vec<Finding> {
    match shown {
        Shown::Output { block, after, line, text } => output::output(run, *block, *after, *line, text),
        Shown::Comment { line, text, comment } => vec![comment::comment_claims(run, *line, text, comment)],
    }
}

/// Decides a block of output against what the code printed.
/// The first environment error (a module, a file, the network this machine lacks) among
/// `statements`, as the reason what they show is not decided.
pub(super) fn environment<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> Option<String> {
    statements.into_iter().find_map(|s| {
        if let Some(e) = s.error.as_ref().filter(|e| e.environment && e.kind == "NameError") {
            return Some(format!(
                "not decided: line {} uses a name no code the tool ran defines ({}: a hidden cell, a block not \
                 read, or a statement that failed on this machine)",
                e.line, e.message
            ));
        }
        if let Some(e) = s.error.as_ref().filter(|e| e.environment) {
            return Some(format!(
                "not decided: line {} fails on this machine for want of what the code needs ({}: {})",
                e.line, e.kind, e.message
            ));
        }
        if s.machine {
            return Some(format!(
                "not decided: what line {} shows depends on the machine (versions, the platform, the clock, files, \
                 other programs)",
                s.lines.0
            ));
        }
        if s.tainted {
            return Some(format!(
                "not decided: line {} uses what a statement that failed on this machine would have set",
                s.lines.0
            ));
        }
        s.varies.then(|| {
            format!(
                "not decided: what line {} shows changes from one run to the next (random numbers without a seed, \
                 the time, …)",
                s.lines.0
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::comment::CommentClaims;
    use super::printed::{agrees, data_lines, numbers_in, rounded_like, warning_in};
    use super::*;

    #[test]
    fn comments_outside_strings_only() {
        assert_eq!(trailing_comment("x = 1 # one").map(|c| c.1), Some("one"));
        assert_eq!(trailing_comment("s = '#not' # yes").map(|c| c.1), Some("yes"));
        assert_eq!(trailing_comment("# a whole line"), None);
        assert_eq!(trailing_comment("s = \"a \\\" # b\""), None);
    }

    #[test]
    fn numbers_of_program_output() {
        let values = |l: &str| numbers_in(l).iter().map(|t| t.value).collect::<Vec<_>>();
        assert_eq!(values("array([5.75e-290, 2.40e-145, 1.00e+000])"), [5.75e-290, 2.40e-145, 1.0]);
        assert_eq!(values("[-666 -333    0]"), [-666.0, -333.0, 0.0]);
        assert_eq!(values("float64 python3.7 x1"), Vec::<f64>::new());
        let v = values("[nan nan -inf inf]");
        assert!(v[0].is_nan() && v[1].is_nan() && v[2] == f64::NEG_INFINITY && v[3] == f64::INFINITY);
        assert_eq!(values("[1. 0.5]"), [1.0, 0.5]);
        let t = numbers_in("2.40e-145")[0];
        assert!((t.half_unit - 0.5e-147).abs() < 1e-160);
    }

    #[test]
    fn a_printed_number_agrees_at_its_precision_and_nan_only_with_nan() {
        let t = |s: &str| numbers_in(s)[0];
        assert!(agrees(&t("0.936"), 0.93624));
        assert!(!agrees(&t("0.936"), 0.9366));
        assert!(agrees(&t("nan"), f64::NAN));
        assert!(!agrees(&t("0.0"), f64::NAN));
        assert!(!agrees(&t("nan"), 0.0));
        assert!(agrees(&t("1.00e+000"), 1.0));
        assert_eq!(rounded_like("3.8e-44", 3.72e-44), "3.7e-44");
        assert_eq!(rounded_like("1.00e+000", 1.0), "1.00e+000");
        assert_eq!(rounded_like("0.94", 0.93624), "0.94");
    }

    quickcheck::quickcheck! {
        fn reading_code_and_output_never_panics(text: String) -> bool {
            let _ = numbers_in(&text);
            let _ = text.lines().map(warning_in).count();
            let _ = text.lines().map(trailing_comment).count();
            let _ = session(&text, 1);
            let _ = data_lines(&text);
            let _ = CommentClaims::of(&text).is_empty();
            let post = format!("```python\n{text}\n```\n\n```\n{text}\n```\n");
            code_of(&crate::article::read(&post)).blocks.len() <= 2
        }
    }

    #[test]
    fn a_session_keeps_its_lines_and_outputs() {
        let (code, outputs) = session(">>> x = 2\n>>> x + 1\n3\n>>> print('a')\na\n", 10);
        assert_eq!(code, "x = 2\nx + 1\n\nprint('a')\n\n");
        assert_eq!(outputs, [(11, 12, "3\n".to_string()), (13, 14, "a\n".to_string())]);
    }
}
