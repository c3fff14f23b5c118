//! The few facts of a group and its members that the life pages and the work list read.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{GroupFacts, MemberSpan};
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::RowReader;

/// The group columns of [`facts_from_row`], for a query that aliases `hamyar_groups` as `g`.
pub(super) const FACT_COLUMNS: &str = "g.id AS g_id, g.code AS g_code, g.name AS g_name, \
     g.province_id AS g_province_id, g.county_id AS g_county_id, g.stage AS g_stage, \
     g.created_at AS g_created_at, (SELECT MIN(h.effective_on) FROM group_stage_history h \
     WHERE h.group_id = g.id) AS g_formed_on, g.registered_on AS g_registered_on, \
     g.ended_on AS g_ended_on";

pub(super) fn facts_from_row(row: &AnyRow) -> StoreResult<GroupFacts> {
    let reader = RowReader::new(row, "hamyar_groups");
    Ok(GroupFacts {
        id: reader.id("g_id")?,
        code: reader.text("g_code")?,
        name: reader.text("g_name")?,
        province_id: reader.id("g_province_id")?,
        county_id: reader.id("g_county_id")?,
        stage: reader.code("g_stage")?,
        created_at: reader.timestamp("g_created_at")?,
        formed_on: reader.opt_date("g_formed_on")?,
        registered_on: reader.opt_date("g_registered_on")?,
        ended_on: reader.opt_date("g_ended_on")?,
    })
}

pub(super) async fn group_facts(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Option<GroupFacts>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {FACT_COLUMNS} FROM hamyar_groups g WHERE g.id = $1"
    )))
    .bind(group_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(facts_from_row).transpose()
}

pub(super) async fn member_spans(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<MemberSpan>> {
    let rows = sqlx::query(
        "SELECT m.woman_id, w.first_name, w.last_name, m.joined_on, m.left_on \
         FROM group_members m JOIN women w ON w.id = m.woman_id \
         WHERE m.group_id = $1 ORDER BY m.joined_on, m.woman_id, m.id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let reader = RowReader::new(row, "group_members");
            Ok(MemberSpan {
                woman_id: reader.id("woman_id")?,
                first_name: reader.text("first_name")?,
                last_name: reader.text("last_name")?,
                joined_on: reader.date("joined_on")?,
                left_on: reader.opt_date("left_on")?,
            })
        })
        .collect()
}
