//! The group's own row: registration, optimistic updates, lookups, and the filtered, sorted,
//! paged search and per-stage counts behind the lists of groups.
//!
//! The row carries a copy of the current stage (kept by `stages`) and of the current social
//! worker and facilitator (kept by `staff`), so that lists filter and count on indexed
//! columns instead of walking histories. `version` guards only the group's own fields: those
//! copies change without bumping it, so recording a move never invalidates an open edit form.
//! A name is matched as a prefix range on the folded key (`key >= p AND key < p ‖ U+10FFFF`,
//! byte order on both engines, as for women) so the `name_key` index serves it; the same
//! text is also tried as an exact code, since one search box takes either.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::{GroupId, GroupRecord, GroupRow, GroupSearch};
use hamyar_app::ports::{Backend, StoreResult};
use jiff::Timestamp;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use super::push_place;
use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::{PersianSorted, SqlBuilder, order_in_persian};

const GROUP_COLUMNS: &str = "SELECT id, code, name, name_key, province_id, county_id, \
     locality, supervising_unit_id, business_field, business_field_other, premises, \
     premises_address, stage, social_worker_id, facilitator_id, notes, version, created_at, \
     updated_at FROM hamyar_groups";

const INSERT_GROUP: &str = "INSERT INTO hamyar_groups (code, name, name_key, province_id, \
     county_id, locality, supervising_unit_id, business_field, business_field_other, premises, \
     premises_address, notes, stage, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id";

const UPDATE_GROUP: &str = "UPDATE hamyar_groups SET code = $1, name = $2, name_key = $3, \
     province_id = $4, county_id = $5, locality = $6, supervising_unit_id = $7, \
     business_field = $8, business_field_other = $9, premises = $10, premises_address = $11, \
     notes = $12, version = version + 1, updated_at = $13 WHERE id = $14 AND version = $15";

/// Appended to a prefix, gives the least string greater than every string with that prefix:
/// the last code point, whose UTF-8 bytes (F4 8F BF BF) sort after any other character's.
const PREFIX_END: char = '\u{10FFFF}';

fn group_from_row(row: &AnyRow) -> StoreResult<GroupRow> {
    let reader = RowReader::new(row, "hamyar_groups");
    Ok(GroupRow {
        id: reader.id("id")?,
        record: GroupRecord {
            code: reader.text("code")?,
            name: reader.text("name")?,
            name_key: reader.text("name_key")?,
            province_id: reader.id("province_id")?,
            county_id: reader.id("county_id")?,
            locality: reader.text("locality")?,
            supervising_unit_id: reader.opt_int("supervising_unit_id")?,
            business_field: reader.text("business_field")?,
            business_field_other: reader.text("business_field_other")?,
            premises: reader.text("premises")?,
            premises_address: reader.text("premises_address")?,
            notes: reader.text("notes")?,
        },
        stage: reader.code("stage")?,
        social_worker_id: reader.opt_id("social_worker_id")?,
        facilitator_id: reader.opt_id("facilitator_id")?,
        version: reader.int("version")?,
        created_at: reader.timestamp("created_at")?,
        updated_at: reader.timestamp("updated_at")?,
    })
}

/// Binds the record's own fields as `$1`…`$12`, in the order both statements name them.
fn bind_record<'q>(
    query: Query<'q, Any, AnyArguments>,
    record: &'q GroupRecord,
) -> Query<'q, Any, AnyArguments> {
    query
        .bind(record.code.as_str())
        .bind(record.name.as_str())
        .bind(record.name_key.as_str())
        .bind(record.province_id)
        .bind(record.county_id)
        .bind(record.locality.as_str())
        .bind(record.supervising_unit_id)
        .bind(record.business_field.as_str())
        .bind(record.business_field_other.as_str())
        .bind(record.premises.as_str())
        .bind(record.premises_address.as_str())
        .bind(record.notes.as_str())
}

/// Inserts the row with `stage` as its current stage; the caller appends the history row.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    record: &GroupRecord,
    stage: &str,
    at: Timestamp,
) -> StoreResult<GroupId> {
    let row = bind_record(sqlx::query(INSERT_GROUP), record)
        .bind(stage)
        .bind(stored(at))
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    RowReader::new(&row, "hamyar_groups").id("id")
}

pub(super) async fn update(
    conn: &mut AnyConnection,
    id: GroupId,
    record: &GroupRecord,
    version: i64,
    at: Timestamp,
) -> StoreResult<bool> {
    let result = bind_record(sqlx::query(UPDATE_GROUP), record)
        .bind(stored(at))
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn by_id(conn: &mut AnyConnection, id: GroupId) -> StoreResult<Option<GroupRow>> {
    let mut builder = SqlBuilder::new(GROUP_COLUMNS);
    builder.push_equals("id", id);
    let row = builder
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(group_from_row).transpose()
}

/// Adds every condition of the search except its stage.
fn push_filters(builder: &mut SqlBuilder, search: &GroupSearch) {
    push_place(builder, search.place);
    if let Some(field) = search.business_field.as_deref() {
        builder.push_equals("business_field", field);
    }
    if let Some(unit) = search.supervising_unit_id {
        builder.push_equals("supervising_unit_id", unit);
    }
    // An empty text is every group: no condition at all.
    if let Some(text) = search.text.as_deref().filter(|text| !text.is_empty()) {
        let low = builder.bind(text);
        let high = builder.bind(format!("{text}{PREFIX_END}"));
        builder
            .push_condition("((name_key >= ")
            .push_placeholder(low)
            .push(" AND name_key < ")
            .push_placeholder(high)
            .push(") OR code = ")
            .push_placeholder(low)
            .push(")");
    }
}

pub(super) async fn search(
    conn: &mut AnyConnection,
    backend: Backend,
    search: &GroupSearch,
) -> StoreResult<Vec<GroupRow>> {
    let mut builder = SqlBuilder::new(GROUP_COLUMNS);
    push_filters(&mut builder, search);
    for (index, stage) in search.stages.iter().enumerate() {
        if index == 0 {
            builder.push_condition("stage IN (");
        } else {
            builder.push(", ");
        }
        builder.push_bound(stage.as_str());
    }
    if !search.stages.is_empty() {
        builder.push(")");
    }
    // By name in Persian alphabetical order (the groups of a province are a few thousand).
    builder.push(if search.by_name {
        order_in_persian(PersianSorted::NameKey, backend)
    } else {
        " ORDER BY id DESC"
    });
    builder.push_page(search.limit, search.offset);
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(group_from_row).collect()
}

/// Per stage, in byte order of the stage codes; stages without groups are absent. Sorted
/// here rather than in SQL: `stage` has no `COLLATE "C"` on PostgreSQL, so the server's
/// locale could order codes differently from SQLite.
pub(super) async fn count_by_stage(
    conn: &mut AnyConnection,
    search: &GroupSearch,
) -> StoreResult<Vec<(String, i64)>> {
    let mut builder =
        SqlBuilder::new("SELECT stage, CAST(COUNT(*) AS BIGINT) AS group_count FROM hamyar_groups");
    push_filters(&mut builder, search);
    builder.push(" GROUP BY stage");
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut counts = rows
        .iter()
        .map(|row| {
            let reader = RowReader::new(row, "hamyar_groups");
            Ok((reader.text("stage")?, reader.int("group_count")?))
        })
        .collect::<StoreResult<Vec<(String, i64)>>>()?;
    counts.sort_unstable();
    Ok(counts)
}

/// One more than the province's groups, as the port asks: the number an automatic code
/// would carry next. A code is still checked by the unique constraint when it is used.
pub(super) async fn next_number_in_province(
    conn: &mut AnyConnection,
    province_id: PlaceId,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) + 1 AS BIGINT) FROM hamyar_groups WHERE province_id = $1",
    )
    .bind(province_id)
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}
