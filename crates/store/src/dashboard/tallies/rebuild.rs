//! Making every event and tally again from the groups' and women's rows, and each group's
//! latest visit day on its row: for a database from
//! before migration 0014 (`AnyStore::migrate` runs it once, recorded in
//! `dashboard_tally_state`) and for rows loaded in bulk past the use-cases. Events go in as
//! multi-row INSERTs; the tallies are summed in memory and written last.

use std::collections::BTreeMap;

use hamyar_app::ports::{Backend, StoreResult};
use sqlx::AnyConnection;

use super::events::{self, Amounts, EventKey};
use super::{GROUP, TallyKey, WOMAN, facts, tally_key};
use crate::error::store_error;
use crate::sql::SqlBuilder;

/// Rows per multi-row INSERT (10 values each).
const ROWS_PER_INSERT: usize = 500;

/// True when the tallies were built for this database (migration 0014 leaves them unbuilt).
pub(crate) async fn are_built(conn: &mut AnyConnection) -> StoreResult<bool> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dashboard_tally_state")
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(count > 0)
}

/// Makes every event and tally again from the groups' and women's rows (a database from
/// before migration 0014, or rows loaded in bulk without the use-cases).
pub(crate) async fn rebuild(conn: &mut AnyConnection, backend: Backend) -> StoreResult<()> {
    // Each group's latest visit, kept on its row for the work list (migration 0019).
    sqlx::query(
        "UPDATE hamyar_groups SET last_visited_on = (SELECT MAX(v.visited_on) \
         FROM group_visits v WHERE v.group_id = hamyar_groups.id)",
    )
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    sqlx::query("DELETE FROM dashboard_events")
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    sqlx::query("DELETE FROM dashboard_tallies")
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut tallies: BTreeMap<TallyKey, Amounts> = BTreeMap::new();
    let mut pending: Vec<(&'static str, i64, EventKey, Amounts)> = Vec::new();

    let groups = facts::groups(conn, None).await?;
    for (id, facts) in &groups {
        for (key, amounts) in events::group_events(facts)? {
            tallies.entry(tally_key(&key)?).or_default().add(amounts, 1);
            pending.push((GROUP, *id, key, amounts));
        }
        if pending.len() >= ROWS_PER_INSERT * 20 {
            insert_events(conn, backend, &mut pending).await?;
        }
    }
    drop(groups);

    let women = facts::memberships(conn, None).await?;
    for (id, memberships) in &women {
        for (key, amounts) in events::woman_events(memberships)? {
            tallies.entry(tally_key(&key)?).or_default().add(amounts, 1);
            pending.push((WOMAN, *id, key, amounts));
        }
        if pending.len() >= ROWS_PER_INSERT * 20 {
            insert_events(conn, backend, &mut pending).await?;
        }
    }
    insert_events(conn, backend, &mut pending).await?;
    insert_tallies(conn, backend, tallies).await?;

    sqlx::query("DELETE FROM dashboard_tally_state")
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    sqlx::query("INSERT INTO dashboard_tally_state (id, built_at) VALUES (1, $1)")
        .bind(jiff::Timestamp::now().to_string())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(())
}

async fn insert_events(
    conn: &mut AnyConnection,
    backend: Backend,
    pending: &mut Vec<(&'static str, i64, EventKey, Amounts)>,
) -> StoreResult<()> {
    for chunk in pending.chunks(ROWS_PER_INSERT) {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO dashboard_events (owner_kind, owner_id, measure, code, province_id, \
             county_id, day, n, a, b) VALUES ",
            backend,
            chunk.len() * 10,
        );
        for (index, (kind, owner, key, amounts)) in chunk.iter().enumerate() {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_bound(*kind)
                .push(", ")
                .push_bound(*owner)
                .push(", ");
            sql.push_bound(key.measure.as_str()).push(", ");
            sql.push_bound(key.code.as_str()).push(", ");
            sql.push_bound(key.province_id).push(", ");
            sql.push_bound(key.county_id).push(", ");
            sql.push_bound(key.day.as_str()).push(", ");
            sql.push_bound(amounts.n).push(", ");
            sql.push_bound(amounts.a).push(", ");
            sql.push_bound(amounts.b).push(")");
        }
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    pending.clear();
    Ok(())
}

async fn insert_tallies(
    conn: &mut AnyConnection,
    backend: Backend,
    tallies: BTreeMap<TallyKey, Amounts>,
) -> StoreResult<()> {
    let rows: Vec<(TallyKey, Amounts)> = tallies
        .into_iter()
        .filter(|(_, amounts)| !amounts.is_zero())
        .collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO dashboard_tallies (measure, month, province_id, county_id, code, \
             n, a, b) VALUES ",
            backend,
            chunk.len() * 8,
        );
        for (index, ((measure, month, province, county, code), amounts)) in chunk.iter().enumerate()
        {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_bound(measure.as_str()).push(", ");
            sql.push_bound(*month).push(", ");
            sql.push_bound(*province).push(", ");
            sql.push_bound(*county).push(", ");
            sql.push_bound(code.as_str()).push(", ");
            sql.push_bound(amounts.n).push(", ");
            sql.push_bound(amounts.a).push(", ");
            sql.push_bound(amounts.b).push(")");
        }
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    Ok(())
}
