//! The queue of likely duplicates: pairs of records that resemble each other for a stated
//! reason, waiting for someone to merge or dismiss them. Detection runs again whenever a
//! record is entered, edited or imported, so queuing is idempotent: a pair already queued for
//! the same reason — in either order, whatever its status — is left alone, and a dismissed
//! pair does not come back. The unique constraint covers the pair as given; the reversed pair
//! is checked in the same statement.

use hamyar_app::access::UserId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::registry::{DuplicateFilter, DuplicateRow};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored, stored_opt};
use crate::sql::SqlBuilder;

const DUPLICATE_COLUMNS: &str = "SELECT id, woman_id, other_id, reason, status, province_id, \
     county_id, detected_at, resolved_by, resolved_at FROM duplicate_candidates";

/// `INSERT … SELECT … WHERE` (not `VALUES`) so that the reversed pair can be looked for; the
/// `WHERE` also keeps SQLite from reading `ON CONFLICT` as part of the `SELECT`.
const INSERT_DUPLICATE: &str = "INSERT INTO duplicate_candidates (woman_id, other_id, reason, \
     status, province_id, county_id, detected_at, resolved_by, resolved_at) \
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM \
     duplicate_candidates WHERE woman_id = $2 AND other_id = $1 AND reason = $3) \
     ON CONFLICT (woman_id, other_id, reason) DO NOTHING";

fn duplicate_from_row(row: &AnyRow) -> StoreResult<DuplicateRow> {
    let reader = RowReader::new(row, "duplicate_candidates");
    Ok(DuplicateRow {
        id: reader.int("id")?,
        woman_id: reader.id("woman_id")?,
        other_id: reader.id("other_id")?,
        reason: reader.text("reason")?,
        status: reader.text("status")?,
        province_id: reader.id("province_id")?,
        county_id: reader.id("county_id")?,
        detected_at: reader.timestamp("detected_at")?,
        resolved_by: reader.opt_id("resolved_by")?,
        resolved_at: reader.opt_timestamp("resolved_at")?,
    })
}

/// The row's `id` is ignored.
pub(super) async fn insert(conn: &mut AnyConnection, candidate: &DuplicateRow) -> StoreResult<()> {
    sqlx::query(INSERT_DUPLICATE)
        .bind(candidate.woman_id)
        .bind(candidate.other_id)
        .bind(candidate.reason.as_str())
        .bind(candidate.status.as_str())
        .bind(candidate.province_id)
        .bind(candidate.county_id)
        .bind(stored(candidate.detected_at))
        .bind(candidate.resolved_by)
        .bind(stored_opt(candidate.resolved_at))
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(())
}

/// Adds the filter's conditions. `woman_id` matches a pair on either side.
fn push_duplicate_filter(builder: &mut SqlBuilder, filter: &DuplicateFilter) {
    if let Some(status) = filter.status.as_deref() {
        builder.push_equals("status", status);
    }
    if let Some(province_id) = filter.province_id {
        builder.push_equals("province_id", province_id);
    }
    if let Some(county_id) = filter.county_id {
        builder.push_equals("county_id", county_id);
    }
    if let Some(woman_id) = filter.woman_id {
        let woman = builder.bind(woman_id);
        builder
            .push_condition("(woman_id = ")
            .push_placeholder(woman)
            .push(" OR other_id = ")
            .push_placeholder(woman)
            .push(")");
    }
}

/// Oldest detection first.
pub(super) async fn list(
    conn: &mut AnyConnection,
    filter: &DuplicateFilter,
) -> StoreResult<Vec<DuplicateRow>> {
    let mut builder = SqlBuilder::new(DUPLICATE_COLUMNS);
    push_duplicate_filter(&mut builder, filter);
    builder
        .push(" ORDER BY id")
        .push_page(filter.limit, filter.offset);
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(duplicate_from_row).collect()
}

pub(super) async fn by_id(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<DuplicateRow>> {
    let mut builder = SqlBuilder::new(DUPLICATE_COLUMNS);
    builder.push_equals("id", id);
    let row = builder
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(duplicate_from_row).transpose()
}

pub(super) async fn resolve(
    conn: &mut AnyConnection,
    id: i64,
    status: &str,
    by: Option<UserId>,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE duplicate_candidates SET status = $1, resolved_by = $2, resolved_at = $3 \
         WHERE id = $4",
    )
    .bind(status)
    .bind(by)
    .bind(stored(at))
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamyar_app::access::PlaceId;

    #[test]
    fn a_woman_matches_either_side_of_a_pair() {
        let filter = DuplicateFilter {
            status: Some("open".into()),
            county_id: Some(PlaceId::new(3)),
            woman_id: Some(hamyar_app::ports::registry::WomanId::new(9)),
            ..DuplicateFilter::default()
        };
        let mut builder = SqlBuilder::new("");
        push_duplicate_filter(&mut builder, &filter);
        assert_eq!(
            builder.sql(),
            " WHERE status = $1 AND county_id = $2 AND (woman_id = $3 OR other_id = $3)"
        );
    }
}
