//! Small reusable components.

mod filter_panel;
mod kpi_card;
mod table_csv;

pub use filter_panel::FilterPanel;
pub use kpi_card::KpiCard;
pub use table_csv::TableCsv;
