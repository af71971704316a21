//! Purchase occasions per customer, their basket lines, returns, and boleta numbering.

use super::catalog::{Catalog, Group, PRODUCTS};
use super::config::Window;
use super::customers::Profile;
use super::draw::{DemoRng, chance, exponential, normal, pick};
use crate::model::{Day, Dict, Motive, OptIndex, Sale, date_from_day};
use chrono::Datelike;
use rand::Rng;

/// Why a customer came in; one visit may combine several needs.
const CHRONIC: u8 = 1;
const ACUTE: u8 = 2;
const PREVENTIVE: u8 = 4;
const BABY: u8 = 8;

/// Largest ticket the generator allows, in soles.
const MAX_TICKET: f64 = 400.0;

/// Share of sold lines that come back as a return (nota de crédito).
const RETURN_RATE: f64 = 0.012;

/// One visit of a customer: a day and the needs it served.
pub(super) struct Visit {
    pub day: Day,
    needs: u8,
}

/// Relative demand for cold and flu products by month: Lima's winter (May–September).
fn respiratory_season(day: Day) -> f64 {
    match date_from_day(day).month() {
        6..=8 => 1.0,
        5 | 9 => 0.7,
        _ => 0.08,
    }
}

/// Events of a Poisson process on `[from, to]` with `mean_gap` days between events at full
/// intensity, thinned by `intensity(day)` in 0–1.
fn poisson_days(
    rng: &mut DemoRng,
    from: Day,
    to: Day,
    mean_gap: f64,
    intensity: impl Fn(Day) -> f64,
    out: &mut Vec<Visit>,
    needs: u8,
) {
    let mut t = from as f64 + exponential(rng, mean_gap);
    while t <= to as f64 {
        let day = t as Day;
        if rng.random::<f64>() < intensity(day) {
            out.push(Visit { day, needs });
        }
        t += exponential(rng, mean_gap);
    }
}

/// A purchase cycle: a gap of `mean` ± `sd` days, a whole cycle skipped with probability `skip`
/// (bought elsewhere, or stock left over).
struct Cycle {
    mean: f64,
    sd: f64,
    skip: f64,
}

/// Visits on `cycle` from `from` to `to`.
fn periodic_days(
    rng: &mut DemoRng,
    from: Day,
    to: Day,
    cycle: Cycle,
    out: &mut Vec<Visit>,
    needs: u8,
) {
    let mut day = from;
    while day <= to {
        out.push(Visit { day, needs });
        let mut gap = normal(rng, cycle.mean, cycle.sd)
            .round()
            .max(cycle.mean * 0.5) as Day;
        if chance(rng, cycle.skip) {
            gap += cycle.mean as Day;
        }
        day += gap;
    }
}

/// All visits of a customer, by day, same-day needs merged into one visit. Never empty.
pub(super) fn visits(p: &Profile, rng: &mut DemoRng) -> Vec<Visit> {
    let mut out = Vec::new();
    if p.motive == Motive::Chronic {
        let phase = rng.random_range(0..30);
        periodic_days(
            rng,
            p.first + phase,
            p.last,
            Cycle {
                mean: 30.0,
                sd: 3.0,
                skip: 0.07,
            },
            &mut out,
            CHRONIC,
        );
    }
    // Everybody falls ill now and then; acute buyers are the ones who only come then.
    let acute_gap = if p.motive == Motive::Acute {
        260.0
    } else {
        600.0
    } / p.pace;
    if p.seasonal {
        poisson_days(
            rng,
            p.first,
            p.last,
            acute_gap / 3.0,
            respiratory_season,
            &mut out,
            ACUTE,
        );
    } else {
        let mildly_seasonal = |day| 0.6 + 0.4 * respiratory_season(day);
        poisson_days(
            rng,
            p.first,
            p.last,
            acute_gap * 0.8,
            mildly_seasonal,
            &mut out,
            ACUTE,
        );
    }
    if p.motive == Motive::Preventive {
        let phase = rng.random_range(0..45);
        periodic_days(
            rng,
            p.first + phase,
            p.last,
            Cycle {
                mean: 150.0 / p.pace.sqrt(),
                sd: 15.0,
                skip: 0.25,
            },
            &mut out,
            PREVENTIVE,
        );
    } else {
        poisson_days(
            rng,
            p.first,
            p.last,
            900.0 / p.pace,
            |_| 1.0,
            &mut out,
            PREVENTIVE,
        );
    }
    if let Some((from, until)) = p.baby {
        let phase = rng.random_range(0..20);
        periodic_days(
            rng,
            from + phase,
            until.min(p.last),
            Cycle {
                mean: 30.0,
                sd: 6.0,
                skip: 0.2,
            },
            &mut out,
            BABY,
        );
    }
    if out.is_empty() {
        let day = if p.last > p.first {
            rng.random_range(p.first..=p.last)
        } else {
            p.first
        };
        out.push(Visit { day, needs: ACUTE });
    }
    out.sort_by_key(|v| v.day);
    out.dedup_by(|later, earlier| {
        let same = later.day == earlier.day;
        if same {
            earlier.needs |= later.needs;
        }
        same
    });
    out
}

/// A basket line before it becomes a [`Sale`].
struct Item {
    product: usize,
    quantity: u32,
}

fn add(basket: &mut Vec<Item>, product: usize, quantity: u32) {
    if !basket.iter().any(|i| i.product == product) {
        basket.push(Item { product, quantity });
    }
}

/// What the customer buys on one visit.
fn basket(p: &Profile, visit: &Visit, catalog: &Catalog, rng: &mut DemoRng) -> Vec<Item> {
    let mut basket = Vec::with_capacity(4);
    let generous = (0.12 * p.spend).min(0.5);
    if visit.needs & CHRONIC != 0 {
        for &med in &p.chronic_meds {
            add(&mut basket, med, if chance(rng, generous) { 2 } else { 1 });
        }
    }
    if visit.needs & ACUTE != 0 {
        let winter = respiratory_season(visit.day);
        let count = 1 + chance(rng, 0.35) as usize + chance(rng, 0.15 * p.spend.min(2.0)) as usize;
        for _ in 0..count {
            let group = if chance(rng, 0.15 + 0.55 * winter) {
                Group::Respiratory
            } else {
                Group::Acute
            };
            add(
                &mut basket,
                *pick(rng, catalog.group(group)),
                if chance(rng, generous) { 2 } else { 1 },
            );
        }
    }
    if visit.needs & PREVENTIVE != 0 {
        let count = 1 + chance(rng, 0.35) as usize;
        for _ in 0..count {
            let group = if chance(rng, 0.6) {
                Group::Preventive
            } else {
                Group::Care
            };
            add(&mut basket, *pick(rng, catalog.group(group)), 1);
        }
    }
    if visit.needs & BABY != 0 {
        let baby = catalog.group(Group::Baby);
        add(
            &mut basket,
            baby[0],
            if chance(rng, 0.3 * p.spend.min(2.0)) {
                2
            } else {
                1
            },
        );
        if chance(rng, 0.5) {
            add(&mut basket, baby[1], 1);
        }
        if chance(rng, 0.3) {
            add(&mut basket, *pick(rng, &baby[2..]), 1);
        }
    }
    if chance(rng, 0.1 * p.spend.min(2.5)) {
        add(&mut basket, *pick(rng, catalog.group(Group::Care)), 1);
    }
    // Keep the ticket under the cap: drop the last lines, then units.
    while total(&basket) > MAX_TICKET {
        let last = basket.last_mut().expect("a basket over the cap has lines");
        if last.quantity > 1 {
            last.quantity -= 1;
        } else if basket.len() > 1 {
            basket.pop();
        } else {
            break;
        }
    }
    basket
}

fn total(basket: &[Item]) -> f64 {
    basket
        .iter()
        .map(|i| PRODUCTS[i.product].price * i.quantity as f64)
        .sum()
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Appends the sales lines (ticket ids still unset) of one customer's visits, with returns.
pub(super) fn lines(
    customer: u32,
    p: &Profile,
    visits: &[Visit],
    catalog: &Catalog,
    window: &Window,
    rng: &mut DemoRng,
    out: &mut Vec<Sale>,
) {
    for visit in visits {
        let store = if chance(rng, 0.9) {
            p.store
        } else {
            1 - p.store
        };
        let channel = if chance(rng, 0.75) { p.channel } else { 0 };
        let payment = if chance(rng, 0.8) { p.payment } else { 0 };
        for item in basket(p, visit, catalog, rng) {
            let product = &PRODUCTS[item.product];
            let quantity = item.quantity as f64;
            let amount = cents(product.price * quantity);
            let cost = cents(product.price * product.cost_ratio * quantity);
            let sale = Sale {
                customer,
                day: visit.day,
                amount,
                ticket: OptIndex::NONE,
                margin: Some(cents(amount - cost)).into(),
                product: Some(item.product as u32).into(),
                category: Some(product.category as u32).into(),
                quantity: Some(quantity).into(),
                store: Some(store as u32).into(),
                channel: Some(channel as u32).into(),
                payment: Some(payment as u32).into(),
            };
            let return_day = visit.day + rng.random_range(1..=10);
            if chance(rng, RETURN_RATE) && return_day <= window.end {
                out.push(Sale {
                    day: return_day,
                    amount: -sale.amount,
                    margin: sale.margin.get().map(|m| -m).into(),
                    quantity: Some(-quantity).into(),
                    ..sale.clone()
                });
            }
            out.push(sale);
        }
    }
}

/// Sorts lines by date and gives every (day, store, customer) visit its electronic boleta number
/// (`B001-00001234`, one series per store, correlative in date order); returns get a credit-note
/// number of their own (`BC01-…`), as SUNAT's rules have it.
pub(super) fn number_tickets(lines: &mut [Sale], tickets: &mut Dict, stores: usize) {
    let key = |s: &Sale| (s.day, s.amount < 0.0, s.store.get(), s.customer);
    lines.sort_by_key(key);
    let mut counters = vec![[0u32; 2]; stores];
    let mut previous = None;
    let mut current = 0;
    for sale in lines.iter_mut() {
        let k = key(sale);
        if previous != Some(k) {
            let store = sale.store.get().unwrap_or(0) as usize;
            let is_return = sale.amount < 0.0;
            let counter = &mut counters[store][is_return as usize];
            *counter += 1;
            let series = if is_return { "BC" } else { "B0" };
            current = tickets.intern(&format!("{series}{:02}-{:08}", store + 1, counter));
            previous = Some(k);
        }
        sale.ticket = Some(current).into();
    }
}
