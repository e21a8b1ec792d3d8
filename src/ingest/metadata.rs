//! What a text says about itself: the outlet and reporter of its byline, the event's name,
//! date, place and session. Each is found by the form such things take (`…記者 楊月涵`,
//! `第三届…大会`, `2025年4月19日`, `地点：…`, `“…圆桌”`); what is not found stays `None`.

use super::layout::{Block, BlockKind};
use super::patterns::{
    closing_quote, is_clause_break, is_sentence_end, EVENT_SUFFIXES, PLACE_SUFFIXES,
    REPORTER_MARKS, SESSION_SUFFIXES,
};
use super::text::{is_han, Folded};

/// Metadata found in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub outlet: Option<String>,
    pub reporter: Option<String>,
    pub event: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// A month and day without a year (`9月18日`), when no full date is given.
    pub partial_date: Option<String>,
    pub place: Option<String>,
    pub session: Option<String>,
}

/// Names are at most this many characters.
const MAX_NAME_CHARS: usize = 24;

/// Words before an event's name that make it a reference, not a name (本届大会, 明年大会).
const NOT_A_NAME: &[&str] = &[
    "本", "该", "此", "这", "今", "明", "去", "上", "下", "各", "每", "全", "大",
];

/// Reads the metadata of a text split into blocks.
pub fn find(text: &str, blocks: &[Block]) -> Found {
    let mut found = Found::default();
    for block in blocks.iter().filter(|b| b.kind == BlockKind::Byline) {
        let line = &text[block.range.clone()];
        if let Some((outlet, reporter)) = byline(line) {
            found.outlet = found.outlet.or(outlet);
            found.reporter = found.reporter.or(Some(reporter));
        }
    }
    // A dateline opening the first paragraph: 新华社北京6月14日电（记者张三）…
    if found.reporter.is_none() {
        if let Some(first) = blocks.iter().find(|b| b.kind == BlockKind::Paragraph) {
            found.reporter = dateline_reporter(&text[first.range.clone()]);
        }
    }
    let lines: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Byline)
        .map(|b| &text[b.range.clone()])
        .collect();
    let folded: Vec<Folded> = lines.iter().map(|l| Folded::new(l)).collect();
    found.event = most_frequent(&lines, &folded, |f, at| {
        name_ending_at(f, at, EVENT_SUFFIXES)
    });
    found.place = labelled(&lines, &folded, &["地点", "地址", "会场"]).or_else(|| {
        most_frequent(&lines, &folded, |f, at| {
            name_ending_at(f, at, PLACE_SUFFIXES)
        })
    });
    found.session = quoted_session(&lines, &folded, found.event.as_deref())
        .or_else(|| joined_session(&lines, &folded, found.event.as_deref()))
        .or_else(|| title_session(lines.first()));
    let dated = labelled(&lines, &folded, &["时间", "日期"]);
    let sources = dated
        .iter()
        .map(String::as_str)
        .chain(lines.iter().copied());
    for line in sources {
        let (full, partial) = dates(line);
        if found.date.is_none() {
            found.date = full;
        }
        if found.partial_date.is_none() {
            found.partial_date = partial;
        }
    }
    if found.date.is_some() {
        found.partial_date = None;
    }
    found
}

/// `北京商報記者 楊月涵` → (Some(北京商報), 楊月涵); `（記者王郁婷／台中報導）` → (None, 王郁婷).
fn byline(line: &str) -> Option<(Option<String>, String)> {
    let folded = Folded::new(line);
    let (at, mark) =
        (0..folded.len()).find_map(|at| folded.match_any(at, REPORTER_MARKS).map(|m| (at, m)))?;
    let mut start = at + mark.chars().count();
    while matches!(folded.chars.get(start), Some(' ' | ':')) {
        start += 1;
    }
    let end = (start..folded.len())
        .find(|&i| {
            matches!(folded.chars[i], ' ' | '/' | '|' | ')' | ',' | '、')
                || is_clause_break(folded.chars[i])
        })
        .unwrap_or(folded.len());
    if end <= start {
        return None;
    }
    let reporter = line[folded.byte_range(start..end)].to_owned();
    let outlet_start = (0..at)
        .find(|&i| !matches!(folded.chars[i], '(' | ' '))
        .unwrap_or(at);
    let outlet = line[folded.byte_range(outlet_start..at)].trim();
    let outlet =
        (outlet.chars().count() >= 2 && !outlet.starts_with('本')).then(|| outlet.to_owned());
    Some((outlet, reporter))
}

/// The reporter of a dateline in the first characters of a paragraph (…电（记者张三）).
fn dateline_reporter(paragraph: &str) -> Option<String> {
    const DATELINE_CHARS: usize = 40;
    let folded = Folded::new(paragraph);
    let open = (0..folded.len().min(DATELINE_CHARS)).find(|&i| folded.matches_at(i, "(记者"))?;
    let close =
        (open..folded.len().min(open + DATELINE_CHARS)).find(|&i| folded.chars[i] == ')')?;
    byline(&paragraph[folded.byte_range(open..close + 1)]).map(|(_, reporter)| reporter)
}

/// The name ending with one of `suffixes` at `at`, read backwards over Han characters, Latin
/// letters and digits to a punctuation mark or a joining word.
fn name_ending_at(folded: &Folded, at: usize, suffixes: &[&str]) -> Option<std::ops::Range<usize>> {
    let suffix = folded.match_any(at, suffixes)?;
    let end = at + suffix.chars().count();
    let mut start = at;
    while start > 0 {
        let c = folded.chars[start - 1];
        if !(is_han(c) || c.is_ascii_alphanumeric()) || "的在于是和与了从到由等将让被".contains(c)
        {
            break;
        }
        if at - start >= MAX_NAME_CHARS {
            return None;
        }
        start -= 1;
    }
    let name = folded.slice(start..at);
    let is_name = name.chars().count() >= 2
        && !NOT_A_NAME.iter().any(|w| name.starts_with(w))
        && !name.ends_with('届');
    is_name.then_some(start..end)
}

/// The name found most often (then the longest, then the first), as the text writes it.
fn most_frequent(
    lines: &[&str],
    folded: &[Folded],
    find: impl Fn(&Folded, usize) -> Option<std::ops::Range<usize>>,
) -> Option<String> {
    let mut names: Vec<(String, String, usize)> = Vec::new();
    for (line, f) in lines.iter().zip(folded) {
        for at in 0..f.len() {
            if let Some(range) = find(f, at) {
                let key = f.slice(range.clone());
                match names.iter_mut().find(|(k, _, _)| *k == key) {
                    Some(entry) => entry.2 += 1,
                    None => names.push((key, line[f.byte_range(range)].to_owned(), 1)),
                }
            }
        }
    }
    names
        .into_iter()
        .enumerate()
        .max_by_key(|(index, (key, _, count))| {
            (*count, key.chars().count(), std::cmp::Reverse(*index))
        })
        .map(|(_, (_, original, _))| original)
}

/// The value of a `label：value` field (地点：…, 时间：…) anywhere in a line, up to the next
/// space or field.
fn labelled(lines: &[&str], folded: &[Folded], labels: &[&str]) -> Option<String> {
    for (line, f) in lines.iter().zip(folded) {
        for at in 0..f.len() {
            let Some(label) = f.match_any(at, labels) else {
                continue;
            };
            let colon = at + label.chars().count();
            if f.chars.get(colon) != Some(&':') {
                continue;
            }
            let start = colon + 1;
            let end = (start..f.len())
                .find(|&i| f.chars[i] == ' ' || (is_clause_break(f.chars[i]) && f.chars[i] != ':'))
                .unwrap_or(f.len());
            let value = line[f.byte_range(start..end)].trim();
            if !value.is_empty() {
                return Some(value.to_owned());
            }
        }
    }
    None
}

/// A quoted name ending like a session (“L4商业化圆桌”, 「…論壇」), or quoted as a session's
/// title (以「…」為題), other than the event's own name.
fn quoted_session(lines: &[&str], folded: &[Folded], event: Option<&str>) -> Option<String> {
    for (line, f) in lines.iter().zip(folded).skip(1) {
        for at in 0..f.len() {
            let Some(close) = closing_quote(f.chars[at]) else {
                continue;
            };
            let Some(end) = (at + 1..f.len()).find(|&i| f.chars[i] == close) else {
                continue;
            };
            let inner = f.slice(at + 1..end);
            let original = &line[f.byte_range(at + 1..end)];
            if inner.chars().count() > MAX_NAME_CHARS || Some(original) == event {
                continue;
            }
            // “古村新生”圆桌论坛: the quoted words and the kind of session after them. Quoted
            // words that break a clause are speech (“成本会降。”论坛上…), not a name.
            let name_like = !f.chars[at + 1..end]
                .iter()
                .any(|&c| is_clause_break(c) || is_sentence_end(c));
            if let Some(suffix) = f.match_any(end + 1, SESSION_SUFFIXES).filter(|_| name_like) {
                let suffix_end = end + 1 + suffix.chars().count();
                return Some(format!(
                    "{original}{}",
                    &line[f.byte_range(end + 1..suffix_end)]
                ));
            }
            // 以「…」為題, 主题为“…”, 第四場「…」: the session's own title.
            let titled = f.matches_at(end + 1, "为题")
                || f.matches_at(end + 1, "为主题")
                || f.match_any_before(at, TITLE_MARKS).is_some()
                || is_numbered_session(f, at);
            if titled || SESSION_SUFFIXES.iter().any(|s| inner.ends_with(s)) {
                return Some(original.to_owned());
            }
        }
    }
    None
}

/// Words before a quoted title that say it is the session's (主题为“…”).
const TITLE_MARKS: &[&str] = &["主题为", "主题是", "题为", "名为"];

/// Whether a quotation at `open` follows a session's number (第四场「…」).
fn is_numbered_session(f: &Folded, open: usize) -> bool {
    let Some(kind) = open.checked_sub(1).filter(|&i| f.chars[i] == '场') else {
        return false;
    };
    let digits = (0..kind)
        .rev()
        .take_while(|&i| f.chars[i].is_ascii_digit() || "一二三四五六七八九十".contains(f.chars[i]))
        .count();
    digits > 0 && kind > digits && f.chars[kind - digits - 1] == '第'
}

/// A name ending like a session written right after the event's, joined by a dot, a dash or
/// a space (2025滨江数字文化周·电竞产业沙龙).
fn joined_session(lines: &[&str], folded: &[Folded], event: Option<&str>) -> Option<String> {
    let event = Folded::new(event?);
    let event = event.slice(0..event.len());
    for (line, f) in lines.iter().zip(folded) {
        for at in f.find_all(&event) {
            let after = at + event.chars().count();
            let joiner = |i: usize| {
                f.chars.get(i).is_some_and(|&c| {
                    matches!(c, crate::normalize::NAME_DOT | ' ' | '-' | '—' | '|' | '/')
                })
            };
            let start = (after..f.len()).find(|&i| !joiner(i)).unwrap_or(f.len());
            if start == after {
                continue;
            }
            let end = (start..f.len())
                .find(|&i| f.chars[i] == ' ' || is_clause_break(f.chars[i]))
                .unwrap_or(f.len());
            let name = f.slice(start..end);
            if (2..=MAX_NAME_CHARS).contains(&name.chars().count())
                && SESSION_SUFFIXES.iter().any(|s| name.ends_with(s))
            {
                return Some(line[f.byte_range(start..end)].to_owned());
            }
        }
    }
    None
}

/// A title that opens with the session's name before a colon (AI尖峰對話:…).
fn title_session(title: Option<&&str>) -> Option<String> {
    let title = title?;
    let f = Folded::new(title);
    let colon = f.chars.iter().position(|&c| c == ':')?;
    let name = f.slice(0..colon);
    (SESSION_SUFFIXES.iter().any(|s| name.ends_with(s)) && colon <= MAX_NAME_CHARS)
        .then(|| title[f.byte_range(0..colon)].trim().to_owned())
}

/// The first full date of a line (`2025年4月19日`, `2025-04-19`), and failing that a month and
/// day without a year.
fn dates(line: &str) -> (Option<String>, Option<String>) {
    let f = Folded::new(line);
    let number = |at: usize| -> Option<(u32, usize)> {
        let digits = f.chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || digits > 4 {
            return None;
        }
        f.slice(at..at + digits)
            .parse()
            .ok()
            .map(|n| (n, at + digits))
    };
    let mut partial = None;
    for at in 0..f.len() {
        if at > 0 && f.chars[at - 1].is_ascii_digit() {
            continue;
        }
        let Some((first, after)) = number(at) else {
            continue;
        };
        let separator = f.chars.get(after).copied();
        if after - at == 4 && matches!(separator, Some('年' | '-' | '/' | '.')) {
            if let Some((month, after_month)) = number(after + 1) {
                let next = f.chars.get(after_month).copied();
                let expected = if separator == Some('年') {
                    Some('月')
                } else {
                    separator
                };
                if next == expected {
                    if let Some((day, _)) = number(after_month + 1) {
                        if (1..=12).contains(&month) && (1..=31).contains(&day) {
                            return (Some(format!("{first:04}-{month:02}-{day:02}")), None);
                        }
                    }
                }
            }
        }
        if partial.is_none() && separator == Some('月') && (1..=12).contains(&first) {
            if let Some((day, end)) = number(after + 1) {
                if f.chars.get(end) == Some(&'日') && (1..=31).contains(&day) {
                    partial = Some(format!("{first}月{day}日"));
                }
            }
        }
    }
    (None, partial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::split;

    #[test]
    fn bylines() {
        assert_eq!(
            byline("北京商報記者 楊月涵"),
            Some((Some("北京商報".to_owned()), "楊月涵".to_owned()))
        );
        assert_eq!(
            byline("（記者王郁婷／台中報導）"),
            Some((None, "王郁婷".to_owned()))
        );
        assert_eq!(byline("本报记者 韩朔"), Some((None, "韩朔".to_owned())));
        assert_eq!(
            dateline_reporter("新华社北京6月14日电（记者张三）北京智源大会14日开幕。"),
            Some("张三".to_owned())
        );
    }

    #[test]
    fn dates_with_and_without_a_year() {
        assert_eq!(
            dates("时间：2025年4月19日14:00"),
            (Some("2025-04-19".to_owned()), None)
        );
        assert_eq!(
            dates("发布于2024-06-14。"),
            (Some("2024-06-14".to_owned()), None)
        );
        assert_eq!(
            dates("9月18日下午，2023年起"),
            (None, Some("9月18日".to_owned()))
        );
    }

    #[test]
    fn events_of_other_kinds_and_a_session_joined_to_its_event() {
        let text =
            "电竞沙龙实录\n\n【沙龙实录】2025滨江数字文化周·电竞产业沙龙　时间：2025年9月20日\n";
        let found = find(text, &split(text));
        assert_eq!(found.event.as_deref(), Some("2025滨江数字文化周"));
        assert_eq!(found.session.as_deref(), Some("电竞产业沙龙"));
        let text =
            "講座逐字稿\n\n【講座實錄】2025東岸地方創生系列講座第四場　時間：2025年10月18日\n";
        let found = find(text, &split(text));
        assert_eq!(found.event.as_deref(), Some("2025東岸地方創生系列講座"));
        let text = "座談逐字稿\n\n2025台灣能源轉型論壇・儲能與電網韌性座談　時間：2025年9月\n";
        let found = find(text, &split(text));
        assert_eq!(found.session.as_deref(), Some("儲能與電網韌性座談"));
        let session = |line: &str| {
            let text = format!("标题\n\n{line}\n");
            find(&text, &split(&text)).session
        };
        assert_eq!(
            session("当天下午的“古村新生”圆桌论坛上，村支书发言。").as_deref(),
            Some("古村新生圆桌论坛")
        );
        assert_eq!(
            session("大会举行主题为“博物馆热还能热多久”的圆桌论坛。").as_deref(),
            Some("博物馆热还能热多久")
        );
        assert_eq!(
            session("【講座實錄】系列講座第四場「留下來的理由」").as_deref(),
            Some("留下來的理由")
        );
        assert_eq!(session("他说：“成本会降。”论坛上很多人同意。"), None);
    }

    #[test]
    fn event_place_and_session() {
        let text = "AI尖峰對話:被追星的人\n\n6月14日,北京智源大會開幕。北京智源大會上,本届大会在星河新区会展中心B3会场举行。\n\n第三届星河智能出行大会的“L4商业化圆桌”原定一个小时。\n\n星河财经记者 韩朔\n";
        let found = find(text, &split(text));
        assert_eq!(found.event.as_deref(), Some("北京智源大會"));
        assert_eq!(found.place.as_deref(), Some("星河新区会展中心"));
        assert_eq!(found.session.as_deref(), Some("L4商业化圆桌"));
        assert_eq!(found.partial_date.as_deref(), Some("6月14日"));
        assert_eq!(
            (found.outlet.as_deref(), found.reporter.as_deref()),
            (Some("星河财经"), Some("韩朔"))
        );
    }
}
