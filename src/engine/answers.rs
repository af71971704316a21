//! The answer stage: each surveyed customer's satisfaction and likelihood to recommend, picked
//! under the window and the satisfaction settings (DOMAIN.md §4), with the zone and NPS counts
//! they give. Cached in the [`Prepared`] under [`AnswerKey`]: a ranking change reads it as is.

use crate::engine::params::{Params, SatisfactionMode};
use crate::engine::prepared::Prepared;
use crate::engine::satisfaction::{Nps, ZoneCounts, nps_class, pick, zone};
use crate::engine::window::WindowKey;
use crate::model::{Day, SatisfactionScale};

/// What the answer stage depends on: the date, the window (for the window mean only), the
/// mode and the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct AnswerKey {
    pub as_of: Day,
    /// The window length in [`SatisfactionMode::WindowMean`]; `None` in
    /// [`SatisfactionMode::Latest`], whose answers do not depend on it, so that a new window
    /// keeps them.
    pub window_months: Option<u32>,
    pub mode: SatisfactionMode,
    pub scale: SatisfactionScale,
}

impl AnswerKey {
    /// The key of `params` (`scale` already resolved against the survey file's).
    pub fn new(window: WindowKey, params: &Params, scale: SatisfactionScale) -> Self {
        let mode = params.satisfaction_mode;
        AnswerKey {
            as_of: window.as_of,
            window_months: (mode == SatisfactionMode::WindowMean).then_some(window.window_months),
            mode,
            scale,
        }
    }
}

/// One customer's picked answers (at least one of the two is known).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Answer {
    pub customer: u32,
    /// Overall satisfaction on the survey file's scale.
    pub satisfaction: Option<f64>,
    /// Likelihood to recommend, 0–10 (the overall answer itself on a 0–10 scale).
    pub recommend: Option<f64>,
}

/// The cached answer stage.
#[derive(Debug)]
pub(crate) struct AnswerStage {
    /// Customers with a picked answer, by customer.
    pub answered: Vec<Answer>,
    /// Customers per zone, every known customer counted.
    pub zones: ZoneCounts,
    pub nps: Nps,
}

/// Runs the answer stage: the latest answer on or before `as_of`, or the mean over the window
/// (`window_start`, `as_of`], for each customer with surveys.
pub(crate) fn answer_stage(prepared: &Prepared, key: AnswerKey, window_start: Day) -> AnswerStage {
    let (as_of, mode, scale) = (key.as_of, key.mode, key.scale);
    let mut answered = Vec::new();
    let mut zones = ZoneCounts::default();
    let mut nps = Nps::default();
    for c in 0..prepared.customers {
        // Most customers answered no survey: skip the two searches for them.
        let surveys = prepared.surveys_of(c);
        let (satisfaction, recommend) = if surveys.is_empty() {
            (None, None)
        } else {
            (
                pick(surveys, mode, window_start, as_of, |s| Some(s.overall)),
                pick(surveys, mode, window_start, as_of, |s| {
                    s.recommend
                        .or((scale == SatisfactionScale::ZeroToTen).then_some(s.overall))
                }),
            )
        };
        zones.add(satisfaction.map(|s| zone(s, scale)));
        if let Some(r) = recommend {
            nps.add(nps_class(r));
        }
        if satisfaction.is_some() || recommend.is_some() {
            answered.push(Answer {
                customer: c as u32,
                satisfaction,
                recommend,
            });
        }
    }
    nps.finish();
    AnswerStage {
        answered,
        zones,
        nps,
    }
}
