//! The loyalty pyramid (a funnel drawn top-down, Platino at the tip, the Inactivos band under
//! it), the tier migration matrix between the previous and the current window, and the
//! reading of the tier cut points a user types (DOMAIN.md §3).

use super::fmt::NumberFormat;
use super::palette;
use crate::engine::{Migration, MigrationMatrix, Pyramid, Tier, TierCuts};
use crate::format;
use crate::i18n::plural;
use crate::import::Lang;
use crate::selection::{Selection, tier_name};
use charming::Chart;
use charming::component::{Axis, Grid, VisualMap, VisualMapPiece, VisualMapType};
use charming::datatype::{CompositeValue, DataPointItem};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, NameLocation, Orient, Sort, Symbol,
    Tooltip, Trigger,
};
use charming::series::{Funnel, Scatter};
use rust_i18n::t;

/// The pyramid: one funnel piece per tier, top to bottom Platino, Oro, Hierro, Plomo, then the
/// Inactivos band. Piece widths show the rank (the pyramid's shape), not a quantity: each
/// item is named with its tier, customers and value share, which the labels show.
pub fn pyramid(p: &Pyramid, lang: Lang) -> Chart {
    let l = lang.code();
    let mut data: Vec<DataPointItem> = p
        .tiers
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let name = plural(
                t!(
                    "pyramid.piece",
                    locale = l,
                    tier = tier_name(row.tier, lang),
                    customers = format::count(row.customers, lang),
                    value_share = format::percent(row.value_share, lang)
                ),
                &[("customers", row.customers)],
            );
            DataPointItem::new((i + 1) as i64)
                .name(name)
                .item_style(ItemStyle::new().color(palette::tier(row.tier)))
        })
        .collect();
    data.push(
        DataPointItem::new(5)
            .name(plural(
                t!(
                    "pyramid.piece_inactive",
                    locale = l,
                    tier = tier_name(Tier::Inactivo, lang),
                    customers = format::count(p.inactive_customers, lang)
                ),
                &[("customers", p.inactive_customers)],
            ))
            .item_style(ItemStyle::new().color(palette::tier(Tier::Inactivo))),
    );
    Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .series(
            Funnel::new()
                .name(t!("pyramid.chart_title", locale = l))
                .sort(Sort::Ascending)
                .min(0)
                .max(5)
                .min_size("12%")
                .max_size("100%")
                .left("4%")
                .right("4%")
                .top(8)
                .bottom(8)
                .gap(3)
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Inside)
                        .formatter("{b}")
                        .color("#0f172a")
                        .font_size(12)
                        .background_color("rgba(255,255,255,0.85)")
                        .padding((2.0, 6.0, 2.0, 6.0)),
                )
                .item_style(ItemStyle::new().border_color("#ffffff").border_width(1))
                .data(data),
        )
}

/// The tier behind a clicked pyramid piece (its data index: 0 Platino … 4 Inactivos).
pub fn pyramid_target(data_index: usize) -> Option<Selection> {
    Tier::ALL.get(data_index).map(|&t| Selection::Tier(t))
}

/// How customers in a cell of the migration matrix moved: `row` indexes [`Tier::ALL`] plus
/// [`MigrationMatrix::NEW_ROW`], `to` is the current tier.
pub fn move_kind(row: usize, to: Tier) -> Migration {
    if row == MigrationMatrix::NEW_ROW {
        return Migration::New;
    }
    let from = Tier::ALL[row];
    match (from, to) {
        (Tier::Inactivo, Tier::Inactivo) => Migration::StillInactive,
        (Tier::Inactivo, _) => Migration::Returned,
        (_, Tier::Inactivo) => Migration::Left,
        (f, t) if t < f => Migration::Up,
        (f, t) if t > f => Migration::Down,
        _ => Migration::Same,
    }
}

/// The kinds of move in the migration chart's legend, in order, with their colours; a cell's
/// colour band is its kind's position + 1 (0 = no customer).
const MOVES: [(Migration, &str, &str); 7] = [
    (Migration::Up, "up", "#4ade80"),
    (Migration::Same, "same", "#cbd5e1"),
    (Migration::Down, "down", "#f87171"),
    (Migration::New, "new", "#60a5fa"),
    (Migration::Returned, "returned", "#5eead4"),
    (Migration::Left, "left", "#fdba74"),
    (Migration::StillInactive, "still_inactive", "#e2e8f0"),
];

/// Colour of an empty migration cell.
const EMPTY_CELL: &str = "#f8fafc";

/// The colour band of a move (1–7).
fn move_band(kind: Migration) -> i64 {
    MOVES.iter().position(|m| m.0 == kind).unwrap_or(0) as i64 + 1
}

/// Row labels of the migration matrix: the previous tier, then "new customers".
fn row_name(row: usize, lang: Lang) -> String {
    if row == MigrationMatrix::NEW_ROW {
        t!("pyramid.new_row", locale = lang.code()).into_owned()
    } else {
        tier_name(Tier::ALL[row], lang)
    }
}

/// The migration matrix as a grid of tiles: previous tier down (top = Platino, last = new
/// customers), current tier across. Items are `[to, row, band, customers]`, coloured by the
/// kind of move, labelled with the customers, named with the cell's full text.
pub fn migration(m: &MigrationMatrix, lang: Lang, currency: &str) -> Chart {
    let l = lang.code();
    let mut data = Vec::with_capacity(30);
    for (row, counts) in m.counts.iter().enumerate() {
        for (col, &n) in counts.iter().enumerate() {
            let to = Tier::ALL[col];
            let kind = move_kind(row, to);
            let (_, slug, _) = MOVES[move_band(kind) as usize - 1];
            let name = plural(
                t!(
                    "pyramid.migration_cell",
                    locale = l,
                    from = row_name(row, lang),
                    to = tier_name(to, lang),
                    customers = format::count(n, lang),
                    kind = t!(format!("pyramid.move.{slug}"), locale = l)
                ),
                &[("customers", n)],
            );
            let band = if n == 0 { 0 } else { move_band(kind) };
            let value: Vec<CompositeValue> = vec![
                (col as i64).into(),
                (row as i64).into(),
                band.into(),
                (n as i64).into(),
            ];
            data.push(DataPointItem::new(value).name(name));
        }
    }
    let mut pieces = vec![
        VisualMapPiece::new()
            .min(0.0)
            .max(0.0)
            .label(t!("pyramid.move.none", locale = l))
            .color(EMPTY_CELL),
    ];
    for (i, (_, slug, colour)) in MOVES.iter().enumerate() {
        pieces.push(
            VisualMapPiece::new()
                .min((i + 1) as f64)
                .max((i + 1) as f64)
                .label(t!(format!("pyramid.move.{slug}"), locale = l))
                .color(*colour),
        );
    }
    let rows: Vec<String> = (0..6).map(|r| row_name(r, lang)).collect();
    let cols: Vec<String> = Tier::ALL.iter().map(|&t| tier_name(t, lang)).collect();
    Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(
            Grid::new()
                .left(36)
                .right(170)
                .top(16)
                .bottom(36)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(t!("pyramid.axis_current", locale = l))
                .name_location(NameLocation::Middle)
                .name_gap(26)
                .data(cols)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .name(t!("pyramid.axis_previous", locale = l))
                .name_location(NameLocation::Middle)
                .name_rotation(90)
                .name_gap(112)
                .data(rows)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .visual_map(
            VisualMap::new()
                .type_(VisualMapType::Piecewise)
                .dimension(2)
                .series_index(0)
                .orient(Orient::Vertical)
                .inverse(true)
                .right(0)
                .top("middle")
                .pieces(pieces),
        )
        .series(
            Scatter::new()
                .name(t!("pyramid.migration_title", locale = l))
                .symbol(Symbol::RoundRect)
                .symbol_size(super::rfv::TILE)
                .data(data)
                .item_style(ItemStyle::new().opacity(1))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Inside)
                        .color("#0f172a")
                        .font_size(11)
                        .formatter(NumberFormat::Count.marker(lang, currency).as_str()),
                ),
        )
}

/// The customers behind a clicked migration cell (`[to, row, band, customers]`); `None` for
/// an empty cell. The new-customers row opens the customers new in that tier.
pub fn migration_target(value: &serde_json::Value) -> Option<Selection> {
    let v = value.as_array()?;
    let index = |i: usize| v.get(i)?.as_u64().map(|n| n as usize);
    let (col, row, customers) = (index(0)?, index(1)?, index(3)?);
    if customers == 0 || row > MigrationMatrix::NEW_ROW {
        return None;
    }
    let to = *Tier::ALL.get(col)?;
    Some(match Tier::ALL.get(row) {
        Some(&from) => Selection::Migration { from, to },
        None => Selection::NewIn(to),
    })
}

/// A tier cut a user typed that cannot be applied.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CutsError {
    /// The field (0 Platino, 1 Oro, 2 Hierro) is empty or not a number.
    NotANumber(usize),
    /// The field is below zero.
    Negative(usize),
    /// Platino + Oro + Hierro exceed 100 % (the sum, in percent).
    SumOver100(f64),
}

/// Reads the Platino, Oro and Hierro shares typed in percent (`5`, `12,5` or `12.5`, an
/// optional `%`) into cut points; Plomo takes the rest. Refuses empty or non-numeric fields,
/// negative shares and a sum over 100 %.
pub fn parse_cuts(fields: &[String; 3]) -> Result<TierCuts, CutsError> {
    let mut shares = [0.0; 3];
    for (i, text) in fields.iter().enumerate() {
        let clean = text.trim().trim_end_matches('%').trim().replace(',', ".");
        let value: f64 = clean
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or(CutsError::NotANumber(i))?;
        if value < 0.0 {
            return Err(CutsError::Negative(i));
        }
        shares[i] = value;
    }
    let cuts = TierCuts {
        platino: shares[0] / 100.0,
        oro: shares[1] / 100.0,
        hierro: shares[2] / 100.0,
    };
    if cuts.over_100() {
        return Err(CutsError::SumOver100(shares.iter().sum()));
    }
    Ok(cuts)
}

/// A share 0–1 written as the percent a user would type (`5`, `12,5`), at most two decimals.
pub fn percent_field(share: f64, lang: Lang) -> String {
    let text = format::number(share * 100.0, 2, lang);
    let sep = match lang {
        Lang::Es => ",",
        Lang::En => ".",
    };
    match text.split_once(sep) {
        Some((whole, decimals)) => {
            let decimals = decimals.trim_end_matches('0');
            if decimals.is_empty() {
                whole.to_owned()
            } else {
                format!("{whole}{sep}{decimals}")
            }
        }
        None => text,
    }
}

/// The cut fields of `cuts`, in Platino, Oro, Hierro order.
pub fn cut_fields(cuts: &TierCuts, lang: Lang) -> [String; 3] {
    [cuts.platino, cuts.oro, cuts.hierro].map(|s| percent_field(s, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::TierRow;
    use serde_json::{Value, json};

    fn json(chart: &Chart) -> Value {
        serde_json::from_str(&chart.to_string()).unwrap()
    }

    fn row(tier: Tier, customers: usize, value_share: f64) -> TierRow {
        TierRow {
            tier,
            customers,
            customers_share: 0.0,
            value: 0.0,
            value_share,
            margin: None,
            occasions: 0,
            average_ticket: 0.0,
            frequency: 0.0,
        }
    }

    #[test]
    fn pyramid_pieces_name_tier_customers_and_value_share_top_down() {
        let p = Pyramid {
            tiers: vec![
                row(Tier::Platino, 88, 0.3395),
                row(Tier::Oro, 266, 0.33),
                row(Tier::Hierro, 885, 0.29),
                row(Tier::Plomo, 1530, 0.04),
            ],
            inactive_customers: 231,
        };
        let j = json(&pyramid(&p, Lang::Es));
        let data = j["series"][0]["data"].as_array().unwrap();
        assert_eq!(data.len(), 5);
        assert_eq!(
            data.iter()
                .map(|d| d["value"].as_i64().unwrap())
                .collect::<Vec<_>>(),
            [1, 2, 3, 4, 5],
            "widths grow from the tip"
        );
        let name = |i: usize| data[i]["name"].as_str().unwrap().to_owned();
        assert!(name(0).starts_with("Platino"), "{}", name(0));
        assert!(name(0).contains("88 clientes"), "{}", name(0));
        assert!(name(0).contains("34,0\u{a0}%"), "{}", name(0));
        assert!(name(3).contains("1\u{202f}530 clientes"), "{}", name(3));
        assert!(name(4).starts_with("Inactivos") && name(4).contains("231"));
        assert_eq!(data[0]["itemStyle"]["color"], palette::tier(Tier::Platino));
        // Ascending: the smallest width (Platino) at the top.
        assert_eq!(j["series"][0]["sort"], "ascending");
        let en = json(&pyramid(&p, Lang::En));
        assert!(
            en["series"][0]["data"][1]["name"]
                .as_str()
                .unwrap()
                .starts_with("Gold")
        );
    }

    #[test]
    fn pyramid_click_opens_the_tier() {
        assert_eq!(pyramid_target(0), Some(Selection::Tier(Tier::Platino)));
        assert_eq!(pyramid_target(3), Some(Selection::Tier(Tier::Plomo)));
        assert_eq!(pyramid_target(4), Some(Selection::Tier(Tier::Inactivo)));
        assert_eq!(pyramid_target(5), None);
    }

    #[test]
    fn moves_follow_the_tier_order() {
        assert_eq!(move_kind(1, Tier::Platino), Migration::Up);
        assert_eq!(move_kind(1, Tier::Oro), Migration::Same);
        assert_eq!(move_kind(1, Tier::Plomo), Migration::Down);
        assert_eq!(move_kind(2, Tier::Inactivo), Migration::Left);
        assert_eq!(move_kind(4, Tier::Hierro), Migration::Returned);
        assert_eq!(move_kind(4, Tier::Inactivo), Migration::StillInactive);
        assert_eq!(move_kind(5, Tier::Oro), Migration::New);
    }

    #[test]
    fn migration_cells_hold_counts_and_kinds() {
        let mut m = MigrationMatrix::default();
        m.counts[1][0] = 25; // Oro → Platino
        m.counts[5][2] = 265; // new → Hierro
        let j = json(&migration(&m, Lang::Es, "S/"));
        let data = j["series"][0]["data"].as_array().unwrap();
        assert_eq!(data.len(), 30);
        // Row-major: row 1, column 0 is item 5.
        assert_eq!(data[5]["value"], json!([0, 1, 1, 25]));
        assert!(data[5]["name"].as_str().unwrap().contains("Oro → Platino"));
        assert!(data[5]["name"].as_str().unwrap().contains("Suben"));
        assert_eq!(data[27]["value"], json!([2, 5, 4, 265]));
        assert_eq!(
            data[0]["value"],
            json!([0, 0, 0, 0]),
            "an empty cell has no colour"
        );
        assert_eq!(j["yAxis"]["data"][5], "Nuevos clientes");
        assert_eq!(j["yAxis"]["inverse"], true);
        assert_eq!(j["xAxis"]["data"][4], "Inactivos");
        assert_eq!(j["visualMap"][0]["pieces"].as_array().unwrap().len(), 8);
    }

    #[test]
    fn migration_click_opens_from_to() {
        assert_eq!(
            migration_target(&json!([0, 1, 1, 25])),
            Some(Selection::Migration {
                from: Tier::Oro,
                to: Tier::Platino
            })
        );
        assert_eq!(
            migration_target(&json!([2, 5, 4, 265])),
            Some(Selection::NewIn(Tier::Hierro))
        );
        assert_eq!(migration_target(&json!([0, 0, 0, 0])), None);
        assert_eq!(migration_target(&json!([0, 6, 1, 3])), None);
    }

    fn fields(a: &str, b: &str, c: &str) -> [String; 3] {
        [a.into(), b.into(), c.into()]
    }

    #[test]
    fn cuts_are_read_in_percent_and_refused_when_invalid() {
        assert_eq!(
            parse_cuts(&fields("5", "15", "50")),
            Ok(TierCuts::default())
        );
        let cuts = parse_cuts(&fields("12,5", " 20 %", "30.5")).unwrap();
        assert!((cuts.platino - 0.125).abs() < 1e-12);
        assert!((cuts.oro - 0.20).abs() < 1e-12);
        assert!((cuts.hierro - 0.305).abs() < 1e-12);
        assert!(
            parse_cuts(&fields("20", "30", "50")).is_ok(),
            "exactly 100 %: Plomo empty"
        );
        assert_eq!(
            parse_cuts(&fields("5", "", "50")),
            Err(CutsError::NotANumber(1))
        );
        assert_eq!(
            parse_cuts(&fields("5", "15", "abc")),
            Err(CutsError::NotANumber(2))
        );
        assert_eq!(
            parse_cuts(&fields("-1", "15", "50")),
            Err(CutsError::Negative(0))
        );
        assert_eq!(
            parse_cuts(&fields("20", "40", "50")),
            Err(CutsError::SumOver100(110.0))
        );
    }

    #[test]
    fn cut_fields_read_back_as_typed() {
        assert_eq!(
            cut_fields(&TierCuts::default(), Lang::Es),
            ["5", "15", "50"]
        );
        assert_eq!(
            cut_fields(&TierCuts::practitioner(), Lang::En),
            ["20", "30", "30"]
        );
        let odd = TierCuts {
            platino: 0.125,
            oro: 0.1,
            hierro: 0.333,
        };
        assert_eq!(cut_fields(&odd, Lang::Es), ["12,5", "10", "33,3"]);
        let back = parse_cuts(&cut_fields(&odd, Lang::Es)).unwrap();
        assert!((back.hierro - odd.hierro).abs() < 1e-12 && back.platino == odd.platino);
    }
}
