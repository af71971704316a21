//! # Fideliza
//!
//! Loyalty analytics that run entirely in the browser: a customer's sales, customer and survey
//! files become RFV scores and segments, the loyalty pyramid, satisfaction zones, churn signals
//! and lifetime value (definitions: `DOMAIN.md` of the project brief, summarised in the README).
//!
//! ## Module map
//! - [`model`]: the plain data shared by every layer (sales, customers, surveys, complaints).
//! - [`engine`]: pure analytics — no browser crate, no clock, no I/O.
//! - [`import`]: pure importer — bytes of CSV/XLSX in, a [`model::Dataset`] and a problem report out.
//! - [`campaigns`]: campaign target lists (filters, suggestions, saved campaigns, CSV by consent).
//! - [`customer_card`]: the customer card (ficha): profile, tickets, surveys, complaints, suggested action.
//! - [`customer_list`]: the customer list (drill-down target): filter, search, sort, totals, CSV.
//! - [`dashboard`]: what the Resumen shows as one value, stored with the data so a reopen shows it at once.
//! - [`codec`]: binary encoding of a dataset (columnar sales chunks) for storage and backup.
//! - [`i18n`]: the interface texts in Spanish and English (`locales/*.yml`, through rust-i18n).
//! - [`findings`]: the headline findings of the summary, written in plain words from the numbers.
//! - [`slides`]: the diagnosis as slides and report sections: which exist for an analysis, their charts.
//! - `radix`: the stable radix sort behind the engine's rankings and the importer's duplicate lines.
//! - [`format`]: numbers, money, percentages and dates in Spanish (es-PE) and English.
//! - [`charts`]: pure chart builders (engine results → ECharts options).
//! - [`selection`]: the customer groups a chart element names (drill-down), in the address bar.
//! - [`settings`]: the Ajustes rules: acceptable parameters, refusals, remembered settings.
//! - [`table_csv`]: any diagnosis table as CSV for Excel, numbers unformatted.
//! - [`demo`]: the deterministic demo/benchmark dataset generator (a Lima neighbourhood pharmacy).
//! - [`workspace`]: workspaces, their import history and the backup file format.
//! - [`worker`]: the import worker — its message contract and its (pure) work.
//! - `storage` (wasm only): the one module that touches IndexedDB.
//! - `ui` (wasm only): the Leptos app — pages, components and chart builders.

pub mod campaigns;
pub mod charts;
pub mod codec;
pub mod customer_card;
pub mod customer_filter;
pub mod customer_list;
pub mod dashboard;
pub mod demo;
pub mod engine;
pub mod findings;
pub mod format;
pub mod i18n;
pub mod import;
pub mod model;
mod optional;
mod radix;
pub mod selection;
pub mod settings;
pub mod slides;
pub mod table_csv;
pub mod worker;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

// The interface texts (`locales/*.yml`), compiled in; Spanish is the fallback.
rust_i18n::i18n!("locales", fallback = "es");
