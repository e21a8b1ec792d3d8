//! The terminal's side of the command line: `ask --limit` is bounded, and what a pack holds
//! reaches the terminal harmless, whatever control characters it has (an escape sequence
//! could recolour, retitle or clear the terminal of whoever runs `check`).

use std::path::Path;

use crate::support::packs::knowledge_folder;
use crate::support::{output_of, refusal_of, verbatim};

#[tokio::test]
async fn ask_limit_is_bounded() {
    for wrong in ["0", "1001", "18446744073709551615", "many"] {
        let stderr = refusal_of(verbatim(&["ask", "--limit", wrong, "agi"], &[])).await;
        assert!(
            stderr.contains("must be a number from 1 to 1000"),
            "{wrong}: {stderr}"
        );
    }
    let most = output_of(verbatim(&["ask", "--json", "--limit", "1000", "agi"], &[])).await;
    assert_eq!(most.status.code(), Some(0), "{most:?}");
}

/// Writes `escape` (an escape sequence) into 張鵬's name throughout the small pack in `dir`:
/// as a TOML escape in the manifest, as the character itself in the source.
fn put_into_the_names(dir: &Path, toml_escape: &str, escape: &str) {
    for (file, with) in [("pack.toml", toml_escape), ("source.txt", escape)] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read the pack");
        std::fs::write(&path, text.replace("張鵬", &format!("張{with}鵬"))).expect("write it");
    }
}

#[tokio::test]
async fn control_characters_in_a_pack_reach_the_terminal_harmless() {
    let dir = knowledge_folder("terminal", "escapes");
    // Set the terminal's title, then clear the screen.
    put_into_the_names(
        &dir,
        r"\u001b]0;pwned\u0007\u001b[2J",
        "\u{1b}]0;pwned\u{7}\u{1b}[2J",
    );
    let folder = dir.to_str().expect("a UTF-8 path");
    let runs = [
        verbatim(&["--knowledge", folder, "speakers"], &[]),
        verbatim(&["--knowledge", folder, "ask", "價格戰"], &[]),
        verbatim(
            &["--knowledge", folder, "ask", "--explain", "張\u{1b}[2J鵬"],
            &[],
        ),
    ];
    for run in runs {
        let output = output_of(run).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(
            stdout.contains('\u{FFFD}'),
            "the sequence is shown, harmless: {stdout}"
        );
        assert!(!stdout.contains(['\u{1b}', '\u{7}']), "{stdout:?}");
    }
    // A problem quoting the pack: 張鵬's passage names a speaker the pack does not have.
    let manifest = dir.join("pack.toml");
    let text = std::fs::read_to_string(&manifest).expect("read the manifest");
    let broken = text.replacen(r#"speaker = "張\u001b"#, r#"speaker = "Nobody\u001b"#, 1);
    assert_ne!(broken, text);
    std::fs::write(&manifest, broken).expect("write the manifest");
    let stderr = refusal_of(verbatim(&["--knowledge", folder, "check"], &[])).await;
    assert!(stderr.contains("unknown speaker \"Nobody"), "{stderr}");
    assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
}
