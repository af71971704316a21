//! A rehearsal import the worker runs while the page waits for a file
//! ([`Request::WarmUp`](super::Request::WarmUp)), so that the real import runs optimised code.
//!
//! Chromium's V8 compiles each wasm function first with its baseline compiler (Liftoff) and
//! compiles it again with its optimising one (TurboFan), in the background, once it has run
//! long enough; the optimised code serves from the function's **next** call. An import calls
//! its big loops once each (the reader, the check of every row, the encoder, the grouping by
//! customer, the fit), so without a rehearsal a million-line file runs them in baseline code
//! from start to end: in the import worker, the first check of the benchmark's 1M-line file
//! took 340–400 ms and a second check of the same table 240 ms (BENCHMARKS.md, "The import
//! rehearsed").
//!
//! The rehearsal is a small synthetic point-of-sale export in the commonest dialect
//! (Windows-1252, `;`, `dd/mm/yyyy`, decimal comma, CRLF, accented product names, a few
//! returns) and its customer file, written here rather than by the demo generator (whose 2,000
//! customers took 65–120 ms of a fresh worker to generate), read, checked, merged, encoded and
//! fitted through the same [`Session`] calls a dropped file goes through, one step per task
//! ([`Rehearsal::step`]). It takes ≈ 150–200 ms after the worker starts; a file dropped
//! before it ends is read after the current step and ends it (V8 compiles the optimised code
//! in the background, and not in time for a check that follows at once: finishing the
//! rehearsal then only delayed the import).
//! The worker then sends the encoded dataset and its fit to the page, which rehearses its own
//! steps on them (decoding, preparing, analysing); nothing of it is kept.

use super::protocol::{ImportMode, ParseSpec};
use super::session::Session;
use crate::codec::{self, Encoded};
use crate::engine::{FitRecord, Params, Prepared};
use crate::import::{ImportError, ReadOptions, Report};
use crate::model::{Dataset, Day, date_from_day, ymd};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Customers of the rehearsal.
const CUSTOMERS: usize = 2_000;
/// Sales lines of the rehearsal: enough for every per-line loop to be optimised.
const LINES: usize = 20_000;

/// A rehearsal in steps, each a few tens of milliseconds at most, so that a request arriving
/// meanwhile (a file dropped at once) waits for one step, not the whole rehearsal: reading
/// the customer file, reading the sales file, checking and merging both, encoding the result,
/// grouping it by customer, fitting the models.
#[derive(Default)]
pub struct Rehearsal {
    session: Session,
    specs: Vec<ParseSpec>,
    merged: Option<(Dataset, Vec<Report>)>,
    encoded: Option<Encoded>,
    prepared: Option<Prepared>,
    fit: Option<FitRecord>,
}

/// What the rehearsal imported: the page rehearses its own steps on it.
pub struct Rehearsed {
    /// The reports of the customer file, then of the sales file (for the tests: a rehearsal
    /// that failed early would leave most of the import in baseline code).
    #[cfg_attr(not(test), allow(dead_code))]
    pub reports: Vec<Report>,
    /// The models of the merged dataset, at its last sale.
    pub fit: FitRecord,
    /// The merged dataset as the page receives a checked import.
    pub encoded: Encoded,
}

impl Rehearsal {
    /// Runs the next step: `Ok(true)` while steps remain.
    pub fn step(&mut self) -> Result<bool, ImportError> {
        if self.specs.len() < 2 {
            let (file, name, bytes) = match self.specs.len() {
                0 => (1, "clientes.csv", customers()),
                _ => (2, "ventas.csv", sales()),
            };
            let options = ReadOptions::default();
            let inspection = self
                .session
                .inspect(file, name, &bytes, &options, &mut |_, _| {})?;
            self.specs.push(ParseSpec {
                file,
                mapping: inspection.mapping,
            });
        } else if self.merged.is_none() {
            let (data, reports) = self
                .session
                .parse(
                    &self.specs,
                    &Dataset::default(),
                    ImportMode::Replace,
                    today(),
                    &mut |_, _, _| {},
                )
                .map_err(|(_, e)| e)?;
            let reports = reports.into_iter().map(|r| r.report).collect();
            self.merged = Some((data, reports));
        } else if let Some((data, _)) = &self.merged {
            if self.encoded.is_none() {
                self.encoded = Some(codec::encode(data));
            } else if self.prepared.is_none() {
                self.prepared = Some(Prepared::new(data));
            } else if let Some(prepared) = &self.prepared {
                self.fit = Some(prepared.fit_for(&Params::default()));
            }
        }
        Ok(self.fit.is_none())
    }

    /// The rehearsal's result, once every step has run.
    pub fn finish(self) -> Option<Rehearsed> {
        Some(Rehearsed {
            reports: self.merged?.1,
            fit: self.fit?,
            encoded: self.encoded?,
        })
    }
}

/// The day the rehearsal is imported on: after its last sale.
fn today() -> Day {
    ymd(2025, 1, 15).expect("a valid date")
}

/// A reproducible stream of small numbers (the seeded generator the demo data use): each call
/// returns a number below `n`.
fn numbers() -> impl FnMut(usize) -> usize {
    let mut rng = Pcg64Mcg::seed_from_u64(0x9E37_79B9_7F4A_7C15);
    move |n| rng.random_range(0..n)
}

/// Text as a Windows-1252 file holds it.
fn windows_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

/// The customer file: code, name, birth date, sex, district.
fn customers() -> Vec<u8> {
    const NAMES: [&str; 4] = [
        "Zoila Chumpitaz",
        "Javier Gutiérrez",
        "Ana Quispe",
        "Raúl Peña",
    ];
    const DISTRICTS: [&str; 3] = ["Breña", "Miraflores", "San Martín de Porres"];
    let mut next = numbers();
    let mut text = String::from("cod_cliente;nombre;fecha_nacimiento;sexo;distrito\r\n");
    for c in 1..=CUSTOMERS {
        text.push_str(&format!(
            "C{c:06};{};{:02}/{:02}/{};{};{}\r\n",
            NAMES[next(NAMES.len())],
            1 + next(28),
            1 + next(12),
            1950 + next(50),
            ["F", "M"][next(2)],
            DISTRICTS[next(DISTRICTS.len())],
        ));
    }
    windows_1252(&text)
}

/// The sales file: ticket, date, customer, product, quantity, amount, over 2023–2024. Each
/// customer buys at random between a first and a last day of their own (some stop buying, as
/// the models expect); two registers number their tickets in turn; one line in a hundred is a
/// return.
fn sales() -> Vec<u8> {
    const PRODUCTS: [(&str, u32); 5] = [
        ("Losartán 50 mg x 30 tab", 1800),
        ("Omega 3 x 60 cáps", 5500),
        ("Jabón antibacterial x 3", 990),
        ("Paracetamol 500 mg x 100", 850),
        ("Vitamina C 1 g x 10 efervescentes", 1500),
    ];
    let first = ymd(2023, 1, 1).expect("a valid date");
    let days = (ymd(2024, 12, 31).expect("a valid date") - first) as usize;
    let mut next = numbers();
    let spans: Vec<(usize, usize)> = (0..CUSTOMERS)
        .map(|_| {
            let start = next(days);
            (start, start + next(days - start + 1))
        })
        .collect();
    let mut text = String::from("boleta;fecha;cod_cliente;producto;cantidad;importe\r\n");
    let (mut line, mut ticket) = (0, 0);
    while line < LINES {
        ticket += 1;
        let day = days * line / LINES;
        let date = date_from_day(first + day as Day).format("%d/%m/%Y");
        // A customer buying on that day (a few draws; else anyone).
        let mut customer = next(CUSTOMERS);
        for _ in 0..20 {
            let (start, end) = spans[customer];
            if (start..=end).contains(&day) {
                break;
            }
            customer = next(CUSTOMERS);
        }
        for _ in 0..1 + next(3) {
            let (product, cents) = PRODUCTS[next(PRODUCTS.len())];
            let quantity = 1 + next(3) as u32;
            let sign = if next(100) == 0 { "-" } else { "" };
            let amount = cents * quantity;
            text.push_str(&format!(
                "B00{}-{ticket:08};{date};C{:06};{product};{quantity};{sign}{},{:02}\r\n",
                1 + ticket % 2,
                customer + 1,
                amount / 100,
                amount % 100,
            ));
            line += 1;
        }
    }
    windows_1252(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{self, FileKind, ProblemKind};

    #[test]
    fn the_rehearsal_imports_every_line_and_fits_the_models_in_six_steps() {
        let mut rehearsal = Rehearsal::default();
        let mut steps = 1;
        while rehearsal.step().expect("the rehearsal's files import") {
            steps += 1;
        }
        assert_eq!(steps, 6);
        let rehearsal = rehearsal.finish().expect("every step ran");
        let [customers, sales] = &rehearsal.reports[..] else {
            panic!("one report per file");
        };
        assert_eq!(
            (customers.rows_read, customers.rows_valid),
            (CUSTOMERS as u64, CUSTOMERS as u64)
        );
        assert!(sales.rows_read >= LINES as u64);
        assert_eq!(sales.rows_valid, sales.rows_read);
        assert_eq!(customers.errors() + sales.errors(), 0);
        // The returns take the warning path; no sale names an unknown customer.
        assert!(
            sales
                .counts
                .iter()
                .any(|c| c.kind == ProblemKind::NegativeAmount)
        );
        assert!(
            !sales
                .counts
                .iter()
                .any(|c| c.kind == ProblemKind::UnknownCustomer)
        );
        assert!(
            rehearsal.fit.models.bgnbd.is_ok(),
            "{:?}",
            rehearsal.fit.models.bgnbd
        );
        assert!(rehearsal.fit.models.gamma_gamma.is_ok());
        // What the page rehearses with: the same dataset, and its fit.
        let encoded = &rehearsal.encoded;
        let data = codec::decode(&encoded.meta, &encoded.sales_chunks).unwrap();
        assert_eq!(data.sales.len() as u64, sales.rows_valid);
        assert!(crate::engine::Prepared::new(&data).seed_fit(rehearsal.fit));
    }

    #[test]
    fn the_rehearsal_files_are_windows_1252_with_accents() {
        let sales = sales();
        assert!(sales.contains(&0xE1), "á as one Windows-1252 byte");
        let table = import::read_table(&sales, "ventas.csv", &ReadOptions::default()).unwrap();
        assert_eq!(table.source.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(import::guess_kind(&table.headers), Some(FileKind::Sales));
    }
}
