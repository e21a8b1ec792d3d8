//! The fake REST API: records every request, applies the fault a test injected, and otherwise
//! answers as Discord would.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;

use super::{
    callback, payloads, Endpoint, Fault, RateLimit, Rejecting, Request, State, Windows,
    APPLICATION_ID, CHANNEL_ID, TOKEN,
};

/// Discord's error code for a second response to one interaction.
const ALREADY_ACKNOWLEDGED: u64 = 40060;
/// Discord's error code for editing a response that was never made.
const UNKNOWN_MESSAGE: u64 = 10008;
/// Discord's error code for a response after the interaction's 3 seconds.
const UNKNOWN_INTERACTION: u64 = 10062;
/// Discord's error code for an edit after the interaction token's 15 minutes.
const INVALID_WEBHOOK_TOKEN: u64 = 50027;

pub(super) async fn serve(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(state.clone(), request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Why the fake closed a connection without answering.
#[derive(Debug)]
struct HungUp;

impl std::fmt::Display for HungUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the fake hung up, as a test asked")
    }
}

impl std::error::Error for HungUp {}

async fn handle(
    state: Arc<State>,
    request: hyper::Request<Incoming>,
) -> Result<Response<Full<Bytes>>, HungUp> {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    state
        .arrivals
        .send_modify(|arrivals| arrivals.push(format!("{method} {path}")));
    let with_token = request
        .headers()
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        == Some(&format!("Bot {TOKEN}"));
    // Discord authorises the calls under an interaction's token by that token, in the path.
    let interaction_token = ["/api/v10/interactions/", "/api/v10/webhooks/"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    let authorized = with_token || interaction_token;
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
        with_token,
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
        let fault = state.take_fault(&request);
        if let Some(Fault::Slow(delay)) = fault {
            tokio::time::sleep(delay).await;
        }
        match fault {
            None | Some(Fault::Slow(_)) => match state.draw(&request) {
                Ok(limits) => {
                    request.done = true;
                    with_headers(answer(&state, &request), &limits)
                }
                Err(limits) => {
                    state.overdrawn.lock().unwrap().push(limits.bucket.clone());
                    with_headers(rate_limited(limits.reset_after, false), &limits)
                }
            },
            Some(Fault::ServerErrorAfterDoing) => {
                request.done = true;
                let _lost = answer(&state, &request);
                server_error()
            }
            Some(Fault::ServerError) => server_error(),
            Some(Fault::RateLimited { retry_after }) => rate_limited(retry_after, false),
            Some(Fault::GloballyRateLimited { retry_after }) => rate_limited(retry_after, true),
            Some(Fault::Dropped) => {
                state.record(request);
                return Err(HungUp);
            }
            Some(Fault::HangAfterDoing) => {
                let _unheard = answer(&state, &request);
                request.done = true;
                state.record(request);
                std::future::pending::<()>().await;
                unreachable!("a pending future never ends")
            }
            Some(Fault::Status { status, body }) => Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(body)))
                .expect("a valid response"),
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

/// Discord's 429: `retry_after` in seconds in the body, and the `Retry-After` header rounded
/// up; a global one says so in the body and in `X-RateLimit-Global`.
fn rate_limited(retry_after: f64, global: bool) -> Response<Full<Bytes>> {
    let body = json!({ "message": "You are being rate limited.", "retry_after": retry_after, "global": global, "code": 0 });
    let mut response = Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header("content-type", "application/json")
        .header("retry-after", retry_after.ceil().to_string());
    response = if global {
        response
            .header("x-ratelimit-global", "true")
            .header("x-ratelimit-scope", "global")
    } else {
        response.header("x-ratelimit-scope", "user")
    };
    response
        .body(Full::new(Bytes::from(body.to_string())))
        .expect("a valid response")
}

/// What Discord's `X-RateLimit-*` headers say of a request's bucket.
struct Limits {
    /// The bucket: a route and its major parameter.
    bucket: String,
    /// Discord's opaque name for the route's limit.
    hash: String,
    limit: u32,
    remaining: u32,
    /// Seconds until the bucket refills.
    reset_after: f64,
}

fn with_headers(mut response: Response<Full<Bytes>>, limits: &Limits) -> Response<Full<Bytes>> {
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
        + limits.reset_after;
    let headers = [
        ("x-ratelimit-limit", limits.limit.to_string()),
        ("x-ratelimit-remaining", limits.remaining.to_string()),
        ("x-ratelimit-reset", format!("{reset:.3}")),
        (
            "x-ratelimit-reset-after",
            format!("{:.3}", limits.reset_after),
        ),
        ("x-ratelimit-bucket", limits.hash.clone()),
    ];
    for (name, value) in headers {
        let value = hyper::header::HeaderValue::from_str(&value).expect("a header value");
        response.headers_mut().insert(name, value);
    }
    response
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
                "shards": state.recommended_shards.load(std::sync::atomic::Ordering::SeqCst),
                "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 },
            }),
        ),
        ("GET", ["users", "@me"]) => reply(StatusCode::OK, payloads::user(payloads::VERBATIM)),
        ("GET", ["oauth2", "applications", "@me"]) => {
            reply(StatusCode::OK, payloads::application())
        }
        ("PUT", ["applications", _, "commands"]) => reply(
            StatusCode::OK,
            state.register(&request.path, &request.body, None),
        ),
        ("PUT", ["applications", _, "guilds", guild, "commands"]) => reply(
            StatusCode::OK,
            state.register(&request.path, &request.body, Some(guild)),
        ),
        ("GET", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]) => {
            let registered = state.commands.lock().unwrap().get(&request.path).cloned();
            reply(StatusCode::OK, registered.unwrap_or_else(|| json!([])))
        }
        ("POST", ["interactions", interaction, _, "callback"])
            if state.outside(interaction, |windows| windows.respond) =>
        {
            reply(
                StatusCode::NOT_FOUND,
                json!({ "message": "Unknown interaction", "code": UNKNOWN_INTERACTION }),
            )
        }
        ("PATCH", ["webhooks", _, token, "messages", "@original"])
            if state.outside(token, |windows| windows.edit) =>
        {
            reply(
                StatusCode::UNAUTHORIZED,
                json!({ "message": "Invalid Webhook Token", "code": INVALID_WEBHOOK_TOKEN }),
            )
        }
        ("PATCH", ["webhooks", _, token, "messages", "@original"])
            if !state.acknowledged(token) =>
        {
            reply(
                StatusCode::NOT_FOUND,
                json!({ "message": "Unknown Message", "code": UNKNOWN_MESSAGE }),
            )
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
                    json!({ "message": "Interaction has already been acknowledged.", "code": ALREADY_ACKNOWLEDGED }),
                )
            }
        }
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            let id = state.new_id();
            reply(
                StatusCode::OK,
                payloads::sent_message(id, &CHANNEL_ID.to_string(), &request.body),
            )
        }
        ("GET", ["channels", _, "messages", message]) => {
            match state.messages.lock().unwrap().get(*message) {
                Some(found) => reply(StatusCode::OK, found.clone()),
                None => reply(
                    StatusCode::NOT_FOUND,
                    json!({ "message": "Unknown Message", "code": 10008 }),
                ),
            }
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
            let id = state.new_id();
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
    /// Whether the interaction with this id or token was dispatched longer ago than the
    /// window `which` picks.
    fn outside(&self, key: &str, which: impl Fn(&Windows) -> Duration) -> bool {
        let window = which(&self.windows.lock().unwrap());
        self.created
            .lock()
            .unwrap()
            .get(key)
            .is_some_and(|created| created.elapsed() > window)
    }

    /// Whether the interaction whose token is `token` has been responded to (the fake's tokens
    /// are `interaction-token-{id}`).
    fn acknowledged(&self, token: &str) -> bool {
        let id = token.strip_prefix("interaction-token-").unwrap_or(token);
        self.acknowledged.lock().unwrap().contains(id)
    }

    /// Registers `body` as the commands at `path`, and returns them as Discord lists them.
    fn register(&self, path: &str, body: &Value, guild: Option<&str>) -> Value {
        let commands = registered(body, guild);
        self.commands
            .lock()
            .unwrap()
            .insert(path.to_owned(), commands.clone());
        commands
    }

    /// Takes one request from the request's bucket, or says when the bucket refills.
    fn draw(&self, request: &Request) -> Result<Limits, Limits> {
        let (route, major) = bucket_of(request);
        let limit = endpoint(request)
            .and_then(|endpoint| self.rate_limits.lock().unwrap().get(&endpoint).copied())
            .unwrap_or(RateLimit::GENEROUS);
        let bucket = format!("{route} {major}");
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap();
        let (started, used) = buckets.entry(bucket.clone()).or_insert((now, 0));
        if now.duration_since(*started) >= limit.window {
            (*started, *used) = (now, 0);
        }
        let reset_after = limit
            .window
            .saturating_sub(now.duration_since(*started))
            .as_secs_f64();
        let mut limits = Limits {
            bucket,
            hash: format!("{:016x}", fnv(route)),
            limit: limit.limit,
            remaining: 0,
            reset_after,
        };
        if *used >= limit.limit {
            return Err(limits);
        }
        *used += 1;
        limits.remaining = limit.limit - *used;
        Ok(limits)
    }

    /// The fault waiting for this request's endpoint, if any, taken off the queue.
    fn take_fault(&self, request: &Request) -> Option<Fault> {
        let endpoint = endpoint(request)?;
        let mut faults = self.faults.lock().unwrap();
        let index = faults.iter().position(|(e, _)| *e == endpoint)?;
        Some(faults.remove(index).1)
    }
}

/// A request's route (its path with the ids left out) and its major parameter: the channel,
/// the interaction, the webhook and its token, the application or the server.
fn bucket_of(request: &Request) -> (String, String) {
    let path = request
        .path
        .strip_prefix("/api/v10/")
        .unwrap_or(&request.path);
    let segments: Vec<&str> = path.split('/').collect();
    let major = match segments.as_slice() {
        ["channels", channel, ..] => channel.to_string(),
        ["interactions", interaction, ..] => interaction.to_string(),
        ["webhooks", webhook, token, ..] => format!("{webhook}/{token}"),
        ["applications", _, "guilds", guild, ..] => guild.to_string(),
        ["applications", application, ..] => application.to_string(),
        _ => String::new(),
    };
    let route: Vec<&str> = segments
        .iter()
        .map(|segment| {
            if segment.chars().all(|c| c.is_ascii_digit())
                || segment.starts_with("interaction-token-")
            {
                "{id}"
            } else {
                segment
            }
        })
        .collect();
    (format!("{} /{}", request.method, route.join("/")), major)
}

/// A stable hash of a route, for `X-RateLimit-Bucket` (FNV-1a).
fn fnv(text: String) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100000001b3)
    })
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
        "PUT" if path.starts_with("/api/v10/applications/") && path.ends_with("/commands") => {
            Some(Endpoint::RegisterCommands)
        }
        _ => None,
    }
}

/// Why a request's message could ping someone, if it could: every message must carry
/// `allowed_mentions` that allow nothing.
pub(super) fn could_ping(request: &Request) -> Option<String> {
    let message = if request.path.ends_with("/callback") {
        match request.body["type"].as_u64() {
            Some(callback::MESSAGE | callback::UPDATE_MESSAGE) => &request.body["data"],
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
