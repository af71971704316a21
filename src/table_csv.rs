//! Any table of the diagnosis as a CSV file for Excel, from what the table shows: numbers as
//! the page writes them (`S/ 1 234,50`, `12,5 %`) become plain numbers in the language's
//! decimal mark (`1234,50`, `12,5`); everything else (names, dates, ids) is kept as text.

use crate::customer_list::{csv_line, csv_separator};
use crate::import::Lang;
use crate::settings::CURRENCIES;

/// The plain number a cell shows, in `lang`'s decimal mark without grouping, currency or `%`;
/// `None` when the cell is not exactly a formatted number (a date, an id, a name, "—").
pub fn shown_number(text: &str, lang: Lang) -> Option<String> {
    let (group, point): (&[char], char) = match lang {
        Lang::Es => (&['\u{202f}', '\u{a0}', ' '], ','),
        Lang::En => (&[','], '.'),
    };
    let mut rest = text.trim();
    let negative = rest.starts_with('-');
    rest = rest.trim_start_matches('-');
    if let Some(c) = CURRENCIES.iter().find(|c| rest.starts_with(**c)) {
        rest = rest[c.len()..].trim_start_matches(['\u{a0}', ' ']);
    }
    rest = rest.trim_end_matches('%').trim_end_matches(['\u{a0}', ' ']);
    let (int_part, frac_part) = match rest.split_once(point) {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let digits: String = int_part.chars().filter(|c| !group.contains(c)).collect();
    let valid_int = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let valid_frac =
        frac_part.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    // Group separators only between digits, in threes from the right.
    let groups: Vec<&str> = int_part.split(group).collect();
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !(valid_int && valid_frac && grouped) {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    Some(match frac_part {
        Some(f) => format!("{sign}{digits}{point}{f}"),
        None => format!("{sign}{digits}"),
    })
}

/// The rows of a table (header rows included) as CSV: UTF-8 with a byte-order mark, `;` in
/// Spanish and `,` in English, CRLF line ends.
pub fn to_csv(rows: &[Vec<String>], lang: Lang) -> String {
    let sep = csv_separator(lang);
    let mut out = String::from("\u{feff}");
    for row in rows {
        let fields = row.iter().map(|cell| {
            let text = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            shown_number(cell, lang).unwrap_or(text)
        });
        csv_line(&mut out, fields, sep);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;

    #[test]
    fn formatted_numbers_become_plain_numbers_in_both_languages() {
        for lang in Lang::ALL {
            let point = if lang == Lang::Es { "," } else { "." };
            assert_eq!(
                shown_number(&format::money(1234.5, "S/", lang), lang),
                Some(format!("1234{point}50"))
            );
            assert_eq!(
                shown_number(&format::money(-20.0, "US$", lang), lang),
                Some(format!("-20{point}00"))
            );
            assert_eq!(
                shown_number(&format::percent(0.125, lang), lang),
                Some(format!("12{point}5"))
            );
            assert_eq!(
                shown_number(&format::count(1_234_567, lang), lang),
                Some("1234567".into())
            );
            assert_eq!(
                shown_number(&format::number(3.0, 1, lang), lang),
                Some(format!("3{point}0"))
            );
        }
    }

    #[test]
    fn dates_ids_names_and_dashes_stay_text() {
        for text in [
            "31/10/2026",
            "2026-10-31",
            "C001293",
            "Campeones",
            "—",
            "",
            "12 34",
            "1,2,3",
            "S/",
            "5 / 5 / 5",
        ] {
            assert_eq!(shown_number(text, Lang::Es), None, "{text}");
        }
        assert_eq!(
            shown_number("1,234", Lang::Es),
            Some("1,234".into()),
            "a Spanish decimal"
        );
        assert_eq!(
            shown_number("1,234", Lang::En),
            Some("1234".into()),
            "an English thousand"
        );
    }

    #[test]
    fn a_table_becomes_csv_for_excel() {
        let rows = vec![
            vec![
                "Nivel".to_owned(),
                "Clientes".to_owned(),
                "% valor".to_owned(),
                "Valor".to_owned(),
            ],
            vec![
                "Platino".to_owned(),
                "88".to_owned(),
                "34,0\u{a0}%".to_owned(),
                "S/\u{a0}101\u{202f}154,90".to_owned(),
            ],
            vec![
                "Oro; plata".to_owned(),
                "266".to_owned(),
                "33,0\u{a0}%".to_owned(),
                "S/\u{a0}98\u{202f}423,40".to_owned(),
            ],
        ];
        assert_eq!(
            to_csv(&rows, Lang::Es),
            "\u{feff}Nivel;Clientes;% valor;Valor\r\nPlatino;88;34,0;101154,90\r\n\"Oro; plata\";266;33,0;98423,40\r\n"
        );
    }
}
