//! Measuring a draft against a hand attribution: the share of body paragraphs credited to the
//! same speaker (`null` included), and the speakers found with their organisation and role.

use std::fmt;

use serde::Deserialize;

use super::text::fold;
use super::Draft;
use crate::knowledge::Pack;

/// A hand attribution: its speakers and every body paragraph's speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Truth {
    pub speakers: Vec<TruthSpeaker>,
    /// Body paragraphs (headings and byline left out) with their speaker.
    pub paragraphs: Vec<(String, Option<String>)>,
    /// The event's and the session's names, when the truth gives them.
    pub event: Option<String>,
    pub session: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TruthSpeaker {
    pub name: String,
    pub organization: String,
    pub role: String,
}

#[derive(Deserialize)]
struct RawTruth {
    speakers: Vec<TruthSpeaker>,
    paragraphs: Vec<RawParagraph>,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    session: Option<String>,
}

#[derive(Deserialize)]
struct RawParagraph {
    text: String,
    speaker: Option<String>,
    kind: String,
}

/// Reads the shared truth format (`{"speakers": [...], "paragraphs": [{"text", "speaker",
/// "kind"}]}`); headings and bylines are not body paragraphs.
pub fn truth_from_json(json: &str) -> Result<Truth, String> {
    let raw: RawTruth = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(Truth {
        speakers: raw.speakers,
        paragraphs: raw
            .paragraphs
            .into_iter()
            .filter(|p| p.kind != "heading" && p.kind != "byline")
            .map(|p| (p.text, p.speaker))
            .collect(),
        event: raw.event,
        session: raw.session,
    })
}

/// A hand-attributed pack as a truth.
pub fn truth_from_pack(pack: &Pack) -> Truth {
    Truth {
        speakers: pack
            .speakers
            .iter()
            .map(|s| TruthSpeaker {
                name: s.name.clone(),
                organization: s.organization.clone(),
                role: s.role.clone(),
            })
            .collect(),
        paragraphs: pack
            .passages
            .iter()
            .map(|p| (p.text.clone(), p.speaker.clone()))
            .collect(),
        event: Some(pack.event.name.clone()),
        session: Some(pack.event.session.clone()),
    }
}

/// How a draft agrees with a truth.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Body paragraphs of the truth.
    pub paragraphs: usize,
    /// Of them, credited to the same speaker (or to nobody in both).
    pub agreeing: usize,
    /// Truth paragraphs credited otherwise: (paragraph number, truth speaker, draft speaker,
    /// the paragraph's opening). A paragraph the draft does not have is credited `?`.
    pub disagreements: Vec<(usize, Option<String>, Option<String>, String)>,
    /// Truth speakers found by name.
    pub speakers_found: usize,
    /// Of them, with an organisation and a role that match the truth's.
    pub speakers_complete: usize,
    pub speakers: usize,
    /// Truth speakers not found, or found without a matching organisation or role.
    pub missing: Vec<String>,
    /// Speakers of the draft that the truth does not have.
    pub extra: Vec<String>,
    /// The event's and the session's names, where the truth gives them: whether the draft's
    /// match (one contains the other, folded), with the draft's and the truth's.
    pub event: Option<Named>,
    pub session: Option<Named>,
}

/// A name the draft found, against the truth's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub matches: bool,
    pub drafted: Option<String>,
    pub truth: String,
}

impl Named {
    fn new(drafted: Option<&String>, truth: Option<&String>) -> Option<Named> {
        let truth = truth?;
        Some(Named {
            matches: drafted.is_some_and(|d| same_description(d, truth)),
            drafted: drafted.cloned(),
            truth: truth.clone(),
        })
    }
}

impl Comparison {
    /// The share of body paragraphs credited as the truth credits them.
    pub fn agreement(&self) -> f64 {
        if self.paragraphs == 0 {
            return 0.0;
        }
        self.agreeing as f64 / self.paragraphs as f64
    }
}

/// Two descriptions match when, folded (script, width, case) and without brackets or spaces,
/// one contains the other: 大会组委会 is 星河智能出行大会组委会, 主编 is 主编（圆桌主持人）.
fn same_description(found: &str, truth: &str) -> bool {
    let clean = |s: &str| -> String {
        fold(s)
            .chars()
            .filter(|c| !matches!(c, ' ' | '《' | '》' | '(' | ')' | '「' | '」'))
            .collect()
    };
    let (found, truth) = (clean(found), clean(truth));
    !found.is_empty() && (truth.contains(&found) || found.contains(&truth))
}

pub fn compare(draft: &Draft, truth: &Truth) -> Comparison {
    let same_name = |a: &str, b: &str| fold(a) == fold(b);
    let mut agreeing = 0;
    let mut disagreements = Vec::new();
    let mut search_from = 0;
    for (index, (text, speaker)) in truth.paragraphs.iter().enumerate() {
        let text = text.trim();
        let found = draft.passages[search_from..]
            .iter()
            .position(|p| p.text == text)
            .map(|i| search_from + i)
            .or_else(|| draft.passages.iter().position(|p| p.text == text));
        let drafted = found.map(|i| draft.passages[i].speaker.clone());
        if let Some(i) = found {
            search_from = i + 1;
        }
        let agrees = match (&drafted, speaker) {
            (Some(Some(a)), Some(b)) => same_name(a, b),
            (Some(None), None) => true,
            _ => false,
        };
        if agrees {
            agreeing += 1;
        } else {
            let opening: String = text.chars().take(24).collect();
            disagreements.push((
                index + 1,
                speaker.clone(),
                drafted.unwrap_or(Some("?".to_owned())),
                opening,
            ));
        }
    }
    let mut speakers_found = 0;
    let mut speakers_complete = 0;
    let mut missing = Vec::new();
    for wanted in &truth.speakers {
        match draft
            .speakers
            .iter()
            .find(|s| same_name(&s.name, &wanted.name))
        {
            Some(found) => {
                speakers_found += 1;
                let organization = found
                    .organization
                    .as_deref()
                    .is_some_and(|o| same_description(o, &wanted.organization));
                let role = found
                    .role
                    .as_deref()
                    .is_some_and(|r| same_description(r, &wanted.role));
                if organization && role {
                    speakers_complete += 1;
                } else {
                    missing.push(format!(
                        "{} as {} / {} (truth: {} / {})",
                        wanted.name,
                        found.organization.as_deref().unwrap_or("?"),
                        found.role.as_deref().unwrap_or("?"),
                        wanted.organization,
                        wanted.role
                    ));
                }
            }
            None => missing.push(format!("{} not found", wanted.name)),
        }
    }
    let extra = draft
        .speakers
        .iter()
        .filter(|s| !truth.speakers.iter().any(|t| same_name(&t.name, &s.name)))
        .map(|s| s.name.clone())
        .collect();
    Comparison {
        paragraphs: truth.paragraphs.len(),
        agreeing,
        disagreements,
        speakers_found,
        speakers_complete,
        speakers: truth.speakers.len(),
        missing,
        extra,
        event: Named::new(draft.event.as_ref(), truth.event.as_ref()),
        session: Named::new(draft.session.as_ref(), truth.session.as_ref()),
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "attribution {:.3} ({}/{} body paragraphs)",
            self.agreement(),
            self.agreeing,
            self.paragraphs
        )?;
        writeln!(
            f,
            "speakers {}/{} found, {}/{} with organisation and role, {} extra",
            self.speakers_found,
            self.speakers,
            self.speakers_complete,
            self.speakers,
            self.extra.len()
        )?;
        for (what, named) in [("event", &self.event), ("session", &self.session)] {
            let Some(named) = named else {
                continue;
            };
            let drafted = named.drafted.as_deref().unwrap_or("none");
            if named.matches {
                writeln!(f, "{what} found: {drafted}")?;
            } else {
                writeln!(
                    f,
                    "{what} not found: {drafted} in the draft, {} in the truth",
                    named.truth
                )?;
            }
        }
        for (number, truth, drafted, opening) in &self.disagreements {
            let name = |s: &Option<String>| s.clone().unwrap_or_else(|| "nobody".to_owned());
            writeln!(
                f,
                "  ¶{number}: {} in the truth, {} in the draft: {opening}…",
                name(truth),
                name(drafted)
            )?;
        }
        for line in &self.missing {
            writeln!(f, "  speaker {line}")?;
        }
        for name in &self.extra {
            writeln!(f, "  extra speaker {name}")?;
        }
        Ok(())
    }
}
