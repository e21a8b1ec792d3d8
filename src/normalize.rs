//! The one text normaliser, used at index time and at query time.
//!
//! Folding runs in two steps. First, character by character: Traditional → Simplified (fast2s,
//! a 1:1 mapping), full-width → half-width, pinyin tone marks and other Latin diacritics
//! stripped, lower case. Then Taiwan vocabulary is rewritten to its mainland form (位元組 →
//! 字节, 演算法 → 算法) from OpenCC's `TWPhrasesRev` table, so that both regional forms meet,
//! and written Cantonese function words to their Mandarin equivalents (點睇 → 怎么看, 佢 → 他,
//! 嘅 → 的), so that a question asked in Cantonese reaches passages written in Mandarin.
//!
//! Every byte of the folded text remembers where it came from in the original, so a match
//! found in folded text is highlighted on the original characters, which are what is stored
//! and shown.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Folded text plus the map back to the original it was folded from.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text: Simplified script, half-width, lower case, mainland vocabulary.
    pub text: String,
    /// For every byte of `text` and one past its end, the byte offset in the original (texts
    /// are far smaller than 4 GiB: knowledge files are capped at a few MiB).
    origin: Vec<u32>,
}

impl Normalized {
    /// Maps a byte range of the folded text back to the original text.
    ///
    /// Ranges that start or end inside a rewritten phrase widen to the whole phrase.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        let start = self.origin[folded.start.min(self.text.len())] as usize;
        let end = self.origin[folded.end.min(self.text.len())] as usize;
        start..end.max(start)
    }
}

/// Folds `original` for matching; see the module docs for what that means.
pub fn normalize(original: &str) -> Normalized {
    let (chars, starts) = fold_chars(original);
    rewrite_phrases(&chars, &starts, original.len())
}

/// The folded text alone, for keys and aliases where offsets do not matter.
pub fn fold(original: &str) -> String {
    normalize(original).text
}

/// True for the CJK ideographs (basic block, extension A and compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Step one: character-level folding. Returns the folded characters and, for each, the byte
/// offset of the original character it came from.
fn fold_chars(original: &str) -> (Vec<char>, Vec<usize>) {
    // fast2s converts whole strings, looking at neighbours for a few ambiguous characters,
    // but never changes the number of characters, so the two sequences zip.
    let simplified = fast2s::convert(original);
    let mut chars = Vec::with_capacity(original.len());
    let mut starts = Vec::with_capacity(original.len());
    for ((start, source), converted) in original.char_indices().zip(simplified.chars()) {
        let c = if source.len_utf8() == 3 {
            converted
        } else {
            source
        };
        let c = fold_width(c);
        let c = strip_diacritic(c);
        for lower in c.to_lowercase() {
            chars.push(lower);
            starts.push(start);
        }
    }
    (chars, starts)
}

/// The dot between the parts of a transliterated name (阿依古丽·买买提, 迈克尔·乔丹), as folded.
pub const NAME_DOT: char = '\u{b7}';

/// Full-width ASCII forms and the ideographic space become their ASCII equivalents; the dots
/// typed between the parts of a transliterated name (‧ in Taiwan, ・, •) become one.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{2022}' | '\u{2027}' | '\u{30fb}' | '\u{ff65}' => NAME_DOT,
        _ => c,
    }
}

/// Pinyin tone marks and the common Latin diacritics become the bare letter, so "Yáng Zhílín"
/// and "yang zhilin" fold alike.
fn strip_diacritic(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' => 'a',
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' => 'a',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'È'..='Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => 'e',
        'ì'..='ï' | 'ī' | 'ĭ' | 'į' | 'ǐ' => 'i',
        'Ì'..='Ï' | 'Ī' | 'Ĭ' | 'Į' | 'Ǐ' => 'i',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => 'o',
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'Ǒ' => 'o',
        'ù'..='ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
        'Ù'..='Ü' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ǔ' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'u',
        'ñ' | 'ń' | 'ň' | 'ǹ' => 'n',
        'Ñ' | 'Ń' | 'Ň' | 'Ǹ' => 'n',
        'ç' => 'c',
        'Ç' => 'c',
        _ => c,
    }
}

/// Taiwan or Cantonese phrase → mainland phrase, both already folded, grouped by first
/// character with the longest phrase first so the scan below takes the longest match.
type PhraseTable = HashMap<char, Vec<(Vec<char>, Vec<char>)>>;

/// Written Cantonese words → Mandarin, keyed by their folded form (係 is already 系). Only words
/// that are Cantonese alone: 呢 and 话 are Mandarin too, and stay.
const CANTONESE: [(&str, &str); 78] = [
    ("系唔系", "是不是"),
    ("系咪", "是不是"),
    ("唔系", "不是"),
    ("唔使", "不用"),
    ("唔该", "谢谢"),
    ("唔", "不"),
    ("佢哋", "他们"),
    ("我哋", "我们"),
    ("你哋", "你们"),
    ("佢", "他"),
    ("嘅", "的"),
    ("乜嘢", "什么"),
    ("咩嘢", "什么"),
    ("咩", "什么"),
    ("乜", "什么"),
    ("点睇", "怎么看"),
    ("点解", "为什么"),
    ("点样", "怎样"),
    ("点算", "怎么办"),
    ("点搞", "怎么办"),
    ("点办", "怎么办"),
    ("点做", "怎么做"),
    ("边个", "谁"),
    ("边位", "哪位"),
    ("边度", "哪里"),
    ("边间", "哪家"),
    ("边啲", "哪些"),
    ("几多", "多少"),
    ("睇", "看"),
    ("冇", "没有"),
    ("喺", "在"),
    ("啲", "些"),
    ("咗", "了"),
    ("嗰", "那"),
    ("呢个", "这个"),
    ("嚟", "来"),
    ("俾", "给"),
    ("揾", "找"),
    ("咁", "这么"),
    ("噉", "这样"),
    ("有冇", "有没有"),
    ("而家", "现在"),
    ("琴日", "昨天"),
    ("听日", "明天"),
    ("钟意", "喜欢"),
    ("蚀本", "亏本"),
    ("蚀钱", "亏钱"),
    ("蚀咗", "亏了"),
    ("揾钱", "赚钱"),
    ("畀", "给"),
    ("嘢", "东西"),
    ("屋企", "家里"),
    ("今日", "今天"),
    ("旧年", "去年"),
    ("噚日", "昨天"),
    ("寻日", "昨天"),
    ("几时", "什么时候"),
    ("做咩", "为什么"),
    ("使唔使", "要不要"),
    ("呢度", "这里"),
    ("嗰度", "那里"),
    ("呢啲", "这些"),
    ("嗰啲", "那些"),
    ("同埋", "和"),
    ("仲有", "还有"),
    ("仲系", "还是"),
    ("仲未", "还没"),
    ("啱啱", "刚刚"),
    ("啱", "对"),
    ("搞掂", "搞定"),
    ("倾掂", "谈妥"),
    ("倾偈", "聊天"),
    ("揾工", "找工作"),
    ("老细", "老板"),
    ("攞", "拿"),
    ("乜野", "什么"),
    ("咩野", "什么"),
    ("噉样", "这样"),
];

static PHRASES: LazyLock<PhraseTable> = LazyLock::new(|| {
    let mut table: PhraseTable = HashMap::new();
    for (cantonese, mandarin) in CANTONESE {
        let (from, _) = fold_chars(cantonese);
        let (to, _) = fold_chars(mandarin);
        table.entry(from[0]).or_default().push((from, to));
    }
    for line in include_str!("../data/opencc-TWPhrasesRev.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((taiwan, mainland)) = line.split_once('\t') else {
            continue;
        };
        let Some(mainland) = mainland.split(' ').next() else {
            continue;
        };
        let (from, _) = fold_chars(taiwan);
        let (to, _) = fold_chars(mainland);
        if from.is_empty() || from == to {
            continue;
        }
        table.entry(from[0]).or_default().push((from, to));
    }
    for phrases in table.values_mut() {
        phrases.sort_by_key(|phrase| std::cmp::Reverse(phrase.0.len()));
    }
    table
});

/// Step two: rewrites Taiwan and Cantonese phrases to their mainland form and builds the
/// byte-level origin map. A rewritten phrase maps every byte of its replacement to the
/// phrase's first character.
fn rewrite_phrases(chars: &[char], starts: &[usize], original_len: usize) -> Normalized {
    let table = &*PHRASES;
    let mut text = String::with_capacity(chars.len() * 3);
    let mut origin = Vec::with_capacity(chars.len() * 3 + 1);
    // Offsets fit in 32 bits: no text the bot folds comes near 4 GiB.
    let narrow = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
    let mut push = |text: &mut String, c: char, from: usize| {
        text.push(c);
        origin.extend(std::iter::repeat_n(narrow(from), c.len_utf8()));
    };
    let mut i = 0;
    while i < chars.len() {
        let replacement = table.get(&chars[i]).and_then(|phrases| {
            phrases
                .iter()
                .find(|(from, _)| chars[i..].starts_with(from))
        });
        match replacement {
            Some((from, to)) => {
                for &c in to {
                    push(&mut text, c, starts[i]);
                }
                i += from.len();
            }
            None => {
                push(&mut text, chars[i], starts[i]);
                i += 1;
            }
        }
    }
    origin.push(narrow(original_len));
    Normalized { text, origin }
}

/// Asserts that constant lists matched against folded text are written as text folds, and
/// names every entry that is not: one no text folds to (呵呵, folded to 嗬嗬, is never met),
/// or one whose own fold is not listed beside it (a question's mainland 首席执行官 folds on to
/// 首席运行官, which must be listed too; the 首席执行官 listed is met as the fold of Taiwan's
/// 執行長). Each list comes with its name; [`characters`] makes one of a string of characters.
#[cfg(test)]
pub(crate) fn assert_written_as_folded<'a>(
    lists: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
) {
    let rewritten = |entry: &str| {
        let chars: Vec<char> = entry.chars().collect();
        PHRASES.values().flatten().any(|(_, to)| *to == chars)
    };
    let mut wrong = Vec::new();
    for (name, entries) in lists {
        for entry in &entries {
            let folded = fold(entry);
            if (folded != *entry && !rewritten(entry)) || !entries.contains(&folded.as_str()) {
                wrong.push(format!("{name}: {entry} (folds to {folded})"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The characters of a string, each as a string of its own.
#[cfg(test)]
pub(crate) fn characters(text: &str) -> Vec<&str> {
    text.split_inclusive(|_| true).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "folding {input:?}");
    }

    #[test]
    fn folds_script_width_case_and_tones() {
        check("楊植麟怎麼看AGI?", "杨植麟怎么看agi?");
        check("價格戰", "价格战");
        check("ＡＧＩ　１２３", "agi 123");
        check("Yáng Zhílín", "yang zhilin");
        check("ŁÓDŹ", "łodź");
        check("", "");
    }

    #[test]
    fn the_dots_of_a_transliterated_name_fold_to_one() {
        for typed in ["迈克尔‧乔丹", "迈克尔・乔丹", "迈克尔•乔丹", "迈克尔･乔丹"]
        {
            check(typed, "迈克尔·乔丹");
        }
    }

    #[test]
    fn folds_taiwan_vocabulary_to_mainland() {
        check("位元組跳動", "字节跳动");
        check("演算法", "算法");
        check("人工智慧", "人工智能");
        check("軟體", "软件");
    }

    #[test]
    fn folds_cantonese_to_mandarin() {
        check("楊植麟點睇AGI?", "杨植麟怎么看agi?");
        check("民營館點搞?", "民营馆怎么办?");
        check("佢哋邊個話講唔清", "他们谁话讲不清");
        check("張鵬係咪發起價格戰嗰間", "张鹏是不是发起价格战那间");
        check("一部採收機要幾多錢", "一部采收机要多少钱");
        check("青農而家會唔會蝕本？", "青农现在会不会亏本?");
        check("腐蝕", "腐蚀");
        check(
            "何總話屋企裝電池今日要幾多錢",
            "何总话家里装电池今天要多少钱",
        );
        check("社區電廠點樣同街坊傾掂", "社区电厂怎样同街坊谈妥");
    }

    #[test]
    fn already_simplified_text_is_unchanged() {
        check("杨植麟怎么看价格战", "杨植麟怎么看价格战");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "早於位元組跳動大張旗鼓的降價";
        let n = normalize(original);
        let at = n.text.find("跳动").unwrap();
        let range = n.original_range(at..at + "跳动".len());
        assert_eq!(&original[range], "跳動");
        let at = n.text.find("字节").unwrap();
        let range = n.original_range(at..at + "字节".len());
        assert_eq!(&original[range], "位元組");
        let at = n.text.find("降价").unwrap();
        assert_eq!(&original[n.original_range(at..at + "降价".len())], "降價");
    }

    #[test]
    fn expanding_lowercase_keeps_offsets_valid() {
        let original = "İstanbul agi";
        let n = normalize(original);
        let at = n.text.find("agi").unwrap();
        assert_eq!(&original[n.original_range(at..at + 3)], "agi");
        assert_eq!(n.original_range(0..n.text.len()), 0..original.len());
    }
}
