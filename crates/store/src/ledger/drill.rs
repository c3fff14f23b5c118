//! Drill-down: the transactions behind a figure. A report figure is the sum of some accounts'
//! postings over a date range; this lists the transactions that make it up, with the part of
//! each that falls on those accounts, so a person can follow any number to its documents.
//! Postings repeat their transaction's effective date, so the filter reads the
//! `(account_id, effective_on)` index and never the whole transactions table. The queries
//! are built with numbered placeholders for the account list (ids are bound, never pasted).

use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::ledger::LedgerTransactionId;
use hamyar_app::ports::ledger::{
    DrillPage, DrillQuery, DrilledTransaction, LedgerTransactionRow, PostingLine,
};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::RowReader;

/// The grouped postings of the query's accounts, one row per transaction, as a CTE body, and
/// the values to bind in order.
fn touched(query: &DrillQuery) -> (String, Vec<Bound>) {
    let mut binds = Vec::new();
    let mut placeholders = Vec::new();
    for id in &query.account_ids {
        binds.push(Bound::Int(id.get()));
        placeholders.push(format!("${}", binds.len()));
    }
    let mut sql = format!(
        "SELECT transaction_id, CAST(SUM(amount_rials) AS BIGINT) AS touched_sum \
         FROM ledger_postings WHERE account_id IN ({})",
        placeholders.join(", ")
    );
    if let Some(from) = &query.from {
        binds.push(Bound::Text(from.clone()));
        sql.push_str(&format!(" AND effective_on >= ${}", binds.len()));
    }
    if let Some(to) = &query.to {
        binds.push(Bound::Text(to.clone()));
        sql.push_str(&format!(" AND effective_on <= ${}", binds.len()));
    }
    sql.push_str(" GROUP BY transaction_id");
    if query.skip_netting_to_zero {
        sql.push_str(" HAVING SUM(amount_rials) <> 0");
    }
    (sql, binds)
}

#[derive(Clone)]
enum Bound {
    Int(i64),
    Text(String),
}

fn bind_all<'q>(
    mut statement: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: &[Bound],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for value in binds {
        statement = match value {
            Bound::Int(value) => statement.bind(*value),
            Bound::Text(value) => statement.bind(value.clone()),
        };
    }
    statement
}

pub(super) async fn drill(conn: &mut AnyConnection, query: &DrillQuery) -> StoreResult<DrillPage> {
    if query.account_ids.is_empty() {
        return Ok(DrillPage::default());
    }
    let (touched_sql, binds) = touched(query);
    let totals = bind_all(
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "WITH touched AS ({touched_sql}) SELECT CAST(COUNT(*) AS BIGINT) AS total_count, \
             CAST(COALESCE(SUM(touched_sum), 0) AS BIGINT) AS total_sum FROM touched"
        ))),
        &binds,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    let reader = RowReader::new(&totals, "ledger_postings");
    let total_count = reader.int("total_count")?;
    let total_sum_rials = reader.int("total_sum")?;
    let limit_at = binds.len() + 1;
    let page_sql = format!(
        "WITH touched AS ({touched_sql}) SELECT t.id, t.idempotency_key, t.effective_on, \
         t.description, t.reverses_id, r.id AS reversed_by, t.recorded_by, \
         t.recorded_by_name, t.recorded_at, t.province_id, t.county_id, d.touched_sum \
         FROM touched d JOIN ledger_transactions t ON t.id = d.transaction_id \
         LEFT JOIN ledger_transactions r ON r.reverses_id = t.id \
         ORDER BY t.effective_on, t.id LIMIT ${limit_at} OFFSET ${}",
        limit_at + 1
    );
    let rows = bind_all(sqlx::query(sqlx::AssertSqlSafe(page_sql)), &binds)
        .bind(query.limit.max(0))
        .bind(query.offset.max(0))
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut transactions = rows.iter().map(read).collect::<StoreResult<Vec<_>>>()?;
    attach_postings(conn, &mut transactions).await?;
    Ok(DrillPage {
        transactions,
        total_count,
        total_sum_rials,
    })
}

/// Reads every posting of the page's transactions in one query.
async fn attach_postings(
    conn: &mut AnyConnection,
    transactions: &mut [DrilledTransaction],
) -> StoreResult<()> {
    if transactions.is_empty() {
        return Ok(());
    }
    let placeholders: Vec<String> = (1..=transactions.len()).map(|n| format!("${n}")).collect();
    let binds: Vec<Bound> = transactions
        .iter()
        .map(|drilled| Bound::Int(drilled.transaction.id.get()))
        .collect();
    let rows = bind_all(
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT transaction_id, account_id, amount_rials FROM ledger_postings \
             WHERE transaction_id IN ({}) ORDER BY transaction_id, id",
            placeholders.join(", ")
        ))),
        &binds,
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut by_transaction: HashMap<LedgerTransactionId, Vec<PostingLine>> = HashMap::new();
    for row in &rows {
        let reader = RowReader::new(row, "ledger_postings");
        by_transaction
            .entry(reader.id("transaction_id")?)
            .or_default()
            .push(PostingLine {
                account_id: reader.id("account_id")?,
                amount_rials: reader.int("amount_rials")?,
            });
    }
    for drilled in transactions {
        drilled.transaction.postings = by_transaction
            .remove(&drilled.transaction.id)
            .unwrap_or_default();
    }
    Ok(())
}

fn read(row: &AnyRow) -> StoreResult<DrilledTransaction> {
    let reader = RowReader::new(row, "ledger_transactions");
    Ok(DrilledTransaction {
        transaction: LedgerTransactionRow {
            id: reader.id("id")?,
            idempotency_key: reader.text("idempotency_key")?,
            effective_on: reader.text("effective_on")?,
            description: reader.text("description")?,
            reverses_id: reader.opt_id("reverses_id")?,
            reversed_by: reader.opt_id("reversed_by")?,
            recorded_by: reader.opt_id("recorded_by")?,
            recorded_by_name: reader.text("recorded_by_name")?,
            recorded_at: reader.timestamp("recorded_at")?,
            province_id: reader.opt_id("province_id")?,
            county_id: reader.opt_id("county_id")?,
            postings: Vec::new(),
        },
        touched_sum_rials: reader.int("touched_sum")?,
    })
}
