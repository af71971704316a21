//! The customer list: which customers a [`Selection`] and a search show, in which order, with
//! the totals of the list and its CSV export. Pure: the Clientes page only wires it to signals.

use crate::engine::{Analysis, CustomerMetrics};
use crate::import::Lang;
use crate::model::Dataset;
use crate::selection::{Selection, segment_name, tier_name, zone_name};
use rust_i18n::t;

/// The column a list is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Customer id (text order).
    Id,
    /// Days since the last purchase.
    Recency,
    /// Purchase occasions in the window.
    Frequency,
    /// Net value in the window.
    Value,
    /// BG/NBD probability of being alive.
    PAlive,
    /// 12-month customer lifetime value.
    Clv,
}

impl SortKey {
    /// Every sortable column, in table order.
    pub const ALL: [SortKey; 6] = [
        SortKey::Id,
        SortKey::Recency,
        SortKey::Frequency,
        SortKey::Value,
        SortKey::PAlive,
        SortKey::Clv,
    ];
}

/// What the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    /// The drill-down group.
    pub selection: Selection,
    /// Text searched in the id and the name (case and accents ignored); empty = no search.
    pub search: String,
    /// Sort column.
    pub sort: SortKey,
    /// Largest first.
    pub descending: bool,
}

impl ListQuery {
    /// Every customer of `selection`, most valuable first.
    pub fn new(selection: Selection) -> Self {
        ListQuery {
            selection,
            search: String::new(),
            sort: SortKey::Value,
            descending: true,
        }
    }
}

/// Count, value and CLV of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// Customers in the list.
    pub customers: usize,
    /// Σ window value.
    pub value: f64,
    /// Σ 12-month CLV over the customers that have one.
    pub clv: f64,
}

/// Lower-case text without accents, for searching.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

/// Customer names by customer index (from the customer file, when imported).
pub fn names(data: &Dataset) -> Vec<Option<&str>> {
    let mut names = vec![None; data.customer_ids.len()];
    for c in &data.customers {
        if let (Some(slot), Some(name)) = (names.get_mut(c.key as usize), c.name.as_deref()) {
            *slot = Some(name);
        }
    }
    names
}

/// Positions in `analysis.customers` of the customers `query` shows, in its order (ties by id).
pub fn select(analysis: &Analysis, data: &Dataset, query: &ListQuery) -> Vec<usize> {
    let names = names(data);
    let needle = fold(query.search.trim());
    let id = |m: &CustomerMetrics| data.customer_ids.name(m.customer);
    let mut rows: Vec<usize> = analysis
        .customers
        .iter()
        .enumerate()
        .filter(|(_, m)| query.selection.matches(m))
        .filter(|(_, m)| {
            needle.is_empty()
                || fold(id(m)).contains(&needle)
                || names[m.customer as usize].is_some_and(|n| fold(n).contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    // Missing values sort last whichever the direction.
    let key = |m: &CustomerMetrics| -> Option<f64> {
        match query.sort {
            SortKey::Id => None,
            SortKey::Recency => m.recency.map(f64::from),
            SortKey::Frequency => Some(f64::from(m.frequency)),
            SortKey::Value => Some(m.value),
            SortKey::PAlive => m.p_alive,
            SortKey::Clv => m.clv,
        }
    };
    rows.sort_by(|&a, &b| {
        let (ma, mb) = (&analysis.customers[a], &analysis.customers[b]);
        let by_key = match (key(ma), key(mb)) {
            (Some(x), Some(y)) if query.descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        let by_id = if query.sort == SortKey::Id && query.descending {
            id(mb).cmp(id(ma))
        } else {
            id(ma).cmp(id(mb))
        };
        by_key.then(by_id)
    });
    rows
}

/// Count, value and CLV of the customers at `rows`.
pub fn totals(analysis: &Analysis, rows: &[usize]) -> Totals {
    rows.iter()
        .map(|&i| &analysis.customers[i])
        .fold(Totals::default(), |t, m| Totals {
            customers: t.customers + 1,
            value: t.value + m.value,
            clv: t.clv + m.clv.unwrap_or(0.0),
        })
}

/// `text` as one CSV field, quoted when it holds the separator, a quote or a line break.
pub fn csv_field(text: &str, sep: char) -> String {
    if text.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The CSV separator Excel expects in `lang`: `;` where the decimal mark is a comma (Spanish),
/// `,` otherwise.
pub fn csv_separator(lang: Lang) -> char {
    match lang {
        Lang::Es => ';',
        Lang::En => ',',
    }
}

/// `v` with `decimals` decimals in the language's decimal mark, no grouping (Excel reads it as
/// a number).
pub fn csv_number(v: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{v:.decimals$}");
    // -0.001 and -0.0 round to "-0.00": write a plain zero.
    let text = match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
        _ => text,
    };
    match lang {
        Lang::Es => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The list as CSV for Excel: UTF-8 with a byte-order mark, `;`-separated when the decimal
/// mark is a comma (Spanish), `,` otherwise; numbers in the language's decimal mark, no
/// grouping, so Excel reads them as numbers.
pub fn csv(analysis: &Analysis, data: &Dataset, rows: &[usize], lang: Lang) -> String {
    let l = lang.code();
    let sep = csv_separator(lang);
    let names = names(data);
    let num = |v: f64, decimals: usize| csv_number(v, decimals, lang);
    let header = [
        "customers.col_id",
        "customers.col_name",
        "customers.col_segment",
        "customers.col_tier",
        "customers.col_rfv",
        "customers.col_recency",
        "customers.col_frequency",
        "customers.col_value",
        "customers.col_zone",
        "customers.col_p_alive",
        "customers.col_clv",
    ]
    .map(|k| csv_field(&t!(k, locale = l), sep));
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for &i in rows {
        let m = &analysis.customers[i];
        let fields = [
            data.customer_ids.name(m.customer).to_owned(),
            names[m.customer as usize].unwrap_or_default().to_owned(),
            m.segment.map(|s| segment_name(s, lang)).unwrap_or_default(),
            tier_name(m.tier, lang),
            m.scores
                .map(|s| format!("{}{}{}", s.r, s.f, s.v))
                .unwrap_or_default(),
            m.recency.map(|r| r.to_string()).unwrap_or_default(),
            m.frequency.to_string(),
            num(m.value, 2),
            m.zone.map(|z| zone_name(z, lang)).unwrap_or_default(),
            m.p_alive.map(|p| num(p, 3)).unwrap_or_default(),
            m.clv.map(|c| num(c, 2)).unwrap_or_default(),
        ];
        let fields: Vec<String> = fields.iter().map(|f| csv_field(f, sep)).collect();
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoConfig, generate};
    use crate::engine::{Params, Prepared, Segment};
    use std::sync::OnceLock;

    fn demo() -> &'static (Dataset, Analysis) {
        static DEMO: OnceLock<(Dataset, Analysis)> = OnceLock::new();
        DEMO.get_or_init(|| {
            let data = generate(&DemoConfig::default());
            let analysis = Prepared::new(&data).analyze(&Params::default());
            (data, analysis)
        })
    }

    #[test]
    fn a_segment_list_holds_exactly_the_segment_and_adds_up_to_its_row() {
        let (data, analysis) = demo();
        for row in &analysis.segments {
            let rows = select(
                analysis,
                data,
                &ListQuery::new(Selection::Segment(row.segment)),
            );
            assert_eq!(rows.len(), row.customers, "{:?}", row.segment);
            let t = totals(analysis, &rows);
            assert!((t.value - row.value).abs() < 1e-6 * row.value.abs().max(1.0));
            assert!(
                rows.iter()
                    .all(|&i| analysis.customers[i].segment == Some(row.segment))
            );
        }
    }

    #[test]
    fn every_migration_cell_opens_exactly_its_customers() {
        use crate::engine::{MigrationMatrix, Tier};
        let (data, analysis) = demo();
        let counts = &analysis.migration.counts;
        for to in Tier::ALL {
            for from in Tier::ALL {
                let q = ListQuery::new(Selection::Migration { from, to });
                let expected = counts[from.index()][to.index()];
                // The matrix counts new customers in their own row, not under Inactivos.
                let new = if from == Tier::Inactivo {
                    counts[MigrationMatrix::NEW_ROW][to.index()]
                } else {
                    0
                };
                assert_eq!(
                    select(analysis, data, &q).len(),
                    expected + new,
                    "{from:?} -> {to:?}"
                );
            }
            let q = ListQuery::new(Selection::NewIn(to));
            assert_eq!(
                select(analysis, data, &q).len(),
                counts[MigrationMatrix::NEW_ROW][to.index()],
                "new in {to:?}"
            );
        }
    }

    #[test]
    fn the_default_order_is_most_valuable_first_and_every_sort_is_total() {
        let (data, analysis) = demo();
        let rows = select(analysis, data, &ListQuery::new(Selection::All));
        assert_eq!(rows.len(), analysis.customers.len());
        let values: Vec<f64> = rows.iter().map(|&i| analysis.customers[i].value).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
        for sort in SortKey::ALL {
            for descending in [false, true] {
                let q = ListQuery {
                    sort,
                    descending,
                    ..ListQuery::new(Selection::All)
                };
                let mut sorted = select(analysis, data, &q);
                assert_eq!(sorted.len(), rows.len());
                sorted.sort_unstable();
                sorted.dedup();
                assert_eq!(sorted.len(), rows.len(), "{sort:?} lost or repeated rows");
            }
        }
        // Ascending recency: the most recent buyers first, customers never seen last.
        let q = ListQuery {
            sort: SortKey::Recency,
            descending: false,
            ..ListQuery::new(Selection::All)
        };
        let rec: Vec<Option<u32>> = select(analysis, data, &q)
            .iter()
            .map(|&i| analysis.customers[i].recency)
            .collect();
        let seen: Vec<u32> = rec.iter().map_while(|r| *r).collect();
        assert!(seen.windows(2).all(|w| w[0] <= w[1]));
        assert!(rec[seen.len()..].iter().all(Option::is_none));
    }

    #[test]
    fn search_ignores_case_and_accents_and_matches_ids_and_names() {
        let (data, analysis) = demo();
        let customer = data.customers.iter().find(|c| c.name.is_some()).unwrap();
        let name = customer.name.as_deref().unwrap();
        let surname = name.split_whitespace().last().unwrap().to_uppercase();
        let q = ListQuery {
            search: surname.clone(),
            ..ListQuery::new(Selection::All)
        };
        let rows = select(analysis, data, &q);
        assert!(
            rows.iter()
                .any(|&i| analysis.customers[i].customer == customer.key),
            "{surname}"
        );
        let id = data.customer_ids.name(customer.key).to_owned();
        let q = ListQuery {
            search: format!("  {id} "),
            ..ListQuery::new(Selection::All)
        };
        assert!(
            select(analysis, data, &q)
                .iter()
                .any(|&i| analysis.customers[i].customer == customer.key)
        );
        assert_eq!(fold("Pérez ÑUÑEZ"), "perez nunez");
        let q = ListQuery {
            search: "no such customer zzz".into(),
            ..ListQuery::new(Selection::All)
        };
        assert!(select(analysis, data, &q).is_empty());
    }

    #[test]
    fn csv_has_a_bom_a_header_and_one_line_per_customer_in_the_language() {
        let (data, analysis) = demo();
        let rows = select(
            analysis,
            data,
            &ListQuery::new(Selection::Segment(Segment::Champions)),
        );
        let es = csv(analysis, data, &rows, Lang::Es);
        assert!(es.starts_with('\u{feff}'));
        let lines: Vec<&str> = es.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), rows.len() + 1);
        assert!(lines[0].contains("Segmento;"), "{}", lines[0]);
        let first = &analysis.customers[rows[0]];
        let expected_value = format!("{:.2}", first.value).replace('.', ",");
        assert!(
            lines[1].split(';').any(|f| f == expected_value),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains(";Campeones;"));
        let en = csv(analysis, data, &rows, Lang::En);
        assert!(en.lines().nth(1).unwrap().contains(",Champions,"));
        assert_eq!(csv_field("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_number(-0.001, 2, Lang::Es), "0,00");
        assert_eq!(csv_number(-1.5, 2, Lang::Es), "-1,50");
        assert_eq!(csv_field("3,5", ';'), "3,5");
        assert_eq!(csv_field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
    }
}
