//! The import worker's entry point (built for wasm32 by Trunk as a Web Worker).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    fideliza::worker::host::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fideliza-worker runs inside the browser app (see README.md)");
    std::process::exit(2);
}
