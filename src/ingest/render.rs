//! Writing a draft as `pack.toml`: the layout of the hand-written packs, every string quoted
//! by the `toml` crate (passage texts as literal strings when they can be), and a
//! `# review:` comment at the end of every line a rule could not settle firmly.

use pinyin::ToPinyin;

use super::attribute::{Attribution, Paragraph};
use super::metadata::Found;
use super::people::{Names, Person};
use super::text::{fold, is_han, is_simplified, is_traditional, other_script};
use super::{Options, Review};
use crate::knowledge::Voice;

/// The manifest's name in problems found while checking a draft.
pub const MANIFEST_DISPLAY: &str = "pack.toml";

/// What is not known and not given: visible in the pack, and flagged for review.
pub const PLACEHOLDER: &str = "TODO";

/// Everything a draft is rendered from.
pub struct Input<'a> {
    pub options: &'a Options,
    pub found: &'a Found,
    pub source_file: &'a str,
    pub text: &'a str,
    pub title: &'a str,
    pub headings: &'a [&'a str],
    pub people: &'a [Person],
    pub names: &'a [Names],
    /// Paragraphs credited to each person.
    pub counts: &'a [usize],
    pub paragraphs: &'a [Paragraph<'a>],
    pub attributions: &'a [Attribution],
}

/// The rendered manifest and its review lines.
pub struct Rendered {
    pub manifest: String,
    pub reviews: Vec<Review>,
}

/// Lines of TOML with their review comments.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    reviews: Vec<Review>,
}

impl Writer {
    fn line(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn key(&mut self, key: &str, value: &str, review: Option<String>) {
        let mut line = format!("{key} = {}", quote(value));
        if let Some(reason) = review {
            line.push_str("  # review: ");
            line.push_str(&reason);
            self.reviews.push(Review {
                line: self.lines.len() + 1,
                reason,
            });
        }
        self.lines.push(line);
    }

    fn list(&mut self, key: &str, values: &[String]) {
        if !values.is_empty() {
            let items: Vec<String> = values.iter().map(|v| quote(v)).collect();
            self.lines.push(format!("{key} = [{}]", items.join(", ")));
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quote(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A passage's text: a multi-line literal string, as the hand-written packs have it, when the
/// text allows one; a basic string otherwise.
fn quote_text(text: &str) -> String {
    let literal_safe = !text.contains('\'') && !text.chars().any(|c| c.is_control() && c != '\t');
    if literal_safe {
        format!("'''{text}'''")
    } else {
        quote(text)
    }
}

/// Either the given value, the found one, or the placeholder with a reason to review.
fn pick(given: &Option<String>, found: &Option<String>, missing: &str) -> (String, Option<String>) {
    match (given, found) {
        (Some(value), _) => (value.clone(), None),
        (None, Some(value)) => (value.clone(), None),
        (None, None) => (PLACEHOLDER.to_owned(), Some(missing.to_owned())),
    }
}

pub fn render(input: &Input) -> Rendered {
    let options = input.options;
    let found = input.found;
    let mut w = Writer::default();
    w.line(format!(
        "# Drafted by `verbatim ingest` from {}. Every line marked `# review:` needs a look;",
        input.source_file
    ));
    w.line("# the format is described in knowledge/README.md, and `verbatim check` validates it.");
    w.line("");
    w.key("id", &options.id, None);
    w.line("");

    w.line("[source]");
    w.key("file", input.source_file, None);
    let (outlet, review) = pick(
        &options.outlet,
        &found.outlet,
        "no outlet in the text; pass --outlet",
    );
    w.key("outlet", &outlet, review);
    let (reporter, review) = pick(
        &options.reporter,
        &found.reporter,
        "no byline in the text; pass --reporter",
    );
    w.key("reporter", &reporter, review);
    w.key("headline", input.title, None);
    if let Some(url) = &options.url {
        w.key("url", url, None);
    }
    w.key("language", language(input.text), None);
    w.line("");

    w.line("[event]");
    let (event, review) = pick(
        &options.event,
        &found.event,
        "no event named in the text; pass --event",
    );
    w.key("name", &event, review);
    let (date, review) = match (&options.date, &found.date, &found.partial_date) {
        (Some(date), _, _) | (None, Some(date), _) => (date.clone(), None),
        (None, None, Some(partial)) => (
            partial_to_placeholder(partial),
            Some(format!("the text gives {partial} but no year; pass --date")),
        ),
        (None, None, None) => (
            "0001-01-01".to_owned(),
            Some("no date in the text; pass --date".to_owned()),
        ),
    };
    w.key("date", &date, review);
    let (place, review) = pick(
        &options.place,
        &found.place,
        "no place in the text; pass --place",
    );
    w.key("place", &place, review);
    let (session, review) = match (&options.session, &found.session) {
        (Some(session), _) | (None, Some(session)) => (session.clone(), None),
        (None, None) => (
            event.clone(),
            Some(
                "no session named in the text: the event's name stands in; pass --session"
                    .to_owned(),
            ),
        ),
    };
    w.key("session", &session, review);
    w.line("");

    w.line("# Speakers, by their name as written in the source, with the names derived for them:");
    w.line("# the other script, pinyin, surname + title, organisation + role.");
    for ((person, names), &count) in input.people.iter().zip(input.names).zip(input.counts) {
        if count == 0 {
            continue;
        }
        w.line("");
        w.line("[[speaker]]");
        w.key("name", &person.name, None);
        let missing = |what: &str| Some(format!("no {what} found for {} in the text", person.name));
        match &person.organization {
            Some(organization) => w.key("organization", organization, None),
            None => w.key("organization", PLACEHOLDER, missing("organisation")),
        }
        match &person.role {
            Some(role) => w.key("role", role, None),
            None => w.key("role", PLACEHOLDER, missing("role")),
        }
        w.list("aliases", &names.aliases);
        w.list("organization_aliases", &names.organization_aliases);
    }
    w.line("");

    w.line("# Topics: the opening (under the headline) and one per heading.");
    let mut topic_ids: Vec<String> = Vec::new();
    for heading in std::iter::once(&input.title).chain(input.headings) {
        let id = unique_id(&slug(heading), &topic_ids);
        w.line("");
        w.line("[[topic]]");
        w.key("id", &id, None);
        w.key("heading", heading, None);
        if let Some(other) = other_script(heading) {
            w.list("aliases", &[other]);
        }
        topic_ids.push(id);
    }
    w.line("");

    let width = input.paragraphs.len().to_string().len().max(2);
    for (number, (paragraph, attribution)) in
        input.paragraphs.iter().zip(input.attributions).enumerate()
    {
        let number = number + 1;
        w.line("[[passage]]");
        w.key("id", &format!("{}-p{number:0width$}", options.id), None);
        w.line(format!("paragraph = {number}"));
        w.key("topic", &topic_ids[paragraph.section], None);
        match attribution.speaker {
            Some(speaker) => w.key(
                "speaker",
                &input.people[speaker].name,
                attribution.review.clone(),
            ),
            None => {
                if let Some(reason) = &attribution.review {
                    w.line(format!("# review: {reason}"));
                    w.reviews.push(Review {
                        line: w.lines.len(),
                        reason: reason.clone(),
                    });
                }
            }
        }
        let voice = match attribution.voice {
            Voice::Quote => "quote",
            Voice::Paraphrase => "paraphrase",
            Voice::Narration => "narration",
        };
        w.key("voice", voice, None);
        w.line(format!("text = {}", quote_text(paragraph.text)));
        w.line("");
    }
    let mut manifest = w.lines.join("\n");
    manifest.truncate(manifest.trim_end().len());
    manifest.push('\n');
    Rendered {
        manifest,
        reviews: w.reviews,
    }
}

/// `9月18日` → `0001-09-18`: the year is the part to fill in.
fn partial_to_placeholder(partial: &str) -> String {
    let numbers: Vec<u32> = partial
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers.as_slice() {
        [month, day] => format!("0001-{month:02}-{day:02}"),
        _ => "0001-01-01".to_owned(),
    }
}

/// `zh-Hant` when the text has more Traditional-only characters than Simplified ones.
fn language(text: &str) -> &'static str {
    let traditional = text.chars().filter(|&c| is_traditional(c)).count();
    let simplified = text.chars().filter(|&c| is_simplified(c)).count();
    if traditional > simplified {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

/// A topic id from a heading: the pinyin and Latin words of its first four words
/// (一辆车要跑多少单 → yi-liang-che-yao, scaling law還是… → scaling-law-hai-shi).
fn slug(heading: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut latin = String::new();
    for c in heading.chars() {
        if c.is_ascii_alphanumeric() {
            latin.push(c.to_ascii_lowercase());
            continue;
        }
        if !latin.is_empty() {
            words.push(std::mem::take(&mut latin));
        }
        if is_han(c) {
            let simplified = fold(c.encode_utf8(&mut [0; 4]));
            if let Some(p) = simplified.chars().next().and_then(|s| s.to_pinyin()) {
                // ü is typed v (lv for 绿), as pinyin keyboards have it: an id is ASCII.
                words.push(p.plain().replace('ü', "v"));
            }
        }
    }
    if !latin.is_empty() {
        words.push(latin);
    }
    words.truncate(4);
    let slug = words.join("-");
    if slug.is_empty() {
        "topic".to_owned()
    } else {
        slug
    }
}

fn unique_id(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_ids_are_readable_and_valid() {
        assert_eq!(slug("一辆车要跑多少单"), "yi-liang-che-yao");
        assert_eq!(slug("scaling law還是「信條」嗎"), "scaling-law-hai-shi");
        assert_eq!(slug("——"), "topic");
        assert_eq!(slug("專訪｜綠點科技女老闆"), "zhuan-fang-lv-dian");
        assert_eq!(slug("文旅融合"), "wen-lv-rong-he");
        assert_eq!(unique_id("a", &["a".to_owned(), "a-2".to_owned()]), "a-3");
    }

    #[test]
    fn strings_are_quoted_safely() {
        assert_eq!(quote("say \"hi\"\n\\\u{7}"), r#""say \"hi\"\n\\\u0007""#);
        assert_eq!(quote_text("楊植麟說。"), "'''楊植麟說。'''");
        assert_eq!(quote_text("it's"), "\"it's\"");
    }
}
