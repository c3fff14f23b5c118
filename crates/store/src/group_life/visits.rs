//! Monitoring visits with their requests; completing a follow-up and resolving a request
//! change only rows still open (`… IS NULL` in the `WHERE`), so a second submission changes
//! nothing and says so. The office's lists — follow-ups owed by a date, and each group's
//! latest visit — join `hamyar_groups` for the place filter.

use futures_util::TryStreamExt;
use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{LastVisit, OwedVisit, VisitRequestRow, VisitRow};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::facts::{FACT_COLUMNS, facts_from_row, place_conditions};
use crate::error::store_error;
use crate::rows::{RowReader, stored};

const COLUMNS: &str = "v.id, v.group_id, v.visited_on, v.visitor_id, v.visitor_name, v.purpose, \
     v.findings, v.referrals, v.referral_other, v.follow_up_due, v.follow_up_done_on, \
     v.follow_up_note, v.recorded_by, v.recorded_by_name, v.recorded_at";

const REQUEST_COLUMNS: &str =
    "id, visit_id, group_id, request, resolved_on, resolution_note, resolved_by_name";

fn visit_from_row(row: &AnyRow) -> StoreResult<VisitRow> {
    let reader = RowReader::new(row, "group_visits");
    Ok(VisitRow {
        id: reader.int("id")?,
        group_id: reader.int("group_id")?,
        visited_on: reader.text("visited_on")?,
        visitor_id: reader.opt_int("visitor_id")?,
        visitor_name: reader.text("visitor_name")?,
        purpose: reader.text("purpose")?,
        findings: reader.text("findings")?,
        referrals: reader.text("referrals")?,
        referral_other: reader.text("referral_other")?,
        follow_up_due: reader.opt_text("follow_up_due")?,
        follow_up_done_on: reader.opt_text("follow_up_done_on")?,
        follow_up_note: reader.text("follow_up_note")?,
        requests: Vec::new(),
        recorded_by: reader.opt_int("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

fn request_from_row(row: &AnyRow) -> StoreResult<VisitRequestRow> {
    let reader = RowReader::new(row, "group_visit_requests");
    Ok(VisitRequestRow {
        id: reader.int("id")?,
        visit_id: reader.int("visit_id")?,
        group_id: reader.int("group_id")?,
        request: reader.text("request")?,
        resolved_on: reader.opt_text("resolved_on")?,
        resolution_note: reader.text("resolution_note")?,
        resolved_by_name: reader.text("resolved_by_name")?,
    })
}

pub(super) async fn insert(conn: &mut AnyConnection, row: &VisitRow) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO group_visits (group_id, visited_on, visitor_id, visitor_name, purpose, \
         findings, referrals, referral_other, follow_up_due, follow_up_done_on, follow_up_note, \
         recorded_by, recorded_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(row.group_id)
    .bind(row.visited_on.as_str())
    .bind(row.visitor_id)
    .bind(row.visitor_name.as_str())
    .bind(row.purpose.as_str())
    .bind(row.findings.as_str())
    .bind(row.referrals.as_str())
    .bind(row.referral_other.as_str())
    .bind(row.follow_up_due.as_deref())
    .bind(row.follow_up_done_on.as_deref())
    .bind(row.follow_up_note.as_str())
    .bind(row.recorded_by)
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    for request in &row.requests {
        sqlx::query(
            "INSERT INTO group_visit_requests (visit_id, group_id, request, resolved_on, \
             resolution_note, resolved_by_name) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(row.group_id)
        .bind(request.request.as_str())
        .bind(request.resolved_on.as_deref())
        .bind(request.resolution_note.as_str())
        .bind(request.resolved_by_name.as_str())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(id)
}

/// Attaches each visit's requests, in the order raised.
async fn with_requests(
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
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE group_visits SET follow_up_done_on = $2, follow_up_note = $3 \
         WHERE id = $1 AND follow_up_done_on IS NULL",
    )
    .bind(visit_id)
    .bind(done_on)
    .bind(note)
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

pub(super) async fn owed(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    until: &str,
) -> StoreResult<Vec<OwedVisit>> {
    let (conditions, values) = place_conditions(place, 2);
    let sql = format!(
        "SELECT {COLUMNS}, {FACT_COLUMNS} FROM group_visits v \
         JOIN hamyar_groups g ON g.id = v.group_id \
         WHERE v.follow_up_done_on IS NULL AND v.follow_up_due IS NOT NULL \
         AND v.follow_up_due <= $1{conditions} \
         ORDER BY v.follow_up_due, g.county_id, v.id"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(until);
    for value in values {
        query = query.bind(value);
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(store_error)?;
    let mut visits = Vec::with_capacity(rows.len());
    let mut groups = Vec::with_capacity(rows.len());
    for row in &rows {
        visits.push(visit_from_row(row)?);
        groups.push(facts_from_row(row)?);
    }
    let visits = with_requests(conn, visits).await?;
    Ok(visits
        .into_iter()
        .zip(groups)
        .map(|(visit, group)| OwedVisit { visit, group })
        .collect())
}

pub(super) async fn last_visits(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    stages_left_out: &[&str],
) -> StoreResult<Vec<LastVisit>> {
    let stage_placeholders: Vec<String> = (1..=stages_left_out.len())
        .map(|n| format!("${n}"))
        .collect();
    let stage_condition = if stage_placeholders.is_empty() {
        String::new()
    } else {
        format!(" AND g.stage NOT IN ({})", stage_placeholders.join(", "))
    };
    let (conditions, values) = place_conditions(place, stages_left_out.len() + 1);
    let sql = format!(
        "SELECT {FACT_COLUMNS}, (SELECT MAX(v.visited_on) FROM group_visits v \
         WHERE v.group_id = g.id) AS last_visited_on \
         FROM hamyar_groups g WHERE 1 = 1{stage_condition}{conditions} \
         ORDER BY g.county_id, g.code"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for stage in stages_left_out {
        query = query.bind(*stage);
    }
    for value in values {
        query = query.bind(value);
    }
    // Streamed: a country holds tens of thousands of groups, and a whole result set of raw
    // rows next to the converted ones doubled what one request held.
    let mut rows = query.fetch(&mut *conn);
    let mut visits = Vec::new();
    while let Some(row) = rows.try_next().await.map_err(store_error)? {
        visits.push(LastVisit {
            group: facts_from_row(&row)?,
            last_visited_on: row
                .try_get::<Option<String>, _>("last_visited_on")
                .map_err(|e| crate::error::corrupt("group_visits", e.to_string()))?,
        });
    }
    Ok(visits)
}
