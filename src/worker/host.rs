//! The worker's side of [`super::protocol`]: receives requests, reads the dropped files, runs
//! the [`Session`] and posts responses (encoded datasets as transferred buffers). It keeps the
//! encoding of its latest check until the page asks to stage it ([`Request::Stage`]), so that
//! writing it into IndexedDB takes none of the page's thread.

use super::checks::CheckId;
use super::envelope;
use super::protocol::{Failure, FileId, Request, Response};
use super::session::Session;
use super::warm_up::Rehearsal;
use crate::codec::{self, Encoded};
use crate::import;
use crate::model::Dataset;
use crate::storage;
use js_sys::{ArrayBuffer, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
    /// The latest check's dataset as encoded for the page, until staged or replaced.
    static UNSTAGED: RefCell<Option<(CheckId, Encoded)>> = const { RefCell::new(None) };
    /// The rehearsal under way ([`Request::WarmUp`]), between two of its steps.
    static REHEARSAL: RefCell<Option<Rehearsal>> = const { RefCell::new(None) };
}

/// Starts listening for requests and tells the page the worker is ready.
pub fn run() {
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        handle(&event.data());
    });
    scope().set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget(); // lives as long as the worker
    post(&Response::Ready, &[]);
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts `response` with `buffers` transferred (not copied) to the page.
fn post<'a>(response: &Response, buffers: impl IntoIterator<Item = &'a Vec<u8>>) {
    let sealed = envelope::seal(response.to_json(), buffers, None);
    scope()
        .post_message_with_transfer(&sealed.message, &sealed.transfer)
        .expect("the page accepts messages");
}

/// Posts a [`Response::Failed`]: about `file`, answering `check`, or (neither) about a message.
fn fail(file: Option<FileId>, check: Option<CheckId>, error: Failure) {
    post(&Response::Failed { file, check, error }, &[]);
}

fn handle(message: &JsValue) {
    let request = match Request::from_json(&envelope::json(message)) {
        Ok(r) => r,
        Err(e) => return fail(None, None, Failure::Protocol(e)),
    };
    // A file dropped before the rehearsal has ended ends it: the browser optimises code in the
    // background, and not in time for a check that follows at once (`warm_up`).
    if matches!(request, Request::Inspect { .. } | Request::Parse { .. }) {
        REHEARSAL.set(None);
    }
    match request {
        Request::Inspect { file, options } => {
            let Some(blob) = envelope::file(message) else {
                return fail(
                    Some(file),
                    None,
                    Failure::Protocol("no file attached".into()),
                );
            };
            // A first look from the head of a large file, so the mapping shows while the rest
            // is read (a head that cannot tell is left to the whole file).
            if blob.size() > import::HEAD_BYTES as f64 {
                let first = blob
                    .slice_with_f64_and_f64(0.0, import::HEAD_BYTES as f64)
                    .ok()
                    .and_then(|head| read_blob(&head).ok())
                    .and_then(|head| Session::glance(file, &blob.name(), &head, &options));
                if let Some(first) = first {
                    post(&Response::Inspected(first), &[]);
                }
            }
            let bytes = match read_blob(&blob) {
                Ok(b) => b,
                Err(e) => return fail(Some(file), None, Failure::Protocol(e)),
            };
            let mut progress = |step, progress| {
                post(
                    &Response::Progress {
                        file,
                        step,
                        progress,
                    },
                    &[],
                );
            };
            let result = SESSION.with_borrow_mut(|s| {
                s.inspect(file, &blob.name(), &bytes, &options, &mut progress)
            });
            match result {
                Ok(inspection) => post(&Response::Inspected(inspection), &[]),
                Err(e) => fail(Some(file), None, Failure::Import(e)),
            }
        }
        Request::Parse {
            check,
            files,
            mode,
            today,
            fit_at,
        } => {
            // The previous check's encoding will not be staged any more.
            UNSTAGED.set(None);
            let base = match base_dataset(envelope::buffers(message).into_vecs()) {
                Ok(d) => d,
                Err(e) => return fail(None, Some(check), Failure::Protocol(e)),
            };
            let mut progress = |file, step, progress| {
                post(
                    &Response::Progress {
                        file,
                        step,
                        progress,
                    },
                    &[],
                );
            };
            let result =
                SESSION.with_borrow(|s| s.parse(&files, &base, mode, today, &mut progress));
            match result {
                Ok((data, reports)) => {
                    let encoded = codec::encode(&data);
                    post(&Response::Parsed { check, reports }, encoded.parts());
                    let fit = Session::fit(&data, &fit_at);
                    post(&Response::Fitted { fit }, &[]);
                    UNSTAGED.set(Some((check, encoded)));
                }
                Err((file, e)) => fail(file, Some(check), Failure::Import(e)),
            }
        }
        Request::FitInputs => {
            let result = match envelope::buffers(message).copy(0) {
                Some(bytes) => Session::fit_inputs(&bytes),
                None => Err("no fit inputs attached".into()),
            };
            match result {
                Ok(fit) => post(&Response::Fitted { fit }, &[]),
                Err(e) => fail(None, None, Failure::Protocol(e)),
            }
        }
        Request::Stage { check, workspace } => {
            let held = UNSTAGED.with_borrow_mut(|u| u.take_if(|(c, _)| *c == check));
            let Some((_, encoded)) = held else {
                let staged = Err("the worker no longer holds this check's data".into());
                return post(&Response::Staged { check, staged }, &[]);
            };
            wasm_bindgen_futures::spawn_local(async move {
                let staged = async {
                    let db = storage::open(storage::DB_NAME).await?;
                    storage::stage_import(&db, &workspace, &encoded).await
                }
                .await
                .map_err(|e| e.to_string());
                post(&Response::Staged { check, staged }, &[]);
            });
        }
        Request::WarmUp => {
            REHEARSAL.set(Some(Rehearsal::default()));
            // One step per task, the first after the requests already waiting: a file dropped
            // meanwhile is read after the current step.
            wasm_bindgen_futures::spawn_local(async {
                loop {
                    gloo::timers::future::TimeoutFuture::new(0).await;
                    if !rehearse_step() {
                        break;
                    }
                }
            });
        }
        Request::Forget { file } => SESSION.with_borrow_mut(|s| s.forget(file)),
    }
}

/// Runs the next step of the rehearsal under way, if any, and posts its result to the page
/// after the last ([`Response::Rehearsed`]); `false` when no step remains.
fn rehearse_step() -> bool {
    let Some(mut rehearsal) = REHEARSAL.take() else {
        return false;
    };
    match rehearsal.step() {
        Ok(true) => {
            REHEARSAL.set(Some(rehearsal));
            true
        }
        // A rehearsal that fails (it never should) only leaves the code unoptimised.
        Ok(false) | Err(_) => {
            if let Some(done) = rehearsal.finish() {
                post(&Response::Rehearsed { fit: done.fit }, done.encoded.parts());
            }
            false
        }
    }
}

fn read_blob(blob: &Blob) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
    let buffer: ArrayBuffer = reader
        .read_as_array_buffer(blob)
        .map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The stored dataset the page sent beside a parse request (meta, then sales chunks); empty
/// when nothing is stored yet.
fn base_dataset(parts: Vec<Vec<u8>>) -> Result<Dataset, String> {
    match parts.split_first() {
        None => Ok(Dataset::default()),
        Some((meta, chunks)) => codec::decode(meta, chunks).map_err(|e| e.to_string()),
    }
}
