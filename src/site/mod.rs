//! `verify PATH…` over a whole blog, as a CI check: every markdown post under
//! the paths (as git sees them: `.gitignore`, hidden folders, `_site/`,
//! `node_modules/` and vendor folders skipped), each read and decided by the
//! one pipeline ([`crate::verify::run_article`]) in parallel, its findings kept
//! as the JSON object `verify --json` prints for one post — and that object,
//! keyed by the post's content and the tool's version, is what the cache
//! ([`Cache`]) keeps, so an unchanged post is not decided again. The formats
//! ([`mod@format`]) render from it: text, one JSON document, GitHub Actions
//! annotations, SARIF 2.1.0.

mod cache;
pub mod format;

pub use cache::Cache;

use crate::verify::{self, Config};
use crate::Error;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The extensions read as posts.
pub const EXTENSIONS: [&str; 3] = ["md", "markdown", "mdx"];

/// Folders never read: a site's build output, dependencies, vendored code.
pub const SKIPPED_FOLDERS: [&str; 5] = ["_site", "node_modules", "vendor", ".bundle", "target"];

/// One post, decided (or taken from the cache).
#[derive(Clone, Debug)]
pub struct Post {
    /// Its path as given or found (relative to where `verify` runs when the path given was).
    pub path: String,
    /// What `verify --json POST` prints for it.
    pub report: Value,
    /// Whether it came from the cache.
    pub cached: bool,
}

impl Post {
    /// A post without math of the softmax family: no relation found, no claim.
    pub fn skipped(&self) -> bool {
        let relations = self.report["coverage"]["relations"].as_u64().unwrap_or(0);
        let claims = self.report["claims"].as_array().map_or(0, Vec::len);
        relations == 0 && claims == 0
    }

    /// Whether something in it is refuted.
    pub fn refuted(&self) -> bool {
        self.report["verdict"] == "refuted"
    }

    /// Whether something in it is unread or undecided.
    pub fn incomplete(&self) -> bool {
        let c = &self.report["coverage"];
        c["read"] != c["relations"] || c["decided"] != c["read"]
    }
}

/// The posts of a site, in path order.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// Every post found, skipped ones included.
    pub posts: Vec<Post>,
}

impl Site {
    /// Whether anything is refuted.
    pub fn refuted(&self) -> bool {
        self.posts.iter().any(Post::refuted)
    }

    /// Whether something is unread or undecided (in a post that is not skipped).
    pub fn incomplete(&self) -> bool {
        self.posts.iter().any(|p| !p.skipped() && p.incomplete())
    }
}

/// The markdown posts under `paths` (a file is taken as it is), sorted, each once.
///
/// # Errors
/// [`Error::Read`] for a path that does not exist, [`Error::Walk`] when a folder cannot be listed.
pub fn posts_under(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read { path: path.clone(), source })?;
        if meta.is_file() {
            out.push(path.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .require_git(false)
            .filter_entry(|e| !SKIPPED_FOLDERS.iter().any(|s| e.file_name() == *s))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| Error::Walk { path: path.clone(), message: e.to_string() })?;
            let is_post = entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|x| EXTENSIONS.iter().any(|e| x == *e));
            if is_post {
                out.push(entry.into_path());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Decides every post under `paths` on all cores (each post's work is the
/// same as alone: deterministic), through `cache` when given; `progress` is
/// told (done, total) after each post.
///
/// # Errors
/// As [`posts_under`], and [`Error::Read`] for a post that cannot be read.
pub fn check(
    paths: &[PathBuf],
    config: Config,
    cache: Option<&Cache>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Site, Error> {
    let files = posts_under(paths)?;
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| std::fs::read_to_string(&f).map(|t| (f.clone(), t)).map_err(|source| Error::Read { path: f, source }))
        .collect::<Result<_, _>>()?;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(texts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Post>> = vec![None; texts.len()];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((path, text)) = texts.get(k) else { break };
                        mine.push((k, decide_post(path, text, &config, cache)));
                        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        progress(n, texts.len());
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            for (k, post) in h.join().expect("a worker does not panic") {
                results[k] = Some(post);
            }
        }
    });
    Ok(Site { posts: results.into_iter().flatten().collect() })
}

/// One post: from the cache, or decided and then cached.
fn decide_post(path: &Path, text: &str, config: &Config, cache: Option<&Cache>) -> Post {
    let shown = path.display().to_string();
    if let Some(report) = cache.and_then(|c| c.get(text, config)) {
        return Post { path: shown, report, cached: true };
    }
    let report = serde_json::to_value(verify::run_article(text, config.clone())).unwrap_or(Value::Null);
    if let Some(c) = cache {
        // A cache that cannot be written only costs time.
        let _ = c.put(text, config, &report);
    }
    Post { path: shown, report, cached: false }
}
