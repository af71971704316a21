//! ECharts bindings and the `<EChart>` component.
//!
//! charming builds the option (a plain serde value); this module hands it to the vendored
//! `public/echarts.min.js` (a classic script that defines `window.echarts`). charming's own wasm
//! renderer binds neither dispose nor resize-on-demand, so the few calls we need are bound here.
//! The option crosses as JSON text parsed by `JSON.parse`: no `new Function`, CSP-safe.

use charming::Chart;
use leptos::html::Div;
use leptos::prelude::*;
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
}

fn option_value(chart: &Chart) -> JsValue {
    js_sys::JSON::parse(&chart.to_string()).expect("charming always produces JSON")
}

/// A chart that follows a reactive charming option, resizes with the window and is disposed
/// when it leaves the page.
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
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let instance = StoredValue::new_local(None::<Instance>);

    Effect::new(move |_| {
        let option = option_value(&chart.get());
        let Some(element) = node.get() else { return };
        instance.update_value(|slot| {
            slot.get_or_insert_with(|| init(&element))
                .set_option(&option, true);
        });
    });

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|slot| slot.as_ref().map(Instance::resize));
    });
    on_cleanup(move || {
        resize.remove();
        if let Some(Some(chart)) = instance.try_update_value(Option::take) {
            chart.dispose();
        }
    });

    view! { <div class="chart" node_ref=node role="img" aria-label=label data-testid=testid></div> }
}
