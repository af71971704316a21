//! The app shell: state provider, header, start-up load and the page.

use super::pages::Summary;
use super::state::{AppState, Status};
use crate::demo::{DemoConfig, generate};
use crate::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The workspace used until workspaces can be created (import issue).
pub const DEFAULT_WORKSPACE: &str = "default";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    spawn_local(open_stored(state));

    view! {
        <header class="app-header">
            <a class="app-header__brand" href="./">
                <img src="public/favicon.svg" alt="" width="28" height="28" />
                "Fideliza"
            </a>
            <span class="app-header__tagline">"Diagnóstico de fidelización"</span>
            <StatusLine />
        </header>
        <main class="app-main">
            {move || match state.status.get() {
                Status::Opening => view! { <p class="app-main__note">"Abriendo sus datos…"</p> }.into_any(),
                Status::Empty => view! { <EmptyState /> }.into_any(),
                _ => view! { <Summary /> }.into_any(),
            }}
        </main>
    }
}

/// Loads the stored dataset at start-up.
async fn open_stored(state: AppState) {
    let loaded = async {
        let db = storage::open(storage::DB_NAME).await?;
        storage::load_dataset(&db, DEFAULT_WORKSPACE).await
    };
    match loaded.await {
        Ok(Some((_, data))) => state.set_data(&data),
        Ok(None) => state.status.set(Status::Empty),
        Err(e) => state.status.set(Status::Failed(format!(
            "No se pudieron leer los datos guardados: {e}"
        ))),
    }
}

/// Generates the demo dataset, stores it, and shows its analysis.
async fn load_demo(state: AppState) {
    state.status.set(Status::Busy(
        "Generando la farmacia de demostración…".into(),
    ));
    // Let the status paint before the synchronous generation runs.
    gloo::timers::future::TimeoutFuture::new(0).await;
    let data = generate(&DemoConfig::default());
    let saved = async {
        let db = storage::open(storage::DB_NAME).await?;
        storage::save_dataset(&db, DEFAULT_WORKSPACE, &data, js_sys::Date::now()).await
    };
    match saved.await {
        Ok(_) => state.set_data(&data),
        Err(e) => state.status.set(Status::Failed(format!(
            "No se pudo guardar la demostración: {e}"
        ))),
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="empty-state">
            <h1>"Bienvenido a Fideliza"</h1>
            <p>
                "Sus datos de ventas, clientes y encuestas se analizan en este navegador: "
                "nunca salen de su computadora."
            </p>
            <button class="button button--primary" data-testid="load-demo" on:click=move |_| spawn_local(load_demo(state))>
                "Cargar datos de demostración"
            </button>
            <p class="empty-state__hint">"Una farmacia de barrio en Lima: 2 000 clientes y dos años de ventas."</p>
        </section>
    }
}

#[component]
fn StatusLine() -> impl IntoView {
    let state = AppState::expect();
    move || match state.status.get() {
        Status::Busy(message) => {
            view! { <span class="status status--busy" role="status">{message}</span> }.into_any()
        }
        Status::Failed(message) => {
            view! { <span class="status status--error" role="alert">{message}</span> }.into_any()
        }
        _ => ().into_any(),
    }
}
