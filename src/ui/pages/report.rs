//! Informe: the diagnosis as a printable multi-page report.
//!
//! Cover (client, date, key figures), findings, the charts of the diagnosis
//! ([`crate::slides::report_charts`]), the segment and tier tables and the recommended campaign
//! per segment. style/report.css lays it out on A4 pages (`@media print`, `@page`); the charts
//! are drawn at a fixed width that fits the printed page. "Imprimir" calls `window.print()`.

use crate::findings::findings;
use crate::format;
use crate::import::Lang;
use crate::selection::{segment_name, tier_name};
use crate::slides::{self, ChartKind, campaign_action};
use crate::ui::components::KpiCard;
use crate::ui::route::Route;
use crate::ui::{AppState, EChart};
use charming::Chart;
use leptos::prelude::*;
use rust_i18n::t;

/// One chart of the report, with its title.
#[component]
fn ReportChart(kind: ChartKind) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let chart = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| slides::chart(kind, &a, lang.get(), state.currency.get()))
            .unwrap_or_else(Chart::new)
    });
    view! {
        <figure class=format!("informe__figure informe__figure--{}", kind.slug())>
            <figcaption class="informe__figure-title">{move || kind.title(lang.get())}</figcaption>
            <EChart chart=chart label=Signal::derive(move || kind.label(lang.get())) testid=format!("report-chart-{}", kind.slug()) />
        </figure>
    }
}

/// The report page.
#[component]
pub fn Report() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let analysis = state.analysis;
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let label = move |key: &'static str| Signal::derive(text(key));

    let client = move || {
        state
            .workspace
            .get()
            .map(|w| w.name)
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| {
                t!("presentation.client_unknown", locale = lang.get().code()).into_owned()
            })
    };
    let date = move || {
        analysis.get().map(|a| {
            t!(
                "presentation.date",
                locale = lang.get().code(),
                date = format::date(a.as_of, lang.get())
            )
            .into_owned()
        })
    };
    let window_line = move || {
        analysis.get().map(|a| {
            t!(
                "presentation.window",
                locale = lang.get().code(),
                start = format::date(a.window_start + 1, lang.get()),
                end = format::date(a.as_of, lang.get())
            )
            .into_owned()
        })
    };
    let figure = move |f: fn(&crate::engine::Kpis, Lang, &str) -> String| {
        Signal::derive(move || {
            analysis
                .get()
                .map(|a| f(&a.kpis, lang.get(), state.currency.get()))
                .unwrap_or_default()
        })
    };
    let list = Memo::new(move |_| {
        let profiles = state.dataset.get();
        analysis
            .get()
            .map(|a| findings(&a, profiles.as_ref().map_or(&[][..], |d| &d.customers)))
            .unwrap_or_default()
    });
    let charts = Memo::new(move |_| {
        analysis
            .get()
            .map(|a| slides::report_charts(&a))
            .unwrap_or_default()
    });

    let segment_rows = move || {
        let Some(a) = analysis.get() else {
            return Vec::new();
        };
        let (l, c) = (lang.get(), state.currency.get());
        a.segments
            .iter()
            .filter(|r| r.customers > 0)
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row">{segment_name(r.segment, l)}</th>
                        <td class="num">{format::count(r.customers, l)}</td>
                        <td class="num">{format::percent(r.customers_share, l)}</td>
                        <td class="num">{format::money(r.value, c, l)}</td>
                        <td class="num">{format::percent(r.value_share, l)}</td>
                        <td class="num">{format::number(r.mean_r, 0, l)}</td>
                        <td class="num">{format::number(r.mean_f, 1, l)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let tier_rows = move || {
        let Some(a) = analysis.get() else {
            return Vec::new();
        };
        let (l, c) = (lang.get(), state.currency.get());
        a.pyramid
            .tiers
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row">{tier_name(r.tier, l)}</th>
                        <td class="num">{format::count(r.customers, l)}</td>
                        <td class="num">{format::percent(r.customers_share, l)}</td>
                        <td class="num">{format::money(r.value, c, l)}</td>
                        <td class="num">{format::percent(r.value_share, l)}</td>
                        <td class="num">{format::money(r.average_ticket, c, l)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    let inactive = move || {
        analysis
            .get()
            .map(|a| format::count(a.pyramid.inactive_customers, lang.get()))
    };
    let campaign_rows = move || {
        let Some(a) = analysis.get() else {
            return Vec::new();
        };
        let l = lang.get();
        slides::campaigns(&a)
            .into_iter()
            .map(|(segment, customers)| {
                view! {
                    <tr>
                        <th scope="row">{segment_name(segment, l)}</th>
                        <td class="num">{format::count(customers, l)}</td>
                        <td>{campaign_action(segment, l)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        <article class="page informe" data-testid="report">
            <div class="informe__toolbar">
                <button class="button button--primary" data-testid="report-print" on:click=move |_| {
                    let _ = window().print();
                }>
                    {text("report.print")}
                </button>
                <a class="button" href=Route::Summary.href()>{text("report.back")}</a>
                <p class="informe__hint">{text("report.hint")}</p>
            </div>

            <section class="informe__section informe__cover" aria-labelledby="report-client">
                <p class="informe__kicker">{text("presentation.diagnosis")}</p>
                <h1 class="informe__client" id="report-client" data-testid="report-client">{client}</h1>
                <p class="informe__date" data-testid="report-date">{date}</p>
                <p class="informe__window">{window_line}</p>
                <h2 class="informe__heading">{text("report.kpis_title")}</h2>
                <div class="kpi-grid informe__kpis">
                    <KpiCard testid="report-kpi-active" label=label("report.kpi.active") value=figure(|k, l, _| format::count(k.active_customers, l)) />
                    <KpiCard testid="report-kpi-value" label=label("report.kpi.value") value=figure(|k, l, c| format::money(k.value, c, l)) />
                    <KpiCard testid="report-kpi-ticket" label=label("report.kpi.ticket") value=figure(|k, l, c| format::money(k.average_ticket, c, l)) />
                    <KpiCard testid="report-kpi-frequency" label=label("report.kpi.frequency") value=figure(|k, l, _| format::number(k.purchases_per_customer, 1, l)) />
                    <KpiCard testid="report-kpi-retention" label=label("report.kpi.retention") value=figure(|k, l, _| k.retention_rate.map_or_else(|| "—".to_owned(), |r| format::percent(r, l))) />
                    <KpiCard testid="report-kpi-top20" label=label("report.kpi.top20") value=figure(|k, l, _| format::percent(k.top20_value_share, l)) />
                </div>
                <p class="informe__prepared">{text("report.prepared")}</p>
            </section>

            <section class="informe__section informe__findings" aria-labelledby="report-findings">
                <h2 class="informe__heading" id="report-findings">{text("report.findings_title")}</h2>
                <Show when=move || !list.get().is_empty() fallback=move || view! { <p>{text("report.findings_none")}</p> }>
                    <ol class="informe__finding-list" data-testid="report-findings">
                        {move || {
                            let (l, c) = (lang.get(), state.currency.get());
                            list.get()
                                .into_iter()
                                .map(|f| {
                                    let words = f.text(l, c);
                                    view! {
                                        <li class="informe__finding" data-testid=format!("report-finding-{}", f.slug())>
                                            <p class="informe__finding-headline">{words.headline}</p>
                                            <p class="informe__finding-detail">{words.detail}</p>
                                        </li>
                                    }
                                })
                                .collect::<Vec<_>>()
                        }}
                    </ol>
                </Show>
            </section>

            <section class="informe__section informe__charts" aria-labelledby="report-charts">
                <h2 class="informe__heading" id="report-charts">{text("report.charts_title")}</h2>
                <For each=move || charts.get() key=|k| k.slug() let:kind>
                    <ReportChart kind=kind />
                </For>
            </section>

            <section class="informe__section informe__tables" aria-labelledby="report-segments">
                <h2 class="informe__heading" id="report-segments">{text("report.segments_title")}</h2>
                <table class="table informe__table" data-testid="report-segments">
                    <caption class="visually-hidden">{text("report.segments_title")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{text("report.col.segment")}</th>
                            <th scope="col" class="num">{text("report.col.customers")}</th>
                            <th scope="col" class="num">{text("report.col.customers_share")}</th>
                            <th scope="col" class="num">{text("report.col.value")}</th>
                            <th scope="col" class="num">{text("report.col.value_share")}</th>
                            <th scope="col" class="num">{text("report.col.recency")}</th>
                            <th scope="col" class="num">{text("report.col.frequency")}</th>
                        </tr>
                    </thead>
                    <tbody>{segment_rows}</tbody>
                </table>
                <h2 class="informe__heading" id="report-tiers">{text("report.tiers_title")}</h2>
                <table class="table informe__table" data-testid="report-tiers" aria-labelledby="report-tiers">
                    <thead>
                        <tr>
                            <th scope="col">{text("report.col.tier")}</th>
                            <th scope="col" class="num">{text("report.col.customers")}</th>
                            <th scope="col" class="num">{text("report.col.customers_share")}</th>
                            <th scope="col" class="num">{text("report.col.value")}</th>
                            <th scope="col" class="num">{text("report.col.value_share")}</th>
                            <th scope="col" class="num">{text("report.col.ticket")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tier_rows}
                        <tr>
                            <th scope="row">{text("report.inactive_row")}</th>
                            <td class="num">{inactive}</td>
                            <td></td><td></td><td></td><td></td>
                        </tr>
                    </tbody>
                </table>
            </section>

            <section class="informe__section informe__campaigns" aria-labelledby="report-campaigns">
                <h2 class="informe__heading" id="report-campaigns">{text("report.campaigns_title")}</h2>
                <table class="table informe__table" data-testid="report-campaigns" aria-labelledby="report-campaigns">
                    <thead>
                        <tr>
                            <th scope="col">{text("report.col.segment")}</th>
                            <th scope="col" class="num">{text("report.col.customers")}</th>
                            <th scope="col">{text("report.col.action")}</th>
                        </tr>
                    </thead>
                    <tbody>{campaign_rows}</tbody>
                </table>
            </section>
        </article>
    }
}
