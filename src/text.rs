//! Sentences and excerpts: where a passage may be cut so that what is shown stays a verbatim
//! run of whole sentences. One set of sentence ends serves every caller (the excerpt a hit
//! shows, and the answer renderer when a card must be shortened).

use std::ops::Range;

/// Excerpts longer than this many characters are cut to the sentences around the matches.
pub const EXCERPT_CHARS: usize = 360;

/// Whether `c` ends a sentence: the Chinese and Latin full stops, question and exclamation
/// marks, the Chinese semicolon, and a line break.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | '\n')
}

/// Whether `c` closes a quotation or bracket, and so belongs to the sentence it follows.
fn is_closing(c: char) -> bool {
    matches!(c, '」' | '』' | '"' | '”' | ')' | '）')
}

/// Byte ranges of the sentences of `text`, each ending after a sentence end (and the closing
/// quotes or brackets right after it). Together they cover `text` exactly.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_sentence_end(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, closing)) = chars.peek() {
                if is_closing(closing) {
                    end = j + closing.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            ranges.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        ranges.push(start..text.len());
    }
    ranges
}

/// Trims a passage to whole sentences around its first match when it is long. The result is a
/// byte range of `text` on sentence boundaries, so it is always a verbatim substring.
pub fn excerpt_range(text: &str, highlights: &[Range<usize>]) -> Range<usize> {
    if text.chars().count() <= EXCERPT_CHARS {
        return 0..text.len();
    }
    let sentences = sentence_ranges(text);
    let focus = highlights.first().map_or(0, |h| h.start);
    let first = sentences.iter().position(|s| s.end > focus).unwrap_or(0);
    let mut range = sentences[first].clone();
    // Grow forward, then backward, a sentence at a time while it fits.
    let chars = |r: &Range<usize>| text[r.clone()].chars().count();
    let mut next = first + 1;
    while next < sentences.len() && chars(&(range.start..sentences[next].end)) <= EXCERPT_CHARS {
        range.end = sentences[next].end;
        next += 1;
    }
    let mut previous = first;
    while previous > 0 && chars(&(sentences[previous - 1].start..range.end)) <= EXCERPT_CHARS {
        previous -= 1;
        range.start = sentences[previous].start;
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentences_end_after_closing_quotes() {
        assert_eq!(
            sentences("他說:「好。」然後走了!真的?"),
            ["他說:「好。」", "然後走了!", "真的?"]
        );
        assert_eq!(sentences("第一行\n第二行"), ["第一行\n", "第二行"]);
        assert_eq!(sentences("沒有句號"), ["沒有句號"]);
        assert!(sentences("").is_empty());
    }

    #[test]
    fn long_passages_are_cut_at_sentence_ends() {
        let text = "第一句。".repeat(60) + "關鍵在這裡。" + &"後面的話。".repeat(60);
        let at = text.find("關鍵").unwrap();
        let focus = at..at + "關鍵".len();
        let range = excerpt_range(&text, std::slice::from_ref(&focus));
        let excerpt = &text[range];
        assert!(excerpt.contains("關鍵在這裡。"));
        assert!(excerpt.ends_with('。'));
        assert!(excerpt.chars().count() <= EXCERPT_CHARS);
    }

    #[test]
    fn short_passages_are_whole() {
        assert_eq!(excerpt_range("短。", &[]), 0.."短。".len());
    }
}
