//! `verbatim check` on good and broken packs: every problem as `path:line: message`, exit 2,
//! never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn verbatim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("VERBATIM_KNOWLEDGE")
        .output()
        .expect("verbatim runs")
}

/// Runs `check` on `dir` and compares its problems with `expected` (paths relative to `dir`).
fn check_broken(dir: &Path, expected: &[String]) {
    let output = verbatim(&["check", "--knowledge", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit code for {}: {stderr}",
        dir.display()
    );
    assert!(!stderr.contains("panicked"), "{}: {stderr}", dir.display());
    assert!(
        output.stdout.is_empty(),
        "{}: nothing on stdout",
        dir.display()
    );
    let dir_name = dir.display().to_string().trim_end_matches('/').to_owned();
    // A line starting with ':' is about the folder itself.
    let want: Vec<String> = expected
        .iter()
        .map(|line| {
            if line.starts_with(':') {
                format!("{dir_name}{line}")
            } else {
                format!("{dir_name}/{line}")
            }
        })
        .collect();
    let summary = format!(
        "{} problem{} found",
        want.len(),
        if want.len() == 1 { "" } else { "s" }
    );
    let mut got: Vec<&str> = stderr
        .split_inclusive('\n')
        .map(|l| l.trim_end_matches('\n'))
        .collect();
    assert_eq!(got.pop(), Some(summary.as_str()), "{}", dir.display());
    // A problem message may span lines (TOML syntax errors do); compare the text whole.
    assert_eq!(
        got.join("\n"),
        want.join("\n"),
        "problems for {}",
        dir.display()
    );
}

#[test]
fn every_broken_pack_reports_its_problems() {
    let root = Path::new("tests/data/broken");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 15,
        "the corpus has {} broken packs",
        dirs.len()
    );
    for dir in dirs {
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        // Expected problems are separated by lines that start with "pack.toml:".
        let mut problems: Vec<String> = Vec::new();
        for line in expected.lines() {
            if line.starts_with("pack.toml:") || problems.is_empty() {
                problems.push(line.to_owned());
            } else {
                let last = problems.last_mut().unwrap();
                last.push('\n');
                last.push_str(line);
            }
        }
        check_broken(&dir, &problems);
    }
}

/// A folder under the system temp dir, emptied first, for the cases made at test time.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_50_megabyte_manifest_is_refused_unread() {
    let dir = scratch("huge");
    let file = std::fs::File::create(dir.join("pack.toml")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    check_broken(
        &dir,
        &[
            "pack.toml:1: file is 52428800 bytes, over the 8388608 byte limit for knowledge files"
                .to_owned(),
        ],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = scratch("loop");
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    std::os::unix::fs::symlink("self", dir.join("self")).unwrap();
    check_broken(
        &dir,
        &["self:1: cannot open: too many levels of symbolic links".to_owned()],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_without_packs_is_a_problem() {
    let dir = scratch("empty");
    check_broken(
        &dir,
        &[":1: no pack.toml found in this folder or below it".to_owned()],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn good_packs_pass_with_a_summary() {
    for args in [
        &["check"][..],
        &["check", "--knowledge", "knowledge"],
        &["check", "--knowledge", "tests/data/good-mini"],
    ] {
        let output = verbatim(args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.starts_with("ok: 1 pack, "), "{args:?}: {stdout}");
        assert_eq!(stdout.lines().count(), 1);
    }
}

#[test]
fn ask_with_broken_knowledge_exits_2_with_the_problems() {
    let output = verbatim(&[
        "ask",
        "--knowledge",
        "tests/data/broken/unknown-speaker",
        "張鵬",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("tests/data/broken/unknown-speaker/pack.toml:"),
        "{stderr}"
    );
}
