//! The one message contract between the page and the import worker.
//!
//! Every message is a JSON text (a [`Request`] or a [`Response`]) plus, where noted, payloads
//! that travel beside it without being copied: the dropped `File` itself (the worker reads it)
//! and encoded datasets as transferable `ArrayBuffer`s ([`crate::codec`]: the meta record first,
//! then the sales chunks), or a fit's inputs as one such buffer. `host.rs` (worker side) and
//! `client.rs` (page side) are the only code that builds or reads these envelopes;
//! [`super::Session`] does the work, and the worker stages checked data through `storage` as
//! the page would ([`Request::Stage`]).

use super::checks::CheckId;
use crate::engine::{FitRecord, Params};
use crate::import::{
    FileKind, ImportError, Lang, Mapping, Progress, ReadOptions, Report, SourceInfo,
};
use crate::model::Day;
use crate::workspace::Staged;
use rust_i18n::t;
use serde::{Deserialize, Serialize};

/// The page's handle for one dropped file, stable while the import screen is open.
pub type FileId = u32;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read a dropped file (the `File` travels beside the message) and describe it
    /// ([`Response::Inspected`], a first look at a large file's first bytes before); the worker
    /// keeps the decoded table for a later [`Request::Parse`]. Sent again with other options
    /// (another sheet, encoding or header row) it replaces the kept table.
    Inspect {
        /// The page's handle.
        file: FileId,
        /// How to read it (sheet, encoding, delimiter, header row); defaults detect.
        options: ReadOptions,
    },
    /// Check every row of the inspected files and merge them into the current dataset (sent
    /// beside the message as encoded buffers). Answered by [`Response::Parsed`], then, at once,
    /// by [`Response::Fitted`]: the worker fits the BG/NBD and Gamma-Gamma models of the merged
    /// dataset at the analysis date of `fit_at` while the page decodes the dataset and the user
    /// reads the report, so the page never fits on its own thread. The page may send it before
    /// the user asks, while they look at the mapping ([`super::Checks`]).
    Parse {
        /// The page's number for this check, echoed by the answer.
        check: CheckId,
        /// The files to import with their confirmed mappings (kind included).
        files: Vec<ParseSpec>,
        /// Replace each kind's stored rows, or add to them.
        mode: ImportMode,
        /// Today's date: later dates are flagged as future (the worker reads no clock).
        today: Day,
        /// The page's analysis parameters (only the analysis date matters to the fit).
        fit_at: Params,
    },
    /// Fit the models on the inputs the page prepared for a new analysis date
    /// ([`crate::engine::Prepared::fit_inputs`]), sent beside the message as one buffer
    /// ([`crate::engine::FitInputs::to_bytes`]); no dataset needed, so it works outside an
    /// import. Answered by [`Response::Fitted`] (or [`Response::Failed`] for damaged inputs).
    FitInputs,
    /// Write the dataset of check `check` (the worker keeps the encoding of its latest check)
    /// into `workspace` as a staged generation, off the page's thread, while the user reads
    /// the report (`storage::stage_import`). Answered by [`Response::Staged`].
    Stage {
        /// The check whose dataset to write.
        check: CheckId,
        /// The open workspace's id.
        workspace: String,
    },
    /// Rehearse an import on a small synthetic file (`warm_up`), so that the browser has
    /// optimised the import's code before the first dropped file. Sent first to each worker
    /// the import screen starts; answered by [`Response::Rehearsed`]. It runs in steps, and
    /// a [`Request::Inspect`] or [`Request::Parse`] arriving before its end ends it
    /// unanswered.
    WarmUp,
    /// Drop a kept table (the user removed the file from the list).
    Forget {
        /// The page's handle.
        file: FileId,
    },
}

/// One file of a [`Request::Parse`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParseSpec {
    /// The page's handle of an inspected file.
    pub file: FileId,
    /// Which column holds which field; `mapping.kind` is the file's kind.
    pub mapping: Mapping,
}

/// How imported rows combine with the stored ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportMode {
    /// The kinds being imported replace what was stored for them; other kinds stay.
    #[default]
    Replace,
    /// The new rows are added to the stored ones.
    Append,
}

/// Which long step a [`Response::Progress`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Decoding the file into a table.
    Reading,
    /// Checking the rows.
    Checking,
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and takes requests (requests sent earlier wait for this).
    Ready,
    /// How far a long step has got (sent every few thousand rows).
    Progress {
        /// The file being worked on.
        file: FileId,
        /// The step.
        step: Step,
        /// Bytes and rows done.
        progress: Progress,
    },
    /// The answer to [`Request::Inspect`]; for a large delimited text file, sent first from its
    /// first bytes (`rows` is `None`), then again once the whole file is read.
    Inspected(Inspection),
    /// The answer to [`Request::WarmUp`]: the rehearsal's dataset travels beside it as encoded
    /// buffers, for the page to rehearse decoding and analysing it with this fit.
    Rehearsed {
        /// The models of the rehearsal's dataset at its last sale.
        fit: FitRecord,
    },
    /// The answer to [`Request::Parse`]: the merged dataset travels beside it as encoded buffers.
    Parsed {
        /// The check answered.
        check: CheckId,
        /// One report per file, in the order the files were checked.
        reports: Vec<FileReport>,
    },
    /// The second answer to [`Request::Parse`] (the models of the merged dataset at the page's
    /// analysis date) and the answer to [`Request::FitInputs`], for [`crate::engine::Prepared::seed_fit`].
    Fitted {
        /// The fit and its key.
        fit: FitRecord,
    },
    /// The answer to [`Request::Stage`]: the staged generation for "Importar" to commit, or why
    /// there is none (the worker no longer holds that check, or IndexedDB failed): the page
    /// then writes the whole dataset itself.
    Staged {
        /// The check whose dataset was written.
        check: CheckId,
        /// The staged generation, or why not.
        staged: Result<Staged, String>,
    },
    /// A file could not be read or checked at all; nothing was changed.
    Failed {
        /// The file concerned, when the failure is about one file.
        file: Option<FileId>,
        /// The check that failed, when the failure answers a [`Request::Parse`].
        check: Option<CheckId>,
        /// What happened.
        error: Failure,
    },
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// The importer refused the file (unreadable, no header, missing columns…).
    Import(ImportError),
    /// The message itself was wrong (a bug, or a file the worker no longer holds).
    Protocol(String),
}

impl Failure {
    /// A message for the user: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Import(e) => e.message(lang),
            Failure::Protocol(detail) => t!(
                "import.error.internal",
                locale = lang.code(),
                detail = detail
            )
            .into_owned(),
        }
    }
}

/// A read file, as the mapping screen shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// The page's handle.
    pub file: FileId,
    /// How it was read (format, encoding, delimiter, sheet, header row).
    pub source: SourceInfo,
    /// Sheets of a workbook, in order (empty for CSV).
    pub sheets: Vec<String>,
    /// Column names.
    pub headers: Vec<String>,
    /// The kind guessed from the headers, if any.
    pub guessed: Option<FileKind>,
    /// The automatic mapping for the guessed kind (sales when nothing was guessed).
    pub mapping: Mapping,
    /// The first data rows, one cell per header.
    pub preview: Vec<Vec<String>>,
    /// Data rows in the file; `None` in a first look, sent from the file's first bytes while
    /// the rest is read ([`Session::glance`](super::Session::glance)).
    pub rows: Option<u64>,
}

/// The validation report of one file of a [`Request::Parse`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// The page's handle.
    pub file: FileId,
    /// The kind it was imported as.
    pub kind: FileKind,
    /// Rows, problems and counts.
    pub report: Report,
}

impl Request {
    /// The JSON text of the message.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("requests always serialise")
    }

    /// Reads a message; `Err` names what was wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

impl Response {
    /// The JSON text of the message.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("responses always serialise")
    }

    /// Reads a message; `Err` names what was wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_request_and_its_answer_cross_the_boundary_as_json() {
        let request = Request::Stage {
            check: 7,
            workspace: "ws-1".into(),
        };
        assert_eq!(Request::from_json(&request.to_json()), Ok(request));
        let staged = Staged {
            workspace: "ws-1".into(),
            generation: 3,
            after: Some(2),
            sales_chunks: 17,
            stamp: "00c0ffee".into(),
        };
        for staged in [
            Ok(staged),
            Err("the worker no longer holds this check's data".into()),
        ] {
            let response = Response::Staged { check: 7, staged };
            assert_eq!(Response::from_json(&response.to_json()), Ok(response));
        }
    }
}
