//! The HTTP interactions endpoint (`verbatim serve`): Discord posts each interaction to it,
//! signed with the application's Ed25519 key, and takes the HTTP answer as the interaction's
//! first response. No gateway connection and no state between requests, so any number of
//! replicas can stand behind a load balancer.
//!
//! Each request is checked before anything else reads it: a body over [`MAX_BODY`] is refused
//! with 413, a missing or bad signature, a body that is not the one signed, or a timestamp more
//! than [`MAX_AGE`] away from now with 401, and a body that is not an interaction with 400. A
//! PING gets a PONG; everything else goes to the same [`Plugin`] code the gateway bot runs,
//! through a [`Responder`] that turns the first response into the HTTP answer. Nothing read
//! from a request is logged: an interaction's token would let anyone answer in its place.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use serenity::http::{Http, HttpBuilder};
use serenity::interactions_endpoint::Verifier;
use serenity::model::application::Interaction;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tracing::{debug, warn};

use super::rest::{Rest, INTERACTION_DEADLINE};
use super::transport::Responder;
use super::Plugin;

/// The largest body accepted. An interaction is a few kilobytes; the largest, a button on a
/// message full of embeds or the message command on a long message, stays far below this.
pub const MAX_BODY: usize = 128 * 1024;

/// How far a request's timestamp may be from now, either way, before it is refused: a
/// signed request recorded and sent again later is refused once this has passed.
pub const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// How long in-flight requests are given to finish when the endpoint stops.
const DRAIN: Duration = Duration::from_secs(5);

/// The interactions endpoint: the plugin that answers, the key that signs what Discord sends,
/// and the REST client for what follows a first response.
pub struct Endpoint {
    plugin: Plugin,
    verifier: Verifier,
    http: Arc<Http>,
    rest: Rest,
}

/// A public key that is not one: not 64 hexadecimal digits, or not a point of the curve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPublicKey;

impl std::fmt::Display for InvalidPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an Ed25519 public key (64 hexadecimal digits)")
    }
}

impl std::error::Error for InvalidPublicKey {}

/// What an endpoint sends follow-ups (an edit filling in a deferred answer) with.
#[derive(Debug, Clone, Default)]
pub struct FollowUps {
    /// The bot's token. Follow-ups to an interaction are authorised by the interaction's own
    /// token, so none is needed to answer; a token is sent when given.
    pub token: Option<String>,
    /// A REST proxy to send them to instead of discord.com.
    pub proxy: Option<String>,
}

impl Endpoint {
    /// An endpoint answering with `plugin` the interactions signed by `public_key` (the
    /// application's, hexadecimal, from the Developer Portal).
    pub fn new(
        plugin: Plugin,
        public_key: &str,
        follow_ups: &FollowUps,
    ) -> Result<Endpoint, InvalidPublicKey> {
        let verifier = parse_public_key(public_key)
            .and_then(|key| Verifier::try_new(key).ok())
            .ok_or(InvalidPublicKey)?;
        // Without a token, REST calls go out without an Authorization header (see `rest`). The
        // rate limiter is off: `rest` waits out a 429 itself, with Discord's `retry_after`.
        let mut builder = HttpBuilder::new(follow_ups.token.as_deref().unwrap_or_default())
            .ratelimiter_disabled(true);
        if let Some(proxy) = &follow_ups.proxy {
            builder = builder.proxy(proxy);
        }
        let rest = plugin.shared.rest.clone();
        Ok(Endpoint {
            plugin,
            verifier,
            http: Arc::new(builder.build()),
            rest,
        })
    }

    /// Serves `listener` until `stop` completes, then gives the requests in flight a few
    /// seconds to finish.
    pub async fn serve(self: Arc<Self>, listener: TcpListener, stop: impl Future<Output = ()>) {
        let graceful = GracefulShutdown::new();
        tokio::pin!(stop);
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                () = &mut stop => break,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let endpoint = self.clone();
            let service = service_fn(move |request| {
                let endpoint = endpoint.clone();
                async move { Ok::<_, Infallible>(endpoint.handle(request).await) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                if let Err(error) = connection.await {
                    debug!(%error, "connection closed");
                }
            });
        }
        if tokio::time::timeout(DRAIN, graceful.shutdown())
            .await
            .is_err()
        {
            warn!("stopped with requests still being answered");
        }
    }

    /// The answer to one HTTP request.
    pub async fn handle(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let received = Instant::now();
        match self.check(request).await {
            Ok(interaction) => self.answer(interaction, received).await,
            Err(refusal) => {
                debug!(
                    status = refusal.status.as_u16(),
                    why = refusal.why,
                    "refused a request"
                );
                refusal.response()
            }
        }
    }

    /// The interaction a request carries, once its size, signature, timestamp and JSON are
    /// checked.
    async fn check(&self, request: Request<Incoming>) -> Result<Interaction, Refusal> {
        if request.method() != Method::POST {
            return Err(Refusal::new(StatusCode::METHOD_NOT_ALLOWED, "not a POST"));
        }
        let too_large = || Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
        let declared = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY as u64) {
            return Err(too_large());
        }
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let signature = header("x-signature-ed25519");
        let timestamp = header("x-signature-timestamp");
        let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
            Ok(body) => body.to_bytes(),
            Err(error) if error.is::<http_body_util::LengthLimitError>() => return Err(too_large()),
            Err(_) => return Err(Refusal::new(StatusCode::BAD_REQUEST, "body not read")),
        };
        let unauthorized = |why| Refusal::new(StatusCode::UNAUTHORIZED, why);
        let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
            return Err(unauthorized("no signature"));
        };
        if !is_fresh(&timestamp, SystemTime::now()) {
            return Err(unauthorized("timestamp too old or not a timestamp"));
        }
        if self.verifier.verify(&signature, &timestamp, &body).is_err() {
            return Err(unauthorized("bad signature"));
        }
        serde_json::from_slice(&body).map_err(|error| {
            // serde's message can quote the body, and so a token: only where it went wrong.
            debug!(
                category = ?error.classify(),
                line = error.line(),
                column = error.column(),
                "not an interaction"
            );
            Refusal::new(StatusCode::BAD_REQUEST, "not an interaction")
        })
    }

    /// Answers a checked interaction: a PING with a PONG, anything else with the plugin, whose
    /// first response becomes the HTTP answer.
    async fn answer(&self, interaction: Interaction, received: Instant) -> Response<Full<Bytes>> {
        if matches!(interaction, Interaction::Ping(_)) {
            return json(StatusCode::OK, Bytes::from_static(br#"{"type":1}"#));
        }
        let (answer, answered) = oneshot::channel();
        let responder = Responder::answering(self.http.clone(), self.rest.clone(), answer);
        let plugin = self.plugin.clone();
        // A task of its own: the plugin goes on after the first response (a deferred answer's
        // edit) while the HTTP answer leaves.
        tokio::spawn(async move {
            if plugin
                .answer_interaction(&responder, interaction)
                .await
                .is_some()
            {
                debug!("an interaction verbatim does not answer");
            }
        });
        let left = INTERACTION_DEADLINE.saturating_sub(received.elapsed());
        match tokio::time::timeout(left, answered).await {
            Ok(Ok(body)) => json(StatusCode::OK, Bytes::from(body)),
            Ok(Err(_)) => Refusal::new(StatusCode::BAD_REQUEST, "not verbatim's").response(),
            Err(_) => {
                warn!("no response within Discord's 3 seconds");
                Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "no response in time").response()
            }
        }
    }
}

/// Why a request was refused, with the status it gets.
struct Refusal {
    status: StatusCode,
    why: &'static str,
}

impl Refusal {
    fn new(status: StatusCode, why: &'static str) -> Refusal {
        Refusal { status, why }
    }

    fn response(&self) -> Response<Full<Bytes>> {
        let body = serde_json::json!({ "error": self.why }).to_string();
        json(self.status, Bytes::from(body))
    }
}

fn json(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Whether `timestamp` (Unix seconds, as Discord signs it) is within [`MAX_AGE`] of `now`.
fn is_fresh(timestamp: &str, now: SystemTime) -> bool {
    let Ok(seconds) = timestamp.trim().parse::<u64>() else {
        return false;
    };
    let signed = UNIX_EPOCH + Duration::from_secs(seconds);
    let distance = now
        .duration_since(signed)
        .unwrap_or_else(|ahead| ahead.duration());
    distance <= MAX_AGE
}

/// A public key from its 64 hexadecimal digits.
fn parse_public_key(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.trim().as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut key = [0; 32];
    for (byte, pair) in key.iter_mut().zip(hex.chunks_exact(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(key)
}

/// Whether `hex` is an Ed25519 public key, for the configuration to check before start.
pub fn is_public_key(hex: &str) -> bool {
    parse_public_key(hex).is_some_and(|key| Verifier::try_new(key).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_fresh_within_five_minutes_either_way() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        for (timestamp, fresh) in [
            ("1700000000", true),
            ("1699999700", true),
            ("1699999699", false),
            ("1700000300", true),
            ("1700000301", false),
            ("", false),
            ("-1", false),
            ("1.7e9", false),
            ("99999999999999999999999", false),
        ] {
            assert_eq!(is_fresh(timestamp, now), fresh, "{timestamp:?}");
        }
    }

    #[test]
    fn public_keys_are_64_hex_digits_of_a_curve_point() {
        // Discord's example key, from serenity's documentation.
        let key = "67c6bd767ca099e79efac9fcce4d2022a63bf7dea780e7f3d813f694c1597089";
        assert!(is_public_key(key));
        assert!(is_public_key(&format!(" {} ", key.to_uppercase())));
        for wrong in [
            "",
            "67c6",
            &key[1..],
            &format!("{key}00"),
            &key.replace('6', "g"),
        ] {
            assert!(!is_public_key(wrong), "{wrong}");
        }
    }
}
