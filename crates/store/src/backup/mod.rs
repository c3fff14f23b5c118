//! Backups that either engine can write and either engine can load: a *Hamyar archive*, one
//! file holding every table's rows, read from one consistent snapshot, sealed with the audit
//! key (`hamyar backup` and `hamyar restore`; docs/DESIGN.md, "Backups").
//!
//! The file is UTF-8 text, one JSON value a line:
//!
//! 1. `{"header":{…}}` — format and version, when and by which Hamyar it was made, the engine
//!    it came from, the migrations the data is shaped by, the fingerprint of the audit key,
//!    and every table with its columns (name and kind: `int`, `text` or `bytes`) and the
//!    last id its sequence handed out (so ids are not given twice after a restore);
//! 2. for each table, in an order where a table comes after those it refers to:
//!    `{"rows_of":"places"}`, then one JSON array a row (integers as numbers, text as
//!    strings, bytes as hexadecimal strings, `null`), then `{"end_of":{"table":…,"rows":n}}`;
//! 3. `{"seal":"…"}` — HMAC-SHA256 with the audit key of every byte before this line.
//!
//! The seal makes a backup changed or damaged after it was written fail to restore: nobody
//! without the key can change a row and seal the file again. Loading (see [`load`]) happens
//! inside one transaction that the caller verifies before it commits, so a restore either
//! yields a database that verifies or changes nothing.
//!
//! The schema is read from the database's catalogue rather than listed here, so a table a
//! new migration adds is backed up without anyone remembering to; a column of a kind the
//! archive cannot carry stops the backup with its name instead of being skipped.

mod archive;
mod catalog;
mod load;

use std::fmt;

use hamyar_app::ports::{Backend, StoreError, StoreResult};
use serde::{Deserialize, Serialize};

use crate::connect::{AnyStore, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::error::store_error;
use crate::tx::AnyTx;

pub use archive::{ArchiveInfo, BackupSummary, check_archive, write_archive};
pub use load::{LoadSummary, clear_for_restore, load_archive};

/// The first field of every archive.
pub const FORMAT: &str = "hamyar-backup";
/// The archive layout this Hamyar writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Tables that only people's work fills: a database with a row in any of them holds data
/// that a restore would replace (a migrated or freshly started database holds reference
/// places and nothing here).
const WORK_TABLES: [&str; 5] = [
    "users",
    "audit_log",
    "women",
    "hamyar_groups",
    "ledger_transactions",
];

/// How a column's values travel in the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Int,
    Text,
    Bytes,
}

/// One column as the header lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnHeader {
    pub name: String,
    pub kind: ColumnKind,
}

/// One table as the header lists it, in the order its rows follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableHeader {
    pub name: String,
    pub columns: Vec<ColumnHeader>,
    /// The last id the table's sequence handed out (SQLite's `sqlite_sequence`,
    /// PostgreSQL's identity sequence), when it has one.
    pub last_id: Option<i64>,
}

/// The archive's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub made_at: String,
    /// The Hamyar version that wrote it.
    pub made_by: String,
    /// `sqlite` or `postgres`.
    pub engine: String,
    /// The versions of the migrations the database had applied.
    pub migrations: Vec<i64>,
    /// The fingerprint of the audit key that sealed the archive and the trail.
    pub audit_key: String,
    pub tables: Vec<TableHeader>,
}

/// Why a backup could not be written, read or loaded.
#[derive(Debug)]
pub enum BackupError {
    /// Reading or writing the file failed.
    Io(String),
    /// The file is not an intact archive: its seal fails, it ends early, or a line is not
    /// what the format allows there.
    Damaged(String),
    /// The archive was sealed with another audit key than the one configured.
    OtherKey { archive: String, configured: String },
    /// The archive cannot be loaded into this database (another format version, other
    /// migrations, other tables or columns).
    Incompatible(String),
    /// The database refused or failed.
    Store(StoreError),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::Io(message) => write!(f, "{message}"),
            BackupError::Damaged(detail) => {
                write!(f, "the backup is damaged or was altered: {detail}")
            }
            BackupError::OtherKey {
                archive,
                configured,
            } => write!(
                f,
                "the backup was sealed with audit key {archive}, but the configured audit key is {configured}: \
                 configure the key the backup was made with (audit_key_file or HAMYAR_AUDIT_KEY_FILE)"
            ),
            BackupError::Incompatible(detail) => {
                write!(f, "the backup cannot be restored here: {detail}")
            }
            BackupError::Store(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for BackupError {}

impl From<StoreError> for BackupError {
    fn from(error: StoreError) -> Self {
        BackupError::Store(error)
    }
}

impl From<sqlx::Error> for BackupError {
    fn from(error: sqlx::Error) -> Self {
        BackupError::Store(store_error(error))
    }
}

/// The migration versions this build of Hamyar applies on `backend`.
pub fn expected_migrations(backend: Backend) -> Vec<i64> {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|migration| migration.version).collect()
}

/// What the database's migration table says: the versions applied successfully, and those
/// whose recorded checksum differs from this build's (a migration edited after it ran) or
/// that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigrations {
    pub versions: Vec<i64>,
    pub mismatched: Vec<i64>,
}

impl AppliedMigrations {
    /// Whether exactly this build's migrations are applied, unchanged.
    pub fn are_expected(&self, backend: Backend) -> bool {
        self.mismatched.is_empty() && self.versions == expected_migrations(backend)
    }
}

impl AnyStore {
    /// Opens a read transaction that sees one snapshot of the whole database for as long as
    /// it lasts: on PostgreSQL `REPEATABLE READ, READ ONLY`; on SQLite any read
    /// transaction in write-ahead-log mode does.
    pub async fn begin_snapshot(&self) -> StoreResult<AnyTx> {
        match self.backend {
            Backend::Sqlite => self.begin_read().await,
            Backend::Postgres => {
                let tx = self
                    .pool
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await
                    .map_err(store_error)?;
                Ok(AnyTx::new(tx, self.backend, self.audit_key.clone(), None))
            }
        }
    }

    /// The migrations this database has applied (see [`AppliedMigrations`]).
    pub async fn applied_migrations(&self) -> StoreResult<AppliedMigrations> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let rows: Vec<(i64, Vec<u8>, i64)> = sqlx::query_as(
            "SELECT version, checksum, CAST(CASE WHEN success THEN 1 ELSE 0 END AS BIGINT) \
             FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(store_error)?;
        let mut applied = AppliedMigrations {
            versions: Vec::new(),
            mismatched: Vec::new(),
        };
        for (version, checksum, success) in rows {
            let known = migrator.iter().find(|m| m.version == version);
            match known {
                Some(migration) if success == 1 && *migration.checksum == *checksum => {
                    applied.versions.push(version);
                }
                _ => applied.mismatched.push(version),
            }
        }
        Ok(applied)
    }

    /// Whether the database holds people's work (users, audit rows, women, groups or
    /// ledger transactions), which a restore would replace. A database that has no tables
    /// yet holds nothing.
    pub async fn holds_data(&self) -> StoreResult<bool> {
        let mut tx = self.begin_read().await?;
        let present = catalog::table_names(&mut tx).await?;
        for table in WORK_TABLES {
            if !present.iter().any(|name| name == table) {
                continue;
            }
            // The name is one of the constants above.
            let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT 1 FROM {table} LIMIT 1"
            )))
            .fetch_optional(&mut *tx.tx)
            .await
            .map_err(store_error)?;
            if found.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The number of rows of every table (not the migration table), by name: what a
    /// restore is compared against in tests and reports.
    pub async fn table_row_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let mut tx = self.begin_read().await?;
        let names = catalog::table_names(&mut tx).await?;
        let mut counts = Vec::with_capacity(names.len());
        for name in names {
            let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {}",
                catalog::quoted(&name)?
            )))
            .fetch_one(&mut *tx.tx)
            .await
            .map_err(store_error)?;
            counts.push((name, count));
        }
        Ok(counts)
    }
}

fn engine_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}
