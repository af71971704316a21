//! The browser's storage: how much is used, a backup of the open workspace, restoring one, and
//! deleting every local datum.

use super::{megabytes, storage_error};
use crate::import::Lang;
use crate::storage::{self, StorageError};
use crate::ui::AppState;
use crate::ui::download::download;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;
use wasm_bindgen::JsCast;

/// A message of the storage panel; worded when shown, in the language of the moment.
#[derive(Clone, Debug, PartialEq)]
enum Notice {
    NothingToCopy,
    BackupFailed(StorageError),
    Restored(String),
    RestoreFailed(StorageError),
    DeletedAll,
    DeleteFailed(StorageError),
}

impl Notice {
    fn text(&self, lang: Lang) -> String {
        let l = lang.code();
        let error = |e| storage_error(e, lang);
        match self {
            Notice::NothingToCopy => t!("data.storage.nothing_to_copy", locale = l),
            Notice::BackupFailed(e) => {
                t!("data.storage.backup_failed", locale = l, error = error(e))
            }
            Notice::Restored(name) => t!("data.storage.restored", locale = l, name = name),
            Notice::RestoreFailed(e) => {
                t!("data.storage.restore_failed", locale = l, error = error(e))
            }
            Notice::DeletedAll => t!("data.storage.deleted_all", locale = l),
            Notice::DeleteFailed(e) => {
                t!("data.storage.delete_failed", locale = l, error = error(e))
            }
        }
        .into_owned()
    }
}

#[component]
pub fn StoragePanel() -> impl IntoView {
    let state = AppState::expect();
    let usage = LocalResource::new(move || {
        state.manifest.track(); // re-estimate after every save
        storage::estimate()
    });
    let offline = LocalResource::new(offline_copy);
    let notice = RwSignal::new(None::<Notice>);
    let text =
        move |key: &'static str| move || t!(key, locale = state.lang.get().code()).into_owned();

    let backup = move |_| {
        let Some(workspace) = state.workspace.get_untracked() else {
            return;
        };
        spawn_local(async move {
            let exported = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::export_backup(&db, &workspace).await
            };
            match exported.await {
                Ok(Some(bytes)) => {
                    let name = format!(
                        "fideliza-{}.fideliza",
                        workspace.name.replace(|c: char| !c.is_alphanumeric(), "-")
                    );
                    download(&name, "application/octet-stream", &bytes);
                }
                Ok(None) => notice.set(Some(Notice::NothingToCopy)),
                Err(e) => notice.set(Some(Notice::BackupFailed(e))),
            }
        });
    };
    let restore = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("target").unchecked_into();
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let bytes = gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(
                web_sys::Blob::from(file),
            ))
            .await;
            let restored = async {
                let bytes = bytes.map_err(|e| storage::StorageError::Browser(e.to_string()))?;
                let db = storage::open(storage::DB_NAME).await?;
                storage::restore_backup(&db, &bytes, js_sys::Date::now()).await
            };
            match restored.await {
                Ok(workspace) => {
                    let _ = state.refresh_workspaces().await;
                    notice.set(Some(Notice::Restored(workspace.name.clone())));
                    state.switch_to(workspace).await;
                }
                Err(e) => notice.set(Some(Notice::RestoreFailed(e))),
            }
        });
    };
    let delete_all = move |_| {
        let question = t!(
            "data.storage.confirm_delete_all",
            locale = state.lang.get_untracked().code()
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let deleted = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::delete_everything(&db).await
            };
            match deleted.await {
                Ok(()) => {
                    notice.set(Some(Notice::DeletedAll));
                    state.open_stored().await;
                }
                Err(e) => notice.set(Some(Notice::DeleteFailed(e))),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="storage-title">
            <h2 class="panel__title" id="storage-title">{text("data.storage.title")}</h2>
            <p data-testid="storage-usage">
                {move || {
                    let lang = state.lang.get();
                    let l = lang.code();
                    match usage.get() {
                        Some(Some((used, quota))) => {
                            let (used, quota) = (megabytes(used, lang), megabytes(quota, lang));
                            t!("data.storage.usage", locale = l, used = used, quota = quota)
                        }
                        Some(None) => t!("data.storage.unknown", locale = l),
                        None => t!("data.storage.estimating", locale = l),
                    }
                    .into_owned()
                }}
            </p>
            {move || offline.get().filter(|ready| *ready).map(|_| view! {
                <p data-testid="offline-status">{text("data.storage.offline")}</p>
            })}
            <div class="storage__actions">
                <button class="button" data-testid="backup-export" on:click=backup>{text("data.storage.backup")}</button>
                <label class="button">
                    {text("data.storage.restore")}
                    <input class="visually-hidden" type="file" accept=".fideliza" data-testid="backup-restore" on:change=restore />
                </label>
                <button class="button button--danger" data-testid="delete-all" on:click=delete_all>{text("data.storage.delete_all")}</button>
            </div>
            {move || notice.get().map(|n| view! {
                <p class="notice" role="status" data-testid="storage-notice">{move || n.text(state.lang.get())}</p>
            })}
        </section>
    }
}

/// Whether the browser keeps the app's offline copy (`sw.js`, registered by `index.html`): true
/// once a service worker is active for the page, which it becomes only after caching every file.
/// Never answers where there is none (an insecure origin, a browser without service workers).
async fn offline_copy() -> bool {
    let Ok(ready) = window().navigator().service_worker().ready() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(ready).await.is_ok()
}
