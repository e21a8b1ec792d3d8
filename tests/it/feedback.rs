//! The 👍/👎 buttons, the question log (`VERBATIM_DB`) and `verbatim report`: questions and
//! votes land in the log and in the report, with no user id anywhere, rows past their
//! retention are deleted, and a log that is corrupt, locked or cannot be opened costs the
//! records, never the answers. Timeouts only guard against hanging.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};
use verbatim::config::QuestionLogConfig;
use verbatim::discord::Settings;
use verbatim::feedback::{Asked, QuestionLog};
use verbatim::metrics::Metrics;

use crate::support::payloads::{self, Someone, ALICE, BOB, VERBATIM};
use crate::support::{
    callback, flags, output_of, settings, start_bot, verbatim, FakeDiscord, BOT_USER_ID,
    CHANNEL_ID, PATIENCE,
};

/// A fresh path for a log, under Cargo's test temp dir.
fn log_path(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("feedback");
    std::fs::create_dir_all(&dir).expect("the test folder");
    let path = dir.join(format!("{test}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

fn logging_to(path: &Path) -> QuestionLog {
    counted_logging_to(path, &Metrics::new())
}

fn counted_logging_to(path: &Path, metrics: &Metrics) -> QuestionLog {
    QuestionLog::start(
        &QuestionLogConfig {
            path: Some(path.to_owned()),
            ..QuestionLogConfig::default()
        },
        metrics,
    )
    .expect("a log")
}

async fn bot_logging_to(log: &QuestionLog) -> FakeDiscord {
    start_bot(Settings {
        question_log: Some(log.clone()),
        ..settings()
    })
    .await
}

async fn ask(fake: &FakeDiscord, who: Someone, question: &str) -> (u64, Value) {
    let options = json!([payloads::string_option("question", question)]);
    fake.command(who, "en-US", "ask", options).await
}

/// The custom ids of the buttons on a message.
fn buttons(message: &Value) -> Vec<String> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|button| button["custom_id"].as_str().map(str::to_owned))
        .collect()
}

async fn press(fake: &FakeDiscord, who: Someone, custom_id: &str, message: &Value) -> Value {
    let id = fake.new_id();
    let shown = payloads::sent_message(fake.new_id(), &CHANNEL_ID.to_string(), message);
    fake.dispatch(
        "INTERACTION_CREATE",
        payloads::button(id, who, "en-US", custom_id, shown),
    )
    .await;
    fake.callback(id).await
}

/// Waits until `query` on the log at `path` gives at least `count`.
async fn wait_for_rows(path: &Path, query: &str, count: i64) {
    let waited = tokio::time::timeout(PATIENCE, async {
        loop {
            let rows = rusqlite::Connection::open(path)
                .and_then(|db| db.query_row(query, [], |row| row.get::<_, i64>(0)))
                .unwrap_or(0);
            if rows >= count {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "{query} never reached {count}");
}

#[tokio::test]
async fn questions_and_votes_land_in_the_log_and_the_report_with_no_user_id() {
    let path = log_path("land");
    let log = logging_to(&path);
    let fake = bot_logging_to(&log).await;
    let (first, answer) = ask(&fake, ALICE, "王小川怎麼看價格戰?").await;
    let ids = buttons(&answer["data"]);
    let (up, down) = (
        format!("verbatim:vote:up:{first}"),
        format!("verbatim:vote:down:{first}"),
    );
    // Three passages answer it, all shown: votes, and no More.
    assert_eq!(ids, [up.clone(), down.clone()]);
    ask(&fake, BOB, "王小川怎么看价格战").await;
    let (_, abstention) = ask(&fake, BOB, "What's the weather in Paris tomorrow?").await;
    assert!(
        buttons(&abstention["data"]).is_empty(),
        "no votes on an abstention"
    );
    let mention = fake.new_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        payloads::message(
            mention,
            ALICE,
            &format!("<@{BOT_USER_ID}> 大家怎麼看價格戰?"),
            &[VERBATIM],
        ),
    )
    .await;
    let reply = fake.reply_to(mention).await;
    assert!(buttons(&reply.body).contains(&format!("verbatim:vote:up:{mention}")));

    // Alice changes her mind; Bob likes it. One vote each.
    for (who, custom_id) in [(ALICE, &up), (ALICE, &down), (BOB, &up)] {
        let ack = press(&fake, who, custom_id, &answer["data"]).await;
        assert_eq!(
            (ack["type"].clone(), ack["data"]["flags"].clone()),
            (json!(callback::MESSAGE), json!(flags::EPHEMERAL)),
            "acknowledged privately: {ack}"
        );
        assert!(ack["data"]["content"]
            .as_str()
            .unwrap()
            .contains("vote is noted"));
    }
    // A page of an answer keeps its votes.
    let page = press(
        &fake,
        BOB,
        &format!("verbatim:more:3:q:{mention}"),
        &reply.body,
    )
    .await;
    assert!(
        buttons(&page["data"]).contains(&format!("verbatim:vote:up:{mention}")),
        "{page}"
    );

    wait_for_rows(&path, "SELECT COUNT(*) FROM questions", 4).await;
    wait_for_rows(&path, "SELECT COUNT(*) FROM votes WHERE up = 1", 1).await;
    wait_for_rows(&path, "SELECT COUNT(*) FROM votes WHERE up = 0", 1).await;
    let db = rusqlite::Connection::open(&path).unwrap();
    let votes: i64 = db
        .query_row("SELECT COUNT(*) FROM votes", [], |row| row.get(0))
        .unwrap();
    assert_eq!(votes, 2, "one vote per person per answer");
    let (via, guild, abstained): (String, Option<i64>, bool) = db
        .query_row(
            "SELECT via, guild_id, abstained FROM questions WHERE id = ?1",
            [mention as i64],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (via.as_str(), guild.is_some(), abstained),
        ("mention", true, false)
    );
    no_user_id_in(&db, &[ALICE.id, BOB.id]);
    assert_eq!(log.database_errors(), 0);

    let db_path = path.to_str().unwrap();
    let output = output_of(verbatim(
        &["report", "--json", "--since", "1h"],
        &[("VERBATIM_DB", db_path)],
    ))
    .await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(
        (report["questions"].clone(), report["abstained"].clone()),
        (json!(4), json!(1))
    );
    assert_eq!(
        report["most_asked"][0],
        json!({ "question": "王小川怎麼看價格戰?", "count": 2 }),
        "the same question in both scripts, counted together: {report}"
    );
    assert_eq!(
        report["unanswered"],
        json!([{ "question": "What's the weather in Paris tomorrow?", "count": 1 }])
    );
    assert_eq!(
        report["voted_down"][0]["question"],
        json!("王小川怎麼看價格戰?")
    );
    assert_eq!(
        (
            report["voted_down"][0]["up"].clone(),
            report["voted_down"][0]["down"].clone()
        ),
        (json!(1), json!(1))
    );
    assert_eq!(
        report["speakers"][0],
        json!({ "name": "王小川", "questions": 2 }),
        "{report}"
    );
    assert!(report["topics"].as_array().is_some_and(|t| !t.is_empty()));

    let output = output_of(verbatim(&["report"], &[("VERBATIM_DB", db_path)])).await;
    let text = String::from_utf8_lossy(&output.stdout);
    for heading in [
        "Most asked",
        "Not answered by the forum",
        "Voted down",
        "Answers by speaker",
        "Answers by topic",
        "王小川怎麼看價格戰?",
    ] {
        assert!(text.contains(heading), "{heading} in\n{text}");
    }
}

/// Every value in every table of the log, as text: none is a user id.
fn no_user_id_in(db: &rusqlite::Connection, users: &[u64]) {
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for table in tables {
        let mut statement = db.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for column in 0..columns {
                let value: rusqlite::types::Value = row.get(column).unwrap();
                let text = format!("{value:?}");
                for user in users {
                    assert!(!text.contains(&user.to_string()), "{table}: {text}");
                }
            }
        }
    }
}

#[tokio::test]
async fn rows_past_their_retention_are_deleted() {
    let path = log_path("retention");
    let asked = |id: u64, days_ago: u64| Asked {
        id,
        at: SystemTime::now() - Duration::from_secs(days_ago * 24 * 60 * 60),
        guild: None,
        via: "ask",
        question: format!("question {id}"),
        passages: Vec::new(),
        latency: Duration::from_millis(1),
    };
    let first = logging_to(&path);
    first.asked(asked(1, 10));
    first.asked(asked(2, 1));
    wait_for_rows(&path, "SELECT COUNT(*) FROM questions", 2).await;
    // A week's retention: the next process deletes the ten-day-old question as it starts
    // writing.
    let second = QuestionLog::start(
        &QuestionLogConfig {
            path: Some(path.clone()),
            retention_days: 7,
        },
        &Metrics::new(),
    )
    .unwrap();
    second.asked(asked(3, 0));
    wait_for_rows(&path, "SELECT COUNT(*) FROM questions WHERE id = 3", 1).await;
    let db = rusqlite::Connection::open(&path).unwrap();
    let ids: Vec<i64> = db
        .prepare("SELECT id FROM questions ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids, [2, 3]);
}

/// A log that cannot take records: the bot answers all the same, and the failures are counted,
/// for `/metrics` too (the log's own thread logs them, out of the tests' reach).
async fn check_answers_despite(path: &Path, what: &str) {
    let metrics = Metrics::new();
    let log = counted_logging_to(path, &metrics);
    let fake = bot_logging_to(&log).await;
    for who in [ALICE, BOB] {
        let (_, answer) = ask(&fake, who, "王小川怎麼看價格戰?").await;
        assert_eq!(answer["type"], json!(callback::MESSAGE), "{what}: {answer}");
        assert!(
            !answer["data"]["embeds"].as_array().unwrap().is_empty(),
            "{what}"
        );
    }
    let counted = tokio::time::timeout(PATIENCE, async {
        while log.database_errors() == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(counted.is_ok(), "{what}: no database error counted");
    let scraped = metrics.encode();
    let line = scraped
        .lines()
        .find(|line| line.starts_with("verbatim_question_log_errors_total "))
        .unwrap_or_else(|| panic!("{what}: no question log errors in\n{scraped}"));
    assert_ne!(line, "verbatim_question_log_errors_total 0", "{what}");
}

#[tokio::test]
async fn a_corrupt_log_file_leaves_the_bot_answering() {
    let path = log_path("corrupt");
    std::fs::write(&path, "this is not a database, ".repeat(400)).unwrap();
    check_answers_despite(&path, "a corrupt file").await;
}

#[tokio::test]
async fn a_log_that_cannot_be_opened_leaves_the_bot_answering() {
    let path = log_path("unopenable");
    std::fs::create_dir_all(&path).unwrap();
    check_answers_despite(&path, "a folder where the file should be").await;
}

#[tokio::test]
async fn a_locked_log_leaves_the_bot_answering() {
    let path = log_path("locked");
    // A log made and migrated, then held by another writer for the whole test.
    let made = logging_to(&path);
    made.asked(Asked {
        id: 1,
        at: SystemTime::now(),
        guild: None,
        via: "ask",
        question: "made".to_owned(),
        passages: Vec::new(),
        latency: Duration::ZERO,
    });
    wait_for_rows(&path, "SELECT COUNT(*) FROM questions", 1).await;
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    check_answers_despite(&path, "a locked file").await;
    holder.execute_batch("ROLLBACK").unwrap();
}

#[tokio::test]
async fn report_without_a_log_or_with_an_unreadable_one_says_so_and_exits_2() {
    let output = output_of(verbatim(&["report"], &[])).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("VERBATIM_DB is not set"));
    let path = log_path("not-a-log");
    std::fs::write(&path, "not a database").unwrap();
    let output = output_of(verbatim(&["report", "--db", path.to_str().unwrap()], &[])).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read the question log"));
}

#[tokio::test]
async fn a_vote_when_no_log_is_kept_says_so_privately() {
    let fake = start_bot(settings()).await;
    let (_, answer) = ask(&fake, ALICE, "大家怎麼看價格戰?").await;
    assert_eq!(
        buttons(&answer["data"]),
        [format!(
            "verbatim:more:3:q:{}",
            answer_key(&answer["data"]).expect("a More button")
        )],
        "no vote buttons without a log"
    );
    // A button from when the log was on.
    let ack = press(&fake, BOB, "verbatim:vote:down:42", &answer["data"]).await;
    assert_eq!(ack["data"]["flags"], json!(flags::EPHEMERAL), "{ack}");
    assert!(ack["data"]["content"]
        .as_str()
        .unwrap()
        .contains("votes are not being kept"));
}

/// The question id in an answer's More button.
fn answer_key(message: &Value) -> Option<String> {
    buttons(message)
        .first()
        .and_then(|id| id.rsplit(':').next().map(str::to_owned))
}
