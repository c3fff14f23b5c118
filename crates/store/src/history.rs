//! The `HistoryRepo` port on both engines: batches of imported historical payments and
//! grants and their paper decisions (migration 0022). A batch's status changes by a
//! conditional update (`… WHERE id = $1 AND status = 'waiting'`) that reports whether a row
//! changed, and PostgreSQL decisions first lock the batch's row (`FOR UPDATE`). Lists never
//! read the batch's scan; only `history_batch_evidence` does.

use async_trait::async_trait;
use hamyar_app::ports::grants::TrancheId;
use hamyar_app::ports::history::{
    BatchEvidence, BatchFilter, BatchStamp, HistoryBatchId, HistoryBatchRow, HistoryRepo,
    NewHistoryBatch, PaperDecisionRow,
};
use hamyar_app::ports::spending::PaymentId;
use hamyar_app::ports::{Backend, StoreResult};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const BATCH_COLUMNS: &str = "SELECT id, kind, province_id, source, imported_by, \
     imported_by_name, imported_at, status, decided_by, decided_by_name, decided_at, \
     refusal_reason, evidence_file_name, evidence_content_type, evidence_sha256, \
     (SELECT COUNT(*) FROM paper_decisions d WHERE d.batch_id = history_batches.id) AS decisions \
     FROM history_batches";

const DECISION_COLUMNS: &str = "SELECT id, batch_id, row_number, payment_id, tranche_id, \
     approved_on, paid_on, approver_name FROM paper_decisions";

#[async_trait]
impl HistoryRepo for AnyTx {
    async fn insert_history_batch(
        &mut self,
        batch: &NewHistoryBatch,
    ) -> StoreResult<HistoryBatchId> {
        sqlx::query_scalar(
            "INSERT INTO history_batches (kind, province_id, source, imported_by, \
             imported_by_name, imported_at, status) \
             VALUES ($1, $2, $3, $4, $5, $6, 'waiting') RETURNING id",
        )
        .bind(batch.kind.as_str())
        .bind(batch.province_id)
        .bind(batch.source.as_str())
        .bind(batch.imported_by)
        .bind(batch.imported_by_name.as_str())
        .bind(stored(batch.imported_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn history_batch_by_id(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<HistoryBatchRow>> {
        self.one_batch(id, "").await
    }

    async fn lock_history_batch(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<HistoryBatchRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        self.one_batch(id, lock).await
    }

    async fn history_batches(&mut self, filter: BatchFilter) -> StoreResult<Vec<HistoryBatchRow>> {
        let mut sql = SqlBuilder::new(BATCH_COLUMNS);
        if let Some(province) = filter.province_id {
            sql.push_equals("province_id", province);
        }
        if filter.waiting_only {
            sql.push_condition("status = 'waiting'");
        }
        sql.push(" ORDER BY id DESC LIMIT ");
        sql.push_bound(filter.limit.clamp(1, 1000));
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_batch).collect()
    }

    async fn insert_paper_decision(&mut self, decision: &PaperDecisionRow) -> StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO paper_decisions (batch_id, row_number, payment_id, tranche_id, \
             approved_on, paid_on, approver_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(decision.batch_id)
        .bind(decision.row_number)
        .bind(decision.payment_id)
        .bind(decision.tranche_id)
        .bind(decision.approved_on.to_iso_string())
        .bind(decision.paid_on.map(|day| day.to_iso_string()))
        .bind(decision.approver_name.as_str())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn paper_decisions_of(
        &mut self,
        batch_id: HistoryBatchId,
    ) -> StoreResult<Vec<PaperDecisionRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{DECISION_COLUMNS} WHERE batch_id = $1 ORDER BY row_number, id"
        )))
        .bind(batch_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_decision).collect()
    }

    async fn paper_decision_of_payment(
        &mut self,
        payment_id: PaymentId,
    ) -> StoreResult<Option<PaperDecisionRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{DECISION_COLUMNS} WHERE payment_id = $1"
        )))
        .bind(payment_id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read_decision).transpose()
    }

    async fn paper_decision_of_tranche(
        &mut self,
        tranche_id: TrancheId,
    ) -> StoreResult<Option<PaperDecisionRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{DECISION_COLUMNS} WHERE tranche_id = $1"
        )))
        .bind(tranche_id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read_decision).transpose()
    }

    async fn mark_history_batch_confirmed(
        &mut self,
        id: HistoryBatchId,
        stamp: &BatchStamp,
        evidence: Option<&BatchEvidence>,
    ) -> StoreResult<bool> {
        let result = match evidence {
            Some(file) => {
                sqlx::query(
                    "UPDATE history_batches SET status = 'confirmed', decided_by = $2, \
                 decided_by_name = $3, decided_at = $4, evidence_file_name = $5, \
                 evidence_content_type = $6, evidence_sha256 = $7, evidence_content = $8 \
                 WHERE id = $1 AND status = 'waiting'",
                )
                .bind(id)
                .bind(stamp.by)
                .bind(stamp.by_name.as_str())
                .bind(stored(stamp.at))
                .bind(file.file_name.as_str())
                .bind(file.content_type.as_str())
                .bind(file.sha256.as_str())
                .bind(file.content.clone())
                .execute(&mut *self.tx)
                .await
            }
            None => {
                sqlx::query(
                    "UPDATE history_batches SET status = 'confirmed', decided_by = $2, \
                 decided_by_name = $3, decided_at = $4 WHERE id = $1 AND status = 'waiting'",
                )
                .bind(id)
                .bind(stamp.by)
                .bind(stamp.by_name.as_str())
                .bind(stored(stamp.at))
                .execute(&mut *self.tx)
                .await
            }
        }
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn mark_history_batch_refused(
        &mut self,
        id: HistoryBatchId,
        stamp: &BatchStamp,
        reason: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE history_batches SET status = 'refused', decided_by = $2, \
             decided_by_name = $3, decided_at = $4, refusal_reason = $5 \
             WHERE id = $1 AND status = 'waiting'",
        )
        .bind(id)
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .bind(reason)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn history_batch_evidence(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<BatchEvidence>> {
        let row = sqlx::query(
            "SELECT evidence_file_name, evidence_content_type, evidence_sha256, \
             evidence_content FROM history_batches \
             WHERE id = $1 AND evidence_content IS NOT NULL",
        )
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref()
            .map(|row| {
                let r = RowReader::new(row, "history_batches");
                Ok(BatchEvidence {
                    file_name: r.text("evidence_file_name")?,
                    content_type: r.text("evidence_content_type")?,
                    sha256: r.text("evidence_sha256")?,
                    content: r.bytes("evidence_content")?,
                })
            })
            .transpose()
    }

    async fn release_refused_payment_key(&mut self, payment_id: PaymentId) -> StoreResult<()> {
        sqlx::query(
            "UPDATE payments SET idempotency_key = idempotency_key || '.refused.' || \
             CAST(id AS TEXT) WHERE id = $1 AND status = 'rejected'",
        )
        .bind(payment_id)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }
}

impl AnyTx {
    async fn one_batch(
        &mut self,
        id: HistoryBatchId,
        lock: &'static str,
    ) -> StoreResult<Option<HistoryBatchRow>> {
        let mut sql = SqlBuilder::new(BATCH_COLUMNS);
        sql.push_equals("id", id);
        sql.push(lock);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_batch).transpose()
    }
}

fn read_batch(row: &AnyRow) -> StoreResult<HistoryBatchRow> {
    let r = RowReader::new(row, "history_batches");
    Ok(HistoryBatchRow {
        id: r.id("id")?,
        kind: r.text("kind")?,
        province_id: r.id("province_id")?,
        source: r.text("source")?,
        imported_by: r.opt_id("imported_by")?,
        imported_by_name: r.text("imported_by_name")?,
        imported_at: r.timestamp("imported_at")?,
        status: r.text("status")?,
        decided_by: r.opt_id("decided_by")?,
        decided_by_name: r.opt_text("decided_by_name")?,
        decided_at: r.opt_timestamp("decided_at")?,
        refusal_reason: r.opt_text("refusal_reason")?,
        evidence_file_name: r.opt_text("evidence_file_name")?,
        evidence_content_type: r.opt_text("evidence_content_type")?,
        evidence_sha256: r.opt_text("evidence_sha256")?,
        decisions: r.int("decisions")?,
    })
}

fn read_decision(row: &AnyRow) -> StoreResult<PaperDecisionRow> {
    let r = RowReader::new(row, "paper_decisions");
    Ok(PaperDecisionRow {
        id: r.int("id")?,
        batch_id: r.id("batch_id")?,
        row_number: r.int("row_number")?,
        payment_id: r.opt_id("payment_id")?,
        tranche_id: r.opt_id("tranche_id")?,
        approved_on: r.date("approved_on")?,
        paid_on: r.opt_date("paid_on")?,
        approver_name: r.text("approver_name")?,
    })
}
