//! Resumen: the analysis window and the data it rests on, the headline findings, the six key
//! figures, the monthly trend, the Pareto curve and the RFV segments (a bar opens its
//! customers).

use crate::charts;
use crate::dashboard::Basis;
use crate::findings::Finding;
use crate::format;
use crate::i18n::plural;
use crate::import::Lang;
use crate::ui::components::KpiCard;
use crate::ui::route::{customers_href, open_customers};
use crate::ui::{AppState, ChartCard, ChartClick};
use leptos::prelude::*;
use rust_i18n::t;

/// "2 000 clientes, 21 047 líneas de venta, …": what the analysed data hold.
fn basis(b: &Basis, lang: Lang) -> String {
    let l = lang.code();
    let n = |count: usize| format::count(count, lang);
    let mut parts = vec![
        plural(
            t!("summary.basis_customers", locale = l, n = n(b.customers)),
            &[("n", b.customers)],
        ),
        plural(
            t!("summary.basis_sales", locale = l, n = n(b.sales)),
            &[("n", b.sales)],
        ),
    ];
    if b.tickets > 0 {
        parts.push(plural(
            t!("summary.basis_tickets", locale = l, n = n(b.tickets)),
            &[("n", b.tickets)],
        ));
    }
    if b.surveys > 0 {
        parts.push(plural(
            t!("summary.basis_surveys", locale = l, n = n(b.surveys)),
            &[("n", b.surveys)],
        ));
    }
    if b.complaints > 0 {
        parts.push(plural(
            t!("summary.basis_complaints", locale = l, n = n(b.complaints)),
            &[("n", b.complaints)],
        ));
    }
    t!("summary.basis", locale = l, parts = parts.join(", ")).into_owned()
}

/// One finding: its sentence, what lies behind it, and the link to its customers.
#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let selection = finding.selection();
    let slug = finding.slug();
    let text = {
        let finding = finding.clone();
        move || finding.text(lang.get(), state.currency.get())
    };
    let headline = {
        let text = text.clone();
        move || text().headline
    };
    let detail = {
        let text = text.clone();
        move || text().detail
    };
    let link = selection.map(|s| {
        view! {
            <a class="summary-finding__link" href=customers_href(s) data-testid=format!("finding-{slug}-link")>
                {move || text().link.unwrap_or_default()}
            </a>
        }
    });
    view! {
        <li class=format!("summary-finding summary-finding--{slug}") data-testid=format!("finding-{slug}")>
            <p class="summary-finding__headline">{headline}</p>
            <p class="summary-finding__detail">{detail}</p>
            {link}
        </li>
    }
}

/// The summary page.
#[component]
pub fn Summary() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    // The dashboard: the engine's result, or the one stored with the data while they load.
    let dashboard = state.dashboard;
    let text = move |key: &str| t!(key, locale = lang.get().code()).into_owned();

    let window = move || {
        dashboard
            .get()
            .map(|d| {
                t!(
                    "summary.window",
                    locale = lang.get().code(),
                    start = format::date(d.analysis.window_start + 1, lang.get()),
                    end = format::date(d.analysis.as_of, lang.get())
                )
                .into_owned()
            })
            .unwrap_or_default()
    };
    let basis_line = move || {
        dashboard
            .get()
            .map(|d| basis(&d.basis, lang.get()))
            .unwrap_or_default()
    };

    let list = Memo::new(move |_| {
        dashboard
            .get()
            .map(|d| d.findings.clone())
            .unwrap_or_default()
    });

    let figure = move |f: fn(&crate::engine::Kpis, Lang, &str) -> String| {
        Signal::derive(move || {
            dashboard
                .get()
                .map(|d| f(&d.analysis.kpis, lang.get(), state.currency.get()))
                .unwrap_or_default()
        })
    };
    let top_label = Signal::derive(move || {
        let share = dashboard.get().map_or(0.2, |d| d.analysis.pareto.top_share);
        t!(
            "summary.kpi.top",
            locale = lang.get().code(),
            share = format::percent(share, lang.get())
        )
        .into_owned()
    });
    // Retention is None when nobody bought in the previous window: say why instead of NaN.
    let retention_note = move || {
        let d = dashboard.get()?;
        d.analysis.kpis.retention_rate.is_none().then(|| {
            t!(
                "summary.retention_none",
                locale = lang.get().code(),
                start = format::date(d.analysis.previous_window_start + 1, lang.get()),
                end = format::date(d.analysis.window_start, lang.get())
            )
            .into_owned()
        })
    };

    let trend = Signal::derive(move || {
        let (points, as_of) = dashboard
            .get()
            .map(|d| (d.analysis.trend.clone(), d.analysis.as_of))
            .unwrap_or_default();
        charts::summary::trend(&points, as_of, lang.get(), state.currency.get())
    });
    let pareto = Signal::derive(move || {
        let p = dashboard
            .get()
            .map(|d| d.analysis.pareto.clone())
            .unwrap_or_default();
        charts::summary::pareto(&p, lang.get())
    });
    let pareto_help = Signal::derive(move || {
        let Some(d) = dashboard.get() else {
            return String::new();
        };
        let l = lang.get();
        let mut help = t!(
            "summary.pareto_help",
            locale = l.code(),
            top = format::percent(d.analysis.pareto.top_share, l),
            value = format::percent(d.analysis.pareto.top_value_share, l)
        )
        .into_owned();
        if let Some(share) = d.analysis.pareto.customers_for_80_percent {
            help.push(' ');
            help.push_str(&t!(
                "summary.pareto_help_80",
                locale = l.code(),
                share = format::percent(share, l)
            ));
        }
        help
    });
    let segments = Signal::derive(move || {
        let rows = dashboard
            .get()
            .map(|d| d.analysis.segments.clone())
            .unwrap_or_default();
        charts::segment_customers(&rows, lang.get())
    });
    let on_segment = Callback::new(move |click: ChartClick| {
        let rows = dashboard
            .get_untracked()
            .map(|d| d.analysis.segments.clone())
            .unwrap_or_default();
        if let Some(selection) = charts::summary::segment_target(&rows, click.data_index) {
            open_customers(selection);
        }
    });

    view! {
        <section class="page summary">
            <h1 class="page__title">{move || text("summary.title")}</h1>
            <div class="diagnosis-launch">
                <a class="button button--primary" href=crate::ui::route::Route::Presentation.href() data-testid="summary-present">{move || text("presentation.launch")}</a>
                <a class="button" href=crate::ui::route::Route::Report.href() data-testid="summary-report">{move || text("report.launch")}</a>
            </div>
            <p class="page__subtitle summary__meta">
                <span data-testid="window">{window}</span>
                <span class="summary__basis" data-testid="data-basis">{basis_line}</span>
            </p>

            <section class="panel summary__findings" aria-labelledby="summary-findings-title">
                <h2 class="panel__title" id="summary-findings-title">{move || text("summary.findings_title")}</h2>
                <Show
                    when=move || !list.get().is_empty()
                    fallback=move || view! { <p class="panel__help" data-testid="findings-none">{move || text("summary.findings_none")}</p> }
                >
                    <ul class="summary-findings" data-testid="findings">
                        <For each=move || list.get() key=|f| format!("{f:?}") let:finding>
                            <FindingItem finding=finding />
                        </For>
                    </ul>
                </Show>
            </section>

            <div class="kpi-grid summary__kpis" role="group" aria-label=move || text("summary.kpis_label")>
                <KpiCard testid="kpi-active" label=Signal::derive(move || text("summary.kpi.active")) value=figure(|k, l, _| format::count(k.active_customers, l)) />
                <KpiCard testid="kpi-value" label=Signal::derive(move || text("summary.kpi.value")) value=figure(|k, l, c| format::money(k.value, c, l)) />
                <KpiCard testid="kpi-ticket" label=Signal::derive(move || text("summary.kpi.ticket")) value=figure(|k, l, c| format::money(k.average_ticket, c, l)) />
                <KpiCard testid="kpi-frequency" label=Signal::derive(move || text("summary.kpi.frequency")) value=figure(|k, l, _| format::number(k.purchases_per_customer, 1, l)) />
                <KpiCard testid="kpi-retention" label=Signal::derive(move || text("summary.kpi.retention")) value=figure(|k, l, _| k.retention_rate.map_or_else(|| "—".to_owned(), |r| format::percent(r, l))) />
                <KpiCard testid="kpi-top20" label=top_label value=figure(|k, l, _| format::percent(k.top20_value_share, l)) />
            </div>
            {move || retention_note().map(|note| view! { <p class="notice summary__note" data-testid="retention-note">{note}</p> })}

            <ChartCard
                class="summary__trend"
                title=Signal::derive(move || text("summary.trend_title"))
                help=Signal::derive(move || text("summary.trend_help"))
                label=Signal::derive(move || text("summary.trend_label"))
                chart=trend
                testid="chart-trend"
            />
            <div class="page-grid summary__charts">
                <ChartCard
                    title=Signal::derive(move || text("summary.pareto_title"))
                    help=pareto_help
                    label=Signal::derive(move || text("summary.pareto_label"))
                    chart=pareto
                    testid="chart-pareto"
                />
                <ChartCard
                    title=Signal::derive(move || text("summary.segments_title"))
                    help=Signal::derive(move || text("summary.segments_help"))
                    label=Signal::derive(move || text("summary.segments_label"))
                    chart=segments
                    testid="chart-segments"
                    on_click=on_segment
                />
            </div>
        </section>
    }
}
// x
