//! Ajustes: analysis date and window, score method, pyramid cuts, satisfaction rules, overdue
//! signal, currency and language. Every accepted change recomputes the whole analysis; a refused
//! value (rules in `crate::settings`) changes nothing and says why.

use crate::engine::{Params, SatisfactionMode, SatisfiedWhen, Scoring, TierCuts};
use crate::format;
use crate::import::Lang;
use crate::model::{SatisfactionScale, date_from_day, day_from_date};
use crate::settings::{self, MAX_WINDOW_MONTHS, suggested_thresholds};
use crate::ui::AppState;
use crate::ui::ahead::prepare_windows_ahead;
use leptos::prelude::*;
use rust_i18n::t;

/// A number typed in a field (a comma is read as the decimal mark).
fn typed(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
}

/// A satisfaction scale's name (`1 a 5`).
fn scale_name(scale: SatisfactionScale, lang: Lang) -> String {
    let key = match scale {
        SatisfactionScale::OneToFive => "settings.scale_5",
        SatisfactionScale::OneToSeven => "settings.scale_7",
        SatisfactionScale::ZeroToTen => "settings.scale_10",
    };
    t!(key, locale = lang.code()).into_owned()
}

/// The settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let refusal = RwSignal::new(None::<settings::Refusal>);
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    // Applies `change` to a copy of the parameters; refused values leave them as they were.
    let change = move |change: Box<dyn FnOnce(&mut Params)>| {
        let mut params = state.params.get_untracked();
        change(&mut params);
        refusal.set(state.apply_params(params).err());
    };
    let params = state.params;
    prepare_windows_ahead(state);
    let last_sale = Memo::new(move |_| {
        state
            .dataset
            .with(|d| d.as_ref().and_then(|d| d.last_sale_day()))
    });

    let as_of_value = move || {
        params
            .with(|p| p.as_of)
            .or(last_sale.get())
            .map(|d| date_from_day(d).format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let as_of_help = move || {
        last_sale.get().map(|d| {
            t!(
                "settings.as_of_help",
                locale = lang.get().code(),
                date = format::date(d, lang.get())
            )
            .into_owned()
        })
    };
    let share_field = move |key: &'static str,
                            testid: &'static str,
                            get: fn(&TierCuts) -> f64,
                            set: fn(&mut TierCuts, f64)| {
        view! {
            <label class="field">
                <span class="field__label">{text(key)}</span>
                <input
                    type="number" min="0" max="100" step="0.5" inputmode="decimal"
                    data-testid=testid
                    prop:value=move || format!("{}", (get(&params.with(|p| p.tier_cuts)) * 1000.0).round() / 10.0)
                    on:change=move |ev| match typed(&event_target_value(&ev)) {
                        Some(v) => change(Box::new(move |p| set(&mut p.tier_cuts, v / 100.0))),
                        None => refusal.set(Some(settings::Refusal::NegativeCut)),
                    }
                />
            </label>
        }
    };
    let plomo = move || {
        let c = params.with(|p| p.tier_cuts);
        let rest = (1.0 - c.platino - c.oro - c.hierro).max(0.0);
        t!(
            "settings.plomo_rest",
            locale = lang.get().code(),
            share = format::percent(rest, lang.get())
        )
        .into_owned()
    };
    let thresholds = move || match params.get().scoring {
        Scoring::Quintiles => None,
        Scoring::Thresholds {
            recency_days,
            frequency,
            value,
        } => {
            let row = move |what: &'static str, values: [f64; 4], which: usize| {
                let inputs = (0..4)
                    .map(|i| {
                        let label = move || {
                            t!("settings.threshold_n", locale = lang.get().code(), n = i + 1, what = t!(what, locale = lang.get().code())).into_owned()
                        };
                        view! {
                            <input
                                type="number" min="0" step="any" inputmode="decimal" class="settings__threshold"
                                aria-label=label
                                data-testid=format!("threshold-{which}-{i}")
                                prop:value=values[i].to_string()
                                on:change=move |ev| {
                                    let Some(v) = typed(&event_target_value(&ev)) else {
                                        refusal.set(Some(settings::Refusal::Thresholds));
                                        return;
                                    };
                                    change(Box::new(move |p| {
                                        if let Scoring::Thresholds { recency_days, frequency, value } = &mut p.scoring {
                                            match which {
                                                0 => recency_days[i] = v.max(0.0) as u32,
                                                1 => frequency[i] = v.max(0.0) as u32,
                                                _ => value[i] = v,
                                            }
                                        }
                                    }))
                                }
                            />
                        }
                    })
                    .collect_view();
                view! {
                    <div class="settings__threshold-row">
                        <span class="field__label">{text(what)}</span>
                        {inputs}
                    </div>
                }
            };
            Some(view! {
                <p class="panel__help">{text("settings.thresholds_help")}</p>
                {row("settings.threshold_recency", recency_days.map(f64::from), 0)}
                {row("settings.threshold_frequency", frequency.map(f64::from), 1)}
                {row("settings.threshold_value", value, 2)}
            })
        }
    };

    view! {
        <section class="page settings">
            <h1 class="page__title">{text("settings.title")}</h1>
            <p class="page__subtitle">{text("settings.subtitle")}</p>
            {move || refusal.get().map(|r| view! {
                <p class="notice notice--error" role="alert" data-testid="settings-refusal">{r.message(lang.get())}</p>
            })}
            <div class="page-grid">
                <section class="panel">
                    <h2 class="panel__title">{text("settings.analysis")}</h2>
                    <div class="settings__fields">
                        <label class="field">
                            <span class="field__label">{text("settings.as_of")}</span>
                            <input
                                type="date"
                                data-testid="as-of"
                                prop:value=as_of_value
                                on:change=move |ev| {
                                    let typed = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                                    if let Some(date) = typed {
                                        change(Box::new(move |p| p.as_of = Some(day_from_date(date))));
                                    }
                                }
                            />
                        </label>
                        <button class="button button--small" data-testid="as-of-latest" on:click=move |_| change(Box::new(|p| p.as_of = None))>
                            {text("settings.as_of_latest")}
                        </button>
                    </div>
                    <p class="panel__help">{as_of_help}</p>
                    <label class="field">
                        <span class="field__label">{text("settings.window")}</span>
                        <input
                            type="number" min="1" max=MAX_WINDOW_MONTHS step="1"
                            data-testid="window-months"
                            prop:value=move || params.with(|p| p.window_months).to_string()
                            on:change=move |ev| {
                                let months = typed(&event_target_value(&ev)).map_or(0, |v| v.max(0.0) as u32);
                                change(Box::new(move |p| p.window_months = months));
                            }
                        />
                    </label>
                    <p class="panel__help">{text("settings.window_help")}</p>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{text("settings.scoring")}</h2>
                    <label class="field">
                        <span class="field__label">{text("settings.scoring_method")}</span>
                        <select
                            data-testid="scoring"
                            on:change=move |ev| {
                                let thresholds = event_target_value(&ev) == "thresholds";
                                change(Box::new(move |p| {
                                    p.scoring = if thresholds { suggested_thresholds() } else { Scoring::Quintiles };
                                }));
                            }
                        >
                            <option value="quintiles" selected=move || params.with(|p| p.scoring == Scoring::Quintiles)>{text("settings.scoring_quintiles")}</option>
                            <option value="thresholds" selected=move || params.with(|p| p.scoring != Scoring::Quintiles)>{text("settings.scoring_thresholds")}</option>
                        </select>
                    </label>
                    {thresholds}
                </section>
                <section class="panel">
                    <h2 class="panel__title">{text("settings.pyramid")}</h2>
                    <p class="panel__help">{text("settings.pyramid_help")}</p>
                    <div class="settings__fields">
                        {share_field("tier.platino", "cut-platino", |c| c.platino, |c, v| c.platino = v)}
                        {share_field("tier.oro", "cut-oro", |c| c.oro, |c, v| c.oro = v)}
                        {share_field("tier.hierro", "cut-hierro", |c| c.hierro, |c, v| c.hierro = v)}
                        <span class="settings__rest" data-testid="cut-plomo">{plomo}</span>
                    </div>
                    <button class="button button--small" data-testid="cuts-practitioner" on:click=move |_| change(Box::new(|p| p.tier_cuts = TierCuts::practitioner()))>
                        {text("settings.practitioner")}
                    </button>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{text("settings.satisfaction")}</h2>
                    <label class="field">
                        <span class="field__label">{text("settings.satisfaction_mode")}</span>
                        <select data-testid="satisfaction-mode" on:change=move |ev| {
                            let mean = event_target_value(&ev) == "mean";
                            change(Box::new(move |p| p.satisfaction_mode = if mean { SatisfactionMode::WindowMean } else { SatisfactionMode::Latest }));
                        }>
                            <option value="latest" selected=move || params.with(|p| p.satisfaction_mode == SatisfactionMode::Latest)>{text("settings.mode_latest")}</option>
                            <option value="mean" selected=move || params.with(|p| p.satisfaction_mode == SatisfactionMode::WindowMean)>{text("settings.mode_mean")}</option>
                        </select>
                    </label>
                    <label class="field">
                        <span class="field__label">{text("settings.satisfied_when")}</span>
                        <select data-testid="satisfied-when" on:change=move |ev| {
                            let four = event_target_value(&ev) == "four";
                            change(Box::new(move |p| p.satisfied_when = if four { SatisfiedWhen::AtLeastFour } else { SatisfiedWhen::Affection }));
                        }>
                            <option value="affection" selected=move || params.with(|p| p.satisfied_when == SatisfiedWhen::Affection)>{text("settings.satisfied_affection")}</option>
                            <option value="four" selected=move || params.with(|p| p.satisfied_when == SatisfiedWhen::AtLeastFour)>{text("settings.satisfied_four")}</option>
                        </select>
                    </label>
                    <label class="field">
                        <span class="field__label">{text("settings.survey_scale")}</span>
                        <select data-testid="survey-scale" on:change=move |ev| {
                            let chosen = match event_target_value(&ev).as_str() {
                                "5" => Some(SatisfactionScale::OneToFive),
                                "7" => Some(SatisfactionScale::OneToSeven),
                                "10" => Some(SatisfactionScale::ZeroToTen),
                                _ => None,
                            };
                            change(Box::new(move |p| p.survey_scale = chosen));
                        }>
                            <option value="file" selected=move || params.with(|p| p.survey_scale.is_none())>
                                {move || {
                                    let read = state.dataset.with(|d| d.as_ref().map(|d| d.survey_scale));
                                    let name = read.map(|s| scale_name(s, lang.get())).unwrap_or_default();
                                    t!("settings.scale_as_read", locale = lang.get().code(), scale = name).into_owned()
                                }}
                            </option>
                            {[SatisfactionScale::OneToFive, SatisfactionScale::OneToSeven, SatisfactionScale::ZeroToTen].into_iter().map(|s| {
                                let value = match s {
                                    SatisfactionScale::OneToFive => "5",
                                    SatisfactionScale::OneToSeven => "7",
                                    SatisfactionScale::ZeroToTen => "10",
                                };
                                view! { <option value=value selected=move || params.with(|p| p.survey_scale == Some(s))>{move || scale_name(s, lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field__label">{text("settings.loyalty_threshold")}</span>
                        <input
                            type="number" min="1" max="5" step="0.5" inputmode="decimal"
                            data-testid="loyalty-threshold"
                            prop:value=move || params.with(|p| p.loyalty_threshold).to_string()
                            on:change=move |ev| {
                                let v = typed(&event_target_value(&ev)).unwrap_or(f64::NAN);
                                change(Box::new(move |p| p.loyalty_threshold = v));
                            }
                        />
                    </label>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{text("settings.churn")}</h2>
                    <label class="field">
                        <span class="field__label">{text("settings.overdue_min")}</span>
                        <input
                            type="number" min="2" step="1"
                            data-testid="overdue-min"
                            prop:value=move || params.with(|p| p.overdue_min_purchases).to_string()
                            on:change=move |ev| {
                                let v = typed(&event_target_value(&ev)).map_or(0, |v| v.max(0.0) as u32);
                                change(Box::new(move |p| p.overdue_min_purchases = v));
                            }
                        />
                    </label>
                    <label class="field">
                        <span class="field__label">{text("settings.overdue_factor")}</span>
                        <input
                            type="number" min="0.5" step="0.5" inputmode="decimal"
                            data-testid="overdue-factor"
                            prop:value=move || params.with(|p| p.overdue_gap_factor).to_string()
                            on:change=move |ev| {
                                let v = typed(&event_target_value(&ev)).unwrap_or(f64::NAN);
                                change(Box::new(move |p| p.overdue_gap_factor = v));
                            }
                        />
                    </label>
                </section>
                <section class="panel">
                    <h2 class="panel__title">{text("settings.display")}</h2>
                    <label class="field">
                        <span class="field__label">{text("settings.currency")}</span>
                        <select data-testid="currency" on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            if let Some(c) = settings::CURRENCIES.into_iter().find(|c| *c == chosen) {
                                state.set_currency(c);
                            }
                        }>
                            {settings::CURRENCIES.into_iter().map(|c| view! {
                                <option value=c selected=move || state.currency.get() == c>{c}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field__label">{text("app.language")}</span>
                        <select data-testid="settings-language" on:change=move |ev| {
                            if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                                state.set_lang(l);
                            }
                        }>
                            {Lang::ALL.into_iter().map(|l| {
                                let key = format!("app.language_name.{}", l.code());
                                view! { <option value=l.code() selected=move || lang.get() == l>{t!(key, locale = l.code()).into_owned()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </section>
            </div>
            <button class="button" data-testid="settings-restore" on:click=move |_| change(Box::new(|p| *p = Params::default()))>
                {text("settings.restore")}
            </button>
        </section>
    }
}
