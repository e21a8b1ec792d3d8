//! Hostile input, by property: whatever a person types, the core answers or abstains without
//! panicking, the reply fits Discord's limits, pings nobody, and quotes only the source.

use std::sync::LazyLock;

use proptest::prelude::*;
use verbatim::answer::{answer_reply, limits, unescape_markdown, Reply};
use verbatim::knowledge::Knowledge;
use verbatim::search::Engine;
use verbatim::strings::Locale;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(Knowledge::embedded()).unwrap());

/// Fragments that have broken search engines and chat bots before.
const NASTY: &[&str] = &[
    "title:x AND (",
    "text:agi OR",
    "\"unterminated",
    "agi^100",
    "*",
    "?",
    "~2",
    "+-&&||!(){}[]^\"~*?:\\/",
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@&123456789012345678>",
    "<#123>",
    "**bold**",
    "__u__",
    "`code`",
    "```block```",
    "> quote",
    "||spoiler||",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "e\u{301}\u{301}\u{301}",
    "👨‍👩‍👧‍👦",
    "🍕",
    "\u{0}",
    "\u{7}",
    "\r\n",
    "\t",
    "İ",
    "ß",
    "ﷺ",
    "𠀀",
    "楊植麟",
    "价格战",
    "scaling law",
    "Yang Zhilin",
    "　",
    "ＡＧＩ",
    "位元組",
    "%s%n",
    "{{}}",
    "$(rm -rf /)",
    "'; DROP TABLE x;--",
];

fn question() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        3 => proptest::sample::select(NASTY).prop_map(str::to_owned),
        2 => any::<String>(),
        2 => "[\\p{Han}]{1,12}",
        1 => "[a-zA-Z ]{1,30}",
        1 => proptest::collection::vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect()),
    ];
    proptest::collection::vec(fragment, 0..8).prop_map(|parts| parts.concat())
}

/// Whether Discord would read a mention in `text`: @everyone, @here, <@id>, <@!id>, <@&id>.
fn has_active_mention(text: &str) -> bool {
    text.contains("@everyone")
        || text.contains("@here")
        || text.match_indices("<@").any(|(i, _)| {
            let rest = &text[i + 2..];
            rest.starts_with(|c: char| c.is_ascii_digit() || c == '!' || c == '&')
        })
}

#[test]
fn the_mention_detector_detects_mentions() {
    assert!(
        has_active_mention("hi @everyone")
            && has_active_mention("<@123>")
            && has_active_mention("<@&1>")
    );
    assert!(!has_active_mention(&verbatim::answer::escape_markdown(
        "@everyone <@123> @here"
    )));
}

/// Every property of a rendered reply that must hold for any question.
fn check_reply(reply: &Reply, source_texts: &[&str]) {
    assert!(reply.content.chars().count() <= limits::CONTENT);
    assert!(reply.cards.len() <= limits::EMBEDS_PER_MESSAGE);
    let total: usize = reply.cards.iter().map(|c| c.size()).sum();
    assert!(
        total <= limits::EMBED_TOTAL,
        "{total} characters in one message"
    );
    for card in &reply.cards {
        assert!(card.description.chars().count() <= limits::EMBED_DESCRIPTION);
        assert!(card.author.chars().count() <= limits::EMBED_AUTHOR);
        assert!(card.title.chars().count() <= limits::EMBED_TITLE);
        assert!(card.footer.chars().count() <= limits::EMBED_FOOTER);
        assert!(card.fields.len() <= limits::EMBED_FIELDS);
        for (name, value) in &card.fields {
            assert!(
                name.chars().count() <= limits::FIELD_NAME
                    && value.chars().count() <= limits::FIELD_VALUE
            );
        }
        for text in [&card.description, &card.author, &card.title, &card.footer] {
            assert!(!has_active_mention(text), "active mention in {text:?}");
        }
        for (name, value) in &card.fields {
            assert!(
                !has_active_mention(name) && !has_active_mention(value),
                "active mention in {value:?}"
            );
        }
    }
    // Quote cards: the description without markup is a verbatim part of a source.
    for card in reply.cards.iter().filter(|c| c.fields.is_empty()) {
        let plain = unescape_markdown(&card.description.replace("**", ""));
        for part in plain.split('…').filter(|p| !p.is_empty()) {
            assert!(
                source_texts.iter().any(|s| s.contains(part)),
                "not verbatim: {part:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn any_question_is_answered_or_abstained_safely(question in question()) {
        let engine = &*ENGINE;
        let answer = engine.ask(&question, 5);
        let sources: Vec<&str> = engine.knowledge().packs.iter().map(|p| p.source.text.as_str()).collect();
        for hit in &answer.hits {
            let text = &hit.passage().text;
            prop_assert!(text.is_char_boundary(hit.excerpt.start) && text.is_char_boundary(hit.excerpt.end));
            for h in &hit.highlights {
                prop_assert!(h.start >= hit.excerpt.start && h.end <= hit.excerpt.end);
                prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            }
        }
        for locale in [Locale::English, Locale::TraditionalChinese, Locale::SimplifiedChinese] {
            check_reply(&answer_reply(&answer, engine.knowledge(), locale), &sources);
        }
    }
}

#[test]
fn a_ten_thousand_character_question_is_answered() {
    let long = "楊植麟怎麼看AGI?".repeat(1000);
    let answer = ENGINE.ask(&long, 3);
    assert_eq!(answer.speakers, ["楊植麟"]);
    let gibberish: String = (0..10_000)
        .map(|i| char::from_u32(0x4e00 + (i * 7919) % 20000).unwrap())
        .collect();
    let _ = ENGINE.ask(&gibberish, 3);
}

#[test]
fn everyone_in_a_question_is_not_echoed_as_a_mention() {
    let answer = ENGINE.ask("@everyone 王小川怎麼看價格戰?", 3);
    assert!(!answer.hits.is_empty());
    let reply = answer_reply(&answer, ENGINE.knowledge(), Locale::TraditionalChinese);
    check_reply(&reply, &[ENGINE.knowledge().packs[0].source.text.as_str()]);
}
