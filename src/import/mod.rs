//! Pure importer: bytes of CSV/XLSX in, a dataset and a problem report out.
//!
//! No browser type and no I/O: the web app calls it inside a Web Worker with the bytes of a
//! dropped file, the command line with the bytes of a file it read. The steps follow the import
//! screen:
//!
//! 1. [`read_table`] decodes the file into a [`Table`] — CSV in UTF-8 (with or without BOM),
//!    UTF-16 with BOM or Windows-1252, delimiter sniffed among `;` `,` tab `|`; or a sheet of an
//!    XLSX/XLSB (streamed) or XLS/ODS workbook ([`sheet_names`] lists them). Title lines above the
//!    header and blank rows are skipped; every row keeps the number a spreadsheet shows for it
//!    (for CSV, whatever the line ends — CRLF, LF or CR — and with quoted line breaks inside a
//!    row: see [`Row::line`]).
//! 2. [`guess_kind`] and [`auto_mapping`] propose the kind of file and which field each column
//!    holds (Spanish and English header synonyms); [`preview`] gives the first rows to show
//!    beside it; the user may edit the [`Mapping`], which the app remembers under
//!    [`header_signature`].
//! 3. [`parse`] checks every row and returns the merged [`Dataset`] together with a [`Report`]:
//!    rows read, rows imported, and each problem with row, column, value and a message in
//!    Spanish or English ([`Problem::message`], [`Report::to_csv`]). Nothing is dropped silently:
//!    errors leave a row out and say so, warnings (returns, duplicates…) keep it.
//!
//! Long steps have `_with` variants taking [`Hooks`] (a progress callback and a cancel flag).
//!
//! ```
//! use fideliza::import::{self, FileKind, Lang, ReadOptions};
//! use fideliza::model::{Dataset, ymd};
//!
//! let bytes = b"Cliente;Fecha;Importe\n007;05/02/2024;S/ 1.234,50\n008;06/02/2024;-10,00\n";
//! let table = import::read_table(bytes, "ventas.csv", &ReadOptions::default()).unwrap();
//! let kind = import::guess_kind(&table.headers).unwrap();
//! assert_eq!(kind, FileKind::Sales);
//! let mapping = import::auto_mapping(kind, &table.headers);
//! let parsed = import::parse(&table, &mapping, &Dataset::default(), ymd(2024, 3, 1).unwrap()).unwrap();
//! assert_eq!(parsed.data.sales[0].amount, 1234.5);
//! assert_eq!(parsed.report.rows_valid, 2);
//! assert!(parsed.report.problems[0].message(Lang::Es).starts_with("Fila 3, columna «Importe»"));
//! ```

mod complaints;
mod csv_reader;
mod customers;
mod decode;
mod error;
mod fields;
mod lang;
mod mapping;
mod progress;
mod report;
mod rows;
mod sales;
mod sniff;
mod surveys;
mod synonyms;
mod table;
mod values;
mod workbook;

pub use error::ImportError;
pub use fields::{Field, FileKind};
pub use lang::Lang;
pub use mapping::{Mapping, auto_mapping, guess_kind, header_signature};
pub use progress::{Hooks, Progress};
pub use report::{Problem, ProblemCount, ProblemKind, Report, Severity};
pub use synonyms::normalize;
pub use table::{Format, Row, SourceInfo, Table};

use crate::model::{Dataset, Day};

/// How to read a file; every option defaults to "detect".
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    /// Sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// Text encoding label of a CSV, e.g. `"windows-1252"` (default: detected).
    pub encoding: Option<String>,
    /// Field delimiter of a CSV (default: sniffed).
    pub delimiter: Option<u8>,
    /// Row number (1-based, as a spreadsheet shows it) of the header row (default: the first
    /// row of text labels, below any title lines).
    pub header_row: Option<u32>,
}

/// Reads a CSV file or a workbook sheet into a [`Table`]; the format is told by the content
/// (ZIP or OLE signature), not trusted from the name.
pub fn read_table(bytes: &[u8], file_name: &str, opts: &ReadOptions) -> Result<Table, ImportError> {
    read_table_with(bytes, file_name, opts, &mut Hooks::default())
}

/// [`read_table`] with progress reports and a cancel flag.
pub fn read_table_with(
    bytes: &[u8],
    file_name: &str,
    opts: &ReadOptions,
    hooks: &mut Hooks,
) -> Result<Table, ImportError> {
    if workbook::is_workbook(bytes) {
        workbook::read_workbook(bytes, file_name, opts, hooks)
    } else {
        csv_reader::read_csv(bytes, file_name, opts, hooks)
    }
}

/// How much of a large delimited text file is read for its first look ([`read_head`]).
pub const HEAD_BYTES: usize = 256 * 1024;

/// A first look at a delimited text file from `head`, its first bytes, while the rest is read:
/// the table of the lines `head` holds whole, read as [`read_table`] reads the file, so its
/// headers, guessed kind and first rows are the whole file's. Its encoding is the one of the
/// head (a file whose first accent comes later says Windows-1252 only once read whole) and its
/// row count is the head's.
///
/// `None` when a head cannot give that: a workbook (its container is read whole), UTF-16 text
/// (its line ends are two bytes), a head without a whole line, or one [`read_table`] refuses
/// (reading the whole file then says why).
pub fn read_head(head: &[u8], file_name: &str, opts: &ReadOptions) -> Option<Table> {
    if workbook::is_workbook(head) || !decode::line_feeds_are_bytes(head, opts.encoding.as_deref())
    {
        return None;
    }
    let end = head.iter().rposition(|&b| b == b'\n')? + 1;
    read_table(&head[..end], file_name, opts).ok()
}

/// The sheet names of a workbook, in order; a CSV file has none (empty list).
pub fn sheet_names(bytes: &[u8], file_name: &str) -> Result<Vec<String>, ImportError> {
    if workbook::is_workbook(bytes) {
        workbook::workbook_sheet_names(bytes, file_name)
    } else {
        Ok(Vec::new())
    }
}

/// The first `n` data rows as text, one entry per header (missing cells are empty).
pub fn preview(table: &Table, n: usize) -> Vec<Vec<String>> {
    table
        .rows()
        .take(n)
        .map(|row| {
            (0..table.headers.len())
                .map(|c| row.get(c).to_owned())
                .collect()
        })
        .collect()
}

/// The outcome of [`parse`]: the dataset with the file's valid rows merged in, and the report.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// `into` plus the new rows (customers with an id already present are updated).
    pub data: Dataset,
    /// What was read, imported and flagged.
    pub report: Report,
}

/// Checks every row of `table` as a file of `mapping.kind` and merges the valid rows into a
/// copy of `into` (nothing is mutated in place: the caller keeps `into` until the user accepts
/// the report). `today` bounds dates (future dates are flagged); the importer reads no clock.
///
/// Sales are checked against `into`'s customer file when it has one: import customers first.
pub fn parse(
    table: &Table,
    mapping: &Mapping,
    into: &Dataset,
    today: Day,
) -> Result<Parsed, ImportError> {
    parse_with(table, mapping, into, today, &mut Hooks::default())
}

/// [`parse`] with progress reports and a cancel flag.
pub fn parse_with(
    table: &Table,
    mapping: &Mapping,
    into: &Dataset,
    today: Day,
    hooks: &mut Hooks,
) -> Result<Parsed, ImportError> {
    let missing = mapping.missing_required();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { missing });
    }
    let cols = rows::Columns::new(table, mapping, today);
    let mut data = into.clone();
    let report = match mapping.kind {
        FileKind::Sales => sales::parse_sales(&cols, &mut data, hooks)?,
        FileKind::Customers => customers::parse_customers(&cols, &mut data, hooks)?,
        FileKind::Surveys => surveys::parse_surveys(&cols, mapping, &mut data, hooks)?,
        FileKind::Complaints => complaints::parse_complaints(&cols, &mut data, hooks)?,
    };
    Ok(Parsed { data, report })
}

/// A reproducible stream of small random numbers for tests that build many inputs: each call
/// returns a number below `n` (xorshift64 from `seed`, which must not be 0).
#[cfg(test)]
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
