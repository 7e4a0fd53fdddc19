//! The command line: arguments (clap), dispatch, output.

/// Writes formatted text to standard output ([`write_out`]): a closed pipe
/// ends the output quietly, another write error is returned (exit 2).
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::write_out(&format!($($arg)*))? };
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::write_out(&format!("{}\n", format_args!($($arg)*)))? };
}

mod check_cmd;
mod explain_cmd;
mod report_cmd;
mod study_cmds;
mod verify_cmd;
mod verify_text;

use anyhow::Result;
use clap::{Parser, Subcommand};
use dsoftmax::decide::Decision;
use dsoftmax::lang::Lang;
use dsoftmax::verdict::Verdict;

/// What a command established, mapped to the exit code by `main`.
pub enum Status {
    /// Everything checked is proved or holds (exit 0).
    AllHold,
    /// Something is refuted (exit 1).
    Refuted,
    /// Nothing refuted, something undecided (exit 3).
    Undecided,
}

impl Status {
    /// The status of a verdict.
    pub fn of(v: Verdict) -> Status {
        match v {
            Verdict::Proved | Verdict::Holds => Status::AllHold,
            Verdict::Refuted => Status::Refuted,
            Verdict::Undecided => Status::Undecided,
        }
    }
}

/// A decision as text in `lang`: the verdict and reason, the proof's cases, the
/// counterexample (every digit of its values), the warnings.
pub fn decision_text(d: &Decision, lang: Lang) -> String {
    use dsoftmax::report::prose;
    use std::fmt::Write as _;
    let mut out = String::new();
    let verdict = prose::verdict_word(lang, d.verdict).to_uppercase();
    let _ = writeln!(out, "verdict{} {verdict} — {}", lang.pick(" :", ":"), prose::reason_in(d, lang));
    if let Some(p) = &d.proof {
        for h in &p.hypotheses {
            let _ = writeln!(out, "  {} {h}", lang.pick("en supposant", "assuming"));
        }
        for (case, result) in &p.cases {
            let _ = writeln!(out, "  {:<13} {}", case.label(), prose::case_result(lang, result));
        }
    }
    if let Some(c) = &d.counterexample {
        counterexample_text(&mut out, c, lang);
    }
    if let Some(n) = &d.numeric {
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "  numeric: {} entries of {} inputs, {} re-evaluated in interval arithmetic (up to {} bits), {} undecided",
                n.entries, n.inputs, n.escalated, n.max_bits, n.undecided
            ),
            Lang::Fr => writeln!(
                out,
                "  numérique : {} coefficients de {} entrées, {} réévalués en arithmétique d'intervalles (jusqu'à {} bits), {} indécis",
                n.entries, n.inputs, n.escalated, n.max_bits, n.undecided
            ),
        };
    }
    for w in &d.warnings {
        let _ = writeln!(out, "{} {w}", lang.pick("avertissement :", "warning:"));
    }
    out
}

/// A counterexample as text: where (every digit), what the line gives, the true value, how it is certified.
fn counterexample_text(out: &mut String, c: &dsoftmax::decide::Counterexample, lang: Lang) {
    use std::fmt::Write as _;
    let list = |v: &[f64]| lang.bracket(&v.iter().map(|&x| lang.exact(x)).collect::<Vec<_>>());
    let a = c.a_exact.clone().unwrap_or_else(|| list(&c.a));
    // The free constant's value, when the formula has one.
    let shift = c.c.map(|v| format!(", c = {}", lang.exact(v))).unwrap_or_default();
    let labels = c.y.as_ref().map(|y| format!(", y = {}", list(y))).unwrap_or_default();
    let temperature = c.t.map(|t| format!(", T = {}", lang.exact(t))).unwrap_or_default();
    let (i, j, case) = (c.i, c.j, c.case.label());
    let _ = match lang {
        Lang::En => {
            writeln!(out, "  counterexample: a = {a}{shift}{labels}{temperature}, i = {i}, j = {j} (case {case})")
        }
        Lang::Fr => {
            writeln!(out, "  contre-exemple : a = {a}{shift}{labels}{temperature}, i = {i}, j = {j} (cas {case})")
        }
    };
    match &c.undefined {
        Some(why) => {
            let _ = writeln!(
                out,
                "    {} {why}",
                lang.pick("la formule n'y est pas définie :", "the formula is undefined there:")
            );
        }
        None => {
            let _ = writeln!(out, "    {} {}", lang.pick("la ligne donne", "claimed"), lang.exact(c.claimed));
        }
    }
    let _ = writeln!(out, "    {} {}", lang.pick("vraie valeur  ", "true   "), lang.exact(c.reference));
    if c.undefined.is_none() {
        let _ = writeln!(out, "    {} {}", lang.pick("écart         ", "claimed − true ="), lang.styled(&c.difference));
    }
    let _ = writeln!(out, "    {} {}", lang.pick("certifié par", "certified by"), c.certified_by);
}

/// The interpreter `--python` names: `none` runs nothing, a path runs that one, and
/// without the option the first python3 on PATH that imports what the post imports —
/// but for our reference post (`reference`), none: its findings are then the same on
/// every machine.
pub fn python_choice(arg: Option<&std::path::Path>, reference: bool) -> dsoftmax::python::Choice {
    use dsoftmax::python::Choice;
    match arg {
        None if reference => Choice::Off,
        None => Choice::Auto,
        Some(p) if p.as_os_str() == "none" => Choice::Off,
        Some(p) => Choice::Path(p.to_path_buf()),
    }
}

/// Verifies, line by line, an article's derivation of the softmax Jacobian
/// D_jS_i = S_i(δ_ij − S_j). Indices are 1-based, as in the article.
#[derive(Parser)]
#[command(name = "dsoftmax", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decide every claim and every line of the derivation (proved, holds, refuted, undecided); exit 1 if any is refuted, 3 if undecided.
    Verify(verify_cmd::Args),
    /// Run every check, render the figures and write REPORT.md (default folder: reports/).
    Report(report_cmd::Args),
    /// Walk the derivation at one entry (a, i, j), line by line.
    Explain(explain_cmd::Args),
    /// Decide a formula for ∂S_i/∂a_j: proved exactly, or numerically certified; exit 1 if refuted, 3 if undecided.
    Check(check_cmd::Args),
    /// Print S(a) (and the naive formula's result with --naive).
    Softmax(study_cmds::SoftmaxArgs),
    /// Print the Jacobian at a point by one method.
    Jacobian(study_cmds::JacobianArgs),
}

/// The most generated inputs `verify --count` and `check --samples` accept:
/// measured (`cargo bench`, 2 cores), `verify --count 4000` takes about 3.3 s
/// and a `check` outside the exact fragment about 3 s, within the 5 s every
/// command must keep to.
const MAX_INPUTS: usize = 4_000;

/// Parses a `--count`/`--samples` value, at most [`MAX_INPUTS`].
fn input_count(text: &str) -> std::result::Result<usize, String> {
    let n: usize = text.parse().map_err(|_| format!("{text:?} is not a whole number"))?;
    if n > MAX_INPUTS {
        return Err(format!("{n} is above the limit of {MAX_INPUTS} generated inputs"));
    }
    Ok(n)
}

/// Set once standard output is found closed: nothing more is written.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes `text` to standard output. A reader that went away (`| head`)
/// ends the output quietly, as other Unix tools do.
///
/// # Errors
/// Any other write error (a full disk, `/dev/full`), with what the system said.
pub fn write_out(text: &str) -> Result<()> {
    use std::io::Write as _;
    use std::sync::atomic::Ordering;
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(anyhow::anyhow!("cannot write to standard output: {e}")),
        Ok(()) => Ok(()),
    }
}

/// A usage error already reported by clap: `main` exits 2 without a second message.
#[derive(Debug)]
pub struct UsageError;

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid arguments")
    }
}

impl std::error::Error for UsageError {}

/// Parses the command line and runs the command.
pub fn run() -> Result<Status> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // A usage error: clap's message (which ends with a pointer to --help), exit 2.
            let _ = e.print();
            return Err(UsageError.into());
        }
        Err(e) => {
            // --help or --version: print and succeed.
            e.print()?;
            return Ok(Status::AllHold);
        }
    };
    match cli.command {
        Command::Verify(args) => verify_cmd::run(&args),
        Command::Report(args) => report_cmd::run(&args),
        Command::Explain(args) => explain_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
        Command::Softmax(args) => study_cmds::softmax_cmd(&args),
        Command::Jacobian(args) => study_cmds::jacobian_cmd(&args),
    }
}
