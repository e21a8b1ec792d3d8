//! `verbatim serve`: start-up of the HTTP interactions endpoint (logging, the engine, the
//! commands registered when a token is given, the listener), signals (SIGHUP reloads the
//! knowledge, SIGTERM and SIGINT stop it once the requests in flight are answered), and why it
//! stopped.

use std::process::ExitCode;
use std::sync::Arc;

use secrecy::ExposeSecret;
use serenity::model::id::{ApplicationId, GuildId};
use tokio::net::TcpListener;
use tracing::{info, warn};

use super::rest::SendError;
use super::run::{build_engine, classify, http_client, init_logging, run_to_exit, signals};
use super::{register_commands, Endpoint, FollowUps, Plugin, RunError, Settings};
use crate::config::{KnowledgeConfig, ServeConfig};
use crate::feedback::QuestionLog;
use crate::health::{self, Readiness};
use crate::metrics::Metrics;

/// `verbatim serve`: answers interactions until stopped (SIGTERM or Ctrl-C, exit code 0). A
/// missing or wrong public key is one line on standard error and exit code 2.
pub fn serve_from_config(knowledge: KnowledgeConfig, config: ServeConfig) -> ExitCode {
    if config.endpoint.public_key.is_none() {
        return super::run::stopped(RunError::NoPublicKey);
    }
    init_logging(&config.bot.log);
    run_to_exit(serve(knowledge, config))
}

/// Answers the interactions Discord posts to the configured address until SIGTERM or SIGINT,
/// reloading the knowledge on every SIGHUP. With a token, registers the commands first.
pub async fn serve(knowledge: KnowledgeConfig, config: ServeConfig) -> Result<(), RunError> {
    let public_key = config
        .endpoint
        .public_key
        .clone()
        .ok_or(RunError::NoPublicKey)?;
    // Installed first, so that a signal arriving while the index is built is not fatal.
    let signals = signals::Signals::install()
        .map_err(|error| RunError::Other(format!("cannot listen for signals: {error}")))?;
    let addr = config.endpoint.addr;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|error| RunError::Other(format!("cannot listen on {addr}: {error}")))?;
    // Served before the index is built, so that /healthz answers meanwhile.
    let (metrics, readiness) = (Metrics::new(), Readiness::new());
    readiness.needs_no_gateway();
    if let Some(address) = config.bot.http.addr {
        let health = health::bind(address).await.map_err(|error| {
            RunError::Other(format!(
                "cannot serve health and metrics on {address}: {error}"
            ))
        })?;
        tokio::spawn(health::serve(health, metrics.clone(), readiness.clone()));
    }
    let settings = Settings {
        question_log: QuestionLog::start(&config.bot.question_log, &metrics),
        ..Settings::from_config(&knowledge, &config.bot)
    };
    let engine = build_engine(knowledge).await?;
    let passages = engine.knowledge().passages().count();
    let plugin = Plugin::with_metrics(Arc::new(engine), settings, metrics);
    let token = config
        .bot
        .token
        .as_ref()
        .map(|token| token.expose_secret().to_owned());
    let follow_ups = FollowUps {
        token: token.clone(),
        proxy: config.bot.discord_proxy().map(str::to_owned),
    };
    let endpoint = Endpoint::new(plugin.clone(), &public_key, &follow_ups)
        .map_err(|_| RunError::InvalidPublicKey)?;
    match &token {
        Some(token) => register(token, &config, &plugin).await?,
        None => info!("no DISCORD_TOKEN: the commands are not registered from here"),
    }
    let local = listener.local_addr().map_or(addr, |local| local);
    info!(addr = %local, passages, "listening for interactions");
    readiness.knowledge_loaded();
    let stop = async {
        let signal = signals.serve(plugin).await;
        info!(signal, "shutting down");
    };
    Arc::new(endpoint).serve(listener, stop).await;
    info!("stopped");
    Ok(())
}

/// Registers the commands with the application id configured or, without one, the one
/// Discord names for the token. A rejected token stops the endpoint; any other failure is
/// logged, and the commands registered before keep working.
async fn register(token: &str, config: &ServeConfig, plugin: &Plugin) -> Result<(), RunError> {
    let http = http_client(token, &config.bot);
    let application = match config.endpoint.application_id {
        Some(id) => ApplicationId::new(id),
        None => {
            http.get_current_application_info()
                .await
                .map_err(classify)?
                .id
        }
    };
    http.set_application_id(application);
    let guild = config.bot.guild_id.map(GuildId::new);
    match register_commands(&http, plugin, application, guild).await {
        Ok(()) => {}
        Err(SendError::Refused { status: 401, .. }) => return Err(RunError::TokenRejected),
        Err(_) => warn!("serving with the commands registered before"),
    }
    Ok(())
}
