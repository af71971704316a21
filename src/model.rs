//! The data model shared by the importer, the engine, storage and the UI.
//!
//! Everything here is plain data: no browser type, no clock, no I/O. Strings that repeat
//! (customer ids, ticket ids, products…) are interned once in a [`Dict`] and referenced by a
//! `u32` index, so one million sales fit in a few tens of megabytes and compare as integers.
//!
//! Dates are civil days ([`Day`], days since 1970-01-01, no time zone): the lectures count
//! recency in days, and a day number makes window arithmetic exact and cheap.

pub use crate::optional::{OptIndex, OptNumber};
use chrono::{Datelike, NaiveDate};
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// A civil date as days since 1970-01-01 (negative before). `0` is 1970-01-01.
pub type Day = i32;

/// The proleptic Gregorian day number of 1970-01-01 as counted by chrono's `num_days_from_ce`.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// Converts a calendar date to a [`Day`].
pub fn day_from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

/// Converts a [`Day`] back to a calendar date.
///
/// # Panics
/// Never for days produced by [`day_from_date`]; chrono covers ±262,000 years.
pub fn date_from_day(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + UNIX_EPOCH_FROM_CE)
        .expect("day within chrono's range")
}

/// Builds a [`Day`] from year, month (1–12) and day of month; `None` when the date does not exist.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<Day> {
    NaiveDate::from_ymd_opt(year, month, day).map(day_from_date)
}

/// An interned list of strings: index `i` names the `i`-th distinct value, in first-seen order.
/// Serialised as the plain list of names.
///
/// The names are stored back to back in one string (an arena), so a new name costs no
/// allocation of its own: a million-line import adds 650k ticket ids. The lookup index holds no
/// copy of the names: each entry is a name's index with 32 bits of its hash (FxHash), which
/// spare most string comparisons and every rehash. A dictionary read back from storage builds
/// it on the first lookup, not on load: a reopen never looks a ticket up by name, and hashing
/// 650k of them was a fifth of decoding the dataset.
///
/// Nor does interning build it while the names come in series: a point-of-sale system numbers
/// the tickets of each register in order (`B001-00000631`, `B001-00000632`, … beside
/// `B002-00000422`, …). A name above every name of its series (the name without its trailing
/// digits) is new without a lookup, which spares a million-line import 650k searches of a table
/// too large for the processor's cache. The first name that is not (or any lookup) builds the
/// index, which serves from then on.
#[derive(Clone)]
pub struct Dict {
    /// Every name, back to back, in index order.
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<usize>,
    /// Each series' greatest name (its index), while no index has been built: every name so
    /// far was interned through it. `None` once a name was added without it (a dictionary read
    /// back from storage) or too many series came.
    series: Option<HashMap<Box<str>, u32, FxBuildHasher>>,
    index: OnceLock<HashTable<(u32, u32)>>,
}

/// Most series a [`Dict`] follows before it builds its index (tickets come in a few; product
/// names, each a series of its own, soon pass it).
const MAX_SERIES: usize = 64;

/// The name at `index` of a [`Dict`]'s `text` cut at `ends`.
fn name_at<'a>(text: &'a str, ends: &[usize], index: u32) -> &'a str {
    let i = index as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

/// The series of a name: the name without its trailing ASCII digits.
fn series_of(name: &str) -> &str {
    name.trim_end_matches(|c: char| c.is_ascii_digit())
}

impl std::fmt::Debug for Dict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dict")
            .field("names", &self.names().collect::<Vec<_>>())
            .finish()
    }
}

/// The 32 bits of a [`Dict`] name's hash kept in the index.
fn name_hash(name: &str) -> u32 {
    FxBuildHasher.hash_one(name) as u32
}

/// The table hash of an index entry: a bijection that spreads its 32 hash bits over all 64
/// (the table reads its bucket from the low bits, a tag from the high ones).
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Default for Dict {
    fn default() -> Self {
        Dict::new()
    }
}

impl PartialEq for Dict {
    fn eq(&self, other: &Self) -> bool {
        // The same names in the same order: the same text cut at the same places.
        self.text == other.text && self.ends == other.ends
    }
}

impl Eq for Dict {}

/// Serialised as the list of its names (borrowed: nothing is copied).
impl Serialize for Dict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// Read back from the list of names, each appended to the arena as it is read (no string of
/// its own; [`Dict::push_stored`]).
impl<'de> Deserialize<'de> for Dict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Appends one name of the list to the arena.
        struct Name<'a>(&'a mut Dict);
        impl<'de> serde::de::DeserializeSeed<'de> for Name<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl serde::de::Visitor<'_> for Name<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<(), E> {
                self.0.push_stored(name);
                Ok(())
            }
        }
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = Dict;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of names")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Dict, A::Error> {
                let mut dict = Dict::stored(seq.size_hint().unwrap_or(0));
                while seq.next_element_seed(Name(&mut dict))?.is_some() {}
                Ok(dict)
            }
        }
        deserializer.deserialize_seq(Names)
    }
}

impl Dict {
    /// An empty dictionary.
    pub fn new() -> Self {
        Dict {
            text: String::new(),
            ends: Vec::new(),
            series: Some(HashMap::default()),
            index: OnceLock::new(),
        }
    }

    /// Builds a dictionary from distinct names (duplicates keep their first index).
    pub fn from_names(names: Vec<String>) -> Self {
        let mut dict = Dict::new();
        for name in names {
            dict.intern(&name);
        }
        dict
    }

    /// Appends `name` at the next index, without looking it up or indexing it.
    fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len());
    }

    /// An empty dictionary to read back from storage, with room for `names` names: it
    /// follows no series, so its index is built on the first lookup.
    pub(crate) fn stored(names: usize) -> Self {
        let mut dict = Dict {
            series: None,
            ..Dict::new()
        };
        dict.ends.reserve(names);
        dict
    }

    /// Appends a name read back from storage to a [`Dict::stored`] dictionary, without
    /// looking it up. Names are distinct, since a [`Dict`] wrote them; should a list hold a
    /// name twice, lookups find the first.
    pub(crate) fn push_stored(&mut self, name: &str) {
        debug_assert!(self.series.is_none(), "a dictionary read back from storage");
        self.push(name);
    }

    /// The entry of the index naming `name` (whose [`name_hash`] is `hash`): a string
    /// comparison only on a hash match.
    fn find(&self, index: &HashTable<(u32, u32)>, name: &str, hash: u32) -> Option<u32> {
        index
            .find(spread(hash), |&(i, h)| h == hash && self.name(i) == name)
            .map(|&(i, _)| i)
    }

    /// [`Dict::intern`] by the series, when they tell: `name` is its series' greatest name
    /// (that index), or above it, or of a new series (added, and now its series' greatest).
    /// `None` when they cannot tell; the series are then dropped for good and the index takes
    /// over.
    fn intern_in_series(&mut self, name: &str) -> Option<u32> {
        let i = u32::try_from(self.ends.len()).expect("fewer than 2^32 distinct values");
        let Dict {
            text, ends, series, ..
        } = self;
        let map = series.as_mut()?;
        let key = series_of(name);
        let tells = if let Some(greatest) = map.get_mut(key) {
            match name.cmp(name_at(text, ends, *greatest)) {
                Ordering::Equal => return Some(*greatest),
                Ordering::Greater => {
                    *greatest = i;
                    true
                }
                Ordering::Less => false,
            }
        } else if map.len() < MAX_SERIES {
            map.insert(key.into(), i);
            true
        } else {
            false
        };
        if !tells {
            *series = None;
            return None;
        }
        self.push(name);
        Some(i)
    }

    /// The lookup index, built from the names on first use.
    fn index(&self) -> &HashTable<(u32, u32)> {
        self.index.get_or_init(|| {
            let mut index = HashTable::with_capacity(self.len());
            for (i, name) in (0u32..).zip(self.names()) {
                let hash = name_hash(name);
                if self.find(&index, name, hash).is_none() {
                    index.insert_unique(spread(hash), (i, hash), |&(_, h)| spread(h));
                }
            }
            index
        })
    }

    /// Returns the index of `name`, adding it when it is new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if self.index.get().is_none()
            && let Some(i) = self.intern_in_series(name)
        {
            return i;
        }
        let hash = name_hash(name);
        if let Some(i) = self.find(self.index(), name, hash) {
            return i;
        }
        let i = u32::try_from(self.len()).expect("fewer than 2^32 distinct values");
        self.index
            .get_mut()
            .expect("built by index()")
            .insert_unique(spread(hash), (i, hash), |&(_, h)| spread(h));
        self.push(name);
        i
    }

    /// The index of `name`, if present.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.find(self.index(), name, name_hash(name))
    }

    /// The name at `index`.
    ///
    /// # Panics
    /// When `index >= self.len()`.
    pub fn name(&self, index: u32) -> &str {
        name_at(&self.text, &self.ends, index)
    }

    /// All names, in index order.
    pub fn names(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len() as u32).map(|i| self.name(i))
    }

    /// Number of distinct names.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the dictionary holds no name.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// One sales line (a product on a ticket, or the whole ticket when the file has no lines).
///
/// Indexes point into the matching [`Dataset`] dictionary. Negative `amount` is a return. The
/// optional fields are [`OptIndex`] and [`OptNumber`] (read them with `.get()`), which keep a
/// line in 56 bytes instead of the 96 of `Option`s: a million lines are held twice during an
/// import (the worker's check, the page's dataset). The default line is customer 0 on day 0
/// for nothing, with every optional field absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sale {
    /// Index into [`Dataset::customer_ids`].
    pub customer: u32,
    /// Date of the sale.
    pub day: Day,
    /// Net amount in the business's currency; negative for returns.
    pub amount: f64,
    /// Index into [`Dataset::tickets`], when the file has ticket/receipt ids.
    pub ticket: OptIndex,
    /// Gross margin of the line (amount − cost), when the file has cost or margin.
    pub margin: OptNumber,
    /// Index into [`Dataset::products`].
    pub product: OptIndex,
    /// Index into [`Dataset::categories`].
    pub category: OptIndex,
    /// Units sold (negative for returns).
    pub quantity: OptNumber,
    /// Index into [`Dataset::stores`].
    pub store: OptIndex,
    /// Index into [`Dataset::channels`].
    pub channel: OptIndex,
    /// Index into [`Dataset::payments`].
    pub payment: OptIndex,
}

/// Household composition from the customer file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Household {
    /// Lives alone / buys for themself.
    Individual,
    /// Buys for a family.
    Family,
}

/// Why the customer buys (pharmacy context of the lectures).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Motive {
    /// Acute illness: occasional purchases.
    Acute,
    /// Chronic treatment: refills on a cycle.
    Chronic,
    /// Prevention, vitamins, personal care.
    Preventive,
}

/// Health insurance (Peru).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Insurance {
    /// Public social security.
    Essalud,
    /// Entidad Prestadora de Salud (private complement to EsSalud).
    Eps,
    /// Private insurance.
    Private,
    /// No insurance.
    None,
}

/// One row of the customer file (ficha de cliente). Every field but the id is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Index into [`Dataset::customer_ids`].
    pub key: u32,
    /// Full name.
    pub name: Option<String>,
    /// National document (DNI), kept as text.
    pub document: Option<String>,
    /// Phone number, kept as text.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Birth date.
    pub birth_date: Option<Day>,
    /// Age in years when the file gives age instead of birth date.
    pub age: Option<u16>,
    /// Sex as written in the file (e.g. "F", "M").
    pub sex: Option<String>,
    /// District of residence.
    pub district: Option<String>,
    /// Individual or family household.
    pub household: Option<Household>,
    /// Number of people in the household.
    pub family_size: Option<u8>,
    /// Income band as written in the file (e.g. "A", "B", "C").
    pub income_band: Option<String>,
    /// Usual payment method.
    pub payment_method: Option<String>,
    /// Purchase motive.
    pub motive: Option<Motive>,
    /// Health insurance.
    pub insurance: Option<Insurance>,
    /// Preferred channel (counter, delivery, phone, web).
    pub preferred_channel: Option<String>,
    /// Date the customer joined.
    pub signup: Option<Day>,
    /// Marketing consent; `None` when the file does not say (treated as no consent).
    pub consent: Option<bool>,
}

/// One satisfaction survey answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    /// Index into [`Dataset::customer_ids`].
    pub customer: u32,
    /// Date of the answer.
    pub day: Day,
    /// Overall satisfaction on [`Dataset::survey_scale`].
    pub overall: f64,
    /// Likelihood to recommend, 0–10.
    pub recommend: Option<f64>,
    /// SERVQUAL expectation per dimension, aligned with [`Dataset::servqual_dimensions`].
    pub expectations: Vec<Option<f64>>,
    /// SERVQUAL perception per dimension, aligned with [`Dataset::servqual_dimensions`].
    pub perceptions: Vec<Option<f64>>,
    /// Free-text comment.
    pub comment: Option<String>,
}

/// The scale of the overall-satisfaction question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SatisfactionScale {
    /// 1 (very dissatisfied) to 5 (very satisfied): the lectures' scale.
    OneToFive,
    /// 1 to 7, mapped linearly onto 1–5.
    OneToSeven,
    /// 0 to 10, read as NPS classes.
    ZeroToTen,
}

/// One complaint (queja / reclamo).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    /// Index into [`Dataset::customer_ids`].
    pub customer: u32,
    /// Date of the complaint.
    pub day: Day,
    /// Reason as written.
    pub reason: Option<String>,
    /// Whether it was resolved.
    pub resolved: Option<bool>,
}

/// Everything a workspace holds, as the engine reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Every customer id seen in any file (text, leading zeros kept).
    pub customer_ids: Dict,
    /// Rows of the customer file (may be empty when only sales were imported).
    pub customers: Vec<Customer>,
    /// Sales lines. Not serialised: [`crate::codec`] stores them column by column, apart from
    /// the rest (which is what serialising a `Dataset` gives).
    #[serde(skip)]
    pub sales: Vec<Sale>,
    /// Ticket / receipt ids.
    pub tickets: Dict,
    /// Product names or codes.
    pub products: Dict,
    /// Product categories.
    pub categories: Dict,
    /// Stores / branches.
    pub stores: Dict,
    /// Sales channels.
    pub channels: Dict,
    /// Payment methods.
    pub payments: Dict,
    /// Survey answers.
    pub surveys: Vec<Survey>,
    /// Names of the SERVQUAL dimensions found in the survey file (E_/P_ column pairs).
    pub servqual_dimensions: Vec<String>,
    /// Scale of [`Survey::overall`].
    pub survey_scale: SatisfactionScale,
    /// Complaints.
    pub complaints: Vec<Complaint>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            customer_ids: Dict::new(),
            customers: Vec::new(),
            sales: Vec::new(),
            tickets: Dict::new(),
            products: Dict::new(),
            categories: Dict::new(),
            stores: Dict::new(),
            channels: Dict::new(),
            payments: Dict::new(),
            surveys: Vec::new(),
            servqual_dimensions: Vec::new(),
            survey_scale: SatisfactionScale::OneToFive,
            complaints: Vec::new(),
        }
    }
}

impl Dataset {
    /// The latest sale date, the default analysis date (DOMAIN.md §2).
    pub fn last_sale_day(&self) -> Option<Day> {
        self.sales.iter().map(|s| s.day).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sales_line_takes_56_bytes() {
        // Two `u32`, an `f64`, six 4-byte indexes and two 8-byte numbers, no tag nor padding.
        assert_eq!(std::mem::size_of::<Sale>(), 56);
    }

    #[test]
    fn day_round_trips_through_calendar() {
        assert_eq!(ymd(1970, 1, 1), Some(0));
        assert_eq!(ymd(1970, 1, 2), Some(1));
        assert_eq!(ymd(1969, 12, 31), Some(-1));
        assert_eq!(ymd(2024, 2, 29), Some(19_782));
        assert_eq!(ymd(2023, 2, 29), None);
        let d = ymd(2026, 11, 23).unwrap();
        assert_eq!(
            date_from_day(d),
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        );
    }

    #[test]
    fn dict_interns_in_first_seen_order() {
        let mut d = Dict::new();
        assert_eq!(d.intern("007"), 0);
        assert_eq!(d.intern("7"), 1);
        assert_eq!(d.intern("007"), 0);
        assert_eq!(d.name(1), "7");
        assert_eq!(d.get("7"), Some(1));
        assert_eq!(d.get("8"), None);
    }

    #[test]
    fn dict_survives_serde_and_still_interns() {
        let d = Dict::from_names(vec!["a".into(), "b".into()]);
        let json = serde_json::to_string(&d).unwrap();
        let mut back: Dict = serde_json::from_str(&json).unwrap();
        assert_eq!(back.get("b"), Some(1));
        assert_eq!(back.intern("c"), 2);
        assert_eq!(back.intern("a"), 0);
        // Interning first (before any lookup) builds the index too.
        let mut back: Dict = serde_json::from_str(&json).unwrap();
        assert_eq!(back.intern("a"), 0);
        assert_eq!(back.intern("c"), 2);
        assert_eq!(back.len(), 3);
    }

    /// Names that JSON escapes (so its reader cannot lend them), an empty name and accents come
    /// back in order from JSON and from postcard (the stored format), with their indexes.
    #[test]
    fn dict_names_come_back_from_json_and_postcard() {
        let names = ["Kit \"bebé\"\nsegunda", "", "Peña", "a\\b"];
        let d = Dict::from_names(names.iter().map(|n| n.to_string()).collect());
        let json: Dict = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        let bin: Dict = postcard::from_bytes(&postcard::to_allocvec(&d).unwrap()).unwrap();
        for back in [json, bin] {
            assert_eq!(back, d);
            assert_eq!(back.names().collect::<Vec<_>>(), names);
            assert_eq!(back.get("Peña"), Some(2));
            assert_eq!(back.get(""), Some(1));
        }
    }

    #[test]
    fn a_stored_list_with_a_name_twice_looks_up_the_first() {
        let mut back: Dict = serde_json::from_str(r#"["x","y","x"]"#).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!((back.get("x"), back.name(2)), (Some(0), "x"));
        assert_eq!(back.intern("z"), 3);
    }

    /// Ticket ids of three registers, each numbered in order and interleaved, then names out
    /// of order (seen before, and new), a number of more digits, many series and a lookup: the
    /// same indexes as a plain map from name to first-seen position, at every step.
    #[test]
    fn dict_interns_series_in_order_and_anything_after_as_a_plain_map_would() {
        let mut rng = crate::import::test_rng(0x5eed);
        let mut names: Vec<String> = Vec::new();
        let mut next = [1u32; 3];
        for _ in 0..300 {
            let r = rng(3);
            names.push(format!("{}-{:08}", ["B001", "B002", "BC01"][r], next[r]));
            next[r] += rng(3) as u32; // sometimes the same ticket again, never backwards
        }
        names.extend(
            [
                "B001-00000002",
                "B001-00000003",
                "B002-00000001",
                "B001-9",
                "B001-10",
            ]
            .map(String::from),
        );
        names.extend((0..100).map(|k| format!("Producto {}", "x".repeat(k % 7)) + &k.to_string()));
        names.extend(["B001-00000002", "zzz"].map(String::from));

        let mut dict = Dict::new();
        let mut plain: HashMap<&str, u32> = HashMap::new();
        let mut followed = 0;
        for name in &names {
            let expected = plain.len() as u32;
            let expected = *plain.entry(name).or_insert(expected);
            assert_eq!(dict.intern(name), expected, "{name}");
            if dict.series.is_some() {
                followed += 1;
            }
        }
        // The 300 register tickets never needed the index.
        assert!(followed >= 300, "{followed}");
        assert!(dict.series.is_none());
        assert_eq!(dict.len(), plain.len());
        for (name, &i) in &plain {
            assert_eq!((dict.get(name), dict.name(i)), (Some(i), *name));
        }
        assert_eq!(dict.get("B003-00000001"), None);
    }

    #[test]
    fn a_lookup_ends_the_series_and_the_index_takes_over() {
        let mut dict = Dict::new();
        assert_eq!(dict.intern("T-1"), 0);
        assert_eq!(dict.intern("T-2"), 1);
        assert_eq!(dict.get("T-1"), Some(0));
        // Built by the lookup, the index serves every intern after it.
        assert_eq!(dict.intern("T-3"), 2);
        assert_eq!(dict.intern("T-2"), 1);
        assert_eq!(dict.get("T-3"), Some(2));
        // A dictionary read back follows no series: "T-4" is found by the index it builds.
        let mut back: Dict = serde_json::from_str(r#"["T-4","T-2"]"#).unwrap();
        assert!(back.series.is_none());
        assert_eq!(back.intern("T-4"), 0);
        assert_eq!(back.intern("T-5"), 2);
        assert!(Dict::default().series.is_some());
    }
}
