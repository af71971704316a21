//! Clientes: the customers of a drill-down selection (`#/clientes?ver=…`), searchable, sortable,
//! paginated, with their totals and a CSV export; `&id=…` opens one customer's card. The
//! filtering lives in `crate::customer_list`.

mod card;

use crate::customer_list::{self, ListQuery, SortKey};
use crate::format;
use crate::selection::{Selection, segment_name, tier_name, zone_name};
use crate::ui::AppState;
use crate::ui::route::{Route, card_href, customer_of, selection_of, use_hash};
use leptos::prelude::*;
use rust_i18n::t;

/// Rows per page of the table.
const PAGE_ROWS: usize = 50;

fn column_key(sort: SortKey) -> &'static str {
    match sort {
        SortKey::Id => "customers.col_id",
        SortKey::Recency => "customers.col_recency",
        SortKey::Frequency => "customers.col_frequency",
        SortKey::Value => "customers.col_value",
        SortKey::PAlive => "customers.col_p_alive",
        SortKey::Clv => "customers.col_clv",
    }
}

/// The customer list, or one customer's card when the address names one.
#[component]
pub fn Customers() -> impl IntoView {
    let hash = use_hash();
    let selection = Memo::new(move |_| selection_of(&hash.get()));
    let customer = Memo::new(move |_| customer_of(&hash.get()));
    move || match customer.get() {
        Some(id) => {
            view! { <card::CustomerCard id=id selection=selection.get_untracked() /> }.into_any()
        }
        None => view! { <CustomerList selection=selection /> }.into_any(),
    }
}

/// The customers of `selection`.
#[component]
fn CustomerList(
    /// The drill-down group shown.
    selection: Memo<Selection>,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(SortKey::Value);
    let descending = RwSignal::new(true);
    let page = RwSignal::new(0usize);
    // A new group, search or order starts again at the first page.
    Effect::new(move |_| {
        selection.track();
        search.track();
        sort.track();
        descending.track();
        page.set(0);
    });

    let rows = Memo::new(move |_| {
        let (Some(analysis), Some(data)) = (state.analysis.get(), state.dataset.get()) else {
            return Vec::new();
        };
        let query = ListQuery {
            selection: selection.get(),
            search: search.get(),
            sort: sort.get(),
            descending: descending.get(),
        };
        customer_list::select(&analysis, &data, &query)
    });
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let pages = move || rows.with(|r| r.len().div_ceil(PAGE_ROWS).max(1));

    let totals = move || {
        let analysis = state.analysis.get()?;
        let t = rows.with(|r| customer_list::totals(&analysis, r));
        let (l, c) = (lang.get(), state.currency.get());
        Some(
            t!(
                "customers.totals",
                locale = l.code(),
                customers = format::count(t.customers, l),
                value = format::money(t.value, c, l),
                clv = format::money(t.clv, c, l)
            )
            .into_owned(),
        )
    };

    let export = move |_| {
        let (Some(analysis), Some(data)) = (
            state.analysis.get_untracked(),
            state.dataset.get_untracked(),
        ) else {
            return;
        };
        let l = lang.get_untracked();
        let csv = rows.with_untracked(|r| customer_list::csv(&analysis, &data, r, l));
        let name = format!(
            "{}-{}.csv",
            t!("customers.file_name", locale = l.code()),
            selection.get_untracked().to_query().replace(':', "-")
        );
        crate::ui::download::download(&name, "text/csv;charset=utf-8", csv.as_bytes());
    };

    let header = move |sort_key: SortKey| {
        let label = move || t!(column_key(sort_key), locale = lang.get().code()).into_owned();
        let aria_sort = move || {
            (sort.get() == sort_key).then(|| {
                if descending.get() {
                    "descending"
                } else {
                    "ascending"
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria_sort class="customers__sortable">
                <button
                    class="customers__sort"
                    data-testid=format!("sort-{}", column_key(sort_key).trim_start_matches("customers.col_"))
                    on:click=move |_| {
                        if sort.get_untracked() == sort_key {
                            descending.update(|d| *d = !*d);
                        } else {
                            sort.set(sort_key);
                            descending.set(sort_key != SortKey::Id && sort_key != SortKey::Recency);
                        }
                    }
                >
                    {label}
                    {move || match aria_sort() {
                        Some("descending") => " ▼",
                        Some(_) => " ▲",
                        None => "",
                    }}
                </button>
            </th>
        }
    };
    let plain = move |key: &'static str| view! { <th scope="col">{text(key)}</th> };

    let body = move || {
        let (Some(analysis), Some(data)) = (state.analysis.get(), state.dataset.get()) else {
            return Vec::new();
        };
        let names = customer_list::names(&data);
        let (l, c) = (lang.get(), state.currency.get());
        let start = page.get() * PAGE_ROWS;
        rows.with(|r| {
            r.iter()
                .skip(start)
                .take(PAGE_ROWS)
                .map(|&i| {
                    let m = &analysis.customers[i];
                    let id = data.customer_ids.name(m.customer).to_owned();
                    let href = card_href(selection.get_untracked(), &id);
                    let name = names[m.customer as usize].unwrap_or_default().to_owned();
                    view! {
                        <tr data-testid="customer-row">
                            <th scope="row"><a href=href data-testid="customer-link">{id}</a></th>
                            <td>{name}</td>
                            <td>{m.segment.map(|s| segment_name(s, l))}</td>
                            <td>{tier_name(m.tier, l)}</td>
                            <td>{m.scores.map(|s| format!("{}{}{}", s.r, s.f, s.v))}</td>
                            <td class="num">{m.recency.map(|r| format::count(r as usize, l))}</td>
                            <td class="num">{format::count(m.frequency as usize, l)}</td>
                            <td class="num">{format::money(m.value, c, l)}</td>
                            <td>{m.zone.map(|z| zone_name(z, l))}</td>
                            <td class="num">{m.p_alive.map(|p| format::percent(p, l))}</td>
                            <td class="num">{m.clv.map(|v| format::money(v, c, l))}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="page customers">
            <h1 class="page__title" data-testid="customers-title">{move || selection.get().title(lang.get())}</h1>
            <p class="page__subtitle" data-testid="customers-totals">{totals}</p>
            <div class="customers__tools">
                <label class="field">
                    <span class="field__label">{text("customers.search")}</span>
                    <input
                        type="search"
                        data-testid="customers-search"
                        prop:value=search
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </label>
                {move || (selection.get() != Selection::All).then(|| view! {
                    <a class="button button--small" href=Route::Customers.href()>{text("customers.show_all")}</a>
                })}
                <button
                    class="button button--small"
                    data-testid="customers-export"
                    aria-label=text("customers.export_label")
                    on:click=export
                >
                    {text("customers.export")}
                </button>
            </div>
            <div class="table-scroll panel">
                <table class="table customers__table" aria-label=move || t!("customers.table_label", locale = lang.get().code(), page = page.get() + 1, pages = pages()).into_owned()>
                    <thead>
                        <tr>
                            {header(SortKey::Id)}
                            {plain("customers.col_name")}
                            {plain("customers.col_segment")}
                            {plain("customers.col_tier")}
                            {plain("customers.col_rfv")}
                            {header(SortKey::Recency)}
                            {header(SortKey::Frequency)}
                            {header(SortKey::Value)}
                            {plain("customers.col_zone")}
                            {header(SortKey::PAlive)}
                            {header(SortKey::Clv)}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                {move || rows.with(Vec::is_empty).then(|| view! { <p class="notice">{text("customers.empty")}</p> })}
            </div>
            <nav class="customers__pager" aria-label=text("customers.page_nav")>
                <button class="button button--small" data-testid="customers-previous" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {text("customers.previous")}
                </button>
                <span data-testid="customers-page">{move || t!("customers.page", locale = lang.get().code(), page = page.get() + 1, pages = pages()).into_owned()}</span>
                <button class="button button--small" data-testid="customers-next" disabled=move || page.get() + 1 >= pages() on:click=move |_| page.update(|p| *p += 1)>
                    {text("customers.next")}
                </button>
            </nav>
        </section>
    }
}
