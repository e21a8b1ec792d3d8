//! Folded text for matching patterns, one folded character per original character, so that a
//! match maps straight back to the original characters that are quoted and shown.

use std::ops::Range;

pub use crate::normalize::NAME_DOT;

/// A text folded character by character: Traditional → Simplified (fast2s, which keeps the
/// number of characters), full-width → half-width, ASCII lower case.
#[derive(Debug, Clone)]
pub struct Folded {
    pub chars: Vec<char>,
    /// The byte offset in the original of every character, and the original's length last.
    offsets: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let simplified = fast2s::convert(original);
        let mut chars = Vec::with_capacity(original.len() / 2);
        let mut offsets = Vec::with_capacity(original.len() / 2 + 1);
        for ((offset, source), converted) in original.char_indices().zip(simplified.chars()) {
            let c = if source.len_utf8() == 3 {
                converted
            } else {
                source
            };
            let c = crate::normalize::fold_width(c);
            chars.push(c.to_ascii_lowercase());
            offsets.push(offset);
        }
        offsets.push(original.len());
        Folded { chars, offsets }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The byte range in the original of a range of folded characters.
    pub fn byte_range(&self, chars: Range<usize>) -> Range<usize> {
        self.offsets[chars.start]..self.offsets[chars.end]
    }

    /// Whether `pattern` (already folded) starts at character `at`.
    pub fn matches_at(&self, at: usize, pattern: &str) -> bool {
        (at..)
            .zip(pattern.chars())
            .all(|(i, p)| self.chars.get(i) == Some(&p))
    }

    /// Every character position where `pattern` starts, overlapping matches included.
    pub fn find_all(&self, pattern: &str) -> Vec<usize> {
        if pattern.is_empty() {
            return Vec::new();
        }
        (0..self.chars.len())
            .filter(|&at| self.matches_at(at, pattern))
            .collect()
    }

    /// How many times `pattern` occurs.
    pub fn count(&self, pattern: &str) -> usize {
        self.find_all(pattern).len()
    }

    /// The folded characters of a range, as a string.
    pub fn slice(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// The length of a clock time starting at `at` (00:42, 1:02:15), bare or in brackets
    /// ([00:03:30], (02:15)), as transcripts mark when a turn starts.
    pub fn timestamp_len(&self, at: usize) -> Option<usize> {
        let close = match self.chars.get(at) {
            Some('[') => Some(']'),
            Some('(') => Some(')'),
            _ => None,
        };
        let mut end = at + usize::from(close.is_some());
        let mut fields = 0;
        loop {
            let digits = self.chars[end.min(self.len())..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits == 0 || digits > 2 {
                return None;
            }
            end += digits;
            fields += 1;
            let more = self.chars.get(end) == Some(&':')
                && self.chars.get(end + 1).is_some_and(char::is_ascii_digit);
            if !more || fields == 3 {
                break;
            }
            end += 1;
        }
        if fields < 2 {
            return None;
        }
        if let Some(close) = close {
            if self.chars.get(end) != Some(&close) {
                return None;
            }
            end += 1;
        }
        Some(end - at)
    }

    /// The first pattern of `patterns` that starts at `at`, if any (list them longest first).
    pub fn match_any<'p>(&self, at: usize, patterns: &[&'p str]) -> Option<&'p str> {
        patterns
            .iter()
            .copied()
            .find(|pattern| self.matches_at(at, pattern))
    }

    /// The first pattern of `patterns` that ends right before `end`, if any.
    pub fn match_any_before<'p>(&self, end: usize, patterns: &[&'p str]) -> Option<&'p str> {
        patterns.iter().copied().find(|pattern| {
            let len = pattern.chars().count();
            end >= len && self.matches_at(end - len, pattern)
        })
    }
}

/// Folds a short string the same way, for keys and aliases.
pub fn fold(original: &str) -> String {
    Folded::new(original).chars.into_iter().collect()
}

/// True for the CJK ideographs.
pub fn is_han(c: char) -> bool {
    crate::normalize::is_han(c)
}

/// The same string in the other script, when the conversion is certain: Traditional to
/// Simplified always (fast2s); Simplified to Traditional only when every character has one
/// Traditional form in common use. Big5, the Traditional character set, lists its characters
/// in two tiers, common and less common: a character in the common tier is Traditional
/// already (合, 出, 周 stay), and otherwise it becomes its one Traditional form in the common
/// tier (价 → 價, 总 → 總, not the variant 縂), or in the less common one when that is all there
/// is. `None` when the string has no other form or it is uncertain (发 is 發 or 髮).
pub fn other_script(text: &str) -> Option<String> {
    let simplified = fast2s::convert(text);
    if simplified != text {
        return Some(simplified);
    }
    let mut traditional = String::with_capacity(text.len());
    for c in text.chars() {
        if big5_tier(c) == Some(1) {
            traditional.push(c);
            continue;
        }
        let Some(forms) = TRADITIONAL.get(&c) else {
            traditional.push(c);
            continue;
        };
        let in_tier = |tier: u8| -> Vec<char> {
            forms
                .iter()
                .copied()
                .filter(|&t| big5_tier(t) == Some(tier))
                .collect()
        };
        match (in_tier(1).as_slice(), in_tier(2).as_slice()) {
            ([one], _) | ([], [one]) => traditional.push(*one),
            _ => return None,
        }
    }
    (traditional != text).then_some(traditional)
}

/// Whether a character is written differently in Simplified script (楊, 說).
pub fn is_traditional(c: char) -> bool {
    !fast2s::convert(c.encode_utf8(&mut [0; 4])).starts_with(c)
}

/// Whether a character is the Simplified form of a different Traditional one (杨, 说).
pub fn is_simplified(c: char) -> bool {
    !is_traditional(c) && TRADITIONAL.contains_key(&c)
}

/// Simplified character → the Traditional characters fast2s folds into it.
static TRADITIONAL: std::sync::LazyLock<std::collections::HashMap<char, Vec<char>>> =
    std::sync::LazyLock::new(|| {
        let mut table: std::collections::HashMap<char, Vec<char>> = Default::default();
        for code in 0x4e00u32..=0x9fff {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let simplified = fast2s::convert(c.encode_utf8(&mut [0; 4]));
            if let Some(s) = simplified.chars().next() {
                if s != c {
                    table.entry(s).or_default().push(c);
                }
            }
        }
        table
    });

/// The Big5 tier of a character: 1 for the common characters (A440–C67E), 2 for the less
/// common ones, `None` when Big5 does not have it.
fn big5_tier(c: char) -> Option<u8> {
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(c.encode_utf8(&mut buffer));
    match (unmappable, bytes.as_ref()) {
        (false, &[lead, trail]) => {
            let code = u16::from_be_bytes([lead, trail]);
            Some(if (0xa440..=0xc67e).contains(&code) {
                1
            } else {
                2
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_bare_or_in_brackets() {
        for (text, len) in [
            ("00:42 好", Some(5)),
            ("[00:03:30]", Some(10)),
            ("(1:02:15)", Some(9)),
            ("12:30:45:10", Some(8)),
            ("2025:10", None),
            ("10月", None),
            ("[00:42", None),
            ("5:", None),
        ] {
            assert_eq!(Folded::new(text).timestamp_len(0), len, "{text}");
        }
    }

    #[test]
    fn folding_keeps_one_character_per_character() {
        let original = "智譜AI ceo張鵬：「好」";
        let folded = Folded::new(original);
        assert_eq!(folded.slice(0..folded.len()), "智谱ai ceo张鹏:「好」");
        let at = folded.find_all("张鹏")[0];
        assert_eq!(&original[folded.byte_range(at..at + 2)], "張鵬");
    }

    #[test]
    fn the_other_script_is_given_only_when_certain() {
        assert_eq!(other_script("楊植麟").as_deref(), Some("杨植麟"));
        assert_eq!(other_script("林晓川").as_deref(), Some("林曉川"));
        assert_eq!(other_script("欧阳总").as_deref(), Some("歐陽總"));
        assert_eq!(
            other_script("光棱联合出行周刊").as_deref(),
            Some("光稜聯合出行周刊")
        );
        assert_eq!(other_script("Kimi"), None);
        // 发 is 發 or 髮: no guess.
        assert_eq!(other_script("发"), None);
    }
}
