//! The model stage: BG/NBD and Gamma-Gamma fitted on the whole history up to `as_of`, then
//! per-customer P(alive), expected purchases, expected spend and CLV, with the chart
//! aggregates. Reference: DOMAIN.md §6; Fader, Hardie & Lee (2005) for the models.
//!
//! **CLV** = Σ_{m=1..M} (E[Y(t_m)] − E[Y(t_{m−1})]) · E[spend] · ratio / (1 + d)^m with
//! `t_m` = m average months (30.4375 days), `M` = `clv_months` (12), `d` = `monthly_discount`
//! (1 %), E[Y] from BG/NBD, E[spend] from Gamma-Gamma, and `ratio` = Σ margin / Σ value of all
//! occasions up to `as_of` when the sales carry margin (a margin CLV), else 1 (a value CLV).

use crate::engine::bgnbd::{self, BgNbdFit, BgNbdParams, Summary};
use crate::engine::fit_record::{FitInputs, fit_models};
use crate::engine::gamma_gamma::{self, GammaGammaFit};
use crate::engine::optimize::FitFailure;
use crate::engine::params::Params;
use crate::engine::prepared::Prepared;
use crate::engine::pyramid::Tier;
use crate::engine::segments::Segment;
use crate::engine::special::Hyp2f1Series;
use crate::model::Day;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

impl ModelKey {
    /// The key of `params` at the resolved analysis date.
    pub fn new(as_of: Day, params: &Params) -> Self {
        ModelKey {
            as_of,
            prediction_days: params.prediction_days,
            clv_months: params.clv_months,
            monthly_discount: params.monthly_discount,
        }
    }
}

/// Runs the model stage: the per-customer predictions of the fit stage at `key.as_of`.
///
/// Of the 1 + `clv_months` expected-purchase evaluations per customer, only P(alive) depends
/// on tₓ; the rest ([`bgnbd::purchases_if_alive`], one ₂F₁ series each) depends on (x, T)
/// alone, so it is computed once per distinct pair ([`IfAlive`]) — whole-day dates make pairs
/// common (the 100k demo customers have ≈ 10k) — and multiplied by each customer's P(alive): the
/// same operations in the same order as evaluating eq. (10) customer by customer.
pub(crate) fn model_stage(customers: usize, fit: &FitStage, key: ModelKey) -> ModelStage {
    let models = fit.models.clone();
    let margin_ratio = models.margin_ratio;
    let mut predictions = vec![Prediction::default(); customers];
    if let Ok(bg) = &models.bgnbd {
        let p = &bg.params;
        let mut if_alive = IfAlive::new(p, key);
        let gg = models.gamma_gamma.as_ref().ok();
        let divisors = divisors(key.monthly_discount.max(0.0), key.clv_months);
        let each = fit.owners.iter().zip(&fit.summaries).zip(&fit.spends);
        for ((&c, s), &(x, m)) in each {
            let pred = &mut predictions[c];
            let alive = bgnbd::p_alive(p, s);
            let factors = if_alive.get(s);
            pred.p_alive = Some(alive).filter(|p| p.is_finite());
            pred.expected_purchases = if key.prediction_days == 0 {
                Some(0.0)
            } else {
                factors[0].and_then(|f| bgnbd::with_p_alive(f, alive))
            };
            if let Some(gg) = gg {
                let spend = gamma_gamma::expected_spend(&gg.params, x, m);
                pred.expected_spend = Some(spend).filter(|v| v.is_finite());
                let unit = spend * margin_ratio.unwrap_or(1.0);
                if let Some((value, clv)) = discounted(&factors[1..], alive, &divisors) {
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

/// [`bgnbd::purchases_if_alive`] per distinct (x, T), memoised: for each pair, the factor at
/// the prediction horizon, then at 1, 2, …, `clv_months` average months. The parts shared
/// more widely are kept too: the ₂F₁ series per x, the logarithm of the power's base per T.
struct IfAlive<'a> {
    params: &'a BgNbdParams,
    /// Horizons in weeks: `prediction_days`, then each month of the CLV horizon.
    horizons: Vec<f64>,
    /// (x, T) bits → offset of the pair's factors in `factors`.
    index: HashMap<(u64, u64), usize, FxBuildHasher>,
    factors: Vec<Option<f64>>,
    /// x bits → the ₂F₁ series of that x, shared by its pairs.
    series: HashMap<u64, Hyp2f1Series, FxBuildHasher>,
    /// T bits → offset in `ln_bases` of [`bgnbd::ln_base`] at each horizon, shared by every x.
    ln_base_index: HashMap<u64, usize, FxBuildHasher>,
    ln_bases: Vec<f64>,
}

impl<'a> IfAlive<'a> {
    fn new(params: &'a BgNbdParams, key: ModelKey) -> Self {
        let months = (1..=key.clv_months).map(|m| f64::from(m) * DAYS_PER_MONTH / DAYS_PER_WEEK);
        let horizons = std::iter::once(f64::from(key.prediction_days) / DAYS_PER_WEEK)
            .chain(months)
            .collect();
        IfAlive {
            params,
            horizons,
            index: HashMap::default(),
            factors: Vec::new(),
            series: HashMap::default(),
            ln_base_index: HashMap::default(),
            ln_bases: Vec::new(),
        }
    }

    /// The factors of the pair (s.x, s.T), computed on first use.
    fn get(&mut self, s: &Summary) -> &[Option<f64>] {
        let n = self.horizons.len();
        let next = self.factors.len();
        let at = *self
            .index
            .entry((s.x.to_bits(), s.t.to_bits()))
            .or_insert(next);
        if at == next {
            let (p, x, t_cap) = (self.params, s.x, s.t);
            let bases = self.ln_bases.len();
            let bases = *self.ln_base_index.entry(t_cap.to_bits()).or_insert(bases);
            if bases == self.ln_bases.len() {
                let row = self.horizons.iter().map(|&t| bgnbd::ln_base(p, t_cap, t));
                self.ln_bases.extend(row);
            }
            let series = self
                .series
                .entry(x.to_bits())
                .or_insert_with(|| bgnbd::series(p, x));
            let row = self
                .horizons
                .iter()
                .zip(&self.ln_bases[bases..])
                .map(|(&t, &ln_base)| {
                    // t = 0 (a zero prediction horizon) never reaches eq. (10).
                    (t > 0.0)
                        .then(|| bgnbd::purchases_if_alive_on(series, p, x, t_cap, t, ln_base))
                        .flatten()
                });
            self.factors.extend(row);
        }
        &self.factors[at..at + n]
    }
}

/// `(1 + d)^m` for m = 1, …, `months`: what month m's increment is divided by.
fn divisors(d: f64, months: u32) -> Vec<f64> {
    (1..=months)
        .map(|m| (1.0 + d).powi(i32::try_from(m).unwrap_or(i32::MAX)))
        .collect()
}

/// (Σ expected purchases over the horizon, Σ of monthly increments discounted by
/// [`divisors`]), from the monthly [`bgnbd::purchases_if_alive`] factors and P(alive); `None`
/// if any month fails.
fn discounted(monthly: &[Option<f64>], p_alive: f64, divisors: &[f64]) -> Option<(f64, f64)> {
    let (mut previous, mut clv) = (0.0, 0.0);
    for (factor, divisor) in monthly.iter().zip(divisors) {
        let e = bgnbd::with_p_alive((*factor)?, p_alive)?;
        clv += (e - previous) / divisor;
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

/// Sums CLV per key in the order of `keys`, where `index` gives each key's position.
pub fn clv_groups<K: Copy>(
    keys: &[K],
    index: impl Fn(K) -> usize,
    members: impl Iterator<Item = (K, f64)>,
) -> Vec<ClvGroup<K>> {
    let mut acc = vec![(0usize, 0.0f64); keys.len()];
    for (k, clv) in members {
        let slot = &mut acc[index(k)];
        slot.0 += 1;
        slot.1 += clv;
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

    #[test]
    fn monthly_increments_are_discounted_by_hand() {
        let params = BgNbdParams {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let s = Summary {
            x: 2.0,
            t_x: 30.43,
            t: 38.86,
        };
        let month = DAYS_PER_MONTH / DAYS_PER_WEEK;
        let e1 = bgnbd::expected_purchases(&params, &s, month).unwrap();
        let e2 = bgnbd::expected_purchases(&params, &s, 2.0 * month).unwrap();
        let key = ModelKey {
            as_of: 0,
            prediction_days: 90,
            clv_months: 2,
            monthly_discount: 0.01,
        };
        let mut if_alive = IfAlive::new(&params, key);
        let factors = if_alive.get(&s).to_vec();
        let alive = bgnbd::p_alive(&params, &s);
        // The memoised factors give eq. (10) bit for bit.
        let horizon = bgnbd::expected_purchases(&params, &s, 90.0 / DAYS_PER_WEEK);
        assert_eq!(
            factors[0].and_then(|f| bgnbd::with_p_alive(f, alive)),
            horizon
        );
        // Two months at 1 %: E₁/1.01 + (E₂ − E₁)/1.01².
        let (total, clv) = discounted(&factors[1..], alive, &divisors(0.01, 2)).unwrap();
        assert_eq!(total, e2);
        assert!((clv - (e1 / 1.01 + (e2 - e1) / 1.0201)).abs() < 1e-12);
        assert!(e1 > 0.0 && e2 > e1);
        assert_eq!(discounted(&[], alive, &[]), Some((0.0, 0.0)));
        assert_eq!(
            discounted(&[factors[1], None], alive, &divisors(0.01, 2)),
            None
        );
        // A customer with the same (x, T) but another tₓ reuses the pair's factors.
        let other = Summary { t_x: 12.0, ..s };
        assert_eq!(if_alive.get(&other), &factors[..]);
        assert_eq!(if_alive.factors.len(), 3);
        let e = bgnbd::expected_purchases(&params, &other, month);
        assert_eq!(
            bgnbd::with_p_alive(factors[1].unwrap(), bgnbd::p_alive(&params, &other)),
            e
        );
    }

    #[test]
    fn clv_groups_sum_per_key_and_keep_empty_ones() {
        let groups = clv_groups(
            &Tier::ALL,
            Tier::index,
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
