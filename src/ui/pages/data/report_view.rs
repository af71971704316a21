//! The validation report of one file: rows read and kept, problems grouped by kind, and the
//! first problems one by one (row, column, value, reason); downloadable as CSV.

use crate::import::{Lang, Severity};
use crate::ui::download::download;
use crate::worker::protocol::FileReport;
use leptos::prelude::*;

/// Problems listed one by one on screen (the CSV has every detail the importer kept).
const SHOWN: usize = 50;

#[component]
pub fn ReportView(name: String, report: FileReport) -> impl IntoView {
    let lang = Lang::Es;
    let r = report.report;
    let count = |n: u64| crate::format::count(n as usize, lang);
    let csv = r.to_csv(lang);
    let csv_name = format!(
        "informe-{}.csv",
        name.trim_end_matches(|c| c != '.').trim_end_matches('.')
    );
    let summary = format!(
        "{} filas leídas · {} se importarán · {} con errores (no se importan) · {} avisos",
        count(r.rows_read),
        count(r.rows_valid),
        count(r.rows_read - r.rows_valid),
        count(r.warnings()),
    );
    view! {
        <article class="report" data-testid="report" data-file=name.clone()>
            <h3 class="report__title">{format!("{name} — {}", report.kind.name_es())}</h3>
            <p class="report__summary" data-testid="report-summary">{summary}</p>
            {(!r.counts.is_empty()).then(|| view! {
                <ul class="report__counts">
                    {r.counts.iter().map(|c| {
                        let class = if c.severity == Severity::Error { "report__count report__count--error" } else { "report__count" };
                        let what = if c.severity == Severity::Error { "error" } else { "aviso" };
                        view! { <li class=class data-testid="report-count">{format!("{}: {} ({what})", c.kind.title(lang), count(c.count))}</li> }
                    }).collect_view()}
                </ul>
                <div class="table-scroll">
                    <table class="table report__problems">
                        <thead><tr><th scope="col">"Fila"</th><th scope="col">"Columna"</th><th scope="col">"Valor"</th><th scope="col">"Problema"</th></tr></thead>
                        <tbody>
                            {r.problems.iter().take(SHOWN).map(|p| view! {
                                <tr data-testid="report-problem">
                                    <td>{p.row}</td>
                                    <td>{p.column.clone().unwrap_or_default()}</td>
                                    <td>{p.value.clone()}</td>
                                    <td>{p.message(lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <button class="button button--small" data-testid="report-download" on:click=move |_| download(&csv_name, "text/csv;charset=utf-8", csv.as_bytes())>
                    "Descargar el informe (CSV)"
                </button>
            })}
        </article>
    }
}
