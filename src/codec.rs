//! Binary encoding of a [`Dataset`] for storage and backup.
//!
//! Sales are the bulk (a million lines for a large pharmacy chain): they are cut into chunks of
//! [`CHUNK_ROWS`] lines, each stored column by column as little-endian arrays, so one IndexedDB
//! record holds 64k lines and reads back without per-row parsing. Everything else (dictionaries,
//! customer file, surveys, complaints) is small and goes into one JSON "meta" record.
//!
//! Absent optional values use sentinels that never occur in valid data: `u32::MAX` for a missing
//! index and NaN for a missing number (importers never produce NaN amounts).

use crate::model::{Dataset, Sale};
use serde::{Deserialize, Serialize};

/// Sales lines per stored chunk.
pub const CHUNK_ROWS: usize = 65_536;

/// First bytes of every sales chunk: format name and version.
const CHUNK_MAGIC: &[u8; 4] = b"FZS1";

/// Bytes per row: customer, day, ticket, product, category, store, channel, payment (4 bytes
/// each) + amount, margin, quantity (8 bytes each).
const ROW_BYTES: usize = 8 * 4 + 3 * 8;

const NONE_INDEX: u32 = u32::MAX;

/// Why stored bytes could not be decoded.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CodecError {
    /// A chunk does not start with the expected magic bytes or has the wrong length.
    #[error("stored sales chunk {chunk} is damaged ({reason})")]
    BadChunk {
        /// Position of the chunk in the dataset.
        chunk: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// The meta record is not valid JSON for this schema.
    #[error("stored dataset description is damaged: {0}")]
    BadMeta(String),
}

/// A dataset split into records ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// Everything but the sales, as JSON.
    pub meta: Vec<u8>,
    /// The sales, [`CHUNK_ROWS`] lines per chunk.
    pub sales_chunks: Vec<Vec<u8>>,
}

/// The dataset without its sales: what the meta record holds.
#[derive(Serialize, Deserialize)]
struct Meta {
    #[serde(flatten)]
    data: Dataset,
    sales_rows: usize,
}

/// Splits a dataset into a meta record and columnar sales chunks.
pub fn encode(data: &Dataset) -> Encoded {
    let without_sales = Dataset {
        sales: Vec::new(),
        ..data.clone()
    };
    let meta = serde_json::to_vec(&Meta {
        data: without_sales,
        sales_rows: data.sales.len(),
    })
    .expect("a dataset always serialises to JSON");
    let sales_chunks = data.sales.chunks(CHUNK_ROWS).map(encode_chunk).collect();
    Encoded { meta, sales_chunks }
}

/// Rebuilds a dataset from its meta record and sales chunks (in order).
pub fn decode(meta: &[u8], sales_chunks: &[impl AsRef<[u8]>]) -> Result<Dataset, CodecError> {
    let meta: Meta =
        serde_json::from_slice(meta).map_err(|e| CodecError::BadMeta(e.to_string()))?;
    let mut data = meta.data;
    data.sales.reserve_exact(meta.sales_rows);
    for (i, chunk) in sales_chunks.iter().enumerate() {
        decode_chunk(i, chunk.as_ref(), &mut data.sales)?;
    }
    if data.sales.len() != meta.sales_rows {
        return Err(CodecError::BadChunk {
            chunk: sales_chunks.len(),
            reason: "missing sales chunks",
        });
    }
    Ok(data)
}

fn encode_chunk(rows: &[Sale]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + rows.len() * ROW_BYTES);
    out.extend_from_slice(CHUNK_MAGIC);
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    fn index(o: Option<u32>) -> u32 {
        o.unwrap_or(NONE_INDEX)
    }
    fn number(o: Option<f64>) -> f64 {
        o.unwrap_or(f64::NAN)
    }
    let u32_columns: [fn(&Sale) -> u32; 8] = [
        |s| s.customer,
        |s| s.day as u32,
        |s| index(s.ticket),
        |s| index(s.product),
        |s| index(s.category),
        |s| index(s.store),
        |s| index(s.channel),
        |s| index(s.payment),
    ];
    for column in u32_columns {
        rows.iter()
            .for_each(|s| out.extend_from_slice(&column(s).to_le_bytes()));
    }
    let f64_columns: [fn(&Sale) -> f64; 3] =
        [|s| s.amount, |s| number(s.margin), |s| number(s.quantity)];
    for column in f64_columns {
        rows.iter()
            .for_each(|s| out.extend_from_slice(&column(s).to_le_bytes()));
    }
    out
}

fn decode_chunk(chunk_no: usize, bytes: &[u8], out: &mut Vec<Sale>) -> Result<(), CodecError> {
    let bad = |reason| CodecError::BadChunk {
        chunk: chunk_no,
        reason,
    };
    if bytes.len() < 8 || &bytes[..4] != CHUNK_MAGIC {
        return Err(bad("unknown format"));
    }
    let n = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    if bytes.len() != 8 + n * ROW_BYTES {
        return Err(bad("wrong length"));
    }
    let body = &bytes[8..];
    let u32_at = |col: usize, i: usize| {
        let p = (col * n + i) * 4;
        u32::from_le_bytes(body[p..p + 4].try_into().expect("4 bytes"))
    };
    let f64_at = |col: usize, i: usize| {
        let p = 32 * n + (col * n + i) * 8;
        f64::from_le_bytes(body[p..p + 8].try_into().expect("8 bytes"))
    };
    let index = |v: u32| (v != NONE_INDEX).then_some(v);
    let number = |v: f64| (!v.is_nan()).then_some(v);
    out.extend((0..n).map(|i| Sale {
        customer: u32_at(0, i),
        day: u32_at(1, i) as i32,
        ticket: index(u32_at(2, i)),
        product: index(u32_at(3, i)),
        category: index(u32_at(4, i)),
        store: index(u32_at(5, i)),
        channel: index(u32_at(6, i)),
        payment: index(u32_at(7, i)),
        amount: f64_at(0, i),
        margin: number(f64_at(1, i)),
        quantity: number(f64_at(2, i)),
    }));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Dict};

    fn sale(customer: u32, day: i32, amount: f64) -> Sale {
        Sale {
            customer,
            day,
            amount,
            ticket: None,
            margin: None,
            product: None,
            category: None,
            quantity: None,
            store: None,
            channel: None,
            payment: None,
        }
    }

    fn sample(rows: usize) -> Dataset {
        let mut d = Dataset {
            customer_ids: Dict::from_names(vec!["007".into(), "C1".into()]),
            customers: vec![Customer {
                key: 0,
                name: Some("Ñusta Quispe".into()),
                consent: Some(true),
                ..Default::default()
            }],
            tickets: Dict::from_names(vec!["B001-1".into()]),
            ..Default::default()
        };
        d.sales = (0..rows)
            .map(|i| Sale {
                ticket: (i % 3 == 0).then_some(0),
                margin: (i % 2 == 0).then_some(i as f64 * 0.25),
                quantity: Some(-1.0),
                ..sale((i % 2) as u32, -5 + i as i32, -12.5 + i as f64)
            })
            .collect();
        d
    }

    #[test]
    fn round_trip_is_exact_across_chunk_boundaries() {
        let data = sample(CHUNK_ROWS + 3);
        let enc = encode(&data);
        assert_eq!(enc.sales_chunks.len(), 2);
        assert_eq!(enc.sales_chunks[1].len(), 8 + 3 * ROW_BYTES);
        assert_eq!(decode(&enc.meta, &enc.sales_chunks).unwrap(), data);
    }

    #[test]
    fn empty_dataset_round_trips_without_chunks() {
        let data = Dataset::default();
        let enc = encode(&data);
        assert!(enc.sales_chunks.is_empty());
        assert_eq!(decode(&enc.meta, &enc.sales_chunks).unwrap(), data);
    }

    #[test]
    fn damaged_or_missing_chunks_are_errors_not_panics() {
        let enc = encode(&sample(10));
        let mut cut = enc.sales_chunks[0].clone();
        cut.pop();
        assert_eq!(
            decode(&enc.meta, &[cut]),
            Err(CodecError::BadChunk {
                chunk: 0,
                reason: "wrong length"
            })
        );
        let none: [Vec<u8>; 0] = [];
        assert_eq!(
            decode(&enc.meta, &none),
            Err(CodecError::BadChunk {
                chunk: 0,
                reason: "missing sales chunks"
            })
        );
        assert!(matches!(decode(b"{", &none), Err(CodecError::BadMeta(_))));
    }
}
