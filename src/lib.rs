//! verbatim answers questions about a forum with verbatim, attributed quotes.
//!
//! The core is pure: [`knowledge`] (the forum's packs), [`normalize`] (the one text folding),
//! [`speakers`] (recognising who and what a question names), [`search`] (the index and the
//! query analysis), [`answer`] (cards within Discord's limits) and [`ingest`] (drafting a pack
//! from a new report or transcript). The adapters, [`cli`] and [`discord`], turn its plain data
//! into terminal text, JSON or Discord messages; [`config`] reads the settings, [`metrics`]
//! counts what the bot does and [`health`] serves both to an operator.
//!
//! Invariants: every quoted excerpt is a substring of its source text; a question never fails
//! (it gets an answer or an abstention); every reply fits Discord's limits.

pub mod answer;
pub mod cli;
pub mod config;
pub mod discord;
pub mod feedback;
pub mod health;
pub mod ingest;
pub mod knowledge;
pub mod lexicon;
pub mod metrics;
pub mod normalize;
pub mod search;
pub mod speakers;
pub mod strings;
pub mod text;
