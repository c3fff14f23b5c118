//! The dashboards' kept tallies (migration 0014): every write that changes a group's stages,
//! visits, business months or place, or a woman's memberships, replaces that owner's events
//! (`events.rs`) in `dashboard_events` inside the same transaction and moves the difference
//! into `dashboard_tallies`, the sums per Jalali month and place. So a country-wide dashboard
//! adds up a few thousand monthly sums instead of every row in the country, and the tallies
//! always equal the sum of the events (`rebuild` makes both from scratch; a database from
//! before the migration is rebuilt once when it is opened).
//!
//! Each write moves its changes into the tallies once, in key order, so two writers meet on
//! tally rows in the same order; on PostgreSQL the owner's row is locked first, so two writers
//! refreshing the same owner take turns (`lock_owner`).

pub(crate) mod events;

use std::collections::BTreeMap;

use hamyar_app::ports::{Backend, StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use events::{Amounts, EventKey, Events, GroupFacts, MembershipFacts};

const GROUP: &str = "group";
const WOMAN: &str = "woman";
/// Rows per multi-row INSERT of the rebuild (10 values each).
const ROWS_PER_INSERT: usize = 500;

/// `year * 100 + month` of the Jalali month of an ISO day.
pub(crate) fn month_of(day: &str) -> StoreResult<i64> {
    let date = JalaliDate::from_iso_str(day)
        .map_err(|e| StoreError::Database(format!("stored day: {}", e.message_en())))?;
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

async fn group_facts(conn: &mut AnyConnection, group_id: i64) -> StoreResult<Option<GroupFacts>> {
    let place = sqlx::query("SELECT province_id, county_id FROM hamyar_groups WHERE id = $1")
        .bind(group_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    let Some(place) = place else {
        return Ok(None);
    };
    let reader = RowReader::new(&place, "hamyar_groups");
    let mut facts = GroupFacts {
        province_id: reader.int("province_id")?,
        county_id: reader.int("county_id")?,
        ..GroupFacts::default()
    };
    let moves = sqlx::query(
        "SELECT effective_on, stage FROM group_stage_history WHERE group_id = $1 \
         ORDER BY effective_on, id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    for row in &moves {
        let reader = RowReader::new(row, "group_stage_history");
        facts
            .moves
            .push((reader.text("effective_on")?, reader.text("stage")?));
    }
    let visits = sqlx::query("SELECT visited_on FROM group_visits WHERE group_id = $1")
        .bind(group_id)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    for row in &visits {
        facts
            .visits
            .push(RowReader::new(row, "group_visits").text("visited_on")?);
    }
    let business = sqlx::query(
        "SELECT year, month, revenue_rials, profit_rials FROM group_business_months \
         WHERE group_id = $1",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    for row in &business {
        let reader = RowReader::new(row, "group_business_months");
        facts.business.push((
            reader.int("year")?,
            reader.int("month")?,
            reader.int("revenue_rials")?,
            reader.int("profit_rials")?,
        ));
    }
    Ok(Some(facts))
}

/// Brings one group's events up to date (after a move, a visit, a business month, a change
/// of place). Its members' events depend on its end and place: see [`refresh_group_and_members`].
pub(crate) async fn refresh_group(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: i64,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_group(conn, backend, group_id, &mut deltas).await?;
    apply(conn, deltas).await
}

async fn replace_group(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: i64,
    deltas: &mut Deltas,
) -> StoreResult<()> {
    lock_owner(conn, backend, "hamyar_groups", group_id).await?;
    let events = match group_facts(conn, group_id).await? {
        Some(facts) => events::group_events(&facts)?,
        None => Events::new(),
    };
    replace(conn, GROUP, group_id, events, deltas).await
}

/// Brings a group's events and those of every woman who was ever its member up to date.
pub(crate) async fn refresh_group_and_members(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: i64,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_group(conn, backend, group_id, &mut deltas).await?;
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

fn membership_from(row: &sqlx::any::AnyRow) -> StoreResult<(i64, MembershipFacts)> {
    let reader = RowReader::new(row, "group_members");
    Ok((
        reader.int("woman_id")?,
        MembershipFacts {
            province_id: reader.int("province_id")?,
            county_id: reader.int("county_id")?,
            joined_on: reader.text("joined_on")?,
            left_on: reader.opt_text("left_on")?,
            group_ended_on: reader.opt_text("ended_on")?,
        },
    ))
}

const MEMBERSHIPS: &str = "SELECT m.woman_id, g.province_id, g.county_id, m.joined_on, \
     m.left_on, g.ended_on FROM group_members m JOIN hamyar_groups g ON g.id = m.group_id";

/// Brings one woman's membership events up to date (after she joins or leaves a group).
pub(crate) async fn refresh_woman(
    conn: &mut AnyConnection,
    backend: Backend,
    woman_id: i64,
) -> StoreResult<()> {
    let mut deltas = Deltas::new();
    replace_woman(conn, backend, woman_id, &mut deltas).await?;
    apply(conn, deltas).await
}

async fn replace_woman(
    conn: &mut AnyConnection,
    backend: Backend,
    woman_id: i64,
    deltas: &mut Deltas,
) -> StoreResult<()> {
    lock_owner(conn, backend, "women", woman_id).await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{MEMBERSHIPS} WHERE m.woman_id = $1"
    )))
    .bind(woman_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let memberships = rows
        .iter()
        .map(|row| membership_from(row).map(|(_, facts)| facts))
        .collect::<StoreResult<Vec<_>>>()?;
    replace(
        conn,
        WOMAN,
        woman_id,
        events::woman_events(&memberships)?,
        deltas,
    )
    .await
}

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

    let mut groups: BTreeMap<i64, GroupFacts> = BTreeMap::new();
    for row in &sqlx::query("SELECT id, province_id, county_id FROM hamyar_groups")
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?
    {
        let reader = RowReader::new(row, "hamyar_groups");
        groups.insert(
            reader.int("id")?,
            GroupFacts {
                province_id: reader.int("province_id")?,
                county_id: reader.int("county_id")?,
                ..GroupFacts::default()
            },
        );
    }
    for row in &sqlx::query(
        "SELECT group_id, effective_on, stage FROM group_stage_history \
         ORDER BY group_id, effective_on, id",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?
    {
        let reader = RowReader::new(row, "group_stage_history");
        if let Some(facts) = groups.get_mut(&reader.int("group_id")?) {
            facts
                .moves
                .push((reader.text("effective_on")?, reader.text("stage")?));
        }
    }
    for row in &sqlx::query("SELECT group_id, visited_on FROM group_visits")
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?
    {
        let reader = RowReader::new(row, "group_visits");
        if let Some(facts) = groups.get_mut(&reader.int("group_id")?) {
            facts.visits.push(reader.text("visited_on")?);
        }
    }
    for row in &sqlx::query(
        "SELECT group_id, year, month, revenue_rials, profit_rials FROM group_business_months",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?
    {
        let reader = RowReader::new(row, "group_business_months");
        if let Some(facts) = groups.get_mut(&reader.int("group_id")?) {
            facts.business.push((
                reader.int("year")?,
                reader.int("month")?,
                reader.int("revenue_rials")?,
                reader.int("profit_rials")?,
            ));
        }
    }
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

    let mut women: BTreeMap<i64, Vec<MembershipFacts>> = BTreeMap::new();
    for row in &sqlx::query(sqlx::AssertSqlSafe(MEMBERSHIPS))
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?
    {
        let (woman, facts) = membership_from(row)?;
        women.entry(woman).or_default().push(facts);
    }
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
