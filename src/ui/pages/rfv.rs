//! RFV: score distributions, R×F heatmap, segment treemap and table.

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The rfv page.
#[component]
pub fn Rfv() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1 class="page__title">{move || t!("nav.rfv", locale = state.lang.get().code()).into_owned()}</h1>
        </section>
    }
}
