//! Survey answers: overall satisfaction on the dataset's scale, likelihood to recommend (0–10),
//! SERVQUAL expectation/perception pairs (1–7), comment.

use super::report::{ProblemKind, Report};
use super::rows::{Columns, DateUse};
use super::sales::FIRST_YEAR;
use super::{Field, Hooks, ImportError};
use crate::model::{Dataset, SatisfactionScale, Survey};

/// SERVQUAL items are answered on a 7-point scale.
const SERVQUAL_RANGE: (f64, f64) = (1.0, 7.0);

/// The bounds of a satisfaction scale.
fn bounds(scale: SatisfactionScale) -> (f64, f64) {
    match scale {
        SatisfactionScale::OneToFive => (1.0, 5.0),
        SatisfactionScale::OneToSeven => (1.0, 7.0),
        SatisfactionScale::ZeroToTen => (0.0, 10.0),
    }
}

/// The scale of a first survey file: the narrowest of 1–5, 1–7, 0–10 that holds at least 95 %
/// of the overall scores (so a stray typo is flagged rather than widening the scale).
fn infer_scale(scores: &[f64]) -> SatisfactionScale {
    [SatisfactionScale::OneToFive, SatisfactionScale::OneToSeven]
        .into_iter()
        .find(|&s| {
            let (lo, hi) = bounds(s);
            let inside = scores.iter().filter(|v| (lo..=hi).contains(*v)).count();
            inside * 100 >= scores.len() * 95
        })
        .unwrap_or(SatisfactionScale::ZeroToTen)
}

/// Checks every row and appends the valid answers to `data.surveys`. The first survey file sets
/// `data.survey_scale`; later files are checked against it.
pub(crate) fn parse_surveys(
    cols: &Columns,
    mapping: &super::Mapping,
    data: &mut Dataset,
    hooks: &mut Hooks,
) -> Result<Report, ImportError> {
    let id = cols.required(&Field::CustomerId);
    let date = cols.date(&Field::Date);
    let overall = cols.number(&Field::Overall);
    let recommend = cols.number(&Field::Recommend);
    let comment = cols.get(&Field::Comment);
    if data.surveys.is_empty() {
        let scores: Vec<f64> = overall
            .as_ref()
            .map(|c| cols.numbers(c).collect())
            .unwrap_or_default();
        data.survey_scale = infer_scale(&scores);
    }
    let scale = bounds(data.survey_scale);
    // SERVQUAL columns: (dimension index, is expectation, column).
    let mut servqual = Vec::new();
    for field in mapping.columns.iter().flatten() {
        let (dimension, expectation) = match field {
            Field::Expectation(d) => (d, true),
            Field::Perception(d) => (d, false),
            _ => continue,
        };
        let index = match data.servqual_dimensions.iter().position(|d| d == dimension) {
            Some(i) => i,
            None => {
                data.servqual_dimensions.push(dimension.clone());
                data.servqual_dimensions.len() - 1
            }
        };
        servqual.push((index, expectation, cols.number(field)));
    }
    let dimensions = data.servqual_dimensions.len();
    for s in &mut data.surveys {
        s.expectations.resize(dimensions, None);
        s.perceptions.resize(dimensions, None);
    }
    cols.each_row(hooks, true, |row, ck| {
        let customer = ck.required_text(row, &id);
        let day = ck.date(
            row,
            date.as_ref(),
            true,
            DateUse::Event {
                min_year: FIRST_YEAR,
            },
        );
        let score = ck.number(row, overall.as_ref(), true);
        let score = ck.in_range(
            row,
            overall.as_ref(),
            score,
            scale,
            ProblemKind::ScoreOutOfScale,
            true,
        );
        let nps = ck.number(row, recommend.as_ref(), false);
        let nps = ck.in_range(
            row,
            recommend.as_ref(),
            nps,
            (0.0, 10.0),
            ProblemKind::ScoreOutOfScale,
            false,
        );
        let mut expectations = vec![None; dimensions];
        let mut perceptions = vec![None; dimensions];
        for (index, expectation, col) in &servqual {
            let v = ck.number(row, col.as_ref(), false);
            let v = ck.in_range(
                row,
                col.as_ref(),
                v,
                SERVQUAL_RANGE,
                ProblemKind::ScoreOutOfScale,
                false,
            );
            if *expectation {
                expectations[*index] = v;
            } else {
                perceptions[*index] = v;
            }
        }
        let (Some(customer), Some(day), Some(overall)) = (customer, day, score) else {
            return;
        };
        if ck.failed() {
            return;
        }
        data.surveys.push(Survey {
            customer: data.customer_ids.intern(customer),
            day,
            overall,
            recommend: nps,
            expectations,
            perceptions,
            comment: ck.text(row, comment.as_ref()).map(str::to_owned),
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_is_the_narrowest_holding_nearly_all_scores() {
        let mut five = vec![3.0; 24];
        five.push(9.0);
        assert_eq!(infer_scale(&five), SatisfactionScale::OneToFive);
        assert_eq!(
            infer_scale(&[1.0, 6.0, 7.0, 5.0]),
            SatisfactionScale::OneToSeven
        );
        assert_eq!(infer_scale(&[0.0, 10.0, 8.0]), SatisfactionScale::ZeroToTen);
    }
}
