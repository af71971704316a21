//! Presentación: the diagnosis as full-screen slides for a consultant.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The presentation page.
#[component]
pub fn Presentation() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.presentation", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
