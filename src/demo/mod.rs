//! Deterministic demo and benchmark dataset generator: a neighbourhood pharmacy in Lima.
//!
//! [`generate`] builds a [`Dataset`] from a [`DemoConfig`] alone (no clock, no I/O): the same
//! config always gives the same data, on every platform. It has the shape consultants demo to
//! clients, following the lectures' pharmacy case:
//!
//! - a customer file with the ficha fields (DNI, phone, district, household, income band,
//!   motive acute/chronic/preventive, insurance ESSALUD/EPS/private/none, consent ≈ 70 %);
//! - sales lines with boleta numbers: chronic patients refilling about monthly, acute buyers,
//!   winter-respiratory buyers (May–September), preventive buyers, families with babies, about
//!   1 % of lines returned, and churners, most of them in the last months;
//! - survey answers from about a quarter of customers (overall 1–5, recommend 0–10, SERVQUAL
//!   pairs for the five 1988 dimensions), satisfaction following behaviour plus noise;
//! - a few complaints, which raise the odds of churning.
//!
//! About 10 sales lines per customer over 24 months: 100,000 customers give about a million
//! lines. [`write_csv`] writes any dataset as the CSV files a Peruvian POS exports.

mod catalog;
mod complaints;
mod config;
mod csv_out;
mod customers;
mod draw;
mod names;
mod sales;
mod surveys;

pub use config::DemoConfig;
pub use csv_out::{CsvDialect, CsvKind, DateStyle, TextEncoding, write_csv};
pub use customers::customer_id;

use crate::model::{Dataset, SatisfactionScale};
use catalog::{Catalog, STORES};
use config::Window;

/// Test fixture: the default demo and its analysis with default parameters, built once per
/// test binary and shared by every module's tests.
#[cfg(test)]
pub fn analysed() -> &'static (Dataset, crate::engine::Analysis) {
    use crate::engine::{Params, Prepared};
    static DEMO: std::sync::OnceLock<(Dataset, crate::engine::Analysis)> =
        std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let data = generate(&DemoConfig::default());
        let analysis = Prepared::new(&data).analyze(&Params::default());
        (data, analysis)
    })
}

/// Generates the demo dataset of `cfg`: pure and deterministic (same config ⇒ identical dataset).
///
/// Customers are keyed in id order; sales are sorted by date with boleta numbers correlative per
/// store. Each customer draws from a random stream of its own, so a larger dataset extends a
/// smaller one with the same seed customer by customer (boleta numbers aside).
pub fn generate(cfg: &DemoConfig) -> Dataset {
    let window = Window::of(cfg);
    let catalog = Catalog::new();
    let mut data = Dataset {
        servqual_dimensions: surveys::DIMENSIONS
            .iter()
            .map(|d| (*d).to_owned())
            .collect(),
        survey_scale: SatisfactionScale::OneToFive,
        ..Dataset::default()
    };
    catalog.intern_into(&mut data);
    data.customers.reserve(cfg.customers);
    let mut lines = Vec::with_capacity(cfg.customers.saturating_mul(11));
    for index in 0..cfg.customers {
        let mut rng = draw::customer_rng(cfg.seed, index);
        let key = data.customer_ids.intern(&customer_id(index));
        let (customer, profile) =
            customers::draw(&mut rng, cfg.seed, index, key, &window, &catalog);
        let visits = sales::visits(&profile, &mut rng);
        sales::lines(
            key, &profile, &visits, &catalog, &window, &mut rng, &mut lines,
        );
        surveys::answers(key, &profile, &visits, &window, &mut rng, &mut data.surveys);
        data.complaints
            .extend(complaints::complaint(key, &profile, &mut rng));
        data.customers.push(customer);
    }
    sales::number_tickets(&mut lines, &mut data.tickets, STORES.len());
    data.sales = lines;
    data.surveys.sort_by_key(|s| (s.day, s.customer));
    data.complaints.sort_by_key(|c| (c.day, c.customer));
    data
}
