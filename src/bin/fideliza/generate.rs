//! `fideliza generate`: the demo dataset written as four CSV files.

use crate::cli::say;
use fideliza::demo::{CsvDialect, CsvKind, DemoConfig, generate, write_csv};
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

/// What to generate and where.
pub(crate) struct Request {
    pub config: DemoConfig,
    pub dialect: CsvDialect,
    pub out: PathBuf,
}

/// Generates the dataset and streams each file through a buffered writer, printing rows, size
/// and time per file. Errors name the file and the operating system's reason.
pub(crate) fn run(request: &Request) -> Result<(), String> {
    let out = &request.out;
    fs::create_dir_all(out).map_err(|e| {
        format!(
            "no se pudo crear la carpeta {} (cannot create folder): {e}",
            out.display()
        )
    })?;
    let started = Instant::now();
    let data = generate(&request.config);
    say(&format!(
        "Generados {} clientes, {} líneas de venta, {} encuestas, {} quejas en {:.2} s (generated)",
        data.customers.len(),
        data.sales.len(),
        data.surveys.len(),
        data.complaints.len(),
        started.elapsed().as_secs_f64()
    ));
    let rows = [
        data.sales.len(),
        data.customers.len(),
        data.surveys.len(),
        data.complaints.len(),
    ];
    for (kind, rows) in CsvKind::ALL.into_iter().zip(rows) {
        let path = out.join(kind.file_name());
        let started = Instant::now();
        let fail = |e: std::io::Error| {
            format!("no se pudo escribir {} (cannot write): {e}", path.display())
        };
        let file = File::create(&path).map_err(fail)?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        write_csv(&data, kind, &request.dialect, &mut writer).map_err(fail)?;
        writer
            .into_inner()
            .map_err(|e| fail(e.into_error()))?
            .sync_all()
            .map_err(fail)?;
        let bytes = fs::metadata(&path).map_err(fail)?.len();
        say(&format!(
            "  {:<14} {rows:>9} filas  {:>8.1} MB  {:.2} s",
            kind.file_name(),
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        ));
    }
    say(&format!(
        "Listo en {:.2} s: {} (done)",
        started.elapsed().as_secs_f64(),
        out.display()
    ));
    Ok(())
}
