//! The open transaction handed to use-cases. It wraps one sqlx transaction and, on SQLite
//! writes, the in-process writer lock, so the lock is held exactly as long as the database's
//! own write lock: until commit, or until the value is dropped (which rolls back). The
//! repository traits are implemented on this type in the `users`, `places`, `sessions`,
//! `audit`, `registry` and `groups` modules.

use std::sync::Arc;

use async_trait::async_trait;
use hamyar_app::audit::AuditKey;
use hamyar_app::ports::{Backend, StoreResult, Tx};
use sqlx::Any;
use tokio::sync::OwnedMutexGuard;

use crate::error::store_error;

/// A transaction on an [`crate::AnyStore`]; dropping it without [`Tx::commit`] rolls back.
pub struct AnyTx {
    // Field order matters: the transaction is dropped (its rollback queued on the
    // connection) before the writer lock is released to the next writer.
    pub(crate) tx: sqlx::Transaction<'static, Any>,
    pub(crate) backend: Backend,
    /// `CREATE INDEX` statements dropped for a bulk load, recreated before commit.
    pub(crate) dropped_indexes: Vec<String>,
    /// The key that seals audit rows appended in this transaction.
    pub(crate) audit_key: Option<Arc<AuditKey>>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl std::fmt::Debug for AnyTx {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("AnyTx")
            .field("backend", &self.backend)
            .field("holds_writer_lock", &self._writer.is_some())
            .finish()
    }
}

impl AnyTx {
    pub(crate) fn new(
        tx: sqlx::Transaction<'static, Any>,
        backend: Backend,
        audit_key: Option<Arc<AuditKey>>,
        writer: Option<OwnedMutexGuard<()>>,
    ) -> Self {
        Self {
            tx,
            backend,
            dropped_indexes: Vec::new(),
            audit_key,
            _writer: writer,
        }
    }

    /// The engine behind this transaction, for the few statements that differ.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The underlying connection, for raw SQL in tests and tools that need it.
    pub fn connection(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    /// Commits and only then lets the next writer in.
    pub async fn commit(self) -> StoreResult<()> {
        let Self { tx, _writer, .. } = self;
        tx.commit().await.map_err(store_error)
    }
}

#[async_trait]
impl Tx for AnyTx {
    async fn commit(self: Box<Self>) -> StoreResult<()> {
        AnyTx::commit(*self).await
    }
}
