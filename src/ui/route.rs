//! The app's pages and their addresses. Routes live in the URL's fragment (`#/datos`) so that
//! `dist/` works from any folder of any static host: reloading never asks the server for a path
//! it does not have. The customer list takes its drill-down selection as a query
//! (`#/clientes?ver=segment:at_risk`, see [`crate::selection`]).

use crate::selection::Selection;
use leptos::prelude::*;

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Resumen: key figures, trend, Pareto and findings.
    Summary,
    /// RFV: score distributions, R×F heatmap, segments.
    Rfv,
    /// Pirámide: tiers, migration, editable cuts.
    Pyramid,
    /// Satisfacción: zones, quadrants, NPS, SERVQUAL.
    Satisfaction,
    /// Fuga y valor: overdue customers, P(alive), CLV, value classes.
    Churn,
    /// Clientes: the customer list (and the drill-down target).
    Customers,
    /// Campañas: target lists built from filters, saved and exported.
    Campaigns,
    /// Datos: import, workspaces, storage.
    Data,
    /// Ajustes: analysis parameters, currency, language.
    Settings,
    /// Presentación: the diagnosis as full-screen slides (not in the menu).
    Presentation,
    /// Informe: the diagnosis as a printable report (not in the menu).
    Report,
}

impl Route {
    /// Every page: the menu's, in menu order, then the presentation and the report.
    pub const ALL: [Route; 11] = [
        Route::Summary,
        Route::Rfv,
        Route::Pyramid,
        Route::Satisfaction,
        Route::Churn,
        Route::Customers,
        Route::Campaigns,
        Route::Data,
        Route::Settings,
        Route::Presentation,
        Route::Report,
    ];

    /// The page a fragment names (unknown fragments open the summary).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = path.split('?').next().unwrap_or_default();
        Route::ALL
            .into_iter()
            .find(|r| r.href()[1..] == *path)
            .unwrap_or(Route::Summary)
    }

    /// The fragment of the page.
    pub fn href(self) -> &'static str {
        match self {
            Route::Summary => "#/resumen",
            Route::Rfv => "#/rfv",
            Route::Pyramid => "#/piramide",
            Route::Satisfaction => "#/satisfaccion",
            Route::Churn => "#/fuga",
            Route::Customers => "#/clientes",
            Route::Campaigns => "#/campanas",
            Route::Data => "#/datos",
            Route::Settings => "#/ajustes",
            Route::Presentation => "#/presentacion",
            Route::Report => "#/informe",
        }
    }

    /// The locale key of the menu label.
    pub fn label_key(self) -> &'static str {
        match self {
            Route::Summary => "nav.summary",
            Route::Rfv => "nav.rfv",
            Route::Pyramid => "nav.pyramid",
            Route::Satisfaction => "nav.satisfaction",
            Route::Churn => "nav.churn",
            Route::Customers => "nav.customers",
            Route::Campaigns => "nav.campaigns",
            Route::Data => "nav.data",
            Route::Settings => "nav.settings",
            Route::Presentation => "nav.presentation",
            Route::Report => "nav.report",
        }
    }

    /// Whether the page is in the header menu (the presentation and the report open from
    /// buttons, and hide the header).
    pub fn in_menu(self) -> bool {
        !matches!(self, Route::Presentation | Route::Report)
    }

    /// Whether the page shows analysis results (and so needs data).
    pub fn needs_data(self) -> bool {
        !matches!(self, Route::Data | Route::Settings)
    }
}

/// The address of the customer list showing `selection`.
pub fn customers_href(selection: Selection) -> String {
    format!("{}?ver={}", Route::Customers.href(), selection.to_query())
}

/// Opens the customer list showing `selection` (a drill-down from a chart).
pub fn open_customers(selection: Selection) {
    let _ = window()
        .location()
        .set_hash(&customers_href(selection)[1..]);
}

/// The selection in the address (`?ver=…`); every customer when there is none.
pub fn selection_of(hash: &str) -> Selection {
    hash.split_once('?')
        .and_then(|(_, query)| query.split('&').find_map(|kv| kv.strip_prefix("ver=")))
        .and_then(Selection::from_query)
        .unwrap_or(Selection::All)
}

/// The current address fragment, following the address bar.
pub fn use_hash() -> ReadSignal<String> {
    let current = || window().location().hash().unwrap_or_default();
    let (hash, set_hash) = signal(current());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| set_hash.set(current()));
    on_cleanup(move || listener.remove());
    hash
}

/// The address of the card of customer `id`, keeping the list it was opened from.
pub fn card_href(selection: Selection, id: &str) -> String {
    format!(
        "{}&id={}",
        customers_href(selection),
        String::from(js_sys::encode_uri_component(id))
    )
}

/// The customer whose card the address opens (`&id=…`), if any.
pub fn customer_of(hash: &str) -> Option<String> {
    let (_, query) = hash.split_once('?')?;
    let id = query.split('&').find_map(|kv| kv.strip_prefix("id="))?;
    js_sys::decode_uri_component(id).ok().map(String::from)
}
