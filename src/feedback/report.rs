//! `verbatim report`: what the question log says about a stretch of time, for the people who
//! keep the knowledge: the questions asked most, the ones the forum could not answer, the
//! answers voted down, and how often each speaker and topic answered. As tables for a
//! terminal, or as one JSON object.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use comfy_table::{presets, Cell, CellAlignment, Table};
use serde::Serialize;

use super::store::{self, LoggedQuestion};
use crate::normalize::fold;

/// What the log says since a moment. Its JSON shape is a contract, like `ask --json`'s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Unix seconds: the report covers questions asked from then on (0: since the start).
    pub since: i64,
    pub questions: u64,
    pub abstained: u64,
    /// The questions asked most, the same question in any script or case counted together.
    pub most_asked: Vec<Asked>,
    /// The questions the forum could not answer, most asked first.
    pub unanswered: Vec<Asked>,
    /// Answers with a 👎, the most voted down (👎 less 👍) first.
    pub voted_down: Vec<VotedDown>,
    /// How many questions each speaker's words answered (on the answer's first page).
    pub speakers: Vec<Count>,
    /// How many questions each topic answered.
    pub topics: Vec<Count>,
}

/// A question and how often it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Asked {
    /// The question as it was first asked.
    pub question: String,
    pub count: u64,
}

/// An answer voted down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VotedDown {
    pub question: String,
    /// The passages it quoted, by id.
    pub passages: Vec<String>,
    pub up: u64,
    pub down: u64,
}

/// A speaker or topic, and how many questions it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// A speaker's name (`narration` for the reporter's), or a topic's id.
    pub name: String,
    pub questions: u64,
}

/// Why there is no report.
#[derive(Debug)]
pub enum ReportError {
    /// No log is configured.
    NoLog,
    /// The log could not be read.
    Unreadable(String),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::NoLog => f.write_str(
                "VERBATIM_DB is not set; point it (or --db) at the question log the bot writes",
            ),
            ReportError::Unreadable(error) => write!(f, "cannot read the question log: {error}"),
        }
    }
}

/// The report over the log at `path`, from `since` on, with at most `limit` rows a list.
pub fn report(path: &Path, since: SystemTime, limit: usize) -> Result<Report, ReportError> {
    if !path.is_file() {
        return Err(ReportError::Unreadable(format!(
            "{} is not a file",
            path.display()
        )));
    }
    let since = store::unix_seconds(since);
    let logged = store::read_since(path, since).map_err(ReportError::Unreadable)?;
    Ok(summarise(since, &logged, limit))
}

/// The report of `logged`, pure.
fn summarise(since: i64, logged: &[LoggedQuestion], limit: usize) -> Report {
    let most_asked = asked_most(logged.iter(), limit);
    let unanswered = asked_most(logged.iter().filter(|q| q.abstained), limit);
    let mut voted_down: Vec<VotedDown> = logged
        .iter()
        .filter(|q| q.down > 0)
        .map(|q| VotedDown {
            question: q.question.clone(),
            passages: q.passages.clone(),
            up: q.up,
            down: q.down,
        })
        .collect();
    let balance = |v: &VotedDown| v.down as i64 - v.up as i64;
    voted_down.sort_by(|a, b| balance(b).cmp(&balance(a)).then(b.down.cmp(&a.down)));
    voted_down.truncate(limit);
    let mut speakers: HashMap<String, u64> = HashMap::new();
    let mut topics: HashMap<String, u64> = HashMap::new();
    for question in logged {
        let mut named: Vec<String> = question
            .quoted
            .iter()
            .map(|(speaker, _)| speaker.clone().unwrap_or_else(|| "narration".to_owned()))
            .collect();
        named.sort();
        named.dedup();
        for name in named {
            *speakers.entry(name).or_default() += 1;
        }
        let mut on: Vec<&String> = question.quoted.iter().map(|(_, topic)| topic).collect();
        on.sort();
        on.dedup();
        for topic in on {
            *topics.entry(topic.clone()).or_default() += 1;
        }
    }
    Report {
        since,
        questions: logged.len() as u64,
        abstained: logged.iter().filter(|q| q.abstained).count() as u64,
        most_asked,
        unanswered,
        voted_down,
        speakers: counts(speakers),
        topics: counts(topics),
    }
}

/// Questions grouped by their folded form (script, width, case, and the spaces and
/// punctuation around them), most asked first, then first asked first.
fn asked_most<'a>(questions: impl Iterator<Item = &'a LoggedQuestion>, limit: usize) -> Vec<Asked> {
    let mut groups: Vec<Asked> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for question in questions {
        let key: String = fold(&question.question)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        match index.get(&key) {
            Some(&at) => groups[at].count += 1,
            None => {
                index.insert(key, groups.len());
                groups.push(Asked {
                    question: question.question.clone(),
                    count: 1,
                });
            }
        }
    }
    // Stable: ties stay in the order first asked.
    groups.sort_by_key(|group| std::cmp::Reverse(group.count));
    groups.truncate(limit);
    groups
}

fn counts(map: HashMap<String, u64>) -> Vec<Count> {
    let mut counts: Vec<Count> = map
        .into_iter()
        .map(|(name, questions)| Count { name, questions })
        .collect();
    counts.sort_by(|a, b| b.questions.cmp(&a.questions).then(a.name.cmp(&b.name)));
    counts
}

impl Report {
    /// The report as tables for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} questions, {} the forum could not answer\n",
            self.questions, self.abstained
        );
        let section = |out: &mut String, title: &str, table: Option<Table>| {
            out.push('\n');
            out.push_str(title);
            out.push('\n');
            match table {
                Some(table) => {
                    out.push_str(&table.to_string());
                    out.push('\n');
                }
                None => out.push_str("(none)\n"),
            }
        };
        section(&mut out, "Most asked", asked_table(&self.most_asked));
        section(
            &mut out,
            "Not answered by the forum",
            asked_table(&self.unanswered),
        );
        let voted_down = (!self.voted_down.is_empty()).then(|| {
            let mut table = table(&["question", "👍", "👎", "passages"]);
            for row in &self.voted_down {
                table.add_row(vec![
                    Cell::new(&row.question),
                    number(row.up),
                    number(row.down),
                    Cell::new(row.passages.join(" ")),
                ]);
            }
            table
        });
        section(&mut out, "Voted down", voted_down);
        section(
            &mut out,
            "Answers by speaker",
            count_table("speaker", &self.speakers),
        );
        section(
            &mut out,
            "Answers by topic",
            count_table("topic", &self.topics),
        );
        out
    }
}

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(header.to_vec());
    table
}

fn number(n: u64) -> Cell {
    Cell::new(n).set_alignment(CellAlignment::Right)
}

fn asked_table(rows: &[Asked]) -> Option<Table> {
    (!rows.is_empty()).then(|| {
        let mut table = table(&["question", "times"]);
        for row in rows {
            table.add_row(vec![Cell::new(&row.question), number(row.count)]);
        }
        table
    })
}

fn count_table(what: &str, rows: &[Count]) -> Option<Table> {
    (!rows.is_empty()).then(|| {
        let mut table = table(&[what, "questions"]);
        for row in rows {
            table.add_row(vec![Cell::new(&row.name), number(row.questions)]);
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(
        id: i64,
        question: &str,
        quoted: &[(Option<&str>, &str)],
        votes: (u64, u64),
    ) -> LoggedQuestion {
        LoggedQuestion {
            id,
            question: question.to_owned(),
            abstained: quoted.is_empty(),
            quoted: quoted
                .iter()
                .map(|(speaker, topic)| (speaker.map(str::to_owned), (*topic).to_owned()))
                .collect(),
            passages: (0..quoted.len()).map(|n| format!("p{id}-{n}")).collect(),
            up: votes.0,
            down: votes.1,
        }
    }

    #[test]
    fn the_same_question_in_any_script_or_case_is_counted_together() {
        let log = [
            logged(1, "楊植麟怎麼看AGI?", &[(Some("楊植麟"), "agi")], (0, 0)),
            logged(2, "杨植麟怎么看agi", &[(Some("楊植麟"), "agi")], (0, 2)),
            logged(3, "What's the weather?", &[], (0, 0)),
            logged(4, "whats the weather", &[], (0, 0)),
            logged(
                5,
                "王小川怎麼看價格戰?",
                &[(Some("王小川"), "price-war"), (None, "price-war")],
                (1, 0),
            ),
        ];
        let report = summarise(0, &log, 10);
        assert_eq!((report.questions, report.abstained), (5, 2));
        let asked: Vec<(&str, u64)> = report
            .most_asked
            .iter()
            .map(|a| (a.question.as_str(), a.count))
            .collect();
        assert_eq!(
            asked,
            [
                ("楊植麟怎麼看AGI?", 2),
                ("What's the weather?", 2),
                ("王小川怎麼看價格戰?", 1)
            ]
        );
        assert_eq!(
            report.unanswered,
            [Asked {
                question: "What's the weather?".into(),
                count: 2
            }]
        );
        assert_eq!(
            report.voted_down,
            [VotedDown {
                question: "杨植麟怎么看agi".into(),
                passages: vec!["p2-0".into()],
                up: 0,
                down: 2
            }]
        );
        let speakers: Vec<(&str, u64)> = report
            .speakers
            .iter()
            .map(|c| (c.name.as_str(), c.questions))
            .collect();
        assert_eq!(speakers, [("楊植麟", 2), ("narration", 1), ("王小川", 1)]);
        let topics: Vec<(&str, u64)> = report
            .topics
            .iter()
            .map(|c| (c.name.as_str(), c.questions))
            .collect();
        assert_eq!(topics, [("agi", 2), ("price-war", 1)]);
    }

    #[test]
    fn lists_are_cut_to_the_limit() {
        let log: Vec<LoggedQuestion> = (0..30)
            .map(|n| logged(n, &format!("question {n}"), &[], (0, 1)))
            .collect();
        let report = summarise(0, &log, 5);
        assert_eq!(
            (
                report.most_asked.len(),
                report.unanswered.len(),
                report.voted_down.len()
            ),
            (5, 5, 5)
        );
    }
}
