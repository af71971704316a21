//! The browser's storage: how much is used, a backup of the open workspace, restoring one, and
//! deleting every local datum.

use crate::storage;
use crate::ui::AppState;
use crate::ui::download::download;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

fn megabytes(bytes: f64) -> String {
    format!(
        "{} MB",
        crate::format::number(bytes / 1_048_576.0, 1, crate::import::Lang::Es)
    )
}

#[component]
pub fn StoragePanel() -> impl IntoView {
    let state = AppState::expect();
    let usage = LocalResource::new(move || {
        state.manifest.track(); // re-estimate after every save
        storage::estimate()
    });
    let notice = RwSignal::new(None::<String>);

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
                Ok(None) => notice.set(Some(
                    "Este espacio de trabajo no tiene datos que copiar.".into(),
                )),
                Err(e) => notice.set(Some(format!("No se pudo crear la copia: {e}"))),
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
                    notice.set(Some(format!("Copia restaurada como «{}».", workspace.name)));
                    state.switch_to(workspace).await;
                }
                Err(e) => notice.set(Some(format!("No se restauró nada: {e}"))),
            }
        });
    };
    let delete_all = move |_| {
        let question = "¿Borrar TODOS los datos de Fideliza en este navegador (todos los espacios de trabajo)? No se puede deshacer.";
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let deleted = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::delete_everything(&db).await
            };
            match deleted.await {
                Ok(()) => {
                    notice.set(Some("Se borraron todos los datos locales.".into()));
                    state.open_stored().await;
                }
                Err(e) => notice.set(Some(format!("No se pudo borrar: {e}"))),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="storage-title">
            <h2 class="panel__title" id="storage-title">"Almacenamiento en este navegador"</h2>
            <p data-testid="storage-usage">
                {move || match usage.get() {
                    Some(Some((used, quota))) => format!("En uso: {} de {} disponibles.", megabytes(used), megabytes(quota)),
                    Some(None) => "Este navegador no informa cuánto espacio usa.".to_owned(),
                    None => "Calculando el espacio usado…".to_owned(),
                }}
            </p>
            <div class="storage__actions">
                <button class="button" data-testid="backup-export" on:click=backup>"Descargar copia de seguridad"</button>
                <label class="button">
                    "Restaurar una copia…"
                    <input class="visually-hidden" type="file" accept=".fideliza" data-testid="backup-restore" on:change=restore />
                </label>
                <button class="button button--danger" data-testid="delete-all" on:click=delete_all>"Borrar todos los datos locales"</button>
            </div>
            {move || notice.get().map(|n| view! { <p class="notice" role="status" data-testid="storage-notice">{n}</p> })}
        </section>
    }
}
