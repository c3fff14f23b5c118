//! Grants (کمک بلاعوض) to a group or a woman, in tranches with release conditions, under four
//! eyes. One user proposes (`ProposeSpending`); another with `ApproveSpending` in scope
//! approves each tranche — the release conditions are judged again inside the approval's
//! transaction and kept with it, and the approval commits the amount against the grant's
//! budget line through [`App::commit_against_line_in_tx`] (key `tranche.<id>.commit`);
//! paying posts through [`App::pay_commitment_in_tx`] (key `tranche.<id>.pay`); cancelling
//! reverses whatever was posted. Rejections and cancellations need a reason. Every write is
//! one database transaction with its audit row, so a refused step changes nothing.
//!
//! - `propose`: the grant form, its recipient and line.
//! - `conditions`: a recipient's facts and the judged conditions of a tranche.
//! - `decide`: approve, reject, pay and cancel a tranche.
//! - `support`: double support — the warning the approver acknowledges, each woman's share
//!   recorded in her facility history.
//! - `listing`: the list of grants, a grant's detail, a group's grants.

mod conditions;
mod decide;
mod listing;
mod propose;
mod support;

pub use decide::{ApprovalInput, ApprovalOutcome, PaymentInput};
pub use listing::{GrantDetail, GrantListFilter, GrantListItem, TrancheView};
pub use propose::GrantInput;

use hamyar_domain::grants::{GrantStatus, TrancheStatus, grant_status};
use serde_json::json;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::grants::{GrantId, GrantRow, TrancheRow};
use crate::service::{App, AuditEntry};

/// Loads a grant if it exists and lies in the actor's scope; otherwise `NotFound`.
pub(crate) async fn grant_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: GrantId,
) -> AppResult<GrantRow> {
    tx.grant_by_id(id)
        .await?
        .filter(|grant| {
            actor
                .scope
                .covers(Some(grant.province_id), Some(grant.county_id))
        })
        .ok_or(AppError::NotFound)
}

/// What the audit trail keeps of a tranche after a step.
fn tranche_snapshot(row: &TrancheRow) -> serde_json::Value {
    json!({
        "tranche_id": row.id,
        "seq": row.seq,
        "amount_rials": row.amount_rials,
        "status": row.status,
        "decided_by_name": row.decided_by_name,
        "approved_on": row.approved_on.map(|day| day.to_iso_string()),
        "rejection_reason": row.rejection_reason,
        "condition_results": row
            .condition_results
            .as_deref()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok()),
        "commit_transaction_id": row.commit_transaction_id,
        "paid_on": row.paid_on.map(|day| day.to_iso_string()),
        "pay_transaction_id": row.pay_transaction_id,
        "cancel_reason": row.cancel_reason,
    })
}

impl App {
    /// Recomputes the grant's status from its tranches and stores it.
    async fn refresh_grant_status_in_tx(
        &self,
        tx: &mut dyn Tx,
        grant: &GrantRow,
    ) -> AppResult<GrantStatus> {
        let tranches = tx.tranches_of(grant.id).await?;
        let statuses: Vec<TrancheStatus> = tranches.iter().map(|row| row.status).collect();
        let status = grant_status(&statuses);
        if status != grant.status {
            tx.set_grant_status(grant.id, status, self.now()).await?;
        }
        Ok(status)
    }

    /// Appends the audit row of a tranche step, with the tranche before and after.
    async fn audit_tranche_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        grant: &GrantRow,
        before: &TrancheRow,
        after: &TrancheRow,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "grant",
                entity_id: grant.id.to_string(),
                province_id: Some(grant.province_id),
                county_id: Some(grant.county_id),
                before: Some(tranche_snapshot(before)),
                after: Some(tranche_snapshot(after)),
            },
        )
        .await
    }
}
