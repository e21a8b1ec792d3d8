//! The transcript of the requests the bot made, one JSON object a line (binary, test, method,
//! path, status, body), for `.ci/check-transcript.py`. The tests write it to
//! `target/discord-transcript.jsonl`; the standalone fake, which has no target directory to
//! name, writes none.

use std::fs::File;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};

use super::Request;

/// Appends `requests`, made during `test`, to the transcript of this run. The first test of a
/// binary to write to it drops the lines an earlier run of the same binary left, and every test
/// then appends; test binaries run one after another, so one process owns the file at a time.
pub(super) fn append(test: &str, requests: &[Request]) {
    const BINARY: &str = env!("CARGO_CRATE_NAME");
    static TRANSCRIPT: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    let transcript = TRANSCRIPT.get_or_init(|| {
        // Cargo names a temporary folder inside the target directory for integration tests.
        let target = std::path::Path::new(option_env!("CARGO_TARGET_TMPDIR")?)
            .parent()
            .expect("the target directory")
            .to_owned();
        let path = target.join("discord-transcript.jsonl");
        let others: String = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|line| {
                serde_json::from_str::<Value>(line)
                    .is_ok_and(|entry| entry["binary"].as_str().is_some_and(|b| b != BINARY))
            })
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(&path, others).expect("rewrite the transcript");
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open the transcript");
        Some(Mutex::new(file))
    });
    let Some(transcript) = transcript else {
        return;
    };
    let mut lines = String::new();
    for request in requests {
        let line = json!({
            "binary": BINARY,
            "test": test,
            "method": request.method,
            "path": request.path,
            "status": request.status,
            "body": request.body,
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let mut file = transcript
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    file.write_all(lines.as_bytes())
        .expect("write the transcript");
}
