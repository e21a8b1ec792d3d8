//! The HTTP interactions endpoint under load, with its own load generator: `verbatim serve` (the
//! release binary, as a process) answering `/ask` interactions signed with a key pair made for
//! the run, over keep-alive connections on loopback. Two runs:
//!
//! - **open loop**: interactions sent at a fixed rate whatever the answers do, each one's
//!   latency measured from when it was due, so a slow answer that holds up the next ones counts
//!   against them too (no coordinated omission);
//! - **closed loop**: as fast as the answers come back, for the most interactions a second.
//!
//! `cargo bench --bench endpoint` runs both; `-- RATE SECONDS CONNECTIONS` changes the open
//! loop's rate (2000), how long each run lasts (10 s) and the connections (32). The questions
//! are the development set's, over and over, each interaction with its own id and user; the
//! cooldown is off. Signing is done before a run starts, so the load generator only sends.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer as _, SigningKey};
use serde_json::{json, Value};

struct Signed {
    body: Vec<u8>,
    signature: String,
    timestamp: String,
}

fn main() {
    // `cargo bench` passes `--bench`; the numbers are ours.
    let numbers: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let rate = numbers.first().copied().unwrap_or(2000);
    let seconds = numbers.get(1).copied().unwrap_or(10);
    let connections = numbers.get(2).copied().unwrap_or(32) as usize;

    let key = SigningKey::generate(&mut rand_core::OsRng);
    let public_key = hex(key.verifying_key().as_bytes());
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("serve")
        .env_clear()
        .env("DISCORD_PUBLIC_KEY", &public_key)
        .env("VERBATIM_SERVE_ADDR", "127.0.0.1:0")
        .env("VERBATIM_COOLDOWN_SECS", "0")
        .env("RUST_LOG", "warn,verbatim::discord::serve=info")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start verbatim serve");
    let url = listening_url(server.stderr.take().expect("piped standard error"));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let questions = questions();
    let count = ((rate * seconds) as usize).max(1);
    let first_id = 900_000_000_000_000_000;
    let warm = Arc::new(sign_all(&key, &questions, first_id, 500));
    let open = Arc::new(sign_all(&key, &questions, first_id + 1_000_000, count));
    let closed = Arc::new(sign_all(&key, &questions, first_id + 2_000_000, count));
    println!(
        "verbatim serve at {url}; {connections} connections; {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .build()
            .expect("a client");
        // Warm up: connections opened, the engine's caches filled.
        run(&client, &url, warm, connections, None).await;
        let interval = Duration::from_secs_f64(1.0 / rate as f64);
        let outcome = run(&client, &url, open, connections, Some(interval)).await;
        outcome.print(&format!("open loop, {rate}/s for {seconds} s"));
        let outcome = run(&client, &url, closed, connections, None).await;
        outcome.print("closed loop, as fast as answered");
    });
    let _ = server.kill();
    let _ = server.wait();
}

/// What one run came to.
struct Outcome {
    sent: usize,
    failed: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Outcome {
    fn print(mut self, what: &str) {
        self.latencies.sort();
        let percentile = |p: usize| {
            let at = (self.latencies.len() * p / 100).min(self.latencies.len() - 1);
            self.latencies[at]
        };
        println!(
            "{what}: {} interactions in {:.2?} = {:.0}/s, {} failed; latency p50 {:.2?}, p90 {:.2?}, p99 {:.2?}, max {:.2?}",
            self.sent,
            self.elapsed,
            self.sent as f64 / self.elapsed.as_secs_f64(),
            self.failed,
            percentile(50),
            percentile(90),
            percentile(99),
            self.latencies[self.latencies.len() - 1],
        );
    }
}

/// Sends every signed interaction over `connections` connections, each `interval` after the
/// one before (open loop), or each as soon as a connection is free (closed loop).
async fn run(
    client: &reqwest::Client,
    url: &str,
    signed: Arc<Vec<Signed>>,
    connections: usize,
    interval: Option<Duration>,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (client, url, signed, next) =
            (client.clone(), url.to_owned(), signed.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failed = 0;
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(interaction) = signed.get(index) else {
                    break;
                };
                let due = match interval {
                    Some(interval) => {
                        let due = started + interval * index as u32;
                        tokio::time::sleep_until(due.into()).await;
                        due
                    }
                    None => Instant::now(),
                };
                let answered = client
                    .post(&url)
                    .header("x-signature-ed25519", &interaction.signature)
                    .header("x-signature-timestamp", &interaction.timestamp)
                    .header("content-type", "application/json")
                    .body(interaction.body.clone())
                    .send()
                    .await;
                let ok = match answered {
                    Ok(response) if response.status().is_success() => {
                        response.bytes().await.is_ok_and(|body| is_answer(&body))
                    }
                    Ok(response) => {
                        eprintln!("answered {}", response.status());
                        false
                    }
                    Err(error) => {
                        eprintln!("no answer: {error}");
                        false
                    }
                };
                latencies.push(due.elapsed());
                failed += usize::from(!ok);
            }
            (latencies, failed)
        }));
    }
    let mut outcome = Outcome {
        sent: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies: Vec::new(),
    };
    for worker in workers {
        let (latencies, failed) = worker.await.expect("a worker");
        outcome.sent += latencies.len();
        outcome.failed += failed;
        outcome.latencies.extend(latencies);
    }
    outcome.elapsed = started.elapsed();
    outcome
}

/// Whether `body` is an answer with quotes (or the forum's abstention): a message with embeds.
fn is_answer(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body).is_ok_and(|answer| {
        answer["type"] == 4
            && answer["data"]["embeds"]
                .as_array()
                .is_some_and(|e| !e.is_empty())
    })
}

/// `count` `/ask` interactions, signed now, with ids from `first_id` on, from 500 users.
fn sign_all(key: &SigningKey, questions: &[String], first_id: u64, count: usize) -> Vec<Signed> {
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        .to_string();
    (0..count)
        .map(|n| {
            let id = first_id + n as u64;
            let user = 410_000_000_000_000_000 + n as u64 % 500;
            let body =
                serde_json::to_vec(&ask(id, user, &questions[n % questions.len()])).expect("JSON");
            let message = [timestamp.as_bytes(), &body].concat();
            Signed {
                signature: hex(&key.sign(&message).to_bytes()),
                timestamp: timestamp.clone(),
                body,
            }
        })
        .collect()
}

/// An `/ask` interaction as Discord sends it from a server.
fn ask(id: u64, user: u64, question: &str) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": "100000000000000001",
        "type": 2,
        "data": {
            "id": "500000000000000001",
            "name": "ask",
            "type": 1,
            "options": [{ "name": "question", "type": 3, "value": question }],
        },
        "guild_id": "200000000000000002",
        "channel_id": "300000000000000003",
        "channel": { "id": "300000000000000003", "type": 0, "name": "general" },
        "member": {
            "user": { "id": user.to_string(), "username": "someone", "discriminator": "0", "global_name": null, "avatar": null },
            "roles": [],
            "joined_at": "2024-06-14T00:00:00.000000+00:00",
            "deaf": false,
            "mute": false,
            "flags": 0,
            "permissions": "2248473465835073",
        },
        "token": format!("interaction-token-{id}"),
        "version": 1,
        "locale": "zh-TW",
        "guild_locale": "en-US",
        "app_permissions": "2248473465835073",
        "entitlements": [],
        "authorizing_integration_owners": { "0": "200000000000000002" },
        "context": 0,
        "attachment_size_limit": 10485760,
    })
}

/// The development set's questions.
fn questions() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/dev-questions.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the development questions")
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|question| question["q"].as_str().map(str::to_owned))
        .collect()
}

/// Reads `verbatim serve`'s log until it says where it listens, then keeps draining it.
fn listening_url(stderr: std::process::ChildStderr) -> String {
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line.expect("a log line");
        if let Some(rest) = line.split("addr=").nth(1) {
            let address = rest.split_whitespace().next().expect("an address");
            let url = format!("http://{address}/");
            std::thread::spawn(move || {
                for line in lines.map_while(Result::ok) {
                    eprintln!("verbatim serve: {line}");
                }
            });
            return url;
        }
    }
    panic!("verbatim serve stopped before listening");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
