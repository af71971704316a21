//! The app's shared state, provided once by [`super::App`] and read by every page.

use crate::engine::{Analysis, Params, Prepared};
use crate::import::Lang;
use crate::model::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// What the app is doing, shown in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Reading stored data at start-up.
    Opening,
    /// No data stored yet.
    Empty,
    /// Long work under way (message for the user).
    Busy(String),
    /// Data loaded and analysed.
    Ready,
    /// Something failed; the message says what and what to do.
    Failed(String),
}

/// Shared, cheaply copied handles to the app's signals.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// Currency symbol shown with amounts.
    pub currency: RwSignal<&'static str>,
    /// Analysis parameters (Ajustes).
    pub params: RwSignal<Params>,
    /// The workspace's data, prepared for the engine.
    pub prepared: RwSignal<Option<Arc<Prepared>>>,
    /// The engine's result for `prepared` and `params`.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// What the app is doing.
    pub status: RwSignal<Status>,
}

impl AppState {
    /// Creates the state and recomputes the analysis whenever data or parameters change.
    pub fn new() -> Self {
        let state = AppState {
            lang: RwSignal::new(Lang::Es),
            currency: RwSignal::new("S/"),
            params: RwSignal::new(Params::default()),
            prepared: RwSignal::new(None),
            analysis: RwSignal::new(None),
            status: RwSignal::new(Status::Opening),
        };
        Effect::new(move |_| {
            let prepared = state.prepared.get();
            let params = state.params.get();
            state
                .analysis
                .set(prepared.map(|p| Arc::new(p.analyze(&params))));
        });
        state
    }

    /// Makes `data` the current dataset.
    pub fn set_data(&self, data: &Dataset) {
        self.prepared.set(Some(Arc::new(Prepared::new(data))));
        self.status.set(Status::Ready);
    }

    /// The state provided by [`super::App`].
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
