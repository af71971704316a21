//! The demo looks like a real Lima pharmacy: ticket sizes, value skew, churn, profile mix, surveys.

use fideliza::demo::{DemoConfig, generate};
use fideliza::model::{Dataset, Day, Insurance, Motive};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

fn demo() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| generate(&DemoConfig::default()))
}

fn end() -> Day {
    DemoConfig::default().end
}

/// Net amount per ticket, sales tickets only.
fn ticket_totals(data: &Dataset) -> Vec<f64> {
    let mut totals: HashMap<u32, f64> = HashMap::new();
    for s in data.sales.iter().filter(|s| s.amount > 0.0) {
        *totals.entry(s.ticket.get().unwrap()).or_default() += s.amount;
    }
    totals.into_values().collect()
}

#[test]
fn tickets_are_between_5_and_400_soles_averaging_about_45() {
    let totals = ticket_totals(demo());
    let mean = totals.iter().sum::<f64>() / totals.len() as f64;
    eprintln!("tickets {} mean {mean:.2}", totals.len());
    assert!((38.0..=55.0).contains(&mean), "mean ticket {mean}");
    assert!(totals.iter().all(|&t| (5.0..=400.0).contains(&t)));
    let big = totals.iter().filter(|&&t| t > 150.0).count() as f64 / totals.len() as f64;
    assert!(
        big > 0.01 && big < 0.15,
        "share of tickets over S/ 150: {big}"
    );
}

#[test]
fn about_ten_lines_per_customer_over_two_years() {
    let data = demo();
    let per_customer = data.sales.len() as f64 / data.customers.len() as f64;
    eprintln!("lines per customer {per_customer:.2}");
    assert!((9.0..=11.0).contains(&per_customer), "{per_customer}");
}

#[test]
fn top_5_percent_of_customers_hold_30_to_40_percent_of_value() {
    let data = demo();
    let from = end() - 365;
    let mut value: HashMap<u32, f64> = HashMap::new();
    for s in data.sales.iter().filter(|s| s.day > from) {
        *value.entry(s.customer).or_default() += s.amount;
    }
    let mut values: Vec<f64> = value.into_values().collect();
    values.sort_by(|a, b| b.total_cmp(a));
    let top = values.len().div_ceil(20);
    let share = values[..top].iter().sum::<f64>() / values.iter().sum::<f64>();
    eprintln!("active {} top-5% share {share:.3}", values.len());
    assert!((0.28..=0.42).contains(&share), "top 5 % share {share}");
}

#[test]
fn some_regular_customers_stopped_buying_in_the_last_months() {
    let data = demo();
    let mut days: BTreeMap<u32, Vec<Day>> = BTreeMap::new();
    for s in data.sales.iter().filter(|s| s.amount > 0.0) {
        let d = days.entry(s.customer).or_default();
        if d.last() != Some(&s.day) {
            d.push(s.day);
        }
    }
    // DOMAIN.md §6 overdue rule: ≥ 3 purchases and silent for more than twice the median gap.
    let overdue = days
        .values()
        .filter(|d| d.len() >= 3)
        .filter(|d| {
            let mut gaps: Vec<Day> = d.windows(2).map(|w| w[1] - w[0]).collect();
            gaps.sort_unstable();
            end() - d[d.len() - 1] > 2 * gaps[gaps.len() / 2]
        })
        .count();
    let lapsed_recently = days
        .values()
        .filter(|d| d.len() >= 5 && (60..270).contains(&(end() - d[d.len() - 1])))
        .count();
    eprintln!("overdue {overdue} lapsed {lapsed_recently}");
    assert!(overdue > 60 && overdue < 600, "overdue {overdue}");
    assert!(
        lapsed_recently > 40,
        "regular customers lapsed in the last 2–9 months: {lapsed_recently}"
    );
}

#[test]
fn new_customers_keep_arriving() {
    let data = demo();
    let mut first: HashMap<u32, Day> = HashMap::new();
    for s in &data.sales {
        first.entry(s.customer).or_insert(s.day);
    }
    let last_quarter = first.values().filter(|&&d| d > end() - 90).count();
    assert!(
        last_quarter > 40,
        "first purchase in the last 90 days: {last_quarter}"
    );
}

#[test]
fn winter_sells_more_respiratory_products() {
    let data = demo();
    let respiratory: HashSet<u32> = [
        "Panadol Antigripal x 12 tab",
        "Jarabe para la tos 120 ml",
        "Vick VapoRub 50 g",
    ]
    .iter()
    .map(|p| data.products.get(p).unwrap())
    .collect();
    let (mut winter, mut summer) = (0, 0);
    for s in data
        .sales
        .iter()
        .filter(|s| s.amount > 0.0 && respiratory.contains(&s.product.get().unwrap()))
    {
        match fideliza::model::date_from_day(s.day)
            .format("%m")
            .to_string()
            .as_str()
        {
            "06" | "07" | "08" => winter += 1,
            "12" | "01" | "02" => summer += 1,
            _ => {}
        }
    }
    assert!(winter > 3 * summer, "winter {winter} summer {summer}");
}

#[test]
fn the_ficha_has_the_expected_mix() {
    let data = demo();
    let n = data.customers.len() as f64;
    let share = |f: &dyn Fn(&fideliza::model::Customer) -> bool| {
        data.customers.iter().filter(|c| f(c)).count() as f64 / n
    };
    let consent = share(&|c| c.consent == Some(true));
    assert!((0.65..=0.75).contains(&consent), "consent {consent}");
    for insurance in [
        Insurance::Essalud,
        Insurance::Eps,
        Insurance::Private,
        Insurance::None,
    ] {
        let s = share(&|c| c.insurance == Some(insurance));
        assert!(s > 0.05, "{insurance:?} {s}");
    }
    for motive in [Motive::Acute, Motive::Chronic, Motive::Preventive] {
        assert!(share(&|c| c.motive == Some(motive)) > 0.1, "{motive:?}");
    }
    for c in &data.customers {
        if let Some(dni) = &c.document {
            assert!(
                dni.len() == 8 && dni.bytes().all(|b| b.is_ascii_digit()),
                "{dni}"
            );
        }
        if let Some(phone) = &c.phone {
            assert!(
                phone.len() == 9
                    && phone.starts_with('9')
                    && phone.bytes().all(|b| b.is_ascii_digit())
            );
        }
    }
    let dnis: Vec<&String> = data
        .customers
        .iter()
        .filter_map(|c| c.document.as_ref())
        .collect();
    assert_eq!(
        dnis.iter().collect::<HashSet<_>>().len(),
        dnis.len(),
        "DNIs are unique"
    );
    let districts: HashSet<&str> = data
        .customers
        .iter()
        .filter_map(|c| c.district.as_deref())
        .collect();
    for d in [
        "Miraflores",
        "Surco",
        "San Borja",
        "Jesús María",
        "Lince",
        "Pueblo Libre",
    ] {
        assert!(districts.contains(d), "{d}");
    }
    let babies = data
        .sales
        .iter()
        .filter(|s| {
            data.products
                .name(s.product.get().unwrap())
                .starts_with("Pañales")
        })
        .map(|s| s.customer)
        .collect::<HashSet<_>>();
    assert!(
        babies.len() as f64 > 0.05 * n,
        "families with babies {}",
        babies.len()
    );
}

#[test]
fn a_quarter_answer_surveys_and_satisfaction_follows_behaviour() {
    let data = demo();
    let surveyed: HashSet<u32> = data.surveys.iter().map(|s| s.customer).collect();
    let share = surveyed.len() as f64 / data.customers.len() as f64;
    assert!((0.2..=0.3).contains(&share), "surveyed {share}");
    assert_eq!(data.servqual_dimensions.len(), 5);
    let count = |v: f64| data.surveys.iter().filter(|s| s.overall == v).count();
    eprintln!(
        "overall 1..5: {:?}",
        (1..=5).map(|v| count(v as f64)).collect::<Vec<_>>()
    );
    assert!(
        count(5.0) > 40 && count(1.0) + count(2.0) > 20,
        "apostles and terrorists both present"
    );
    assert!(
        data.surveys
            .iter()
            .all(|s| (1.0..=5.0).contains(&s.overall))
    );
    assert!(
        data.surveys
            .iter()
            .all(|s| s.recommend.is_none_or(|r| (0.0..=10.0).contains(&r)))
    );
    assert!(
        data.surveys
            .iter()
            .all(|s| s.expectations.len() == 5 && s.perceptions.len() == 5)
    );

    let mut last: HashMap<u32, Day> = HashMap::new();
    for s in &data.sales {
        last.insert(s.customer, s.day);
    }
    let mean = |pred: &dyn Fn(Day) -> bool| {
        let v: Vec<f64> = data
            .surveys
            .iter()
            .filter(|s| pred(last[&s.customer]))
            .map(|s| s.overall)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let active = mean(&|d| d > end() - 60);
    let gone = mean(&|d| d < end() - 180);
    eprintln!("satisfaction active {active:.2} gone {gone:.2}");
    assert!(active > gone + 0.3, "active {active} gone {gone}");
    let recommend_by_overall = |v: f64| {
        let r: Vec<f64> = data
            .surveys
            .iter()
            .filter(|s| s.overall == v)
            .filter_map(|s| s.recommend)
            .collect();
        r.iter().sum::<f64>() / r.len() as f64
    };
    assert!(recommend_by_overall(5.0) > recommend_by_overall(3.0) + 2.0);
}

#[test]
fn a_few_complaints_mostly_resolved() {
    let data = demo();
    let n = data.complaints.len();
    assert!((20..=200).contains(&n), "{n} complaints");
    let resolved = data
        .complaints
        .iter()
        .filter(|c| c.resolved == Some(true))
        .count();
    assert!(resolved > n / 2 && resolved < n);
}
