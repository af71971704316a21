//! RFV charts: customers per R, F and V score, the R×F heatmap (colour = mean value, label =
//! customers), and the squarified layout of the segment treemap.
//!
//! The treemap is laid out here and drawn by the page as HTML links: charming 0.6's `Treemap`
//! series has no `data` field, and HTML tiles are keyboard-reachable links anyway.

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{RfHeatmap, ScoreDistributions, Segment, SegmentRow};
use crate::i18n::plural;
use crate::import::Lang;
use crate::selection::Selection;
use charming::Chart;
use charming::component::{Axis, Grid, Legend, VisualMap, VisualMapPiece, VisualMapType};
use charming::datatype::{CompositeValue, DataPointItem};
use charming::element::Symbol;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Orient, Tooltip, Trigger,
};
use charming::series::{Bar, Scatter};
use rust_i18n::t;

/// Bar colour of the value score (recency and frequency use the palette's first two).
const VALUE_COLOUR: &str = "#7c3aed";

/// Heatmap colours, light to dark: band 0 (no customer), then bands 1–5 of mean value.
/// (Light enough for dark count labels on every band.)
pub const HEAT_BANDS: [&str; 6] = [
    "#f1f5f9", "#ccfbf1", "#99f6e4", "#5eead4", "#2dd4bf", "#14b8a6",
];

/// Grouped bars: customers per score 1–5 for recency, frequency and value. A zero bar is an
/// empty score (ties share a score).
pub fn score_distributions(d: &ScoreDistributions, lang: Lang, currency: &str) -> Chart {
    let l = lang.code();
    let count = NumberFormat::Count.marker(lang, currency);
    let series = [
        (
            t!("rfv.recency_axis", locale = l),
            &d.recency,
            palette::PRIMARY,
        ),
        (
            t!("rfv.frequency_axis", locale = l),
            &d.frequency,
            palette::SECONDARY,
        ),
        (t!("rfv.value_axis", locale = l), &d.value, VALUE_COLOUR),
    ];
    let mut chart = Chart::new()
        .animation(false)
        .legend(Legend::new().top(0))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(count.as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(40)
                .bottom(32)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(t!("rfv.score", locale = l))
                .name_location(NameLocation::Middle)
                .name_gap(28)
                .data(vec!["1", "2", "3", "4", "5"])
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(super::count_axis(&count));
    for (name, counts, colour) in series {
        chart = chart.series(
            Bar::new()
                .name(name)
                .data(counts.iter().map(|&n| n as i64).collect())
                .item_style(ItemStyle::new().color(colour))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Top)
                        .color(palette::MUTED)
                        .font_size(11)
                        .formatter(count.as_str()),
                ),
        );
    }
    chart
}

/// Colour band 1–5 of each non-empty cell's mean value (five equal-width ranges between the
/// lowest and the highest cell mean), 0 for an empty cell; and the ranges `(from, to)`.
pub fn heat_bands(h: &RfHeatmap) -> ([[u8; 5]; 5], Vec<(f64, f64)>) {
    let means: Vec<f64> = h
        .cells
        .iter()
        .flatten()
        .filter_map(|c| c.mean_value)
        .collect();
    let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut bands = [[0u8; 5]; 5];
    if means.is_empty() {
        return (bands, Vec::new());
    }
    let n = if hi > lo { 5 } else { 1 };
    let width = (hi - lo) / n as f64;
    for (r, row) in h.cells.iter().enumerate() {
        for (f, cell) in row.iter().enumerate() {
            if let (true, Some(m)) = (cell.customers > 0, cell.mean_value) {
                let band = if width > 0.0 {
                    ((m - lo) / width).floor() as usize
                } else {
                    0
                };
                bands[r][f] = band.min(n - 1) as u8 + 1;
            }
        }
    }
    let ranges = (0..n)
        .map(|i| (lo + width * i as f64, lo + width * (i + 1) as f64))
        .collect();
    (bands, ranges)
}

/// Side of a heatmap tile in pixels (drawn as square scatter symbols: charming 0.6's `Heatmap`
/// takes no named data items, and the name carries the localised tooltip).
pub const TILE: i64 = 46;

/// R×F heatmap: frequency score across, recency score up; each cell's colour is the band of
/// its customers' mean value, its label the number of customers. Data items are
/// `[f − 1, r − 1, band, customers]`, named with the full text of the cell (the tooltip).
pub fn rf_heatmap(h: &RfHeatmap, lang: Lang, currency: &str) -> Chart {
    let l = lang.code();
    let (bands, ranges) = heat_bands(h);
    let mut data = Vec::with_capacity(25);
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            let cell = &h.cells[r as usize - 1][f as usize - 1];
            let name = match cell.mean_value.filter(|_| cell.customers > 0) {
                Some(mean) => plural(
                    t!(
                        "rfv.cell_tooltip",
                        locale = l,
                        r = r,
                        f = f,
                        customers = crate::format::count(cell.customers, lang),
                        mean = crate::format::money(mean, currency, lang)
                    ),
                    &[("customers", cell.customers)],
                ),
                None => t!("rfv.cell_empty", locale = l, r = r, f = f).into_owned(),
            };
            let value: Vec<CompositeValue> = vec![
                (i64::from(f) - 1).into(),
                (i64::from(r) - 1).into(),
                i64::from(bands[r as usize - 1][f as usize - 1]).into(),
                (cell.customers as i64).into(),
            ];
            data.push(DataPointItem::new(value).name(name));
        }
    }
    let money = |v: f64| NumberFormat::MoneyWhole.apply(v, lang, currency);
    let mut pieces = vec![
        VisualMapPiece::new()
            .min(0.0)
            .max(0.0)
            .label(t!("rfv.no_customers", locale = l))
            .color(HEAT_BANDS[0]),
    ];
    for (i, (from, to)) in ranges.iter().enumerate() {
        let band = (i + 1) as f64;
        pieces.push(
            VisualMapPiece::new()
                .min(band)
                .max(band)
                .label(format!("{} – {}", money(*from), money(*to)))
                .color(HEAT_BANDS[i + 1]),
        );
    }
    let scores = vec!["1", "2", "3", "4", "5"];
    Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(36)
                .right(150)
                .top(16)
                .bottom(36)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(t!("rfv.frequency_axis", locale = l))
                .name_location(NameLocation::Middle)
                .name_gap(26)
                .data(scores.clone())
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(t!("rfv.recency_axis", locale = l))
                .name_location(NameLocation::Middle)
                .name_rotation(90)
                .name_gap(24)
                .data(scores)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .visual_map(
            VisualMap::new()
                .type_(VisualMapType::Piecewise)
                .dimension(2)
                .series_index(0)
                .orient(Orient::Vertical)
                .right(0)
                .top("middle")
                .pieces(pieces),
        )
        .series(
            Scatter::new()
                .name(t!("rfv.heatmap_title", locale = l))
                .symbol(Symbol::RoundRect)
                .symbol_size(TILE)
                .data(data)
                .item_style(ItemStyle::new().opacity(1))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Inside)
                        .color("#0f172a")
                        .font_size(12)
                        .formatter(NumberFormat::Count.marker(lang, currency).as_str()),
                ),
        )
}

/// The customers behind a clicked heatmap cell (its `[f − 1, r − 1, band, customers]` value);
/// `None` for an empty cell or anything else.
pub fn heatmap_target(value: &serde_json::Value) -> Option<Selection> {
    let v = value.as_array()?;
    let index = |i: usize| v.get(i)?.as_u64();
    let (f, r, customers) = (index(0)?, index(1)?, index(3)?);
    (f < 5 && r < 5 && customers > 0).then_some(Selection::RfCell {
        r: r as u8 + 1,
        f: f as u8 + 1,
    })
}

/// A rectangle as fractions (0–1) of its container: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Squarified treemap (Bruls, Huizing & van Wijk, 2000) of `items` in a container of
/// width / height `aspect`: largest weight first, each row of tiles kept while it improves
/// the worst aspect ratio. Items of weight ≤ 0 get no tile. Tile areas are proportional to
/// the weights and fill the container.
pub fn squarify<T: Copy>(items: &[(T, f64)], aspect: f64) -> Vec<(T, Rect)> {
    let mut sorted: Vec<(T, f64)> = items.iter().copied().filter(|i| i.1 > 0.0).collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
    let total: f64 = sorted.iter().map(|i| i.1).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    // Work in a container `aspect` wide and 1 high; areas scaled to fill it.
    let scale = aspect / total;
    let areas: Vec<(T, f64)> = sorted.iter().map(|&(t, w)| (t, w * scale)).collect();
    let (mut x, mut y, mut w, mut h) = (0.0, 0.0, aspect, 1.0);
    let mut out = Vec::with_capacity(areas.len());
    let worst = |row: &[(T, f64)], side: f64| {
        let s: f64 = row.iter().map(|r| r.1).sum();
        let max = row.iter().map(|r| r.1).fold(0.0, f64::max);
        let min = row.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
        f64::max(side * side * max / (s * s), s * s / (side * side * min))
    };
    let mut i = 0;
    while i < areas.len() {
        let side = f64::min(w, h);
        let mut end = i + 1;
        while end < areas.len() && worst(&areas[i..=end], side) <= worst(&areas[i..end], side) {
            end += 1;
        }
        let row = &areas[i..end];
        let s: f64 = row.iter().map(|r| r.1).sum();
        let last = end == areas.len();
        if w >= h {
            // A column on the left.
            let cw = if last { w } else { s / h };
            let mut ty = y;
            for (k, &(t, a)) in row.iter().enumerate() {
                let th = if k + 1 == row.len() {
                    y + h - ty
                } else {
                    a / cw
                };
                out.push((t, (x, ty, cw, th)));
                ty += th;
            }
            x += cw;
            w -= cw;
        } else {
            // A row on top.
            let rh = if last { h } else { s / w };
            let mut tx = x;
            for (k, &(t, a)) in row.iter().enumerate() {
                let tw = if k + 1 == row.len() {
                    x + w - tx
                } else {
                    a / rh
                };
                out.push((t, (tx, y, tw, rh)));
                tx += tw;
            }
            y += rh;
            h -= rh;
        }
        i = end;
    }
    out.into_iter()
        .map(|(t, (x, y, w, h))| {
            (
                t,
                Rect {
                    x: x / aspect,
                    y,
                    w: w / aspect,
                    h,
                },
            )
        })
        .collect()
}

/// What the segment treemap's tile sizes show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreemapSize {
    /// Tile area ∝ customers.
    Customers,
    /// Tile area ∝ window value (segments with a net value ≤ 0 get no tile).
    Value,
}

/// The segment treemap's tiles, largest first, in a container `aspect` wide and 1 high.
pub fn segment_tiles(rows: &[SegmentRow], size: TreemapSize, aspect: f64) -> Vec<(Segment, Rect)> {
    let items: Vec<(Segment, f64)> = rows
        .iter()
        .map(|r| {
            let w = match size {
                TreemapSize::Customers => r.customers as f64,
                TreemapSize::Value => r.value,
            };
            (r.segment, w)
        })
        .collect();
    squarify(&items, aspect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::HeatCell;
    use serde_json::{Value, json};

    fn json(chart: &Chart) -> Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    #[test]
    fn distributions_chart_has_one_series_per_letter_with_the_counts() {
        let d = ScoreDistributions {
            recency: [1, 2, 3, 4, 5],
            frequency: [9, 0, 8, 7, 6],
            value: [5, 5, 5, 5, 0],
        };
        let j = json(&score_distributions(&d, Lang::Es, "S/"));
        assert_eq!(j["series"][0]["name"], "Recencia (R)");
        assert_eq!(j["series"][0]["data"], json!([1, 2, 3, 4, 5]));
        assert_eq!(j["series"][1]["data"], json!([9, 0, 8, 7, 6]));
        assert_eq!(j["series"][2]["name"], "Valor (V)");
        assert_eq!(j["series"][2]["data"], json!([5, 5, 5, 5, 0]));
        assert_eq!(j["xAxis"]["data"], json!(["1", "2", "3", "4", "5"]));
        assert!(
            j["series"][0]["label"]["formatter"]
                .as_str()
                .unwrap()
                .starts_with("fideliza:count:es")
        );
        let en = json(&score_distributions(&d, Lang::En, "S/"));
        assert_eq!(en["series"][1]["name"], "Frequency (F)");
    }

    fn heatmap() -> RfHeatmap {
        let mut h = RfHeatmap::default();
        let mut set = |r: usize, f: usize, customers: usize, value: f64| {
            h.cells[r - 1][f - 1] = HeatCell {
                customers,
                value,
                mean_value: Some(value / customers as f64),
            };
        };
        set(5, 5, 10, 1000.0); // mean 100: top band
        set(1, 1, 4, 40.0); // mean 10: bottom band
        set(3, 2, 2, 100.0); // mean 50: (50 − 10) / 18 = 2.2 → band 3
        h
    }

    #[test]
    fn heat_bands_split_the_mean_range_in_five() {
        let (bands, ranges) = heat_bands(&heatmap());
        assert_eq!(bands[4][4], 5);
        assert_eq!(bands[0][0], 1);
        assert_eq!(bands[2][1], 3);
        assert_eq!(bands[1][1], 0, "empty cell");
        assert_eq!(ranges.len(), 5);
        assert_eq!(ranges[0].0, 10.0);
        assert!((ranges[4].1 - 100.0).abs() < 1e-9);
        // One mean only: one band.
        let mut one = RfHeatmap::default();
        one.cells[0][0] = HeatCell {
            customers: 3,
            value: 30.0,
            mean_value: Some(10.0),
        };
        let (bands, ranges) = heat_bands(&one);
        assert_eq!((bands[0][0], ranges.len()), (1, 1));
        assert_eq!(heat_bands(&RfHeatmap::default()).1.len(), 0);
    }

    #[test]
    fn heatmap_cells_carry_position_band_and_customers() {
        let j = json(&rf_heatmap(&heatmap(), Lang::Es, "S/"));
        let data = j["series"][0]["data"].as_array().unwrap();
        assert_eq!(data.len(), 25);
        // Row-major from R = 1: the last item is R 5, F 5.
        assert_eq!(data[24]["value"], json!([4, 4, 5, 10]));
        assert_eq!(data[0]["value"], json!([0, 0, 1, 4]));
        // R 3, F 2 → index (3 − 1)·5 + (2 − 1).
        assert_eq!(data[11]["value"], json!([1, 2, 3, 2]));
        assert_eq!(data[1]["value"], json!([1, 0, 0, 0]));
        let name = data[24]["name"].as_str().unwrap();
        assert!(name.contains("R 5") && name.contains("F 5"), "{name}");
        assert!(name.contains("10 clientes"), "{name}");
        assert!(name.contains("S/\u{a0}100,00"), "{name}");
        assert!(data[1]["name"].as_str().unwrap().contains("sin clientes"));
        let vm = &j["visualMap"][0];
        assert_eq!(vm["dimension"], 2);
        let pieces = vm["pieces"].as_array().unwrap();
        assert_eq!(pieces.len(), 6);
        assert_eq!(pieces[0]["label"], "Sin clientes");
        assert_eq!(pieces[1]["label"], "S/\u{a0}10 – S/\u{a0}28");
        assert_eq!(j["yAxis"]["name"], "Recencia (R)");
    }

    #[test]
    fn heatmap_click_opens_the_cell_unless_empty() {
        assert_eq!(
            heatmap_target(&json!([1, 2, 3, 2])),
            Some(Selection::RfCell { r: 3, f: 2 })
        );
        assert_eq!(heatmap_target(&json!([1, 0, 0, 0])), None);
        assert_eq!(heatmap_target(&json!(7)), None);
        assert_eq!(heatmap_target(&json!([5, 0, 1, 3])), None);
    }

    #[test]
    fn squarify_fills_the_container_in_proportion() {
        let items = [
            ("a", 6.0),
            ("b", 6.0),
            ("c", 4.0),
            ("d", 3.0),
            ("e", 2.0),
            ("f", 2.0),
            ("g", 1.0),
            ("z", 0.0),
        ];
        let tiles = squarify(&items, 1.5);
        assert_eq!(tiles.len(), 7, "zero weight gets no tile");
        assert_eq!(tiles[0].0, "a");
        let total: f64 = items.iter().map(|i| i.1).sum();
        for (name, r) in &tiles {
            let weight = items.iter().find(|i| i.0 == *name).unwrap().1;
            assert!((r.w * r.h - weight / total).abs() < 1e-9, "{name}: {r:?}");
            assert!(
                r.x >= -1e-9 && r.y >= -1e-9 && r.x + r.w <= 1.0 + 1e-9 && r.y + r.h <= 1.0 + 1e-9
            );
        }
        // No two tiles overlap.
        for (i, (_, a)) in tiles.iter().enumerate() {
            for (_, b) in &tiles[i + 1..] {
                let ox = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let oy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(ox <= 1e-9 || oy <= 1e-9, "{a:?} overlaps {b:?}");
            }
        }
        // Squarified: no sliver (aspect ratio in real units within 1:4 here).
        for (_, r) in &tiles {
            let ratio = (r.w * 1.5 / r.h).max(r.h / (r.w * 1.5));
            assert!(ratio < 4.0, "{r:?}");
        }
        assert!(squarify::<u8>(&[(1, 0.0)], 1.0).is_empty());
    }

    #[test]
    fn segment_tiles_size_by_customers_or_value() {
        let row = |segment, customers, value| SegmentRow {
            segment,
            customers,
            customers_share: 0.0,
            value,
            value_share: 0.0,
            mean_r: 0.0,
            mean_f: 0.0,
            mean_v: 0.0,
        };
        let rows = [
            row(Segment::Champions, 1, 300.0),
            row(Segment::Lost, 3, -5.0),
            row(Segment::Loyal, 0, 0.0),
        ];
        let by_customers = segment_tiles(&rows, TreemapSize::Customers, 1.5);
        assert_eq!(
            by_customers.iter().map(|t| t.0).collect::<Vec<_>>(),
            [Segment::Lost, Segment::Champions]
        );
        assert!((by_customers[0].1.w * by_customers[0].1.h - 0.75).abs() < 1e-9);
        let by_value = segment_tiles(&rows, TreemapSize::Value, 1.5);
        assert_eq!(by_value.len(), 1);
        assert_eq!(by_value[0].0, Segment::Champions);
    }
}
