//! The customer list: which customers a [`Selection`], a [`Filter`] and a search show, in which
//! order (any column, either direction), with the totals of the list and its CSV export. Pure:
//! the Clientes page only wires it to signals.

use crate::customer_filter::{Filter, profiles};
use crate::engine::{Analysis, CustomerMetrics, Quadrant, Segment, Zone};
use crate::import::Lang;
use crate::model::{Dataset, date_from_day};
use crate::selection::{
    Selection, ValueClass, class_name, quadrant_name, segment_name, tier_name, zone_name,
};
use rust_i18n::t;
use std::cmp::Ordering;
use std::sync::{Arc, Weak};

/// A column of the list; the list sorts by any of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Customer id (text order).
    Id,
    /// Name from the customer file (case and accents ignored).
    Name,
    /// RFV segment, in the order of [`Segment::ALL`] (Campeones first).
    Segment,
    /// Pyramid tier, Platino first.
    Tier,
    /// RFV code read as a number (555 highest).
    Rfv,
    /// Date of the last purchase occasion.
    LastPurchase,
    /// Days since the last purchase.
    Recency,
    /// Purchase occasions in the window.
    Frequency,
    /// Net value in the window.
    Value,
    /// Satisfaction zone, in the order of [`Zone::ALL`].
    Zone,
    /// Satisfaction × loyalty quadrant, in the order of [`Quadrant::ALL`] (no survey last).
    Quadrant,
    /// First value class the customer belongs to, in the order of [`ValueClass::ALL`].
    Class,
    /// BG/NBD probability of being alive.
    PAlive,
    /// 12-month customer lifetime value.
    Clv,
}

impl SortKey {
    /// Every column, in table order.
    pub const ALL: [SortKey; 14] = [
        SortKey::Id,
        SortKey::Name,
        SortKey::Segment,
        SortKey::Tier,
        SortKey::Rfv,
        SortKey::LastPurchase,
        SortKey::Recency,
        SortKey::Frequency,
        SortKey::Value,
        SortKey::Zone,
        SortKey::Quadrant,
        SortKey::Class,
        SortKey::PAlive,
        SortKey::Clv,
    ];

    /// The stable name of the column (`p_alive`), for test hooks.
    pub fn slug(self) -> &'static str {
        match self {
            SortKey::Id => "id",
            SortKey::Name => "name",
            SortKey::Segment => "segment",
            SortKey::Tier => "tier",
            SortKey::Rfv => "rfv",
            SortKey::LastPurchase => "last_purchase",
            SortKey::Recency => "recency",
            SortKey::Frequency => "frequency",
            SortKey::Value => "value",
            SortKey::Zone => "zone",
            SortKey::Quadrant => "quadrant",
            SortKey::Class => "class",
            SortKey::PAlive => "p_alive",
            SortKey::Clv => "clv",
        }
    }

    /// The locale key of the column's title.
    pub fn label_key(self) -> &'static str {
        match self {
            SortKey::Id => "customers.col_id",
            SortKey::Name => "customers.col_name",
            SortKey::Segment => "customers.col_segment",
            SortKey::Tier => "customers.col_tier",
            SortKey::Rfv => "customers.col_rfv",
            SortKey::LastPurchase => "customers.col_last_purchase",
            SortKey::Recency => "customers.col_recency",
            SortKey::Frequency => "customers.col_frequency",
            SortKey::Value => "customers.col_value",
            SortKey::Zone => "customers.col_zone",
            SortKey::Quadrant => "customers.col_quadrant",
            SortKey::Class => "customers.col_class",
            SortKey::PAlive => "customers.col_p_alive",
            SortKey::Clv => "customers.col_clv",
        }
    }

    /// The direction a first click sorts in: largest first for amounts, counts, scores,
    /// probabilities and dates; natural order (A–Z, Campeones / Platino first, fewest days)
    /// for the rest.
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            SortKey::Rfv
                | SortKey::LastPurchase
                | SortKey::Frequency
                | SortKey::Value
                | SortKey::PAlive
                | SortKey::Clv
        )
    }

    /// Whether the column holds numbers (right-aligned).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            SortKey::Recency | SortKey::Frequency | SortKey::Value | SortKey::PAlive | SortKey::Clv
        )
    }
}

/// What the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    /// The drill-down group.
    pub selection: Selection,
    /// Further conditions on metrics and profile fields.
    pub filter: Filter,
    /// Text searched in the id and the name (case and accents ignored); empty = no search.
    pub search: String,
    /// Sort column.
    pub sort: SortKey,
    /// Largest (or last in the column's natural order) first.
    pub descending: bool,
}

impl ListQuery {
    /// Every customer of `selection`, most valuable first.
    pub fn new(selection: Selection) -> Self {
        ListQuery {
            selection,
            filter: Filter::default(),
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
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
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

/// The first value class of a customer, in the order of [`ValueClass::ALL`].
fn first_class(m: &CustomerMetrics) -> Option<ValueClass> {
    ValueClass::ALL
        .into_iter()
        .find(|&c| Selection::ValueClass(c).matches(m))
}

/// The value classes of a customer in `lang`, comma-separated.
pub fn class_names(m: &CustomerMetrics, lang: Lang) -> String {
    ValueClass::ALL
        .into_iter()
        .filter(|&c| Selection::ValueClass(c).matches(m))
        .map(|c| class_name(c, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The customer's satisfaction × loyalty quadrant; `None` without a survey.
pub fn quadrant_of(m: &CustomerMetrics) -> Option<Quadrant> {
    (m.quadrant != Quadrant::NoSurvey).then_some(m.quadrant)
}

/// The customer's RFV code (`"545"`), when active.
pub fn rfv_code(m: &CustomerMetrics) -> Option<String> {
    m.scores.map(|s| format!("{}{}{}", s.r, s.f, s.v))
}

/// Position of `x` in `all`, as a sort key.
fn rank<T: PartialEq>(all: &[T], x: &T) -> Option<f64> {
    all.iter().position(|y| y == x).map(|i| i as f64)
}

/// The numeric sort key of a customer for `sort` (`None` sorts last whichever the direction);
/// the id and the name sort as text instead.
fn number_key(sort: SortKey, m: &CustomerMetrics) -> Option<f64> {
    match sort {
        SortKey::Id | SortKey::Name => None,
        SortKey::Segment => m.segment.and_then(|s| rank(&Segment::ALL, &s)),
        SortKey::Tier => Some(f64::from(m.tier.index() as u8)),
        SortKey::Rfv => m
            .scores
            .map(|s| f64::from(s.r) * 100.0 + f64::from(s.f) * 10.0 + f64::from(s.v)),
        SortKey::LastPurchase => m.last_purchase.map(f64::from),
        SortKey::Recency => m.recency.map(f64::from),
        SortKey::Frequency => Some(f64::from(m.frequency)),
        SortKey::Value => Some(m.value),
        SortKey::Zone => m.zone.and_then(|z| rank(&Zone::ALL, &z)),
        SortKey::Quadrant => quadrant_of(m).and_then(|q| rank(&Quadrant::ALL, &q)),
        SortKey::Class => first_class(m).and_then(|c| rank(&ValueClass::ALL, &c)),
        SortKey::PAlive => m.p_alive,
        SortKey::Clv => m.clv,
    }
}

/// `a` against `b`, present values in `descending` order or not, missing ones last.
fn order<T>(
    a: Option<T>,
    b: Option<T>,
    descending: bool,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) if descending => cmp(&y, &x),
        (Some(x), Some(y)) => cmp(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Positions in `analysis.customers` of the customers `query` shows, in its order (ties by id).
///
/// Each row's sort key is computed once and sorted with its id (`sort_unstable`: ids are
/// unique, so the order is total and the same as a stable sort's); names are looked up and
/// folded only when the search or the order needs them, profiles only when a filter does.
pub fn select(analysis: &Analysis, data: &Dataset, query: &ListQuery) -> Vec<usize> {
    let needle = fold(query.search.trim());
    let names = (!needle.is_empty() || query.sort == SortKey::Name).then(|| names(data));
    let profiles = (!query.filter.is_empty()).then(|| profiles(data));
    let id = |m: &CustomerMetrics| data.customer_ids.name(m.customer);
    let rows = analysis
        .customers
        .iter()
        .enumerate()
        .filter(|(_, m)| query.selection.matches(m))
        .filter(|(_, m)| {
            profiles.as_ref().is_none_or(|profiles| {
                query
                    .filter
                    .matches(m, profiles[m.customer as usize], analysis.as_of)
            })
        })
        .filter(|(_, m)| {
            needle.is_empty()
                || fold(id(m)).contains(&needle)
                || names
                    .as_ref()
                    .and_then(|n| n[m.customer as usize])
                    .is_some_and(|n| fold(n).contains(&needle))
        });
    let descending = query.descending;
    match query.sort {
        SortKey::Id => sorted_rows(rows.map(|(i, m)| (id(m), i)).collect(), |a, b| {
            order(Some(a), Some(b), descending, Ord::cmp)
        }),
        SortKey::Name => {
            let names = names.as_ref().expect("looked up for the name order");
            let keyed = rows
                .map(|(i, m)| ((names[m.customer as usize].map(fold), id(m)), i))
                .collect();
            sorted_rows(keyed, |a, b| {
                order(a.0.as_deref(), b.0.as_deref(), descending, Ord::cmp).then(a.1.cmp(b.1))
            })
        }
        sort => {
            let keyed = rows
                .map(|(i, m)| ((number_order(number_key(sort, m), descending), id(m)), i))
                .collect();
            sorted_rows(keyed, Ord::cmp)
        }
    }
}

/// The rows of `keyed` (key, row) in the order `cmp` gives their keys; `sort_unstable`, since
/// every key holds the row's id, unique, so no two keys are equal.
fn sorted_rows<K>(mut keyed: Vec<(K, usize)>, cmp: impl Fn(&K, &K) -> Ordering) -> Vec<usize> {
    keyed.sort_unstable_by(|a, b| cmp(&a.0, &b.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// A numeric sort key as one word in list order: [`f64::total_cmp`]'s order (the sign bit
/// flipped for positives, every bit for negatives), reversed when `descending`, missing keys
/// after every present one either way (keys are never NaN, so no present key maps to the
/// largest word).
fn number_order(key: Option<f64>, descending: bool) -> u64 {
    let Some(x) = key else {
        return u64::MAX;
    };
    let bits = x.to_bits();
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    if descending { !ascending } else { ascending }
}

/// The last list [`select`]ed, with what it was selected from: asking again for the same
/// query on the same analysis and data (coming back from a customer's card, or to the page)
/// returns that list instead of filtering and sorting every customer again (≈ 90 ms for 100k
/// customers in the browser). The analysis and data are held weakly, by identity: a replaced
/// analysis is not kept alive, and a new one, even if equal, is selected afresh.
#[derive(Debug, Default)]
pub struct LastSelect {
    last: Option<Selected>,
}

/// The last [`select`]: its analysis and data (weakly), its query and its list.
type Selected = (Weak<Analysis>, Weak<Dataset>, ListQuery, Arc<Vec<usize>>);

impl LastSelect {
    /// [`select`] of `analysis`, `data` and `query`, reusing the last list when all three are
    /// the same (the same `Arc`s, an equal query).
    pub fn select(
        &mut self,
        analysis: &Arc<Analysis>,
        data: &Arc<Dataset>,
        query: &ListQuery,
    ) -> Arc<Vec<usize>> {
        if let Some((a, d, q, rows)) = &self.last
            && std::ptr::eq(a.as_ptr(), Arc::as_ptr(analysis))
            && std::ptr::eq(d.as_ptr(), Arc::as_ptr(data))
            && q == query
        {
            return Arc::clone(rows);
        }
        let rows = Arc::new(select(analysis, data, query));
        self.last = Some((
            Arc::downgrade(analysis),
            Arc::downgrade(data),
            query.clone(),
            Arc::clone(&rows),
        ));
        rows
    }
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

/// Appends one CSV line to `out`: every field quoted as [`csv_field`] needs, joined by `sep`,
/// ended by CRLF.
pub fn csv_line<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>, sep: char) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(&csv_field(field.as_ref(), sep));
    }
    out.push_str("\r\n");
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
    let mut out = String::from("\u{feff}");
    csv_line(
        &mut out,
        SortKey::ALL.map(|k| t!(k.label_key(), locale = l)),
        sep,
    );
    for &i in rows {
        let m = &analysis.customers[i];
        let fields = SortKey::ALL.map(|k| match k {
            SortKey::Id => data.customer_ids.name(m.customer).to_owned(),
            SortKey::Name => names[m.customer as usize].unwrap_or_default().to_owned(),
            SortKey::Segment => m.segment.map(|s| segment_name(s, lang)).unwrap_or_default(),
            SortKey::Tier => tier_name(m.tier, lang),
            SortKey::Rfv => rfv_code(m).unwrap_or_default(),
            SortKey::LastPurchase => m
                .last_purchase
                .map(|d| date_from_day(d).to_string())
                .unwrap_or_default(),
            SortKey::Recency => m.recency.map(|r| r.to_string()).unwrap_or_default(),
            SortKey::Frequency => m.frequency.to_string(),
            SortKey::Value => num(m.value, 2),
            SortKey::Zone => m.zone.map(|z| zone_name(z, lang)).unwrap_or_default(),
            SortKey::Quadrant => quadrant_of(m)
                .map(|q| quadrant_name(q, lang))
                .unwrap_or_default(),
            SortKey::Class => class_names(m, lang),
            SortKey::PAlive => m.p_alive.map(|p| num(p, 3)).unwrap_or_default(),
            SortKey::Clv => m.clv.map(|c| num(c, 2)).unwrap_or_default(),
        });
        csv_line(&mut out, fields, sep);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Quadrant, Segment, Tier};

    use crate::demo::analysed as demo;

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
    fn the_last_list_is_reused_only_for_the_same_analysis_data_and_query() {
        let (data, analysis) = demo();
        let (data, analysis) = (Arc::new(data.clone()), Arc::new(analysis.clone()));
        let mut last = LastSelect::default();
        let q = ListQuery::new(Selection::All);
        let first = last.select(&analysis, &data, &q);
        assert_eq!(*first, select(&analysis, &data, &q));
        assert!(Arc::ptr_eq(&first, &last.select(&analysis, &data, &q)));
        // Another query is selected afresh…
        let by_id = ListQuery {
            sort: SortKey::Id,
            descending: false,
            ..q.clone()
        };
        let other = last.select(&analysis, &data, &by_id);
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(*other, select(&analysis, &data, &by_id));
        // …and so is another analysis, even an equal one, which is not kept alive.
        let copy = Arc::new((*analysis).clone());
        let again = last.select(&copy, &data, &by_id);
        assert!(!Arc::ptr_eq(&other, &again));
        assert_eq!(again, other);
        let weak = Arc::downgrade(&copy);
        drop(copy);
        assert!(weak.upgrade().is_none());
        let data_copy = Arc::new((*data).clone());
        assert!(!Arc::ptr_eq(
            &again,
            &last.select(&analysis, &data_copy, &by_id)
        ));
    }

    #[test]
    fn number_words_keep_total_order_either_way_with_the_missing_last() {
        let keys = [
            Some(-1e300),
            Some(-2.5),
            Some(-0.0),
            Some(0.0),
            Some(1e-300),
            Some(3.0),
            Some(f64::MAX),
            None,
        ];
        for descending in [false, true] {
            for a in keys {
                for b in keys {
                    assert_eq!(
                        number_order(a, descending).cmp(&number_order(b, descending)),
                        order(a, b, descending, f64::total_cmp),
                        "{a:?} against {b:?}, descending {descending}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_default_order_is_most_valuable_first_and_every_sort_is_total() {
        let (data, analysis) = demo();
        let rows = select(analysis, data, &ListQuery::new(Selection::All));
        assert_eq!(rows.len(), analysis.customers.len());
        let values: Vec<f64> = rows.iter().map(|&i| analysis.customers[i].value).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
        // Every sort, both ways, shows every row once, and each row is in order against the
        // next, comparing the metric itself (missing last) and then the id, as the table shows.
        let names = names(data);
        let id = |i: usize| data.customer_ids.name(analysis.customers[i].customer);
        for sort in SortKey::ALL {
            for descending in [false, true] {
                let q = ListQuery {
                    sort,
                    descending,
                    ..ListQuery::new(Selection::All)
                };
                let sorted = select(analysis, data, &q);
                let mut once = sorted.clone();
                once.sort_unstable();
                once.dedup();
                assert_eq!(once.len(), rows.len(), "{sort:?} lost or repeated rows");
                for w in sorted.windows(2) {
                    let (ma, mb) = (&analysis.customers[w[0]], &analysis.customers[w[1]]);
                    let by_key = match sort {
                        SortKey::Id => order(Some(id(w[0])), Some(id(w[1])), descending, Ord::cmp),
                        SortKey::Name => order(
                            names[ma.customer as usize].map(fold),
                            names[mb.customer as usize].map(fold),
                            descending,
                            Ord::cmp,
                        ),
                        _ => order(
                            number_key(sort, ma),
                            number_key(sort, mb),
                            descending,
                            f64::total_cmp,
                        ),
                    };
                    let cmp = by_key.then_with(|| id(w[0]).cmp(id(w[1])));
                    assert_eq!(cmp, Ordering::Less, "{sort:?} descending {descending}");
                }
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
    fn categories_sort_in_their_natural_order_with_the_missing_last() {
        let (data, analysis) = demo();
        let sorted = |sort, descending| {
            let q = ListQuery {
                sort,
                descending,
                ..ListQuery::new(Selection::All)
            };
            select(analysis, data, &q)
                .into_iter()
                .map(|i| &analysis.customers[i])
                .collect::<Vec<_>>()
        };
        // Segments: Campeones first, the inactive (no segment) at the end in both directions.
        for descending in [false, true] {
            let seg: Vec<Option<usize>> = sorted(SortKey::Segment, descending)
                .iter()
                .map(|m| {
                    m.segment
                        .map(|s| Segment::ALL.iter().position(|x| *x == s).unwrap())
                })
                .collect();
            let present: Vec<usize> = seg.iter().map_while(|s| *s).collect();
            assert!(present.len() > 100 && present.len() < seg.len());
            assert!(seg[present.len()..].iter().all(Option::is_none));
            assert!(present.windows(2).all(|w| if descending {
                w[0] >= w[1]
            } else {
                w[0] <= w[1]
            }));
        }
        assert_eq!(
            sorted(SortKey::Segment, false)[0].segment,
            Some(Segment::ALL[0])
        );
        // Tiers: Platino first, Inactivo last.
        let tiers = sorted(SortKey::Tier, false);
        assert_eq!(tiers[0].tier, Tier::Platino);
        assert_eq!(tiers.last().unwrap().tier, Tier::Inactivo);
        assert!(
            tiers
                .windows(2)
                .all(|w| w[0].tier.index() <= w[1].tier.index())
        );
        // RFV code: 555 first when descending.
        let codes: Vec<String> = sorted(SortKey::Rfv, true)
            .iter()
            .filter_map(|m| rfv_code(m))
            .collect();
        assert!(codes.windows(2).all(|w| w[0] >= w[1]));
        // Names: alphabetical ignoring accents and case, customers without a name last.
        let names = names(data);
        let by_name: Vec<Option<String>> = sorted(SortKey::Name, false)
            .iter()
            .map(|m| names[m.customer as usize].map(fold))
            .collect();
        let named: Vec<&String> = by_name.iter().map_while(Option::as_ref).collect();
        assert!(named.len() > 100);
        assert!(named.windows(2).all(|w| w[0] <= w[1]));
        // Quadrants: customers without a survey last.
        let q = sorted(SortKey::Quadrant, false);
        assert_eq!(q.last().unwrap().quadrant, Quadrant::NoSurvey);
        assert_ne!(q[0].quadrant, Quadrant::NoSurvey);
    }

    #[test]
    fn a_filter_narrows_the_drill_down_group() {
        use crate::customer_filter::{Metric, Range};
        let (data, analysis) = demo();
        let group = Selection::Tier(Tier::Oro);
        let filter = Filter {
            ranges: vec![Range {
                metric: Metric::Recency,
                min: None,
                max: Some(60.0),
            }],
            ..Filter::default()
        };
        let q = ListQuery {
            filter,
            ..ListQuery::new(group)
        };
        let rows = select(analysis, data, &q);
        let expected = analysis
            .customers
            .iter()
            .filter(|m| m.tier == Tier::Oro && m.recency.is_some_and(|r| r <= 60))
            .count();
        assert!(expected > 0 && expected < analysis.pyramid.tiers[Tier::Oro.index()].customers);
        assert_eq!(rows.len(), expected);
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
