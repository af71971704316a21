//! Gamma-Gamma model of spend per purchase occasion.
//!
//! Reference: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for customer
//! base analysis", Journal of Marketing Research 42(4):415–430, and Fader & Hardie (2013),
//! "The Gamma-Gamma model of monetary value" (likelihood eq. 3, conditional expectation eq. 5).
//! DOMAIN.md §6.
//!
//! Fitted on the repeat customers (x > 0) on `m` = mean value of their repeat occasions (the
//! first occasion excluded, as Fader & Hardie and `lifetimes` do), those with m > 0 only.
//! Maximum likelihood with [`crate::engine::optimize`] (argmin L-BFGS, start p = q = γ = 1;
//! not from a sample's optimum as the BG/NBD: on the 100k-customer demo in wasm, the fits from
//! there took 40–280 ms against 30–75 ms from this start);
//! gamma functions from `statrs`.

use crate::engine::optimize::{FitFailure, MIN_REPEAT_BUYERS, minimize};
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

/// Fitted Gamma-Gamma parameters: spend per occasion ~ Gamma(p, ν), ν ~ Gamma(q, γ).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    /// Shape of the per-occasion spend.
    pub p: f64,
    /// Shape of the customers' rate heterogeneity.
    pub q: f64,
    /// Scale of the customers' rate heterogeneity (currency units).
    pub gamma: f64,
}

/// A converged Gamma-Gamma fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    /// The parameters.
    pub params: GammaGammaParams,
    /// Total log-likelihood at the optimum.
    pub log_likelihood: f64,
    /// Repeat customers with a positive mean in the fit (CDNOW: 946).
    pub customers: usize,
    /// L-BFGS iterations.
    pub iterations: u64,
}

/// Per-customer term and gradient, Fader & Hardie (2013) eq. (3) with the density of the
/// mean `m` of `x` occasions:
///
/// `ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)`.
fn log_likelihood(p: &GammaGammaParams, data: &[(f64, f64)]) -> (f64, [f64; 3]) {
    let GammaGammaParams { p, q, gamma } = *p;
    let (lg_q, ps_q, ln_gamma_) = (ln_gamma(q), digamma(q), gamma.ln());
    let mut ll = 0.0;
    let mut g = [0.0f64; 3];
    let mut cached_x = f64::NAN;
    let (mut lg_pxq, mut lg_px, mut ps_pxq, mut ps_px, mut ln_x) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, m) in data {
        if x != cached_x {
            cached_x = x;
            (lg_pxq, lg_px, ps_pxq, ps_px, ln_x) = (
                ln_gamma(p * x + q),
                ln_gamma(p * x),
                digamma(p * x + q),
                digamma(p * x),
                x.ln(),
            );
        }
        let (ln_m, ln_d) = (m.ln(), (gamma + m * x).ln());
        ll += lg_pxq - lg_px - lg_q + q * ln_gamma_ + (p * x - 1.0) * ln_m + p * x * ln_x
            - (p * x + q) * ln_d;
        g[0] += x * (ps_pxq - ps_px + ln_m + ln_x - ln_d);
        g[1] += ps_pxq - ps_q + ln_gamma_ - ln_d;
        g[2] += q / gamma - (p * x + q) / (gamma + m * x);
    }
    (ll, g)
}

/// Fits the model on `(x, m)` pairs: repeat occasions and their mean value. Pairs with
/// x = 0 or m ≤ 0 are left out, as the model requires.
pub fn fit(pairs: &[(f64, f64)]) -> Result<GammaGammaFit, FitFailure> {
    let mut data: Vec<(f64, f64)> = pairs
        .iter()
        .copied()
        .filter(|&(x, m)| x > 0.0 && m > 0.0)
        .collect();
    if data.len() < MIN_REPEAT_BUYERS {
        return Err(FitFailure::TooFewRepeatBuyers {
            repeat_buyers: data.len(),
            required: MIN_REPEAT_BUYERS,
        });
    }
    data.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = data.len() as f64;
    let opt = minimize(vec![0.0; 3], |theta| {
        let p = GammaGammaParams {
            p: theta[0].exp(),
            q: theta[1].exp(),
            gamma: theta[2].exp(),
        };
        let (ll, g) = log_likelihood(&p, &data);
        let chain = [p.p, p.q, p.gamma];
        (-ll / n, (0..3).map(|i| -g[i] * chain[i] / n).collect())
    })?;
    let params = GammaGammaParams {
        p: opt.params[0],
        q: opt.params[1],
        gamma: opt.params[2],
    };
    if params.q <= 1.0 {
        return Err(FitFailure::MeanSpendNotFinite);
    }
    Ok(GammaGammaFit {
        params,
        log_likelihood: log_likelihood(&params, &data).0,
        customers: data.len(),
        iterations: opt.iterations,
    })
}

/// Expected spend per occasion given `x` repeat occasions of mean `m`, Fader & Hardie (2013)
/// eq. (5): `E[M | x, m] = p (γ + m x) / (p x + q − 1)`. With x = 0 (or a non-positive mean,
/// which the model cannot use) it is the population mean `p γ / (q − 1)`.
pub fn expected_spend(p: &GammaGammaParams, x: f64, m: f64) -> f64 {
    let x = if m > 0.0 { x } else { 0.0 };
    p.p * (p.gamma + m * x) / (p.p * x + p.q - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_spend_shrinks_towards_the_population_mean() {
        let p = GammaGammaParams {
            p: 6.25,
            q: 3.74,
            gamma: 15.44,
        };
        let population = 6.25 * 15.44 / 2.74;
        assert!((expected_spend(&p, 0.0, 0.0) - population).abs() < 1e-12);
        // A big spender's expectation lies between the population mean and their own mean.
        let e = expected_spend(&p, 4.0, 100.0);
        assert!(e > population && e < 100.0);
        // By hand: 6.25 · (15.44 + 400) / (25 + 2.74) = 2596.5 / 27.74.
        assert!((e - 2596.5 / 27.74).abs() < 1e-9);
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let data = [(1.0, 20.0), (1.0, 35.0), (3.0, 12.5), (6.0, 50.0)];
        let p = GammaGammaParams {
            p: 2.0,
            q: 3.0,
            gamma: 10.0,
        };
        let (_, g) = log_likelihood(&p, &data);
        let h = 1e-6;
        for i in 0..3 {
            let mut v = [p.p, p.q, p.gamma];
            v[i] += h;
            let up = log_likelihood(
                &GammaGammaParams {
                    p: v[0],
                    q: v[1],
                    gamma: v[2],
                },
                &data,
            )
            .0;
            v[i] -= 2.0 * h;
            let down = log_likelihood(
                &GammaGammaParams {
                    p: v[0],
                    q: v[1],
                    gamma: v[2],
                },
                &data,
            )
            .0;
            assert!(
                ((up - down) / (2.0 * h) - g[i]).abs() < 1e-5,
                "parameter {i}"
            );
        }
    }

    #[test]
    fn too_few_positive_means_is_explicit() {
        let pairs = [(2.0, 10.0), (3.0, -5.0), (0.0, 0.0)];
        assert_eq!(
            fit(&pairs),
            Err(FitFailure::TooFewRepeatBuyers {
                repeat_buyers: 1,
                required: 10
            })
        );
    }
}
