//! Number, money and date formatting for the two languages of the app.
//!
//! Spanish follows es-PE as Peruvian businesses write it: a thin space groups thousands and a
//! comma marks decimals (`S/ 1 234,50`, `12,5 %`); English uses `S/ 1,234.50` and `12.5%`.

use crate::import::Lang;
use crate::model::{Day, date_from_day};
use chrono::Datelike;

impl Lang {
    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Es => "es-PE",
            Lang::En => "en",
        }
    }

    fn separators(self) -> (&'static str, char) {
        match self {
            Lang::Es => ("\u{202f}", ','),
            Lang::En => (",", '.'),
        }
    }
}

/// `value` with `decimals` decimals and grouped thousands, e.g. `1 234,5` (es) / `1,234.5` (en).
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let (group, point) = lang.separators();
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::with_capacity(text.len() + 8);
    for (i, digit) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(digit);
    }
    if !frac_part.is_empty() {
        grouped.push(point);
        grouped.push_str(frac_part);
    }
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    if value < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A whole count, e.g. `2 000` (es) / `2,000` (en).
pub fn count(value: usize, lang: Lang) -> String {
    number(value as f64, 0, lang)
}

/// Money with the currency symbol and two decimals: `S/ 1 234,50`.
pub fn money(value: f64, currency: &str, lang: Lang) -> String {
    let sign = if value < 0.0 && number(value, 2, lang).starts_with('-') {
        "-"
    } else {
        ""
    };
    format!("{sign}{currency}\u{a0}{}", number(value.abs(), 2, lang))
}

/// A share (0.125) as a percentage with one decimal: `12,5 %` (es) / `12.5%` (en).
pub fn percent(share: f64, lang: Lang) -> String {
    let n = number(share * 100.0, 1, lang);
    match lang {
        Lang::Es => format!("{n}\u{a0}%"),
        Lang::En => format!("{n}%"),
    }
}

/// A date as `23/11/2026` (es) or `2026-11-23` (en, ISO to avoid month/day ambiguity).
pub fn date(day: Day, lang: Lang) -> String {
    let d = date_from_day(day);
    match lang {
        Lang::Es => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ymd;

    #[test]
    fn spanish_groups_with_thin_space_and_decimal_comma() {
        assert_eq!(money(1234.5, "S/", Lang::Es), "S/\u{a0}1\u{202f}234,50");
        assert_eq!(
            number(1_234_567.891, 1, Lang::Es),
            "1\u{202f}234\u{202f}567,9"
        );
        assert_eq!(percent(0.125, Lang::Es), "12,5\u{a0}%");
        assert_eq!(count(2000, Lang::Es), "2\u{202f}000");
        assert_eq!(count(999, Lang::Es), "999");
    }

    #[test]
    fn english_groups_with_comma_and_decimal_point() {
        assert_eq!(money(1234.5, "S/", Lang::En), "S/\u{a0}1,234.50");
        assert_eq!(percent(0.38, Lang::En), "38.0%");
        assert_eq!(number(100_000.0, 0, Lang::En), "100,000");
    }

    #[test]
    fn negatives_keep_their_sign_and_rounded_zero_has_none() {
        assert_eq!(money(-1234.5, "S/", Lang::En), "-S/\u{a0}1,234.50");
        assert_eq!(number(-0.004, 2, Lang::Es), "0,00");
        assert_eq!(number(-12.0, 0, Lang::Es), "-12");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = ymd(2026, 3, 7).unwrap();
        assert_eq!(date(d, Lang::Es), "07/03/2026");
        assert_eq!(date(d, Lang::En), "2026-03-07");
    }
}
