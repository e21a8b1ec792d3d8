//! What verbatim says to a request, as plain data: a request read from an interaction or a
//! message becomes an [`Outcome`] (cards, or a notice) with no I/O and no Discord call. The
//! interaction and message handlers send what this decides; `render` turns it into builders.

use crate::answer::{
    answer_reply, by_speaker, clip, escape_markdown, forum_reply, limits, page_reply, speaker_line,
    topic_name,
};
use crate::feedback::Quoted;
use crate::knowledge::Knowledge;
use crate::search::{Engine, Hit};
use crate::speakers::Target;
use crate::strings::{text, Locale};

use super::commands;
use super::pages::{question_in, question_line, Listing, Page};
use super::render::Outcome;

/// Passages one question is answered with at most, over all its pages.
const ANSWER_HITS: usize = 15;
/// Passages on one page of an answer.
const ANSWER_PAGE: usize = 3;
/// Passages on one page of `/topic` and `/speaker`.
const LISTING_PAGE: usize = 5;

/// What a command asks for, read from its interaction.
#[derive(Debug)]
pub(super) enum Request {
    /// `/ask` or the "Ask the forum" message command.
    Question { text: String, private: bool },
    /// `/topic`, with the topic as typed or chosen.
    Topic(String),
    /// `/speaker`, with the speaker and the optional topic as typed or chosen.
    Speaker {
        speaker: String,
        topic: Option<String>,
    },
    /// `/forum`.
    Forum,
}

/// What verbatim says to a request, and what the question log keeps of it.
#[derive(Debug)]
pub(super) struct Replied {
    pub(super) outcome: Outcome,
    /// How many passages were found.
    pub(super) results: usize,
    /// For a question: the passages its answer's first page quotes; none when the forum
    /// abstains, and for every other request.
    pub(super) quoted: Vec<Quoted>,
}

impl Replied {
    /// An outcome that quotes nothing of a question.
    fn listing((outcome, results): (Outcome, usize)) -> Replied {
        Replied {
            outcome,
            results,
            quoted: Vec::new(),
        }
    }
}

/// The answer to a request. `key` identifies the request (its interaction or message id), for
/// the buttons of a question's answer; with `votes`, that answer carries 👍/👎 buttons.
pub(super) fn reply(
    engine: &Engine,
    key: u64,
    request: Request,
    votes: bool,
    locale: Locale,
) -> Replied {
    match request {
        Request::Question { text, private } => question(engine, key, &text, private, votes, locale),
        Request::Topic(typed) => Replied::listing(topic_listing(engine, &typed, locale)),
        Request::Speaker { speaker, topic } => {
            Replied::listing(speaker_listing(engine, &speaker, topic.as_deref(), locale))
        }
        Request::Forum => {
            let reply = forum_reply(engine.knowledge(), locale);
            let count = reply.cards.len();
            let outcome = Outcome::Answer {
                reply,
                more: None,
                private: false,
                votes: None,
            };
            Replied::listing((outcome, count))
        }
    }
}

/// The notice refusing a question that is empty (nothing visible in it) or longer than
/// `max_chars`, if it is one.
pub(super) fn check_question(
    question: &str,
    max_chars: usize,
    locale: Locale,
) -> Result<(), String> {
    if is_blank(question) {
        Err(text::empty_question(locale).to_owned())
    } else if question.chars().count() > max_chars {
        Err(text::question_too_long(locale, max_chars))
    } else {
        Ok(())
    }
}

/// True when `text` shows nothing: only white space and invisible characters (zero-width
/// spaces and joiners, direction marks, the byte-order mark, and other format characters).
pub(super) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Unicode's format characters (category Cf) that may stand alone in a message, variation
/// selectors, and the Hangul fillers, all of which show as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FE00}'..='\u{FE0F}')
}

/// `text` without Discord's mention markup (`<@id>`, `<@!id>`, `<@&id>`, `<#id>`), trimmed: a
/// mention of the bot, of someone, of a role or of a channel is how a question is addressed,
/// not what it asks.
pub(super) fn without_mentions(text: &str) -> String {
    let mut question = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        question.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let markup = ["@!", "@&", "@", "#"]
            .iter()
            .find_map(|prefix| after.strip_prefix(prefix))
            .and_then(|digits| {
                let end = digits.find('>')?;
                let id = &digits[..end];
                (!id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| &digits[end + 1..])
            });
        match markup {
            Some(after_markup) => {
                question.push(' ');
                rest = after_markup;
            }
            None => {
                question.push('<');
                rest = after;
            }
        }
    }
    question.push_str(rest);
    question.trim().to_owned()
}

/// The first page of a question's answer. Its first line shows the question, which is where
/// the "More" button reads it back from; with `votes`, an answer that quotes anything carries
/// 👍/👎 buttons.
pub(super) fn question(
    engine: &Engine,
    key: u64,
    question: &str,
    private: bool,
    votes: bool,
    locale: Locale,
) -> Replied {
    let answer = engine.ask(question, ANSWER_HITS);
    let outcome = if answer.hits.is_empty() {
        let reply = answer_reply(&answer, engine.knowledge(), locale);
        Outcome::Answer {
            reply,
            more: None,
            private,
            votes: None,
        }
    } else {
        let listing = Listing::Question(key);
        paged(
            &answer.hits,
            listing,
            0,
            ANSWER_PAGE,
            engine,
            private,
            locale,
        )
    };
    let outcome = with_question_line(outcome, question);
    let shown = match &outcome {
        Outcome::Answer { reply, .. } if !answer.hits.is_empty() => reply.cards.len(),
        _ => 0,
    };
    let quoted = answer.hits.iter().take(shown).map(quoted).collect();
    let outcome = if votes && shown > 0 {
        with_votes(outcome, key)
    } else {
        outcome
    };
    Replied {
        outcome,
        results: answer.hits.len(),
        quoted,
    }
}

/// A hit as the question log keeps it.
fn quoted(hit: &Hit) -> Quoted {
    let passage = hit.passage();
    Quoted {
        passage: passage.id.clone(),
        speaker: passage.speaker.clone(),
        topic: passage.topic.clone(),
    }
}

/// An answer with the 👍/👎 buttons for the answer to question `key`.
fn with_votes(outcome: Outcome, key: u64) -> Outcome {
    match outcome {
        Outcome::Answer {
            reply,
            more,
            private,
            ..
        } => Outcome::Answer {
            reply,
            more,
            private,
            votes: Some(key),
        },
        notice @ Outcome::Notice(_) => notice,
    }
}

/// An answer with the question shown above it. Without room for the line, the "More" button
/// would have no question to read back, so it goes.
fn with_question_line(outcome: Outcome, question: &str) -> Outcome {
    match outcome {
        Outcome::Answer {
            mut reply,
            more,
            private,
            votes,
        } => {
            let more = match question_line(question) {
                Some(line) => {
                    reply.content = line;
                    more
                }
                None => None,
            };
            Outcome::Answer {
                reply,
                more,
                private,
                votes,
            }
        }
        notice @ Outcome::Notice(_) => notice,
    }
}

fn topic_listing(engine: &Engine, typed: &str, locale: Locale) -> (Outcome, usize) {
    let Some(topic) = resolve(engine, typed, is_topic, |k, id| k.topic(id).is_some()) else {
        let notice = text::unknown_topic(locale, &echoed(typed));
        return (Outcome::Notice(notice), 0);
    };
    let hits = by_speaker(engine.passages_on(&topic), engine.knowledge());
    let listing = Listing::Topic(topic);
    let outcome = paged(&hits, listing, 0, LISTING_PAGE, engine, false, locale);
    (outcome, hits.len())
}

fn speaker_listing(
    engine: &Engine,
    typed: &str,
    topic: Option<&str>,
    locale: Locale,
) -> (Outcome, usize) {
    let Some(name) = resolve(engine, typed, is_speaker, |k, name| {
        k.speaker(name).is_some()
    }) else {
        let notice = text::unknown_speaker(locale, &echoed(typed));
        return (Outcome::Notice(notice), 0);
    };
    let topic = match topic.filter(|t| !t.trim().is_empty()) {
        None => None,
        Some(typed) => match resolve(engine, typed, is_topic, |k, id| k.topic(id).is_some()) {
            Some(topic) => Some(topic),
            None => {
                let notice = text::unknown_topic(locale, &echoed(typed));
                return (Outcome::Notice(notice), 0);
            }
        },
    };
    let hits = engine.passages_of(Some(&name), topic.as_deref());
    let listing = Listing::Speaker { name, topic };
    let outcome = paged(&hits, listing, 0, LISTING_PAGE, engine, false, locale);
    (outcome, hits.len())
}

/// A later page of a listing, for its "More" button, and how many passages it shows.
/// `shown` is the content of the message the button is on, where a question's answer shows
/// the question; with `votes`, a question's answer keeps its 👍/👎 buttons.
pub(super) fn page(
    engine: &Engine,
    page: &Page,
    shown: &str,
    private: bool,
    votes: bool,
    locale: Locale,
) -> (Outcome, usize) {
    let (hits, page_size, question) = match &page.listing {
        Listing::Question(_) => {
            let Some(question) = question_in(shown) else {
                return (Outcome::Notice(text::page_expired(locale).to_owned()), 0);
            };
            let hits = engine.ask(&question, ANSWER_HITS).hits;
            (hits, ANSWER_PAGE, Some(question))
        }
        Listing::Topic(topic) => (
            by_speaker(engine.passages_on(topic), engine.knowledge()),
            LISTING_PAGE,
            None,
        ),
        Listing::Speaker { name, topic } => (
            engine.passages_of(Some(name), topic.as_deref()),
            LISTING_PAGE,
            None,
        ),
    };
    let outcome = paged(
        &hits,
        page.listing.clone(),
        page.offset,
        page_size,
        engine,
        private,
        locale,
    );
    let outcome = match (question, &page.listing) {
        (Some(question), Listing::Question(key)) => {
            let outcome = with_question_line(outcome, &question);
            if votes {
                with_votes(outcome, *key)
            } else {
                outcome
            }
        }
        _ => outcome,
    };
    let count = match &outcome {
        Outcome::Answer { reply, .. } => reply.cards.len(),
        Outcome::Notice(_) => 0,
    };
    (outcome, count)
}

/// Autocomplete choices for the focused option: (shown name, value), at most 25, each within
/// Discord's 100 characters.
pub(super) fn suggestions(
    engine: &Engine,
    option: &str,
    typed: &str,
    locale: Locale,
) -> Vec<(String, String)> {
    let knowledge = engine.knowledge();
    let targets = match option {
        commands::SPEAKER_OPTION => engine.roster().suggest(typed, is_speaker),
        commands::TOPIC_OPTION => engine.roster().suggest(typed, is_topic),
        _ => Vec::new(),
    };
    targets
        .into_iter()
        .filter_map(|target| match target {
            Target::Speaker(name) => knowledge
                .speaker(&name)
                .map(|s| (speaker_line(s, locale), name)),
            Target::Topic(id) => knowledge.topic(&id).map(|t| (topic_name(t, locale), id)),
        })
        .filter(|(_, value)| value.chars().count() <= limits::CHOICE_NAME)
        .map(|(name, value)| (clip(&name, limits::CHOICE_NAME), value))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .collect()
}

/// What a user typed, as a notice quotes it back: at most 100 characters, its markdown
/// escaped, so that it shows as typed and cannot format the notice.
fn echoed(typed: &str) -> String {
    escape_markdown(&clip(typed.trim(), 100))
}

/// The page of `hits` at `offset`, with a "More" button when there is a next one.
fn paged(
    hits: &[Hit],
    listing: Listing,
    offset: usize,
    page_size: usize,
    engine: &Engine,
    private: bool,
    locale: Locale,
) -> Outcome {
    if hits.is_empty() {
        return Outcome::Notice(text::nothing_on_topic(locale).to_owned());
    }
    match page_reply(hits, offset, page_size, engine.knowledge(), locale) {
        Some((reply, next)) => {
            let more = next.and_then(|offset| Page { listing, offset }.custom_id());
            Outcome::Answer {
                reply,
                more,
                private,
                votes: None,
            }
        }
        None => Outcome::Notice(text::no_more(locale).to_owned()),
    }
}

fn is_speaker(target: &Target) -> bool {
    matches!(target, Target::Speaker(_))
}

fn is_topic(target: &Target) -> bool {
    matches!(target, Target::Topic(_))
}

/// The speaker name or topic id `typed` names: itself when it is one (a chosen autocomplete
/// value), else the best alias match.
fn resolve(
    engine: &Engine,
    typed: &str,
    want: fn(&Target) -> bool,
    exists: fn(&Knowledge, &str) -> bool,
) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if exists(engine.knowledge(), typed) {
        return Some(typed.to_owned());
    }
    engine
        .roster()
        .suggest(typed, want)
        .into_iter()
        .next()
        .map(|target| match target {
            Target::Speaker(name) => name,
            Target::Topic(id) => id,
        })
}

/// The render path, by property: whatever is asked or typed, the JSON that serenity's builders
/// send to Discord fits Discord's limits and allows no mention. `tests/hostile.rs` checks the
/// core's plain replies; this checks what the adapter makes of them.
#[cfg(test)]
mod tests {
    use std::sync::{Arc, LazyLock};

    use proptest::prelude::*;
    use serde_json::Value;
    use serenity::model::channel::Message;

    use super::*;
    use crate::discord::reload::{self, Reloaded};
    use crate::discord::render;
    use crate::knowledge::Problem;

    static ENGINE: LazyLock<Arc<Engine>> =
        LazyLock::new(|| Arc::new(Engine::new(Knowledge::embedded()).expect("indexes")));

    const LOCALES: [Locale; 3] = [
        Locale::English,
        Locale::TraditionalChinese,
        Locale::SimplifiedChinese,
    ];

    fn typed() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            3 => proptest::sample::select(&[
                "@everyone", "<@123456789012345678>", "<@&1>", "**", "```", "楊植麟", "价格战",
                "Yang", "agi", "price-war", "title:x AND (", "\u{202e}", "\u{200b}", "👨‍👩‍👧‍👦",
                "a:b", "verbatim:more:1:q:1",
            ][..]).prop_map(str::to_owned),
            2 => any::<String>(),
            1 => "[\\p{Han}]{1,20}",
            1 => "[a-z ]{90,120}",
        ];
        proptest::collection::vec(fragment, 0..6).prop_map(|parts| parts.concat())
    }

    fn chars(value: &Value) -> usize {
        value.as_str().map_or(0, |text| text.chars().count())
    }

    /// Checks one message body (a callback's `data`, an edit, a channel message).
    fn check_message(message: &Value) {
        assert!(chars(&message["content"]) <= limits::CONTENT, "{message}");
        let mentions = &message["allowed_mentions"];
        assert_eq!(mentions["parse"], serde_json::json!([]), "{message}");
        assert_ne!(mentions["replied_user"], serde_json::json!(true));
        let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
        assert!(embeds.len() <= limits::EMBEDS_PER_MESSAGE);
        let mut total = 0;
        for embed in &embeds {
            let parts = [
                (&embed["title"], limits::EMBED_TITLE),
                (&embed["description"], limits::EMBED_DESCRIPTION),
                (&embed["author"]["name"], limits::EMBED_AUTHOR),
                (&embed["footer"]["text"], limits::EMBED_FOOTER),
            ];
            for (text, max) in parts {
                assert!(chars(text) <= max, "{text} over {max}");
                total += chars(text);
            }
            let fields = embed["fields"].as_array().cloned().unwrap_or_default();
            assert!(fields.len() <= limits::EMBED_FIELDS);
            for field in &fields {
                assert!((1..=limits::FIELD_NAME).contains(&chars(&field["name"])));
                assert!((1..=limits::FIELD_VALUE).contains(&chars(&field["value"])));
                total += chars(&field["name"]) + chars(&field["value"]);
            }
        }
        assert!(total <= limits::EMBED_TOTAL, "{total} characters of embeds");
        for row in message["components"].as_array().into_iter().flatten() {
            for button in row["components"].as_array().into_iter().flatten() {
                assert!((1..=100).contains(&chars(&button["custom_id"])));
                // A label of at most 80 characters, or an emoji alone.
                let label = chars(&button["label"]);
                assert!(label <= 80, "{button}");
                assert!(label > 0 || button["emoji"]["name"].is_string(), "{button}");
            }
        }
    }

    fn check_outcome(outcome: &Outcome, locale: Locale) {
        let response = serde_json::to_value(render::command_response(outcome, locale)).unwrap();
        check_message(&response["data"]);
        let page = serde_json::to_value(render::page_response(outcome, locale)).unwrap();
        check_message(&page["data"]);
        check_message(&serde_json::to_value(render::deferred_edit(outcome, locale)).unwrap());
        let question = Message::default();
        let reply = render::message_reply(outcome, (&question).into(), locale);
        let reply = serde_json::to_value(reply).unwrap();
        check_message(&reply);
        assert!(chars(&reply["nonce"]) <= 25, "Discord's limit on a nonce");
    }

    #[test]
    fn mentions_are_not_part_of_a_question() {
        let cases = [
            ("<@100> 王小川怎麼看價格戰?", "王小川怎麼看價格戰?"),
            ("<@!100><@100> agi <@&5> in <#7>?", "agi   in  ?"),
            ("a <@x> b <@> c < d <@123", "a <@x> b <@> c < d <@123"),
            ("<@100>", ""),
        ];
        for (text, question) in cases {
            assert_eq!(without_mentions(text), question, "{text:?}");
        }
        let fourteen = "<@100000000000000001> ".repeat(14) + "楊植麟怎麼看AGI?";
        assert_eq!(without_mentions(&fourteen), "楊植麟怎麼看AGI?");
    }

    #[test]
    fn a_question_of_invisible_characters_is_empty() {
        for blank in [
            "",
            "  \n",
            "\u{200B}",
            "\u{200B}\u{200D}\u{FEFF} \u{2060}",
            "\u{3164}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
            assert_eq!(
                check_question(blank, 300, Locale::English),
                Err(text::empty_question(Locale::English).to_owned())
            );
        }
        assert!(!is_blank("\u{200B}agi"));
    }

    #[test]
    fn what_a_user_typed_is_quoted_back_escaped() {
        let request = Request::Topic("**bold** `x`".into());
        let replied = reply(&ENGINE, 1, request, false, Locale::English);
        let Outcome::Notice(notice) = replied.outcome else {
            panic!("a notice")
        };
        assert!(notice.contains("\\*\\*bold\\*\\* \\`x\\`"), "{notice}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn every_rendered_reply_fits_discord(typed in typed(), other in typed()) {
            for locale in LOCALES {
                let requests = [
                    Request::Question { text: typed.clone(), private: false },
                    Request::Topic(typed.clone()),
                    Request::Speaker { speaker: typed.clone(), topic: Some(other.clone()) },
                ];
                for request in requests {
                    let votes = typed.len() % 2 == 0;
                    let replied = reply(&ENGINE, u64::MAX, request, votes, locale);
                    check_outcome(&replied.outcome, locale);
                }
                for option in [commands::SPEAKER_OPTION, commands::TOPIC_OPTION] {
                    let choices = suggestions(&ENGINE, option, &typed, locale);
                    let response = serde_json::to_value(render::autocomplete(choices)).unwrap();
                    let choices = response["data"]["choices"].as_array().cloned().unwrap_or_default();
                    prop_assert!(choices.len() <= limits::AUTOCOMPLETE_CHOICES);
                    for choice in choices {
                        prop_assert!((1..=limits::CHOICE_NAME).contains(&chars(&choice["name"])));
                        prop_assert!((1..=100).contains(&chars(&choice["value"])));
                    }
                }
                // The reload notice, with problems holding whatever a broken pack can hold.
                let problems = vec![Problem { path: typed.clone().into(), line: 1, message: other.repeat(40) }; 30];
                let notice = reload::notice(&Reloaded::Refused(problems), None, locale);
                check_outcome(&Outcome::Notice(notice), locale);
            }
        }
    }
}
