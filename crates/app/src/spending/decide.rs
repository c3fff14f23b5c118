//! The decisions on a payment, each one database transaction: lock the payment's row, check
//! the actor's role and scope and the four-eyes rule (whoever proposed may not decide), check
//! the move is allowed from the status read, post to the ledger through the budget's shared
//! money moves (idempotency keys `payment.<id>.commit`, `.pay`, `.reverse-pay`,
//! `.reverse-commit`), change the status from the one read, and append the audit row.
//! Approval and payment each carry the day they happened (`approved_on`, `paid_on`), which
//! becomes the ledger transaction's value date; the rules for those dates are
//! `budget::dates`.
//! See `docs/LEDGER.md` for what each step posts.

use hamyar_domain::Message;
use hamyar_domain::spending::{PaymentAction, PaymentStatus};
use hamyar_domain::{JalaliDate, to_persian_digits};
use serde_json::json;

use super::{EVIDENCE_OWNER, is_proposer, moved, payment_in_scope, reason};
use crate::access::{Actor, Permission};
use crate::budget::commitment::LineStep;
use crate::budget::dates::{money_date, not_before_commitment};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::ledger::LedgerTransactionId;
use crate::ports::spending::{PaymentId, PaymentRow};
use crate::service::{App, AuditEntry};

fn own_proposal() -> AppError {
    AppError::invalid(
        "decision",
        Message::new("decide-whoever_proposed_payment_may_decide"),
    )
}

/// A status change that found the row moved meanwhile (the row lock makes this rare).
fn raced() -> AppError {
    AppError::invalid(
        "decision",
        Message::new("decide-payment_changed_meanwhile_open_again"),
    )
}

/// The day a payment was approved: its own record, or (approved before the record kept it)
/// its commitment's value date on the ledger.
async fn approved_on(tx: &mut dyn Tx, row: &PaymentRow) -> AppResult<JalaliDate> {
    if let Some(approved_on) = row.approved_on {
        return Ok(approved_on);
    }
    let id = row.commit_transaction_id.ok_or_else(|| {
        AppError::Internal(format!("approved payment {} has no commitment", row.id))
    })?;
    let iso = tx
        .ledger_transaction_by_id(id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("ledger transaction {id} missing")))?
        .effective_on;
    JalaliDate::from_iso_str(&iso)
        .map_err(|_| AppError::Internal(format!("payment {} has a bad approval date", row.id)))
}

/// Whether a file backs the payment: one of its own, or the scan of the confirmed history
/// batch whose paper decision it carries.
async fn has_evidence(tx: &mut dyn Tx, id: PaymentId) -> AppResult<bool> {
    if !tx.evidence_of(EVIDENCE_OWNER, id.get()).await?.is_empty() {
        return Ok(true);
    }
    let Some(decision) = tx.paper_decision_of_payment(id).await? else {
        return Ok(false);
    };
    Ok(tx
        .history_batch_by_id(decision.batch_id)
        .await?
        .is_some_and(|batch| batch.evidence_sha256.is_some()))
}

/// The ledger's description of a payment's commitment or of the payment itself: «تعهد
/// پرداخت شماره‌ی ۱۷ به …» and «پرداخت شماره‌ی ۱۷ به …», in Persian digits like the rest of
/// the Persian text (the step used to be prefixed to «پرداخت», which doubled the word).
fn ledger_text(row: &PaymentRow, step: LedgerStep) -> String {
    let payee: String = row.payee.chars().take(200).collect();
    let number = to_persian_digits(&row.id.to_string());
    let what = match step {
        LedgerStep::Commitment => "تعهد پرداخت",
        LedgerStep::Payment => "پرداخت",
    };
    format!("{what} شماره‌ی {number} به {payee}")
}

/// Which of a payment's two postings a ledger text describes.
#[derive(Debug, Clone, Copy)]
enum LedgerStep {
    Commitment,
    Payment,
}

impl App {
    /// Approves a proposal on `approved_on` (Jalali as typed; empty is today, or the line's
    /// last day for a year that is over): commits its amount against the line on that day
    /// (refused if that much is not left then and on every later day, before the line's first
    /// allocation, in the future or outside the line's year) and marks it approved.
    pub async fn approve_payment(
        &self,
        actor: &Actor,
        id: PaymentId,
        approved_on: &str,
    ) -> AppResult<LedgerTransactionId> {
        let mut tx = self.db.write().await?;
        let posted = self
            .approve_payment_in_tx(tx.as_mut(), actor, id, approved_on)
            .await?;
        tx.commit().await?;
        Ok(posted)
    }

    /// The approval inside the caller's transaction (see [`App::approve_payment`]).
    pub(crate) async fn approve_payment_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: PaymentId,
        approved_on: &str,
    ) -> AppResult<LedgerTransactionId> {
        actor.require(Permission::ApproveSpending)?;
        let (row, line) = payment_in_scope(tx, actor, id, true).await?;
        if is_proposer(actor, &row) {
            return Err(own_proposal());
        }
        moved(&row, PaymentAction::Approve)?;
        let approved_on = money_date("approved_on", approved_on, self.today(), &line)?;
        let posted = self
            .commit_against_line_in_tx(
                tx,
                actor,
                LineStep {
                    line_id: line.id,
                    amount_rials: row.amount_rials,
                    effective_on: approved_on,
                    date_field: "approved_on",
                    description: &ledger_text(&row, LedgerStep::Commitment),
                    idempotency_key: &format!("payment.{id}.commit"),
                },
            )
            .await?;
        let stamp = self.stamp(tx, actor).await?;
        if !tx
            .mark_payment_approved(id, &stamp, &approved_on.to_iso_string(), posted.id)
            .await?
        {
            return Err(raced());
        }
        self.audit_decision(
            tx,
            actor,
            &row,
            "payment.approve",
            json!({
                "status": "approved",
                "approved_on": approved_on.to_iso_string(),
                "commit_transaction_id": posted.id,
            }),
        )
        .await?;
        Ok(posted.id)
    }

    /// Rejects a proposal, with a reason.
    pub async fn reject_payment(
        &self,
        actor: &Actor,
        id: PaymentId,
        reason_text: &str,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        self.reject_payment_in_tx(tx.as_mut(), actor, id, reason_text)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The rejection inside the caller's transaction (see [`App::reject_payment`]).
    pub(crate) async fn reject_payment_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: PaymentId,
        reason_text: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ApproveSpending)?;
        let reason = reason("reason", reason_text)?;
        let (row, _) = payment_in_scope(tx, actor, id, true).await?;
        if is_proposer(actor, &row) {
            return Err(own_proposal());
        }
        moved(&row, PaymentAction::Reject)?;
        let stamp = self.stamp(tx, actor).await?;
        if !tx.mark_payment_rejected(id, &stamp, &reason).await? {
            return Err(raced());
        }
        self.audit_decision(
            tx,
            actor,
            &row,
            "payment.reject",
            json!({"status": "rejected", "rejection_reason": reason}),
        )
        .await?;
        Ok(())
    }

    /// Pays an approved payment out of the treasury on `paid_on` (Jalali as typed; empty is
    /// today, or the line's last day for a year that is over): not in the future, inside the
    /// line's year, not before the approval it pays. Refused until an evidence file is
    /// attached.
    pub async fn pay_payment(
        &self,
        actor: &Actor,
        id: PaymentId,
        paid_on: &str,
    ) -> AppResult<LedgerTransactionId> {
        let mut tx = self.db.write().await?;
        let posted = self
            .pay_payment_in_tx(tx.as_mut(), actor, id, paid_on)
            .await?;
        tx.commit().await?;
        Ok(posted)
    }

    /// The payment inside the caller's transaction (see [`App::pay_payment`]). Its evidence
    /// is a file of its own or, for a payment of a province's history, the scan kept with
    /// the batch that confirmed its paper decision.
    pub(crate) async fn pay_payment_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: PaymentId,
        paid_on: &str,
    ) -> AppResult<LedgerTransactionId> {
        actor.require(Permission::ApproveSpending)?;
        let (row, line) = payment_in_scope(tx, actor, id, true).await?;
        moved(&row, PaymentAction::Pay)?;
        let paid_on = money_date("paid_on", paid_on, self.today(), &line)?;
        not_before_commitment("paid_on", paid_on, approved_on(tx, &row).await?)?;
        if !has_evidence(tx, id).await? {
            return Err(AppError::invalid(
                "evidence",
                Message::new("decide-attach_payment_s_evidence_invoice"),
            ));
        }
        let posted = self
            .pay_commitment_in_tx(
                tx,
                actor,
                LineStep {
                    line_id: line.id,
                    amount_rials: row.amount_rials,
                    effective_on: paid_on,
                    date_field: "paid_on",
                    description: &ledger_text(&row, LedgerStep::Payment),
                    idempotency_key: &format!("payment.{id}.pay"),
                },
            )
            .await?;
        let stamp = self.stamp(tx, actor).await?;
        if !tx
            .mark_payment_paid(id, &stamp, &paid_on.to_iso_string(), posted.id)
            .await?
        {
            return Err(raced());
        }
        self.audit_decision(
            tx,
            actor,
            &row,
            "payment.pay",
            json!({
                "status": "paid",
                "paid_on": paid_on.to_iso_string(),
                "pay_transaction_id": posted.id,
            }),
        )
        .await?;
        Ok(posted.id)
    }

    /// Cancels a payment that is proposed, approved or paid, with a reason: a payment is
    /// reversed first, then the commitment, so the line has its money back; the original
    /// transactions and their reversals all stay on the ledger. Returns the reversals' ids.
    pub async fn cancel_payment(
        &self,
        actor: &Actor,
        id: PaymentId,
        reason_text: &str,
    ) -> AppResult<Vec<LedgerTransactionId>> {
        actor.require(Permission::ApproveSpending)?;
        let reason = reason("reason", reason_text)?;
        let mut tx = self.db.write().await?;
        let (row, _) = payment_in_scope(tx.as_mut(), actor, id, true).await?;
        let from = row.status;
        moved(&row, PaymentAction::Cancel)?;
        let mut reversals = Vec::new();
        if from == PaymentStatus::Paid {
            let pay = row
                .pay_transaction_id
                .ok_or_else(|| AppError::Internal(format!("paid payment {id} has no payment")))?;
            let key = format!("payment.{id}.reverse-pay");
            reversals.push(
                self.reverse_in_tx(tx.as_mut(), actor, pay, &reason, &key)
                    .await?
                    .id,
            );
        }
        if from.holds_line() {
            let commit = row.commit_transaction_id.ok_or_else(|| {
                AppError::Internal(format!("approved payment {id} has no commitment"))
            })?;
            let key = format!("payment.{id}.reverse-commit");
            reversals.push(
                self.reverse_in_tx(tx.as_mut(), actor, commit, &reason, &key)
                    .await?
                    .id,
            );
        }
        let stamp = self.stamp(tx.as_mut(), actor).await?;
        if !tx.mark_payment_cancelled(id, from, &stamp, &reason).await? {
            return Err(raced());
        }
        self.audit_decision(
            tx.as_mut(),
            actor,
            &row,
            "payment.cancel",
            json!({"status": "cancelled", "cancel_reason": reason, "reversals": reversals}),
        )
        .await?;
        tx.commit().await?;
        Ok(reversals)
    }

    async fn audit_decision(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        row: &PaymentRow,
        action: &str,
        after: serde_json::Value,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "payment",
                entity_id: row.id.to_string(),
                province_id: Some(row.province_id),
                county_id: row.county_id,
                before: Some(json!({"status": row.status})),
                after: Some(after),
            },
        )
        .await
    }
}
