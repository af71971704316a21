//! Writes a [`Dataset`] as the four CSV files a Peruvian POS or Excel exports.

use crate::model::{Dataset, Day, Household, Insurance, Motive, date_from_day};
use chrono::Datelike;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Which file to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CsvKind {
    /// Sales lines (`ventas.csv`).
    Sales,
    /// The customer file (`clientes.csv`).
    Customers,
    /// Survey answers (`encuestas.csv`).
    Surveys,
    /// Complaints (`quejas.csv`).
    Complaints,
}

impl CsvKind {
    /// The four kinds, in the order a consultant would load them.
    pub const ALL: [CsvKind; 4] = [
        CsvKind::Sales,
        CsvKind::Customers,
        CsvKind::Surveys,
        CsvKind::Complaints,
    ];

    /// The usual Spanish file name (`ventas.csv`…).
    pub fn file_name(self) -> &'static str {
        match self {
            CsvKind::Sales => "ventas.csv",
            CsvKind::Customers => "clientes.csv",
            CsvKind::Surveys => "encuestas.csv",
            CsvKind::Complaints => "quejas.csv",
        }
    }
}

/// Character encoding of the written bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without BOM.
    Utf8,
    /// Windows-1252, what Excel in Spanish saves as "CSV (delimitado por comas)"; characters it
    /// cannot represent are written as `?`, as Excel does.
    Windows1252,
}

/// How dates are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `31/10/2026`, the Peruvian convention.
    DayMonthYear,
    /// `2026-10-31`.
    Iso,
}

/// The textual conventions of a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvDialect {
    /// Byte encoding.
    pub encoding: TextEncoding,
    /// Field separator.
    pub delimiter: char,
    /// Write `12,50` instead of `12.50`.
    pub decimal_comma: bool,
    /// Date layout.
    pub dates: DateStyle,
    /// Line terminator (`"\r\n"` for Windows tools, `"\n"` otherwise).
    pub line_end: &'static str,
}

impl CsvDialect {
    /// What a Peruvian POS or Excel in Spanish exports: Windows-1252, `;`, decimal comma,
    /// `dd/mm/yyyy`, CRLF.
    pub fn pos_peru() -> CsvDialect {
        CsvDialect {
            encoding: TextEncoding::Windows1252,
            delimiter: ';',
            decimal_comma: true,
            dates: DateStyle::DayMonthYear,
            line_end: "\r\n",
        }
    }

    /// Plain machine CSV: UTF-8, `,`, decimal point, ISO dates, LF.
    pub fn plain() -> CsvDialect {
        CsvDialect {
            encoding: TextEncoding::Utf8,
            delimiter: ',',
            decimal_comma: false,
            dates: DateStyle::Iso,
            line_end: "\n",
        }
    }
}

/// Buffers rows as text and hands them to the output encoded, in chunks.
struct RowWriter<'a> {
    out: &'a mut dyn Write,
    dialect: CsvDialect,
    buf: String,
    at_row_start: bool,
}

/// Chunk size handed to the encoder and the output.
const CHUNK: usize = 1 << 16;

impl<'a> RowWriter<'a> {
    fn new(out: &'a mut dyn Write, dialect: &CsvDialect) -> Self {
        RowWriter {
            out,
            dialect: *dialect,
            buf: String::with_capacity(CHUNK + 1024),
            at_row_start: true,
        }
    }

    fn separate(&mut self) {
        if !self.at_row_start {
            self.buf.push(self.dialect.delimiter);
        }
        self.at_row_start = false;
    }

    fn text(&mut self, value: &str) {
        self.separate();
        let needs_quotes = value.contains([self.dialect.delimiter, '"', '\n', '\r']);
        if needs_quotes {
            self.buf.push('"');
            self.buf.push_str(&value.replace('"', "\"\""));
            self.buf.push('"');
        } else {
            self.buf.push_str(value);
        }
    }

    fn opt_text(&mut self, value: Option<&str>) {
        self.text(value.unwrap_or(""));
    }

    /// A number with up to `decimals` decimals; whole numbers without any.
    fn number(&mut self, value: f64, decimals: usize) {
        self.separate();
        let start = self.buf.len();
        if value.fract() == 0.0 && value.abs() < 1e15 {
            let _ = write!(self.buf, "{}", value as i64);
        } else {
            let _ = write!(self.buf, "{value:.decimals$}");
        }
        self.localise_point(start);
    }

    /// An amount of money: always two decimals.
    fn money(&mut self, value: f64) {
        self.separate();
        let start = self.buf.len();
        let _ = write!(self.buf, "{value:.2}");
        self.localise_point(start);
    }

    /// Turns the decimal point of the number written from `start` into a comma when the dialect
    /// asks for it.
    fn localise_point(&mut self, start: usize) {
        if self.dialect.decimal_comma
            && let Some(dot) = self.buf[start..].find('.')
        {
            self.buf.replace_range(start + dot..start + dot + 1, ",");
        }
    }

    fn opt_number(&mut self, value: Option<f64>, decimals: usize) {
        match value {
            Some(v) => self.number(v, decimals),
            None => self.text(""),
        }
    }

    fn date(&mut self, day: Day) {
        self.separate();
        let d = date_from_day(day);
        let _ = match self.dialect.dates {
            DateStyle::DayMonthYear => {
                write!(self.buf, "{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
            }
            DateStyle::Iso => write!(self.buf, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        };
    }

    fn opt_date(&mut self, day: Option<Day>) {
        match day {
            Some(d) => self.date(d),
            None => self.text(""),
        }
    }

    fn yes_no(&mut self, value: Option<bool>) {
        self.opt_text(value.map(|v| if v { "Sí" } else { "No" }));
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.buf.push_str(self.dialect.line_end);
        self.at_row_start = true;
        if self.buf.len() >= CHUNK {
            self.flush()
        } else {
            Ok(())
        }
    }

    fn header(&mut self, names: &[&str]) -> io::Result<()> {
        for name in names {
            self.text(name);
        }
        self.end_row()
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.dialect.encoding {
            TextEncoding::Utf8 => self.out.write_all(self.buf.as_bytes())?,
            TextEncoding::Windows1252 => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&self.buf);
                if unmappable {
                    self.out.write_all(&to_windows_1252_lossy(&self.buf))?;
                } else {
                    self.out.write_all(&bytes)?;
                }
            }
        }
        self.buf.clear();
        Ok(())
    }
}

/// Windows-1252 bytes of `text` with `?` for every character the code page lacks (encoding_rs
/// would write an HTML numeric reference instead).
fn to_windows_1252_lossy(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut one = [0u8; 4];
    for c in text.chars() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut one));
        if unmappable {
            out.push(b'?')
        } else {
            out.extend_from_slice(&bytes)
        }
    }
    out
}

fn motive_es(m: Motive) -> &'static str {
    match m {
        Motive::Acute => "Agudo",
        Motive::Chronic => "Crónico",
        Motive::Preventive => "Preventivo",
    }
}

fn insurance_es(i: Insurance) -> &'static str {
    match i {
        Insurance::Essalud => "ESSALUD",
        Insurance::Eps => "EPS",
        Insurance::Private => "Particular",
        Insurance::None => "Ninguno",
    }
}

fn household_es(h: Household) -> &'static str {
    match h {
        Household::Individual => "Individual",
        Household::Family => "Familiar",
    }
}

/// Writes one file of `data` in `dialect`, streaming in 64 KiB chunks, with Spanish headers:
///
/// - ventas: `boleta;fecha;cod_cliente;producto;categoria;cantidad;importe;costo;local;canal;medio_pago`
///   (`costo` = importe − margin; empty when the line has no margin);
/// - clientes: `cod_cliente;nombre;dni;telefono;email;fecha_nacimiento;sexo;distrito;tipo_hogar;
///   tamano_familia;nivel_socioeconomico;medio_pago;motivo_compra;seguro;canal_preferido;
///   fecha_registro;acepta_publicidad` (an `edad` column follows the birth date only when some
///   customer has an age and no birth date, as imported files may);
/// - encuestas: `cod_cliente;fecha;satisfaccion_general;recomendaria`, then `E_x;P_x` per
///   SERVQUAL dimension `x` of the dataset, then `comentario`;
/// - quejas: `cod_cliente;fecha;motivo;resuelta`.
///
/// Yes/no values are written `Sí`/`No`; missing values as empty fields.
pub fn write_csv(
    data: &Dataset,
    kind: CsvKind,
    dialect: &CsvDialect,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = RowWriter::new(out, dialect);
    let id = |key: u32| data.customer_ids.name(key);
    match kind {
        CsvKind::Sales => {
            w.header(&[
                "boleta",
                "fecha",
                "cod_cliente",
                "producto",
                "categoria",
                "cantidad",
                "importe",
                "costo",
                "local",
                "canal",
                "medio_pago",
            ])?;
            for s in &data.sales {
                w.opt_text(s.ticket.get().map(|t| data.tickets.name(t)));
                w.date(s.day);
                w.text(id(s.customer));
                w.opt_text(s.product.get().map(|i| data.products.name(i)));
                w.opt_text(s.category.get().map(|i| data.categories.name(i)));
                w.opt_number(s.quantity.get(), 3);
                w.money(s.amount);
                match s.margin.get() {
                    Some(m) => w.money(s.amount - m),
                    None => w.text(""),
                }
                w.opt_text(s.store.get().map(|i| data.stores.name(i)));
                w.opt_text(s.channel.get().map(|i| data.channels.name(i)));
                w.opt_text(s.payment.get().map(|i| data.payments.name(i)));
                w.end_row()?;
            }
        }
        CsvKind::Customers => {
            let with_age = data
                .customers
                .iter()
                .any(|c| c.age.is_some() && c.birth_date.is_none());
            let mut names = vec![
                "cod_cliente",
                "nombre",
                "dni",
                "telefono",
                "email",
                "fecha_nacimiento",
            ];
            if with_age {
                names.push("edad");
            }
            names.extend([
                "sexo",
                "distrito",
                "tipo_hogar",
                "tamano_familia",
                "nivel_socioeconomico",
                "medio_pago",
                "motivo_compra",
                "seguro",
                "canal_preferido",
                "fecha_registro",
                "acepta_publicidad",
            ]);
            w.header(&names)?;
            for c in &data.customers {
                w.text(id(c.key));
                w.opt_text(c.name.as_deref());
                w.opt_text(c.document.as_deref());
                w.opt_text(c.phone.as_deref());
                w.opt_text(c.email.as_deref());
                w.opt_date(c.birth_date);
                if with_age {
                    w.opt_number(c.age.map(f64::from), 0);
                }
                w.opt_text(c.sex.as_deref());
                w.opt_text(c.district.as_deref());
                w.opt_text(c.household.map(household_es));
                w.opt_number(c.family_size.map(f64::from), 0);
                w.opt_text(c.income_band.as_deref());
                w.opt_text(c.payment_method.as_deref());
                w.opt_text(c.motive.map(motive_es));
                w.opt_text(c.insurance.map(insurance_es));
                w.opt_text(c.preferred_channel.as_deref());
                w.opt_date(c.signup);
                w.yes_no(c.consent);
                w.end_row()?;
            }
        }
        CsvKind::Surveys => {
            let mut names = vec![
                "cod_cliente".to_owned(),
                "fecha".to_owned(),
                "satisfaccion_general".to_owned(),
                "recomendaria".to_owned(),
            ];
            for dim in &data.servqual_dimensions {
                names.push(format!("E_{dim}"));
                names.push(format!("P_{dim}"));
            }
            names.push("comentario".to_owned());
            w.header(&names.iter().map(String::as_str).collect::<Vec<_>>())?;
            for s in &data.surveys {
                w.text(id(s.customer));
                w.date(s.day);
                w.number(s.overall, 2);
                w.opt_number(s.recommend, 2);
                for i in 0..data.servqual_dimensions.len() {
                    w.opt_number(s.expectations.get(i).copied().flatten(), 2);
                    w.opt_number(s.perceptions.get(i).copied().flatten(), 2);
                }
                w.opt_text(s.comment.as_deref());
                w.end_row()?;
            }
        }
        CsvKind::Complaints => {
            w.header(&["cod_cliente", "fecha", "motivo", "resuelta"])?;
            for c in &data.complaints {
                w.text(id(c.customer));
                w.date(c.day);
                w.opt_text(c.reason.as_deref());
                w.yes_no(c.resolved);
                w.end_row()?;
            }
        }
    }
    w.flush()?;
    w.out.flush()
}
