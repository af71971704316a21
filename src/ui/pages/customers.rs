//! Clientes: the customer list, filtered by a drill-down selection.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The customers page.
#[component]
pub fn Customers() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.customers", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
