//! The only code that touches IndexedDB.
//!
//! Layout (database [`DB_NAME`], schema [`SCHEMA_VERSION`]):
//! - `blobs`: the encoded dataset of a workspace ([`crate::codec`]): a meta record and columnar
//!   sales chunks, keyed `"{workspace}/{generation}/meta"` and `"{workspace}/{generation}/sales/{n}"`;
//! - `manifests`: per workspace, the generation that is complete.
//!
//! Saving is all-or-nothing: the new generation's blobs are written first, then the manifest in a
//! transaction of its own. A save that fails or is interrupted (closed tab, full disk) leaves the
//! previous manifest — and so the previous data — untouched; blobs no manifest points to are
//! deleted by the next save.
//!
//! Only IndexedDB requests are awaited inside a transaction: awaiting anything else lets the
//! browser auto-commit it.

mod manifest;

pub use manifest::{Manifest, SCHEMA_VERSION};

use crate::codec;
use crate::model::Dataset;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

/// Name of the app's database.
pub const DB_NAME: &str = "fideliza";

const MANIFESTS: &str = "manifests";
const BLOBS: &str = "blobs";

/// A storage failure, with a message for the user.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// The browser refused the write because the disk or the site's quota is full.
    #[error(
        "the browser's storage is full; free space or delete an old workspace (previous data are intact)"
    )]
    QuotaExceeded,
    /// Stored data could not be decoded.
    #[error("{0}")]
    Damaged(String),
    /// Any other IndexedDB error.
    #[error("browser storage error: {0}")]
    Browser(String),
}

impl From<indexed_db_futures::error::Error> for StorageError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        let text = e.to_string();
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Browser(text)
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StorageError::Browser(e.to_string())
    }
}

type Result<T> = std::result::Result<T, StorageError>;

/// Opens (creating or upgrading) the database.
///
/// Migrations run in `onupgradeneeded`, one step per version, from the stored version up.
pub async fn open(name: &str) -> Result<Database> {
    let db = Database::open(name)
        .with_version(SCHEMA_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Version 1: the initial layout.
            if event.old_version() < 1.0 {
                db.create_object_store(MANIFESTS).build()?;
                db.create_object_store(BLOBS).build()?;
            }
            Ok(())
        })
        .await?;
    Ok(db)
}

fn blob_key(workspace: &str, generation: u32, part: &str) -> String {
    format!("{workspace}/{generation:08}/{part}")
}

fn sales_part(n: usize) -> String {
    format!("sales/{n:05}")
}

/// The workspace's manifest, if a dataset was ever completely saved.
pub async fn manifest(db: &Database, workspace: &str) -> Result<Option<Manifest>> {
    let tx = db.transaction(MANIFESTS).build()?;
    let store = tx.object_store(MANIFESTS)?;
    let json: Option<String> = store.get(workspace.to_owned()).primitive()?.await?;
    json.map(|j| Manifest::from_json(&j).map_err(StorageError::Damaged))
        .transpose()
}

/// Saves `data` as the workspace's dataset, replacing the previous one atomically.
///
/// `saved_at_ms` is the wall-clock time of the save (milliseconds since 1970), recorded in the
/// manifest for the import history.
pub async fn save_dataset(
    db: &Database,
    workspace: &str,
    data: &Dataset,
    saved_at_ms: f64,
) -> Result<Manifest> {
    let previous = manifest(db, workspace).await?;
    let generation = previous.as_ref().map_or(1, |m| m.generation + 1);
    let encoded = codec::encode(data);

    let tx = db
        .transaction(BLOBS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(BLOBS)?;
    store
        .put(bytes(&encoded.meta))
        .with_key(blob_key(workspace, generation, "meta"))
        .primitive()?;
    for (n, chunk) in encoded.sales_chunks.iter().enumerate() {
        store
            .put(bytes(chunk))
            .with_key(blob_key(workspace, generation, &sales_part(n)))
            .primitive()?;
    }
    tx.commit().await?;

    let manifest = Manifest::describe(data, generation, encoded.sales_chunks.len(), saved_at_ms);
    let tx = db
        .transaction(MANIFESTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(MANIFESTS)?
        .put(manifest.to_json())
        .with_key(workspace.to_owned())
        .primitive()?;
    tx.commit().await?;

    delete_other_generations(db, workspace, Some(generation)).await?;
    Ok(manifest)
}

/// Loads the workspace's last completely saved dataset; `None` when there is none.
pub async fn load_dataset(db: &Database, workspace: &str) -> Result<Option<(Manifest, Dataset)>> {
    let Some(manifest) = manifest(db, workspace).await? else {
        return Ok(None);
    };
    let tx = db.transaction(BLOBS).build()?;
    let store = tx.object_store(BLOBS)?;
    let g = manifest.generation;
    let meta = get_bytes(&store, blob_key(workspace, g, "meta")).await?;
    let mut chunks = Vec::with_capacity(manifest.sales_chunks);
    for n in 0..manifest.sales_chunks {
        chunks.push(get_bytes(&store, blob_key(workspace, g, &sales_part(n))).await?);
    }
    drop(store);
    tx.commit().await?;
    let data = codec::decode(&meta, &chunks).map_err(|e| StorageError::Damaged(e.to_string()))?;
    Ok(Some((manifest, data)))
}

/// Deletes a workspace's dataset (manifest first, so a crash midway leaves only orphan blobs).
pub async fn delete_dataset(db: &Database, workspace: &str) -> Result<()> {
    let tx = db
        .transaction(MANIFESTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(MANIFESTS)?
        .delete(workspace.to_owned())
        .primitive()?;
    tx.commit().await?;
    delete_other_generations(db, workspace, None).await
}

/// Deletes every blob of `workspace` whose generation is not `keep`.
async fn delete_other_generations(db: &Database, workspace: &str, keep: Option<u32>) -> Result<()> {
    let prefix = format!("{workspace}/");
    let keep_prefix = keep.map(|g| blob_key(workspace, g, ""));
    let tx = db
        .transaction(BLOBS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(BLOBS)?;
    let keys: Vec<String> = store
        .get_all_keys::<String>()
        .primitive()?
        .await?
        .collect::<std::result::Result<_, _>>()?;
    for key in keys {
        let stale = key.starts_with(&prefix)
            && keep_prefix
                .as_ref()
                .is_none_or(|k| !key.starts_with(k.as_str()));
        if stale {
            store.delete(key).primitive()?;
        }
    }
    drop(store);
    tx.commit().await?;
    Ok(())
}

fn bytes(data: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(data).into()
}

async fn get_bytes(store: &ObjectStore<'_>, key: String) -> Result<Vec<u8>> {
    let value: Option<JsValue> = store.get(key.clone()).primitive()?.await?;
    let value = value.ok_or_else(|| StorageError::Damaged(format!("missing stored part {key}")))?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
}
