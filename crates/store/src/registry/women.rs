//! Women's records: registration one at a time and in bulk (imports), optimistic updates,
//! lookups, and the filtered, sorted, paged search behind every list of women.
//!
//! Imports insert many rows per statement (`INSERT … VALUES (…), (…), … RETURNING`, with
//! SQLite's anonymous placeholders: see `crate::sql`), in chunks below both engines' limits
//! on bound parameters, inside a savepoint: a failed batch is undone as a whole and, on both
//! engines alike, leaves the surrounding transaction as it was before the batch. SQL does not
//! promise that `RETURNING` lists rows in `VALUES` order, so each chunk returns `national_id`
//! beside `id` and the ids are put back in input order by national ID, which is unique.
//!
//! A name prefix is matched as a range on the folded keys (`key >= p AND key < p ‖ U+10FFFF`)
//! rather than with `LIKE`, so that the key indexes serve it on both engines (PostgreSQL keys
//! are `COLLATE "C"`, so the range is a byte range there as on SQLite). `version` guards the
//! record's own fields and its being a live record: `update_woman` and `set_merged_into`
//! increment it; the coverage status and household size, which only mirror other tables for
//! filtering, do not, so recording a decision never invalidates an open edit form.

use std::collections::HashMap;

use hamyar_app::ports::registry::{WomanId, WomanRecord, WomanRow, WomanSearch, WomanSort};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::persian_order;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Connection};

use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored};
use crate::sql::{Placeholder, SqlBuilder};

const WOMAN_COLUMNS: &str = "SELECT id, national_id, first_name, last_name, father_name, \
     name_key, name_key_reversed, birth_date, mobile, province_id, county_id, locality, \
     settlement, address, education, skills, sheba, headship_cause, income_decile, notes, \
     social_worker_id, coverage_status, household_size, merged_into, version, created_at, \
     updated_at FROM women";

/// The columns an insert writes; `household_size`, `merged_into` and `version` take their
/// defaults. Each row's values are pushed by [`push_record_values`] in this order.
const INSERT_WOMEN: &str = "INSERT INTO women (national_id, first_name, last_name, \
     father_name, name_key, name_key_reversed, birth_date, mobile, province_id, county_id, \
     locality, settlement, address, education, skills, sheba, headship_cause, income_decile, \
     notes, social_worker_id, coverage_status, created_at, updated_at) VALUES ";

/// Values bound per inserted row; the status and the instant are bound once per statement.
const VALUES_PER_ROW: usize = 21;

/// Rows per multi-row insert: 1,000 × 21 + 2 = 21,002 bound values, below SQLite's 32,766
/// and PostgreSQL's 65,535. Fewer, larger statements measured faster: each statement copies
/// the pages it changes to SQLite's statement journal.
const ROWS_PER_INSERT: usize = 1_000;

/// Appended to a prefix, gives the least string greater than every string with that prefix:
/// the last code point, whose UTF-8 bytes (F4 8F BF BF) sort after any other character's.
const PREFIX_END: char = '\u{10FFFF}';

const UPDATE_WOMAN: &str = "UPDATE women SET national_id = $1, first_name = $2, \
     last_name = $3, father_name = $4, name_key = $5, name_key_reversed = $6, \
     birth_date = $7, mobile = $8, province_id = $9, county_id = $10, locality = $11, \
     settlement = $12, address = $13, education = $14, skills = $15, sheba = $16, \
     headship_cause = $17, income_decile = $18, notes = $19, social_worker_id = $20, \
     version = version + 1, updated_at = $21 WHERE id = $22 AND version = $23";

fn woman_from_row(row: &AnyRow) -> StoreResult<WomanRow> {
    let reader = RowReader::new(row, "women");
    Ok(WomanRow {
        id: reader.id("id")?,
        record: WomanRecord {
            national_id: reader.text("national_id")?,
            first_name: reader.text("first_name")?,
            last_name: reader.text("last_name")?,
            father_name: reader.opt_text("father_name")?,
            birth_date: reader.text("birth_date")?,
            mobile: reader.opt_text("mobile")?,
            province_id: reader.id("province_id")?,
            county_id: reader.id("county_id")?,
            locality: reader.text("locality")?,
            settlement: reader.text("settlement")?,
            address: reader.text("address")?,
            education: reader.opt_text("education")?,
            skills: reader.text("skills")?,
            sheba: reader.opt_text("sheba")?,
            headship_cause: reader.text("headship_cause")?,
            income_decile: reader.opt_int("income_decile")?,
            notes: reader.text("notes")?,
            social_worker_id: reader.opt_id("social_worker_id")?,
            name_key: reader.text("name_key")?,
            name_key_reversed: reader.text("name_key_reversed")?,
        },
        coverage_status: reader.text("coverage_status")?,
        household_size: reader.int("household_size")?,
        merged_into: reader.opt_id("merged_into")?,
        version: reader.int("version")?,
        created_at: reader.timestamp("created_at")?,
        updated_at: reader.timestamp("updated_at")?,
    })
}

/// Writes one `(…)` row of [`INSERT_WOMEN`].
fn push_record_values(
    builder: &mut SqlBuilder,
    record: &WomanRecord,
    status: Placeholder,
    at: Placeholder,
) {
    builder.push("(").push_bound(record.national_id.as_str());
    builder.push(", ").push_bound(record.first_name.as_str());
    builder.push(", ").push_bound(record.last_name.as_str());
    builder.push(", ").push_bound(record.father_name.as_deref());
    builder.push(", ").push_bound(record.name_key.as_str());
    builder
        .push(", ")
        .push_bound(record.name_key_reversed.as_str());
    builder.push(", ").push_bound(record.birth_date.as_str());
    builder.push(", ").push_bound(record.mobile.as_deref());
    builder.push(", ").push_bound(record.province_id);
    builder.push(", ").push_bound(record.county_id);
    builder.push(", ").push_bound(record.locality.as_str());
    builder.push(", ").push_bound(record.settlement.as_str());
    builder.push(", ").push_bound(record.address.as_str());
    builder.push(", ").push_bound(record.education.as_deref());
    builder.push(", ").push_bound(record.skills.as_str());
    builder.push(", ").push_bound(record.sheba.as_deref());
    builder
        .push(", ")
        .push_bound(record.headship_cause.as_str());
    builder.push(", ").push_bound(record.income_decile);
    builder.push(", ").push_bound(record.notes.as_str());
    builder.push(", ").push_bound(record.social_worker_id);
    builder.push(", ").push_placeholder(status);
    builder.push(", ").push_placeholder(at);
    builder.push(", ").push_placeholder(at).push(")");
}

/// One multi-row insert of `records`, returning `id` and `national_id` of each new row.
fn insert_statement(
    backend: Backend,
    records: &[WomanRecord],
    status: &str,
    at: Timestamp,
) -> SqlBuilder {
    let values = records.len() * VALUES_PER_ROW + 2;
    let mut builder = SqlBuilder::bulk(INSERT_WOMEN, backend, values);
    let status = builder.bind(status);
    let at = builder.bind(stored(at));
    for (index, record) in records.iter().enumerate() {
        if index > 0 {
            builder.push(", ");
        }
        push_record_values(&mut builder, record, status, at);
    }
    builder.push(" RETURNING id, national_id");
    builder
}

/// The new ids of `records` in their order, from the rows `RETURNING id, national_id` gave.
fn ids_in_input_order(records: &[WomanRecord], rows: &[AnyRow]) -> StoreResult<Vec<WomanId>> {
    let mut ids_by_national_id = HashMap::with_capacity(rows.len());
    for row in rows {
        let reader = RowReader::new(row, "women");
        ids_by_national_id.insert(reader.text("national_id")?, reader.id("id")?);
    }
    records
        .iter()
        .map(|record| {
            ids_by_national_id
                .get(&record.national_id)
                .copied()
                .ok_or_else(|| corrupt("women", "an inserted row was not returned"))
        })
        .collect()
}

/// Inserts the records chunk by chunk and returns their ids in input order.
async fn insert_chunks(
    conn: &mut AnyConnection,
    backend: Backend,
    records: &[WomanRecord],
    status: &str,
    at: Timestamp,
) -> StoreResult<Vec<WomanId>> {
    let mut ids = Vec::with_capacity(records.len());
    for chunk in records.chunks(ROWS_PER_INSERT) {
        let rows = insert_statement(backend, chunk, status, at)
            .build()
            .fetch_all(&mut *conn)
            .await
            .map_err(store_error)?;
        ids.extend(ids_in_input_order(chunk, &rows)?);
    }
    Ok(ids)
}

pub(super) async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    record: &WomanRecord,
    status: &str,
    at: Timestamp,
) -> StoreResult<WomanId> {
    let ids = insert_chunks(conn, backend, std::slice::from_ref(record), status, at).await?;
    ids.first()
        .copied()
        .ok_or_else(|| corrupt("women", "the inserted row was not returned"))
}

pub(super) async fn insert_batch(
    conn: &mut AnyConnection,
    backend: Backend,
    records: &[WomanRecord],
    status: &str,
    at: Timestamp,
) -> StoreResult<Vec<WomanId>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let mut savepoint = conn.begin().await.map_err(store_error)?;
    match insert_chunks(&mut savepoint, backend, records, status, at).await {
        Ok(ids) => {
            savepoint.commit().await.map_err(store_error)?;
            Ok(ids)
        }
        Err(error) => {
            // Undo the chunks already inserted; the caller learns of the first failure.
            if let Err(rollback) = savepoint.rollback().await {
                tracing::warn!(error = %rollback, "could not roll back a failed batch");
            }
            Err(error)
        }
    }
}

pub(super) async fn update(
    conn: &mut AnyConnection,
    id: WomanId,
    record: &WomanRecord,
    expected_version: i64,
    at: Timestamp,
) -> StoreResult<bool> {
    let result = sqlx::query(UPDATE_WOMAN)
        .bind(record.national_id.as_str())
        .bind(record.first_name.as_str())
        .bind(record.last_name.as_str())
        .bind(record.father_name.as_deref())
        .bind(record.name_key.as_str())
        .bind(record.name_key_reversed.as_str())
        .bind(record.birth_date.as_str())
        .bind(record.mobile.as_deref())
        .bind(record.province_id)
        .bind(record.county_id)
        .bind(record.locality.as_str())
        .bind(record.settlement.as_str())
        .bind(record.address.as_str())
        .bind(record.education.as_deref())
        .bind(record.skills.as_str())
        .bind(record.sheba.as_deref())
        .bind(record.headship_cause.as_str())
        .bind(record.income_decile)
        .bind(record.notes.as_str())
        .bind(record.social_worker_id)
        .bind(stored(at))
        .bind(id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(result.rows_affected() == 1)
}

async fn fetch_one_woman(
    conn: &mut AnyConnection,
    builder: SqlBuilder,
) -> StoreResult<Option<WomanRow>> {
    let row = builder
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(woman_from_row).transpose()
}

pub(super) async fn by_id(conn: &mut AnyConnection, id: WomanId) -> StoreResult<Option<WomanRow>> {
    let mut builder = SqlBuilder::new(WOMAN_COLUMNS);
    builder.push_equals("id", id);
    fetch_one_woman(conn, builder).await
}

pub(super) async fn by_national_id(
    conn: &mut AnyConnection,
    national_id: &str,
) -> StoreResult<Option<WomanRow>> {
    let mut builder = SqlBuilder::new(WOMAN_COLUMNS);
    builder.push_equals("national_id", national_id);
    fetch_one_woman(conn, builder).await
}

/// Merged records count as registered: they keep their national ID, which stays unique.
/// The answer is sorted (byte order) and holds each ID once. The IDs travel as one JSON
/// array, unpacked by the database: an import asks about every row it writes, and binding a
/// thousand values one by one through sqlx's `Any` driver cost more than the lookups.
pub(super) async fn registered_national_ids(
    conn: &mut AnyConnection,
    backend: Backend,
    national_ids: &[String],
) -> StoreResult<Vec<String>> {
    if national_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(national_ids)
        .map_err(|e| corrupt("women", format!("national ID list encoding: {e}")))?;
    let statement = match backend {
        Backend::Sqlite => {
            "SELECT national_id FROM women WHERE national_id IN (SELECT value FROM json_each($1))"
        }
        Backend::Postgres => {
            "SELECT national_id FROM women \
             WHERE national_id IN (SELECT json_array_elements_text(CAST($1 AS json)))"
        }
    };
    let rows = sqlx::query(statement)
        .bind(ids)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut registered = rows
        .iter()
        .map(|row| RowReader::new(row, "women").text("national_id"))
        .collect::<StoreResult<Vec<String>>>()?;
    registered.sort_unstable();
    registered.dedup();
    Ok(registered)
}

/// Adds the search's conditions, order and page to a query on `women`.
fn push_search(builder: &mut SqlBuilder, search: &WomanSearch) {
    builder.push_condition("merged_into IS NULL");
    if let Some(province_id) = search.province_id {
        builder.push_equals("province_id", province_id);
    }
    if let Some(county_id) = search.county_id {
        builder.push_equals("county_id", county_id);
    }
    if let Some(national_id) = search.national_id.as_deref() {
        builder.push_equals("national_id", national_id);
    }
    if let Some(mobile) = search.mobile.as_deref() {
        builder.push_equals("mobile", mobile);
    }
    // An empty prefix is every name: no condition at all.
    if let Some(prefix) = search.name_prefix.as_deref().filter(|p| !p.is_empty()) {
        // The reversed key is spelled in Persian order (`persian_order`), so its bounds are
        // the prefix spelled the same way.
        let ordered = persian_order(prefix);
        let low = builder.bind(prefix);
        let high = builder.bind(format!("{prefix}{PREFIX_END}"));
        let ordered_low = builder.bind(ordered.as_str());
        let ordered_high = builder.bind(format!("{ordered}{PREFIX_END}"));
        builder
            .push_condition("((name_key >= ")
            .push_placeholder(low)
            .push(" AND name_key < ")
            .push_placeholder(high)
            .push(") OR (name_key_reversed >= ")
            .push_placeholder(ordered_low)
            .push(" AND name_key_reversed < ")
            .push_placeholder(ordered_high)
            .push("))");
    }
    if let Some(cause) = search.headship_cause.as_deref() {
        builder.push_equals("headship_cause", cause);
    }
    if let Some(status) = search.coverage_status.as_deref() {
        builder.push_equals("coverage_status", status);
    }
    if let Some(group_id) = search.group_id {
        builder
            .push_condition(
                "id IN (SELECT m.woman_id FROM group_members AS m WHERE m.left_on IS NULL \
                 AND m.group_id = ",
            )
            .push_bound(group_id)
            .push(")");
    }
    builder.push(match search.sort {
        WomanSort::Name => " ORDER BY name_key_reversed, id",
        WomanSort::Newest => " ORDER BY id DESC",
        WomanSort::BirthDate => " ORDER BY birth_date, id",
    });
    builder.push_page(search.limit, search.offset);
}

pub(super) async fn search(
    conn: &mut AnyConnection,
    search: &WomanSearch,
) -> StoreResult<Vec<WomanRow>> {
    let mut builder = SqlBuilder::new(WOMAN_COLUMNS);
    push_search(&mut builder, search);
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(woman_from_row).collect()
}

async fn fetch_ids(conn: &mut AnyConnection, builder: SqlBuilder) -> StoreResult<Vec<WomanId>> {
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| RowReader::new(row, "women").id("id"))
        .collect()
}

pub(super) async fn by_name_and_birth(
    conn: &mut AnyConnection,
    name_key: &str,
    birth_date: &str,
) -> StoreResult<Vec<WomanId>> {
    let mut builder = SqlBuilder::new("SELECT id FROM women");
    builder
        .push_equals("name_key", name_key)
        .push_equals("birth_date", birth_date)
        .push_condition("merged_into IS NULL")
        .push(" ORDER BY id");
    fetch_ids(conn, builder).await
}

/// Like [`by_name_and_birth`], leaves out records merged away: they are not candidates for
/// anything any more.
pub(super) async fn by_mobile(conn: &mut AnyConnection, mobile: &str) -> StoreResult<Vec<WomanId>> {
    let mut builder = SqlBuilder::new("SELECT id FROM women");
    builder
        .push_equals("mobile", mobile)
        .push_condition("merged_into IS NULL")
        .push(" ORDER BY id");
    fetch_ids(conn, builder).await
}

pub(super) async fn set_coverage_status(
    conn: &mut AnyConnection,
    id: WomanId,
    status: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query("UPDATE women SET coverage_status = $1, updated_at = $2 WHERE id = $3")
        .bind(status)
        .bind(stored(at))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(())
}

pub(super) async fn set_merged_into(
    conn: &mut AnyConnection,
    id: WomanId,
    survivor: WomanId,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE women SET merged_into = $1, version = version + 1, updated_at = $2 WHERE id = $3",
    )
    .bind(survivor)
    .bind(stored(at))
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use hamyar_app::access::PlaceId;
    use sqlx::Row;

    use super::*;
    use crate::testing::TestDatabase;

    /// Gives SQLite's planner the statistics `ANALYZE` measured over a million women in six
    /// counties (an empty table would make any plan look cheap), then reloads them.
    async fn assume_a_million_women(connection: &mut AnyConnection) {
        sqlx::raw_sql("ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'women';")
            .execute(&mut *connection)
            .await
            .unwrap();
        for (index, stat) in [
            ("sqlite_autoindex_women_1", "1000000 1"),
            ("women_name_key_birth_place", "1000000 500 2 2 2"),
            ("women_name_key_reversed", "1000000 500"),
            ("women_county_name_order", "1000000 166667 84 1"),
            ("women_province_name_order", "1000000 1000000 500 1"),
            ("women_mobile", "1000000 2"),
            ("women_birth_date", "1000000 64"),
        ] {
            sqlx::query("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('women', $1, $2)")
                .bind(index)
                .bind(stat)
                .execute(&mut *connection)
                .await
                .unwrap();
        }
        sqlx::raw_sql("ANALYZE sqlite_schema")
            .execute(&mut *connection)
            .await
            .unwrap();
    }

    /// The plan of a name-prefix search (country-wide, or in one county), one step per line.
    async fn prefix_search_plan(db: &TestDatabase, county_id: Option<PlaceId>) -> String {
        let search = WomanSearch {
            county_id,
            name_prefix: Some("فاطمه".into()),
            limit: 20,
            ..WomanSearch::default()
        };
        let mut tx = db.store.begin_read().await.unwrap();
        if db.backend() == Backend::Sqlite {
            assume_a_million_women(tx.connection()).await;
        }
        let (start, column) = match db.backend() {
            Backend::Sqlite => ("EXPLAIN QUERY PLAN SELECT id FROM women", 3),
            Backend::Postgres => {
                // An empty table is cheapest to scan: ask what a large one would get.
                sqlx::query("SET LOCAL enable_seqscan = off")
                    .execute(tx.connection())
                    .await
                    .unwrap();
                ("EXPLAIN SELECT id FROM women", 0)
            }
        };
        let mut builder = SqlBuilder::new(start);
        push_search(&mut builder, &search);
        let rows = builder.build().fetch_all(tx.connection()).await.unwrap();
        let lines: Vec<String> = rows.iter().map(|row| row.get(column)).collect();
        lines.join("\n")
    }

    #[tokio::test]
    async fn a_name_prefix_search_uses_both_key_indexes_on_both_engines() {
        let mut databases = vec![TestDatabase::sqlite().await];
        databases.extend(TestDatabase::postgres().await);
        for db in &databases {
            let plan = prefix_search_plan(db, None).await;
            assert_uses(&plan, "women_name_key_birth_place");
            assert_uses(&plan, "women_name_key_reversed");
        }
    }

    fn assert_uses(plan: &str, index: &str) {
        let mut words = plan.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        assert!(words.any(|word| word == index), "{index} not in\n{plan}");
    }

    /// A county's search reads both halves of its OR from indexes — the plain key's with the
    /// county checked inside the index, the reversed key's within the county — instead of
    /// walking the county or the country row by row. SQLite only: its statistics can be given
    /// to it; PostgreSQL's planner chooses from statistics it gathers from real rows, and on
    /// an empty table it rightly prefers the walk.
    #[tokio::test]
    async fn a_county_name_prefix_search_uses_an_index_for_each_name_order() {
        let db = TestDatabase::sqlite().await;
        let plan = prefix_search_plan(&db, Some(PlaceId::new(7))).await;
        assert_uses(&plan, "women_name_key_birth_place");
        assert_uses(&plan, "women_county_name_order");
    }

    fn search_sql(search: &WomanSearch) -> String {
        let mut builder = SqlBuilder::new("");
        push_search(&mut builder, search);
        builder.sql().to_owned()
    }

    #[test]
    fn a_name_prefix_is_a_range_on_either_key() {
        let search = WomanSearch {
            county_id: Some(PlaceId::new(7)),
            name_prefix: Some("فاطمه".into()),
            limit: 20,
            ..WomanSearch::default()
        };
        assert_eq!(
            search_sql(&search),
            " WHERE merged_into IS NULL AND county_id = $1 AND ((name_key >= $2 AND \
             name_key < $3) OR (name_key_reversed >= $4 AND name_key_reversed < $5)) \
             ORDER BY name_key_reversed, id LIMIT $6 OFFSET $7"
        );
    }

    #[test]
    fn an_empty_prefix_adds_no_condition_and_each_sort_has_a_tie_breaker() {
        let search = WomanSearch {
            name_prefix: Some(String::new()),
            sort: WomanSort::BirthDate,
            ..WomanSearch::default()
        };
        assert_eq!(
            search_sql(&search),
            " WHERE merged_into IS NULL ORDER BY birth_date, id LIMIT $1 OFFSET $2"
        );
        let newest = WomanSearch {
            sort: WomanSort::Newest,
            ..WomanSearch::default()
        };
        assert!(search_sql(&newest).ends_with(" ORDER BY id DESC LIMIT $1 OFFSET $2"));
    }

    #[test]
    fn the_prefix_end_sorts_after_every_other_character() {
        let prefix = "سارا";
        let end = format!("{prefix}{PREFIX_END}");
        for longer in ["سارا", "ساراa", "سارا\u{10FFFD}", "سارا\u{FFFF}zz"] {
            assert!(longer.as_bytes() >= prefix.as_bytes() && longer.as_bytes() < end.as_bytes());
        }
        assert!("سارب".as_bytes() > end.as_bytes());
    }

    #[test]
    fn a_batch_statement_binds_status_and_instant_once() {
        let record = WomanRecord {
            national_id: "0012345678".into(),
            ..WomanRecord::default()
        };
        let records = [record.clone(), record];
        let builder =
            insert_statement(Backend::Postgres, &records, "active", Timestamp::UNIX_EPOCH);
        let sql = builder.sql();
        assert!(sql.starts_with(INSERT_WOMEN), "{sql}");
        assert!(sql.contains("$22, $1, $2, $2), ($23,"), "{sql}");
        assert!(
            sql.ends_with("$41, $42, $1, $2, $2) RETURNING id, national_id"),
            "{sql}"
        );
    }
}
