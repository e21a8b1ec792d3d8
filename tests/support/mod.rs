//! A fake Discord on 127.0.0.1 that the real serenity client connects to: a REST API (hyper)
//! and a WebSocket gateway (tokio-tungstenite), on two loopback ports.
//!
//! The REST side records every request the bot makes and answers it the way Discord would,
//! closely enough for serenity to parse. `GET /gateway` hands out the fake gateway, which says
//! HELLO, answers IDENTIFY with READY, RESUME with RESUMED, and heartbeats with ACKs. Tests
//! inject events with [`FakeDiscord::dispatch`], which first parses each payload with
//! serenity's own types, because serenity silently drops an event it cannot parse and the test
//! would then wait for nothing.
//!
//! Every recorded request is appended to `target/discord-transcript.jsonl` (one JSON object a
//! line: test, method, path, body) for `.ci/check-transcript.py`, which validates the bodies
//! against Discord's OpenAPI description. The fake itself checks the one rule no schema can:
//! every message the bot sends disables all mentions.

pub mod payloads;

use std::convert::Infallible;
use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Frame;

use verbatim::discord::{Bot, Plugin, Settings};
use verbatim::knowledge::Knowledge;
use verbatim::search::Engine;

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

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The JSON body, or `null` when there was none.
    pub body: Value,
}

/// The fake Discord. Dropping it stops it and appends its requests to the transcript.
pub struct FakeDiscord {
    /// The REST base, for `HttpBuilder::proxy` or `VERBATIM_DISCORD_PROXY`.
    pub url: String,
    state: Arc<State>,
    servers: Vec<JoinHandle<()>>,
}

struct State {
    test: String,
    gateway_url: String,
    rejecting: Rejecting,
    requests: Mutex<Vec<Request>>,
    /// Bumped on every recorded request, so waiters wake up.
    request_count: watch::Sender<usize>,
    /// Messages the bot sent that could ping someone.
    violations: Mutex<Vec<String>>,
    /// The live gateway connection, once it has a session.
    connection: Mutex<Option<mpsc::UnboundedSender<Outgoing>>>,
    /// Sessions established so far: READY or RESUMED sent.
    sessions: watch::Sender<usize>,
    identifies: AtomicU64,
    resumes: AtomicU64,
    sequence: AtomicU64,
    next_id: AtomicU64,
}

/// Where the fake refuses the bot's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rejecting {
    Nothing,
    Everywhere,
    AtTheGateway,
}

enum Outgoing {
    Frame(String),
    /// Drop the connection without a close frame, like a network failure.
    Drop,
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
            violations: Mutex::new(Vec::new()),
            connection: Mutex::new(None),
            sessions: watch::channel(0).0,
            identifies: AtomicU64::new(0),
            resumes: AtomicU64::new(0),
            sequence: AtomicU64::new(0),
            next_id: AtomicU64::new(900000000000000000),
        });
        let servers = vec![
            tokio::spawn(serve_rest(rest, state.clone())),
            tokio::spawn(serve_gateway(gateway, state.clone())),
        ];
        FakeDiscord {
            url,
            state,
            servers,
        }
    }

    /// Sends a gateway event (`t` and `d` of a dispatch), after checking that serenity parses
    /// it as that event. Waits for a live session first.
    pub async fn dispatch(&self, event: &str, data: Value) {
        self.wait_for_sessions(1).await;
        let sequence = self.state.sequence.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({ "op": 0, "t": event, "s": sequence, "d": data });
        assert_serenity_parses(event, &frame);
        let connection = self
            .state
            .connection
            .lock()
            .unwrap()
            .clone()
            .expect("a live gateway connection");
        connection
            .send(Outgoing::Frame(frame.to_string()))
            .expect("the gateway connection is open");
    }

    /// Drops the gateway connection without a close frame, like a network failure.
    pub fn drop_gateway(&self) {
        if let Some(connection) = self.state.connection.lock().unwrap().take() {
            let _ = connection.send(Outgoing::Drop);
        }
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

    /// Waits for the interaction callback (`POST /interactions/{id}/{token}/callback`) of
    /// interaction `id` and returns its body.
    pub async fn callback(&self, interaction_id: u64) -> Value {
        let prefix = format!("/api/v10/interactions/{interaction_id}/");
        let what = format!("the response to interaction {interaction_id}");
        self.wait_for(&what, |r| r.method == "POST" && r.path.starts_with(&prefix))
            .await
            .body
    }

    /// Waits for the bot's message replying to message `id` and returns its body.
    pub async fn reply_to(&self, message_id: u64) -> Request {
        let id = message_id.to_string();
        let what = format!("a reply to message {message_id}");
        self.wait_for(&what, |r| {
            r.method == "POST"
                && r.path.ends_with("/messages")
                && r.body["message_reference"]["message_id"] == id.as_str()
        })
        .await
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    /// A fresh snowflake, for ids of injected events.
    pub fn new_id(&self) -> u64 {
        self.state.next_id.fetch_add(1, Ordering::SeqCst)
    }

    fn describe_requests(&self) -> String {
        self.requests()
            .iter()
            .map(|r| format!("  {} {} {}\n", r.method, r.path, r.body))
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
        append_to_transcript(&self.state.test, &self.requests());
        if !std::thread::panicking() {
            self.assert_nobody_pinged();
        }
    }
}

/// Checks that serenity parses a dispatch frame as the event it claims to be.
fn assert_serenity_parses(event: &str, frame: &Value) {
    let parsed: GatewayEvent = match serde_json::from_value(frame.clone()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("serenity cannot parse this {event}: {error}\n{frame:#}"),
    };
    let known = match parsed {
        GatewayEvent::Dispatch(_, Event::InteractionCreate(_)) => event == "INTERACTION_CREATE",
        GatewayEvent::Dispatch(_, Event::MessageCreate(_)) => event == "MESSAGE_CREATE",
        GatewayEvent::Dispatch(_, Event::Ready(_)) => event == "READY",
        GatewayEvent::Dispatch(_, Event::Resumed(_)) => event == "RESUMED",
        _ => false,
    };
    if !known {
        // Say why: serenity reads an event it cannot parse as an unknown one.
        let data = frame["d"].clone();
        let error = match event {
            "MESSAGE_CREATE" => {
                serde_json::from_value::<serenity::model::channel::Message>(data).err()
            }
            "INTERACTION_CREATE" => {
                serde_json::from_value::<serenity::model::application::Interaction>(data).err()
            }
            _ => None,
        };
        panic!("serenity does not read this as a {event} ({error:?}):\n{frame:#}");
    }
}

/// The transcript of this test run: truncated by the first test to write to it, appended to
/// by every other. Test binaries run one after another, so one process owns it at a time.
fn append_to_transcript(test: &str, requests: &[Request]) {
    static TRANSCRIPT: OnceLock<Mutex<File>> = OnceLock::new();
    let transcript = TRANSCRIPT.get_or_init(|| {
        let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("the target directory")
            .to_owned();
        Mutex::new(
            File::create(target.join("discord-transcript.jsonl")).expect("create the transcript"),
        )
    });
    let mut lines = String::new();
    for request in requests {
        let line = json!({ "test": test, "method": request.method, "path": request.path, "body": request.body });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    let mut file = transcript
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    file.write_all(lines.as_bytes())
        .expect("write the transcript");
}

async fn serve_rest(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| rest(state.clone(), request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn rest(
    state: Arc<State>,
    request: hyper::Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let authorized = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        == Some(&format!("Bot {TOKEN}"));
    let bytes = match request.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    let request = Request { method, path, body };
    let response = if state.rejecting == Rejecting::Everywhere || !authorized {
        reply(
            StatusCode::UNAUTHORIZED,
            json!({ "message": "401: Unauthorized", "code": 0 }),
        )
    } else {
        answer(&state, &request)
    };
    state.record(request);
    Ok(response)
}

/// Discord's answer to an authorised request.
fn answer(state: &State, request: &Request) -> Response<Full<Bytes>> {
    let path = request
        .path
        .strip_prefix("/api/v10/")
        .unwrap_or(&request.path);
    let segments: Vec<&str> = path.split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => reply(StatusCode::OK, json!({ "url": state.gateway_url })),
        ("GET", ["gateway", "bot"]) => reply(
            StatusCode::OK,
            json!({
                "url": state.gateway_url,
                "shards": 1,
                "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 },
            }),
        ),
        ("GET", ["users", "@me"]) => reply(StatusCode::OK, payloads::user(payloads::VERBATIM)),
        ("PUT", ["applications", _, "commands"]) => {
            reply(StatusCode::OK, registered(&request.body, None))
        }
        ("PUT", ["applications", _, "guilds", guild, "commands"]) => {
            reply(StatusCode::OK, registered(&request.body, Some(guild)))
        }
        ("POST", ["interactions", _, _, "callback"]) => Response::builder()
            .status(StatusCode::NO_CONTENT)
            .body(Full::new(Bytes::new()))
            .expect("a valid response"),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            let id = state.next_id.fetch_add(1, Ordering::SeqCst);
            reply(
                StatusCode::OK,
                payloads::sent_message(id, &CHANNEL_ID.to_string(), &request.body),
            )
        }
        ("POST", ["channels", channel, "messages"]) => {
            let id = state.next_id.fetch_add(1, Ordering::SeqCst);
            reply(
                StatusCode::OK,
                payloads::sent_message(id, channel, &request.body),
            )
        }
        _ => reply(
            StatusCode::NOT_FOUND,
            json!({ "message": "404: Not Found", "code": 0 }),
        ),
    }
}

/// The commands as Discord returns them after a bulk overwrite: as sent, plus ids.
fn registered(body: &Value, guild: Option<&str>) -> Value {
    let commands = body.as_array().cloned().unwrap_or_default();
    let commands: Vec<Value> = commands
        .into_iter()
        .enumerate()
        .map(|(index, mut command)| {
            command["id"] = json!((600000000000000000u64 + index as u64).to_string());
            command["application_id"] = json!(APPLICATION_ID.to_string());
            command["version"] = json!("1");
            command["default_member_permissions"] = Value::Null;
            if command.get("type").is_none() {
                command["type"] = json!(1);
            }
            if command.get("description").is_none() {
                command["description"] = json!("");
            }
            if let Some(guild) = guild {
                command["guild_id"] = json!(guild);
            }
            command
        })
        .collect();
    Value::Array(commands)
}

fn reply(status: StatusCode, body: Value) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a valid response")
}

impl State {
    fn record(&self, request: Request) {
        if let Some(problem) = could_ping(&request) {
            self.violations.lock().unwrap().push(problem);
        }
        self.requests.lock().unwrap().push(request);
        self.request_count.send_modify(|count| *count += 1);
    }

    fn connected(&self, connection: mpsc::UnboundedSender<Outgoing>) {
        *self.connection.lock().unwrap() = Some(connection);
        self.sessions.send_modify(|count| *count += 1);
    }
}

/// Why a request's message could ping someone, if it could: every message must carry
/// `allowed_mentions` that allow nothing.
fn could_ping(request: &Request) -> Option<String> {
    let message = if request.path.ends_with("/callback") {
        match request.body["type"].as_u64() {
            Some(4 | 7) => &request.body["data"],
            _ => return None,
        }
    } else if request.path.ends_with("/messages") || request.path.ends_with("/@original") {
        &request.body
    } else {
        return None;
    };
    let says_something = ["content", "embeds"]
        .iter()
        .any(|field| !message[*field].is_null());
    let mentions = &message["allowed_mentions"];
    let empty = |field: &str| {
        mentions[field].is_null() || mentions[field].as_array().is_some_and(|a| a.is_empty())
    };
    let silent = mentions.is_object()
        && empty("parse")
        && empty("users")
        && empty("roles")
        && mentions["replied_user"] != json!(true);
    (says_something && !silent).then(|| {
        format!(
            "{} {}: allowed_mentions = {}",
            request.method, request.path, mentions
        )
    })
}

async fn serve_gateway(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(gateway_connection(stream, state.clone()));
    }
}

/// One gateway connection: HELLO, then IDENTIFY → READY, RESUME → RESUMED, HEARTBEAT → ACK,
/// and whatever the test dispatches.
async fn gateway_connection(stream: TcpStream, state: Arc<State>) {
    let Ok(socket) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut incoming) = socket.split();
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    let hello = json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": 41250 } });
    if sink.send(Frame::Text(hello.to_string())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = incoming.next() => {
                let Some(Ok(frame)) = frame else { return };
                let Frame::Text(text) = frame else { continue };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                match payload["op"].as_u64() {
                    Some(1) => {
                        let ack = json!({ "op": 11, "s": null, "t": null, "d": null });
                        if sink.send(Frame::Text(ack.to_string())).await.is_err() {
                            return;
                        }
                    }
                    Some(2) => {
                        state.identifies.fetch_add(1, Ordering::SeqCst);
                        let token = payload["d"]["token"].as_str().unwrap_or_default();
                        if state.rejecting != Rejecting::Nothing || token.trim_start_matches("Bot ") != TOKEN {
                            let close = CloseFrame { code: CloseCode::Library(4004), reason: "Authentication failed.".into() };
                            let _ = sink.send(Frame::Close(Some(close))).await;
                            return;
                        }
                        let ready = state.dispatch_frame("READY", ready(&state.gateway_url));
                        if sink.send(Frame::Text(ready)).await.is_err() {
                            return;
                        }
                        state.connected(sender.clone());
                    }
                    Some(6) => {
                        state.resumes.fetch_add(1, Ordering::SeqCst);
                        let resumed = state.dispatch_frame("RESUMED", json!({}));
                        if sink.send(Frame::Text(resumed)).await.is_err() {
                            return;
                        }
                        state.connected(sender.clone());
                    }
                    _ => {}
                }
            }
            command = outgoing.recv() => match command {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(Frame::Text(text)).await.is_err() {
                        return;
                    }
                }
                Some(Outgoing::Drop) | None => return,
            },
        }
    }
}

impl State {
    fn dispatch_frame(&self, event: &str, data: Value) -> String {
        let sequence = self.sequence.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({ "op": 0, "t": event, "s": sequence, "d": data });
        assert_serenity_parses(event, &frame);
        frame.to_string()
    }
}

fn ready(gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": payloads::user(payloads::VERBATIM),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "shard": [0, 1],
        "application": { "id": APPLICATION_ID.to_string(), "flags": 0 },
        "private_channels": [],
    })
}

/// The engine every test shares: building the index once keeps the suite quick.
pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            Arc::new(Engine::new(Knowledge::embedded()).expect("the embedded pack indexes"))
        })
        .clone()
}

/// Settings for tests: no cooldown (tests that want one set it), no deferral.
pub fn settings() -> Settings {
    Settings {
        cooldown: Duration::ZERO,
        ..Settings::default()
    }
}

/// A fake Discord with verbatim's own bot connected to it, registering commands to the test
/// server. The bot runs until the test's runtime ends.
pub async fn start_bot(settings: Settings) -> FakeDiscord {
    start_bot_in(settings, Some(GUILD_ID)).await
}

/// Like [`start_bot`], registering globally when `guild` is `None`.
pub async fn start_bot_in(settings: Settings, guild: Option<u64>) -> FakeDiscord {
    let plugin = Plugin::new(engine(), settings);
    start_client(Bot::new(plugin, guild)).await
}

/// A fake Discord with a serenity client running `handler` connected to it.
pub async fn start_client(handler: impl serenity::client::EventHandler + 'static) -> FakeDiscord {
    let fake = FakeDiscord::start().await;
    let http = serenity::http::HttpBuilder::new(TOKEN)
        .proxy(&fake.url)
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::client::ClientBuilder::new_with_http(http, Plugin::INTENTS)
        .event_handler(handler)
        .await
        .expect("the serenity client builds");
    tokio::spawn(async move {
        if let Err(error) = client.start().await {
            eprintln!("the bot stopped: {error}");
        }
    });
    fake.wait_for_sessions(1).await;
    fake
}
