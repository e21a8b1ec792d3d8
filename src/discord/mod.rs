//! The Discord adapter, and the only module that imports serenity.
//!
//! [`Plugin`] is verbatim on Discord as a part that any serenity bot can mount: it hands out
//! its command definitions ([`Plugin::commands`]) and handles the interactions and messages
//! that are its own ([`Plugin::handle_interaction`], [`Plugin::handle_message`]), giving every
//! other event back untouched. [`Bot`] is the thin event handler verbatim's own binary runs: it
//! registers the plugin's commands and hands every event to the plugin, exactly as a host bot
//! would. [`run_from_config`] is `verbatim run`: it also reloads the knowledge on SIGHUP and
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
mod run;
mod transport;

use serenity::client::{Context, EventHandler};
use serenity::gateway::{ConnectionStage, ShardStageUpdateEvent};
use serenity::model::application::{Command, Interaction};
use serenity::model::channel::Message;
use serenity::model::event::ResumedEvent;
use serenity::model::gateway::Ready;
use serenity::model::id::GuildId;
use tracing::{error, info, warn};

pub use plugin::{Footprint, Plugin, Settings};
pub use reload::Reloaded;
pub use run::{run, run_from_config, RunError};

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
