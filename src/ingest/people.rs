//! Finding the people a text introduces, and the names it calls them by.
//!
//! Reports introduce a person once with their organisation and title right before the name
//! (月之暗面ceo楊植麟, 驭途科技创始人兼CEO林晓川, 智源研究院院長王仲遠, 《新出行周刊》主编陶然,
//! “章记麻糍”的店主章秀英), or after it (鹭港国小的苏振宏校长, 林晓川，驭途科技创始人兼CEO), in
//! brackets, by what they run (经营「海风柑仔店」的叶秋月) or where they work (平常在…担任讲师);
//! transcripts name them before a colon (林晓川：, 主持人 周宁：). Later the text may call them by
//! surname + title (林总, 鄭董事長, 叶老板), company + role (光棱的联合创始人) or 主持人: those
//! forms are derived here, for attribution and as aliases.

use std::ops::Range;

use pinyin::ToPinyin;

use super::layout::{Block, BlockKind};
use super::patterns::{
    closing_quote, is_clause_break, is_sentence_end, ADDRESS_TITLES, ANSWER_PREFIXES,
    COMPOUND_SURNAMES, COORDINATORS, DEICTICS, EXECUTIVE_TITLES, HONORIFICS, HOST_TITLES,
    QUESTION_PREFIXES, REPORTING_VERBS, ROLE_MODIFIERS, ROLE_OPENERS, RUNNING_VERBS, SPEECHES,
    SURNAMES, TITLES, VIEW_NOUNS,
};
use super::text::{fold, is_han, other_script, Folded, NAME_DOT};

/// A person the text introduces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// As the source writes it.
    pub name: String,
    pub organization: Option<String>,
    pub role: Option<String>,
    /// Moderates or hosts the session.
    pub host: bool,
}

/// Names a person goes by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Aliases for the pack: other script, pinyin, surname + title, company + role.
    pub aliases: Vec<String>,
    /// Other names of the organisation: its other script, the short form the text uses.
    pub organization_aliases: Vec<String>,
    /// Folded forms that name the person in the text, for attribution, longest first.
    pub references: Vec<String>,
}

/// Organisations are at most this many characters.
const MAX_ORGANIZATION_CHARS: usize = 16;
/// A transcript turn's prefix is at most this many characters (a name and who they are in
/// brackets).
const MAX_PREFIX_CHARS: usize = 30;

/// Characters that end a name rather than continue it (林晓川也…, 陶然主持…).
const NAME_STOPS: &str =
    "也的在和与说是表认称则还等对就都又曾已将把被从向给接指坦透强提介解回直补谈主们了着过笑请";

/// Words that end an organisation when read backwards from a title (分别是|驭途科技).
const ORGANIZATION_STOPS: &[&str] = &[
    "分别是",
    "分别为",
    "以及",
    "还有",
    "另有",
    "请到",
    "专访",
    "采访",
    "身兼",
    "兼任",
    "身为",
    "作为",
    "担任",
    "现任",
    "出任",
    "来自",
    "包括",
    "邀请",
    "嘉宾",
];
const ORGANIZATION_STOP_CHARS: &str = "是由和与及的为请对向跟同给即等在被让将把从曾了";

/// Kinds of organisation: a short name ending with one (合作社, 研究院) names no one
/// organisation.
const ORGANIZATION_KINDS: &[&str] = &[
    "有限公司",
    "公司",
    "集团",
    "合作社",
    "研究院",
    "研究所",
    "研究中心",
    "试验所",
    "实验室",
    "协会",
    "学会",
    "委员会",
    "组委会",
    "大学",
    "学院",
    "银行",
    "基金会",
    "联盟",
    "中心",
    "医院",
    "政府",
    "杂志",
    "周刊",
    "日报",
    "报社",
    "电视台",
    "中学",
    "小学",
    "学校",
    "国小",
    "国中",
    "高中",
    "幼儿园",
    "俱乐部",
    "事务所",
    "工会",
    "系",
];

/// Prefixes of organisations that are places or generic words, never a short name.
const GENERIC_PREFIXES: &[&str] = &[
    "大会", "中国", "国家", "全国", "北京", "上海", "深圳", "广州", "杭州", "香港", "台湾", "台北",
    "国际", "世界", "公司", "集团", "本届", "我们",
];

/// The people a text introduces, in order of first appearance.
pub fn find_people(text: &str, blocks: &[Block]) -> Vec<Person> {
    let whole = Folded::new(text);
    let mut people: Vec<Person> = Vec::new();
    for block in blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let original = &text[block.range.clone()];
        let folded = Folded::new(original);
        let mut found = introductions(original, &folded, &whole);
        found.extend(bracketed(original, &folded, &whole));
        found.extend(coming_from(original, &folded, &whole));
        found.extend(listed_by_organization(original, &folded, &whole));
        found.extend(appositions(original, &folded, &whole));
        found.extend(transcript_person(original, &folded, &whole));
        for person in found {
            merge(&mut people, person);
        }
    }
    for person in reported_names(&whole, text) {
        if !people.iter().any(|p| fold(&p.name) == fold(&person.name)) {
            people.push(person);
        }
    }
    for person in people.iter_mut().filter(|p| p.role.is_none()) {
        if let Some((organization, role)) = apposition(text, &whole, &person.name) {
            person.organization = person.organization.take().or(organization);
            person.role = Some(role);
        }
    }
    for person in people
        .iter_mut()
        .filter(|p| p.organization.is_none() && p.role.is_none())
    {
        if let Some((organization, role)) = running(text, &whole, &person.name) {
            person.organization = Some(organization);
            person.role = Some(role);
        }
    }
    for person in people.iter_mut().filter(|p| p.organization.is_none()) {
        person.organization = self_introduction(text, &whole, &person.name)
            .or_else(|| workplace(text, &whole, &person.name));
    }
    people
}

/// People a text never introduces with a title but quotes by full name, twice or more
/// (林晓川表示…, 林晓川认为…): three-character names, or names with a compound surname, that
/// open a clause before a reporting verb. Two-character names are left out: too many words
/// start with a surname (方面表示).
fn reported_names(whole: &Folded, text: &str) -> Vec<Person> {
    let mut counts: Vec<(String, Range<usize>, usize)> = Vec::new();
    for at in 0..whole.len() {
        let opens_clause = at == 0
            || is_clause_break(whole.chars[at - 1])
            || matches!(whole.chars[at - 1], '」' | '”' | '\n');
        if !opens_clause {
            continue;
        }
        let Some(surname) = surname_len(whole, at) else {
            continue;
        };
        let len = surname + 2;
        let name = at..at + len;
        if name.end > whole.len()
            || !whole.chars[at + surname..name.end]
                .iter()
                .all(|&c| is_han(c))
            || whole.chars[at + surname..name.end]
                .iter()
                .any(|&c| NAME_STOPS.contains(c))
            || whole
                .match_any(verb_after(whole, name.end), REPORTING_VERBS)
                .is_none()
        {
            continue;
        }
        let key = whole.slice(name.clone());
        if TITLES.iter().chain(HONORIFICS).any(|t| key.ends_with(t)) {
            continue;
        }
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(entry) => entry.2 += 1,
            None => counts.push((key, name, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, _, count)| *count >= 2)
        .map(|(_, range, _)| Person {
            name: text[whole.byte_range(range)].to_owned(),
            organization: None,
            role: None,
            host: false,
        })
        .collect()
}

/// Where the verb after a subject starts, past one adverb (林晓川则表示, 林晓川也认为).
fn verb_after(folded: &Folded, at: usize) -> usize {
    match folded.chars.get(at) {
        Some(c) if SUBJECT_ADVERBS.contains(*c) => at + 1,
        _ => at,
    }
}

/// One-character adverbs that come between a subject and the verb.
const SUBJECT_ADVERBS: &str = "则也还更便就又亦却再都";

/// Who someone is, written right after their name (林晓川，驭途科技创始人兼CEO，… or
/// 林晓川是驭途科技的创始人): the organisation and the role, when a title follows.
fn apposition(text: &str, whole: &Folded, name: &str) -> Option<(Option<String>, String)> {
    let key = fold(name);
    let len = key.chars().count();
    whole.find_all(&key).into_iter().find_map(|at| {
        let mut start = at + len;
        if matches!(whole.chars.get(start), Some(' ' | ',' | '是')) {
            start += 1;
        } else {
            return None;
        }
        let end = (start..whole.len())
            .find(|&i| is_clause_break(whole.chars[i]) || whole.chars[i] == '\n')
            .unwrap_or(whole.len());
        if end - start > MAX_ORGANIZATION_CHARS + 12 {
            return None;
        }
        // 马骁，滨江电竞酒店行业协会会长孔令辉: the next clause introduces someone else.
        let another = (start..end).any(|i| {
            title_at(whole, i)
                .is_some_and(|t| name_after_title(whole, i + t.chars().count(), whole).is_some())
        });
        if another {
            return None;
        }
        let (organization, role) = describe(text, whole, start..end, whole);
        role.map(|role| (organization, role))
    })
}

/// People introduced beside their post rather than after a title, at the start of a sentence:
/// 作为华屋置业集团副总裁，韦晓丹… and 蒋红梅，幸福里社区党委书记，在社区…. The post is a clause
/// of its own that ends in a title.
fn appositions(original: &str, folded: &Folded, whole: &Folded) -> Vec<Person> {
    let is_comma = |i: usize| matches!(folded.chars.get(i), Some(',' | '，'));
    let clause_end = |from: usize| {
        (from..folded.len())
            .find(|&i| is_clause_break(folded.chars[i]))
            .filter(|&end| end > from && is_comma(end) && title_before(folded, end).is_some())
    };
    let starts = (0..folded.len()).filter(|&i| i == 0 || is_sentence_end(folded.chars[i - 1]));
    let mut people = Vec::new();
    for at in starts {
        let found = if folded.matches_at(at, "作为") {
            let post = at + "作为".chars().count();
            clause_end(post).and_then(|end| {
                let len = read_name(folded, end + 1, whole)?;
                Some((end + 1..end + 1 + len, post..end))
            })
        } else {
            read_name(folded, at, whole)
                .filter(|&len| is_comma(at + len))
                .and_then(|len| Some((at..at + len, at + len + 1..clause_end(at + len + 1)?)))
        };
        let Some((name, post)) = found else {
            continue;
        };
        if let (organization, Some(role)) = describe(original, folded, post, whole) {
            people.push(Person {
                name: original[folded.byte_range(name)].to_owned(),
                organization,
                role: Some(role),
                host: false,
            });
        }
    }
    people
}

/// People introduced by where they come from, with no title (来自禾润农业的刘建国、…): a name
/// the text writes again, after `来自ORGANISATION的`. 来自农村的孩子 names nobody: no surname
/// starts 孩子.
fn coming_from(original: &str, folded: &Folded, whole: &Folded) -> Vec<Person> {
    let text = |range: Range<usize>| original[folded.byte_range(range)].trim().to_owned();
    let mut people = Vec::new();
    for at in folded.find_all("来自") {
        let start = at + "来自".chars().count();
        let Some(of) = (start..(start + MAX_ORGANIZATION_CHARS).min(folded.len()))
            .take_while(|&i| is_han(folded.chars[i]) || folded.chars[i].is_ascii_alphanumeric())
            .find(|&i| i >= start + 2 && folded.chars[i] == '的')
        else {
            continue;
        };
        let Some(len) = read_name(folded, of + 1, whole) else {
            continue;
        };
        let name = of + 1..of + 1 + len;
        if whole.count(&folded.slice(name.clone())) >= 2 {
            people.push(Person {
                name: text(name),
                organization: Some(text(start..of)),
                role: None,
                host: false,
            });
        }
    }
    people
}

/// People listed with others by their organisation alone (…、联发科技的陈冠廷以及…): a name
/// the text writes again, after `ORGANISATION的`, joined to the list by 、, 和, 以及… on either
/// side. A place is no organisation (台湾的陈冠廷), and a name of two characters is too often
/// a word (博物馆同款的文创、…).
fn listed_by_organization(original: &str, folded: &Folded, whole: &Folded) -> Vec<Person> {
    let text = |range: Range<usize>| original[folded.byte_range(range)].trim().to_owned();
    let mut people = Vec::new();
    for of in (1..folded.len()).filter(|&i| folded.chars[i] == '的') {
        let Some(len) = read_name(folded, of + 1, whole).filter(|&len| len >= 3) else {
            continue;
        };
        let name = of + 1..of + 1 + len;
        let Some(organization) = read_organization_back(folded, of + 1, whole) else {
            continue;
        };
        let listed = folded.match_any(name.end, COORDINATORS).is_some()
            || folded
                .match_any_before(organization.start, COORDINATORS)
                .is_some();
        if listed
            && whole.count(&folded.slice(name.clone())) >= 2
            && !names_a_place(&folded.slice(organization.clone()), whole)
        {
            people.push(Person {
                name: text(name),
                organization: Some(text(organization)),
                role: None,
                host: false,
            });
        }
    }
    people
}

/// The organisation in a self-introduction, `我是ORGANISATION的NAME`.
fn self_introduction(text: &str, whole: &Folded, name: &str) -> Option<String> {
    let key = fold(name);
    whole.find_all(&key).into_iter().find_map(|at| {
        if at == 0 || whole.chars[at - 1] != '的' {
            return None;
        }
        let end = at - 1;
        let lower = end.saturating_sub(MAX_ORGANIZATION_CHARS + 2);
        let open = (lower..end)
            .rev()
            .take_while(|&i| !is_clause_break(whole.chars[i]))
            .find(|&i| whole.matches_at(i, "我是"))?;
        let start = open + 2;
        (end - start >= 2).then(|| text[whole.byte_range(start..end)].trim().to_owned())
    })
}

/// What someone runs, said right before their name without a title (经营「海风柑仔店」的叶秋月,
/// 创办了贝壳动物医院的谭思远): the organisation, and the role the verb makes (经营者, 创办人),
/// written in the text's own script.
fn running(text: &str, whole: &Folded, name: &str) -> Option<(String, String)> {
    let key = fold(name);
    whole.find_all(&key).into_iter().find_map(|at| {
        let end = at.checked_sub(1).filter(|&end| whole.chars[end] == '的')?;
        let lower = end.saturating_sub(MAX_ORGANIZATION_CHARS + 3);
        let (verb_at, verb, ending) = (lower..end)
            .rev()
            .take_while(|&i| !is_clause_break(whole.chars[i]))
            .find_map(|i| {
                RUNNING_VERBS
                    .iter()
                    .find(|(verb, _)| whole.matches_at(i, verb))
                    .map(|(verb, ending)| (i, *verb, *ending))
            })?;
        let verb_end = verb_at + verb.chars().count();
        let mut start = verb_end;
        if whole.chars.get(start) == Some(&'了') {
            start += 1;
        }
        let organization = quoted_before(whole, end)
            .filter(|inside| inside.start == start + 1)
            .unwrap_or(start..end);
        let words = &whole.chars[organization.clone()];
        let plain = words
            .iter()
            .all(|&c| is_han(c) || c.is_ascii_alphanumeric() || c == ' ');
        (words.len() >= 2 && plain).then(|| {
            let verb = &text[whole.byte_range(verb_at..verb_end)];
            (
                text[whole.byte_range(organization)].trim().to_owned(),
                format!("{verb}{ending}"),
            )
        })
    })
}

/// Where someone works, said where they are named: `来自ORGANISATION的NAME`, or
/// `NAME…在ORGANISATION担任/工作…` in the same sentence (我是今天的主持人洪雅琪，平常在东岸社区
/// 大学担任讲师).
fn workplace(text: &str, whole: &Folded, name: &str) -> Option<String> {
    const WORK_VERBS: &[&str] = &[
        "担任", "任职", "工作", "服务", "任教", "教书", "执教", "就职", "上班",
    ];
    let key = fold(name);
    let len = key.chars().count();
    let coming_from = |at: usize| {
        let end = at.checked_sub(1).filter(|&end| whole.chars[end] == '的')?;
        words_before(whole, end, whole)
            .filter(|o| whole.match_any_before(o.start, &["来自"]).is_some())
    };
    let working_at = |at: usize| {
        let from = at + len;
        let sentence_end = (from..whole.len())
            .find(|&i| is_sentence_end(whole.chars[i]))
            .unwrap_or(whole.len());
        (from..sentence_end)
            .filter(|&i| whole.chars[i] == '在' && whole.chars.get(i + 1) != Some(&'在'))
            .find_map(|i| {
                let start = i + 1;
                let limit = (start + MAX_ORGANIZATION_CHARS).min(sentence_end);
                let end = (start + 2..limit).find(|&e| whole.match_any(e, WORK_VERBS).is_some())?;
                let inside = &whole.chars[start..end];
                inside
                    .iter()
                    .all(|&c| is_han(c) || c.is_ascii_alphanumeric())
                    .then_some(start..end)
            })
    };
    whole.find_all(&key).into_iter().find_map(|at| {
        let organization = coming_from(at).or_else(|| working_at(at))?;
        let words = whole.slice(organization.clone());
        (!DEICTICS.iter().any(|d| words.starts_with(d)))
            .then(|| text[whole.byte_range(organization)].trim().to_owned())
    })
}

/// Adds a person, or completes the one already known by the same name.
fn merge(people: &mut Vec<Person>, person: Person) {
    let key = fold(&person.name);
    match people.iter_mut().find(|p| fold(&p.name) == key) {
        Some(known) => {
            if known.organization.is_none() {
                known.organization = person.organization;
            }
            if known.role.is_none() {
                known.role = person.role;
            }
            known.host |= person.host;
        }
        None => people.push(person),
    }
}

/// Introductions in one paragraph: `ORGANISATION + TITLE + NAME` (驭途科技创始人兼CEO林晓川,
/// “章记麻糍”的店主章秀英), a title after the name (鹭港国小的苏振宏校长), and several roles
/// ending in 的 + the name (身兼云上小院主理人与民宿协会副会长的龙小溪).
fn introductions(original: &str, folded: &Folded, whole: &Folded) -> Vec<Person> {
    let mut people = Vec::new();
    let text = |range: Range<usize>| original[folded.byte_range(range)].trim().to_owned();
    let mut at = 0;
    while at < folded.len() {
        let Some(title) = title_at(folded, at) else {
            at += 1;
            continue;
        };
        let title_end = at + title.chars().count();
        let introduced = name_after_title(folded, title_end, whole)
            .map(|name| (name, describe_before(folded, at, title_end, whole)))
            .or_else(|| {
                let name = name_after_roles(folded, at, title_end, whole)?;
                let first = first_role_after_opener(folded, at)?;
                Some((name, describe_before(folded, first.start, first.end, whole)))
            })
            .or_else(|| {
                let name = name_before_title(folded, at, whole)?;
                let organization = read_organization_back(folded, name.start, whole);
                Some((name, (with_modifiers(folded, at)..title_end, organization)))
            });
        let Some((name, (role, organization))) = introduced else {
            at += 1;
            continue;
        };
        let intro_start = organization.as_ref().map_or(role.start, |o| o.start);
        let host = HOST_TITLES.contains(&title)
            || folded.match_any(name.end, HOST_TITLES).is_some()
            || folded.matches_at(name.end, "担任主持")
            || named_as_host(folded, intro_start.min(name.start));
        people.push(Person {
            name: text(name.clone()),
            organization: organization.map(text),
            role: Some(text(role)),
            host,
        });
        at = name.end.max(title_end);
    }
    people
}

/// The title starting at `at`, if any; a Latin one only at the start of a word.
fn title_at(folded: &Folded, at: usize) -> Option<&'static str> {
    let title = folded.match_any(at, TITLES)?;
    let inside_word = title.is_ascii() && at > 0 && folded.chars[at - 1].is_ascii_alphanumeric();
    (!inside_word).then_some(title)
}

/// The title ending right before `end`, if any; a Latin one only at the start of a word.
fn title_before(folded: &Folded, end: usize) -> Option<&'static str> {
    let title = folded.match_any_before(end, TITLES)?;
    let start = end - title.chars().count();
    let inside_word =
        title.is_ascii() && start > 0 && folded.chars[start - 1].is_ascii_alphanumeric();
    (!inside_word).then_some(title)
}

/// The name right after a title (林晓川 in CEO林晓川, or CEO 林晓川).
fn name_after_title(folded: &Folded, title_end: usize, whole: &Folded) -> Option<Range<usize>> {
    let mut start = title_end;
    if folded.chars.get(start) == Some(&' ') {
        start += 1;
    }
    if let Some(len) = read_name(folded, start, whole) {
        return Some(start..start + len);
    }
    // An English name with the Chinese one in brackets after it (执行长Kevin Wu（吴凯文）).
    let open = start + latin_name_len(folded, start)?;
    if folded.chars.get(open) == Some(&'(') {
        let len = read_name(folded, open + 1, whole)?;
        return (folded.chars.get(open + 1 + len) == Some(&')'))
            .then_some(open + 1..open + 1 + len);
    }
    // An English name alone (创办人Tom Lee): two or three words the text writes again.
    let name = folded.slice(start..open);
    let words = name.split([' ', '-']).filter(|w| !w.is_empty()).count();
    ((2..=3).contains(&words) && whole.count(&name) >= 2).then_some(start..open)
}

/// The length of a name in Latin letters at `at` (kevin wu, j. k. lee): letters, with spaces,
/// dots and hyphens between them, up to a character that is none of these.
fn latin_name_len(folded: &Folded, at: usize) -> Option<usize> {
    let len = (at..folded.len())
        .take_while(|&i| is_latin_name_char(folded.chars[i]))
        .count();
    let name = folded.slice(at..at + len);
    let name = name.trim_end();
    (name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.len() <= MAX_LATIN_NAME)
        .then_some(name.chars().count())
}

/// Letters, and the spaces, dots and hyphens between them, in a name in Latin letters.
fn is_latin_name_char(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, ' ' | '.' | '-')
}

/// The most characters a name in Latin letters has.
const MAX_LATIN_NAME: usize = 30;

/// The name after `TITLE的` when the clause opened with a word describing roles (身兼…副会长的
/// 龙小溪, 作为…CEO的王小川): without that opener, `TITLE的` is usually followed by something
/// the person has (院长的秘书), not by their name.
fn name_after_roles(
    folded: &Folded,
    title_start: usize,
    title_end: usize,
    whole: &Folded,
) -> Option<Range<usize>> {
    if folded.chars.get(title_end) != Some(&'的') {
        return None;
    }
    role_opener_before(folded, title_start)?;
    name_after_title(folded, title_end + 1, whole)
}

/// Where a role opener (身兼, 作为…) ends, in the clause before `at`.
fn role_opener_before(folded: &Folded, at: usize) -> Option<usize> {
    let clause_start = (0..at)
        .rev()
        .find(|&i| is_clause_break(folded.chars[i]) && folded.chars[i] != '、')
        .map_or(0, |i| i + 1);
    (clause_start..at).find_map(|i| {
        folded
            .match_any(i, ROLE_OPENERS)
            .map(|w| i + w.chars().count())
    })
}

/// The first title after the role opener before `at` (主理人 in 身兼云上小院主理人与…副会长).
fn first_role_after_opener(folded: &Folded, at: usize) -> Option<Range<usize>> {
    let opener_end = role_opener_before(folded, at)?;
    (opener_end..at).find_map(|i| title_at(folded, i).map(|t| i..i + t.chars().count()))
}

/// A name written right before its title (苏振宏校长, 宋静怡教授): a surname and one or two given
/// characters that the text names again, starting where a name can start. A name that a title
/// already introduced (主任高美兰医师) is left to that title.
fn name_before_title(folded: &Folded, title_start: usize, whole: &Folded) -> Option<Range<usize>> {
    [3, 2, 4].into_iter().find_map(|len| {
        let start = title_start.checked_sub(len)?;
        let name = start..title_start;
        let can_start = start == 0
            || is_clause_break(folded.chars[start - 1])
            || matches!(
                folded.chars[start - 1],
                '的' | ' ' | '」' | '”' | '是' | '有' | '由' | '和' | '与' | '及' | '请'
            );
        let repeated = whole.count(&folded.slice(name.clone())) >= 2;
        (can_start
            && repeated
            && title_before(folded, start).is_none()
            && read_name(folded, start, whole) == Some(len))
        .then_some(name)
    })
}

/// The role and organisation written before a title that ends at `title_end`: the role from
/// the first of the titles joined to it, with its modifiers (主持律师, 创始人、院长), and the
/// organisation before that.
fn describe_before(
    folded: &Folded,
    title_start: usize,
    title_end: usize,
    whole: &Folded,
) -> (Range<usize>, Option<Range<usize>>) {
    let role_start = extend_role_back(folded, title_start);
    let organization = read_organization_back(folded, role_start, whole);
    // 滨江第二中学的语文老师: a word between an organisation's 的 and the title qualifies the
    // role when what precedes the 的 is a kind of organisation.
    let qualified = organization.as_ref().and_then(|words| {
        let de = words.start.checked_sub(1)?;
        let words_text = folded.slice(words.clone());
        if folded.chars[de] != '的' || ORGANIZATION_KINDS.iter().any(|k| words_text.ends_with(k)) {
            return None;
        }
        let before = words_before(folded, de, whole)?;
        let before_text = folded.slice(before.clone());
        ORGANIZATION_KINDS
            .iter()
            .any(|k| before_text.ends_with(k))
            .then_some((words.start, before))
    });
    match qualified {
        Some((role_start, organization)) => (role_start..title_end, Some(organization)),
        None => (role_start..title_end, organization),
    }
}

/// Whether the words before an introduction say it is the host's (主持人是…, 主持人：).
fn named_as_host(folded: &Folded, intro_start: usize) -> bool {
    let mut end = intro_start;
    while end > 0 && folded.chars[end - 1] == ' ' {
        end -= 1;
    }
    if end > 0 && matches!(folded.chars[end - 1], '是' | '为' | ':' | ',' | '、') {
        end -= 1;
    }
    folded.match_any_before(end, HOST_TITLES).is_some()
}

/// Where the introduction of a name starting at `name_start` begins: the organisation and the
/// title written right before the name (智源研究院院长王仲远, “章记麻糍”的店主章秀英), with
/// any other posts of theirs listed before it (大会组委会副主任、澄川市文化和旅游局副局长柴立新),
/// or `name_start` when no title is there.
pub fn introduction_start(folded: &Folded, name_start: usize) -> usize {
    let mut start = post_start(folded, name_start);
    // One person's posts are listed with the enumeration comma, each ending with a title.
    while start > 0 && folded.chars[start - 1] == '、' {
        let earlier = post_start(folded, start - 1);
        if earlier == start - 1 {
            break;
        }
        start = earlier;
    }
    start
}

/// Where the organisation and title written right before `at` begin (澄川市文化和旅游局副局长),
/// or `at` when no title ends there.
fn post_start(folded: &Folded, at: usize) -> usize {
    let mut end = at;
    if end > 0 && folded.chars[end - 1] == ' ' {
        end -= 1;
    }
    let Some(title) = title_before(folded, end) else {
        return at;
    };
    let role_start = extend_role_back(folded, end - title.chars().count());
    match read_organization_back(folded, role_start, folded) {
        Some(organization)
            if organization.start > 0
                && closing_quote(folded.chars[organization.start - 1]).is_some() =>
        {
            organization.start - 1
        }
        Some(organization) => organization.start,
        None => role_start,
    }
}

/// `NAME（ORGANISATION + TITLE）` introductions in one paragraph (林晓川（驭途科技CEO）表示).
fn bracketed(original: &str, folded: &Folded, whole: &Folded) -> Vec<Person> {
    let mut people = Vec::new();
    for open in (1..folded.len()).filter(|&i| folded.chars[i] == '(') {
        let name = [3, 2, 4].into_iter().find_map(|len| {
            let start = open.checked_sub(len)?;
            (read_name(folded, start, whole) == Some(len)).then_some(start..open)
        });
        let Some(name) = name else {
            continue;
        };
        if let (organization, Some(role)) =
            describe(original, folded, open + 1..folded.len(), whole)
        {
            people.push(Person {
                name: original[folded.byte_range(name)].to_owned(),
                organization,
                role: Some(role),
                host: false,
            });
        }
    }
    people
}

/// The person named by a transcript turn's prefix (林晓川：, 主持人 周宁：), or by a line
/// that names the host (主持人：周宁).
fn transcript_person(original: &str, folded: &Folded, whole: &Folded) -> Option<Person> {
    let (prefix, content_start) = turn_prefix(folded)?;
    let mut start = prefix.start;
    let host = match folded.match_any(start, HOST_TITLES) {
        Some(title) => {
            start += title.chars().count();
            true
        }
        None => false,
    };
    while folded.chars.get(start) == Some(&' ') {
        start += 1;
    }
    // The words naming the person: the prefix after any host title, or the rest of a line
    // that only names the host (主持人：周宁).
    let words = if start < prefix.end {
        start..prefix.end
    } else if host {
        let trimmed_end = (content_start..folded.len())
            .rev()
            .find(|&i| !is_clause_break(folded.chars[i]) && folded.chars[i] != ' ')
            .map_or(content_start, |i| i + 1);
        content_start..trimmed_end
    } else {
        return None;
    };
    // The name, then who they are in brackets (林晓川（驭途科技创始人兼CEO）：, 主持人：陈怡安
    // （台中市经济发展局专门委员）), or a host's name in brackets (主持人（李佳蓉）：).
    let bracket = words.clone().find(|&i| folded.chars[i] == '(');
    let (organization, role, name_range) = match bracket {
        Some(open) if open > words.start => {
            let (organization, role) = describe(original, folded, open + 1..words.end, whole);
            (organization, role, words.start..open)
        }
        Some(open) if host => {
            let close = (open..words.end)
                .find(|&i| folded.chars[i] == ')')
                .unwrap_or(words.end);
            (None, None, open + 1..close)
        }
        _ => (None, None, words),
    };
    let name_range = trim_spaces(folded, name_range);
    let name_len = read_name(folded, name_range.start, whole)?;
    if name_len != name_range.len() {
        return None;
    }
    Some(Person {
        name: original[folded.byte_range(name_range)].to_owned(),
        organization,
        role: role.or_else(|| host.then(|| "主持人".to_owned())),
        host,
    })
}

/// Who a bracket or an apposition says someone is (驭途科技创始人兼CEO, 她是老街「海风柑仔店」
/// 的老板): the organisation written before the first title, and the role from it to the
/// closing bracket.
fn describe(
    original: &str,
    folded: &Folded,
    inside: Range<usize>,
    whole: &Folded,
) -> (Option<String>, Option<String>) {
    let close = (inside.clone())
        .find(|&i| folded.chars[i] == ')')
        .unwrap_or(inside.end);
    let Some(title_at) = (inside.start..close).find(|&i| title_at(folded, i).is_some()) else {
        return (None, None);
    };
    let role_start = with_modifiers(folded, title_at).max(inside.start);
    let text = |range: Range<usize>| original[folded.byte_range(range)].trim().to_owned();
    let organization = read_organization_back(folded, role_start, whole)
        .map(|o| o.start.max(inside.start)..o.end)
        .filter(|o| o.len() >= 2)
        .map(text);
    (organization, Some(text(role_start..close)))
}

/// A transcript turn's prefix: the characters before a colon near the start of a paragraph,
/// with no other punctuation before it, or a label in brackets opening it (【林建宏】我们…).
/// Returns the prefix (trimmed) and where the turn's words start.
///
/// A clock time opening the turn is left out ([00:03:30] 郑浩：…). A line holding only a name
/// and a clock time (郑浩 00:42), as meeting tools write a turn's head over its words, is a
/// prefix with no words after it.
pub fn turn_prefix(folded: &Folded) -> Option<(Range<usize>, usize)> {
    let mut first = folded.timestamp_len(0).unwrap_or(0);
    while folded.chars.get(first) == Some(&' ') {
        first += 1;
    }
    if let Some(head) = timed_head(folded) {
        return Some(head);
    }
    if let Some((label, content)) = bracketed_label(folded, first) {
        return Some((label, content));
    }
    let colon = first
        + folded.chars[first..]
            .iter()
            .take(MAX_PREFIX_CHARS + 1)
            .position(|&c| is_clause_break(c))?;
    if folded.chars[colon] != ':' || colon == first {
        return None;
    }
    let mut end = colon;
    while end > first && folded.chars[end - 1] == ' ' {
        end -= 1;
    }
    let mut start = first;
    while start < end && matches!(folded.chars[start], ' ' | '[' | '【' | '(') {
        start += 1;
    }
    let mut content = colon + 1;
    while folded.chars.get(content) == Some(&' ') {
        content += 1;
    }
    (start < end).then_some((start..end, content))
}

/// A turn labelled in brackets, with or without a colon after them: 【林建宏】我们从…,
/// [主持人] 欢迎…. The label must be short and hold no punctuation, and words must follow it: a
/// paragraph all in brackets is a stage direction (【笑】).
fn bracketed_label(folded: &Folded, first: usize) -> Option<(Range<usize>, usize)> {
    let close = match folded.chars.get(first)? {
        '【' => '】',
        '[' => ']',
        _ => return None,
    };
    let end = (first + 1..folded.len().min(first + MAX_PREFIX_CHARS + 2))
        .find(|&i| folded.chars[i] == close)?;
    if (first + 1..end).any(|i| is_clause_break(folded.chars[i])) {
        return None;
    }
    let label = trim_spaces(folded, first + 1..end);
    let mut content = end + 1;
    while matches!(folded.chars.get(content), Some(' ' | ':')) {
        content += 1;
    }
    (!label.is_empty() && content < folded.len()).then_some((label, content))
}

/// A line that is a name and the clock time its turn starts (郑浩 00:42, 主持人 周婷 00:00):
/// the name, and the line's end as where the words start.
fn timed_head(folded: &Folded) -> Option<(Range<usize>, usize)> {
    let space = (0..folded.len()).rev().find(|&i| folded.chars[i] == ' ')?;
    if folded.timestamp_len(space + 1)? != folded.len() - space - 1 {
        return None;
    }
    let head = trim_spaces(folded, 0..space);
    let plain = !head.is_empty()
        && head.len() <= MAX_PREFIX_CHARS
        && !head.clone().any(|i| is_clause_break(folded.chars[i]));
    plain.then_some((head, folded.len()))
}

/// A range without the spaces at either end.
fn trim_spaces(folded: &Folded, mut range: Range<usize>) -> Range<usize> {
    while range.start < range.end && folded.chars[range.start] == ' ' {
        range.start += 1;
    }
    while range.end > range.start && folded.chars[range.end - 1] == ' ' {
        range.end -= 1;
    }
    range
}

/// What a transcript turn's prefix says about who speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prefix {
    /// Someone unnamed asks (Q：, 问：, 观众：).
    Question,
    /// Whoever was asked answers (A：, 答：), or the one its bracket names (周启航 of
    /// 答（周启航）：).
    Answer(Option<String>),
    /// The folded words of the prefix, to resolve against the people (林晓川, 主持人, 林总).
    Named(String),
}

/// Reads a turn prefix. What a bracket adds (林晓川（驭途科技CEO）) and the letter or number
/// telling unnamed askers apart (观众A, 观众1) are left out.
pub fn read_prefix(folded: &Folded, prefix: Range<usize>) -> Prefix {
    let words: String = folded.slice(prefix).replace(' ', "");
    let (words, bracket) = match words.find('(') {
        Some(open) if open > 0 => {
            let inside = words[open + 1..].split(')').next().unwrap_or("").to_owned();
            (
                words[..open].to_owned(),
                Some(inside).filter(|w| !w.is_empty()),
            )
        }
        _ => (words, None),
    };
    let asker = words.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
    let asker = if asker.is_empty() { &words } else { asker };
    if QUESTION_PREFIXES.contains(&asker) {
        Prefix::Question
    } else if ANSWER_PREFIXES.contains(&words.as_str()) {
        Prefix::Answer(bracket)
    } else {
        Prefix::Named(words)
    }
}

/// The length of a personal name starting at `at`: a surname and one or two given characters.
/// The length is decided by how the text repeats the name: 林晓川 recurs whole, 陶然 recurs
/// without the 主 of 陶然主持.
pub fn read_name(folded: &Folded, at: usize, whole: &Folded) -> Option<usize> {
    if let Some(len) = dotted_name(folded, at, whole) {
        return Some(len);
    }
    let surname = surname_len(folded, at)?;
    let given_at = at + surname;
    // A doubled character is a word (谢谢, 常常), not a surname and a given name.
    if folded.chars.get(given_at) == Some(&folded.chars[given_at - 1]) {
        return None;
    }
    // A surname and a title or an honorific is how someone is addressed (林局长, 王教授,
    // 陈老师, 郑总), not their name.
    let addressed = folded.match_any(given_at, TITLES).is_some()
        || folded.match_any(given_at, HONORIFICS).is_some()
        || (folded.match_any(given_at, &["总", "董"]).is_some()
            && !folded.chars.get(given_at + 1).is_some_and(|&c| is_han(c)));
    if addressed {
        return None;
    }
    let given_ok = |i: usize, stops: bool| {
        folded
            .chars
            .get(i)
            .is_some_and(|&c| is_han(c) && !(stops && NAME_STOPS.contains(c)))
    };
    if !given_ok(given_at, true) {
        return None;
    }
    let short = surname + 1;
    if !given_ok(given_at + 1, false) {
        return Some(short);
    }
    let long = surname + 2;
    let short_count = whole.count(&folded.slice(at..at + short));
    let long_count = whole.count(&folded.slice(at..at + long));
    // A third character that ends a name by starting a verb (强 of 强调) is still the name's
    // when the text writes the longer name before a reporting verb or a title (冯志强介绍), or
    // as whose speech or view something is (冯志强的发言). One that is a word of its own (则,
    // 也, 还) is not: 李明则表示.
    let third = folded.chars[given_at + 1];
    let third_stops = NAME_STOPS.contains(third)
        && !(REPORTING_VERBS.iter().any(|verb| verb.starts_with(third))
            && whole
                .find_all(&folded.slice(at..at + long))
                .into_iter()
                .any(|found| {
                    let after = found + long;
                    let of = |words: &[&str]| {
                        whole.chars.get(after) == Some(&'的')
                            && whole.match_any(after + 1, words).is_some()
                    };
                    whole.match_any(after, REPORTING_VERBS).is_some()
                        || whole.match_any(after, TITLES).is_some()
                        || of(SPEECHES)
                        || of(VIEW_NOUNS)
                }));
    if long_count >= 2 && long_count * 2 >= short_count && !third_stops {
        Some(long)
    } else if (short_count >= 2 && long_count < 2) || third_stops {
        Some(short)
    } else {
        Some(long)
    }
}

/// A transliterated name, its parts joined by a dot (阿依古丽·买买提, 迈克尔·乔丹), starting at
/// `at`: its length. The last part ends where a title, a reporting verb or a character that
/// ends a name comes (买买提介绍); of the lengths left, the longest the text writes again.
fn dotted_name(folded: &Folded, at: usize, whole: &Folded) -> Option<usize> {
    let han_run = |from: usize| {
        (from..folded.len())
            .take_while(|&i| is_han(folded.chars[i]))
            .count()
    };
    // Every part but the last is followed by a dot.
    let mut last_start = at;
    loop {
        let part = han_run(last_start);
        if part == 0 || part > MAX_NAME_PART {
            break;
        }
        if folded.chars.get(last_start + part) != Some(&NAME_DOT) {
            break;
        }
        last_start += part + 1;
    }
    let run = han_run(last_start);
    if last_start == at || run == 0 {
        return None;
    }
    // The last part ends before a title or a reporting verb (买买提介绍), at most; before a
    // character that usually ends a name (买买提也…), unless the text writes the longer name
    // again: transliterations use those characters too (提, 尔).
    let end = last_start + run.min(MAX_NAME_PART);
    let before =
        |stops: &dyn Fn(usize) -> bool| (last_start + 1..end).find(|&i| stops(i)).unwrap_or(end);
    let limit = before(&|i| {
        folded.match_any(i, TITLES).is_some() || folded.match_any(i, REPORTING_VERBS).is_some()
    });
    let written_again = (last_start + 1..=limit)
        .rev()
        .find(|&end| whole.count(&folded.slice(at..end)) >= 2);
    let stop = before(&|i| NAME_STOPS.contains(folded.chars[i])).min(limit);
    Some(written_again.unwrap_or(stop) - at)
}

/// The most characters one part of a transliterated name has.
const MAX_NAME_PART: usize = 6;

/// Whether the characters at `at` are a surname: its length, compound surnames first.
fn surname_len(folded: &Folded, at: usize) -> Option<usize> {
    if folded.match_any(at, COMPOUND_SURNAMES).is_some() {
        return Some(2);
    }
    folded
        .chars
        .get(at)
        .is_some_and(|&c| SURNAMES.contains(c))
        .then_some(1)
}

/// A title joined to earlier ones by 兼 (创始人兼CEO, 副总裁兼智能驾驶事业部总经理) or listed
/// right after one with 、 (创始人、院长) starts where the first of them starts, with the
/// words that qualify it (主持律师, 第二代老板).
fn extend_role_back(folded: &Folded, title_start: usize) -> usize {
    let mut start = with_modifiers(folded, title_start);
    loop {
        if start > 0 && folded.chars[start - 1] == '、' {
            if let Some(title) = title_before(folded, start - 1) {
                start = with_modifiers(folded, start - 1 - title.chars().count());
                continue;
            }
        }
        let lower = start.saturating_sub(12);
        let joint = (lower..start).rev().find(|&i| {
            let c = folded.chars[i];
            c == '兼' || is_clause_break(c) || closing_quote(c).is_some()
        });
        let Some(joint) = joint.filter(|&i| folded.chars[i] == '兼') else {
            return start;
        };
        match title_before(folded, joint) {
            Some(title) => start = with_modifiers(folded, joint - title.chars().count()),
            None => return start,
        }
    }
}

/// Where a title starts with the words qualifying it: a modifier (主持律师, 执业医师) or an
/// ordinal (第二代老板, 第三任校长).
fn with_modifiers(folded: &Folded, title_start: usize) -> usize {
    if let Some(modifier) = folded.match_any_before(title_start, ROLE_MODIFIERS) {
        return title_start - modifier.chars().count();
    }
    let Some(unit) = title_start.checked_sub(1) else {
        return title_start;
    };
    if !matches!(folded.chars[unit], '代' | '任' | '届') {
        return title_start;
    }
    let numerals = folded.chars[..unit]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(**c))
        .count();
    match unit.checked_sub(numerals + 1) {
        Some(ordinal) if numerals > 0 && folded.chars[ordinal] == '第' => ordinal,
        _ => title_start,
    }
}

/// The organisation written right before a title, read backwards to a punctuation mark or a
/// joining word: a name in quotation marks (“章记麻糍”的店主), or the words before the title or
/// its 的 (光棱的联合创始人). Words that say when or which (今天的主持人) are no organisation.
fn read_organization_back(folded: &Folded, end: usize, whole: &Folded) -> Option<Range<usize>> {
    let mut end = end;
    while end > 0 && folded.chars[end - 1] == ' ' {
        end -= 1;
    }
    if end > 0 && folded.chars[end - 1] == '的' {
        end -= 1;
    }
    let organization = quoted_before(folded, end).or_else(|| {
        words_before(folded, end, whole).map(|words| without_descriptor(folded, words, whole))
    })?;
    let words = folded.slice(organization.clone());
    (!DEICTICS.iter().any(|d| words.starts_with(d))).then_some(organization)
}

/// Words ending a description of what an organisation does, written before its name
/// (跨境支付服务商途付科技, 连锁超市好日鲜, 出海咨询机构领航数据), folded.
const DESCRIPTOR_ENDS: [&str; 8] = [
    "服务商",
    "供应商",
    "运营商",
    "开发商",
    "发行商",
    "厂商",
    "机构",
    "超市",
];

/// The organisation without a description before its name: the name after a word of
/// [`DESCRIPTOR_ENDS`], when the text names it elsewhere without the description (途付科技为
/// 三百多家游戏公司…). A name that ends in such a word itself (联想集团供应商) is left whole.
fn without_descriptor(folded: &Folded, words: Range<usize>, whole: &Folded) -> Range<usize> {
    let text = folded.slice(words.clone());
    let described = DESCRIPTOR_ENDS.iter().find_map(|end| {
        let at = text.find(end)? + end.len();
        let name = &text[at..];
        (name.chars().count() >= 2 && whole.count(name) > whole.count(&text))
            .then(|| words.start + text[..at].chars().count())
    });
    match described {
        Some(start) => start..words.end,
        None => words,
    }
}

/// The inside of a quotation ending right before `end` (“章记麻糍”), when it is short enough
/// to be a name.
fn quoted_before(folded: &Folded, end: usize) -> Option<Range<usize>> {
    let close = end.checked_sub(1)?;
    let closing = folded.chars[close];
    let lower = close.saturating_sub(MAX_ORGANIZATION_CHARS + 1);
    let open = (lower..close)
        .rev()
        .find(|&i| closing_quote(folded.chars[i]) == Some(closing))?;
    let inside = open + 1..close;
    let words = &folded.chars[inside.clone()];
    (words.len() >= 2 && !words.iter().any(|&c| is_clause_break(c))).then_some(inside)
}

/// The words of an organisation before `end`, back to a punctuation mark or a joining word.
/// A 和, 与 or 及 joins two people's descriptions (王小川和百川智能CEO…) unless the text names
/// the organisation through it more than once, or it joins a common word to a public body's
/// name (住房和城乡建设局, 文化和旅游局).
fn words_before(folded: &Folded, end: usize, whole: &Folded) -> Option<Range<usize>> {
    if end == 0 {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let c = folded.chars[start - 1];
        // A title in 《》 is part of the organisation (《豐年田野》雜誌).
        if c == '》' {
            match (start.saturating_sub(MAX_ORGANIZATION_CHARS)..start - 1)
                .rev()
                .find(|&i| folded.chars[i] == '《')
            {
                Some(open) => {
                    start = open;
                    continue;
                }
                None => break,
            }
        }
        if is_clause_break(c)
            || closing_quote(c).is_some()
            || matches!(
                c,
                '」' | '”' | '』' | '(' | ')' | '《' | '》' | '[' | ']' | '【' | '】'
            )
            || !(is_han(c) || c.is_ascii_alphanumeric() || matches!(c, ' ' | '·' | '-' | '&'))
        {
            break;
        }
        // 有 is a verb (嘉宾有…) except in 有限公司.
        let verb_you = c == '有' && folded.chars.get(start) != Some(&'限');
        // 被主持人…: a joining word right before the title leaves no organisation.
        if start == end && ORGANIZATION_STOP_CHARS.contains(c) {
            return None;
        }
        let long_enough = end - start >= 2;
        if long_enough
            && (folded.match_any_before(start, ORGANIZATION_STOPS).is_some()
                || ORGANIZATION_STOP_CHARS.contains(c)
                || verb_you)
        {
            if matches!(c, '和' | '与' | '及') {
                let through = words_before(folded, start - 1, whole)
                    .filter(|before| {
                        whole.count(&folded.slice(before.start..end)) >= 2
                            || joins_a_public_body(
                                &folded.slice(before.clone()),
                                &folded.slice(start..end),
                            )
                    })
                    .map(|before| before.start..end);
                if through.is_some() {
                    return through;
                }
            }
            break;
        }
        if end - start >= MAX_ORGANIZATION_CHARS {
            return None;
        }
        start -= 1;
    }
    while start < end && folded.chars[start] == ' ' {
        start += 1;
    }
    (end - start >= 2).then_some(start..end)
}

/// Whether `before` 和 `after` is one public body's name (南湖市住房 和 城乡建设局): `after`
/// ends in a kind of public body and `before` in a word of the language, not a place or a
/// name.
fn joins_a_public_body(before: &str, after: &str) -> bool {
    use crate::speakers::Words as _;
    let chars: Vec<char> = before.chars().collect();
    let ends_in_a_word = (2..=4.min(chars.len())).any(|len| {
        let word: String = chars[chars.len() - len..].iter().collect();
        dictionary().is_word(&word) && !dictionary().is_place(&word)
    });
    after.ends_with(|c| PUBLIC_BODY_KINDS.contains(c)) && ends_in_a_word
}

/// The last character of a public body's name (教育局, 商务部, 财政厅, 卫健委).
const PUBLIC_BODY_KINDS: &str = "局部厅委署";

/// The surname of a name: a compound surname, or the first character.
pub(super) fn surname_of(name: &str) -> &str {
    let folded = fold(name);
    let len = if COMPOUND_SURNAMES.iter().any(|s| folded.starts_with(s)) {
        2
    } else {
        1
    };
    let end = name.char_indices().nth(len).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

/// The titles a role holds, folded (创始人兼CEO → 创始人, ceo).
fn titles_in(role: &str) -> Vec<&'static str> {
    let folded = Folded::new(role);
    let mut titles = Vec::new();
    let mut at = 0;
    while at < folded.len() {
        match folded.match_any(at, TITLES) {
            Some(title) => {
                titles.push(title);
                at += title.chars().count();
            }
            None => at += 1,
        }
    }
    titles
}

/// The names every person goes by. A form two people share names neither, and is dropped.
/// `event_names` are the event's name and session, which no organisation's short form may be
/// part of.
pub fn names(people: &[Person], text: &str, event_names: &[&str]) -> Vec<Names> {
    let whole = Folded::new(text);
    let mut all: Vec<Names> = people
        .iter()
        .map(|person| names_of(person, people, text, &whole))
        .collect();
    add_short_forms(people, &mut all, event_names, &whole);
    drop_shared_organization_aliases(people, &mut all);
    let shared: Vec<String> = {
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (index, names) in all.iter().enumerate() {
            for reference in &names.references {
                seen.push((reference.clone(), index));
            }
        }
        seen.iter()
            .filter(|(r, i)| seen.iter().any(|(r2, i2)| r2 == r && i2 != i))
            .map(|(r, _)| r.clone())
            .collect()
    };
    for names in &mut all {
        names.references.retain(|r| !shared.contains(r));
        names.aliases.retain(|a| !shared.contains(&fold(a)));
    }
    all
}

/// Adds to each organisation's aliases the short forms the roster derives where a pack lists
/// none ([`crate::speakers::organization_references`]: its trade name and the trade name's
/// pinyin, the name without a legal form or a leading place), as the text writes them and in
/// the other script. A draft lists organisation aliases, so the roster would derive none for
/// it.
fn add_short_forms(people: &[Person], all: &mut [Names], event_names: &[&str], whole: &Folded) {
    for (person, names) in people.iter().zip(all.iter_mut()) {
        let Some(organization) = person.organization.as_deref() else {
            continue;
        };
        let words = TextWords { whole };
        let derived = crate::speakers::organization_references(organization, event_names, &words);
        let aliases = &mut names.organization_aliases;
        for form in derived.iter().map(|form| as_written(organization, form)) {
            // Hengli, already drafted as the brand in pinyin, is hengli folded.
            if aliases.iter().any(|alias| fold(alias) == fold(&form)) {
                continue;
            }
            if let Some(other) = other_script(&form) {
                push_unique(aliases, other);
            }
            push_unique(aliases, form);
        }
    }
}

/// Drops the organisation aliases listed for two organisations (澜州 for 澜州市体育局 and
/// 澜州广播电视台): the roster names neither with them, and a reviewer would only delete them.
/// People of one organisation share its aliases.
fn drop_shared_organization_aliases(people: &[Person], all: &mut [Names]) {
    let listed: Vec<(String, Option<&String>)> = people
        .iter()
        .zip(all.iter())
        .flat_map(|(person, names)| {
            names
                .organization_aliases
                .iter()
                .map(move |alias| (fold(alias), person.organization.as_ref()))
        })
        .collect();
    let shared = |alias: &str| {
        let folded = fold(alias);
        let mut organizations = listed
            .iter()
            .filter(|(other, _)| *other == folded)
            .map(|(_, organization)| organization);
        organizations
            .next()
            .is_some_and(|first| organizations.any(|other| other != first))
    };
    for names in all.iter_mut() {
        names.organization_aliases.retain(|alias| !shared(alias));
    }
}

/// jieba's dictionary, for what the roster's derivation knows of words (places, common
/// words); loaded once, on the first draft.
fn dictionary() -> &'static crate::search::Analyzer {
    static DICTIONARY: std::sync::LazyLock<crate::search::Analyzer> =
        std::sync::LazyLock::new(|| {
            crate::search::Analyzer::new(&crate::knowledge::Knowledge::default())
        });
    &DICTIONARY
}

/// A folded short form of an organisation's name as the name writes it (输配电公司 of
/// 台灣輸配電公司 → 輸配電公司), or as it is when the name does not hold it (pinyin).
fn as_written(organization: &str, form: &str) -> String {
    let folded = Folded::new(organization);
    let form_chars: Vec<char> = form.chars().collect();
    (0..=folded.len().saturating_sub(form_chars.len()))
        .find(|&at| folded.chars[at..].starts_with(&form_chars))
        .map_or_else(
            || form.to_owned(),
            |at| organization[folded.byte_range(at..at + form_chars.len())].to_owned(),
        )
}

/// The name in Latin letters the text writes beside a Chinese one, in brackets after it or
/// with it in brackets (Kevin Wu（吳凱文）, 吳凱文（Kevin Wu）), as the text writes it.
fn latin_beside(name: &str, text: &str, whole: &Folded) -> Option<String> {
    let key = fold(name);
    let len = key.chars().count();
    let found = whole.find_all(&key).into_iter().find_map(|at| {
        let end = at + len;
        let before = at.checked_sub(1).filter(|&open| whole.chars[open] == '(');
        let after = (whole.chars.get(end) == Some(&'(')).then_some(end + 1);
        if let (Some(open), true) = (before, whole.chars.get(end) == Some(&')')) {
            // The Latin name ends right before the bracket, and starts after a title or a
            // clause break: read back over letters, spaces, dots and hyphens.
            let run = (0..open)
                .rev()
                .take_while(|&i| is_latin_name_char(whole.chars[i]))
                .last()?;
            let start = (run..open).find(|&i| whole.chars[i].is_ascii_alphabetic())?;
            let latin_len = latin_name_len(whole, start)?;
            return Some(text[whole.byte_range(start..start + latin_len)].to_owned());
        }
        let from = after?;
        let latin_len = latin_name_len(whole, from)?;
        (whole.chars.get(from + latin_len) == Some(&')'))
            .then(|| text[whole.byte_range(from..from + latin_len)].to_owned())
    });
    // 林晓川（CEO）says who they are, not what they are called.
    found.filter(|latin| !TITLES.contains(&fold(latin).as_str()))
}

/// Adds a derived form, which joins parts that may be in either script (鄭 + 总): it is
/// written in Traditional throughout (each part as the text writes it, or converted when
/// certain) and in Simplified throughout.
fn add(aliases: &mut Vec<String>, references: &mut Vec<String>, parts: &[&str]) {
    let simplified: String = parts.iter().map(|part| fast2s::convert(part)).collect();
    let traditional: Option<String> = parts
        .iter()
        .map(|part| {
            if fast2s::convert(part) != *part {
                Some((*part).to_owned())
            } else {
                other_script(part).or_else(|| Some((*part).to_owned()))
            }
        })
        .collect();
    if let Some(traditional) = traditional.filter(|t| *t != simplified) {
        push_unique(aliases, traditional);
    }
    push_unique(references, fold(&simplified));
    push_unique(aliases, simplified);
}

/// The forms that name someone by their surname: its pinyin, and the surname with a title
/// (林总, 黄副局长, 张主编) or an honorific (陈老师) when no one else has that surname.
fn surname_forms(
    person: &Person,
    people: &[Person],
    text: &str,
    whole: &Folded,
    titles: &[&'static str],
    aliases: &mut Vec<String>,
    references: &mut Vec<String>,
) {
    for romanised in pinyin_forms(&person.name) {
        push_unique(aliases, romanised);
    }
    let surname = surname_of(&person.name);
    if titles
        .iter()
        .any(|t| t.is_ascii() || EXECUTIVE_TITLES.contains(t))
    {
        add(aliases, references, &[surname, "总"]);
    }
    for (title, short) in ADDRESS_TITLES {
        // 副局长 and 村支书 are addressed as 局长 and 支书 (书记).
        let held = titles
            .iter()
            .any(|t| t == title || t.strip_prefix(['副', '村']) == Some(title));
        if held {
            add(aliases, references, &[surname, title]);
            // 黄副局长 as well as 黄局长.
            if titles.iter().any(|t| t.strip_prefix('副') == Some(title)) {
                add(aliases, references, &[surname, "副", title]);
            }
            if let Some(short) = short {
                add(aliases, references, &[surname, short]);
            }
        }
    }
    // The surname and a word after it name the person in the text; the forms the text uses
    // are aliases too, as it writes them (葉老闆, not 葉老板).
    let by_surname = |aliases: &mut Vec<String>, references: &mut Vec<String>, word: &str| {
        let form = fold(&format!("{surname}{word}"));
        match whole.find_all(&form).first() {
            Some(&at) => {
                let written = &text[whole.byte_range(at..at + form.chars().count())];
                add(aliases, references, &[written]);
            }
            None => push_unique(references, form),
        }
    };
    // Every other title of theirs (吴常务理事, 张主编).
    for title in titles.iter().filter(|t| !t.is_ascii()) {
        by_surname(aliases, references, title);
    }
    let same_surname = people
        .iter()
        .filter(|p| surname_of(&p.name) == surname)
        .count();
    if same_surname == 1 {
        for honorific in HONORIFICS {
            by_surname(aliases, references, honorific);
        }
    }
}

fn names_of(person: &Person, people: &[Person], text: &str, whole: &Folded) -> Names {
    let mut aliases: Vec<String> = Vec::new();
    let mut references: Vec<String> = vec![fold(&person.name)];
    if let Some(other) = other_script(&person.name) {
        push_unique(&mut aliases, other);
    }
    // A transliterated name (阿依古丽·买买提) has no surname to address its holder by: it is
    // also written without its dot, and named by any part the text uses on its own (乔丹 of
    // 迈克尔·乔丹).
    let is_dot = |c: char| crate::normalize::fold_width(c) == NAME_DOT;
    let transliterated = person.name.contains(is_dot);
    // Nor has a name in Latin letters (Tom Lee) a surname to put before a title.
    let has_surname = !transliterated && person.name.chars().all(is_han);
    if transliterated {
        add(
            &mut aliases,
            &mut references,
            &[&person.name.replace(is_dot, "")],
        );
        let full = whole.count(&fold(&person.name));
        for part in person.name.split(is_dot) {
            if part.chars().count() >= 2 && whole.count(&fold(part)) > full {
                add(&mut aliases, &mut references, &[part]);
            }
        }
    }
    let latin = latin_beside(&person.name, text, whole);
    if let Some(latin) = &latin {
        push_unique(&mut references, fold(latin));
        push_unique(&mut aliases, latin.clone());
    }
    // A name in Latin letters is also named by its first word when the text uses it alone
    // (Raymond of Raymond Huang).
    let latin = latin.or_else(|| person.name.is_ascii().then(|| person.name.clone()));
    if let Some(latin) = &latin {
        let first = latin.split_whitespace().next().unwrap_or_default();
        if first.len() >= 3
            && first != latin
            && whole.count(&fold(first)) > whole.count(&fold(latin))
        {
            add(&mut aliases, &mut references, &[first]);
        }
    }
    let titles = person.role.as_deref().map(titles_in).unwrap_or_default();
    if has_surname {
        surname_forms(
            person,
            people,
            text,
            whole,
            &titles,
            &mut aliases,
            &mut references,
        );
    }
    let hosts = people.iter().filter(|p| p.host).count();
    if person.host && hosts == 1 {
        add(&mut aliases, &mut references, &["主持人"]);
        push_unique(&mut aliases, "moderator".to_owned());
        push_unique(&mut aliases, "host".to_owned());
    }
    // A title alone names whoever alone holds it (理事長, 院长), as a question may put it;
    // shared titles (two CEOs) are dropped with every other shared name, and one that is also
    // a polite form of address (老师, 教练) is too common a word to name anyone.
    for title in titles
        .iter()
        .filter(|t| !t.is_ascii() && !HONORIFICS.contains(t))
    {
        let held_by_others = people
            .iter()
            .filter(|p| p.name != person.name)
            .filter_map(|p| p.role.as_deref())
            .any(|role| titles_in(role).contains(title));
        if !held_by_others {
            if let Some(other) = other_script(title) {
                push_unique(&mut aliases, other);
            }
            push_unique(&mut aliases, (*title).to_owned());
        }
    }
    let mut organization_aliases = Vec::new();
    if let Some(organization) = &person.organization {
        let bare = organization.trim_matches(|c| c == '《' || c == '》');
        if bare != organization {
            push_unique(&mut organization_aliases, bare.to_owned());
        }
        if let Some(other) = other_script(bare) {
            push_unique(&mut organization_aliases, other);
        }
        let short = short_organization(bare, whole);
        if let Some(short) = &short {
            push_unique(&mut organization_aliases, short.clone());
            if let Some(other) = other_script(short) {
                push_unique(&mut organization_aliases, other);
            }
        }
        // The brand in pinyin is how an English text usually names a Chinese company
        // (北辰 → Beichen): the short name, or the whole name when it is short itself.
        let brand = short
            .as_deref()
            .or((bare.chars().count() <= 4).then_some(bare));
        if let Some(romanised) = brand.and_then(romanise) {
            push_unique(&mut organization_aliases, romanised);
        }
        for title in &titles {
            let title = display_title(title);
            add(&mut aliases, &mut references, &[bare, &title]);
            push_unique(&mut references, fold(&format!("{bare}的{title}")));
            if let Some(short) = &short {
                add(&mut aliases, &mut references, &[short, &title]);
                push_unique(&mut references, fold(&format!("{short}的{title}")));
            }
        }
    }
    aliases.retain(|a| a != &person.name);
    references.sort_by_key(|r| std::cmp::Reverse(r.chars().count()));
    Names {
        aliases,
        organization_aliases,
        references,
    }
}

/// Latin titles are written in capitals in aliases (CEO), Han ones as they are.
fn display_title(title: &str) -> String {
    if title.is_ascii() {
        title.to_ascii_uppercase()
    } else {
        title.to_owned()
    }
}

/// The shorter name a text also uses for an organisation: its longest proper prefix (two
/// characters or more) or suffix (three or more) that occurs on its own elsewhere (驭途 for
/// 驭途科技 in 驭途目前…, 好日鮮 for 連鎖超市好日鮮). A prefix wins a tie.
fn short_organization(organization: &str, whole: &Folded) -> Option<String> {
    let folded = Folded::new(organization);
    let len = folded.len();
    let full_count = whole.count(&folded.slice(0..len));
    let prefixes = (2..len.saturating_sub(1)).map(|l| 0..l);
    let suffixes = (3..len.saturating_sub(1)).map(|l| len - l..len);
    prefixes
        .chain(suffixes)
        .filter(|range| folded.chars[range.clone()].iter().all(|&c| is_han(c)))
        .filter(|range| {
            let candidate = folded.slice(range.clone());
            !GENERIC_PREFIXES.contains(&candidate.as_str())
                && !ORGANIZATION_KINDS
                    .iter()
                    .any(|kind| candidate.ends_with(kind))
        })
        .filter(|range| whole.count(&folded.slice(range.clone())) > full_count)
        .filter(|range| !names_a_place(&folded.slice(range.clone()), whole))
        .max_by_key(|range| (range.len(), range.start == 0))
        .map(|range| organization[folded.byte_range(range)].to_owned())
}

/// jieba's dictionary, and the places the text names besides the ones it knows.
struct TextWords<'t> {
    whole: &'t Folded,
}

impl crate::speakers::Words for TextWords<'_> {
    fn is_place(&self, word: &str) -> bool {
        names_a_place(word, self.whole)
    }
    fn is_word(&self, word: &str) -> bool {
        dictionary().is_word(word)
    }
    fn is_common(&self, word: &str) -> bool {
        dictionary().is_common(word)
    }
}

/// Whether the text uses a folded word as a place's name: jieba's dictionary knows it as one
/// (台湾), or the text writes it before 市, 省 or 县 where that character makes no word with
/// the next (江州市, not 恒锂市值) and no common word with the last (not 连锁超市). A place
/// written with its kind (江州市) is a place too. The start of an organisation's name that
/// names its city is not its short form.
fn names_a_place(word: &str, whole: &Folded) -> bool {
    use crate::speakers::Words as _;
    if dictionary().is_place(word) {
        return true;
    }
    if let Some(stem) = word.strip_suffix(|c| crate::speakers::PLACE_KINDS.contains(c)) {
        if stem.chars().count() >= 2 && names_a_place(stem, whole) {
            return true;
        }
    }
    let len = word.chars().count();
    let joined = |from: usize, is: fn(&str) -> bool| {
        whole
            .chars
            .get(from..from + 2)
            .is_some_and(|pair| pair.iter().all(|&c| is_han(c)) && is(&whole.slice(from..from + 2)))
    };
    whole.find_all(word).into_iter().any(|at| {
        let marker = at + len;
        len >= 2
            && whole
                .chars
                .get(marker)
                .is_some_and(|c| crate::speakers::PLACE_KINDS.contains(*c))
            && !joined(marker - 1, |pair| dictionary().is_common(pair))
            && !joined(marker, |pair| dictionary().is_word(pair))
    })
}

/// The pinyin forms of a Han name: "Lin Xiaochuan", "Xiaochuan Lin", "linxiaochuan".
fn pinyin_forms(name: &str) -> Vec<String> {
    let surname = surname_of(name);
    let given = &name[surname.len()..];
    let syllables = |han: &str| -> Option<String> {
        han.to_pinyin()
            .map(|p| p.map(|p| p.plain().replace('ü', "u")))
            .collect::<Option<Vec<String>>>()
            .map(|s| s.concat())
    };
    let (Some(family), Some(given)) = (syllables(surname), syllables(given)) else {
        return Vec::new();
    };
    if family.is_empty() || given.is_empty() {
        return Vec::new();
    }
    let capital = |s: &str| {
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    };
    vec![
        format!("{} {}", capital(&family), capital(&given)),
        format!("{} {}", capital(&given), capital(&family)),
        format!("{family}{given}"),
    ]
}

/// A Han word in pinyin, run together and capitalised (北辰 → Beichen); `None` unless every
/// character is Han.
fn romanise(han: &str) -> Option<String> {
    let folded = fold(han);
    let syllables: Vec<String> = folded
        .chars()
        .map(|c| c.to_pinyin().map(|p| p.plain().to_owned()))
        .collect::<Option<Vec<String>>>()?;
    let joined = syllables.concat().replace('ü', "u");
    let mut chars = joined.chars();
    let first = chars.next()?;
    Some(first.to_ascii_uppercase().to_string() + chars.as_str())
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !item.trim().is_empty() && !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::split;

    fn people(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        find_people(text, &split(text))
            .into_iter()
            .map(|p| (p.name, p.organization, p.role, p.host))
            .collect()
    }

    fn person(
        name: &str,
        organization: Option<&str>,
        role: &str,
        host: bool,
    ) -> (String, Option<String>, Option<String>, bool) {
        (
            name.to_owned(),
            organization.map(str::to_owned),
            Some(role.to_owned()),
            host,
        )
    }

    #[test]
    fn introductions_give_organisation_title_and_name() {
        let text = "標題\n\n當天,楊植麟和百川智能ceo王小川、智譜ai ceo張鵬對話。王小川說好。張鵬說好。\n\n\
                    登台的是驭途科技创始人兼CEO林晓川，以及北辰汽车副总裁兼智能驾驶事业部总经理贺东来。圆桌由《新出行周刊》主编陶然主持。林晓川说，陶然问，贺东来说。\n";
        assert_eq!(
            people(text),
            [
                person("王小川", Some("百川智能"), "ceo", false),
                person("張鵬", Some("智譜ai"), "ceo", false),
                person("林晓川", Some("驭途科技"), "创始人兼CEO", false),
                person(
                    "贺东来",
                    Some("北辰汽车"),
                    "副总裁兼智能驾驶事业部总经理",
                    false
                ),
                person("陶然", Some("《新出行周刊》"), "主编", true),
            ]
        );
    }

    #[test]
    fn people_introduced_beside_their_post() {
        let text = "標題\n\n作为华屋置业集团副总裁，韦晓丹更关心运营。她认为要收费。\n\n\
                    蒋红梅，幸福里社区书记，在社区工作了十八年。她说，要问。\n\n\
                    南湖市住房和城乡建设局副局长冯志强指出，缺口大。王刚和南湖局局长李明说好。\n\n\
                    作为一名老师，我觉得好。王刚，你好，说说看。\n";
        assert_eq!(
            people(text),
            [
                person("韦晓丹", Some("华屋置业集团"), "副总裁", false),
                person("蒋红梅", Some("幸福里社区"), "书记", false),
                person("冯志强", Some("南湖市住房和城乡建设局"), "副局长", false),
                person("李明", Some("南湖局"), "局长", false),
            ]
        );
    }

    #[test]
    fn officials_titled_by_section_or_bureau() {
        let text = "標題\n\n主持人：陳怡安（台中市經濟發展局科長）\n\n衛生署署長林明說好。\n";
        assert_eq!(
            people(text),
            [
                person("陳怡安", Some("台中市經濟發展局"), "科長", true),
                person("林明", Some("衛生署"), "署長", false),
            ]
        );
    }

    #[test]
    fn people_listed_by_their_organisation_alone() {
        let text = "標題\n\n甲公司董事長王大明、聯發科技的陳冠廷以及台灣的林志遠、同款的文創和北京的李小華出席。\n\n\
                    陳冠廷說好。林志遠說好。文創說好。\n";
        let found = people(text);
        assert!(found.contains(&(
            "陳冠廷".to_owned(),
            Some("聯發科技".to_owned()),
            None,
            false
        )));
        for nobody in ["林志遠", "文創", "李小華"] {
            assert!(!found.iter().any(|p| p.0 == nobody), "{nobody}: {found:?}");
        }
    }

    #[test]
    fn transcript_prefixes_name_people_and_hosts() {
        let text = "標題\n\n主持人：周宁\n\n周宁：欢迎。\n\n林晓川：谢谢。\n\nQ：成本呢？\n";
        assert_eq!(
            people(text),
            [
                person("周宁", None, "主持人", true),
                ("林晓川".to_owned(), None, None, false),
            ]
        );
    }

    #[test]
    fn a_bracket_after_a_transcript_name_says_who_they_are() {
        let text = "標題\n\n林晓川（驭途科技创始人兼CEO）：谢谢。\n\n林晓川：成本会降。\n\n观众A：什么时候？\n";
        assert_eq!(
            people(text),
            [person("林晓川", Some("驭途科技"), "创始人兼CEO", false)]
        );
        let host = "標題\n\n主持人（李佳蓉）：歡迎。\n\n李佳蓉：好。\n";
        assert_eq!(people(host), [person("李佳蓉", None, "主持人", true)]);
        let host = "標題\n\n主持人：陳怡安（鴻泰精密董事長）\n\n【陳怡安】歡迎。\n";
        assert_eq!(
            people(host),
            [person("陳怡安", Some("鴻泰精密"), "董事長", true)]
        );
        let report = "標題\n\n宋嘉禾（光棱传感联合创始人）表示，宋嘉禾认为成本会降。\n";
        assert_eq!(
            people(report),
            [person("宋嘉禾", Some("光棱传感"), "联合创始人", false)]
        );
        for (line, label) in [
            ("【林建宏】我们导入了系统。", Some(1..4)),
            ("[主持人] :欢迎", Some(1..4)),
        ] {
            let folded = Folded::new(line);
            assert_eq!(
                turn_prefix(&folded).map(|(prefix, _)| prefix),
                label,
                "{line}"
            );
        }
        for line in ["【笑】", "【编者按，下同】本文…", "【】空"] {
            assert_eq!(turn_prefix(&Folded::new(line)), None, "{line}");
        }
        let folded = Folded::new("观众a:什么时候?");
        assert_eq!(read_prefix(&folded, 0..3), Prefix::Question);
        let folded = Folded::new("林晓川(驭途科技ceo):谢谢");
        assert_eq!(
            read_prefix(&folded, 0..12),
            Prefix::Named("林晓川".to_owned())
        );
    }

    #[test]
    fn people_quoted_by_name_twice_and_who_they_are_after_their_name() {
        let text = "標題\n\n林晓川，驭途科技创始人兼CEO，今天到场。林晓川表示，成本会降。\n\n林晓川认为，安全员会少。方面表示同意。方面表示好。\n";
        assert_eq!(
            people(text),
            [person("林晓川", Some("驭途科技"), "创始人兼CEO", false)]
        );
        let text = "標題\n\n會上，陳冠廷則表示，好。陳冠廷也認為，好。\n";
        assert_eq!(people(text), [("陳冠廷".to_owned(), None, None, false)]);
    }

    #[test]
    fn names_take_their_length_from_the_text() {
        let whole = Folded::new("陶然主持。陶然说。王仲远也说。王仲远认为。");
        assert_eq!(read_name(&Folded::new("陶然主持"), 0, &whole), Some(2));
        assert_eq!(read_name(&Folded::new("王仲远也"), 0, &whole), Some(3));
        assert_eq!(read_name(&Folded::new("也好"), 0, &whole), None);
        // A name may end in a character that starts a verb, if the text shows it does.
        let whole = Folded::new(
            "冯志强在会上发言。据冯志强介绍，王刚强调。王刚说。李明则表示。李明说。\
             以下为韦国强的发言。罗永强调查。",
        );
        for (name, len) in [
            ("冯志强在", 3),
            ("王刚强调", 2),
            ("李明则表示", 2),
            ("韦国强的发言", 3),
            ("罗永强调查", 2),
        ] {
            assert_eq!(
                read_name(&Folded::new(name), 0, &whole),
                Some(len),
                "{name}"
            );
        }
        // Forms of address are no names.
        for address in ["林局长：", "王教授说", "陈老师好", "郑总，", "黄董："] {
            assert_eq!(
                read_name(&Folded::new(address), 0, &whole),
                None,
                "{address}"
            );
        }
    }

    #[test]
    fn transliterated_names_are_read_whole_and_named_without_their_dot() {
        let whole = Folded::new("阿依古丽·买买提介绍。阿依古丽·买买提也说。迈克尔‧乔丹表示。");
        let read = |text: &str| read_name(&Folded::new(text), 0, &whole);
        assert_eq!(read("阿依古丽·买买提介绍"), Some(8));
        assert_eq!(read("阿依古丽·买买提也说"), Some(8));
        // Taiwan's dot, and a last part ended by a reporting verb though written once.
        assert_eq!(read("迈克尔‧乔丹表示"), Some(6));
        assert_eq!(read("中国·"), None);
        let text = "标题\n\n清源环境董事长阿依古丽·买买提说，管网是难点。据阿依古丽·买买提介绍，厂很多。\n\n\
                    耐克公司总裁迈克尔‧乔丹也到场。乔丹表示好。乔丹说好。\n";
        let people = find_people(text, &split(text));
        assert_eq!(
            people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["阿依古丽·买买提", "迈克尔‧乔丹"]
        );
        let names = names(&people, text, &[]);
        assert!(names[0].aliases.contains(&"阿依古丽买买提".to_owned()));
        // No surname to address them by: 阿 is no surname here.
        assert!(!names[0]
            .aliases
            .iter()
            .any(|a| a.starts_with("阿总") || a.starts_with("阿董")));
        assert!(names[1].aliases.contains(&"迈克尔乔丹".to_owned()));
        assert!(names[1].aliases.contains(&"乔丹".to_owned()));
        assert!(!names[0].aliases.iter().any(|a| a.is_ascii()));
    }

    #[test]
    fn people_introduced_by_where_they_come_from() {
        let text = "标题\n\n来自禾润农业的刘建国、来自飞鹰无人机的赵晓梅参加了讨论。\
                    来自农村的孩子很多。\n\n刘建国表示好。赵晓梅说好。\n";
        assert_eq!(
            people(text),
            [
                (
                    "刘建国".to_owned(),
                    Some("禾润农业".to_owned()),
                    None,
                    false
                ),
                (
                    "赵晓梅".to_owned(),
                    Some("飞鹰无人机".to_owned()),
                    None,
                    false
                ),
            ]
        );
        // What comes from is an organisation's name, not the rest of a clause.
        assert_eq!(
            people("标题\n\n来自，李的刘建国说。\n\n刘建国表示好。\n"),
            []
        );
    }

    #[test]
    fn a_name_in_latin_letters_beside_the_chinese_one() {
        let text = "標題\n\n瑞光護理之家執行長Kevin Wu（吳凱文）到場。吳凱文說好。\n\n\
                    義守大學副教授張雅筑（Ya-chu Chang）說好。張雅筑認為對。\n\n\
                    光棱傳感聯合創始人宋嘉禾（CEO）表示，宋嘉禾認為好。\n";
        let people = find_people(text, &split(text));
        assert_eq!(
            people[0],
            Person {
                name: "吳凱文".to_owned(),
                organization: Some("瑞光護理之家".to_owned()),
                role: Some("執行長".to_owned()),
                host: false,
            }
        );
        let names = names(&people, text, &[]);
        let aliases = |name: &str| {
            let at = people.iter().position(|p| p.name == name).unwrap();
            names[at].aliases.clone()
        };
        assert!(aliases("吳凱文").contains(&"Kevin Wu".to_owned()));
        assert!(aliases("張雅筑").contains(&"Ya-chu Chang".to_owned()));
        // A title in brackets is no name.
        assert!(!aliases("宋嘉禾").iter().any(|a| a == "CEO"));
    }

    #[test]
    fn a_name_in_latin_letters_alone_and_taiwan_s_chief_officers() {
        let text = "標題\n\n邀請晶創科技人資長蘇美玲、新創公司ChipNova創辦人Tom Lee分享看法。\n\n\
                    蘇美玲表示好。Tom Lee指出，新創很難。「成長空間。」Tom Lee說。\n";
        let people = find_people(text, &split(text));
        assert_eq!(
            people
                .iter()
                .map(|p| (p.name.as_str(), p.role.as_deref()))
                .collect::<Vec<_>>(),
            [("蘇美玲", Some("人資長")), ("Tom Lee", Some("創辦人"))]
        );
        let names = names(&people, text, &[]);
        // No surname to address Tom Lee by (T總), and no pinyin.
        assert!(names[1]
            .aliases
            .iter()
            .all(|a| a.contains("創辦人") || a.contains("创办人")));
        assert!(names[1].references.contains(&"tom lee".to_owned()));
    }

    #[test]
    fn titles_after_names_quoted_shops_and_role_modifiers() {
        let text = "標題\n\n與談人有鷺港國小的蘇振宏校長、晨光聯合律師事務所主持律師邱冠廷，\
                    還有老街「海風柑仔店」的第二代老闆葉秋月。蘇振宏說好。\n\n\
                    “章记麻糍”的店主章秀英说好。记者专访了贝壳动物医院创始人、院长谭思远。\n";
        assert_eq!(
            people(text),
            [
                person("蘇振宏", Some("鷺港國小"), "校長", false),
                person("邱冠廷", Some("晨光聯合律師事務所"), "主持律師", false),
                person("葉秋月", Some("海風柑仔店"), "第二代老闆", false),
                person("章秀英", Some("章记麻糍"), "店主", false),
                person("谭思远", Some("贝壳动物医院"), "创始人、院长", false),
            ]
        );
    }

    #[test]
    fn what_an_organisation_does_before_its_name_is_left_out() {
        let text = "標題\n\n嘉宾有跨境支付服务商途付科技的首席运营官严书豪、\
                    本地生活服务商美味到家总经理林立。\n\n\
                    途付科技为三百多家游戏公司提供收款服务。\n";
        assert_eq!(
            people(text),
            [
                // The text names 途付科技 on its own as well.
                person("严书豪", Some("途付科技"), "首席运营官", false),
                // It never names 美味到家 alone: the description may be part of the name.
                person("林立", Some("本地生活服务商美味到家"), "总经理", false),
            ]
        );
    }

    #[test]
    fn a_co_founder_in_taiwan_wording_is_a_title() {
        // 共同創辦人 is Taiwan's 联合创始人: the organisation ends before it.
        let text = "標題\n\n與談人：黃士豪（旅跡科技共同創辦人暨執行長）、陳怡蓁（瀾港市政府觀光旅遊處處長）。\n";
        assert_eq!(
            people(text),
            [
                person("黃士豪", Some("旅跡科技"), "共同創辦人暨執行長", false),
                person("陳怡蓁", Some("瀾港市政府觀光旅遊處"), "處長", false),
            ]
        );
    }

    #[test]
    fn hosts_named_in_passing_and_words_that_are_no_organisation() {
        let text = "標題\n\n今天的主持人是東岸社區大學講師洪雅琪，還有北方大學教授李明。\n\n\
                    本场主持人韩露说，谢谢主持人。\n";
        assert_eq!(
            people(text),
            [
                person("洪雅琪", Some("東岸社區大學"), "講師", true),
                person("李明", Some("北方大學"), "教授", false),
                person("韩露", None, "主持人", true),
            ]
        );
    }

    #[test]
    fn several_roles_ending_in_the_name_and_organisations_named_through_and() {
        let text = "标题\n\n身兼云上小院主理人与民宿协会副会长的龙小溪说好。\n\n\
                    青溪县文化和旅游局副局长杜红梅表示，据青溪县文化和旅游局统计，游客多了。\n\n\
                    王小川和百川智能CEO张鹏对话。\n";
        assert_eq!(
            people(text),
            [
                person("龙小溪", Some("云上小院"), "主理人", false),
                person("杜红梅", Some("青溪县文化和旅游局"), "副局长", false),
                person("张鹏", Some("百川智能"), "CEO", false),
            ]
        );
    }

    #[test]
    fn who_someone_is_from_where_they_work_or_what_they_run() {
        let text = "標題\n\n洪雅琪：我是今天的主持人洪雅琪，平常在東岸社區大學擔任講師。\n\n\
                    葉秋月：謝謝。\n\n今天還有在老街經營「海風柑仔店」的葉秋月。\n\n\
                    林晓川，她是老街「光棱书店」的老板。\n\n林晓川：好。\n";
        assert_eq!(
            people(text),
            [
                person("洪雅琪", Some("東岸社區大學"), "主持人", true),
                person("葉秋月", Some("海風柑仔店"), "經營者", false),
                person("林晓川", Some("光棱书店"), "老板", false),
            ]
        );
    }

    #[test]
    fn unions_media_sport_and_school_titles_and_an_apposition_that_is_someone_else() {
        let text = "标题\n\n我是本场沙龙的主持人、滨江电视台制片人蒋一帆。嘉宾有星火电竞俱乐部的领队兼主教练马骁，\
                    滨江电竞酒店行业协会会长孔令辉，还有滨江第二中学的语文老师温晴。\n\n\
                    全國公車駕駛職業工會常務理事吳建興说。马骁说。孔令辉说。温晴说。\n";
        assert_eq!(
            people(text),
            [
                person("蒋一帆", Some("滨江电视台"), "制片人", true),
                person("马骁", Some("星火电竞俱乐部"), "领队兼主教练", false),
                person("孔令辉", Some("滨江电竞酒店行业协会"), "会长", false),
                person("温晴", Some("滨江第二中学"), "语文老师", false),
                person("吳建興", Some("全國公車駕駛職業工會"), "常務理事", false),
            ]
        );
    }

    #[test]
    fn forms_of_address_from_titles_and_trades() {
        let text =
            "標題\n\n石桥村村支书方建国说。好日鮮執行長陳冠宇說。海風柑仔店老闆葉秋月說。\n\n\
                    Q：葉老闆，方書記，陳總，您好。\n";
        let people = find_people(text, &split(text));
        let names = names(&people, text, &[]);
        let forms = |index: usize| names[index].references.clone();
        assert!(forms(0).contains(&"方书记".to_owned()), "{:?}", forms(0));
        assert!(forms(0).contains(&"方支书".to_owned()), "{:?}", forms(0));
        // 執行長 is no 行長.
        assert!(forms(1).contains(&"陈执行长".to_owned()), "{:?}", forms(1));
        assert!(!forms(1).contains(&"陈行长".to_owned()), "{:?}", forms(1));
        // A trade the text calls someone by is an alias; any other only names them.
        assert!(
            names[2].aliases.contains(&"葉老闆".to_owned()),
            "{:?}",
            names[2].aliases
        );
        assert!(forms(2).contains(&"叶律师".to_owned()), "{:?}", forms(2));
        assert!(!names[2].aliases.contains(&"叶律师".to_owned()));
        // A deputy by the deputy's title too, and anyone by any title of theirs.
        let text =
            "標題\n\n交通局副局長黃志成說。工會常務理事吳建興說。\n\n黃副局長說。吳常務理事說。\n";
        let people = find_people(text, &split(text));
        let officials = super::names(&people, text, &[]);
        assert!(officials[0].aliases.contains(&"黃副局長".to_owned()));
        assert!(officials[0].references.contains(&"黄局长".to_owned()));
        assert!(officials[1].aliases.contains(&"吳常務理事".to_owned()));
    }

    #[test]
    fn derived_names() {
        let text = "标题\n\n驭途科技创始人兼CEO林晓川说。驭途目前很好。林总说。\n\n云栈物流董事长欧阳婧说。\n";
        let people = find_people(text, &split(text));
        let names = names(&people, text, &[]);
        assert_eq!(
            names[0].aliases,
            [
                "林曉川",
                "Lin Xiaochuan",
                "Xiaochuan Lin",
                "linxiaochuan",
                "林總",
                "林总",
                "創始人",
                "创始人",
                "馭途科技創始人",
                "驭途科技创始人",
                "馭途創始人",
                "驭途创始人",
                "馭途科技CEO",
                "驭途科技CEO",
                "馭途CEO",
                "驭途CEO"
            ]
        );
        assert_eq!(
            names[0].organization_aliases,
            ["馭途科技", "驭途", "馭途", "Yutu"]
        );
        assert!(names[0].references.contains(&"驭途的ceo".to_owned()));
        assert!(names[1].references.contains(&"欧阳总".to_owned()));
        assert!(names[1].references.contains(&"欧阳董事长".to_owned()));
        assert!(names[1].references.contains(&"欧阳董".to_owned()));
    }

    #[test]
    fn the_city_an_organisation_is_named_after_is_not_its_short_form() {
        let text = "标题\n\n论坛在江州市举行，江州大学环境学院教授司马静说，江州的水很好。\n\n\
                    恒锂能源总经理何佳颖说，恒锂市值涨了，恒锂很好。\n";
        let people = find_people(text, &split(text));
        let names = names(&people, text, &[]);
        let of = |name: &str| {
            let at = people.iter().position(|p| p.name == name).unwrap();
            names[at].organization_aliases.clone()
        };
        assert!(
            !of("司马静").contains(&"江州".to_owned()),
            "{:?}",
            of("司马静")
        );
        assert!(
            of("何佳颖").contains(&"恒锂".to_owned()),
            "{:?}",
            of("何佳颖")
        );
        let place = |word: &str, text: &str| names_a_place(word, &Folded::new(text));
        assert!(place("江州", "在江州市举行"));
        assert!(place("江州市", "在江州市举行"));
        assert!(!place("连锁超", "连锁超市好日鲜"));
        assert!(!place("恒锂", "恒锂市值涨了"));
    }

    #[test]
    fn an_organisation_alias_two_organisations_would_share_is_neither_s() {
        // A trade name the roster derives for both (输配, shupei), and a prefix the text uses
        // on its own for both (澜州, Lanzhou).
        let cases: [(&str, &[&str]); 2] = [
            (
                "标题\n\n台湾输配电公司处长苏建廷说，很好。\n\n台湾输配电研究院院长方雅琪说，不错。\n",
                &["输配", "shupei"],
            ),
            (
                "标题\n\n澜州市体育局局长高立军说，很好。\n\n\
                 澜州广播电视台主任周可欣说，不错。澜州的跑者很多。\n",
                &["澜州", "lanzhou"],
            ),
        ];
        for (text, shared) in cases {
            let people = find_people(text, &split(text));
            let names = names(&people, text, &[]);
            assert_eq!(names.len(), 2);
            for person in &names {
                let aliases = &person.organization_aliases;
                let listed = aliases.iter().any(|a| shared.contains(&fold(a).as_str()));
                assert!(!listed, "{aliases:?}");
            }
        }
        // Each keeps what is its own.
        let text = cases[0].0;
        let names = names(&find_people(text, &split(text)), text, &[]);
        assert!(names[0]
            .organization_aliases
            .contains(&"输配电公司".to_owned()));
    }

    #[test]
    fn short_forms_the_roster_derives_are_drafted_as_the_text_writes_them() {
        let text = "标题\n\n台灣輸配電公司調度處處長蘇建廷說，很好。\n\n\
                    國立港都大學能源研究中心主任方雅琪說，不錯。\n";
        let people = find_people(text, &split(text));
        let names = names(&people, text, &[]);
        let grid = &names[0].organization_aliases;
        for form in [
            "輸配電公司調度處",
            "输配电公司调度处",
            "輸配",
            "输配",
            "shupei",
        ] {
            assert!(grid.contains(&form.to_owned()), "{form} not in {grid:?}");
        }
        let university = &names[1].organization_aliases;
        for form in ["港都大學能源研究中心", "港都", "gangdou"] {
            assert!(
                university.contains(&form.to_owned()),
                "{form} not in {university:?}"
            );
        }
        // Not a place: 台灣 is left out of a name, never drafted as one.
        assert!(!grid
            .iter()
            .any(|alias| alias == "台灣" || alias == "taiwan"));
    }
}
