//! Small reusable components.

mod kpi_card;
mod table_csv;

pub use kpi_card::KpiCard;
pub use table_csv::TableCsv;
