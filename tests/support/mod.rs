//! A fake Discord on 127.0.0.1 that the real serenity client connects to: a REST API (hyper)
//! and a WebSocket gateway (tokio-tungstenite), on two loopback ports.
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
//! Every recorded request is appended to `target/discord-transcript.jsonl` (one JSON object a
//! line: binary, test, method, path, status, body) for `.ci/check-transcript.py`, which
//! validates the bodies against Discord's OpenAPI description. The fake itself checks the one
//! rule no schema can: every message the bot sends disables all mentions.

// Each test binary uses its own part of the fake.
#![allow(dead_code)]

pub mod packs;
pub mod payloads;

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::fs::File;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

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
    /// The status the fake answered with.
    pub status: u16,
    /// Whether the fake did what the request asked (it may still have answered with an error).
    pub done: bool,
    /// When the fake received it.
    pub at: Instant,
}

/// The REST endpoints faults can be injected into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /interactions/{id}/{token}/callback`.
    InteractionCallback,
    /// `PATCH /webhooks/{application}/{token}/messages/@original`.
    EditOriginal,
    /// `POST /channels/{id}/messages`.
    ChannelMessage,
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
    /// Every event the tests dispatched, by sequence number, for replaying on RESUME.
    dispatched: Mutex<Vec<(u64, String)>>,
    /// The sequence number of the current session's READY: events before it are not replayed.
    session_start: AtomicU64,
    /// False after an invalid session: a RESUME is then answered with another one.
    resumable: AtomicBool,
    /// Close codes of the close frames the bot sent.
    closes: watch::Sender<Vec<Option<u16>>>,
    /// Faults waiting for their endpoint, in order.
    faults: Mutex<Vec<(Endpoint, Fault)>>,
    /// Interactions already responded to.
    acknowledged: Mutex<HashSet<String>>,
    /// Messages posted with an enforced nonce, by nonce.
    nonces: Mutex<HashMap<String, Value>>,
    /// Every message posted to a channel, once each.
    posted: Mutex<Vec<Value>>,
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
    /// Close the connection with this close code.
    Close(u16),
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
            dispatched: Mutex::new(Vec::new()),
            session_start: AtomicU64::new(0),
            resumable: AtomicBool::new(true),
            closes: watch::channel(Vec::new()).0,
            faults: Mutex::new(Vec::new()),
            acknowledged: Mutex::new(HashSet::new()),
            nonces: Mutex::new(HashMap::new()),
            posted: Mutex::new(Vec::new()),
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
    /// it as that event. Waits for the first session; while the bot is disconnected, the event
    /// waits for its RESUME, as on Discord.
    pub async fn dispatch(&self, event: &str, data: Value) {
        self.wait_for_sessions(1).await;
        let sequence = self.state.sequence.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({ "op": 0, "t": event, "s": sequence, "d": data });
        assert_serenity_parses(event, &frame);
        let frame = frame.to_string();
        self.state
            .dispatched
            .lock()
            .unwrap()
            .push((sequence, frame.clone()));
        let connection = self.state.connection.lock().unwrap().clone();
        if let Some(connection) = connection {
            // A connection closing meanwhile loses the frame; the RESUME replays it.
            let _ = connection.send(Outgoing::Frame(frame));
        }
    }

    /// Drops the gateway connection without a close frame, like a network failure.
    pub fn drop_gateway(&self) {
        if let Some(connection) = self.state.connection.lock().unwrap().take() {
            let _ = connection.send(Outgoing::Drop);
        }
    }

    /// Closes the gateway connection with a close code, as Discord does.
    pub fn close_gateway(&self, code: u16) {
        if let Some(connection) = self.state.connection.lock().unwrap().take() {
            let _ = connection.send(Outgoing::Close(code));
        }
    }

    /// Sends an invalid session (opcode 9). When it is not `resumable`, the session is gone:
    /// a RESUME gets another invalid session, and only a fresh IDENTIFY gets a new one.
    pub fn invalidate_session(&self, resumable: bool) {
        self.state.resumable.store(resumable, Ordering::SeqCst);
        let frame = json!({ "op": 9, "s": null, "t": null, "d": resumable });
        if let Some(connection) = self.state.connection.lock().unwrap().take() {
            let _ = connection.send(Outgoing::Frame(frame.to_string()));
        }
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

    /// A fresh snowflake, for ids of injected events.
    /// Sends slash command `name` with `options` as `who`, in `locale`, and waits for the bot's
    /// response to it. Returns the interaction's id and the response.
    pub async fn command(
        &self,
        who: payloads::Someone,
        locale: &str,
        name: &str,
        options: Value,
    ) -> (u64, Value) {
        let id = self.new_id();
        self.dispatch(
            "INTERACTION_CREATE",
            payloads::slash(id, who, locale, name, options),
        )
        .await;
        (id, self.callback(id).await)
    }

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

/// The transcript of this test run, one file for every test binary. The first test of a binary
/// to write to it drops the lines an earlier run of the same binary left, and every test then
/// appends; test binaries run one after another, so one process owns the file at a time.
fn append_to_transcript(test: &str, requests: &[Request]) {
    const BINARY: &str = env!("CARGO_CRATE_NAME");
    static TRANSCRIPT: OnceLock<Mutex<File>> = OnceLock::new();
    let transcript = TRANSCRIPT.get_or_init(|| {
        let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("the target directory")
            .to_owned();
        let path = target.join("discord-transcript.jsonl");
        let others: String = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|line| {
                serde_json::from_str::<Value>(line)
                    .is_ok_and(|entry| entry["binary"].as_str().is_some_and(|b| b != BINARY))
            })
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(&path, others).expect("rewrite the transcript");
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open the transcript");
        Mutex::new(file)
    });
    let mut lines = String::new();
    for request in requests {
        let line = json!({
            "binary": BINARY,
            "test": test,
            "method": request.method,
            "path": request.path,
            "status": request.status,
            "body": request.body,
        });
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
    let mut request = Request {
        method,
        path,
        body,
        status: 0,
        done: false,
        at: Instant::now(),
    };
    let response = if state.rejecting == Rejecting::Everywhere || !authorized {
        reply(
            StatusCode::UNAUTHORIZED,
            json!({ "message": "401: Unauthorized", "code": 0 }),
        )
    } else {
        match state.take_fault(&request) {
            None => {
                request.done = true;
                answer(&state, &request)
            }
            Some(Fault::ServerErrorAfterDoing) => {
                request.done = true;
                let _lost = answer(&state, &request);
                server_error()
            }
            Some(Fault::ServerError) => server_error(),
            Some(Fault::RateLimited { retry_after }) => rate_limited(retry_after),
        }
    };
    request.status = response.status().as_u16();
    // A refused second response to an interaction did nothing.
    if request.status == 400 {
        request.done = false;
    }
    state.record(request);
    Ok(response)
}

fn server_error() -> Response<Full<Bytes>> {
    reply(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({ "message": "500: Internal Server Error", "code": 0 }),
    )
}

/// Discord's 429: `retry_after` in seconds in the body, and the `Retry-After` header rounded up.
fn rate_limited(retry_after: f64) -> Response<Full<Bytes>> {
    let body = json!({ "message": "You are being rate limited.", "retry_after": retry_after, "global": false, "code": 0 });
    Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header("content-type", "application/json")
        .header("retry-after", retry_after.ceil().to_string())
        .header("x-ratelimit-scope", "user")
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a valid response")
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
        ("POST", ["interactions", interaction, _, "callback"]) => {
            let first = state
                .acknowledged
                .lock()
                .unwrap()
                .insert(interaction.to_string());
            if first {
                Response::builder()
                    .status(StatusCode::NO_CONTENT)
                    .body(Full::new(Bytes::new()))
                    .expect("a valid response")
            } else {
                reply(
                    StatusCode::BAD_REQUEST,
                    json!({ "message": "Interaction has already been acknowledged.", "code": 40060 }),
                )
            }
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            let id = state.next_id.fetch_add(1, Ordering::SeqCst);
            reply(
                StatusCode::OK,
                payloads::sent_message(id, &CHANNEL_ID.to_string(), &request.body),
            )
        }
        ("POST", ["channels", channel, "messages"]) => {
            let nonce = request.body["nonce"]
                .as_str()
                .filter(|_| request.body["enforce_nonce"] == json!(true))
                .map(str::to_owned);
            let mut nonces = state.nonces.lock().unwrap();
            if let Some(earlier) = nonce.as_ref().and_then(|nonce| nonces.get(nonce)) {
                return reply(StatusCode::OK, earlier.clone());
            }
            let id = state.next_id.fetch_add(1, Ordering::SeqCst);
            let message = payloads::sent_message(id, channel, &request.body);
            if let Some(nonce) = nonce {
                nonces.insert(nonce, message.clone());
            }
            state.posted.lock().unwrap().push(message.clone());
            reply(StatusCode::OK, message)
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
            if command.get("default_member_permissions").is_none() {
                command["default_member_permissions"] = Value::Null;
            }
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
    /// The fault waiting for this request's endpoint, if any, taken off the queue.
    fn take_fault(&self, request: &Request) -> Option<Fault> {
        let endpoint = endpoint(request)?;
        let mut faults = self.faults.lock().unwrap();
        let index = faults.iter().position(|(e, _)| *e == endpoint)?;
        Some(faults.remove(index).1)
    }

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

fn endpoint(request: &Request) -> Option<Endpoint> {
    let path = &request.path;
    match request.method.as_str() {
        "POST" if path.starts_with("/api/v10/interactions/") && path.ends_with("/callback") => {
            Some(Endpoint::InteractionCallback)
        }
        "PATCH" if path.ends_with("/messages/@original") => Some(Endpoint::EditOriginal),
        "POST" if path.starts_with("/api/v10/channels/") && path.ends_with("/messages") => {
            Some(Endpoint::ChannelMessage)
        }
        _ => None,
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

/// One gateway connection: HELLO, then IDENTIFY → READY, RESUME → the missed events and
/// RESUMED (or an invalid session, when the session is gone), HEARTBEAT → ACK, and whatever the
/// test dispatches.
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
                let text = match frame {
                    Frame::Text(text) => text,
                    Frame::Close(close) => {
                        // tokio-tungstenite answers the close frame itself.
                        let code = close.map(|c| u16::from(c.code));
                        state.closes.send_modify(|codes| codes.push(code));
                        continue;
                    }
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                let replies = match payload["op"].as_u64() {
                    Some(1) => vec![json!({ "op": 11, "s": null, "t": null, "d": null }).to_string()],
                    Some(2) => {
                        state.identifies.fetch_add(1, Ordering::SeqCst);
                        let token = payload["d"]["token"].as_str().unwrap_or_default();
                        if state.rejecting != Rejecting::Nothing || token.trim_start_matches("Bot ") != TOKEN {
                            let close = CloseFrame { code: CloseCode::Library(4004), reason: "Authentication failed.".into() };
                            let _ = sink.send(Frame::Close(Some(close))).await;
                            return;
                        }
                        let session = state.identifies.load(Ordering::SeqCst);
                        let ready = state.dispatch_frame("READY", ready(&state.gateway_url, session));
                        state.resumable.store(true, Ordering::SeqCst);
                        vec![ready]
                    }
                    Some(6) => {
                        state.resumes.fetch_add(1, Ordering::SeqCst);
                        let session = format!("fake-session-{}", state.identifies.load(Ordering::SeqCst));
                        if !state.resumable.load(Ordering::SeqCst) || payload["d"]["session_id"] != session.as_str() {
                            let invalid = json!({ "op": 9, "s": null, "t": null, "d": false });
                            if sink.send(Frame::Text(invalid.to_string())).await.is_err() {
                                return;
                            }
                            continue;
                        }
                        let seen = payload["d"]["seq"].as_u64().unwrap_or(0);
                        let mut replies = state.missed_since(seen);
                        replies.push(state.dispatch_frame("RESUMED", json!({})));
                        replies
                    }
                    _ => Vec::new(),
                };
                let session_started = !replies.is_empty() && matches!(payload["op"].as_u64(), Some(2 | 6));
                for reply in replies {
                    if sink.send(Frame::Text(reply)).await.is_err() {
                        return;
                    }
                }
                if session_started {
                    state.connected(sender.clone());
                }
            }
            command = outgoing.recv() => match command {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(Frame::Text(text)).await.is_err() {
                        return;
                    }
                }
                Some(Outgoing::Close(code)) => {
                    let close = CloseFrame { code: CloseCode::from(code), reason: "".into() };
                    let _ = sink.send(Frame::Close(Some(close))).await;
                    return;
                }
                Some(Outgoing::Drop) | None => return,
            },
        }
    }
}

impl State {
    /// The events dispatched in this session after sequence number `seen`, for a RESUME.
    fn missed_since(&self, seen: u64) -> Vec<String> {
        let start = self.session_start.load(Ordering::SeqCst).max(seen);
        self.dispatched
            .lock()
            .unwrap()
            .iter()
            .filter(|(sequence, _)| *sequence > start)
            .map(|(_, frame)| frame.clone())
            .collect()
    }
}

impl State {
    fn dispatch_frame(&self, event: &str, data: Value) -> String {
        let sequence = self.sequence.fetch_add(1, Ordering::SeqCst) + 1;
        if event == "READY" {
            self.session_start.store(sequence, Ordering::SeqCst);
        }
        let frame = json!({ "op": 0, "t": event, "s": sequence, "d": data });
        assert_serenity_parses(event, &frame);
        frame.to_string()
    }
}

/// READY for the `session`-th IDENTIFY.
fn ready(gateway_url: &str, session: u64) -> Value {
    json!({
        "v": 10,
        "user": payloads::user(payloads::VERBATIM),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": format!("fake-session-{session}"),
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

/// A fake Discord with verbatim's own bot mounting `plugin` (the test keeps a clone of it, to
/// look inside), registering commands to the test server.
pub async fn start_plugin(plugin: Plugin) -> FakeDiscord {
    start_client(Bot::new(plugin, Some(GUILD_ID))).await
}

/// The log lines of the bot while the returned guard lives, at debug level and up for
/// verbatim's own events. Tests run on a current-thread runtime, so everything the bot does
/// outside the blocking pool logs on the test's own thread, where this subscriber is the
/// default.
pub fn capture_logs() -> (tracing::subscriber::DefaultGuard, Logs) {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("verbatim=debug"))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    (tracing::subscriber::set_default(subscriber), logs)
}

/// Captured log text.
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Waits until a line holds `needle` and returns the lines that do.
    pub async fn wait_for(&self, needle: &str) -> Vec<String> {
        let started = Instant::now();
        loop {
            let lines = self.lines_with(needle);
            if !lines.is_empty() {
                return lines;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no log line with {needle:?}:\n{}",
                self.text()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The lines holding `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| line.contains(needle))
            .map(str::to_owned)
            .collect()
    }
}

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `verbatim run` itself, as a process, with only the given environment.
pub fn verbatim_run(env: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"));
    command
        .arg("run")
        .env_clear()
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// A running `verbatim run` whose standard error is read line by line as it comes.
pub struct BotProcess {
    pub child: std::process::Child,
    lines: mpsc::UnboundedReceiver<String>,
    /// Every line read so far.
    pub log: Vec<String>,
}

impl BotProcess {
    pub fn spawn(mut command: std::process::Command) -> BotProcess {
        let mut child = command.spawn().expect("start verbatim run");
        let stderr = child.stderr.take().expect("piped standard error");
        let (sender, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let reader = std::io::BufReader::new(stderr);
            for line in std::io::BufRead::lines(reader).map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        BotProcess {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// Reads the log until a line holds `needle`, and returns that line.
    pub async fn wait_for_line(&mut self, needle: &str) -> String {
        let found = tokio::time::timeout(PATIENCE, async {
            while let Some(line) = self.lines.recv().await {
                self.log.push(line.clone());
                if line.contains(needle) {
                    return Some(line);
                }
            }
            None
        })
        .await;
        match found {
            Ok(Some(line)) => line,
            _ => panic!(
                "no log line with {needle:?}; the log so far:\n{}",
                self.log.join("\n")
            ),
        }
    }

    /// Sends the process a signal (SIGHUP, SIGTERM, SIGINT).
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a process id");
        // SAFETY: kill(2) with a process id this test started and a valid signal number.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal})");
    }

    /// Waits for the process to exit; returns its exit status and the rest of its log.
    pub async fn wait_for_exit(mut self, patience: Duration) -> (std::process::ExitStatus, String) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for verbatim run") {
                break status;
            }
            if started.elapsed() > patience {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "verbatim run did not exit within {patience:?}; its log:\n{}",
                    self.log.join("\n")
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        // The reader thread ends with the process's standard error.
        while let Some(line) = self.lines.recv().await {
            self.log.push(line);
        }
        (status, self.log.join("\n"))
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        // A test that failed midway leaves no bot behind: a process it started, by its handle.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
