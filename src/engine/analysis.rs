//! The result of one analysis and the pass that computes it from a [`Prepared`] dataset.

use crate::engine::calendar::months_before;
use crate::engine::kpis::Kpis;
use crate::engine::params::Params;
use crate::engine::pareto::{Pareto, pareto};
use crate::engine::prepared::Prepared;
use crate::engine::rfv::{RfHeatmap, ScoreDistributions, Scores, distributions, score_all};
use crate::engine::segments::{Segment, SegmentRow, segment_table, share};
use crate::model::Day;
use serde::{Deserialize, Serialize};

/// Everything the engine knows about one customer at the analysis date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerMetrics {
    /// Index into `Dataset::customer_ids`.
    pub customer: u32,
    /// Day of the last purchase occasion on or before `as_of` (any window).
    pub last_purchase: Option<Day>,
    /// Recency: days from the last purchase occasion to `as_of` (never negative);
    /// `None` when the customer never bought up to `as_of`.
    pub recency: Option<u32>,
    /// Frequency: purchase occasions in the window.
    pub frequency: u32,
    /// Value: net amount in the window (returns subtract), including return-only occasions.
    pub value: f64,
    /// Margin in the window, when the sales carry cost or margin.
    pub margin: Option<f64>,
    /// R, F, V scores; `None` when not active in the window.
    pub scores: Option<Scores>,
    /// Segment of the RFV code; `None` when not active in the window.
    pub segment: Option<Segment>,
}

impl CustomerMetrics {
    /// Whether the customer has at least one purchase occasion in the window.
    pub fn is_active(&self) -> bool {
        self.frequency > 0
    }
}

/// One complete analysis, ready for charts. Crosses the Web Worker boundary as JSON.
///
/// Invariant: no field is NaN; what cannot be computed is an `Option` or an explicit status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Analysis date: `Params::as_of`, else the latest sale, else the latest survey or
    /// complaint, else day 0.
    pub as_of: Day,
    /// Window start (exclusive): `as_of` − `window_months` calendar months.
    pub window_start: Day,
    /// Previous window start (exclusive); the previous window is (this, `window_start`].
    pub previous_window_start: Day,
    /// Whether the pyramid and value classes rank by margin (the sales carry margin) or value.
    pub ranked_by_margin: bool,
    /// Headline figures.
    pub kpis: Kpis,
    /// Every known customer, indexed like `Dataset::customer_ids`.
    pub customers: Vec<CustomerMetrics>,
    /// Window value of customers with no purchase occasion in the window (return-only
    /// occasions), kept out of every active-customer aggregate and reported here.
    pub returns_without_purchase: f64,
    /// Customers per R, F and V score.
    pub score_distributions: ScoreDistributions,
    /// R×F heatmap with customers and mean value per cell.
    pub rf_heatmap: RfHeatmap,
    /// The 11 segments, in `Segment::ALL` order.
    pub segments: Vec<SegmentRow>,
    /// Pareto curve of value by customer rank.
    pub pareto: Pareto,
}

/// Resolves the analysis date (see [`Analysis::as_of`]).
fn resolve_as_of(prepared: &Prepared, params: &Params) -> Day {
    params
        .as_of
        .or(prepared.last_sale_day)
        .or(prepared.last_any_day)
        .unwrap_or(0)
}

impl Prepared {
    /// Runs the analysis for `params`. Cost: O(customers · log occasions) plus sorting the
    /// active customers; nothing is re-read from the sales lines.
    pub fn analyze(&self, params: &Params) -> Analysis {
        let as_of = resolve_as_of(self, params);
        let months = params.window_months.max(1);
        let window_start = months_before(as_of, months);
        let previous_window_start = months_before(as_of, 2 * months);

        let mut customers = Vec::with_capacity(self.customers);
        let mut previously_active = 0usize;
        let mut retained = 0usize;
        let mut returns_without_purchase = 0.0;
        for c in 0..self.customers {
            let occ = self.occasions_of(c);
            let upto = occ.partition_point(|o| o.day <= as_of);
            let last_purchase = occ[..upto].iter().rev().find(|o| o.purchase).map(|o| o.day);
            let window = Prepared::between(occ, window_start, as_of);
            let in_window = &occ[window];
            let frequency = in_window.iter().filter(|o| o.purchase).count() as u32;
            let value: f64 = in_window.iter().map(|o| o.value).sum();
            let margin = self
                .has_margin
                .then(|| in_window.iter().map(|o| o.margin).sum());
            let previous = &occ[Prepared::between(occ, previous_window_start, window_start)];
            if previous.iter().any(|o| o.purchase) {
                previously_active += 1;
                retained += usize::from(frequency > 0);
            }
            if frequency == 0 {
                returns_without_purchase += value;
            }
            customers.push(CustomerMetrics {
                customer: c as u32,
                last_purchase,
                recency: last_purchase.map(|d| (as_of - d) as u32),
                frequency,
                value,
                margin,
                scores: None,
                segment: None,
            });
        }

        let active: Vec<usize> = (0..customers.len())
            .filter(|&c| customers[c].is_active())
            .collect();
        let rfv: Vec<(u32, u32, f64)> = active
            .iter()
            .map(|&c| {
                let m = &customers[c];
                (
                    m.recency.expect("active customers have bought"),
                    m.frequency,
                    m.value,
                )
            })
            .collect();
        for (&c, s) in active.iter().zip(score_all(&params.scoring, &rfv)) {
            customers[c].scores = Some(s);
            customers[c].segment = Some(params.segment_map.get(s.r, s.f, s.v));
        }
        let members = || active.iter().map(|&c| &customers[c]);
        let segments = segment_table(members().map(|m| {
            (
                m.segment.expect("scored"),
                m.recency.expect("active"),
                m.frequency,
                m.value,
            )
        }));
        let (score_distributions, rf_heatmap) =
            distributions(members().map(|m| (m.scores.expect("scored"), m.value)));
        let values: Vec<f64> = rfv.iter().map(|x| x.2).collect();
        let pareto = pareto(&values, params.pareto_top_share);

        let value: f64 = values.iter().sum();
        let occasions: usize = rfv.iter().map(|x| x.1 as usize).sum();
        let kpis = Kpis {
            active_customers: active.len(),
            value,
            occasions,
            average_ticket: share(value, occasions as f64),
            purchases_per_customer: share(occasions as f64, active.len() as f64),
            retention_rate: (previously_active > 0)
                .then(|| retained as f64 / previously_active as f64),
            top20_value_share: pareto.top_value_share,
        };
        Analysis {
            as_of,
            window_start,
            previous_window_start,
            ranked_by_margin: self.has_margin,
            kpis,
            customers,
            returns_without_purchase,
            score_distributions,
            rf_heatmap,
            segments,
            pareto,
        }
    }
}
