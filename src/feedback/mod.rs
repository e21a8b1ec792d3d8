//! The question log and the curator's report: what people asked, which passages answered them,
//! whether the forum abstained, how long it took, and the 👍/👎 votes on the answers, kept in
//! a SQLite file (`VERBATIM_DB`) for `verbatim report`. No user id is kept: a vote's voter is a
//! keyed hash that only tells whether the same person voted twice on the same answer.
//!
//! Logging never stands in the way of answering. The bot hands each record to a [`QuestionLog`]
//! without waiting; one thread of the log's own writes them. A database that is locked, full,
//! corrupt or cannot be opened costs the records, not the answers: each failure is logged and
//! counted ([`QuestionLog::database_errors`], and `verbatim_question_log_errors` in
//! `/metrics`), and the log is opened again a little later.

mod report;
mod store;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tracing::{info, warn};

use crate::config::QuestionLogConfig;
use crate::metrics::Metrics;

pub use report::{report, Report, ReportError};

/// One question and what it was answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The id of the interaction or message that asked.
    pub id: u64,
    pub at: SystemTime,
    /// The server it was asked in, if any.
    pub guild: Option<u64>,
    /// How it was asked: `ask`, `Ask the forum`, `mention`, `reply`, `dm`, `forum`.
    pub via: &'static str,
    pub question: String,
    /// The passages the answer's first page quoted; none when the forum abstained.
    pub passages: Vec<Quoted>,
    /// From the question's arrival to its answer.
    pub latency: Duration,
}

/// A quoted passage, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub passage: String,
    pub speaker: Option<String>,
    pub topic: String,
}

/// A 👍 or 👎 on the answer to question `question`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub question: u64,
    /// The voter's user id: hashed with the question before it is written, never kept.
    pub voter: u64,
    pub up: bool,
    pub at: SystemTime,
}

/// Where the bot sends what it logs. Cloning is cheap; every clone feeds the same writer.
#[derive(Clone)]
pub struct QuestionLog {
    records: SyncSender<Record>,
    errors: Errors,
}

/// The log's failures, counted for [`QuestionLog::database_errors`] and for `/metrics`.
#[derive(Clone)]
struct Errors {
    count: Arc<AtomicU64>,
    metrics: Metrics,
}

impl Errors {
    fn add(&self) {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.metrics.question_log_failed();
    }
}

impl std::fmt::Debug for QuestionLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuestionLog")
            .field("database_errors", &self.database_errors())
            .finish()
    }
}

enum Record {
    Asked(Asked),
    Vote(Vote),
}

/// Records waiting for the writer at most; beyond them, records are dropped and counted.
const BACKLOG: usize = 4096;

/// After a failure to open the log, how long before the writer tries again.
const REOPEN_AFTER: Duration = Duration::from_secs(30);

/// How often rows past their retention are deleted.
const PRUNE_EVERY: Duration = Duration::from_secs(60 * 60);

impl QuestionLog {
    /// Starts the log's writer for the configured file, or returns `None` when no file is
    /// configured. The file is opened, and migrated, by the writer: a file that cannot be
    /// opened is logged and counted like any other failure, here and in `metrics`.
    pub fn start(config: &QuestionLogConfig, metrics: &Metrics) -> Option<QuestionLog> {
        let path = config.path.clone()?;
        let retention = Duration::from_secs(u64::from(config.retention_days) * 24 * 60 * 60);
        let (records, received) = mpsc::sync_channel(BACKLOG);
        let errors = Errors {
            count: Arc::new(AtomicU64::new(0)),
            metrics: metrics.clone(),
        };
        let writer = Writer {
            path,
            retention,
            errors: errors.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("question-log".to_owned())
            .spawn(move || writer.run(received));
        if let Err(error) = spawned {
            warn!(%error, "cannot start the question log; logging nothing");
            return None;
        }
        Some(QuestionLog { records, errors })
    }

    /// Logs a question and its answer, without waiting.
    pub fn asked(&self, asked: Asked) {
        self.send(Record::Asked(asked));
    }

    /// Logs a vote, without waiting.
    pub fn voted(&self, vote: Vote) {
        self.send(Record::Vote(vote));
    }

    /// Failures of the log so far: records that could not be written (a locked, full, corrupt
    /// or unopenable file) or that the writer could not keep up with.
    pub fn database_errors(&self) -> u64 {
        self.errors.count.load(Ordering::Relaxed)
    }

    fn send(&self, record: Record) {
        match self.records.try_send(record) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.errors.add();
                warn!("the question log is behind; a record was dropped");
            }
            Err(TrySendError::Disconnected(_)) => {
                self.errors.add();
            }
        }
    }
}

/// The thread writing records to the file.
struct Writer {
    path: PathBuf,
    retention: Duration,
    errors: Errors,
}

impl Writer {
    fn run(self, records: Receiver<Record>) {
        let mut store: Option<store::Store> = None;
        let mut next_open = Instant::now();
        let mut next_prune = Instant::now();
        loop {
            let record = match records.recv_timeout(PRUNE_EVERY) {
                Ok(record) => Some(record),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if store.is_none() && Instant::now() >= next_open {
                store = self.open();
                if store.is_none() {
                    next_open = Instant::now() + REOPEN_AFTER;
                }
            }
            let Some(open) = store.as_mut() else {
                if record.is_some() {
                    self.errors.add();
                }
                continue;
            };
            if Instant::now() >= next_prune {
                next_prune = Instant::now() + PRUNE_EVERY;
                self.prune(open);
            }
            let written = match &record {
                Some(Record::Asked(asked)) => open.insert_question(asked),
                Some(Record::Vote(vote)) => open.insert_vote(vote),
                None => Ok(()),
            };
            if let Err(error) = written {
                self.errors.add();
                warn!(%error, path = %self.path.display(), "could not write to the question log");
                // A corrupt or replaced file may open afresh; a locked one will be unlocked.
                if !matches!(
                    error.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy)
                ) {
                    store = None;
                    next_open = Instant::now() + REOPEN_AFTER;
                }
            }
        }
    }

    fn open(&self) -> Option<store::Store> {
        match store::Store::open(&self.path) {
            Ok(store) => {
                info!(path = %self.path.display(), "question log open");
                Some(store)
            }
            Err(error) => {
                self.errors.add();
                warn!(%error, path = %self.path.display(), "cannot open the question log; answering without it");
                None
            }
        }
    }

    fn prune(&self, store: &mut store::Store) {
        let cutoff = SystemTime::now()
            .checked_sub(self.retention)
            .map_or(0, store::unix_seconds);
        match store.delete_before(cutoff) {
            Ok(0) => {}
            Ok(rows) => info!(rows, "deleted question log rows past their retention"),
            Err(error) => {
                self.errors.add();
                warn!(%error, "could not delete old rows from the question log");
            }
        }
    }
}
