//! Settings of the demo generator and the date window they imply.

use crate::model::{Day, date_from_day, day_from_date, ymd};
use chrono::Months;

/// What to generate: the seed fixes every random draw, so equal configs give equal datasets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoConfig {
    /// Seed of every random draw.
    pub seed: u64,
    /// Number of customers in the customer file (each buys at least once).
    pub customers: usize,
    /// Last possible sale date (fixed: the generator never reads a clock).
    pub end: Day,
    /// Length of the sales history in calendar months, ending on `end` (0 is read as 1).
    pub months: u32,
}

impl Default for DemoConfig {
    /// The demo the web app loads: 2,000 customers, 24 months up to 2026-10-31.
    fn default() -> Self {
        DemoConfig {
            seed: 20_261_031,
            customers: 2_000,
            end: ymd(2026, 10, 31).expect("valid date"),
            months: 24,
        }
    }
}

/// The closed range of days the history covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    /// First day with sales: `months` calendar months before `end`, plus one day.
    pub start: Day,
    /// Last day with sales.
    pub end: Day,
}

impl Window {
    /// The window of a configuration.
    pub fn of(cfg: &DemoConfig) -> Window {
        let end = date_from_day(cfg.end);
        let start = end
            .checked_sub_months(Months::new(cfg.months.max(1)))
            .map_or(cfg.end - 30 * cfg.months.max(1) as i32, day_from_date)
            + 1;
        Window {
            start,
            end: cfg.end,
        }
    }
}
