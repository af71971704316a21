//! New analysis dates fitted in the import worker, so that the page never freezes on the
//! BG/NBD + Gamma-Gamma fit (about 1 s for 100k customers), and the stages of new parameters
//! computed in tasks of their own: [`Refit`] is what the analysis memo of
//! [`super::AppState`] consults before analysing on the page.

use super::Status;
use crate::engine::{FitKey, Params, Prepared};
use crate::worker::Response;
use crate::worker::client::ImportWorker;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use std::sync::{Arc, Weak};

/// Fits of new analysis dates, run in the import worker so the page never freezes on them
/// (about 1 s of fitting for 100k customers). While a fit is away the previous analysis stays
/// on screen under a busy status; the record that comes back seeds [`Prepared`] and the
/// analysis recomputes. If the worker cannot start or fails, the page fits by itself.
#[derive(Clone, Copy)]
pub(super) struct Refit {
    /// The worker, started on the first date that needs it and kept for the next ones until
    /// it has been idle for [`IDLE_MS`] (its memory is then given back).
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    /// The pending stop of an idle worker (dropping it cancels the stop).
    idle: StoredValue<Option<Timeout>, LocalStorage>,
    /// The fits sent and not answered yet.
    in_flight: StoredValue<Vec<FitKey>>,
    /// The parameters whose stages are being computed ([`Refit::stage`]).
    staging: StoredValue<Option<Params>>,
    /// The worker failed: every fit runs on the page from now on.
    broken: StoredValue<bool>,
    /// The prepared data of the analysis on screen (a new dataset is analysed at once).
    pub(super) shown: StoredValue<Option<Weak<Prepared>>>,
    /// Bumped when the analysis must recompute (a fit arrived, the worker failed, or the
    /// stages of new parameters are ready).
    pub(super) arrived: RwSignal<u64>,
    /// The analysis parameters.
    params: RwSignal<Params>,
}

impl Refit {
    pub(super) fn new(params: RwSignal<Params>) -> Self {
        Refit {
            params,
            worker: StoredValue::new_local(None),
            idle: StoredValue::new_local(None),
            in_flight: StoredValue::new(Vec::new()),
            staging: StoredValue::new(None),
            broken: StoredValue::new(false),
            shown: StoredValue::new(None),
            arrived: RwSignal::new(0),
        }
    }

    /// Whether the analysis of `params` should wait for the worker instead of fitting here:
    /// the data on screen are `prepared`'s, their fit at this date is not known, and the
    /// worker works. Sends the fit's inputs unless they are already away.
    pub(super) fn defer(
        &self,
        prepared: &Arc<Prepared>,
        params: &Params,
        status: RwSignal<Status>,
    ) -> bool {
        if !self.shows(prepared) || self.broken.get_value() || prepared.fitted(params).is_some() {
            return false;
        }
        let key = prepared.fit_key(params);
        if self.in_flight.with_value(|k| k.contains(&key)) {
            return true;
        }
        let inputs = prepared.fit_inputs(params);
        self.in_flight.update_value(|k| k.push(key));
        self.idle.set_value(None);
        let this = *self;
        let (prepared, params) = (Arc::clone(prepared), params.clone());
        // Signals are written and the worker is started after the analysis has been read, not
        // inside it.
        leptos::task::spawn_local(async move {
            status.set(Status::Busy(REFITTING));
            if this.worker.with_value(Option::is_none) {
                let worker = ImportWorker::new(move |r, _| this.receive(r, status));
                this.worker.set_value(Some(worker));
            }
            // Outside the stored value: a worker that cannot start answers at once.
            if let Some(worker) = this.worker.with_value(Clone::clone) {
                worker.fit_inputs(&inputs);
            }
            // While the worker fits, the stages that need no fit are computed here: the
            // analysis, once the fit arrives, then adds only the model outputs and the
            // aggregates.
            this.prepare_in_tasks(&prepared, &params).await;
        });
        true
    }

    /// Whether the analysis of `params` should wait while the stages it needs that no model
    /// fitting enters (those of a new window, trend length, overdue rule or satisfaction
    /// setting; the predictions of a date whose fits are known) are computed in tasks of
    /// their own, so that no single task holds the whole analysis. The analysis
    /// recomputes when they are done; a staging already away for these parameters is not
    /// started again.
    pub(super) fn stage(&self, prepared: &Arc<Prepared>, params: &Params) -> bool {
        if !self.shows(prepared) || prepared.is_prepared(params) {
            return false;
        }
        if self.staging.with_value(|s| s.as_ref() == Some(params)) {
            return true;
        }
        self.staging.set_value(Some(params.clone()));
        super::mark("fideliza:staging");
        let this = *self;
        let (prepared, params) = (Arc::clone(prepared), params.clone());
        leptos::task::spawn_local(async move {
            let done = this.prepare_in_tasks(&prepared, &params).await;
            if this.staging.with_value(|s| s.as_ref() == Some(&params)) {
                this.staging.set_value(None);
            }
            if done {
                this.arrived.update(|n| *n += 1);
            }
        });
        true
    }

    /// Computes the stages of `params` that no fitting enters, each in a task of its own, as
    /// long as these are still the parameters; whether all are done.
    async fn prepare_in_tasks(&self, prepared: &Prepared, params: &Params) -> bool {
        let current = || self.params.with_untracked(|p| p == params);
        super::prepare_in_tasks(prepared, params, current).await
    }

    /// Whether the analysis on screen is of `prepared`'s data (a new dataset is analysed at
    /// once).
    fn shows(&self, prepared: &Arc<Prepared>) -> bool {
        self.shown.with_value(|w| {
            w.as_ref()
                .is_some_and(|w| w.as_ptr() == Arc::as_ptr(prepared))
        })
    }

    /// A response of the worker.
    fn receive(&self, response: Response, status: RwSignal<Status>) {
        match response {
            Response::Fitted { fit: record } => {
                super::mark("fideliza:refitted");
                self.in_flight
                    .update_value(|k| k.retain(|k| *k != record.key));
                let Some(prepared) = self.shown.with_value(|w| w.as_ref()?.upgrade()) else {
                    return;
                };
                let key = record.key;
                // Recompute only when the record is the current date's (the user may have
                // moved on; it stays cached for that date all the same).
                if !prepared.seed_fit(record)
                    || self.params.with_untracked(|p| prepared.fit_key(p)) != key
                {
                    self.settle(status);
                    return;
                }
            }
            Response::Failed { .. } => {
                web_sys::console::warn_1(
                    &format!("the model fit runs on the page: {response:?}").into(),
                );
                self.broken.set_value(true);
                self.in_flight.update_value(Vec::clear);
                // Stopped after this callback returns (it runs inside the worker's handler).
                let worker = self.worker;
                leptos::task::spawn_local(async move {
                    if let Some(w) = worker.try_update_value(Option::take).flatten() {
                        w.cancel();
                    }
                });
            }
            _ => return,
        }
        self.settle(status);
        self.arrived.update(|n| *n += 1);
    }

    /// Clears the busy status once no fit is away, and schedules the worker's stop.
    fn settle(&self, status: RwSignal<Status>) {
        if !self.in_flight.with_value(Vec::is_empty) {
            return;
        }
        if status.with_untracked(|s| *s == Status::Busy(REFITTING)) {
            status.set(Status::Ready);
        }
        let this = *self;
        let stop = Timeout::new(IDLE_MS, move || {
            if this.in_flight.with_value(Vec::is_empty)
                && let Some(w) = this.worker.try_update_value(Option::take).flatten()
            {
                w.cancel();
            }
        });
        self.idle.set_value(Some(stop));
    }
}

/// How long the worker may stay idle before it is stopped, in milliseconds: a user trying
/// dates one after the other keeps it; one who moved on gets its memory back (tens of MB at
/// 100k customers).
const IDLE_MS: u32 = 60_000;

/// Locale key of the status while the worker fits a new analysis date.
const REFITTING: &str = "busy.refitting";
