//! Reading the rows the events are worked out from: one owner's (after a write) or every
//! owner's (a rebuild), with the same queries, so both paths see the same facts.

use std::collections::BTreeMap;

use hamyar_app::ports::StoreResult;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::events::{GroupFacts, MembershipFacts};
use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

/// Runs `sql`, narrowed to one owner when `only` is given (`column = $1`), in `order`.
async fn rows(
    conn: &mut AnyConnection,
    sql: &'static str,
    column: &'static str,
    only: Option<i64>,
    order: &'static str,
) -> StoreResult<Vec<AnyRow>> {
    let mut builder = SqlBuilder::new(sql);
    if let Some(id) = only {
        builder.push_equals(column, id);
    }
    builder.push(order);
    builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)
}

/// The groups' places, moves (oldest first), visits and business months, by group id: every
/// group's, or only `only`'s.
pub(super) async fn groups(
    conn: &mut AnyConnection,
    only: Option<i64>,
) -> StoreResult<BTreeMap<i64, GroupFacts>> {
    let mut groups: BTreeMap<i64, GroupFacts> = BTreeMap::new();
    let places = "SELECT id, province_id, county_id FROM hamyar_groups";
    for row in &rows(conn, places, "id", only, "").await? {
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
    let moves = "SELECT group_id, effective_on, stage FROM group_stage_history";
    let order = " ORDER BY group_id, effective_on, id";
    for row in &rows(conn, moves, "group_id", only, order).await? {
        let reader = RowReader::new(row, "group_stage_history");
        if let Some(facts) = groups.get_mut(&reader.int("group_id")?) {
            facts
                .moves
                .push((reader.text("effective_on")?, reader.code("stage")?));
        }
    }
    let visits = "SELECT group_id, visited_on FROM group_visits";
    for row in &rows(conn, visits, "group_id", only, "").await? {
        let reader = RowReader::new(row, "group_visits");
        if let Some(facts) = groups.get_mut(&reader.int("group_id")?) {
            facts.visits.push(reader.text("visited_on")?);
        }
    }
    let business =
        "SELECT group_id, year, month, revenue_rials, profit_rials FROM group_business_months";
    for row in &rows(conn, business, "group_id", only, "").await? {
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
    Ok(groups)
}

/// The women's memberships with their groups' places and ends, by woman id: every woman's,
/// or only `only`'s.
pub(super) async fn memberships(
    conn: &mut AnyConnection,
    only: Option<i64>,
) -> StoreResult<BTreeMap<i64, Vec<MembershipFacts>>> {
    let sql = "SELECT m.woman_id, g.province_id, g.county_id, m.joined_on, m.left_on, \
         g.ended_on FROM group_members m JOIN hamyar_groups g ON g.id = m.group_id";
    let mut women: BTreeMap<i64, Vec<MembershipFacts>> = BTreeMap::new();
    for row in &rows(conn, sql, "m.woman_id", only, "").await? {
        let reader = RowReader::new(row, "group_members");
        women
            .entry(reader.int("woman_id")?)
            .or_default()
            .push(MembershipFacts {
                province_id: reader.int("province_id")?,
                county_id: reader.int("county_id")?,
                joined_on: reader.text("joined_on")?,
                left_on: reader.opt_text("left_on")?,
                group_ended_on: reader.opt_text("ended_on")?,
            });
    }
    Ok(women)
}
