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
    let encoding = encoding_for(bytes, label, file)?;
    // A byte-order mark overrides the label; valid UTF-8 (and plain ASCII) is borrowed as is.
    // Invalid sequences (possible only when the caller forces an encoding) become U+FFFD,
    // which the report then shows in the values.
    let (text, used, _had_errors) = encoding.decode(bytes);
    Ok((text, used.name()))
}

/// A file's text: decoded to UTF-8, or left as Windows-1252 bytes to decode cell by cell.
pub(crate) enum Source<'a> {
    /// UTF-8 text (borrowed when the file already was UTF-8).
    Text(Cow<'a, str>),
    /// Windows-1252 bytes without a byte-order mark. A single-byte encoding keeps every
    /// delimiter, quote and line end at its byte, so CSV can be split before decoding, and the
    /// (mostly ASCII) cells decoded one by one instead of copying the whole file first.
    Windows1252(&'a [u8]),
}

/// Like [`decode`], but leaves Windows-1252 undecoded ([`Source::Windows1252`]); the result,
/// decoded, is the text [`decode`] returns.
pub(crate) fn decode_lazily<'a>(
    bytes: &'a [u8],
    label: Option<&str>,
    file: &str,
) -> Result<(Source<'a>, &'static str), ImportError> {
    let encoding = encoding_for(bytes, label, file)?;
    // A byte-order mark overrides the label (as in `decode`).
    if encoding == WINDOWS_1252 && Encoding::for_bom(bytes).is_none() {
        return Ok((Source::Windows1252(bytes), WINDOWS_1252.name()));
    }
    let (text, used) = decode(bytes, label, file)?;
    Ok((Source::Text(text), used))
}

/// Whether every `\n` byte of the text in `bytes` is a line feed, so that the text can be cut
/// after any of them: true for every encoding read here but UTF-16 (told by its byte-order
/// mark, by `label`, or by zero bytes), whose line feed is two bytes and whose other characters
/// may hold the byte 0x0A.
pub(crate) fn line_feeds_are_bytes(bytes: &[u8], label: Option<&str>) -> bool {
    let utf16 = |e: &'static Encoding| e == UTF_16LE || e == UTF_16BE;
    let bom = Encoding::for_bom(bytes).is_some_and(|(e, _)| utf16(e));
    let labelled = label.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    !bom && !labelled.is_some_and(utf16) && !bytes.contains(&0)
}

/// Appends the UTF-8 encoding of the Windows-1252 `bytes` (what encoding_rs decodes them to) to
/// `out`: runs of ASCII are copied as they are, each byte above 0x7F becomes its character's two
/// or three bytes, read from a table. Appending bytes, not `&str`s, spares validating every run;
/// the caller validates the whole once (`str::from_utf8`, which cannot fail on this output).
pub(crate) fn push_windows_1252(out: &mut Vec<u8>, mut bytes: &[u8]) {
    /// The UTF-8 bytes of the character of each byte 0x80–0xFF, and how many there are.
    const HIGH: [([u8; 3], u8); 128] = {
        let mut high = [([0u8; 3], 0u8); 128];
        let mut b = 0;
        while b < 128 {
            let mut utf8 = [0u8; 4];
            let len = windows_1252_char(0x80 + b as u8)
                .encode_utf8(&mut utf8)
                .len();
            high[b] = ([utf8[0], utf8[1], utf8[2]], len as u8);
            b += 1;
        }
        high
    };
    out.reserve(bytes.len());
    while !bytes.is_empty() {
        let ascii = bytes.iter().position(|&b| b >= 0x80).unwrap_or(bytes.len());
        let (run, rest) = bytes.split_at(ascii);
        out.extend_from_slice(run);
        let Some((&b, rest)) = rest.split_first() else {
            break;
        };
        let (utf8, len) = &HIGH[usize::from(b - 0x80)];
        out.extend_from_slice(&utf8[..usize::from(*len)]);
        bytes = rest;
    }
}

/// The character of one Windows-1252 byte, as the WHATWG Encoding Standard (and encoding_rs)
/// decodes it: Latin-1 but for 0x80–0x9F, where the five unassigned bytes map to the C1
/// controls of the same number.
const fn windows_1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The encoding named by `label`, or the detected one.
fn encoding_for(
    bytes: &[u8],
    label: Option<&str>,
    file: &str,
) -> Result<&'static Encoding, ImportError> {
    match label {
        Some(l) => {
            Encoding::for_label(l.trim().as_bytes()).ok_or_else(|| ImportError::UnknownEncoding {
                file: file.to_owned(),
                label: Some(l.to_owned()),
            })
        }
        None => detect(bytes).ok_or_else(|| ImportError::UnknownEncoding {
            file: file.to_owned(),
            label: None,
        }),
    }
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
    fn windows_1252_by_cell_is_encoding_rs_decoding() {
        let all: Vec<u8> = (0..=255).collect();
        let mut ours = Vec::new();
        push_windows_1252(&mut ours, &all);
        assert_eq!(
            std::str::from_utf8(&ours).unwrap(),
            WINDOWS_1252.decode_without_bom_handling(&all).0
        );
        let mut ascii = b"x".to_vec();
        push_windows_1252(&mut ascii, b"a;b");
        assert_eq!(ascii, b"xa;b");
        assert!(matches!(
            decode_lazily(b"Pe\xF1a", None, "f").unwrap(),
            (Source::Windows1252(_), "windows-1252")
        ));
        assert!(matches!(
            decode_lazily(b"\xEF\xBB\xBFa", Some("latin1"), "f").unwrap(),
            (Source::Text(_), "UTF-8")
        ));
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
