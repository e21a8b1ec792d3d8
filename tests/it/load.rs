//! Load through the fake Discord: a burst of 1,000 `/ask` interactions from 200 users
//! within one second. Every one gets exactly one response, counted by interaction id at the
//! fake: an answer for each user's first question, a cooldown notice for the four others. What
//! the bot remembers stays capped. The time from event to answer is printed, not asserted:
//!
//! ```sh
//! cargo test --release --test it load:: -- --nocapture --test-threads 1
//! ```

use crate::support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::support::payloads::{self, member_number};
use crate::support::{Request, Windows, APPLICATION_ID, PATIENCE};
use serde_json::{json, Value};
use verbatim::discord::{Footprint, Plugin, Settings};

const INTERACTIONS: u64 = 1000;
const USERS: u64 = 200;

const QUESTIONS: &[&str] = &[
    "王小川怎麼看價格戰?",
    "楊植麟怎麼看AGI?",
    "杨植麟怎么看价格战",
    "What did Baichuan's CEO say about the price war?",
    "張鵬怎麼看scaling law?",
    "李大海怎麼看端側模型?",
    "What is AGI according to Zhipu?",
    "yang zhilin agi",
    "What's the weather in Paris tomorrow?",
    "王仲遠說了什麼?",
];

/// What the fake saw for one interaction.
struct Seen {
    dispatched: Instant,
    user: u64,
    /// Every request responding to it: the callback, and for a deferred answer, its edit.
    requests: Vec<Request>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_questions_from_200_users_is_answered_exactly_once_each() {
    // With a cooldown longer than the burst (a minute, so that it holds however slowly a
    // loaded machine sends it), each user's first question is answered and the four others
    // are refused.
    burst(Duration::from_secs(60), 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_cooldown_all_1000_questions_are_answered_exactly_once() {
    burst(Duration::ZERO, INTERACTIONS / USERS).await;
}

/// Sends the burst to a bot with this cooldown and checks that every interaction got exactly
/// one response, `answers_per_user` of them answers and the rest cooldown notices.
async fn burst(cooldown: Duration, answers_per_user: u64) {
    let plugin = Plugin::new(
        support::engine(),
        Settings {
            cooldown,
            ..Settings::default()
        },
    );
    let fake = support::start_plugin(plugin.clone()).await;
    // What is measured is throughput and exactly-once delivery, not Discord's 3 seconds: a
    // loaded machine may take longer, and the faults tests cover the deadline.
    fake.windows(Windows {
        respond: PATIENCE,
        edit: PATIENCE,
    });

    // 1,000 events spread evenly over one second: user k asks at k, k + 200, ... ms / 1000 s.
    let mut seen: HashMap<u64, Seen> = HashMap::new();
    let started = Instant::now();
    for n in 0..INTERACTIONS {
        let due = started + Duration::from_micros(n * 1_000_000 / INTERACTIONS);
        tokio::time::sleep_until(due.into()).await;
        let id = fake.new_id();
        let user = n % USERS;
        let question = QUESTIONS[(n as usize) % QUESTIONS.len()];
        let options = json!([payloads::string_option("question", question)]);
        let body = payloads::slash(id, member_number(user), "zh-TW", "ask", options);
        fake.dispatch("INTERACTION_CREATE", body).await;
        seen.insert(
            id,
            Seen {
                dispatched: Instant::now(),
                user,
                requests: Vec::new(),
            },
        );
    }
    let burst = started.elapsed();

    // Wait for a response to every interaction, and for the edit of every deferred one.
    let waited = Instant::now();
    let requests = loop {
        let requests = fake.requests();
        let callbacks = requests
            .iter()
            .filter(|r| r.path.ends_with("/callback"))
            .count();
        let deferred = requests
            .iter()
            .filter(|r| {
                r.path.ends_with("/callback")
                    && r.body["type"] == support::callback::DEFERRED_MESSAGE
            })
            .count();
        let edits = requests
            .iter()
            .filter(|r| r.path.ends_with("/@original"))
            .count();
        if callbacks as u64 >= INTERACTIONS && edits >= deferred {
            break requests;
        }
        assert!(
            waited.elapsed() < PATIENCE,
            "{callbacks} responses and {edits} of {deferred} edits after {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    // Anything still on its way would be a duplicate; give it a moment to show up.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let requests = if fake.requests().len() > requests.len() {
        fake.requests()
    } else {
        requests
    };

    for request in requests {
        let id = interaction_of(&request);
        if let Some(seen) = id.and_then(|id| seen.get_mut(&id)) {
            seen.requests.push(request);
        }
    }
    let mut answered_by_user: HashMap<u64, usize> = HashMap::new();
    let mut refused = 0;
    let mut deferred = 0;
    let mut latencies = Vec::new();
    let mut first_responses = Vec::new();
    for (id, seen) in &seen {
        let callbacks: Vec<&Request> = seen
            .requests
            .iter()
            .filter(|r| r.path.ends_with("/callback"))
            .collect();
        assert_eq!(callbacks.len(), 1, "interaction {id}: one response");
        assert!(callbacks[0].done && callbacks[0].status == 204);
        first_responses.push(callbacks[0].at - seen.dispatched);
        let edits: Vec<&Request> = seen
            .requests
            .iter()
            .filter(|r| r.path.ends_with("/@original"))
            .collect();
        let response = &callbacks[0].body;
        let (message, answered_at) = match response["type"].as_u64() {
            Some(support::callback::MESSAGE) => {
                assert!(edits.is_empty(), "interaction {id}: no edit of an answer");
                (&response["data"], callbacks[0].at)
            }
            Some(support::callback::DEFERRED_MESSAGE) => {
                deferred += 1;
                assert_eq!(edits.len(), 1, "interaction {id}: one deferred answer");
                (&edits[0].body, edits[0].at)
            }
            other => panic!("interaction {id}: response type {other:?}"),
        };
        if is_cooldown_notice(message) {
            refused += 1;
        } else {
            assert!(
                message["embeds"].as_array().is_some_and(|e| !e.is_empty()),
                "interaction {id}: an answer or a notice, not {message}"
            );
            *answered_by_user.entry(seen.user).or_default() += 1;
            latencies.push(answered_at - seen.dispatched);
        }
    }
    assert_eq!(
        answered_by_user.len() as u64,
        USERS,
        "every user got an answer"
    );
    assert!(
        answered_by_user
            .values()
            .all(|count| *count as u64 == answers_per_user),
        "{answers_per_user} answers per user"
    );
    assert_eq!(
        refused as u64,
        INTERACTIONS - USERS * answers_per_user,
        "the rest cooled down"
    );

    let footprint = plugin.footprint();
    let remembered_users = if cooldown.is_zero() { 0 } else { USERS };
    assert_eq!(footprint.cooling_users as u64, remembered_users);
    report(
        burst,
        deferred,
        &mut latencies,
        &mut first_responses,
        footprint,
    );
}

/// The interaction a request responds to: the id in a callback's path, or the one in the
/// token of an edit (the fake's tokens are `interaction-token-{id}`).
fn interaction_of(request: &Request) -> Option<u64> {
    let path = request.path.strip_prefix("/api/v10/")?;
    let segments: Vec<&str> = path.split('/').collect();
    match segments.as_slice() {
        ["interactions", id, _, "callback"] => id.parse().ok(),
        ["webhooks", application, token, "messages", "@original"]
            if *application == APPLICATION_ID.to_string() =>
        {
            token.strip_prefix("interaction-token-")?.parse().ok()
        }
        _ => None,
    }
}

fn is_cooldown_notice(message: &Value) -> bool {
    message["flags"] == support::flags::EPHEMERAL
        && message["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("請稍候"))
}

fn report(
    burst: Duration,
    deferred: usize,
    answers: &mut [Duration],
    first_responses: &mut [Duration],
    footprint: Footprint,
) {
    fn percentile(sorted: &[Duration], p: usize) -> Duration {
        sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
    }
    answers.sort();
    first_responses.sort();
    println!(
        "{INTERACTIONS} interactions from {USERS} users in {burst:.2?}: {} answered ({deferred} deferred), {} refused by the cooldown",
        answers.len(),
        INTERACTIONS as usize - answers.len(),
    );
    println!(
        "event to answer: p50 {:.1?}, p99 {:.1?}, max {:.1?}; event to first response (all {INTERACTIONS}): p50 {:.1?}, p99 {:.1?}",
        percentile(answers, 50),
        percentile(answers, 99),
        answers[answers.len() - 1],
        percentile(first_responses, 50),
        percentile(first_responses, 99),
    );
    println!("cooling users {}", footprint.cooling_users);
}
