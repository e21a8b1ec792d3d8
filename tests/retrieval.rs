//! Retrieval quality, enforced: the question sets under `tests/data/` must keep top-1 ≥ 0.95,
//! top-3 = 1.0, and every out-of-scope question must abstain. The same contract as
//! `../shared/eval/score.py`, computed on the library directly.

use std::collections::HashSet;

use serde::Deserialize;
use verbatim::knowledge::Knowledge;
use verbatim::search::{Answer, Engine};

#[derive(Deserialize)]
struct Question {
    id: String,
    q: String,
    speaker: Option<String>,
    /// Substrings of the source; absent for an out-of-scope question.
    any: Option<Vec<String>>,
}

fn questions(file: &str) -> Vec<Question> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}")))
        .collect()
}

/// The 1-based rank of the first hit that answers `question`, if any in the top 3.
fn rank(answer: &Answer, question: &Question, wanted: &[String]) -> Option<usize> {
    answer
        .hits
        .iter()
        .take(3)
        .position(|hit| {
            let passage = hit.passage();
            wanted.iter().any(|w| passage.text.contains(w.as_str()))
                && (question.speaker.is_none() || passage.speaker == question.speaker)
        })
        .map(|r| r + 1)
}

fn check_set(file: &str) {
    let engine = Engine::new(Knowledge::embedded()).unwrap();
    let questions = questions(file);
    let (mut answerable, mut top1, mut top3) = (0, 0, 0);
    let mut misses = Vec::new();
    for question in &questions {
        let answer = engine.ask(&question.q, 3);
        for hit in &answer.hits {
            let text = &hit.passage().text;
            assert!(
                hit.pack.source.text.contains(text.as_str()),
                "{}: quote not in the source",
                question.id
            );
            assert!(
                hit.excerpt.end <= text.len()
                    && text.is_char_boundary(hit.excerpt.start)
                    && text.is_char_boundary(hit.excerpt.end)
            );
        }
        match &question.any {
            None => {
                if !answer.hits.is_empty() {
                    misses.push(format!("{} should abstain: {:?}", question.id, question.q));
                }
            }
            Some(wanted) => {
                answerable += 1;
                match rank(&answer, question, wanted) {
                    Some(1) => {
                        top1 += 1;
                        top3 += 1;
                    }
                    Some(r) => {
                        top3 += 1;
                        misses.push(format!("{} at rank {r}: {:?}", question.id, question.q));
                    }
                    None => misses.push(format!(
                        "{} not in the top 3: {:?}",
                        question.id, question.q
                    )),
                }
            }
        }
    }
    let top1_share = top1 as f64 / answerable as f64;
    let abstain_misses = misses
        .iter()
        .filter(|m| m.contains("should abstain"))
        .count();
    assert!(
        top1_share >= 0.95,
        "{file}: top-1 {top1_share:.3} < 0.95; misses:\n{}",
        misses.join("\n")
    );
    assert_eq!(
        top3,
        answerable,
        "{file}: top-3 must be 1.0; misses:\n{}",
        misses.join("\n")
    );
    assert_eq!(abstain_misses, 0, "{file}: misses:\n{}", misses.join("\n"));
}

#[test]
fn dev_questions_meet_the_thresholds() {
    check_set("dev-questions.jsonl");
}

#[test]
fn more_questions_meet_the_thresholds() {
    check_set("more-questions.jsonl");
}

#[test]
fn question_sets_have_unique_ids() {
    let mut seen = HashSet::new();
    for file in ["dev-questions.jsonl", "more-questions.jsonl"] {
        for question in questions(file) {
            assert!(
                seen.insert(question.id.clone()),
                "{file}: id {} twice",
                question.id
            );
        }
    }
}

#[test]
fn named_speaker_questions_only_quote_that_speaker() {
    let engine = Engine::new(Knowledge::embedded()).unwrap();
    for (question, speaker) in [
        ("楊植麟怎麼看AGI?", "楊植麟"),
        ("王小川 价格战", "王小川"),
        ("Li Dahai scaling law", "李大海"),
    ] {
        let answer = engine.ask(question, 5);
        assert!(!answer.hits.is_empty(), "{question}");
        for hit in &answer.hits {
            assert_eq!(
                hit.passage().speaker.as_deref(),
                Some(speaker),
                "{question}"
            );
        }
    }
}
