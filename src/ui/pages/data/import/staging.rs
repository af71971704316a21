//! Staging an import: the import worker writes the checked data's blobs into the open workspace
//! while the user reads the report ([`ImportWorker::stage`], [`storage::stage_import`]), off the
//! page's thread, so that "Importar" only writes the manifest ([`storage::commit_import`]); a
//! staged import that will not be committed is dropped ([`storage::drop_staged`]).

use super::ImportFlow;
use crate::model::Dataset;
use crate::storage;
use crate::ui::mark;
use crate::worker::CheckId;
#[cfg(doc)]
use crate::worker::client::ImportWorker;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The outcome of staging an import's blobs: the staged generation, or why there is none.
pub(super) type Staging = Result<storage::Staged, String>;

/// The import being staged: its check, its dataset and, once the worker has answered, the
/// outcome.
pub(super) type BeingStaged = Option<(CheckId, Arc<Dataset>, Option<Staging>)>;

impl ImportFlow {
    /// Has the worker write the blobs of check `check` (whose dataset is `data`) into the open
    /// workspace, without a manifest, so that "Importar" only writes the manifest; an earlier
    /// staged import is dropped.
    pub(super) fn stage_blobs(&self, check: CheckId, data: Arc<Dataset>) {
        self.unstage();
        let Some(workspace) = self.state.workspace.get_untracked() else {
            return;
        };
        self.staged.set_value(Some((check, data, None)));
        self.with_worker(|w| w.stage(check, workspace.id));
    }

    /// The worker's answer to [`ImportFlow::stage_blobs`]: kept if it is the staged check's,
    /// else (dropped or replaced while being written) its blobs go.
    pub(super) fn on_staged(&self, check: CheckId, outcome: Staging) {
        mark("fideliza:staged");
        let kept = self
            .staged
            .try_update_value(|s| match s {
                Some((c, _, o @ None)) if *c == check => {
                    *o = Some(outcome.clone());
                    true
                }
                _ => false,
            })
            .unwrap_or(false);
        if let (false, Ok(staged)) = (kept, outcome) {
            drop_staged(staged);
        }
    }

    /// No stage will be answered any more (the worker stopped): "Importar" writes the blobs
    /// itself.
    pub(super) fn stage_stopped(&self) {
        self.staged.update_value(|s| {
            if let Some((_, _, outcome @ None)) = s {
                *outcome = Some(Err("the import worker stopped".into()));
            }
        });
    }

    /// Forgets the staged import; its blobs are deleted (now, or once written).
    pub(super) fn unstage(&self) {
        if let Some((_, _, Some(Ok(staged)))) = self.staged.try_update_value(Option::take).flatten()
        {
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
                Some((_, d, o)) if Arc::ptr_eq(d, data) => Some(o.clone()),
                _ => None,
            })?;
            match outcome {
                None => self.answers.next(100).await,
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
