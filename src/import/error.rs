//! Errors that stop an import as a whole (a file that cannot be read at all).
//!
//! Problems with single rows are not errors: they go into the [`Report`](super::Report).

use super::{Field, Lang};
use thiserror::Error;

/// Why a file could not be imported at all. Cheap to clone, so the app can keep it in a signal.
#[derive(Clone, Debug, PartialEq, Error, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum ImportError {
    /// The bytes are not a CSV or spreadsheet this importer can read.
    #[error("unreadable file {file}: {reason}")]
    Unreadable {
        /// File name as given by the caller.
        file: String,
        /// Technical detail (from the spreadsheet reader, or a short description).
        reason: String,
    },
    /// The text encoding could not be recognised, or the caller named an unknown encoding.
    #[error("unknown text encoding in {file}{}", label.as_deref().map(|l| format!(" ({l})")).unwrap_or_default())]
    UnknownEncoding {
        /// File name as given by the caller.
        file: String,
        /// The encoding label the caller asked for, when it was not recognised.
        label: Option<String>,
    },
    /// The requested sheet does not exist in the workbook.
    #[error("sheet {sheet:?} not found in {file}")]
    SheetNotFound {
        /// File name.
        file: String,
        /// The sheet asked for.
        sheet: String,
    },
    /// No row looks like a header (the file or sheet is empty, or holds only numbers).
    #[error("no header row found in {file}")]
    NoHeaderRow {
        /// File name.
        file: String,
    },
    /// The mapping leaves required fields without a column.
    #[error("missing required column(s): {}", .missing.iter().map(|f| f.name_en()).collect::<Vec<_>>().join(", "))]
    MissingColumns {
        /// The required fields that no column is mapped to.
        missing: Vec<Field>,
    },
    /// The file is larger than the importer's 4 GiB cell store.
    #[error("file too large: {file}")]
    TooLarge {
        /// File name.
        file: String,
    },
    /// The caller's cancel flag was raised.
    #[error("import cancelled")]
    Cancelled,
}

impl ImportError {
    /// A plain-language message: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Unreadable { file, .. }, Lang::Es) => format!(
                "No se pudo leer «{file}»: no parece un archivo CSV ni una hoja de cálculo (XLSX, XLS, ODS). \
                 Ábralo en Excel y guárdelo como CSV o XLSX, luego vuelva a intentarlo."
            ),
            (ImportError::Unreadable { file, .. }, Lang::En) => format!(
                "Could not read “{file}”: it does not look like a CSV file or a spreadsheet (XLSX, XLS, ODS). \
                 Open it in Excel, save it as CSV or XLSX, then try again."
            ),
            (
                ImportError::UnknownEncoding {
                    file,
                    label: Some(l),
                },
                Lang::Es,
            ) => format!(
                "La codificación «{l}» no es conocida (archivo «{file}»). Use UTF-8 o Windows-1252."
            ),
            (
                ImportError::UnknownEncoding {
                    file,
                    label: Some(l),
                },
                Lang::En,
            ) => format!(
                "The encoding “{l}” is not known (file “{file}”). Use UTF-8 or Windows-1252."
            ),
            (ImportError::UnknownEncoding { file, label: None }, Lang::Es) => format!(
                "No se reconoce la codificación del texto de «{file}». Guárdelo como «CSV UTF-8» desde Excel y vuelva a intentarlo."
            ),
            (ImportError::UnknownEncoding { file, label: None }, Lang::En) => format!(
                "The text encoding of “{file}” is not recognised. Save it as “CSV UTF-8” from Excel and try again."
            ),
            (ImportError::SheetNotFound { file, sheet }, Lang::Es) => {
                format!("La hoja «{sheet}» no existe en «{file}». Elija otra hoja.")
            }
            (ImportError::SheetNotFound { file, sheet }, Lang::En) => {
                format!("There is no sheet “{sheet}” in “{file}”. Choose another sheet.")
            }
            (ImportError::NoHeaderRow { file }, Lang::Es) => format!(
                "«{file}» no tiene una fila de encabezados (nombres de columna como «cliente», «fecha», «importe»). \
                 Añada esa fila al inicio y vuelva a intentarlo."
            ),
            (ImportError::NoHeaderRow { file }, Lang::En) => format!(
                "“{file}” has no header row (column names such as “customer”, “date”, “amount”). \
                 Add that row at the top and try again."
            ),
            (ImportError::MissingColumns { missing }, Lang::Es) => format!(
                "Faltan columnas obligatorias: {}. Indique qué columna del archivo corresponde a cada una.",
                missing
                    .iter()
                    .map(|f| format!("«{}»", f.name_es()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (ImportError::MissingColumns { missing }, Lang::En) => format!(
                "Required columns are missing: {}. Choose which column of the file holds each of them.",
                missing
                    .iter()
                    .map(|f| format!("“{}”", f.name_en()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            (ImportError::TooLarge { file }, Lang::Es) => {
                format!(
                    "«{file}» es demasiado grande (más de 4 GB de texto). Divídalo en varios archivos."
                )
            }
            (ImportError::TooLarge { file }, Lang::En) => {
                format!("“{file}” is too large (over 4 GB of text). Split it into several files.")
            }
            (ImportError::Cancelled, Lang::Es) => "Importación cancelada.".to_owned(),
            (ImportError::Cancelled, Lang::En) => "Import cancelled.".to_owned(),
        }
    }
}
