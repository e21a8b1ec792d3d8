//! The shape of a report or transcript: its title, section headings, body paragraphs and
//! byline. Every non-blank line is one block; what kind of block it is follows from its place
//! and its form, never from its words.

use std::ops::Range;

use super::patterns::{is_clause_break, REPORTER_MARKS};
use super::text::{fold, Folded};

/// What a block of the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The first line: the headline.
    Title,
    /// A short line without sentence punctuation between paragraphs: a section heading.
    Heading,
    /// A body paragraph: becomes a passage.
    Paragraph,
    /// The reporter's line (北京商報記者 楊月涵), or an editor's.
    Byline,
}

/// One non-blank line of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in the source, without surrounding white space.
    pub range: Range<usize>,
}

/// Headings are at most this many characters.
const MAX_HEADING_CHARS: usize = 30;
/// Bylines are at most this many characters.
const MAX_BYLINE_CHARS: usize = 40;

/// Splits a source into blocks and tells their kinds.
pub fn split(text: &str) -> Vec<Block> {
    let mut ranges = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !trimmed.is_empty() {
            let start = offset + (trimmed.as_ptr() as usize - line.as_ptr() as usize);
            ranges.push(start..start + trimmed.len());
        }
        offset += line.len();
    }
    let count = ranges.len();
    ranges
        .into_iter()
        .enumerate()
        .map(|(index, range)| {
            let line = &text[range.clone()];
            let kind = if index == 0 {
                BlockKind::Title
            } else if (index + 1 == count || index == 1) && is_byline(line) {
                BlockKind::Byline
            } else if index + 1 < count && is_heading(line) {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            Block { kind, range }
        })
        .collect()
}

/// A short line that names a reporter or an editor.
pub fn is_byline(line: &str) -> bool {
    let folded = fold(line);
    folded.chars().count() <= MAX_BYLINE_CHARS
        && !folded.contains('。')
        && (REPORTER_MARKS.iter().any(|mark| folded.contains(mark))
            || folded.starts_with("编辑")
            || folded.starts_with("责任编辑")
            || folded.starts_with("(记者")
            || folded.starts_with("来源"))
}

/// A short line with no clause punctuation and no transcript colon, or a short line opening
/// with a section label (第一部分：…): a section heading.
fn is_heading(line: &str) -> bool {
    let folded = Folded::new(line);
    let chars = &folded.chars;
    if let Some(label) = section_label(&folded) {
        return chars.len() <= MAX_HEADING_CHARS + label
            && !chars.iter().any(|&c| matches!(c, '。' | ';' | '；'));
    }
    chars.len() <= MAX_HEADING_CHARS
        && !chars
            .iter()
            .any(|&c| is_clause_break(c) && c != '?' && c != '!')
        && !chars[..chars.len().saturating_sub(1)]
            .iter()
            .any(|&c| c == '?' || c == '!')
        && !matches!(chars.last(), Some('」' | '”' | '"' | '』' | ')'))
}

/// The length of a section label opening a line (第一部分：, 第3章 ), if there is one.
fn section_label(folded: &Folded) -> Option<usize> {
    const UNITS: &[&str] = &["部分", "章", "节", "篇", "幕", "单元", "环节"];
    if folded.chars.first() != Some(&'第') {
        return None;
    }
    let numerals = folded.chars[1..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(**c))
        .count();
    if numerals == 0 || numerals > 3 {
        return None;
    }
    let unit = folded.match_any(1 + numerals, UNITS)?;
    let end = 1 + numerals + unit.chars().count();
    matches!(folded.chars.get(end), Some(':' | ' ')).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        split(text)
            .into_iter()
            .map(|block| (block.kind, &text[block.range]))
            .collect()
    }

    #[test]
    fn title_headings_paragraphs_and_byline() {
        let text = "標題:副題\n\n第一段,有逗號。\r\n\n什麼是agi\n\n張鵬說,「好」。\n  \n卡车会不会先跑出来？\n\n“不会。”\n\n北京商報記者 楊月涵\n";
        assert_eq!(
            kinds(text),
            [
                (BlockKind::Title, "標題:副題"),
                (BlockKind::Paragraph, "第一段,有逗號。"),
                (BlockKind::Heading, "什麼是agi"),
                (BlockKind::Paragraph, "張鵬說,「好」。"),
                (BlockKind::Heading, "卡车会不会先跑出来？"),
                (BlockKind::Paragraph, "“不会。”"),
                (BlockKind::Byline, "北京商報記者 楊月涵"),
            ]
        );
    }

    #[test]
    fn transcript_turns_are_paragraphs_and_section_labels_headings() {
        let text = "標題\n\n主持人：好\n\nQ:為什麼\n\n第二部分：报名费，该不该涨\n\n林晓川：对\n";
        let kinds: Vec<BlockKind> = kinds(text).into_iter().map(|(kind, _)| kind).collect();
        assert_eq!(
            kinds[1..],
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
    }
}
