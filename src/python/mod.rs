//! Running a post's Python for real: its code blocks, in order, in one
//! interpreter per post, as a notebook would (one namespace; a block stops at
//! its first exception and the next one runs). Each top-level statement is
//! run alone by a small driver (`driver.py`, embedded), which records what it
//! printed, its warnings, its exception, the value of an expression and the
//! values it assigned; [`crate::claims`] compares those with what the post
//! shows.
//!
//! - **The interpreter** is the user's choice ([`Choice::Path`]), else the
//!   first `python3` on `PATH` that finds every module the post imports
//!   (Debian's `/usr/bin/python3` when a pyenv shim before it lacks numpy),
//!   else the one that finds the most. A missing module is bound to a
//!   placeholder that raises when used; a statement that fails for want of a
//!   module, a file, the network or memory is skipped (its error marked
//!   [`Raised::environment`]) and what depends on it is not decided. Without one,
//!   the code's claims are undecided with the reason ([`NoInterpreter`]).
//! - **Isolation and limits**: isolated mode (`-I`: no user site, no
//!   `PYTHON*` variables), a fresh temporary folder as working directory,
//!   stdin closed, one BLAS thread, a CPU-time and an address-space limit set
//!   by the driver ([`Limits`]), and a wall-clock limit enforced here.
//!   Nothing here sandboxes the code against the network or the file
//!   system: the user runs their own post's code, as they would themselves.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The driver, run as `python3 -I driver.py BLOCKS RESULT CPU MEMORY`.
const DRIVER: &str = include_str!("driver.py");

/// Which interpreter runs the post's code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Choice {
    /// The first `python3` on `PATH` that imports what the post imports.
    #[default]
    Auto,
    /// This one (`--python PATH`).
    Path(PathBuf),
    /// None: the code is not run (`--python none`); its claims are unread.
    Off,
}

/// Why no interpreter runs the post's code: the reason its claims are unread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoInterpreter(pub String);

impl std::fmt::Display for NoInterpreter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Python interpreter chosen to run a post's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    /// Its path, as found.
    pub path: PathBuf,
    /// The modules the post imports that it cannot find (none when it has them all): what
    /// uses one is not decided.
    pub missing: Vec<String>,
}

/// The limits a post's code runs under.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// CPU seconds (the driver's `RLIMIT_CPU`).
    pub cpu_seconds: u64,
    /// Address space in bytes (the driver's `RLIMIT_AS`).
    pub memory_bytes: u64,
    /// Wall-clock time before the interpreter is killed.
    pub wall: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { cpu_seconds: 20, memory_bytes: 2 << 30, wall: Duration::from_secs(30) }
    }
}

/// One code block of the post: its first line (1-based) and its code.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Block {
    /// The post's line of the block's first line of code.
    pub line: usize,
    /// The code.
    pub code: String,
}

/// A number as the driver reports it (NaN and ±inf as strings).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum Reported {
    Number(f64),
    Word(String),
}

impl Reported {
    fn value(&self) -> f64 {
        match self {
            Reported::Number(v) => *v,
            Reported::Word(w) if w == "inf" => f64::INFINITY,
            Reported::Word(w) if w == "-inf" => f64::NEG_INFINITY,
            Reported::Word(_) => f64::NAN,
        }
    }
}

fn values(reported: Option<Vec<Reported>>) -> Option<Vec<f64>> {
    reported.map(|v| v.iter().map(Reported::value).collect())
}

/// A warning a statement raised.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Warning {
    /// Its class (`RuntimeWarning`).
    pub category: String,
    /// Its message (`overflow encountered in exp`).
    pub message: String,
}

/// The exception a statement raised.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Raised {
    /// Its class (`ZeroDivisionError`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its message.
    pub message: String,
    /// The post's line where it was raised.
    pub line: usize,
    /// Whether it comes from what this machine lacks (a module, a file, the network,
    /// memory) rather than from the code: the statement was skipped and the block went on.
    pub environment: bool,
}

#[derive(Deserialize)]
struct RawAssigned {
    repr: String,
    numbers: Option<Vec<Reported>>,
}

#[derive(Deserialize)]
struct RawStatement {
    block: usize,
    start: usize,
    end: usize,
    stdout: String,
    warnings: Vec<Warning>,
    error: Option<Raised>,
    value: Option<String>,
    numbers: Option<Vec<Reported>>,
    assigned: BTreeMap<String, RawAssigned>,
    #[serde(default)]
    tainted: bool,
    #[serde(default)]
    compound: bool,
    #[serde(default)]
    truncated: bool,
    #[serde(default)]
    machine: bool,
}

#[derive(Deserialize)]
struct RawRun {
    statements: Vec<RawStatement>,
    python: String,
}

/// A value the code computed: as Python shows it, and its numbers when it is numeric.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// `repr()` of it (`array([nan, nan, nan])`).
    pub repr: String,
    /// Its numbers, flattened, when it is a number, a list or an array of numbers.
    pub numbers: Option<Vec<f64>>,
}

/// What one top-level statement did.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Its block (0-based, in the post's order).
    pub block: usize,
    /// Its first and last lines in the post (1-based).
    pub lines: (usize, usize),
    /// What it printed (stdout and stderr).
    pub printed: String,
    /// The warnings it raised.
    pub warnings: Vec<Warning>,
    /// The exception it raised.
    pub error: Option<Raised>,
    /// Its value, for an expression statement whose value is not `None`.
    pub value: Option<Value>,
    /// The names it assigned, with their values after it ran.
    pub assigned: BTreeMap<String, Value>,
    /// It reads what a statement skipped for the environment would have set: what it
    /// shows may not be what the post's code shows.
    pub tainted: bool,
    /// What it shows differs from one run to the next (random numbers without a seed,
    /// the time): no shown value of it can be decided.
    pub varies: bool,
    /// It is a compound statement (`def`, `for`, `if`, `try`, `with`, …): a comment on one
    /// of its lines is about that line, not about what the whole statement did.
    pub compound: bool,
    /// What it printed or its value was cut at the driver's limit (200 000 characters).
    pub truncated: bool,
    /// Its source names what differs between machines (versions, the platform, the clock,
    /// the process, files, other programs): what it shows is this machine's.
    pub machine: bool,
}

impl Statement {
    /// What a notebook shows below the statement: what it printed, its warnings and its
    /// exception as `Category: message` lines, then its value.
    pub fn shown(&self) -> String {
        let mut out = self.printed.clone();
        for w in &self.warnings {
            out.push_str(&format!("{}: {}\n", w.category, w.message));
        }
        if let Some(e) = &self.error {
            out.push_str(&format!("{}: {}\n", e.kind, e.message));
        }
        if let Some(v) = &self.value {
            out.push_str(&v.repr);
            out.push('\n');
        }
        out
    }
}

/// What a post's code did, statement by statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The interpreter it ran in.
    pub interpreter: PathBuf,
    /// Its version (`3.11.2`).
    pub version: String,
    /// Every statement that ran, in order.
    pub statements: Vec<Statement>,
}

/// The top-level modules `code` imports (`import numpy as np`, `from scipy.special import softmax`).
pub fn imports(code: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in code.lines().map(str::trim) {
        let names: Vec<&str> = if let Some(rest) = line.strip_prefix("import ") {
            rest.split(',').filter_map(|m| m.split_whitespace().next()).collect()
        } else if let Some(rest) = line.strip_prefix("from ") {
            rest.split_whitespace().next().into_iter().collect()
        } else {
            continue;
        };
        for name in names {
            let top = name.split('.').next().unwrap_or_default();
            let valid = !top.is_empty()
                && top.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !top.starts_with(|c: char| c.is_ascii_digit());
            if valid && !out.iter().any(|m| m == top) {
                out.push(top.to_string());
            }
        }
    }
    out
}

/// The interpreter for code that imports `modules`, as `choice` says: the one named, or
/// the first `python3` on `PATH` that finds them all — else the one that finds the most
/// (the code then runs up to its first missing import). Asked once per process for each
/// choice and set of modules (a site's posts mostly import the same ones).
///
/// # Errors
/// [`NoInterpreter`], with the reason, when none is chosen, or none runs.
pub fn find(choice: &Choice, modules: &[String]) -> Result<Interpreter, NoInterpreter> {
    type Found = Result<Interpreter, NoInterpreter>;
    type Memo = std::sync::Mutex<std::collections::HashMap<(Choice, Vec<String>), Found>>;
    static FOUND: std::sync::OnceLock<Memo> = std::sync::OnceLock::new();
    let mut key = modules.to_vec();
    key.sort();
    key.dedup();
    let key = (choice.clone(), key);
    let memo = FOUND.get_or_init(Default::default);
    if let Some(found) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return found;
    }
    let found = find_now(choice, modules);
    if let Ok(mut m) = memo.lock() {
        m.insert(key, found.clone());
    }
    found
}

/// [`find`], asking the interpreters.
fn find_now(choice: &Choice, modules: &[String]) -> Result<Interpreter, NoInterpreter> {
    match choice {
        Choice::Off => Err(NoInterpreter("the code is not run (--python none)".into())),
        Choice::Path(path) => match missing(path, modules) {
            Ok(missing) => Ok(Interpreter { path: path.clone(), missing }),
            Err(why) => Err(NoInterpreter(format!("{} does not run: {why}", path.display()))),
        },
        Choice::Auto => {
            let candidates = on_path("python3");
            let mut best: Option<Interpreter> = None;
            for path in &candidates {
                let Ok(missing) = self::missing(path, modules) else { continue };
                if missing.is_empty() {
                    return Ok(Interpreter { path: path.clone(), missing });
                }
                if best.as_ref().is_none_or(|b| missing.len() < b.missing.len()) {
                    best = Some(Interpreter { path: path.clone(), missing });
                }
            }
            best.ok_or_else(|| {
                let tried: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
                NoInterpreter(if tried.is_empty() {
                    "no python3 on PATH (choose one with --python PATH)".into()
                } else {
                    format!("no python3 on PATH runs (tried {}; choose one with --python PATH)", tried.join(", "))
                })
            })
        }
    }
}

/// Every executable file named `name` in the folders of `PATH`, in order, each once.
fn on_path(name: &str) -> Vec<PathBuf> {
    let Some(path) = std::env::var_os("PATH") else { return Vec::new() };
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in std::env::split_paths(&path) {
        let candidate = dir.join(name);
        if !executable(&candidate) {
            continue;
        }
        let real = std::fs::canonicalize(&candidate).unwrap_or_else(|_| candidate.clone());
        if !seen.contains(&real) {
            seen.push(real);
            out.push(candidate);
        }
    }
    out
}

fn executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// The modules of `modules` that `python -I` cannot find (`importlib.util.find_spec`, which
/// imports nothing), asked within ten seconds.
fn missing(python: &Path, modules: &[String]) -> Result<Vec<String>, String> {
    let code = "import importlib.util, sys\n\
                print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";
    let mut command = Command::new(python);
    command.args(["-I", "-c", code]).args(modules);
    let (ok, stdout, stderr) = run_limited(command, Duration::from_secs(10))?;
    if ok {
        Ok(stdout.split_whitespace().map(str::to_string).collect())
    } else {
        Err(stderr.lines().last().unwrap_or("it failed").trim().to_string())
    }
}

/// Runs `command` with stdin closed and at most `wall` of wall-clock time, in a process
/// group of its own that is killed when it ends (a process the post's code left behind
/// dies with it): whether it exited 0, its stdout and its stderr (each up to 1 MiB, read
/// from files, so that a process holding them open cannot make this wait).
fn run_limited(mut command: Command, wall: Duration) -> Result<(bool, String, String), String> {
    let dir = tempfile::Builder::new().prefix("dsoftmax-python-").tempdir().map_err(|e| e.to_string())?;
    let (out_path, err_path) = (dir.path().join("stdout"), dir.path().join("stderr"));
    let file = |p: &Path| std::fs::File::create(p).map_err(|e| e.to_string());
    command
        .stdin(Stdio::null())
        .stdout(file(&out_path)?)
        .stderr(file(&err_path)?)
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("OMP_NUM_THREADS", "1")
        .env("MKL_NUM_THREADS", "1")
        .env("MPLBACKEND", "Agg");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| format!("cannot start it: {e}"))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if start.elapsed() >= wall => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("stopped after {} s of wall-clock time", wall.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => break Err(format!("cannot wait for it: {e}")),
        }
    };
    kill_group(child.id());
    let status = status?;
    let read = |p: &Path| {
        let mut text = String::new();
        if let Ok(f) = std::fs::File::open(p) {
            let _ = f.take(1 << 20).read_to_string(&mut text);
        }
        text
    };
    Ok((status.success(), read(&out_path), read(&err_path)))
}

/// Kills every process of the group `pgid` (`kill -KILL -- -PGID`): what the post's code
/// started and left running.
fn kill_group(pgid: u32) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    #[cfg(not(unix))]
    let _ = pgid;
}

/// Runs `blocks` in `interpreter` under `limits`, twice, each time in a fresh temporary
/// folder: a statement whose output differs between the runs is marked
/// [`Statement::varies`].
///
/// # Errors
/// The reason the code could not be run to the end (the interpreter did not
/// start, was killed at a limit, or the driver failed): the code's claims are
/// then undecided with it.
pub fn run(interpreter: &Interpreter, blocks: &[Block], limits: Limits) -> Result<Run, String> {
    let mut first = run_once(interpreter, blocks, limits)?;
    let second = run_once(interpreter, blocks, limits)?;
    let mut diverged = first.statements.len() != second.statements.len();
    for (k, s) in first.statements.iter_mut().enumerate() {
        let other = second.statements.get(k);
        diverged |= other.is_none_or(|o| o.lines != s.lines);
        // Compared as Python shows them (NaN is not equal to itself as an f64).
        let reprs = |s: &Statement| s.assigned.iter().map(|(k, v)| (k.clone(), v.repr.clone())).collect::<Vec<_>>();
        s.varies = diverged || other.is_none_or(|o| o.shown() != s.shown() || reprs(o) != reprs(s));
    }
    Ok(first)
}

fn run_once(interpreter: &Interpreter, blocks: &[Block], limits: Limits) -> Result<Run, String> {
    let dir = tempfile::Builder::new().prefix("dsoftmax-python-").tempdir().map_err(|e| e.to_string())?;
    let (driver, input, output) =
        (dir.path().join("driver.py"), dir.path().join("blocks.json"), dir.path().join("result.json"));
    let blocks_json = serde_json::to_vec(blocks).map_err(|e| e.to_string())?;
    std::fs::write(&driver, DRIVER).and_then(|()| std::fs::write(&input, blocks_json)).map_err(|e| e.to_string())?;
    let work = dir.path().join("work");
    std::fs::create_dir(&work).map_err(|e| e.to_string())?;
    let mut command = Command::new(&interpreter.path);
    command.arg("-I").arg(&driver).arg(&input).arg(&output);
    command.arg(limits.cpu_seconds.to_string()).arg(limits.memory_bytes.to_string()).current_dir(&work);
    let (ok, _, stderr) = run_limited(command, limits.wall)?;
    let text = std::fs::read_to_string(&output).map_err(|_| {
        let last = stderr.lines().last().unwrap_or("no output").trim().to_string();
        if ok {
            "the driver wrote no result".to_string()
        } else {
            format!("the interpreter stopped before the end (a CPU or memory limit, or a crash): {last}")
        }
    })?;
    let raw: RawRun = serde_json::from_str(&text).map_err(|e| format!("the driver's result is not readable: {e}"))?;
    let statements = raw.statements.into_iter().map(statement).collect();
    Ok(Run { interpreter: interpreter.path.clone(), version: raw.python, statements })
}

fn statement(raw: RawStatement) -> Statement {
    let value = raw.value.map(|repr| Value { repr, numbers: values(raw.numbers) });
    let assigned =
        raw.assigned.into_iter().map(|(k, a)| (k, Value { repr: a.repr, numbers: values(a.numbers) })).collect();
    Statement {
        block: raw.block,
        lines: (raw.start, raw.end),
        printed: raw.stdout,
        warnings: raw.warnings,
        error: raw.error,
        value,
        assigned,
        tainted: raw.tainted,
        varies: false,
        compound: raw.compound,
        truncated: raw.truncated,
        machine: raw.machine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_the_top_level_modules() {
        let code = "import numpy as np\nfrom scipy.special import softmax\nimport os, sys.path\n  import numpy\nx = 1 # import no\n";
        assert_eq!(imports(code), ["numpy", "scipy", "os", "sys"]);
    }

    #[test]
    fn no_interpreter_is_a_reason_not_a_panic() {
        let missing = Choice::Path(PathBuf::from("/nonexistent/python3"));
        let why = find(&missing, &["numpy".to_string()]).unwrap_err();
        assert!(why.0.contains("/nonexistent/python3") && why.0.contains("does not run"), "{why}");
        assert!(find(&Choice::Off, &[]).unwrap_err().0.contains("--python none"));
    }
}
