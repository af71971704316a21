//! Datos: the open workspace (switch, create, rename, delete), importing files into it, its
//! import history, and the browser storage (usage, backup, restore, delete everything).
//!
//! Every text comes from `locales/data.yml` in the language chosen in the header.

mod history;
mod import;
mod mapping_card;
mod report_view;
mod storage_panel;
mod workspace_bar;

use crate::import::{FileKind, Lang};
use crate::storage::StorageError;
use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// The data page.
#[component]
pub fn Data() -> impl IntoView {
    let state = AppState::expect();
    let text =
        move |key: &'static str| move || t!(key, locale = state.lang.get().code()).into_owned();
    view! {
        <section class="page">
            <h1 class="page__title">{text("data.title")}</h1>
            <p class="page__subtitle">{text("data.subtitle")}</p>
            <workspace_bar::WorkspaceBar />
            <import::ImportPanel />
            <history::HistoryPanel />
            <storage_panel::StoragePanel />
        </section>
    }
}

/// The name of a kind of file in `lang`.
fn kind_name(kind: FileKind, lang: Lang) -> String {
    kind.name(lang)
}

/// `text` between the quotation marks of `lang` (`«…»`, `“…”`).
fn quoted(text: &str, lang: Lang) -> String {
    t!("data.quoted", locale = lang.code(), text = text).into_owned()
}

/// A size in bytes as megabytes with one decimal.
fn megabytes(bytes: f64, lang: Lang) -> String {
    let size = crate::format::number(bytes / 1_048_576.0, 1, lang);
    t!("data.megabytes", locale = lang.code(), size = size).into_owned()
}

/// A storage failure for the user, in `lang` (the error's own text is English).
fn storage_error(error: &StorageError, lang: Lang) -> String {
    match error {
        StorageError::QuotaExceeded => t!("data.error.quota", locale = lang.code()).into_owned(),
        StorageError::Browser(detail) => {
            t!("data.error.browser", locale = lang.code(), detail = detail).into_owned()
        }
        StorageError::Damaged(detail) => {
            t!("data.error.damaged", locale = lang.code(), detail = detail).into_owned()
        }
    }
}
