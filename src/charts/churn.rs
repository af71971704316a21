//! Churn and value charts: the P(alive) distribution of repeat buyers (one-time buyers apart)
//! and the 12-month CLV per RFV segment and per tier (DOMAIN.md §6), with the click →
//! drill-down mapping of each. The model status sentence for a failed fit is
//! [`model_failure_key`]'s.

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{FitFailure, PAliveHistogram, Segment, SegmentClv, Tier, TierClv};
use crate::format;
use crate::i18n::plural;
use crate::import::Lang;
use crate::selection::{Selection, segment_name, tier_name};
use charming::Chart;
use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Tooltip, Trigger,
};
use charming::series::Bar;
use rust_i18n::t;

/// Colour of the one-time buyers' bar (the model cannot tell: shown apart, in grey).
const ONE_TIME: &str = "#94a3b8";

fn text(key: &str, lang: Lang) -> String {
    t!(key, locale = lang.code()).into_owned()
}

/// Bars: repeat buyers per tenth of P(alive) (0–10 % … 90–100 %), then one grey bar for the
/// one-time buyers, whose P(alive) is 1 by the model's convention and means "unknown".
pub fn p_alive_chart(histogram: &PAliveHistogram, lang: Lang) -> Chart {
    let mut names: Vec<String> = (0..10)
        .map(|i| format!("{}–{} %", i * 10, i * 10 + 10))
        .collect();
    names.push(text("churn.one_time", lang));
    let mut data: Vec<DataPointItem> = histogram
        .bins
        .iter()
        .map(|&n| DataPointItem::new(n as i64).item_style(ItemStyle::new().color(palette::PRIMARY)))
        .collect();
    data.push(
        DataPointItem::new(histogram.one_time_buyers as i64)
            .item_style(ItemStyle::new().color(ONE_TIME)),
    );
    let axis = text("churn.customers", lang);
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
                .right(16)
                .top(28)
                .bottom(44)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .name(text("churn.p_alive_axis", lang))
                .name_location(NameLocation::Middle)
                .name_gap(62)
                .axis_label(
                    AxisLabel::new()
                        .color(palette::MUTED)
                        .interval(0)
                        .rotate(30),
                ),
        )
        .y_axis(super::count_axis(&count).name(axis.as_str()))
        .series(
            Bar::new().name(axis).data(data).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Top)
                    .color(palette::MUTED)
                    .formatter(count.as_str()),
            ),
        )
}

/// Horizontal money bars, first row on top.
fn money_bars(
    names: Vec<String>,
    values: Vec<f64>,
    colours: Vec<&str>,
    lang: Lang,
    currency: &str,
) -> Chart {
    let axis = text("churn.clv_axis", lang);
    let money = NumberFormat::MoneyWhole.marker(lang, currency);
    let data: Vec<DataPointItem> = values
        .iter()
        .zip(&colours)
        .rev()
        .map(|(&v, &c)| DataPointItem::new(v).item_style(ItemStyle::new().color(c)))
        .collect();
    Chart::new()
        .animation(false)
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(NumberFormat::Money.marker(lang, currency).as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(72)
                .top(16)
                .bottom(32)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(axis.as_str())
                .name_location(NameLocation::Middle)
                .name_gap(24)
                .axis_label(
                    AxisLabel::new()
                        .color(palette::MUTED)
                        .formatter(money.as_str()),
                ),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names.into_iter().rev().collect())
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .series(
            Bar::new().name(axis).bar_width(24).data(data).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .color(palette::MUTED)
                    .formatter(money.as_str()),
            ),
        )
}

/// Horizontal bars: Σ 12-month CLV of each RFV segment, in [`Segment::ALL`] order (best on
/// top); segments without customers with a CLV are left out.
pub fn clv_segment_chart(rows: &[SegmentClv], lang: Lang, currency: &str) -> Chart {
    let shown = clv_segments(rows);
    money_bars(
        shown.iter().map(|r| segment_name(r.key, lang)).collect(),
        shown.iter().map(|r| r.clv).collect(),
        shown.iter().map(|r| palette::segment(r.key)).collect(),
        lang,
        currency,
    )
}

/// The rows [`clv_segment_chart`] draws, top to bottom.
fn clv_segments(rows: &[SegmentClv]) -> Vec<&SegmentClv> {
    Segment::ALL
        .iter()
        .filter_map(|s| rows.iter().find(|r| r.key == *s && r.customers > 0))
        .collect()
}

/// The segment a click on [`clv_segment_chart`] names (data index counts from the bottom).
pub fn clv_segment_target(rows: &[SegmentClv], data_index: usize) -> Option<Selection> {
    let shown = clv_segments(rows);
    let row = shown.len().checked_sub(data_index + 1)?;
    Some(Selection::Segment(shown[row].key))
}

/// Horizontal bars: Σ 12-month CLV of each tier, Platino on top, Inactivos last.
pub fn clv_tier_chart(rows: &[TierClv], lang: Lang, currency: &str) -> Chart {
    let shown = clv_tiers(rows);
    money_bars(
        shown.iter().map(|r| tier_name(r.key, lang)).collect(),
        shown.iter().map(|r| r.clv).collect(),
        shown
            .iter()
            .map(|r| match r.key {
                // The inactive tier's light grey would vanish on white.
                Tier::Inactivo => ONE_TIME,
                t => palette::tier(t),
            })
            .collect(),
        lang,
        currency,
    )
}

fn clv_tiers(rows: &[TierClv]) -> Vec<&TierClv> {
    Tier::ALL
        .iter()
        .filter_map(|t| rows.iter().find(|r| r.key == *t))
        .collect()
}

/// The tier a click on [`clv_tier_chart`] names (data index counts from the bottom).
pub fn clv_tier_target(rows: &[TierClv], data_index: usize) -> Option<Selection> {
    let shown = clv_tiers(rows);
    let row = shown.len().checked_sub(data_index + 1)?;
    Some(Selection::Tier(shown[row].key))
}

/// The one plain sentence explaining a failed fit.
pub fn model_failure_text(failure: &FitFailure, lang: Lang) -> String {
    let l = lang.code();
    match failure {
        FitFailure::TooFewRepeatBuyers {
            repeat_buyers,
            required,
        } => plural(
            t!(
                "churn.fail_too_few",
                locale = l,
                n = format::count(*repeat_buyers, lang),
                required = format::count(*required, lang)
            ),
            &[("n", *repeat_buyers)],
        ),
        FitFailure::MeanSpendNotFinite => t!("churn.fail_mean_spend", locale = l).into_owned(),
        FitFailure::DidNotConverge { .. } => t!("churn.fail_converge", locale = l).into_owned(),
    }
}

/// The locale key of [`model_failure_text`] (for tests and hooks).
pub fn model_failure_key(failure: &FitFailure) -> &'static str {
    match failure {
        FitFailure::TooFewRepeatBuyers { .. } => "churn.fail_too_few",
        FitFailure::MeanSpendNotFinite => "churn.fail_mean_spend",
        FitFailure::DidNotConverge { .. } => "churn.fail_converge",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ClvGroup;
    use serde_json::{Value, json};

    fn parse(chart: Chart) -> Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    fn values(j: &Value) -> Vec<Value> {
        j["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].clone())
            .collect()
    }

    #[test]
    fn p_alive_bins_then_one_time_buyers_apart() {
        let h = PAliveHistogram {
            bins: [30, 19, 13, 20, 13, 12, 32, 49, 101, 1261],
            one_time_buyers: 450,
        };
        let j = parse(p_alive_chart(&h, Lang::Es));
        let names = j["xAxis"]["data"].as_array().unwrap();
        assert_eq!(names.len(), 11);
        assert_eq!(names[0], "0–10 %");
        assert_eq!(names[9], "90–100 %");
        assert_eq!(names[10], "Una sola compra");
        let v = values(&j);
        assert_eq!(v[0], json!(30));
        assert_eq!(v[9], json!(1261));
        assert_eq!(v[10], json!(450));
        assert_eq!(j["series"][0]["data"][10]["itemStyle"]["color"], ONE_TIME);
        assert_eq!(
            j["series"][0]["data"][0]["itemStyle"]["color"],
            palette::PRIMARY
        );
    }

    #[test]
    fn clv_by_segment_best_on_top_without_empty_segments() {
        let row = |key, customers, clv| ClvGroup {
            key,
            customers,
            clv,
            mean_clv: 0.0,
        };
        let rows = [
            row(Segment::Champions, 316, 44831.06),
            row(Segment::Loyal, 0, 0.0),
            row(Segment::Lost, 12, 120.5),
        ];
        let j = parse(clv_segment_chart(&rows, Lang::Es, "S/"));
        assert_eq!(j["yAxis"]["data"], json!(["Perdidos", "Campeones"]));
        assert_eq!(values(&j), [json!(120.5), json!(44831.06)]);
        assert_eq!(
            j["series"][0]["label"]["formatter"],
            NumberFormat::MoneyWhole.marker(Lang::Es, "S/")
        );
        // Bottom bar (index 0) is the last row shown.
        assert_eq!(
            clv_segment_target(&rows, 0),
            Some(Selection::Segment(Segment::Lost))
        );
        assert_eq!(
            clv_segment_target(&rows, 1),
            Some(Selection::Segment(Segment::Champions))
        );
        assert_eq!(clv_segment_target(&rows, 2), None);
    }

    #[test]
    fn clv_by_tier_platino_on_top_inactive_visible() {
        let rows: Vec<TierClv> = Tier::ALL
            .iter()
            .enumerate()
            .map(|(i, &key)| ClvGroup {
                key,
                customers: 10,
                clv: 100.0 * (i + 1) as f64,
                mean_clv: 10.0,
            })
            .collect();
        let j = parse(clv_tier_chart(&rows, Lang::En, "S/"));
        assert_eq!(
            j["yAxis"]["data"],
            json!(["Inactive", "Lead", "Iron", "Gold", "Platinum"])
        );
        assert_eq!(values(&j)[4], json!(100.0));
        assert_eq!(j["series"][0]["data"][0]["itemStyle"]["color"], ONE_TIME);
        assert_eq!(
            clv_tier_target(&rows, 4),
            Some(Selection::Tier(Tier::Platino))
        );
    }

    #[test]
    fn failed_fits_explained_in_one_sentence() {
        let too_few = FitFailure::TooFewRepeatBuyers {
            repeat_buyers: 4,
            required: 10,
        };
        let es = model_failure_text(&too_few, Lang::Es);
        assert!(es.contains('4') && es.contains("10"), "{es}");
        assert_eq!(model_failure_key(&too_few), "churn.fail_too_few");
        let converge = FitFailure::DidNotConverge {
            reason: "MaxItersReached".into(),
            iterations: 500,
        };
        let en = model_failure_text(&converge, Lang::En);
        assert!(!en.contains("MaxIters") && en.ends_with('.'), "{en}");
        assert!(!model_failure_text(&FitFailure::MeanSpendNotFinite, Lang::Es).is_empty());
    }
}
