//! Pure analytics engine (DOMAIN.md §2–§7). No browser crate, no clock, no I/O: the analysis
//! date is an input ([`Params::as_of`]).
//!
//! ```
//! use fideliza::engine::{Params, Prepared};
//! use fideliza::model::Dataset;
//! let data = Dataset::default();
//! let prepared = Prepared::new(&data); // the expensive pass, once per dataset
//! let analysis = prepared.analyze(&Params::default()); // cheap, once per parameter change
//! assert_eq!(analysis.kpis.active_customers, 0);
//! ```
//!
//! Files: [`params`] (the builder), `prepared` (the cached stages), `preparing` (sales →
//! occasions, in steps), `rfv` and `segments`
//! (§2), `pyramid` (§3, tiers and migration), `satisfaction` (§4: zones, quadrants, NPS,
//! SERVQUAL), `value_classes` (§5), `churn` (§6 overdue), `pareto`, `trend` (monthly trend and
//! cohorts), `bgnbd`, `gamma_gamma` and `clv` (§6 models, fitted by `optimize` with argmin;
//! `special` holds ₂F₁), `kpis`, `analysis` (the orchestration and the result types).
//!
//! **Incremental**: [`Prepared::new`] groups the sales lines into per-customer occasions once.
//! [`Prepared::analyze`] then reads cached stages, each kept in the `Prepared` under only the
//! parameters it depends on and recomputed when they change. Each stage keeps its last few
//! keys, so going back to parameters analysed lately recomputes only the aggregates: two
//! analysis dates for the date-keyed stages, four windows for the window-keyed ones (the
//! current, the previous, and two a page may prepare ahead with [`Prepared::prepare_step`]).
//!
//! | stage | key | what |
//! |---|---|---|
//! | history | date | first/last purchase, purchases, recency, median gap per customer |
//! | calendar | date, trend and cohort lengths | monthly trend and cohorts |
//! | window | date, window length | window frequency, value, margin; quintiles, top positions (current and previous window), moves between the two windows, Pareto order, SERVQUAL |
//! | overdue order | date, overdue rule | overdue customers, most overdue first |
//! | fit | date (fits kept for the last 32 dates; [`FitRecord`]s seed them) | BG/NBD summaries, BG/NBD and Gamma-Gamma fits |
//! | model | date, horizons, discount | P(alive), expected purchases and spend, CLV per customer |
//! | growth | window and model keys | CMP ranking, P(alive) histogram, CLVs of the active and the inactive customers |
//! | answers | date, satisfaction mode and scale; the window length in the window-mean mode only | each surveyed customer's satisfaction and recommendation; zone and NPS counts |
//!
//! Then the ranking settings (scoring, segment map, tier cuts, shares, quadrant thresholds)
//! are applied to the active customers' compact arrays (and the window's moves for the
//! migration matrix), which gives every aggregate. The per-customer rows
//! ([`Analysis::customers`]) are assembled from the same stages only when first read.
//! Figures: `BENCHMARKS.md`, section "Engine". [`Prepared::prepare_step`]
//! computes the stages no model fitting enters (history, calendar, window, overdue order,
//! answers; then, once the date's models are known, the fit stage's summaries, the model and
//! the growth stages) one call at a time, for a page that runs them in separate tasks while
//! the models of a new date are fitted elsewhere, or before it analyses a new window or date.
//!
//! The fits outlive a `Prepared`: [`Prepared::fit_for`] exports the fit of a date as a small
//! [`FitRecord`] (keyed by the date, the data and the fitting code's version), stored with the
//! dataset, and [`Prepared::seed_fit`] gives it to a later `Prepared` of the same data, whose
//! analyses at that date then skip the optimisation.
//!
//! The models are also usable on their own, e.g. on a published summary table:
//! [`models::fit_bgnbd`], [`models::fit_gamma_gamma`] and the per-customer formulas.

mod analysis;
mod answers;
mod bgnbd;
mod calendar;
mod churn;
mod clv;
mod customer_rows;
mod fit_record;
mod gamma_gamma;
mod kpis;
mod optimize;
pub mod params;
mod pareto;
mod prepared;
mod preparing;
mod pyramid;
mod rfv;
mod satisfaction;
mod segments;
mod special;
mod trend;
mod value_classes;
mod window;

pub use analysis::{Analysis, CustomerMetrics};
pub use bgnbd::{BgNbdFit, BgNbdParams, Summary};
pub use churn::OverdueRow;
pub use clv::{ClvGroup, Models, PAliveHistogram, SegmentClv, TierClv};
pub use customer_rows::Customers;
pub use fit_record::{DataKey, FIT_VERSION, FitInputs, FitKey, FitRecord, fit};
pub use gamma_gamma::{GammaGammaFit, GammaGammaParams};
pub use kpis::Kpis;
pub use optimize::{FitFailure, MIN_REPEAT_BUYERS};
pub use params::{Params, SatisfactionMode, SatisfiedWhen, Scoring, TierCuts};
pub use pareto::{Pareto, ParetoPoint};
pub use prepared::Prepared;
pub use preparing::Preparing;
pub use pyramid::{Migration, MigrationMatrix, Pyramid, Tier, TierRow};
pub use rfv::{HeatCell, RfHeatmap, ScoreDistributions, Scores, quintile_scores};
pub use satisfaction::{Nps, NpsClass, Quadrant, QuadrantCounts, ServqualGap, Zone, ZoneCounts};
pub use segments::{Segment, SegmentMap, SegmentRow};
pub use trend::{CohortRow, TrendPoint};
pub use value_classes::{ClassSummary, ValueClasses, ValueFlags};

use crate::model::Dataset;

/// One-shot analysis: `Prepared::new(data).analyze(params)`. Keep the [`Prepared`] instead when
/// the parameters will change.
pub fn analyze(data: &Dataset, params: &Params) -> Analysis {
    Prepared::new(data).analyze(params)
}

/// The §6 models as standalone functions, for callers holding summaries instead of a dataset
/// (e.g. the published CDNOW table).
pub mod models {
    pub use super::bgnbd::{expected_purchases, fit as fit_bgnbd, p_alive, total_log_likelihood};
    pub use super::gamma_gamma::{expected_spend, fit as fit_gamma_gamma};
    pub use super::optimize::SAMPLED_FROM;
}
