//! Which customers a drill-down shows: clicking a segment, a tier, an R×F cell, a zone… opens
//! the customer list filtered by a [`Selection`]. A selection lives in the page address
//! (`#/clientes?ver=segment:at_risk`), so the back button and a shared link both work.

use crate::engine::{CustomerMetrics, Migration, Quadrant, Segment, Tier, Zone};
use crate::import::Lang;
use rust_i18n::t;

/// A group of customers named by one chart element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every known customer.
    All,
    /// Active customers in one RFV segment.
    Segment(Segment),
    /// Customers in one tier of the current window (`Inactivo` included).
    Tier(Tier),
    /// Active customers with this R and F score (a cell of the R×F heatmap).
    RfCell {
        /// Recency score 1–5.
        r: u8,
        /// Frequency score 1–5.
        f: u8,
    },
    /// Customers in one satisfaction zone.
    Zone(Zone),
    /// Customers in one satisfaction × loyalty quadrant.
    Quadrant(Quadrant),
    /// Customers who moved from one tier (previous window) to another (current window).
    Migration {
        /// Tier in the previous window.
        from: Tier,
        /// Tier in the current window.
        to: Tier,
    },
    /// Customers whose first purchase ever falls in the window, now in this tier (the
    /// migration matrix's "new" row).
    NewIn(Tier),
    /// One Peppers & Rogers value class.
    ValueClass(ValueClass),
    /// Customers overdue for their next purchase.
    Overdue,
}

/// The value classes a selection can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueClass {
    /// Most valuable customers.
    Cmv,
    /// Most growable customers.
    Cmp,
    /// Below zero.
    Bz,
    /// Tier changed between windows.
    Migrant,
}

impl ValueClass {
    /// Every value class.
    pub const ALL: [ValueClass; 4] = [
        ValueClass::Cmv,
        ValueClass::Cmp,
        ValueClass::Bz,
        ValueClass::Migrant,
    ];
}

const SEGMENTS: [(Segment, &str); 11] = [
    (Segment::Champions, "champions"),
    (Segment::Loyal, "loyal"),
    (Segment::PotentialLoyalists, "potential_loyalists"),
    (Segment::NewCustomers, "new_customers"),
    (Segment::Promising, "promising"),
    (Segment::NeedAttention, "need_attention"),
    (Segment::AboutToSleep, "about_to_sleep"),
    (Segment::AtRisk, "at_risk"),
    (Segment::CantLoseThem, "cant_lose_them"),
    (Segment::Hibernating, "hibernating"),
    (Segment::Lost, "lost"),
];
const TIERS: [(Tier, &str); 5] = [
    (Tier::Platino, "platino"),
    (Tier::Oro, "oro"),
    (Tier::Hierro, "hierro"),
    (Tier::Plomo, "plomo"),
    (Tier::Inactivo, "inactivo"),
];
const ZONES: [(Zone, &str); 3] = [
    (Zone::Defection, "defection"),
    (Zone::Indifference, "indifference"),
    (Zone::Affection, "affection"),
];
const QUADRANTS: [(Quadrant, &str); 5] = [
    (Quadrant::Apostle, "apostle"),
    (Quadrant::Mercenary, "mercenary"),
    (Quadrant::Hostage, "hostage"),
    (Quadrant::Terrorist, "terrorist"),
    (Quadrant::NoSurvey, "no_survey"),
];
const CLASSES: [(ValueClass, &str); 4] = [
    (ValueClass::Cmv, "cmv"),
    (ValueClass::Cmp, "cmp"),
    (ValueClass::Bz, "bz"),
    (ValueClass::Migrant, "migrant"),
];

fn slug<T: PartialEq + Copy>(table: &[(T, &'static str)], item: T) -> &'static str {
    table
        .iter()
        .find(|(t, _)| *t == item)
        .map_or("", |(_, s)| s)
}

fn parse<T: Copy>(table: &[(T, &'static str)], text: &str) -> Option<T> {
    table.iter().find(|(_, s)| *s == text).map(|(t, _)| *t)
}

/// The stable name of a segment (addresses and locale keys: `segment.at_risk`).
pub fn segment_slug(segment: Segment) -> &'static str {
    slug(&SEGMENTS, segment)
}

/// The stable name of a tier (`tier.platino`).
pub fn tier_slug(tier: Tier) -> &'static str {
    slug(&TIERS, tier)
}

/// The stable name of a zone (`zone.affection`).
pub fn zone_slug(zone: Zone) -> &'static str {
    slug(&ZONES, zone)
}

/// The stable name of a quadrant (`quadrant.apostle`).
pub fn quadrant_slug(quadrant: Quadrant) -> &'static str {
    slug(&QUADRANTS, quadrant)
}

/// The stable name of a value class (`value_class.cmv`).
pub fn class_slug(class: ValueClass) -> &'static str {
    slug(&CLASSES, class)
}

/// A segment's name in `lang` (DOMAIN.md §2 names).
pub fn segment_name(segment: Segment, lang: Lang) -> String {
    t!(
        format!("segment.{}", segment_slug(segment)),
        locale = lang.code()
    )
    .into_owned()
}

/// A tier's name in `lang`.
pub fn tier_name(tier: Tier, lang: Lang) -> String {
    t!(format!("tier.{}", tier_slug(tier)), locale = lang.code()).into_owned()
}

/// A zone's name in `lang`.
pub fn zone_name(zone: Zone, lang: Lang) -> String {
    t!(format!("zone.{}", zone_slug(zone)), locale = lang.code()).into_owned()
}

/// A quadrant's name in `lang`.
pub fn quadrant_name(quadrant: Quadrant, lang: Lang) -> String {
    t!(
        format!("quadrant.{}", quadrant_slug(quadrant)),
        locale = lang.code()
    )
    .into_owned()
}

/// A value class's name in `lang`.
pub fn class_name(class: ValueClass, lang: Lang) -> String {
    t!(
        format!("value_class.{}", class_slug(class)),
        locale = lang.code()
    )
    .into_owned()
}

impl Selection {
    /// Whether `customer` belongs to the selection.
    pub fn matches(&self, customer: &CustomerMetrics) -> bool {
        match *self {
            Selection::All => true,
            Selection::Segment(s) => customer.segment == Some(s),
            Selection::Tier(t) => customer.tier == t,
            Selection::RfCell { r, f } => customer.scores.is_some_and(|s| s.r == r && s.f == f),
            Selection::Zone(z) => customer.zone == Some(z),
            Selection::Quadrant(q) => customer.quadrant == q,
            Selection::Migration { from, to } => {
                customer.previous_tier == from && customer.tier == to
            }
            Selection::NewIn(t) => customer.migration == Migration::New && customer.tier == t,
            Selection::ValueClass(class) => {
                let flags = customer.value_classes;
                match class {
                    ValueClass::Cmv => flags.cmv,
                    ValueClass::Cmp => flags.cmp,
                    ValueClass::Bz => flags.bz == Some(true),
                    ValueClass::Migrant => flags.migrant,
                }
            }
            Selection::Overdue => customer.overdue,
        }
    }

    /// The selection as the `ver` value of an address: `segment:at_risk`, `rf:5-4`, `new:oro`,
    /// `migration:oro-platino`, `overdue`, `all`.
    pub fn to_query(&self) -> String {
        match *self {
            Selection::All => "all".into(),
            Selection::Segment(s) => format!("segment:{}", segment_slug(s)),
            Selection::Tier(t) => format!("tier:{}", tier_slug(t)),
            Selection::RfCell { r, f } => format!("rf:{r}-{f}"),
            Selection::Zone(z) => format!("zone:{}", zone_slug(z)),
            Selection::Quadrant(q) => format!("quadrant:{}", quadrant_slug(q)),
            Selection::Migration { from, to } => {
                format!("migration:{}-{}", tier_slug(from), tier_slug(to))
            }
            Selection::NewIn(t) => format!("new:{}", tier_slug(t)),
            Selection::ValueClass(c) => format!("class:{}", class_slug(c)),
            Selection::Overdue => "overdue".into(),
        }
    }

    /// Reads [`Selection::to_query`]'s text; `None` for anything else.
    pub fn from_query(text: &str) -> Option<Selection> {
        let (kind, value) = text.split_once(':').unwrap_or((text, ""));
        Some(match kind {
            "all" => Selection::All,
            "overdue" => Selection::Overdue,
            "segment" => Selection::Segment(parse(&SEGMENTS, value)?),
            "tier" => Selection::Tier(parse(&TIERS, value)?),
            "zone" => Selection::Zone(parse(&ZONES, value)?),
            "quadrant" => Selection::Quadrant(parse(&QUADRANTS, value)?),
            "class" => Selection::ValueClass(parse(&CLASSES, value)?),
            "new" => Selection::NewIn(parse(&TIERS, value)?),
            "rf" => {
                let (r, f) = value.split_once('-')?;
                let (r, f) = (r.parse().ok()?, f.parse().ok()?);
                if !(1..=5).contains(&r) || !(1..=5).contains(&f) {
                    return None;
                }
                Selection::RfCell { r, f }
            }
            "migration" => {
                let (from, to) = value.split_once('-')?;
                Selection::Migration {
                    from: parse(&TIERS, from)?,
                    to: parse(&TIERS, to)?,
                }
            }
            _ => return None,
        })
    }

    /// What the selection shows, for the list's title: "Segmento: En riesgo".
    pub fn title(&self, lang: Lang) -> String {
        let l = lang.code();
        match *self {
            Selection::All => t!("selection.all", locale = l).into_owned(),
            Selection::Segment(s) => t!(
                "selection.segment",
                locale = l,
                name = segment_name(s, lang)
            )
            .into_owned(),
            Selection::Tier(tier) => {
                t!("selection.tier", locale = l, name = tier_name(tier, lang)).into_owned()
            }
            Selection::RfCell { r, f } => {
                t!("selection.rf_cell", locale = l, r = r, f = f).into_owned()
            }
            Selection::Zone(z) => {
                t!("selection.zone", locale = l, name = zone_name(z, lang)).into_owned()
            }
            Selection::Quadrant(q) => t!(
                "selection.quadrant",
                locale = l,
                name = quadrant_name(q, lang)
            )
            .into_owned(),
            Selection::Migration { from, to } => t!(
                "selection.migration",
                locale = l,
                from = tier_name(from, lang),
                to = tier_name(to, lang)
            )
            .into_owned(),
            Selection::NewIn(tier) => {
                t!("selection.new_in", locale = l, name = tier_name(tier, lang)).into_owned()
            }
            Selection::ValueClass(c) => t!(
                "selection.value_class",
                locale = l,
                name = class_name(c, lang)
            )
            .into_owned(),
            Selection::Overdue => t!("selection.overdue", locale = l).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_selection() -> Vec<Selection> {
        let mut all = vec![Selection::All, Selection::Overdue];
        all.extend(SEGMENTS.iter().map(|(s, _)| Selection::Segment(*s)));
        all.extend(TIERS.iter().map(|(t, _)| Selection::Tier(*t)));
        all.extend(ZONES.iter().map(|(z, _)| Selection::Zone(*z)));
        all.extend(QUADRANTS.iter().map(|(q, _)| Selection::Quadrant(*q)));
        all.extend(CLASSES.iter().map(|(c, _)| Selection::ValueClass(*c)));
        all.extend(TIERS.iter().map(|(t, _)| Selection::NewIn(*t)));
        for r in 1..=5 {
            for f in 1..=5 {
                all.push(Selection::RfCell { r, f });
            }
        }
        for (from, _) in TIERS {
            for (to, _) in TIERS {
                all.push(Selection::Migration { from, to });
            }
        }
        all
    }

    #[test]
    fn every_selection_survives_the_address_bar() {
        for s in every_selection() {
            assert_eq!(
                Selection::from_query(&s.to_query()),
                Some(s),
                "{}",
                s.to_query()
            );
        }
    }

    #[test]
    fn tables_cover_every_variant() {
        assert_eq!(SEGMENTS.map(|(s, _)| s), Segment::ALL);
        assert_eq!(TIERS.map(|(t, _)| t), Tier::ALL);
        assert_eq!(ZONES.map(|(z, _)| z), Zone::ALL);
        assert_eq!(QUADRANTS.map(|(q, _)| q), Quadrant::ALL);
        assert_eq!(CLASSES.map(|(c, _)| c), ValueClass::ALL);
        for s in Segment::ALL {
            assert!(!segment_slug(s).is_empty());
        }
        for t in Tier::ALL {
            assert!(!tier_slug(t).is_empty());
        }
    }

    #[test]
    fn unknown_or_out_of_range_addresses_are_refused() {
        for bad in [
            "",
            "segment:",
            "segment:nope",
            "rf:6-1",
            "rf:0-3",
            "rf:3",
            "migration:oro",
            "tier:gold",
        ] {
            assert_eq!(Selection::from_query(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_selection_has_a_title_in_both_languages() {
        for s in every_selection() {
            for lang in Lang::ALL {
                let title = s.title(lang);
                assert!(
                    !title.contains('.') || title.contains(' '),
                    "raw key for {s:?}: {title}"
                );
                assert!(
                    !title.contains("%{"),
                    "unfilled placeholder for {s:?}: {title}"
                );
            }
        }
        assert_eq!(
            Selection::Segment(Segment::AtRisk).title(Lang::Es),
            "Segmento: En riesgo"
        );
        assert_eq!(
            Selection::RfCell { r: 5, f: 4 }.title(Lang::En),
            "Recency 5 × frequency 4"
        );
        assert_eq!(
            Selection::Migration {
                from: Tier::Oro,
                to: Tier::Platino
            }
            .title(Lang::Es),
            "De Oro a Platino"
        );
    }

    #[test]
    fn domain_names_match_the_engine_names() {
        for s in Segment::ALL {
            assert_eq!(segment_name(s, Lang::Es), s.name_es());
            assert_eq!(segment_name(s, Lang::En), s.name_en());
        }
        for tier in Tier::ALL {
            assert_eq!(tier_name(tier, Lang::Es), tier.name_es());
            assert_eq!(tier_name(tier, Lang::En), tier.name_en());
        }
    }
}
