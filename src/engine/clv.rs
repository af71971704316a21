//! The model stage: BG/NBD and Gamma-Gamma fitted on the whole history up to `as_of`, then
//! per-customer P(alive), expected purchases, expected spend and CLV, with the chart
//! aggregates. Reference: DOMAIN.md §6; Fader, Hardie & Lee (2005) for the models.
//!
//! **CLV** = Σ_{m=1..M} (E[Y(t_m)] − E[Y(t_{m−1})]) · E[spend] · ratio / (1 + d)^m with
//! `t_m` = m average months (30.4375 days), `M` = `clv_months` (12), `d` = `monthly_discount`
//! (1 %), E[Y] from BG/NBD, E[spend] from Gamma-Gamma, and `ratio` = Σ margin / Σ value of all
//! occasions up to `as_of` when the sales carry margin (a margin CLV), else 1 (a value CLV).

use crate::engine::bgnbd::{self, BgNbdFit, Summary};
use crate::engine::fit_record::{FitInputs, fit_models};
use crate::engine::gamma_gamma::{self, GammaGammaFit};
use crate::engine::optimize::FitFailure;
use crate::engine::prepared::Prepared;
use crate::engine::pyramid::Tier;
use crate::engine::segments::Segment;
use crate::model::Day;
use serde::{Deserialize, Serialize};

/// Days in an average month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// Days per model time unit (weeks).
pub const DAYS_PER_WEEK: f64 = 7.0;

/// Model fits and what they mean for the UI. A failed fit is explained, never shown as NaN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Models {
    /// BG/NBD fit on every customer with a purchase up to `as_of` (time in weeks).
    pub bgnbd: Result<BgNbdFit, FitFailure>,
    /// Gamma-Gamma fit on repeat customers with a positive mean repeat value.
    pub gamma_gamma: Result<GammaGammaFit, FitFailure>,
    /// Margin / value ratio applied to CLV (`None` = CLV in value: no margin data).
    pub margin_ratio: Option<f64>,
}

/// One customer's model outputs; every field is `None` when not computable (no purchase up to
/// `as_of`, or a failed fit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// P(alive) (1 for one-time buyers: the model cannot tell).
    pub p_alive: Option<f64>,
    /// Expected purchase occasions in the next `prediction_days` (90).
    pub expected_purchases: Option<f64>,
    /// Expected value per occasion (Gamma-Gamma).
    pub expected_spend: Option<f64>,
    /// Expected value over the CLV horizon, undiscounted (× margin ratio when present).
    pub predicted_value: Option<f64>,
    /// Discounted CLV over the horizon.
    pub clv: Option<f64>,
}

/// The cached fit stage of one analysis date: every customer's BG/NBD summary up to `as_of`
/// and the fitted models. Changing a horizon or the discount reuses it.
#[derive(Debug)]
pub(crate) struct FitStage {
    /// Customers with a purchase up to `as_of`, in index order.
    owners: Vec<usize>,
    /// Their (x, tₓ, T) in weeks.
    summaries: Vec<Summary>,
    /// Their (x, mean repeat value) for Gamma-Gamma.
    spends: Vec<(f64, f64)>,
    pub(crate) models: Models,
}

/// Runs the fit stage at `as_of`: one pass over the occasions up to `as_of`, then the two
/// fits — or `known`, models already fitted at this date (the fits depend on nothing else).
pub(crate) fn fit_stage(prepared: &Prepared, as_of: Day, known: Option<Models>) -> FitStage {
    let (inputs, owners) = FitInputs::gather(prepared, prepared.fit_key_at(as_of));
    let (summaries, spends) = inputs.summaries();
    let models = known.unwrap_or_else(|| fit_models(&summaries, &spends, inputs.margin_ratio));
    FitStage {
        owners,
        summaries,
        spends,
        models,
    }
}

/// The cached output of the model stage for one analysis date and horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelStage {
    pub(crate) models: Models,
    pub(crate) predictions: Vec<Prediction>,
}

/// Everything the model stage depends on: it is recomputed only when this changes (and the
/// fit stage under it only when `as_of` changes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ModelKey {
    pub as_of: Day,
    pub prediction_days: u32,
    pub clv_months: u32,
    pub monthly_discount: f64,
}

/// Runs the model stage: the per-customer predictions of the fit stage at `key.as_of`.
pub(crate) fn model_stage(customers: usize, fit: &FitStage, key: ModelKey) -> ModelStage {
    let models = fit.models.clone();
    let margin_ratio = models.margin_ratio;
    let mut predictions = vec![Prediction::default(); customers];
    if let Ok(bg) = &models.bgnbd {
        let horizon = f64::from(key.prediction_days) / DAYS_PER_WEEK;
        let gg = models.gamma_gamma.as_ref().ok();
        let each = fit.owners.iter().zip(&fit.summaries).zip(&fit.spends);
        for ((&c, s), &(x, m)) in each {
            let pred = &mut predictions[c];
            pred.p_alive = Some(bgnbd::p_alive(&bg.params, s)).filter(|p| p.is_finite());
            pred.expected_purchases = bgnbd::expected_purchases(&bg.params, s, horizon);
            if let Some(gg) = gg {
                let spend = gamma_gamma::expected_spend(&gg.params, x, m);
                pred.expected_spend = Some(spend).filter(|v| v.is_finite());
                let unit = spend * margin_ratio.unwrap_or(1.0);
                if let Some((value, clv)) =
                    discounted(bg, s, key.clv_months, key.monthly_discount.max(0.0))
                {
                    pred.predicted_value = Some(value * unit).filter(|v| v.is_finite());
                    pred.clv = Some(clv * unit).filter(|v| v.is_finite());
                }
            }
        }
    }
    ModelStage {
        models,
        predictions,
    }
}

/// (Σ expected purchases over the horizon, Σ of monthly increments discounted at `d`).
fn discounted(fit: &BgNbdFit, s: &Summary, months: u32, d: f64) -> Option<(f64, f64)> {
    let (mut previous, mut clv) = (0.0, 0.0);
    for m in 1..=months {
        let e = bgnbd::expected_purchases(
            &fit.params,
            s,
            f64::from(m) * DAYS_PER_MONTH / DAYS_PER_WEEK,
        )?;
        clv += (e - previous) / (1.0 + d).powi(m as i32);
        previous = e;
    }
    Some((previous, clv))
}

/// Distribution of P(alive) over the customers with a purchase up to `as_of`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PAliveHistogram {
    /// Repeat buyers per tenth: bin `i` holds P(alive) in [i/10, (i+1)/10), 1.0 in the last.
    pub bins: [usize; 10],
    /// One-time buyers (P(alive) = 1 by the model's convention), shown apart.
    pub one_time_buyers: usize,
}

/// CLV of one group of customers (a segment or a tier).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvGroup<K> {
    /// The segment or tier.
    pub key: K,
    /// Customers of the group with a CLV.
    pub customers: usize,
    /// Σ CLV.
    pub clv: f64,
    /// Mean CLV (0 when none).
    pub mean_clv: f64,
}

/// CLV per segment.
pub type SegmentClv = ClvGroup<Segment>;
/// CLV per tier.
pub type TierClv = ClvGroup<Tier>;

/// Sums CLV per key in the order of `keys`.
pub fn clv_groups<K: Copy + PartialEq>(
    keys: &[K],
    members: impl Iterator<Item = (K, f64)>,
) -> Vec<ClvGroup<K>> {
    let mut acc = vec![(0usize, 0.0f64); keys.len()];
    for (k, clv) in members {
        if let Some(i) = keys.iter().position(|&x| x == k) {
            acc[i].0 += 1;
            acc[i].1 += clv;
        }
    }
    keys.iter()
        .zip(acc)
        .map(|(&key, (n, clv))| ClvGroup {
            key,
            customers: n,
            clv,
            mean_clv: if n == 0 { 0.0 } else { clv / n as f64 },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bgnbd::BgNbdParams;

    #[test]
    fn monthly_increments_are_discounted_by_hand() {
        let fit = BgNbdFit {
            params: BgNbdParams {
                r: 0.243,
                alpha: 4.414,
                a: 0.793,
                b: 2.426,
            },
            log_likelihood: 0.0,
            customers: 0,
            repeat_buyers: 0,
            iterations: 0,
        };
        let s = Summary {
            x: 2.0,
            t_x: 30.43,
            t: 38.86,
        };
        let month = DAYS_PER_MONTH / DAYS_PER_WEEK;
        let e1 = bgnbd::expected_purchases(&fit.params, &s, month).unwrap();
        let e2 = bgnbd::expected_purchases(&fit.params, &s, 2.0 * month).unwrap();
        // Two months at 1 %: E₁/1.01 + (E₂ − E₁)/1.01².
        let (total, clv) = discounted(&fit, &s, 2, 0.01).unwrap();
        assert_eq!(total, e2);
        assert!((clv - (e1 / 1.01 + (e2 - e1) / 1.0201)).abs() < 1e-12);
        assert!(e1 > 0.0 && e2 > e1);
        assert_eq!(discounted(&fit, &s, 0, 0.01), Some((0.0, 0.0)));
    }

    #[test]
    fn clv_groups_sum_per_key_and_keep_empty_ones() {
        let groups = clv_groups(
            &Tier::ALL,
            [(Tier::Oro, 10.0), (Tier::Oro, 20.0), (Tier::Plomo, 1.0)].into_iter(),
        );
        assert_eq!(groups.len(), 5);
        assert_eq!(
            (groups[1].customers, groups[1].clv, groups[1].mean_clv),
            (2, 30.0, 15.0)
        );
        assert_eq!((groups[0].customers, groups[0].mean_clv), (0, 0.0));
    }
}
