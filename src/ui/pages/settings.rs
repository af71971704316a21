//! Ajustes: analysis parameters, currency and language.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.settings", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
