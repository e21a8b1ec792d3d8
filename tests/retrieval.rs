//! Retrieval quality, enforced on every question set of the project: the figures of the shared
//! scorer (`../shared/eval/score.py`: top-1 and top-3 with the speaker, prec@3 and rec@3 for
//! questions with `rel`, abstention) must stay at or above each set's floor, and the top three
//! passages of every question are kept in a snapshot (`tests/data/retrieval/SET.txt`), so that
//! any change of rank shows in review. `UPDATE_EXPECT=1 cargo test --test retrieval` rewrites
//! the snapshots after a change that is meant.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[path = "retrieval/understanding.rs"]
mod understanding;
use verbatim::knowledge::{load_dir, Knowledge};
use verbatim::search::{Answer, Engine};

#[derive(Deserialize)]
struct Question {
    id: String,
    q: String,
    speaker: Option<String>,
    /// Substrings of the best passages; absent for an out-of-scope question.
    any: Option<Vec<String>>,
    /// One substring per relevant passage.
    rel: Option<Vec<String>>,
}

/// A question set, the pack it asks about (`None`: the embedded one), and its floors.
struct Set {
    name: &'static str,
    questions: &'static str,
    pack: Option<&'static str>,
    /// Whether the pack is read as a drafting tool would write it from the text alone
    /// ([`minimal`]): no hand-written aliases to lean on.
    minimal: bool,
    floors: Figures,
}

/// The scorer's figures, as shares from 0 to 1.
#[derive(Debug, Clone, Copy)]
struct Figures {
    top1: f64,
    top3: f64,
    precision: f64,
    recall: f64,
    abstain: f64,
}

const SETS: [Set; 19] = [
    // The seed's own sets keep top-1 ≥ 0.95 and every abstention.
    Set {
        name: "dev",
        questions: "dev-questions.jsonl",
        pack: None,
        minimal: false,
        floors: Figures {
            top1: 0.95,
            top3: 0.95,
            precision: 0.0,
            recall: 0.0,
            abstain: 1.0,
        },
    },
    Set {
        name: "more",
        questions: "more-questions.jsonl",
        pack: None,
        minimal: false,
        floors: Figures {
            top1: 0.95,
            top3: 0.95,
            precision: 0.0,
            recall: 0.0,
            abstain: 1.0,
        },
    },
    Set {
        name: "seed-hard",
        questions: "seed-hard-questions.jsonl",
        pack: None,
        minimal: false,
        floors: Figures {
            top1: 0.83,
            top3: 0.88,
            precision: 0.83,
            recall: 0.83,
            abstain: 0.95,
        },
    },
    Set {
        name: "unseen-a",
        questions: "unseen-a/questions.jsonl",
        pack: Some("unseen-a/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.97,
            top3: 0.97,
            precision: 0.95,
            recall: 0.90,
            abstain: 1.0,
        },
    },
    Set {
        name: "tw-report",
        questions: "forums/tw-report/questions.jsonl",
        pack: Some("forums/tw-report/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.91,
            top3: 0.92,
            precision: 0.87,
            recall: 0.84,
            abstain: 0.92,
        },
    },
    Set {
        name: "cn-transcript",
        questions: "forums/cn-transcript/questions.jsonl",
        pack: Some("forums/cn-transcript/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.82,
            top3: 0.89,
            precision: 0.82,
            recall: 0.84,
            abstain: 0.92,
        },
    },
    Set {
        name: "cn-report-qa",
        questions: "forums/cn-report-qa/questions.jsonl",
        pack: Some("forums/cn-report-qa/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.84,
            top3: 0.88,
            precision: 0.82,
            recall: 0.84,
            abstain: 0.94,
        },
    },
    Set {
        name: "tw-transcript",
        questions: "forums/tw-transcript/questions.jsonl",
        pack: Some("forums/tw-transcript/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.82,
            top3: 0.89,
            precision: 0.84,
            recall: 0.87,
            abstain: 0.93,
        },
    },
    // Written by someone who had not seen the code, after the rules above: each was first
    // scored as it came (the forums' README gives those figures), then developed on.
    Set {
        name: "cn-games-report",
        questions: "forums/cn-games-report/questions.jsonl",
        pack: Some("forums/cn-games-report/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.81,
            top3: 0.86,
            precision: 0.82,
            recall: 0.83,
            abstain: 0.80,
        },
    },
    Set {
        name: "tw-hotel-transcript",
        questions: "forums/tw-hotel-transcript/questions.jsonl",
        pack: Some("forums/tw-hotel-transcript/pack"),
        minimal: false,
        floors: Figures {
            top1: 0.72,
            top3: 0.76,
            precision: 0.71,
            recall: 0.71,
            abstain: 0.85,
        },
    },
    // The same texts with minimal packs: name, organisation and role of each speaker only.
    Set {
        name: "more-minimal",
        questions: "more-questions.jsonl",
        pack: None,
        minimal: true,
        floors: Figures {
            top1: 0.91,
            top3: 0.92,
            precision: 0.0,
            recall: 0.0,
            abstain: 1.0,
        },
    },
    Set {
        name: "seed-hard-minimal",
        questions: "seed-hard-questions.jsonl",
        pack: None,
        minimal: true,
        floors: Figures {
            top1: 0.79,
            top3: 0.82,
            precision: 0.78,
            recall: 0.78,
            abstain: 1.0,
        },
    },
    Set {
        name: "unseen-a-minimal",
        questions: "unseen-a/questions.jsonl",
        pack: Some("unseen-a/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.97,
            top3: 0.97,
            precision: 0.94,
            recall: 0.90,
            abstain: 1.0,
        },
    },
    Set {
        name: "tw-report-minimal",
        questions: "forums/tw-report/questions.jsonl",
        pack: Some("forums/tw-report/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.91,
            top3: 0.91,
            precision: 0.86,
            recall: 0.83,
            abstain: 0.92,
        },
    },
    Set {
        name: "cn-transcript-minimal",
        questions: "forums/cn-transcript/questions.jsonl",
        pack: Some("forums/cn-transcript/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.82,
            top3: 0.89,
            precision: 0.82,
            recall: 0.84,
            abstain: 0.92,
        },
    },
    Set {
        name: "cn-report-qa-minimal",
        questions: "forums/cn-report-qa/questions.jsonl",
        pack: Some("forums/cn-report-qa/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.83,
            top3: 0.87,
            precision: 0.81,
            recall: 0.83,
            abstain: 0.94,
        },
    },
    Set {
        name: "tw-transcript-minimal",
        questions: "forums/tw-transcript/questions.jsonl",
        pack: Some("forums/tw-transcript/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.80,
            top3: 0.88,
            precision: 0.81,
            recall: 0.86,
            abstain: 0.93,
        },
    },
    Set {
        name: "cn-games-report-minimal",
        questions: "forums/cn-games-report/questions.jsonl",
        pack: Some("forums/cn-games-report/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.81,
            top3: 0.86,
            precision: 0.82,
            recall: 0.82,
            abstain: 0.80,
        },
    },
    Set {
        name: "tw-hotel-transcript-minimal",
        questions: "forums/tw-hotel-transcript/questions.jsonl",
        pack: Some("forums/tw-hotel-transcript/pack"),
        minimal: true,
        floors: Figures {
            top1: 0.72,
            top3: 0.74,
            precision: 0.71,
            recall: 0.69,
            abstain: 0.92,
        },
    },
];

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn questions(file: &str) -> Vec<Question> {
    let path = data(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

fn engine(pack: Option<&str>) -> Engine {
    engine_of(knowledge(pack))
}

fn engine_of(knowledge: Knowledge) -> Engine {
    Engine::new(knowledge).expect("the pack indexes")
}

fn knowledge(pack: Option<&str>) -> Knowledge {
    match pack {
        None => Knowledge::embedded(),
        Some(dir) => {
            let (knowledge, problems) = load_dir(&data(dir));
            assert!(problems.is_empty(), "{dir}: {problems:?}");
            knowledge
        }
    }
}

/// A knowledge base as `truth2pack.py --minimal` writes it: each speaker's name, organisation
/// and role, and nothing a curator adds by hand (aliases, English names, products).
fn minimal(knowledge: Knowledge) -> Knowledge {
    let packs = knowledge
        .packs
        .iter()
        .map(|pack| {
            let mut pack = (**pack).clone();
            for speaker in &mut pack.speakers {
                speaker.name_en = None;
                speaker.organization_en = None;
                speaker.role_en = None;
                speaker.aliases.clear();
                speaker.organization_aliases.clear();
                speaker.products.clear();
            }
            std::sync::Arc::new(pack)
        })
        .collect();
    Knowledge { packs }
}

/// Whether a shown passage answers the question: it holds one of `wanted`, and is the labelled
/// speaker's when there is one.
fn answers(text: &str, speaker: Option<&str>, question: &Question, wanted: &[String]) -> bool {
    wanted.iter().any(|w| text.contains(w.as_str()))
        && (question.speaker.is_none() || speaker == question.speaker.as_deref())
}

/// The scorer's figures for one set, and its snapshot: one line per question with the ids of
/// the passages shown (at most three), or `-` for an abstention.
fn score(set: &Set) -> (Figures, String) {
    let knowledge = knowledge(set.pack);
    let knowledge = if set.minimal {
        minimal(knowledge)
    } else {
        knowledge
    };
    let engine = engine_of(knowledge);
    let (mut answerable, mut top1, mut top3) = (0, 0, 0);
    let (mut precision, mut recall, mut labelled) = (0.0, 0.0, 0);
    let (mut out_of_scope, mut abstained) = (0, 0);
    let mut snapshot = String::new();
    for question in questions(set.questions) {
        let answer: Answer = engine.ask(&question.q, 3);
        for hit in &answer.hits {
            let passage = hit.passage();
            assert!(
                hit.pack.source.text.contains(passage.text.as_str()),
                "{}: quote not in the source",
                question.id
            );
            assert!(passage.text.is_char_boundary(hit.excerpt.start));
            assert!(passage.text.is_char_boundary(hit.excerpt.end));
        }
        let shown: Vec<(&str, Option<&str>)> = answer
            .hits
            .iter()
            .map(|hit| {
                (
                    hit.passage().text.as_str(),
                    hit.passage().speaker.as_deref(),
                )
            })
            .collect();
        let ids: Vec<&str> = answer
            .hits
            .iter()
            .map(|hit| hit.passage().id.as_str())
            .collect();
        snapshot += &format!(
            "{}\t{}\n",
            question.id,
            if ids.is_empty() {
                "-".to_owned()
            } else {
                ids.join(" ")
            }
        );
        let Some(wanted) = &question.any else {
            out_of_scope += 1;
            abstained += usize::from(shown.is_empty());
            continue;
        };
        answerable += 1;
        let rank = shown
            .iter()
            .position(|&(text, speaker)| answers(text, speaker, &question, wanted));
        top1 += usize::from(rank == Some(0));
        top3 += usize::from(rank.is_some());
        if let Some(rel) = &question.rel {
            labelled += 1;
            let relevant = |text: &str| rel.iter().any(|r| text.contains(r.as_str()));
            if !shown.is_empty() {
                let good = shown.iter().filter(|(text, _)| relevant(text)).count();
                precision += good as f64 / shown.len() as f64;
            }
            let found = rel
                .iter()
                .filter(|r| shown.iter().any(|(text, _)| text.contains(r.as_str())))
                .count();
            recall += found as f64 / rel.len().min(3) as f64;
        }
    }
    let share = |count: usize, of: usize| {
        if of == 0 {
            1.0
        } else {
            count as f64 / of as f64
        }
    };
    let figures = Figures {
        top1: share(top1, answerable),
        top3: share(top3, answerable),
        precision: if labelled == 0 {
            1.0
        } else {
            precision / labelled as f64
        },
        recall: if labelled == 0 {
            1.0
        } else {
            recall / labelled as f64
        },
        abstain: share(abstained, out_of_scope),
    };
    let header = format!(
        "# {}: top1 {:.3} top3 {:.3} prec@3 {:.3} rec@3 {:.3} abstain {:.3}\n",
        set.name, figures.top1, figures.top3, figures.precision, figures.recall, figures.abstain
    );
    (figures, header + &snapshot)
}

/// Compares a snapshot with its file, or rewrites the file when `UPDATE_EXPECT` is set (the
/// expect-test convention).
fn check_snapshot(name: &str, actual: &str) {
    let path = data(&format!("retrieval/{name}.txt"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let changed: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .filter(|(e, a)| e != a)
            .map(|(e, a)| format!("  was: {e}\n  now: {a}"))
            .collect();
        panic!(
            "{name}: the answers changed (UPDATE_EXPECT=1 cargo test --test retrieval to accept):\n{}",
            changed.join("\n")
        );
    }
}

/// The set of that name.
fn set(name: &str) -> &'static Set {
    SETS.iter()
        .find(|set| set.name == name)
        .unwrap_or_else(|| panic!("no set {name}"))
}

fn check_set(set: &Set) {
    let (figures, snapshot) = score(set);
    let floors = set.floors;
    let below: Vec<String> = [
        ("top1", figures.top1, floors.top1),
        ("top3", figures.top3, floors.top3),
        ("prec@3", figures.precision, floors.precision),
        ("rec@3", figures.recall, floors.recall),
        ("abstain", figures.abstain, floors.abstain),
    ]
    .into_iter()
    .filter(|(_, got, floor)| got + 1e-9 < *floor)
    .map(|(name, got, floor)| format!("{name} {got:.3} < {floor:.3}"))
    .collect();
    check_snapshot(set.name, &snapshot);
    assert!(below.is_empty(), "{}: {}", set.name, below.join(", "));
}

#[test]
fn dev_questions() {
    check_set(set("dev"));
}

#[test]
fn more_questions() {
    check_set(set("more"));
}

#[test]
fn seed_hard_questions() {
    check_set(set("seed-hard"));
}

#[test]
fn unseen_report_questions() {
    check_set(set("unseen-a"));
}

#[test]
fn traditional_report_questions() {
    check_set(set("tw-report"));
}

#[test]
fn simplified_transcript_questions() {
    check_set(set("cn-transcript"));
}

#[test]
fn simplified_report_with_questions_and_answers() {
    check_set(set("cn-report-qa"));
}

#[test]
fn traditional_transcript_questions() {
    check_set(set("tw-transcript"));
}

#[test]
fn simplified_games_report_questions() {
    check_set(set("cn-games-report"));
}

#[test]
fn traditional_hotel_transcript_questions() {
    check_set(set("tw-hotel-transcript"));
}

#[test]
fn simplified_games_report_questions_with_a_minimal_pack() {
    check_set(set("cn-games-report-minimal"));
}

#[test]
fn traditional_hotel_transcript_questions_with_a_minimal_pack() {
    check_set(set("tw-hotel-transcript-minimal"));
}

#[test]
fn more_questions_with_a_minimal_pack() {
    check_set(set("more-minimal"));
}

#[test]
fn seed_hard_questions_with_a_minimal_pack() {
    check_set(set("seed-hard-minimal"));
}

#[test]
fn unseen_report_questions_with_a_minimal_pack() {
    check_set(set("unseen-a-minimal"));
}

#[test]
fn traditional_report_questions_with_a_minimal_pack() {
    check_set(set("tw-report-minimal"));
}

#[test]
fn simplified_transcript_questions_with_a_minimal_pack() {
    check_set(set("cn-transcript-minimal"));
}

#[test]
fn simplified_report_with_questions_and_answers_with_a_minimal_pack() {
    check_set(set("cn-report-qa-minimal"));
}

#[test]
fn traditional_transcript_questions_with_a_minimal_pack() {
    check_set(set("tw-transcript-minimal"));
}

#[test]
fn question_ids_are_unique_within_each_set() {
    for set in &SETS {
        let mut seen = HashSet::new();
        for question in questions(set.questions) {
            assert!(
                seen.insert(question.id.clone()),
                "{}: id {} twice",
                set.name,
                question.id
            );
        }
    }
}

/// The questions the not-covered reply offers as examples are ones the forum answers, with
/// the speaker they name, on every forum and in every language: examples are drawn from the
/// knowledge, not written for one forum.
#[test]
fn the_examples_of_how_to_ask_are_answered() {
    use verbatim::strings::{text::example_question, Locale};
    let packs = [
        None,
        Some("unseen-a/pack"),
        Some("forums/tw-report/pack"),
        Some("forums/cn-transcript/pack"),
        Some("forums/cn-report-qa/pack"),
        Some("forums/tw-transcript/pack"),
    ];
    for pack in packs {
        let engine = engine(pack);
        for locale in [
            Locale::English,
            Locale::TraditionalChinese,
            Locale::SimplifiedChinese,
        ] {
            let examples = verbatim::answer::examples(engine.knowledge(), locale);
            assert_eq!(examples.len(), 2, "{pack:?} {locale:?}");
            for (speaker, topic) in &examples {
                let question = example_question(locale, speaker, topic.as_deref());
                let answer = engine.ask(&question, 3);
                // The example names the speaker as the asker reads them: in their script, or
                // by their English name.
                let fold = verbatim::normalize::fold;
                let named = engine.knowledge().speakers().into_iter().find(|s| {
                    fold(&s.name) == fold(speaker) || s.name_en.as_deref() == Some(speaker)
                });
                let named = named.map(|s| s.name.clone());
                assert!(named.is_some(), "{pack:?}: {speaker} is no speaker");
                let first = answer
                    .hits
                    .first()
                    .and_then(|hit| hit.passage().speaker.clone());
                assert_eq!(first, named, "{pack:?}: {question}");
            }
        }
    }
}

/// Asked when or where the event was held, by a short form of its name, by a word for any
/// event, or in English, each forum answers with the passage that sets the scene (its name,
/// date and place), not a speaker's words that happen to hold 开 or 办; asked of the next
/// edition, or of what the forum does not state, it does not answer with the scene.
#[test]
fn when_and_where_the_event_was_held() {
    let forums = [
        ("unseen-a/pack", "出行大会"),
        ("forums/tw-report/pack", "農糧論壇"),
        ("forums/cn-transcript/pack", "体博会"),
        ("forums/cn-report-qa/pack", "文博会"),
        ("forums/tw-transcript/pack", "能源論壇"),
    ];
    for (pack, short) in forums {
        let engine = engine(Some(pack));
        let questions = [
            format!("{short}在哪里举办？"),
            format!("{short}是哪天开的"),
            format!("{short}在哪个城市举行"),
            "这次论坛是什么时候办的".to_owned(),
            "where was the conference held?".to_owned(),
            "這場座談在哪裡".to_owned(),
            "where did the panel take place".to_owned(),
        ];
        for question in &questions {
            let answer = engine.ask(question, 3);
            let first = answer.hits.first().map(|hit| hit.passage().id.clone());
            assert_eq!(first.as_deref(), Some("p01"), "{pack}: {question}");
        }
        for question in [
            format!("{short}在哪个酒店开的"),
            format!("{short}明年在哪里办"),
            format!("{short}的门票多少钱"),
        ] {
            let answer = engine.ask(&question, 3);
            let first = answer.hits.first().map(|hit| hit.passage().id.clone());
            assert_ne!(first.as_deref(), Some("p01"), "{pack}: {question}");
        }
    }
}

/// A transcript may give the event's date on a line of its own under the note that names the
/// event (時間：2025年10月16日…): asked when the event was, that line answers, though it does not
/// name the event.
#[test]
fn the_line_giving_the_events_date_says_when_it_was() {
    let engine = engine(Some("forums/tw-hotel-transcript/pack"));
    for question in [
        "座谈是哪天",
        "這場座談是哪一天辦的？",
        "when was the forum held",
    ] {
        let answer = engine.ask(question, 3);
        let first = answer.hits.first().map(|hit| hit.passage().text.clone());
        assert!(
            first
                .as_deref()
                .is_some_and(|text| text.starts_with("時間：")),
            "{question}: {first:?}"
        );
    }
}

/// A question typed wholly in toneless pinyin, asking words and all, is answered as the same
/// question typed in characters: the same cards, or the same refusal.
#[test]
fn questions_typed_in_pinyin_are_answered_as_in_characters() {
    let pairs = [
        (
            None,
            "wang xiaochuan dui jiagezhan zenme kan",
            "王小川对价格战怎么看",
        ),
        (None, "li dahai shuo le shenme", "李大海说了什么"),
        (
            None,
            "zhang peng ruhe kandai jiage zhan",
            "张鹏如何看待价格战",
        ),
        (None, "shei shuo le kuibenmaimai", "谁说了亏本买卖"),
        (
            Some("forums/tw-transcript/pack"),
            "he jiaying dui chuneng zenmekan",
            "何佳穎對儲能怎麼看",
        ),
        (
            Some("forums/cn-transcript/pack"),
            "tang zhenhai dui baomingfei zenme kan",
            "唐振海对报名费怎么看",
        ),
    ];
    for (pack, pinyin, han) in pairs {
        let engine = engine(pack);
        let ids = |question: &str| -> Vec<String> {
            let answer = engine.ask(question, 3);
            answer
                .hits
                .iter()
                .map(|hit| hit.passage().id.clone())
                .collect()
        };
        let typed = ids(han);
        assert!(!typed.is_empty(), "{han} is answered");
        assert_eq!(ids(pinyin), typed, "{pinyin}");
    }
}

#[test]
fn named_speaker_questions_only_quote_that_speaker() {
    let engine = engine(None);
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

/// A pack of one speaker with two passages alike, each under its own section heading.
fn two_sections(first: &str, second: &str) -> Engine {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sections-{first}-{second}"));
    std::fs::create_dir_all(&dir).expect("create the pack folder");
    let said = "我們去年在南部多蓋了兩座電廠，成本要花十年才收得回來。";
    let source =
        format!("能源座談\n\n一、{first}\n\n王大明：{said}\n\n二、{second}\n\n王大明：{said}\n");
    let manifest = format!(
        r#"id = "sections"

[source]
file = "source.txt"
outlet = "能源日報"
reporter = "李小華"
headline = "能源座談"

[event]
name = "能源論壇"
date = "2025-01-01"
place = "台北"
session = "能源座談"

[[speaker]]
name = "王大明"
organization = "南方電力"
role = "總經理"

[[topic]]
id = "t1"
heading = "一、{first}"

[[topic]]
id = "t2"
heading = "二、{second}"

[[passage]]
id = "p1"
paragraph = 1
topic = "t1"
speaker = "王大明"
voice = "quote"
text = "王大明：{said}"

[[passage]]
id = "p2"
paragraph = 2
topic = "t2"
speaker = "王大明"
voice = "quote"
text = "王大明：{said}"
"#
    );
    std::fs::write(dir.join("pack.toml"), manifest).expect("write the manifest");
    std::fs::write(dir.join("source.txt"), source).expect("write the source");
    let (knowledge, problems) = load_dir(&dir);
    assert!(problems.is_empty(), "{problems:?}");
    engine_of(knowledge)
}

/// A section's heading says what the passages under it are about: of two passages saying the
/// same, the one under the heading the question echoes answers it, whichever section it is.
#[test]
fn a_section_heading_tells_what_its_passages_are_about() {
    let question = "王大明覺得電價要不要漲";
    for (first, second, wanted) in [
        ("夜間供電從哪裡來", "電價要不要漲", "p2"),
        ("電價要不要漲", "夜間供電從哪裡來", "p1"),
    ] {
        let answer = two_sections(first, second).ask(question, 3);
        let ids: Vec<&str> = answer
            .hits
            .iter()
            .map(|hit| hit.passage().id.as_str())
            .collect();
        assert_eq!(ids.first(), Some(&wanted), "{first} / {second}: {ids:?}");
    }
}
