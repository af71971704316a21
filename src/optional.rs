//! Optional values without a tag, for the arrays of a million elements in the data model.
//!
//! `Option<u32>` takes 8 bytes and `Option<f64>` 16; a sales line has eight optional fields, so
//! with `Option` it took 96 bytes, with these 56. A value that no import can produce stands for
//! "none": `u32::MAX` for a dictionary index (a dictionary holds fewer than 2³² − 1 names) and
//! NaN for a number (the number parsers never return NaN). The storage codec already wrote the
//! same sentinels. Both serialise as the `Option` they replace, so every stored or exported
//! format is unchanged.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An optional dictionary index in 4 bytes: `u32::MAX` is none.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Option<u32>", into = "Option<u32>")]
pub struct OptIndex(u32);

impl OptIndex {
    /// No index.
    pub const NONE: OptIndex = OptIndex(u32::MAX);

    /// The index, if there is one.
    #[inline]
    pub fn get(self) -> Option<u32> {
        (self.0 != u32::MAX).then_some(self.0)
    }

    /// The index, or `u32::MAX` for none (the storage codec's column value).
    #[inline]
    pub fn raw(self) -> u32 {
        self.0
    }

    /// From a column value where `u32::MAX` is none (the inverse of [`OptIndex::raw`]).
    #[inline]
    pub fn from_raw(raw: u32) -> Self {
        OptIndex(raw)
    }
}

impl Default for OptIndex {
    /// None, as for an `Option`.
    fn default() -> Self {
        OptIndex::NONE
    }
}

impl From<Option<u32>> for OptIndex {
    /// # Panics
    /// In debug builds, on `Some(u32::MAX)`, which would read back as none.
    #[inline]
    fn from(index: Option<u32>) -> Self {
        debug_assert_ne!(index, Some(u32::MAX), "u32::MAX is reserved for none");
        OptIndex(index.unwrap_or(u32::MAX))
    }
}

impl From<OptIndex> for Option<u32> {
    #[inline]
    fn from(index: OptIndex) -> Self {
        index.get()
    }
}

impl fmt::Debug for OptIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// An optional number in 8 bytes: NaN is none. Equality is that of the `Option` (none equals
/// none; `-0.0` equals `0.0` but keeps its sign bit).
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(from = "Option<f64>", into = "Option<f64>")]
pub struct OptNumber(f64);

impl OptNumber {
    /// No number.
    pub const NONE: OptNumber = OptNumber(f64::NAN);

    /// The number, if there is one.
    #[inline]
    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    /// The number, or NaN for none (the storage codec's column value).
    #[inline]
    pub fn raw(self) -> f64 {
        self.0
    }

    /// From a column value where NaN is none (the inverse of [`OptNumber::raw`]).
    #[inline]
    pub fn from_raw(raw: f64) -> Self {
        OptNumber(raw)
    }
}

impl Default for OptNumber {
    /// None, as for an `Option`.
    fn default() -> Self {
        OptNumber::NONE
    }
}

impl From<Option<f64>> for OptNumber {
    /// `Some(NaN)` becomes none: no import produces it, and it has no meaning as an amount.
    #[inline]
    fn from(number: Option<f64>) -> Self {
        OptNumber(number.unwrap_or(f64::NAN))
    }
}

impl From<OptNumber> for Option<f64> {
    #[inline]
    fn from(number: OptNumber) -> Self {
        number.get()
    }
}

impl PartialEq for OptNumber {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for OptNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_round_trip_through_option() {
        for v in [None, Some(0), Some(7), Some(u32::MAX - 1)] {
            assert_eq!(OptIndex::from(v).get(), v);
            assert_eq!(OptIndex::from_raw(OptIndex::from(v).raw()).get(), v);
        }
        assert_eq!(OptIndex::default(), OptIndex::NONE);
        assert_eq!(std::mem::size_of::<OptIndex>(), 4);
    }

    #[test]
    fn numbers_round_trip_through_option() {
        for v in [
            None,
            Some(0.0),
            Some(-0.0),
            Some(-12.5),
            Some(f64::INFINITY),
        ] {
            let n = OptNumber::from(v);
            assert_eq!(n.get().map(f64::to_bits), v.map(f64::to_bits));
            assert_eq!(n, OptNumber::from(v));
        }
        assert_eq!(OptNumber::from(Some(f64::NAN)), OptNumber::NONE);
        assert_eq!(OptNumber::default().get(), None);
        assert_ne!(OptNumber::from(Some(1.0)), OptNumber::NONE);
        assert_eq!(std::mem::size_of::<OptNumber>(), 8);
    }

    #[test]
    fn both_serialise_as_the_option_they_replace() {
        let json = serde_json::to_string(&(OptIndex::from(Some(3)), OptIndex::NONE)).unwrap();
        assert_eq!(json, "[3,null]");
        let json = serde_json::to_string(&(OptNumber::from(Some(2.5)), OptNumber::NONE)).unwrap();
        assert_eq!(json, "[2.5,null]");
        let back: (OptIndex, OptNumber) = serde_json::from_str("[null,1.5]").unwrap();
        assert_eq!(back, (OptIndex::NONE, OptNumber::from(Some(1.5))));
    }
}
