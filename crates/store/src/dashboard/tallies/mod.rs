//! The dashboards' kept tallies (migration 0014): every write that changes a group's stages,
//! visits, business months or place, or a woman's memberships, replaces that owner's events
//! (`events.rs`) in `dashboard_events` inside the same transaction and moves the difference
//! into `dashboard_tallies`, the sums per Jalali month and place. So a country-wide dashboard
//! adds up a few thousand monthly sums instead of every row in the country, and the tallies
//! always equal the sum of the events (`rebuild.rs` makes both from scratch; a database from
//! before the migration is rebuilt once when it is opened). `events.rs` holds the rules,
//! `facts.rs` reads the rows they need.
//!
//! Each write moves its changes into the tallies once, in key order, so two writers meet on
//! tally rows in the same order; on PostgreSQL the owner's row is locked first, so two writers
//! refreshing the same owner take turns (`lock_owner`).

pub(crate) mod events;
mod facts;
mod rebuild;

pub(crate) use rebuild::{are_built, rebuild};

use hamyar_app::ports::groups::GroupId;
use std::collections::BTreeMap;

use hamyar_app::ports::{Backend, StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::RowReader;
use events::{Amounts, EventKey, Events};

const GROUP: &str = "group";
const WOMAN: &str = "woman";

/// `year * 100 + month` of the Jalali month of an ISO day.
pub(crate) fn month_of(day: &str) -> StoreResult<i64> {
    let date = JalaliDate::from_iso_str(day)
        .map_err(|e| StoreError::Database(format!("stored day: {e}")))?;
    Ok(i64::from(date.year()) * 100 + i64::from(date.month()))
}

/// The key of a tally row: measure, month, province, county, code.
type TallyKey = (String, i64, i64, i64, String);

fn tally_key(event: &EventKey) -> StoreResult<TallyKey> {
    Ok((
        event.measure.clone(),
        month_of(&event.day)?,
        event.province_id,
        event.county_id,
        event.code.clone(),
    ))
}

async fn stored_events(
    conn: &mut AnyConnection,
    owner_kind: &str,
    owner_id: i64,
) -> StoreResult<Events> {
    let rows = sqlx::query(
        "SELECT measure, code, province_id, county_id, day, n, a, b FROM dashboard_events \
         WHERE owner_kind = $1 AND owner_id = $2",
    )
    .bind(owner_kind)
    .bind(owner_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut events = Events::new();
    for row in &rows {
        let reader = RowReader::new(row, "dashboard_events");
        events.insert(
            EventKey {
                measure: reader.text("measure")?,
                code: reader.text("code")?,
                province_id: reader.int("province_id")?,
                county_id: reader.int("county_id")?,
                day: reader.text("day")?,
            },
            Amounts {
                n: reader.int("n")?,
                a: reader.int("a")?,
                b: reader.int("b")?,
            },
        );
    }
    Ok(events)
}

/// On PostgreSQL, locks the owner's own row before its events are read, so two writers
/// refreshing one group or one woman take turns: the second reads the events the first
/// committed instead of replacing the same rows from a stale read. `FOR NO KEY UPDATE`, the
/// lock an ordinary `UPDATE` takes, does not wait for the key-share locks that inserting a
/// visit or a membership takes on the group and the woman, so two such inserts cannot
/// deadlock here. A group is locked before its members, and members in id order. SQLite's
/// writers already run one at a time.
async fn lock_owner(
    conn: &mut AnyConnection,
    backend: Backend,
    table: &'static str,
    id: i64,
) -> StoreResult<()> {
    if backend == Backend::Postgres {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM {table} WHERE id = $1 FOR NO KEY UPDATE"
        )))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(())
}

/// Changes to tally rows, in key order.
type Deltas = BTreeMap<TallyKey, Amounts>;

/// Makes `new` the owner's events and adds the difference to `deltas`.
async fn replace(
    conn: &mut AnyConnection,
    owner_kind: &str,
    owner_id: i64,
    new: Events,
    deltas: &mut Deltas,
) -> StoreResult<()> {
    let old = stored_events(conn, owner_kind, owner_id).await?;
    if old == new {
        return Ok(());
    }
    for (events, sign) in [(&old, -1), (&new, 1)] {
        for (key, amounts) in events {
            deltas
                .entry(tally_key(key)?)
                .or_default()
                .add(*amounts, sign);
        }
    }
    sqlx::query("DELETE FROM dashboard_events WHERE owner_kind = $1 AND owner_id = $2")
        .bind(owner_kind)
        .bind(owner_id)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    for (key, amounts) in &new {
        sqlx::query(
            "INSERT INTO dashboard_events (owner_kind, owner_id, measure, code, province_id, \
             county_id, day, n, a, b) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(owner_kind)
        .bind(owner_id)
        .bind(key.measure.as_str())
        .bind(key.code.as_str())
        .bind(key.province_id)
        .bind(key.county_id)
        .bind(key.day.as_str())
        .bind(amounts.n)
        .bind(amounts.a)
        .bind(amounts.b)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(())
}

/// Moves `deltas` into the tallies. One call per write, in key order, so two writers that
/// meet on tally rows take them in the same order (no deadlock on PostgreSQL).
async fn apply(conn: &mut AnyConnection, deltas: Deltas) -> StoreResult<()> {
    for ((measure, month, province, county, code), delta) in deltas {
        if delta.is_zero() {
            continue;
        }
        sqlx::query(
            "INSERT INTO dashboard_tallies (measure, month, province_id, county_id, code, n, a, b) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (measure, month, province_id, county_id, code) DO UPDATE SET \
             n = dashboard_tallies.n + excluded.n, a = dashboard_tallies.a + excluded.a, \
             b = dashboard_tallies.b + excluded.b",
        )
        .bind(measure.as_str())
        .bind(month)
        .bind(province)
        .bind(county)
        .bind(code.as_str())
        .bind(delta.n)
        .bind(delta.a)
        .bind(delta.b)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
        sqlx::query(
            "DELETE FROM dashboard_tallies WHERE measure = $1 AND month = $2 \
             AND province_id = $3 AND county_id = $4 AND code = $5 AND n = 0 AND a = 0 AND b = 0",
        )
        .bind(measure.as_str())
        .bind(month)
        .bind(province)
        .bind(county)
        .bind(code.as_str())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(())
}

/// Brings one group's events up to date (after a move, a visit, a business month, a change
/// of place). Its members' events depend on its end and place: see [`refresh_group_and_members`].
pub(crate) async fn refresh_group(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: GroupId,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_group(conn, backend, group_id.get(), &mut deltas).await?;
    apply(conn, deltas).await
}

/// Brings several groups' events up to date at once (a batch of visits, written without
/// their refresh): each group once, locked and replaced in id order like every other writer,
/// and all their changes moved into the tallies in one pass, in key order. The events and
/// tallies are then exactly those a refresh after each write would have left, since a group's
/// events are worked out from its rows alone, whatever order they were written in.
pub(crate) async fn refresh_groups(
    conn: &mut AnyConnection,
    backend: Backend,
    groups: &[GroupId],
) -> StoreResult<()> {
    let ids: std::collections::BTreeSet<i64> = groups.iter().map(|id| id.get()).collect();
    let mut deltas = Deltas::new();
    for id in ids {
        replace_group(conn, backend, id, &mut deltas).await?;
    }
    apply(conn, deltas).await
}

/// The tallies key their owners (groups, women) by the bare key of `tally_events.owner_id`.
async fn replace_group(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: i64,
    deltas: &mut Deltas,
) -> StoreResult<()> {
    lock_owner(conn, backend, "hamyar_groups", group_id).await?;
    let events = match facts::groups(conn, Some(group_id)).await?.remove(&group_id) {
        Some(facts) => events::group_events(&facts)?,
        None => Events::new(),
    };
    replace(conn, GROUP, group_id, events, deltas).await
}

/// Brings a group's events and those of every woman who was ever its member up to date.
pub(crate) async fn refresh_group_and_members(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: GroupId,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_group(conn, backend, group_id.get(), &mut deltas).await?;
    let women: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT woman_id FROM group_members WHERE group_id = $1 ORDER BY woman_id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    for woman in women {
        replace_woman(conn, backend, woman, &mut deltas).await?;
    }
    apply(conn, deltas).await
}

/// Brings one woman's membership events up to date (after she joins or leaves a group).
pub(crate) async fn refresh_woman(
    conn: &mut AnyConnection,
    backend: Backend,
    woman_id: hamyar_app::ports::registry::WomanId,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_woman(conn, backend, woman_id.get(), &mut deltas).await?;
    apply(conn, deltas).await
}

async fn replace_woman(
    conn: &mut AnyConnection,
    backend: Backend,
    woman_id: i64,
    deltas: &mut Deltas,
) -> StoreResult<()> {
    lock_owner(conn, backend, "women", woman_id).await?;
    let memberships = facts::memberships(conn, Some(woman_id))
        .await?
        .remove(&woman_id)
        .unwrap_or_default();
    replace(
        conn,
        WOMAN,
        woman_id,
        events::woman_events(&memberships)?,
        deltas,
    )
    .await
}
