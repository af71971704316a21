//! The app's pages and their addresses. Routes live in the URL's fragment (`#/datos`) so that
//! `dist/` works from any folder of any static host: reloading never asks the server for a path
//! it does not have.

use leptos::prelude::*;

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Resumen: key figures and charts.
    Summary,
    /// Datos: import, workspaces, storage.
    Data,
}

impl Route {
    /// Every page, in menu order.
    pub const ALL: [Route; 2] = [Route::Summary, Route::Data];

    /// The page a fragment names (unknown fragments open the summary).
    pub fn from_hash(hash: &str) -> Route {
        match hash.trim_start_matches('#').trim_start_matches('/') {
            "datos" => Route::Data,
            _ => Route::Summary,
        }
    }

    /// The fragment of the page.
    pub fn href(self) -> &'static str {
        match self {
            Route::Summary => "#/resumen",
            Route::Data => "#/datos",
        }
    }

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Route::Summary => "Resumen",
            Route::Data => "Datos",
        }
    }
}

/// The current route, following the address bar.
pub fn use_route() -> ReadSignal<Route> {
    let current = || Route::from_hash(&window().location().hash().unwrap_or_default());
    let (route, set_route) = signal(current());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| set_route.set(current()));
    on_cleanup(move || listener.remove());
    route
}
