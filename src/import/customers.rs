//! The customer file (ficha de clientes): one row per customer, every field but the id optional.
//! Unreadable optional values are warnings (the customer is kept without them); a customer id
//! given twice is an error on the later row. A customer already in the dataset is updated.

use super::report::{ProblemKind, Report, Severity};
use super::rows::{Columns, DateUse};
use super::values::{parse_bool, parse_household, parse_insurance, parse_motive};
use super::{Field, Hooks, ImportError};
use crate::model::{Customer, Dataset};
use std::collections::HashMap;

/// First plausible signup year.
const FIRST_SIGNUP_YEAR: i32 = 1950;

/// Checks every row and adds (or updates) `data.customers`.
pub(crate) fn parse_customers(
    cols: &Columns,
    data: &mut Dataset,
    hooks: &mut Hooks,
) -> Result<Report, ImportError> {
    let id = cols.required(&Field::CustomerId);
    let text_fields = [
        Field::Name,
        Field::Document,
        Field::Phone,
        Field::Email,
        Field::Sex,
        Field::District,
        Field::IncomeBand,
        Field::PaymentMethod,
        Field::PreferredChannel,
    ]
    .map(|f| cols.get(&f));
    let [household, motive, insurance, consent] = [
        Field::Household,
        Field::Motive,
        Field::Insurance,
        Field::Consent,
    ]
    .map(|f| cols.get(&f));
    let birth = cols.date(&Field::BirthDate);
    let signup = cols.date(&Field::Signup);
    let age = cols.number(&Field::Age);
    let family = cols.number(&Field::FamilySize);
    let mut position: HashMap<u32, usize> = data
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key, i))
        .collect();
    let mut first_row: HashMap<String, u32> = HashMap::new();
    cols.each_row(hooks, false, |row, ck| {
        let Some(customer) = ck.required_text(row, &id) else {
            return;
        };
        if let Some(&earlier) = first_row.get(customer) {
            ck.add(
                row,
                Some(&id),
                customer,
                ProblemKind::DuplicateCustomer,
                Severity::Error,
                Some(earlier),
            );
            return;
        }
        first_row.insert(customer.to_owned(), row.line());
        let owned = |i: usize| ck.text(row, text_fields[i].as_ref()).map(str::to_owned);
        let [
            name,
            document,
            phone,
            email,
            sex,
            district,
            income_band,
            payment_method,
            preferred_channel,
        ] = std::array::from_fn(owned);
        let age_value = ck.number(row, age.as_ref(), false);
        let family_value = ck.number(row, family.as_ref(), false);
        let record = Customer {
            key: data.customer_ids.intern(customer),
            name,
            document,
            phone,
            email,
            birth_date: ck.date(row, birth.as_ref(), false, DateUse::Birth),
            age: ck
                .whole(row, age.as_ref(), age_value, (0, 120))
                .map(|a| a as u16),
            sex,
            district,
            household: ck.value(row, household.as_ref(), parse_household),
            family_size: ck
                .whole(row, family.as_ref(), family_value, (1, 30))
                .map(|n| n as u8),
            income_band,
            payment_method,
            motive: ck.value(row, motive.as_ref(), parse_motive),
            insurance: ck.value(row, insurance.as_ref(), parse_insurance),
            preferred_channel,
            signup: ck.date(
                row,
                signup.as_ref(),
                false,
                DateUse::Event {
                    min_year: FIRST_SIGNUP_YEAR,
                },
            ),
            consent: ck.value(row, consent.as_ref(), parse_bool),
        };
        match position.get(&record.key) {
            Some(&i) => data.customers[i] = record,
            None => {
                position.insert(record.key, data.customers.len());
                data.customers.push(record);
            }
        }
    })
}
