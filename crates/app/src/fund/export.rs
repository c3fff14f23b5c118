//! The fund's data as files (`hamyar export fund --part journal|members|loans`): every line
//! of the journal of every group in the actor's place (its group, cycle, meeting, loan, woman,
//! kind, shares, amount, day and ledger transaction), read in pages by id so memory stays flat
//! at national scale; the members' spans; and the loans owed on a day with their schedules in
//! force — all that the metrics read, so anyone can recompute them from the files alone.
//! Names no woman (ids only) and each export is audited.

use hamyar_domain::JalaliDate;
use serde_json::json;

use crate::access::{Actor, Permission, Role};
use crate::error::{AppError, AppResult};
use crate::groups::scope_filter;
use crate::ports::fund::{FundEntryRow, FundLoanAtDay, FundMemberSpan};
use crate::service::{App, AuditEntry};

/// Who may export: `ViewFund` in a place, not the facilitator (her reach is her own groups).
fn may_export(actor: &Actor) -> AppResult<()> {
    actor.require(Permission::ViewFund)?;
    if actor.role == Role::Facilitator {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

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

    /// The members of the funds' groups in the actor's place as of `as_of`: what the member
    /// counts, dropout and retention read.
    pub async fn fund_export_members(
        &self,
        actor: &Actor,
        as_of: JalaliDate,
    ) -> AppResult<Vec<FundMemberSpan>> {
        may_export(actor)?;
        let mut tx = self.db.read().await?;
        let rows = tx.fund_member_spans(scope_filter(actor), as_of).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// The loans still owed on `as_of` in the actor's place, with what was settled by then and
    /// the schedule in force: what the portfolio at risk and the borrowers read.
    pub async fn fund_export_loans(
        &self,
        actor: &Actor,
        as_of: JalaliDate,
    ) -> AppResult<Vec<FundLoanAtDay>> {
        may_export(actor)?;
        let mut tx = self.db.read().await?;
        let rows = tx.fund_loans_at(scope_filter(actor), as_of).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Records that the actor exported a part of the fund's data (`journal`, `members` or
    /// `loans`; `count` rows).
    pub async fn record_fund_export(&self, actor: &Actor, part: &str, count: i64) -> AppResult<()> {
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
                after: Some(json!({ "part": part, "rows": count })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
