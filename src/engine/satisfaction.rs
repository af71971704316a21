//! Satisfaction zones, satisfaction × loyalty quadrants, NPS and SERVQUAL gaps.
//! References: Jones & Sasser (1995), "Why satisfied customers defect", HBR 73(6) (zones and
//! apostle/mercenary/hostage/terrorist quadrants, seed `003_…`); Reichheld (2003), "The one
//! number you need to grow", HBR (NPS); Parasuraman, Zeithaml & Berry (1988), "SERVQUAL",
//! Journal of Retailing 64(1) (gap = perception − expectation, seed `000_…`); DOMAIN.md §4.

use crate::engine::params::{SatisfactionMode, SatisfiedWhen};
use crate::engine::rfv::Scores;
use crate::model::{Day, SatisfactionScale, Survey};
use serde::{Deserialize, Serialize};

/// Satisfaction zone (zona de satisfacción).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Zone {
    /// Zona de deserción: 1–2 on 1–5 (mean < 2.5); 0–6 on 0–10.
    Defection,
    /// Zona de indiferencia: 3–4 on 1–5 (mean < 4.5); 7–8 on 0–10.
    Indifference,
    /// Zona de afecto: 5 on 1–5 (mean ≥ 4.5); 9–10 on 0–10.
    Affection,
}

impl Zone {
    /// Every zone, from deserción to afecto.
    pub const ALL: [Zone; 3] = [Zone::Defection, Zone::Indifference, Zone::Affection];
}

/// Satisfaction × behavioural-loyalty quadrant (Jones & Sasser 1995).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quadrant {
    /// Satisfied and loyal.
    Apostle,
    /// Satisfied, not loyal.
    Mercenary,
    /// Loyal, not satisfied (rehén).
    Hostage,
    /// Neither.
    Terrorist,
    /// No survey: never guessed.
    NoSurvey,
}

impl Quadrant {
    /// Every quadrant, `NoSurvey` last.
    pub const ALL: [Quadrant; 5] = [
        Quadrant::Apostle,
        Quadrant::Mercenary,
        Quadrant::Hostage,
        Quadrant::Terrorist,
        Quadrant::NoSurvey,
    ];
}

/// NPS class of a 0–10 likelihood-to-recommend answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NpsClass {
    /// 9–10 (mean ≥ 8.5).
    Promoter,
    /// 7–8 (mean ≥ 6.5).
    Passive,
    /// 0–6 (mean < 6.5).
    Detractor,
}

/// A satisfaction answer mapped onto 1–5: 1–7 as `1 + (s − 1)·4/6`, 0–10 as `1 + s·0.4`.
pub fn to_five(raw: f64, scale: SatisfactionScale) -> f64 {
    match scale {
        SatisfactionScale::OneToFive => raw,
        SatisfactionScale::OneToSeven => 1.0 + (raw - 1.0) * 4.0 / 6.0,
        SatisfactionScale::ZeroToTen => 1.0 + raw * 0.4,
    }
}

/// Zone of a satisfaction (a single answer or a mean) on its own scale: on 1–5 (and 1–7
/// mapped onto 1–5) `< 2.5` defection, `< 4.5` indifference, else affection; on 0–10 the NPS
/// classes (`< 6.5`, `< 8.5`, else).
pub fn zone(raw: f64, scale: SatisfactionScale) -> Zone {
    let (low, high, s) = match scale {
        SatisfactionScale::ZeroToTen => (6.5, 8.5, raw),
        _ => (2.5, 4.5, to_five(raw, scale)),
    };
    if s < low {
        Zone::Defection
    } else if s < high {
        Zone::Indifference
    } else {
        Zone::Affection
    }
}

/// NPS class of a 0–10 answer (or mean): `< 6.5` detractor, `< 8.5` passive, else promoter.
pub fn nps_class(recommend: f64) -> NpsClass {
    if recommend < 6.5 {
        NpsClass::Detractor
    } else if recommend < 8.5 {
        NpsClass::Passive
    } else {
        NpsClass::Promoter
    }
}

/// Picks `field` from a customer's surveys (sorted by day): the latest answer on or before
/// `as_of`, or the mean of the answers in (`window_start`, `as_of`].
pub fn pick(
    surveys: &[Survey],
    mode: SatisfactionMode,
    window_start: Day,
    as_of: Day,
    field: impl Fn(&Survey) -> Option<f64>,
) -> Option<f64> {
    let upto = surveys.partition_point(|s| s.day <= as_of);
    match mode {
        SatisfactionMode::Latest => surveys[..upto].iter().rev().find_map(&field),
        SatisfactionMode::WindowMean => {
            let (sum, n) = surveys[..upto]
                .iter()
                .filter(|s| s.day > window_start)
                .filter_map(&field)
                .fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
            (n > 0).then(|| sum / n as f64)
        }
    }
}

/// Loyalty on the 1–5 scale of the scores: `(R + F) / 2`.
pub(crate) fn loyalty(scores: Scores) -> f64 {
    f64::from(scores.r + scores.f) / 2.0
}

/// The quadrant: loyal when `(R + F) / 2 ≥ loyalty_threshold` (customers without scores are
/// not loyal); satisfied when in the zone of affection or, as a setting, ≥ 4 on 1–5.
pub fn quadrant(
    satisfaction: Option<f64>,
    scale: SatisfactionScale,
    satisfied_when: SatisfiedWhen,
    loyalty: Option<f64>,
    loyalty_threshold: f64,
) -> Quadrant {
    let Some(s) = satisfaction else {
        return Quadrant::NoSurvey;
    };
    let satisfied = match satisfied_when {
        SatisfiedWhen::Affection => zone(s, scale) == Zone::Affection,
        SatisfiedWhen::AtLeastFour => to_five(s, scale) >= 4.0,
    };
    let loyal = loyalty.is_some_and(|l| l >= loyalty_threshold);
    match (satisfied, loyal) {
        (true, true) => Quadrant::Apostle,
        (true, false) => Quadrant::Mercenary,
        (false, true) => Quadrant::Hostage,
        (false, false) => Quadrant::Terrorist,
    }
}

/// Customers per satisfaction zone (every known customer counted once).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneCounts {
    /// Zona de deserción.
    pub defection: usize,
    /// Zona de indiferencia.
    pub indifference: usize,
    /// Zona de afecto.
    pub affection: usize,
    /// No survey answer.
    pub no_survey: usize,
}

impl ZoneCounts {
    /// Counts one customer.
    pub fn add(&mut self, zone: Option<Zone>) {
        match zone {
            Some(Zone::Defection) => self.defection += 1,
            Some(Zone::Indifference) => self.indifference += 1,
            Some(Zone::Affection) => self.affection += 1,
            None => self.no_survey += 1,
        }
    }
}

/// Customers per quadrant (every known customer counted once).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuadrantCounts {
    /// Apóstoles.
    pub apostle: usize,
    /// Mercenarios.
    pub mercenary: usize,
    /// Rehenes.
    pub hostage: usize,
    /// Terroristas.
    pub terrorist: usize,
    /// Sin encuesta.
    pub no_survey: usize,
}

impl QuadrantCounts {
    /// Counts one customer.
    pub fn add(&mut self, q: Quadrant) {
        match q {
            Quadrant::Apostle => self.apostle += 1,
            Quadrant::Mercenary => self.mercenary += 1,
            Quadrant::Hostage => self.hostage += 1,
            Quadrant::Terrorist => self.terrorist += 1,
            Quadrant::NoSurvey => self.no_survey += 1,
        }
    }
}

/// Net Promoter Score over the customers with a recommend answer (one answer per customer,
/// picked like satisfaction).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// Customers answering 9–10.
    pub promoters: usize,
    /// Customers answering 7–8.
    pub passives: usize,
    /// Customers answering 0–6.
    pub detractors: usize,
    /// `100 · (promoters − detractors) / respondents`, in −100..=100; `None` without answers.
    pub score: Option<f64>,
}

impl Nps {
    /// Counts one customer.
    pub fn add(&mut self, class: NpsClass) {
        match class {
            NpsClass::Promoter => self.promoters += 1,
            NpsClass::Passive => self.passives += 1,
            NpsClass::Detractor => self.detractors += 1,
        }
    }

    /// Sets [`Nps::score`] from the counts.
    pub fn finish(&mut self) {
        let n = self.promoters + self.passives + self.detractors;
        self.score =
            (n > 0).then(|| 100.0 * (self.promoters as f64 - self.detractors as f64) / n as f64);
    }
}

/// The SERVQUAL gap of one dimension over the window's surveys.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServqualGap {
    /// Dimension name (from the E_/P_ column pair).
    pub dimension: String,
    /// Surveys with both an expectation and a perception for this dimension.
    pub answers: usize,
    /// Mean expectation over those surveys (`None` without answers).
    pub expectation: Option<f64>,
    /// Mean perception over those surveys.
    pub perception: Option<f64>,
    /// Gap = mean(perception − expectation); negative = the service falls short.
    pub gap: Option<f64>,
}

/// The SERVQUAL answers of a dataset's surveys, flat, built once per dataset: a window's gaps
/// ([`servqual`]) then read two arrays instead of each survey's two vectors of options.
#[derive(Debug, Default)]
pub(crate) struct ServqualAnswers {
    dimensions: usize,
    /// The day of each survey with at least one dimension answered on both sides, in the
    /// surveys' order.
    days: Vec<Day>,
    /// `dimensions` (expectation, perception) pairs per entry of `days`; a pair with a side
    /// missing holds NaN there (answers are never NaN).
    pairs: Vec<(f64, f64)>,
}

impl ServqualAnswers {
    /// The answers of `surveys` over `dimensions` dimensions, in the order given.
    pub fn new<'a>(dimensions: usize, surveys: impl Iterator<Item = &'a Survey>) -> Self {
        let mut answers = ServqualAnswers {
            dimensions,
            ..Default::default()
        };
        for s in surveys {
            let pair = |d: usize| {
                let side = |v: &[Option<f64>]| v.get(d).copied().flatten().unwrap_or(f64::NAN);
                (side(&s.expectations), side(&s.perceptions))
            };
            if (0..dimensions).any(|d| answered(pair(d))) {
                answers.days.push(s.day);
                answers.pairs.extend((0..dimensions).map(pair));
            }
        }
        answers
    }
}

/// Whether a pair holds both an expectation and a perception.
fn answered((e, p): (f64, f64)) -> bool {
    !e.is_nan() && !p.is_nan()
}

/// SERVQUAL gaps per dimension over the surveys with `window_start < day ≤ as_of`: per
/// dimension, the surveys answering it on both sides, their mean expectation and perception,
/// and gap = mean perception − mean expectation. Sums run in the surveys' order.
pub(crate) fn servqual(
    dimensions: &[String],
    answers: &ServqualAnswers,
    window_start: Day,
    as_of: Day,
) -> Vec<ServqualGap> {
    let mut acc = vec![(0usize, 0.0f64, 0.0f64); dimensions.len()];
    let rows = answers.pairs.chunks_exact(answers.dimensions.max(1));
    for (&day, pairs) in answers.days.iter().zip(rows) {
        if day <= window_start || day > as_of {
            continue;
        }
        for (a, &(e, p)) in acc.iter_mut().zip(pairs) {
            if answered((e, p)) {
                a.0 += 1;
                a.1 += e;
                a.2 += p;
            }
        }
    }
    dimensions
        .iter()
        .zip(acc)
        .map(|(name, (n, e, p))| {
            let mean = |x: f64| (n > 0).then(|| x / n as f64);
            ServqualGap {
                dimension: name.clone(),
                answers: n,
                expectation: mean(e),
                perception: mean(p),
                gap: mean(p - e),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_on_each_scale() {
        use SatisfactionScale::*;
        assert_eq!(zone(2.0, OneToFive), Zone::Defection);
        assert_eq!(zone(2.5, OneToFive), Zone::Indifference);
        assert_eq!(zone(4.0, OneToFive), Zone::Indifference);
        assert_eq!(zone(4.5, OneToFive), Zone::Affection);
        // 1–7: 3 → 2.33 defection, 6 → 4.33 indifference, 7 → 5 affection.
        assert_eq!(zone(3.0, OneToSeven), Zone::Defection);
        assert_eq!(zone(6.0, OneToSeven), Zone::Indifference);
        assert_eq!(zone(7.0, OneToSeven), Zone::Affection);
        assert_eq!(zone(6.0, ZeroToTen), Zone::Defection);
        assert_eq!(zone(8.0, ZeroToTen), Zone::Indifference);
        assert_eq!(zone(9.0, ZeroToTen), Zone::Affection);
    }

    #[test]
    fn quadrants() {
        use SatisfactionScale::OneToFive;
        let q = |s, l| quadrant(s, OneToFive, SatisfiedWhen::Affection, l, 3.5);
        assert_eq!(q(Some(5.0), Some(4.0)), Quadrant::Apostle);
        assert_eq!(q(Some(5.0), Some(3.0)), Quadrant::Mercenary);
        assert_eq!(q(Some(4.0), Some(3.5)), Quadrant::Hostage);
        assert_eq!(q(Some(1.0), None), Quadrant::Terrorist);
        assert_eq!(q(None, Some(5.0)), Quadrant::NoSurvey);
        let at_least_four = quadrant(
            Some(4.0),
            OneToFive,
            SatisfiedWhen::AtLeastFour,
            Some(3.5),
            3.5,
        );
        assert_eq!(at_least_four, Quadrant::Apostle);
    }

    #[test]
    fn nps_by_hand() {
        // 2 promoters, 1 passive, 1 detractor → (2 − 1)/4 = 25.
        let mut n = Nps::default();
        for r in [10.0, 9.0, 7.0, 6.0] {
            n.add(nps_class(r));
        }
        n.finish();
        assert_eq!(n.score, Some(25.0));
        let mut empty = Nps::default();
        empty.finish();
        assert_eq!(empty.score, None);
    }

    #[test]
    fn servqual_counts_each_dimension_answered_on_both_sides_in_the_window() {
        let survey = |day, e: [Option<f64>; 2], p: [Option<f64>; 2]| Survey {
            customer: 0,
            day,
            overall: 4.0,
            recommend: None,
            expectations: e.to_vec(),
            perceptions: p.to_vec(),
            comment: None,
        };
        let surveys = [
            survey(10, [Some(6.0), Some(5.0)], [Some(4.0), None]),
            // No dimension on both sides: not kept at all.
            survey(11, [Some(7.0), None], [None, Some(3.0)]),
            survey(12, [Some(5.0), Some(6.0)], [Some(5.0), Some(7.0)]),
            // Outside the window (day ≤ 10 is before it, day > 20 after it).
            survey(30, [Some(1.0), Some(1.0)], [Some(7.0), Some(7.0)]),
        ];
        let answers = ServqualAnswers::new(2, surveys.iter());
        assert_eq!(answers.days, [10, 12, 30]);
        let names = ["fiabilidad".to_owned(), "empatía".to_owned()];
        let gaps = servqual(&names, &answers, 9, 20);
        // Fiabilidad: (6, 4) and (5, 5) → expectation 5.5, perception 4.5, gap −1.
        assert_eq!(gaps[0].answers, 2);
        assert_eq!(
            (gaps[0].expectation, gaps[0].perception, gaps[0].gap),
            (Some(5.5), Some(4.5), Some(-1.0))
        );
        // Empatía: only (6, 7).
        assert_eq!((gaps[1].answers, gaps[1].gap), (1, Some(1.0)));
        // The first survey falls out of a window starting on its day.
        assert_eq!(servqual(&names, &answers, 10, 20)[0].answers, 1);
        // An empty window, and a file without SERVQUAL columns.
        let none = servqual(&names, &answers, 12, 20);
        assert_eq!((none[1].answers, none[1].gap), (0, None));
        let no_dimensions = ServqualAnswers::new(0, surveys.iter());
        assert!(no_dimensions.days.is_empty());
        assert!(servqual(&[], &no_dimensions, 0, 100).is_empty());
    }
}
