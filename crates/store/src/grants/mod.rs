//! The `GrantsRepo` port on both engines: grants and their tranches. A tranche's status is
//! changed only by an `UPDATE … WHERE id = $1 AND status = <the status read>`, and an approval
//! first locks the tranche's row (PostgreSQL `SELECT … FOR UPDATE`; SQLite's writers already
//! run one at a time), so two concurrent decisions on one tranche cannot both be written.
//! Lists join the recipient's name and sum the tranches in one query.

use async_trait::async_trait;
use hamyar_app::ports::grants::{
    GrantFilter, GrantId, GrantListRow, GrantRow, GrantsRepo, NewGrant, TrancheId, TrancheRow,
};
use hamyar_app::ports::{Backend, StoreError, StoreResult};
use hamyar_domain::grants::{GrantStatus, TrancheStatus};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored, stored_opt};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const GRANT_COLUMNS: &str = "g.id, g.budget_line_id, g.fiscal_year, g.province_id, \
     g.county_id, g.group_id, g.woman_id, g.purpose, g.total_rials, g.status, g.proposed_by, \
     g.proposed_by_name, g.proposed_at, g.updated_at";

const TRANCHE_COLUMNS: &str = "SELECT id, grant_id, seq, amount_rials, planned_on, \
     conditions, status, decided_by, decided_by_name, decided_at, approved_on, \
     rejection_reason, condition_results, commit_transaction_id, paid_by, paid_by_name, paid_at, paid_on, \
     pay_transaction_id, cancelled_by, cancelled_by_name, cancelled_at, cancel_reason \
     FROM grant_tranches";

const LIST: &str = "SELECT g.id, g.budget_line_id, g.fiscal_year, g.province_id, \
     g.county_id, g.group_id, g.woman_id, g.purpose, g.total_rials, g.status, g.proposed_by, \
     g.proposed_by_name, g.proposed_at, g.updated_at, \
     COALESCE(hg.name, w.first_name || ' ' || w.last_name, '') AS recipient_name, \
     w.national_id AS recipient_national_id, \
     CAST(COALESCE((SELECT SUM(t.amount_rials) FROM grant_tranches t WHERE t.grant_id = g.id \
     AND t.status IN ('approved', 'paid')), 0) AS BIGINT) AS committed_rials, \
     CAST(COALESCE((SELECT SUM(t.amount_rials) FROM grant_tranches t WHERE t.grant_id = g.id \
     AND t.status = 'paid'), 0) AS BIGINT) AS paid_rials \
     FROM grants g LEFT JOIN hamyar_groups hg ON hg.id = g.group_id \
     LEFT JOIN women w ON w.id = g.woman_id";

#[async_trait]
impl GrantsRepo for AnyTx {
    async fn insert_grant(&mut self, grant: &NewGrant) -> StoreResult<GrantId> {
        sqlx::query_scalar(
            "INSERT INTO grants (budget_line_id, fiscal_year, province_id, county_id, group_id, \
             woman_id, purpose, total_rials, status, proposed_by, proposed_by_name, \
             proposed_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(grant.budget_line_id)
        .bind(i64::from(grant.fiscal_year))
        .bind(grant.province_id)
        .bind(grant.county_id)
        .bind(grant.group_id)
        .bind(grant.woman_id)
        .bind(grant.purpose.as_str())
        .bind(grant.total_rials)
        .bind(grant.status.code())
        .bind(grant.proposed_by)
        .bind(grant.proposed_by_name.as_str())
        .bind(stored(grant.proposed_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn insert_tranche(&mut self, tranche: &TrancheRow) -> StoreResult<TrancheId> {
        sqlx::query_scalar(
            "INSERT INTO grant_tranches (grant_id, seq, amount_rials, planned_on, conditions, \
             status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(tranche.grant_id)
        .bind(tranche.seq)
        .bind(tranche.amount_rials)
        .bind(tranche.planned_on.to_iso_string())
        .bind(tranche.conditions.as_str())
        .bind(tranche.status.code())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn grant_by_id(&mut self, id: GrantId) -> StoreResult<Option<GrantRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {GRANT_COLUMNS} FROM grants g WHERE g.id = $1"
        )))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read_grant).transpose()
    }

    async fn tranches_of(&mut self, grant_id: GrantId) -> StoreResult<Vec<TrancheRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{TRANCHE_COLUMNS} WHERE grant_id = $1 ORDER BY seq"
        )))
        .bind(grant_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_tranche).collect()
    }

    async fn tranche_by_id(&mut self, id: TrancheId) -> StoreResult<Option<TrancheRow>> {
        tranche(&mut self.tx, id, "").await
    }

    async fn lock_tranche(&mut self, id: TrancheId) -> StoreResult<Option<TrancheRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        tranche(&mut self.tx, id, lock).await
    }

    async fn update_tranche(
        &mut self,
        tranche: &TrancheRow,
        expected_status: TrancheStatus,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE grant_tranches SET status = $1, decided_by = $2, decided_by_name = $3, \
             decided_at = $4, rejection_reason = $5, condition_results = $6, \
             commit_transaction_id = $7, paid_by = $8, paid_by_name = $9, paid_at = $10, \
             paid_on = $11, pay_transaction_id = $12, cancelled_by = $13, \
             cancelled_by_name = $14, cancelled_at = $15, cancel_reason = $16, \
             approved_on = $19 WHERE id = $17 AND status = $18",
        )
        .bind(tranche.status.code())
        .bind(tranche.decided_by)
        .bind(tranche.decided_by_name.as_deref())
        .bind(stored_opt(tranche.decided_at))
        .bind(tranche.rejection_reason.as_deref())
        .bind(tranche.condition_results.as_deref())
        .bind(tranche.commit_transaction_id)
        .bind(tranche.paid_by)
        .bind(tranche.paid_by_name.as_deref())
        .bind(stored_opt(tranche.paid_at))
        .bind(tranche.paid_on.map(|day| day.to_iso_string()))
        .bind(tranche.pay_transaction_id)
        .bind(tranche.cancelled_by)
        .bind(tranche.cancelled_by_name.as_deref())
        .bind(stored_opt(tranche.cancelled_at))
        .bind(tranche.cancel_reason.as_deref())
        .bind(tranche.id)
        .bind(expected_status.code())
        .bind(tranche.approved_on.map(|day| day.to_iso_string()))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn set_grant_status(
        &mut self,
        id: GrantId,
        status: GrantStatus,
        at: Timestamp,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE grants SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(stored(at))
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn search_grants(&mut self, filter: &GrantFilter) -> StoreResult<Vec<GrantListRow>> {
        let mut sql = SqlBuilder::new(LIST);
        if let Some(province) = filter.province_id {
            sql.push_equals("g.province_id", province);
        }
        if let Some(county) = filter.county_id {
            sql.push_equals("g.county_id", county);
        }
        if let Some(group) = filter.group_id {
            sql.push_equals("g.group_id", group);
        }
        if let Some(woman) = filter.woman_id {
            sql.push_equals("g.woman_id", woman);
        }
        if let Some(status) = &filter.status {
            sql.push_equals("g.status", status.code());
        }
        if let Some(year) = filter.fiscal_year {
            sql.push_equals("g.fiscal_year", i64::from(year));
        }
        sql.push(" ORDER BY g.id DESC");
        sql.push_page(filter.limit, filter.offset);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let reader = RowReader::new(row, "grants");
                Ok(GrantListRow {
                    grant: read_grant(row)?,
                    recipient_name: reader.text("recipient_name")?,
                    recipient_national_id: reader.opt_text("recipient_national_id")?,
                    committed_rials: reader.int("committed_rials")?,
                    paid_rials: reader.int("paid_rials")?,
                })
            })
            .collect()
    }
}

async fn tranche(
    conn: &mut AnyConnection,
    id: TrancheId,
    lock: &'static str,
) -> StoreResult<Option<TrancheRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TRANCHE_COLUMNS} WHERE id = $1{lock}"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(read_tranche).transpose()
}

fn read_grant(row: &AnyRow) -> StoreResult<GrantRow> {
    let reader = RowReader::new(row, "grants");
    let fiscal_year = reader.int("fiscal_year")?;
    Ok(GrantRow {
        id: reader.id("id")?,
        budget_line_id: reader.id("budget_line_id")?,
        fiscal_year: i32::try_from(fiscal_year).map_err(|_| StoreError::Corrupt {
            table: "grants",
            detail: format!("fiscal year {fiscal_year} out of range"),
        })?,
        province_id: reader.id("province_id")?,
        county_id: reader.id("county_id")?,
        group_id: reader.opt_id("group_id")?,
        woman_id: reader.opt_id("woman_id")?,
        purpose: reader.text("purpose")?,
        total_rials: reader.int("total_rials")?,
        status: reader.code("status")?,
        proposed_by: reader.opt_id("proposed_by")?,
        proposed_by_name: reader.text("proposed_by_name")?,
        proposed_at: reader.timestamp("proposed_at")?,
        updated_at: reader.timestamp("updated_at")?,
    })
}

fn read_tranche(row: &AnyRow) -> StoreResult<TrancheRow> {
    let reader = RowReader::new(row, "grant_tranches");
    Ok(TrancheRow {
        id: reader.id("id")?,
        grant_id: reader.id("grant_id")?,
        seq: reader.int("seq")?,
        amount_rials: reader.int("amount_rials")?,
        planned_on: reader.date("planned_on")?,
        conditions: reader.text("conditions")?,
        status: reader.code("status")?,
        decided_by: reader.opt_id("decided_by")?,
        decided_by_name: reader.opt_text("decided_by_name")?,
        decided_at: reader.opt_timestamp("decided_at")?,
        approved_on: reader.opt_date("approved_on")?,
        rejection_reason: reader.opt_text("rejection_reason")?,
        condition_results: reader.opt_text("condition_results")?,
        commit_transaction_id: reader.opt_id("commit_transaction_id")?,
        paid_by: reader.opt_id("paid_by")?,
        paid_by_name: reader.opt_text("paid_by_name")?,
        paid_at: reader.opt_timestamp("paid_at")?,
        paid_on: reader.opt_date("paid_on")?,
        pay_transaction_id: reader.opt_id("pay_transaction_id")?,
        cancelled_by: reader.opt_id("cancelled_by")?,
        cancelled_by_name: reader.opt_text("cancelled_by_name")?,
        cancelled_at: reader.opt_timestamp("cancelled_at")?,
        cancel_reason: reader.opt_text("cancel_reason")?,
    })
}
