//! Sales lines: customer, date and amount required; returns and zero amounts flagged; customers
//! missing from an imported customer file flagged.

use super::report::{ProblemKind, Report, Severity};
use super::rows::{Columns, DateUse};
use super::{Field, Hooks, ImportError};
use crate::model::{Dataset, Dict, OptIndex, Sale};
use std::collections::HashSet;

/// First plausible year of a sale, survey or complaint.
pub(crate) const FIRST_YEAR: i32 = 1990;

/// Checks every row and appends the valid ones to `data.sales`.
pub(crate) fn parse_sales(
    cols: &Columns,
    data: &mut Dataset,
    hooks: &mut Hooks,
) -> Result<Report, ImportError> {
    let id = cols.required(&Field::CustomerId);
    let date = cols.date(&Field::Date);
    let amount = cols.number(&Field::Amount);
    let quantity = cols.number(&Field::Quantity);
    let cost = cols.number(&Field::Cost);
    let margin = cols.number(&Field::Margin);
    let [ticket, product, category, store, channel, payment] = [
        Field::Ticket,
        Field::Product,
        Field::Category,
        Field::Store,
        Field::Channel,
        Field::Payment,
    ]
    .map(|f| cols.get(&f));
    // Only when a customer file has been imported can a sale's customer be missing from it.
    let registered: Option<HashSet<u32>> =
        (!data.customers.is_empty()).then(|| data.customers.iter().map(|c| c.key).collect());
    data.sales.reserve(cols.rows());
    let [
        mut last_customer,
        mut last_ticket,
        mut last_product,
        mut last_category,
    ] = [Last::default(); 4];
    let [mut last_store, mut last_channel, mut last_payment] = [Last::default(); 3];
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
        let value = ck.number(row, amount.as_ref(), true);
        let line_margin = ck.number(row, margin.as_ref(), false);
        let line_cost = ck.number(row, cost.as_ref(), false);
        let units = ck.number(row, quantity.as_ref(), false);
        if let (Some(v), Some(col)) = (value, amount.as_ref()) {
            if v < 0.0 {
                ck.flag(
                    row,
                    col,
                    ProblemKind::NegativeAmount,
                    Severity::Warning,
                    None,
                );
            } else if v == 0.0 {
                ck.flag(row, col, ProblemKind::ZeroAmount, Severity::Warning, None);
            }
        }
        if let (Some(customer), Some(registered)) = (customer, registered.as_ref()) {
            let known = data
                .customer_ids
                .get(customer)
                .is_some_and(|k| registered.contains(&k));
            if !known {
                ck.add(
                    row,
                    Some(&id),
                    customer,
                    ProblemKind::UnknownCustomer,
                    Severity::Warning,
                    None,
                );
            }
        }
        let (Some(customer), Some(day), Some(amount)) = (customer, day, value) else {
            return;
        };
        if ck.failed() {
            return;
        }
        let sale = Sale {
            customer: last_customer.intern(&mut data.customer_ids, customer),
            day,
            amount,
            ticket: last_ticket.intern_some(&mut data.tickets, ck.text(row, ticket.as_ref())),
            margin: line_margin.or(line_cost.map(|c| amount - c)).into(),
            product: last_product.intern_some(&mut data.products, ck.text(row, product.as_ref())),
            category: last_category
                .intern_some(&mut data.categories, ck.text(row, category.as_ref())),
            quantity: units.into(),
            store: last_store.intern_some(&mut data.stores, ck.text(row, store.as_ref())),
            channel: last_channel.intern_some(&mut data.channels, ck.text(row, channel.as_ref())),
            payment: last_payment.intern_some(&mut data.payments, ck.text(row, payment.as_ref())),
        };
        data.sales.push(sale);
    })
}

/// The last name a column interned and its index. Consecutive lines of one ticket repeat its
/// ticket, customer, store, channel and payment: comparing with the line above (in cache) is
/// cheaper than a hash lookup among 100k customers or 650k tickets (mostly cache misses).
#[derive(Clone, Copy, Default)]
struct Last<'a>(Option<(&'a str, u32)>);

impl<'a> Last<'a> {
    /// `dict.intern(name)`.
    fn intern(&mut self, dict: &mut Dict, name: &'a str) -> u32 {
        match self.0 {
            Some((last, index)) if last == name => index,
            _ => {
                let index = dict.intern(name);
                self.0 = Some((name, index));
                index
            }
        }
    }

    /// `name` interned, if any.
    fn intern_some(&mut self, dict: &mut Dict, name: Option<&'a str>) -> OptIndex {
        name.map(|name| self.intern(dict, name)).into()
    }
}
