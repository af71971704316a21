//! Localised numbers inside charts without JavaScript source in the options.
//!
//! ECharts formats numbers with its own English rules, and a formatter written as JS text would
//! need `new Function` (forbidden under a strict CSP). Instead a chart builder writes a marker
//! string such as `"fideliza:money:es:S/"` as a `formatter` or `valueFormatter`; `ui::echarts`
//! swaps each marker for a Rust closure that calls [`NumberFormat::apply`], so chart labels,
//! axes and tooltips read exactly like the rest of the page (`S/ 1 234,50`, `12,5 %`).

use crate::format;
use crate::import::Lang;

const PREFIX: &str = "fideliza:";

/// How a chart shows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberFormat {
    /// Money with the currency symbol and two decimals (`S/ 1 234,50`).
    Money,
    /// Money rounded to whole units, for axes (`S/ 1 235`).
    MoneyWhole,
    /// A whole count (`2 000`).
    Count,
    /// A share 0–1 as a percentage with one decimal (`12,5 %`).
    Percent,
    /// A number with one decimal (`3,4`).
    Decimal,
}

const NAMES: [(NumberFormat, &str); 5] = [
    (NumberFormat::Money, "money"),
    (NumberFormat::MoneyWhole, "money0"),
    (NumberFormat::Count, "count"),
    (NumberFormat::Percent, "percent"),
    (NumberFormat::Decimal, "decimal"),
];

impl NumberFormat {
    /// The marker string to put where ECharts expects a formatter.
    pub fn marker(self, lang: Lang, currency: &str) -> String {
        let name = NAMES
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, n)| n);
        format!("{PREFIX}{name}:{}:{currency}", lang.code())
    }

    /// Reads a marker back: the format, the language and the currency symbol.
    pub fn parse_marker(text: &str) -> Option<(NumberFormat, Lang, String)> {
        let rest = text.strip_prefix(PREFIX)?;
        let mut parts = rest.splitn(3, ':');
        let name = parts.next()?;
        let lang = Lang::from_code(parts.next()?)?;
        let currency = parts.next()?.to_owned();
        let format = NAMES.iter().find(|(_, n)| *n == name)?.0;
        Some((format, lang, currency))
    }

    /// `value` written in this format.
    pub fn apply(self, value: f64, lang: Lang, currency: &str) -> String {
        match self {
            NumberFormat::Money => format::money(value, currency, lang),
            NumberFormat::MoneyWhole => {
                let whole = format::number(value.abs(), 0, lang);
                let sign = if value <= -0.5 { "-" } else { "" };
                format!("{sign}{currency}\u{a0}{whole}")
            }
            NumberFormat::Count => format::number(value, 0, lang),
            NumberFormat::Percent => format::percent(value, lang),
            NumberFormat::Decimal => format::number(value, 1, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip_with_their_language_and_currency() {
        for (format, _) in NAMES {
            for lang in Lang::ALL {
                let marker = format.marker(lang, "S/");
                assert_eq!(
                    NumberFormat::parse_marker(&marker),
                    Some((format, lang, "S/".to_owned()))
                );
            }
        }
        // A currency may itself hold a colon.
        let marker = NumberFormat::Money.marker(Lang::En, "US$:");
        assert_eq!(NumberFormat::parse_marker(&marker).unwrap().2, "US$:");
        assert_eq!(NumberFormat::parse_marker("{c}"), None);
    }

    #[test]
    fn formats_read_like_the_page() {
        assert_eq!(
            NumberFormat::Money.apply(1234.5, Lang::Es, "S/"),
            "S/\u{a0}1\u{202f}234,50"
        );
        assert_eq!(
            NumberFormat::MoneyWhole.apply(1234.6, Lang::En, "S/"),
            "S/\u{a0}1,235"
        );
        assert_eq!(
            NumberFormat::MoneyWhole.apply(-20.0, Lang::En, "S/"),
            "-S/\u{a0}20"
        );
        assert_eq!(
            NumberFormat::Percent.apply(0.125, Lang::Es, "S/"),
            "12,5\u{a0}%"
        );
        assert_eq!(NumberFormat::Count.apply(2000.0, Lang::En, "S/"), "2,000");
        assert_eq!(NumberFormat::Decimal.apply(3.44, Lang::Es, "S/"), "3,4");
    }
}
