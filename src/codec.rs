//! Binary encoding of a [`Dataset`] for storage and backup.
//!
//! Sales are the bulk (a million lines for a large pharmacy chain): they are cut into chunks of
//! [`CHUNK_ROWS`] lines, each stored column by column as little-endian arrays, so one IndexedDB
//! record holds 64k lines and reads back without per-row parsing. Everything else (dictionaries,
//! customer file, surveys, complaints) goes into one "meta" record: [`META_MAGIC`] then the
//! [postcard](https://docs.rs/postcard) encoding of [`Meta`] (format 2). Format 1 wrote the
//! meta record as JSON; [`decode`] still reads it, so data and backups saved before stay
//! readable, and the next save writes format 2. With a customer file and 650k distinct tickets
//! the JSON record was 52 MB and took most of a reopen's decoding; the binary one is half that
//! and decodes about three times faster.
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

/// First bytes of a meta record of format 2 (before it, format 1's JSON starts with `{`).
const META_MAGIC: &[u8; 4] = b"FZM2";

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
    /// The meta record is not a valid meta record of either format.
    #[error("stored dataset description is damaged: {0}")]
    BadMeta(String),
}

/// A dataset split into records ready to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoded {
    /// Everything but the sales: [`META_MAGIC`] and the postcard encoding of [`Meta`].
    pub meta: Vec<u8>,
    /// The sales, [`CHUNK_ROWS`] lines per chunk.
    pub sales_chunks: Vec<Vec<u8>>,
}

/// What the meta record holds (format 2): the dataset, whose serde form leaves out its sales
/// ([`Dataset::sales`] is `serde(skip)`), and the number of sales lines.
#[derive(Serialize, Deserialize)]
struct Meta<D> {
    sales_rows: u64,
    data: D,
}

/// The meta record of format 1 (JSON, with `"sales": []`): read, never written.
#[derive(Deserialize)]
struct JsonMeta {
    #[serde(flatten)]
    data: Dataset,
    sales_rows: usize,
}

/// Splits a dataset into a meta record and columnar sales chunks.
pub fn encode(data: &Dataset) -> Encoded {
    let meta = Meta {
        sales_rows: data.sales.len() as u64,
        data,
    };
    let meta =
        postcard::to_extend(&meta, META_MAGIC.to_vec()).expect("a dataset always serialises");
    let sales_chunks = data.sales.chunks(CHUNK_ROWS).map(encode_chunk).collect();
    Encoded { meta, sales_chunks }
}

/// Reads a meta record of either format: (the dataset without its sales, its sales lines).
fn decode_meta(meta: &[u8]) -> Result<(Dataset, usize), CodecError> {
    let bad = |e: &dyn std::fmt::Display| CodecError::BadMeta(e.to_string());
    match meta.strip_prefix(META_MAGIC) {
        Some(bytes) => {
            let (meta, rest) =
                postcard::take_from_bytes::<Meta<Dataset>>(bytes).map_err(|e| bad(&e))?;
            if !rest.is_empty() {
                return Err(bad(&"unexpected bytes after the record"));
            }
            let rows = usize::try_from(meta.sales_rows).map_err(|e| bad(&e))?;
            Ok((meta.data, rows))
        }
        None => {
            let meta: JsonMeta = serde_json::from_slice(meta).map_err(|e| bad(&e))?;
            Ok((meta.data, meta.sales_rows))
        }
    }
}

/// Rebuilds a dataset from its meta record (either format) and sales chunks (in order).
pub fn decode(meta: &[u8], sales_chunks: &[impl AsRef<[u8]>]) -> Result<Dataset, CodecError> {
    let mut decoder = Decoder::new(meta)?;
    for chunk in sales_chunks {
        decoder.chunk(chunk.as_ref())?;
    }
    decoder.finish()
}

/// [`decode`] one part at a time, so that a reader can decode each part as it arrives (and
/// drop its bytes) instead of holding every part first.
pub struct Decoder {
    data: Dataset,
    sales_rows: usize,
    chunks: usize,
}

impl Decoder {
    /// Starts from the meta record (either format).
    pub fn new(meta: &[u8]) -> Result<Self, CodecError> {
        let (mut data, sales_rows) = decode_meta(meta)?;
        data.sales.reserve_exact(sales_rows);
        Ok(Decoder {
            data,
            sales_rows,
            chunks: 0,
        })
    }

    /// Adds the next sales chunk.
    pub fn chunk(&mut self, bytes: &[u8]) -> Result<(), CodecError> {
        decode_chunk(self.chunks, bytes, &mut self.data.sales)?;
        self.chunks += 1;
        Ok(())
    }

    /// The dataset, once every chunk has been added.
    pub fn finish(self) -> Result<Dataset, CodecError> {
        if self.data.sales.len() != self.sales_rows {
            return Err(CodecError::BadChunk {
                chunk: self.chunks,
                reason: "missing sales chunks",
            });
        }
        Ok(self.data)
    }
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
        // A binary meta record cut short, or with bytes after it.
        let short = &enc.meta[..enc.meta.len() - 1];
        assert!(matches!(
            decode(short, &enc.sales_chunks),
            Err(CodecError::BadMeta(_))
        ));
        let mut long = enc.meta.clone();
        long.push(0);
        assert!(matches!(
            decode(&long, &enc.sales_chunks),
            Err(CodecError::BadMeta(_))
        ));
    }

    /// A meta record of format 1, as the JSON encoder wrote it for `sample(10)` (bytes saved
    /// by that encoder, commit 47f3165).
    const FORMAT_1_META: &str = r#"{"customer_ids":["007","C1"],"customers":[{"key":0,"name":"Ñusta Quispe","document":null,"phone":null,"email":null,"birth_date":null,"age":null,"sex":null,"district":null,"household":null,"family_size":null,"income_band":null,"payment_method":null,"motive":null,"insurance":null,"preferred_channel":null,"signup":null,"consent":true}],"sales":[],"tickets":["B001-1"],"products":[],"categories":[],"stores":[],"channels":[],"payments":[],"surveys":[],"servqual_dimensions":[],"survey_scale":"OneToFive","complaints":[],"sales_rows":10}"#;

    #[test]
    fn format_1_json_meta_records_stay_readable() {
        let data = sample(10);
        let enc = encode(&data);
        assert!(enc.meta.starts_with(META_MAGIC));
        assert_eq!(
            decode(FORMAT_1_META.as_bytes(), &enc.sales_chunks).unwrap(),
            data
        );
    }

    #[test]
    fn binary_meta_round_trips_the_demo_and_is_smaller_than_json() {
        let data = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 300,
            ..Default::default()
        });
        let enc = encode(&data);
        assert_eq!(decode(&enc.meta, &enc.sales_chunks).unwrap(), data);
        let json = serde_json::to_vec(&data).unwrap();
        assert!(
            enc.meta.len() * 3 < json.len() * 2,
            "{} vs {}",
            enc.meta.len(),
            json.len()
        );
    }
}
