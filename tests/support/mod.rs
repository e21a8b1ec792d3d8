//! The harness of the Discord tests: the fake Discord (`fake`), verbatim's own bot connected
//! to it, `verbatim run` as a process (`process`), the bot's logs (`logs`), knowledge folders
//! to reload (`packs`), and the HTTP interactions endpoint with signed requests (`endpoint`).

pub mod endpoint;
pub mod fake;
pub mod logs;
pub mod packs;
pub mod process;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub use fake::{
    callback, flags, payloads, shard_of, Endpoint, FakeDiscord, Fault, RateLimit, Request, Windows,
    APPLICATION_ID, BOT_USER_ID, CHANNEL_ID, GUILD_ID, PATIENCE, TOKEN,
};
pub use logs::capture_logs;
pub use process::{output_of, refusal_of, verbatim, verbatim_run, BotProcess, EVERYTHING};
use verbatim::discord::{Bot, Plugin, PostingCap, Settings};
use verbatim::knowledge::Knowledge;
use verbatim::search::Engine;

/// The engine every test shares: building the index once keeps the suite quick.
pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            Arc::new(Engine::new(Knowledge::embedded()).expect("the embedded pack indexes"))
        })
        .clone()
}

/// Settings for tests: no cooldown and no posting caps (the tests of those set them), no
/// deferral, and the test server as the operator's, where `/reload` lives.
pub fn settings() -> Settings {
    let no_cap = PostingCap {
        burst: 10_000,
        per_second: 10_000.0,
    };
    Settings {
        cooldown: Duration::ZERO,
        operator_guild: Some(GUILD_ID),
        channel_posts: no_cap,
        all_posts: no_cap,
        ..Settings::default()
    }
}

/// A fake Discord with verbatim's own bot connected to it, registering commands to the test
/// server. The bot runs until the test's runtime ends.
pub async fn start_bot(settings: Settings) -> FakeDiscord {
    start_bot_in(settings, Some(GUILD_ID)).await
}

/// Like [`start_bot`], registering globally when `guild` is `None`.
pub async fn start_bot_in(settings: Settings, guild: Option<u64>) -> FakeDiscord {
    let plugin = Plugin::new(engine(), settings);
    start_client(Bot::new(plugin, guild)).await
}

/// A fake Discord with a serenity client running `handler` connected to it.
pub async fn start_client(handler: impl serenity::client::EventHandler + 'static) -> FakeDiscord {
    let fake = FakeDiscord::start().await;
    connect(&fake, handler).await;
    fake
}

/// Connects a serenity client running `handler` to `fake`, as `verbatim run` connects to
/// Discord (serenity's rate limiter off, the one sender keeping the limits), and waits for its
/// session. The client runs until the test's runtime ends.
pub async fn connect(fake: &FakeDiscord, handler: impl serenity::client::EventHandler + 'static) {
    let http = serenity::http::HttpBuilder::new(TOKEN)
        .proxy(&fake.url)
        .ratelimiter_disabled(true)
        .build();
    let mut client = serenity::client::ClientBuilder::new_with_http(http, Plugin::INTENTS)
        .event_handler(handler)
        .await
        .expect("the serenity client builds");
    tokio::spawn(async move {
        if let Err(error) = client.start().await {
            eprintln!("the bot stopped: {error}");
        }
    });
    fake.wait_for_sessions(1).await;
}

/// A fake Discord with verbatim's own bot mounting `plugin` (the test keeps a clone of it, to
/// look inside), registering commands to the test server.
pub async fn start_plugin(plugin: Plugin) -> FakeDiscord {
    start_client(Bot::new(plugin, Some(GUILD_ID))).await
}
