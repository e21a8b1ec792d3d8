//! Interactions: slash commands, the "Ask the forum" message command, autocomplete, and the
//! "More" button. Each is read into a request, answered by `reply`, and sent by the one sender.

use std::time::Instant;

use serenity::model::application::{
    CommandDataOptionValue, CommandInteraction, CommandType, ComponentInteraction,
    MessageInteractionMetadata, ResolvedTarget,
};
use serenity::model::channel::{Message, MessageFlags};
use serenity::model::id::UserId;
use tracing::{debug, info, warn};

use super::commands;
use super::pages::Page;
use super::plugin::{failed, Plugin};
use super::reload;
use super::render::{self, Outcome};
use super::reply::{self, Request};
use super::rest::{Call, SendError};
use super::transport::Responder;
use crate::answer::limits;
use crate::strings::{text, Locale};

impl Plugin {
    pub(super) async fn on_command(&self, to: &Responder, command: &CommandInteraction) {
        let started = Instant::now();
        let locale = Locale::from_code(&command.locale);
        let name = command.data.name.as_str();
        if name == commands::RELOAD {
            return self.on_reload(to, command, started, locale).await;
        }
        let request = match self.admit(command, locale, started) {
            Ok(request) => request,
            Err(notice) => {
                info!(command = name, "refused");
                let notice = Outcome::Notice(notice);
                return self
                    .send_command_response(to, command, &notice, locale, started)
                    .await;
            }
        };
        let question = match &request {
            Request::Question { text, .. } => {
                debug!(command = name, question = %text, "question");
                Some(text.clone())
            }
            _ => None,
        };
        let asked_private = matches!(request, Request::Question { private: true, .. });
        // A public answer counts against the channel's posting cap; beyond it, the asker still
        // gets the answer, privately.
        let private = asked_private || !self.may_post(command.channel_id.get(), started);
        let (engine, key) = (self.engine(), command.id.get());
        let votes = self.shared.settings.question_log.is_some();
        let mut answering =
            tokio::task::spawn_blocking(move || reply::reply(&engine, key, request, votes, locale));
        // Answer at once when the answer is quick; otherwise acknowledge within Discord's 3
        // seconds and fill the answer in when it is ready.
        let defer_after = self.shared.settings.defer_after;
        let quick = if defer_after.is_zero() {
            None
        } else {
            tokio::time::timeout(defer_after, &mut answering).await.ok()
        };
        let deferred = quick.is_none();
        let replied = match quick {
            Some(answered) => {
                let mut replied = answered.unwrap_or_else(|error| failed(error, locale));
                replied.outcome = replied.outcome.private_if(private);
                self.send_command_response(to, command, &replied.outcome, locale, started)
                    .await;
                replied
            }
            None => {
                let deferral = render::deferral(private);
                let respond = Call::respond(command.id, &command.token, started);
                match to.send(respond, &deferral).await {
                    Ok(()) => {}
                    // The deferral may have arrived though its answer did not: the edit, which
                    // works for 15 minutes once it has, is sent anyway.
                    Err(error @ SendError::GaveUp { .. }) => {
                        warn!(command = name, %error, "the deferral may not have arrived; answering by an edit anyway")
                    }
                    Err(error) => {
                        warn!(command = name, %error, "could not defer the response");
                        return;
                    }
                }
                let replied = answering
                    .await
                    .unwrap_or_else(|error| failed(error, locale));
                let edit = render::deferred_edit(&replied.outcome, locale);
                let call = Call::edit_original(command.application_id, &command.token, started);
                if let Err(error) = to.send(call, &edit).await {
                    warn!(command = name, %error, "could not send the deferred answer");
                }
                replied
            }
        };
        let latency = started.elapsed();
        let (results, latency_ms) = (replied.results, latency.as_millis() as u64);
        info!(command = name, results, deferred, latency_ms, "answered");
        if let Some(question) = question {
            self.count_answer(results, latency);
            let guild = command.guild_id.map(|guild| guild.get());
            let via = if name == commands::ASK_THE_FORUM {
                commands::ASK_THE_FORUM
            } else {
                commands::ASK
            };
            self.log_question(key, guild, via, question, replied, latency);
        }
    }

    /// What a command asks for, or the notice refusing it: an empty or too long question, or
    /// a user still cooling down. Questions and listings have a cooldown each.
    fn admit(
        &self,
        command: &CommandInteraction,
        locale: Locale,
        now: Instant,
    ) -> Result<Request, String> {
        let request = request_of(command);
        let user = command.user.id.get();
        match &request {
            Request::Question { text, .. } => {
                let max = self.shared.settings.max_question_chars;
                reply::check_question(text, max, locale)?;
                self.try_ask(user, now, locale)?;
            }
            Request::Topic(_) | Request::Speaker { .. } | Request::Forum => {
                self.try_list(user, now, locale)?;
            }
        }
        Ok(request)
    }

    /// `/reload`, for the operator's server only, and there for its managers and the
    /// configured operators: acknowledged at once and privately, since building an index can
    /// take longer than Discord's 3 seconds, then answered by an edit. Every request, accepted
    /// or refused, is logged with who asked where.
    async fn on_reload(
        &self,
        to: &Responder,
        command: &CommandInteraction,
        started: Instant,
        locale: Locale,
    ) {
        let settings = &self.shared.settings;
        let (user, guild) = (command.user.id.get(), command.guild_id.map(|g| g.get()));
        let in_operator_server = guild.is_some() && guild == settings.operator_guild;
        let operator = settings.operator_users.contains(&user);
        if !in_operator_server || !(operator || reload::may_manage_server(command)) {
            let why = if in_operator_server {
                "neither an operator nor a manager of the operator's server"
            } else {
                "not in the operator's server"
            };
            warn!(user, guild, why, "reload refused");
            let notice = if in_operator_server {
                text::admins_only(locale)
            } else {
                text::operator_only(locale)
            };
            let notice = Outcome::Notice(notice.to_owned());
            return self
                .send_command_response(to, command, &notice, locale, started)
                .await;
        }
        info!(user, guild, "reload requested");
        let respond = Call::respond(command.id, &command.token, started);
        if let Err(error) = to.send(respond, &render::deferral(true)).await {
            warn!(command = commands::RELOAD, %error, "could not defer the response");
        }
        let reloaded = self.reload().await;
        let dir = settings.knowledge_dir.as_deref();
        let notice = Outcome::Notice(reload::notice(&reloaded, dir, locale));
        let edit = render::deferred_edit(&notice, locale);
        let call = Call::edit_original(command.application_id, &command.token, started);
        if let Err(error) = to.send(call, &edit).await {
            warn!(command = commands::RELOAD, %error, "could not say how the reload went");
        }
    }

    async fn send_command_response(
        &self,
        to: &Responder,
        command: &CommandInteraction,
        outcome: &Outcome,
        locale: Locale,
        received: Instant,
    ) {
        let call = Call::respond(command.id, &command.token, received);
        let response = render::command_response(outcome, locale);
        if let Err(error) = to.send(call, &response).await {
            warn!(command = %command.data.name, %error, "could not respond");
        }
    }

    pub(super) async fn on_autocomplete(&self, to: &Responder, command: &CommandInteraction) {
        let received = Instant::now();
        let locale = Locale::from_code(&command.locale);
        let choices = match command.data.autocomplete() {
            Some(focused) => {
                // Discord caps what is typed in an option at 6,000 characters; a name is never
                // near that long, and matching is paid per character.
                let typed: String = focused.value.chars().take(limits::CHOICE_NAME).collect();
                reply::suggestions(&self.engine(), focused.name, &typed, locale)
            }
            None => Vec::new(),
        };
        let call = Call::respond(command.id, &command.token, received);
        if let Err(error) = to.send(call, &render::autocomplete(choices)).await {
            warn!(command = %command.data.name, %error, "could not send suggestions");
        }
    }

    /// "More": the next page replaces the answer it is on when the asker presses it (or when
    /// only the asker sees it); pressed by anyone else, the next page goes to the presser alone,
    /// and the answer stays as its asker left it for everyone else.
    pub(super) async fn on_more(&self, to: &Responder, component: &ComponentInteraction) {
        let started = Instant::now();
        let locale = Locale::from_code(&component.locale);
        let engine = self.engine();
        let page = Page::parse(&component.data.custom_id);
        let private = component
            .message
            .flags
            .is_some_and(|flags| flags.contains(MessageFlags::EPHEMERAL));
        let asker = asker_of(&component.message);
        let replaces = private || asker == Some(component.user.id);
        let shown = component.message.content.clone();
        let votes = self.shared.settings.question_log.is_some();
        let work = move || match page {
            Some(page) => reply::page(&engine, &page, &shown, private, votes, locale),
            None => (Outcome::Notice(text::page_expired(locale).to_owned()), 0),
        };
        let (outcome, results) = tokio::task::spawn_blocking(work)
            .await
            .unwrap_or_else(|error| {
                let failed = failed(error, locale);
                (failed.outcome, failed.results)
            });
        let call = Call::respond(component.id, &component.token, started);
        let response = if replaces {
            render::page_response(&outcome, locale)
        } else {
            render::command_response(&outcome.private_if(true), locale)
        };
        if let Err(error) = to.send(call, &response).await {
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
}

/// Who asked for the answer a button is on: the user of the command it answers, or the
/// author of the message it replies to.
fn asker_of(message: &Message) -> Option<UserId> {
    match message.interaction_metadata.as_deref() {
        Some(MessageInteractionMetadata::Command(command)) => Some(command.user.id),
        Some(MessageInteractionMetadata::Component(component)) => Some(component.user.id),
        _ => message
            .referenced_message
            .as_ref()
            .map(|question| question.author.id),
    }
}

/// What a command of verbatim's asks for, from its name and options. The message "Ask the
/// forum" is used on is asked without the mentions in it, which are not the question.
fn request_of(command: &CommandInteraction) -> Request {
    match (command.data.name.as_str(), command.data.kind) {
        (commands::ASK_THE_FORUM, CommandType::Message) => {
            let text = match command.data.target() {
                Some(ResolvedTarget::Message(message)) => reply::without_mentions(&message.content),
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
    }
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
