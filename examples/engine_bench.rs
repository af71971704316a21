//! Native benchmark of the analytics engine (figures go to BENCHMARKS.md, section "Engine").
//!
//! ```text
//! CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run --release --example engine_bench [customers]
//! ```
//!
//! 1. The demo pharmacy (`fideliza::demo::generate`) with 100,000 customers (≈ 1M lines):
//!    the one-off `Prepared::new`, a full analysis (model fit included), then re-analyses after
//!    one parameter change each (tier cuts; window length; overdue rule; satisfaction mode; a
//!    new date; a date analysed before; the CLV discount), each reusing the cached stages the
//!    change leaves valid, and after going back to the previous window or date, the per-customer rows of an analysis (built when first read), and
//!    a fingerprint of seven analyses (equal fingerprints from two builds of the engine mean
//!    equal results); then the Clientes page's list of every
//!    customer (`customer_list::select`) by value and by name, and its filter choices; the BG/NBD
//!    fit alone; the window change again on the same sales without margin.
//! 2. The BG/NBD fit on the CDNOW summary, side by side with Python's `lifetimes` package
//!    (`BetaGeoFitter().fit`) in the same run, when `$PYTHON -c "import lifetimes"` works
//!    (`PYTHON` defaults to `python3`).
//!
//! Every timed result is also checked, so a fast wrong answer fails the run.

use fideliza::customer_filter::{self, TextField};
use fideliza::customer_list::{self, ListQuery, SortKey};
use fideliza::demo::{DemoConfig, generate};
use fideliza::engine::models::fit_bgnbd;
use fideliza::engine::{Analysis, Params, Prepared, SatisfactionMode, Summary, TierCuts};
use fideliza::model::OptNumber;
use fideliza::selection::Selection;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::process::Command;
use std::time::{Duration, Instant};

const CDNOW: &str =
    include_str!("../tests/data/cdnow/cdnow_customers_summary_with_transactions.csv");

/// Median wall time of `runs` calls of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times[runs / 2], last.expect("at least one run"))
}

/// The median time of `runs` analyses cycling through `sets` (so that each is a change), and
/// the last analysis. Two sets measure going back to the previous parameters; more sets than
/// the engine keeps stages for (see `src/engine/prepared.rs`) measure a change to parameters
/// not analysed lately.
fn cycling(runs: usize, prepared: &Prepared, sets: &[Params]) -> (Duration, Analysis) {
    let mut i = 0;
    median(runs, || {
        i += 1;
        prepared.analyze(&sets[i % sets.len()])
    })
}

/// Seven parameter sets that differ in the window length and in the overdue rule.
fn new_windows(params: &Params) -> Vec<Params> {
    (0..7)
        .map(|k| {
            params
                .clone()
                .window_months(6 + k)
                .overdue_gap_factor(1.5 + 0.05 * f64::from(k))
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let customers: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let start = Instant::now();
    let data = generate(&DemoConfig {
        customers,
        ..DemoConfig::default()
    });
    println!(
        "dataset: {} customers, {} sales lines, {} surveys (generated in {:.0} ms)",
        data.customer_ids.len(),
        data.sales.len(),
        data.surveys.len(),
        ms(start.elapsed())
    );

    let (t_prepare, prepared) = median(3, || Prepared::new(&data));
    println!(
        "Prepared::new (group lines into occasions, once per dataset): {:.1} ms",
        ms(t_prepare)
    );

    // First analysis at a new date: includes the BG/NBD + Gamma-Gamma fit and predictions.
    let params = Params::default();
    let start = Instant::now();
    let first = prepared.analyze(&params);
    let t_first = start.elapsed();
    let bg = first.models.bgnbd.as_ref().expect("BG/NBD fits the demo");
    let gg = first
        .models
        .gamma_gamma
        .as_ref()
        .expect("Gamma-Gamma fits the demo");
    assert_eq!(
        first.kpis.active_customers,
        first
            .pyramid
            .tiers
            .iter()
            .map(|t| t.customers)
            .sum::<usize>()
    );
    println!(
        "analyze, new date (model fit + predictions + every metric): {:.1} ms  [BG/NBD {} it., Gamma-Gamma {} it., {} active]",
        ms(t_first),
        bg.iterations,
        gg.iterations,
        first.kpis.active_customers
    );

    // Ranking changes (tier cuts, scoring, shares): window and model stages are reused.
    let ranking = [
        params
            .clone()
            .tier_cuts(TierCuts::practitioner())
            .cmv_share(0.1),
        params.clone(),
    ];
    let (t_rank, a) = cycling(15, &prepared, &ranking);
    assert_eq!(a.models, first.models);
    println!(
        "analyze after a ranking change (tier cuts, shares; window and models cached): {:.1} ms",
        ms(t_rank)
    );
    // The per-customer rows, built when first read (the customer list, campaigns, the card).
    let mut row_times: Vec<Duration> = (0..15)
        .map(|k| {
            let a = prepared.analyze(&ranking[k % 2]);
            let start = Instant::now();
            assert_eq!(a.customers.len(), data.customer_ids.len());
            start.elapsed()
        })
        .collect();
    row_times.sort();
    println!(
        "the rows of that analysis, built on first read ({} customers): {:.1} ms",
        data.customer_ids.len(),
        ms(row_times[row_times.len() / 2])
    );
    // Window changes: the window stage (one pass over the occasions and the rankings of the
    // active customers) is recomputed, the history, calendar and model stages are reused.
    let windows = new_windows(&params);
    let (t_window, a) = cycling(15, &prepared, &windows);
    assert_eq!(a.models, first.models);
    println!(
        "analyze after a window change (window length and overdue rule; models cached): {:.1} ms",
        ms(t_window)
    );
    // Back and forth between two windows (a consultant comparing them).
    let back_and_forth = [
        params.clone().window_months(6),
        params.clone().overdue_gap_factor(1.5),
    ];
    let (t_back_window, a) = cycling(15, &prepared, &back_and_forth);
    assert_eq!(a.models, first.models);
    println!(
        "analyze back at the previous window (window length and overdue rule): {:.1} ms",
        ms(t_back_window)
    );
    // A window whose stages were prepared ahead, as Ajustes does for a month either side:
    // the preparation (untimed here) ran in tasks of its own before the change.
    let mut ahead: Vec<Duration> = (14..29)
        .map(|months| {
            let next = params.clone().window_months(months);
            while prepared.prepare_step(&next) {}
            let start = Instant::now();
            assert_eq!(prepared.analyze(&next).models, first.models);
            start.elapsed()
        })
        .collect();
    ahead.sort();
    println!(
        "analyze at a window prepared ahead: {:.1} ms",
        ms(ahead[ahead.len() / 2])
    );
    // Settings outside the window stage: the overdue rule (three, more than the two orders
    // kept), the satisfaction mode (back and forth: both modes' answers are kept).
    let overdue = [1.5, 1.75, 2.0].map(|g| params.clone().overdue_gap_factor(g));
    let (t_overdue, _) = cycling(15, &prepared, &overdue);
    println!(
        "analyze after a change of the overdue rule: {:.1} ms",
        ms(t_overdue)
    );
    let modes = [SatisfactionMode::Latest, SatisfactionMode::WindowMean]
        .map(|m| params.clone().satisfaction_mode(m));
    let (t_modes, _) = cycling(15, &prepared, &modes);
    println!(
        "analyze back at the previous satisfaction mode: {:.1} ms",
        ms(t_modes)
    );
    // Fingerprint of the results of several parameter sets, to compare two builds of the engine.
    let variants = [
        params.clone(),
        params.clone().window_months(6),
        params
            .clone()
            .overdue_gap_factor(1.5)
            .overdue_min_purchases(4),
        params
            .clone()
            .satisfaction_mode(SatisfactionMode::WindowMean),
        params.clone().tier_cuts(TierCuts::practitioner()),
        params.clone().trend_months(36).cohort_months(6),
        params
            .clone()
            .as_of(Some(first.as_of - 45))
            .window_months(3),
    ];
    let mut hasher = DefaultHasher::new();
    for p in &variants {
        serde_json::to_string(&prepared.analyze(p))
            .expect("serialisable")
            .hash(&mut hasher);
    }
    println!(
        "fingerprint of {} analyses: {:016x}",
        variants.len(),
        hasher.finish()
    );

    // The model stage alone: a new date minus a cached analysis at that date.
    let mut day = first.as_of;
    let (t_models, _) = median(3, || {
        day -= 1;
        prepared.analyze(&Params::default().as_of(Some(day)))
    });
    println!(
        "analyze at a new date (model refit included): {:.1} ms",
        ms(t_models)
    );
    // Back to dates fitted above: the fits are kept, everything else is recomputed.
    let (t_back, a) = median(5, || {
        day += 1;
        prepared.analyze(&Params::default().as_of(Some(first.as_of - 1 - day % 3)))
    });
    assert!(a.models.bgnbd.is_ok());
    println!(
        "analyze back at a date analysed before (fits kept, predictions recomputed): {:.1} ms",
        ms(t_back)
    );
    // The same, as the page runs it: each stage a task of its own (`prepare_step`), then the
    // analysis. The longest step and the analysis are what the page's longest task costs.
    let mut steps: Vec<(Duration, Duration)> = (0..5)
        .map(|k| {
            let p = Params::default().as_of(Some(first.as_of - 1 - (day + k) % 3));
            let mut longest = Duration::ZERO;
            loop {
                let start = Instant::now();
                let more = prepared.prepare_step(&p);
                longest = longest.max(start.elapsed());
                if !more {
                    break;
                }
            }
            let start = Instant::now();
            assert!(prepared.analyze(&p).models.bgnbd.is_ok());
            (longest, start.elapsed())
        })
        .collect();
    steps.sort();
    let (longest, analysis) = steps[steps.len() / 2];
    println!(
        "the same in steps: longest step {:.1} ms, then the analysis {:.1} ms",
        ms(longest),
        ms(analysis)
    );
    // Back and forth between two dates whose fits are known (the last sale and 30 days
    // earlier, both analysed above).
    let dates = [params.clone(), params.clone().as_of(Some(first.as_of - 30))];
    prepared.analyze(&dates[1]);
    let (t_back_date, a) = cycling(5, &prepared, &dates);
    assert_eq!(a.as_of, first.as_of - 30);
    assert!(a.models.bgnbd.is_ok());
    println!(
        "analyze back at the previous date (both analysed before): {:.1} ms",
        ms(t_back_date)
    );
    // A horizon change (CLV discount): predictions recomputed on the cached fit stage.
    let horizons = [0.02, 0.015, 0.01].map(|d| params.clone().monthly_discount(d));
    let (t_horizon, _) = cycling(5, &prepared, &horizons);
    println!(
        "analyze after a change of the CLV discount (fit cached): {:.1} ms",
        ms(t_horizon)
    );
    // The Clientes page over the analysis: every customer, in the page's first order (value,
    // largest first) and by name.
    for sort in [SortKey::Value, SortKey::Name] {
        let query = ListQuery {
            sort,
            ..ListQuery::new(Selection::All)
        };
        let (t_list, rows) = median(5, || customer_list::select(&first, &data, &query));
        assert_eq!(rows.len(), first.customers.len());
        if sort == SortKey::Value {
            assert!(
                rows.is_sorted_by(|&a, &b| first.customers[a].value >= first.customers[b].value)
            );
        }
        println!(
            "customer list of every customer sorted by {sort:?} (Clientes): {:.1} ms",
            ms(t_list)
        );
    }
    // The filter panel's choices of every profile text field (Clientes and Campañas).
    let (t_choices, choices) = median(5, || {
        TextField::ALL.map(|field| customer_filter::choices(&data, field))
    });
    assert!(choices.iter().all(|c| !c.is_empty()));
    println!(
        "filter choices of the {} profile text fields ({} values): {:.1} ms",
        choices.len(),
        choices.iter().map(Vec::len).sum::<usize>(),
        ms(t_choices)
    );
    let (t_bgnbd, fit) = median(3, || {
        let s: Vec<Summary> = first
            .customers
            .iter()
            .filter_map(|c| {
                let (f, l) = (c.first_purchase?, c.last_purchase?);
                Some(Summary {
                    x: f64::from(c.purchases - 1),
                    t_x: f64::from(l - f) / 7.0,
                    t: f64::from(first.as_of - f) / 7.0,
                })
            })
            .collect();
        fit_bgnbd(&s).expect("fits")
    });
    assert!((fit.params.r - bg.params.r).abs() < 1e-6 * bg.params.r);
    println!(
        "BG/NBD fit alone on {} customers: {:.1} ms",
        fit.customers,
        ms(t_bgnbd)
    );
    // The same window change on sales without margin (a point-of-sale export without costs):
    // the pyramid then ranks by value, whose sort the V scores already made.
    let mut no_margin = data.clone();
    for sale in &mut no_margin.sales {
        sale.margin = OptNumber::NONE;
    }
    let prepared = Prepared::new(&no_margin);
    let by_value = prepared.analyze(&params);
    assert!(!by_value.ranked_by_margin);
    let (t_window, a) = cycling(15, &prepared, &windows);
    assert_eq!(a.models, by_value.models);
    println!(
        "analyze after a window change, the sales without margin: {:.1} ms",
        ms(t_window)
    );

    // CDNOW: this engine vs Python lifetimes.
    let summaries: Vec<Summary> = CDNOW
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|v| v.parse().unwrap()).collect();
            Summary {
                x: f[1],
                t_x: f[2],
                t: f[3],
            }
        })
        .collect();
    let (t_rust, fit) = median(21, || fit_bgnbd(&summaries).expect("fits"));
    assert_eq!((fit.params.r * 1e3).round() / 1e3, 0.243);
    assert_eq!((fit.params.b * 1e3).round() / 1e3, 2.426);
    let q = fit.params;
    println!(
        "CDNOW BG/NBD fit (2,357 customers), this engine: {:.2} ms (median of 21; r {:.4} α {:.4} a {:.4} b {:.4}; log-likelihood {:.2})",
        ms(t_rust),
        q.r,
        q.alpha,
        q.a,
        q.b,
        fit.log_likelihood
    );
    let script = r#"
import sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from lifetimes import BetaGeoFitter
d = pd.read_csv(sys.argv[1])
times = []
for _ in range(7):
    f = BetaGeoFitter()
    t = time.perf_counter(); f.fit(d["x"], d["t_x"], d["T"]); times.append(time.perf_counter() - t)
times.sort()
p = f.params_
print(times[len(times) // 2] * 1e3, p["r"], p["alpha"], p["a"], p["b"])
"#;
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cdnow/cdnow_customers_summary_with_transactions.csv"
    );
    // The Python that has `lifetimes` (scripts/bench.sh sets it; the system one may not).
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    match Command::new(python).args(["-c", script, csv]).output() {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = text
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            println!(
                "CDNOW BG/NBD fit, Python lifetimes 0.11.3: {:.2} ms (median of 7; r {:.4} α {:.4} a {:.4} b {:.4})",
                v[0], v[1], v[2], v[3], v[4]
            );
            println!("ratio lifetimes / this engine: {:.0}×", v[0] / ms(t_rust));
        }
        Ok(out) => println!(
            "lifetimes comparison skipped: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => println!("lifetimes comparison skipped: {e}"),
    }
}
