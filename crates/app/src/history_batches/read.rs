//! Reading batches: the list of a province's batches (waiting first on the page, newest
//! first here), one batch with each of its rows' paper decision and the payment or tranche
//! it decides as it stands now, what the reader may do with it, the note an imported
//! payment's or tranche's page shows, and the batch's scan (audited as
//! `history.evidence_view`). Everything here needs `ViewMoneyRecords`.

use hamyar_domain::JalaliDate;
use hamyar_domain::grants::TrancheStatus;
use hamyar_domain::spending::PaymentStatus;
use serde_json::json;

use super::{WAITING, batch_in_scope};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::grants::{GrantId, TrancheId};
use crate::ports::history::{
    BatchEvidence, BatchFilter, HistoryBatchId, HistoryBatchRow, PaperDecisionRow,
};
use crate::ports::spending::PaymentId;
use crate::service::{App, AuditEntry};

pub use crate::paper_notes::PaperNote;

/// What a paper decision decides, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchSubject {
    Payment {
        id: PaymentId,
        payee: String,
        amount_rials: i64,
        spent_on: JalaliDate,
        status: PaymentStatus,
    },
    Tranche {
        grant_id: GrantId,
        tranche_id: TrancheId,
        seq: i64,
        purpose: String,
        amount_rials: i64,
        planned_on: JalaliDate,
        status: TrancheStatus,
    },
}

/// One row of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRowView {
    pub decision: PaperDecisionRow,
    pub subject: BatchSubject,
}

/// A batch with its rows and what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchView {
    pub batch: HistoryBatchRow,
    pub rows: Vec<BatchRowView>,
    /// The sum of the rows' amounts.
    pub total_rials: i64,
    /// The batch pays a payment, so its confirmation needs the paper file's scan.
    pub needs_scan: bool,
    /// The reader may confirm or refuse it now.
    pub can_decide: bool,
    /// The reader imported it (and so may not decide it).
    pub own_import: bool,
}

async fn subject(tx: &mut dyn Tx, decision: &PaperDecisionRow) -> AppResult<BatchSubject> {
    let missing = || AppError::Internal(format!("paper decision {} has no record", decision.id));
    if let Some(id) = decision.payment_id {
        let row = tx.payment_by_id(id).await?.ok_or_else(missing)?;
        return Ok(BatchSubject::Payment {
            id,
            payee: row.payee,
            amount_rials: row.amount_rials,
            spent_on: row.spent_on,
            status: row.status,
        });
    }
    let id = decision.tranche_id.ok_or_else(missing)?;
    let tranche = tx.tranche_by_id(id).await?.ok_or_else(missing)?;
    let grant = tx
        .grant_by_id(tranche.grant_id)
        .await?
        .ok_or_else(missing)?;
    Ok(BatchSubject::Tranche {
        grant_id: grant.id,
        tranche_id: id,
        seq: tranche.seq,
        purpose: grant.purpose,
        amount_rials: tranche.amount_rials,
        planned_on: tranche.planned_on,
        status: tranche.status,
    })
}

impl BatchSubject {
    pub fn amount_rials(&self) -> i64 {
        match self {
            BatchSubject::Payment { amount_rials, .. }
            | BatchSubject::Tranche { amount_rials, .. } => *amount_rials,
        }
    }
}

impl App {
    /// The batches the actor may see, newest first: her province's (or, country-wide,
    /// every one's), and those she imported.
    pub async fn history_batches(
        &self,
        actor: &Actor,
        waiting_only: bool,
    ) -> AppResult<Vec<HistoryBatchRow>> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        let rows = tx
            .history_batches(BatchFilter {
                province_id: actor.scope.province(),
                waiting_only,
                limit: 200,
            })
            .await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .filter(|batch| {
                actor.scope.covers(Some(batch.province_id), None)
                    || (batch.imported_by.is_some() && batch.imported_by == actor.user_id)
            })
            .collect())
    }

    /// How many batches wait for the actor's decision (for her "today" page): in her scope,
    /// not imported by her; zero for a reader who may not decide.
    pub async fn history_batches_to_decide(&self, actor: &Actor) -> AppResult<usize> {
        if !actor.can(Permission::ApproveSpending) {
            return Ok(0);
        }
        Ok(self
            .history_batches(actor, true)
            .await?
            .iter()
            .filter(|batch| batch.imported_by.is_none() || batch.imported_by != actor.user_id)
            .count())
    }

    /// One batch with its rows.
    pub async fn history_batch(&self, actor: &Actor, id: HistoryBatchId) -> AppResult<BatchView> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        let batch = batch_in_scope(tx.as_mut(), actor, id, false).await?;
        let mut rows = Vec::new();
        for decision in tx.paper_decisions_of(id).await? {
            let subject = subject(tx.as_mut(), &decision).await?;
            rows.push(BatchRowView { decision, subject });
        }
        tx.commit().await?;
        let total_rials = rows.iter().map(|row| row.subject.amount_rials()).sum();
        let needs_scan = rows
            .iter()
            .any(|row| row.decision.payment_id.is_some() && row.decision.paid_on.is_some());
        let own_import = batch.imported_by.is_some() && batch.imported_by == actor.user_id;
        let can_decide = batch.status == WAITING
            && !own_import
            && actor.can(Permission::ApproveSpending)
            && actor.scope.covers(Some(batch.province_id), None);
        Ok(BatchView {
            batch,
            rows,
            total_rials,
            needs_scan,
            can_decide,
            own_import,
        })
    }

    /// The batch's scan, for download; audited.
    pub async fn history_batch_evidence(
        &self,
        actor: &Actor,
        id: HistoryBatchId,
    ) -> AppResult<BatchEvidence> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.write().await?;
        let batch = batch_in_scope(tx.as_mut(), actor, id, false).await?;
        let file = tx
            .history_batch_evidence(id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "history.evidence_view",
                entity_kind: "history_batch",
                entity_id: id.to_string(),
                province_id: Some(batch.province_id),
                county_id: None,
                before: None,
                after: Some(json!({"sha256": file.sha256, "file_name": file.file_name})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(file)
    }
}
