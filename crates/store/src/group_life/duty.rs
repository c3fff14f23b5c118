//! The office's work list of visits on a day, counted and paged in the database so a
//! country-wide list reads one page, never every group: open follow-ups (asked at a visit,
//! neither resolved nor answered by a later visit) of groups that have not ended, and groups
//! under follow-up — registered and not ended — whose latest visit, or registration when never
//! visited, lies before their province's cutoff. The rules and their wording belong to the
//! app's `group_life::visit_figures`; this module only turns a `VisitDutyQuery` into SQL, the
//! same text for the counts and for the page, so the rows of the list always count to its
//! figures.

use hamyar_app::ports::groups::GroupId;
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::StaffDuty;
use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{VisitDutyCounts, VisitDutyLine, VisitDutyQuery, VisitDutyRow};
use sqlx::AnyConnection;

use super::facts::{FACT_COLUMNS, facts_from_row};
use super::visits::{COLUMNS, visit_from_row, with_requests};
use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::{Placeholder, SqlBuilder};

/// The query's values, bound once and written wherever the SQL needs them.
struct Bound {
    today: Placeholder,
    due_until: Placeholder,
    province: Option<Placeholder>,
    county: Option<Placeholder>,
    group: Option<Placeholder>,
    /// The column of the duty and the person whose own groups are asked for.
    assigned: Option<(&'static str, Placeholder)>,
    /// `(province, cutoff)` of the provinces with a threshold of their own.
    cutoffs: Vec<(Placeholder, Placeholder)>,
    default_cutoff: Placeholder,
}

fn bind(sql: &mut SqlBuilder, query: &VisitDutyQuery) -> Bound {
    Bound {
        today: sql.bind(query.today.as_str()),
        due_until: sql.bind(query.due_until.as_str()),
        province: query.place.province_id.map(|id| sql.bind(id)),
        county: query.place.county_id.map(|id| sql.bind(id)),
        group: query.group_id.map(|id| sql.bind(id)),
        assigned: query
            .assigned
            .map(|assigned| (staff_column(assigned.duty), sql.bind(assigned.user_id))),
        cutoffs: query
            .cutoffs
            .iter()
            .map(|(province, cutoff)| (sql.bind(*province), sql.bind(cutoff.as_str())))
            .collect(),
        default_cutoff: sql.bind(query.default_cutoff.as_str()),
    }
}

/// The column of `hamyar_groups` that keeps who holds the duty now.
pub(super) fn staff_column(duty: StaffDuty) -> &'static str {
    match duty {
        StaffDuty::SocialWorker => "g.social_worker_id",
        StaffDuty::Facilitator => "g.facilitator_id",
    }
}

/// ` AND` the group `g` lies in the place (and is the one group asked for, or one of the
/// person's own) and has not ended by today.
fn push_group_conditions(sql: &mut SqlBuilder, bound: &Bound) {
    sql.push(" AND (g.ended_on IS NULL OR g.ended_on > ")
        .push_placeholder(bound.today)
        .push(")");
    for (column, value) in [
        (" AND g.province_id = ", bound.province),
        (" AND g.county_id = ", bound.county),
        (" AND g.id = ", bound.group),
    ] {
        if let Some(value) = value {
            sql.push(column).push_placeholder(value);
        }
    }
    if let Some((column, user)) = bound.assigned {
        sql.push(" AND ")
            .push(column)
            .push(" = ")
            .push_placeholder(user);
    }
}

/// `FROM … WHERE …` of the open follow-ups due by `due_until` (`v`, with its group `g`).
fn push_follow_ups(sql: &mut SqlBuilder, bound: &Bound) {
    sql.push(
        " FROM group_visits v JOIN hamyar_groups g ON g.id = v.group_id \
         WHERE v.follow_up_due IS NOT NULL AND v.follow_up_closed_on IS NULL \
         AND v.follow_up_due <= ",
    )
    .push_placeholder(bound.due_until);
    push_group_conditions(sql, bound);
}

/// The day a group's time without a visit counts from: its latest visit, or its registration
/// when that is later (a visit before it was followed does not count).
const SINCE: &str = "(CASE WHEN f.last_visited_on > f.registered_on \
     THEN f.last_visited_on ELSE f.registered_on END)";

/// `FROM … WHERE …` of the groups owed a visit (`f`: id, registered_on, last_visited_on — the
/// latest visit's day, kept on the group's row).
fn push_not_visited(sql: &mut SqlBuilder, bound: &Bound) {
    sql.push(
        " FROM (SELECT g.id, g.province_id, g.registered_on, g.last_visited_on \
         FROM hamyar_groups g \
         WHERE g.registered_on IS NOT NULL AND g.registered_on <= ",
    )
    .push_placeholder(bound.today);
    push_group_conditions(sql, bound);
    sql.push(") f WHERE ").push(SINCE).push(" < ");
    if bound.cutoffs.is_empty() {
        sql.push_placeholder(bound.default_cutoff);
    } else {
        sql.push("CASE f.province_id");
        for (province, cutoff) in &bound.cutoffs {
            sql.push(" WHEN ")
                .push_placeholder(*province)
                .push(" THEN ")
                .push_placeholder(*cutoff);
        }
        sql.push(" ELSE ")
            .push_placeholder(bound.default_cutoff)
            .push(" END");
    }
}

pub(super) async fn counts(
    conn: &mut AnyConnection,
    query: &VisitDutyQuery,
) -> StoreResult<VisitDutyCounts> {
    let mut sql = SqlBuilder::new("SELECT (SELECT COUNT(*)");
    let bound = bind(&mut sql, query);
    push_follow_ups(&mut sql, &bound);
    sql.push(" AND v.follow_up_due < ")
        .push_placeholder(bound.today)
        .push(") AS overdue, (SELECT COUNT(*)");
    push_follow_ups(&mut sql, &bound);
    sql.push(" AND v.follow_up_due >= ")
        .push_placeholder(bound.today)
        .push(") AS due, (SELECT COUNT(*)");
    push_not_visited(&mut sql, &bound);
    sql.push(") AS not_visited");
    let row = sql
        .build()
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    let reader = RowReader::new(&row, "group_visits");
    Ok(VisitDutyCounts {
        overdue: reader.int("overdue")?,
        due: reader.int("due")?,
        not_visited: reader.int("not_visited")?,
    })
}

/// The keys of one line of a page: a follow-up (`visit_id` set) or a group owed a visit.
struct Key {
    group_id: GroupId,
    visit_id: Option<i64>,
    last_visited_on: Option<JalaliDate>,
}

/// The tier of a group owed a visit in the page's order: after the overdue follow-ups
/// (tier 0), before the follow-ups not yet overdue (tier 2) — everything overdue comes before
/// what is only due.
const NOT_VISITED: i64 = 1;

pub(super) async fn page(
    conn: &mut AnyConnection,
    query: &VisitDutyQuery,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<VisitDutyRow>> {
    let mut sql =
        SqlBuilder::new("SELECT kind, sort_day, group_id, visit_id, last_visited_on FROM (");
    let bound = bind(&mut sql, query);
    sql.push("SELECT CASE WHEN v.follow_up_due < ")
        .push_placeholder(bound.today)
        .push(
            " THEN CAST(0 AS BIGINT) ELSE CAST(2 AS BIGINT) END AS kind, \
             v.follow_up_due AS sort_day, v.group_id AS group_id, v.id AS visit_id, \
             NULL AS last_visited_on",
        );
    push_follow_ups(&mut sql, &bound);
    sql.push(" UNION ALL SELECT CAST(1 AS BIGINT), ")
        .push(SINCE)
        .push(", f.id, CAST(0 AS BIGINT), f.last_visited_on");
    push_not_visited(&mut sql, &bound);
    sql.push(") duty ORDER BY kind, sort_day, group_id, visit_id");
    sql.push_page(limit, offset);
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut keys = Vec::with_capacity(rows.len());
    for row in &rows {
        let reader = RowReader::new(row, "group_visits");
        let kind = reader.int("kind")?;
        keys.push(Key {
            group_id: reader.id("group_id")?,
            visit_id: (kind != NOT_VISITED)
                .then(|| reader.int("visit_id"))
                .transpose()?,
            last_visited_on: reader.opt_date("last_visited_on")?,
        });
    }
    lines(conn, keys).await
}

/// The page's groups and visits (with their requests), read by key.
async fn lines(conn: &mut AnyConnection, keys: Vec<Key>) -> StoreResult<Vec<VisitDutyRow>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = SqlBuilder::new("SELECT ");
    sql.push(FACT_COLUMNS)
        .push(" FROM hamyar_groups g WHERE g.id IN (");
    for (index, key) in keys.iter().enumerate() {
        sql.push(if index == 0 { "" } else { ", " })
            .push_bound(key.group_id);
    }
    sql.push(")");
    let mut groups = HashMap::new();
    for row in &sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?
    {
        let group = facts_from_row(row)?;
        groups.insert(group.id, group);
    }
    let visit_ids: Vec<i64> = keys.iter().filter_map(|key| key.visit_id).collect();
    let mut visits = HashMap::new();
    if !visit_ids.is_empty() {
        let mut sql = SqlBuilder::new("SELECT ");
        sql.push(COLUMNS)
            .push(" FROM group_visits v WHERE v.id IN (");
        for (index, id) in visit_ids.iter().enumerate() {
            sql.push(if index == 0 { "" } else { ", " }).push_bound(*id);
        }
        sql.push(")");
        let rows = sql
            .build()
            .fetch_all(&mut *conn)
            .await
            .map_err(store_error)?;
        let read = rows
            .iter()
            .map(visit_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        for visit in with_requests(conn, read).await? {
            visits.insert(visit.id, visit);
        }
    }
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let group = groups.get(&key.group_id).cloned().ok_or_else(|| {
            crate::error::corrupt("hamyar_groups", format!("group {} vanished", key.group_id))
        })?;
        let line = match key.visit_id {
            Some(id) => VisitDutyLine::FollowUp(Box::new(visits.remove(&id).ok_or_else(|| {
                crate::error::corrupt("group_visits", format!("visit {id} vanished"))
            })?)),
            None => VisitDutyLine::NotVisited {
                last_visited_on: key.last_visited_on,
            },
        };
        out.push(VisitDutyRow { group, line });
    }
    Ok(out)
}
