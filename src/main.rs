//! The `verbatim` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use verbatim::cli::{execute, Cli, Command};
use verbatim::config;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let knowledge_dir = cli
        .knowledge
        .clone()
        .or_else(config::knowledge_dir_from_env);
    match cli.command {
        Command::Run => verbatim::discord::run_from_env(knowledge_dir),
        command => execute(
            command,
            knowledge_dir.as_deref(),
            config::index_dir_from_env().as_deref(),
        ),
    }
}
