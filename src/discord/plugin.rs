//! [`Plugin`]: verbatim as a part of any serenity bot.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use arc_swap::ArcSwap;
use std::time::{Duration, Instant, SystemTime};

use serenity::builder::CreateCommand;
use serenity::client::Context;
use serenity::http::Http;
use serenity::model::application::Interaction;
use serenity::model::channel::Message;
use serenity::model::gateway::{GatewayIntents, Ready};
use serenity::model::id::{ApplicationId, GuildId, UserId};
use tokio_util::task::TaskTracker;
use tracing::{error, info, warn};

use super::commands;
use super::cooldown::{whole_seconds, Cooldown};
use super::limits::{Deliveries, Posting, PostingCap};
use super::messages::{Addressed, Posted};
use super::reload::Reloaded;
use super::render::Outcome;
use super::reply::{self, Replied};
use super::rest::{Call, Rest, SendError};
use super::transport::Responder;
use super::{pages, votes};
use crate::config::{
    BotConfig, BuildError, KnowledgeConfig, DEFAULT_COOLDOWN, DEFAULT_MAX_QUESTION_CHARS,
};
use crate::feedback::{Asked, QuestionLog};
use crate::metrics::{Answered, Metrics, Reload};
use crate::search::Engine;
use crate::strings::{text, Locale};

/// How the plugin behaves; [`Settings::default`] suits most bots.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long a user waits between two questions. Zero turns the cooldown off.
    pub cooldown: Duration,
    /// Longer questions are refused with a message.
    pub max_question_chars: usize,
    /// A command whose answer is not ready after this long is acknowledged at once (deferred)
    /// and answered by an edit, since Discord drops interactions not acknowledged within 3
    /// seconds. Zero defers every command.
    pub defer_after: Duration,
    /// Where `/reload` and [`Plugin::reload`] read the knowledge from: a folder of packs, or
    /// `None` for the embedded pack, which cannot change.
    pub knowledge_dir: Option<PathBuf>,
    /// Where reloaded engines keep their index between runs (`VERBATIM_INDEX_DIR`); `None`
    /// indexes in memory.
    pub index_dir: Option<PathBuf>,
    /// Forum channels whose new posts are answered in their thread (`VERBATIM_FORUM_CHANNELS`).
    pub forum_channels: Vec<u64>,
    /// Where questions, their answers and the votes on them are logged (`VERBATIM_DB`); with
    /// `None`, nothing is, and answers carry no vote buttons.
    pub question_log: Option<QuestionLog>,
    /// The operator's server: the only one where `/reload` is registered (see
    /// [`Plugin::operator_commands`]) and answered. `None`: the knowledge is reloaded by
    /// [`Plugin::reload`] (SIGHUP) only.
    pub operator_guild: Option<u64>,
    /// Users who may `/reload` in the operator's server whatever their permissions there;
    /// anyone else must be able to manage it.
    pub operator_users: Vec<u64>,
    /// What the bot may post publicly in one channel. Beyond it, a reply to a message is
    /// dropped and a command's answer goes to its asker alone.
    pub channel_posts: PostingCap,
    /// What the bot may post publicly in all channels together, likewise.
    pub all_posts: PostingCap,
}

impl Default for Settings {
    /// The defaults `verbatim run` has too (see `config`).
    fn default() -> Settings {
        Settings {
            cooldown: DEFAULT_COOLDOWN,
            max_question_chars: DEFAULT_MAX_QUESTION_CHARS,
            defer_after: Duration::from_millis(1500),
            knowledge_dir: None,
            index_dir: None,
            forum_channels: Vec::new(),
            question_log: None,
            operator_guild: None,
            operator_users: Vec::new(),
            channel_posts: PostingCap::CHANNEL,
            all_posts: PostingCap::ALL_CHANNELS,
        }
    }
}

impl Settings {
    /// The settings `verbatim run` configures, but for the question log, which the caller
    /// starts (see [`QuestionLog::start`]).
    pub fn from_config(knowledge: &KnowledgeConfig, bot: &BotConfig) -> Settings {
        Settings {
            cooldown: bot.cooldown,
            max_question_chars: bot.max_question_chars,
            knowledge_dir: knowledge.knowledge_dir.clone(),
            index_dir: knowledge.index_dir.clone(),
            forum_channels: bot.forum_channels.clone(),
            operator_guild: bot.operator_guild,
            operator_users: bot.operator_users.clone(),
            ..Settings::default()
        }
    }

    /// Where the knowledge is reloaded from.
    fn knowledge(&self) -> KnowledgeConfig {
        KnowledgeConfig {
            knowledge_dir: self.knowledge_dir.clone(),
            index_dir: self.index_dir.clone(),
        }
    }
}

/// What registering a set of commands came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Registration {
    /// Discord held them already: nothing was sent.
    Unchanged(usize),
    /// Discord holds them now.
    Replaced(usize),
}

/// How much the plugin remembers about past questions; every count is capped. The "More"
/// buttons need no memory (see `pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// Users the cooldowns (questions, listings, refusal notices) remember.
    pub cooling_users: usize,
    /// Channels whose posting budget, or refusal, is remembered.
    pub channels: usize,
}

/// verbatim on Discord, ready to mount in any serenity bot: it hands out its command
/// definitions and handles the interactions and messages that are its own, giving everything
/// else back untouched. Cloning is cheap and every clone shares one state.
///
/// Mounting it in another bot (the same code as in the README):
///
/// ```no_run
/// use std::sync::Arc;
///
/// use serenity::all::{
///     Client, Command, Context, EventHandler, GatewayIntents, GuildChannel, GuildId, Interaction,
///     Message, Ready,
/// };
/// use verbatim::discord::{Plugin, Settings};
///
/// struct MyBot {
///     forum: Plugin,
/// }
///
/// #[serenity::async_trait]
/// impl EventHandler for MyBot {
///     async fn ready(&self, ctx: Context, ready: Ready) {
///         self.forum.ready(&ready);
///         let mut commands = Vec::new(); // your own commands here
///         commands.extend(self.forum.commands());
///         // Registering replaces all of a bot's commands, so register them together.
///         Command::set_global_commands(&ctx.http, commands).await.expect("commands registered");
///         // `/reload` lives in the operator's server only.
///         if let Some(guild) = self.forum.operator_guild() {
///             let operator = self.forum.operator_commands();
///             GuildId::new(guild).set_commands(&ctx.http, operator).await.expect("registered");
///         }
///     }
///
///     async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
///         if let Some(_yours) = self.forum.handle_interaction(&ctx, interaction).await {
///             // Not verbatim's: handle your own commands and buttons here.
///         }
///     }
///
///     async fn message(&self, ctx: Context, message: Message) {
///         if let Some(_yours) = self.forum.handle_message(&ctx, message).await {
///             // Not addressed to the bot's forum answers: yours to handle.
///         }
///     }
///
///     async fn thread_create(&self, ctx: Context, thread: GuildChannel) {
///         if let Some(_yours) = self.forum.handle_thread(&ctx, thread).await {
///             // Not a new post in a forum channel verbatim answers (`Settings::forum_channels`).
///         }
///     }
/// }
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let knowledge = verbatim::knowledge::Knowledge::embedded();
/// let engine = verbatim::search::Engine::new(knowledge)?;
/// let forum = Plugin::new(Arc::new(engine), Settings::default());
/// let intents = GatewayIntents::GUILDS | Plugin::INTENTS;
/// let token = std::env::var("DISCORD_TOKEN")?;
/// let mut client = Client::builder(token, intents).event_handler(MyBot { forum }).await?;
/// client.start().await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Plugin {
    pub(super) shared: Arc<Shared>,
}

pub(super) struct Shared {
    /// The engine answering questions. Each question takes its own `Arc` of it, so the engine
    /// can be swapped (a knowledge reload) while questions are being answered.
    pub(super) engine: ArcSwap<Engine>,
    pub(super) settings: Settings,
    /// How soon a user may ask another question.
    pub(super) cooldown: Cooldown,
    /// How soon a user may ask for another listing (`/topic`, `/speaker`, `/forum`).
    pub(super) listings: Cooldown,
    /// How soon a user may be told of a refusal again in a channel: once per cooldown.
    pub(super) notices: Cooldown,
    /// Interactions and messages already handled, so that one delivered twice is answered once.
    pub(super) deliveries: Deliveries,
    /// Caps on what the bot posts publicly, and the channels that refused it.
    pub(super) posting: Posting,
    /// The bot's own user, to recognise mentions of it and replies to it.
    pub(super) bot_user: OnceLock<UserId>,
    /// The one sender of every REST call (see `rest`).
    pub(super) rest: Rest,
    pub(super) metrics: Metrics,
    /// Held while a reload builds its engine, so that two reloads never build at once; holds
    /// how far the requests go that the last reload answered, and what it came to.
    pub(super) reloading: tokio::sync::Mutex<(u64, Option<Reloaded>)>,
    /// Reload requests so far; a reload answers every request made before it started.
    pub(super) reload_requests: AtomicU64,
    /// The interactions and messages being answered, waited for on shutdown.
    pub(super) in_progress: TaskTracker,
}

impl Plugin {
    /// The gateway intents the plugin needs: servers (for new forum posts), messages in servers
    /// and in DMs. None is privileged; without the message-content intent Discord still sends
    /// the text of the messages that mention the bot and of DMs, which are the ones verbatim
    /// answers, and a forum post is asked by its title.
    pub const INTENTS: GatewayIntents = GatewayIntents::GUILDS
        .union(GatewayIntents::GUILD_MESSAGES)
        .union(GatewayIntents::DIRECT_MESSAGES);

    pub fn new(engine: Arc<Engine>, settings: Settings) -> Plugin {
        Plugin::with_metrics(engine, settings, Metrics::new())
    }

    /// A plugin counting into `metrics`, which may already be served (see `health`).
    pub fn with_metrics(engine: Arc<Engine>, settings: Settings, metrics: Metrics) -> Plugin {
        metrics.passages_loaded(engine.knowledge().passages().count());
        let shared = Shared {
            engine: ArcSwap::new(engine),
            cooldown: Cooldown::new(settings.cooldown),
            listings: Cooldown::new(settings.cooldown),
            notices: Cooldown::new(settings.cooldown),
            deliveries: Deliveries::new(),
            posting: Posting::new(settings.channel_posts, settings.all_posts),
            settings,
            bot_user: OnceLock::new(),
            rest: Rest::new(metrics.clone()),
            metrics,
            reloading: tokio::sync::Mutex::new((0, None)),
            reload_requests: AtomicU64::new(0),
            in_progress: TaskTracker::new(),
        };
        Plugin {
            shared: Arc::new(shared),
        }
    }

    /// The engine questions are answered with now.
    pub fn engine(&self) -> Arc<Engine> {
        self.shared.engine.load_full()
    }

    /// Answers every question from now on with `engine`; questions being answered finish
    /// with the engine they started with.
    pub fn replace_engine(&self, engine: Arc<Engine>) {
        let passages = engine.knowledge().passages().count();
        self.shared.engine.store(engine);
        self.shared.metrics.passages_loaded(passages);
    }

    /// What the plugin counts (questions, latency, REST retries, reloads, …), for a
    /// Prometheus scrape.
    pub fn metrics(&self) -> Metrics {
        self.shared.metrics.clone()
    }

    /// Waits for the interactions and messages being answered to be answered, for at most
    /// `within`; call it on shutdown, before closing the gateway. Returns how many were still
    /// being answered when it gave up.
    pub async fn finish_answers(&self, within: Duration) -> usize {
        let in_progress = &self.shared.in_progress;
        in_progress.close();
        let finished = tokio::time::timeout(within, in_progress.wait()).await;
        in_progress.reopen();
        if finished.is_ok() {
            0
        } else {
            in_progress.len()
        }
    }

    /// Reloads the knowledge from [`Settings::knowledge_dir`] and, when it has no problems,
    /// answers from it from now on; questions being answered finish with the engine they
    /// started with. Packs with problems are refused, and the current knowledge keeps
    /// answering. One reload builds at a time, and requests made while one builds are merged
    /// into the next: twenty at once build once or twice, and each gets the outcome of a
    /// reload that started after it asked. The outcome is logged, every problem included.
    pub async fn reload(&self) -> Reloaded {
        if self.shared.settings.knowledge_dir.is_none() {
            info!("nothing to reload: the embedded knowledge pack cannot change");
            return Reloaded::Embedded;
        }
        let request = self.shared.reload_requests.fetch_add(1, Ordering::SeqCst) + 1;
        let mut last = self.shared.reloading.lock().await;
        if let (answered, Some(reloaded)) = &*last {
            if *answered >= request {
                return reloaded.clone();
            }
        }
        // This reload answers every request made so far, this one included.
        let answers = self.shared.reload_requests.load(Ordering::SeqCst);
        let reloaded = self.build_and_swap().await;
        *last = (answers, Some(reloaded.clone()));
        reloaded
    }

    /// One reload: builds an engine from the configured knowledge and, when it has no
    /// problems, answers from it.
    async fn build_and_swap(&self) -> Reloaded {
        let knowledge = self.shared.settings.knowledge();
        let built = tokio::task::spawn_blocking(move || knowledge.build_engine()).await;
        let reloaded = match built {
            Ok(Ok(engine)) => {
                let passages = engine.knowledge().passages().count();
                self.replace_engine(Arc::new(engine));
                Reloaded::Replaced { passages }
            }
            Ok(Err(BuildError::Problems(problems))) => Reloaded::Refused(problems),
            Ok(Err(BuildError::Index(error))) => Reloaded::Failed(error),
            Err(error) => Reloaded::Failed(error.to_string()),
        };
        let metrics = &self.shared.metrics;
        match &reloaded {
            Reloaded::Replaced { passages } => {
                metrics.reloaded(Reload::Replaced);
                info!(passages, "reloaded the knowledge; answering from it")
            }
            Reloaded::Embedded => {}
            Reloaded::Refused(problems) => {
                metrics.reloaded(Reload::Refused);
                for problem in problems {
                    warn!(%problem, "knowledge problem");
                }
                warn!(
                    problems = problems.len(),
                    "reload refused; still serving the previous knowledge"
                );
            }
            Reloaded::Failed(error) => {
                metrics.reloaded(Reload::Failed);
                error!(%error, "reload failed; still serving the previous knowledge")
            }
        }
        reloaded
    }

    /// How much the plugin remembers now.
    pub fn footprint(&self) -> Footprint {
        let shared = &self.shared;
        Footprint {
            cooling_users: shared.cooldown.len() + shared.listings.len() + shared.notices.len(),
            channels: shared.posting.channels(),
        }
    }

    /// The slash commands and the message command, for everyone: register them with Discord
    /// together with the host bot's own (registering replaces all of a bot's commands at once).
    pub fn commands(&self) -> Vec<CreateCommand> {
        commands::definitions(self.shared.settings.max_question_chars)
    }

    /// The operator's server, where [`Plugin::operator_commands`] belong.
    pub fn operator_guild(&self) -> Option<u64> {
        self.shared.settings.operator_guild
    }

    /// The operator's commands (`/reload`): register them in [`Settings::operator_guild`]
    /// only, together with whatever else that server has. Answered nowhere else.
    pub fn operator_commands(&self) -> Vec<CreateCommand> {
        commands::operator_definitions()
    }

    /// Tells the plugin who the bot is; call it from your `EventHandler::ready`. Without it
    /// the plugin asks Discord once, on the first message it sees.
    pub fn ready(&self, ready: &Ready) {
        let _ = self.shared.bot_user.set(ready.user.id);
    }

    /// Handles the interaction if it is verbatim's (its commands, their autocomplete, its
    /// buttons) and returns `None`; returns any other interaction untouched.
    pub async fn handle_interaction(
        &self,
        ctx: &Context,
        interaction: Interaction,
    ) -> Option<Interaction> {
        let responder = self.responder(ctx);
        self.answer_interaction(&responder, interaction).await
    }

    /// Answers the interaction if it is verbatim's, whichever way it arrived: `to` knows where
    /// the responses go (the gateway bot's REST calls, or the HTTP endpoint's answer).
    pub(super) async fn answer_interaction(
        &self,
        to: &Responder,
        interaction: Interaction,
    ) -> Option<Interaction> {
        let _answering = self.shared.in_progress.token();
        match interaction {
            Interaction::Command(command) if commands::is_ours(&command.data.name) => {
                if self.first_delivery(command.id.get()) {
                    self.on_command(to, &command).await;
                }
                None
            }
            Interaction::Autocomplete(command) if commands::is_ours(&command.data.name) => {
                if self.first_delivery(command.id.get()) {
                    self.on_autocomplete(to, &command).await;
                }
                None
            }
            Interaction::Component(component)
                if component
                    .data
                    .custom_id
                    .starts_with(pages::CUSTOM_ID_PREFIX) =>
            {
                if self.first_delivery(component.id.get()) {
                    self.on_more(to, &component).await;
                }
                None
            }
            Interaction::Component(component)
                if component
                    .data
                    .custom_id
                    .starts_with(votes::CUSTOM_ID_PREFIX) =>
            {
                if self.first_delivery(component.id.get()) {
                    self.on_vote(to, &component).await;
                }
                None
            }
            other => Some(other),
        }
    }

    /// Answers the message if it is addressed to the bot (a DM, a mention, a reply to one of
    /// its messages) and returns `None`; returns any other message untouched, including every
    /// message from a bot. Without the message-content intent, Discord sends the text of a reply
    /// only when it pings the bot (the default); a reply without text is left alone.
    pub async fn handle_message(&self, ctx: &Context, message: Message) -> Option<Message> {
        let _answering = self.shared.in_progress.token();
        let Some(addressed) = self.addressed(ctx, &message).await else {
            return Some(message);
        };
        let question = reply::without_mentions(&message.content);
        // Without the message-content intent, a reply that does not ping the bot arrives with
        // no text; it may not even be a question, so it is not answered with a notice.
        if reply::is_blank(&question) && matches!(addressed, Addressed::ReplyToBot) {
            return Some(message);
        }
        if self.first_delivery(message.id.get()) {
            self.on_message(ctx, Posted::of(&message), question, addressed)
                .await;
        }
        None
    }

    /// Where the replies to an event that came over the gateway go: REST calls.
    pub(super) fn responder(&self, ctx: &Context) -> Responder {
        Responder::over_rest(ctx.http.clone(), self.shared.rest.clone())
    }
}

impl Plugin {
    /// Logs a question and what answered it, when the question log is on. `via` says how it
    /// was asked: a command's name, or how a message was addressed.
    pub(super) fn log_question(
        &self,
        key: u64,
        guild: Option<u64>,
        via: &'static str,
        question: String,
        replied: Replied,
        latency: Duration,
    ) {
        let Some(log) = &self.shared.settings.question_log else {
            return;
        };
        // A refusal (a notice) quotes nothing and abstains from nothing: not a question asked.
        if matches!(replied.outcome, Outcome::Notice(_)) {
            return;
        }
        log.asked(Asked {
            id: key,
            at: SystemTime::now() - latency,
            guild,
            via,
            question,
            passages: replied.quoted,
            latency,
        });
    }

    /// Makes `commands` the application's commands, globally or in `guild`, unless Discord
    /// holds them already; retried while Discord fails (registering twice registers once).
    pub(super) async fn register_commands(
        &self,
        http: &Http,
        application: ApplicationId,
        guild: Option<GuildId>,
        commands: &[CreateCommand],
    ) -> Result<Registration, SendError> {
        let rest = &self.shared.rest;
        let ours =
            serde_json::to_value(commands).map_err(|e| SendError::Encoding(e.to_string()))?;
        let listed = rest
            .send(http, &Call::commands(application, guild), None::<&()>)
            .await?;
        let registered: serde_json::Value = serde_json::from_slice(&listed).unwrap_or_default();
        if commands::same_as_registered(&ours, &registered) {
            return Ok(Registration::Unchanged(commands.len()));
        }
        let call = Call::register_commands(application, guild);
        rest.send(http, &call, Some(&ours)).await?;
        Ok(Registration::Replaced(commands.len()))
    }
}

impl Plugin {
    /// Lets `user` ask at `now`, or refuses with the notice saying how long to wait.
    pub(super) fn try_ask(&self, user: u64, now: Instant, locale: Locale) -> Result<(), String> {
        self.shared.cooldown.try_ask(user, now).map_err(|wait| {
            self.shared.metrics.cooldown_refused();
            text::cooldown(locale, whole_seconds(wait))
        })
    }

    /// Lets `user` ask for a listing at `now` (listings have a cooldown of their own), or
    /// refuses with the notice saying how long to wait.
    pub(super) fn try_list(&self, user: u64, now: Instant, locale: Locale) -> Result<(), String> {
        self.shared.listings.try_ask(user, now).map_err(|wait| {
            self.shared.metrics.cooldown_refused();
            text::cooldown(locale, whole_seconds(wait))
        })
    }

    /// Whether a refusal may be said to `user` at `now`: once per cooldown, so that a burst of
    /// refused questions gets one notice, not one each.
    pub(super) fn may_notify(&self, user: u64, now: Instant) -> bool {
        self.shared.notices.try_ask(user, now).is_ok()
    }

    /// Whether the bot may post publicly in `channel` at `now` (see `limits`); when it may, the
    /// post is counted, and when not, the reason is logged.
    pub(super) fn may_post(&self, channel: u64, now: Instant) -> bool {
        match self.shared.posting.may_post(channel, now) {
            Ok(()) => true,
            Err(held) => {
                info!(channel, why = held.reason(), "not posting publicly");
                false
            }
        }
    }

    /// True the first time Discord delivers the interaction or message `id`.
    pub(super) fn first_delivery(&self, id: u64) -> bool {
        let first = self.shared.deliveries.first(id);
        if !first {
            info!(id, "delivered again; answered already");
        }
        first
    }

    /// Counts an answered question that found `results` passages, `latency` after it arrived.
    pub(super) fn count_answer(&self, results: usize, latency: Duration) {
        let outcome = if results > 0 {
            Answered::WithQuotes
        } else {
            Answered::Abstained
        };
        self.shared.metrics.answered(outcome, latency);
    }
}

/// The answer when answering panicked: a short apology for the user, the detail in the log.
pub(super) fn failed(error: tokio::task::JoinError, locale: Locale) -> Replied {
    tracing::error!(%error, "answering failed");
    Replied {
        outcome: Outcome::Notice(text::something_went_wrong(locale).to_owned()),
        results: 0,
        quoted: Vec::new(),
    }
}
