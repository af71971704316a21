//! Clientes: the customers of a drill-down selection (`#/clientes?ver=…`), narrowed by the
//! shared filter panel (any metric or profile field) and a search, sortable by every column,
//! paginated, with their totals and a CSV export; `&id=…` opens one customer's card. The
//! filtering and ordering live in `crate::customer_list` and `crate::customer_filter`.

mod card;

use crate::customer_filter::Filter;
use crate::customer_list::{self, LastSelect, ListQuery, SortKey};
use crate::format;
use crate::i18n::plural;
use crate::selection::{Selection, quadrant_name, segment_name, tier_name, zone_name};
use crate::ui::AppState;
use crate::ui::components::FilterPanel;
use crate::ui::route::{Route, card_href, customer_of, selection_of, use_hash};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use rust_i18n::t;
use std::cell::RefCell;
use std::sync::Arc;

/// Rows per page of the table.
const PAGE_ROWS: usize = 50;

/// How long typing must pause before the search applies, in milliseconds.
const SEARCH_PAUSE_MS: u32 = 200;

thread_local! {
    /// The last list shown, kept across visits to the page and to a customer's card: coming
    /// back to the same analysis and query shows it without sorting every customer again.
    static LAST_LIST: RefCell<LastSelect> = RefCell::default();
}

/// How the list is narrowed and ordered. Held by the page so that it survives a visit to a
/// customer's card and back.
#[derive(Clone, Copy)]
struct ListState {
    filter: RwSignal<Filter>,
    search: RwSignal<String>,
    sort: RwSignal<SortKey>,
    descending: RwSignal<bool>,
    page: RwSignal<usize>,
    filters_open: RwSignal<bool>,
}

/// The customer list, or one customer's card when the address names one.
#[component]
pub fn Customers() -> impl IntoView {
    let hash = use_hash();
    let selection = Memo::new(move |_| selection_of(&hash.get()));
    let customer = Memo::new(move |_| customer_of(&hash.get()));
    let list = ListState {
        filter: RwSignal::new(Filter::default()),
        search: RwSignal::new(String::new()),
        sort: RwSignal::new(SortKey::Value),
        descending: RwSignal::new(true),
        page: RwSignal::new(0),
        filters_open: RwSignal::new(false),
    };
    // A new group, filter, search or order starts again at the first page.
    Effect::new(move |previous: Option<()>| {
        selection.track();
        list.filter.track();
        list.search.track();
        list.sort.track();
        list.descending.track();
        if previous.is_some() {
            list.page.set(0);
        }
    });
    move || match customer.get() {
        Some(id) => {
            view! { <card::CustomerCard id=id selection=selection.get_untracked() /> }.into_any()
        }
        None => view! { <CustomerList selection=selection list=list /> }.into_any(),
    }
}

/// The customers of `selection`.
#[component]
fn CustomerList(
    /// The drill-down group shown.
    selection: Memo<Selection>,
    /// Filter, search, order and page.
    list: ListState,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let ListState {
        filter,
        search,
        sort,
        descending,
        page,
        filters_open,
    } = list;

    let rows = Memo::new(move |_| {
        let (Some(analysis), Some(data)) = (state.analysis.get(), state.dataset.get()) else {
            return Arc::default();
        };
        let query = ListQuery {
            selection: selection.get(),
            filter: filter.get(),
            search: search.get(),
            sort: sort.get(),
            descending: descending.get(),
        };
        LAST_LIST.with_borrow_mut(|last| last.select(&analysis, &data, &query))
    });
    // The search box applies what is typed once typing pauses: at 100k customers every query
    // is a pass over the whole list.
    let typed = RwSignal::new(search.get_untracked());
    let typing = StoredValue::new_local(None::<Timeout>);
    // Whether the filter panel has been opened once (it is built then, and kept).
    let panel_built = Memo::new(move |built: Option<&bool>| {
        built.copied().unwrap_or(false) || filters_open.get()
    });
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let pages = move || rows.with(|r| r.len().div_ceil(PAGE_ROWS).max(1));

    let totals = move || {
        let analysis = state.analysis.get()?;
        let t = rows.with(|r| customer_list::totals(&analysis, r));
        let (l, c) = (lang.get(), state.currency.get());
        Some(plural(
            t!(
                "customers.totals",
                locale = l.code(),
                customers = format::count(t.customers, l),
                value = format::money(t.value, c, l),
                clv = format::money(t.clv, c, l)
            ),
            &[("customers", t.customers)],
        ))
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
        let label = move || t!(sort_key.label_key(), locale = lang.get().code()).into_owned();
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
            <th scope="col" aria-sort=aria_sort class="customers__sortable" class:num=sort_key.is_numeric() data-col=sort_key.slug()>
                <button
                    class="customers__sort"
                    data-testid=format!("sort-{}", sort_key.slug())
                    on:click=move |_| {
                        if sort.get_untracked() == sort_key {
                            descending.update(|d| *d = !*d);
                        } else {
                            sort.set(sort_key);
                            descending.set(sort_key.descending_first());
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
                    let cell = |key: SortKey| -> Option<String> {
                        match key {
                            SortKey::Id => None,
                            SortKey::Name => Some(name.clone()),
                            SortKey::Segment => m.segment.map(|s| segment_name(s, l)),
                            SortKey::Tier => Some(tier_name(m.tier, l)),
                            SortKey::Rfv => customer_list::rfv_code(m),
                            SortKey::LastPurchase => m.last_purchase.map(|d| format::date(d, l)),
                            SortKey::Recency => m.recency.map(|r| format::count(r as usize, l)),
                            SortKey::Frequency => Some(format::count(m.frequency as usize, l)),
                            SortKey::Value => Some(format::money(m.value, c, l)),
                            SortKey::Zone => m.zone.map(|z| zone_name(z, l)),
                            SortKey::Quadrant => customer_list::quadrant_of(m).map(|q| quadrant_name(q, l)),
                            SortKey::Class => Some(customer_list::class_names(m, l)),
                            SortKey::PAlive => m.p_alive.map(|p| format::percent(p, l)),
                            SortKey::Clv => m.clv.map(|v| format::money(v, c, l)),
                        }
                    };
                    let cells = SortKey::ALL[1..]
                        .iter()
                        .map(|&key| view! { <td data-col=key.slug() class:num=key.is_numeric()>{cell(key)}</td> })
                        .collect::<Vec<_>>();
                    view! {
                        <tr data-testid="customer-row">
                            <th scope="row" data-col="id"><a href=href data-testid="customer-link">{id}</a></th>
                            {cells}
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
                        prop:value=typed
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            typed.set(value.clone());
                            // A new timeout drops (cancels) the previous one.
                            let apply = Timeout::new(SEARCH_PAUSE_MS, move || search.set(value));
                            typing.set_value(Some(apply));
                        }
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
            <details
                class="panel customers__filters"
                data-testid="customers-filters"
                prop:open=filters_open
                on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        filters_open.set(d.has_attribute("open"));
                    }
                }
            >
                <summary class="customers__filters-summary">
                    {move || {
                        let (n, l) = (filter.with(Filter::active), lang.get());
                        if n == 0 {
                            t!("filter.summary_none", locale = l.code()).into_owned()
                        } else {
                            plural(t!("filter.summary", locale = l.code(), n = n), &[("n", n)])
                        }
                    }}
                </summary>
                // Built when first opened, then kept: its lists of districts, channels… are a
                // pass over every customer that a visit with the panel folded does not need.
                {move || panel_built.get().then(|| view! { <FilterPanel filter=filter /> })}
            </details>
            <div class="table-scroll panel">
                <table class="table customers__table" aria-label=move || t!("customers.table_label", locale = lang.get().code(), page = page.get() + 1, pages = pages()).into_owned()>
                    <thead>
                        <tr>{SortKey::ALL.map(header).to_vec()}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                {move || rows.with(|r| r.is_empty()).then(|| view! { <p class="notice">{text("customers.empty")}</p> })}
            </div>
            <nav class="customers__pager" aria-label=text("customers.page_nav")>
                <button class="button button--small" data-testid="customers-previous" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {text("customers.previous")}
                </button>
                <span data-testid="customers-page">{move || t!("customers.page", locale = lang.get().code(), page = page.get() + 1, pages = pages()).into_owned()}</span>
                <button class="button button--small" data-testid="customers-next" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>
                    {text("customers.next")}
                </button>
            </nav>
        </section>
    }
}
