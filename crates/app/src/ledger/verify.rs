//! `verify_ledger`: the recomputation behind `hamyar ledger verify`, in one read transaction
//! so every figure it compares comes from the same moment.

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::ports::ledger::LedgerCheck;
use crate::service::App;

/// What verification found, and whether the database still refuses edits to the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerVerifyReport {
    pub check: LedgerCheck,
    pub guard_installed: bool,
}

impl LedgerVerifyReport {
    pub fn is_consistent(&self) -> bool {
        self.check.is_consistent()
    }
}

impl App {
    pub async fn verify_ledger(&self, actor: &Actor) -> AppResult<LedgerVerifyReport> {
        actor.require(Permission::ViewLedger)?;
        let mut tx = self.db.read().await?;
        let check = tx.check_ledger().await?;
        let guard_installed = tx.ledger_guard_installed().await?;
        tx.commit().await?;
        Ok(LedgerVerifyReport {
            check,
            guard_installed,
        })
    }
}
