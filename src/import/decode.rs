//! Text decoding: byte-order marks, UTF-8, UTF-16 and the Windows-1252 of Excel's "CSV" on Windows.
//!
//! The whole file is decoded once into UTF-8 (borrowed, without copying, when it already is).

use super::ImportError;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// Decodes `bytes` with the encoding named by `label` (an encoding_rs/WHATWG label such as
/// `"windows-1252"`), or with the detected one when `label` is `None`.
///
/// Returns the text without its byte-order mark and the name of the encoding used.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    label: Option<&str>,
    file: &str,
) -> Result<(Cow<'a, str>, &'static str), ImportError> {
    let encoding = match label {
        Some(l) => Encoding::for_label(l.trim().as_bytes()).ok_or_else(|| {
            ImportError::UnknownEncoding {
                file: file.to_owned(),
                label: Some(l.to_owned()),
            }
        })?,
        None => detect(bytes).ok_or_else(|| ImportError::UnknownEncoding {
            file: file.to_owned(),
            label: None,
        })?,
    };
    // A byte-order mark overrides the label; valid UTF-8 (and plain ASCII) is borrowed as is.
    // Invalid sequences (possible only when the caller forces an encoding) become U+FFFD,
    // which the report then shows in the values.
    let (text, used, _had_errors) = encoding.decode(bytes);
    Ok((text, used.name()))
}

/// Guesses the encoding: a byte-order mark wins; then valid UTF-8; then UTF-16 without a mark
/// when every other byte is zero; text with stray zero bytes is refused; anything else is
/// Windows-1252 (which every byte sequence decodes in).
fn detect(bytes: &[u8]) -> Option<&'static Encoding> {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return Some(encoding);
    }
    if std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        return Some(UTF_8);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    if pairs > 0 && zeros(1) * 10 >= pairs * 9 && zeros(0) == 0 {
        return Some(UTF_16LE);
    }
    if pairs > 0 && zeros(0) * 10 >= pairs * 9 && zeros(1) == 0 {
        return Some(UTF_16BE);
    }
    if head.contains(&0) {
        return None;
    }
    Some(WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> (String, &'static str) {
        let (t, e) = decode(bytes, None, "f").unwrap();
        (t.into_owned(), e)
    }

    #[test]
    fn detects_each_encoding() {
        assert_eq!(dec(b"a;b\n"), ("a;b\n".into(), "UTF-8"));
        assert_eq!(dec(b"\xEF\xBB\xBFa\xC3\xB1"), ("añ".into(), "UTF-8"));
        assert_eq!(dec(b"\xFF\xFEa\x00\xF1\x00"), ("añ".into(), "UTF-16LE"));
        assert_eq!(dec(b"\xFE\xFF\x00a\x00\xF1"), ("añ".into(), "UTF-16BE"));
        assert_eq!(dec(b"a\x00\xF1\x00"), ("añ".into(), "UTF-16LE"));
        assert_eq!(
            dec(b"Pe\xF1a S/ 1\x80"),
            ("Peña S/ 1€".into(), "windows-1252")
        );
    }

    #[test]
    fn refuses_binary_and_unknown_labels() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "x.png"),
            Err(ImportError::UnknownEncoding { label: None, .. })
        ));
        assert!(matches!(
            decode(b"a", Some("klingon"), "f"),
            Err(ImportError::UnknownEncoding { label: Some(_), .. })
        ));
        assert_eq!(decode(b"\xE9", Some("latin1"), "f").unwrap().0, "é");
    }
}
