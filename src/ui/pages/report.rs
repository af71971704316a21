//! Informe: the diagnosis as a printable multi-page report.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The report page.
#[component]
pub fn Report() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.report", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
