//! Small reusable components.

mod kpi_card;

pub use kpi_card::KpiCard;
