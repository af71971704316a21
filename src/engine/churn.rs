//! The simple churn signal for refill cycles: overdue customers. Reference: seed `004_…`
//! ("identificar señales de abandono"); DOMAIN.md §6.

use serde::{Deserialize, Serialize};

/// Median of the gaps in days between consecutive purchase days (the mean of the two middle
/// gaps for an even count); `None` with fewer than two purchase occasions.
/// `gaps` is a scratch buffer, reused across customers to avoid an allocation each.
pub fn median_gap(purchase_days: &[i32], gaps: &mut Vec<i32>) -> Option<f64> {
    if purchase_days.len() < 2 {
        return None;
    }
    gaps.clear();
    gaps.extend(purchase_days.windows(2).map(|w| w[1] - w[0]));
    gaps.sort_unstable();
    let m = gaps.len() / 2;
    Some(if gaps.len() % 2 == 1 {
        f64::from(gaps[m])
    } else {
        f64::from(gaps[m - 1] + gaps[m]) / 2.0
    })
}

/// Overdue when the customer has ≥ `min_purchases` purchase occasions up to `as_of` and
/// `recency > factor × median gap`.
pub fn is_overdue(
    purchases: usize,
    recency: u32,
    median_gap: Option<f64>,
    min_purchases: u32,
    factor: f64,
) -> bool {
    purchases >= min_purchases as usize
        && median_gap.is_some_and(|g| f64::from(recency) > factor * g)
}

/// One overdue customer, for the follow-up list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueRow {
    /// Index into `Dataset::customer_ids`.
    pub customer: u32,
    /// Days since the last purchase occasion.
    pub recency: u32,
    /// Median inter-purchase gap in days.
    pub median_gap: f64,
    /// Days past the expected return, `recency − factor × median gap` (> 0).
    pub days_overdue: f64,
    /// Purchase occasions up to the analysis date (whole history).
    pub purchases: u32,
    /// Window value.
    pub value: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_gap_counts() {
        let mut buffer = Vec::new();
        assert_eq!(median_gap(&[0, 30, 50, 100], &mut buffer), Some(30.0)); // gaps 30, 20, 50
        assert_eq!(median_gap(&[0, 10, 40, 50, 90], &mut buffer), Some(20.0)); // 10, 30, 10, 40
        assert_eq!(median_gap(&[5], &mut buffer), None);
    }

    #[test]
    fn overdue_needs_three_purchases_and_twice_the_gap() {
        assert!(is_overdue(3, 61, Some(30.0), 3, 2.0));
        assert!(!is_overdue(3, 60, Some(30.0), 3, 2.0));
        assert!(!is_overdue(2, 500, Some(30.0), 3, 2.0));
    }
}
