//! verbatim's Discord bot end to end: the real serenity client, verbatim's own `Bot` and
//! `Plugin`, and a fake Discord on 127.0.0.1 (`tests/support`). One test per behaviour of
//! issue 3; each starts its own fake and bot. Timeouts only guard against hanging.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::payloads::{self, Someone, ALICE, BOB, OTHER_BOT, VERBATIM};
use support::{
    start_bot, start_bot_in, verbatim_run, FakeDiscord, Request, APPLICATION_ID, BOT_USER_ID,
    GUILD_ID, TOKEN,
};
use verbatim::discord::Settings;

const MORE_PREFIX: &str = "verbatim:more:";

/// The embeds of an interaction callback or a message body.
fn embeds(message: &Value) -> Vec<Value> {
    message["embeds"].as_array().cloned().unwrap_or_default()
}

fn authors(message: &Value) -> Vec<String> {
    embeds(message)
        .iter()
        .map(|e| e["author"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The custom id of the "More" button, if the message has one.
fn more_button(message: &Value) -> Option<String> {
    let rows = message["components"].as_array()?;
    let button = rows
        .iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .next()?;
    button["custom_id"].as_str().map(str::to_owned)
}

async fn ask(
    fake: &FakeDiscord,
    who: payloads::Someone,
    locale: &str,
    question: &str,
) -> (u64, Value) {
    let options = json!([payloads::string_option("question", question)]);
    fake.command(who, locale, "ask", options).await
}

#[tokio::test]
async fn commands_are_registered_to_the_guild_with_zh_tw_and_zh_cn_localizations() {
    let fake = start_bot(support::settings()).await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let registration = fake
        .wait_for("command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    let commands = registration
        .body
        .as_array()
        .expect("a list of commands")
        .clone();
    // The whole registration, as Discord receives it (UPDATE_EXPECT=1 rewrites the snapshot).
    let pretty = serde_json::to_string_pretty(&registration.body).unwrap() + "\n";
    expect_test::expect_file!["snapshots/discord-commands.json"].assert_eq(&pretty);
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ask",
            "topic",
            "speaker",
            "forum",
            "reload",
            "Ask the forum"
        ]
    );
    for command in &commands {
        let name = &command["name"];
        for locale in ["zh-TW", "zh-CN"] {
            assert!(
                command["name_localizations"][locale].is_string(),
                "{name} has no {locale} name"
            );
            // A command without a type is a slash command (CHAT_INPUT, type 1).
            let is_slash = command["type"].is_null() || command["type"] == json!(1);
            if is_slash {
                assert!(
                    command["description_localizations"][locale].is_string(),
                    "{name} has no {locale} description"
                );
                for option in command["options"].as_array().into_iter().flatten() {
                    assert!(
                        option["name_localizations"][locale].is_string(),
                        "{name} {} has no {locale} name",
                        option["name"]
                    );
                    assert!(
                        option["description_localizations"][locale].is_string(),
                        "{name} {}: no {locale} description",
                        option["name"]
                    );
                }
            }
        }
    }
    let slash_commands = commands.iter().filter(|c| c["type"].is_null()).count();
    assert_eq!(
        slash_commands, 5,
        "the localization checks covered every slash command"
    );
    assert_eq!(
        commands[0]["name_localizations"],
        json!({ "zh-TW": "提問", "zh-CN": "提问" })
    );
    assert_eq!(
        commands[5]["type"],
        json!(3),
        "Ask the forum is a message command"
    );
    assert_eq!(
        (
            &commands[4]["default_member_permissions"],
            &commands[4]["contexts"]
        ),
        (&json!("32"), &json!([0])),
        "/reload is for members who may manage the server (32), in servers only"
    );
    let question = &commands[0]["options"][0];
    assert_eq!(
        (
            question["name"].as_str(),
            question["required"].as_bool(),
            question["max_length"].as_u64()
        ),
        (Some("question"), Some(true), Some(300))
    );
    let autocompleted: Vec<bool> = commands[2]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["autocomplete"] == json!(true))
        .collect();
    assert_eq!(
        autocompleted,
        [true, true],
        "/speaker completes both the speaker and the topic"
    );
}

#[tokio::test]
async fn commands_are_registered_globally_without_a_guild() {
    let fake = start_bot_in(support::settings(), None).await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/commands");
    let registration = fake
        .wait_for("global command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    assert_eq!(registration.body.as_array().map(Vec::len), Some(6));
}

#[tokio::test]
async fn ask_answers_with_attributed_embeds_and_bold_highlights() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = ask(&fake, ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(response["type"], json!(4), "answered at once: {response}");
    let message = &response["data"];
    let first = &embeds(message)[0];
    assert_eq!(first["author"]["name"], json!("王小川 · 百川智能 CEO"));
    let description = first["description"].as_str().unwrap();
    assert!(
        description.contains("**價格戰**"),
        "the matched words are bold: {description}"
    );
    let footer = first["footer"]["text"].as_str().unwrap();
    assert!(
        footer.contains("北京智源大會") && footer.contains("北京商報") && footer.contains('段'),
        "event, source, paragraph: {footer}"
    );
    assert_eq!(first["color"], json!(0xed4245), "王小川's colour");
    assert!(
        authors(message).iter().all(|a| a.starts_with("王小川")),
        "only 王小川's statements: {:?}",
        authors(message)
    );
    assert_ne!(
        message["flags"],
        json!(64),
        "public unless asked to be private"
    );
    assert_eq!(
        message["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
}

#[tokio::test]
async fn ask_in_private_is_ephemeral_and_fixed_words_follow_the_locale() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?"), { "name": "private", "type": 5, "value": true }]);
    let (_, response) = fake.command(ALICE, "en-US", "ask", options).await;
    assert_eq!(
        response["data"]["flags"],
        json!(64),
        "ephemeral: {response}"
    );
    let first = &embeds(&response["data"])[0];
    assert_eq!(
        first["author"]["name"],
        json!("Wang Xiaochuan (王小川) · Baichuan AI, CEO")
    );
    assert!(
        first["footer"]["text"].as_str().unwrap().contains("¶"),
        "English paragraph mark"
    );
}

#[tokio::test]
async fn more_pages_through_the_next_results() {
    let fake = start_bot(support::settings()).await;
    let (id, first) = ask(&fake, ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    let first_page: Vec<Value> = embeds(&first["data"])
        .iter()
        .map(|e| e["description"].clone())
        .collect();
    assert_eq!(first_page.len(), 3);
    let custom_id = more_button(&first["data"]).expect("a More button");
    assert_eq!(custom_id, format!("{MORE_PREFIX}3:q:{id}"));
    let label = &first["data"]["components"][0]["components"][0]["label"];
    assert_eq!(label, &json!("更多"));

    let shown = payloads::sent_message(
        fake.new_id(),
        &support::CHANNEL_ID.to_string(),
        &first["data"],
    );
    let press = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(press, BOB, "zh-TW", &custom_id, shown),
    )
    .await;
    let second = fake.callback(press).await;
    assert_eq!(
        second["type"],
        json!(7),
        "the page replaces the message: {second}"
    );
    let second_page: Vec<Value> = embeds(&second["data"])
        .iter()
        .map(|e| e["description"].clone())
        .collect();
    assert!(!second_page.is_empty());
    assert!(
        second_page.iter().all(|d| !first_page.contains(d)),
        "the next results, not the same ones"
    );
    assert_eq!(
        more_button(&second["data"]),
        None,
        "the last page has no More button"
    );
}

#[tokio::test]
async fn more_on_a_forgotten_question_says_to_ask_again() {
    let fake = start_bot(support::settings()).await;
    let press = fake.new_id();
    let shown = payloads::message(fake.new_id(), VERBATIM, "", &[]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(
            press,
            BOB,
            "en-US",
            &format!("{MORE_PREFIX}3:q:12345"),
            shown,
        ),
    )
    .await;
    let response = fake.callback(press).await;
    assert_eq!(
        (response["type"].clone(), response["data"]["flags"].clone()),
        (json!(4), json!(64))
    );
    assert!(
        response["data"]["content"]
            .as_str()
            .unwrap()
            .contains("ask again"),
        "{response}"
    );
}

#[tokio::test]
async fn topic_shows_each_speaker_side_by_side_and_pages() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("topic", "price-war")]);
    let (_, response) = fake.command(ALICE, "zh-TW", "topic", options).await;
    let message = &response["data"];
    assert_eq!(embeds(message).len(), 5);
    assert!(
        embeds(message)
            .iter()
            .all(|e| e["title"] == json!("價格戰是好是壞")),
        "all on the topic"
    );
    // Grouped by speaker in roster order: 楊植麟, 王小川, 張鵬, 李大海, 王仲遠, then narration.
    let order = ["楊植麟", "王小川", "張鵬", "李大海", "王仲遠", "記者敘述"];
    let ranks: Vec<usize> = authors(message)
        .iter()
        .map(|a| {
            order
                .iter()
                .position(|s| a.starts_with(s))
                .expect("a known author")
        })
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] <= w[1]),
        "grouped by speaker: {:?}",
        authors(message)
    );
    assert_eq!(
        more_button(message),
        Some(format!("{MORE_PREFIX}5:t:price-war"))
    );
}

#[tokio::test]
async fn topic_typed_without_choosing_is_resolved_by_alias() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("topic", "price war")]);
    let (_, response) = fake.command(ALICE, "en-US", "topic", options).await;
    let title = embeds(&response["data"])[0]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        title.ends_with("(價格戰是好是壞)"),
        "the English name, then the heading: {title}"
    );
}

#[tokio::test]
async fn speaker_autocomplete_matches_any_alias_form() {
    let fake = start_bot(support::settings()).await;
    for typed in ["yang", "杨", "Moonshot", "楊植"] {
        let id = fake.new_id();
        fake.dispatch(
            "INTERACTION_CREATE",
            payloads::autocomplete(id, ALICE, "en-US", "speaker", "speaker", typed),
        )
        .await;
        let response = fake.callback(id).await;
        assert_eq!(response["type"], json!(8));
        let choices = response["data"]["choices"]
            .as_array()
            .expect("choices")
            .clone();
        assert!(choices.len() <= 25);
        assert!(choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100));
        assert_eq!(
            choices.first().map(|c| c["value"].clone()),
            Some(json!("楊植麟")),
            "typing {typed:?} offers 楊植麟 first: {choices:?}"
        );
    }
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(id, ALICE, "zh-TW", "speaker", "speaker", ""),
    )
    .await;
    let everyone = fake.callback(id).await;
    assert_eq!(
        everyone["data"]["choices"].as_array().map(Vec::len),
        Some(5),
        "nothing typed lists every speaker"
    );
}

#[tokio::test]
async fn speaker_lists_that_speakers_statements_on_a_topic() {
    let fake = start_bot(support::settings()).await;
    let complete = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(complete, ALICE, "zh-TW", "speaker", "topic", "agi"),
    )
    .await;
    let topics = fake.callback(complete).await;
    assert_eq!(
        topics["data"]["choices"][0],
        json!({ "name": "什麼是agi", "value": "agi" })
    );

    let options = json!([
        payloads::string_option("speaker", "楊植麟"),
        payloads::string_option("topic", "agi")
    ]);
    let (_, response) = fake.command(ALICE, "zh-TW", "speaker", options).await;
    let message = &response["data"];
    assert!(!embeds(message).is_empty());
    assert!(
        authors(message)
            .iter()
            .all(|a| a == "楊植麟 · 月之暗面 CEO"),
        "{:?}",
        authors(message)
    );
    assert!(embeds(message)
        .iter()
        .all(|e| e["title"] == json!("什麼是agi")));
}

#[tokio::test]
async fn speaker_that_is_not_in_the_forum_gets_a_private_notice() {
    let fake = start_bot(support::settings()).await;
    let options = json!([payloads::string_option("speaker", "Sam Altman")]);
    let (_, response) = fake.command(ALICE, "en-US", "speaker", options).await;
    assert_eq!(response["data"]["flags"], json!(64));
    assert_eq!(
        response["data"]["content"],
        json!("No speaker of the forum matches “Sam Altman”.")
    );
}

#[tokio::test]
async fn forum_describes_the_event_in_the_users_language() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = fake.command(ALICE, "zh-CN", "forum", json!([])).await;
    let card = &embeds(&response["data"])[0];
    assert!(
        card["title"].as_str().unwrap().contains("北京智源大會"),
        "{card}"
    );
    let fields: Vec<&str> = card["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["日期", "场次", "与会者", "来源"]);
    assert!(card["fields"][0]["value"]
        .as_str()
        .unwrap()
        .contains("2024-06-14"));
    assert_eq!(
        card["fields"][2]["value"].as_str().unwrap().lines().count(),
        5,
        "five participants"
    );
}

#[tokio::test]
async fn the_context_menu_asks_with_the_messages_text() {
    let fake = start_bot(support::settings()).await;
    let target = payloads::message(
        fake.new_id(),
        BOB,
        "What did Yang Zhilin say about AGI?",
        &[],
    );
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::context_menu(id, ALICE, "en-US", &target),
    )
    .await;
    let response = fake.callback(id).await;
    assert_eq!(response["type"], json!(4));
    let first = &embeds(&response["data"])[0];
    assert_eq!(
        first["author"]["name"],
        json!("Yang Zhilin (楊植麟) · Moonshot AI, CEO")
    );
    assert!(
        first["description"].as_str().unwrap().contains("**agi**"),
        "{first}"
    );
}

#[tokio::test]
async fn a_mention_is_answered_in_a_reply() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", support::CHANNEL_ID)
    );
    assert_eq!(
        authors(&reply.body)[0],
        "王小川 · 百川智能 CEO",
        "fixed words follow the question's script"
    );
    assert!(more_button(&reply.body).is_some(), "a reply pages too");
}

#[tokio::test]
async fn a_direct_message_is_answered() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::direct_message(id, ALICE, "What did Yang Zhilin say about AGI?"),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.path,
        format!("/api/v10/channels/{}/messages", payloads::DM_CHANNEL_ID)
    );
    assert_eq!(
        authors(&reply.body)[0],
        "Yang Zhilin (楊植麟) · Moonshot AI, CEO"
    );
}

/// A reply, made by `reply`, to one of the bot's earlier answers gets an answer of its own.
async fn check_reply_to_the_bot_is_answered(reply: fn(u64, Someone, &str, &Value) -> Value) {
    let fake = start_bot(support::settings()).await;
    let earlier = json!({ "content": "an earlier answer" });
    let answer = payloads::sent_message(fake.new_id(), &support::CHANNEL_ID.to_string(), &earlier);
    let id = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        reply(id, ALICE, "那楊植麟怎麼看AGI?", &answer),
    )
    .await;
    let answered = fake.reply_to(id).await;
    assert_eq!(authors(&answered.body)[0], "楊植麟 · 月之暗面 CEO");
}

#[tokio::test]
async fn a_reply_to_the_bot_is_answered() {
    check_reply_to_the_bot_is_answered(payloads::reply).await;
}

#[tokio::test]
async fn a_reply_to_the_bot_without_a_ping_is_answered_when_its_text_arrives() {
    // Discord sends the text of a reply that does not ping the bot only to a bot with the
    // message-content intent; verbatim does not need it, but answers when it has it.
    check_reply_to_the_bot_is_answered(payloads::reply_without_ping).await;
}

#[tokio::test]
async fn messages_from_bots_and_messages_not_for_the_bot_are_ignored() {
    let fake = start_bot(support::settings()).await;
    let mention = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    let from_a_bot = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(from_a_bot, OTHER_BOT, &mention, &[VERBATIM]),
    )
    .await;
    let from_itself = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::direct_message(from_itself, VERBATIM, "王小川怎麼看價格戰?"),
    )
    .await;
    let not_addressed = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(not_addressed, BOB, "王小川怎麼看價格戰?", &[]),
    )
    .await;
    let textless_reply = fake.new_id();
    let earlier = payloads::sent_message(
        fake.new_id(),
        &support::CHANNEL_ID.to_string(),
        &json!({ "content": "an answer" }),
    );
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply_without_ping(textless_reply, ALICE, "", &earlier),
    )
    .await;
    let reply_to_a_person = fake.new_id();
    let bobs = payloads::message(fake.new_id(), BOB, "hello", &[]);
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply(reply_to_a_person, ALICE, "王小川怎麼看價格戰?", &bobs),
    )
    .await;
    // The gateway delivers events in order, and ignoring a message takes no request, so once
    // the bot has answered a later question it has decided about every earlier message.
    let sentinel = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(sentinel, ALICE, &mention, &[VERBATIM]),
    )
    .await;
    fake.reply_to(sentinel).await;
    let messages_sent: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .collect();
    assert_eq!(
        messages_sent.len(),
        1,
        "only the sentinel is answered: {messages_sent:?}"
    );
}

#[tokio::test]
async fn the_bot_speaks_only_in_the_channels_it_was_addressed_in() {
    let fake = start_bot(support::settings()).await;
    let elsewhere = json!("300000000000000077");
    let in_channel = |mut message: Value, channel: &Value| {
        message["channel_id"] = channel.clone();
        message
    };
    let question = "王小川怎麼看價格戰?";
    // Not addressed to the bot, in its channel and in another: a question, @everyone, a
    // mention of someone else.
    let everyone = format!("@everyone {question}");
    let someone_else = format!("<@{}> {question}", BOB.id);
    for (content, mentions) in [
        (question, &[][..]),
        (everyone.as_str(), &[][..]),
        (someone_else.as_str(), &[BOB][..]),
    ] {
        for channel in [json!(support::CHANNEL_ID.to_string()), elsewhere.clone()] {
            let message = payloads::message(fake.new_id(), ALICE, content, mentions);
            fake.dispatch("MESSAGE_CREATE", in_channel(message, &channel))
                .await;
        }
    }
    // Addressed to it in the other channel: answered there, and only there.
    let mention = format!("<@{BOT_USER_ID}> {question}");
    let addressed = fake.new_id();
    let message = payloads::message(addressed, ALICE, &mention, &[VERBATIM]);
    fake.dispatch("MESSAGE_CREATE", in_channel(message, &elsewhere))
        .await;
    // A slash command is answered by its response, never by a message in the channel.
    ask(&fake, ALICE, "zh-TW", question).await;
    let reply = fake.reply_to(addressed).await;
    assert_eq!(reply.path, "/api/v10/channels/300000000000000077/messages");
    let messages: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/messages"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        messages,
        [reply.path],
        "one message, in the channel where the bot was addressed"
    );
}

#[tokio::test]
async fn an_everyone_question_pings_nobody() {
    let fake = start_bot(support::settings()).await;
    let id = fake.new_id();
    let content = format!("@everyone <@{BOT_USER_ID}> <@&123456789012345678> <@{}> what did @here say about the price war?", BOB.id);
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM, BOB]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(
        reply.body["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
    let (_, response) = ask(&fake, ALICE, "en-US", "@everyone @here price war").await;
    assert_eq!(
        response["data"]["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
}

#[tokio::test]
async fn a_second_question_within_the_cooldown_gets_a_private_notice() {
    let fake = start_bot(Settings {
        cooldown: Duration::from_secs(600),
        ..support::settings()
    })
    .await;
    let (_, first) = ask(&fake, ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert!(!embeds(&first["data"]).is_empty());
    let (_, second) = ask(&fake, ALICE, "zh-TW", "楊植麟怎麼看AGI?").await;
    assert_eq!(second["data"]["flags"], json!(64), "ephemeral: {second}");
    assert_eq!(
        second["data"]["content"],
        json!("請稍候,600 秒後可以再問。")
    );
    assert!(embeds(&second["data"]).is_empty());
    let (_, someone_else) = ask(&fake, BOB, "zh-TW", "楊植麟怎麼看AGI?").await;
    assert!(
        !embeds(&someone_else["data"]).is_empty(),
        "the cooldown is per user"
    );
}

#[tokio::test]
async fn a_question_the_forum_does_not_cover_gets_who_spoke_and_on_what() {
    let fake = start_bot(support::settings()).await;
    let (_, response) = ask(
        &fake,
        ALICE,
        "en-US",
        "What's the weather in Paris tomorrow?",
    )
    .await;
    let card = &embeds(&response["data"])[0];
    assert_eq!(card["title"], json!("The forum doesn't cover that."));
    let fields: Vec<&str> = card["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["Who spoke", "Topics"]);
    assert_eq!(more_button(&response["data"]), None);
}

#[tokio::test]
async fn a_question_over_the_length_cap_is_refused() {
    let fake = start_bot(Settings {
        max_question_chars: 20,
        ..support::settings()
    })
    .await;
    let (_, response) = ask(
        &fake,
        ALICE,
        "en-US",
        "What did every single speaker say about the price war?",
    )
    .await;
    assert_eq!(response["data"]["flags"], json!(64));
    assert_eq!(
        response["data"]["content"],
        json!("That question is too long; please keep it under 20 characters.")
    );
    let id = fake.new_id();
    let content =
        format!("<@{BOT_USER_ID}> What did every single speaker say about the price war?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert!(reply.body["content"]
        .as_str()
        .unwrap()
        .starts_with("That question is too long"));
}

#[tokio::test]
async fn a_slow_answer_is_deferred_then_filled_in() {
    // Deferring after zero seconds defers every command, as a slow answer would be.
    let fake = start_bot(Settings {
        defer_after: Duration::ZERO,
        ..support::settings()
    })
    .await;
    let (id, response) = ask(&fake, ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(
        response["type"],
        json!(5),
        "acknowledged at once: {response}"
    );
    assert_ne!(
        response["data"]["flags"],
        json!(64),
        "a public answer is deferred publicly"
    );
    let edit_path =
        format!("/api/v10/webhooks/{APPLICATION_ID}/interaction-token-{id}/messages/@original");
    let edit = fake
        .wait_for("the deferred answer", |r| {
            r.method == "PATCH" && r.path == edit_path
        })
        .await;
    assert_eq!(authors(&edit.body)[0], "王小川 · 百川智能 CEO");
}

#[tokio::test]
async fn the_next_question_is_answered_after_the_gateway_drops() {
    let fake = start_bot(support::settings()).await;
    fake.drop_gateway();
    fake.wait_for_sessions(2).await;
    let (identifies, resumes) = fake.identifies_and_resumes();
    assert_eq!(identifies + resumes, 2, "one new session after the drop");
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    assert_eq!(authors(&reply.body)[0], "王小川 · 百川智能 CEO");
}

/// Another bot with a command and a button of its own, mounting verbatim's plugin the way the
/// README shows: whatever the plugin gives back is the host's.
struct HostBot {
    forum: verbatim::discord::Plugin,
}

#[serenity::async_trait]
impl serenity::client::EventHandler for HostBot {
    async fn ready(&self, ctx: serenity::client::Context, ready: serenity::model::gateway::Ready) {
        use serenity::builder::CreateCommand;
        self.forum.ready(&ready);
        let mut commands = vec![CreateCommand::new("ping").description("Is the host alive?")];
        commands.extend(self.forum.commands());
        serenity::model::application::Command::set_global_commands(&ctx.http, commands)
            .await
            .expect("commands registered");
    }

    async fn interaction_create(
        &self,
        ctx: serenity::client::Context,
        interaction: serenity::model::application::Interaction,
    ) {
        use serenity::builder::{
            CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseMessage,
        };
        use serenity::model::application::Interaction;
        let Some(yours) = self.forum.handle_interaction(&ctx, interaction).await else {
            return;
        };
        let said = match &yours {
            Interaction::Command(command) => format!("host command {}", command.data.name),
            Interaction::Component(component) => {
                format!("host button {}", component.data.custom_id)
            }
            _ => return,
        };
        let message = CreateInteractionResponseMessage::new()
            .content(said)
            .allowed_mentions(CreateAllowedMentions::new());
        let response = CreateInteractionResponse::Message(message);
        let sent = match &yours {
            Interaction::Command(command) => command.create_response(&ctx.http, response).await,
            Interaction::Component(component) => {
                component.create_response(&ctx.http, response).await
            }
            _ => return,
        };
        sent.expect("the host responds");
    }

    async fn message(
        &self,
        ctx: serenity::client::Context,
        message: serenity::model::channel::Message,
    ) {
        use serenity::builder::{CreateAllowedMentions, CreateMessage};
        let Some(yours) = self.forum.handle_message(&ctx, message).await else {
            return;
        };
        if yours.content == "!ping" {
            let reply = CreateMessage::new()
                .content("host pong")
                .reference_message(&yours)
                .allowed_mentions(CreateAllowedMentions::new());
            yours
                .channel_id
                .send_message(&ctx.http, reply)
                .await
                .expect("the host replies");
        }
    }
}

#[tokio::test]
async fn a_host_bot_mounting_the_plugin_gets_back_everything_that_is_not_verbatims() {
    let forum = verbatim::discord::Plugin::new(support::engine(), support::settings());
    let fake = support::start_client(HostBot { forum }).await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/commands");
    let registration = fake
        .wait_for("command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    let names: Vec<&str> = registration
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ping",
            "ask",
            "topic",
            "speaker",
            "forum",
            "reload",
            "Ask the forum"
        ]
    );

    let ping = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(ping, ALICE, "en-US", "ping", json!([])),
    )
    .await;
    assert_eq!(
        fake.callback(ping).await["data"]["content"],
        json!("host command ping")
    );

    let button = fake.new_id();
    let shown = payloads::message(fake.new_id(), VERBATIM, "", &[]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(button, ALICE, "en-US", "host:refresh", shown),
    )
    .await;
    assert_eq!(
        fake.callback(button).await["data"]["content"],
        json!("host button host:refresh")
    );

    let (_, answer) = ask(&fake, ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(
        authors(&answer["data"])[0],
        "王小川 · 百川智能 CEO",
        "verbatim's own command is verbatim's"
    );

    let message = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(message, BOB, "!ping", &[]),
    )
    .await;
    assert_eq!(
        fake.reply_to(message).await.body["content"],
        json!("host pong")
    );
}

async fn output_of(mut command: std::process::Command) -> std::process::Output {
    let child = command.spawn().expect("start verbatim run");
    let waited = tokio::time::timeout(
        support::PATIENCE,
        tokio::task::spawn_blocking(move || child.wait_with_output()),
    )
    .await;
    waited
        .expect("verbatim run exits")
        .expect("join")
        .expect("output")
}

#[tokio::test]
async fn run_without_a_token_says_so_in_one_line_and_exits_2() {
    let output = output_of(verbatim_run(&[])).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("error: DISCORD_TOKEN is not set"),
        "{stderr}"
    );
}

#[tokio::test]
async fn run_with_a_rejected_token_says_so_in_one_line_exits_2_and_never_shows_it() {
    let fake = FakeDiscord::rejecting_every_token().await;
    let secret = "secret-token-that-must-never-be-printed";
    let env = [
        ("DISCORD_TOKEN", secret),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let output = output_of(verbatim_run(&env)).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("error: Discord rejected the token"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    // Not even the most verbose logs show it.
    let verbose = [
        ("DISCORD_TOKEN", secret),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
        ("RUST_LOG", "trace"),
    ];
    let output = output_of(verbatim_run(&verbose)).await;
    let everything = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !everything.contains(secret),
        "the token leaked:\n{everything}"
    );
}

#[tokio::test]
async fn run_with_a_token_the_gateway_rejects_also_exits_2_with_one_error_line() {
    let fake = FakeDiscord::rejecting_at_the_gateway().await;
    let env = [
        ("DISCORD_TOKEN", TOKEN),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let output = output_of(verbatim_run(&env)).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(errors, ["error: Discord rejected the token in DISCORD_TOKEN; check it in the Developer Portal (Bot > Reset Token)"], "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

#[tokio::test]
async fn run_connects_registers_answers_and_logs_one_line_per_answer() {
    let fake = FakeDiscord::start().await;
    let guild = GUILD_ID.to_string();
    // No RUST_LOG: the default filter is the one under test.
    let env = [
        ("DISCORD_TOKEN", TOKEN),
        ("DISCORD_GUILD_ID", guild.as_str()),
        ("VERBATIM_DISCORD_PROXY", fake.url.as_str()),
    ];
    let mut child = verbatim_run(&env).spawn().expect("start verbatim run");
    let stderr = child.stderr.take().expect("piped standard error");
    let (log_lines, mut logged) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            let _ = log_lines.send(line);
        }
    });

    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("command registration", |r| {
        r.method == "PUT" && r.path == path
    })
    .await;
    let id = fake.new_id();
    let question = "王小川怎麼看價格戰?";
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(
            id,
            ALICE,
            &format!("<@{BOT_USER_ID}> {question}"),
            &[VERBATIM],
        ),
    )
    .await;
    fake.reply_to(id).await;
    let mut logs = Vec::new();
    let answered = tokio::time::timeout(support::PATIENCE, async {
        while let Some(line) = logged.recv().await {
            logs.push(line);
            if logs.last().is_some_and(|line| line.contains("answered")) {
                return;
            }
        }
    })
    .await;
    // Stop the bot: a process this test started, by its handle.
    child.kill().expect("stop verbatim run");
    let _ = child.wait();
    let logs = logs.join("\n");
    assert!(
        answered.is_ok(),
        "no line for the answered question:\n{logs}"
    );
    let answered: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains("answered"))
        .collect();
    assert_eq!(answered.len(), 1, "one line per answered question:\n{logs}");
    for field in ["command=\"mention\"", "results=", "latency_ms="] {
        assert!(answered[0].contains(field), "{field} in {}", answered[0]);
    }
    assert!(
        logs.contains("connected to Discord") && logs.contains("registered commands"),
        "connection events:\n{logs}"
    );
    let ready = logs
        .lines()
        .find(|line| line.contains("ready to answer"))
        .unwrap_or_else(|| panic!("a start-up line with the ready time:\n{logs}"));
    assert!(
        ready.contains("ready_ms=") && ready.contains("passages=28"),
        "{ready}"
    );
    assert!(
        !logs.contains(question) && !logs.contains("價格戰"),
        "no message content at info level:\n{logs}"
    );
    assert!(!logs.contains(TOKEN), "no token in the logs");
}
