//! Campañas: target lists built from combined filters, saved per workspace, exported as CSV.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The campaigns page.
#[component]
pub fn Campaigns() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.campaigns", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
