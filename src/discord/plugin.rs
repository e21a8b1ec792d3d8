//! [`Plugin`]: verbatim as a part of any serenity bot.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use serde::Serialize;
use serenity::builder::CreateCommand;
use serenity::client::Context;
use serenity::model::application::{
    CommandDataOptionValue, CommandInteraction, CommandType, ComponentInteraction, Interaction,
    ResolvedTarget,
};
use serenity::model::channel::{Message, MessageType};
use serenity::model::gateway::{GatewayIntents, Ready};
use serenity::model::id::UserId;
use serenity::model::mention::Mentionable;
use tracing::{debug, error, info, warn};

use super::commands;
use super::cooldown::{whole_seconds, Cooldown};
use super::pages::{Listing, Page, Questions, CUSTOM_ID_PREFIX};
use super::reload::{self, BuildError, Reloaded};
use super::render::{self, Outcome};
use super::rest::{self, Call, SendError};
use crate::answer::{
    answer_reply, by_speaker, clip, forum_reply, limits, page_reply, speaker_line, topic_name,
};
use crate::config::Config;
use crate::search::{Engine, Hit};
use crate::speakers::Target;
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
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            cooldown: Duration::from_secs(3),
            max_question_chars: 300,
            defer_after: Duration::from_millis(1500),
            knowledge_dir: None,
            index_dir: None,
        }
    }
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Settings {
        Settings {
            cooldown: config.cooldown,
            max_question_chars: config.max_question_chars,
            knowledge_dir: config.knowledge_dir.clone(),
            index_dir: config.index_dir.clone(),
            ..Settings::default()
        }
    }
}

/// How much the plugin remembers about past questions; both counts are capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    /// Questions kept so that their "More" buttons work.
    pub remembered_questions: usize,
    /// Users the cooldown remembers.
    pub cooling_users: usize,
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
/// use serenity::all::{Client, Command, Context, EventHandler, GatewayIntents, Interaction, Message, Ready};
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
    shared: Arc<Shared>,
}

struct Shared {
    /// The engine answering questions. Each question takes its own `Arc` of it, so the engine
    /// can be swapped (a knowledge reload) while questions are being answered.
    engine: RwLock<Arc<Engine>>,
    settings: Settings,
    cooldown: Cooldown,
    questions: Questions,
    /// The bot's own user, to recognise mentions of it and replies to it.
    bot_user: OnceLock<UserId>,
    /// A REST client of our own, used when serenity's rate limiter is off (see `rest`).
    rest: Option<reqwest::Client>,
    /// Held while a reload builds its engine, so that two reloads never build at once.
    reloading: tokio::sync::Mutex<()>,
}

/// Passages one question is answered with at most, over all its pages.
const ANSWER_HITS: usize = 15;
/// Passages on one page of an answer.
const ANSWER_PAGE: usize = 3;
/// Passages on one page of `/topic` and `/speaker`.
const LISTING_PAGE: usize = 5;

/// What a command asks for, read from its interaction.
#[derive(Debug)]
enum Request {
    /// `/ask` or the "Ask the forum" message command.
    Question { text: String, private: bool },
    /// `/topic`, with the topic as typed or chosen.
    Topic(String),
    /// `/speaker`, with the speaker and the optional topic as typed or chosen.
    Speaker {
        speaker: String,
        topic: Option<String>,
    },
    /// `/forum`.
    Forum,
}

/// How a message came to be addressed to the bot, for the logs.
#[derive(Debug, Clone, Copy)]
enum Addressed {
    DirectMessage,
    ReplyToBot,
    Mention,
}

impl Addressed {
    fn command(self) -> &'static str {
        match self {
            Addressed::DirectMessage => "dm",
            Addressed::ReplyToBot => "reply",
            Addressed::Mention => "mention",
        }
    }
}

impl Plugin {
    /// The gateway intents the plugin needs: messages in servers and in DMs. Neither is
    /// privileged; without the message-content intent Discord still sends the text of the
    /// messages that mention the bot and of DMs, which are the ones verbatim answers.
    pub const INTENTS: GatewayIntents =
        GatewayIntents::GUILD_MESSAGES.union(GatewayIntents::DIRECT_MESSAGES);

    pub fn new(engine: Arc<Engine>, settings: Settings) -> Plugin {
        let shared = Shared {
            engine: RwLock::new(engine),
            cooldown: Cooldown::new(settings.cooldown),
            settings,
            questions: Questions::new(),
            bot_user: OnceLock::new(),
            rest: reqwest::Client::builder().build().ok(),
            reloading: tokio::sync::Mutex::new(()),
        };
        Plugin {
            shared: Arc::new(shared),
        }
    }

    /// The engine questions are answered with now.
    pub fn engine(&self) -> Arc<Engine> {
        // The lock only guards swapping an `Arc`; a panic cannot leave it half-written.
        self.shared
            .engine
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Answers every question from now on with `engine`; questions being answered finish
    /// with the engine they started with.
    pub fn replace_engine(&self, engine: Arc<Engine>) {
        *self
            .shared
            .engine
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = engine;
    }

    /// Reloads the knowledge from [`Settings::knowledge_dir`] and, when it has no problems,
    /// answers from it from now on; questions being answered finish with the engine they
    /// started with. Packs with problems are refused, and the current knowledge keeps
    /// answering. One reload builds at a time. The outcome is logged, every problem included.
    pub async fn reload(&self) -> Reloaded {
        let Some(dir) = self.shared.settings.knowledge_dir.clone() else {
            info!("nothing to reload: the embedded knowledge pack cannot change");
            return Reloaded::Embedded;
        };
        let _one_at_a_time = self.shared.reloading.lock().await;
        let index_dir = self.shared.settings.index_dir.clone();
        let built = tokio::task::spawn_blocking(move || {
            reload::build_engine(Some(&dir), index_dir.as_deref())
        })
        .await;
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
        match &reloaded {
            Reloaded::Replaced { passages } => {
                info!(passages, "reloaded the knowledge; answering from it")
            }
            Reloaded::Embedded => {}
            Reloaded::Refused(problems) => {
                for problem in problems {
                    warn!(%problem, "knowledge problem");
                }
                warn!(
                    problems = problems.len(),
                    "reload refused; still serving the previous knowledge"
                );
            }
            Reloaded::Failed(error) => {
                error!(%error, "reload failed; still serving the previous knowledge")
            }
        }
        reloaded
    }

    /// How much the plugin remembers now.
    pub fn footprint(&self) -> Footprint {
        Footprint {
            remembered_questions: self.shared.questions.len(),
            cooling_users: self.shared.cooldown.len(),
        }
    }

    /// The slash commands and the message command, to register with Discord together with
    /// the host bot's own (registering replaces all of a bot's commands at once).
    pub fn commands(&self) -> Vec<CreateCommand> {
        commands::definitions(self.shared.settings.max_question_chars)
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
        match interaction {
            Interaction::Command(command) if commands::is_ours(&command.data.name) => {
                self.on_command(ctx, &command).await;
                None
            }
            Interaction::Autocomplete(command) if commands::is_ours(&command.data.name) => {
                self.on_autocomplete(ctx, &command).await;
                None
            }
            Interaction::Component(component)
                if component.data.custom_id.starts_with(CUSTOM_ID_PREFIX) =>
            {
                self.on_more(ctx, &component).await;
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
        let Some(addressed) = self.addressed(ctx, &message).await else {
            return Some(message);
        };
        let question = self.question_in(&message);
        // Without the message-content intent, a reply that does not ping the bot arrives with
        // no text; it may not even be a question, so it is not answered with a notice.
        if question.is_empty() && matches!(addressed, Addressed::ReplyToBot) {
            return Some(message);
        }
        self.on_message(ctx, &message, question, addressed).await;
        None
    }

    async fn on_command(&self, ctx: &Context, command: &CommandInteraction) {
        let started = Instant::now();
        let locale = Locale::from_code(&command.locale);
        let name = command.data.name.as_str();
        if name == commands::RELOAD {
            return self.on_reload(ctx, command, started, locale).await;
        }
        let request = match self.admit(command, locale, started) {
            Ok(request) => request,
            Err(notice) => {
                info!(command = name, "refused");
                let notice = Outcome::Notice(notice);
                return self
                    .send_command_response(ctx, command, &notice, locale, started)
                    .await;
            }
        };
        if let Request::Question { text, .. } = &request {
            debug!(command = name, question = %text, "question");
        }
        let private = matches!(request, Request::Question { private: true, .. });
        let (plugin, engine, key) = (self.clone(), self.engine(), command.id.get());
        let mut answering =
            tokio::task::spawn_blocking(move || plugin.answer(&engine, key, request, locale));
        // Answer at once when the answer is quick; otherwise acknowledge within Discord's 3
        // seconds and fill the answer in when it is ready.
        let defer_after = self.shared.settings.defer_after;
        let quick = if defer_after.is_zero() {
            None
        } else {
            tokio::time::timeout(defer_after, &mut answering).await.ok()
        };
        let deferred = quick.is_none();
        let results = match quick {
            Some(answered) => {
                let (outcome, results) = answered.unwrap_or_else(|error| failed(error, locale));
                self.send_command_response(ctx, command, &outcome, locale, started)
                    .await;
                results
            }
            None => {
                let deferral = render::deferral(private);
                let respond = Call::respond(command.id, &command.token, started);
                if let Err(error) = self.send(ctx, respond, &deferral).await {
                    warn!(command = name, %error, "could not defer the response");
                    return;
                }
                let (outcome, results) = answering
                    .await
                    .unwrap_or_else(|error| failed(error, locale));
                let edit = render::deferred_edit(&outcome, locale);
                let call = Call::edit_original(command.application_id, &command.token);
                if let Err(error) = self.send(ctx, call, &edit).await {
                    warn!(command = name, %error, "could not send the deferred answer");
                }
                results
            }
        };
        let latency_ms = started.elapsed().as_millis() as u64;
        info!(command = name, results, deferred, latency_ms, "answered");
    }

    /// What a command asks for, or the notice refusing it: an empty or too long question, or
    /// a user still cooling down.
    fn admit(
        &self,
        command: &CommandInteraction,
        locale: Locale,
        now: Instant,
    ) -> Result<Request, String> {
        let request = match (command.data.name.as_str(), command.data.kind) {
            (commands::ASK_THE_FORUM, CommandType::Message) => {
                let text = match command.data.target() {
                    Some(ResolvedTarget::Message(message)) => message.content.clone(),
                    _ => String::new(),
                };
                Request::Question {
                    text,
                    private: false,
                }
            }
            (commands::ASK, _) => Request::Question {
                text: string_option(command, commands::QUESTION).unwrap_or_default(),
                private: bool_option(command, commands::PRIVATE),
            },
            (commands::TOPIC, _) => {
                Request::Topic(string_option(command, commands::TOPIC_OPTION).unwrap_or_default())
            }
            (commands::SPEAKER, _) => Request::Speaker {
                speaker: string_option(command, commands::SPEAKER_OPTION).unwrap_or_default(),
                topic: string_option(command, commands::TOPIC_OPTION),
            },
            _ => Request::Forum,
        };
        if let Request::Question { text, .. } = &request {
            self.check_question(text, locale)?;
        }
        self.shared
            .cooldown
            .try_ask(command.user.id.get(), now)
            .map_err(|wait| text::cooldown(locale, whole_seconds(wait)))?;
        Ok(request)
    }

    /// The answer to a request, and how many passages it found. `key` identifies the request
    /// (its interaction or message id), for the "More" button of a question.
    fn answer(
        &self,
        engine: &Engine,
        key: u64,
        request: Request,
        locale: Locale,
    ) -> (Outcome, usize) {
        match request {
            Request::Question { text, private } => {
                self.answer_question(engine, key, &text, private, locale)
            }
            Request::Topic(typed) => self.topic_listing(engine, &typed, locale),
            Request::Speaker { speaker, topic } => {
                self.speaker_listing(engine, &speaker, topic.as_deref(), locale)
            }
            Request::Forum => {
                let reply = forum_reply(engine.knowledge(), locale);
                let count = reply.cards.len();
                (
                    Outcome::Answer {
                        reply,
                        more: None,
                        private: false,
                    },
                    count,
                )
            }
        }
    }

    /// `/reload`, for server managers only: acknowledged at once and privately, since
    /// building an index can take longer than Discord's 3 seconds, then answered by an edit.
    async fn on_reload(
        &self,
        ctx: &Context,
        command: &CommandInteraction,
        started: Instant,
        locale: Locale,
    ) {
        if !reload::may_manage_server(command) {
            info!(command = commands::RELOAD, "refused: not a server manager");
            let notice = Outcome::Notice(text::admins_only(locale).to_owned());
            return self
                .send_command_response(ctx, command, &notice, locale, started)
                .await;
        }
        let respond = Call::respond(command.id, &command.token, started);
        if let Err(error) = self.send(ctx, respond, &render::deferral(true)).await {
            warn!(command = commands::RELOAD, %error, "could not defer the response");
            return;
        }
        let reloaded = self.reload().await;
        let dir = self.shared.settings.knowledge_dir.as_deref();
        let notice = Outcome::Notice(reload::notice(&reloaded, dir, locale));
        let edit = render::deferred_edit(&notice, locale);
        let call = Call::edit_original(command.application_id, &command.token);
        if let Err(error) = self.send(ctx, call, &edit).await {
            warn!(command = commands::RELOAD, %error, "could not say how the reload went");
        }
    }

    /// Sends one REST call (see `rest`): every reply verbatim makes goes out here.
    async fn send(
        &self,
        ctx: &Context,
        call: Call<'_>,
        body: &impl Serialize,
    ) -> Result<(), SendError> {
        rest::send(&ctx.http, self.shared.rest.as_ref(), call, body).await
    }

    async fn send_command_response(
        &self,
        ctx: &Context,
        command: &CommandInteraction,
        outcome: &Outcome,
        locale: Locale,
        received: Instant,
    ) {
        let call = Call::respond(command.id, &command.token, received);
        let response = render::command_response(outcome, locale);
        if let Err(error) = self.send(ctx, call, &response).await {
            warn!(command = %command.data.name, %error, "could not respond");
        }
    }

    async fn on_autocomplete(&self, ctx: &Context, command: &CommandInteraction) {
        let received = Instant::now();
        let locale = Locale::from_code(&command.locale);
        let choices = match command.data.autocomplete() {
            Some(focused) => suggestions(&self.engine(), focused.name, focused.value, locale),
            None => Vec::new(),
        };
        let call = Call::respond(command.id, &command.token, received);
        if let Err(error) = self.send(ctx, call, &render::autocomplete(choices)).await {
            warn!(command = %command.data.name, %error, "could not send suggestions");
        }
    }

    async fn on_more(&self, ctx: &Context, component: &ComponentInteraction) {
        let started = Instant::now();
        let locale = Locale::from_code(&component.locale);
        let engine = self.engine();
        let plugin = self.clone();
        let page = Page::parse(&component.data.custom_id);
        let private = component
            .message
            .flags
            .is_some_and(|flags| flags.contains(serenity::model::channel::MessageFlags::EPHEMERAL));
        let work = move || match page {
            Some(page) => plugin.page(&engine, &page, private, locale),
            None => (Outcome::Notice(text::page_expired(locale).to_owned()), 0),
        };
        let (outcome, results) = tokio::task::spawn_blocking(work)
            .await
            .unwrap_or_else(|error| failed(error, locale));
        let call = Call::respond(component.id, &component.token, started);
        let response = render::page_response(&outcome, locale);
        if let Err(error) = self.send(ctx, call, &response).await {
            warn!(%error, "could not page");
            return;
        }
        info!(
            command = "more",
            results,
            latency_ms = started.elapsed().as_millis() as u64,
            "answered"
        );
    }

    async fn on_message(
        &self,
        ctx: &Context,
        message: &Message,
        question: String,
        addressed: Addressed,
    ) {
        let started = Instant::now();
        let command = addressed.command();
        let locale = Locale::of_question(&question);
        let admitted = self.check_question(&question, locale).and_then(|()| {
            let cooldown = &self.shared.cooldown;
            cooldown
                .try_ask(message.author.id.get(), started)
                .map_err(|wait| text::cooldown(locale, whole_seconds(wait)))
        });
        let (outcome, results) = match admitted {
            Err(notice) => {
                info!(command, "refused");
                (Outcome::Notice(notice), None)
            }
            Ok(()) => {
                debug!(command, question = %question, "question");
                let (engine, plugin, key) = (self.engine(), self.clone(), message.id.get());
                let work = move || plugin.answer_question(&engine, key, &question, false, locale);
                let (outcome, results) = tokio::task::spawn_blocking(work)
                    .await
                    .unwrap_or_else(|error| failed(error, locale));
                (outcome, Some(results))
            }
        };
        let call = Call::post_message(message.channel_id);
        let reply = render::message_reply(&outcome, message, locale);
        if let Err(error) = self.send(ctx, call, &reply).await {
            warn!(command, %error, "could not reply");
            return;
        }
        if let Some(results) = results {
            info!(
                command,
                results,
                latency_ms = started.elapsed().as_millis() as u64,
                "answered"
            );
        }
    }

    /// Whether, and how, a message is addressed to the bot.
    async fn addressed(&self, ctx: &Context, message: &Message) -> Option<Addressed> {
        if message.author.bot
            || !matches!(
                message.kind,
                MessageType::Regular | MessageType::InlineReply
            )
        {
            return None;
        }
        if message.guild_id.is_none() {
            return Some(Addressed::DirectMessage);
        }
        let bot = self.bot_user(ctx).await?;
        if message
            .referenced_message
            .as_ref()
            .is_some_and(|replied| replied.author.id == bot)
        {
            return Some(Addressed::ReplyToBot);
        }
        message
            .mentions
            .iter()
            .any(|user| user.id == bot)
            .then_some(Addressed::Mention)
    }

    async fn bot_user(&self, ctx: &Context) -> Option<UserId> {
        if let Some(id) = self.shared.bot_user.get() {
            return Some(*id);
        }
        match ctx.http.get_current_user().await {
            Ok(user) => Some(*self.shared.bot_user.get_or_init(|| user.id)),
            Err(error) => {
                warn!(%error, "could not learn the bot's own user");
                None
            }
        }
    }

    /// The question in a message: its text without the mentions of the bot.
    fn question_in(&self, message: &Message) -> String {
        let mut question = message.content.clone();
        if let Some(bot) = self.shared.bot_user.get() {
            for mention in [bot.mention().to_string(), format!("<@!{bot}>")] {
                question = question.replace(&mention, " ");
            }
        }
        question.trim().to_owned()
    }

    fn check_question(&self, question: &str, locale: Locale) -> Result<(), String> {
        let max = self.shared.settings.max_question_chars;
        if question.trim().is_empty() {
            Err(text::empty_question(locale).to_owned())
        } else if question.chars().count() > max {
            Err(text::question_too_long(locale, max))
        } else {
            Ok(())
        }
    }

    /// The first page of a question's answer, remembering the question for its "More" button.
    fn answer_question(
        &self,
        engine: &Engine,
        key: u64,
        question: &str,
        private: bool,
        locale: Locale,
    ) -> (Outcome, usize) {
        let answer = engine.ask(question, ANSWER_HITS);
        if answer.hits.is_empty() {
            let reply = answer_reply(&answer, engine.knowledge(), locale);
            return (
                Outcome::Answer {
                    reply,
                    more: None,
                    private,
                },
                0,
            );
        }
        if answer.hits.len() > ANSWER_PAGE {
            self.shared.questions.remember(key, question);
        }
        let listing = Listing::Question(key);
        let outcome = paged(
            &answer.hits,
            listing,
            0,
            ANSWER_PAGE,
            engine,
            private,
            locale,
        );
        (outcome, answer.hits.len())
    }

    fn topic_listing(&self, engine: &Engine, typed: &str, locale: Locale) -> (Outcome, usize) {
        let Some(topic) = resolve(
            engine,
            typed,
            |t| matches!(t, Target::Topic(_)),
            |k, id| k.topic(id).is_some(),
        ) else {
            return (
                Outcome::Notice(text::unknown_topic(locale, &clip(typed, 100))),
                0,
            );
        };
        let hits = by_speaker(engine.passages_on(&topic), engine.knowledge());
        let outcome = paged(
            &hits,
            Listing::Topic(topic),
            0,
            LISTING_PAGE,
            engine,
            false,
            locale,
        );
        (outcome, hits.len())
    }

    fn speaker_listing(
        &self,
        engine: &Engine,
        typed: &str,
        topic: Option<&str>,
        locale: Locale,
    ) -> (Outcome, usize) {
        let Some(name) = resolve(
            engine,
            typed,
            |t| matches!(t, Target::Speaker(_)),
            |k, name| k.speaker(name).is_some(),
        ) else {
            return (
                Outcome::Notice(text::unknown_speaker(locale, &clip(typed, 100))),
                0,
            );
        };
        let topic = match topic.filter(|t| !t.trim().is_empty()) {
            None => None,
            Some(typed) => match resolve(
                engine,
                typed,
                |t| matches!(t, Target::Topic(_)),
                |k, id| k.topic(id).is_some(),
            ) {
                Some(topic) => Some(topic),
                None => {
                    return (
                        Outcome::Notice(text::unknown_topic(locale, &clip(typed, 100))),
                        0,
                    )
                }
            },
        };
        let hits = engine.passages_of(Some(&name), topic.as_deref());
        let outcome = paged(
            &hits,
            Listing::Speaker { name, topic },
            0,
            LISTING_PAGE,
            engine,
            false,
            locale,
        );
        (outcome, hits.len())
    }

    /// A later page of a listing, for its "More" button.
    fn page(
        &self,
        engine: &Engine,
        page: &Page,
        private: bool,
        locale: Locale,
    ) -> (Outcome, usize) {
        let (hits, page_size) = match &page.listing {
            Listing::Question(key) => match self.shared.questions.recall(*key) {
                Some(question) => (engine.ask(&question, ANSWER_HITS).hits, ANSWER_PAGE),
                None => return (Outcome::Notice(text::page_expired(locale).to_owned()), 0),
            },
            Listing::Topic(topic) => (
                by_speaker(engine.passages_on(topic), engine.knowledge()),
                LISTING_PAGE,
            ),
            Listing::Speaker { name, topic } => (
                engine.passages_of(Some(name), topic.as_deref()),
                LISTING_PAGE,
            ),
        };
        let outcome = paged(
            &hits,
            page.listing.clone(),
            page.offset,
            page_size,
            engine,
            private,
            locale,
        );
        let shown = match &outcome {
            Outcome::Answer { reply, .. } => reply.cards.len(),
            Outcome::Notice(_) => 0,
        };
        (outcome, shown)
    }
}

/// The page of `hits` at `offset`, with a "More" button when there is a next one.
fn paged(
    hits: &[Hit],
    listing: Listing,
    offset: usize,
    page_size: usize,
    engine: &Engine,
    private: bool,
    locale: Locale,
) -> Outcome {
    if hits.is_empty() {
        return Outcome::Notice(text::nothing_on_topic(locale).to_owned());
    }
    match page_reply(hits, offset, page_size, engine.knowledge(), locale) {
        Some((reply, next)) => {
            let more = next.and_then(|offset| Page { listing, offset }.custom_id());
            Outcome::Answer {
                reply,
                more,
                private,
            }
        }
        None => Outcome::Notice(text::no_more(locale).to_owned()),
    }
}

/// The speaker name or topic id `typed` names: itself when it is one (a chosen autocomplete
/// value), else the best alias match.
fn resolve(
    engine: &Engine,
    typed: &str,
    want: fn(&Target) -> bool,
    exists: fn(&crate::knowledge::Knowledge, &str) -> bool,
) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if exists(engine.knowledge(), typed) {
        return Some(typed.to_owned());
    }
    engine
        .roster()
        .suggest(typed, want)
        .into_iter()
        .next()
        .map(|target| match target {
            Target::Speaker(name) => name,
            Target::Topic(id) => id,
        })
}

/// Autocomplete choices for the focused option: (shown name, value), at most 25, each within
/// Discord's 100 characters.
fn suggestions(
    engine: &Engine,
    option: &str,
    typed: &str,
    locale: Locale,
) -> Vec<(String, String)> {
    let knowledge = engine.knowledge();
    let targets = match option {
        commands::SPEAKER_OPTION => engine
            .roster()
            .suggest(typed, |t| matches!(t, Target::Speaker(_))),
        commands::TOPIC_OPTION => engine
            .roster()
            .suggest(typed, |t| matches!(t, Target::Topic(_))),
        _ => Vec::new(),
    };
    targets
        .into_iter()
        .filter_map(|target| match target {
            Target::Speaker(name) => knowledge
                .speaker(&name)
                .map(|s| (speaker_line(s, locale), name)),
            Target::Topic(id) => knowledge.topic(&id).map(|t| (topic_name(t, locale), id)),
        })
        .filter(|(_, value)| value.chars().count() <= limits::CHOICE_NAME)
        .map(|(name, value)| (clip(&name, limits::CHOICE_NAME), value))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .collect()
}

fn string_option(command: &CommandInteraction, name: &str) -> Option<String> {
    command
        .data
        .options
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            CommandDataOptionValue::String(value) => Some(value.clone()),
            _ => None,
        })
}

fn bool_option(command: &CommandInteraction, name: &str) -> bool {
    command
        .data
        .options
        .iter()
        .find(|o| o.name == name)
        .is_some_and(|o| matches!(o.value, CommandDataOptionValue::Boolean(true)))
}

/// The answer when answering panicked: a short apology for the user, the detail in the log.
fn failed(error: tokio::task::JoinError, locale: Locale) -> (Outcome, usize) {
    tracing::error!(%error, "answering failed");
    (
        Outcome::Notice(text::something_went_wrong(locale).to_owned()),
        0,
    )
}

/// The render path, by property: whatever is asked or typed, the JSON that serenity's builders
/// send to Discord fits Discord's limits and allows no mention. `tests/hostile.rs` checks the
/// core's plain replies; this checks what the adapter makes of them.
#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use serde_json::Value;

    use super::*;
    use crate::knowledge::{Knowledge, Problem};

    static ENGINE: LazyLock<Arc<Engine>> =
        LazyLock::new(|| Arc::new(Engine::new(Knowledge::embedded()).expect("indexes")));

    const LOCALES: [Locale; 3] = [
        Locale::English,
        Locale::TraditionalChinese,
        Locale::SimplifiedChinese,
    ];

    fn typed() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            3 => proptest::sample::select(&[
                "@everyone", "<@123456789012345678>", "<@&1>", "**", "```", "楊植麟", "价格战",
                "Yang", "agi", "price-war", "title:x AND (", "\u{202e}", "\u{200b}", "👨‍👩‍👧‍👦",
                "a:b", "verbatim:more:1:q:1",
            ][..]).prop_map(str::to_owned),
            2 => any::<String>(),
            1 => "[\\p{Han}]{1,20}",
            1 => "[a-z ]{90,120}",
        ];
        proptest::collection::vec(fragment, 0..6).prop_map(|parts| parts.concat())
    }

    fn chars(value: &Value) -> usize {
        value.as_str().map_or(0, |text| text.chars().count())
    }

    /// Checks one message body (a callback's `data`, an edit, a channel message).
    fn check_message(message: &Value) {
        assert!(chars(&message["content"]) <= limits::CONTENT, "{message}");
        let mentions = &message["allowed_mentions"];
        assert_eq!(mentions["parse"], serde_json::json!([]), "{message}");
        assert_ne!(mentions["replied_user"], serde_json::json!(true));
        let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
        assert!(embeds.len() <= limits::EMBEDS_PER_MESSAGE);
        let mut total = 0;
        for embed in &embeds {
            let parts = [
                (&embed["title"], limits::EMBED_TITLE),
                (&embed["description"], limits::EMBED_DESCRIPTION),
                (&embed["author"]["name"], limits::EMBED_AUTHOR),
                (&embed["footer"]["text"], limits::EMBED_FOOTER),
            ];
            for (text, max) in parts {
                assert!(chars(text) <= max, "{text} over {max}");
                total += chars(text);
            }
            let fields = embed["fields"].as_array().cloned().unwrap_or_default();
            assert!(fields.len() <= limits::EMBED_FIELDS);
            for field in &fields {
                assert!((1..=limits::FIELD_NAME).contains(&chars(&field["name"])));
                assert!((1..=limits::FIELD_VALUE).contains(&chars(&field["value"])));
                total += chars(&field["name"]) + chars(&field["value"]);
            }
        }
        assert!(total <= limits::EMBED_TOTAL, "{total} characters of embeds");
        for row in message["components"].as_array().into_iter().flatten() {
            for button in row["components"].as_array().into_iter().flatten() {
                assert!((1..=100).contains(&chars(&button["custom_id"])));
                assert!((1..=80).contains(&chars(&button["label"])));
            }
        }
    }

    fn check_outcome(outcome: &Outcome, locale: Locale) {
        let response = serde_json::to_value(render::command_response(outcome, locale)).unwrap();
        check_message(&response["data"]);
        let page = serde_json::to_value(render::page_response(outcome, locale)).unwrap();
        check_message(&page["data"]);
        check_message(&serde_json::to_value(render::deferred_edit(outcome, locale)).unwrap());
        let question = Message::default();
        let reply = render::message_reply(outcome, &question, locale);
        let reply = serde_json::to_value(reply).unwrap();
        check_message(&reply);
        assert!(chars(&reply["nonce"]) <= 25, "Discord's limit on a nonce");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn every_rendered_reply_fits_discord(typed in typed(), other in typed()) {
            let plugin = Plugin::new(ENGINE.clone(), Settings::default());
            let engine = plugin.engine();
            for locale in LOCALES {
                let requests = [
                    Request::Question { text: typed.clone(), private: false },
                    Request::Topic(typed.clone()),
                    Request::Speaker { speaker: typed.clone(), topic: Some(other.clone()) },
                ];
                for request in requests {
                    let (outcome, _) = plugin.answer(&engine, 1, request, locale);
                    check_outcome(&outcome, locale);
                }
                for option in [commands::SPEAKER_OPTION, commands::TOPIC_OPTION] {
                    let choices = suggestions(&engine, option, &typed, locale);
                    let response = serde_json::to_value(render::autocomplete(choices)).unwrap();
                    let choices = response["data"]["choices"].as_array().cloned().unwrap_or_default();
                    prop_assert!(choices.len() <= limits::AUTOCOMPLETE_CHOICES);
                    for choice in choices {
                        prop_assert!((1..=limits::CHOICE_NAME).contains(&chars(&choice["name"])));
                        prop_assert!((1..=100).contains(&chars(&choice["value"])));
                    }
                }
                // The reload notice, with problems holding whatever a broken pack can hold.
                let problems = vec![Problem { path: typed.clone().into(), line: 1, message: other.repeat(40) }; 30];
                let notice = reload::notice(&Reloaded::Refused(problems), None, locale);
                check_outcome(&Outcome::Notice(notice), locale);
            }
        }
    }
}
