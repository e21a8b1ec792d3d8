//! The `verbatim` binary: reads the command line and the environment and hands over to the
//! library.

use std::process::ExitCode;

use verbatim::cli::{execute, Cli, Command};
use verbatim::config;

fn main() -> ExitCode {
    let (cli, matches) = config::parse::<Cli>();
    match cli.command {
        Command::Run(bot) => verbatim::discord::run_from_config(cli.knowledge, bot),
        Command::Serve(config) => verbatim::discord::serve_from_config(cli.knowledge, config),
        Command::Report(args) => verbatim::cli::report(&args),
        Command::Config(_) => {
            print!("{}", config::describe::<Cli>(&matches));
            ExitCode::SUCCESS
        }
        Command::Health(http) => verbatim::health::check(&http),
        command => execute(command, &cli.knowledge),
    }
}
