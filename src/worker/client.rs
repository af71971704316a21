//! The page's side of [`super::protocol`]: starts the import worker, sends it requests (queued
//! until it says it is ready) and hands every response to one callback. Cancelling terminates
//! the worker — the only way to stop a synchronous parse at once — and the next request starts
//! a fresh one.

use super::checks::CheckId;
use super::envelope::{self, Buffers, Envelope};
use super::protocol::{Failure, FileId, ImportMode, ParseSpec, Request, Response};
use crate::codec::Encoded;
use crate::engine::{FitInputs, Params};
use crate::import::ReadOptions;
use crate::model::Day;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker};

/// The worker's loader, written by Trunk next to `index.html` (`data-loader-shim`); relative,
/// so the app works from any folder of a static host.
pub const WORKER_SCRIPT: &str = "./fideliza-worker_loader.js";

type Handler = Rc<dyn Fn(Response, Buffers)>;

/// A handle to the import worker. Cheap to clone.
#[derive(Clone)]
pub struct ImportWorker {
    inner: Rc<Inner>,
}

struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

/// A running worker is stopped when dropped, its handlers unset first: a message it posted
/// just before may still be dispatched, and must find no handler rather than a dropped
/// closure (which throws "closure invoked recursively or after being dropped").
impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

struct Inner {
    running: RefCell<Option<Running>>,
    ready: Rc<Cell<bool>>,
    /// Whether each worker started rehearses an import first ([`ImportWorker::warm_up`]).
    rehearse: Cell<bool>,
    queue: Rc<RefCell<Vec<Envelope>>>,
    handler: Handler,
}

impl ImportWorker {
    /// A handle whose responses (with the buffers that came beside them) go to `handler`. The
    /// worker itself starts with the first request.
    pub fn new(handler: impl Fn(Response, Buffers) + 'static) -> Self {
        ImportWorker {
            inner: Rc::new(Inner {
                running: RefCell::new(None),
                ready: Rc::new(Cell::new(false)),
                rehearse: Cell::new(false),
                queue: Rc::new(RefCell::new(Vec::new())),
                handler: Rc::new(handler),
            }),
        }
    }

    /// Reads a dropped file in the worker ([`Request::Inspect`]).
    pub fn inspect(&self, file: FileId, blob: &File, options: ReadOptions) {
        self.send(&Request::Inspect { file, options }, Some(blob), &[]);
    }

    /// Checks the inspected files against `base`, the stored dataset, then fits the models at
    /// the analysis date of `fit_at` ([`Request::Parse`] numbered `check`).
    pub fn parse(
        &self,
        check: CheckId,
        files: Vec<ParseSpec>,
        mode: ImportMode,
        today: Day,
        fit_at: Params,
        base: Option<Encoded>,
    ) {
        let buffers: Vec<&Vec<u8>> = base.iter().flat_map(Encoded::parts).collect();
        let request = Request::Parse {
            check,
            files,
            mode,
            today,
            fit_at,
        };
        self.send(&request, None, &buffers);
    }

    /// Fits the models on `inputs` ([`Request::FitInputs`], answered by
    /// [`Response::Fitted`]): a new analysis date fitted off the page's thread.
    pub fn fit_inputs(&self, inputs: &FitInputs) {
        self.send(&Request::FitInputs, None, &[&inputs.to_bytes()]);
    }

    /// Has the worker write check `check`'s dataset into `workspace` as a staged generation
    /// ([`Request::Stage`], answered by [`Response::Staged`]).
    pub fn stage(&self, check: CheckId, workspace: String) {
        self.send(&Request::Stage { check, workspace }, None, &[]);
    }

    /// Starts the worker ahead of its first request, so that fetching and compiling its wasm
    /// overlaps with the user choosing a file, and has it rehearse an import meanwhile
    /// ([`Request::WarmUp`]); so does every worker started later for this handle (after a
    /// cancel), before its first request. Call it before any request: a worker already
    /// running is not asked.
    pub fn warm_up(&self) {
        self.inner.rehearse.set(true);
        self.ensure_started();
    }

    /// Drops a file the user removed ([`Request::Forget`]).
    pub fn forget(&self, file: FileId) {
        self.send(&Request::Forget { file }, None, &[]);
    }

    /// Stops whatever the worker is doing; the files it held are forgotten.
    pub fn cancel(&self) {
        drop(self.inner.running.borrow_mut().take());
        self.inner.ready.set(false);
        self.inner.queue.borrow_mut().clear();
    }

    fn send(&self, request: &Request, file: Option<&File>, buffers: &[&Vec<u8>]) {
        let sealed = envelope::seal(request.to_json(), buffers.iter().copied(), file);
        self.ensure_started();
        if self.inner.ready.get() {
            self.post(&sealed);
        } else {
            self.inner.queue.borrow_mut().push(sealed);
        }
    }

    fn post(&self, sealed: &Envelope) {
        if let Some(running) = self.inner.running.borrow().as_ref() {
            if let Err(e) = running
                .worker
                .post_message_with_transfer(&sealed.message, &sealed.transfer)
            {
                (self.inner.handler)(failure(format!("{e:?}")), Buffers::default());
            }
        }
    }

    fn ensure_started(&self) {
        if self.inner.running.borrow().is_some() {
            return;
        }
        let worker = match Worker::new(WORKER_SCRIPT) {
            Ok(w) => w,
            Err(e) => return (self.inner.handler)(failure(format!("{e:?}")), Buffers::default()),
        };
        let this = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            this.receive(&event.data());
        });
        let handler = self.inner.handler.clone();
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            handler(
                failure("the import worker stopped".into()),
                Buffers::default(),
            );
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.inner.running.borrow_mut() = Some(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        });
        if self.inner.rehearse.get() {
            let rehearsal = envelope::seal(Request::WarmUp.to_json(), std::iter::empty(), None);
            self.inner.queue.borrow_mut().push(rehearsal);
        }
    }

    fn receive(&self, message: &JsValue) {
        let response = match Response::from_json(&envelope::json(message)) {
            Ok(r) => r,
            Err(e) => return (self.inner.handler)(failure(e), Buffers::default()),
        };
        if response == Response::Ready {
            self.inner.ready.set(true);
            let queued: Vec<_> = self.inner.queue.borrow_mut().drain(..).collect();
            for sealed in queued {
                self.post(&sealed);
            }
            return;
        }
        (self.inner.handler)(response, envelope::buffers(message));
    }
}

fn failure(detail: String) -> Response {
    Response::Failed {
        file: None,
        check: None,
        error: Failure::Protocol(detail),
    }
}
