//! What the Resumen shows, as one value: the analysis's aggregates, its headline findings and
//! the size of the data they rest on.
//!
//! The app stores the dashboard of the parameters in use with the dataset it was computed from
//! (one record per saved dataset, replaced when the parameters change). A reopen shows it as
//! soon as it is read — a few hundred kilobytes instead of the whole dataset — while the engine
//! reads the sales back and recomputes; the engine's result then takes its place (it is the
//! same unless the app's formulas changed in between). A stored dashboard is used only for the
//! parameters it was computed with; one that does not decode (another version of the app, a
//! damaged record) is ignored.
//!
//! Stored form: [`MAGIC`], the app's version as a postcard string, then the postcard encoding
//! of [`Dashboard`].

use crate::engine::{Analysis, Params};
use crate::findings::{Finding, findings};
use crate::model::Dataset;
use serde::{Deserialize, Serialize};

/// First bytes of a stored dashboard.
pub const MAGIC: &[u8; 4] = b"FZD1";

/// The version of the app that writes dashboards; another version's are not read (their
/// layout may differ).
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How much the analysed data hold (the Resumen's "2 000 clientes, 21 047 líneas de venta…").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// Distinct customer ids.
    pub customers: usize,
    /// Sales lines.
    pub sales: usize,
    /// Distinct tickets (0 when the sales carry no ticket number).
    pub tickets: usize,
    /// Survey answers.
    pub surveys: usize,
    /// Complaints.
    pub complaints: usize,
}

impl Basis {
    /// The counts of `data`.
    pub fn of(data: &Dataset) -> Self {
        Basis {
            customers: data.customer_ids.len(),
            sales: data.sales.len(),
            tickets: data.tickets.len(),
            surveys: data.surveys.len(),
            complaints: data.complaints.len(),
        }
    }
}

/// Everything the Resumen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The parameters the analysis was computed with.
    pub params: Params,
    /// What the data hold.
    pub basis: Basis,
    /// The headline findings ([`findings`]).
    pub findings: Vec<Finding>,
    /// The analysis without its per-customer rows (`customers` is empty).
    pub analysis: Analysis,
}

impl Dashboard {
    /// The dashboard of `analysis`, computed from `data` with `params`.
    pub fn new(params: &Params, data: &Dataset, analysis: &Analysis) -> Self {
        Dashboard {
            params: params.clone(),
            basis: Basis::of(data),
            findings: findings(analysis, &data.customers),
            analysis: analysis.aggregates(),
        }
    }

    /// The stored form.
    pub fn encode(&self) -> Vec<u8> {
        let header = postcard::to_extend(APP_VERSION, MAGIC.to_vec())
            .expect("a version string always serialises");
        postcard::to_extend(self, header).expect("a dashboard always serialises")
    }

    /// Reads a stored dashboard; `None` when `bytes` are not one this version of the app
    /// wrote whole.
    pub fn decode(bytes: &[u8]) -> Option<Self> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (version, rest) = postcard::take_from_bytes::<&str>(rest).ok()?;
        if version != APP_VERSION {
            return None;
        }
        match postcard::take_from_bytes::<Dashboard>(rest).ok()? {
            (dashboard, []) => Some(dashboard),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::analysed;
    use crate::engine::Prepared;

    #[test]
    fn holds_the_aggregates_and_findings_of_the_analysis() {
        let (data, analysis) = analysed();
        let params = Params::default();
        let d = Dashboard::new(&params, data, analysis);
        assert!(d.analysis.customers.is_empty());
        assert!(!analysis.customers.is_empty());
        assert_eq!(
            d.analysis,
            Analysis {
                customers: Default::default(),
                ..analysis.clone()
            }
        );
        assert_eq!(d.findings, findings(analysis, &data.customers));
        assert!(!d.findings.is_empty());
        assert_eq!(d.basis.customers, data.customer_ids.len());
        assert_eq!(d.basis.sales, data.sales.len());
        assert_eq!(d.basis.tickets, data.tickets.len());
        assert_eq!(d.basis.surveys, data.surveys.len());
        assert_eq!(d.basis.complaints, data.complaints.len());
        assert_eq!(d.params, params);
    }

    #[test]
    fn round_trips_exactly_and_small() {
        let (data, analysis) = analysed();
        let params = Params::default().window_months(6);
        let d = Dashboard::new(&params, data, &Prepared::new(data).analyze(&params));
        assert_ne!(
            d.analysis.kpis, analysis.kpis,
            "another window, other figures"
        );
        let bytes = d.encode();
        assert_eq!(Dashboard::decode(&bytes), Some(d));
        // The dashboard is a small fraction of the dataset it summarises.
        let stored = crate::codec::encode(data);
        let dataset_bytes =
            stored.meta.len() + stored.sales_chunks.iter().map(Vec::len).sum::<usize>();
        assert!(
            bytes.len() * 20 < dataset_bytes,
            "{} vs {dataset_bytes}",
            bytes.len()
        );
    }

    #[test]
    fn refuses_what_this_version_did_not_write_whole() {
        let (data, analysis) = analysed();
        let bytes = Dashboard::new(&Params::default(), data, analysis).encode();
        // Cut short anywhere, or with bytes after the end.
        for cut in [0, 3, 4, 10, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(Dashboard::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Dashboard::decode(&longer), None);
        // Another magic, or another version of the app.
        let mut other = bytes.clone();
        other[3] = b'9';
        assert_eq!(Dashboard::decode(&other), None);
        let header = postcard::to_extend("0.0.0-other", MAGIC.to_vec()).unwrap();
        let rest = &bytes[postcard::to_extend(APP_VERSION, MAGIC.to_vec())
            .unwrap()
            .len()..];
        assert_eq!(Dashboard::decode(&[header, rest.to_vec()].concat()), None);
    }
}
