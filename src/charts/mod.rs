//! Pure chart builders: engine results in, charming options out (no browser needed, so the
//! options are tested natively). The UI hands them to ECharts through `ui::EChart`.

mod segments;

pub use segments::segment_customers;

/// Colours shared by every chart, so a segment or tier keeps its colour across pages.
pub mod palette {
    /// Teal brand colour (primary series).
    pub const PRIMARY: &str = "#0f766e";
    /// Axis and label grey.
    pub const MUTED: &str = "#475569";
}
