//! The `SpendingRepo` port on both engines: payments, their links to groups and women, and
//! evidence files. Status changes are conditional updates (`… WHERE id = $1 AND status =
//! $2`) that report whether a row changed, and PostgreSQL decisions first lock the payment's
//! row (`FOR UPDATE`), so a decision raced by another either waits and sees the new status or
//! changes nothing. Evidence content is a blob on both engines; lists never read it.

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::ledger::LedgerTransactionId;
use hamyar_app::ports::spending::{
    EvidenceId, EvidenceMeta, NewEvidence, NewPayment, PaymentFilter, PaymentId, PaymentLink,
    PaymentLinkRow, PaymentRow, PaymentStamp, SpendingRepo,
};
use hamyar_app::ports::training::CourseRunId;
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::spending::PaymentStatus;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const COLUMNS: &str = "SELECT id, budget_line_id, province_id, county_id, payee, payee_kind, \
     amount_rials, spent_on, reference, description, status, idempotency_key, proposed_by, \
     proposed_by_name, proposed_at, decided_by, decided_by_name, decided_at, approved_on, \
     rejection_reason, commit_transaction_id, paid_by, paid_by_name, paid_at, paid_on, pay_transaction_id, \
     cancelled_by, cancelled_by_name, cancelled_at, cancel_reason, course_run_id FROM payments";

const EVIDENCE_COLUMNS: &str = "SELECT id, owner_kind, owner_id, file_name, content_type, \
     size_bytes, sha256, uploaded_by, uploaded_by_name, uploaded_at";

#[async_trait]
impl SpendingRepo for AnyTx {
    async fn insert_payment(&mut self, payment: &NewPayment) -> StoreResult<PaymentId> {
        sqlx::query_scalar(
            "INSERT INTO payments (budget_line_id, province_id, county_id, payee, payee_kind, \
             amount_rials, spent_on, reference, description, status, idempotency_key, \
             proposed_by, proposed_by_name, proposed_at, course_run_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11, $12, $13, $14) \
             RETURNING id",
        )
        .bind(payment.budget_line_id)
        .bind(payment.province_id)
        .bind(payment.county_id)
        .bind(payment.payee.as_str())
        .bind(payment.payee_kind.as_str())
        .bind(payment.amount_rials)
        .bind(payment.spent_on.to_iso_string())
        .bind(payment.reference.as_str())
        .bind(payment.description.as_str())
        .bind(payment.idempotency_key.as_str())
        .bind(payment.proposed_by)
        .bind(payment.proposed_by_name.as_str())
        .bind(stored(payment.proposed_at))
        .bind(payment.course_run_id)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn payment_by_id(&mut self, id: PaymentId) -> StoreResult<Option<PaymentRow>> {
        one(&mut self.tx, "id", id.into(), "").await
    }

    async fn payment_by_key(&mut self, key: &str) -> StoreResult<Option<PaymentRow>> {
        one(&mut self.tx, "idempotency_key", key.into(), "").await
    }

    async fn lock_payment(&mut self, id: PaymentId) -> StoreResult<Option<PaymentRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        one(&mut self.tx, "id", id.into(), lock).await
    }

    async fn payments(&mut self, filter: &PaymentFilter) -> StoreResult<Vec<PaymentRow>> {
        let mut sql = SqlBuilder::new(COLUMNS);
        if let Some(province) = filter.province_id {
            sql.push_equals("province_id", province);
        }
        if let Some(county) = filter.reach_county {
            sql.push_condition("(county_id IS NULL OR county_id = ");
            sql.push_bound(county);
            sql.push(")");
        }
        if let Some(line) = filter.budget_line_id {
            sql.push_equals("budget_line_id", line);
        }
        if let Some(run) = filter.course_run_id {
            sql.push_equals("course_run_id", run);
        }
        if let Some(status) = &filter.status {
            sql.push_equals("status", status.code());
        }
        if let Some(group) = filter.group_id {
            sql.push_condition("id IN (SELECT payment_id FROM payment_links WHERE group_id = ");
            sql.push_bound(group);
            sql.push(")");
        }
        if let Some(woman) = filter.woman_id {
            sql.push_condition("id IN (SELECT payment_id FROM payment_links WHERE woman_id = ");
            sql.push_bound(woman);
            sql.push(")");
        }
        sql.push(" ORDER BY id DESC");
        sql.push_page(filter.limit, filter.offset);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read).collect()
    }

    async fn mark_payment_approved(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        approved_on: &str,
        commit_transaction_id: LedgerTransactionId,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE payments SET status = 'approved', decided_by = $2, decided_by_name = $3, \
             decided_at = $4, approved_on = $5, commit_transaction_id = $6 \
             WHERE id = $1 AND status = 'proposed'",
        )
        .bind(id)
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .bind(approved_on)
        .bind(commit_transaction_id)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn mark_payment_rejected(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        reason: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE payments SET status = 'rejected', decided_by = $2, decided_by_name = $3, \
             decided_at = $4, rejection_reason = $5 WHERE id = $1 AND status = 'proposed'",
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

    async fn mark_payment_paid(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        paid_on: &str,
        pay_transaction_id: LedgerTransactionId,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE payments SET status = 'paid', paid_by = $2, paid_by_name = $3, \
             paid_at = $4, paid_on = $5, pay_transaction_id = $6 \
             WHERE id = $1 AND status = 'approved'",
        )
        .bind(id)
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .bind(paid_on)
        .bind(pay_transaction_id)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn mark_payment_cancelled(
        &mut self,
        id: PaymentId,
        from: PaymentStatus,
        stamp: &PaymentStamp,
        reason: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE payments SET status = 'cancelled', cancelled_by = $3, \
             cancelled_by_name = $4, cancelled_at = $5, cancel_reason = $6 \
             WHERE id = $1 AND status = $2",
        )
        .bind(id)
        .bind(from.code())
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .bind(reason)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn insert_payment_link(&mut self, id: PaymentId, link: PaymentLink) -> StoreResult<()> {
        let (group, woman) = match link {
            PaymentLink::Group(group) => (Some(group), None),
            PaymentLink::Woman(woman) => (None, Some(woman)),
        };
        sqlx::query(
            "INSERT INTO payment_links (payment_id, group_id, woman_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(group)
        .bind(woman)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn payment_links(&mut self, id: PaymentId) -> StoreResult<Vec<PaymentLinkRow>> {
        let rows = sqlx::query(
            "SELECT l.group_id, l.woman_id, \
             COALESCE(g.code || ' — ' || g.name, w.first_name || ' ' || w.last_name) AS label, \
             COALESCE(g.province_id, w.province_id) AS province_id, \
             COALESCE(g.county_id, w.county_id) AS county_id \
             FROM payment_links AS l \
             LEFT JOIN hamyar_groups AS g ON g.id = l.group_id \
             LEFT JOIN women AS w ON w.id = l.woman_id \
             WHERE l.payment_id = $1 \
             ORDER BY CASE WHEN l.group_id IS NULL THEN 1 ELSE 0 END, \
             COALESCE(l.group_id, l.woman_id)",
        )
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let reader = RowReader::new(row, "payment_links");
                let link = match (reader.opt_id("group_id")?, reader.opt_id("woman_id")?) {
                    (Some(group), _) => PaymentLink::Group(group),
                    (None, Some(woman)) => PaymentLink::Woman(woman),
                    (None, None) => {
                        return Err(crate::error::corrupt("payment_links", "no group or woman"));
                    }
                };
                Ok(PaymentLinkRow {
                    link,
                    label: reader.text("label")?,
                    province_id: reader.id("province_id")?,
                    county_id: reader.id("county_id")?,
                })
            })
            .collect()
    }

    async fn group_id_by_code(
        &mut self,
        province_id: PlaceId,
        code: &str,
    ) -> StoreResult<Option<GroupId>> {
        sqlx::query_scalar("SELECT id FROM hamyar_groups WHERE province_id = $1 AND code = $2")
            .bind(province_id)
            .bind(code)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    async fn insert_evidence(&mut self, evidence: &NewEvidence) -> StoreResult<EvidenceId> {
        let size = i64::try_from(evidence.content.len())
            .map_err(|_| crate::error::corrupt("evidence_files", "file too large"))?;
        sqlx::query_scalar(
            "INSERT INTO evidence_files (owner_kind, owner_id, file_name, content_type, \
             size_bytes, sha256, content, uploaded_by, uploaded_by_name, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(evidence.owner_kind.as_str())
        .bind(evidence.owner_id)
        .bind(evidence.file_name.as_str())
        .bind(evidence.content_type.as_str())
        .bind(size)
        .bind(evidence.sha256.as_str())
        .bind(evidence.content.clone())
        .bind(evidence.uploaded_by)
        .bind(evidence.uploaded_by_name.as_str())
        .bind(stored(evidence.uploaded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn paid_for_course_run(&mut self, run_id: CourseRunId) -> StoreResult<i64> {
        let paid: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(SUM(amount_rials) AS BIGINT) FROM payments \
             WHERE course_run_id = $1 AND status = 'paid'",
        )
        .bind(run_id)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(paid.unwrap_or(0))
    }

    async fn evidence_of(
        &mut self,
        owner_kind: &str,
        owner_id: i64,
    ) -> StoreResult<Vec<EvidenceMeta>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{EVIDENCE_COLUMNS} FROM evidence_files WHERE owner_kind = $1 AND owner_id = $2 \
             ORDER BY id"
        )))
        .bind(owner_kind)
        .bind(owner_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_evidence).collect()
    }

    async fn evidence_file(
        &mut self,
        id: EvidenceId,
    ) -> StoreResult<Option<(EvidenceMeta, Vec<u8>)>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{EVIDENCE_COLUMNS}, content FROM evidence_files WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref()
            .map(|row| {
                let content = RowReader::new(row, "evidence_files").bytes("content")?;
                Ok((read_evidence(row)?, content))
            })
            .transpose()
    }
}

async fn one(
    conn: &mut AnyConnection,
    column: &'static str,
    value: crate::sql::Arg,
    lock: &'static str,
) -> StoreResult<Option<PaymentRow>> {
    let mut sql = SqlBuilder::new(COLUMNS);
    sql.push_equals(column, value);
    sql.push(lock);
    let row = sql
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

fn read(row: &AnyRow) -> StoreResult<PaymentRow> {
    let r = RowReader::new(row, "payments");
    Ok(PaymentRow {
        id: r.id("id")?,
        budget_line_id: r.id("budget_line_id")?,
        province_id: r.id("province_id")?,
        county_id: r.opt_id("county_id")?,
        payee: r.text("payee")?,
        payee_kind: r.text("payee_kind")?,
        amount_rials: r.int("amount_rials")?,
        spent_on: r.date("spent_on")?,
        reference: r.text("reference")?,
        description: r.text("description")?,
        status: r.code("status")?,
        idempotency_key: r.text("idempotency_key")?,
        proposed_by: r.opt_id("proposed_by")?,
        proposed_by_name: r.text("proposed_by_name")?,
        proposed_at: r.timestamp("proposed_at")?,
        decided_by: r.opt_id("decided_by")?,
        decided_by_name: r.opt_text("decided_by_name")?,
        decided_at: r.opt_timestamp("decided_at")?,
        approved_on: r.opt_date("approved_on")?,
        rejection_reason: r.opt_text("rejection_reason")?,
        commit_transaction_id: r.opt_id("commit_transaction_id")?,
        paid_by: r.opt_id("paid_by")?,
        paid_by_name: r.opt_text("paid_by_name")?,
        paid_at: r.opt_timestamp("paid_at")?,
        paid_on: r.opt_date("paid_on")?,
        pay_transaction_id: r.opt_id("pay_transaction_id")?,
        cancelled_by: r.opt_id("cancelled_by")?,
        cancelled_by_name: r.opt_text("cancelled_by_name")?,
        cancelled_at: r.opt_timestamp("cancelled_at")?,
        cancel_reason: r.opt_text("cancel_reason")?,
        course_run_id: r.opt_id("course_run_id")?,
    })
}

fn read_evidence(row: &AnyRow) -> StoreResult<EvidenceMeta> {
    let r = RowReader::new(row, "evidence_files");
    Ok(EvidenceMeta {
        id: r.id("id")?,
        owner_kind: r.text("owner_kind")?,
        owner_id: r.int("owner_id")?,
        file_name: r.text("file_name")?,
        content_type: r.text("content_type")?,
        size_bytes: r.int("size_bytes")?,
        sha256: r.text("sha256")?,
        uploaded_by: r.opt_id("uploaded_by")?,
        uploaded_by_name: r.text("uploaded_by_name")?,
        uploaded_at: r.timestamp("uploaded_at")?,
    })
}
