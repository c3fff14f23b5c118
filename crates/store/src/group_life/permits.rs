//! A group's permits: one current row per kind, replaced in place by an upsert on
//! `(group_id, kind)` when a permit is renewed or corrected.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::PermitRow;
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

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
    rows.iter()
        .map(|row| {
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
        })
        .collect()
}
