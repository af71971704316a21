//! The page's half of the import rehearsal (`worker::warm_up`): the worker sends the small
//! dataset it rehearsed with, encoded, and its fit ([`Response::Rehearsed`]); the page decodes
//! it, prepares the engine, analyses it and builds its dashboard, as it will for the first real
//! import, so that V8 has optimised those functions by then (each runs once on a large import,
//! in baseline code when never run before), and draws the Resumen's first two charts out of
//! sight (ECharts' code compiles on its first chart). Nothing is kept or shown. Each step is a
//! task of its own (a few milliseconds on the rehearsal's 2,000 customers), and a page that has
//! analysed data already skips it: its code is warm.
//!
//! [`Response::Rehearsed`]: crate::worker::Response::Rehearsed

use crate::charts;
use crate::codec;
use crate::dashboard::Dashboard;
use crate::engine::{FitRecord, Prepared};
use crate::ui::{AppState, mark, prepare_in_tasks, rehearse_chart};
use crate::worker::Buffers;
use gloo::timers::future::TimeoutFuture;
use leptos::prelude::*;

/// Decodes, prepares, analyses and summarises the rehearsal's dataset (`buffers`: the meta
/// record, then the sales chunks), one task per step; see the module docs.
pub(super) async fn rehearse(state: AppState, fit: FitRecord, buffers: Buffers) {
    if state.prepared.with_untracked(Option::is_some) {
        return;
    }
    let buffers = buffers.into_vecs();
    let Some((meta, chunks)) = buffers.split_first() else {
        return;
    };
    let Ok(data) = codec::decode(meta, chunks) else {
        return;
    };
    TimeoutFuture::new(0).await;
    let prepared = Prepared::new(&data);
    // At the rehearsal's last sale, the date the worker fitted at.
    let params = state.params.get_untracked().as_of(None);
    prepare_in_tasks(&prepared, &params, || true).await;
    // Never fitted here: without the worker's fit there is no analysis to rehearse.
    if prepared.seed_fit(fit) && prepared.fitted(&params).is_some() {
        TimeoutFuture::new(0).await;
        let analysis = prepared.analysis(&params);
        TimeoutFuture::new(0).await;
        let _ = Dashboard::new(&params, &data, &analysis);
        // The Resumen's first two charts, drawn out of sight.
        let (lang, currency) = (state.lang.get_untracked(), state.currency.get_untracked());
        TimeoutFuture::new(0).await;
        rehearse_chart(&charts::summary::trend(
            &analysis.trend,
            analysis.as_of,
            lang,
            currency,
        ));
        TimeoutFuture::new(0).await;
        rehearse_chart(&charts::summary::pareto(&analysis.pareto, lang));
        mark("fideliza:rehearsed");
    }
}
