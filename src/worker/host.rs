//! The worker's side of [`super::protocol`]: receives requests, reads the dropped files, runs
//! the [`Session`] and posts responses (encoded datasets as transferred buffers).

use super::checks::CheckId;
use super::envelope;
use super::protocol::{Failure, Request, Response};
use super::session::Session;
use crate::codec;
use crate::model::Dataset;
use js_sys::{ArrayBuffer, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
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
fn post(response: &Response, buffers: &[Vec<u8>]) {
    let sealed = envelope::seal(response.to_json(), buffers, None);
    scope()
        .post_message_with_transfer(&sealed.message, &sealed.transfer)
        .expect("the page accepts messages");
}

fn fail(file: Option<u32>, error: Failure) {
    post(
        &Response::Failed {
            file,
            check: None,
            error,
        },
        &[],
    );
}

fn fail_check(check: CheckId, file: Option<u32>, error: Failure) {
    post(
        &Response::Failed {
            file,
            check: Some(check),
            error,
        },
        &[],
    );
}

fn handle(message: &JsValue) {
    let request = match Request::from_json(&envelope::json(message)) {
        Ok(r) => r,
        Err(e) => return fail(None, Failure::Protocol(e)),
    };
    match request {
        Request::Inspect { file, options } => {
            let Some(blob) = envelope::file(message) else {
                return fail(Some(file), Failure::Protocol("no file attached".into()));
            };
            let bytes = match read_file(&blob) {
                Ok(b) => b,
                Err(e) => return fail(Some(file), Failure::Protocol(e)),
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
                Err(e) => fail(Some(file), Failure::Import(e)),
            }
        }
        Request::Parse {
            check,
            files,
            mode,
            today,
            fit_at,
        } => {
            let base = match base_dataset(envelope::buffers(message)) {
                Ok(d) => d,
                Err(e) => return fail_check(check, None, Failure::Protocol(e)),
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
                    let mut buffers = vec![encoded.meta];
                    buffers.extend(encoded.sales_chunks);
                    post(&Response::Parsed { check, reports }, &buffers);
                    let fit = Session::fit(&data, &fit_at);
                    post(&Response::Fitted { fit }, &[]);
                }
                Err((file, e)) => fail_check(check, file, Failure::Import(e)),
            }
        }
        Request::FitInputs => {
            let result = match envelope::buffers(message).first() {
                Some(bytes) => Session::fit_inputs(bytes),
                None => Err("no fit inputs attached".into()),
            };
            match result {
                Ok(fit) => post(&Response::Fitted { fit }, &[]),
                Err(e) => fail(None, Failure::Protocol(e)),
            }
        }
        Request::Forget { file } => SESSION.with_borrow_mut(|s| s.forget(file)),
    }
}

fn read_file(file: &File) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
    let buffer: ArrayBuffer = reader
        .read_as_array_buffer(file)
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
