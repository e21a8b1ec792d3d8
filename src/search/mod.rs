//! Search: the passages indexed by tantivy, and questions answered from them.
//!
//! This is the only module that names tantivy or jieba types. Its parts: `analysis` (how
//! folded text becomes words and Han character pairs), `index` (the tantivy index and keeping
//! it between runs), `question` (how a question is understood), `rank` (how passages are
//! judged against it). A question never reaches tantivy's query parser: the query is built
//! from tokens, so no input can make it fail.
//!
//! Answering runs in three steps. **Recall**: a tantivy query over the words and the character
//! pairs of every unit of the question (and the speaker and topic named) finds the candidate
//! passages. **Judgement**: each candidate is matched against the units on its folded text
//! (`rank`). **Decision**: whether the forum answers at all, and which passages answer about
//! as well as the best.

mod analysis;
mod index;
mod pinyin;
mod question;
mod rank;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{ReloadPolicy, Searcher, Term};

pub use self::analysis::{discover_vocabulary, grams, Analyzer, FoldedToken};
pub use self::index::IndexOrigin;
pub use crate::text::{excerpt_range, sentence_ranges, EXCERPT_CHARS};

use self::index::Fields;
use self::question::{GlossarySet, Matcher, Question};
use self::rank::Judged;
use crate::knowledge::{Knowledge, Pack, Passage};
use crate::normalize::{fold, is_han, normalize, Normalized};
use crate::speakers::{pinyin_key, Roster, Strength, Target};

/// Questions are analysed up to this many characters; the rest is ignored.
pub const MAX_ANALYSED_CHARS: usize = 500;

/// A question's answer: the passages that answer it, best first, or none.
#[derive(Debug, Clone)]
pub struct Answer {
    pub question: String,
    pub hits: Vec<Hit>,
    /// Speakers the question named, canonical names.
    pub speakers: Vec<String>,
    /// Topics the question named, by id.
    pub topics: Vec<String>,
    /// When the forum does not answer because the speaker the question names did not speak of
    /// its subject: the speakers who did, best first (at most three). Empty otherwise.
    pub elsewhere: Vec<String>,
}

/// One passage that answers a question.
#[derive(Debug, Clone)]
pub struct Hit {
    pub pack: Arc<Pack>,
    /// Index of the passage in `pack.passages`.
    pub index: usize,
    pub score: f32,
    /// The part of the passage text worth showing: whole sentences, byte range.
    pub excerpt: std::ops::Range<usize>,
    /// Matched words in the passage text, byte ranges inside `excerpt`, sorted, disjoint.
    pub highlights: Vec<std::ops::Range<usize>>,
}

impl Hit {
    pub fn passage(&self) -> &Passage {
        &self.pack.passages[self.index]
    }
}

/// The searchable form of a [`Knowledge`]: build once, ask many times, from many threads.
pub struct Engine {
    knowledge: Arc<Knowledge>,
    /// Passage of each document, by the document's `ord` fast field.
    entries: Vec<(usize, usize)>,
    /// The index, as one unchanging view: the passages never change once indexed.
    searcher: Searcher,
    /// The `ord` column of each segment, opened once.
    ords: Vec<Column<u64>>,
    fields: Fields,
    analyzer: Arc<Analyzer>,
    roster: Roster,
    glossary: Vec<GlossarySet>,
    /// Toneless pinyin of every Han word of the passages ("kuibenmaimai") → the words.
    pinyin_terms: HashMap<String, Vec<String>>,
    /// About how many passages have each Han character (the sum over the words that hold it,
    /// at most every passage): a character is a term of the index only where jieba cuts it
    /// alone, yet a question may ask for one inside a word (an English word whose rendering is
    /// 每 or 双). Every Han character of the passages is a key: jieba's cut leaves none out.
    characters: FxHashMap<char, u64>,
    /// Each Han character → the Han words of the passages that hold it (indices into
    /// `han_terms`): the forum's own words built on a morpheme an English word shares
    /// ([`lexicon::core_character`](crate::lexicon::core_character)).
    character_terms: FxHashMap<char, Vec<u32>>,
    /// Every Han word of the passages, two characters or more, not a stopword.
    han_terms: Vec<Box<str>>,
    /// Toneless pinyin syllable → the passages' Han characters read so (zhi → 之 支 职), for
    /// two syllables typed apart that no word of the passages reads as ("bowuguan zhi cheng").
    syllables: HashMap<String, Vec<char>>,
    /// The Han forms of each speaker's name, to count the speakers a passage names, and the
    /// organisation and role that introduce them (folded).
    speaker_names: Vec<(Vec<String>, Vec<String>)>,
    /// The words of each pack's event (its name and place, folded): the setting every question
    /// about the forum shares, not what one asks about.
    background: HashSet<String>,
    /// Each pack's event name, folded (第二届澄川文博产业大会), and its English name in lower
    /// case without the year (baai conference): what a question about the event itself names.
    event_names: Vec<String>,
    /// Each pack's event place and session, folded.
    event_places: Vec<String>,
    event_sessions: Vec<String>,
    /// Each pack's event date as a text writes it (2025年10月16日, 10月16日), by pack.
    event_dates: Vec<Vec<String>>,
    /// The speakers who moderate: their turns hand over to others more than they answer.
    moderators: HashSet<String>,
    /// The heading of each pack's sections, folded: what the passages under it are about
    /// ("报名费该不该涨"). Not the source's headline, which is over all.
    headings: Vec<Box<str>>,
    /// The section heading of each passage, by `ord`, as an index into `headings`.
    section_of: Vec<Option<u32>>,
    /// Each passage's folded text, by document `ord`: worked out the first time the passage is
    /// a candidate, then kept. Folding every candidate again for every question was most of
    /// the cost of judging them.
    folded: Vec<OnceLock<Box<str>>>,
    /// How many speakers each passage names, and introduces, by `ord`: counted the first time
    /// a question about who took part has it as a candidate ([`Engine::speakers_in`]).
    speaker_counts: Vec<OnceLock<(usize, usize)>>,
    /// See [`Engine::introductions`].
    introductions: OnceLock<Vec<usize>>,
    /// See [`Engine::dated`].
    dated: OnceLock<Vec<usize>>,
    /// Each passage's folded text with its map back to the original, worked out the first time
    /// the passage is shown, for highlighting.
    normalized: Vec<OnceLock<Normalized>>,
    report: BuildReport,
}

/// How to build an [`Engine`].
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// Keep the index in this folder between runs (`VERBATIM_INDEX_DIR`). It is stored under a
    /// key made from the knowledge's content and the analysis code, and reopened when both are
    /// unchanged; otherwise it is built again and the old one removed. `None`, the default,
    /// indexes in memory at every start, which for one article takes milliseconds.
    pub index_dir: Option<PathBuf>,
}

/// How an engine was made, for the start-up log line ("ready to answer in 80 ms").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// From the call to [`Engine::with_options`] to an engine ready to answer: the dictionary
    /// load, the index build or reopening, and the question-analysis tables.
    pub duration: Duration,
    /// Passages indexed.
    pub passages: usize,
    pub origin: IndexOrigin,
}

/// How a question was understood and judged ([`Engine::explain`]).
#[derive(Debug, Clone)]
pub struct Explanation {
    pub question: String,
    /// The question as folded.
    pub folded: String,
    /// The kinds of question recognised: who, list, when, quantity, negation, compare.
    pub kinds: Vec<&'static str>,
    /// What the question looks for, mentions first, then content words.
    pub units: Vec<UnitReport>,
    /// Words that look like the name of someone the forum does not have.
    pub outsiders: Vec<String>,
    /// For a question about how many or how much, the word naming what is counted.
    pub measured: Option<String>,
    /// For a question asking which one (哪个工厂), the word naming what kind of thing.
    pub which: Option<String>,
    /// For a question about how many or how long put with a measure word (多少钱, 几场, 多久),
    /// the measures a figure answering it is in.
    pub measures: Vec<String>,
    /// For a question about how many or how much, the times other than now it names (明年,
    /// 去年) that the forum has: the named one's passage stating the figure names them.
    pub times: Vec<String>,
    /// The candidate passages judged, best first (its `Display` lists them all).
    pub candidates: Vec<CandidateReport>,
    /// Whether the forum answers the question.
    pub answered: bool,
    /// The best coverage of the question's content by one passage: among those near the top
    /// when the question names someone.
    pub best_coverage: f32,
    /// The coverage a passage needs for the forum to answer (less for English paraphrase).
    pub needed: f32,
    /// Whether the question asks for a count or an amount and the passage covering it best
    /// states no figure, so that it does not count towards the best coverage.
    pub no_figure: bool,
}

/// One unit of a question in an [`Explanation`].
#[derive(Debug, Clone)]
pub struct UnitReport {
    pub text: String,
    pub weight: f32,
    /// The best match of the unit anywhere in the forum, 0 to 1.
    pub found: f32,
    /// Part of what the question says (counted for coverage), not a name or topic it names.
    pub content: bool,
    /// How the unit is matched: its forms, or the speaker, organisation or topic it names.
    pub looks_for: String,
}

/// One candidate passage in an [`Explanation`].
#[derive(Debug, Clone)]
pub struct CandidateReport {
    pub id: String,
    pub speaker: Option<String>,
    pub score: f32,
    /// The weighted share of the question's content the passage holds.
    pub coverage: f32,
    /// Its coverage with the prompt it answers, which decides scope (0 to 1, at least
    /// `coverage`).
    pub in_context: f32,
    /// How well the passage matches each unit, in unit order.
    pub matches: Vec<f32>,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "question: {}", self.question)?;
        writeln!(f, "folded:   {}", self.folded)?;
        if !self.kinds.is_empty() {
            writeln!(f, "kind:     {}", self.kinds.join(", "))?;
        }
        for unit in &self.units {
            writeln!(
                f,
                "unit:     {} ×{:.1} found {:.2}: {}",
                unit.text, unit.weight, unit.found, unit.looks_for
            )?;
        }
        for outsider in &self.outsiders {
            writeln!(f, "outsider: {outsider} (a name the forum does not have)")?;
        }
        if let Some(measured) = &self.measured {
            writeln!(
                f,
                "counts:   {measured} (a passage stating the figure holds it)"
            )?;
        }
        if !self.times.is_empty() {
            writeln!(
                f,
                "time:     {} (the named one's passage stating the figure names it)",
                self.times.join(" ")
            )?;
        }
        if let Some(which) = &self.which {
            writeln!(f, "which:    {which} (the passage answering holds it)")?;
        }
        if !self.measures.is_empty() {
            writeln!(
                f,
                "measure:  {} (the figure asked for is in one of them)",
                self.measures.join(" ")
            )?;
        }
        for candidate in &self.candidates {
            let (coverage, in_context) = (
                format!("{:.2}", candidate.coverage),
                format!("{:.2}", candidate.in_context),
            );
            let in_context = if in_context == coverage {
                String::new()
            } else {
                format!(" ({in_context} with its prompt)")
            };
            writeln!(
                f,
                "passage:  {} ({}) score {:.2}, coverage {coverage}{in_context}, units {}",
                candidate.id,
                candidate.speaker.as_deref().unwrap_or("narration"),
                candidate.score,
                candidate
                    .matches
                    .iter()
                    .map(|m| format!("{m:.2}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )?;
        }
        let no_figure = if self.no_figure {
            "; the passage covering it best states no figure"
        } else {
            ""
        };
        writeln!(
            f,
            "in scope: {} (best coverage {:.2}, needed {:.2}{no_figure})",
            self.answered, self.best_coverage, self.needed
        )
    }
}

/// Candidates judged for every question, at least: enough that the passage covering a
/// question best is among them when word statistics rank it lower.
const MIN_CANDIDATES: usize = 30;

/// Roles that moderate a panel, folded.
const MODERATOR_ROLES: [&str; 3] = ["主持", "moderator", "host"];

/// Whether a speaker moderates (their role says 主持, moderator or host): their turns ask and
/// hand over rather than answer.
pub fn is_moderator(speaker: &crate::knowledge::Speaker) -> bool {
    let role = fold(&speaker.role);
    MODERATOR_ROLES.iter().any(|word| role.contains(word))
}

/// How far into a source a passage presenting the panel is looked for.
const OPENING_PASSAGES: usize = 8;

/// In the recall query, a Han pair counts this share of its word's weight.
const GRAM_RECALL: f32 = 0.3;

impl Engine {
    /// Indexes every passage of `knowledge`, in memory.
    pub fn new(knowledge: Knowledge) -> tantivy::Result<Engine> {
        Engine::with_options(knowledge, &EngineOptions::default())
    }

    /// Indexes every passage of `knowledge`, or reopens the index kept for it (see
    /// [`EngineOptions::index_dir`]). A folder that cannot be used is logged and the index built
    /// in memory instead.
    pub fn with_options(knowledge: Knowledge, options: &EngineOptions) -> tantivy::Result<Engine> {
        let started = Instant::now();
        let knowledge = Arc::new(knowledge);
        let analyzer = Arc::new(Analyzer::new(&knowledge));
        let entries: Vec<(usize, usize)> = knowledge
            .packs
            .iter()
            .enumerate()
            .flat_map(|(p, pack)| (0..pack.passages.len()).map(move |i| (p, i)))
            .collect();
        let (index, fields, origin) =
            index::open_or_build(options.index_dir.as_deref(), &knowledge, &analyzer)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let ords = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64("ord"))
            .collect::<tantivy::Result<_>>()?;
        let roster = Roster::with_words(&knowledge, analyzer.as_ref());
        let speaker_names = knowledge
            .speakers()
            .into_iter()
            .map(|speaker| {
                let names = roster
                    .forms_of(&Target::Speaker(speaker.name.clone()), Strength::Name)
                    .into_iter()
                    .filter(|form| form.chars().count() >= 2 && form.chars().all(is_han))
                    .map(str::to_owned)
                    .collect();
                let introductions = std::iter::once(&speaker.organization)
                    .chain(&speaker.organization_aliases)
                    .chain(std::iter::once(&speaker.role))
                    .map(|text| fold(text))
                    .filter(|form| form.chars().count() >= 2)
                    .collect();
                (names, introductions)
            })
            .collect();
        let moderators = knowledge
            .speakers()
            .into_iter()
            .filter(|speaker| is_moderator(speaker))
            .map(|speaker| speaker.name.clone())
            .collect();
        let (headings, section_of) = section_headings(&knowledge, &entries);
        let glossary = question::glossary_sets(&knowledge);
        let background = background_words(&knowledge, &analyzer);
        let event_names = event_names(&knowledge);
        let event_places = folded_events(&knowledge, |event| &event.place);
        let event_sessions = folded_events(&knowledge, |event| &event.session);
        let event_dates = event_dates(&knowledge);
        let Vocabulary {
            pinyin_terms,
            characters,
            character_terms,
            han_terms,
        } = vocabulary(&searcher, fields.words)?;
        let mut syllables: HashMap<String, Vec<char>> = HashMap::new();
        for &c in characters.keys() {
            let key = pinyin_key(c.encode_utf8(&mut [0; 4]));
            if !key.is_empty() {
                syllables.entry(key).or_default().push(c);
            }
        }
        for chars in syllables.values_mut() {
            chars.sort_unstable();
        }
        let folded = entries.iter().map(|_| OnceLock::new()).collect();
        let speaker_counts = entries.iter().map(|_| OnceLock::new()).collect();
        let normalized = entries.iter().map(|_| OnceLock::new()).collect();
        let report = BuildReport {
            duration: started.elapsed(),
            passages: entries.len(),
            origin,
        };
        Ok(Engine {
            knowledge,
            entries,
            searcher,
            ords,
            fields,
            analyzer,
            roster,
            glossary,
            pinyin_terms,
            characters,
            character_terms,
            han_terms,
            syllables,
            speaker_names,
            background,
            event_names,
            event_places,
            event_sessions,
            event_dates,
            moderators,
            headings,
            section_of,
            folded,
            speaker_counts,
            introductions: OnceLock::new(),
            dated: OnceLock::new(),
            normalized,
            report,
        })
    }

    /// How this engine was made: how long it took to be ready, and where its index came from.
    pub fn build_report(&self) -> &BuildReport {
        &self.report
    }

    pub fn knowledge(&self) -> &Arc<Knowledge> {
        &self.knowledge
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The words the packs' passages added to the segmenter's dictionary.
    pub fn discovered_vocabulary(&self) -> &[String] {
        self.analyzer.discovered()
    }

    /// Answers a question with up to `limit` passages. Never fails: anything that cannot be
    /// answered, for whatever reason, is an answer with no hits.
    pub fn ask(&self, question: &str, limit: usize) -> Answer {
        let analysed: String = question.chars().take(MAX_ANALYSED_CHARS).collect();
        let frequencies = Frequencies::new(self);
        let understood = self.understand(&analysed, &frequencies);
        let mut answer = Answer {
            question: question.to_owned(),
            hits: Vec::new(),
            speakers: understood.speakers(),
            topics: understood.topics(),
            elsewhere: Vec::new(),
        };
        if limit == 0 {
            return answer;
        }
        match self.judge_candidates(&understood, &frequencies) {
            Ok(judged) => {
                let speaker_of = |ord| self.passage_of(ord).speaker.as_deref();
                if rank::answers(&understood, &judged) {
                    answer.hits = rank::select(&understood, &judged, speaker_of, limit)
                        .into_iter()
                        .map(|judged| self.hit(&understood, judged))
                        .collect();
                } else {
                    answer.elsewhere = rank::spoken_elsewhere(&understood, &judged, speaker_of)
                        .into_iter()
                        .map(str::to_owned)
                        .collect();
                }
            }
            Err(error) => tracing::error!(%error, "search failed; answering with no results"),
        }
        answer
    }

    /// How a question is understood and judged, for people tuning a pack: see
    /// [`Explanation`], whose `Display` is what `verbatim ask --explain` prints.
    pub fn explain(&self, question: &str) -> Explanation {
        let analysed: String = question.chars().take(MAX_ANALYSED_CHARS).collect();
        let frequencies = Frequencies::new(self);
        let understood = self.understand(&analysed, &frequencies);
        let units = understood
            .units
            .iter()
            .map(|unit| UnitReport {
                text: unit.text.clone(),
                weight: unit.weight,
                found: unit.found,
                content: unit.is_content(),
                looks_for: match &unit.matcher {
                    Matcher::Text { forms, grams } => {
                        let mut forms: Vec<String> = forms
                            .iter()
                            .map(|f| {
                                if f.quality < 1.0 {
                                    format!("{}×{:.2}", f.text, f.quality)
                                } else {
                                    f.text.clone()
                                }
                            })
                            .collect();
                        if !grams.is_empty() {
                            forms.push(format!("pairs {}", grams.join(" ")));
                        }
                        format!("words [{}]", forms.join(", "))
                    }
                    Matcher::Speaker { name, object, .. } => {
                        let role = if *object { "about" } else { "by" };
                        format!("speaker {name} ({role})")
                    }
                    Matcher::Organization { name, .. } => format!("organisation of {name}"),
                    Matcher::Topic { id, .. } => format!("topic {id}"),
                    Matcher::Narration => "the narration".to_owned(),
                    Matcher::Event { .. } => "the event".to_owned(),
                },
            })
            .collect();
        let judged = self
            .judge_candidates(&understood, &frequencies)
            .unwrap_or_default();
        let answered = rank::answers(&understood, &judged);
        let candidates = judged
            .iter()
            .map(|judged| {
                let passage = self.passage_of(judged.ord);
                CandidateReport {
                    id: passage.id.clone(),
                    speaker: passage.speaker.clone(),
                    score: judged.score,
                    coverage: judged.coverage,
                    in_context: judged.in_context,
                    matches: judged.matches.clone(),
                }
            })
            .collect();
        Explanation {
            question: question.to_owned(),
            folded: understood.folded.clone(),
            kinds: understood.kind.names(),
            units,
            outsiders: understood.outsiders.clone(),
            measured: understood
                .measured
                .map(|i| understood.units[i].text.clone()),
            which: understood.which.map(|i| understood.units[i].text.clone()),
            measures: understood.measures.iter().map(|&m| m.to_owned()).collect(),
            times: understood
                .other_times
                .iter()
                .map(|&i| understood.units[i].text.clone())
                .collect(),
            candidates,
            answered,
            best_coverage: rank::scope_coverage(&understood, &judged),
            needed: rank::min_coverage(&understood),
            no_figure: rank::wants_figure(&understood)
                && judged
                    .iter()
                    .max_by(|a, b| a.in_context.total_cmp(&b.in_context))
                    .is_some_and(|best| !best.any_figure),
        }
    }

    /// Every passage of one speaker (or all narration when `speaker` is `None`), optionally
    /// on one topic, in the order of the source.
    pub fn passages_of(&self, speaker: Option<&str>, topic: Option<&str>) -> Vec<Hit> {
        let mut hits = Vec::new();
        for pack in &self.knowledge.packs {
            for (index, passage) in pack.passages.iter().enumerate() {
                if passage.speaker.as_deref() == speaker && topic.is_none_or(|t| passage.topic == t)
                {
                    hits.push(self.plain_hit(pack, index));
                }
            }
        }
        hits
    }

    /// Every passage on one topic, in the order of the source.
    pub fn passages_on(&self, topic: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for pack in &self.knowledge.packs {
            for (index, passage) in pack.passages.iter().enumerate() {
                if passage.topic == topic {
                    hits.push(self.plain_hit(pack, index));
                }
            }
        }
        hits
    }

    fn plain_hit(&self, pack: &Arc<Pack>, index: usize) -> Hit {
        let text = &pack.passages[index].text;
        Hit {
            pack: pack.clone(),
            index,
            score: 0.0,
            excerpt: excerpt_range(text, &[]),
            highlights: Vec::new(),
        }
    }

    /// Finds the candidates of a question and judges each, best first.
    fn judge_candidates(
        &self,
        question: &Question,
        frequencies: &Frequencies,
    ) -> tantivy::Result<Vec<Judged>> {
        // A question about who took part may share no word with the passage presenting the
        // panel (which companies were on the panel, when none is called a company): it is
        // still judged, below.
        let query = self.recall_query(question, frequencies);
        if query.is_none() && !question.kind.list {
            return Ok(Vec::new());
        }
        let top = match query {
            Some(query) => self.searcher.search(
                &query,
                &TopDocs::with_limit(MIN_CANDIDATES).order_by_score(),
            )?,
            None => Vec::new(),
        };
        let best_bm25 = top
            .first()
            .map_or(1.0, |(score, _)| score.max(f32::EPSILON));
        let judge = |ord: usize, bm25: f32, asked: &[f32]| {
            let folded = self.folded_text(ord);
            // Only a question about who took part needs to know whom a passage names.
            let (named, introduced) = if question.kind.list {
                self.speakers_in(ord)
            } else {
                (0, 0)
            };
            let kind = rank::PassageKind {
                folded,
                heading: self.heading_of(ord),
                bm25,
                speakers_named: named,
                speakers_introduced: introduced,
                prompt: self.is_prompt(ord),
                asked,
            };
            rank::judge(question, ord, self.passage_of(ord), kind)
        };
        let mut judged: Vec<Judged> = top
            .into_iter()
            .filter_map(|(score, address)| {
                Some(judge(self.ord_at(address)?, score / best_bm25, &[]))
            })
            .collect();
        // Who took part is answered by the passage presenting the panel, whatever words the
        // question has in common with it.
        if question.kind.list {
            for &ord in self.introductions() {
                if !judged.iter().any(|j| j.ord == ord) {
                    judged.push(judge(ord, 0.0, &[]));
                }
            }
        }
        // When the event was held is answered by the passage that gives its date, which may
        // not name it (a transcript's 时间：2025年10月16日 line, under the editor's note that
        // does).
        if question.kind.when
            && question
                .units
                .iter()
                .any(|unit| matches!(unit.matcher, question::Matcher::Event { .. }))
        {
            for &ord in self.dated() {
                if !judged.iter().any(|j| j.ord == ord) {
                    judged.push(judge(ord, 0.0, &[]));
                }
            }
        }
        // A paragraph that asks what the question asks (an interviewer's, a moderator's, a
        // transcript's Q) points at the paragraph that answers it: the next one, by another
        // speaker, which is judged again as saying what it was asked.
        let mut answers: Vec<(usize, f32, f32, Vec<f32>)> = Vec::new();
        for asked in &judged {
            // A question about what the one who asked said (主持人开场问了什么) is answered by
            // the prompt itself, not by the reply of someone else.
            if !asked.prompt || rank::by_named_speaker(question, &asked.matches) {
                continue;
            }
            // The answer is the turn that follows, in as many paragraphs as it runs to: what
            // it was asked may be answered in its second (the first gives the figures, the
            // second the view). What each said is answered by the turns that follow, up to
            // the next prompt.
            let replies = if question.kind.each {
                EACH_REPLIES
            } else {
                TURN_PARAGRAPHS
            };
            let (this_pack, _) = self.entries[asked.ord];
            let asker = self.passage_of(asked.ord).speaker.as_ref();
            let mut previous = None;
            let mut inherited = rank::ANSWER_OF_QUESTION;
            for next in asked.ord + 1..=asked.ord + replies {
                let answerer = self.entries.get(next).and_then(|&(p, i)| {
                    let passage = &self.knowledge.packs[p].passages[i];
                    (p == this_pack)
                        .then_some(passage.speaker.as_ref())
                        .flatten()
                });
                if answerer.is_none()
                    || answerer == asker
                    || (next > asked.ord + 1 && self.is_prompt(next))
                    || (!question.kind.each && previous.is_some_and(|p| p != answerer))
                {
                    break;
                }
                // A later paragraph of a turn answers less surely than its first.
                inherited = if previous == Some(answerer) {
                    inherited * LATER_PARAGRAPH
                } else {
                    rank::ANSWER_OF_QUESTION
                };
                previous = Some(answerer);
                answers.push((
                    next,
                    asked.unprompted * inherited,
                    asked.coverage * inherited,
                    asked.matches.iter().map(|m| m * inherited).collect(),
                ));
            }
        }
        for (ord, score, coverage, matches) in answers {
            let position = judged.iter().position(|j| j.ord == ord);
            let bm25 = position.map_or(0.0, |p| judged[p].bm25);
            let mut answer = judge(ord, bm25, &matches);
            answer.score = answer.score.max(score);
            answer.coverage = answer.coverage.max(coverage);
            answer.in_context = answer.in_context.max(answer.coverage);
            match position {
                Some(p) if answer.score > judged[p].score => judged[p] = answer,
                Some(p) => {
                    judged[p].coverage = judged[p].coverage.max(answer.coverage);
                    judged[p].in_context = judged[p].in_context.max(answer.in_context);
                }
                None => judged.push(answer),
            }
        }
        // Best first; equal scores in the order of the source.
        judged.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
        Ok(judged)
    }

    /// The recall query: every unit's words and character pairs that the index holds, weighed
    /// by the unit, and the speakers and topics named. `None` when nothing can match.
    fn recall_query(&self, question: &Question, frequencies: &Frequencies) -> Option<BooleanQuery> {
        let mut terms: HashMap<(Field, String), f32> = HashMap::new();
        let mut add = |field: Field, term: &str, weight: f32| {
            let entry = terms.entry((field, term.to_owned())).or_insert(0.0);
            *entry = entry.max(weight);
        };
        let mut fields: Vec<(Field, &str, f32)> = Vec::new();
        for unit in &question.units {
            // A form is looked for as a word when the index has it as one, and by its character
            // pairs, which a passage cut differently still shares.
            let mut add_form = |form: &str, weight: f32| {
                let as_word = frequencies.word(form) > 0;
                if as_word {
                    add(self.fields.words, form, weight);
                }
                // A dictionary word is a token wherever it occurs, even inside a longer word
                // (search mode emits it), so its pairs add nothing.
                if form.chars().any(is_han) && !(as_word && self.analyzer.knows(form)) {
                    let pairs = grams(form);
                    let count = pairs.len().max(1) as f32;
                    for pair in pairs {
                        if frequencies.gram(&pair.text) > 0 {
                            add(
                                self.fields.grams,
                                &pair.text,
                                weight * GRAM_RECALL / count.sqrt(),
                            );
                        }
                    }
                }
            };
            match &unit.matcher {
                Matcher::Text {
                    forms,
                    grams: pairs,
                } => {
                    for form in forms {
                        add_form(&form.text, unit.weight * form.quality);
                    }
                    // A pair the index has as a word (文博 of 文博会, when the passages say
                    // 文博产业大会) is looked for as one.
                    for pair in pairs {
                        if frequencies.gram(pair) > 0 {
                            add(self.fields.grams, pair, unit.weight * GRAM_RECALL);
                        } else if frequencies.word(pair) > 0 {
                            add(self.fields.words, pair, unit.weight * GRAM_RECALL);
                        }
                    }
                }
                Matcher::Speaker { name, .. } => {
                    fields.push((self.fields.speaker, name, unit.weight))
                }
                Matcher::Organization { name, forms, own } => {
                    for form in forms {
                        add_form(form, unit.weight * 0.5);
                    }
                    fields.push((self.fields.speaker, name, unit.weight * own));
                }
                Matcher::Topic { id, forms } => {
                    for form in forms {
                        add_form(form, unit.weight * 0.5);
                    }
                    fields.push((self.fields.topic, id, unit.weight));
                }
                // The narration is judged by who speaks, which the content recalls.
                Matcher::Narration => {}
                // The passages that name the event, by the words of its name.
                Matcher::Event { names, .. } => {
                    for name in names {
                        for token in self.analyzer.tokens(name) {
                            if token.text.chars().count() >= 2 {
                                add_form(&token.text, unit.weight);
                            }
                        }
                    }
                }
            }
        }
        let mut terms: Vec<((Field, String), f32)> = terms.into_iter().collect();
        terms.sort_by(|a, b| a.0 .1.cmp(&b.0 .1).then(a.0 .0.cmp(&b.0 .0)));
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for ((field, term), weight) in terms {
            let query = TermQuery::new(
                Term::from_field_text(field, &term),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), weight)),
            ));
        }
        for (field, key, weight) in fields {
            let query = TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(query), weight)),
            ));
        }
        (!clauses.is_empty()).then(|| BooleanQuery::new(clauses))
    }

    /// A hit for a judged passage: its excerpt around what matched, highlighted on the
    /// original characters.
    fn hit(&self, question: &Question, judged: &Judged) -> Hit {
        let (p, index) = self.entries[judged.ord];
        let pack = &self.knowledge.packs[p];
        let text = &pack.passages[index].text;
        let normalized = self.normalized[judged.ord].get_or_init(|| normalize(text));
        let mut highlights: Vec<std::ops::Range<usize>> =
            rank::matched_ranges(question, judged, &normalized.text)
                .into_iter()
                .map(|range| normalized.original_range(range))
                .filter(|range| !range.is_empty())
                .collect();
        highlights.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
        for range in highlights {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        let excerpt = excerpt_range(text, &merged);
        let highlights = merged
            .into_iter()
            .filter(|h| h.start >= excerpt.start && h.end <= excerpt.end)
            .collect();
        Hit {
            pack: pack.clone(),
            index,
            score: judged.score,
            excerpt,
            highlights,
        }
    }

    /// How many speakers a passage names, and how many of those it introduces (names with
    /// their organisation or role): counted once a passage, then kept.
    fn speakers_in(&self, ord: usize) -> (usize, usize) {
        *self.speaker_counts[ord].get_or_init(|| {
            let folded = self.folded_text(ord);
            let (mut named, mut introduced) = (0, 0);
            for (names, introductions) in &self.speaker_names {
                if names.iter().any(|form| rank::contains_form(folded, form)) {
                    named += 1;
                    if introductions
                        .iter()
                        .any(|form| rank::contains_form(folded, form))
                    {
                        introduced += 1;
                    }
                }
            }
            (named, introduced)
        })
    }

    /// The passages near the start of each source that introduce two speakers or more: where
    /// a report or a moderator presents the panel. Found the first time a question asks who
    /// took part.
    fn introductions(&self) -> &[usize] {
        self.introductions.get_or_init(|| {
            (0..self.entries.len())
                .filter(|&ord| self.entries[ord].1 < OPENING_PASSAGES)
                .filter(|&ord| self.speakers_in(ord).1 >= 2)
                .collect()
        })
    }

    /// The passages near the start of a source that give the date of its pack's event, by
    /// `ord`: a transcript's note (时间：…) or a report's lead.
    fn dated(&self) -> &[usize] {
        self.dated.get_or_init(|| {
            (0..self.entries.len())
                .filter(|&ord| {
                    let (pack, index) = self.entries[ord];
                    index < OPENING_PASSAGES && {
                        let folded = self.folded_text(ord);
                        self.event_dates[pack]
                            .iter()
                            .any(|date| folded.contains(date.as_str()))
                    }
                })
                .collect()
        })
    }

    /// Whether a passage asks or hands over rather than answers: it ends with a question, or it
    /// is a moderator's (主持人, host) turn.
    fn is_prompt(&self, ord: usize) -> bool {
        let passage = self.passage_of(ord);
        rank::is_question_paragraph(self.folded_text(ord))
            || passage
                .speaker
                .as_ref()
                .is_some_and(|name| self.moderators.contains(name))
    }

    /// The `ord` of a document: its index in `entries`.
    fn ord_at(&self, address: tantivy::DocAddress) -> Option<usize> {
        let ord = self
            .ords
            .get(address.segment_ord as usize)?
            .first(address.doc_id)?;
        Some(ord as usize).filter(|&ord| ord < self.entries.len())
    }

    fn passage_of(&self, ord: usize) -> &Passage {
        let (p, i) = self.entries[ord];
        &self.knowledge.packs[p].passages[i]
    }

    /// The folded heading of the section a passage is in, if it has one of its own.
    fn heading_of(&self, ord: usize) -> Option<&str> {
        self.section_of[ord].map(|at| &*self.headings[at as usize])
    }

    /// A passage's folded text, folded once.
    fn folded_text(&self, ord: usize) -> &str {
        self.folded[ord].get_or_init(|| fold(&self.passage_of(ord).text).into_boxed_str())
    }
}

/// The heading of every section of every pack, folded, and the section of each passage (by
/// `ord`, an index into the headings); a heading that is the source's headline is the whole
/// forum's, and left out.
fn section_headings(
    knowledge: &Knowledge,
    entries: &[(usize, usize)],
) -> (Vec<Box<str>>, Vec<Option<u32>>) {
    let mut headings: Vec<Box<str>> = Vec::new();
    let mut by_topic: Vec<HashMap<&str, u32>> = Vec::new();
    for pack in &knowledge.packs {
        let headline = fold(&pack.source.headline);
        let mut sections = HashMap::new();
        for topic in &pack.topics {
            let heading = fold(&topic.heading);
            if heading != headline {
                sections.insert(topic.id.as_str(), headings.len() as u32);
                headings.push(heading.into_boxed_str());
            }
        }
        by_topic.push(sections);
    }
    let section_of = entries
        .iter()
        .map(|&(p, i)| {
            let topic = knowledge.packs[p].passages[i].topic.as_str();
            by_topic[p].get(topic).copied()
        })
        .collect();
    (headings, section_of)
}

/// The words of every pack's event name and place, folded and cut as passages are: two
/// characters or more, or Latin words. Not the session's: its title names what the panel is
/// about, which questions ask about.
fn background_words(knowledge: &Knowledge, analyzer: &Analyzer) -> HashSet<String> {
    let mut words = HashSet::new();
    for pack in &knowledge.packs {
        for text in [&pack.event.name, &pack.event.place] {
            for token in analyzer.tokens(&fold(text)) {
                if token.text.chars().count() >= 2 || token.text.is_ascii() {
                    words.insert(token.text);
                }
            }
        }
    }
    words
}

/// One text of each pack's event, folded (its place, its session), where the pack gives one.
fn folded_events(
    knowledge: &Knowledge,
    field: fn(&crate::knowledge::Event) -> &str,
) -> Vec<String> {
    knowledge
        .packs
        .iter()
        .map(|pack| fold(field(&pack.event)).trim().to_owned())
        .filter(|text| !text.is_empty())
        .collect()
}

/// Each pack's event name, folded, and its English name in lower case without its numbers
/// (BAAI Conference 2024 → baai conference).
fn event_names(knowledge: &Knowledge) -> Vec<String> {
    let mut names = folded_events(knowledge, |event| &event.name);
    for pack in &knowledge.packs {
        if let Some(english) = &pack.event.name_en {
            let words: Vec<String> = english
                .split_whitespace()
                .filter(|word| !word.chars().any(|c| c.is_ascii_digit()))
                .map(str::to_lowercase)
                .collect();
            if !words.is_empty() {
                names.push(words.join(" "));
            }
        }
    }
    names
}

/// Each pack's event date, `YYYY-MM-DD`, as Chinese text writes it: with its year
/// (2025年10月16日) and without (10月16日). By pack.
fn event_dates(knowledge: &Knowledge) -> Vec<Vec<String>> {
    knowledge
        .packs
        .iter()
        .map(|pack| {
            let parts: Vec<u32> = pack
                .event
                .date
                .split('-')
                .filter_map(|part| part.parse().ok())
                .collect();
            match parts[..] {
                [year, month, day] => {
                    vec![
                        format!("{year}年{month}月{day}日"),
                        format!("{month}月{day}日"),
                    ]
                }
                _ => Vec::new(),
            }
        })
        .collect()
}

/// How many paragraphs of one turn answer a prompt.
const TURN_PARAGRAPHS: usize = 4;
/// How much of what a prompt asked each later paragraph of the turn answering it inherits,
/// of what the paragraph before did.
const LATER_PARAGRAPH: f32 = 0.6;
/// How many turns in a row answer a prompt when a question asks what each said.
const EACH_REPLIES: usize = 6;

/// Document frequencies looked up for one question, each once: the same word is asked about by
/// several steps (whether the forum has it, how specific it is, the recall query), and a lookup
/// in the term dictionary costs more than the rest of judging a passage.
pub(super) struct Frequencies<'e> {
    searcher: &'e Searcher,
    characters: &'e FxHashMap<char, u64>,
    fields: Fields,
    memo: RefCell<FxHashMap<(bool, String), u64>>,
}

impl<'e> Frequencies<'e> {
    fn new(engine: &'e Engine) -> Frequencies<'e> {
        Frequencies {
            searcher: &engine.searcher,
            characters: &engine.characters,
            fields: engine.fields,
            memo: RefCell::new(FxHashMap::default()),
        }
    }

    /// The number of passages in the index.
    pub(super) fn passages(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// In how many passages the words field has `term`.
    pub(super) fn word(&self, term: &str) -> u64 {
        self.lookup(false, term)
    }

    /// In how many passages the grams field has `gram`, a pair of Han characters.
    pub(super) fn gram(&self, gram: &str) -> u64 {
        self.lookup(true, gram)
    }

    /// In about how many passages a folded form occurs: as a word, or, for Han text that is not
    /// one word, in as many passages as its rarest character pair (an upper bound). A pair that
    /// is a word of the dictionary is indexed as that word, not as a pair (五个 of 五个人).
    pub(super) fn form(&self, form: &str) -> u64 {
        let as_word = self.word(form);
        if as_word > 0 || !form.chars().any(is_han) {
            return as_word;
        }
        let mut chars = form.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            // A character is a term only where jieba cuts it alone: the words that hold it
            // tell where else it is.
            return self.characters.get(&c).copied().unwrap_or(0);
        }
        grams(form)
            .iter()
            .map(|pair| self.gram(&pair.text).max(self.word(&pair.text)))
            .min()
            .unwrap_or(0)
    }

    fn lookup(&self, grams: bool, term: &str) -> u64 {
        // A term holding a character no passage has is in none: most renderings tried for an
        // English word are answered so, without a look-up in the index.
        if term
            .chars()
            .any(|c| is_han(c) && !self.characters.contains_key(&c))
        {
            return 0;
        }
        let key = (grams, term.to_owned());
        if let Some(&frequency) = self.memo.borrow().get(&key) {
            return frequency;
        }
        let field = if grams {
            self.fields.grams
        } else {
            self.fields.words
        };
        let frequency = self
            .searcher
            .doc_freq(&Term::from_field_text(field, term))
            .unwrap_or(0);
        self.memo.borrow_mut().insert(key, frequency);
        frequency
    }
}

impl Question {
    /// Speakers the question names in any way, products included, once each, in order.
    fn speakers(&self) -> Vec<String> {
        self.distinct(|mention| match &mention.target {
            Target::Speaker(name) => Some(name),
            Target::Topic(_) => None,
        })
    }

    fn topics(&self) -> Vec<String> {
        self.distinct(|mention| match &mention.target {
            Target::Topic(id) => Some(id),
            Target::Speaker(_) => None,
        })
    }

    /// What `pick` takes from the mentions, once each, in the order of the question.
    fn distinct<'a>(
        &'a self,
        pick: impl Fn(&'a crate::speakers::Mention) -> Option<&'a String>,
    ) -> Vec<String> {
        let mut picked: Vec<String> = Vec::new();
        for value in self.mentions.iter().filter_map(pick) {
            if !picked.contains(value) {
                picked.push(value.clone());
            }
        }
        picked
    }
}

/// What the words field's term dictionary tells beyond single lookups.
struct Vocabulary {
    /// The toneless pinyin of every Han term (two characters or more, not a stopword) → the
    /// terms.
    pinyin_terms: HashMap<String, Vec<String>>,
    /// Each Han character → the passages of the terms that hold it, summed, at most all.
    characters: FxHashMap<char, u64>,
    /// Each Han character → the Han terms (indices into `han_terms`) that hold it.
    character_terms: FxHashMap<char, Vec<u32>>,
    /// The Han terms of two characters or more that are not stopwords.
    han_terms: Vec<Box<str>>,
}

/// Reads the words field's term dictionary once (see [`Vocabulary`]).
fn vocabulary(searcher: &Searcher, field: Field) -> tantivy::Result<Vocabulary> {
    let mut pinyin_terms: HashMap<String, Vec<String>> = HashMap::new();
    let mut characters: FxHashMap<char, u64> = FxHashMap::default();
    let mut character_terms: FxHashMap<char, Vec<u32>> = FxHashMap::default();
    let mut han_terms: Vec<Box<str>> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(term) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let passages = u64::from(terms.value().doc_freq);
            let mut seen: Vec<char> = Vec::new();
            for c in term.chars().filter(|&c| is_han(c)) {
                if !seen.contains(&c) {
                    seen.push(c);
                    *characters.entry(c).or_insert(0) += passages;
                }
            }
            if term.chars().count() < 2 || !term.chars().all(is_han) || question::is_stopword(term)
            {
                continue;
            }
            let key = pinyin_key(term);
            let entry = pinyin_terms.entry(key).or_default();
            if !entry.iter().any(|t| t == term) {
                entry.push(term.to_owned());
                // A term is new here the first time its pinyin entry has it.
                if let Ok(index) = u32::try_from(han_terms.len()) {
                    han_terms.push(term.into());
                    for c in seen.iter().copied() {
                        character_terms.entry(c).or_default().push(index);
                    }
                }
            }
        }
    }
    let all = searcher.num_docs();
    for passages in characters.values_mut() {
        *passages = (*passages).min(all);
    }
    Ok(Vocabulary {
        pinyin_terms,
        characters,
        character_terms,
        han_terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moderator_roles_are_written_as_roles_fold() {
        crate::normalize::assert_written_as_folded([("MODERATOR_ROLES", MODERATOR_ROLES.to_vec())]);
    }

    fn engine() -> Engine {
        Engine::new(Knowledge::embedded()).expect("index builds")
    }

    #[test]
    fn query_syntax_is_just_text() {
        let engine = engine();
        for question in [
            "title:x AND (",
            "text:agi OR",
            "\"unterminated",
            "*",
            "agi^100",
            "+-!~",
        ] {
            let _ = engine.ask(question, 3);
        }
        assert_eq!(engine.ask("text:agi OR (", 3).topics, ["agi"]);
    }

    #[test]
    fn every_character_of_the_passages_is_counted() {
        // `Frequencies::lookup` answers 0 for a term holding a character `characters` lacks.
        let engine = engine();
        let mut checked = 0;
        for (_, passage) in engine.knowledge.passages() {
            for c in fold(&passage.text).chars().filter(|&c| is_han(c)) {
                assert!(engine.characters.contains_key(&c), "{c} of {}", passage.id);
                checked += 1;
            }
        }
        assert!(checked > 1000);
        let frequencies = Frequencies::new(&engine);
        assert!(frequencies.form("价格战") > 0);
        assert_eq!(frequencies.form("披萨"), 0);
    }

    #[test]
    fn empty_and_zero_limit_questions_abstain() {
        let engine = engine();
        assert!(engine.ask("", 3).hits.is_empty());
        assert!(engine.ask("   ", 3).hits.is_empty());
        assert!(engine.ask("楊植麟", 0).hits.is_empty());
    }

    /// A folder of its own under the system's temporary folder, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let path = std::env::temp_dir().join(format!("verbatim-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// What an answer shows, for comparing engines: passage, score, excerpt and highlights.
    fn shown(engine: &Engine, question: &str) -> Vec<String> {
        let answer = engine.ask(question, 5);
        answer
            .hits
            .iter()
            .map(|hit| {
                format!(
                    "{} {} {:?} {:?}",
                    hit.passage().id,
                    hit.score,
                    hit.excerpt,
                    hit.highlights
                )
            })
            .collect()
    }

    const QUESTIONS: [&str; 6] = [
        "楊植麟怎麼看AGI?",
        "What did Baichuan's CEO say about the price war?",
        "scaling law 還有效嗎",
        "kuiben maimai",
        "張朋 價格戰",
        "上海明天会下雨吗",
    ];

    #[test]
    fn a_kept_index_reopens_with_the_same_answers() {
        let dir = TempDir::new("kept-index");
        let options = EngineOptions {
            index_dir: Some(dir.0.clone()),
        };
        let built = Engine::with_options(Knowledge::embedded(), &options).expect("builds");
        let IndexOrigin::Saved(path) = built.build_report().origin.clone() else {
            panic!(
                "the first engine saves its index: {:?}",
                built.build_report()
            );
        };
        let reopened = Engine::with_options(Knowledge::embedded(), &options).expect("reopens");
        assert_eq!(reopened.build_report().origin, IndexOrigin::Reopened(path));
        let in_memory = engine();
        for question in QUESTIONS {
            let expected = shown(&in_memory, question);
            assert_eq!(
                shown(&built, question),
                expected,
                "built index, question {question:?}"
            );
            assert_eq!(
                shown(&reopened, question),
                expected,
                "reopened index, question {question:?}"
            );
        }
    }

    #[test]
    fn a_changed_pack_builds_a_new_index_and_drops_the_old() {
        let dir = TempDir::new("changed-pack");
        let options = EngineOptions {
            index_dir: Some(dir.0.clone()),
        };
        let first = Engine::with_options(Knowledge::embedded(), &options).expect("builds");
        let IndexOrigin::Saved(old) = first.build_report().origin.clone() else {
            panic!("the first engine saves its index");
        };
        let mut knowledge = Knowledge::embedded();
        let mut pack = (*knowledge.packs[0]).clone();
        let removed = pack.passages.remove(0).id;
        knowledge.packs[0] = Arc::new(pack);
        let second = Engine::with_options(knowledge, &options).expect("builds again");
        let IndexOrigin::Saved(new) = second.build_report().origin.clone() else {
            panic!(
                "a changed pack is indexed again, not reopened: {:?}",
                second.build_report()
            );
        };
        assert_ne!(new, old);
        assert!(!old.exists(), "the index of the old pack is removed");
        let answer = second.ask("楊植麟 追星 開幕式", 5);
        assert!(
            answer.hits.iter().all(|hit| hit.passage().id != removed),
            "answers come from the new pack"
        );
    }

    #[test]
    fn an_unusable_index_folder_falls_back_to_memory() {
        let dir = TempDir::new("not-a-folder");
        std::fs::write(&dir.0, "a file, not a folder").expect("writes");
        let options = EngineOptions {
            index_dir: Some(dir.0.join("index")),
        };
        let engine =
            Engine::with_options(Knowledge::embedded(), &options).expect("indexes in memory");
        assert_eq!(engine.build_report().origin, IndexOrigin::Memory);
        assert_eq!(
            shown(&engine, QUESTIONS[0]),
            shown(&self::engine(), QUESTIONS[0])
        );
        let _ = std::fs::remove_file(&dir.0);
    }
}
