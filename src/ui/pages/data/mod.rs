//! Datos: the open workspace (switch, create, rename, delete), importing files into it, its
//! import history, and the browser storage (usage, backup, restore, delete everything).

mod history;
mod import;
mod mapping_card;
mod report_view;
mod storage_panel;
mod workspace_bar;

use leptos::prelude::*;

/// The data page.
#[component]
pub fn Data() -> impl IntoView {
    view! {
        <section class="page">
            <h1 class="page__title">"Datos"</h1>
            <p class="page__subtitle">
                "Sus archivos se leen y se guardan en este navegador; nunca salen de su computadora."
            </p>
            <workspace_bar::WorkspaceBar />
            <import::ImportPanel />
            <history::HistoryPanel />
            <storage_panel::StoragePanel />
        </section>
    }
}
