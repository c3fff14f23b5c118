//! The monthly business record: one row per group and month, written by an upsert on
//! `(group_id, year, month)` so that editing a month keeps its id, and the month's payments
//! to members, which are deleted and written again with it.

use hamyar_app::ports::registry::WomanId;
use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::BusinessMonthRow;
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

const COLUMNS: &str = "id, group_id, year, month, revenue_rials, costs_rials, profit_rials, \
     members_working, people_hired, channels, channel_other, recorded_by, recorded_by_name, \
     recorded_at";

fn month_from_row(row: &AnyRow) -> StoreResult<BusinessMonthRow> {
    let reader = RowReader::new(row, "group_business_months");
    Ok(BusinessMonthRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        year: reader.int("year")?,
        month: reader.int("month")?,
        revenue_rials: reader.int("revenue_rials")?,
        costs_rials: reader.int("costs_rials")?,
        profit_rials: reader.int("profit_rials")?,
        members_working: reader.int("members_working")?,
        people_hired: reader.int("people_hired")?,
        channels: reader.text("channels")?,
        channel_other: reader.text("channel_other")?,
        payments: Vec::new(),
        recorded_by: reader.opt_id("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

pub(super) async fn put_month(
    conn: &mut AnyConnection,
    row: &BusinessMonthRow,
) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO group_business_months (group_id, year, month, revenue_rials, costs_rials, \
         profit_rials, members_working, people_hired, channels, channel_other, recorded_by, \
         recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (group_id, year, month) DO UPDATE SET \
         revenue_rials = excluded.revenue_rials, costs_rials = excluded.costs_rials, \
         profit_rials = excluded.profit_rials, members_working = excluded.members_working, \
         people_hired = excluded.people_hired, channels = excluded.channels, \
         channel_other = excluded.channel_other, recorded_by = excluded.recorded_by, \
         recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at \
         RETURNING id",
    )
    .bind(row.group_id)
    .bind(row.year)
    .bind(row.month)
    .bind(row.revenue_rials)
    .bind(row.costs_rials)
    .bind(row.profit_rials)
    .bind(row.members_working)
    .bind(row.people_hired)
    .bind(row.channels.as_str())
    .bind(row.channel_other.as_str())
    .bind(row.recorded_by)
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    sqlx::query("DELETE FROM group_business_payments WHERE business_month_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    for (woman_id, amount) in &row.payments {
        sqlx::query(
            "INSERT INTO group_business_payments (business_month_id, woman_id, amount_rials) \
             VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(*woman_id)
        .bind(*amount)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(id)
}

pub(super) async fn month(
    conn: &mut AnyConnection,
    group_id: GroupId,
    year: i64,
    month: i64,
) -> StoreResult<Option<BusinessMonthRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM group_business_months \
         WHERE group_id = $1 AND year = $2 AND month = $3"
    )))
    .bind(group_id)
    .bind(year)
    .bind(month)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    let Some(mut found) = row.as_ref().map(month_from_row).transpose()? else {
        return Ok(None);
    };
    let payments: Vec<(WomanId, i64)> = sqlx::query_as(
        "SELECT woman_id, amount_rials FROM group_business_payments \
         WHERE business_month_id = $1 ORDER BY woman_id",
    )
    .bind(found.id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    found.payments = payments;
    Ok(Some(found))
}

pub(super) async fn months(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<BusinessMonthRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM group_business_months WHERE group_id = $1 ORDER BY year, month"
    )))
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut months = rows
        .iter()
        .map(month_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
    let payments: Vec<(i64, WomanId, i64)> = sqlx::query_as(
        "SELECT p.business_month_id, p.woman_id, p.amount_rials \
         FROM group_business_payments p \
         JOIN group_business_months m ON m.id = p.business_month_id \
         WHERE m.group_id = $1 ORDER BY p.business_month_id, p.woman_id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut by_month: HashMap<i64, Vec<(WomanId, i64)>> = HashMap::new();
    for (month_id, woman_id, amount) in payments {
        by_month
            .entry(month_id)
            .or_default()
            .push((woman_id, amount));
    }
    for month in &mut months {
        month.payments = by_month.remove(&month.id).unwrap_or_default();
    }
    Ok(months)
}
