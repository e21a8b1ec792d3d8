//! verbatim's HTTP interactions endpoint under test: an [`Endpoint`] on 127.0.0.1, a key pair
//! generated for it, interactions signed as Discord signs them (Ed25519 over the timestamp and
//! the body), and a fake Discord for the REST calls that follow a first response.

use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use verbatim::discord::{Endpoint, FollowUps, Plugin, Settings};

use super::{engine, FakeDiscord};

/// An application's key pair, made afresh, signing as Discord does.
pub struct Signer {
    key: SigningKey,
}

impl Signer {
    pub fn generate() -> Signer {
        Signer {
            key: SigningKey::generate(&mut rand_core::OsRng),
        }
    }

    /// The public key as the Developer Portal shows it: 64 hexadecimal digits.
    pub fn public_key(&self) -> String {
        hex(self.key.verifying_key().as_bytes())
    }

    /// `X-Signature-Ed25519` for `body` sent at `timestamp`.
    pub fn sign(&self, timestamp: &str, body: &[u8]) -> String {
        let message = [timestamp.as_bytes(), body].concat();
        hex(&self.key.sign(&message).to_bytes())
    }

    /// Both signature headers for `body`, sent now.
    pub fn headers(&self, body: &[u8]) -> Vec<(&'static str, String)> {
        let timestamp = now().to_string();
        let signature = self.sign(&timestamp, body);
        vec![
            ("x-signature-ed25519", signature),
            ("x-signature-timestamp", timestamp),
        ]
    }
}

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// An endpoint serving on 127.0.0.1 until dropped, its follow-ups going to a fake Discord.
pub struct TestEndpoint {
    pub url: String,
    pub signer: Signer,
    /// Where the endpoint's REST calls go.
    pub fake: FakeDiscord,
    client: reqwest::Client,
    server: JoinHandle<()>,
}

impl TestEndpoint {
    /// An endpoint answering with a fresh plugin, without a bot token.
    pub async fn start(settings: Settings) -> TestEndpoint {
        let fake = FakeDiscord::start().await;
        TestEndpoint::start_with(Plugin::new(engine(), settings), fake, Signer::generate()).await
    }

    /// An endpoint answering with `plugin`, checking signatures by `signer`, its REST calls
    /// going to `fake`.
    pub async fn start_with(plugin: Plugin, fake: FakeDiscord, signer: Signer) -> TestEndpoint {
        let follow_ups = FollowUps {
            token: None,
            proxy: Some(fake.url.clone()),
        };
        let endpoint = Endpoint::new(plugin, &signer.public_key(), &follow_ups)
            .expect("a generated key is a key");
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the endpoint");
        let url = format!(
            "http://{}/interactions",
            listener.local_addr().expect("address")
        );
        let server =
            tokio::spawn(std::sync::Arc::new(endpoint).serve(listener, std::future::pending()));
        TestEndpoint {
            url,
            signer,
            fake,
            client: reqwest::Client::new(),
            server,
        }
    }

    /// Posts `body` with `headers`; returns the status and the JSON answer (`null` if none).
    pub async fn post(&self, body: Vec<u8>, headers: &[(&str, String)]) -> (u16, Value) {
        let mut request = self.client.post(&self.url).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.expect("the endpoint answers");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("a body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// Posts `interaction`, signed now, as Discord does.
    pub async fn send(&self, interaction: &Value) -> (u16, Value) {
        self.fake.answered_over_http(interaction);
        let body = serde_json::to_vec(interaction).expect("JSON");
        let headers = self.signer.headers(&body);
        self.post(body, &headers).await
    }
}

impl Drop for TestEndpoint {
    fn drop(&mut self) {
        self.server.abort();
    }
}
