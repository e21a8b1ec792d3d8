//! The fake gateway: HELLO, then IDENTIFY → READY, RESUME → the missed events and RESUMED (or
//! an invalid session, when the session is gone), HEARTBEAT → ACK, and whatever the test
//! dispatches.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Frame;

use super::{payloads, shard_of, Rejecting, State, APPLICATION_ID, GUILD_ID, TOKEN};

/// Gateway opcodes, as Discord numbers them.
mod opcode {
    /// An event (`t`, `s`, `d`), from Discord.
    pub const DISPATCH: u64 = 0;
    /// "Are you there?", both ways.
    pub const HEARTBEAT: u64 = 1;
    /// A new session, from the bot.
    pub const IDENTIFY: u64 = 2;
    /// Picking up a dropped session, from the bot.
    pub const RESUME: u64 = 6;
    /// The session is gone (or, with `d: true`, may be resumed), from Discord.
    pub const INVALID_SESSION: u64 = 9;
    /// The first frame of a connection, from Discord.
    pub const HELLO: u64 = 10;
    /// The answer to a heartbeat, from Discord.
    pub const HEARTBEAT_ACK: u64 = 11;
}

/// Discord's close code for a token it does not accept.
const AUTHENTICATION_FAILED: u16 = 4004;

/// What a test asks the live connection to do.
pub(super) enum Outgoing {
    Frame(String),
    /// Drop the connection without a close frame, like a network failure.
    Drop,
    /// Close the connection with this close code.
    Close(u16),
}

pub(super) async fn serve(listener: TcpListener, state: Arc<State>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(connection(stream, state.clone()));
    }
}

/// An invalid session frame; `resumable` says whether a RESUME may pick the session up.
pub(super) fn invalid_session(resumable: bool) -> String {
    frame(opcode::INVALID_SESSION, json!(resumable))
}

/// A frame that is not a dispatch.
fn frame(op: u64, data: Value) -> String {
    json!({ "op": op, "s": null, "t": null, "d": data }).to_string()
}

/// One gateway shard's session, as the fake keeps it.
#[derive(Default)]
pub(super) struct Shard {
    /// The live connection, while the session has one.
    pub(super) connection: Option<mpsc::UnboundedSender<Outgoing>>,
    session_id: String,
    /// The sequence number of this session's last dispatch.
    sequence: u64,
    /// This session's dispatches, by sequence number, for replaying on RESUME.
    dispatched: Vec<(u64, String)>,
    /// False after an invalid session: a RESUME is then answered with another one.
    pub(super) resumable: bool,
}

impl Shard {
    /// Sends a dispatch on the live connection, or keeps it for the RESUME, as Discord does.
    pub(super) fn dispatch(&mut self, event: &str, data: Value) {
        let frame = self.frame(event, data);
        if let Some(connection) = &self.connection {
            // A connection closing meanwhile loses the frame; the RESUME replays it.
            let _ = connection.send(Outgoing::Frame(frame));
        }
    }

    /// The next dispatch frame of this session, after checking that serenity reads it as
    /// `event`.
    fn frame(&mut self, event: &str, data: Value) -> String {
        self.sequence += 1;
        let frame = json!({ "op": opcode::DISPATCH, "t": event, "s": self.sequence, "d": data });
        assert_serenity_parses(event, &frame);
        let frame = frame.to_string();
        self.dispatched.push((self.sequence, frame.clone()));
        frame
    }

    /// A new session: READY, for the `session`-th IDENTIFY of shard `id` of `total`.
    fn start(&mut self, id: u32, total: u32, session: u64, gateway_url: &str) -> String {
        *self = Shard {
            session_id: format!("fake-session-{session}"),
            resumable: true,
            ..Shard::default()
        };
        let guild = if shard_of(GUILD_ID, total) == id {
            vec![json!({ "id": GUILD_ID.to_string(), "unavailable": true })]
        } else {
            Vec::new()
        };
        let ready = json!({
            "v": 10,
            "user": payloads::user(payloads::VERBATIM),
            "guilds": guild,
            "session_id": self.session_id,
            "resume_gateway_url": gateway_url,
            "shard": [id, total],
            "application": { "id": APPLICATION_ID.to_string(), "flags": 0 },
            "private_channels": [],
        });
        self.frame("READY", ready)
    }

    /// A resumed session: the events dispatched after sequence number `seen`, then RESUMED.
    fn resume(&mut self, seen: u64) -> Vec<String> {
        let mut replies: Vec<String> = self
            .dispatched
            .iter()
            .filter(|(sequence, _)| *sequence > seen)
            .map(|(_, frame)| frame.clone())
            .collect();
        replies.push(self.frame("RESUMED", json!({})));
        replies
    }
}

/// One gateway connection, until either side ends it.
async fn connection(stream: TcpStream, state: Arc<State>) {
    let Ok(socket) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut sink, mut incoming) = socket.split();
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    let hello = frame(opcode::HELLO, json!({ "heartbeat_interval": 41250 }));
    if sink.send(Frame::Text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = incoming.next() => {
                let Some(Ok(frame)) = frame else { return };
                let text = match frame {
                    Frame::Text(text) => text,
                    Frame::Close(close) => {
                        // tokio-tungstenite answers the close frame itself.
                        let code = close.map(|c| u16::from(c.code));
                        state.closes.send_modify(|codes| codes.push(code));
                        continue;
                    }
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                let (shard, replies) = match payload["op"].as_u64() {
                    Some(opcode::HEARTBEAT) => {
                        (None, vec![self::frame(opcode::HEARTBEAT_ACK, Value::Null)])
                    }
                    Some(opcode::IDENTIFY) => {
                        let session = state.identifies.fetch_add(1, Ordering::SeqCst) + 1;
                        let token = payload["d"]["token"].as_str().unwrap_or_default();
                        if state.rejecting != Rejecting::Nothing || token.trim_start_matches("Bot ") != TOKEN {
                            let close = CloseFrame {
                                code: CloseCode::Library(AUTHENTICATION_FAILED),
                                reason: "Authentication failed.".into(),
                            };
                            let _ = sink.send(Frame::Close(Some(close))).await;
                            return;
                        }
                        let id = payload["d"]["shard"][0].as_u64().unwrap_or(0) as u32;
                        let total = payload["d"]["shard"][1].as_u64().unwrap_or(1) as u32;
                        state.shard_count.store(total, Ordering::SeqCst);
                        let mut shards = state.shards.lock().unwrap();
                        let ready = shards.entry(id).or_default().start(id, total, session, &state.gateway_url);
                        (Some(id), vec![ready])
                    }
                    Some(opcode::RESUME) => {
                        state.resumes.fetch_add(1, Ordering::SeqCst);
                        let session = payload["d"]["session_id"].as_str().unwrap_or_default();
                        let seen = payload["d"]["seq"].as_u64().unwrap_or(0);
                        let mut shards = state.shards.lock().unwrap();
                        let resumed = shards
                            .iter_mut()
                            .find(|(_, shard)| shard.resumable && shard.session_id == session)
                            .map(|(id, shard)| (*id, shard.resume(seen)));
                        match resumed {
                            Some((id, replies)) => (Some(id), replies),
                            None => (None, vec![invalid_session(false)]),
                        }
                    }
                    _ => (None, Vec::new()),
                };
                for reply in replies {
                    if sink.send(Frame::Text(reply)).await.is_err() {
                        return;
                    }
                }
                if let Some(shard) = shard {
                    state.connected(shard, sender.clone());
                }
            }
            command = outgoing.recv() => match command {
                Some(Outgoing::Frame(text)) => {
                    if sink.send(Frame::Text(text)).await.is_err() {
                        return;
                    }
                }
                Some(Outgoing::Close(code)) => {
                    let close = CloseFrame { code: CloseCode::from(code), reason: "".into() };
                    let _ = sink.send(Frame::Close(Some(close))).await;
                    return;
                }
                Some(Outgoing::Drop) | None => return,
            },
        }
    }
}

/// Checks that serenity parses a dispatch frame as the event it claims to be.
fn assert_serenity_parses(event: &str, frame: &Value) {
    let parsed: GatewayEvent = match serde_json::from_value(frame.clone()) {
        Ok(parsed) => parsed,
        Err(error) => panic!("serenity cannot parse this {event}: {error}\n{frame:#}"),
    };
    let known = match parsed {
        GatewayEvent::Dispatch(_, Event::InteractionCreate(_)) => event == "INTERACTION_CREATE",
        GatewayEvent::Dispatch(_, Event::MessageCreate(_)) => event == "MESSAGE_CREATE",
        GatewayEvent::Dispatch(_, Event::Ready(_)) => event == "READY",
        GatewayEvent::Dispatch(_, Event::Resumed(_)) => event == "RESUMED",
        GatewayEvent::Dispatch(_, Event::ThreadCreate(_)) => event == "THREAD_CREATE",
        GatewayEvent::Dispatch(_, Event::MessageUpdate(_)) => event == "MESSAGE_UPDATE",
        GatewayEvent::Dispatch(_, Event::GuildCreate(_)) => event == "GUILD_CREATE",
        _ => false,
    };
    if !known {
        // Say why: serenity reads an event it cannot parse as an unknown one.
        let data = frame["d"].clone();
        let error = match event {
            "MESSAGE_CREATE" => {
                serde_json::from_value::<serenity::model::channel::Message>(data).err()
            }
            "INTERACTION_CREATE" => {
                serde_json::from_value::<serenity::model::application::Interaction>(data).err()
            }
            "THREAD_CREATE" => {
                serde_json::from_value::<serenity::model::channel::GuildChannel>(data).err()
            }
            "MESSAGE_UPDATE" => {
                serde_json::from_value::<serenity::model::event::MessageUpdateEvent>(data).err()
            }
            "GUILD_CREATE" => serde_json::from_value::<serenity::model::guild::Guild>(data).err(),
            _ => None,
        };
        panic!("serenity does not read this as a {event} ({error:?}):\n{frame:#}");
    }
}
