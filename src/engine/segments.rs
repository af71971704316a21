//! The 11 RFV segments, the 125-code table that defines them, and the segment table.
//!
//! Reference: DOMAIN.md §2 (the widely used 125-code RFM segment table; every code maps to
//! exactly one segment). Users may edit the mapping: [`SegmentMap`] is part of the parameters.

use serde::{Deserialize, Serialize};

/// An RFV segment (DOMAIN.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    /// Campeones: 555 554 544 545 454 455 445.
    Champions,
    /// Leales: 543 444 435 355 354 345 344 335.
    Loyal,
    /// Leales en potencia: 553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423
    /// 353 352 351 342 341 333 323.
    PotentialLoyalists,
    /// Recientes: 512 511 422 421 412 411 311.
    NewCustomers,
    /// Prometedores: 525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313.
    Promising,
    /// Requieren atención: 535 534 443 434 343 334 325 324.
    NeedAttention,
    /// A punto de dormir: 331 321 312 221 213 231 241 251.
    AboutToSleep,
    /// En riesgo: 255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134
    /// 133 125 124.
    AtRisk,
    /// No se pueden perder: 155 154 144 214 215 115 114 113.
    CantLoseThem,
    /// Hibernando: 332 322 233 232 223 222 132 123 122 212 211.
    Hibernating,
    /// Perdidos: 111 112 121 131 141 151.
    Lost,
}

/// The DOMAIN.md §2 table: segment → its codes `RFV` written as three-digit numbers.
const CODES: [(Segment, &[u16]); 11] = [
    (Segment::Champions, &[555, 554, 544, 545, 454, 455, 445]),
    (Segment::Loyal, &[543, 444, 435, 355, 354, 345, 344, 335]),
    (
        Segment::PotentialLoyalists,
        &[
            553, 551, 552, 541, 542, 533, 532, 531, 452, 451, 442, 441, 431, 453, 433, 432, 423,
            353, 352, 351, 342, 341, 333, 323,
        ],
    ),
    (Segment::NewCustomers, &[512, 511, 422, 421, 412, 411, 311]),
    (
        Segment::Promising,
        &[
            525, 524, 523, 522, 521, 515, 514, 513, 425, 424, 413, 414, 415, 315, 314, 313,
        ],
    ),
    (
        Segment::NeedAttention,
        &[535, 534, 443, 434, 343, 334, 325, 324],
    ),
    (
        Segment::AboutToSleep,
        &[331, 321, 312, 221, 213, 231, 241, 251],
    ),
    (
        Segment::AtRisk,
        &[
            255, 254, 245, 244, 253, 252, 243, 242, 235, 234, 225, 224, 153, 152, 145, 143, 142,
            135, 134, 133, 125, 124,
        ],
    ),
    (
        Segment::CantLoseThem,
        &[155, 154, 144, 214, 215, 115, 114, 113],
    ),
    (
        Segment::Hibernating,
        &[332, 322, 233, 232, 223, 222, 132, 123, 122, 212, 211],
    ),
    (Segment::Lost, &[111, 112, 121, 131, 141, 151]),
];

/// Index 0..125 of a code with digits 1..=5: `(r−1)·25 + (f−1)·5 + (v−1)`.
fn code_index(r: u8, f: u8, v: u8) -> usize {
    assert!(
        (1..=5).contains(&r) && (1..=5).contains(&f) && (1..=5).contains(&v),
        "RFV scores are 1..=5, got {r}{f}{v}"
    );
    (r as usize - 1) * 25 + (f as usize - 1) * 5 + (v as usize - 1)
}

/// The default table as an array indexed by [`code_index`], built at compile time.
/// A code missing from [`CODES`] would stay `None` and fail the build.
const DEFAULT_TABLE: [Segment; 125] = {
    let mut table: [Option<Segment>; 125] = [None; 125];
    let mut s = 0;
    while s < CODES.len() {
        let codes = CODES[s].1;
        let mut i = 0;
        while i < codes.len() {
            let c = codes[i] as usize;
            let index = (c / 100 - 1) * 25 + (c / 10 % 10 - 1) * 5 + (c % 10 - 1);
            assert!(table[index].is_none(), "a code is listed twice");
            table[index] = Some(CODES[s].0);
            i += 1;
        }
        s += 1;
    }
    let mut out = [Segment::Lost; 125];
    let mut i = 0;
    while i < 125 {
        out[i] = match table[i] {
            Some(seg) => seg,
            None => panic!("a code is missing from the segment table"),
        };
        i += 1;
    }
    out
};

impl Segment {
    /// All segments, best first, in the order of DOMAIN.md §2's table.
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalists,
        Segment::NewCustomers,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLoseThem,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of code `r f v` in DOMAIN.md §2's default table.
    ///
    /// # Panics
    /// When a score is outside 1..=5.
    pub fn from_code(r: u8, f: u8, v: u8) -> Segment {
        DEFAULT_TABLE[code_index(r, f, v)]
    }

    /// Position in [`Segment::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Spanish name (DOMAIN.md §2).
    pub fn name_es(&self) -> &'static str {
        match self {
            Segment::Champions => "Campeones",
            Segment::Loyal => "Leales",
            Segment::PotentialLoyalists => "Leales en potencia",
            Segment::NewCustomers => "Recientes",
            Segment::Promising => "Prometedores",
            Segment::NeedAttention => "Requieren atención",
            Segment::AboutToSleep => "A punto de dormir",
            Segment::AtRisk => "En riesgo",
            Segment::CantLoseThem => "No se pueden perder",
            Segment::Hibernating => "Hibernando",
            Segment::Lost => "Perdidos",
        }
    }

    /// English name (DOMAIN.md §2).
    pub fn name_en(&self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::PotentialLoyalists => "Potential loyalists",
            Segment::NewCustomers => "New customers",
            Segment::Promising => "Promising",
            Segment::NeedAttention => "Need attention",
            Segment::AboutToSleep => "About to sleep",
            Segment::AtRisk => "At risk",
            Segment::CantLoseThem => "Can't lose them",
            Segment::Hibernating => "Hibernating",
            Segment::Lost => "Lost",
        }
    }
}

/// An editable code → segment mapping: 125 entries indexed by `(r−1)·25 + (f−1)·5 + (v−1)`.
/// The default is DOMAIN.md §2's table; being a total array, it is a partition by construction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Segment>", into = "Vec<Segment>")]
pub struct SegmentMap(Box<[Segment; 125]>);

impl Default for SegmentMap {
    fn default() -> Self {
        SegmentMap(Box::new(DEFAULT_TABLE))
    }
}

impl TryFrom<Vec<Segment>> for SegmentMap {
    type Error = String;
    fn try_from(v: Vec<Segment>) -> Result<Self, String> {
        let len = v.len();
        let table: Box<[Segment; 125]> = v
            .into_boxed_slice()
            .try_into()
            .map_err(|_| format!("a segment map has 125 entries, got {len}"))?;
        Ok(SegmentMap(table))
    }
}

impl From<SegmentMap> for Vec<Segment> {
    fn from(map: SegmentMap) -> Self {
        map.0.to_vec()
    }
}

impl SegmentMap {
    /// The segment of code `r f v` (scores 1..=5).
    ///
    /// # Panics
    /// When a score is outside 1..=5.
    pub fn get(&self, r: u8, f: u8, v: u8) -> Segment {
        self.0[code_index(r, f, v)]
    }

    /// The same map with code `r f v` moved to `segment`.
    pub fn with(mut self, r: u8, f: u8, v: u8, segment: Segment) -> Self {
        self.0[code_index(r, f, v)] = segment;
        self
    }
}

/// One row of the segment table (DOMAIN.md §2), over the customers active in the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentRow {
    /// The segment.
    pub segment: Segment,
    /// Active customers in the segment.
    pub customers: usize,
    /// `customers / active customers` (0 when there are none).
    pub customers_share: f64,
    /// Sum of the segment's window values.
    pub value: f64,
    /// `value / total value` (0 when the total is 0).
    pub value_share: f64,
    /// Mean recency in days (0 for an empty segment).
    pub mean_r: f64,
    /// Mean frequency in occasions (0 for an empty segment).
    pub mean_f: f64,
    /// Mean value (0 for an empty segment).
    pub mean_v: f64,
}

/// Builds the 11 rows (every segment, in [`Segment::ALL`] order, empty ones included) from
/// `(segment, recency, frequency, value)` of each active customer.
pub fn segment_table(members: impl Iterator<Item = (Segment, u32, u32, f64)>) -> Vec<SegmentRow> {
    let mut count = [0usize; 11];
    let mut sums = [(0.0f64, 0.0f64, 0.0f64); 11];
    for (segment, r, f, v) in members {
        let i = segment.index();
        count[i] += 1;
        sums[i].0 += f64::from(r);
        sums[i].1 += f64::from(f);
        sums[i].2 += v;
    }
    let customers: usize = count.iter().sum();
    let value: f64 = sums.iter().map(|s| s.2).sum();
    Segment::ALL
        .iter()
        .map(|&segment| {
            let i = segment.index();
            let n = count[i];
            let mean = |s: f64| if n == 0 { 0.0 } else { s / n as f64 };
            SegmentRow {
                segment,
                customers: n,
                customers_share: share(n as f64, customers as f64),
                value: sums[i].2,
                value_share: share(sums[i].2, value),
                mean_r: mean(sums[i].0),
                mean_f: mean(sums[i].1),
                mean_v: mean(sums[i].2),
            }
        })
        .collect()
}

/// `part / whole`, or 0 when `whole` is 0 (never NaN).
pub(crate) fn share(part: f64, whole: f64) -> f64 {
    if whole == 0.0 { 0.0 } else { part / whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_spot_checks_against_domain() {
        assert_eq!(Segment::from_code(5, 5, 5), Segment::Champions);
        assert_eq!(Segment::from_code(4, 4, 4), Segment::Loyal);
        assert_eq!(Segment::from_code(3, 3, 3), Segment::PotentialLoyalists);
        assert_eq!(Segment::from_code(3, 1, 1), Segment::NewCustomers);
        assert_eq!(Segment::from_code(4, 1, 5), Segment::Promising);
        assert_eq!(Segment::from_code(3, 4, 3), Segment::NeedAttention);
        assert_eq!(Segment::from_code(2, 5, 1), Segment::AboutToSleep);
        assert_eq!(Segment::from_code(1, 2, 4), Segment::AtRisk);
        assert_eq!(Segment::from_code(1, 1, 3), Segment::CantLoseThem);
        assert_eq!(Segment::from_code(2, 1, 1), Segment::Hibernating);
        assert_eq!(Segment::from_code(1, 5, 1), Segment::Lost);
    }

    #[test]
    fn codes_per_segment_match_domain_counts() {
        let expected = [7, 8, 24, 7, 16, 8, 8, 22, 8, 11, 6];
        let mut got = [0; 11];
        for r in 1..=5 {
            for f in 1..=5 {
                for v in 1..=5 {
                    got[Segment::from_code(r, f, v).index()] += 1;
                }
            }
        }
        assert_eq!(got, expected);
        assert_eq!(expected.iter().sum::<usize>(), 125);
    }

    #[test]
    fn edited_map_round_trips_through_json() {
        let map = SegmentMap::default().with(1, 1, 1, Segment::Hibernating);
        let json = serde_json::to_string(&map).unwrap();
        let back: SegmentMap = serde_json::from_str(&json).unwrap();
        assert_eq!(back.get(1, 1, 1), Segment::Hibernating);
        assert_eq!(back.get(5, 5, 5), Segment::Champions);
        assert!(serde_json::from_str::<SegmentMap>("[\"Lost\"]").is_err());
    }
}
