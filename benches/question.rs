//! The cost of one question, part by part: normalising and segmenting it, searching, rendering
//! the answer, and the whole path from text to JSON line. Run with `cargo bench --bench question`.
//!
//! Every benchmark runs over the dev questions (`tests/data/dev-questions.jsonl`), so a figure is
//! the mean over a realistic mix: names in every script, English, typos and off-topic questions.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use verbatim::answer::{answer_reply, render_terminal};
use verbatim::cli::JsonAnswer;
use verbatim::knowledge::Knowledge;
use verbatim::normalize::fold;
use verbatim::search::{Analyzer, Engine};
use verbatim::strings::Locale;

fn questions() -> Vec<String> {
    include_str!("../tests/data/dev-questions.jsonl")
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|question| question["q"].as_str().map(str::to_owned))
        .collect()
}

fn question_path(c: &mut Criterion) {
    let questions = questions();
    let engine = Engine::new(Knowledge::embedded()).expect("the embedded pack indexes");
    let analyzer = Analyzer::new(engine.knowledge());
    let answers: Vec<_> = questions.iter().map(|q| engine.ask(q, 3)).collect();

    let mut group = c.benchmark_group("question");
    group.throughput(Throughput::Elements(questions.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for question in &questions {
                black_box(fold(black_box(question)));
            }
        })
    });
    group.bench_function("normalize_and_segment", |b| {
        b.iter(|| {
            for question in &questions {
                black_box(analyzer.tokens(&fold(black_box(question))));
            }
        })
    });
    group.bench_function("search", |b| {
        b.iter(|| {
            for question in &questions {
                black_box(engine.ask(black_box(question), 3));
            }
        })
    });
    group.bench_function("render_reply", |b| {
        b.iter(|| {
            for answer in &answers {
                black_box(render_terminal(&answer_reply(
                    black_box(answer),
                    engine.knowledge(),
                    Locale::English,
                )));
            }
        })
    });
    group.bench_function("render_json", |b| {
        b.iter(|| {
            for answer in &answers {
                black_box(
                    serde_json::to_string(&JsonAnswer::from(black_box(answer)))
                        .expect("serialises"),
                );
            }
        })
    });
    group.bench_function("whole_path_json", |b| {
        b.iter(|| {
            for question in &questions {
                let answer = engine.ask(black_box(question), 3);
                black_box(serde_json::to_string(&JsonAnswer::from(&answer)).expect("serialises"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, question_path);
criterion_main!(benches);
