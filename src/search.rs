//! Search: a tantivy index over the passages, tokenised by jieba on normalised text, and the
//! question analysis that turns what a person typed into a safe, weighted query.
//!
//! This is the only module that names tantivy or jieba types. A question never reaches
//! tantivy's query parser: the query is built from tokens, so no input can make it fail.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, OnceLock};
use std::time::{Duration, Instant};

use jieba_rs::Jieba;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::knowledge::{Knowledge, Pack, Passage};
use crate::lexicon;
use crate::normalize::{fold, is_han, normalize};
use crate::speakers::{latin_words, pinyin_key, Mention, Roster, Strength, Target};

/// Questions are analysed up to this many characters; the rest is ignored.
pub const MAX_ANALYSED_CHARS: usize = 500;

/// Excerpts longer than this many characters are cut to the sentences around the matches.
pub const EXCERPT_CHARS: usize = 360;

/// A question's answer: the passages that answer it, best first, or none.
#[derive(Debug, Clone)]
pub struct Answer {
    pub question: String,
    pub hits: Vec<Hit>,
    /// Speakers the question named, canonical names.
    pub speakers: Vec<String>,
    /// Topics the question named, by id.
    pub topics: Vec<String>,
}

/// One passage that answers a question.
#[derive(Debug, Clone)]
pub struct Hit {
    pub pack: Arc<Pack>,
    /// Index of the passage in `pack.passages`.
    pub index: usize,
    pub score: f32,
    /// The part of the passage text worth showing: whole sentences, byte range.
    pub excerpt: Range<usize>,
    /// Matched words in the passage text, byte ranges inside `excerpt`, sorted, disjoint.
    pub highlights: Vec<Range<usize>>,
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
    /// Each passage's tokens for highlighting, by document `ord`: worked out the first time the
    /// passage is a hit, then kept. Segmenting the passages again for every answer was a third
    /// of the cost of a question.
    highlight_tokens: Vec<OnceLock<HighlightTokens>>,
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

/// Where an engine's index came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexOrigin {
    /// Built in memory.
    Memory,
    /// Built and saved in this folder.
    Saved(PathBuf),
    /// Reopened from this folder: neither the knowledge nor the analysis had changed.
    Reopened(PathBuf),
}

#[derive(Clone, Copy)]
struct Fields {
    text: Field,
    speaker: Field,
    topic: Field,
    ord: Field,
}

/// One glossary set, folded: its terms as typed-form keys and its Han terms as tokens.
struct GlossarySet {
    keys: Vec<GlossaryKey>,
    han_terms: Vec<String>,
}

/// A folded glossary term, ready to look for in a question.
enum GlossaryKey {
    /// A term with Han characters: found anywhere in the question.
    Han(String),
    /// A Latin term's words: found as consecutive words of the question, in any of their forms.
    Latin(Vec<String>),
}

/// Weights of the parts of a query. BM25 scores of a rare word in this corpus are about 3.
const SPEAKER_BOOST: f32 = 3.0;
const PRODUCT_BOOST: f32 = 1.0;
const TOPIC_BOOST: f32 = 1.5;
const EXPANSION_WEIGHT: f32 = 0.8;
const SUBWORD_WEIGHT: f32 = 0.5;
const ORGANIZATION_WEIGHT: f32 = 0.3;
/// Hits scoring under this share of the best are dropped: they answer a different question.
const RELATIVE_CUTOFF: f32 = 0.35;
/// Without a named speaker or topic, this share of the question's words must be found.
const MIN_COVERAGE: f32 = 0.6;
/// An English word found only through a dictionary translation counts this much toward
/// coverage: translations are looser evidence than the word itself.
const TRANSLATED_FOUND: f32 = 0.75;
/// A word in more than this share of the passages is too common to show that the forum
/// covers a question.
const COMMON_SHARE: f32 = 0.4;

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
        let (schema, fields) = index_schema();
        let entries: Vec<(usize, usize)> = knowledge
            .packs
            .iter()
            .enumerate()
            .flat_map(|(p, pack)| (0..pack.passages.len()).map(move |i| (p, i)))
            .collect();
        let in_memory = |schema| -> tantivy::Result<(Index, IndexOrigin)> {
            let index = Index::create_in_ram(schema);
            add_passages(&index, fields, &knowledge, &analyzer)?;
            Ok((index, IndexOrigin::Memory))
        };
        let (index, origin) = match &options.index_dir {
            None => in_memory(schema)?,
            Some(dir) => match open_or_build_in(
                dir,
                schema.clone(),
                fields,
                &knowledge,
                &analyzer,
                entries.len(),
            ) {
                Ok(found) => found,
                Err(error) => {
                    tracing::warn!(%error, dir = %dir.display(), "cannot keep the index in this folder; indexing in memory");
                    in_memory(schema)?
                }
            },
        };
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
        let roster = Roster::new(&knowledge);
        let glossary = glossary_sets(&knowledge, &analyzer);
        let pinyin_terms = pinyin_vocabulary(&searcher, fields.text)?;
        let highlight_tokens = entries.iter().map(|_| OnceLock::new()).collect();
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
            highlight_tokens,
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

    /// Answers a question with up to `limit` passages. Never fails: anything that cannot be
    /// answered, for whatever reason, is an answer with no hits.
    pub fn ask(&self, question: &str, limit: usize) -> Answer {
        let analysed: String = question.chars().take(MAX_ANALYSED_CHARS).collect();
        let plan = self.plan(&analysed);
        let mut answer = Answer {
            question: question.to_owned(),
            hits: Vec::new(),
            speakers: plan.speakers(),
            topics: plan.topics(),
        };
        if limit == 0 || !plan.in_scope() {
            return answer;
        }
        match self.run(&plan, limit) {
            Ok(hits) => answer.hits = hits,
            Err(error) => tracing::error!(%error, "search failed; answering with no results"),
        }
        answer
    }

    /// How a question is understood, for people tuning the pack: what it names, the terms
    /// it looks for with their weights, and how much of it the passages cover.
    pub fn explain(&self, question: &str) -> String {
        let analysed: String = question.chars().take(MAX_ANALYSED_CHARS).collect();
        let plan = self.plan(&analysed);
        let mut terms: Vec<_> = plan.terms.iter().collect();
        terms.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        let mut out = format!("question: {question}\nfolded:   {}\n", fold(&analysed));
        for mention in &plan.mentions {
            out += &format!(
                "mention:  {:?} ({:?}{})\n",
                mention.target,
                mention.strength,
                if mention.exact { "" } else { ", fuzzy" }
            );
        }
        for (term, weight) in terms {
            out += &format!("term:     {term} ×{weight}\n");
        }
        for unit in &plan.units {
            let named = if unit.named { ", named" } else { "" };
            out += &format!(
                "unit:     {} (weight {}, found {:.2}{named})\n",
                unit.text, unit.weight, unit.found
            );
        }
        out += &format!("in scope: {}\n", plan.in_scope());
        out
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

    /// Understands a question: who and what it names, and the words to look for.
    fn plan(&self, question: &str) -> Plan {
        let normalized = normalize(question);
        let folded = normalized.text.clone();
        let mentions = self.roster.find(&folded);
        let searcher = &self.searcher;
        let doc_freq = |term: &str| {
            let term = Term::from_field_text(self.fields.text, term);
            searcher.doc_freq(&term).unwrap_or(0)
        };
        let in_index = |term: &str| doc_freq(term) > 0;
        // A word found in most passages (模型 here) says little about whether the forum
        // covers a question: it is searched for but does not count toward coverage.
        let common = (searcher.num_docs() as f32 * COMMON_SHARE).max(3.0) as u64;

        let mut terms: HashMap<String, f32> = HashMap::new();
        let add = |terms: &mut HashMap<String, f32>, term: &str, weight: f32| {
            let entry = terms.entry(term.to_owned()).or_insert(0.0);
            *entry = entry.max(weight);
        };

        // Speaker names are not words to look for: the speaker field answers for them. An
        // organisation's name is looked for lightly, since a question naming 面壁智能 may be
        // about the company itself. Topic and product names stay ordinary words ("价格战",
        // "minicpm").
        let mut content = folded.clone();
        for mention in &mentions {
            if !matches!(mention.target, Target::Speaker(_))
                || mention.strength == Strength::Product
            {
                continue;
            }
            if mention.strength == Strength::Organization {
                for token in self.analyzer.tokens(&folded[mention.span.clone()]) {
                    if !is_stopword(&token.text) && in_index(&token.text) {
                        add(&mut terms, &token.text, ORGANIZATION_WEIGHT);
                    }
                }
            }
            content.replace_range(mention.span.clone(), &" ".repeat(mention.span.len()));
        }
        let mut units: Vec<Unit> = Vec::new();
        // Words inside a named topic, organisation or product are searched for but do not
        // count toward coverage: the mention already says what the question is about.
        let named = |range: Range<usize>| {
            mentions
                .iter()
                .any(|m| m.span.start < range.end && range.start < m.span.end)
        };

        // Glossary sets first: an English term reaches its Chinese equivalents, and the words
        // it covers are not looked up again word by word.
        let words = latin_words(&content);
        let word_forms: Vec<Vec<String>> = words
            .iter()
            .map(|word| lexicon::word_forms(&content[word.clone()]))
            .collect();
        let mut covered_words: HashSet<usize> = HashSet::new();
        for set in &self.glossary {
            let Some(hit) = set
                .keys
                .iter()
                .find_map(|key| find_key(&content, &word_forms, key))
            else {
                continue;
            };
            let mut matched = false;
            for term in &set.han_terms {
                if in_index(term) {
                    add(&mut terms, term, 1.0);
                    matched = true;
                }
            }
            if let Some(word_indices) = hit {
                let text = word_indices
                    .iter()
                    .map(|&j| &content[words[j].clone()])
                    .collect::<Vec<_>>()
                    .join(" ");
                let range =
                    words[word_indices[0]].start..words[word_indices[word_indices.len() - 1]].end;
                covered_words.extend(word_indices);
                units.push(Unit {
                    text,
                    weight: 2.0,
                    found: if matched { 1.0 } else { 0.0 },
                    named: named(range),
                    unknown_name: false,
                });
            }
        }

        // Han words, as jieba cuts the question. A long word counts as found in the share of
        // its characters that its found parts cover: 今天天气 is not found because 今天 is.
        for segment in self.analyzer.jieba.tag(&content, true) {
            let word = segment.word;
            if !word.chars().any(is_han) || is_stopword(word) {
                continue;
            }
            let length = word.chars().count();
            let mut covered = vec![false; length];
            for token in self.analyzer.tokens(word) {
                if is_stopword(&token.text) || !in_index(&token.text) {
                    continue;
                }
                let weight = if token.text == word {
                    1.0
                } else {
                    SUBWORD_WEIGHT
                };
                add(&mut terms, &token.text, weight);
                if doc_freq(&token.text) > common {
                    continue;
                }
                let first = word[..token.range.start].chars().count();
                for slot in covered
                    .iter_mut()
                    .skip(first)
                    .take(token.text.chars().count())
                {
                    *slot = true;
                }
            }
            let mut found = covered.iter().filter(|&&c| c).count() as f32 / length as f32;
            let is_name = segment.tag.starts_with("nr");
            // A word the passages do not have may be a pinyin-input slip for one they do
            // (边际程本 for 边际成本): the same sounds, other characters.
            if found == 0.0 && length >= 2 && !is_name && !in_index(word) {
                let sounds_alike = self.pinyin_terms.get(&pinyin_key(word));
                for term in sounds_alike.into_iter().flatten() {
                    if doc_freq(term) <= common {
                        add(&mut terms, term, EXPANSION_WEIGHT);
                        found = TRANSLATED_FOUND;
                    }
                }
            }
            units.push(Unit {
                text: word.to_owned(),
                weight: length.min(4) as f32,
                found,
                named: named(segment.byte_start..segment.byte_end),
                // jieba tags person names (nr, nrt, nrfg): 马斯克, 黄仁勋.
                unknown_name: found == 0.0 && length >= 2 && is_name,
            });
        }

        // Latin words: through CC-CEDICT, longest phrase first; then as pinyin of a word of
        // the passages ("kuiben maimai" → 亏本买卖); then as they are (agi, minicpm, api).
        let mut i = 0;
        while i < words.len() {
            let word = &content[words[i].clone()];
            if covered_words.contains(&i) || is_stopword(word) {
                i += 1;
                continue;
            }
            let mut found = 0.0;
            let mut consumed = 1;
            for n in (1..=4).rev() {
                if i + n > words.len()
                    || (i..i + n).any(|j| {
                        covered_words.contains(&j) || is_stopword(&content[words[j].clone()])
                    })
                {
                    continue;
                }
                let phrase: Vec<&str> = (i..i + n).map(|j| &content[words[j].clone()]).collect();
                let mut expansions: Vec<&str> = Vec::new();
                if n <= 3 {
                    for form in phrase_forms(&phrase) {
                        expansions.extend(lexicon::chinese_for(&form));
                    }
                }
                let mut phrase_found = false;
                for chinese in expansions {
                    for token in self.analyzer.tokens(chinese) {
                        if !is_stopword(&token.text)
                            && token.text.chars().count() >= 2
                            && in_index(&token.text)
                        {
                            add(&mut terms, &token.text, EXPANSION_WEIGHT);
                            phrase_found = true;
                        }
                    }
                }
                if !phrase_found {
                    if let Some(han_terms) = self.pinyin_terms.get(&phrase.concat()) {
                        for term in han_terms {
                            add(&mut terms, term, 1.0);
                        }
                        phrase_found = true;
                    }
                }
                if phrase_found {
                    found = TRANSLATED_FOUND;
                    consumed = n;
                    break;
                }
            }
            if consumed == 1 && in_index(word) {
                add(&mut terms, word, 1.0);
                found = 1.0;
            }
            let text = (i..i + consumed)
                .map(|j| &content[words[j].clone()])
                .collect::<Vec<_>>()
                .join(" ");
            let capitalized = question
                .get(normalized.original_range(words[i].clone()))
                .is_some_and(|original| original.starts_with(|c: char| c.is_uppercase()));
            units.push(Unit {
                text,
                weight: 2.0 * consumed as f32,
                found,
                named: named(words[i].start..words[i + consumed - 1].end),
                unknown_name: found == 0.0 && capitalized,
            });
            i += consumed;
        }

        Plan {
            mentions,
            terms,
            units,
        }
    }

    fn run(&self, plan: &Plan, limit: usize) -> tantivy::Result<Vec<Hit>> {
        let searcher = &self.searcher;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut terms: Vec<(&String, &f32)> = plan.terms.iter().collect();
        terms.sort_by(|a, b| a.0.cmp(b.0));
        for (term, weight) in terms {
            let query = TermQuery::new(
                Term::from_field_text(self.fields.text, term),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), *weight)),
            ));
        }
        let mut named = HashSet::new();
        for mention in &plan.mentions {
            let (field, key, boost) = match (&mention.target, mention.strength) {
                (Target::Speaker(name), Strength::Name | Strength::Organization) => {
                    (self.fields.speaker, name, SPEAKER_BOOST)
                }
                (Target::Speaker(name), Strength::Product) => {
                    (self.fields.speaker, name, PRODUCT_BOOST)
                }
                (Target::Topic(id), _) => (self.fields.topic, id, TOPIC_BOOST),
            };
            if !named.insert((field, key)) {
                continue;
            }
            let query = TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(query), boost)),
            ));
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(limit.saturating_mul(2).max(8)).order_by_score(),
        )?;
        // A question that names a speaker is about that speaker: other voices are dropped as
        // long as the named speaker said something that matches.
        let named_speakers = plan.named_speakers();
        let mut top = top;
        if !named_speakers.is_empty() {
            let by_named = |address: &tantivy::DocAddress| {
                self.ord_at(*address)
                    .and_then(|ord| self.passage_of(ord).speaker.clone())
                    .is_some_and(|name| named_speakers.contains(&name))
            };
            if top.iter().any(|(_, address)| by_named(address)) {
                top.retain(|(_, address)| by_named(address));
            }
        }
        let best = top.first().map_or(0.0, |(score, _)| *score);
        let highlight_terms: HashSet<&str> = plan.terms.keys().map(String::as_str).collect();
        let mut hits = Vec::new();
        for (score, address) in top {
            if score < best * RELATIVE_CUTOFF || hits.len() == limit {
                break;
            }
            let Some(ord) = self.ord_at(address) else {
                continue;
            };
            let (p, index) = self.entries[ord];
            let pack = &self.knowledge.packs[p];
            let text = &pack.passages[index].text;
            let tokens =
                self.highlight_tokens[ord].get_or_init(|| self.analyzer.highlight_tokens(text));
            let highlights = tokens.highlights(&highlight_terms);
            let excerpt = excerpt_range(text, &highlights);
            let highlights = highlights
                .into_iter()
                .filter(|h| h.start >= excerpt.start && h.end <= excerpt.end)
                .collect();
            hits.push(Hit {
                pack: pack.clone(),
                index,
                score,
                excerpt,
                highlights,
            });
        }
        Ok(hits)
    }
}

impl Engine {
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
}

/// What a question asks for, before it is run.
struct Plan {
    mentions: Vec<Mention>,
    /// Index terms to look for, with their weights.
    terms: HashMap<String, f32>,
    /// The question's content words, and whether each was found in the index.
    units: Vec<Unit>,
}

#[derive(Debug)]
struct Unit {
    text: String,
    weight: f32,
    /// The share of the unit found in the passages, 0 to 1.
    found: f32,
    /// Inside a named topic, organisation or product: not counted for coverage.
    named: bool,
    /// Looks like the name of someone who is not in the forum: a word jieba tags as a person
    /// name, or a capitalised English word, that the passages do not have.
    unknown_name: bool,
}

impl Plan {
    /// Speakers the question names in any way, products included.
    fn speakers(&self) -> Vec<String> {
        self.distinct(|mention| match &mention.target {
            Target::Speaker(name) => Some(name),
            Target::Topic(_) => None,
        })
    }

    /// Speakers named outright, by name or title (an organisation or product is a hint).
    fn named_speakers(&self) -> Vec<String> {
        self.distinct(|mention| match (&mention.target, mention.strength) {
            (Target::Speaker(name), Strength::Name) => Some(name),
            _ => None,
        })
    }

    fn topics(&self) -> Vec<String> {
        self.distinct(|mention| match &mention.target {
            Target::Topic(id) => Some(id),
            Target::Speaker(_) => None,
        })
    }

    /// What `pick` takes from the mentions, once each, in the order of the question.
    fn distinct<'a>(&'a self, pick: impl Fn(&'a Mention) -> Option<&'a String>) -> Vec<String> {
        let mut picked: Vec<String> = Vec::new();
        for value in self.mentions.iter().filter_map(pick) {
            if !picked.contains(value) {
                picked.push(value.clone());
            }
        }
        picked
    }

    /// Whether the forum can answer at all. A question that names a speaker and a topic can
    /// be answered. One that names only a speaker, an organisation, a product or a topic can,
    /// unless none of its other words is found ("What did Sam Altman say about AGI?",
    /// "楊植麟喜歡吃什麼"). One that names nothing needs most of its words found. Otherwise
    /// the answer is an abstention, not the least bad passage.
    fn in_scope(&self) -> bool {
        let counted = || self.units.iter().filter(|u| !u.named);
        let total: f32 = counted().map(|u| u.weight).sum();
        let found: f32 = counted().map(|u| u.weight * u.found).sum();
        let names_speaker = self
            .mentions
            .iter()
            .any(|m| matches!(m.target, Target::Speaker(_)));
        let names_topic = self
            .mentions
            .iter()
            .any(|m| matches!(m.target, Target::Topic(_)));
        if names_speaker && names_topic {
            return true;
        }
        // "What did Sam Altman say about AGI?", "马斯克怎么看价格战": someone else's views.
        let latin_names = self
            .units
            .iter()
            .filter(|u| u.unknown_name && u.text.is_ascii())
            .count();
        let han_name = self
            .units
            .iter()
            .any(|u| u.unknown_name && !u.text.is_ascii());
        if !names_speaker && (han_name || latin_names >= 2) {
            return false;
        }
        if names_speaker {
            // A product counts: "kimi" alone is a question about its maker.
            return total < 2.0 || found > 0.0;
        }
        if names_topic {
            return true;
        }
        !self.terms.is_empty() && total > 0.0 && found / total >= MIN_COVERAGE
    }
}

/// The index's schema: the passage text (segmented), its speaker and topic (whole), and its
/// `ord`, the index of the passage in [`Engine`]'s `entries`.
fn index_schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let fields = Fields {
        text: schema.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(indexing),
        ),
        speaker: schema.add_text_field("speaker", STRING),
        topic: schema.add_text_field("topic", STRING),
        ord: schema.add_u64_field("ord", FAST),
    };
    (schema.build(), fields)
}

/// From this much passage text on, passages are segmented on every core.
const PARALLEL_SEGMENTING_BYTES: usize = 1 << 20;

/// Passages segmented per step: enough to share among the cores, few enough that their tokens,
/// held until indexed, take little memory.
const SEGMENTING_CHUNK: usize = 1024;

/// The indexing memory budget for a collection segmented on every core. It bounds the memory
/// of the index being written, which is allocated only as it fills; tantivy starts a second
/// segment when it is reached, which a collection of a million passages does not.
const INDEXING_BUDGET_LARGE: usize = 2_000_000_000;

/// The smallest budget tantivy accepts, for small collections.
const INDEXING_BUDGET_SMALL: usize = 15_000_000;

/// Indexes every passage of `knowledge` into the empty `index`.
///
/// Segmenting is most of the cost of a build, so the passages are segmented here, a chunk at a
/// time and on every core when there are many, and handed pre-tokenized to one indexing thread
/// in order. The index is then one segment whose documents are in passage order, as a small
/// collection's is, so equal scores rank in passage order whatever the number of cores.
fn add_passages(
    index: &Index,
    fields: Fields,
    knowledge: &Knowledge,
    analyzer: &Arc<Analyzer>,
) -> tantivy::Result<()> {
    register_tokenizer(index, analyzer);
    let passages: Vec<&Passage> = knowledge.passages().map(|(_, passage)| passage).collect();
    let text_bytes: usize = passages.iter().map(|passage| passage.text.len()).sum();
    let (threads, budget) = if text_bytes < PARALLEL_SEGMENTING_BYTES {
        (1, INDEXING_BUDGET_SMALL)
    } else {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        (threads, INDEXING_BUDGET_LARGE)
    };
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, budget)?;
    let segment = |chunk: &[&Passage]| -> Vec<Vec<Token>> {
        chunk
            .iter()
            .map(|passage| index_tokens(analyzer, &passage.text))
            .collect()
    };
    for (number, chunk) in passages.chunks(SEGMENTING_CHUNK).enumerate() {
        let tokens: Vec<Vec<Token>> = if threads > 1 {
            std::thread::scope(|scope| {
                let runs: Vec<_> = chunk
                    .chunks(chunk.len().div_ceil(threads))
                    .map(|part| scope.spawn(move || segment(part)))
                    .collect();
                runs.into_iter()
                    .flat_map(|run| {
                        run.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        } else {
            segment(chunk)
        };
        for (offset, (passage, tokens)) in chunk.iter().zip(tokens).enumerate() {
            let mut document = TantivyDocument::new();
            // The text field is neither stored nor fast: only the tokens are read.
            let text = PreTokenizedString {
                text: String::new(),
                tokens,
            };
            document.add_pre_tokenized_text(fields.text, text);
            document.add_text(fields.speaker, passage.speaker.as_deref().unwrap_or(""));
            document.add_text(fields.topic, &passage.topic);
            document.add_u64(fields.ord, (number * SEGMENTING_CHUNK + offset) as u64);
            writer.add_document(document)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()
}

fn register_tokenizer(index: &Index, analyzer: &Arc<Analyzer>) {
    let tokenizer = JiebaTokenizer {
        analyzer: analyzer.clone(),
    };
    index
        .tokenizers()
        .register(TOKENIZER, TextAnalyzer::from(tokenizer));
}

/// The file that marks a folder as a complete verbatim index, and says what it is.
const INDEX_MARKER: &str = "verbatim-index.txt";

/// Reopens the index kept in `dir` for this knowledge, or builds it there. A build happens in a
/// temporary folder renamed into place when complete, so a crash never leaves a half index
/// under a valid key, and two processes starting at once both end up with a whole one.
fn open_or_build_in(
    dir: &Path,
    schema: tantivy::schema::Schema,
    fields: Fields,
    knowledge: &Knowledge,
    analyzer: &Arc<Analyzer>,
    passages: usize,
) -> tantivy::Result<(Index, IndexOrigin)> {
    let key = format!("{:016x}", index_key(knowledge));
    let path = dir.join(&key);
    if path.join(INDEX_MARKER).is_file() {
        match open_kept(&path, &schema, passages) {
            Ok(index) => {
                register_tokenizer(&index, analyzer);
                return Ok((index, IndexOrigin::Reopened(path)));
            }
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "the kept index cannot be used; building it again");
                std::fs::remove_dir_all(&path)?;
            }
        }
    }
    let building = dir.join(format!(".building-{key}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    std::fs::create_dir_all(&building)?;
    let built = Index::create_in_dir(&building, schema.clone())
        .and_then(|index| add_passages(&index, fields, knowledge, analyzer))
        .and_then(|()| {
            let about = format!("A search index of {passages} passages, kept by verbatim between runs. Safe to delete.\n");
            Ok(std::fs::write(building.join(INDEX_MARKER), about)?)
        });
    if let Err(error) = built {
        let _ = std::fs::remove_dir_all(&building);
        return Err(error);
    }
    if let Err(error) = std::fs::rename(&building, &path) {
        let _ = std::fs::remove_dir_all(&building);
        // Another process that built the same index first is as good as this one.
        if !path.join(INDEX_MARKER).is_file() {
            return Err(error.into());
        }
    }
    remove_stale_indexes(dir, &key);
    let index = open_kept(&path, &schema, passages)?;
    register_tokenizer(&index, analyzer);
    Ok((index, IndexOrigin::Saved(path)))
}

/// Opens a kept index, checking that it has this schema and this many documents.
fn open_kept(
    path: &Path,
    schema: &tantivy::schema::Schema,
    passages: usize,
) -> tantivy::Result<Index> {
    let index = Index::open_in_dir(path)?;
    let documents: usize = index
        .searchable_segment_metas()?
        .iter()
        .map(|meta| meta.num_docs() as usize)
        .sum();
    if index.schema() != *schema || documents != passages {
        return Err(tantivy::TantivyError::SchemaError(format!(
            "the kept index holds {documents} documents, not {passages}, or another schema"
        )));
    }
    Ok(index)
}

/// Removes the indexes kept in `dir` for other knowledge: folders named like a key and marked
/// as verbatim indexes, so that nothing else in the folder is ever touched.
fn remove_stale_indexes(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_key = name.len() == 16 && name.chars().all(|c| c.is_ascii_hexdigit());
        if is_key && name != keep && entry.path().join(INDEX_MARKER).is_file() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The code and data that decide how passages are indexed: a change to any of them changes
/// every key, so an index is never reopened by a build that would have made it differently.
/// `Cargo.lock` pins the jieba dictionary and tantivy's format.
const ANALYSIS_SOURCES: [&str; 5] = [
    include_str!("search.rs"),
    include_str!("normalize.rs"),
    include_str!("stopwords.txt"),
    include_str!("../data/opencc-TWPhrasesRev.txt"),
    include_str!("../Cargo.lock"),
];

/// The content key of a kept index: a hash of the analysis code and of everything in the
/// knowledge that the index or the analyzer's dictionary is made from, in order.
fn index_key(knowledge: &Knowledge) -> u64 {
    let mut hasher = DefaultHasher::new();
    ANALYSIS_SOURCES.hash(&mut hasher);
    for pack in &knowledge.packs {
        pack.id.hash(&mut hasher);
        // Names, aliases and glossary terms go into the dictionary that segments the text.
        format!("{:?}{:?}{:?}", pack.speakers, pack.topics, pack.glossary).hash(&mut hasher);
        for passage in &pack.passages {
            (&passage.text, &passage.speaker, &passage.topic).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Maps the toneless pinyin of every Han term of the index (two characters or more, not a
/// stopword) to the terms, read from tantivy's term dictionary.
fn pinyin_vocabulary(
    searcher: &tantivy::Searcher,
    field: Field,
) -> tantivy::Result<HashMap<String, Vec<String>>> {
    let mut vocabulary: HashMap<String, Vec<String>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(term) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if term.chars().count() < 2 || !term.chars().all(is_han) || is_stopword(term) {
                continue;
            }
            let key = pinyin_key(term);
            let entry = vocabulary.entry(key).or_default();
            if !entry.iter().any(|t| t == term) {
                entry.push(term.to_owned());
            }
        }
    }
    Ok(vocabulary)
}

/// English phrase forms to look up: as typed, then with the last word singular.
fn phrase_forms(words: &[&str]) -> Vec<String> {
    let Some((last, rest)) = words.split_last() else {
        return Vec::new();
    };
    lexicon::word_forms(last)
        .into_iter()
        .map(|form| {
            rest.iter()
                .copied()
                .chain([form.as_str()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Finds a glossary key in the folded question. Han keys match anywhere (`Some(None)`);
/// Latin keys match whole words and return the indices of the words they cover.
/// `word_forms` holds the forms of each Latin word of the question ([`lexicon::word_forms`]).
fn find_key(
    content: &str,
    word_forms: &[Vec<String>],
    key: &GlossaryKey,
) -> Option<Option<Vec<usize>>> {
    let key_words = match key {
        GlossaryKey::Han(key) => return content.contains(key.as_str()).then_some(None),
        GlossaryKey::Latin(key_words) => key_words,
    };
    (0..word_forms.len()).find_map(|i| {
        let fits = i + key_words.len() <= word_forms.len()
            && key_words
                .iter()
                .enumerate()
                .all(|(k, w)| word_forms[i + k].iter().any(|f| f == w));
        fits.then(|| Some((i..i + key_words.len()).collect()))
    })
}

fn glossary_sets(knowledge: &Knowledge, analyzer: &Analyzer) -> Vec<GlossarySet> {
    let mut sets = Vec::new();
    for pack in &knowledge.packs {
        for terms in &pack.glossary {
            let keys: Vec<String> = terms
                .iter()
                .map(|t| fold(t).trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect();
            let mut han_terms = Vec::new();
            for key in keys.iter().filter(|k| k.chars().any(is_han)) {
                // The whole term when jieba keeps it whole (the pack's terms are in its
                // dictionary), otherwise its parts.
                for token in analyzer.tokens(key) {
                    if (token.text == *key || token.text.chars().count() >= 2)
                        && !han_terms.contains(&token.text)
                    {
                        han_terms.push(token.text);
                    }
                }
            }
            // A Latin key without letters or digits can never match; it is left out.
            let keys = keys
                .into_iter()
                .filter_map(|key| {
                    if key.chars().any(is_han) {
                        return Some(GlossaryKey::Han(key));
                    }
                    let words: Vec<String> = key
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned)
                        .collect();
                    (!words.is_empty()).then_some(GlossaryKey::Latin(words))
                })
                .collect();
            sets.push(GlossarySet { keys, han_terms });
        }
    }
    sets
}

/// Words a question uses to ask rather than to say what it is about.
fn is_stopword(word: &str) -> bool {
    static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    });
    STOPWORDS.contains(word)
        || (word.chars().count() == 1 && word.chars().all(is_han) && !is_content_char(word))
}

/// Single Han characters that carry meaning on their own in this domain.
fn is_content_char(word: &str) -> bool {
    matches!(word, "钱" | "价" | "贵" | "便" | "医" | "药")
}

/// Trims a passage to whole sentences around its matches when it is long. The result is a
/// byte range of `text` on sentence boundaries, so it is always a verbatim substring.
pub fn excerpt_range(text: &str, highlights: &[Range<usize>]) -> Range<usize> {
    if text.chars().count() <= EXCERPT_CHARS {
        return 0..text.len();
    }
    let sentences = sentence_ranges(text);
    let focus = highlights.first().map_or(0, |h| h.start);
    let first = sentences.iter().position(|s| s.end > focus).unwrap_or(0);
    let mut range = sentences[first].clone();
    // Grow forward, then backward, a sentence at a time while it fits.
    let chars = |r: &Range<usize>| text[r.clone()].chars().count();
    let mut next = first + 1;
    while next < sentences.len() && chars(&(range.start..sentences[next].end)) <= EXCERPT_CHARS {
        range.end = sentences[next].end;
        next += 1;
    }
    let mut previous = first;
    while previous > 0 && chars(&(sentences[previous - 1].start..range.end)) <= EXCERPT_CHARS {
        previous -= 1;
        range.start = sentences[previous].start;
    }
    range
}

/// Byte ranges of the sentences of `text`, each ending after 。！？!? (and a closing quote).
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, closing)) = chars.peek() {
                if matches!(closing, '」' | '』' | '"' | '”' | ')' | '）') {
                    end = j + closing.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            ranges.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// The name the jieba tokenizer is registered under in tantivy.
const TOKENIZER: &str = "verbatim";

/// Segmentation of folded text: jieba with the pack's names and terms in its dictionary.
pub struct Analyzer {
    jieba: Jieba,
}

/// A token of folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedToken {
    pub text: String,
    /// Byte range in the folded text.
    pub range: Range<usize>,
}

impl Analyzer {
    /// The base dictionary plus every alias and glossary term of `knowledge`.
    pub fn new(knowledge: &Knowledge) -> Analyzer {
        // Each analyzer loads its own copy of the dictionary rather than cloning one kept for
        // the whole process: the dictionary is most of the process's memory (some 25 MB), and
        // a process builds one engine, or two for a moment when the bot reloads its knowledge.
        let mut jieba = Jieba::new();
        let mut words: Vec<String> = Vec::new();
        for pack in &knowledge.packs {
            for speaker in &pack.speakers {
                words.push(speaker.name.clone());
                words.extend(speaker.aliases.iter().cloned());
                words.extend(speaker.organization_aliases.iter().cloned());
                words.push(speaker.organization.clone());
                words.extend(speaker.products.iter().cloned());
            }
            for topic in &pack.topics {
                words.extend(topic.aliases.iter().cloned());
            }
            for terms in &pack.glossary {
                words.extend(terms.iter().cloned());
            }
        }
        for word in words {
            let key = fold(&word);
            let key = key.trim();
            if key.chars().count() >= 2 && key.chars().all(is_han) && !jieba.has_word(key) {
                jieba.add_word(key, None, None);
            }
        }
        Analyzer { jieba }
    }

    /// Search-mode tokens of folded text: words and their dictionary sub-words, without
    /// spaces and punctuation.
    pub fn tokens(&self, folded: &str) -> Vec<FoldedToken> {
        self.jieba
            .cut_for_search(folded, true)
            .into_iter()
            .filter(|t| t.word.chars().any(char::is_alphanumeric))
            .map(|t| FoldedToken {
                text: t.word.to_owned(),
                range: t.byte_start..t.byte_end,
            })
            .collect()
    }

    /// Byte ranges of `original` whose tokens are among `terms`, merged.
    pub fn highlights(&self, original: &str, terms: &HashSet<&str>) -> Vec<Range<usize>> {
        if terms.is_empty() {
            return Vec::new();
        }
        self.highlight_tokens(original).highlights(terms)
    }

    /// The tokens of `original` that a highlight can land on, worked out once per passage.
    fn highlight_tokens(&self, original: &str) -> HighlightTokens {
        let normalized = normalize(original);
        let tokens = self
            .tokens(&normalized.text)
            .into_iter()
            .filter_map(|t| {
                let original = normalized.original_range(t.range.clone());
                let narrow = |r: Range<usize>| {
                    Some(u32::try_from(r.start).ok()?..u32::try_from(r.end).ok()?)
                };
                (!original.is_empty())
                    .then(|| Some((narrow(t.range)?, narrow(original)?)))
                    .flatten()
            })
            .collect();
        HighlightTokens {
            folded: normalized.text,
            tokens,
        }
    }
}

/// A passage's tokens for highlighting: each token's range in the folded text, and the range of
/// the original text it came from (never empty). Offsets are `u32` to halve the memory of a
/// large pack's cache; knowledge files are far smaller than 4 GB.
struct HighlightTokens {
    folded: String,
    tokens: Vec<(Range<u32>, Range<u32>)>,
}

impl HighlightTokens {
    /// Byte ranges of the original text whose tokens are among `terms`, merged.
    fn highlights(&self, terms: &HashSet<&str>) -> Vec<Range<usize>> {
        if terms.is_empty() {
            return Vec::new();
        }
        let mut ranges: Vec<Range<usize>> = self
            .tokens
            .iter()
            .filter(|(folded, _)| {
                terms.contains(&self.folded[folded.start as usize..folded.end as usize])
            })
            .map(|(_, original)| original.start as usize..original.end as usize)
            .collect();
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

/// The tantivy face of [`Analyzer`]: normalises, then segments.
#[derive(Clone)]
struct JiebaTokenizer {
    analyzer: Arc<Analyzer>,
}

struct JiebaTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for JiebaTokenizer {
    type TokenStream<'a> = JiebaTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> JiebaTokenStream {
        JiebaTokenStream {
            tokens: index_tokens(&self.analyzer, text),
            index: 0,
        }
    }
}

/// The tokens a passage is indexed under: its folded text, segmented for search.
fn index_tokens(analyzer: &Analyzer, text: &str) -> Vec<Token> {
    let folded = fold(text);
    analyzer
        .tokens(&folded)
        .into_iter()
        .enumerate()
        .map(|(position, t)| Token {
            offset_from: t.range.start,
            offset_to: t.range.end,
            position,
            text: t.text,
            position_length: 1,
        })
        .collect()
}

impl TokenStream for JiebaTokenStream {
    fn advance(&mut self) -> bool {
        self.index += 1;
        self.index <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(Knowledge::embedded()).expect("index builds")
    }

    #[test]
    fn names_are_single_tokens() {
        let analyzer = Analyzer::new(&Knowledge::embedded());
        let words = |text: &str| -> Vec<String> {
            analyzer
                .jieba
                .cut(&fold(text), true)
                .into_iter()
                .map(|t| t.word.to_owned())
                .collect()
        };
        assert_eq!(words("楊植麟"), ["杨植麟"]);
        assert_eq!(words("王仲遠說"), ["王仲远", "说"]);
        assert_eq!(words("張鵬認為"), ["张鹏", "认为"]);
        assert_eq!(words("李大海則嘗試"), ["李大海", "则", "尝试"]);
        assert_eq!(words("王小川"), ["王小川"]);
    }

    #[test]
    fn highlights_land_on_traditional_text() {
        let analyzer = Analyzer::new(&Knowledge::embedded());
        let text = "早於位元組跳動大張旗鼓的降價,智譜ai一度被認為是這輪價格戰的發起方。";
        let terms: HashSet<&str> = ["价格战", "字节", "发起方"].into_iter().collect();
        let marked: Vec<&str> = analyzer
            .highlights(text, &terms)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["位元組", "價格戰", "發起方"]);
    }

    #[test]
    fn long_passages_are_cut_at_sentence_ends() {
        let text = "第一句。".repeat(60) + "關鍵在這裡。" + &"後面的話。".repeat(60);
        let at = text.find("關鍵").unwrap();
        let focus = at..at + "關鍵".len();
        let range = excerpt_range(&text, std::slice::from_ref(&focus));
        let excerpt = &text[range];
        assert!(excerpt.contains("關鍵在這裡。"));
        assert!(excerpt.ends_with('。'));
        assert!(excerpt.chars().count() <= EXCERPT_CHARS);
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
