//! Who was a group's social worker and who its facilitator, and from when. Assignments are
//! only appended (`user_id` NULL records that nobody holds the duty); the newest assignment
//! of each duty is copied onto the group row (`social_worker_id` / `facilitator_id`) so lists
//! and scope checks need no history walk. The history keeps the person's name as it was and
//! has no foreign key to users, so it outlives accounts; the copy on the group row does
//! reference `users`, so assigning someone who is not a user is refused as a foreign key.
//! The copy bumps `updated_at` but not `version`, like a lifecycle move.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::{GroupId, StaffRow};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

fn staff_from_row(row: &AnyRow) -> StoreResult<StaffRow> {
    let reader = RowReader::new(row, "group_staff_history");
    Ok(StaffRow {
        id: reader.int("id")?,
        group_id: reader.id("group_id")?,
        duty: reader.code("duty")?,
        user_id: reader.opt_id("user_id")?,
        user_name: reader.text("user_name")?,
        from_on: reader.date("from_on")?,
        assigned_by: reader.opt_id("assigned_by")?,
        assigned_by_name: reader.text("assigned_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
    })
}

/// The statement that makes an assignment current on the group row, by duty. Any other duty
/// is refused by the history table's CHECK before this is needed.
fn current_staff_update(duty: &str) -> Option<&'static str> {
    match duty {
        "social_worker" => {
            Some("UPDATE hamyar_groups SET social_worker_id = $1, updated_at = $2 WHERE id = $3")
        }
        "facilitator" => {
            Some("UPDATE hamyar_groups SET facilitator_id = $1, updated_at = $2 WHERE id = $3")
        }
        _ => None,
    }
}

/// The row's `id` is ignored; the new one is returned.
pub(super) async fn insert(conn: &mut AnyConnection, staff: &StaffRow) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO group_staff_history (group_id, duty, user_id, user_name, from_on, \
         assigned_by, assigned_by_name, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(staff.group_id)
    .bind(staff.duty.code())
    .bind(staff.user_id)
    .bind(staff.user_name.as_str())
    .bind(staff.from_on.to_iso_string())
    .bind(staff.assigned_by)
    .bind(staff.assigned_by_name.as_str())
    .bind(stored(staff.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    if let Some(update) = current_staff_update(staff.duty.code()) {
        sqlx::query(update)
            .bind(staff.user_id)
            .bind(stored(staff.recorded_at))
            .bind(staff.group_id)
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    Ok(id)
}

/// In the order recorded.
pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<StaffRow>> {
    let rows = sqlx::query(
        "SELECT id, group_id, duty, user_id, user_name, from_on, assigned_by, \
         assigned_by_name, recorded_at FROM group_staff_history WHERE group_id = $1 \
         ORDER BY id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(staff_from_row).collect()
}
