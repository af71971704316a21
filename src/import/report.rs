//! The validation report shown before anything is stored: row counts and every problem with its
//! row, column, value and a plain-language reason; downloadable as CSV.

use super::Lang;
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The row is not imported.
    Error,
    /// The row is imported; the user should know (a return, a duplicate…).
    Warning,
}

/// What is wrong with a value or a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required value is empty.
    MissingValue,
    /// Not a number.
    InvalidNumber,
    /// Not a date.
    InvalidDate,
    /// A date after the `today` given by the caller.
    FutureDate,
    /// A date outside any plausible range (before 1990 for sales, surveys and complaints;
    /// before 1900 for birth dates; more than a year ahead).
    ImplausibleDate,
    /// A negative amount: a return, netted against the customer.
    NegativeAmount,
    /// An amount of zero.
    ZeroAmount,
    /// The same line appears earlier in the file.
    DuplicateRow,
    /// A sale for a customer id absent from the customer file.
    UnknownCustomer,
    /// A customer id already given on an earlier row of the customer file.
    DuplicateCustomer,
    /// A survey score outside its scale.
    ScoreOutOfScale,
    /// A value not among the accepted ones (yes/no, household, insurance, an age…).
    InvalidValue,
    /// The row has more cells than the header: a delimiter inside an unquoted value shifts columns.
    ExtraCells,
}

impl ProblemKind {
    /// Every kind, in report order.
    pub const ALL: [ProblemKind; 13] = [
        ProblemKind::MissingValue,
        ProblemKind::InvalidNumber,
        ProblemKind::InvalidDate,
        ProblemKind::FutureDate,
        ProblemKind::ImplausibleDate,
        ProblemKind::NegativeAmount,
        ProblemKind::ZeroAmount,
        ProblemKind::DuplicateRow,
        ProblemKind::UnknownCustomer,
        ProblemKind::DuplicateCustomer,
        ProblemKind::ScoreOutOfScale,
        ProblemKind::InvalidValue,
        ProblemKind::ExtraCells,
    ];

    /// Short title for a group of problems of this kind.
    pub fn title(self, lang: Lang) -> String {
        use ProblemKind::*;
        let l = lang.code();
        match self {
            MissingValue => t!("import.kind.missing_value", locale = l),
            InvalidNumber => t!("import.kind.invalid_number", locale = l),
            InvalidDate => t!("import.kind.invalid_date", locale = l),
            FutureDate => t!("import.kind.future_date", locale = l),
            ImplausibleDate => t!("import.kind.implausible_date", locale = l),
            NegativeAmount => t!("import.kind.negative_amount", locale = l),
            ZeroAmount => t!("import.kind.zero_amount", locale = l),
            DuplicateRow => t!("import.kind.duplicate_row", locale = l),
            UnknownCustomer => t!("import.kind.unknown_customer", locale = l),
            DuplicateCustomer => t!("import.kind.duplicate_customer", locale = l),
            ScoreOutOfScale => t!("import.kind.score_out_of_scale", locale = l),
            InvalidValue => t!("import.kind.invalid_value", locale = l),
            ExtraCells => t!("import.kind.extra_cells", locale = l),
        }
        .into_owned()
    }
}

/// One problem found in one row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Row number as a spreadsheet shows it (1-based, the header row included).
    pub row: u32,
    /// Header of the column, `None` for a problem with the whole row.
    pub column: Option<String>,
    /// The value as written in the file.
    pub value: String,
    /// What is wrong.
    pub kind: ProblemKind,
    /// Whether the row was left out.
    pub severity: Severity,
    /// For a duplicate: the earlier row. For an out-of-scale score: the top of the scale.
    pub related: Option<u32>,
}

impl Problem {
    /// The problem in plain words: what, where, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let l = lang.code();
        let row = self.row;
        let place = match &self.column {
            Some(column) => t!(
                "import.problem.place_cell",
                locale = l,
                row = row,
                column = column
            ),
            None => t!("import.problem.place_row", locale = l, row = row),
        };
        let value = &self.value;
        let related = self.related.unwrap_or(0);
        let what = match self.kind {
            MissingValue => t!("import.problem.missing_value", locale = l),
            InvalidNumber => t!("import.problem.invalid_number", locale = l, value = value),
            InvalidDate => t!("import.problem.invalid_date", locale = l, value = value),
            FutureDate => t!("import.problem.future_date", locale = l, value = value),
            ImplausibleDate => t!("import.problem.implausible_date", locale = l, value = value),
            NegativeAmount => t!("import.problem.negative_amount", locale = l, value = value),
            ZeroAmount => t!("import.problem.zero_amount", locale = l),
            DuplicateRow => t!(
                "import.problem.duplicate_row",
                locale = l,
                related = related
            ),
            UnknownCustomer => t!("import.problem.unknown_customer", locale = l, value = value),
            DuplicateCustomer => t!(
                "import.problem.duplicate_customer",
                locale = l,
                value = value,
                related = related
            ),
            ScoreOutOfScale => t!(
                "import.problem.score_out_of_scale",
                locale = l,
                value = value,
                related = related
            ),
            InvalidValue => t!("import.problem.invalid_value", locale = l, value = value),
            ExtraCells => t!("import.problem.extra_cells", locale = l, value = value),
        };
        match self.severity {
            Severity::Error => {
                let outcome = t!("import.problem.not_imported", locale = l);
                format!("{place}: {what} {outcome}")
            }
            Severity::Warning => format!("{place}: {what}"),
        }
    }
}

/// How many problems of one kind and severity a report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemCount {
    /// The kind.
    pub kind: ProblemKind,
    /// The severity.
    pub severity: Severity,
    /// Number of problems, including those beyond [`Report::DETAILS_PER_KIND`].
    pub count: u64,
}

/// The validation report of one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Data rows read (blank rows are not counted).
    pub rows_read: u64,
    /// Rows imported (rows with warnings included).
    pub rows_valid: u64,
    /// Problems in file order, at most [`Report::DETAILS_PER_KIND`] of each kind and severity.
    pub problems: Vec<Problem>,
    /// Every kind and severity found with its full count, grouped for the report screen.
    pub counts: Vec<ProblemCount>,
}

impl Report {
    /// Problems kept in detail per kind and severity: a file whose every row has the same
    /// problem (a wrong date order, say) must not need a million messages to say so.
    pub const DETAILS_PER_KIND: u64 = 1_000;

    /// Records a problem (its detail only while under the per-kind limit).
    pub(crate) fn add(&mut self, problem: Problem) {
        let entry = match self
            .counts
            .iter_mut()
            .find(|c| c.kind == problem.kind && c.severity == problem.severity)
        {
            Some(e) => e,
            None => {
                self.counts.push(ProblemCount {
                    kind: problem.kind,
                    severity: problem.severity,
                    count: 0,
                });
                self.counts.last_mut().expect("just pushed")
            }
        };
        entry.count += 1;
        if entry.count <= Self::DETAILS_PER_KIND {
            self.problems.push(problem);
        }
    }

    /// Puts the counts in report order (errors first, then by kind).
    pub(crate) fn finish(&mut self) {
        self.counts.sort_by_key(|c| (c.severity, c.kind));
    }

    /// Number of errors (rows left out may have more than one).
    pub fn errors(&self) -> u64 {
        self.counts
            .iter()
            .filter(|c| c.severity == Severity::Error)
            .map(|c| c.count)
            .sum()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> u64 {
        self.counts
            .iter()
            .filter(|c| c.severity == Severity::Warning)
            .map(|c| c.count)
            .sum()
    }

    /// The problems as CSV (UTF-8 with BOM, so Excel shows accents; `;` for Spanish Excel,
    /// `,` for English): row, column, value, problem, severity, message.
    pub fn to_csv(&self, lang: Lang) -> String {
        let delimiter = match lang {
            Lang::Es => b';',
            Lang::En => b',',
        };
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        let l = lang.code();
        let header = [
            t!("import.csv.row", locale = l),
            t!("import.csv.column", locale = l),
            t!("import.csv.value", locale = l),
            t!("import.csv.problem", locale = l),
            t!("import.csv.severity", locale = l),
            t!("import.csv.message", locale = l),
        ];
        w.write_record(header.iter().map(|h| h.as_ref()))
            .expect("writing to memory");
        for p in &self.problems {
            let severity = match p.severity {
                Severity::Error => t!("import.severity.error", locale = l),
                Severity::Warning => t!("import.severity.warning", locale = l),
            };
            w.write_record([
                p.row.to_string().as_str(),
                p.column.as_deref().unwrap_or(""),
                &p.value,
                &p.kind.title(lang),
                &severity,
                &p.message(lang),
            ])
            .expect("writing to memory");
        }
        let bytes = w.into_inner().expect("writing to memory");
        let mut out = String::from("\u{feff}");
        out.push_str(&String::from_utf8(bytes).expect("records are UTF-8"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(row: u32, kind: ProblemKind) -> Problem {
        Problem {
            row,
            column: Some("fecha".into()),
            value: "31/02/2024".into(),
            kind,
            severity: Severity::Error,
            related: None,
        }
    }

    #[test]
    fn messages_say_what_where_and_what_to_do() {
        let p = problem(12, ProblemKind::InvalidDate);
        assert_eq!(
            p.message(Lang::Es),
            "Fila 12, columna «fecha»: «31/02/2024» no es una fecha válida. Escríbala como dd/mm/aaaa. La fila no se importa."
        );
        assert!(
            p.message(Lang::En)
                .starts_with("Row 12, column “fecha”: “31/02/2024” is not a valid date.")
        );
    }

    #[test]
    fn counts_everything_but_keeps_limited_details() {
        let mut r = Report::default();
        for row in 0..(Report::DETAILS_PER_KIND as u32 + 5) {
            r.add(problem(row, ProblemKind::InvalidDate));
        }
        r.add(Problem {
            severity: Severity::Warning,
            ..problem(3, ProblemKind::ZeroAmount)
        });
        r.finish();
        assert_eq!(r.problems.len() as u64, Report::DETAILS_PER_KIND + 1);
        assert_eq!(r.errors(), Report::DETAILS_PER_KIND + 5);
        assert_eq!(r.warnings(), 1);
        assert_eq!(r.counts[0].kind, ProblemKind::InvalidDate);
    }

    #[test]
    fn csv_download_quotes_and_localises() {
        let mut r = Report::default();
        r.add(problem(4, ProblemKind::InvalidDate));
        let csv = r.to_csv(Lang::Es);
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("\u{feff}fila;columna;valor;problema;gravedad;mensaje")
        );
        assert!(lines.next().unwrap().starts_with(
            "4;fecha;31/02/2024;Fecha no válida;error (fila no importada);Fila 4, columna"
        ));
        assert!(
            r.to_csv(Lang::En)
                .contains("\n4,fecha,31/02/2024,Invalid date,error (row not imported),")
        );
    }
}
