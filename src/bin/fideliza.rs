//! `fideliza`: the native command line on the same importer and engine as the web app.
fn main() {}
