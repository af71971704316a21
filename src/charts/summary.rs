//! Resumen: monthly trend, the Pareto curve, and the segment bar a click opens.

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{Pareto, SegmentRow, TrendPoint};
use crate::format;
use crate::import::Lang;
use crate::model::{Day, date_from_day};
use crate::selection::Selection;
use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AreaStyle, AxisLabel, AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType,
    NameLocation, SplitLine, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line, Scatter};
use chrono::Datelike;
use rust_i18n::t;

/// Short month names (`format::month.1` … `.12` in locales/app.yml).
const MONTH_KEYS: [&str; 12] = [
    "format.month.1",
    "format.month.2",
    "format.month.3",
    "format.month.4",
    "format.month.5",
    "format.month.6",
    "format.month.7",
    "format.month.8",
    "format.month.9",
    "format.month.10",
    "format.month.11",
    "format.month.12",
];

/// A month as an axis label: `nov 2024` / `Nov 2024`.
fn month_label(year: i32, month: u32, lang: Lang) -> String {
    let key = MONTH_KEYS[(month.clamp(1, 12) - 1) as usize];
    format!("{} {year}", t!(key, locale = lang.code()))
}

/// Whether `as_of` falls before the end of its month (so the trend's last month is partial).
fn month_is_partial(as_of: Day) -> bool {
    date_from_day(as_of + 1).month() == date_from_day(as_of).month()
}

/// Monthly trend: sales as bars on the right axis, active customers and purchases (tickets)
/// as lines on the left axis. The last month, when `as_of` is not its last day, is labelled
/// partial.
pub fn trend(points: &[TrendPoint], as_of: Day, lang: Lang, currency: &str) -> Chart {
    let l = lang.code();
    let last = points.len().saturating_sub(1);
    let partial = month_is_partial(as_of);
    let months: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let label = month_label(p.year, p.month, lang);
            if i == last && partial {
                t!("summary.partial_month", locale = l, month = label).into_owned()
            } else {
                label
            }
        })
        .collect();
    let count = NumberFormat::Count.marker(lang, currency);
    let money = NumberFormat::Money.marker(lang, currency);
    let money_axis = NumberFormat::MoneyWhole.marker(lang, currency);
    let active_name = t!("summary.series.active", locale = l).into_owned();
    let tickets_name = t!("summary.series.tickets", locale = l).into_owned();
    let value_name = t!("summary.series.value", locale = l).into_owned();
    Chart::new()
        .animation(false)
        .legend(Legend::new().top(0))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(8)
                .top(48)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(months)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(super::count_axis(&count))
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .split_line(SplitLine::new().show(false))
                .axis_label(
                    AxisLabel::new()
                        .color(palette::MUTED)
                        .formatter(money_axis.as_str()),
                ),
        )
        .series(
            Bar::new()
                .name(value_name.as_str())
                .y_axis_index(1)
                .item_style(ItemStyle::new().color("#99d6cf"))
                .tooltip(Tooltip::new().value_formatter(money.as_str()))
                .data(points.iter().map(|p| p.value).collect::<Vec<f64>>()),
        )
        .series(
            Line::new()
                .name(active_name.as_str())
                .item_style(ItemStyle::new().color(palette::PRIMARY))
                .line_style(LineStyle::new().width(2.5))
                .tooltip(Tooltip::new().value_formatter(count.as_str()))
                .data(
                    points
                        .iter()
                        .map(|p| p.active_customers as i64)
                        .collect::<Vec<i64>>(),
                ),
        )
        .series(
            Line::new()
                .name(tickets_name.as_str())
                .item_style(ItemStyle::new().color(palette::SECONDARY))
                .line_style(LineStyle::new().width(2.5))
                .tooltip(Tooltip::new().value_formatter(count.as_str()))
                .data(
                    points
                        .iter()
                        .map(|p| p.occasions as i64)
                        .collect::<Vec<i64>>(),
                ),
        )
}

/// The "top x % make y %" words of the Pareto mark, e.g. `El 20,0 % hace el 67,4 %`.
pub fn pareto_mark(pareto: &Pareto, lang: Lang) -> String {
    t!(
        "summary.pareto_mark",
        locale = lang.code(),
        top = format::percent(pareto.top_share, lang),
        value = format::percent(pareto.top_value_share, lang)
    )
    .into_owned()
}

/// The Pareto curve: cumulative share of value (y) by share of active customers, best first
/// (x), against the equal-split diagonal, with the "top x % make y %" point marked and named.
pub fn pareto(pareto: &Pareto, lang: Lang) -> Chart {
    let l = lang.code();
    let percent = NumberFormat::Percent.marker(lang, "");
    let curve: Vec<Vec<f64>> = pareto
        .points
        .iter()
        .map(|p| vec![p.customers_share, p.value_share])
        .collect();
    let mut chart = Chart::new()
        .animation(false)
        .legend(Legend::new().top(0))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(percent.as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(40)
                .bottom(28)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(1)
                .name(t!("summary.pareto_axis_x", locale = l).into_owned())
                .name_location(NameLocation::Middle)
                .name_gap(28)
                .axis_label(
                    AxisLabel::new()
                        .color(palette::MUTED)
                        .formatter(percent.as_str()),
                ),
        )
        .y_axis(
            Axis::new().type_(AxisType::Value).min(0).max(1).axis_label(
                AxisLabel::new()
                    .color(palette::MUTED)
                    .formatter(percent.as_str()),
            ),
        )
        .series(
            Line::new()
                .name(t!("summary.pareto_curve", locale = l).into_owned())
                .show_symbol(false)
                .item_style(ItemStyle::new().color(palette::PRIMARY))
                .line_style(LineStyle::new().width(2.5))
                .area_style(AreaStyle::new().opacity(0.12))
                .data(curve),
        )
        .series(
            Line::new()
                .name(t!("summary.pareto_equal", locale = l).into_owned())
                .show_symbol(false)
                .item_style(ItemStyle::new().color(palette::MUTED))
                .line_style(LineStyle::new().type_(LineStyleType::Dashed).width(1))
                .data(vec![vec![0.0, 0.0], vec![1.0, 1.0]]),
        );
    if !pareto.points.is_empty() {
        let mark = pareto_mark(pareto, lang);
        chart = chart.series(
            Scatter::new()
                .name(mark.as_str())
                .symbol(Symbol::Circle)
                .symbol_size(12)
                .item_style(ItemStyle::new().color(palette::SECONDARY))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Right)
                        .color("#1e293b")
                        .font_weight(charming::element::font_settings::FontWeight::Bold)
                        .formatter(mark.as_str()),
                )
                .data(vec![vec![pareto.top_share, pareto.top_value_share]]),
        );
    }
    chart
}

/// The customers behind the bar at `data_index` of [`super::segment_customers`]`(rows, …)`.
pub fn segment_target(rows: &[SegmentRow], data_index: usize) -> Option<Selection> {
    super::segments::ordered(rows)
        .get(data_index)
        .map(|r| Selection::Segment(r.segment))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ParetoPoint, Segment};
    use crate::model::ymd;
    use serde_json::Value;

    fn json(chart: &Chart) -> Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    fn point(year: i32, month: u32, active: usize, occasions: usize, value: f64) -> TrendPoint {
        TrendPoint {
            year,
            month,
            active_customers: active,
            occasions,
            value,
        }
    }

    #[test]
    fn trend_has_value_bars_on_the_right_and_counts_on_the_left() {
        let points = [
            point(2024, 12, 10, 14, 500.5),
            point(2025, 1, 12, 15, 610.0),
        ];
        // 15 January: January is partial.
        let chart = json(&trend(&points, ymd(2025, 1, 15).unwrap(), Lang::Es, "S/"));
        assert_eq!(
            chart["xAxis"]["data"],
            serde_json::json!(["dic 2024", "ene 2025 (parcial)"])
        );
        let series = chart["series"].as_array().unwrap();
        assert_eq!(series[0]["type"], "bar");
        assert_eq!(series[0]["yAxisIndex"], 1.0);
        assert_eq!(series[0]["data"], serde_json::json!([500.5, 610.0]));
        assert_eq!(series[0]["name"], "Ventas");
        assert_eq!(series[1]["data"], serde_json::json!([10, 12]));
        assert_eq!(series[1]["name"], "Clientes activos");
        assert_eq!(series[2]["data"], serde_json::json!([14, 15]));
        // Counts tick at whole numbers: one customer is not drawn as "0 1 1 1 1".
        assert_eq!(chart["yAxis"][0]["minInterval"], 1.0);
        assert_eq!(
            chart["yAxis"][1]["axisLabel"]["formatter"],
            NumberFormat::MoneyWhole.marker(Lang::Es, "S/")
        );
        assert_eq!(
            series[0]["tooltip"]["valueFormatter"],
            NumberFormat::Money.marker(Lang::Es, "S/")
        );
        // On the month's last day the month is complete.
        let full = json(&trend(&points, ymd(2025, 1, 31).unwrap(), Lang::En, "S/"));
        assert_eq!(
            full["xAxis"]["data"],
            serde_json::json!(["Dec 2024", "Jan 2025"])
        );
    }

    #[test]
    fn pareto_marks_the_top_share_with_its_words() {
        let p = Pareto {
            points: vec![
                ParetoPoint {
                    customers_share: 0.0,
                    value_share: 0.0,
                },
                ParetoPoint {
                    customers_share: 0.5,
                    value_share: 0.9,
                },
                ParetoPoint {
                    customers_share: 1.0,
                    value_share: 1.0,
                },
            ],
            top_share: 0.2,
            top_value_share: 0.674,
            customers_for_80_percent: Some(0.34),
        };
        let chart = json(&pareto(&p, Lang::Es));
        let series = chart["series"].as_array().unwrap();
        assert_eq!(
            series[0]["data"],
            serde_json::json!([[0.0, 0.0], [0.5, 0.9], [1.0, 1.0]])
        );
        assert_eq!(series[2]["data"], serde_json::json!([[0.2, 0.674]]));
        assert_eq!(
            series[2]["label"]["formatter"],
            "El 20,0\u{a0}% hace el 67,4\u{a0}%"
        );
        assert_eq!(
            chart["xAxis"]["axisLabel"]["formatter"],
            NumberFormat::Percent.marker(Lang::Es, "")
        );
        // No active customer: no mark (no "0 % make 0 %").
        let empty = json(&pareto(&Pareto::default(), Lang::Es));
        assert_eq!(empty["series"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_segment_bar_opens_its_segment() {
        let row = |segment| SegmentRow {
            segment,
            customers: 1,
            customers_share: 0.0,
            value: 0.0,
            value_share: 0.0,
            mean_r: 0.0,
            mean_f: 0.0,
            mean_v: 0.0,
        };
        let rows = [
            row(Segment::Champions),
            row(Segment::AtRisk),
            row(Segment::Lost),
        ];
        // Bars bottom-up: Lost, At risk, Champions.
        assert_eq!(
            segment_target(&rows, 0),
            Some(Selection::Segment(Segment::Lost))
        );
        assert_eq!(
            segment_target(&rows, 1),
            Some(Selection::Segment(Segment::AtRisk))
        );
        assert_eq!(
            segment_target(&rows, 2),
            Some(Selection::Segment(Segment::Champions))
        );
        assert_eq!(segment_target(&rows, 3), None);
    }
}
