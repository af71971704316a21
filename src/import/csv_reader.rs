//! Reading delimited text: decode once, sniff the delimiter, then stream byte records from the
//! `csv` crate into the table's cell store.

use super::decode::{Source, decode_lazily, push_windows_1252};
use super::sniff::{SAMPLE, sniff_start};
use super::table::{Format, SourceInfo, Table, TableBuilder};
use super::{Hooks, ImportError, Progress, ReadOptions};

/// Reads a CSV file (any of the supported encodings and delimiters) into a [`Table`].
pub(crate) fn read_csv(
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    hooks: &mut Hooks,
) -> Result<Table, ImportError> {
    let (source, encoding) = decode_lazily(bytes, opts.encoding.as_deref(), file)?;
    // The bytes the CSV is split in, and whether their cells are Windows-1252 (else UTF-8).
    let (data, windows_1252) = match &source {
        Source::Text(text) => (text.as_bytes(), false),
        Source::Windows1252(raw) => (*raw, true),
    };
    let delimiter = opts.delimiter.unwrap_or_else(|| match &source {
        Source::Text(text) => sniff_start(text, false),
        Source::Windows1252(raw) => {
            // Each byte decodes to one or more, so this prefix decodes to at least SAMPLE bytes.
            let head = &raw[..raw.len().min(SAMPLE)];
            let mut text = Vec::with_capacity(head.len());
            push_windows_1252(&mut text, head);
            let text = std::str::from_utf8(&text).expect("Windows-1252 decodes to UTF-8");
            sniff_start(text, head.len() < raw.len())
        }
    });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut builder = TableBuilder::new(file, opts.header_row);
    // Cells are stored without delimiters or line ends: the size of the text split bounds them
    // but for the accents of a Windows-1252 file, which take a byte more decoded (a line's
    // delimiters and line end make up for a dozen of them).
    builder.reserve_text(data.len());
    // Progress counts bytes of the text split: the file's own for UTF-8 and Windows-1252.
    let total = data.len() as u64;
    let mut record = csv::ByteRecord::new();
    // A Windows-1252 record with accents, decoded; where each cell of a record ends.
    let (mut decoded, mut cell_ends) = (Vec::<u8>::new(), Vec::<usize>::new());
    // The row number a spreadsheet shows for the next record (see `record_row`).
    let mut next_row: u64 = 1;
    let mut records: u64 = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(ImportError::Unreadable {
                    file: file.to_owned(),
                    reason: e.to_string(),
                });
            }
        }
        let start = record.position().map_or(0, |p| p.byte()) as usize;
        let line = record_row(data, start, &mut next_row);
        let line = u32::try_from(line).map_err(|_| ImportError::TooLarge {
            file: file.to_owned(),
        })?;
        // The record's cells back to back as UTF-8, and where each ends.
        cell_ends.clear();
        let cells = if windows_1252 && !record.as_slice().is_ascii() {
            decoded.clear();
            for field in &record {
                push_windows_1252(&mut decoded, field);
                cell_ends.push(decoded.len());
            }
            std::str::from_utf8(&decoded).expect("Windows-1252 decodes to UTF-8")
        } else {
            // Decoded text is valid UTF-8 and delimiters are ASCII, so the record's fields, back
            // to back, are valid UTF-8 and split at character boundaries (and an all-ASCII
            // Windows-1252 record is UTF-8 as it is).
            cell_ends.extend(record.iter().scan(0, |end, f| {
                *end += f.len();
                Some(*end)
            }));
            std::str::from_utf8(record.as_slice()).unwrap_or_default()
        };
        builder.push_joined(line, cells, &cell_ends)?;
        records += 1;
        if records == Hooks::EVERY {
            builder.reserve_rest(reader.position().byte(), total);
        }
        if records.is_multiple_of(Hooks::EVERY) {
            hooks.tick(Progress {
                bytes_done: record.position().map_or(0, |p| p.byte()),
                bytes_total: total,
                rows: builder.rows(),
            })?;
        }
    }
    hooks.tick(Progress {
        bytes_done: total,
        bytes_total: total,
        rows: builder.rows(),
    })?;
    builder.finish(SourceInfo {
        format: Format::Csv,
        encoding: Some(encoding.to_owned()),
        delimiter: Some(delimiter as char),
        sheet: None,
        header_row: 0,
    })
}

/// The row number a spreadsheet shows for the record the `csv` reader read from byte `at` of
/// `data` on; `next` is the row below the previous record, and becomes the row below this one.
///
/// A spreadsheet opening the file starts a row at every line end outside quotes (`\r\n`, `\n`
/// or a lone `\r`, as the `csv` crate splits records), empty lines included, and shows a record
/// whose quoted fields hold line breaks as one row. The `csv` crate's own line count does not
/// give that: it counts `\n` only (none in a file with `\r` line ends), counts those inside
/// quotes, and dates a record where it starts looking for it, which is before the empty lines
/// it skips and, in a CRLF file, before the `\n` of the previous record's `\r\n` (a record
/// ends at the first byte of its line end). Those skipped bytes are what is counted here: the
/// rest of the previous line end (or the UTF-8 byte-order mark the crate skips at the start),
/// then one row per empty line.
#[inline]
fn record_row(data: &[u8], at: usize, next: &mut u64) -> u64 {
    let mut i = at;
    if i > 0 && data[i - 1] == b'\r' && data.get(i) == Some(&b'\n') {
        i += 1;
    } else if i == 0 && data.starts_with(b"\xEF\xBB\xBF") {
        i = 3;
    }
    loop {
        match data.get(i) {
            Some(b'\n') => i += 1,
            Some(b'\r') => {
                i += if data.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            _ => break,
        }
        *next += 1;
    }
    let row = *next;
    *next += 1;
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows a spreadsheet shows for the records of `data`, counted byte by byte: a line end
    /// outside quotes (`\r\n`, `\n`, `\r`) ends a row; a record starts on a row's first byte
    /// unless the row is empty. Fields are well formed (a quote opens a field or doubles).
    fn naive_rows(data: &[u8]) -> Vec<u64> {
        let (mut rows, mut row, mut i) = (Vec::new(), 1u64, 0);
        while i < data.len() {
            if !matches!(data[i], b'\r' | b'\n') {
                rows.push(row);
            }
            let mut quoted = false;
            while i < data.len() && (quoted || !matches!(data[i], b'\r' | b'\n')) {
                quoted ^= data[i] == b'"';
                i += 1;
            }
            i += if data[i..].starts_with(b"\r\n") { 2 } else { 1 };
            row += 1;
        }
        rows
    }

    /// Regression (CSV row numbers): CRLF, lone CR and empty lines shifted the `csv` crate's
    /// line count away from the row a spreadsheet shows. On generated files mixing every line
    /// end, empty lines, quoted fields with line breaks and a leading BOM, `record_row` gives
    /// the naive count for every record.
    #[test]
    fn record_row_is_the_spreadsheet_row_of_every_record() {
        let ends: [&[u8]; 3] = [b"\r\n", b"\n", b"\r"];
        let fields: [&[u8]; 7] = [
            b"a",
            b"",
            b" ",
            b"\"x;\"\"y\"\"\"",
            b"\"l\r\nm\"",
            b"\"l\nm\rn\n\r\"",
            b"\"\r\n\"",
        ];
        let mut next = crate::import::test_rng(0x2545_f491_4f6c_dd1d);
        for case in 0..500 {
            let mut data = Vec::new();
            if case % 5 == 0 {
                data.extend_from_slice(b"\xEF\xBB\xBF");
            }
            for _ in 0..next(12) {
                if next(4) == 0 {
                    data.extend_from_slice(ends[next(3)]);
                    continue;
                }
                for f in 0..1 + next(3) {
                    if f > 0 {
                        data.push(b';');
                    }
                    data.extend_from_slice(fields[next(fields.len())]);
                }
                // A record made of one empty field is an empty line: give it a cell.
                if data.last().is_none_or(|&b| matches!(b, b'\r' | b'\n')) {
                    data.push(b'a');
                }
                data.extend_from_slice(ends[next(3)]);
            }
            // The last line may have no line end.
            if next(3) == 0 {
                while data.last().is_some_and(|&b| matches!(b, b'\r' | b'\n')) {
                    data.pop();
                }
            }
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(b';')
                .has_headers(false)
                .flexible(true)
                .from_reader(&data[..]);
            let (mut record, mut row, mut got) = (csv::ByteRecord::new(), 1, Vec::new());
            while reader.read_byte_record(&mut record).unwrap() {
                let at = record.position().unwrap().byte() as usize;
                got.push(record_row(&data, at, &mut row));
            }
            let text = String::from_utf8_lossy(&data);
            let bom = if data.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            assert_eq!(got, naive_rows(&data[bom..]), "{text:?}");
        }
    }

    /// A Windows-1252 file, split before decoding, gives the table (and the rows of the
    /// progress) its decoded UTF-8 text gives.
    #[test]
    fn windows_1252_split_before_decoding_is_the_decoded_text_split() {
        let mut text =
            String::from("Reporte de ventas «2024»\r\n\r\ncódigo;fecha;importe;nota\r\n");
        for i in 0..3_000 {
            text.push_str(&format!(
                "{i:05};05/02/2024;\u{a0}S/ {i},50 ;\"Peña; \"\"Niño\"\"\r\nsegunda línea €\"\r\n"
            ));
            if i % 7 == 0 {
                text.push_str("\r\n;;;\r\nÁrbol;x\r\n");
            }
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable && bytes.len() > SAMPLE && !bytes.is_ascii());
        let read = |bytes: &[u8]| {
            let mut last = Progress::default();
            let mut on_progress = |p: Progress| last = p;
            let mut hooks = Hooks {
                on_progress: Some(&mut on_progress),
                cancel: None,
            };
            let table = read_csv(bytes, "v.csv", &ReadOptions::default(), &mut hooks).unwrap();
            (table, last)
        };
        let (ours, progress) = read(&bytes);
        let (utf8, utf8_progress) = read(text.as_bytes());
        assert_eq!(ours.source.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(utf8.source.encoding.as_deref(), Some("UTF-8"));
        // Progress counts the bytes split: the file's.
        assert_eq!(progress.rows, utf8_progress.rows);
        assert_eq!(progress.bytes_total, bytes.len() as u64);
        assert_eq!(progress.bytes_done, progress.bytes_total);
        assert_eq!(utf8_progress.bytes_total, text.len() as u64);
        assert_eq!(ours.source.delimiter, utf8.source.delimiter);
        assert_eq!(ours.source.header_row, utf8.source.header_row);
        assert_eq!(ours.headers, utf8.headers);
        assert_eq!(ours.len(), utf8.len());
        for (a, b) in ours.rows().zip(utf8.rows()) {
            assert_eq!(a.line(), b.line());
            assert_eq!(a.len(), b.len());
            for c in 0..a.len() {
                assert_eq!(a.get(c), b.get(c));
            }
        }
        let first = ours.row(0);
        assert_eq!(first.get(2), "S/ 0,50");
        assert_eq!(first.get(3), "Peña; \"Niño\"\r\nsegunda línea €");
    }
}
