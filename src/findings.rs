//! The headline findings of the summary page, written in plain words from the analysis.
//!
//! Each finding is a pure function of the [`Analysis`] (and, for chronic patients, of the
//! customer profiles): [`findings`] returns the numbers as a [`Finding`]; [`Finding::text`]
//! writes them through the locale keys `summary.finding.*`, so the numbers are tested here and
//! the words are translatable. A finding whose basis is missing or too small is left out rather
//! than stated on thin evidence: nothing on the page may claim more than the data show.

use crate::engine::{Analysis, Segment, Tier};
use crate::format;
use crate::import::Lang;
use crate::model::{Customer, Motive};
use crate::selection::{Selection, ValueClass};
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// Fewest customers a share is computed over before a finding states it (active customers for
/// the concentration, previous-window customers for retention, surveyed customers for
/// satisfaction): below that a percentage says more about chance than about the business.
pub const MIN_BASIS: usize = 20;

/// Most findings shown at once.
pub const MAX_FINDINGS: usize = 5;

/// One headline finding and the numbers it rests on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Finding {
    /// The most valuable customers (the CMV class, DOMAIN.md §5) make a large share of sales.
    Concentration {
        /// Customers in the class.
        customers: usize,
        /// Their share of the active customers.
        customers_share: f64,
        /// Their share of the window's value.
        value_share: f64,
        /// Whether they were ranked by margin (else by value).
        by_margin: bool,
    },
    /// Regular customers past twice their usual interval between purchases (DOMAIN.md §6).
    Overdue {
        /// Overdue customers.
        customers: usize,
        /// How many of them are chronic patients; `None` when no profile carries the motive.
        chronic: Option<usize>,
        /// Their value in the analysis window.
        value: f64,
    },
    /// The "En riesgo" segment: customers who used to buy often and much, and stopped.
    AtRisk {
        /// Customers in the segment.
        customers: usize,
        /// Their value in the window.
        value: f64,
        /// Their share of the window's value.
        value_share: f64,
    },
    /// Share of the previous window's customers who bought again in this one.
    Retention {
        /// Customers active in the previous window.
        previous: usize,
        /// Of them, customers with no purchase in this window.
        lost: usize,
        /// `Kpis::retention_rate`.
        rate: f64,
    },
    /// Satisfaction zones of the surveyed customers (Jones & Sasser, DOMAIN.md §4).
    Satisfaction {
        /// Customers with a survey answer.
        surveyed: usize,
        /// In the zone of affection.
        affection: usize,
        /// In the zone of defection.
        defection: usize,
        /// Net Promoter Score, when the surveys ask for the recommendation.
        nps: Option<f64>,
    },
}

/// A finding in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingText {
    /// One sentence with the key number.
    pub headline: String,
    /// What lies behind it (one or two sentences).
    pub detail: String,
    /// The label of the link to the customers concerned (with [`Finding::selection`]).
    pub link: Option<String>,
}

/// The headline findings of `analysis`, most important first, at most [`MAX_FINDINGS`].
/// `profiles` are the customer file's rows (`Dataset::customers`), read only for the purchase
/// motive.
pub fn findings(analysis: &Analysis, profiles: &[Customer]) -> Vec<Finding> {
    [
        concentration(analysis),
        overdue(analysis, profiles),
        at_risk(analysis),
        retention(analysis),
        satisfaction(analysis),
    ]
    .into_iter()
    .flatten()
    .take(MAX_FINDINGS)
    .collect()
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

/// "El 5 % de sus clientes genera el 34 % de sus ventas": only with enough active customers,
/// positive sales, and when the class does make more than its share of customers.
fn concentration(a: &Analysis) -> Option<Finding> {
    let active = a.kpis.active_customers;
    let cmv = &a.value_classes.cmv;
    if active < MIN_BASIS || cmv.customers == 0 || a.kpis.value <= 0.0 {
        return None;
    }
    let customers_share = ratio(cmv.customers as f64, active as f64);
    let value_share = ratio(cmv.value, a.kpis.value);
    (value_share > customers_share).then_some(Finding::Concentration {
        customers: cmv.customers,
        customers_share,
        value_share,
        by_margin: a.ranked_by_margin,
    })
}

/// Overdue customers; chronic patients among them when the profiles carry the motive.
fn overdue(a: &Analysis, profiles: &[Customer]) -> Option<Finding> {
    if a.overdue.is_empty() {
        return None;
    }
    let chronic = profiles.iter().any(|p| p.motive.is_some()).then(|| {
        let known = profiles
            .iter()
            .map(|p| p.key as usize + 1)
            .max()
            .unwrap_or(0);
        let mut is_chronic = vec![false; known];
        for p in profiles {
            is_chronic[p.key as usize] = p.motive == Some(Motive::Chronic);
        }
        a.overdue
            .iter()
            .filter(|o| is_chronic.get(o.customer as usize) == Some(&true))
            .count()
    });
    Some(Finding::Overdue {
        customers: a.overdue.len(),
        chronic,
        value: a.overdue.iter().map(|o| o.value).sum(),
    })
}

/// The value the "En riesgo" segment still made in the window; only when it made some.
fn at_risk(a: &Analysis) -> Option<Finding> {
    let row = a.segments.iter().find(|r| r.segment == Segment::AtRisk)?;
    (row.customers > 0 && row.value > 0.0 && a.kpis.value > 0.0).then_some(Finding::AtRisk {
        customers: row.customers,
        value: row.value,
        value_share: row.value_share,
    })
}

/// Retention versus the previous window, with the customers who did not come back.
fn retention(a: &Analysis) -> Option<Finding> {
    let rate = a.kpis.retention_rate?;
    let inactive = Tier::Inactivo.index();
    let rows = &a.migration.counts[..inactive];
    let previous: usize = rows.iter().flatten().sum();
    let lost: usize = rows.iter().map(|row| row[inactive]).sum();
    (previous >= MIN_BASIS).then_some(Finding::Retention {
        previous,
        lost,
        rate,
    })
}

/// Satisfaction zones, when enough customers answered a survey.
fn satisfaction(a: &Analysis) -> Option<Finding> {
    let z = &a.zones;
    let surveyed = z.defection + z.indifference + z.affection;
    (surveyed >= MIN_BASIS).then_some(Finding::Satisfaction {
        surveyed,
        affection: z.affection,
        defection: z.defection,
        nps: a.nps.score,
    })
}

impl Finding {
    /// A stable name (test hooks, CSS).
    pub fn slug(&self) -> &'static str {
        match self {
            Finding::Concentration { .. } => "concentration",
            Finding::Overdue { .. } => "overdue",
            Finding::AtRisk { .. } => "at-risk",
            Finding::Retention { .. } => "retention",
            Finding::Satisfaction { .. } => "satisfaction",
        }
    }

    /// The customers the finding is about, for the drill-down link.
    pub fn selection(&self) -> Option<Selection> {
        match self {
            Finding::Concentration { .. } => Some(Selection::ValueClass(ValueClass::Cmv)),
            Finding::Overdue { .. } => Some(Selection::Overdue),
            Finding::AtRisk { .. } => Some(Selection::Segment(Segment::AtRisk)),
            Finding::Retention { .. } => None,
            Finding::Satisfaction { defection, .. } => Some(Selection::Zone(if *defection > 0 {
                crate::engine::Zone::Defection
            } else {
                crate::engine::Zone::Affection
            })),
        }
    }

    /// The finding in words, numbers formatted for `lang`.
    pub fn text(&self, lang: Lang, currency: &str) -> FindingText {
        let l = lang.code();
        let pct = |share: f64| format::percent(share, lang);
        let n = |count: usize| format::count(count, lang);
        let money = |value: f64| format::money(value, currency, lang);
        match *self {
            Finding::Concentration {
                customers,
                customers_share,
                value_share,
                by_margin,
            } => FindingText {
                headline: t!(
                    "summary.finding.concentration",
                    locale = l,
                    customers_share = pct(customers_share),
                    value_share = pct(value_share)
                )
                .into_owned(),
                detail: if by_margin {
                    t!(
                        "summary.finding.concentration_margin",
                        locale = l,
                        customers = n(customers)
                    )
                } else {
                    t!(
                        "summary.finding.concentration_value",
                        locale = l,
                        customers = n(customers)
                    )
                }
                .into_owned(),
                link: Some(t!("summary.finding.link_cmv", locale = l).into_owned()),
            },
            Finding::Overdue {
                customers,
                chronic,
                value,
            } => {
                let headline = match chronic {
                    Some(c) if c > 0 => {
                        t!(
                            "summary.finding.overdue_chronic",
                            locale = l,
                            chronic = n(c)
                        )
                    }
                    _ => t!(
                        "summary.finding.overdue",
                        locale = l,
                        customers = n(customers)
                    ),
                };
                let mut detail = match chronic {
                    Some(c) if c > 0 => t!(
                        "summary.finding.overdue_chronic_detail",
                        locale = l,
                        customers = n(customers)
                    )
                    .into_owned(),
                    _ => t!("summary.finding.overdue_detail", locale = l).into_owned(),
                };
                if value > 0.0 {
                    detail.push(' ');
                    detail.push_str(&t!(
                        "summary.finding.overdue_value",
                        locale = l,
                        value = money(value)
                    ));
                }
                FindingText {
                    headline: headline.into_owned(),
                    detail,
                    link: Some(t!("summary.finding.link_overdue", locale = l).into_owned()),
                }
            }
            Finding::AtRisk {
                customers,
                value,
                value_share,
            } => FindingText {
                headline: t!(
                    "summary.finding.at_risk",
                    locale = l,
                    customers = n(customers),
                    value = money(value),
                    value_share = pct(value_share)
                )
                .into_owned(),
                detail: t!("summary.finding.at_risk_detail", locale = l).into_owned(),
                link: Some(t!("summary.finding.link_at_risk", locale = l).into_owned()),
            },
            Finding::Retention {
                previous,
                lost,
                rate,
            } => FindingText {
                headline: t!("summary.finding.retention", locale = l, rate = pct(rate))
                    .into_owned(),
                detail: t!(
                    "summary.finding.retention_detail",
                    locale = l,
                    lost = n(lost),
                    previous = n(previous)
                )
                .into_owned(),
                link: None,
            },
            Finding::Satisfaction {
                surveyed,
                affection,
                defection,
                nps,
            } => {
                let mut detail = t!(
                    "summary.finding.satisfaction_detail",
                    locale = l,
                    defection = n(defection),
                    defection_share = pct(ratio(defection as f64, surveyed as f64))
                )
                .into_owned();
                if let Some(score) = nps {
                    detail.push(' ');
                    detail.push_str(&t!(
                        "summary.finding.satisfaction_nps",
                        locale = l,
                        nps = format::number(score, 1, lang)
                    ));
                }
                FindingText {
                    headline: t!(
                        "summary.finding.satisfaction",
                        locale = l,
                        share = pct(ratio(affection as f64, surveyed as f64)),
                        affection = n(affection),
                        surveyed = n(surveyed)
                    )
                    .into_owned(),
                    detail,
                    link: Some(if defection > 0 {
                        t!("summary.finding.link_defection", locale = l).into_owned()
                    } else {
                        t!("summary.finding.link_affection", locale = l).into_owned()
                    }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;

    use crate::demo::analysed as demo;
    use crate::engine::{Params, Prepared};

    fn find(list: &[Finding], slug: &str) -> Option<Finding> {
        list.iter().find(|f| f.slug() == slug).cloned()
    }

    #[test]
    fn demo_gives_five_findings_from_its_numbers() {
        let (data, a) = demo();
        let list = findings(a, &data.customers);
        assert_eq!(list.len(), 5);
        let Some(Finding::Concentration {
            customers,
            customers_share,
            value_share,
            by_margin,
        }) = find(&list, "concentration")
        else {
            panic!("no concentration finding");
        };
        assert_eq!(customers, a.value_classes.cmv.customers);
        assert!(
            (customers_share - customers as f64 / a.kpis.active_customers as f64).abs() < 1e-12
        );
        assert!((value_share - a.value_classes.cmv.value / a.kpis.value).abs() < 1e-12);
        assert_eq!(by_margin, a.ranked_by_margin);
        // Top ~5 % make far more than 5 % of sales in the demo.
        assert!(customers_share < 0.06 && value_share > 0.2);

        let Some(Finding::Overdue {
            customers,
            chronic,
            value,
        }) = find(&list, "overdue")
        else {
            panic!("no overdue finding");
        };
        assert_eq!(customers, a.overdue.len());
        // The demo's profiles carry the motive: count the chronic ones independently.
        let expected_chronic = a
            .overdue
            .iter()
            .filter(|o| {
                data.customers
                    .iter()
                    .find(|c| c.key == o.customer)
                    .is_some_and(|c| c.motive == Some(Motive::Chronic))
            })
            .count();
        assert_eq!(chronic, Some(expected_chronic));
        assert!(expected_chronic > 0 && expected_chronic <= customers);
        assert!(value >= 0.0);

        let Some(Finding::Retention {
            previous,
            lost,
            rate,
        }) = find(&list, "retention")
        else {
            panic!("no retention finding");
        };
        assert_eq!(Some(rate), a.kpis.retention_rate);
        // The counts agree with the rate the engine computed separately.
        assert!(((previous - lost) as f64 / previous as f64 - rate).abs() < 1e-12);
    }

    #[test]
    fn spanish_text_carries_the_numbers() {
        let f = Finding::Concentration {
            customers: 88,
            customers_share: 0.0497,
            value_share: 0.3395,
            by_margin: true,
        };
        let text = f.text(Lang::Es, "S/");
        assert_eq!(
            text.headline,
            "El 5,0\u{a0}% de sus clientes genera el 34,0\u{a0}% de sus ventas"
        );
        assert!(text.detail.contains("88"), "{}", text.detail);
        let en = f.text(Lang::En, "S/");
        assert_eq!(
            en.headline,
            "5.0% of your customers make 34.0% of your sales"
        );

        let chronic = Finding::Overdue {
            customers: 360,
            chronic: Some(212),
            value: 1234.5,
        }
        .text(Lang::Es, "S/");
        assert_eq!(
            chronic.headline,
            "212 pacientes crónicos no han vuelto a comprar en su plazo habitual"
        );
        assert!(chronic.detail.contains("360"));
        assert!(chronic.detail.contains("S/\u{a0}1\u{202f}234,50"));
        // Without the motive in the profiles, no word about chronic patients.
        let plain = Finding::Overdue {
            customers: 360,
            chronic: None,
            value: 0.0,
        }
        .text(Lang::Es, "S/");
        assert!(plain.headline.starts_with("360 clientes"));
        assert!(!plain.headline.contains("crónic") && !plain.detail.contains("crónic"));
        assert!(!plain.detail.contains("S/"), "no zero amount stated");
    }

    #[test]
    fn findings_without_basis_are_left_out() {
        // An empty analysis (no sales, no surveys) states nothing.
        let empty = Prepared::new(&Dataset::default()).analyze(&Params::default());
        assert!(findings(&empty, &[]).is_empty());

        let (_, a) = demo();
        // Retention is None: no retention finding (never "NaN %").
        let mut no_previous = a.clone();
        no_previous.kpis.retention_rate = None;
        assert!(find(&findings(&no_previous, &[]), "retention").is_none());
        // Too few surveyed customers: no satisfaction finding.
        let mut few = a.clone();
        few.zones.affection = 5;
        few.zones.indifference = 5;
        few.zones.defection = 5;
        assert!(find(&findings(&few, &[]), "satisfaction").is_none());
        // No overdue customer: no overdue finding; profiles without motive: no chronic count.
        let mut none_overdue = a.clone();
        none_overdue.overdue.clear();
        assert!(find(&findings(&none_overdue, &[]), "overdue").is_none());
        let no_motive = vec![Customer::default()];
        match find(&findings(a, &no_motive), "overdue") {
            Some(Finding::Overdue { chronic, .. }) => assert_eq!(chronic, None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_finding_links_or_says_why_not() {
        let (data, a) = demo();
        for f in findings(a, &data.customers) {
            let text = f.text(Lang::Es, "S/");
            assert_eq!(text.link.is_some(), f.selection().is_some(), "{f:?}");
            assert!(!text.headline.contains("%{"), "{}", text.headline);
            assert!(!text.detail.contains("%{"), "{}", text.detail);
            assert!(!text.headline.contains("NaN"));
        }
    }
}
