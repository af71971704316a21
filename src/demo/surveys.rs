//! Satisfaction survey answers: overall 1–5, likelihood to recommend 0–10 and SERVQUAL
//! expectation/perception pairs (1–7) for the five dimensions of Parasuraman et al. (1988).

use super::config::Window;
use super::customers::Profile;
use super::draw::{DemoRng, chance, normal, pick};
use super::sales::Visit;
use crate::model::Survey;
use rand::Rng;

/// The five SERVQUAL dimensions as column suffixes (`E_fiabilidad`, `P_fiabilidad`…).
pub const DIMENSIONS: [&str; 5] = [
    "fiabilidad",
    "seguridad",
    "tangibles",
    "empatia",
    "capacidad_respuesta",
];

/// Mean perception minus expectation per dimension for a merely satisfied (4) customer: a
/// neighbourhood pharmacy scores well on premises and trust, poorly on queues and waiting.
const GAPS: [f64; 5] = [-0.4, 0.1, 0.3, -0.5, -1.0];

/// Share of customers who answer a survey.
const SURVEY_RATE: f64 = 0.25;

const PRAISE: &[&str] = &[
    "Muy buena atención, el químico farmacéutico siempre me orienta",
    "Siempre tienen mis medicinas",
    "Rápido y amable",
    "Me avisan cuando llega mi tratamiento",
];
const NEUTRAL: &[&str] = &[
    "Todo bien",
    "Los precios podrían ser mejores",
    "A veces hay cola en caja",
    "Deberían aceptar más medios de pago",
];
const BLAME: &[&str] = &[
    "Demoran mucho en atender",
    "No tenían mi medicamento y tuve que ir a otra botica",
    "El delivery llegó tarde",
    "Me cobraron mal, tuve que reclamar",
];

fn scale(x: f64, lo: f64, hi: f64) -> f64 {
    x.round().clamp(lo, hi)
}

/// One answer given on `day` by a customer of latent satisfaction `mood`.
fn answer(customer: u32, day: i32, mood: f64, rng: &mut DemoRng) -> Survey {
    let overall = scale(mood + normal(rng, 0.0, 0.45), 1.0, 5.0);
    let recommend =
        chance(rng, 0.96).then(|| scale(2.2 * overall - 1.2 + normal(rng, 0.0, 1.1), 0.0, 10.0));
    let mut expectations = Vec::with_capacity(DIMENSIONS.len());
    let mut perceptions = Vec::with_capacity(DIMENSIONS.len());
    for gap in GAPS {
        let expected = scale(normal(rng, 6.1, 0.7), 1.0, 7.0);
        let perceived = scale(
            expected + gap + 0.8 * (overall - 4.0) + normal(rng, 0.0, 0.7),
            1.0,
            7.0,
        );
        expectations.push(Some(expected));
        perceptions.push(Some(perceived));
    }
    let comment = chance(rng, 0.3).then(|| {
        let pool = match overall as u8 {
            5 => PRAISE,
            3 | 4 => NEUTRAL,
            _ => BLAME,
        };
        (*pick(rng, pool)).to_owned()
    });
    Survey {
        customer,
        day,
        overall,
        recommend,
        expectations,
        perceptions,
        comment,
    }
}

/// Survey answers of one customer: a quarter of customers answer once after a visit (preferably
/// one of the last 12 months), a few of them twice.
pub(super) fn answers(
    customer: u32,
    p: &Profile,
    visits: &[Visit],
    window: &Window,
    rng: &mut DemoRng,
    out: &mut Vec<Survey>,
) {
    if !chance(rng, SURVEY_RATE) {
        return;
    }
    let recent_from = window.end - 365;
    let recent: Vec<i32> = visits
        .iter()
        .map(|v| v.day)
        .filter(|&d| d > recent_from)
        .collect();
    let pool: Vec<i32> = if recent.is_empty() {
        visits.iter().map(|v| v.day).collect()
    } else {
        recent
    };
    let times = if chance(rng, 0.12) { 2 } else { 1 };
    let mut days: Vec<i32> = (0..times)
        .map(|_| (*pick(rng, &pool) + rng.random_range(0..4)).min(window.end))
        .collect();
    days.sort_unstable();
    days.dedup();
    for day in days {
        out.push(answer(customer, day, p.mood, rng));
    }
}
