//! The app shell: state provider, header with the page menu, start-up load and the pages.

use super::pages::{Data, Summary};
use super::route::{Route, use_route};
use super::state::{AppState, Status};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    spawn_local(state.open_stored());
    let route = use_route();
    let opening = Memo::new(move |_| state.status.with(|s| *s == Status::Opening));
    let has_data = Memo::new(move |_| state.prepared.with(Option::is_some));

    view! {
        <header class="app-header">
            <a class="app-header__brand" href=Route::Summary.href()>
                <img src="public/favicon.svg" alt="" width="28" height="28" />
                "Fideliza"
            </a>
            <nav class="app-nav" aria-label="Páginas">
                {Route::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <a
                                class="app-nav__link"
                                href=r.href()
                                aria-current=move || (route.get() == r).then_some("page")
                                data-testid=format!("nav-{}", &r.href()[2..])
                            >
                                {r.label()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <span class="app-header__workspace" data-testid="workspace-name">
                {move || state.workspace.get().map(|w| w.name)}
            </span>
            <StatusLine />
        </header>
        <main class="app-main">
            // Memos, so that a save or a status message does not rebuild the open page.
            {move || match route.get() {
                _ if opening.get() => {
                    view! { <p class="app-main__note">"Abriendo sus datos…"</p> }.into_any()
                }
                Route::Data => view! { <Data /> }.into_any(),
                Route::Summary => {
                    view! { {move || if has_data.get() { view! { <Summary /> }.into_any() } else { view! { <NoData /> }.into_any() }} }
                        .into_any()
                }
            }}
        </main>
    }
}

/// The summary page without data: what is being done, or the welcome.
#[component]
fn NoData() -> impl IntoView {
    let state = AppState::expect();
    move || match state.status.get() {
        Status::Busy(message) => view! { <p class="app-main__note">{message}</p> }.into_any(),
        _ => view! { <EmptyState /> }.into_any(),
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
            <div class="empty-state__actions">
                <button class="button button--primary" data-testid="load-demo" on:click=move |_| spawn_local(state.load_demo())>
                    "Cargar datos de demostración"
                </button>
                <a class="button" href=Route::Data.href() data-testid="go-import">"Importar mis archivos"</a>
            </div>
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
