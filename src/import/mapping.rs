//! Column mapping: which field each column holds, guessed from the headers and editable by the
//! user; the file kind guessed from the same headers.

use super::synonyms::{normalize, servqual, synonyms};
use super::{Field, FileKind};
use serde::{Deserialize, Serialize};

/// Which field each column of a table holds (`None`: the column is ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The kind of file.
    pub kind: FileKind,
    /// One entry per header, in column order.
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    /// Required fields of the kind that no column is mapped to, in the kind's order.
    pub fn missing_required(&self) -> Vec<Field> {
        self.kind
            .required()
            .iter()
            .filter(|f| self.column_of(f).is_none())
            .cloned()
            .collect()
    }

    /// The first column mapped to `field`.
    pub fn column_of(&self, field: &Field) -> Option<usize> {
        self.columns.iter().position(|c| c.as_ref() == Some(field))
    }
}

/// Maps headers to the fields of `kind`: first exact synonyms (accents, case and punctuation
/// ignored), then, for fields still unmapped, a header whose first word starts with one of the
/// field's keywords. Each field takes at most one column (the leftmost); SERVQUAL `E_`/`P_`
/// columns are mapped in survey files. When no customer-id column is found, a document (DNI)
/// column stands for the customer id — many sales systems identify customers by DNI.
pub fn auto_mapping(kind: FileKind, headers: &[String]) -> Mapping {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut columns: Vec<Option<Field>> = vec![None; headers.len()];
    let candidates: Vec<Field> = match kind {
        FileKind::Sales | FileKind::Surveys | FileKind::Complaints => kind
            .fields()
            .iter()
            .cloned()
            .chain([Field::Document])
            .collect(),
        FileKind::Customers => kind.fields().to_vec(),
    };
    for field in &candidates {
        let (exact, _) = synonyms(kind, field);
        if let Some(i) = (0..headers.len())
            .find(|&i| columns[i].is_none() && exact.contains(&normalized[i].as_str()))
        {
            columns[i] = Some(field.clone());
        }
    }
    if kind == FileKind::Surveys {
        for (i, header) in headers.iter().enumerate() {
            if columns[i].is_none() {
                columns[i] = servqual(header);
            }
        }
    }
    for field in &candidates {
        if columns.contains(&Some(field.clone())) {
            continue;
        }
        let (_, keywords) = synonyms(kind, field);
        let found = (0..headers.len()).find(|&i| {
            let first = significant_words(&normalized[i]).next().unwrap_or("");
            columns[i].is_none()
                && !first.is_empty()
                && keywords.iter().any(|k| first.starts_with(k))
        });
        if let Some(i) = found {
            columns[i] = Some(field.clone());
        }
    }
    // Outside the customer file a document column only stands in for a missing customer id.
    if kind != FileKind::Customers {
        let document = columns.iter().position(|c| *c == Some(Field::Document));
        let has_id = columns.contains(&Some(Field::CustomerId));
        if let Some(i) = document {
            columns[i] = (!has_id).then_some(Field::CustomerId);
        }
    } else if !columns.contains(&Some(Field::CustomerId))
        && let Some(i) = columns.iter().position(|c| *c == Some(Field::Document))
    {
        columns[i] = Some(Field::CustomerId);
    }
    Mapping { kind, columns }
}

/// The words of a normalized header without leading "code/number of" words, so that
/// `codigo_de_cliente` and `nro_de_boleta` are read from `cliente` and `boleta`.
fn significant_words(normalized: &str) -> impl Iterator<Item = &str> {
    const LEADING: [&str; 11] = [
        "cod", "codigo", "id", "nro", "num", "numero", "n", "no", "de", "del", "code",
    ];
    let mut words = normalized.split('_').peekable();
    while words.next_if(|w| LEADING.contains(w)).is_some() {}
    words
}

/// Guesses the kind of a file from its headers: a sales file has an amount, a survey file an
/// overall score, a complaint file a reason or resolved column; a file with a customer id and
/// none of those is a customer file. `None` when no column is recognised at all.
pub fn guess_kind(headers: &[String]) -> Option<FileKind> {
    // (required fields all found, fields specific to the kind, fields found): the most
    // specific complete kind wins; a customer file is complete with its id alone.
    let score = |kind: FileKind| {
        let m = auto_mapping(kind, headers);
        let found = m.columns.iter().flatten().count();
        let specific = m
            .columns
            .iter()
            .flatten()
            .filter(|f| !matches!(f, Field::CustomerId | Field::Date))
            .count();
        (m.missing_required().is_empty(), specific, found)
    };
    let mut best: Option<(FileKind, (bool, usize, usize))> = None;
    for kind in [
        FileKind::Sales,
        FileKind::Surveys,
        FileKind::Complaints,
        FileKind::Customers,
    ] {
        let s = score(kind);
        let plausible = s.0 && (s.1 > 0 || kind == FileKind::Customers);
        if plausible && best.is_none_or(|(_, b)| s > b) {
            best = Some((kind, s));
        }
    }
    best.map(|(kind, _)| kind)
}

/// A stable key for "files with the same headers": the normalized headers joined by `|`, so
/// `"Cliente;Fecha;Importe"` and `"cliente,FECHA,importe"` share a remembered mapping.
pub fn header_signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalize(h))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn maps_spanish_and_english_sales_headers() {
        let m = auto_mapping(
            FileKind::Sales,
            &h(&[
                "Cód. Cliente",
                "Fecha de Venta",
                "Monto (S/)",
                "Nº Boleta",
                "Categoría",
                "x",
            ]),
        );
        assert_eq!(
            m.columns,
            vec![
                Some(Field::CustomerId),
                Some(Field::Date),
                Some(Field::Amount),
                Some(Field::Ticket),
                Some(Field::Category),
                None
            ]
        );
        assert!(m.missing_required().is_empty());
        let m = auto_mapping(FileKind::Sales, &h(&["customer_id", "order date", "total"]));
        assert!(m.missing_required().is_empty());
    }

    #[test]
    fn dni_stands_for_a_missing_customer_id() {
        let m = auto_mapping(FileKind::Sales, &h(&["DNI", "fecha", "importe"]));
        assert_eq!(m.columns[0], Some(Field::CustomerId));
        let m = auto_mapping(FileKind::Customers, &h(&["cliente", "DNI", "nombre"]));
        assert_eq!(
            m.columns,
            vec![
                Some(Field::CustomerId),
                Some(Field::Document),
                Some(Field::Name)
            ]
        );
        let m = auto_mapping(FileKind::Sales, &h(&["cliente", "DNI", "fecha", "importe"]));
        assert_eq!(m.columns[1], None);
    }

    #[test]
    fn reports_missing_required_fields() {
        let m = auto_mapping(FileKind::Sales, &h(&["cliente", "producto"]));
        assert_eq!(m.missing_required(), vec![Field::Date, Field::Amount]);
    }

    #[test]
    fn guesses_each_kind() {
        assert_eq!(
            guess_kind(&h(&["cliente", "fecha", "importe"])),
            Some(FileKind::Sales)
        );
        assert_eq!(
            guess_kind(&h(&["cliente", "nombre", "telefono", "fecha_nacimiento"])),
            Some(FileKind::Customers)
        );
        assert_eq!(
            guess_kind(&h(&[
                "cliente",
                "fecha",
                "satisfaccion",
                "E_fiabilidad",
                "P_fiabilidad"
            ])),
            Some(FileKind::Surveys)
        );
        assert_eq!(
            guess_kind(&h(&["cliente", "fecha", "motivo", "resuelto"])),
            Some(FileKind::Complaints)
        );
        assert_eq!(guess_kind(&h(&["a", "b"])), None);
        let customers = h(&[
            "cod_cliente",
            "nombre",
            "fecha de nacimiento",
            "motivo de compra",
            "seguro",
        ]);
        assert_eq!(guess_kind(&customers), Some(FileKind::Customers));
        let m = auto_mapping(
            FileKind::Sales,
            &h(&["Código de cliente", "Nº de boleta", "fecha", "total"]),
        );
        assert_eq!(
            m.columns[..2],
            [Some(Field::CustomerId), Some(Field::Ticket)]
        );
    }

    #[test]
    fn signature_ignores_case_accents_and_delimiters() {
        assert_eq!(
            header_signature(&h(&["Cliente", "Fecha", "Importe"])),
            header_signature(&h(&["cliente", "FECHA", "importe"]))
        );
        assert_eq!(header_signature(&h(&["Categoría", "x"])), "categoria|x");
    }
}
