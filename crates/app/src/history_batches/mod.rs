//! A province's historical payments and grants, after the import: the batch of paper
//! decisions that waits for a second person (issue 17). Four eyes hold for history as for
//! today's money: the importer only proposed the payments and grants (`imports::payments`,
//! `imports::grants`); a second person with `ApproveSpending` in the province — never the
//! importer — confirms the whole batch, and each paper decision then goes through the very
//! use-cases a typed decision does (`approve_payment_in_tx`, `pay_payment_in_tx`,
//! `approve_tranche_in_tx`, `pay_tranche_in_tx`) on the day written on paper, with the
//! confirmer as the approver: the line's money on that day, the fiscal year open, the
//! release conditions, double support. All or nothing: one refused decision confirms none,
//! and the refusal names the row of the sheet. A batch with paid payments needs the scan of
//! the paper file (the vouchers), kept with the batch as those payments' evidence.
//!
//! Refusing a batch (with a reason) rejects its proposals, so they stay on record, and
//! frees their natural keys so a corrected file can be imported again.
//!
//! - [`decide`]: confirm and refuse.
//! - [`read`]: the list of batches and one batch with its rows.

mod decide;
mod read;

pub use decide::BatchConfirmation;
pub use read::{BatchRowView, BatchSubject, BatchView, PaperNote};

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::history::{HistoryBatchId, HistoryBatchRow};

/// `history_batches.status` while a batch waits for its second person.
pub(crate) const WAITING: &str = "waiting";

/// The batch, if the actor may see it: her scope reaches its province (not only one of its
/// counties), or she imported it. `NotFound` otherwise.
pub(crate) async fn batch_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: HistoryBatchId,
    lock: bool,
) -> AppResult<HistoryBatchRow> {
    let row = if lock {
        tx.lock_history_batch(id).await?
    } else {
        tx.history_batch_by_id(id).await?
    };
    row.filter(|batch| {
        actor.scope.covers(Some(batch.province_id), None)
            || (batch.imported_by.is_some() && batch.imported_by == actor.user_id)
    })
    .ok_or(AppError::NotFound)
}
