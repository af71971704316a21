//! The customer card (ficha de cliente): profile, RFV and tier, outlook, suggested action,
//! purchase timeline and tickets, surveys and complaints. Built by `crate::customer_card`.

use crate::charts;
use crate::customer_card::{self, suggested_action};
use crate::format;
use crate::i18n::plural;
use crate::selection::{Selection, quadrant_name, segment_name, tier_name, zone_name};
use crate::ui::components::TableCsv;
use crate::ui::route::customers_href;
use crate::ui::{AppState, ChartCard};
use leptos::prelude::*;
use rust_i18n::t;

/// Tickets listed on the card (the timeline shows them all).
const TICKETS_SHOWN: usize = 20;

/// The card of customer `id`, opened from the list of `selection`.
#[component]
pub fn CustomerCard(
    /// The customer id as written in the files.
    id: String,
    /// The list the card was opened from (the back link returns to it).
    selection: Selection,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let back = view! {
        <a class="button button--small" href=customers_href(selection) data-testid="card-back">{text("card.back")}</a>
    };
    let content = move || {
        let (Some(analysis), Some(data), Some(index)) = (
            state.analysis.get(),
            state.dataset.get(),
            state.card_index.get(),
        ) else {
            return ().into_any();
        };
        let (l, c) = (lang.get(), state.currency.get());
        let code = l.code();
        let Some(card) = index.card(&analysis, &data, &id) else {
            return view! { <p class="notice notice--error" data-testid="card-unknown">{t!("card.unknown", locale = code, id = id.clone()).into_owned()}</p> }.into_any();
        };
        let m = *card.metrics;
        let name = card.profile.and_then(|p| p.name.clone());
        let title = t!("card.title", locale = code, id = card.id).into_owned();
        // A table's CSV is named after what it holds and whose it is.
        let csv_title = |key: &'static str| {
            let id = card.id.to_owned();
            Signal::derive(move || format!("{} {id}", t!(key, locale = lang.get().code())))
        };
        let profile = match card.profile {
            Some(p) => {
                let rows = customer_card::profile_fields(p, l)
                    .into_iter()
                    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                    .collect_view();
                view! { <dl class="definitions" data-testid="card-profile">{rows}</dl> }.into_any()
            }
            None => view! { <p class="panel__help">{t!("card.no_profile", locale = code).into_owned()}</p> }.into_any(),
        };
        let yes_no =
            |b: bool| t!(if b { "card.yes" } else { "card.no" }, locale = code).into_owned();
        let no_model = || t!("card.no_model", locale = code).into_owned();
        let last = match (m.last_purchase, m.recency) {
            (Some(day), Some(days)) => plural(
                t!(
                    "card.recency_value",
                    locale = code,
                    date = format::date(day, l),
                    days = format::count(days as usize, l)
                ),
                &[("days", days as usize)],
            ),
            _ => "—".to_owned(),
        };
        let timeline = charts::customer::timeline(&card.tickets, l, c);
        let older = card.tickets.len().saturating_sub(TICKETS_SHOWN);
        let tickets = card
            .tickets
            .iter()
            .take(TICKETS_SHOWN)
            .map(|tk| {
                view! {
                    <tr data-testid="card-ticket">
                        <td>{format::date(tk.day, l)}</td>
                        <td>{tk.id.clone().unwrap_or_default()}</td>
                        <td class="num">{tk.lines}</td>
                        <td class="num">{format::money(tk.amount, c, l)}</td>
                    </tr>
                }
            })
            .collect_view();
        let scale_note = |v: f64| format::number(v, 1, l);
        let surveys = if card.surveys.is_empty() {
            view! { <p class="panel__help">{t!("card.no_surveys", locale = code).into_owned()}</p> }
                .into_any()
        } else {
            let rows = card
                .surveys
                .iter()
                .map(|s| {
                    view! {
                        <tr>
                            <td>{format::date(s.day, l)}</td>
                            <td class="num">{scale_note(s.overall)}</td>
                            <td class="num">{s.recommend.map(scale_note)}</td>
                            <td>{s.comment.clone()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="table" data-testid="card-surveys" aria-label=t!("card.satisfaction", locale = code).into_owned()>
                        <thead><tr>
                            <th scope="col">{t!("card.ticket_date", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.survey_score", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.survey_recommend", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.survey_comment", locale = code).into_owned()}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        };
        let complaints = if card.complaints.is_empty() {
            view! { <p class="panel__help">{t!("card.no_complaints", locale = code).into_owned()}</p> }.into_any()
        } else {
            let rows = card
                .complaints
                .iter()
                .map(|q| {
                    view! {
                        <tr data-testid="card-complaint">
                            <td>{format::date(q.day, l)}</td>
                            <td>{q.reason.clone()}</td>
                            <td>{q.resolved.map(yes_no)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="table" data-testid="card-complaints" aria-label=t!("card.complaints", locale = code).into_owned()>
                        <thead><tr>
                            <th scope="col">{t!("card.ticket_date", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.complaint_reason", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.complaint_resolved", locale = code).into_owned()}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        };
        let timeline_title =
            Signal::derive(move || t!("card.timeline", locale = lang.get().code()).into_owned());
        let timeline_label = Signal::derive(move || {
            t!("card.timeline_label", locale = lang.get().code()).into_owned()
        });
        view! {
            <h1 class="page__title" data-testid="card-title">{title}</h1>
            <p class="page__subtitle" data-testid="card-name">{name}</p>
            <p class="notice card__action" data-testid="card-action">
                <strong>{t!("card.action", locale = code).into_owned()}": "</strong>
                {suggested_action(&m, l)}
            </p>
            <div class="page-grid">
                <section class="panel">
                    <h2 class="panel__title">{t!("card.scores", locale = code).into_owned()}</h2>
                    <dl class="definitions">
                        <dt>{t!("card.segment", locale = code).into_owned()}</dt>
                        <dd data-testid="card-segment">{m.segment.map(|s| segment_name(s, l)).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!("card.rfv", locale = code).into_owned()}</dt>
                        <dd data-testid="card-rfv">{m.scores.map(|s| format!("{} / {} / {}", s.r, s.f, s.v)).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!("card.recency", locale = code).into_owned()}</dt>
                        <dd>{last}</dd>
                        <dt>{t!("card.frequency", locale = code).into_owned()}</dt>
                        <dd data-testid="card-frequency">{format::count(m.frequency as usize, l)}</dd>
                        <dt>{t!("card.value", locale = code).into_owned()}</dt>
                        <dd data-testid="card-value">{format::money(m.value, c, l)}</dd>
                        <dt>{t!("card.tier_now", locale = code).into_owned()}</dt>
                        <dd data-testid="card-tier">{tier_name(m.tier, l)}</dd>
                        <dt>{t!("card.tier_before", locale = code).into_owned()}</dt>
                        <dd>{tier_name(m.previous_tier, l)}</dd>
                    </dl>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{t!("card.future", locale = code).into_owned()}</h2>
                    <dl class="definitions">
                        <dt>{t!("card.p_alive", locale = code).into_owned()}</dt>
                        <dd data-testid="card-p-alive">{m.p_alive.map(|p| format::percent(p, l)).unwrap_or_else(no_model)}</dd>
                        <dt>{t!("card.expected", locale = code).into_owned()}</dt>
                        <dd>{m.expected_purchases.map(|e| format::number(e, 1, l)).unwrap_or_else(no_model)}</dd>
                        <dt>{t!("card.clv", locale = code).into_owned()}</dt>
                        <dd data-testid="card-clv">{m.clv.map(|v| format::money(v, c, l)).unwrap_or_else(no_model)}</dd>
                        <dt>{t!("card.median_gap", locale = code).into_owned()}</dt>
                        <dd>{m.median_gap.map(|g| plural(t!("card.days", locale = code, n = format::number(g, 0, l)), &[("n", g.round() as usize)])).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!("card.overdue", locale = code).into_owned()}</dt>
                        <dd>{yes_no(m.overdue)}</dd>
                        <dt>{t!("card.zone", locale = code).into_owned()}</dt>
                        <dd>{m.zone.map(|z| zone_name(z, l)).unwrap_or_else(|| "—".into())}</dd>
                        <dt>{t!("card.quadrant", locale = code).into_owned()}</dt>
                        <dd>{quadrant_name(m.quadrant, l)}</dd>
                    </dl>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{t!("card.profile", locale = code).into_owned()}</h2>
                    {profile}
                </section>
                <ChartCard title=timeline_title chart=timeline label=timeline_label testid="chart-card-timeline" />
            </div>
            <section class="panel">
                <header class="chart-card__header">
                    <h2 class="panel__title">{t!("card.tickets", locale = code).into_owned()}</h2>
                    <TableCsv table="card-tickets" title=csv_title("card.tickets") />
                </header>
                <div class="table-scroll">
                    <table class="table" data-testid="card-tickets" aria-label=t!("card.tickets", locale = code).into_owned()>
                        <thead><tr>
                            <th scope="col">{t!("card.ticket_date", locale = code).into_owned()}</th>
                            <th scope="col">{t!("card.ticket_id", locale = code).into_owned()}</th>
                            <th scope="col" class="num">{t!("card.ticket_lines", locale = code).into_owned()}</th>
                            <th scope="col" class="num">{t!("card.ticket_amount", locale = code).into_owned()}</th>
                        </tr></thead>
                        <tbody>{tickets}</tbody>
                    </table>
                </div>
                {(older > 0).then(|| view! { <p class="panel__help">{plural(t!("card.more_tickets", locale = code, n = format::count(older, l)), &[("n", older)])}</p> })}
            </section>
            <div class="page-grid">
                <section class="panel">
                    <header class="chart-card__header">
                        <h2 class="panel__title">{t!("card.satisfaction", locale = code).into_owned()}</h2>
                        {(!card.surveys.is_empty()).then(|| view! { <TableCsv table="card-surveys" title=csv_title("card.satisfaction") /> })}
                    </header>
                    {surveys}
                </section>
                <section class="panel">
                    <header class="chart-card__header">
                        <h2 class="panel__title">{t!("card.complaints", locale = code).into_owned()}</h2>
                        {(!card.complaints.is_empty()).then(|| view! { <TableCsv table="card-complaints" title=csv_title("card.complaints") /> })}
                    </header>
                    {complaints}
                </section>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="page customers card">
            <div class="card__nav">{back}</div>
            {content}
        </section>
    }
}
