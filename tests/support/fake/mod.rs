//! A fake Discord on 127.0.0.1 that the real serenity client connects to: a REST API (`rest`,
//! hyper) and a WebSocket gateway (`gateway`, tokio-tungstenite), on two loopback ports.
//!
//! The REST side records every request the bot makes and answers it the way Discord would,
//! closely enough for serenity to parse, with two of Discord's rules that make retries safe: an
//! interaction takes one response (a second gets error 40060), and a message whose nonce is
//! enforced is posted once (a repeat returns the first). `GET /gateway` hands out the fake
//! gateway, which says HELLO, answers IDENTIFY with READY, RESUME with the events the bot missed
//! and RESUMED, and heartbeats with ACKs. Tests inject events with [`FakeDiscord::dispatch`],
//! which first parses each payload with serenity's own types, because serenity silently drops
//! an event it cannot parse and the test would then wait for nothing.
//!
//! Faults on demand: [`FakeDiscord::inject`] makes the next requests to an endpoint fail (500,
//! 429); [`FakeDiscord::drop_gateway`], [`FakeDiscord::close_gateway`] and
//! [`FakeDiscord::invalidate_session`] break the gateway connection the ways Discord does.
//!
//! Every recorded request goes to the transcript (`transcript`) for `.ci/check-transcript.py`,
//! which validates the bodies against Discord's OpenAPI description. The fake itself checks the
//! one rule no schema can: every message the bot sends disables all mentions.
//!
//! The fake knows nothing of verbatim: the tests connect verbatim's bot to it, and
//! `examples/fake_discord.rs` runs it on its own, for a bot in a container.

// The tests and the standalone fake each use their own part of it.
#![allow(dead_code)]

mod gateway;
pub mod payloads;
mod rest;
mod transcript;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

/// The only token the fake accepts.
pub const TOKEN: &str = "fake-token-for-tests.verbatim.0123456789";
pub const APPLICATION_ID: u64 = 100000000000000001;
/// A bot's user id is its application's id.
pub const BOT_USER_ID: u64 = APPLICATION_ID;
pub const GUILD_ID: u64 = 200000000000000002;
pub const CHANNEL_ID: u64 = 300000000000000003;

/// How long a test waits for the bot before it fails: a guard against hanging forever, not a
/// timing assertion.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// Interaction callback types, the `type` of a response to an interaction.
pub mod callback {
    /// The answer to a PING.
    pub const PONG: u64 = 1;
    /// A message in answer to the interaction.
    pub const MESSAGE: u64 = 4;
    /// "Thinking…": the answer follows as an edit of the original response.
    pub const DEFERRED_MESSAGE: u64 = 5;
    /// The message holding the pressed button, replaced.
    pub const UPDATE_MESSAGE: u64 = 7;
    /// Autocomplete choices.
    pub const AUTOCOMPLETE_RESULT: u64 = 8;
}

/// Message flags.
pub mod flags {
    /// Seen only by the user who used the interaction.
    pub const EPHEMERAL: u64 = 1 << 6;
}

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The JSON body, or `null` when there was none.
    pub body: Value,
    /// Whether it carried the bot's token. Calls under an interaction's own token (its
    /// response, the edits of it) need none.
    pub with_token: bool,
    /// The status the fake answered with.
    pub status: u16,
    /// Whether the fake did what the request asked (it may still have answered with an error).
    pub done: bool,
    /// When the fake received it.
    pub at: Instant,
}

/// The REST endpoints faults and rate limits can be set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `POST /interactions/{id}/{token}/callback`.
    InteractionCallback,
    /// `PATCH /webhooks/{application}/{token}/messages/@original`.
    EditOriginal,
    /// `POST /channels/{id}/messages`.
    ChannelMessage,
    /// `PUT /applications/{id}/commands` and `PUT /applications/{id}/guilds/{id}/commands`.
    RegisterCommands,
}

/// What the fake does to a request instead of answering it normally.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// 500, having done nothing.
    ServerError,
    /// Does the work, then answers 500, as when Discord's answer is lost on its way back.
    ServerErrorAfterDoing,
    /// 429 with `retry_after` (seconds) in the body and in the `Retry-After` header (rounded
    /// up, as Discord does), having done nothing.
    RateLimited { retry_after: f64 },
    /// A global 429 (`"global": true`, `X-RateLimit-Global`): every route waits `retry_after`.
    GloballyRateLimited { retry_after: f64 },
    /// Closes the connection without an answer, having done nothing.
    Dropped,
    /// Answers normally, after this long.
    Slow(Duration),
    /// Does the work, then never answers: the bot is left to give up on it.
    HangAfterDoing,
    /// Answers with this status and this body, having done nothing.
    Status { status: u16, body: &'static str },
}

/// How long Discord takes an interaction's response, and then edits of it, after the
/// interaction was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windows {
    pub respond: Duration,
    pub edit: Duration,
}

impl Windows {
    /// Discord's: 3 seconds to respond, 15 minutes to edit.
    pub const DISCORD: Windows = Windows {
        respond: Duration::from_secs(3),
        edit: Duration::from_secs(15 * 60),
    };
}

/// How many requests each bucket of an endpoint takes per window, as Discord's
/// `X-RateLimit-*` headers tell: a bucket is a route and its major parameter (a channel, an
/// interaction, a webhook token). Beyond it, the fake answers 429 as Discord does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u32,
    pub window: Duration,
}

impl RateLimit {
    /// What every endpoint takes unless a test says otherwise: more than any test sends.
    pub const GENEROUS: RateLimit = RateLimit {
        limit: 50,
        window: Duration::from_secs(1),
    };
}

/// The fake Discord. Dropping it stops it and appends its requests to the transcript.
pub struct FakeDiscord {
    /// The REST base, for `HttpBuilder::proxy` or `VERBATIM_DISCORD_PROXY`.
    pub url: String,
    state: Arc<State>,
    servers: Vec<JoinHandle<()>>,
}

/// Everything the REST API and the gateway share.
struct State {
    test: String,
    gateway_url: String,
    rejecting: Rejecting,
    requests: Mutex<Vec<Request>>,
    /// Bumped on every recorded request, so waiters wake up.
    request_count: watch::Sender<usize>,
    /// The method and path of every request, as it arrives (before any fault delays it).
    arrivals: watch::Sender<Vec<String>>,
    /// Messages the bot sent that could ping someone.
    violations: Mutex<Vec<String>>,
    /// Each gateway shard the bot connected, by shard id.
    shards: Mutex<BTreeMap<u32, gateway::Shard>>,
    /// How many shards the bot said it runs in all, in its IDENTIFY.
    shard_count: AtomicU32,
    /// How many shards `GET /gateway/bot` recommends.
    recommended_shards: AtomicU32,
    /// Sessions established so far: READY or RESUMED sent.
    sessions: watch::Sender<usize>,
    identifies: AtomicU64,
    resumes: AtomicU64,
    next_id: AtomicU64,
    /// Close codes of the close frames the bot sent.
    closes: watch::Sender<Vec<Option<u16>>>,
    /// Faults waiting for their endpoint, in order.
    faults: Mutex<Vec<(Endpoint, Fault)>>,
    /// The rate limits set for endpoints; the others are [`RateLimit::GENEROUS`].
    rate_limits: Mutex<HashMap<Endpoint, RateLimit>>,
    /// Each bucket's window: when it started and how many requests it took.
    buckets: Mutex<HashMap<String, (Instant, u32)>>,
    /// Requests refused with 429 because their bucket was empty: a bot that reads the headers
    /// never meets one.
    overdrawn: Mutex<Vec<String>>,
    /// Interactions already responded to.
    acknowledged: Mutex<HashSet<String>>,
    /// When each interaction was dispatched, by its id and by its token, for [`Windows`].
    created: Mutex<HashMap<String, Instant>>,
    windows: Mutex<Windows>,
    /// Messages posted with an enforced nonce, by nonce.
    nonces: Mutex<HashMap<String, Value>>,
    /// Every message posted to a channel, once each.
    posted: Mutex<Vec<Value>>,
    /// Messages a test put in channels, by id, for `GET /channels/{id}/messages/{id}`.
    messages: Mutex<HashMap<String, Value>>,
    /// The commands registered, by the path they were registered at, as Discord lists them.
    commands: Mutex<HashMap<String, Value>>,
}

/// Where the fake refuses the bot's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rejecting {
    Nothing,
    Everywhere,
    AtTheGateway,
}

impl FakeDiscord {
    /// A fake that accepts [`TOKEN`].
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(Rejecting::Nothing).await
    }

    /// A fake that answers every REST call with 401 and closes the gateway with 4004, as
    /// Discord does for a bad token.
    pub async fn rejecting_every_token() -> FakeDiscord {
        FakeDiscord::start_with(Rejecting::Everywhere).await
    }

    /// A fake whose REST API accepts the token and whose gateway closes with 4004
    /// ("Authentication failed") on IDENTIFY.
    pub async fn rejecting_at_the_gateway() -> FakeDiscord {
        FakeDiscord::start_with(Rejecting::AtTheGateway).await
    }

    async fn start_with(rejecting: Rejecting) -> FakeDiscord {
        let rest = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake REST API");
        let gateway = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake gateway");
        let url = format!("http://{}", rest.local_addr().expect("REST address"));
        let gateway_url = format!("ws://{}", gateway.local_addr().expect("gateway address"));
        let state = Arc::new(State {
            test: std::thread::current()
                .name()
                .unwrap_or("unnamed")
                .to_owned(),
            gateway_url,
            rejecting,
            requests: Mutex::new(Vec::new()),
            request_count: watch::channel(0).0,
            arrivals: watch::channel(Vec::new()).0,
            violations: Mutex::new(Vec::new()),
            shards: Mutex::new(BTreeMap::new()),
            shard_count: AtomicU32::new(1),
            recommended_shards: AtomicU32::new(1),
            sessions: watch::channel(0).0,
            identifies: AtomicU64::new(0),
            resumes: AtomicU64::new(0),
            next_id: AtomicU64::new(900000000000000000),
            closes: watch::channel(Vec::new()).0,
            faults: Mutex::new(Vec::new()),
            rate_limits: Mutex::new(HashMap::new()),
            buckets: Mutex::new(HashMap::new()),
            overdrawn: Mutex::new(Vec::new()),
            acknowledged: Mutex::new(HashSet::new()),
            created: Mutex::new(HashMap::new()),
            windows: Mutex::new(Windows::DISCORD),
            nonces: Mutex::new(HashMap::new()),
            posted: Mutex::new(Vec::new()),
            messages: Mutex::new(HashMap::new()),
            commands: Mutex::new(HashMap::new()),
        });
        let servers = vec![
            tokio::spawn(rest::serve(rest, state.clone())),
            tokio::spawn(gateway::serve(gateway, state.clone())),
        ];
        FakeDiscord {
            url,
            state,
            servers,
        }
    }

    /// Sends a gateway event (`t` and `d` of a dispatch) to the shard its server belongs to
    /// (shard 0 for a DM), after checking that serenity parses it as that event. Waits for the
    /// first session; while the shard is disconnected, the event waits for its RESUME, as on
    /// Discord.
    pub async fn dispatch(&self, event: &str, data: Value) {
        self.wait_for_sessions(1).await;
        if event == "INTERACTION_CREATE" {
            let now = Instant::now();
            let mut created = self.state.created.lock().unwrap();
            for key in [&data["id"], &data["token"]] {
                if let Some(key) = key.as_str() {
                    created.entry(key.to_owned()).or_insert(now);
                }
            }
        }
        let guild = data["guild_id"].as_str().and_then(|id| id.parse().ok());
        let shard = guild.map_or(0, |guild| {
            shard_of(guild, self.state.shard_count.load(Ordering::SeqCst))
        });
        let mut shards = self.state.shards.lock().unwrap();
        shards.entry(shard).or_default().dispatch(event, data);
    }

    /// Records that `interaction` reached an HTTP endpoint, not this fake's gateway, at this
    /// moment, and that the endpoint acknowledges it in its HTTP answer: from now on the fake
    /// takes edits to it, within Discord's windows.
    pub fn answered_over_http(&self, interaction: &Value) {
        let now = Instant::now();
        let mut created = self.state.created.lock().unwrap();
        for key in [&interaction["id"], &interaction["token"]] {
            if let Some(key) = key.as_str() {
                created.entry(key.to_owned()).or_insert(now);
            }
        }
        if let Some(id) = interaction["id"].as_str() {
            self.state
                .acknowledged
                .lock()
                .unwrap()
                .insert(id.to_owned());
        }
    }

    /// Sends `frame` as it is, whatever it holds, on every live gateway connection: for what
    /// serenity cannot parse.
    pub fn send_raw(&self, frame: &str) {
        for shard in self.state.shards.lock().unwrap().values() {
            if let Some(connection) = &shard.connection {
                let _ = connection.send(gateway::Outgoing::Frame(frame.to_owned()));
            }
        }
    }

    /// Sets how long responses to interactions, and edits of them, are taken.
    pub fn windows(&self, windows: Windows) {
        *self.state.windows.lock().unwrap() = windows;
    }

    /// Drops every gateway connection without a close frame, like a network failure.
    pub fn drop_gateway(&self) {
        self.state.disconnect(|| gateway::Outgoing::Drop);
    }

    /// Closes every gateway connection with a close code, as Discord does.
    pub fn close_gateway(&self, code: u16) {
        self.state.disconnect(|| gateway::Outgoing::Close(code));
    }

    /// Sends an invalid session (opcode 9) on every connection. When it is not `resumable`, the
    /// session is gone: a RESUME gets another invalid session, and only a fresh IDENTIFY gets a
    /// new one.
    pub fn invalidate_session(&self, resumable: bool) {
        for shard in self.state.shards.lock().unwrap().values_mut() {
            shard.resumable = resumable;
        }
        self.state
            .disconnect(|| gateway::Outgoing::Frame(gateway::invalid_session(resumable)));
    }

    /// Makes `GET /gateway/bot` recommend `count` shards.
    pub fn recommend_shards(&self, count: u32) {
        self.state.recommended_shards.store(count, Ordering::SeqCst);
    }

    /// Waits for the bot to send a close frame with `code` and returns every close code seen.
    pub async fn wait_for_close(&self, code: u16) -> Vec<Option<u16>> {
        let mut closes = self.state.closes.subscribe();
        let waited = tokio::time::timeout(
            PATIENCE,
            closes.wait_for(|codes| codes.contains(&Some(code))),
        )
        .await;
        let seen = self.state.closes.borrow().clone();
        assert!(
            waited.is_ok(),
            "the bot sent no close frame with code {code}; it sent {seen:?}"
        );
        seen
    }

    /// Makes the next requests to `endpoint` fail with `faults`, one fault a request, in order.
    pub fn inject(&self, endpoint: Endpoint, faults: &[Fault]) {
        let mut waiting = self.state.faults.lock().unwrap();
        waiting.extend(faults.iter().map(|fault| (endpoint, *fault)));
    }

    /// Puts `message` (a message body) where `GET /channels/{id}/messages/{id}` finds it.
    pub fn put_message(&self, message: Value) {
        let id = message["id"]
            .as_str()
            .expect("a message has an id")
            .to_owned();
        self.state.messages.lock().unwrap().insert(id, message);
    }

    /// Sets how many requests each bucket of `endpoint` takes per window.
    pub fn rate_limit(&self, endpoint: Endpoint, limit: RateLimit) {
        self.state
            .rate_limits
            .lock()
            .unwrap()
            .insert(endpoint, limit);
    }

    /// The buckets the bot overdrew, one entry per request refused with 429 for it, not
    /// counting the 429s a test injected.
    pub fn overdrawn(&self) -> Vec<String> {
        self.state.overdrawn.lock().unwrap().clone()
    }

    /// Every message posted to a channel, once each (a repeat with the same nonce is not a
    /// second message).
    pub fn posted_messages(&self) -> Vec<Value> {
        self.state.posted.lock().unwrap().clone()
    }

    /// Waits until `count` gateway sessions have been established (READY or RESUMED).
    pub async fn wait_for_sessions(&self, count: usize) {
        let mut sessions = self.state.sessions.subscribe();
        let waited = tokio::time::timeout(PATIENCE, sessions.wait_for(|n| *n >= count)).await;
        assert!(
            waited.is_ok(),
            "the bot did not establish gateway session {count}"
        );
    }

    /// How many times the bot identified and resumed.
    pub fn identifies_and_resumes(&self) -> (u64, u64) {
        (
            self.state.identifies.load(Ordering::SeqCst),
            self.state.resumes.load(Ordering::SeqCst),
        )
    }

    /// Waits until the requests made so far satisfy `enough`; fails the test, listing every
    /// request seen, when they never do.
    pub async fn wait_until(&self, what: &str, enough: impl Fn(&[Request]) -> bool) {
        let mut count = self.state.request_count.subscribe();
        let waited = tokio::time::timeout(PATIENCE, async {
            while !enough(&self.requests()) {
                count.changed().await.expect("the fake is running");
            }
        })
        .await;
        if waited.is_err() {
            panic!(
                "waited in vain for {what}; the bot made these requests:\n{}",
                self.describe_requests()
            );
        }
    }

    /// Waits for the first request matching `wanted` and returns it; fails the test, listing
    /// every request seen, when none comes.
    pub async fn wait_for(&self, what: &str, wanted: impl Fn(&Request) -> bool) -> Request {
        let mut count = self.state.request_count.subscribe();
        let found = tokio::time::timeout(PATIENCE, async {
            loop {
                if let Some(request) = self.requests().into_iter().find(|r| wanted(r)) {
                    return request;
                }
                count.changed().await.expect("the fake is running");
            }
        })
        .await;
        match found {
            Ok(request) => {
                self.assert_nobody_pinged();
                request
            }
            Err(_) => panic!(
                "waited in vain for {what}; the bot made these requests:\n{}",
                self.describe_requests()
            ),
        }
    }

    /// Waits until a request whose method and path (`POST /api/v10/…`) satisfy `wanted` has
    /// arrived, though the fake may not have answered it yet.
    pub async fn wait_for_arrival(&self, what: &str, wanted: impl Fn(&str) -> bool) {
        let mut arrivals = self.state.arrivals.subscribe();
        let arrived = tokio::time::timeout(
            PATIENCE,
            arrivals.wait_for(|arrived| arrived.iter().any(|request| wanted(request))),
        )
        .await;
        assert!(
            arrived.is_ok(),
            "{what} never arrived:\n{}",
            self.describe_requests()
        );
    }

    /// Waits for the interaction callback (`POST /interactions/{id}/{token}/callback`) of
    /// interaction `id` that took effect and returns its body.
    pub async fn callback(&self, interaction_id: u64) -> Value {
        let prefix = format!("/api/v10/interactions/{interaction_id}/");
        let what = format!("the response to interaction {interaction_id}");
        self.wait_for(&what, |r| {
            r.done && r.method == "POST" && r.path.starts_with(&prefix)
        })
        .await
        .body
    }

    /// Waits for the bot's message replying to message `id` that was posted and returns it.
    pub async fn reply_to(&self, message_id: u64) -> Request {
        let id = message_id.to_string();
        let what = format!("a reply to message {message_id}");
        self.wait_for(&what, |r| {
            r.done
                && r.method == "POST"
                && r.path.ends_with("/messages")
                && r.body["message_reference"]["message_id"] == id.as_str()
        })
        .await
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    /// Sends slash command `name` with `options` as `who`, in `locale`, and waits for the bot's
    /// response to it. Returns the interaction's id and the response.
    pub async fn command(
        &self,
        who: payloads::Someone,
        locale: &str,
        name: &str,
        options: Value,
    ) -> (u64, Value) {
        let id = self.send_command(who, locale, name, options).await;
        (id, self.callback(id).await)
    }

    /// Asks `question` with `/ask` as `who`, in `locale`, and waits for the bot's response.
    /// Returns the interaction's id and the response.
    pub async fn ask(&self, who: payloads::Someone, locale: &str, question: &str) -> (u64, Value) {
        let options = serde_json::json!([payloads::string_option("question", question)]);
        self.command(who, locale, "ask", options).await
    }

    /// Sends slash command `name` with `options` as `who`, in `locale`, without waiting for
    /// the bot; returns the interaction's id.
    pub async fn send_command(
        &self,
        who: payloads::Someone,
        locale: &str,
        name: &str,
        options: Value,
    ) -> u64 {
        let id = self.new_id();
        self.dispatch(
            "INTERACTION_CREATE",
            payloads::slash(id, who, locale, name, options),
        )
        .await;
        id
    }

    /// Sends a message from `who` in the test channel mentioning the bot, then `text`, without
    /// waiting for the bot; returns the message's id.
    pub async fn mention(&self, who: payloads::Someone, text: &str) -> u64 {
        let id = self.new_id();
        let content = format!("<@{BOT_USER_ID}> {text}");
        let message = payloads::message(id, who, &content, &[payloads::VERBATIM]);
        self.dispatch("MESSAGE_CREATE", message).await;
        id
    }

    /// The requests responding to interaction `id` (`POST /interactions/{id}/…`), in order.
    pub fn responses_to(&self, interaction: u64) -> Vec<Request> {
        let prefix = format!("/api/v10/interactions/{interaction}/");
        self.requests()
            .into_iter()
            .filter(|r| r.path.starts_with(&prefix))
            .collect()
    }

    /// A fresh snowflake, for ids of injected events.
    pub fn new_id(&self) -> u64 {
        self.state.next_id.fetch_add(1, Ordering::SeqCst)
    }

    fn describe_requests(&self) -> String {
        self.requests()
            .iter()
            .map(|r| format!("  {} {} → {} {}\n", r.method, r.path, r.status, r.body))
            .collect()
    }

    fn assert_nobody_pinged(&self) {
        let violations = self.state.violations.lock().unwrap().clone();
        assert!(
            violations.is_empty(),
            "the bot sent messages that could ping someone:\n{}",
            violations.join("\n")
        );
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for server in &self.servers {
            server.abort();
        }
        transcript::append(&self.state.test, &self.requests());
        if !std::thread::panicking() {
            self.assert_nobody_pinged();
            let overdrawn = self.overdrawn();
            assert!(
                overdrawn.is_empty(),
                "the bot ignored Discord's rate-limit headers and overdrew {overdrawn:?}"
            );
        }
    }
}

impl State {
    fn record(&self, request: Request) {
        if let Some(problem) = rest::could_ping(&request) {
            self.violations.lock().unwrap().push(problem);
        }
        self.requests.lock().unwrap().push(request);
        self.request_count.send_modify(|count| *count += 1);
    }

    /// A session of `shard` started or resumed on `connection`.
    fn connected(&self, shard: u32, connection: mpsc::UnboundedSender<gateway::Outgoing>) {
        self.shards
            .lock()
            .unwrap()
            .entry(shard)
            .or_default()
            .connection = Some(connection);
        self.sessions.send_modify(|count| *count += 1);
    }

    /// Tells every live connection to end as `how` says.
    fn disconnect(&self, how: impl Fn() -> gateway::Outgoing) {
        for shard in self.shards.lock().unwrap().values_mut() {
            if let Some(connection) = shard.connection.take() {
                let _ = connection.send(how());
            }
        }
    }

    /// A fresh snowflake, for messages the fake makes.
    fn new_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }
}

/// The shard Discord sends a server's events to, of `total`.
pub fn shard_of(guild: u64, total: u32) -> u32 {
    ((guild >> 22) % u64::from(total.max(1))) as u32
}
