//! Sending to Discord's REST API: the one place every request verbatim makes leaves from, in
//! production and in the tests alike, keeping Discord's rate limits and retrying what is safe
//! to retry.
//!
//! **Rate limits.** Discord says with every answer how many more requests a route's bucket
//! takes (`X-RateLimit-Remaining`) and when it refills (`X-RateLimit-Reset-After`). A bucket is
//! a route and its major parameter (a channel, an interaction, a webhook token); the sender
//! sends one request of a bucket at a time and, when the bucket is empty, waits for it to
//! refill. A 429 names the wait (`retry_after`) and whether it holds for every route
//! (`global`); the request is sent again after it. serenity's own rate limiter is off: it
//! cannot send through a proxy, keeps no deadline and drops a 429's `retry_after`.
//!
//! **Retries.** A 429 means the request was not processed. A 5xx, a lost connection or a
//! request that hangs leaves it unknown whether the request took effect, so it may be sent
//! again only if doing it twice does no harm, and every request verbatim makes is such a
//! request: Discord refuses a second response to an interaction ("already acknowledged", which
//! then means the first one arrived), editing the original response twice leaves one edit,
//! registering the commands twice registers them once, and a channel message carries a nonce
//! Discord enforces, so a repeat returns the message already posted. Any other refusal would
//! only be refused again.
//!
//! **Deadlines.** No attempt starts, and no wait is begun, that would end after the call's
//! deadline: an interaction not acknowledged within Discord's 3 seconds is dropped, and a reply
//! long after its question helps nobody.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use serenity::http::{Http, LightMethod, Request, Route};
use serenity::model::id::{ApplicationId, ChannelId, GuildId, InteractionId};
use tracing::warn;

use super::lock;
use crate::metrics::Metrics;

/// How long Discord waits for the response to an interaction.
pub(crate) const INTERACTION_DEADLINE: Duration = Duration::from_secs(3);

/// How long an interaction's token works: a deferred response may be edited this long after
/// the interaction arrived. A little margin is kept for the clocks.
const INTERACTION_TOKEN_WINDOW: Duration = Duration::from_secs(15 * 60 - 30);

/// How long other calls are retried for: a reply long after its question helps nobody.
const RETRY_WINDOW: Duration = Duration::from_secs(30);

/// How long registering the commands is retried for, when Discord is having trouble.
const REGISTRATION_WINDOW: Duration = Duration::from_secs(120);

/// Attempts per call, the first included.
const MAX_ATTEMPTS: u32 = 4;

/// Attempts at an edit, which may be retried for as long as the token works.
const MAX_EDIT_ATTEMPTS: u32 = 8;

/// A single attempt taking longer than this is abandoned, its outcome unknown.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Discord's error code for a second response to one interaction.
const ALREADY_ACKNOWLEDGED: i64 = 40060;

/// One REST call: where it goes, which rate-limit bucket it draws on, and until when it may be
/// retried.
#[derive(Debug, Clone)]
pub(crate) struct Call<'a> {
    /// What the call does, for the logs.
    what: &'static str,
    route: Route<'a>,
    method: LightMethod,
    /// The route and its major parameter, as Discord counts them.
    bucket: String,
    deadline: Instant,
    max_attempts: u32,
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
            bucket: format!("interaction/{interaction}"),
            deadline: received + INTERACTION_DEADLINE,
            max_attempts: MAX_ATTEMPTS,
        }
    }

    /// Whether this is a response to an interaction, which the HTTP endpoint sends as its
    /// answer to Discord's request instead of a REST call.
    pub(crate) fn is_interaction_response(&self) -> bool {
        matches!(self.route, Route::InteractionResponse { .. })
    }

    /// The edit filling in a deferred response to an interaction received at `received`: it
    /// may be retried while the interaction's token works.
    pub(crate) fn edit_original(
        application: ApplicationId,
        token: &'a str,
        received: Instant,
    ) -> Self {
        Call {
            what: "edit",
            route: Route::WebhookOriginalInteractionResponse {
                application_id: application,
                token,
            },
            method: LightMethod::Patch,
            bucket: format!("webhook/{application}/{token}"),
            deadline: received + INTERACTION_TOKEN_WINDOW,
            max_attempts: MAX_EDIT_ATTEMPTS,
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
            bucket: format!("channel/{channel}"),
            deadline: Instant::now() + RETRY_WINDOW,
            max_attempts: MAX_ATTEMPTS,
        }
    }

    /// Registering the application's commands, replacing all of them: globally, or in one
    /// server.
    pub(crate) fn register_commands(application: ApplicationId, guild: Option<GuildId>) -> Self {
        let (route, bucket) = match guild {
            Some(guild) => (
                Route::GuildCommands {
                    application_id: application,
                    guild_id: guild,
                },
                format!("commands/{application}/{guild}"),
            ),
            None => (
                Route::Commands {
                    application_id: application,
                },
                format!("commands/{application}"),
            ),
        };
        Call {
            what: "register",
            route,
            method: LightMethod::Put,
            bucket,
            deadline: Instant::now() + REGISTRATION_WINDOW,
            max_attempts: MAX_ATTEMPTS,
        }
    }
}

impl<'a> Call<'a> {
    /// The application's commands Discord holds: globally, or in one server.
    pub(crate) fn commands(application: ApplicationId, guild: Option<GuildId>) -> Self {
        Call {
            what: "commands",
            method: LightMethod::Get,
            ..Call::register_commands(application, guild)
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
                    0 => "no attempt".to_owned(),
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

/// The sender: a REST client of its own and what Discord said of its rate limits. Cloning is
/// cheap, and every clone shares the rate limits.
#[derive(Clone)]
pub(crate) struct Rest {
    client: reqwest::Client,
    limits: Arc<Limits>,
    metrics: Metrics,
}

/// Discord's rate limits, as its answers described them.
#[derive(Default)]
struct Limits {
    /// Until when every request waits, after a global 429.
    global_until: Mutex<Option<Instant>>,
    /// Each bucket, held by the request in flight on it.
    buckets: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Bucket>>>>,
}

/// Buckets remembered at most: one per channel, interaction and webhook token met. At this
/// many, the buckets not in use are forgotten; a forgotten bucket is learnt again from its
/// next answer.
const MAX_BUCKETS: usize = 10_000;

/// What Discord last said of one bucket.
#[derive(Debug, Default)]
struct Bucket {
    /// Requests it takes before it refills; unknown until the first answer.
    remaining: Option<u64>,
    /// When it refills.
    reset_at: Option<Instant>,
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
enum Attempt {
    /// Done; the answer's body.
    Done(Vec<u8>),
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

/// Why the sender will not attempt a call (again).
enum NoAttempt {
    /// The deadline would pass first; says what was being waited for.
    Deadline(String),
}

impl Rest {
    pub(crate) fn new(metrics: Metrics) -> Rest {
        Rest {
            client: reqwest::Client::new(),
            limits: Arc::default(),
            metrics,
        }
    }

    /// Sends `call` with `body`, keeping Discord's rate limits and retrying as the module docs
    /// say, to discord.com or to the proxy `http` names, with `http`'s token. Returns the
    /// answer's body. Each retry is logged; the caller logs the failure, if it comes to one.
    pub(crate) async fn send(
        &self,
        http: &Http,
        call: &Call<'_>,
        body: Option<&impl Serialize>,
    ) -> Result<Vec<u8>, SendError> {
        let body = match body {
            Some(body) => Some(
                serde_json::to_vec(body).map_err(|error| SendError::Encoding(error.to_string()))?,
            ),
            None => None,
        };
        let mut uncertain = false;
        let mut attempt = 0;
        let mut last = String::new();
        loop {
            let outcome = match self.attempt(http, call, body.as_deref()).await {
                Ok(outcome) => outcome,
                Err(NoAttempt::Deadline(waiting)) => {
                    let last = if attempt == 0 { waiting } else { last };
                    return Err(SendError::GaveUp {
                        attempts: attempt,
                        last,
                        deadline: true,
                    });
                }
            };
            attempt += 1;
            let (wait, reason) = match outcome {
                Attempt::Done(answer) => return Ok(answer),
                // An earlier attempt whose outcome was unknown did arrive after all.
                Attempt::Refused { code, .. } if uncertain && code == ALREADY_ACKNOWLEDGED => {
                    return Ok(Vec::new())
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
            if attempt == call.max_attempts || deadline {
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
            self.metrics.retried();
            tokio::time::sleep(wait).await;
            last = reason;
        }
    }

    /// One attempt, once the rate limits allow it and only if it can end before the deadline.
    async fn attempt(
        &self,
        http: &Http,
        call: &Call<'_>,
        body: Option<&[u8]>,
    ) -> Result<Attempt, NoAttempt> {
        // A global 429 holds every request.
        let global_until = *lock(&self.limits.global_until);
        if let Some(until) = global_until.filter(|until| *until > Instant::now()) {
            if until > call.deadline {
                return Err(NoAttempt::Deadline("rate limited (global)".to_owned()));
            }
            tokio::time::sleep_until(until.into()).await;
        }
        // One request of a bucket at a time, so that each learns what the one before left.
        let bucket = self.limits.bucket(&call.bucket);
        let Ok(mut bucket) = tokio::time::timeout_at(call.deadline.into(), bucket.lock()).await
        else {
            return Err(NoAttempt::Deadline("waiting for the rate limit".to_owned()));
        };
        if let (Some(0), Some(reset_at)) = (bucket.remaining, bucket.reset_at) {
            if reset_at > call.deadline {
                let wait = reset_at.saturating_duration_since(Instant::now());
                return Err(NoAttempt::Deadline(format!("rate limited for {wait:?}")));
            }
            tokio::time::sleep_until(reset_at.into()).await;
        }
        let left = call.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(NoAttempt::Deadline("no time left".to_owned()));
        }
        // The attempt, its answer's body included, ends by the deadline.
        let attempt_end = Instant::now() + ATTEMPT_TIMEOUT.min(left);
        let request = Request::new(call.route, call.method).body(body.map(<[u8]>::to_vec));
        let built = match request.build(&self.client, http.token(), http.proxy.as_deref()) {
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
                return Ok(Attempt::Refused {
                    status: 0,
                    code: -1,
                    message: format!("cannot build the request: {error}"),
                })
            }
        };
        let response =
            match tokio::time::timeout_at(attempt_end.into(), self.client.execute(request)).await {
                Ok(Ok(response)) => response,
                Ok(Err(error)) => return Ok(Attempt::Uncertain(words(error))),
                Err(_) => return Ok(Attempt::Uncertain("no answer in time".to_owned())),
            };
        let status = response.status();
        let headers = RateLimitHeaders::read(response.headers());
        bucket.learn(&headers);
        let answer = match tokio::time::timeout_at(attempt_end.into(), response.bytes()).await {
            Ok(Ok(bytes)) => bytes.to_vec(),
            // The status arrived, the body did not: for a success, nothing is lost.
            _ if status.is_success() => Vec::new(),
            _ => return Ok(Attempt::Uncertain("the answer broke off".to_owned())),
        };
        if status.is_success() {
            return Ok(Attempt::Done(answer));
        }
        let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap_or_default();
        if status.as_u16() == 429 {
            self.metrics.rate_limited();
            // The body's `retry_after` is exact (seconds, with a fraction); the header is rounded.
            let wait = retry_after(answer["retry_after"].as_f64().or(headers.retry_after));
            let until = Instant::now() + wait;
            if answer["global"].as_bool().unwrap_or(headers.global) {
                let mut global_until = lock(&self.limits.global_until);
                *global_until = Some(global_until.map_or(until, |earlier| earlier.max(until)));
            } else {
                bucket.remaining = Some(0);
                bucket.reset_at = Some(until);
            }
            return Ok(Attempt::RateLimited(wait));
        }
        if status.is_server_error() {
            return Ok(Attempt::Uncertain(format!(
                "Discord answered {}",
                status.as_u16()
            )));
        }
        Ok(Attempt::Refused {
            status: status.as_u16(),
            code: answer["code"].as_i64().unwrap_or(0),
            message: answer["message"].as_str().unwrap_or_default().to_owned(),
        })
    }
}

impl Limits {
    /// The bucket named `key`, known or new.
    fn bucket(&self, key: &str) -> Arc<tokio::sync::Mutex<Bucket>> {
        let mut buckets = lock(&self.buckets);
        if let Some(bucket) = buckets.get(key) {
            return bucket.clone();
        }
        if buckets.len() >= MAX_BUCKETS {
            // A bucket held elsewhere is in use; one that is only here is not.
            buckets.retain(|_, bucket| Arc::strong_count(bucket) > 1);
        }
        buckets.entry(key.to_owned()).or_default().clone()
    }
}

/// Discord's rate-limit headers on one answer.
#[derive(Debug, Default)]
struct RateLimitHeaders {
    remaining: Option<u64>,
    reset_after: Option<f64>,
    retry_after: Option<f64>,
    global: bool,
}

impl RateLimitHeaders {
    fn read(headers: &reqwest::header::HeaderMap) -> RateLimitHeaders {
        let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        RateLimitHeaders {
            remaining: text("x-ratelimit-remaining").and_then(|v| v.trim().parse().ok()),
            reset_after: text("x-ratelimit-reset-after").and_then(|v| v.trim().parse().ok()),
            retry_after: text("retry-after").and_then(|v| v.trim().parse().ok()),
            global: text("x-ratelimit-global").is_some_and(|v| v.trim() == "true"),
        }
    }
}

impl Bucket {
    /// Takes in what an answer says of this bucket.
    fn learn(&mut self, headers: &RateLimitHeaders) {
        if let Some(remaining) = headers.remaining {
            self.remaining = Some(remaining);
        }
        if let Some(seconds) = headers.reset_after {
            self.reset_at = Some(Instant::now() + retry_after(Some(seconds)));
        }
    }
}

/// The wait before attempt `attempt + 1` after an uncertain failure: 250 ms, then doubling,
/// to 16 s at most.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250) * 2u32.pow(attempt.saturating_sub(1).min(6))
}

/// How long Discord asks to wait, from seconds it names: a second when it names none (or
/// names nonsense), an hour at most.
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
    fn a_bucket_learns_what_is_left_and_when_it_refills() {
        let mut bucket = Bucket::default();
        bucket.learn(&RateLimitHeaders::default());
        assert_eq!(
            (bucket.remaining, bucket.reset_at),
            (None, None),
            "nothing said"
        );
        let before = Instant::now();
        bucket.learn(&RateLimitHeaders {
            remaining: Some(0),
            reset_after: Some(2.5),
            ..RateLimitHeaders::default()
        });
        assert_eq!(bucket.remaining, Some(0));
        let reset_at = bucket.reset_at.expect("a reset");
        assert!(reset_at >= before + Duration::from_millis(2500));
    }

    #[test]
    fn buckets_are_capped_and_those_in_use_kept() {
        let limits = Limits::default();
        let in_use = limits.bucket("in use");
        for n in 0..MAX_BUCKETS {
            let _ = limits.bucket(&format!("channel/{n}"));
        }
        assert!(lock(&limits.buckets).len() <= MAX_BUCKETS);
        assert!(Arc::ptr_eq(&limits.bucket("in use"), &in_use));
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
