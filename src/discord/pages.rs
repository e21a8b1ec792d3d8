//! The "More" button: what it pages through, written into its custom id, and the questions
//! remembered so that a question's next page can be found again.

use std::collections::VecDeque;
use std::sync::Mutex;

/// Every custom id verbatim makes starts with this, so a host bot can tell its own apart.
pub(crate) const CUSTOM_ID_PREFIX: &str = "verbatim:more:";

/// Discord's limit on a custom id, in characters.
const CUSTOM_ID_MAX: usize = 100;

/// A list of hits that can be paged through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Listing {
    /// The answer to a remembered question, by the id of the interaction or message that
    /// asked it (a snowflake, so it never repeats, even across restarts).
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

/// The most recent questions, so that their "More" buttons keep working for a while. Older
/// ones are forgotten, and so is everything on restart: their buttons then say to ask again.
pub(crate) struct Questions {
    recent: Mutex<VecDeque<(u64, String)>>,
}

const QUESTIONS_REMEMBERED: usize = 1000;

impl Questions {
    pub(crate) fn new() -> Questions {
        Questions {
            recent: Mutex::new(VecDeque::new()),
        }
    }

    pub(crate) fn remember(&self, key: u64, question: &str) {
        let mut recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if recent.len() >= QUESTIONS_REMEMBERED {
            recent.pop_front();
        }
        recent.push_back((key, question.to_owned()));
    }

    /// How many questions are remembered: never more than a thousand.
    pub(crate) fn len(&self) -> usize {
        self.recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }

    pub(crate) fn recall(&self, key: u64) -> Option<String> {
        let recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        recent
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, question)| question.clone())
    }
}

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
    fn questions_are_forgotten_oldest_first() {
        let questions = Questions::new();
        for key in 0..=QUESTIONS_REMEMBERED as u64 {
            questions.remember(key, &format!("q{key}"));
        }
        assert_eq!(questions.recall(0), None);
        assert_eq!(questions.recall(1).as_deref(), Some("q1"));
        assert_eq!(questions.len(), QUESTIONS_REMEMBERED);
    }
}
