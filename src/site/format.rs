//! The outputs of `verify PATH…`: text for a person (the summary first, then
//! each post's findings), one JSON document, GitHub Actions workflow commands
//! (`::error file=…,line=…` for what is refuted, `::warning` for what is
//! unread or undecided), and SARIF 2.1.0 for code-scanning tools.

use super::{Post, Site};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Refuted: an error.
    Refuted,
    /// Decided neither way: a warning.
    Undecided,
    /// Not read: a warning.
    Unread,
}

impl Level {
    /// The rule id (SARIF) and the word shown.
    pub fn id(self) -> &'static str {
        match self {
            Level::Refuted => "refuted",
            Level::Undecided => "undecided",
            Level::Unread => "unread",
        }
    }
}

/// One finding worth an annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The post's path.
    pub path: String,
    /// 1-based line, when the finding has one.
    pub line: Option<u64>,
    /// How serious.
    pub level: Level,
    /// What it says, in one paragraph.
    pub message: String,
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The findings of a post worth an annotation: refuted claims and lines, then
/// undecided ones, then what was not read.
pub fn findings(post: &Post) -> Vec<Finding> {
    let r = &post.report;
    let text = |v: &Value| one_line(v.as_str().unwrap_or(""));
    let mut out = Vec::new();
    let mut push = |line: &Value, level, message: String| {
        out.push(Finding { path: post.path.clone(), line: line.as_u64(), level, message });
    };
    let items = |key: &str| r[key].as_array().cloned().unwrap_or_default();
    for (key, what, why) in [("claims", "statement", "detail"), ("lines", "latex", "reason")] {
        for item in items(key) {
            let level = match item["verdict"].as_str() {
                Some("refuted") => Level::Refuted,
                Some("undecided") => Level::Undecided,
                _ => continue,
            };
            let correction =
                item["correction"].as_str().map(|c| format!(" Correction: {}", one_line(c))).unwrap_or_default();
            let message = format!("`{}` is {}: {}.{correction}", text(&item[what]), level.id(), text(&item[why]));
            push(&item["line"], level, message);
        }
    }
    for u in items("unread") {
        push(&u["line"], Level::Unread, format!("`{}` is not read: {}.", text(&u["latex"]), text(&u["reason"])));
    }
    out.sort_by_key(|f| (f.level != Level::Refuted, f.line));
    out
}

/// The counts of a site in one sentence.
pub fn summary(site: &Site) -> String {
    let n = site.posts.len();
    let skipped = site.posts.iter().filter(|p| p.skipped()).count();
    let refuted = site.posts.iter().filter(|p| p.refuted()).count();
    let incomplete = site.posts.iter().filter(|p| !p.skipped() && !p.refuted() && p.incomplete()).count();
    let cached = site.posts.iter().filter(|p| p.cached).count();
    format!(
        "{n} posts: {refuted} with something refuted, {incomplete} with something unread or undecided (only), {} fully decided, {skipped} skipped (no math of the softmax family); {cached} from the cache.",
        n - skipped - refuted - incomplete
    )
}

/// Text for a person: the summary, each post's refuted and undecided findings grouped under
/// it with the number of relations not read, the skipped posts.
pub fn text(site: &Site) -> String {
    let mut out = format!("dsoftmax verify: {}\n", summary(site));
    for post in site.posts.iter().filter(|p| !p.skipped()) {
        let c = &post.report["coverage"];
        let state = if post.refuted() {
            "REFUTED"
        } else if post.incomplete() {
            "incomplete"
        } else {
            "ok"
        };
        let _ = write!(
            out,
            "\n{} [{state}] read {} of {} relations, {} decided",
            post.path, c["read"], c["relations"], c["decided"]
        );
        let _ = writeln!(out);
        let all = findings(post);
        let (unread, decided): (Vec<&Finding>, Vec<&Finding>) = all.iter().partition(|f| f.level == Level::Unread);
        for f in decided {
            let place = f.line.map_or(String::new(), |l| format!(":{l}"));
            let _ = writeln!(out, "  {}{place}: {} — {}", f.path, f.level.id(), f.message);
        }
        // What is not read is listed in full by --format json, github and sarif; here, counted.
        if let Some(first) = unread.first() {
            let place = first.line.map_or(String::new(), |l| format!(" (first: line {l})"));
            let _ = writeln!(out, "  {} relations not read{place}", unread.len());
        }
    }
    let skipped: Vec<&str> = site.posts.iter().filter(|p| p.skipped()).map(|p| p.path.as_str()).collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nSkipped (no math of the softmax family): {}", skipped.join(", "));
    }
    out
}

/// One JSON document: the summary and, per post, what `verify --json` prints for it.
pub fn json(site: &Site) -> Value {
    json!({
        "tool": { "name": "dsoftmax", "version": env!("CARGO_PKG_VERSION") },
        "summary": {
            "posts": site.posts.len(),
            "refuted": site.posts.iter().filter(|p| p.refuted()).count(),
            "incomplete": site.posts.iter().filter(|p| !p.skipped() && p.incomplete()).count(),
            "skipped": site.posts.iter().filter(|p| p.skipped()).count(),
            "cached": site.posts.iter().filter(|p| p.cached).count(),
        },
        "posts": site.posts.iter().map(|p| json!({
            "path": p.path,
            "skipped": p.skipped(),
            "cached": p.cached,
            "report": p.report,
        })).collect::<Vec<_>>(),
    })
}

/// GitHub Actions workflow commands, one per finding.
pub fn github(site: &Site) -> String {
    // https://docs.github.com/actions/reference/workflow-commands-for-github-actions
    let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in site.posts.iter().flat_map(findings) {
        let command = if f.level == Level::Refuted { "error" } else { "warning" };
        let line = f.line.map_or(String::new(), |l| format!(",line={l}"));
        let title = property(&format!("dsoftmax: {}", f.level.id()));
        let _ = writeln!(out, "::{command} file={}{line},title={title}::{}", property(&f.path), data(&f.message));
    }
    out
}

/// SARIF 2.1.0: one run, a rule per level, a result per finding.
pub fn sarif(site: &Site) -> Value {
    let rules: Vec<Value> = [
        (Level::Refuted, "A relation or claim of the post is false: a certified counterexample refutes it."),
        (Level::Undecided, "A relation or claim of the post was read but decided neither way."),
        (Level::Unread, "A relation of the post is not in what the tool reads."),
    ]
    .iter()
    .map(|(level, text)| json!({ "id": level.id(), "shortDescription": { "text": text } }))
    .collect();
    let results: Vec<Value> = site
        .posts
        .iter()
        .flat_map(findings)
        .map(|f| {
            let uri = f.path.replace('\\', "/");
            let mut location = json!({ "physicalLocation": { "artifactLocation": { "uri": uri } } });
            if let Some(line) = f.line.filter(|l| *l >= 1) {
                location["physicalLocation"]["region"] = json!({ "startLine": line });
            }
            json!({
                "ruleId": f.level.id(),
                "level": if f.level == Level::Refuted { "error" } else { "warning" },
                "message": { "text": f.message },
                "locations": [location],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dsoftmax",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "results": results,
        }],
    })
}
