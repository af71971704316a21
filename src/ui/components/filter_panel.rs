//! The filter panel shared by Clientes and Campañas: the analysis groups, numeric conditions
//! on any metric, and the customer file's profile fields, editing one
//! [`crate::customer_filter::Filter`]. Profile controls appear only for fields the customer
//! file fills.

use crate::customer_filter::{
    self, Filter, HOUSEHOLDS, INSURANCES, MOTIVES, Metric, Range, TextField, household_name,
    insurance_name, motive_name,
};
use crate::engine::{Quadrant, Segment, Tier, Zone};
use crate::import::Lang;
use crate::selection::{
    ValueClass, class_name, class_slug, quadrant_name, quadrant_slug, segment_name, segment_slug,
    tier_name, tier_slug, zone_name, zone_slug,
};
use crate::ui::AppState;
use leptos::prelude::*;
use rust_i18n::t;

/// A `<select>` whose first option means "any" (value `""`).
fn choice(
    lang: RwSignal<Lang>,
    label: impl Fn(Lang) -> String + Send + Sync + 'static,
    testid: String,
    options: impl Fn(Lang) -> Vec<(String, String)> + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(String) + Send + Sync + 'static,
) -> impl IntoView {
    let value = Signal::derive(value);
    view! {
        <label class="field">
            <span class="field__label">{move || label(lang.get())}</span>
            <select data-testid=testid prop:value=move || value.get() on:change=move |ev| set(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>
                    {move || t!("filter.any", locale = lang.get().code()).into_owned()}
                </option>
                {move || {
                    let current = value.get();
                    options(lang.get())
                        .into_iter()
                        .map(|(v, label)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{label}</option> }
                        })
                        .collect::<Vec<_>>()
                }}
            </select>
        </label>
    }
}

/// A [`choice`] over an enum condition of the filter: `all` pairs each value with its stable
/// name, `get` / `set` read and write the condition.
fn enum_choice<T: Copy + PartialEq + Send + Sync + 'static>(
    filter: RwSignal<Filter>,
    lang: RwSignal<Lang>,
    key: &'static str,
    all: Vec<(T, &'static str)>,
    name: fn(T, Lang) -> String,
    get: fn(&Filter) -> Option<T>,
    set: fn(&mut Filter, Option<T>),
) -> impl IntoView {
    let options = all.clone();
    let slugs = all.clone();
    choice(
        lang,
        move |l| t!(key, locale = l.code()).into_owned(),
        format!(
            "filter-{}",
            key.trim_start_matches("filter.").replace('_', "-")
        ),
        move |l| {
            options
                .iter()
                .map(|&(x, slug)| (slug.to_owned(), name(x, l)))
                .collect()
        },
        move || {
            filter.with(|f| {
                get(f)
                    .and_then(|x| all.iter().find(|(y, _)| *y == x))
                    .map_or("", |(_, slug)| slug)
                    .to_owned()
            })
        },
        move |v| {
            let x = slugs.iter().find(|(_, slug)| *slug == v).map(|(x, _)| *x);
            filter.update(|f| set(f, x));
        },
    )
}

/// Pairs of values and their stable names.
fn named<T: Copy>(all: &[T], slug: fn(T) -> &'static str) -> Vec<(T, &'static str)> {
    all.iter().map(|&x| (x, slug(x))).collect()
}

/// The numeric conditions: one row per [`Range`] (metric, minimum, maximum, remove) and a
/// button that adds one.
#[component]
fn Ranges(filter: RwSignal<Filter>, lang: RwSignal<Lang>) -> impl IntoView {
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let count = Memo::new(move |_| filter.with(|f| f.ranges.len()));
    let row = move |i: usize| {
        let metric = move || filter.with(|f| f.ranges.get(i).map(|r| r.metric));
        // One bound's field: `name` is "min" or "max" (label key and test hook).
        let bound = move |name: &'static str,
                          get: fn(&Range) -> Option<f64>,
                          set: fn(&mut Range, Option<f64>)| {
            let label = if name == "min" {
                "filter.min"
            } else {
                "filter.max"
            };
            view! {
                <label class="field">
                    <span class="field__label">{text(label)}</span>
                    <input
                        type="text"
                        inputmode="decimal"
                        data-testid=format!("range-{name}-{i}")
                        prop:value=move || filter.with(|f| {
                            f.ranges.get(i).and_then(get).map(|v| v.to_string()).unwrap_or_default()
                        })
                        on:change=move |ev| {
                            let v = customer_filter::parse_bound(&event_target_value(&ev));
                            filter.update(|f| {
                                if let Some(r) = f.ranges.get_mut(i) {
                                    set(r, v);
                                }
                            });
                        }
                    />
                </label>
            }
        };
        let metric_name = move || metric().map(|m| m.name(lang.get())).unwrap_or_default();
        view! {
            <div class="filters__range" data-testid="filter-range">
                <label class="field">
                    <span class="field__label">{text("filter.metric")}</span>
                    <select
                        data-testid=format!("range-metric-{i}")
                        prop:value=move || metric().map(Metric::slug).unwrap_or_default()
                        on:change=move |ev| {
                            let m = Metric::from_slug(&event_target_value(&ev));
                            filter.update(|f| {
                                if let (Some(r), Some(m)) = (f.ranges.get_mut(i), m) {
                                    r.metric = m;
                                }
                            });
                        }
                    >
                        {move || {
                            let (l, current) = (lang.get(), metric());
                            Metric::ALL
                                .into_iter()
                                .map(|m| view! { <option value=m.slug() selected=current == Some(m)>{m.name(l)}</option> })
                                .collect::<Vec<_>>()
                        }}
                    </select>
                </label>
                {bound("min", |r| r.min, |r, v| r.min = v)}
                {bound("max", |r| r.max, |r, v| r.max = v)}
                <button
                    class="button button--small filters__remove"
                    data-testid=format!("range-remove-{i}")
                    aria-label=move || t!("filter.remove_range_label", locale = lang.get().code(), metric = metric_name()).into_owned()
                    on:click=move |_| filter.update(|f| {
                        if i < f.ranges.len() {
                            f.ranges.remove(i);
                        }
                    })
                >
                    {text("filter.remove_range")}
                </button>
            </div>
        }
    };
    view! {
        <fieldset class="filters__group">
            <legend class="field__label">{text("filter.ranges")}</legend>
            <p class="panel__help">{text("filter.ranges_help")}</p>
            {move || (0..count.get()).map(row).collect::<Vec<_>>()}
            <button
                class="button button--small"
                data-testid="range-add"
                on:click=move |_| filter.update(|f| {
                    // Offer the first metric not yet bounded.
                    let metric = Metric::ALL
                        .into_iter()
                        .find(|m| f.ranges.iter().all(|r| r.metric != *m))
                        .unwrap_or(Metric::Value);
                    f.ranges.push(Range { metric, min: None, max: None });
                })
            >
                {text("filter.add_range")}
            </button>
        </fieldset>
    }
}

/// The filter panel editing `filter`; `on_clear` also runs when the user clears the filters.
#[component]
pub fn FilterPanel(
    /// The conditions edited.
    filter: RwSignal<Filter>,
    /// Runs after "clear filters" (e.g. to forget a campaign's name).
    #[prop(optional)]
    on_clear: Option<Callback<()>>,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let fields = Memo::new(move |_| {
        state
            .dataset
            .get()
            .map(|d| customer_filter::profile_fields(&d))
            .unwrap_or_default()
    });
    let has_profiles = Memo::new(move |_| {
        state
            .dataset
            .with(|d| d.as_ref().is_some_and(|d| !d.customers.is_empty()))
    });
    let text_choices = Memo::new(move |_| {
        state
            .dataset
            .get()
            .map(|d| {
                TextField::ALL
                    .into_iter()
                    .map(|t| (t, customer_filter::choices(&d, t)))
                    .filter(|(_, v)| !v.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });

    let groups = view! {
        <fieldset class="filters__group">
            <legend class="field__label">{text("filter.groups")}</legend>
            <div class="filters__grid">
                {enum_choice(filter, lang, "filter.segment", named(&Segment::ALL, segment_slug), segment_name, |f| f.segment, |f, x| f.segment = x)}
                {enum_choice(filter, lang, "filter.tier", named(&Tier::ALL, tier_slug), tier_name, |f| f.tier, |f, x| f.tier = x)}
                {enum_choice(filter, lang, "filter.zone", named(&Zone::ALL, zone_slug), zone_name, |f| f.zone, |f, x| f.zone = x)}
                {enum_choice(filter, lang, "filter.quadrant", named(&Quadrant::ALL, quadrant_slug), quadrant_name, |f| f.quadrant, |f, x| f.quadrant = x)}
                {enum_choice(filter, lang, "filter.class", named(&ValueClass::ALL, class_slug), class_name, |f| f.class, |f, x| f.class = x)}
            </div>
            <label class="field field--inline filters__check">
                <input
                    type="checkbox"
                    data-testid="filter-overdue"
                    prop:checked=move || filter.with(|f| f.overdue)
                    on:change=move |ev| { let on = event_target_checked(&ev); filter.update(|f| f.overdue = on) }
                />
                {text("filter.overdue")}
            </label>
        </fieldset>
    };

    let profile = move || {
        let f = fields.get();
        has_profiles.get().then(|| view! {
            <fieldset class="filters__group">
                <legend class="field__label">{text("filter.profile")}</legend>
                <div class="filters__grid">
                    {f.motive.then(|| enum_choice(filter, lang, "filter.motive", MOTIVES.to_vec(), motive_name, |f| f.motive, |f, x| f.motive = x))}
                    {f.insurance.then(|| enum_choice(filter, lang, "filter.insurance", INSURANCES.to_vec(), insurance_name, |f| f.insurance, |f, x| f.insurance = x))}
                    {f.household.then(|| enum_choice(filter, lang, "filter.household", HOUSEHOLDS.to_vec(), household_name, |f| f.household, |f, x| f.household = x))}
                    {f.family_size.then(|| view! {
                        <label class="field">
                            <span class="field__label">{text("filter.min_family")}</span>
                            <input
                                type="number"
                                min="1"
                                max="20"
                                data-testid="filter-min-family"
                                prop:value=move || filter.with(|f| f.min_family.map(|n| n.to_string()).unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    filter.update(|f| f.min_family = v.trim().parse::<u8>().ok().filter(|n| *n > 0));
                                }
                            />
                        </label>
                    })}
                    {enum_choice(
                        filter,
                        lang,
                        "filter.consent",
                        vec![(true, "yes"), (false, "no")],
                        |yes, l| t!(if yes { "filter.consent_yes" } else { "filter.consent_no" }, locale = l.code()).into_owned(),
                        |f| f.consent,
                        |f, x| f.consent = x,
                    )}
                    {move || text_choices.get().into_iter().map(|(field, values)| {
                        choice(
                            lang,
                            move |l| t!(field.label_key(), locale = l.code()).into_owned(),
                            format!("filter-{}", field.slug().replace('_', "-")),
                            move |_| values.iter().map(|v| (v.clone(), v.clone())).collect(),
                            move || filter.with(|f| field.get(f).clone().unwrap_or_default()),
                            move |v| filter.update(|f| *field.slot(f) = (!v.is_empty()).then_some(v)),
                        )
                    }).collect::<Vec<_>>()}
                </div>
            </fieldset>
        })
    };

    view! {
        <div class="filters" data-testid="filter-panel">
            {groups}
            {profile}
            <Ranges filter=filter lang=lang />
            <div class="filters__actions">
                <button
                    class="button button--small"
                    data-testid="filter-clear"
                    on:click=move |_| {
                        filter.set(Filter::default());
                        if let Some(cb) = on_clear {
                            cb.run(());
                        }
                    }
                >
                    {text("filter.clear")}
                </button>
            </div>
        </div>
    }
}
