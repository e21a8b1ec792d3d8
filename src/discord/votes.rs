//! The 👍/👎 buttons under an answer, when the question log is on: their custom ids name the
//! question, a press is logged as that person's vote on that answer (a second press replaces
//! the first), and acknowledged to the presser alone.

use std::time::{Instant, SystemTime};

use serenity::model::application::ComponentInteraction;
use tracing::{info, warn};

use super::plugin::Plugin;
use super::render::{self, Outcome};
use super::rest::Call;
use super::transport::Responder;
use crate::feedback::Vote;
use crate::strings::{text, Locale};

/// Every vote button's custom id starts with this.
pub(crate) const CUSTOM_ID_PREFIX: &str = "verbatim:vote:";

/// The custom id of the 👍 (`up`) or 👎 button under the answer to `question`.
pub(crate) fn custom_id(question: u64, up: bool) -> String {
    let way = if up { "up" } else { "down" };
    format!("{CUSTOM_ID_PREFIX}{way}:{question}")
}

/// The question and the way of a vote button's custom id; `None` for anything else.
pub(crate) fn parse(custom_id: &str) -> Option<(u64, bool)> {
    let rest = custom_id.strip_prefix(CUSTOM_ID_PREFIX)?;
    let (way, question) = rest.split_once(':')?;
    let up = match way {
        "up" => true,
        "down" => false,
        _ => return None,
    };
    Some((question.parse().ok()?, up))
}

impl Plugin {
    pub(super) async fn on_vote(&self, to: &Responder, component: &ComponentInteraction) {
        let received = Instant::now();
        let locale = Locale::from_code(&component.locale);
        let notice = match (
            parse(&component.data.custom_id),
            &self.shared.settings.question_log,
        ) {
            (Some((question, up)), Some(log)) => {
                log.voted(Vote {
                    question,
                    voter: component.user.id.get(),
                    up,
                    at: SystemTime::now(),
                });
                info!(command = "vote", up, "voted");
                text::vote_noted(locale)
            }
            // A button from when votes were logged, or one that is not a vote.
            _ => text::votes_not_kept(locale),
        };
        let call = Call::respond(component.id, &component.token, received);
        let response = render::command_response(&Outcome::Notice(notice.to_owned()), locale);
        if let Err(error) = to.send(call, &response).await {
            warn!(%error, "could not acknowledge a vote");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_fit() {
        for (question, up) in [(u64::MAX, true), (1, false), (1234567890123456789, true)] {
            let id = custom_id(question, up);
            assert!(id.chars().count() <= 100, "{id}");
            assert_eq!(parse(&id), Some((question, up)), "{id}");
        }
        for wrong in [
            "",
            "verbatim:vote:",
            "verbatim:vote:up:x",
            "verbatim:vote:sideways:1",
            "verbatim:more:3:q:1",
        ] {
            assert_eq!(parse(wrong), None, "{wrong}");
        }
    }
}
