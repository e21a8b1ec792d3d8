//! The tests' fake Discord as a program of its own, for a bot the tests cannot start
//! themselves: `verbatim run` in a container (`docker/check.sh`). It listens on 127.0.0.1,
//! prints its REST URL (the bot's `DISCORD_PROXY_URL`) as its first line, waits for the bot to
//! connect, asks `/ask`, prints the response, and then waits for the bot to close the gateway
//! with a normal close frame. Exit code 0 when the bot answered with quotes and closed cleanly,
//! 1 otherwise; it gives up after a minute at each step.
//!
//! ```sh
//! cargo run --example fake_discord -- [QUESTION]
//! ```

#[path = "../tests/support/fake/mod.rs"]
mod fake;

use std::io::Write;
use std::process::ExitCode;

use fake::{payloads, FakeDiscord};
use serde_json::json;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let question = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "王小川怎麼看價格戰?".to_owned());
    let fake = FakeDiscord::start().await;
    println!("{}", fake.url);
    let _ = std::io::stdout().flush();

    fake.wait_for_sessions(1).await;
    println!("connected: the bot opened a gateway session");
    let options = json!([payloads::string_option("question", &question)]);
    let (_, response) = fake.command(payloads::ALICE, "zh-TW", "ask", options).await;
    println!("{response:#}");
    let quotes = response["data"]["embeds"]
        .as_array()
        .map_or(0, |embeds| embeds.len());
    if quotes == 0 {
        println!("failed: the bot answered without quotes");
        return ExitCode::FAILURE;
    }
    println!("answered: {quotes} quotes");
    let _ = std::io::stdout().flush();

    let closes = fake.wait_for_close(1000).await;
    println!("closed: the bot closed the gateway with {closes:?}");
    ExitCode::SUCCESS
}
