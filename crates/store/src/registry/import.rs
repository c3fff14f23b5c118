//! Loading imported women in bulk: each batch of records with its first coverage episode,
//! and, once a whole import is in, the likely duplicates it brought.
//!
//! A batch travels as ONE bound value, a JSON array of rows, which the database unpacks
//! (`json_each` on SQLite, `json_array_elements` on PostgreSQL). Binding twenty values per
//! row through sqlx's `Any` driver cost more than SQLite's own work: every value was copied
//! into the driver's argument list, converted, copied again into the statement and freed.
//!
//! The batch's episodes are written by the database from the rows it has just inserted, so no
//! id travels back to the application. On SQLite the import holds the only write lock, so the
//! new rows are exactly those with an id above the largest before the insert (ids only grow:
//! `AUTOINCREMENT`). PostgreSQL does it in one statement whose data-modifying CTE returns the
//! new ids to the episode insert; concurrent registrations may take ids inside the returned
//! range, which is therefore reported as a range, not as a list.
//!
//! Likely duplicates (same folded name and birth date, same mobile) are queued for the whole
//! import in two set-based statements after the indexes are back. Each new record is paired
//! with the earliest older live record that matches it, so a mobile shared by a thousand rows
//! queues a thousand pairs around one record rather than half a million.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::{FirstEpisode, ImportedIds, WomanId, WomanRecord};
use hamyar_app::ports::{Backend, StoreResult};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::{AnyConnection, Connection};

use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored};

/// The columns the JSON rows fill, in their order; `coverage_status`, `created_at` and
/// `updated_at` follow, bound once per batch.
const WOMEN_COLUMNS: &str = "national_id, first_name, last_name, father_name, name_key, \
     name_key_reversed, birth_date, mobile, province_id, county_id, locality, settlement, \
     address, education, skills, sheba, headship_cause, income_decile, notes, social_worker_id, \
     coverage_status, created_at, updated_at";

/// Unpacks row `value` of the JSON array into [`WOMEN_COLUMNS`] on SQLite; `$2` is the status
/// and `$3` the instant. A row is four arrays of five values ([`JsonRow`]): reaching an
/// element means stepping over the ones before it, so nesting takes 70 steps a row where a
/// flat array of twenty took 190, and those steps were a third of SQLite's work in an
/// import. `->>` yields SQL text or NULL; the four integer columns are cast, which the
/// column affinity would do anyway.
const SQLITE_WOMEN_VALUES: &str = "value ->> '$[0][0]', value ->> '$[0][1]', \
     value ->> '$[0][2]', value ->> '$[0][3]', value ->> '$[0][4]', value ->> '$[1][0]', \
     value ->> '$[1][1]', value ->> '$[1][2]', CAST(value ->> '$[1][3]' AS BIGINT), \
     CAST(value ->> '$[1][4]' AS BIGINT), value ->> '$[2][0]', value ->> '$[2][1]', \
     value ->> '$[2][2]', value ->> '$[2][3]', value ->> '$[2][4]', value ->> '$[3][0]', \
     value ->> '$[3][1]', CAST(value ->> '$[3][2]' AS BIGINT), value ->> '$[3][3]', \
     CAST(value ->> '$[3][4]' AS BIGINT), $2, $3, $3";

/// The same on PostgreSQL, whose path operator is `#>>` (casts are required there).
const POSTGRES_WOMEN_VALUES: &str = "value #>> '{0,0}', value #>> '{0,1}', \
     value #>> '{0,2}', value #>> '{0,3}', value #>> '{0,4}', value #>> '{1,0}', \
     value #>> '{1,1}', value #>> '{1,2}', CAST(value #>> '{1,3}' AS BIGINT), \
     CAST(value #>> '{1,4}' AS BIGINT), value #>> '{2,0}', value #>> '{2,1}', \
     value #>> '{2,2}', value #>> '{2,3}', value #>> '{2,4}', value #>> '{3,0}', \
     value #>> '{3,1}', CAST(value #>> '{3,2}' AS BIGINT), value #>> '{3,3}', \
     CAST(value #>> '{3,4}' AS BIGINT), $2, $3, $3";

const EPISODE_COLUMNS: &str = "woman_id, status, exit_reason, started_on, decided_by, \
     decided_by_name, reason, recorded_at";

/// Five consecutive values of a row.
type Five<A, B, C, D, E> = (A, B, C, D, E);

/// One row of the JSON array: [`WOMEN_COLUMNS`] in order, as four arrays of five values (a
/// tuple serializes as an array; see [`SQLITE_WOMEN_VALUES`] for why nested).
#[derive(Serialize)]
struct JsonRow<'a>(
    Five<&'a str, &'a str, &'a str, Option<&'a str>, &'a str>,
    Five<&'a str, &'a str, Option<&'a str>, PlaceId, PlaceId>,
    Five<&'a str, &'a str, &'a str, Option<&'a str>, &'a str>,
    Five<Option<&'a str>, &'a str, Option<i64>, &'a str, Option<i64>>,
);

impl<'a> From<&'a WomanRecord> for JsonRow<'a> {
    fn from(r: &'a WomanRecord) -> Self {
        JsonRow(
            (
                &r.national_id,
                &r.first_name,
                &r.last_name,
                r.father_name.as_deref(),
                &r.name_key,
            ),
            (
                &r.name_key_reversed,
                &r.birth_date,
                r.mobile.as_deref(),
                r.province_id,
                r.county_id,
            ),
            (
                &r.locality,
                &r.settlement,
                &r.address,
                r.education.as_deref(),
                &r.skills,
            ),
            (
                r.sheba.as_deref(),
                &r.headship_cause,
                r.income_decile,
                &r.notes,
                r.social_worker_id.map(i64::from),
            ),
        )
    }
}

fn rows_json(records: &[WomanRecord]) -> StoreResult<String> {
    let rows: Vec<JsonRow<'_>> = records.iter().map(JsonRow::from).collect();
    serde_json::to_string(&rows).map_err(|e| corrupt("women", format!("batch encoding: {e}")))
}

/// Inserts `records` and one first episode each; all or nothing (a savepoint).
pub(super) async fn import_women(
    conn: &mut AnyConnection,
    backend: Backend,
    records: &[WomanRecord],
    first: &FirstEpisode,
) -> StoreResult<ImportedIds> {
    if records.is_empty() {
        return Ok(ImportedIds::default());
    }
    let rows = rows_json(records)?;
    let mut savepoint = conn.begin().await.map_err(store_error)?;
    let result = match backend {
        Backend::Sqlite => import_on_sqlite(&mut savepoint, &rows, first).await,
        Backend::Postgres => import_on_postgres(&mut savepoint, &rows, first).await,
    };
    match result {
        Ok(ids) if ids.count == records.len() as u64 => {
            savepoint.commit().await.map_err(store_error)?;
            Ok(ids)
        }
        outcome => {
            if let Err(rollback) = savepoint.rollback().await {
                tracing::warn!(error = %rollback, "could not roll back a failed batch");
            }
            outcome.and(Err(corrupt(
                "women",
                "an imported batch was not written whole",
            )))
        }
    }
}

fn ids_from(row: &sqlx::any::AnyRow) -> StoreResult<ImportedIds> {
    let reader = RowReader::new(row, "women");
    let count = reader.int("count")?;
    Ok(ImportedIds {
        first: reader.opt_id("first_id")?.unwrap_or_default(),
        last: reader.opt_id("last_id")?.unwrap_or_default(),
        count: u64::try_from(count).map_err(|_| corrupt("women", "negative count"))?,
    })
}

/// `jsonb_each` walks the array from its first element, so ids follow the file's order (the
/// contract tests check it); an `ORDER BY key` would add a sort of every batch.
async fn import_on_sqlite(
    conn: &mut AnyConnection,
    rows: &str,
    first: &FirstEpisode,
) -> StoreResult<ImportedIds> {
    let at = stored(first.at);
    let before: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM women")
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    let insert = format!(
        "INSERT INTO women ({WOMEN_COLUMNS}) SELECT {SQLITE_WOMEN_VALUES} FROM jsonb_each($1)"
    );
    sqlx::query(sqlx::AssertSqlSafe(insert))
        .bind(rows)
        .bind(first.status.code())
        .bind(at.as_str())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    let episodes = format!(
        "INSERT INTO coverage_episodes ({EPISODE_COLUMNS}) SELECT id, $1, NULL, $2, $3, $4, \
         $5, $6 FROM women WHERE id > $7 ORDER BY id"
    );
    sqlx::query(sqlx::AssertSqlSafe(episodes))
        .bind(first.status.code())
        .bind(first.started_on.to_iso_string())
        .bind(first.decided_by)
        .bind(first.decided_by_name.as_str())
        .bind(first.reason.as_str())
        .bind(at.as_str())
        .bind(before)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    let row = sqlx::query(
        "SELECT MIN(id) AS first_id, MAX(id) AS last_id, CAST(COUNT(*) AS BIGINT) AS count \
         FROM women WHERE id > $1",
    )
    .bind(before)
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    ids_from(&row)
}

async fn import_on_postgres(
    conn: &mut AnyConnection,
    rows: &str,
    first: &FirstEpisode,
) -> StoreResult<ImportedIds> {
    let statement = format!(
        "WITH new_women AS (INSERT INTO women ({WOMEN_COLUMNS}) SELECT {POSTGRES_WOMEN_VALUES} FROM \
         json_array_elements(CAST($1 AS json)) WITH ORDINALITY AS batch(value, position) \
         ORDER BY position RETURNING id), \
         new_episodes AS (INSERT INTO coverage_episodes ({EPISODE_COLUMNS}) SELECT id, $2, \
         NULL, $4, $5, $6, $7, $3 FROM new_women ORDER BY id) \
         SELECT MIN(id) AS first_id, MAX(id) AS last_id, COUNT(*) AS count FROM new_women"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(statement))
        .bind(rows)
        .bind(first.status.code())
        .bind(stored(first.at))
        .bind(first.started_on.to_iso_string())
        .bind(first.decided_by)
        .bind(first.decided_by_name.as_str())
        .bind(first.reason.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    ids_from(&row)
}

/// How the records alike are found: from each new record (a seek per record: right when the
/// import is small beside the table) or from the groups of alike records found by one ordered
/// pass over an index (right when the import is a large part of the table: a million seeks
/// took 4.5 s where the pass and the few seeks from its groups took 1.1 s). Both give the
/// same pairs: a record with an older match belongs to a group of two or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    PerRecord,
    FromGroups,
}

/// An import spanning at least this share of the table's ids (1/n) is matched from groups.
const GROUPS_WHEN_SHARE_AT_LEAST: i64 = 4;

/// The new records to match: all in the id range, or only those in a group of alike records.
fn candidates(strategy: Strategy, alike: &str, group_key: &str) -> String {
    match strategy {
        Strategy::PerRecord => "FROM women n WHERE n.id >= $3 AND n.id <= $4".to_owned(),
        Strategy::FromGroups => format!(
            "FROM (SELECT {group_key} FROM women WHERE {group_key_present} GROUP BY {group_key} \
             HAVING COUNT(*) > 1) g JOIN women n ON {alike} \
             WHERE n.id >= $3 AND n.id <= $4",
            group_key_present = group_key
                .split(", ")
                .map(|column| format!("{column} IS NOT NULL"))
                .collect::<Vec<_>>()
                .join(" AND "),
        ),
    }
}

/// Queues, for every live record with an id in `ids`, the earliest older live record with the
/// same folded name and birth date, and the earliest older one with the same mobile (older:
/// so that two imported rows alike are queued once, the later against the earlier). Returns
/// how many pairs were queued (pairs already queued are left alone).
pub(super) async fn queue_likely_duplicates(
    conn: &mut AnyConnection,
    ids: (WomanId, WomanId),
    at: Timestamp,
) -> StoreResult<u64> {
    let highest: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM women")
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    let strategy = if (ids.1.get() - ids.0.get() + 1) * GROUPS_WHEN_SHARE_AT_LEAST >= highest {
        Strategy::FromGroups
    } else {
        Strategy::PerRecord
    };
    queue_with(conn, strategy, ids, at).await
}

async fn queue_with(
    conn: &mut AnyConnection,
    strategy: Strategy,
    ids: (WomanId, WomanId),
    at: Timestamp,
) -> StoreResult<u64> {
    // (reason, how an older record o resembles n, and the same for a group g)
    let matches = [
        (
            "same_name_birth",
            "o.name_key = n.name_key AND o.birth_date = n.birth_date",
            "n.name_key = g.name_key AND n.birth_date = g.birth_date",
            "name_key, birth_date",
        ),
        (
            "same_mobile",
            "o.mobile = n.mobile",
            "n.mobile = g.mobile",
            "mobile",
        ),
    ];
    let mut queued = 0;
    for (reason, older, alike, group_key) in matches {
        // The fragments are the constants above; every value is bound.
        let statement = format!(
            "INSERT INTO duplicate_candidates (woman_id, other_id, reason, status, \
             province_id, county_id, detected_at, resolved_by, resolved_at) \
             SELECT woman_id, other_id, $1, 'open', province_id, county_id, $2, NULL, NULL \
             FROM (SELECT n.id AS woman_id, n.province_id, n.county_id, \
             (SELECT MIN(o.id) FROM women o WHERE {older} AND o.id < n.id \
             AND o.merged_into IS NULL) AS other_id \
             {candidates} AND n.merged_into IS NULL) found \
             WHERE other_id IS NOT NULL \
             ON CONFLICT (woman_id, other_id, reason) DO NOTHING",
            candidates = candidates(strategy, alike, group_key),
        );
        let result = sqlx::query(sqlx::AssertSqlSafe(statement))
            .bind(reason)
            .bind(stored(at))
            .bind(ids.0)
            .bind(ids.1)
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
        queued += result.rows_affected();
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_from_groups_reads_only_groups_of_two_or_more() {
        let sql = candidates(Strategy::FromGroups, "n.mobile = g.mobile", "mobile");
        assert_eq!(
            sql,
            "FROM (SELECT mobile FROM women WHERE mobile IS NOT NULL GROUP BY mobile \
             HAVING COUNT(*) > 1) g JOIN women n ON n.mobile = g.mobile \
             WHERE n.id >= $3 AND n.id <= $4"
        );
    }
}
