//! The SQL of the facility history. Reads join the group for its name, so the woman's file
//! can say which group the support went through without a second query per row.

use hamyar_app::ports::facilities::FacilityRow;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::{StoreError, StoreResult};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

/// What the triggers of migration 0011 say when they refuse a change.
const APPEND_ONLY: &str = "woman_facilities is append-only";

/// Like [`store_error`], naming this table's refusals and its one unique pair the same way on
/// both engines.
fn facility_error(error: sqlx::Error) -> StoreError {
    if error
        .as_database_error()
        .is_some_and(|e| e.message().contains(APPEND_ONLY))
    {
        return StoreError::AppendOnly;
    }
    match store_error(error) {
        StoreError::Unique(_) => StoreError::Unique("woman_facilities.grant_tranche_id".into()),
        other => other,
    }
}

const SELECT: &str = "SELECT f.id, f.woman_id, f.source, f.body, f.body_name, f.kind, \
     f.amount_rials, f.granted_on, f.group_id, g.name AS group_name, f.grant_tranche_id, \
     f.note, f.withdrawn_on, f.recorded_by, f.recorded_by_name, f.recorded_at \
     FROM woman_facilities AS f LEFT JOIN hamyar_groups AS g ON g.id = f.group_id ";

const NEWEST_FIRST: &str = " ORDER BY f.granted_on DESC, f.id DESC";

fn read(row: &AnyRow) -> StoreResult<FacilityRow> {
    let reader = RowReader::new(row, "woman_facilities");
    Ok(FacilityRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        source: reader.text("source")?,
        body: reader.text("body")?,
        body_name: reader.text("body_name")?,
        kind: reader.text("kind")?,
        amount_rials: reader.int("amount_rials")?,
        granted_on: reader.date("granted_on")?,
        group_id: reader.opt_id("group_id")?,
        group_name: reader.opt_text("group_name")?,
        grant_tranche_id: reader.opt_id("grant_tranche_id")?,
        note: reader.text("note")?,
        withdrawn_on: reader.opt_date("withdrawn_on")?,
        recorded_by: reader.opt_id("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

pub(super) async fn insert(conn: &mut AnyConnection, row: &FacilityRow) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO woman_facilities (woman_id, source, body, body_name, kind, amount_rials, \
         granted_on, group_id, grant_tranche_id, note, withdrawn_on, recorded_by, \
         recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(row.woman_id)
    .bind(row.source.as_str())
    .bind(row.body.as_str())
    .bind(row.body_name.as_str())
    .bind(row.kind.as_str())
    .bind(row.amount_rials)
    .bind(row.granted_on.to_iso_string())
    .bind(row.group_id)
    .bind(row.grant_tranche_id)
    .bind(row.note.as_str())
    .bind(row.withdrawn_on.map(|day| day.to_iso_string()))
    .bind(row.recorded_by)
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(facility_error)
}

pub(super) async fn of_woman(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<FacilityRow>> {
    // Only constant fragments are joined; every value is bound.
    let sql = format!("{SELECT} WHERE f.woman_id = $1{NEWEST_FIRST}");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(woman_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(facility_error)?;
    rows.iter().map(read).collect()
}

pub(super) async fn active_between(
    conn: &mut AnyConnection,
    woman_id: WomanId,
    from: &str,
    until: &str,
) -> StoreResult<Vec<FacilityRow>> {
    // Only constant fragments are joined; every value is bound.
    let sql = format!(
        "{SELECT} WHERE f.woman_id = $1 AND f.granted_on >= $2 AND f.granted_on <= $3 \
         AND f.withdrawn_on IS NULL{NEWEST_FIRST}"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(woman_id)
        .bind(from)
        .bind(until)
        .fetch_all(&mut *conn)
        .await
        .map_err(facility_error)?;
    rows.iter().map(read).collect()
}

pub(super) async fn of_tranche(
    conn: &mut AnyConnection,
    grant_tranche_id: hamyar_app::ports::grants::TrancheId,
) -> StoreResult<Vec<FacilityRow>> {
    // Only constant fragments are joined; every value is bound.
    let sql = format!(
        "{SELECT} WHERE f.grant_tranche_id = $1 AND f.source = 'programme' ORDER BY f.woman_id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(grant_tranche_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(facility_error)?;
    rows.iter().map(read).collect()
}

pub(super) async fn withdraw(
    conn: &mut AnyConnection,
    grant_tranche_id: hamyar_app::ports::grants::TrancheId,
    on: &str,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE woman_facilities SET withdrawn_on = $1 WHERE grant_tranche_id = $2 \
         AND source = 'programme' AND withdrawn_on IS NULL",
    )
    .bind(on)
    .bind(grant_tranche_id)
    .execute(&mut *conn)
    .await
    .map_err(facility_error)?;
    Ok(done.rows_affected())
}
