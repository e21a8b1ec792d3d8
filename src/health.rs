//! The operator's HTTP endpoints, served on the address `VERBATIM_HTTP_ADDR` names (nothing is
//! served without one): `/healthz` answers while the process runs, `/readyz` once the knowledge
//! is loaded and every gateway shard of this process is connected, and `/metrics` gives the
//! [`Metrics`] in Prometheus's text format. [`check`] is `verbatim health`, their client, so
//! that a container's health check needs no curl.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tracing::{debug, info};

use crate::config::HttpConfig;
use crate::metrics::{Metrics, CONTENT_TYPE};

/// Whether the bot is ready to answer: its knowledge loaded, and each gateway shard it runs
/// connected. Cloning is cheap, and every clone sees the same state.
#[derive(Clone, Default)]
pub struct Readiness {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    knowledge_loaded: bool,
    /// Answering needs no gateway: the HTTP interactions endpoint (`verbatim serve`).
    no_gateway: bool,
    /// The shards this process runs, once known, and whether each is connected.
    shards: BTreeMap<u32, bool>,
}

impl Readiness {
    pub fn new() -> Readiness {
        Readiness::default()
    }

    /// The knowledge is loaded and indexed.
    pub fn knowledge_loaded(&self) {
        self.lock().knowledge_loaded = true;
    }

    /// This process answers over HTTP only (`verbatim serve`), so it is ready once its
    /// knowledge is loaded and it listens, with no gateway shard to wait for.
    pub fn needs_no_gateway(&self) {
        self.lock().no_gateway = true;
    }

    /// This process runs these shards, none connected yet.
    pub fn runs_shards(&self, shards: impl IntoIterator<Item = u32>) {
        self.lock().shards = shards.into_iter().map(|shard| (shard, false)).collect();
    }

    /// Shard `shard` connected (a session started or resumed) or lost its connection.
    pub fn shard_connected(&self, shard: u32, connected: bool) {
        self.lock().shards.insert(shard, connected);
    }

    /// Ready to answer: the knowledge loaded, and every shard connected (when there is a
    /// gateway).
    pub fn is_ready(&self) -> bool {
        self.not_ready_because().is_none()
    }

    /// Why the bot is not ready, or `None` when it is.
    fn not_ready_because(&self) -> Option<String> {
        let state = self.lock();
        if !state.knowledge_loaded {
            return Some("the knowledge is loading".to_owned());
        }
        if state.no_gateway {
            return None;
        }
        if state.shards.is_empty() {
            return Some("the gateway is not connected".to_owned());
        }
        let waiting: Vec<String> = state
            .shards
            .iter()
            .filter(|(_, connected)| !**connected)
            .map(|(shard, _)| shard.to_string())
            .collect();
        (!waiting.is_empty())
            .then(|| format!("gateway shards not connected: {}", waiting.join(", ")))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // Plain flags, which a panic cannot leave half-written.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Listens on `addr` for [`serve`]; the address actually bound (port 0 picks a free one) is the
/// listener's.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let listener = TcpListener::bind(addr).await?;
    if let Ok(address) = listener.local_addr() {
        info!(%address, "serving /healthz, /readyz and /metrics");
    }
    Ok(listener)
}

/// Answers `/healthz`, `/readyz` and `/metrics` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, metrics: Metrics, readiness: Readiness) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let (metrics, readiness) = (metrics.clone(), readiness.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let answer = answer(&request, &metrics, &readiness);
                async move { Ok::<_, Infallible>(answer) }
            });
            if let Err(error) = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                debug!(%error, "a health or metrics connection failed");
            }
        });
    }
}

fn answer(
    request: &Request<Incoming>,
    metrics: &Metrics,
    readiness: &Readiness,
) -> Response<Full<Bytes>> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return text(StatusCode::METHOD_NOT_ALLOWED, "GET only\n");
    }
    match request.uri().path() {
        "/healthz" => text(StatusCode::OK, "ok\n"),
        "/readyz" => match readiness.not_ready_because() {
            None => text(StatusCode::OK, "ready\n"),
            Some(why) => text(
                StatusCode::SERVICE_UNAVAILABLE,
                &format!("not ready: {why}\n"),
            ),
        },
        "/metrics" => Response::builder()
            .header("content-type", CONTENT_TYPE)
            .body(Full::new(Bytes::from(metrics.encode())))
            .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "cannot encode\n")),
        _ => text(StatusCode::NOT_FOUND, "/healthz, /readyz or /metrics\n"),
    }
}

fn text(status: StatusCode, body: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_owned())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        "content-type",
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// `verbatim health`: asks the running bot's `/readyz` at the configured address; exit code 0
/// when it is ready, 1 when it is not or does not answer, 2 without an address.
pub fn check(config: &HttpConfig) -> ExitCode {
    let Some(addr) = config.addr else {
        eprintln!("error: VERBATIM_HTTP_ADDR is not set; verbatim health asks the running bot's /readyz there");
        return ExitCode::from(crate::cli::EXIT_BAD_INPUT);
    };
    let runtime = match crate::cli::start_runtime(tokio::runtime::Builder::new_current_thread()) {
        Ok(runtime) => runtime,
        Err(exit) => return exit,
    };
    let url = format!("http://{}/readyz", reachable(addr));
    let asked = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()?;
        let response = client.get(&url).send().await?;
        let status = response.status();
        Ok::<_, reqwest::Error>((status, response.text().await.unwrap_or_default()))
    });
    match asked {
        Ok((status, body)) if status.is_success() => {
            print!("{body}");
            ExitCode::SUCCESS
        }
        Ok((status, body)) => {
            eprintln!("{} {}", status.as_u16(), body.trim_end());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: no answer from {url}: {}", error.without_url());
            ExitCode::FAILURE
        }
    }
}

/// Where to reach a server listening on `addr`: on this machine when it listens everywhere.
fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_once_the_knowledge_is_loaded_and_every_shard_connected() {
        let readiness = Readiness::new();
        assert_eq!(
            readiness.not_ready_because().as_deref(),
            Some("the knowledge is loading")
        );
        readiness.knowledge_loaded();
        assert_eq!(
            readiness.not_ready_because().as_deref(),
            Some("the gateway is not connected")
        );
        readiness.runs_shards([2, 3]);
        readiness.shard_connected(2, true);
        assert_eq!(
            readiness.not_ready_because().as_deref(),
            Some("gateway shards not connected: 3")
        );
        assert!(!readiness.is_ready());
        readiness.shard_connected(3, true);
        assert!(readiness.is_ready());
        readiness.shard_connected(2, false);
        assert!(!readiness.is_ready(), "a lost connection");
    }

    #[test]
    fn the_http_endpoint_is_ready_once_the_knowledge_is_loaded() {
        let readiness = Readiness::new();
        readiness.needs_no_gateway();
        assert!(!readiness.is_ready(), "the knowledge is loading");
        readiness.knowledge_loaded();
        assert!(readiness.is_ready());
    }

    #[test]
    fn a_server_listening_everywhere_is_asked_on_this_machine() {
        let reach = |addr: &str| reachable(addr.parse().unwrap()).to_string();
        assert_eq!(reach("0.0.0.0:9000"), "127.0.0.1:9000");
        assert_eq!(reach("[::]:9000"), "[::1]:9000");
        assert_eq!(reach("10.1.2.3:80"), "10.1.2.3:80");
    }

    #[tokio::test]
    async fn the_endpoints_answer() {
        let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
        let address = listener.local_addr().unwrap();
        let (metrics, readiness) = (Metrics::new(), Readiness::new());
        let server = tokio::spawn(serve(listener, metrics.clone(), readiness.clone()));
        let get = |path: &str| {
            let url = format!("http://{address}{path}");
            async move {
                let response = reqwest::get(url).await.unwrap();
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
        assert_eq!(get("/healthz").await, (200, "ok\n".to_owned()));
        assert_eq!(get("/readyz").await.0, 503);
        readiness.knowledge_loaded();
        readiness.runs_shards([0]);
        readiness.shard_connected(0, true);
        assert_eq!(get("/readyz").await, (200, "ready\n".to_owned()));
        metrics.cooldown_refused();
        let (status, text) = get("/metrics").await;
        assert_eq!(status, 200);
        assert!(
            text.contains("verbatim_cooldown_refusals_total 1"),
            "{text}"
        );
        assert_eq!(get("/elsewhere").await.0, 404);
        server.abort();
    }
}
