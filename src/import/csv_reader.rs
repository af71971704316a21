//! Reading delimited text: decode once, sniff the delimiter, then stream byte records from the
//! `csv` crate into the table's cell store.

use super::decode::decode;
use super::sniff::sniff_delimiter;
use super::table::{Format, SourceInfo, Table, TableBuilder};
use super::{Hooks, ImportError, Progress, ReadOptions};

/// Reads a CSV file (any of the supported encodings and delimiters) into a [`Table`].
pub(crate) fn read_csv(
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    hooks: &mut Hooks,
) -> Result<Table, ImportError> {
    let (text, encoding) = decode(bytes, opts.encoding.as_deref(), file)?;
    let delimiter = opts.delimiter.unwrap_or_else(|| sniff_delimiter(&text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut builder = TableBuilder::new(file, opts.header_row);
    let mut record = csv::ByteRecord::new();
    let total = text.len() as u64;
    // Lines inside quoted fields are not rows in a spreadsheet: subtract them.
    let mut embedded_newlines: u64 = 0;
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
        let line = record.position().map_or(0, |p| p.line()) - embedded_newlines;
        let line = u32::try_from(line).map_err(|_| ImportError::TooLarge {
            file: file.to_owned(),
        })?;
        // Decoded text is valid UTF-8 and delimiters are ASCII, so every field is valid UTF-8.
        builder.push(
            line,
            record
                .iter()
                .map(|f| std::str::from_utf8(f).unwrap_or_default()),
        )?;
        embedded_newlines += record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        records += 1;
        if records.is_multiple_of(Hooks::EVERY) {
            let bytes_done = record.position().map_or(0, |p| p.byte());
            hooks.tick(Progress {
                bytes_done,
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
