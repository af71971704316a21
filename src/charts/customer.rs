//! The customer card's purchase timeline.

use super::fmt::NumberFormat;
use super::palette;
use crate::customer_card::Ticket;
use crate::format;
use crate::import::Lang;
use charming::Chart;
use charming::component::{Axis, Grid};
use charming::element::{AxisLabel, AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use rust_i18n::t;

/// One bar per ticket, oldest on the left, height = net amount (returns below the axis).
pub fn timeline(tickets: &[Ticket], lang: Lang, currency: &str) -> Chart {
    let days: Vec<String> = tickets
        .iter()
        .rev()
        .map(|t| format::date(t.day, lang))
        .collect();
    let amounts: Vec<f64> = tickets
        .iter()
        .rev()
        .map(|t| (t.amount * 100.0).round() / 100.0)
        .collect();
    let money = NumberFormat::Money.marker(lang, currency);
    Chart::new()
        .animation(false)
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Axis)
                .value_formatter(money.as_str()),
        )
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(16)
                .bottom(8)
                .contain_label(true),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(days)
                .axis_label(AxisLabel::new().color(palette::MUTED)),
        )
        .y_axis(
            Axis::new().type_(AxisType::Value).axis_label(
                AxisLabel::new()
                    .color(palette::MUTED)
                    .formatter(NumberFormat::MoneyWhole.marker(lang, currency).as_str()),
            ),
        )
        .series(
            Bar::new()
                .name(t!("card.ticket_amount", locale = lang.code()).into_owned())
                .data(amounts)
                .item_style(ItemStyle::new().color(palette::PRIMARY)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ymd;

    #[test]
    fn bars_run_oldest_to_newest_with_amounts_and_local_formats() {
        let ticket = |d, amount| Ticket {
            day: ymd(2026, 3, d).unwrap(),
            id: None,
            lines: 1,
            amount,
        };
        // The card lists tickets newest first.
        let tickets = [ticket(9, -5.0), ticket(2, 12.345)];
        let json: serde_json::Value =
            serde_json::from_str(&timeline(&tickets, Lang::Es, "S/").to_string()).unwrap();
        assert_eq!(
            json["xAxis"]["data"],
            serde_json::json!(["02/03/2026", "09/03/2026"])
        );
        assert_eq!(json["series"][0]["data"], serde_json::json!([12.35, -5.0]));
        assert_eq!(json["series"][0]["name"], "Importe");
        assert_eq!(
            json["yAxis"]["axisLabel"]["formatter"],
            "fideliza:money0:es:S/"
        );
        assert_eq!(json["tooltip"]["valueFormatter"], "fideliza:money:es:S/");
    }
}
