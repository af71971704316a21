//! Errors that stop an import as a whole (a file that cannot be read at all).
//!
//! Problems with single rows are not errors: they go into the [`Report`](super::Report).

use super::{Field, Lang};
use rust_i18n::t;
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
        let l = lang.code();
        match self {
            ImportError::Unreadable { file, .. } => {
                t!("import.error.unreadable", locale = l, file = file)
            }
            ImportError::UnknownEncoding {
                file,
                label: Some(label),
            } => t!(
                "import.error.unknown_encoding_label",
                locale = l,
                file = file,
                label = label
            ),
            ImportError::UnknownEncoding { file, label: None } => {
                t!("import.error.unknown_encoding", locale = l, file = file)
            }
            ImportError::SheetNotFound { file, sheet } => {
                t!(
                    "import.error.sheet_not_found",
                    locale = l,
                    file = file,
                    sheet = sheet
                )
            }
            ImportError::NoHeaderRow { file } => {
                t!("import.error.no_header_row", locale = l, file = file)
            }
            ImportError::MissingColumns { missing } => {
                let columns = missing
                    .iter()
                    .map(|f| t!("import.quoted", locale = l, text = f.name(lang)))
                    .collect::<Vec<_>>()
                    .join(", ");
                t!(
                    "import.error.missing_columns",
                    locale = l,
                    columns = columns
                )
            }
            ImportError::TooLarge { file } => t!("import.error.too_large", locale = l, file = file),
            ImportError::Cancelled => t!("import.error.cancelled", locale = l),
        }
        .into_owned()
    }
}
