//! Reading the input files of `fideliza analyze` through the importer, with the app's report.

use crate::cli::say;
use fideliza::i18n::plural;
use fideliza::import::{self, FileKind, Lang, ReadOptions, Report, Severity};
use fideliza::model::{Dataset, Day};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Error rows shown in detail on the terminal per file; the full list goes to the report CSV.
const ERRORS_SHOWN: usize = 20;

/// What one input file gave, for the terminal and for `summary.json`.
#[derive(Serialize)]
pub(crate) struct InputSummary {
    pub file: String,
    pub kind: &'static str,
    pub rows_read: u64,
    pub rows_imported: u64,
    pub errors: u64,
    pub warnings: u64,
}

/// Imports the given files in the order the importer needs (customers before sales, so sales
/// are checked against the customer file), printing each file's report and writing the full
/// problem list as `import_report_<file>.csv` in `out`. Returns the dataset and the summaries;
/// fails on a file that cannot be read at all.
pub(crate) fn import_all(
    files: &[(FileKind, &Path)],
    today: Day,
    out: &Path,
) -> Result<(Dataset, Vec<InputSummary>), String> {
    let mut data = Dataset::default();
    let mut summaries = Vec::new();
    for kind in [
        FileKind::Customers,
        FileKind::Sales,
        FileKind::Surveys,
        FileKind::Complaints,
    ] {
        for (_, path) in files.iter().filter(|(k, _)| *k == kind) {
            let (next, summary) = import_one(kind, path, &data, today, out)?;
            data = next;
            summaries.push(summary);
        }
    }
    Ok((data, summaries))
}

fn import_one(
    kind: FileKind,
    path: &Path,
    into: &Dataset,
    today: Day,
    out: &Path,
) -> Result<(Dataset, InputSummary), String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(path)
        .map_err(|e| format!("no se pudo leer {} (cannot read): {e}", path.display()))?;
    let table = import::read_table(&bytes, &name, &ReadOptions::default())
        .map_err(|e| e.message(Lang::Es))?;
    let mapping = import::auto_mapping(kind, &table.headers);
    let parsed = import::parse(&table, &mapping, into, today)
        .map_err(|e| format!("{name}: {}", e.message(Lang::Es)))?;
    let report = &parsed.report;
    print_report(&name, report);
    if !report.problems.is_empty() {
        let report_path: PathBuf = out.join(format!(
            "import_report_{}.csv",
            name.trim_end_matches(".csv")
        ));
        std::fs::write(&report_path, report.to_csv(Lang::Es)).map_err(|e| {
            format!(
                "no se pudo escribir {} (cannot write): {e}",
                report_path.display()
            )
        })?;
        say(&format!(
            "  informe completo (full report): {}",
            report_path.display()
        ));
    }
    let summary = InputSummary {
        file: path.display().to_string(),
        kind: kind.name_en(),
        rows_read: report.rows_read,
        rows_imported: report.rows_valid,
        errors: report.errors(),
        warnings: report.warnings(),
    };
    Ok((parsed.data, summary))
}

/// The report as the app's import screen shows it: counts per problem, then each error row
/// with its row, column, value and reason.
fn print_report(name: &str, report: &Report) {
    say(&plural(
        format!(
            "{name}: {} [read:fila leída|filas leídas], {} [valid:importada|importadas] (rows read, imported)",
            report.rows_read, report.rows_valid
        ),
        &[
            ("read", report.rows_read as usize),
            ("valid", report.rows_valid as usize),
        ],
    ));
    for count in &report.counts {
        let severity = match count.severity {
            Severity::Error => "error, filas no importadas",
            Severity::Warning => "aviso",
        };
        say(&format!(
            "  {:>9} × {} ({severity})",
            count.count,
            count.kind.title(Lang::Es)
        ));
    }
    let errors: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    for problem in errors.iter().take(ERRORS_SHOWN) {
        say(&format!("    {}", problem.message(Lang::Es)));
    }
    let total = report.errors() as usize;
    if total > ERRORS_SHOWN {
        say(&format!(
            "    … y {} errores más (and more)",
            total - ERRORS_SHOWN
        ));
    }
}
