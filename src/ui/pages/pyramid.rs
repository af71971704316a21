//! Pirámide: the loyalty pyramid, migration between windows, editable tier cuts.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The pyramid page.
#[component]
pub fn Pyramid() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.pyramid", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
