//! `verbatim ingest`: drafts measured against hand attributions (the seed's curated pack, the
//! shared development article, a Traditional report and a Simplified transcript of the
//! project's own, and the texts of `tests/data/ingest/`: Traditional and Simplified reports
//! and transcripts, an audience Q&A, an interview), and the command end to end: what it writes
//! passes `check` and answers, a re-run is identical, and bad input exits 2 having written
//! nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use verbatim::ingest::{compare, ingest, truth_from_json, truth_from_pack, Comparison, Options};
use verbatim::knowledge::Knowledge;

/// `../shared` beside the clone (or `SHARED_DIR`), as CI lays it out.
fn shared_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("SHARED_DIR").map(PathBuf::from),
        Some(manifest.join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|dir| dir.join("eval/unseen-dev").is_dir())
        .expect("cannot find shared/ with eval/unseen-dev (set SHARED_DIR)")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn options() -> Options {
    Options {
        id: "draft".to_owned(),
        ..Options::default()
    }
}

/// Drafts `source` and compares it with the truth in `truth_json`.
fn figures_against_json(source: &Path, truth_json: &Path) -> Comparison {
    let draft = ingest(&read(source), "source.txt", &options()).expect("the text drafts");
    let truth = truth_from_json(&read(truth_json)).expect("the truth parses");
    compare(&draft, &truth)
}

/// The figures every text must reach, and the event and the session found as the truth
/// names them.
fn check_figures(name: &str, comparison: &Comparison, min_agreement: f64) {
    check_attribution(name, comparison, min_agreement);
    for named in [&comparison.event, &comparison.session]
        .into_iter()
        .flatten()
    {
        assert!(named.matches, "{name}: event and session\n{comparison}");
    }
}

/// The figures every text must reach: attribution agreement per body paragraph, every
/// speaker of the truth found with organisation and role, at most one extra.
fn check_attribution(name: &str, comparison: &Comparison, min_agreement: f64) {
    assert!(
        comparison.agreement() >= min_agreement,
        "{name}: attribution {:.3} < {min_agreement}\n{comparison}",
        comparison.agreement()
    );
    assert_eq!(
        (comparison.speakers_found, comparison.speakers_complete),
        (comparison.speakers, comparison.speakers),
        "{name}: every speaker found, with organisation and role\n{comparison}"
    );
    assert!(
        comparison.extra.len() <= 1,
        "{name}: at most one extra speaker\n{comparison}"
    );
}

#[test]
fn the_seed_article_drafts_as_its_curated_pack() {
    let knowledge = Knowledge::embedded();
    let pack = &knowledge.packs[0];
    let draft = ingest(&pack.source.text, &pack.source.file, &options()).unwrap();
    check_figures("seed", &compare(&draft, &truth_from_pack(pack)), 0.95);
}

#[test]
fn the_shared_development_article_drafts_as_its_truth() {
    let dir = shared_dir().join("eval/unseen-dev");
    let comparison = figures_against_json(
        &dir.join("a-report-simp.txt"),
        &dir.join("a-report-simp.truth.json"),
    );
    check_figures("a-report-simp", &comparison, 0.95);
}

#[test]
fn a_traditional_report_drafts_as_its_truth() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/forums/tw-report");
    let comparison = figures_against_json(&dir.join("source.txt"), &dir.join("truth.json"));
    check_figures("tw-report", &comparison, 0.92);
}

#[test]
fn a_simplified_transcript_drafts_as_its_truth() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/forums/cn-transcript");
    let comparison = figures_against_json(&dir.join("source.txt"), &dir.join("truth.json"));
    check_figures("cn-transcript", &comparison, 0.92);
}

/// A text of `tests/data/ingest/`, drafted and compared with its truth.
fn figures_of(name: &str) -> Comparison {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ingest")
        .join(name);
    figures_against_json(&dir.join("source.txt"), &dir.join("truth.json"))
}

#[test]
fn a_transcript_whose_audience_addresses_speakers_by_surname_and_title_drafts_as_its_truth() {
    check_figures("tw-town-talk", &figures_of("tw-town-talk"), 0.92);
}

#[test]
fn a_report_introducing_people_in_varied_ways_drafts_as_its_truth() {
    check_figures("cn-village-report", &figures_of("cn-village-report"), 0.92);
}

#[test]
fn a_report_with_a_deputy_a_union_officer_and_an_unnamed_passenger_drafts_as_its_truth() {
    check_figures("tw-bus-report", &figures_of("tw-bus-report"), 0.92);
}

#[test]
fn a_transcript_with_coaches_a_teacher_and_a_self_introduced_host_drafts_as_its_truth() {
    check_figures("cn-esports-salon", &figures_of("cn-esports-salon"), 0.92);
}

#[test]
fn a_transcript_whose_speakers_are_listed_in_a_header_line_drafts_as_its_truth() {
    // Its truth names an event and a session the text never writes: only the title says
    // 居家長照座談會, which the draft takes for the event.
    let comparison = figures_of("tw-care-talk");
    check_attribution("tw-care-talk", &comparison, 0.92);
    assert_eq!(
        comparison.event.as_ref().and_then(|e| e.drafted.as_deref()),
        Some("居家長照座談會")
    );
}

#[test]
fn a_digest_of_views_headed_by_speaker_and_a_speech_drafts_as_its_truth() {
    check_figures(
        "cn-airspace-digest",
        &figures_of("cn-airspace-digest"),
        0.92,
    );
}

#[test]
fn a_transcript_with_bracketed_turns_clock_times_and_first_names_drafts_as_its_truth() {
    check_figures("tw-factory-talk", &figures_of("tw-factory-talk"), 0.92);
}

#[test]
fn an_interview_answered_by_someone_named_only_in_its_introduction_drafts_as_its_truth() {
    check_figures(
        "cn-clinic-interview",
        &figures_of("cn-clinic-interview"),
        0.92,
    );
}

fn verbatim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .env_remove("VERBATIM_KNOWLEDGE")
        .output()
        .expect("verbatim runs")
}

/// `verbatim ingest SOURCE --out OUT` with more options.
fn ingest_into(source: &Path, out: &Path, options: &[&str]) -> Output {
    let mut args = vec![
        "ingest",
        source.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(options);
    verbatim(&args)
}

/// A folder under the system temp dir, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn streams(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn ingest_writes_a_pack_that_checks_answers_and_is_the_same_on_a_second_run() {
    let dir = scratch("good");
    let out = dir.join("tw-report");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/forums/tw-report/source.txt");
    let (out_arg, source_arg) = (out.to_str().unwrap(), source.to_str().unwrap());
    let args = [
        "ingest",
        source_arg,
        "--out",
        out_arg,
        "--outlet",
        "豐禾新聞網",
        "--date",
        "2025-11-08",
    ];
    let output = verbatim(&args);
    let (stdout, stderr) = streams(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "drafted {out_arg}/pack.toml: 37 passages, 4 topics, 6 speakers (from source.txt, UTF-8)\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  許志明 · 南瀛農業試驗所 · 主任 · 6 paragraphs\n"),
        "{stdout}"
    );
    assert!(stdout.contains("to review: "), "{stdout}");
    assert_eq!(
        read(&out.join("source.txt")),
        read(&source),
        "the source is copied verbatim"
    );
    let manifest = read(&out.join("pack.toml"));
    assert!(manifest.contains("outlet = \"豐禾新聞網\"\n"), "{manifest}");

    let check = verbatim(&["check", "--knowledge", out_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", streams(&check).1);
    let ask = verbatim(&[
        "ask",
        "--json",
        "--knowledge",
        out_arg,
        "許主任怎麼看機械化",
    ]);
    let answer: serde_json::Value = serde_json::from_str(streams(&ask).0.trim()).unwrap();
    assert_eq!(answer["results"][0]["speaker"], "許志明", "{answer}");

    // Again, over the first draft: the same files.
    let mut again = args.to_vec();
    again.push("--force");
    assert_eq!(verbatim(&again).status.code(), Some(0));
    assert_eq!(read(&out.join("pack.toml")), manifest);
    // Without --force an existing folder is refused and left alone.
    let refused = verbatim(&args);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        streams(&refused).1.contains("already exists"),
        "{}",
        streams(&refused).1
    );
    assert_eq!(read(&out.join("pack.toml")), manifest);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gb18030_and_big5_sources_are_converted_to_utf8() {
    let dir = scratch("encodings");
    let seed = Knowledge::embedded().packs[0].source.text.clone();
    let simplified = read(&shared_dir().join("eval/unseen-dev/a-report-simp.txt"));
    for (name, encoding, text) in [
        ("gb.txt", encoding_rs::GB18030, &simplified),
        ("big5.txt", encoding_rs::BIG5, &seed),
    ] {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{name} encodes");
        let source = dir.join(name);
        std::fs::write(&source, &bytes).unwrap();
        let out = dir.join(format!("{name}.pack"));
        let output = ingest_into(&source, &out, &[]);
        let (stdout, stderr) = streams(&output);
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        let label = if name == "gb.txt" { "GB18030" } else { "Big5" };
        assert!(
            stdout.contains(&format!("(from {name}, {label})")),
            "{stdout}"
        );
        assert_eq!(&read(&out.join(name)), text, "{name} is converted to UTF-8");
        let check = verbatim(&["check", "--knowledge", out.to_str().unwrap()]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{name}: {}",
            streams(&check).1
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_2_with_a_clear_message_and_writes_nothing() {
    let dir = scratch("bad");
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not text"),
        (
            "latin1.txt",
            b"Caf\xe9 cr\xe8me: une r\xe9union tr\xe8s anim\xe9e \xe0 Paris, o\xf9 l'on a parl\xe9 de tout.",
            "the file is not UTF-8, GB18030 or Big5 text",
        ),
        (
            "nobody.txt",
            "天氣\n\n今天天氣很好，公園裡有很多人散步。\n\n明天可能會下雨。\n".as_bytes(),
            "no speakers found",
        ),
        ("title-only.txt", "只有標題\n".as_bytes(), "the text has a title but no paragraphs"),
    ];
    for (name, bytes, _) in &cases {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let messages = cases
        .iter()
        .map(|(name, _, message)| (*name, *message))
        .chain([(
            "huge.txt",
            "file is 104857600 bytes, over the 8388608 byte limit for knowledge files",
        )]);
    for (name, message) in messages {
        let source = dir.join(name);
        let out = dir.join(format!("{name}.pack"));
        let output = ingest_into(&source, &out, &[]);
        let (stdout, stderr) = streams(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {}: {message}", source.display())),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: {stdout}");
        assert!(!out.exists(), "{name}: nothing is written");
    }
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "no partial folders");
    let bad_date = verbatim(&["ingest", "x.txt", "--out", "y", "--date", "June 14"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(streams(&bad_date)
        .1
        .contains("--date \"June 14\" is not a YYYY-MM-DD date"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Copies the files of a folder (not below it).
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn two_sources_about_one_forum_answer_together() {
    let dir = scratch("two-sources");
    let packs = dir.join("packs");
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/baai-2024"),
        &packs.join("baai-2024"),
    );
    // A second outlet's report of the same panel, in Simplified script, drafted by ingest.
    let seed = Knowledge::embedded().packs[0].source.text.clone();
    let simplified = dir.join("simplified.txt");
    std::fs::write(&simplified, fast2s::convert(&seed)).unwrap();
    let out = packs.join("second-outlet");
    let ingested = ingest_into(
        &simplified,
        &out,
        &[
            "--outlet",
            "另一家报",
            "--url",
            "https://example.com/report",
        ],
    );
    assert_eq!(ingested.status.code(), Some(0), "{}", streams(&ingested).1);
    // The curator says the draft's opening is the first pack's `scene` topic, by alias.
    let manifest = out.join("pack.toml");
    let draft = read(&manifest);
    let opening = "aliases = [\"AI尖峰對話:被「追星」的楊植麟,被「認可」的價格戰\"]";
    assert!(draft.contains(opening), "{draft}");
    std::fs::write(&manifest, draft.replace(opening, "aliases = [\"scene\"]")).unwrap();
    let knowledge = packs.to_str().unwrap();

    let check = verbatim(&["check", "--knowledge", knowledge]);
    let (stdout, stderr) = streams(&check);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("ok: 2 packs, 5 speakers, 4 topics, 56 passages"),
        "{stdout}"
    );

    // One speaker per person, whatever the script, with every source they appear in.
    let speakers = streams(&verbatim(&["speakers", "--knowledge", knowledge])).0;
    assert_eq!(speakers.lines().count(), 5, "{speakers}");
    assert!(
        speakers.starts_with(
            "Yang Zhilin (楊植麟) · Moonshot AI, CEO — 北京商報「AI尖峰對話:被「追星」的楊植麟,被「認可」的價格戰」; \
             另一家报「AI尖峰对话:被「追星」的杨植麟,被「认可」的价格战」\n"
        ),
        "{speakers}"
    );
    let topics = streams(&verbatim(&["topics", "--knowledge", knowledge])).0;
    assert_eq!(topics.lines().count(), 4, "{topics}");
    assert!(
        topics.contains("price-war    The price war: good or bad (價格戰是好是壞) — 北京商報"),
        "{topics}"
    );

    // The same quote from both outlets is one card citing both; each source in its own script.
    let answer = streams(&verbatim(&[
        "ask",
        "--knowledge",
        knowledge,
        "--limit",
        "2",
        "张鹏说亏本买卖不是正常的商业逻辑",
    ]))
    .0;
    assert_eq!(answer.matches("張鵬說,從宏觀角度看").count(), 1, "{answer}");
    assert!(!answer.contains("张鹏说,从宏观角度看"), "{answer}");
    assert!(
        answer.contains("Also reported by: 另一家报, ") || answer.contains("亦见于: 另一家报, "),
        "{answer}"
    );
    // A Traditional question finds the Simplified source's own words, shown as it writes them.
    let json = streams(&verbatim(&[
        "ask",
        "--json",
        "--knowledge",
        knowledge,
        "--limit",
        "10",
        "楊植麟 普惠ai",
    ]))
    .0;
    let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let texts: Vec<&str> = value["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.contains("普惠ai,同時")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("普惠ai,同时")), "{texts:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_duplicate_passage_id_across_packs_is_reported_at_its_line() {
    let dir = scratch("duplicate-ids");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/baai-2024");
    copy_folder(&seed, &dir.join("a"));
    copy_folder(&seed, &dir.join("b"));
    let manifest = dir.join("b/pack.toml");
    let renamed = read(&manifest).replace("id = \"baai-2024\"", "id = \"copy\"");
    std::fs::write(&manifest, renamed).unwrap();
    let output = verbatim(&["check", "--knowledge", dir.to_str().unwrap()]);
    let stderr = streams(&output).1;
    assert_eq!(output.status.code(), Some(2));
    let a = dir.join("a/pack.toml");
    let first = format!(
        "{}:243: passage id p01-scene is also used by {}:243\n",
        manifest.display(),
        a.display()
    );
    assert!(stderr.starts_with(&first), "{stderr}");
    assert!(stderr.ends_with("28 problems found\n"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
