//! Which customers a list holds: any combination of the engine's groups (segment, tier, zone,
//! quadrant, value class, overdue), numeric ranges on any per-customer metric (recency,
//! frequency, value, scores, satisfaction, P(alive), expected purchases, CLV, age) and the
//! customer file's profile fields (motive, insurance, household, family size, consent, district,
//! channel, sex, income band, payment method). The Clientes list and the Campañas target lists
//! share it. Pure: pages only wire it to signals.

use crate::engine::{CustomerMetrics, Quadrant, Segment, Tier, Zone};
use crate::import::Lang;
use crate::model::{Customer, Dataset, Day, Household, Insurance, Motive, date_from_day};
use crate::selection::{Selection, ValueClass};
use rust_i18n::t;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashMap;

/// A list's conditions: every condition set must hold (`None`, `false`, empty = any).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// RFV segment (active customers only).
    pub segment: Option<Segment>,
    /// Pyramid tier of the current window.
    pub tier: Option<Tier>,
    /// Satisfaction zone.
    pub zone: Option<Zone>,
    /// Satisfaction × loyalty quadrant.
    pub quadrant: Option<Quadrant>,
    /// Peppers & Rogers value class.
    #[serde(with = "class_serde")]
    pub class: Option<ValueClass>,
    /// Only customers overdue for their next purchase (DOMAIN.md §6).
    pub overdue: bool,
    /// Numeric conditions on metrics, all of which must hold.
    pub ranges: Vec<Range>,
    /// Purchase motive (customer file).
    pub motive: Option<Motive>,
    /// Health insurance (customer file).
    pub insurance: Option<Insurance>,
    /// Household composition (customer file).
    pub household: Option<Household>,
    /// At least this many people in the household (customer file).
    pub min_family: Option<u8>,
    /// Marketing consent as the customer file states it (`Some(false)` also takes customers
    /// whose consent is not stated, which counts as no).
    pub consent: Option<bool>,
    /// District of residence, as written in the customer file.
    pub district: Option<String>,
    /// Preferred channel, as written in the customer file.
    pub channel: Option<String>,
    /// Sex, as written in the customer file.
    pub sex: Option<String>,
    /// Income band, as written in the customer file.
    pub income_band: Option<String>,
    /// Usual payment method, as written in the customer file.
    pub payment_method: Option<String>,
}

/// A value class is stored by its stable name (`"cmv"`), like in page addresses.
mod class_serde {
    use crate::selection::{Selection, ValueClass, class_slug};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(class: &Option<ValueClass>, s: S) -> Result<S::Ok, S::Error> {
        match class {
            Some(c) => s.serialize_some(class_slug(*c)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ValueClass>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        Ok(
            text.and_then(|t| match Selection::from_query(&format!("class:{t}")) {
                Some(Selection::ValueClass(c)) => Some(c),
                _ => None,
            }),
        )
    }
}

/// A numeric condition: `min ≤ metric ≤ max` (either bound may be absent). A customer without
/// the metric (no fit, no survey, not active, no age in the file) never meets it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// The metric compared.
    pub metric: Metric,
    /// Smallest value kept, in the metric's display unit.
    pub min: Option<f64>,
    /// Largest value kept, in the metric's display unit.
    pub max: Option<f64>,
}

/// A per-customer number a [`Range`] can bound, in the unit the pages show it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Days since the last purchase occasion.
    Recency,
    /// Purchase occasions in the window.
    Frequency,
    /// Net value in the window.
    Value,
    /// R score 1–5.
    RScore,
    /// F score 1–5.
    FScore,
    /// V score 1–5.
    VScore,
    /// Satisfaction, on the survey's scale.
    Satisfaction,
    /// BG/NBD probability of being alive, in percent (0–100).
    PAlive,
    /// BG/NBD expected purchase occasions in the next 90 days.
    ExpectedPurchases,
    /// 12-month customer lifetime value.
    Clv,
    /// Age in whole years at the analysis date (customer file: age, or birth date).
    Age,
}

impl Metric {
    /// Every metric, in the order offered.
    pub const ALL: [Metric; 11] = [
        Metric::Recency,
        Metric::Frequency,
        Metric::Value,
        Metric::RScore,
        Metric::FScore,
        Metric::VScore,
        Metric::Satisfaction,
        Metric::PAlive,
        Metric::ExpectedPurchases,
        Metric::Clv,
        Metric::Age,
    ];

    /// The stable name (`p_alive`), for test hooks and saved lists.
    pub fn slug(self) -> &'static str {
        match self {
            Metric::Recency => "recency",
            Metric::Frequency => "frequency",
            Metric::Value => "value",
            Metric::RScore => "r_score",
            Metric::FScore => "f_score",
            Metric::VScore => "v_score",
            Metric::Satisfaction => "satisfaction",
            Metric::PAlive => "p_alive",
            Metric::ExpectedPurchases => "expected_purchases",
            Metric::Clv => "clv",
            Metric::Age => "age",
        }
    }

    /// The metric of a stable name.
    pub fn from_slug(slug: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.slug() == slug)
    }

    /// The metric's name in `lang`, with its unit.
    pub fn name(self, lang: Lang) -> String {
        t!(
            format!("filter.metric_{}", self.slug()),
            locale = lang.code()
        )
        .into_owned()
    }

    /// The customer's value of the metric, in the display unit; `None` when it has none.
    pub fn of(self, m: &CustomerMetrics, profile: Option<&Customer>, as_of: Day) -> Option<f64> {
        match self {
            Metric::Recency => m.recency.map(f64::from),
            Metric::Frequency => Some(f64::from(m.frequency)),
            Metric::Value => Some(m.value),
            Metric::RScore => m.scores.map(|s| f64::from(s.r)),
            Metric::FScore => m.scores.map(|s| f64::from(s.f)),
            Metric::VScore => m.scores.map(|s| f64::from(s.v)),
            Metric::Satisfaction => m.satisfaction,
            Metric::PAlive => m.p_alive.map(|p| p * 100.0),
            Metric::ExpectedPurchases => m.expected_purchases,
            Metric::Clv => m.clv,
            Metric::Age => profile.and_then(|c| age(c, as_of)).map(f64::from),
        }
    }
}

/// A customer's age in whole years on `as_of`: from the birth date when the file gives one,
/// else the age column as written.
pub fn age(customer: &Customer, as_of: Day) -> Option<u32> {
    match customer.birth_date {
        Some(birth) => date_from_day(as_of).years_since(date_from_day(birth)),
        None => customer.age.map(u32::from),
    }
}

impl Range {
    /// Whether `value` lies within the bounds (a missing value never does).
    pub fn holds(&self, value: Option<f64>) -> bool {
        value
            .is_some_and(|v| self.min.is_none_or(|lo| v >= lo) && self.max.is_none_or(|hi| v <= hi))
    }
}

/// A bound typed by the user: decimal point or comma, spaces ignored; empty or unreadable =
/// no bound.
pub fn parse_bound(text: &str) -> Option<f64> {
    text.replace([' ', '\u{a0}'], "")
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A profile field whose values are free text in the customer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    /// District of residence.
    District,
    /// Preferred channel.
    Channel,
    /// Sex.
    Sex,
    /// Income band.
    IncomeBand,
    /// Usual payment method.
    PaymentMethod,
}

impl TextField {
    /// Every text field, in the order offered.
    pub const ALL: [TextField; 5] = [
        TextField::District,
        TextField::Channel,
        TextField::Sex,
        TextField::IncomeBand,
        TextField::PaymentMethod,
    ];

    /// The stable name (`payment_method`), for test hooks.
    pub fn slug(self) -> &'static str {
        match self {
            TextField::District => "district",
            TextField::Channel => "channel",
            TextField::Sex => "sex",
            TextField::IncomeBand => "income_band",
            TextField::PaymentMethod => "payment_method",
        }
    }

    /// The locale key of the field's label (the customer card's).
    pub fn label_key(self) -> &'static str {
        match self {
            TextField::District => "card.district",
            TextField::Channel => "card.channel",
            TextField::Sex => "filter.sex",
            TextField::IncomeBand => "card.income",
            TextField::PaymentMethod => "card.payment",
        }
    }

    /// The customer's value of the field.
    pub fn of(self, c: &Customer) -> Option<&str> {
        match self {
            TextField::District => c.district.as_deref(),
            TextField::Channel => c.preferred_channel.as_deref(),
            TextField::Sex => c.sex.as_deref(),
            TextField::IncomeBand => c.income_band.as_deref(),
            TextField::PaymentMethod => c.payment_method.as_deref(),
        }
    }

    /// The filter's condition on the field.
    pub fn get(self, f: &Filter) -> &Option<String> {
        match self {
            TextField::District => &f.district,
            TextField::Channel => &f.channel,
            TextField::Sex => &f.sex,
            TextField::IncomeBand => &f.income_band,
            TextField::PaymentMethod => &f.payment_method,
        }
    }

    /// The filter's condition on the field, to change it.
    pub fn slot(self, f: &mut Filter) -> &mut Option<String> {
        match self {
            TextField::District => &mut f.district,
            TextField::Channel => &mut f.channel,
            TextField::Sex => &mut f.sex,
            TextField::IncomeBand => &mut f.income_band,
            TextField::PaymentMethod => &mut f.payment_method,
        }
    }
}

/// Purchase motives with their stable names.
pub const MOTIVES: [(Motive, &str); 3] = [
    (Motive::Acute, "acute"),
    (Motive::Chronic, "chronic"),
    (Motive::Preventive, "preventive"),
];
/// Insurances with their stable names.
pub const INSURANCES: [(Insurance, &str); 4] = [
    (Insurance::Essalud, "essalud"),
    (Insurance::Eps, "eps"),
    (Insurance::Private, "private"),
    (Insurance::None, "none"),
];
/// Household compositions with their stable names.
pub const HOUSEHOLDS: [(Household, &str); 2] = [
    (Household::Individual, "individual"),
    (Household::Family, "family"),
];

/// A purchase motive in `lang`.
pub fn motive_name(motive: Motive, lang: Lang) -> String {
    let key = match motive {
        Motive::Acute => "card.motive_acute",
        Motive::Chronic => "card.motive_chronic",
        Motive::Preventive => "card.motive_preventive",
    };
    t!(key, locale = lang.code()).into_owned()
}

/// An insurance in `lang`.
pub fn insurance_name(insurance: Insurance, lang: Lang) -> String {
    let key = match insurance {
        Insurance::Essalud => "card.insurance_essalud",
        Insurance::Eps => "card.insurance_eps",
        Insurance::Private => "card.insurance_private",
        Insurance::None => "card.insurance_none",
    };
    t!(key, locale = lang.code()).into_owned()
}

/// A household composition in `lang`.
pub fn household_name(household: Household, lang: Lang) -> String {
    let key = match household {
        Household::Individual => "card.household_individual",
        Household::Family => "card.household_family",
    };
    t!(key, locale = lang.code()).into_owned()
}

/// Same text, ignoring case and surrounding spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Filter {
    /// The engine-group conditions, as drill-down selections.
    fn selections(&self) -> Vec<Selection> {
        let mut out = Vec::new();
        out.extend(self.segment.map(Selection::Segment));
        out.extend(self.tier.map(Selection::Tier));
        out.extend(self.zone.map(Selection::Zone));
        out.extend(self.quadrant.map(Selection::Quadrant));
        out.extend(self.class.map(Selection::ValueClass));
        if self.overdue {
            out.push(Selection::Overdue);
        }
        out
    }

    /// Whether a condition reads the customer file (an age range does).
    pub fn needs_profile(&self) -> bool {
        self.motive.is_some()
            || self.insurance.is_some()
            || self.household.is_some()
            || self.min_family.is_some()
            || self.consent == Some(true)
            || TextField::ALL.iter().any(|t| t.get(self).is_some())
            || self.ranges.iter().any(|r| r.metric == Metric::Age)
    }

    /// Whether no condition is set (every customer).
    pub fn is_empty(&self) -> bool {
        self.active() == 0
    }

    /// How many conditions are set (a range with neither bound counts as none).
    pub fn active(&self) -> usize {
        self.selections().len()
            + self
                .ranges
                .iter()
                .filter(|r| r.min.is_some() || r.max.is_some())
                .count()
            + usize::from(self.motive.is_some())
            + usize::from(self.insurance.is_some())
            + usize::from(self.household.is_some())
            + usize::from(self.min_family.is_some())
            + usize::from(self.consent.is_some())
            + TextField::ALL
                .iter()
                .filter(|t| t.get(self).is_some())
                .count()
    }

    /// Whether a customer with these metrics and this profile (`None`: not in the customer
    /// file) meets every condition on `as_of` (the analysis date, for ages). A profile
    /// condition never holds without a profile, except "no consent".
    pub fn matches(&self, m: &CustomerMetrics, profile: Option<&Customer>, as_of: Day) -> bool {
        if !self.selections().iter().all(|s| s.matches(m)) {
            return false;
        }
        if !self.ranges.iter().all(|r| {
            (r.min.is_none() && r.max.is_none()) || r.holds(r.metric.of(m, profile, as_of))
        }) {
            return false;
        }
        if let Some(wanted) = self.consent
            && has_consent(profile) != wanted
        {
            return false;
        }
        if !self.needs_profile() {
            return true;
        }
        let Some(c) = profile else {
            return false;
        };
        self.motive.is_none_or(|x| c.motive == Some(x))
            && self.insurance.is_none_or(|x| c.insurance == Some(x))
            && self.household.is_none_or(|x| c.household == Some(x))
            && self
                .min_family
                .is_none_or(|n| c.family_size.is_some_and(|f| f >= n))
            && TextField::ALL.iter().all(|t| match t.get(self) {
                None => true,
                Some(want) => t.of(c).is_some_and(|have| same_name(have, want)),
            })
    }
}

/// Customer-file rows by customer index (`None` when the customer is not in the file).
pub fn profiles(data: &Dataset) -> Vec<Option<&Customer>> {
    let mut out = vec![None; data.customer_ids.len()];
    for c in &data.customers {
        if let Some(slot) = out.get_mut(c.key as usize) {
            *slot = Some(c);
        }
    }
    out
}

/// Whether the customer accepted marketing (`consent == Some(true)`; unknown counts as no).
pub fn has_consent(profile: Option<&Customer>) -> bool {
    profile.and_then(|c| c.consent) == Some(true)
}

/// The values of a text field in the customer file, as filter choices: trimmed, one per name
/// with case ignored (as [`same_name`] matches them), spelled as most customers have it (ties:
/// the first in text order), sorted with case ignored; empty when the file does not have the
/// field.
///
/// Each distinct text is counted first (a customer file repeats a few dozen districts over
/// 100k customers), so only those are lower-cased, copied and sorted.
pub fn choices(data: &Dataset, field: TextField) -> Vec<String> {
    let mut counts: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for text in data.customers.iter().filter_map(|c| field.of(c)) {
        let text = text.trim();
        if !text.is_empty() {
            *counts.entry(text).or_default() += 1;
        }
    }
    let mut names: HashMap<String, (&str, usize)> = HashMap::new();
    for (text, n) in counts {
        let best = names.entry(text.to_lowercase()).or_insert((text, n));
        if (n, Reverse(text)) > (best.1, Reverse(best.0)) {
            *best = (text, n);
        }
    }
    let mut v: Vec<(String, &str)> = names
        .into_iter()
        .map(|(key, (text, _))| (key, text))
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, text)| text.to_owned()).collect()
}

/// Whether the customer file holds the profile fields behind the enum conditions (motive,
/// insurance, household, family size, consent), so the page offers only useful controls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProfileFields {
    /// Some customer has a purchase motive.
    pub motive: bool,
    /// Some customer has an insurance.
    pub insurance: bool,
    /// Some customer has a household composition.
    pub household: bool,
    /// Some customer has a family size.
    pub family_size: bool,
    /// Some customer has an age or a birth date.
    pub age: bool,
}

/// Which enum profile fields the customer file fills.
pub fn profile_fields(data: &Dataset) -> ProfileFields {
    let any = |f: fn(&Customer) -> bool| data.customers.iter().any(f);
    ProfileFields {
        motive: any(|c| c.motive.is_some()),
        insurance: any(|c| c.insurance.is_some()),
        household: any(|c| c.household.is_some()),
        family_size: any(|c| c.family_size.is_some()),
        age: any(|c| c.age.is_some() || c.birth_date.is_some()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::demo::analysed as demo;

    /// Customers meeting `f`, counted by the filter.
    fn count(f: &Filter) -> usize {
        let (data, analysis) = demo();
        let p = profiles(data);
        analysis
            .customers
            .iter()
            .filter(|m| f.matches(m, p[m.customer as usize], analysis.as_of))
            .count()
    }

    #[test]
    fn a_range_bounds_the_metric_inclusively_and_drops_customers_without_it() {
        let (_, analysis) = demo();
        let f = Filter {
            ranges: vec![Range {
                metric: Metric::Recency,
                min: Some(30.0),
                max: Some(90.0),
            }],
            ..Filter::default()
        };
        let expected = analysis
            .customers
            .iter()
            .filter(|m| m.recency.is_some_and(|r| (30..=90).contains(&r)))
            .count();
        assert!(expected > 0);
        assert_eq!(count(&f), expected);
        // Both ends are kept: a customer exactly on a bound passes.
        let m = analysis
            .customers
            .iter()
            .find(|m| m.recency == Some(30))
            .expect("someone bought 30 days before");
        assert!(f.matches(m, None, analysis.as_of));

        // P(alive) in percent; customers without a fit never pass.
        let low = Filter {
            ranges: vec![Range {
                metric: Metric::PAlive,
                min: None,
                max: Some(50.0),
            }],
            ..Filter::default()
        };
        let expected = analysis
            .customers
            .iter()
            .filter(|m| m.p_alive.is_some_and(|p| p <= 0.5))
            .count();
        assert!(expected > 0);
        assert_eq!(count(&low), expected);
        let nothing = Range {
            metric: Metric::Clv,
            min: Some(0.0),
            max: None,
        };
        assert!(!nothing.holds(None));
        // A range without bounds is no condition.
        let open = Filter {
            ranges: vec![Range {
                metric: Metric::Satisfaction,
                min: None,
                max: None,
            }],
            ..Filter::default()
        };
        assert!(open.is_empty());
        assert_eq!(count(&open), analysis.customers.len());
    }

    #[test]
    fn scores_and_groups_combine() {
        let (_, analysis) = demo();
        let f = Filter {
            tier: Some(Tier::Oro),
            ranges: vec![
                Range {
                    metric: Metric::FScore,
                    min: Some(4.0),
                    max: None,
                },
                Range {
                    metric: Metric::Value,
                    min: Some(200.0),
                    max: Some(2000.0),
                },
            ],
            ..Filter::default()
        };
        let expected = analysis
            .customers
            .iter()
            .filter(|m| m.tier == Tier::Oro)
            .filter(|m| m.scores.is_some_and(|s| s.f >= 4))
            .filter(|m| (200.0..=2000.0).contains(&m.value))
            .count();
        assert!(expected > 0);
        assert_eq!(count(&f), expected);
        assert_eq!(f.active(), 3);
    }

    #[test]
    fn choices_name_each_value_once_as_most_customers_spell_it_sorted_without_case() {
        let districts = [
            Some(" Lima"),
            Some("LIMA"),
            Some("Lince"),
            Some("lima "),
            Some("Lima"),
            Some(""),
            None,
            Some("ate"),
            Some("Ate"),
            Some("Lince "),
            Some("  "),
        ];
        let data = Dataset {
            customers: districts
                .iter()
                .enumerate()
                .map(|(i, d)| Customer {
                    key: i as u32,
                    district: d.map(str::to_owned),
                    ..Customer::default()
                })
                .collect(),
            ..Dataset::default()
        };
        // "Lima" ×3 beats "LIMA" and "lima"; "Ate" and "ate" tie at one each: "Ate" comes
        // first in text order.
        assert_eq!(
            choices(&data, TextField::District),
            ["Ate", "Lima", "Lince"]
        );
        assert!(choices(&data, TextField::Channel).is_empty());
    }

    #[test]
    fn profile_text_fields_ignore_case_and_consent_no_takes_the_unstated() {
        let (data, _) = demo();
        for field in TextField::ALL {
            let values = choices(data, field);
            if values.is_empty() {
                continue;
            }
            let want = &values[0];
            let mut f = Filter::default();
            *field.slot(&mut f) = Some(format!(" {} ", want.to_uppercase()));
            let expected = data
                .customers
                .iter()
                .filter(|c| field.of(c).is_some_and(|v| same_name(v, want)))
                .count();
            assert!(expected > 0, "{field:?}");
            assert_eq!(count(&f), expected, "{field:?}");
        }
        assert!(!choices(data, TextField::District).is_empty());

        let yes = Filter {
            consent: Some(true),
            ..Filter::default()
        };
        let no = Filter {
            consent: Some(false),
            ..Filter::default()
        };
        let (_, analysis) = demo();
        let consenting = data
            .customers
            .iter()
            .filter(|c| c.consent == Some(true))
            .count();
        assert!(consenting > 0);
        assert_eq!(count(&yes), consenting);
        assert_eq!(count(&yes) + count(&no), analysis.customers.len());
    }

    #[test]
    fn typed_bounds_read_a_comma_or_a_point_and_ignore_the_unreadable() {
        assert_eq!(parse_bound(" 12,5 "), Some(12.5));
        assert_eq!(parse_bound("1 500.25"), Some(1500.25));
        assert_eq!(parse_bound("-3"), Some(-3.0));
        assert_eq!(parse_bound(""), None);
        assert_eq!(parse_bound("abc"), None);
        assert_eq!(parse_bound("inf"), None);
    }

    #[test]
    fn age_comes_from_the_birth_date_at_the_analysis_date_or_the_age_column() {
        let day = |y, m, d| {
            crate::model::day_from_date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
        };
        let mut c = Customer {
            key: 0,
            ..Customer::default()
        };
        c.birth_date = Some(day(1960, 6, 15));
        assert_eq!(age(&c, day(2025, 6, 14)), Some(64));
        assert_eq!(age(&c, day(2025, 6, 15)), Some(65));
        c.birth_date = None;
        c.age = Some(40);
        assert_eq!(age(&c, day(2025, 1, 1)), Some(40));
        c.age = None;
        assert_eq!(age(&c, day(2025, 1, 1)), None);
    }

    #[test]
    fn every_metric_and_field_is_named_in_both_languages_and_slugs_round_trip() {
        for m in Metric::ALL {
            assert_eq!(Metric::from_slug(m.slug()), Some(m));
            for l in [Lang::Es, Lang::En] {
                assert!(!m.name(l).starts_with("filter."), "{m:?}");
            }
        }
        for f in TextField::ALL {
            let label = t!(f.label_key(), locale = "en");
            assert_ne!(label, f.label_key(), "{f:?}");
        }
        let f = Filter {
            class: Some(ValueClass::Bz),
            ranges: vec![Range {
                metric: Metric::ExpectedPurchases,
                min: Some(1.5),
                max: None,
            }],
            sex: Some("F".into()),
            consent: Some(false),
            ..Filter::default()
        };
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"expected_purchases\""), "{json}");
        assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), f);
        // Lists saved before ranges and the newer profile fields still read.
        let old: Filter = serde_json::from_str(r#"{"overdue":true,"district":"Lince"}"#).unwrap();
        assert!(old.overdue && old.ranges.is_empty() && old.sex.is_none());
    }
}
