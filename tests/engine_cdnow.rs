//! Reproduces the published CDNOW estimates (DOMAIN.md §6) to their printed precision:
//! BG/NBD (Fader, Hardie & Lee 2005) r = 0.243, α = 4.414, a = 0.793, b = 2.426,
//! log-likelihood −9582.4; Gamma-Gamma (Fader & Hardie 2013) p = 6.25, q = 3.74, γ = 15.44 on
//! the 946 repeat customers; E[X(39) | x = 2, tₓ = 30.43, T = 38.86] = 1.226.
//! Data: `tests/data/cdnow/` (from `lifetimes==0.11.3`, MIT; see its README).

use fideliza::engine::models::{
    SAMPLED_FROM, expected_purchases, fit_bgnbd, fit_gamma_gamma, p_alive, total_log_likelihood,
};
use fideliza::engine::{Params, Prepared, Summary};
use fideliza::model::{Dataset, Sale, ymd};

const SUMMARY: &str = include_str!("data/cdnow/cdnow_customers_summary_with_transactions.csv");
const TRANSACTIONS: &str = include_str!("data/cdnow/CDNOW_sample.txt");

/// Asserts `value` prints as `published` with `decimals` decimals.
fn prints_as(value: f64, published: f64, decimals: i32) {
    let unit = 10f64.powi(decimals);
    assert_eq!(
        (value * unit).round() / unit,
        published,
        "{value} does not print as {published}"
    );
}

/// `(x, t_x, T, zbar)` rows of the published summary table.
fn summary_rows() -> Vec<(f64, f64, f64, f64)> {
    SUMMARY
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
            (f[1], f[2], f[3], f[4])
        })
        .collect()
}

/// The published table as BG/NBD summaries `(x, tₓ, T)`, in weeks.
fn summaries() -> Vec<Summary> {
    summary_rows()
        .iter()
        .map(|&(x, t_x, t, _)| Summary { x, t_x, t })
        .collect()
}

/// The sample's transactions as a dataset: no ticket ids, so occasions are (customer, day).
fn transactions() -> Dataset {
    let mut data = Dataset::default();
    for line in TRANSACTIONS.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let date = f[2];
        let day = ymd(
            date[..4].parse().unwrap(),
            date[4..6].parse().unwrap(),
            date[6..].parse().unwrap(),
        )
        .unwrap();
        data.sales.push(Sale {
            customer: data.customer_ids.intern(f[1]),
            day,
            amount: f[4].parse().unwrap(),
            quantity: Some(f[3].parse().unwrap()).into(),
            ..Sale::default()
        });
    }
    data
}

#[test]
fn bgnbd_on_the_published_summary() {
    let summaries = summaries();
    assert_eq!(summaries.len(), 2357);
    let fit = fit_bgnbd(&summaries).expect("converges");
    prints_as(fit.params.r, 0.243, 3);
    prints_as(fit.params.alpha, 4.414, 3);
    prints_as(fit.params.a, 0.793, 3);
    prints_as(fit.params.b, 2.426, 3);
    prints_as(fit.log_likelihood, -9582.4, 1);
    // FHL (2005) p. 279, with the fitted parameters.
    let e = expected_purchases(
        &fit.params,
        &Summary {
            x: 2.0,
            t_x: 30.43,
            t: 38.86,
        },
        39.0,
    )
    .unwrap();
    prints_as(e, 1.226, 3);
}

/// The fit reports its log-likelihood from the optimiser's cost in scaled time (ℓ = −n · cost +
/// Σx · ln s): it equals the log-likelihood evaluated again at the fitted parameters, for the
/// CDNOW table (weeks up to 39, time × 10/39) and for the same customers in days (× 10/273).
#[test]
fn the_reported_log_likelihood_is_the_one_at_the_fitted_parameters() {
    let weeks = summaries();
    let days: Vec<Summary> = weeks
        .iter()
        .map(|s| Summary {
            x: s.x,
            t_x: 7.0 * s.t_x,
            t: 7.0 * s.t,
        })
        .collect();
    for summaries in [&weeks, &days] {
        let fit = fit_bgnbd(summaries).expect("converges");
        let again = total_log_likelihood(&fit.params, summaries);
        assert!(
            (fit.log_likelihood / again - 1.0).abs() < 1e-12,
            "{} reported, {again} evaluated",
            fit.log_likelihood
        );
    }
}

/// A fit of many customers starts from the optimum of a sample of them: the CDNOW table
/// repeated 15 times (35,355 customers, enough to be sampled) has the same optimum as the table
/// once, fitted from the default start, and its log-likelihood 15 times the table's.
#[test]
fn a_sampled_start_ends_at_the_optimum_of_the_default_start() {
    let once = summaries();
    let repeated: Vec<Summary> = std::iter::repeat_n(&once, 15).flatten().copied().collect();
    assert!(once.len() < SAMPLED_FROM && repeated.len() >= SAMPLED_FROM);
    let (plain, sampled) = (fit_bgnbd(&once).unwrap(), fit_bgnbd(&repeated).unwrap());
    let pairs = [
        (sampled.params.r, plain.params.r),
        (sampled.params.alpha, plain.params.alpha),
        (sampled.params.a, plain.params.a),
        (sampled.params.b, plain.params.b),
        (sampled.log_likelihood, 15.0 * plain.log_likelihood),
    ];
    for (got, want) in pairs {
        assert!((got / want - 1.0).abs() < 1e-6, "{got} against {want}");
    }
    assert!(
        sampled.iterations < plain.iterations,
        "{} iterations from the sample's optimum, {} from the default start",
        sampled.iterations,
        plain.iterations
    );
}

#[test]
fn gamma_gamma_on_the_published_summary() {
    let pairs: Vec<(f64, f64)> = summary_rows().iter().map(|&(x, _, _, m)| (x, m)).collect();
    let fit = fit_gamma_gamma(&pairs).expect("converges");
    assert_eq!(fit.customers, 946);
    prints_as(fit.params.p, 6.25, 2);
    prints_as(fit.params.q, 3.74, 2);
    // The table's zbar is rounded to cents, which moves γ from the papers' 15.44 (reproduced
    // from the raw transactions below) to 15.448; `lifetimes` prints the same "v: 15.45".
    prints_as(fit.params.gamma, 15.45, 2);
}

#[test]
fn the_whole_engine_reproduces_cdnow_from_raw_transactions() {
    // Calibration period of the papers: 39 weeks ending 1997-09-30.
    let data = transactions();
    let params = Params::default().as_of(ymd(1997, 9, 30));
    let a = Prepared::new(&data).analyze(&params);
    let bg = a.models.bgnbd.as_ref().expect("BG/NBD converges");
    assert_eq!((bg.customers, bg.repeat_buyers), (2357, 946));
    prints_as(bg.params.r, 0.243, 3);
    prints_as(bg.params.alpha, 4.414, 3);
    prints_as(bg.params.a, 0.793, 3);
    prints_as(bg.params.b, 2.426, 3);
    prints_as(bg.log_likelihood, -9582.4, 1);
    let gg = a
        .models
        .gamma_gamma
        .as_ref()
        .expect("Gamma-Gamma converges");
    assert_eq!(gg.customers, 946);
    prints_as(gg.params.p, 6.25, 2);
    prints_as(gg.params.q, 3.74, 2);
    prints_as(gg.params.gamma, 15.44, 2);

    // Customer "0001" is the paper's worked example (x = 2, tₓ = 30.43, T = 38.86).
    let c = &a.customers[data.customer_ids.get("0001").unwrap() as usize];
    let s = Summary {
        x: 2.0,
        t_x: 213.0 / 7.0,
        t: 272.0 / 7.0,
    };
    assert_eq!(c.purchases, 3);
    assert_eq!(c.p_alive, Some(p_alive(&bg.params, &s)));
    assert_eq!(
        c.expected_purchases,
        expected_purchases(&bg.params, &s, 90.0 / 7.0)
    );
    // Undiscounted, the 12-month CLV is the predicted value; discounting lowers it.
    let clv = c.clv.unwrap();
    let value = c.predicted_value.unwrap();
    assert!(clv > 0.0 && clv < value);
    let flat = Prepared::new(&data).analyze(&params.clone().monthly_discount(0.0));
    let c0 = &flat.customers[data.customer_ids.get("0001").unwrap() as usize];
    assert!((c0.clv.unwrap() - value).abs() < 1e-9 * value);
    // One-time buyers are shown apart; everyone else is in a P(alive) bin.
    let h = &a.p_alive_histogram;
    assert_eq!(h.one_time_buyers, 2357 - 946);
    assert_eq!(h.bins.iter().sum::<usize>(), 946);
    assert!(a.value_classes.cmp.is_some_and(|c| c.customers > 0));
}

#[test]
fn too_few_repeat_buyers_is_an_explicit_result() {
    let rows = summary_rows();
    let few: Vec<Summary> = rows
        .iter()
        .filter(|r| r.0 > 0.0)
        .take(5)
        .map(|&(x, t_x, t, _)| Summary { x, t_x, t })
        .collect();
    let err = fit_bgnbd(&few).unwrap_err();
    assert_eq!(
        err,
        fideliza::engine::FitFailure::TooFewRepeatBuyers {
            repeat_buyers: 5,
            required: 10
        }
    );
}
