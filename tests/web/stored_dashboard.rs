//! The dashboard stored with a dataset: written only for the generation it was computed from,
//! read back exactly with its manifest, and gone with its generation.

use super::load;
use fideliza::dashboard::Dashboard;
use fideliza::demo::{DemoConfig, generate};
use fideliza::engine::{Params, Prepared};
use fideliza::storage;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_dashboard_is_stored_for_its_generation_only_and_leaves_with_it() {
    let db = storage::open("fideliza-test-dashboard").await.unwrap();
    let data = generate(&DemoConfig {
        customers: 300,
        seed: 11,
        ..DemoConfig::default()
    });
    let params = Params::default();
    let dashboard = Dashboard::new(&params, &data, &Prepared::new(&data).analyze(&params));
    let bytes = dashboard.encode();

    // Nothing saved yet: nothing to write it to.
    assert!(!storage::put_dashboard(&db, "ws", 1, &bytes).await.unwrap());
    assert_eq!(
        storage::manifest_and_dashboard(&db, "ws").await.unwrap(),
        None
    );

    // A saved dataset has no dashboard until one is put for its generation.
    let first = storage::save_dataset(&db, "ws", &data, 1.0, None)
        .await
        .unwrap();
    let (manifest, none) = storage::manifest_and_dashboard(&db, "ws")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((manifest, none), (first.clone(), None));
    let g = first.generation;
    assert!(
        !storage::put_dashboard(&db, "ws", g + 1, &bytes)
            .await
            .unwrap()
    );
    assert!(storage::put_dashboard(&db, "ws", g, &bytes).await.unwrap());
    let (_, back) = storage::manifest_and_dashboard(&db, "ws")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Dashboard::decode(&back.unwrap()), Some(dashboard.clone()));

    // Another parameter set replaces it.
    let other_params = Params::default().window_months(6);
    let other = Dashboard::new(
        &other_params,
        &data,
        &Prepared::new(&data).analyze(&other_params),
    );
    assert!(
        storage::put_dashboard(&db, "ws", g, &other.encode())
            .await
            .unwrap()
    );
    let (_, back) = storage::manifest_and_dashboard(&db, "ws")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(Dashboard::decode(&back.unwrap()), Some(other));

    // The dataset itself reads back unchanged beside it.
    assert_eq!(load(&db, "ws").await.unwrap().1, data);

    // A new save starts without a dashboard, and a late one for the old generation is refused.
    let second = storage::save_dataset(&db, "ws", &data, 2.0, None)
        .await
        .unwrap();
    assert_eq!(second.generation, g + 1);
    assert!(!storage::put_dashboard(&db, "ws", g, &bytes).await.unwrap());
    let (_, none) = storage::manifest_and_dashboard(&db, "ws")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(none, None);

    // Deleting the dataset: no dashboard is read, and none can be put any more.
    assert!(
        storage::put_dashboard(&db, "ws", g + 1, &bytes)
            .await
            .unwrap()
    );
    storage::delete_dataset(&db, "ws").await.unwrap();
    assert_eq!(
        storage::manifest_and_dashboard(&db, "ws").await.unwrap(),
        None
    );
    assert!(
        !storage::put_dashboard(&db, "ws", g + 1, &bytes)
            .await
            .unwrap()
    );
}
