//! The command definitions verbatim hands to Discord, with their zh-TW and zh-CN names and
//! descriptions, and the names by which incoming interactions are recognised as verbatim's.

use serenity::builder::{CreateCommand, CreateCommandOption};
use serenity::model::application::{
    CommandOptionType, CommandType, InstallationContext, InteractionContext,
};
use serenity::model::permissions::Permissions;

use crate::strings::{command as words, Locale};

/// The base (English) names Discord sends back in interactions, whatever the user's language.
pub(crate) const ASK: &str = "ask";
pub(crate) const TOPIC: &str = "topic";
pub(crate) const SPEAKER: &str = "speaker";
pub(crate) const FORUM: &str = "forum";
pub(crate) const RELOAD: &str = "reload";
pub(crate) const ASK_THE_FORUM: &str = "Ask the forum";

/// Option names, likewise in English.
pub(crate) const QUESTION: &str = "question";
pub(crate) const PRIVATE: &str = "private";
/// The `/speaker` option, and the `/topic` (and `/speaker`) one, share their command's name.
pub(crate) const SPEAKER_OPTION: &str = SPEAKER;
pub(crate) const TOPIC_OPTION: &str = TOPIC;

/// The languages Discord shows besides English, by Discord's locale code.
const TRANSLATIONS: [(&str, Locale); 2] = [
    ("zh-TW", Locale::TraditionalChinese),
    ("zh-CN", Locale::SimplifiedChinese),
];

/// Every command verbatim answers. `max_question_chars` caps the `/ask` question in Discord's
/// own input box too.
pub(crate) fn definitions(max_question_chars: usize) -> Vec<CreateCommand> {
    let max_length = u16::try_from(max_question_chars.min(6000)).unwrap_or(6000);
    vec![
        command(words::ask, words::ask_description)
            .add_option(
                option(
                    CommandOptionType::String,
                    words::question,
                    words::question_description,
                )
                .required(true)
                .max_length(max_length),
            )
            .add_option(option(
                CommandOptionType::Boolean,
                words::private,
                words::private_description,
            )),
        command(words::topic, words::topic_description).add_option(
            option(
                CommandOptionType::String,
                words::topic,
                words::topic_option_description,
            )
            .required(true)
            .set_autocomplete(true),
        ),
        command(words::speaker, words::speaker_description)
            .add_option(
                option(
                    CommandOptionType::String,
                    words::speaker,
                    words::speaker_option_description,
                )
                .required(true)
                .set_autocomplete(true),
            )
            .add_option(
                option(
                    CommandOptionType::String,
                    words::topic,
                    words::speaker_topic_option_description,
                )
                .set_autocomplete(true),
            ),
        command(words::forum, words::forum_description),
        // Discord shows `/reload` only to members who may manage the server, unless a server
        // overrides that in its integration settings; the handler checks again. It is the
        // server's, so it exists only where the app is installed to the server.
        command(words::reload, words::reload_description)
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .integration_types(vec![InstallationContext::Guild])
            .contexts(vec![InteractionContext::Guild]),
        message_command(words::ask_the_forum),
    ]
}

/// Where a command answering questions works: installed to a server or to a person's account,
/// and used in a server, in a DM with the bot, or in any other DM or group DM (where only a
/// user install reaches, and the bot is no member).
fn everywhere(command: CreateCommand) -> CreateCommand {
    command
        .integration_types(vec![InstallationContext::Guild, InstallationContext::User])
        .contexts(vec![
            InteractionContext::Guild,
            InteractionContext::BotDm,
            InteractionContext::PrivateChannel,
        ])
}

/// True for the name of a command [`definitions`] makes.
pub(crate) fn is_ours(name: &str) -> bool {
    [ASK, TOPIC, SPEAKER, FORUM, RELOAD, ASK_THE_FORUM].contains(&name)
}

type Words = fn(Locale) -> &'static str;

/// A slash command that works everywhere (see [`everywhere`]); `/reload` narrows it.
fn command(name: Words, description: Words) -> CreateCommand {
    let mut command = everywhere(
        CreateCommand::new(name(Locale::English)).description(description(Locale::English)),
    );
    for (code, locale) in TRANSLATIONS {
        command = command
            .name_localized(code, name(locale))
            .description_localized(code, description(locale));
    }
    command
}

/// A message context-menu command: it has a name and no description.
fn message_command(name: Words) -> CreateCommand {
    let mut command =
        everywhere(CreateCommand::new(name(Locale::English)).kind(CommandType::Message));
    for (code, locale) in TRANSLATIONS {
        command = command.name_localized(code, name(locale));
    }
    command
}

fn option(kind: CommandOptionType, name: Words, description: Words) -> CreateCommandOption {
    let mut option =
        CreateCommandOption::new(kind, name(Locale::English), description(Locale::English));
    for (code, locale) in TRANSLATIONS {
        option = option
            .name_localized(code, name(locale))
            .description_localized(code, description(locale));
    }
    option
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_names_are_the_ones_interactions_carry() {
        for name in [ASK, TOPIC, SPEAKER, FORUM, RELOAD, ASK_THE_FORUM] {
            assert!(is_ours(name), "{name}");
        }
        assert_eq!(
            (
                words::ask(Locale::English),
                words::topic(Locale::English),
                words::speaker(Locale::English)
            ),
            (ASK, TOPIC, SPEAKER)
        );
        assert_eq!(
            (
                words::forum(Locale::English),
                words::reload(Locale::English),
                words::ask_the_forum(Locale::English)
            ),
            (FORUM, RELOAD, ASK_THE_FORUM)
        );
        assert_eq!(
            (
                words::question(Locale::English),
                words::private(Locale::English)
            ),
            (QUESTION, PRIVATE)
        );
    }
}
