//! Seeded random streams and the few draws the generator needs.

use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Exp1, StandardNormal};
use rand_pcg::Pcg64Mcg;

/// The generator's random stream.
pub(super) type DemoRng = Pcg64Mcg;

/// SplitMix64 finaliser: spreads nearby inputs over the whole `u64` range.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream of customer `index`: each customer has its own, so the first N customers of a
/// larger dataset are the same as those of a smaller one with the same seed.
pub(super) fn customer_rng(seed: u64, index: usize) -> DemoRng {
    DemoRng::seed_from_u64(mix(seed ^ mix(index as u64)))
}

/// True with probability `p`.
pub(super) fn chance(rng: &mut DemoRng, p: f64) -> bool {
    rng.random::<f64>() < p
}

/// A normal draw.
pub(super) fn normal(rng: &mut DemoRng, mean: f64, sd: f64) -> f64 {
    let z: f64 = StandardNormal.sample(rng);
    mean + sd * z
}

/// An exponential draw with the given mean.
pub(super) fn exponential(rng: &mut DemoRng, mean: f64) -> f64 {
    let e: f64 = Exp1.sample(rng);
    mean * e
}

/// A uniform element of a non-empty slice.
pub(super) fn pick<'a, T>(rng: &mut DemoRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// The index of an element drawn with probability proportional to its weight.
pub(super) fn weighted<T>(rng: &mut DemoRng, items: &[(T, u32)]) -> usize {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.random_range(0..total);
    for (i, (_, w)) in items.iter().enumerate() {
        if ticket < *w {
            return i;
        }
        ticket -= w;
    }
    items.len() - 1
}
