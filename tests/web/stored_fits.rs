//! Model fits stored with a dataset (in its manifest): written with the data, added later only to
//! the generation they were made for, read back exactly, and accepted by the engine on reopen.

use super::load;
use fideliza::demo::{DemoConfig, generate};
use fideliza::engine::{Params, Prepared};
use fideliza::storage;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_fit_round_trips_with_its_dataset_and_seeds_the_engine() {
    let db = storage::open("fideliza-test-fits").await.unwrap();
    let data = generate(&DemoConfig {
        customers: 400,
        seed: 7,
        ..DemoConfig::default()
    });
    let params = Params::default();
    let fresh = Prepared::new(&data);
    let fit = fresh.fit_for(&params);
    let encoded = fideliza::codec::encode(&data);
    let saved = storage::save_import(&db, "ws", &data, &encoded, 1.0, None, vec![fit.clone()])
        .await
        .unwrap();
    assert_eq!(saved.fits, [fit.clone()]);

    // Reopen: the fit comes back bit for bit and the engine takes it.
    let (manifest, back) = load(&db, "ws").await.unwrap();
    assert_eq!(manifest.fits, [fit.clone()]);
    let reopened = Prepared::new(&back);
    assert!(reopened.seed_fit(manifest.fits[0].clone()));
    assert_eq!(reopened.analyze(&params), fresh.analyze(&params));

    // A fit of another date is added to this generation; once only.
    let other = fresh.fit_for(&Params::default().as_of(Some(fit.key.as_of - 30)));
    let g = manifest.generation;
    assert!(storage::add_fit(&db, "ws", g, other.clone()).await.unwrap());
    assert!(!storage::add_fit(&db, "ws", g, other.clone()).await.unwrap());
    let m = storage::manifest(&db, "ws").await.unwrap().unwrap();
    assert_eq!(m.fits, [fit.clone(), other.clone()]);

    // A new import (next generation) starts without fits, and a late fit of the previous
    // generation is not added to it.
    let next = storage::save_dataset(&db, "ws", &data, 2.0, None)
        .await
        .unwrap();
    assert!(next.fits.is_empty());
    assert!(!storage::add_fit(&db, "ws", g, fit.clone()).await.unwrap());
    let m = storage::manifest(&db, "ws").await.unwrap().unwrap();
    assert!(m.fits.is_empty());
    assert_eq!(m.generation, g + 1);
    // No manifest: nothing is written.
    assert!(!storage::add_fit(&db, "none", 1, fit).await.unwrap());
    assert_eq!(storage::manifest(&db, "none").await.unwrap(), None);
}
