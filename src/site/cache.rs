//! The cache of `verify PATH…`: one JSON file per post, named by a SHA-256
//! digest of the tool's build (its version, and the size and time of the
//! executable, so that a rebuilt tool never trusts an older one's verdicts),
//! the settings of the numeric evidence and the post's content — so a post is
//! decided again exactly when one of those changes. Files are written atomically (a temporary file renamed into
//! place); an unreadable or corrupt entry is a miss, never an error.

use crate::verify::Config;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A folder of cached reports.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The default place: `$XDG_CACHE_HOME/dsoftmax` when that is set, else
    /// `.dsoftmax-cache` in the current folder.
    pub fn default_dir() -> PathBuf {
        match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
            Some(home) => Path::new(&home).join("dsoftmax"),
            None => PathBuf::from(".dsoftmax-cache"),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, text: &str, config: &Config) -> PathBuf {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(build_stamp().as_bytes());
        h.update(format!("\0seed={}\0count={}\0", config.seed, config.count).as_bytes());
        // The post's code is run: which interpreter (and, when found on PATH, which PATH) decides it.
        let path = std::env::var("PATH").unwrap_or_default();
        h.update(format!("python={:?}\0path={path}\0", config.python).as_bytes());
        h.update(text.as_bytes());
        let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{digest}.json"))
    }

    /// The report cached for this content and settings, if any.
    pub fn get(&self, text: &str, config: &Config) -> Option<Value> {
        let bytes = std::fs::read(self.file(text, config)).ok()?;
        let report: Value = serde_json::from_slice(&bytes).ok()?;
        // Only a report is a hit: anything else (edited, truncated into valid JSON) is a miss.
        let shaped = ["verdict", "coverage", "lines", "claims", "unread"].iter().all(|k| report.get(k).is_some());
        shaped.then_some(report)
    }

    /// Caches `report` for this content and settings, atomically.
    ///
    /// # Errors
    /// The I/O error of creating the folder or writing the file.
    pub fn put(&self, text: &str, config: &Config, report: &Value) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer(&mut tmp, report)?;
        tmp.persist(self.file(text, config)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The running executable's size and modification time (empty where unknown).
fn build_stamp() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    meta.map(|m| {
        let time = m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        format!("\0{}\0{}", m.len(), time.map_or(0, |t| t.as_nanos()))
    })
    .unwrap_or_default()
}
