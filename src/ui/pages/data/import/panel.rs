//! The import screen's view: the drop zone, the files with their mappings, the progress of
//! the worker's step, and the report with "Importar" / "Cancelar". The flow it drives is
//! [`ImportFlow`].

use super::{ImportFlow, Stage};
use crate::i18n::plural;
use crate::ui::AppState;
use crate::ui::pages::data::mapping_card::MappingCard;
use crate::ui::pages::data::report_view::ReportView;
use crate::worker::ImportMode;
use crate::worker::protocol::Step;
use leptos::prelude::*;
use rust_i18n::t;
use wasm_bindgen::JsCast;

/// The import panel of the data page.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = AppState::expect();
    let flow = ImportFlow::new(state);
    // Any change to what a check is made from restarts the wait before checking ahead.
    Effect::new(move |_| {
        flow.files.track();
        flow.mode.track();
        flow.stage.track();
        state.dataset.track();
        state.params.track();
        flow.schedule_ahead();
    });
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
            .any(|d| !d.read_whole() && d.error.is_none())
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
                            on:click=move |_| flow.check()
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
                                    plural(
                                        t!("data.import.accept", locale = lang.code(), rows = rows),
                                        &[("rows", valid as usize)],
                                    )
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
        let lang = flow.lang().get();
        let rows = crate::format::count(p.rows as usize, lang);
        let shown = crate::format::number(percent, 0, lang);
        let text = plural(
            match step {
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
            },
            &[("rows", p.rows as usize)],
        );
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
