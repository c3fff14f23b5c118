//! A group's permits: one current row per kind, replaced in place by an upsert on
//! `(group_id, kind)` when a permit is renewed or corrected; and the permits of a place (or
//! of a person's own groups) expiring by a day, for the "Today" page.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{ExpiringPermitsQuery, GroupFacts, PermitRow};
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::duty::staff_column;
use super::facts::{FACT_COLUMNS, facts_from_row};
use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;

pub(super) async fn put(conn: &mut AnyConnection, row: &PermitRow) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO group_permits (group_id, kind, number, issued_on, expires_on, \
         recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (group_id, kind) DO UPDATE SET number = excluded.number, \
         issued_on = excluded.issued_on, expires_on = excluded.expires_on, \
         recorded_by_name = excluded.recorded_by_name, recorded_at = excluded.recorded_at \
         RETURNING id",
    )
    .bind(row.group_id)
    .bind(row.kind.as_str())
    .bind(row.number.as_str())
    .bind(row.issued_on.to_iso_string())
    .bind(row.expires_on.to_iso_string())
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<PermitRow>> {
    let rows = sqlx::query(
        "SELECT id, group_id, kind, number, issued_on, expires_on, recorded_by_name, recorded_at \
         FROM group_permits WHERE group_id = $1 ORDER BY kind",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(permit_from_row).collect()
}

fn permit_from_row(row: &AnyRow) -> StoreResult<PermitRow> {
    let reader = RowReader::new(row, "group_permits");
    Ok(PermitRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        kind: reader.text("kind")?,
        number: reader.text("number")?,
        issued_on: reader.date("issued_on")?,
        expires_on: reader.date("expires_on")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

pub(super) async fn expiring(
    conn: &mut AnyConnection,
    query: &ExpiringPermitsQuery,
) -> StoreResult<Vec<(GroupFacts, PermitRow)>> {
    let mut sql = SqlBuilder::new(
        "SELECT p.id, p.group_id, p.kind, p.number, p.issued_on, p.expires_on, \
         p.recorded_by_name, p.recorded_at, ",
    );
    sql.push(FACT_COLUMNS)
        .push(
            " FROM group_permits p JOIN hamyar_groups g ON g.id = p.group_id \
             WHERE p.expires_on <= ",
        )
        .push_bound(query.until.as_str())
        .push(" AND (g.ended_on IS NULL OR g.ended_on > ")
        .push_bound(query.today.as_str())
        .push(")");
    if let Some(province) = query.place.province_id {
        sql.push(" AND g.province_id = ").push_bound(province);
    }
    if let Some(county) = query.place.county_id {
        sql.push(" AND g.county_id = ").push_bound(county);
    }
    if let Some(assigned) = query.assigned {
        sql.push(" AND ")
            .push(staff_column(assigned.duty))
            .push(" = ")
            .push_bound(assigned.user_id);
    }
    sql.push(" ORDER BY p.expires_on, p.group_id, p.kind");
    sql.push_page(query.limit, 0);
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| Ok((facts_from_row(row)?, permit_from_row(row)?)))
        .collect()
}
