//! The one source of configuration, through the binary: `verbatim config` prints every setting
//! in effect and where it came from, with the token redacted; a blank variable is unset; a
//! wrong one is refused naming the variable.

use crate::support::{output_of, refusal_of, verbatim};

#[tokio::test]
async fn config_prints_every_setting_in_effect_with_the_token_redacted() {
    let env = [
        ("DISCORD_TOKEN", "secret-token-that-must-never-be-printed"),
        // A blank line of an env file: unset, not an empty id.
        ("DISCORD_GUILD_ID", " "),
        ("VERBATIM_COOLDOWN_SECS", "5"),
        ("VERBATIM_LOG_FORMAT", "json"),
    ];
    let output = output_of(verbatim(&["config", "--max-question-chars", "200"], &env)).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!stdout.contains("secret-token"), "{stdout}");
    let lines: Vec<String> = stdout
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for expected in [
        "DISCORD_TOKEN=<redacted> # environment",
        "DISCORD_GUILD_ID= # unset",
        "VERBATIM_COOLDOWN_SECS=5 # environment",
        "VERBATIM_MAX_QUESTION_CHARS=200 # command line",
        "VERBATIM_LOG_FORMAT=json # environment",
        "VERBATIM_KNOWLEDGE= # unset",
        "RUST_LOG=warn,verbatim=info # default",
    ] {
        assert!(
            lines.iter().any(|line| line == expected),
            "{expected:?} in\n{stdout}"
        );
    }
}

#[tokio::test]
async fn a_wrong_value_in_the_environment_is_refused_naming_the_variable() {
    for (variable, value, why) in [
        ("DISCORD_GUILD_ID", "abc", "must be a numeric Discord id"),
        (
            "VERBATIM_SHARDS",
            "4/4",
            "shards 4 to 4 are not a range of 0 to 3",
        ),
        ("DISCORD_PROXY_URL", "http://proxy.example", "in the clear"),
    ] {
        let stderr = refusal_of(verbatim(&["run"], &[(variable, value)])).await;
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("error: {variable}={value:?} is not valid: "))
                && first.contains(why),
            "{first}"
        );
    }
}
