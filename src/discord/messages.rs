//! Messages addressed to the bot: DMs, mentions, and replies to its answers. Each is answered
//! with a reply in its channel; everything else is given back to the host bot.

use std::time::Instant;

use serenity::client::Context;
use serenity::model::channel::{Message, MessageReference, MessageType};
use serenity::model::id::{ChannelId, GuildId, MessageId, UserId};
use tracing::{debug, info, warn};

use super::plugin::{failed, Plugin};
use super::render::{self, Outcome};
use super::reply::{self, Replied};
use super::rest::{Call, SendError};
use crate::strings::Locale;

/// How a message came to be addressed to the bot, for the logs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Addressed {
    DirectMessage,
    ReplyToBot,
    Mention,
    /// A new post in one of the forum channels the bot answers.
    ForumPost,
}

impl Addressed {
    fn command(self) -> &'static str {
        match self {
            Addressed::DirectMessage => "dm",
            Addressed::ReplyToBot => "reply",
            Addressed::Mention => "mention",
            Addressed::ForumPost => "forum",
        }
    }
}

/// A message asking a question, by its ids.
#[derive(Debug, Clone, Copy)]
pub(super) struct Posted {
    pub(super) channel: ChannelId,
    pub(super) id: MessageId,
    pub(super) guild: Option<GuildId>,
    pub(super) author: UserId,
}

impl Posted {
    pub(super) fn of(message: &Message) -> Posted {
        Posted {
            channel: message.channel_id,
            id: message.id,
            guild: message.guild_id,
            author: message.author.id,
        }
    }
}

impl Plugin {
    /// Answers `question`, asked by `posted`, with a reply to it in its channel. A forum post
    /// is answered whoever posted it last; for other messages the cooldown comes first, so that
    /// nobody can make the bot post faster than it. A refusal (cooling down, empty, too long) is
    /// said once per cooldown, the rest are dropped in silence; and every reply counts against
    /// the channel's and the bot's posting caps.
    pub(super) async fn on_message(
        &self,
        ctx: &Context,
        posted: Posted,
        question: String,
        addressed: Addressed,
    ) {
        let started = Instant::now();
        let command = addressed.command();
        let locale = Locale::of_question(&question);
        let max = self.shared.settings.max_question_chars;
        let (author, channel) = (posted.author.get(), posted.channel.get());
        // A forum post is answered once, in its own thread: no cooldown holds it back.
        let admitted = if matches!(addressed, Addressed::ForumPost) {
            Ok(())
        } else {
            self.try_ask(author, started, locale)
        };
        let admitted = admitted.and_then(|()| reply::check_question(&question, max, locale));
        let (replied, asked) = match admitted {
            Err(_) if !self.may_notify(author, started) => {
                info!(command, "refused in silence: told once already");
                return;
            }
            Err(notice) => {
                info!(command, "refused");
                let refused = Replied {
                    outcome: Outcome::Notice(notice),
                    results: 0,
                    quoted: Vec::new(),
                };
                (refused, None)
            }
            Ok(()) => {
                debug!(command, question = %question, "question");
                let (engine, key) = (self.engine(), posted.id.get());
                let votes = self.shared.settings.question_log.is_some();
                let asked = question.clone();
                let work = move || reply::question(&engine, key, &question, false, votes, locale);
                let replied = tokio::task::spawn_blocking(work)
                    .await
                    .unwrap_or_else(|error| failed(error, locale));
                (replied, Some(asked))
            }
        };
        // A reply to one of the bot's answers may be conversation ("thanks!") rather than a
        // question: when the forum has nothing for it, the bot keeps quiet instead of listing
        // who spoke on what. A mention or a DM is a question, and gets that list.
        if matches!(addressed, Addressed::ReplyToBot) && asked.is_some() && replied.results == 0 {
            info!(
                command,
                "nothing in the forum for a reply to the bot; left alone"
            );
            return;
        }
        if !self.may_post(channel, Instant::now()) {
            return;
        }
        let call = Call::post_message(posted.channel);
        let reference = MessageReference::from((posted.channel, posted.id));
        let reference = match posted.guild {
            Some(guild) => reference.guild_id(guild),
            None => reference,
        };
        let reply = render::message_reply(&replied.outcome, reference, locale);
        match self.responder(ctx).send(call, &reply).await {
            Ok(()) => {}
            // No permission to post there, or no access: asking again would be refused again.
            Err(SendError::Refused { status: 403, .. }) => {
                warn!(
                    command,
                    channel, "the channel refused the reply; leaving it alone for a while"
                );
                self.shared.posting.refused(channel, Instant::now());
                return;
            }
            Err(error) => {
                warn!(command, %error, "could not reply");
                return;
            }
        }
        if let Some(question) = asked {
            let latency = started.elapsed();
            let (results, latency_ms) = (replied.results, latency.as_millis() as u64);
            self.count_answer(results, latency);
            let shard = ctx.shard_id.0;
            info!(command, results, latency_ms, shard, "answered");
            let guild = posted.guild.map(|guild| guild.get());
            self.log_question(posted.id.get(), guild, command, question, replied, latency);
        }
    }

    /// Whether, and how, a message is addressed to the bot.
    pub(super) async fn addressed(&self, ctx: &Context, message: &Message) -> Option<Addressed> {
        if message.author.bot
            || !matches!(
                message.kind,
                MessageType::Regular | MessageType::InlineReply
            )
        {
            return None;
        }
        if message.guild_id.is_none() {
            return Some(Addressed::DirectMessage);
        }
        let bot = self.bot_user(ctx).await?;
        if message
            .referenced_message
            .as_ref()
            .is_some_and(|replied| replied.author.id == bot)
        {
            return Some(Addressed::ReplyToBot);
        }
        message
            .mentions
            .iter()
            .any(|user| user.id == bot)
            .then_some(Addressed::Mention)
    }

    async fn bot_user(&self, ctx: &Context) -> Option<UserId> {
        if let Some(id) = self.shared.bot_user.get() {
            return Some(*id);
        }
        match ctx.http.get_current_user().await {
            Ok(user) => Some(*self.shared.bot_user.get_or_init(|| user.id)),
            Err(error) => {
                warn!(%error, "could not learn the bot's own user");
                None
            }
        }
    }
}
