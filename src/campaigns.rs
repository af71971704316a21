//! Campaigns (DOMAIN.md §7): target lists built from any combination of the engine's groups
//! (segment, tier, zone, quadrant, value class, overdue), metric ranges and the customer file's
//! profile fields ([`crate::customer_filter`], shared with the Clientes list), their totals, the
//! campaigns suggested per segment, the saved campaigns of a workspace, and the CSV and phone
//! list handed to the business's own channels — only customers with marketing consent unless the
//! user overrides it knowingly. Pure: the Campañas page only wires it to signals and storage.

pub use crate::customer_filter::Filter;
use crate::customer_filter::{has_consent, insurance_name, motive_name, profiles, same_name};
use crate::customer_list::{self, ListQuery, csv_line, csv_number, csv_separator};
use crate::engine::{Analysis, CustomerMetrics, Segment, Tier, Zone};
use crate::i18n::plural;
use crate::import::Lang;
use crate::model::{Customer, Dataset, Motive, date_from_day};
use crate::selection::{Selection, segment_name, tier_name};
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// The customers a campaign reaches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Audience {
    /// Positions in `analysis.customers` of the customers exported, most valuable first.
    pub rows: Vec<usize>,
    /// Customers meeting the filter, consent or not.
    pub matching: usize,
    /// Matching customers without marketing consent.
    pub without_consent: usize,
    /// Whether customers without consent are included (the user's explicit override).
    pub includes_without_consent: bool,
}

impl Audience {
    /// Matching customers left out for lack of consent (0 with the override).
    pub fn left_out(&self) -> usize {
        if self.includes_without_consent {
            0
        } else {
            self.without_consent
        }
    }
}

/// The customers `filter` targets, most valuable first (the customer list's order), keeping only
/// those with marketing consent unless `include_without_consent`.
pub fn audience(
    analysis: &Analysis,
    data: &Dataset,
    filter: &Filter,
    include_without_consent: bool,
) -> Audience {
    let profiles = profiles(data);
    let profile = |i: usize| {
        profiles
            .get(analysis.customers[i].customer as usize)
            .copied()
            .flatten()
    };
    let query = ListQuery {
        filter: filter.clone(),
        ..ListQuery::new(Selection::All)
    };
    let matching = customer_list::select(analysis, data, &query);
    let total = matching.len();
    let consenting: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|&i| has_consent(profile(i)))
        .collect();
    let without_consent = total - consenting.len();
    Audience {
        rows: if include_without_consent {
            matching
        } else {
            consenting
        },
        matching: total,
        without_consent,
        includes_without_consent: include_without_consent,
    }
}

/// Count, value and 12-month CLV of the exported customers.
pub fn totals(analysis: &Analysis, audience: &Audience) -> customer_list::Totals {
    customer_list::totals(analysis, &audience.rows)
}

/// A column of the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Column {
    /// Customer id.
    Id,
    /// Full name.
    Name,
    /// Phone number.
    Phone,
    /// E-mail address.
    Email,
    /// District.
    District,
    /// RFV segment.
    Segment,
    /// Pyramid tier.
    Tier,
    /// Value in the window.
    Value,
    /// 12-month CLV.
    Clv,
    /// Date of the last purchase (ISO, `2025-03-31`).
    LastPurchase,
    /// Purchases in the window.
    Frequency,
    /// Purchase motive.
    Motive,
    /// Health insurance.
    Insurance,
    /// Preferred channel.
    Channel,
    /// Marketing consent.
    Consent,
}

impl Column {
    /// Every column, in the order offered and exported.
    pub const ALL: [Column; 15] = [
        Column::Id,
        Column::Name,
        Column::Phone,
        Column::Email,
        Column::District,
        Column::Segment,
        Column::Tier,
        Column::Value,
        Column::Clv,
        Column::LastPurchase,
        Column::Frequency,
        Column::Motive,
        Column::Insurance,
        Column::Channel,
        Column::Consent,
    ];

    /// The columns chosen at first.
    pub const DEFAULT: [Column; 6] = [
        Column::Id,
        Column::Name,
        Column::Phone,
        Column::Email,
        Column::Segment,
        Column::Value,
    ];

    /// The locale key of the column's title.
    pub fn label_key(self) -> &'static str {
        match self {
            Column::Id => "customers.col_id",
            Column::Name => "customers.col_name",
            Column::Phone => "card.phone",
            Column::Email => "card.email",
            Column::District => "card.district",
            Column::Segment => "customers.col_segment",
            Column::Tier => "customers.col_tier",
            Column::Value => "customers.col_value",
            Column::Clv => "customers.col_clv",
            Column::LastPurchase => "card.recency",
            Column::Frequency => "customers.col_frequency",
            Column::Motive => "card.motive",
            Column::Insurance => "card.insurance",
            Column::Channel => "card.channel",
            Column::Consent => "card.consent",
        }
    }

    /// The column's title in `lang`.
    pub fn label(self, lang: Lang) -> String {
        t!(self.label_key(), locale = lang.code()).into_owned()
    }

    /// The stable name of the column (test hooks).
    pub fn slug(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Phone => "phone",
            Column::Email => "email",
            Column::District => "district",
            Column::Segment => "segment",
            Column::Tier => "tier",
            Column::Value => "value",
            Column::Clv => "clv",
            Column::LastPurchase => "last_purchase",
            Column::Frequency => "frequency",
            Column::Motive => "motive",
            Column::Insurance => "insurance",
            Column::Channel => "channel",
            Column::Consent => "consent",
        }
    }

    /// The column's CSV text for one customer (numbers without grouping, in the language's
    /// decimal mark).
    fn text(self, data: &Dataset, m: &CustomerMetrics, c: Option<&Customer>, lang: Lang) -> String {
        let l = lang.code();
        let profile = |f: fn(&Customer) -> Option<String>| c.and_then(f).unwrap_or_default();
        match self {
            Column::Id => data.customer_ids.name(m.customer).to_owned(),
            Column::Name => profile(|c| c.name.clone()),
            Column::Phone => profile(|c| c.phone.clone()),
            Column::Email => profile(|c| c.email.clone()),
            Column::District => profile(|c| c.district.clone()),
            Column::Segment => m.segment.map(|s| segment_name(s, lang)).unwrap_or_default(),
            Column::Tier => tier_name(m.tier, lang),
            Column::Value => csv_number(m.value, 2, lang),
            Column::Clv => m.clv.map(|v| csv_number(v, 2, lang)).unwrap_or_default(),
            Column::LastPurchase => m
                .last_purchase
                .map(|d| date_from_day(d).to_string())
                .unwrap_or_default(),
            Column::Frequency => m.frequency.to_string(),
            Column::Motive => c
                .and_then(|c| c.motive)
                .map(|x| motive_name(x, lang))
                .unwrap_or_default(),
            Column::Insurance => c
                .and_then(|c| c.insurance)
                .map(|x| insurance_name(x, lang))
                .unwrap_or_default(),
            Column::Channel => profile(|c| c.preferred_channel.clone()),
            Column::Consent => t!(
                if has_consent(c) {
                    "card.consent_yes"
                } else {
                    "card.consent_no"
                },
                locale = l
            )
            .into_owned(),
        }
    }
}

/// The sentence that says whom the export holds (first line of the CSV, note on the page).
pub fn consent_note(audience: &Audience, lang: Lang) -> String {
    let (l, n) = (lang.code(), audience.without_consent);
    let shown = crate::format::count(n, lang);
    plural(
        if audience.includes_without_consent {
            t!("campaigns.note_override", locale = l, n = shown)
        } else {
            t!("campaigns.note_consent", locale = l, n = shown)
        },
        &[("n", n)],
    )
}

/// The audience as CSV for Excel: UTF-8 with a byte-order mark, a first `#` line saying whether
/// customers without consent are included, the chosen columns' titles, one line per customer
/// (separator and decimal mark as [`customer_list::csv`]).
pub fn csv(
    analysis: &Analysis,
    data: &Dataset,
    audience: &Audience,
    columns: &[Column],
    lang: Lang,
) -> String {
    let sep = csv_separator(lang);
    let profiles = profiles(data);
    let mut out = String::from("\u{feff}");
    out.push_str(&format!(
        "# {}\r\n",
        consent_note(audience, lang).replace(['\r', '\n'], " ")
    ));
    csv_line(&mut out, columns.iter().map(|c| c.label(lang)), sep);
    for &i in &audience.rows {
        let m = &analysis.customers[i];
        let profile = profiles.get(m.customer as usize).copied().flatten();
        csv_line(
            &mut out,
            columns.iter().map(|c| c.text(data, m, profile, lang)),
            sep,
        );
    }
    out
}

/// The audience's phone numbers, one per line, each once, in list order (customers without a
/// phone are skipped).
pub fn phones(analysis: &Analysis, data: &Dataset, audience: &Audience) -> Vec<String> {
    let profiles = profiles(data);
    let mut seen = std::collections::HashSet::new();
    audience
        .rows
        .iter()
        .filter_map(|&i| {
            profiles
                .get(analysis.customers[i].customer as usize)
                .copied()
                .flatten()
        })
        .filter_map(|c| c.phone.as_deref().map(str::trim))
        .filter(|p| !p.is_empty() && seen.insert(p.to_owned()))
        .map(str::to_owned)
        .collect()
}

/// Lower-case ASCII words joined by `-` (file names).
fn slugify(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The export's file name: the campaign's name and whom it holds, e.g.
/// `campana-recordatorio-de-reposicion-solo-con-consentimiento.csv`.
pub fn file_name(campaign: &str, audience: &Audience, lang: Lang) -> String {
    let l = lang.code();
    let base = slugify(campaign);
    let base = if base.is_empty() {
        slugify(&t!("campaigns.file_default", locale = l))
    } else {
        base
    };
    let who = t!(
        if audience.includes_without_consent {
            "campaigns.file_all"
        } else {
            "campaigns.file_consent"
        },
        locale = l
    );
    format!(
        "{}-{base}-{}.csv",
        slugify(&t!("campaigns.file_prefix", locale = l)),
        slugify(&who)
    )
}

/// A campaign suggested by the lectures for a group of customers.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Stable name (locale key `campaigns.suggest_<slug>`, test hook).
    pub slug: &'static str,
    /// Locale key of the sentence saying what to do (the card's `action.*` where it fits).
    pub action_key: &'static str,
    /// The target list.
    pub filter: Filter,
}

impl Suggestion {
    /// The campaign's name in `lang`.
    pub fn name(&self, lang: Lang) -> String {
        t!(
            format!("campaigns.suggest_{}", self.slug),
            locale = lang.code()
        )
        .into_owned()
    }

    /// What to do with the list, in `lang`.
    pub fn action(&self, lang: Lang) -> String {
        t!(self.action_key, locale = lang.code()).into_owned()
    }
}

/// The suggested campaigns: the lectures' treatment per segment (reward Champions, a club for
/// Platino, win back "En riesgo" and "No se pueden perder", refill reminders for overdue chronic
/// patients, welcome the new, reactivate those about to sleep, recover the dissatisfied).
pub fn suggestions() -> Vec<Suggestion> {
    let seg = |s| Filter {
        segment: Some(s),
        ..Filter::default()
    };
    vec![
        Suggestion {
            slug: "refill",
            action_key: "action.overdue",
            filter: Filter {
                motive: Some(Motive::Chronic),
                overdue: true,
                ..Filter::default()
            },
        },
        Suggestion {
            slug: "winback",
            action_key: "action.at_risk",
            filter: seg(Segment::AtRisk),
        },
        Suggestion {
            slug: "cant_lose",
            action_key: "action.cant_lose_them",
            filter: seg(Segment::CantLoseThem),
        },
        Suggestion {
            slug: "platinum_club",
            action_key: "campaigns.action_platinum_club",
            filter: Filter {
                tier: Some(Tier::Platino),
                ..Filter::default()
            },
        },
        Suggestion {
            slug: "champions",
            action_key: "action.champions",
            filter: seg(Segment::Champions),
        },
        Suggestion {
            slug: "welcome",
            action_key: "action.new_customers",
            filter: seg(Segment::NewCustomers),
        },
        Suggestion {
            slug: "reactivate",
            action_key: "action.about_to_sleep",
            filter: seg(Segment::AboutToSleep),
        },
        Suggestion {
            slug: "recover",
            action_key: "campaigns.action_recover",
            filter: Filter {
                zone: Some(Zone::Defection),
                ..Filter::default()
            },
        },
    ]
}

/// A saved campaign: its name, its target list and the columns of its export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Name the user gave it.
    pub name: String,
    /// The target list.
    pub filter: Filter,
    /// Columns of the export, in order.
    pub columns: Vec<Column>,
}

/// Where a workspace's saved campaigns are kept in this browser (localStorage).
pub fn storage_key(workspace_id: &str) -> String {
    format!("fideliza.campaigns.{workspace_id}")
}

/// The saved campaigns as stored.
pub fn to_json(campaigns: &[Campaign]) -> String {
    serde_json::to_string(campaigns).unwrap_or_else(|_| "[]".into())
}

/// Reads [`to_json`]'s text; nothing when it cannot be read.
pub fn from_json(text: &str) -> Vec<Campaign> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Why a name is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Blank name.
    Empty,
    /// Another saved campaign has this name.
    Taken,
}

impl NameError {
    /// The message in `lang`.
    pub fn message(self, lang: Lang) -> String {
        let key = match self {
            NameError::Empty => "campaigns.name_empty",
            NameError::Taken => "campaigns.name_taken",
        };
        t!(key, locale = lang.code()).into_owned()
    }
}

/// Saves `campaign` (name trimmed), replacing the one of the same name (case ignored); returns
/// its position.
pub fn save(list: &mut Vec<Campaign>, mut campaign: Campaign) -> Result<usize, NameError> {
    campaign.name = campaign.name.trim().to_owned();
    if campaign.name.is_empty() {
        return Err(NameError::Empty);
    }
    match list.iter().position(|c| same_name(&c.name, &campaign.name)) {
        Some(i) => {
            list[i] = campaign;
            Ok(i)
        }
        None => {
            list.push(campaign);
            Ok(list.len() - 1)
        }
    }
}

/// Renames the campaign at `index`; refuses a blank name or one another campaign has.
pub fn rename(list: &mut [Campaign], index: usize, name: &str) -> Result<(), NameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if list
        .iter()
        .enumerate()
        .any(|(i, c)| i != index && same_name(&c.name, name))
    {
        return Err(NameError::Taken);
    }
    if let Some(c) = list.get_mut(index) {
        c.name = name.to_owned();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Insurance;
    use crate::selection::ValueClass;

    use crate::demo::analysed as demo;

    #[test]
    fn no_filter_is_everyone_and_a_segment_is_exactly_its_row() {
        let (data, analysis) = demo();
        let all = audience(analysis, data, &Filter::default(), true);
        assert_eq!(all.matching, analysis.customers.len());
        assert_eq!(all.rows.len(), all.matching);
        assert_eq!(all.left_out(), 0);
        for row in &analysis.segments {
            let f = Filter {
                segment: Some(row.segment),
                ..Filter::default()
            };
            let a = audience(analysis, data, &f, true);
            assert_eq!(a.matching, row.customers, "{:?}", row.segment);
            let t = totals(analysis, &a);
            assert!((t.value - row.value).abs() < 1e-6 * row.value.abs().max(1.0));
        }
    }

    #[test]
    fn conditions_combine_metrics_and_profile_and_consent_is_kept_apart() {
        let (data, analysis) = demo();
        let f = Filter {
            motive: Some(Motive::Chronic),
            overdue: true,
            ..Filter::default()
        };
        // Independent count straight from the data.
        let by_key: std::collections::HashMap<u32, &Customer> =
            data.customers.iter().map(|c| (c.key, c)).collect();
        let expected: Vec<u32> = analysis
            .customers
            .iter()
            .filter(|m| m.overdue)
            .filter(|m| {
                by_key
                    .get(&m.customer)
                    .is_some_and(|c| c.motive == Some(Motive::Chronic))
            })
            .map(|m| m.customer)
            .collect();
        assert!(expected.len() > 10, "the demo has overdue chronic patients");
        let consenting = expected
            .iter()
            .filter(|k| by_key[k].consent == Some(true))
            .count();
        let with = audience(analysis, data, &f, true);
        let only = audience(analysis, data, &f, false);
        assert_eq!(with.matching, expected.len());
        assert_eq!(with.rows.len(), expected.len());
        assert_eq!(only.rows.len(), consenting);
        assert_eq!(only.left_out(), expected.len() - consenting);
        assert!(only.left_out() > 0 && consenting > 0);
        assert!(
            only.rows
                .iter()
                .all(|&i| by_key[&analysis.customers[i].customer].consent == Some(true))
        );
        // Most valuable first.
        let values: Vec<f64> = only
            .rows
            .iter()
            .map(|&i| analysis.customers[i].value)
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));

        // A profile condition excludes customers outside the customer file.
        let m = &analysis.customers[with.rows[0]];
        let profile = by_key[&m.customer];
        assert!(f.matches(m, Some(profile), analysis.as_of));
        assert!(!f.matches(m, None, analysis.as_of));
        let family = Filter {
            min_family: Some(profile.family_size.unwrap()),
            district: Some(format!(
                " {} ",
                profile.district.clone().unwrap().to_uppercase()
            )),
            ..Filter::default()
        };
        assert!(family.matches(m, Some(profile), analysis.as_of));
        let bigger = Filter {
            min_family: Some(profile.family_size.unwrap() + 1),
            ..Filter::default()
        };
        assert!(!bigger.matches(m, Some(profile), analysis.as_of));
    }

    #[test]
    fn csv_says_whom_it_holds_and_has_the_chosen_columns() {
        let (data, analysis) = demo();
        let f = Filter {
            segment: Some(Segment::Champions),
            ..Filter::default()
        };
        let only = audience(analysis, data, &f, false);
        let columns = [Column::Id, Column::Phone, Column::Value, Column::Consent];
        let text = csv(analysis, data, &only, &columns, Lang::Es);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert!(lines[0].starts_with("\u{feff}# "), "{}", lines[0]);
        assert!(lines[0].contains("publicidad"), "{}", lines[0]);
        assert_eq!(lines[1], "Código;Teléfono;Valor;Acepta publicidad");
        assert_eq!(lines.len(), only.rows.len() + 2);
        assert!(lines[2..].iter().all(|l| l.ends_with(";Sí")));
        let first = &analysis.customers[only.rows[0]];
        assert!(lines[2].starts_with(&format!("{};", data.customer_ids.name(first.customer))));
        assert!(lines[2].contains(&csv_number(first.value, 2, Lang::Es)));

        let all = audience(analysis, data, &f, true);
        let text = csv(analysis, data, &all, &columns, Lang::En);
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), all.rows.len() + 2);
        assert_eq!(lines[1], "Id,Phone,Value,Marketing consent");
        assert!(lines[2..].iter().any(|l| l.ends_with(",No (not stated)")));
        assert_ne!(
            file_name("Club", &only, Lang::Es),
            file_name("Club", &all, Lang::Es)
        );
        assert_eq!(
            file_name("Recordatorio de reposición", &only, Lang::Es),
            "campana-recordatorio-de-reposicion-solo-con-consentimiento.csv"
        );
        let phones = phones(analysis, data, &only);
        assert!(!phones.is_empty() && phones.len() <= only.rows.len());
        assert!(phones.iter().all(|p| p.chars().any(|c| c.is_ascii_digit())));
    }

    #[test]
    fn every_suggestion_has_a_name_an_action_and_customers_in_the_demo() {
        let (data, analysis) = demo();
        let list = suggestions();
        let mut slugs: Vec<_> = list.iter().map(|s| s.slug).collect();
        slugs.dedup();
        assert_eq!(slugs.len(), list.len());
        for s in &list {
            for lang in [Lang::Es, Lang::En] {
                assert!(!s.name(lang).starts_with("campaigns."), "{}", s.slug);
                let action = s.action(lang);
                assert!(action.len() > 20, "{}: {action}", s.slug);
                assert!(!action.starts_with("action.") && !action.starts_with("campaigns."));
            }
            assert!(
                audience(analysis, data, &s.filter, true).matching > 0,
                "{}",
                s.slug
            );
        }
        for c in Column::ALL {
            assert_ne!(c.label(Lang::Es), c.label_key());
        }
    }

    #[test]
    fn saved_campaigns_round_trip_and_names_stay_distinct() {
        let filter = Filter {
            class: Some(ValueClass::Cmp),
            insurance: Some(Insurance::Eps),
            min_family: Some(4),
            channel: Some("Delivery".into()),
            ..Filter::default()
        };
        let mut list = Vec::new();
        let c = Campaign {
            name: "  Familias EPS ".into(),
            filter: filter.clone(),
            columns: vec![Column::Phone, Column::Clv],
        };
        assert_eq!(save(&mut list, c.clone()), Ok(0));
        assert_eq!(list[0].name, "Familias EPS");
        let back = from_json(&to_json(&list));
        assert_eq!(back, list);
        assert_eq!(back[0].filter.class, Some(ValueClass::Cmp));
        assert!(to_json(&list).contains("\"cmp\""));
        // Same name (case ignored) replaces.
        let mut other = c.clone();
        other.name = "familias eps".into();
        other.columns = vec![Column::Id];
        assert_eq!(save(&mut list, other), Ok(0));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].columns, vec![Column::Id]);
        let mut second = c.clone();
        second.name = "Platino".into();
        assert_eq!(save(&mut list, second), Ok(1));
        assert_eq!(rename(&mut list, 1, "FAMILIAS eps"), Err(NameError::Taken));
        assert_eq!(rename(&mut list, 1, "  "), Err(NameError::Empty));
        assert_eq!(rename(&mut list, 1, "Club Platino"), Ok(()));
        assert_eq!(list[1].name, "Club Platino");
        let mut empty = c;
        empty.name = " ".into();
        assert_eq!(save(&mut list, empty), Err(NameError::Empty));
        assert!(from_json("not json").is_empty());
        // Missing fields read as "any" (older saves stay readable).
        let old: Vec<Campaign> =
            from_json(r#"[{"name":"x","filter":{"overdue":true},"columns":["Id"]}]"#);
        assert!(old[0].filter.overdue && old[0].filter.segment.is_none());
        assert_eq!(storage_key("w1"), "fideliza.campaigns.w1");
    }
}
