//! Stable least-significant-digit radix sort on 64-bit keys, for the rankings of every window
//! change (quintiles, top positions, the Pareto order): O(n) per byte of key instead of a
//! comparison sort's O(n log n) comparisons, with the same result as sorting by key then by
//! original order.

/// Maps an `i64` to a `u64` with the same order (the sign bit flipped):
/// `a < b ⇔ i64_key(a) < i64_key(b)`.
pub fn i64_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// Maps an `f64` to a `u64` in [`f64::total_cmp`] order: negative numbers have every bit
/// flipped, others only the sign bit. Equal keys mean bit-identical floats.
pub fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// `items` sorted by `key` ascending, items of equal key in their original order (stable).
///
/// Keys are taken relative to the smallest, `k − min`, so only the bytes spanned by
/// `max − min` are sorted (values of both signs or far from zero cost no more passes). One
/// counting pass builds a 256-bucket histogram per such byte; then each byte, least
/// significant first, scatters the items by prefix sums of its histogram. A byte equal in every
/// key is skipped.
pub fn sort_by_key<T: Copy>(items: Vec<T>, key: impl Fn(&T) -> u64) -> Vec<T> {
    let n = items.len();
    let (min, max) = items
        .iter()
        .map(&key)
        .fold((u64::MAX, 0), |(lo, hi), k| (lo.min(k), hi.max(k)));
    let bytes = if n == 0 {
        0
    } else {
        (64 - (max - min).leading_zeros() as usize).div_ceil(8)
    };
    let mut counts = [[0usize; 256]; 8];
    for item in &items {
        let k = key(item) - min;
        for (byte, count) in counts[..bytes].iter_mut().enumerate() {
            count[(k >> (8 * byte)) as usize & 0xff] += 1;
        }
    }
    let mut src = items;
    let mut dst = Vec::new();
    for (byte, count) in counts[..bytes].iter().enumerate() {
        if count.contains(&n) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(count) {
            *slot = sum;
            sum += c;
        }
        if dst.is_empty() {
            dst = src.clone();
        }
        for item in &src {
            let b = ((key(item) - min) >> (8 * byte)) as usize & 0xff;
            dst[next[b]] = *item;
            next[b] += 1;
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
        let floats = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
        ];
        assert!(floats.windows(2).all(|w| f64_key(w[0]) < f64_key(w[1])));
    }

    proptest! {
        #[test]
        fn equals_a_comparison_sort_by_key_then_index(keys in proptest::collection::vec(
            prop_oneof![any::<i64>(), -3i64..3, (-1i64 << 40)..(1i64 << 40)], 0..300)) {
            let pairs: Vec<(i64, u32)> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            prop_assert_eq!(sort_by_key(pairs, |p| i64_key(p.0)), expected);
        }

        #[test]
        fn sorts_floats_like_total_cmp(values in proptest::collection::vec(any::<f64>(), 0..300)) {
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            let sorted = sort_by_key(values, |&v| f64_key(v));
            prop_assert_eq!(
                sorted.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                expected.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
            );
        }
    }
}
