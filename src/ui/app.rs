//! The app shell: state provider, header with the page menu and the language switch, start-up
//! load and the pages.

use super::pages::{
    Campaigns, Churn, Customers, Data, Presentation, Pyramid, Report, Rfv, Satisfaction, Settings,
    Summary,
};
use super::route::{Route, use_hash};
use super::state::{AppState, Status};
use crate::import::Lang;
use leptos::html::Nav;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    spawn_local(state.open_stored());
    let hash = use_hash();
    let route = Memo::new(move |_| Route::from_hash(&hash.get()));
    let opening = Memo::new(move |_| state.status.with(|s| *s == Status::Opening));
    let has_data = Memo::new(move |_| state.prepared.with(Option::is_some));
    // The Resumen can show the dashboard stored with the data before the engine has them.
    let has_dashboard = Memo::new(move |_| state.dashboard.with(Option::is_some));
    let lang = state.lang;
    let nav = NodeRef::<Nav>::new();
    Effect::new(move |_| {
        route.track();
        if let Some(nav) = nav.get() {
            center_current_link(&nav);
        }
    });

    view! {
        <a class="skip-link" href="#contenido">{move || t!("app.skip", locale = lang.get().code()).into_owned()}</a>
        <header class="app-header">
            <a class="app-header__brand" href=Route::Summary.href()>
                <img src="public/favicon.svg" alt="" width="28" height="28" />
                "Fideliza"
            </a>
            <nav class="app-nav" node_ref=nav aria-label=move || t!("app.pages", locale = lang.get().code()).into_owned()>
                {Route::ALL
                    .into_iter()
                    .filter(|r| r.in_menu())
                    .map(|r| {
                        view! {
                            <a
                                class="app-nav__link"
                                href=r.href()
                                aria-current=move || (route.get() == r).then_some("page")
                                data-testid=format!("nav-{}", &r.href()[2..])
                            >
                                {move || t!(r.label_key(), locale = lang.get().code()).into_owned()}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <span class="app-header__workspace" data-testid="workspace-name">
                {move || state.workspace.get().map(|w| w.name)}
            </span>
            <LanguageSwitch />
            <StatusLine />
        </header>
        <main class="app-main" id="contenido" tabindex="-1">
            // Memos, so that a save or a status message does not rebuild the open page.
            {move || {
                let route = route.get();
                if opening.get() {
                    return view! { <p class="app-main__note">{move || t!("app.opening", locale = lang.get().code()).into_owned()}</p> }.into_any();
                }
                let shown_early = route == Route::Summary && has_dashboard.get();
                if route.needs_data() && !has_data.get() && !shown_early {
                    return view! { <NoData /> }.into_any();
                }
                match route {
                    Route::Summary => view! { <Summary /> }.into_any(),
                    Route::Rfv => view! { <Rfv /> }.into_any(),
                    Route::Pyramid => view! { <Pyramid /> }.into_any(),
                    Route::Satisfaction => view! { <Satisfaction /> }.into_any(),
                    Route::Churn => view! { <Churn /> }.into_any(),
                    Route::Customers => view! { <Customers /> }.into_any(),
                    Route::Campaigns => view! { <Campaigns /> }.into_any(),
                    Route::Presentation => view! { <Presentation /> }.into_any(),
                    Route::Report => view! { <Report /> }.into_any(),
                    Route::Data => view! { <Data /> }.into_any(),
                    Route::Settings => view! { <Settings /> }.into_any(),
                }
            }}
        </main>
    }
}

/// Scrolls the menu sideways so that the open page's link is in its middle, when the menu is
/// one scrolling row (a phone, see main.css); elsewhere the menu does not scroll and this does
/// nothing. Only the menu moves: `scrollIntoView` would also scroll the page to its header.
fn center_current_link(nav: &HtmlElement) {
    let current = nav
        .query_selector("[aria-current=page]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(link) = current {
        let middle = link.offset_left() + link.offset_width() / 2;
        nav.set_scroll_left(middle - nav.client_width() / 2);
    }
}

/// A page of results without data: what is being done, or the welcome.
#[component]
fn NoData() -> impl IntoView {
    let state = AppState::expect();
    move || {
        match state.status.get() {
        Status::Busy(key) => view! { <p class="app-main__note">{t!(key, locale = state.lang.get().code()).into_owned()}</p> }.into_any(),
        _ => view! { <EmptyState /> }.into_any(),
    }
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let state = AppState::expect();
    let text =
        move |key: &'static str| move || t!(key, locale = state.lang.get().code()).into_owned();
    view! {
        <section class="empty-state">
            <h1>{text("welcome.title")}</h1>
            <p>{text("welcome.privacy")}</p>
            <div class="empty-state__actions">
                <button class="button button--primary" data-testid="load-demo" on:click=move |_| spawn_local(state.load_demo())>
                    {text("welcome.load_demo")}
                </button>
                <a class="button" href=Route::Data.href() data-testid="go-import">{text("welcome.import")}</a>
            </div>
            <p class="empty-state__hint">{text("welcome.hint")}</p>
        </section>
    }
}

/// Español / English; the choice is remembered in this browser.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    view! {
        <label class="app-header__language">
            <span class="visually-hidden">{move || t!("app.language", locale = lang.get().code()).into_owned()}</span>
            <select
                data-testid="language"
                on:change=move |ev| {
                    if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                        state.set_lang(l);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        let key = format!("app.language_name.{}", l.code());
                        view! {
                            <option value=l.code() selected=move || lang.get() == l>
                                {t!(key, locale = l.code()).into_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn StatusLine() -> impl IntoView {
    let state = AppState::expect();
    move || match state.status.get() {
        Status::Busy(key) => {
            let message = t!(key, locale = state.lang.get().code()).into_owned();
            view! { <span class="status status--busy" role="status">{message}</span> }.into_any()
        }
        Status::Failed(message) => {
            view! { <span class="status status--error" role="alert">{message}</span> }.into_any()
        }
        _ => ().into_any(),
    }
}
