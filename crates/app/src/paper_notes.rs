//! What the page of an imported payment or grant tranche says of its paper decision: the
//! batch it came in with, the days approved and paid on paper, who signed, who imported it.
//! Kept apart from `history_batches` (which decides batches through the spending and grant
//! use-cases) so that those use-cases' own pages can read a note without a cycle.

use hamyar_domain::JalaliDate;

use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::grants::TrancheId;
use crate::ports::history::{HistoryBatchId, PaperDecisionRow};
use crate::ports::spending::PaymentId;

/// What an imported payment's or tranche's page says of its paper decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperNote {
    pub batch_id: HistoryBatchId,
    pub batch_status: String,
    pub approved_on: JalaliDate,
    pub paid_on: Option<JalaliDate>,
    pub approver_name: String,
    pub imported_by_name: String,
}

async fn note(tx: &mut dyn Tx, decision: Option<PaperDecisionRow>) -> AppResult<Option<PaperNote>> {
    let Some(decision) = decision else {
        return Ok(None);
    };
    let batch = tx
        .history_batch_by_id(decision.batch_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("batch {} missing", decision.batch_id)))?;
    Ok(Some(PaperNote {
        batch_id: batch.id,
        batch_status: batch.status,
        approved_on: decision.approved_on,
        paid_on: decision.paid_on,
        approver_name: decision.approver_name,
        imported_by_name: batch.imported_by_name,
    }))
}

/// The paper note of a payment, if it came from a province's history.
pub(crate) async fn paper_note_of_payment(
    tx: &mut dyn Tx,
    id: PaymentId,
) -> AppResult<Option<PaperNote>> {
    let decision = tx.paper_decision_of_payment(id).await?;
    note(tx, decision).await
}

/// The paper note of a tranche, if it came from a province's history.
pub(crate) async fn paper_note_of_tranche(
    tx: &mut dyn Tx,
    id: TrancheId,
) -> AppResult<Option<PaperNote>> {
    let decision = tx.paper_decision_of_tranche(id).await?;
    note(tx, decision).await
}
