//! What the open workspace holds and the imports that built it.

use super::kind_name;
use crate::i18n::plural;
use crate::import::Lang;
use crate::ui::{AppState, Status};
use leptos::prelude::*;
use rust_i18n::t;

/// A moment (ms since 1970, local time) as `23/11/2026 14:05` (es) or `2026-11-23 14:05` (en).
fn when(ms: f64, lang: Lang) -> String {
    let d = js_sys::Date::new(&ms.into());
    let (day, month, year) = (d.get_date(), d.get_month() + 1, d.get_full_year());
    let time = format!("{:02}:{:02}", d.get_hours(), d.get_minutes());
    match lang {
        Lang::Es => format!("{day:02}/{month:02}/{year} {time}"),
        Lang::En => format!("{year}-{month:02}-{day:02} {time}"),
    }
}

#[component]
pub fn HistoryPanel() -> impl IntoView {
    let state = AppState::expect();
    move || {
        let lang = state.lang.get();
        let l = lang.code();
        let count = move |n: usize| crate::format::count(n, lang);
        let title = t!("data.history.title", locale = l).into_owned();
        // While a workspace opens, the manifest is not known yet: say so, not "no data".
        if let Status::Busy(key) = state.status.get() {
            let message = t!(key, locale = l).into_owned();
            return view! {
                <section class="panel"><h2 class="panel__title">{title}</h2>
                <p data-testid="stored-summary" role="status">{message}</p></section>
            }
            .into_any();
        }
        let Some(m) = state.manifest.get() else {
            return view! {
                <section class="panel"><h2 class="panel__title">{title}</h2>
                <p data-testid="stored-summary">{t!("data.history.empty", locale = l).into_owned()}</p></section>
            }
            .into_any();
        };
        let summary = plural(
            t!(
                "data.history.summary",
                locale = l,
                sales = count(m.sales_rows),
                customers = count(m.customer_ids),
                surveys = count(m.surveys),
                complaints = count(m.complaints),
                when = when(m.saved_at_ms, lang)
            ),
            &[
                ("sales", m.sales_rows as usize),
                ("customers", m.customer_ids as usize),
                ("surveys", m.surveys as usize),
                ("complaints", m.complaints as usize),
            ],
        );
        let appended = t!("data.history.appended", locale = l).into_owned();
        let history = m.history.clone();
        view! {
            <section class="panel" aria-labelledby="history-title">
                <h2 class="panel__title" id="history-title">{title}</h2>
                <p data-testid="stored-summary">{summary}</p>
                {(!history.is_empty()).then(|| view! {
                    <table class="table" data-testid="history" aria-label=t!("data.history.table_label", locale = l).into_owned()>
                        <thead><tr>
                            <th scope="col">{t!("data.history.date", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.file", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.kind", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.rows_read", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.imported", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.errors", locale = l).into_owned()}</th>
                            <th scope="col">{t!("data.history.warnings", locale = l).into_owned()}</th>
                        </tr></thead>
                        <tbody>
                            {history.iter().rev().flat_map(|rec| {
                                let date = if rec.appended {
                                    format!("{} {appended}", when(rec.at_ms, lang))
                                } else {
                                    when(rec.at_ms, lang)
                                };
                                rec.files.iter().map(move |f| view! {
                                    <tr>
                                        <td>{date.clone()}</td>
                                        <td>{f.name.clone()}</td>
                                        <td>{kind_name(f.kind, lang)}</td>
                                        <td>{count(f.rows_read as usize)}</td>
                                        <td>{count(f.rows_valid as usize)}</td>
                                        <td>{count(f.errors as usize)}</td>
                                        <td>{count(f.warnings as usize)}</td>
                                    </tr>
                                })
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
            </section>
        }
        .into_any()
    }
}
