//! Drafting a knowledge pack from a new report or transcript.
//!
//! The text is decoded ([`decode()`]), split into title, headings, paragraphs and byline
//! (`layout`), its speakers are found from how Chinese writing introduces people (`people`),
//! every body paragraph is attributed by the patterns reports and transcripts use
//! (`attribute`), and the result is rendered as a `pack.toml` that passes `check` as it is,
//! with a `# review:` comment on every line a rule could not settle firmly (`render`).
//! [`compare()`] measures a draft against a hand attribution.
//!
//! Everything here is pure: the command line reads the file and writes the folder.

mod attribute;
mod compare;
mod decode;
mod layout;
mod metadata;
mod patterns;
mod people;
mod render;
mod text;

use std::fmt;
use std::path::Path;

pub use compare::{compare, truth_from_json, truth_from_pack, Comparison, Truth, TruthSpeaker};
pub use decode::{decode, DecodeError, Decoded};

use crate::knowledge::{parse_pack, Problem, Voice};
use layout::BlockKind;

/// What the text may not say, given on the command line. A value given here wins over what
/// the text says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The pack's id (unique among loaded packs); passage ids start with it.
    pub id: String,
    pub outlet: Option<String>,
    pub reporter: Option<String>,
    pub event: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub place: Option<String>,
    pub session: Option<String>,
    pub url: Option<String>,
}

/// A drafted pack: the manifest, the source it quotes, and what the curator should know.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The `pack.toml` text.
    pub manifest: String,
    /// The source's file name, relative to the manifest.
    pub source_file: String,
    /// The source text, verbatim (converted to UTF-8 when it was not).
    pub source_text: String,
    pub speakers: Vec<SpeakerSummary>,
    pub topics: usize,
    /// Every body paragraph with its speaker, in order.
    pub passages: Vec<DraftPassage>,
    /// The lines of the manifest that carry a `# review:` comment.
    pub reviews: Vec<Review>,
    /// The event's name, as given or found in the text.
    pub event: Option<String>,
    /// The session's name, as given or found in the text (the event's name stands in for it
    /// in the manifest when there is none).
    pub session: Option<String>,
}

/// A speaker found, as the summary shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerSummary {
    pub name: String,
    pub organization: Option<String>,
    pub role: Option<String>,
    pub paragraphs: usize,
}

/// One body paragraph of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPassage {
    pub text: String,
    pub speaker: Option<String>,
    pub voice: Voice,
}

/// A line of the manifest to look at, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// 1-based line in the manifest.
    pub line: usize,
    pub reason: String,
}

/// Why a text cannot be drafted into a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    /// A title and nothing else.
    NoParagraphs,
    /// Nobody is introduced with a title or named before a transcript colon, or nobody
    /// introduced speaks.
    NoSpeakers,
    /// The draft does not pass the checker: a bug in ingestion, reported rather than written.
    Invalid(Vec<Problem>),
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::NoParagraphs => write!(f, "the text has a title but no paragraphs"),
            IngestError::NoSpeakers => write!(
                f,
                "no speakers found: nobody is introduced with an organisation and a title \
                 (月之暗面CEO楊植麟) or named before a transcript colon (林晓川：), or nobody \
                 introduced is quoted"
            ),
            IngestError::Invalid(problems) => {
                write!(f, "the draft does not pass the checker:")?;
                for problem in problems {
                    write!(f, "\n{problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for IngestError {}

/// Drafts a pack from a source text. The result passes the checker as it is; the same text
/// and options always give the same draft.
pub fn ingest(text: &str, source_file: &str, options: &Options) -> Result<Draft, IngestError> {
    let blocks = layout::split(text);
    let body: Vec<&layout::Block> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .collect();
    if body.is_empty() {
        return Err(IngestError::NoParagraphs);
    }
    let found = metadata::find(text, &blocks);
    let people = people::find_people(text, &blocks);
    let event = options.event.as_ref().or(found.event.as_ref());
    let session = options.session.as_ref().or(found.session.as_ref());
    let event_names: Vec<&str> = [event, session]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let names = people::names(&people, text, &event_names);

    // Sections: the opening (before any heading) is section 0; each heading starts one.
    let mut section = 0;
    let mut paragraphs = Vec::new();
    let mut headings = Vec::new();
    for block in &blocks {
        match block.kind {
            BlockKind::Heading => {
                section += 1;
                headings.push(&text[block.range.clone()]);
            }
            BlockKind::Paragraph => paragraphs.push(attribute::Paragraph {
                text: &text[block.range.clone()],
                section,
            }),
            BlockKind::Title | BlockKind::Byline => {}
        }
    }
    let attributions = attribute::attribute(&paragraphs, &people, &names);

    // Only people credited with a paragraph are speakers: the rest are only mentioned.
    let mut counts = vec![0usize; people.len()];
    for attribution in &attributions {
        if let Some(speaker) = attribution.speaker {
            counts[speaker] += 1;
        }
    }
    if counts.iter().all(|&c| c == 0) {
        return Err(IngestError::NoSpeakers);
    }
    let title = blocks
        .first()
        .map(|b| &text[b.range.clone()])
        .unwrap_or_default();
    let rendered = render::render(&render::Input {
        options,
        found: &found,
        source_file,
        text,
        title,
        headings: &headings,
        people: &people,
        names: &names,
        counts: &counts,
        paragraphs: &paragraphs,
        attributions: &attributions,
    });

    let manifest_path = Path::new(render::MANIFEST_DISPLAY);
    let (_, problems) = parse_pack(manifest_path, &rendered.manifest, &|_| Ok(text.to_owned()));
    if !problems.is_empty() {
        return Err(IngestError::Invalid(problems));
    }
    let speakers = people
        .iter()
        .zip(&counts)
        .filter(|(_, &count)| count > 0)
        .map(|(person, &count)| SpeakerSummary {
            name: person.name.clone(),
            organization: person.organization.clone(),
            role: person.role.clone(),
            paragraphs: count,
        })
        .collect();
    let passages = paragraphs
        .iter()
        .zip(&attributions)
        .map(|(paragraph, attribution)| DraftPassage {
            text: paragraph.text.to_owned(),
            speaker: attribution.speaker.map(|s| people[s].name.clone()),
            voice: attribution.voice,
        })
        .collect();
    Ok(Draft {
        manifest: rendered.manifest,
        source_file: source_file.to_owned(),
        source_text: text.to_owned(),
        speakers,
        topics: headings.len() + 1,
        passages,
        reviews: rendered.reviews,
        event: event.cloned(),
        session: session.cloned(),
    })
}
