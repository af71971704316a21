//! Peppers & Rogers value classes: CMV (most valuable), CMP (most growable), BZ (below zero)
//! and migrants. Reference: Peppers & Rogers (1993/1999), seed `001_…`; DOMAIN.md §5.

use serde::{Deserialize, Serialize};

/// The classes one customer belongs to (a customer may be in several or none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueFlags {
    /// CMV: in the top `cmv_share` of active customers by profitability (margin, else value),
    /// ties included (mid-rank position from the top `(G + E/2)/n ≤ cmv_share`, `G` customers
    /// strictly better, `E` equal).
    pub cmv: bool,
    /// CMP: in the top `cmp_share` of customers with a prediction by growth gap
    /// (predicted 12-month value − last-12-month value, positive gaps only).
    pub cmp: bool,
    /// BZ: window margin − cost to serve × occasions < 0; `None` without margin data.
    pub bz: Option<bool>,
    /// Migrant: tier changed between the previous and the current window (new customers
    /// excluded: they arrived, they did not migrate).
    pub migrant: bool,
}

/// BZ (below zero): window `margin` − `cost_to_serve` × `occasions` < 0.
pub(crate) fn below_zero(margin: f64, occasions: u32, cost_to_serve: f64) -> bool {
    margin - cost_to_serve * f64::from(occasions) < 0.0
}

/// Customers and window value of one class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassSummary {
    /// Customers in the class.
    pub customers: usize,
    /// Σ window value of those customers.
    pub value: f64,
}

impl ClassSummary {
    /// Counts one customer.
    pub fn add(&mut self, value: f64) {
        self.customers += 1;
        self.value += value;
    }
}

/// Counts and values per class.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueClasses {
    /// Most valuable customers.
    pub cmv: ClassSummary,
    /// Most growable customers; `None` when no CLV could be predicted (see the model status).
    pub cmp: Option<ClassSummary>,
    /// Below zero; `None` = "needs margin data" (never approximated from value).
    pub bz: Option<ClassSummary>,
    /// Customers whose tier changed.
    pub migrants: ClassSummary,
}
