//! Sending to Discord's REST API: the one place verbatim's replies leave, retrying what is safe
//! to retry.
//!
//! Discord documents two failures worth a second try. A 429 means the request was not processed;
//! it is sent again after the `retry_after` Discord names. A 5xx, a lost connection or a request
//! that hangs leaves it unknown whether the request took effect, so it may be sent again only
//! if doing it twice does no harm, and every request verbatim makes is such a request: Discord
//! refuses a second response to an interaction ("already acknowledged", which then means the
//! first one arrived), editing the original response twice leaves one edit, and a channel
//! message carries a nonce Discord enforces, so a repeat returns the message already posted
//! instead of posting another. Any other refusal would only be refused again.
//!
//! No retry starts after a call's deadline: an interaction not acknowledged within Discord's 3
//! seconds is dropped, and a reply arriving long after the question helps nobody.
//!
//! serenity's rate limiter waits out 429s by itself, but it is off when the REST calls go
//! through a proxy (which then owns rate limits; the tests' fake Discord is one), and its errors
//! drop a 429's `retry_after`. So with the rate limiter off, requests go out here with serenity's
//! routes and request builder and a client of our own, which reads the whole answer; with it on,
//! they go through serenity, and a 429 it hands back is waited out for a second.

use std::time::{Duration, Instant};

use serde::Serialize;
use serenity::http::{HttpError, LightMethod, Request, Route};
use serenity::model::id::{ApplicationId, ChannelId, InteractionId};
use tracing::warn;

/// How long Discord waits for the response to an interaction.
pub(crate) const INTERACTION_DEADLINE: Duration = Duration::from_secs(3);

/// How long other calls are retried for: a reply long after its question helps nobody.
const RETRY_WINDOW: Duration = Duration::from_secs(30);

/// Attempts per call, the first included.
const MAX_ATTEMPTS: u32 = 4;

/// A single attempt taking longer than this is abandoned, its outcome unknown.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Discord's error code for a second response to one interaction.
const ALREADY_ACKNOWLEDGED: i64 = 40060;

/// One REST call: where it goes, and until when it may be retried.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call<'a> {
    /// What the call does, for the logs.
    what: &'static str,
    route: Route<'a>,
    method: LightMethod,
    deadline: Instant,
}

impl<'a> Call<'a> {
    /// The response to an interaction received at `received`.
    pub(crate) fn respond(interaction: InteractionId, token: &'a str, received: Instant) -> Self {
        Call {
            what: "respond",
            route: Route::InteractionResponse {
                interaction_id: interaction,
                token,
            },
            method: LightMethod::Post,
            deadline: received + INTERACTION_DEADLINE,
        }
    }

    /// Whether this is a response to an interaction, which the HTTP endpoint sends as its
    /// answer to Discord's request instead of a REST call.
    pub(crate) fn is_interaction_response(&self) -> bool {
        matches!(self.route, Route::InteractionResponse { .. })
    }

    /// The edit filling in a deferred response.
    pub(crate) fn edit_original(application: ApplicationId, token: &'a str) -> Self {
        Call {
            what: "edit",
            route: Route::WebhookOriginalInteractionResponse {
                application_id: application,
                token,
            },
            method: LightMethod::Patch,
            deadline: Instant::now() + RETRY_WINDOW,
        }
    }

    /// A message in a channel. Retrying it is safe only because its body carries an enforced
    /// nonce (see `render::message_reply`).
    pub(crate) fn post_message(channel: ChannelId) -> Self {
        Call {
            what: "reply",
            route: Route::ChannelMessages {
                channel_id: channel,
            },
            method: LightMethod::Post,
            deadline: Instant::now() + RETRY_WINDOW,
        }
    }
}

/// Why a call did not go through. Its words never hold a token: URLs are left out, since an
/// interaction's URL holds the interaction's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SendError {
    /// Discord refused the request; sending it again would be refused again.
    Refused {
        status: u16,
        code: i64,
        message: String,
    },
    /// Every attempt failed, or the deadline came before the next; `last` says why the last
    /// attempt failed.
    GaveUp {
        attempts: u32,
        last: String,
        deadline: bool,
    },
    /// The body could not be written as JSON.
    Encoding(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::Refused {
                status,
                code,
                message,
            } => write!(f, "Discord refused it ({status}, code {code}): {message}"),
            SendError::GaveUp {
                attempts,
                last,
                deadline,
            } => {
                let attempts = match attempts {
                    1 => "1 attempt".to_owned(),
                    n => format!("{n} attempts"),
                };
                let why = if *deadline {
                    ", before the deadline"
                } else {
                    ""
                };
                write!(f, "gave up after {attempts}{why}: {last}")
            }
            SendError::Encoding(error) => write!(f, "cannot encode the body: {error}"),
        }
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
enum Attempt {
    Done,
    /// A 429: not processed; Discord asks to wait this long.
    RateLimited(Duration),
    /// A 5xx, a lost connection, a timeout: it may or may not have taken effect.
    Uncertain(String),
    /// Any other refusal.
    Refused {
        status: u16,
        code: i64,
        message: String,
    },
}

/// Sends `body` as `call`, retrying as the module docs say. Each retry is logged; the caller
/// logs the failure, if it comes to one.
pub(crate) async fn send(
    http: &serenity::http::Http,
    client: Option<&reqwest::Client>,
    call: Call<'_>,
    body: &impl Serialize,
) -> Result<(), SendError> {
    let body = serde_json::to_vec(body).map_err(|error| SendError::Encoding(error.to_string()))?;
    let mut uncertain = false;
    let mut attempt = 1;
    loop {
        let outcome = match client.filter(|_| http.ratelimiter.is_none()) {
            Some(client) => attempt_directly(http, client, call, &body).await,
            None => attempt_through_serenity(http, call, &body).await,
        };
        let (wait, reason) = match outcome {
            Attempt::Done => return Ok(()),
            // An earlier attempt whose outcome was unknown did arrive after all.
            Attempt::Refused { code, .. } if uncertain && code == ALREADY_ACKNOWLEDGED => {
                return Ok(())
            }
            Attempt::Refused {
                status,
                code,
                message,
            } => {
                return Err(SendError::Refused {
                    status,
                    code,
                    message,
                })
            }
            Attempt::RateLimited(wait) => (wait, format!("rate limited for {wait:?}")),
            Attempt::Uncertain(reason) => {
                uncertain = true;
                (backoff(attempt), reason)
            }
        };
        let deadline = Instant::now() + wait > call.deadline;
        if attempt == MAX_ATTEMPTS || deadline {
            return Err(SendError::GaveUp {
                attempts: attempt,
                last: reason,
                deadline,
            });
        }
        warn!(
            call = call.what,
            attempt,
            reason = %reason,
            retry_in_ms = wait.as_millis() as u64,
            "Discord did not take a request; retrying"
        );
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// The wait before attempt `attempt + 1` after an uncertain failure: 250 ms, then doubling.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250) * 2u32.pow(attempt.saturating_sub(1).min(4))
}

/// One attempt with our own client, which sees everything Discord answered.
async fn attempt_directly(
    http: &serenity::http::Http,
    client: &reqwest::Client,
    call: Call<'_>,
    body: &[u8],
) -> Attempt {
    let request = Request::new(call.route, call.method).body(Some(body.to_vec()));
    let built = match request.build(client, http.token(), http.proxy.as_deref()) {
        Ok(builder) => builder.build().map_err(words),
        Err(error) => Err(error.to_string()),
    };
    let request = match built {
        // Follow-ups to an interaction are authorised by its token, in the URL; the HTTP
        // endpoint may run with no bot token, and then sends no Authorization header.
        Ok(mut request) if http.token().trim() == "Bot" => {
            request.headers_mut().remove(reqwest::header::AUTHORIZATION);
            request
        }
        Ok(request) => request,
        Err(error) => {
            return Attempt::Refused {
                status: 0,
                code: -1,
                message: format!("cannot build the request: {error}"),
            }
        }
    };
    let response = match tokio::time::timeout(ATTEMPT_TIMEOUT, client.execute(request)).await {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => return Attempt::Uncertain(words(error)),
        Err(_) => return Attempt::Uncertain("no answer in time".to_owned()),
    };
    let status = response.status();
    if status.is_success() {
        return Attempt::Done;
    }
    let header_wait = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<f64>().ok());
    let answer: serde_json::Value = match response.bytes().await {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => serde_json::Value::Null,
    };
    if status.as_u16() == 429 {
        // The body's `retry_after` is exact (seconds, with a fraction); the header is rounded.
        let seconds = answer["retry_after"].as_f64().or(header_wait);
        return Attempt::RateLimited(retry_after(seconds));
    }
    if status.is_server_error() {
        return Attempt::Uncertain(format!("Discord answered {}", status.as_u16()));
    }
    Attempt::Refused {
        status: status.as_u16(),
        code: answer["code"].as_i64().unwrap_or(0),
        message: answer["message"].as_str().unwrap_or_default().to_owned(),
    }
}

/// One attempt through serenity (and its rate limiter, when on).
async fn attempt_through_serenity(
    http: &serenity::http::Http,
    call: Call<'_>,
    body: &[u8],
) -> Attempt {
    let request = Request::new(call.route, call.method).body(Some(body.to_vec()));
    let error = match tokio::time::timeout(ATTEMPT_TIMEOUT, http.request(request)).await {
        Ok(Ok(_)) => return Attempt::Done,
        Ok(Err(error)) => error,
        Err(_) => return Attempt::Uncertain("no answer in time".to_owned()),
    };
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            let status = response.status_code.as_u16();
            if status == 429 {
                // serenity dropped the body's `retry_after`.
                Attempt::RateLimited(retry_after(None))
            } else if response.status_code.is_server_error() {
                Attempt::Uncertain(format!("Discord answered {status}"))
            } else {
                Attempt::Refused {
                    status,
                    code: response.error.code as i64,
                    message: response.error.message,
                }
            }
        }
        serenity::Error::Http(HttpError::Request(error)) => Attempt::Uncertain(words(error)),
        other => Attempt::Refused {
            status: 0,
            code: -1,
            message: other.to_string(),
        },
    }
}

/// How long a 429 asks to wait: its `retry_after` in seconds, or a second when it names none
/// (or names nonsense).
fn retry_after(seconds: Option<f64>) -> Duration {
    seconds
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(3600.0)))
        .unwrap_or(Duration::from_secs(1))
}

/// A request error's words and their causes ("connection refused"), without its URL.
fn words(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_a_quarter_second() {
        let waits: Vec<u128> = (1..=4).map(|a| backoff(a).as_millis()).collect();
        assert_eq!(waits, [250, 500, 1000, 2000]);
    }

    #[test]
    fn retry_after_reads_seconds_and_falls_back_to_one() {
        assert_eq!(retry_after(Some(0.25)), Duration::from_millis(250));
        assert_eq!(retry_after(None), Duration::from_secs(1));
        assert_eq!(retry_after(Some(f64::NAN)), Duration::from_secs(1));
        assert_eq!(retry_after(Some(-1.0)), Duration::from_secs(1));
    }

    #[test]
    fn errors_name_no_url() {
        let error = SendError::Refused {
            status: 404,
            code: 10062,
            message: "Unknown interaction".into(),
        };
        assert_eq!(
            error.to_string(),
            "Discord refused it (404, code 10062): Unknown interaction"
        );
        let error = SendError::GaveUp {
            attempts: 2,
            last: "rate limited for 5s".into(),
            deadline: true,
        };
        assert_eq!(
            error.to_string(),
            "gave up after 2 attempts, before the deadline: rate limited for 5s"
        );
    }
}
