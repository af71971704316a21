//! The Ajustes page's rules: which parameter values are acceptable (with a plain message for
//! each refusal), the suggested user-set score thresholds, the currencies offered, and how the
//! settings of a workspace are remembered. Pure: the page only wires it to signals.

use crate::engine::{Params, Scoring, TierCuts};
use crate::import::Lang;
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// Currency symbols offered (S/ — Peruvian sol — first, the default).
pub const CURRENCIES: [&str; 4] = ["S/", "US$", "$", "€"];

/// Longest analysis window offered, in months.
pub const MAX_WINDOW_MONTHS: u32 = 60;

/// Suggested thresholds when the user switches from quintiles to set cut points (*app
/// default*, typical of a neighbourhood pharmacy: DOMAIN.md fixes none): R = 5 within 30 days,
/// 4 within 90, 3 within 180, 2 within a year; F from 2, 3, 5, 8 occasions; V from S/ 50, 150,
/// 400, 1 000.
pub fn suggested_thresholds() -> Scoring {
    Scoring::Thresholds {
        recency_days: [30, 90, 180, 365],
        frequency: [2, 3, 5, 8],
        value: [50.0, 150.0, 400.0, 1000.0],
    }
}

/// `params` with the window one month shorter and one month longer, within the accepted
/// lengths (1 to [`MAX_WINDOW_MONTHS`]): the windows Ajustes prepares ahead, one step of the
/// window field away.
pub fn neighbouring_windows(params: &Params) -> Vec<Params> {
    let months = params.window_months;
    [months.checked_sub(1), months.checked_add(1)]
        .into_iter()
        .flatten()
        .filter(|m| (1..=MAX_WINDOW_MONTHS).contains(m))
        .map(|m| params.clone().window_months(m))
        .collect()
}

/// Why a value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The window must be 1 to [`MAX_WINDOW_MONTHS`] months.
    Window,
    /// A tier share is negative or not a number.
    NegativeCut,
    /// Platino + Oro + Hierro exceed 100 %.
    CutsOver100,
    /// Platino must hold someone (> 0 %).
    EmptyPlatino,
    /// Thresholds of a score must be strictly ascending and not negative.
    Thresholds,
    /// The loyalty threshold is on mean(R, F): 1 to 5.
    Loyalty,
    /// The overdue factor must be positive.
    OverdueFactor,
    /// The overdue signal needs at least 2 purchases (one gap).
    OverdueMinimum,
}

impl Refusal {
    /// What is wrong and what to do, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        let key = match self {
            Refusal::Window => "settings.refuse_window",
            Refusal::NegativeCut => "settings.refuse_negative_cut",
            Refusal::CutsOver100 => "settings.refuse_cuts_over_100",
            Refusal::EmptyPlatino => "settings.refuse_empty_platino",
            Refusal::Thresholds => "settings.refuse_thresholds",
            Refusal::Loyalty => "settings.refuse_loyalty",
            Refusal::OverdueFactor => "settings.refuse_overdue_factor",
            Refusal::OverdueMinimum => "settings.refuse_overdue_minimum",
        };
        t!(key, locale = lang.code(), max = MAX_WINDOW_MONTHS).into_owned()
    }
}

fn ascending<T: PartialOrd + Copy>(values: &[T], zero: T) -> bool {
    values.first().is_some_and(|&v| v >= zero) && values.windows(2).all(|w| w[0] < w[1])
}

/// The first reason `params` cannot be applied, if any.
pub fn check(params: &Params) -> Result<(), Refusal> {
    if !(1..=MAX_WINDOW_MONTHS).contains(&params.window_months) {
        return Err(Refusal::Window);
    }
    let TierCuts {
        platino,
        oro,
        hierro,
    } = params.tier_cuts;
    if [platino, oro, hierro]
        .iter()
        .any(|c| !(c.is_finite() && *c >= 0.0))
    {
        return Err(Refusal::NegativeCut);
    }
    if platino == 0.0 {
        return Err(Refusal::EmptyPlatino);
    }
    if params.tier_cuts.over_100() {
        return Err(Refusal::CutsOver100);
    }
    if let Scoring::Thresholds {
        recency_days,
        frequency,
        value,
    } = &params.scoring
    {
        let finite = value.iter().all(|v| v.is_finite());
        if !(ascending(recency_days, 0)
            && ascending(frequency, 0)
            && finite
            && ascending(value, 0.0))
        {
            return Err(Refusal::Thresholds);
        }
    }
    if !(1.0..=5.0).contains(&params.loyalty_threshold) {
        return Err(Refusal::Loyalty);
    }
    if !(params.overdue_gap_factor.is_finite() && params.overdue_gap_factor > 0.0) {
        return Err(Refusal::OverdueFactor);
    }
    if params.overdue_min_purchases < 2 {
        return Err(Refusal::OverdueMinimum);
    }
    Ok(())
}

/// What a workspace remembers of its Ajustes (this browser only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The analysis parameters.
    pub params: Params,
    /// The currency symbol, one of [`CURRENCIES`].
    pub currency: String,
}

impl Saved {
    /// The stored text of these settings.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("parameters are plain data")
    }

    /// Reads stored settings back; `None` when the text is damaged, from an older version, or
    /// no longer acceptable (the defaults are used then).
    pub fn from_json(text: &str) -> Option<Saved> {
        let saved: Saved = serde_json::from_str(text).ok()?;
        check(&saved.params).ok()?;
        CURRENCIES
            .contains(&saved.currency.as_str())
            .then_some(saved)
    }

    /// The currency as the app's `&'static str`.
    pub fn currency_symbol(&self) -> &'static str {
        CURRENCIES
            .into_iter()
            .find(|c| *c == self.currency)
            .unwrap_or(CURRENCIES[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_neighbouring_windows_are_one_month_either_side_within_the_accepted_lengths() {
        let months = |m: u32| {
            neighbouring_windows(&Params::default().window_months(m))
                .iter()
                .map(|p| p.window_months)
                .collect::<Vec<_>>()
        };
        assert_eq!(months(12), [11, 13]);
        assert_eq!(months(1), [2]);
        assert_eq!(months(MAX_WINDOW_MONTHS), [MAX_WINDOW_MONTHS - 1]);
        let p = Params::default().window_months(6).cmv_share(0.3);
        assert!(
            neighbouring_windows(&p)
                .iter()
                .all(|n| n.clone().window_months(6) == p),
            "only the window changes"
        );
    }

    #[test]
    fn the_defaults_and_the_suggestions_are_acceptable() {
        assert_eq!(check(&Params::default()), Ok(()));
        assert_eq!(
            check(&Params::default().scoring(suggested_thresholds())),
            Ok(())
        );
        assert_eq!(
            check(&Params::default().tier_cuts(TierCuts::practitioner())),
            Ok(())
        );
        // Exactly 100 % leaves Plomo empty, which is allowed.
        let full = TierCuts {
            platino: 0.1,
            oro: 0.2,
            hierro: 0.7,
        };
        assert_eq!(check(&Params::default().tier_cuts(full)), Ok(()));
    }

    #[test]
    fn each_bad_value_is_refused_with_its_reason() {
        let p = Params::default;
        let cuts = |platino, oro, hierro| {
            p().tier_cuts(TierCuts {
                platino,
                oro,
                hierro,
            })
        };
        assert_eq!(check(&p().window_months(0)), Err(Refusal::Window));
        assert_eq!(check(&p().window_months(61)), Err(Refusal::Window));
        assert_eq!(check(&cuts(0.05, -0.1, 0.5)), Err(Refusal::NegativeCut));
        assert_eq!(check(&cuts(0.05, f64::NAN, 0.5)), Err(Refusal::NegativeCut));
        assert_eq!(check(&cuts(0.0, 0.2, 0.5)), Err(Refusal::EmptyPlatino));
        assert_eq!(check(&cuts(0.3, 0.3, 0.5)), Err(Refusal::CutsOver100));
        let unsorted = Scoring::Thresholds {
            recency_days: [30, 20, 180, 365],
            frequency: [2, 3, 5, 8],
            value: [50.0, 150.0, 400.0, 1000.0],
        };
        assert_eq!(check(&p().scoring(unsorted)), Err(Refusal::Thresholds));
        let negative = Scoring::Thresholds {
            recency_days: [30, 90, 180, 365],
            frequency: [2, 3, 5, 8],
            value: [-5.0, 150.0, 400.0, 1000.0],
        };
        assert_eq!(check(&p().scoring(negative)), Err(Refusal::Thresholds));
        assert_eq!(check(&p().loyalty_threshold(5.5)), Err(Refusal::Loyalty));
        assert_eq!(
            check(&p().overdue_gap_factor(0.0)),
            Err(Refusal::OverdueFactor)
        );
        assert_eq!(
            check(&p().overdue_min_purchases(1)),
            Err(Refusal::OverdueMinimum)
        );
    }

    #[test]
    fn every_refusal_says_what_to_do_in_both_languages() {
        let all = [
            Refusal::Window,
            Refusal::NegativeCut,
            Refusal::CutsOver100,
            Refusal::EmptyPlatino,
            Refusal::Thresholds,
            Refusal::Loyalty,
            Refusal::OverdueFactor,
            Refusal::OverdueMinimum,
        ];
        for r in all {
            for lang in Lang::ALL {
                let m = r.message(lang);
                assert!(
                    m.len() > 20 && !m.contains("%{") && !m.starts_with("settings."),
                    "{r:?}: {m}"
                );
            }
        }
        assert!(Refusal::Window.message(Lang::Es).contains("60"));
    }

    #[test]
    fn saved_settings_round_trip_and_damaged_ones_are_ignored() {
        let saved = Saved {
            params: Params::default().window_months(6).as_of(Some(20_000)),
            currency: "US$".into(),
        };
        assert_eq!(Saved::from_json(&saved.to_json()), Some(saved.clone()));
        assert_eq!(saved.currency_symbol(), "US$");
        assert_eq!(Saved::from_json("{not json"), None);
        let bad = Saved {
            params: Params::default().window_months(0),
            ..saved.clone()
        };
        assert_eq!(Saved::from_json(&bad.to_json()), None);
        let odd = Saved {
            currency: "¥".into(),
            ..saved
        };
        assert_eq!(Saved::from_json(&odd.to_json()), None);
    }
}
