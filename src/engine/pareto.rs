//! Pareto curve of value concentration: cumulative share of value by customer rank.
//! Reference: the 80/20 rule the lectures use to single out the most valuable customers
//! (seed `001_…`, "clientes más valiosos"); DOMAIN.md §5.

use crate::engine::segments::share;
use serde::{Deserialize, Serialize};

/// One point of the Pareto curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParetoPoint {
    /// Share of active customers, best first (0..=1).
    pub customers_share: f64,
    /// Share of the total value they make (may leave 0..=1 when some values are negative).
    pub value_share: f64,
}

/// The Pareto curve and its headline figures over the customers active in the window.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pareto {
    /// 101 points at customer shares 0 %, 1 %, …, 100 % (empty when no customer is active).
    /// The point at share `s` uses the top `round(s·n)` customers by value.
    pub points: Vec<ParetoPoint>,
    /// The "top x %" (the parameter `pareto_top_share`).
    pub top_share: f64,
    /// "… make y % of value": the value share of the top `⌈x·n⌉` customers (0 when none).
    pub top_value_share: f64,
    /// The smallest share of customers (best first) making at least 80 % of the value;
    /// `None` when the total value is not positive.
    pub customers_for_80_percent: Option<f64>,
}

/// `values` sorted descending in [`f64::total_cmp`] order: the order [`pareto`] takes.
///
/// `ascending` is the [`argsort`](crate::radix::argsort) of their micro-unit keys
/// ([`value_words`](crate::engine::rfv::value_words)), which
/// the window stage also scores V with. Read backwards it never orders two values against
/// [`f64::total_cmp`] (rounding is monotone) but ties values closer than half a micro-unit;
/// an insertion pass then orders those ties exactly, moving nothing else.
pub fn by_value_desc(values: &[f64], ascending: &[u32]) -> Vec<f64> {
    let mut sorted: Vec<f64> = ascending
        .iter()
        .rev()
        .map(|&i| values[i as usize])
        .collect();
    for j in 1..sorted.len() {
        let mut k = j;
        while k > 0 && sorted[k - 1].total_cmp(&sorted[k]).is_lt() {
            sorted.swap(k - 1, k);
            k -= 1;
        }
    }
    sorted
}

/// Builds the Pareto curve from the active customers' window values, sorted descending
/// ([`by_value_desc`]).
///
/// Formula: `C(k) = Σ_{i ≤ k} v_(i) / Σ v` over the values sorted descending; the headline
/// is `C(⌈x·n⌉)`.
pub fn pareto(sorted: &[f64], top_share: f64) -> Pareto {
    let n = sorted.len();
    if n == 0 {
        return Pareto {
            points: Vec::new(),
            top_share,
            top_value_share: 0.0,
            customers_for_80_percent: None,
        };
    }
    let mut cumulative = Vec::with_capacity(n + 1);
    cumulative.push(0.0);
    let mut acc = 0.0;
    for v in sorted {
        acc += v;
        cumulative.push(acc);
    }
    let total = acc;
    let points = (0..=100)
        .map(|i| {
            let k = ((i as f64 / 100.0) * n as f64).round() as usize;
            ParetoPoint {
                customers_share: i as f64 / 100.0,
                value_share: share(cumulative[k], total),
            }
        })
        .collect();
    let top_k = ((top_share.clamp(0.0, 1.0) * n as f64).ceil() as usize).min(n);
    let customers_for_80_percent = (total > 0.0).then(|| {
        let k = cumulative
            .iter()
            .position(|&c| c >= 0.8 * total)
            .unwrap_or(n);
        k as f64 / n as f64
    });
    Pareto {
        points,
        top_share,
        top_value_share: share(cumulative[top_k], total),
        customers_for_80_percent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rfv::value_words;
    use crate::radix;
    use proptest::prelude::*;

    proptest! {
        /// Bit for bit a comparison sort, values closer than a micro-unit, signed zeros and
        /// infinities included.
        #[test]
        fn orders_like_total_cmp(values in proptest::collection::vec(prop_oneof![
            -1e6f64..1e6,
            (0u32..50).prop_map(|i| 100.0 + f64::from(i) * 1e-8),
            Just(0.0), Just(-0.0), Just(12.5), Just(f64::INFINITY), Just(f64::NEG_INFINITY),
        ], 0..300)) {
            let mut expected = values.clone();
            expected.sort_by(|a, b| b.total_cmp(a));
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            let order = radix::argsort(&value_words(&values));
            prop_assert_eq!(bits(&by_value_desc(&values, &order)), bits(&expected));
        }
    }

    #[test]
    fn five_customers_by_hand() {
        // Total 100; sorted 50, 30, 10, 5, 5. Top 20 % = ⌈1⌉ customer = 50 %.
        let values = [5.0, 30.0, 50.0, 10.0, 5.0];
        let order = radix::argsort(&value_words(&values));
        let p = pareto(&by_value_desc(&values, &order), 0.2);
        assert_eq!(p.top_value_share, 0.5);
        // 80 % needs 50 + 30 = 80 → 2 customers of 5.
        assert_eq!(p.customers_for_80_percent, Some(0.4));
        assert_eq!(p.points.len(), 101);
        assert_eq!(p.points[40].value_share, 0.8);
        assert_eq!(p.points[100].value_share, 1.0);
        assert_eq!(p.points[0].value_share, 0.0);
    }
}
