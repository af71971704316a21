//! Special functions not provided by `statrs`: the Gauss hypergeometric function ₂F₁.
//! (`statrs::function::gamma::{ln_gamma, digamma}` are used directly by the models.)

/// Most terms summed before a series is declared not convergent.
const MAX_TERMS: usize = 100_000;

/// ₂F₁(a, b; c; z) by its power series `Σ_k (a)_k (b)_k / ((c)_k k!) z^k` for `0 ≤ z < 1`
/// (Abramowitz & Stegun 15.1.1), summed until a term is below 1e-15 of the sum, for one
/// (a, b, c) at any number of `z`. The ratio of consecutive terms,
/// `t_{k+1} / t_k = (a+k)(b+k) / ((c+k)(k+1)) · z`, is computed once per `k` and kept (its
/// division off every evaluation's path), so each further `z` costs two multiplications and an
/// addition per term.
#[derive(Debug)]
pub struct Hyp2f1Series {
    a: f64,
    b: f64,
    c: f64,
    /// `(a+k)(b+k) / ((c+k)(k+1))` for k = 0, 1, …, as far as an evaluation has needed.
    ratios: Vec<f64>,
    /// `c + k` hit 0 at `k = ratios.len()`: no evaluation goes past it.
    singular: bool,
}

impl Hyp2f1Series {
    pub fn new(a: f64, b: f64, c: f64) -> Self {
        Hyp2f1Series {
            a,
            b,
            c,
            ratios: Vec::new(),
            singular: false,
        }
    }

    /// ₂F₁(a, b; c; z); `None` when the series is not usable: `z` outside [0, 1), `c + k`
    /// hitting 0, a non-finite sum, or no convergence within [`MAX_TERMS`] terms.
    pub fn eval(&mut self, z: f64) -> Option<f64> {
        if !(0.0..1.0).contains(&z) {
            return None;
        }
        let (mut term, mut sum) = (1.0f64, 1.0f64);
        for k in 0..MAX_TERMS {
            let ratio = match self.ratios.get(k) {
                Some(&ratio) => ratio,
                None => self.next_ratio()?,
            };
            term *= ratio * z;
            sum += term;
            if !sum.is_finite() {
                return None;
            }
            if term.abs() <= 1e-15 * sum.abs() {
                return Some(sum);
            }
        }
        None
    }

    /// Computes and keeps the next ratio; `None` once `c + k` is 0.
    fn next_ratio(&mut self) -> Option<f64> {
        if self.singular {
            return None;
        }
        let k = self.ratios.len() as f64; // < MAX_TERMS: exact
        let denominator = (self.c + k) * (k + 1.0);
        if denominator.abs() < 1e-300 {
            self.singular = true;
            return None;
        }
        let ratio = (self.a + k) * (self.b + k) / denominator;
        self.ratios.push(ratio);
        Some(ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
        Hyp2f1Series::new(a, b, c).eval(z)
    }

    #[test]
    fn closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z.
        let z = 0.75f64;
        assert!((hyp2f1(1.0, 1.0, 2.0, z).unwrap() - (-(1.0 - z).ln() / z)).abs() < 1e-13);
        // ₂F₁(a, b; b; z) = (1 − z)^(−a).
        assert!((hyp2f1(2.5, 3.0, 3.0, 0.3).unwrap() - 0.7f64.powf(-2.5)).abs() < 1e-13);
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), Some(1.0));
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
    }

    #[test]
    fn a_kept_series_gives_a_fresh_one_bit_for_bit_in_any_order() {
        let (a, b, c) = (2.243, 4.426, 5.219);
        let mut kept = Hyp2f1Series::new(a, b, c);
        // A long evaluation first, then shorter ones that read the kept ratios, then a longer one.
        for z in [0.6, 0.05, 0.3, 0.95, 0.6] {
            assert_eq!(kept.eval(z), hyp2f1(a, b, c, z), "z = {z}");
        }
        // ₂F₁(a, b; c; z) ≥ 1 and grows with z for positive parameters.
        let (low, high) = (kept.eval(0.1).unwrap(), kept.eval(0.9).unwrap());
        assert!(1.0 < low && low < high);
    }

    #[test]
    fn c_plus_k_at_zero_stops_every_evaluation_that_reaches_it() {
        // c = −1: c + k is 0 at k = 1, so only z = 0 (first term 0) gives a value.
        let mut series = Hyp2f1Series::new(1.0, 1.0, -1.0);
        assert_eq!(series.eval(0.5), None);
        assert_eq!(series.eval(0.5), None);
        assert_eq!(series.eval(0.0), Some(1.0));
    }
}
