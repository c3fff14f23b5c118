//! Spending against a budget line, with four eyes (issue 5). A payment to a provider is
//! proposed by one user (`ProposeSpending`) and decided by another (`ApproveSpending`):
//! approval commits the amount against the line ([`App::commit_against_line_in_tx`], the one
//! overdraft check, under the line's row lock), payment moves it out of the treasury
//! ([`App::pay_commitment_in_tx`]) once an evidence file is attached, rejection needs a
//! reason, and cancellation reverses whatever was posted (both the originals and the
//! reversals stay on the ledger). Every write is one database transaction with its audit
//! rows; the payment's row is locked before its status is read, and the store changes it only
//! from the status read, so a decision raced by another is refused, never applied twice.
//!
//! - [`propose`]: the proposal form (parsed at once, every problem named) and evidence uploads.
//! - [`decide`]: approve, reject, pay, cancel.
//! - [`read`]: the scoped list, one payment with its ledger transactions, evidence downloads.
//! - [`disclosure`]: what of a payment a reader may see when it reaches beyond her scope.

mod decide;
pub(crate) mod disclosure;
mod propose;
mod read;

pub use disclosure::LinksElsewhere;
pub(crate) use propose::check_evidence;
pub use propose::{EvidenceUpload, PaymentInput};
pub use read::{PaymentActions, PaymentQuery, PaymentSummary, PaymentView};

use hamyar_domain::spending::{PaymentAction, PaymentStatus, TransitionError, next_status};

use crate::access::Actor;
use crate::budget::scope_reaches_line;
pub(crate) use crate::error::reason;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::budget::BudgetLineRow;
use crate::ports::spending::{PaymentId, PaymentRow, PaymentStamp};
use crate::service::App;
use crate::service::actor_name;

/// What `evidence_files.owner_kind` says for a payment's files.
pub(crate) const EVIDENCE_OWNER: &str = "payment";

/// The status after `action`, or the Persian refusal of the move.
pub(crate) fn moved(row: &PaymentRow, action: PaymentAction) -> AppResult<PaymentStatus> {
    next_status(row.status, action).map_err(refused_move)
}

pub(crate) fn refused_move(error: TransitionError) -> AppError {
    AppError::invalid("decision", error.message())
}

/// The payment and its line, if the actor's scope reaches the line; `NotFound` otherwise.
/// With `lock`, the payment's row is held until the transaction ends (PostgreSQL).
pub(crate) async fn payment_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: PaymentId,
    lock: bool,
) -> AppResult<(PaymentRow, BudgetLineRow)> {
    let row = if lock {
        tx.lock_payment(id).await?
    } else {
        tx.payment_by_id(id).await?
    }
    .ok_or(AppError::NotFound)?;
    let line = tx
        .budget_line_by_id(row.budget_line_id)
        .await?
        .filter(|line| scope_reaches_line(actor.scope, line))
        .ok_or(AppError::NotFound)?;
    Ok((row, line))
}

/// Whether the actor proposed the payment (and so may not decide it).
pub(crate) fn is_proposer(actor: &Actor, row: &PaymentRow) -> bool {
    actor.user_id == row.proposed_by
}

impl App {
    /// Who is acting and when, as the payment row records it.
    pub(crate) async fn stamp(&self, tx: &mut dyn Tx, actor: &Actor) -> AppResult<PaymentStamp> {
        Ok(PaymentStamp {
            by: actor.user_id,
            by_name: actor_name(tx, actor).await?,
            at: self.now(),
        })
    }
}
