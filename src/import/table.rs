//! The decoded text table every reader produces: headers, then rows of trimmed cells stored in
//! one string (no allocation per row), each row tagged with the row number a spreadsheet shows.

use super::{ImportError, values::looks_like_data};
use serde::{Deserialize, Serialize};

/// The format a table was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Excel 2007+ workbook.
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

/// Where and how a table was read, to show next to the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// File format.
    pub format: Format,
    /// Text encoding (CSV only), e.g. `"windows-1252"`.
    pub encoding: Option<String>,
    /// Field delimiter (CSV only).
    pub delimiter: Option<char>,
    /// Sheet name (workbooks only).
    pub sheet: Option<String>,
    /// Row number (1-based, as a spreadsheet shows it) of the header row.
    pub header_row: u32,
}

/// A decoded table: the header row and the data rows below it (blank rows skipped).
#[derive(Clone, Debug)]
pub struct Table {
    /// Column names as written in the file (trimmed; blank names become `columna_N`).
    pub headers: Vec<String>,
    /// How the table was read.
    pub source: SourceInfo,
    text: String,
    ends: Vec<u32>,
    rows: Vec<RowStart>,
}

#[derive(Clone, Copy, Debug)]
struct RowStart {
    first_cell: u32,
    line: u32,
}

/// One data row of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    index: usize,
    first: usize,
    end: usize,
}

impl<'a> Row<'a> {
    /// The row number a spreadsheet shows for this row: 1-based, the header row, title lines
    /// and blank rows above it included. In a CSV file every line end outside quotes (`\r\n`,
    /// `\n` or a lone `\r`) starts a row, empty lines included, whatever the encoding; a
    /// record whose quoted field holds line breaks is one row, numbered where it starts, and
    /// the next record is the next row (as Excel and LibreOffice show the file, not as a text
    /// editor numbers its lines).
    pub fn line(&self) -> u32 {
        self.table.rows[self.index].line
    }

    /// Number of cells (trailing empty cells are not stored).
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    /// True when the row holds no cell (never for stored rows, which skip blank lines).
    pub fn is_empty(&self) -> bool {
        self.end == self.first
    }

    /// The trimmed text of cell `col`, `""` past the end of the row.
    pub fn get(&self, col: usize) -> &'a str {
        if col >= self.len() {
            return "";
        }
        let i = self.first + col;
        let start = if i == 0 {
            0
        } else {
            self.table.ends[i - 1] as usize
        };
        &self.table.text[start..self.table.ends[i] as usize]
    }

    /// The text of every cell of the row back to back (a row's cells are stored contiguously).
    pub(crate) fn joined(&self) -> &'a str {
        if self.first == self.end {
            return "";
        }
        let start = if self.first == 0 {
            0
        } else {
            self.table.ends[self.first - 1] as usize
        };
        &self.table.text[start..self.table.ends[self.end - 1] as usize]
    }

    /// True when both rows hold the same cells.
    pub(crate) fn same_cells(&self, other: &Row) -> bool {
        self.len() == other.len()
            && self.joined() == other.joined()
            && (0..self.len()).all(|c| self.get(c).len() == other.get(c).len())
    }
}

impl Table {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no data row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Bytes of cell text stored (the unit of parsing progress).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Data row `index` (0-based, below the header).
    ///
    /// # Panics
    /// When `index >= self.len()`.
    pub fn row(&self, index: usize) -> Row<'_> {
        let first = self.rows[index].first_cell as usize;
        let end = self
            .rows
            .get(index + 1)
            .map_or(self.ends.len(), |r| r.first_cell as usize);
        Row {
            table: self,
            index,
            first,
            end,
        }
    }

    /// All data rows in file order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_>> + '_ {
        (0..self.rows.len()).map(|i| self.row(i))
    }
}

/// Rows scanned for the header row when the caller does not name it.
const HEADER_SCAN: usize = 30;

/// Collects rows from a reader, finds the header row, and stores the data rows compactly.
pub(crate) struct TableBuilder {
    file: String,
    header_row: Option<u32>,
    pending: Vec<(u32, Vec<String>)>,
    headers: Option<(u32, Vec<String>)>,
    text: String,
    ends: Vec<u32>,
    rows: Vec<RowStart>,
}

impl TableBuilder {
    /// A builder; `header_row` forces the header's row number (1-based), else it is detected.
    pub(crate) fn new(file: &str, header_row: Option<u32>) -> Self {
        TableBuilder {
            file: file.to_owned(),
            header_row,
            pending: Vec::new(),
            headers: None,
            text: String::new(),
            ends: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Reserves room for about `bytes` more bytes of cell text (the size of the input is a
    /// good bound: cells are stored without delimiters, quotes or line ends).
    pub(crate) fn reserve_text(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// Reserves room for the rows still to come, extrapolated from those stored so far when
    /// `done` of the input's `total` bytes are read (with 5 % to spare). Without it the row and
    /// cell arrays grow by doubling: for a million lines, 61 MB more allocated, the arrays
    /// copied into fresh memory at each step (BENCHMARKS.md, stop 23). A guess that falls
    /// short costs one doubling, as before; room reserved and never written is never touched.
    pub(crate) fn reserve_rest(&mut self, done: u64, total: u64) {
        if self.rows.is_empty() || done == 0 || done >= total {
            return;
        }
        let scale = total as f64 / done as f64 * 1.05;
        let rows = (self.rows.len() as f64 * scale) as usize;
        let cells = (self.ends.len() as f64 * scale) as usize;
        // Exact: `reserve` would round up to the next doubling anyway.
        self.rows
            .reserve_exact(rows.saturating_sub(self.rows.len()));
        self.ends
            .reserve_exact(cells.saturating_sub(self.ends.len()));
    }

    /// Rows stored so far.
    pub(crate) fn rows(&self) -> u64 {
        self.rows.len() as u64
    }

    /// Adds the row shown as number `line`. Blank rows are skipped.
    pub(crate) fn push<'c>(
        &mut self,
        line: u32,
        cells: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), ImportError> {
        if self.headers.is_some() {
            return self.store(line, cells);
        }
        let cells: Vec<String> = cells.into_iter().map(|c| clean(c).to_owned()).collect();
        match self.header_row {
            Some(h) if line == h => self.set_headers(line, cells),
            Some(_) => {}
            None => {
                if cells.iter().any(|c| !c.is_empty()) {
                    self.pending.push((line, cells));
                }
                if self.pending.len() == HEADER_SCAN {
                    self.resolve_pending()?;
                }
            }
        }
        Ok(())
    }

    /// [`push`](Self::push) for a row whose cells are `text` cut where each of `ends` says (byte
    /// offsets, in order): the usual row, whose cells need no trimming, is copied in one piece.
    pub(crate) fn push_joined(
        &mut self,
        line: u32,
        text: &str,
        ends: &[usize],
    ) -> Result<(), ImportError> {
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let cells = starts.zip(ends).map(|(a, &b)| &text[a..b]);
        if self.headers.is_none() || !cells.clone().all(|c| clean(c).len() == c.len()) {
            return self.push(line, cells);
        }
        // Trailing empty cells are not kept; a blank row keeps nothing.
        let start = |i: usize| if i == 0 { 0 } else { ends[i - 1] };
        let Some(filled) = (0..ends.len()).rev().find(|&i| ends[i] > start(i)) else {
            return Ok(());
        };
        let base = self.text.len();
        let used = ends[filled];
        u32::try_from(base + used).map_err(|_| ImportError::TooLarge {
            file: self.file.clone(),
        })?;
        self.rows.push(RowStart {
            first_cell: self.ends.len() as u32,
            line,
        });
        self.text.push_str(&text[..used]);
        self.ends
            .extend(ends[..=filled].iter().map(|&end| (base + end) as u32));
        Ok(())
    }

    fn store<'c>(
        &mut self,
        line: u32,
        cells: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), ImportError> {
        let first_cell = self.ends.len();
        let mut last_filled = first_cell;
        let mut last_text = self.text.len();
        for cell in cells {
            let cell = clean(cell);
            self.text.push_str(cell);
            let end = u32::try_from(self.text.len()).map_err(|_| ImportError::TooLarge {
                file: self.file.clone(),
            })?;
            self.ends.push(end);
            if !cell.is_empty() {
                last_filled = self.ends.len();
                last_text = self.text.len();
            }
        }
        // Trailing empty cells are not kept; a blank row keeps nothing.
        self.ends.truncate(last_filled);
        self.text.truncate(last_text);
        if last_filled > first_cell {
            self.rows.push(RowStart {
                first_cell: first_cell as u32,
                line,
            });
        }
        Ok(())
    }

    fn set_headers(&mut self, line: u32, cells: Vec<String>) {
        let mut headers = cells;
        while headers.last().is_some_and(|h| h.is_empty()) {
            headers.pop();
        }
        for (i, h) in headers.iter_mut().enumerate() {
            if h.is_empty() {
                *h = format!("columna_{}", i + 1);
            }
        }
        self.headers = Some((line, headers));
    }

    /// Picks the header among the buffered rows: the first whose filled cells are all text (no
    /// number or date) and number at least two (or as many as the widest buffered row, if less:
    /// a one-column file). Title lines above it are dropped; the rows below become data.
    fn resolve_pending(&mut self) -> Result<(), ImportError> {
        let pending = std::mem::take(&mut self.pending);
        let filled = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
        let widest = pending.iter().map(|(_, c)| filled(c)).max().unwrap_or(0);
        let needed = widest.min(2);
        let at = pending
            .iter()
            .position(|(_, c)| {
                needed > 0 && filled(c) >= needed && !c.iter().any(|v| looks_like_data(v))
            })
            .ok_or_else(|| ImportError::NoHeaderRow {
                file: self.file.clone(),
            })?;
        let mut rest = pending.into_iter().skip(at);
        let (line, headers) = rest.next().expect("position found");
        self.set_headers(line, headers);
        for (line, cells) in rest {
            self.store(line, cells.iter().map(String::as_str))?;
        }
        Ok(())
    }

    /// Ends reading: returns the table, or [`ImportError::NoHeaderRow`].
    pub(crate) fn finish(mut self, source: SourceInfo) -> Result<Table, ImportError> {
        if self.headers.is_none() && self.header_row.is_none() {
            self.resolve_pending()?;
        }
        let (header_row, headers) = match self.headers {
            Some((row, headers)) if !headers.is_empty() => (row, headers),
            _ => return Err(ImportError::NoHeaderRow { file: self.file }),
        };
        Ok(Table {
            headers,
            source: SourceInfo {
                header_row,
                ..source
            },
            text: self.text,
            ends: self.ends,
            rows: self.rows,
        })
    }
}

/// Trims spaces, tabs and no-break spaces around a cell.
fn clean(cell: &str) -> &str {
    // Fast path: a cell that starts and ends with a visible ASCII character has nothing to trim.
    let solid = |b: u8| (b'!'..=b'~').contains(&b);
    match cell.as_bytes() {
        [] => cell,
        [first, .., last] if solid(*first) && solid(*last) => cell,
        [only] if solid(*only) => cell,
        _ => cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> SourceInfo {
        SourceInfo {
            format: Format::Csv,
            encoding: None,
            delimiter: Some(';'),
            sheet: None,
            header_row: 0,
        }
    }

    #[test]
    fn skips_title_lines_and_blank_rows_and_keeps_row_numbers() {
        let mut b = TableBuilder::new("f", None);
        b.push(1, ["Reporte de ventas"]).unwrap();
        b.push(2, ["", ""]).unwrap();
        b.push(3, ["cliente", " fecha ", "importe", ""]).unwrap();
        b.push(4, ["007", "01/02/2024", "12,50"]).unwrap();
        b.push(5, ["", "", ""]).unwrap();
        b.push(6, ["008", "", "3", "", ""]).unwrap();
        let t = b.finish(source()).unwrap();
        assert_eq!(t.headers, ["cliente", "fecha", "importe"]);
        assert_eq!(t.source.header_row, 3);
        assert_eq!(t.len(), 2);
        let r = t.row(1);
        assert_eq!(
            (r.line(), r.len(), r.get(0), r.get(1), r.get(2), r.get(9)),
            (6, 3, "008", "", "3", "")
        );
        assert_eq!(t.row(0).get(1), "01/02/2024");
    }

    /// Room for the rest of the file is reserved from the rows read so far, so the row and
    /// cell arrays end near their length instead of at the next power of two; a first guess
    /// that falls short leaves the usual growth, and the rows are stored as before.
    #[test]
    fn the_rest_of_a_file_is_reserved_from_its_start() {
        let rows = 50_000u32;
        // The file's lines, each three cells; after the first 16,384 (10 bytes each), room
        // is reserved for a file of `total` bytes.
        let read = |total: u64| {
            let mut b = TableBuilder::new("f", Some(1));
            b.push(1, ["cliente", "fecha", "importe"]).unwrap();
            for line in 0..rows {
                if line == 16_384 {
                    b.reserve_rest(16_384 * 10, total);
                }
                b.push(line + 2, ["c", "2024", "5"]).unwrap();
            }
            b.finish(source()).unwrap()
        };
        let t = read(u64::from(rows) * 10);
        assert_eq!(t.len(), rows as usize);
        // Doubling alone would end at 65,536 rows and 262,144 cells.
        assert!(
            (50_000..=52_500).contains(&t.rows.capacity()),
            "{}",
            t.rows.capacity()
        );
        assert!(
            (150_000..=157_500).contains(&t.ends.capacity()),
            "{}",
            t.ends.capacity()
        );
        assert_eq!(
            (t.row(49_999).line(), t.row(49_999).get(1)),
            (50_001, "2024")
        );

        // A start of long lines (a file of 5 bytes a line on average): the guess falls short
        // and the arrays grow past it.
        let t = read(u64::from(rows) * 5);
        assert_eq!(t.len(), rows as usize);
        assert_eq!(t.row(49_999).get(2), "5");
    }

    /// `push_joined` stores what `push` stores, for rows with and without cells to trim, empty
    /// and trailing empty cells, blank rows, and rows read before the header is known.
    #[test]
    fn a_joined_row_is_stored_as_its_cells() {
        let pool = [
            "",
            "a",
            "12,50",
            " b",
            "c ",
            "\u{a0}ñ",
            "dé",
            " ",
            "Jesús María",
        ];
        let mut next = crate::import::test_rng(0x9e37_79b9_7f4a_7c15);
        let (mut by_cell, mut joined) =
            (TableBuilder::new("f", None), TableBuilder::new("f", None));
        for line in 1..=400u32 {
            let cells: Vec<&str> = if line == 3 {
                vec!["cliente", "fecha", "importe", "local"]
            } else {
                (0..next(6)).map(|_| pool[next(pool.len())]).collect()
            };
            let text = cells.concat();
            let ends: Vec<usize> = cells
                .iter()
                .scan(0, |end, c| {
                    *end += c.len();
                    Some(*end)
                })
                .collect();
            by_cell.push(line, cells.iter().copied()).unwrap();
            joined.push_joined(line, &text, &ends).unwrap();
        }
        let (a, b) = (
            by_cell.finish(source()).unwrap(),
            joined.finish(source()).unwrap(),
        );
        assert_eq!(a.headers, b.headers);
        assert_eq!(a.len(), b.len());
        assert!(a.len() > 200);
        for (x, y) in a.rows().zip(b.rows()) {
            assert_eq!((x.line(), x.len()), (y.line(), y.len()));
            for c in 0..x.len() {
                assert_eq!(x.get(c), y.get(c));
            }
        }
    }

    #[test]
    fn numbers_only_is_no_header() {
        let mut b = TableBuilder::new("f", None);
        b.push(1, ["1", "2"]).unwrap();
        assert!(matches!(
            b.finish(source()),
            Err(ImportError::NoHeaderRow { .. })
        ));
    }

    #[test]
    fn forced_header_row() {
        let mut b = TableBuilder::new("f", Some(2));
        b.push(1, ["a", "b"]).unwrap();
        b.push(2, ["x", ""]).unwrap();
        b.push(3, ["1", "2"]).unwrap();
        let t = b.finish(source()).unwrap();
        assert_eq!(t.headers, ["x"]);
        assert_eq!(t.row(0).get(1), "2");
    }
}
