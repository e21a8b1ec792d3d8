//! The "More" button: what it pages through. Nothing is remembered between a page and the next:
//! the button's custom id says which listing and where the next page starts, and the answer to
//! a question shows the question in its first line, from which the button reads it back. So a
//! button works after a restart, on another process, and at the HTTP endpoint.

use crate::answer::{escape_markdown, limits, unescape_markdown};

/// Every custom id verbatim makes starts with this, so a host bot can tell its own apart.
pub(crate) const CUSTOM_ID_PREFIX: &str = "verbatim:more:";

/// Discord's limit on a custom id, in characters.
const CUSTOM_ID_MAX: usize = 100;

/// A list of hits that can be paged through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Listing {
    /// The answer to a question, read back from the message the button is on; with the id of
    /// the interaction or message that asked it (a snowflake, so it never repeats, even across
    /// restarts), which names the answer in the question log.
    Question(u64),
    /// Everything said on a topic, by topic id.
    Topic(String),
    /// Everything a speaker said, optionally on one topic.
    Speaker { name: String, topic: Option<String> },
}

/// One page of a listing: the hits from `offset` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) listing: Listing,
    pub(crate) offset: usize,
}

impl Page {
    /// The button's custom id, or `None` when it would be too long for Discord.
    pub(crate) fn custom_id(&self) -> Option<String> {
        let offset = self.offset;
        let id = match &self.listing {
            Listing::Question(key) => format!("{CUSTOM_ID_PREFIX}{offset}:q:{key}"),
            Listing::Topic(topic) => format!("{CUSTOM_ID_PREFIX}{offset}:t:{topic}"),
            Listing::Speaker { name, topic } => {
                format!(
                    "{CUSTOM_ID_PREFIX}{offset}:s:{}:{name}",
                    topic.as_deref().unwrap_or("")
                )
            }
        };
        (id.chars().count() <= CUSTOM_ID_MAX).then_some(id)
    }

    /// Reads a custom id [`Page::custom_id`] wrote; anything else is `None`.
    pub(crate) fn parse(custom_id: &str) -> Option<Page> {
        let rest = custom_id.strip_prefix(CUSTOM_ID_PREFIX)?;
        let (offset, rest) = rest.split_once(':')?;
        let offset = offset.parse().ok()?;
        let (kind, rest) = rest.split_once(':')?;
        let listing = match kind {
            "q" => Listing::Question(rest.parse().ok()?),
            "t" => Listing::Topic(rest.to_owned()),
            "s" => {
                // Topic ids hold no colon, speaker names may; so the name comes last.
                let (topic, name) = rest.split_once(':')?;
                let topic = (!topic.is_empty()).then(|| topic.to_owned());
                Listing::Speaker {
                    name: name.to_owned(),
                    topic,
                }
            }
            _ => return None,
        };
        Some(Page { listing, offset })
    }
}

/// The line above the answer to a question, which shows what was asked and is where a "More"
/// button reads the question back from: `> ` and the question on one line, markdown escaped.
/// `None` when it would not fit in a message's content.
pub(crate) fn question_line(question: &str) -> Option<String> {
    let one_line = question.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = format!("{QUESTION_MARK}{}", escape_markdown(&one_line));
    (line.chars().count() <= limits::CONTENT).then_some(line)
}

/// The question a message's [`question_line`] holds, if it holds one.
pub(crate) fn question_in(content: &str) -> Option<String> {
    let line = content.lines().next()?.strip_prefix(QUESTION_MARK)?;
    let question = unescape_markdown(line);
    (!question.trim().is_empty()).then_some(question)
}

/// How the question line starts: a block quote.
const QUESTION_MARK: &str = "> ";

#[cfg(test)]
mod tests {
    use super::*;

    fn check(page: Page, expected_id: &str) {
        let id = page.custom_id().expect("custom id fits");
        assert_eq!(id, expected_id);
        assert_eq!(Page::parse(&id), Some(page), "round trip of {id}");
    }

    #[test]
    fn custom_ids_round_trip() {
        check(
            Page {
                listing: Listing::Question(1234567890123456789),
                offset: 3,
            },
            "verbatim:more:3:q:1234567890123456789",
        );
        check(
            Page {
                listing: Listing::Topic("price-war".into()),
                offset: 5,
            },
            "verbatim:more:5:t:price-war",
        );
        check(
            Page {
                listing: Listing::Speaker {
                    name: "楊植麟".into(),
                    topic: None,
                },
                offset: 5,
            },
            "verbatim:more:5:s::楊植麟",
        );
        check(
            Page {
                listing: Listing::Speaker {
                    name: "a:b".into(),
                    topic: Some("agi".into()),
                },
                offset: 10,
            },
            "verbatim:more:10:s:agi:a:b",
        );
    }

    #[test]
    fn foreign_or_broken_ids_are_not_pages() {
        for id in [
            "",
            "other:button",
            "verbatim:more:",
            "verbatim:more:x:q:1",
            "verbatim:more:1:q:x",
            "verbatim:more:1:z:1",
        ] {
            assert_eq!(Page::parse(id), None, "{id:?}");
        }
    }

    #[test]
    fn ids_too_long_for_discord_are_refused() {
        let page = Page {
            listing: Listing::Topic("t".repeat(100)),
            offset: 0,
        };
        assert_eq!(page.custom_id(), None);
    }

    #[test]
    fn the_question_line_reads_back_as_the_question() {
        for question in [
            "楊植麟怎麼看AGI?",
            "> @everyone **what** did `Yang` say?",
            "a\\b <@123> :smile:",
        ] {
            let line = question_line(question).expect("fits");
            assert_eq!(question_in(&line).as_deref(), Some(question), "{line}");
        }
        let line = question_line("two\nlines  and\tspaces").unwrap();
        assert_eq!(line, "> two lines and spaces");
        assert_eq!(
            question_in(&format!("{line}\nmore text")).as_deref(),
            Some("two lines and spaces")
        );
        assert_eq!(question_in("no question here"), None);
        assert_eq!(question_in(""), None);
        assert_eq!(question_in("> "), None);
        assert_eq!(
            question_line(&"*".repeat(1500)),
            None,
            "too long once escaped"
        );
    }
}
