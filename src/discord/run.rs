//! `verbatim run`: start-up (logging, the engine, the token checked, the gateway), signals
//! (SIGHUP reloads the knowledge, SIGTERM and SIGINT stop the bot), and why it stopped.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use secrecy::ExposeSecret;
use serenity::client::ClientBuilder;
use serenity::gateway::GatewayError;
use serenity::http::{Http, HttpBuilder};
use tracing::{info, warn};

use super::{Bot, Plugin, Settings};
use crate::cli::{for_terminal, start_runtime, EXIT_BAD_INPUT};
use crate::config::{BotConfig, BuildError, KnowledgeConfig, LogConfig, LogFormat, Shards};
use crate::feedback::QuestionLog;
use crate::health::{self, Readiness};
use crate::knowledge::Problem;
use crate::metrics::Metrics;
use crate::search::Engine;

/// Why the bot stopped.
#[derive(Debug)]
pub enum RunError {
    /// There is no token to connect with.
    NoToken,
    /// The knowledge packs have problems (each one `path:line: message`).
    Knowledge(Vec<Problem>),
    /// Discord refused the token.
    TokenRejected,
    /// `verbatim serve` has no public key to check interactions with.
    NoPublicKey,
    /// The public key is not an Ed25519 key.
    InvalidPublicKey,
    /// Anything else: no connection, a refused intent, an index that could not be built.
    Other(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::NoToken => f.write_str("DISCORD_TOKEN is not set; put the bot's token in it (see .env.example)"),
            RunError::Knowledge(problems) => {
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                write!(f, "{} problem{} in the knowledge packs", problems.len(), if problems.len() == 1 { "" } else { "s" })
            }
            RunError::TokenRejected => f.write_str("Discord rejected the token in DISCORD_TOKEN; check it in the Developer Portal (Bot > Reset Token)"),
            RunError::NoPublicKey => f.write_str("DISCORD_PUBLIC_KEY is not set; put the application's public key in it (Developer Portal > General Information)"),
            RunError::InvalidPublicKey => f.write_str("DISCORD_PUBLIC_KEY is not an Ed25519 public key; copy it again from the Developer Portal (General Information)"),
            RunError::Other(message) => f.write_str(message),
        }
    }
}

impl RunError {
    /// Bad input (token, knowledge) is exit code 2, like every other command's bad input.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            RunError::NoToken
            | RunError::Knowledge(_)
            | RunError::TokenRejected
            | RunError::NoPublicKey
            | RunError::InvalidPublicKey => ExitCode::from(EXIT_BAD_INPUT),
            RunError::Other(_) => ExitCode::FAILURE,
        }
    }
}

/// `verbatim run`: connects and answers until stopped (SIGTERM or Ctrl-C, exit code 0). A
/// missing or rejected token is one line on standard error and exit code 2.
pub fn run_from_config(knowledge: KnowledgeConfig, bot: BotConfig) -> ExitCode {
    if bot.token.is_none() {
        return stopped(RunError::NoToken);
    }
    init_logging(&bot.log);
    run_to_exit(run(knowledge, bot))
}

/// Runs `main` on a multi-threaded runtime and turns its outcome into the exit code.
pub(super) fn run_to_exit(
    main: impl std::future::Future<Output = Result<(), RunError>>,
) -> ExitCode {
    let runtime = match start_runtime(tokio::runtime::Builder::new_multi_thread()) {
        Ok(runtime) => runtime,
        Err(exit) => return exit,
    };
    let result = runtime.block_on(main);
    // An answer still being computed when the bot stops is abandoned, not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => stopped(error),
    }
}

/// Says why the bot stopped, in one line on standard error (more for knowledge problems).
pub(super) fn stopped(error: RunError) -> ExitCode {
    eprintln!("error: {}", for_terminal(&error.to_string()));
    error.exit_code()
}

/// Logs go to standard error, as text or as JSON lines, filtered as configured.
pub(super) fn init_logging(log: &LogConfig) {
    let filter =
        tracing_subscriber::EnvFilter::try_new(log.effective_filter()).unwrap_or_else(|error| {
            eprintln!(
                "warning: the log filter {:?} is not valid ({error}); using the default",
                log.filter
            );
            let default = LogConfig {
                filter: crate::config::DEFAULT_LOG_FILTER.to_owned(),
                ..log.clone()
            };
            tracing_subscriber::EnvFilter::new(default.effective_filter())
        });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A subscriber set earlier (by a test, say) wins; that is fine.
    let _ = match log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => {
            let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
            builder.with_ansi(colour).try_init()
        }
    };
}

/// How long answers in progress may take to finish once the bot is told to stop.
const FINISH_ANSWERS: Duration = Duration::from_secs(5);

/// Runs the bot until SIGTERM, SIGINT (Ctrl-C) or a fatal error, reloading the knowledge on
/// every SIGHUP. On a stop, the answers in progress finish (for up to 5 seconds) before the
/// gateway closes.
pub async fn run(knowledge: KnowledgeConfig, bot: BotConfig) -> Result<(), RunError> {
    let token = bot.token.clone().ok_or(RunError::NoToken)?;
    // Installed first, so that a signal arriving while the index is built is not fatal.
    let signals = signals::Signals::install()
        .map_err(|error| RunError::Other(format!("cannot listen for signals: {error}")))?;
    // Served first too, so that /healthz answers while the index is built.
    let (metrics, readiness) = (Metrics::new(), Readiness::new());
    if let Some(address) = bot.http.addr {
        let listener = health::bind(address).await.map_err(|error| {
            RunError::Other(format!(
                "cannot serve health and metrics on {address}: {error}"
            ))
        })?;
        tokio::spawn(health::serve(listener, metrics.clone(), readiness.clone()));
    }
    let settings = Settings {
        question_log: QuestionLog::start(&bot.question_log, &metrics),
        ..Settings::from_config(&knowledge, &bot)
    };
    let engine = build_engine(knowledge).await?;
    readiness.knowledge_loaded();
    let http = http_client(token.expose_secret(), &bot);
    // Asking who the bot is before opening the gateway turns a bad token into a plain 401
    // here, rather than a gateway close code later.
    let me = http.get_current_user().await.map_err(classify)?;
    let report = engine.build_report();
    info!(
        user = %me.name,
        passages = report.passages,
        ready_ms = report.duration.as_millis() as u64,
        index = ?report.origin,
        "logged in; ready to answer"
    );
    let (first, last, total) = shard_plan(&http, bot.shards).await?;
    readiness.runs_shards(first..=last);
    info!(first, last, total, "running gateway shards");
    let plugin = Plugin::with_metrics(Arc::new(engine), settings, metrics);
    let handler = Bot::with_readiness(plugin.clone(), bot.guild_id, readiness);
    let mut client = ClientBuilder::new_with_http(http, Plugin::INTENTS)
        .event_handler(handler)
        .await
        .map_err(classify)?;
    let shards = client.shard_manager.clone();
    tokio::select! {
        // serenity counts this range's end in: shards `first` to `last`, both included.
        result = client.start_shard_range(first..last, total) => result.map_err(classify),
        signal = signals.serve(plugin.clone()) => {
            info!(signal, "shutting down");
            match plugin.finish_answers(FINISH_ANSWERS).await {
                0 => info!("every answer in progress was sent"),
                unfinished => warn!(unfinished, "stopping with answers still in progress"),
            }
            // Sends a close frame (1000, normal closure) and waits for Discord's answer.
            shards.shutdown_all().await;
            info!("closed the gateway");
            Ok(())
        }
    }
}

/// The engine over the configured knowledge, built off the async threads.
pub(super) async fn build_engine(knowledge: KnowledgeConfig) -> Result<Engine, RunError> {
    tokio::task::spawn_blocking(move || knowledge.build_engine())
        .await
        .map_err(|error| RunError::Other(format!("building the search index failed: {error}")))?
        .map_err(|error| match error {
            BuildError::Problems(problems) => RunError::Knowledge(problems),
            error @ BuildError::Index(_) => RunError::Other(error.to_string()),
        })
}

/// The shards this process runs, as (first, last, total): as many as Discord recommends, a
/// total, or a range of one.
async fn shard_plan(http: &Http, shards: Shards) -> Result<(u32, u32, u32), RunError> {
    match shards {
        Shards::Auto => {
            let gateway = http.get_bot_gateway().await.map_err(classify)?;
            let total = gateway.shards.max(1);
            Ok((0, total - 1, total))
        }
        Shards::Total(total) => Ok((0, total - 1, total)),
        Shards::Range { first, last, total } => Ok((first, last, total)),
    }
}

/// The signals `verbatim run` and `verbatim serve` act on.
pub(super) mod signals {
    use tracing::info;

    use super::Plugin;

    /// SIGHUP reloads the knowledge; SIGTERM and SIGINT stop the bot.
    #[cfg(unix)]
    pub(crate) struct Signals {
        hangup: tokio::signal::unix::Signal,
        terminate: tokio::signal::unix::Signal,
        interrupt: tokio::signal::unix::Signal,
    }

    #[cfg(unix)]
    impl Signals {
        /// Starts listening; from now on these signals no longer end the process by themselves.
        pub(crate) fn install() -> std::io::Result<Signals> {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                hangup: signal(SignalKind::hangup())?,
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }

        /// Reloads the knowledge on every SIGHUP until SIGTERM or SIGINT, whose name it returns.
        pub(crate) async fn serve(mut self, plugin: Plugin) -> &'static str {
            loop {
                tokio::select! {
                    _ = self.hangup.recv() => {
                        info!("SIGHUP: reloading the knowledge");
                        // In a task of its own, so that a SIGTERM during a reload is not kept
                        // waiting; reloads wait for one another.
                        let plugin = plugin.clone();
                        tokio::spawn(async move { plugin.reload().await });
                    }
                    _ = self.terminate.recv() => return "SIGTERM",
                    _ = self.interrupt.recv() => return "SIGINT",
                }
            }
        }
    }

    /// Without Unix signals, Ctrl-C stops the bot and nothing reloads it.
    #[cfg(not(unix))]
    pub(crate) struct Signals;

    #[cfg(not(unix))]
    impl Signals {
        pub(crate) fn install() -> std::io::Result<Signals> {
            Ok(Signals)
        }

        pub(crate) async fn serve(self, _plugin: Plugin) -> &'static str {
            match tokio::signal::ctrl_c().await {
                Ok(()) => "Ctrl-C",
                Err(_) => std::future::pending().await,
            }
        }
    }
}

/// serenity's REST client, for what serenity asks itself (who the bot is, where the gateway
/// is): to discord.com or to the configured proxy. Its rate limiter is off, since it cannot
/// send through a proxy; verbatim's own requests keep Discord's rate limits (see `rest`).
pub(super) fn http_client(token: &str, bot: &BotConfig) -> Http {
    let builder = HttpBuilder::new(token).ratelimiter_disabled(true);
    match bot.discord_proxy() {
        Some(proxy) => builder.proxy(proxy).build(),
        None => builder.build(),
    }
}

/// Sorts serenity's errors into the ones a person can fix (the token) and the rest.
pub(super) fn classify(error: serenity::Error) -> RunError {
    use serenity::http::HttpError;
    match &error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) if response.status_code.as_u16() == 401 => {
            RunError::TokenRejected
        }
        serenity::Error::Gateway(GatewayError::InvalidAuthentication) => RunError::TokenRejected,
        serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents | GatewayError::InvalidGatewayIntents) => {
            RunError::Other("Discord refused the gateway intents verbatim asks for (guild messages, direct messages)".to_owned())
        }
        _ => RunError::Other(format!("Discord connection failed: {error}")),
    }
}
