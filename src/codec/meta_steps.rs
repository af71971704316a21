//! A meta record of format 2 read a step at a time ([`MetaSteps`]), so that a page can spread
//! the decoding of a large one over several tasks: 100k customers with their names, phones and
//! e-mails and 650k ticket ids take ≈ 60 ms natively, several times that in wasm.
//!
//! The record is the postcard form of `Meta { sales_rows, data }` (see the parent module):
//! `sales_rows` as a varint, then the fields of a [`Dataset`] in declaration order (serde's
//! order; `sales` is skipped), each sequence a varint length followed by its elements. A step
//! reads whole elements until it has read [`STEP_BYTES`].

use super::CodecError;
use crate::model::{Dataset, Dict};
use serde::Deserialize;

/// Bytes of the record a step reads at least (it ends after the element that passes them):
/// ≈ 2,000 customers or 18,000 ticket ids, about a millisecond natively.
const STEP_BYTES: usize = 256 * 1024;

/// The serialised fields of a [`Dataset`], in the order of the record.
#[derive(Clone, Copy, Debug)]
enum Field {
    CustomerIds,
    Customers,
    Tickets,
    Products,
    Categories,
    Stores,
    Channels,
    Payments,
    Surveys,
    ServqualDimensions,
    SurveyScale,
    Complaints,
}

const FIELDS: [Field; 12] = [
    Field::CustomerIds,
    Field::Customers,
    Field::Tickets,
    Field::Products,
    Field::Categories,
    Field::Stores,
    Field::Channels,
    Field::Payments,
    Field::Surveys,
    Field::ServqualDimensions,
    Field::SurveyScale,
    Field::Complaints,
];

/// Where the reading of a meta record stands.
#[derive(Debug)]
pub(super) struct MetaSteps {
    /// Bytes of the record read so far.
    pos: usize,
    /// The field being read, as an index into [`FIELDS`] ([`FIELDS`]`.len()` once all are).
    field: usize,
    /// Elements of the current field still to read, once its length is read.
    left: Option<usize>,
}

/// The record is damaged: `what` went wrong.
fn bad(what: impl std::fmt::Display) -> CodecError {
    CodecError::BadMeta(what.to_string())
}

/// Reads one `T` of `record` at `pos`, and moves `pos` past it.
fn take<'a, T: Deserialize<'a>>(record: &'a [u8], pos: &mut usize) -> Result<T, CodecError> {
    let bytes = record.get(*pos..).ok_or_else(|| bad("record cut short"))?;
    let (value, rest) = postcard::take_from_bytes::<T>(bytes).map_err(bad)?;
    *pos = record.len() - rest.len();
    Ok(value)
}

/// The dictionary a field fills, for the fields that are one.
fn dict(data: &mut Dataset, field: Field) -> Option<&mut Dict> {
    Some(match field {
        Field::CustomerIds => &mut data.customer_ids,
        Field::Tickets => &mut data.tickets,
        Field::Products => &mut data.products,
        Field::Categories => &mut data.categories,
        Field::Stores => &mut data.stores,
        Field::Channels => &mut data.channels,
        Field::Payments => &mut data.payments,
        _ => return None,
    })
}

impl MetaSteps {
    /// Starts after `header`, the bytes before the dataset's first field.
    pub fn new(header: usize) -> Self {
        MetaSteps {
            pos: header,
            field: 0,
            left: None,
        }
    }

    /// Reads the next [`STEP_BYTES`] of `record` (always the same record) into `data`;
    /// whether any field is left.
    pub fn step(&mut self, record: &[u8], data: &mut Dataset) -> Result<bool, CodecError> {
        self.read(record, data, STEP_BYTES)
    }

    /// [`MetaSteps::step`] reading `bytes` at least.
    fn read(
        &mut self,
        record: &[u8],
        data: &mut Dataset,
        bytes: usize,
    ) -> Result<bool, CodecError> {
        let start = self.pos;
        while self.pos - start < bytes {
            let Some(&field) = FIELDS.get(self.field) else {
                if self.pos != record.len() {
                    return Err(bad("unexpected bytes after the record"));
                }
                return Ok(false);
            };
            // The two fields that are not sequences of records are read whole.
            match field {
                Field::ServqualDimensions => {
                    data.servqual_dimensions = take(record, &mut self.pos)?;
                    self.field += 1;
                    continue;
                }
                Field::SurveyScale => {
                    data.survey_scale = take(record, &mut self.pos)?;
                    self.field += 1;
                    continue;
                }
                _ => {}
            }
            let left = match self.left {
                Some(left) => left,
                None => self.start_sequence(record, data, field)?,
            };
            if left == 0 {
                self.left = None;
                self.field += 1;
                continue;
            }
            match field {
                Field::Customers => data.customers.push(take(record, &mut self.pos)?),
                Field::Surveys => data.surveys.push(take(record, &mut self.pos)?),
                Field::Complaints => data.complaints.push(take(record, &mut self.pos)?),
                _ => {
                    let name: &str = take(record, &mut self.pos)?;
                    dict(data, field)
                        .expect("every other field is a dictionary")
                        .push_stored(name);
                }
            }
            self.left = Some(left - 1);
        }
        Ok(true)
    }

    /// Reads the length of `field`'s sequence and makes room for it: at most one element a
    /// byte left, so that a damaged length cannot ask for more memory than the record holds.
    fn start_sequence(
        &mut self,
        record: &[u8],
        data: &mut Dataset,
        field: Field,
    ) -> Result<usize, CodecError> {
        let len: u64 = take(record, &mut self.pos)?;
        let len = usize::try_from(len).map_err(bad)?;
        let room = len.min(record.len() - self.pos);
        match field {
            Field::Customers => data.customers.reserve_exact(room),
            Field::Surveys => data.surveys.reserve_exact(room),
            Field::Complaints => data.complaints.reserve_exact(room),
            _ => {
                *dict(data, field).expect("every other field is a dictionary") = Dict::stored(room)
            }
        }
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Decoder, encode};
    use crate::model::{Complaint, SatisfactionScale};

    /// The demo pharmacy with 300 customers, with every field filled. Listed without `..`: a
    /// field added to [`Dataset`] stops this from compiling until it is filled here, and the
    /// tests below then fail until [`MetaSteps`] reads it.
    fn every_field() -> Dataset {
        let demo = crate::demo::generate(&crate::demo::DemoConfig {
            customers: 300,
            ..Default::default()
        });
        let names =
            |prefix: &str| Dict::from_names((1..=3).map(|i| format!("{prefix} {i}")).collect());
        Dataset {
            customer_ids: demo.customer_ids,
            customers: demo.customers,
            sales: demo.sales,
            tickets: demo.tickets,
            products: demo.products,
            categories: names("Categoría"),
            stores: names("Local"),
            channels: names("Canal"),
            payments: names("Pago"),
            surveys: demo.surveys,
            servqual_dimensions: demo.servqual_dimensions,
            survey_scale: SatisfactionScale::ZeroToTen,
            complaints: vec![Complaint {
                customer: 7,
                day: 20_000,
                reason: Some("Demora en caja".into()),
                resolved: Some(false),
            }],
        }
    }

    /// The length of `record`'s header: the magic bytes and the row count (a varint).
    fn header(record: &[u8]) -> usize {
        let (_, rest) = postcard::take_from_bytes::<u64>(&record[4..]).unwrap();
        record.len() - rest.len()
    }

    /// Reads `record` with steps of `bytes`: the dataset (without sales) and the steps taken.
    fn read_in_steps(record: &[u8], bytes: usize) -> Result<(Dataset, usize), CodecError> {
        let mut data = Dataset::default();
        let mut steps = MetaSteps::new(header(record));
        let mut taken = 1;
        while steps.read(record, &mut data, bytes)? {
            taken += 1;
        }
        Ok((data, taken))
    }

    #[test]
    fn any_step_size_reads_what_serde_reads_in_one_go() {
        let data = every_field();
        for (name, empty) in [
            ("customers", data.customers.is_empty()),
            ("products", data.products.is_empty()),
            ("surveys", data.surveys.is_empty()),
            ("servqual", data.servqual_dimensions.is_empty()),
        ] {
            assert!(!empty, "the demo has no {name}");
        }
        let record = encode(&data).meta;
        // The record after its magic is the postcard form of (sales lines, dataset).
        let (rows, whole): (u64, Dataset) = postcard::from_bytes(&record[4..]).unwrap();
        assert_eq!(rows as usize, data.sales.len());
        let names = data.tickets.len();
        let without_sales = Dataset {
            sales: Vec::new(),
            ..data
        };
        assert_eq!(whole, without_sales);
        let mut counts = Vec::new();
        for bytes in [1, 100, 10_000, STEP_BYTES, usize::MAX] {
            let (read, steps) = read_in_steps(&record, bytes).unwrap();
            assert_eq!(read, without_sales, "steps of {bytes} bytes");
            counts.push(steps);
        }
        // One step an element (and one a field's length) down to a single step.
        assert!(counts[0] > 300 + names, "{counts:?}");
        assert!(
            counts.windows(2).all(|w| w[0] > w[1] || w[1] == 1),
            "{counts:?}"
        );
        assert_eq!(counts[4], 1);
    }

    #[test]
    fn a_decoder_stepping_its_meta_record_between_chunks_rebuilds_the_dataset() {
        let data = every_field();
        let enc = encode(&data);
        let mut decoder = Decoder::new(enc.meta.as_slice()).unwrap();
        let mut chunks = enc.sales_chunks.iter();
        // A chunk first, then the meta record, then the rest.
        decoder.chunk(chunks.next().unwrap()).unwrap();
        while decoder.meta_step().unwrap() {}
        for chunk in chunks {
            decoder.chunk(chunk).unwrap();
        }
        let (back, meta) = decoder.finish().unwrap();
        assert_eq!(back, data);
        assert_eq!(meta, enc.meta.as_slice());
    }

    #[test]
    fn damaged_records_are_errors_not_panics() {
        let data = every_field();
        let record = encode(&Dataset {
            sales: Vec::new(),
            customers: data.customers[..3].to_vec(),
            surveys: data.surveys[..3].to_vec(),
            tickets: Dict::from_names(vec!["B001-1".into(), "B001-2".into()]),
            ..data
        })
        .meta;
        // Cut at every length: an error (or, cut inside the header, a failed start).
        for cut in 0..record.len() {
            let short = &record[..cut];
            let read = Decoder::new(short).and_then(|d| d.finish());
            assert!(
                matches!(read, Err(CodecError::BadMeta(_))),
                "cut at {cut}: {:?}",
                read.map(|_| ())
            );
        }
        // A byte after the record.
        let mut long = record.clone();
        long.push(0);
        assert!(matches!(
            Decoder::new(long).and_then(|d| d.finish()),
            Err(CodecError::BadMeta(_))
        ));
        // A customer-id list claiming 2^62 names asks for no more room than the bytes left.
        let header = header(&record);
        let mut huge = record[..header].to_vec();
        huge.extend(postcard::to_allocvec(&(1u64 << 62)).unwrap());
        huge.extend(b"\x03abc");
        let mut steps = MetaSteps::new(header);
        let mut read = Dataset::default();
        assert!(steps.step(&huge, &mut read).is_err());
        assert_eq!(read.customer_ids.names().collect::<Vec<_>>(), ["abc"]);
    }
}
