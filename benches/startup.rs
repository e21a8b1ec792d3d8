//! Start-up costs: loading the dictionary, building the engine for the embedded pack and for a
//! synthetic pack of 1,000 passages, reopening a kept index, and the whole cold start of the
//! binary (process start to printed answer). Run with `cargo bench --bench startup`.

#[path = "support/synth.rs"]
mod synth;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use verbatim::knowledge::{load_dir, Knowledge};
use verbatim::search::{Analyzer, Engine, EngineOptions};

fn synthetic_pack(passages: usize) -> Knowledge {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("startup-{passages}"));
    if !dir.join("questions.txt").is_file() {
        let _ = std::fs::remove_dir_all(&dir);
        let synthetic = synth::write_packs(&dir, passages).expect("packs are written");
        let questions = synth::questions(&synthetic, 10);
        std::fs::write(dir.join("questions.txt"), questions.join("\n"))
            .expect("questions are written");
    }
    let (knowledge, problems) = load_dir(&dir);
    assert!(problems.is_empty(), "the synthetic pack loads");
    knowledge
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));

    group.bench_function("dictionary_load", |b| {
        let knowledge = Knowledge::embedded();
        b.iter(|| Analyzer::new(&knowledge))
    });
    group.bench_function("load_embedded_pack", |b| b.iter(Knowledge::embedded));
    group.bench_function("engine_seed_pack", |b| {
        b.iter(|| Engine::new(Knowledge::embedded()).expect("indexes"))
    });
    let thousand = synthetic_pack(1000);
    group.bench_function("engine_1k_passages", |b| {
        b.iter(|| Engine::new(thousand.clone()).expect("indexes"))
    });
    let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("startup-kept-index");
    let options = EngineOptions {
        index_dir: Some(kept.clone()),
    };
    Engine::with_options(thousand.clone(), &options).expect("the index is saved");
    group.bench_function("engine_1k_passages_reopened", |b| {
        b.iter(|| Engine::with_options(thousand.clone(), &options).expect("reopens"))
    });
    let _ = std::fs::remove_dir_all(&kept);

    // The binary as a user runs it: exec, load, index, answer, print, exit.
    group.bench_function("process_ask", |b| {
        b.iter(|| {
            let output = Command::new(env!("CARGO_BIN_EXE_verbatim"))
                .args(["ask", "楊植麟怎麼看AGI?"])
                .env_remove("VERBATIM_KNOWLEDGE")
                .env_remove("VERBATIM_INDEX_DIR")
                .output()
                .expect("verbatim runs");
            assert!(output.status.success());
            output
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
