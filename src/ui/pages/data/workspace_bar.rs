//! Choosing, creating, renaming and deleting workspaces (a consultant keeps one per client).

use crate::storage;
use crate::ui::AppState;
use crate::ui::state::new_workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;

#[component]
pub fn WorkspaceBar() -> impl IntoView {
    let state = AppState::expect();
    let name = RwSignal::new(String::new());
    let current_id = move || state.workspace.get().map(|w| w.id).unwrap_or_default();
    let text =
        move |key: &'static str| move || t!(key, locale = state.lang.get().code()).into_owned();
    // Failures are set once in the status bar, in the language of the moment.
    let untracked =
        move |key: &'static str| t!(key, locale = state.lang.get_untracked().code()).into_owned();

    let switch = move |id: String| {
        if let Some(w) = state
            .workspaces
            .get_untracked()
            .into_iter()
            .find(|w| w.id == id)
        {
            spawn_local(state.switch_to(w));
        }
    };
    // Creating and renaming both store a workspace record under the typed name.
    let save = move |workspace: Option<crate::workspace::Workspace>, failure: String| {
        let wanted = name.get_untracked().trim().to_owned();
        if wanted.is_empty() {
            return;
        }
        let renamed = workspace.is_some();
        let workspace = match workspace {
            Some(existing) => crate::workspace::Workspace {
                name: wanted,
                ..existing
            },
            None => new_workspace(&wanted),
        };
        spawn_local(async move {
            let saved = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::put_workspace(&db, &workspace).await?;
                state.refresh_workspaces().await
            };
            match saved.await {
                Ok(()) => {
                    name.set(String::new());
                    if renamed {
                        state.workspace.set(Some(workspace)); // same data: no reload
                    } else {
                        state.switch_to(workspace).await;
                    }
                }
                Err(e) => state.fail(
                    &failure,
                    super::storage_error(&e, state.lang.get_untracked()),
                ),
            }
        });
    };
    let create = move |_| save(None, untracked("data.workspace.create_failed"));
    let rename = move |_| {
        if let Some(open) = state.workspace.get_untracked() {
            save(Some(open), untracked("data.workspace.rename_failed"));
        }
    };
    let delete = move |_| {
        let Some(workspace) = state.workspace.get_untracked() else {
            return;
        };
        let question = t!(
            "data.workspace.confirm_delete",
            locale = state.lang.get_untracked().code(),
            name = workspace.name.as_str()
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            let deleted = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::delete_workspace(&db, &workspace.id).await
            };
            if let Err(e) = deleted.await {
                let lang = state.lang.get_untracked();
                let what = t!("data.workspace.delete_failed", locale = lang.code());
                return state.fail(&what, super::storage_error(&e, lang));
            }
            // Reopen: the first remaining workspace, or a new empty one.
            state.open_stored().await;
        });
    };

    view! {
        <section class="panel workspace-bar" aria-labelledby="workspace-title">
            <h2 class="panel__title" id="workspace-title">{text("data.workspace.title")}</h2>
            <div class="workspace-bar__row">
                <label class="field">
                    <span class="field__label">{text("data.workspace.open")}</span>
                    <select
                        data-testid="workspace-select"
                        prop:value=current_id
                        on:change=move |ev| switch(event_target_value(&ev))
                    >
                        {move || {
                            state
                                .workspaces
                                .get()
                                .into_iter()
                                .map(|w| view! { <option value=w.id.clone()>{w.name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{text("data.workspace.name")}</span>
                    <input
                        type="text"
                        data-testid="workspace-name-input"
                        placeholder=text("data.workspace.placeholder")
                        prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <button class="button" data-testid="workspace-create" on:click=create>{text("data.workspace.create")}</button>
                <button class="button" data-testid="workspace-rename" on:click=rename>{text("data.workspace.rename")}</button>
                <button class="button button--danger" data-testid="workspace-delete" on:click=delete>{text("data.workspace.delete")}</button>
            </div>
        </section>
    }
}
