//! Satisfacción: zones, satisfaction × loyalty quadrants, NPS and SERVQUAL gaps (DOMAIN.md §4).
//! Without surveys the page explains which file to add and with which columns.

use crate::charts::satisfaction::{self as charts, ScatterRule};
use crate::engine::Analysis;
use crate::format;
use crate::i18n::plural;
use crate::ui::components::KpiCard;
use crate::ui::components::TableCsv;
use crate::ui::route::{Route, open_customers};
use crate::ui::{AppState, ChartCard, ChartClick};
use charming::Chart;
use leptos::prelude::*;
use rust_i18n::t;
use std::sync::Arc;

/// The satisfaction page.
#[component]
pub fn Satisfaction() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let has_surveys = move || {
        state
            .dataset
            .with(|d| d.as_ref().is_some_and(|d| !d.surveys.is_empty()))
    };
    view! {
        <section class="page satisfaction">
            <h1 class="page__title">{move || t!("nav.satisfaction", locale = lang.get().code()).into_owned()}</h1>
            <p class="page__subtitle">{move || t!("satisfaction.subtitle", locale = lang.get().code()).into_owned()}</p>
            <Show when=has_surveys fallback=NoSurveys>
                <Diagnosis />
            </Show>
        </section>
    }
}

/// What to add when no survey was imported.
#[component]
fn NoSurveys() -> impl IntoView {
    let lang = AppState::expect().lang;
    let l = move || lang.get().code();
    view! {
        <div class="panel satisfaction__empty" data-testid="satisfaction-empty">
            <h2 class="panel__title">{move || t!("satisfaction.empty_title", locale = l()).into_owned()}</h2>
            <p>{move || t!("satisfaction.empty_text", locale = l()).into_owned()}</p>
            <p class="satisfaction__columns-title">{move || t!("satisfaction.empty_columns", locale = l()).into_owned()}</p>
            <ul class="satisfaction__columns">
                <li>{move || t!("satisfaction.empty_required", locale = l()).into_owned()}</li>
                <li>{move || t!("satisfaction.empty_optional", locale = l()).into_owned()}</li>
            </ul>
            <p class="satisfaction__example"><code>{move || t!("satisfaction.empty_example", locale = l()).into_owned()}</code></p>
            <a class="button button--primary" href=Route::Data.href() data-testid="satisfaction-go-data">
                {move || t!("satisfaction.empty_action", locale = l()).into_owned()}
            </a>
        </div>
    }
}

/// The charts, once surveys exist.
#[component]
fn Diagnosis() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let l = move || lang.get().code();
    let analysis = state.analysis;
    // A chart of the current analysis, or an empty one while it is (re)computed.
    let chart = move |build: fn(&Analysis, crate::import::Lang) -> Chart| {
        Signal::derive(move || {
            analysis
                .get()
                .map(|a| build(&a, lang.get()))
                .unwrap_or_else(Chart::new)
        })
    };
    let with = move |f: fn(&Analysis, crate::import::Lang) -> String| {
        Signal::derive(move || {
            analysis
                .get()
                .map(|a| f(&a, lang.get()))
                .unwrap_or_default()
        })
    };

    let zones = chart(|a, lang| charts::zone_chart(&a.zones, lang));
    let quadrants = chart(|a, lang| charts::quadrant_chart(&a.quadrants, lang));
    let nps = chart(|a, lang| charts::nps_chart(&a.nps, lang));
    let servqual = chart(|a, lang| charts::servqual_chart(&a.servqual, lang));
    let scatter = Signal::derive(move || {
        let Some(a) = analysis.get() else {
            return Chart::new();
        };
        let params = state.params.read();
        let rule = ScatterRule {
            scale: a.survey_scale,
            satisfied_when: params.satisfied_when,
            loyalty_threshold: params.loyalty_threshold,
        };
        charts::quadrant_scatter(&a.customers, &a.quadrants, rule, lang.get())
    });

    let zones_label = with(|a, lang| {
        let z = &a.zones;
        t!(
            "satisfaction.zones_label",
            locale = lang.code(),
            defection = format::count(z.defection, lang),
            indifference = format::count(z.indifference, lang),
            affection = format::count(z.affection, lang)
        )
        .into_owned()
    });
    let zones_help = with(|a, lang| {
        plural(
            t!(
                "satisfaction.zones_help",
                locale = lang.code(),
                none = format::count(a.zones.no_survey, lang)
            ),
            &[("none", a.zones.no_survey)],
        )
    });
    let quadrants_label = with(|a, lang| {
        let q = &a.quadrants;
        t!(
            "satisfaction.quadrants_label",
            locale = lang.code(),
            apostle = format::count(q.apostle, lang),
            mercenary = format::count(q.mercenary, lang),
            hostage = format::count(q.hostage, lang),
            terrorist = format::count(q.terrorist, lang)
        )
        .into_owned()
    });
    let scatter_label = with(|a, lang| {
        let q = &a.quadrants;
        t!(
            "satisfaction.scatter_label",
            locale = lang.code(),
            apostle = format::count(q.apostle, lang),
            mercenary = format::count(q.mercenary, lang),
            hostage = format::count(q.hostage, lang),
            terrorist = format::count(q.terrorist, lang)
        )
        .into_owned()
    });
    let scatter_help = Signal::derive(move || {
        let lang = lang.get();
        let Some(a) = analysis.get() else {
            return String::new();
        };
        let params = state.params.read();
        let mut help = t!(
            "satisfaction.scatter_help",
            locale = lang.code(),
            satisfied = format::number(
                charts::satisfied_from(a.survey_scale, params.satisfied_when),
                2,
                lang
            )
            .trim_end_matches('0')
            .trim_end_matches([',', '.']),
            loyal = format::number(params.loyalty_threshold, 1, lang)
        )
        .into_owned();
        let unplaced = charts::unplaced(&a.customers);
        if unplaced > 0 {
            help.push(' ');
            help.push_str(&plural(
                t!(
                    "satisfaction.scatter_unplaced",
                    locale = lang.code(),
                    n = format::count(unplaced, lang)
                ),
                &[("n", unplaced)],
            ));
        }
        help
    });
    let nps_label = with(|a, lang| {
        let n = &a.nps;
        t!(
            "satisfaction.nps_label",
            locale = lang.code(),
            detractors = format::count(n.detractors, lang),
            passives = format::count(n.passives, lang),
            promoters = format::count(n.promoters, lang)
        )
        .into_owned()
    });
    let nps_help = with(|a, lang| {
        let n = &a.nps;
        let answered = n.promoters + n.passives + n.detractors;
        plural(
            t!(
                "satisfaction.nps_help",
                locale = lang.code(),
                n = format::count(answered, lang)
            ),
            &[("n", answered)],
        )
    });

    let kpi_surveyed = with(|a, lang| {
        let z = &a.zones;
        format::count(z.defection + z.indifference + z.affection, lang)
    });
    let kpi_nps = with(|a, lang| match a.nps.score {
        Some(score) => format::number(score, 1, lang),
        None => t!("satisfaction.no_nps", locale = lang.code()).into_owned(),
    });
    let kpi_affection = with(|a, lang| format::count(a.zones.affection, lang));
    let kpi_apostles = with(|a, lang| format::count(a.quadrants.apostle, lang));
    let has_nps = move || analysis.with(|a| a.as_ref().is_some_and(|a| a.nps.score.is_some()));
    let has_servqual = move || {
        analysis.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.servqual.iter().any(|g| g.gap.is_some()))
        })
    };

    let open = |target: fn(&ChartClick) -> Option<crate::selection::Selection>| {
        Callback::new(move |click: ChartClick| {
            if let Some(selection) = target(&click) {
                open_customers(selection);
            }
        })
    };
    let title = move |key: &'static str| Signal::derive(move || t!(key, locale = l()).into_owned());

    view! {
        <div class="kpi-grid">
            <KpiCard testid="kpi-surveyed" label=title("satisfaction.kpi_surveyed") value=kpi_surveyed />
            <KpiCard testid="kpi-nps" label=title("satisfaction.kpi_nps") value=kpi_nps />
            <KpiCard testid="kpi-affection" label=title("satisfaction.kpi_affection") value=kpi_affection />
            <KpiCard testid="kpi-apostles" label=title("satisfaction.kpi_apostles") value=kpi_apostles />
        </div>
        <div class="page-grid">
            <ChartCard
                title=title("satisfaction.zones_title")
                help=zones_help
                chart=zones
                label=zones_label
                testid="chart-zones"
                on_click=open(|c| charts::zone_target(c.data_index))
            />
            <ChartCard
                title=title("satisfaction.quadrants_title")
                help=title("satisfaction.quadrants_help")
                chart=quadrants
                label=quadrants_label
                testid="chart-quadrants"
                on_click=open(|c| charts::quadrant_target(c.data_index))
            />
        </div>
        <ChartCard
            class="satisfaction__scatter"
            title=title("satisfaction.scatter_title")
            help=scatter_help
            chart=scatter
            label=scatter_label
            testid="chart-scatter"
            on_click=open(|c| charts::scatter_target(c.series_index))
        />
        <div class="page-grid">
            <Show
                when=has_nps
                fallback=move || view! {
                    <section class="panel">
                        <h2 class="panel__title">{move || t!("satisfaction.nps_title", locale = l()).into_owned()}</h2>
                        <p class="notice" data-testid="nps-missing">{move || t!("satisfaction.nps_missing", locale = l()).into_owned()}</p>
                    </section>
                }
            >
                <ChartCard
                    title=title("satisfaction.nps_title")
                    help=nps_help
                    chart=nps
                    label=nps_label
                    testid="chart-nps"
                />
            </Show>
            <Show
                when=has_servqual
                fallback=move || view! {
                    <section class="panel">
                        <h2 class="panel__title">{move || t!("satisfaction.servqual_title", locale = l()).into_owned()}</h2>
                        <p class="notice" data-testid="servqual-missing">{move || t!("satisfaction.servqual_missing", locale = l()).into_owned()}</p>
                    </section>
                }
            >
                <ChartCard
                    title=title("satisfaction.servqual_title")
                    help=title("satisfaction.servqual_help")
                    chart=servqual
                    label=title("satisfaction.servqual_label")
                    testid="chart-servqual"
                />
            </Show>
        </div>
        <Show when=has_servqual>
            <ServqualTable analysis=analysis />
        </Show>
    }
}

/// Expectation, perception and gap per SERVQUAL dimension, as numbers.
#[component]
fn ServqualTable(analysis: Memo<Option<Arc<Analysis>>>) -> impl IntoView {
    let lang = AppState::expect().lang;
    let l = move || lang.get().code();
    let rows = move || {
        let lang = lang.get();
        let decimal =
            move |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format::number(v, 2, lang));
        analysis
            .get()
            .map(|a| a.servqual.clone())
            .unwrap_or_default()
            .into_iter()
            .map(|g| {
                let short = g.gap.is_some_and(|v| v < 0.0);
                view! {
                    <tr>
                        <th scope="row">{charts::dimension_name(&g.dimension)}</th>
                        <td class="satisfaction__num">{decimal(g.expectation)}</td>
                        <td class="satisfaction__num">{decimal(g.perception)}</td>
                        <td class="satisfaction__num" class:satisfaction__gap--short=short>{decimal(g.gap)}</td>
                        <td class="satisfaction__num">{format::count(g.answers, lang)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel">
            <header class="chart-card__header chart-card__header--end">
                <TableCsv table="servqual-table" title=Signal::derive(move || t!("satisfaction.servqual_title", locale = l()).into_owned()) />
            </header>
            <div class="table-scroll">
                <table class="table" data-testid="servqual-table">
                    <caption class="satisfaction__caption">{move || t!("satisfaction.servqual_table", locale = l()).into_owned()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t!("satisfaction.dimension", locale = l()).into_owned()}</th>
                            <th scope="col" class="satisfaction__num">{move || t!("satisfaction.expectation", locale = l()).into_owned()}</th>
                            <th scope="col" class="satisfaction__num">{move || t!("satisfaction.perception", locale = l()).into_owned()}</th>
                            <th scope="col" class="satisfaction__num">{move || t!("satisfaction.gap", locale = l()).into_owned()}</th>
                            <th scope="col" class="satisfaction__num">{move || t!("satisfaction.answers", locale = l()).into_owned()}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
