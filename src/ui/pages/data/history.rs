//! What the open workspace holds and the imports that built it.

use crate::import::Lang;
use crate::ui::{AppState, Status};
use leptos::prelude::*;

fn when(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub fn HistoryPanel() -> impl IntoView {
    let state = AppState::expect();
    let count = |n: usize| crate::format::count(n, Lang::Es);
    move || {
        // While a workspace opens, the manifest is not known yet: say so, not "no data".
        if let Status::Busy(message) = state.status.get() {
            return view! {
                <section class="panel"><h2 class="panel__title">"Datos guardados"</h2>
                <p data-testid="stored-summary" role="status">{message}</p></section>
            }
            .into_any();
        }
        let Some(m) = state.manifest.get() else {
            return view! {
                <section class="panel"><h2 class="panel__title">"Datos guardados"</h2>
                <p data-testid="stored-summary">"Este espacio de trabajo aún no tiene datos."</p></section>
            }
            .into_any();
        };
        let summary = format!(
            "{} líneas de venta · {} clientes · {} encuestas · {} quejas · guardado el {}",
            count(m.sales_rows),
            count(m.customer_ids),
            count(m.surveys),
            count(m.complaints),
            when(m.saved_at_ms)
        );
        let history = m.history.clone();
        view! {
            <section class="panel" aria-labelledby="history-title">
                <h2 class="panel__title" id="history-title">"Datos guardados"</h2>
                <p data-testid="stored-summary">{summary}</p>
                {(!history.is_empty()).then(|| view! {
                    <table class="table" data-testid="history">
                        <thead><tr><th scope="col">"Fecha"</th><th scope="col">"Archivo"</th><th scope="col">"Tipo"</th><th scope="col">"Filas leídas"</th><th scope="col">"Importadas"</th><th scope="col">"Errores"</th><th scope="col">"Avisos"</th></tr></thead>
                        <tbody>
                            {history.iter().rev().flat_map(|rec| rec.files.iter().map(move |f| view! {
                                <tr>
                                    <td>{when(rec.at_ms)}{if rec.appended { " (añadido)" } else { "" }}</td>
                                    <td>{f.name.clone()}</td>
                                    <td>{f.kind.name_es()}</td>
                                    <td>{count(f.rows_read as usize)}</td>
                                    <td>{count(f.rows_valid as usize)}</td>
                                    <td>{count(f.errors as usize)}</td>
                                    <td>{count(f.warnings as usize)}</td>
                                </tr>
                            })).collect_view()}
                        </tbody>
                    </table>
                })}
            </section>
        }
        .into_any()
    }
}
