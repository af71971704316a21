//! Binary encoding of a [`Dataset`] for storage and backup.
//!
//! Sales are the bulk (a million lines for a large pharmacy chain): they are cut into chunks of
//! [`CHUNK_ROWS`] lines, each stored column by column as little-endian arrays, so one IndexedDB
//! record holds 64k lines and reads back without per-row parsing. Format 2 of a chunk
//! ([`CHUNK_MAGIC`]) stores each integer column in the fewest bytes its range needs (1, 2 or 4,
//! or none when constant) and each number column as `f32` when every value is exactly one
//! (whole quantities, amounts in halves), or not at all when every value is missing: the 1M-line
//! demo's sales take 32 instead of 56 bytes a line. Format 1 (`FZS1`, every column at full
//! width) is still read.
//!
//! Everything else (dictionaries, customer file, surveys, complaints) goes into one "meta"
//! record: [`META_MAGIC`] then the [postcard](https://docs.rs/postcard) encoding of [`Meta`]
//! (format 2). Format 1 wrote the meta record as JSON; [`decode`] still reads it, so data and
//! backups saved before stay readable, and the next save writes format 2. With a customer file
//! and 650k distinct tickets the JSON record was 52 MB and took most of a reopen's decoding; the
//! binary one is half that and decodes about three times faster. A [`Decoder`] reads the
//! binary one a step at a time, so that a page can spread it over several tasks.
//!
//! Absent optional values use sentinels that never occur in valid data: `u32::MAX` for a missing
//! index and NaN for a missing number (importers never produce NaN amounts).

use crate::model::{Dataset, OptIndex, OptNumber, Sale};
use meta_steps::MetaSteps;
use serde::{Deserialize, Serialize};

mod meta_steps;

/// Sales lines per stored chunk.
pub const CHUNK_ROWS: usize = 65_536;

/// First bytes of a sales chunk of format 2 (narrow columns), which [`encode`] writes.
const CHUNK_MAGIC: &[u8; 4] = b"FZS2";

/// First bytes of a sales chunk of format 1 (every column at full width): read, never written.
const CHUNK_MAGIC_1: &[u8; 4] = b"FZS1";

/// Format 1's bytes per row: customer, day, ticket, product, category, store, channel,
/// payment (4 bytes each) + amount, margin, quantity (8 bytes each).
const ROW_BYTES_1: usize = 8 * 4 + 3 * 8;

/// The integer columns of a sales line as `u32`: customer, day (its bits), then the optional
/// indexes with `u32::MAX` for a missing one ([`OptIndex::raw`]).
const INT_COLUMNS: [fn(&Sale) -> u32; 8] = [
    |s| s.customer,
    |s| s.day as u32,
    |s| s.ticket.raw(),
    |s| s.product.raw(),
    |s| s.category.raw(),
    |s| s.store.raw(),
    |s| s.channel.raw(),
    |s| s.payment.raw(),
];

/// The number columns: amount, then margin and quantity with NaN for a missing one.
const FLOAT_COLUMNS: [fn(&Sale) -> f64; 3] =
    [|s| s.amount, |s| s.margin.raw(), |s| s.quantity.raw()];

/// The sales line of one row of [`INT_COLUMNS`] and [`FLOAT_COLUMNS`] values.
fn sale_from(ints: [u32; 8], floats: [f64; 3]) -> Sale {
    Sale {
        customer: ints[0],
        day: ints[1] as i32,
        ticket: OptIndex::from_raw(ints[2]),
        product: OptIndex::from_raw(ints[3]),
        category: OptIndex::from_raw(ints[4]),
        store: OptIndex::from_raw(ints[5]),
        channel: OptIndex::from_raw(ints[6]),
        payment: OptIndex::from_raw(ints[7]),
        amount: floats[0],
        margin: OptNumber::from_raw(floats[1]),
        quantity: OptNumber::from_raw(floats[2]),
    }
}

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

impl Encoded {
    /// The records in order: the meta record, then the sales chunks.
    pub fn parts(&self) -> impl Iterator<Item = &Vec<u8>> {
        std::iter::once(&self.meta).chain(&self.sales_chunks)
    }
}

/// What the meta record holds (format 2): the dataset, whose serde form leaves out its sales
/// ([`Dataset::sales`] is `serde(skip)`), and the number of sales lines. Read back a step at a
/// time ([`meta_steps`]).
#[derive(Serialize)]
struct Meta<'a> {
    sales_rows: u64,
    data: &'a Dataset,
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
    // Sized first, so the record is written once into its own allocation instead of growing
    // by doubling (each step a copy into fresh memory).
    let size = postcard::serialize_with_flavor(&meta, postcard::ser_flavors::Size::default())
        .expect("a dataset always serialises");
    let mut record = Vec::with_capacity(META_MAGIC.len() + size);
    record.extend_from_slice(META_MAGIC);
    let meta = postcard::to_extend(&meta, record).expect("a dataset always serialises");
    let sales_chunks = data.sales.chunks(CHUNK_ROWS).map(encode_chunk).collect();
    Encoded { meta, sales_chunks }
}

/// Rebuilds a dataset from its meta record (either format) and sales chunks (in order).
pub fn decode(meta: &[u8], sales_chunks: &[impl AsRef<[u8]>]) -> Result<Dataset, CodecError> {
    let mut decoder = Decoder::new(meta)?;
    for chunk in sales_chunks {
        decoder.chunk(chunk.as_ref())?;
    }
    decoder.finish().map(|(data, _)| data)
}

/// [`decode`] one part at a time, so that a reader can decode each part as it arrives (and
/// drop its bytes) instead of holding every part first, and a meta record of format 2 a step
/// at a time ([`Decoder::meta_step`]) between them or after. It holds the meta record `M`
/// (its bytes, owned or borrowed) until it is read.
pub struct Decoder<M = Vec<u8>> {
    meta: M,
    /// Where the reading of a format-2 meta record stands; `None` once it is read (format 1
    /// is read at once).
    steps: Option<MetaSteps>,
    data: Dataset,
    sales_rows: usize,
    chunks: usize,
}

impl<M: AsRef<[u8]>> Decoder<M> {
    /// Starts from the meta record (either format). Format 1 is read at once; of format 2,
    /// only the number of sales lines, the rest step by step.
    pub fn new(meta: M) -> Result<Self, CodecError> {
        let bad = |e: &dyn std::fmt::Display| CodecError::BadMeta(e.to_string());
        let (mut data, sales_rows, steps) = match meta.as_ref().strip_prefix(META_MAGIC) {
            Some(bytes) => {
                let (rows, rest) = postcard::take_from_bytes::<u64>(bytes).map_err(|e| bad(&e))?;
                let rows = usize::try_from(rows).map_err(|e| bad(&e))?;
                let header = meta.as_ref().len() - rest.len();
                (Dataset::default(), rows, Some(MetaSteps::new(header)))
            }
            None => {
                let json: JsonMeta = serde_json::from_slice(meta.as_ref()).map_err(|e| bad(&e))?;
                (json.data, json.sales_rows, None)
            }
        };
        data.sales.reserve_exact(sales_rows);
        Ok(Decoder {
            meta,
            steps,
            data,
            sales_rows,
            chunks: 0,
        })
    }

    /// Reads the next part of the meta record (a quarter of a megabyte); whether any is left.
    pub fn meta_step(&mut self) -> Result<bool, CodecError> {
        let Some(steps) = &mut self.steps else {
            return Ok(false);
        };
        let left = steps.step(self.meta.as_ref(), &mut self.data)?;
        if !left {
            self.steps = None;
        }
        Ok(left)
    }

    /// Adds the next sales chunk.
    pub fn chunk(&mut self, bytes: &[u8]) -> Result<(), CodecError> {
        decode_chunk(self.chunks, bytes, &mut self.data.sales)?;
        self.chunks += 1;
        Ok(())
    }

    /// The dataset and its meta record, once every chunk has been added; whatever is left of
    /// the meta record is read first.
    pub fn finish(mut self) -> Result<(Dataset, M), CodecError> {
        while self.meta_step()? {}
        if self.data.sales.len() != self.sales_rows {
            return Err(CodecError::BadChunk {
                chunk: self.chunks,
                reason: "missing sales chunks",
            });
        }
        Ok((self.data, self.meta))
    }
}

/// A chunk of format 2: [`CHUNK_MAGIC`], the row count `n` (u32), then per integer column a
/// width `w` (u8: 0, 1, 2 or 4), a base `b` (u32) and `n` values of `w` bytes, each the column's
/// value + 1 (so a missing index, `u32::MAX`, is 0) minus `b`, wrapping; then per number column
/// a width (u8: 0 = every value missing, 4 = `f32`, 8 = `f64`) and `n` values. Little-endian.
fn encode_chunk(rows: &[Sale]) -> Vec<u8> {
    let n = rows.len();
    // Each column gathered once, then measured: the integers' base and width, the numbers'
    // width. The chunk's exact size follows, so it is written without growing.
    let ints = INT_COLUMNS.map(|column| {
        let codes: Vec<u32> = rows.iter().map(|s| column(s).wrapping_add(1)).collect();
        let (low, top) = codes
            .iter()
            .fold((u32::MAX, 0), |(lo, hi), &c| (lo.min(c), hi.max(c)));
        let base = low.min(top);
        let width = match top - base {
            0 => 0,
            1..=0xFF => 1,
            0x100..=0xFFFF => 2,
            _ => 4,
        };
        (width, base, codes)
    });
    let floats = FLOAT_COLUMNS.map(|column| {
        let values: Vec<f64> = rows.iter().map(column).collect();
        let (all_missing, all_f32) = values.iter().fold((true, true), |(missing, f32s), &v| {
            let nan = v.is_nan();
            (missing && nan, f32s && (nan || f64::from(v as f32) == v))
        });
        let width = match (all_missing, all_f32) {
            (true, _) => 0,
            (false, true) => 4,
            (false, false) => 8,
        };
        (width, values)
    });
    let size = 8
        + ints.iter().map(|(w, _, _)| 5 + w * n).sum::<usize>()
        + floats.iter().map(|(w, _)| 1 + w * n).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(CHUNK_MAGIC);
    out.extend_from_slice(&(n as u32).to_le_bytes());
    for (width, base, codes) in ints {
        out.push(width as u8);
        out.extend_from_slice(&base.to_le_bytes());
        let stored = codes.iter().map(|&c| c - base);
        match width {
            0 => {}
            1 => append(&mut out, stored.map(|v| [v as u8])),
            2 => append(&mut out, stored.map(|v| (v as u16).to_le_bytes())),
            _ => append(&mut out, stored.map(u32::to_le_bytes)),
        }
    }
    for (width, values) in floats {
        out.push(width as u8);
        match width {
            0 => {}
            4 => append(&mut out, values.iter().map(|&v| (v as f32).to_le_bytes())),
            _ => append(&mut out, values.iter().map(|v| v.to_le_bytes())),
        }
    }
    debug_assert_eq!(out.len(), size);
    out
}

/// Appends `values`, `W` bytes each, to `out` in one loop over a slice (no growth check per
/// value).
fn append<const W: usize>(out: &mut Vec<u8>, values: impl ExactSizeIterator<Item = [u8; W]>) {
    let start = out.len();
    out.resize(start + W * values.len(), 0);
    for (slot, value) in out[start..].chunks_exact_mut(W).zip(values) {
        slot.copy_from_slice(&value);
    }
}

fn decode_chunk(chunk_no: usize, bytes: &[u8], out: &mut Vec<Sale>) -> Result<(), CodecError> {
    let bad = |reason| CodecError::BadChunk {
        chunk: chunk_no,
        reason,
    };
    if bytes.len() < 8 {
        return Err(bad("unknown format"));
    }
    let n = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    let body = &bytes[8..];
    match &bytes[..4] {
        m if m == CHUNK_MAGIC => decode_narrow(n, body, out).map_err(bad),
        m if m == CHUNK_MAGIC_1 && n.checked_mul(ROW_BYTES_1) == Some(body.len()) => {
            decode_full_width(n, body, out);
            Ok(())
        }
        m if m == CHUNK_MAGIC_1 => Err(bad("wrong length")),
        _ => Err(bad("unknown format")),
    }
}

/// The body of a format-2 chunk (see [`encode_chunk`]).
fn decode_narrow(n: usize, body: &[u8], out: &mut Vec<Sale>) -> Result<(), &'static str> {
    let mut rest = body;
    let mut take = |width: usize, count: usize| {
        let len = width.checked_mul(count).ok_or("wrong length")?;
        let (head, tail) = rest.split_at_checked(len).ok_or("wrong length")?;
        rest = tail;
        Ok::<_, &'static str>(head)
    };
    let mut ints: [IntColumn; 8] = [(0, 0, &[]); 8];
    for column in &mut ints {
        let width = usize::from(take(1, 1)?[0]);
        if ![0, 1, 2, 4].contains(&width) {
            return Err("unknown format");
        }
        let base = u32::from_le_bytes(take(4, 1)?.try_into().expect("4 bytes"));
        *column = (width, base, take(width, n)?);
    }
    let mut floats: [FloatColumn; 3] = [(0, &[]); 3];
    for column in &mut floats {
        let width = usize::from(take(1, 1)?[0]);
        if ![0, 4, 8].contains(&width) {
            return Err("unknown format");
        }
        *column = (width, take(width, n)?);
    }
    if !rest.is_empty() {
        return Err("wrong length");
    }
    assemble(n, ints, floats, out);
    Ok(())
}

/// The body of a format-1 chunk: 8 `u32` columns, then 3 `f64` columns, `n` values each — the
/// columns of format 2 at full width, with base 1 (values stored as they are).
fn decode_full_width(n: usize, body: &[u8], out: &mut Vec<Sale>) {
    let (int_bytes, float_bytes) = body.split_at(32 * n);
    let ints = std::array::from_fn(|c| (4, 1, &int_bytes[c * 4 * n..(c + 1) * 4 * n]));
    let floats = std::array::from_fn(|c| (8, &float_bytes[c * 8 * n..(c + 1) * 8 * n]));
    assemble(n, ints, floats, out);
}

/// A stored integer column: bytes per value (0, 1, 2 or 4), base, and the `n` values; a value
/// reads back as `stored + base − 1`, wrapping (see [`encode_chunk`]).
type IntColumn<'a> = (usize, u32, &'a [u8]);

/// A stored number column: bytes per value (0 = every value missing, 4 = `f32`, 8 = `f64`) and
/// the `n` values.
type FloatColumn<'a> = (usize, &'a [u8]);

/// Appends the `n` sales lines of the columns (checked lengths) to `out`: each column widened
/// in a tight loop of its own, then the lines assembled row by row.
fn assemble(n: usize, ints: [IntColumn; 8], floats: [FloatColumn; 3], out: &mut Vec<Sale>) {
    let ints = ints.map(|(width, base, data)| {
        let value = |stored: u32| stored.wrapping_add(base).wrapping_sub(1);
        match width {
            0 => vec![value(0); n],
            1 => data.iter().map(|&b| value(u32::from(b))).collect(),
            2 => data
                .chunks_exact(2)
                .map(|b| value(u32::from(u16::from_le_bytes([b[0], b[1]]))))
                .collect(),
            _ => data
                .chunks_exact(4)
                .map(|b| value(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
                .collect::<Vec<u32>>(),
        }
    });
    let floats = floats.map(|(width, data)| match width {
        0 => vec![f64::NAN; n],
        4 => data
            .chunks_exact(4)
            .map(|b| f64::from(f32::from_le_bytes([b[0], b[1], b[2], b[3]])))
            .collect(),
        _ => data
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect::<Vec<f64>>(),
    });
    out.extend((0..n).map(|i| {
        sale_from(
            std::array::from_fn(|c| ints[c][i]),
            std::array::from_fn(|c| floats[c][i]),
        )
    }));
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
            ..Sale::default()
        }
    }

    /// The demo pharmacy with 300 customers.
    fn demo() -> Dataset {
        crate::demo::generate(&crate::demo::DemoConfig {
            customers: 300,
            ..Default::default()
        })
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
                ticket: (i % 3 == 0).then_some(0).into(),
                margin: (i % 2 == 0).then_some(i as f64 * 0.25).into(),
                quantity: Some(-1.0).into(),
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

    #[test]
    fn narrow_columns_take_the_fewest_bytes_their_values_need() {
        let n = 300;
        let rows: Vec<Sale> = (0..n)
            .map(|i| Sale {
                product: (i % 2 == 0).then_some(5).into(),
                category: (i % 3 == 0).then_some(70_000).into(),
                quantity: Some(2.0).into(),
                ..sale(i as u32, 20_000, 12.34)
            })
            .collect();
        let chunk = encode_chunk(&rows);
        // Header, 8 × (width + base), 3 float widths; customer 2 bytes (300 codes), day and
        // the absent ticket, store, channel, payment none, product 1 byte, category 4 bytes;
        // amount f64, margin none, quantity f32.
        let expected = 8 + 8 * 5 + 3 + n * (2 + 1 + 4) + n * (8 + 4);
        assert_eq!(chunk.len(), expected);
        let mut back = Vec::new();
        decode_chunk(0, &chunk, &mut back).unwrap();
        assert_eq!(back, rows);
    }

    #[test]
    fn extreme_values_round_trip() {
        let rows = vec![
            Sale {
                ticket: Some(u32::MAX - 1).into(),
                margin: Some(-0.0).into(),
                quantity: Some(f64::from(f32::MAX) * 4.0).into(),
                ..sale(u32::MAX - 1, -800_000, f64::MIN_POSITIVE)
            },
            Sale {
                ticket: Some(0).into(),
                margin: Some(0.1).into(),
                ..sale(0, 2_000_000, -1e300)
            },
        ];
        let mut back = Vec::new();
        decode_chunk(0, &encode_chunk(&rows), &mut back).unwrap();
        assert_eq!(back, rows);
        assert!(back[0].margin.get().unwrap().is_sign_negative());
    }

    #[test]
    fn format_1_chunks_stay_readable() {
        // Format 1: the 8 integer columns as u32, then the 3 number columns as f64.
        let rows = sample(5).sales;
        let mut chunk = b"FZS1".to_vec();
        chunk.extend_from_slice(&5u32.to_le_bytes());
        for column in INT_COLUMNS {
            rows.iter()
                .for_each(|s| chunk.extend_from_slice(&column(s).to_le_bytes()));
        }
        for column in FLOAT_COLUMNS {
            rows.iter()
                .for_each(|s| chunk.extend_from_slice(&column(s).to_le_bytes()));
        }
        assert_eq!(chunk.len(), 8 + 5 * ROW_BYTES_1);
        let mut back = Vec::new();
        decode_chunk(0, &chunk, &mut back).unwrap();
        assert_eq!(back, rows);
        chunk.pop();
        assert_eq!(
            decode_chunk(3, &chunk, &mut back),
            Err(CodecError::BadChunk {
                chunk: 3,
                reason: "wrong length"
            })
        );
    }

    #[test]
    fn damaged_narrow_chunks_are_errors() {
        let chunk = encode_chunk(&sample(4).sales);
        let error = |bytes: &[u8]| decode_chunk(0, bytes, &mut Vec::new()).unwrap_err();
        let reason = |reason| CodecError::BadChunk { chunk: 0, reason };
        let mut bad_width = chunk.clone();
        bad_width[8] = 3;
        assert_eq!(error(&bad_width), reason("unknown format"));
        assert_eq!(error(&chunk[..chunk.len() - 1]), reason("wrong length"));
        let mut long = chunk.clone();
        long.push(0);
        assert_eq!(error(&long), reason("wrong length"));
        let mut many_rows = chunk.clone();
        many_rows[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(error(&many_rows), reason("wrong length"));
        assert_eq!(error(b"FZS9\0\0\0\0"), reason("unknown format"));
    }

    #[test]
    fn the_demo_sales_take_under_40_bytes_a_line() {
        let data = demo();
        let enc = encode(&data);
        let bytes: usize = enc.sales_chunks.iter().map(Vec::len).sum();
        assert!(
            bytes < 40 * data.sales.len(),
            "{bytes} B for {} lines",
            data.sales.len()
        );
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
        let data = demo();
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
