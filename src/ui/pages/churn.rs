//! Fuga y valor: overdue customers, P(alive), CLV by segment and tier, the value classes and
//! the status of the BG/NBD and Gamma-Gamma fits (DOMAIN.md §5–6). A failed fit is explained
//! in one sentence instead of drawing empty charts.

use crate::charts::churn as charts;
use crate::engine::{Analysis, ClassSummary, Params};
use crate::format;
use crate::i18n::plural;
use crate::import::Lang;
use crate::model::Dataset;
use crate::selection::{Selection, ValueClass, class_name};
use crate::ui::components::KpiCard;
use crate::ui::components::TableCsv;
use crate::ui::route::{customers_href, open_customers};
use crate::ui::{AppState, ChartCard, ChartClick};
use charming::Chart;
use leptos::prelude::*;
use rust_i18n::t;
use std::collections::HashMap;
use std::sync::Arc;

/// Overdue customers listed on the page; the rest are one click away.
const OVERDUE_ROWS: usize = 50;

/// The churn page.
#[component]
pub fn Churn() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let l = move || lang.get().code();
    let analysis = state.analysis;
    let title = move |key: &'static str| Signal::derive(move || t!(key, locale = l()).into_owned());
    let with = move |f: fn(&Analysis, Lang, &str) -> String| {
        Signal::derive(move || {
            analysis
                .get()
                .map(|a| f(&a, lang.get(), state.currency.get()))
                .unwrap_or_default()
        })
    };
    let bgnbd_ok = move || analysis.with(|a| a.as_ref().is_some_and(|a| a.models.bgnbd.is_ok()));
    let clv_ok = move || {
        analysis.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.models.bgnbd.is_ok() && a.models.gamma_gamma.is_ok())
        })
    };

    let kpi_overdue = with(|a, lang, _| format::count(a.overdue.len(), lang));
    let kpi_clv = with(|a, lang, currency| {
        if a.models.bgnbd.is_ok() && a.models.gamma_gamma.is_ok() {
            format::money(a.clv_by_tier.iter().map(|g| g.clv).sum(), currency, lang)
        } else {
            t!("churn.not_available", locale = lang.code()).into_owned()
        }
    });
    let kpi_clv_customers =
        with(|a, lang, _| format::count(a.clv_by_tier.iter().map(|g| g.customers).sum(), lang));
    let kpi_one_time = with(|a, lang, _| format::count(a.p_alive_histogram.one_time_buyers, lang));

    let chart = move |build: fn(&Analysis, Lang, &str) -> Chart| {
        Signal::derive(move || {
            analysis
                .get()
                .map(|a| build(&a, lang.get(), state.currency.get()))
                .unwrap_or_else(Chart::new)
        })
    };
    let p_alive = chart(|a, lang, _| charts::p_alive_chart(&a.p_alive_histogram, lang));
    let by_segment = chart(|a, lang, c| charts::clv_segment_chart(&a.clv_by_segment, lang, c));
    let by_tier = chart(|a, lang, c| charts::clv_tier_chart(&a.clv_by_tier, lang, c));
    let p_alive_label = with(|a, lang, _| {
        plural(
            t!(
                "churn.p_alive_label",
                locale = lang.code(),
                one_time = format::count(a.p_alive_histogram.one_time_buyers, lang)
            ),
            &[("one_time", a.p_alive_histogram.one_time_buyers)],
        )
    });
    let segment_help = Signal::derive(move || {
        let lang = lang.get();
        t!(
            "churn.clv_segment_help",
            locale = lang.code(),
            discount = format::percent(state.params.read().monthly_discount, lang)
        )
        .into_owned()
    });
    let on_segment = Callback::new(move |click: ChartClick| {
        let target = analysis.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| charts::clv_segment_target(&a.clv_by_segment, click.data_index))
        });
        if let Some(selection) = target {
            open_customers(selection);
        }
    });
    let on_tier = Callback::new(move |click: ChartClick| {
        let target = analysis.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| charts::clv_tier_target(&a.clv_by_tier, click.data_index))
        });
        if let Some(selection) = target {
            open_customers(selection);
        }
    });

    view! {
        <section class="page churn">
            <h1 class="page__title">{move || t!("nav.churn", locale = l()).into_owned()}</h1>
            <p class="page__subtitle">{move || t!("churn.subtitle", locale = l()).into_owned()}</p>
            <div class="kpi-grid">
                <KpiCard testid="kpi-overdue" label=title("churn.kpi_overdue") value=kpi_overdue />
                <KpiCard testid="kpi-clv" label=title("churn.kpi_clv") value=kpi_clv />
                <KpiCard testid="kpi-clv-customers" label=title("churn.kpi_clv_customers") value=kpi_clv_customers />
                <KpiCard testid="kpi-one-time" label=title("churn.kpi_one_time") value=kpi_one_time />
            </div>
            <ModelStatus />
            <Show when=bgnbd_ok>
                <div class="page-grid">
                    <ChartCard
                        title=title("churn.p_alive_title")
                        help=title("churn.p_alive_help")
                        chart=p_alive
                        label=p_alive_label
                        testid="chart-p-alive"
                    />
                    <Show when=clv_ok>
                        <ChartCard
                            title=title("churn.clv_tier_title")
                            help=title("churn.clv_tier_help")
                            chart=by_tier
                            label=title("churn.clv_tier_label")
                            testid="chart-clv-tier"
                            on_click=on_tier
                        />
                    </Show>
                </div>
            </Show>
            <Show when=clv_ok>
                <ChartCard
                    class="churn__segments"
                    title=title("churn.clv_segment_title")
                    help=segment_help
                    chart=by_segment
                    label=title("churn.clv_segment_label")
                    testid="chart-clv-segment"
                    on_click=on_segment
                />
            </Show>
            <ValueClasses />
            <Overdue />
        </section>
    }
}

/// Whether the models fitted, in plain words.
#[component]
fn ModelStatus() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let lines = move || {
        let lang = lang.get();
        let l = lang.code();
        let Some(a) = state.analysis.get() else {
            return Vec::new();
        };
        let m = &a.models;
        let mut ok = Vec::new();
        let mut failed = Vec::new();
        match &m.bgnbd {
            Ok(fit) => ok.push(
                t!(
                    "churn.bgnbd_ok",
                    locale = l,
                    n = format::count(fit.customers, lang),
                    repeat = format::count(fit.repeat_buyers, lang)
                )
                .into_owned(),
            ),
            Err(e) => failed.push(format!(
                "{} {}",
                t!("churn.bgnbd_failed", locale = l),
                charts::model_failure_text(e, lang)
            )),
        }
        match &m.gamma_gamma {
            Ok(fit) => ok.push(plural(
                t!(
                    "churn.gamma_ok",
                    locale = l,
                    n = format::count(fit.customers, lang)
                ),
                &[("n", fit.customers)],
            )),
            Err(e) => failed.push(format!(
                "{} {}",
                t!("churn.gamma_failed", locale = l),
                charts::model_failure_text(e, lang)
            )),
        }
        if failed.is_empty() {
            ok.push(match m.margin_ratio {
                Some(r) => t!(
                    "churn.margin_clv",
                    locale = l,
                    ratio = format::percent(r, lang)
                )
                .into_owned(),
                None => t!("churn.value_clv", locale = l).into_owned(),
            });
        } else {
            failed.push(t!("churn.no_clv", locale = l).into_owned());
        }
        let failing = !failed.is_empty();
        vec![(failing, if failing { failed } else { ok })]
    };
    view! {
        <section class="panel churn__models">
            <h2 class="panel__title">{move || t!("churn.models_title", locale = lang.get().code()).into_owned()}</h2>
            {move || {
                lines()
                    .into_iter()
                    .map(|(failing, sentences)| {
                        let class = if failing { "notice notice--error churn__status" } else { "churn__status" };
                        view! {
                            <div class=class data-testid="model-status" data-failed=failing.to_string()>
                                {sentences.into_iter().map(|s| view! { <p>{s}</p> }).collect_view()}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// One value class as shown: the count, the value and what it means, or why it is missing.
struct ClassCard {
    class: ValueClass,
    summary: Option<ClassSummary>,
    meaning: String,
    missing: String,
}

fn class_cards(a: &Analysis, params: &Params, lang: Lang, currency: &str) -> Vec<ClassCard> {
    let l = lang.code();
    let by = if a.ranked_by_margin {
        t!("churn.by_margin", locale = l)
    } else {
        t!("churn.by_value", locale = l)
    };
    let c = &a.value_classes;
    vec![
        ClassCard {
            class: ValueClass::Cmv,
            summary: Some(c.cmv),
            meaning: t!(
                "churn.class_cmv",
                locale = l,
                share = format::percent(params.cmv_share, lang),
                by = by
            )
            .into_owned(),
            missing: String::new(),
        },
        ClassCard {
            class: ValueClass::Cmp,
            summary: c.cmp,
            meaning: t!("churn.class_cmp", locale = l).into_owned(),
            missing: t!("churn.cmp_missing", locale = l).into_owned(),
        },
        ClassCard {
            class: ValueClass::Bz,
            summary: c.bz,
            meaning: t!(
                "churn.class_bz",
                locale = l,
                cost = format::money(params.cost_to_serve_per_occasion, currency, lang)
            )
            .into_owned(),
            missing: t!("churn.bz_missing", locale = l).into_owned(),
        },
        ClassCard {
            class: ValueClass::Migrant,
            summary: Some(c.migrants),
            meaning: t!("churn.class_migrant", locale = l).into_owned(),
            missing: String::new(),
        },
    ]
}

/// CMV, CMP, BZ and migrants, each a link to its customers.
#[component]
fn ValueClasses() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let l = move || lang.get().code();
    let cards = move || {
        let lang = lang.get();
        let Some(a) = state.analysis.get() else {
            return Vec::new();
        };
        class_cards(&a, &state.params.read(), lang, state.currency.get())
    };
    view! {
        <section class="panel churn__classes-panel">
            <h2 class="panel__title">{move || t!("churn.classes_title", locale = l()).into_owned()}</h2>
            <p class="panel__help">{move || t!("churn.classes_help", locale = l()).into_owned()}</p>
            <ul class="churn__classes">
                {move || {
                    let lang = lang.get();
                    let currency = state.currency.get();
                    cards()
                        .into_iter()
                        .map(|card| {
                            let slug = crate::selection::class_slug(card.class);
                            let name = class_name(card.class, lang);
                            let body = match card.summary {
                                Some(s) => {
                                    view! {
                                        <a
                                            class="churn__class"
                                            href=customers_href(Selection::ValueClass(card.class))
                                            data-testid=format!("class-{slug}")
                                        >
                                            <span class="churn__class-name">{name}</span>
                                            <span class="churn__class-count" data-testid=format!("class-{slug}-count")>
                                                {format::count(s.customers, lang)}
                                            </span>
                                            <span class="churn__class-value">
                                                {t!("churn.class_value", locale = lang.code(), value = format::money(s.value, currency, lang)).into_owned()}
                                            </span>
                                            <span class="churn__class-meaning">{card.meaning}</span>
                                            <span class="churn__class-open">{t!("churn.class_open", locale = lang.code()).into_owned()}</span>
                                        </a>
                                    }
                                    .into_any()
                                }
                                None => view! {
                                    <div class="churn__class churn__class--missing" data-testid=format!("class-{slug}")>
                                        <span class="churn__class-name">{name}</span>
                                        <span class="churn__class-meaning">{card.meaning}</span>
                                        <span class="churn__class-missing" data-testid=format!("class-{slug}-missing")>{card.missing}</span>
                                    </div>
                                }
                                .into_any(),
                            };
                            view! { <li>{body}</li> }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// One row of the overdue table, ready to show.
struct OverdueLine {
    id: String,
    name: String,
    last_purchase: String,
    median_gap: String,
    days_late: String,
    purchases: String,
}

fn overdue_lines(a: &Analysis, data: Option<&Dataset>, lang: Lang) -> Vec<OverdueLine> {
    let names: HashMap<u32, &str> = data
        .map(|d| {
            d.customers
                .iter()
                .filter_map(|c| Some((c.key, c.name.as_deref()?)))
                .collect()
        })
        .unwrap_or_default();
    a.overdue
        .iter()
        .take(OVERDUE_ROWS)
        .map(|row| {
            let metrics = a.customers.get(row.customer as usize);
            OverdueLine {
                id: data
                    .map(|d| d.customer_ids.name(row.customer).to_owned())
                    .unwrap_or_default(),
                name: names.get(&row.customer).copied().unwrap_or("—").to_owned(),
                last_purchase: metrics
                    .and_then(|m| m.last_purchase)
                    .map_or_else(|| "—".to_owned(), |d| format::date(d, lang)),
                median_gap: format::number(row.median_gap, 1, lang),
                days_late: format::number(row.days_overdue, 0, lang),
                purchases: format::count(row.purchases as usize, lang),
            }
        })
        .collect()
}

/// The most overdue customers and a link to all of them.
#[component]
fn Overdue() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let l = move || lang.get().code();
    let total = move || {
        state
            .analysis
            .with(|a| a.as_ref().map_or(0, |a| a.overdue.len()))
    };
    let help = move || {
        let p = state.params.read();
        t!(
            "churn.overdue_help",
            locale = l(),
            min = p.overdue_min_purchases,
            factor = format::number(p.overdue_gap_factor, 1, lang.get())
                .trim_end_matches('0')
                .trim_end_matches([',', '.'])
        )
        .into_owned()
    };
    let lines = move || {
        let data: Option<Arc<Dataset>> = state.dataset.get();
        state
            .analysis
            .get()
            .map(|a| overdue_lines(&a, data.as_deref(), lang.get()))
            .unwrap_or_default()
    };
    let table = move || {
        view! {
            <p class="churn__showing">
                {move || plural(t!("churn.overdue_showing", locale = l(), shown = format::count(total().min(OVERDUE_ROWS), lang.get()), n = format::count(total(), lang.get())), &[("shown", total().min(OVERDUE_ROWS))])}
                " "
                <a href=customers_href(Selection::Overdue) data-testid="overdue-all">
                    {move || plural(t!("churn.overdue_all", locale = l(), n = format::count(total(), lang.get())), &[("n", total())])}
                </a>
            </p>
            <div class="table-scroll">
                <table class="table churn__overdue" data-testid="overdue-table">
                    <caption class="visually-hidden">{move || t!("churn.overdue_caption", locale = l()).into_owned()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t!("churn.col_customer", locale = l()).into_owned()}</th>
                            <th scope="col">{move || t!("churn.col_name", locale = l()).into_owned()}</th>
                            <th scope="col">{move || t!("churn.col_last", locale = l()).into_owned()}</th>
                            <th scope="col" class="churn__num">{move || t!("churn.col_purchases", locale = l()).into_owned()}</th>
                            <th scope="col" class="churn__num">{move || t!("churn.col_gap", locale = l()).into_owned()}</th>
                            <th scope="col" class="churn__num">{move || t!("churn.col_late", locale = l()).into_owned()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            lines()
                                .into_iter()
                                .map(|r| view! {
                                    <tr>
                                        <th scope="row">{r.id}</th>
                                        <td>{r.name}</td>
                                        <td>{r.last_purchase}</td>
                                        <td class="churn__num">{r.purchases}</td>
                                        <td class="churn__num">{r.median_gap}</td>
                                        <td class="churn__num churn__late">{r.days_late}</td>
                                    </tr>
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        }
    };
    view! {
        <section class="panel churn__overdue-panel">
            <header class="chart-card__header">
                <h2 class="panel__title">{move || t!("churn.overdue_title", locale = l()).into_owned()}</h2>
                <TableCsv table="overdue-table" title=Signal::derive(move || t!("churn.overdue_title", locale = l()).into_owned()) />
            </header>
            <p class="panel__help">{help}</p>
            <Show
                when=move || { total() > 0 }
                fallback=move || view! { <p class="notice" data-testid="overdue-none">{move || t!("churn.overdue_none", locale = l()).into_owned()}</p> }
            >
                {table}
            </Show>
        </section>
    }
}
