//! The import worker's work, without the worker: keeps the tables of inspected files and turns
//! [`Request`](super::Request)s into results. Pure (bytes in, values out), so it is tested
//! natively; `host.rs` only moves messages and files in and out of it.

use super::protocol::{FileId, FileReport, ImportMode, Inspection, ParseSpec, Step};
use crate::engine::{self, FitInputs, FitRecord, Params, Prepared};
use crate::import::{self, FileKind, Hooks, ImportError, Progress, ReadOptions, Table};
use crate::model::{Dataset, Day, Dict, SatisfactionScale};
use std::collections::HashMap;

/// Rows shown under the mapping of each file.
pub const PREVIEW_ROWS: usize = 5;

/// The order files are checked in: customers first, so that sales, surveys and complaints are
/// checked against the customer file imported with them.
const KIND_ORDER: [FileKind; 4] = [
    FileKind::Customers,
    FileKind::Sales,
    FileKind::Surveys,
    FileKind::Complaints,
];

/// The worker's state: the decoded tables of the files being imported.
#[derive(Default)]
pub struct Session {
    tables: HashMap<FileId, Table>,
}

impl Session {
    /// Reads `bytes` (a dropped file named `name`), keeps its table under `file` and describes it.
    /// `on_progress` hears about the reading step.
    pub fn inspect(
        &mut self,
        file: FileId,
        name: &str,
        bytes: &[u8],
        options: &ReadOptions,
        on_progress: &mut dyn FnMut(Step, Progress),
    ) -> Result<Inspection, ImportError> {
        let sheets = import::sheet_names(bytes, name)?;
        let mut report = |p| on_progress(Step::Reading, p);
        let table = import::read_table_with(
            bytes,
            name,
            options,
            &mut Hooks {
                on_progress: Some(&mut report),
                cancel: None,
            },
        )?;
        let inspection = describe(file, sheets, &table, Some(table.len() as u64));
        self.tables.insert(file, table);
        Ok(inspection)
    }

    /// A first look at a large file from `head`, its first bytes ([`import::read_head`]): what
    /// [`Session::inspect`] will say of the whole file, but for the row count (unknown yet) and
    /// perhaps the encoding. `None` when a head cannot tell (a workbook, UTF-16 text…).
    pub fn glance(
        file: FileId,
        name: &str,
        head: &[u8],
        options: &ReadOptions,
    ) -> Option<Inspection> {
        let table = import::read_head(head, name, options)?;
        Some(describe(file, Vec::new(), &table, None))
    }

    /// The models of a parse's merged dataset at `params`' analysis date (the slow part of a
    /// first analysis: the BG/NBD and Gamma-Gamma fits), for the page to store and seed its own
    /// [`Prepared`] with.
    pub fn fit(data: &Dataset, params: &Params) -> FitRecord {
        Prepared::new(data).fit_for(params)
    }

    /// The models fitted on inputs the page sent as bytes ([`FitInputs::to_bytes`]); `Err`
    /// when they are damaged. Needs no dataset: the worker serves a new analysis date at any
    /// time, not only after an import.
    pub fn fit_inputs(bytes: &[u8]) -> Result<FitRecord, String> {
        Ok(engine::fit(&FitInputs::from_bytes(bytes)?))
    }

    /// Forgets a file's table.
    pub fn forget(&mut self, file: FileId) {
        self.tables.remove(&file);
    }

    /// Checks the files of `specs` and merges them into a copy of `base`: customers first, then
    /// sales, surveys and complaints (each kind's files in the order given). In
    /// [`ImportMode::Replace`] the stored rows of every kind being imported are dropped first.
    /// Fails as a whole on the first file that cannot be checked (`Err` names it).
    pub fn parse(
        &self,
        specs: &[ParseSpec],
        base: &Dataset,
        mode: ImportMode,
        today: Day,
        on_progress: &mut dyn FnMut(FileId, Step, Progress),
    ) -> Result<(Dataset, Vec<FileReport>), (Option<FileId>, ImportError)> {
        let mut data = base.clone();
        if mode == ImportMode::Replace {
            for spec in specs {
                clear_kind(&mut data, spec.mapping.kind);
            }
        }
        let mut reports = Vec::with_capacity(specs.len());
        for kind in KIND_ORDER {
            for spec in specs.iter().filter(|s| s.mapping.kind == kind) {
                let Some(table) = self.tables.get(&spec.file) else {
                    return Err((
                        Some(spec.file),
                        ImportError::Unreadable {
                            file: format!("#{}", spec.file),
                            reason: "the worker no longer holds this file".into(),
                        },
                    ));
                };
                let mut report = |p| on_progress(spec.file, Step::Checking, p);
                let parsed = import::parse_with(
                    table,
                    &spec.mapping,
                    &data,
                    today,
                    &mut Hooks {
                        on_progress: Some(&mut report),
                        cancel: None,
                    },
                )
                .map_err(|e| (Some(spec.file), e))?;
                data = parsed.data;
                reports.push(FileReport {
                    file: spec.file,
                    kind,
                    report: parsed.report,
                });
            }
        }
        Ok((data, reports))
    }
}

/// What the mapping screen shows of `table` (with `rows` data rows, when known).
fn describe(file: FileId, sheets: Vec<String>, table: &Table, rows: Option<u64>) -> Inspection {
    let guessed = import::guess_kind(&table.headers);
    Inspection {
        file,
        source: table.source.clone(),
        sheets,
        headers: table.headers.clone(),
        guessed,
        mapping: import::auto_mapping(guessed.unwrap_or(FileKind::Sales), &table.headers),
        preview: import::preview(table, PREVIEW_ROWS),
        rows,
    }
}

/// Drops the rows of one kind from `data` (and the dictionaries only that kind uses).
pub fn clear_kind(data: &mut Dataset, kind: FileKind) {
    match kind {
        FileKind::Customers => data.customers.clear(),
        FileKind::Sales => {
            data.sales.clear();
            for dict in [
                &mut data.tickets,
                &mut data.products,
                &mut data.categories,
                &mut data.stores,
                &mut data.channels,
                &mut data.payments,
            ] {
                *dict = Dict::new();
            }
        }
        FileKind::Surveys => {
            data.surveys.clear();
            data.servqual_dimensions.clear();
            data.survey_scale = SatisfactionScale::OneToFive;
        }
        FileKind::Complaints => data.complaints.clear(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Field;
    use crate::model::ymd;

    const SALES: &[u8] = b"Cliente;Fecha;Importe\n007;05/02/2024;10,50\n008;06/02/2024;abc\n";
    const CUSTOMERS: &[u8] = b"cod_cliente;nombre\n007;Ana\n";

    fn today() -> Day {
        ymd(2024, 3, 1).unwrap()
    }

    fn inspected(session: &mut Session, file: FileId, name: &str, bytes: &[u8]) -> Inspection {
        session
            .inspect(file, name, bytes, &ReadOptions::default(), &mut |_, _| {})
            .unwrap()
    }

    #[test]
    fn inspect_guesses_kind_and_mapping_and_keeps_the_table() {
        let mut session = Session::default();
        let mut steps = Vec::new();
        let info = session
            .inspect(
                1,
                "ventas.csv",
                SALES,
                &ReadOptions::default(),
                &mut |s, p| steps.push((s, p.rows)),
            )
            .unwrap();
        assert_eq!(info.guessed, Some(FileKind::Sales));
        assert_eq!(info.headers, ["Cliente", "Fecha", "Importe"]);
        assert_eq!(info.mapping.columns[2], Some(Field::Amount));
        assert_eq!(info.preview[1], ["008", "06/02/2024", "abc"]);
        assert_eq!(info.rows, Some(2));
        assert!(info.sheets.is_empty());
        assert_eq!(steps.last().map(|s| s.0), Some(Step::Reading));
        assert!(session.tables.contains_key(&1));
        session.forget(1);
        assert!(session.tables.is_empty());
    }

    #[test]
    fn a_glance_at_a_files_head_is_its_inspection_but_for_the_row_count() {
        let mut bytes = b"Cliente;Fecha;Importe\n".to_vec();
        for i in 0..20_000 {
            bytes.extend(format!("{i:05};05/02/2024;10,50\n").as_bytes());
        }
        let head = &bytes[..import::HEAD_BYTES.min(bytes.len() / 2)];
        let first = Session::glance(3, "ventas.csv", head, &ReadOptions::default()).unwrap();
        let mut session = Session::default();
        let whole = inspected(&mut session, 3, "ventas.csv", &bytes);
        assert_eq!((first.rows, whole.rows), (None, Some(20_000)));
        assert_eq!(
            Inspection {
                rows: None,
                ..whole
            },
            first
        );
    }

    #[test]
    fn parse_checks_customers_before_sales_and_reports_each_file() {
        let mut session = Session::default();
        let sales = inspected(&mut session, 1, "ventas.csv", SALES);
        let customers = inspected(&mut session, 2, "clientes.csv", CUSTOMERS);
        // Given in the "wrong" order: the customer file must still be checked first.
        let specs = [
            ParseSpec {
                file: 1,
                mapping: sales.mapping,
            },
            ParseSpec {
                file: 2,
                mapping: customers.mapping,
            },
        ];
        let mut checked = Vec::new();
        let (data, reports) = session
            .parse(
                &specs,
                &Dataset::default(),
                ImportMode::Replace,
                today(),
                &mut |f, s, _| checked.push((f, s)),
            )
            .unwrap();
        assert_eq!(reports.iter().map(|r| r.file).collect::<Vec<_>>(), [2, 1]);
        assert_eq!(checked.first(), Some(&(2, Step::Checking)));
        assert_eq!(data.customers.len(), 1);
        assert_eq!(data.sales.len(), 1, "the row with amount «abc» is left out");
        assert_eq!(reports[1].report.rows_read, 2);
        assert_eq!(reports[1].report.rows_valid, 1);
        assert_eq!(reports[1].report.errors(), 1);
    }

    #[test]
    fn replace_drops_the_kind_and_append_adds_to_it() {
        let mut session = Session::default();
        let sales = inspected(&mut session, 1, "ventas.csv", SALES);
        let specs = [ParseSpec {
            file: 1,
            mapping: sales.mapping,
        }];
        let parse = |base: &Dataset, mode| {
            session
                .parse(&specs, base, mode, today(), &mut |_, _, _| {})
                .unwrap()
                .0
        };
        let once = parse(&Dataset::default(), ImportMode::Replace);
        assert_eq!(parse(&once, ImportMode::Replace).sales, once.sales);
        assert_eq!(parse(&once, ImportMode::Append).sales.len(), 2);
    }

    #[test]
    fn a_missing_column_or_file_fails_naming_the_file() {
        let mut session = Session::default();
        let mut sales = inspected(&mut session, 1, "ventas.csv", SALES);
        sales.mapping.columns[2] = None;
        let failed = session.parse(
            &[ParseSpec {
                file: 1,
                mapping: sales.mapping.clone(),
            }],
            &Dataset::default(),
            ImportMode::Replace,
            today(),
            &mut |_, _, _| {},
        );
        assert!(matches!(
            failed,
            Err((Some(1), ImportError::MissingColumns { .. }))
        ));
        let unknown = session.parse(
            &[ParseSpec {
                file: 9,
                mapping: sales.mapping,
            }],
            &Dataset::default(),
            ImportMode::Replace,
            today(),
            &mut |_, _, _| {},
        );
        assert!(matches!(
            unknown,
            Err((Some(9), ImportError::Unreadable { .. }))
        ));
    }

    #[test]
    fn the_worker_fit_seeds_the_page_analysis() {
        let data = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 400,
            seed: 7,
            ..Default::default()
        });
        let params = Params::default().window_months(6);
        // The record crosses the worker boundary as JSON inside the response.
        let sent = super::super::Response::Fitted {
            fit: Session::fit(&data, &params),
        };
        let super::super::Response::Fitted { fit: record } =
            super::super::Response::from_json(&sent.to_json()).unwrap()
        else {
            panic!("a Fitted response with a fit");
        };
        // The page's dataset is the worker's after the codec (what is sent and stored).
        let encoded = crate::codec::encode(&data);
        let decoded = crate::codec::decode(&encoded.meta, &encoded.sales_chunks).unwrap();
        let page = Prepared::new(&decoded);
        assert!(page.seed_fit(record));
        assert_eq!(page.analyze(&params), Prepared::new(&data).analyze(&params));
    }

    #[test]
    fn the_worker_fits_a_new_date_from_the_pages_inputs() {
        let data = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 400,
            seed: 3,
            ..Default::default()
        });
        let page = Prepared::new(&data);
        let last = page.analyze(&Params::default()).as_of;
        let params = Params::default().as_of(Some(last - 60));
        assert_eq!(page.fitted(&params), None);
        let record = Session::fit_inputs(&page.fit_inputs(&params).to_bytes()).unwrap();
        let sent = super::super::Response::Fitted { fit: record };
        let super::super::Response::Fitted { fit: record } =
            super::super::Response::from_json(&sent.to_json()).unwrap()
        else {
            panic!("a Fitted response with a fit");
        };
        assert!(page.seed_fit(record));
        assert!(page.fitted(&params).is_some());
        assert_eq!(page.analyze(&params), Prepared::new(&data).analyze(&params));
        assert!(Session::fit_inputs(b"FZI1 too short").is_err());
    }

    #[test]
    fn clearing_sales_keeps_customers_and_surveys() {
        let mut data = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 30,
            ..Default::default()
        });
        let customers = data.customers.clone();
        let surveys = data.surveys.clone();
        clear_kind(&mut data, FileKind::Sales);
        assert!(data.sales.is_empty() && data.tickets.is_empty());
        assert_eq!((data.customers, data.surveys), (customers, surveys));
    }
}
