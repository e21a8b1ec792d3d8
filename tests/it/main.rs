//! verbatim on Discord, end to end, as one test binary (one link instead of one per file): the
//! real serenity client running verbatim's own bot against a fake Discord on 127.0.0.1
//! (`tests/support`). Each test starts its own fake and bot; timeouts only guard against
//! hanging.
//!
//! - `config`: `verbatim config`, blank and wrong variables;
//! - `e2e`: one test per behaviour of the commands, messages and the mountable plugin;
//! - `endpoint`: the HTTP interactions endpoint, its signature checks and its answers;
//! - `feedback`: the vote buttons, the question log and `verbatim report`;
//! - `forum`: new posts in forum channels, answered in their thread;
//! - `faults`: the gateway closing, dropping and invalidating, and REST answering 500 and 429;
//! - `reload`: `/reload` with good and broken packs, and questions asked meanwhile;
//! - `process`: `verbatim run` itself, signalled (SIGHUP, SIGTERM, SIGINT), its logs and errors;
//! - `safety`: a public bot: operator-only reload, quiet refusals, each question answered
//!   once, Discord's deadlines;
//! - `terminal`: `ask --limit` bounded, pack strings harmless in a terminal;
//! - `load`: a burst of 1,000 interactions from 200 users, its latency printed.

#[path = "../support/mod.rs"]
mod support;

mod config;
mod e2e;
mod endpoint;
mod faults;
mod feedback;
mod forum;
mod load;
mod process;
mod reload;
mod safety;
mod terminal;
