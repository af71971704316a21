//! The only code that touches IndexedDB.
//!
//! Layout (database [`DB_NAME`], schema [`SCHEMA_VERSION`]):
//! - `blobs`: the encoded dataset of a workspace ([`crate::codec`]): a meta record and columnar
//!   sales chunks, keyed `"{workspace}/{generation}/meta"` and `"{workspace}/{generation}/sales/{n}"`,
//!   and the dashboard last computed from them ([`crate::dashboard`]), keyed
//!   `"{workspace}/{generation}/dashboard"` (a cache: not part of backups, dropped with its
//!   generation);
//! - `manifests`: per workspace, the generation that is complete, the import history and the
//!   model fits of that generation ([`Manifest::fits`]: a reopen seeds the engine with them);
//! - `workspaces`: per workspace id, its name and creation time ([`Workspace`], JSON);
//! - `mappings`: per header signature, the column mapping the user last confirmed.
//!
//! Migrations: version 1 had no `workspaces` nor `mappings`; opening it creates both and gives
//! its dataset a workspace named [`UNNAMED_WORKSPACE`]. Version 3 writes blobs in codec format 2
//! and reads those of either format.
//!
//! Saving is all-or-nothing: the new generation's blobs are written first ([`stage_import`]: the
//! import worker does it while the user reads the report), then the manifest in a transaction of
//! its own ([`commit_import`]: on "Importar"). A save that fails or is interrupted (closed tab,
//! full disk) or a staged import the user discards leaves the previous manifest — and so the
//! previous data — untouched; blobs no manifest points to are deleted by the next stage or save.
//!
//! Only IndexedDB requests are awaited inside a transaction: awaiting anything else lets the
//! browser auto-commit it.

mod manifest;

pub use manifest::{FITS_KEPT, Manifest, SCHEMA_VERSION};

use crate::codec::{self, Encoded};
use crate::engine::FitRecord;
use crate::import::Mapping;
use crate::model::Dataset;
pub use crate::workspace::Staged;
use crate::workspace::{ImportRecord, Workspace, read_backup, write_backup};
use indexed_db_futures::database::Database;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};

/// Name of the app's database.
pub const DB_NAME: &str = "fideliza";

const MANIFESTS: &str = "manifests";
const BLOBS: &str = "blobs";
const WORKSPACES: &str = "workspaces";
const MAPPINGS: &str = "mappings";

/// Name given to a workspace stored before workspaces had names (schema 1).
pub const UNNAMED_WORKSPACE: &str = "Mi negocio";

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

impl From<codec::CodecError> for StorageError {
    fn from(e: codec::CodecError) -> Self {
        StorageError::Damaged(e.to_string())
    }
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
            // Version 2: named workspaces and remembered column mappings.
            if event.old_version() < 2.0 {
                db.create_object_store(WORKSPACES).build()?;
                db.create_object_store(MAPPINGS).build()?;
            }
            // Version 3: new blobs are in codec format 2 (binary meta record, narrow sales
            // chunks); no store changes, and older blobs stay readable. The version keeps an
            // older copy of the app (a cached tab) from opening data it would misread.
            Ok(())
        })
        .await?;
    register_unnamed_workspaces(&db).await?;
    Ok(db)
}

fn blob_key(workspace: &str, generation: u32, part: &str) -> String {
    format!("{workspace}/{generation:08}/{part}")
}

/// Part name of a generation's stored dashboard.
const DASHBOARD: &str = "dashboard";

fn sales_part(n: usize) -> String {
    format!("sales/{n:05}")
}

/// The workspace's manifest, if a dataset was ever completely saved.
pub async fn manifest(db: &Database, workspace: &str) -> Result<Option<Manifest>> {
    let tx = db.transaction(MANIFESTS).build()?;
    manifest_in(&tx, workspace).await
}

/// The workspace's manifest, read in `tx` (which spans the `manifests` store).
async fn manifest_in(tx: &Transaction<'_>, workspace: &str) -> Result<Option<Manifest>> {
    let json: Option<String> = tx
        .object_store(MANIFESTS)?
        .get(workspace.to_owned())
        .primitive()?
        .await?;
    json.map(|j| Manifest::from_json(&j).map_err(StorageError::Damaged))
        .transpose()
}

/// Saves `data` as the workspace's dataset, replacing the previous one atomically, and adds
/// `record` (the import that produced it) to the workspace's history.
///
/// `saved_at_ms` is the wall-clock time of the save (milliseconds since 1970).
pub async fn save_dataset(
    db: &Database,
    workspace: &str,
    data: &Dataset,
    saved_at_ms: f64,
    record: Option<ImportRecord>,
) -> Result<Manifest> {
    let encoded = codec::encode(data);
    save_import(
        db,
        workspace,
        data,
        &encoded,
        saved_at_ms,
        record,
        Vec::new(),
    )
    .await
}

/// [`save_dataset`] of a checked import: `encoded` is `codec::encode(data)` as the import
/// worker made it (the page does not encode the dataset again), and `fits` are the model fits
/// of `data` already known (the worker's): they are written in the manifest, so they exist
/// exactly when the data do. [`stage_import`] then [`commit_import`], at once.
pub async fn save_import(
    db: &Database,
    workspace: &str,
    data: &Dataset,
    encoded: &Encoded,
    saved_at_ms: f64,
    record: Option<ImportRecord>,
    fits: Vec<FitRecord>,
) -> Result<Manifest> {
    let staged = stage_import(db, workspace, encoded).await?;
    commit_import(db, &staged, data, saved_at_ms, record, fits)
        .await?
        .ok_or_else(gone)
}

/// A save whose staged blobs another save (another tab) replaced before its manifest.
fn gone() -> StorageError {
    StorageError::Browser("the data being saved were replaced by another save meanwhile".into())
}

/// Part name of a staged generation's stamp ([`Staged`]), deleted by its commit.
const STAGE: &str = "stage";

/// Writes `encoded` as the next generation of the workspace's blobs, without a manifest: the
/// import worker stages a checked import while the user reads its report, so that "Importar"
/// only writes the manifest. Blobs of any other uncommitted generation (an earlier stage, an interrupted save)
/// are deleted first. Until committed, the workspace's data are the previous ones; a closed tab
/// leaves blobs that the next stage or save deletes.
pub async fn stage_import(db: &Database, workspace: &str, encoded: &Encoded) -> Result<Staged> {
    let after = manifest(db, workspace).await?.map(|m| m.generation);
    delete_other_generations(db, workspace, after).await?;
    let generation = after.map_or(1, |g| g + 1);
    let stamp = format!("{:016x}", (js_sys::Math::random() * 2f64.powi(53)) as u64);
    let tx = db
        .transaction(BLOBS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(BLOBS)?;
    store
        .put(JsValue::from(stamp.as_str()))
        .with_key(blob_key(workspace, generation, STAGE))
        .primitive()?;
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
    drop(store);
    tx.commit().await?;
    Ok(Staged {
        workspace: workspace.to_owned(),
        generation,
        after,
        sales_chunks: encoded.sales_chunks.len(),
        stamp,
    })
}

/// Makes `staged` (of `data`) the workspace's dataset: writes its manifest, with the history
/// plus `record` and with `fits`, then deletes the other generations. The manifest is written
/// only if, in the same transaction, the workspace's complete generation is still the one
/// `staged` followed and `staged`'s blobs are there, its own (its stamp: written in one
/// transaction with the blobs, it is there exactly when they all are); else nothing changes and
/// the answer is `Ok(None)`: stage again.
pub async fn commit_import(
    db: &Database,
    staged: &Staged,
    data: &Dataset,
    saved_at_ms: f64,
    record: Option<ImportRecord>,
    fits: Vec<FitRecord>,
) -> Result<Option<Manifest>> {
    let added = record.into_iter().collect();
    commit(db, staged, data, saved_at_ms, added, fits).await
}

/// [`commit_import`] adding `added` (oldest first) to the history.
async fn commit(
    db: &Database,
    staged: &Staged,
    data: &Dataset,
    saved_at_ms: f64,
    added: Vec<ImportRecord>,
    fits: Vec<FitRecord>,
) -> Result<Option<Manifest>> {
    let workspace = staged.workspace.as_str();
    let tx = db
        .transaction([MANIFESTS, BLOBS])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let previous = manifest_in(&tx, workspace).await?;
    let blobs = tx.object_store(BLOBS)?;
    let ours = holds_stamp(&blobs, staged).await?;
    if previous.as_ref().map(|m| m.generation) != staged.after || !ours {
        drop(blobs);
        tx.commit().await?;
        return Ok(None);
    }
    blobs
        .delete(blob_key(workspace, staged.generation, STAGE))
        .primitive()?;
    drop(blobs);
    let mut history = previous.map(|m| m.history).unwrap_or_default();
    history.extend(added);
    let mut manifest = Manifest::describe(
        data,
        staged.generation,
        staged.sales_chunks,
        saved_at_ms,
        history,
    );
    for fit in fits {
        manifest.add_fit(fit);
    }
    tx.object_store(MANIFESTS)?
        .put(manifest.to_json())
        .with_key(workspace.to_owned())
        .primitive()?;
    tx.commit().await?;
    delete_other_generations(db, workspace, Some(staged.generation)).await?;
    Ok(Some(manifest))
}

/// Deletes a staged generation that will not be committed (the user discarded the import, or
/// checked the files again), if its blobs are still its own: in one transaction, only when its
/// stamp is there. A generation committed meanwhile (its stamp is gone) or staged again by
/// another check or tab (another stamp) is left alone; other leftovers go with the next stage.
pub async fn drop_staged(db: &Database, staged: &Staged) -> Result<()> {
    let tx = db
        .transaction(BLOBS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(BLOBS)?;
    if holds_stamp(&store, staged).await? {
        let prefix = blob_key(&staged.workspace, staged.generation, "");
        delete_blobs_where(&store, |key| key.starts_with(&prefix)).await?;
    }
    drop(store);
    tx.commit().await?;
    Ok(())
}

/// Adds a model fit to the workspace's manifest if it still describes `generation` (a newer
/// import makes the fit useless); read and write in one transaction. `Ok(false)` when the
/// manifest changed generation, is gone, or already held the fit.
pub async fn add_fit(
    db: &Database,
    workspace: &str,
    generation: u32,
    fit: FitRecord,
) -> Result<bool> {
    let tx = db
        .transaction(MANIFESTS)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let Some(mut manifest) = manifest_in(&tx, workspace)
        .await?
        .filter(|m| m.generation == generation)
    else {
        return Ok(false);
    };
    let added = manifest.add_fit(fit);
    if added {
        tx.object_store(MANIFESTS)?
            .put(manifest.to_json())
            .with_key(workspace.to_owned())
            .primitive()?;
    }
    tx.commit().await?;
    Ok(added)
}

/// Stores `dashboard` (a [`crate::dashboard::Dashboard`]'s stored form) as the one of the
/// workspace's `generation`, replacing the previous one, if that generation is still the
/// complete one (checked in the same transaction); `Ok(false)` when it is not.
pub async fn put_dashboard(
    db: &Database,
    workspace: &str,
    generation: u32,
    dashboard: &[u8],
) -> Result<bool> {
    let tx = db
        .transaction([MANIFESTS, BLOBS])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let current = manifest_in(&tx, workspace)
        .await?
        .is_some_and(|m| m.generation == generation);
    if current {
        tx.object_store(BLOBS)?
            .put(bytes(dashboard))
            .with_key(blob_key(workspace, generation, DASHBOARD))
            .primitive()?;
    }
    tx.commit().await?;
    Ok(current)
}

/// The workspace's manifest and the dashboard stored for its generation, read in one
/// transaction (a reopen shows the dashboard before reading the dataset); `None` when no
/// dataset was ever completely saved.
pub async fn manifest_and_dashboard(
    db: &Database,
    workspace: &str,
) -> Result<Option<(Manifest, Option<Vec<u8>>)>> {
    let tx = db.transaction([MANIFESTS, BLOBS]).build()?;
    let Some(manifest) = manifest_in(&tx, workspace).await? else {
        return Ok(None);
    };
    let key = blob_key(workspace, manifest.generation, DASHBOARD);
    let value: Option<JsValue> = tx.object_store(BLOBS)?.get(key).primitive()?.await?;
    tx.commit().await?;
    Ok(Some((
        manifest,
        value.map(|v| js_sys::Uint8Array::new(&v).to_vec()),
    )))
}

/// Reads the parts of the workspace's complete dataset (meta record, then sales chunks) and
/// hands each to `take` as it arrives; `None` when no dataset was ever completely saved.
///
/// Every request is issued before the first is awaited, so the browser reads them back to back
/// while `take` works on the parts already there (no other future is awaited meanwhile).
async fn read_parts(
    db: &Database,
    workspace: &str,
    mut take: impl FnMut(Vec<u8>) -> Result<()>,
) -> Result<Option<Manifest>> {
    let Some(manifest) = manifest(db, workspace).await? else {
        return Ok(None);
    };
    let tx = db.transaction(BLOBS).build()?;
    let store = tx.object_store(BLOBS)?;
    let g = manifest.generation;
    let keys: Vec<String> = std::iter::once(blob_key(workspace, g, "meta"))
        .chain((0..manifest.sales_chunks).map(|n| blob_key(workspace, g, &sales_part(n))))
        .collect();
    let requests = keys
        .iter()
        .map(|key| Ok((key, store.get(key.clone()).primitive()?)))
        .collect::<Result<Vec<_>>>()?;
    for (key, request) in requests {
        let value: Option<JsValue> = request.await?;
        let value =
            value.ok_or_else(|| StorageError::Damaged(format!("missing stored part {key}")))?;
        take(js_sys::Uint8Array::new(&value).to_vec())?;
    }
    drop(store);
    tx.commit().await?;
    Ok(Some(manifest))
}

/// Reads the stored parts of the workspace's complete dataset, undecoded.
async fn load_encoded(db: &Database, workspace: &str) -> Result<Option<(Manifest, Encoded)>> {
    let mut parts = Vec::new();
    let manifest = read_parts(db, workspace, |part| {
        parts.push(part);
        Ok(())
    })
    .await?;
    Ok(manifest.map(|m| {
        let meta = parts.remove(0);
        let sales_chunks = parts;
        (m, Encoded { meta, sales_chunks })
    }))
}

/// Reads the workspace's last completely saved dataset; `None` when there is none. Each sales
/// chunk is decoded as soon as it is read, while the browser reads the next ones; the meta
/// record is left to the decoder's steps ([`codec::Decoder::meta_step`]), which a page spreads
/// over several tasks, or to [`codec::Decoder::finish`].
pub async fn load_dataset(
    db: &Database,
    workspace: &str,
) -> Result<Option<(Manifest, codec::Decoder)>> {
    let mut decoder: Option<codec::Decoder> = None;
    let manifest = read_parts(db, workspace, |part| {
        match decoder.as_mut() {
            Some(d) => d.chunk(&part)?,
            None => decoder = Some(codec::Decoder::new(part)?),
        }
        Ok(())
    })
    .await?;
    // User Timing mark for the import benchmark: every part is read.
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("fideliza:read");
    }
    match (manifest, decoder) {
        (Some(m), Some(d)) => Ok(Some((m, d))),
        (Some(_), None) => Err(StorageError::Damaged("missing stored meta record".into())),
        (None, _) => Ok(None),
    }
}

/// Deletes a workspace's dataset (manifest first, so a crash midway leaves only orphan blobs).
pub async fn delete_dataset(db: &Database, workspace: &str) -> Result<()> {
    delete_one(db, MANIFESTS, workspace).await?;
    delete_other_generations(db, workspace, None).await
}

/// Every workspace, oldest first.
pub async fn workspaces(db: &Database) -> Result<Vec<Workspace>> {
    let tx = db.transaction(WORKSPACES).build()?;
    let store = tx.object_store(WORKSPACES)?;
    let records: Vec<String> = store
        .get_all::<String>()
        .primitive()?
        .await?
        .collect::<std::result::Result<_, _>>()?;
    let mut list = records
        .iter()
        .map(|json| {
            serde_json::from_str::<Workspace>(json)
                .map_err(|e| StorageError::Damaged(format!("stored workspace is damaged: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    list.sort_by(|a, b| a.created_ms.total_cmp(&b.created_ms));
    Ok(list)
}

/// Creates or renames a workspace (the record is keyed by its id).
pub async fn put_workspace(db: &Database, workspace: &Workspace) -> Result<()> {
    let json = serde_json::to_string(workspace).expect("a workspace always serialises");
    put_one(db, WORKSPACES, &workspace.id, json).await
}

/// Deletes a workspace and everything stored in it.
pub async fn delete_workspace(db: &Database, id: &str) -> Result<()> {
    delete_dataset(db, id).await?;
    delete_one(db, WORKSPACES, id).await
}

/// The whole workspace as one backup file ([`crate::workspace::write_backup`]); `None` when
/// it holds no data.
pub async fn export_backup(db: &Database, workspace: &Workspace) -> Result<Option<Vec<u8>>> {
    Ok(load_encoded(db, &workspace.id)
        .await?
        .map(|(manifest, encoded)| write_backup(&workspace.name, &manifest.history, &encoded)))
}

/// Restores a backup file as a new workspace named as in the file. The file is checked
/// completely (every part decoded) before anything is written; a damaged file stores nothing.
pub async fn restore_backup(db: &Database, file: &[u8], now_ms: f64) -> Result<Workspace> {
    let backup = read_backup(file).map_err(|e| StorageError::Damaged(e.to_string()))?;
    let data = codec::decode(&backup.data.meta, &backup.data.sales_chunks)?;
    let workspace = Workspace {
        id: new_workspace_id(now_ms),
        name: backup.name,
        created_ms: now_ms,
    };
    // A new workspace: its history is the backup's.
    let staged = stage_import(db, &workspace.id, &backup.data).await?;
    commit(db, &staged, &data, now_ms, backup.history, Vec::new())
        .await?
        .ok_or_else(gone)?;
    put_workspace(db, &workspace).await?;
    Ok(workspace)
}

/// A fresh workspace id for a workspace created at `now_ms`.
pub fn new_workspace_id(now_ms: f64) -> String {
    format!(
        "ws-{}-{:04}",
        now_ms as u64,
        (js_sys::Math::random() * 10_000.0) as u32
    )
}

/// The mapping the user last confirmed for files with these headers
/// ([`crate::import::header_signature`]).
pub async fn remembered_mapping(db: &Database, signature: &str) -> Result<Option<Mapping>> {
    let tx = db.transaction(MAPPINGS).build()?;
    let store = tx.object_store(MAPPINGS)?;
    let json: Option<String> = store.get(signature.to_owned()).primitive()?.await?;
    // A mapping that no longer reads (an older format) is simply forgotten.
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Remembers `mapping` for files whose headers have `signature`.
pub async fn remember_mapping(db: &Database, signature: &str, mapping: &Mapping) -> Result<()> {
    let json = serde_json::to_string(mapping).expect("a mapping always serialises");
    put_one(db, MAPPINGS, signature, json).await
}

/// Deletes every workspace, dataset and remembered mapping, in one transaction.
pub async fn delete_everything(db: &Database) -> Result<()> {
    let tx = db
        .transaction([MANIFESTS, BLOBS, WORKSPACES, MAPPINGS])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    for name in [MANIFESTS, BLOBS, WORKSPACES, MAPPINGS] {
        tx.object_store(name)?.clear()?;
    }
    tx.commit().await?;
    Ok(())
}

/// Version 1 stored one unnamed dataset per key with no workspace record: give every dataset
/// without a record one, named [`UNNAMED_WORKSPACE`]. Idempotent; runs at every open (two small reads)
/// so that an upgrade cut off before this step is completed by the next open.
async fn register_unnamed_workspaces(db: &Database) -> Result<()> {
    let known: Vec<String> = workspaces(db).await?.into_iter().map(|w| w.id).collect();
    let tx = db.transaction(MANIFESTS).build()?;
    let keys: Vec<String> = tx
        .object_store(MANIFESTS)?
        .get_all_keys::<String>()
        .primitive()?
        .await?
        .collect::<std::result::Result<_, _>>()?;
    tx.commit().await?;
    for id in keys.into_iter().filter(|k| !known.contains(k)) {
        let created_ms = manifest(db, &id).await?.map_or(0.0, |m| m.saved_at_ms);
        put_workspace(
            db,
            &Workspace {
                id,
                name: UNNAMED_WORKSPACE.to_owned(),
                created_ms,
            },
        )
        .await?;
    }
    Ok(())
}

/// Space this site uses and may use, in bytes, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = manager.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Asks the browser not to evict this site's data under storage pressure; `true` if granted.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(promise) = window.navigator().storage().persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
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
    delete_blobs_where(&store, |key| {
        key.starts_with(&prefix)
            && keep_prefix
                .as_ref()
                .is_none_or(|k| !key.starts_with(k.as_str()))
    })
    .await?;
    drop(store);
    tx.commit().await?;
    Ok(())
}

/// Whether `staged`'s stamp is in `blobs` (the blobs store, in a transaction): its blobs are
/// there, uncommitted, and no other stage of the same generation has written over them.
async fn holds_stamp(blobs: &ObjectStore<'_>, staged: &Staged) -> Result<bool> {
    let stamp: Option<JsValue> = blobs
        .get(blob_key(&staged.workspace, staged.generation, STAGE))
        .primitive()?
        .await?;
    Ok(stamp.and_then(|s| s.as_string()).as_ref() == Some(&staged.stamp))
}

/// Deletes every key of `blobs` (the blobs store, in a read-write transaction) that `stale`
/// picks.
async fn delete_blobs_where(blobs: &ObjectStore<'_>, stale: impl Fn(&str) -> bool) -> Result<()> {
    let keys: Vec<String> = blobs
        .get_all_keys::<String>()
        .primitive()?
        .await?
        .collect::<std::result::Result<_, _>>()?;
    for key in keys.into_iter().filter(|k| stale(k)) {
        blobs.delete(key).primitive()?;
    }
    Ok(())
}

/// Writes one text record under `key`, in a transaction of its own.
async fn put_one(db: &Database, store: &str, key: &str, value: String) -> Result<()> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(store)?
        .put(value)
        .with_key(key.to_owned())
        .primitive()?;
    tx.commit().await?;
    Ok(())
}

/// Deletes the record under `key`, in a transaction of its own.
async fn delete_one(db: &Database, store: &str, key: &str) -> Result<()> {
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(store)?.delete(key.to_owned()).primitive()?;
    tx.commit().await?;
    Ok(())
}

fn bytes(data: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(data).into()
}
