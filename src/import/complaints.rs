//! Complaints: customer and date required, reason and resolved (yes/no) optional.

use super::report::Report;
use super::rows::{Columns, DateUse};
use super::sales::FIRST_YEAR;
use super::values::parse_bool;
use super::{Field, Hooks, ImportError};
use crate::model::{Complaint, Dataset};

/// Checks every row and appends the valid ones to `data.complaints`.
pub(crate) fn parse_complaints(
    cols: &Columns,
    data: &mut Dataset,
    hooks: &mut Hooks,
) -> Result<Report, ImportError> {
    let id = cols.required(&Field::CustomerId);
    let date = cols.date(&Field::Date);
    let reason = cols.get(&Field::Reason);
    let resolved = cols.get(&Field::Resolved);
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
        let done = ck.value(row, resolved.as_ref(), parse_resolved);
        let (Some(customer), Some(day)) = (customer, day) else {
            return;
        };
        if ck.failed() {
            return;
        }
        data.complaints.push(Complaint {
            customer: data.customer_ids.intern(customer),
            day,
            reason: ck.text(row, reason.as_ref()).map(str::to_owned),
            resolved: done,
        });
    })
}

/// Yes/no, or a status word (`resuelto`, `cerrado`, `pendiente`, `abierto`…).
fn parse_resolved(v: &str) -> Option<bool> {
    parse_bool(v).or_else(|| {
        let k = super::synonyms::normalize(v);
        if [
            "resuelto",
            "resuelta",
            "cerrado",
            "cerrada",
            "solucionado",
            "atendido",
            "resolved",
            "closed",
            "solved",
            "done",
        ]
        .contains(&k.as_str())
        {
            Some(true)
        } else if [
            "pendiente",
            "abierto",
            "abierta",
            "en_proceso",
            "no_resuelto",
            "pending",
            "open",
            "unresolved",
        ]
        .contains(&k.as_str())
        {
            Some(false)
        } else {
            None
        }
    })
}
