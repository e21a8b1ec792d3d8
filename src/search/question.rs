//! How a question is understood, before anything is searched.
//!
//! A question passes through named steps, each over named words:
//!
//! 1. **Fold** it with the one normaliser (script, width, case, regional and Cantonese words).
//! 2. **Mentions**: the speakers, organisations, products and topics it names, in any form
//!    ([`Roster::find`]). Each becomes a unit of its own, matched by who speaks in a passage or
//!    by the passage naming it, and is blanked from the text so its words are not read twice.
//! 3. **Kind**: the cue phrases that say what sort of answer is wanted (who said it, when, how
//!    many, who was there, who disagrees, a comparison). They are blanked too: 哪一年 is not
//!    a word to look for.
//! 4. **Chatter**: greetings, fillers and politeness (哈囉, 想問一下, thanks) are dropped with
//!    the other question words (stopwords).
//! 5. **Content units**: what is left, as glossary terms, Han words (jieba, with the pack's
//!    vocabulary) and Latin words (CC-CEDICT phrases, the pinyin of the passages' words, the
//!    word itself). Each unit lists the forms a passage may hold it in, with how good a match
//!    each form is, and its Han character pairs for a partial match.
//! 6. **Weights**: a unit weighs what it tells: its information in general Chinese (jieba's
//!    dictionary frequencies: 估值 tells more than 去年), less when most passages of this forum
//!    have it.
//!
//! Nothing here names the words of one forum: the cue phrases and chatter are the language's.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::analysis::TaggedWord;
use super::rank::occurrences;
use super::{Engine, Frequencies};
use crate::lexicon;
use crate::normalize::{fold, is_han, normalize, Normalized};
use crate::speakers::{latin_words, pinyin_key, Mention, Strength, Target};

/// A question, understood.
#[derive(Debug)]
pub(super) struct Question {
    /// The question as folded.
    pub folded: String,
    pub mentions: Vec<Mention>,
    pub kind: Kind,
    /// What to look for: one unit per mention and per content word.
    pub units: Vec<Unit>,
    /// Words that look like the name of someone or somewhere the forum does not have: a word
    /// jieba tags as a person's name, two capitalised English words, or a place's name (印度,
    /// India), that no passage holds.
    pub outsiders: Vec<String>,
    /// For a question about how many or how much: the unit naming what is counted or measured
    /// (多少员工, 奖金是多少), which the passage stating the figure holds.
    pub measured: Option<usize>,
    /// For a question asking which one (哪个工厂, 哪家公司): the unit naming what kind of thing
    /// is asked for, which the passage answering holds.
    pub which: Option<usize>,
    /// For a question about how many, how much or how long put with a measure word (多少钱,
    /// 几场, 多少比例, 多久): the measure words one of whose figures answers it (元 块 钱; 场;
    /// % 百分之 成; 小时 天 年 …). See [`figure_measures`].
    pub measures: Vec<&'static str>,
    /// Whether every content word says only when (今年, 现在, 去年): nothing of what a figure
    /// asked for is of (唐振海今年多大了).
    pub only_when: bool,
    /// For a question about how many or how much, the units naming a time other than now that
    /// the forum has (明年, 去年, 上半年): a figure asked of it is stated by a passage that
    /// names it.
    pub other_times: Vec<usize>,
}

/// What sort of answer a question wants, from its cue phrases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Kind {
    /// Who said something (谁说, who said): the answer is a speaker's passage.
    pub who: bool,
    /// Who took part (台上有哪些嘉宾, who was on the panel).
    pub list: bool,
    /// Whether someone took part (台上有没有面壁智能的人, 他参加了吗): a list question that the
    /// panel's presentation answers only if it holds whom the question names.
    pub whether: bool,
    /// When (哪一年, 什么时候, when): the answer states a time.
    pub when: bool,
    /// How many, how much (多少, 几个, how many): the answer states a quantity.
    pub quantity: bool,
    /// Who disagrees or does not think so (谁不同意, who does not think).
    pub negation: bool,
    /// A comparison of views (比较, 一样吗, compare), or two speakers named.
    pub compare: bool,
    /// About what was asked (问了什么, what did the host ask): a question may answer it.
    pub about_asking: bool,
    /// Why (为什么, 为何, why): the answer gives a cause.
    pub why: bool,
    /// What each of several said (每人给了什么建议, 各说了什么, what did each guest say): answered
    /// by several turns in a row, the replies to one prompt.
    pub each: bool,
}

impl Kind {
    /// The kinds that are set, by name, for `--explain`.
    pub fn names(&self) -> Vec<&'static str> {
        [
            (self.who, "who"),
            (self.list, "list"),
            (self.whether, "whether"),
            (self.when, "when"),
            (self.quantity, "quantity"),
            (self.negation, "negation"),
            (self.compare, "compare"),
            (self.about_asking, "about asking"),
            (self.why, "why"),
            (self.each, "each"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect()
    }
}

/// One thing a question asks about, and how to recognise it in a passage.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    /// The unit as the question has it (folded), for `--explain`.
    pub text: String,
    pub matcher: Matcher,
    /// How much the unit tells about what is asked.
    pub weight: f32,
    /// The best match of the unit anywhere in the forum, 0 to 1, from the index.
    pub found: f32,
}

impl Unit {
    /// Whether the unit is part of what the question says, rather than whom or what it names.
    /// Coverage, and so whether the forum answers at all, counts only these.
    pub fn is_content(&self) -> bool {
        matches!(self.matcher, Matcher::Text { .. })
    }
}

/// How a unit is recognised in a passage.
#[derive(Debug, Clone)]
pub(super) enum Matcher {
    /// Words of the question: found when the passage's folded text holds one of `forms`
    /// (each with how good a match it is), or, partly, some of its Han pairs `grams`.
    Text {
        forms: Vec<Form>,
        grams: Vec<String>,
    },
    /// A speaker named by name or title: found in the speaker's own passages, and weakly in
    /// passages that name them (`forms`). When the question asks who said something to or
    /// about them (谁不同意唐振海…), they are its `object`: found in others' passages that name
    /// them, and less in their own.
    Speaker {
        name: String,
        forms: Vec<String>,
        object: bool,
    },
    /// A speaker's organisation or product: found in passages that name it (`forms`), and in
    /// the speaker's own passages with `own` quality.
    Organization {
        name: String,
        forms: Vec<String>,
        own: f32,
    },
    /// A topic: found in passages of the topic, or that name it.
    Topic { id: String, forms: Vec<String> },
    /// The reporter or the article itself (记者说, the write-up): found in the narration.
    Narration,
    /// The event itself, asked when or where it was held (文博会在哪里举办, when was the forum):
    /// found in the passages that name it, by the share of its name they hold.
    /// A passage naming the session too is the scene's, which presents the panel. Asked where,
    /// `places` has the event's place, which the passage must name as well.
    Event {
        names: Vec<String>,
        sessions: Vec<String>,
        places: Vec<String>,
        /// Asked when, the event's date as a text writes it: a passage giving it is about
        /// the event, whether it names the event or not.
        dates: Vec<String>,
    },
}

/// A form a unit may take in a passage's folded text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Form {
    pub text: String,
    /// How good a match it is: 1 for the word itself, less for a translation or a sound-alike.
    pub quality: f32,
}

/// A translation (CC-CEDICT) or a sound-alike (a pinyin-input slip) is looser evidence than the
/// word itself.
const EXPANSION_QUALITY: f32 = 0.8;
const SINGLE_CHARACTER_QUALITY: f32 = 0.5;
/// The shortest Latin word read as a Wade-Giles or Taiwan romanisation when nothing else
/// reads it: shorter words would meet the forum's pinyin by chance.
const MIN_ROMANISED_LENGTH: usize = 6;
/// How well the rendering of an English word's synonym stands for the word.
const SYNONYM_QUALITY: f32 = 0.7;
/// How well the rendering of a kind of an English noun stands for the noun (storm → typhoon →
/// 台风): less than a synonym, as the question may mean another kind.
const KIND_QUALITY: f32 = 0.5;
/// How well a word of the forum built on the character an English word's renderings share
/// stands for the word (shelves → 架 → 上架): as a single-character rendering does.
const CORE_QUALITY: f32 = 0.5;
/// The most such words an English word reaches.
const MAX_CORE_WORDS: usize = 8;

/// How CC-CEDICT must gloss a word of the forum for it to stand for an English word.
#[derive(Clone, Copy)]
enum Gloss {
    /// With the English word among a gloss's words (报名费 "registration fee" for fee).
    Renders,
    /// So, or not at all: CC-CEDICT does not know the word (上架 for shelves).
    MayRender,
}

/// The most CC-CEDICT renderings a WordNet synonym or kind may have to stand for a word: one
/// with more is a common word, mostly rendered in senses other than WordNet's.
const MAX_OTHER_RENDERINGS: usize = 12;

/// English particles that are stopwords alone and end a phrasal verb CC-CEDICT translates as
/// one (check in, carry out, pay off, take on, go through).
const PARTICLES: [&str; 6] = ["in", "out", "off", "over", "on", "through"];
/// A passage holding this share of a long word's Han pairs holds part of it.
pub(super) const PARTIAL_QUALITY: f32 = 0.7;
/// How much a passage that names a speaker (rather than being theirs) matches the speaker.
pub(super) const NAMED_BY_PASSAGE: f32 = 0.3;
/// How much a speaker's own passage matches a question naming their organisation or product.
const ORGANIZATION_OWN: f32 = 1.0;
/// How much a passage that names an organisation or product (rather than being its speaker's)
/// matches it.
pub(super) const ORGANIZATION_NAMED: f32 = 0.8;
const PRODUCT_OWN: f32 = 0.6;

/// Weights of mentions, in the units of content weights (a word of middling information
/// weighs about 4).
const SPEAKER_WEIGHT: f32 = 4.0;
const ORGANIZATION_WEIGHT: f32 = 3.0;
const PRODUCT_WEIGHT: f32 = 2.0;
const TOPIC_WEIGHT: f32 = 3.0;

/// Information of a word, in nats above that of 的; capped so that one unknown word does not
/// outweigh the rest of a question.
const MAX_INFORMATION: f32 = 6.0;
/// The weight of a Latin word no dictionary translates and no passage holds.
const UNKNOWN_LATIN_WEIGHT: f32 = 3.0;
/// A word in at most this share of the passages is specific to what they say; one in more is
/// common to the forum (its field's own words: 马拉松 in a marathon forum) and says less about
/// whether the forum answers a question, down to `MIN_SPECIFICITY` at ten times this share.
const SPECIFIC_SHARE: f32 = 0.05;
const MIN_SPECIFICITY: f32 = 0.2;
/// What a word of the event's name or place weighs, as a share of its weight.
const EVENT_SPECIFICITY: f32 = 0.3;

impl Engine {
    /// Understands a question: see the module documentation for the steps.
    pub(super) fn understand(&self, question: &str, frequencies: &Frequencies) -> Question {
        let mut normalized = normalize(question);
        let mut mentions = self.roster.find(&normalized.text);
        // A question typed wholly in pinyin: its asking words (zenme kan, shuo le shenme) are
        // read as the Han they stand for, and the question understood as if so typed.
        let spans: Vec<Range<usize>> = mentions.iter().map(|m| m.span.clone()).collect();
        let read = super::pinyin::read_asking_words(&normalized.text, &spans);
        let question = match &read {
            Some(read) => {
                normalized = normalize(read);
                mentions = self.roster.find(&normalized.text);
                read.as_str()
            }
            None => question,
        };
        let folded = normalized.text.clone();
        let mut content = folded.clone();
        let mut units = Vec::new();
        for mention in &mut mentions {
            // "百川的CEO", "Kimi老板", "Baichuan's boss": an organisation or product followed by
            // a title names its speaker.
            if !matches!(mention.strength, Strength::Organization | Strength::Product) {
                continue;
            }
            let Target::Speaker(name) = &mention.target else {
                continue;
            };
            let speaker = self.knowledge.speaker(name);
            let role = speaker.map(|s| fold(&s.role)).unwrap_or_default();
            if let Some(title) = title_after(&folded, mention.span.end, &role) {
                mention.strength = Strength::Name;
                mention.span.end = title.end;
                continue;
            }
            // A short name followed by more of the organisation's name (绿穗 合作社 of 绿穗青农
            // 合作社) or of the speaker's role (输配电公司 调度处, of 调度处处长): one mention.
            let organization = speaker.map(|s| fold(&s.organization)).unwrap_or_default();
            if let Some(more) = more_of_name(&folded[mention.span.end..], &organization, &role) {
                if more.from_role {
                    mention.strength = Strength::Name;
                }
                mention.span.end += more.length;
            }
        }
        // A mention that grew over a title or more of a name holds any other found inside it
        // (主席 of 绿穗合作社的主席).
        let mentions = crate::speakers::keep_longest(mentions);
        // "According to X, who …", X认为谁…, 在X看来: X is the source of the answer, not the
        // one it is about.
        let according = folded.find("according to");
        let mut sources: Vec<usize> = Vec::new();
        for mention in &mentions {
            if let Some(unit) = self.mention_unit(&folded, mention) {
                let after = folded[mention.span.end..].trim_start_matches('的');
                if according.is_some_and(|at| mention.span.start > at)
                    || SOURCE_VERBS.iter().any(|verb| after.starts_with(verb))
                {
                    sources.push(units.len());
                }
                units.push(unit);
            }
            blank(&mut content, mention.span.clone());
            // 说 or 讲 right after a speaker's name says it: the words after it are cut apart
            // from it (林冠宏说明年…, not 说明 / 年; 讲明年, not 讲明 / 年).
            let said = content[mention.span.end..]
                .chars()
                .next()
                .filter(|&verb| matches!(verb, '说' | '讲'));
            if let Some(verb) = said.filter(|_| matches!(mention.target, Target::Speaker(_))) {
                blank(
                    &mut content,
                    mention.span.end..mention.span.end + verb.len_utf8(),
                );
            }
        }
        let (kind, cues, narrator) = read_kind(&folded, &mentions);
        for cue in cues {
            blank(&mut content, cue);
        }
        for asked in a_not_a(&content) {
            blank(&mut content, asked);
        }
        // "Who disagrees with 唐振海": the speaker named is not the one who answers.
        if kind.who {
            for (i, unit) in units.iter_mut().enumerate() {
                if let Matcher::Speaker { object, .. } = &mut unit.matcher {
                    *object = !sources.contains(&i);
                }
            }
        }
        if let Some(first) = narrator.first() {
            units.push(Unit {
                text: content[first.clone()].to_owned(),
                matcher: Matcher::Narration,
                weight: SPEAKER_WEIGHT,
                found: 1.0,
            });
        }
        for cue in narrator {
            blank(&mut content, cue);
        }
        // When or where the event was held: the event is what is asked about, and holding it
        // (举办, 开, held) is what an event is for, not a word to look for.
        // Not the next or the last edition (下一届论坛在哪里办): another event than the one the
        // forum's passages name.
        let asks_where = asks_where(&folded);
        let relative = relative_occurrence(&content, |_| true).is_some();
        if (kind.when || asks_where) && !relative {
            if let Some(span) = self.event_mention(&content) {
                units.push(Unit {
                    text: content[span.clone()].to_owned(),
                    matcher: Matcher::Event {
                        names: self.event_names.clone(),
                        sessions: self.event_sessions.clone(),
                        places: if asks_where {
                            self.event_places.clone()
                        } else {
                            Vec::new()
                        },
                        dates: if kind.when {
                            self.event_dates.concat()
                        } else {
                            Vec::new()
                        },
                    },
                    weight: TOPIC_WEIGHT,
                    found: 1.0,
                });
                blank(&mut content, span);
                for verb in self.event_verbs(&content) {
                    blank(&mut content, verb);
                }
            }
        }
        let mut outsiders = Vec::new();
        units.extend(self.content_units(
            question,
            &normalized,
            &content,
            frequencies,
            &mut outsiders,
        ));
        // A word for any event (圆桌, 论坛) or its scene (嘉宾, 现场) sets the scene of a
        // question (圆桌结束后嘉宾去吃饭了吗 is about the dinner), as the event's own name does;
        // unless it asks who took part (这场圆桌都请了哪些嘉宾).
        if !kind.list {
            for unit in &mut units {
                if let Matcher::Text { forms, .. } = &unit.matcher {
                    // An English word for it is one whether or not the forum has a rendering
                    // (面板 is no panel of guests). Not again for a word of the event's own
                    // name, already so weighed.
                    let scene_word = |word: &str| {
                        EVENT_WORDS.contains(&word)
                            || SCENE_WORDS.contains(&word)
                            || ENGLISH_SCENE_WORDS.contains(&word)
                    };
                    let scene = (scene_word(&unit.text)
                        || forms
                            .iter()
                            .any(|form| form.quality >= 1.0 && scene_word(&form.text)))
                        && !forms
                            .iter()
                            .any(|form| self.background.contains(&form.text));
                    if scene {
                        unit.weight *= EVENT_SPECIFICITY;
                    }
                }
            }
        }
        let measured = if kind.quantity {
            measured_unit(&folded, &units, |word| self.analyzer.is_noun(word))
        } else {
            None
        };
        let which = which_unit(&folded, &units);
        let measures = if kind.quantity || kind.when {
            figure_measures(&folded)
        } else {
            Vec::new()
        };
        // Only a figure or a time can be of nothing: other questions need not be tagged.
        let mut content = units.iter().filter(|unit| unit.is_content()).peekable();
        let only_when = (kind.quantity || kind.when)
            && content.peek().is_some()
            && content.all(|unit| self.analyzer.is_time_word(&unit.text));
        let other_times = units
            .iter()
            .enumerate()
            .filter(|(_, unit)| {
                kind.quantity
                    && unit.is_content()
                    && unit.found >= 1.0
                    && !PRESENT_TIMES.contains(&unit.text.as_str())
                    && self.analyzer.is_time_word(&unit.text)
            })
            .map(|(i, _)| i)
            .collect();
        Question {
            folded,
            mentions,
            kind,
            units,
            outsiders,
            measured,
            which,
            measures,
            only_when,
            other_times,
        }
    }

    /// Where the question names the event: by a short form of its name (文博会 for 第二届澄川
    /// 文博产业大会: three characters or more, in the name's order, ending as it ends), by its
    /// English name, or by a word for any event (论坛, 大会, the conference). The longest.
    fn event_mention(&self, content: &str) -> Option<Range<usize>> {
        let mut spans: Vec<Range<usize>> = Vec::new();
        for name in &self.event_names {
            if name.is_ascii() {
                spans.extend(super::rank::form_ranges(content, name).next());
                continue;
            }
            let Some(last) = name.chars().last() else {
                continue;
            };
            for (at, _) in content.char_indices() {
                let rest = &content[at..];
                let run: Vec<(usize, char)> = rest
                    .char_indices()
                    .take_while(|&(_, c)| is_han(c))
                    .collect();
                for end in (3..=run.len()).rev() {
                    let (offset, c) = run[end - 1];
                    let end = offset + c.len_utf8();
                    if c == last && is_subsequence(&rest[..end], name) {
                        spans.push(at..at + end);
                        break;
                    }
                }
            }
        }
        if spans.is_empty() {
            for word in EVENT_WORDS {
                spans.extend(super::rank::form_ranges(content, word).next());
            }
        }
        spans
            .into_iter()
            .max_by_key(|span| (span.len(), usize::MAX - span.start))
    }

    /// The dictionary pieces of a span of the question's content, if any, after `words`.
    fn push_pieces<'a>(
        &self,
        content: &'a str,
        span: Option<Range<usize>>,
        words: &mut Vec<TaggedWord<'a>>,
    ) {
        let Some(span) = span else { return };
        words.extend(
            self.analyzer
                .dictionary_pieces(&content[span])
                .into_iter()
                .map(|piece| TaggedWord {
                    word: piece,
                    is_person_name: false,
                }),
        );
    }

    /// The question's words cut again where a word of the pack's own vocabulary straddles a
    /// cut, when the passages have the pack's word as a word more often than the word it cuts
    /// into: a lone character and the start of the word after it (青 / 农会 of 青农会不会
    /// become 青农 / 会), or the end of a word and a lone character after it (做官 / 网 of
    /// 做官网商城 become 做 / 官网).
    fn recut_forum_words<'a>(
        &self,
        content: &'a str,
        words: Vec<TaggedWord<'a>>,
        frequencies: &Frequencies,
    ) -> Vec<TaggedWord<'a>> {
        let offset = |word: &str| offset_in(content, word);
        let plain = |range: Range<usize>| TaggedWord {
            word: &content[range],
            is_person_name: false,
        };
        let forum_word = |joined: &str, cut: &str| {
            self.analyzer.is_discovered(joined) && frequencies.word(joined) > frequencies.word(cut)
        };
        let mut out: Vec<TaggedWord<'a>> = Vec::with_capacity(words.len());
        let mut words = words.into_iter().peekable();
        while let Some(word) = words.next() {
            let recut = words.peek().and_then(|next| {
                let start = offset(word.word);
                let end = start + word.word.len();
                if offset(next.word) != end || word.is_person_name || next.is_person_name {
                    return None;
                }
                let (first, rest) = split_first_char(next.word)?;
                let (head, last) = split_last_char(word.word)?;
                if head.is_empty() && !rest.is_empty() {
                    let joined = start..end + first.len();
                    forum_word(&content[joined.clone()], next.word)
                        .then(|| (joined.clone(), joined.end..end + next.word.len()))
                } else if !head.is_empty() && rest.is_empty() {
                    let joined = end - last.len()..end + next.word.len();
                    forum_word(&content[joined.clone()], word.word)
                        .then_some((start..joined.start, joined))
                } else {
                    None
                }
            });
            match recut {
                Some((left, right)) => {
                    words.next();
                    out.push(plain(left));
                    out.push(plain(right));
                }
                None => out.push(word),
            }
        }
        out
    }

    /// The verbs of holding an event in the question's remaining content (举办, 开, held).
    fn event_verbs(&self, content: &str) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = self
            .analyzer
            .tagged_words(content)
            .iter()
            .filter(|word| EVENT_VERBS.contains(&word.word))
            .map(|word| {
                let at = offset_in(content, word.word);
                at..at + word.word.len()
            })
            .collect();
        for word in latin_words(content) {
            if EVENT_VERBS.contains(&&content[word.clone()]) {
                spans.push(word);
            }
        }
        spans
    }

    /// Whether a speaker of the forum holds a title (their role has it: 董事长 of 禾丰董事长).
    fn holds_title(&self, title: &str) -> bool {
        self.knowledge
            .speakers()
            .iter()
            .any(|speaker| fold(&speaker.role).contains(title))
    }

    /// The unit of a speaker, organisation, product or topic the question names.
    fn mention_unit(&self, folded: &str, mention: &Mention) -> Option<Unit> {
        let text = folded[mention.span.clone()].to_owned();
        let forms = |strength| -> Vec<String> {
            self.roster
                .forms_of(&mention.target, strength)
                .into_iter()
                // Latin forms match whole words only, so two letters are enough (ai, 5g).
                .filter(|form| form.chars().any(is_han) || form.len() >= 2)
                .map(str::to_owned)
                .collect()
        };
        let (matcher, weight) = match (&mention.target, mention.strength) {
            (Target::Speaker(name), Strength::Name) => (
                Matcher::Speaker {
                    name: name.clone(),
                    forms: forms(Strength::Name),
                    object: false,
                },
                SPEAKER_WEIGHT,
            ),
            (Target::Speaker(name), Strength::Organization) => (
                Matcher::Organization {
                    name: name.clone(),
                    forms: forms(Strength::Organization),
                    own: ORGANIZATION_OWN,
                },
                ORGANIZATION_WEIGHT,
            ),
            (Target::Speaker(name), Strength::Product) => (
                Matcher::Organization {
                    name: name.clone(),
                    forms: forms(Strength::Product),
                    own: PRODUCT_OWN,
                },
                PRODUCT_WEIGHT,
            ),
            (Target::Topic(id), _) => (
                Matcher::Topic {
                    id: id.clone(),
                    forms: forms(Strength::Name),
                },
                TOPIC_WEIGHT,
            ),
        };
        Some(Unit {
            text,
            matcher,
            weight,
            found: 1.0,
        })
    }

    /// The content units of what is left of the question once mentions and cues are blanked.
    fn content_units(
        &self,
        question: &str,
        normalized: &Normalized,
        content: &str,
        frequencies: &Frequencies,
        outsiders: &mut Vec<String>,
    ) -> Vec<Unit> {
        let mut units = Vec::new();
        let words = latin_words(content);
        let word_forms: Vec<Vec<String>> = words
            .iter()
            .map(|word| lexicon::word_forms(&content[word.clone()]))
            .collect();
        let mut covered_words: HashSet<usize> = HashSet::new();
        // English names of places the forum never names: outsiders however few they are.
        let mut places: Vec<String> = Vec::new();
        let mut content = content.to_owned();

        // Glossary sets first: a term in any language reaches its equivalents, and the words
        // it covers are not read again.
        for set in &self.glossary {
            let Some((span, word_indices)) = set
                .keys
                .iter()
                .find_map(|key| key.find_in(&content, &words, &word_forms))
            else {
                continue;
            };
            let forms = set
                .forms
                .iter()
                .map(|form| Form {
                    text: form.clone(),
                    quality: 1.0,
                })
                .collect();
            let text = content[span.clone()].to_owned();
            let information = set
                .forms
                .iter()
                .filter(|form| form.chars().any(is_han) && frequencies.form(form) > 0)
                .map(|form| self.analyzer.information(form))
                .reduce(f32::max);
            units.push(self.text_unit(frequencies, text, forms, Vec::new(), information));
            // A Han term is blanked; a Latin term's words are skipped by index below.
            if word_indices.is_empty() {
                blank(&mut content, span);
            }
            covered_words.extend(word_indices);
        }

        // The next or the last of something that recurs (下一届, 上届, 下一场): which one is
        // asked about, not a pointer. A passage may put it with or without 一.
        // Only where a word starts (线上一场 is "one online event"); most questions have
        // none at all, and are not cut for it.
        while relative_occurrence(&content, |_| true).is_some() {
            let starts: HashSet<usize> = self
                .analyzer
                .tagged_words(&content)
                .iter()
                .map(|word| offset_in(&content, word.word))
                .collect();
            let Some((span, forms)) = relative_occurrence(&content, |at| starts.contains(&at))
            else {
                break;
            };
            let text = content[span.clone()].to_owned();
            let information = Some(self.analyzer.question_word_information(&forms[1]));
            // The event's own edition (第二届) tells which one the next is (第三届).
            let editions = editions_from(&self.event_names, &text);
            let forms = forms
                .into_iter()
                .chain(editions)
                .map(|text| Form { text, quality: 1.0 })
                .collect();
            units.push(self.text_unit(frequencies, text, forms, Vec::new(), information));
            blank(&mut content, span);
        }

        // Han words, as jieba cuts them. A word jieba's statistical model joined that neither
        // the dictionary nor the passages have (会细到), or phrasing its dictionary lists
        // rarely that holds a word (往下走, 扫进去, not 光靠), is cut again into dictionary
        // words, so that the parts a passage may hold are looked for. Neighbours of that kind
        // are cut again together, as jieba may have cut across a word between them. A
        // person's name, and a word the passages have (车企), stay whole.
        let mut han_words = Vec::new();
        let mut run: Option<Range<usize>> = None;
        for word in self.analyzer.tagged_words(&content) {
            let whole = word.is_person_name
                || word.word.chars().count() < 2
                || !word.word.chars().all(is_han)
                || (self.analyzer.knows(word.word)
                    && !(self.analyzer.is_rare_phrase(word.word)
                        && self.analyzer.holds_word(word.word)))
                || frequencies.form(word.word) > 0;
            let at = offset_in(&content, word.word);
            let span = at..at + word.word.len();
            match &mut run {
                Some(open) if !whole && open.end == span.start => open.end = span.end,
                _ if whole => {
                    self.push_pieces(&content, run.take(), &mut han_words);
                    han_words.push(word);
                }
                _ => {
                    self.push_pieces(&content, run.take(), &mut han_words);
                    run = Some(span);
                }
            }
        }
        self.push_pieces(&content, run, &mut han_words);
        let han_words = self.recut_forum_words(&content, han_words, frequencies);
        for word in han_words {
            let text = word.word;
            if !text.chars().any(is_han) || is_stopword(text) {
                continue;
            }
            let length = text.chars().count();
            let mut forms = vec![Form {
                text: text.to_owned(),
                quality: 1.0,
            }];
            // Numbers written in Chinese numerals may be written in digits in the passages
            // (五月份 → 5月份, 六百辆 → 600辆).
            if let Some(digits) = arabic_numerals(text) {
                forms.push(Form {
                    text: digits,
                    quality: 1.0,
                });
            }
            // A word the passages do not have may be a pinyin-input slip for one they do
            // (边际程本 for 边际成本): the same sounds, other characters.
            // Two-character words have too many sound-alikes to guess among.
            if length >= 3 && !word.is_person_name && frequencies.word(text) == 0 {
                for term in self
                    .pinyin_terms
                    .get(&pinyin_key(text))
                    .into_iter()
                    .flatten()
                {
                    forms.push(Form {
                        text: term.clone(),
                        quality: EXPANSION_QUALITY,
                    });
                }
            }
            // A word the passages do not have may be a paraphrase of one they do, the two
            // translating to one English gloss (游客 and 旅客, "tourist").
            if length >= 2 && !word.is_person_name && frequencies.form(text) == 0 {
                push_bridged(frequencies, text, &mut forms);
            }
            if length >= 3 && !word.is_person_name {
                push_short_forms(frequencies, text, &mut forms);
            }
            let grams = if length >= 3 {
                super::analysis::grams(text)
                    .into_iter()
                    .map(|gram| gram.text)
                    .collect()
            } else {
                Vec::new()
            };
            let information = self.analyzer.question_word_information(text);
            let mut unit = self.text_unit(
                frequencies,
                text.to_owned(),
                forms,
                grams,
                Some(information),
            );
            // A word of grammar only (不太想, 那边, 进来, 不再) that the forum lacks is how the
            // question was put, not what it is about: it weighs least. One the forum has stays
            // as it is, as a question quoting a passage word for word holds it.
            if unit.found < 1.0 && is_grammar_only(text) {
                unit.weight = unit.weight.min(GRAMMAR_WEIGHT);
            }
            // jieba tags person names (nr, nrt, nrfg): 马斯克, 黄仁勋; and some words of the
            // language (叶子, 高清), which CC-CEDICT translates where it has no names. A
            // longer "name" that holds two characters the passages have together is rather a
            // short form of one of their words (文博会 for 文博产业大会).
            if unit.found == 0.0
                && length >= 2
                && word.is_person_name
                && !lexicon::translates(text)
                && !(length >= 3 && holds_known_pair(frequencies, text))
            {
                outsiders.push(text.to_owned());
            }
            // A place the forum never names (印度, when only the Middle East and Southeast Asia
            // were spoken of) is somewhere it says nothing about.
            if unit.found == 0.0 && self.analyzer.is_place_name(text) {
                outsiders.push(text.to_owned());
            }
            // Someone named by a title the forum never uses and none of its speakers holds
            // (台电董事长, when no chairman spoke or was spoken of) is someone it does not have.
            if unit.found == 0.0 && is_title(text) && !self.holds_title(text) {
                outsiders.push(text.to_owned());
            }
            units.push(unit);
        }

        // A time named with a word the English loop below skips ("this year", "this week"):
        // the phrase is one time (今年), not a pointer and a year.
        for i in 0..words.len().saturating_sub(1) {
            let (first, second) = (&content[words[i].clone()], &content[words[i + 1].clone()]);
            if covered_words.contains(&i)
                || covered_words.contains(&(i + 1))
                || !is_stopword(first)
                || is_stopword(second)
            {
                continue;
            }
            let renderings: Vec<&str> = phrase_forms(&[first, second])
                .iter()
                .flat_map(|form| lexicon::chinese_for(form))
                .filter(|chinese| self.analyzer.is_time_word(chinese))
                .collect();
            if renderings.is_empty() {
                continue;
            }
            let forms: Vec<Form> = renderings
                .iter()
                .filter(|chinese| frequencies.form(chinese) > 0)
                .map(|chinese| Form {
                    text: (*chinese).to_owned(),
                    quality: EXPANSION_QUALITY,
                })
                .collect();
            let information = renderings
                .iter()
                .map(|chinese| self.analyzer.information(chinese))
                .reduce(f32::min);
            let text = format!("{first} {second}");
            units.push(self.text_unit(frequencies, text, forms, Vec::new(), information));
            covered_words.extend([i, i + 1]);
        }

        // Latin words: through CC-CEDICT, longest phrase first; then as the pinyin of a word of
        // the passages ("kuiben maimai" → 亏本买卖); then as they are (agi, minicpm, api).
        let mut i = 0;
        while i < words.len() {
            let word = &content[words[i].clone()];
            // "won't" (or "won’t") is a negation, read as a kind of question; "won" alone is
            // a word.
            let contracted = word == "won"
                && words
                    .get(i + 1)
                    .is_some_and(|next| &content[next.clone()] == "t");
            if covered_words.contains(&i)
                || is_stopword(word)
                || contracted
                || is_contraction_end(&content, words[i].clone())
            {
                i += 1;
                continue;
            }
            let mut consumed = 1;
            let mut forms: Vec<Form> = Vec::new();
            // What the words tell, from their translations whether the forum has them or not:
            // an English word the forum lacks weighs what its Chinese would.
            let mut information: Option<f32> = None;
            for n in (1..=4).rev() {
                // A phrasal verb ends in a particle that alone is a stopword (check in, carry
                // out, pay off): CC-CEDICT translates the two together (入住, 执行, 付清).
                let asked_word = |j: usize| {
                    let word = &content[words[j].clone()];
                    is_stopword(word) && !(n >= 2 && j == i + n - 1 && PARTICLES.contains(&word))
                };
                if i + n > words.len()
                    || (i..i + n).any(|j| covered_words.contains(&j) || asked_word(j))
                {
                    continue;
                }
                let phrase: Vec<&str> = (i..i + n).map(|j| &content[words[j].clone()]).collect();
                let mut phrase_information: Option<f32> = None;
                if n <= 3 {
                    for form in phrase_forms(&phrase) {
                        for chinese in lexicon::chinese_for(&form) {
                            let single = chinese.chars().count() == 1;
                            // The commonest rendering says how common the concept is.
                            if !single {
                                let told = self.analyzer.information(chinese);
                                phrase_information =
                                    Some(phrase_information.map_or(told, |i| i.min(told)));
                            }
                            if frequencies.form(chinese) > 0
                                && !forms.iter().any(|f| f.text == chinese)
                            {
                                // A single character has many senses besides this one (法
                                // "France" is also 方法's 法), and the commoner it is in the
                                // forum, the less its presence shows.
                                let quality = if single {
                                    SINGLE_CHARACTER_QUALITY * specificity(frequencies, chinese)
                                } else {
                                    EXPANSION_QUALITY
                                };
                                forms.push(Form {
                                    text: chinese.to_owned(),
                                    quality,
                                });
                            }
                        }
                    }
                }
                // A number and what it counts, as Chinese puts them together (two years → 两年,
                // five-person → 五人, 五个人): neither alone says as much.
                let numerals = if n == 2 && forms.is_empty() {
                    chinese_numerals(phrase[0])
                } else {
                    Vec::new()
                };
                if !numerals.is_empty() {
                    for counted in lexicon::word_forms(phrase[1]) {
                        for chinese in lexicon::chinese_for(&counted) {
                            for (numeral, measure) in numerals
                                .iter()
                                .flat_map(|numeral| ["", "个"].map(|m| (numeral, m)))
                            {
                                let text = format!("{numeral}{measure}{chinese}");
                                if frequencies.form(&text) > 0
                                    && !forms.iter().any(|f| f.text == text)
                                {
                                    forms.push(Form {
                                        text,
                                        quality: EXPANSION_QUALITY,
                                    });
                                }
                            }
                        }
                    }
                }
                if forms.is_empty() {
                    if let Some(han_terms) = self.pinyin_terms.get(&phrase.concat()) {
                        forms.extend(han_terms.iter().map(|term| Form {
                            text: term.clone(),
                            quality: 1.0,
                        }));
                    }
                }
                // A place or a name romanised in Wade-Giles or Taiwan's way (Changhua, 彰化).
                if forms.is_empty() && n == 1 && word.len() >= MIN_ROMANISED_LENGTH {
                    for reading in super::pinyin::romanisation_readings(word) {
                        for term in self.pinyin_terms.get(&reading).into_iter().flatten() {
                            if !forms.iter().any(|f| &f.text == term) {
                                forms.push(Form {
                                    text: term.clone(),
                                    quality: EXPANSION_QUALITY,
                                });
                            }
                        }
                    }
                }
                if !forms.is_empty() {
                    consumed = n;
                    information = phrase_information;
                    break;
                }
                if n == 1 {
                    information = phrase_information;
                }
            }
            // Whether the forum has the English word itself (agi, api).
            let forum_word = frequencies.word(word) > 0;
            // An English word whose renderings the forum lacks may be found in the forum's
            // words built on their shared character that CC-CEDICT glosses with the word (fee →
            // 费 → 报名费 "registration fee"): before WordNet's other words, which are of one
            // sense and may be rendered in another (fee, a kind of consideration: 考虑).
            if consumed == 1 && !forum_word {
                self.built_on_core(&word_forms[i], Gloss::Renders, &mut forms);
            }
            // An English word with no rendering the forum has, and not a word of the forum
            // itself, may have a synonym that has one (beginner → novice → 新手); failing
            // that, a kind of it (storm → typhoon → 台风).
            let wordnet = [
                (lexicon::synonyms_of as fn(&str) -> _, SYNONYM_QUALITY),
                (lexicon::kinds_of, KIND_QUALITY),
            ];
            for (others_of, quality) in wordnet {
                if !forms.is_empty() || forum_word {
                    break;
                }
                for form in &word_forms[i] {
                    for other in others_of(form) {
                        // WordNet's other word is meant in one sense (spread, a kind of farm);
                        // one CC-CEDICT renders in many (spread: 延烧, 蔓延, 抹酱…) is
                        // mostly rendered in its other senses.
                        let renderings = lexicon::chinese_for(other);
                        if renderings.len() > MAX_OTHER_RENDERINGS {
                            continue;
                        }
                        for chinese in renderings {
                            if chinese.chars().count() >= 2
                                && frequencies.form(chinese) > 0
                                && !forms.iter().any(|f| f.text == chinese)
                            {
                                forms.push(Form {
                                    text: chinese.to_owned(),
                                    quality,
                                });
                            }
                        }
                    }
                }
            }
            // Two syllables typed apart that no word reads as may be two characters the
            // passages have side by side, across a word's end (zhi cheng → 之城 of 博物馆之城).
            if forms.is_empty() && i + 1 < words.len() && !covered_words.contains(&(i + 1)) {
                let next = &content[words[i + 1].clone()];
                if !is_stopword(next) {
                    forms.extend(self.pinyin_pair(frequencies, word, next));
                    if !forms.is_empty() {
                        consumed = 2;
                    }
                }
            }
            // Failing any word of it the forum has, the forum's own words built on the
            // character its renderings share (shelves: 架子, 书架 → 架 → 上架; heat → 热 → 耐热;
            // shortage → 缺 → 缺工), loosely: those CC-CEDICT does not know, or glosses with
            // the word itself (赛道 "race course"), not those it glosses otherwise (显然
            // "obviously" is no word for a GPU). Those it glosses with the word were looked
            // for before WordNet's other words.
            if consumed == 1 && !forum_word {
                self.built_on_core(&word_forms[i], Gloss::MayRender, &mut forms);
            }
            if consumed == 1 && forum_word {
                forms.push(Form {
                    text: word.to_owned(),
                    quality: 1.0,
                });
            }
            let text = (i..i + consumed)
                .map(|j| &content[words[j].clone()])
                .collect::<Vec<_>>()
                .join(" ");
            let unit = self.text_unit(frequencies, text.clone(), forms, Vec::new(), information);
            let capitalized = question
                .get(normalized.original_range(words[i].clone()))
                .is_some_and(|original| original.starts_with(|c: char| c.is_uppercase()));
            // A place the forum never names, in English (India, 印度): none of the word's
            // renderings of more than one character is in the forum, one of them is a place,
            // and what the forum has of it, if anything, is a lone character (法 of 法国,
            // France, is also 方法's).
            if unit.found < EXPANSION_QUALITY
                && consumed == 1
                && self.names_absent_place(frequencies, word, &unit)
            {
                places.push(text);
            } else if unit.found == 0.0 && capitalized {
                outsiders.push(text);
            }
            units.push(unit);
            i += consumed;
        }
        // Two capitalised English words the forum lacks make an English name ("Sam Altman"); one
        // alone is more likely a word at the start of a sentence.
        let latin_outsiders = outsiders.iter().filter(|o| o.is_ascii()).count();
        if latin_outsiders < 2 {
            outsiders.retain(|o| !o.is_ascii());
        }
        outsiders.extend(places);
        units
    }

    /// Adds to `forms`, when they hold no word of two characters or more yet, the forum's words
    /// built on the character the renderings of an English word (its `english_forms`) share,
    /// at most [`MAX_CORE_WORDS`] a form, that CC-CEDICT glosses as `gloss` asks.
    fn built_on_core(&self, english_forms: &[String], gloss: Gloss, forms: &mut Vec<Form>) {
        if forms.iter().any(|f| f.text.chars().count() >= 2) {
            return;
        }
        for form in english_forms {
            // A character of grammar (最 of minimum's 最小值, 最少) builds words of every
            // sense.
            let Some(core) = lexicon::core_character(form)
                .and_then(|c| c.chars().next())
                .filter(|&c| !GRAMMAR_CHARACTERS.contains(c))
            else {
                continue;
            };
            let built_on = self.character_terms.get(&core).into_iter().flatten();
            let mut reached = 0;
            for term in built_on.filter_map(|&t| self.han_terms.get(t as usize)) {
                if reached == MAX_CORE_WORDS {
                    break;
                }
                let rendered = match gloss {
                    Gloss::Renders => lexicon::renders(term, english_forms) == Some(true),
                    Gloss::MayRender => lexicon::may_render(term, english_forms),
                };
                if rendered && !forms.iter().any(|f| f.text == **term) {
                    reached += 1;
                    forms.push(Form {
                        text: term.to_string(),
                        quality: CORE_QUALITY,
                    });
                }
            }
        }
    }

    /// The pairs of Han characters the passages have that two pinyin syllables read as, as
    /// loose forms.
    fn pinyin_pair(&self, frequencies: &Frequencies, first: &str, second: &str) -> Vec<Form> {
        let (Some(firsts), Some(seconds)) = (self.syllables.get(first), self.syllables.get(second))
        else {
            return Vec::new();
        };
        let mut forms = Vec::new();
        for a in firsts {
            for b in seconds {
                let pair: String = [*a, *b].iter().collect();
                if frequencies.gram(&pair) > 0 {
                    forms.push(Form {
                        text: pair,
                        quality: EXPANSION_QUALITY,
                    });
                }
            }
        }
        forms
    }

    /// A unit of question words with its forms: weighed, and looked up in the index.
    /// `information` is what the words tell in general Chinese, when known.
    fn text_unit(
        &self,
        frequencies: &Frequencies,
        text: String,
        forms: Vec<Form>,
        grams: Vec<String>,
        information: Option<f32>,
    ) -> Unit {
        // The best form the forum has, and how specific to some passages it is.
        let mut found = 0.0f32;
        let mut specificity = 1.0f32;
        for form in &forms {
            if form.quality > found && frequencies.form(&form.text) > 0 {
                found = form.quality;
                // A loose form (a lone character for an English word) says how common that
                // character is, not the word.
                if form.quality >= EXPANSION_QUALITY {
                    specificity = self::specificity(frequencies, &form.text);
                }
            }
        }
        if found == 0.0 && !grams.is_empty() {
            let present = grams
                .iter()
                .filter(|gram| frequencies.form(gram) > 0)
                .count();
            found = present as f32 / grams.len() as f32 * PARTIAL_QUALITY;
        }
        let information = information.unwrap_or(UNKNOWN_LATIN_WEIGHT);
        // The event's own words (its name, its place) set the scene of every question about
        // the forum: "was it raining in 澄川 on the day of the 论坛" is about the rain.
        if forms
            .iter()
            .any(|form| form.quality >= 1.0 && self.background.contains(&form.text))
        {
            specificity *= EVENT_SPECIFICITY;
        }
        Unit {
            text,
            matcher: Matcher::Text { forms, grams },
            weight: information.clamp(0.5, MAX_INFORMATION) * specificity,
            found,
        }
    }

    /// Whether an English word is the name of a place the forum lacks
    /// ([`Self::content_units`]): one of its renderings is a place, and the unit finds no
    /// rendering of more than one character in the forum.
    fn names_absent_place(&self, frequencies: &Frequencies, word: &str, unit: &Unit) -> bool {
        let Matcher::Text { forms, .. } = &unit.matcher else {
            return false;
        };
        let found_word = forms
            .iter()
            .any(|form| form.text.chars().count() >= 2 && frequencies.form(&form.text) > 0);
        !found_word
            && phrase_forms(&[word]).iter().any(|form| {
                lexicon::chinese_for(form)
                    .into_iter()
                    .any(|chinese| self.analyzer.is_place_name(chinese))
            })
    }
}

/// Adds to `forms` the words of the passages that share English glosses with `chinese` in
/// CC-CEDICT ([`lexicon::bridged_synonyms`]), as loose forms: the more senses they share, the
/// better they stand for it.
fn push_bridged(frequencies: &Frequencies, chinese: &str, forms: &mut Vec<Form>) {
    let in_forum = |word: &str| word.chars().count() >= 2 && frequencies.form(word) > 0;
    for (synonym, share) in lexicon::bridged_synonyms(chinese, is_stopword, in_forum) {
        if !forms.iter().any(|f| f.text == synonym) {
            forms.push(Form {
                text: synonym.to_owned(),
                quality: SYNONYM_QUALITY * share,
            });
        }
    }
    // A two-character word is also its sibling with one character swapped for a synonym of
    // it (估计 and 估算: 计 and 算 are both "to calculate").
    let Some((first, second)) =
        split_first_char(chinese).filter(|(_, rest)| rest.chars().count() == 1)
    else {
        return;
    };
    let single = |word: &str| word.chars().count() == 1;
    for (swapped, kept, swapped_first) in [(first, second, true), (second, first, false)] {
        for (other, share) in lexicon::bridged_synonyms(swapped, is_stopword, single) {
            let sibling = if swapped_first {
                [other, kept].concat()
            } else {
                [kept, other].concat()
            };
            if frequencies.form(&sibling) > 0 && !forms.iter().any(|f| f.text == sibling) {
                forms.push(Form {
                    text: sibling,
                    quality: SYNONYM_QUALITY * share,
                });
            }
        }
    }
}

/// Adds to `forms` the short forms of a longer word that the passages have as words: some of
/// its characters in order, the first among them, that CC-CEDICT translates as it translates
/// the word (市府 of 市政府, "city government"; 北大 of 北京大学). A forum that names a body in
/// full once may quote its speakers using the short form throughout.
fn push_short_forms(frequencies: &Frequencies, word: &str, forms: &mut Vec<Form>) {
    let length = word.chars().count();
    let Some(first) = word.chars().next() else {
        return;
    };
    let is_short_form = |other: &str| {
        other.starts_with(first)
            && other.chars().count() < length
            && is_subsequence(other, word)
            && frequencies.word(other) > 0
    };
    for (short, _) in lexicon::bridged_synonyms(word, is_stopword, is_short_form) {
        if !forms.iter().any(|f| f.text == short) {
            forms.push(Form {
                text: short.to_owned(),
                quality: EXPANSION_QUALITY,
            });
        }
    }
}

/// Whether a Latin word is the end of a contraction (the re of you're, the ll of we'll): a
/// word of its own only after no apostrophe (re is also a pinyin syllable, 热).
fn is_contraction_end(content: &str, word: Range<usize>) -> bool {
    const ENDS: [&str; 5] = ["re", "ll", "ve", "d", "m"];
    ENDS.contains(&&content[word.clone()]) && content[..word.start].ends_with(['\'', '’'])
}

/// Words for an event of any kind: asked when or where, the forum's own.
const EVENT_WORDS: [&str; 22] = [
    "博览会",
    "研讨会",
    "座谈会",
    "大会",
    "论坛",
    "展会",
    "峰会",
    "会议",
    "书展",
    "年会",
    "座谈",
    "圆桌",
    "conference",
    "forum",
    "summit",
    "panel",
    "roundtable",
    "session",
    "expo",
    "convention",
    "symposium",
    "event",
];

/// Words for the people and the place of any event, besides [`EVENT_WORDS`].
pub(super) const SCENE_WORDS: [&str; 5] = ["嘉宾", "与谈人", "讲者", "与会", "现场"];
/// [`SCENE_WORDS`] in English, and the plurals of the English words of [`EVENT_WORDS`]. Not
/// "guests", who may be a hotel's, nor "speakers", who may be loudspeakers.
const ENGLISH_SCENE_WORDS: [&str; 12] = [
    "panelist",
    "panelists",
    "panellist",
    "panellists",
    "panels",
    "audience",
    "attendees",
    "stage",
    "conferences",
    "forums",
    "sessions",
    "events",
];

/// Verbs of holding an event: asked when or where it was held, what the event is for.
const EVENT_VERBS: [&str; 25] = [
    "举办", "举行", "召开", "开幕", "开始", "开", "办", "开会", "办会", "held", "hold", "holding",
    "take", "took", "place", "happen", "happened", "located", "host", "hosted", "open", "start",
    "started", "begin", "began",
];

/// The weight of a word of grammar only that the forum lacks ([`is_grammar_only`]): the least
/// a word weighs.
const GRAMMAR_WEIGHT: f32 = 0.5;

/// Characters of Chinese grammar rather than content: demonstratives and where (这, 那边, 里),
/// direction after a verb (进来, 往下, 起来), negation and degree (不, 没, 太, 最), modals (想, 要,
/// 会, 能), aspect (了, 过), adverbs and prepositions of time and manner (再, 还, 已经, 从), and
/// verbs that stand for any doing (搞, 弄, 干, 做: 搞了什么计划).
const GRAMMAR_CHARACTERS: &str =
    "这那哪此边里儿来去上下进出回过起到往不没未别太很更最挺较想要会能可肯敢该应了着再又还也都就才刚已经曾正在从向对给把被跟和与为是搞弄干做";

/// Words of time that mean now, which a forum's passages take for granted: a figure of this
/// year is stated as often without 今年 as with it.
const PRESENT_TIMES: [&str; 10] = [
    "今年",
    "现在",
    "目前",
    "如今",
    "今天",
    "当前",
    "现阶段",
    "眼下",
    "这些年",
    "近年",
];

/// Whether a Han word is made of [`GRAMMAR_CHARACTERS`] only.
fn is_grammar_only(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| GRAMMAR_CHARACTERS.contains(c))
}

/// Whether a question asks where (在哪里, 什么地方, where).
pub(super) fn asks_where(folded: &str) -> bool {
    const WHERE: [&str; 9] = [
        "哪里",
        "哪儿",
        "在哪",
        "什么地方",
        "何地",
        "何处",
        "哪个城市",
        "哪座城市",
        "where",
    ];
    WHERE.iter().any(|cue| folded.contains(cue))
}

/// The byte offset in `text` of `part`, a slice of it (a word jieba cut from it).
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// The editions a relative one names (下一届, 上届) when an event's name gives its own (第二届
/// 澄川文博产业大会, 第2届…): 第三届 and 第3届 after it, 第一届 and 第1届 before it.
fn editions_from(event_names: &[String], relative: &str) -> Vec<String> {
    let next = relative.starts_with('下');
    let Some(measure) = relative.chars().last() else {
        return Vec::new();
    };
    let mut editions = Vec::new();
    for name in event_names {
        let digits = arabic_numerals(name).unwrap_or_else(|| name.clone());
        let Some(at) = digits.find('第') else {
            continue;
        };
        let rest = &digits[at + '第'.len_utf8()..];
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !rest[number.len()..].starts_with(measure) {
            continue;
        }
        let Ok(own) = number.parse::<u32>() else {
            continue;
        };
        let other = if next { own + 1 } else { own.saturating_sub(1) };
        if other == 0 {
            continue;
        }
        editions.push(format!("第{other}{measure}"));
        if let Some(han) = chinese_numeral(other) {
            editions.push(format!("第{han}{measure}"));
        }
    }
    editions
}

/// A number from 1 to 99 in Chinese numerals (3 → 三, 12 → 十二, 21 → 二十一).
fn chinese_numeral(n: u32) -> Option<String> {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let (tens, ones) = (n / 10, n % 10);
    let mut text = String::new();
    match tens {
        0 => {}
        1 => text.push('十'),
        2..=9 => {
            text.push(DIGITS[tens as usize]);
            text.push('十');
        }
        _ => return None,
    }
    if ones > 0 || tens == 0 {
        text.push(DIGITS[ones as usize]);
    }
    (n > 0).then_some(text)
}

/// Whether the characters of `short` occur in `long` in the same order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

/// Verbs that make the speaker before them the source of what follows (X认为谁…, 在X看来).
const SOURCE_VERBS: [&str; 7] = ["认为", "觉得", "看来", "眼中", "眼里", "预测", "估计"];

/// Whether two neighbouring characters of a word are a word or a character pair of the
/// passages.
fn holds_known_pair(frequencies: &Frequencies, word: &str) -> bool {
    let characters: Vec<char> = word.chars().collect();
    characters
        .windows(2)
        .any(|pair| frequencies.form(&pair.iter().collect::<String>()) > 0)
}

/// How specific to some of the passages a folded form is: 1 when few have it, down to
/// [`MIN_SPECIFICITY`] for a form most have (the field's own words: 马拉松 in a marathon forum).
fn specificity(frequencies: &Frequencies, form: &str) -> f32 {
    let passages = frequencies.passages().max(1) as f32;
    let share = frequencies.form(form) as f32 / passages;
    if share > SPECIFIC_SHARE {
        let decades = (share / SPECIFIC_SHARE).log10();
        (1.0 - (1.0 - MIN_SPECIFICITY) * decades).max(MIN_SPECIFICITY)
    } else {
        1.0
    }
}

/// Words for whoever leads an organisation, whatever their title.
const LEADER_WORDS: [&str; 11] = [
    "boss",
    "head",
    "chief",
    "leader",
    "老板",
    "老总",
    "负责人",
    "掌门人",
    "掌门",
    "一把手",
    "领导",
];

/// Titles that name a leader only when they are the speaker's own (a 董事长 is not the 总裁).
const LEADER_TITLES: [&str; 16] = [
    "ceo",
    "cto",
    "coo",
    "founder",
    "president",
    "chairman",
    "chairwoman",
    "总裁",
    "创始人",
    "创办人",
    "董事长",
    "总经理",
    "首席执行官",
    "首席运行官",
    "院长",
    "主席",
];

/// How much of the text after an organisation's short name goes on naming it, and whether
/// from the speaker's role.
struct MoreOfName {
    length: usize,
    from_role: bool,
}

/// The longest start of `rest` (two Han characters or more) that ends the organisation's name
/// (合作社 of 绿穗青农合作社) or is part of the speaker's role (调度处 of 调度处处长); the
/// role's when both.
fn more_of_name(rest: &str, organization: &str, role: &str) -> Option<MoreOfName> {
    let starts: Vec<usize> = rest
        .char_indices()
        .take_while(|(_, c)| is_han(*c))
        .map(|(at, c)| at + c.len_utf8())
        .skip(1)
        .collect();
    starts.into_iter().rev().find_map(|end| {
        let part = &rest[..end];
        if role.contains(part) {
            Some(MoreOfName {
                length: end,
                from_role: true,
            })
        } else if organization.ends_with(part) && organization != part {
            Some(MoreOfName {
                length: end,
                from_role: false,
            })
        } else {
            None
        }
    })
}

/// The byte range of a title that follows `end` in a folded question, after a 的, an English
/// possessive or spaces, and that fits a speaker whose folded role is `role`: what makes
/// "百川的CEO" a person, and "赛道体育的董事长" someone else when the speaker is its 总裁.
fn title_after(folded: &str, end: usize, role: &str) -> Option<Range<usize>> {
    let rest = &folded[end..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(['\'', '’'])
            .trim_start_matches('s')
            .trim_start()
            .trim_start_matches('的')
            .trim_start()
            .len();
    // "'s" only when an apostrophe came first: "kimis" is not "kimi's".
    let possessive = rest[..skipped].contains(['\'', '’']) || !rest[..skipped].contains('s');
    let after = &rest[skipped..];
    let starts_with = |title: &str| {
        after.starts_with(title)
            && !after[title.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    };
    let title = LEADER_WORDS
        .iter()
        .find(|word| starts_with(word))
        .or_else(|| {
            LEADER_TITLES
                .iter()
                .find(|title| starts_with(title) && role.contains(**title))
        })?;
    possessive.then(|| end + skipped..end + skipped + title.len())
}

/// The first halves of the "A not A" questions of a text (够不够, 便不便宜, 有没有): 够不 of
/// 够不够. The word asked about is the second half; the first only makes it a question.
/// Those that only ask (会不会, 是不是) are question words, and stay whole.
fn a_not_a(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars
        .windows(3)
        .filter(|w| {
            let end = w[2].0 + w[2].1.len_utf8();
            is_han(w[0].1)
                && !"不没".contains(w[0].1)
                && "不没".contains(w[1].1)
                && w[2].1 == w[0].1
                && !is_stopword(&text[w[0].0..end])
        })
        .map(|w| w[0].0..w[2].0)
        .collect()
}

/// Blanks a byte range of `text` with spaces, keeping every other offset.
fn blank(text: &mut String, range: Range<usize>) {
    text.replace_range(range.clone(), &" ".repeat(range.len()));
}

/// A folded glossary term, ready to look for in a question.
pub(super) enum GlossaryKey {
    /// A term with Han characters: found anywhere in the question.
    Han(String),
    /// A Latin term's words: found as consecutive words of the question, in any of their forms.
    Latin(Vec<String>),
}

/// One glossary set, folded: its terms as question keys, and as forms to find in passages.
pub(super) struct GlossarySet {
    pub keys: Vec<GlossaryKey>,
    pub forms: Vec<String>,
}

impl GlossaryKey {
    /// Finds the key in the question: the byte range it covers, and for a Latin key the
    /// indices of the words it covers. `word_forms` holds the forms of each Latin word of the
    /// question ([`lexicon::word_forms`]).
    fn find_in(
        &self,
        content: &str,
        words: &[Range<usize>],
        word_forms: &[Vec<String>],
    ) -> Option<(Range<usize>, Vec<usize>)> {
        match self {
            GlossaryKey::Han(key) => occurrences(content.as_bytes(), key.as_bytes())
                .next()
                .map(|at| (at..at + key.len(), Vec::new())),
            GlossaryKey::Latin(key_words) => (0..word_forms.len()).find_map(|i| {
                let fits = i + key_words.len() <= word_forms.len()
                    && key_words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| word_forms[i + k].iter().any(|f| f == w));
                fits.then(|| {
                    let last = i + key_words.len() - 1;
                    (words[i].start..words[last].end, (i..=last).collect())
                })
            }),
        }
    }
}

/// The glossary of every pack, folded.
pub(super) fn glossary_sets(knowledge: &crate::knowledge::Knowledge) -> Vec<GlossarySet> {
    let mut sets = Vec::new();
    for pack in &knowledge.packs {
        for terms in &pack.glossary {
            let folded: Vec<String> = terms
                .iter()
                .map(|t| fold(t).trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect();
            // A Latin key without letters or digits can never match; it is left out.
            let keys = folded
                .iter()
                .filter_map(|key| {
                    if key.chars().any(is_han) {
                        return Some(GlossaryKey::Han(key.clone()));
                    }
                    let words: Vec<String> = key
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned)
                        .collect();
                    (!words.is_empty()).then_some(GlossaryKey::Latin(words))
                })
                .collect();
            let forms = folded
                .into_iter()
                .filter(|form| form.chars().any(is_han) || form.len() >= 3)
                .collect();
            sets.push(GlossarySet { keys, forms });
        }
    }
    sets
}

/// English phrase forms to look up: as typed, then with the last word singular; each joined
/// by spaces and, as CC-CEDICT writes compounds (entry-level, heat-resistant), by hyphens.
fn phrase_forms(words: &[&str]) -> Vec<String> {
    let Some((last, rest)) = words.split_last() else {
        return Vec::new();
    };
    // CC-CEDICT spells the American way, in every word of a phrase (labour force).
    let rest: Vec<String> = rest
        .iter()
        .map(|w| lexicon::american_spelling(w).unwrap_or_else(|| (*w).to_owned()))
        .collect();
    let separators: &[&str] = if rest.is_empty() { &[" "] } else { &[" ", "-"] };
    lexicon::word_forms(last)
        .into_iter()
        .flat_map(|form| {
            separators
                .iter()
                .map(|separator| {
                    rest.iter()
                        .map(String::as_str)
                        .chain([form.as_str()])
                        .collect::<Vec<_>>()
                        .join(separator)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The listed words a question uses to ask, and the chatter around it (`stopwords.txt`).
pub(super) fn stopwords() -> &'static HashSet<&'static str> {
    static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    });
    &STOPWORDS
}

/// A word's first character and the rest, both as text; `None` for an empty word.
fn split_first_char(word: &str) -> Option<(&str, &str)> {
    let first = word.chars().next()?;
    Some(word.split_at(first.len_utf8()))
}

/// A word's last character and what comes before it, both as text (before, last); `None` for
/// an empty word.
fn split_last_char(word: &str) -> Option<(&str, &str)> {
    let last = word.chars().next_back()?;
    Some(word.split_at(word.len() - last.len_utf8()))
}

/// Words a question uses to ask rather than to say what it is about, and the chatter around
/// it: never content.
pub(super) fn is_stopword(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    stopwords().contains(word)
        || (chars.len() == 1 && is_han(chars[0]) && super::analysis::is_function_char(chars[0]))
        || (chars.len() == 2 && is_pointer(chars[0], chars[1]))
}

/// Measure words, and the time words that count like them (这天, 那年).
const MEASURE_CHARS: &str = "个位家场次份篇件种项条本只辆台颗株部张块间所天年届轮期批";

/// A word that points at something or counts it rather than naming it: a demonstrative,
/// interrogative or numeral with a measure word (这场, 那天, 哪家, 每次, 一辆, 两种).
fn is_pointer(first: char, second: char) -> bool {
    "这那哪每该一两几".contains(first) && MEASURE_CHARS.contains(second)
}

/// Titles a person is named by (folded): with no name, they point at someone.
const TITLES: &[&str] = &[
    "董事长",
    "副董事长",
    "总经理",
    "副总经理",
    "总裁",
    "副总裁",
    "首席执行官",
    "首席运行官",
    "首席运营官",
    "首席技术官",
    "财务长",
    "人资长",
    "局长",
    "副局长",
    "处长",
    "副处长",
    "院长",
    "副院长",
    "所长",
    "馆长",
    "校长",
    "部长",
    "市长",
    "县长",
    "省长",
    "理事长",
    "秘书长",
    "会长",
    "厂长",
    "行长",
    "总监",
    "主编",
    "总编辑",
    "董事",
    "署长",
    "司长",
    "科长",
    "主委",
    "议员",
    "立委",
];

fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// The first "next" or "last" of something that recurs in a folded question (下一届, 上届,
/// 下一场) where `starts` says a word starts (a byte offset): its byte range, and its forms with and
/// without 一 (下一届, 下届).
fn relative_occurrence(
    content: &str,
    starts: impl Fn(usize) -> bool,
) -> Option<(Range<usize>, [String; 2])> {
    const RECURRING: &str = "届场轮次期任季";
    let chars: Vec<(usize, char)> = content.char_indices().collect();
    chars.iter().enumerate().find_map(|(i, &(at, c))| {
        if (c != '上' && c != '下') || !starts(at) {
            return None;
        }
        let (one, measure) = match chars.get(i + 1) {
            Some(&(_, '一')) => (true, chars.get(i + 2)?.1),
            Some(&(_, next)) => (false, next),
            None => return None,
        };
        if !RECURRING.contains(measure) {
            return None;
        }
        let length = if one { 3 } else { 2 };
        let end = chars.get(i + length).map_or(content.len(), |&(end, _)| end);
        Some((
            at..end,
            [format!("{c}一{measure}"), format!("{c}{measure}")],
        ))
    })
}

/// What a cue phrase says about a question.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    Who,
    /// Who took part: 都有谁, 哪几位, on the panel.
    Participants,
    /// Words that make a question about participants when it also asks who (参加, 台上).
    TookPart,
    /// Asks whether (有没有, 是否): with a word of taking part, whether someone took part, which
    /// the passages presenting the panel answer.
    YesNo,
    /// Which ones (哪些, 哪几, which): with a word of taking part, who took part; with a
    /// disagreement, who disagrees.
    Which,
    When,
    Quantity,
    /// Asks what something is called, or where: answered, not looked for.
    NameOrPlace,
    /// Asks why: answered, not looked for; the answer gives a cause.
    Why,
    Negation,
    Compare,
    Asking,
    /// The asker asking (请问, 想问一下, quick question): how the message is put, not what it
    /// asks about, nor a question about what was asked.
    AskerAsks,
    /// The reporter or the article itself.
    Narrator,
    /// A word that holds a cue without being one (问题 is a problem, not asking): it keeps the
    /// shorter cue inside it from being read.
    Word,
}

/// Cue phrases, folded (Simplified, lower case; Cantonese already read as Mandarin by the
/// normaliser). At each place the longest cue wins, so 不同意 is a disagreement, not 不同 a
/// comparison. Latin cues are whole words or phrases of words.
const HAN_CUES: &[(&str, Cue)] = &[
    ("是谁", Cue::Who),
    ("谁", Cue::Who),
    // Is there anyone who… (有没有人不看好…) asks who; does anyone know or remember is chatter
    // before the question.
    ("有没有人", Cue::Who),
    ("有没有谁", Cue::Who),
    ("有没有人知道", Cue::Word),
    ("有没有人记得", Cue::Word),
    ("有没有人了解", Cue::Word),
    ("哪位", Cue::Who),
    ("哪一位", Cue::Who),
    ("哪个人", Cue::Who),
    ("什么人", Cue::Who),
    ("哪些", Cue::Which),
    ("哪几", Cue::Which),
    ("都有谁", Cue::Participants),
    ("哪些嘉宾", Cue::Participants),
    ("哪些人", Cue::Participants),
    ("哪几位", Cue::Participants),
    ("几位嘉宾", Cue::Participants),
    ("嘉宾有", Cue::Participants),
    // A panelist (与谈人, 讲者) is a guest: 哪位与谈人说… asks who said it, as 哪位嘉宾说… does.
    ("哪些与谈人", Cue::Participants),
    ("几位与谈人", Cue::Participants),
    ("与谈人有", Cue::Participants),
    ("哪些讲者", Cue::Participants),
    ("几位讲者", Cue::Participants),
    ("讲者有", Cue::Participants),
    ("参加", Cue::TookPart),
    ("出席", Cue::TookPart),
    ("登台", Cue::TookPart),
    ("上台", Cue::TookPart),
    ("台上", Cue::TookPart),
    ("参与", Cue::TookPart),
    ("有没有", Cue::YesNo),
    ("是否", Cue::YesNo),
    ("有无", Cue::YesNo),
    ("什么时候", Cue::When),
    ("何时", Cue::When),
    ("哪一年", Cue::When),
    ("哪年", Cue::When),
    ("几月", Cue::When),
    ("几月份", Cue::When),
    ("哪个月份", Cue::When),
    ("几点", Cue::When),
    ("哪一年份", Cue::When),
    ("什么日子", Cue::When),
    ("哪个月", Cue::When),
    ("哪一天", Cue::When),
    ("哪天", Cue::When),
    ("几号", Cue::When),
    ("多久", Cue::When),
    ("多长时间", Cue::When),
    ("什么时间", Cue::When),
    ("多少", Cue::Quantity),
    ("一共", Cue::Quantity),
    ("总共", Cue::Quantity),
    ("总计", Cue::Quantity),
    ("合计", Cue::Quantity),
    ("多大", Cue::Quantity),
    ("多高", Cue::Quantity),
    ("多长", Cue::Quantity),
    ("多远", Cue::Quantity),
    ("多重", Cue::Quantity),
    ("多快", Cue::Quantity),
    ("多贵", Cue::Quantity),
    ("什么程度", Cue::Quantity),
    ("叫什么", Cue::NameOrPlace),
    ("什么名字", Cue::NameOrPlace),
    ("名字", Cue::NameOrPlace),
    ("名称", Cue::NameOrPlace),
    ("叫做", Cue::NameOrPlace),
    ("在哪里", Cue::NameOrPlace),
    ("哪个城市", Cue::NameOrPlace),
    ("哪座城市", Cue::NameOrPlace),
    ("在哪个城市", Cue::NameOrPlace),
    ("在哪座城市", Cue::NameOrPlace),
    ("在哪儿", Cue::NameOrPlace),
    ("哪里人", Cue::NameOrPlace),
    ("哪儿人", Cue::NameOrPlace),
    ("哪里", Cue::NameOrPlace),
    ("哪儿", Cue::NameOrPlace),
    ("在哪", Cue::NameOrPlace),
    ("什么地方", Cue::NameOrPlace),
    ("何地", Cue::NameOrPlace),
    ("何处", Cue::NameOrPlace),
    ("为什么", Cue::Why),
    ("为啥", Cue::Why),
    ("为何", Cue::Why),
    ("怎么会", Cue::Why),
    ("什么意思", Cue::NameOrPlace),
    ("啥意思", Cue::NameOrPlace),
    ("什么办法", Cue::NameOrPlace),
    ("哪些办法", Cue::NameOrPlace),
    ("什么方法", Cue::NameOrPlace),
    ("比喻成什么", Cue::NameOrPlace),
    ("比作什么", Cue::NameOrPlace),
    ("到哪一步", Cue::NameOrPlace),
    ("才够", Cue::Quantity),
    ("不同意", Cue::Negation),
    ("不认同", Cue::Negation),
    ("不赞成", Cue::Negation),
    ("不认为", Cue::Negation),
    ("不觉得", Cue::Negation),
    ("不看好", Cue::Negation),
    ("不相信", Cue::Negation),
    ("不支持", Cue::Negation),
    ("反对", Cue::Negation),
    ("唱反调", Cue::Negation),
    ("持保留", Cue::Negation),
    ("质疑", Cue::Negation),
    ("否定", Cue::Negation),
    ("比较", Cue::Compare),
    ("对比", Cue::Compare),
    ("区别", Cue::Compare),
    ("不同", Cue::Compare),
    ("一样", Cue::Compare),
    ("分歧", Cue::Compare),
    ("差别", Cue::Compare),
    ("差异", Cue::Compare),
    ("异同", Cue::Compare),
    ("相同", Cue::Compare),
    ("一致", Cue::Compare),
    ("共同点", Cue::Compare),
    ("各自", Cue::Compare),
    ("问", Cue::Asking),
    ("提问", Cue::Asking),
    ("追问", Cue::Asking),
    ("问题", Cue::Word),
    ("顾问", Cue::Word),
    ("学问", Cue::Word),
    ("访问", Cue::Word),
    ("问世", Cue::Word),
    ("问责", Cue::Word),
    ("请问", Cue::AskerAsks),
    ("求问", Cue::AskerAsks),
    ("想问", Cue::AskerAsks),
    ("问下", Cue::AskerAsks),
    ("问一下", Cue::AskerAsks),
    ("问问", Cue::AskerAsks),
    ("打听", Cue::AskerAsks),
    ("请教", Cue::AskerAsks),
    ("记者", Cue::Narrator),
    ("文章", Cue::Narrator),
    ("报道", Cue::Narrator),
    ("报导", Cue::Narrator),
    ("作者", Cue::Narrator),
    ("原文", Cue::Narrator),
    ("这篇", Cue::Narrator),
    ("这份", Cue::Narrator),
    ("本文", Cue::Narrator),
    ("全文", Cue::Narrator),
    ("实录", Cue::Narrator),
    ("逐字稿", Cue::Narrator),
    ("文字稿", Cue::Narrator),
    ("纪要", Cue::Narrator),
];

const LATIN_CUES: &[(&str, Cue)] = &[
    ("who", Cue::Who),
    ("whom", Cue::Who),
    // An indirect question inside another ("the host's remark about who should carry the
    // risk") does not ask which speaker.
    ("about who", Cue::Word),
    ("about whom", Cue::Word),
    ("on who", Cue::Word),
    ("on whom", Cue::Word),
    ("over who", Cue::Word),
    ("as to who", Cue::Word),
    ("which speaker", Cue::Who),
    ("which panelist", Cue::Who),
    ("which panellist", Cue::Who),
    ("panelists", Cue::TookPart),
    ("panellists", Cue::TookPart),
    ("which", Cue::Which),
    ("participants", Cue::TookPart),
    ("took part", Cue::TookPart),
    ("take part", Cue::TookPart),
    ("taking part", Cue::TookPart),
    ("attended", Cue::TookPart),
    ("lineup", Cue::TookPart),
    ("line up", Cue::TookPart),
    ("on stage", Cue::TookPart),
    ("on the panel", Cue::TookPart),
    ("panel", Cue::TookPart),
    ("who spoke", Cue::Participants),
    ("who attended", Cue::Participants),
    ("who took part", Cue::Participants),
    ("who was there", Cue::Participants),
    ("who were", Cue::Participants),
    ("when", Cue::When),
    ("what year", Cue::When),
    ("which year", Cue::When),
    ("how long", Cue::When),
    ("what date", Cue::When),
    ("what time", Cue::When),
    ("how many", Cue::Quantity),
    ("how much", Cue::Quantity),
    ("how big", Cue::Quantity),
    ("how large", Cue::Quantity),
    ("how fast", Cue::Quantity),
    ("how far", Cue::Quantity),
    ("how old", Cue::Quantity),
    ("how tall", Cue::Quantity),
    ("how high", Cue::Quantity),
    ("how expensive", Cue::Quantity),
    ("how often", Cue::Quantity),
    ("what percentage", Cue::Quantity),
    ("what share", Cue::Quantity),
    ("what proportion", Cue::Quantity),
    ("called", Cue::NameOrPlace),
    ("named", Cue::NameOrPlace),
    ("name", Cue::NameOrPlace),
    ("where", Cue::NameOrPlace),
    ("which city", Cue::NameOrPlace),
    ("why", Cue::Why),
    ("how come", Cue::Why),
    ("not", Cue::Negation),
    ("doesn", Cue::Negation),
    ("don", Cue::Negation),
    ("didn", Cue::Negation),
    ("isn", Cue::Negation),
    ("aren", Cue::Negation),
    ("wasn", Cue::Negation),
    ("won t", Cue::Negation),
    ("disagree", Cue::Negation),
    ("disagrees", Cue::Negation),
    ("disagreed", Cue::Negation),
    ("against", Cue::Negation),
    ("oppose", Cue::Negation),
    ("opposes", Cue::Negation),
    ("opposed", Cue::Negation),
    ("skeptical", Cue::Negation),
    ("sceptical", Cue::Negation),
    ("doubt", Cue::Negation),
    ("doubts", Cue::Negation),
    ("reject", Cue::Negation),
    ("rejects", Cue::Negation),
    ("rejected", Cue::Negation),
    ("compare", Cue::Compare),
    ("compared", Cue::Compare),
    ("comparison", Cue::Compare),
    ("differ", Cue::Compare),
    ("differs", Cue::Compare),
    ("difference", Cue::Compare),
    ("different", Cue::Compare),
    ("versus", Cue::Compare),
    ("vs", Cue::Compare),
    ("same", Cue::Compare),
    ("agree", Cue::Compare),
    ("agrees", Cue::Compare),
    ("both", Cue::Compare),
    ("ask", Cue::Asking),
    ("asks", Cue::Asking),
    ("asked", Cue::Asking),
    ("asking", Cue::Asking),
    ("question", Cue::Asking),
    ("questions", Cue::Asking),
    ("quick question", Cue::AskerAsks),
    ("quick q", Cue::AskerAsks),
    ("a question", Cue::AskerAsks),
    ("question for", Cue::AskerAsks),
    ("wondering", Cue::AskerAsks),
    ("reporter", Cue::Narrator),
    ("journalist", Cue::Narrator),
    ("article", Cue::Narrator),
    ("write up", Cue::Narrator),
    ("writeup", Cue::Narrator),
    ("author", Cue::Narrator),
    ("writer", Cue::Narrator),
    ("the report", Cue::Narrator),
    ("news report", Cue::Narrator),
    ("transcript", Cue::Narrator),
];

/// The cue phrases of a folded text, by byte range: the Han ones in one pass of an automaton
/// (longest at each place), the Latin ones over whole words (longest at each word).
fn find_cues(content: &str) -> Vec<(Range<usize>, Cue)> {
    static HAN: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(HAN_CUES.iter().map(|(cue, _)| cue))
            .ok()
    });
    let mut found = Vec::new();
    if let Some(automaton) = HAN.as_ref().filter(|_| content.chars().any(is_han)) {
        for hit in automaton.find_iter(content) {
            found.push((hit.start()..hit.end(), HAN_CUES[hit.pattern().as_usize()].1));
        }
    }
    // The English cues by their first word, each as its words: a question's word is tried
    // only against the cues it can start.
    type ByFirstWord = HashMap<&'static str, Vec<(Vec<&'static str>, Cue)>>;
    static LATIN: LazyLock<ByFirstWord> = LazyLock::new(|| {
        let mut by_first: ByFirstWord = HashMap::new();
        for &(cue, kind) in LATIN_CUES {
            let words: Vec<&str> = cue.split(' ').collect();
            by_first.entry(words[0]).or_default().push((words, kind));
        }
        by_first
    });
    let words = latin_words(content);
    let mut i = 0;
    while i < words.len() {
        let longest = LATIN
            .get(&content[words[i].clone()])
            .into_iter()
            .flatten()
            .filter_map(|(cue, kind)| {
                let length = cue.len();
                let fits = i + length <= words.len()
                    && cue
                        .iter()
                        .zip(&words[i..i + length])
                        .all(|(w, word)| &content[word.clone()] == *w);
                fits.then_some((length, *kind))
            })
            .max_by_key(|&(length, _)| length);
        match longest {
            Some((length, kind)) => {
                found.push((words[i].start..words[i + length - 1].end, kind));
                i += length;
            }
            None => i += 1,
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found
}

/// Whether a question asks what each of several said: 每人, 每位, 分别, 各自, 各 before a verb
/// of saying or giving (各给了, 各说), or "each".
fn asks_each(content: &str) -> bool {
    const EACH: [&str; 5] = ["每人", "每位", "每个人", "分别", "各自"];
    const SAYING: &str = "给说讲提谈用回答送";
    let chars: Vec<char> = content.chars().collect();
    EACH.iter().any(|word| content.contains(word))
        || chars
            .windows(2)
            .any(|pair| pair[0] == '各' && SAYING.contains(pair[1]))
        || latin_words(content)
            .iter()
            .any(|word| &content[word.clone()] == "each")
}

/// Reads the kind of a question from its cue phrases. Returns the kind, the byte ranges of the
/// cues that are not content (asking who, when, how many, what it is called), and those that
/// name the narrator. Two speakers named make a comparison.
fn read_kind(content: &str, mentions: &[Mention]) -> (Kind, Vec<Range<usize>>, Vec<Range<usize>>) {
    let cues = find_cues(content);
    let has = |kind: Cue| cues.iter().any(|(_, cue)| *cue == kind);
    let how_many = how_many_cue(content);
    let participants = has(Cue::Participants);
    let who = has(Cue::Who) || participants;
    // Which ones: with a word of taking part, a question about who took part (which company
    // heads took part).
    let asks_which = has(Cue::Which);
    // Whether: 有没有, 是否, a closing 吗 (台上有没有面壁智能的人, 他参加了吗), or an English
    // question opening with an auxiliary (did he take part, was anyone from … on the panel).
    const AUXILIARIES: [&str; 8] = ["did", "was", "were", "is", "are", "does", "has", "have"];
    let asks_whether = has(Cue::YesNo)
        || content
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .ends_with('吗')
        || latin_words(content)
            .first()
            .is_some_and(|word| word.start == 0 && AUXILIARIES.contains(&&content[word.clone()]));
    // Whether someone took part: someone named (a speaker, an organisation), not "did anyone
    // on the panel welcome the price war".
    let names_someone = mentions
        .iter()
        .any(|m| matches!(m.target, Target::Speaker(_)));
    let whether =
        !participants && !who && !asks_which && asks_whether && names_someone && has(Cue::TookPart);
    let mut kind = Kind {
        who,
        list: participants || (has(Cue::TookPart) && (who || asks_which || whether)),
        whether,
        when: has(Cue::When),
        quantity: has(Cue::Quantity) || how_many.is_some(),
        negation: has(Cue::Negation) && (who || asks_which),
        compare: has(Cue::Compare),
        about_asking: has(Cue::Asking),
        why: has(Cue::Why),
        each: asks_each(content),
    };
    let speakers: HashSet<&Target> = mentions
        .iter()
        .filter(|m| matches!(m.target, Target::Speaker(_)) && m.strength != Strength::Product)
        .map(|m| &m.target)
        .collect();
    kind.compare |= speakers.len() >= 2;
    // What a disagreement is about and what was asked stay content: 反对 and 问 are also what a
    // passage says. Whom a list is about (参加, on the panel) is the question when it asks who.
    let not_content = |cue: Cue| match cue {
        Cue::Who | Cue::Participants | Cue::When | Cue::Quantity | Cue::NameOrPlace => true,
        Cue::Why => true,
        Cue::Compare | Cue::AskerAsks => true,
        Cue::TookPart => kind.list,
        Cue::Which | Cue::YesNo | Cue::Negation | Cue::Asking | Cue::Narrator | Cue::Word => false,
    };
    let mut blanks: Vec<Range<usize>> = cues
        .iter()
        .filter(|(_, cue)| not_content(*cue))
        .map(|(range, cue)| match cue {
            Cue::Quantity => range.start..range.end + magnitudes_at(&content[range.end..]),
            _ => range.clone(),
        })
        .collect();
    blanks.extend(how_many);
    let narrator = cues
        .iter()
        .filter(|(_, cue)| *cue == Cue::Narrator)
        .map(|(range, _)| range.clone())
        .collect();
    (kind, blanks, narrator)
}

/// What a question about how many or how much counts: the content word of two or more
/// characters right after its cue (多少员工, 几位嘉宾) or right before it (奖金是多少, 票价有多少).
/// A one-character word (钱, 人) is answered by the figure's own measure (元, 人次), not
/// named again.
fn measured_unit(folded: &str, units: &[Unit], is_noun: impl Fn(&str) -> bool) -> Option<usize> {
    let candidates: Vec<(usize, &str)> = units
        .iter()
        .enumerate()
        .filter(|(_, unit)| {
            unit.is_content()
                && unit.text.chars().filter(|&c| is_han(c)).count() >= 2
                && is_noun(&unit.text)
                && !SHARE_WORDS.contains(&unit.text.as_str())
        })
        .map(|(i, unit)| (i, unit.text.as_str()))
        .collect();
    let mut cues: Vec<Range<usize>> = ["多少", "多大", "多长", "多远", "多久", "多重", "多高"]
        .iter()
        .flat_map(|cue| {
            folded
                .match_indices(cue)
                .map(|(at, cue)| at..at + cue.len())
        })
        .collect();
    cues.extend(how_many_cue(folded));
    for cue in cues {
        // A measure right after the cue (多少人, 多少钱) is what the figure is in: a noun before
        // it (动用多少人) is no more what is counted.
        let measure_follows = measure_after(&folded[cue.end..]).is_some();
        let after = folded[cue.end..].trim_start_matches(|c| MEASURE_CHARS.contains(c));
        let before = folded[..cue.start].trim_end_matches(|c| "是有了的为要能会到还".contains(c));
        // What a distance is from (离民宅多远) is not what is measured.
        let measured_before = |text: &str| {
            before
                .strip_suffix(text)
                .is_some_and(|rest| !rest.ends_with(['离', '距']))
        };
        let found = candidates
            .iter()
            .find(|(_, text)| after.starts_with(text))
            .or_else(|| {
                candidates
                    .iter()
                    .find(|(_, text)| !measure_follows && measured_before(text))
            });
        if let Some(&(i, _)) = found {
            return Some(i);
        }
    }
    None
}

/// For a question asking which one (哪个工厂, 哪家公司, 哪一款车): the content unit right after
/// the cue, what kind of thing is asked for. Not 哪位 (who). Not English "which companies":
/// the narration says who followed (先后跟进) without saying 公司.
fn which_unit(folded: &str, units: &[Unit]) -> Option<usize> {
    for (at, _) in folded.match_indices('哪') {
        let after = folded[at + '哪'.len_utf8()..].trim_start_matches('一');
        let Some(measure) = after.chars().next() else {
            continue;
        };
        if !"个家款种所座条类间部辆只".contains(measure) {
            continue;
        }
        let after = &after[measure.len_utf8()..];
        if let Some(i) = units.iter().position(|unit| {
            unit.is_content()
                && unit.text.chars().count() >= 2
                && after.starts_with(unit.text.as_str())
        }) {
            return Some(i);
        }
    }
    None
}

/// The measure words a figure answering a how-many or how-long question carries, when the
/// question puts one right after its cue: 多少钱 is answered in 元 or 块, 几场 in 场, 多少人 in 人,
/// 位 or 名, 多少比例 in % or 成, 多久 in 小时, 天 or 年. Empty when the cue is followed by a noun
/// (多少员工, [`measured_unit`]) or nothing. English questions say it in words
/// ([`english_measures`]).
fn figure_measures(folded: &str) -> Vec<&'static str> {
    let mut measures: Vec<&'static str> = Vec::new();
    if ["多久", "多长时间"].iter().any(|cue| folded.contains(cue)) {
        measures.extend(DURATION);
    }
    if ["多远", "多少距离"].iter().any(|cue| folded.contains(cue)) {
        measures.extend(DISTANCE);
    }
    let mut cues: Vec<usize> = folded
        .match_indices("多少")
        .map(|(at, _)| at + "多少".len())
        .collect();
    // Right after 几: the orders of magnitude its cue takes in are read below.
    cues.extend(how_many_cue(folded).map(|cue| cue.start + '几'.len_utf8()));
    for end in cues {
        let after = &folded[end..];
        match measure_after(after) {
            Some(found) => measures.extend(found),
            // 几十万, 多少亿 with no measure after: a figure in 万 or 亿 answers it (30万).
            None => measures.extend(
                ["万", "亿"]
                    .into_iter()
                    .filter(|large| after[..magnitudes_at(after)].ends_with(large)),
            ),
        }
    }
    measures.extend(english_measures(folded));
    measures.dedup();
    measures
}

/// The measures a sum of money is stated in.
const MONEY: &[&str] = &["元", "块", "钱"];
/// The measures a count of people is stated in.
const PEOPLE: &[&str] = &["人", "位", "名"];
/// The ways a share is stated.
const SHARE: &[&str] = &["%", "百分之", "成"];

/// What the figure an English how-many question asks for is in: "how many people" (人 位 名),
/// "how much money" or what something costs (元 块 钱), "how long" (a duration), "what share"
/// (% 百分之 成).
fn english_measures(folded: &str) -> Vec<&'static str> {
    const PEOPLE_NOUNS: [&str; 8] = [
        "people",
        "persons",
        "employees",
        "staff",
        "workers",
        "visitors",
        "members",
        "attendees",
    ];
    let words: Vec<&str> = latin_words(folded)
        .into_iter()
        .map(|w| &folded[w])
        .collect();
    let mut measures = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        match pair {
            ["how", "many"] if words.get(i + 2).is_some_and(|n| PEOPLE_NOUNS.contains(n)) => {
                measures.extend(PEOPLE);
            }
            ["how", "much"]
                if words.get(i + 2) == Some(&"money")
                    || words[i + 2..]
                        .iter()
                        .any(|w| matches!(*w, "cost" | "costs")) =>
            {
                measures.extend(MONEY);
            }
            ["how", "long"] => measures.extend(DURATION),
            ["what", "share" | "percentage" | "proportion" | "percent"] => {
                measures.extend(SHARE);
            }
            _ => {}
        }
    }
    measures
}

/// What a figure is in, for the text right after a how-many cue that starts with a measure
/// word (past 个): 钱 → 元 块 钱, 人 → 人 位 名, 比例 → % 百分之 成, 场 → 场. `None` when a
/// noun follows (人口, 员工: what is counted) or nothing.
fn measure_after(after_cue: &str) -> Option<&'static [&'static str]> {
    const DAYS: &[&str] = &["天", "日"];
    let after = after_cue[magnitudes_at(after_cue)..].trim_start_matches('个');
    if SHARE_WORDS.iter().any(|word| after.starts_with(word)) {
        return Some(SHARE);
    }
    let next = after.chars().next()?;
    // 人 of 人口 and 人数, 钱 of 钱包: the start of a noun, which is what is counted.
    let rest = &after[next.len_utf8()..];
    let noun_follows = match next {
        '人' => rest.starts_with(|c: char| "口数均民员工".contains(c)),
        // 名额, 名单: what is counted, not a count of people.
        '名' => rest.starts_with(|c: char| "额单字称次".contains(c)),
        '钱' => rest.starts_with('包'),
        _ => false,
    };
    if noun_follows {
        return None;
    }
    // Places and institutions are counted in 家, 间, 所 or 座 alike (几间博物馆: 60家).
    const PLACES: &[&str] = &["家", "间", "所", "座"];
    match next {
        '钱' | '元' | '块' => Some(MONEY),
        '人' | '位' | '名' => Some(PEOPLE),
        '家' | '间' | '所' | '座' => Some(PLACES),
        '天' | '日' => Some(DAYS),
        _ => {
            let at = ONE_MEASURES
                .iter()
                .position(|m| m.chars().eq(std::iter::once(next)))?;
            Some(&ONE_MEASURES[at..=at])
        }
    }
}

/// Measure words a figure is in on their own (700场, 3千公吨, 三所).
const ONE_MEASURES: [&str; 27] = [
    "场", "家", "次", "辆", "台", "颗", "吨", "种", "项", "条", "座", "间", "届", "期", "批", "部",
    "张", "件", "年", "岁", "株", "份", "篇", "本", "只", "所", "轮",
];

/// What a duration is in: how long (多久) is answered by one.
const DURATION: [&str; 10] = [
    "小时", "分钟", "秒", "天", "日", "周", "星期", "月", "年", "季度",
];

/// The measures a distance is stated in (15公尺, 两公里).
const DISTANCE: [&str; 4] = ["米", "公尺", "公里", "千米"];

/// Words for a share, answered by a percentage (多少比例, 占比多少).
const SHARE_WORDS: [&str; 4] = ["比例", "比重", "占比", "百分比"];

/// Whether a folded question asks for a count or an amount: 多少, 几 before a measure or a
/// noun, "how many", "how much"; which only a figure states. To what degree (什么程度, 多大)
/// may be answered in words.
pub(super) fn asks_count(folded: &str) -> bool {
    ["多少", "how many", "how much"]
        .iter()
        .any(|cue| folded.contains(cue))
        || how_many_cue(folded).is_some()
}

/// 几 followed by a measure word (几吨, 几家), but not 几乎 ("almost"): the byte range of 几
/// and of the orders of magnitude after it (几十万, 几百): the figure asked for, not a word of
/// the question.
fn how_many_cue(content: &str) -> Option<Range<usize>> {
    let mut chars = content.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '几'
            && chars
                .peek()
                .is_some_and(|&(_, next)| is_han(next) && next != '乎')
        {
            let end = at + c.len_utf8();
            return Some(at..end + magnitudes_at(&content[end..]));
        }
    }
    None
}

/// The length in bytes of the orders of magnitude (十, 百, 千, 万, 亿) a text starts with: the
/// rest of a figure asked for after its cue (几十万, 多少万).
fn magnitudes_at(text: &str) -> usize {
    text.len() - text.trim_start_matches(|c| "十百千万亿".contains(c)).len()
}

/// How Chinese writes an English number from one to ten, in Chinese numerals ([`chinese_numeral`],
/// and 两 for two) and in digits (two: 两, 二, 2).
fn chinese_numerals(word: &str) -> Vec<String> {
    const ENGLISH: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let Some(n) = (1u32..)
        .zip(ENGLISH)
        .find(|(_, english)| *english == word)
        .map(|(n, _)| n)
    else {
        return Vec::new();
    };
    let mut numerals = Vec::new();
    if n == 2 {
        numerals.push("两".to_owned());
    }
    numerals.extend(chinese_numeral(n));
    numerals.push(n.to_string());
    numerals
}

/// The word with its numbers in Chinese numerals written in digits (五月份 → 5月份, 二十一单 →
/// 21单, 四十万 → 40万, 二〇二三年 → 2023年), or `None` when it has no such number. A lone 一
/// is left alone: 一样 and 统一 hold no number.
pub(super) fn arabic_numerals(word: &str) -> Option<String> {
    const DIGITS: &str = "〇零一二三四五六七八九";
    const NUMERALS: &str = "〇零一二三四五六七八九十百千两";
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if !NUMERALS.contains(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && NUMERALS.contains(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if run == ['一'] {
            out.push('一');
            continue;
        }
        let digit = |c: char| match c {
            '〇' | '零' => Some(0),
            '两' => Some(2),
            _ => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|at| at as u64 + 1),
        };
        let value = if run.iter().all(|&c| DIGITS.contains(c)) {
            // Digit by digit: 二〇二三.
            run.iter()
                .filter_map(|&c| digit(c))
                .fold(0, |value, d| value * 10 + d)
        } else {
            let (mut value, mut pending) = (0u64, 0u64);
            for &c in run {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    '千' => 1000,
                    _ => {
                        pending = digit(c).unwrap_or(0);
                        continue;
                    }
                };
                value += pending.max(u64::from(c == '十' && pending == 0)) * unit;
                pending = 0;
            }
            value + pending
        };
        out += &value.to_string();
        changed = true;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_read_as_its_holder_writes_it() {
        // A mainland 首席执行官 folds to 首席运行官, in the question and in the role alike;
        // Taiwan's 執行長 folds to 首席执行官.
        for (question, role) in [
            ("恒锂的首席执行官怎么看", "恒锂能源首席执行官"),
            ("恒锂的執行長怎么看", "恒锂能源執行長"),
            ("恒锂的CEO怎么看", "恒锂能源CEO"),
        ] {
            let folded = crate::normalize::fold(question);
            let end = "恒锂".len();
            let title = title_after(&folded, end, &crate::normalize::fold(role));
            assert!(title.is_some(), "{question}: {folded}");
        }
        assert_eq!(
            title_after("恒锂的董事长怎么看", "恒锂".len(), "恒锂能源总裁"),
            None
        );
    }

    #[test]
    fn word_lists_are_written_as_questions_fold() {
        crate::normalize::assert_written_as_folded([
            ("EVENT_WORDS", EVENT_WORDS.to_vec()),
            ("SCENE_WORDS", SCENE_WORDS.to_vec()),
            ("ENGLISH_SCENE_WORDS", ENGLISH_SCENE_WORDS.to_vec()),
            ("EVENT_VERBS", EVENT_VERBS.to_vec()),
            ("SOURCE_VERBS", SOURCE_VERBS.to_vec()),
            ("LEADER_WORDS", LEADER_WORDS.to_vec()),
            ("LEADER_TITLES", LEADER_TITLES.to_vec()),
            ("TITLES", TITLES.to_vec()),
            ("MONEY", MONEY.to_vec()),
            ("PEOPLE", PEOPLE.to_vec()),
            ("SHARE", SHARE.to_vec()),
            ("ONE_MEASURES", ONE_MEASURES.to_vec()),
            ("DURATION", DURATION.to_vec()),
            ("SHARE_WORDS", SHARE_WORDS.to_vec()),
            ("MEASURE_CHARS", crate::normalize::characters(MEASURE_CHARS)),
        ]);
    }

    #[test]
    fn chinese_numerals_become_digits() {
        let check = |word: &str, expected: Option<&str>| {
            assert_eq!(arabic_numerals(word).as_deref(), expected, "{word}");
        };
        check("五月份", Some("5月份"));
        check("二十一单", Some("21单"));
        check("十二辆", Some("12辆"));
        check("一百二十", Some("120"));
        check("六百辆", Some("600辆"));
        check("四十万", Some("40万"));
        check("两千", Some("2000"));
        check("二〇二三年", Some("2023年"));
        check("三成", Some("3成"));
        check("一样", None);
        check("统一", None);
        check("价格", None);
    }

    #[test]
    fn the_next_or_last_of_something_recurring() {
        let check = |content: &str, starts: &[usize], expected: Option<(&str, [&str; 2])>| {
            let starts: HashSet<usize> = starts.iter().copied().collect();
            let found = relative_occurrence(content, |at| starts.contains(&at));
            let found = found
                .as_ref()
                .map(|(span, [a, b])| (&content[span.clone()], [a.as_str(), b.as_str()]));
            assert_eq!(found, expected, "{content}");
        };
        check(
            "下一届论坛在哪里办",
            &[0, 9, 15],
            Some(("下一届", ["下一届", "下届"])),
        );
        check("上届冠军是谁", &[0, 6], Some(("上届", ["上一届", "上届"])));
        // Not where no word starts (线上一场 is one online event), nor before another word.
        check("线上一场活动", &[0, 6, 12], None);
        check("下一步怎么走", &[0, 9], None);
    }

    #[test]
    fn english_how_many_questions_say_what_the_figure_is_in() {
        assert_eq!(
            english_measures("how many people work at hefeng?"),
            ["人", "位", "名"]
        );
        assert_eq!(
            english_measures("how much does a 3d scan cost?"),
            ["元", "块", "钱"]
        );
        assert_eq!(
            english_measures("what share of the budget do fees cover?"),
            ["%", "百分之", "成"]
        );
        assert_eq!(english_measures("how long is the wait?"), DURATION);
        // What is counted is a noun the passage holds, not a measure.
        assert!(english_measures("how many stores does it have?").is_empty());
        assert!(english_measures("how much did prices rise?").is_empty());
    }

    #[test]
    fn an_indirect_question_does_not_ask_who() {
        assert!(
            !read_kind("the host's remark about who should carry the risk", &[])
                .0
                .who
        );
        assert!(
            !read_kind("what did she say on whom the cost falls?", &[])
                .0
                .who
        );
        assert!(read_kind("who talked about the risk?", &[]).0.who);
    }

    #[test]
    fn is_there_anyone_asks_who_unless_it_asks_who_knows() {
        let kind = read_kind("有没有人不看好中小团队自己做官网商城", &[]).0;
        assert!(kind.who && kind.negation);
        assert!(!read_kind("有没有人记得周总说请主播要多少钱", &[]).0.who);
        assert!(!read_kind("有没有人知道报名费多少", &[]).0.who);
    }

    #[test]
    fn the_end_of_a_contraction_is_no_word() {
        let end = |text: &str, word: &str| {
            let start = text.rfind(word).expect("the word is in the text");
            is_contraction_end(text, start..start + word.len())
        };
        assert!(end("they're upfront", "re"));
        assert!(end("we’ll see", "ll"));
        // A pinyin syllable on its own is a word (耐热甘蓝).
        assert!(!end("nai re gan lan", "re"));
        assert!(!end("they're", "they"));
    }

    #[test]
    fn won_t_is_a_negation_and_won_a_word() {
        assert!(read_kind("who won't back the plan?", &[]).0.negation);
        assert!(read_kind("who won’t back the plan?", &[]).0.negation);
        assert!(!read_kind("who won the race?", &[]).0.negation);
        assert!(!is_stopword("won"));
    }

    #[test]
    fn titles_point_at_someone() {
        assert!(is_title("董事长"));
        assert!(is_title("局长"));
        assert!(!is_title("主持人"));
        assert!(!is_title("董事长说"));
    }

    #[test]
    fn a_not_a_asks_about_its_second_half() {
        let halves = |text: &str| -> Vec<String> {
            a_not_a(text)
                .into_iter()
                .map(|range| text[range].to_owned())
                .collect()
        };
        assert_eq!(halves("门票收入够不够付开销"), ["够不"]);
        assert_eq!(halves("看便不便宜"), ["便不"]);
        assert_eq!(halves("有没有钱"), Vec::<String>::new());
        assert_eq!(halves("会不会上市"), Vec::<String>::new());
        assert_eq!(halves("不得不"), Vec::<String>::new());
    }

    /// A unit of question words, of weight 1, that the forum has.
    fn unit(text: &str) -> Unit {
        Unit {
            text: text.to_owned(),
            matcher: Matcher::Text {
                forms: Vec::new(),
                grams: Vec::new(),
            },
            weight: 1.0,
            found: 1.0,
        }
    }

    #[test]
    fn which_one_asks_for_a_kind_of_thing() {
        let check = |folded: &str, words: &[&str], expected: Option<&str>| {
            let units: Vec<Unit> = words.iter().map(|w| unit(w)).collect();
            let which = which_unit(folded, &units);
            assert_eq!(which.map(|i| words[i]), expected, "{folded}");
        };
        check(
            "碳板鞋是在哪个工厂生产的",
            &["碳板鞋", "工厂", "生产"],
            Some("工厂"),
        );
        check("他们跟哪一家银行合作", &["合作", "银行"], Some("银行"));
        // 哪位 asks who; 哪里 where: neither names a kind of thing.
        check("哪位嘉宾不看好数字藏品", &["嘉宾", "数字藏品"], None);
        check("冷库建在哪里", &["冷库", "建"], None);
    }

    #[test]
    fn the_next_edition_is_the_one_after_the_events_own() {
        let names = ["第二届澄川文博产业大会".to_owned(), "第12届书展".to_owned()];
        assert_eq!(
            editions_from(&names, "下一届"),
            ["第3届", "第三届", "第13届", "第十三届"]
        );
        assert_eq!(
            editions_from(&names, "上届"),
            ["第1届", "第一届", "第11届", "第十一届"]
        );
        // Another measure than the name's (下一场) names no edition of it.
        assert!(editions_from(&names, "下一场").is_empty());
    }

    #[test]
    fn phrases_are_looked_up_with_spaces_and_with_hyphens() {
        assert_eq!(
            phrase_forms(&["entry", "levels"]),
            ["entry levels", "entry-levels", "entry level", "entry-level"]
        );
        assert_eq!(phrase_forms(&["fees"]), ["fees", "fee"]);
    }

    #[test]
    fn cues_and_stopwords_are_written_as_questions_fold() {
        // A question is folded before it is read (呵呵 reads 嗬嗬, 几时 reads 什么时候): a word
        // listed otherwise is never met.
        crate::normalize::assert_written_as_folded([
            ("stopwords", stopwords().iter().copied().collect()),
            ("HAN_CUES", HAN_CUES.iter().map(|(cue, _)| *cue).collect()),
        ]);
    }

    #[test]
    fn more_of_an_organisations_name_after_its_short_name() {
        let more = |rest: &str| {
            more_of_name(rest, "绿穗青农合作社", "理事主席").map(|m| (m.length, m.from_role))
        };
        assert_eq!(more("合作社的主席说"), Some(("合作社".len(), false)));
        assert_eq!(more("的主席说"), None);
        let more = |rest: &str| {
            more_of_name(rest, "台湾输配电公司", "调度处处长").map(|m| (m.length, m.from_role))
        };
        assert_eq!(more("调度处怎么看"), Some(("调度处".len(), true)));
        // The whole name again is not more of it.
        assert_eq!(
            more_of_name("恒锂能源", "恒锂能源", "总经理").map(|m| m.length),
            None
        );
    }

    #[test]
    fn numbers_in_chinese_numerals() {
        let numerals: Vec<Option<String>> = [1, 3, 10, 12, 20, 21, 99, 100]
            .into_iter()
            .map(chinese_numeral)
            .collect();
        let expected = ["一", "三", "十", "十二", "二十", "二十一", "九十九"];
        for (got, want) in numerals.iter().zip(expected) {
            assert_eq!(got.as_deref(), Some(want));
        }
        assert_eq!(numerals[7], None);
        // The numerals read back as the number.
        assert_eq!(arabic_numerals("第二十一届").as_deref(), Some("第21届"));
    }

    #[test]
    fn a_short_form_of_an_event_keeps_its_order_and_its_end() {
        assert!(is_subsequence("文博会", "第二届澄川文博产业大会"));
        assert!(is_subsequence("能源论坛", "2025台湾能源转型论坛"));
        assert!(!is_subsequence("博文会", "第二届澄川文博产业大会"));
        assert!(asks_where("文博会在哪个城市举行"));
        assert!(asks_where("where was it held"));
        assert!(!asks_where("文博会是哪天开的"));
    }

    #[test]
    fn the_measure_a_figure_is_asked_in() {
        assert_eq!(figure_measures("报名费多少钱啊"), ["元", "块", "钱"]);
        assert_eq!(figure_measures("一年有多少人来看"), ["人", "位", "名"]);
        assert_eq!(figure_measures("去年办了几场比赛"), ["场"]);
        assert_eq!(figure_measures("冷库能放几吨"), ["吨"]);
        // 间, 家, 所, 座 count places alike: 几间博物馆 is answered by 60家.
        assert_eq!(
            figure_measures("全市有几间博物馆"),
            ["家", "间", "所", "座"]
        );
        assert_eq!(figure_measures("来了几个人"), ["人", "位", "名"]);
        // 名额 is what is counted, as 人数 is.
        assert!(figure_measures("每天能加多少个名额").is_empty());
        // A noun after the cue is what is counted, not a measure (多少人口, 多少员工).
        assert!(figure_measures("城市有多少人口").is_empty());
        assert!(figure_measures("请了多少员工").is_empty());
        assert!(figure_measures("价格是多少").is_empty());
        assert_eq!(figure_measures("外地跑者占多少比例"), ["%", "百分之", "成"]);
        assert!(figure_measures("封路要多久").contains(&"小时"));
        // Orders of magnitude after the cue are the figure asked for: 几十万元 is in 元.
        assert_eq!(figure_measures("一年赔几十万元"), ["元", "块", "钱"]);
        assert_eq!(figure_measures("能来几千人"), ["人", "位", "名"]);
        assert_eq!(figure_measures("会不会亏几十万"), ["万"]);
        assert!(figure_measures("来过几十次").contains(&"次"));
        assert!(figure_measures("要离民宅多远").contains(&"公尺"));
    }

    #[test]
    fn a_count_is_asked_by_how_many_not_by_to_what_degree() {
        assert!(asks_count("特展的票价是多少"));
        assert!(asks_count("台上有几位嘉宾"));
        assert!(asks_count("how many games did they launch"));
        assert!(!asks_count("对scaling law的认识会细到什么程度"));
        assert!(!asks_count("影响有多大"));
        assert!(!asks_count("几乎没人提"));
    }

    #[test]
    fn what_a_how_many_question_counts() {
        let nouns = ["员工", "奖金", "冰箱贴", "民宅", "跑道", "储能案场"];
        let check = |folded: &str, words: &[&str], expected: Option<&str>| {
            let units: Vec<Unit> = words.iter().map(|w| unit(w)).collect();
            let measured = measured_unit(folded, &units, |w| nouns.contains(&w));
            assert_eq!(measured.map(|i| words[i]), expected, "{folded}");
        };
        // After the cue, past a measure word; or before it, past 是, 有, 了.
        check("恒锂请了多少员工", &["恒锂", "员工"], Some("员工"));
        check("跑道有多长", &["跑道"], Some("跑道"));
        check("一年卖出多少个冰箱贴", &["卖出", "冰箱贴"], Some("冰箱贴"));
        check("冠军奖金是多少", &["冠军", "奖金"], Some("奖金"));
        // Not a time or a hedge, and not a one-character word: 钱 is answered by 元.
        check("激光雷达现在多少钱", &["激光雷达", "现在", "钱"], None);
        check("报名费大概多少", &["报名费", "大概"], None);
        // What a distance is from is not what is measured.
        check("储能案场要离民宅多远", &["储能案场", "民宅"], None);
    }
}
