//! The command definitions verbatim hands to Discord, with their zh-TW and zh-CN names and
//! descriptions, and the names by which incoming interactions are recognised as verbatim's.

use serde_json::Value;
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

/// Every command verbatim answers for everyone. `max_question_chars` caps the `/ask` question
/// in Discord's own input box too.
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

/// The operator's commands, registered in the operator's server only: `/reload`. Discord shows
/// it only to members who may manage the server, unless the server overrides that in its
/// integration settings; the handler checks again. It is the server's, so it exists only where
/// the app is installed to the server.
pub(crate) fn operator_definitions() -> Vec<CreateCommand> {
    vec![command(words::reload, words::reload_description)
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .integration_types(vec![InstallationContext::Guild])
        .contexts(vec![InteractionContext::Guild])]
}

/// Whether the commands Discord holds (`registered`, as it lists them) are `ours`: the same
/// names, each with every field we set, whatever Discord adds (ids, versions, defaults). A
/// field we leave empty (false, null, nothing) may be missing from Discord's.
pub(crate) fn same_as_registered(ours: &Value, registered: &Value) -> bool {
    let (Some(ours), Some(registered)) = (ours.as_array(), registered.as_array()) else {
        return false;
    };
    ours.len() == registered.len()
        && ours.iter().all(|command| {
            registered
                .iter()
                .any(|theirs| theirs["name"] == command["name"] && holds(theirs, command))
        })
}

/// Whether `theirs` holds every field of `ours`, recursively.
fn holds(theirs: &Value, ours: &Value) -> bool {
    let empty = |value: &Value| match value {
        Value::Null | Value::Bool(false) => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    };
    match (theirs, ours) {
        (Value::Object(theirs), Value::Object(ours)) => {
            ours.iter().all(|(key, value)| match theirs.get(key) {
                Some(theirs) => holds(theirs, value),
                None => empty(value),
            })
        }
        (Value::Array(theirs), Value::Array(ours)) => {
            theirs.len() == ours.len() && theirs.iter().zip(ours).all(|(t, o)| holds(t, o))
        }
        (theirs, ours) => theirs == ours || (empty(theirs) && empty(ours)),
    }
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
    fn registered_commands_are_ours_whatever_discord_adds() {
        let ours = serde_json::to_value(definitions(300)).unwrap();
        // Discord lists them with ids and versions, in its own order, leaving out what is
        // empty or false.
        let mut registered = ours.clone();
        for command in registered.as_array_mut().unwrap() {
            command["id"] = "1".into();
            command["version"] = "1".into();
            let fields = command.as_object_mut().unwrap();
            fields.remove("nsfw");
        }
        registered.as_array_mut().unwrap().reverse();
        assert!(same_as_registered(&ours, &registered));
        let other = serde_json::to_value(definitions(200)).unwrap();
        assert!(
            !same_as_registered(&other, &registered),
            "another max_length"
        );
        let fewer = serde_json::to_value(&definitions(300)[1..]).unwrap();
        assert!(!same_as_registered(&fewer, &registered), "a command fewer");
        assert!(!same_as_registered(&ours, &serde_json::json!([])));
    }

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
