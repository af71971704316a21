//! Satisfacción: zones, satisfaction × loyalty quadrants, NPS and SERVQUAL gaps.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The satisfaction page.
#[component]
pub fn Satisfaction() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.satisfaction", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
