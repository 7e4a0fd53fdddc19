//! Issue 19: `verify` over a whole blog, as a CI check — a site of our own
//! (correct, wrong, unreadable and prose-only posts, a draft, an ignored
//! folder, build output and dependencies to skip) gives the expected exit
//! codes and exactly the expected annotations in each format; the SARIF
//! validates against the SARIF 2.1.0 schema; the cache is used, and bypassed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The softmax definition, then a line (at line 5 of the post).
fn post(line: &str) -> String {
    format!("# A post\n\n$$p_i = \\frac{{e^{{z_i}}}}{{\\sum_k e^{{z_k}}}}$$\n\n$${line}$$\n")
}

const RIGHT: &str = r"\frac{\partial p_i}{\partial z_j} = p_i (\delta_{ij} - p_j)";
const WRONG: &str = r"\frac{\partial p_i}{\partial z_j} = p_i (\delta_{ij} + p_j)";
/// A relation the tool does not read (a weight matrix).
const UNREAD: &str = r"W_{ij} = W_{ji} + p_i";

/// A fresh site under the temporary folder: (its root, the cache folder).
fn site(name: &str, with_wrong: bool) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("dsoftmax-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("blog/_posts/2024-01-01-right.md", &post(RIGHT));
    if with_wrong {
        write("blog/_posts/2024-01-02-wrong.md", &post(WRONG));
    }
    write("blog/_posts/2024-01-03-prose.md", "# Prose\n\nNo math here, only words.\n");
    write("blog/_posts/2024-01-04-unread.md", &post(UNREAD));
    write("blog/_drafts/draft.mdx", &post(RIGHT));
    // Ignored by the site's .gitignore, build output, dependencies, hidden: never read.
    write("blog/.gitignore", "generated/\n");
    for skipped in ["generated/wrong.md", "_site/wrong.md", "node_modules/pkg/wrong.md", ".hidden/wrong.md"] {
        write(&format!("blog/{skipped}"), &post(WRONG));
    }
    write("blog/notes.txt", &post(WRONG));
    (root.join("blog"), root.join("cache"))
}

fn verify(root: &Path, cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsoftmax"))
        .arg("verify")
        .args(["--count", "10"])
        .args(args)
        .arg(root)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_site_gives_the_expected_exit_codes_and_annotations() {
    let (root, cache) = site("formats", true);
    let r = root.display().to_string();
    // GitHub Actions: exactly one error (the wrong post's line 5) and the unread post's warning.
    let o = verify(&root, &cache, &["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    let errors: Vec<&String> = lines.iter().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 1, "{lines:?}");
    assert!(
        errors[0]
            .starts_with(&format!("::error file={r}/_posts/2024-01-02-wrong.md,line=5,title=dsoftmax%3A refuted::")),
        "{}",
        errors[0]
    );
    let warnings: Vec<&String> = lines.iter().filter(|l| l.starts_with("::warning ")).collect();
    assert_eq!(warnings.len(), 1, "{lines:?}");
    assert!(
        warnings[0].starts_with(&format!("::warning file={r}/_posts/2024-01-04-unread.md,line=5,")),
        "{}",
        warnings[0]
    );
    assert_eq!(lines.len(), 2, "nothing else: {lines:?}");
    // JSON: every post under the site (the draft too), in order, with the skipped one marked.
    let o = verify(&root, &cache, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let paths: Vec<String> =
        v["posts"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap().replace(&r, "")).collect();
    assert_eq!(
        paths,
        [
            "/_drafts/draft.mdx",
            "/_posts/2024-01-01-right.md",
            "/_posts/2024-01-02-wrong.md",
            "/_posts/2024-01-03-prose.md",
            "/_posts/2024-01-04-unread.md"
        ]
    );
    assert_eq!(v["summary"]["skipped"], 1);
    assert_eq!(v["summary"]["refuted"], 1);
    assert_eq!(v["posts"][2]["report"]["lines"][1]["line"], 5, "each post as `verify --json` prints it");
    // Text: the summary first, the refuted line at FILE:LINE.
    let o = verify(&root, &cache, &[]);
    let text = stdout(&o);
    assert!(text.starts_with("dsoftmax verify: 5 posts: 1 with something refuted"), "{text}");
    assert!(text.contains(&format!("{r}/_posts/2024-01-02-wrong.md:5: refuted")), "{text}");
    assert!(text.contains("Skipped (no math of the softmax family)"), "{text}");
    // SARIF: valid against the schema, one result per annotation.
    let o = verify(&root, &cache, &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/sarif-schema-2.1.0.json")).expect("the schema parses");
    let validator = jsonschema::draft4::new(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "refuted");
    assert_eq!(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 5);
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

#[test]
fn only_a_refutation_fails_the_build_unless_strict() {
    let (root, cache) = site("strict", false);
    assert_eq!(verify(&root, &cache, &[]).status.code(), Some(0), "unread only: the build passes");
    assert_eq!(verify(&root, &cache, &["--strict"]).status.code(), Some(3));
    // Usage errors: exit 2.
    assert_eq!(verify(&root, &cache, &["--format", "xml"]).status.code(), Some(2));
    assert_eq!(verify(&root.join("missing"), &cache, &[]).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

#[test]
fn an_unchanged_post_comes_from_the_cache() {
    let (root, cache) = site("cache", true);
    let cached = |args: &[&str]| {
        let v: serde_json::Value =
            serde_json::from_slice(&verify(&root, &cache, &[&["--format", "json"], args].concat()).stdout).unwrap();
        v["summary"]["cached"].as_u64().unwrap()
    };
    assert_eq!(cached(&[]), 0, "a first run decides everything");
    assert_eq!(cached(&[]), 5, "a second one reads every post from the cache");
    assert_eq!(cached(&["--no-cache"]), 0);
    // A changed post is decided again; the others are not (the key is the content: a post
    // made identical to another one would share its entry).
    std::fs::write(root.join("_posts/2024-01-02-wrong.md"), post(RIGHT) + "\nFixed.\n").unwrap();
    assert_eq!(cached(&[]), 4);
    // Other settings of the numeric evidence are another key.
    assert_eq!(cached(&["--seed", "7"]), 0);
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

#[test]
fn the_shared_posts_as_one_folder_run_without_a_panic_and_are_all_listed() {
    let posts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/posts");
    if !posts.is_dir() {
        eprintln!("skipped: ../shared/posts is not on this machine (other authors' posts, never copied here)");
        return;
    }
    let cache = std::env::temp_dir().join(format!("dsoftmax-site-shared-{}", std::process::id()));
    let o = verify(&posts, &cache, &["--format", "json", "--no-cache"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{:?}", o.status);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let listed = v["posts"].as_array().unwrap().len();
    let on_disk = std::fs::read_dir(&posts)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(listed, on_disk, "every post is listed, skipped or not");
    let _ = std::fs::remove_dir_all(cache);
}
