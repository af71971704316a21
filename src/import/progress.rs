//! Progress reporting and cancellation for long imports (a Web Worker posts the progress bar).

use super::ImportError;
use std::sync::atomic::{AtomicBool, Ordering};

/// How far a long step has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Progress {
    /// Bytes processed so far: of the text split while a CSV is read (the file's own bytes but
    /// for UTF-16, decoded first), of the cell store while rows are parsed. While a workbook is streamed it stays 0 (the compressed size says little
    /// about the rows left): show `rows` instead.
    pub bytes_done: u64,
    /// Total bytes of the step (0 while a workbook is streamed).
    pub bytes_total: u64,
    /// Rows processed so far.
    pub rows: u64,
}

/// Optional progress callback and cancel flag passed to [`read_table_with`](super::read_table_with)
/// and [`parse_with`](super::parse_with). `Hooks::default()` has neither.
#[derive(Default)]
pub struct Hooks<'a> {
    /// Called every [`Hooks::EVERY`] rows and once at the end of the step.
    pub on_progress: Option<&'a mut dyn FnMut(Progress)>,
    /// When it becomes `true`, the step stops with [`ImportError::Cancelled`].
    pub cancel: Option<&'a AtomicBool>,
}

impl Hooks<'_> {
    /// Rows between two progress reports and cancel checks.
    pub const EVERY: u64 = 16_384;

    /// Reports progress and checks the cancel flag.
    pub(crate) fn tick(&mut self, progress: Progress) -> Result<(), ImportError> {
        if let Some(report) = self.on_progress.as_mut() {
            report(progress);
        }
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(ImportError::Cancelled),
            _ => Ok(()),
        }
    }
}
