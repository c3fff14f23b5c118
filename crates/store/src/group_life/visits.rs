//! Monitoring visits with their requests. Recording a visit closes the open follow-ups of
//! the group's earlier visits as answered by it (on the visit's own date), so an open
//! follow-up never has a later visit of its group; resolving a follow-up or a request changes
//! only rows still open (`… IS NULL` in the `WHERE`), so a second submission changes nothing
//! and says so. The office's work list lives in `duty`.

use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{InsertedVisit, VisitRequestRow, VisitRow};
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

pub(super) const COLUMNS: &str = "v.id, v.group_id, v.visited_on, v.visitor_id, v.visitor_name, \
     v.purpose, v.findings, v.referrals, v.referral_other, v.follow_up_due, v.follow_up_done_on, \
     v.follow_up_note, v.follow_up_done_by_name, v.follow_up_closed_by_visit_id, \
     v.follow_up_closed_on, v.recorded_by, v.recorded_by_name, v.recorded_at";

/// An open follow-up: asked for and neither resolved nor answered.
const OPEN: &str = "follow_up_due IS NOT NULL AND follow_up_closed_on IS NULL";

const REQUEST_COLUMNS: &str =
    "id, visit_id, group_id, request, resolved_on, resolution_note, resolved_by_name";

pub(super) fn visit_from_row(row: &AnyRow) -> StoreResult<VisitRow> {
    let reader = RowReader::new(row, "group_visits");
    Ok(VisitRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        visited_on: reader.date("visited_on")?,
        visitor_id: reader.opt_id("visitor_id")?,
        visitor_name: reader.text("visitor_name")?,
        purpose: reader.text("purpose")?,
        findings: reader.text("findings")?,
        referrals: reader.text("referrals")?,
        referral_other: reader.text("referral_other")?,
        follow_up_due: reader.opt_date("follow_up_due")?,
        follow_up_done_on: reader.opt_date("follow_up_done_on")?,
        follow_up_note: reader.text("follow_up_note")?,
        follow_up_done_by_name: reader.text("follow_up_done_by_name")?,
        follow_up_closed_by_visit_id: reader.opt_int("follow_up_closed_by_visit_id")?,
        follow_up_closed_on: reader.opt_date("follow_up_closed_on")?,
        requests: Vec::new(),
        recorded_by: reader.opt_id("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

fn request_from_row(row: &AnyRow) -> StoreResult<VisitRequestRow> {
    let reader = RowReader::new(row, "group_visit_requests");
    Ok(VisitRequestRow {
        id: reader.int("id")?,
        visit_id: reader.int("visit_id")?,
        group_id: reader.id("group_id")?,
        request: reader.text("request")?,
        resolved_on: reader.opt_date("resolved_on")?,
        resolution_note: reader.text("resolution_note")?,
        resolved_by_name: reader.text("resolved_by_name")?,
    })
}

pub(super) async fn insert(conn: &mut AnyConnection, row: &VisitRow) -> StoreResult<InsertedVisit> {
    // A follow-up resolved as it is recorded is closed on its resolution's day.
    let closed_on = row
        .follow_up_due
        .as_ref()
        .and(row.follow_up_done_on.map(|day| day.to_iso_string()));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO group_visits (group_id, visited_on, visitor_id, visitor_name, purpose, \
         findings, referrals, referral_other, follow_up_due, follow_up_done_on, follow_up_note, \
         recorded_by, recorded_by_name, recorded_at, follow_up_done_by_name, \
         follow_up_closed_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
         RETURNING id",
    )
    .bind(row.group_id)
    .bind(row.visited_on.to_iso_string())
    .bind(row.visitor_id)
    .bind(row.visitor_name.as_str())
    .bind(row.purpose.as_str())
    .bind(row.findings.as_str())
    .bind(row.referrals.as_str())
    .bind(row.referral_other.as_str())
    .bind(row.follow_up_due.map(|day| day.to_iso_string()))
    .bind(row.follow_up_done_on.map(|day| day.to_iso_string()))
    .bind(row.follow_up_note.as_str())
    .bind(row.recorded_by)
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .bind(row.follow_up_done_by_name.as_str())
    .bind(closed_on.as_deref())
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    insert_requests(conn, id, row).await?;
    // The group's latest visit, kept on its row (migration 0019): raised, never lowered, so a
    // back-dated visit leaves a later one standing.
    sqlx::query(
        "UPDATE hamyar_groups SET last_visited_on = $2 \
         WHERE id = $1 AND (last_visited_on IS NULL OR last_visited_on < $2)",
    )
    .bind(row.group_id)
    .bind(row.visited_on.to_iso_string())
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    let answered = answer_earlier(conn, id, row).await?;
    let answered_by = if closed_on.is_none() && row.follow_up_due.is_some() {
        answered_by_later(conn, id, row).await?
    } else {
        None
    };
    Ok(InsertedVisit {
        id,
        answered,
        answered_by,
    })
}

async fn insert_requests(conn: &mut AnyConnection, id: i64, row: &VisitRow) -> StoreResult<()> {
    for request in &row.requests {
        sqlx::query(
            "INSERT INTO group_visit_requests (visit_id, group_id, request, resolved_on, \
             resolution_note, resolved_by_name) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(row.group_id)
        .bind(request.request.as_str())
        .bind(request.resolved_on.map(|day| day.to_iso_string()))
        .bind(request.resolution_note.as_str())
        .bind(request.resolved_by_name.as_str())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(())
}

/// Closes the open follow-ups of the group's visits before this one's day, as answered by it
/// on its day; returns their ids, oldest first.
async fn answer_earlier(
    conn: &mut AnyConnection,
    id: i64,
    row: &VisitRow,
) -> StoreResult<Vec<i64>> {
    let answered: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM group_visits WHERE group_id = $1 AND visited_on < $2 AND {OPEN} \
         ORDER BY visited_on, id"
    )))
    .bind(row.group_id)
    .bind(row.visited_on.to_iso_string())
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    if !answered.is_empty() {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE group_visits SET follow_up_closed_by_visit_id = $3, \
             follow_up_closed_on = $2 WHERE group_id = $1 AND visited_on < $2 AND {OPEN}"
        )))
        .bind(row.group_id)
        .bind(row.visited_on.to_iso_string())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(answered)
}

/// A visit entered after a later one of its group: its follow-up was answered by the earliest
/// later visit, on that visit's day. Returns that visit's id.
async fn answered_by_later(
    conn: &mut AnyConnection,
    id: i64,
    row: &VisitRow,
) -> StoreResult<Option<i64>> {
    let later: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, visited_on FROM group_visits WHERE group_id = $1 AND visited_on > $2 \
         ORDER BY visited_on, id LIMIT 1",
    )
    .bind(row.group_id)
    .bind(row.visited_on.to_iso_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    let Some((later_id, later_on)) = later else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE group_visits SET follow_up_closed_by_visit_id = $2, follow_up_closed_on = $3 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(later_id)
    .bind(later_on)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(Some(later_id))
}

/// Attaches each visit's requests, in the order raised.
pub(super) async fn with_requests(
    conn: &mut AnyConnection,
    mut visits: Vec<VisitRow>,
) -> StoreResult<Vec<VisitRow>> {
    if visits.is_empty() {
        return Ok(visits);
    }
    let placeholders: Vec<String> = (1..=visits.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM group_visit_requests WHERE visit_id IN ({}) \
         ORDER BY visit_id, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for visit in &visits {
        query = query.bind(visit.id);
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(store_error)?;
    let mut by_visit: HashMap<i64, Vec<VisitRequestRow>> = HashMap::new();
    for row in &rows {
        let request = request_from_row(row)?;
        by_visit.entry(request.visit_id).or_default().push(request);
    }
    for visit in &mut visits {
        visit.requests = by_visit.remove(&visit.id).unwrap_or_default();
    }
    Ok(visits)
}

pub(super) async fn by_id(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<VisitRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM group_visits v WHERE v.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    let visits = row
        .as_ref()
        .map(visit_from_row)
        .transpose()?
        .into_iter()
        .collect();
    Ok(with_requests(conn, visits).await?.pop())
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<VisitRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM group_visits v WHERE v.group_id = $1 \
         ORDER BY v.visited_on DESC, v.id DESC"
    )))
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let visits = rows
        .iter()
        .map(visit_from_row)
        .collect::<StoreResult<Vec<_>>>()?;
    with_requests(conn, visits).await
}

pub(super) async fn complete_follow_up(
    conn: &mut AnyConnection,
    visit_id: i64,
    done_on: &str,
    note: &str,
    by_name: &str,
) -> StoreResult<bool> {
    let result = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE group_visits SET follow_up_done_on = $2, follow_up_note = $3, \
         follow_up_done_by_name = $4, follow_up_closed_on = $2 WHERE id = $1 AND {OPEN}"
    )))
    .bind(visit_id)
    .bind(done_on)
    .bind(note)
    .bind(by_name)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn request_by_id(
    conn: &mut AnyConnection,
    id: i64,
) -> StoreResult<Option<VisitRequestRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {REQUEST_COLUMNS} FROM group_visit_requests WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(request_from_row).transpose()
}

pub(super) async fn resolve_request(
    conn: &mut AnyConnection,
    id: i64,
    resolved_on: &str,
    note: &str,
    by_name: &str,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE group_visit_requests SET resolved_on = $2, resolution_note = $3, \
         resolved_by_name = $4 WHERE id = $1 AND resolved_on IS NULL",
    )
    .bind(id)
    .bind(resolved_on)
    .bind(note)
    .bind(by_name)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(result.rows_affected() == 1)
}
