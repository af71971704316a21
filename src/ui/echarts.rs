//! ECharts bindings, the `<EChart>` component and the `<ChartCard>` around it.
//!
//! charming builds the option (a plain serde value); this module hands it to the vendored
//! `public/echarts.min.js` (a classic script that defines `window.echarts`). charming's own wasm
//! renderer binds neither events, dispose, resize-on-demand nor image export, so the few calls we
//! need are bound here. The option crosses as JSON text parsed by `JSON.parse`, and formatter
//! markers (`charts::fmt`) become Rust closures: no `new Function`, CSP-safe.

use crate::charts::fmt::NumberFormat;
use charming::Chart;
use gloo::timers::callback::Timeout;
use leptos::html::Div;
use leptos::prelude::*;
use rust_i18n::t;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance bound to one DOM element.
    #[derive(Clone)]
    type Instance;

    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn init(element: &web_sys::HtmlElement) -> Instance;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &Instance, option: &JsValue, not_merge: bool);

    #[wasm_bindgen(method)]
    fn resize(this: &Instance);

    #[wasm_bindgen(method)]
    fn dispose(this: &Instance);

    #[wasm_bindgen(method)]
    fn on(this: &Instance, event: &str, handler: &Closure<dyn FnMut(JsValue)>);

    #[wasm_bindgen(method, js_name = getDataURL)]
    fn get_data_url(this: &Instance, options: &JsValue) -> String;
}

/// The chart element a user clicked, as ECharts reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartClick {
    /// Index of the series in the option.
    pub series_index: usize,
    /// Index of the item within its series' data.
    pub data_index: usize,
    /// The item's (or its category's) name.
    pub name: String,
    /// The item's value: a number, or `[x, y, …]` for heatmaps and scatters.
    pub value: serde_json::Value,
}

impl ChartClick {
    fn from_params(params: &JsValue) -> Option<ChartClick> {
        let get = |key: &str| js_sys::Reflect::get(params, &JsValue::from_str(key)).ok();
        let index = |key: &str| get(key)?.as_f64().map(|v| v as usize);
        let value = get("value")
            .and_then(|v| js_sys::JSON::stringify(&v).ok())
            .and_then(|s| serde_json::from_str(&String::from(s)).ok())
            .unwrap_or(serde_json::Value::Null);
        Some(ChartClick {
            series_index: index("seriesIndex").unwrap_or(0),
            data_index: index("dataIndex")?,
            name: get("name").and_then(|v| v.as_string()).unwrap_or_default(),
            value,
        })
    }
}

type Formatter = Closure<dyn Fn(JsValue) -> JsValue>;

/// The number a formatter was called with: the value itself (axis labels, `valueFormatter`)
/// or the `value` of ECharts' params object, the last element of an `[x, y, v]` value.
fn formatted_number(arg: &JsValue) -> Option<f64> {
    if let Some(n) = arg.as_f64() {
        return Some(n);
    }
    let value = js_sys::Reflect::get(arg, &JsValue::from_str("value")).ok()?;
    if let Some(n) = value.as_f64() {
        return Some(n);
    }
    let array: &js_sys::Array = value.dyn_ref()?;
    array.at(-1).as_f64()
}

fn formatter(format: NumberFormat, lang: crate::import::Lang, currency: String) -> Formatter {
    Closure::new(move |arg: JsValue| match formatted_number(&arg) {
        Some(n) => JsValue::from_str(&format.apply(n, lang, &currency)),
        None => arg,
    })
}

/// Replaces every formatter marker under `node` by a closure, kept alive in `keep`.
fn install_formatters(node: &JsValue, keep: &mut Vec<Formatter>) {
    if let Some(array) = node.dyn_ref::<js_sys::Array>() {
        array.for_each(&mut |item, _, _| install_formatters(&item, keep));
        return;
    }
    if !node.is_object() {
        return;
    }
    let object: &js_sys::Object = node.unchecked_ref();
    for key in js_sys::Object::keys(object) {
        let Ok(child) = js_sys::Reflect::get(node, &key) else {
            continue;
        };
        let marker = child
            .as_string()
            .and_then(|text| NumberFormat::parse_marker(&text));
        match marker {
            Some((format, lang, currency)) => {
                let closure = formatter(format, lang, currency);
                let _ = js_sys::Reflect::set(node, &key, closure.as_ref());
                keep.push(closure);
            }
            None => install_formatters(&child, keep),
        }
    }
}

/// A drawn chart and the Rust closures its option refers to (dropped with it).
struct Drawn {
    instance: Instance,
    formatters: Vec<Formatter>,
    _click: Option<Closure<dyn FnMut(JsValue)>>,
}

/// A chart that follows a reactive charming option, resizes with the window and is disposed
/// when it leaves the page. Each option is drawn in a task of its own, after the page's.
#[component]
pub fn EChart(
    /// The chart to draw; redrawn whenever it changes.
    #[prop(into)]
    chart: Signal<Chart>,
    /// Accessible description of what the chart shows.
    #[prop(into)]
    label: Signal<String>,
    /// Hook for end-to-end tests.
    #[prop(into)]
    testid: String,
    /// Called when the user clicks a chart element (drill-down).
    #[prop(default = None)]
    on_click: Option<Callback<ChartClick>>,
    /// Receives the PNG export of the chart (see [`ChartCard`]).
    #[prop(optional)]
    exporter: Option<RwSignal<Option<ChartExporter>>>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let drawn = StoredValue::new_local(None::<Drawn>);
    // The draw waiting for its task: a newer option replaces (cancels) it, and so does leaving
    // the page.
    let waiting = StoredValue::new_local(None::<Timeout>);

    // Each chart draws in a task of its own: a page of several charts (or a parameter change
    // redrawing them) is then a few tasks of one chart each instead of one long task, and the
    // page's text shows first.
    Effect::new(move |_| {
        let option = chart.get().to_string();
        let Some(element) = node.get() else { return };
        let draw = move || {
            let option = js_sys::JSON::parse(&option).expect("charming always produces JSON");
            drawn.update_value(|slot| {
                let drawn = slot.get_or_insert_with(|| {
                    let instance = init(&element);
                    let click = on_click.map(|callback| {
                        let closure = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
                            if let Some(click) = ChartClick::from_params(&params) {
                                callback.run(click);
                            }
                        });
                        instance.on("click", &closure);
                        closure
                    });
                    Drawn {
                        instance,
                        formatters: Vec::new(),
                        _click: click,
                    }
                });
                let mut formatters = Vec::new();
                install_formatters(&option, &mut formatters);
                drawn.instance.set_option(&option, true);
                // The old closures are released only once the new option no longer refers
                // to them.
                drawn.formatters = formatters;
            });
            if let Some(exporter) = exporter {
                exporter.set(Some(ChartExporter { drawn }));
            }
        };
        waiting.set_value(Some(Timeout::new(0, draw)));
    });

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        drawn.with_value(|slot| slot.as_ref().map(|d| d.instance.resize()));
    });
    on_cleanup(move || {
        resize.remove();
        // A draw still waiting for its task is cancelled with its timeout.
        drop(waiting.try_update_value(Option::take));
        if let Some(Some(d)) = drawn.try_update_value(Option::take) {
            d.instance.dispose();
        }
    });

    let class = if on_click.is_some() {
        "chart chart--clickable"
    } else {
        "chart"
    };
    view! { <div class=class node_ref=node role="img" aria-label=label data-testid=testid></div> }
}

/// Draws `chart` once in an element out of sight, then disposes of it: the first chart a page
/// draws also compiles ECharts' code, so an import's rehearsal pays that before the user's
/// first chart.
pub(crate) fn rehearse(chart: &Chart) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(element)) = (document.body(), document.create_element("div")) else {
        return;
    };
    let _ = element.set_attribute(
        "style",
        "position:fixed;left:-10000px;top:0;width:600px;height:400px",
    );
    let _ = element.set_attribute("aria-hidden", "true");
    let _ = body.append_child(&element);
    let option = js_sys::JSON::parse(&chart.to_string()).expect("charming always produces JSON");
    let mut formatters = Vec::new();
    install_formatters(&option, &mut formatters);
    let instance = init(element.unchecked_ref());
    instance.set_option(&option, true);
    instance.dispose();
    element.remove();
}

/// Saves a drawn chart as a PNG image.
#[derive(Clone, Copy)]
pub struct ChartExporter {
    drawn: StoredValue<Option<Drawn>, LocalStorage>,
}

impl ChartExporter {
    /// Downloads the chart as `file_name` (twice the screen resolution, white background).
    pub fn save_png(&self, file_name: &str) {
        let options = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), &v);
        let _ = set("type", JsValue::from_str("png"));
        let _ = set("pixelRatio", JsValue::from_f64(2.0));
        let _ = set("backgroundColor", JsValue::from_str("#ffffff"));
        let url = self
            .drawn
            .with_value(|d| d.as_ref().map(|d| d.instance.get_data_url(&options)));
        if let Some(url) = url {
            super::download::download_url(file_name, &url);
        }
    }
}

/// A titled panel holding one chart, with a PNG download button and an optional hint that
/// the chart's elements open their customer list.
#[component]
pub fn ChartCard(
    /// Panel title (also names the PNG file).
    #[prop(into)]
    title: Signal<String>,
    /// The chart to draw.
    #[prop(into)]
    chart: Signal<Chart>,
    /// Accessible description of what the chart shows.
    #[prop(into)]
    label: Signal<String>,
    /// Hook for end-to-end tests (the chart; the button gets `<testid>-png`).
    #[prop(into)]
    testid: String,
    /// Called when the user clicks a chart element (drill-down).
    #[prop(optional, into)]
    on_click: Option<Callback<ChartClick>>,
    /// One sentence under the title: what the chart shows or how to read it.
    #[prop(optional, into)]
    help: Option<Signal<String>>,
    /// Extra CSS class of the panel (e.g. `panel--wide`).
    #[prop(optional, into)]
    class: Option<String>,
) -> impl IntoView {
    let state = super::AppState::expect();
    let lang = state.lang;
    let exporter = RwSignal::new(None::<ChartExporter>);
    let file_name = move || {
        let slug: String = title
            .get()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        format!("fideliza-{}.png", slug.trim_matches('-'))
    };
    let png_testid = format!("{testid}-png");
    let hint = on_click.is_some().then(|| {
        view! { <p class="panel__hint">{move || t!("chart.click_hint", locale = lang.get().code()).into_owned()}</p> }
    });
    view! {
        <section class=format!("panel chart-card {}", class.unwrap_or_default())>
            <header class="chart-card__header">
                <h2 class="panel__title">{title}</h2>
                <button
                    class="button button--small chart-card__export"
                    data-testid=png_testid
                    aria-label=move || t!("chart.export_png_label", locale = lang.get().code(), title = title.get()).into_owned()
                    on:click=move |_| {
                        if let Some(e) = exporter.get_untracked() {
                            e.save_png(&file_name());
                        }
                    }
                >
                    {move || t!("chart.export_png", locale = lang.get().code()).into_owned()}
                </button>
            </header>
            {help.map(|h| view! { <p class="panel__help">{h}</p> })}
            <EChart chart=chart label=label testid=testid on_click=on_click exporter=exporter />
            {hint}
        </section>
    }
}
