//! Property tests of the engine's invariants (DOMAIN.md §2–§3): scores in 1..=5; tiers
//! partition the active customers; value totals preserved across every aggregate; every RFV
//! code maps to exactly one segment; moving the analysis date never gives negative recency;
//! a reused `Prepared` (its cached stages) gives the fresh answer after any walk of changes.
//!
//! Amounts are multiples of 0.25, exact in binary floating point, so totals compare exactly
//! whatever the order of summation.

use fideliza::engine::{
    Analysis, ClassSummary, CustomerMetrics, MigrationMatrix, Nps, Params, Prepared,
    QuadrantCounts, SatisfactionMode, SatisfiedWhen, Scores, Scoring, Segment, Tier, TierCuts,
    ValueClasses, ZoneCounts, analyze,
};
use fideliza::model::{Dataset, Day, Sale, Survey, ymd};
use proptest::prelude::*;
use std::sync::Arc;

fn base() -> Day {
    ymd(2023, 1, 1).unwrap()
}

/// (customer, day offset, amount in quarters, ticket, margin in quarters)
type Line = (u32, i32, i32, Option<u32>, i32);

fn build(customers: u32, lines: &[Line], with_margin: bool, surveys: &[(u32, i32, u8)]) -> Dataset {
    let mut data = Dataset::default();
    for c in 0..customers {
        data.customer_ids.intern(&format!("C{c:03}"));
    }
    for t in 0..60 {
        data.tickets.intern(&format!("B{t}"));
    }
    for &(c, d, q, ticket, m) in lines {
        data.sales.push(Sale {
            customer: c % customers,
            day: base() + d,
            amount: f64::from(q) / 4.0,
            ticket: ticket.into(),
            margin: with_margin.then_some(f64::from(m) / 4.0).into(),
            ..Sale::default()
        });
    }
    for &(c, d, s) in surveys {
        data.surveys.push(Survey {
            customer: c % customers,
            day: base() + d,
            overall: f64::from(s),
            recommend: Some(f64::from(s) * 2.0),
            expectations: Vec::new(),
            perceptions: Vec::new(),
            comment: None,
        });
    }
    data
}

fn datasets() -> impl Strategy<Value = Dataset> {
    let line = (
        0u32..40,
        0i32..900,
        -200i32..1200,
        prop::option::of(0u32..60),
        -100i32..400,
    );
    (
        1u32..30,
        prop::collection::vec(line, 0..160),
        any::<bool>(),
        prop::collection::vec((0u32..40, 0i32..900, 1u8..=5), 0..20),
    )
        .prop_map(|(n, lines, margin, surveys)| build(n, &lines, margin, &surveys))
}

fn params() -> impl Strategy<Value = Params> {
    (
        prop::option::of(-100i32..1100),
        1u32..=24,
        0.0f64..0.3,
        0.0f64..0.4,
        0.0f64..0.3,
    )
        .prop_map(|(as_of, months, platino, oro, hierro)| {
            Params::default()
                .as_of(as_of.map(|d| base() + d))
                .window_months(months)
                .tier_cuts(TierCuts {
                    platino,
                    oro,
                    hierro,
                })
        })
}

/// One settings change, as the Settings page makes them one at a time.
#[derive(Clone, Debug)]
enum Change {
    Date(Option<i32>),
    Window(u32),
    TrendCohorts(u32, u32),
    Overdue(u32, f64),
    Satisfaction(SatisfactionMode, SatisfiedWhen, f64),
    Horizon(u32, u32, f64),
    Cuts(f64, f64, f64),
    Scoring(bool),
    Shares(f64, f64),
}

impl Change {
    fn apply(&self, p: Params) -> Params {
        match *self {
            Change::Date(d) => p.as_of(d.map(|d| base() + d)),
            Change::Window(m) => p.window_months(m),
            Change::TrendCohorts(t, c) => p.trend_months(t).cohort_months(c),
            Change::Overdue(min, factor) => p.overdue_min_purchases(min).overdue_gap_factor(factor),
            Change::Satisfaction(mode, when, loyalty) => p
                .satisfaction_mode(mode)
                .satisfied_when(when)
                .loyalty_threshold(loyalty),
            Change::Horizon(days, months, discount) => p
                .prediction_days(days)
                .clv_months(months)
                .monthly_discount(discount),
            Change::Cuts(platino, oro, hierro) => p.tier_cuts(TierCuts {
                platino,
                oro,
                hierro,
            }),
            Change::Scoring(quintiles) => p.scoring(if quintiles {
                Scoring::Quintiles
            } else {
                Scoring::Thresholds {
                    recency_days: [10, 30, 90, 180],
                    frequency: [2, 3, 4, 6],
                    value: [10.0, 50.0, 100.0, 200.0],
                }
            }),
            Change::Shares(cmv, cmp) => p.cmv_share(cmv).cmp_share(cmp),
        }
    }
}

fn changes() -> impl Strategy<Value = Change> {
    prop_oneof![
        // Few dates, so that the walk comes back to dates already fitted.
        prop::option::of(prop::sample::select(vec![300, 600, 899])).prop_map(Change::Date),
        // Two frequent lengths, so that the walk comes back to windows already staged.
        prop_oneof![prop::sample::select(vec![6u32, 12]), 1u32..=24].prop_map(Change::Window),
        (1u32..=30, 1u32..=18).prop_map(|(t, c)| Change::TrendCohorts(t, c)),
        (1u32..=5, 0.5f64..3.0).prop_map(|(m, f)| Change::Overdue(m, f)),
        (
            prop::sample::select(vec![SatisfactionMode::Latest, SatisfactionMode::WindowMean]),
            prop::sample::select(vec![SatisfiedWhen::Affection, SatisfiedWhen::AtLeastFour]),
            1.0f64..5.0,
        )
            .prop_map(|(m, w, l)| Change::Satisfaction(m, w, l)),
        (1u32..=365, 1u32..=36, 0.0f64..0.05).prop_map(|(d, m, r)| Change::Horizon(d, m, r)),
        (0.0f64..0.3, 0.0f64..0.4, 0.0f64..0.3).prop_map(|(p, o, h)| Change::Cuts(p, o, h)),
        any::<bool>().prop_map(Change::Scoring),
        (0.0f64..0.5, 0.0f64..0.5).prop_map(|(v, p)| Change::Shares(v, p)),
    ]
}

fn check_invariants(data: &Dataset, a: &Analysis) {
    let active: Vec<_> = a.customers.iter().filter(|c| c.is_active()).collect();
    // Scores in 1..=5, present exactly for the active customers, with a segment.
    for c in &a.customers {
        assert_eq!(c.scores.is_some(), c.is_active());
        assert_eq!(c.segment.is_some(), c.is_active());
        if let Some(Scores { r, f, v }) = c.scores {
            assert!([r, f, v].iter().all(|s| (1..=5).contains(s)));
            assert_eq!(c.segment, Some(Segment::from_code(r, f, v)));
        }
        // Tiers partition the active customers; the rest are Inactivos.
        assert_eq!(c.tier == Tier::Inactivo, !c.is_active());
        // Recency is never negative and is as_of − last purchase.
        if let Some(last) = c.last_purchase {
            assert!(last <= a.as_of);
            assert_eq!(c.recency, Some((a.as_of - last) as u32));
        } else {
            assert_eq!(c.recency, None);
        }
    }
    // The tiers follow profitability (margin when ranked by margin, else value, both to the
    // micro-unit): more profit, the same tier or a higher one; equal profit, the same tier.
    let profit = |c: &CustomerMetrics| {
        let p = if a.ranked_by_margin {
            c.margin
        } else {
            Some(c.value)
        };
        (p.expect("ranked by margin: every customer has one") * 1e6).round() as i64
    };
    for x in &active {
        for y in &active {
            if profit(x) > profit(y) {
                assert!(x.tier.index() <= y.tier.index(), "{x:?} above {y:?}");
            } else if profit(x) == profit(y) {
                assert_eq!(x.tier, y.tier);
            }
        }
    }
    assert_eq!(a.kpis.active_customers, active.len());
    assert_eq!(
        a.pyramid.tiers.iter().map(|t| t.customers).sum::<usize>(),
        active.len()
    );
    assert_eq!(
        a.pyramid.inactive_customers,
        a.customers.len() - active.len()
    );
    assert_eq!(
        a.segments.iter().map(|s| s.customers).sum::<usize>(),
        active.len()
    );
    assert_eq!(
        a.score_distributions.recency.iter().sum::<usize>(),
        active.len()
    );
    assert_eq!(
        a.migration.counts.iter().flatten().sum::<usize>(),
        a.customers.len()
    );
    let z = &a.zones;
    assert_eq!(
        z.defection + z.indifference + z.affection + z.no_survey,
        a.customers.len()
    );
    let q = &a.quadrants;
    assert_eq!(
        q.apostle + q.mercenary + q.hostage + q.terrorist + q.no_survey,
        a.customers.len()
    );

    // Value totals preserved across every aggregate (exact: quarter multiples).
    let total: f64 = active.iter().map(|c| c.value).sum();
    assert_eq!(a.kpis.value, total);
    assert_eq!(a.segments.iter().map(|s| s.value).sum::<f64>(), total);
    assert_eq!(a.pyramid.tiers.iter().map(|t| t.value).sum::<f64>(), total);
    assert_eq!(
        a.rf_heatmap
            .cells
            .iter()
            .flatten()
            .map(|c| c.value)
            .sum::<f64>(),
        total
    );
    assert_eq!(
        a.kpis.occasions,
        active.iter().map(|c| c.frequency as usize).sum::<usize>()
    );
    let all: f64 = a.customers.iter().map(|c| c.value).sum();
    assert_eq!(total + a.returns_without_purchase, all);
    // The window's lines, summed straight from the dataset, are the same total.
    let in_window: f64 = data
        .sales
        .iter()
        .filter(|s| s.day > a.window_start && s.day <= a.as_of)
        .map(|s| s.amount)
        .sum();
    assert_eq!(in_window, all);
    if total != 0.0 {
        assert_eq!(a.pareto.points.last().unwrap().value_share, 1.0);
    }
    check_aggregates_follow_the_rows(a);
    // No NaN anywhere: serde_json writes NaN as null, which does not read back as f64.
    let json = serde_json::to_string(a).unwrap();
    serde_json::from_str::<Analysis>(&json).expect("no NaN in the analysis");
}

/// The aggregates the engine computes from its compact per-stage arrays are the ones the
/// per-customer rows (built separately, on first use) give when counted and summed in customer
/// order; the sums are compared exactly, CLVs included, because both add in that order.
fn check_aggregates_follow_the_rows(a: &Analysis) {
    let mut migration = MigrationMatrix::default();
    let mut zones = ZoneCounts::default();
    let mut quadrants = QuadrantCounts::default();
    let mut nps = Nps::default();
    let mut classes = ValueClasses {
        cmp: a
            .value_classes
            .cmp
            .as_ref()
            .map(|_| ClassSummary::default()),
        bz: a.value_classes.bz.as_ref().map(|_| ClassSummary::default()),
        ..ValueClasses::default()
    };
    let mut tier_clv = [(0usize, 0.0f64); 5];
    for m in &a.customers {
        migration.add(m.previous_tier, m.tier, m.migration);
        zones.add(m.zone);
        quadrants.add(m.quadrant);
        if let Some(class) = m.nps_class {
            nps.add(class);
        }
        let f = &m.value_classes;
        for (on, class) in [
            (f.cmv, Some(&mut classes.cmv)),
            (f.migrant, Some(&mut classes.migrants)),
            (f.cmp, classes.cmp.as_mut()),
            (f.bz == Some(true), classes.bz.as_mut()),
        ] {
            if let (true, Some(class)) = (on, class) {
                class.add(m.value);
            }
        }
        if let Some(clv) = m.clv {
            let slot = &mut tier_clv[m.tier.index()];
            slot.0 += 1;
            slot.1 += clv;
        }
    }
    nps.finish();
    assert_eq!(a.migration, migration);
    assert_eq!(a.zones, zones);
    assert_eq!(a.quadrants, quadrants);
    assert_eq!(a.nps, nps);
    assert_eq!(a.value_classes, classes);
    let by_tier: Vec<(usize, f64)> = a.clv_by_tier.iter().map(|g| (g.customers, g.clv)).collect();
    assert_eq!(by_tier, tier_clv);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn invariants_hold(data in datasets(), p in params()) {
        check_invariants(&data, &analyze(&data, &p));
    }

    #[test]
    fn a_reused_prepared_gives_the_fresh_answer(data in datasets(), p1 in params(), p2 in params()) {
        let prepared = Prepared::new(&data);
        let _ = prepared.analyze(&p1);
        prop_assert_eq!(prepared.analyze(&p2), analyze(&data, &p2));
        // Same date and window, other ranking settings: the cached window stage is reused.
        let p3 = p2.clone().tier_cuts(p1.tier_cuts).cmv_share(0.3).scoring(Scoring::Thresholds {
            recency_days: [10, 30, 90, 180],
            frequency: [2, 3, 4, 6],
            value: [10.0, 50.0, 100.0, 200.0],
        });
        prop_assert_eq!(prepared.analyze(&p3), analyze(&data, &p3));
        prop_assert_eq!(prepared.analyze(&p2), analyze(&data, &p2));
    }

    /// The stages prepared one call at a time, as the page does while the worker fits a new
    /// date: five on a fresh engine (the fits unknown), none left once analysed (as
    /// `is_prepared` says), eight with the date's fits seeded (the fit, model and growth
    /// stages too), and the fresh answer after them.
    #[test]
    fn stages_prepared_step_by_step_give_the_fresh_answer(
        data in datasets(),
        p1 in params(),
        p2 in params(),
    ) {
        let prepared = Prepared::new(&data);
        let steps = |p: &Params| {
            let mut n = 0;
            while prepared.prepare_step(p) && n <= 8 {
                n += 1;
            }
            n
        };
        prop_assert!(!prepared.is_prepared(&p1));
        prop_assert_eq!(steps(&p1), 5);
        prop_assert!(prepared.is_prepared(&p1));
        prop_assert_eq!(prepared.analyze(&p1), analyze(&data, &p1));
        prop_assert_eq!(steps(&p1), 0);
        let ready = prepared.is_prepared(&p2);
        let n = steps(&p2);
        prop_assert_eq!(ready, n == 0, "is_prepared says whether a step is left");
        prop_assert!(n <= 8);
        prop_assert_eq!(prepared.analyze(&p2), analyze(&data, &p2));
        prop_assert_eq!(steps(&p2), 0, "the analysis used the stages prepared");

        let seeded = Prepared::new(&data);
        prop_assert!(seeded.seed_fit(prepared.fit_for(&p1)));
        let mut n = 0;
        while seeded.prepare_step(&p1) && n <= 8 {
            n += 1;
        }
        prop_assert_eq!(n, 8);
        prop_assert_eq!(seeded.analyze(&p1), analyze(&data, &p1));
    }

    /// Every cached stage (history, calendar, window, overdue order, fits kept per date,
    /// model, growth; each keeping its last few keys) against a fresh computation, along a
    /// random walk of single changes.
    #[test]
    fn a_walk_of_changes_gives_the_fresh_answer_at_every_step(
        data in datasets(),
        start in params(),
        walk in prop::collection::vec(changes(), 1..10),
    ) {
        let prepared = Prepared::new(&data);
        let mut p = start;
        prop_assert_eq!(prepared.analyze(&p), analyze(&data, &p));
        for change in &walk {
            p = change.apply(p);
            let fresh = analyze(&data, &p);
            prop_assert_eq!(prepared.analyze(&p), fresh.clone(), "after {:?}", change);
            // The kept analysis: the fresh answer, then the same one again for equal parameters.
            let kept = prepared.analysis(&p);
            prop_assert_eq!(&*kept, &fresh, "after {:?}", change);
            prop_assert!(Arc::ptr_eq(&kept, &prepared.analysis(&p.clone())));
        }
    }

    #[test]
    fn moving_the_date_back_never_gives_negative_recency(data in datasets(), back in 0i32..1000) {
        let last = data.last_sale_day().unwrap_or(0);
        let a = analyze(&data, &Params::default().as_of(Some(last - back)));
        for c in &a.customers {
            prop_assert!(c.last_purchase.is_none_or(|d| d <= a.as_of));
            prop_assert!(c.recency.is_none_or(|r| r <= 2000));
        }
    }
}

/// DOMAIN.md §2's table, typed again from the document: each code must appear exactly once
/// and map to its row's segment.
#[test]
fn every_code_maps_to_exactly_one_segment() {
    let table = [
        (Segment::Champions, "555 554 544 545 454 455 445"),
        (Segment::Loyal, "543 444 435 355 354 345 344 335"),
        (
            Segment::PotentialLoyalists,
            "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 353 352 351 342 341 333 323",
        ),
        (Segment::NewCustomers, "512 511 422 421 412 411 311"),
        (
            Segment::Promising,
            "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
        ),
        (Segment::NeedAttention, "535 534 443 434 343 334 325 324"),
        (Segment::AboutToSleep, "331 321 312 221 213 231 241 251"),
        (
            Segment::AtRisk,
            "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 125 124",
        ),
        (Segment::CantLoseThem, "155 154 144 214 215 115 114 113"),
        (
            Segment::Hibernating,
            "332 322 233 232 223 222 132 123 122 212 211",
        ),
        (Segment::Lost, "111 112 121 131 141 151"),
    ];
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            for v in 1..=5u8 {
                let code = format!("{r}{f}{v}");
                let rows: Vec<Segment> = table
                    .iter()
                    .filter(|(_, codes)| codes.split(' ').any(|c| c == code))
                    .map(|(s, _)| *s)
                    .collect();
                assert_eq!(rows.len(), 1, "code {code} is in {} rows", rows.len());
                assert_eq!(Segment::from_code(r, f, v), rows[0], "code {code}");
            }
        }
    }
}
