//! The result of one analysis and the pass that computes it from a [`Prepared`] dataset.

use crate::engine::answers::AnswerKey;
use crate::engine::churn::OverdueRow;
use crate::engine::clv::{
    ModelKey, ModelStage, Models, PAliveHistogram, SegmentClv, TierClv, clv_groups,
};
use crate::engine::customer_rows::{Customers, RowSource};
use crate::engine::kpis::Kpis;
use crate::engine::params::{Params, Scoring};
use crate::engine::pareto::{Pareto, pareto};
use crate::engine::prepared::Prepared;
use crate::engine::pyramid::{
    CUT_SLACK, Migration, MigrationMatrix, Pyramid, Tier, migration, pyramid, tier_rule,
    top_positions,
};
use crate::engine::rfv::{RfHeatmap, ScoreDistributions, Scores, distributions, score_all};
use crate::engine::satisfaction::{
    Nps, NpsClass, Quadrant, QuadrantCounts, ServqualGap, Zone, ZoneCounts, loyalty, quadrant,
};
use crate::engine::segments::{Segment, SegmentRow, segment_table, share};
use crate::engine::trend::{CohortRow, TrendPoint};
use crate::engine::value_classes::{ClassSummary, ValueClasses, ValueFlags, below_zero};
use crate::engine::window::{
    CalendarKey, HistoryStage, OverdueKey, WindowKey, WindowStage, overdue_rows,
};
use crate::model::{Day, SatisfactionScale};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Everything the engine knows about one customer at the analysis date.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerMetrics {
    /// Index into `Dataset::customer_ids`.
    pub customer: u32,
    /// Day of the first purchase occasion on or before `as_of`.
    pub first_purchase: Option<Day>,
    /// Day of the last purchase occasion on or before `as_of` (any window).
    pub last_purchase: Option<Day>,
    /// Purchase occasions on or before `as_of` (whole history).
    pub purchases: u32,
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
    /// Pyramid tier in the current window (`Inactivo` when not active).
    pub tier: Tier,
    /// Pyramid tier in the previous window.
    pub previous_tier: Tier,
    /// Move between the two windows.
    pub migration: Migration,
    /// Satisfaction on the survey file's own scale: latest answer or window mean (setting).
    pub satisfaction: Option<f64>,
    /// Satisfaction zone; `None` without a survey.
    pub zone: Option<Zone>,
    /// Satisfaction × loyalty quadrant (`NoSurvey` without a survey).
    pub quadrant: Quadrant,
    /// Likelihood to recommend 0–10 (latest or window mean; the overall answer itself when the
    /// survey scale is 0–10).
    pub recommend: Option<f64>,
    /// NPS class of `recommend`.
    pub nps_class: Option<NpsClass>,
    /// Peppers & Rogers value classes.
    pub value_classes: ValueFlags,
    /// Median days between consecutive purchase occasions (whole history up to `as_of`).
    pub median_gap: Option<f64>,
    /// Overdue signal (DOMAIN.md §6): ≥ 3 purchases and recency > 2 × median gap.
    pub overdue: bool,
    /// BG/NBD P(alive); 1 for one-time buyers (`purchases == 1`), `None` without a fit.
    pub p_alive: Option<f64>,
    /// BG/NBD expected purchase occasions in the next `prediction_days` (90).
    pub expected_purchases: Option<f64>,
    /// Gamma-Gamma expected value per occasion.
    pub expected_spend: Option<f64>,
    /// Expected value over the CLV horizon (12 months), undiscounted.
    pub predicted_value: Option<f64>,
    /// 12-month CLV, discounted monthly.
    pub clv: Option<f64>,
}

impl CustomerMetrics {
    /// Whether the customer has at least one purchase occasion in the window.
    pub fn is_active(&self) -> bool {
        self.frequency > 0
    }
}

/// One complete analysis, ready for charts. Serialisable: the stored dashboard keeps its
/// aggregates, the command line writes them as JSON.
///
/// Invariant: no field is NaN; what cannot be computed is an `Option` or an explicit status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Analysis date: `Params::as_of`, else the latest sale, else the latest survey or
    /// complaint, else day 0.
    pub as_of: Day,
    /// Scale the satisfaction answers were read on: `Params::survey_scale`, else the survey
    /// file's.
    pub survey_scale: SatisfactionScale,
    /// Window start (exclusive): `as_of` − `window_months` calendar months.
    pub window_start: Day,
    /// Previous window start (exclusive); the previous window is (this, `window_start`].
    pub previous_window_start: Day,
    /// Whether the pyramid and value classes rank by margin (the sales carry margin) or value.
    pub ranked_by_margin: bool,
    /// Headline figures.
    pub kpis: Kpis,
    /// Every known customer, indexed like `Dataset::customer_ids` (built on first use).
    pub customers: Customers,
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
    /// Loyalty pyramid of the current window.
    pub pyramid: Pyramid,
    /// Previous-window tier → current tier.
    pub migration: MigrationMatrix,
    /// Customers per satisfaction zone.
    pub zones: ZoneCounts,
    /// Customers per satisfaction × loyalty quadrant.
    pub quadrants: QuadrantCounts,
    /// Net Promoter Score.
    pub nps: Nps,
    /// SERVQUAL gap per dimension over the window's surveys.
    pub servqual: Vec<ServqualGap>,
    /// Counts and values per value class.
    pub value_classes: ValueClasses,
    /// Overdue customers, most overdue first.
    pub overdue: Vec<OverdueRow>,
    /// Monthly trend, oldest first, ending with the analysis month.
    pub trend: Vec<TrendPoint>,
    /// Monthly cohorts, oldest first, ending with the analysis month.
    pub cohorts: Vec<CohortRow>,
    /// BG/NBD and Gamma-Gamma fits, or why they failed.
    pub models: Models,
    /// P(alive) distribution of repeat buyers, one-time buyers apart.
    pub p_alive_histogram: PAliveHistogram,
    /// CLV per segment (active customers), in `Segment::ALL` order.
    pub clv_by_segment: Vec<SegmentClv>,
    /// CLV per tier (all customers with a CLV, `Inactivo` included), in `Tier::ALL` order.
    pub clv_by_tier: Vec<TierClv>,
}

impl Analysis {
    /// A copy of every aggregate without the per-customer rows (`customers` empty): what a
    /// summary keeps, without copying 100k rows first. Exhaustive on purpose: a new field must
    /// be added here.
    pub fn aggregates(&self) -> Analysis {
        let Analysis {
            customers: _,
            as_of,
            survey_scale,
            window_start,
            previous_window_start,
            ranked_by_margin,
            kpis,
            returns_without_purchase,
            score_distributions,
            rf_heatmap,
            segments,
            pareto,
            pyramid,
            migration,
            zones,
            quadrants,
            nps,
            servqual,
            value_classes,
            overdue,
            trend,
            cohorts,
            models,
            p_alive_histogram,
            clv_by_segment,
            clv_by_tier,
        } = self;
        Analysis {
            customers: Customers::default(),
            as_of: *as_of,
            survey_scale: *survey_scale,
            window_start: *window_start,
            previous_window_start: *previous_window_start,
            ranked_by_margin: *ranked_by_margin,
            kpis: kpis.clone(),
            returns_without_purchase: *returns_without_purchase,
            score_distributions: score_distributions.clone(),
            rf_heatmap: rf_heatmap.clone(),
            segments: segments.clone(),
            pareto: pareto.clone(),
            pyramid: pyramid.clone(),
            migration: migration.clone(),
            zones: zones.clone(),
            quadrants: quadrants.clone(),
            nps: nps.clone(),
            servqual: servqual.clone(),
            value_classes: value_classes.clone(),
            overdue: overdue.clone(),
            trend: trend.clone(),
            cohorts: cohorts.clone(),
            models: models.clone(),
            p_alive_histogram: p_alive_histogram.clone(),
            clv_by_segment: clv_by_segment.clone(),
            clv_by_tier: clv_by_tier.clone(),
        }
    }
}

/// Resolves the analysis date (see [`Analysis::as_of`]).
pub(crate) fn resolve_as_of(prepared: &Prepared, params: &Params) -> Day {
    params
        .as_of
        .or(prepared.last_sale_day)
        .or(prepared.last_any_day)
        .unwrap_or(0)
}

/// What needs both the window and the model stage but no ranking parameter: the growth
/// ranking behind CMP and the P(alive) histogram.
#[derive(Debug)]
pub(crate) struct GrowthStage {
    /// Customers whose predicted value over the CLV horizon exceeds their window value, by
    /// customer, with their top position ([`top_positions`]) by growth gap (predicted − window
    /// value).
    pub positions: Vec<(usize, f64)>,
    p_alive_histogram: PAliveHistogram,
    /// The CLV of each active customer (indexed like `WindowStage::active`).
    active_clv: Vec<Option<f64>>,
    /// The CLVs of the customers not active in the window, in customer order.
    inactive_clv: Vec<f64>,
}

/// Runs the growth stage.
pub(crate) fn growth_stage(
    history: &HistoryStage,
    window: &WindowStage,
    models: &ModelStage,
) -> GrowthStage {
    let mut p_alive_histogram = PAliveHistogram::default();
    let mut growth: Vec<(usize, f64)> = Vec::new();
    let mut active_clv = Vec::with_capacity(window.active.len());
    let mut inactive_clv = Vec::new();
    let mut next_active = 0;
    let each = history
        .rows
        .iter()
        .zip(&window.rows)
        .zip(&models.predictions);
    for (c, ((h, w), pred)) in each.enumerate() {
        if let Some(p) = pred.p_alive {
            if h.purchases == 1 {
                p_alive_histogram.one_time_buyers += 1;
            } else {
                p_alive_histogram.bins[((p * 10.0) as usize).min(9)] += 1;
            }
        }
        if let Some(v) = pred.predicted_value.filter(|v| *v > w.value) {
            growth.push((c, v - w.value));
        }
        if window.active.get(next_active) == Some(&c) {
            active_clv.push(pred.clv);
            next_active += 1;
        } else if let Some(clv) = pred.clv {
            inactive_clv.push(clv);
        }
    }
    let growth_positions = top_positions(&growth.iter().map(|g| g.1).collect::<Vec<_>>());
    GrowthStage {
        positions: growth
            .iter()
            .zip(growth_positions)
            .map(|(&(c, _), p)| (c, p))
            .collect(),
        p_alive_histogram,
        active_clv,
        inactive_clv,
    }
}

/// What the aggregates over the active customers read of one of them, gathered from the
/// window and growth stages' compact arrays so that each aggregate reads a small array
/// instead of the customers' rows.
struct Member {
    segment: Segment,
    scores: Scores,
    tier: Tier,
    recency: u32,
    frequency: u32,
    value: f64,
    margin: Option<f64>,
    clv: Option<f64>,
}

/// The class summary of the values given.
fn class_of(values: impl Iterator<Item = f64>) -> ClassSummary {
    let mut class = ClassSummary::default();
    values.for_each(|v| class.add(v));
    class
}

impl Prepared {
    /// The migration matrix (previous-window tier → current tier, every known customer) and
    /// the migrants' class, from the window's moves (in customer order); the customers without
    /// a move stayed inactive.
    fn migrations(
        &self,
        window: &WindowStage,
        tier: &impl Fn(f64) -> Tier,
    ) -> (MigrationMatrix, ClassSummary) {
        let mut matrix = MigrationMatrix::default();
        let mut migrants = ClassSummary::default();
        for m in &window.moves {
            let current = m.now.map_or(Tier::Inactivo, tier);
            let before = m.before.map_or(Tier::Inactivo, tier);
            let moved = migration(before, current, m.new);
            matrix.add(before, current, moved);
            if current != before && moved != Migration::New {
                migrants.add(m.value);
            }
        }
        let still_inactive = self.customers - window.moves.len();
        matrix.counts[Tier::Inactivo.index()][Tier::Inactivo.index()] += still_inactive;
        (matrix, migrants)
    }

    /// [`Prepared::analyze`], kept for the last parameters: asked again with equal parameters,
    /// it returns the same result at once (the page analyses an import while the user reads
    /// its report, so that showing it after "Importar" costs nothing).
    pub fn analysis(&self, params: &Params) -> Arc<Analysis> {
        let mut cache = self
            .analysis_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some((p, analysis)) = cache.as_ref()
            && p == params
        {
            return Arc::clone(analysis);
        }
        let analysis = Arc::new(self.analyze(params));
        *cache = Some((params.clone(), Arc::clone(&analysis)));
        analysis
    }

    /// Runs the analysis for `params`. Cost: the cached history, calendar, window, overdue,
    /// fit, model, growth and answer stages (listed with their keys in the [`crate::engine`]
    /// docs), each recomputed only when its key changes, then passes over the active
    /// customers' compact arrays that apply the ranking settings and gather every aggregate;
    /// nothing is re-read from the sales lines, and the per-customer rows wait for a reader.
    pub fn analyze(&self, params: &Params) -> Analysis {
        let as_of = resolve_as_of(self, params);
        let history = self.history(as_of);
        let calendar = self.calendar(CalendarKey::new(as_of, params));
        let window_key = WindowKey::new(as_of, params);
        let window = self.window(window_key, &history);
        let overdue_key = OverdueKey::new(as_of, params);
        let overdue = self.overdue(overdue_key, &history);
        let (window_start, previous_window_start) =
            (window.window_start, window.previous_window_start);
        let scale = self.scale(params);
        let answers = self.answers(AnswerKey::new(window_key, params, scale), window_start);
        let active = &window.active;
        let rfv = &window.rfv;
        let tier = tier_rule(&params.tier_cuts);
        let scores = match params.scoring {
            Scoring::Quintiles => None,
            _ => Some(Arc::new(score_all(&params.scoring, rfv))),
        };
        let score_of = scores.as_deref().unwrap_or(&window.quintiles);

        // Model outputs (cached per analysis date and horizon) and the CMP ranking.
        let model_key = ModelKey::new(as_of, params);
        let stage = self.models(model_key);
        let growth = self.growth((window_key, model_key), &history, &window, &stage);
        let models_fitted = stage.models.bgnbd.is_ok() && stage.models.gamma_gamma.is_ok();

        // The aggregates read the active customers' compact arrays, in customer order (so
        // every sum adds in the order the rows list them); the rows are built on first use.
        let members: Vec<Member> = active
            .iter()
            .zip(rfv)
            .zip(score_of.iter().zip(&window.positions))
            .zip(&growth.active_clv)
            .map(
                |(((&c, &(recency, frequency, value)), (&s, &position)), &clv)| Member {
                    segment: params.segment_map.get(s.r, s.f, s.v),
                    scores: s,
                    tier: tier(position),
                    recency,
                    frequency,
                    value,
                    margin: window.rows[c].margin,
                    clv,
                },
            )
            .collect();
        let (migration_matrix, migrants) = self.migrations(&window, &tier);
        let classes = ValueClasses {
            cmv: class_of(
                members
                    .iter()
                    .zip(&window.positions)
                    .filter(|(_, p)| **p <= params.cmv_share + CUT_SLACK)
                    .map(|(m, _)| m.value),
            ),
            migrants,
            cmp: models_fitted.then(|| {
                class_of(
                    growth
                        .positions
                        .iter()
                        .filter(|g| g.1 <= params.cmp_share + CUT_SLACK)
                        .map(|g| window.rows[g.0].value),
                )
            }),
            bz: self.has_margin.then(|| {
                class_of(
                    members
                        .iter()
                        .filter(|m| {
                            m.margin.is_some_and(|g| {
                                below_zero(g, m.frequency, params.cost_to_serve_per_occasion)
                            })
                        })
                        .map(|m| m.value),
                )
            }),
        };
        // The answered and the active customers are both by customer: one walk of each.
        let mut quadrants = QuadrantCounts::default();
        let (mut surveyed, mut i) = (0, 0);
        for a in answers.answered.iter().filter(|a| a.satisfaction.is_some()) {
            let c = a.customer as usize;
            while active.get(i).is_some_and(|&x| x < c) {
                i += 1;
            }
            let active_here = active.get(i) == Some(&c);
            quadrants.add(quadrant(
                a.satisfaction,
                scale,
                params.satisfied_when,
                active_here.then(|| loyalty(score_of[i])),
                params.loyalty_threshold,
            ));
            surveyed += 1;
        }
        quadrants.no_survey += self.customers - surveyed;

        let segments = segment_table(
            members
                .iter()
                .map(|m| (m.segment, m.recency, m.frequency, m.value)),
        );
        let (score_distributions, rf_heatmap) =
            distributions(members.iter().map(|m| (m.scores, m.value)));
        let pyramid = pyramid(
            members
                .iter()
                .map(|m| (m.tier, m.value, m.margin, m.frequency)),
            self.customers - active.len(),
            self.has_margin,
        );
        let clv_by_segment = clv_groups(
            &Segment::ALL,
            Segment::index,
            members.iter().filter_map(|m| Some((m.segment, m.clv?))),
        );
        // Each tier's CLVs in customer order: the active customers', then the inactive ones'.
        let clv_by_tier = clv_groups(
            &Tier::ALL,
            Tier::index,
            members
                .iter()
                .filter_map(|m| Some((m.tier, m.clv?)))
                .chain(growth.inactive_clv.iter().map(|&v| (Tier::Inactivo, v))),
        );
        let pareto = pareto(&window.values_desc, params.pareto_top_share);

        let value: f64 = rfv.iter().map(|x| x.2).sum();
        let occasions: usize = rfv.iter().map(|x| x.1 as usize).sum();
        let kpis = Kpis {
            active_customers: active.len(),
            value,
            occasions,
            average_ticket: share(value, occasions as f64),
            purchases_per_customer: share(occasions as f64, active.len() as f64),
            retention_rate: (!window.previous.is_empty())
                .then(|| window.retained as f64 / window.previous.len() as f64),
            top20_value_share: pareto.top_value_share,
        };
        Analysis {
            as_of,
            survey_scale: scale,
            window_start,
            previous_window_start,
            ranked_by_margin: self.has_margin,
            kpis,
            customers: Customers::lazy(RowSource {
                params: params.clone(),
                window_start,
                scale,
                overdue_key,
                history: Arc::clone(&history),
                window: Arc::clone(&window),
                models: Arc::clone(&stage),
                growth: Arc::clone(&growth),
                answers: Arc::clone(&answers),
                scores,
            }),
            returns_without_purchase: window.returns_without_purchase,
            score_distributions,
            rf_heatmap,
            segments,
            pareto,
            pyramid,
            migration: migration_matrix,
            zones: answers.zones.clone(),
            quadrants,
            nps: answers.nps.clone(),
            servqual: window.servqual.clone(),
            value_classes: classes,
            overdue: overdue_rows(&overdue, &history, &window),
            trend: calendar.trend.clone(),
            cohorts: calendar.cohorts.clone(),
            models: stage.models.clone(),
            p_alive_histogram: growth.p_alive_histogram.clone(),
            clv_by_segment,
            clv_by_tier,
        }
    }
}
