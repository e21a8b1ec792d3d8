//! The one place where verbatim's plain replies become serenity builders. Every message and
//! every interaction response made here disables all mentions, so a quote or a question that
//! holds `@everyone`, `@here`, a role or a user mention pings nobody.

use serenity::builder::{
    CreateActionRow, CreateAllowedMentions, CreateAutocompleteResponse, CreateButton, CreateEmbed,
    CreateEmbedAuthor, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse,
};
use serenity::model::application::ButtonStyle;
use serenity::model::channel::{MessageReference, Nonce};

use super::votes;
use crate::answer::{Card, Reply};
use crate::strings::{text, Locale};

/// What a handler decided to say, before it becomes a Discord message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Cards for everyone to see (or only the asker, when `private`), with the custom id of
    /// the "More" button when there is a next page, and the 👍/👎 buttons for the answer to
    /// question `votes`, when votes are logged.
    Answer {
        reply: Reply,
        more: Option<String>,
        private: bool,
        votes: Option<u64>,
    },
    /// A short word for the asker alone: a refusal, a cooldown, an empty result.
    Notice(String),
}

impl Outcome {
    /// The outcome, for the asker's eyes only when `private`.
    pub(crate) fn private_if(self, private: bool) -> Outcome {
        match self {
            Outcome::Answer {
                reply,
                more,
                private: was,
                votes,
            } => Outcome::Answer {
                reply,
                more,
                private: was || private,
                votes,
            },
            notice => notice,
        }
    }
}

/// Mentions of nobody: no `@everyone`/`@here`, no roles, no users, and no ping of the author
/// a message replies to.
pub(crate) fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

/// A card as an embed. Empty parts are left out, since Discord refuses empty names and values.
pub(crate) fn embed(card: &Card) -> CreateEmbed {
    let mut embed = CreateEmbed::new().color(card.color);
    if !card.author.is_empty() {
        embed = embed.author(CreateEmbedAuthor::new(&card.author));
    }
    if !card.title.is_empty() {
        embed = embed.title(&card.title);
    }
    if let Some(url) = &card.url {
        embed = embed.url(url);
    }
    if !card.description.is_empty() {
        embed = embed.description(&card.description);
    }
    for (name, value) in card
        .fields
        .iter()
        .filter(|(name, value)| !name.is_empty() && !value.is_empty())
    {
        embed = embed.field(name, value, false);
    }
    if !card.footer.is_empty() {
        embed = embed.footer(CreateEmbedFooter::new(&card.footer));
    }
    embed
}

fn embeds(reply: &Reply) -> Vec<CreateEmbed> {
    reply.cards.iter().map(embed).collect()
}

/// The row of buttons under an answer: "More" when there is a next page, 👍 and 👎 when votes
/// are logged.
fn buttons(more: Option<&str>, votes: Option<u64>, locale: Locale) -> Vec<CreateActionRow> {
    let mut buttons = Vec::new();
    if let Some(custom_id) = more {
        buttons.push(
            CreateButton::new(custom_id)
                .label(text::more(locale))
                .style(ButtonStyle::Secondary),
        );
    }
    if let Some(question) = votes {
        for up in [true, false] {
            let emoji = if up { '👍' } else { '👎' };
            buttons.push(
                CreateButton::new(votes::custom_id(question, up))
                    .emoji(emoji)
                    .style(ButtonStyle::Secondary),
            );
        }
    }
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
}

/// The first response to a command: the answer, or an ephemeral notice.
pub(crate) fn command_response(outcome: &Outcome, locale: Locale) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(interaction_message(outcome, locale))
}

/// The acknowledgement sent when an answer may take longer than Discord's 3 seconds.
pub(crate) fn deferral(private: bool) -> CreateInteractionResponse {
    CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new().ephemeral(private))
}

/// The deferred response, filled in by an edit.
pub(crate) fn deferred_edit(outcome: &Outcome, locale: Locale) -> EditInteractionResponse {
    let edit = EditInteractionResponse::new().allowed_mentions(no_mentions());
    match outcome {
        Outcome::Answer {
            reply, more, votes, ..
        } => edit
            .content(&reply.content)
            .embeds(embeds(reply))
            .components(buttons(more.as_deref(), *votes, locale)),
        Outcome::Notice(notice) => edit.content(notice),
    }
}

/// The response to a "More" button: the next page replaces the message it is on; a notice
/// (the page is gone, there is no more) goes to the presser alone.
pub(crate) fn page_response(outcome: &Outcome, locale: Locale) -> CreateInteractionResponse {
    match outcome {
        Outcome::Answer { .. } => {
            CreateInteractionResponse::UpdateMessage(interaction_message(outcome, locale))
        }
        Outcome::Notice(_) => {
            CreateInteractionResponse::Message(interaction_message(outcome, locale))
        }
    }
}

fn interaction_message(outcome: &Outcome, locale: Locale) -> CreateInteractionResponseMessage {
    let message = CreateInteractionResponseMessage::new().allowed_mentions(no_mentions());
    match outcome {
        Outcome::Answer {
            reply,
            more,
            private,
            votes,
        } => {
            let message = if reply.content.is_empty() {
                message
            } else {
                message.content(&reply.content)
            };
            message
                .embeds(embeds(reply))
                .components(buttons(more.as_deref(), *votes, locale))
                .ephemeral(*private)
        }
        Outcome::Notice(notice) => message.content(notice).ephemeral(true),
    }
}

/// The reply to a free-form question, the message `question` refers to. Discord has no
/// ephemeral channel messages, so a notice is an ordinary reply. The question's id is the
/// reply's nonce, and Discord is asked to enforce it: sending the reply again (a retry after a
/// lost answer, a question delivered twice, a forum post that also mentions the bot) returns
/// the reply already posted instead of posting a second one.
pub(crate) fn message_reply(
    outcome: &Outcome,
    question: MessageReference,
    locale: Locale,
) -> CreateMessage {
    let nonce = question
        .message_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let message = CreateMessage::new()
        .reference_message(question)
        .nonce(Nonce::String(nonce))
        .enforce_nonce(true)
        .allowed_mentions(no_mentions());
    match outcome {
        Outcome::Answer {
            reply, more, votes, ..
        } => {
            let message = if reply.content.is_empty() {
                message
            } else {
                message.content(&reply.content)
            };
            message
                .embeds(embeds(reply))
                .components(buttons(more.as_deref(), *votes, locale))
        }
        Outcome::Notice(notice) => message.content(notice),
    }
}

/// Autocomplete choices, as (shown name, value) pairs already within Discord's limits.
pub(crate) fn autocomplete(choices: Vec<(String, String)>) -> CreateInteractionResponse {
    let response = choices.into_iter().fold(
        CreateAutocompleteResponse::new(),
        |response, (name, value)| response.add_string_choice(name, value),
    );
    CreateInteractionResponse::Autocomplete(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_with_a_source_link_links_its_title() {
        let card = Card {
            title: "價格戰是好是壞".to_owned(),
            url: Some("https://example.com/report".to_owned()),
            ..Card::default()
        };
        let json = serde_json::to_value(embed(&card)).unwrap();
        assert_eq!(json["url"], "https://example.com/report");
        let json = serde_json::to_value(embed(&Card::default())).unwrap();
        assert!(json.get("url").is_none(), "{json}");
    }
}
