//! `fideliza analyze`: import the files, run the engine, write `customers.csv` and `summary.json`.

use crate::cli::say;
use crate::inputs::import_all;
use crate::outputs::{write_customers, write_summary};
use fideliza::engine::{FitFailure, Params, Prepared};
use fideliza::import::FileKind;
use fideliza::model::{Day, date_from_day};
use std::path::PathBuf;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The files and settings of one analysis.
pub(crate) struct Request {
    pub files: Vec<(FileKind, PathBuf)>,
    pub as_of: Option<Day>,
    pub window_months: u32,
    pub skip_invalid: bool,
    pub out: PathBuf,
}

/// Today's civil date in UTC: the importer flags sales dated after it.
fn today() -> Day {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs / 86_400) as Day
}

/// Why a model has no numbers, in the user's words.
fn explain(model: &str, failure: &FitFailure) -> String {
    let why = match failure {
        FitFailure::TooFewRepeatBuyers {
            repeat_buyers,
            required,
        } => {
            format!(
                "solo {repeat_buyers} clientes con compras repetidas; se necesitan {required} (too few repeat buyers)"
            )
        }
        FitFailure::MeanSpendNotFinite => {
            "el gasto medio estimado no es finito (mean spend not finite)".to_owned()
        }
        FitFailure::DidNotConverge { reason, iterations } => {
            format!("no convergió tras {iterations} iteraciones (did not converge): {reason}")
        }
    };
    format!("aviso: modelo {model} sin ajustar, sus columnas quedan vacías: {why}")
}

/// Runs the analysis. Rows with errors stop it (exit 1) unless `skip_invalid`, after the report
/// has been printed and written, so the user sees what to fix.
pub(crate) fn run(request: &Request) -> Result<(), String> {
    let out = &request.out;
    std::fs::create_dir_all(out).map_err(|e| {
        format!(
            "no se pudo crear la carpeta {} (cannot create folder): {e}",
            out.display()
        )
    })?;
    let started = Instant::now();
    let files: Vec<(FileKind, &std::path::Path)> = request
        .files
        .iter()
        .map(|(k, p)| (*k, p.as_path()))
        .collect();
    let bound = request.as_of.map_or(today(), |d| d.max(today()));
    let (data, inputs) = import_all(&files, bound, out)?;
    let errors: u64 = inputs.iter().map(|i| i.errors).sum();
    if errors > 0 && !request.skip_invalid {
        return Err(format!(
            "errores de importación: {errors}; corrija los archivos o use --skip-invalid para analizar sin esas filas \
             (import errors: fix the files or pass --skip-invalid)"
        ));
    }
    if data.sales.is_empty() {
        return Err("no hay ventas válidas que analizar (no valid sales to analyse)".to_owned());
    }
    let imported = started.elapsed().as_secs_f64();
    let params = Params::default()
        .as_of(request.as_of)
        .window_months(request.window_months);
    let analysis = Prepared::new(&data).analyze(&params);
    let analysed = started.elapsed().as_secs_f64() - imported;

    let customers_path = out.join("customers.csv");
    write_customers(&customers_path, &data, &analysis).map_err(|e| {
        format!(
            "no se pudo escribir {} (cannot write): {e}",
            customers_path.display()
        )
    })?;
    let summary_path = out.join("summary.json");
    write_summary(&summary_path, &analysis, &params, &inputs).map_err(|e| {
        format!(
            "no se pudo escribir {} (cannot write): {e}",
            summary_path.display()
        )
    })?;
    if let Err(failure) = &analysis.models.bgnbd {
        say(&explain(
            "BG/NBD (p_alive, expected_purchases_90d, clv_12m)",
            failure,
        ));
    }
    if let Err(failure) = &analysis.models.gamma_gamma {
        say(&explain("Gamma-Gamma (expected_spend, clv_12m)", failure));
    }
    let k = &analysis.kpis;
    say(&format!(
        "Análisis al {} ({} meses): {} clientes activos de {}, valor {:.2}, ticket medio {:.2} (analysis)",
        date_from_day(analysis.as_of).format("%d/%m/%Y"),
        request.window_months,
        k.active_customers,
        analysis.customers.len(),
        k.value,
        k.average_ticket,
    ));
    say(&format!(
        "Importación {imported:.2} s, análisis {analysed:.2} s; escritos {} y {} (written)",
        customers_path.display(),
        summary_path.display()
    ));
    Ok(())
}
