//! Windows prepared ahead. While Ajustes is open, the stages of the windows one month shorter
//! and one month longer than the current one ([`Prepared::prepare_step`]) are computed once the
//! analysis is shown, one task each, so that stepping the window field (its arrows, or a typed
//! neighbour) recomputes only the aggregates: ≈ 4 ms in wasm at 100k customers instead of
//! 15–16 ms (BENCHMARKS.md, "Where a cold window goes", stop 32). The engine keeps the stages
//! of four windows, so the current and the previous one stay.

use super::{AppState, mark, prepare_in_tasks};
use crate::engine::{Params, Prepared};
use crate::settings::neighbouring_windows;
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How long after an analysis is shown the neighbouring windows start, in milliseconds: the
/// page answers the user's first moves before it works ahead.
const DELAY_MS: u32 = 300;

/// Prepares the neighbouring windows of every analysis shown while the calling component
/// lives; work under way stops when the component goes, the parameters change or new data
/// are opened. Marks `fideliza:windows-ahead` when they are ready.
pub(crate) fn prepare_windows_ahead(state: AppState) {
    let shown = Arc::new(AtomicBool::new(true));
    on_cleanup({
        let shown = Arc::clone(&shown);
        move || shown.store(false, Ordering::Relaxed)
    });
    Effect::new(move |_| {
        if state.analysis.with(Option::is_none) {
            return;
        }
        let Some(prepared) = state.prepared.get_untracked() else {
            return;
        };
        let params = state.params.get_untracked();
        // The analysis on screen is an earlier one while a new date is fitted or a new window
        // staged: this runs again when the new one is shown.
        if !prepared.is_prepared(&params) {
            return;
        }
        let shown = Arc::clone(&shown);
        leptos::task::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(DELAY_MS).await;
            let go = || {
                shown.load(Ordering::Relaxed)
                    && state.params.with_untracked(|p| *p == params)
                    && state
                        .prepared
                        .with_untracked(|p| p.as_ref().is_some_and(|p| Arc::ptr_eq(p, &prepared)))
            };
            if prepare_neighbours(&prepared, &params, go).await {
                mark("fideliza:windows-ahead");
            }
        });
    });
}

/// Prepares the windows of [`neighbouring_windows`] while `go()` holds; whether all are ready.
async fn prepare_neighbours(prepared: &Prepared, params: &Params, go: impl Fn() -> bool) -> bool {
    for next in neighbouring_windows(params) {
        if !prepare_in_tasks(prepared, &next, &go).await {
            return false;
        }
    }
    true
}
