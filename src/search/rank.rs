//! Ranking: how well each candidate passage answers a question, whether the forum answers it
//! at all, and which passages are worth showing.
//!
//! A candidate is judged on what it holds, not on word statistics alone: each unit of the
//! question is matched in the passage's folded text (its forms, or part of its Han pairs),
//! and the passage's **coverage** is the weighted share of the question's content it holds.
//! Mentions (the speaker, organisation or topic named) add to the score; so does holding what
//! the kind of question wants (a time for "when", a figure for "how many", several
//! participants for "who was there", a speaker for "who said"). The forum answers a question
//! when some passage covers enough of it; the cards shown are the passages that answer about as
//! well as the best.

use std::ops::Range;

use super::analysis::grams;
use super::question::{
    asks_where, Form, Matcher, Question, Unit, NAMED_BY_PASSAGE, ORGANIZATION_NAMED,
    PARTIAL_QUALITY,
};
use crate::knowledge::Passage;

/// A passage must cover this share of a question's content for the forum to answer it; or
/// this lesser share when the best passage is fully what the question names (the speaker, the
/// topic, the organisation).
const MIN_COVERAGE: f32 = 0.5;
const MIN_NAMED_COVERAGE: f32 = 0.3;
/// The same two for a question in English that does not ask what was said "about" a subject
/// ([`english_paraphrase`]). A third: over eight forums, no out-of-scope English question
/// covered more than 0.30, and in-scope ones the forum words otherwise often cover 0.33 to
/// 0.40 (CC-CEDICT renders "shelves" or "toiletries" with none of the forum's words).
const MIN_COVERAGE_ENGLISH: f32 = 0.33;
const MIN_NAMED_COVERAGE_ENGLISH: f32 = 0.15;
/// The share of a "who said …" question's content a speaker's passage must hold.
const MIN_WHO_COVERAGE: f32 = 0.25;
/// Cards scoring under this share of the best, or covering less than this share of what it
/// covers, are not shown: they answer less well.
const RELATIVE_CUTOFF: f32 = 0.8;
const RELATIVE_COVERAGE: f32 = 0.75;
/// A question's key word weighs at least this much more than any other the best card holds;
/// other cards must hold it too (see [`select`]).
const KEY_DOMINANCE: f32 = 1.2;
/// In a comparison, each speaker's best passage is shown when it covers this share of what
/// the best covers: the other side of a comparison is often put in fewer of its words.
const COMPARED_COVERAGE: f32 = 0.6;
/// When a question names someone, the passages whose score is at least this share of the
/// best are those whose coverage decides scope ([`scope_coverage`]).
const SCOPE_NEAR_TOP: f32 = 0.7;
/// A passage not by the speaker a question names keeps this share of its score.
const OTHER_SPEAKER: f32 = 0.6;
/// A passage that asks a question keeps this share of its score; the passage that answers it
/// gets this share of the question's score and coverage, when that is more than its own.
const QUESTION_PARAGRAPH: f32 = 0.7;
pub(super) const ANSWER_OF_QUESTION: f32 = 0.9;

/// How well a word of the question in the heading of a passage's section matches the passage:
/// the section is about it, though the passage may not say it.
const SECTION_HEADING: f32 = 0.3;
/// A passage by the speaker a question asks about ("who disagrees with 唐振海") keeps this
/// share of its score: it holds the view disputed, not the answer.
const OBJECT_OWN: f32 = 0.5;
/// A passage lacking what a "when" or "how many" question wants keeps this share of its
/// coverage.
const KIND_MISSING: f32 = 0.7;
/// Bonuses for holding what the kind of question wants.
const LIST_BONUS: f32 = 1.0;
const NEGATION_BONUS: f32 = 0.1;
const CAUSE_BONUS: f32 = 0.1;
const SPEAKERLESS_PENALTY: f32 = 0.15;
/// The share of the score that word statistics (BM25) decide, to order passages that hold the
/// same units.
const BM25_SHARE: f32 = 0.05;

/// A passage judged against a question.
#[derive(Debug, Clone)]
pub(super) struct Judged {
    /// The passage's `ord` in the engine.
    pub ord: usize,
    pub score: f32,
    /// The weighted share of the question's content the passage holds, 0 to 1.
    pub coverage: f32,
    /// The coverage of the passage with the prompt it answers (see [`PassageKind::asked`]):
    /// what they hold together, which is what decides scope. A reply leaves out what it was
    /// asked (证件影像……24小时内自动删除, to 自助入住要扫描身分证，个资外泄怎么办).
    pub in_context: f32,
    /// How well the passage matches each unit of the question, 0 to 1, in unit order.
    pub matches: Vec<f32>,
    /// How many of the forum's speakers the passage names.
    pub speakers_named: usize,
    /// How many of those it introduces, with their organisation or role.
    pub speakers_introduced: usize,
    /// Whether the passage has a speaker (it is not narration).
    pub speaker: bool,
    /// Whether it asks or hands over rather than answers (see [`PassageKind::prompt`]).
    pub prompt: bool,
    /// The score before a prompt's (a question's, a moderator's turn's) is lowered: what the
    /// answer to it inherits.
    pub unprompted: f32,
    /// Its share of the best BM25 score among the candidates.
    pub bm25: f32,
    /// Whether it states the kind of fact a "when" or "how many" question wants (a time, a
    /// figure in the measure asked for, of what is counted); true for other questions.
    pub states_fact: bool,
    /// Whether the passage states any figure at all (a digit, 三成, 两千); asked only of a
    /// how-many question, false for others.
    pub any_figure: bool,
}

/// What the engine knows of a candidate passage besides the passage itself.
pub(super) struct PassageKind<'a> {
    /// The heading of the section the passage is in, folded, if it has one of its own.
    pub heading: Option<&'a str>,
    /// Its folded text.
    pub folded: &'a str,
    /// Its share of the best BM25 score among the candidates.
    pub bm25: f32,
    /// How many of the forum's speakers its text names (counted for questions about who took
    /// part only).
    pub speakers_named: usize,
    /// How many of those it introduces: names with their organisation or role, as the passage
    /// presenting the panel does.
    pub speakers_introduced: usize,
    /// Whether it asks or hands over rather than answers: a question, or a moderator's turn.
    pub prompt: bool,
    /// For the answer to a prompt: how well the prompt matched each unit of the question,
    /// lowered by [`ANSWER_OF_QUESTION`], which the answer's score counts as its own. Empty
    /// otherwise.
    pub asked: &'a [f32],
}

/// Judges one candidate passage.
pub(super) fn judge(
    question: &Question,
    ord: usize,
    passage: &Passage,
    passage_kind: PassageKind,
) -> Judged {
    let PassageKind {
        folded,
        heading,
        bm25,
        speakers_named,
        speakers_introduced,
        prompt,
        asked,
    } = passage_kind;
    let matches: Vec<f32> = question
        .units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut own = unit_match(unit, passage, folded);
            // What is counted may be stated by its head alone, after the figure (几间客房
            // answered by 只有6间房).
            if question.measured == Some(i)
                && own < HEAD_COUNTED
                && counted_by_head(unit, folded, &question.measures)
            {
                own = HEAD_COUNTED;
            }
            // The words of the section's heading are what the passages under it speak of,
            // said or not (高立军 under 马拉松办得太多了吗 is on whether there are too many).
            match heading {
                Some(heading) if unit.is_content() => {
                    own.max(unit_match(unit, passage, heading) * SECTION_HEADING)
                }
                _ => own,
            }
        })
        .collect();
    // What the answer to a prompt says is what it was asked: its score counts the prompt's
    // matches of the content as well as its own, and so does its coverage in context, which
    // decides scope (its own coverage, for the relative cut, does not).
    let answered: Vec<f32> = question
        .units
        .iter()
        .zip(&matches)
        .enumerate()
        .map(|(i, (unit, &own))| match asked.get(i) {
            Some(&prompted) if unit.is_content() => own.max(prompted),
            _ => own,
        })
        .collect();
    let kind = question.kind;
    // A passage lacking the time or the figure a "when" or "how many" question wants matches
    // its content less; so does one lacking what the question counts (多少员工), or stating no
    // figure beside it: its figures are of something else.
    let measured_figure = has_figure_in(folded, &question.measures);
    let lacks_measured = question.measured.is_some_and(|i| {
        let unit = &question.units[i];
        matches[i] < 0.5
            || !(figure_beside(unit, folded, &question.measures)
                || counted_by_head(unit, folded, &question.measures))
    }) || (!question.measures.is_empty() && !measured_figure);
    // How long is answered by a duration (五到六个小时), which is no date.
    let lacks_time = kind.when && !has_time(folded) && !measured_figure;
    // Looked for once, and only when a how-many question asks: a pass over the text.
    let quantity_stated = kind.quantity && has_quantity(folded);
    let lacks_figure = kind.quantity && (!quantity_stated || lacks_measured);
    let lacks_which = question.which.is_some_and(|i| matches[i] < 0.5);
    let lacks_fact = lacks_time || lacks_figure || lacks_which;
    let fact = if lacks_fact { KIND_MISSING } else { 1.0 };
    let weighed = |matches: &[f32], filter: &dyn Fn(&Unit) -> bool| -> (f32, f32) {
        question
            .units
            .iter()
            .zip(matches)
            .filter(|(unit, _)| filter(unit))
            .fold((0.0, 0.0), |(total, got), (unit, m)| {
                // The event asked about is what its time or place is of.
                let of_fact = unit.is_content() || matches!(unit.matcher, Matcher::Event { .. });
                let factor = if of_fact { fact } else { 1.0 };
                (total + unit.weight, got + unit.weight * m * factor)
            })
    };
    let (content_total, content_got) = weighed(&matches, &Unit::is_content);
    let coverage = if content_total > 0.0 {
        content_got / content_total
    } else {
        1.0
    };
    let in_context = if content_total > 0.0 {
        weighed(&answered, &Unit::is_content).1 / content_total
    } else {
        1.0
    };
    // The score is the weighted share of everything the question says that the passage holds,
    // names and topics included.
    let (total, got) = weighed(&answered, &|_| true);
    let mut score = if total > 0.0 { got / total } else { 0.0 };
    // A question naming a speaker is answered by that speaker: others' passages, and the
    // narration, answer it less well.
    // So is one naming an organisation, by its speaker or a passage naming it.
    let not_by_whom_named = if names_speaker(question) {
        !by_named_speaker(question, &matches)
    } else {
        !question.kind.compare
            && names_organization(question)
            && !holds_unit(question, &matches, |m| {
                matches!(m, Matcher::Organization { .. })
            })
    };
    if not_by_whom_named {
        score *= OTHER_SPEAKER;
    }
    if question.units.iter().zip(&matches).any(|(unit, _)| {
        matches!(&unit.matcher, Matcher::Speaker { object: true, name, .. }
            if passage.speaker.as_deref() == Some(name.as_str()))
    }) {
        score *= OBJECT_OWN;
    }
    // A paragraph that asks a question, or a moderator's turn that hands over to a speaker,
    // rarely answers one: unless the question is about what was asked, or names whoever asked.
    let names_asker = by_named_speaker(question, &matches);
    // What the answer to a prompt inherits is what the prompt matched, before this.
    let unprompted = score;
    // A moderator's opening turn that introduces the guests is what "who was there" asks for,
    // and one that states the figure asked for answers how many: a moderator often gives the
    // number before asking about it (去年全国路跑赛事超过700场……您觉得呢?).
    let states_figure = kind.quantity && !lacks_fact;
    if prompt
        && !question.kind.about_asking
        && !question.kind.list
        && !names_asker
        && !states_figure
    {
        score *= QUESTION_PARAGRAPH;
    }
    if kind.list {
        let shown = speakers_named.min(3) + speakers_introduced.min(3);
        score += LIST_BONUS * (shown as f32 / 6.0);
    }
    if kind.negation && has_negation(folded) {
        score += NEGATION_BONUS;
    }
    if kind.why && has_cause(folded) {
        score += CAUSE_BONUS;
    }
    if (kind.who || kind.negation) && !kind.list && passage.speaker.is_none() {
        score -= SPEAKERLESS_PENALTY;
    }
    score += BM25_SHARE * bm25;
    Judged {
        ord,
        score,
        coverage,
        in_context,
        matches,
        speakers_named,
        speakers_introduced,
        speaker: passage.speaker.is_some(),
        prompt,
        unprompted,
        bm25,
        any_figure: quantity_stated || kind.quantity && measured_figure,
        // Asked both when and how many (哪年成立的，一年办多少场), a passage stating either
        // answers part of it.
        states_fact: if kind.when && kind.quantity {
            !(lacks_which || lacks_time && lacks_figure)
        } else {
            !lacks_fact
        },
    }
}

/// Words that give a cause, or a purpose (为了) or what would follow otherwise (否则): the
/// reason a "why" question asks for.
const CAUSE_MARKERS: [&str; 12] = [
    "原因",
    "因为",
    "由于",
    "所以",
    "归结",
    "导致",
    "之所以",
    "在于",
    "为了",
    "否则",
    "不然",
    "毕竟",
];

/// Whether folded text gives a cause (因为, 原因是, 归结为): what a "why" question wants.
pub(super) fn has_cause(folded: &str) -> bool {
    CAUSE_MARKERS.iter().any(|marker| holds(folded, marker))
}

/// Whether a passage, by its matches of the question's units, is by a speaker the question
/// names as the one who answers it.
pub(super) fn by_named_speaker(question: &Question, matches: &[f32]) -> bool {
    question.units.iter().zip(matches).any(|(unit, &m)| {
        matches!(unit.matcher, Matcher::Speaker { object: false, .. }) && m >= 1.0
    })
}

/// Whether the question names a speaker by name or title as the one who answers it.
fn names_speaker(question: &Question) -> bool {
    question
        .units
        .iter()
        .any(|unit| matches!(unit.matcher, Matcher::Speaker { object: false, .. }))
}

/// Whether the question names an organisation (赛道体育集团, 百川, Moonshot).
fn names_organization(question: &Question) -> bool {
    question
        .units
        .iter()
        .any(|unit| matches!(unit.matcher, Matcher::Organization { .. }))
}

/// Whether a passage is a question: its last sentence ends with a question mark.
pub(super) fn is_question_paragraph(folded: &str) -> bool {
    folded
        .trim_end_matches(|c: char| c.is_whitespace() || "\"”」』)）".contains(c))
        .ends_with(['?', '？'])
}

/// How well a passage matches one unit, 0 to 1.
pub(super) fn unit_match(unit: &Unit, passage: &Passage, folded: &str) -> f32 {
    match &unit.matcher {
        Matcher::Text { forms, grams } => {
            let mut best = forms
                .iter()
                .filter(|form| contains_form(folded, &form.text))
                .map(|form| form.quality)
                .fold(0.0, f32::max);
            if best < PARTIAL_QUALITY && !grams.is_empty() {
                let present = grams
                    .iter()
                    .filter(|gram| contains_form(folded, gram))
                    .count();
                let share = present as f32 / grams.len() as f32;
                if share >= 0.5 {
                    best = best.max(share * PARTIAL_QUALITY);
                }
            }
            best
        }
        Matcher::Speaker {
            name,
            forms,
            object,
        } => {
            let own = passage.speaker.as_deref() == Some(name);
            let named = forms.iter().any(|form| contains_form(folded, form));
            match (own, named, object) {
                (true, _, false) => 1.0,
                (false, true, false) => NAMED_BY_PASSAGE,
                // Someone else's passage that names them answers "who disagrees with them".
                (false, true, true) => 1.0,
                (true, _, true) => 0.0,
                (false, false, _) => 0.0,
            }
        }
        Matcher::Organization { name, forms, own } => {
            let own = if passage.speaker.as_deref() == Some(name) {
                *own
            } else {
                0.0
            };
            let named = if forms.iter().any(|form| contains_form(folded, form)) {
                ORGANIZATION_NAMED
            } else {
                0.0
            };
            own.max(named)
        }
        Matcher::Topic { id, forms } => {
            if passage.topic == *id || forms.iter().any(|form| contains_form(folded, form)) {
                1.0
            } else {
                0.0
            }
        }
        Matcher::Narration => {
            if passage.speaker.is_none() {
                1.0
            } else {
                0.0
            }
        }
        Matcher::Event {
            names,
            sessions,
            places,
            dates,
        } => {
            let best = |names: &[String]| {
                names
                    .iter()
                    .map(|name| names_event(folded, name))
                    .fold(0.0, f32::max)
            };
            let event = if dates.iter().any(|date| folded.contains(date.as_str())) {
                1.0
            } else {
                best(names) * (1.0 - SESSION_SHARE) + best(sessions) * SESSION_SHARE
            };
            if places.is_empty() {
                event
            } else {
                (event + best(places)) / 2.0
            }
        }
    }
}

/// How much naming the session adds to naming the event: the scene's passage, which presents
/// the panel, rather than a closing note that names the organisers.
const SESSION_SHARE: f32 = 0.1;

/// How fully folded text names an event: the share of the name's character pairs it holds
/// (1 for 第二届澄川文博产业大会 itself, about half for 本届文博产业大会, less for the next
/// edition's 第三届); for a Latin name, 1 when it holds the name.
fn names_event(folded: &str, name: &str) -> f32 {
    let pairs = grams(name);
    if pairs.is_empty() {
        return if contains_form(folded, name) {
            1.0
        } else {
            0.0
        };
    }
    let held = pairs
        .iter()
        .filter(|pair| folded.contains(pair.text.as_str()))
        .count();
    held as f32 / pairs.len() as f32
}

/// Whether folded text holds a form: Han forms anywhere, Latin forms as whole words.
pub(super) fn contains_form(folded: &str, form: &str) -> bool {
    form_ranges(folded, form).next().is_some()
}

/// Where folded text holds a form (see [`contains_form`]).
pub(super) fn form_ranges<'a>(
    folded: &'a str,
    form: &'a str,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let latin = form
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    occurrences(folded.as_bytes(), form.as_bytes())
        .map(|at| at..at + form.len())
        .filter(move |range| {
            !latin || {
                let before = folded[..range.start].chars().next_back();
                let after = folded[range.end..].chars().next();
                !before.is_some_and(|c| c.is_ascii_alphanumeric())
                    && !after.is_some_and(|c| c.is_ascii_alphanumeric())
            }
        })
}

/// Where `needle` starts in `haystack`, without overlaps. Passages are short and needles are a
/// few characters, so the search looks for the needle's last byte (in UTF-8 Chinese, a
/// continuation byte, which varies most) and compares the rest: no searcher to build per
/// needle and passage, which cost more than the search itself.
pub(super) fn occurrences<'a>(
    haystack: &'a [u8],
    needle: &'a [u8],
) -> impl Iterator<Item = usize> + 'a {
    let last = needle.last().copied();
    let length = needle.len();
    let mut next_free = 0;
    memchr::memchr_iter(last.unwrap_or(0), haystack)
        .take_while(move |_| length > 0)
        .filter_map(move |end| {
            let start = (end + 1).checked_sub(length)?;
            (start >= next_free && &haystack[start..=end] == needle).then(|| {
                next_free = end + 1;
                start
            })
        })
}

/// Whether folded text holds a word, anywhere.
pub(super) fn holds(folded: &str, word: &str) -> bool {
    occurrences(folded.as_bytes(), word.as_bytes())
        .next()
        .is_some()
}

/// Byte ranges of folded text that match the question's units, for highlighting: the forms
/// of content units and of named organisations and topics (not the speaker's own name), and
/// the Han pairs of a partly matched long word.
pub(super) fn matched_ranges(
    question: &Question,
    judged: &Judged,
    folded: &str,
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (unit, &matched) in question.units.iter().zip(&judged.matches) {
        if matched == 0.0 {
            continue;
        }
        let (forms, grams): (Vec<&str>, &[String]) = match &unit.matcher {
            Matcher::Text { forms, grams } => (
                forms.iter().map(|f: &Form| f.text.as_str()).collect(),
                grams,
            ),
            Matcher::Organization { forms, .. } | Matcher::Topic { forms, .. } => {
                (forms.iter().map(String::as_str).collect(), &[])
            }
            Matcher::Speaker { .. } | Matcher::Narration | Matcher::Event { .. } => continue,
        };
        let before = ranges.len();
        for form in forms {
            ranges.extend(form_ranges(folded, form));
        }
        if ranges.len() == before {
            for gram in grams {
                ranges.extend(form_ranges(folded, gram));
            }
        }
    }
    ranges
}

/// Numerals, for what a "how many" question wants.
const NUMERALS: &str = "〇零一二三四五六七八九十百千万亿两半";

/// Whether a character is part of a number: a digit or a Chinese numeral.
fn is_number(c: char) -> bool {
    c.is_ascii_digit() || NUMERALS.contains(c)
}
/// What follows a numeral in a quantity.
const MEASURES: &str = "成倍%万亿千百元块个家辆位名人次台颗吨年天月周岁种项条场座间公里米克斤";

/// Whether folded text states a quantity: a digit, or a number in Chinese numerals (二十, 三成).
pub(super) fn has_quantity(folded: &str) -> bool {
    let chars: Vec<char> = folded.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        if c.is_ascii_digit() {
            return true;
        }
        if !NUMERALS.contains(c) {
            return false;
        }
        let next = chars.get(i + 1).copied();
        let numeral_next = next.is_some_and(|n| NUMERALS.contains(n));
        let measure_next = next.is_some_and(|n| MEASURES.contains(n));
        // A lone 一 before a measure word (一个) is an article more than a number.
        numeral_next || (c != '一' && measure_next)
    })
}

/// How well a passage holds the thing counted when it states the figure with the thing's head
/// alone ([`counted_by_head`]).
const HEAD_COUNTED: f32 = 0.8;

/// Whether folded text states a figure in one of the measures followed by the last character
/// of the thing counted, its head (6间房 for 客房, 40辆车 for 货车), as a figure is often
/// given without the whole word.
fn counted_by_head(unit: &Unit, folded: &str, measures: &[&str]) -> bool {
    let Some(head) = unit.text.chars().last() else {
        return false;
    };
    if unit.text.chars().count() < 2 || !unit.text.chars().all(crate::normalize::is_han) {
        return false;
    }
    measures.iter().any(|measure| {
        folded.match_indices(measure).any(|(at, _)| {
            let after = &folded[at + measure.len()..];
            after.starts_with(head)
                && folded[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_number(c) && c != '一')
        })
    })
}

/// Whether a clause of folded text that holds the thing counted (the unit) states a figure:
/// one stated elsewhere in the passage is of something else (罗一鸣's 八千块钱 of prize money is
/// not his 最好成绩).
fn figure_beside(unit: &Unit, folded: &str, measures: &[&str]) -> bool {
    let Matcher::Text { forms, .. } = &unit.matcher else {
        return true;
    };
    folded
        .split(|c: char| {
            crate::text::is_sentence_end(c) || matches!(c, ',' | '，' | ':' | '：' | ';')
        })
        .any(|clause| {
            forms.iter().any(|form| contains_form(clause, &form.text))
                && (has_quantity(clause) || has_figure_in(clause, measures))
        })
}

/// Whether folded text states a figure in one of the measures (三千万元, 700场, 9万人次): a
/// number, then perhaps 多, 余 or a larger unit, then the measure (or its metric form, 公吨).
/// With no measures, at once false.
pub(super) fn has_figure_in(folded: &str, measures: &[&str]) -> bool {
    if measures.is_empty() {
        return false;
    }
    // A percentage in words puts its measure first: 百分之六十二.
    if measures.contains(&"百分之")
        && folded
            .match_indices("百分之")
            .any(|(at, cue)| folded[at + cue.len()..].starts_with(is_number))
    {
        return true;
    }
    let mut rest = folded;
    while let Some(start) = rest.find(is_number) {
        let after =
            rest[start..].trim_start_matches(|c: char| is_number(c) || ".,多余几来个".contains(c));
        let run = &rest[start..rest.len() - after.len()];
        // A lone 一 right before the measure is an article (一场比赛), not a figure.
        if run == "一" {
            rest = after;
            continue;
        }
        // A sum in another currency (十几万美元, 30港元).
        if measures.contains(&"元") && CURRENCIES.iter().any(|c| after.starts_with(c)) {
            return true;
        }
        // A sum of money is often given in 万 or 亿 alone (少则八百万，多则两千多万).
        if measures.contains(&"元")
            && run.ends_with(['万', '亿'])
            && !after.starts_with(crate::normalize::is_han)
        {
            return true;
        }
        // Asked for a figure in 万 or 亿 (几十万), the figure's own order of magnitude.
        if measures.iter().any(|m| run.ends_with(m)) {
            return true;
        }
        // 公 of 公吨, 公斤: the metric form of the measure.
        let metric = after.strip_prefix('公').unwrap_or(after);
        if measures
            .iter()
            .any(|m| after.starts_with(m) || metric.starts_with(m))
        {
            return true;
        }
        rest = after;
    }
    false
}

/// Currencies a sum is stated in besides 元 and 块 (folded: 台币 for 臺幣).
const CURRENCIES: [&str; 11] = [
    "美元",
    "美金",
    "港元",
    "港币",
    "欧元",
    "日元",
    "韩元",
    "英镑",
    "台币",
    "新台币",
    "人民币",
];

/// Words that place something in time without a number.
const TIME_WORDS: [&str; 17] = [
    "今年",
    "明年",
    "去年",
    "前年",
    "后年",
    "年底",
    "年初",
    "年中",
    "年内",
    "月底",
    "月初",
    "上半年",
    "下半年",
    "季度",
    "周年",
    "届时",
    "以来",
];

/// Whether folded text places something in time: a number followed by 年, 月, 日 or 号, or a
/// word such as 明年 or 年底.
pub(super) fn has_time(folded: &str) -> bool {
    let chars: Vec<char> = folded.chars().collect();
    let dated = chars
        .windows(2)
        .any(|pair| is_number(pair[0]) && "年月日号".contains(pair[1]));
    dated || TIME_WORDS.iter().any(|word| holds(folded, word))
}

/// Words that take a side against something.
const NEGATION_MARKERS: [&str; 21] = [
    "不同意",
    "不认为",
    "不认同",
    "不赞成",
    "不看好",
    "并不",
    "并非",
    "不是",
    "不会",
    "不能",
    "不必",
    "不需要",
    "反对",
    "质疑",
    "谨慎",
    "未必",
    "不见得",
    "不一定",
    "担心",
    "怀疑",
    "相反",
];

/// Verbs of agreeing or believing that 不 turns into taking the other side.
const STANCE_VERBS: [&str; 8] = [
    "同意", "认同", "赞成", "认为", "看好", "支持", "相信", "觉得",
];

/// Words of degree that soften a 不 before a verb of agreeing (不太同意, 不大认同, 不怎么看好,
/// 不完全赞成).
const SOFTENERS: [&str; 5] = ["太", "大", "怎么", "完全", "是很"];

/// Whether folded text takes a side against something (并不认为, 反对, 谨慎), the softened way
/// included (我不太同意).
pub(super) fn has_negation(folded: &str) -> bool {
    NEGATION_MARKERS.iter().any(|marker| holds(folded, marker)) || softly_disagrees(folded)
}

/// Whether folded text holds 不, a word of degree and a verb of agreeing (不太同意).
fn softly_disagrees(folded: &str) -> bool {
    folded.match_indices('不').any(|(at, _)| {
        let rest = &folded[at + '不'.len_utf8()..];
        SOFTENERS.iter().any(|softener| {
            rest.strip_prefix(softener)
                .is_some_and(|after| STANCE_VERBS.iter().any(|verb| after.starts_with(verb)))
        })
    })
}

/// Whether the forum answers the question, given its candidates judged best first. A question
/// with nothing to look for, or about someone the forum does not have, is not answered; one
/// that only names speakers, organisations or topics is; otherwise some passage must cover
/// enough of it.
pub(super) fn answers(question: &Question, judged: &[Judged]) -> bool {
    if question.units.is_empty() || !question.outsiders.is_empty() {
        return false;
    }
    // Naming only someone is asking what they said; but a figure, a time or a place about them
    // ("how old is 赖国峰", "how tall", 程立群是哪里人) with nothing saying what it is of is not
    // something the forum can be found to state; nor is one whose content says only when
    // (唐振海今年多大了: 今年 is not what the figure is of). A topic named is what the time is
    // of ("when was the BAAI conference": the scene's narration dates it), as is the event.
    let is_event = |m: &Matcher| matches!(m, Matcher::Event { .. });
    let asks_of_event = question.units.iter().any(|unit| is_event(&unit.matcher));
    let figure_of_nothing = !question.kind.list
        && (question.kind.quantity || question.kind.when || asks_where(&question.folded))
        && !names_topic(question)
        && !asks_of_event;
    if figure_of_nothing && question.only_when {
        return false;
    }
    if !question.units.iter().any(Unit::is_content) {
        // A speaker and a topic named (王仲远怎么看AGI): the card shown first must be on it, or
        // the speaker never spoke of it, and their other passages are no answer.
        let off_topic = judged
            .first()
            .is_some_and(|best| names_topic(question) && !on_named_topic(question, best));
        // When or where the event was held: the card shown first must name it, and give a
        // time when asked when.
        let off_event = asks_of_event
            && judged.first().is_none_or(|best| {
                best_match(question, &best.matches, is_event) < 0.5 || !best.states_fact
            });
        return !judged.is_empty() && !figure_of_nothing && !off_topic && !off_event;
    }
    // Who was there: answered by a passage that names the participants.
    if question.kind.list
        && judged.first().is_some_and(|best| {
            // Whether someone took part: the panel's presentation answers when it names them.
            let names_whom = holds_unit(question, &best.matches, |m| {
                matches!(m, Matcher::Speaker { .. } | Matcher::Organization { .. })
            });
            best.speakers_named >= 2
                && (!question.kind.whether || names_whom || best.coverage >= MIN_COVERAGE)
        })
    {
        return true;
    }
    // The card shown first holds none of what the question says, and is not on a topic it
    // names (鄭文彬對缺工怎麼看, when only others spoke of 缺工): it does not answer, however
    // well another passage, ranked below it, holds the words.
    if judged
        .first()
        .is_some_and(|best| best.coverage <= 0.0 && !on_named_topic(question, best))
    {
        return false;
    }
    // What someone thinks (蘇建廷對電池回收怎麼看) is not answered by another speaker's
    // passage that does not name them, however well it holds the subject: the card shown
    // first must be theirs, or speak of them. Nor is what an organisation did or has (赛道体育
    // 集团去年营收多少) by another company's figures. Comparisons and lists name several.
    let subject: Option<fn(&Matcher) -> bool> = if names_speaker(question) {
        Some(|m| matches!(m, Matcher::Speaker { object: false, .. }))
    } else if names_organization(question) {
        Some(|m| matches!(m, Matcher::Organization { .. }))
    } else {
        None
    };
    if !question.kind.compare
        && !question.kind.list
        && subject.is_some_and(|subject| {
            judged
                .first()
                .is_some_and(|best| !holds_unit(question, &best.matches, subject))
        })
    {
        return false;
    }
    let (min_coverage, min_named) = thresholds(question);
    if scope_coverage(question, judged) >= min_coverage {
        return true;
    }
    let Some(best) = judged.first() else {
        return false;
    };
    // "Who said …" paraphrases what someone said at length; a speaker's passage holding a fair
    // share of its content words is where it comes from.
    if question.kind.who && best.speaker && best.coverage >= MIN_WHO_COVERAGE {
        return true;
    }
    // A speaker and a topic both named, and the best passage is that speaker's on that topic:
    // the question is about what the forum covers, however it is put.
    let matched = |wanted: fn(&Matcher) -> bool| {
        question
            .units
            .iter()
            .zip(&best.matches)
            .any(|(unit, &m)| wanted(&unit.matcher) && m >= 1.0)
    };
    let names_speaker = |m: &Matcher| {
        matches!(
            m,
            Matcher::Speaker { object: false, .. } | Matcher::Organization { .. }
        )
    };
    let names_topic = |m: &Matcher| matches!(m, Matcher::Topic { .. });
    if best.speaker && matched(names_speaker) && matched(names_topic) {
        return true;
    }
    // Less of the content will do when a passage is what the question names: the speaker's
    // own words on the topic named, put another way.
    let named = question
        .units
        .iter()
        .enumerate()
        .filter(|(_, unit)| !unit.is_content())
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    if named.is_empty() {
        return false;
    }
    // The passage may rank below another of the speaker's that says less of it. Asked when or
    // how many, it must state a time or a figure of that kind: the named one's passage on the
    // subject that gives none (南瀛3號的種苗一株賣多少錢, where he says only that seedlings
    // cost more) does not answer it.
    // When something of an organisation happened is as well stated by the narration naming
    // it (星槎互娱成立于2017年) as by its speaker. Not how much: a report's figures of a
    // company (生鲜约占营收四成) are seldom the one asked for (去年营收多少).
    let names_enough = |j: &Judged, i: usize| {
        j.matches[i] >= 1.0
            || (question.kind.when
                && matches!(question.units[i].matcher, Matcher::Organization { .. })
                && j.matches[i] >= ORGANIZATION_NAMED)
    };
    // A figure of another time than now (钱澍预测明年…) is not stated by their passage that does
    // not name that time, which the forum names elsewhere: theirs is of another year.
    let of_its_time = |j: &Judged| question.other_times.iter().all(|&i| j.matches[i] > 0.0);
    if judged.iter().any(|j| {
        j.coverage >= min_named
            && named.iter().all(|&i| names_enough(j, i))
            && j.states_fact
            && of_its_time(j)
    }) {
        return true;
    }
    // A comparison names several speakers, whom no one passage is by: each needs a passage of
    // their own on it, covering as much as a named one's must (less in English).
    question.kind.compare
        && named.iter().all(|&i| {
            judged
                .iter()
                .any(|j| j.matches[i] >= 1.0 && j.coverage >= min_named)
        })
}

/// The share of a question's content some passage must cover for the forum to answer it.
pub(super) fn min_coverage(question: &Question) -> f32 {
    thresholds(question).0
}

/// The coverage the forum needs to answer a question: from any passage, and from one by whom
/// the question names. Less for an English paraphrase ([`english_paraphrase`]).
fn thresholds(question: &Question) -> (f32, f32) {
    if english_paraphrase(question) {
        (MIN_COVERAGE_ENGLISH, MIN_NAMED_COVERAGE_ENGLISH)
    } else {
        (MIN_COVERAGE, MIN_NAMED_COVERAGE)
    }
}

/// Whether a question is in English (no Han character) and does not ask what was said about a
/// subject ([`asks_about`]): English reaches the forum's words only through CC-CEDICT, and the
/// forum says most things in other words than its renderings, so less of it is found.
fn english_paraphrase(question: &Question) -> bool {
    !question.folded.chars().any(crate::normalize::is_han) && !asks_about(&question.folded)
}

/// Whether an English question asks what was said about a subject ("what did 张鹏 say about
/// open-source models", "his take on", "what does she think of"): the subject is the
/// question, and must be found.
fn asks_about(folded: &str) -> bool {
    const ON: [&str; 9] = [
        "take", "takes", "view", "views", "opinion", "stance", "position", "thoughts", "comment",
    ];
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, &word)| {
        matches!(word, "about" | "regarding" | "concerning")
            || (word == "on" && i > 0 && ON.contains(&words[i - 1]))
            || (word == "of" && i > 0 && matches!(words[i - 1], "think" | "thinks" | "make"))
    })
}

/// The coverage that decides whether the forum answers: the best among the judged candidates.
/// When the question names someone (a speaker, an organisation), their passages lead, and
/// only the passages near the top count: content another passage far below holds ("what did
/// 张鹏 say about open source", when only someone else spoke of it) is not what was asked.
/// Nor does narration that does not name them: the report's own account of the subject
/// (段慕华对盲盒经济怎么看, where only the report's survey speaks of blind boxes) is not their
/// view. Another speaker's turn does count, as it may be what theirs answers, unless the
/// question asks for a figure or a time.
pub(super) fn scope_coverage(question: &Question, judged: &[Judged]) -> f32 {
    let named = |m: &Matcher| {
        matches!(
            m,
            Matcher::Speaker { object: false, .. } | Matcher::Organization { .. }
        )
    };
    let names_someone = question.units.iter().any(|unit| named(&unit.matcher));
    let names_them = |j: &Judged| holds_unit(question, &j.matches, named);
    // A figure or a time about them (云栈的无人配送车一辆卖多少钱) is a fact of theirs: another
    // speaker's turn that does not name them states someone else's.
    let asks_fact = question.kind.quantity || question.kind.when;
    let top = judged.first().map_or(0.0, |j| j.score);
    let wants_figure = wants_figure(question);
    judged
        .iter()
        .filter(|j| !wants_figure || j.any_figure)
        .filter(|j| {
            !names_someone
                || (j.score >= top * SCOPE_NEAR_TOP && ((j.speaker && !asks_fact) || names_them(j)))
        })
        .map(|j| j.in_context)
        .fold(0.0, f32::max)
}

/// Whether only a passage stating a figure puts the question in scope: how many or how much
/// is not said by one that holds every word but states none (特展的票价今年也不会上调). To
/// what degree (什么程度) may be answered in words.
pub(super) fn wants_figure(question: &Question) -> bool {
    question.kind.quantity
        && !question.kind.when
        && !question.kind.list
        && super::question::asks_count(&question.folded)
}

/// The passages to show, best first: those that answer about as well as the best, with, for a
/// comparison, the best passage of each speaker compared first. `judged` is sorted best first;
/// `speaker_of` gives a candidate's speaker.
pub(super) fn select<'a>(
    question: &Question,
    judged: &'a [Judged],
    speaker_of: impl Fn(usize) -> Option<&'a str>,
    limit: usize,
) -> Vec<&'a Judged> {
    let Some(best) = judged.first() else {
        return Vec::new();
    };
    // The best is shown; the others when they answer about as well: nearly its score, and
    // most of the content it covers.
    // Who took part, when the best card presents the panel (names with organisations or roles):
    // another card must present it too, not only name them (四位嘉宾各用一句话: 段慕华说……).
    let presents = |j: &Judged| {
        !question.kind.list || best.speakers_introduced < 2 || j.speakers_introduced >= 2
    };
    // When the best answers half the question or more, and one word of it weighs clearly most
    // (中签率 in 报名马拉松的中签率有多低), a card without that word answers something else:
    // another passage by the same speaker on the same subject.
    let key = (!question.kind.list && best.coverage >= MIN_COVERAGE)
        .then(|| key_unit(question, best))
        .flatten();
    let holds_key =
        |j: &Judged| key.is_none_or(|i| j.matches[i] > 0.0 || j.coverage >= best.coverage);
    let answers_well = |j: &Judged| {
        j.ord == best.ord
            || (j.score >= best.score * RELATIVE_CUTOFF
                && j.coverage >= best.coverage * RELATIVE_COVERAGE
                && presents(j)
                && holds_key(j))
    };
    let mut shown: Vec<&Judged> = Vec::new();
    if question.kind.compare {
        for name in compared_speakers(question) {
            let own = judged.iter().find(|j| {
                speaker_of(j.ord) == Some(name) && j.coverage >= best.coverage * COMPARED_COVERAGE
            });
            if let Some(own) = own {
                if !shown.iter().any(|s| s.ord == own.ord) {
                    shown.push(own);
                }
            }
        }
    }
    for candidate in judged {
        if shown.len() >= limit {
            break;
        }
        if answers_well(candidate) && !shown.iter().any(|s| s.ord == candidate.ord) {
            shown.push(candidate);
        }
    }
    shown.truncate(limit);
    shown
}

/// Whether the question names a topic.
fn names_topic(question: &Question) -> bool {
    question
        .units
        .iter()
        .any(|unit| matches!(unit.matcher, Matcher::Topic { .. }))
}

/// Whether a candidate is on a topic the question names (of it, or naming it).
fn on_named_topic(question: &Question, judged: &Judged) -> bool {
    holds_unit(question, &judged.matches, |m| {
        matches!(m, Matcher::Topic { .. })
    })
}

/// Whether a candidate's `matches` hold, at all, some unit of the question whose matcher is
/// `wanted`: a speaker's own passage or one naming them, a topic's, an organisation's.
fn holds_unit(question: &Question, matches: &[f32], wanted: impl Fn(&Matcher) -> bool) -> bool {
    best_match(question, matches, wanted) > 0.0
}

/// The best of a candidate's `matches` of the question's units whose matcher is `wanted` (0
/// when it has none).
fn best_match(question: &Question, matches: &[f32], wanted: impl Fn(&Matcher) -> bool) -> f32 {
    question
        .units
        .iter()
        .zip(matches)
        .filter(|(unit, _)| wanted(&unit.matcher))
        .map(|(_, &m)| m)
        .fold(0.0, f32::max)
}

/// The most speakers [`spoken_elsewhere`] names.
const ELSEWHERE: usize = 3;

/// For a question about what a speaker thinks that the forum does not answer: the other
/// speakers whose own passages cover its subject as well as an answer must (蘇建廷對電池回收
/// 怎麼看, when 賴國峰 and 方雅琪 spoke of recycling), best first. Empty when the question names
/// no speaker, or several.
pub(super) fn spoken_elsewhere<'a>(
    question: &Question,
    judged: &[Judged],
    speaker_of: impl Fn(usize) -> Option<&'a str>,
) -> Vec<&'a str> {
    if question.kind.compare || question.kind.list || !names_speaker(question) {
        return Vec::new();
    }
    let needed = min_coverage(question);
    let topic_named = names_topic(question);
    let mut others: Vec<&str> = Vec::new();
    for j in judged {
        // A moderator's question names the subject without speaking of it.
        if j.coverage < needed
            || j.prompt
            || by_named_speaker(question, &j.matches)
            || (topic_named && !on_named_topic(question, j))
        {
            continue;
        }
        if let Some(name) = speaker_of(j.ord) {
            if !others.contains(&name) {
                others.push(name);
            }
        }
        if others.len() == ELSEWHERE {
            break;
        }
    }
    others
}

/// The content unit the best card matches that weighs clearly most (by [`KEY_DOMINANCE`]
/// over the next it matches), if there is one.
fn key_unit(question: &Question, best: &Judged) -> Option<usize> {
    let mut matched: Vec<(usize, f32)> = question
        .units
        .iter()
        .zip(&best.matches)
        .enumerate()
        .filter(|(_, (unit, &m))| unit.is_content() && m > 0.0)
        .map(|(i, (unit, _))| (i, unit.weight))
        .collect();
    matched.sort_by(|a, b| b.1.total_cmp(&a.1));
    match matched[..] {
        [(key, heaviest), (_, next), ..] if heaviest >= next * KEY_DOMINANCE => Some(key),
        [(key, _)] => Some(key),
        _ => None,
    }
}

/// The speakers a comparison is between: those named, by name or organisation, in order.
fn compared_speakers(question: &Question) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for unit in &question.units {
        let name = match &unit.matcher {
            Matcher::Speaker { name, .. } | Matcher::Organization { name, .. } => name.as_str(),
            _ => continue,
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_written_as_questions_fold() {
        crate::normalize::assert_written_as_folded([
            ("CAUSE_MARKERS", CAUSE_MARKERS.to_vec()),
            ("TIME_WORDS", TIME_WORDS.to_vec()),
            ("NEGATION_MARKERS", NEGATION_MARKERS.to_vec()),
            ("STANCE_VERBS", STANCE_VERBS.to_vec()),
            ("SOFTENERS", SOFTENERS.to_vec()),
            ("NUMERALS", crate::normalize::characters(NUMERALS)),
            ("MEASURES", crate::normalize::characters(MEASURES)),
        ]);
    }

    #[test]
    fn occurrences_do_not_overlap_and_respect_boundaries() {
        let found: Vec<usize> = occurrences("价格战价格战".as_bytes(), "价格".as_bytes()).collect();
        assert_eq!(found, [0, 9]);
        let found: Vec<usize> = occurrences(b"aaaa", b"aa").collect();
        assert_eq!(found, [0, 2]);
        assert_eq!(occurrences(b"abc", b"").count(), 0);
        assert!(contains_form("scaling law, ok", "law"));
        assert!(!contains_form("lawful", "law"));
        assert!(holds("降价潮", "降价"));
    }

    #[test]
    fn a_cause_or_a_purpose_is_a_reason() {
        assert!(has_cause("因为赞助商的预算缩水了"));
        // What it is for, or what would follow otherwise, gives the reason too.
        assert!(has_cause("为了让更多人跑得起"));
        assert!(has_cause("不涨的话，否则只能降低服务标准"));
        assert!(!has_cause("报名费十年没涨过"));
    }

    #[test]
    fn a_side_taken_against() {
        assert!(has_negation("我并不认为价格战是坏事"));
        // Softened: a word of degree between 不 and the verb of agreeing.
        assert!(has_negation("这个我不太同意"));
        assert!(has_negation("我不怎么看好这个方向"));
        assert!(has_negation("我跟唐总的判断恰恰相反"));
        assert!(!has_negation("我太同意了"));
        assert!(!has_negation("大家都很认同"));
    }

    #[test]
    fn figures_in_a_measure() {
        let money = ["元", "块", "钱"];
        assert!(has_figure_in("总成本大概在三千万元左右", &money));
        assert!(has_figure_in("年费定在1.98万元", &money));
        assert!(has_figure_in("只要两百多块", &money));
        assert!(!has_figure_in("覆盖运营成本的不到15%", &money));
        assert!(!has_figure_in("门票收入和钱有关", &money));
        assert!(has_figure_in("低温仓只能存放约3千公吨", &["吨"]));
        assert!(has_figure_in("全年观众只有约9万人次", &["人", "位", "名"]));
        assert!(!has_figure_in("三年内把比例拉到四成", &["人", "位", "名"]));
        let share = ["%", "百分之", "成"];
        assert!(has_figure_in("外地跑者占了百分之六十二", &share));
        assert!(has_figure_in("只占两成多一点", &share));
        assert!(!has_figure_in("百分之百的把握", &["元"]));
        assert!(has_figure_in("封路五到六个小时", &["小时"]));
        assert!(!has_figure_in("一场三万人规模的全马", &["场"]));
        assert!(has_figure_in("一百场", &["场"]));
        // Money in 万 or 亿 alone, and not a count of something else.
        assert!(has_figure_in("财政投入少则八百万，多则两千多万", &money));
        assert!(!has_figure_in("一场三万人规模的全马", &money));
        assert!(!has_figure_in("卖出了260万件", &money));
        // In another currency.
        assert!(has_figure_in("做一场直播要十几万美元", &money));
        assert!(has_figure_in("一张票30港元", &money));
        assert!(!has_figure_in("美元走强", &money));
    }
}
