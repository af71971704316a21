//! The per-customer rows of an analysis, built on first use.
//!
//! An analysis keeps the cached stages its rows come from, so a parameter change computes only
//! the aggregates (what the charts show) and the 100k [`CustomerMetrics`] are assembled the
//! first time a reader asks for them: the customer list, the campaigns, the customer card.

use crate::engine::analysis::{CustomerMetrics, GrowthStage};
use crate::engine::answers::AnswerStage;
use crate::engine::clv::ModelStage;
use crate::engine::params::Params;
use crate::engine::pyramid::{CUT_SLACK, Migration, Tier, migration, tier_rule};
use crate::engine::rfv::Scores;
use crate::engine::satisfaction::{Quadrant, loyalty, nps_class, quadrant, zone};
use crate::engine::value_classes::{ValueFlags, below_zero};
use crate::engine::window::{HistoryStage, OverdueKey, WindowStage};
use crate::model::{Day, SatisfactionScale};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Every known customer's [`CustomerMetrics`], indexed like `Dataset::customer_ids`.
///
/// Dereferences to a slice (like `LazyLock`): the rows are assembled from the analysis's stages
/// on the first access, once, then kept. Serialised as the list of rows; equal when the rows are.
#[derive(Clone, Default)]
pub struct Customers {
    rows: OnceLock<Vec<CustomerMetrics>>,
    source: Option<Arc<RowSource>>,
}

/// What the rows are assembled from: the stages of the analysis and its parameters.
pub(crate) struct RowSource {
    pub params: Params,
    pub window_start: Day,
    pub scale: SatisfactionScale,
    pub overdue_key: OverdueKey,
    pub history: Arc<HistoryStage>,
    pub window: Arc<WindowStage>,
    pub models: Arc<ModelStage>,
    pub growth: Arc<GrowthStage>,
    pub answers: Arc<AnswerStage>,
    /// The scores of the active customers when not the window's quintiles.
    pub scores: Option<Arc<Vec<Scores>>>,
}

impl Customers {
    /// Rows assembled from `source` on first use.
    pub(crate) fn lazy(source: RowSource) -> Self {
        Customers {
            rows: OnceLock::new(),
            source: Some(Arc::new(source)),
        }
    }

    /// Rows already built.
    pub fn from_rows(rows: Vec<CustomerMetrics>) -> Self {
        Customers {
            rows: OnceLock::from(rows),
            source: None,
        }
    }
}

impl Deref for Customers {
    type Target = [CustomerMetrics];

    fn deref(&self) -> &[CustomerMetrics] {
        self.rows
            .get_or_init(|| self.source.as_deref().map_or_else(Vec::new, assemble))
    }
}

impl<'a> IntoIterator for &'a Customers {
    type Item = &'a CustomerMetrics;
    type IntoIter = std::slice::Iter<'a, CustomerMetrics>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Customers {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Customers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Customers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Customers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(Customers::from_rows)
    }
}

/// Assembles every customer's row, in index order. The active, previous, growth and answer
/// lists are sorted by customer, so each is walked with a cursor.
fn assemble(s: &RowSource) -> Vec<CustomerMetrics> {
    let (params, window) = (&s.params, &*s.window);
    let scores = s.scores.as_deref().unwrap_or(&window.quintiles);
    let tier = tier_rule(&params.tier_cuts);
    let (cmv_cut, cmp_cut) = (params.cmv_share + CUT_SLACK, params.cmp_share + CUT_SLACK);
    let (mut next_active, mut next_previous, mut next_growth, mut next_answer) = (0, 0, 0, 0);
    let each = s
        .history
        .rows
        .iter()
        .zip(&window.rows)
        .zip(&s.models.predictions);
    each.enumerate()
        .map(|(c, ((h, w), pred))| {
            let (satisfaction, recommend) = match s.answers.answered.get(next_answer) {
                Some(a) if a.customer as usize == c => {
                    next_answer += 1;
                    (a.satisfaction, a.recommend)
                }
                _ => (None, None),
            };
            let mut m = CustomerMetrics {
                customer: c as u32,
                first_purchase: h.first_purchase,
                last_purchase: h.last_purchase,
                purchases: h.purchases,
                recency: h.recency,
                frequency: w.frequency,
                value: w.value,
                margin: w.margin,
                scores: None,
                segment: None,
                tier: Tier::Inactivo,
                previous_tier: Tier::Inactivo,
                migration: Migration::StillInactive,
                satisfaction,
                zone: satisfaction.map(|x| zone(x, s.scale)),
                quadrant: Quadrant::NoSurvey,
                recommend,
                nps_class: recommend.map(nps_class),
                value_classes: ValueFlags::default(),
                median_gap: h.median_gap,
                overdue: h.overdue(s.overdue_key.min_purchases, s.overdue_key.gap_factor),
                p_alive: pred.p_alive,
                expected_purchases: pred.expected_purchases,
                expected_spend: pred.expected_spend,
                predicted_value: pred.predicted_value,
                clv: pred.clv,
            };
            if window.active.get(next_active) == Some(&c) {
                let i = next_active;
                next_active += 1;
                let sc = scores[i];
                m.scores = Some(sc);
                m.segment = Some(params.segment_map.get(sc.r, sc.f, sc.v));
                m.tier = tier(window.positions[i]);
                m.value_classes.cmv = window.positions[i] <= cmv_cut;
            }
            if let Some(&(_, p)) = window.previous.get(next_previous).filter(|p| p.0 == c) {
                m.previous_tier = tier(p);
                next_previous += 1;
            }
            if let Some(&(_, p)) = s.growth.positions.get(next_growth).filter(|g| g.0 == c) {
                m.value_classes.cmp = p <= cmp_cut;
                next_growth += 1;
            }
            let new = m.first_purchase.is_some_and(|d| d > s.window_start);
            m.migration = migration(m.previous_tier, m.tier, new);
            m.quadrant = quadrant(
                m.satisfaction,
                s.scale,
                params.satisfied_when,
                m.scores.map(loyalty),
                params.loyalty_threshold,
            );
            let flags = &mut m.value_classes;
            flags.migrant = m.tier != m.previous_tier && m.migration != Migration::New;
            if m.frequency > 0 {
                flags.bz = m
                    .margin
                    .map(|g| below_zero(g, m.frequency, params.cost_to_serve_per_occasion));
            }
            m
        })
        .collect()
}
