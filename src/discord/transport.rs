//! Where the responses to an interaction go, for the two ways interactions arrive. Over the
//! gateway every response is a REST call. At the HTTP endpoint (`verbatim serve`) the first
//! response is the HTTP answer to Discord's own request, and what follows it (the edit filling
//! in a deferred answer) is a REST call. The answering code is the same for both: it sends
//! through a [`Responder`], and the responder knows the way.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use serenity::http::Http;
use tokio::sync::oneshot;

use super::rest::{Call, Rest, SendError};

/// Where the responses to one interaction, or the replies to one message, go.
pub(crate) struct Responder {
    http: Arc<Http>,
    rest: Rest,
    /// At the HTTP endpoint: the HTTP answer, waiting for the first response.
    answer: Option<Mutex<Option<oneshot::Sender<Vec<u8>>>>>,
}

impl Responder {
    /// Every response a REST call, sent by `rest` with `http`'s token, to discord.com or to
    /// the proxy `http` names.
    pub(crate) fn over_rest(http: Arc<Http>, rest: Rest) -> Responder {
        Responder {
            http,
            rest,
            answer: None,
        }
    }

    /// The first response to the interaction goes to `answer` (the HTTP answer to Discord's
    /// request); anything after it is a REST call.
    pub(crate) fn answering(
        http: Arc<Http>,
        rest: Rest,
        answer: oneshot::Sender<Vec<u8>>,
    ) -> Responder {
        Responder {
            http,
            rest,
            answer: Some(Mutex::new(Some(answer))),
        }
    }

    /// Sends one call's body the way this responder knows.
    pub(crate) async fn send(
        &self,
        call: Call<'_>,
        body: &impl Serialize,
    ) -> Result<(), SendError> {
        if call.is_interaction_response() {
            if let Some(answer) = self.take_answer() {
                let body = serde_json::to_vec(body)
                    .map_err(|error| SendError::Encoding(error.to_string()))?;
                // The HTTP request is gone when Discord stopped waiting for it.
                return answer.send(body).map_err(|_| SendError::GaveUp {
                    attempts: 1,
                    last: "Discord stopped waiting for the HTTP answer".to_owned(),
                    deadline: true,
                });
            }
        }
        self.rest
            .send(&self.http, &call, Some(body))
            .await
            .map(drop)
    }

    fn take_answer(&self) -> Option<oneshot::Sender<Vec<u8>>> {
        let slot = self.answer.as_ref()?;
        slot.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}
