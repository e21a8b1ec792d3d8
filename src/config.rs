//! Configuration: the only module that reads the environment. Read once into [`Config`].

use std::path::PathBuf;
use std::time::Duration;

/// Environment variable naming a folder of knowledge packs to load instead of the embedded one.
pub const KNOWLEDGE_VAR: &str = "VERBATIM_KNOWLEDGE";

/// Environment variable naming a folder to keep the search index in between runs.
pub const INDEX_DIR_VAR: &str = "VERBATIM_INDEX_DIR";

/// What `RUST_LOG` defaults to: verbatim's own events, and only warnings from the libraries.
/// Serenity's WebSocket module is held to errors because its warning about a gateway frame it
/// cannot parse quotes the whole frame, which can be someone's message.
pub const DEFAULT_LOG_FILTER: &str = "warn,verbatim=info,serenity::gateway::ws=error";

/// The bot's settings, from the environment.
#[derive(Clone)]
pub struct Config {
    /// `DISCORD_TOKEN`. Never logged or shown: `Debug` prints it redacted.
    pub token: String,
    /// `DISCORD_GUILD_ID`: register commands to this guild only (instant updates).
    pub guild_id: Option<u64>,
    /// `VERBATIM_KNOWLEDGE` or `--knowledge`: packs on disk instead of the embedded pack.
    pub knowledge_dir: Option<PathBuf>,
    /// `VERBATIM_INDEX_DIR`: keep the search index in this folder and reopen it while the
    /// knowledge is unchanged (see `search::EngineOptions`). Unset: index in memory at start.
    pub index_dir: Option<PathBuf>,
    /// `VERBATIM_COOLDOWN_SECS`: how long a user waits between questions (default 3).
    pub cooldown: Duration,
    /// `VERBATIM_MAX_QUESTION_CHARS`: longer questions are refused with a message (default 300).
    pub max_question_chars: usize,
    /// `VERBATIM_DISCORD_PROXY`: send every REST call to this HTTP proxy (such as
    /// twilight-http-proxy, or the tests' fake Discord) instead of discord.com. The proxy then
    /// owns rate limiting, so serenity's own rate limiter is turned off.
    pub discord_proxy: Option<String>,
    /// `RUST_LOG`: which log lines to print (default [`DEFAULT_LOG_FILTER`]).
    pub log_filter: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("token", &"<redacted>")
            .field("guild_id", &self.guild_id)
            .field("knowledge_dir", &self.knowledge_dir)
            .field("index_dir", &self.index_dir)
            .field("cooldown", &self.cooldown)
            .field("max_question_chars", &self.max_question_chars)
            .field("discord_proxy", &self.discord_proxy)
            .field("log_filter", &self.log_filter)
            .finish()
    }
}

/// What is wrong with the environment, in words fit for one line on the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Config {
    /// Reads the bot's configuration from the process environment.
    pub fn from_env(knowledge_dir: Option<PathBuf>) -> Result<Config, ConfigError> {
        Config::from_lookup(knowledge_dir, |name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the environment.
    pub fn from_lookup(
        knowledge_dir: Option<PathBuf>,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let token = lookup("DISCORD_TOKEN")
            .map(|t| t.trim().to_owned())
            .unwrap_or_default();
        if token.is_empty() {
            return Err(ConfigError(
                "DISCORD_TOKEN is not set; put the bot's token in it (see .env.example)".to_owned(),
            ));
        }
        let guild_id = match lookup("DISCORD_GUILD_ID").filter(|v| !v.trim().is_empty()) {
            None => None,
            Some(value) => Some(value.trim().parse::<u64>().map_err(|_| {
                ConfigError(format!(
                    "DISCORD_GUILD_ID must be a numeric id, not {value:?}"
                ))
            })?),
        };
        let cooldown = match lookup("VERBATIM_COOLDOWN_SECS").filter(|v| !v.trim().is_empty()) {
            None => Duration::from_secs(3),
            Some(value) => Duration::from_secs_f64(
                value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 3600.0)
                    .ok_or_else(|| ConfigError(format!("VERBATIM_COOLDOWN_SECS must be a number of seconds (0 to 3600), not {value:?}")))?,
            ),
        };
        let max_question_chars = match lookup("VERBATIM_MAX_QUESTION_CHARS").filter(|v| !v.trim().is_empty()) {
            None => 300,
            Some(value) => value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=4000).contains(n))
                .ok_or_else(|| ConfigError(format!("VERBATIM_MAX_QUESTION_CHARS must be a number from 1 to 4000, not {value:?}")))?,
        };
        let discord_proxy = match lookup("VERBATIM_DISCORD_PROXY")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
        {
            None => None,
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => Some(url),
            Some(url) => {
                return Err(ConfigError(format!(
                    "VERBATIM_DISCORD_PROXY must be an http:// or https:// URL, not {url:?}"
                )))
            }
        };
        let log_filter = lookup("RUST_LOG")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_LOG_FILTER.to_owned());
        let knowledge_dir = knowledge_dir.or_else(|| {
            lookup(KNOWLEDGE_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let index_dir = lookup(INDEX_DIR_VAR)
            .filter(|v| !v.trim().is_empty())
            .map(PathBuf::from);
        Ok(Config {
            token,
            guild_id,
            knowledge_dir,
            index_dir,
            cooldown,
            max_question_chars,
            discord_proxy,
            log_filter,
        })
    }
}

/// `VERBATIM_KNOWLEDGE`, for the commands that need only the knowledge location.
pub fn knowledge_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(KNOWLEDGE_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `VERBATIM_INDEX_DIR`, for the commands that build an engine without the bot's settings.
pub fn index_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(INDEX_DIR_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(None, |name| {
            vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn a_missing_token_is_one_clear_line() {
        assert!(config(&[])
            .unwrap_err()
            .0
            .starts_with("DISCORD_TOKEN is not set"));
    }

    #[test]
    fn values_are_typed_and_checked() {
        let c = config(&[
            ("DISCORD_TOKEN", "t"),
            ("DISCORD_GUILD_ID", "42"),
            ("VERBATIM_COOLDOWN_SECS", "0.5"),
        ])
        .unwrap();
        assert_eq!(
            (c.guild_id, c.cooldown),
            (Some(42), Duration::from_millis(500))
        );
        assert!(config(&[("DISCORD_TOKEN", "t"), ("DISCORD_GUILD_ID", "abc")]).is_err());
        assert!(config(&[("DISCORD_TOKEN", "t"), ("VERBATIM_COOLDOWN_SECS", "-1")]).is_err());
        let c = config(&[
            ("DISCORD_TOKEN", "t"),
            ("VERBATIM_MAX_QUESTION_CHARS", "120"),
            ("VERBATIM_DISCORD_PROXY", "http://127.0.0.1:9"),
        ])
        .unwrap();
        assert_eq!(
            (c.max_question_chars, c.discord_proxy.as_deref()),
            (120, Some("http://127.0.0.1:9"))
        );
        assert!(config(&[("DISCORD_TOKEN", "t"), ("VERBATIM_MAX_QUESTION_CHARS", "0")]).is_err());
        assert!(config(&[
            ("DISCORD_TOKEN", "t"),
            ("VERBATIM_DISCORD_PROXY", "127.0.0.1:9")
        ])
        .is_err());
    }

    #[test]
    fn defaults_are_sane() {
        let c = config(&[("DISCORD_TOKEN", "t")]).unwrap();
        assert_eq!(
            (
                c.cooldown,
                c.max_question_chars,
                c.discord_proxy,
                c.log_filter.as_str()
            ),
            (Duration::from_secs(3), 300, None, DEFAULT_LOG_FILTER)
        );
    }

    #[test]
    fn debug_never_shows_the_token() {
        let c = config(&[("DISCORD_TOKEN", "secret-token-value")]).unwrap();
        assert!(!format!("{c:?}").contains("secret-token-value"));
    }

    #[test]
    fn the_index_folder_is_optional() {
        assert_eq!(config(&[("DISCORD_TOKEN", "t")]).unwrap().index_dir, None);
        let c = config(&[
            ("DISCORD_TOKEN", "t"),
            ("VERBATIM_INDEX_DIR", "/var/cache/verbatim"),
        ])
        .unwrap();
        assert_eq!(c.index_dir, Some(PathBuf::from("/var/cache/verbatim")));
    }
}
