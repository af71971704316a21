//! Complaints (libro de reclamaciones): a few customers, more often delivery users.

use super::customers::Profile;
use super::draw::{DemoRng, chance, pick};
use crate::model::Complaint;

const REASONS: &[&str] = &[
    "Demora en la atención",
    "Producto sin stock",
    "Cobro incorrecto",
    "Delivery tardío",
    "Trato del personal",
    "Producto próximo a vencer",
];

/// The complaint of one customer, if their profile has one; churners' complaints were resolved
/// less often.
pub(super) fn complaint(customer: u32, p: &Profile, rng: &mut DemoRng) -> Option<Complaint> {
    let day = p.complaint?;
    let resolved = chance(rng, if p.churned { 0.5 } else { 0.85 });
    Some(Complaint {
        customer,
        day,
        reason: Some((*pick(rng, REASONS)).to_owned()),
        resolved: Some(resolved),
    })
}
