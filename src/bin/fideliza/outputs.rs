//! The files `fideliza analyze` writes: `customers.csv` (one row per customer) and
//! `summary.json` (every aggregate of the analysis).

use crate::inputs::InputSummary;
use fideliza::engine::{Analysis, CustomerMetrics, Params};
use fideliza::model::{Dataset, Day, date_from_day};
use serde::Serialize;
use serde_json::{Value, json};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Columns of `customers.csv`, stable for scripts and spreadsheets: snake_case English names,
/// ISO dates, decimal point, `true`/`false`, empty when not applicable. The horizons in the
/// names (90 days, 12 months) are the engine defaults, which the command line keeps.
pub(crate) const CUSTOMER_COLUMNS: &[&str] = &[
    "customer_id",
    "first_purchase",
    "last_purchase",
    "purchases",
    "recency_days",
    "frequency",
    "value",
    "margin",
    "r_score",
    "f_score",
    "v_score",
    "rfv_code",
    "segment",
    "tier",
    "previous_tier",
    "migration",
    "satisfaction",
    "zone",
    "quadrant",
    "recommend",
    "nps_class",
    "cmv",
    "cmp",
    "bz",
    "migrant",
    "median_gap_days",
    "overdue",
    "p_alive",
    "expected_purchases_90d",
    "expected_spend",
    "predicted_value_12m",
    "clv_12m",
];

/// `CantLoseThem` → `cant_lose_them`: enum variants as stable snake_case values.
fn snake<T: Serialize>(value: &T) -> String {
    let name = match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    };
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn iso(day: Day) -> String {
    date_from_day(day).format("%Y-%m-%d").to_string()
}

fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> String) -> String {
    value.map(f).unwrap_or_default()
}

/// Two decimals; a net of zero prints `0.00`, never `-0.00`.
fn money(x: f64) -> String {
    let cents = (x * 100.0).round() / 100.0;
    format!("{:.2}", cents + 0.0)
}

fn row(data: &Dataset, m: &CustomerMetrics) -> Vec<String> {
    vec![
        data.customer_ids.name(m.customer).to_owned(),
        opt(m.first_purchase, iso),
        opt(m.last_purchase, iso),
        m.purchases.to_string(),
        opt(m.recency, |r| r.to_string()),
        m.frequency.to_string(),
        money(m.value),
        opt(m.margin, money),
        opt(m.scores, |s| s.r.to_string()),
        opt(m.scores, |s| s.f.to_string()),
        opt(m.scores, |s| s.v.to_string()),
        opt(m.scores, |s| s.code().to_string()),
        opt(m.segment, |s| snake(&s)),
        snake(&m.tier),
        snake(&m.previous_tier),
        snake(&m.migration),
        opt(m.satisfaction, |s| s.to_string()),
        opt(m.zone, |z| snake(&z)),
        snake(&m.quadrant),
        opt(m.recommend, |r| r.to_string()),
        opt(m.nps_class, |c| snake(&c)),
        m.value_classes.cmv.to_string(),
        m.value_classes.cmp.to_string(),
        opt(m.value_classes.bz, |b| b.to_string()),
        m.value_classes.migrant.to_string(),
        opt(m.median_gap, |g| g.to_string()),
        m.overdue.to_string(),
        opt(m.p_alive, |p| format!("{p:.4}")),
        opt(m.expected_purchases, |x| format!("{x:.4}")),
        opt(m.expected_spend, money),
        opt(m.predicted_value, money),
        opt(m.clv, money),
    ]
}

/// Writes `customers.csv` (UTF-8, `,`), one row per known customer in id order.
pub(crate) fn write_customers(
    path: &Path,
    data: &Dataset,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, File::create(path)?));
    w.write_record(CUSTOMER_COLUMNS)?;
    for m in &analysis.customers {
        w.write_record(row(data, m))?;
    }
    w.into_inner().map_err(|e| e.into_error())?.flush()
}

/// Writes `summary.json`: every field of the analysis except the per-customer rows (those are
/// `customers.csv`), plus the analysis dates in ISO form, the parameters and the inputs' import
/// counts. Day fields inside are days since 1970-01-01, as in the engine.
pub(crate) fn write_summary(
    path: &Path,
    analysis: &Analysis,
    params: &Params,
    inputs: &[InputSummary],
) -> std::io::Result<()> {
    // The aggregates only: the per-customer rows are never turned into JSON values.
    let mut value = serde_json::to_value(analysis.aggregates())?;
    if let Value::Object(map) = &mut value {
        map.remove("customers");
        map.insert("as_of_date".into(), json!(iso(analysis.as_of)));
        map.insert(
            "window_start_date".into(),
            json!(iso(analysis.window_start)),
        );
        map.insert(
            "previous_window_start_date".into(),
            json!(iso(analysis.previous_window_start)),
        );
        map.insert("params".into(), serde_json::to_value(params)?);
        map.insert("inputs".into(), serde_json::to_value(inputs)?);
    }
    let mut w = BufWriter::new(File::create(path)?);
    serde_json::to_writer_pretty(&mut w, &value)?;
    w.write_all(b"\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::snake;
    use fideliza::engine::{Segment, Tier};

    #[test]
    fn enum_values_become_snake_case() {
        assert_eq!(snake(&Segment::CantLoseThem), "cant_lose_them");
        assert_eq!(snake(&Segment::Champions), "champions");
        assert_eq!(snake(&Tier::Platino), "platino");
    }

    #[test]
    fn money_never_prints_negative_zero() {
        assert_eq!(super::money(-0.0), "0.00");
        assert_eq!(super::money(-0.001), "0.00");
        assert_eq!(super::money(-12.5), "-12.50");
    }
}
