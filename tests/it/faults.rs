//! Faults, through the fake Discord: the gateway closing, invalidating the session and
//! dropping the connection; the REST API answering 500 and 429 (a route's and a global one),
//! dropping the connection, and limiting each bucket as its headers say. After each the bot answers the
//! next question, and it never says the same thing twice. Timeouts only guard against hanging;
//! the one comparison of times checks that a 429's `retry_after` was waited out, a lower bound
//! that holds however slow the machine.

use crate::support;

use std::time::Duration;

use crate::support::payloads::{self, ALICE, BOB};
use crate::support::{start_bot, Endpoint, FakeDiscord, Fault, RateLimit, Request};
use serde_json::{json, Value};
use verbatim::discord::Settings;
use verbatim::discord::{Bot, Plugin};

fn first_author(message: &Value) -> String {
    message["embeds"][0]["author"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The requests made to reply to message `id`, in order.
fn replies_to(fake: &FakeDiscord, id: u64) -> Vec<Request> {
    let id = id.to_string();
    fake.requests()
        .into_iter()
        .filter(|r| {
            r.path.ends_with("/messages")
                && r.body["message_reference"]["message_id"] == id.as_str()
        })
        .collect()
}

fn statuses(requests: &[Request]) -> Vec<u16> {
    requests.iter().map(|r| r.status).collect()
}

/// The bot is still answering: a question gets 王小川's view on the price war.
async fn still_answers(fake: &FakeDiscord) {
    let id = fake.mention(BOB, "王小川怎麼看價格戰?").await;
    let reply = fake.reply_to(id).await;
    assert_eq!(first_author(&reply.body), "王小川 · 百川智能 CEO");
}

#[tokio::test]
async fn a_resumable_close_is_resumed_and_the_next_question_answered() {
    let fake = start_bot(support::settings()).await;
    // 4000, "unknown error": Discord's invitation to reconnect and resume.
    fake.close_gateway(4000);
    fake.wait_for_sessions(2).await;
    assert_eq!(
        fake.identifies_and_resumes(),
        (1, 1),
        "resumed, not identified afresh"
    );
    still_answers(&fake).await;
}

#[tokio::test]
async fn an_invalid_session_is_identified_afresh_and_the_next_question_answered() {
    let fake = start_bot(support::settings()).await;
    fake.invalidate_session(false);
    fake.wait_for_sessions(2).await;
    let (identifies, resumes) = fake.identifies_and_resumes();
    assert_eq!(identifies, 2, "a fresh IDENTIFY after the invalid session");
    assert_eq!(
        resumes, 0,
        "no attempt to resume a session Discord said is gone"
    );
    still_answers(&fake).await;
}

#[tokio::test]
async fn a_connection_dropping_again_and_again_mid_conversation_loses_no_question() {
    let fake = start_bot(support::settings()).await;
    let mut questions = Vec::new();
    for round in 0..3 {
        // A question on its way as the connection drops, and one asked while it is down:
        // the RESUME gets both, as Discord replays what the bot missed.
        questions.push(fake.mention(ALICE, "王小川怎麼看價格戰?").await);
        fake.drop_gateway();
        questions.push(fake.mention(BOB, "楊植麟怎麼看AGI?").await);
        fake.wait_for_sessions(round + 2).await;
    }
    assert_eq!(
        fake.identifies_and_resumes(),
        (1, 3),
        "each drop was resumed"
    );
    for id in &questions {
        fake.reply_to(*id).await;
    }
    still_answers(&fake).await;
    for id in questions {
        let replies = replies_to(&fake, id);
        assert_eq!(replies.len(), 1, "question {id} answered exactly once");
    }
}

#[tokio::test]
async fn a_500_to_an_interaction_response_is_retried_and_logged() {
    let (_guard, logs) = support::capture_logs();
    let fake = start_bot(support::settings()).await;
    fake.inject(Endpoint::InteractionCallback, &[Fault::ServerError]);
    let (id, response) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(first_author(&response["data"]), "王小川 · 百川智能 CEO");
    let sent = fake.responses_to(id);
    assert_eq!(statuses(&sent), [500, 204], "retried once");
    assert_eq!(sent[0].body, sent[1].body, "the same response again");
    let retries = logs.lines_with("retrying");
    assert!(
        retries
            .iter()
            .any(|line| line.contains("Discord answered 500")),
        "{}",
        logs.text()
    );
    still_answers(&fake).await;
}

#[tokio::test]
async fn a_response_whose_500_hid_its_arrival_is_not_sent_twice() {
    let (_guard, logs) = support::capture_logs();
    let fake = start_bot(support::settings()).await;
    // Discord took the response but its answer was lost: the retry is refused as a second
    // acknowledgement, which tells the bot the first one arrived.
    fake.inject(
        Endpoint::InteractionCallback,
        &[Fault::ServerErrorAfterDoing],
    );
    let (id, _) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    let prefix = format!("/api/v10/interactions/{id}/");
    fake.wait_for("the retried response", |r| {
        r.path.starts_with(&prefix) && r.status == 400
    })
    .await;
    still_answers(&fake).await;
    let sent = fake.responses_to(id);
    assert_eq!(statuses(&sent), [500, 400]);
    assert_eq!(
        sent.iter().filter(|r| r.done).count(),
        1,
        "one response took effect"
    );
    assert!(
        logs.lines_with("could not respond").is_empty(),
        "the bot knows the response arrived:\n{}",
        logs.text()
    );
}

#[tokio::test]
async fn a_reply_whose_500s_hid_its_arrival_is_posted_once_thanks_to_its_nonce() {
    let fake = start_bot(support::settings()).await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::ServerErrorAfterDoing, Fault::ServerError],
    );
    let id = fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    fake.wait_for("the last retry", |r| {
        r.status == 200 && r.body["message_reference"]["message_id"] == id.to_string().as_str()
    })
    .await;
    still_answers(&fake).await;
    let sent = replies_to(&fake, id);
    assert_eq!(statuses(&sent), [500, 500, 200]);
    let nonces: Vec<&Value> = sent.iter().map(|r| &r.body["nonce"]).collect();
    assert_eq!(
        nonces,
        [&json!(id.to_string()); 3],
        "the question's id is the nonce"
    );
    assert!(sent.iter().all(|r| r.body["enforce_nonce"] == json!(true)));
    let posted = fake
        .posted_messages()
        .into_iter()
        .filter(|m| m["message_reference"]["message_id"] == id.to_string().as_str())
        .count();
    assert_eq!(posted, 1, "one message in the channel, not three");
}

#[tokio::test]
async fn a_429_to_an_interaction_response_is_retried_after_its_retry_after() {
    let (_guard, logs) = support::capture_logs();
    let fake = start_bot(support::settings()).await;
    fake.inject(
        Endpoint::InteractionCallback,
        &[Fault::RateLimited { retry_after: 0.6 }],
    );
    let (id, response) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(first_author(&response["data"]), "王小川 · 百川智能 CEO");
    let sent = fake.responses_to(id);
    assert_eq!(statuses(&sent), [429, 204]);
    let waited = sent[1].at - sent[0].at;
    assert!(
        waited >= Duration::from_millis(600),
        "retried after {waited:?}, before the 0.6 s Discord asked for"
    );
    assert!(
        logs.lines_with("retrying")
            .iter()
            .any(|line| line.contains("rate limited for 600ms")),
        "{}",
        logs.text()
    );
    still_answers(&fake).await;
}

#[tokio::test]
async fn a_429_longer_than_the_interaction_deadline_is_given_up_and_logged() {
    let (_guard, logs) = support::capture_logs();
    let fake = start_bot(support::settings()).await;
    // Waiting 5 s would miss Discord's 3-second deadline: the response would be refused anyway.
    fake.inject(
        Endpoint::InteractionCallback,
        &[Fault::RateLimited { retry_after: 5.0 }],
    );
    let id = fake.new_id();
    let options = json!([payloads::string_option("question", "王小川怎麼看價格戰?")]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(id, ALICE, "zh-TW", "ask", options),
    )
    .await;
    let gave_up = logs.wait_for("could not respond").await;
    still_answers(&fake).await;
    assert_eq!(statuses(&fake.responses_to(id)), [429], "not retried");
    assert_eq!(gave_up.len(), 1, "{}", logs.text());
    assert!(
        gave_up[0].contains("before the deadline: rate limited for 5s"),
        "{}",
        gave_up[0]
    );
}

#[tokio::test]
async fn a_429_to_a_reply_is_retried_after_its_retry_after() {
    let fake = start_bot(support::settings()).await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::RateLimited { retry_after: 0.3 }],
    );
    let id = fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    fake.reply_to(id).await;
    let sent = replies_to(&fake, id);
    assert_eq!(statuses(&sent), [429, 200]);
    assert!(sent[1].at - sent[0].at >= Duration::from_millis(300));
    still_answers(&fake).await;
}

#[tokio::test]
async fn a_deferred_answer_whose_edit_fails_is_edited_again() {
    let fake = start_bot(Settings {
        defer_after: Duration::ZERO,
        ..support::settings()
    })
    .await;
    fake.inject(Endpoint::EditOriginal, &[Fault::ServerError]);
    let (id, response) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(
        response["type"],
        support::callback::DEFERRED_MESSAGE,
        "deferred"
    );
    let token = format!("interaction-token-{id}");
    let edit = fake
        .wait_for("the deferred answer", |r| {
            r.done && r.method == "PATCH" && r.path.contains(&token)
        })
        .await;
    assert_eq!(first_author(&edit.body), "王小川 · 百川智能 CEO");
    let edits: Vec<u16> = fake
        .requests()
        .iter()
        .filter(|r| r.method == "PATCH" && r.path.contains(&token))
        .map(|r| r.status)
        .collect();
    assert_eq!(edits, [500, 200]);
}

#[tokio::test]
async fn a_reply_that_keeps_failing_is_given_up_logged_and_the_bot_stays_up() {
    let (_guard, logs) = support::capture_logs();
    let fake = start_bot(support::settings()).await;
    fake.inject(Endpoint::ChannelMessage, &[Fault::ServerError; 4]);
    let id = fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    let lines = logs.wait_for("could not reply").await;
    still_answers(&fake).await;
    assert_eq!(
        statuses(&replies_to(&fake, id)),
        [500; 4],
        "four attempts, then no more"
    );
    assert_eq!(lines.len(), 1, "{}", logs.text());
    assert!(
        lines[0].contains("gave up after 4 attempts: Discord answered 500"),
        "{}",
        lines[0]
    );
}

#[tokio::test]
async fn replies_keep_discords_rate_limits_and_never_meet_a_429() {
    let fake = start_bot(support::settings()).await;
    // Two messages a second in a channel: five questions at once must wait their turn, as
    // the headers of each answer tell.
    let limit = RateLimit {
        limit: 2,
        window: Duration::from_secs(1),
    };
    fake.rate_limit(Endpoint::ChannelMessage, limit);
    let askers = [
        ALICE,
        BOB,
        payloads::member_number(1),
        payloads::member_number(2),
        payloads::member_number(3),
    ];
    let mut questions = Vec::new();
    for who in askers {
        questions.push(fake.mention(who, "王小川怎麼看價格戰?").await);
    }
    for id in &questions {
        fake.reply_to(*id).await;
    }
    for id in questions {
        assert_eq!(
            statuses(&replies_to(&fake, id)),
            [200],
            "question {id}: one reply, no 429"
        );
    }
    assert_eq!(fake.overdrawn(), Vec::<String>::new());
}

#[tokio::test]
async fn a_global_429_holds_every_route_until_it_passes() {
    let fake = start_bot(support::settings()).await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::GloballyRateLimited { retry_after: 0.5 }],
    );
    let first = fake.mention(ALICE, "王小川怎麼看價格戰?").await;
    let refused = fake.wait_for("the global 429", |r| r.status == 429).await;
    // Another route, asked after the 429: it waits out the same 0.5 s.
    let (id, _) = fake.ask(BOB, "zh-TW", "楊植麟怎麼看AGI?").await;
    let answered = fake.responses_to(id);
    assert_eq!(statuses(&answered), [204]);
    let held = answered[0].at - refused.at;
    assert!(
        held >= Duration::from_millis(500),
        "answered {held:?} after a global 429 of 0.5 s"
    );
    fake.reply_to(first).await;
    assert_eq!(statuses(&replies_to(&fake, first)), [429, 200]);
}

#[tokio::test]
async fn a_response_whose_connection_dropped_is_sent_again() {
    let fake = start_bot(support::settings()).await;
    fake.inject(Endpoint::InteractionCallback, &[Fault::Dropped]);
    let (id, response) = fake.ask(ALICE, "zh-TW", "王小川怎麼看價格戰?").await;
    assert_eq!(first_author(&response["data"]), "王小川 · 百川智能 CEO");
    // The dropped request got no answer at all (status 0), then the same response went out.
    let sent = fake.responses_to(id);
    assert_eq!(statuses(&sent), [0, 204]);
    assert_eq!(sent[0].body, sent[1].body);
}

#[tokio::test]
async fn registration_is_retried_after_a_500_and_a_429() {
    let (_guard, logs) = support::capture_logs();
    let fake = FakeDiscord::start().await;
    fake.inject(
        Endpoint::RegisterCommands,
        &[Fault::ServerError, Fault::RateLimited { retry_after: 0.2 }],
    );
    let plugin = Plugin::new(support::engine(), support::settings());
    support::connect(&fake, Bot::new(plugin, Some(support::GUILD_ID))).await;
    logs.wait_for("registered commands").await;
    let registrations: Vec<Request> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(statuses(&registrations), [500, 429, 200]);
    assert!(
        registrations
            .windows(2)
            .all(|pair| pair[0].body == pair[1].body),
        "the same commands each time"
    );
    still_answers(&fake).await;
}
