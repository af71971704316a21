//! The result of one analysis and the pass that computes it from a [`Prepared`] dataset.

use crate::engine::calendar::{month_index, months_before, year_month};
use crate::engine::churn::{OverdueRow, is_overdue, median_gap};
use crate::engine::clv::{ModelKey, Models, PAliveHistogram, SegmentClv, TierClv, clv_groups};
use crate::engine::kpis::Kpis;
use crate::engine::params::Params;
use crate::engine::pareto::{Pareto, pareto};
use crate::engine::prepared::Prepared;
use crate::engine::pyramid::{
    CUT_SLACK, Migration, MigrationMatrix, Pyramid, Tier, assign_tiers, migration, pyramid,
    top_positions,
};
use crate::engine::rfv::{RfHeatmap, ScoreDistributions, Scores, distributions, score_all};
use crate::engine::satisfaction::{
    Nps, NpsClass, Quadrant, QuadrantCounts, ServqualGap, Zone, ZoneCounts, nps_class, pick,
    quadrant, servqual, zone,
};
use crate::engine::segments::{Segment, SegmentRow, segment_table, share};
use crate::engine::trend::{CohortRow, TrendPoint};
use crate::engine::value_classes::{ClassSummary, ValueClasses, ValueFlags};
use crate::model::{Day, SatisfactionScale};
use serde::{Deserialize, Serialize};

/// Everything the engine knows about one customer at the analysis date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// Resolves the analysis date (see [`Analysis::as_of`]).
fn resolve_as_of(prepared: &Prepared, params: &Params) -> Day {
    params
        .as_of
        .or(prepared.last_sale_day)
        .or(prepared.last_any_day)
        .unwrap_or(0)
}

/// Profitability used for ranking: margin when the data has it, else value.
fn profit(m: &CustomerMetrics) -> f64 {
    m.margin.unwrap_or(m.value)
}

impl Prepared {
    /// Runs the analysis for `params`. Cost: one pass over the occasions up to `as_of` plus
    /// sorting the active customers; nothing is re-read from the sales lines.
    pub fn analyze(&self, params: &Params) -> Analysis {
        let as_of = resolve_as_of(self, params);
        let months = params.window_months.max(1);
        let window_start = months_before(as_of, months);
        let previous_window_start = months_before(as_of, 2 * months);
        let as_of_month = month_index(as_of);
        let trend_first = as_of_month - params.trend_months.max(1) as i32 + 1;
        let cohort_first = as_of_month - params.cohort_months.max(1) as i32 + 1;
        let mut trend = vec![(0usize, 0usize, 0.0f64); (as_of_month - trend_first + 1) as usize];
        let mut cohorts: Vec<(usize, Vec<usize>)> = (cohort_first..=as_of_month)
            .map(|m| (0, vec![0; (as_of_month - m + 1) as usize]))
            .collect();

        let mut customers = Vec::with_capacity(self.customers);
        let mut previous_profit: Vec<(usize, f64)> = Vec::new();
        let mut returns_without_purchase = 0.0;
        let mut days: Vec<Day> = Vec::new();
        let mut gaps: Vec<Day> = Vec::new();
        let scale = self.survey_scale;
        for c in 0..self.customers {
            let occ = self.occasions_of(c);
            let upto = occ.partition_point(|o| o.day <= as_of);
            let history = &occ[..upto];
            days.clear();
            days.extend(history.iter().filter(|o| o.purchase).map(|o| o.day));
            let window = &occ[Prepared::between(occ, window_start, as_of)];
            let frequency = window.iter().filter(|o| o.purchase).count() as u32;
            let value: f64 = window.iter().map(|o| o.value).sum();
            let margin = self
                .has_margin
                .then(|| window.iter().map(|o| o.margin).sum());
            let previous = &occ[Prepared::between(occ, previous_window_start, window_start)];
            if previous.iter().any(|o| o.purchase) {
                let v: f64 = previous
                    .iter()
                    .map(|o| if self.has_margin { o.margin } else { o.value })
                    .sum();
                previous_profit.push((c, v));
            }
            if frequency == 0 {
                returns_without_purchase += value;
            }

            // Trend: the months [trend_first, as_of_month] of this customer's history.
            let mut last_month = i32::MIN;
            for o in history.iter().rev().take_while(|o| o.month >= trend_first) {
                let t = &mut trend[(o.month - trend_first) as usize];
                t.2 += o.value;
                if o.purchase {
                    t.1 += 1;
                    if o.month != last_month {
                        t.0 += 1;
                        last_month = o.month;
                    }
                }
            }
            // Cohort: month of the first purchase, then months with a purchase after it.
            let first = history.iter().find(|o| o.purchase);
            if let Some(f) = first.filter(|f| f.month >= cohort_first) {
                let row = &mut cohorts[(f.month - cohort_first) as usize];
                row.0 += 1;
                let mut last_k = usize::MAX;
                for o in history.iter().filter(|o| o.purchase) {
                    let k = (o.month - f.month) as usize;
                    if k != last_k {
                        row.1[k] += 1;
                        last_k = k;
                    }
                }
            }

            let surveys = self.surveys_of(c);
            let mode = params.satisfaction_mode;
            let satisfaction = pick(surveys, mode, window_start, as_of, |s| Some(s.overall));
            let recommend = pick(surveys, mode, window_start, as_of, |s| {
                s.recommend
                    .or((scale == SatisfactionScale::ZeroToTen).then_some(s.overall))
            });
            let gap = median_gap(&days, &mut gaps);
            let last_purchase = days.last().copied();
            let recency = last_purchase.map(|d| (as_of - d) as u32);
            customers.push(CustomerMetrics {
                customer: c as u32,
                first_purchase: first.map(|f| f.day),
                last_purchase,
                purchases: days.len() as u32,
                recency,
                frequency,
                value,
                margin,
                scores: None,
                segment: None,
                tier: Tier::Inactivo,
                previous_tier: Tier::Inactivo,
                migration: Migration::StillInactive,
                satisfaction,
                zone: satisfaction.map(|s| zone(s, scale)),
                quadrant: Quadrant::NoSurvey,
                recommend,
                nps_class: recommend.map(nps_class),
                value_classes: ValueFlags::default(),
                median_gap: gap,
                overdue: recency.is_some_and(|r| {
                    is_overdue(
                        days.len(),
                        r,
                        gap,
                        params.overdue_min_purchases,
                        params.overdue_gap_factor,
                    )
                }),
                p_alive: None,
                expected_purchases: None,
                expected_spend: None,
                predicted_value: None,
                clv: None,
            });
        }

        // Scores, segments, tiers and CMV over the active customers.
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
        let profits: Vec<f64> = active.iter().map(|&c| profit(&customers[c])).collect();
        let positions = top_positions(&profits);
        let tiers = assign_tiers(&positions, &params.tier_cuts);
        let cmv_cut = params.cmv_share + CUT_SLACK;
        for (i, (&c, s)) in active
            .iter()
            .zip(score_all(&params.scoring, &rfv))
            .enumerate()
        {
            let m = &mut customers[c];
            m.scores = Some(s);
            m.segment = Some(params.segment_map.get(s.r, s.f, s.v));
            m.tier = tiers[i];
            m.value_classes.cmv = positions[i] <= cmv_cut;
        }
        let previous_tiers = assign_tiers(
            &top_positions(&previous_profit.iter().map(|p| p.1).collect::<Vec<_>>()),
            &params.tier_cuts,
        );
        for (&(c, _), t) in previous_profit.iter().zip(previous_tiers) {
            customers[c].previous_tier = t;
        }

        // Model outputs (cached per analysis date and horizon) and the CMP class.
        let stage = self.models(ModelKey {
            as_of,
            prediction_days: params.prediction_days,
            clv_months: params.clv_months,
            monthly_discount: params.monthly_discount,
        });
        let mut p_alive_histogram = PAliveHistogram::default();
        let mut growth: Vec<(usize, f64)> = Vec::new();
        for (m, pred) in customers.iter_mut().zip(&stage.predictions) {
            m.p_alive = pred.p_alive;
            m.expected_purchases = pred.expected_purchases;
            m.expected_spend = pred.expected_spend;
            m.predicted_value = pred.predicted_value;
            m.clv = pred.clv;
            if let Some(p) = m.p_alive {
                if m.purchases == 1 {
                    p_alive_histogram.one_time_buyers += 1;
                } else {
                    p_alive_histogram.bins[((p * 10.0) as usize).min(9)] += 1;
                }
            }
            if let Some(v) = m.predicted_value.filter(|v| *v > m.value) {
                growth.push((m.customer as usize, v - m.value));
            }
        }
        let cmp_cut = params.cmp_share + CUT_SLACK;
        let growth_positions = top_positions(&growth.iter().map(|g| g.1).collect::<Vec<_>>());
        for (&(c, _), p) in growth.iter().zip(growth_positions) {
            customers[c].value_classes.cmp = p <= cmp_cut;
        }
        let models_fitted = stage.models.bgnbd.is_ok() && stage.models.gamma_gamma.is_ok();

        // Per-customer classes that need the scores and tiers, and their aggregates.
        let mut migration_matrix = MigrationMatrix::default();
        let mut zones = ZoneCounts::default();
        let mut quadrants = QuadrantCounts::default();
        let mut nps = Nps::default();
        let mut classes = ValueClasses {
            bz: self.has_margin.then(ClassSummary::default),
            cmp: models_fitted.then(ClassSummary::default),
            ..ValueClasses::default()
        };
        let mut overdue = Vec::new();
        for m in &mut customers {
            let new = m.first_purchase.is_some_and(|d| d > window_start);
            m.migration = migration(m.previous_tier, m.tier, new);
            migration_matrix.add(m.previous_tier, m.tier, m.migration);
            let loyalty = m.scores.map(|s| f64::from(s.r + s.f) / 2.0);
            m.quadrant = quadrant(
                m.satisfaction,
                scale,
                params.satisfied_when,
                loyalty,
                params.loyalty_threshold,
            );
            zones.add(m.zone);
            quadrants.add(m.quadrant);
            if let Some(class) = m.nps_class {
                nps.add(class);
            }
            let flags = &mut m.value_classes;
            flags.migrant = m.tier != m.previous_tier && m.migration != Migration::New;
            if m.frequency > 0 {
                flags.bz = m
                    .margin
                    .map(|g| g - params.cost_to_serve_per_occasion * f64::from(m.frequency) < 0.0);
            }
            if flags.cmv {
                classes.cmv.add(m.value);
            }
            if flags.migrant {
                classes.migrants.add(m.value);
            }
            if let (true, Some(cmp)) = (flags.cmp, classes.cmp.as_mut()) {
                cmp.add(m.value);
            }
            if let (Some(true), Some(bz)) = (flags.bz, classes.bz.as_mut()) {
                bz.add(m.value);
            }
            if m.overdue {
                let (recency, gap) = (
                    m.recency.expect("overdue customers have bought"),
                    m.median_gap.expect("≥ 3"),
                );
                overdue.push(OverdueRow {
                    customer: m.customer,
                    recency,
                    median_gap: gap,
                    days_overdue: f64::from(recency) - params.overdue_gap_factor * gap,
                    purchases: m.purchases,
                    value: m.value,
                });
            }
        }
        nps.finish();
        overdue.sort_by(|a, b| {
            b.days_overdue
                .total_cmp(&a.days_overdue)
                .then(a.customer.cmp(&b.customer))
        });

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
        let pyramid = pyramid(
            members().map(|m| (m.tier, m.value, m.margin, m.frequency)),
            customers.len() - active.len(),
            self.has_margin,
        );
        let clv_by_segment = clv_groups(
            &Segment::ALL,
            members().filter_map(|m| Some((m.segment?, m.clv?))),
        );
        let clv_by_tier = clv_groups(
            &Tier::ALL,
            customers.iter().filter_map(|m| Some((m.tier, m.clv?))),
        );
        let values: Vec<f64> = rfv.iter().map(|x| x.2).collect();
        let pareto = pareto(&values, params.pareto_top_share);

        let value: f64 = values.iter().sum();
        let occasions: usize = rfv.iter().map(|x| x.1 as usize).sum();
        let retained = previous_profit
            .iter()
            .filter(|p| customers[p.0].is_active())
            .count();
        let kpis = Kpis {
            active_customers: active.len(),
            value,
            occasions,
            average_ticket: share(value, occasions as f64),
            purchases_per_customer: share(occasions as f64, active.len() as f64),
            retention_rate: (!previous_profit.is_empty())
                .then(|| retained as f64 / previous_profit.len() as f64),
            top20_value_share: pareto.top_value_share,
        };
        let trend = trend
            .into_iter()
            .enumerate()
            .map(|(i, (active_customers, occasions, value))| {
                let (year, month) = year_month(trend_first + i as i32);
                TrendPoint {
                    year,
                    month,
                    active_customers,
                    occasions,
                    value,
                }
            })
            .collect();
        let cohorts = cohorts
            .into_iter()
            .enumerate()
            .map(|(i, (size, active))| {
                let (year, month) = year_month(cohort_first + i as i32);
                let retention = active
                    .iter()
                    .map(|&a| share(a as f64, size as f64))
                    .collect();
                CohortRow {
                    year,
                    month,
                    customers: size,
                    active,
                    retention,
                }
            })
            .collect();
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
            pyramid,
            migration: migration_matrix,
            zones,
            quadrants,
            nps,
            servqual: servqual(
                &self.servqual_dimensions,
                self.surveys.iter(),
                window_start,
                as_of,
            ),
            value_classes: classes,
            overdue,
            trend,
            cohorts,
            models: stage.models.clone(),
            p_alive_histogram,
            clv_by_segment,
            clv_by_tier,
        }
    }
}
