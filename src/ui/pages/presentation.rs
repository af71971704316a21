//! Presentación: the diagnosis as full-screen slides for a consultant.
//!
//! The slide list is pure ([`crate::slides::slides`]); this page shows one slide at a time,
//! moves with the keyboard (arrows, Page Up/Down, space, Home/End), enters full screen with the
//! button or "F" (Fullscreen API on the presentation element) and leaves with Escape. While it
//! is mounted `<body>` carries the class `presenting`, which hides the app header
//! (style/presentation.css).

use crate::charts::palette;
use crate::format;
use crate::i18n::plural;
use crate::selection::segment_name;
use crate::slides::{self, ChartKind, Slide, campaign_action};
use crate::ui::route::Route;
use crate::ui::{AppState, EChart};
use charming::Chart;
use leptos::html::Section;
use leptos::prelude::*;
use rust_i18n::t;

/// Class on `<body>` while the presentation is mounted.
const BODY_CLASS: &str = "presenting";

/// Leaves full screen, if the document is in it.
fn exit_fullscreen() {
    let document = document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    }
}

/// The presentation page.
#[component]
pub fn Presentation() -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();

    let deck = Memo::new(move |_| {
        let profiles = state.dataset.get();
        state
            .analysis
            .get()
            .map(|a| slides::slides(&a, profiles.as_ref().map_or(&[][..], |d| &d.customers)))
            .unwrap_or_default()
    });
    let index = RwSignal::new(0usize);
    let total = move || deck.with(Vec::len);
    let go = move |to: usize| index.set(to.min(total().saturating_sub(1)));
    let next = move || go(index.get_untracked() + 1);
    let previous = move || go(index.get_untracked().saturating_sub(1));
    let current = Memo::new(move |_| deck.with(|d| d.get(index.get()).cloned()));

    let root = NodeRef::<Section>::new();
    let fullscreen = move || {
        if let Some(element) = root.get_untracked() {
            let _ = element.request_fullscreen();
        }
    };
    let leave = move || {
        exit_fullscreen();
        let _ = window().location().set_hash(Route::Summary.href());
    };

    if let Some(body) = document().body() {
        let _ = body.class_list().add_1(BODY_CLASS);
    }
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if e.ctrl_key() || e.alt_key() || e.meta_key() {
            return;
        }
        let key = e.key();
        // Space on a focused button activates the button itself.
        let on_button = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| el.tag_name() == "BUTTON" || el.tag_name() == "A");
        match key.as_str() {
            " " if on_button => return,
            "ArrowRight" | "ArrowDown" | "PageDown" | " " => next(),
            "ArrowLeft" | "ArrowUp" | "PageUp" => previous(),
            "Home" => go(0),
            "End" => go(usize::MAX),
            "Escape" => leave(),
            "f" | "F" => fullscreen(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || {
        keys.remove();
        exit_fullscreen();
        if let Some(body) = document().body() {
            let _ = body.class_list().remove_1(BODY_CLASS);
        }
    });

    let at_end = move || index.get() + 1 >= total();
    let counter = move || format!("{} / {}", index.get() + 1, total());
    let counter_label = move || {
        t!(
            "presentation.counter",
            locale = lang.get().code(),
            n = index.get() + 1,
            total = total()
        )
        .into_owned()
    };
    let slug = move || current.get().map(|s| s.slug()).unwrap_or_default();

    view! {
        <section
            class="page presentation"
            node_ref=root
            aria-label=text("presentation.label")
            data-testid="presentation"
        >
            <div class="presentation__slide" data-testid="slide" data-slide=slug aria-live="polite">
                {move || match current.get() {
                    Some(slide) => view! { <SlideView slide=slide number=index.get_untracked() /> }.into_any(),
                    None => view! { <p class="presentation__empty">{text("presentation.no_data")}</p> }.into_any(),
                }}
            </div>
            <footer class="presentation__bar">
                <button
                    class="button button--small"
                    data-testid="slide-previous"
                    disabled=move || index.get() == 0
                    on:click=move |_| previous()
                >
                    "← "{text("presentation.previous")}
                </button>
                <span class="presentation__counter" data-testid="slide-counter" role="status" aria-label=counter_label>
                    {counter}
                </span>
                <button
                    class="button button--small"
                    data-testid="slide-next"
                    disabled=at_end
                    on:click=move |_| next()
                >
                    {text("presentation.next")}" →"
                </button>
                <span class="presentation__keys">{text("presentation.keys")}</span>
                <button class="button button--small button--primary" data-testid="presentation-start" on:click=move |_| fullscreen()>
                    {text("presentation.start")}
                </button>
                <button class="button button--small" data-testid="presentation-leave" on:click=move |_| leave()>
                    {text("presentation.leave")}
                </button>
            </footer>
        </section>
    }
}

/// The chart of a slide, drawn from the current analysis.
#[component]
fn SlideChart(kind: ChartKind) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let chart = Signal::derive(move || {
        state
            .analysis
            .get()
            .map(|a| slides::chart(kind, &a, lang.get(), state.currency.get()))
            .unwrap_or_else(Chart::new)
    });
    view! {
        <div class=format!("presentation__chart presentation__chart--{}", kind.slug())>
            <EChart chart=chart label=Signal::derive(move || kind.label(lang.get())) testid="slide-chart" />
        </div>
    }
}

/// One slide.
#[component]
fn SlideView(slide: Slide, number: usize) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang;
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    match slide {
        Slide::Cover => {
            let client = move || {
                state
                    .workspace
                    .get()
                    .map(|w| w.name)
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| t!("presentation.client_unknown", locale = lang.get().code()).into_owned())
            };
            let date = move || {
                state.analysis.get().map(|a| {
                    t!("presentation.date", locale = lang.get().code(), date = format::date(a.as_of, lang.get()))
                        .into_owned()
                })
            };
            let window = move || {
                state.analysis.get().map(|a| {
                    t!(
                        "presentation.window",
                        locale = lang.get().code(),
                        start = format::date(a.window_start + 1, lang.get()),
                        end = format::date(a.as_of, lang.get())
                    )
                    .into_owned()
                })
            };
            view! {
                <div class="presentation__cover">
                    <p class="presentation__kicker">{text("presentation.diagnosis")}</p>
                    <h1 class="presentation__client" data-testid="cover-client">{client}</h1>
                    <p class="presentation__date" data-testid="cover-date">{date}</p>
                    <p class="presentation__window">{window}</p>
                </div>
            }
            .into_any()
        }
        Slide::Finding { finding, chart } => {
            let words = {
                let finding = finding.clone();
                move || finding.text(lang.get(), state.currency.get())
            };
            let headline = {
                let words = words.clone();
                move || words().headline
            };
            let detail = move || words().detail;
            let kicker = move || t!("presentation.finding_of", locale = lang.get().code(), n = number).into_owned();
            view! {
                <div class=format!("presentation__finding presentation__finding--{}", finding.slug())>
                    <p class="presentation__kicker">{kicker}</p>
                    <h1 class="presentation__headline" data-testid="slide-headline">{headline}</h1>
                    <p class="presentation__detail" data-testid="slide-detail">{detail}</p>
                    <SlideChart kind=chart />
                </div>
            }
            .into_any()
        }
        Slide::Chart(kind) => view! {
            <div class="presentation__finding">
                <p class="presentation__kicker">{text("presentation.chart_kicker")}</p>
                <h1 class="presentation__headline" data-testid="slide-headline">{move || kind.title(lang.get())}</h1>
                <SlideChart kind=kind />
            </div>
        }
        .into_any(),
        Slide::Campaigns(rows) => view! {
            <div class="presentation__campaigns">
                <h1 class="presentation__headline" data-testid="slide-headline">{text("presentation.campaigns_title")}</h1>
                <ul class="presentation__campaign-list" data-testid="campaigns">
                    {rows
                        .into_iter()
                        .map(|(segment, customers)| {
                            view! {
                                <li class="presentation__campaign">
                                    <span class="presentation__segment" style=format!("background:{}", palette::segment(segment))>
                                        {move || segment_name(segment, lang.get())}
                                    </span>
                                    <span class="presentation__customers">
                                        {move || plural(t!("presentation.campaigns_customers", locale = lang.get().code(), n = format::count(customers, lang.get())), &[("n", customers)])}
                                    </span>
                                    <span class="presentation__action">{move || campaign_action(segment, lang.get())}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
        .into_any(),
    }
}
