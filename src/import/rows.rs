//! What every kind of file shares when its rows are checked: resolving mapped columns (with
//! their decimal separator or date order), walking the rows with progress, the row-level
//! checks (extra cells, duplicate lines), and a per-row checker that turns bad values into
//! problems with row, column and value.

use super::report::{Problem, ProblemKind, Report, Severity};
use super::table::{Row, Table};
use super::values::{
    DateOrder, DecimalSep, civil_day, date_order, decimal_sep, parse_date, parse_number,
};
use super::{Field, Hooks, ImportError, Mapping, Progress};
use crate::model::{Day, date_from_day};
use crate::radix;
use chrono::Datelike;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// A mapped column.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    index: usize,
    name: String,
}

/// A mapped number column with the decimal separator its values use.
#[derive(Clone, Debug)]
pub(crate) struct NumberColumn {
    col: Column,
    sep: DecimalSep,
}

/// A mapped date column with the day/month order its values use.
#[derive(Clone, Debug)]
pub(crate) struct DateColumn {
    col: Column,
    order: DateOrder,
}

/// What a date is, for its plausible range.
#[derive(Clone, Copy, Debug)]
pub(crate) enum DateUse {
    /// A sale, survey, complaint or signup: from `min_year` up to `today`.
    Event {
        /// First plausible year.
        min_year: i32,
    },
    /// A birth date: from 1900 up to `today`.
    Birth,
}

/// The table with its mapping, and what the checks need to know about the day.
pub(crate) struct Columns<'t> {
    table: &'t Table,
    mapping: &'t Mapping,
    today: Day,
    pivot_year: i32,
}

impl<'t> Columns<'t> {
    pub(crate) fn new(table: &'t Table, mapping: &'t Mapping, today: Day) -> Self {
        let pivot_year = date_from_day(today).year() + 1;
        Columns {
            table,
            mapping,
            today,
            pivot_year,
        }
    }

    /// Number of data rows.
    pub(crate) fn rows(&self) -> usize {
        self.table.len()
    }

    /// The column mapped to `field`, if any.
    pub(crate) fn get(&self, field: &Field) -> Option<Column> {
        let index = self.mapping.column_of(field)?;
        let name = self
            .table
            .headers
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("columna_{}", index + 1));
        Some(Column { index, name })
    }

    /// A required column; [`parse`](super::parse) has checked that the mapping has it.
    pub(crate) fn required(&self, field: &Field) -> Column {
        self.get(field)
            .expect("required fields checked before parsing")
    }

    fn values(&self, index: usize) -> impl Iterator<Item = &'t str> + use<'t> {
        self.table.rows().map(move |r| r.get(index))
    }

    /// The number column mapped to `field`; its decimal separator is read from its values
    /// (a tie goes to the comma in `;`-delimited files, Spanish Excel's, else to the point).
    pub(crate) fn number(&self, field: &Field) -> Option<NumberColumn> {
        let col = self.get(field)?;
        let default = if self.table.source.delimiter == Some(';') {
            DecimalSep::Comma
        } else {
            DecimalSep::Point
        };
        let sep = decimal_sep(self.values(col.index), default);
        Some(NumberColumn { col, sep })
    }

    /// Every readable number of a number column.
    pub(crate) fn numbers<'c>(
        &self,
        col: &'c NumberColumn,
    ) -> impl Iterator<Item = f64> + use<'t, 'c> {
        self.values(col.col.index)
            .filter_map(move |v| parse_number(v, col.sep))
    }

    /// The date column mapped to `field`, with its day/month order.
    pub(crate) fn date(&self, field: &Field) -> Option<DateColumn> {
        let col = self.get(field)?;
        let order = date_order(self.values(col.index));
        Some(DateColumn { col, order })
    }

    /// Walks the rows: reports progress, flags rows with more cells than headers (left out) and,
    /// when `duplicates`, lines identical to an earlier one (kept, with a warning); then lets
    /// `check` read the row. Returns the report with rows read and rows imported.
    pub(crate) fn each_row(
        &self,
        hooks: &mut Hooks,
        duplicates: bool,
        mut check: impl FnMut(&Row<'t>, &mut Checker),
    ) -> Result<Report, ImportError> {
        let mut report = Report::default();
        let width = self.table.headers.len();
        let repeated = if duplicates {
            duplicate_rows(self.table, width, |row| row_hash(row) as u32)
        } else {
            Vec::new()
        };
        let mut repeated = repeated.into_iter().peekable();
        let mut checker = Checker {
            problems: Vec::new(),
            failed: false,
            today: self.today,
            pivot_year: self.pivot_year,
        };
        let (total, text) = (self.table.len() as u64, self.table.text_len() as u64);
        for (i, row) in self.table.rows().enumerate() {
            let i = i as u64;
            if i.is_multiple_of(Hooks::EVERY) {
                hooks.tick(Progress {
                    bytes_done: text * i / total.max(1),
                    bytes_total: text,
                    rows: i,
                })?;
            }
            checker.problems.clear();
            checker.failed = false;
            if row.len() > width {
                let extra: Vec<&str> = (width..row.len()).map(|c| row.get(c)).collect();
                checker.add(
                    &row,
                    None,
                    &extra.join(" | "),
                    ProblemKind::ExtraCells,
                    Severity::Error,
                    None,
                );
            } else {
                if let Some((_, first)) = repeated.next_if(|&(j, _)| j as u64 == i) {
                    checker.add(
                        &row,
                        None,
                        "",
                        ProblemKind::DuplicateRow,
                        Severity::Warning,
                        Some(first),
                    );
                }
                check(&row, &mut checker);
            }
            report.rows_read += 1;
            report.rows_valid += u64::from(!checker.failed);
            checker.problems.drain(..).for_each(|p| report.add(p));
        }
        hooks.tick(Progress {
            bytes_done: text,
            bytes_total: text,
            rows: total,
        })?;
        report.finish();
        Ok(report)
    }
}

/// The hash of a row's cells for duplicate detection (FxHash of the cells back to back and
/// their count); rows with equal hashes are compared cell by cell before being called duplicates.
fn row_hash(row: &Row) -> u64 {
    FxBuildHasher.hash_one((row.len(), row.joined()))
}

/// The rows of `table` identical to an earlier row (same cells), each with the line of the
/// first such row, ascending by row. Rows wider than `width` (errors, left out) take no part.
///
/// Each row becomes one word, its 32-bit `hash` above its index, and one radix sort of the
/// words on the hash bits (three sequential passes) brings equal hashes together in row order;
/// only those are compared cell by cell. A hash table probed once a row cost about as much
/// as the rest of a sales check: a million probes at random, nearly all cache misses.
fn duplicate_rows(table: &Table, width: usize, hash: impl Fn(&Row) -> u32) -> Vec<(u32, u32)> {
    let index_bits = usize::BITS - table.len().leading_zeros();
    let words = table
        .rows()
        .enumerate()
        .filter(|(_, row)| row.len() <= width)
        .map(|(i, row)| u64::from(hash(&row)) << index_bits | i as u64)
        .collect();
    let sorted = radix::sort_words(words, index_bits, u32::BITS);
    let index = |w: u64| (w & ((1 << index_bits) - 1)) as usize;
    let mut repeated = Vec::new();
    for group in sorted.chunk_by(|a, b| a >> index_bits == b >> index_bits) {
        if group.len() < 2 {
            continue;
        }
        // The group's distinct rows so far, each the first of its cells.
        let mut firsts: Vec<Row> = Vec::new();
        for &w in group {
            let row = table.row(index(w));
            match firsts.iter().find(|first| first.same_cells(&row)) {
                Some(first) => repeated.push((index(w) as u32, first.line())),
                None => firsts.push(row),
            }
        }
    }
    repeated.sort_unstable();
    repeated
}

/// Reads the values of one row and records its problems.
pub(crate) struct Checker {
    problems: Vec<Problem>,
    failed: bool,
    today: Day,
    pivot_year: i32,
}

impl Checker {
    /// True when an error has left the row out.
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// Records a problem in `column` (or the whole row).
    pub(crate) fn add(
        &mut self,
        row: &Row,
        column: Option<&Column>,
        value: &str,
        kind: ProblemKind,
        severity: Severity,
        related: Option<u32>,
    ) {
        self.failed |= severity == Severity::Error;
        self.problems.push(Problem {
            row: row.line(),
            column: column.map(|c| c.name.clone()),
            value: value.to_owned(),
            kind,
            severity,
            related,
        });
    }

    /// The trimmed text of an optional column; `None` when unmapped or empty.
    pub(crate) fn text<'a>(&self, row: &Row<'a>, col: Option<&Column>) -> Option<&'a str> {
        col.map(|c| row.get(c.index)).filter(|v| !v.is_empty())
    }

    /// The text of a required column; an empty cell is an error.
    pub(crate) fn required_text<'a>(&mut self, row: &Row<'a>, col: &Column) -> Option<&'a str> {
        let v = row.get(col.index);
        if v.is_empty() {
            self.add(
                row,
                Some(col),
                v,
                ProblemKind::MissingValue,
                Severity::Error,
                None,
            );
            return None;
        }
        Some(v)
    }

    fn severity(required: bool) -> Severity {
        if required {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// A number; empty is `None` (an error when `required`), unreadable is an error when
    /// `required`, else a warning and `None`.
    pub(crate) fn number(
        &mut self,
        row: &Row,
        col: Option<&NumberColumn>,
        required: bool,
    ) -> Option<f64> {
        let c = col?;
        let v = if required {
            self.required_text(row, &c.col)?
        } else {
            self.text(row, Some(&c.col))?
        };
        let n = parse_number(v, c.sep);
        if n.is_none() {
            self.add(
                row,
                Some(&c.col),
                v,
                ProblemKind::InvalidNumber,
                Self::severity(required),
                None,
            );
        }
        n
    }

    /// A date checked against its plausible range and `today`.
    pub(crate) fn date(
        &mut self,
        row: &Row,
        col: Option<&DateColumn>,
        required: bool,
        used: DateUse,
    ) -> Option<Day> {
        let c = col?;
        let v = if required {
            self.required_text(row, &c.col)?
        } else {
            self.text(row, Some(&c.col))?
        };
        let severity = Self::severity(required);
        let Some(day) = parse_date(v, c.order, self.pivot_year) else {
            self.add(
                row,
                Some(&c.col),
                v,
                ProblemKind::InvalidDate,
                severity,
                None,
            );
            return None;
        };
        let (min_year, future_kind) = match used {
            DateUse::Event { min_year } => (min_year, ProblemKind::FutureDate),
            DateUse::Birth => (1900, ProblemKind::ImplausibleDate),
        };
        let kind = if day < civil_day(min_year, 1, 1).expect("valid") || day > self.today + 366 {
            Some(ProblemKind::ImplausibleDate)
        } else if day > self.today {
            Some(future_kind)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                self.add(row, Some(&c.col), v, kind, severity, None);
                None
            }
            None => Some(day),
        }
    }

    /// An optional value read by `parse`; unrecognised text is a warning and `None`.
    pub(crate) fn value<T>(
        &mut self,
        row: &Row,
        col: Option<&Column>,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let c = col?;
        let v = self.text(row, Some(c))?;
        let out = parse(v);
        if out.is_none() {
            self.add(
                row,
                Some(c),
                v,
                ProblemKind::InvalidValue,
                Severity::Warning,
                None,
            );
        }
        out
    }

    /// Records a problem with the value of a number column.
    pub(crate) fn flag(
        &mut self,
        row: &Row,
        col: &NumberColumn,
        kind: ProblemKind,
        severity: Severity,
        related: Option<u32>,
    ) {
        self.add(
            row,
            Some(&col.col),
            row.get(col.col.index),
            kind,
            severity,
            related,
        );
    }

    /// Flags a number outside `min..=max` as `kind` (an error when `required`, else a warning);
    /// returns it when inside.
    pub(crate) fn in_range(
        &mut self,
        row: &Row,
        col: Option<&NumberColumn>,
        value: Option<f64>,
        (min, max): (f64, f64),
        kind: ProblemKind,
        required: bool,
    ) -> Option<f64> {
        let (c, v) = (col?, value?);
        if (min..=max).contains(&v) {
            return Some(v);
        }
        self.flag(row, c, kind, Self::severity(required), Some(max as u32));
        None
    }

    /// A whole number in `min..=max`; anything else is an unrecognised value (a warning).
    pub(crate) fn whole(
        &mut self,
        row: &Row,
        col: Option<&NumberColumn>,
        value: Option<f64>,
        (min, max): (u32, u32),
    ) -> Option<u32> {
        let (c, v) = (col?, value?);
        if v.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(&v) {
            return Some(v as u32);
        }
        self.flag(
            row,
            c,
            ProblemKind::InvalidValue,
            Severity::Warning,
            Some(max),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ReadOptions, read_table};

    /// Every row equal to an earlier one, with that row's line, by comparing each pair.
    fn brute_force(table: &Table, width: usize) -> Vec<(u32, u32)> {
        let rows: Vec<Row> = table.rows().collect();
        (0..rows.len())
            .filter(|&i| rows[i].len() <= width)
            .filter_map(|i| {
                let first =
                    (0..i).find(|&j| rows[j].len() <= width && rows[j].same_cells(&rows[i]));
                first.map(|j| (i as u32, rows[j].line()))
            })
            .collect()
    }

    #[test]
    fn duplicate_rows_are_the_rows_equal_to_an_earlier_one() {
        let mut next = crate::import::test_rng(0x1234_5678_9abc_def1);
        let cells = ["", "a", "b", "ab", "1,5"];
        let mut csv = String::from("x;y;z\n");
        for _ in 0..400 {
            // 1 to 4 cells (4 is one too many), from few values: many repeats, cells that only
            // differ by where one ends ("a;b" against "ab;"), and some rows too wide.
            let n = 1 + next(4);
            let row: Vec<&str> = (0..n).map(|_| cells[next(cells.len())]).collect();
            csv.push_str(&row.join(";"));
            csv.push('\n');
        }
        let table = read_table(csv.as_bytes(), "t.csv", &ReadOptions::default()).unwrap();
        let expected = brute_force(&table, 3);
        assert!(expected.len() > 100, "the sample repeats rows");
        assert_eq!(duplicate_rows(&table, 3, |r| row_hash(r) as u32), expected);
        // Every hash equal: only the cell-by-cell comparison tells rows apart.
        assert_eq!(duplicate_rows(&table, 3, |_| 7), expected);
        // Few hashes (the cell count): large groups of rows that mostly differ.
        assert_eq!(duplicate_rows(&table, 3, |r| r.len() as u32), expected);
    }
}
