//! Importing files: drop → read in the worker → confirm kind and columns (with a preview) →
//! check every row in the worker → read the report → store all valid rows, or nothing.
//!
//! The check runs ahead of the user's "Revisar": once every file is read and mapped (and the
//! inputs have stayed put for [`AHEAD_DELAY_MS`]; at once when a large file's whole read
//! arrives under the mapping shown since its first look and nothing changed within that
//! time), the worker checks the rows while the user looks at the mapping, and the page decodes
//! the result. A result is shown only if nothing it was made from has changed since
//! ([`Checks`]).

mod answers;
mod panel;
mod rehearsal;
mod staging;

pub use panel::ImportPanel;

use super::{quoted, storage_error};
use crate::codec::{self, Encoded};
use crate::engine::{DataKey, FitRecord, Params, Prepared};
use crate::i18n::plural;
use crate::import::{
    FileKind, Lang, Mapping, Progress, ReadOptions, auto_mapping, header_signature,
};
use crate::model::{Dataset, Day, ymd};
use crate::storage;
use crate::ui::{
    AppState, in_slices, in_tasks, mark, next_paint, prepare_in_slices, prepare_in_tasks,
};
use crate::worker::client::ImportWorker;
use crate::worker::protocol::{Failure, FileReport, Inspection, ParseSpec, Step};
use crate::worker::{Asked, Buffers, CheckId, Checks, FileId, ImportMode, Response};
use crate::workspace::{FileRecord, ImportRecord};
use answers::Answers;
use gloo::timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

/// How long the files, mappings, mode, stored data and parameters must stay unchanged before
/// they are checked ahead: a user remapping several columns starts one check, not one each.
const AHEAD_DELAY_MS: u32 = 300;

/// The worker's fits kept for "Importar" (one per recent check; the right one has its data key).
const FITS_KEPT: usize = 4;

/// What a check is made from: the key of [`Checks`]. Equal keys give equal results.
#[derive(Clone, Debug)]
struct CheckKey {
    specs: Vec<ParseSpec>,
    mode: ImportMode,
    /// The stored dataset the rows merge into (the same one, not an equal one).
    base: Option<Arc<Dataset>>,
    /// The analysis parameters the worker fits at.
    params: Params,
}

impl PartialEq for CheckKey {
    fn eq(&self, other: &Self) -> bool {
        let same_base = match (&self.base, &other.base) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_base
            && self.specs == other.specs
            && self.mode == other.mode
            && self.params == other.params
    }
}

/// A check's answer as the page keeps it: its number, the dataset (decoded, and as the worker
/// encoded it) with one report per file, or what to tell the user.
type Checked = Result<(CheckId, Arc<Dataset>, Arc<Encoded>, Vec<FileReport>), Notice>;

/// A file the user dropped, as the import screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    /// The page's handle.
    pub id: FileId,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: f64,
    /// What the worker read (absent while reading).
    pub inspection: Option<Inspection>,
    /// The mapping the user confirms (starts as the automatic or remembered one).
    pub mapping: Option<Mapping>,
    /// Why the file could not be read.
    pub error: Option<Failure>,
}

impl Dropped {
    /// Whether the worker has read the whole file, not only its first bytes.
    pub fn read_whole(&self) -> bool {
        self.inspection.as_ref().is_some_and(|i| i.rows.is_some())
    }
}

/// Where the import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Dropping files and confirming mappings.
    Choosing,
    /// The worker is checking every row.
    Checking,
    /// The report is shown; nothing is stored yet.
    Review,
    /// Storing the accepted rows.
    Saving,
}

/// A message of the import screen; worded when shown, in the language of the moment.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The worker's answer could not be decoded.
    UnreadableResult,
    /// The importer refused the request.
    Failed(Failure),
    /// The user stopped reading or checking.
    Cancelled,
    /// The user dropped the checked result.
    Discarded,
    /// This many rows were stored.
    Saved(u64),
    /// Storing failed; nothing was stored.
    SaveFailed(crate::storage::StorageError),
}

impl Notice {
    /// Whether the notice reports a failure (shown as an alert).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Notice::UnreadableResult | Notice::Failed(_) | Notice::SaveFailed(_)
        )
    }

    /// The notice's text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang.code();
        match self {
            Notice::UnreadableResult => {
                t!("data.import.unreadable_result", locale = l).into_owned()
            }
            Notice::Failed(failure) => failure.message(lang),
            Notice::Cancelled => t!("data.import.cancelled", locale = l).into_owned(),
            Notice::Discarded => t!("data.import.discarded", locale = l).into_owned(),
            Notice::Saved(rows) => {
                let shown = crate::format::count(*rows as usize, lang);
                plural(
                    t!("data.import.saved", locale = l, rows = shown),
                    &[("rows", *rows as usize)],
                )
            }
            Notice::SaveFailed(e) => {
                let error = storage_error(e, lang);
                t!("data.import.save_failed", locale = l, error = error).into_owned()
            }
        }
    }
}

/// The import screen's state; cheap to copy into event handlers.
#[derive(Clone, Copy)]
pub struct ImportFlow {
    pub files: RwSignal<Vec<Dropped>>,
    pub stage: RwSignal<Stage>,
    pub mode: RwSignal<ImportMode>,
    pub progress: RwSignal<Option<(FileId, Step, Progress)>>,
    pub reports: RwSignal<Vec<FileReport>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The checked dataset and the worker's encoding of it (stored as it is on "Importar").
    pending: StoredValue<Option<(Arc<Dataset>, Arc<Encoded>)>>,
    /// `pending`'s blobs, written by the worker while the user reads the report
    /// ([`storage::stage_import`]): the check, its dataset and, once written, the outcome.
    staged: StoredValue<staging::BeingStaged, LocalStorage>,
    /// The engine prepared for `pending`'s dataset while the user reads the report.
    prepared: StoredValue<Option<(Arc<Dataset>, Prepared)>, LocalStorage>,
    /// The worker's latest model fits ([`Response::Fitted`], right after each check), newest
    /// last; the one of `pending` has its data key.
    fits: StoredValue<Vec<FitRecord>>,
    /// Fits still on their way (one per check sent and not failed).
    fits_due: StoredValue<u32>,
    /// The tasks waiting for a fit or a stage, woken by each answer of the worker.
    answers: Answers,
    /// The checks asked of the worker, one of them ahead of "Revisar".
    checks: StoredValue<Checks<CheckKey, Checked>, LocalStorage>,
    /// The timer that starts a check ahead once the inputs stay put.
    ahead_timer: StoredValue<Option<gloo::timers::callback::Timeout>, LocalStorage>,
    /// Whether `ahead_timer` is still to fire: some input changed less than [`AHEAD_DELAY_MS`]
    /// ago.
    ahead_due: StoredValue<bool>,
    /// Remembered-mapping lookups in flight (no check ahead before they are applied).
    lookups: StoredValue<u32>,
    /// The app (stored data and analysis parameters).
    state: AppState,
    blobs: StoredValue<HashMap<FileId, web_sys::File>, LocalStorage>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    next_id: StoredValue<FileId>,
}

impl ImportFlow {
    fn new(state: AppState) -> Self {
        let flow = ImportFlow {
            state,
            files: RwSignal::new(Vec::new()),
            stage: RwSignal::new(Stage::Choosing),
            mode: RwSignal::new(ImportMode::Replace),
            progress: RwSignal::new(None),
            reports: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            pending: StoredValue::new(None),
            staged: StoredValue::new_local(None),
            prepared: StoredValue::new_local(None),
            fits: StoredValue::new(Vec::new()),
            fits_due: StoredValue::new(0),
            answers: Answers::new(),
            checks: StoredValue::new_local(Checks::default()),
            ahead_timer: StoredValue::new_local(None),
            ahead_due: StoredValue::new(false),
            lookups: StoredValue::new(0),
            blobs: StoredValue::new_local(HashMap::new()),
            worker: StoredValue::new_local(None),
            next_id: StoredValue::new(1),
        };
        let worker = ImportWorker::new(move |response, buffers| {
            flow.receive(response, buffers);
            flow.answers.arrived();
        });
        // Ready by the time a file is dropped: starting it takes a fetch and a compile, and a
        // rehearsal import lets the browser optimise the import's code meanwhile.
        worker.warm_up();
        flow.worker.set_value(Some(worker));
        on_cleanup(move || flow.with_worker(ImportWorker::cancel));
        flow
    }

    /// The interface language (the app's).
    pub fn lang(&self) -> RwSignal<Lang> {
        self.state.lang
    }

    fn with_worker(&self, f: impl FnOnce(&ImportWorker)) {
        self.worker.with_value(|w| {
            if let Some(w) = w.as_ref() {
                f(w)
            }
        });
    }

    /// Adds dropped or chosen files and has the worker read them.
    fn add(&self, list: web_sys::FileList) {
        self.notice.set(None);
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            let id = self.next_id.get_value();
            self.next_id.set_value(id + 1);
            self.files.update(|files| {
                files.push(Dropped {
                    id,
                    name: file.name(),
                    size: file.size(),
                    inspection: None,
                    mapping: None,
                    error: None,
                })
            });
            self.with_worker(|w| w.inspect(id, &file, ReadOptions::default()));
            self.blobs.update_value(|b| {
                b.insert(id, file);
            });
        }
    }

    /// Reads a file again with other options (another sheet).
    pub fn reread(&self, id: FileId, options: ReadOptions) {
        self.edit(id, |d| {
            d.inspection = None;
            d.error = None;
        });
        self.blobs.with_value(|b| {
            if let Some(file) = b.get(&id) {
                self.with_worker(|w| w.inspect(id, file, options));
            }
        });
    }

    /// Removes a file from the import.
    pub fn remove(&self, id: FileId) {
        self.files.update(|f| f.retain(|d| d.id != id));
        self.blobs.update_value(|b| {
            b.remove(&id);
        });
        self.with_worker(|w| w.forget(id));
    }

    /// Changes a file's mapping (its kind or one column).
    pub fn edit(&self, id: FileId, change: impl FnOnce(&mut Dropped)) {
        self.files.update(|files| {
            if let Some(d) = files.iter_mut().find(|d| d.id == id) {
                change(d)
            }
        });
    }

    /// Sets a file's kind; its columns are mapped anew for that kind.
    pub fn set_kind(&self, id: FileId, kind: FileKind) {
        self.edit(id, |d| {
            if let Some(i) = &d.inspection {
                d.mapping = Some(auto_mapping(kind, &i.headers));
            }
        });
    }

    fn receive(&self, response: Response, buffers: Buffers) {
        match response {
            Response::Ready => {}
            Response::Rehearsed { fit } => {
                spawn_local(rehearsal::rehearse(self.state, fit, buffers));
            }
            Response::Progress {
                file,
                step,
                progress,
            } => {
                // A check ahead works unseen until the user asks for its report.
                if step == Step::Reading || self.stage.get_untracked() == Stage::Checking {
                    self.progress.set(Some((file, step, progress)))
                }
            }
            Response::Inspected(inspection) => {
                let whole = inspection.rows.is_some();
                mark(if whole {
                    "fideliza:inspected"
                } else {
                    "fideliza:first-look"
                });
                if whole {
                    self.progress.set(None);
                }
                let id = inspection.file;
                let signature = header_signature(&inspection.headers);
                let columns = inspection.headers.len();
                // The whole file after a first look with the same columns keeps its mapping,
                // which the user may have changed meanwhile.
                let mut mapped = false;
                self.edit(id, |d| {
                    mapped = d.mapping.is_some()
                        && d.inspection
                            .as_ref()
                            .is_some_and(|i| i.headers == inspection.headers);
                    if !mapped {
                        d.mapping = Some(inspection.mapping.clone());
                    }
                    d.inspection = Some(inspection);
                });
                if mapped {
                    // The mapping on screen since the first look is what to check: unless the
                    // user is changing it, the check ahead need not wait for quiet.
                    if !self.ahead_due.get_value() {
                        self.run_ahead();
                    }
                    return;
                }
                // A mapping the user confirmed before for the same headers wins.
                let flow = *self;
                self.lookups.update_value(|n| *n += 1);
                spawn_local(async move {
                    if let Ok(db) = storage::open(storage::DB_NAME).await {
                        if let Ok(Some(m)) = storage::remembered_mapping(&db, &signature).await {
                            flow.edit(id, |d| {
                                let same = d
                                    .inspection
                                    .as_ref()
                                    .is_some_and(|i| header_signature(&i.headers) == signature);
                                if same && m.columns.len() == columns {
                                    d.mapping = Some(m);
                                }
                            });
                        }
                    }
                    flow.lookups.update_value(|n| *n -= 1);
                    flow.schedule_ahead();
                });
            }
            Response::Parsed { check, reports } => {
                mark("fideliza:checked");
                let flow = *self;
                spawn_local(async move {
                    let checked = decode(check, reports, buffers).await;
                    flow.arrived(check, move || checked);
                });
            }
            Response::Fitted { fit } => {
                mark("fideliza:fit-arrived");
                self.fits.update_value(|fits| {
                    fits.push(fit);
                    if fits.len() > FITS_KEPT {
                        fits.remove(0);
                    }
                });
                self.fits_due.update_value(|n| *n = n.saturating_sub(1));
            }
            Response::Staged { check, staged } => self.on_staged(check, staged),
            Response::Failed {
                check: Some(check),
                error,
                ..
            } => {
                self.fits_due.update_value(|n| *n = n.saturating_sub(1));
                self.arrived(check, move || Err(Notice::Failed(error)));
            }
            Response::Failed {
                file,
                check: None,
                error,
            } => {
                self.progress.set(None);
                if file.is_none() {
                    // The worker stopped (or could not read a message): no check will answer.
                    self.forget_checks();
                }
                match file.filter(|id| self.files.get_untracked().iter().any(|d| d.id == *id)) {
                    Some(id) if self.stage.get_untracked() == Stage::Choosing => {
                        self.edit(id, |d| d.error = Some(error))
                    }
                    _ => self.failed(Notice::Failed(error)),
                }
                self.stage.set(Stage::Choosing);
            }
        }
    }

    /// The worker has answered check `id`; `answer` gives the answer (called only if it is
    /// still wanted). Shown if the user waits for it; kept if it is the check ahead of the
    /// current files. The engine is prepared for it only once it is shown: a long task while the
    /// user is on the mapping would delay their click.
    fn arrived(&self, id: CheckId, answer: impl FnOnce() -> Checked) {
        let current = self.key();
        let shown = self
            .checks
            .try_update_value(|c| c.arrived(id, current.as_ref(), answer))
            .flatten();
        match shown {
            Some(checked) => self.show(checked),
            // The files may have changed while this check ran.
            None => self.schedule_ahead(),
        }
    }

    /// Shows a check's report (or why it failed).
    fn show(&self, checked: Checked) {
        self.progress.set(None);
        match checked {
            Ok((check, data, encoded, reports)) => {
                self.pending.set_value(Some((data.clone(), encoded)));
                self.reports.set(reports);
                self.stage.set(Stage::Review);
                self.stage_blobs(check, Arc::clone(&data));
                self.prepare(data);
            }
            Err(notice) => self.failed(notice),
        }
    }

    /// No check will answer any more (the worker was stopped).
    fn forget_checks(&self) {
        self.checks.update_value(Checks::reset);
        self.stage_stopped();
        self.fits_due.set_value(0);
        self.ahead_timer.set_value(None);
        self.ahead_due.set_value(false);
    }

    fn failed(&self, notice: Notice) {
        self.stage.set(Stage::Choosing);
        self.notice.set(Some(notice));
    }

    /// The files ready to check, or why not (in `lang`).
    fn specs(&self, lang: Lang) -> Result<Vec<ParseSpec>, String> {
        let l = lang.code();
        let files = self.files.get();
        if files.is_empty() {
            return Err(t!("data.import.no_files", locale = l).into_owned());
        }
        let mut specs = Vec::new();
        for d in &files {
            let name = d.name.as_str();
            if d.error.is_some() {
                return Err(
                    t!("data.import.remove_unreadable", locale = l, name = name).into_owned()
                );
            }
            let Some(mapping) = d.mapping.clone().filter(|_| d.read_whole()) else {
                return Err(t!("data.import.still_reading", locale = l, name = name).into_owned());
            };
            let missing = mapping.missing_required();
            if !missing.is_empty() {
                let fields: Vec<String> = missing
                    .iter()
                    .map(|f| quoted(&f.name(lang), lang))
                    .collect();
                let fields = fields.join(", ");
                return Err(t!(
                    "data.import.missing_columns",
                    locale = l,
                    name = name,
                    fields = fields
                )
                .into_owned());
            }
            specs.push(ParseSpec {
                file: d.id,
                mapping,
            });
        }
        Ok(specs)
    }

    /// What a check of the files as they are now is made from; `None` while a file is being
    /// read or cannot be checked.
    fn key(&self) -> Option<CheckKey> {
        let files_read = self
            .files
            .with_untracked(|f| f.iter().all(Dropped::read_whole));
        let specs = untrack(|| self.specs(self.state.lang.get_untracked())).ok()?;
        files_read.then(|| CheckKey {
            specs,
            mode: self.mode.get_untracked(),
            base: self.state.dataset.get_untracked(),
            params: self.state.params.get_untracked(),
        })
    }

    /// Has the worker check `key`'s files (check number `id`), then fit the models.
    fn send(&self, id: CheckId, key: CheckKey) {
        let base = key.base.as_deref().map(codec::encode);
        self.fits_due.update_value(|n| *n += 1);
        self.with_worker(|w| w.parse(id, key.specs, key.mode, today(), key.params, base));
    }

    /// Checks the files ahead once the inputs have stayed put for [`AHEAD_DELAY_MS`] (each call
    /// restarts the wait).
    fn schedule_ahead(&self) {
        let flow = *self;
        let timer = gloo::timers::callback::Timeout::new(AHEAD_DELAY_MS, move || flow.run_ahead());
        // Replacing the previous timer cancels it.
        self.ahead_timer.set_value(Some(timer));
        self.ahead_due.set_value(true);
    }

    /// Sends a check ahead of the files as they are now, if one is worth it ([`Checks::ahead`]).
    fn run_ahead(&self) {
        self.ahead_due.set_value(false);
        if self.stage.get_untracked() != Stage::Choosing || self.lookups.get_value() > 0 {
            return;
        }
        let Some(key) = self.key() else { return };
        if let Some(id) = self
            .checks
            .try_update_value(|c| c.ahead(key.clone()))
            .flatten()
        {
            self.send(id, key);
        }
    }

    /// "Revisar": shows the report of the files as they are, from the check ahead when it is
    /// theirs (at once if it has answered), else from a new check.
    fn check(&self) {
        let Some(key) = self.key() else { return };
        self.notice.set(None);
        let asked = self.checks.try_update_value(|c| c.request(key.clone()));
        match asked {
            Some(Asked::Show(checked)) => self.show(checked),
            Some(Asked::Wait) => self.stage.set(Stage::Checking),
            Some(Asked::Send(id)) => {
                self.stage.set(Stage::Checking);
                self.send(id, key);
            }
            None => {}
        }
    }

    /// Stops reading or checking at once; nothing is stored.
    fn cancel(&self) {
        self.with_worker(ImportWorker::cancel);
        self.forget_checks();
        self.unstage();
        self.files.set(Vec::new());
        self.blobs.update_value(HashMap::clear);
        self.progress.set(None);
        self.stage.set(Stage::Choosing);
        self.notice.set(Some(Notice::Cancelled));
    }

    /// Prepares the engine for `data` once the report has been painted, while the user reads
    /// it, then, once the worker's fit of `data` is here, analyses them at the current
    /// parameters (the engine keeps that analysis), so that "Importar" only has to store and
    /// show. Each step is its own task, and runs only while `data` is still the one pending
    /// (not discarded, stored or replaced by another check meanwhile) and under review: once
    /// "Importar" is clicked, it prepares and analyses them itself.
    fn prepare(&self, data: Arc<Dataset>) {
        let flow = *self;
        spawn_local(async move {
            next_paint().await;
            mark("fideliza:review-painted");
            let wanted = |flow: ImportFlow| {
                flow.stage.get_untracked() == Stage::Review
                    && flow
                        .pending
                        .with_value(|p| p.as_ref().is_some_and(|(d, _)| Arc::ptr_eq(d, &data)))
            };
            let Some(prepared) = prepare_in_slices(&data, || wanted(flow)).await else {
                return;
            };
            mark("fideliza:review-prepared");
            let key = prepared.data_key();
            if !wanted(flow) {
                return;
            }
            flow.prepared.set_value(Some((data.clone(), prepared)));
            // The engine prepared for `data`, unless another has taken its place.
            fn ours<'a>(
                p: &'a Option<(Arc<Dataset>, Prepared)>,
                data: &Arc<Dataset>,
            ) -> Option<&'a Prepared> {
                p.as_ref()
                    .filter(|(d, _)| Arc::ptr_eq(d, data))
                    .map(|p| &p.1)
            }
            let step = |params: &Params| {
                flow.prepared.with_value(|p| {
                    ours(p, &data).is_some_and(|prepared| prepared.prepare_step(params))
                })
            };
            let params = flow.state.params.get_untracked();
            flow.stages_while_fitting(key, || wanted(flow), || step(&params))
                .await;
            // The fit of these data, from the worker (never fitted here: seconds of this thread).
            let Some(fit) = flow.fit_of(key, || wanted(flow)).await else {
                return;
            };
            next_paint().await;
            if !flow
                .prepared
                .with_value(|p| ours(p, &data).is_some_and(|prepared| prepared.seed_fit(fit)))
            {
                return;
            }
            // The model outputs, one stage a task, then the aggregates.
            let params = flow.state.params.get_untracked();
            in_tasks(|| wanted(flow), || step(&params)).await;
            flow.prepared.with_value(|p| {
                if let Some(prepared) = ours(p, &data).filter(|_| wanted(flow)) {
                    let _ = prepared.analysis(&params);
                    mark("fideliza:review-analyzed");
                }
            });
        });
    }

    /// Computes the stages of an analysis that no fitting enters, one task each (`step`:
    /// [`Prepared::prepare_step`], `false` once all are there), while the worker's fit of the
    /// data whose key is `key` is on its way and `go()` holds.
    async fn stages_while_fitting(
        &self,
        key: DataKey,
        go: impl Fn() -> bool,
        step: impl Fn() -> bool,
    ) {
        while go() && self.fit_here(key).is_none() && step() {
            TimeoutFuture::new(0).await;
        }
    }

    /// The worker's fit of the data whose key is `key`, if it has arrived.
    fn fit_here(&self, key: DataKey) -> Option<FitRecord> {
        self.fits
            .with_value(|f| f.iter().rev().find(|f| f.key.data == key).cloned())
    }

    /// The worker's fit of the data whose key is `key`, waiting for it (looking again at each
    /// answer of the worker, 30 s at most) while a fit is still due and `waiting()` holds;
    /// `None` when none comes.
    async fn fit_of(&self, key: DataKey, waiting: impl Fn() -> bool) -> Option<FitRecord> {
        let until = js_sys::Date::now() + 30_000.0;
        while js_sys::Date::now() < until {
            if let Some(fit) = self.fit_here(key) {
                return Some(fit);
            }
            if self.fits_due.get_value() == 0 || !waiting() {
                return None;
            }
            self.answers.next(100).await;
        }
        self.fit_here(key)
    }

    /// Drops the checked result; the files stay for another try.
    fn discard(&self) {
        self.unstage();
        self.pending.set_value(None);
        self.prepared.set_value(None);
        self.reports.set(Vec::new());
        self.stage.set(Stage::Choosing);
        self.notice.set(Some(Notice::Discarded));
    }

    /// Stores the checked dataset in the open workspace, all or nothing.
    fn accept(&self, state: AppState) {
        let (Some((data, encoded)), Some(workspace)) =
            (self.pending.get_value(), state.workspace.get_untracked())
        else {
            return;
        };
        let files = self.files.get_untracked();
        let reports = self.reports.get_untracked();
        let record = ImportRecord {
            at_ms: js_sys::Date::now(),
            appended: self.mode.get_untracked() == ImportMode::Append,
            files: reports
                .iter()
                .map(|r| FileRecord {
                    name: files
                        .iter()
                        .find(|d| d.id == r.file)
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    kind: r.kind,
                    rows_read: r.report.rows_read,
                    rows_valid: r.report.rows_valid,
                    errors: r.report.errors(),
                    warnings: r.report.warnings(),
                })
                .collect(),
        };
        let rows: u64 = record.files.iter().map(|f| f.rows_valid).sum();
        // The engine, prepared while the user read the report (else below).
        let prepared = self
            .prepared
            .try_update_value(Option::take)
            .flatten()
            .filter(|(d, _)| Arc::ptr_eq(d, &data))
            .map(|(_, p)| p);
        self.stage.set(Stage::Saving);
        let flow = *self;
        spawn_local(async move {
            mark("fideliza:data");
            let prepared = match prepared {
                Some(prepared) => prepared,
                None => match prepare_in_slices(&data, || true).await {
                    Some(prepared) => prepared,
                    None => return,
                },
            };
            // The worker's fit is stored only if it is this dataset's: a fit of an earlier
            // check can arrive after this one started.
            let this_data = |f: &FitRecord| f.key.data == prepared.data_key();
            let failed = Cell::new(false);
            let saved = async {
                let db = storage::open(storage::DB_NAME).await?;
                // The blobs staged while the report was read need only their manifest.
                let staged = flow.staged_for(&data, &workspace.id).await;
                // The worker's fit goes into the manifest when it has arrived already.
                let fits: Vec<FitRecord> = flow
                    .fits
                    .with_value(|f| f.iter().filter(|f| this_data(f)).cloned().collect());
                let committed = match staged {
                    Some(staged) => {
                        let (at, record) = (record.at_ms, Some(record.clone()));
                        storage::commit_import(&db, &staged, &data, at, record, fits.clone())
                            .await?
                    }
                    None => None,
                };
                let manifest = match committed {
                    Some(manifest) => {
                        mark("fideliza:stored-staged");
                        manifest
                    }
                    None => {
                        storage::save_import(
                            &db,
                            &workspace.id,
                            &data,
                            &encoded,
                            record.at_ms,
                            Some(record),
                            fits,
                        )
                        .await?
                    }
                };
                for d in &files {
                    if let (Some(i), Some(m)) = (&d.inspection, &d.mapping) {
                        storage::remember_mapping(&db, &header_signature(&i.headers), m).await?;
                    }
                }
                Ok::<_, storage::StorageError>(manifest)
            };
            let saved = async {
                let result = saved.await;
                failed.set(result.is_err());
                result
            };
            // Meanwhile, the worker's fit (it runs while the worker stages the data or the
            // page saves them; never fitted on this thread), then the analysis at the current
            // parameters, which the engine keeps for the pages: this thread analyses while the
            // worker writes.
            let analysed = async {
                let key = prepared.data_key();
                let params = state.params.get_untracked();
                // The stages that need no fit, each in a task of its own (the click's task may
                // have prepared the engine already), even when the fit is here: a million-line
                // import's analysis in one task held the page for 100–350 ms.
                prepare_in_tasks(&prepared, &params, || !failed.get()).await;
                let fit = flow.fit_of(key, || !failed.get()).await;
                mark("fideliza:fitted");
                if let Some(fit) = &fit
                    && !failed.get()
                    && prepared.seed_fit(fit.clone())
                {
                    // The model outputs too, one stage a task: with the aggregates in the
                    // same task they held the page for 60–80 ms at a million lines.
                    prepare_in_tasks(&prepared, &params, || !failed.get()).await;
                    let _ = prepared.analysis(&params);
                }
                fit
            };
            let (saved, fit) = futures::join!(saved, analysed);
            match saved {
                Ok(mut manifest) => {
                    mark("fideliza:stored");
                    // The worker's fit is stored with the data.
                    if let Some(fit) = fit.filter(|_| manifest.fits.is_empty()) {
                        manifest.add_fit(fit.clone());
                        let (id, generation) = (workspace.id.clone(), manifest.generation);
                        spawn_local(async move {
                            if let Ok(db) = storage::open(storage::DB_NAME).await {
                                let _ = storage::add_fit(&db, &id, generation, fit).await;
                            }
                        });
                    }
                    flow.fits.set_value(Vec::new());
                    storage::request_persistence().await;
                    state.set_prepared(manifest, data, prepared).await;
                    flow.pending.set_value(None);
                    flow.reports.set(Vec::new());
                    for d in &files {
                        flow.remove(d.id);
                    }
                    flow.stage.set(Stage::Choosing);
                    flow.notice.set(Some(Notice::Saved(rows)));
                }
                Err(e) => {
                    flow.prepared.set_value(Some((data, prepared)));
                    flow.stage.set(Stage::Review);
                    flow.notice.set(Some(Notice::SaveFailed(e)));
                }
            }
        });
    }
}

/// Check `check`'s [`Response::Parsed`]: its dataset decoded, with its reports. The meta
/// record is copied into wasm memory at once (a few milliseconds); then, in slices
/// ([`in_slices`]), each a task of its own after the one that received the worker's message,
/// it is decoded a quarter of a megabyte at a time, and each sales chunk is copied and
/// decoded: a million lines copied and decoded in one task held the page for 100–250 ms.
async fn decode(check: CheckId, reports: Vec<FileReport>, buffers: Buffers) -> Checked {
    let unreadable = |_| Notice::UnreadableResult;
    let meta = buffers.copy(0).ok_or(Notice::UnreadableResult)?;
    let mut decoder = codec::Decoder::new(meta).map_err(unreadable)?;
    let mut sales_chunks = Vec::with_capacity(buffers.len().saturating_sub(1));
    let step = || {
        if decoder.meta_step()? {
            return Ok(true);
        }
        let Some(bytes) = buffers.copy(sales_chunks.len() + 1) else {
            return Ok(false);
        };
        decoder.chunk(&bytes)?;
        sales_chunks.push(bytes);
        Ok(true)
    };
    in_slices(|| true, step).await.map_err(unreadable)?;
    let (data, meta) = decoder.finish().map_err(unreadable)?;
    mark("fideliza:decoded");
    let encoded = Encoded { meta, sales_chunks };
    Ok((check, Arc::new(data), Arc::new(encoded), reports))
}

/// Today's local date (dates after it are flagged as future).
fn today() -> Day {
    let now = js_sys::Date::new_0();
    ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
