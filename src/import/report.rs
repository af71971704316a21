//! The validation report shown before anything is stored: row counts and every problem with its
//! row, column, value and a plain-language reason; downloadable as CSV.

use super::Lang;
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
    pub fn title(self, lang: Lang) -> &'static str {
        use ProblemKind::*;
        match self {
            MissingValue => lang.pick("Valor vacío", "Empty value"),
            InvalidNumber => lang.pick("Número no válido", "Invalid number"),
            InvalidDate => lang.pick("Fecha no válida", "Invalid date"),
            FutureDate => lang.pick("Fecha futura", "Future date"),
            ImplausibleDate => lang.pick("Fecha fuera de rango", "Date out of range"),
            NegativeAmount => {
                lang.pick("Devolución (importe negativo)", "Return (negative amount)")
            }
            ZeroAmount => lang.pick("Importe cero", "Zero amount"),
            DuplicateRow => lang.pick("Línea duplicada", "Duplicate line"),
            UnknownCustomer => lang.pick("Cliente no registrado", "Customer not in customer file"),
            DuplicateCustomer => lang.pick("Cliente repetido", "Repeated customer"),
            ScoreOutOfScale => lang.pick("Puntaje fuera de escala", "Score out of scale"),
            InvalidValue => lang.pick("Valor no reconocido", "Unrecognised value"),
            ExtraCells => lang.pick("Celdas de más", "Extra cells"),
        }
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
        let es = lang == Lang::Es;
        let place = match (&self.column, es) {
            (Some(c), true) => format!("Fila {}, columna «{c}»", self.row),
            (Some(c), false) => format!("Row {}, column “{c}”", self.row),
            (None, true) => format!("Fila {}", self.row),
            (None, false) => format!("Row {}", self.row),
        };
        let v = &self.value;
        let related = self.related.unwrap_or(0);
        let what = match (self.kind, es) {
            (MissingValue, true) => {
                "está vacía; este dato es obligatorio. Complételo en el archivo.".to_owned()
            }
            (MissingValue, false) => {
                "is empty; this value is required. Fill it in in the file.".to_owned()
            }
            (InvalidNumber, true) => {
                format!("«{v}» no es un número. Escriba solo cifras, p. ej. 1234,50.")
            }
            (InvalidNumber, false) => {
                format!("“{v}” is not a number. Write digits only, e.g. 1234.50.")
            }
            (InvalidDate, true) => {
                format!("«{v}» no es una fecha válida. Escríbala como dd/mm/aaaa.")
            }
            (InvalidDate, false) => {
                format!("“{v}” is not a valid date. Write it as dd/mm/yyyy or yyyy-mm-dd.")
            }
            (FutureDate, true) => {
                format!("«{v}» es una fecha futura. Revise el año o el orden día/mes.")
            }
            (FutureDate, false) => {
                format!("“{v}” is in the future. Check the year or the day/month order.")
            }
            (ImplausibleDate, true) => {
                format!("«{v}» está fuera de un rango de fechas posible. Revise el año.")
            }
            (ImplausibleDate, false) => {
                format!("“{v}” is outside any plausible date range. Check the year.")
            }
            (NegativeAmount, true) => {
                format!(
                    "«{v}» es negativo: se toma como devolución y se descuenta del valor del cliente."
                )
            }
            (NegativeAmount, false) => {
                format!(
                    "“{v}” is negative: it is taken as a return and netted against the customer's value."
                )
            }
            (ZeroAmount, true) => {
                "el importe es cero. Si no hubo venta, quite la línea.".to_owned()
            }
            (ZeroAmount, false) => {
                "the amount is zero. If there was no sale, remove the line.".to_owned()
            }
            (DuplicateRow, true) => {
                format!(
                    "la línea es idéntica a la fila {related}. Si es un error, borre una de las dos."
                )
            }
            (DuplicateRow, false) => {
                format!(
                    "the line is identical to row {related}. If it is a mistake, delete one of them."
                )
            }
            (UnknownCustomer, true) => {
                format!(
                    "el cliente «{v}» no está en el archivo de clientes. Agréguelo o revise el código."
                )
            }
            (UnknownCustomer, false) => {
                format!("customer “{v}” is not in the customer file. Add them or check the id.")
            }
            (DuplicateCustomer, true) => {
                format!(
                    "el cliente «{v}» ya aparece en la fila {related}. Deje una sola fila por cliente."
                )
            }
            (DuplicateCustomer, false) => {
                format!(
                    "customer “{v}” already appears on row {related}. Keep one row per customer."
                )
            }
            (ScoreOutOfScale, true) => {
                format!("«{v}» está fuera de la escala (máximo {related}). Revise el puntaje.")
            }
            (ScoreOutOfScale, false) => {
                format!("“{v}” is outside the scale (maximum {related}). Check the score.")
            }
            (InvalidValue, true) => {
                format!("«{v}» no es un valor reconocido. Use uno de los valores de la lista.")
            }
            (InvalidValue, false) => {
                format!("“{v}” is not a recognised value. Use one of the listed values.")
            }
            (ExtraCells, true) => format!(
                "tiene más celdas que encabezados («{v}» sobra): probablemente un separador dentro de un valor sin comillas. Corrija esa línea."
            ),
            (ExtraCells, false) => format!(
                "has more cells than headers (“{v}” is extra): probably a delimiter inside an unquoted value. Fix that line."
            ),
        };
        let outcome = match (self.severity, es) {
            (Severity::Error, true) => " La fila no se importa.",
            (Severity::Error, false) => " The row is not imported.",
            (Severity::Warning, _) => "",
        };
        format!("{place}: {what}{outcome}")
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
        let header = match lang {
            Lang::Es => [
                "fila", "columna", "valor", "problema", "gravedad", "mensaje",
            ],
            Lang::En => ["row", "column", "value", "problem", "severity", "message"],
        };
        w.write_record(header).expect("writing to memory");
        for p in &self.problems {
            let severity = match p.severity {
                Severity::Error => {
                    lang.pick("error (fila no importada)", "error (row not imported)")
                }
                Severity::Warning => lang.pick("aviso", "warning"),
            };
            w.write_record([
                p.row.to_string().as_str(),
                p.column.as_deref().unwrap_or(""),
                &p.value,
                p.kind.title(lang),
                severity,
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
