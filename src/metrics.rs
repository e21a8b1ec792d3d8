//! What the running bot counts, for a Prometheus scrape of `/metrics` (see `health`): questions
//! answered and abstained, how long answers take, the gateway's reconnects and resumes, REST
//! retries and rate limits, reloads, the passages loaded, cooldown refusals, and the question
//! log's failures. Plain counters, with no Discord type: the Discord adapter records, the health
//! server encodes.

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// One label, as `name = value`.
type Label = [(&'static str, &'static str); 1];

/// The bot's counters. Cloning is cheap, and every clone counts into the same registry.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    questions: Family<Label, Counter>,
    answer_seconds: Histogram,
    reconnects: Counter,
    resumes: Counter,
    rest_retries: Counter,
    rate_limited: Counter,
    reloads: Family<Label, Counter>,
    passages: Gauge,
    cooldown_refusals: Counter,
    question_log_errors: Counter,
}

/// What became of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Passages were found and shown.
    WithQuotes,
    /// The forum does not answer it: the reply says so and lists who spoke on what.
    Abstained,
}

/// What became of a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reload {
    /// The new knowledge answers from now on.
    Replaced,
    /// The packs have problems; the previous knowledge keeps answering.
    Refused,
    /// The packs could not be indexed; the previous knowledge keeps answering.
    Failed,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("verbatim");
        let questions = Family::<Label, Counter>::default();
        registry.register(
            "questions",
            "Questions answered, by outcome: answered with quotes, or abstained",
            questions.clone(),
        );
        // From 1 ms to about 16 s: answers take milliseconds, and a deferred one may take
        // seconds.
        let answer_seconds = Histogram::new(
            prometheus_client::metrics::histogram::exponential_buckets(0.001, 2.0, 15),
        );
        registry.register(
            "answer_seconds",
            "Time from a question's arrival to its answer being sent",
            answer_seconds.clone(),
        );
        let reconnects = Counter::default();
        registry.register(
            "gateway_reconnects",
            "Gateway sessions made again after the first, resumed or identified afresh",
            reconnects.clone(),
        );
        let resumes = Counter::default();
        registry.register(
            "gateway_resumes",
            "Gateway sessions resumed, of the reconnects",
            resumes.clone(),
        );
        let rest_retries = Counter::default();
        registry.register(
            "rest_retries",
            "REST requests sent again after a 429, a 5xx or no answer",
            rest_retries.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rest_rate_limited",
            "REST requests Discord answered with 429",
            rate_limited.clone(),
        );
        let reloads = Family::<Label, Counter>::default();
        registry.register(
            "reloads",
            "Knowledge reloads, by outcome: replaced, refused (problems), failed",
            reloads.clone(),
        );
        let passages = Gauge::default();
        registry.register(
            "passages",
            "Passages in the knowledge answering now",
            passages.clone(),
        );
        let cooldown_refusals = Counter::default();
        registry.register(
            "cooldown_refusals",
            "Questions refused because their asker was cooling down",
            cooldown_refusals.clone(),
        );
        let question_log_errors = Counter::default();
        registry.register(
            "question_log_errors",
            "Question log records lost: a file locked, full, corrupt or unopenable, or a backlog",
            question_log_errors.clone(),
        );
        let inner = Inner {
            registry,
            questions,
            answer_seconds,
            reconnects,
            resumes,
            rest_retries,
            rate_limited,
            reloads,
            passages,
            cooldown_refusals,
            question_log_errors,
        };
        Metrics {
            inner: Arc::new(inner),
        }
    }

    /// A question was answered, `latency` after it arrived.
    pub fn answered(&self, outcome: Answered, latency: Duration) {
        let outcome = match outcome {
            Answered::WithQuotes => "answered",
            Answered::Abstained => "abstained",
        };
        self.inner
            .questions
            .get_or_create(&[("outcome", outcome)])
            .inc();
        self.inner.answer_seconds.observe(latency.as_secs_f64());
    }

    /// A gateway session was made again after the first (resumed or identified afresh).
    pub fn reconnected(&self) {
        self.inner.reconnects.inc();
    }

    /// A gateway session was resumed.
    pub fn resumed(&self) {
        self.inner.resumes.inc();
    }

    /// A REST request is sent again.
    pub fn retried(&self) {
        self.inner.rest_retries.inc();
    }

    /// Discord answered a REST request with 429.
    pub fn rate_limited(&self) {
        self.inner.rate_limited.inc();
    }

    /// A reload came to `outcome`.
    pub fn reloaded(&self, outcome: Reload) {
        let outcome = match outcome {
            Reload::Replaced => "replaced",
            Reload::Refused => "refused",
            Reload::Failed => "failed",
        };
        self.inner
            .reloads
            .get_or_create(&[("outcome", outcome)])
            .inc();
    }

    /// The knowledge answering now has `count` passages.
    pub fn passages_loaded(&self, count: usize) {
        self.inner
            .passages
            .set(i64::try_from(count).unwrap_or(i64::MAX));
    }

    /// A question was refused because its asker was cooling down.
    pub fn cooldown_refused(&self) {
        self.inner.cooldown_refusals.inc();
    }

    /// The question log failed to keep a record.
    pub fn question_log_failed(&self) {
        self.inner.question_log_errors.inc();
    }

    /// Every metric in Prometheus's text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ =
            prometheus_client::encoding::prometheus_text::encode(&mut text, &self.inner.registry);
        text
    }
}

/// The content type of [`Metrics::encode`]'s text.
pub const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_named_and_counts() {
        let metrics = Metrics::new();
        metrics.answered(Answered::WithQuotes, Duration::from_millis(3));
        metrics.answered(Answered::Abstained, Duration::from_millis(2));
        metrics.answered(Answered::Abstained, Duration::from_millis(2));
        metrics.reconnected();
        metrics.resumed();
        metrics.retried();
        metrics.rate_limited();
        metrics.reloaded(Reload::Replaced);
        metrics.reloaded(Reload::Refused);
        metrics.passages_loaded(28);
        metrics.cooldown_refused();
        metrics.question_log_failed();
        let text = metrics.encode();
        for line in [
            "verbatim_questions_total{outcome=\"answered\"} 1",
            "verbatim_questions_total{outcome=\"abstained\"} 2",
            "verbatim_answer_seconds_count 3",
            "verbatim_gateway_reconnects_total 1",
            "verbatim_gateway_resumes_total 1",
            "verbatim_rest_retries_total 1",
            "verbatim_rest_rate_limited_total 1",
            "verbatim_reloads_total{outcome=\"replaced\"} 1",
            "verbatim_reloads_total{outcome=\"refused\"} 1",
            "verbatim_passages 28",
            "verbatim_cooldown_refusals_total 1",
            "verbatim_question_log_errors_total 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
        }
    }
}
