//! Customer ids, the customer file (ficha de cliente) and each customer's hidden buying profile.

use super::catalog::{CHANNELS, Catalog, Group, PAYMENTS, PRODUCTS};
use super::config::Window;
use super::draw::{DemoRng, chance, normal, pick, weighted};
use super::names::{
    DISTRICTS, EMAIL_DOMAINS, FEMALE, MALE, NEAR_SECOND_STORE, SURNAMES, ascii_lower,
};
use crate::model::{Customer, Day, Household, Insurance, Motive};
use rand::Rng;

/// How a customer behaves; drives their sales, surveys and complaints but is not exported.
pub(super) struct Profile {
    pub motive: Motive,
    /// An acute buyer who mostly shows up in Lima's winter (respiratory season).
    pub seasonal: bool,
    /// Days during which the household buys for a baby.
    pub baby: Option<(Day, Day)>,
    /// First day the customer may buy.
    pub first: Day,
    /// Last day the customer may buy (before `end` when they churn).
    pub last: Day,
    /// Whether they stop buying before the end of the history.
    pub churned: bool,
    /// Multiplier of visit rates (how often they fall ill, restock vitamins…).
    pub pace: f64,
    /// Multiplier of basket size and of the taste for brand drugs.
    pub spend: f64,
    /// Chronic treatment (indices into the catalogue), refilled monthly.
    pub chronic_meds: Vec<usize>,
    pub store: usize,
    pub channel: usize,
    pub payment: usize,
    /// Day of a complaint, if they filed one.
    pub complaint: Option<Day>,
    /// Latent overall satisfaction on the 1–5 scale, before survey noise.
    pub mood: f64,
}

/// Text id of customer `index`: `C000123`, except a handful of legacy numeric ids with leading
/// zeros (`00451`), as in real POS files migrated from an older system.
pub fn customer_id(index: usize) -> String {
    let number = index + 1;
    if number % 400 == 51 {
        format!("{number:05}")
    } else {
        format!("C{number:06}")
    }
}

/// Documents (DNI) are 8 digits, unique per customer: an affine permutation of 10,000,000–79,999,999
/// (the multiplier is prime and coprime with the range).
fn dni(seed: u64, index: usize) -> String {
    const RANGE: u64 = 70_000_000;
    let n = (index as u64 % RANGE * 39_916_801 + seed % RANGE) % RANGE;
    format!("{}", 10_000_000 + n)
}

const INCOME_BANDS: &[(&str, u32)] = &[("A", 8), ("B", 22), ("C", 42), ("D", 22), ("E", 6)];
const FAMILY_SIZES: &[(u8, u32)] = &[(2, 25), (3, 30), (4, 28), (5, 12), (6, 5)];

/// Insurance weights (ESSALUD, EPS, private, none) by income band: EPS and private plans
/// concentrate in bands A and B.
fn insurance(rng: &mut DemoRng, band: &str) -> Insurance {
    let weights: [(Insurance, u32); 4] = match band {
        "A" | "B" => [
            (Insurance::Essalud, 25),
            (Insurance::Eps, 35),
            (Insurance::Private, 25),
            (Insurance::None, 15),
        ],
        "C" => [
            (Insurance::Essalud, 45),
            (Insurance::Eps, 12),
            (Insurance::Private, 6),
            (Insurance::None, 37),
        ],
        _ => [
            (Insurance::Essalud, 35),
            (Insurance::Eps, 3),
            (Insurance::Private, 2),
            (Insurance::None, 60),
        ],
    };
    weights[weighted(rng, &weights)].0
}

fn uniform_day(rng: &mut DemoRng, from: Day, to: Day) -> Day {
    if to <= from {
        from
    } else {
        rng.random_range(from..=to)
    }
}

/// Draws customer `index`: the row of the customer file and the hidden profile.
pub(super) fn draw(
    rng: &mut DemoRng,
    seed: u64,
    index: usize,
    key: u32,
    window: &Window,
    catalog: &Catalog,
) -> (Customer, Profile) {
    let motive = match rng.random_range(0..100) {
        0..14 => Motive::Chronic,
        14..68 => Motive::Acute,
        _ => Motive::Preventive,
    };
    let female = chance(rng, 0.58);
    let age: i32 = match motive {
        Motive::Chronic => rng.random_range(45..86),
        _ => rng.random_range(18..76),
    };
    let household = if motive != Motive::Chronic && (22..41).contains(&age) && chance(rng, 0.25) {
        None // a young family with a baby: decided below, always a family
    } else if chance(
        rng,
        if motive == Motive::Chronic {
            0.40
        } else {
            0.55
        },
    ) {
        Some(Household::Family)
    } else {
        Some(Household::Individual)
    };
    let has_baby = household.is_none();
    let household = household.unwrap_or(Household::Family);
    let family_size = match household {
        Household::Individual => 1,
        Household::Family => {
            let size = FAMILY_SIZES[weighted(rng, FAMILY_SIZES)].0;
            if has_baby { size.max(3) } else { size }
        }
    };
    let band = INCOME_BANDS[weighted(rng, INCOME_BANDS)].0;
    let band_spend = match band {
        "A" => 1.5,
        "B" => 1.25,
        "C" => 1.0,
        "D" => 0.85,
        _ => 0.75,
    };
    let spend = normal(rng, 0.0, 0.45).exp() * band_spend;
    let pace = normal(rng, 0.0, 0.6).exp();
    let district = DISTRICTS[weighted(rng, DISTRICTS)].0;
    let store = if NEAR_SECOND_STORE.contains(&district) == chance(rng, 0.8) {
        1
    } else {
        0
    };
    let channel = weighted(rng, CHANNELS);
    let payment = weighted(rng, PAYMENTS);

    let existing = chance(rng, 0.55);
    let first = if existing {
        window.start
    } else {
        uniform_day(rng, window.start, window.end)
    };
    let complaint_rate = if CHANNELS[channel].0 == "Delivery" {
        0.08
    } else {
        0.03
    };
    let complaint = chance(rng, complaint_rate).then(|| uniform_day(rng, first, window.end));
    // Churn: a complaint doubles the odds; most churners leave in the last months, so the
    // at-risk and overdue lists of a fresh analysis are never empty.
    let churned = chance(rng, if complaint.is_some() { 0.55 } else { 0.27 });
    let last = if !churned {
        window.end
    } else if let Some(day) = complaint {
        (day + rng.random_range(0..90)).min(window.end)
    } else if chance(rng, 0.6) {
        uniform_day(rng, window.end - 270, window.end - 45).max(first)
    } else {
        uniform_day(rng, first, window.end)
    };
    let seasonal = motive == Motive::Acute && chance(rng, 0.35);
    let baby = has_baby.then(|| (first, first + rng.random_range(240..720)));

    let chronic_meds = if motive == Motive::Chronic {
        let count = match rng.random_range(0..100) {
            0..50 => 1,
            50..85 => 2,
            _ => 3,
        };
        let brand_taste = (0.15 * spend).min(0.7);
        let mut meds: Vec<usize> = Vec::with_capacity(count);
        while meds.len() < count {
            let candidate = *pick(rng, catalog.group(Group::Chronic));
            let is_brand = PRODUCTS[candidate].price > 30.0;
            if !meds.contains(&candidate) && (!is_brand || chance(rng, brand_taste)) {
                meds.push(candidate);
            }
        }
        meds
    } else {
        Vec::new()
    };

    let mut mood = normal(rng, 3.9, 0.7);
    if motive == Motive::Chronic && !churned {
        mood += 0.3;
    }
    if churned {
        mood -= 0.8;
    }
    if complaint.is_some() {
        mood -= 1.2;
    }

    let first_name = *pick(rng, if female { FEMALE } else { MALE });
    let surname = *pick(rng, SURNAMES);
    let second_surname = *pick(rng, SURNAMES);
    let email = chance(rng, 0.55).then(|| {
        let domain = EMAIL_DOMAINS[weighted(rng, EMAIL_DOMAINS)].0;
        let suffix = rng.random_range(1..100);
        format!(
            "{}.{}{suffix}@{domain}",
            ascii_lower(first_name),
            ascii_lower(surname)
        )
    });
    let phone = chance(rng, 0.9).then(|| format!("9{:08}", rng.random_range(0..100_000_000)));
    let birth_date = chance(rng, 0.92).then(|| window.end - age * 365 - rng.random_range(0..365));
    let signup = if existing {
        window.start - rng.random_range(30..2_000)
    } else {
        first
    };

    let customer = Customer {
        key,
        name: Some(format!("{first_name} {surname} {second_surname}")),
        document: chance(rng, 0.97).then(|| dni(seed, index)),
        phone,
        email,
        birth_date,
        age: None,
        sex: Some(if female { "F" } else { "M" }.to_owned()),
        district: Some(district.to_owned()),
        household: Some(household),
        family_size: Some(family_size),
        income_band: Some(band.to_owned()),
        payment_method: Some(PAYMENTS[payment].0.to_owned()),
        motive: Some(motive),
        insurance: Some(insurance(rng, band)),
        preferred_channel: Some(CHANNELS[channel].0.to_owned()),
        signup: Some(signup),
        consent: Some(chance(rng, 0.70)),
    };
    let profile = Profile {
        motive,
        seasonal,
        baby,
        first,
        last,
        churned,
        pace,
        spend,
        chronic_meds,
        store,
        channel,
        payment,
        complaint,
        mood,
    };
    (customer, profile)
}
