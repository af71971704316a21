//! RFV segment charts.

use super::palette;
use crate::engine::{Segment, SegmentRow};
use crate::import::Lang;
use charming::Chart;
use charming::component::{Axis, Grid};
use charming::element::{AxisLabel, AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Bar;

fn segment_name(segment: Segment, lang: Lang) -> &'static str {
    match lang {
        Lang::Es => segment.name_es(),
        Lang::En => segment.name_en(),
    }
}

/// Horizontal bars: customers per RFV segment, in the order of [`Segment::ALL`]
/// (best first, drawn top to bottom).
pub fn segment_customers(rows: &[SegmentRow], lang: Lang) -> Chart {
    let ordered: Vec<&SegmentRow> = Segment::ALL
        .iter()
        .rev()
        .filter_map(|s| rows.iter().find(|r| r.segment == *s))
        .collect();
    let names: Vec<&str> = ordered
        .iter()
        .map(|r| segment_name(r.segment, lang))
        .collect();
    let counts: Vec<i64> = ordered.iter().map(|r| r.customers as i64).collect();
    let axis_name = lang.pick("Clientes", "Customers");
    Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(48)
                .top(16)
                .bottom(32)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(axis_name)
                .name_location(charming::element::NameLocation::Middle)
                .name_gap(24)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .series(
            Bar::new()
                .name(axis_name)
                .data(counts)
                .item_style(ItemStyle::new().color(palette::PRIMARY))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Right)
                        .color(palette::MUTED),
                ),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(segment: Segment, customers: usize) -> SegmentRow {
        SegmentRow {
            segment,
            customers,
            customers_share: 0.0,
            value: 0.0,
            value_share: 0.0,
            mean_r: 0.0,
            mean_f: 0.0,
            mean_v: 0.0,
        }
    }

    #[test]
    fn bars_follow_segment_order_best_on_top() {
        let rows = [row(Segment::Lost, 7), row(Segment::Champions, 3)];
        let json: serde_json::Value =
            serde_json::from_str(&segment_customers(&rows, Lang::Es).to_string()).unwrap();
        // ECharts draws category axes bottom-up: the last category is on top.
        assert_eq!(
            json["yAxis"]["data"],
            serde_json::json!(["Perdidos", "Campeones"])
        );
        assert_eq!(json["series"][0]["data"], serde_json::json!([7, 3]));
        assert_eq!(json["xAxis"]["name"], "Clientes");
    }
}
