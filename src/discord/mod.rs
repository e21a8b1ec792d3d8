//! The Discord adapter, and the only module that imports serenity.
//!
//! [`Plugin`] is verbatim on Discord as a part that any serenity bot can mount: it hands out
//! its command definitions ([`Plugin::commands`]) and handles the interactions and messages
//! that are its own ([`Plugin::handle_interaction`], [`Plugin::handle_message`]), giving every
//! other event back untouched. [`Bot`] is the thin event handler verbatim's own binary runs: it
//! registers the plugin's commands and hands every event to the plugin, exactly as a host bot
//! would. [`run_from_config`] is `verbatim run`: it also reloads the knowledge on SIGHUP and
//! closes the gateway cleanly on SIGTERM and SIGINT. [`serve_from_config`] is `verbatim serve`,
//! the same plugin behind an HTTP interactions [`Endpoint`] instead of the gateway.
//!
//! Inside, a handler asks the core for a plain [`Reply`](crate::answer::Reply), one module,
//! `render`, turns it into serenity builders, always with mentions disabled, and another,
//! `rest`, sends them, retrying what is safe to retry.

mod commands;
mod cooldown;
mod endpoint;
mod forum;
mod interactions;
mod limits;
mod messages;
mod pages;
mod plugin;
mod reload;
mod render;
mod reply;
mod rest;
mod run;
mod serve;
mod transport;
mod votes;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use serenity::client::{Context, EventHandler};
use serenity::gateway::{ConnectionStage, ShardStageUpdateEvent};
use serenity::http::Http;
use serenity::model::application::Interaction;
use serenity::model::channel::{GuildChannel, Message};
use serenity::model::event::ResumedEvent;
use serenity::model::gateway::Ready;
use serenity::model::id::{ApplicationId, GuildId};
use tracing::{error, info, warn};

pub use endpoint::{is_public_key, Endpoint, FollowUps, InvalidPublicKey, MAX_AGE, MAX_BODY};
pub use limits::PostingCap;
pub use plugin::{Footprint, Plugin, Settings};

use plugin::Registration;
pub use reload::Reloaded;
pub use run::{run, run_from_config, RunError};
pub use serve::{serve, serve_from_config};

use crate::health::Readiness;
use rest::SendError;

/// verbatim's own bot: registers the plugin's commands when connected, gives it every
/// interaction and message, and keeps its readiness and gateway metrics.
pub struct Bot {
    plugin: Plugin,
    guild_id: Option<GuildId>,
    readiness: Readiness,
    /// Whether this process registered the commands: once is enough, whatever the sessions.
    registered: AtomicBool,
    /// The shards that have had a session, so that a later one counts as a reconnect.
    connected_before: Mutex<HashSet<u32>>,
}

impl Bot {
    /// A bot registering its commands to `guild_id` (instant updates, for testing) or,
    /// without one, globally.
    pub fn new(plugin: Plugin, guild_id: Option<u64>) -> Bot {
        Bot::with_readiness(plugin, guild_id, Readiness::new())
    }

    /// A bot keeping `readiness`, which may already be served (see `health`).
    pub fn with_readiness(plugin: Plugin, guild_id: Option<u64>, readiness: Readiness) -> Bot {
        Bot {
            plugin,
            guild_id: guild_id.map(GuildId::new),
            readiness,
            registered: AtomicBool::new(false),
            connected_before: Mutex::new(HashSet::new()),
        }
    }

    /// Whether the bot is ready to answer, for `/readyz`.
    pub fn readiness(&self) -> Readiness {
        self.readiness.clone()
    }

    /// Registers the plugin's commands (see [`register_commands`]), once per process; after a
    /// failure, the next session tries again.
    async fn register(&self, ctx: &Context, ready: &Ready) {
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        let registered =
            register_commands(&ctx.http, &self.plugin, ready.application.id, self.guild_id).await;
        if registered.is_err() {
            self.registered.store(false, Ordering::SeqCst);
        }
    }
}

/// Registers the plugin's commands where they belong, unless Discord holds them already: the
/// public ones globally (or in `guild`, for instant updates while testing), `/reload` in the
/// operator's server. Retried while Discord fails; logs how it went.
pub(crate) async fn register_commands(
    http: &Http,
    plugin: &Plugin,
    application: ApplicationId,
    guild: Option<GuildId>,
) -> Result<(), SendError> {
    let public = plugin.commands();
    let operator = plugin.operator_commands();
    let sets = match plugin.operator_guild().map(GuildId::new) {
        Some(operators) if Some(operators) == guild => {
            vec![(Some(operators), [public, operator].concat())]
        }
        Some(operators) => vec![(guild, public), (Some(operators), operator)],
        None => vec![(guild, public)],
    };
    let mut outcome = Ok(());
    for (guild, commands) in sets {
        let scope = if guild.is_some() { "guild" } else { "global" };
        let guild_id = guild.map(GuildId::get);
        match plugin
            .register_commands(http, application, guild, &commands)
            .await
        {
            Ok(Registration::Replaced(count)) => {
                info!(count, scope, guild = guild_id, "registered commands")
            }
            Ok(Registration::Unchanged(count)) => {
                info!(
                    count,
                    scope,
                    guild = guild_id,
                    "commands already registered"
                )
            }
            Err(error) => {
                error!(%error, scope, guild = guild_id, "could not register commands");
                outcome = Err(error);
            }
        }
    }
    outcome
}

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ctx.shard_id.0;
        info!(user = %ready.user.name, guilds = ready.guilds.len(), shard, "connected to Discord");
        self.readiness.shard_connected(shard, true);
        self.plugin.ready(&ready);
        let first = lock(&self.connected_before).insert(shard);
        if !first {
            self.plugin.metrics().reconnected();
        }
        // The process running shard 0 registers the commands, once, for all the processes.
        if shard == 0 {
            self.register(&ctx, &ready).await;
        }
    }

    async fn resume(&self, ctx: Context, _event: ResumedEvent) {
        info!(shard = ctx.shard_id.0, "resumed the gateway session");
        self.plugin.metrics().reconnected();
        self.plugin.metrics().resumed();
        self.readiness.shard_connected(ctx.shard_id.0, true);
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        let shard = event.shard_id.0;
        self.readiness
            .shard_connected(shard, event.new == ConnectionStage::Connected);
        match event.new {
            ConnectionStage::Disconnected => {
                warn!(shard, "disconnected from the gateway")
            }
            ConnectionStage::Connecting | ConnectionStage::Resuming => {
                info!(shard, stage = %event.new, "reconnecting to the gateway")
            }
            _ => tracing::debug!(shard, stage = %event.new, "gateway stage"),
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        // Whatever the plugin gives back is not verbatim's, and this bot has nothing else.
        let _ = self.plugin.handle_interaction(&ctx, interaction).await;
    }

    async fn message(&self, ctx: Context, message: Message) {
        let _ = self.plugin.handle_message(&ctx, message).await;
    }

    async fn thread_create(&self, ctx: Context, thread: GuildChannel) {
        let _ = self.plugin.handle_thread(&ctx, thread).await;
    }
}

/// Locks a mutex that only ever holds plain values, which a panic cannot leave half-written.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
