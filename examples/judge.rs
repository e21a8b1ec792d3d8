//! Prints how every question of a question set is judged, one JSON object a line, for
//! calibrating when the forum answers a question (the coverage rule in `src/search/rank.rs`)
//! on several forums at once.
//!
//! ```sh
//! cargo run --release --example judge -- QUESTIONS.jsonl [PACK_DIR]
//! ```
//!
//! Each line: the question's id and label (`in_scope`: the line has `any`), whether the forum
//! answered it, the best coverage, and the best candidates with whether each answers it
//! (`good`: its text holds one of `any`, of the labelled speaker).

use std::path::Path;

use serde_json::{json, Value};
use verbatim::knowledge::{load_dir, Knowledge};
use verbatim::search::Engine;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(questions) = args.next() else {
        eprintln!("usage: judge QUESTIONS.jsonl [PACK_DIR]");
        std::process::exit(2);
    };
    let knowledge = match args.next() {
        Some(dir) => {
            let (knowledge, problems) = load_dir(Path::new(&dir));
            for problem in &problems {
                eprintln!("{problem}");
            }
            knowledge
        }
        None => Knowledge::embedded(),
    };
    let engine = Engine::new(knowledge).expect("the knowledge indexes");
    let text = std::fs::read_to_string(&questions).expect("the question set is readable");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let question: Value = serde_json::from_str(line).expect("a JSON question");
        let q = question["q"].as_str().unwrap_or("");
        let wanted: Vec<&str> = question["any"]
            .as_array()
            .map(|any| any.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let speaker = question["speaker"].as_str();
        let explanation = engine.explain(q);
        let answer = engine.ask(q, 3);
        let good = |id: &str| {
            engine.knowledge().passages().any(|(_, passage)| {
                passage.id == id
                    && wanted.iter().any(|w| passage.text.contains(w))
                    && (speaker.is_none() || passage.speaker.as_deref() == speaker)
            })
        };
        let candidates: Vec<Value> = explanation
            .candidates
            .iter()
            .take(5)
            .map(|c| {
                json!({"id": c.id, "score": c.score, "coverage": c.coverage, "good": good(&c.id), "matches": c.matches,
                       "speaker": c.speaker})
            })
            .collect();
        let units: Vec<Value> = explanation
            .units
            .iter()
            .map(|u| json!({"text": u.text, "weight": u.weight, "found": u.found, "content": u.content}))
            .collect();
        println!(
            "{}",
            json!({
                "id": question["id"], "q": q, "in_scope": !wanted.is_empty(),
                "kind": question["kind"], "answered": explanation.answered,
                "shown": answer.hits.len(), "best_coverage": explanation.best_coverage,
                "kinds": explanation.kinds, "outsiders": explanation.outsiders,
                "units": units, "candidates": candidates,
            })
        );
    }
}
