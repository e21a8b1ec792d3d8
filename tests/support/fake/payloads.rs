//! Gateway event bodies as Discord sends them, small enough to read in a test. The fake checks
//! each one with serenity's own model types before sending it.

use serde_json::{json, Value};

use super::{APPLICATION_ID, BOT_USER_ID, CHANNEL_ID, GUILD_ID};

/// A person (or, with `bot`, another bot) in the test server.
#[derive(Debug, Clone, Copy)]
pub struct Someone {
    pub id: u64,
    pub name: &'static str,
    pub bot: bool,
    /// The member's permissions in the test channel, as Discord computes them for an
    /// interaction.
    pub permissions: u64,
}

/// A member's usual permissions: read, write, use commands, and so on, but not Manage Server.
pub const MEMBER_PERMISSIONS: u64 = 2248473465835073;
/// Manage Server, which `/reload` asks for.
pub const MANAGE_GUILD: u64 = 1 << 5;

pub const ALICE: Someone = Someone {
    id: 400000000000000001,
    name: "alice",
    bot: false,
    permissions: MEMBER_PERMISSIONS,
};
pub const BOB: Someone = Someone {
    id: 400000000000000002,
    name: "bob",
    bot: false,
    permissions: MEMBER_PERMISSIONS,
};
/// A moderator, who may manage the server.
pub const MODERATOR: Someone = Someone {
    id: 400000000000000004,
    name: "moderator",
    bot: false,
    permissions: MEMBER_PERMISSIONS | MANAGE_GUILD,
};
pub const OTHER_BOT: Someone = Someone {
    id: 400000000000000003,
    name: "otherbot",
    bot: true,
    permissions: MEMBER_PERMISSIONS,
};
pub const VERBATIM: Someone = Someone {
    id: BOT_USER_ID,
    name: "verbatim",
    bot: true,
    permissions: MEMBER_PERMISSIONS,
};

/// Someone numbered `n` in a crowd of ordinary members.
pub fn member_number(n: u64) -> Someone {
    Someone {
        id: 410000000000000000 + n,
        name: "someone",
        bot: false,
        permissions: MEMBER_PERMISSIONS,
    }
}

/// A second server, which Discord sends to shard 1 when there are two (the test server goes
/// to shard 0), and its channel.
pub const SECOND_GUILD_ID: u64 = 200000000004194306;
pub const SECOND_CHANNEL_ID: u64 = 300000000000000004;

/// An event body (from [`message`], say) as it happens in `guild`'s `channel` instead of the
/// test server's.
pub fn in_server(mut body: Value, guild: u64, channel: u64) -> Value {
    body["guild_id"] = json!(guild.to_string());
    body["channel_id"] = json!(channel.to_string());
    body
}

/// A server the bot is in, as GUILD_CREATE sends it, with one text channel.
pub fn guild(id: u64, channel: u64) -> Value {
    json!({
        "id": id.to_string(),
        "name": "another server",
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": BOB.id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [{
            "id": id.to_string(), "name": "@everyone", "color": 0,
            "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
            "hoist": false, "icon": null,
            "unicode_emoji": null, "position": 0, "permissions": MEMBER_PERMISSIONS.to_string(),
            "managed": false, "mentionable": false, "flags": 0,
        }],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": false,
        "joined_at": "2024-06-14T00:00:00.000000+00:00",
        "large": false,
        "member_count": 2,
        "members": [],
        "channels": [{ "id": channel.to_string(), "type": 0, "name": "general", "position": 0, "guild_id": id.to_string() }],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stickers": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "unavailable": false,
    })
}

/// The DM channel between the bot and a person.
pub const DM_CHANNEL_ID: u64 = 300000000000000099;

pub fn user(who: Someone) -> Value {
    json!({
        "id": who.id.to_string(),
        "username": who.name,
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": who.bot,
    })
}

fn member(who: Someone) -> Value {
    json!({
        "user": user(who),
        "roles": [],
        "joined_at": "2024-06-14T00:00:00.000000+00:00",
        "deaf": false,
        "mute": false,
        "flags": 0,
        "permissions": who.permissions.to_string(),
    })
}

/// Interaction types, as Discord numbers them.
mod interaction_type {
    pub const PING: u8 = 1;
    pub const APPLICATION_COMMAND: u8 = 2;
    pub const MESSAGE_COMPONENT: u8 = 3;
    pub const AUTOCOMPLETE: u8 = 4;
}

/// Fields every interaction in the test server has.
fn interaction(id: u64, kind: u8, who: Someone, locale: &str, data: Value) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID.to_string(),
        "channel_id": CHANNEL_ID.to_string(),
        "channel": { "id": CHANNEL_ID.to_string(), "type": 0, "name": "general" },
        "member": member(who),
        "token": format!("interaction-token-{id}"),
        "version": 1,
        "locale": locale,
        "guild_locale": "en-US",
        "app_permissions": "2248473465835073",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
        "context": 0,
        "attachment_size_limit": 10485760,
    })
}

/// The application, as `GET /oauth2/applications/@me` returns it.
pub fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": "verbatim",
        "icon": null,
        "description": "",
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "0".repeat(64),
        "team": null,
        "flags": 0,
    })
}

/// The PING Discord sends to an interactions endpoint to check it.
pub fn ping(id: u64) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": interaction_type::PING,
        "token": format!("interaction-token-{id}"),
        "version": 1,
        "user": user(ALICE),
    })
}

/// A slash command; `options` as Discord sends them: `[{"name", "type", "value"}]`.
pub fn slash(id: u64, who: Someone, locale: &str, name: &str, options: Value) -> Value {
    let data = json!({ "id": "500000000000000001", "name": name, "type": 1, "options": options });
    interaction(id, interaction_type::APPLICATION_COMMAND, who, locale, data)
}

/// An interaction (from [`slash`], say) as it arrives from a DM with the bot: no server, no
/// member, only the user.
pub fn in_dm(mut interaction: Value) -> Value {
    let object = interaction
        .as_object_mut()
        .expect("an interaction is an object");
    let member = object
        .remove("member")
        .expect("a server interaction has a member");
    object.remove("guild_id");
    object.insert("user".into(), member["user"].clone());
    object.insert(
        "channel".into(),
        json!({ "id": DM_CHANNEL_ID.to_string(), "type": 1 }),
    );
    object.insert("channel_id".into(), json!(DM_CHANNEL_ID.to_string()));
    object.insert("context".into(), json!(1));
    interaction
}

/// A group DM the bot is not in, where only someone's own install of the app reaches.
pub const GROUP_DM_CHANNEL_ID: u64 = 300000000000000077;

/// An interaction (from [`slash`], say) as it arrives from a group DM through `who`'s own
/// install of the app: no server, no member, and the bot no member of the channel.
pub fn user_installed_in_private_channel(interaction: Value, who: Someone) -> Value {
    let mut interaction = in_dm(interaction);
    interaction["channel"] = json!({
        "id": GROUP_DM_CHANNEL_ID.to_string(),
        "type": 3,
        "name": "friends",
        "recipients": [user(who)],
    });
    interaction["channel_id"] = json!(GROUP_DM_CHANNEL_ID.to_string());
    interaction["context"] = json!(2);
    interaction["authorizing_integration_owners"] = json!({ "1": who.id.to_string() });
    interaction
}

/// An interaction in the test server through `who`'s own install of the app, the server not
/// having installed it.
pub fn user_installed_in_server(mut interaction: Value, who: Someone) -> Value {
    interaction["authorizing_integration_owners"] = json!({ "1": who.id.to_string() });
    interaction
}

/// A string option of a slash command.
pub fn string_option(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

/// The autocomplete request while the user types `typed` into option `focused`.
pub fn autocomplete(
    id: u64,
    who: Someone,
    locale: &str,
    command: &str,
    focused: &str,
    typed: &str,
) -> Value {
    let options = json!([{ "name": focused, "type": 3, "value": typed, "focused": true }]);
    let data =
        json!({ "id": "500000000000000001", "name": command, "type": 1, "options": options });
    interaction(id, interaction_type::AUTOCOMPLETE, who, locale, data)
}

/// The message command "Ask the forum" used on `target`, a message body from [`message`].
pub fn context_menu(id: u64, who: Someone, locale: &str, target: &Value) -> Value {
    let target_id = target["id"].as_str().expect("message has an id").to_owned();
    let data = json!({
        "id": "500000000000000005",
        "name": "Ask the forum",
        "type": 3,
        "target_id": target_id,
        "resolved": { "messages": { target_id.clone(): target } },
    });
    interaction(id, interaction_type::APPLICATION_COMMAND, who, locale, data)
}

/// A click on the button `custom_id` of `message`.
pub fn button(id: u64, who: Someone, locale: &str, custom_id: &str, message: Value) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 2 });
    let mut body = interaction(id, interaction_type::MESSAGE_COMPONENT, who, locale, data);
    body["message"] = message;
    body
}

/// A message in the test server's channel. `mentions` are the users it mentions.
pub fn message(id: u64, author: Someone, content: &str, mentions: &[Someone]) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": CHANNEL_ID.to_string(),
        "guild_id": GUILD_ID.to_string(),
        "author": user(author),
        "member": { "roles": [], "joined_at": "2024-06-14T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0 },
        "content": content,
        "timestamp": "2024-06-14T10:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": content.contains("@everyone") || content.contains("@here"),
        "mentions": mentions.iter().map(|who| user(*who)).collect::<Vec<_>>(),
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
    })
}

/// A forum channel of the test server.
pub const FORUM_CHANNEL_ID: u64 = 300000000000000055;

/// A new post titled `title` by `who` in forum channel `forum`, as THREAD_CREATE carries it:
/// the post's thread, created `age_secs` ago. Its first message has the thread's id.
pub fn forum_post(thread: u64, forum: u64, who: Someone, title: &str, age_secs: u64) -> Value {
    let created = std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs);
    let created = created
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    json!({
        "id": thread.to_string(),
        "guild_id": GUILD_ID.to_string(),
        "parent_id": forum.to_string(),
        "owner_id": who.id.to_string(),
        "type": 11,
        "name": title,
        "last_message_id": thread.to_string(),
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "flags": 0,
        "applied_tags": [],
        "thread_metadata": {
            "archived": false,
            "auto_archive_duration": 4320,
            "archive_timestamp": timestamp(created),
            "locked": false,
            "create_timestamp": timestamp(created),
        },
        "newly_created": true,
    })
}

/// The first message of forum post `thread`, by `author`, as Discord returns it: `content`
/// is empty for a bot without the message-content intent.
pub fn first_message(thread: u64, author: Someone, content: &str) -> Value {
    let mut body = message(thread, author, content, &[]);
    body["channel_id"] = json!(thread.to_string());
    body
}

/// Unix seconds as Discord writes a timestamp.
fn timestamp(seconds: u64) -> String {
    let (days, rest) = (seconds / 86400, seconds % 86400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000000+00:00",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A direct message to the bot.
pub fn direct_message(id: u64, author: Someone, content: &str) -> Value {
    let mut body = message(id, author, content, &[]);
    let object = body.as_object_mut().expect("a message is an object");
    object.remove("guild_id");
    object.remove("member");
    body["channel_id"] = json!(DM_CHANNEL_ID.to_string());
    body
}

/// A reply to `replied` (a message body) that pings its author, as Discord does by default.
pub fn reply(id: u64, author: Someone, content: &str, replied: &Value) -> Value {
    let mut body = reply_without_ping(id, author, content, replied);
    body["mentions"] = json!([replied["author"].clone()]);
    body
}

/// A reply to `replied` with the reply ping turned off.
pub fn reply_without_ping(id: u64, author: Someone, content: &str, replied: &Value) -> Value {
    let mut body = message(id, author, content, &[]);
    body["type"] = json!(19);
    body["message_reference"] = json!({
        "type": 0,
        "message_id": replied["id"],
        "channel_id": replied["channel_id"],
        "guild_id": GUILD_ID.to_string(),
    });
    body["referenced_message"] = replied.clone();
    body
}

/// The message answering interaction `interaction` of `asker`, made from the body of the bot's
/// response, as Discord shows it (with the interaction it answers).
pub fn answer_to(interaction: u64, asker: Someone, body: &Value) -> Value {
    let mut message = sent_message(interaction + 1_000_000, &CHANNEL_ID.to_string(), body);
    message["interaction_metadata"] = json!({
        "id": interaction.to_string(),
        "type": 2,
        "user": user(asker),
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
    });
    message
}

/// The message the bot's REST call made, as Discord would return and later send it: the
/// request body plus the fields Discord adds.
pub fn sent_message(id: u64, channel_id: &str, body: &Value) -> Value {
    let mut message = message(id, VERBATIM, "", &[]);
    message["channel_id"] = json!(channel_id);
    for field in ["content", "embeds", "components", "flags"] {
        if let Some(value) = body.get(field).filter(|v| !v.is_null()) {
            message[field] = value.clone();
        }
    }
    // `get_mut`, not indexing: indexing a JSON object inserts a null where a key is missing.
    for embed in message
        .get_mut("embeds")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        embed["type"] = json!("rich");
    }
    for row in message
        .get_mut("components")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for component in row
            .get_mut("components")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            component["id"] = json!(1);
        }
    }
    if let Some(reference) = body.get("message_reference").filter(|v| !v.is_null()) {
        message["type"] = json!(19);
        message["message_reference"] = reference.clone();
    }
    message
}
