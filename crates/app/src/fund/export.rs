//! The fund's journal as a file (`hamyar export fund`): every line of every group in the
//! actor's place, with its group, cycle, meeting, loan, woman, kind, shares, amount, day and
//! ledger transaction, and beside it the members' spans and the loans' schedules — all that
//! the metrics read, so anyone can recompute them from the file alone. Read in pages by id,
//! so memory stays flat at national scale. Names no woman (ids only) and is audited.

use serde_json::json;

use crate::access::{Actor, Permission, Role};
use crate::error::{AppError, AppResult};
use crate::groups::scope_filter;
use crate::ports::fund::FundEntryRow;
use crate::service::{App, AuditEntry};

/// How many lines one page reads.
pub const PAGE: i64 = 5_000;

impl App {
    /// One page of the journal in the actor's place after `after_id`; empty at the end.
    pub async fn fund_export_page(
        &self,
        actor: &Actor,
        after_id: i64,
    ) -> AppResult<Vec<FundEntryRow>> {
        actor.require(Permission::ViewFund)?;
        if actor.role == Role::Facilitator {
            return Err(AppError::Forbidden);
        }
        let mut tx = self.db.read().await?;
        let rows = tx
            .fund_entries_page(scope_filter(actor), None, after_id, PAGE)
            .await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Records that the actor exported the journal (`count` lines).
    pub async fn record_fund_export(&self, actor: &Actor, count: i64) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.export",
                entity_kind: "fund",
                entity_id: "journal".into(),
                province_id: actor.scope.province(),
                county_id: actor.scope.county(),
                before: None,
                after: Some(json!({ "lines": count })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
