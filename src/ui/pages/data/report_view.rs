//! The validation report of one file: rows read and kept, problems grouped by kind, and the
//! first problems one by one (row, column, value, reason); downloadable as CSV.

use super::kind_name;
use crate::i18n::plural;
use crate::import::Severity;
use crate::ui::AppState;
use crate::ui::download::download;
use crate::worker::protocol::FileReport;
use leptos::prelude::*;
use rust_i18n::t;

/// Problems listed one by one on screen (the CSV has every detail the importer kept).
const SHOWN: usize = 50;

#[component]
pub fn ReportView(name: String, report: FileReport) -> impl IntoView {
    let state = AppState::expect();
    let data_file = name.clone();
    move || {
        let lang = state.lang.get();
        let l = lang.code();
        let r = &report.report;
        let count = |n: u64| crate::format::count(n as usize, lang);
        let summary = plural(
            t!(
                "data.report.summary",
                locale = l,
                read = count(r.rows_read),
                valid = count(r.rows_valid),
                invalid = count(r.rows_read - r.rows_valid),
                warnings = count(r.warnings())
            ),
            &[
                ("read", r.rows_read as usize),
                ("valid", r.rows_valid as usize),
                ("invalid", (r.rows_read - r.rows_valid) as usize),
                ("warnings", r.warnings() as usize),
            ],
        );
        let stem = name.trim_end_matches(|c| c != '.').trim_end_matches('.');
        let stem = if stem.is_empty() { name.as_str() } else { stem };
        let csv_name = t!("data.report.file_name", locale = l, name = stem).into_owned();
        let csv = r.to_csv(lang);
        let th = |key: &str| view! { <th scope="col">{t!(key, locale = l).into_owned()}</th> };
        view! {
            <article class="report" data-testid="report" data-file=data_file.clone()>
                <h3 class="report__title">{format!("{name} — {}", kind_name(report.kind, lang))}</h3>
                <p class="report__summary" data-testid="report-summary">{summary}</p>
                {(!r.counts.is_empty()).then(|| view! {
                    <ul class="report__counts">
                        {r.counts.iter().map(|c| {
                            let error = c.severity == Severity::Error;
                            let class = if error { "report__count report__count--error" } else { "report__count" };
                            let kind = c.kind.title(lang);
                            let n = count(c.count);
                            let text = if error {
                                t!("data.report.count_error", locale = l, kind = kind, count = n)
                            } else {
                                t!("data.report.count_warning", locale = l, kind = kind, count = n)
                            };
                            view! { <li class=class data-testid="report-count">{text.into_owned()}</li> }
                        }).collect_view()}
                    </ul>
                    <div class="table-scroll">
                        <table class="table report__problems" aria-label=t!("data.report.table_label", locale = l, name = name.as_str()).into_owned()>
                            <thead><tr>{th("data.report.row")}{th("data.report.column")}{th("data.report.value")}{th("data.report.problem")}</tr></thead>
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
                        {t!("data.report.download", locale = l).into_owned()}
                    </button>
                })}
            </article>
        }
    }
}
