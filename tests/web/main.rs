//! In-browser tests (wasm-bindgen-test in headless Chromium): IndexedDB storage and components.
#![cfg(target_arch = "wasm32")]

mod charts;
mod storage_lifecycle;
mod stored_dashboard;
mod stored_fits;

use fideliza::demo::{DemoConfig, generate};
use fideliza::model::Dataset;
use fideliza::storage;
use indexed_db_futures::database::Database;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The workspace's stored dataset ([`storage::load_dataset`], its meta record read at once).
async fn load(db: &Database, workspace: &str) -> Option<(storage::Manifest, Dataset)> {
    let (manifest, decoder) = storage::load_dataset(db, workspace).await.unwrap()?;
    Some((manifest, decoder.finish().unwrap().0))
}

async fn sleep(ms: u32) {
    gloo::timers::future::TimeoutFuture::new(ms).await;
}

/// Waits up to `timeout_ms` for an element matching the CSS `selector`.
async fn wait_for(selector: &str, timeout_ms: u32) -> web_sys::Element {
    for _ in 0..timeout_ms / 20 {
        if let Some(el) = document().query_selector(selector).unwrap() {
            return el;
        }
        sleep(20).await;
    }
    panic!("nothing matches {selector} after {timeout_ms} ms");
}

/// Waits up to `timeout_ms` for an element with `data-testid`.
async fn wait_for_testid(id: &str, timeout_ms: u32) -> web_sys::HtmlElement {
    wait_for(&format!("[data-testid='{id}']"), timeout_ms)
        .await
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn dataset_round_trips_through_indexeddb_and_replaces_atomically() {
    let db = storage::open("fideliza-test-roundtrip").await.unwrap();
    assert_eq!(load(&db, "ws").await, None);

    let small = generate(&DemoConfig {
        customers: 150,
        ..DemoConfig::default()
    });
    let first = storage::save_dataset(&db, "ws", &small, 1.0, None)
        .await
        .unwrap();
    assert_eq!(first.generation, 1);
    let (manifest, back) = load(&db, "ws").await.unwrap();
    assert_eq!(manifest, first);
    assert_eq!(back, small);

    // A second save replaces the first; another workspace is untouched.
    let other = generate(&DemoConfig {
        customers: 40,
        seed: 7,
        ..DemoConfig::default()
    });
    storage::save_dataset(&db, "other", &other, 2.0, None)
        .await
        .unwrap();
    let bigger = generate(&DemoConfig {
        customers: 300,
        ..DemoConfig::default()
    });
    let second = storage::save_dataset(&db, "ws", &bigger, 3.0, None)
        .await
        .unwrap();
    assert_eq!(second.generation, 2);
    assert_eq!(load(&db, "ws").await.unwrap().1, bigger);
    assert_eq!(load(&db, "other").await.unwrap().1, other);

    storage::delete_dataset(&db, "ws").await.unwrap();
    assert_eq!(load(&db, "ws").await, None);
    assert_eq!(load(&db, "other").await.unwrap().1, other);
}

#[wasm_bindgen_test]
async fn app_mounts_empty_then_loads_the_demo_and_draws_the_chart() {
    // The page normally loads the vendored ECharts with a <script> tag; do the same here.
    let script = document().create_element("script").unwrap();
    script.set_text_content(Some(include_str!("../../public/echarts.min.js")));
    document().head().unwrap().append_child(&script).unwrap();

    leptos::mount::mount_to_body(fideliza::ui::App);
    let button = wait_for_testid("load-demo", 5_000).await;
    button.click();

    let active = wait_for_testid("kpi-active", 30_000).await;
    let text = active.text_content().unwrap();
    assert!(
        !text.is_empty(),
        "the KPI shows a figure as soon as it is on the page"
    );
    let customers: usize = text
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap();
    assert!(
        customers > 500 && customers <= 2_000,
        "active customers shown: {text}"
    );
    // Charts draw in a task after their container is on the page (see `charts`), so the
    // canvas can come a moment after the KPI; `wait_for` panics if it never comes.
    wait_for("[data-testid='chart-segments'] canvas", 5_000).await;
}
