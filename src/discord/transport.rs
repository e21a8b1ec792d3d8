//! Where the responses to an interaction go, for the two ways interactions arrive. Over the
//! gateway every response is a REST call. At the HTTP endpoint (`verbatim serve`) the first
//! response is the HTTP answer to Discord's own request, and what follows it (the edit filling
//! in a deferred answer) is a REST call. The answering code is the same for both: it sends
//! through a [`Responder`], and the responder knows the way.

use std::sync::Arc;

use serde::Serialize;
use serenity::http::Http;

use super::rest::{self, Call, SendError};

/// Where the responses to one interaction, or the replies to one message, go.
pub(crate) struct Responder {
    http: Arc<Http>,
    client: Option<reqwest::Client>,
}

impl Responder {
    /// Every response a REST call, with serenity's client or, with its rate limiter off,
    /// `client` (see `rest`).
    pub(crate) fn over_rest(http: Arc<Http>, client: Option<reqwest::Client>) -> Responder {
        Responder { http, client }
    }

    /// Sends one call's body the way this responder knows.
    pub(crate) async fn send(
        &self,
        call: Call<'_>,
        body: &impl Serialize,
    ) -> Result<(), SendError> {
        rest::send(&self.http, self.client.as_ref(), call, body).await
    }
}
