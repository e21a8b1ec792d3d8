//! The Discord adapter, and the only module that imports serenity.
//!
//! [`Plugin`] is verbatim on Discord as a part that any serenity bot can mount: it hands out
//! its command definitions ([`Plugin::commands`]) and handles the interactions and messages
//! that are its own ([`Plugin::handle_interaction`], [`Plugin::handle_message`]), giving every
//! other event back untouched. [`Bot`] is the thin event handler verbatim's own binary runs: it
//! registers the plugin's commands and hands every event to the plugin, exactly as a host bot
//! would. [`run_from_env`] is `verbatim run`: it also reloads the knowledge on SIGHUP and
//! closes the gateway cleanly on SIGTERM and SIGINT.
//!
//! Inside, a handler asks the core for a plain [`Reply`](crate::answer::Reply), one module,
//! `render`, turns it into serenity builders, always with mentions disabled, and another,
//! `rest`, sends them, retrying what is safe to retry.

mod commands;
mod cooldown;
mod interactions;
mod messages;
mod pages;
mod plugin;
mod reload;
mod render;
mod reply;
mod rest;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use serenity::client::{ClientBuilder, Context, EventHandler};
use serenity::gateway::{ConnectionStage, GatewayError, ShardStageUpdateEvent};
use serenity::http::{Http, HttpBuilder};
use serenity::model::application::{Command, Interaction};
use serenity::model::channel::Message;
use serenity::model::event::ResumedEvent;
use serenity::model::gateway::Ready;
use serenity::model::id::GuildId;
use tracing::{error, info, warn};

pub use plugin::{Footprint, Plugin, Settings};
pub use reload::Reloaded;

use crate::cli::EXIT_BAD_INPUT;
use crate::config::Config;
use crate::knowledge::Problem;
use reload::BuildError;

/// verbatim's own bot: registers the plugin's commands when connected and gives it every
/// interaction and message.
pub struct Bot {
    plugin: Plugin,
    guild_id: Option<GuildId>,
}

impl Bot {
    /// A bot registering its commands to `guild_id` (instant updates, for testing) or,
    /// without one, globally.
    pub fn new(plugin: Plugin, guild_id: Option<u64>) -> Bot {
        Bot {
            plugin,
            guild_id: guild_id.map(GuildId::new),
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        self.plugin.ready(&ready);
        let commands = self.plugin.commands();
        let registered = match self.guild_id {
            Some(guild) => guild.set_commands(&ctx.http, commands).await,
            None => Command::set_global_commands(&ctx.http, commands).await,
        };
        let scope = if self.guild_id.is_some() {
            "guild"
        } else {
            "global"
        };
        match registered {
            Ok(commands) => info!(count = commands.len(), scope, "registered commands"),
            Err(error) => error!(%error, scope, "could not register commands"),
        }
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        info!("resumed the gateway session");
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        match event.new {
            ConnectionStage::Disconnected => {
                warn!(shard = %event.shard_id, "disconnected from the gateway")
            }
            ConnectionStage::Connecting | ConnectionStage::Resuming => {
                info!(shard = %event.shard_id, stage = %event.new, "reconnecting to the gateway")
            }
            _ => tracing::debug!(shard = %event.shard_id, stage = %event.new, "gateway stage"),
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // Whatever the plugin gives back is not verbatim's, and this bot has nothing else.
        let _ = self.plugin.handle_interaction(&ctx, interaction).await;
    }

    async fn message(&self, ctx: Context, message: Message) {
        let _ = self.plugin.handle_message(&ctx, message).await;
    }
}

/// Why the bot stopped.
#[derive(Debug)]
pub enum RunError {
    /// The knowledge packs have problems (each one `path:line: message`).
    Knowledge(Vec<Problem>),
    /// Discord refused the token.
    TokenRejected,
    /// Anything else: no connection, a refused intent, an index that could not be built.
    Other(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Knowledge(problems) => {
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                write!(f, "{} problem{} in the knowledge packs", problems.len(), if problems.len() == 1 { "" } else { "s" })
            }
            RunError::TokenRejected => f.write_str("Discord rejected the token in DISCORD_TOKEN; check it in the Developer Portal (Bot > Reset Token)"),
            RunError::Other(message) => f.write_str(message),
        }
    }
}

impl RunError {
    /// Bad input (knowledge, token) is exit code 2, like every other command's bad input.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            RunError::Knowledge(_) | RunError::TokenRejected => ExitCode::from(EXIT_BAD_INPUT),
            RunError::Other(_) => ExitCode::FAILURE,
        }
    }
}

/// `verbatim run`: reads the configuration, connects and answers until stopped (SIGTERM or
/// Ctrl-C, exit code 0). A missing or rejected token is one line on standard error and exit
/// code 2.
pub fn run_from_env(knowledge_dir: Option<PathBuf>) -> ExitCode {
    let config = match Config::from_env(knowledge_dir) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    init_logging(&config.log_filter);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(config));
    // An answer still being computed when the bot stops is abandoned, not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}

/// Logs go to standard error, filtered by `RUST_LOG`.
fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(crate::config::DEFAULT_LOG_FILTER));
    // A subscriber set earlier (by a test, say) wins; that is fine.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .try_init();
}

/// Runs the bot until SIGTERM, SIGINT (Ctrl-C) or a fatal error, reloading the knowledge on
/// every SIGHUP.
pub async fn run(config: Config) -> Result<(), RunError> {
    // Installed first, so that a signal arriving while the index is built is not fatal.
    let signals = signals::Signals::install()
        .map_err(|error| RunError::Other(format!("cannot listen for signals: {error}")))?;
    let knowledge_dir = config.knowledge_dir.clone();
    let index_dir = config.index_dir.clone();
    let engine = tokio::task::spawn_blocking(move || {
        reload::build_engine(knowledge_dir.as_deref(), index_dir.as_deref())
    })
    .await
    .map_err(|error| RunError::Other(format!("building the search index failed: {error}")))?
    .map_err(|error| match error {
        BuildError::Problems(problems) => RunError::Knowledge(problems),
        BuildError::Index(error) => {
            RunError::Other(format!("cannot build the search index: {error}"))
        }
    })?;
    let http = http_client(&config);
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
    let plugin = Plugin::new(Arc::new(engine), Settings::from(&config));
    let mut client = ClientBuilder::new_with_http(http, Plugin::INTENTS)
        .event_handler(Bot::new(plugin.clone(), config.guild_id))
        .await
        .map_err(classify)?;
    let shards = client.shard_manager.clone();
    tokio::select! {
        result = client.start() => result.map_err(classify),
        signal = signals.serve(plugin) => {
            info!(signal, "shutting down");
            // Sends a close frame (1000, normal closure) and waits for Discord's answer.
            shards.shutdown_all().await;
            info!("closed the gateway");
            Ok(())
        }
    }
}

/// The signals `verbatim run` acts on.
mod signals {
    use tracing::info;

    use super::Plugin;

    /// SIGHUP reloads the knowledge; SIGTERM and SIGINT stop the bot.
    #[cfg(unix)]
    pub(super) struct Signals {
        hangup: tokio::signal::unix::Signal,
        terminate: tokio::signal::unix::Signal,
        interrupt: tokio::signal::unix::Signal,
    }

    #[cfg(unix)]
    impl Signals {
        /// Starts listening; from now on these signals no longer end the process by themselves.
        pub(super) fn install() -> std::io::Result<Signals> {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                hangup: signal(SignalKind::hangup())?,
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }

        /// Reloads the knowledge on every SIGHUP until SIGTERM or SIGINT, whose name it returns.
        pub(super) async fn serve(mut self, plugin: Plugin) -> &'static str {
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
    pub(super) struct Signals;

    #[cfg(not(unix))]
    impl Signals {
        pub(super) fn install() -> std::io::Result<Signals> {
            Ok(Signals)
        }

        pub(super) async fn serve(self, _plugin: Plugin) -> &'static str {
            match tokio::signal::ctrl_c().await {
                Ok(()) => "Ctrl-C",
                Err(_) => std::future::pending().await,
            }
        }
    }
}

/// The REST client: to discord.com, or to the configured proxy, which then owns rate limiting
/// (serenity sends nothing to a proxy while its own rate limiter is on).
fn http_client(config: &Config) -> Http {
    let builder = HttpBuilder::new(&config.token);
    match &config.discord_proxy {
        Some(proxy) => builder.proxy(proxy).ratelimiter_disabled(true).build(),
        None => builder.build(),
    }
}

/// Sorts serenity's errors into the ones a person can fix (the token) and the rest.
fn classify(error: serenity::Error) -> RunError {
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
