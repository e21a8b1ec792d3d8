//! The Discord adapter (work in progress: see issue 3).

use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the bot with configuration from the environment.
pub fn run_from_env(_knowledge_dir: Option<PathBuf>) -> ExitCode {
    eprintln!("error: the Discord bot is not built yet");
    ExitCode::from(2)
}
