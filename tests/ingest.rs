//! `verbatim ingest`: drafts measured against hand attributions (the seed's curated pack, the
//! shared development article, and a Traditional report and a Simplified transcript of the
//! project's own), and the command end to end: what it writes passes `check` and answers, a
//! re-run is identical, and bad input exits 2 having written nothing.

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

/// The figures every text must reach: attribution agreement per body paragraph, every
/// speaker of the truth found with organisation and role, at most one extra.
fn check_figures(name: &str, comparison: &Comparison, min_agreement: f64) {
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

fn verbatim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .env_remove("VERBATIM_KNOWLEDGE")
        .output()
        .expect("verbatim runs")
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
        let output = verbatim(&[
            "ingest",
            source.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
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
        let output = verbatim(&[
            "ingest",
            source.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
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
