//! RFV: score distributions, the R×F heatmap, the segment treemap and table, and the
//! definitions of recency, frequency, value and the segments.

use crate::charts::rfv::{
    TreemapSize, heatmap_target, rf_heatmap, score_distributions, segment_tiles,
};
use crate::engine::{Analysis, Scoring, Segment};
use crate::format;
use crate::i18n::plural;
use crate::selection::{Selection, segment_name, segment_slug};
use crate::ui::components::TableCsv;
use crate::ui::route::{customers_href, open_customers};
use crate::ui::{AppState, ChartCard, ChartClick};
use leptos::prelude::*;
use rust_i18n::t;
use std::sync::Arc;

/// Width / height of the treemap (the CSS `aspect-ratio` of `.rfv-treemap`).
const TREEMAP_ASPECT: f64 = 3.0;

/// The RFV page.
#[component]
pub fn Rfv() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| {
        Signal::derive(move || t!(key, locale = lang.get().code()).into_owned())
    };

    let subtitle = move || {
        let a = state.analysis.get()?;
        let l = lang.get();
        Some(plural(
            t!(
                "rfv.subtitle",
                locale = l.code(),
                customers = format::count(a.kpis.active_customers, l),
                from = format::date(a.window_start + 1, l),
                to = format::date(a.as_of, l)
            ),
            &[("customers", a.kpis.active_customers)],
        ))
    };
    let distributions = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| score_distributions(&a.score_distributions, lang.get(), state.currency.get()))
            .unwrap_or_default()
    });
    let heatmap = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| rf_heatmap(&a.rf_heatmap, lang.get(), state.currency.get()))
            .unwrap_or_default()
    });
    let open_cell = Callback::new(move |click: ChartClick| {
        if let Some(selection) = heatmap_target(&click.value) {
            open_customers(selection);
        }
    });

    view! {
        <section class="page rfv">
            <h1 class="page__title">{tr("rfv.title")}</h1>
            <p class="page__subtitle" data-testid="rfv-subtitle">{subtitle}</p>
            <div class="page-grid">
                <ChartCard
                    title=tr("rfv.distributions_title")
                    help=tr("rfv.distributions_help")
                    label=tr("rfv.distributions_label")
                    chart=distributions
                    testid="chart-rfv-scores"
                />
                <ChartCard
                    title=tr("rfv.heatmap_title")
                    help=tr("rfv.heatmap_help")
                    label=tr("rfv.heatmap_label")
                    chart=heatmap
                    testid="chart-rf-heatmap"
                    on_click=open_cell
                />
            </div>
            <SegmentTreemap />
            <SegmentTable />
            <Definitions />
        </section>
    }
}

/// The segments as tiles whose area follows their customers or their value; each tile links
/// to the segment's customers.
#[component]
fn SegmentTreemap() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let size = RwSignal::new(TreemapSize::Customers);
    let tr = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let help = move || match size.get() {
        TreemapSize::Customers => tr("rfv.treemap_help_customers")(),
        TreemapSize::Value => tr("rfv.treemap_help_value")(),
    };
    let tiles = move || {
        let Some(a) = state.analysis.get() else {
            return Vec::new();
        };
        let l = lang.get();
        segment_tiles(&a.segments, size.get(), TREEMAP_ASPECT)
            .into_iter()
            .filter_map(|(segment, rect)| {
                let row = a.segments.iter().find(|r| r.segment == segment)?.clone();
                let name = segment_name(segment, l);
                let text = plural(
                    t!(
                        "rfv.tile_text",
                        locale = l.code(),
                        segment = name.clone(),
                        customers = format::count(row.customers, l),
                        customers_share = format::percent(row.customers_share, l),
                        value_share = format::percent(row.value_share, l)
                    ),
                    &[("customers", row.customers)],
                );
                let figure = match size.get() {
                    TreemapSize::Customers => plural(
                        t!(
                            "rfv.tile_customers",
                            locale = l.code(),
                            customers = format::count(row.customers, l)
                        ),
                        &[("customers", row.customers)],
                    ),
                    TreemapSize::Value => format::percent(row.value_share, l),
                };
                let style = format!(
                    "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%;background:{}",
                    rect.x * 100.0,
                    rect.y * 100.0,
                    rect.w * 100.0,
                    rect.h * 100.0,
                    crate::charts::palette::segment(segment)
                );
                // Small tiles keep their link and tooltip but hide the text that cannot fit.
                let small = rect.w * TREEMAP_ASPECT < 0.12 || rect.h < 0.12;
                Some(view! {
                    <a
                        class="rfv-treemap__tile"
                        class:rfv-treemap__tile--small=small
                        style=style
                        href=customers_href(Selection::Segment(segment))
                        title=text
                        data-testid=format!("treemap-{}", segment_slug(segment))
                    >
                        <span class="rfv-treemap__name">{name}</span>
                        <span class="rfv-treemap__figure">{figure}</span>
                    </a>
                })
            })
            .collect::<Vec<_>>()
    };
    let button = move |value: TreemapSize, key: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class="button button--small"
                class:rfv-treemap__toggle--on=move || size.get() == value
                aria-pressed=move || (size.get() == value).to_string()
                data-testid=testid
                on:click=move |_| size.set(value)
            >
                {tr(key)}
            </button>
        }
    };
    view! {
        <section class="panel rfv-treemap-panel">
            <header class="rfv-treemap__header">
                <h2 class="panel__title">{tr("rfv.treemap_title")}</h2>
                <div class="rfv-treemap__toggle" role="group" aria-label=tr("rfv.treemap_size")>
                    <span class="field__label">{tr("rfv.treemap_size")}</span>
                    {button(TreemapSize::Customers, "rfv.treemap_by_customers", "treemap-by-customers")}
                    {button(TreemapSize::Value, "rfv.treemap_by_value", "treemap-by-value")}
                </div>
            </header>
            <p class="panel__help">{help}</p>
            <nav class="rfv-treemap" aria-label=tr("rfv.treemap_label") data-testid="rfv-treemap">
                {tiles}
            </nav>
        </section>
    }
}

/// The segment table: counts, shares, value and the mean recency, frequency and value.
#[component]
fn SegmentTable() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let rows = move || {
        let a: Arc<Analysis> = state.analysis.get()?;
        let l = lang.get();
        let c = state.currency.get();
        let body = a
            .segments
            .iter()
            .map(|row| {
                let name = segment_name(row.segment, l);
                let link_label = t!("rfv.open_segment", locale = l.code(), segment = name.clone())
                    .into_owned();
                let slug = segment_slug(row.segment);
                view! {
                    <tr data-testid=format!("segment-row-{slug}")>
                        <th scope="row">
                            <span class="rfv-swatch" style=format!("background:{}", crate::charts::palette::segment(row.segment)) aria-hidden="true"></span>
                            <a href=customers_href(Selection::Segment(row.segment)) aria-label=link_label>{name}</a>
                        </th>
                        <td class="num" data-col="customers">{format::count(row.customers, l)}</td>
                        <td class="num">{format::percent(row.customers_share, l)}</td>
                        <td class="num" data-col="value">{format::money(row.value, c, l)}</td>
                        <td class="num">{format::percent(row.value_share, l)}</td>
                        <td class="num">{format::number(row.mean_r, 0, l)}</td>
                        <td class="num">{format::number(row.mean_f, 1, l)}</td>
                        <td class="num">{format::money(row.mean_v, c, l)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let total = view! {
            <tr class="rfv-table__total">
                <th scope="row">{tr("rfv.total")}</th>
                <td class="num" data-testid="segment-total-customers">{format::count(a.kpis.active_customers, l)}</td>
                <td class="num">{format::percent(1.0, l)}</td>
                <td class="num" data-testid="segment-total-value">{format::money(a.kpis.value, c, l)}</td>
                <td class="num">{format::percent(1.0, l)}</td>
                <td></td>
                <td></td>
                <td></td>
            </tr>
        };
        Some((body, total))
    };
    let (body, total) = (move || rows().map(|r| r.0), move || rows().map(|r| r.1));
    view! {
        <section class="panel">
            <header class="chart-card__header">
                <h2 class="panel__title">{tr("rfv.table_title")}</h2>
                <TableCsv table="segment-table" title=Signal::derive(tr("rfv.table_title")) />
            </header>
            <div class="table-scroll">
                <table class="table rfv-table" data-testid="segment-table">
                    <caption class="visually-hidden">{tr("rfv.table_caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("rfv.col_segment")}</th>
                            <th scope="col" class="num">{tr("rfv.col_customers")}</th>
                            <th scope="col" class="num">{tr("rfv.col_customers_share")}</th>
                            <th scope="col" class="num">{tr("rfv.col_value")}</th>
                            <th scope="col" class="num">{tr("rfv.col_value_share")}</th>
                            <th scope="col" class="num">{tr("rfv.col_mean_r")}</th>
                            <th scope="col" class="num">{tr("rfv.col_mean_f")}</th>
                            <th scope="col" class="num">{tr("rfv.col_mean_v")}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
        </section>
    }
}

/// One sentence each for recency, frequency, value, the score and every segment.
#[component]
fn Definitions() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let months = move || state.params.with(|p| p.window_months);
    let with_months = move |key: &'static str| {
        move || t!(key, locale = lang.get().code(), months = months()).into_owned()
    };
    let score = move || {
        let key = if state
            .params
            .with(|p| matches!(p.scoring, Scoring::Thresholds { .. }))
        {
            "rfv.def_score_thresholds"
        } else {
            "rfv.def_score"
        };
        t!(key, locale = lang.get().code()).into_owned()
    };
    let segments = move || {
        let l = lang.get();
        Segment::ALL
            .iter()
            .map(|&s| {
                let slug = segment_slug(s);
                view! {
                    <dt class="rfv-definitions__segment">{segment_name(s, l)}</dt>
                    <dd>{t!(format!("rfv.seg.{slug}"), locale = l.code()).into_owned()}</dd>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel">
            <h2 class="panel__title">{tr("rfv.definitions_title")}</h2>
            <dl class="definitions rfv-definitions" data-testid="rfv-definitions">
                <dt>{tr("rfv.recency_axis")}</dt>
                <dd>{tr("rfv.def_recency")}</dd>
                <dt>{tr("rfv.frequency_axis")}</dt>
                <dd>{with_months("rfv.def_frequency")}</dd>
                <dt>{tr("rfv.value_axis")}</dt>
                <dd>{with_months("rfv.def_value")}</dd>
                <dt>{tr("rfv.def_score_term")}</dt>
                <dd>{score}</dd>
                <dt>{tr("rfv.def_segments_term")}</dt>
                <dd>{tr("rfv.def_segments")}</dd>
                {segments}
            </dl>
        </section>
    }
}
