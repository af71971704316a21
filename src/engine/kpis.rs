//! Headline figures of the analysis window (DOMAIN.md §2).

use serde::{Deserialize, Serialize};

/// Headline figures over the customers active in the window (≥ 1 purchase occasion).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Customers with at least one purchase occasion in the window.
    pub active_customers: usize,
    /// Σ window value of the active customers (net of returns).
    pub value: f64,
    /// Σ frequency: purchase occasions in the window.
    pub occasions: usize,
    /// `value / occasions` (0 when there is none).
    pub average_ticket: f64,
    /// `occasions / active_customers` (0 when there is none).
    pub purchases_per_customer: f64,
    /// Share of the previous window's active customers still active in this window;
    /// `None` when the previous window had no active customer.
    pub retention_rate: Option<f64>,
    /// Share of value made by the top `pareto_top_share` (default 20 %) of active customers.
    pub top20_value_share: f64,
}
