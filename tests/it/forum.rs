//! Forum channels: a new post in a channel the bot answers gets one answer in its thread,
//! replying to the post, from its title and first message (or the title alone when Discord
//! withholds the text); other threads are left alone. Timeouts only guard against hanging.

use serde_json::{json, Value};
use verbatim::discord::Settings;

use crate::support::payloads::{self, Someone, ALICE, BOB, FORUM_CHANNEL_ID, VERBATIM};
use crate::support::{settings, start_bot, FakeDiscord, BOT_USER_ID};

async fn forum_bot() -> FakeDiscord {
    start_bot(Settings {
        forum_channels: vec![FORUM_CHANNEL_ID],
        ..settings()
    })
    .await
}

/// Posts `title` with first message `text` in `forum`, `age_secs` ago; returns the thread's id.
async fn post(
    fake: &FakeDiscord,
    forum: u64,
    who: Someone,
    title: &str,
    text: &str,
    age_secs: u64,
) -> u64 {
    let thread = fake.new_id();
    fake.put_message(payloads::first_message(thread, who, text));
    fake.dispatch(
        "THREAD_CREATE",
        payloads::forum_post(thread, forum, who, title, age_secs),
    )
    .await;
    thread
}

fn authors(message: &Value) -> Vec<String> {
    message["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["author"]["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn posted_in(fake: &FakeDiscord, thread: u64) -> Vec<Value> {
    fake.posted_messages()
        .into_iter()
        .filter(|m| m["channel_id"] == json!(thread.to_string()))
        .collect()
}

#[tokio::test]
async fn a_new_post_is_answered_once_in_its_thread_from_its_title_and_first_message() {
    let fake = forum_bot().await;
    let thread = post(
        &fake,
        FORUM_CHANNEL_ID,
        ALICE,
        "A question about the panel",
        "What did Wang Xiaochuan say about the price war?",
        0,
    )
    .await;
    let answer = fake.reply_to(thread).await;
    assert_eq!(
        answer.path,
        format!("/api/v10/channels/{thread}/messages"),
        "in the post's thread"
    );
    let speakers = authors(&answer.body);
    assert!(!speakers.is_empty(), "{}", answer.body);
    assert!(
        speakers.iter().all(|a| a.contains("王小川")),
        "{speakers:?}"
    );

    // Delivered again (a resumed session replays it): still one answer.
    fake.dispatch(
        "THREAD_CREATE",
        payloads::forum_post(
            thread,
            FORUM_CHANNEL_ID,
            ALICE,
            "A question about the panel",
            0,
        ),
    )
    .await;
    // A reply in the thread that mentions the bot is answered as usual.
    let follow_up = fake.new_id();
    let mut message = payloads::message(
        follow_up,
        BOB,
        &format!("<@{BOT_USER_ID}> 楊植麟怎麼看AGI?"),
        &[VERBATIM],
    );
    message["channel_id"] = json!(thread.to_string());
    fake.dispatch("MESSAGE_CREATE", message).await;
    let second = fake.reply_to(follow_up).await;
    assert!(authors(&second.body)
        .iter()
        .all(|a| a.starts_with("楊植麟")));
    let answers_to_the_post: Vec<Value> = posted_in(&fake, thread)
        .into_iter()
        .filter(|m| m["message_reference"]["message_id"] == json!(thread.to_string()))
        .collect();
    assert_eq!(answers_to_the_post.len(), 1, "{answers_to_the_post:?}");
}

#[tokio::test]
async fn without_the_message_content_intent_the_title_is_asked() {
    let fake = forum_bot().await;
    // Discord sends the first message's text empty to a bot without the intent.
    let thread = post(&fake, FORUM_CHANNEL_ID, ALICE, "楊植麟怎麼看AGI?", "", 0).await;
    let answer = fake.reply_to(thread).await;
    assert_eq!(answer.body["content"], json!("> 楊植麟怎麼看AGI?"));
    let authors = authors(&answer.body);
    assert!(
        !authors.is_empty() && authors.iter().all(|a| a.starts_with("楊植麟")),
        "{authors:?}"
    );
}

#[tokio::test]
async fn a_post_the_forum_does_not_cover_gets_the_abstention_once_even_when_it_mentions_the_bot() {
    let (_guard, logs) = crate::support::capture_logs();
    let fake = forum_bot().await;
    let text = format!("<@{BOT_USER_ID}> any recommendations for a good pizza place?");
    let thread = post(
        &fake,
        FORUM_CHANNEL_ID,
        ALICE,
        "Best pizza in town",
        &text,
        0,
    )
    .await;
    // The first message mentions the bot, so it also arrives as a mention.
    let mut mention = payloads::first_message(thread, ALICE, &text);
    mention["mentions"] = json!([payloads::user(VERBATIM)]);
    fake.dispatch("MESSAGE_CREATE", mention).await;
    let answer = fake.reply_to(thread).await;
    assert_eq!(
        answer.body["embeds"][0]["title"],
        json!("The forum doesn't cover that."),
        "{}",
        answer.body
    );
    // The post and the mention share an id: whichever arrives second is recognised as
    // delivered again, and not answered (and the answer's nonce is the post's id besides).
    logs.wait_for("delivered again").await;
    let replies = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == format!("/api/v10/channels/{thread}/messages"))
        .count();
    assert_eq!(replies, 1, "answered once");
    assert_eq!(posted_in(&fake, thread).len(), 1, "one answer, once");
}

#[tokio::test]
async fn posts_in_other_channels_and_old_threads_are_left_alone() {
    let fake = forum_bot().await;
    let elsewhere = post(
        &fake,
        FORUM_CHANNEL_ID + 1,
        ALICE,
        "楊植麟怎麼看AGI?",
        "",
        0,
    )
    .await;
    let old = post(&fake, FORUM_CHANNEL_ID, ALICE, "楊植麟怎麼看AGI?", "", 3600).await;
    // A post answered after them shows the bot got that far.
    let answered = post(&fake, FORUM_CHANNEL_ID, ALICE, "王小川怎麼看價格戰?", "", 0).await;
    fake.reply_to(answered).await;
    assert!(posted_in(&fake, elsewhere).is_empty());
    assert!(posted_in(&fake, old).is_empty());
    let read_first_messages: Vec<String> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.contains("/messages/"))
        .map(|r| r.path)
        .collect();
    assert_eq!(
        read_first_messages,
        [format!("/api/v10/channels/{answered}/messages/{answered}")],
        "only the new post's first message was read"
    );
}
