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
//! Files: [`params`] (the builder), `prepared` (sales → occasions), `rfv` and `segments`
//! (§2), `pareto`, `kpis`, `analysis` (the orchestration and the result types).

mod analysis;
mod calendar;
mod kpis;
pub mod params;
mod pareto;
mod prepared;
mod rfv;
mod segments;

pub use analysis::{Analysis, CustomerMetrics};
pub use kpis::Kpis;
pub use params::{Params, SatisfactionMode, SatisfiedWhen, Scoring, TierCuts};
pub use pareto::{Pareto, ParetoPoint};
pub use prepared::Prepared;
pub use rfv::{HeatCell, RfHeatmap, ScoreDistributions, Scores, quintile_scores};
pub use segments::{Segment, SegmentMap, SegmentRow};

use crate::model::Dataset;

/// One-shot analysis: `Prepared::new(data).analyze(params)`. Keep the [`Prepared`] instead when
/// the parameters will change.
pub fn analyze(data: &Dataset, params: &Params) -> Analysis {
    Prepared::new(data).analyze(params)
}
