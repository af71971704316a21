//! Pirámide: the loyalty pyramid with its tier table, the migration between windows, and the
//! editable tier cut points (applied live when valid, refused with a message otherwise).

use crate::charts::pyramid::{
    CutsError, cut_fields, migration, migration_target, parse_cuts, pyramid, pyramid_target,
};
use crate::engine::{Tier, TierCuts};
use crate::format;
use crate::i18n::plural;
use crate::selection::{Selection, tier_name, tier_slug};
use crate::ui::components::TableCsv;
use crate::ui::route::{customers_href, open_customers};
use crate::ui::{AppState, ChartCard, ChartClick};
use leptos::prelude::*;
use rust_i18n::t;

/// The pyramid page.
#[component]
pub fn Pyramid() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| {
        Signal::derive(move || t!(key, locale = lang.get().code()).into_owned())
    };
    let subtitle = move || {
        let a = state.analysis.get()?;
        let l = lang.get();
        let (n, code) = (a.kpis.active_customers, l.code());
        let customers = format::count(n, l);
        let text = plural(
            if a.ranked_by_margin {
                t!(
                    "pyramid.subtitle_margin",
                    locale = code,
                    customers = customers
                )
            } else {
                t!(
                    "pyramid.subtitle_value",
                    locale = code,
                    customers = customers
                )
            },
            &[("customers", n)],
        );
        Some(text)
    };
    let chart = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| pyramid(&a.pyramid, lang.get()))
            .unwrap_or_default()
    });
    let moves = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| migration(&a.migration, lang.get(), state.currency.get()))
            .unwrap_or_default()
    });
    let open_tier = Callback::new(move |click: ChartClick| {
        if let Some(selection) = pyramid_target(click.data_index) {
            open_customers(selection);
        }
    });
    let open_move = Callback::new(move |click: ChartClick| {
        if let Some(selection) = migration_target(&click.value) {
            open_customers(selection);
        }
    });

    view! {
        <section class="page pyramid">
            <h1 class="page__title">{tr("pyramid.title")}</h1>
            <p class="page__subtitle">{subtitle}</p>
            <CutEditor />
            <div class="pyramid__top">
                <ChartCard
                    title=tr("pyramid.chart_title")
                    help=tr("pyramid.chart_help")
                    label=tr("pyramid.chart_label")
                    chart=chart
                    testid="chart-pyramid"
                    on_click=open_tier
                />
                <TierTable />
            </div>
            <ChartCard
                title=tr("pyramid.migration_title")
                help=tr("pyramid.migration_help")
                label=tr("pyramid.migration_label")
                chart=moves
                testid="chart-migration"
                on_click=open_move
                class="pyramid__migration"
            />
            <section class="panel">
                <h2 class="panel__title">{tr("pyramid.definitions_title")}</h2>
                <dl class="definitions">
                    {move || {
                        let l = lang.get();
                        Tier::ALL
                            .iter()
                            .map(|&tier| {
                                let slug = tier_slug(tier);
                                view! {
                                    <dt>{tier_name(tier, l)}</dt>
                                    <dd>{t!(format!("pyramid.def.{slug}"), locale = l.code()).into_owned()}</dd>
                                }
                            })
                            .collect::<Vec<_>>()
                    }}
                </dl>
            </section>
        </section>
    }
}

/// The Platino, Oro and Hierro shares as text fields; each valid edit becomes the analysis'
/// cut points at once, an invalid one is explained and not applied.
#[component]
fn CutEditor() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let fields = RwSignal::new(cut_fields(
        &state.params.with_untracked(|p| p.tier_cuts),
        lang.get_untracked(),
    ));
    let parsed = Memo::new(move |_| fields.with(parse_cuts));
    // Cuts the fields accept still go through the app's rules (`crate::settings`), which also
    // remember them with the workspace's other settings.
    let refusal = RwSignal::new(None::<crate::settings::Refusal>);
    let apply = move |cuts: TierCuts| {
        if state.params.with_untracked(|p| p.tier_cuts != cuts) {
            let mut params = state.params.get_untracked();
            params.tier_cuts = cuts;
            refusal.set(state.apply_params(params).err());
        } else {
            refusal.set(None);
        }
    };
    let edit = move |i: usize, text: String| {
        fields.update(|f| f[i] = text);
        if let Ok(cuts) = parsed.get_untracked() {
            apply(cuts);
        }
    };
    let preset = move |cuts: TierCuts| {
        fields.set(cut_fields(&cuts, lang.get_untracked()));
        apply(cuts);
    };
    let error = move || {
        let l = lang.get();
        let tier = |i: usize| tier_name(Tier::ALL[i], l);
        match parsed.get() {
            Ok(_) => return refusal.get().map(|r| r.message(l)),
            Err(CutsError::NotANumber(i)) => Some(t!(
                "pyramid.error_not_number",
                locale = l.code(),
                tier = tier(i)
            )),
            Err(CutsError::Negative(i)) => Some(t!(
                "pyramid.error_negative",
                locale = l.code(),
                tier = tier(i)
            )),
            Err(CutsError::SumOver100(sum)) => Some(t!(
                "pyramid.error_sum",
                locale = l.code(),
                sum = format::percent(sum / 100.0, l)
            )),
        }
        .map(|text| text.into_owned())
    };
    // Plomo's share as applied (the last valid cuts).
    let rest = move || {
        let l = lang.get();
        let cuts = state.params.with(|p| p.tier_cuts);
        let share = (1.0 - cuts.platino - cuts.oro - cuts.hierro).max(0.0);
        t!(
            "pyramid.plomo_rest",
            locale = l.code(),
            tier = tier_name(Tier::Plomo, l),
            share = format::percent(share, l)
        )
        .into_owned()
    };
    let field = move |i: usize| {
        let tier = Tier::ALL[i];
        let id = format!("cut-{}", tier_slug(tier));
        view! {
            <div class="field pyramid-cuts__field">
                <label class="field__label" for=id.clone()>
                    {move || t!("pyramid.cut_label", locale = lang.get().code(), tier = tier_name(tier, lang.get())).into_owned()}
                </label>
                <input
                    type="text"
                    inputmode="decimal"
                    id=id.clone()
                    data-testid=id
                    aria-invalid=move || match parsed.get() {
                        Err(CutsError::NotANumber(j) | CutsError::Negative(j)) if j == i => "true",
                        Err(CutsError::SumOver100(_)) => "true",
                        _ => "false",
                    }
                    prop:value=move || fields.with(|f| f[i].clone())
                    on:input=move |ev| edit(i, event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <section class="panel pyramid-cuts">
            <h2 class="panel__title">{tr("pyramid.cuts_title")}</h2>
            <p class="panel__help">{tr("pyramid.cuts_help")}</p>
            <div class="pyramid-cuts__row">
                {field(0)}
                {field(1)}
                {field(2)}
                <p class="pyramid-cuts__rest" data-testid="cut-plomo">{rest}</p>
                <div class="pyramid-cuts__presets">
                    <button type="button" class="button button--small" data-testid="cuts-default"
                        on:click=move |_| preset(TierCuts::default())>
                        {tr("pyramid.restore_defaults")}
                    </button>
                    <button type="button" class="button button--small" data-testid="cuts-practitioner"
                        on:click=move |_| preset(TierCuts::practitioner())>
                        {tr("pyramid.use_practitioner")}
                    </button>
                </div>
            </div>
            <div aria-live="polite">
                {move || error().map(|text| view! { <p class="notice notice--error" role="alert" data-testid="cuts-error">{text}</p> })}
            </div>
        </section>
    }
}

/// Customers, value, average ticket and frequency per tier, the Inactivos band last.
#[component]
fn TierTable() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let tr = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let has_margin = move || {
        state.analysis.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.pyramid.tiers.iter().any(|t| t.margin.is_some()))
        })
    };
    let link = move |tier: Tier, l| {
        let name = tier_name(tier, l);
        let label = t!("pyramid.open_tier", locale = l.code(), tier = name.clone()).into_owned();
        view! {
            <span class="pyramid-swatch" style=format!("background:{}", crate::charts::palette::tier(tier)) aria-hidden="true"></span>
            <a href=customers_href(Selection::Tier(tier)) aria-label=label>{name}</a>
        }
    };
    let rows = move || {
        let a = state.analysis.get()?;
        let l = lang.get();
        let c = state.currency.get();
        let margin = has_margin();
        let mut rows: Vec<AnyView> = a
            .pyramid
            .tiers
            .iter()
            .map(|row| {
                let slug = tier_slug(row.tier);
                view! {
                    <tr data-testid=format!("tier-row-{slug}")>
                        <th scope="row">{link(row.tier, l)}</th>
                        <td class="num" data-col="customers">{format::count(row.customers, l)}</td>
                        <td class="num">{format::percent(row.customers_share, l)}</td>
                        <td class="num" data-col="value">{format::money(row.value, c, l)}</td>
                        <td class="num">{format::percent(row.value_share, l)}</td>
                        {margin.then(|| view! { <td class="num">{row.margin.map(|m| format::money(m, c, l))}</td> })}
                        <td class="num">{format::money(row.average_ticket, c, l)}</td>
                        <td class="num">{format::number(row.frequency, 1, l)}</td>
                    </tr>
                }
                .into_any()
            })
            .collect();
        rows.push(
            view! {
                <tr class="pyramid-table__inactive" data-testid="tier-row-inactivo">
                    <th scope="row">{link(Tier::Inactivo, l)}</th>
                    <td class="num" data-col="customers">{format::count(a.pyramid.inactive_customers, l)}</td>
                    <td></td>
                    <td></td>
                    <td></td>
                    {margin.then(|| view! { <td></td> })}
                    <td></td>
                    <td></td>
                </tr>
            }
            .into_any(),
        );
        Some(rows)
    };
    view! {
        <section class="panel pyramid-table-panel">
            <header class="chart-card__header">
                <h2 class="panel__title">{tr("pyramid.table_title")}</h2>
                <TableCsv table="tier-table" title=Signal::derive(tr("pyramid.table_title")) />
            </header>
            <div class="table-scroll">
                <table class="table pyramid-table" data-testid="tier-table">
                    <caption class="visually-hidden">{tr("pyramid.table_caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("pyramid.col_tier")}</th>
                            <th scope="col" class="num">{tr("pyramid.col_customers")}</th>
                            <th scope="col" class="num">{tr("pyramid.col_customers_share")}</th>
                            <th scope="col" class="num">{tr("pyramid.col_value")}</th>
                            <th scope="col" class="num">{tr("pyramid.col_value_share")}</th>
                            {move || has_margin().then(|| view! { <th scope="col" class="num">{tr("pyramid.col_margin")}</th> })}
                            <th scope="col" class="num">{tr("pyramid.col_ticket")}</th>
                            <th scope="col" class="num">{tr("pyramid.col_frequency")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
