//! The `Database` port on [`AnyStore`]: opening read and write transactions with the right
//! locking for each engine, and the whole-database operations (backup, shutdown, liveness).
//!
//! SQLite permits one writer at a time. A deferred transaction that later tries to write can
//! fail with "database is locked" even with a busy timeout, so write transactions first queue
//! on an in-process lock and then start with `BEGIN IMMEDIATE`, taking the file's write lock
//! before any statement runs. PostgreSQL needs neither: its row locks and the audit
//! advisory lock serialise what must be serialised.

use std::path::Path;

use async_trait::async_trait;
use hamyar_app::audit::AuditKey;
use hamyar_app::ports::{Backend, Database, StoreError, StoreResult, Tx};
use sqlx::AnyPool;

use crate::connect::AnyStore;
use crate::error::store_error;
use crate::tx::AnyTx;

impl AnyStore {
    /// The connection pool, for tools and tests that need raw SQL.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Opens a read transaction as the concrete type.
    pub async fn begin_read(&self) -> StoreResult<AnyTx> {
        let tx = self.pool.begin().await.map_err(store_error)?;
        Ok(AnyTx::new(tx, self.backend, self.audit_key.clone(), None))
    }

    /// Opens a write transaction as the concrete type (see the module notes on locking).
    pub async fn begin_write(&self) -> StoreResult<AnyTx> {
        match self.backend {
            Backend::Sqlite => {
                let writer = self.write_lock.clone().lock_owned().await;
                let tx = self
                    .pool
                    .begin_with("BEGIN IMMEDIATE")
                    .await
                    .map_err(store_error)?;
                Ok(AnyTx::new(
                    tx,
                    self.backend,
                    self.audit_key.clone(),
                    Some(writer),
                ))
            }
            Backend::Postgres => {
                let tx = self.pool.begin().await.map_err(store_error)?;
                Ok(AnyTx::new(tx, self.backend, self.audit_key.clone(), None))
            }
        }
    }
}

#[async_trait]
impl Database for AnyStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    fn audit_key(&self) -> Option<&AuditKey> {
        self.audit_key.as_deref()
    }

    async fn read(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(self.begin_read().await?))
    }

    async fn write(&self) -> StoreResult<Box<dyn Tx>> {
        Ok(Box::new(self.begin_write().await?))
    }

    async fn backup_to(&self, path: &str) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            return Err(StoreError::Unsupported("backup on PostgreSQL: use pg_dump"));
        }
        // Never overwrite: a backup that silently replaced an older one could lose the only
        // good copy.
        if Path::new(path).exists() {
            return Err(StoreError::Database(format!(
                "backup refused: {path} already exists"
            )));
        }
        // VACUUM INTO reads one consistent snapshot, so it runs alongside writers.
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn close(&self) {
        if self.backend == Backend::Sqlite {
            // Fold the write-ahead log into the main file so the database is one file again.
            let checkpoint = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await;
            if let Err(error) = checkpoint {
                tracing::warn!(%error, "could not checkpoint the SQLite write-ahead log");
            }
        }
        self.pool.close().await;
    }

    async fn refresh_statistics(&self) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            return Ok(());
        }
        // ANALYZE writes its tables: queue like any writer so it never meets "database is
        // locked". 0x10002 checks every table, and analyses only those that grew or shrank
        // a lot since last measured. Whole indexes are read (no `analysis_limit`): sampled
        // statistics misjudged a county's size by a factor of 160 and chose a 5 s plan.
        let _writer = self.write_lock.lock().await;
        let mut connection = self.pool.acquire().await.map_err(store_error)?;
        sqlx::raw_sql("PRAGMA optimize = 0x10002;")
            .execute(&mut *connection)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn data_version(&self) -> StoreResult<Option<String>> {
        match self.backend {
            // Changes when any transaction that writes begins or ends, anywhere on the server.
            Backend::Postgres => {
                let snapshot: String =
                    sqlx::query_scalar("SELECT CAST(pg_current_snapshot() AS TEXT)")
                        .fetch_one(&self.pool)
                        .await
                        .map_err(store_error)?;
                Ok(Some(snapshot))
            }
            Backend::Sqlite if self.in_memory => Ok(None),
            Backend::Sqlite => {
                let mut watch = self.watch.lock().await;
                if watch.is_none() {
                    let connection = self.pool.acquire().await.map_err(store_error)?;
                    *watch = Some(connection.detach());
                }
                let Some(connection) = watch.as_mut() else {
                    return Ok(None);
                };
                let version: i64 = sqlx::query_scalar("PRAGMA data_version")
                    .fetch_one(&mut *connection)
                    .await
                    .map_err(store_error)?;
                Ok(Some(version.to_string()))
            }
        }
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(store_error)?;
        Ok(())
    }
}
