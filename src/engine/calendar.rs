//! Calendar arithmetic on [`Day`]s: windows of calendar months and month buckets.

use crate::model::{Day, date_from_day, day_from_date};
use chrono::{Datelike, Months};

/// `day` moved back by `months` calendar months, clamped to the end of a shorter month
/// (chrono's `checked_sub_months`: 2024-02-29 − 12 months = 2023-02-28).
pub fn months_before(day: Day, months: u32) -> Day {
    date_from_day(day)
        .checked_sub_months(Months::new(months))
        .map(day_from_date)
        .unwrap_or(Day::MIN)
}

/// The month of `day` as a running index `year · 12 + (month − 1)`.
pub fn month_index(day: Day) -> i32 {
    let d = date_from_day(day);
    d.year() * 12 + d.month0() as i32
}

/// `(year, month 1–12)` of a running month index.
pub fn year_month(index: i32) -> (i32, u32) {
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ymd;

    #[test]
    fn twelve_months_back_clamps_leap_day() {
        assert_eq!(
            months_before(ymd(2024, 2, 29).unwrap(), 12),
            ymd(2023, 2, 28).unwrap()
        );
        assert_eq!(
            months_before(ymd(2024, 3, 31).unwrap(), 1),
            ymd(2024, 2, 29).unwrap()
        );
        assert_eq!(
            months_before(ymd(2025, 1, 15).unwrap(), 24),
            ymd(2023, 1, 15).unwrap()
        );
    }

    #[test]
    fn month_index_round_trips() {
        let d = ymd(2025, 7, 19).unwrap();
        let m = month_index(d);
        assert_eq!(year_month(m), (2025, 7));
        assert_eq!(month_index(ymd(1969, 12, 31).unwrap()), 1969 * 12 + 11);
    }
}
