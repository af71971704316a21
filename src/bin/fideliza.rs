//! `fideliza`: the native command line on the same generator, importer and engine as the web app.
//!
//! - `fideliza generate` writes the demo/benchmark CSV files (ventas, clientes, encuestas, quejas);
//! - `fideliza analyze` imports such files and writes `customers.csv` and `summary.json`.
//!
//! Built for wasm32 too (the crate is one package), where it does nothing.

#[cfg(not(target_arch = "wasm32"))]
#[path = "fideliza/analyze.rs"]
mod analyze;
#[cfg(not(target_arch = "wasm32"))]
#[path = "fideliza/cli.rs"]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
#[path = "fideliza/generate.rs"]
mod generate;
#[cfg(not(target_arch = "wasm32"))]
#[path = "fideliza/inputs.rs"]
mod inputs;
#[cfg(not(target_arch = "wasm32"))]
#[path = "fideliza/outputs.rs"]
mod outputs;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
