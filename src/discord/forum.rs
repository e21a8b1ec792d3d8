//! Forum channels: a new post in one of the channels the bot is told to answer
//! (`VERBATIM_FORUM_CHANNELS`) gets one answer in its thread, replying to the post, as a
//! question addressed to the bot. The question is the post's title and its first message.
//!
//! Discord sends the first message's text only to a bot granted the message-content intent
//! (Developer Portal > Bot > Message Content Intent); without it the text arrives empty, and
//! the title alone is asked. Replies in the thread that mention the bot are answered like any
//! other mention, and if the post itself mentions the bot, the answer's nonce (the post's id)
//! keeps it to one answer.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serenity::client::Context;
use serenity::model::channel::{ChannelType, GuildChannel};
use serenity::model::id::MessageId;
use tracing::{debug, warn};

use super::messages::{Addressed, Posted};
use super::plugin::Plugin;

/// A thread created longer ago than this is not a new post (the bot was added to an old
/// thread, say): it is left alone.
const NEW_POST: Duration = Duration::from_secs(10 * 60);

/// How long the first message of a post is waited for.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

impl Plugin {
    /// Answers a thread if it is a new post in one of the forum channels the bot answers, and
    /// returns `None`; returns any other thread untouched.
    pub async fn handle_thread(&self, ctx: &Context, thread: GuildChannel) -> Option<GuildChannel> {
        let _answering = self.shared.in_progress.token();
        let forums = &self.shared.settings.forum_channels;
        let in_a_forum = thread
            .parent_id
            .is_some_and(|parent| forums.contains(&parent.get()));
        if !in_a_forum || !is_new_post(&thread, SystemTime::now()) {
            return Some(thread);
        }
        // A forum post's first message has the thread's id. A post delivered twice, or one that
        // mentions the bot and so arrives as a message too, is answered once.
        let first = MessageId::new(thread.id.get());
        if !self.first_delivery(first.get()) {
            return None;
        }
        let fetched =
            tokio::time::timeout(FETCH_TIMEOUT, thread.id.message(&ctx.http, first)).await;
        let (text, author) = match fetched {
            Ok(Ok(message)) => (message.content, Some(message.author.id)),
            Ok(Err(error)) => {
                warn!(%error, "could not read a forum post's first message; asking its title");
                (String::new(), None)
            }
            Err(_) => {
                warn!("no forum post's first message in time; asking its title");
                (String::new(), None)
            }
        };
        let Some(author) = author.or(thread.owner_id) else {
            debug!("a forum post with no author");
            return None;
        };
        let question = forum_question(&thread.name, &text, self.shared.settings.max_question_chars);
        let posted = Posted {
            channel: thread.id,
            id: first,
            guild: Some(thread.guild_id),
            author,
        };
        self.on_message(ctx, posted, question, Addressed::ForumPost)
            .await;
        None
    }
}

/// Whether `thread` is a post made just now: a public thread (as every forum post is) created
/// within [`NEW_POST`] of `now`.
fn is_new_post(thread: &GuildChannel, now: SystemTime) -> bool {
    let created = thread
        .thread_metadata
        .and_then(|metadata| metadata.create_timestamp)
        .and_then(|at| u64::try_from(at.unix_timestamp()).ok())
        .map(|seconds| UNIX_EPOCH + Duration::from_secs(seconds));
    thread.kind == ChannelType::PublicThread
        && created.is_some_and(|created| {
            now.duration_since(created)
                .map_or(true, |age| age <= NEW_POST)
        })
}

/// The question a post asks: its title, and its first message when Discord sent its text, cut
/// to `max_chars` characters (a post is not refused for its length, as a command is).
fn forum_question(title: &str, text: &str, max_chars: usize) -> String {
    let (title, text) = (title.trim(), text.trim());
    let whole = if text.is_empty() || text == title {
        title.to_owned()
    } else {
        format!("{title}\n{text}")
    };
    whole.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_asks_its_title_and_its_text_within_the_cap() {
        assert_eq!(
            forum_question(" 楊植麟怎麼看AGI? ", "", 300),
            "楊植麟怎麼看AGI?"
        );
        assert_eq!(forum_question("AGI", "AGI", 300), "AGI");
        assert_eq!(
            forum_question("Price war", "What did Wang Xiaochuan say?", 300),
            "Price war\nWhat did Wang Xiaochuan say?"
        );
        assert_eq!(forum_question("價格戰", "王小川怎麼看", 5), "價格戰\n王");
    }
}
