//! Speed and memory of the main jobs, measured (not asserted):
//! `cargo bench` prints the median of several runs of each, and the peak
//! resident memory of the process.

use dsoftmax::check::{check, Claim, Of};
use dsoftmax::decide::{self, Target};
use dsoftmax::derivation::Scope;
use dsoftmax::expr::plain;
use dsoftmax::report::figures::{self, Figure};
use dsoftmax::verify::{self, Config};
use dsoftmax::{inputs, reference, Logits};
use std::time::{Duration, Instant};

/// The median wall time of `runs` runs of `job`.
fn median(runs: usize, mut job: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            job();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Peak resident set size, from /proc (Linux); None elsewhere.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `png` crate's default encoding (RGB, default compression and filter).
fn default_png(rgb: &[u8], (w, h): (u32, u32)) -> usize {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().and_then(|mut w| w.write_image_data(rgb)).expect("encodes");
    bytes.len()
}

/// Each 2× PNG: the encoder's defaults against ours (indexed colour, best of three filters).
fn png_sizes(options: &figures::Options) {
    for f in Figure::ALL {
        let (rgb, size) = figures::rgb(f, options, 2).expect("renders");
        let ours = figures::png::encode(&rgb, size.0, size.1).expect("encodes").len();
        let plain = default_png(&rgb, size);
        println!(
            "{:<48} {:>7.1} KB default → {:>6.1} KB ours",
            format!("PNG 2× size, {}", f.name()),
            plain as f64 / 1024.0,
            ours as f64 / 1024.0
        );
    }
}

/// A post of our own with 30 relations of the derivation, in both cases and
/// in the Kronecker form, chains included.
fn thirty_relations() -> String {
    let mut post = String::from("# Dérivée\n\n");
    for k in 0..5 {
        post.push_str(&format!(
            "## Passe {k}\n\nLorsque $i = j$ :\n\n$$\n\\begin{{aligned}}\nD_jS_i &= \\frac{{e^{{a_i}}\\sum_k e^{{a_k}} - e^{{a_i}}e^{{a_i}}}}{{(\\sum_k e^{{a_k}})^2}} \\\\\n&= S_i - S_i^2 \\\\\n&= S_i(1 - S_i)\n\\end{{aligned}}\n$$\n\n\
             Lorsque $i \\neq j$ :\n\n$$\n\\begin{{aligned}}\nD_jS_i &= \\frac{{0 - e^{{a_i}}e^{{a_j}}}}{{(\\sum_k e^{{a_k}})^2}} \\\\\n&= -S_iS_j\n\\end{{aligned}}\n$$\n\n\
             $$D_jS_i = S_i(\\delta_{{ij}} - S_j)$$\n\n"
        ));
    }
    post
}

fn main() {
    let wide = Logits::new((0..inputs::MAX_N).map(|k| (k as f64 / 16.0).sin() * 20.0).collect()).expect("valid");
    let report = |name: &str, d: Duration| println!("{name:<48} {:>10.3} ms", d.as_secs_f64() * 1e3);

    // Issue 16: `verify` (the reference post, with the numeric evidence) ≤ 0.3 s, `report` ≤ 1.5 s.
    report(
        "verify the reference post (default suite, 1017 inputs)",
        median(3, || drop(verify::run_article(verify::REFERENCE_POST, Config::default()))),
    );
    report(
        "read and decide the reference post (no numerics)",
        median(5, || drop(verify::read_and_decide(verify::REFERENCE_POST))),
    );
    let out = std::env::temp_dir().join(format!("dsoftmax-bench-report-{}", std::process::id()));
    report(
        "report the reference post (figures + REPORT.md)",
        median(3, || {
            let post = dsoftmax::report::Article {
                name: "softmax-jacobian.fr.md",
                text: verify::REFERENCE_POST,
                patch: false,
            };
            let o = dsoftmax::report::options_for(&verify::read_and_decide(post.text), figures::Options::default());
            drop(dsoftmax::report::write(&out, &o, Config::default(), post, &|_| {}).expect("writes"));
        }),
    );
    let _ = std::fs::remove_dir_all(&out);
    let options = figures::Options::default();
    for f in Figure::ALL {
        report(
            &format!("figure {} (SVG + PNG 1× + 2×)", f.name()),
            median(3, || {
                figures::svg(f, &options).expect("renders");
                figures::png(f, &options, 1).expect("renders");
                figures::png(f, &options, 2).expect("renders");
            }),
        );
    }
    png_sizes(&options);
    report("exact Jacobian, N = 256", median(11, || drop(reference::exact::jacobian(&wide))));
    for m in reference::Method::ALL {
        report(&format!("{} Jacobian, N = 256", m.name()), median(5, || drop(m.jacobian(&wide))));
    }
    let exact_only = decide::Config { diagnose: false, ..decide::Config::default() };
    let kronecker = plain::parse("S_i*(delta_ij - S_j)").expect("parses");
    report(
        "exact decision of S_i*(delta_ij - S_j), no diagnostics",
        median(11, || drop(decide::decide(&kronecker, &Target::Softmax, Scope::All, &exact_only))),
    );
    // `check` end to end (issue 7: ≤ 50 ms in the exact fragment, ≤ 2 s for any formula).
    let default = decide::Config::default();
    for text in [
        "S_i*(delta_ij - S_j)",
        "(delta_ij*exp(a_i)*Z - exp(a_i)*exp(a_j))/exp(a_j)^2",
        "S_i*delta_ij - S_i*S_j + 0*exp(a_i^2)",
        "S_i*(delta_ij - S_j) + 0.01*exp(-1000*(N-128)^2)",
        "S_i*(delta_ij - S_j)*(1 + 0*exp(exp(a_i^2)))",
    ] {
        let expr = plain::parse(text).expect("parses");
        report(&format!("check {text:?}"), median(3, || drop(check(&expr, text, Claim::of(Of::Softmax), &default))));
    }
    // Issue 14: `check` on any formula of at most 200 characters within 5 s.
    // The slowest we could construct: nested exp (intervals at every
    // precision), a power past the exact work budget, a divisor with a
    // 200-fold zero, huge literals, a residual whose first non-root N is 13.
    for text in [
        "exp(exp(exp(S_i)))*exp(exp(exp(S_j)))/exp(exp(exp(S_i)))/exp(exp(exp(S_j)))*S_i*(delta_ij - S_j)",
        "(1/3+S_i/7+S_j/11+a_i/13+N/17)^64*(1/3+S_i/7+S_j/11+a_i/13+N/17)^-64*S_i*(delta_ij - S_j)",
        "(a_i-a_j)^200*S_i/(a_i-a_j)^200*(delta_ij - S_j)",
        "ln(ln(ln(ln(ln(Z+10)))))^9*S_i*(delta_ij - S_j)/ln(ln(ln(ln(ln(Z+10)))))^9",
        "(1e1000*S_i + 1)^64 - (1e1000*S_i + 1)^64 + S_i*(delta_ij - S_j)",
        "1e1000^1e3",
        "S_i*(delta_ij - S_j)*(1 + (N-1)*(N-2)*(N-3)*(N-4)*(N-5)*(N-6)*(N-7)*(N-8)*(N-9)*(N-10)*(N-11)*1e-40)",
        "S_i*(delta_ij - S_j)*(S_i - 0.3)/(S_i - 0.3)",
        // The second review's slowest (76.7 s before literals were scaled by integer division).
        "S_i*(delta_ij-S_j)*(1+1e-1000)*(1+1e-999)*(1+1e-998)*(1+1e-997)*(1+1e-996)*(1+1e-995)*(1+1e-994)*(1+1e-993)*(1+1e-992)*(1+1e-991)*(1+1e-990)*(1+1e-989)*(1+1e-988)*(1+1e-987)",
        "S_i*(delta_ij-S_j)*(1+(1/2)^10000)",
    ] {
        assert!(text.len() <= 200, "{text}");
        let expr = plain::parse(text).expect("parses");
        report(&format!("check {:.40}…", text), median(1, || drop(check(&expr, text, Claim::of(Of::Softmax), &default))));
    }
    // Issue 17: the family's gradients proved exactly (the cross-entropy's ≤ 5 ms), and `check`
    // as a whole process (≤ 50 ms in the exact fragment).
    for (of, text) in [
        (Of::CrossEntropy, "S_j - y_j"),
        (Of::LogSoftmax, "delta_ij - S_j"),
        (Of::Temperature, "q_i*(delta_ij - q_j)/T"),
        (Of::Distillation, "(q_j - y_j)/T"),
        (Of::Vjp, "S_j*(y_j - sum(y_k*S_k))"),
        (Of::Sigmoid, "sigmoid(x)*(1 - sigmoid(x))"),
    ] {
        let expr = plain::parse(text).expect("parses");
        let name = format!("prove the {} gradient {text:?}", of.name());
        report(&name, median(11, || drop(check(&expr, text, Claim::of(of), &exact_only))));
    }
    let binary = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/dsoftmax");
    if binary.exists() {
        for args in [["--of", "cross-entropy", "S_j - y_j"], ["--of", "softmax", "S_i*(delta_ij - S_j)"]] {
            let run = || {
                let o = std::process::Command::new(&binary).arg("check").args(args).output().expect("runs");
                assert!(o.status.success(), "{args:?}");
            };
            report(&format!("`dsoftmax check {}` (whole process)", args.join(" ")), median(5, run));
        }
    } else {
        println!("`dsoftmax check` as a whole process: build the release binary first (cargo build --release)");
    }
    // Issue 19: `verify` over a folder of posts, cold and from the cache (≥ 10× faster).
    let posts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/posts");
    if posts.is_dir() {
        let cache_dir = std::env::temp_dir().join(format!("dsoftmax-bench-cache-{}", std::process::id()));
        let cache = dsoftmax::site::Cache::at(&cache_dir);
        let folder = [posts.clone()];
        let run =
            |c: Option<&dsoftmax::site::Cache>| drop(dsoftmax::site::check(&folder, Config::default(), c, &|_, _| {}));
        let cold = median(1, || run(Some(&cache)));
        let warm = median(5, || run(Some(&cache)));
        report("verify ../shared/posts (cold, all cores)", cold);
        report("verify ../shared/posts (from the cache)", warm);
        println!("{:<48} {:>10.0}×", "cache speed-up", cold.as_secs_f64() / warm.as_secs_f64());
        let _ = std::fs::remove_dir_all(&cache_dir);
    } else {
        println!("verify ../shared/posts: the shared posts are not on this machine");
    }
    // Issue 15: `verify` on a post of 30 relations in the exact fragment (≤ 50 ms), without the numeric evidence.
    let post = thirty_relations();
    let read = verify::read_and_decide(&post);
    assert_eq!(read.coverage.relations, 30, "{:?}", read.unread);
    assert!(read.lines.iter().all(|l| l.decision.verdict == dsoftmax::verdict::Verdict::Proved));
    report("verify a post of 30 relations (its own lines)", median(5, || drop(verify::read_and_decide(&post))));
    // Issue 8's targets: explain at N = 10⁴ ≤ 0.5 s (one column per method), report at N = 256 ≤ 3 s.
    let ten_thousand = Logits::new((0..10_000).map(|k| (k as f64 * 0.37).sin() * 5.0).collect()).expect("valid");
    let reference = verify::read_and_decide(verify::REFERENCE_POST);
    report("explain at N = 10 000", median(3, || drop(dsoftmax::explain::explain(&reference, &ten_thousand, 2, 6))));
    let ramp = Logits::new((0..inputs::MAX_N).map(|k| k as f64 / 16.0).collect()).expect("valid");
    let out = std::env::temp_dir().join(format!("dsoftmax-bench-{}", std::process::id()));
    report(
        "report at N = 256 (verify + figures + REPORT.md)",
        median(3, || {
            let o = figures::Options { at: ramp.clone(), overflow_at: ramp.clone(), ..figures::Options::default() };
            let post = dsoftmax::report::Article {
                name: "softmax-jacobian.fr.md",
                text: verify::REFERENCE_POST,
                patch: false,
            };
            drop(dsoftmax::report::write(&out, &o, Config::default(), post, &|_| {}).expect("writes"));
        }),
    );
    let _ = std::fs::remove_dir_all(&out);
    match peak_rss_kib() {
        Some(kib) => println!("{:<48} {:>10.1} MiB", "peak resident memory", kib as f64 / 1024.0),
        None => println!("peak resident memory: not available on this platform"),
    }
}
