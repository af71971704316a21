//! The BG/NBD and Gamma-Gamma fit of one analysis date as a small value that can be stored
//! with a dataset and given back to a later [`Prepared`] instead of refitting (the fit is the
//! slowest stage: about 1 s in wasm for 100k customers).
//!
//! A [`FitRecord`] is keyed ([`FitKey`]) by everything the fit depends on:
//! - the resolved analysis date (the fit reads every occasion up to it — the whole history,
//!   not the analysis window, so the window length, tiers, horizons and every other parameter
//!   leave it unchanged);
//! - the data: a [`DataKey`] of the prepared occasions (customers, occasions, whether the sales
//!   carry margin, and a 64-bit checksum of every occasion's day, value, margin and kind in
//!   customer order — what the fit and the margin ratio read);
//! - [`FIT_VERSION`], raised whenever the fitting code changes its results, so records written
//!   by an older engine are ignored rather than trusted.
//!
//! [`Prepared::seed_fit`] accepts a record only when its key is the prepared dataset's key for
//! that date; anything else is ignored. Serialised, every float travels as its IEEE-754 bits,
//! so a seeded analysis is bitwise the analysis a fresh fit gives.

use crate::engine::bgnbd::{self, BgNbdFit, BgNbdParams, Summary};
use crate::engine::clv::{DAYS_PER_WEEK, Models};
use crate::engine::gamma_gamma::{self, GammaGammaFit, GammaGammaParams};
use crate::engine::optimize::FitFailure;
use crate::engine::prepared::Prepared;
use crate::model::Day;
use serde::{Deserialize, Serialize};

/// Version of the fitting code's results; records of another version are ignored. 2: the
/// BG/NBD likelihood sums its ln Γ ratios ([`crate::engine::bgnbd`]), which moves fits that
/// run to large a and b. 3: a BG/NBD fit of many customers starts from the optimum of a sample
/// of them, which moves the last digits of its parameters.
pub const FIT_VERSION: u32 = 3;

/// What identifies a prepared dataset for the fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataKey {
    /// Customers (every id of the dataset).
    pub customers: u64,
    /// Occasions (purchases and returns) of every customer.
    pub occasions: u64,
    /// Whether the sales carry margin (the CLV's margin ratio).
    pub has_margin: bool,
    /// Checksum of the occasions, customer by customer, in day order.
    pub checksum: u64,
}

impl DataKey {
    /// The key of the prepared per-customer occasions: per customer, their count, then each
    /// occasion's day and purchase flag, value and margin (0 without margins).
    pub(crate) fn of(prepared: &Prepared) -> Self {
        let mut h = Hash::default();
        for c in 0..prepared.customers {
            let occasions = prepared.occasions_of(c);
            let margins = prepared.margins_of(c);
            h.word(occasions.len() as u64);
            for (i, o) in occasions.iter().enumerate() {
                h.word(o.day as u32 as u64 | (u64::from(o.purchase()) << 32));
                h.word(o.value.to_bits());
                h.word(margins.get(i).copied().unwrap_or(0.0).to_bits());
            }
        }
        DataKey {
            customers: prepared.customers as u64,
            occasions: prepared.occasions.len() as u64,
            has_margin: prepared.has_margin,
            checksum: h.finish(),
        }
    }
}

/// A 64-bit multiply–rotate hash over words (FxHash's step with a final avalanche): a cache
/// key, not a cryptographic digest.
#[derive(Default)]
struct Hash(u64);

impl Hash {
    fn word(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        // splitmix64's finaliser.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Everything a fit depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitKey {
    /// [`FIT_VERSION`] of the engine that fitted.
    pub version: u32,
    /// The resolved analysis date.
    pub as_of: Day,
    /// The prepared dataset.
    pub data: DataKey,
}

/// The models fitted at one date on one dataset: give it to [`Prepared::seed_fit`] to skip
/// the optimisation. A few hundred bytes serialised.
///
/// [`Prepared::seed_fit`]: crate::engine::Prepared::seed_fit
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "Wire", try_from = "Wire")]
pub struct FitRecord {
    /// What the fit depends on.
    pub key: FitKey,
    /// The fits (or why they failed) and the margin ratio.
    pub models: Models,
}

/// The serialised form: floats as their bits (JSON parsers need not round-trip decimals).
#[derive(Serialize, Deserialize)]
struct Wire {
    key: FitKey,
    bgnbd: Result<WireFit, FitFailure>,
    gamma_gamma: Result<WireFit, FitFailure>,
    margin_ratio: Option<u64>,
}

#[derive(Serialize, Deserialize)]
struct WireFit {
    params: Vec<u64>,
    log_likelihood: u64,
    customers: usize,
    repeat_buyers: usize,
    iterations: u64,
}

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

impl From<FitRecord> for Wire {
    fn from(r: FitRecord) -> Self {
        let Models {
            bgnbd,
            gamma_gamma,
            margin_ratio,
        } = r.models;
        Wire {
            key: r.key,
            bgnbd: bgnbd.map(|f| WireFit {
                params: bits(&[f.params.r, f.params.alpha, f.params.a, f.params.b]),
                log_likelihood: f.log_likelihood.to_bits(),
                customers: f.customers,
                repeat_buyers: f.repeat_buyers,
                iterations: f.iterations,
            }),
            gamma_gamma: gamma_gamma.map(|f| WireFit {
                params: bits(&[f.params.p, f.params.q, f.params.gamma]),
                log_likelihood: f.log_likelihood.to_bits(),
                customers: f.customers,
                repeat_buyers: 0,
                iterations: f.iterations,
            }),
            margin_ratio: margin_ratio.map(f64::to_bits),
        }
    }
}

impl TryFrom<Wire> for FitRecord {
    type Error = String;

    fn try_from(w: Wire) -> Result<Self, String> {
        let f = |b: u64| f64::from_bits(b);
        let bgnbd = match w.bgnbd {
            Ok(x) => match x.params[..] {
                [r, alpha, a, b] => Ok(BgNbdFit {
                    params: BgNbdParams {
                        r: f(r),
                        alpha: f(alpha),
                        a: f(a),
                        b: f(b),
                    },
                    log_likelihood: f(x.log_likelihood),
                    customers: x.customers,
                    repeat_buyers: x.repeat_buyers,
                    iterations: x.iterations,
                }),
                _ => return Err("a BG/NBD fit has 4 parameters".into()),
            },
            Err(e) => Err(e),
        };
        let gamma_gamma = match w.gamma_gamma {
            Ok(x) => match x.params[..] {
                [p, q, gamma] => Ok(GammaGammaFit {
                    params: GammaGammaParams {
                        p: f(p),
                        q: f(q),
                        gamma: f(gamma),
                    },
                    log_likelihood: f(x.log_likelihood),
                    customers: x.customers,
                    iterations: x.iterations,
                }),
                _ => return Err("a Gamma-Gamma fit has 3 parameters".into()),
            },
            Err(e) => Err(e),
        };
        Ok(FitRecord {
            key: w.key,
            models: Models {
                bgnbd,
                gamma_gamma,
                margin_ratio: w.margin_ratio.map(f),
            },
        })
    }
}

/// What the fit of one date reads, without the dataset: per customer with a purchase up to the
/// date (in customer order), the BG/NBD summary as whole days and repeat occasions, and the
/// Gamma-Gamma mean repeat value; plus the margin ratio and the record's key. Built by
/// [`Prepared::fit_inputs`] on the page, fitted by [`fit`] in the import worker.
///
/// Compact and exact on the wire ([`FitInputs::to_bytes`]): 20 bytes per customer (three
/// `u32` and one `f64`, little-endian columns), so 100k customers are 2 MB sent as one
/// transferred buffer, not JSON. Days are integers, so the summaries rebuilt from them are
/// bitwise the ones the page's own fit uses.
///
/// [`Prepared::fit_inputs`]: crate::engine::Prepared::fit_inputs
#[derive(Clone, Debug, PartialEq)]
pub struct FitInputs {
    /// The key of the record the fit gives.
    pub key: FitKey,
    /// Σ margin / Σ value of every occasion up to the date, when the sales carry margin and
    /// the value is positive.
    pub margin_ratio: Option<f64>,
    /// Repeat purchase occasions (x).
    pub repeats: Vec<u32>,
    /// Days from the first to the last purchase occasion (tₓ in days).
    pub recency_days: Vec<u32>,
    /// Days from the first purchase occasion to the analysis date (T in days).
    pub age_days: Vec<u32>,
    /// Mean value of the repeat occasions (0 without repeats).
    pub mean_repeat_value: Vec<f64>,
}

/// First bytes of [`FitInputs::to_bytes`]: format name and version.
const INPUTS_MAGIC: &[u8; 4] = b"FZI1";
/// Bytes of the header after the magic: version, date, customers, occasions, margin flag,
/// checksum, margin-ratio flag and bits, rows.
const INPUTS_HEADER: usize = 4 + 4 + 8 + 8 + 1 + 8 + 1 + 8 + 8;

impl FitInputs {
    /// The inputs of the fit at `key`'s date, and for each of their rows the customer's index:
    /// one pass over every customer's occasions up to the date (the analysis' fit stage and
    /// the worker's fit both start here).
    pub(crate) fn gather(prepared: &Prepared, key: FitKey) -> (Self, Vec<usize>) {
        let as_of = key.as_of;
        let mut inputs = FitInputs {
            key,
            margin_ratio: None,
            repeats: Vec::new(),
            recency_days: Vec::new(),
            age_days: Vec::new(),
            mean_repeat_value: Vec::new(),
        };
        let mut owners = Vec::new();
        let (mut total_value, mut total_margin) = (0.0, 0.0);
        for c in 0..prepared.customers {
            let occ = prepared.occasions_of(c);
            let history = &occ[..occ.partition_point(|o| o.day <= as_of)];
            for o in history {
                total_value += o.value;
            }
            for m in prepared.margins_of(c).iter().take(history.len()) {
                total_margin += m;
            }
            let mut purchases = history.iter().filter(|o| o.purchase());
            let Some(first) = purchases.next() else {
                continue;
            };
            let (mut x, mut last, mut repeat_value) = (0.0, first.day, 0.0);
            for o in purchases {
                x += 1.0;
                last = o.day;
                repeat_value += o.value;
            }
            inputs.repeats.push(x as u32);
            inputs.recency_days.push((last - first.day) as u32);
            inputs.age_days.push((as_of - first.day) as u32);
            inputs
                .mean_repeat_value
                .push(if x > 0.0 { repeat_value / x } else { 0.0 });
            owners.push(c);
        }
        inputs.margin_ratio =
            (prepared.has_margin && total_value > 0.0).then(|| total_margin / total_value);
        (inputs, owners)
    }

    /// Customers with a purchase up to the date.
    pub fn len(&self) -> usize {
        self.repeats.len()
    }

    /// Whether no customer bought up to the date.
    pub fn is_empty(&self) -> bool {
        self.repeats.is_empty()
    }

    /// The BG/NBD summaries (weeks) and Gamma-Gamma pairs the models are fitted on.
    pub(crate) fn summaries(&self) -> (Vec<Summary>, Vec<(f64, f64)>) {
        let weeks = |days: u32| f64::from(days) / DAYS_PER_WEEK;
        let summaries = (0..self.len())
            .map(|i| Summary {
                x: f64::from(self.repeats[i]),
                t_x: weeks(self.recency_days[i]),
                t: weeks(self.age_days[i]),
            })
            .collect();
        let spends = (0..self.len())
            .map(|i| (f64::from(self.repeats[i]), self.mean_repeat_value[i]))
            .collect();
        (summaries, spends)
    }

    /// The binary form sent to the worker: magic, header, then the four columns.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.len();
        let mut out = Vec::with_capacity(INPUTS_MAGIC.len() + INPUTS_HEADER + n * 20);
        out.extend_from_slice(INPUTS_MAGIC);
        out.extend_from_slice(&self.key.version.to_le_bytes());
        out.extend_from_slice(&self.key.as_of.to_le_bytes());
        out.extend_from_slice(&self.key.data.customers.to_le_bytes());
        out.extend_from_slice(&self.key.data.occasions.to_le_bytes());
        out.push(u8::from(self.key.data.has_margin));
        out.extend_from_slice(&self.key.data.checksum.to_le_bytes());
        out.push(u8::from(self.margin_ratio.is_some()));
        out.extend_from_slice(&self.margin_ratio.unwrap_or(0.0).to_bits().to_le_bytes());
        out.extend_from_slice(&(n as u64).to_le_bytes());
        for column in [&self.repeats, &self.recency_days, &self.age_days] {
            for v in column {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for v in &self.mean_repeat_value {
            out.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        out
    }

    /// Reads [`FitInputs::to_bytes`]; `Err` says what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let body = bytes
            .strip_prefix(INPUTS_MAGIC)
            .ok_or("fit inputs: wrong magic")?;
        if body.len() < INPUTS_HEADER {
            return Err("fit inputs: short header".into());
        }
        let mut at = 0;
        let mut take = |len: usize| {
            let part = &body[at..at + len];
            at += len;
            part
        };
        let u32_ = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes"));
        let u64_ = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
        let version = u32_(take(4));
        let as_of = i32::from_le_bytes(take(4).try_into().expect("4 bytes"));
        let customers = u64_(take(8));
        let occasions = u64_(take(8));
        let has_margin = take(1)[0] != 0;
        let checksum = u64_(take(8));
        let ratio_flag = take(1)[0] != 0;
        let ratio = f64::from_bits(u64_(take(8)));
        let n = usize::try_from(u64_(take(8))).map_err(|_| "fit inputs: too many rows")?;
        let columns = &body[INPUTS_HEADER..];
        if Some(columns.len()) != n.checked_mul(20) {
            return Err(format!(
                "fit inputs: {} bytes of columns for {n} rows",
                columns.len()
            ));
        }
        let (ints, floats) = columns.split_at(n * 12);
        let column = |k: usize| -> Vec<u32> {
            ints[k * n * 4..(k + 1) * n * 4]
                .chunks_exact(4)
                .map(u32_)
                .collect()
        };
        Ok(FitInputs {
            key: FitKey {
                version,
                as_of,
                data: DataKey {
                    customers,
                    occasions,
                    has_margin,
                    checksum,
                },
            },
            margin_ratio: ratio_flag.then_some(ratio),
            repeats: column(0),
            recency_days: column(1),
            age_days: column(2),
            mean_repeat_value: floats
                .chunks_exact(8)
                .map(|b| f64::from_bits(u64_(b)))
                .collect(),
        })
    }
}

/// Fits the BG/NBD and Gamma-Gamma models on `inputs` (no dataset needed: what the import
/// worker runs). Bitwise the models [`Prepared::fit_for`] gives at the same date.
///
/// [`Prepared::fit_for`]: crate::engine::Prepared::fit_for
pub fn fit(inputs: &FitInputs) -> FitRecord {
    let (summaries, spends) = inputs.summaries();
    FitRecord {
        key: inputs.key,
        models: fit_models(&summaries, &spends, inputs.margin_ratio),
    }
}

/// The two fits on the summaries and spend pairs of [`FitInputs::summaries`].
pub(crate) fn fit_models(
    summaries: &[Summary],
    spends: &[(f64, f64)],
    margin_ratio: Option<f64>,
) -> Models {
    Models {
        bgnbd: bgnbd::fit(summaries),
        gamma_gamma: gamma_gamma::fit(spends),
        margin_ratio,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoConfig, generate};
    use crate::engine::{Params, Prepared};
    use crate::model::Dataset;

    fn data(customers: usize, seed: u64) -> Dataset {
        generate(&DemoConfig {
            customers,
            seed,
            ..DemoConfig::default()
        })
    }

    /// The record after a trip through JSON, as the page stores it.
    fn stored(record: &FitRecord) -> FitRecord {
        serde_json::from_str(&serde_json::to_string(record).unwrap()).unwrap()
    }

    #[test]
    fn a_seeded_prepared_analyses_bitwise_like_a_fresh_fit() {
        let data = data(400, 7);
        let params = Params::default();
        let record = stored(&Prepared::new(&data).fit_for(&params));
        assert!(record.models.bgnbd.is_ok() && record.models.gamma_gamma.is_ok());
        let fresh = Prepared::new(&data).analyze(&params);

        let seeded = Prepared::new(&data);
        assert!(seeded.seed_fit(record.clone()));
        assert_eq!(seeded.fitted(&params), Some(record));
        let analysis = seeded.analyze(&params);
        assert_eq!(analysis, fresh);
        // Bitwise too (PartialEq on floats would accept −0 for 0): compare the JSON texts.
        assert_eq!(
            serde_json::to_string(&analysis).unwrap(),
            serde_json::to_string(&fresh).unwrap()
        );
    }

    #[test]
    fn the_seed_is_used_not_refitted() {
        let data = data(400, 7);
        let params = Params::default();
        let mut record = Prepared::new(&data).fit_for(&params);
        record.models.bgnbd.as_mut().expect("fitted").params.r = 123.0;
        let seeded = Prepared::new(&data);
        assert!(seeded.seed_fit(record));
        let analysis = seeded.analyze(&params);
        assert_eq!(analysis.models.bgnbd.unwrap().params.r, 123.0);
    }

    #[test]
    fn records_of_other_inputs_are_ignored() {
        let data = data(400, 7);
        let params = Params::default();
        let prepared = Prepared::new(&data);
        let fresh = prepared.analyze(&params);
        let as_of = fresh.as_of;
        assert!(fresh.models.bgnbd.is_ok());
        let poisoned = |mut record: FitRecord| {
            record.models.bgnbd.as_mut().expect("fitted").params.r = 123.0;
            record
        };

        // Another date: kept for that date only, never used for this one.
        let other_date = Params::default().as_of(Some(as_of - 30));
        let seeded = Prepared::new(&data);
        assert!(seeded.seed_fit(poisoned(prepared.fit_for(&other_date))));
        assert_eq!(seeded.analyze(&params), fresh);

        // Another dataset (one more sale line), or another engine version: refused.
        let mut more = data.clone();
        let mut extra = more.sales[0].clone();
        extra.amount += 1.0;
        more.sales.push(extra);
        let other_data = Prepared::new(&more);
        assert_ne!(other_data.data_key(), prepared.data_key());
        let seeded = Prepared::new(&data);
        assert!(!seeded.seed_fit(poisoned(other_data.fit_for(&params))));
        let mut old = poisoned(prepared.fit_for(&params));
        old.key.version = FIT_VERSION + 1;
        assert!(!seeded.seed_fit(old));
        assert_eq!(seeded.fitted(&params), None);
        assert_eq!(seeded.analyze(&params), fresh);

        // Another window is the same fit: the fit reads the whole history up to the date, so a
        // record made under a 6-month window serves the 12-month analysis exactly.
        let six = Params::default().window_months(6);
        let record = Prepared::new(&data).fit_for(&six);
        assert_eq!(record.key, prepared.fit_key(&params));
        let seeded = Prepared::new(&data);
        assert!(seeded.seed_fit(record));
        assert_eq!(seeded.analyze(&params), fresh);
    }

    #[test]
    fn the_data_key_follows_every_occasion_field() {
        let data = data(120, 5);
        let key = Prepared::new(&data).data_key();
        assert_eq!(Prepared::new(&data).data_key(), key, "deterministic");
        let changed = |edit: &dyn Fn(&mut Dataset)| {
            let mut d = data.clone();
            edit(&mut d);
            Prepared::new(&d).data_key()
        };
        assert_ne!(changed(&|d| d.sales[5].day += 1), key);
        assert_ne!(changed(&|d| d.sales[5].amount = -d.sales[5].amount), key);
        assert_ne!(changed(&|d| d.sales[5].margin = Some(1.5).into()), key);
        // The same occasions under another customer: same counts, other checksum.
        assert_ne!(
            changed(&|d| {
                let c = d.sales[0].customer;
                for s in d.sales.iter_mut().filter(|s| s.customer == c) {
                    s.customer = (c + 1) % d.customer_ids.len() as u32;
                }
            }),
            key
        );
    }

    #[test]
    fn the_inputs_fit_elsewhere_is_bitwise_the_page_fit() {
        let data = data(600, 11);
        assert!(
            data.sales.iter().any(|s| s.margin.get().is_some()),
            "the margin ratio travels too"
        );
        let prepared = Prepared::new(&data);
        let last = prepared.analyze(&Params::default()).as_of;
        for as_of in [None, Some(last - 45), Some(last - 400)] {
            let params = Params::default().as_of(as_of);
            let inputs = prepared.fit_inputs(&params);
            assert_eq!(inputs.key, prepared.fit_key(&params));
            assert!(!inputs.is_empty());
            // Across the worker boundary: bytes out, bytes in.
            let bytes = inputs.to_bytes();
            assert_eq!(bytes.len(), 4 + INPUTS_HEADER + 20 * inputs.len());
            let received = FitInputs::from_bytes(&bytes).unwrap();
            assert_eq!(received.to_bytes(), bytes);
            let record = stored(&fit(&received));
            let page = Prepared::new(&data).fit_for(&params);
            assert_eq!(
                serde_json::to_string(&record).unwrap(),
                serde_json::to_string(&page).unwrap(),
                "as_of {as_of:?}"
            );

            // Seeded with it, a fresh Prepared analyses exactly like one that fitted itself.
            let seeded = Prepared::new(&data);
            assert!(seeded.seed_fit(record));
            assert_eq!(
                serde_json::to_string(&seeded.analyze(&params)).unwrap(),
                serde_json::to_string(&Prepared::new(&data).analyze(&params)).unwrap()
            );
        }
    }

    #[test]
    fn damaged_inputs_are_refused() {
        let inputs = Prepared::new(&data(120, 5)).fit_inputs(&Params::default());
        let bytes = inputs.to_bytes();
        assert!(FitInputs::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(FitInputs::from_bytes(&bytes[..10]).is_err());
        let mut wrong = bytes.clone();
        wrong[0] = b'X';
        assert!(FitInputs::from_bytes(&wrong).is_err());
        assert!(FitInputs::from_bytes(&[]).is_err());
    }

    #[test]
    fn failures_and_floats_survive_json() {
        let record = FitRecord {
            key: FitKey {
                version: FIT_VERSION,
                as_of: 20_000,
                data: DataKey {
                    customers: 3,
                    occasions: 4,
                    has_margin: true,
                    checksum: u64::MAX - 1,
                },
            },
            models: Models {
                bgnbd: Err(FitFailure::TooFewRepeatBuyers {
                    repeat_buyers: 2,
                    required: 10,
                }),
                gamma_gamma: Ok(GammaGammaFit {
                    params: GammaGammaParams {
                        p: 0.1 + 0.2,
                        q: 1.0 / 3.0,
                        gamma: f64::MIN_POSITIVE,
                    },
                    log_likelihood: -9_582.429_999_999_1,
                    customers: 946,
                    iterations: 17,
                }),
                margin_ratio: Some(0.299_999_999_999_999_96),
            },
        };
        let back = stored(&record);
        assert_eq!(back, record);
        let gg = back.models.gamma_gamma.unwrap().params;
        assert_eq!(gg.p.to_bits(), (0.1f64 + 0.2).to_bits());
    }
}
