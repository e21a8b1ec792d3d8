//! The embedded pack's attribution, paragraph by paragraph, as read from the source.

use verbatim::knowledge::{Knowledge, Voice};

/// Paragraph → (speaker, voice, topic). Paragraphs are the article's body paragraphs; the
/// headline, the three section headings and the byline are metadata, not passages.
const TABLE: &[(u32, Option<&str>, Voice, &str)] = &[
    (1, Some("楊植麟"), Voice::Quote, "scene"), // his 「以後還有機會」 as he leaves the stage
    (2, None, Voice::Narration, "scene"),
    (3, None, Voice::Narration, "scene"), // the panel's line-up
    (4, None, Voice::Narration, "scene"),
    (5, None, Voice::Narration, "agi"),
    (6, Some("楊植麟"), Voice::Quote, "agi"),
    (7, Some("張鵬"), Voice::Paraphrase, "agi"),
    (8, Some("王小川"), Voice::Paraphrase, "agi"),
    (9, Some("李大海"), Voice::Quote, "agi"),
    (10, None, Voice::Narration, "scaling-law"),
    (11, Some("楊植麟"), Voice::Paraphrase, "scaling-law"),
    (12, Some("王小川"), Voice::Quote, "scaling-law"),
    (13, Some("張鵬"), Voice::Quote, "scaling-law"), // quote first, 張鵬 named after it
    (14, None, Voice::Narration, "scaling-law"),     // MiniCPM, before 李大海 speaks
    (15, Some("李大海"), Voice::Paraphrase, "scaling-law"),
    (16, Some("王小川"), Voice::Quote, "price-war"),
    (17, None, Voice::Narration, "price-war"),
    (18, Some("王小川"), Voice::Quote, "price-war"),
    (19, Some("王小川"), Voice::Paraphrase, "price-war"),
    (20, Some("李大海"), Voice::Quote, "price-war"),
    (21, Some("張鵬"), Voice::Quote, "price-war"),
    (22, Some("張鵬"), Voice::Quote, "price-war"),
    (23, Some("楊植麟"), Voice::Paraphrase, "price-war"),
    (24, Some("楊植麟"), Voice::Quote, "price-war"), // attributed at its end: 楊植麟說
    (25, Some("王仲遠"), Voice::Paraphrase, "price-war"),
    (26, Some("王仲遠"), Voice::Paraphrase, "price-war"), // 一方面降價…: carried over from 25
    (27, Some("王仲遠"), Voice::Quote, "price-war"),
    (28, Some("王仲遠"), Voice::Quote, "price-war"),
];

#[test]
fn every_paragraph_is_attributed_as_the_source_reads() {
    let knowledge = Knowledge::embedded();
    let pack = &knowledge.packs[0];
    let got: Vec<(u32, Option<&str>, Voice, &str)> = pack
        .passages
        .iter()
        .map(|p| (p.paragraph, p.speaker.as_deref(), p.voice, p.topic.as_str()))
        .collect();
    assert_eq!(got, TABLE);
}

#[test]
fn passages_are_the_body_paragraphs_in_order_and_verbatim() {
    let knowledge = Knowledge::embedded();
    let pack = &knowledge.packs[0];
    let source = &pack.source.text;
    let body: Vec<&str> = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| *l != pack.source.headline && !l.starts_with(&pack.source.outlet))
        .filter(|l| !pack.topics.iter().any(|t| t.heading == *l))
        .collect();
    let texts: Vec<&str> = pack.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, body);
    for passage in &pack.passages {
        assert_eq!(&source[passage.source_range.clone()], passage.text);
    }
}

#[test]
fn metadata_is_complete() {
    let knowledge = Knowledge::embedded();
    let pack = &knowledge.packs[0];
    assert_eq!(pack.source.outlet, "北京商報");
    assert_eq!(pack.source.reporter, "楊月涵");
    assert_eq!(
        (
            pack.event.name.as_str(),
            pack.event.date.as_str(),
            pack.event.place.as_str()
        ),
        ("北京智源大會", "2024-06-14", "北京")
    );
    assert_eq!(pack.event.session, "AI尖峰對話");
    let speakers: Vec<(&str, &str, &str)> = pack
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.organization.as_str(), s.role.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            ("楊植麟", "月之暗面", "CEO"),
            ("王小川", "百川智能", "CEO"),
            ("張鵬", "智譜AI", "CEO"),
            ("李大海", "面壁智能", "CEO"),
            ("王仲遠", "智源研究院", "院長")
        ]
    );
}
