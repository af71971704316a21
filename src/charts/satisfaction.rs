//! Satisfaction charts: customers per satisfaction zone, the satisfaction × loyalty scatter with
//! its four quadrants (Jones & Sasser 1995; DOMAIN.md §4), customers per quadrant, the NPS
//! classes and the SERVQUAL gap per dimension, with the click → drill-down mapping of each.
//!
//! The scatter places every surveyed customer who is active in the window at
//! (satisfaction on the survey's own scale, loyalty = (R + F) / 2); customers at the same point
//! are drawn as one bubble whose size grows with their number. The dividing lines sit where the
//! engine divides ([`satisfied_from`], the loyalty threshold), both inclusive: a customer on a
//! line belongs to the satisfied / loyal side.

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{CustomerMetrics, Nps, Quadrant, QuadrantCounts, SatisfiedWhen, ServqualGap};
use crate::engine::{Zone, ZoneCounts};
use crate::format;
use crate::i18n::plural;
use crate::import::Lang;
use crate::model::SatisfactionScale;
use crate::selection::{Selection, quadrant_name, zone_name};
use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkArea,
    MarkAreaData, MarkLine, MarkLineData, MarkLineVariant, NameLocation, SplitLine, Symbol,
    Tooltip, Trigger,
};
use charming::series::{Bar, Scatter};
use rust_i18n::t;

/// The four quadrants in chart and series order.
pub const QUADRANTS: [Quadrant; 4] = [
    Quadrant::Apostle,
    Quadrant::Mercenary,
    Quadrant::Hostage,
    Quadrant::Terrorist,
];

/// Bubble sizes of the scatter: (fewest customers at one point, symbol size in px).
const BUBBLES: [(usize, f64); 5] = [(1, 8.0), (2, 12.0), (5, 18.0), (15, 26.0), (50, 34.0)];

/// The lowest satisfaction, on the survey's own scale, that the engine calls satisfied:
/// the zone of affection (≥ 4.5 on 1–5, i.e. ≥ 6.25 on 1–7 mapped linearly, ≥ 8.5 on 0–10),
/// or, as a setting, ≥ 4 on 1–5 (≥ 5.5 on 1–7, ≥ 7.5 on 0–10 mapped as `1 + 0.4·s`).
pub fn satisfied_from(scale: SatisfactionScale, when: SatisfiedWhen) -> f64 {
    match (scale, when) {
        (SatisfactionScale::OneToFive, SatisfiedWhen::Affection) => 4.5,
        (SatisfactionScale::OneToSeven, SatisfiedWhen::Affection) => 6.25,
        (SatisfactionScale::ZeroToTen, SatisfiedWhen::Affection) => 8.5,
        (SatisfactionScale::OneToFive, SatisfiedWhen::AtLeastFour) => 4.0,
        (SatisfactionScale::OneToSeven, SatisfiedWhen::AtLeastFour) => 5.5,
        (SatisfactionScale::ZeroToTen, SatisfiedWhen::AtLeastFour) => 7.5,
    }
}

/// The ends of a survey scale.
pub fn scale_range(scale: SatisfactionScale) -> (f64, f64) {
    match scale {
        SatisfactionScale::OneToFive => (1.0, 5.0),
        SatisfactionScale::OneToSeven => (1.0, 7.0),
        SatisfactionScale::ZeroToTen => (0.0, 10.0),
    }
}

fn zone_count(zones: &ZoneCounts, zone: Zone) -> usize {
    match zone {
        Zone::Defection => zones.defection,
        Zone::Indifference => zones.indifference,
        Zone::Affection => zones.affection,
    }
}

/// Customers in one quadrant.
pub fn quadrant_count(quadrants: &QuadrantCounts, quadrant: Quadrant) -> usize {
    match quadrant {
        Quadrant::Apostle => quadrants.apostle,
        Quadrant::Mercenary => quadrants.mercenary,
        Quadrant::Hostage => quadrants.hostage,
        Quadrant::Terrorist => quadrants.terrorist,
        Quadrant::NoSurvey => quadrants.no_survey,
    }
}

/// A darker tone of the quadrant's colour, readable as text on its shaded area.
fn label_colour(quadrant: Quadrant) -> &'static str {
    match quadrant {
        Quadrant::Apostle => "#166534",
        Quadrant::Mercenary => "#92400e",
        Quadrant::Hostage => "#1e40af",
        _ => "#991b1b",
    }
}

fn text(key: &str, lang: Lang) -> String {
    t!(key, locale = lang.code()).into_owned()
}

/// Vertical bars with a count on top, one colour per category; clickable.
fn count_bars(names: Vec<String>, counts: Vec<usize>, colours: Vec<&str>, lang: Lang) -> Chart {
    let axis = text("satisfaction.customers", lang);
    let count = NumberFormat::Count.marker(lang, "");
    let data: Vec<DataPointItem> = counts
        .iter()
        .zip(&colours)
        .map(|(&n, &c)| DataPointItem::new(n as i64).item_style(ItemStyle::new().color(c)))
        .collect();
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
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(super::count_axis(&count).name(axis.as_str()))
        .series(
            Bar::new().name(axis).bar_width("50%").data(data).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Top)
                    .color(palette::MUTED)
                    .formatter(count.as_str()),
            ),
        )
}

/// Bars: customers per satisfaction zone (deserción, indiferencia, afecto), in [`Zone::ALL`] order.
pub fn zone_chart(zones: &ZoneCounts, lang: Lang) -> Chart {
    count_bars(
        Zone::ALL.iter().map(|&z| zone_name(z, lang)).collect(),
        Zone::ALL.iter().map(|&z| zone_count(zones, z)).collect(),
        Zone::ALL.iter().map(|&z| palette::zone(z)).collect(),
        lang,
    )
}

/// The zone a click on [`zone_chart`] names.
pub fn zone_target(data_index: usize) -> Option<Selection> {
    Zone::ALL.get(data_index).map(|&z| Selection::Zone(z))
}

/// Bars: customers per quadrant, in [`QUADRANTS`] order.
pub fn quadrant_chart(quadrants: &QuadrantCounts, lang: Lang) -> Chart {
    count_bars(
        QUADRANTS.iter().map(|&q| quadrant_name(q, lang)).collect(),
        QUADRANTS
            .iter()
            .map(|&q| quadrant_count(quadrants, q))
            .collect(),
        QUADRANTS.iter().map(|&q| palette::quadrant(q)).collect(),
        lang,
    )
}

/// The quadrant a click on [`quadrant_chart`] names.
pub fn quadrant_target(data_index: usize) -> Option<Selection> {
    QUADRANTS.get(data_index).map(|&q| Selection::Quadrant(q))
}

/// What the scatter needs besides the customers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScatterRule {
    /// The survey file's scale.
    pub scale: SatisfactionScale,
    /// Which satisfaction counts as satisfied.
    pub satisfied_when: SatisfiedWhen,
    /// Loyal when (R + F) / 2 ≥ this.
    pub loyalty_threshold: f64,
}

/// Surveyed customers that the scatter can place: (satisfaction, loyalty, quadrant), loyalty
/// being (R + F) / 2 of the window's scores. Surveyed customers without scores (not active in
/// the window) have no loyalty to draw; [`unplaced`] counts them.
fn placed(customers: &[CustomerMetrics]) -> impl Iterator<Item = (f64, f64, Quadrant)> + '_ {
    customers.iter().filter_map(|c| {
        let s = c.satisfaction?;
        let scores = c.scores?;
        Some((s, f64::from(scores.r + scores.f) / 2.0, c.quadrant))
    })
}

/// Surveyed customers left out of the scatter: no purchase in the window, so no loyalty score
/// (the engine counts them as not loyal).
pub fn unplaced(customers: &[CustomerMetrics]) -> usize {
    customers
        .iter()
        .filter(|c| c.satisfaction.is_some() && c.scores.is_none())
        .count()
}

/// Axis labels at these values only (ECharts `customValues`).
fn labels_at(values: &[f64]) -> AxisLabel {
    values
        .iter()
        .fold(AxisLabel::new().color(palette::MUTED), |label, &v| {
            label.custom_values(v)
        })
}

/// Index of the bubble size for `n` customers at one point.
fn bubble(n: usize) -> usize {
    BUBBLES
        .iter()
        .rposition(|&(from, _)| n >= from)
        .unwrap_or(0)
}

/// The satisfaction × loyalty scatter. Series `q · 5 + b` holds the bubbles of quadrant
/// `QUADRANTS[q]` with size `BUBBLES[b]` (all five per quadrant share the quadrant's name, so
/// the legend toggles them together); series 20–23 carry each quadrant's shaded area
/// (`markArea`, silent) named with its count, and the dividing lines (`markLine`).
pub fn quadrant_scatter(
    customers: &[CustomerMetrics],
    counts: &QuadrantCounts,
    rule: ScatterRule,
    lang: Lang,
) -> Chart {
    // Customers at the same point, per quadrant, in a stable order.
    let mut points: Vec<((u64, u64), Quadrant, usize)> = Vec::new();
    for (s, l, q) in placed(customers) {
        let key = (s.to_bits(), l.to_bits());
        match points.iter_mut().find(|p| p.0 == key && p.1 == q) {
            Some(p) => p.2 += 1,
            None => points.push((key, q, 1)),
        }
    }
    points.sort_by(|a, b| {
        let (x, y) = (f64::from_bits(a.0.0), f64::from_bits(a.0.1));
        let (u, v) = (f64::from_bits(b.0.0), f64::from_bits(b.0.1));
        x.total_cmp(&u).then(y.total_cmp(&v))
    });

    let (low, high) = scale_range(rule.scale);
    let x_cut = satisfied_from(rule.scale, rule.satisfied_when);
    let y_cut = rule.loyalty_threshold;
    let (x_min, x_max, y_min, y_max) = (low - 0.5, high + 0.5, 0.5, 5.5);
    let sat_name = text("satisfaction.axis_satisfaction", lang);
    let loyalty_name = text("satisfaction.axis_loyalty", lang);
    // Labels on the scale's whole points only (the axes run half a point past each end so that
    // the edge bubbles are not clipped).
    let x_labels: Vec<f64> = (low as i32..=high as i32).map(f64::from).collect();

    let mut chart = Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().formatter("{b}"))
        .legend(
            Legend::new()
                .top(0)
                .data(QUADRANTS.iter().map(|&q| quadrant_name(q, lang)).collect()),
        )
        .grid(
            Grid::new()
                .left(16)
                .right(24)
                .top(40)
                .bottom(36)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(x_min)
                .max(x_max)
                .interval(1)
                .name(sat_name.as_str())
                .name_location(NameLocation::Middle)
                .name_gap(28)
                .split_line(SplitLine::new().show(false))
                .axis_label(labels_at(&x_labels)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(y_min)
                .max(y_max)
                .interval(1)
                .name(loyalty_name.as_str())
                .name_location(NameLocation::Middle)
                .name_gap(32)
                .split_line(SplitLine::new().show(false))
                .axis_label(labels_at(&[1.0, 2.0, 3.0, 4.0, 5.0])),
        );

    for &q in &QUADRANTS {
        let name = quadrant_name(q, lang);
        for (b, &(_, size)) in BUBBLES.iter().enumerate() {
            let data: Vec<DataPointItem> = points
                .iter()
                .filter(|p| p.1 == q && bubble(p.2) == b)
                .map(|&((x, y), _, n)| {
                    let (x, y) = (f64::from_bits(x), f64::from_bits(y));
                    let label = plural(
                        t!(
                            "satisfaction.point",
                            locale = lang.code(),
                            quadrant = name.as_str(),
                            satisfaction = format::number(x, 1, lang),
                            loyalty = format::number(y, 1, lang),
                            n = format::count(n, lang)
                        ),
                        &[("n", n)],
                    );
                    DataPointItem::new(vec![x, y, n as f64]).name(label)
                })
                .collect();
            chart = chart.series(
                Scatter::new()
                    .name(name.as_str())
                    .symbol_size(size)
                    .item_style(
                        ItemStyle::new()
                            .color(palette::quadrant(q))
                            .opacity(0.8)
                            .border_color("#ffffff")
                            .border_width(1),
                    )
                    .data(data),
            );
        }
    }

    // Shaded quadrants (x: satisfied to the right; y: loyal on top), then the dividing lines.
    let corner = |x: f64, y: f64| {
        MarkAreaData::new()
            .x_axis(x.to_string())
            .y_axis(y.to_string())
    };
    for (i, &q) in QUADRANTS.iter().enumerate() {
        let (x0, x1) = match q {
            Quadrant::Apostle | Quadrant::Mercenary => (x_cut, x_max),
            _ => (x_min, x_cut),
        };
        let (y0, y1) = match q {
            Quadrant::Apostle | Quadrant::Hostage => (y_cut, y_max),
            _ => (y_min, y_cut),
        };
        let position = match q {
            Quadrant::Apostle => LabelPosition::InsideTopRight,
            Quadrant::Mercenary => LabelPosition::InsideBottomRight,
            Quadrant::Hostage => LabelPosition::InsideTopLeft,
            _ => LabelPosition::InsideBottomLeft,
        };
        let name = format!(
            "{} · {}",
            quadrant_name(q, lang),
            format::count(quadrant_count(counts, q), lang)
        );
        let mut host = Scatter::new().symbol(Symbol::None).mark_area(
            MarkArea::new()
                .silent(true)
                .item_style(ItemStyle::new().color(palette::quadrant(q)).opacity(0.08))
                .label(
                    Label::new()
                        .show(true)
                        .position(position)
                        .color(label_colour(q))
                        .font_weight("bold"),
                )
                .data(vec![(corner(x0, y0).name(name), corner(x1, y1))]),
        );
        if i == 0 {
            host = host.mark_line(
                MarkLine::new()
                    .silent(true)
                    .symbol(vec![Symbol::None, Symbol::None])
                    .line_style(
                        LineStyle::new()
                            .color(palette::MUTED)
                            .type_(LineStyleType::Dashed),
                    )
                    .label(Label::new().show(false))
                    .data(vec![
                        MarkLineVariant::Simple(MarkLineData::new().x_axis(x_cut)),
                        MarkLineVariant::Simple(MarkLineData::new().y_axis(y_cut)),
                    ]),
            );
        }
        chart = chart.series(host);
    }
    chart
}

/// The quadrant of a click on [`quadrant_scatter`] (bubble series only).
pub fn scatter_target(series_index: usize) -> Option<Selection> {
    QUADRANTS
        .get(series_index / BUBBLES.len())
        .map(|&q| Selection::Quadrant(q))
}

/// Bars: promoters, passives and detractors, each with its count.
pub fn nps_chart(nps: &Nps, lang: Lang) -> Chart {
    count_bars(
        vec![
            text("satisfaction.detractors", lang),
            text("satisfaction.passives", lang),
            text("satisfaction.promoters", lang),
        ],
        vec![nps.detractors, nps.passives, nps.promoters],
        vec![
            palette::zone(Zone::Defection),
            palette::zone(Zone::Indifference),
            palette::zone(Zone::Affection),
        ],
        lang,
    )
}

/// Horizontal bars: SERVQUAL gap (perception − expectation) per dimension, in the file's
/// order top to bottom; a negative gap (the service falls short) is red, a positive one green.
/// Dimensions without answers are left out.
pub fn servqual_chart(gaps: &[ServqualGap], lang: Lang) -> Chart {
    let rows: Vec<(&ServqualGap, f64)> = gaps
        .iter()
        .rev()
        .filter_map(|g| Some((g, g.gap?)))
        .collect();
    let names: Vec<String> = rows
        .iter()
        .map(|(g, _)| dimension_name(&g.dimension))
        .collect();
    let data: Vec<DataPointItem> = rows
        .iter()
        .map(|&(_, gap)| {
            let colour = if gap < 0.0 {
                palette::zone(Zone::Defection)
            } else {
                palette::zone(Zone::Affection)
            };
            DataPointItem::new(gap).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    let axis = text("satisfaction.gap", lang);
    let decimal = NumberFormat::Decimal.marker(lang, "");
    Chart::new()
        .animation(false)
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(decimal.as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(40)
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
                        .formatter(decimal.as_str()),
                ),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(names)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .series(
            Bar::new().name(axis).bar_width(28).data(data).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .color(palette::MUTED)
                    .formatter(decimal.as_str()),
            ),
        )
}

/// A SERVQUAL dimension as read from its column (`capacidad_respuesta`) made readable
/// (`Capacidad respuesta`).
pub fn dimension_name(column: &str) -> String {
    let spaced = column.replace(['_', '-'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scores;
    use serde_json::{Value, json};

    fn parse(chart: Chart) -> Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    fn customer(
        i: u32,
        satisfaction: Option<f64>,
        rf: Option<(u8, u8)>,
        q: Quadrant,
    ) -> CustomerMetrics {
        let json = json!({
            "customer": i, "first_purchase": null, "last_purchase": null, "purchases": 0,
            "recency": null, "frequency": 0, "value": 0.0, "margin": null,
            "scores": rf.map(|(r, f)| Scores { r, f, v: 3 }),
            "segment": null, "tier": "Inactivo", "previous_tier": "Inactivo",
            "migration": "Same", "satisfaction": satisfaction, "zone": null, "quadrant": q,
            "recommend": null, "nps_class": null,
            "value_classes": { "cmv": false, "cmp": false, "bz": null, "migrant": false },
            "median_gap": null, "overdue": false, "p_alive": null, "expected_purchases": null,
            "expected_spend": null, "predicted_value": null, "clv": null
        });
        serde_json::from_value(json).expect("CustomerMetrics from JSON")
    }

    #[test]
    fn zone_bars_worst_to_best_with_counts_and_targets() {
        let zones = ZoneCounts {
            defection: 68,
            indifference: 359,
            affection: 79,
            no_survey: 1494,
        };
        let j = parse(zone_chart(&zones, Lang::Es));
        assert_eq!(
            j["xAxis"]["data"],
            json!(["Deserción", "Indiferencia", "Afecto"])
        );
        let values: Vec<&Value> = j["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| &d["value"])
            .collect();
        assert_eq!(values, [&json!(68), &json!(359), &json!(79)]);
        assert_eq!(
            j["series"][0]["data"][0]["itemStyle"]["color"],
            palette::zone(Zone::Defection)
        );
        assert_eq!(zone_target(2), Some(Selection::Zone(Zone::Affection)));
        assert_eq!(zone_target(3), None);
    }

    #[test]
    fn quadrant_bars_follow_quadrant_order() {
        let q = QuadrantCounts {
            apostle: 43,
            mercenary: 36,
            hostage: 141,
            terrorist: 286,
            no_survey: 1494,
        };
        let j = parse(quadrant_chart(&q, Lang::En));
        assert_eq!(
            j["xAxis"]["data"],
            json!(["Apostles", "Mercenaries", "Hostages", "Terrorists"])
        );
        assert_eq!(j["series"][0]["data"][3]["value"], json!(286));
        assert_eq!(
            quadrant_target(1),
            Some(Selection::Quadrant(Quadrant::Mercenary))
        );
    }

    #[test]
    fn satisfied_threshold_matches_the_engine_rule_on_every_scale() {
        use SatisfactionScale::*;
        // Zone of affection: ≥ 4.5 on 1–5; 1–7 maps 6.25 → 4.5; 0–10 as NPS (≥ 8.5).
        assert_eq!(satisfied_from(OneToFive, SatisfiedWhen::Affection), 4.5);
        assert_eq!(satisfied_from(ZeroToTen, SatisfiedWhen::Affection), 8.5);
        let to_five_7 = |s: f64| 1.0 + (s - 1.0) * 4.0 / 6.0;
        let to_five_10 = |s: f64| 1.0 + s * 0.4;
        assert_eq!(
            to_five_7(satisfied_from(OneToSeven, SatisfiedWhen::Affection)),
            4.5
        );
        assert_eq!(
            to_five_7(satisfied_from(OneToSeven, SatisfiedWhen::AtLeastFour)),
            4.0
        );
        assert_eq!(
            to_five_10(satisfied_from(ZeroToTen, SatisfiedWhen::AtLeastFour)),
            4.0
        );
        assert_eq!(satisfied_from(OneToFive, SatisfiedWhen::AtLeastFour), 4.0);
    }

    #[test]
    fn scatter_groups_customers_per_point_and_quadrant_and_draws_the_engine_cuts() {
        let customers = [
            customer(0, Some(5.0), Some((4, 4)), Quadrant::Apostle),
            customer(1, Some(5.0), Some((4, 4)), Quadrant::Apostle),
            customer(2, Some(2.0), Some((1, 2)), Quadrant::Terrorist),
            // Surveyed but not active: no loyalty, left out of the drawing.
            customer(3, Some(1.0), None, Quadrant::Terrorist),
            // Not surveyed.
            customer(4, None, Some((5, 5)), Quadrant::NoSurvey),
        ];
        let counts = QuadrantCounts {
            apostle: 2,
            terrorist: 2,
            no_survey: 1,
            ..QuadrantCounts::default()
        };
        let rule = ScatterRule {
            scale: SatisfactionScale::OneToFive,
            satisfied_when: SatisfiedWhen::Affection,
            loyalty_threshold: 3.5,
        };
        let j = parse(quadrant_scatter(&customers, &counts, rule, Lang::Es));
        let series = j["series"].as_array().unwrap();
        assert_eq!(series.len(), QUADRANTS.len() * BUBBLES.len() + 4);
        // Two apostles at (5, 4): one bubble of the "2–4" size in the apostles' second series.
        assert_eq!(series[1]["name"], "Apóstoles");
        assert_eq!(series[1]["data"][0]["value"], json!([5.0, 4.0, 2.0]));
        assert_eq!(series[1]["symbolSize"], json!(12.0));
        assert!(
            series[1]["data"][0]["name"]
                .as_str()
                .unwrap()
                .contains("2 clientes")
        );
        assert_eq!(
            scatter_target(1),
            Some(Selection::Quadrant(Quadrant::Apostle))
        );
        // One terrorist at (2, 1.5), size 1; the inactive one is not drawn.
        let t = 3 * BUBBLES.len();
        assert_eq!(
            series[t]["data"],
            json!([{"value": [2.0, 1.5, 1.0], "name": series[t]["data"][0]["name"]}])
        );
        assert_eq!(
            scatter_target(t),
            Some(Selection::Quadrant(Quadrant::Terrorist))
        );
        let drawn: usize = series[..t + BUBBLES.len()]
            .iter()
            .flat_map(|s| s["data"].as_array().cloned().unwrap_or_default())
            .map(|d| d["value"][2].as_f64().unwrap() as usize)
            .sum();
        assert_eq!(drawn, 3);
        assert_eq!(unplaced(&customers), 1);
        // Shaded apostles' area: satisfied from 4.5, loyal from 3.5, named with the count.
        let area = &series[20]["markArea"];
        assert_eq!(area["silent"], true);
        assert_eq!(area["data"][0][0]["name"], "Apóstoles · 2");
        assert_eq!(area["data"][0][0]["xAxis"], "4.5");
        assert_eq!(area["data"][0][0]["yAxis"], "3.5");
        assert_eq!(area["data"][0][1]["xAxis"], "5.5");
        let terrorists = &series[23]["markArea"]["data"][0];
        assert_eq!(terrorists[0]["xAxis"], "0.5");
        assert_eq!(terrorists[1]["xAxis"], "4.5");
        assert_eq!(terrorists[1]["yAxis"], "3.5");
        // Dividing lines where the engine divides.
        // Axis labels on the scale's whole points only.
        assert_eq!(
            j["xAxis"]["axisLabel"]["customValues"],
            json!([1.0, 2.0, 3.0, 4.0, 5.0])
        );
        assert_eq!(j["xAxis"]["min"], json!(0.5));
        let lines = &series[20]["markLine"]["data"];
        assert_eq!(lines[0]["xAxis"], json!(4.5));
        assert_eq!(lines[1]["yAxis"], json!(3.5));
    }

    #[test]
    fn bubble_sizes_grow_with_the_count() {
        assert_eq!(bubble(1), 0);
        assert_eq!(bubble(4), 1);
        assert_eq!(bubble(5), 2);
        assert_eq!(bubble(49), 3);
        assert_eq!(bubble(500), 4);
    }

    #[test]
    fn nps_bars_and_servqual_gaps() {
        let nps = Nps {
            promoters: 116,
            passives: 172,
            detractors: 204,
            score: Some(-17.9),
        };
        let j = parse(nps_chart(&nps, Lang::Es));
        assert_eq!(
            j["xAxis"]["data"],
            json!(["Detractores", "Pasivos", "Promotores"])
        );
        assert_eq!(j["series"][0]["data"][2]["value"], json!(116));

        let gap = |d: &str, g: Option<f64>| ServqualGap {
            dimension: d.into(),
            answers: if g.is_some() { 10 } else { 0 },
            expectation: g.map(|_| 6.0),
            perception: g.map(|g| 6.0 + g),
            gap: g,
        };
        let gaps = [
            gap("fiabilidad", Some(-0.8)),
            gap("tangibles", Some(0.2)),
            gap("empatia", None),
            gap("capacidad_respuesta", Some(-1.3)),
        ];
        let j = parse(servqual_chart(&gaps, Lang::Es));
        // First dimension on top: ECharts draws categories bottom-up.
        assert_eq!(
            j["yAxis"]["data"],
            json!(["Capacidad respuesta", "Tangibles", "Fiabilidad"])
        );
        assert_eq!(j["series"][0]["data"][0]["value"], json!(-1.3));
        assert_eq!(
            j["series"][0]["data"][0]["itemStyle"]["color"],
            palette::zone(Zone::Defection)
        );
        assert_eq!(
            j["series"][0]["data"][1]["itemStyle"]["color"],
            palette::zone(Zone::Affection)
        );
    }
}
