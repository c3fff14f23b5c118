//! Women's memberships of groups: joining, a change of role, leaving. A membership is kept
//! after the woman leaves (with the date, reason and note), so a group's page and a woman's
//! file both show the whole story. Overlapping memberships are the application's rule (a
//! province may allow two active groups at once), checked inside its write transaction; the
//! store only refuses what the schema knows: a member who is not a registered woman, a group
//! that does not exist, a leave date before the join date.
//!
//! Both listings join the woman and the group, so the page needs no query per row; they are
//! ordered by join date, then by id, the order in which people think of a group's members.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::{GroupId, MembershipRow, MembershipView};
use hamyar_app::ports::registry::WomanId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::{Arg, SqlBuilder};

const MEMBERSHIP_COLUMNS: &str = "SELECT id, group_id, woman_id, role, joined_on, left_on, \
     leave_reason, leave_note, created_at, updated_at FROM group_members";

const MEMBERSHIP_VIEWS: &str = "SELECT m.id, m.group_id, m.woman_id, m.role, m.joined_on, \
     m.left_on, m.leave_reason, m.leave_note, m.created_at, m.updated_at, w.first_name, \
     w.last_name, w.national_id, g.name AS group_name, g.stage AS group_stage \
     FROM group_members AS m JOIN women AS w ON w.id = m.woman_id \
     JOIN hamyar_groups AS g ON g.id = m.group_id";

fn membership_from_row(row: &AnyRow) -> StoreResult<MembershipRow> {
    let reader = RowReader::new(row, "group_members");
    Ok(MembershipRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        woman_id: reader.id("woman_id")?,
        role: reader.code("role")?,
        joined_on: reader.date("joined_on")?,
        left_on: reader.opt_date("left_on")?,
        leave_reason: reader.opt_code("leave_reason")?,
        leave_note: reader.text("leave_note")?,
        created_at: reader.timestamp("created_at")?,
        updated_at: reader.timestamp("updated_at")?,
    })
}

fn view_from_row(row: &AnyRow) -> StoreResult<MembershipView> {
    let membership = membership_from_row(row)?;
    let reader = RowReader::new(row, "group_members");
    Ok(MembershipView {
        membership,
        first_name: reader.text("first_name")?,
        last_name: reader.text("last_name")?,
        national_id: reader.text("national_id")?,
        group_name: reader.text("group_name")?,
        group_stage: reader.code("group_stage")?,
    })
}

/// The row's `id` is ignored; the new one is returned.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    membership: &MembershipRow,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, \
         leave_reason, leave_note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(membership.group_id)
    .bind(membership.woman_id)
    .bind(membership.role.code())
    .bind(membership.joined_on.to_iso_string())
    .bind(membership.left_on.map(|day| day.to_iso_string()))
    .bind(membership.leave_reason.map(|code| code.code()))
    .bind(membership.leave_note.as_str())
    .bind(stored(membership.created_at))
    .bind(stored(membership.updated_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

/// Changes what may change after joining (role, leave date, reason and note, `updated_at`)
/// of the membership `membership.id`; the group, the woman and the join date stay. False
/// when there is no such membership.
pub(super) async fn update(
    conn: &mut AnyConnection,
    membership: &MembershipRow,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE group_members SET role = $1, left_on = $2, leave_reason = $3, \
         leave_note = $4, updated_at = $5 WHERE id = $6",
    )
    .bind(membership.role.code())
    .bind(membership.left_on.map(|day| day.to_iso_string()))
    .bind(membership.leave_reason.map(|code| code.code()))
    .bind(membership.leave_note.as_str())
    .bind(stored(membership.updated_at))
    .bind(membership.id)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(result.rows_affected() == 1)
}

pub(super) async fn by_id(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<MembershipRow>> {
    let mut builder = SqlBuilder::new(MEMBERSHIP_COLUMNS);
    builder.push_equals("id", id);
    let row = builder
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(membership_from_row).transpose()
}

/// The memberships whose `column` equals `id`, joined with their women and groups.
async fn views_where(
    conn: &mut AnyConnection,
    column: &'static str,
    id: impl Into<Arg>,
) -> StoreResult<Vec<MembershipView>> {
    let mut builder = SqlBuilder::new(MEMBERSHIP_VIEWS);
    builder
        .push_equals(column, id)
        .push(" ORDER BY m.joined_on, m.id");
    let rows = builder
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(view_from_row).collect()
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<MembershipView>> {
    views_where(conn, "m.group_id", group_id).await
}

pub(super) async fn of_woman(
    conn: &mut AnyConnection,
    woman_id: WomanId,
) -> StoreResult<Vec<MembershipView>> {
    views_where(conn, "m.woman_id", woman_id).await
}
