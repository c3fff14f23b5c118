//! Each account's postings summed per Jalali month (`ledger_account_months`, migration 0014),
//! kept by the same writes that keep `ledger_balances`: a dashboard over a past span of a year
//! reads the budget lines' months instead of summing millions of postings, and only the days
//! at the edges of a span that cuts a month come from the postings themselves.
//!
//! SQL cannot tell a Jalali month from an ISO day, so the writers pass the month along
//! (`tallies::month_of`), and a full rebuild (or the check) maps days to months with a `CASE`
//! over the month boundaries of the days present, built here.

use hamyar_app::ports::ledger::{KeptBalance, MonthDifference};
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

/// Adds one posting to its account's month.
pub(super) async fn add_posting(
    conn: &mut AnyConnection,
    account_id: i64,
    month: i64,
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
    Ok(())
}

fn day_of(text: &str) -> StoreResult<JalaliDate> {
    JalaliDate::from_iso_str(text)
        .map_err(|e| StoreError::Database(format!("stored posting day: {}", e.message_en())))
}

/// `CASE WHEN p.effective_on < <first day of the next month> THEN <month> … END` over the
/// months from the earliest posting to the latest, or `None` without postings.
async fn month_case(conn: &mut AnyConnection, builder: &mut SqlBuilder) -> StoreResult<bool> {
    let span: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT MIN(effective_on), MAX(effective_on) FROM ledger_postings")
            .fetch_one(&mut *conn)
            .await
            .map_err(store_error)?;
    let (Some(first), Some(last)) = span else {
        return Ok(false);
    };
    let (mut month, last) = (day_of(&first)?.first_of_month(), day_of(&last)?);
    builder.push("CASE");
    while month <= last {
        let days = JalaliDate::days_in_month(month.year(), month.month()).unwrap_or(29);
        let next = month.add_days(i64::from(days));
        builder
            .push(" WHEN p.effective_on < ")
            .push_bound(next.to_iso_string())
            .push(" THEN ")
            .push_bound(i64::from(month.year()) * 100 + i64::from(month.month()));
        month = next;
    }
    builder.push(" END");
    Ok(true)
}

/// Sums every account's postings per month again.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> StoreResult<()> {
    sqlx::query("DELETE FROM ledger_account_months")
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut sql = SqlBuilder::new(
        "INSERT INTO ledger_account_months (account_id, month, amount_rials, posting_count) \
         SELECT account_id, month, CAST(SUM(amount_rials) AS BIGINT), CAST(COUNT(*) AS BIGINT) \
         FROM (SELECT p.account_id, ",
    );
    if !month_case(conn, &mut sql).await? {
        return Ok(());
    }
    sql.push(" AS month, p.amount_rials FROM ledger_postings p) s GROUP BY account_id, month");
    sql.build().execute(&mut *conn).await.map_err(store_error)?;
    Ok(())
}

/// Every (account, month) whose kept sum or count differs from its postings'.
pub(super) async fn differences(conn: &mut AnyConnection) -> StoreResult<Vec<MonthDifference>> {
    let mut sql = SqlBuilder::new(
        "SELECT COALESCE(k.account_id, r.account_id) AS account_id, \
         COALESCE(k.month, r.month) AS month, \
         COALESCE(k.amount_rials, 0) AS kept_rials, COALESCE(k.posting_count, 0) AS kept_count, \
         COALESCE(r.amount_rials, 0) AS recomputed_rials, \
         COALESCE(r.posting_count, 0) AS recomputed_count \
         FROM ledger_account_months k FULL OUTER JOIN (SELECT account_id, month, \
         CAST(SUM(amount_rials) AS BIGINT) AS amount_rials, \
         CAST(COUNT(*) AS BIGINT) AS posting_count FROM (SELECT p.account_id, ",
    );
    if !month_case(conn, &mut sql).await? {
        // No postings: every kept month is a difference.
        sql = SqlBuilder::new(
            "SELECT account_id, month, amount_rials AS kept_rials, posting_count AS kept_count, \
             0 AS recomputed_rials, 0 AS recomputed_count FROM ledger_account_months",
        );
    } else {
        sql.push(
            " AS month, p.amount_rials FROM ledger_postings p) s GROUP BY account_id, month) r \
             ON r.account_id = k.account_id AND r.month = k.month \
             WHERE COALESCE(k.amount_rials, 0) <> COALESCE(r.amount_rials, 0) \
             OR COALESCE(k.posting_count, 0) <> COALESCE(r.posting_count, 0)",
        );
    }
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut out: Vec<MonthDifference> = rows
        .iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_account_months");
            Ok(MonthDifference {
                account_id: reader.int("account_id")?,
                month: reader.int("month")?,
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
        .collect::<StoreResult<_>>()?;
    out.sort_by_key(|d| (d.account_id, d.month));
    Ok(out)
}
