//! Engine speed in the browser: the same steps as `examples/engine_bench.rs`, in wasm, in
//! headless Chromium. A benchmark, not a test: it asserts results and prints timings, never
//! compares them with a target (figures go to BENCHMARKS.md). Run: `scripts/bench.sh engine`.
#![cfg(target_arch = "wasm32")]

use fideliza::demo::{self, CsvDialect, CsvKind, DemoConfig, generate};
use fideliza::engine::{Analysis, Params, Prepared, TierCuts};
use fideliza::import::{self, FileKind, ReadOptions};
use fideliza::model::Dataset;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The median time of `runs` analyses cycling through `sets` (each a change), and the last.
fn cycling(runs: usize, prepared: &Prepared, sets: &[Params]) -> (f64, Analysis) {
    let mut i = 0;
    median(runs, || {
        i += 1;
        prepared.analyze(&sets[i % sets.len()])
    })
}

/// Median wall time in ms of `runs` calls, and the last result.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = now();
        last = Some(f());
        times.push(now() - start);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], last.expect("at least one run"))
}

#[wasm_bindgen_test]
fn engine_on_100k_customers() {
    let start = now();
    let data = generate(&DemoConfig {
        customers: 100_000,
        ..DemoConfig::default()
    });
    console_log!(
        "bench engine: dataset {} customers, {} sales lines (generated in {:.0} ms)",
        data.customer_ids.len(),
        data.sales.len(),
        now() - start
    );
    let (t_prepare, prepared) = median(3, || Prepared::new(&data));
    let params = Params::default();
    let start = now();
    let first = prepared.analyze(&params);
    let t_first = now() - start;
    assert!(first.models.bgnbd.is_ok() && first.models.gamma_gamma.is_ok());
    let tiers: usize = first.pyramid.tiers.iter().map(|t| t.customers).sum();
    assert_eq!(tiers, first.kpis.active_customers);

    let ranking = [
        params
            .clone()
            .tier_cuts(TierCuts::practitioner())
            .cmv_share(0.1),
        params.clone(),
    ];
    // Seven windows (and overdue rules) in turn: more than the engine keeps.
    let windows: Vec<Params> = (0..7)
        .map(|k| {
            params
                .clone()
                .window_months(6 + k)
                .overdue_gap_factor(1.5 + 0.05 * f64::from(k))
        })
        .collect();
    // Three CLV discounts.
    let horizons = [0.02, 0.015, 0.01].map(|d| params.clone().monthly_discount(d));
    // Untimed, twice: V8 runs new wasm code in its baseline tier until the optimised code,
    // compiled in the background, is swapped in. Timed at once, the window changes of some runs
    // were baseline code (43–46 ms against 17–19 ms in the other runs of the same build).
    let sets: Vec<&Params> = ranking.iter().chain(&windows).chain(&horizons).collect();
    for p in sets.iter().chain(&sets) {
        prepared.analyze(p);
    }
    let (t_rank, a) = cycling(9, &prepared, &ranking);
    assert_eq!(a.models, first.models);
    let (t_window, a) = cycling(9, &prepared, &windows);
    assert_eq!(a.models, first.models);
    // Back and forth between two windows: both kept.
    let (t_back, a) = cycling(9, &prepared, &windows[..2]);
    assert_eq!(a.models, first.models);
    // A window whose stages were prepared ahead (as Ajustes does for a month either side).
    let mut ahead: Vec<f64> = (14..23)
        .map(|months| {
            let next = params.clone().window_months(months);
            while prepared.prepare_step(&next) {}
            let start = now();
            assert_eq!(prepared.analyze(&next).models, first.models);
            now() - start
        })
        .collect();
    ahead.sort_by(f64::total_cmp);
    let t_ahead = ahead[ahead.len() / 2];
    // A horizon change (CLV discount): every prediction recomputed on the cached fits.
    let (t_horizon, a) = cycling(9, &prepared, &horizons);
    assert_eq!(a.models, first.models);
    console_log!("bench engine: Prepared::new {t_prepare:.0} ms");
    console_log!("bench engine: analyze at a new date (model fit included) {t_first:.0} ms");
    console_log!("bench engine: analyze after a ranking change {t_rank:.1} ms");
    console_log!("bench engine: analyze after a window change {t_window:.0} ms");
    console_log!("bench engine: analyze back at the previous window {t_back:.1} ms");
    console_log!("bench engine: analyze at a window prepared ahead {t_ahead:.1} ms");
    console_log!("bench engine: analyze after a CLV discount change {t_horizon:.0} ms");
}

/// The import worker's two long steps, `read_table` and `parse`, on the 1M-line sales file of
/// `examples/import_bench.rs` (the pos dialect: Windows-1252, `;`, decimal comma), without the
/// file read, the copies and the messages around them that the browser bench also times.
/// `scripts/bench.sh import` runs it at the worker's `opt-level = 3`.
#[wasm_bindgen_test]
fn importer_on_1m_lines() {
    let cfg = DemoConfig {
        customers: 100_000,
        ..DemoConfig::default()
    };
    let generated = generate(&cfg);
    let mut bytes = Vec::new();
    demo::write_csv(
        &generated,
        CsvKind::Sales,
        &CsvDialect::pos_peru(),
        &mut bytes,
    )
    .expect("in memory");
    let lines = generated.sales.len();
    drop(generated);
    let (t_read, table) = median(3, || {
        import::read_table(&bytes, "ventas.csv", &ReadOptions::default()).expect("readable")
    });
    assert_eq!(table.len(), lines);
    let mapping = import::auto_mapping(FileKind::Sales, &table.headers);
    let (t_parse, parsed) = median(3, || {
        import::parse(&table, &mapping, &Dataset::default(), cfg.end).expect("parsed")
    });
    assert_eq!(parsed.report.rows_valid as usize, lines);
    console_log!(
        "bench import: {lines} lines, {:.1} MB: read_table {t_read:.0} ms, parse {t_parse:.0} ms",
        bytes.len() as f64 / 1e6
    );
}
