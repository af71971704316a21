//! Hand-worked small cases for every engine metric (DOMAIN.md §2–§6). Every expected number in
//! this file was worked out by hand from the definitions; the comments show the arithmetic.

use fideliza::engine::{
    Analysis, FitFailure, Migration, NpsClass, Params, Prepared, Quadrant, SatisfactionMode,
    Scores, Scoring, Segment, Tier, TierCuts, Zone, analyze,
};
use fideliza::model::{Dataset, Day, Sale, Survey, ymd};

/// Builds small datasets line by line.
#[derive(Default)]
struct Builder {
    data: Dataset,
}

fn day(y: i32, m: u32, d: u32) -> Day {
    ymd(y, m, d).expect("valid date")
}

impl Builder {
    fn sale(mut self, customer: &str, date: (i32, u32, u32), amount: f64) -> Self {
        let customer = self.data.customer_ids.intern(customer);
        self.data.sales.push(Sale {
            customer,
            day: day(date.0, date.1, date.2),
            amount,
            ..Sale::default()
        });
        self
    }

    fn ticket(mut self, ticket: &str) -> Self {
        let t = self.data.tickets.intern(ticket);
        self.data.sales.last_mut().expect("a sale first").ticket = Some(t).into();
        self
    }

    fn margin(mut self, margin: f64) -> Self {
        self.data.sales.last_mut().expect("a sale first").margin = Some(margin).into();
        self
    }

    fn survey(
        mut self,
        customer: &str,
        date: (i32, u32, u32),
        overall: f64,
        recommend: Option<f64>,
    ) -> Self {
        let customer = self.data.customer_ids.intern(customer);
        self.data.surveys.push(Survey {
            customer,
            day: day(date.0, date.1, date.2),
            overall,
            recommend,
            expectations: Vec::new(),
            perceptions: Vec::new(),
            comment: None,
        });
        self
    }

    fn servqual(mut self, expectations: Vec<Option<f64>>, perceptions: Vec<Option<f64>>) -> Self {
        let s = self.data.surveys.last_mut().expect("a survey first");
        s.expectations = expectations;
        s.perceptions = perceptions;
        self
    }

    fn build(self) -> Dataset {
        self.data
    }
}

fn id(a: &Analysis, data: &Dataset, name: &str) -> usize {
    let c = data.customer_ids.get(name).expect("known customer") as usize;
    assert_eq!(a.customers[c].customer as usize, c);
    c
}

/// Asserts that an analysis has no NaN anywhere and survives the Worker's JSON boundary
/// (serde_json writes NaN as `null`, which then fails to read back as `f64`). Numbers are
/// compared to 1e-12 relative: serde_json's default float parser is not exactly round-trip.
fn assert_json_round_trip(a: &Analysis) {
    let json = serde_json::to_value(a).expect("serialises");
    let back: Analysis = serde_json::from_value(json.clone()).expect("no NaN became null");
    assert_same_json(&serde_json::to_value(&back).unwrap(), &json);
}

fn assert_same_json(a: &serde_json::Value, b: &serde_json::Value) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-12 * x.abs().max(y.abs()), "{x} vs {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len());
            x.iter().zip(y).for_each(|(x, y)| assert_same_json(x, y));
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.len(), y.len());
            x.iter().for_each(|(k, v)| assert_same_json(v, &y[k]));
        }
        _ => assert_eq!(a, b),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + b.abs())
}

/// Six customers, analysis date 2025-06-30, window (2024-06-30, 2025-06-30].
fn six_customers() -> Dataset {
    Builder::default()
        // A: three occasions in the window → R 0 days, F 3, V 100 + 50 + 30 = 180.
        .sale("A", (2025, 6, 30), 100.0)
        .sale("A", (2025, 5, 1), 50.0)
        .sale("A", (2025, 1, 10), 30.0)
        // B: two lines the same day without ticket = one occasion → R 29, F 1, V 30.
        .sale("B", (2025, 6, 1), 20.0)
        .sale("B", (2025, 6, 1), 10.0)
        // C: 2024-07-01 is inside, 2024-06-30 is the (exclusive) window start → R 364, F 1, V 40;
        // the 1000 falls in the previous window.
        .sale("C", (2024, 7, 1), 40.0)
        .sale("C", (2024, 6, 30), 1000.0)
        // D: two tickets the same day = two occasions, then a return-only occasion:
        // R 121 (the return is not a purchase), F 2, V 60 + 25 − 25 = 60.
        .sale("D", (2025, 3, 1), 60.0)
        .ticket("T1")
        .sale("D", (2025, 3, 1), 25.0)
        .ticket("T2")
        .sale("D", (2025, 4, 1), -25.0)
        // E: bought long ago, returned in the window: not active.
        .sale("E", (2023, 1, 1), 10.0)
        .sale("E", (2025, 2, 1), -15.0)
        // F: one purchase in the window, one after the analysis date (ignored) → R 15, F 1, V 70.
        .sale("F", (2025, 6, 15), 70.0)
        .sale("F", (2025, 7, 5), 500.0)
        .build()
}

fn six_params() -> Params {
    Params::default().as_of(Some(day(2025, 6, 30)))
}

#[test]
fn default_as_of_is_the_latest_sale_and_window_is_twelve_calendar_months() {
    let data = six_customers();
    let a = analyze(&data, &Params::default());
    assert_eq!(a.as_of, day(2025, 7, 5));
    assert_eq!(a.window_start, day(2024, 7, 5));
    assert_eq!(a.previous_window_start, day(2023, 7, 5));
}

#[test]
fn recency_frequency_value_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    let get = |n: &str| &a.customers[id(&a, &data, n)];
    let rfv = |n: &str| (get(n).recency, get(n).frequency, get(n).value);
    assert_eq!(rfv("A"), (Some(0), 3, 180.0));
    assert_eq!(rfv("B"), (Some(29), 1, 30.0));
    assert_eq!(rfv("C"), (Some(364), 1, 40.0));
    assert_eq!(rfv("D"), (Some(121), 2, 60.0));
    assert_eq!(rfv("F"), (Some(15), 1, 70.0));
    // E: last purchase 2023-01-01 = 365 + 366 + 180 = 911 days before 2025-06-30; only a return
    // in the window.
    assert_eq!(rfv("E"), (Some(911), 0, -15.0));
    assert_eq!(get("E").scores, None);
    assert_eq!(get("E").segment, None);
    assert_eq!(a.returns_without_purchase, -15.0);
}

#[test]
fn scores_codes_and_segments_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    let get = |n: &str| a.customers[id(&a, &data, n)].scores.expect("active");
    // Recency 0 < 15 < 29 < 121 < 364: five distinct → 5, 4, 3, 2, 1.
    // Frequency 1, 1, 1, 2, 3: the three 1s tie, ⌈5·3/10⌉ = 2; the 2 → ⌈5·7/10⌉ = 4; the 3 → 5.
    // Value 30 < 40 < 60 < 70 < 180 → B 1, C 2, D 3, F 4, A 5.
    assert_eq!(get("A"), Scores { r: 5, f: 5, v: 5 });
    assert_eq!(get("F"), Scores { r: 4, f: 2, v: 4 });
    assert_eq!(get("B"), Scores { r: 3, f: 2, v: 1 });
    assert_eq!(get("D"), Scores { r: 2, f: 4, v: 3 });
    assert_eq!(get("C"), Scores { r: 1, f: 2, v: 2 });
    assert_eq!(get("D").code(), 243);
    let seg = |n: &str| a.customers[id(&a, &data, n)].segment.expect("active");
    assert_eq!(seg("A"), Segment::Champions); // 555
    assert_eq!(seg("F"), Segment::Promising); // 424
    assert_eq!(seg("B"), Segment::AboutToSleep); // 321
    assert_eq!(seg("D"), Segment::AtRisk); // 243
    assert_eq!(seg("C"), Segment::Hibernating); // 122
    assert_eq!(a.score_distributions.recency, [1, 1, 1, 1, 1]);
    assert_eq!(a.score_distributions.frequency, [0, 3, 0, 1, 1]);
    assert_eq!(a.rf_heatmap.cells[4][4].customers, 1);
    assert_eq!(a.rf_heatmap.cells[4][4].mean_value, Some(180.0));
    assert_eq!(a.rf_heatmap.cells[0][0].mean_value, None);
    assert_json_round_trip(&a);
}

#[test]
fn kpis_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    let k = &a.kpis;
    assert_eq!(k.active_customers, 5);
    assert_eq!(k.value, 380.0); // 180 + 30 + 40 + 60 + 70
    assert_eq!(k.occasions, 8); // 3 + 1 + 1 + 2 + 1
    assert_eq!(k.average_ticket, 47.5); // 380 / 8
    assert_eq!(k.purchases_per_customer, 1.6); // 8 / 5
    // Previous window (2023-06-30, 2024-06-30]: only C bought (2024-06-30), and C is active.
    assert_eq!(k.retention_rate, Some(1.0));
    // Top 20 % of 5 = 1 customer: A's 180 of 380.
    assert!(close(k.top20_value_share, 180.0 / 380.0));
}

#[test]
fn segment_table_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    assert_eq!(a.segments.len(), 11);
    assert_eq!(
        a.segments.iter().map(|r| r.segment).collect::<Vec<_>>(),
        Segment::ALL.to_vec()
    );
    let row = |s: Segment| a.segments.iter().find(|r| r.segment == s).expect("row");
    let champions = row(Segment::Champions);
    assert_eq!((champions.customers, champions.value), (1, 180.0));
    assert_eq!(champions.customers_share, 0.2);
    assert!(close(champions.value_share, 180.0 / 380.0));
    assert_eq!(
        (champions.mean_r, champions.mean_f, champions.mean_v),
        (0.0, 3.0, 180.0)
    );
    let at_risk = row(Segment::AtRisk);
    assert_eq!(
        (at_risk.mean_r, at_risk.mean_f, at_risk.mean_v),
        (121.0, 2.0, 60.0)
    );
    let lost = row(Segment::Lost);
    assert_eq!(
        (lost.customers, lost.value, lost.mean_r, lost.value_share),
        (0, 0.0, 0.0, 0.0)
    );
    assert_eq!(a.segments.iter().map(|r| r.customers).sum::<usize>(), 5);
    assert!(close(
        a.segments.iter().map(|r| r.value).sum::<f64>(),
        380.0
    ));
}

#[test]
fn user_thresholds_replace_quintiles() {
    let data = six_customers();
    let scoring = Scoring::Thresholds {
        recency_days: [7, 30, 90, 180],
        frequency: [2, 3, 4, 5],
        value: [50.0, 100.0, 150.0, 200.0],
    };
    let a = analyze(&data, &six_params().scoring(scoring));
    // A: recency 0 ≤ 7 → 5; frequency 3 ≥ 2, 3 → 3; value 180 ≥ 50, 100, 150 → 4.
    assert_eq!(
        a.customers[id(&a, &data, "A")].scores,
        Some(Scores { r: 5, f: 3, v: 4 })
    );
    // C: recency 364 > 180 → 1; frequency 1 → 1; value 40 → 1.
    assert_eq!(
        a.customers[id(&a, &data, "C")].scores,
        Some(Scores { r: 1, f: 1, v: 1 })
    );
}

#[test]
fn shorter_window_drops_older_occasions() {
    let data = six_customers();
    let a = analyze(&data, &six_params().window_months(3));
    // Window (2025-03-30, 2025-06-30]: A keeps 2 occasions (150), D only its return.
    assert_eq!(a.window_start, day(2025, 3, 30));
    let get = |n: &str| &a.customers[id(&a, &data, n)];
    assert_eq!((get("A").frequency, get("A").value), (2, 150.0));
    assert_eq!((get("D").frequency, get("D").value), (0, -25.0));
    assert_eq!(a.kpis.active_customers, 3); // A, B, F
    assert_eq!(a.returns_without_purchase, -25.0); // D −25 (E's return of 2025-02-01 is outside)
}

#[test]
fn empty_dataset_gives_a_valid_empty_analysis() {
    let a = analyze(&Dataset::default(), &Params::default());
    assert_eq!(a.as_of, 0);
    assert!(a.customers.is_empty());
    assert_eq!(a.kpis.active_customers, 0);
    assert_eq!(a.kpis.value, 0.0);
    assert_eq!(a.kpis.average_ticket, 0.0);
    assert_eq!(a.kpis.retention_rate, None);
    assert_eq!(a.segments.len(), 11);
    assert!(
        a.segments
            .iter()
            .all(|r| r.customers == 0 && r.customers_share == 0.0)
    );
    assert!(a.pareto.points.is_empty());
    assert_json_round_trip(&a);
}

#[test]
fn empty_window_has_no_active_customer_and_positive_recency() {
    let data = six_customers();
    let a = analyze(&data, &Params::default().as_of(Some(day(2030, 1, 1))));
    assert_eq!(a.kpis.active_customers, 0);
    assert_eq!(a.kpis.retention_rate, None);
    // A's last purchase 2025-06-30 → 2030-01-01: 185 days to 2026-01-01 (31+31+30+31+30+31 + 1),
    // then 4 years including 2028's leap day.
    assert_eq!(
        a.customers[id(&a, &data, "A")].recency,
        Some(185 + 365 * 4 + 1)
    );
    assert_json_round_trip(&a);
}

#[test]
fn single_customer_scores_three_and_is_a_potential_loyalist() {
    let data = Builder::default().sale("solo", (2025, 1, 1), 12.5).build();
    let a = analyze(&data, &Params::default());
    assert_eq!(a.customers[0].scores, Some(Scores { r: 3, f: 3, v: 3 }));
    assert_eq!(a.customers[0].segment, Some(Segment::PotentialLoyalists));
    assert_eq!(a.kpis.top20_value_share, 1.0);
    assert_eq!(a.customers[0].recency, Some(0));
}

#[test]
fn all_customers_equal_share_every_score() {
    let mut b = Builder::default();
    for name in ["w", "x", "y", "z"] {
        b = b
            .sale(name, (2025, 1, 1), 10.0)
            .sale(name, (2025, 2, 1), 10.0);
    }
    let a = analyze(&b.build(), &Params::default());
    assert!(
        a.customers
            .iter()
            .all(|c| c.scores == Some(Scores { r: 3, f: 3, v: 3 }))
    );
    assert_eq!(a.score_distributions.value, [0, 0, 4, 0, 0]);
}

#[test]
fn sums_equal_to_the_micro_unit_tie() {
    // 0.1 + 0.2 ≠ 0.3 in binary floating point, but they are the same money.
    let data = Builder::default()
        .sale("a", (2025, 1, 1), 0.1)
        .sale("a", (2025, 1, 1), 0.2)
        .sale("b", (2025, 1, 1), 0.3)
        .build();
    let a = analyze(&data, &Params::default());
    assert_eq!(
        a.customers[0].scores.map(|s| s.v),
        a.customers[1].scores.map(|s| s.v)
    );
}

#[test]
fn prepared_is_reusable_across_parameters() {
    let data = six_customers();
    let prepared = Prepared::new(&data);
    let p1 = six_params();
    let p2 = six_params().window_months(3);
    assert_eq!(prepared.analyze(&p1), analyze(&data, &p1));
    assert_eq!(prepared.analyze(&p2), analyze(&data, &p2));
}

/// The stages of the last few windows and dates are kept (a consultant comparing two of them
/// recomputes only the aggregates), and no more: five windows later the first is gone.
#[test]
fn prepared_keeps_the_last_windows_and_dates() {
    let data = six_customers();
    let prepared = Prepared::new(&data);
    let months = |m: u32| six_params().window_months(m);
    for m in [12, 3, 6, 9] {
        prepared.analyze(&months(m));
    }
    assert!(
        [12, 3, 6, 9]
            .iter()
            .all(|&m| prepared.is_prepared(&months(m)))
    );
    assert_eq!(prepared.analyze(&months(12)), analyze(&data, &months(12)));
    // 12 was used again, so 3 is now the oldest and gives way to 1.
    prepared.analyze(&months(1));
    assert!(!prepared.is_prepared(&months(3)));
    assert!(prepared.is_prepared(&months(12)) && prepared.is_prepared(&months(6)));

    let date = |back: i32| six_params().as_of(six_params().as_of.map(|d| d - back));
    prepared.analyze(&date(30));
    assert!(prepared.is_prepared(&date(30)) && prepared.is_prepared(&date(0)));
    assert_eq!(prepared.analyze(&date(0)), analyze(&data, &date(0)));
    prepared.analyze(&date(60));
    assert!(
        !prepared.is_prepared(&date(30)),
        "two dates are kept, not three"
    );
    assert_eq!(prepared.analyze(&date(30)), analyze(&data, &date(30)));
}

#[test]
fn params_survive_json() {
    let p = Params::default()
        .as_of(Some(20_000))
        .window_months(6)
        .cmv_share(0.1);
    let back: Params = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}

// ---- §3 pyramid and migration ----

#[test]
fn pyramid_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    // Values A 180, F 70, D 60, C 40, B 30 → top positions (k − ½)/5 = .1, .3, .5, .7, .9:
    // Platino ≤ .05 none; Oro ≤ .20 A; Hierro ≤ .70 F, D, C; Plomo B.
    let tier = |n: &str| a.customers[id(&a, &data, n)].tier;
    assert_eq!(
        [tier("A"), tier("F"), tier("D"), tier("C"), tier("B")],
        [
            Tier::Oro,
            Tier::Hierro,
            Tier::Hierro,
            Tier::Hierro,
            Tier::Plomo
        ]
    );
    assert_eq!(tier("E"), Tier::Inactivo);
    let rows = &a.pyramid.tiers;
    assert_eq!(
        rows.iter().map(|r| r.tier).collect::<Vec<_>>(),
        Tier::ALL[..4].to_vec()
    );
    assert_eq!(rows[0].customers, 0);
    let hierro = &rows[2];
    assert_eq!(
        (hierro.customers, hierro.value, hierro.occasions),
        (3, 170.0, 4)
    ); // 70+60+40; 1+2+1
    assert_eq!(hierro.average_ticket, 42.5);
    assert!(close(hierro.frequency, 4.0 / 3.0));
    assert_eq!(hierro.customers_share, 0.6);
    assert!(close(hierro.value_share, 170.0 / 380.0));
    assert_eq!((rows[1].average_ticket, rows[1].frequency), (60.0, 3.0)); // A: 180 / 3
    assert_eq!(rows[2].margin, None);
    assert_eq!(a.pyramid.inactive_customers, 1);
}

#[test]
fn practitioner_cuts_move_the_tiers() {
    let data = six_customers();
    let a = analyze(&data, &six_params().tier_cuts(TierCuts::practitioner()));
    // 20/30/30/20: cumulative .2, .5, .8 → A .1 Platino; F .3, D .5 Oro; C .7 Hierro; B .9 Plomo.
    let tier = |n: &str| a.customers[id(&a, &data, n)].tier;
    assert_eq!(
        [tier("A"), tier("F"), tier("D"), tier("C"), tier("B")],
        [
            Tier::Platino,
            Tier::Oro,
            Tier::Oro,
            Tier::Hierro,
            Tier::Plomo
        ]
    );
}

#[test]
fn migration_by_hand() {
    let data = six_customers();
    let a = analyze(&data, &six_params());
    let get = |n: &str| &a.customers[id(&a, &data, n)];
    // Previous window (2023-06-30, 2024-06-30]: only C (1000), alone → position .5 → Hierro.
    assert_eq!(get("C").previous_tier, Tier::Hierro);
    assert_eq!(get("C").migration, Migration::Same);
    // A, B, D, F first bought inside the current window.
    assert_eq!(get("A").migration, Migration::New);
    assert_eq!(get("B").migration, Migration::New);
    // E bought in 2023-01, before the previous window, and not since.
    assert_eq!(get("E").migration, Migration::StillInactive);
    let m = &a.migration.counts;
    assert_eq!(m[Tier::Hierro.index()][Tier::Hierro.index()], 1);
    assert_eq!(m[5], [0, 1, 2, 1, 0]); // new: A Oro; F, D Hierro; B Plomo
    assert_eq!(m[Tier::Inactivo.index()][Tier::Inactivo.index()], 1);
    assert_eq!(m.iter().flatten().sum::<usize>(), 6);
    assert_eq!(a.value_classes.migrants.customers, 0);
}

#[test]
fn a_customer_who_drops_a_tier_is_a_migrant() {
    // Previous window: P 100 > Q 10; current: Q 100 > P 10 (20/30/30/20 cuts, n = 2: .25 Oro, .75 Hierro).
    let data = Builder::default()
        .sale("P", (2024, 3, 1), 100.0)
        .sale("Q", (2024, 3, 1), 10.0)
        .sale("P", (2025, 3, 1), 10.0)
        .sale("Q", (2025, 3, 1), 100.0)
        .build();
    let a = analyze(
        &data,
        &Params::default()
            .as_of(Some(day(2025, 6, 30)))
            .tier_cuts(TierCuts::practitioner()),
    );
    assert_eq!(
        (a.customers[0].previous_tier, a.customers[0].tier),
        (Tier::Oro, Tier::Hierro)
    );
    assert_eq!(a.customers[0].migration, Migration::Down);
    assert_eq!(a.customers[1].migration, Migration::Up);
    assert_eq!(a.value_classes.migrants.customers, 2);
    assert_eq!(a.value_classes.migrants.value, 110.0);
    assert_eq!(a.kpis.retention_rate, Some(1.0));
}

// ---- §4 satisfaction ----

fn surveyed() -> Dataset {
    let mut d = Builder {
        data: six_customers(),
    }
    .survey("A", (2025, 1, 1), 3.0, None)
    .survey("A", (2025, 6, 1), 5.0, Some(10.0))
    .servqual(vec![Some(5.0), Some(4.0)], vec![Some(4.0), None])
    .survey("B", (2025, 6, 2), 5.0, Some(9.0))
    .servqual(vec![Some(4.0), Some(3.0)], vec![Some(4.0), Some(5.0)])
    .survey("D", (2025, 5, 1), 2.0, Some(3.0))
    .survey("E", (2025, 3, 1), 4.0, None)
    .survey("F", (2025, 7, 1), 1.0, Some(0.0))
    .build();
    d.servqual_dimensions = vec!["fiabilidad".into(), "empatía".into()];
    d
}

#[test]
fn zones_quadrants_and_nps_by_hand() {
    let data = surveyed();
    let a = analyze(&data, &six_params());
    let get = |n: &str| &a.customers[id(&a, &data, n)];
    // A latest 5 → affection; loyalty (R 5 + F 5)/2 = 5 → apostle.
    assert_eq!(
        (get("A").zone, get("A").quadrant),
        (Some(Zone::Affection), Quadrant::Apostle)
    );
    // B 5, loyalty (3 + 2)/2 = 2.5 → mercenary.
    assert_eq!(get("B").quadrant, Quadrant::Mercenary);
    // D 2 → defection, loyalty (2 + 4)/2 = 3 → terrorist.
    assert_eq!(
        (get("D").zone, get("D").quadrant),
        (Some(Zone::Defection), Quadrant::Terrorist)
    );
    // E inactive (not loyal), 4 → indifference → terrorist.
    assert_eq!(
        (get("E").zone, get("E").quadrant),
        (Some(Zone::Indifference), Quadrant::Terrorist)
    );
    // F's only survey is after the analysis date; C has none.
    assert_eq!(
        (get("F").satisfaction, get("F").quadrant),
        (None, Quadrant::NoSurvey)
    );
    assert_eq!(get("C").quadrant, Quadrant::NoSurvey);
    let z = &a.zones;
    assert_eq!(
        (z.affection, z.indifference, z.defection, z.no_survey),
        (2, 1, 1, 2)
    );
    let q = &a.quadrants;
    assert_eq!(
        (q.apostle, q.mercenary, q.hostage, q.terrorist, q.no_survey),
        (1, 1, 0, 2, 2)
    );
    // Recommend: A 10, B 9 promoters; D 3 detractor → (2 − 1)/3 = 33.3.
    assert_eq!(get("D").nps_class, Some(NpsClass::Detractor));
    assert_eq!(
        (a.nps.promoters, a.nps.passives, a.nps.detractors),
        (2, 0, 1)
    );
    assert!(close(a.nps.score.unwrap(), 100.0 / 3.0));
    assert_json_round_trip(&a);
}

#[test]
fn window_mean_satisfaction_turns_an_apostle_into_a_hostage() {
    let data = surveyed();
    let a = analyze(
        &data,
        &six_params().satisfaction_mode(SatisfactionMode::WindowMean),
    );
    let get = |n: &str| &a.customers[id(&a, &data, n)];
    // A: mean(3, 5) = 4 → indifference; still loyal → hostage.
    assert_eq!(get("A").satisfaction, Some(4.0));
    assert_eq!(get("A").quadrant, Quadrant::Hostage);
}

#[test]
fn servqual_gaps_by_hand() {
    let a = analyze(&surveyed(), &six_params());
    // fiabilidad: A (E 5, P 4), B (E 4, P 4) → E 4.5, P 4, gap −0.5.
    let f = &a.servqual[0];
    assert_eq!((f.dimension.as_str(), f.answers), ("fiabilidad", 2));
    assert_eq!(
        (f.expectation, f.perception, f.gap),
        (Some(4.5), Some(4.0), Some(-0.5))
    );
    // empatía: only B has both (E 3, P 5) → +2.
    assert_eq!((a.servqual[1].answers, a.servqual[1].gap), (1, Some(2.0)));
}

// ---- §5 value classes ----

#[test]
fn cmv_is_the_top_share_by_value() {
    let data = six_customers();
    // 5 % of 5 customers is nobody (positions start at .1).
    assert_eq!(analyze(&data, &six_params()).value_classes.cmv.customers, 0);
    let a = analyze(&data, &six_params().cmv_share(0.2));
    assert!(a.customers[id(&a, &data, "A")].value_classes.cmv);
    assert_eq!(
        (a.value_classes.cmv.customers, a.value_classes.cmv.value),
        (1, 180.0)
    );
}

#[test]
fn below_zero_needs_margin_data() {
    let a = analyze(&six_customers(), &six_params());
    assert_eq!(a.value_classes.bz, None);
    assert!(a.customers.iter().all(|c| c.value_classes.bz.is_none()));

    let data = Builder::default()
        .sale("X", (2025, 1, 1), 100.0)
        .margin(10.0)
        .sale("Y", (2025, 1, 1), 50.0)
        .margin(-5.0)
        .build();
    let a = analyze(&data, &Params::default());
    assert!(a.ranked_by_margin);
    assert_eq!(a.customers[0].value_classes.bz, Some(false));
    assert_eq!(a.customers[1].value_classes.bz, Some(true));
    assert_eq!(
        a.value_classes.bz.map(|b| (b.customers, b.value)),
        Some((1, 50.0))
    );
    // Ranked by margin: X (10) position .25 → Hierro (.20 < .25 ≤ .70), Y (−5) .75 → Plomo.
    assert_eq!(
        (a.customers[0].tier, a.customers[1].tier),
        (Tier::Hierro, Tier::Plomo)
    );
    assert_eq!(a.pyramid.tiers[2].margin, Some(10.0));
    // A cost to serve of 11 per occasion sinks X too: 10 − 11 < 0.
    let a = analyze(&data, &Params::default().cost_to_serve_per_occasion(11.0));
    assert_eq!(a.value_classes.bz.map(|b| b.customers), Some(2));
}

// ---- §6 overdue ----

#[test]
fn overdue_by_hand() {
    let data = Builder::default()
        // G: gaps 30, 30 → median 30; recency on 2025-05-02 is 61 > 60 → overdue by 1 day.
        .sale("G", (2025, 1, 1), 10.0)
        .sale("G", (2025, 1, 31), 10.0)
        .sale("G", (2025, 3, 2), 10.0)
        // H: two purchases only.
        .sale("H", (2025, 1, 1), 10.0)
        .sale("H", (2025, 1, 2), 10.0)
        // I: gaps 30, 31 → median 30.5; recency 60 ≤ 61.
        .sale("I", (2025, 1, 1), 10.0)
        .sale("I", (2025, 1, 31), 10.0)
        .sale("I", (2025, 3, 3), 10.0)
        // K: latest sale, defines as_of = 2025-05-02.
        .sale("K", (2025, 5, 2), 10.0)
        .build();
    let a = analyze(&data, &Params::default());
    assert_eq!(a.as_of, day(2025, 5, 2));
    assert_eq!(a.customers[0].median_gap, Some(30.0));
    assert_eq!(a.customers[2].median_gap, Some(30.5));
    assert_eq!(
        a.customers.iter().map(|c| c.overdue).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    assert_eq!(a.overdue.len(), 1);
    let row = &a.overdue[0];
    assert_eq!(
        (
            row.customer,
            row.recency,
            row.median_gap,
            row.days_overdue,
            row.purchases
        ),
        (0, 61, 30.0, 1.0, 3)
    );
}

// ---- trend and cohorts ----

#[test]
fn monthly_trend_by_hand() {
    let a = analyze(&six_customers(), &six_params().trend_months(3));
    let t: Vec<_> = a
        .trend
        .iter()
        .map(|p| (p.year, p.month, p.active_customers, p.occasions, p.value))
        .collect();
    assert_eq!(
        t,
        [
            (2025, 4, 0, 0, -25.0), // D's return only
            (2025, 5, 1, 1, 50.0),  // A
            (2025, 6, 3, 3, 200.0), // A 100, B 20 + 10, F 70 (F's July sale is after as_of)
        ]
    );
}

#[test]
fn monthly_cohorts_by_hand() {
    let a = analyze(&six_customers(), &six_params());
    assert_eq!(a.cohorts.len(), 12);
    assert_eq!(
        (
            a.cohorts[0].year,
            a.cohorts[0].month,
            a.cohorts[0].customers
        ),
        (2024, 7, 0)
    );
    assert_eq!(a.cohorts[0].active.len(), 12);
    assert!(a.cohorts[0].retention.iter().all(|&r| r == 0.0));
    // January 2025: A, who bought again in May and June.
    let jan = &a.cohorts[6];
    assert_eq!((jan.year, jan.month, jan.customers), (2025, 1, 1));
    assert_eq!(jan.active, [1, 0, 0, 0, 1, 1]);
    assert_eq!(jan.retention, [1.0, 0.0, 0.0, 0.0, 1.0, 1.0]);
    // March 2025: D, whose April occasion is a return.
    assert_eq!(a.cohorts[8].active, [1, 0, 0, 0]);
    // June 2025: B and F.
    assert_eq!(
        (a.cohorts[11].customers, a.cohorts[11].active.clone()),
        (2, vec![2])
    );
}

// ---- §6 models on too little data ----

#[test]
fn too_little_data_explains_why_there_is_no_model() {
    let a = analyze(&six_customers(), &six_params());
    // Repeat buyers up to 2025-06-30: A (3 occasions), C (2), D (2 tickets; its return is no
    // purchase) — 3 of the 10 needed.
    let few = FitFailure::TooFewRepeatBuyers {
        repeat_buyers: 3,
        required: 10,
    };
    assert_eq!(a.models.bgnbd, Err(few.clone()));
    assert_eq!(a.models.gamma_gamma, Err(few));
    assert!(
        a.customers
            .iter()
            .all(|c| c.p_alive.is_none() && c.clv.is_none())
    );
    assert_eq!(a.value_classes.cmp, None);
    assert!(
        a.clv_by_segment
            .iter()
            .all(|g| g.customers == 0 && g.mean_clv == 0.0)
    );
    assert_json_round_trip(&a);
}

#[test]
fn a_return_under_the_original_ticket_counts_on_its_own_date() {
    // Bought 100 on ticket B1 in the previous window; returned 40 under B1 inside the window.
    let data = Builder::default()
        .sale("R", (2024, 5, 1), 100.0)
        .ticket("B1")
        .sale("R", (2025, 2, 1), -40.0)
        .ticket("B1")
        .sale("S", (2025, 6, 30), 10.0)
        .build();
    let a = analyze(&data, &Params::default());
    let r = &a.customers[0];
    // Window (2024-06-30, 2025-06-30]: only the return falls in it; it is no purchase.
    assert_eq!((r.frequency, r.value, r.purchases), (0, -40.0, 1));
    assert_eq!(r.last_purchase, Some(day(2024, 5, 1)));
    assert_eq!(a.returns_without_purchase, -40.0);
}

/// A survey scale set in the parameters replaces the one read from the file: the demo's 1–5
/// answers read as 0–10 are all at most 5, so every surveyed customer falls in the zone of
/// defection (0–6), and the analysis says which scale it used.
#[test]
fn a_survey_scale_set_by_the_user_replaces_the_file_s() {
    use fideliza::demo::{DemoConfig, generate};
    use fideliza::model::SatisfactionScale;
    let data = generate(&DemoConfig {
        customers: 300,
        ..DemoConfig::default()
    });
    let prepared = Prepared::new(&data);
    let as_read = prepared.analyze(&Params::default());
    assert_eq!(as_read.survey_scale, SatisfactionScale::OneToFive);
    assert!(as_read.zones.affection > 0 && as_read.zones.indifference > 0);
    let surveyed = as_read.zones.defection + as_read.zones.indifference + as_read.zones.affection;

    let as_ten =
        prepared.analyze(&Params::default().survey_scale(Some(SatisfactionScale::ZeroToTen)));
    assert_eq!(as_ten.survey_scale, SatisfactionScale::ZeroToTen);
    assert_eq!(
        (
            as_ten.zones.defection,
            as_ten.zones.indifference,
            as_ten.zones.affection
        ),
        (surveyed, 0, 0)
    );
    // Back to the file's scale: the same result as before (no stale cache).
    assert_eq!(prepared.analyze(&Params::default()), as_read);
}
