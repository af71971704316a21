//! The window stage of an analysis: everything that depends only on the analysis date, the
//! window and a few settings (one pass over the occasions), cached in [`Prepared`] so that
//! changing tier cuts, scoring thresholds, segment map or class shares skips it.

use crate::engine::analysis::CustomerMetrics;
use crate::engine::calendar::{month_index, months_before, year_month};
use crate::engine::churn::{OverdueRow, is_overdue, median_gap};
use crate::engine::params::{Params, SatisfactionMode};
use crate::engine::pareto::by_value_desc;
use crate::engine::prepared::Prepared;
use crate::engine::pyramid::{Migration, Tier, top_positions};
use crate::engine::rfv::{Scores, quintile_scores, value_key};
use crate::engine::satisfaction::{Quadrant, ServqualGap, nps_class, pick, servqual, zone};
use crate::engine::segments::share;
use crate::engine::trend::{CohortRow, TrendPoint};
use crate::engine::value_classes::ValueFlags;
use crate::model::{Day, SatisfactionScale};

/// Longest trend and cohort table, in months (50 years): bounds the memory of a mistyped setting.
const MAX_MONTHS: u32 = 600;

/// Everything the window stage depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct WindowKey {
    pub as_of: Day,
    pub window_months: u32,
    pub trend_months: u32,
    pub cohort_months: u32,
    pub satisfaction_mode: SatisfactionMode,
    pub overdue_min_purchases: u32,
    pub overdue_gap_factor: f64,
}

impl WindowKey {
    /// The key of `params` at the resolved analysis date.
    pub fn new(as_of: Day, params: &Params) -> Self {
        WindowKey {
            as_of,
            window_months: params.window_months.max(1),
            trend_months: params.trend_months.clamp(1, MAX_MONTHS),
            cohort_months: params.cohort_months.clamp(1, MAX_MONTHS),
            satisfaction_mode: params.satisfaction_mode,
            overdue_min_purchases: params.overdue_min_purchases,
            overdue_gap_factor: params.overdue_gap_factor,
        }
    }
}

/// The cached window stage.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct WindowStage {
    pub window_start: Day,
    pub previous_window_start: Day,
    /// Every customer with the window fields filled and the ranking fields at their defaults.
    pub customers: Vec<CustomerMetrics>,
    /// Indexes of the active customers.
    pub active: Vec<usize>,
    /// (recency, frequency, value) of each active customer.
    pub rfv: Vec<(u32, u32, f64)>,
    /// Quintile scores of each active customer.
    pub quintiles: Vec<Scores>,
    /// Top positions of the active customers by profitability.
    pub positions: Vec<f64>,
    /// Customers active in the previous window and their top positions there, by customer.
    pub previous: Vec<(usize, f64)>,
    /// How many of `previous` are active in the current window too.
    pub retained: usize,
    /// Window values of the active customers, largest first (the Pareto curve's order).
    pub values_desc: Vec<f64>,
    /// Overdue customers, most overdue first.
    pub overdue: Vec<OverdueRow>,
    pub returns_without_purchase: f64,
    pub trend: Vec<TrendPoint>,
    pub cohorts: Vec<CohortRow>,
    pub servqual: Vec<ServqualGap>,
}

/// Runs the window stage.
pub(crate) fn window_stage(prepared: &Prepared, key: WindowKey) -> WindowStage {
    let as_of = key.as_of;
    let window_start = months_before(as_of, key.window_months);
    let previous_window_start = months_before(as_of, 2 * key.window_months);
    let as_of_month = month_index(as_of);
    let trend_first = as_of_month - key.trend_months as i32 + 1;
    let cohort_first = as_of_month - key.cohort_months as i32 + 1;
    let mut trend = vec![(0usize, 0usize, 0.0f64); (as_of_month - trend_first + 1) as usize];
    let mut cohorts: Vec<(usize, Vec<usize>)> = (cohort_first..=as_of_month)
        .map(|m| (0, vec![0; (as_of_month - m + 1) as usize]))
        .collect();

    let mut customers = Vec::with_capacity(prepared.customers);
    let mut previous_profit: Vec<(usize, f64)> = Vec::new();
    let mut returns_without_purchase = 0.0;
    let mut days: Vec<Day> = Vec::new();
    let mut gaps: Vec<Day> = Vec::new();
    let scale = prepared.survey_scale;
    for c in 0..prepared.customers {
        let occ = prepared.occasions_of(c);
        let upto = occ.partition_point(|o| o.day <= as_of);
        let history = &occ[..upto];
        days.clear();
        days.extend(history.iter().filter(|o| o.purchase).map(|o| o.day));
        let window = &occ[Prepared::between(occ, window_start, as_of)];
        let frequency = window.iter().filter(|o| o.purchase).count() as u32;
        let value: f64 = window.iter().map(|o| o.value).sum();
        let margin = prepared
            .has_margin
            .then(|| window.iter().map(|o| o.margin).sum());
        let previous = &occ[Prepared::between(occ, previous_window_start, window_start)];
        if previous.iter().any(|o| o.purchase) {
            let v: f64 = previous
                .iter()
                .map(|o| {
                    if prepared.has_margin {
                        o.margin
                    } else {
                        o.value
                    }
                })
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

        let surveys = prepared.surveys_of(c);
        let mode = key.satisfaction_mode;
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
                    key.overdue_min_purchases,
                    key.overdue_gap_factor,
                )
            }),
            p_alive: None,
            expected_purchases: None,
            expected_spend: None,
            predicted_value: None,
            clv: None,
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
    let r = quintile_scores(&rfv.iter().map(|x| -i64::from(x.0)).collect::<Vec<_>>());
    let f = quintile_scores(&rfv.iter().map(|x| i64::from(x.1)).collect::<Vec<_>>());
    let v = quintile_scores(&rfv.iter().map(|x| value_key(x.2)).collect::<Vec<_>>());
    let quintiles = (0..rfv.len())
        .map(|i| Scores {
            r: r[i],
            f: f[i],
            v: v[i],
        })
        .collect();
    // Profitability for the pyramid and CMV: margin when the data has it, else value.
    let profits: Vec<f64> = active
        .iter()
        .map(|&c| customers[c].margin.unwrap_or(customers[c].value))
        .collect();
    let positions = top_positions(&profits);
    let previous_positions =
        top_positions(&previous_profit.iter().map(|p| p.1).collect::<Vec<_>>());
    let previous: Vec<(usize, f64)> = previous_profit
        .iter()
        .zip(previous_positions)
        .map(|(&(c, _), p)| (c, p))
        .collect();
    let retained = previous
        .iter()
        .filter(|p| customers[p.0].is_active())
        .count();
    let values_desc = by_value_desc(&rfv.iter().map(|x| x.2).collect::<Vec<_>>());
    let mut overdue: Vec<OverdueRow> = customers
        .iter()
        .filter(|m| m.overdue)
        .map(|m| {
            let (recency, gap) = (
                m.recency.expect("overdue customers have bought"),
                m.median_gap.expect("≥ 3"),
            );
            OverdueRow {
                customer: m.customer,
                recency,
                median_gap: gap,
                days_overdue: f64::from(recency) - key.overdue_gap_factor * gap,
                purchases: m.purchases,
                value: m.value,
            }
        })
        .collect();
    overdue.sort_by(|a, b| {
        b.days_overdue
            .total_cmp(&a.days_overdue)
            .then(a.customer.cmp(&b.customer))
    });
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
    WindowStage {
        window_start,
        previous_window_start,
        customers,
        active,
        rfv,
        quintiles,
        positions,
        previous,
        retained,
        values_desc,
        overdue,
        returns_without_purchase,
        trend,
        cohorts,
        servqual: servqual(
            &prepared.servqual_dimensions,
            prepared.surveys.iter(),
            window_start,
            as_of,
        ),
    }
}
