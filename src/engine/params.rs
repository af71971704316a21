//! Analysis parameters: one builder whose defaults are DOMAIN.md's.
//!
//! Every field is public so a settings form can bind to it, and every field has a chainable
//! setter of the same name. `Params::default()` is exactly the configuration DOMAIN.md fixes;
//! parameters DOMAIN.md does not fix (marked *engine default* below) are documented where used.

use crate::engine::segments::SegmentMap;
use crate::model::{Day, SatisfactionScale};
use serde::{Deserialize, Serialize};

/// How R, F and V become scores 1–5 (DOMAIN.md §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Scoring {
    /// Quintiles of the customers active in the window, ties sharing a score.
    ///
    /// With `n` active customers, `L` of them strictly worse than a customer and `E` equal to
    /// it (the customer included), its mid-rank position is `p = (L + E/2) / n` (the Hazen
    /// plotting position) and its score is `⌈5·p⌉`, computed in integers as
    /// `⌈5·(2L + E) / (2n)⌉`. Equal inputs therefore always share a score, some scores may be
    /// empty, `n` distinct values split into equal fifths, and a lone customer (or all customers
    /// equal) scores 3.
    Quintiles,
    /// User-set cut points (each list ascending).
    ///
    /// - R = 5 when recency ≤ `recency_days[0]`, 4 when ≤ `[1]`, 3 when ≤ `[2]`, 2 when ≤ `[3]`,
    ///   else 1;
    /// - F = 1 + #{i : frequency ≥ `frequency[i]`};
    /// - V = 1 + #{i : value ≥ `value[i]`}.
    Thresholds {
        /// Recency cut points in days, ascending.
        recency_days: [u32; 4],
        /// Frequency cut points (occasions), ascending.
        frequency: [u32; 4],
        /// Value cut points (currency), ascending.
        value: [f64; 4],
    },
}

/// Cumulative cut points of the loyalty pyramid (DOMAIN.md §3), as shares of the active
/// customers ranked by profitability. Plomo takes the rest.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierCuts {
    /// Share of customers in Platino (default 0.05: top 5 %).
    pub platino: f64,
    /// Share in Oro (default 0.15: the next 15 %).
    pub oro: f64,
    /// Share in Hierro (default 0.50: the next 50 %); Plomo is the last `1 − sum`.
    pub hierro: f64,
}

impl Default for TierCuts {
    fn default() -> Self {
        TierCuts {
            platino: 0.05,
            oro: 0.15,
            hierro: 0.50,
        }
    }
}

impl TierCuts {
    /// The practitioners' alternative 20/30/30/20 cited in DOMAIN.md §3.
    pub fn practitioner() -> Self {
        TierCuts {
            platino: 0.20,
            oro: 0.30,
            hierro: 0.30,
        }
    }

    /// Whether Platino, Oro and Hierro together take more than every active customer (with
    /// room for the rounding of shares typed as decimal percentages).
    pub fn over_100(&self) -> bool {
        self.platino + self.oro + self.hierro > 1.0 + 1e-9
    }
}

/// Which surveys give a customer's satisfaction (DOMAIN.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SatisfactionMode {
    /// The latest survey on or before the analysis date (default).
    Latest,
    /// The mean of the surveys in the analysis window.
    WindowMean,
}

/// When a customer counts as "satisfied" for the quadrants (DOMAIN.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SatisfiedWhen {
    /// In the zone of affection (default).
    Affection,
    /// Satisfaction ≥ 4 on the 1–5 scale (other scales mapped linearly onto 1–5).
    AtLeastFour,
}

/// Every parameter of an analysis. `Params::default()` = DOMAIN.md defaults.
///
/// ```
/// use fideliza::engine::Params;
/// let p = Params::default().as_of(Some(19_800)).window_months(6);
/// assert_eq!(p.window_months, 6);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Analysis date; `None` = the latest sale in the data (DOMAIN.md §2).
    pub as_of: Option<Day>,
    /// Window length in calendar months: the window is (`as_of` − months, `as_of`] (default 12).
    pub window_months: u32,
    /// How scores are assigned (default quintiles).
    pub scoring: Scoring,
    /// Which of the 11 segments each of the 125 RFV codes belongs to (default DOMAIN.md §2).
    pub segment_map: SegmentMap,
    /// Pyramid cut points (default 5 / 15 / 50 / 30 %).
    pub tier_cuts: TierCuts,
    /// Latest survey or window mean (default latest).
    pub satisfaction_mode: SatisfactionMode,
    /// What counts as satisfied in the quadrants (default: zone of affection).
    pub satisfied_when: SatisfiedWhen,
    /// Scale of the surveys' overall-satisfaction answers; `None` (default) = the scale the
    /// importer read from the survey file. Set it when the file's scale was read wrongly (e.g.
    /// a 1–7 survey whose answers happen to stay within 1–5). Absent in settings saved
    /// before it existed: read as `None`.
    #[serde(default)]
    pub survey_scale: Option<SatisfactionScale>,
    /// Behavioural loyalty threshold on mean(R, F) for the quadrants (default 3.5).
    pub loyalty_threshold: f64,
    /// Minimum purchase occasions for the overdue signal (default 3, DOMAIN.md §6).
    pub overdue_min_purchases: u32,
    /// Overdue when recency > this × the median inter-purchase gap (default 2, DOMAIN.md §6).
    pub overdue_gap_factor: f64,
    /// Share of active customers that forms the CMV class (default 0.05, DOMAIN.md §5).
    pub cmv_share: f64,
    /// Share of customers with a prediction that forms the CMP class, ranked by growth gap
    /// (*engine default* 0.05, the same share as CMV: DOMAIN.md §5 names no share).
    pub cmp_share: f64,
    /// Cost to serve one purchase occasion, subtracted from margin for the BZ class
    /// (*engine default* 0: the data model has no cost-to-serve column).
    pub cost_to_serve_per_occasion: f64,
    /// Horizon of "expected purchases" in days (default 90, DOMAIN.md §6).
    pub prediction_days: u32,
    /// CLV horizon in months (default 12, DOMAIN.md §6).
    pub clv_months: u32,
    /// Monthly discount rate of the CLV (default 0.01, DOMAIN.md §6); negative rates count as 0.
    pub monthly_discount: f64,
    /// The "top x %" of the Pareto figures and of [`crate::engine::Kpis::top20_value_share`]
    /// (default 0.20).
    pub pareto_top_share: f64,
    /// Number of monthly cohorts shown, ending with the analysis month (*engine default* 12;
    /// at most 600).
    pub cohort_months: u32,
    /// Number of months of the trend, ending with the analysis month (*engine default* 24;
    /// at most 600).
    pub trend_months: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            as_of: None,
            window_months: 12,
            scoring: Scoring::Quintiles,
            segment_map: SegmentMap::default(),
            tier_cuts: TierCuts::default(),
            satisfaction_mode: SatisfactionMode::Latest,
            satisfied_when: SatisfiedWhen::Affection,
            survey_scale: None,
            loyalty_threshold: 3.5,
            overdue_min_purchases: 3,
            overdue_gap_factor: 2.0,
            cmv_share: 0.05,
            cmp_share: 0.05,
            cost_to_serve_per_occasion: 0.0,
            prediction_days: 90,
            clv_months: 12,
            monthly_discount: 0.01,
            pareto_top_share: 0.20,
            cohort_months: 12,
            trend_months: 24,
        }
    }
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)*) => {
        impl Params {
            $(
                $(#[$doc])*
                pub fn $name(mut self, $name: $ty) -> Self {
                    self.$name = $name;
                    self
                }
            )*
        }
    };
}

setters! {
    /// Sets [`Params::as_of`].
    as_of: Option<Day>;
    /// Sets [`Params::window_months`] (values below 1 are treated as 1).
    window_months: u32;
    /// Sets [`Params::scoring`].
    scoring: Scoring;
    /// Sets [`Params::segment_map`].
    segment_map: SegmentMap;
    /// Sets [`Params::tier_cuts`].
    tier_cuts: TierCuts;
    /// Sets [`Params::satisfaction_mode`].
    satisfaction_mode: SatisfactionMode;
    /// Sets [`Params::satisfied_when`].
    satisfied_when: SatisfiedWhen;
    /// Sets [`Params::survey_scale`].
    survey_scale: Option<SatisfactionScale>;
    /// Sets [`Params::loyalty_threshold`].
    loyalty_threshold: f64;
    /// Sets [`Params::overdue_min_purchases`].
    overdue_min_purchases: u32;
    /// Sets [`Params::overdue_gap_factor`].
    overdue_gap_factor: f64;
    /// Sets [`Params::cmv_share`].
    cmv_share: f64;
    /// Sets [`Params::cmp_share`].
    cmp_share: f64;
    /// Sets [`Params::cost_to_serve_per_occasion`].
    cost_to_serve_per_occasion: f64;
    /// Sets [`Params::prediction_days`].
    prediction_days: u32;
    /// Sets [`Params::clv_months`].
    clv_months: u32;
    /// Sets [`Params::monthly_discount`].
    monthly_discount: f64;
    /// Sets [`Params::pareto_top_share`].
    pareto_top_share: f64;
    /// Sets [`Params::cohort_months`].
    cohort_months: u32;
    /// Sets [`Params::trend_months`].
    trend_months: u32;
}
