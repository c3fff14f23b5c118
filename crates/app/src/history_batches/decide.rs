//! Confirming and refusing a batch of paper decisions, each in one write transaction that
//! locks the batch's row first and changes it only while it waits, so of two people deciding
//! one batch exactly one succeeds. The batch is marked (with its scan) before its decisions
//! run, so the payments it pays find their evidence; any refusal rolls all of it back.

use hamyar_domain::grants::TrancheStatus;
use hamyar_domain::spending::PaymentStatus;
use hamyar_domain::{Message, MessageArg};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{WAITING, batch_in_scope};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::grants::{ApprovalInput, PaymentInput as TranchePayment};
use crate::ports::Tx;
use crate::ports::history::{
    BatchEvidence, BatchStamp, HistoryBatchId, HistoryBatchRow, PaperDecisionRow,
};
use crate::service::{App, AuditEntry, actor_name};
use crate::spending::EvidenceUpload;
use crate::spending::reason;

/// What the confirmer gives with her confirmation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchConfirmation {
    /// The scan of the paper file behind the batch's paid payments; required when the batch
    /// pays any payment.
    pub evidence: Option<EvidenceUpload>,
    /// She has seen the recipients' other support and confirms anyway (grants).
    pub acknowledge_double_support: bool,
}

fn not_waiting() -> AppError {
    AppError::invalid("batch", Message::new("history-batch_already_decided"))
}

fn own_import() -> AppError {
    AppError::invalid("batch", Message::new("history-importer_may_not_decide"))
}

/// A decision's refusal, every message prefixed with the row of the sheet it came from.
fn at_row(row: i64, error: AppError) -> AppError {
    let prefix = |message: Message| {
        Message::new("history-row_refused")
            .arg("row", MessageArg::digits(row))
            .arg("problem", message)
    };
    match error {
        AppError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .map(|error| FieldError::new(error.field, prefix(error.message)))
                .collect(),
        ),
        AppError::Conflict { field, message } => AppError::Conflict {
            field,
            message: prefix(message),
        },
        other => other,
    }
}

impl App {
    /// Locks the batch, checks the actor may decide it: the approving role, the batch in
    /// her scope and waiting, and she did not import it.
    async fn batch_to_decide(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: HistoryBatchId,
    ) -> AppResult<HistoryBatchRow> {
        actor.require(Permission::ApproveSpending)?;
        let batch = batch_in_scope(tx, actor, id, true).await?;
        if batch.status != WAITING {
            return Err(not_waiting());
        }
        if batch.imported_by.is_some() && batch.imported_by == actor.user_id {
            return Err(own_import());
        }
        Ok(batch)
    }

    /// Confirms every paper decision of the batch, on its paper days, as the actor; all or
    /// nothing.
    pub async fn confirm_history_batch(
        &self,
        actor: &Actor,
        id: HistoryBatchId,
        confirmation: &BatchConfirmation,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let batch = self.batch_to_decide(tx.as_mut(), actor, id).await?;
        let scan = match confirmation
            .evidence
            .as_ref()
            .filter(|upload| !upload.content.is_empty())
        {
            Some(upload) => {
                let (kind, upload) = crate::spending::check_evidence(upload)
                    .map_err(|error| AppError::Invalid(vec![error]))?;
                Some(BatchEvidence {
                    file_name: upload.file_name,
                    content_type: kind.content_type().to_owned(),
                    sha256: hex::encode(Sha256::digest(&upload.content)),
                    content: upload.content,
                })
            }
            None => None,
        };
        let decisions = tx.paper_decisions_of(id).await?;
        let pays_a_payment = decisions
            .iter()
            .any(|decision| decision.payment_id.is_some() && decision.paid_on.is_some());
        if pays_a_payment && scan.is_none() {
            return Err(AppError::invalid(
                "evidence",
                Message::new("history-scan_required"),
            ));
        }
        let stamp = self.batch_stamp(tx.as_mut(), actor).await?;
        if !tx
            .mark_history_batch_confirmed(id, &stamp, scan.as_ref())
            .await?
        {
            return Err(not_waiting());
        }
        for decision in &decisions {
            self.confirm_decision(tx.as_mut(), actor, decision, confirmation)
                .await
                .map_err(|error| at_row(decision.row_number, error))?;
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "history.confirm",
                entity_kind: "history_batch",
                entity_id: id.to_string(),
                province_id: Some(batch.province_id),
                county_id: None,
                before: Some(json!({"status": batch.status})),
                after: Some(json!({
                    "status": "confirmed",
                    "decisions": decisions.len(),
                    "evidence_sha256": scan.as_ref().map(|file| file.sha256.clone()),
                    "acknowledge_double_support": confirmation.acknowledge_double_support,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn confirm_decision(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        decision: &PaperDecisionRow,
        confirmation: &BatchConfirmation,
    ) -> AppResult<()> {
        let approved_on = decision.approved_on.to_string();
        let paid_on = decision.paid_on.map(|day| day.to_string());
        if let Some(payment) = decision.payment_id {
            self.approve_payment_in_tx(tx, actor, payment, &approved_on)
                .await?;
            if let Some(paid_on) = paid_on {
                self.pay_payment_in_tx(tx, actor, payment, &paid_on).await?;
            }
        } else if let Some(tranche) = decision.tranche_id {
            let approval = ApprovalInput {
                acknowledge_double_support: confirmation.acknowledge_double_support,
                approved_on,
            };
            self.approve_tranche_in_tx(tx, actor, tranche, &approval)
                .await?;
            if let Some(paid_on) = paid_on {
                self.pay_tranche_in_tx(tx, actor, tranche, &TranchePayment { paid_on })
                    .await?;
            }
        }
        Ok(())
    }

    /// Refuses the batch with a reason: its proposals are rejected (they stay on record)
    /// and their natural keys freed, so a corrected file can be imported again.
    pub async fn refuse_history_batch(
        &self,
        actor: &Actor,
        id: HistoryBatchId,
        reason_text: &str,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let batch = self.batch_to_decide(tx.as_mut(), actor, id).await?;
        let reason = reason("reason", reason_text)?;
        let decisions = tx.paper_decisions_of(id).await?;
        let stamp = self.batch_stamp(tx.as_mut(), actor).await?;
        if !tx.mark_history_batch_refused(id, &stamp, &reason).await? {
            return Err(not_waiting());
        }
        let mut grants = Vec::new();
        for decision in &decisions {
            if let Some(payment) = decision.payment_id {
                let row = tx.payment_by_id(payment).await?.ok_or(AppError::NotFound)?;
                if row.status == PaymentStatus::Proposed {
                    self.reject_payment_in_tx(tx.as_mut(), actor, payment, &reason)
                        .await
                        .map_err(|error| at_row(decision.row_number, error))?;
                }
                tx.release_refused_payment_key(payment).await?;
            } else if let Some(tranche) = decision.tranche_id {
                let row = tx.tranche_by_id(tranche).await?.ok_or(AppError::NotFound)?;
                if !grants.contains(&row.grant_id) {
                    grants.push(row.grant_id);
                }
            }
        }
        // A refused grant is refused whole: every tranche still proposed, in order.
        for grant in grants {
            for tranche in tx.tranches_of(grant).await? {
                if tranche.status == TrancheStatus::Proposed {
                    self.reject_tranche_in_tx(tx.as_mut(), actor, tranche.id, &reason)
                        .await?;
                }
            }
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "history.refuse",
                entity_kind: "history_batch",
                entity_id: id.to_string(),
                province_id: Some(batch.province_id),
                county_id: None,
                before: Some(json!({"status": batch.status})),
                after: Some(json!({"status": "refused", "refusal_reason": reason})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn batch_stamp(&self, tx: &mut dyn Tx, actor: &Actor) -> AppResult<BatchStamp> {
        Ok(BatchStamp {
            by: actor.user_id,
            by_name: actor_name(tx, actor).await?,
            at: self.now(),
        })
    }
}
