//! Importing files: drop → read in the worker → confirm kind and columns (with a preview) →
//! check every row in the worker → read the report → store all valid rows, or nothing.

use super::mapping_card::MappingCard;
use super::report_view::ReportView;
use super::{quoted, storage_error};
use crate::codec::{self, Encoded};
use crate::engine::{FitRecord, Params, Prepared};
use crate::import::{
    FileKind, Lang, Mapping, Progress, ReadOptions, auto_mapping, header_signature,
};
use crate::model::{Dataset, Day, ymd};
use crate::storage;
use crate::ui::{AppState, mark, next_paint};
use crate::worker::client::ImportWorker;
use crate::worker::protocol::{Failure, FileReport, Inspection, ParseSpec, Step};
use crate::worker::{FileId, ImportMode, Response};
use crate::workspace::{FileRecord, ImportRecord};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

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
                let rows = crate::format::count(*rows as usize, lang);
                t!("data.import.saved", locale = l, rows = rows).into_owned()
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
    /// The interface language (the app's).
    pub lang: RwSignal<Lang>,
    /// The checked dataset and the worker's encoding of it (stored as it is on "Importar").
    pending: StoredValue<Option<(Arc<Dataset>, Arc<Encoded>)>>,
    /// The engine prepared for `pending`'s dataset while the user reads the report.
    prepared: StoredValue<Option<(Arc<Dataset>, Prepared)>, LocalStorage>,
    /// The worker's model fit of `pending` ([`Response::Fitted`], right after the check).
    fit: StoredValue<Option<FitRecord>>,
    /// Whether that fit is still on its way.
    fit_waiting: StoredValue<bool>,
    blobs: StoredValue<HashMap<FileId, web_sys::File>, LocalStorage>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    next_id: StoredValue<FileId>,
}

impl ImportFlow {
    fn new(lang: RwSignal<Lang>) -> Self {
        let flow = ImportFlow {
            lang,
            files: RwSignal::new(Vec::new()),
            stage: RwSignal::new(Stage::Choosing),
            mode: RwSignal::new(ImportMode::Replace),
            progress: RwSignal::new(None),
            reports: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            pending: StoredValue::new(None),
            prepared: StoredValue::new_local(None),
            fit: StoredValue::new(None),
            fit_waiting: StoredValue::new(false),
            blobs: StoredValue::new_local(HashMap::new()),
            worker: StoredValue::new_local(None),
            next_id: StoredValue::new(1),
        };
        let worker = ImportWorker::new(move |response, buffers| flow.receive(response, buffers));
        // Ready by the time a file is dropped: starting it takes a fetch and a compile.
        worker.start();
        flow.worker.set_value(Some(worker));
        on_cleanup(move || flow.with_worker(ImportWorker::cancel));
        flow
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

    fn receive(&self, response: Response, buffers: Vec<Vec<u8>>) {
        match response {
            Response::Ready => {}
            Response::Progress {
                file,
                step,
                progress,
            } => self.progress.set(Some((file, step, progress))),
            Response::Inspected(inspection) => {
                self.progress.set(None);
                let id = inspection.file;
                let signature = header_signature(&inspection.headers);
                let columns = inspection.headers.len();
                self.edit(id, |d| {
                    d.mapping = Some(inspection.mapping.clone());
                    d.inspection = Some(inspection);
                });
                // A mapping the user confirmed before for the same headers wins.
                let flow = *self;
                spawn_local(async move {
                    let Ok(db) = storage::open(storage::DB_NAME).await else {
                        return;
                    };
                    if let Ok(Some(m)) = storage::remembered_mapping(&db, &signature).await {
                        if m.columns.len() == columns {
                            flow.edit(id, |d| d.mapping = Some(m));
                        }
                    }
                });
            }
            Response::Parsed { reports } => {
                mark("fideliza:checked");
                self.progress.set(None);
                let mut buffers = buffers.into_iter();
                let encoded = buffers.next().map(|meta| Encoded {
                    meta,
                    sales_chunks: buffers.collect(),
                });
                let decoded =
                    encoded.map(|e| codec::decode(&e.meta, &e.sales_chunks).map(|data| (data, e)));
                match decoded {
                    Some(Ok((data, encoded))) => {
                        mark("fideliza:decoded");
                        let data = Arc::new(data);
                        self.pending
                            .set_value(Some((data.clone(), Arc::new(encoded))));
                        self.reports.set(reports);
                        self.stage.set(Stage::Review);
                        self.prepare(data);
                    }
                    _ => {
                        self.fit_waiting.set_value(false);
                        self.failed(Notice::UnreadableResult)
                    }
                }
            }
            Response::Fitted { fit } => {
                self.fit.set_value(Some(fit));
                self.fit_waiting.set_value(false);
            }
            Response::Failed { file, error } => {
                self.fit_waiting.set_value(false);
                self.progress.set(None);
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
            let Some(mapping) = d.mapping.clone() else {
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

    /// Has the worker check every row against the stored data, then fit the models at the
    /// analysis date of `params`.
    fn check(&self, base: Option<Arc<Dataset>>, params: Params) {
        let Ok(specs) = self.specs(self.lang.get_untracked()) else {
            return;
        };
        self.notice.set(None);
        self.stage.set(Stage::Checking);
        let base = base.map(|d| codec::encode(&d));
        let mode = self.mode.get_untracked();
        self.fit.set_value(None);
        self.fit_waiting.set_value(true);
        self.with_worker(|w| w.parse(specs, mode, today(), params, base));
    }

    /// Stops reading or checking at once; nothing is stored.
    fn cancel(&self) {
        self.with_worker(ImportWorker::cancel);
        self.fit_waiting.set_value(false);
        self.files.set(Vec::new());
        self.blobs.update_value(HashMap::clear);
        self.progress.set(None);
        self.stage.set(Stage::Choosing);
        self.notice.set(Some(Notice::Cancelled));
    }

    /// Prepares the engine for `data` once the report has been painted, while the user reads
    /// it, so that "Importar" only has to store and analyse. Kept only while `data` is still
    /// the one pending (not discarded or replaced by another check meanwhile).
    fn prepare(&self, data: Arc<Dataset>) {
        let flow = *self;
        spawn_local(async move {
            next_paint().await;
            mark("fideliza:review-painted");
            let pending = |flow: ImportFlow| {
                flow.pending
                    .with_value(|p| p.as_ref().is_some_and(|(d, _)| Arc::ptr_eq(d, &data)))
            };
            if pending(flow) {
                let prepared = Prepared::new(&data);
                if pending(flow) {
                    flow.prepared.set_value(Some((data, prepared)));
                }
            }
        });
    }

    /// Drops the checked result; the files stay for another try.
    fn discard(&self) {
        self.pending.set_value(None);
        self.prepared.set_value(None);
        self.fit.set_value(None);
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
            let prepared = prepared.unwrap_or_else(|| Prepared::new(&data));
            // The worker's fit is stored only if it is this dataset's: a fit of an earlier
            // check can arrive after this one started.
            let this_data = |f: &FitRecord| f.key.data == prepared.data_key();
            let saved = async {
                let db = storage::open(storage::DB_NAME).await?;
                // The worker's fit goes into the manifest when it has arrived already.
                let fits = flow.fit.get_value().filter(this_data).into_iter().collect();
                let manifest = storage::save_import(
                    &db,
                    &workspace.id,
                    &data,
                    &encoded,
                    record.at_ms,
                    Some(record),
                    fits,
                )
                .await?;
                for d in &files {
                    if let (Some(i), Some(m)) = (&d.inspection, &d.mapping) {
                        storage::remember_mapping(&db, &header_signature(&i.headers), m).await?;
                    }
                }
                Ok::<_, storage::StorageError>(manifest)
            };
            match saved.await {
                Ok(mut manifest) => {
                    mark("fideliza:stored");
                    // Wait for the worker's fit (it runs while the page saves), so the
                    // analysis never fits on this thread; then store it with the data.
                    for _ in 0..1200 {
                        if !flow.fit_waiting.get_value() {
                            break;
                        }
                        gloo::timers::future::TimeoutFuture::new(25).await;
                    }
                    mark("fideliza:fitted");
                    let fit = flow.fit.get_value().filter(this_data);
                    if let Some(fit) = fit.filter(|_| manifest.fits.is_empty()) {
                        manifest.add_fit(fit.clone());
                        let (id, generation) = (workspace.id.clone(), manifest.generation);
                        spawn_local(async move {
                            if let Ok(db) = storage::open(storage::DB_NAME).await {
                                let _ = storage::add_fit(&db, &id, generation, fit).await;
                            }
                        });
                    }
                    flow.fit.set_value(None);
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

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = AppState::expect();
    let flow = ImportFlow::new(state.lang);
    let dragging = RwSignal::new(false);

    let on_input = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(list) = input.files() {
            flow.add(list);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|t| t.files()) {
            flow.add(list);
        }
    };
    let ready = move || flow.specs(state.lang.get());
    let text =
        move |key: &'static str| move || t!(key, locale = state.lang.get().code()).into_owned();
    // Reading and checking can be stopped at once (the worker is terminated); saving cannot.
    let cancellable = move || flow.stage.get() == Stage::Checking;
    let reading = move || {
        flow.files
            .get()
            .iter()
            .any(|d| d.inspection.is_none() && d.error.is_none())
    };

    view! {
        <section class="panel import" aria-labelledby="import-title">
            <h2 class="panel__title" id="import-title">{text("data.import.title")}</h2>
            <p class="panel__help">{text("data.import.help")}</p>
            <label
                class="dropzone"
                class:dropzone--over=dragging
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <input
                    class="dropzone__input"
                    type="file"
                    multiple
                    accept=".csv,.txt,.tsv,.xlsx,.xlsm,.xlsb,.xls,.ods"
                    data-testid="file-input"
                    on:change=on_input
                />
                <span class="dropzone__text">{text("data.import.drop")}</span>
            </label>

            {move || flow.notice.get().map(|notice| {
                let error = notice.is_error();
                view! {
                    <p class=if error { "notice notice--error" } else { "notice" } role=if error { "alert" } else { "status" } data-testid="import-notice">
                        {move || notice.text(state.lang.get())}
                    </p>
                }
            })}

            <ProgressLine flow=flow />

            {move || (flow.stage.get() == Stage::Choosing).then(|| view! {
                <div class="import__files">
                    {move || flow.files.get().into_iter().map(|d| view! { <MappingCard flow=flow file=d /> }).collect_view()}
                </div>
                {move || (!flow.files.get().is_empty()).then(|| view! {
                    <div class="import__actions">
                        <label class="field field--inline">
                            <span class="field__label">{text("data.import.if_existing")}</span>
                            <select data-testid="import-mode" on:change=move |ev| flow.mode.set(if event_target_value(&ev) == "append" { ImportMode::Append } else { ImportMode::Replace })>
                                <option value="replace" selected=move || flow.mode.get() == ImportMode::Replace>{text("data.import.replace")}</option>
                                <option value="append" selected=move || flow.mode.get() == ImportMode::Append>{text("data.import.append")}</option>
                            </select>
                        </label>
                        <button
                            class="button button--primary"
                            data-testid="import-check"
                            disabled=move || ready().is_err() || reading()
                            on:click=move |_| flow.check(state.dataset.get_untracked(), state.params.get_untracked())
                        >
                            {text("data.import.check")}
                        </button>
                        <span class="import__why" data-testid="import-why">{move || ready().err()}</span>
                    </div>
                })}
            })}

            {move || (flow.stage.get() == Stage::Saving).then(|| view! {
                <p class="notice" role="status">{text("data.import.saving")}</p>
            })}

            {move || (cancellable() || reading()).then(|| view! {
                <button class="button" data-testid="import-cancel" on:click=move |_| flow.cancel()>{text("data.import.cancel")}</button>
            })}

            {move || (flow.stage.get() == Stage::Review).then(|| {
                let reports = flow.reports.get();
                let files = flow.files.get();
                let valid: u64 = reports.iter().map(|r| r.report.rows_valid).sum();
                view! {
                    <div class="import__review" data-testid="import-review">
                        {reports.into_iter().map(|r| {
                            let name = files.iter().find(|d| d.id == r.file).map(|d| d.name.clone()).unwrap_or_default();
                            view! { <ReportView name=name report=r /> }
                        }).collect_view()}
                        <div class="import__actions">
                            <button class="button button--primary" data-testid="import-accept" disabled=valid == 0 on:click=move |_| flow.accept(state)>
                                {move || {
                                    let lang = state.lang.get();
                                    let rows = crate::format::count(valid as usize, lang);
                                    t!("data.import.accept", locale = lang.code(), rows = rows).into_owned()
                                }}
                            </button>
                            <button class="button" data-testid="import-discard" on:click=move |_| flow.discard()>{text("data.import.cancel")}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}

/// The progress bar of the worker's current step.
#[component]
fn ProgressLine(flow: ImportFlow) -> impl IntoView {
    move || {
        let (id, step, p) = flow.progress.get()?;
        let name = flow
            .files
            .get_untracked()
            .into_iter()
            .find(|d| d.id == id)
            .map(|d| d.name)?;
        let percent = if p.bytes_total > 0 {
            (p.bytes_done as f64 / p.bytes_total as f64 * 100.0).round()
        } else {
            0.0
        };
        let lang = flow.lang.get();
        let rows = crate::format::count(p.rows as usize, lang);
        let shown = crate::format::number(percent, 0, lang);
        let text = match step {
            Step::Reading => t!(
                "data.import.progress_reading",
                locale = lang.code(),
                name = name,
                percent = shown,
                rows = rows
            ),
            Step::Checking => t!(
                "data.import.progress_checking",
                locale = lang.code(),
                name = name,
                percent = shown,
                rows = rows
            ),
        }
        .into_owned();
        Some(view! {
            <div class="progress" role="status" data-testid="import-progress">
                <progress max="100" value=percent></progress>
                <span>{text}</span>
            </div>
        })
    }
}

fn event_target<T: JsCast>(ev: &leptos::ev::Event) -> T {
    ev.target().expect("an event has a target").unchecked_into()
}
