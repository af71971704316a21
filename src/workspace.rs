//! What a workspace is (a consultant keeps one per client), its import history, a dataset
//! generation staged ahead of its manifest ([`Staged`]), and the backup file that carries a
//! whole workspace to another browser.
//!
//! Backup layout (all integers little-endian):
//!
//! ```text
//! "FIDELIZA-BACKUP\n"  16 bytes, the file's signature
//! version              u32 (= BACKUP_VERSION)
//! header length        u32, then the header: JSON of BackupHeader
//! meta                 the encoded dataset's meta record (codec::Encoded::meta)
//! sales chunks         each codec sales chunk, lengths listed in the header
//! ```
//!
//! The dataset parts are exactly the records IndexedDB holds, so a restore is a byte copy and
//! the round trip is exact. Version 2 files hold parts in codec format 2; version 1 files
//! (codec format 1) are still read, and an older copy of the app refuses a version 2 file as
//! made by a newer version instead of misreading it.

use crate::codec::Encoded;
use crate::import::FileKind;
use serde::{Deserialize, Serialize};

/// A client's workspace: one dataset per kind, its import history and settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Stable key (never shown).
    pub id: String,
    /// Name the user gave it, e.g. the client's business.
    pub name: String,
    /// Creation time, milliseconds since 1970 (browser clock).
    pub created_ms: f64,
}

/// One completed import: which files went in, when, and what their reports said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// When the user accepted the report, milliseconds since 1970.
    pub at_ms: f64,
    /// Whether the files replaced or were added to the stored rows.
    pub appended: bool,
    /// One entry per file.
    pub files: Vec<FileRecord>,
}

/// One file of an [`ImportRecord`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file's name.
    pub name: String,
    /// What it was imported as.
    pub kind: FileKind,
    /// Data rows read.
    pub rows_read: u64,
    /// Rows imported.
    pub rows_valid: u64,
    /// Errors (rows left out).
    pub errors: u64,
    /// Warnings (rows kept, flagged).
    pub warnings: u64,
}

/// A new generation of a workspace's dataset written ahead of its manifest
/// (`storage::stage_import`, run by the import worker while the user reads the report): stored,
/// but not the workspace's data until `storage::commit_import` points the manifest to it. It
/// travels from the worker to the page inside [`crate::worker::Response::Staged`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staged {
    /// The workspace it was written for.
    pub(crate) workspace: String,
    /// The generation written.
    pub(crate) generation: u32,
    /// The complete generation it follows (none: nothing was saved before).
    pub(crate) after: Option<u32>,
    /// Sales chunks written.
    pub(crate) sales_chunks: usize,
    /// A random number written beside the blobs: another stage of the same generation (another
    /// check, another tab) writes its own, so each commits or drops only its own blobs.
    pub(crate) stamp: String,
}

impl Staged {
    /// The workspace it was written for.
    pub fn workspace(&self) -> &str {
        &self.workspace
    }
}

/// Version of the backup layout this code writes (it reads every version up to it).
pub const BACKUP_VERSION: u32 = 2;

const SIGNATURE: &[u8; 16] = b"FIDELIZA-BACKUP\n";

/// The JSON header of a backup file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct BackupHeader {
    name: String,
    history: Vec<ImportRecord>,
    meta_len: u64,
    chunk_lens: Vec<u64>,
}

/// A workspace read back from a backup file.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The workspace's name.
    pub name: String,
    /// Its import history.
    pub history: Vec<ImportRecord>,
    /// Its dataset, as stored.
    pub data: Encoded,
}

/// Why a backup file could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BackupError {
    /// Not a Fideliza backup at all.
    #[error("this file is not a Fideliza backup")]
    NotABackup,
    /// Written by a newer version of Fideliza.
    #[error("this backup was written by a newer Fideliza (format {0}); update the app")]
    NewerVersion(u32),
    /// Cut short or altered.
    #[error("the backup file is damaged ({0}); nothing was restored")]
    Damaged(&'static str),
}

/// Writes a workspace (`name`, `history` and its encoded dataset) as one backup file.
pub fn write_backup(name: &str, history: &[ImportRecord], data: &Encoded) -> Vec<u8> {
    let header = serde_json::to_vec(&BackupHeader {
        name: name.to_owned(),
        history: history.to_vec(),
        meta_len: data.meta.len() as u64,
        chunk_lens: data.sales_chunks.iter().map(|c| c.len() as u64).collect(),
    })
    .expect("a backup header always serialises");
    let body: usize = data.meta.len() + data.sales_chunks.iter().map(Vec::len).sum::<usize>();
    let mut out = Vec::with_capacity(SIGNATURE.len() + 8 + header.len() + body);
    out.extend_from_slice(SIGNATURE);
    out.extend_from_slice(&BACKUP_VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&data.meta);
    for chunk in &data.sales_chunks {
        out.extend_from_slice(chunk);
    }
    out
}

/// Reads a backup file written by [`write_backup`]. The dataset parts are checked for length
/// only; decoding them ([`crate::codec::decode`]) checks their content.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    let rest = bytes
        .strip_prefix(SIGNATURE.as_slice())
        .ok_or(BackupError::NotABackup)?;
    let (version, rest) = take_u32(rest)?;
    if version > BACKUP_VERSION {
        return Err(BackupError::NewerVersion(version));
    }
    let (header_len, rest) = take_u32(rest)?;
    let (header, mut rest) = take(rest, header_len as u64)?;
    let header: BackupHeader =
        serde_json::from_slice(header).map_err(|_| BackupError::Damaged("unreadable header"))?;
    let meta;
    (meta, rest) = take(rest, header.meta_len)?;
    let mut sales_chunks = Vec::with_capacity(header.chunk_lens.len());
    for &len in &header.chunk_lens {
        let chunk;
        (chunk, rest) = take(rest, len)?;
        sales_chunks.push(chunk.to_vec());
    }
    if !rest.is_empty() {
        return Err(BackupError::Damaged("unexpected bytes at the end"));
    }
    Ok(Backup {
        name: header.name,
        history: header.history,
        data: Encoded {
            meta: meta.to_vec(),
            sales_chunks,
        },
    })
}

fn take(bytes: &[u8], len: u64) -> Result<(&[u8], &[u8]), BackupError> {
    let len = usize::try_from(len).map_err(|_| BackupError::Damaged("cut short"))?;
    if bytes.len() < len {
        return Err(BackupError::Damaged("cut short"));
    }
    Ok(bytes.split_at(len))
}

fn take_u32(bytes: &[u8]) -> Result<(u32, &[u8]), BackupError> {
    let (head, rest) = take(bytes, 4)?;
    Ok((
        u32::from_le_bytes(head.try_into().expect("four bytes")),
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;
    use crate::demo::{DemoConfig, generate};

    fn history() -> Vec<ImportRecord> {
        vec![ImportRecord {
            at_ms: 1.7e12,
            appended: false,
            files: vec![FileRecord {
                name: "ventas enero.csv".into(),
                kind: FileKind::Sales,
                rows_read: 10,
                rows_valid: 9,
                errors: 1,
                warnings: 2,
            }],
        }]
    }

    #[test]
    fn a_workspace_round_trips_exactly_through_a_backup_file() {
        // Enough customers for two sales chunks.
        let data = generate(&DemoConfig {
            customers: 9_000,
            ..DemoConfig::default()
        });
        let encoded = codec::encode(&data);
        assert!(encoded.sales_chunks.len() >= 2);
        let file = write_backup("Botica Santa Rosa", &history(), &encoded);
        let back = read_backup(&file).unwrap();
        assert_eq!(back.name, "Botica Santa Rosa");
        assert_eq!(back.history, history());
        assert_eq!(back.data, encoded);
        assert_eq!(
            codec::decode(&back.data.meta, &back.data.sales_chunks).unwrap(),
            data
        );
    }

    #[test]
    fn damaged_or_foreign_files_are_refused() {
        let encoded = codec::encode(&generate(&DemoConfig {
            customers: 20,
            ..DemoConfig::default()
        }));
        let file = write_backup("x", &[], &encoded);
        assert_eq!(
            read_backup(b"cliente;fecha\n"),
            Err(BackupError::NotABackup)
        );
        assert_eq!(
            read_backup(&file[..file.len() - 1]),
            Err(BackupError::Damaged("cut short"))
        );
        let mut longer = file.clone();
        longer.push(0);
        assert_eq!(
            read_backup(&longer),
            Err(BackupError::Damaged("unexpected bytes at the end"))
        );
        let mut newer = file.clone();
        newer[16..20].copy_from_slice(&(BACKUP_VERSION + 1).to_le_bytes());
        assert_eq!(
            read_backup(&newer),
            Err(BackupError::NewerVersion(BACKUP_VERSION + 1))
        );
    }

    #[test]
    fn a_version_1_file_is_still_read() {
        // Version 1 had the same layout; its parts were codec format 1 (JSON meta record),
        // which the codec still decodes.
        let data = generate(&DemoConfig {
            customers: 20,
            ..DemoConfig::default()
        });
        let mut json = serde_json::to_value(&data).unwrap();
        json["sales"] = serde_json::json!([]);
        json["sales_rows"] = data.sales.len().into();
        let encoded = Encoded {
            meta: serde_json::to_vec(&json).unwrap(),
            ..codec::encode(&data)
        };
        let mut file = write_backup("Botica", &[], &encoded);
        file[16..20].copy_from_slice(&1u32.to_le_bytes());
        let back = read_backup(&file).unwrap();
        assert_eq!(
            codec::decode(&back.data.meta, &back.data.sales_chunks).unwrap(),
            data
        );
    }
}
