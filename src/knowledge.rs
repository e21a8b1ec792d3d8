//! The forum's knowledge: packs of speakers, topics, glossary and verbatim passages.
//!
//! A pack is a folder holding `pack.toml` and the source text it quotes (the format is
//! described in `knowledge/README.md`). Reading is split from parsing: [`load_dir`] touches
//! the filesystem, [`parse_pack`] is pure. Loading never stops at the first problem: it
//! returns what it could load plus every [`Problem`], each with `file:line`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

/// Everything the bot knows: one or more packs.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    pub packs: Vec<Arc<Pack>>,
}

/// One source text with its metadata, speakers, topics, glossary and passages.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    /// The manifest the pack was read from, for problems found across packs.
    pub manifest: PathBuf,
    /// The line of `id` in the manifest.
    pub id_line: usize,
    pub source: Source,
    pub event: Event,
    pub speakers: Vec<Speaker>,
    pub topics: Vec<Topic>,
    /// Sets of terms that mean the same in this forum (English, Traditional, Simplified).
    pub glossary: Vec<Vec<String>>,
    pub passages: Vec<Passage>,
}

/// The text the passages quote, and where it was published.
#[derive(Debug, Clone)]
pub struct Source {
    pub file: String,
    pub outlet: String,
    pub outlet_en: Option<String>,
    pub reporter: String,
    pub headline: String,
    pub url: Option<String>,
    /// The source text itself, verbatim.
    pub text: String,
}

/// The event the source reports on.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: String,
    pub name_en: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub place: String,
    pub session: String,
    pub session_en: Option<String>,
}

/// A person quoted in the source.
#[derive(Debug, Clone)]
pub struct Speaker {
    /// The canonical name, as written in the source.
    pub name: String,
    pub name_en: Option<String>,
    pub organization: String,
    pub organization_en: Option<String>,
    pub role: String,
    pub role_en: Option<String>,
    pub aliases: Vec<String>,
    /// Other names of the organisation (Moonshot AI, 百川, Zhipu).
    pub organization_aliases: Vec<String>,
    /// Products of the speaker's organisation (Kimi, ChatGLM, MiniCPM).
    pub products: Vec<String>,
}

/// A section or theme of the source.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    /// The heading as written in the source.
    pub heading: String,
    /// The heading in English, when the curator gives one.
    pub name_en: Option<String>,
    pub aliases: Vec<String>,
}

/// Whose words a passage holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The speaker's own words, in 「...」.
    Quote,
    /// The reporter's account of what the speaker said.
    Paraphrase,
    /// The reporter's own text; no speaker.
    Narration,
}

/// One paragraph of the source, attributed.
#[derive(Debug, Clone)]
pub struct Passage {
    pub id: String,
    /// 1-based number among the body paragraphs (headings and byline excluded).
    pub paragraph: u32,
    pub topic: String,
    /// Canonical speaker name, or `None` for narration.
    pub speaker: Option<String>,
    pub voice: Voice,
    /// Verbatim text; always a substring of the pack's source text.
    pub text: String,
    /// Where `text` sits in the source text, in bytes.
    pub source_range: Range<usize>,
    /// The line of the passage's `id` in the manifest.
    pub line: usize,
}

/// Something wrong with a knowledge file, located to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// The name every pack's manifest has.
pub const MANIFEST: &str = "pack.toml";

/// Files larger than this are refused unread: a knowledge file is human-written text.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

impl Knowledge {
    /// The pack compiled into the binary: the 2024 BAAI Conference panel.
    pub fn embedded() -> Knowledge {
        const MANIFEST_TEXT: &str = include_str!("../knowledge/baai-2024/pack.toml");
        const SOURCE_TEXT: &str = include_str!("../knowledge/baai-2024/000_916f3dda478f6c1c.txt");
        let path = Path::new("knowledge/baai-2024/pack.toml");
        let (pack, problems) = parse_pack(path, MANIFEST_TEXT, &|_| Ok(SOURCE_TEXT.to_owned()));
        debug_assert!(
            problems.is_empty(),
            "embedded pack has problems: {problems:?}"
        );
        Knowledge {
            packs: pack.into_iter().map(Arc::new).collect(),
        }
    }

    /// Every passage of every pack, with its pack.
    pub fn passages(&self) -> impl Iterator<Item = (&Arc<Pack>, &Passage)> {
        self.packs
            .iter()
            .flat_map(|pack| pack.passages.iter().map(move |passage| (pack, passage)))
    }

    /// Every speaker, once per canonical name (the first pack that names them wins).
    pub fn speakers(&self) -> Vec<&Speaker> {
        let mut seen = HashSet::new();
        self.packs
            .iter()
            .flat_map(|pack| &pack.speakers)
            .filter(|speaker| seen.insert(speaker.name.as_str()))
            .collect()
    }

    /// Every topic, once per id.
    pub fn topics(&self) -> Vec<&Topic> {
        let mut seen = HashSet::new();
        self.packs
            .iter()
            .flat_map(|pack| &pack.topics)
            .filter(|topic| seen.insert(topic.id.as_str()))
            .collect()
    }

    pub fn speaker(&self, name: &str) -> Option<&Speaker> {
        self.packs
            .iter()
            .flat_map(|pack| &pack.speakers)
            .find(|s| s.name == name)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.packs
            .iter()
            .flat_map(|pack| &pack.topics)
            .find(|t| t.id == id)
    }
}

/// Loads every pack under `dir` (the folder itself, or any folder below it, holding
/// `pack.toml`). Returns what loaded and every problem found; a pack with problems is left out.
pub fn load_dir(dir: &Path) -> (Knowledge, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut manifests = Vec::new();
    let mut visited = HashSet::new();
    find_manifests(dir, 0, &mut visited, &mut manifests, &mut problems);
    if manifests.is_empty() && problems.is_empty() {
        problems.push(Problem {
            path: dir.to_owned(),
            line: 1,
            message: format!("no {MANIFEST} found in this folder or below it"),
        });
    }
    manifests.sort();
    let mut knowledge = Knowledge::default();
    for manifest in manifests {
        let text = match read_text(&manifest) {
            Ok(text) => text,
            Err(message) => {
                problems.push(Problem {
                    path: manifest,
                    line: 1,
                    message,
                });
                continue;
            }
        };
        let base = manifest.parent().map(Path::to_owned).unwrap_or_default();
        let read_source = |file: &Path| read_pack_file(&base, file);
        let (pack, mut pack_problems) = parse_pack(&manifest, &text, &read_source);
        if pack_problems.is_empty() {
            knowledge.packs.extend(pack.map(Arc::new));
        }
        problems.append(&mut pack_problems);
    }
    join_packs(&mut knowledge);
    problems.extend(cross_pack_problems(&knowledge));
    (knowledge, problems)
}

/// Several sources about one forum answer as one: a speaker named in two packs, in either
/// script, is one speaker, and a topic whose heading or aliases name another pack's topic is
/// that topic. Later packs take the first pack's speaker name and topic id (keeping their own
/// name as an alias, their own heading for their cards); the first pack's speaker and topic
/// gather every pack's aliases, so the roster knows them all.
pub fn join_packs(knowledge: &mut Knowledge) {
    let packs: Vec<&mut Pack> = knowledge.packs.iter_mut().map(Arc::make_mut).collect();
    let mut packs = packs;
    for later in 1..packs.len() {
        let (earlier, rest) = packs.split_at_mut(later);
        let pack = &mut *rest[0];
        for speaker in &mut pack.speakers {
            join_speaker(earlier, speaker, &mut pack.passages);
        }
        for topic in 0..pack.topics.len() {
            join_topic(earlier, pack, topic);
        }
    }
}

/// Gives `speaker` the name an earlier pack spells the same person with (楊植麟 for 杨植麟).
fn join_speaker(earlier: &mut [&mut Pack], speaker: &mut Speaker, passages: &mut [Passage]) {
    let key = crate::normalize::fold(&speaker.name);
    let Some(first) = earlier
        .iter_mut()
        .flat_map(|pack| pack.speakers.iter_mut())
        .find(|s| crate::normalize::fold(&s.name) == key)
    else {
        return;
    };
    if first.name != speaker.name {
        let own = std::mem::replace(&mut speaker.name, first.name.clone());
        for passage in passages.iter_mut() {
            if passage.speaker.as_deref() == Some(own.as_str()) {
                passage.speaker = Some(speaker.name.clone());
            }
        }
        push_new(&mut first.aliases, std::iter::once(own.clone()));
        push_new(&mut speaker.aliases, std::iter::once(own));
    }
    push_new(&mut first.aliases, speaker.aliases.iter().cloned());
    push_new(
        &mut first.organization_aliases,
        std::iter::once(speaker.organization.clone())
            .chain(speaker.organization_aliases.iter().cloned())
            .filter(|o| *o != first.organization),
    );
    push_new(&mut first.products, speaker.products.iter().cloned());
}

/// Gives a topic the id of an earlier pack's topic its heading or aliases name.
fn join_topic(earlier: &mut [&mut Pack], pack: &mut Pack, index: usize) {
    let fold = crate::normalize::fold;
    let topic = &pack.topics[index];
    let names: Vec<String> = std::iter::once(&topic.heading)
        .chain(&topic.aliases)
        .map(|name| fold(name))
        .collect();
    let Some(first) = earlier
        .iter_mut()
        .flat_map(|pack| pack.topics.iter_mut())
        .find(|t| names.contains(&fold(&t.heading)) || names.contains(&fold(&t.id)))
    else {
        return;
    };
    let own = pack.topics[index].id.clone();
    if first.id != own && pack.topics.iter().all(|t| t.id != first.id) {
        for passage in pack.passages.iter_mut().filter(|p| p.topic == own) {
            passage.topic = first.id.clone();
        }
        pack.topics[index].id = first.id.clone();
    }
    let topic = &pack.topics[index];
    push_new(
        &mut first.aliases,
        std::iter::once(topic.heading.clone()).chain(topic.aliases.iter().cloned()),
    );
}

/// Appends the items not in `list` yet.
fn push_new(list: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// Parses one pack manifest. `read_source` fetches the source text named in `[source] file`,
/// relative to the manifest; it is the only way this function reaches outside itself.
pub fn parse_pack(
    path: &Path,
    text: &str,
    read_source: &dyn Fn(&Path) -> Result<String, String>,
) -> (Option<Pack>, Vec<Problem>) {
    let mut problems = Problems {
        path,
        text,
        list: Vec::new(),
    };
    let raw: RawManifest = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let line = error.span().map_or(1, |span| problems.line_at(span.start));
            problems.push(line, error.message().trim().to_owned());
            return (None, problems.list);
        }
    };

    let id_line = raw
        .id
        .as_ref()
        .map_or(1, |id| problems.line_at(id.span().start));
    let id = required(&mut problems, raw.id, 1, "the pack has no `id`");
    let source = parse_source(&mut problems, raw.source, read_source);
    let event = parse_event(&mut problems, raw.event);
    let speakers = parse_speakers(&mut problems, raw.speaker);
    let topics = parse_topics(&mut problems, raw.topic);
    let glossary = parse_glossary(&mut problems, raw.glossary);
    let passages = parse_passages(
        &mut problems,
        raw.passage,
        &speakers,
        &topics,
        source.as_ref(),
    );

    let pack = match (id, source, event) {
        (Some(id), Some(source), Some(event)) if problems.list.is_empty() => Some(Pack {
            id,
            manifest: path.to_owned(),
            id_line,
            source,
            event,
            speakers,
            topics,
            glossary,
            passages,
        }),
        _ => None,
    };
    (pack, problems.list)
}

// The raw shapes of the TOML file. Tables in arrays are kept as values with their span so
// that one bad entry is reported with its line and the others are still checked.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    id: Option<Spanned<String>>,
    source: Option<Spanned<toml::Value>>,
    event: Option<Spanned<toml::Value>>,
    #[serde(default)]
    speaker: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    topic: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    glossary: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    passage: Vec<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    file: Option<String>,
    outlet: Option<String>,
    outlet_en: Option<String>,
    reporter: Option<String>,
    headline: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    name: Option<String>,
    name_en: Option<String>,
    date: Option<String>,
    place: Option<String>,
    session: Option<String>,
    session_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpeaker {
    name: String,
    name_en: Option<String>,
    organization: String,
    organization_en: Option<String>,
    role: String,
    role_en: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    organization_aliases: Vec<String>,
    #[serde(default)]
    products: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    heading: String,
    name_en: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPassage {
    id: String,
    paragraph: u32,
    topic: String,
    speaker: Option<String>,
    voice: Voice,
    text: String,
}

/// Collects problems for one file and turns byte offsets into line numbers.
struct Problems<'a> {
    path: &'a Path,
    text: &'a str,
    list: Vec<Problem>,
}

impl Problems<'_> {
    fn push(&mut self, line: usize, message: impl Into<String>) {
        self.list.push(Problem {
            path: self.path.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn line_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The line of `key = ...` inside the table spanning `span`, or the table's first line.
    fn line_of_key(&self, span: &Range<usize>, key: &str) -> usize {
        self.line_at(key_offset(self.text, span, key))
    }

    /// Deserialises one table of the manifest, reporting a type error at the table's line.
    fn table<T: serde::de::DeserializeOwned>(
        &mut self,
        value: Spanned<toml::Value>,
        what: &str,
    ) -> Option<(T, Range<usize>)> {
        let span = value.span();
        match value.into_inner().try_into::<T>() {
            Ok(parsed) => Some((parsed, span)),
            Err(error) => {
                let line = self.line_at(span.start);
                self.push(line, format!("{what}: {}", error.message().trim()));
                None
            }
        }
    }
}

fn required<T>(
    problems: &mut Problems,
    value: Option<Spanned<T>>,
    line: usize,
    message: &str,
) -> Option<T> {
    match value {
        Some(value) => Some(value.into_inner()),
        None => {
            problems.push(line, message);
            None
        }
    }
}

/// Reports a missing or blank metadata field of the table at `span`.
fn field(
    problems: &mut Problems,
    span: &Range<usize>,
    table: &str,
    key: &str,
    value: Option<String>,
) -> Option<String> {
    match value {
        Some(value) if !value.trim().is_empty() => Some(value),
        Some(_) => {
            let line = problems.line_of_key(span, key);
            problems.push(line, format!("[{table}] `{key}` is empty"));
            None
        }
        None => {
            let line = problems.line_at(span.start);
            problems.push(line, format!("[{table}] has no `{key}`"));
            None
        }
    }
}

fn parse_source(
    problems: &mut Problems,
    raw: Option<Spanned<toml::Value>>,
    read_source: &dyn Fn(&Path) -> Result<String, String>,
) -> Option<Source> {
    let Some(raw) = raw else {
        problems.push(1, "the pack has no [source] table");
        return None;
    };
    let (raw, span): (RawSource, _) = problems.table(raw, "[source]")?;
    let _ = raw.language;
    let file = field(problems, &span, "source", "file", raw.file);
    let outlet = field(problems, &span, "source", "outlet", raw.outlet);
    let reporter = field(problems, &span, "source", "reporter", raw.reporter);
    let headline = field(problems, &span, "source", "headline", raw.headline);
    let file = file?;
    let text = match read_source(Path::new(&file)) {
        Ok(text) if text.trim().is_empty() => {
            problems.push(
                problems.line_of_key(&span, "file"),
                format!("source file {file} is empty"),
            );
            return None;
        }
        Ok(text) => text,
        Err(message) => {
            problems.push(
                problems.line_of_key(&span, "file"),
                format!("source file {file}: {message}"),
            );
            return None;
        }
    };
    Some(Source {
        file,
        outlet: outlet?,
        outlet_en: raw.outlet_en,
        reporter: reporter?,
        headline: headline?,
        url: raw.url,
        text,
    })
}

fn parse_event(problems: &mut Problems, raw: Option<Spanned<toml::Value>>) -> Option<Event> {
    let Some(raw) = raw else {
        problems.push(1, "the pack has no [event] table");
        return None;
    };
    let (raw, span): (RawEvent, _) = problems.table(raw, "[event]")?;
    let name = field(problems, &span, "event", "name", raw.name);
    let date = field(problems, &span, "event", "date", raw.date);
    let place = field(problems, &span, "event", "place", raw.place);
    let session = field(problems, &span, "event", "session", raw.session);
    if let Some(date) = &date {
        if !is_iso_date(date) {
            problems.push(
                problems.line_of_key(&span, "date"),
                format!("[event] `date` {date:?} is not a YYYY-MM-DD date"),
            );
            return None;
        }
    }
    Some(Event {
        name: name?,
        name_en: raw.name_en,
        date: date?,
        place: place?,
        session: session?,
        session_en: raw.session_en,
    })
}

/// Whether `date` is a `YYYY-MM-DD` date.
pub fn is_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize, max: u32| {
        s.len() == len && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    number(year, 4, 9999) && number(month, 2, 12) && number(day, 2, 31)
}

fn parse_speakers(problems: &mut Problems, raw: Vec<Spanned<toml::Value>>) -> Vec<Speaker> {
    let mut speakers: Vec<Speaker> = Vec::new();
    for value in raw {
        let Some((raw, span)) = problems.table::<RawSpeaker>(value, "[[speaker]]") else {
            continue;
        };
        if raw.name.trim().is_empty() {
            problems.push(
                problems.line_of_key(&span, "name"),
                "[[speaker]] `name` is empty",
            );
            continue;
        }
        if speakers.iter().any(|s| s.name == raw.name) {
            problems.push(
                problems.line_of_key(&span, "name"),
                format!("speaker {} is listed twice", raw.name),
            );
            continue;
        }
        if raw
            .aliases
            .iter()
            .chain(&raw.organization_aliases)
            .chain(&raw.products)
            .any(|alias| alias.trim().is_empty())
        {
            problems.push(
                problems.line_of_key(&span, "aliases"),
                format!("speaker {} has an empty alias", raw.name),
            );
        }
        speakers.push(Speaker {
            name: raw.name,
            name_en: raw.name_en,
            organization: raw.organization,
            organization_en: raw.organization_en,
            role: raw.role,
            role_en: raw.role_en,
            aliases: raw.aliases,
            organization_aliases: raw.organization_aliases,
            products: raw.products,
        });
    }
    if speakers.is_empty() && problems.list.is_empty() {
        problems.push(1, "the pack has no [[speaker]]");
    }
    speakers
}

fn parse_topics(problems: &mut Problems, raw: Vec<Spanned<toml::Value>>) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    for value in raw {
        let Some((raw, span)) = problems.table::<RawTopic>(value, "[[topic]]") else {
            continue;
        };
        let valid_id = !raw.id.is_empty()
            && raw
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_id {
            problems.push(
                problems.line_of_key(&span, "id"),
                format!(
                    "topic id {:?} must be lower-case letters, digits and '-'",
                    raw.id
                ),
            );
            continue;
        }
        if topics.iter().any(|t| t.id == raw.id) {
            problems.push(
                problems.line_of_key(&span, "id"),
                format!("topic {} is listed twice", raw.id),
            );
            continue;
        }
        topics.push(Topic {
            id: raw.id,
            heading: raw.heading,
            name_en: raw.name_en,
            aliases: raw.aliases,
        });
    }
    if topics.is_empty() && problems.list.is_empty() {
        problems.push(1, "the pack has no [[topic]]");
    }
    topics
}

fn parse_glossary(problems: &mut Problems, raw: Vec<Spanned<toml::Value>>) -> Vec<Vec<String>> {
    let mut glossary = Vec::new();
    for value in raw {
        let Some((raw, span)) = problems.table::<RawGlossary>(value, "[[glossary]]") else {
            continue;
        };
        let terms: Vec<String> = raw
            .terms
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect();
        if terms.len() < 2 {
            problems.push(
                problems.line_of_key(&span, "terms"),
                "[[glossary]] needs at least two terms",
            );
            continue;
        }
        glossary.push(terms);
    }
    glossary
}

fn parse_passages(
    problems: &mut Problems,
    raw: Vec<Spanned<toml::Value>>,
    speakers: &[Speaker],
    topics: &[Topic],
    source: Option<&Source>,
) -> Vec<Passage> {
    let mut passages = Vec::new();
    // Passage id → byte offset of its table, for reporting a duplicate.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut search_from = 0;
    // Lines of the passages' ids, counted forward from the last one so that loading stays
    // linear in the size of the manifest.
    let mut lines = LineCursor::default();
    for value in raw {
        let Some((raw, span)) = problems.table::<RawPassage>(value, "[[passage]]") else {
            continue;
        };
        let mut ok = true;
        let mut report = |problems: &mut Problems, key: &str, message: String| {
            problems.push(problems.line_of_key(&span, key), message);
            ok = false;
        };
        if raw.id.trim().is_empty() {
            report(problems, "id", "passage has an empty id".to_owned());
        } else if let Some(first) = ids.insert(raw.id.clone(), span.start) {
            // Lines are counted only for a problem: counting for every passage would make
            // loading a large pack quadratic.
            let first = problems.line_at(first);
            report(
                problems,
                "id",
                format!(
                    "passage id {} is used twice (first on line {first})",
                    raw.id
                ),
            );
        }
        if !topics.iter().any(|t| t.id == raw.topic) {
            report(
                problems,
                "topic",
                format!("passage {}: unknown topic {:?}", raw.id, raw.topic),
            );
        }
        match (&raw.speaker, raw.voice) {
            (Some(name), _) if !speakers.iter().any(|s| &s.name == name) => {
                report(
                    problems,
                    "speaker",
                    format!("passage {}: unknown speaker {name:?}", raw.id),
                );
            }
            (Some(_), Voice::Narration) => {
                report(
                    problems,
                    "voice",
                    format!(
                        "passage {}: narration has no speaker; remove `speaker` or change `voice`",
                        raw.id
                    ),
                );
            }
            (None, Voice::Quote | Voice::Paraphrase) => {
                report(
                    problems,
                    "speaker",
                    format!(
                        "passage {}: a quote or paraphrase needs a `speaker`",
                        raw.id
                    ),
                );
            }
            _ => {}
        }
        let mut source_range = 0..0;
        if raw.text.trim().is_empty() {
            report(
                problems,
                "text",
                format!("passage {}: text is empty", raw.id),
            );
        } else if let Some(source) = source {
            // Passages usually follow the source, so look after the previous one first.
            let found = source.text[search_from..]
                .find(&raw.text)
                .map(|at| search_from + at)
                .or_else(|| source.text.find(&raw.text));
            match found {
                Some(start) => {
                    source_range = start..start + raw.text.len();
                    search_from = source_range.end;
                }
                None => report(
                    problems,
                    "text",
                    format!(
                        "passage {}: text is not a verbatim part of {}",
                        raw.id, source.file
                    ),
                ),
            }
        }
        if ok {
            let line = lines.line_at(problems.text, key_offset(problems.text, &span, "id"));
            passages.push(Passage {
                line,
                id: raw.id,
                paragraph: raw.paragraph,
                topic: raw.topic,
                speaker: raw.speaker,
                voice: raw.voice,
                text: raw.text,
                source_range,
            });
        }
    }
    if passages.is_empty() && problems.list.is_empty() {
        problems.push(1, "the pack has no [[passage]]");
    }
    passages
}

/// Counts lines forward through a text, from where it last stopped.
#[derive(Default)]
struct LineCursor {
    offset: usize,
    line: usize,
}

impl LineCursor {
    fn line_at(&mut self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset < self.offset || self.line == 0 {
            *self = LineCursor { offset: 0, line: 1 };
        }
        self.line += text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

/// The byte offset of `key = …` inside the table spanning `span`, or the table's start.
fn key_offset(text: &str, span: &Range<usize>, key: &str) -> usize {
    let start = span.start.min(text.len());
    let end = span.end.min(text.len());
    let mut offset = start;
    for line in text.get(start..end).unwrap_or("").split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    start
}

/// Problems only visible across packs: a pack id or a passage id used by two packs, reported
/// at the second one's line with the first one's place.
fn cross_pack_problems(knowledge: &Knowledge) -> Vec<Problem> {
    let mut packs: HashMap<&str, &Pack> = HashMap::new();
    let mut passages: HashMap<&str, (&Pack, &Passage)> = HashMap::new();
    let mut problems = Vec::new();
    for pack in knowledge.packs.iter().map(|pack| &**pack) {
        if let Some(first) = packs.insert(&pack.id, pack) {
            problems.push(Problem {
                path: pack.manifest.clone(),
                line: pack.id_line,
                message: format!(
                    "pack id {} is also used by {}:{}",
                    pack.id,
                    first.manifest.display(),
                    first.id_line
                ),
            });
        }
        for passage in &pack.passages {
            if let Some((first_pack, first)) = passages.insert(&passage.id, (pack, passage)) {
                problems.push(Problem {
                    path: pack.manifest.clone(),
                    line: passage.line,
                    message: format!(
                        "passage id {} is also used by {}:{}",
                        passage.id,
                        first_pack.manifest.display(),
                        first.line
                    ),
                });
            }
        }
    }
    problems
}

/// Walks `dir` for manifests, following symbolic links but never the same folder twice.
fn find_manifests(
    dir: &Path,
    depth: usize,
    visited: &mut HashSet<PathBuf>,
    found: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    const MAX_DEPTH: usize = 16;
    let canonical = match dir.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            problems.push(Problem {
                path: dir.to_owned(),
                line: 1,
                message: format!("cannot open: {}", io_message(&error)),
            });
            return;
        }
    };
    if depth > MAX_DEPTH || !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(Problem {
                path: dir.to_owned(),
                line: 1,
                message: format!("cannot read folder: {}", io_message(&error)),
            });
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let is_manifest = path.file_name().is_some_and(|name| name == MANIFEST);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => find_manifests(&path, depth + 1, visited, found, problems),
            Ok(_) if is_manifest => found.push(path),
            Ok(_) => {}
            Err(error) => problems.push(Problem {
                path,
                line: 1,
                message: format!("cannot open: {}", io_message(&error)),
            }),
        }
    }
}

/// Reads `file`, which the pack in the folder `base` names: a path relative to that folder
/// that stays inside it, symbolic links included, so that a pack can read nothing of the host
/// but its own files.
fn read_pack_file(base: &Path, file: &Path) -> Result<String, String> {
    use std::path::Component;
    if file.has_root() || file.is_absolute() {
        return Err("must be a path relative to the pack's folder".to_owned());
    }
    if file
        .components()
        .any(|part| !matches!(part, Component::Normal(_) | Component::CurDir))
    {
        return Err("must stay inside the pack's folder (no `..`)".to_owned());
    }
    let folder = base
        .canonicalize()
        .map_err(|e| format!("cannot open the pack's folder: {}", io_message(&e)))?;
    let path = folder
        .join(file)
        .canonicalize()
        .map_err(|e| format!("cannot open: {}", io_message(&e)))?;
    if !path.starts_with(&folder) {
        return Err("is a link to a file outside the pack's folder".to_owned());
    }
    read_text(&path)
}

/// Reads a knowledge file as UTF-8 text.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read_capped(path)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads a text to draft a pack from, as bytes (it may not be UTF-8 yet), within the size a
/// knowledge file may have.
pub fn read_source_bytes(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path)
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`]: refused unread when it says it is
/// larger, and read no further than the cap when it does not say (`/proc` files report a size
/// of 0).
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    // Asked before opening: opening a named pipe to read waits for a writer, maybe forever.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot open: {}", io_message(&e)))?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes, over the {} byte limit for knowledge files",
            meta.len(),
            MAX_FILE_BYTES
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {}", io_message(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file is over the {MAX_FILE_BYTES} byte limit for knowledge files"
        ));
    }
    Ok(bytes)
}

/// Writes a pack's files (name, contents) as the folder `dir`, all or nothing: they are
/// written into a new folder beside `dir`, which then takes its name. An existing `dir` is
/// refused, or with `replace` swapped out and removed once the new one is in place.
pub fn write_pack(dir: &Path, files: &[(&str, &str)], replace: bool) -> Result<(), String> {
    let name = dir
        .file_name()
        .ok_or_else(|| format!("{}: not a folder name", dir.display()))?
        .to_string_lossy()
        .into_owned();
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let exists = std::fs::symlink_metadata(dir).is_ok();
    if exists && !replace {
        return Err(format!(
            "{} already exists: choose another folder, or pass --force to replace it",
            dir.display()
        ));
    }
    std::fs::create_dir_all(&parent)
        .map_err(|e| format!("{}: cannot create: {}", parent.display(), io_message(&e)))?;
    let staging = parent.join(format!(".{name}.draft-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let written = std::fs::create_dir(&staging).and_then(|()| {
        files
            .iter()
            .try_for_each(|(file, contents)| std::fs::write(staging.join(file), contents))
    });
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(format!(
            "{}: cannot write: {}",
            staging.display(),
            io_message(&error)
        ));
    }
    let previous = parent.join(format!(".{name}.previous-{}", std::process::id()));
    if exists {
        if let Err(error) = std::fs::rename(dir, &previous) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "{}: cannot replace: {}",
                dir.display(),
                io_message(&error)
            ));
        }
    }
    if let Err(error) = std::fs::rename(&staging, dir) {
        if exists {
            let _ = std::fs::rename(&previous, dir);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(format!(
            "{}: cannot write: {}",
            dir.display(),
            io_message(&error)
        ));
    }
    if exists {
        let _ = std::fs::remove_dir_all(&previous);
    }
    Ok(())
}

/// An I/O error's message without the "(os error N)" suffix.
fn io_message(error: &std::io::Error) -> String {
    let message = error.to_string();
    match message.find(" (os error") {
        Some(at) => message[..at].to_lowercase(),
        None => message.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "標題\n\n楊植麟認為,agi需要定義。\n\n「價格戰不可持續」。張鵬說。\n";

    fn parse(manifest: &str) -> (Option<Pack>, Vec<String>) {
        let (pack, problems) = parse_pack(Path::new("p/pack.toml"), manifest, &|_| {
            Ok(SOURCE.to_owned())
        });
        (pack, problems.iter().map(ToString::to_string).collect())
    }

    const GOOD: &str = r#"id = "t"
[source]
file = "s.txt"
outlet = "北京商報"
reporter = "楊月涵"
headline = "標題"
[event]
name = "北京智源大會"
date = "2024-06-14"
place = "北京"
session = "AI尖峰對話"
[[speaker]]
name = "楊植麟"
organization = "月之暗面"
role = "CEO"
[[speaker]]
name = "張鵬"
organization = "智譜AI"
role = "CEO"
[[topic]]
id = "agi"
heading = "什麼是agi"
name_en = "What AGI is"
[[passage]]
id = "a"
paragraph = 1
topic = "agi"
speaker = "楊植麟"
voice = "paraphrase"
text = "楊植麟認為,agi需要定義。"
"#;

    #[test]
    fn a_good_pack_parses() {
        let (pack, problems) = parse(GOOD);
        assert_eq!(problems, Vec::<String>::new());
        let pack = pack.unwrap();
        assert_eq!(
            pack.passages[0].source_range,
            SOURCE.find("楊植麟認為").unwrap()..SOURCE.find("\n\n「").unwrap()
        );
    }

    #[test]
    fn ids_used_by_two_packs_are_reported_at_the_second_with_the_first() {
        let load = |path: &str, manifest: &str| {
            let (pack, problems) =
                parse_pack(Path::new(path), manifest, &|_| Ok(SOURCE.to_owned()));
            assert_eq!(problems, vec![]);
            Arc::new(pack.unwrap())
        };
        let problems = |knowledge: &Knowledge| -> Vec<String> {
            cross_pack_problems(knowledge)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        let first = load("a/pack.toml", GOOD);
        let same_passage = load("b/pack.toml", &GOOD.replace("id = \"t\"", "id = \"u\""));
        let knowledge = Knowledge {
            packs: vec![first.clone(), same_passage],
        };
        assert_eq!(
            problems(&knowledge),
            ["b/pack.toml:25: passage id a is also used by a/pack.toml:25"]
        );
        let same_pack = load("c/pack.toml", &GOOD.replace("id = \"a\"", "\nid = \"c\""));
        let knowledge = Knowledge {
            packs: vec![first, same_pack],
        };
        assert_eq!(
            problems(&knowledge),
            ["c/pack.toml:1: pack id t is also used by a/pack.toml:1"]
        );
    }

    /// A Simplified report of the same forum as [`GOOD`].
    const SIMPLIFIED: &str = r#"id = "s"
[source]
file = "s.txt"
outlet = "另一家报"
reporter = "记者"
headline = "标题"
[event]
name = "北京智源大会"
date = "2024-06-14"
place = "北京"
session = "AI尖峰对话"
[[speaker]]
name = "杨植麟"
organization = "月之暗面"
role = "CEO"
aliases = ["Kimi之父"]
[[topic]]
id = "tongyong"
heading = "通用人工智能"
aliases = ["agi"]
[[passage]]
id = "s1"
paragraph = 1
topic = "tongyong"
speaker = "杨植麟"
voice = "paraphrase"
text = "杨植麟认为,agi需要定义。"
"#;

    #[test]
    fn packs_about_one_forum_share_speakers_across_scripts_and_topics_by_alias() {
        let source = "杨植麟认为,agi需要定义。";
        let (simplified, problems) = parse_pack(Path::new("s/pack.toml"), SIMPLIFIED, &|_| {
            Ok(source.to_owned())
        });
        assert_eq!(problems, vec![]);
        let (traditional, _) = parse(GOOD);
        let mut knowledge = Knowledge {
            packs: vec![
                Arc::new(traditional.unwrap()),
                Arc::new(simplified.unwrap()),
            ],
        };
        join_packs(&mut knowledge);
        let names: Vec<&str> = knowledge
            .speakers()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["楊植麟", "張鵬"]);
        let yang = knowledge.speaker("楊植麟").unwrap();
        assert_eq!(yang.aliases, ["杨植麟", "Kimi之父"]);
        let ids: Vec<&str> = knowledge.topics().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["agi"]);
        assert_eq!(
            knowledge.topic("agi").unwrap().aliases,
            ["通用人工智能", "agi"]
        );
        let second = &knowledge.packs[1];
        assert_eq!(second.passages[0].speaker.as_deref(), Some("楊植麟"));
        assert_eq!(second.passages[0].topic, "agi");
        // Each source keeps its own words: the quote and the heading in its own script.
        assert_eq!(second.passages[0].text, source);
        assert_eq!(second.topics[0].heading, "通用人工智能");
    }

    #[test]
    fn english_names_are_optional() {
        let chinese_only = GOOD.replace("name_en = \"What AGI is\"\n", "");
        let (pack, problems) = parse(&chinese_only);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(pack.unwrap().topics[0].name_en, None);
    }

    fn check(broken: &str, expected: &[&str]) {
        let (pack, problems) = parse(broken);
        assert!(pack.is_none(), "a broken pack must not load");
        assert_eq!(problems, expected);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let broken = GOOD.replace(r#"speaker = "楊植麟""#, r#"speaker = "楊植林""#).replace("agi需要定義。\"", "agi不需要定義。\"")
            + "[[passage]]\nid = \"a\"\nparagraph = 2\ntopic = \"scaling\"\nvoice = \"quote\"\ntext = \"\"\n";
        check(
            &broken,
            &[
                "p/pack.toml:28: passage a: unknown speaker \"楊植林\"",
                "p/pack.toml:30: passage a: text is not a verbatim part of s.txt",
                "p/pack.toml:32: passage id a is used twice (first on line 24)",
                "p/pack.toml:34: passage a: unknown topic \"scaling\"",
                "p/pack.toml:31: passage a: a quote or paraphrase needs a `speaker`",
                "p/pack.toml:36: passage a: text is empty",
            ],
        );
    }

    #[test]
    fn syntax_errors_point_at_their_line() {
        check(
            "id = \"t\"\n[source\n",
            &["p/pack.toml:2: invalid table header\nexpected `.`, `]`"],
        );
    }

    #[test]
    fn wrong_types_and_missing_metadata_are_reported() {
        let broken = GOOD
            .replace("paragraph = 1", "paragraph = \"one\"")
            .replace("reporter = \"楊月涵\"\n", "")
            .replace("2024-06-14", "14 June");
        check(
            &broken,
            &[
                "p/pack.toml:2: [source] has no `reporter`",
                "p/pack.toml:8: [event] `date` \"14 June\" is not a YYYY-MM-DD date",
                "p/pack.toml:23: [[passage]]: invalid type: string \"one\", expected u32",
            ],
        );
    }

    #[test]
    fn a_missing_source_file_is_reported_at_its_key() {
        let (_, problems) = parse_pack(Path::new("p/pack.toml"), GOOD, &|_| {
            Err("cannot open: no such file or directory".to_owned())
        });
        assert_eq!(
            problems[0].to_string(),
            "p/pack.toml:3: source file s.txt: cannot open: no such file or directory"
        );
    }

    #[test]
    fn the_embedded_pack_is_valid() {
        let (pack, problems) = parse_pack(
            Path::new("knowledge/baai-2024/pack.toml"),
            include_str!("../knowledge/baai-2024/pack.toml"),
            &|_| Ok(include_str!("../knowledge/baai-2024/000_916f3dda478f6c1c.txt").to_owned()),
        );
        assert_eq!(problems, vec![]);
        assert_eq!(pack.unwrap().passages.len(), 28);
    }
}
