//! The diagnosis as a sequence of slides (Presentación) and of report sections (Informe).
//!
//! [`slides`] decides which slides exist for an analysis: a cover, one slide per headline
//! finding ([`crate::findings::findings`]) with the chart that shows it, the remaining charts
//! of the diagnosis that have data (no satisfaction slide without surveys, no CLV slide without
//! a model fit), and a closing slide with the recommended campaign of each segment that has
//! customers (`action.*` in `locales/card.yml`). [`chart`] builds each chart with the existing
//! pure builders of [`crate::charts`]; nothing is computed here beyond what the engine gave.

use crate::charts;
use crate::engine::{Analysis, Segment};
use crate::findings::{Finding, findings};
use crate::import::Lang;
use crate::model::Customer;
use crate::selection::segment_slug;
use charming::Chart;
use rust_i18n::t;

/// A chart of the diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Monthly value and active customers (`Analysis::trend`).
    Trend,
    /// Pareto curve of value by customer rank.
    Pareto,
    /// Customers per RFV segment.
    Segments,
    /// Loyalty pyramid.
    Pyramid,
    /// Migration between tiers, previous window → current.
    Migration,
    /// Customers per satisfaction zone.
    Zones,
    /// Customers per satisfaction × loyalty quadrant.
    Quadrants,
    /// P(alive) distribution of repeat buyers.
    PAlive,
    /// 12-month CLV per RFV segment.
    Clv,
}

impl ChartKind {
    /// Every chart, in the order the extra chart slides follow.
    pub const ALL: [ChartKind; 9] = [
        ChartKind::Segments,
        ChartKind::Pyramid,
        ChartKind::Pareto,
        ChartKind::Trend,
        ChartKind::Migration,
        ChartKind::Zones,
        ChartKind::Quadrants,
        ChartKind::PAlive,
        ChartKind::Clv,
    ];

    /// The charts shown on their own slide when no finding showed them already.
    const EXTRA: [ChartKind; 7] = [
        ChartKind::Segments,
        ChartKind::Pyramid,
        ChartKind::Pareto,
        ChartKind::Trend,
        ChartKind::Zones,
        ChartKind::Quadrants,
        ChartKind::Clv,
    ];

    /// A stable name (test hooks, locale keys `slides.title.<slug>`, `slides.label.<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Trend => "trend",
            ChartKind::Pareto => "pareto",
            ChartKind::Segments => "segments",
            ChartKind::Pyramid => "pyramid",
            ChartKind::Migration => "migration",
            ChartKind::Zones => "zones",
            ChartKind::Quadrants => "quadrants",
            ChartKind::PAlive => "p-alive",
            ChartKind::Clv => "clv",
        }
    }

    /// The chart's title.
    pub fn title(self, lang: Lang) -> String {
        t!(
            format!("slides.title.{}", self.slug()),
            locale = lang.code()
        )
        .into_owned()
    }

    /// What the chart shows, for its aria-label.
    pub fn label(self, lang: Lang) -> String {
        t!(
            format!("slides.label.{}", self.slug()),
            locale = lang.code()
        )
        .into_owned()
    }

    /// Whether the analysis has data for the chart.
    pub fn available(self, a: &Analysis) -> bool {
        let active = a.kpis.active_customers > 0;
        let surveyed = a.zones.defection + a.zones.indifference + a.zones.affection > 0;
        match self {
            ChartKind::Trend => !a.trend.is_empty(),
            ChartKind::Pareto | ChartKind::Segments | ChartKind::Pyramid => active,
            ChartKind::Migration => a.migration.counts.iter().flatten().any(|&n| n > 0),
            ChartKind::Zones | ChartKind::Quadrants => surveyed,
            ChartKind::PAlive => a.models.bgnbd.is_ok(),
            ChartKind::Clv => {
                a.models.bgnbd.is_ok()
                    && a.models.gamma_gamma.is_ok()
                    && a.clv_by_segment.iter().any(|r| r.customers > 0)
            }
        }
    }
}

/// One slide of the presentation.
#[derive(Clone, Debug, PartialEq)]
pub enum Slide {
    /// Client's name, analysis date, "Diagnóstico de fidelización".
    Cover,
    /// A headline finding and the chart that shows it.
    Finding {
        /// The finding.
        finding: Finding,
        /// Its chart.
        chart: ChartKind,
    },
    /// A chart of the diagnosis that no finding showed.
    Chart(ChartKind),
    /// The recommended campaign per segment: the segments with customers and their count.
    Campaigns(Vec<(Segment, usize)>),
}

impl Slide {
    /// The chart on the slide, if any.
    pub fn chart(&self) -> Option<ChartKind> {
        match self {
            Slide::Finding { chart, .. } | Slide::Chart(chart) => Some(*chart),
            _ => None,
        }
    }

    /// A stable name (test hooks).
    pub fn slug(&self) -> String {
        match self {
            Slide::Cover => "cover".to_owned(),
            Slide::Finding { finding, .. } => format!("finding-{}", finding.slug()),
            Slide::Chart(kind) => format!("chart-{}", kind.slug()),
            Slide::Campaigns(_) => "campaigns".to_owned(),
        }
    }
}

/// The chart that shows a finding: the first available of its candidates.
fn finding_chart(finding: &Finding, a: &Analysis) -> ChartKind {
    let candidates: &[ChartKind] = match finding {
        Finding::Concentration { .. } => &[ChartKind::Pareto],
        Finding::Overdue { .. } => &[ChartKind::PAlive, ChartKind::Trend],
        Finding::AtRisk { .. } => &[ChartKind::Segments],
        Finding::Retention { .. } => &[ChartKind::Migration, ChartKind::Trend],
        Finding::Satisfaction { .. } => &[ChartKind::Zones],
    };
    candidates
        .iter()
        .copied()
        .find(|k| k.available(a))
        .unwrap_or(candidates[0])
}

/// The segments with customers, in [`Segment::ALL`] order, with their customer counts.
pub fn campaigns(a: &Analysis) -> Vec<(Segment, usize)> {
    Segment::ALL
        .iter()
        .filter_map(|s| {
            a.segments
                .iter()
                .find(|r| r.segment == *s && r.customers > 0)
                .map(|r| (*s, r.customers))
        })
        .collect()
}

/// The recommended campaign for a segment (`action.<segment>` of `locales/card.yml`).
pub fn campaign_action(segment: Segment, lang: Lang) -> String {
    t!(
        format!("action.{}", segment_slug(segment)),
        locale = lang.code()
    )
    .into_owned()
}

/// The slides of an analysis, in order (see the module documentation).
pub fn slides(a: &Analysis, profiles: &[Customer]) -> Vec<Slide> {
    let mut list = vec![Slide::Cover];
    let mut shown: Vec<ChartKind> = Vec::new();
    for finding in findings(a, profiles) {
        let chart = finding_chart(&finding, a);
        shown.push(chart);
        list.push(Slide::Finding { finding, chart });
    }
    for kind in ChartKind::EXTRA {
        if kind.available(a) && !shown.contains(&kind) {
            shown.push(kind);
            list.push(Slide::Chart(kind));
        }
    }
    let campaigns = campaigns(a);
    if !campaigns.is_empty() {
        list.push(Slide::Campaigns(campaigns));
    }
    list
}

/// The charts of the printed report: every available chart, in [`ChartKind::ALL`] order.
pub fn report_charts(a: &Analysis) -> Vec<ChartKind> {
    ChartKind::ALL
        .into_iter()
        .filter(|k| k.available(a))
        .collect()
}

/// Builds a chart with the pure builders of [`crate::charts`].
pub fn chart(kind: ChartKind, a: &Analysis, lang: Lang, currency: &str) -> Chart {
    match kind {
        ChartKind::Trend => charts::summary::trend(&a.trend, a.as_of, lang, currency),
        ChartKind::Pareto => charts::summary::pareto(&a.pareto, lang),
        ChartKind::Segments => charts::segment_customers(&a.segments, lang),
        ChartKind::Pyramid => charts::pyramid::pyramid(&a.pyramid, lang),
        ChartKind::Migration => charts::pyramid::migration(&a.migration, lang, currency),
        ChartKind::Zones => charts::satisfaction::zone_chart(&a.zones, lang),
        ChartKind::Quadrants => charts::satisfaction::quadrant_chart(&a.quadrants, lang),
        ChartKind::PAlive => charts::churn::p_alive_chart(&a.p_alive_histogram, lang),
        ChartKind::Clv => charts::churn::clv_segment_chart(&a.clv_by_segment, lang, currency),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    use crate::demo::analysed as demo;
    use crate::engine::{Params, Prepared};

    fn slugs(list: &[Slide]) -> Vec<String> {
        list.iter().map(Slide::slug).collect()
    }

    #[test]
    fn demo_deck_has_cover_findings_charts_and_campaigns() {
        let (data, a) = demo();
        let list = slides(a, &data.customers);
        let found = findings(a, &data.customers);
        assert_eq!(list[0], Slide::Cover);
        // One slide per finding, in the summary's order, right after the cover.
        for (i, f) in found.iter().enumerate() {
            match &list[i + 1] {
                Slide::Finding { finding, .. } => assert_eq!(finding, f),
                other => panic!("slide {} is {other:?}", i + 1),
            }
        }
        let s = slugs(&list);
        assert_eq!(
            s,
            [
                "cover",
                "finding-concentration",
                "finding-overdue",
                "finding-at-risk",
                "finding-retention",
                "finding-satisfaction",
                "chart-pyramid",
                "chart-trend",
                "chart-quadrants",
                "chart-clv",
                "campaigns",
            ]
        );
        // Each finding shows its own chart; no chart appears twice.
        let charts: Vec<ChartKind> = list.iter().filter_map(Slide::chart).collect();
        assert_eq!(
            &charts[..5],
            [
                ChartKind::Pareto,
                ChartKind::PAlive,
                ChartKind::Segments,
                ChartKind::Migration,
                ChartKind::Zones
            ]
        );
        // The closing slide lists exactly the segments with customers.
        let Some(Slide::Campaigns(rows)) = list.last() else {
            panic!("no campaigns slide")
        };
        let expected: Vec<(Segment, usize)> = a
            .segments
            .iter()
            .filter(|r| r.customers > 0)
            .map(|r| (r.segment, r.customers))
            .collect();
        assert_eq!(rows, &expected);
        assert_eq!(
            rows.iter().map(|r| r.1).sum::<usize>(),
            a.kpis.active_customers
        );
    }

    #[test]
    fn no_chart_twice_in_the_deck() {
        let (data, a) = demo();
        let charts: Vec<ChartKind> = slides(a, &data.customers)
            .iter()
            .filter_map(Slide::chart)
            .collect();
        for c in &charts {
            assert_eq!(charts.iter().filter(|d| *d == c).count(), 1, "{c:?}");
        }
    }

    #[test]
    fn without_surveys_no_satisfaction_slides() {
        let (data, a) = demo();
        let mut no_surveys = a.clone();
        no_surveys.zones.defection = 0;
        no_surveys.zones.indifference = 0;
        no_surveys.zones.affection = 0;
        let s = slugs(&slides(&no_surveys, &data.customers));
        assert!(!s.iter().any(|x| x.contains("satisfaction")), "{s:?}");
        assert!(
            !s.iter()
                .any(|x| x.contains("zones") || x.contains("quadrants"))
        );
        assert!(s.contains(&"chart-pyramid".to_owned()));
        assert!(!report_charts(&no_surveys).contains(&ChartKind::Zones));
    }

    #[test]
    fn empty_analysis_is_only_the_cover() {
        let a = Prepared::new(&Dataset::default()).analyze(&Params::default());
        let list = slides(&a, &[]);
        // No sales: no finding, no customer chart, no campaign.
        assert!(
            list.iter()
                .all(|s| matches!(s, Slide::Cover | Slide::Chart(ChartKind::Trend))),
            "{list:?}"
        );
        assert_eq!(list[0], Slide::Cover);
    }

    #[test]
    fn charts_carry_the_engine_numbers() {
        let (_, a) = demo();
        let json = |kind| -> serde_json::Value {
            serde_json::from_str(&chart(kind, a, Lang::Es, "S/").to_string()).unwrap()
        };
        let trend = json(ChartKind::Trend);
        let values: Vec<f64> = trend["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(values.len(), a.trend.len());
        for (v, t) in values.iter().zip(&a.trend) {
            assert!((v - t.value).abs() < 1e-6, "{v} vs {}", t.value);
        }
        let zones = json(ChartKind::Zones).to_string();
        assert!(zones.contains(&a.zones.affection.to_string()));
        for kind in report_charts(a) {
            assert!(
                json(kind)["series"]
                    .as_array()
                    .is_some_and(|s| !s.is_empty()),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn every_chart_and_campaign_has_words_in_both_languages() {
        for lang in Lang::ALL {
            for kind in ChartKind::ALL {
                let title = kind.title(lang);
                let label = kind.label(lang);
                assert!(!title.contains("slides.") && !title.is_empty(), "{title}");
                assert!(!label.contains("slides.") && !label.is_empty(), "{label}");
            }
            for s in Segment::ALL {
                let action = campaign_action(s, lang);
                assert!(!action.contains("action."), "{action}");
            }
        }
        assert_ne!(
            ChartKind::Pareto.title(Lang::Es),
            ChartKind::Pareto.title(Lang::En)
        );
    }
}
