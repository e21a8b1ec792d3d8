//! The tantivy index: its schema, building it from the passages, and keeping it on disk between
//! runs (`VERBATIM_INDEX_DIR`), keyed by the content it was made from.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, TextAnalyzer, Token, WhitespaceTokenizer};
use tantivy::{Index, TantivyDocument};

use super::analysis::{
    passage_terms, Analyzer, FoldingTokenizer, GRAMS_TOKENIZER, WORDS_TOKENIZER,
};
use crate::knowledge::{Knowledge, Passage};
use crate::normalize::fold;

/// The fields of the index.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    /// The passage's words (jieba, search mode).
    pub words: Field,
    /// The passage's pairs of Han characters.
    pub grams: Field,
    /// The canonical name of the passage's speaker, whole; empty for narration.
    pub speaker: Field,
    /// The passage's topic id, whole.
    pub topic: Field,
    /// The index of the passage in the engine's list of passages.
    pub ord: Field,
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

/// The index's schema.
pub(super) fn schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        words: schema.add_text_field("text", text(WORDS_TOKENIZER)),
        grams: schema.add_text_field("grams", text(GRAMS_TOKENIZER)),
        speaker: schema.add_text_field("speaker", STRING),
        topic: schema.add_text_field("topic", STRING),
        ord: schema.add_u64_field("ord", FAST),
    };
    (schema.build(), fields)
}

/// Builds the index in memory, or reopens or builds it in `dir`.
pub(super) fn open_or_build(
    dir: Option<&Path>,
    knowledge: &Knowledge,
    analyzer: &Arc<Analyzer>,
) -> tantivy::Result<(Index, Fields, IndexOrigin)> {
    let (schema, fields) = schema();
    let passages = knowledge.passages().count();
    let in_memory = |schema| -> tantivy::Result<(Index, Fields, IndexOrigin)> {
        let index = Index::create_in_ram(schema);
        add_passages(&index, fields, knowledge, analyzer)?;
        Ok((index, fields, IndexOrigin::Memory))
    };
    let Some(dir) = dir else {
        return in_memory(schema);
    };
    match open_or_build_in(dir, schema.clone(), fields, knowledge, analyzer, passages) {
        Ok((index, origin)) => Ok((index, fields, origin)),
        Err(error) => {
            tracing::warn!(%error, dir = %dir.display(), "cannot keep the index in this folder; indexing in memory");
            in_memory(schema)
        }
    }
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
/// Segmenting into words is the larger cost of a build, so the passages are segmented here, a
/// chunk at a time and on every core when there are many, and handed pre-tokenized to tantivy,
/// which makes the character pairs itself.
fn add_passages(
    index: &Index,
    fields: Fields,
    knowledge: &Knowledge,
    analyzer: &Arc<Analyzer>,
) -> tantivy::Result<()> {
    register_tokenizers(index, analyzer);
    let passages: Vec<&Passage> = knowledge.passages().map(|(_, passage)| passage).collect();
    let text_bytes: usize = passages.iter().map(|passage| passage.text.len()).sum();
    let (threads, budget) = if text_bytes < PARALLEL_SEGMENTING_BYTES {
        (1, INDEXING_BUDGET_SMALL)
    } else {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        (threads, INDEXING_BUDGET_LARGE)
    };
    // A large collection is indexed on every core too, into a segment per thread; a small one
    // (every report or transcript) stays one segment in passage order, so that equal scores
    // rank in passage order.
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(threads, budget)?;
    // Handing tantivy pre-tokenized text costs a JSON round trip per field: the pairs go as
    // text instead, one pair a word, which the grams field splits on spaces.
    let segment = |chunk: &[&Passage]| -> Vec<(Vec<Token>, String)> {
        chunk
            .iter()
            .map(|passage| passage_terms(analyzer, &fold(&passage.text)))
            .collect()
    };
    for (number, chunk) in passages.chunks(SEGMENTING_CHUNK).enumerate() {
        let tokens: Vec<(Vec<Token>, String)> = if threads > 1 {
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
            // The text fields are neither stored nor fast: only the tokens are read.
            let (words, pairs) = tokens;
            let words = PreTokenizedString {
                text: String::new(),
                tokens: words,
            };
            document.add_pre_tokenized_text(fields.words, words);
            document.add_text(fields.grams, &pairs);
            document.add_text(fields.speaker, passage.speaker.as_deref().unwrap_or(""));
            document.add_text(fields.topic, &passage.topic);
            document.add_u64(fields.ord, (number * SEGMENTING_CHUNK + offset) as u64);
            writer.add_document(document)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()
}

fn register_tokenizers(index: &Index, analyzer: &Arc<Analyzer>) {
    let words = FoldingTokenizer {
        analyzer: analyzer.clone(),
    };
    index
        .tokenizers()
        .register(WORDS_TOKENIZER, TextAnalyzer::from(words));
    index.tokenizers().register(
        GRAMS_TOKENIZER,
        TextAnalyzer::from(WhitespaceTokenizer::default()),
    );
}

/// The file that marks a folder as a complete verbatim index, and says what it is.
const INDEX_MARKER: &str = "verbatim-index.txt";

/// Reopens the index kept in `dir` for this knowledge, or builds it there. A build happens in a
/// temporary folder renamed into place when complete, so a crash never leaves a half index
/// under a valid key, and two processes starting at once both end up with a whole one.
fn open_or_build_in(
    dir: &Path,
    schema: Schema,
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
                register_tokenizers(&index, analyzer);
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
    register_tokenizers(&index, analyzer);
    Ok((index, IndexOrigin::Saved(path)))
}

/// Opens a kept index, checking that it has this schema and this many documents.
fn open_kept(path: &Path, schema: &Schema, passages: usize) -> tantivy::Result<Index> {
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
    include_str!("analysis.rs"),
    include_str!("index.rs"),
    include_str!("../normalize.rs"),
    include_str!("../../data/opencc-TWPhrasesRev.txt"),
    include_str!("../../Cargo.lock"),
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
