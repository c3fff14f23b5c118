//! Each account's postings summed per Jalali month (`ledger_account_months`) and per day
//! (`ledger_account_days`), migration 0014, kept by the same writes that keep
//! `ledger_balances`: a dashboard over a past span of a year reads the budget lines' whole
//! months, and the days at the edges of a span that cuts a month, instead of summing millions
//! of postings.
//!
//! SQL cannot tell a Jalali month from an ISO day, so the writers pass the month along
//! (`tallies::month_of`), and a full rebuild (or the check) maps the kept days to months with
//! a `CASE` over the month boundaries of the days present (`crate::months`).

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::ledger::AccountId;
use hamyar_app::ports::ledger::{AccountDay, KeptBalance, PeriodDifference};
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::months::month_case;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

/// One account's kept days, oldest first (the primary key's order).
pub(super) async fn account_days(
    conn: &mut AnyConnection,
    account_id: AccountId,
) -> StoreResult<Vec<AccountDay>> {
    let rows = sqlx::query(
        "SELECT day, amount_rials FROM ledger_account_days WHERE account_id = $1 ORDER BY day",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_account_days");
            Ok(AccountDay {
                day: reader.text("day")?,
                amount_rials: reader.int("amount_rials")?,
            })
        })
        .collect()
}

/// Adds one posting to its account's month and day.
pub(super) async fn add_posting(
    conn: &mut AnyConnection,
    account_id: AccountId,
    month: i64,
    day: &str,
    amount_rials: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO ledger_account_months (account_id, month, amount_rials, posting_count) \
         VALUES ($1, $2, $3, 1) ON CONFLICT (account_id, month) DO UPDATE SET \
         amount_rials = ledger_account_months.amount_rials + excluded.amount_rials, \
         posting_count = ledger_account_months.posting_count + 1",
    )
    .bind(account_id)
    .bind(month)
    .bind(amount_rials)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    sqlx::query(
        "INSERT INTO ledger_account_days (account_id, day, amount_rials, posting_count) \
         VALUES ($1, $2, $3, 1) ON CONFLICT (account_id, day) DO UPDATE SET \
         amount_rials = ledger_account_days.amount_rials + excluded.amount_rials, \
         posting_count = ledger_account_days.posting_count + 1",
    )
    .bind(account_id)
    .bind(day)
    .bind(amount_rials)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

/// Sums every account's postings per month and per day again.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> StoreResult<()> {
    for table in ["ledger_account_months", "ledger_account_days"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    sqlx::query(
        "INSERT INTO ledger_account_days (account_id, day, amount_rials, posting_count) \
         SELECT account_id, effective_on, CAST(SUM(amount_rials) AS BIGINT), \
         CAST(COUNT(*) AS BIGINT) FROM ledger_postings GROUP BY account_id, effective_on",
    )
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    // The months from the days, which are far fewer than the postings.
    let mut sql = SqlBuilder::new(
        "INSERT INTO ledger_account_months (account_id, month, amount_rials, posting_count) \
         SELECT account_id, month, CAST(SUM(amount_rials) AS BIGINT), \
         CAST(SUM(posting_count) AS BIGINT) FROM (SELECT p.account_id, ",
    );
    if !month_case(conn, &mut sql, "ledger_account_days", "p.day").await? {
        return Ok(());
    }
    sql.push(
        " AS month, p.amount_rials, p.posting_count FROM ledger_account_days p \
         ) s GROUP BY account_id, month",
    );
    sql.build().execute(&mut *conn).await.map_err(store_error)?;
    Ok(())
}

/// Each account's postings summed per day (read along the postings' `(account_id,
/// effective_on, amount_rials)` index) against its kept day, and kept days with no posting.
/// Two index-driven halves instead of a full outer join, which SQLite would run quadratically.
const DAY_DIFFERENCES: &str = "SELECT r.account_id, r.day AS period, \
     COALESCE(k.amount_rials, 0) AS kept_rials, COALESCE(k.posting_count, 0) AS kept_count, \
     r.amount_rials AS recomputed_rials, r.posting_count AS recomputed_count \
     FROM (SELECT account_id, effective_on AS day, \
     CAST(SUM(amount_rials) AS BIGINT) AS amount_rials, CAST(COUNT(*) AS BIGINT) AS posting_count \
     FROM ledger_postings GROUP BY account_id, effective_on) r \
     LEFT JOIN ledger_account_days k ON k.account_id = r.account_id AND k.day = r.day \
     WHERE k.account_id IS NULL OR k.amount_rials <> r.amount_rials \
     OR k.posting_count <> r.posting_count \
     UNION ALL \
     SELECT k.account_id, k.day AS period, k.amount_rials AS kept_rials, \
     k.posting_count AS kept_count, 0 AS recomputed_rials, 0 AS recomputed_count \
     FROM ledger_account_days k WHERE NOT EXISTS (SELECT 1 FROM ledger_postings p \
     WHERE p.account_id = k.account_id AND p.effective_on = k.day)";

/// Every (account, month) and (account, day) whose kept sum or count differs from its
/// postings'. The months are checked against the postings through the days only when the
/// days agree, so one changed posting is reported once, on its day.
pub(super) async fn differences(conn: &mut AnyConnection) -> StoreResult<Vec<PeriodDifference>> {
    let rows = sqlx::query(DAY_DIFFERENCES)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut out = read_differences(&rows, false)?;
    if !out.is_empty() {
        return Ok(out);
    }
    // The months recomputed from the (now verified) days against the kept months, both ways.
    let mut sql = SqlBuilder::new(
        "WITH r AS (SELECT account_id, month, CAST(SUM(amount_rials) AS BIGINT) AS amount_rials, \
         CAST(SUM(posting_count) AS BIGINT) AS posting_count FROM (SELECT p.account_id, ",
    );
    if month_case(conn, &mut sql, "ledger_account_days", "p.day").await? {
        sql.push(
            " AS month, p.amount_rials, p.posting_count FROM ledger_account_days p) s \
             GROUP BY account_id, month) \
             SELECT r.account_id, r.month AS period, \
             COALESCE(k.amount_rials, 0) AS kept_rials, COALESCE(k.posting_count, 0) AS kept_count, \
             r.amount_rials AS recomputed_rials, r.posting_count AS recomputed_count \
             FROM r LEFT JOIN ledger_account_months k ON k.account_id = r.account_id \
             AND k.month = r.month \
             WHERE k.account_id IS NULL OR k.amount_rials <> r.amount_rials \
             OR k.posting_count <> r.posting_count \
             UNION ALL \
             SELECT k.account_id, k.month AS period, k.amount_rials AS kept_rials, \
             k.posting_count AS kept_count, 0 AS recomputed_rials, 0 AS recomputed_count \
             FROM ledger_account_months k LEFT JOIN r ON r.account_id = k.account_id \
             AND r.month = k.month WHERE r.account_id IS NULL",
        );
        let rows = sql
            .build()
            .fetch_all(&mut *conn)
            .await
            .map_err(store_error)?;
        out = read_differences(&rows, true)?;
    } else {
        // No postings: every kept month is a difference.
        let rows = sqlx::query(
            "SELECT account_id, month AS period, amount_rials AS kept_rials, \
             posting_count AS kept_count, 0 AS recomputed_rials, 0 AS recomputed_count \
             FROM ledger_account_months",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
        out = read_differences(&rows, true)?;
    }
    Ok(out)
}

fn read_differences(
    rows: &[sqlx::any::AnyRow],
    months: bool,
) -> StoreResult<Vec<PeriodDifference>> {
    let mut out = rows
        .iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_account_periods");
            Ok(PeriodDifference {
                account_id: reader.id("account_id")?,
                period: if months {
                    reader.int("period")?.to_string()
                } else {
                    reader.text("period")?
                },
                kept: KeptBalance {
                    balance_rials: reader.int("kept_rials")?,
                    posting_count: reader.int("kept_count")?,
                },
                recomputed: KeptBalance {
                    balance_rials: reader.int("recomputed_rials")?,
                    posting_count: reader.int("recomputed_count")?,
                },
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    out.sort_by(|a, b| (a.account_id, &a.period).cmp(&(b.account_id, &b.period)));
    Ok(out)
}
