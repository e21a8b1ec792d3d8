//! Questions typed wholly in toneless pinyin ("wang xiaochuan dui jiagezhan zenme kan"): their
//! asking words are read as the Han words they stand for (对, 怎么看), so that the question is
//! understood as the same question typed in characters. Names and topics typed in pinyin are
//! found by the roster already; the rest of a question's pinyin reaches the forum's words
//! through their pinyin keys.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pinyin::ToPinyin;

/// Asking and function words, as pinyin syllables, and the Han they stand for. Longer phrases
/// first where one holds another.
const ASKING: &[(&[&str], &str)] = &[
    (&["zen", "me", "kan"], "怎么看"),
    (&["zen", "me", "yang"], "怎么样"),
    (&["zen", "me"], "怎么"),
    (&["ru", "he", "kan", "dai"], "如何看待"),
    (&["ru", "he"], "如何"),
    (&["kan", "dai"], "看待"),
    (&["kan", "fa"], "看法"),
    (&["kan"], "看"),
    (&["shen", "me", "shi", "hou"], "什么时候"),
    (&["wei", "shen", "me"], "为什么"),
    (&["shen", "me"], "什么"),
    (&["sha"], "啥"),
    (&["shei"], "谁"),
    (&["shui"], "谁"),
    (&["na", "wei"], "哪位"),
    (&["na", "xie"], "哪些"),
    (&["na", "li"], "哪里"),
    (&["zai", "na"], "在哪"),
    (&["duo", "shao"], "多少"),
    (&["duo", "jiu"], "多久"),
    (&["you", "mei", "you"], "有没有"),
    (&["shi", "bu", "shi"], "是不是"),
    (&["bu", "zan", "cheng"], "不赞成"),
    (&["bu", "tong", "yi"], "不同意"),
    (&["bu", "ren", "tong"], "不认同"),
    (&["bu", "kan", "hao"], "不看好"),
    (&["fan", "dui"], "反对"),
    (&["bu"], "不"),
    (&["dui"], "对"),
    (&["shuo", "le"], "说了"),
    (&["shuo", "guo"], "说过"),
    (&["shuo"], "说"),
    (&["ti", "dao"], "提到"),
    (&["tan", "dao"], "谈到"),
    (&["ren", "wei"], "认为"),
    (&["jue", "de"], "觉得"),
    (&["guan", "yu"], "关于"),
    (&["de"], "的"),
    (&["le"], "了"),
    (&["ma"], "吗"),
];

/// Every toneless syllable Mandarin has (zhi, xiao, lü as lv), from the readings of the CJK
/// Unified Ideographs, and those of the asking words (shei, a second reading of 谁).
static SYLLABLES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    ('\u{4e00}'..='\u{9fff}')
        .filter_map(|c| c.to_pinyin())
        .map(|p| p.plain().replace('ü', "v"))
        .chain(
            ASKING
                .iter()
                .flat_map(|(phrase, _)| phrase.iter().map(|s| (*s).to_owned())),
        )
        .collect()
});

/// The longest syllable, in letters (zhuang, shuang).
const LONGEST_SYLLABLE: usize = 6;

/// A Latin word cut into pinyin syllables, fewest first (xiaochuan → xiao chuan), or `None`
/// when it is not pinyin (the, what, price).
fn syllables(word: &str) -> Option<Vec<&str>> {
    let n = word.len();
    // best[i]: the fewest syllables that make up word[..i], and where the last one starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 1..=n {
        for start in end.saturating_sub(LONGEST_SYLLABLE)..end {
            let Some((count, _)) = best[start] else {
                continue;
            };
            if SYLLABLES.contains(&word[start..end])
                && best[end].is_none_or(|(fewest, _)| count + 1 < fewest)
            {
                best[end] = Some((count + 1, start));
            }
        }
    }
    best[n]?;
    let mut cuts = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        cuts.push(&word[start..end]);
        end = start;
    }
    cuts.reverse();
    Some(cuts)
}

/// The question with its pinyin asking words in Han, when it is typed wholly in pinyin: no Han
/// character, and every Latin word outside `protected` (the names and topics found in it) made
/// of pinyin syllables. `None` when it is not, or holds no asking word.
pub(super) fn read_asking_words(folded: &str, protected: &[Range<usize>]) -> Option<String> {
    if folded.chars().any(crate::normalize::is_han) {
        return None;
    }
    // The question's syllables, each with its byte range in `folded`; a protected span or a
    // run of non-letters breaks the run of syllables a phrase may span.
    let mut runs: Vec<Vec<(Range<usize>, &str)>> = vec![Vec::new()];
    for range in crate::speakers::latin_words(folded) {
        let word = &folded[range.clone()];
        let start = range.start;
        if protected
            .iter()
            .any(|p| p.start < range.end && range.start < p.end)
        {
            runs.push(Vec::new());
            continue;
        }
        let cut = syllables(word)?;
        let mut offset = start;
        let run = runs.last_mut()?;
        for syllable in cut {
            run.push((offset..offset + syllable.len(), syllable));
            offset += syllable.len();
        }
    }
    let mut replacements: Vec<(Range<usize>, &str)> = Vec::new();
    for run in &runs {
        let mut i = 0;
        while i < run.len() {
            let found = ASKING.iter().find(|(phrase, _)| {
                run.get(i..i + phrase.len()).is_some_and(|window| {
                    window.iter().zip(phrase.iter()).all(|((_, s), p)| s == p)
                })
            });
            match found {
                Some((phrase, han)) => {
                    let range = run[i].0.start..run[i + phrase.len() - 1].0.end;
                    replacements.push((range, han));
                    i += phrase.len();
                }
                None => i += 1,
            }
        }
    }
    if replacements.is_empty() {
        return None;
    }
    // Each replacement stands apart from the pinyin around it, as a word of its own.
    let mut text = String::new();
    let mut last = 0;
    for (range, han) in replacements {
        text.push_str(&folded[last..range.start]);
        text.push(' ');
        text.push_str(han);
        text.push(' ');
        last = range.end;
    }
    text.push_str(&folded[last..]);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// How Wade-Giles and the romanisations Taiwan uses for places and people spell what Hanyu
/// pinyin spells otherwise (Changhua for Zhanghua 彰化, Kaohsiung for Gaoxiong 高雄, Pingtung
/// for Pingdong 屏东), each with the pinyin spellings it may stand for; longest first. WG's
/// unaspirated k, p, t are pinyin's g, b, d, and pinyin has k, p, t only as initials.
const ROMANISATIONS: [(&str, &[&str]); 11] = [
    ("ieh", &["ie"]),
    ("ueh", &["ue"]),
    ("ung", &["ong"]),
    ("hs", &["x"]),
    ("ts", &["z", "c"]),
    ("tz", &["z", "c"]),
    ("ch", &["zh", "j", "q", "ch"]),
    ("ih", &["i"]),
    ("k", &["k", "g"]),
    ("p", &["p", "b"]),
    ("t", &["t", "d"]),
];
/// At most this many spellings of one word are tried.
const MOST_READINGS: usize = 64;

/// The Hanyu pinyin spellings a word romanised in Wade-Giles or Taiwan's way may stand for,
/// the word itself excluded: "changhua" → zhanghua, janghua, …; a word with nothing to respell
/// has none.
pub(super) fn romanisation_readings(word: &str) -> Vec<String> {
    let mut readings = vec![String::new()];
    let mut rest = word;
    while !rest.is_empty() {
        let rule = ROMANISATIONS
            .iter()
            .find(|(from, _)| rest.starts_with(from));
        let (taken, options): (usize, Vec<&str>) = match rule {
            Some((from, to)) => (from.len(), to.to_vec()),
            None => {
                let length = rest.chars().next().map_or(1, char::len_utf8);
                (length, vec![&rest[..length]])
            }
        };
        readings = readings
            .iter()
            .flat_map(|reading| options.iter().map(move |o| format!("{reading}{o}")))
            .take(MOST_READINGS)
            .collect();
        rest = &rest[taken..];
    }
    readings.retain(|reading| reading != word);
    readings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_words_are_written_as_questions_fold() {
        // The question read with them is folded again: an entry folding to something else
        // would not be what the roster and the cues look for.
        crate::normalize::assert_written_as_folded([(
            "ASKING",
            ASKING.iter().map(|(_, han)| *han).collect(),
        )]);
    }

    #[test]
    fn pinyin_words_are_cut_into_syllables() {
        assert_eq!(syllables("xiaochuan"), Some(vec!["xiao", "chuan"]));
        assert_eq!(syllables("zenme"), Some(vec!["zen", "me"]));
        assert_eq!(syllables("jiagezhan"), Some(vec!["jia", "ge", "zhan"]));
        assert_eq!(syllables("the"), None);
        assert_eq!(syllables("price"), None);
    }

    #[test]
    fn asking_words_typed_in_pinyin_are_read_as_han() {
        let read = |folded: &str, protected: &[Range<usize>]| read_asking_words(folded, protected);
        // "wang xiaochuan" and "jiagezhan" are a name and a topic the roster found.
        assert_eq!(
            read("wang xiaochuan dui jiagezhan zenme kan", &[0..14, 19..28]).as_deref(),
            Some("wang xiaochuan 对 jiagezhan 怎么看")
        );
        assert_eq!(
            read("li dahai shuo le shenme", std::slice::from_ref(&(0..8))).as_deref(),
            Some("li dahai 说了 什么")
        );
        // A name is not read: He of He Jiaying is no 和.
        assert_eq!(
            read("he jiaying zenmekan", std::slice::from_ref(&(0..10))).as_deref(),
            Some("he jiaying 怎么看")
        );
        // English is not pinyin; nor is a question with characters in it.
        assert_eq!(
            read("what did li dahai say", std::slice::from_ref(&(9..17))),
            None
        );
        assert_eq!(read("杨植麟 zenme kan", &[]), None);
        assert_eq!(
            read("shei shuo le kuibenmaimai", &[]).as_deref(),
            Some("谁 说了 kuibenmaimai")
        );
        // Pinyin keywords with no asking word are left to the pinyin keys.
        assert_eq!(
            read("tang zhenhai baomingfei", std::slice::from_ref(&(0..12))),
            None
        );
    }

    #[test]
    fn taiwan_romanisations_read_as_pinyin() {
        assert!(romanisation_readings("changhua").contains(&"zhanghua".to_owned()));
        assert!(romanisation_readings("kaohsiung").contains(&"gaoxiong".to_owned()));
        assert!(romanisation_readings("pingtung").contains(&"pingdong".to_owned()));
        assert!(romanisation_readings("hsinchu").contains(&"xinzhu".to_owned()));
        assert!(!romanisation_readings("tainan").contains(&"tainan".to_owned()));
        assert!(romanisation_readings("aaaa").is_empty());
    }
}
