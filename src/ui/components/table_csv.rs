//! A "CSV" button that downloads a table of the page as the user sees it
//! (`crate::table_csv` turns shown numbers back into plain numbers).

use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The text of every cell of the table with `data-testid = table`, row by row.
fn table_rows(table: &str) -> Vec<Vec<String>> {
    let Ok(Some(element)) = document().query_selector(&format!("[data-testid='{table}']")) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let trs = element.get_elements_by_tag_name("tr");
    for i in 0..trs.length() {
        let Some(tr) = trs.item(i) else { continue };
        let cells = tr.children();
        let row = (0..cells.length())
            .filter_map(|j| cells.item(j))
            .map(|cell| cell.text_content().unwrap_or_default().trim().to_owned())
            .collect();
        rows.push(row);
    }
    rows
}

/// Downloads the table with `data-testid = table` as `fideliza-<title>.csv`.
#[component]
pub fn TableCsv(
    /// `data-testid` of the `<table>`.
    table: &'static str,
    /// What the table holds (names the file and labels the button).
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let save = move |_| {
        let l = lang.get_untracked();
        let csv = crate::table_csv::to_csv(&table_rows(table), l);
        let slug: String = title
            .get_untracked()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let name = format!("fideliza-{}.csv", slug.trim_matches('-'));
        crate::ui::download::download(&name, "text/csv;charset=utf-8", csv.as_bytes());
    };
    view! {
        <button
            class="button button--small"
            data-testid=format!("{table}-csv")
            aria-label=move || t!("chart.export_csv_label", locale = lang.get().code(), title = title.get()).into_owned()
            on:click=save
        >
            {move || t!("chart.export_csv", locale = lang.get().code()).into_owned()}
        </button>
    }
}
