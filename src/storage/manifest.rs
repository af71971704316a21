//! The record that marks a workspace's dataset as completely saved.

use crate::engine::FitRecord;
use crate::model::Dataset;
use crate::workspace::ImportRecord;
use serde::{Deserialize, Serialize};

/// Version of the IndexedDB layout; raise it with a migration step in [`super::open`].
pub const SCHEMA_VERSION: u8 = 3;

/// What a complete saved dataset holds; written last, in its own transaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Layout version the blobs were written with.
    pub schema: u8,
    /// Generation of the blobs this manifest points to.
    pub generation: u32,
    /// Number of sales chunks.
    pub sales_chunks: usize,
    /// Sales lines.
    pub sales_rows: usize,
    /// Distinct customer ids.
    pub customer_ids: usize,
    /// Survey answers.
    pub surveys: usize,
    /// Complaints.
    pub complaints: usize,
    /// When it was saved, milliseconds since 1970 (browser clock).
    pub saved_at_ms: f64,
    /// The imports that built this dataset, oldest first (absent in schema 1).
    #[serde(default)]
    pub history: Vec<ImportRecord>,
    /// Model fits of this generation's data at the analysis dates used so far, newest last (at
    /// most [`FITS_KEPT`]): a reopen seeds the engine with them instead of refitting. Absent
    /// before fits were stored.
    #[serde(default)]
    pub fits: Vec<FitRecord>,
}

/// How many fits a manifest keeps (each a few hundred bytes).
pub const FITS_KEPT: usize = 8;

impl Manifest {
    /// The manifest of `data` saved as `generation` in `sales_chunks` chunks.
    pub fn describe(
        data: &Dataset,
        generation: u32,
        sales_chunks: usize,
        saved_at_ms: f64,
        history: Vec<ImportRecord>,
    ) -> Self {
        Manifest {
            schema: SCHEMA_VERSION,
            generation,
            sales_chunks,
            sales_rows: data.sales.len(),
            customer_ids: data.customer_ids.len(),
            surveys: data.surveys.len(),
            complaints: data.complaints.len(),
            saved_at_ms,
            history,
            fits: Vec::new(),
        }
    }

    /// Adds `fit`, replacing a fit with the same key and dropping the oldest beyond
    /// [`FITS_KEPT`]; `false` when the same fit was already there.
    pub fn add_fit(&mut self, fit: FitRecord) -> bool {
        if self.fits.contains(&fit) {
            return false;
        }
        self.fits.retain(|f| f.key != fit.key);
        self.fits.push(fit);
        let extra = self.fits.len().saturating_sub(FITS_KEPT);
        self.fits.drain(..extra);
        true
    }

    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a manifest always serialises")
    }

    pub(super) fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("stored manifest is damaged: {e}"))
    }
}
