//! Storage beyond one save: schema migration, interrupted saves, workspaces, import history,
//! remembered mappings, backup and restore, deleting everything.

use super::load;
use fideliza::codec;
use fideliza::demo::{DemoConfig, generate};
use fideliza::import::{FileKind, Mapping, auto_mapping};
use fideliza::storage;
use fideliza::workspace::{FileRecord, ImportRecord, Workspace};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::*;

fn small(seed: u64) -> fideliza::model::Dataset {
    generate(&DemoConfig {
        customers: 60,
        seed,
        ..DemoConfig::default()
    })
}

fn record(name: &str) -> ImportRecord {
    ImportRecord {
        at_ms: 1_700_000_000_000.0,
        appended: false,
        files: vec![FileRecord {
            name: name.into(),
            kind: FileKind::Sales,
            rows_read: 12,
            rows_valid: 11,
            errors: 1,
            warnings: 0,
        }],
    }
}

fn workspace(id: &str, name: &str, created_ms: f64) -> Workspace {
    Workspace {
        id: id.into(),
        name: name.into(),
        created_ms,
    }
}

/// Every key in the `blobs` store.
async fn blob_keys(db: &Database) -> Vec<String> {
    let tx = db.transaction("blobs").build().unwrap();
    let keys = tx
        .object_store("blobs")
        .unwrap()
        .get_all_keys::<String>()
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    keys
}

#[wasm_bindgen_test]
async fn a_version_1_database_migrates_and_keeps_its_data() {
    const NAME: &str = "fideliza-test-migration";
    let data = small(3);
    let encoded = codec::encode(&data);
    // Schema 1 wrote the meta record as JSON (codec format 1): the dataset without its sales
    // (an empty "sales" list), plus the number of sales lines.
    let mut meta_v1 = serde_json::to_value(&data).unwrap();
    meta_v1["sales"] = serde_json::json!([]);
    meta_v1["sales_rows"] = data.sales.len().into();
    let meta_v1 = serde_json::to_vec(&meta_v1).unwrap();
    // Write the schema-1 layout by hand: two stores, a manifest without history.
    let v1 = Database::open(NAME)
        .with_version(1u8)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("manifests").build()?;
            db.create_object_store("blobs").build()?;
            Ok(())
        })
        .await
        .unwrap();
    let tx = v1
        .transaction(["manifests", "blobs"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let manifest_v1 = format!(
        r#"{{"schema":1,"generation":1,"sales_chunks":{},"sales_rows":{},"customer_ids":{},"surveys":{},"complaints":{},"saved_at_ms":5.0}}"#,
        encoded.sales_chunks.len(),
        data.sales.len(),
        data.customer_ids.len(),
        data.surveys.len(),
        data.complaints.len()
    );
    tx.object_store("manifests")
        .unwrap()
        .put(manifest_v1)
        .with_key("default".to_owned())
        .primitive()
        .unwrap();
    let blobs = tx.object_store("blobs").unwrap();
    let bytes = |b: &[u8]| -> wasm_bindgen::JsValue { js_sys::Uint8Array::from(b).into() };
    blobs
        .put(bytes(&meta_v1))
        .with_key("default/00000001/meta".to_owned())
        .primitive()
        .unwrap();
    for (n, chunk) in encoded.sales_chunks.iter().enumerate() {
        blobs
            .put(bytes(chunk))
            .with_key(format!("default/00000001/sales/{n:05}"))
            .primitive()
            .unwrap();
    }
    drop(blobs);
    tx.commit().await.unwrap();
    v1.close();

    let db = storage::open(NAME).await.unwrap();
    assert_eq!(db.version(), f64::from(storage::SCHEMA_VERSION));
    assert_eq!(
        storage::workspaces(&db).await.unwrap(),
        [workspace("default", storage::UNNAMED_WORKSPACE, 5.0)]
    );
    let (manifest, back) = load(&db, "default").await.unwrap();
    assert_eq!(back, data);
    assert!(manifest.history.is_empty());
    // Opening again changes nothing (the fix-up is idempotent).
    let again = storage::open(NAME).await.unwrap();
    assert_eq!(storage::workspaces(&again).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn an_interrupted_save_leaves_the_previous_data_and_is_cleaned_up() {
    let db = storage::open("fideliza-test-interrupted").await.unwrap();
    let first = small(1);
    storage::save_dataset(&db, "ws", &first, 1.0, None)
        .await
        .unwrap();
    // A save cut off after writing some blobs of a later generation, before its manifest.
    let tx = db
        .transaction("blobs")
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store("blobs")
        .unwrap()
        .put(wasm_bindgen::JsValue::from(js_sys::Uint8Array::from(
            &b"half-written"[..],
        )))
        .with_key("ws/00000007/meta".to_owned())
        .primitive()
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(load(&db, "ws").await.unwrap().1, first);
    let second = small(2);
    storage::save_dataset(&db, "ws", &second, 2.0, None)
        .await
        .unwrap();
    assert_eq!(load(&db, "ws").await.unwrap().1, second);
    let keys = blob_keys(&db).await;
    assert!(
        keys.iter().all(|k| k.starts_with("ws/00000002/")),
        "{keys:?}"
    );
}

/// The import page stages an import's blobs while the report is read and commits them on
/// "Importar": until then the previous data stay, a discarded stage leaves nothing behind,
/// and a stage another save overtook is never committed.
#[wasm_bindgen_test]
async fn a_staged_import_is_the_data_only_once_committed_and_a_dropped_one_leaves_nothing() {
    let db = storage::open("fideliza-test-staged").await.unwrap();
    let loaded = || async { load(&db, "ws").await.unwrap().1 };
    let only_generation = |keys: Vec<String>, g: &str| {
        assert!(
            keys.iter().all(|k| k.starts_with(&format!("ws/{g}/"))),
            "{keys:?}"
        )
    };
    let (first, second, third) = (small(1), small(2), small(3));
    storage::save_dataset(&db, "ws", &first, 1.0, Some(record("a.csv")))
        .await
        .unwrap();

    // Staged: written beside the first, which is still the workspace's data.
    let staged = storage::stage_import(&db, "ws", &codec::encode(&second))
        .await
        .unwrap();
    assert_eq!(loaded().await, first);
    assert!(
        blob_keys(&db)
            .await
            .contains(&"ws/00000002/meta".to_owned())
    );
    // Dropped (the user discarded the report): its blobs go; committing it changes nothing.
    storage::drop_staged(&db, &staged).await.unwrap();
    only_generation(blob_keys(&db).await, "00000001");
    let none = storage::commit_import(&db, &staged, &second, 2.0, Some(record("b.csv")), vec![]);
    assert_eq!(none.await.unwrap(), None);
    assert_eq!(loaded().await, first);

    // Staged again and committed: the second is the data, with both imports in the history.
    let staged = storage::stage_import(&db, "ws", &codec::encode(&second))
        .await
        .unwrap();
    let manifest =
        storage::commit_import(&db, &staged, &second, 2.0, Some(record("b.csv")), vec![])
            .await
            .unwrap()
            .expect("committed");
    assert_eq!(manifest.generation, 2);
    assert_eq!(manifest.history.len(), 2);
    assert_eq!(loaded().await, second);
    only_generation(blob_keys(&db).await, "00000002");
    // Dropping a committed stage leaves it alone.
    storage::drop_staged(&db, &staged).await.unwrap();
    assert_eq!(loaded().await, second);

    // A stage that another save overtook before "Importar" is not committed.
    let late = storage::stage_import(&db, "ws", &codec::encode(&third))
        .await
        .unwrap();
    storage::save_dataset(&db, "ws", &first, 3.0, None)
        .await
        .unwrap();
    let none = storage::commit_import(&db, &late, &third, 4.0, None, vec![]);
    assert_eq!(none.await.unwrap(), None);
    assert_eq!(loaded().await, first);
    assert_eq!(
        storage::manifest(&db, "ws")
            .await
            .unwrap()
            .unwrap()
            .history
            .len(),
        2
    );

    // Two stages of the same generation (two tabs): each commits only its own blobs.
    let mine = storage::stage_import(&db, "ws", &codec::encode(&third))
        .await
        .unwrap();
    let theirs = storage::stage_import(&db, "ws", &codec::encode(&second))
        .await
        .unwrap();
    let none = storage::commit_import(&db, &mine, &third, 5.0, None, vec![]);
    assert_eq!(none.await.unwrap(), None);
    assert_eq!(loaded().await, first);
    // Dropping the overtaken stage (the page drops a stale check's) leaves the other's blobs.
    storage::drop_staged(&db, &mine).await.unwrap();
    assert!(blob_keys(&db).await.iter().any(|k| k.ends_with("/stage")));
    let committed = storage::commit_import(&db, &theirs, &second, 6.0, None, vec![]);
    assert!(committed.await.unwrap().is_some());
    assert_eq!(loaded().await, second);
}

#[wasm_bindgen_test]
async fn history_grows_with_each_import_and_workspaces_are_independent() {
    let db = storage::open("fideliza-test-workspaces").await.unwrap();
    storage::put_workspace(&db, &workspace("a", "Botica A", 1.0))
        .await
        .unwrap();
    storage::put_workspace(&db, &workspace("b", "Botica B", 2.0))
        .await
        .unwrap();
    storage::put_workspace(&db, &workspace("a", "Botica Ana", 1.0))
        .await
        .unwrap(); // rename

    storage::save_dataset(&db, "a", &small(1), 1.0, Some(record("enero.csv")))
        .await
        .unwrap();
    let m = storage::save_dataset(&db, "a", &small(2), 2.0, Some(record("febrero.csv")))
        .await
        .unwrap();
    assert_eq!(m.history, [record("enero.csv"), record("febrero.csv")]);
    storage::save_dataset(&db, "b", &small(3), 3.0, None)
        .await
        .unwrap();

    assert_eq!(
        storage::workspaces(&db).await.unwrap(),
        [
            workspace("a", "Botica Ana", 1.0),
            workspace("b", "Botica B", 2.0)
        ]
    );
    storage::delete_workspace(&db, "a").await.unwrap();
    assert_eq!(
        storage::workspaces(&db).await.unwrap(),
        [workspace("b", "Botica B", 2.0)]
    );
    assert_eq!(load(&db, "a").await, None);
    assert_eq!(load(&db, "b").await.unwrap().1, small(3));
    assert!(blob_keys(&db).await.iter().all(|k| k.starts_with("b/")));
}

#[wasm_bindgen_test]
async fn a_confirmed_mapping_is_remembered_by_header_signature() {
    let db = storage::open("fideliza-test-mappings").await.unwrap();
    let headers = ["Cod".to_owned(), "Dia".to_owned(), "Soles".to_owned()];
    let signature = fideliza::import::header_signature(&headers);
    assert_eq!(
        storage::remembered_mapping(&db, &signature).await.unwrap(),
        None
    );
    let mut mapping: Mapping = auto_mapping(FileKind::Sales, &headers);
    mapping.columns = vec![
        Some(fideliza::import::Field::CustomerId),
        Some(fideliza::import::Field::Date),
        Some(fideliza::import::Field::Amount),
    ];
    storage::remember_mapping(&db, &signature, &mapping)
        .await
        .unwrap();
    assert_eq!(
        storage::remembered_mapping(&db, &signature).await.unwrap(),
        Some(mapping)
    );
}

#[wasm_bindgen_test]
async fn a_backup_restores_exactly_and_a_damaged_one_stores_nothing() {
    let db = storage::open("fideliza-test-backup").await.unwrap();
    let original = workspace("orig", "Farmacia Lucía", 1.0);
    storage::put_workspace(&db, &original).await.unwrap();
    let data = generate(&DemoConfig {
        customers: 7_000, // more than one sales chunk
        ..DemoConfig::default()
    });
    storage::save_dataset(&db, "orig", &data, 1.0, Some(record("ventas.csv")))
        .await
        .unwrap();

    let file = storage::export_backup(&db, &original)
        .await
        .unwrap()
        .unwrap();
    let restored = storage::restore_backup(&db, &file, 9.0).await.unwrap();
    assert_eq!(restored.name, "Farmacia Lucía");
    assert_ne!(restored.id, original.id);
    let (manifest, back) = load(&db, &restored.id).await.unwrap();
    assert_eq!(back, data);
    assert_eq!(manifest.history, [record("ventas.csv")]);
    assert!(manifest.sales_chunks >= 2);

    let before = storage::workspaces(&db).await.unwrap();
    let mut damaged = file.clone();
    damaged.truncate(file.len() - 10);
    assert!(matches!(
        storage::restore_backup(&db, &damaged, 10.0).await,
        Err(storage::StorageError::Damaged(_))
    ));
    assert_eq!(storage::workspaces(&db).await.unwrap(), before);
}

#[wasm_bindgen_test]
async fn delete_everything_empties_every_store() {
    let db = storage::open("fideliza-test-delete-all").await.unwrap();
    storage::put_workspace(&db, &workspace("x", "X", 1.0))
        .await
        .unwrap();
    storage::save_dataset(&db, "x", &small(1), 1.0, None)
        .await
        .unwrap();
    storage::delete_everything(&db).await.unwrap();
    assert!(storage::workspaces(&db).await.unwrap().is_empty());
    assert_eq!(load(&db, "x").await, None);
    assert!(blob_keys(&db).await.is_empty());
}
