//! Attributing paragraphs: whose words or views each body paragraph mainly reports.
//!
//! Every person the paragraph names (by name, surname + title, company + role) and every
//! 他/她 that stands for someone is scored by how the sentence treats them: the subject of the
//! paragraph's first clause, a reporting verb after them (表示, 認為, 稱, 坦言…), `在X看來`,
//! `X的看法是`, a quotation they are said to say. An object (抛给了X, 与X不同), someone inside
//! a quotation, and people named together (A和B進行了對話) count for little or nothing. The
//! highest score wins when it is clear; a question and its answer go to the one who answers.
//! A paragraph that names nobody continues the paragraph before when it opens with 他/她 or a
//! continuation (一方面…), and is narration otherwise. Transcript turns go to their prefix; an
//! answer (A：, 答：) to the one its question addresses (Q：叶老板，…), else in an interview to
//! the one interviewed, else to whoever answered last; prose between turns that reports
//! someone else is theirs, not the turn's. Whatever a rule could not settle firmly carries a
//! reason for review.

use std::ops::Range;

use super::patterns::{
    closing_quote, is_clause_break, is_sentence_end, CONTINUATIONS, COORDINATORS, INTERVIEW_VERBS,
    QUESTION_VERBS, REPORTING_VERBS, SPEECHES, TITLES, UNNAMED_PEOPLE, VIEW_NOUNS,
};
use super::people::{
    introduction_start, read_prefix, surname_of, turn_prefix, Names, Person, Prefix,
};
use super::text::Folded;
use crate::knowledge::Voice;

/// One body paragraph, as attribution sees it.
#[derive(Debug, Clone)]
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// The section (heading) it belongs to: a change of section ends a carried-over speaker.
    pub section: usize,
}

/// Who a paragraph is credited to, in what voice, and why it needs a look if it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Index into the people.
    pub speaker: Option<usize>,
    pub voice: Voice,
    pub review: Option<String>,
}

/// Weights of the evidence for a person in a paragraph.
const SUBJECT_FIRST_CLAUSE: f32 = 2.0;
const SUBJECT: f32 = 1.0;
const AFTER_COPULA: f32 = 0.5;
const ELSEWHERE: f32 = 0.3;
const REPORTED: f32 = 3.0;
const ASKED: f32 = 1.0;
/// A person needs this much to be credited with a paragraph.
const ENOUGH: f32 = 2.0;
/// The winner must lead the next person by this much, or nobody has the larger share.
const MARGIN: f32 = 1.0;
/// Characters after a name where its reporting verb may be (李大海選擇依然堅信).
const VERB_WINDOW: usize = 12;
/// A quotation this long, in characters, is someone's words rather than a term in quotes.
const SPEECH_QUOTE_CHARS: usize = 12;

/// Attributes every paragraph, in order (a paragraph may carry the speaker of the one before).
pub fn attribute(paragraphs: &[Paragraph], people: &[Person], names: &[Names]) -> Vec<Attribution> {
    let folded: Vec<Folded> = paragraphs.iter().map(|p| Folded::new(p.text)).collect();
    let transcript = is_transcript(&folded);
    let interviewee = interviewee(&folded, names);
    let mut result: Vec<Attribution> = Vec::with_capacity(paragraphs.len());
    let mut last_question: Option<usize> = None;
    let mut last_answerer: Option<usize> = None;
    // The speaker of the transcript turn in progress, which a paragraph without a prefix
    // continues (a long turn split over paragraphs).
    let mut turn: Option<usize> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let text = &folded[index];
        let same_section = index > 0 && paragraphs[index - 1].section == paragraph.section;
        let previous = result
            .last()
            .filter(|_| same_section)
            .and_then(|r: &Attribution| r.speaker);
        if !same_section {
            turn = None;
        }
        // A report's questions and answers (问：…, 答：…) are turns too, as a transcript's.
        let prefixed = turn_prefix(text)
            .filter(|(prefix, _)| {
                transcript
                    || matches!(
                        read_prefix(text, prefix.clone()),
                        Prefix::Question | Prefix::Answer(_)
                    )
            })
            .and_then(|(prefix, _)| {
                let kind = read_prefix(text, prefix.clone());
                let question = last_question.map(|q| &folded[q]);
                let answerers = Answerers {
                    last: last_answerer,
                    interviewee,
                };
                attribute_turn(text, prefix, people, names, question, answerers)
                    .map(|attribution| (kind, attribution))
            });
        let floor = prefixed
            .is_none()
            .then(|| gives_the_floor(text, names))
            .flatten();
        let attribution = match (prefixed, floor) {
            (_, Some((speaker, attribution))) => {
                turn = Some(speaker);
                attribution
            }
            (Some((kind, attribution)), None) => {
                if kind == Prefix::Question {
                    last_question = Some(index);
                } else if let Some(speaker) = attribution.speaker.filter(|&s| !people[s].host) {
                    last_answerer = Some(speaker);
                }
                turn = attribution.speaker;
                if question_start(text) == text.len() {
                    // A turn's head alone (郑浩 00:42): the words follow it.
                    Attribution {
                        speaker: None,
                        voice: Voice::Narration,
                        review: None,
                    }
                } else {
                    attribution
                }
            }
            (None, None) => match turn {
                Some(speaker) if !is_stage_direction(text) && turn_prefix(text).is_none() => {
                    // Prose between turns that reports someone else (黎光明透露…) is no part
                    // of the turn; a paragraph in the first person is.
                    let prose = attribute_prose(text, names, previous, people);
                    let reports_another = prose.review.is_none()
                        && prose.speaker.is_some_and(|other| other != speaker)
                        && !in_first_person(text);
                    if reports_another {
                        turn = None;
                        prose
                    } else {
                        Attribution {
                            speaker: Some(speaker),
                            voice: Voice::Quote,
                            review: None,
                        }
                    }
                }
                // A prefix that names nobody known (时间：, 与谈人：, or an unnamed 主持人：)
                // is the transcript's own note.
                _ if transcript && turn_prefix(text).is_some() => {
                    turn = None;
                    Attribution {
                        speaker: None,
                        voice: Voice::Narration,
                        review: None,
                    }
                }
                _ => {
                    if !is_stage_direction(text) {
                        turn = None;
                    }
                    attribute_prose(text, names, previous, people)
                }
            },
        };
        result.push(attribution);
    }
    result
}

/// A report giving someone the floor, as digests of views and speeches do: a headline led by
/// its speaker (翼达无人机CEO 黄子轩：三年内会盈利), which is their view, a line naming only
/// them (邓文杰（天府农商银行行长）), or one announcing their speech (以下为何志平的发言实录：),
/// which are not. Returns the speaker and the line's own attribution; the paragraphs after it
/// are the speaker's turn.
fn gives_the_floor(text: &Folded, names: &[Names]) -> Option<(usize, Attribution)> {
    let headline = turn_prefix(text).and_then(|(prefix, content)| {
        let Prefix::Named(words) = read_prefix(text, prefix) else {
            return None;
        };
        let speaker = resolve(&words, names)?;
        let headline =
            content < text.len() && !(content..text.len()).any(|i| is_sentence_end(text.chars[i]));
        headline.then_some(speaker)
    });
    if let Some(speaker) = headline {
        let attribution = Attribution {
            speaker: Some(speaker),
            voice: Voice::Paraphrase,
            review: None,
        };
        return Some((speaker, attribution));
    }
    let narration = Attribution {
        speaker: None,
        voice: Voice::Narration,
        review: None,
    };
    let found = mentions(text, names);
    if let Some(speaker) = only_names(text, &found) {
        return Some((speaker, narration));
    }
    // The announcement is the paragraph's last sentence, ending in a colon; the speaker may
    // be named in it or before it (…董事长方启明发表主题演讲。以下为演讲全文：).
    let last = (0..text.len()).rev().find(|&i| text.chars[i] != ' ')?;
    if text.chars[last] != ':' {
        return None;
    }
    let sentence = (0..last)
        .rev()
        .find(|&i| is_sentence_end(text.chars[i]))
        .map_or(0, |end| end + 1);
    if !(sentence..last).any(|at| text.match_any(at, SPEECHES).is_some()) {
        return None;
    }
    let speaker = found.first()?.person;
    found
        .iter()
        .all(|m| m.person == speaker)
        .then_some((speaker, narration))
}

/// A transcript: at least a third of the paragraphs are `prefix：` turns.
fn is_transcript(paragraphs: &[Folded]) -> bool {
    let turns = paragraphs
        .iter()
        .filter(|p| turn_prefix(p).is_some())
        .count();
    turns >= 2 && turns * 3 >= paragraphs.len()
}

/// A line holding one person's name, and at most who they are in brackets (林建宏（鸿泰精密
/// 董事长）, 许文馨、), given its mentions: the person. It says nothing itself; in a list of who takes part the
/// next line names the next, and over a digest's part its words follow.
fn only_names(text: &Folded, found: &[Mention]) -> Option<usize> {
    let mention = found.first()?;
    if found.iter().any(|m| m.person != mention.person) {
        return None;
    }
    let mut end = text.len();
    while end > 0 && (is_clause_break(text.chars[end - 1]) || text.chars[end - 1] == ' ') {
        end -= 1;
    }
    // The bracket may open right after the name, or inside the mention when it holds
    // another form of the name (张丽莎（Lisa Chang）).
    let only = mention.range.start == 0
        && match (0..end).find(|&i| text.chars[i] == '(') {
            None => mention.range.end >= end,
            Some(open) => {
                open <= mention.range.end
                    && text.chars[end - 1] == ')'
                    && !(open..end).any(|i| is_sentence_end(text.chars[i]))
            }
        };
    only.then_some(mention.person)
}

/// Whether a paragraph speaks as 我 or 我们 outside quotations.
fn in_first_person(text: &Folded) -> bool {
    let quotes = quotations(text);
    (0..text.len()).any(|i| text.chars[i] == '我' && !quotes.iter().any(|q| q.contains(&i)))
}

/// `（掌声）`, `[笑]`: a bracketed line in a transcript is nobody's words.
fn is_stage_direction(text: &Folded) -> bool {
    matches!(text.chars.first(), Some('(' | '[' | '【'))
        && matches!(text.chars.last(), Some(')' | ']' | '】'))
}

/// Who answers a question that names nobody.
#[derive(Debug, Clone, Copy)]
struct Answerers {
    /// Whoever answered last.
    last: Option<usize>,
    /// The person the text is an interview with.
    interviewee: Option<usize>,
}

/// The person a text is an interview with: the first person named after 专访, 采访… in the
/// same sentence (记者专访了贝壳动物医院创始人、院长谭思远) before the first transcript turn.
fn interviewee(paragraphs: &[Folded], names: &[Names]) -> Option<usize> {
    paragraphs
        .iter()
        .take_while(|text| turn_prefix(text).is_none())
        .find_map(|text| {
            let found = mentions(text, names);
            (0..text.len()).find_map(|at| {
                let verb = text.match_any(at, INTERVIEW_VERBS)?;
                let from = at + verb.chars().count();
                let sentence_end = (from..text.len())
                    .find(|&i| is_sentence_end(text.chars[i]))
                    .unwrap_or(text.len());
                found
                    .iter()
                    .find(|m| (from..sentence_end).contains(&m.range.start))
                    .map(|m| m.person)
            })
        })
}

/// A transcript turn: the prefix names the speaker, or asks, or answers.
fn attribute_turn(
    text: &Folded,
    prefix: Range<usize>,
    people: &[Person],
    names: &[Names],
    last_question: Option<&Folded>,
    answerers: Answerers,
) -> Option<Attribution> {
    match read_prefix(text, prefix.clone()) {
        // A question with its answer in the same paragraph goes to the one who answers.
        Prefix::Question => match answer_within(text, prefix.end) {
            Some((answer, bracket)) => {
                Some(match bracket.and_then(|words| resolve(&words, names)) {
                    Some(speaker) => said_by(speaker),
                    None => answered(
                        addressed(text, question_start(text)..answer, names),
                        answerers,
                    ),
                })
            }
            None => Some(Attribution {
                speaker: None,
                voice: Voice::Narration,
                review: None,
            }),
        },
        Prefix::Answer(answerer) => {
            // 答（周启航）：… names who answers.
            if let Some(speaker) = answerer.and_then(|words| resolve(&words, names)) {
                return Some(said_by(speaker));
            }
            let addressed =
                last_question.and_then(|q| addressed(q, question_start(q)..q.len(), names));
            Some(answered(addressed, answerers))
        }
        Prefix::Named(words) => {
            let speaker = resolve(&words, names).or_else(|| by_surname(&words, people))?;
            // 主持人：台南大學交通管理學系教授 王志豪 says who hosts; it is no speech.
            let content = question_start(text)..text.len();
            let names_only = !content.clone().any(|i| is_sentence_end(text.chars[i]))
                && text
                    .slice(content)
                    .contains(&super::text::fold(&people[speaker].name));
            Some(Attribution {
                speaker: (!names_only).then_some(speaker),
                voice: if names_only {
                    Voice::Narration
                } else {
                    Voice::Quote
                },
                review: None,
            })
        }
    }
}

/// Where a question's words start, after its prefix (Q：).
fn question_start(question: &Folded) -> usize {
    turn_prefix(question).map_or(0, |(_, content)| content)
}

/// The one person a question is put to, if it addresses exactly one: named first (罗老师，…,
/// 苏校长您好), after a word of asking (请问林总…, 再请教邱律师), or followed by a comma, 您 or
/// the question itself (苏校长怎么看). Someone the question only talks about (刚才黎秘书长提到…，
/// 您怎么看) is not addressed.
fn addressed(question: &Folded, range: Range<usize>, names: &[Names]) -> Option<usize> {
    const ASKING: &[&str] = &["请问", "请教", "想问", "问一下", "问问"];
    const ASKED: &[&str] = &[
        "怎么",
        "如何",
        "有什么",
        "有没有",
        "能不能",
        "会不会",
        "是否",
        "呢",
        "您",
        "你",
    ];
    let vocative = |mention: &Mention| {
        let before: String = question.chars[range.start..mention.range.start]
            .iter()
            .filter(|&&c| c != ' ')
            .collect();
        let opens = before.is_empty()
            || (before.chars().count() <= 6 && ASKING.iter().any(|a| before.ends_with(a)));
        let called = matches!(question.chars.get(mention.range.end), Some(',' | '!' | '?'))
            || question.match_any(mention.range.end, ASKED).is_some();
        opens || called
    };
    let mut people: Vec<usize> = mentions(question, names)
        .into_iter()
        .filter(|m| range.contains(&m.range.start) && vocative(m))
        .map(|m| m.person)
        .collect();
    people.dedup();
    (people.len() == 1).then(|| people[0])
}

/// An answer: to the person the question named, else in an interview to the one interviewed
/// (unless someone else has answered since), else to whoever answered last.
fn answered(addressed: Option<usize>, answerers: Answerers) -> Attribution {
    let interviewed = answerers
        .interviewee
        .filter(|&person| answerers.last.is_none_or(|last| last == person));
    let (speaker, review) = match (addressed.or(interviewed), answerers.last) {
        (Some(person), _) => (Some(person), None),
        (None, Some(person)) => (
            Some(person),
            Some("an answer that names nobody: credited to the last to answer".to_owned()),
        ),
        (None, None) => (
            None,
            Some("an answer that names nobody, and nobody has answered before".to_owned()),
        ),
    };
    Attribution {
        voice: if speaker.is_some() {
            Voice::Quote
        } else {
            Voice::Narration
        },
        speaker,
        review,
    }
}

/// A turn in the words of the one person named.
fn said_by(speaker: usize) -> Attribution {
    Attribution {
        speaker: Some(speaker),
        voice: Voice::Quote,
        review: None,
    }
}

/// The most characters an answer's prefix holds with its bracket (答（周启航总经理）).
const ANSWER_PREFIX_CHARS: usize = 16;

/// Where an answer prefix (A：, 答：, 答（周启航）：) starts inside a question's paragraph, after
/// the question, and who its bracket names, as [`read_prefix`] reads them.
fn answer_within(text: &Folded, from: usize) -> Option<(usize, Option<String>)> {
    (from + 1..text.len()).find_map(|at| {
        let before = text.chars[at - 1];
        if !(is_sentence_end(before) || before == ' ') {
            return None;
        }
        let colon =
            (at + 1..text.len().min(at + ANSWER_PREFIX_CHARS)).find(|&i| text.chars[i] == ':')?;
        match read_prefix(text, at..colon) {
            Prefix::Answer(answerer) => Some((at, answerer)),
            _ => None,
        }
    })
}

/// The person a prefix names: a reference form (林晓川, 林总, 主持人, Amy of Amy Chen), one
/// ending the prefix (主持人 周宁, 驭途科技创始人 林晓川), or one followed by a title (黄国栋
/// 资讯长).
fn resolve(words: &str, names: &[Names]) -> Option<usize> {
    let joined = |r: &String| r.replace(' ', "");
    let exact = names
        .iter()
        .position(|n| n.references.iter().any(|r| joined(r) == words));
    let ending = || {
        names.iter().position(|n| {
            n.references
                .iter()
                .any(|r| r.chars().count() >= 2 && words.ends_with(joined(r).as_str()))
        })
    };
    let titled = || {
        names.iter().position(|n| {
            n.references.iter().any(|r| {
                r.chars().count() >= 2
                    && words
                        .strip_prefix(joined(r).as_str())
                        .is_some_and(|title| TITLES.contains(&title))
            })
        })
    };
    exact.or_else(ending).or_else(titled)
}

/// The one person whose surname a prefix is (叶：, in an interview with 叶书豪).
fn by_surname(words: &str, people: &[Person]) -> Option<usize> {
    exactly_one((0..people.len()).filter(|&p| {
        let name = &people[p].name;
        let surname = surname_of(name);
        surname.len() < name.len() && super::text::fold(surname) == words
    }))
}

/// The one item there is, if there is exactly one.
fn exactly_one<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    match (items.next(), items.next()) {
        (Some(item), None) => Some(item),
        _ => None,
    }
}

/// A mention of a person in a paragraph, in folded characters.
#[derive(Debug, Clone)]
struct Mention {
    person: usize,
    range: Range<usize>,
}

/// Every mention of a person outside quotations, longest form first where they overlap, and
/// consecutive forms of the same person (智源研究院院長 + 王仲遠, 黄志明（Raymond Huang）) joined.
fn mentions(text: &Folded, names: &[Names]) -> Vec<Mention> {
    let quotes = quotations(text);
    let mut found: Vec<Mention> = Vec::new();
    for (person, names) in names.iter().enumerate() {
        for reference in &names.references {
            let len = reference.chars().count();
            for at in text.find_all(reference) {
                found.push(Mention {
                    person,
                    range: at..at + len,
                });
            }
        }
    }
    found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.len())));
    let mut kept: Vec<Mention> = Vec::new();
    for mention in found {
        if quotes.iter().any(|q| q.contains(&mention.range.start)) {
            continue;
        }
        match kept.last_mut() {
            Some(last) if mention.range.start < last.range.end => {}
            Some(last)
                if last.person == mention.person
                    && text.chars[last.range.end..mention.range.start]
                        .iter()
                        .all(|&c| c == ' ' || c == '(') =>
            {
                last.range.end = mention.range.end;
            }
            _ => kept.push(mention),
        }
    }
    kept
}

/// The spans inside quotation marks (「…」, “…”, "…"), marks included.
fn quotations(text: &Folded) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut at = 0;
    while at < text.len() {
        match closing_quote(text.chars[at]) {
            Some(close) => {
                let end = (at + 1..text.len())
                    .find(|&i| text.chars[i] == close)
                    .map_or(text.len(), |i| i + 1);
                spans.push(at..end);
                at = end;
            }
            None => at += 1,
        }
    }
    spans
}

/// A paragraph of prose: the person with the most evidence, or a carried-over speaker, or
/// nobody.
fn attribute_prose(
    text: &Folded,
    names: &[Names],
    previous: Option<usize>,
    people: &[Person],
) -> Attribution {
    let quotes = quotations(text);
    let outside = |i: usize| !quotes.iter().any(|q| q.contains(&i));
    let mut events: Vec<(Range<usize>, Option<usize>)> = mentions(text, names)
        .into_iter()
        .map(|m| (m.range, Some(m.person)))
        .collect();
    for at in pronouns(text) {
        if outside(at) {
            events.push((at..at + 1, None));
        }
    }
    events.sort_by_key(|(range, _)| range.start);

    let mut scores = vec![0.0f32; names.len()];
    let mut reported = vec![false; names.len()];
    let mut asked = vec![false; names.len()];
    let mut subject: Option<usize> = None;
    let mut last_named: Option<usize> = None;
    // Where the last person named ends, to tell whether someone unnamed came after them.
    let mut named_until = 0;
    let mut opened_with_pronoun = false;
    for (index, (range, person)) in events.iter().enumerate() {
        let is_pronoun = person.is_none();
        let coordinated = !is_pronoun && is_coordinated(text, &events, index);
        if coordinated {
            continue;
        }
        // 青溪县文化和旅游局副局长杜红梅透露: the clause opens with the introduction.
        let introduced_from = introduction_start(text, range.start);
        let start = opening_of(text, introduced_from);
        let looks_ahead = events.get(index + 1).map_or(text.len(), |(r, _)| r.start);
        // 她是…的老板 says who she is, not what she says.
        let identifies = is_pronoun && text.chars.get(range.end) == Some(&'是');
        let clause_start = !identifies
            && (start == 0
                || is_clause_start(text, start)
                || text.chars[..range.start].ends_with(&['在'])
                || text.chars[..range.start].ends_with(&['据']));
        let first_sentence =
            !(0..range.start).any(|i| is_sentence_end(text.chars[i]) && outside(i));
        // 他/她 stands for the person it is said to be (他是…合伙人邵明哲), else the
        // paragraph's subject so far, else the last person named in it, else the speaker of
        // the paragraph before.
        let identified = events
            .get(index + 1)
            .filter(|(next, _)| identifies && introduction_start(text, next.start) == range.end + 1)
            .and_then(|(_, next)| *next);
        let who = match person {
            Some(person) => *person,
            // 一名乘客说，她…: the pronoun is someone unnamed, nobody's words.
            None if identified.is_none() && unnamed_between(text, named_until, range.start) => {
                continue
            }
            None => match identified.or(subject).or(last_named).or(previous) {
                Some(person) => person,
                None => continue,
            },
        };
        if person.is_some() {
            last_named = Some(who);
            named_until = range.end;
        }
        if is_pronoun && start == 0 {
            opened_with_pronoun = true;
        }
        let after_copula = text.chars[..introduced_from].ends_with(&['是']);
        let mut score = if clause_start && first_sentence {
            SUBJECT_FIRST_CLAUSE
        } else if clause_start {
            SUBJECT
        } else if after_copula {
            AFTER_COPULA
        } else {
            ELSEWHERE
        };
        // A verb after someone in the middle of a clause (赞同王小川的观点,称…) is more likely
        // the subject's than theirs.
        let verb_weight = if clause_start || after_copula {
            REPORTED
        } else {
            ELSEWHERE
        };
        let window_end = verb_window_end(text, range.end, looks_ahead);
        let view = view_after(text, range.end);
        let seen_from =
            text.chars[..range.start].ends_with(&['在']) && text.matches_at(range.end, "看来");
        if seen_from || (view && (clause_start || after_copula)) {
            score += REPORTED;
            reported[who] = true;
        } else {
            match first_verb(text, range.end..window_end) {
                Some(Verb::Reporting) => {
                    score += verb_weight;
                    reported[who] |= verb_weight == REPORTED;
                }
                Some(Verb::Question) => {
                    score += ASKED;
                    asked[who] = true;
                }
                None => {}
            }
        }
        if clause_start || reported[who] {
            subject = Some(who);
        }
        scores[who] += score;
    }

    // A question and its answer in one paragraph go to the one who answers.
    let answered = reported.iter().enumerate().any(|(i, &r)| r && !asked[i]);
    for (person, score) in scores.iter_mut().enumerate() {
        if asked[person] && !reported[person] && answered && people[person].host {
            *score = score.min(ENOUGH - 0.5);
        }
    }

    let mut ranked: Vec<(usize, f32)> = scores.iter().copied().enumerate().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best = ranked.first().copied().filter(|(_, s)| *s >= ENOUGH);
    let runner_up = ranked.get(1).map_or(0.0, |(_, s)| *s);
    let voice_of = |speaker: Option<usize>| voice(text, &quotes, speaker);
    match best {
        Some((person, score)) if score - runner_up >= MARGIN || runner_up < ENOUGH => {
            let review = if reported[person] || (opened_with_pronoun && Some(person) == previous) {
                None
            } else {
                Some("named as the subject, with no reporting verb".to_owned())
            };
            Attribution {
                speaker: Some(person),
                voice: voice_of(Some(person)),
                review,
            }
        }
        Some(_) => Attribution {
            speaker: None,
            voice: Voice::Narration,
            review: Some("several people speak here and none has the larger share".to_owned()),
        },
        None => {
            let continues = CONTINUATIONS.iter().any(|c| text.matches_at(0, c));
            let quoted: usize = quotes.iter().map(|q| q.len()).sum();
            let mostly_quote = quoted * 10 >= text.len() * 6;
            match previous {
                Some(person) if continues || mostly_quote => Attribution {
                    speaker: Some(person),
                    voice: voice_of(Some(person)),
                    review: Some("names nobody: carried over from the paragraph before".to_owned()),
                },
                _ => {
                    let speech = quotes.iter().any(|q| is_speech(text, q));
                    Attribution {
                        speaker: None,
                        voice: Voice::Narration,
                        review: speech
                            .then(|| "a quotation with no speaker found: narration".to_owned()),
                    }
                }
            }
        }
    }
}

/// Whether someone unnamed is brought in between two points (一名乘客, 有位家长): a
/// pronoun after them stands for that person.
fn unnamed_between(text: &Folded, from: usize, to: usize) -> bool {
    (from..to).any(|at| text.match_any(at, UNNAMED_PEOPLE).is_some())
}

/// Where the clause holding `at` opens, skipping a connective (而, 但, 对此…) before the name.
fn opening_of(text: &Folded, at: usize) -> usize {
    const OPENERS: &[&str] = &[
        "对此", "随后", "此外", "同时", "另外", "其中", "不过", "但是", "然而", "而", "但", "则",
    ];
    match text.match_any_before(at, OPENERS) {
        Some(opener) => at - opener.chars().count(),
        None => at,
    }
}

/// Whether a clause opens at `at`: after punctuation (not the enumeration comma) or a closing
/// quotation mark.
fn is_clause_start(text: &Folded, at: usize) -> bool {
    let Some(&before) = text.chars[..at].iter().rev().find(|&&c| c != ' ') else {
        return true;
    };
    (is_clause_break(before) && before != '、') || matches!(before, '」' | '”' | '』' | '"')
}

/// Whether the mention `index` is one of several people named together (A和B, A、B, A（…）、B).
fn is_coordinated(text: &Folded, events: &[(Range<usize>, Option<usize>)], index: usize) -> bool {
    let (range, _) = &events[index];
    let joined = |end: usize, start: usize| {
        let between: String = text.chars[end..start]
            .iter()
            .filter(|&&c| !matches!(c, ' ' | ',' | ')'))
            .collect();
        COORDINATORS.contains(&between.as_str())
    };
    let before = index
        .checked_sub(1)
        .and_then(|i| events.get(i))
        .is_some_and(|(r, p)| p.is_some() && r.end <= range.start && joined(r.end, range.start));
    let after = events
        .get(index + 1)
        .is_some_and(|(r, p)| p.is_some() && range.end <= r.start && joined(range.end, r.start));
    before || after
}

/// Positions of 他 and 她 standing for a person (not 他们, 其他, 他人).
fn pronouns(text: &Folded) -> Vec<usize> {
    (0..text.len())
        .filter(|&i| matches!(text.chars[i], '他' | '她'))
        .filter(|&i| !matches!(text.chars.get(i + 1), Some('们' | '人' | '者')))
        .filter(|&i| i == 0 || !matches!(text.chars[i - 1], '其' | '吉' | '利' | '无' | '排'))
        .collect()
}

/// The end of the stretch after a name where its verb may be: the clause's end, the next
/// mention, a quotation, or [`VERB_WINDOW`] characters.
fn verb_window_end(text: &Folded, from: usize, next_mention: usize) -> usize {
    let limit = (from + VERB_WINDOW)
        .min(text.len())
        .min(next_mention.max(from));
    (from..limit)
        .find(|&i| {
            let c = text.chars[i];
            is_clause_break(c) && c != ':' || closing_quote(c).is_some()
        })
        .map_or(limit, |i| i + 1)
        .max(from)
        .min(limit.max(from))
}

/// `X的看法是`, `X的核心看法`: a view noun right after the name's 的.
fn view_after(text: &Folded, from: usize) -> bool {
    text.chars.get(from) == Some(&'的')
        && (from + 1..(from + 4).min(text.len())).any(|i| text.match_any(i, VIEW_NOUNS).is_some())
}

/// The kind of verb that follows a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Reporting,
    /// Asking: what follows is the others' (陶然请四位嘉宾…预测).
    Question,
}

/// The first reporting or question verb in a stretch of text.
fn first_verb(text: &Folded, range: Range<usize>) -> Option<Verb> {
    range.into_iter().find_map(|i| {
        if text.match_any(i, QUESTION_VERBS).is_some() {
            Some(Verb::Question)
        } else if text.match_any(i, REPORTING_VERBS).is_some() {
            Some(Verb::Reporting)
        } else {
            None
        }
    })
}

/// A quotation that is someone's words, not a term or a name in quotes: a sentence, a long
/// stretch, or words introduced by a colon, a comma or a reporting verb.
fn is_speech(text: &Folded, quote: &Range<usize>) -> bool {
    let inner = quote.start + 1..quote.end.saturating_sub(1).max(quote.start + 1);
    let introduced = quote.start > 0
        && (matches!(text.chars[quote.start - 1], ',' | ':')
            || first_verb(text, quote.start.saturating_sub(3)..quote.start).is_some());
    inner.len() >= SPEECH_QUOTE_CHARS
        || introduced
        || text.chars[inner]
            .iter()
            .any(|&c| is_clause_break(c) || is_sentence_end(c))
}

/// Quote when the speaker's own words are quoted, paraphrase otherwise; narration without a
/// speaker.
fn voice(text: &Folded, quotes: &[Range<usize>], speaker: Option<usize>) -> Voice {
    match speaker {
        None => Voice::Narration,
        Some(_) if quotes.iter().any(|q| is_speech(text, q)) => Voice::Quote,
        Some(_) => Voice::Paraphrase,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::{split, BlockKind};
    use crate::ingest::people::{find_people, names};

    /// Attributes the body paragraphs of `text` and returns each speaker's name.
    fn speakers(text: &str) -> Vec<Option<String>> {
        let blocks = split(text);
        let people = find_people(text, &blocks);
        let names = names(&people, text, &[]);
        let paragraphs: Vec<Paragraph> = blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| Paragraph {
                text: &text[b.range.clone()],
                section: 0,
            })
            .collect();
        attribute(&paragraphs, &people, &names)
            .into_iter()
            .map(|a| a.speaker.map(|s| people[s].name.clone()))
            .collect()
    }

    fn check(text: &str, expected: &[Option<&str>]) {
        let got = speakers(text);
        let expected: Vec<Option<String>> = expected.iter().map(|s| s.map(str::to_owned)).collect();
        assert_eq!(got, expected, "attributing {text:?}");
    }

    const INTRO: &str = "標題\n\n對話由甲公司CEO王大明、乙公司院長李小華參加。\n\n";

    #[test]
    fn reporting_verbs_pronouns_and_carry_over() {
        check(
            &format!("{INTRO}王大明認為,價格會降。他還提到成本。\n\n他表示,「成本會降到零」。\n\n一方面降價有價值。\n\n從去年到今年,價格一路下跌。\n"),
            &[None, Some("王大明"), Some("王大明"), Some("王大明"), None],
        );
    }

    #[test]
    fn a_quote_then_its_speaker_and_view_patterns() {
        check(
            &format!("{INTRO}「成本還會再降,直到接近零」。李小華說。\n\n在王大明看來,降價是好事。\n\n回歸價值,也是李小華的核心看法。\n"),
            &[None, Some("李小華"), Some("王大明"), Some("李小華")],
        );
    }

    #[test]
    fn objects_quotes_and_groups_do_not_speak() {
        check(
            &format!("{INTRO}王大明和李小華進行了一場對話。\n\n我們在離王大明最近的地方。\n\n王大明一開場就把問題拋給了李小華:「你怎麼看?」\n\n與王大明不同,李小華認為「王總說的不對」。\n"),
            &[None, None, None, Some("王大明"), Some("李小華")],
        );
    }

    #[test]
    fn surname_and_title_and_company_and_role_name_speakers() {
        check(
            &format!("{INTRO}「這是另一本賬。」在王總看來,成本不同。\n\n乙公司的院長給出了答案。她解釋說,保險更重要。\n"),
            &[None, Some("王大明"), Some("李小華")],
        );
    }

    #[test]
    fn a_speaker_introduced_with_several_posts_speaks() {
        // 大会组委会副主任、澄川市文化和旅游局副局长柴立新表示: one person's two posts.
        check(
            "標題\n\n澄川市文化和旅遊局副局長柴立新出席。\n\n\
             會後，大會組委會副主任、澄川市文化和旅遊局副局長柴立新表示，博物館會更多。\n\n\
             甲公司CEO王大明、乙公司院長李小華都到了。\n",
            &[Some("柴立新"), Some("柴立新"), None],
        );
    }

    #[test]
    fn a_report_s_questions_and_answers_are_turns() {
        // A report, not a transcript, with a question from the floor and its answer apart.
        check(
            &format!(
                "{INTRO}王大明認為,價格會降。\n\n李小華表示,成本會降。\n\n\
                 李小華還提到,保險更重要。\n\n現場觀眾提問踴躍。\n\n\
                 問：想請教甲公司的王總，我在網上看到很多便宜的，價格還會降嗎？\n\n\
                 答：大部分不是。去年我們下架了一批。\n"
            ),
            &[
                None,
                Some("王大明"),
                Some("李小華"),
                Some("李小華"),
                None,
                None,
                Some("王大明"),
            ],
        );
    }

    #[test]
    fn a_line_that_only_names_the_host_is_nobody_s() {
        check(
            "標題\n\n主持人：台南大學教授 王志豪\n\n與談人：台南市交通局局長 林淑芬\n\n\
             王志豪：各位好。\n\n林淑芬：謝謝主持人\n",
            &[None, None, Some("王志豪"), Some("林淑芬")],
        );
    }

    #[test]
    fn a_turn_by_surname_and_title_is_its_holder_s() {
        // 林局長 and 王教授 address two people the transcript has named; they are no third
        // and fourth person who would take those forms from them.
        check(
            "標題\n\n與談人：林淑芬（台南市交通局局長）、王志豪（台南大學教授）\n\n\
             林淑芬：謝謝。\n\n林局長：班距還是太長。\n\n王教授：那捷運呢？\n\n王志豪：謝謝。\n",
            &[
                None,
                Some("林淑芬"),
                Some("林淑芬"),
                Some("王志豪"),
                Some("王志豪"),
            ],
        );
    }

    #[test]
    fn a_transcript_s_own_notes_are_nobody_s_and_a_bracketed_host_hosts() {
        check(
            "標題\n\n與談人：陳怡君（知行教育執行長）、黃建志（北方大學教授）\n\n主持人（李佳蓉）：歡迎兩位。\n\n陳怡君：謝謝。\n\n主持人：黃教授，您覺得呢？\n\n黃建志：少考記憶。\n",
            &[None, Some("李佳蓉"), Some("陳怡君"), Some("李佳蓉"), Some("黃建志")],
        );
    }

    #[test]
    fn an_introduction_opens_its_clause_and_saying_who_someone_is_is_not_speech() {
        check(
            "標題\n\n“卖不完。”“章记麻糍”的店主章秀英一边揉面一边说。\n\n\
             青溪县文化和旅游局副局长杜红梅表示，据青溪县文化和旅游局统计，游客多了。\n\n\
             台下一位嘉宾被主持人韩露请上了台。他是衡正律师事务所的合伙人邵明哲，代理过纠纷。\n\n\
             邵明哲提醒，租期最要紧。邵明哲认为，合同要写清楚。\n\n\
             还有章秀英，她是老街「章记麻糍」的店主。\n\n\
             现场一名乘客说，她每天搭第一班车。\n\n\
             邵明哲提醒，租期最要紧。\n\n行业里有名的律师不多，他说自己只是运气好。\n",
            &[
                Some("章秀英"),
                Some("杜红梅"),
                None,
                Some("邵明哲"),
                None,
                None,
                Some("邵明哲"),
                Some("邵明哲"),
            ],
        );
    }

    #[test]
    fn answers_go_to_the_one_a_question_addresses_by_surname_and_title() {
        check(
            "標題\n\n主持人：今天的主持人是東岸社區大學講師洪雅琪，歡迎鷺港國小的蘇振宏校長和海風柑仔店老闆葉秋月。\n\n\
             蘇振宏：謝謝主持人。\n\nQ：葉老闆您好，生意好嗎？\n\nA：還可以。\n\n\
             Q：剛才葉老闆說還可以，蘇校長怎麼看？\n\nA：我同意。\n\n\
             Q：再請教葉老闆，明年呢？A：會更好。\n",
            &[
                Some("洪雅琪"),
                Some("蘇振宏"),
                None,
                Some("葉秋月"),
                None,
                Some("蘇振宏"),
                Some("葉秋月"),
            ],
        );
    }

    #[test]
    fn an_answer_naming_its_answerer_in_brackets_is_theirs() {
        check(
            "標題\n\n星槎互娱联合创始人兼CEO周启航和途付科技首席运营官严书豪出席。周启航表示，成本很高。\n\n             问：官网商城会被下架吗？答（周启航）：到目前为止没有。\n\n             问：中东玩家偏好什么支付？\n\n答（严书豪）：电子钱包为主。\n",
            &[Some("周启航"), Some("周启航"), None, Some("严书豪")],
        );
    }

    #[test]
    fn an_interview_s_answers_are_the_interviewee_s_and_prose_between_turns_is_not() {
        check(
            "標題\n\n记者专访了贝壳动物医院创始人、院长谭思远。\n\n记者：贵吗？\n\n答：不贵。\n\n\
             兽医协会秘书长黎光明表示，收费没有统一标准。黎光明透露，指引明年发布。\n\n\
             问：刚才黎秘书长提到收费公示，您怎么看？\n\n答：我们第一批报名。\n\n\
             我们还会开急诊中心。\n",
            &[
                None,
                None,
                Some("谭思远"),
                Some("黎光明"),
                None,
                Some("谭思远"),
                Some("谭思远"),
            ],
        );
    }

    #[test]
    fn bracketed_labels_are_turns_and_a_list_of_guests_says_nothing() {
        check(
            "標題\n\n主持人：陳怡安（鴻泰精密董事長）\n\n與談人：\n\n林建宏（雲啟資訊技術長）\n\n【陳怡安】請教林技術長。\n\n【林建宏】我們導入了系統。\n\n[陳怡安] 謝謝。\n\n【笑】\n",
            &[None, None, None, Some("陳怡安"), Some("林建宏"), Some("陳怡安"), None],
        );
    }

    #[test]
    fn a_turn_by_name_and_title_or_by_an_english_first_name_is_theirs() {
        check(
            "標題\n\n主持人 Amy Chen（陳怡君）：歡迎長庚醫院資訊長黃國棟。\n\n黃國棟 資訊長：謝謝。\n\nAmy：那法規呢？\n\nBob：我也問。\n",
            &[Some("陳怡君"), Some("黃國棟"), Some("陳怡君"), None],
        );
    }

    #[test]
    fn a_digest_s_headlines_and_a_speech_s_announcement_give_the_floor() {
        check(
            &format!("{INTRO}甲公司CEO 王大明：價格會降\n\n我們很有信心。\n\n成本還在降。\n\n以下為李小華的發言實錄：\n\n各位好，我們也很好。\n"),
            &[None, Some("王大明"), Some("王大明"), Some("王大明"), None, Some("李小華")],
        );
        check(
            &format!("{INTRO}王大明（甲公司CEO）\n\n我們很有信心。\n\n李小華（乙公司院長）\n\n成本還在降。\n"),
            &[None, None, Some("王大明"), None, Some("李小華")],
        );
        check(
            &format!(
                "{INTRO}會上，甲公司CEO王大明發表演講。以下為演講全文：\n\n各位好，我們很好。\n"
            ),
            &[None, None, Some("王大明")],
        );
    }

    #[test]
    fn a_turn_by_surname_alone_is_the_one_person_of_that_surname() {
        check(
            "標題\n\n甲公司CEO王大明、乙公司院長李小華、丙公司院長李大同出席。\n\n問：好嗎？\n\n王：好。\n\n李：我也好。\n\n王大明：謝謝。\n",
            &[None, None, Some("王大明"), None, Some("王大明")],
        );
    }

    #[test]
    fn turns_headed_by_a_clock_time() {
        check(
            &format!("{INTRO}主持人 周婷 00:00\n\n歡迎各位，先請王總。\n\n王大明 00:42\n\n謝謝。\n\n成本會降。\n\n[00:03:30] 周婷：好。\n\n(1:02:15) 王大明：再見。\n"),
            &[None, None, Some("周婷"), None, Some("王大明"), Some("王大明"), Some("周婷"), Some("王大明")],
        );
    }

    #[test]
    fn an_english_name_beside_the_chinese_one_is_one_mention_and_its_first_word_names_too() {
        check(
            "標題\n\n論壇登場，甲公司副總裁黃志明（Raymond Huang）、乙公司總經理張麗莎與丙所所長蔡宏仁出席。\n\n黃志明表示，好。\n\n張麗莎說，好。\n\nRaymond最後補充，好。\n",
            &[None, Some("黃志明"), Some("張麗莎"), Some("黃志明")],
        );
    }

    #[test]
    fn transcripts_follow_their_prefixes() {
        check(
            "標題\n\n主持人 周宁：欢迎驭途科技创始人林晓川。\n\n林晓川：谢谢。成本会降。\n\n第二点，安全员会少。\n\nQ：请问林总，什么时候赚钱？\n\nA：明年。\n\n（掌声）\n",
            &[Some("周宁"), Some("林晓川"), Some("林晓川"), None, Some("林晓川"), None],
        );
    }
}
