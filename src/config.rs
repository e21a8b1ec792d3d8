//! Configuration: the only module that reads the environment. Every setting is declared once,
//! here, as a command-line option with its environment variable and its default; clap reads
//! both when [`parse`] runs, a variable holding only blanks (`NAME=` in an env file) counts as
//! unset, and `verbatim config` ([`describe`]) prints what is in effect, the token redacted.
//! The knowledge settings also build the engine, by the one path every command takes
//! ([`KnowledgeConfig::build_engine`]).

use std::ffi::OsStr;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::{ArgMatches, Args, CommandFactory, Parser, ValueEnum};
use secrecy::SecretString;

use crate::knowledge::{load_dir, Knowledge, Problem};
use crate::search::{Engine, EngineOptions};

/// What `RUST_LOG` defaults to: verbatim's own events, and only warnings from the libraries.
pub const DEFAULT_LOG_FILTER: &str = "warn,verbatim=info";

/// serenity's WebSocket module: its warning about a gateway frame it cannot parse quotes the
/// whole frame, which can be someone's message, so it is held to errors unless the filter
/// names it.
const FRAME_LOGGING: &str = "serenity::gateway::ws";

/// How long a user waits between two questions, unless configured.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(3);

/// Longer questions are refused, unless configured.
pub const DEFAULT_MAX_QUESTION_CHARS: usize = 300;

/// Reads the command line and the environment into `P`, exiting with clap's message (exit code
/// 2) when a value is wrong. Returns the matches too, for [`describe`].
pub fn parse<P: Parser>() -> (P, ArgMatches) {
    let mut command = without_variables(P::command(), &is_blank_variable);
    let matches = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(matches) => matches,
        Err(error) => naming_the_variable(&command, error).exit(),
    };
    match P::from_arg_matches(&matches) {
        Ok(parsed) => (parsed, matches),
        Err(error) => error.exit(),
    }
}

/// clap's error about a wrong value, naming the environment variable it came from: clap names
/// only the option, which the person who wrote an env file never typed.
fn naming_the_variable(command: &clap::Command, error: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() != ErrorKind::ValueValidation {
        return error;
    }
    let (Some(ContextValue::String(option)), Some(ContextValue::String(value))) = (
        error.get(ContextKind::InvalidArg),
        error.get(ContextKind::InvalidValue),
    ) else {
        return error;
    };
    let long = option.split_whitespace().next().unwrap_or_default();
    let typed = std::env::args_os().any(|arg| {
        let arg = arg.to_string_lossy();
        arg == long || arg.starts_with(&format!("{long}="))
    });
    let commands = std::iter::once(command).chain(command.get_subcommands());
    let variable = commands
        .flat_map(|command| command.get_arguments())
        .find(|arg| {
            arg.get_long()
                .is_some_and(|name| long.strip_prefix("--") == Some(name))
        })
        .and_then(|arg| arg.get_env())
        .filter(|_| !typed)
        .map(|name| name.to_string_lossy().into_owned());
    let Some(variable) = variable else {
        return error;
    };
    let why = std::error::Error::source(&error).map_or_else(String::new, |why| format!(": {why}"));
    let message = format!("{variable}={value:?} is not valid{why}\n");
    clap::Error::raw(ErrorKind::ValueValidation, message)
}

/// The command, and its subcommands, reading none of the environment variables `unread`
/// names.
fn without_variables(mut command: clap::Command, unread: &dyn Fn(&OsStr) -> bool) -> clap::Command {
    let ids: Vec<clap::Id> = command
        .get_arguments()
        .filter(|arg| arg.get_env().is_some_and(unread))
        .map(|arg| arg.get_id().clone())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| arg.env(None::<&str>));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|subcommand| subcommand.get_name().to_owned())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, |subcommand| without_variables(subcommand, unread));
    }
    command
}

/// A variable holding only blanks (`NAME=` in an env file), which counts as unset rather
/// than as an empty value.
fn is_blank_variable(name: &OsStr) -> bool {
    std::env::var_os(name).is_some_and(|value| value.to_string_lossy().trim().is_empty())
}

/// Where the knowledge comes from, and where its index is kept.
#[derive(Debug, Clone, Default, Args)]
pub struct KnowledgeConfig {
    /// Load knowledge packs from this folder instead of the embedded default
    #[arg(
        long = "knowledge",
        env = "VERBATIM_KNOWLEDGE",
        global = true,
        value_name = "DIR"
    )]
    pub knowledge_dir: Option<PathBuf>,
    /// Keep the search index in this folder between runs, reopened while the knowledge is
    /// unchanged (worth it for large packs)
    #[arg(long, env = "VERBATIM_INDEX_DIR", global = true, value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
}

/// Why an engine could not be built from the configured knowledge.
#[derive(Debug)]
pub enum BuildError {
    /// The packs have problems, each `path:line: message`.
    Problems(Vec<Problem>),
    /// The packs are fine but could not be indexed.
    Index(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Problems(problems) => {
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                let s = if problems.len() == 1 { "" } else { "s" };
                write!(f, "{} problem{s} found", problems.len())
            }
            BuildError::Index(error) => write!(f, "cannot build the search index: {error}"),
        }
    }
}

impl KnowledgeConfig {
    /// The embedded pack, or every pack under the knowledge folder when they have no problem.
    pub fn load(&self) -> Result<Knowledge, Vec<Problem>> {
        let Some(dir) = &self.knowledge_dir else {
            return Ok(Knowledge::embedded());
        };
        let (knowledge, problems) = load_dir(dir);
        if problems.is_empty() {
            Ok(knowledge)
        } else {
            Err(problems)
        }
    }

    /// The engine over the configured knowledge: what `ask`, `run` and every reload answer
    /// with.
    pub fn build_engine(&self) -> Result<Engine, BuildError> {
        let knowledge = self.load().map_err(BuildError::Problems)?;
        let options = EngineOptions {
            index_dir: self.index_dir.clone(),
        };
        Engine::with_options(knowledge, &options)
            .map_err(|error| BuildError::Index(error.to_string()))
    }
}

/// The Discord bot's settings (`verbatim run`).
#[derive(Debug, Clone, Args)]
pub struct BotConfig {
    /// The bot's token (Developer Portal > Bot > Reset Token). Never printed: `Debug` and
    /// `verbatim config` show it redacted, and it is left out of `--help`.
    #[arg(long, env = "DISCORD_TOKEN", hide = true, value_parser = token)]
    pub token: Option<SecretString>,
    /// Register the commands to this server only (instant updates); unset registers them
    /// globally
    #[arg(long, env = "DISCORD_GUILD_ID", value_name = "ID", value_parser = snowflake)]
    pub guild_id: Option<u64>,
    /// Seconds between two questions of one user, 0 to 3600; 0 turns the cooldown off
    #[arg(
        long = "cooldown-secs",
        env = "VERBATIM_COOLDOWN_SECS",
        value_name = "SECONDS",
        default_value = "3",
        value_parser = cooldown
    )]
    pub cooldown: Duration,
    /// Longer questions are refused with a message (1 to 4000)
    #[arg(
        long,
        env = "VERBATIM_MAX_QUESTION_CHARS",
        value_name = "N",
        default_value_t = DEFAULT_MAX_QUESTION_CHARS,
        value_parser = max_question_chars
    )]
    pub max_question_chars: usize,
    /// Send REST calls to this proxy instead of discord.com, to share Discord's rate limits
    /// between processes (nirn-proxy, twilight-http-proxy): https://, or http:// on a loopback
    /// address
    #[arg(
        long = "discord-proxy-url",
        env = "DISCORD_PROXY_URL",
        value_name = "URL",
        value_parser = proxy_url
    )]
    pub discord_proxy: Option<String>,
    /// The proxy's earlier name, still read when `DISCORD_PROXY_URL` is unset.
    #[arg(
        long = "discord-proxy",
        env = "VERBATIM_DISCORD_PROXY",
        hide = true,
        value_parser = proxy_url
    )]
    pub discord_proxy_earlier_name: Option<String>,
    /// Answer every new post in these forum channels in its thread, as comma-separated channel
    /// ids (over the gateway only: the HTTP endpoint gets no posts)
    #[arg(
        long = "forum-channels",
        env = "VERBATIM_FORUM_CHANNELS",
        value_name = "IDS",
        value_delimiter = ',',
        value_parser = snowflake
    )]
    pub forum_channels: Vec<u64>,
    #[command(flatten)]
    pub question_log: QuestionLogConfig,
    /// The operator's server: /reload is registered and answered there only; unset, the
    /// knowledge is reloaded by SIGHUP only
    #[arg(long, env = "VERBATIM_OPERATOR_GUILD", value_name = "ID", value_parser = snowflake)]
    pub operator_guild: Option<u64>,
    /// Users who may /reload in the operator's server whatever their permissions there
    /// (comma-separated ids); anyone else must be able to manage it
    #[arg(
        long,
        env = "VERBATIM_OPERATOR_USERS",
        value_name = "IDS",
        value_delimiter = ',',
        value_parser = snowflake
    )]
    pub operator_users: Vec<u64>,
    /// Which gateway shards this process runs: auto (as many as Discord recommends), a total
    /// (all of them), or a range of a total such as 0-3/16
    #[arg(long, env = "VERBATIM_SHARDS", default_value = "auto")]
    pub shards: Shards,
    #[command(flatten)]
    pub http: HttpConfig,
    #[command(flatten)]
    pub log: LogConfig,
}

/// The question log, which `verbatim report` reads.
#[derive(Debug, Clone, Args)]
pub struct QuestionLogConfig {
    /// Log every question, its answer's passages and the votes on it in this SQLite file (no
    /// user id is kept); unset logs nothing and shows no vote buttons
    #[arg(long = "db", env = "VERBATIM_DB", value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Delete logged questions and votes after this many days (1 to 36500)
    #[arg(
        long = "db-retention-days",
        env = "VERBATIM_DB_RETENTION_DAYS",
        value_name = "DAYS",
        default_value_t = DEFAULT_RETENTION_DAYS,
        value_parser = retention_days
    )]
    pub retention_days: u32,
}

/// How long the question log keeps a row, unless configured.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

impl Default for QuestionLogConfig {
    fn default() -> QuestionLogConfig {
        QuestionLogConfig {
            path: None,
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

/// The HTTP interactions endpoint's settings (`verbatim serve`), besides the bot's.
#[derive(Debug, Clone, Args)]
pub struct EndpointConfig {
    /// Listen for the interactions Discord posts on this address
    #[arg(
        long = "addr",
        env = "VERBATIM_SERVE_ADDR",
        value_name = "ADDRESS",
        default_value = "127.0.0.1:8080"
    )]
    pub addr: SocketAddr,
    /// The application's public key (Developer Portal > General Information), which signs
    /// every interaction Discord posts
    #[arg(
        long = "public-key",
        env = "DISCORD_PUBLIC_KEY",
        value_name = "HEX",
        value_parser = public_key
    )]
    pub public_key: Option<String>,
    /// The application's id, for registering the commands when a token is given; unset asks
    /// Discord
    #[arg(
        long = "application-id",
        env = "DISCORD_APPLICATION_ID",
        value_name = "ID",
        value_parser = snowflake
    )]
    pub application_id: Option<u64>,
}

/// Everything `verbatim serve` reads: the endpoint's settings and the bot's.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    #[command(flatten)]
    pub endpoint: EndpointConfig,
    #[command(flatten)]
    pub bot: BotConfig,
}

impl BotConfig {
    /// The REST proxy, by either of its names.
    pub fn discord_proxy(&self) -> Option<&str> {
        self.discord_proxy
            .as_deref()
            .or(self.discord_proxy_earlier_name.as_deref())
    }
}

/// The health and metrics server (`/healthz`, `/readyz`, `/metrics`).
#[derive(Debug, Clone, Default, Args)]
pub struct HttpConfig {
    /// Serve /healthz, /readyz and /metrics (Prometheus) on this address, such as
    /// 127.0.0.1:9000; unset serves nothing
    #[arg(
        id = "http_addr",
        long = "http-addr",
        env = "VERBATIM_HTTP_ADDR",
        value_name = "ADDRESS"
    )]
    pub addr: Option<SocketAddr>,
}

/// What is logged, and how.
#[derive(Debug, Clone, Args)]
pub struct LogConfig {
    /// Which log lines to print to standard error (tracing's EnvFilter syntax)
    #[arg(long = "log", env = "RUST_LOG", value_name = "FILTER", default_value = DEFAULT_LOG_FILTER)]
    pub filter: String,
    /// Log lines as text, or as one JSON object a line for log shippers
    #[arg(
        long = "log-format",
        env = "VERBATIM_LOG_FORMAT",
        value_name = "FORMAT",
        value_enum,
        default_value_t = LogFormat::Text
    )]
    pub format: LogFormat,
}

impl LogConfig {
    /// The filter in effect: the configured one, holding serenity's frame-quoting module to
    /// errors unless the configured filter names it.
    pub fn effective_filter(&self) -> String {
        let filter = self.filter.trim();
        if filter.contains(FRAME_LOGGING) {
            filter.to_owned()
        } else if filter.is_empty() {
            format!("{FRAME_LOGGING}=error")
        } else {
            format!("{filter},{FRAME_LOGGING}=error")
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, for people.
    Text,
    /// One JSON object per event, for log shippers.
    Json,
}

/// Which gateway shards a process runs (`VERBATIM_SHARDS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    /// As many as Discord recommends, all in this process.
    Auto,
    /// This many, all in this process.
    Total(u32),
    /// Shards `first` to `last` (inclusive) of `total`, the others run by other processes.
    Range { first: u32, last: u32, total: u32 },
}

impl FromStr for Shards {
    type Err = String;

    fn from_str(text: &str) -> Result<Shards, String> {
        let text = text.trim();
        let number = |part: &str| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("{part:?} is not a number of shards"))
        };
        if text.eq_ignore_ascii_case("auto") {
            return Ok(Shards::Auto);
        }
        let Some((range, total)) = text.split_once('/') else {
            return match number(text)? {
                0 => Err("a process runs at least one shard".to_owned()),
                total => Ok(Shards::Total(total)),
            };
        };
        let total = number(total)?;
        let (first, last) = match range.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => (number(range)?, number(range)?),
        };
        if first > last || last >= total {
            return Err(format!(
                "shards {first} to {last} are not a range of 0 to {}",
                total.saturating_sub(1)
            ));
        }
        Ok(Shards::Range { first, last, total })
    }
}

fn token(text: &str) -> Result<SecretString, String> {
    let token = text.trim();
    if token.is_empty() {
        return Err("the token is empty".to_owned());
    }
    Ok(SecretString::new(token.to_owned()))
}

fn snowflake(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| "must be a numeric Discord id".to_owned())
}

fn retention_days(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|days| (1..=36500).contains(days))
        .ok_or_else(|| "must be a number of days, 1 to 36500".to_owned())
}

/// The application's public key: 64 hexadecimal digits (whether they make a key is checked when
/// the endpoint starts).
fn public_key(text: &str) -> Result<String, String> {
    let key = text.trim();
    if key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(key.to_ascii_lowercase())
    } else {
        Err("must be the 64 hexadecimal digits of the application's public key".to_owned())
    }
}

fn cooldown(text: &str) -> Result<Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && (0.0..=3600.0).contains(seconds))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| "must be a number of seconds, 0 to 3600".to_owned())
}

fn max_question_chars(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=4000).contains(n))
        .ok_or_else(|| "must be a number from 1 to 4000".to_owned())
}

/// A REST proxy's URL. The proxy sees the bot's token in every request, so it is reached
/// over TLS, or in the clear only on this machine.
fn proxy_url(text: &str) -> Result<String, String> {
    let url = text.trim().trim_end_matches('/');
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("must be an https:// URL, or http:// on a loopback address".to_owned());
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        _ if host.is_empty() => Err("names no host".to_owned()),
        "https" => Ok(url.to_owned()),
        "http" if loopback => Ok(url.to_owned()),
        "http" => Err(format!(
            "http:// would send the bot's token in the clear to {host}; use https://, or a proxy on a loopback address"
        )),
        _ => Err("must be an https:// URL, or http:// on a loopback address".to_owned()),
    }
}

/// Settings whose values `verbatim config` never prints.
const SECRETS: [&str; 1] = ["token"];

/// `verbatim config`: every setting of the subcommand `matches` are for, one a line as
/// `NAME=value`, with where the value came from (the command line, the environment, the
/// default) and the token redacted.
pub fn describe<P: CommandFactory>(matches: &ArgMatches) -> String {
    let command = P::command();
    let (name, sub_matches) = matches.subcommand().unwrap_or(("", matches));
    let subcommand = command.find_subcommand(name).unwrap_or(&command);
    let arguments = command.get_arguments().chain(subcommand.get_arguments());
    let mut lines = Vec::new();
    for arg in arguments {
        let Some(variable) = arg.get_env() else {
            continue;
        };
        let id = arg.get_id().as_str();
        let source = sub_matches.value_source(id);
        let value: String = match sub_matches.get_raw(id) {
            None => String::new(),
            Some(_) if SECRETS.contains(&id) => "<redacted>".to_owned(),
            Some(values) => values
                .map(|value| value.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(","),
        };
        let from = match source {
            Some(clap::parser::ValueSource::CommandLine) => "command line",
            Some(clap::parser::ValueSource::EnvVariable) => "environment",
            Some(clap::parser::ValueSource::DefaultValue) => "default",
            _ => "unset",
        };
        let line = format!("{}={value}", variable.to_string_lossy());
        lines.push(format!("{line:<48} # {from}\n"));
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use clap::FromArgMatches;

    use super::*;

    /// A stand-in for the binary's parser, with the bot's settings as its one subcommand.
    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        knowledge: KnowledgeConfig,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Debug, clap::Subcommand)]
    enum Command {
        Run(BotConfig),
    }

    /// The test parser, reading no environment variable: the tests give every value as an
    /// argument.
    fn command() -> clap::Command {
        without_variables(Cli::command(), &|_| true)
    }

    fn bot(args: &[&str]) -> Result<BotConfig, String> {
        let args = ["verbatim", "run"].iter().chain(args);
        let matches = command()
            .try_get_matches_from(args)
            .map_err(|e| e.to_string())?;
        let Command::Run(bot) = Cli::from_arg_matches(&matches)
            .map_err(|e| e.to_string())?
            .command;
        Ok(bot)
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let c = bot(&[]).unwrap();
        assert_eq!(
            (
                c.cooldown,
                c.max_question_chars,
                c.discord_proxy(),
                c.shards
            ),
            (
                DEFAULT_COOLDOWN,
                DEFAULT_MAX_QUESTION_CHARS,
                None,
                Shards::Auto
            )
        );
        assert_eq!(
            (c.log.filter.as_str(), c.log.format),
            (DEFAULT_LOG_FILTER, LogFormat::Text)
        );
        assert!(c.token.is_none());
    }

    #[test]
    fn values_are_typed_and_checked() {
        let c = bot(&[
            "--guild-id",
            " 42 ",
            "--cooldown-secs",
            "0.5",
            "--max-question-chars",
            "120",
        ])
        .unwrap();
        assert_eq!(
            (c.guild_id, c.cooldown, c.max_question_chars),
            (Some(42), Duration::from_millis(500), 120)
        );
        for wrong in [
            ["--guild-id", "abc"],
            ["--cooldown-secs", "-1"],
            ["--cooldown-secs", "NaN"],
            ["--max-question-chars", "0"],
            ["--log-format", "xml"],
            ["--shards", "0"],
            ["--http-addr", "localhost"],
        ] {
            assert!(bot(&wrong).is_err(), "{wrong:?} is refused");
        }
    }

    #[test]
    fn shards_are_auto_a_total_or_a_range_of_a_total() {
        let cases = [
            ("auto", Ok(Shards::Auto)),
            ("4", Ok(Shards::Total(4))),
            (
                "0-3/16",
                Ok(Shards::Range {
                    first: 0,
                    last: 3,
                    total: 16,
                }),
            ),
            (
                "5/16",
                Ok(Shards::Range {
                    first: 5,
                    last: 5,
                    total: 16,
                }),
            ),
            ("3-0/16", Err("shards 3 to 0 are not a range of 0 to 15")),
            ("0-16/16", Err("shards 0 to 16 are not a range of 0 to 15")),
            ("x", Err("\"x\" is not a number of shards")),
        ];
        for (text, expected) in cases {
            assert_eq!(
                text.parse::<Shards>(),
                expected.map_err(str::to_owned),
                "{text}"
            );
        }
    }

    #[test]
    fn a_proxy_is_https_or_on_this_machine() {
        for ok in [
            "https://proxy.example:8443",
            "http://127.0.0.1:9",
            "http://localhost:8080/",
            "http://[::1]:80",
        ] {
            assert!(proxy_url(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            proxy_url("http://localhost:8080/").unwrap(),
            "http://localhost:8080"
        );
        for wrong in [
            "127.0.0.1:9",
            "http://nirn:8080",
            "http://10.0.0.2",
            "ftp://x",
            "https://",
        ] {
            assert!(proxy_url(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn the_earlier_proxy_name_is_still_read() {
        let c = bot(&["--discord-proxy", "http://127.0.0.1:9"]).unwrap();
        assert_eq!(c.discord_proxy(), Some("http://127.0.0.1:9"));
        let c = bot(&[
            "--discord-proxy",
            "http://127.0.0.1:9",
            "--discord-proxy-url",
            "https://p",
        ])
        .unwrap();
        assert_eq!(c.discord_proxy(), Some("https://p"), "the new name wins");
    }

    #[test]
    fn debug_never_shows_the_token() {
        let c = bot(&["--token", "secret-token-value"]).unwrap();
        assert!(!format!("{c:?}").contains("secret-token-value"));
    }

    #[test]
    fn the_frame_logging_filter_is_added_unless_named() {
        let filter = |text: &str| {
            LogConfig {
                filter: text.to_owned(),
                format: LogFormat::Text,
            }
            .effective_filter()
        };
        assert_eq!(
            filter(DEFAULT_LOG_FILTER),
            "warn,verbatim=info,serenity::gateway::ws=error"
        );
        assert_eq!(filter("trace"), "trace,serenity::gateway::ws=error");
        assert_eq!(
            filter("serenity=debug"),
            "serenity=debug,serenity::gateway::ws=error"
        );
        assert_eq!(
            filter("debug,serenity::gateway::ws=debug"),
            "debug,serenity::gateway::ws=debug"
        );
    }

    #[test]
    fn config_lists_every_setting_with_the_token_redacted() {
        let matches = command()
            .try_get_matches_from([
                "verbatim",
                "run",
                "--token",
                "secret-token-value",
                "--guild-id",
                "42",
            ])
            .unwrap();
        let described = describe::<Cli>(&matches);
        assert!(!described.contains("secret-token-value"), "{described}");
        for line in [
            "DISCORD_TOKEN=<redacted>",
            "DISCORD_GUILD_ID=42",
            "VERBATIM_COOLDOWN_SECS=3",
            "VERBATIM_KNOWLEDGE=",
            "VERBATIM_SHARDS=auto",
        ] {
            assert!(
                described.lines().any(|l| l.starts_with(line)),
                "{line} in\n{described}"
            );
        }
    }
}
