//! Reading spreadsheets with calamine: XLSX and XLSB through the streaming cell reader (a
//! 100k-row sheet never exists as a full grid in memory), XLS and ODS through calamine's range
//! reader (those formats have no streaming reader).

use super::table::{Format, SourceInfo, Table, TableBuilder};
use super::{Hooks, ImportError, Progress, ReadOptions};
use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsb, Xlsx, open_workbook_from_rs};
use std::fmt::Write as _;
use std::io::Cursor;

/// An open workbook of any supported format.
enum Book<'b> {
    Xlsx(Xlsx<Cursor<&'b [u8]>>),
    Xlsb(Xlsb<Cursor<&'b [u8]>>),
    Xls(Xls<Cursor<&'b [u8]>>),
    Ods(Ods<Cursor<&'b [u8]>>),
}

/// True when the bytes are a ZIP (XLSX, XLSB, ODS) or an OLE compound file (XLS).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn unreadable(file: &str, reason: impl ToString) -> ImportError {
    ImportError::Unreadable {
        file: file.to_owned(),
        reason: reason.to_string(),
    }
}

/// Opens the workbook, trying the format the extension names first.
fn open<'b>(bytes: &'b [u8], file: &str) -> Result<Book<'b>, ImportError> {
    let lower = file.to_ascii_lowercase();
    let cursor = || Cursor::new(bytes);
    if bytes.starts_with(b"PK") {
        if lower.ends_with(".ods")
            && let Ok(b) = open_workbook_from_rs::<Ods<_>, _>(cursor())
        {
            return Ok(Book::Ods(b));
        }
        if lower.ends_with(".xlsb")
            && let Ok(b) = open_workbook_from_rs::<Xlsb<_>, _>(cursor())
        {
            return Ok(Book::Xlsb(b));
        }
        match open_workbook_from_rs::<Xlsx<_>, _>(cursor()) {
            Ok(b) => Ok(Book::Xlsx(b)),
            Err(xlsx_error) => open_workbook_from_rs::<Ods<_>, _>(cursor())
                .map(Book::Ods)
                .or_else(|_| open_workbook_from_rs::<Xlsb<_>, _>(cursor()).map(Book::Xlsb))
                .map_err(|_| unreadable(file, xlsx_error)),
        }
    } else {
        open_workbook_from_rs::<Xls<_>, _>(cursor())
            .map(Book::Xls)
            .map_err(|e| unreadable(file, e))
    }
}

impl Book<'_> {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    fn format(&self) -> Format {
        match self {
            Book::Xlsx(_) => Format::Xlsx,
            Book::Xlsb(_) => Format::Xlsb,
            Book::Xls(_) => Format::Xls,
            Book::Ods(_) => Format::Ods,
        }
    }
}

/// The sheet names of a workbook, in workbook order.
pub(crate) fn workbook_sheet_names(bytes: &[u8], file: &str) -> Result<Vec<String>, ImportError> {
    Ok(open(bytes, file)?.sheet_names())
}

/// Feeds cells (in row order) to the table builder one row at a time.
struct RowFeeder<'h, 'a> {
    builder: TableBuilder,
    hooks: &'h mut Hooks<'a>,
    row: Option<u32>,
    cells: Vec<String>,
    rows_seen: u64,
}

impl RowFeeder<'_, '_> {
    fn cell(&mut self, (row, col): (u32, u32), value: &DataRef) -> Result<(), ImportError> {
        if self.row != Some(row) {
            self.flush()?;
            self.row = Some(row);
        }
        let col = col as usize;
        if self.cells.len() <= col {
            self.cells.resize_with(col + 1, String::new);
        }
        write_cell(value, &mut self.cells[col]);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ImportError> {
        if let Some(row) = self.row.take() {
            self.builder
                .push(row + 1, self.cells.iter().map(String::as_str))?;
            self.cells.iter_mut().for_each(String::clear);
            self.rows_seen += 1;
            if self.rows_seen.is_multiple_of(Hooks::EVERY) {
                self.hooks.tick(Progress {
                    bytes_done: 0,
                    bytes_total: 0,
                    rows: self.builder.rows(),
                })?;
            }
        }
        Ok(())
    }
}

/// Reads one sheet (the named one, else the first) into a [`Table`].
pub(crate) fn read_workbook(
    bytes: &[u8],
    file: &str,
    opts: &ReadOptions,
    hooks: &mut Hooks,
) -> Result<Table, ImportError> {
    let mut book = open(bytes, file)?;
    let names = book.sheet_names();
    let sheet =
        match &opts.sheet {
            Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
                ImportError::SheetNotFound {
                    file: file.to_owned(),
                    sheet: s.clone(),
                }
            })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| ImportError::NoHeaderRow {
                    file: file.to_owned(),
                })?,
        };
    let format = book.format();
    let mut feeder = RowFeeder {
        builder: TableBuilder::new(file, opts.header_row),
        hooks,
        row: None,
        cells: Vec::new(),
        rows_seen: 0,
    };
    match &mut book {
        Book::Xlsx(b) => {
            let mut reader = b
                .worksheet_cells_reader(&sheet)
                .map_err(|e| unreadable(file, e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(file, e))? {
                feeder.cell(cell.get_position(), cell.get_value())?;
            }
        }
        Book::Xlsb(b) => {
            let mut reader = b
                .worksheet_cells_reader(&sheet)
                .map_err(|e| unreadable(file, e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(file, e))? {
                feeder.cell(cell.get_position(), cell.get_value())?;
            }
        }
        Book::Xls(b) => feed_range(
            &mut feeder,
            b.worksheet_range(&sheet).map_err(|e| unreadable(file, e))?,
        )?,
        Book::Ods(b) => feed_range(
            &mut feeder,
            b.worksheet_range(&sheet).map_err(|e| unreadable(file, e))?,
        )?,
    }
    feeder.flush()?;
    let rows = feeder.builder.rows();
    feeder.hooks.tick(Progress {
        bytes_done: bytes.len() as u64,
        bytes_total: bytes.len() as u64,
        rows,
    })?;
    feeder.builder.finish(SourceInfo {
        format,
        encoding: None,
        delimiter: None,
        sheet: Some(sheet),
        header_row: 0,
    })
}

fn feed_range(feeder: &mut RowFeeder, range: calamine::Range<Data>) -> Result<(), ImportError> {
    for (row, col, value) in range.used_cells() {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        feeder.cell((r0 + row as u32, c0 + col as u32), &data_ref(value))?;
    }
    Ok(())
}

/// Borrows an owned cell value as the streaming reader's type.
fn data_ref(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::SharedString(s),
        Data::DurationIso(s) => DataRef::SharedString(s),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// Writes a cell as the text the value parsers read: integers without `.0`, dates as ISO
/// `yyyy-mm-dd` (with ` hh:mm:ss` when there is a time), errors as Excel shows them.
fn write_cell(value: &DataRef, out: &mut String) {
    match value {
        DataRef::Int(i) => write!(out, "{i}").unwrap(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            write!(out, "{}", *f as i64).unwrap()
        }
        DataRef::Float(f) => write!(out, "{f}").unwrap(),
        DataRef::String(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            write!(out, "{y:04}-{mo:02}-{da:02}").unwrap();
            if (h, mi, s) != (0, 0, 0) {
                write!(out, " {h:02}:{mi:02}:{s:02}").unwrap();
            }
        }
        DataRef::DateTime(d) => write!(out, "{}", d.as_f64()).unwrap(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => write!(out, "{e}").unwrap(),
        DataRef::Empty => {}
    }
}
