//! Fuga y valor: overdue customers, P(alive), CLV by segment and tier, value classes.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The churn page.
#[component]
pub fn Churn() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.churn", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
