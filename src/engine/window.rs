//! The date-dependent stages of an analysis, each cached in [`Prepared`] under only the
//! parameters it depends on, so that changing one setting recomputes only its own part:
//!
//! - the *history stage* (key: analysis date): each customer's whole history up to `as_of`
//!   (first and last purchase, purchase occasions, recency, median gap);
//! - the *calendar stage* (date, trend and cohort lengths): the monthly trend and cohorts;
//! - the *window stage* (date, window length): window frequency, value and margin, the
//!   active customers and every ranking over them (quintiles, top positions, previous window,
//!   Pareto order), SERVQUAL;
//! - the *overdue order* (date and overdue rule; the window values are added per analysis).
//!
//! None of them depends on tier cuts, scoring thresholds, segment map or class shares, nor on
//! the satisfaction settings (the analysis pass reads the surveys itself).

use crate::engine::calendar::{month_index, months_before, year_month};
use crate::engine::churn::{OverdueRow, is_overdue, median_gap};
use crate::engine::params::Params;
use crate::engine::pareto::by_value_desc;
use crate::engine::prepared::{Occasion, Prepared};
use crate::engine::pyramid::{top_positions, top_positions_in_order};
use crate::engine::rfv::{Scores, quintile_scores, quintiles_in_order, value_words};
use crate::engine::satisfaction::{ServqualGap, servqual};
use crate::engine::segments::share;
use crate::engine::trend::{CohortRow, TrendPoint};
use crate::model::Day;
use crate::radix;

/// Longest trend and cohort table, in months (50 years): bounds the memory of a mistyped setting.
const MAX_MONTHS: u32 = 600;

/// One customer's purchase occasions up to `as_of` (whole history; return-only occasions are
/// not purchases).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct HistoryRow {
    pub first_purchase: Option<Day>,
    pub last_purchase: Option<Day>,
    /// Days from `last_purchase` to `as_of`.
    pub recency: Option<u32>,
    /// Purchase occasions.
    pub purchases: u32,
    /// Median gap between consecutive purchase days ([`median_gap`]).
    pub median_gap: Option<f64>,
}

impl HistoryRow {
    /// The overdue signal (DOMAIN.md §6) under a rule: ≥ `min_purchases` purchases and
    /// recency > `gap_factor` × median gap ([`is_overdue`]).
    pub fn overdue(&self, min_purchases: u32, gap_factor: f64) -> bool {
        self.recency.is_some_and(|r| {
            is_overdue(
                self.purchases as usize,
                r,
                self.median_gap,
                min_purchases,
                gap_factor,
            )
        })
    }
}

/// The cached history stage: one row per customer.
#[derive(Debug)]
pub(crate) struct HistoryStage {
    pub rows: Vec<HistoryRow>,
}

/// Runs the history stage at `as_of`.
pub(crate) fn history_stage(prepared: &Prepared, as_of: Day) -> HistoryStage {
    let mut days: Vec<Day> = Vec::new();
    let mut gaps: Vec<Day> = Vec::new();
    let rows = (0..prepared.customers)
        .map(|c| {
            let occ = prepared.occasions_of(c);
            let history = &occ[..occ.partition_point(|o| o.day <= as_of)];
            days.clear();
            days.extend(history.iter().filter(|o| o.purchase()).map(|o| o.day));
            let last_purchase = days.last().copied();
            HistoryRow {
                first_purchase: days.first().copied(),
                last_purchase,
                recency: last_purchase.map(|d| (as_of - d) as u32),
                purchases: days.len() as u32,
                median_gap: median_gap(&days, &mut gaps),
            }
        })
        .collect();
    HistoryStage { rows }
}

/// Everything the calendar stage depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CalendarKey {
    pub as_of: Day,
    pub trend_months: u32,
    pub cohort_months: u32,
}

impl CalendarKey {
    /// The key of `params` at the resolved analysis date.
    pub fn new(as_of: Day, params: &Params) -> Self {
        CalendarKey {
            as_of,
            trend_months: params.trend_months.clamp(1, MAX_MONTHS),
            cohort_months: params.cohort_months.clamp(1, MAX_MONTHS),
        }
    }
}

/// The cached calendar stage.
#[derive(Debug)]
pub(crate) struct CalendarStage {
    pub trend: Vec<TrendPoint>,
    pub cohorts: Vec<CohortRow>,
}

/// Runs the calendar stage: the trend over the months `[as_of month − trend_months + 1,
/// as_of month]` (per month: customers with a purchase, purchase occasions, net value of every
/// occasion), and the cohorts of the last `cohort_months` months (customers by month of first
/// purchase; per later month `k`, those with a purchase in month `k` after the first).
pub(crate) fn calendar_stage(prepared: &Prepared, key: CalendarKey) -> CalendarStage {
    let as_of = key.as_of;
    let as_of_month = month_index(as_of);
    let trend_first = as_of_month - key.trend_months as i32 + 1;
    let cohort_first = as_of_month - key.cohort_months as i32 + 1;
    let mut trend = vec![(0usize, 0usize, 0.0f64); (as_of_month - trend_first + 1) as usize];
    let mut cohorts: Vec<(usize, Vec<usize>)> = (cohort_first..=as_of_month)
        .map(|m| (0, vec![0; (as_of_month - m + 1) as usize]))
        .collect();
    for c in 0..prepared.customers {
        let occ = prepared.occasions_of(c);
        let history = &occ[..occ.partition_point(|o| o.day <= as_of)];
        let mut last_month = i32::MIN;
        for o in history
            .iter()
            .rev()
            .take_while(|o| o.month() >= trend_first)
        {
            let t = &mut trend[(o.month() - trend_first) as usize];
            t.2 += o.value;
            if o.purchase() {
                t.1 += 1;
                if o.month() != last_month {
                    t.0 += 1;
                    last_month = o.month();
                }
            }
        }
        let first = history.iter().find(|o| o.purchase());
        if let Some(f) = first.filter(|f| f.month() >= cohort_first) {
            let row = &mut cohorts[(f.month() - cohort_first) as usize];
            row.0 += 1;
            let mut last_k = usize::MAX;
            for o in history.iter().filter(|o| o.purchase()) {
                let k = (o.month() - f.month()) as usize;
                if k != last_k {
                    row.1[k] += 1;
                    last_k = k;
                }
            }
        }
    }
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
    CalendarStage { trend, cohorts }
}

/// Everything the window stage depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct WindowKey {
    pub as_of: Day,
    pub window_months: u32,
}

impl WindowKey {
    /// The key of `params` at the resolved analysis date.
    pub fn new(as_of: Day, params: &Params) -> Self {
        WindowKey {
            as_of,
            window_months: params.window_months.max(1),
        }
    }
}

/// One customer's occasions in the window (`window_start`, `as_of`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct WindowRow {
    /// Purchase occasions.
    pub frequency: u32,
    /// Net value, return-only occasions included.
    pub value: f64,
    /// Margin, when the sales carry it.
    pub margin: Option<f64>,
}

/// A customer active in the window or in the previous window, with what the migration
/// between the two (DOMAIN.md §3) needs under any tier cuts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Move {
    /// Top position in the window, `None` when not active.
    pub now: Option<f64>,
    /// Top position in the previous window, `None` when not active there.
    pub before: Option<f64>,
    /// Whether the first purchase falls in the window.
    pub new: bool,
    /// Window value (what the migrants' class sums).
    pub value: f64,
}

/// The cached window stage.
#[derive(Debug)]
pub(crate) struct WindowStage {
    pub window_start: Day,
    pub previous_window_start: Day,
    /// One row per customer.
    pub rows: Vec<WindowRow>,
    /// Indexes of the active customers (frequency > 0).
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
    /// The customers active in the window or the previous one, by customer: what a migration
    /// matrix reads (everyone else stayed inactive).
    pub moves: Vec<Move>,
    /// Window values of the active customers, largest first (the Pareto curve's order).
    pub values_desc: Vec<f64>,
    pub returns_without_purchase: f64,
    pub servqual: Vec<ServqualGap>,
}

/// Runs the window stage: per customer, one walk of the occasions sums those of the previous
/// window (`previous_window_start`, `window_start`] and of the window (`window_start`,
/// `as_of`], each in day order; then the rankings of the active customers.
pub(crate) fn window_stage(
    prepared: &Prepared,
    key: WindowKey,
    history: &HistoryStage,
) -> WindowStage {
    let as_of = key.as_of;
    let window_start = months_before(as_of, key.window_months);
    let previous_window_start = months_before(as_of, 2 * key.window_months);
    let has_margin = prepared.has_margin;
    let mut previous_profit: Vec<(usize, f64)> = Vec::new();
    let mut returns_without_purchase = 0.0;
    let mut rows: Vec<WindowRow> = Vec::with_capacity(prepared.customers);
    let (mut active, mut rfv) = (Vec::new(), Vec::new());
    let bounds = [previous_window_start, window_start, as_of];
    for c in 0..prepared.customers {
        let occasions = prepared.occasions_of(c);
        let sums = if has_margin {
            let margins = prepared.margins_of(c).iter().copied();
            walk(occasions.iter().zip(margins), bounds)
        } else {
            walk(
                occasions.iter().zip(occasions.iter().map(|o| o.value)),
                bounds,
            )
        };
        let WalkSums {
            frequency,
            value,
            margin,
            bought_before,
            profit_before,
        } = sums;
        if bought_before {
            previous_profit.push((c, profit_before));
        }
        if frequency == 0 {
            returns_without_purchase += value;
        } else {
            let recency = history.rows[c].recency;
            active.push(c);
            rfv.push((
                recency.expect("active customers have bought"),
                frequency,
                value,
            ));
        }
        rows.push(WindowRow {
            frequency,
            value,
            margin: has_margin.then_some(margin),
        });
    }
    let r = quintile_scores(&rfv.iter().map(|x| -i64::from(x.0)).collect::<Vec<_>>());
    let f = quintile_scores(&rfv.iter().map(|x| i64::from(x.1)).collect::<Vec<_>>());
    // One sort of the values serves the V scores and the Pareto order.
    let values: Vec<f64> = rfv.iter().map(|x| x.2).collect();
    let value_words = value_words(&values);
    let by_value = radix::argsort(&value_words);
    let v = quintiles_in_order(&value_words, &by_value);
    let quintiles = (0..rfv.len())
        .map(|i| Scores {
            r: r[i],
            f: f[i],
            v: v[i],
        })
        .collect();
    // Profitability for the pyramid and CMV: margin when the data has it, else value (whose
    // sort the V scores already did).
    let positions = if has_margin {
        let margins: Vec<f64> = active
            .iter()
            .map(|&c| rows[c].margin.unwrap_or(rows[c].value))
            .collect();
        top_positions(&margins)
    } else {
        top_positions_in_order(&value_words, &by_value)
    };
    let previous_positions =
        top_positions(&previous_profit.iter().map(|p| p.1).collect::<Vec<_>>());
    let previous: Vec<(usize, f64)> = previous_profit
        .iter()
        .zip(previous_positions)
        .map(|(&(c, _), p)| (c, p))
        .collect();
    let retained = previous.iter().filter(|p| rows[p.0].frequency > 0).count();
    let moves = moves(&active, &positions, &previous, retained, |c| Move {
        now: None,
        before: None,
        new: history.rows[c]
            .first_purchase
            .is_some_and(|d| d > window_start),
        value: rows[c].value,
    });
    let values_desc = by_value_desc(&values, &by_value);
    WindowStage {
        window_start,
        previous_window_start,
        rows,
        active,
        rfv,
        quintiles,
        positions,
        previous,
        retained,
        moves,
        values_desc,
        returns_without_purchase,
        servqual: servqual(
            &prepared.servqual_dimensions,
            &prepared.servqual_answers,
            window_start,
            as_of,
        ),
    }
}

/// One customer's sums over the window and the previous window.
struct WalkSums {
    /// Purchase occasions in the window.
    frequency: u32,
    /// Value of the window's occasions.
    value: f64,
    /// Profit (margin, else value) of the window's occasions.
    margin: f64,
    /// Whether the previous window has a purchase occasion.
    bought_before: bool,
    /// Profit of the previous window's occasions.
    profit_before: f64,
}

/// One walk of a customer's occasions with their profits (margin, else value), each tested
/// against both windows without a branch (a binary search per window boundary mispredicts on
/// most of the ≈ 6 occasions a customer has). The sums add −0.0, the identity of `+`, for an
/// occasion outside their window, so each is the sum of its window's occasions in day order
/// (the order fixes the rounding) from −0.0 as `Iterator::sum` starts, and an empty sum stays
/// −0.0. `bounds` are the previous window's start, the window's start and the analysis date.
#[inline(always)]
fn walk<'a>(occasions: impl Iterator<Item = (&'a Occasion, f64)>, bounds: [Day; 3]) -> WalkSums {
    let [previous_window_start, window_start, as_of] = bounds;
    let (mut frequency, mut value, mut margin) = (0u32, -0.0, -0.0);
    let (mut bought_before, mut profit_before) = (false, -0.0);
    for (o, profit) in occasions {
        let in_window = (o.day > window_start) & (o.day <= as_of);
        let in_previous = (o.day > previous_window_start) & (o.day <= window_start);
        frequency += u32::from(in_window & o.purchase());
        value += if in_window { o.value } else { -0.0 };
        margin += if in_window { profit } else { -0.0 };
        bought_before |= in_previous & o.purchase();
        profit_before += if in_previous { profit } else { -0.0 };
    }
    WalkSums {
        frequency,
        value,
        margin,
        bought_before,
        profit_before,
    }
}

/// Merges the active customers (with their `positions`) and the `previous` window's
/// (`retained` of them in both) into one list by customer; `blank` gives a customer's move
/// before its two positions are set.
fn moves(
    active: &[usize],
    positions: &[f64],
    previous: &[(usize, f64)],
    retained: usize,
    blank: impl Fn(usize) -> Move,
) -> Vec<Move> {
    let mut moves = Vec::with_capacity(active.len() + previous.len() - retained);
    let only_before = |&(c, before): &(usize, f64)| Move {
        before: Some(before),
        ..blank(c)
    };
    let mut j = 0;
    for (&c, &now) in active.iter().zip(positions) {
        while let Some(p) = previous.get(j).filter(|p| p.0 < c) {
            moves.push(only_before(p));
            j += 1;
        }
        let before = previous.get(j).filter(|p| p.0 == c).map(|p| p.1);
        j += usize::from(before.is_some());
        moves.push(Move {
            now: Some(now),
            before,
            ..blank(c)
        });
    }
    moves.extend(previous[j..].iter().map(only_before));
    moves
}

/// Everything the overdue order depends on: the date (history rows) and the overdue rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct OverdueKey {
    pub as_of: Day,
    pub min_purchases: u32,
    pub gap_factor: f64,
}

impl OverdueKey {
    /// The key of `params` at the resolved analysis date.
    pub fn new(as_of: Day, params: &Params) -> Self {
        OverdueKey {
            as_of,
            min_purchases: params.overdue_min_purchases,
            gap_factor: params.overdue_gap_factor,
        }
    }
}

/// The overdue customers ([`HistoryRow::overdue`]) with their
/// `days_overdue = recency − gap_factor × median gap`, most overdue first (then by customer).
/// It does not depend on the window: [`overdue_rows`] adds the window values.
pub(crate) fn overdue_order(history: &HistoryStage, key: OverdueKey) -> Vec<(u32, f64)> {
    let mut order: Vec<(u32, f64)> = history
        .rows
        .iter()
        .enumerate()
        .filter(|(_, h)| h.overdue(key.min_purchases, key.gap_factor))
        .map(|(c, h)| {
            let recency = h.recency.expect("overdue customers have bought");
            let gap = h.median_gap.expect("≥ 3");
            (c as u32, f64::from(recency) - key.gap_factor * gap)
        })
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order
}

/// The overdue list in `order` ([`overdue_order`]), with each customer's history and window
/// value.
pub(crate) fn overdue_rows(
    order: &[(u32, f64)],
    history: &HistoryStage,
    window: &WindowStage,
) -> Vec<OverdueRow> {
    order
        .iter()
        .map(|&(c, days_overdue)| {
            let h = &history.rows[c as usize];
            OverdueRow {
                customer: c,
                recency: h.recency.expect("overdue customers have bought"),
                median_gap: h.median_gap.expect("≥ 3"),
                days_overdue,
                purchases: h.purchases,
                value: window.rows[c as usize].value,
            }
        })
        .collect()
}
