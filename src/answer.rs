//! Rendering: answers become cards (plain data shaped like Discord embeds) that always fit
//! Discord's limits, and cards become terminal text. Nothing here knows serenity.

use std::collections::HashMap;
use std::sync::Arc;

use crate::knowledge::{Knowledge, Pack, Passage};
use crate::normalize::fold;
use crate::search::{Answer, Hit};
use crate::strings::{text, Locale};
use crate::text::{is_sentence_end, sentence_ranges};

/// Discord's limits, in characters (Unicode scalar values).
pub mod limits {
    pub const CONTENT: usize = 2000;
    pub const EMBED_TITLE: usize = 256;
    pub const EMBED_DESCRIPTION: usize = 4096;
    pub const EMBED_AUTHOR: usize = 256;
    pub const EMBED_FOOTER: usize = 2048;
    pub const EMBED_FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const EMBEDS_PER_MESSAGE: usize = 10;
    pub const EMBED_TOTAL: usize = 6000;
    pub const AUTOCOMPLETE_CHOICES: usize = 25;
    pub const CHOICE_NAME: usize = 100;
}

/// One quoted passage, or one block of information, ready to become an embed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub author: String,
    pub title: String,
    /// Markdown: the quote, matched words in bold.
    pub description: String,
    pub fields: Vec<(String, String)>,
    pub footer: String,
    pub color: u32,
    /// Where the quoted source was published, when the pack says (an `http(s)` link).
    pub url: Option<String>,
}

impl Card {
    /// Characters Discord counts toward the 6000 a message may hold.
    pub fn size(&self) -> usize {
        let fields: usize = self
            .fields
            .iter()
            .map(|(n, v)| n.chars().count() + v.chars().count())
            .sum();
        self.author.chars().count()
            + self.title.chars().count()
            + self.description.chars().count()
            + self.footer.chars().count()
            + fields
    }
}

/// A whole reply: optional text, and cards.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    pub content: String,
    pub cards: Vec<Card>,
}

/// One colour per speaker (in roster order); narration is grey.
const PALETTE: [u32; 8] = [
    0x5865f2, 0xed4245, 0x57f287, 0xfee75c, 0xeb459e, 0x3498db, 0xe67e22, 0x1abc9c,
];
const NARRATION_COLOR: u32 = 0x99aab5;

/// The reply to a question: its best hits as cards, or, when the forum does not answer it,
/// what the forum does cover.
pub fn answer_reply(answer: &Answer, knowledge: &Knowledge, locale: Locale) -> Reply {
    if answer.hits.is_empty() {
        let mut reply = not_covered(knowledge, locale);
        // The forum covers the subject, only not from whom the question names.
        let named = answer
            .speakers
            .first()
            .filter(|_| !answer.elsewhere.is_empty());
        if let Some(named) = named {
            let display = |name: &str| match (locale, knowledge.speaker(name)) {
                (Locale::English, Some(speaker)) => english_name(speaker),
                _ => name.to_owned(),
            };
            let others: Vec<String> = answer.elsewhere.iter().map(|n| display(n)).collect();
            reply.cards[0].title = clip(
                &text::spoken_elsewhere(locale, &display(named), &others),
                limits::EMBED_TITLE,
            );
        }
        return reply;
    }
    hits_reply(&answer.hits, knowledge, locale)
}

/// Cards for hits, as many as fit in one message. The same words reported by several sources
/// make one card, citing them all.
pub fn hits_reply(hits: &[Hit], knowledge: &Knowledge, locale: Locale) -> Reply {
    let mut reply = Reply::default();
    let mut total = 0;
    for (kept, also) in merge_reports(hits)
        .into_iter()
        .take(limits::EMBEDS_PER_MESSAGE)
    {
        let mut card = hit_card(&hits[kept], knowledge, locale);
        if !also.is_empty() {
            let others: Vec<String> = also
                .iter()
                .map(|&other| {
                    let hit = &hits[other];
                    format!(
                        "{} · {}",
                        source_line(&hit.pack, locale, true),
                        text::paragraph(locale, hit.passage().paragraph)
                    )
                })
                .collect();
            let footer = format!(
                "{}\n{}: {}",
                card.footer,
                text::also_reported(locale),
                others.join("; ")
            );
            card.footer = clip(&footer, limits::EMBED_FOOTER);
        }
        if total + card.size() > limits::EMBED_TOTAL {
            break;
        }
        total += card.size();
        reply.cards.push(card);
    }
    reply
}

/// One page of a long list of hits: the cards for the hits from `offset` on (at most
/// `page_size`, and as many as fit in one message), and where the next page starts, if there is
/// one. `None` for the reply when `offset` is past the end.
pub fn page_reply(
    hits: &[Hit],
    offset: usize,
    page_size: usize,
    knowledge: &Knowledge,
    locale: Locale,
) -> Option<(Reply, Option<usize>)> {
    if offset >= hits.len() {
        return None;
    }
    let end = (offset + page_size.max(1)).min(hits.len());
    let reply = hits_reply(&hits[offset..end], knowledge, locale);
    let next = offset + reply.cards.len().max(1);
    Some((reply, (next < hits.len()).then_some(next)))
}

/// Hits that report the same words of the same speaker from different sources (two outlets
/// quoting one sentence): each hit kept, in order, with the later hits that repeat it.
pub fn merge_reports(hits: &[Hit]) -> Vec<(usize, Vec<usize>)> {
    let mut kept: Vec<(usize, Vec<usize>)> = Vec::new();
    for (index, hit) in hits.iter().enumerate() {
        let earlier = kept.iter_mut().find(|(first, _)| {
            let first = &hits[*first];
            !Arc::ptr_eq(&first.pack, &hit.pack) && same_report(first.passage(), hit.passage())
        });
        match earlier {
            Some((_, also)) => also.push(index),
            None => kept.push((index, Vec::new())),
        }
    }
    kept
}

/// A quotation this long, in characters, shared by two passages is the same words.
const SHARED_QUOTE_CHARS: usize = 6;

/// Whether two passages report the same words: the same speaker, and the same text or a
/// quotation in common, compared folded (a Simplified and a Traditional report match).
pub fn same_report(a: &Passage, b: &Passage) -> bool {
    if a.speaker.is_none() || a.speaker != b.speaker {
        return false;
    }
    let (a, b) = (fold(&a.text), fold(&b.text));
    if a == b {
        return true;
    }
    let theirs = quotations(&b);
    quotations(&a)
        .iter()
        .any(|quote| quote.chars().count() >= SHARED_QUOTE_CHARS && theirs.contains(quote))
}

/// The words inside quotation marks (「…」, 『…』, “…”).
fn quotations(text: &str) -> Vec<&str> {
    let mut quotes = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['「', '『', '“']) {
        let mark = rest[open..].chars().next().unwrap_or('「');
        let close = match mark {
            '「' => '」',
            '『' => '』',
            _ => '”',
        };
        let inner = &rest[open + mark.len_utf8()..];
        match inner.find(close) {
            Some(end) => {
                quotes.push(&inner[..end]);
                rest = &inner[end + close.len_utf8()..];
            }
            None => break,
        }
    }
    quotes
}

/// Groups hits by speaker, in roster order with narration last, keeping the source order
/// within each speaker: what each speaker said, side by side.
pub fn by_speaker(mut hits: Vec<Hit>, knowledge: &Knowledge) -> Vec<Hit> {
    let speakers = knowledge.speakers();
    hits.sort_by_key(|hit| match hit.passage().speaker.as_deref() {
        Some(name) => speakers
            .iter()
            .position(|s| s.name == name)
            .unwrap_or(speakers.len()),
        None => speakers.len() + 1,
    });
    hits
}

/// The helpful abstention: who spoke and on what.
pub fn not_covered(knowledge: &Knowledge, locale: Locale) -> Reply {
    let speakers: Vec<String> = knowledge
        .speakers()
        .iter()
        .map(|s| speaker_line(s, locale))
        .collect();
    let topics: Vec<String> = knowledge
        .topics()
        .iter()
        .map(|t| topic_name(t, locale))
        .collect();
    let card = Card {
        title: text::not_covered(locale).to_owned(),
        description: text::try_asking(locale, &examples(knowledge, locale)),
        fields: vec![
            (
                text::who_spoke(locale).to_owned(),
                clip(&speakers.join("\n"), limits::FIELD_VALUE),
            ),
            (
                text::topics(locale).to_owned(),
                clip(&topics.join("\n"), limits::FIELD_VALUE),
            ),
        ],
        color: NARRATION_COLOR,
        ..Card::default()
    };
    Reply {
        content: String::new(),
        cards: vec![card],
    }
}

/// Questions this forum answers, to show how to ask: up to two speakers who are not its
/// moderators (by their English name in English, when they have one), each with the topic
/// they speak on most, by the curator's first short name for it in the asker's script (价格战,
/// price war; AGI in either). A topic with no such name (a pack whose topics are its section
/// headings) gives "what did they say".
pub fn examples(knowledge: &Knowledge, locale: Locale) -> Vec<(String, Option<String>)> {
    const EXAMPLES: usize = 2;
    const SHORT_NAME: usize = 12;
    let topics = knowledge.topics();
    let short_name = |id: &str| -> Option<String> {
        let topic = topics.iter().find(|topic| topic.id == id)?;
        let short = |name: &&String| name.chars().count() <= SHORT_NAME && !name.trim().is_empty();
        let latin = |name: &&String| !name.chars().any(crate::normalize::is_han);
        // English asks with a Latin name; Chinese with the first, unless that is a phrase.
        let name = if locale.is_chinese() {
            topic
                .aliases
                .iter()
                .filter(short)
                .find(|name| !latin(name) || !name.contains(' '))
        } else {
            topic.aliases.iter().filter(short).find(latin)
        }?;
        Some(match locale {
            Locale::SimplifiedChinese => fast2s::convert(name),
            _ => name.clone(),
        })
    };
    // How many passages each speaker has on each topic, in one pass, topics in source order.
    let mut spoken: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    for (_, passage) in knowledge.passages() {
        let Some(name) = passage.speaker.as_deref() else {
            continue;
        };
        let counts = spoken.entry(name).or_default();
        match counts.iter_mut().find(|(id, _)| *id == passage.topic) {
            Some((_, count)) => *count += 1,
            None => counts.push((&passage.topic, 1)),
        }
    }
    let mut examples: Vec<(String, Option<String>)> = Vec::new();
    for speaker in knowledge.speakers() {
        if crate::search::is_moderator(speaker) {
            continue;
        }
        let Some(counts) = spoken.get_mut(speaker.name.as_str()) else {
            continue;
        };
        // Most passages first; the earlier topic on a tie. A topic another example has taken
        // is passed over.
        counts.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
        let topic = counts
            .iter()
            .filter_map(|(id, _)| short_name(id))
            .find(|name| {
                !examples
                    .iter()
                    .any(|(_, taken)| taken.as_ref() == Some(name))
            });
        let name = match locale {
            Locale::SimplifiedChinese => fast2s::convert(&speaker.name),
            Locale::English => english_name(speaker),
            Locale::TraditionalChinese => speaker.name.clone(),
        };
        examples.push((name, topic));
        if examples.len() == EXAMPLES {
            break;
        }
    }
    examples
}

/// A speaker's name as English reads it: their English name, or their own.
fn english_name(speaker: &crate::knowledge::Speaker) -> String {
    speaker
        .name_en
        .clone()
        .unwrap_or_else(|| speaker.name.clone())
}

/// The event, session, participants and source of every pack.
pub fn forum_reply(knowledge: &Knowledge, locale: Locale) -> Reply {
    let mut reply = Reply::default();
    for pack in knowledge.packs.iter().take(limits::EMBEDS_PER_MESSAGE) {
        let event = &pack.event;
        let session = match (&event.session_en, locale) {
            (Some(en), Locale::English) => format!("{} ({en})", event.session),
            _ => event.session.clone(),
        };
        let participants: Vec<String> = pack
            .speakers
            .iter()
            .map(|s| speaker_line(s, locale))
            .collect();
        let card = Card {
            title: clip(&event_name(pack, locale), limits::EMBED_TITLE),
            description: clip(&pack.source.headline, limits::EMBED_DESCRIPTION),
            fields: vec![
                (
                    text::date(locale).to_owned(),
                    format!("{} · {}", event.date, event.place),
                ),
                (
                    text::session(locale).to_owned(),
                    clip(&session, limits::FIELD_VALUE),
                ),
                (
                    text::participants(locale).to_owned(),
                    clip(&participants.join("\n"), limits::FIELD_VALUE),
                ),
                (
                    text::source(locale).to_owned(),
                    clip(
                        &match link(pack) {
                            Some(url) => format!("{}\n{url}", source_line(pack, locale, false)),
                            None => source_line(pack, locale, false),
                        },
                        limits::FIELD_VALUE,
                    ),
                ),
            ],
            color: NARRATION_COLOR,
            ..Card::default()
        };
        reply.cards.push(card);
    }
    reply
}

/// One hit as a card: speaker in the author line, quote in the description, source below.
pub fn hit_card(hit: &Hit, knowledge: &Knowledge, locale: Locale) -> Card {
    let passage = hit.passage();
    let pack = &hit.pack;
    let author = match passage
        .speaker
        .as_deref()
        .and_then(|name| pack.speakers.iter().find(|s| s.name == name))
    {
        Some(speaker) => speaker_line(speaker, locale),
        None => format!("{} · {}", text::narration(locale), pack.source.outlet),
    };
    let title = pack
        .topics
        .iter()
        .find(|t| t.id == passage.topic)
        .map(|t| topic_name(t, locale))
        .unwrap_or_default();
    // With several sources loaded, each card names its source by headline too.
    let several = knowledge.packs.len() > 1;
    let footer = format!(
        "{} · {} · {}",
        event_name(pack, locale),
        source_line(pack, locale, several),
        text::paragraph(locale, passage.paragraph)
    );
    Card {
        author: clip(&author, limits::EMBED_AUTHOR),
        title: clip(&title, limits::EMBED_TITLE),
        description: quote_markdown(hit, limits::EMBED_DESCRIPTION),
        fields: Vec::new(),
        footer: clip(&footer, limits::EMBED_FOOTER),
        color: speaker_color(knowledge, passage.speaker.as_deref()),
        url: link(pack),
    }
}

/// The excerpt as Discord markdown: highlights in bold, markdown characters escaped, an
/// ellipsis where the excerpt cuts the passage, at most `max` characters. When too long, whole
/// sentences are dropped from the end, so a cut never falls inside a word or a bold run.
pub fn quote_markdown(hit: &Hit, max: usize) -> String {
    let text = &hit.passage().text;
    let mut end = hit.excerpt.end;
    loop {
        let rendered = mark(
            text,
            hit.excerpt.start..end,
            &hit.highlights,
            "**",
            escape_markdown,
        );
        if rendered.chars().count() <= max {
            return rendered;
        }
        let shorter = sentence_ranges(&text[hit.excerpt.start..end])
            .iter()
            .rev()
            .nth(1)
            .map(|s| hit.excerpt.start + s.end);
        match shorter {
            Some(cut) if cut > hit.excerpt.start => end = cut,
            // A single sentence longer than the limit: cut it at a character boundary.
            _ => {
                let plain = escape_markdown(&text[hit.excerpt.start..end]);
                return clip(&plain, max);
            }
        }
    }
}

/// The excerpt with highlights wrapped in `marker`, plain text otherwise: for JSON output.
pub fn highlighted_plain(hit: &Hit) -> String {
    mark(
        &hit.passage().text,
        hit.excerpt.clone(),
        &hit.highlights,
        "**",
        |s| s.to_owned(),
    )
}

fn mark(
    text: &str,
    range: std::ops::Range<usize>,
    highlights: &[std::ops::Range<usize>],
    marker: &str,
    escape: fn(&str) -> String,
) -> String {
    let mut out = String::new();
    if range.start > 0 {
        out.push('…');
    }
    let mut at = range.start;
    for highlight in highlights {
        let start = highlight.start.max(at);
        let end = highlight.end.min(range.end);
        if start >= end {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str(marker);
        out.push_str(&escape(&text[start..end]));
        out.push_str(marker);
        at = end;
    }
    out.push_str(&escape(&text[at..range.end]));
    if range.end < text.len() {
        out.push('…');
    }
    out
}

/// Backslash-escapes the characters Discord reads as markdown, so quoted text shows as is, and
/// puts an invisible word joiner after every `@`, so that no text can form a mention even where
/// allowed-mentions were forgotten.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '*' | '_' | '~' | '`' | '|' | '>' | '\\' | '[' | ']' | '#' | '-' | '<' | ':'
        ) {
            out.push('\\');
        }
        out.push(c);
        if c == '@' {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// U+2060, zero width: breaks `@everyone` without showing.
const WORD_JOINER: char = '\u{2060}';

/// At most `max` characters; a longer text is cut after its last sentence end that fits, or
/// at a character boundary, and ends with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(1);
    let cut = text
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let sentence_end = head
        .char_indices()
        .filter(|(_, c)| is_sentence_end(*c))
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    let head = match sentence_end {
        Some(end) if end * 2 >= head.len() => &head[..end],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// A heading and a list of problems (`path:line: message`, say) as one message within
/// Discord's 2000 characters: the problems one a line in a code block, so that none can form
/// markdown or a mention, each clipped to 300 characters. Problems that do not fit are counted
/// in a last line, `and_more(count)`.
pub fn problem_list(
    heading: &str,
    problems: &[String],
    and_more: impl Fn(usize) -> String,
) -> String {
    const FENCE: &str = "```";
    // A fence inside a problem would close the block early; zero-width spaces keep it apart.
    let lines: Vec<String> = problems
        .iter()
        .map(|problem| clip(&problem.replace(FENCE, "`\u{200b}`\u{200b}`"), 300))
        .collect();
    let count = |text: &str| text.chars().count();
    // The heading, two fences, their line breaks, and room for the last line.
    let reserve = count(heading) + 2 * (count(FENCE) + 1) + count(&and_more(problems.len())) + 1;
    let budget = limits::CONTENT.saturating_sub(reserve);
    let mut used = 0;
    let mut shown = Vec::new();
    for line in &lines {
        let size = count(line) + 1;
        if used + size > budget {
            break;
        }
        used += size;
        shown.push(line.as_str());
    }
    let mut message = format!("{heading}\n{FENCE}\n{}\n{FENCE}", shown.join("\n"));
    if shown.len() < lines.len() {
        message.push('\n');
        message.push_str(&and_more(lines.len() - shown.len()));
    }
    clip(&message, limits::CONTENT)
}

/// "楊植麟 · 月之暗面 CEO", or in English "Yang Zhilin (楊植麟) · Moonshot AI, CEO".
pub fn speaker_line(speaker: &crate::knowledge::Speaker, locale: Locale) -> String {
    match locale {
        Locale::English => {
            let name = match &speaker.name_en {
                Some(en) => format!("{en} ({})", speaker.name),
                None => speaker.name.clone(),
            };
            let organization = speaker
                .organization_en
                .as_deref()
                .unwrap_or(&speaker.organization);
            let role = speaker.role_en.as_deref().unwrap_or(&speaker.role);
            format!("{name} · {organization}, {role}")
        }
        _ => format!(
            "{} · {} {}",
            speaker.name, speaker.organization, speaker.role
        ),
    }
}

pub fn topic_name(topic: &crate::knowledge::Topic, locale: Locale) -> String {
    match locale {
        Locale::English => match &topic.name_en {
            Some(en) => format!("{en} ({})", topic.heading),
            None => topic.heading.clone(),
        },
        _ => topic.heading.clone(),
    }
}

fn event_name(pack: &Pack, locale: Locale) -> String {
    let event = &pack.event;
    match (&event.name_en, locale) {
        (Some(en), Locale::English) => format!("{en} · {} · {}", event.session, event.date),
        _ => format!("{} · {} · {}", event.name, event.session, event.date),
    }
}

/// "北京商報, 楊月涵", with the headline after it when several sources are loaded.
fn source_line(pack: &Pack, locale: Locale, with_headline: bool) -> String {
    let source = &pack.source;
    let outlet = match (&source.outlet_en, locale) {
        (Some(en), Locale::English) => format!("{} ({en})", source.outlet),
        _ => source.outlet.clone(),
    };
    if with_headline {
        format!("{outlet}, {}「{}」", source.reporter, source.headline)
    } else {
        format!("{outlet}, {}", source.reporter)
    }
}

/// The source's link, when it has one Discord accepts (http or https, no spaces).
fn link(pack: &Pack) -> Option<String> {
    pack.source
        .url
        .as_deref()
        .map(str::trim)
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .filter(|url| !url.contains(char::is_whitespace) && url.len() <= 2048)
        .map(str::to_owned)
}

fn speaker_color(knowledge: &Knowledge, speaker: Option<&str>) -> u32 {
    let Some(name) = speaker else {
        return NARRATION_COLOR;
    };
    let position = knowledge
        .speakers()
        .iter()
        .position(|s| s.name == name)
        .unwrap_or(0);
    PALETTE[position % PALETTE.len()]
}

/// A reply as terminal text: the same cards the bot sends, one after another.
pub fn render_terminal(reply: &Reply) -> String {
    let mut out = String::new();
    if !reply.content.is_empty() {
        out.push_str(&reply.content);
        out.push_str("\n\n");
    }
    for card in &reply.cards {
        for line in [&card.author, &card.title] {
            if !line.is_empty() {
                out.push_str(line);
                out.push('\n');
            }
        }
        if !card.description.is_empty() {
            for line in unescape_markdown(&card.description).lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
        }
        for (name, value) in &card.fields {
            out.push_str(name);
            out.push_str(":\n");
            for line in value.lines() {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
        if !card.footer.is_empty() {
            out.push_str("— ");
            out.push_str(&card.footer);
            out.push('\n');
        }
        if let Some(url) = &card.url {
            out.push_str(url);
            out.push('\n');
        }
        out.push('\n');
    }
    out.trim_end().to_owned() + "\n"
}

/// Drops what [`escape_markdown`] added: backslashes and the joiner after `@`.
pub fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
            if c == '@' && chars.peek() == Some(&WORD_JOINER) {
                chars.next();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_list_fits_one_message_and_counts_what_it_leaves_out() {
        let and_more = |n: usize| format!("and {n} more");
        assert_eq!(
            problem_list("Problems:", &["a.toml:1: bad ```x```".to_owned()], and_more),
            "Problems:\n```\na.toml:1: bad `\u{200b}`\u{200b}`x`\u{200b}`\u{200b}`\n```"
        );
        let many: Vec<String> = (0..500)
            .map(|i| format!("pack.toml:{i}: unknown speaker"))
            .collect();
        let list = problem_list("Problems:", &many, and_more);
        assert!(
            list.chars().count() <= limits::CONTENT,
            "{}",
            list.chars().count()
        );
        let shown = list.lines().filter(|l| l.starts_with("pack.toml")).count();
        assert!(
            list.ends_with(&format!("```\nand {} more", 500 - shown)),
            "{list}"
        );
    }

    fn passage(speaker: Option<&str>, text: &str) -> Passage {
        Passage {
            id: "p".to_owned(),
            paragraph: 1,
            topic: "t".to_owned(),
            speaker: speaker.map(str::to_owned),
            voice: crate::knowledge::Voice::Quote,
            text: text.to_owned(),
            source_range: 0..text.len(),
            line: 1,
        }
    }

    #[test]
    fn the_same_words_in_two_outlets_and_scripts_are_one_report() {
        let traditional = passage(Some("張鵬"), "張鵬說,「做虧本買賣不是正常的商業邏輯」。");
        let simplified = passage(
            Some("張鵬"),
            "智谱CEO张鹏表示：“做亏本买卖不是正常的商业逻辑”。",
        );
        assert!(same_report(&traditional, &simplified));
        let someone_else = passage(
            Some("楊植麟"),
            "楊植麟說,「做虧本買賣不是正常的商業邏輯」。",
        );
        assert!(!same_report(&traditional, &someone_else));
        let a_term = passage(Some("張鵬"), "張鵬笑著澄清,「子虛烏有」。");
        let same_term = passage(Some("張鵬"), "张鹏说这是「子虚乌有」。");
        assert!(
            !same_report(&a_term, &same_term),
            "a shared term is not a shared quote"
        );
        let narration = passage(None, "大會現場,「子虛烏有」。");
        assert!(!same_report(&narration, &narration.clone()));
    }

    #[test]
    fn a_quote_reported_by_two_sources_makes_one_card_citing_both() {
        let seed = Knowledge::embedded().packs[0].clone();
        let mut other = (*seed).clone();
        other.id = "other".to_owned();
        other.source.outlet = "另一報".to_owned();
        other.source.outlet_en = None;
        other.source.reporter = "記者".to_owned();
        other.source.headline = "另一篇報導".to_owned();
        other.source.url = Some("https://example.com/report".to_owned());
        let other = Arc::new(other);
        let knowledge = Knowledge {
            packs: vec![seed.clone(), other.clone()],
        };
        let hit = |pack: &Arc<Pack>, index: usize| Hit {
            pack: pack.clone(),
            index,
            score: 1.0,
            excerpt: 0..pack.passages[index].text.len(),
            highlights: Vec::new(),
        };
        // ¶22 from both sources, then ¶6 from the first.
        let hits = [hit(&seed, 21), hit(&other, 21), hit(&seed, 5)];
        assert_eq!(merge_reports(&hits), [(0, vec![1]), (2, vec![])]);
        let reply = hits_reply(&hits, &knowledge, Locale::English);
        assert_eq!(reply.cards.len(), 2);
        assert_eq!(
            reply.cards[0].footer,
            "BAAI Conference 2024 · AI尖峰對話 · 2024-06-14 · 北京商報 (Beijing Business Today), \
             楊月涵「AI尖峰對話:被「追星」的楊植麟,被「認可」的價格戰」 · ¶22\n\
             Also reported by: 另一報, 記者「另一篇報導」 · ¶22"
        );
        assert_eq!(reply.cards[0].url, None);
        let from_other = hits_reply(&hits[1..2], &knowledge, Locale::English);
        assert_eq!(
            from_other.cards[0].url.as_deref(),
            Some("https://example.com/report")
        );
        // The forum card lists every source, with its link when known.
        let forum = forum_reply(&knowledge, Locale::English);
        let sources: Vec<&str> = forum
            .cards
            .iter()
            .map(|card| card.fields[3].1.as_str())
            .collect();
        assert_eq!(
            sources,
            [
                "北京商報 (Beijing Business Today), 楊月涵",
                "另一報, 記者\nhttps://example.com/report"
            ]
        );
    }

    #[test]
    fn a_topic_without_an_english_name_shows_its_heading() {
        let topic = crate::knowledge::Topic {
            id: "t".to_owned(),
            heading: "缺工，比颱風更可怕".to_owned(),
            name_en: None,
            aliases: Vec::new(),
        };
        assert_eq!(topic_name(&topic, Locale::English), "缺工，比颱風更可怕");
        let named = crate::knowledge::Topic {
            name_en: Some("Labour".to_owned()),
            ..topic
        };
        assert_eq!(
            topic_name(&named, Locale::English),
            "Labour (缺工，比颱風更可怕)"
        );
    }

    #[test]
    fn clip_prefers_sentence_ends() {
        assert_eq!(clip("短句。", 10), "短句。");
        assert_eq!(clip("第一句話。第二句話很長很長", 10), "第一句話。…");
        assert_eq!(clip("abcdefghij", 5), "abcd…");
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn escaping_round_trips() {
        let text = "@everyone **bold** <@123> `code` a_b";
        assert_eq!(unescape_markdown(&escape_markdown(text)), text);
        assert!(!escape_markdown(text).contains("@everyone"));
    }
}
