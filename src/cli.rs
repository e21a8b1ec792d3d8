//! The command line: `ask`, `speakers`, `topics`, `check`, `ingest`, `run` and `config`, a thin
//! layer over the core.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::answer::{answer_reply, highlighted_plain, render_terminal, speaker_line, topic_name};
use crate::config::{
    BotConfig, BuildError, HttpConfig, KnowledgeConfig, QuestionLogConfig, ServeConfig,
};
use crate::ingest::{
    compare, truth_from_json, truth_from_pack, Draft, Options as IngestOptions, Truth,
};
use crate::knowledge::{
    is_iso_date, load_dir, read_source_bytes, write_pack, Knowledge, Pack, MANIFEST, MAX_FILE_BYTES,
};
use crate::search::{Answer, Engine};
use crate::strings::Locale;

/// Answers questions about a forum with verbatim, attributed quotes.
#[derive(Debug, Parser)]
#[command(name = "verbatim", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub knowledge: KnowledgeConfig,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ask a question; without one (and with --json), answer every line of standard input
    Ask {
        /// The question, in any language or script
        question: Option<String>,
        /// Print one JSON object per question
        #[arg(long)]
        json: bool,
        /// How many passages to return (1 to 1000); with --explain, how many judged to list
        #[arg(long, default_value_t = 3, value_parser = limit)]
        limit: usize,
        /// Language of the fixed words: en, zh-TW or zh-CN (default: the question's)
        #[arg(long)]
        locale: Option<String>,
        /// Show how the question is understood instead of answering it
        #[arg(long, conflicts_with = "json")]
        explain: bool,
    },
    /// List the forum's speakers
    Speakers,
    /// List the forum's topics
    Topics,
    /// Validate knowledge packs: every problem as path:line: message, exit code 2 if any
    Check,
    /// Draft a knowledge pack from a report or transcript: DIR/pack.toml and a copy of the
    /// source, with `# review:` on every line to look at
    Ingest(Box<IngestArgs>),
    /// Run the Discord bot (token from DISCORD_TOKEN)
    Run(BotConfig),
    /// Answer Discord's interactions at an HTTP endpoint, with no gateway connection
    /// (public key from DISCORD_PUBLIC_KEY)
    Serve(ServeConfig),
    /// What people asked, what the forum could not answer, and the answers voted down, from
    /// the question log (VERBATIM_DB)
    Report(ReportArgs),
    /// Print the settings in effect, one NAME=value a line, the token redacted
    Config(ServeConfig),
    /// Exit 0 when the running bot is ready (its /readyz at VERBATIM_HTTP_ADDR), for health checks
    Health(HttpConfig),
}

/// What `ingest` reads and writes, and what the text may not say.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// The report or transcript: UTF-8, GB18030 or Big5 text, a title on the first line
    pub source: PathBuf,
    /// The folder to write the pack into (it must not exist, unless --force)
    #[arg(long, value_name = "DIR", required_unless_present = "compare")]
    pub out: Option<PathBuf>,
    /// Replace the folder if it exists
    #[arg(long)]
    pub force: bool,
    /// Print how the draft's attribution agrees with a hand attribution (a truth.json, or a
    /// pack folder or pack.toml)
    #[arg(long, value_name = "TRUTH")]
    pub compare: Option<PathBuf>,
    /// The pack's id (default: the folder's name)
    #[arg(long)]
    pub id: Option<String>,
    /// The outlet that published the text
    #[arg(long)]
    pub outlet: Option<String>,
    /// The reporter
    #[arg(long)]
    pub reporter: Option<String>,
    /// The event's name
    #[arg(long)]
    pub event: Option<String>,
    /// The event's date, YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
    /// Where the event took place
    #[arg(long)]
    pub place: Option<String>,
    /// The session within the event
    #[arg(long)]
    pub session: Option<String>,
    /// Where the text was published
    #[arg(long)]
    pub url: Option<String>,
}

/// `verbatim report`'s options.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// Only the questions asked in this last stretch of time, such as 7d, 24h or 2w
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub since: Option<std::time::Duration>,
    /// Print one JSON object instead of tables
    #[arg(long)]
    pub json: bool,
    /// Rows in each list
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub question_log: QuestionLogConfig,
}

/// `verbatim report`: the question log's report, as tables or JSON. No log configured, or one
/// that cannot be read, is one line on standard error and exit code 2.
pub fn report(args: &ReportArgs) -> ExitCode {
    let Some(path) = &args.question_log.path else {
        eprintln!("error: {}", crate::feedback::ReportError::NoLog);
        return ExitCode::from(EXIT_BAD_INPUT);
    };
    let since = args
        .since
        .and_then(|stretch| std::time::SystemTime::now().checked_sub(stretch))
        .unwrap_or(std::time::UNIX_EPOCH);
    match crate::feedback::report(path, since, args.limit) {
        Ok(report) if args.json => match serde_json::to_string(&report) {
            Ok(line) => println!("{line}"),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        },
        // What people asked may hold anything: it reaches the terminal harmless.
        Ok(report) => print!("{}", for_terminal(&report.to_text())),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    }
    ExitCode::SUCCESS
}

/// Passages `ask --limit` returns at most.
const MAX_LIMIT: usize = 1000;

fn limit(text: &str) -> Result<usize, String> {
    text.trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| format!("must be a number from 1 to {MAX_LIMIT}"))
}

/// `text` made safe to print to a terminal: control characters (escape sequences, bells,
/// carriage returns) that a pack or a question may hold become U+FFFD, so that they cannot
/// move the cursor, recolour or retitle the terminal. Line breaks and tabs stay.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Exit code for bad input: bad knowledge, bad token.
pub const EXIT_BAD_INPUT: u8 = 2;

/// The async runtime `builder` makes, or the exit code of a command that cannot start one
/// (having said why).
pub fn start_runtime(
    mut builder: tokio::runtime::Builder,
) -> Result<tokio::runtime::Runtime, ExitCode> {
    builder.enable_all().build().map_err(|error| {
        eprintln!("error: cannot start the async runtime: {error}");
        ExitCode::FAILURE
    })
}

/// Runs the commands that answer from the knowledge, and `ingest`, which needs none: every
/// one but `run`, `serve`, `report`, `config` and `health` (see `main.rs`).
pub fn execute(command: Command, config: &KnowledgeConfig) -> ExitCode {
    let command = match command {
        Command::Ingest(args) => return ingest(&args),
        command => command,
    };
    if let Command::Ask {
        question,
        json,
        limit,
        locale,
        explain,
    } = command
    {
        let engine = match config.build_engine() {
            Ok(engine) => engine,
            Err(error) => return build_failed(&error),
        };
        return ask(&engine, question, json, limit, locale, explain);
    }
    let knowledge = match config.load() {
        Ok(knowledge) => knowledge,
        Err(problems) => return build_failed(&BuildError::Problems(problems)),
    };
    match command {
        Command::Check => {
            let passages = knowledge.passages().count();
            println!(
                "ok: {} pack{}, {} speakers, {} topics, {passages} passages, every passage verbatim",
                knowledge.packs.len(),
                if knowledge.packs.len() == 1 { "" } else { "s" },
                knowledge.speakers().len(),
                knowledge.topics().len(),
            );
            ExitCode::SUCCESS
        }
        Command::Speakers => {
            for speaker in knowledge.speakers() {
                let line = speaker_line(speaker, Locale::English);
                let sources = sources_of(&knowledge, |pack| {
                    pack.speakers.iter().any(|s| s.name == speaker.name)
                });
                println!("{}", for_terminal(&format!("{line}{sources}")));
            }
            ExitCode::SUCCESS
        }
        Command::Topics => {
            for topic in knowledge.topics() {
                let line = format!("{:<12} {}", topic.id, topic_name(topic, Locale::English));
                let sources = sources_of(&knowledge, |pack| {
                    pack.topics.iter().any(|t| t.id == topic.id)
                });
                println!("{}", for_terminal(&format!("{line}{sources}")));
            }
            ExitCode::SUCCESS
        }
        Command::Ask { .. }
        | Command::Ingest(_)
        | Command::Run(_)
        | Command::Serve(_)
        | Command::Report(_)
        | Command::Config(_)
        | Command::Health(_) => {
            unreachable!(
                "`ask` and `ingest` are answered above, `run`, `serve`, `report`, `config` and `health` in main"
            )
        }
    }
}

/// Says why no engine could be built: every problem of the packs (bad input, exit code 2), or
/// why the index could not be built.
fn build_failed(error: &BuildError) -> ExitCode {
    match error {
        BuildError::Problems(_) => {
            eprintln!("{}", for_terminal(&error.to_string()));
            ExitCode::from(EXIT_BAD_INPUT)
        }
        BuildError::Index(_) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `verbatim ask`: one question, every line of standard input, or how a question is understood.
fn ask(
    engine: &Engine,
    question: Option<String>,
    json: bool,
    limit: usize,
    locale: Option<String>,
    explain: bool,
) -> ExitCode {
    if let (true, Some(question)) = (explain, &question) {
        let mut explanation = engine.explain(question);
        explanation.candidates.truncate(limit);
        print!("{}", for_terminal(&explanation.to_string()));
        return ExitCode::SUCCESS;
    }
    let locale_for = |question: &str| match &locale {
        Some(code) => Locale::from_code(code),
        None => Locale::of_question(question),
    };
    match (question, json) {
        (Some(question), true) => print_json(&engine.ask(&question, limit)),
        (Some(question), false) => {
            let answer = engine.ask(&question, limit);
            let reply = answer_reply(&answer, engine.knowledge(), locale_for(&question));
            print!("{}", for_terminal(&render_terminal(&reply)));
        }
        (None, json) => {
            if let Err(error) = answer_lines(engine, limit, json, &locale_for) {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// With several sources loaded, the ones a speaker or topic appears in: " — 北京商報「…」;
/// 另一報「…」". Nothing when there is one source.
fn sources_of(knowledge: &Knowledge, appears_in: impl Fn(&Pack) -> bool) -> String {
    if knowledge.packs.len() < 2 {
        return String::new();
    }
    let sources: Vec<String> = knowledge
        .packs
        .iter()
        .filter(|pack| appears_in(pack))
        .map(|pack| format!("{}「{}」", pack.source.outlet, pack.source.headline))
        .collect();
    format!(" — {}", sources.join("; "))
}

/// `ingest`: reads and decodes the source, drafts the pack, writes it all or nothing, prints
/// the summary (and the comparison with a hand attribution, if asked). Bad input exits 2
/// having written nothing.
fn ingest(args: &IngestArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(EXIT_BAD_INPUT)
    };
    if let Some(date) = args.date.as_deref().filter(|d| !is_iso_date(d)) {
        return fail(format!("--date {date:?} is not a YYYY-MM-DD date"));
    }
    let source = args.source.display();
    let bytes = match read_source_bytes(&args.source) {
        Ok(bytes) => bytes,
        Err(message) => return fail(format!("{source}: {message}")),
    };
    let decoded = match crate::ingest::decode(&bytes, MAX_FILE_BYTES) {
        Ok(decoded) => decoded,
        Err(error) => return fail(format!("{source}: {error}")),
    };
    let file_name = args
        .source
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty() && *n != MANIFEST)
        .unwrap_or("source.txt");
    let id = args.id.clone().or_else(|| {
        let out = args.out.as_deref()?;
        out.canonicalize()
            .ok()
            .unwrap_or_else(|| out.to_owned())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    });
    let options = IngestOptions {
        id: id.unwrap_or_else(|| "draft".to_owned()),
        outlet: args.outlet.clone(),
        reporter: args.reporter.clone(),
        event: args.event.clone(),
        date: args.date.clone(),
        place: args.place.clone(),
        session: args.session.clone(),
        url: args.url.clone(),
    };
    let draft = match crate::ingest::ingest(&decoded.text, file_name, &options) {
        Ok(draft) => draft,
        Err(error) => return fail(format!("{source}: {error}")),
    };
    let truth = match args.compare.as_deref().map(read_truth).transpose() {
        Ok(truth) => truth,
        Err(message) => return fail(message),
    };
    let manifest_path = match &args.out {
        Some(out) => {
            let files = [
                (MANIFEST, draft.manifest.as_str()),
                (file_name, draft.source_text.as_str()),
            ];
            if let Err(message) = write_pack(out, &files, args.force) {
                return fail(message);
            }
            out.join(MANIFEST)
        }
        None => PathBuf::from(MANIFEST),
    };
    print!(
        "{}",
        ingest_summary(&draft, &manifest_path, decoded.encoding)
    );
    if let Some(truth) = truth {
        print!("{}", compare(&draft, &truth));
    }
    ExitCode::SUCCESS
}

/// A hand attribution: the shared truth format (`.json`), or a pack (its folder or manifest).
fn read_truth(path: &Path) -> Result<Truth, String> {
    if path.extension().is_some_and(|e| e == "json") {
        let bytes = read_source_bytes(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let json =
            String::from_utf8(bytes).map_err(|_| format!("{}: not valid UTF-8", path.display()))?;
        return truth_from_json(&json).map_err(|e| format!("{}: {e}", path.display()));
    }
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    let (knowledge, problems) = load_dir(dir);
    if let Some(problem) = problems.first() {
        return Err(problem.to_string());
    }
    knowledge
        .packs
        .first()
        .map(|pack| truth_from_pack(pack))
        .ok_or_else(|| format!("{}: no pack", dir.display()))
}

/// What `ingest` prints: the speakers found, and the lines to review.
fn ingest_summary(draft: &Draft, manifest: &Path, encoding: &str) -> String {
    let counted = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut out = format!(
        "drafted {}: {}, {}, {} (from {}, {encoding})\n",
        manifest.display(),
        counted(draft.passages.len(), "passage"),
        counted(draft.topics, "topic"),
        counted(draft.speakers.len(), "speaker"),
        draft.source_file,
    );
    out.push_str("speakers:\n");
    for speaker in &draft.speakers {
        out.push_str(&format!(
            "  {} · {} · {} · {}\n",
            speaker.name,
            speaker.organization.as_deref().unwrap_or("?"),
            speaker.role.as_deref().unwrap_or("?"),
            counted(speaker.paragraphs, "paragraph"),
        ));
    }
    out.push_str(&format!("to review: {}\n", draft.reviews.len()));
    for review in &draft.reviews {
        out.push_str(&format!(
            "  {}:{}: {}\n",
            manifest.display(),
            review.line,
            review.reason
        ));
    }
    out
}

/// Most questions answered in one go: enough to keep every core busy, few enough that the
/// first answers of a long input are not held back for long.
const BATCH_LINES: usize = 1024;

/// Answers every line of standard input, in order, flushing each answer as soon as it is written.
/// Lines that have already arrived are answered together, split over every core, and written and
/// flushed together; a line that arrives alone is answered and flushed at once, so a pipe partner
/// that waits for each answer before writing the next question gets it.
fn answer_lines(
    engine: &Engine,
    limit: usize,
    json: bool,
    locale_for: &(dyn Fn(&str) -> Locale + Sync),
) -> std::io::Result<()> {
    let mut stdin = BufReader::with_capacity(1 << 16, std::io::stdin().lock());
    let mut stdout = std::io::stdout().lock();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let answer_all = |questions: &[String]| -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for question in questions {
            let answer = engine.ask(question.trim_end_matches('\r'), limit);
            if json {
                serde_json::to_writer(&mut out, &JsonAnswer::from(&answer))?;
                out.push(b'\n');
            } else {
                let reply = answer_reply(&answer, engine.knowledge(), locale_for(question));
                writeln!(out, "{}", for_terminal(&render_terminal(&reply)))?;
            }
        }
        Ok(out)
    };
    let mut batch: Vec<String> = Vec::new();
    loop {
        // Wait for one line, then take every complete line already waiting.
        batch.clear();
        let mut end = None;
        loop {
            let mut line = String::new();
            match stdin.read_line(&mut line) {
                Ok(0) => end = Some(Ok(())),
                Ok(_) => {
                    if line.ends_with('\n') {
                        line.pop();
                        if line.ends_with('\r') {
                            line.pop();
                        }
                    }
                    batch.push(line);
                }
                Err(error) => end = Some(Err(error)),
            }
            if end.is_some() || batch.len() == BATCH_LINES || !stdin.buffer().contains(&b'\n') {
                break;
            }
        }
        // Enough questions to be worth a thread each are split into one run per core; the
        // answers are written in the order of the questions.
        let outputs: Vec<std::io::Result<Vec<u8>>> = if workers > 1 && batch.len() >= 4 * workers {
            std::thread::scope(|scope| {
                let runs: Vec<_> = batch
                    .chunks(batch.len().div_ceil(workers))
                    .map(|questions| scope.spawn(move || answer_all(questions)))
                    .collect();
                runs.into_iter()
                    .map(|run| {
                        run.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        } else {
            vec![answer_all(&batch)]
        };
        for output in outputs {
            stdout.write_all(&output?)?;
        }
        stdout.flush()?;
        if let Some(end) = end {
            return end;
        }
    }
}

fn print_json(answer: &Answer) {
    match serde_json::to_string(&JsonAnswer::from(answer)) {
        Ok(line) => println!("{line}"),
        Err(error) => eprintln!("error: {error}"),
    }
}

/// The stable JSON shape `../shared/eval/score.py` reads.
#[derive(Serialize)]
pub struct JsonAnswer<'a> {
    pub query: &'a str,
    pub results: Vec<JsonHit<'a>>,
    pub speakers: &'a [String],
    pub topics: &'a [String],
    /// Only when `results` is empty because the speaker named did not speak of the subject:
    /// the speakers who did.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub elsewhere: &'a [String],
}

#[derive(Serialize)]
pub struct JsonHit<'a> {
    pub id: &'a str,
    pub speaker: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub role: Option<&'a str>,
    pub topic: &'a str,
    pub paragraph: u32,
    pub voice: &'static str,
    pub text: &'a str,
    pub highlighted: String,
    pub score: f32,
}

impl<'a> From<&'a Answer> for JsonAnswer<'a> {
    fn from(answer: &'a Answer) -> JsonAnswer<'a> {
        let results = answer
            .hits
            .iter()
            .map(|hit| {
                let passage = hit.passage();
                let speaker = passage
                    .speaker
                    .as_deref()
                    .and_then(|name| hit.pack.speakers.iter().find(|s| s.name == name));
                JsonHit {
                    id: &passage.id,
                    speaker: passage.speaker.as_deref(),
                    organization: speaker.map(|s| s.organization.as_str()),
                    role: speaker.map(|s| s.role.as_str()),
                    topic: &passage.topic,
                    paragraph: passage.paragraph,
                    voice: match passage.voice {
                        crate::knowledge::Voice::Quote => "quote",
                        crate::knowledge::Voice::Paraphrase => "paraphrase",
                        crate::knowledge::Voice::Narration => "narration",
                    },
                    text: &passage.text,
                    highlighted: highlighted_plain(hit),
                    score: hit.score,
                }
            })
            .collect();
        JsonAnswer {
            query: &answer.question,
            results,
            speakers: &answer.speakers,
            topics: &answer.topics,
            elsewhere: &answer.elsewhere,
        }
    }
}
