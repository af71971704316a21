//! Stable least-significant-digit radix argsort on 64-bit keys, for the rankings of every
//! window change (quintiles, top positions, the Pareto order) and the importer's grouping of
//! equal line hashes (duplicate lines): O(n) per byte of key range instead of a comparison
//! sort's O(n log n) comparisons, with the same result as sorting by key then by original
//! position.

/// Maps an `i64` to a `u64` with the same order (the sign bit flipped):
/// `a < b ⇔ i64_key(a) < i64_key(b)`.
pub fn i64_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// The positions of `keys` in ascending key order, equal keys in position order (a stable
/// argsort).
///
/// Keys are taken relative to the smallest, `k − min`, so only the digits spanned by
/// `max − min` are sorted. When that range and the positions fit in one word together
/// (`(k − min) << p | i`, with `p` the bits of `keys.len()` — amounts in micro-units up to
/// 10⁸ for 100k customers do), the words are sorted on their key digits only: 8 bytes moved
/// per item and pass instead of 16 for `(key, position)` pairs, which wider ranges fall back
/// to.
pub fn argsort(keys: &[u64]) -> Vec<u32> {
    let (min, max) = keys
        .iter()
        .fold((u64::MAX, 0), |(lo, hi), &k| (lo.min(k), hi.max(k)));
    if keys.is_empty() {
        return Vec::new();
    }
    let key_bits = u64::BITS - (max - min).leading_zeros();
    let index_bits = usize::BITS - keys.len().leading_zeros();
    if key_bits + index_bits <= u64::BITS {
        let words = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k - min) << index_bits | i as u64)
            .collect();
        let mask = (1u64 << index_bits) - 1;
        sort_words(words, index_bits, key_bits)
            .into_iter()
            .map(|w| (w & mask) as u32)
            .collect()
    } else {
        let pairs = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k - min, i as u32))
            .collect();
        lsd(pairs, 0, key_bits, |p| p.0)
            .into_iter()
            .map(|p| p.1)
            .collect()
    }
}

/// `words` sorted stably on their bits `shift..shift + bits` (the bits below `shift`, such as a
/// position packed under a key, ride along): the radix sort of [`argsort`] for callers that
/// pack their own words.
pub fn sort_words(words: Vec<u64>, shift: u32, bits: u32) -> Vec<u64> {
    lsd(words, shift, bits, |&w| w)
}

/// The runs of equal keys in `order` (an [`argsort`] of `keys`), as `lo..hi` ranges of sorted
/// positions, in order.
pub fn equal_runs<'a>(
    order: &'a [u32],
    keys: &'a [u64],
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut lo = 0;
    std::iter::from_fn(move || {
        let key = keys[*order.get(lo)? as usize];
        let hi = lo
            + order[lo..]
                .iter()
                .position(|&i| keys[i as usize] != key)
                .unwrap_or(order.len() - lo);
        Some(std::mem::replace(&mut lo, hi)..hi)
    })
}

/// Bits per radix digit: 2¹¹ buckets (an 8 KiB histogram per digit, in L1), so the 30–36-bit
/// key ranges of window values in micro-units take three or four scatter passes instead of
/// four or five bytes.
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << DIGIT_BITS;

/// `items` sorted stably on the `bits` bits of `digits(item) >> shift`: one counting pass
/// builds a [`BUCKETS`]-bucket histogram per digit; then each digit, least significant first,
/// scatters the items by prefix sums of its histogram. A digit equal in every item is skipped.
fn lsd<T: Copy + Default>(
    items: Vec<T>,
    shift: u32,
    bits: u32,
    digits: impl Fn(&T) -> u64,
) -> Vec<T> {
    let n = items.len();
    let passes = bits.div_ceil(DIGIT_BITS) as usize;
    let digit_of = |item: &T, pass: usize| {
        (digits(item) >> (shift as usize + DIGIT_BITS as usize * pass)) as usize & (BUCKETS - 1)
    };
    let mut counts = vec![[0u32; BUCKETS]; passes];
    for item in &items {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit_of(item, pass)] += 1;
        }
    }
    let mut src = items;
    let mut dst = vec![T::default(); n];
    for (pass, count) in counts.iter_mut().enumerate() {
        if count.contains(&(n as u32)) {
            continue;
        }
        // Each bucket's count becomes its next slot: the sum of the counts before it.
        let mut sum = 0;
        for slot in count.iter_mut() {
            sum += std::mem::replace(slot, sum);
        }
        for item in &src {
            let slot = &mut count[digit_of(item, pass)];
            dst[*slot as usize] = *item;
            *slot += 1;
        }
        std::mem::swap(&mut src, &mut dst);
    }
    src
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_keep_the_order_of_their_numbers() {
        let ints = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        assert!(ints.windows(2).all(|w| i64_key(w[0]) < i64_key(w[1])));
    }

    #[test]
    fn runs_group_equal_keys_in_sorted_order() {
        let keys = [5, 1, 5, 3, 1, 5];
        let order = argsort(&keys);
        assert_eq!(order, [1, 4, 3, 0, 2, 5]);
        assert_eq!(
            equal_runs(&order, &keys).collect::<Vec<_>>(),
            [0..2, 2..3, 3..6]
        );
        assert_eq!(equal_runs(&[], &[]).count(), 0);
    }

    proptest! {
        /// Both paths: small ranges (packed words) and ranges too wide to share a word with
        /// the positions (pairs).
        #[test]
        fn equals_a_comparison_sort_by_key_then_position(keys in proptest::collection::vec(
            prop_oneof![any::<u64>(), 0u64..6, (1u64 << 40)..(1u64 << 41), Just(u64::MAX)], 0..300)) {
            let mut expected: Vec<(u64, u32)> =
                keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
            expected.sort_unstable();
            let expected: Vec<u32> = expected.into_iter().map(|p| p.1).collect();
            prop_assert_eq!(argsort(&keys), expected);
        }
    }
}
