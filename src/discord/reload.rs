//! Reloading the knowledge while the bot runs (`/reload`, SIGHUP): what a reload came to, who
//! may ask for it, and what the admin is told.

use std::path::Path;

use serenity::model::application::{AuthorizingIntegrationOwner, CommandInteraction};
use serenity::model::permissions::Permissions;

use crate::answer::problem_list;
use crate::knowledge::Problem;
use crate::strings::{text, Locale};

/// What a reload came to.
#[derive(Debug, Clone)]
pub enum Reloaded {
    /// The new knowledge answers every question from now on.
    Replaced { passages: usize },
    /// There is no folder to reload from: the embedded pack cannot change.
    Embedded,
    /// The packs have problems; the previous knowledge keeps answering.
    Refused(Vec<Problem>),
    /// The packs are fine but could not be indexed; the previous knowledge keeps answering.
    Failed(String),
}

/// Whether the member who used `command` may manage the server. Discord shows `/reload` only
/// to them by default, but a server can let anyone use it in its integration settings, so the
/// handler checks the permissions Discord computed for the member in that channel. Outside a
/// server there is no member, and nobody may; nor in a server the app is not installed to
/// (someone's own install used there), which is not the server's bot to reload.
pub(crate) fn may_manage_server(command: &CommandInteraction) -> bool {
    let installed_here = command.guild_id.is_some_and(|guild| {
        command.authorizing_integration_owners.0.iter().any(|owner| {
            matches!(owner, AuthorizingIntegrationOwner::GuildInstall(Some(id)) if *id == guild)
        })
    });
    installed_here
        && command
            .member
            .as_ref()
            .and_then(|member| member.permissions)
            .is_some_and(|permissions| {
                permissions.contains(Permissions::MANAGE_GUILD)
                    || permissions.contains(Permissions::ADMINISTRATOR)
            })
}

/// What the admin who asked for a reload reads. Problems are shown relative to the knowledge
/// folder: shorter, and the server's own layout is nobody's business.
pub(crate) fn notice(reloaded: &Reloaded, dir: Option<&Path>, locale: Locale) -> String {
    match reloaded {
        Reloaded::Replaced { passages } => text::reload_done(locale, *passages),
        Reloaded::Embedded => text::reload_embedded(locale).to_owned(),
        Reloaded::Failed(_) => text::reload_failed(locale).to_owned(),
        Reloaded::Refused(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|problem| {
                    let path = dir
                        .and_then(|dir| problem.path.strip_prefix(dir).ok())
                        .filter(|relative| !relative.as_os_str().is_empty())
                        .unwrap_or(&problem.path);
                    format!("{}:{}: {}", path.display(), problem.line, problem.message)
                })
                .collect();
            problem_list(text::reload_refused(locale), &lines, |more| {
                text::and_more_problems(locale, more)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn problem(path: &str, line: usize, message: &str) -> Problem {
        Problem {
            path: PathBuf::from(path),
            line,
            message: message.to_owned(),
        }
    }

    #[test]
    fn problems_are_listed_relative_to_the_knowledge_folder() {
        let refused = Reloaded::Refused(vec![
            problem("/srv/knowledge/baai/pack.toml", 9, "expected `]`"),
            problem("/elsewhere/pack.toml", 1, "cannot read"),
        ]);
        let notice = notice(&refused, Some(Path::new("/srv/knowledge")), Locale::English);
        assert_eq!(
            notice,
            "The knowledge has problems; still serving the previous version:\n```\nbaai/pack.toml:9: expected `]`\n/elsewhere/pack.toml:1: cannot read\n```"
        );
    }

    #[test]
    fn the_embedded_pack_says_it_cannot_change() {
        let notice = notice(&Reloaded::Embedded, None, Locale::English);
        assert!(notice.contains("embedded knowledge pack, which cannot change"));
    }
}
