//! RFV segment charts.

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{Segment, SegmentRow};
use crate::import::Lang;
use crate::selection::segment_name;
use charming::Chart;
use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Tooltip, Trigger,
};
use charming::series::Bar;
use rust_i18n::t;

/// The rows in the order the bars are drawn: [`Segment::ALL`] reversed (ECharts draws a
/// category axis bottom-up, so the best segment ends on top); segments without a row are
/// left out. The bar at data index `i` is `ordered(rows)[i]`.
pub(super) fn ordered(rows: &[SegmentRow]) -> Vec<&SegmentRow> {
    Segment::ALL
        .iter()
        .rev()
        .filter_map(|s| rows.iter().find(|r| r.segment == *s))
        .collect()
}

/// Horizontal bars: customers per RFV segment, in the order of [`Segment::ALL`]
/// (best first, drawn top to bottom), each in its segment colour with its count beside it.
pub fn segment_customers(rows: &[SegmentRow], lang: Lang) -> Chart {
    let ordered = ordered(rows);
    let names: Vec<String> = ordered
        .iter()
        .map(|r| segment_name(r.segment, lang))
        .collect();
    let bars: Vec<DataPointItem> = ordered
        .iter()
        .map(|r| {
            DataPointItem::new(r.customers as i64)
                .item_style(ItemStyle::new().color(palette::segment(r.segment)))
        })
        .collect();
    let axis_name = t!("summary.segments_axis", locale = lang.code()).into_owned();
    let count = NumberFormat::Count.marker(lang, "");
    Chart::new()
        .animation(false)
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(count.as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(48)
                .top(16)
                .bottom(32)
                .contain_label(true),
        )
        .x_axis(
            super::count_axis(&count)
                .name(axis_name.as_str())
                .name_location(NameLocation::Middle)
                .name_gap(24),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .series(
            Bar::new().name(axis_name.as_str()).data(bars).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .color(palette::MUTED)
                    .formatter(count.as_str()),
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
        let data = &json["series"][0]["data"];
        assert_eq!(data[0]["value"], 7);
        assert_eq!(data[1]["value"], 3);
        // Each bar in its segment's colour, its count written by the page's number format.
        assert_eq!(
            data[1]["itemStyle"]["color"],
            palette::segment(Segment::Champions)
        );
        assert_eq!(
            json["series"][0]["label"]["formatter"],
            NumberFormat::Count.marker(Lang::Es, "")
        );
        assert_eq!(json["xAxis"]["name"], "Clientes");
    }
}
