//! RFV (recencia, frecuencia, valor) scores 1–5, the RFV code, score distributions and the
//! R×F heatmap. Reference: DOMAIN.md §2 (the RFM model of seed `000_…`).

use crate::engine::params::Scoring;
use crate::radix;
use serde::{Deserialize, Serialize};

/// A customer's R, F and V scores, each in 1..=5 (5 = best; recency reversed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scores {
    /// Recency score: 5 = most recent.
    pub r: u8,
    /// Frequency score: 5 = most occasions.
    pub f: u8,
    /// Value score: 5 = most value.
    pub v: u8,
}

impl Scores {
    /// The RFV code as a three-digit number, `100·R + 10·F + V` (e.g. 545).
    pub fn code(&self) -> u16 {
        100 * u16::from(self.r) + 10 * u16::from(self.f) + u16::from(self.v)
    }
}

/// Quintile scores of `keys` (higher key = better), ties sharing a score.
///
/// Formula (see [`Scoring::Quintiles`]): with `n = keys.len()`, `L` keys strictly below and
/// `E` keys equal (itself included), score `= ⌈5·(2L + E) / (2n)⌉`, in exact integer arithmetic.
/// Keys spanning a small range (recency days, frequencies) are counted in O(n + range);
/// others are radix-sorted (stable, by key then position).
pub fn quintile_scores(keys: &[i64]) -> Vec<u8> {
    let n = keys.len() as u64;
    let (Some(&min), Some(&max)) = (keys.iter().min(), keys.iter().max()) else {
        return Vec::new();
    };
    let range = max.abs_diff(min);
    if range <= 4 * n + 1024 {
        let mut counts = vec![0u64; range as usize + 1];
        for &k in keys {
            counts[k.abs_diff(min) as usize] += 1;
        }
        let mut table = vec![0u8; counts.len()];
        let mut below = 0;
        for (slot, &count) in table.iter_mut().zip(&counts) {
            if count > 0 {
                *slot = quintile(n, below, count);
            }
            below += count;
        }
        return keys
            .iter()
            .map(|&k| table[k.abs_diff(min) as usize])
            .collect();
    }
    let keys: Vec<u64> = keys.iter().map(|&k| radix::i64_key(k)).collect();
    quintiles_in_order(&keys, &radix::argsort(&keys))
}

/// [`quintile_scores`] of `keys` given `order`, their [`radix::argsort`]: the formula applied
/// to each run of equal keys, so a caller that sorted the keys for another ranking too (the
/// window values: V scores and the Pareto order) sorts them once.
pub(crate) fn quintiles_in_order(keys: &[u64], order: &[u32]) -> Vec<u8> {
    let n = keys.len() as u64;
    let mut scores = vec![0u8; keys.len()];
    for run in radix::equal_runs(order, keys) {
        let s = quintile(n, run.start as u64, run.len() as u64);
        for &i in &order[run] {
            scores[i as usize] = s;
        }
    }
    scores
}

/// The quintile score of a run of `equal` keys with `below` keys under it, out of `n`:
/// `⌈5·(2L + E) / (2n)⌉`.
fn quintile(n: u64, below: u64, equal: u64) -> u8 {
    (5 * (2 * below + equal)).div_ceil(2 * n) as u8
}

/// Value keys for scoring: the value rounded to 6 decimals, so that amounts equal to the
/// micro-unit tie even when summed in a different order.
pub fn value_key(value: f64) -> i64 {
    (value * 1e6).round() as i64
}

/// [`value_key`]s as unsigned words in the same order, for [`radix::argsort`].
pub(crate) fn value_words(values: &[f64]) -> Vec<u64> {
    values
        .iter()
        .map(|&v| radix::i64_key(value_key(v)))
        .collect()
}

/// Scores of every active customer from its `(recency days, frequency, value)`.
pub fn score_all(scoring: &Scoring, rfv: &[(u32, u32, f64)]) -> Vec<Scores> {
    match scoring {
        Scoring::Quintiles => {
            let r = quintile_scores(&rfv.iter().map(|x| -i64::from(x.0)).collect::<Vec<_>>());
            let f = quintile_scores(&rfv.iter().map(|x| i64::from(x.1)).collect::<Vec<_>>());
            let v = quintile_scores(&rfv.iter().map(|x| value_key(x.2)).collect::<Vec<_>>());
            (0..rfv.len())
                .map(|i| Scores {
                    r: r[i],
                    f: f[i],
                    v: v[i],
                })
                .collect()
        }
        Scoring::Thresholds {
            recency_days,
            frequency,
            value,
        } => rfv
            .iter()
            .map(|&(rec, freq, val)| Scores {
                r: 5 - recency_days.iter().filter(|&&d| rec > d).count() as u8,
                f: 1 + frequency.iter().filter(|&&t| freq >= t).count() as u8,
                v: 1 + value.iter().filter(|&&t| val >= t).count() as u8,
            })
            .collect(),
    }
}

/// How many active customers got each score 1..=5 (index 0 = score 1). A zero count is an
/// empty bin, possible because ties share a score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreDistributions {
    /// Customers per recency score.
    pub recency: [usize; 5],
    /// Customers per frequency score.
    pub frequency: [usize; 5],
    /// Customers per value score.
    pub value: [usize; 5],
}

/// One cell of the R×F heatmap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HeatCell {
    /// Active customers with this (R, F).
    pub customers: usize,
    /// Sum of their window values.
    pub value: f64,
    /// Mean window value (`None` for an empty cell).
    pub mean_value: Option<f64>,
}

/// R×F heatmap: `cells[r − 1][f − 1]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RfHeatmap {
    /// Cells indexed by recency score − 1, then frequency score − 1.
    pub cells: [[HeatCell; 5]; 5],
}

/// Score distributions and the R×F heatmap from `(scores, value)` of each active customer.
pub fn distributions(
    members: impl Iterator<Item = (Scores, f64)>,
) -> (ScoreDistributions, RfHeatmap) {
    let mut d = ScoreDistributions::default();
    let mut h = RfHeatmap::default();
    for (s, value) in members {
        d.recency[s.r as usize - 1] += 1;
        d.frequency[s.f as usize - 1] += 1;
        d.value[s.v as usize - 1] += 1;
        let cell = &mut h.cells[s.r as usize - 1][s.f as usize - 1];
        cell.customers += 1;
        cell.value += value;
    }
    for cell in h.cells.iter_mut().flatten() {
        cell.mean_value = (cell.customers > 0).then(|| cell.value / cell.customers as f64);
    }
    (d, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_distinct_keys_split_in_pairs() {
        let keys: Vec<i64> = (1..=10).collect();
        assert_eq!(quintile_scores(&keys), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn ties_share_and_can_empty_a_bin() {
        // 4 customers with key 0, then 1 each of 1 and 2 (n = 6).
        // key 0: L=0, E=4 → ⌈5·4/12⌉ = ⌈1.67⌉ = 2; key 1: L=4,E=1 → ⌈45/12⌉ = 4; key 2 → ⌈55/12⌉ = 5.
        assert_eq!(quintile_scores(&[0, 0, 1, 0, 2, 0]), vec![2, 2, 4, 2, 5, 2]);
    }

    #[test]
    fn counting_and_sorting_paths_agree() {
        // A small range is counted, a wide one sorted: same ranks, same scores.
        let narrow = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        let wide: Vec<i64> = narrow.iter().map(|k| k * 1_000_000_007).collect();
        assert_eq!(quintile_scores(&narrow), quintile_scores(&wide));
        assert_eq!(
            quintile_scores(&narrow),
            vec![2, 1, 3, 1, 4, 5, 2, 5, 4, 2, 4]
        );
    }

    #[test]
    fn all_equal_and_single_score_three() {
        assert_eq!(quintile_scores(&[7, 7, 7]), vec![3, 3, 3]);
        assert_eq!(quintile_scores(&[42]), vec![3]);
        assert!(quintile_scores(&[]).is_empty());
    }

    #[test]
    fn thresholds_count_cut_points() {
        let s = Scoring::Thresholds {
            recency_days: [30, 60, 90, 180],
            frequency: [2, 3, 5, 8],
            value: [10.0, 50.0, 100.0, 500.0],
        };
        let got = score_all(&s, &[(30, 1, 9.99), (31, 8, 500.0), (181, 5, 100.0)]);
        assert_eq!(got[0], Scores { r: 5, f: 1, v: 1 });
        assert_eq!(got[1], Scores { r: 4, f: 5, v: 5 });
        assert_eq!(got[2], Scores { r: 1, f: 4, v: 4 });
    }
}
