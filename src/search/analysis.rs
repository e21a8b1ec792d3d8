//! Analysis: how folded text becomes index terms, the same way for passages and questions.
//!
//! Two representations are kept side by side. **Words**: jieba's search-mode segmentation, with
//! the pack's names, aliases and glossary terms in its dictionary, and the pack's own recurring
//! vocabulary discovered when the pack loads, so that a question and a passage using a new
//! field's words are cut alike. **Grams**: overlapping pairs of Han characters, as Lucene's CJK
//! analyser makes them, which need no dictionary at all: a word jieba has never seen still
//! shares its character pairs with the passage that uses it.

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::ops::Range;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::knowledge::Knowledge;
use crate::lexicon;
use crate::normalize::{fold, is_han};

/// Segmentation of folded text: jieba with the pack's names, terms and vocabulary.
pub struct Analyzer {
    pub(super) jieba: Jieba,
    /// The words added to jieba's dictionary from the pack's own passages, most frequent first.
    discovered: Vec<String>,
    /// The same words, to look up.
    discovered_set: HashSet<String>,
    /// The log frequency of the commonest word, 的: information is measured from it.
    log_commonest: f32,
}

/// A token of folded text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedToken {
    pub text: String,
    /// Byte range in the folded text.
    pub range: Range<usize>,
}

/// Passage text scanned for the pack's vocabulary: enough for several reports or transcripts
/// (one is some 10–50 kB), and a bound on the time and memory that discovering it takes on a
/// very large pack.
const VOCABULARY_SCAN_BYTES: usize = 512 << 10;

/// The most words the pack's vocabulary adds to the dictionary.
const VOCABULARY_MAX_WORDS: usize = 5000;

/// The highest frequency at which an entry of jieba's dictionary that CC-CEDICT does not
/// translate is taken for phrasing rather than a word ([`Analyzer::is_rare_phrase`]).
const RARE_PHRASE_FREQUENCY: usize = 5;

/// The longest dictionary word, in characters, that [`Analyzer::dictionary_pieces`] tries.
const MAX_PIECE_CHARS: usize = 6;

/// The natural log of the sum of the frequencies in jieba's dictionary (some 60 million): a
/// piece's log probability is its log frequency less this.
const DICTIONARY_LOG_TOTAL: f64 = 17.91;

impl Analyzer {
    /// The base dictionary plus every alias and glossary term of `knowledge`, plus the
    /// vocabulary its passages repeat that the dictionary lacks.
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
        // Chatter and asking words jieba lacks (哈喽, 萌新一枚) are cut whole, so that they are
        // recognised as such rather than read as two rare characters.
        // So are the words for an event's guests (与谈人), lest 哪位与谈人 be cut 哪位与 / 谈人.
        let scene = super::question::SCENE_WORDS.iter();
        for word in super::question::stopwords().iter().chain(scene) {
            if word.chars().count() >= 2 && word.chars().all(is_han) && !jieba.has_word(word) {
                jieba.add_word(word, None, None);
            }
        }
        let mut scanned = 0;
        let folded: Vec<String> = knowledge
            .passages()
            .map(|(_, passage)| passage.text.as_str())
            .take_while(|text| {
                scanned += text.len();
                scanned <= VOCABULARY_SCAN_BYTES
            })
            .map(fold)
            .collect();
        let discovered = discover_vocabulary(folded.iter().map(String::as_str), &jieba);
        for word in &discovered {
            jieba.add_word(word, None, None);
        }
        let log_commonest = (jieba.suggest_freq("的") as f32).ln();
        let discovered_set = discovered.iter().cloned().collect();
        Analyzer {
            jieba,
            discovered,
            discovered_set,
            log_commonest,
        }
    }

    /// What a word cut from a question's Han text tells: as [`Analyzer::information`], but a
    /// dictionary word tells no more than its characters together. jieba lists compositional
    /// phrasing rarely (讲到, 还要), which would otherwise weigh as a rare subject; a word
    /// whose characters are rare themselves (粉丝, 改口) keeps its weight. The same holds for a
    /// word the pack's passages added (会走 of 会走出, which they repeat): what the forum
    /// repeats is not for that rarer in general Chinese.
    pub fn question_word_information(&self, folded_word: &str) -> f32 {
        let whole = self.information(folded_word);
        if !self.jieba.has_word(folded_word)
            || folded_word.chars().count() < 2
            || !folded_word.chars().all(is_han)
        {
            return whole;
        }
        let mut buffer = [0u8; 4];
        let parts: f32 = folded_word
            .chars()
            .map(|c| self.measure(c.encode_utf8(&mut buffer)))
            .sum();
        whole.min(parts)
    }

    /// Whether jieba's own dictionary lists a word (not one the pack added).
    fn listed(&self, folded_word: &str) -> bool {
        self.jieba.has_word(folded_word) && !self.discovered_set.contains(folded_word)
    }

    /// What a word tells: the lower its frequency in jieba's dictionary, the more.
    fn measure(&self, word: &str) -> f32 {
        let frequency = self.jieba.suggest_freq(word).max(1) as f32;
        (self.log_commonest - frequency.ln()).max(0.0)
    }

    /// How much a word tells, in nats above 的, from jieba's dictionary frequencies (a general
    /// Chinese corpus): 估值 (valuation) tells more than 去年 (last year), and a word the
    /// dictionary lacks tells the most. Never negative.
    ///
    /// A word the base dictionary lacks (one discovered in the pack, or a rare compound) is
    /// measured by its most informative dictionary piece: 圆桌 tells what 桌 tells, not what the
    /// improbability of 圆 and 桌 together would suggest.
    pub fn information(&self, folded_word: &str) -> f32 {
        let measure = |word: &str| self.measure(word);
        if self.listed(folded_word) || folded_word.chars().count() < 2 {
            return measure(folded_word);
        }
        let pieces: Vec<&str> = self
            .jieba
            .cut(folded_word, false)
            .into_iter()
            .map(|piece| piece.word)
            .filter(|piece| *piece != folded_word)
            .collect();
        if pieces.is_empty() {
            return measure(folded_word);
        }
        pieces.into_iter().map(measure).fold(0.0, f32::max)
    }

    /// Whether the pack's passages added a word to the dictionary.
    pub(super) fn is_discovered(&self, folded_word: &str) -> bool {
        self.discovered_set.contains(folded_word)
    }

    /// The words the pack's passages added to the dictionary.
    pub fn discovered(&self) -> &[String] {
        &self.discovered
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

    /// The question's words as jieba cuts them (not search mode), with jieba's part-of-speech
    /// tag: `nr…` marks a person's name.
    pub(super) fn tagged_words<'a>(&'a self, folded: &'a str) -> Vec<TaggedWord<'a>> {
        self.jieba
            .tag(folded, true)
            .into_iter()
            .map(|tag| TaggedWord {
                word: tag.word,
                is_person_name: tag.tag.starts_with("nr"),
            })
            .collect()
    }

    /// Whether jieba reads a word, on its own, as a noun (a thing, not a person's name, a
    /// time, an action or a manner). The pack's own vocabulary, added untagged, is mostly the
    /// names of its things (冰箱贴, 起订量) and counts as nouns.
    pub(super) fn is_noun(&self, word: &str) -> bool {
        let tags = self.jieba.tag(word, false);
        matches!(tags.as_slice(), [only]
            if only.tag.is_empty() || (only.tag.starts_with('n') && !only.tag.starts_with("nr")))
    }

    /// Whether jieba reads a word, on its own, as a word of time (今年, 现在, 当时).
    pub(super) fn is_time_word(&self, word: &str) -> bool {
        let tags = self.jieba.tag(word, false);
        matches!(tags.as_slice(), [only] if only.tag == "t")
    }

    /// Whether a word is the name of a place: one jieba's dictionary tags so and knows well,
    /// that CC-CEDICT glosses as a proper noun (印度 "India"), not a word of the language
    /// jieba also tags a place (东西 "thing", 上台 "go on stage", 外国 "foreign country").
    pub(super) fn is_place_name(&self, word: &str) -> bool {
        crate::speakers::Words::is_place(self, word) && crate::lexicon::is_name(word)
    }

    /// Whether the dictionary (with the pack's names and vocabulary) has a word.
    pub(super) fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// Whether a word is compositional phrasing that jieba's dictionary happens to list at its
    /// lowest frequencies (光靠, 扫进去, 站进来, 订房网): not a word of the language, as
    /// CC-CEDICT does not translate it, and not one the pack or the asking words added. Such an
    /// entry would weigh as the rarest of subjects and hide the words it is made of, and it can
    /// pull the cut across a word (订房网 / 站进来 of 订房网站进来, where 网站 is).
    pub(super) fn is_rare_phrase(&self, word: &str) -> bool {
        self.listed(word)
            && word.chars().count() >= 2
            && self.jieba.suggest_freq(word) <= RARE_PHRASE_FREQUENCY + 1
            && !lexicon::translates(word)
            && !super::question::stopwords().contains(word)
            && !super::question::SCENE_WORDS.contains(&word)
    }

    /// Whether a word's [dictionary pieces](Analyzer::dictionary_pieces) are more than
    /// single characters (扫进去 → 扫 / 进去, where 光靠 is only 光 / 靠).
    pub(super) fn holds_word(&self, word: &str) -> bool {
        self.dictionary_pieces(word)
            .iter()
            .any(|piece| piece.chars().nth(1).is_some())
    }

    /// Han text cut into dictionary words only, without jieba's statistical model and without
    /// [the rare phrases](Analyzer::is_rare_phrase) of its dictionary: the likeliest cut into
    /// words and single characters, as jieba's own (订房网站进来 → … / 网站 / 进来).
    pub(super) fn dictionary_pieces<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(at, _)| at)
            .chain([text.len()])
            .collect();
        let n = starts.len() - 1;
        // best[i]: the log probability of the likeliest cut of the text from character i, and
        // where its first piece ends.
        let mut best: Vec<(f64, usize)> = vec![(0.0, n); n + 1];
        for i in (0..n).rev() {
            best[i] = (i + 1..=n.min(i + MAX_PIECE_CHARS))
                .filter_map(|end| {
                    let piece = &text[starts[i]..starts[end]];
                    let usable =
                        end == i + 1 || (self.jieba.has_word(piece) && !self.is_rare_phrase(piece));
                    usable.then(|| {
                        let frequency = self.jieba.suggest_freq(piece).max(1) as f64;
                        (frequency.ln() - DICTIONARY_LOG_TOTAL + best[end].0, end)
                    })
                })
                .fold(
                    (f64::NEG_INFINITY, i + 1),
                    |a, b| if b.0 > a.0 { b } else { a },
                );
        }
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < n {
            let end = best[i].1;
            pieces.push(&text[starts[i]..starts[end]]);
            i = end;
        }
        pieces
    }
}

/// A word of a question, as jieba cuts it.
pub(super) struct TaggedWord<'a> {
    pub word: &'a str,
    pub is_person_name: bool,
}

/// Characters that begin or end a phrase rather than a word: particles, pronouns,
/// prepositions and conjunctions. A recurring run that starts or ends with one is a phrase
/// (的价格, 了一), not a word of the field.
pub(super) const FUNCTION_CHARS: &str = "往几说哪的了是在和与及或也都就而被把给对从向着过吗呢吧啊这那其之等很又还更最将已并为以于由但却则他她它我你您们个些";

pub(super) fn is_function_char(c: char) -> bool {
    FUNCTION_CHARS.contains(c)
}

/// Characters that place or time a word (台风前, 会后) rather than being part of one: a
/// recurring run that starts or ends with one is a phrase.
const POSITION_CHARS: &str = "前后时内外";

fn is_edge_char(c: char) -> bool {
    is_function_char(c) || POSITION_CHARS.contains(c)
}

/// The words a pack repeats that jieba's dictionary lacks: runs of two to four Han characters
/// that occur at least twice in `folded` passages, begin and end with a content character, and
/// that the dictionary can only cut into short pieces including a lone character (绿电 → 绿 /
/// 电), and whose neighbours vary on both sides. A run that is two dictionary words side by
/// side (去年 + 大家) is left alone: jieba already cuts it the same way in a question and in a
/// passage; so is one holding a longer word, such as a name (王仲远 + 说). Returned most frequent first.
pub fn discover_vocabulary<'a>(
    folded: impl Iterator<Item = &'a str>,
    jieba: &Jieba,
) -> Vec<String> {
    let mut seen: FxHashMap<&'a str, Occurrences> = FxHashMap::default();
    for text in folded {
        for run in han_runs(text) {
            let chars: Vec<(usize, char)> = run.char_indices().collect();
            let end = |i: usize| chars.get(i).map_or(run.len(), |&(at, _)| at);
            for n in 2..=4 {
                for start in 0..=chars.len().saturating_sub(n) {
                    if start + n > chars.len() {
                        break;
                    }
                    let gram = &run[chars[start].0..end(start + n)];
                    let left = start.checked_sub(1).map(|i| chars[i].1);
                    let right = chars.get(start + n).map(|&(_, c)| c);
                    seen.entry(gram).or_default().add(left, right);
                }
            }
        }
    }
    let mut words: Vec<(&str, u32)> = seen
        .into_iter()
        .filter(|(gram, occurrences)| {
            occurrences.count >= 2
                // Always preceded or followed by the same character, it is part of a longer
                // word (人配送车 of 无人配送车), not a word of its own.
                && occurrences.left_varies
                && occurrences.right_varies
                && !gram.starts_with(is_edge_char)
                && !gram.ends_with(is_edge_char)
                && !jieba.has_word(gram)
                && {
                    let pieces = jieba.cut(gram, false);
                    pieces.iter().any(|piece| piece.word.chars().count() == 1)
                        && pieces.iter().all(|piece| piece.word.chars().count() <= 2)
                }
        })
        .map(|(gram, occurrences)| (gram, occurrences.count))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.truncate(VOCABULARY_MAX_WORDS);
    words.into_iter().map(|(word, _)| word.to_owned()).collect()
}

/// How a run of characters occurs in a pack: how often, and whether the characters next to it
/// vary. The start or end of a run of Han characters counts as a neighbour of its own.
#[derive(Default)]
struct Occurrences {
    count: u32,
    left: Option<Option<char>>,
    right: Option<Option<char>>,
    left_varies: bool,
    right_varies: bool,
}

impl Occurrences {
    fn add(&mut self, left: Option<char>, right: Option<char>) {
        self.count += 1;
        let note =
            |first: &mut Option<Option<char>>, varies: &mut bool, next: Option<char>| match first {
                None => *first = Some(next),
                Some(previous) => *varies |= *previous != next || next.is_none(),
            };
        note(&mut self.left, &mut self.left_varies, left);
        note(&mut self.right, &mut self.right_varies, right);
    }
}

/// The maximal runs of Han characters in `text`.
pub fn han_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_han(c))
        .filter(|run| !run.is_empty())
}

/// The overlapping pairs of Han characters of folded text (价格战 → 价格, 格战), the index's
/// dictionary-free terms. A lone Han character makes none.
pub fn grams(folded: &str) -> Vec<FoldedToken> {
    let mut grams = Vec::new();
    let mut previous: Option<(usize, char)> = None;
    for (at, c) in folded.char_indices() {
        if !is_han(c) {
            previous = None;
            continue;
        }
        if let Some((start, first)) = previous {
            let end = at + c.len_utf8();
            let mut text = String::with_capacity(end - start);
            text.push(first);
            text.push(c);
            grams.push(FoldedToken {
                text,
                range: start..end,
            });
        }
        previous = Some((at, c));
    }
    grams
}

/// The names the tokenizers are registered under in tantivy.
pub(super) const WORDS_TOKENIZER: &str = "verbatim";
pub(super) const GRAMS_TOKENIZER: &str = "verbatim-grams";

/// The tokens a passage is indexed under in the words field: its folded text, segmented.
pub(super) fn word_tokens(analyzer: &Analyzer, folded: &str) -> Vec<Token> {
    tantivy_tokens(analyzer.tokens(folded))
}

/// What a passage is indexed under: its words (jieba, search mode) and, as text of pairs
/// separated by spaces, the character pairs the dictionary does not account for.
///
/// A pair is kept unless both its characters lie in words of the dictionary: the pairs of
/// 绿电并网 cut into 绿 / 电 / 并网 are kept (绿 and 电 are lone characters), those of 价格 /
/// 市场 are not, since jieba cuts those words alike in a question and a passage. Keeping
/// every pair made the index of a large collection two and a half times as big and slow.
pub(super) fn passage_terms(analyzer: &Analyzer, folded: &str) -> (Vec<Token>, String) {
    let tokens = analyzer.tokens(folded);
    // Byte ranges of the folded text covered by a word of the dictionary.
    let mut known = vec![false; folded.len()];
    for token in &tokens {
        if token.text.chars().count() >= 2 && analyzer.jieba.has_word(&token.text) {
            known[token.range.clone()].fill(true);
        }
    }
    let mut pairs = String::new();
    for pair in grams(folded) {
        let second = pair.range.end - pair.text.chars().next_back().map_or(0, char::len_utf8);
        if !(known[pair.range.start] && known[second]) {
            if !pairs.is_empty() {
                pairs.push(' ');
            }
            pairs.push_str(&pair.text);
        }
    }
    (tantivy_tokens(tokens), pairs)
}

fn tantivy_tokens(tokens: Vec<FoldedToken>) -> Vec<Token> {
    tokens
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

/// The tantivy face of the analysis: folds, then segments into words. Passages are indexed
/// pre-tokenized; this is what tantivy finds registered for the words field's tokenizer.
#[derive(Clone)]
pub(super) struct FoldingTokenizer {
    pub analyzer: std::sync::Arc<Analyzer>,
}

pub(super) struct VecTokenStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for FoldingTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: word_tokens(&self.analyzer, &fold(text)),
            index: 0,
        }
    }
}

impl TokenStream for VecTokenStream {
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

/// How often jieba's dictionary must have a place's name for it to be taken as a place, not
/// as a firm named after one.
const COMMON_PLACE: usize = 200;
/// How often jieba's dictionary must have a word for it to be taken as a word of the
/// language wherever it is said, not as a firm's name (百川 3, 半山 126; 未来 and 如果 are
/// common).
const COMMON_WORD: usize = 200;

/// What the roster knows of words, from jieba's dictionary (not the vocabulary a pack added).
impl crate::speakers::Words for Analyzer {
    /// A place jieba's dictionary tags so and knows well (台湾, 北京): it also tags some rare
    /// words ns that firms are named after (百川, "a hundred rivers").
    fn is_place(&self, word: &str) -> bool {
        let tags = self.jieba.tag(word, false);
        matches!(tags.as_slice(), [only] if only.tag == "ns")
            && self.jieba.suggest_freq(word) >= COMMON_PLACE
    }

    fn is_word(&self, word: &str) -> bool {
        self.listed(word)
    }

    fn is_common(&self, word: &str) -> bool {
        self.listed(word) && self.jieba.suggest_freq(word) >= COMMON_WORD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_lists_are_written_as_questions_fold() {
        crate::normalize::assert_written_as_folded([
            (
                "FUNCTION_CHARS",
                crate::normalize::characters(FUNCTION_CHARS),
            ),
            (
                "POSITION_CHARS",
                crate::normalize::characters(POSITION_CHARS),
            ),
        ]);
    }

    #[test]
    fn places_well_known_and_words_of_the_language() {
        use crate::speakers::Words;
        let analyzer = Analyzer::new(&Knowledge::embedded());
        assert!(analyzer.is_place("台湾"));
        assert!(analyzer.is_place("北京"));
        // Tagged a place by jieba, but rare: a firm's name (百川智能).
        assert!(!analyzer.is_place("百川"));
        assert!(analyzer.is_word("美术馆"));
        // Words in a row are not one word.
        assert!(!analyzer.is_word("输配电公司"));
        assert!(analyzer.is_common("未来"));
        assert!(!analyzer.is_common("百川"));
        // A place's name, where jieba also tags words of the language places.
        assert!(analyzer.is_place_name("印度"));
        assert!(analyzer.is_place_name("越南"));
        assert!(!analyzer.is_place_name("东西"));
        assert!(!analyzer.is_place_name("外国"));
        assert!(!analyzer.is_place_name("上台"));
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
    fn rare_phrasing_is_cut_into_its_words() {
        let analyzer = Analyzer::new(&Knowledge::embedded());
        // Listed by jieba at its lowest frequency, untranslated by CC-CEDICT.
        assert!(analyzer.is_rare_phrase("扫进去"));
        assert!(analyzer.is_rare_phrase("光靠"));
        // A word of the language, however rare in jieba, and a word the asking words add.
        assert!(!analyzer.is_rare_phrase("年终奖"));
        assert!(!analyzer.is_rare_phrase("讲者"));
        assert_eq!(analyzer.dictionary_pieces("扫进去"), ["扫", "进去"]);
        // Cut across 订房网 / 站进来, 网站 is whole again.
        assert!(analyzer
            .dictionary_pieces("订房网站进来")
            .ends_with(&["网站", "进来"]));
        assert!(analyzer.holds_word("扫进去"));
        assert!(!analyzer.holds_word("光靠"));
    }

    #[test]
    fn grams_pair_neighbouring_han_characters() {
        let texts: Vec<String> = grams("绿电并网, ok 要")
            .into_iter()
            .map(|g| g.text)
            .collect();
        assert_eq!(texts, ["绿电", "电并", "并网"]);
        assert!(grams("a 字 b").is_empty());
    }

    #[test]
    fn recurring_words_the_dictionary_lacks_are_discovered() {
        let jieba = Jieba::new();
        let passages = [
            "绿电交易量大增，绿电并网仍是难题。",
            "他认为并网审批太慢，绿电企业等不起。",
            "去年大家都很忙，去年大家都没休息。",
        ];
        let found = discover_vocabulary(passages.into_iter(), &jieba);
        assert!(found.contains(&"绿电".to_owned()), "{found:?}");
        // Two dictionary words side by side are not a new word.
        assert!(!found.iter().any(|w| w == "去年大家"), "{found:?}");
        // Nor is a run that starts with a particle.
        assert!(!found.iter().any(|w| w.starts_with('的')), "{found:?}");
    }
}
