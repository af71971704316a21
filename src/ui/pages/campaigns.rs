//! Campañas: target lists built from combined filters, suggested per segment, saved per
//! workspace (localStorage), exported as CSV or as a phone list. The logic lives in
//! `crate::campaigns`; this page wires it to signals, the browser's storage and clipboard.

use crate::campaigns::{self, Audience, Campaign, Column, Filter};
use crate::customer_filter;
use crate::format;
use crate::i18n::plural;
use crate::selection::{Selection, segment_name, tier_name};
use crate::ui::AppState;
use crate::ui::components::{FilterPanel, KpiCard};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_i18n::t;

/// Customers shown in the preview table.
const PREVIEW_ROWS: usize = 10;

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load_saved(workspace_id: &str) -> Vec<Campaign> {
    local_storage()
        .and_then(|s| s.get_item(&campaigns::storage_key(workspace_id)).ok()?)
        .map(|text| campaigns::from_json(&text))
        .unwrap_or_default()
}

fn store_saved(workspace_id: &str, list: &[Campaign]) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(
            &campaigns::storage_key(workspace_id),
            &campaigns::to_json(list),
        );
    }
}

/// The campaigns page.
#[component]
pub fn Campaigns() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let filter = RwSignal::new(Filter::default());
    let include_all = RwSignal::new(false);
    let columns = RwSignal::new(Column::DEFAULT.to_vec());
    let name = RwSignal::new(String::new());
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let saved: RwSignal<Vec<Campaign>> = RwSignal::new(Vec::new());
    let editing: RwSignal<Option<(usize, String)>> = RwSignal::new(None);
    let workspace_id = Memo::new(move |_| state.workspace.get().map(|w| w.id));
    Effect::new(move |_| {
        saved.set(
            workspace_id
                .get()
                .map(|id| load_saved(&id))
                .unwrap_or_default(),
        );
    });
    let persist = move |list: Vec<Campaign>| {
        if let Some(id) = workspace_id.get_untracked() {
            store_saved(&id, &list);
        }
        saved.set(list);
    };

    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let audience = Memo::new(move |_| {
        let (Some(analysis), Some(data)) = (state.analysis.get(), state.dataset.get()) else {
            return Audience::default();
        };
        filter.with(|f| campaigns::audience(&analysis, &data, f, include_all.get()))
    });
    let totals = move || {
        state
            .analysis
            .get()
            .map(|a| audience.with(|au| campaigns::totals(&a, au)))
            .unwrap_or_default()
    };

    // --- Actions -----------------------------------------------------------------------
    let export = move |_| {
        let (Some(analysis), Some(data)) = (
            state.analysis.get_untracked(),
            state.dataset.get_untracked(),
        ) else {
            return;
        };
        let l = lang.get_untracked();
        let au = audience.get_untracked();
        let csv = campaigns::csv(&analysis, &data, &au, &columns.get_untracked(), l);
        let file = campaigns::file_name(&name.get_untracked(), &au, l);
        crate::ui::download::download(&file, "text/csv;charset=utf-8", csv.as_bytes());
    };
    let copy_phones = move |_| {
        let (Some(analysis), Some(data)) = (
            state.analysis.get_untracked(),
            state.dataset.get_untracked(),
        ) else {
            return;
        };
        let l = lang.get_untracked();
        let list = audience.with_untracked(|au| campaigns::phones(&analysis, &data, au));
        let n = list.len();
        let promise = window()
            .navigator()
            .clipboard()
            .write_text(&list.join("\n"));
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => plural(
                    t!(
                        "campaigns.copied",
                        locale = l.code(),
                        n = format::count(n, l)
                    ),
                    &[("n", n)],
                ),
                Err(_) => t!("campaigns.copy_failed", locale = l.code()).into_owned(),
            };
            message.set(Some(text));
        });
    };
    let save = move |_| {
        let l = lang.get_untracked();
        let campaign = Campaign {
            name: name.get_untracked(),
            filter: filter.get_untracked(),
            columns: columns.get_untracked(),
        };
        let mut list = saved.get_untracked();
        match campaigns::save(&mut list, campaign) {
            Ok(i) => {
                message.set(Some(
                    t!(
                        "campaigns.saved_ok",
                        locale = l.code(),
                        name = list[i].name.clone()
                    )
                    .into_owned(),
                ));
                persist(list);
            }
            Err(e) => message.set(Some(e.message(l))),
        }
    };
    let open = move |i: usize| {
        if let Some(c) = saved.get_untracked().get(i) {
            filter.set(c.filter.clone());
            columns.set(c.columns.clone());
            name.set(c.name.clone());
            message.set(None);
        }
    };
    let rename = move || {
        let Some((i, new)) = editing.get_untracked() else {
            return;
        };
        let mut list = saved.get_untracked();
        match campaigns::rename(&mut list, i, &new) {
            Ok(()) => {
                editing.set(None);
                message.set(None);
                persist(list);
            }
            Err(e) => message.set(Some(e.message(lang.get_untracked()))),
        }
    };
    let delete = move |i: usize| {
        let mut list = saved.get_untracked();
        if i < list.len() {
            list.remove(i);
            editing.set(None);
            persist(list);
        }
    };

    // --- Views -------------------------------------------------------------------------
    let suggestion_buttons = move || {
        let l = lang.get();
        campaigns::suggestions()
            .into_iter()
            .map(|s| {
                let title = s.name(l);
                let action = s.action(l);
                let f = s.filter.clone();
                let n = title.clone();
                view! {
                    <li>
                        <button
                            class="campaigns__suggestion"
                            data-testid=format!("suggest-{}", s.slug)
                            on:click=move |_| {
                                filter.set(f.clone());
                                name.set(n.clone());
                                message.set(None);
                            }
                        >
                            <strong>{title}</strong>
                            <span>{action}</span>
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };

    let column_boxes = move || {
        let l = lang.get();
        Column::ALL
            .iter()
            .map(|&c| {
                let checked = move || columns.with(|cs| cs.contains(&c));
                view! {
                    <label class="field field--inline campaigns__check">
                        <input
                            type="checkbox"
                            data-testid=format!("column-{}", c.slug())
                            prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                columns.update(|cs| {
                                    cs.retain(|x| *x != c);
                                    if on {
                                        cs.push(c);
                                        cs.sort_by_key(|x| Column::ALL.iter().position(|y| y == x));
                                    }
                                });
                            }
                        />
                        {c.label(l)}
                    </label>
                }
            })
            .collect::<Vec<_>>()
    };

    let saved_list = move || {
        let l = lang.get();
        let list = saved.get();
        if list.is_empty() {
            return view! { <p class="panel__help">{t!("campaigns.none_saved", locale = l.code()).into_owned()}</p> }
                .into_any();
        }
        let rows = list
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let is_editing = editing.with(|e| e.as_ref().is_some_and(|(j, _)| *j == i));
                let label = c.name.clone();
                if is_editing {
                    view! {
                        <li class="campaigns__saved-row" data-testid="saved-campaign">
                            <label class="field field--inline">
                                <span class="visually-hidden">{t!("campaigns.new_name", locale = l.code()).into_owned()}</span>
                                <input
                                    type="text"
                                    data-testid="rename-input"
                                    prop:value=move || editing.with(|e| e.as_ref().map(|(_, n)| n.clone()).unwrap_or_default())
                                    on:input=move |ev| editing.set(Some((i, event_target_value(&ev))))
                                    on:keydown=move |ev| if ev.key() == "Enter" { rename() }
                                />
                            </label>
                            <button class="button button--small" data-testid="rename-ok" on:click=move |_| rename()>
                                {t!("campaigns.rename_ok", locale = l.code()).into_owned()}
                            </button>
                            <button class="button button--small" on:click=move |_| editing.set(None)>
                                {t!("campaigns.cancel", locale = l.code()).into_owned()}
                            </button>
                        </li>
                    }
                    .into_any()
                } else {
                    let for_open = t!("campaigns.open", locale = l.code()).into_owned();
                    let for_rename = t!("campaigns.rename", locale = l.code()).into_owned();
                    let for_delete = t!("campaigns.delete", locale = l.code()).into_owned();
                    view! {
                        <li class="campaigns__saved-row" data-testid="saved-campaign">
                            <span class="campaigns__saved-name" data-testid="saved-name">{label.clone()}</span>
                            <button class="button button--small" data-testid="saved-open" aria-label=format!("{for_open}: {label}") on:click=move |_| open(i)>
                                {for_open.clone()}
                            </button>
                            <button class="button button--small" data-testid="saved-rename" aria-label=format!("{for_rename}: {label}")
                                on:click={
                                    let label = label.clone();
                                    move |_| editing.set(Some((i, label.clone())))
                                }>
                                {for_rename.clone()}
                            </button>
                            <button class="button button--small button--danger" data-testid="saved-delete" aria-label=format!("{for_delete}: {label}") on:click=move |_| delete(i)>
                                {for_delete.clone()}
                            </button>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect::<Vec<_>>();
        view! { <ul class="campaigns__saved">{rows}</ul> }.into_any()
    };

    let preview = move || {
        let (Some(analysis), Some(data)) = (state.analysis.get(), state.dataset.get()) else {
            return Vec::new();
        };
        let profiles = customer_filter::profiles(&data);
        let (l, c) = (lang.get(), state.currency.get());
        audience.with(|au| {
            au.rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|&i| {
                    let m = &analysis.customers[i];
                    let p = profiles.get(m.customer as usize).copied().flatten();
                    let id = data.customer_ids.name(m.customer).to_owned();
                    let href = crate::ui::route::card_href(Selection::All, &id);
                    view! {
                        <tr data-testid="campaign-row">
                            <th scope="row"><a href=href>{id}</a></th>
                            <td>{p.and_then(|p| p.name.clone())}</td>
                            <td>{p.and_then(|p| p.phone.clone())}</td>
                            <td>{m.segment.map(|s| segment_name(s, l))}</td>
                            <td>{tier_name(m.tier, l)}</td>
                            <td class="num">{format::money(m.value, c, l)}</td>
                            <td class="num">{m.clv.map(|v| format::money(v, c, l))}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let more = move || {
        let n = audience.with(|a| a.rows.len().saturating_sub(PREVIEW_ROWS));
        (n > 0).then(|| {
            let l = lang.get();
            view! { <p class="panel__help">{t!("campaigns.preview_more", locale = l.code(), n = format::count(n, l)).into_owned()}</p> }
        })
    };

    view! {
        <section class="page campaigns">
            <h1 class="page__title">{text("campaigns.title")}</h1>
            <p class="page__subtitle">{text("campaigns.subtitle")}</p>

            <section class="panel" aria-labelledby="campaigns-suggested">
                <h2 class="panel__title" id="campaigns-suggested">{text("campaigns.suggested")}</h2>
                <p class="panel__help">{text("campaigns.suggested_help")}</p>
                <ul class="campaigns__suggestions">{suggestion_buttons}</ul>
            </section>

            <section class="panel" aria-labelledby="campaigns-filters">
                <h2 class="panel__title" id="campaigns-filters">{text("campaigns.filters")}</h2>
                <FilterPanel filter=filter on_clear=Callback::new(move |()| name.set(String::new())) />
            </section>

            <div class="kpi-grid" aria-live="polite">
                <KpiCard
                    label=Signal::derive(text("campaigns.kpi_customers"))
                    value=Signal::derive(move || format::count(totals().customers, lang.get()))
                    testid="campaign-count"
                />
                <KpiCard
                    label=Signal::derive(text("campaigns.kpi_value"))
                    value=Signal::derive(move || format::money(totals().value, state.currency.get(), lang.get()))
                    testid="campaign-value"
                />
                <KpiCard
                    label=Signal::derive(text("campaigns.kpi_clv"))
                    value=Signal::derive(move || format::money(totals().clv, state.currency.get(), lang.get()))
                    testid="campaign-clv"
                />
            </div>
            <p class="notice campaigns__consent" data-testid="campaign-consent">
                {move || {
                    let l = lang.get();
                    audience.with(|a| format!(
                        "{} {}",
                        plural(
                            t!("campaigns.matching", locale = l.code(), n = format::count(a.matching, l)),
                            &[("n", a.matching)],
                        ),
                        campaigns::consent_note(a, l)
                    ))
                }}
            </p>

            <div class="page-grid campaigns__grid">
                <section class="panel" aria-labelledby="campaigns-export">
                    <h2 class="panel__title" id="campaigns-export">{text("campaigns.export")}</h2>
                    <fieldset class="campaigns__columns">
                        <legend class="field__label">{text("campaigns.columns")}</legend>
                        {column_boxes}
                    </fieldset>
                    <label class="field field--inline campaigns__override">
                        <input
                            type="checkbox"
                            data-testid="include-without-consent"
                            prop:checked=include_all
                            on:change=move |ev| include_all.set(event_target_checked(&ev))
                        />
                        {text("campaigns.override")}
                    </label>
                    <div class="campaigns__actions">
                        <button class="button button--primary" data-testid="campaign-export" on:click=export>
                            {text("campaigns.export_csv")}
                        </button>
                        <button class="button" data-testid="campaign-copy-phones" on:click=copy_phones>
                            {text("campaigns.copy_phones")}
                        </button>
                    </div>
                </section>
                <section class="panel" aria-labelledby="campaigns-saved">
                    <h2 class="panel__title" id="campaigns-saved">{text("campaigns.saved")}</h2>
                    <p class="panel__help">{text("campaigns.saved_help")}</p>
                    <div class="campaigns__save">
                        <label class="field">
                            <span class="field__label">{text("campaigns.name")}</span>
                            <input
                                type="text"
                                data-testid="campaign-name"
                                prop:value=name
                                on:input=move |ev| name.set(event_target_value(&ev))
                            />
                        </label>
                        <button class="button button--small" data-testid="campaign-save" on:click=save>
                            {text("campaigns.save")}
                        </button>
                    </div>
                    {saved_list}
                </section>
            </div>
            <p class="campaigns__message" role="status" data-testid="campaign-message">{move || message.get()}</p>

            <section class="panel" aria-labelledby="campaigns-preview">
                <h2 class="panel__title" id="campaigns-preview">{text("campaigns.preview")}</h2>
                <div class="table-scroll">
                    <table class="table campaigns__table" aria-labelledby="campaigns-preview">
                        <thead>
                            <tr>
                                <th scope="col">{text("customers.col_id")}</th>
                                <th scope="col">{text("customers.col_name")}</th>
                                <th scope="col">{text("card.phone")}</th>
                                <th scope="col">{text("customers.col_segment")}</th>
                                <th scope="col">{text("customers.col_tier")}</th>
                                <th scope="col" class="num">{text("customers.col_value")}</th>
                                <th scope="col" class="num">{text("customers.col_clv")}</th>
                            </tr>
                        </thead>
                        <tbody>{preview}</tbody>
                    </table>
                </div>
                {move || audience.with(|a| a.rows.is_empty()).then(|| view! { <p class="notice">{text("campaigns.empty")}</p> })}
                {more}
            </section>
        </section>
    }
}
