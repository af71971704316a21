//! BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing.
//!
//! Reference: Fader, Hardie & Lee (2005), "'Counting your customers' the easy way: an
//! alternative to the Pareto/NBD model", Marketing Science 24(2):275–284 — likelihood eq. (6),
//! P(alive) eq. (13 in the technical note), conditional expectation eq. (10). DOMAIN.md §6.
//!
//! Per customer: `x` = repeat purchase occasions (occasions minus the first), `t_x` = time of
//! the last occasion since the first, `T` = time from the first occasion to the analysis date.
//! Time unit: **weeks** (days / 7), the unit of the published CDNOW parameters.
//!
//! Fitting: maximum likelihood with [`crate::engine::optimize`] (argmin L-BFGS; start
//! r = α = a = b = 1 after rescaling time so that the longest `T` is 10, as `lifetimes` does;
//! α is scaled back afterwards); many customers start from the optimum of a sample of them
//! (at the same time scale), see [`crate::engine::optimize`]. The likelihood's ln Γ ratios in
//! x are finite sums for whole x ([`XTerms`]), so it stays smooth where a and b grow without
//! bound; `statrs`'s ln Γ and ψ serve the rest.

use crate::engine::optimize::{FitFailure, MIN_REPEAT_BUYERS, Optimum, minimize, minimize_sampled};
use crate::engine::special::Hyp2f1Series;
use serde::{Deserialize, Serialize};
use statrs::function::gamma::{digamma, ln_gamma};

/// One customer's purchase summary `(x, t_x, T)` in weeks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Repeat purchase occasions.
    pub x: f64,
    /// Weeks from the first to the last occasion.
    pub t_x: f64,
    /// Weeks from the first occasion to the analysis date.
    pub t: f64,
}

/// Fitted BG/NBD parameters: purchase rate λ ~ Gamma(r, α); dropout probability
/// p ~ Beta(a, b).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbdParams {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale (in weeks) of the purchase-rate gamma.
    pub alpha: f64,
    /// Beta dropout parameter a.
    pub a: f64,
    /// Beta dropout parameter b.
    pub b: f64,
}

/// A converged BG/NBD fit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    /// The parameters.
    pub params: BgNbdParams,
    /// Total log-likelihood at the optimum (CDNOW: −9582.4).
    pub log_likelihood: f64,
    /// Customers in the fit.
    pub customers: usize,
    /// Customers with x > 0.
    pub repeat_buyers: usize,
    /// L-BFGS iterations.
    pub iterations: u64,
}

/// Total log-likelihood and its gradient in (r, α, a, b), FHL (2005) eq. (6):
///
/// `ℓᵢ = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
///       + ln[ (α+T)^−(r+x) + δ_{x>0} · a/(b+x−1) · (α+tₓ)^−(r+x) ]`.
///
/// Terms that depend on x only are computed once per distinct x ([`XTerms`]), `ln(α + t)`
/// once per distinct time, and identical customers once with a weight.
fn log_likelihood(p: &BgNbdParams, data: &Data, want_gradient: bool) -> (f64, [f64; 4]) {
    let BgNbdParams { r, alpha, a, b } = *p;
    let ln_alpha = alpha.ln();
    let logs: Vec<f64> = data.times.iter().map(|t| (alpha + t).ln()).collect();
    let inverses: Vec<f64> = data.times.iter().map(|t| 1.0 / (alpha + t)).collect();
    let mut x_terms = XTerms::new(p, want_gradient);
    let mut ll = 0.0;
    let mut g = [0.0f64; 4];
    for group in &data.groups {
        let x = group.x;
        let n = group.weight;
        let t = x_terms.at(x);
        ll += n * (t.value + r * ln_alpha);
        if want_gradient {
            g[0] += n * (t.d_r + ln_alpha);
            g[1] += n * r / alpha;
            g[2] += n * t.d_a;
            g[3] += n * t.d_b;
        }
        if x == 0.0 {
            for &(_, t, k) in &group.members {
                ll -= k * r * logs[t as usize];
                if want_gradient {
                    g[0] -= k * logs[t as usize];
                    g[1] -= k * r * inverses[t as usize];
                }
            }
            continue;
        }
        let ln_ratio = a.ln() - (b + x - 1.0).ln();
        let (mut s_ll, mut s_r, mut s_alpha, mut s_w) = (0.0, 0.0, 0.0, 0.0);
        for &(tx, t, k) in &group.members {
            let (l1, l2) = (logs[t as usize], logs[tx as usize]);
            let a3 = -(r + x) * l1;
            let a4 = ln_ratio - (r + x) * l2;
            // ln(e^a3 + e^a4) and w = e^a4 / (e^a3 + e^a4) with a single exp.
            let d = a4 - a3;
            let e = (-d.abs()).exp();
            let (lse, w) = if d >= 0.0 {
                (a4 + e.ln_1p(), 1.0 / (1.0 + e))
            } else {
                (a3 + e.ln_1p(), e / (1.0 + e))
            };
            s_ll += k * lse;
            if want_gradient {
                s_r += k * ((1.0 - w) * l1 + w * l2);
                s_alpha += k * ((1.0 - w) * inverses[t as usize] + w * inverses[tx as usize]);
                s_w += k * w;
            }
        }
        ll += s_ll;
        if want_gradient {
            g[0] -= s_r;
            g[1] -= (r + x) * s_alpha;
            g[2] += s_w / a;
            g[3] -= s_w / (b + x - 1.0);
        }
    }
    (ll, g)
}

/// Customers grouped by x, with their times as indexes into a table of distinct times and
/// identical customers merged into one weighted member.
struct Data {
    times: Vec<f64>,
    groups: Vec<Group>,
}

struct Group {
    x: f64,
    /// Σ weights of the members.
    weight: f64,
    /// (index of tₓ, index of T, number of customers).
    members: Vec<(u32, u32, f64)>,
}

/// The part of a customer's log-likelihood that depends on x alone, without `r ln α`, and its
/// derivatives in r, a and b:
///
/// `A(x) = ln Γ(r+x) − ln Γ(r) + ln Γ(a+b) − ln Γ(a+b+x) + ln Γ(b+x) − ln Γ(b)`.
///
/// For a whole x (repeat purchases are counts) it is the finite sum
/// `Σ_{k<x} [ln(r+k) − ln(1 + a/(b+k))]` (Γ(z+1) = z Γ(z)), with derivatives
/// `Σ 1/(r+k)`, `−Σ 1/(a+b+k)` and `Σ a / ((b+k)(a+b+k))` (the digamma differences, by
/// ψ(z+1) = ψ(z) + 1/z). Written this way nothing cancels when a and b are large: when every
/// customer has the same dropout probability the likelihood rises towards a, b → ∞ at a
/// fixed a/(a+b), and differences of ln Γ near 10⁷ kept only ≈ 8 digits there, enough noise
/// to stall the line search. Running sums serve x in increasing order, as the groups come;
/// any other x (not whole, or below the last one) takes the ln Γ and ψ form.
struct XTerms {
    r: f64,
    a: f64,
    b: f64,
    want_gradient: bool,
    /// The whole x the running sums have reached, and the sums.
    k: u64,
    sums: XTerm,
}

/// [`XTerms`] at one x.
#[derive(Clone, Copy, Default)]
struct XTerm {
    value: f64,
    d_r: f64,
    d_a: f64,
    d_b: f64,
}

/// Whole x up to this many are summed; beyond, ln Γ is cheaper.
const SUMMED_X: f64 = 10_000.0;

impl XTerms {
    fn new(p: &BgNbdParams, want_gradient: bool) -> Self {
        XTerms {
            r: p.r,
            a: p.a,
            b: p.b,
            want_gradient,
            k: 0,
            sums: XTerm::default(),
        }
    }

    fn at(&mut self, x: f64) -> XTerm {
        let (r, a, b) = (self.r, self.a, self.b);
        if x.fract() != 0.0 || !(0.0..=SUMMED_X).contains(&x) || (x as u64) < self.k {
            return self.by_gamma(x);
        }
        while self.k < x as u64 {
            let k = self.k as f64;
            self.sums.value += (r + k).ln() - (a / (b + k)).ln_1p();
            if self.want_gradient {
                self.sums.d_r += 1.0 / (r + k);
                self.sums.d_a -= 1.0 / (a + b + k);
                self.sums.d_b += a / ((b + k) * (a + b + k));
            }
            self.k += 1;
        }
        self.sums
    }

    fn by_gamma(&self, x: f64) -> XTerm {
        let (r, a, b) = (self.r, self.a, self.b);
        let value = ln_gamma(r + x) - ln_gamma(r) + ln_gamma(a + b) - ln_gamma(a + b + x)
            + ln_gamma(b + x)
            - ln_gamma(b);
        if !self.want_gradient {
            return XTerm {
                value,
                ..XTerm::default()
            };
        }
        let (ps_ab, ps_abx) = (digamma(a + b), digamma(a + b + x));
        XTerm {
            value,
            d_r: digamma(r + x) - digamma(r),
            d_a: ps_ab - ps_abx,
            d_b: ps_ab + digamma(b + x) - digamma(b) - ps_abx,
        }
    }
}

impl Data {
    fn new(summaries: &[Summary], scale: f64) -> Data {
        let mut times: Vec<f64> = summaries
            .iter()
            .flat_map(|s| [s.t_x * scale, s.t * scale])
            .collect();
        times.sort_unstable_by(f64::total_cmp);
        times.dedup();
        let index = |v: f64| times.partition_point(|&t| t < v * scale) as u32;
        let mut keyed: Vec<(f64, u32, u32)> = summaries
            .iter()
            .map(|s| (s.x, index(s.t_x), index(s.t)))
            .collect();
        // Equal keys are equal customers: an unstable sort gives the same groups.
        keyed.sort_unstable_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
        let mut groups: Vec<Group> = Vec::new();
        for (x, tx, t) in keyed {
            if groups.last().is_none_or(|g| g.x != x) {
                groups.push(Group {
                    x,
                    weight: 0.0,
                    members: Vec::new(),
                });
            }
            let group = groups.last_mut().expect("pushed");
            group.weight += 1.0;
            match group.members.last_mut() {
                Some(m) if m.0 == tx && m.1 == t => m.2 += 1.0,
                _ => group.members.push((tx, t, 1.0)),
            }
        }
        Data { times, groups }
    }
}

/// Total log-likelihood of `summaries` under `params` (FHL 2005 eq. 6).
pub fn total_log_likelihood(params: &BgNbdParams, summaries: &[Summary]) -> f64 {
    log_likelihood(params, &Data::new(summaries, 1.0), false).0
}

/// Fits the BG/NBD by maximum likelihood (see the module docs for start and stopping rule).
///
/// Fails with [`FitFailure::TooFewRepeatBuyers`] below [`MIN_REPEAT_BUYERS`], and with
/// [`FitFailure::DidNotConverge`] when the optimiser does.
pub fn fit(summaries: &[Summary]) -> Result<BgNbdFit, FitFailure> {
    let repeat_buyers = summaries.iter().filter(|s| s.x > 0.0).count();
    if repeat_buyers < MIN_REPEAT_BUYERS {
        return Err(FitFailure::TooFewRepeatBuyers {
            repeat_buyers,
            required: MIN_REPEAT_BUYERS,
        });
    }
    let max_t = summaries.iter().map(|s| s.t).fold(0.0, f64::max);
    let scale = if max_t > 0.0 { 10.0 / max_t } else { 1.0 };
    let opt = minimize_sampled(summaries, 4, |s, start| minimize_on(s, scale, start))?;
    let params = BgNbdParams {
        r: opt.params[0],
        alpha: opt.params[1] / scale,
        a: opt.params[2],
        b: opt.params[3],
    };
    // The optimum's cost is the mean negative log-likelihood with time × `scale`. Scaling
    // time by s multiplies a customer's likelihood by s^−x (α^r / (α+T)^(r+x) and its tₓ
    // term), so ℓ = −n · cost + Σx · ln s, without evaluating ℓ again.
    let repeats: f64 = summaries.iter().map(|s| s.x).sum();
    Ok(BgNbdFit {
        params,
        log_likelihood: -opt.cost * summaries.len() as f64 + repeats * scale.ln(),
        customers: summaries.len(),
        repeat_buyers,
        iterations: opt.iterations,
    })
}

/// The BG/NBD optimum of `summaries`, time multiplied by `scale`, L-BFGS from θ = `start`.
fn minimize_on(summaries: &[Summary], scale: f64, start: Vec<f64>) -> Result<Optimum, FitFailure> {
    let data = Data::new(summaries, scale);
    let n = summaries.len() as f64;
    minimize(start, |theta| {
        let p = BgNbdParams {
            r: theta[0].exp(),
            alpha: theta[1].exp(),
            a: theta[2].exp(),
            b: theta[3].exp(),
        };
        let (ll, g) = log_likelihood(&p, &data, true);
        let chain = [p.r, p.alpha, p.a, p.b];
        (-ll / n, (0..4).map(|i| -g[i] * chain[i] / n).collect())
    })
}

/// ln of `δ_{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)`, the odds of having dropped out.
fn ln_dropout_odds(p: &BgNbdParams, s: &Summary) -> Option<f64> {
    (s.x > 0.0).then(|| {
        p.a.ln() - (p.b + s.x - 1.0).ln()
            + (p.r + s.x) * ((p.alpha + s.t).ln() - (p.alpha + s.t_x).ln())
    })
}

/// P(alive | x, tₓ, T) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)); 1 when x = 0
/// (the model's convention: one-time buyers are shown as such by the UI).
pub fn p_alive(p: &BgNbdParams, s: &Summary) -> f64 {
    match ln_dropout_odds(p, s) {
        Some(l) => 1.0 / (1.0 + l.exp()),
        None => 1.0,
    }
}

/// Expected purchase occasions in the next `t` weeks, FHL (2005) eq. (10):
///
/// `E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ·
///  ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)`,
///
/// that is [`purchases_if_alive`] × [`p_alive`]. `None` when not computable (a = 1, or the
/// hypergeometric series fails).
pub fn expected_purchases(p: &BgNbdParams, s: &Summary, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    with_p_alive(purchases_if_alive(p, s.x, s.t, t)?, p_alive(p, s))
}

/// The factor of eq. (10) before P(alive), which depends on `x` and `T` but not on `tₓ`:
/// `(a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]`
/// (the expected purchases in the next `t` weeks of a customer still alive at `T`).
/// Customers who share `(x, T)` share it, which is what lets the model stage evaluate the
/// ₂F₁ series once per distinct pair. `None` when not computable; `t` must be positive.
pub fn purchases_if_alive(p: &BgNbdParams, x: f64, t_cap: f64, t: f64) -> Option<f64> {
    purchases_if_alive_on(&mut series(p, x), p, x, t_cap, t, ln_base(p, t_cap, t))
}

/// The ₂F₁(r+x, b+x; a+b+x−1; ·) series of eq. (10) for `x` repeat purchases: every `T` and
/// horizon of that `x` evaluates the same series at another point.
pub fn series(p: &BgNbdParams, x: f64) -> Hyp2f1Series {
    Hyp2f1Series::new(p.r + x, p.b + x, p.a + p.b + x - 1.0)
}

/// `ln((α+T)/(α+T+t))`, the log of the base of eq. (10)'s power. It depends on `T` and `t`
/// alone, so the model stage computes it once per (T, horizon) for every x.
pub fn ln_base(p: &BgNbdParams, t_cap: f64, t: f64) -> f64 {
    ((p.alpha + t_cap) / (p.alpha + t_cap + t)).ln()
}

/// [`purchases_if_alive`] on `series`, which must be [`series`]`(p, x)`, with `ln_base` =
/// [`ln_base`]`(p, t_cap, t)`; the same result.
pub fn purchases_if_alive_on(
    series: &mut Hyp2f1Series,
    p: &BgNbdParams,
    x: f64,
    t_cap: f64,
    t: f64,
    ln_base: f64,
) -> Option<f64> {
    if (p.a - 1.0).abs() < 1e-9 {
        return None;
    }
    let z = t / (p.alpha + t_cap + t);
    let f = series.eval(z)?;
    let power = ((p.r + x) * ln_base).exp();
    Some((p.a + p.b + x - 1.0) / (p.a - 1.0) * (1.0 - power * f))
}

/// E[Y(t)] = `if_alive` × `p_alive`, `None` unless finite and non-negative.
pub fn with_p_alive(if_alive: f64, p_alive: f64) -> Option<f64> {
    let e = if_alive * p_alive;
    (e.is_finite() && e >= 0.0).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FHL (2005)'s published CDNOW parameters.
    const CDNOW: BgNbdParams = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn published_conditional_expectation() {
        // FHL (2005) p. 279: E[X(39) | x = 2, tₓ = 30.43, T = 38.86] = 1.226.
        let s = Summary {
            x: 2.0,
            t_x: 30.43,
            t: 38.86,
        };
        let e = expected_purchases(&CDNOW, &s, 39.0).unwrap();
        assert!((e - 1.226).abs() < 5e-4, "{e}");
    }

    #[test]
    fn p_alive_is_one_without_repeat_and_falls_with_silence() {
        assert_eq!(
            p_alive(
                &CDNOW,
                &Summary {
                    x: 0.0,
                    t_x: 0.0,
                    t: 30.0
                }
            ),
            1.0
        );
        let recent = p_alive(
            &CDNOW,
            &Summary {
                x: 3.0,
                t_x: 29.0,
                t: 30.0,
            },
        );
        let silent = p_alive(
            &CDNOW,
            &Summary {
                x: 3.0,
                t_x: 5.0,
                t: 30.0,
            },
        );
        assert!(recent > silent && silent > 0.0 && recent < 1.0);
    }

    /// Checks the analytic gradient of [`log_likelihood`] at `p` against central differences
    /// in the log-parameters (steps of `h` in ln r, ln α, ln a, ln b), within `tol`.
    fn assert_gradient_matches(p: BgNbdParams, data: &Data, h: f64, tol: f64) {
        let (_, g) = log_likelihood(&p, data, true);
        let v = [p.r, p.alpha, p.a, p.b];
        let at = |i: usize, step: f64| {
            let mut w = v;
            w[i] *= step.exp();
            let q = BgNbdParams {
                r: w[0],
                alpha: w[1],
                a: w[2],
                b: w[3],
            };
            log_likelihood(&q, data, false).0
        };
        for i in 0..4 {
            let numeric = (at(i, h) - at(i, -h)) / (2.0 * h);
            let analytic = v[i] * g[i];
            assert!(
                (numeric - analytic).abs() < tol,
                "parameter {i} at {p:?}: {numeric} against {analytic}"
            );
        }
    }

    fn three_customers() -> Data {
        Data::new(
            &[
                Summary {
                    x: 0.0,
                    t_x: 0.0,
                    t: 20.0,
                },
                Summary {
                    x: 2.0,
                    t_x: 10.0,
                    t: 30.0,
                },
                Summary {
                    x: 5.0,
                    t_x: 25.0,
                    t: 26.0,
                },
            ],
            1.0,
        )
    }

    #[test]
    fn analytic_gradient_matches_finite_differences() {
        let p = BgNbdParams {
            r: 0.7,
            alpha: 3.0,
            a: 1.3,
            b: 2.2,
        };
        assert_gradient_matches(p, &three_customers(), 1e-6, 1e-6);
    }

    #[test]
    fn likelihood_stays_smooth_on_the_homogeneous_dropout_ridge() {
        // a, b → ∞ at a fixed a/(a+b): where a fit goes when every customer has the same
        // dropout probability (the demo's). Differences of ln Γ near 10¹² keep ≈ 4 digits, so
        // ℓ written with them jitters by ≈ 1e-4 and no difference quotient matches.
        let p = BgNbdParams {
            r: 1.0,
            alpha: 1.2,
            a: 1e10,
            b: 6e11,
        };
        assert_gradient_matches(p, &three_customers(), 1e-4, 1e-7);
    }

    #[test]
    fn summed_x_terms_equal_the_gamma_form() {
        let p = BgNbdParams {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let mut sums = XTerms::new(&p, true);
        for x in 0..40 {
            let (s, g) = (sums.at(f64::from(x)), sums.by_gamma(f64::from(x)));
            for (u, v) in [
                (s.value, g.value),
                (s.d_r, g.d_r),
                (s.d_a, g.d_a),
                (s.d_b, g.d_b),
            ] {
                assert!(
                    (u - v).abs() < 1e-11 * v.abs().max(1.0),
                    "x = {x}: {u} against {v}"
                );
            }
        }
        // Below the running sums, or not whole: the ln Γ form.
        let v = sums.at(3.0).value;
        assert_eq!(v, sums.by_gamma(3.0).value);
        assert_eq!(sums.at(2.5).value, sums.by_gamma(2.5).value);
    }
}
