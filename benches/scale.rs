//! How the costs grow with the collection: knowledge load, index build, question latency
//! (p50 and p99) and peak memory, for the embedded pack and synthetic collections of 1,000,
//! 10,000 and 100,000 passages. Each size runs in a process of its own, so that its peak memory
//! is its own; with an index folder it runs twice more, to save the index and to reopen it.
//!
//! `cargo bench --bench scale` runs every size; `cargo bench --bench scale -- 1000 10000` runs
//! some (`-- 0`: only the embedded pack). The synthetic packs are written once under Cargo's target folder (see
//! `benches/support/synth.rs`). `cargo bench --bench scale -- --measure DIR` measures one folder
//! of packs with its `questions.txt` (as the `synth_pack` example writes them) and prints the
//! figures as `name=value` pairs; `tools/bm25s-compare` times verbatim this way.

#[path = "support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use verbatim::knowledge::{load_dir, Knowledge};
use verbatim::search::{Engine, EngineOptions, IndexOrigin};

/// Bump when the generator changes, so that packs written by an older one are written again.
const GENERATOR_VERSION: &str = "1";

/// Latencies measured after the first pass over the questions: enough passes for this many, so
/// that the 99th percentile of the embedded pack's 33 questions is not its slowest one.
const WARM_SAMPLES: usize = 3000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--measure") {
        let target = &args[at + 1];
        let index_dir = args
            .iter()
            .position(|a| a == "--index-dir")
            .map(|i| PathBuf::from(&args[i + 1]));
        measure(target, index_dir);
        return;
    }
    // `cargo bench` passes `--bench`; numbers choose the sizes.
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000, 100_000];
    }
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synth");
    println!("| passages | load | build | question mean | p50 | p99 | first-pass p99 | peak memory | reopen (load + engine) | reopen peak |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    run_row("seed (28)", "seed", None);
    // `0` alone measures only the embedded pack.
    for size in sizes.into_iter().filter(|&size| size > 0) {
        let dir = root.join(size.to_string());
        ensure_packs(&dir, size);
        let index_dir = root.join(format!("{size}-index"));
        let _ = std::fs::remove_dir_all(&index_dir);
        let label = format!("{size}");
        // The first run with a folder saves the index; the second reopens it.
        let in_memory = child(dir.to_str().expect("a UTF-8 path"), None);
        let _saved = child(dir.to_str().expect("a UTF-8 path"), Some(&index_dir));
        let reopened = child(dir.to_str().expect("a UTF-8 path"), Some(&index_dir));
        print_row(&label, &in_memory, Some(&reopened));
        let _ = std::fs::remove_dir_all(&index_dir);
    }
}

/// Figures from one measuring process, by name.
struct Figures(Vec<(String, f64)>);

impl Figures {
    fn get(&self, name: &str) -> f64 {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or(f64::NAN, |(_, v)| *v)
    }
}

fn run_row(label: &str, target: &str, index_dir: Option<&Path>) {
    let figures = child(target, index_dir);
    print_row(label, &figures, None);
}

fn print_row(label: &str, figures: &Figures, reopened: Option<&Figures>) {
    let reopen = reopened.map_or(("—".to_owned(), "—".to_owned()), |r| {
        (
            format!(
                "{:.2} s + {:.0} ms",
                r.get("load_ms") / 1000.0,
                r.get("engine_ms")
            ),
            format!("{:.0} MB", r.get("peak_mb")),
        )
    });
    println!(
        "| {label} | {} | {} | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} MB | {} | {} |",
        millis(figures.get("load_ms")),
        millis(figures.get("engine_ms")),
        figures.get("mean_us"),
        figures.get("p50_us"),
        figures.get("p99_us"),
        figures.get("first_p99_us"),
        figures.get("peak_mb"),
        reopen.0,
        reopen.1,
    );
}

fn millis(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

/// Runs `--measure` in a fresh process and reads its figures.
fn child(target: &str, index_dir: Option<&Path>) -> Figures {
    let mut command = Command::new(std::env::current_exe().expect("the bench knows its path"));
    command.args(["--measure", target]);
    if let Some(dir) = index_dir {
        command.arg("--index-dir").arg(dir);
    }
    let output = command.output().expect("the measuring process runs");
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "measuring {target} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    Figures(
        text.split_whitespace()
            .filter_map(|pair| pair.split_once('='))
            .filter_map(|(name, value)| Some((name.to_owned(), value.parse().ok()?)))
            .collect(),
    )
}

/// Writes the synthetic packs of `size` passages into `dir` unless they are there already.
fn ensure_packs(dir: &Path, size: usize) {
    let version = dir.join("GENERATOR_VERSION");
    if std::fs::read_to_string(&version).is_ok_and(|v| v == GENERATOR_VERSION) {
        return;
    }
    let _ = std::fs::remove_dir_all(dir);
    let started = Instant::now();
    let synthetic = synth::write_packs(dir, size).expect("the synthetic packs are written");
    let questions = synth::questions(&synthetic, 1000);
    std::fs::write(dir.join("questions.txt"), questions.join("\n") + "\n")
        .expect("questions written");
    std::fs::write(&version, GENERATOR_VERSION).expect("version written");
    eprintln!(
        "wrote {size} passages to {} in {:.1?}",
        dir.display(),
        started.elapsed()
    );
}

/// In the measuring process: loads, builds, asks every question once, then again until
/// [`WARM_SAMPLES`] latencies are measured, and prints `name=value` figures (the warm latencies'
/// count, mean and percentiles in µs).
fn measure(target: &str, index_dir: Option<PathBuf>) {
    let started = Instant::now();
    let (knowledge, questions) = if target == "seed" {
        let questions = include_str!("../tests/data/dev-questions.jsonl")
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|q| q["q"].as_str().map(str::to_owned))
            .collect();
        (Knowledge::embedded(), questions)
    } else {
        let dir = Path::new(target);
        let (knowledge, problems) = load_dir(dir);
        assert!(
            problems.is_empty(),
            "the synthetic packs load: {:?}",
            &problems[..problems.len().min(3)]
        );
        let questions = std::fs::read_to_string(dir.join("questions.txt")).expect("questions");
        (
            knowledge,
            questions.lines().map(str::to_owned).collect::<Vec<_>>(),
        )
    };
    let load = started.elapsed();
    let engine =
        Engine::with_options(knowledge, &EngineOptions { index_dir }).expect("the index builds");
    let report = engine.build_report();
    let mut first = Vec::new();
    let mut warm = Vec::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    let passes = WARM_SAMPLES.div_ceil(questions.len().max(1));
    for pass in 0..=passes {
        for question in &questions {
            let asked = Instant::now();
            std::hint::black_box(engine.ask(question, 3));
            let took = asked.elapsed();
            if pass == 0 {
                first.push(took)
            } else {
                warm.push(took);
                slowest.push((took, question));
            }
        }
    }
    // The slowest questions, to standard error: where to look next.
    slowest.sort_unstable_by_key(|&(took, _)| std::cmp::Reverse(took));
    for (took, question) in slowest.iter().take(3) {
        eprintln!(
            "  {target}: {:.0} µs for {question:?}",
            took.as_secs_f64() * 1e6
        );
    }
    println!(
        "load_ms={:.1} engine_ms={:.1} reopened={} asks={} mean_us={:.1} p50_us={:.1} p99_us={:.1} first_p99_us={:.1} peak_mb={:.1}",
        load.as_secs_f64() * 1000.0,
        report.duration.as_secs_f64() * 1000.0,
        u8::from(matches!(report.origin, IndexOrigin::Reopened(_))),
        warm.len(),
        mean(&warm),
        percentile(&mut warm, 0.50),
        percentile(&mut warm, 0.99),
        percentile(&mut first, 0.99),
        peak_memory_mb(),
    );
}

fn mean(samples: &[Duration]) -> f64 {
    samples.iter().sum::<Duration>().as_secs_f64() * 1e6 / samples.len().max(1) as f64
}

fn percentile(samples: &mut [Duration], share: f64) -> f64 {
    samples.sort_unstable();
    let at = ((samples.len() as f64 * share).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[at].as_secs_f64() * 1e6
}

/// The process's peak resident memory (VmHWM), in MB.
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
