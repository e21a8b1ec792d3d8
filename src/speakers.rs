//! The roster: recognising speakers and topics in a question, whatever form they are named in.
//!
//! Every alias is folded with the one normaliser, so script, width, case and tone marks never
//! matter. Latin aliases match whole words, with or without spaces ("yang zhilin",
//! "yangzhilin"); Han aliases match anywhere. Typos are forgiven in two ways: Latin words within
//! a small edit distance of a name ("Yang Zhiling"), and Han characters that sound the same as a
//! name ("杨志林" for 杨植麟), compared through their toneless pinyin.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

use pinyin::ToPinyin;

use crate::knowledge::{Event, Knowledge, Speaker};
use crate::normalize::{fold, is_han};

/// What an alias points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A speaker, by canonical name.
    Speaker(String),
    /// A topic, by id.
    Topic(String),
}

/// How an alias names its target, which decides how much the mention counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A product of the speaker's organisation: a hint, not an attribution.
    Product,
    /// The speaker's organisation: points at the speaker, but the organisation may also be
    /// what the question is about (面壁智能的重点工作).
    Organization,
    /// The speaker's own name or title, or a topic.
    Name,
}

/// A speaker or topic named in a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    /// Byte range in the folded question.
    pub span: Range<usize>,
    pub strength: Strength,
    /// False when the name was recognised despite a typo.
    pub exact: bool,
}

/// Every alias of every speaker and topic, folded and ready to match.
#[derive(Debug, Clone)]
pub struct Roster {
    aliases: Vec<Alias>,
    /// Indices into `aliases` of the Han aliases (matched as substrings), by first character.
    by_first_char: FxHashMap<char, Vec<usize>>,
    /// Indices into `aliases` of the Latin aliases, by their compact form.
    by_compact: FxHashMap<String, Vec<usize>>,
    /// The longest compact form, to stop joining words early.
    longest_compact: usize,
    /// The kinds of organisation the speakers head, by the ends of the organisations' names
    /// ([`kinds_of_organization`]): a kind of several speakers' names none of them.
    kinds: FxHashMap<String, Kind>,
    /// The most characters of a Han kind, to look no further back for one.
    longest_kind: usize,
    /// Each speaker's role, folded: a title after a kind names them only if it is theirs.
    roles: FxHashMap<Target, String>,
    /// The words that name the head of an organisation after its kind: [`HEAD_WORDS`], the
    /// titles of [`TITLES`] and the speakers' roles (馆长 of 美术馆馆长).
    heads: Option<AhoCorasick>,
    /// The Han names (folded) of the organisations whose speakers' entries list no other
    /// names, by first character, for their abbreviations ([`Roster::find_abbreviations`]).
    abbreviable: FxHashMap<char, Vec<(Vec<char>, Target)>>,
}

#[derive(Debug, Clone)]
struct Alias {
    /// The folded alias.
    key: String,
    /// For Latin aliases: letters and digits only ("moonshotai"); empty for Han aliases.
    compact: String,
    /// For Han aliases: toneless pinyin of each character, for homophone matching.
    syllables: Vec<String>,
    target: Target,
    strength: Strength,
    /// Whether a near miss may match this alias (person names, organisations, topic terms).
    fuzzy: bool,
}

impl Roster {
    /// The roster of a knowledge base, with no word known to be a place or a word of the
    /// language.
    pub fn new(knowledge: &Knowledge) -> Roster {
        Roster::with_words(knowledge, &NoWords)
    }

    /// The roster of a knowledge base; `words` tells which words are places' names and which
    /// are words of the language, for the short forms of organisations' names
    /// (the trade name 恒锂 of 恒锂能源, its pinyin, the name without a leading place).
    pub fn with_words(knowledge: &Knowledge, words: &dyn Words) -> Roster {
        let mut candidates: Vec<(String, Target, Strength, bool)> = Vec::new();
        for speaker in knowledge.speakers() {
            let target = Target::Speaker(speaker.name.clone());
            let names = [Some(&speaker.name), speaker.name_en.as_ref()];
            for name in names.into_iter().flatten() {
                candidates.push((name.clone(), target.clone(), Strength::Name, true));
            }
            // A title from the speaker's role (会长 of 会长、组委会主任) is a word of the
            // language, whose sound-alikes are other words (会涨 in 成本会涨到多少): only
            // names are matched by how they sound.
            let role = fold(&speaker.role);
            for alias in &speaker.aliases {
                let title = role.contains(fold(alias).trim());
                candidates.push((alias.clone(), target.clone(), Strength::Name, !title));
            }
            let organizations = [
                Some(&speaker.organization),
                speaker.organization_en.as_ref(),
            ];
            for organization in organizations
                .into_iter()
                .flatten()
                .chain(&speaker.organization_aliases)
            {
                candidates.push((
                    organization.clone(),
                    target.clone(),
                    Strength::Organization,
                    true,
                ));
            }
            for product in &speaker.products {
                candidates.push((product.clone(), target.clone(), Strength::Product, false));
            }
            // The pinyin of the Chinese name, whole, in the English order (Zhilin Yang) and
            // given name alone ("zhilin"), so that any romanisation a user types is covered
            // without listing it.
            let syllables = pinyin_syllables(&fold(&speaker.name));
            if syllables.len() >= 2 {
                candidates.push((syllables.concat(), target.clone(), Strength::Name, true));
                let western = format!("{} {}", syllables[1..].concat(), syllables[0]);
                candidates.push((western, target.clone(), Strength::Name, true));
                let given = syllables[1..].concat();
                if given.len() >= 5 {
                    candidates.push((given, target.clone(), Strength::Name, true));
                }
            }
        }
        // Each alias is keyed by its folded form. What is derived below is built from folded
        // names and roles and is not folded again: folding is not idempotent where OpenCC's
        // Taiwan phrases apply (執行長 folds to 首席执行官, and that again to 首席运行官).
        for candidate in &mut candidates {
            candidate.0 = fold(&candidate.0).trim().to_owned();
        }
        // Short forms of the organisations' names (恒锂 of 恒锂能源, "hengli") where the pack
        // lists none: a curator's list is theirs to make. Not words the pack gives someone
        // else; derived, never fuzzy.
        let given: HashMap<String, Target> = candidates
            .iter()
            .map(|(alias, target, _, _)| (alias.clone(), target.clone()))
            .collect();
        for pack in &knowledge.packs {
            for speaker in pack
                .speakers
                .iter()
                .filter(|speaker| speaker.organization_aliases.is_empty())
            {
                let target = Target::Speaker(speaker.name.clone());
                let event_names = [pack.event.name.as_str(), pack.event.session.as_str()];
                for alias in organization_references(&speaker.organization, &event_names, words) {
                    if given.get(&alias).is_none_or(|owner| *owner == target) {
                        candidates.push((alias, target.clone(), Strength::Organization, false));
                    }
                }
            }
        }
        // What people call a speaker without their name: surname and title (林总, 許主任), the
        // title alone (主任, the host), and "the organiser". Derived from the pack, never fuzzy.
        for pack in &knowledge.packs {
            let organiser_marked = pack.speakers.iter().any(marked_as_organiser);
            for speaker in &pack.speakers {
                let target = Target::Speaker(speaker.name.clone());
                for alias in references(speaker, &pack.event, organiser_marked) {
                    candidates.push((alias, target.clone(), Strength::Name, false));
                }
            }
        }
        let key = |text: &str| fold(text).trim().to_owned();
        for topic in knowledge.topics() {
            let target = Target::Topic(topic.id.clone());
            // An id made of words (price-war) is a name of the topic; one that is a code (t1)
            // is not.
            let id_words: Vec<&str> = topic.id.split('-').collect();
            if id_words
                .iter()
                .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
            {
                candidates.push((
                    key(&id_words.join(" ")),
                    target.clone(),
                    Strength::Name,
                    true,
                ));
            }
            candidates.push((key(&topic.heading), target.clone(), Strength::Name, false));
            for alias in &topic.aliases {
                candidates.push((key(alias), target.clone(), Strength::Name, true));
            }
        }

        // An alias shared by several targets ("CEO") identifies none of them.
        let mut targets_of: HashMap<String, Vec<Target>> = HashMap::new();
        for (key, target, _, _) in &candidates {
            let owners = targets_of.entry(key.clone()).or_default();
            if !owners.contains(target) {
                owners.push(target.clone());
            }
        }
        let mut aliases: Vec<Alias> = Vec::new();
        for (key, target, strength, fuzzy) in candidates {
            if key.is_empty() || targets_of[&key].len() > 1 || aliases.iter().any(|a| a.key == key)
            {
                continue;
            }
            let has_han = key.chars().any(is_han);
            let compact = if has_han {
                String::new()
            } else {
                compact_latin(&key)
            };
            if !has_han && compact.is_empty() {
                continue;
            }
            let syllables = if key.chars().all(is_han) {
                pinyin_syllables(&key)
            } else {
                Vec::new()
            };
            aliases.push(Alias {
                key,
                compact,
                syllables,
                target,
                strength,
                fuzzy,
            });
        }
        let mut by_first_char: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        let mut by_compact: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (index, alias) in aliases.iter().enumerate() {
            if alias.compact.is_empty() {
                if let Some(first) = alias.key.chars().next() {
                    by_first_char.entry(first).or_default().push(index);
                }
            } else {
                by_compact
                    .entry(alias.compact.clone())
                    .or_default()
                    .push(index);
            }
        }
        let longest_compact = aliases.iter().map(|a| a.compact.len()).max().unwrap_or(0);
        let roles: FxHashMap<Target, String> = knowledge
            .speakers()
            .into_iter()
            .map(|s| (Target::Speaker(s.name.clone()), fold(&s.role)))
            .collect();
        let titles = TITLES.iter().flat_map(|(title, addresses, _)| {
            std::iter::once(*title).chain(addresses.iter().copied())
        });
        let heads: Vec<&str> = HEAD_WORDS
            .iter()
            .copied()
            .chain(titles)
            .chain(roles.values().map(String::as_str))
            .filter(|head| head.chars().count() >= 2 && head.chars().all(is_han))
            .collect();
        let kinds = kinds_of_organization(knowledge);
        let heads = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(heads)
            .ok();
        Roster {
            aliases,
            by_first_char,
            by_compact,
            longest_compact,
            longest_kind: kinds
                .keys()
                .filter(|k| k.chars().all(is_han))
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0),
            kinds,
            roles,
            heads,
            abbreviable: abbreviable_organizations(knowledge),
        }
    }

    /// Abbreviations of an organisation's name whose entry lists no other names: three Han
    /// characters or more that keep the name's order, begin as it begins and end as it ends
    /// (澄川文旅局 of 澄川市文化和旅游局), as people shorten names. The longest at each start;
    /// one two organisations share names neither.
    fn find_abbreviations(&self, folded: &str) -> Vec<Mention> {
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let mut found: Vec<Mention> = Vec::new();
        let mut shared: Vec<Range<usize>> = Vec::new();
        for (i, &(start, c)) in chars.iter().enumerate() {
            let Some(names) = self.abbreviable.get(&c) else {
                continue;
            };
            for (name, target) in names {
                // Walk the question and the name together: each character of the question
                // must come later in the name than the one before.
                let mut at = 0;
                let mut end = None;
                for (k, &(offset, c)) in chars.iter().enumerate().skip(i + 1) {
                    let Some(step) = name[at + 1..].iter().position(|&n| n == c) else {
                        break;
                    };
                    at += 1 + step;
                    let length = k - i + 1;
                    if at == name.len() - 1 && length >= 3 && length < name.len() {
                        end = Some(offset + c.len_utf8());
                    }
                }
                if let Some(end) = end {
                    let span = start..end;
                    if found.iter().any(|m| m.span == span) {
                        shared.push(span);
                        continue;
                    }
                    found.push(Mention {
                        target: target.clone(),
                        span,
                        strength: Strength::Organization,
                        exact: true,
                    });
                }
            }
        }
        found.retain(|m| !shared.contains(&m.span));
        found
    }

    /// Finds the speakers and topics named in a folded question. Mentions never overlap; the
    /// longest alias wins a contested stretch of text.
    pub fn find(&self, folded: &str) -> Vec<Mention> {
        // This runs for every question, so the aliases are looked up through the tables built
        // in `new` rather than tried one by one. The result is the same as trying each alias in
        // turn, left to right, without overlapping its own earlier matches: `found` is put back
        // in that order before the longest mentions are taken, since ties go to the first.
        let words = QuestionWords::new(folded);
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();

        // Han aliases match anywhere (like `str::match_indices`: a match never overlaps the
        // alias's previous one).
        let mut han_next = vec![0; self.aliases.len()];
        for (start, c) in folded.char_indices() {
            let Some(candidates) = self.by_first_char.get(&c) else {
                continue;
            };
            for &index in candidates {
                let key = &self.aliases[index].key;
                let next = &mut han_next[index];
                if start >= *next && folded[start..].starts_with(key.as_str()) {
                    *next = start + key.len();
                    found.push((index, start..start + key.len()));
                }
            }
        }

        // Latin aliases match runs of up to four whole words whose letters, joined, are the
        // alias's; a word's compact form is never empty, so at most one run length fits.
        let mut latin_next = vec![0; self.aliases.len()];
        let mut joined = String::new();
        for i in 0..words.ranges.len() {
            joined.clear();
            for (n, compact) in words.compacts[i..].iter().take(4).enumerate() {
                joined.push_str(compact);
                if joined.len() > self.longest_compact {
                    break;
                }
                let Some(candidates) = self.by_compact.get(joined.as_str()) else {
                    continue;
                };
                for &index in candidates {
                    let next = &mut latin_next[index];
                    if i >= *next {
                        *next = i + n + 1;
                        found.push((index, words.ranges[i].start..words.ranges[i + n].end));
                    }
                }
            }
        }
        found.sort_by_key(|(index, span)| (*index, span.start));
        let mut found: Vec<Mention> = found
            .into_iter()
            .map(|(index, span)| self.aliases[index].mention(span, true))
            .collect();
        found.extend(self.find_heads_by_kind(folded));
        found.extend(self.find_heads_in_english(folded));
        found.extend(self.find_abbreviations(folded));
        let mut mentions = take_longest(found, &[]);

        // Near misses only where nothing matched exactly.
        // Each near miss, with the letters of the alias it is of.
        let mut fuzzy: Vec<(Mention, usize)> = Vec::new();
        let mut scratch = Vec::new();
        for alias in self.aliases.iter().filter(|a| a.fuzzy) {
            if alias.compact.len() >= 5 {
                // A near miss starts with the alias's first letter.
                if !words.first_letters.contains(&alias.compact.as_bytes()[0]) {
                    continue;
                }
                let allowed = if alias.compact.len() >= 8 { 2 } else { 1 };
                for span in match_latin_near(&words, &alias.compact, allowed, &mut scratch) {
                    fuzzy.push((alias.mention(span, false), alias.compact.len()));
                }
            } else if alias.syllables.len() >= 2 {
                for span in match_homophones(&words, &alias.syllables) {
                    fuzzy.push((alias.mention(span, false), alias.compact.len()));
                }
            }
        }
        drop_parts_of_near_misses(&mut mentions, &fuzzy, folded);
        let fuzzy = fuzzy.into_iter().map(|(mention, _)| mention).collect();
        mentions.extend(take_longest(fuzzy, &mentions));
        in_order(mentions)
    }

    /// The one speaker heading an organisation of a kind (folded), if one does.
    fn head_of_kind(&self, kind: &str) -> Option<&Target> {
        match self.kinds.get(kind).map(|k| k.owners.as_slice()) {
            Some([target]) => Some(target),
            _ => None,
        }
    }

    /// Speakers named by the kind of organisation they head and a word for its head or a
    /// title: 超市老板, 超市的执行长, 研究中心主任 (of 好日鲜超市, 能源研究中心). The longest kind
    /// before the head word counts, so 恒锂能源的总经理 is of 恒锂能源, not 锂能源.
    fn find_heads_by_kind(&self, folded: &str) -> Vec<Mention> {
        let Some(heads) = self.heads.as_ref() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for head in heads.find_iter(folded) {
            let before = &folded[..head.start()];
            let before = before.strip_suffix('的').unwrap_or(before);
            let starts: Vec<usize> = before.char_indices().map(|(at, _)| at).collect();
            let nearest = starts.len().saturating_sub(self.longest_kind);
            // The longest ending of two characters or more that is a kind: an ending two
            // speakers share is shared by every shorter one.
            let kind = starts[nearest..starts.len().saturating_sub(1)]
                .iter()
                .find_map(|&at| self.kinds.get(&before[at..]).map(|kind| (at, kind)));
            let Some((at, kind)) = kind.filter(|&(at, kind)| kind_begins(before, at, kind)) else {
                continue;
            };
            let [target] = kind.owners.as_slice() else {
                continue;
            };
            // Any word for a head (超市老板), or a title of theirs (超市的执行长), not another
            // (赛道体育集团的董事长 is not its 总裁).
            let title = &folded[head.range()];
            let theirs = self
                .roles
                .get(target)
                .is_some_and(|role| role.contains(title));
            if HEAD_WORDS.contains(&title) || theirs {
                found.push(Mention {
                    target: target.clone(),
                    span: at..head.end(),
                    strength: Strength::Name,
                    exact: true,
                });
            }
        }
        found
    }

    /// Speakers named in English by the kind of organisation they head: "the supermarket
    /// boss", "head of the research station", "the grid official". The kind, of up to four
    /// words, is an end of an English name of the organisation, or has a CC-CEDICT rendering
    /// that ends as its Chinese name does (supermarket → 超市, of 好日鲜超市). Such a mention is
    /// longer than a title alone inside it ("museum director", not "director"), so it wins
    /// among the mentions [`Roster::find`] keeps.
    fn find_heads_in_english(&self, folded: &str) -> Vec<Mention> {
        let words = latin_words(folded);
        let text = |i: usize| &folded[words[i].clone()];
        let is_head = |i: usize| HEAD_WORDS_EN.contains(&text(i));
        let kinds_text =
            |first: usize, last: usize| (first..=last).map(text).collect::<Vec<_>>().join(" ");
        let mut found: Vec<Mention> = Vec::new();
        for i in 0..words.len() {
            // The kind, longest first, before a head word ("power plant boss") or after one
            // and "of" ("boss of the power plant").
            let kinds: Vec<(usize, usize)> = if i + 1 < words.len() && is_head(i + 1) {
                (i.saturating_sub(3)..=i).map(|first| (first, i)).collect()
            } else if is_head(i) && i + 2 < words.len() && text(i + 1) == "of" {
                let first = if text(i + 2) == "the" { i + 3 } else { i + 2 };
                (first..words.len().min(first + 4))
                    .rev()
                    .map(|last| (first, last))
                    .collect()
            } else {
                continue;
            };
            for (first, last) in kinds {
                let span = if is_head(i) {
                    words[i].start..words[last].end
                } else {
                    words[first].start..words[i + 1].end
                };
                let overlaps = |m: &Mention| m.span.start < span.end && span.start < m.span.end;
                if (first..=last).any(is_head) || found.iter().any(overlaps) {
                    continue;
                }
                let kind = kinds_text(first, last);
                let target = self.head_of_kind(&kind).cloned().or_else(|| {
                    (last - first < 2)
                        .then(|| self.head_of_rendered_kind(&kind))
                        .flatten()
                });
                if let Some(target) = target {
                    found.push(Mention {
                        target,
                        span,
                        strength: Strength::Name,
                        exact: true,
                    });
                    break;
                }
            }
        }
        found
    }

    /// The one speaker heading an organisation whose Chinese name ends as a CC-CEDICT
    /// rendering of an English kind does, in two characters or more (发电厂 → 电厂).
    fn head_of_rendered_kind(&self, kind: &str) -> Option<Target> {
        let mut targets: Vec<&Target> = Vec::new();
        for form in crate::lexicon::word_forms(kind) {
            for chinese in crate::lexicon::chinese_for(&form) {
                let ends = chinese.char_indices().map(|(at, _)| &chinese[at..]);
                let kind = ends
                    .filter(|end| end.chars().count() >= 2)
                    .find_map(|end| self.kinds.get(end));
                for owner in kind.iter().flat_map(|kind| &kind.owners) {
                    if !targets.contains(&owner) {
                        targets.push(owner);
                    }
                }
            }
        }
        match targets[..] {
            [target] => Some(target.clone()),
            _ => None,
        }
    }

    /// The folded forms by which `target` is named with `strength`: the strings a passage
    /// that names it contains. Aliases shared with another target are not among them.
    pub fn forms_of(&self, target: &Target, strength: Strength) -> Vec<&str> {
        self.aliases
            .iter()
            .filter(|alias| alias.target == *target && alias.strength == strength)
            .map(|alias| alias.key.as_str())
            .collect()
    }

    /// Speakers whose name or any alias starts with or contains `typed`, best first: for
    /// autocomplete. An empty `typed` lists every speaker.
    pub fn suggest(&self, typed: &str, want: fn(&Target) -> bool) -> Vec<Target> {
        let typed_key = fold(typed).trim().to_owned();
        let typed_compact = compact_latin(&typed_key);
        let mut ranked: Vec<(u8, Target)> = Vec::new();
        for alias in self.aliases.iter().filter(|a| want(&a.target)) {
            let rank = if typed_key.is_empty() {
                Some(2)
            } else if alias.key.starts_with(&typed_key)
                || (!typed_compact.is_empty() && alias.compact.starts_with(&typed_compact))
            {
                Some(0)
            } else if alias.key.contains(&typed_key)
                || (!typed_compact.is_empty() && alias.compact.contains(&typed_compact))
            {
                Some(1)
            } else {
                None
            };
            if let Some(rank) = rank {
                ranked.push((rank, alias.target.clone()));
            }
        }
        if ranked.is_empty() {
            for mention in self.find(&typed_key) {
                ranked.push((3, mention.target));
            }
        }
        ranked.sort_by_key(|(rank, _)| *rank);
        let mut targets: Vec<Target> = Vec::new();
        for (_, target) in ranked {
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        targets
    }
}

impl Alias {
    fn mention(&self, span: Range<usize>, exact: bool) -> Mention {
        Mention {
            target: self.target.clone(),
            span,
            strength: self.strength,
            exact,
        }
    }
}

/// Titles of a role, and how people address or refer to its holder: the title itself, the
/// short form that follows a surname (林总, 鄭董), and English words for it. Matched as a part of
/// the role text, folded.
const TITLES: [(&str, &[&str], &[&str]); 44] = [
    (
        "董事长",
        &["董事长", "董", "总"],
        &["chairman", "chairwoman", "chair"],
    ),
    ("副总裁", &["副总裁", "总"], &["vice president", "vp"]),
    ("总裁", &["总裁", "总"], &["president"]),
    ("总经理", &["总经理", "总"], &["general manager"]),
    // 执行长, Taiwan's word, folds to 首席执行官 (OpenCC): 陳執行長 is read 陈首席执行官. The
    // mainland's 首席执行官 folds on to 首席运行官 (执行 is Taiwan's word for running a
    // program), so a role or question written so reads that.
    ("首席执行官", &["首席执行官", "总"], &["chief executive"]),
    ("首席运行官", &["首席运行官", "总"], &["chief executive"]),
    ("ceo", &["总"], &["chief executive"]),
    // Other chief officers. Taiwan's 營運長 and 技術長 fold to the mainland's words, as 執行長
    // does; 財務長 and 人資長 stay.
    (
        "首席运营官",
        &["首席运营官", "总"],
        &["chief operating officer"],
    ),
    (
        "首席技术官",
        &["首席技术官", "总"],
        &["chief technology officer"],
    ),
    ("财务长", &["财务长", "总"], &["chief financial officer"]),
    ("人资长", &["人资长"], &["chief human resources officer"]),
    ("cto", &["总"], &["chief technology officer"]),
    (
        "联合创始人",
        &["联合创始人", "总"],
        &["co-founder", "cofounder"],
    ),
    ("创始人", &["创始人", "总"], &["founder"]),
    ("创办人", &["创办人", "总"], &["founder"]),
    ("合伙人", &["合伙人", "总"], &["partner"]),
    (
        "总编辑",
        &["总编辑", "总编", "总"],
        &["editor in chief", "chief editor", "editor"],
    ),
    (
        "主编",
        &["主编"],
        &["editor in chief", "chief editor", "editor"],
    ),
    ("院长", &["院长"], &["president", "dean"]),
    ("副处长", &["副处长", "处长"], &["deputy director"]),
    ("处长", &["处长"], &["director"]),
    ("部长", &["部长"], &["minister"]),
    ("科长", &["科长"], &["section chief"]),
    ("厂长", &["厂长"], &["plant manager", "factory director"]),
    ("馆长", &["馆长"], &["curator"]),
    ("校长", &["校长"], &["principal"]),
    ("总监", &["总监", "总"], &["director"]),
    ("经理", &["经理"], &["manager"]),
    ("署长", &["署长"], &["director general"]),
    ("市长", &["市长"], &["mayor"]),
    ("行长", &["行长"], &["governor"]),
    ("主委", &["主委"], &["chairperson"]),
    ("副局长", &["副局长", "局长", "局"], &["deputy director"]),
    ("局长", &["局长", "局"], &["director"]),
    (
        "秘书长",
        &["秘书长"],
        &["secretary general", "secretary-general"],
    ),
    (
        "理事长",
        &["理事长"],
        &["chairman", "chairwoman", "president"],
    ),
    ("主席", &["主席"], &["chairman", "chairwoman", "chair"]),
    ("主任", &["主任"], &["director"]),
    ("所长", &["所长"], &["director"]),
    ("会长", &["会长"], &["president"]),
    ("社长", &["社长"], &["president"]),
    (
        "店主",
        &["店主", "老板"],
        &["owner", "shop owner", "bookshop owner"],
    ),
    ("教授", &["教授", "老师"], &["professor"]),
    (
        "主持",
        &["主持人", "主持", "老师"],
        &["host", "moderator", "mc", "presenter"],
    ),
];

/// What goes before a surname in English, whatever the role: Mr Yang, Dr. Wang, Prof Li.
const ENGLISH_COURTESY_TITLES: [&str; 7] = ["mr", "mrs", "ms", "miss", "dr", "prof", "professor"];

/// Surnames of two characters, folded: the rest of Chinese surnames are one character.
const COMPOUND_SURNAMES: [&str; 20] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙",
    "宇文", "司徒", "端木", "独孤", "南宫", "西门", "呼延", "轩辕",
];

/// Words that say a speaker speaks for whoever organised the event.
const ORGANISER_MARKS: [&str; 4] = ["组委会", "主办", "承办", "秘书处"];
/// What people call the organiser.
const ORGANISER_NAMES: [&str; 9] = [
    "主办方",
    "主办单位",
    "组委会",
    "大会方面",
    "organiser",
    "organizer",
    "organisers",
    "organizers",
    "organizing committee",
];
/// What follows a place's name to say what kind of place it is (江州市, 青溪县).
pub const PLACE_KINDS: &str = "市省县";

/// Parts of event names that do not tell one organiser from another.
const GENERIC_EVENT_WORDS: [&str; 12] = [
    "大会", "论坛", "峰会", "年会", "博览", "会议", "中国", "国际", "全国", "世界", "北京", "上海",
];

/// What people call a speaker without their name, from their name, role, organisation and the
/// event: surname + title (林总, 许主任, 欧阳总), the titles alone (主任, "the host"), and the
/// organiser's names for a speaker who speaks for the organiser. An alias that fits several
/// speakers is dropped later, like any shared alias. `organiser_marked`: whether some speaker
/// of the pack is [`marked_as_organiser`].
fn references(speaker: &Speaker, event: &Event, organiser_marked: bool) -> Vec<String> {
    let mut aliases = Vec::new();
    let role = fold(&speaker.role);
    let name = fold(&speaker.name);
    let surname = if name.chars().count() >= 2 && name.chars().all(is_han) {
        let compound = COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s));
        let length = compound.map_or(1, |s| s.chars().count());
        (name.chars().count() > length).then(|| name.chars().take(length).collect::<String>())
    } else {
        None
    };
    // A transliterated name (阿依古丽·买买提) is often typed without its dot.
    if name.contains(crate::normalize::NAME_DOT) {
        aliases.push(name.replace(crate::normalize::NAME_DOT, ""));
    }
    // In English, the surname's pinyin after a courtesy title or the role's (Ms Liang, CEO
    // Yang), and alone, as a report names someone after the first time, unless it is an
    // English word too (Long, Sun, Fan).
    let spoken = surname
        .as_deref()
        .map(|surname| pinyin_syllables(surname).concat())
        .filter(|spoken| !spoken.is_empty());
    if let Some(spoken) = &spoken {
        for courtesy in ENGLISH_COURTESY_TITLES {
            aliases.push(format!("{courtesy} {spoken}"));
        }
        if spoken.len() >= 3 && crate::lexicon::chinese_for(spoken).is_empty() {
            aliases.push(spoken.clone());
        }
    }
    // Each title is taken out of the role once found, so that 副总裁 is not also 总裁.
    let mut role = role;
    for (title, addresses, english) in TITLES {
        let Some(at) = role.find(title) else {
            continue;
        };
        role.replace_range(at..at + title.len(), " ");
        for address in addresses {
            // A one-character form (总, 董) is an address only after a surname.
            if address.chars().count() >= 2 {
                aliases.push((*address).to_owned());
            }
            if let Some(surname) = &surname {
                aliases.push(format!("{surname}{address}"));
            }
        }
        aliases.extend(english.iter().map(|e| (*e).to_owned()));
        if let Some(spoken) = &spoken {
            aliases.extend(english.iter().map(|e| format!("{e} {spoken}")));
        }
    }
    // Whoever's role or organisation says they organise speaks for the organiser; failing
    // anyone so marked, whoever's organisation shares a distinctive word with the event's name
    // (星河新区管委会 of 星河智能出行大会). Not beside one so marked: a firm of the event's
    // field (青栎游戏 at a 游戏出海大会) shares its words too.
    let speaks_for_organiser = marked_as_organiser(speaker)
        || (!organiser_marked
            && shares_distinctive_words(&fold(&speaker.organization), &fold(&event.name)));
    if speaks_for_organiser {
        aliases.extend(ORGANISER_NAMES.iter().map(|n| fold(n)));
    }
    aliases
}

/// Whether a speaker's role or organisation says they organise the event (组委会, 主办).
fn marked_as_organiser(speaker: &Speaker) -> bool {
    let role = fold(&speaker.role);
    let organization = fold(&speaker.organization);
    ORGANISER_MARKS
        .iter()
        .any(|mark| role.contains(mark) || organization.contains(mark))
}

/// What the roster needs to know of a language's words to shorten organisations' names.
pub trait Words {
    /// Whether a folded word is, on its own, the name of a place (台湾, 北京).
    fn is_place(&self, word: &str) -> bool;
    /// Whether a folded text is one word of the dictionary (美术馆), not words in a row
    /// (输配电公司).
    fn is_word(&self, word: &str) -> bool;
    /// Whether a folded word is a common word of the language (未来, 如果): a firm named
    /// after it (未来科技) is not meant wherever it is said.
    fn is_common(&self, word: &str) -> bool;
}

/// Knows no word: no place is left out of a name, and no name is a word.
struct NoWords;

impl Words for NoWords {
    fn is_place(&self, _: &str) -> bool {
        false
    }
    fn is_word(&self, _: &str) -> bool {
        false
    }
    fn is_common(&self, _: &str) -> bool {
        false
    }
}

/// The Han names (folded, four characters or more) of the organisations whose speakers'
/// entries list no other names, once each, by first character.
fn abbreviable_organizations(knowledge: &Knowledge) -> FxHashMap<char, Vec<(Vec<char>, Target)>> {
    let mut abbreviable: FxHashMap<char, Vec<(Vec<char>, Target)>> = FxHashMap::default();
    for speaker in knowledge.speakers() {
        let name: Vec<char> = fold(&speaker.organization).chars().collect();
        if !speaker.organization_aliases.is_empty()
            || name.len() < 4
            || !name.iter().all(|&c| is_han(c))
        {
            continue;
        }
        let entry = (name, Target::Speaker(speaker.name.clone()));
        let names = abbreviable.entry(entry.0[0]).or_default();
        if !names.contains(&entry) {
            names.push(entry);
        }
    }
    abbreviable
}

/// Legal forms that open an organisation's name (folded), left out when people speak of it.
const LEGAL_PREFIXES: [&str; 8] = [
    "财团法人",
    "社团法人",
    "国立",
    "私立",
    "公立",
    "市立",
    "县立",
    "省立",
];

/// The shorter names people give an organisation, as a curator would list them: a title in
/// brackets (《文博周刊》 → 文博周刊); the name without its legal form (国立港都大学… →
/// 港都大学…) or a leading place (台湾输配电公司 → 输配电公司); the first two characters of a
/// longer name, its trade name (恒锂 of 恒锂能源); and the pinyin of the trade name or of a
/// short name (hengli, haorixian), in each character's commonest reading, as for speakers'
/// names (港都 is read gangdou, not gangdu: every reading would bring rare ones, 红豆's hongdou).
///
/// Not a place or a common word for a trade name (未来 of 未来科技), nor a word of the
/// language for what is left after a place (美术馆 of 半山美术馆), nor words of the event's own
/// name (文博 of 《文博周刊》, when the event is 文博产业大会). A short form two organisations
/// share names neither, as any shared alias. The forms are folded; `event_names` are the
/// event's name and session as written. `verbatim ingest` drafts them too.
pub fn organization_references(
    organization: &str,
    event_names: &[&str],
    words: &dyn Words,
) -> Vec<String> {
    let mut references = Vec::new();
    let folded = fold(organization);
    let mut name = folded.clone();
    if let (Some(open), Some(close)) = (folded.find('《'), folded.find('》')) {
        if open < close {
            references.push(folded[open + '《'.len_utf8()..close].to_owned());
            name = folded.replace(['《', '》'], "");
            references.push(name.clone());
        }
    }
    // The leading Han words of the name (智谱 of 智谱ai).
    let mut core: Vec<char> = name.chars().take_while(|&c| is_han(c)).collect();
    let text = |chars: &[char]| chars.iter().collect::<String>();
    if let Some(prefix) = LEGAL_PREFIXES
        .iter()
        .find(|prefix| core.len() > prefix.chars().count() && text(&core).starts_with(**prefix))
    {
        core.drain(..prefix.chars().count());
        references.push(text(&core));
    }
    let after_place = [3, 2].into_iter().find(|&n| {
        core.len() >= n + 4
            && words.is_place(&text(&core[..n]))
            && !words.is_word(&text(&core[n..]))
    });
    if let Some(length) = after_place {
        core.drain(..length);
        // The kind of place goes with it (北京 and 市 of 北京市体育局).
        if core.len() > 3 && PLACE_KINDS.contains(core[0]) {
            core.remove(0);
        }
        references.push(text(&core));
    }
    let short = if core.len() >= 4 {
        let trade = text(&core[..2]);
        (!words.is_place(&trade) && !words.is_common(&trade)).then_some(trade)
    } else {
        (core.len() >= 2).then(|| text(&core))
    };
    if let Some(short) = short {
        let pinyin = pinyin_syllables(&short).concat();
        if short.chars().count() < core.len() {
            references.push(short);
        }
        if pinyin.len() >= 4 {
            references.push(pinyin);
        }
    }
    let event_names: Vec<String> = event_names.iter().map(|n| fold(n)).collect();
    let mut seen = HashSet::new();
    references.retain(|r| {
        r.chars().count() >= 2
            && *r != folded
            && !event_names.iter().any(|n| n.contains(r.as_str()))
            && seen.insert(r.clone())
    });
    references
}

/// Words for whoever heads an organisation, whatever their title.
const HEAD_WORDS: [&str; 7] = [
    "老板",
    "负责人",
    "老总",
    "掌门人",
    "当家人",
    "领导",
    "一把手",
];
const HEAD_WORDS_EN: [&str; 10] = [
    "boss",
    "head",
    "chief",
    "ceo",
    "director",
    "founder",
    "owner",
    "leader",
    "official",
    "representative",
];

/// An end of organisation names: the speakers whose organisations end so, and whether it is
/// a whole name.
#[derive(Debug, Clone, Default)]
struct Kind {
    owners: Vec<Target>,
    whole: bool,
}

/// Whether the kind a question names, ending at byte `at` of `text`, begins there rather than
/// inside a longer kind: a whole name may follow anything, an end of one only a non-Han
/// character, a particle or a pointer (那家超市的老板), not a word it would be part of (储能公司
/// is not the 公司 of 输配电公司).
fn kind_begins(text: &str, at: usize, kind: &Kind) -> bool {
    kind.whole
        || text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_han(c) || "的这那哪该每各家个位请问下是和与跟对向".contains(c))
}

/// The kinds of organisation each speaker's is, by the ends of its names (好日鲜超市 is a
/// 超市, and a 日鲜超市; Nanying Agricultural Research Station a station and a research
/// station), folded, with the speakers whose organisations end so.
fn kinds_of_organization(knowledge: &Knowledge) -> FxHashMap<String, Kind> {
    let mut kinds: FxHashMap<String, Kind> = FxHashMap::default();
    for speaker in knowledge.speakers() {
        let target = Target::Speaker(speaker.name.clone());
        let names = std::iter::once(&speaker.organization)
            .chain(&speaker.organization_en)
            .chain(&speaker.organization_aliases)
            .map(|n| fold(n));
        for name in names {
            let ends: Vec<String> = if name.chars().all(is_han) {
                let characters: Vec<char> = name.chars().collect();
                (2..=characters.len())
                    .map(|n| characters[characters.len() - n..].iter().collect())
                    .collect()
            } else if !name.chars().any(is_han) {
                let words: Vec<&str> = name.split_whitespace().collect();
                (1..=words.len())
                    .map(|n| words[words.len() - n..].join(" "))
                    .collect()
            } else {
                Vec::new()
            };
            for end in ends {
                let kind = kinds.entry(end.clone()).or_default();
                kind.whole |= end == name;
                if !kind.owners.contains(&target) {
                    kind.owners.push(target.clone());
                }
            }
        }
    }
    kinds
}

/// Whether two folded names share two Han characters in a row that are not a generic part of
/// event names (智源研究院 and 北京智源大会 share 智源).
fn shares_distinctive_words(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    a.windows(2).any(|pair| {
        pair.iter().all(|&c| is_han(c)) && {
            let pair: String = pair.iter().collect();
            b.contains(&pair) && !GENERIC_EVENT_WORDS.iter().any(|g| g.contains(&pair))
        }
    })
}

/// Drops the exact mentions of a name that are a part of a near miss of a whole name of the
/// same target (Yang of "Yang Zhiling", the surname alone being a name too): not the name
/// typed right, nor an organisation's (Baichuan of "Baichuan see", not "Baichuan CEO").
/// `fuzzy` are the near misses, each with the letters of the alias it is a near miss of.
fn drop_parts_of_near_misses(
    mentions: &mut Vec<Mention>,
    fuzzy: &[(Mention, usize)],
    folded: &str,
) {
    mentions.retain(|exact| {
        let letters = compact_latin(&folded[exact.span.clone()]).len();
        !fuzzy.iter().any(|(near, length)| {
            near.target == exact.target
                && exact.strength == Strength::Name
                && near.span.start <= exact.span.start
                && exact.span.end <= near.span.end
                && letters + 2 < *length
        })
    });
}

/// Keeps the longest of mentions that may overlap (after some grew over a title: 主席 inside
/// 绿穗合作社的主席), in the order of the text, as [`Roster::find`] gives them.
pub fn keep_longest(mentions: Vec<Mention>) -> Vec<Mention> {
    in_order(take_longest(mentions, &[]))
}

fn in_order(mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.sort_by_key(|m| m.span.start);
    mentions
}

/// Keeps the longest mentions that overlap neither each other nor `taken`.
fn take_longest(mut found: Vec<Mention>, taken: &[Mention]) -> Vec<Mention> {
    found.sort_by(|a, b| {
        let length = |m: &Mention| m.span.end - m.span.start;
        length(b)
            .cmp(&length(a))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Mention> = Vec::new();
    for mention in found {
        let overlaps = |other: &Mention| {
            mention.span.start < other.span.end && other.span.start < mention.span.end
        };
        if !kept.iter().chain(taken).any(overlaps) {
            kept.push(mention);
        }
    }
    kept
}

/// The Latin words of a folded text (runs of ASCII letters and digits, and an ampersand
/// between them) with their byte ranges.
pub fn latin_words(folded: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    let bytes = folded.as_bytes();
    for (i, c) in folded.char_indices() {
        // An ampersand between letters is inside a word: b&b, r&d, at&t.
        let joins =
            c == '&' && start.is_some() && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
        match (c.is_ascii_alphanumeric() || joins, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..folded.len());
    }
    words
}

/// A folded question's words, prepared once for matching against every alias.
struct QuestionWords {
    /// Byte ranges of the Latin words.
    ranges: Vec<Range<usize>>,
    /// The compact form of each Latin word; never empty.
    compacts: Vec<String>,
    /// The first byte of each compact form.
    first_letters: Vec<u8>,
    /// Every character's byte range, with its toneless pinyin when it is Han and has one.
    han_syllables: Vec<(Range<usize>, Option<&'static str>)>,
    /// Where each reading occurs: indices into `han_syllables`, in order.
    readings: FxHashMap<&'static str, Vec<usize>>,
}

impl QuestionWords {
    fn new(folded: &str) -> QuestionWords {
        let ranges = latin_words(folded);
        let compacts: Vec<String> = ranges
            .iter()
            .map(|word| compact_latin(&folded[word.clone()]))
            .collect();
        let first_letters = compacts
            .iter()
            .filter_map(|c| c.as_bytes().first().copied())
            .collect();
        let han_syllables: Vec<(Range<usize>, Option<&'static str>)> = folded
            .char_indices()
            .map(|(start, c)| {
                let syllable = if is_han(c) {
                    c.to_pinyin().map(|p| p.plain())
                } else {
                    None
                };
                (start..start + c.len_utf8(), syllable)
            })
            .collect();
        let mut readings: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        for (index, (_, reading)) in han_syllables.iter().enumerate() {
            if let Some(reading) = reading {
                readings.entry(reading).or_default().push(index);
            }
        }
        QuestionWords {
            ranges,
            compacts,
            first_letters,
            han_syllables,
            readings,
        }
    }
}

/// Runs of up to four consecutive words whose letters, joined, start like `compact` and are
/// within `allowed` edits of it. Tone numbers ("yang2") are ignored. `scratch` is reused
/// between calls to spare an allocation per comparison.
fn match_latin_near(
    words: &QuestionWords,
    compact: &str,
    allowed: usize,
    scratch: &mut Vec<usize>,
) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut joined = String::new();
    let mut i = 0;
    while i < words.ranges.len() {
        // Every run starting here starts with this word's first letter.
        if words.compacts[i].as_bytes().first() != compact.as_bytes().first() {
            i += 1;
            continue;
        }
        joined.clear();
        let mut matched = None;
        for (n, word) in words.compacts[i..].iter().take(4).enumerate() {
            joined.push_str(word);
            if joined.len() > compact.len() + allowed {
                break;
            }
            // The distance is at least the difference in length, so shorter runs are
            // rejected without computing it.
            let close = joined.as_bytes().first() == compact.as_bytes().first()
                && compact.len() <= joined.len() + allowed
                && bag_distance(&joined, compact) <= allowed
                && edit_distance_in(&joined, compact, scratch) <= allowed;
            if close {
                matched = Some(n);
            }
        }
        match matched {
            Some(n) => {
                spans.push(words.ranges[i].start..words.ranges[i + n].end);
                i += n + 1;
            }
            None => i += 1,
        }
    }
    spans
}

/// Windows of Han characters of the question that read like `syllables`, tones aside.
fn match_homophones(words: &QuestionWords, syllables: &[String]) -> Vec<Range<usize>> {
    let Some(starts) = syllables
        .first()
        .and_then(|first| words.readings.get(first.as_str()))
    else {
        return Vec::new();
    };
    let characters = &words.han_syllables;
    starts
        .iter()
        .filter_map(|&start| {
            let window = characters.get(start..start + syllables.len())?;
            let sounds_alike = window
                .iter()
                .zip(syllables)
                .all(|((_, reading), syllable)| *reading == Some(syllable.as_str()));
            sounds_alike.then(|| window[0].0.start..window[window.len() - 1].0.end)
        })
        .collect()
}

/// Toneless pinyin of a Han string, run together: 亏本买卖 → "kuibenmaimai".
pub fn pinyin_key(han: &str) -> String {
    // ü is typed v (lv for 率, nv for 女), as pinyin keyboards have it.
    pinyin_syllables(han).concat().replace('ü', "v")
}

/// Toneless pinyin of each character of a Han string; characters without a reading are skipped.
fn pinyin_syllables(han: &str) -> Vec<String> {
    han.chars()
        .filter_map(|c| c.to_pinyin().map(|p| p.plain().to_owned()))
        .collect()
}

/// Letters and digits only, with pinyin tone numbers (a digit right after a letter) dropped.
fn compact_latin(text: &str) -> String {
    let mut compact = String::new();
    let mut previous_letter = false;
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            compact.push(c);
            previous_letter = true;
        } else if c.is_ascii_digit() {
            if !(previous_letter && ('1'..='5').contains(&c)) {
                compact.push(c);
            }
            previous_letter = false;
        } else {
            previous_letter = false;
        }
    }
    compact
}

/// Optimal string alignment distance: Levenshtein plus adjacent transpositions.
#[cfg(test)]
fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_in(a, b, &mut Vec::new())
}

/// A lower bound of [`edit_distance`], in linear time: the letters one string has and the
/// other lacks, counted with their repeats, of the string with more of them. Each edit adds at
/// most one to either count, and swapping two letters adds none.
fn bag_distance(a: &str, b: &str) -> usize {
    let mut counts = [0usize; 256];
    for &byte in a.as_bytes() {
        counts[usize::from(byte)] += 1;
    }
    let mut common = 0;
    for &byte in b.as_bytes() {
        let count = &mut counts[usize::from(byte)];
        if *count > 0 {
            *count -= 1;
            common += 1;
        }
    }
    a.len().max(b.len()) - common
}

/// [`edit_distance`] with its table in `scratch`, which is reused between calls.
fn edit_distance_in(a: &str, b: &str, scratch: &mut Vec<usize>) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let width = b.len() + 1;
    scratch.clear();
    scratch.resize((a.len() + 1) * width, 0);
    let rows = scratch;
    for i in 0..=a.len() {
        rows[i * width] = i;
    }
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_written_as_names_fold() {
        let titles = TITLES
            .iter()
            .flat_map(|(title, addresses, _)| {
                std::iter::once(*title).chain(addresses.iter().copied())
            })
            .collect();
        crate::normalize::assert_written_as_folded([
            ("COMPOUND_SURNAMES", COMPOUND_SURNAMES.to_vec()),
            ("ORGANISER_MARKS", ORGANISER_MARKS.to_vec()),
            ("ORGANISER_NAMES", ORGANISER_NAMES.to_vec()),
            ("GENERIC_EVENT_WORDS", GENERIC_EVENT_WORDS.to_vec()),
            ("LEGAL_PREFIXES", LEGAL_PREFIXES.to_vec()),
            ("HEAD_WORDS", HEAD_WORDS.to_vec()),
            ("HEAD_WORDS_EN", HEAD_WORDS_EN.to_vec()),
            ("TITLES", titles),
        ]);
    }

    fn roster() -> Roster {
        Roster::new(&Knowledge::embedded())
    }

    /// Checks which targets a question names, as "speaker:NAME" / "topic:ID", in order.
    fn check(question: &str, expected: &[&str]) {
        let mentions = roster().find(&fold(question));
        let got: Vec<String> = mentions
            .iter()
            .map(|m| match &m.target {
                Target::Speaker(name) => format!("speaker:{name}"),
                Target::Topic(id) => format!("topic:{id}"),
            })
            .collect();
        assert_eq!(got, expected, "mentions in {question:?}");
    }

    #[test]
    fn names_in_english_by_surname() {
        check(
            "What did Mr Yang say about AGI?",
            &["speaker:楊植麟", "topic:agi"],
        );
        check("Dr. Zhang on AGI", &["speaker:張鵬", "topic:agi"]);
        check("CEO Yang on AGI", &["speaker:楊植麟", "topic:agi"]);
        check("Zhilin Yang on AGI", &["speaker:楊植麟", "topic:agi"]);
        check("Yang on AGI", &["speaker:楊植麟", "topic:agi"]);
        // Two speakers are Wang: the surname names neither.
        check("Mr Wang on AGI", &["topic:agi"]);
    }

    #[test]
    fn names_in_every_script() {
        check("楊植麟怎麼看AGI?", &["speaker:楊植麟", "topic:agi"]);
        check("杨植麟怎么看价格战", &["speaker:楊植麟", "topic:price-war"]);
        check("张鹏 scaling law", &["speaker:張鵬", "topic:scaling-law"]);
        check("王仲远 降价", &["speaker:王仲遠", "topic:price-war"]);
    }

    #[test]
    fn pinyin_keys_type_u_umlaut_as_v() {
        assert_eq!(pinyin_key("中签率"), "zhongqianlv");
        assert_eq!(pinyin_key("绿电"), "lvdian");
        assert_eq!(pinyin_key("博物馆"), "bowuguan");
    }

    #[test]
    fn pinyin_with_and_without_spaces_and_tones() {
        check(
            "Yang Zhilin on scaling law",
            &["speaker:楊植麟", "topic:scaling-law"],
        );
        check("yangzhilin", &["speaker:楊植麟"]);
        check("Yáng Zhílín", &["speaker:楊植麟"]);
        check("yang2 zhi2 lin2", &["speaker:楊植麟"]);
        check("what does xiaochuan think", &["speaker:王小川"]);
        check("Li Dahai price war", &["speaker:李大海", "topic:price-war"]);
    }

    #[test]
    fn companies_products_and_titles() {
        check(
            "What did Baichuan's CEO say about the price war?",
            &["speaker:王小川", "topic:price-war"],
        );
        check(
            "Moonshot AI price war",
            &["speaker:楊植麟", "topic:price-war"],
        );
        check("百川智能 價格戰", &["speaker:王小川", "topic:price-war"]);
        check("智谱AI AGI", &["speaker:張鵬", "topic:agi"]);
        check("面壁智能 价格战", &["speaker:李大海", "topic:price-war"]);
        check("kimi", &["speaker:楊植麟"]);
        check(
            "智源研究院院長怎麼看降價",
            &["speaker:王仲遠", "topic:price-war"],
        );
    }

    /// A speaker with only a name, an organisation and a role.
    fn bare_speaker(name: &str, organization: &str, role: &str) -> Speaker {
        Speaker {
            name: name.to_owned(),
            name_en: None,
            organization: organization.to_owned(),
            organization_en: None,
            role: role.to_owned(),
            role_en: None,
            aliases: Vec::new(),
            organization_aliases: Vec::new(),
            products: Vec::new(),
        }
    }

    /// What people call a speaker of the embedded pack's event with only a name, an
    /// organisation and a role.
    fn references_of(name: &str, organization: &str, role: &str) -> Vec<String> {
        let speaker = bare_speaker(name, organization, role);
        references(&speaker, &Knowledge::embedded().packs[0].event, false)
    }

    #[test]
    fn an_ampersand_between_letters_is_inside_a_word() {
        let text = "small b&bs, r&d & more";
        let words: Vec<&str> = latin_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["small", "b&bs", "r&d", "more"]);
    }

    #[test]
    fn the_organiser_is_whoever_says_so_before_a_firm_of_the_events_field() {
        let event = Event {
            name: "第四届沧澜游戏出海大会".to_owned(),
            name_en: None,
            date: "2025-11-13".to_owned(),
            place: String::new(),
            session: String::new(),
            session_en: None,
        };
        let studio = bare_speaker("覃晓棠", "青栎游戏", "创始人");
        let organiser = bare_speaker("葛文远", "沧澜市游戏产业协会", "会长、大会组委会主任");
        let called = |speaker: &Speaker, marked: bool| references(speaker, &event, marked);
        assert!(marked_as_organiser(&organiser));
        assert!(called(&organiser, true).contains(&"organiser".to_owned()));
        // The studio shares 游戏 with the event's name: the organiser only when no one says so.
        assert!(!called(&studio, true).contains(&"organiser".to_owned()));
        assert!(called(&studio, false).contains(&"organiser".to_owned()));
    }

    #[test]
    fn a_chairman_is_addressed_as_any_executive() {
        let aliases = references_of("欧阳婧", "云栈物流", "董事长");
        for alias in ["董事长", "欧阳董事长", "欧阳董", "欧阳总", "chairman"] {
            assert!(aliases.iter().any(|a| a == alias), "{alias} in {aliases:?}");
        }
        // 总 alone addresses no one.
        assert!(!aliases.iter().any(|a| a == "总"));
    }

    #[test]
    fn a_chief_executive_is_addressed_in_either_script() {
        // 執行長 (Taiwan) and 首席执行官 (the mainland) fold apart; each is found as the
        // question naming its holder folds.
        for (role, question) in [
            ("執行長", "賴執行長怎麼看"),
            ("首席执行官", "赖首席执行官怎么看"),
        ] {
            let aliases = references_of("賴國峰", "南風公民電廠", role);
            let asked = fold(question);
            assert!(
                aliases
                    .iter()
                    .any(|a| asked.starts_with(a.as_str()) && a.starts_with('赖')),
                "{role}: {aliases:?} in {asked}"
            );
            assert!(aliases.iter().any(|a| a == "赖总"), "{role}: {aliases:?}");
        }
    }

    #[test]
    fn a_speaker_is_named_in_english_by_surname() {
        let aliases = references_of("梁静怡", "墨羽网络", "副总裁");
        for alias in [
            "ms liang",
            "mr liang",
            "dr liang",
            "vice president liang",
            "liang",
        ] {
            assert!(aliases.iter().any(|a| a == alias), "{alias} in {aliases:?}");
        }
        // A surname that is an English word too is named so only after a title.
        let aliases = references_of("宋立", "立言书局", "店主");
        assert!(aliases.iter().any(|a| a == "mr song"), "{aliases:?}");
        assert!(!aliases.iter().any(|a| a == "song"), "{aliases:?}");
    }

    #[test]
    fn a_division_head_is_addressed_by_surname_and_title() {
        let aliases = references_of("蘇建廷", "台灣輸配電公司", "調度處處長");
        for alias in ["处长", "苏处长", "director"] {
            assert!(aliases.iter().any(|a| a == alias), "{alias} in {aliases:?}");
        }
    }

    /// The roster of the embedded pack with 李大海's entry changed, and no aliases listed.
    fn roster_with_li_dahai(change: impl Fn(&mut Speaker)) -> Roster {
        let mut knowledge = Knowledge::embedded();
        let mut pack = (*knowledge.packs[0]).clone();
        for speaker in &mut pack.speakers {
            if speaker.name == "李大海" {
                change(speaker);
                speaker.aliases.clear();
            }
        }
        knowledge.packs[0] = std::sync::Arc::new(pack);
        Roster::new(&knowledge)
    }

    #[test]
    fn a_title_is_not_heard_in_words_that_sound_like_it() {
        let mut knowledge = Knowledge::embedded();
        let mut pack = (*knowledge.packs[0]).clone();
        for speaker in pack.speakers.iter_mut().filter(|s| s.name == "李大海") {
            speaker.role = "会长、大会组委会主任".to_owned();
            speaker.aliases = vec!["会长".to_owned()];
        }
        knowledge.packs[0] = std::sync::Arc::new(pack);
        let roster = Roster::new(&knowledge);
        let li = Target::Speaker("李大海".to_owned());
        let named = |asked: &str| -> Vec<Target> {
            roster
                .find(&fold(asked))
                .into_iter()
                .map(|m| m.target)
                .collect()
        };
        assert_eq!(named("会长怎么看"), std::slice::from_ref(&li));
        // 会涨 (will rise) sounds like 会长: a word, not a misspelt title.
        assert!(named("成本会涨到多少").is_empty());
        // The name still is heard through a slip: 李大还 for 李大海.
        assert_eq!(named("李大还怎么看"), [li]);
    }

    #[test]
    fn a_transliterated_name_is_found_with_any_dot_or_none() {
        let roster = roster_with_li_dahai(|speaker| speaker.name = "阿依古丽·买买提".to_owned());
        for asked in [
            "阿依古丽买买提怎么看",
            "阿依古麗‧買買提怎麼看",
            "阿依古丽・买买提怎么看",
        ] {
            let named: Vec<Target> = roster
                .find(&fold(asked))
                .into_iter()
                .map(|m| m.target)
                .collect();
            assert_eq!(
                named,
                [Target::Speaker("阿依古丽·买买提".to_owned())],
                "{asked}"
            );
        }
        // 阿 is no surname: there is no 阿总.
        assert!(roster.find(&fold("阿总怎么看")).is_empty());
    }

    #[test]
    fn taiwan_s_chief_officers_are_addressed_by_their_titles() {
        let li = [Target::Speaker("李大海".to_owned())];
        for (role, asked) in [
            ("人資長", "李人資長怎麼看"),
            ("營運長", "李營運長怎麼看"),
            ("技術長", "李總怎麼看"),
            ("財務長", "the chief financial officer"),
        ] {
            let roster = roster_with_li_dahai(|speaker| speaker.role = role.to_owned());
            let named: Vec<Target> = roster
                .find(&fold(asked))
                .into_iter()
                .map(|m| m.target)
                .collect();
            assert_eq!(named, li, "{role}: {asked}");
        }
    }

    #[test]
    fn a_taiwan_title_is_found_as_its_question_folds() {
        // 執行長 folds to 首席执行官, which folded again would read 首席运行官.
        let roster = roster_with_li_dahai(|speaker| speaker.role = "執行長".to_owned());
        let named: Vec<Target> = roster
            .find(&fold("李執行長怎麼看"))
            .into_iter()
            .map(|m| m.target)
            .collect();
        assert_eq!(named, [Target::Speaker("李大海".to_owned())]);
    }

    #[test]
    fn abbreviations_of_an_organisation_with_no_other_names() {
        let roster_with = |organization: &str| {
            let mut knowledge = Knowledge::embedded();
            let mut pack = (*knowledge.packs[0]).clone();
            for speaker in &mut pack.speakers {
                if speaker.name == "王仲遠" {
                    speaker.organization = organization.to_owned();
                    speaker.organization_aliases.clear();
                }
            }
            knowledge.packs[0] = std::sync::Arc::new(pack);
            Roster::new(&knowledge)
        };
        let roster = roster_with("澄川市文化和旅游局");
        let found = roster.find(&fold("澄川文旅局打算怎么帮民营博物馆"));
        let wang = Target::Speaker("王仲遠".to_owned());
        assert!(
            found
                .iter()
                .any(|m| m.target == wang && m.span == (0.."澄川文旅局".len())),
            "{found:?}"
        );
        // Not one that begins otherwise, nor two characters.
        assert!(!roster
            .find(&fold("文旅局怎么帮"))
            .iter()
            .any(|m| m.target == wang));
        assert!(!roster.find(&fold("澄局")).iter().any(|m| m.target == wang));
    }

    /// Knows 台湾 and 半山 as places and 美术馆 as a word, as jieba's dictionary does.
    struct SomeWords;

    impl Words for SomeWords {
        fn is_place(&self, word: &str) -> bool {
            ["台湾", "半山"].contains(&word)
        }
        fn is_word(&self, word: &str) -> bool {
            word == "美术馆"
        }
        fn is_common(&self, word: &str) -> bool {
            word == "未来"
        }
    }

    #[test]
    fn short_forms_of_an_organisations_name() {
        let event = Knowledge::embedded().packs[0].event.clone();
        let event_names = [event.name.as_str(), event.session.as_str()];
        let short = |name: &str| organization_references(name, &event_names, &SomeWords);
        assert_eq!(short("恒锂能源"), ["恒锂", "hengli"]);
        assert_eq!(
            short("国立港都大学能源研究中心"),
            ["港都大学能源研究中心", "港都", "gangdou"]
        );
        assert_eq!(short("台湾输配电公司"), ["输配电公司", "输配", "shupei"]);
        // The kind of place goes with the place (台湾 and 省 of 台湾省农业委员会).
        assert_eq!(short("台湾省农业委员会"), ["农业委员会", "农业", "nongye"]);
        assert_eq!(short("《文博周刊》"), ["文博周刊", "文博", "wenbo"]);
        assert_eq!(short("好日鲜"), ["haorixian"]);
        assert_eq!(short("未来科技"), Vec::<String>::new());
        // Not a place for a trade name, nor the word left after one.
        assert_eq!(short("半山美术馆"), Vec::<String>::new());
        // Not words of the event's own name (北京智源大会).
        assert!(!short("智源研究院").contains(&"智源".to_owned()));
    }

    #[test]
    fn short_forms_only_where_the_pack_lists_none() {
        // 面壁智能's speaker, with the organisation's aliases the pack lists replaced.
        let roster_with = |organization_aliases: &[&str]| {
            let mut knowledge = Knowledge::embedded();
            let mut pack = (*knowledge.packs[0]).clone();
            for speaker in &mut pack.speakers {
                if speaker.organization == "面壁智能" {
                    speaker.organization_aliases = organization_aliases
                        .iter()
                        .map(|a| (*a).to_owned())
                        .collect();
                }
            }
            knowledge.packs[0] = std::sync::Arc::new(pack);
            Roster::with_words(&knowledge, &SomeWords)
        };
        let named = |roster: &Roster, question: &str| -> Vec<Target> {
            roster
                .find(&fold(question))
                .into_iter()
                .map(|m| m.target)
                .collect()
        };
        let li = Target::Speaker("李大海".to_owned());
        let derived = roster_with(&[]);
        assert_eq!(named(&derived, "面壁怎么看"), std::slice::from_ref(&li));
        assert_eq!(named(&derived, "what does mianbi say"), [li]);
        // A curator's list is theirs: nothing is added to it.
        let listed = roster_with(&["ModelBest"]);
        assert!(named(&listed, "面壁怎么看").is_empty());
        assert!(named(&listed, "what does mianbi say").is_empty());
    }

    #[test]
    fn a_shared_title_names_nobody() {
        check("ceo", &[]);
    }

    #[test]
    fn the_head_of_an_organisation_by_its_kind() {
        // 研究院 is the kind of 智源研究院, whose head is its 院长.
        check(
            "研究院的领导怎么看降价",
            &["speaker:王仲遠", "topic:price-war"],
        );
        check("研究院院长", &["speaker:王仲遠"]);
        // The whole name with a head word, not the kind inside it.
        check("面壁智能的老板", &["speaker:李大海"]);
        // 智能 ends two organisations' names: it names neither.
        check("智能公司老板", &[]);
        // A title not theirs: the academy's head is its 院长, not a 董事长.
        check("研究院的董事长", &[]);
        // A longer kind than the organisation's: 计算研究院 is not 智源研究院.
        check("计算研究院的老板", &[]);
        check("问一下那家研究院的院长", &["speaker:王仲遠"]);
    }

    #[test]
    fn the_head_of_an_organisation_by_its_kind_in_english() {
        let roster = roster();
        // The speakers found, with the words that name them.
        let heads = |question: &str| -> Vec<(String, Target)> {
            let folded = fold(question);
            roster
                .find(&folded)
                .into_iter()
                .filter(|m| matches!(m.target, Target::Speaker(_)))
                .map(|m| (folded[m.span].to_owned(), m.target))
                .collect()
        };
        let wang = Target::Speaker("王仲遠".to_owned());
        // "research institute" is 研究院 in CC-CEDICT, the end of 智源研究院.
        assert_eq!(
            heads("What did the research institute director say?"),
            [("research institute director".to_owned(), wang.clone())]
        );
        assert_eq!(
            heads("the head of the research institute on AGI"),
            [("head of the research institute".to_owned(), wang)]
        );
        // No organisation on the panel is a supermarket; "AI company" is two of them.
        assert!(heads("the supermarket boss").is_empty());
        assert!(heads("the AI company boss").is_empty());
    }

    #[test]
    fn typos_in_names() {
        check("Yang Zhiling AGI", &["speaker:楊植麟", "topic:agi"]);
        check("wang xiaochaun", &["speaker:王小川"]);
        check("杨志林怎么看agi", &["speaker:楊植麟", "topic:agi"]);
        check("張朋 價格戰", &["speaker:張鵬", "topic:price-war"]);
        check("scalling law", &["topic:scaling-law"]);
    }

    #[test]
    fn the_event_name_does_not_name_its_host() {
        check("北京智源大會上說了什麼", &["topic:scene"]);
    }

    #[test]
    fn nothing_in_unrelated_text() {
        check("上海明天会下雨吗", &[]);
        check("Best pizza toppings?", &[]);
        check("", &[]);
    }

    #[test]
    fn suggestions_match_any_alias_form() {
        let roster = roster();
        let speakers = |typed: &str| roster.suggest(typed, |t| matches!(t, Target::Speaker(_)));
        let yang = Target::Speaker("楊植麟".to_owned());
        assert_eq!(speakers("yang").first(), Some(&yang));
        assert_eq!(speakers("杨").first(), Some(&yang));
        assert_eq!(speakers("Moonshot").first(), Some(&yang));
        assert_eq!(speakers("").len(), 5);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("wangxiaochaun", "wangxiaochuan"), 1);
        assert_eq!(edit_distance("yangzhiling", "yangzhilin"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn bag_distance_never_exceeds_edit_distance() {
        let words = [
            "",
            "a",
            "abc",
            "cab",
            "wangxiaochuan",
            "wangxiaochaun",
            "wangxiaocuan",
            "zhangpeng",
            "zhengpang",
            "lidahai",
            "dahaili",
            "yangzhilin",
            "yangzilin",
            "moonshot",
            "mmoonshot",
        ];
        for a in words {
            for b in words {
                assert!(bag_distance(a, b) <= edit_distance(a, b), "{a} / {b}");
            }
        }
        // Only the letters count, not their order.
        assert_eq!(bag_distance("lidahai", "dahaili"), 0);
        assert_eq!(bag_distance("zhangpeng", "zhengpang"), 0);
        assert_eq!(bag_distance("wangxiaochuan", "wangxiaocuan"), 1);
        assert_eq!(bag_distance("abc", ""), 3);
    }

    /// The plain way to find mentions, trying every alias in turn: what [`Roster::find`] must
    /// agree with, however it gets there.
    fn find_by_trying_every_alias(roster: &Roster, folded: &str) -> Vec<Mention> {
        fn runs(
            words: &[Range<usize>],
            folded: &str,
            compact: &str,
            allowed: usize,
        ) -> Vec<Range<usize>> {
            let mut spans = Vec::new();
            let mut i = 0;
            while i < words.len() {
                let mut joined = String::new();
                let mut matched = None;
                for (n, word) in words[i..].iter().take(4).enumerate() {
                    joined.push_str(&compact_latin(&folded[word.clone()]));
                    if joined.len() > compact.len() + allowed {
                        break;
                    }
                    let close = if allowed == 0 {
                        joined == compact
                    } else {
                        joined.as_bytes().first() == compact.as_bytes().first()
                            && edit_distance(&joined, compact) <= allowed
                    };
                    if close {
                        matched = Some(n);
                    }
                }
                match matched {
                    Some(n) => {
                        spans.push(words[i].start..words[i + n].end);
                        i += n + 1;
                    }
                    None => i += 1,
                }
            }
            spans
        }
        fn homophones(folded: &str, syllables: &[String]) -> Vec<Range<usize>> {
            let chars: Vec<(usize, char)> = folded.char_indices().collect();
            if chars.len() < syllables.len() {
                return Vec::new();
            }
            let mut spans = Vec::new();
            for window in chars.windows(syllables.len()) {
                let sounds_alike = window.iter().zip(syllables).all(|((_, c), syllable)| {
                    is_han(*c) && c.to_pinyin().is_some_and(|p| p.plain() == syllable)
                });
                if sounds_alike {
                    let (last, c) = window[window.len() - 1];
                    spans.push(window[0].0..last + c.len_utf8());
                }
            }
            spans
        }
        let words = latin_words(folded);
        let mut found = Vec::new();
        for alias in &roster.aliases {
            if alias.compact.is_empty() {
                for (start, _) in folded.match_indices(alias.key.as_str()) {
                    found.push(alias.mention(start..start + alias.key.len(), true));
                }
            } else {
                found.extend(
                    runs(&words, folded, &alias.compact, 0)
                        .into_iter()
                        .map(|span| alias.mention(span, true)),
                );
            }
        }
        let mut mentions = take_longest(found, &[]);
        let mut fuzzy = Vec::new();
        for alias in roster.aliases.iter().filter(|a| a.fuzzy) {
            let spans = if alias.compact.len() >= 5 {
                let allowed = if alias.compact.len() >= 8 { 2 } else { 1 };
                runs(&words, folded, &alias.compact, allowed)
            } else if alias.syllables.len() >= 2 {
                homophones(folded, &alias.syllables)
            } else {
                Vec::new()
            };
            for span in spans {
                fuzzy.push((alias.mention(span, false), alias.compact.len()));
            }
        }
        drop_parts_of_near_misses(&mut mentions, &fuzzy, folded);
        let fuzzy = fuzzy.into_iter().map(|(mention, _)| mention).collect();
        mentions.extend(take_longest(fuzzy, &mentions));
        in_order(mentions)
    }

    #[test]
    fn find_agrees_with_trying_every_alias() {
        let roster = roster();
        let mut questions: Vec<String> = [
            include_str!("../tests/data/dev-questions.jsonl"),
            include_str!("../tests/data/more-questions.jsonl"),
        ]
        .iter()
        .flat_map(|file| file.lines())
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|question| question["q"].as_str().map(str::to_owned))
        .collect();
        questions.extend(
            [
                "moonshotai moonshot ai moon shot",
                "yang zhi lin zhang peng li da hai wang xiao chuan",
                "yangzhilinyangzhilin yang zhilin yang",
                "王小川王小川王小川 杨志林杨志林",
                "哈哈哈哈 智谱智谱 面壁面壁智能",
                "wang xiaochaun wangxiaochuan wang xiao chuan2 baichuan4 baichuan 4",
                "zhang peng peng zhang zhangpeng zhang1 peng2 zhipu ai zhipu",
                "scalling laws scaling law scaling",
                "a b c d e f g h i j k l m n o p",
            ]
            .map(str::to_owned),
        );
        let variants: Vec<String> = questions
            .iter()
            .flat_map(|q| [q.to_uppercase(), q.replace(' ', ""), format!("{q} {q}")])
            .collect();
        questions.extend(variants);
        for question in &questions {
            let folded = fold(question);
            assert_eq!(
                roster.find(&folded),
                find_by_trying_every_alias(&roster, &folded),
                "mentions in {question:?}"
            );
        }
    }
}
