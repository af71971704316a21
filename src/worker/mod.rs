//! The import worker: file reading and row checking run in a Web Worker so the page never
//! freezes.
//!
//! - [`protocol`]: the one message contract between page and worker;
//! - [`Session`]: the work itself, pure and natively tested;
//! - `warm_up`: a small rehearsal import run before the first file, so that the real one runs
//!   the browser's optimised code;
//! - [`Checks`]: the page's book of the checks it asked for, one of them run ahead of the
//!   user's "Revisar" (pure);
//! - `host` (wasm): the worker's entry point, moving messages in and out of a [`Session`];
//! - `envelope` (wasm): the JavaScript shape of a message, built and opened only there;
//! - `client` (wasm): the page's side — starts the worker, sends requests, hears responses,
//!   and cancels by terminating the worker.

mod checks;
pub mod protocol;
mod session;
#[cfg(any(target_arch = "wasm32", test))]
mod warm_up;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(target_arch = "wasm32")]
mod envelope;
#[cfg(target_arch = "wasm32")]
pub mod host;

pub use checks::{Asked, CheckId, Checks};
#[cfg(target_arch = "wasm32")]
pub use envelope::Buffers;
pub use protocol::{FileId, ImportMode, Request, Response};
pub use session::{PREVIEW_ROWS, Session, clear_kind};
