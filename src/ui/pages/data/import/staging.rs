//! Staging an import: the checked data's blobs are written into the open workspace while the
//! user reads the report ([`storage::stage_import`]), so that "Importar" only writes the manifest
//! ([`storage::commit_import`]); a staged import that will not be committed is dropped
//! ([`storage::drop_staged`]).

use super::ImportFlow;
use crate::codec::Encoded;
use crate::model::Dataset;
use crate::storage;
use crate::ui::{mark, next_paint};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The outcome of staging an import's blobs.
pub(super) type Staging = Result<storage::Staged, storage::StorageError>;

impl ImportFlow {
    /// Writes the blobs of `data` (as `encoded`) into the open workspace once the report is
    /// painted, without a manifest, so that "Importar" only writes the manifest; an earlier
    /// staged import is dropped.
    pub(super) fn stage_blobs(&self, data: Arc<Dataset>, encoded: Arc<Encoded>) {
        self.unstage();
        let Some(workspace) = self.state.workspace.get_untracked() else {
            return;
        };
        self.staged.set_value(Some((Arc::clone(&data), None)));
        let flow = *self;
        spawn_local(async move {
            next_paint().await;
            let outcome = async {
                let db = storage::open(storage::DB_NAME).await?;
                storage::stage_import(&db, &workspace.id, &encoded).await
            }
            .await;
            mark("fideliza:staged");
            let kept = flow
                .staged
                .try_update_value(|s| match s {
                    Some((d, o)) if Arc::ptr_eq(d, &data) => {
                        *o = Some(outcome.clone());
                        true
                    }
                    _ => false,
                })
                .unwrap_or(false);
            // Dropped or replaced while being written: its blobs go.
            if let (false, Ok(staged)) = (kept, outcome) {
                drop_staged(staged);
            }
        });
    }

    /// Forgets the staged import; its blobs are deleted (now, or once written).
    pub(super) fn unstage(&self) {
        if let Some((_, Some(Ok(staged)))) = self.staged.try_update_value(Option::take).flatten() {
            drop_staged(staged);
        }
    }

    /// The staged blobs of `data` in `workspace`, once written; `None` when there are none or
    /// writing them failed (the save then writes them itself).
    pub(super) async fn staged_for(
        &self,
        data: &Arc<Dataset>,
        workspace: &str,
    ) -> Option<storage::Staged> {
        loop {
            let outcome = self.staged.with_value(|s| match s {
                Some((d, o)) if Arc::ptr_eq(d, data) => Some(o.clone()),
                _ => None,
            })?;
            match outcome {
                None => gloo::timers::future::TimeoutFuture::new(10).await,
                Some(outcome) => {
                    self.staged.set_value(None);
                    let staged = outcome.ok()?;
                    if staged.workspace() == workspace {
                        return Some(staged);
                    }
                    drop_staged(staged);
                    return None;
                }
            }
        }
    }
}

/// Deletes a staged import's blobs, in the background.
fn drop_staged(staged: storage::Staged) {
    spawn_local(async move {
        if let Ok(db) = storage::open(storage::DB_NAME).await {
            let _ = storage::drop_staged(&db, &staged).await;
        }
    });
}
