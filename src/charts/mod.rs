//! Pure chart builders: engine results in, charming options out (no browser needed, so the
//! options are tested natively). The UI hands them to ECharts through `ui::EChart`.
//! Numbers inside charts are formatted through [`fmt`] markers; names come from
//! [`crate::selection`] (`segment_name`, `tier_name`…), colours from [`palette`].

pub mod churn;
pub mod customer;
pub mod fmt;
pub mod pyramid;
pub mod rfv;
pub mod satisfaction;
mod segments;
pub mod summary;

pub use segments::segment_customers;

use charming::component::Axis;
use charming::element::{AxisLabel, AxisType};

/// Colours shared by every chart, so a segment, tier, zone or quadrant keeps its colour across
/// pages. Chosen for contrast on white (WCAG AA for text-sized marks where used as text).
pub mod palette {
    use crate::engine::{Quadrant, Segment, Tier, Zone};

    /// Teal brand colour (primary series).
    pub const PRIMARY: &str = "#0f766e";
    /// Second series (comparisons: previous window, expectation…).
    pub const SECONDARY: &str = "#f59e0b";
    /// Axis and label grey.
    pub const MUTED: &str = "#475569";

    /// Tier colours: Platino indigo, Oro amber, Hierro steel, Plomo stone, Inactivos light grey.
    pub fn tier(tier: Tier) -> &'static str {
        match tier {
            Tier::Platino => "#4338ca",
            Tier::Oro => "#d97706",
            Tier::Hierro => "#64748b",
            Tier::Plomo => "#a8a29e",
            Tier::Inactivo => "#e2e8f0",
        }
    }

    /// Segment colours, from green (best) through amber to red (lost), in [`Segment::ALL`]
    /// order; each holds white text at 4.5:1 or more (WCAG AA).
    pub fn segment(segment: Segment) -> &'static str {
        const COLOURS: [&str; 11] = [
            "#166534", "#15803d", "#4d7c0f", "#0e7490", "#155e75", "#a16207", "#b45309", "#c2410c",
            "#9a3412", "#9f1239", "#7f1d1d",
        ];
        COLOURS[segment.index()]
    }

    /// Zone colours: deserción red, indiferencia amber, afecto green.
    pub fn zone(zone: Zone) -> &'static str {
        match zone {
            Zone::Defection => "#dc2626",
            Zone::Indifference => "#f59e0b",
            Zone::Affection => "#16a34a",
        }
    }

    /// Quadrant colours: apóstoles green, mercenarios amber, rehenes blue, terroristas red.
    pub fn quadrant(quadrant: Quadrant) -> &'static str {
        match quadrant {
            Quadrant::Apostle => "#16a34a",
            Quadrant::Mercenary => "#f59e0b",
            Quadrant::Hostage => "#2563eb",
            Quadrant::Terrorist => "#dc2626",
            Quadrant::NoSurvey => "#94a3b8",
        }
    }
}

/// A value axis of counts labelled with `count` (a [`fmt::NumberFormat::Count`] marker), its
/// ticks on whole numbers (`minInterval` 1): with one customer, ticks at 0.2, 0.4… would all read
/// "1".
fn count_axis(count: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .min_interval(1)
        .axis_label(AxisLabel::new().color(palette::MUTED).formatter(count))
}

#[cfg(test)]
mod tests {
    use super::palette;
    use crate::engine::Segment;

    /// WCAG 2 contrast ratio of `#rrggbb` against white.
    fn contrast_with_white(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (luminance + 0.05)
    }

    #[test]
    fn segment_colours_hold_white_text_at_wcag_aa() {
        assert!(
            (contrast_with_white("#767676") - 4.54).abs() < 0.01,
            "reference grey"
        );
        for s in Segment::ALL {
            let ratio = contrast_with_white(palette::segment(s));
            assert!(ratio >= 4.5, "{s:?} {}: {ratio:.2}", palette::segment(s));
        }
    }
}
