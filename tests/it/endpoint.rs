//! `verbatim serve`'s HTTP interactions endpoint: real Ed25519 signatures from a key pair made
//! for each test, the requests Discord must refuse (401, 413, 400), and the same answers as
//! the gateway bot, given in the HTTP response. Timeouts only guard against hanging.

use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use verbatim::discord::{Plugin, Settings, MAX_AGE, MAX_BODY};

use crate::support::endpoint::{now, Signer, TestEndpoint};
use crate::support::payloads::{self, ALICE};
use crate::support::{
    callback, capture_logs, engine, flags, output_of, settings, verbatim, BotProcess, FakeDiscord,
    APPLICATION_ID, GUILD_ID, TOKEN,
};

/// Request headers, as (name, value).
type Headers = Vec<(&'static str, String)>;

fn ask(id: u64, question: &str) -> Value {
    let options = json!([payloads::string_option("question", question)]);
    payloads::slash(id, ALICE, "zh-TW", "ask", options)
}

#[tokio::test]
async fn a_ping_gets_a_pong() {
    let endpoint = TestEndpoint::start(settings()).await;
    let (status, answer) = endpoint.send(&payloads::ping(1)).await;
    assert_eq!((status, answer), (200, json!({ "type": 1 })));
}

#[tokio::test]
async fn a_signed_question_is_answered_in_the_http_response_with_no_rest_call() {
    let endpoint = TestEndpoint::start(settings()).await;
    let (status, answer) = endpoint.send(&ask(11, "王小川怎麼看價格戰?")).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["type"], json!(callback::MESSAGE));
    let data = &answer["data"];
    assert_eq!(data["content"], json!("> 王小川怎麼看價格戰?"));
    assert_eq!(data["embeds"].as_array().map(Vec::len), Some(3));
    assert_eq!(data["allowed_mentions"]["parse"], json!([]));
    assert!(
        data["embeds"][0]["author"]["name"]
            .as_str()
            .unwrap()
            .starts_with("王小川"),
        "{answer}"
    );
    assert!(
        endpoint.fake.requests().is_empty(),
        "the answer is the HTTP response: {:?}",
        endpoint.fake.requests()
    );
}

#[tokio::test]
async fn autocomplete_and_notices_are_answered_like_the_gateway_bots() {
    let endpoint = TestEndpoint::start(settings()).await;
    let typing = payloads::autocomplete(12, ALICE, "en-US", "speaker", "speaker", "yang");
    let (status, choices) = endpoint.send(&typing).await;
    assert_eq!(status, 200);
    assert_eq!(choices["type"], json!(callback::AUTOCOMPLETE_RESULT));
    assert_eq!(choices["data"]["choices"][0]["value"], json!("楊植麟"));

    let unknown = payloads::slash(
        13,
        ALICE,
        "en-US",
        "speaker",
        json!([payloads::string_option("speaker", "Sam Altman")]),
    );
    let (status, notice) = endpoint.send(&unknown).await;
    assert_eq!(status, 200);
    assert_eq!(notice["data"]["flags"], json!(flags::EPHEMERAL), "{notice}");
}

/// Every way a request can fail its signature check, each refused with 401 before anything
/// reads it.
#[tokio::test]
async fn a_bad_missing_or_stale_signature_and_a_tampered_body_get_401() {
    let (_capturing, logs) = capture_logs();
    let endpoint = TestEndpoint::start(settings()).await;
    let body = serde_json::to_vec(&ask(21, "王小川怎麼看價格戰?")).unwrap();
    let signer = &endpoint.signer;
    let fresh = now().to_string();
    let signed = |timestamp: &str, body: &[u8]| -> Headers {
        vec![
            ("x-signature-ed25519", signer.sign(timestamp, body)),
            ("x-signature-timestamp", timestamp.to_owned()),
        ]
    };
    let old = (now() - MAX_AGE.as_secs() - 5).to_string();
    let ahead = (now() + MAX_AGE.as_secs() + 5).to_string();
    let mut tampered = body.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 1;
    let another_key = Signer::generate();
    let cases: Vec<(&str, Vec<u8>, Headers)> = vec![
        ("no headers", body.clone(), vec![]),
        (
            "no signature",
            body.clone(),
            vec![("x-signature-timestamp", fresh.clone())],
        ),
        (
            "no timestamp",
            body.clone(),
            vec![("x-signature-ed25519", signer.sign(&fresh, &body))],
        ),
        ("a tampered body", tampered, signed(&fresh, &body)),
        (
            "a signature of another timestamp",
            body.clone(),
            vec![
                ("x-signature-ed25519", signer.sign(&old, &body)),
                ("x-signature-timestamp", fresh.clone()),
            ],
        ),
        (
            "another application's key",
            body.clone(),
            vec![
                ("x-signature-ed25519", another_key.sign(&fresh, &body)),
                ("x-signature-timestamp", fresh.clone()),
            ],
        ),
        (
            "an old timestamp, rightly signed",
            body.clone(),
            signed(&old, &body),
        ),
        (
            "a timestamp from the future",
            body.clone(),
            signed(&ahead, &body),
        ),
        (
            "a signature that is not hex",
            body.clone(),
            vec![
                ("x-signature-ed25519", "zz".repeat(64)),
                ("x-signature-timestamp", fresh.clone()),
            ],
        ),
        (
            "a timestamp that is not a number",
            body.clone(),
            signed("yesterday", &body),
        ),
    ];
    for (case, body, headers) in cases {
        let (status, answer) = endpoint.post(body, &headers).await;
        assert_eq!(status, 401, "{case}: {answer}");
    }
    assert!(logs.lines_with("answered").is_empty(), "{}", logs.text());
    // The rightly signed request is answered, so the refusals were the signatures'.
    let (status, _) = endpoint.post(body.clone(), &signed(&fresh, &body)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_declared_or_not() {
    let endpoint = TestEndpoint::start(settings()).await;
    let mut interaction = ask(31, "王小川怎麼看價格戰?");
    interaction["padding"] = json!("x".repeat(MAX_BODY));
    let body = serde_json::to_vec(&interaction).unwrap();
    let headers = endpoint.signer.headers(&body);
    let (status, _) = endpoint.post(body.clone(), &headers).await;
    assert_eq!(status, 413, "with a Content-Length");

    // Chunked, with no length declared: refused once the limit is read.
    let address = endpoint
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/interactions")
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request = String::from(
        "POST /interactions HTTP/1.1\r\nHost: verbatim\r\nTransfer-Encoding: chunked\r\n",
    );
    for (name, value) in &headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    for chunk in body.chunks(16 * 1024) {
        let head = format!("{:x}\r\n", chunk.len());
        // The server may answer and close before the whole body is sent.
        if stream.write_all(head.as_bytes()).await.is_err()
            || stream.write_all(chunk).await.is_err()
            || stream.write_all(b"\r\n").await.is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0; 1024];
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read(&mut answer))
        .await
        .expect("an answer")
        .expect("read");
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test]
async fn a_signed_body_that_is_not_an_interaction_gets_400() {
    let endpoint = TestEndpoint::start(settings()).await;
    for body in [
        "{not json",
        "",
        "[]",
        r#"{"type": 2}"#,
        r#"{"type": "ping"}"#,
    ] {
        let body = body.as_bytes().to_vec();
        let headers = endpoint.signer.headers(&body);
        let (status, answer) = endpoint.post(body.clone(), &headers).await;
        assert_eq!(status, 400, "{}: {answer}", String::from_utf8_lossy(&body));
    }
}

#[tokio::test]
async fn a_slow_answer_is_deferred_in_the_http_response_and_filled_in_without_a_bot_token() {
    let endpoint = TestEndpoint::start(Settings {
        defer_after: Duration::ZERO,
        ..settings()
    })
    .await;
    let (status, answer) = endpoint.send(&ask(41, "楊植麟怎麼看AGI?")).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer["type"],
        json!(callback::DEFERRED_MESSAGE),
        "{answer}"
    );
    let path =
        format!("/api/v10/webhooks/{APPLICATION_ID}/interaction-token-41/messages/@original");
    let edit = endpoint
        .fake
        .wait_for("the deferred answer", |r| {
            r.method == "PATCH" && r.path == path
        })
        .await;
    assert_eq!(edit.status, 200);
    assert!(
        !edit.with_token,
        "no bot token was given, and none is needed"
    );
    assert_eq!(edit.body["content"], json!("> 楊植麟怎麼看AGI?"));
    assert!(!edit.body["embeds"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn more_pages_an_answer_given_by_another_endpoint() {
    let first = TestEndpoint::start(settings()).await;
    let (_, answer) = first.send(&ask(51, "大家怎麼看價格戰?")).await;
    let custom_id = answer["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .expect("a More button")
        .to_owned();
    // Another replica, with a plugin of its own and the same application key.
    let signer = Signer::generate();
    let key = first.signer.public_key();
    drop(first);
    let other = TestEndpoint::start_with(
        Plugin::new(engine(), settings()),
        FakeDiscord::start().await,
        signer,
    )
    .await;
    assert_ne!(
        other.signer.public_key(),
        key,
        "a fresh key for the second endpoint"
    );
    // Alice pages her own answer (anyone else would get the next page to themselves).
    let shown = payloads::answer_to(51, ALICE, &answer["data"]);
    let press = payloads::button(53, ALICE, "zh-TW", &custom_id, shown);
    let (status, page) = other.send(&press).await;
    assert_eq!(status, 200);
    assert_eq!(page["type"], json!(callback::UPDATE_MESSAGE), "{page}");
    assert_eq!(page["data"]["content"], answer["data"]["content"]);
    let first_page = &answer["data"]["embeds"];
    for embed in page["data"]["embeds"].as_array().unwrap() {
        assert!(
            !first_page.as_array().unwrap().contains(embed),
            "the next results, not the same ones"
        );
    }
}

#[tokio::test]
async fn interaction_tokens_reach_no_log_line() {
    let (_capturing, logs) = capture_logs();
    let endpoint = TestEndpoint::start(Settings {
        defer_after: Duration::ZERO,
        ..settings()
    })
    .await;
    let (status, _) = endpoint.send(&ask(61, "楊植麟怎麼看AGI?")).await;
    assert_eq!(status, 200);
    // A body whose bad field holds the token, as serde would quote it.
    let mut broken = ask(62, "王小川怎麼看價格戰?");
    broken["version"] = json!("interaction-token-62");
    let (status, _) = endpoint.send(&broken).await;
    assert_eq!(status, 400);
    let unsigned = serde_json::to_vec(&ask(63, "x")).unwrap();
    let (status, _) = endpoint.post(unsigned, &[]).await;
    assert_eq!(status, 401);
    logs.wait_for("answered").await;
    let text = logs.text();
    assert!(text.contains("refused a request"), "{text}");
    assert!(!text.contains("interaction-token"), "{text}");
}

/// `verbatim serve` with `env`, listening on a free port; returns the process and its URL once
/// it listens.
async fn serve(env: &[(&str, &str)]) -> (BotProcess, String) {
    let mut env = env.to_vec();
    env.extend([
        ("VERBATIM_SERVE_ADDR", "127.0.0.1:0"),
        ("VERBATIM_COOLDOWN_SECS", "0"),
    ]);
    let mut process = BotProcess::spawn(verbatim(&["serve"], &env));
    let line = process.wait_for_line("listening for interactions").await;
    let address = line
        .split("addr=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the address in the log line");
    (process, format!("http://{address}/"))
}

#[tokio::test]
async fn serve_registers_the_commands_with_a_token_answers_and_stops_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let signer = Signer::generate();
    let key = signer.public_key();
    let guild = GUILD_ID.to_string();
    let (process, url) = serve(&[
        ("DISCORD_PUBLIC_KEY", key.as_str()),
        ("DISCORD_TOKEN", TOKEN),
        ("DISCORD_GUILD_ID", guild.as_str()),
        ("DISCORD_PROXY_URL", fake.url.as_str()),
        ("VERBATIM_HTTP_ADDR", "127.0.0.1:0"),
    ])
    .await;
    let health = process
        .logged("serving /healthz")
        .and_then(|line| {
            let rest = line.split("address=").nth(1)?;
            rest.split_whitespace().next().map(str::to_owned)
        })
        .expect("the health server's address in the log");
    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let registration = fake
        .wait_for("command registration", |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    // Five for everyone; /reload is registered in the operator's server only, and none is set.
    assert_eq!(registration.body.as_array().map(Vec::len), Some(5));

    let client = reqwest::Client::new();
    for (interaction, expected) in [
        (payloads::ping(71), callback::PONG),
        (ask(72, "楊植麟怎麼看AGI?"), callback::MESSAGE),
    ] {
        let body = serde_json::to_vec(&interaction).unwrap();
        let mut request = client.post(&url).body(body.clone());
        for (name, value) in signer.headers(&body) {
            request = request.header(name, value);
        }
        let answer = request.send().await.unwrap().bytes().await.unwrap();
        let answer: Value = serde_json::from_slice(&answer).unwrap();
        assert_eq!(answer["type"], json!(expected), "{answer}");
    }
    // Ready with no gateway to connect, and counting what the endpoint answers.
    let scrape = |path: &'static str| {
        let url = format!("http://{health}{path}");
        async move {
            let response = reqwest::get(url).await.expect("the health server answers");
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    assert_eq!(scrape("/readyz").await, (200, "ready\n".to_owned()));
    let (status, metrics) = scrape("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("verbatim_questions_total{outcome=\"answered\"} 1"),
        "{metrics}"
    );
    process.signal(libc::SIGTERM);
    let (status, log) = process.wait_for_exit(Duration::from_secs(15)).await;
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.contains("signal=\"SIGTERM\""), "{log}");
    assert!(
        !log.contains(TOKEN) && !log.contains("interaction-token"),
        "{log}"
    );
}

#[tokio::test]
async fn serve_without_a_public_key_or_with_a_wrong_one_says_so_and_exits_2() {
    for (env, says) in [
        (vec![], "DISCORD_PUBLIC_KEY is not set"),
        (
            vec![("DISCORD_PUBLIC_KEY", "0123")],
            "DISCORD_PUBLIC_KEY=\"0123\" is not valid",
        ),
    ] {
        let output = output_of(verbatim(&["serve"], &env)).await;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
}
