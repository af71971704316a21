//! Command-line grammar, help texts (Spanish first, English in parentheses) and exit codes.

use crate::{analyze, generate};
use clap::{Args, Parser, Subcommand, ValueEnum};
use fideliza::demo::DemoConfig;
use fideliza::import::FileKind;
use fideliza::model::{Day, day_from_date};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fideliza",
    version,
    about = "Fideliza: diagnóstico de fidelización de clientes (customer loyalty analytics)",
    long_about = "Fideliza: diagnóstico de fidelización de clientes (customer loyalty analytics).\n\n\
        Genera datos de demostración de una botica de Lima y analiza archivos de ventas, clientes, \
        encuestas y quejas con el mismo motor que la aplicación web: RFV, segmentos, pirámide de \
        lealtad, zonas de satisfacción, abandono y valor de vida del cliente.\n\
        (Generates demo data of a Lima pharmacy and analyses sales, customer, survey and \
        complaint files with the web app's engine.)",
    after_help = "Ejemplos (examples):\n  \
        fideliza generate --customers 2000 --out demo\n  \
        fideliza generate --customers 100000 --dialect plain --out bench\n  \
        fideliza analyze --sales demo/ventas.csv --customers demo/clientes.csv --out resultado"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Genera los CSV de demostración de una botica de Lima (generate the demo CSV files).
    #[command(
        long_about = "Genera los CSV de demostración de una botica de barrio en Lima (generate the demo CSV files): \
            ventas.csv, clientes.csv, encuestas.csv y quejas.csv. Con la misma semilla el resultado es \
            idéntico byte a byte (same seed, same bytes). Unas 10 líneas de venta por cliente: \
            --customers 100000 da alrededor de un millón de líneas (about 1M sales lines)."
    )]
    Generate(GenerateArgs),
    /// Analiza ventas, clientes, encuestas y quejas (analyse the files).
    #[command(
        long_about = "Analiza los archivos con el mismo importador y motor que la aplicación web (analyse the files \
            with the web app's importer and engine). Solo el archivo de ventas es obligatorio. Escribe en la carpeta \
            de salida customers.csv (una fila por cliente: recencia, frecuencia, valor, puntajes RFV, segmento, \
            nivel de la pirámide, zona de satisfacción…) y summary.json (todos los agregados). Los problemas de \
            importación se muestran con fila, columna, valor y motivo, y se guardan en import_report_<archivo>.csv; \
            si hay filas con errores el comando termina con error salvo con --skip-invalid.",
        after_help = "Ejemplo (example):\n  fideliza analyze --sales ventas.csv --customers clientes.csv \
            --surveys encuestas.csv --complaints quejas.csv --out resultado"
    )]
    Analyze(AnalyzeArgs),
}

/// File conventions of the written CSV.
#[derive(Clone, Copy, ValueEnum)]
enum Dialect {
    /// Como exporta un POS o Excel en Perú: Windows-1252, `;`, coma decimal, dd/mm/aaaa
    /// (Peruvian POS/Excel export).
    Pos,
    /// UTF-8, `,`, punto decimal, fechas ISO (plain UTF-8 CSV).
    Plain,
}

#[derive(Args)]
struct GenerateArgs {
    /// Número de clientes (number of customers), 1 a 1.000.000.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    customers: u32,
    /// Semilla: la misma semilla da los mismos datos (seed: same seed, same data).
    #[arg(long, default_value_t = DemoConfig::default().seed)]
    seed: u64,
    /// Formato de los archivos (file format).
    #[arg(long, value_enum, default_value_t = Dialect::Pos)]
    dialect: Dialect,
    /// Última fecha de venta, AAAA-MM-DD (last sale date).
    #[arg(long, default_value = "2026-10-31", value_parser = parse_date)]
    end: Day,
    /// Meses de historia (months of history), 1 a 120.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=120))]
    months: u32,
    /// Carpeta de salida; se crea si no existe (output folder, created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

#[derive(Args)]
struct AnalyzeArgs {
    /// Archivo de ventas, CSV o Excel (sales file, required).
    #[arg(long, value_name = "ARCHIVO")]
    sales: PathBuf,
    /// Ficha de clientes (customer file).
    #[arg(long, value_name = "ARCHIVO")]
    customers: Option<PathBuf>,
    /// Encuestas de satisfacción (survey file).
    #[arg(long, value_name = "ARCHIVO")]
    surveys: Option<PathBuf>,
    /// Quejas y reclamos (complaints file).
    #[arg(long, value_name = "ARCHIVO")]
    complaints: Option<PathBuf>,
    /// Fecha de análisis AAAA-MM-DD; por omisión, la última venta (analysis date; default: latest sale).
    #[arg(long, value_parser = parse_date)]
    as_of: Option<Day>,
    /// Meses de la ventana RFV (months in the RFV window), 1 a 120.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=120))]
    window_months: u32,
    /// Analizar sin las filas con errores en vez de detenerse (skip rows with errors instead of stopping).
    #[arg(long)]
    skip_invalid: bool,
    /// Carpeta de salida; se crea si no existe (output folder, created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<Day, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(day_from_date)
        .map_err(|_| {
            format!("fecha inválida «{text}»: use AAAA-MM-DD (invalid date, use YYYY-MM-DD)")
        })
}

/// Writes a line to standard output; a closed pipe is not an error worth a panic.
pub(crate) fn say(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Parses the arguments, runs the command, reports failures on stderr: exit 0 on success,
/// 1 when the command failed, 2 for a usage error (clap's convention).
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(&generate::Request {
            config: DemoConfig {
                seed: args.seed,
                customers: args.customers as usize,
                end: args.end,
                months: args.months,
            },
            dialect: match args.dialect {
                Dialect::Pos => fideliza::demo::CsvDialect::pos_peru(),
                Dialect::Plain => fideliza::demo::CsvDialect::plain(),
            },
            out: args.out,
        }),
        Command::Analyze(args) => {
            let optional = [
                (FileKind::Customers, args.customers),
                (FileKind::Surveys, args.surveys),
                (FileKind::Complaints, args.complaints),
            ];
            let mut files = vec![(FileKind::Sales, args.sales)];
            files.extend(
                optional
                    .into_iter()
                    .filter_map(|(kind, path)| path.map(|p| (kind, p))),
            );
            analyze::run(&analyze::Request {
                files,
                as_of: args.as_of,
                window_months: args.window_months,
                skip_invalid: args.skip_invalid,
                out: args.out,
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::FAILURE
        }
    }
}
