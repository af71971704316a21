//! Determinism and shape of the demo dataset (`fideliza::demo::generate`).

use fideliza::demo::{DemoConfig, customer_id, generate};
use fideliza::model::{Dataset, Day, Motive, ymd};
use std::collections::{HashMap, HashSet};

fn small(seed: u64) -> DemoConfig {
    DemoConfig {
        seed,
        customers: 400,
        ..DemoConfig::default()
    }
}

#[test]
fn default_config_is_the_documented_demo() {
    let cfg = DemoConfig::default();
    assert_eq!(cfg.customers, 2_000);
    assert_eq!(cfg.months, 24);
    assert_eq!(cfg.end, ymd(2026, 10, 31).unwrap());
}

#[test]
fn same_seed_gives_identical_dataset() {
    assert_eq!(generate(&small(7)), generate(&small(7)));
}

#[test]
fn different_seed_gives_different_dataset() {
    let a = generate(&small(7));
    let b = generate(&small(8));
    assert_ne!(a.sales, b.sales);
    assert_ne!(a.customers, b.customers);
}

#[test]
fn a_larger_dataset_extends_a_smaller_one_customer_by_customer() {
    let a = generate(&small(3));
    let b = generate(&DemoConfig {
        customers: 800,
        ..small(3)
    });
    assert_eq!(a.customers[..], b.customers[..400]);
    let purchases = |d: &Dataset, key: u32| -> Vec<(Day, u64)> {
        d.sales
            .iter()
            .filter(|s| s.customer == key)
            .map(|s| (s.day, s.amount.to_bits()))
            .collect()
    };
    for key in [0, 57, 399] {
        assert_eq!(purchases(&a, key), purchases(&b, key));
    }
}

#[test]
fn customer_ids_are_text_with_leading_zeros_and_unique() {
    assert_eq!(customer_id(0), "C000001");
    assert_eq!(customer_id(122), "C000123");
    assert_eq!(customer_id(450), "00451");
    let data = generate(&DemoConfig::default());
    let ids: Vec<&str> = data.customer_ids.names().collect();
    assert_eq!(ids.len(), 2_000);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 2_000);
    let legacy: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.starts_with('0'))
        .collect();
    assert!((3..=10).contains(&legacy.len()), "{legacy:?}");
    assert!(legacy.contains(&"00451"));
}

#[test]
fn every_customer_has_a_ficha_and_buys() {
    let data = generate(&DemoConfig::default());
    assert_eq!(data.customers.len(), 2_000);
    for (i, c) in data.customers.iter().enumerate() {
        assert_eq!(c.key as usize, i);
    }
    let buyers: HashSet<u32> = data.sales.iter().map(|s| s.customer).collect();
    assert_eq!(buyers.len(), 2_000);
}

#[test]
fn all_dates_are_inside_the_window() {
    let cfg = DemoConfig::default();
    let data = generate(&cfg);
    let start = ymd(2024, 11, 1).unwrap();
    let end = cfg.end;
    assert!(data.sales.iter().all(|s| (start..=end).contains(&s.day)));
    assert!(data.surveys.iter().all(|s| (start..=end).contains(&s.day)));
    assert!(
        data.complaints
            .iter()
            .all(|c| (start..=end).contains(&c.day))
    );
    assert_eq!(
        data.last_sale_day(),
        Some(end),
        "a 2,000-customer pharmacy sells every day"
    );
    assert_eq!(data.sales.iter().map(|s| s.day).min(), Some(start));
    assert!(
        data.sales.windows(2).all(|w| w[0].day <= w[1].day),
        "sales are in date order"
    );
}

#[test]
fn a_shorter_window_moves_the_start() {
    let cfg = DemoConfig {
        months: 6,
        customers: 300,
        ..DemoConfig::default()
    };
    let data = generate(&cfg);
    let first = data.sales.iter().map(|s| s.day).min().unwrap();
    assert_eq!(first, ymd(2026, 5, 1).unwrap());
}

#[test]
fn tickets_belong_to_one_customer_and_day_and_sales_have_one_ticket_per_visit() {
    let data = generate(&DemoConfig::default());
    let mut owner: HashMap<u32, (u32, Day)> = HashMap::new();
    let mut sale_ticket: HashMap<(u32, Day, Option<u32>), u32> = HashMap::new();
    for s in &data.sales {
        let t = s.ticket.get().expect("every line has a boleta");
        let who = *owner.entry(t).or_insert((s.customer, s.day));
        assert_eq!(who, (s.customer, s.day), "ticket {}", data.tickets.name(t));
        if s.amount > 0.0 {
            let first = *sale_ticket
                .entry((s.customer, s.day, s.store.get()))
                .or_insert(t);
            assert_eq!(first, t, "two boletas for one visit");
        }
    }
    let name = data.tickets.name(data.sales[0].ticket.get().unwrap());
    assert!(name.starts_with("B00") && name.len() == 13, "{name}");
}

#[test]
fn returns_are_present_rare_and_mirror_a_sale() {
    let data = generate(&DemoConfig::default());
    let returns: Vec<_> = data.sales.iter().filter(|s| s.amount < 0.0).collect();
    let share = returns.len() as f64 / data.sales.len() as f64;
    assert!(share > 0.003 && share < 0.05, "returns {share}");
    for r in returns {
        assert!(r.quantity.get().unwrap() < 0.0);
        assert!(data.tickets.name(r.ticket.get().unwrap()).starts_with("BC"));
        let sold_before = data.sales.iter().any(|s| {
            s.customer == r.customer
                && s.product == r.product
                && s.amount == -r.amount
                && s.day < r.day
        });
        assert!(sold_before, "a return without its sale");
    }
}

/// Median of the gaps between the days a chronic customer bought their most bought product.
fn refill_gap(data: &Dataset, customer: u32) -> Option<Day> {
    let mut by_product: HashMap<u32, Vec<Day>> = HashMap::new();
    for s in data
        .sales
        .iter()
        .filter(|s| s.customer == customer && s.amount > 0.0)
    {
        by_product
            .entry(s.product.get().unwrap())
            .or_default()
            .push(s.day);
    }
    let days = by_product.into_values().max_by_key(|d| d.len())?;
    if days.len() < 6 {
        return None;
    }
    let mut gaps: Vec<Day> = days.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    Some(gaps[gaps.len() / 2])
}

#[test]
fn chronic_patients_refill_about_monthly() {
    let data = generate(&DemoConfig::default());
    let chronic: Vec<u32> = data
        .customers
        .iter()
        .filter(|c| c.motive == Some(Motive::Chronic))
        .map(|c| c.key)
        .collect();
    assert!(chronic.len() > 200, "{} chronic customers", chronic.len());
    let gaps: Vec<Day> = chronic
        .iter()
        .filter_map(|&c| refill_gap(&data, c))
        .collect();
    assert!(gaps.len() > chronic.len() / 2);
    let monthly = gaps.iter().filter(|g| (26..=35).contains(*g)).count();
    assert!(
        monthly as f64 > 0.9 * gaps.len() as f64,
        "{monthly} of {}",
        gaps.len()
    );
}
