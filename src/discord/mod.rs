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

use serenity::client::{Context, EventHandler};
use serenity::gateway::{ConnectionStage, ShardStageUpdateEvent};
use serenity::model::application::{Command, Interaction};
use serenity::model::channel::{GuildChannel, Message};
use serenity::model::event::ResumedEvent;
use serenity::model::gateway::Ready;
use serenity::model::id::GuildId;
use tracing::{error, info, warn};

pub use endpoint::{is_public_key, Endpoint, FollowUps, InvalidPublicKey, MAX_AGE, MAX_BODY};
pub use plugin::{Footprint, Plugin, Settings};
pub use reload::Reloaded;
pub use run::{run, run_from_config, RunError};
pub use serve::{serve, serve_from_config};

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

/// Registers the plugin's commands to `guild` (instant updates, for testing) or, without one,
/// globally, and logs how it went.
pub(crate) async fn register_commands(
    http: &serenity::http::Http,
    plugin: &Plugin,
    guild: Option<GuildId>,
) -> serenity::Result<()> {
    let commands = plugin.commands();
    let registered = match guild {
        Some(guild) => guild.set_commands(http, commands).await,
        None => Command::set_global_commands(http, commands).await,
    };
    let scope = if guild.is_some() { "guild" } else { "global" };
    match registered {
        Ok(commands) => {
            info!(count = commands.len(), scope, "registered commands");
            Ok(())
        }
        Err(error) => {
            error!(%error, scope, "could not register commands");
            Err(error)
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Bot {
    async fn ready(&self, ctx: Context, ready: Ready) {
        info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        self.plugin.ready(&ready);
        let _ = register_commands(&ctx.http, &self.plugin, self.guild_id).await;
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

    async fn thread_create(&self, ctx: Context, thread: GuildChannel) {
        let _ = self.plugin.handle_thread(&ctx, thread).await;
    }
}
