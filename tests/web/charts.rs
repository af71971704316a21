//! The ECharts binding (`fideliza::ui::EChart`): formatter markers become Rust closures that
//! write numbers like the page, leaving the page disposes the chart, and a chart draws in a
//! task of its own (cancelled if the chart leaves first).

use super::{document, sleep};
use charming::Chart;
use charming::component::Axis;
use charming::element::{AxisLabel, AxisType};
use charming::series::Bar;
use fideliza::charts::fmt::NumberFormat;
use fideliza::import::Lang;
use fideliza::ui::EChart;
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap()
}

/// `echarts.getInstanceByDom(element)` (undefined once disposed).
fn instance_of(element: &web_sys::Element) -> JsValue {
    let echarts = get(&js_sys::global(), "echarts");
    let find: Function = get(&echarts, "getInstanceByDom").unchecked_into();
    find.call1(&echarts, element).unwrap()
}

fn load_echarts() {
    if get(&js_sys::global(), "echarts").is_undefined() {
        let script = document().create_element("script").unwrap();
        script.set_text_content(Some(include_str!("../../public/echarts.min.js")));
        document().head().unwrap().append_child(&script).unwrap();
    }
}

/// A 400 × 300 element added to the page, to mount a chart in.
fn chart_host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_attribute("style", "width: 400px; height: 300px")
        .unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Lets every queued microtask run (the effects of a mount), without giving up the task.
async fn microtasks() {
    for _ in 0..20 {
        let resolved = js_sys::Promise::resolve(&JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(resolved)
            .await
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn formatter_markers_write_numbers_like_the_page_and_unmount_disposes() {
    load_echarts();
    let host = chart_host();
    let chart = Chart::new()
        .animation(false)
        .x_axis(Axis::new().type_(AxisType::Category).data(vec!["a", "b"]))
        .y_axis(Axis::new().type_(AxisType::Value).axis_label(
            AxisLabel::new().formatter(NumberFormat::MoneyWhole.marker(Lang::Es, "S/").as_str()),
        ))
        .series(Bar::new().data(vec![1234.6, 20.0]));
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <EChart chart=Signal::derive(move || chart.clone()) label="prueba" testid="chart-test" /> }
    });
    sleep(50).await;
    let element = document()
        .query_selector("[data-testid='chart-test']")
        .unwrap()
        .unwrap();
    let instance = instance_of(&element);
    assert!(
        !instance.is_undefined(),
        "the chart was initialised on its element"
    );

    let option: Function = get(&instance, "getOption").unchecked_into();
    let option = option.call0(&instance).unwrap();
    let y_axis = js_sys::Array::from(&get(&option, "yAxis")).get(0);
    let formatter = get(&get(&y_axis, "axisLabel"), "formatter");
    let formatter: Function = formatter.dyn_into().expect("the marker became a function");
    let text = formatter
        .call1(&JsValue::NULL, &JsValue::from_f64(1234.6))
        .unwrap();
    assert_eq!(text.as_string().unwrap(), "S/\u{a0}1\u{202f}235");
    // ECharts' params objects carry the number in `value`.
    let params = js_sys::Object::new();
    Reflect::set(
        &params,
        &JsValue::from_str("value"),
        &JsValue::from_f64(-20.0),
    )
    .unwrap();
    assert_eq!(
        formatter
            .call1(&JsValue::NULL, &params)
            .unwrap()
            .as_string()
            .unwrap(),
        "-S/\u{a0}20"
    );

    drop(mounted);
    sleep(20).await;
    assert!(
        instance_of(&element).is_undefined(),
        "unmounting disposed the chart"
    );
}

#[wasm_bindgen_test]
async fn a_chart_draws_in_a_later_task_and_a_waiting_draw_leaves_with_it() {
    load_echarts();
    let chart = Chart::new()
        .animation(false)
        .x_axis(Axis::new().type_(AxisType::Category).data(vec!["a", "b"]))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().data(vec![1.0, 2.0]));
    let mount = |testid: &'static str| {
        let chart = chart.clone();
        leptos::mount::mount_to(chart_host(), move || {
            view! { <EChart chart=Signal::derive(move || chart.clone()) label="prueba" testid=testid /> }
        })
    };
    let element = |testid: &str| {
        document()
            .query_selector(&format!("[data-testid='{testid}']"))
            .unwrap()
            .unwrap()
    };

    // Drawn after the task that mounted it…
    let kept = mount("chart-later");
    microtasks().await;
    assert!(
        instance_of(&element("chart-later")).is_undefined(),
        "not drawn in the task that mounted it"
    );
    sleep(50).await;
    assert!(
        !instance_of(&element("chart-later")).is_undefined(),
        "drawn in a task of its own"
    );

    // …and a chart that leaves before that task never draws.
    let left = mount("chart-left");
    microtasks().await;
    let left_element = element("chart-left");
    drop(left);
    sleep(50).await;
    assert!(
        instance_of(&left_element).is_undefined(),
        "the waiting draw was cancelled with the chart"
    );
    drop(kept);
}
