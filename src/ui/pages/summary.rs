//! Resumen: the key figures of the analysis window and the RFV segments.

use crate::charts;
use crate::format;
use crate::import::Lang;
use crate::ui::components::KpiCard;
use crate::ui::{AppState, EChart};
use leptos::prelude::*;

/// The summary page.
#[component]
pub fn Summary() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let kpis = move || {
        state
            .analysis
            .get()
            .map(|a| (a.kpis.clone(), a.as_of, a.window_start))
    };
    let figure = move |f: fn(&crate::engine::Kpis, Lang, &str) -> String| {
        move || {
            kpis()
                .map(|(k, _, _)| f(&k, lang.get(), state.currency.get()))
                .unwrap_or_default()
        }
    };
    let window = move || {
        kpis()
            .map(|(_, as_of, start)| {
                format!(
                    "Ventana de análisis: del {} al {}",
                    format::date(start + 1, lang.get()),
                    format::date(as_of, lang.get())
                )
            })
            .unwrap_or_default()
    };
    let chart = Signal::derive(move || {
        let rows = state
            .analysis
            .get()
            .map(|a| a.segments.clone())
            .unwrap_or_default();
        charts::segment_customers(&rows, lang.get())
    });

    view! {
        <section class="page">
            <h1 class="page__title">"Resumen"</h1>
            <p class="page__subtitle" data-testid="window">{window}</p>
            <div class="kpi-grid">
                <KpiCard testid="kpi-active" label="Clientes activos" value=Signal::derive(figure(|k, l, _| format::count(k.active_customers, l))) />
                <KpiCard testid="kpi-value" label="Ventas netas" value=Signal::derive(figure(|k, l, c| format::money(k.value, c, l))) />
                <KpiCard testid="kpi-ticket" label="Ticket promedio" value=Signal::derive(figure(|k, l, c| format::money(k.average_ticket, c, l))) />
                <KpiCard testid="kpi-frequency" label="Compras por cliente" value=Signal::derive(figure(|k, l, _| format::number(k.purchases_per_customer, 1, l))) />
            </div>
            <section class="panel">
                <h2 class="panel__title">"Clientes por segmento RFV"</h2>
                <EChart testid="chart-segments" chart=chart label="Número de clientes en cada segmento RFV" />
            </section>
        </section>
    }
}
