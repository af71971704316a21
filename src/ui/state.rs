//! The app's shared state, provided once by [`super::App`] and read by every page, and the
//! few actions that change which data are loaded (open, demo, switch workspace).

use super::refit::Refit;
use crate::customer_card::CardIndex;
use crate::dashboard::Dashboard;
use crate::demo::{DemoConfig, generate};
use crate::engine::{Analysis, Params, Prepared, Preparing};
use crate::import::Lang;
use crate::model::Dataset;
use crate::settings::{self, Refusal, Saved};
use crate::storage::{self, Manifest, StorageError, UNNAMED_WORKSPACE};
use crate::workspace::Workspace;
use leptos::prelude::*;
use rust_i18n::t;
use std::convert::Infallible;
use std::sync::Arc;

/// Where the id of the workspace last opened is remembered (this browser only).
const LAST_WORKSPACE_KEY: &str = "fideliza.workspace";
/// Where the interface language is remembered (this browser only).
const LANG_KEY: &str = "fideliza.lang";
/// Prefix of the key where a workspace's Ajustes are remembered (this browser only).
const SETTINGS_KEY: &str = "fideliza.settings.";

/// What the app is doing, shown in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Reading stored data at start-up.
    Opening,
    /// No data stored yet.
    Empty,
    /// Long work under way: the locale key of the message for the user (worded when shown,
    /// so a language switch rewords it).
    Busy(&'static str),
    /// Data loaded and analysed.
    Ready,
    /// Something failed; the message says what and what to do.
    Failed(String),
}

/// Shared, cheaply copied handles to the app's signals.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// Currency symbol shown with amounts.
    pub currency: RwSignal<&'static str>,
    /// Analysis parameters (Ajustes).
    pub params: RwSignal<Params>,
    /// Every workspace, oldest first.
    pub workspaces: RwSignal<Vec<Workspace>>,
    /// The open workspace.
    pub workspace: RwSignal<Option<Workspace>>,
    /// What the open workspace holds (counts, import history); `None` when it is empty.
    pub manifest: RwSignal<Option<Manifest>>,
    /// The open workspace's data, as stored (the base of the next import).
    pub dataset: RwSignal<Option<Arc<Dataset>>>,
    /// The workspace's data, prepared for the engine.
    pub prepared: RwSignal<Option<Arc<Prepared>>>,
    /// The engine's result for `prepared` and `params`, computed when first read after a change.
    pub analysis: Memo<Option<Arc<Analysis>>>,
    /// The customer cards' index of `dataset`, built when the first card of the data opens.
    pub card_index: Memo<Option<Arc<CardIndex>>>,
    /// What the Resumen shows: the engine's result when there is one, else the dashboard
    /// stored with the data being opened (shown before the engine has read them).
    pub dashboard: Memo<Option<Arc<Dashboard>>>,
    /// The dashboard stored with the workspace's data for the parameters in use, while the
    /// data are being read.
    stored_dashboard: RwSignal<Option<Arc<Dashboard>>>,
    /// What the app is doing.
    pub status: RwSignal<Status>,
}

impl AppState {
    /// Creates the state; the analysis follows the data and the parameters.
    pub fn new() -> Self {
        let prepared: RwSignal<Option<Arc<Prepared>>> = RwSignal::new(None);
        let params = RwSignal::new(Params::default());
        let status = RwSignal::new(Status::Opening);
        let refit = Refit::new(params);
        let analysis = Memo::new_with_compare(
            move |previous: Option<&Option<Arc<Analysis>>>| {
                let prepared = prepared.get()?;
                refit.arrived.track();
                let params = params.read();
                // A new date whose fit is not known: keep showing the previous analysis while
                // the worker fits. A new window (or trend length, or overdue rule), or the
                // model outputs of a date whose fits are known: keep it while the stages are
                // computed, each in a task of its own.
                if let Some(Some(shown)) = previous
                    && (refit.defer(&prepared, &params, status) || refit.stage(&prepared, &params))
                {
                    return Some(Arc::clone(shown));
                }
                // Kept by the engine: an import analysed while its report was read is not
                // analysed again.
                let analysis = prepared.analysis(&params);
                refit.shown.set_value(Some(Arc::downgrade(&prepared)));
                mark("fideliza:analyzed");
                Some(analysis)
            },
            changed,
        );
        let workspace: RwSignal<Option<Workspace>> = RwSignal::new(None);
        let manifest: RwSignal<Option<Manifest>> = RwSignal::new(None);
        let dataset: RwSignal<Option<Arc<Dataset>>> = RwSignal::new(None);
        let stored_dashboard: RwSignal<Option<Arc<Dashboard>>> = RwSignal::new(None);
        let card_index = Memo::new_with_compare(
            move |_| Some(Arc::new(CardIndex::new(&dataset.get()?))),
            changed,
        );
        // Equal dashboards are the same: the engine's result replacing the stored one it
        // equals re-renders nothing and is not stored again.
        let dashboard = Memo::new(move |_| match analysis.get() {
            // The parameters the analysis was computed with: a deferred analysis (new date
            // fitting in the worker) is the same value as before, so this does not rerun.
            Some(a) => {
                let data = dataset.get()?;
                let params = params.get_untracked();
                Some(Arc::new(Dashboard::new(&params, &data, &a)))
            }
            // Only for the parameters in use (a change before the engine is ready hides it).
            None => stored_dashboard
                .get()
                .filter(|d| params.with(|p| d.params == *p)),
        });
        // The dashboard of a new result is stored with the data, so that the next open shows
        // it at once.
        Effect::new(move |_| {
            let Some(d) = dashboard.get() else {
                return;
            };
            if prepared.with_untracked(Option::is_none) {
                return; // the stored one itself
            }
            let (Some(ws), Some(generation)) = (
                workspace.get_untracked(),
                manifest.with_untracked(|m| m.as_ref().map(|m| m.generation)),
            ) else {
                return;
            };
            let bytes = d.encode();
            leptos::task::spawn_local(async move {
                if let Ok(db) = storage::open(storage::DB_NAME).await {
                    // A failure only costs the engine's wait at the next open.
                    if let Ok(true) = storage::put_dashboard(&db, &ws.id, generation, &bytes).await
                    {
                        mark("fideliza:dashboard-stored");
                    }
                }
            });
        });
        // A fit the page had to compute itself (a new analysis date) is stored with the data,
        // so the next open at that date is seeded instead of refitting.
        Effect::new(move |_| {
            if analysis.get().is_none() {
                return;
            }
            let (Some(prepared), Some(ws)) = (prepared.get_untracked(), workspace.get_untracked())
            else {
                return;
            };
            let Some(fit) = params.with_untracked(|p| prepared.fitted(p)) else {
                return;
            };
            let Some(generation) = manifest.with_untracked(|m| {
                m.as_ref()
                    .filter(|m| !m.fits.contains(&fit))
                    .map(|m| m.generation)
            }) else {
                return;
            };
            manifest.update(|m| {
                if let Some(m) = m {
                    m.add_fit(fit.clone());
                }
            });
            leptos::task::spawn_local(async move {
                if let Ok(db) = storage::open(storage::DB_NAME).await {
                    // A failure only costs a refit at the next open.
                    let _ = storage::add_fit(&db, &ws.id, generation, fit).await;
                }
            });
        });
        let lang = local_storage()
            .and_then(|s| s.get_item(LANG_KEY).ok()?)
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default();
        set_document_lang(lang);
        AppState {
            lang: RwSignal::new(lang),
            currency: RwSignal::new(settings::CURRENCIES[0]),
            params,
            workspaces: RwSignal::new(Vec::new()),
            workspace,
            manifest,
            dataset,
            prepared,
            analysis,
            card_index,
            dashboard,
            stored_dashboard,
            status,
        }
    }

    /// The state provided by [`super::App`].
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Switches the interface language and remembers it in this browser.
    pub fn set_lang(&self, lang: Lang) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(LANG_KEY, lang.code());
        }
        set_document_lang(lang);
        self.lang.set(lang);
    }

    /// Applies analysis parameters (everything recomputes) and remembers them for the open
    /// workspace; refused values change nothing.
    pub fn apply_params(&self, params: Params) -> Result<(), Refusal> {
        settings::check(&params)?;
        self.params.set(params);
        self.save_settings();
        Ok(())
    }

    /// Shows amounts with `currency` and remembers it for the open workspace.
    pub fn set_currency(&self, currency: &'static str) {
        self.currency.set(currency);
        self.save_settings();
    }

    fn save_settings(&self) {
        let (Some(store), Some(workspace)) = (local_storage(), self.workspace.get_untracked())
        else {
            return;
        };
        let saved = Saved {
            params: self.params.get_untracked(),
            currency: self.currency.get_untracked().to_owned(),
        };
        let _ = store.set_item(&format!("{SETTINGS_KEY}{}", workspace.id), &saved.to_json());
    }

    /// The Ajustes remembered for `workspace`, or the defaults.
    fn load_settings(&self, workspace: &Workspace) {
        let saved = local_storage()
            .and_then(|s| {
                s.get_item(&format!("{SETTINGS_KEY}{}", workspace.id))
                    .ok()?
            })
            .and_then(|text| Saved::from_json(&text));
        match saved {
            Some(saved) => {
                self.currency.set(saved.currency_symbol());
                self.params.set(saved.params);
            }
            None => {
                self.currency.set(settings::CURRENCIES[0]);
                self.params.set(Params::default());
            }
        }
    }

    /// The text of `key` in the current language (not reactive: for messages set once).
    fn text(&self, key: &str) -> String {
        t!(key, locale = self.lang.get_untracked().code()).into_owned()
    }

    /// Makes `data` (saved as `manifest`) the current dataset; the engine is seeded with the
    /// model fits stored with it ([`Manifest::fits`]), so no fit runs on this thread at those
    /// dates.
    ///
    /// The engine is prepared in slices of tasks ([`prepare_in_slices`]), and analysed in a
    /// task of its own (when the published data are first read), so the page answers in
    /// between. Nothing is shown if another workspace is opened while it is prepared.
    pub async fn set_data(self, manifest: Manifest, data: Arc<Dataset>) {
        mark("fideliza:data");
        let Some(prepared) = prepare_in_slices(&data, self.still_open()).await else {
            return;
        };
        self.set_prepared(manifest, data, prepared).await
    }

    /// [`AppState::set_data`] with the engine already prepared for `data` (an import prepares
    /// it while the user reads the report). The stages of the analysis at the current
    /// parameters are computed one task each ([`prepare_in_tasks`]; at once when an import
    /// computed them already), so that the first analysis only adds the aggregates: on a
    /// reopen it held the page for 55–90 ms.
    pub async fn set_prepared(self, manifest: Manifest, data: Arc<Dataset>, prepared: Prepared) {
        for fit in &manifest.fits {
            if !prepared.seed_fit(fit.clone()) {
                web_sys::console::warn_1(&"a stored model fit does not match the data".into());
            }
        }
        mark("fideliza:prepared");
        let params = self.params.get_untracked();
        let still_open = self.still_open();
        // A change of the parameters meanwhile is analysed as any change is.
        let go = || still_open() && self.params.with_untracked(|p| *p == params);
        prepare_in_tasks(&prepared, &params, go).await;
        if !still_open() {
            return;
        }
        self.prepared.set(Some(Arc::new(prepared)));
        self.dataset.set(Some(data));
        self.manifest.set(Some(manifest));
        self.stored_dashboard.set(None);
        self.status.set(Status::Ready);
    }

    /// Whether the workspace open now is still the one open: data read or prepared for it
    /// are not shown once another is opened.
    fn still_open(self) -> impl Fn() -> bool {
        let open = self
            .workspace
            .with_untracked(|w| w.as_ref().map(|w| w.id.clone()));
        move || open.as_deref().is_some_and(|id| self.is_open(id))
    }

    fn clear_data(&self) {
        self.prepared.set(None);
        self.dataset.set(None);
        self.manifest.set(None);
        self.stored_dashboard.set(None);
        self.status.set(Status::Empty);
    }

    /// Shows a failure in the status bar.
    pub fn fail(&self, what: &str, error: impl std::fmt::Display) {
        self.status.set(Status::Failed(format!("{what}: {error}")));
    }

    /// Start-up: lists the workspaces (creating the first one) and opens the last one used.
    pub async fn open_stored(self) {
        let opened = async {
            let db = storage::open(storage::DB_NAME).await?;
            let mut list = storage::workspaces(&db).await?;
            if list.is_empty() {
                let first = new_workspace(UNNAMED_WORKSPACE);
                storage::put_workspace(&db, &first).await?;
                list.push(first);
            }
            Ok::<_, StorageError>(list)
        };
        match opened.await {
            Ok(list) => {
                let last = local_storage().and_then(|s| s.get_item(LAST_WORKSPACE_KEY).ok()?);
                let chosen = list
                    .iter()
                    .find(|w| Some(&w.id) == last.as_ref())
                    .unwrap_or(&list[0])
                    .clone();
                self.workspaces.set(list);
                self.switch_to(chosen).await;
            }
            Err(e) => self.fail(&self.text("status.read_failed"), e),
        }
    }

    /// Whether the workspace `id` is the open one.
    fn is_open(&self, id: &str) -> bool {
        self.workspace
            .with_untracked(|w| w.as_ref().is_some_and(|w| w.id == id))
    }

    /// Opens `workspace` and loads its data. When another workspace is opened before they are
    /// read, they are not shown: the last workspace chosen is the one shown, whichever read
    /// ends last.
    pub async fn switch_to(self, workspace: Workspace) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(LAST_WORKSPACE_KEY, &workspace.id);
        }
        self.load_settings(&workspace);
        self.workspace.set(Some(workspace.clone()));
        self.status.set(Status::Busy("status.opening_workspace"));
        mark("fideliza:opening");
        let loaded = async {
            let db = storage::open(storage::DB_NAME).await?;
            // The Resumen stored with the data, when it is the one of these parameters, is
            // shown first; the previous workspace's data go (they are not this one's).
            let stored = storage::manifest_and_dashboard(&db, &workspace.id)
                .await?
                .and_then(|(_, bytes)| Dashboard::decode(&bytes?))
                .filter(|d| self.params.with_untracked(|p| d.params == *p));
            if let Some(d) = stored.filter(|_| self.is_open(&workspace.id)) {
                self.prepared.set(None);
                self.dataset.set(None);
                self.stored_dashboard.set(Some(Arc::new(d)));
                mark("fideliza:dashboard");
                next_paint().await;
            }
            let Some((manifest, mut decoder)) = storage::load_dataset(&db, &workspace.id).await?
            else {
                return Ok(None);
            };
            // The meta record (names, the customer file, surveys) in slices.
            let open = || self.is_open(&workspace.id);
            if !in_slices(open, || decoder.meta_step()).await? {
                return Ok(None);
            }
            Ok::<_, StorageError>(Some((manifest, decoder.finish()?.0)))
        };
        let loaded = loaded.await;
        if !self.is_open(&workspace.id) {
            return;
        }
        match loaded {
            Ok(Some((manifest, data))) => self.set_data(manifest, Arc::new(data)).await,
            Ok(None) => self.clear_data(),
            Err(e) => {
                // No figures stand without the data they came from.
                self.stored_dashboard.set(None);
                self.fail(&self.text("status.read_failed"), e)
            }
        }
    }

    /// Re-reads the workspace list (after a create, rename, delete or restore).
    pub async fn refresh_workspaces(self) -> Result<(), StorageError> {
        let db = storage::open(storage::DB_NAME).await?;
        self.workspaces.set(storage::workspaces(&db).await?);
        Ok(())
    }

    /// Generates the demo dataset, stores it in the open workspace, and shows its analysis.
    pub async fn load_demo(self) {
        let Some(workspace) = self.workspace.get_untracked() else {
            return;
        };
        self.status.set(Status::Busy("status.generating_demo"));
        // Let the status paint before the synchronous generation runs.
        gloo::timers::future::TimeoutFuture::new(0).await;
        let data = generate(&DemoConfig::default());
        let saved = async {
            let db = storage::open(storage::DB_NAME).await?;
            storage::save_dataset(&db, &workspace.id, &data, js_sys::Date::now(), None).await
        };
        match saved.await {
            Ok(manifest) => self.set_data(manifest, Arc::new(data)).await,
            Err(e) => self.fail(&self.text("status.demo_failed"), e),
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// A new workspace named `name`, created now.
pub fn new_workspace(name: &str) -> Workspace {
    let now = js_sys::Date::now();
    Workspace {
        id: storage::new_workspace_id(now),
        name: name.to_owned(),
        created_ms: now,
    }
}

/// Resolves once the browser has painted what the page shows now (after the next animation
/// frame, in a task of its own).
pub(crate) async fn next_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Computes the stages of an analysis at `params` that no model fitting enters
/// ([`Prepared::prepare_step`]), each in a task of its own, as long as `go()` holds; whether
/// all are done.
pub(crate) async fn prepare_in_tasks(
    prepared: &Prepared,
    params: &Params,
    go: impl Fn() -> bool,
) -> bool {
    in_tasks(go, || prepared.prepare_step(params)).await
}

/// Prepares the engine for `data` ([`Preparing`]'s steps) in slices of [`SLICE_MS`], each a
/// task of its own, as long as `go()` holds; `None` when it stopped. A million sales lines
/// prepared in one task held the page for ≈ 90 ms.
pub(crate) async fn prepare_in_slices(data: &Dataset, go: impl Fn() -> bool) -> Option<Prepared> {
    let mut preparing = Preparing::new(data);
    let done = in_slices(go, || Ok::<_, Infallible>(preparing.step())).await;
    (done == Ok(true)).then(|| preparing.finish())
}

/// The page's work between two yields in a long piece of work cut into steps (ms): a frame's
/// worth at most, before the next step starts.
const SLICE_MS: f64 = 12.0;

/// Calls `step` until it says no work is left, yielding to the browser (a new task) before
/// the first call and whenever a slice has run for [`SLICE_MS`], as long as `go()` holds;
/// whether `step` got to the end, or its first error.
pub(crate) async fn in_slices<E>(
    go: impl Fn() -> bool,
    mut step: impl FnMut() -> Result<bool, E>,
) -> Result<bool, E> {
    loop {
        gloo::timers::future::TimeoutFuture::new(0).await;
        if !go() {
            return Ok(false);
        }
        let slice = js_sys::Date::now();
        while js_sys::Date::now() - slice < SLICE_MS {
            if !step()? {
                return Ok(true);
            }
        }
    }
}

/// Calls `step` once a task, each call in a new task, as long as `go()` holds and `step` says
/// that work is left; whether `step` got to the end.
pub(crate) async fn in_tasks(go: impl Fn() -> bool, step: impl Fn() -> bool) -> bool {
    loop {
        gloo::timers::future::TimeoutFuture::new(0).await;
        if !go() {
            return false;
        }
        if !step() {
            return true;
        }
    }
}

/// Adds a User Timing mark (`performance.mark`), read by the import benchmark
/// (tests/bench/import_bench.mjs) and the e2e tests:
/// - a dropped file: `fideliza:first-look` (mapped from its first bytes while the rest is
///   read), `fideliza:inspected` (read whole);
/// - a check (also one run ahead of "Revisar"): `fideliza:checked` (the worker's answer has
///   arrived), `fideliza:decoded` (its dataset decoded), `fideliza:fit-arrived` (the worker's
///   model fit), `fideliza:review-painted` (the page has painted; the engine is prepared next,
///   in a task of its own), `fideliza:review-prepared` (the engine is prepared),
///   `fideliza:review-analyzed` (analysed with the worker's fit, kept for "Importar");
/// - an accepted import: `fideliza:stored` and `fideliza:fitted` (written, then the worker's fit
///   is there);
/// - a reopen: `fideliza:opening` (reading the stored dataset starts), `fideliza:dashboard` (the
///   Resumen stored with the data is shown), `fideliza:read` (in [`storage::load_dataset`]: every
///   part read, each sales chunk decoded on arrival; the meta record is read next, in slices);
/// - both: `fideliza:data` (on reopen: dataset read and decoded; on import: the save starts, the
///   dataset having been decoded with the report), `fideliza:prepared` (engine prepared and
///   seeded; the analysis's stages are computed next, one task each), `fideliza:analyzed`
///   (analysis done), `fideliza:dashboard-stored` (a new result's dashboard is stored with the
///   data);
/// - a parameter change: `fideliza:staging` (the stages of new parameters are computed in
///   tasks before the analysis), `fideliza:windows-ahead` (Ajustes has prepared the windows one
///   month either side of the current one), `fideliza:refitted` (the worker's fit of a new
///   analysis date has arrived, whether or not that date is still the one asked for).
pub(crate) fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Whether a memo of an `Arc` changed: every recomputation is a new value, so compare by
/// identity, not field by field.
fn changed<T>(old: Option<&Option<Arc<T>>>, new: Option<&Option<Arc<T>>>) -> bool {
    match (old, new) {
        (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// Sets `<html lang>`, so screen readers pronounce the page in its language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
