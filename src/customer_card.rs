//! The customer card (ficha de cliente, DOMAIN.md §7): everything known of one customer —
//! profile, tickets, surveys, complaints, the engine's metrics — and the suggested action for
//! the customer's segment. Pure: the Clientes page only renders it.
//!
//! Tickets follow the engine's purchase occasions (DOMAIN.md §2): the lines of one ticket id on
//! one day, or of one day when the file has no ticket ids.

use crate::engine::{Analysis, CustomerMetrics};
use crate::import::Lang;
use crate::model::{Complaint, Customer, Dataset, Day, Household, Insurance, Motive, Survey};
use crate::selection::segment_slug;
use rust_i18n::t;
use std::cmp::Reverse;
use std::sync::{Arc, Weak};

/// One ticket (purchase occasion) of the customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticket {
    /// Day of the ticket.
    pub day: Day,
    /// Ticket id as written in the file, when it has one.
    pub id: Option<String>,
    /// Lines of the ticket.
    pub lines: u32,
    /// Net amount (returns negative).
    pub amount: f64,
}

/// Everything known of one customer.
#[derive(Clone, Debug)]
pub struct CustomerCard<'a> {
    /// Customer id as written in the files.
    pub id: &'a str,
    /// Row of the customer file, when imported.
    pub profile: Option<&'a Customer>,
    /// The engine's metrics at the analysis date.
    pub metrics: &'a CustomerMetrics,
    /// Tickets, newest first (every date, also after the window).
    pub tickets: Vec<Ticket>,
    /// Survey answers, newest first.
    pub surveys: Vec<&'a Survey>,
    /// Complaints, newest first.
    pub complaints: Vec<&'a Complaint>,
}

/// The customer of each sales line and of each customer-file row of a dataset, in their order:
/// a card scans these 4-byte keys for its customer's lines and row instead of reading every
/// ≈ 100-byte line of the dataset (≈ 100 MB for a million lines). Built once per dataset, in
/// one pass over the lines, about what one card cost before.
#[derive(Debug)]
pub struct CardIndex {
    /// The indexed dataset, known by identity only: the index does not keep it alive.
    of: Weak<Dataset>,
    /// `Dataset::sales[i].customer`.
    line_customers: Vec<u32>,
    /// `Dataset::customers[i].key`.
    profile_keys: Vec<u32>,
}

impl CardIndex {
    /// Indexes `data`: O(lines + customers).
    pub fn new(data: &Arc<Dataset>) -> Self {
        CardIndex {
            of: Arc::downgrade(data),
            line_customers: data.sales.iter().map(|s| s.customer).collect(),
            profile_keys: data.customers.iter().map(|c| c.key).collect(),
        }
    }

    /// The card of the customer with id `id` (trimmed) in `analysis` of `data`; `None` when
    /// the id is unknown. Reads this index when it is `data`'s, else indexes `data` first.
    pub fn card<'a>(
        &self,
        analysis: &'a Analysis,
        data: &'a Arc<Dataset>,
        id: &str,
    ) -> Option<CustomerCard<'a>> {
        let fresh;
        let index = if Weak::ptr_eq(&self.of, &Arc::downgrade(data)) {
            self
        } else {
            fresh = CardIndex::new(data);
            &fresh
        };
        index.card_of(analysis, data, id)
    }

    /// [`CardIndex::card`] once the index is `data`'s.
    fn card_of<'a>(
        &self,
        analysis: &'a Analysis,
        data: &'a Dataset,
        id: &str,
    ) -> Option<CustomerCard<'a>> {
        let key = data.customer_ids.get(id.trim())?;
        // `Analysis::customers` is indexed like `Dataset::customer_ids`.
        let metrics = analysis
            .customers
            .get(key as usize)
            .filter(|m| m.customer == key)?;
        let mut lines: Vec<(Day, Option<u32>, f64)> = (self.line_customers.iter())
            .zip(&data.sales)
            .filter(|(c, _)| **c == key)
            .map(|(_, s)| (s.day, s.ticket.get(), s.amount))
            .collect();
        // Stable: the lines of a ticket add up in file order.
        lines.sort_by_key(|&(day, ticket, _)| Reverse((day, ticket)));
        let mut tickets: Vec<Ticket> = Vec::new();
        for (day, ticket, amount) in lines {
            match tickets.last_mut() {
                Some(last)
                    if last.day == day
                        && last.id.as_deref() == ticket.map(|t| data.tickets.name(t)) =>
                {
                    last.lines += 1;
                    last.amount += amount;
                }
                _ => tickets.push(Ticket {
                    day,
                    id: ticket.map(|t| data.tickets.name(t).to_owned()),
                    lines: 1,
                    amount,
                }),
            }
        }
        let mut surveys: Vec<&Survey> = data.surveys.iter().filter(|s| s.customer == key).collect();
        surveys.sort_by_key(|s| Reverse(s.day));
        let mut complaints: Vec<&Complaint> = data
            .complaints
            .iter()
            .filter(|c| c.customer == key)
            .collect();
        complaints.sort_by_key(|c| Reverse(c.day));
        Some(CustomerCard {
            id: data.customer_ids.name(key),
            profile: (self.profile_keys.iter().position(|&k| k == key))
                .map(|row| &data.customers[row]),
            metrics,
            tickets,
            surveys,
            complaints,
        })
    }
}

/// The profile fields the customer file gave, as (label, value) in `lang`; missing fields are
/// left out.
pub fn profile_fields(customer: &Customer, lang: Lang) -> Vec<(String, String)> {
    let l = lang.code();
    let word = |key: &str| t!(key, locale = l).into_owned();
    let mut fields = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((word(key), v));
        }
    };
    add("card.document", customer.document.clone());
    add("card.phone", customer.phone.clone());
    add("card.email", customer.email.clone());
    add("card.district", customer.district.clone());
    add(
        "card.household",
        customer.household.map(|h| {
            word(match h {
                Household::Individual => "card.household_individual",
                Household::Family => "card.household_family",
            })
        }),
    );
    add(
        "card.family_size",
        customer.family_size.map(|n| n.to_string()),
    );
    add("card.income", customer.income_band.clone());
    add("card.payment", customer.payment_method.clone());
    add(
        "card.motive",
        customer.motive.map(|m| {
            word(match m {
                Motive::Acute => "card.motive_acute",
                Motive::Chronic => "card.motive_chronic",
                Motive::Preventive => "card.motive_preventive",
            })
        }),
    );
    add(
        "card.insurance",
        customer.insurance.map(|i| {
            word(match i {
                Insurance::Essalud => "card.insurance_essalud",
                Insurance::Eps => "card.insurance_eps",
                Insurance::Private => "card.insurance_private",
                Insurance::None => "card.insurance_none",
            })
        }),
    );
    add("card.channel", customer.preferred_channel.clone());
    add(
        "card.consent",
        Some(word(if customer.consent == Some(true) {
            "card.consent_yes"
        } else {
            "card.consent_no"
        })),
    );
    fields
}

/// What to do with this customer, in one sentence: the action of the customer's RFV segment
/// (the lectures' cycle identify → differentiate → interact → personalise), a reactivation for
/// customers without purchases in the window, and a refill reminder first when the customer is
/// overdue for the usual next purchase.
pub fn suggested_action(metrics: &CustomerMetrics, lang: Lang) -> String {
    let l = lang.code();
    let base = match metrics.segment {
        Some(s) => t!(format!("action.{}", segment_slug(s)), locale = l).into_owned(),
        None => t!("action.inactive", locale = l).into_owned(),
    };
    if metrics.overdue {
        format!("{} {base}", t!("action.overdue", locale = l))
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Params, Prepared, Segment};

    #[test]
    fn a_card_gathers_the_customer_s_own_tickets_surveys_and_complaints() {
        let (data, analysis) = crate::demo::analysed();
        let data = Arc::new(data.clone());
        let index = CardIndex::new(&data);
        // A customer with purchases, surveys and a complaint.
        let key = data.complaints[0].customer;
        let id = data.customer_ids.name(key).to_owned();
        let card = index
            .card(analysis, &data, &format!(" {id} "))
            .expect("known id");
        assert_eq!(card.id, id);
        assert_eq!(card.metrics.customer, key);
        let own_lines = data.sales.iter().filter(|s| s.customer == key).count() as u32;
        assert_eq!(card.tickets.iter().map(|t| t.lines).sum::<u32>(), own_lines);
        let own_total: f64 = data
            .sales
            .iter()
            .filter(|s| s.customer == key)
            .map(|s| s.amount)
            .sum();
        let card_total: f64 = card.tickets.iter().map(|t| t.amount).sum();
        assert!((own_total - card_total).abs() < 1e-6);
        assert!(
            card.tickets.windows(2).all(|w| w[0].day >= w[1].day),
            "newest first"
        );
        assert_eq!(
            card.complaints.len(),
            data.complaints.iter().filter(|c| c.customer == key).count()
        );
        assert!(card.complaints.iter().all(|c| c.customer == key));
        assert!(card.surveys.iter().all(|s| s.customer == key));
        // Tickets in the window are the engine's purchase occasions in the window (the demo
        // has no return-only tickets for most customers; compare with the engine's frequency
        // when every ticket is a purchase).
        let (start, end) = (analysis.window_start, analysis.as_of);
        let in_window: Vec<&Ticket> = card
            .tickets
            .iter()
            .filter(|t| t.day > start && t.day <= end)
            .collect();
        if in_window.iter().all(|t| t.amount >= 0.0) {
            assert_eq!(in_window.len() as u32, card.metrics.frequency);
        }
        assert_eq!(
            card.profile.map(|p| p.key),
            Some(key),
            "the customer file's row"
        );
        assert_eq!(
            index.card(analysis, &data, "no-such-id").map(|c| c.id),
            None
        );
        // An index of other data is not read: the card is the same.
        let other = CardIndex::new(&Arc::new(Dataset::default()));
        let again = other.card(analysis, &data, &id).expect("known id");
        assert_eq!(again.tickets, card.tickets);
        assert_eq!(again.profile.map(|p| p.key), Some(key));
    }

    #[test]
    fn lines_of_one_ticket_make_one_ticket_and_days_without_ids_group_by_day() {
        use crate::model::{OptIndex, Sale};
        let mut data = Dataset::default();
        let c = data.customer_ids.intern("007");
        let t1 = data.tickets.intern("B-1");
        let sale = |day, ticket, amount| Sale {
            customer: c,
            day,
            amount,
            ticket: OptIndex::from(ticket),
            ..Sale::default()
        };
        data.sales = vec![
            sale(100, Some(t1), 10.0),
            sale(100, Some(t1), 5.5),
            sale(100, None, 2.0),
            sale(100, None, 1.0),
            sale(90, None, 4.0),
        ];
        let analysis = Prepared::new(&data).analyze(&Params::default());
        let data = Arc::new(data);
        let card = CardIndex::new(&data).card(&analysis, &data, "007").unwrap();
        let shape: Vec<(Day, Option<&str>, u32, f64)> = card
            .tickets
            .iter()
            .map(|t| (t.day, t.id.as_deref(), t.lines, t.amount))
            .collect();
        assert_eq!(
            shape,
            vec![
                (100, Some("B-1"), 2, 15.5),
                (100, None, 2, 3.0),
                (90, None, 1, 4.0)
            ]
        );
        assert_eq!(
            card.metrics.frequency, 3,
            "the engine counts the same three occasions"
        );
    }

    #[test]
    fn every_segment_has_an_action_and_overdue_customers_hear_about_it_first() {
        let (_, analysis) = crate::demo::analysed();
        let mut m = analysis.customers[0];
        for lang in Lang::ALL {
            for s in Segment::ALL {
                m.segment = Some(s);
                m.overdue = false;
                let action = suggested_action(&m, lang);
                assert!(
                    action.len() > 30 && !action.starts_with("action."),
                    "{s:?}: {action}"
                );
                m.overdue = true;
                assert!(suggested_action(&m, lang).ends_with(&action));
                assert!(suggested_action(&m, lang).len() > action.len());
            }
            m.segment = None;
            m.overdue = false;
            assert!(!suggested_action(&m, lang).starts_with("action."));
        }
    }

    #[test]
    fn profile_fields_show_what_the_file_gave_in_the_language() {
        let customer = Customer {
            family_size: Some(4),
            motive: Some(Motive::Chronic),
            insurance: Some(Insurance::Eps),
            consent: Some(true),
            ..Customer::default()
        };
        let es = profile_fields(&customer, Lang::Es);
        assert_eq!(
            es,
            vec![
                ("Tamaño del hogar".to_owned(), "4".to_owned()),
                (
                    "Motivo de compra".to_owned(),
                    "Tratamiento crónico".to_owned()
                ),
                ("Seguro".to_owned(), "EPS".to_owned()),
                ("Acepta publicidad".to_owned(), "Sí".to_owned()),
            ]
        );
        let en = profile_fields(&Customer::default(), Lang::En);
        assert_eq!(
            en,
            vec![("Marketing consent".to_owned(), "No (not stated)".to_owned())]
        );
    }
}
