//! The loyalty pyramid (pirámide de lealtad) and tier migration.
//! Reference: Zeithaml, Rust & Lemon (2001), "The customer pyramid", California Management
//! Review 43(4); seed `003_…`; DOMAIN.md §3.

use crate::engine::params::TierCuts;
use crate::engine::rfv::value_words;
use crate::engine::segments::share;
use crate::radix;
use serde::{Deserialize, Serialize};

/// A pyramid tier; `Inactivo` is the band under the pyramid (no purchase in the window).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    /// Top tier: a very small share producing significant profit, not price-sensitive.
    Platino,
    /// Larger, more price-sensitive, less committed.
    Oro,
    /// The largest tier; keeps capacity in use.
    Hierro,
    /// Little profit; may cost money.
    Plomo,
    /// Known customer with no purchase occasion in the window.
    Inactivo,
}

impl Tier {
    /// All tiers, top first, `Inactivo` last.
    pub const ALL: [Tier; 5] = [
        Tier::Platino,
        Tier::Oro,
        Tier::Hierro,
        Tier::Plomo,
        Tier::Inactivo,
    ];

    /// Position in [`Tier::ALL`] (0 = Platino).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Spanish name.
    pub fn name_es(&self) -> &'static str {
        match self {
            Tier::Platino => "Platino",
            Tier::Oro => "Oro",
            Tier::Hierro => "Hierro",
            Tier::Plomo => "Plomo",
            Tier::Inactivo => "Inactivos",
        }
    }

    /// English name (the paper's: platinum, gold, iron, lead).
    pub fn name_en(&self) -> &'static str {
        match self {
            Tier::Platino => "Platinum",
            Tier::Oro => "Gold",
            Tier::Hierro => "Iron",
            Tier::Plomo => "Lead",
            Tier::Inactivo => "Inactive",
        }
    }
}

/// Share of `n` ranked items at or above an item: `(G + E/2) / n` with `G` items strictly
/// better and `E` equal (itself included) — the mid-rank position from the top, so that equal
/// profits always get the same position. Returns one position per item.
pub fn top_positions(profits: &[f64]) -> Vec<f64> {
    let keys = value_words(profits);
    top_positions_in_order(&keys, &radix::argsort(&keys))
}

/// [`top_positions`] of the values whose [`value_words`] are `keys`, given `order`, their
/// [`radix::argsort`] (ascending): a run of equal keys at sorted positions `lo..hi` has
/// `G = n − hi` items above it and `E = hi − lo`, so its position is `(2n − lo − hi) / 2n`.
/// A caller that sorted the values for another ranking too sorts them once.
pub(crate) fn top_positions_in_order(keys: &[u64], order: &[u32]) -> Vec<f64> {
    let n = keys.len();
    let mut positions = vec![0.0; n];
    for run in radix::equal_runs(order, keys) {
        let position = (2 * n - run.start - run.end) as f64 / (2 * n) as f64;
        for &i in &order[run] {
            positions[i as usize] = position;
        }
    }
    positions
}

/// Slack on cut comparisons so that `0.05 + 0.15` still admits a position of exactly 0.2.
pub(crate) const CUT_SLACK: f64 = 1e-12;

/// The tier of an active customer from its top position ([`top_positions`] of its
/// profitability: margin, else value), as a function of the position.
///
/// Formula: a customer at top position `p` is Platino when
/// `p ≤ platino`, Oro when `p ≤ platino + oro`, Hierro when `p ≤ platino + oro + hierro`,
/// else Plomo. Ties share a tier, so the tiers partition the active customers.
pub fn tier_rule(cuts: &TierCuts) -> impl Fn(f64) -> Tier + use<> {
    let c1 = cuts.platino + CUT_SLACK;
    let c2 = cuts.platino + cuts.oro + CUT_SLACK;
    let c3 = cuts.platino + cuts.oro + cuts.hierro + CUT_SLACK;
    move |p| match p {
        p if p <= c1 => Tier::Platino,
        p if p <= c2 => Tier::Oro,
        p if p <= c3 => Tier::Hierro,
        _ => Tier::Plomo,
    }
}

/// One tier of the pyramid over the active customers of the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierRow {
    /// The tier (never `Inactivo` here).
    pub tier: Tier,
    /// Active customers in the tier.
    pub customers: usize,
    /// `customers / active customers`.
    pub customers_share: f64,
    /// Σ window value of the tier.
    pub value: f64,
    /// `value / total value`.
    pub value_share: f64,
    /// Σ window margin, when the sales carry margin.
    pub margin: Option<f64>,
    /// Purchase occasions of the tier in the window.
    pub occasions: usize,
    /// Average ticket `value / occasions` (0 for an empty tier).
    pub average_ticket: f64,
    /// Frequency: mean occasions per customer (0 for an empty tier).
    pub frequency: f64,
}

/// The pyramid: four tiers of active customers and the Inactivos band under it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pyramid {
    /// Platino, Oro, Hierro, Plomo, in that order (empty tiers included).
    pub tiers: Vec<TierRow>,
    /// Known customers (any file) with no purchase occasion in the window.
    pub inactive_customers: usize,
}

/// Builds the pyramid from `(tier, value, margin, occasions)` of every active customer.
pub fn pyramid(
    members: impl Iterator<Item = (Tier, f64, Option<f64>, u32)>,
    inactive_customers: usize,
    has_margin: bool,
) -> Pyramid {
    let mut acc = [(0usize, 0.0f64, 0.0f64, 0usize); 4];
    for (tier, value, margin, occasions) in members {
        let a = &mut acc[tier.index()];
        a.0 += 1;
        a.1 += value;
        a.2 += margin.unwrap_or(0.0);
        a.3 += occasions as usize;
    }
    let customers: usize = acc.iter().map(|a| a.0).sum();
    let value: f64 = acc.iter().map(|a| a.1).sum();
    let tiers = Tier::ALL[..4]
        .iter()
        .map(|&tier| {
            let (n, v, m, o) = acc[tier.index()];
            TierRow {
                tier,
                customers: n,
                customers_share: share(n as f64, customers as f64),
                value: v,
                value_share: share(v, value),
                margin: has_margin.then_some(m),
                occasions: o,
                average_ticket: share(v, o as f64),
                frequency: share(o as f64, n as f64),
            }
        })
        .collect();
    Pyramid {
        tiers,
        inactive_customers,
    }
}

/// How a customer moved between the previous and the current window (the lectures'
/// "migrantes").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Migration {
    /// Active in both windows, in a higher tier now.
    Up,
    /// Active in both windows, in a lower tier now.
    Down,
    /// Active in both windows, same tier.
    Same,
    /// First purchase occasion ever falls in the current window.
    New,
    /// Bought before the previous window, not in it, and is active again.
    Returned,
    /// Active in the previous window, not in the current one.
    Left,
    /// Inactive in both windows.
    StillInactive,
}

/// Classifies a customer's move; `first_purchase_in_window`: the first purchase occasion
/// ever is inside the current window.
pub fn migration(previous: Tier, current: Tier, first_purchase_in_window: bool) -> Migration {
    use Tier::Inactivo;
    match (previous, current) {
        (Inactivo, Inactivo) => Migration::StillInactive,
        (Inactivo, _) if first_purchase_in_window => Migration::New,
        (Inactivo, _) => Migration::Returned,
        (_, Inactivo) => Migration::Left,
        (p, c) if c < p => Migration::Up,
        (p, c) if c > p => Migration::Down,
        _ => Migration::Same,
    }
}

/// Previous tier → current tier counts over every known customer.
///
/// `counts[from][to]`: `from` indexes [`Tier::ALL`] plus a sixth row (index 5) for new
/// customers (first purchase in the current window, previously `Inactivo`); `to` indexes
/// [`Tier::ALL`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationMatrix {
    /// Customer counts, rows = previous tier (+ new), columns = current tier.
    pub counts: [[usize; 5]; 6],
}

impl MigrationMatrix {
    /// Row index of the "new customers" row.
    pub const NEW_ROW: usize = 5;

    /// Adds one customer.
    pub fn add(&mut self, previous: Tier, current: Tier, migration: Migration) {
        let row = if migration == Migration::New {
            Self::NEW_ROW
        } else {
            previous.index()
        };
        self.counts[row][current.index()] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_distinct_split_1_3_10_6() {
        let profits: Vec<f64> = (1..=20).map(f64::from).collect();
        let tier = tier_rule(&TierCuts::default());
        let tiers: Vec<Tier> = top_positions(&profits).into_iter().map(tier).collect();
        let count = |t: Tier| tiers.iter().filter(|&&x| x == t).count();
        // Positions (k − ½)/20 for rank k: ≤ .05 → k = 1; ≤ .20 → k ≤ 4; ≤ .70 → k ≤ 14.
        assert_eq!(
            [
                count(Tier::Platino),
                count(Tier::Oro),
                count(Tier::Hierro),
                count(Tier::Plomo)
            ],
            [1, 3, 10, 6]
        );
        assert_eq!(tiers[19], Tier::Platino);
        assert_eq!(tiers[0], Tier::Plomo);
    }

    #[test]
    fn top_positions_are_the_mid_ranks_from_the_top() {
        // Values with many ties, negatives and zero: (G + E/2) / n counted by brute force.
        let values: Vec<f64> = (0..300)
            .map(|i: i32| f64::from(i * 7919 % 61 - 20) / 4.0)
            .collect();
        let n = values.len() as f64;
        let positions = top_positions(&values);
        for (v, p) in values.iter().zip(positions) {
            let above = values.iter().filter(|w| *w > v).count() as f64;
            let equal = values.iter().filter(|w| *w == v).count() as f64;
            assert_eq!(p, (above + equal / 2.0) / n, "value {v}");
        }
    }

    #[test]
    fn ties_share_a_tier() {
        // Ten equal profits: position 0.5 for all → Hierro.
        assert!(
            top_positions(&[3.0; 10])
                .into_iter()
                .map(tier_rule(&TierCuts::default()))
                .all(|t| t == Tier::Hierro)
        );
    }

    #[test]
    fn migration_cases() {
        assert_eq!(migration(Tier::Oro, Tier::Platino, false), Migration::Up);
        assert_eq!(migration(Tier::Oro, Tier::Plomo, false), Migration::Down);
        assert_eq!(migration(Tier::Inactivo, Tier::Oro, true), Migration::New);
        assert_eq!(
            migration(Tier::Inactivo, Tier::Oro, false),
            Migration::Returned
        );
        assert_eq!(
            migration(Tier::Hierro, Tier::Inactivo, false),
            Migration::Left
        );
        assert_eq!(
            migration(Tier::Inactivo, Tier::Inactivo, false),
            Migration::StillInactive
        );
    }
}
