//! `verbatim run` as a process against the fake Discord: SIGHUP reloads the knowledge,
//! SIGTERM and SIGINT let the answers in progress finish, close the gateway cleanly and exit 0,
//! the token shows up in no log line at any level and in no error message, and the health and
//! metrics endpoints answer and count. Timeouts only guard against hanging.

use crate::support;

use std::path::Path;
use std::time::Duration;

use crate::support::packs::{copy_pack, knowledge_folder, replace_in_pack};
use crate::support::payloads::{self, ALICE, BOB, VERBATIM};
use crate::support::{
    callback, output_of, refusal_of, shard_of, verbatim, verbatim_run, BotProcess, Endpoint,
    FakeDiscord, Fault, APPLICATION_ID, BOT_USER_ID, CHANNEL_ID, EVERYTHING, GUILD_ID, TOKEN,
};
use serde_json::json;

/// How long a stopped bot may take to exit before the test calls it hung: a guard generous
/// enough for a loaded machine, far above the fraction of a second it takes.
const EXIT_PATIENCE: Duration = Duration::from_secs(15);

const BROKEN_PACK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/broken/many-problems"
);

/// Starts `verbatim run` against `fake` with `extra` settings, and waits until its commands
/// are registered (by it, or already, by a bot before it).
async fn run_against(fake: &FakeDiscord, extra: &[(&str, &str)]) -> BotProcess {
    let mut bot = spawn_against(fake, extra);
    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("command registration", |r| r.path == path)
        .await;
    // "registered commands", or "commands already registered".
    bot.wait_for_line("registered").await;
    bot
}

/// Starts `verbatim run` against `fake` with `extra` settings (DISCORD_PROXY_URL, the name an
/// operator uses, pointing at the fake).
fn spawn_against(fake: &FakeDiscord, extra: &[(&str, &str)]) -> BotProcess {
    let guild = GUILD_ID.to_string();
    let mut env = vec![
        ("DISCORD_TOKEN", TOKEN),
        ("DISCORD_GUILD_ID", guild.as_str()),
        ("DISCORD_PROXY_URL", fake.url.as_str()),
        ("VERBATIM_COOLDOWN_SECS", "0"),
    ];
    env.extend_from_slice(extra);
    BotProcess::spawn(verbatim_run(&env))
}

/// Asks by mention and returns the first quote of the reply.
async fn first_quote(fake: &FakeDiscord, question: &str) -> String {
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> {question}");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    let reply = fake.reply_to(id).await;
    reply.body["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn sighup_reloads_the_knowledge_and_a_broken_pack_is_refused_in_the_log() {
    let fake = FakeDiscord::start().await;
    let dir = knowledge_folder("process", "sighup");
    let folder = dir.to_str().expect("a UTF-8 path");
    let mut bot = run_against(&fake, &[("VERBATIM_KNOWLEDGE", folder)]).await;
    assert!(first_quote(&fake, "張鵬怎麼看價格戰?")
        .await
        .contains("不可持續"));

    replace_in_pack(&dir, "價格戰不可持續", "價格戰終將過去");
    bot.signal(libc::SIGHUP);
    bot.wait_for_line("reloaded the knowledge").await;
    assert!(first_quote(&fake, "張鵬怎麼看價格戰?")
        .await
        .contains("終將過去"));

    copy_pack(Path::new(BROKEN_PACK), &dir);
    bot.signal(libc::SIGHUP);
    let refused = bot.wait_for_line("reload refused").await;
    assert!(refused.contains("problems=3"), "{refused}");
    let expected = std::fs::read_to_string(Path::new(BROKEN_PACK).join("expected.txt")).unwrap();
    for problem in expected.lines() {
        let logged = format!("{}", dir.join(problem).display());
        assert!(
            bot.log.iter().any(|line| line.contains(&logged)),
            "{logged} in the log:\n{}",
            bot.log.join("\n")
        );
    }
    assert!(
        first_quote(&fake, "張鵬怎麼看價格戰?")
            .await
            .contains("終將過去"),
        "the previous knowledge still answers"
    );

    bot.signal(libc::SIGTERM);
    let (status, _) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0));
}

/// Stops the bot with `signal` and checks it closed the gateway and exited 0.
async fn stops_cleanly_on(signal: libc::c_int, name: &str) {
    let fake = FakeDiscord::start().await;
    let bot = run_against(&fake, &[]).await;
    assert!(first_quote(&fake, "王小川怎麼看價格戰?")
        .await
        .contains("價格戰"));
    bot.signal(signal);
    let closes = fake.wait_for_close(1000).await;
    assert_eq!(closes, [Some(1000)], "one close frame, a normal closure");
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(
        log.contains(&format!("signal=\"{name}\"")) && log.contains("shutting down"),
        "{log}"
    );
    assert!(log.contains("closed the gateway"), "{log}");
    assert!(!log.contains("error"), "a clean stop logs no error:\n{log}");
}

#[tokio::test]
async fn sigterm_closes_the_gateway_and_exits_0() {
    stops_cleanly_on(libc::SIGTERM, "SIGTERM").await;
}

#[tokio::test]
async fn sigint_closes_the_gateway_and_exits_0() {
    stops_cleanly_on(libc::SIGINT, "SIGINT").await;
}

#[tokio::test]
async fn more_pages_an_answer_given_before_the_bot_restarted() {
    let fake = FakeDiscord::start().await;
    let bot = run_against(&fake, &[]).await;
    let options = json!([payloads::string_option("question", "大家怎麼看價格戰?")]);
    let (asked, first) = fake.command(ALICE, "zh-TW", "ask", options).await;
    let custom_id = first["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .expect("a More button")
        .to_owned();
    bot.signal(libc::SIGTERM);
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0), "{log}");

    // A new process remembers nothing of the first: the button and its message carry it all.
    let _bot = run_against(&fake, &[]).await;
    let shown = payloads::answer_to(asked, ALICE, &first["data"]);
    let press = fake.new_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(press, ALICE, "zh-TW", &custom_id, shown),
    )
    .await;
    let second = fake.callback(press).await;
    assert_eq!(second["type"], json!(callback::UPDATE_MESSAGE), "{second}");
    assert_eq!(
        second["data"]["content"], first["data"]["content"],
        "the next page shows the question too"
    );
    let descriptions = |page: &serde_json::Value| -> Vec<serde_json::Value> {
        let embeds = page["data"]["embeds"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        embeds.iter().map(|e| e["description"].clone()).collect()
    };
    let (first_page, second_page) = (descriptions(&first), descriptions(&second));
    assert!(!second_page.is_empty(), "{second}");
    assert!(
        second_page.iter().all(|d| !first_page.contains(d)),
        "the next results, not the same ones"
    );
}

#[tokio::test]
async fn the_token_is_in_no_log_line_even_at_trace_level() {
    let fake = FakeDiscord::start().await;
    let dir = knowledge_folder("process", "token");
    let folder = dir.to_str().expect("a UTF-8 path");
    let mut bot = run_against(
        &fake,
        &[("RUST_LOG", EVERYTHING), ("VERBATIM_KNOWLEDGE", folder)],
    )
    .await;
    // A conversation that takes every path that handles the token: requests, retries of a
    // 500 and of a 429, a RESUME after a drop, a reload, a refused reload.
    first_quote(&fake, "張鵬怎麼看價格戰?").await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::ServerError, Fault::RateLimited { retry_after: 0.1 }],
    );
    first_quote(&fake, "楊植麟怎麼看agi?").await;
    fake.drop_gateway();
    fake.wait_for_sessions(2).await;
    let id = fake.new_id();
    let options = json!([payloads::string_option("question", "張鵬怎麼看價格戰?")]);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::slash(id, BOB, "en-US", "ask", options),
    )
    .await;
    fake.callback(id).await;
    bot.signal(libc::SIGHUP);
    bot.wait_for_line("reloaded the knowledge").await;
    copy_pack(Path::new(BROKEN_PACK), &dir);
    bot.signal(libc::SIGHUP);
    bot.wait_for_line("reload refused").await;
    bot.signal(libc::SIGTERM);
    let stdout = bot.child.stdout.take().expect("piped standard output");
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    let stdout = std::io::read_to_string(stdout).expect("standard output");
    assert_eq!(status.code(), Some(0), "{log}");

    assert_eq!(
        fake.identifies_and_resumes(),
        (1, 1),
        "the token went out twice"
    );
    assert!(
        log.contains("TRACE") && log.contains("Sending resume") && log.contains("retrying"),
        "the log is at trace level and covers the conversation"
    );
    for secret in [TOKEN, "fake-token-for-tests", "0123456789"] {
        assert!(
            !log.contains(secret) && !stdout.contains(secret),
            "{secret:?} leaked into the log"
        );
    }
}

#[tokio::test]
async fn errors_name_no_token() {
    // Nothing listens on port 1: the first request fails, and its error is printed.
    let env = [
        ("DISCORD_TOKEN", TOKEN),
        ("VERBATIM_DISCORD_PROXY", "http://127.0.0.1:1"),
        ("RUST_LOG", EVERYTHING),
    ];
    let bot = BotProcess::spawn(verbatim_run(&env));
    let (status, log) = bot.wait_for_exit(support::PATIENCE).await;
    assert_eq!(status.code(), Some(1), "{log}");
    let error = log
        .lines()
        .find(|line| line.starts_with("error: "))
        .unwrap_or_else(|| panic!("an error line:\n{log}"));
    assert!(
        error.starts_with("error: Discord connection failed"),
        "{error}"
    );
    assert!(
        !log.contains(TOKEN) && !log.contains("fake-token-for-tests"),
        "{log}"
    );
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_with_the_fields_of_the_text_ones() {
    let fake = FakeDiscord::start().await;
    let mut bot = run_against(&fake, &[("VERBATIM_LOG_FORMAT", "json")]).await;
    first_quote(&fake, "王小川怎麼看價格戰?").await;
    bot.wait_for_line("answered").await;
    bot.signal(libc::SIGTERM);
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0), "{log}");
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let answered = lines
        .iter()
        .find(|line| line["fields"]["message"] == "answered")
        .unwrap_or_else(|| panic!("an answered line:\n{log}"));
    assert_eq!(answered["level"], "INFO");
    assert_eq!(answered["fields"]["command"], "mention");
    assert!(answered["fields"]["latency_ms"].is_u64(), "{answered}");
}

#[tokio::test]
async fn sigterm_lets_an_answer_in_progress_finish_before_the_gateway_closes() {
    let fake = FakeDiscord::start().await;
    let bot = run_against(&fake, &[]).await;
    // The reply takes Discord two seconds to take: the stop comes meanwhile.
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::Slow(Duration::from_secs(2))],
    );
    let id = fake.new_id();
    let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(id, ALICE, &content, &[VERBATIM]),
    )
    .await;
    fake.wait_for_arrival("the reply", |request| {
        request.starts_with("POST ") && request.ends_with("/messages")
    })
    .await;
    bot.signal(libc::SIGTERM);
    fake.wait_for_close(1000).await;
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(fake.reply_to(id).await.done, "the answer was delivered");
    let finished = log.find("every answer in progress was sent");
    let closed = log.find("closed the gateway");
    assert!(
        finished.is_some() && finished < closed,
        "the answer finished before the gateway closed:\n{log}"
    );
}

/// The value of the metric `name` (with its labels) in a Prometheus scrape; 0 when absent.
fn metric(scrape: &str, name: &str) -> f64 {
    scrape
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
        .map_or(0.0, |value| value.trim().parse().expect("a number"))
}

async fn get(address: &str, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{address}{path}"))
        .await
        .expect("the health server answers");
    (
        response.status().as_u16(),
        response.text().await.expect("a body"),
    )
}

#[tokio::test]
async fn health_and_metrics_are_served_and_the_counters_move_with_a_conversation() {
    let fake = FakeDiscord::start().await;
    let dir = knowledge_folder("process", "metrics");
    let folder = dir.to_str().expect("a UTF-8 path");
    let env = [
        ("VERBATIM_HTTP_ADDR", "127.0.0.1:0"),
        ("VERBATIM_KNOWLEDGE", folder),
        ("VERBATIM_COOLDOWN_SECS", "600"),
    ];
    let mut bot = run_against(&fake, &env).await;
    // Served before the bot logs in.
    let serving = bot
        .logged("serving /healthz")
        .expect("a line with the address");
    let address = serving
        .split("address=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("an address")
        .to_owned();
    assert_eq!(get(&address, "/healthz").await, (200, "ok\n".to_owned()));
    assert_eq!(get(&address, "/readyz").await, (200, "ready\n".to_owned()));
    let health = output_of(verbatim(&["health"], &[("VERBATIM_HTTP_ADDR", &address)])).await;
    assert_eq!(health.status.code(), Some(0), "verbatim health: {health:?}");
    let (_, before) = get(&address, "/metrics").await;

    // Answered, refused by the cooldown, abstained, answered after a 429.
    fake.reply_to(fake.mention(ALICE, "張鵬怎麼看價格戰?").await)
        .await;
    fake.reply_to(fake.mention(ALICE, "張鵬怎麼看價格戰?").await)
        .await;
    fake.reply_to(
        fake.mention(BOB, "What's the weather in Paris tomorrow?")
            .await,
    )
    .await;
    fake.inject(
        Endpoint::ChannelMessage,
        &[Fault::RateLimited { retry_after: 0.1 }],
    );
    fake.reply_to(
        fake.mention(payloads::member_number(1), "張鵬怎麼看價格戰?")
            .await,
    )
    .await;
    // A reconnect, resumed; a reload.
    fake.drop_gateway();
    fake.wait_for_sessions(2).await;
    bot.wait_for_line("resumed the gateway session").await;
    bot.signal(libc::SIGHUP);
    bot.wait_for_line("reloaded the knowledge").await;

    let (status, after) = get(&address, "/metrics").await;
    assert_eq!(status, 200);
    let moved = |name: &str| metric(&after, name) - metric(&before, name);
    for (name, expected) in [
        ("verbatim_questions_total{outcome=\"answered\"}", 2.0),
        ("verbatim_questions_total{outcome=\"abstained\"}", 1.0),
        ("verbatim_answer_seconds_count", 3.0),
        ("verbatim_cooldown_refusals_total", 1.0),
        ("verbatim_rest_rate_limited_total", 1.0),
        ("verbatim_rest_retries_total", 1.0),
        ("verbatim_gateway_reconnects_total", 1.0),
        ("verbatim_gateway_resumes_total", 1.0),
        ("verbatim_reloads_total{outcome=\"replaced\"}", 1.0),
    ] {
        assert_eq!(
            moved(name),
            expected,
            "{name} moved by {expected}:\n{after}"
        );
    }
    assert_eq!(
        metric(&after, "verbatim_passages"),
        2.0,
        "the small pack's passages"
    );

    bot.signal(libc::SIGTERM);
    let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
    assert_eq!(status.code(), Some(0), "{log}");
}

#[tokio::test]
async fn health_without_an_address_says_so_and_exits_2() {
    let stderr = refusal_of(verbatim(&["health"], &[])).await;
    assert!(
        stderr.starts_with("error: VERBATIM_HTTP_ADDR is not set"),
        "{stderr}"
    );
}

#[tokio::test]
async fn two_processes_on_two_shard_ranges_answer_each_server_exactly_once() {
    let fake = FakeDiscord::start().await;
    let mut processes = Vec::new();
    for shards in ["0-0/2", "1/2"] {
        let mut bot = spawn_against(&fake, &[("VERBATIM_SHARDS", shards)]);
        bot.wait_for_line("connected to Discord").await;
        processes.push(bot);
    }
    fake.wait_for_sessions(2).await;
    let servers = [
        (GUILD_ID, CHANNEL_ID),
        (payloads::SECOND_GUILD_ID, payloads::SECOND_CHANNEL_ID),
    ];
    for (shard, (guild, _)) in servers.iter().enumerate() {
        assert_eq!(
            shard_of(*guild, 2),
            shard as u32,
            "server {guild} is on shard {shard}"
        );
    }
    let mut questions = Vec::new();
    for (guild, channel) in servers {
        let id = fake.new_id();
        let content = format!("<@{BOT_USER_ID}> 王小川怎麼看價格戰?");
        let message = payloads::in_server(
            payloads::message(id, ALICE, &content, &[VERBATIM]),
            guild,
            channel,
        );
        fake.dispatch("MESSAGE_CREATE", message).await;
        questions.push(id);
    }
    for id in &questions {
        fake.reply_to(*id).await;
    }
    let replies = |id: u64| {
        let id = id.to_string();
        fake.requests()
            .iter()
            .filter(|r| {
                r.path.ends_with("/messages")
                    && r.body["message_reference"]["message_id"] == id.as_str()
            })
            .count()
    };
    for id in &questions {
        assert_eq!(replies(*id), 1, "question {id} answered exactly once");
    }
    let registrations = fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(
        registrations, 1,
        "the process running shard 0 registers the commands"
    );
    for (shard, mut bot) in processes.into_iter().enumerate() {
        let answered = bot.wait_for_line("answered").await;
        assert!(answered.contains(&format!("shard={shard}")), "{answered}");
        bot.signal(libc::SIGTERM);
        let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
        assert_eq!(status.code(), Some(0), "{log}");
        let answers = log.lines().filter(|line| line.contains("answered")).count();
        assert_eq!(
            answers, 1,
            "shard {shard}'s process answered its own server only:\n{log}"
        );
    }
}

#[tokio::test]
async fn a_gateway_frame_serenity_cannot_read_is_not_quoted_in_the_log_unless_asked() {
    // serenity quotes a frame it cannot read in a warning: here, someone's message.
    let frame = r#"{"op": 0, "t": "MESSAGE_CREATE", "s": "seven", "d": {"content": "a secret in someone's message"}}"#;
    for (filter, quoted) in [
        (None, false),
        (Some("debug"), false),
        (Some("warn,verbatim=info,serenity::gateway::ws=warn"), true),
    ] {
        let fake = FakeDiscord::start().await;
        let extra: Vec<(&str, &str)> = filter.map(|f| ("RUST_LOG", f)).into_iter().collect();
        let bot = run_against(&fake, &extra).await;
        fake.send_raw(frame);
        // The gateway's frames are read in order: once a question sent after it is answered,
        // the frame has been read, and quoted or not.
        first_quote(&fake, "王小川怎麼看價格戰?").await;
        bot.signal(libc::SIGTERM);
        let (status, log) = bot.wait_for_exit(EXIT_PATIENCE).await;
        assert_eq!(status.code(), Some(0), "{log}");
        assert_eq!(
            log.contains("a secret in someone's message"),
            quoted,
            "RUST_LOG={filter:?}:\n{log}"
        );
    }
}
