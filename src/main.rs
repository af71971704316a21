//! The browser app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(fideliza::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("fideliza-web is the browser app: serve it with scripts/serve.sh (see README.md)");
    std::process::exit(2);
}
