//! The fake REST API: records every request, applies the fault a test injected, and otherwise
//! answers as Discord would.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;

use super::{
    callback, payloads, Endpoint, Fault, Rejecting, Request, State, APPLICATION_ID, CHANNEL_ID,
    TOKEN,
};

/// Discord's error code for a second response to one interaction.
const ALREADY_ACKNOWLEDGED: u64 = 40060;

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

async fn handle(
    state: Arc<State>,
    request: hyper::Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
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
        ("GET", ["oauth2", "applications", "@me"]) => {
            reply(StatusCode::OK, payloads::application())
        }
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
    /// The fault waiting for this request's endpoint, if any, taken off the queue.
    fn take_fault(&self, request: &Request) -> Option<Fault> {
        let endpoint = endpoint(request)?;
        let mut faults = self.faults.lock().unwrap();
        let index = faults.iter().position(|(e, _)| *e == endpoint)?;
        Some(faults.remove(index).1)
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
