//! The decisions on a tranche, each one write transaction that locks the tranche's row first:
//! approve (four eyes; the release conditions re-judged inside the transaction and kept; the
//! amount committed on the grant's line), reject (with a reason), pay (the commitment paid out
//! of the treasury) and cancel (with a reason; the payment and the commitment reversed on the
//! ledger, originals kept). A tranche changes only from the status read under the lock, so of
//! two concurrent approvals exactly one is written and one commitment posted. An approval
//! and a payment each carry the day they happened (`approved_on`, `paid_on`), the value date
//! of their ledger transaction; the conditions are judged on the approval's day.

use hamyar_domain::JalaliDate;
use hamyar_domain::digits::to_persian_digits;
use hamyar_domain::grants::{ConditionResult, TrancheStatus, tranche_move_allowed};
use hamyar_domain::{Message, MessageArg};

use super::conditions::judge_in_tx;
use super::grant_in_scope;
use crate::access::{Actor, Permission};
use crate::budget::commitment::LineStep;
use crate::budget::dates::{money_date, not_before_commitment};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::Tx;
use crate::ports::grants::{GrantRow, TrancheId, TrancheRow};
use crate::ports::ledger::LedgerTransactionId;
use crate::service::App;
use crate::service::actor_name;

/// What the approver confirms with the approval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalInput {
    /// The approver has seen the recipient's other support (facility history) and approves
    /// anyway. Read by the double-support check (see `approve_tranche_in_tx`).
    pub acknowledge_double_support: bool,
    /// The day of the approval as typed (Jalali; empty: today, or the line's last day for a
    /// year that is over) — the commitment's value date. The release conditions and the
    /// double support are judged on that day.
    pub approved_on: String,
}

/// What an approval wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalOutcome {
    pub results: Vec<ConditionResult>,
    pub commit_transaction_id: LedgerTransactionId,
}

/// The payment form: the day the money left (empty: today).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PaymentInput {
    pub paid_on: String,
}

fn wrong_status(status: TrancheStatus) -> AppError {
    AppError::invalid(
        "tranche",
        Message::new("decide-wrong_tranche_status").arg(
            "status",
            MessageArg::label(status.label_fa(), status.label_en()),
        ),
    )
}

fn reason_required(reason: &str, field: &'static str) -> AppResult<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            field,
            Message::new("decide-reason_required"),
        ));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::invalid(
            field,
            Message::new("decide-reason_longer_than_500_characters"),
        ));
    }
    Ok(reason.to_owned())
}

/// The ledger description of a tranche's step.
fn description(grant: &GrantRow, tranche: &TrancheRow, step_fa: &str) -> String {
    let purpose: String = grant.purpose.chars().take(200).collect();
    format!(
        "{step_fa} قسط {} کمک بلاعوض {}: {purpose}",
        to_persian_digits(&tranche.seq.to_string()),
        to_persian_digits(&grant.id.to_string()),
    )
}

/// The refusal of an approval: one message per failed condition under the form's
/// `conditions`, each naming the condition and why it failed, so the page lists them one
/// to a line in the reader's language.
fn conditions_refusal(results: &[ConditionResult]) -> AppError {
    AppError::Invalid(
        results
            .iter()
            .filter(|result| !result.passed)
            .map(|result| {
                let condition = &result.condition;
                FieldError::new(
                    "conditions",
                    Message::new("decide-condition_not_met")
                        .arg(
                            "condition",
                            MessageArg::label(condition.label_fa(), condition.label_en()),
                        )
                        .arg("explanation", result.message.clone()),
                )
            })
            .collect(),
    )
}

impl App {
    /// Locks the tranche, loads its grant in the actor's scope, and checks the move.
    async fn tranche_for_move(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        tranche_id: TrancheId,
        to: TrancheStatus,
    ) -> AppResult<(GrantRow, TrancheRow, TrancheStatus)> {
        actor.require(Permission::ApproveSpending)?;
        let tranche = tx
            .lock_tranche(tranche_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let grant = grant_in_scope(tx, actor, tranche.grant_id).await?;
        let from = tranche.status;
        if !tranche_move_allowed(from, to) {
            return Err(wrong_status(from));
        }
        Ok((grant, tranche, from))
    }

    /// Writes the tranche's new state (only over the status read), refreshes the grant's
    /// status and appends the audit row.
    async fn finish_move_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        action: &str,
        grant: &GrantRow,
        before: &TrancheRow,
        after: &TrancheRow,
    ) -> AppResult<()> {
        if !tx.update_tranche(after, before.status).await? {
            return Err(AppError::Conflict {
                field: "tranche",
                message: Message::new("decide-someone_else_changed_tranche_at"),
            });
        }
        self.refresh_grant_status_in_tx(tx, grant).await?;
        self.audit_tranche_in_tx(tx, actor, action, grant, before, after)
            .await
    }

    /// Approves a proposed tranche (four eyes): see [`App::approve_tranche_in_tx`].
    pub async fn approve_tranche(
        &self,
        actor: &Actor,
        tranche_id: TrancheId,
        input: &ApprovalInput,
    ) -> AppResult<ApprovalOutcome> {
        let mut tx = self.db.write().await?;
        let outcome = self
            .approve_tranche_in_tx(tx.as_mut(), actor, tranche_id, input)
            .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The whole approval inside one transaction: the tranche locked, the approver not the
    /// proposer, earlier tranches decided, the release conditions judged now and every one
    /// passed, the amount committed on the line (`tranche.<id>.commit`), the results kept,
    /// the grant's status refreshed, the audit row appended.
    pub(crate) async fn approve_tranche_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        tranche_id: TrancheId,
        input: &ApprovalInput,
    ) -> AppResult<ApprovalOutcome> {
        let (grant, before, _) = self
            .tranche_for_move(tx, actor, tranche_id, TrancheStatus::Approved)
            .await?;
        if grant.proposed_by == actor.user_id {
            return Err(AppError::invalid(
                "approver",
                Message::new("decide-whoever_proposed_grant_cannot_approve"),
            ));
        }
        let earlier_open = tx
            .tranches_of(grant.id)
            .await?
            .iter()
            .any(|row| row.seq < before.seq && row.status == TrancheStatus::Proposed);
        if earlier_open {
            return Err(AppError::invalid(
                "tranche",
                Message::new("decide-decide_earlier_tranches_first"),
            ));
        }
        let line = tx
            .budget_line_by_id(grant.budget_line_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let approved_on = money_date("approved_on", &input.approved_on, self.today(), &line)?;
        let results = judge_in_tx(tx, &grant, &before, approved_on).await?;
        if results.iter().any(|result| !result.passed) {
            return Err(conditions_refusal(&results));
        }
        self.check_double_support_in_tx(tx, &grant, approved_on, input.acknowledge_double_support)
            .await?;
        let posted = self
            .commit_against_line_in_tx(
                tx,
                actor,
                LineStep {
                    line_id: grant.budget_line_id,
                    amount_rials: before.amount_rials,
                    effective_on: approved_on,
                    date_field: "approved_on",
                    description: &description(&grant, &before, "تعهد"),
                    idempotency_key: &format!("tranche.{tranche_id}.commit"),
                },
            )
            .await?;
        let after = TrancheRow {
            status: TrancheStatus::Approved,
            decided_by: actor.user_id,
            decided_by_name: Some(actor_name(tx, actor).await?),
            decided_at: Some(self.now()),
            approved_on: Some(approved_on),
            condition_results: Some(
                serde_json::to_string(&results)
                    .map_err(|error| AppError::Internal(error.to_string()))?,
            ),
            commit_transaction_id: Some(posted.id),
            ..before.clone()
        };
        self.record_tranche_support_in_tx(tx, actor, &grant, &after, approved_on)
            .await?;
        self.finish_move_in_tx(tx, actor, "grant.tranche.approve", &grant, &before, &after)
            .await?;
        Ok(ApprovalOutcome {
            results,
            commit_transaction_id: posted.id,
        })
    }

    /// Rejects a proposed tranche; the reason is required and kept.
    pub async fn reject_tranche(
        &self,
        actor: &Actor,
        tranche_id: TrancheId,
        reason: &str,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        self.reject_tranche_in_tx(tx.as_mut(), actor, tranche_id, reason)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The rejection inside the caller's transaction (see [`App::reject_tranche`]).
    pub(crate) async fn reject_tranche_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        tranche_id: TrancheId,
        reason: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ApproveSpending)?;
        let reason = reason_required(reason, "reason")?;
        let (grant, before, _) = self
            .tranche_for_move(tx, actor, tranche_id, TrancheStatus::Rejected)
            .await?;
        let after = TrancheRow {
            status: TrancheStatus::Rejected,
            decided_by: actor.user_id,
            decided_by_name: Some(actor_name(tx, actor).await?),
            decided_at: Some(self.now()),
            rejection_reason: Some(reason),
            ..before.clone()
        };
        self.finish_move_in_tx(tx, actor, "grant.tranche.reject", &grant, &before, &after)
            .await
    }

    /// Pays an approved tranche out of the treasury (`tranche.<id>.pay`), on the day given
    /// (empty: today; not before it was approved, not after today, inside the line's year).
    pub async fn pay_tranche(
        &self,
        actor: &Actor,
        tranche_id: TrancheId,
        input: &PaymentInput,
    ) -> AppResult<LedgerTransactionId> {
        let mut tx = self.db.write().await?;
        let posted = self
            .pay_tranche_in_tx(tx.as_mut(), actor, tranche_id, input)
            .await?;
        tx.commit().await?;
        Ok(posted)
    }

    /// The payment inside the caller's transaction (see [`App::pay_tranche`]).
    pub(crate) async fn pay_tranche_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        tranche_id: TrancheId,
        input: &PaymentInput,
    ) -> AppResult<LedgerTransactionId> {
        actor.require(Permission::ApproveSpending)?;
        let (grant, before, _) = self
            .tranche_for_move(tx, actor, tranche_id, TrancheStatus::Paid)
            .await?;
        let line = tx
            .budget_line_by_id(grant.budget_line_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let paid_on = money_date("paid_on", &input.paid_on, self.today(), &line)?;
        let committed_on = self.committed_on(tx, &before).await?;
        not_before_commitment("paid_on", paid_on, committed_on)?;
        let posted = self
            .pay_commitment_in_tx(
                tx,
                actor,
                LineStep {
                    line_id: grant.budget_line_id,
                    amount_rials: before.amount_rials,
                    effective_on: paid_on,
                    date_field: "paid_on",
                    description: &description(&grant, &before, "پرداخت"),
                    idempotency_key: &format!("tranche.{tranche_id}.pay"),
                },
            )
            .await?;
        let after = TrancheRow {
            status: TrancheStatus::Paid,
            paid_by: actor.user_id,
            paid_by_name: Some(actor_name(tx, actor).await?),
            paid_at: Some(self.now()),
            paid_on: Some(paid_on),
            pay_transaction_id: Some(posted.id),
            ..before.clone()
        };
        self.finish_move_in_tx(tx, actor, "grant.tranche.pay", &grant, &before, &after)
            .await?;
        Ok(posted.id)
    }

    /// The day the tranche was approved: its own record, or (approved before the record kept
    /// it) its commitment's value date on the ledger.
    async fn committed_on(&self, tx: &mut dyn Tx, tranche: &TrancheRow) -> AppResult<JalaliDate> {
        if let Some(approved_on) = tranche.approved_on {
            return Ok(approved_on);
        }
        let id = tranche.commit_transaction_id.ok_or_else(|| {
            AppError::Internal(format!("tranche {} has no commitment", tranche.id))
        })?;
        let row = tx
            .ledger_transaction_by_id(id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("ledger transaction {id} missing")))?;
        JalaliDate::from_iso_str(&row.effective_on)
            .map_err(|_| AppError::Internal(format!("ledger transaction {id} date")))
    }

    /// Cancels a tranche with a reason. A paid tranche's payment and an approved or paid
    /// tranche's commitment are reversed on the ledger (originals and reversals both stay),
    /// which gives the money back to the line.
    pub async fn cancel_tranche(
        &self,
        actor: &Actor,
        tranche_id: TrancheId,
        reason: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ApproveSpending)?;
        let reason = reason_required(reason, "cancel_reason")?;
        let mut tx = self.db.write().await?;
        let (grant, before, _) = self
            .tranche_for_move(tx.as_mut(), actor, tranche_id, TrancheStatus::Cancelled)
            .await?;
        let ledger_reason = format!("{} — {reason}", description(&grant, &before, "لغو"));
        let ledger_reason: String = ledger_reason.chars().take(500).collect();
        if let Some(paid) = before.pay_transaction_id {
            self.reverse_in_tx(
                tx.as_mut(),
                actor,
                paid,
                &ledger_reason,
                &format!("tranche.{tranche_id}.pay.reverse"),
            )
            .await?;
        }
        if let Some(committed) = before.commit_transaction_id {
            self.reverse_in_tx(
                tx.as_mut(),
                actor,
                committed,
                &ledger_reason,
                &format!("tranche.{tranche_id}.commit.reverse"),
            )
            .await?;
        }
        self.withdraw_programme_support_in_tx(tx.as_mut(), tranche_id, self.today())
            .await?;
        let after = TrancheRow {
            status: TrancheStatus::Cancelled,
            cancelled_by: actor.user_id,
            cancelled_by_name: Some(actor_name(tx.as_mut(), actor).await?),
            cancelled_at: Some(self.now()),
            cancel_reason: Some(reason),
            ..before.clone()
        };
        self.finish_move_in_tx(
            tx.as_mut(),
            actor,
            "grant.tranche.cancel",
            &grant,
            &before,
            &after,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
