//! Monthly trend of active customers, tickets (occasions) and value, and monthly cohort
//! retention. Calendar months; the analysis month counts up to `as_of` only.

use serde::{Deserialize, Serialize};

/// One month of the trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// Calendar year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Customers with at least one purchase occasion in the month.
    pub active_customers: usize,
    /// Purchase occasions (tickets) in the month.
    pub occasions: usize,
    /// Net value of every occasion in the month (returns subtract).
    pub value: f64,
}

/// One monthly cohort: the customers whose first purchase occasion fell in that month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// Calendar year of the first purchase.
    pub year: i32,
    /// Month 1–12 of the first purchase.
    pub month: u32,
    /// Cohort size.
    pub customers: usize,
    /// `active[k]`: cohort members with a purchase occasion in month `k` after the first
    /// (`active[0] = customers`), up to the analysis month.
    pub active: Vec<usize>,
    /// `retention[k] = active[k] / customers`.
    pub retention: Vec<f64>,
}
