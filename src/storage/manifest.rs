//! The record that marks a workspace's dataset as completely saved.

use crate::model::Dataset;
use crate::workspace::ImportRecord;
use serde::{Deserialize, Serialize};

/// Version of the IndexedDB layout; raise it with a migration step in [`super::open`].
pub const SCHEMA_VERSION: u8 = 2;

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
}

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
        }
    }

    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a manifest always serialises")
    }

    pub(super) fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("stored manifest is damaged: {e}"))
    }
}
