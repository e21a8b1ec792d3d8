//! verbatim as a public bot, which anyone may invite and anyone may try to misuse: `/reload`
//! is the operator's, refusals never flood a channel, each question is answered once whatever
//! Discord redelivers, Discord's deadlines are kept, and a channel that refused the bot is left
//! alone. Through the fake Discord; timeouts only guard against hanging.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use verbatim::config::KnowledgeConfig;
use verbatim::discord::{Plugin, PostingCap, Settings};

use crate::support::packs::{knowledge_folder, replace_in_pack};
use crate::support::payloads::{self, Someone, ALICE, BOB, MODERATOR, VERBATIM};
use crate::support::{
    self, callback, flags, Endpoint, FakeDiscord, Fault, Request, BOT_USER_ID, CHANNEL_ID, GUILD_ID,
};

/// Every message the bot posted in answer to a message, as posted.
fn replies(fake: &FakeDiscord) -> Vec<Request> {
    fake.requests()
        .into_iter()
        .filter(|r| r.done && r.method == "POST" && r.path.ends_with("/messages"))
        .collect()
}

fn is_answer(message: &Value) -> bool {
    message["embeds"].as_array().is_some_and(|e| !e.is_empty())
}

/// The replies to the messages `ids`.
fn replies_to(fake: &FakeDiscord, ids: &[u64]) -> Vec<Value> {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    replies(fake)
        .into_iter()
        .map(|r| r.body)
        .filter(|body| {
            let replied = body["message_reference"]["message_id"]
                .as_str()
                .unwrap_or("");
            ids.iter().any(|id| id == replied)
        })
        .collect()
}

fn cooling(seconds: u64) -> Settings {
    Settings {
        cooldown: Duration::from_secs(seconds),
        ..support::settings()
    }
}

// ---- reload is the operator's ---------------------------------------------------------------

/// A bot reading the small pack from a folder of its own, the test server being the
/// operator's; returns the fake, the plugin, and the folder.
async fn reloading_bot(
    test: &str,
    settings: Settings,
) -> (FakeDiscord, Plugin, std::path::PathBuf) {
    let dir = knowledge_folder("safety", test);
    let settings = Settings {
        knowledge_dir: Some(dir.clone()),
        ..settings
    };
    let knowledge = KnowledgeConfig {
        knowledge_dir: Some(dir.clone()),
        index_dir: None,
    };
    let engine = knowledge.build_engine().expect("the small pack indexes");
    let plugin = Plugin::new(Arc::new(engine), settings);
    (support::start_plugin(plugin.clone()).await, plugin, dir)
}

/// `/reload` by `who` in `guild`; returns the interaction id and its first response.
async fn reload_in(fake: &FakeDiscord, who: Someone, guild: u64) -> (u64, Value) {
    let id = fake.new_id();
    let command = payloads::slash(id, who, "en-US", "reload", json!([]));
    let command = payloads::in_server(command, guild, CHANNEL_ID);
    fake.dispatch("INTERACTION_CREATE", command).await;
    (id, fake.callback(id).await)
}

/// The edit that says how the reload of interaction `id` went.
async fn reload_result(fake: &FakeDiscord, id: u64) -> Request {
    let token = format!("interaction-token-{id}");
    fake.wait_for("the reload's result", |r| {
        r.done && r.method == "PATCH" && r.path.contains(&token)
    })
    .await
}

/// How many reloads replaced the engine.
fn rebuilds(plugin: &Plugin) -> u64 {
    let scrape = plugin.metrics().encode();
    scrape
        .lines()
        .find_map(|line| line.strip_prefix("verbatim_reloads_total{outcome=\"replaced\"} "))
        .map_or(0, |count| count.trim().parse().expect("a count"))
}

#[tokio::test]
async fn a_manager_of_another_server_is_refused_and_nothing_is_rebuilt() {
    let (_guard, logs) = support::capture_logs();
    let (fake, plugin, dir) = reloading_bot("elsewhere", support::settings()).await;
    let before = plugin.engine();
    replace_in_pack(&dir, "價格戰不可持續", "價格戰終將過去");
    // The moderator manages the second server, which invited the bot; it is not the operator's.
    let (_, response) = reload_in(&fake, MODERATOR, payloads::SECOND_GUILD_ID).await;
    assert_eq!(
        (&response["type"], &response["data"]["flags"]),
        (&json!(callback::MESSAGE), &json!(flags::EPHEMERAL)),
        "{response}"
    );
    assert_eq!(
        response["data"]["content"],
        "Only the bot's operator can do that, in the operator's server."
    );
    assert!(Arc::ptr_eq(&plugin.engine(), &before), "nothing rebuilt");
    assert_eq!(rebuilds(&plugin), 0);
    let refused = logs.wait_for("reload refused").await;
    let (user, guild) = (
        MODERATOR.id.to_string(),
        payloads::SECOND_GUILD_ID.to_string(),
    );
    assert!(
        refused[0].contains(&format!("user={user}")) && refused[0].contains(&guild),
        "who asked where: {}",
        refused[0]
    );
}

#[tokio::test]
async fn an_operator_may_reload_without_managing_the_server_and_a_member_may_not() {
    let settings = Settings {
        operator_users: vec![ALICE.id],
        ..support::settings()
    };
    let (fake, plugin, dir) = reloading_bot("operator", settings).await;
    replace_in_pack(&dir, "價格戰不可持續", "價格戰終將過去");
    let (_, refused) = reload_in(&fake, BOB, GUILD_ID).await;
    assert_eq!(
        refused["data"]["content"],
        "Only server managers can do that."
    );
    assert_eq!(rebuilds(&plugin), 0);
    let (id, accepted) = reload_in(&fake, ALICE, GUILD_ID).await;
    assert_eq!(accepted["type"], callback::DEFERRED_MESSAGE, "{accepted}");
    let result = reload_result(&fake, id).await;
    assert_eq!(result.body["content"], "Reloaded: 2 passages.");
    assert_eq!(rebuilds(&plugin), 1);
}

#[tokio::test]
async fn twenty_reloads_at_once_rebuild_once_or_twice() {
    let (fake, plugin, dir) = reloading_bot("twenty", support::settings()).await;
    replace_in_pack(&dir, "價格戰不可持續", "價格戰終將過去");
    let mut asked = Vec::new();
    for _ in 0..20 {
        let id = fake.new_id();
        let command = payloads::slash(id, MODERATOR, "en-US", "reload", json!([]));
        fake.dispatch("INTERACTION_CREATE", command).await;
        asked.push(id);
    }
    for id in asked {
        let result = reload_result(&fake, id).await;
        assert_eq!(result.body["content"], "Reloaded: 2 passages.");
    }
    let built = rebuilds(&plugin);
    assert!((1..=2).contains(&built), "{built} rebuilds for 20 requests");
}

// ---- refusals never flood a channel ---------------------------------------------------------

#[tokio::test]
async fn ten_mentions_in_three_seconds_get_one_answer_and_one_notice() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(cooling(600)).await;
    let mut asked = Vec::new();
    for _ in 0..10 {
        asked.push(fake.mention(ALICE, "王小川怎麼看價格戰?").await);
    }
    logs.wait_for_count("refused", 9).await;
    logs.wait_for("answered").await;
    // One answer, one "please wait", then silence.
    let said = replies_to(&fake, &asked);
    let notices: Vec<&Value> = said.iter().filter(|b| !is_answer(b)).collect();
    assert_eq!(said.iter().filter(|b| is_answer(b)).count(), 1, "{said:?}");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0]["content"]
        .as_str()
        .unwrap()
        .starts_with("請稍候"));
    assert_eq!(logs.lines_with("refused in silence").len(), 8);
}

#[tokio::test]
async fn empty_and_too_long_questions_are_refused_once_per_cooldown() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(Settings {
        max_question_chars: 20,
        ..cooling(600)
    })
    .await;
    let mut asked = Vec::new();
    for content in [
        "",
        "\u{200B}\u{200D}",
        "",
        &"楊".repeat(30),
        &"x".repeat(30),
    ] {
        asked.push(fake.mention(ALICE, content).await);
    }
    logs.wait_for_count("refused", 5).await;
    fake.reply_to(asked[0]).await;
    let said = replies_to(&fake, &asked);
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0]["content"], "Ask me a question about the forum.");
}

#[tokio::test]
async fn a_channel_that_refused_the_bot_is_left_alone_for_a_while() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(support::settings()).await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::Status {
            status: 403,
            body: r#"{"message": "Missing Permissions", "code": 50013}"#,
        }],
    );
    fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    logs.wait_for("the channel refused the reply").await;
    for who in [BOB, ALICE, payloads::member_number(1)] {
        fake.mention(who, "楊植麟怎麼看AGI?").await;
    }
    logs.wait_for_count("the channel refused the bot a moment ago", 3)
        .await;
    let to_the_channel = fake
        .requests()
        .iter()
        .filter(|r| r.path == format!("/api/v10/channels/{CHANNEL_ID}/messages"))
        .count();
    assert_eq!(to_the_channel, 1, "one attempt, refused, then none");
    // Another channel is answered.
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    let message = payloads::message(id, BOB, &content, &[VERBATIM]);
    let elsewhere = payloads::in_server(message, GUILD_ID, 300000000000000077);
    fake.dispatch("MESSAGE_CREATE", elsewhere).await;
    assert!(is_answer(&fake.reply_to(id).await.body));
}

/// Five public posts in a channel, and none more for the length of a test.
fn five_posts() -> Settings {
    Settings {
        channel_posts: PostingCap {
            burst: 5,
            per_second: 0.001,
        },
        ..support::settings()
    }
}

#[tokio::test]
async fn a_crowd_mentioning_the_bot_in_one_channel_gets_the_channels_cap_of_replies() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(five_posts()).await;
    let mut asked = Vec::new();
    for n in 0..10 {
        asked.push(
            fake.mention(payloads::member_number(n), "王小川怎麼看價格戰?")
                .await,
        );
    }
    logs.wait_for_count("the channel's posting cap is reached", 5)
        .await;
    logs.wait_for_count("answered", 5).await;
    assert_eq!(replies_to(&fake, &asked).len(), 5);
}

#[tokio::test]
async fn a_crowd_asking_in_one_channel_is_answered_privately_beyond_the_cap() {
    let fake = support::start_bot(five_posts()).await;
    let mut private = 0;
    let mut asked = Vec::new();
    for n in 0..8 {
        let id = fake.new_id();
        let options = json!([payloads::string_option("question", "楊植麟怎麼看AGI?")]);
        let command = payloads::slash(id, payloads::member_number(n), "zh-TW", "ask", options);
        fake.dispatch("INTERACTION_CREATE", command).await;
        asked.push(id);
    }
    for id in asked {
        let response = fake.callback(id).await;
        assert!(
            is_answer(&response["data"]),
            "every asker is answered: {response}"
        );
        if response["data"]["flags"] == flags::EPHEMERAL {
            private += 1;
        }
    }
    assert_eq!(
        private, 3,
        "five public answers, the rest for their askers alone"
    );
}

#[tokio::test]
async fn listings_have_a_cooldown_of_their_own() {
    let fake = support::start_bot(cooling(600)).await;
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?")]);
    let (_, answer) = fake.command(ALICE, "en-US", "ask", options).await;
    assert!(is_answer(&answer["data"]));
    // A question does not spend the listings' cooldown, nor a listing the questions'.
    let (_, forum) = fake.command(ALICE, "en-US", "forum", json!([])).await;
    assert!(is_answer(&forum["data"]), "{forum}");
    let topic = json!([payloads::string_option("topic", "agi")]);
    let (_, again) = fake.command(ALICE, "en-US", "topic", topic).await;
    assert_eq!(again["data"]["flags"], flags::EPHEMERAL, "{again}");
    assert!(
        again["data"]["content"].as_str().unwrap().contains("600"),
        "{again}"
    );
}

// ---- each question is answered once ---------------------------------------------------------

#[tokio::test]
async fn a_message_delivered_twice_is_answered_once_and_spends_no_cooldown() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(cooling(600)).await;
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    let message = payloads::message(id, ALICE, &content, &[VERBATIM]);
    fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    fake.reply_to(id).await;
    logs.wait_for_count("delivered again", 1).await;
    // After a resume, Discord delivers it once more.
    fake.drop_gateway();
    fake.wait_for_sessions(2).await;
    fake.dispatch("MESSAGE_CREATE", message).await;
    logs.wait_for_count("delivered again", 2).await;
    let said = replies_to(&fake, &[id]);
    assert_eq!(said.len(), 1, "one reply");
    assert!(is_answer(&said[0]), "the answer, not a cooldown notice");
}

#[tokio::test]
async fn an_interaction_delivered_twice_is_answered_once() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(cooling(600)).await;
    let id = fake.new_id();
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?")]);
    let command = payloads::slash(id, ALICE, "zh-TW", "ask", options);
    fake.dispatch("INTERACTION_CREATE", command.clone()).await;
    fake.dispatch("INTERACTION_CREATE", command).await;
    let response = fake.callback(id).await;
    assert!(is_answer(&response["data"]), "the answer: {response}");
    logs.wait_for("delivered again").await;
    let responses = fake.responses_to(id).len();
    assert_eq!(responses, 1, "one response, no second attempt refused");
}

// ---- deadlines ------------------------------------------------------------------------------

#[tokio::test]
async fn a_deferral_whose_answer_hangs_is_followed_by_the_edit_anyway() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(Settings {
        defer_after: Duration::ZERO,
        ..support::settings()
    })
    .await;
    // Discord takes the deferral, and its answer never comes back.
    fake.inject(Endpoint::InteractionCallback, &[Fault::HangAfterDoing]);
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?")]);
    let id = fake.send_command(ALICE, "zh-TW", "ask", options).await;
    let token = format!("interaction-token-{id}");
    let edit = fake
        .wait_for("the answer, as an edit", |r| {
            r.done && r.method == "PATCH" && r.path.contains(&token)
        })
        .await;
    assert!(is_answer(&edit.body), "{}", edit.body);
    let callbacks = fake.responses_to(id).len();
    assert_eq!(callbacks, 1, "not sent again after Discord's 3 seconds");
    assert_eq!(
        logs.lines_with("the deferral may not have arrived").len(),
        1,
        "{}",
        logs.text()
    );
}

#[tokio::test]
async fn a_response_that_cannot_arrive_within_three_seconds_is_given_up() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(support::settings()).await;
    // Discord takes 3.2 s to take the response: the attempt is abandoned at the deadline,
    // and not made again.
    fake.inject(
        Endpoint::InteractionCallback,
        &[Fault::Slow(Duration::from_millis(3200))],
    );
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?")]);
    let id = fake.send_command(ALICE, "zh-TW", "ask", options).await;
    let gave_up = logs.wait_for("could not respond").await;
    assert!(
        gave_up[0].contains("gave up after 1 attempt, before the deadline"),
        "{}",
        gave_up[0]
    );
    let arrived = fake.responses_to(id).len();
    assert!(arrived <= 1, "one attempt at most reached Discord");
}

/// A bot that answers every command after `delay`, with serenity alone, and says what Discord
/// answered.
struct Late {
    delay: Duration,
    answered: tokio::sync::mpsc::UnboundedSender<Result<(), String>>,
}

#[serenity::async_trait]
impl serenity::client::EventHandler for Late {
    async fn interaction_create(
        &self,
        ctx: serenity::client::Context,
        interaction: serenity::model::application::Interaction,
    ) {
        use serenity::builder::{
            CreateAllowedMentions, CreateInteractionResponse, CreateInteractionResponseMessage,
        };
        let serenity::model::application::Interaction::Command(command) = interaction else {
            return;
        };
        tokio::time::sleep(self.delay).await;
        let message = CreateInteractionResponseMessage::new()
            .content("late")
            .allowed_mentions(CreateAllowedMentions::new());
        let sent = command
            .create_response(&ctx.http, CreateInteractionResponse::Message(message))
            .await;
        let _ = self.answered.send(sent.map_err(|error| error.to_string()));
    }
}

#[tokio::test]
async fn discord_refuses_a_response_after_its_three_seconds() {
    // The fake itself, as Discord: a bot that answers after 3.2 s is told the interaction is
    // unknown (10062).
    let fake = FakeDiscord::start().await;
    let (answered, mut outcome) = tokio::sync::mpsc::unbounded_channel();
    let late = Late {
        delay: Duration::from_millis(3200),
        answered,
    };
    support::connect(&fake, late).await;
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(id, ALICE, "en-US", "ask", json!([])),
    )
    .await;
    let outcome = tokio::time::timeout(support::PATIENCE, outcome.recv())
        .await
        .expect("the late bot answers")
        .expect("an outcome");
    let error = outcome.expect_err("Discord refuses it");
    assert!(error.contains("Unknown interaction"), "{error}");
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status).collect();
    assert!(statuses.contains(&404), "{statuses:?}");
}

// ---- smaller things ---------------------------------------------------------------------------

#[tokio::test]
async fn ask_the_forum_leaves_the_mentions_out_of_the_question() {
    let fake = support::start_bot(support::settings()).await;
    // Fourteen mentions of the bot and a question: 322 characters, over the cap of 300 with
    // the mentions, well under it without.
    let mentions = format!("<@{BOT_USER_ID}> ").repeat(14);
    let content = format!("{mentions}楊植麟怎麼看AGI?");
    let target = payloads::message(fake.new_id(), BOB, &content, &[VERBATIM]);
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::context_menu(id, ALICE, "zh-TW", &target),
    )
    .await;
    let response = fake.callback(id).await;
    assert!(is_answer(&response["data"]), "{response}");
    assert_eq!(
        response["data"]["embeds"][0]["author"]["name"],
        "楊植麟 · 月之暗面 CEO"
    );
}

#[tokio::test]
async fn autocomplete_reads_no_more_than_a_name_can_be() {
    let fake = support::start_bot(support::settings()).await;
    // Discord lets an option hold 6,000 characters; matching each against every alias would be
    // paid for every keystroke.
    let typed = format!("楊植{}", "麟".repeat(5998));
    let id = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(id, ALICE, "zh-TW", "speaker", "speaker", &typed),
    )
    .await;
    let response = fake.callback(id).await;
    assert_eq!(response["type"], callback::AUTOCOMPLETE_RESULT);
    let choices = response["data"]["choices"].as_array().expect("choices");
    assert!(choices.len() <= 25);
    assert_eq!(
        choices.first().map(|c| &c["value"]),
        Some(&json!("楊植麟")),
        "{choices:?}"
    );
}

#[tokio::test]
async fn an_edited_question_is_not_answered_again_and_a_new_server_is_answered() {
    let fake = support::start_bot(support::settings()).await;
    let id = fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    fake.reply_to(id).await;
    // Alice edits her question; Discord sends the edit, not a new question.
    let content = format!("<@{BOT_USER_ID}> 楊植麟怎麼看AGI?");
    let mut edited = payloads::message(id, ALICE, &content, &[VERBATIM]);
    edited["edited_timestamp"] = json!("2024-06-14T10:01:00.000000+00:00");
    fake.dispatch("MESSAGE_UPDATE", edited).await;
    // The bot joins a second server, and is asked there.
    fake.dispatch(
        "GUILD_CREATE",
        payloads::guild(payloads::SECOND_GUILD_ID, payloads::SECOND_CHANNEL_ID),
    )
    .await;
    let there = fake.new_id();
    let message = payloads::message(there, BOB, &content, &[VERBATIM]);
    let message = payloads::in_server(
        message,
        payloads::SECOND_GUILD_ID,
        payloads::SECOND_CHANNEL_ID,
    );
    fake.dispatch("MESSAGE_CREATE", message).await;
    fake.reply_to(there).await;
    assert_eq!(
        replies_to(&fake, &[id]).len(),
        1,
        "the edit was not answered"
    );
}

#[tokio::test]
async fn thanks_in_reply_to_an_answer_gets_no_card() {
    let (_guard, logs) = support::capture_logs();
    let fake = support::start_bot(support::settings()).await;
    let earlier = json!({ "content": "an earlier answer" });
    let answer = payloads::sent_message(fake.new_id(), &CHANNEL_ID.to_string(), &earlier);
    let thanks = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply(thanks, ALICE, "thanks!", &answer),
    )
    .await;
    logs.wait_for("left alone").await;
    assert_eq!(
        replies_to(&fake, &[thanks]).len(),
        0,
        "no \"not covered\" card"
    );
    // A question in reply is still answered.
    let question = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::reply(question, ALICE, "那楊植麟怎麼看AGI?", &answer),
    )
    .await;
    assert!(is_answer(&fake.reply_to(question).await.body));
}
