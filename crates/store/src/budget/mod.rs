//! The `BudgetRepo` port on both engines: budget lines and their ledger accounts. Lines are
//! few (five categories × places × years), so they are read whole by simple indexed queries;
//! the row lock that serialises "what is left on this line" checks is PostgreSQL's
//! `SELECT … FOR UPDATE` (SQLite's writers already run one at a time).
//!
//! A province's fiscal years live beside them (`fiscal_years`, migration 0017): a row per year
//! ever held by a posting or closed, which every posting reads inside its own transaction.

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::budget::{
    BudgetLineFilter, BudgetLineId, BudgetLineRow, BudgetRepo, FiscalYearRow, FiscalYearStamp,
    NewBudgetLine,
};
use hamyar_app::ports::ledger::AccountId;
use hamyar_app::ports::{Backend, StoreResult};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

const YEAR_COLUMNS: &str = "SELECT province_id, fiscal_year, status, closed_by, closed_by_name, \
     closed_at, reopened_by, reopened_by_name, reopened_at, reopen_reason FROM fiscal_years";
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const COLUMNS: &str = "SELECT id, fiscal_year, province_id, county_id, category, \
     budget_account_id, expense_account_id, commitment_account_id, created_by, created_at \
     FROM budget_lines";

#[async_trait]
impl BudgetRepo for AnyTx {
    async fn insert_budget_line(&mut self, line: &NewBudgetLine) -> StoreResult<BudgetLineId> {
        insert(&mut self.tx, line).await
    }

    async fn budget_line_by_id(&mut self, id: BudgetLineId) -> StoreResult<Option<BudgetLineRow>> {
        by_id(&mut self.tx, id, "").await
    }

    async fn budget_line_at(
        &mut self,
        fiscal_year: i32,
        province_id: PlaceId,
        county_id: Option<PlaceId>,
        category: &str,
    ) -> StoreResult<Option<BudgetLineRow>> {
        let place_id = county_id.unwrap_or(province_id);
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{COLUMNS} WHERE fiscal_year = $1 AND place_id = $2 AND category = $3"
        )))
        .bind(i64::from(fiscal_year))
        .bind(place_id)
        .bind(category)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read).transpose()
    }

    async fn budget_lines(&mut self, filter: BudgetLineFilter) -> StoreResult<Vec<BudgetLineRow>> {
        let mut sql = SqlBuilder::new(COLUMNS);
        if let Some(year) = filter.fiscal_year {
            sql.push_equals("fiscal_year", i64::from(year));
        }
        if let Some(province) = filter.province_id {
            sql.push_equals("province_id", province);
        }
        if let Some(county) = filter.county_id {
            sql.push_equals("county_id", county);
        }
        if filter.province_only {
            sql.push_condition("county_id IS NULL");
        }
        sql.push(
            " ORDER BY fiscal_year, province_id, CASE WHEN county_id IS NULL THEN 0 ELSE 1 END, \
             county_id, category",
        );
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read).collect()
    }

    async fn budget_line_by_account(
        &mut self,
        account_id: AccountId,
    ) -> StoreResult<Option<BudgetLineRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{COLUMNS} WHERE budget_account_id = $1 OR expense_account_id = $1 \
             OR commitment_account_id = $1"
        )))
        .bind(account_id)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(read).transpose()
    }

    async fn lock_budget_line(&mut self, id: BudgetLineId) -> StoreResult<Option<BudgetLineRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        by_id(&mut self.tx, id, lock).await
    }

    async fn fiscal_year(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Option<FiscalYearRow>> {
        year_row(&mut self.tx, province_id, fiscal_year, "").await
    }

    async fn fiscal_years_of(&mut self, province_id: PlaceId) -> StoreResult<Vec<FiscalYearRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{YEAR_COLUMNS} WHERE province_id = $1 ORDER BY fiscal_year DESC"
        )))
        .bind(province_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_year).collect()
    }

    async fn hold_fiscal_year(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        exclusive: bool,
    ) -> StoreResult<FiscalYearRow> {
        sqlx::query(
            "INSERT INTO fiscal_years (province_id, fiscal_year, status) VALUES ($1, $2, 'open') \
             ON CONFLICT (province_id, fiscal_year) DO NOTHING",
        )
        .bind(province_id)
        .bind(i64::from(fiscal_year))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        let lock = match (self.backend, exclusive) {
            (Backend::Sqlite, _) => "",
            (Backend::Postgres, false) => " FOR SHARE",
            (Backend::Postgres, true) => " FOR UPDATE",
        };
        year_row(&mut self.tx, province_id, fiscal_year, lock)
            .await?
            .ok_or_else(|| hamyar_app::ports::StoreError::Corrupt {
                table: "fiscal_years",
                detail: format!("year {fiscal_year} of province {province_id} vanished"),
            })
    }

    async fn mark_fiscal_year_closed(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        stamp: &FiscalYearStamp,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE fiscal_years SET status = 'closed', closed_by = $3, closed_by_name = $4, \
             closed_at = $5 WHERE province_id = $1 AND fiscal_year = $2 AND status = 'open'",
        )
        .bind(province_id)
        .bind(i64::from(fiscal_year))
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn mark_fiscal_year_reopened(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        stamp: &FiscalYearStamp,
        reason: &str,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE fiscal_years SET status = 'open', reopened_by = $3, reopened_by_name = $4, \
             reopened_at = $5, reopen_reason = $6 \
             WHERE province_id = $1 AND fiscal_year = $2 AND status = 'closed'",
        )
        .bind(province_id)
        .bind(i64::from(fiscal_year))
        .bind(stamp.by)
        .bind(stamp.by_name.as_str())
        .bind(stored(stamp.at))
        .bind(reason)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }
}

async fn year_row(
    conn: &mut AnyConnection,
    province_id: PlaceId,
    fiscal_year: i32,
    lock: &'static str,
) -> StoreResult<Option<FiscalYearRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{YEAR_COLUMNS} WHERE province_id = $1 AND fiscal_year = $2{lock}"
    )))
    .bind(province_id)
    .bind(i64::from(fiscal_year))
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(read_year).transpose()
}

fn read_year(row: &AnyRow) -> StoreResult<FiscalYearRow> {
    let reader = RowReader::new(row, "fiscal_years");
    let fiscal_year = reader.int("fiscal_year")?;
    Ok(FiscalYearRow {
        province_id: reader.id("province_id")?,
        fiscal_year: i32::try_from(fiscal_year).map_err(|_| {
            hamyar_app::ports::StoreError::Corrupt {
                table: "fiscal_years",
                detail: format!("fiscal year {fiscal_year} out of range"),
            }
        })?,
        closed: reader.text("status")? == "closed",
        closed_by: reader.opt_id("closed_by")?,
        closed_by_name: reader.opt_text("closed_by_name")?,
        closed_at: reader.opt_timestamp("closed_at")?,
        reopened_by: reader.opt_id("reopened_by")?,
        reopened_by_name: reader.opt_text("reopened_by_name")?,
        reopened_at: reader.opt_timestamp("reopened_at")?,
        reopen_reason: reader.opt_text("reopen_reason")?,
    })
}

async fn insert(conn: &mut AnyConnection, line: &NewBudgetLine) -> StoreResult<BudgetLineId> {
    sqlx::query_scalar(
        "INSERT INTO budget_lines (fiscal_year, province_id, county_id, place_id, category, \
         budget_account_id, expense_account_id, commitment_account_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(i64::from(line.fiscal_year))
    .bind(line.province_id)
    .bind(line.county_id)
    .bind(line.county_id.unwrap_or(line.province_id))
    .bind(line.category.as_str())
    .bind(line.budget_account_id)
    .bind(line.expense_account_id)
    .bind(line.commitment_account_id)
    .bind(line.created_by)
    .bind(stored(line.created_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

async fn by_id(
    conn: &mut AnyConnection,
    id: BudgetLineId,
    lock: &'static str,
) -> StoreResult<Option<BudgetLineRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE id = $1{lock}"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

fn read(row: &AnyRow) -> StoreResult<BudgetLineRow> {
    let reader = RowReader::new(row, "budget_lines");
    let fiscal_year = reader.int("fiscal_year")?;
    Ok(BudgetLineRow {
        id: reader.id("id")?,
        fiscal_year: i32::try_from(fiscal_year).map_err(|_| {
            hamyar_app::ports::StoreError::Corrupt {
                table: "budget_lines",
                detail: format!("fiscal year {fiscal_year} out of range"),
            }
        })?,
        province_id: reader.id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        category: reader.text("category")?,
        budget_account_id: reader.id("budget_account_id")?,
        expense_account_id: reader.id("expense_account_id")?,
        commitment_account_id: reader.id("commitment_account_id")?,
        created_by: reader.opt_id("created_by")?,
        created_at: reader.timestamp("created_at")?,
    })
}
