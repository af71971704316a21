//! A key figure with its label.

use leptos::prelude::*;

/// One KPI: a big formatted value over a short label.
#[component]
pub fn KpiCard(
    /// What the figure is.
    #[prop(into)]
    label: Signal<String>,
    /// The formatted figure.
    #[prop(into)]
    value: Signal<String>,
    /// Hook for end-to-end tests.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    view! {
        <div class="kpi-card">
            <div class="kpi-card__value" data-testid=testid>{value}</div>
            <div class="kpi-card__label">{label}</div>
        </div>
    }
}
