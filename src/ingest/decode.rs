//! Turning the bytes of a source file into text: UTF-8 as it is, and the encodings Chinese
//! media still publish in (GB18030 and its GBK subset, Big5) detected and converted, with
//! chardetng guessing and encoding_rs decoding. Anything else is refused with a reason.

use std::fmt;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_8};

/// A source's text and the encoding it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `GB18030`, `Big5`, `UTF-16LE` or `UTF-16BE`.
    pub encoding: &'static str,
}

/// Why a file cannot be a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but white space.
    Empty,
    /// NUL bytes or control characters: not text.
    Binary,
    /// Larger than a knowledge file may be.
    TooLarge { bytes: u64, limit: u64 },
    /// Not UTF-8, and not cleanly GB18030 or Big5 either.
    UnknownEncoding { guess: &'static str },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary => write!(f, "the file is not text (it holds binary data)"),
            DecodeError::TooLarge { bytes, limit } => write!(
                f,
                "the file is {bytes} bytes, over the {limit} byte limit for knowledge files"
            ),
            DecodeError::UnknownEncoding { guess } => write!(
                f,
                "the file is not UTF-8, GB18030 or Big5 text (it looks like {guess}); \
                 convert it to UTF-8 first"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Control characters allowed in text: tab, line feed, form feed, carriage return.
fn is_text_control(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r')
}

/// Decodes a source file's bytes. A UTF-8 byte order mark is dropped; text in GB18030, GBK,
/// Big5 or UTF-16 (with its mark) is converted to UTF-8.
pub fn decode(bytes: &[u8], limit: u64) -> Result<Decoded, DecodeError> {
    if bytes.len() as u64 > limit {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, &bytes[bom_length..]),
        None => {
            if bytes.contains(&0) {
                return Err(DecodeError::Binary);
            }
            (detect(bytes)?, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(DecodeError::UnknownEncoding {
            guess: encoding.name(),
        });
    }
    let text = text.into_owned();
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !is_text_control(c))
        .count();
    if controls > 0 {
        return Err(DecodeError::Binary);
    }
    let name = if encoding == GBK || encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    };
    Ok(Decoded {
        text,
        encoding: name,
    })
}

/// UTF-8 when the bytes are valid UTF-8; otherwise chardetng's guess, kept only when it is a
/// Chinese encoding (GBK is read as its superset GB18030).
fn detect(bytes: &[u8]) -> Result<&'static Encoding, DecodeError> {
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(UTF_8);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Allow);
    if guess == GBK || guess == GB18030 {
        Ok(GB18030)
    } else if guess == BIG5 {
        Ok(BIG5)
    } else {
        Err(DecodeError::UnknownEncoding {
            guess: guess.name(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u64 = 1 << 20;
    const TEXT: &str = "北京智源大會開幕。楊植麟認為,價格戰不可持續。张鹏说,降价是好事。";

    #[test]
    fn utf8_is_read_as_it_is_and_a_bom_is_dropped() {
        let decoded = decode(TEXT.as_bytes(), LIMIT).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), (TEXT, "UTF-8"));
        let with_bom = [b"\xef\xbb\xbf".as_slice(), TEXT.as_bytes()].concat();
        assert_eq!(decode(&with_bom, LIMIT).unwrap().text, TEXT);
    }

    #[test]
    fn gb18030_and_big5_are_detected_and_converted() {
        let simplified = "北京智源大会开幕。杨植麟认为，价格战不可持续。张鹏说，降价是好事。";
        let (gb, _, _) = GB18030.encode(simplified);
        let decoded = decode(&gb, LIMIT).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (simplified, "GB18030")
        );
        let traditional = "北京智源大會開幕。楊植麟認為，價格戰不可持續。張鵬說，降價是好事。";
        let (big5, _, _) = BIG5.encode(traditional);
        let decoded = decode(&big5, LIMIT).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (traditional, "Big5")
        );
    }

    #[test]
    fn bad_input_is_refused_with_a_reason() {
        assert_eq!(decode(b"", LIMIT), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t", LIMIT), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x01", LIMIT),
            Err(DecodeError::Binary)
        );
        assert_eq!(decode(b"text\x07\x1b", LIMIT), Err(DecodeError::Binary));
        assert_eq!(
            decode(TEXT.as_bytes(), 10),
            Err(DecodeError::TooLarge {
                bytes: TEXT.len() as u64,
                limit: 10
            })
        );
        let error =
            decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade", LIMIT).unwrap_err();
        assert!(
            matches!(error, DecodeError::UnknownEncoding { .. }),
            "{error:?}"
        );
    }
}
