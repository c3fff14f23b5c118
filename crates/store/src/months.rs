//! The Jalali month of a kept day, in SQL. SQL cannot tell a Jalali month from an ISO day, so
//! the writers of kept months (the ledger's accounts, the group funds' journal) pass the
//! month along; a full rebuild, or a check, maps kept days to months with a `CASE` over the
//! boundaries of the months those days span, written here for both.

use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::sql::SqlBuilder;

fn day_of(text: &str) -> StoreResult<JalaliDate> {
    JalaliDate::from_iso_str(text)
        .map_err(|e| StoreError::Database(format!("stored kept day: {e}")))
}

/// Writes `CASE WHEN <day_column> < <first day of the next month> THEN <month> … END` over
/// the months from the earliest day kept in `days_table` (a table of ours with a `day`
/// column) to the latest; false (nothing written) when it has no days. The fund's tallies
/// use it too.
pub(crate) async fn month_case(
    conn: &mut AnyConnection,
    builder: &mut SqlBuilder,
    days_table: &'static str,
    day_column: &'static str,
) -> StoreResult<bool> {
    let span: (Option<String>, Option<String>) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT MIN(day), MAX(day) FROM {days_table}"
    )))
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
            .push(" WHEN ")
            .push(day_column)
            .push(" < ")
            .push_bound(next.to_iso_string())
            .push(" THEN ")
            .push_bound(i64::from(month.year()) * 100 + i64::from(month.month()));
        month = next;
    }
    builder.push(" END");
    Ok(true)
}
