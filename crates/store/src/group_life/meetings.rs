//! Meetings and each member's attendance. A meeting is only ever added; its attendance rows
//! are written with it.

use hamyar_app::ports::registry::WomanId;
use std::collections::HashMap;

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::MeetingRow;
use hamyar_app::ports::groups::GroupId;
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

pub(super) async fn insert(conn: &mut AnyConnection, row: &MeetingRow) -> StoreResult<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO group_meetings (group_id, held_on, place, topics, decisions, recorded_by, \
         recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(row.group_id)
    .bind(row.held_on.to_iso_string())
    .bind(row.place.as_str())
    .bind(row.topics.as_str())
    .bind(row.decisions.as_str())
    .bind(row.recorded_by)
    .bind(row.recorded_by_name.as_str())
    .bind(stored(row.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    for (woman_id, attendance) in &row.attendance {
        sqlx::query(
            "INSERT INTO group_meeting_attendance (meeting_id, woman_id, attendance) \
             VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(*woman_id)
        .bind(attendance.as_str())
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
    }
    Ok(id)
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<MeetingRow>> {
    let rows = sqlx::query(
        "SELECT id, group_id, held_on, place, topics, decisions, recorded_by, recorded_by_name, \
         recorded_at FROM group_meetings WHERE group_id = $1 ORDER BY held_on DESC, id DESC",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut meetings = rows
        .iter()
        .map(|row| {
            let reader = RowReader::new(row, "group_meetings");
            Ok(MeetingRow {
                id: reader.int("id")?,
                group_id: reader.id("group_id")?,
                held_on: reader.date("held_on")?,
                place: reader.text("place")?,
                topics: reader.text("topics")?,
                decisions: reader.text("decisions")?,
                attendance: Vec::new(),
                recorded_by: reader.opt_id("recorded_by")?,
                recorded_by_name: reader.text("recorded_by_name")?,
                recorded_at: reader.timestamp("recorded_at")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let marks: Vec<(i64, WomanId, String)> = sqlx::query_as(
        "SELECT a.meeting_id, a.woman_id, a.attendance FROM group_meeting_attendance a \
         JOIN group_meetings m ON m.id = a.meeting_id WHERE m.group_id = $1 \
         ORDER BY a.meeting_id, a.woman_id",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut by_meeting: HashMap<i64, Vec<(WomanId, String)>> = HashMap::new();
    for (meeting_id, woman_id, attendance) in marks {
        by_meeting
            .entry(meeting_id)
            .or_default()
            .push((woman_id, attendance));
    }
    for meeting in &mut meetings {
        meeting.attendance = by_meeting.remove(&meeting.id).unwrap_or_default();
    }
    Ok(meetings)
}
