//! Special functions not provided by `statrs`: the Gauss hypergeometric function ₂F₁.
//! (`statrs::function::gamma::{ln_gamma, digamma}` are used directly by the models.)

/// ₂F₁(a, b; c; z) by its power series `Σ_k (a)_k (b)_k / ((c)_k k!) z^k` for `0 ≤ z < 1`
/// (Abramowitz & Stegun 15.1.1), summed until a term is below 1e-15 of the sum.
///
/// `None` when the series is not usable: `z` outside [0, 1), `c + k` hitting 0, a non-finite
/// sum, or no convergence within 100,000 terms.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) {
        return None;
    }
    let (mut term, mut sum) = (1.0f64, 1.0f64);
    for k in 0..100_000 {
        let k = f64::from(k);
        let denominator = (c + k) * (k + 1.0);
        if denominator.abs() < 1e-300 {
            return None;
        }
        term *= (a + k) * (b + k) / denominator * z;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
