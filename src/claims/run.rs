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

use super::{Finding, Fix, Kind};
use crate::article::{Document, Item};
use crate::python::{self, Block, Choice, Run, Statement};
use crate::verdict::Verdict;
use serde_json::json;

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
fn trailing_comment(line: &str) -> Option<(usize, &str)> {
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
        Shown::Comment { comment, .. } => !CommentClaims::of(comment).is_empty(),
    }
}

fn not_run(shown: &Shown, why: &str) -> Finding {
    let (kind, line, text) = match shown {
        Shown::Output { line, text, .. } => (Kind::CodeOutput, *line, first_line(text)),
        Shown::Comment { line, text, .. } => (Kind::CodeComment, *line, text.clone()),
    };
    Finding::new(kind, line, &text, Verdict::Undecided, format!("not decided: {why}"))
}

fn first_line(text: &str) -> String {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().to_string()
}

fn decide(shown: &Shown, run: &Run) -> Vec<Finding> {
    match shown {
        Shown::Output { block, after, line, text } => output(run, *block, *after, *line, text),
        Shown::Comment { line, text, comment } => vec![comment_claims(run, *line, text, comment)],
    }
}

/// What the block shows when run in a notebook (or, under a `>>>` prompt, the statement
/// at that line): what it printed and warned, and the last expression's value.
fn real_output(run: &Run, block: usize, after: Option<usize>) -> String {
    let statements: Vec<&Statement> = run
        .statements
        .iter()
        .filter(|s| s.block == block && after.is_none_or(|line| s.lines.0 <= line && line <= s.lines.1))
        .collect();
    let mut out = String::new();
    for (k, s) in statements.iter().enumerate() {
        let last = k + 1 == statements.len();
        // A statement skipped for the machine shows nothing the post's code would.
        let skipped = s.error.as_ref().is_some_and(|e| e.environment);
        let shown = if skipped {
            String::new()
        } else if last || after.is_some() {
            s.shown()
        } else {
            Statement { value: None, ..(*s).clone() }.shown()
        };
        out.push_str(&shown);
    }
    out
}

/// A warning line as Python prints one (`…: RuntimeWarning: overflow encountered in exp`).
fn warning_in(line: &str) -> Option<(String, String)> {
    let k = line.find("Warning:")?;
    let start = line[..k]
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |(s, c)| s + c.len_utf8());
    let category = line[start..k + "Warning".len()].to_string();
    Some((category, line[k + "Warning:".len()..].trim().to_string()))
}

/// The first words of a warning's message, which name what happened across numpy
/// versions (`invalid value encountered in true_divide` / `… in divide`).
fn gist(message: &str) -> String {
    let lower = message.to_lowercase();
    lower.split(" encountered").next().unwrap_or(&lower).trim().to_string()
}

/// A number as printed in program output.
#[derive(Clone, Copy, Debug)]
struct Token {
    value: f64,
    /// Half a unit of its last digit (0 for NaN and ±inf).
    half_unit: f64,
    /// Where it is in its line (byte range).
    at: (usize, usize),
}

/// The numbers of a line of output: `-1.5`, `5.75e-290`, `1.`, `nan`, `inf`, `-inf`,
/// but not the digits of a name (`float64`, `python3.7`) or a path.
fn numbers_in(line: &str) -> Vec<Token> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'/';
    while k < bytes.len() {
        if !line.is_char_boundary(k) {
            k += 1;
            continue;
        }
        let before_ok = k == 0 || !word_char(bytes[k - 1]);
        let start = k;
        let mut m = k;
        if before_ok && (bytes[m] == b'-' || bytes[m] == b'+') {
            m += 1;
        }
        let rest = &line[m..];
        let word = ["nan", "inf"].iter().find(|w| rest.starts_with(**w));
        if before_ok {
            if let Some(w) = word {
                let end = m + w.len();
                if end >= bytes.len() || !word_char(bytes[end]) {
                    let value = if *w == "nan" {
                        f64::NAN
                    } else if bytes[start] == b'-' {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    };
                    out.push(Token { value, half_unit: 0.0, at: (start, end) });
                    k = end;
                    continue;
                }
            }
        }
        if before_ok
            && m < bytes.len()
            && (bytes[m].is_ascii_digit() || (bytes[m] == b'.' && bytes.get(m + 1).is_some_and(u8::is_ascii_digit)))
        {
            let mut e = m;
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            let mut decimals = 0;
            if e < bytes.len() && bytes[e] == b'.' {
                e += 1;
                while e < bytes.len() && bytes[e].is_ascii_digit() {
                    e += 1;
                    decimals += 1;
                }
            }
            let mut exponent = 0i32;
            if e < bytes.len() && (bytes[e] == b'e' || bytes[e] == b'E') {
                let mut x = e + 1;
                if x < bytes.len() && (bytes[x] == b'-' || bytes[x] == b'+') {
                    x += 1;
                }
                let digits = x;
                while x < bytes.len() && bytes[x].is_ascii_digit() {
                    x += 1;
                }
                if x > digits {
                    exponent = line[e + 1..x].parse().unwrap_or(0);
                    e = x;
                }
            }
            let after_ok = e >= bytes.len() || !(bytes[e].is_ascii_alphanumeric() || bytes[e] == b'_');
            if let (true, Ok(value)) = (after_ok, line[start..e].trim_end_matches('.').parse::<f64>()) {
                let half_unit = 0.5 * 10f64.powi(exponent - decimals);
                out.push(Token { value, half_unit, at: (start, e) });
            }
            k = e.max(k + 1);
            continue;
        }
        k += 1;
    }
    out
}

/// Whether the printed `shown` is what `real` rounds to (NaN only as NaN, ±inf only as itself).
fn agrees(shown: &Token, real: f64) -> bool {
    if shown.value.is_nan() || real.is_nan() {
        return shown.value.is_nan() && real.is_nan();
    }
    if shown.value.is_infinite() || real.is_infinite() {
        // The same infinity, sign included.
        return shown.value.is_infinite()
            && real.is_infinite()
            && shown.value.is_sign_positive() == real.is_sign_positive();
    }
    // The shown value is a decimal rounding of the real one: within half a unit of its
    // last digit, plus the few ulps the decimal-to-binary parse of `shown` may be off.
    let slack = 4.0 * f64::EPSILON * shown.value.abs().max(real.abs());
    (real - shown.value).abs() <= shown.half_unit + slack
}

/// The data lines of an output (its warnings, and the source line Python echoes
/// after each, left out) with their offsets in the block.
fn data_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut after_warning = false;
    for (k, l) in text.lines().enumerate() {
        if warning_in(l).is_some() {
            after_warning = true;
            continue;
        }
        // Python echoes the warning's source line, indented: code, with letters (a line of
        // numbers there is output).
        if after_warning && l.starts_with(char::is_whitespace) && l.chars().any(|c| c.is_ascii_alphabetic()) {
            after_warning = false;
            continue;
        }
        after_warning = false;
        out.push((k, l));
    }
    out
}

/// Decides a block of output against what the code printed.
/// The first environment error (a module, a file, the network this machine lacks) among
/// `statements`, as the reason what they show is not decided.
fn environment<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> Option<String> {
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

fn output(run: &Run, block: usize, after: Option<usize>, line: usize, text: &str) -> Vec<Finding> {
    let ran: Vec<&Statement> = run
        .statements
        .iter()
        .filter(|s| s.block == block && after.is_none_or(|l| s.lines.0 <= l && l <= s.lines.1))
        .collect();
    // What prints something that changes from run to run cannot be compared at all.
    let undecided =
        |why: String| vec![Finding::new(Kind::CodeOutput, line, &first_line(text), Verdict::Undecided, why)];
    let varies = ran.iter().filter(|s| s.varies && !s.shown().is_empty());
    if let Some(why) = environment(varies.copied()) {
        return undecided(why);
    }
    if ran.iter().any(|s| s.truncated) {
        return undecided(
            "not decided: what the code prints here is longer than the run keeps (200 000 characters)".into(),
        );
    }
    if text.lines().any(|l| l.trim_start().starts_with("$ ")) {
        return undecided(
            "not decided: the output comes from a command with its own arguments (a `$ ` prompt line)".into(),
        );
    }
    // What depends on the machine (a statement skipped for a module, a file, the network it
    // lacks, or reading what one would have set) is never refuted: undecided where it differs.
    let decided = compare_output(run, block, after, line, text);
    let refuted = decided.iter().any(|f| f.verdict == Verdict::Refuted);
    match environment(ran.iter().copied()) {
        Some(why) if refuted => undecided(why),
        _ => decided,
    }
}

/// [`output`]'s comparison of the text shown with what the code printed.
fn compare_output(run: &Run, block: usize, after: Option<usize>, line: usize, text: &str) -> Vec<Finding> {
    let real = real_output(run, block, after);
    let finding = |verdict, detail: String, at: usize, statement: &str| {
        Finding::new(Kind::CodeOutput, line + at, statement, verdict, detail)
    };
    let evidence = format!("Run, the code prints:\n{}", indent(&real));
    // The warnings it names.
    let real_warnings: Vec<(String, String)> = real.lines().filter_map(warning_in).collect();
    for (k, l) in text.lines().enumerate() {
        let Some((category, message)) = warning_in(l) else { continue };
        let raised = real_warnings.iter().any(|(c, m)| *c == category && gist(m) == gist(&message));
        if !raised {
            let detail = format!("no {category} « {} » is raised. {evidence}", gist(&message));
            let ce = json!({"shown": l.trim(), "real": real});
            return vec![finding(Verdict::Refuted, detail, k, l).refuted(ce, None)];
        }
    }
    // The numbers it prints.
    let shown: Vec<(usize, &str, Token)> =
        data_lines(text).into_iter().flat_map(|(k, l)| numbers_in(l).into_iter().map(move |t| (k, l, t))).collect();
    let computed: Vec<f64> =
        data_lines(&real).into_iter().flat_map(|(_, l)| numbers_in(l).into_iter().map(|t| t.value)).collect();
    let first = first_line(text);
    if shown.is_empty() {
        let squeeze = |t: &str| {
            let lines: Vec<&str> = data_lines(t).into_iter().map(|(_, l)| l).collect();
            lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let (post, program) = (squeeze(text), squeeze(&real));
        return vec![if post.is_empty() {
            finding(Verdict::Holds, format!("the warnings it shows are raised. {evidence}"), 0, &first)
        } else if post == program {
            finding(Verdict::Holds, format!("what the post shows is what the code prints. {evidence}"), 0, &first)
        } else {
            let why = "the output shows no numbers, and its text is not what the code prints (not compared further)";
            finding(Verdict::Undecided, format!("{why}. {evidence}"), 0, &first)
        }];
    }
    let raised = run
        .statements
        .iter()
        .filter(|s| s.block == block && after.is_none_or(|l| s.lines.0 <= l && l <= s.lines.1))
        .find_map(|s| s.error.as_ref());
    if computed.is_empty() {
        if let Some(e) = raised {
            // An error of arithmetic (the only kind not taken for the machine's): a fact of the code.
            let detail =
                format!("the code raises {}: {} here, where the post shows numbers. {evidence}", e.kind, e.message);
            let ce = json!({"raised": e.kind, "real": real});
            return vec![finding(Verdict::Refuted, detail, shown[0].0, shown[0].1).refuted(ce, None)];
        }
        // The value of a last assignment, a cell the post does not show: not this code's output.
        let why = "the code prints nothing here: what the post shows comes from code it does not show";
        return vec![finding(Verdict::Undecided, format!("not decided: {why}"), shown[0].0, shown[0].1)];
    }
    // The post may show part of what prints (its last lines): its numbers then agree with a
    // run of the printed ones.
    let part = shown.len() < computed.len()
        && (0..=computed.len() - shown.len())
            .any(|o| shown.iter().zip(&computed[o..]).all(|((_, _, t), v)| agrees(t, *v)));
    if part {
        let detail = format!("its numbers are part of what the code prints, each to the last digit shown. {evidence}");
        return vec![finding(Verdict::Holds, detail, shown[0].0, shown[0].1)];
    }
    if shown.len() != computed.len() {
        if text.contains("...") || text.contains('…') {
            let why = "the post shortens the output (`...`): its numbers are not compared one by one";
            return vec![finding(
                Verdict::Undecided,
                format!("not decided: {why}. {evidence}"),
                shown[0].0,
                shown[0].1,
            )];
        }
        let detail = format!("the post shows {} numbers, the code prints {}. {evidence}", shown.len(), computed.len());
        let ce = json!({"shown": shown.len(), "printed": computed.len(), "real": real});
        return vec![finding(Verdict::Refuted, detail, shown[0].0, shown[0].1).refuted(ce, None)];
    }
    // Each line with a number the code does not print: refuted, every such number of it corrected.
    let mut out = Vec::new();
    let mut k = 0;
    while k < shown.len() {
        let at = shown[k].0;
        let on_line: Vec<usize> = (k..shown.len()).take_while(|&m| shown[m].0 == at).collect();
        let wrong: Vec<usize> = on_line.iter().copied().filter(|&m| !agrees(&shown[m].2, computed[m])).collect();
        if let Some(&m) = wrong.first() {
            let l = shown[m].1;
            let token = shown[m].2;
            let written = &l[token.at.0..token.at.1];
            let detail = format!(
                "the post shows {written}, the code gives {} (half a unit of the last digit shown is {:e}). {evidence}",
                python_number(computed[m]),
                token.half_unit
            );
            let mut new = String::new();
            let mut last = 0;
            for &w in &wrong {
                let t = shown[w].2;
                new.push_str(&l[last..t.at.0]);
                new.push_str(&rounded_like(&l[t.at.0..t.at.1], computed[w]));
                last = t.at.1;
            }
            new.push_str(&l[last..]);
            let fix = Fix { line: line + at, old: l.to_string(), new };
            let ce = json!({"shown": written, "real": python_number(computed[m])});
            out.push(finding(Verdict::Refuted, detail, at, l).refuted(ce, Some(fix)));
        }
        k += on_line.len();
    }
    if !out.is_empty() {
        return out;
    }
    let what = match shown.len() {
        1 => "its number is".to_string(),
        n => format!("its {n} numbers are"),
    };
    let detail = format!("{what} what the code prints, to the last digit shown. {evidence}");
    vec![finding(Verdict::Holds, detail, shown[0].0, shown[0].1)]
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// A value as Python prints a float (`nan`, `inf`, `0.5`, `5.75e-290`).
fn python_number(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        }
    } else {
        crate::format_number(v)
    }
}

/// `value` written with as many digits as `written` (`3.8e-44` → `3.7e-44`).
fn rounded_like(written: &str, value: f64) -> String {
    if !value.is_finite() {
        return python_number(value);
    }
    let lower = written.to_lowercase();
    let (mantissa, scientific) = match lower.find('e') {
        Some(k) => (&lower[..k], true),
        None => (&lower[..], false),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    if scientific {
        let s = format!("{value:.decimals$e}");
        // Rust writes `5.75e-290`; keep the post's exponent style (`e+00`, `e-05`).
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = e.parse().unwrap_or(0);
        let digits = written.split(['e', 'E']).nth(1).map_or(0, |x| x.trim_start_matches(['-', '+']).len());
        let sign = if exp < 0 {
            "-"
        } else if written.contains("e+") || written.contains("E+") {
            "+"
        } else {
            ""
        };
        format!("{m}e{sign}{:0digits$}", exp.abs())
    } else {
        format!("{value:.decimals$}")
    }
}

/// What a comment says a line does.
#[derive(Default)]
struct CommentClaims {
    /// It crashes (raises).
    crashes: Option<bool>,
    /// It gives NaN or ±inf, or overflows.
    non_finite: bool,
    /// It works (no exception, no warning, finite values).
    works: bool,
    /// The values it gives, as written.
    values: Option<Vec<super::lists::Printed>>,
}

impl CommentClaims {
    /// What an affirmative comment says the line does: a comment with a negation, an
    /// intent or a condition ("avoid overflow", "no NaN here", "should be 1", « sans
    /// débordement ») says nothing the run can decide.
    fn of(comment: &str) -> CommentClaims {
        const HEDGES: [&str; 30] = [
            "avoid",
            "prevent",
            "no ",
            "not",
            "n't",
            "never",
            "without",
            "no longer",
            "instead",
            "should",
            "would",
            "could",
            "might",
            "may ",
            "if ",
            "unless",
            "expect",
            "to be",
            "sans",
            "pas ",
            "pas,",
            "pas.",
            "évite",
            "éviter",
            "doit",
            "devrait",
            "pour ne",
            "si ",
            "au lieu",
            "jamais",
        ];
        let lower = format!("{} ", comment.to_lowercase());
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&HEDGES) || lower.ends_with("pas ") {
            return CommentClaims::default();
        }
        // `nan`, `inf` as words of their own (`-inf` too; not `inf-norm`, `info`).
        let standalone = |w: &str| {
            lower.match_indices(w).any(|(k, _)| {
                let before = lower[..k].chars().next_back();
                let after = lower[k + w.len()..].chars().next();
                before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                    && after.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
            })
        };
        CommentClaims {
            crashes: has(&["plante", "crash", "segfault", "raises", "lève", "throws", "fails with"]).then_some(true),
            non_finite: standalone("nan") || standalone("inf") || has(&["overflow", "déborde", "débordement"]),
            works: has(&["works", "fonctionne", "correctement", "correctly"]),
            values: result_list(comment),
        }
    }

    fn is_empty(&self) -> bool {
        self.crashes.is_none() && !self.non_finite && !self.works && self.values.is_none()
    }
}

/// The values a comment gives as the line's result: a list that ends it (`# now [-200, -100, 0]`),
/// not one inside an expression it quotes (`# np.array([0]) / np.array([0]) = NaN`).
fn result_list(comment: &str) -> Option<Vec<super::lists::Printed>> {
    let end = comment.trim_end().trim_end_matches(['.', ',', ';', ')', ' ']).len();
    let (at, before, values) = super::lists::in_line(comment).into_iter().last()?;
    let close = at + comment[at..].find(']')?;
    let ends = close + 1 >= end;
    // What comes before it says it is the result: nothing, or a verb or sign of one
    // (`# [0, 0, nan]`, `# now […]`, `# devient […]`, `# -> […]`), not `# shape [2, 3]`.
    const CUES: [&str; 20] = [
        "→",
        "->",
        "=",
        ":",
        "gives",
        "give",
        "returns",
        "return",
        "renvoie",
        "donne",
        "devient",
        "becomes",
        "now",
        "is",
        "vaut",
        "prints",
        "affiche",
        "output",
        "result",
        "résultat",
    ];
    let lead = before.trim().to_lowercase();
    let cued = lead.is_empty() || CUES.iter().any(|c| lead.ends_with(c));
    (ends && cued).then_some(values)
}

/// The statement that ran line `line`, if one did.
fn statement_at(run: &Run, line: usize) -> Option<&Statement> {
    run.statements.iter().find(|s| s.lines.0 <= line && line <= s.lines.1)
}

/// The value a statement gives: an expression's, the one name it assigns, or the
/// numbers it prints (`print(softmax(x))`).
fn value_of(s: &Statement) -> Option<python::Value> {
    let printed = || {
        let numbers: Vec<f64> =
            data_lines(&s.printed).iter().flat_map(|(_, l)| numbers_in(l)).map(|t| t.value).collect();
        (!numbers.is_empty()).then(|| python::Value { repr: s.printed.trim().to_string(), numbers: Some(numbers) })
    };
    s.value
        .clone()
        .or_else(|| (s.assigned.len() == 1).then(|| s.assigned.values().next().cloned()).flatten())
        .or_else(printed)
}

/// A value as the evidence shows it: its numbers to 6 significant digits (the last bits
/// of `exp` differ between numpy builds), else Python's `repr`.
fn shown_value(v: &python::Value) -> String {
    match &v.numbers {
        Some(n) if n.len() > 1 || v.repr.starts_with(['[', '(']) || v.repr.starts_with("array") => {
            format!("[{}]", n.iter().map(|x| six_digits(*x)).collect::<Vec<_>>().join(", "))
        }
        Some(n) if n.len() == 1 => six_digits(n[0]),
        _ => v.repr.clone(),
    }
}

/// `x` to 6 significant digits, as Python prints a float (`nan`, `inf`, `0.5`, `5.75274e-290`).
fn six_digits(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return python_number(x);
    }
    let rounded: f64 = format!("{x:.5e}").parse().unwrap_or(x);
    crate::format_number(rounded)
}

/// The warnings, each once (numpy warns at each `np.exp` that overflows).
fn distinct(warnings: &[python::Warning]) -> Vec<&python::Warning> {
    let mut out: Vec<&python::Warning> = Vec::new();
    for w in warnings {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// What a statement did, in words, for evidence and corrections.
fn what_it_did(s: &Statement) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &s.error {
        parts.push(format!("raises {}: {}", e.kind, e.message));
    }
    for w in distinct(&s.warnings) {
        parts.push(format!("warns {}: {}", w.category, w.message));
    }
    let named = s.value.as_ref().map(shown_value).or_else(|| {
        (s.assigned.len() == 1)
            .then(|| s.assigned.iter().next().map(|(k, v)| format!("{k} = {}", shown_value(v))))
            .flatten()
    });
    if let Some(v) = named {
        parts.push(format!("gives {v}"));
    }
    if parts.is_empty() {
        "runs without error or warning".into()
    } else {
        parts.join("; ")
    }
}

/// Decides what a comment says a line does, against what the line did.
fn comment_claims(run: &Run, line: usize, text: &str, comment: &str) -> Finding {
    let claims = CommentClaims::of(comment);
    let finding = |verdict, detail| Finding::new(Kind::CodeComment, line, text, verdict, detail);
    let Some(s) = statement_at(run, line) else {
        let stop =
            run.statements.iter().rev().find_map(|s| s.error.as_ref()).map_or(String::new(), |e| {
                format!(": its block stopped at line {} ({}: {})", e.line, e.kind, e.message)
            });
        return finding(Verdict::Undecided, format!("the line did not run{stop}"));
    };
    if s.compound {
        return finding(
            Verdict::Undecided,
            format!(
                "the line is inside a compound statement (lines {}–{}): what it does alone is not recorded",
                s.lines.0, s.lines.1
            ),
        );
    }
    if let Some(why) = environment([s]) {
        return finding(Verdict::Undecided, why);
    }
    let did = what_it_did(s);
    let values = value_of(s).and_then(|v| v.numbers);
    // numpy's "overflow encountered" gives inf, its "invalid value encountered" NaN.
    let overflow = |text: &str| ["overflow", "range", "invalid value"].iter().any(|w| text.to_lowercase().contains(w));
    // An exception overflows but returns nothing: it is what "overflows" says, not "returns inf".
    let returns = ["return", "renvoie", "gives", "donne", "="].iter().any(|w| comment.to_lowercase().contains(w));
    let non_finite = values.as_ref().is_some_and(|v| v.iter().any(|x| !x.is_finite()))
        || s.warnings.iter().any(|w| overflow(&w.message))
        || (!returns && s.error.as_ref().is_some_and(|e| overflow(&e.kind) || overflow(&e.message)));
    let mut wrong: Vec<String> = Vec::new();
    match claims.crashes {
        Some(true) if s.error.is_none() => wrong.push("it does not crash".into()),
        Some(false) if s.error.is_some() => wrong.push("it raises an exception".into()),
        _ => {}
    }
    if claims.non_finite && !non_finite {
        wrong.push("nothing overflows and no value is NaN or infinite".into());
    }
    if claims.works
        && (s.error.is_some()
            || !s.warnings.is_empty()
            || values.as_ref().is_some_and(|v| v.iter().any(|x| !x.is_finite())))
    {
        wrong.push("it does not work as it should".into());
    }
    if let Some(written) = &claims.values {
        match &values {
            Some(v) if v.len() == written.len() => {
                let bad = written.iter().zip(v).find(|(p, x)| {
                    let token = Token { value: p.value, half_unit: p.half_unit(), at: (0, 0) };
                    !agrees(&token, **x)
                });
                if let Some((p, x)) = bad {
                    wrong.push(format!("it gives {} where the comment says {}", python_number(*x), p.value));
                }
            }
            Some(v) => wrong.push(format!("it gives {} values, the comment {}", v.len(), written.len())),
            // An in-place change, a tuple unpacked: no value of the line to compare.
            None if wrong.is_empty() => {
                return finding(
                    Verdict::Undecided,
                    format!("the line gives no value to compare with the comment's: run, the line {did}"),
                );
            }
            None => {}
        }
    }
    let evidence = format!("run, the line {did}");
    if wrong.is_empty() {
        return finding(Verdict::Holds, format!("the comment says what the line does: {evidence}"));
    }
    let fix = comment_fix(line, text, comment, s, values.as_deref());
    let ce = json!({"did": did});
    finding(Verdict::Refuted, format!("{}: {evidence}", wrong.join("; "))).refuted(ce, fix)
}

/// The comment rewritten to say what the line does, in the comment's language:
/// `# Ne plante pas : renvoie [0, 0, nan] (RuntimeWarning : overflow encountered in exp)`.
fn comment_fix(line: usize, text: &str, comment: &str, s: &Statement, values: Option<&[f64]>) -> Option<Fix> {
    let french = super::code::french(comment);
    let colon = if french { " : " } else { ": " };
    let sentence = match &s.error {
        Some(e) => format!("{} {}{colon}{}", if french { "Lève" } else { "Raises" }, e.kind, e.message),
        None => {
            let mut words = Vec::new();
            if CommentClaims::of(comment).crashes == Some(true) {
                words.push(if french { "Ne plante pas" } else { "Does not crash" }.to_string());
            }
            if let Some(v) = values {
                let shown: Vec<String> = v.iter().map(|x| python_number(*x)).collect();
                let verb = if french { "renvoie" } else { "returns" };
                words.push(format!("{verb} [{}]", shown.join(", ")));
            }
            let mut sentence = words.join(colon);
            let warned: Vec<String> = distinct(&s.warnings).iter().map(|w| w.message.clone()).collect();
            if let Some(first) = distinct(&s.warnings).first() {
                sentence.push_str(&format!(" ({}{colon}{})", first.category, warned.join("; ")));
            }
            sentence
        }
    };
    // Nothing to say in its place: no correction (never an emptied comment).
    if sentence.trim().is_empty() {
        return None;
    }
    let hash = trailing_comment(text).map_or(text.len(), |(k, _)| k);
    Some(Fix { line, old: text.to_string(), new: format!("{}# {}", &text[..hash], sentence.trim()) })
}

#[cfg(test)]
mod tests {
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
