//! The question log's SQLite file: its schema (migrated on open), the rows the bot writes, the
//! deletion of rows past their retention, and the queries `verbatim report` reads.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};
use sha2::{Digest, Sha256};

use super::{Asked, Vote};

/// The schema, one migration a version; a migration, once released, never changes.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(
        "CREATE TABLE questions (
             -- The id of the interaction or message that asked: a snowflake, never reused.
             id INTEGER PRIMARY KEY,
             asked_at INTEGER NOT NULL,      -- Unix seconds
             guild_id INTEGER,               -- NULL outside a server
             via TEXT NOT NULL,              -- ask, message command, mention, reply, dm, forum
             question TEXT NOT NULL,
             abstained INTEGER NOT NULL,     -- 1 when the forum does not answer it
             latency_ms INTEGER NOT NULL
         );
         CREATE INDEX questions_by_time ON questions (asked_at);
         -- The passages the answer's first page quoted, in order.
         CREATE TABLE answer_passages (
             question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
             rank INTEGER NOT NULL,
             passage_id TEXT NOT NULL,
             speaker TEXT,                   -- NULL for the reporter's narration
             topic TEXT NOT NULL,
             PRIMARY KEY (question_id, rank)
         );
         -- One vote per person per answer. The voter is a keyed hash of the person and the
         -- question, so that nobody's votes can be told apart from anyone else's, nor linked
         -- across answers; no user id is kept. No foreign key: with several processes, a vote
         -- may reach a log that did not see the question.
         CREATE TABLE votes (
             question_id INTEGER NOT NULL,
             voter BLOB NOT NULL,
             up INTEGER NOT NULL,
             voted_at INTEGER NOT NULL,
             PRIMARY KEY (question_id, voter)
         );
         CREATE INDEX votes_by_time ON votes (voted_at);
         CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
         INSERT INTO secrets (name, value) VALUES ('voter_key', randomblob(32));",
    )])
}

/// How long a write waits for another process's lock before it fails (and is counted).
const BUSY_TIMEOUT: Duration = Duration::from_millis(500);

/// The log, open for writing.
pub(super) struct Store {
    connection: Connection,
    voter_key: Vec<u8>,
}

impl Store {
    /// Opens (creating it if need be) and migrates the log at `path`, in WAL mode; or says
    /// why it cannot.
    pub(super) fn open(path: &Path) -> Result<Store, String> {
        Store::try_open(path).map_err(|error| error.to_string())
    }

    fn try_open(path: &Path) -> Result<Store, Box<dyn std::error::Error>> {
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        migrations().to_latest(&mut connection)?;
        let voter_key = connection.query_row(
            "SELECT value FROM secrets WHERE name = 'voter_key'",
            [],
            |row| row.get(0),
        )?;
        Ok(Store {
            connection,
            voter_key,
        })
    }

    /// Writes a question and the passages of its answer. A question logged already (an event
    /// delivered twice) is left as it is.
    pub(super) fn insert_question(&mut self, asked: &Asked) -> rusqlite::Result<()> {
        let transaction = self.connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT OR IGNORE INTO questions
                 (id, asked_at, guild_id, via, question, abstained, latency_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                asked.id as i64,
                unix_seconds(asked.at),
                asked.guild.map(|guild| guild as i64),
                asked.via,
                asked.question,
                asked.passages.is_empty(),
                asked.latency.as_millis() as i64,
            ],
        )?;
        if inserted == 1 {
            for (rank, quoted) in asked.passages.iter().enumerate() {
                transaction.execute(
                    "INSERT INTO answer_passages (question_id, rank, passage_id, speaker, topic)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        asked.id as i64,
                        rank as i64,
                        quoted.passage,
                        quoted.speaker,
                        quoted.topic
                    ],
                )?;
            }
        }
        transaction.commit()
    }

    /// Writes a vote, replacing the same person's earlier vote on the same answer.
    pub(super) fn insert_vote(&mut self, vote: &Vote) -> rusqlite::Result<()> {
        let voter = voter_hash(&self.voter_key, vote.question, vote.voter);
        self.connection.execute(
            "INSERT INTO votes (question_id, voter, up, voted_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (question_id, voter) DO UPDATE SET up = excluded.up, voted_at = excluded.voted_at",
            params![vote.question as i64, voter, vote.up, unix_seconds(vote.at)],
        )?;
        Ok(())
    }

    /// Deletes the questions, their passages and the votes older than `cutoff` (Unix seconds).
    pub(super) fn delete_before(&mut self, cutoff: i64) -> rusqlite::Result<usize> {
        let transaction = self.connection.transaction()?;
        let questions =
            transaction.execute("DELETE FROM questions WHERE asked_at < ?1", [cutoff])?;
        let votes = transaction.execute("DELETE FROM votes WHERE voted_at < ?1", [cutoff])?;
        transaction.commit()?;
        Ok(questions + votes)
    }
}

/// The voter's hash: SHA-256 of the log's own random key, the question and the person. The
/// same person voting again on the same answer has the same hash; nothing else does.
fn voter_hash(key: &[u8], question: u64, voter: u64) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(key);
    hash.update(question.to_le_bytes());
    hash.update(voter.to_le_bytes());
    hash.finalize().to_vec()
}

pub(super) fn unix_seconds(at: std::time::SystemTime) -> i64 {
    at.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() as i64)
}

/// One logged question, as the report reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LoggedQuestion {
    pub(super) id: i64,
    pub(super) question: String,
    pub(super) abstained: bool,
    /// (speaker, topic) of each quoted passage.
    pub(super) quoted: Vec<(Option<String>, String)>,
    /// Passage ids, in order.
    pub(super) passages: Vec<String>,
    pub(super) up: u64,
    pub(super) down: u64,
}

/// Everything logged since `since` (Unix seconds), read from the log at `path` without
/// changing it; or why it cannot be read.
pub(super) fn read_since(path: &Path, since: i64) -> Result<Vec<LoggedQuestion>, String> {
    try_read_since(path, since).map_err(|error| error.to_string())
}

fn try_read_since(path: &Path, since: i64) -> rusqlite::Result<Vec<LoggedQuestion>> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(Duration::from_secs(5))?;
    // A file that is not a log fails here, on its first read.
    let mut questions = Vec::new();
    let mut statement = connection.prepare(
        "SELECT q.id, q.question, q.abstained,
                (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.up = 1),
                (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id AND v.up = 0)
         FROM questions q WHERE q.asked_at >= ?1 ORDER BY q.asked_at, q.id",
    )?;
    let rows = statement.query_map([since], |row| {
        Ok(LoggedQuestion {
            id: row.get(0)?,
            question: row.get(1)?,
            abstained: row.get(2)?,
            quoted: Vec::new(),
            passages: Vec::new(),
            up: row.get::<_, i64>(3)? as u64,
            down: row.get::<_, i64>(4)? as u64,
        })
    })?;
    for row in rows {
        questions.push(row?);
    }
    let mut passages = connection.prepare(
        "SELECT passage_id, speaker, topic FROM answer_passages WHERE question_id = ?1
         ORDER BY rank",
    )?;
    for question in &mut questions {
        let rows = passages.query_map([question.id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (passage, speaker, topic) = row?;
            question.passages.push(passage);
            question.quoted.push((speaker, topic));
        }
    }
    Ok(questions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid() {
        migrations().validate().expect("valid migrations");
    }

    #[test]
    fn a_voter_hash_is_the_same_for_one_person_on_one_answer_only() {
        let key = [7u8; 32];
        assert_eq!(voter_hash(&key, 1, 2), voter_hash(&key, 1, 2));
        assert_ne!(voter_hash(&key, 1, 2), voter_hash(&key, 1, 3));
        assert_ne!(voter_hash(&key, 1, 2), voter_hash(&key, 4, 2));
        assert_ne!(voter_hash(&key, 1, 2), voter_hash(&[8u8; 32], 1, 2));
    }
}
