//! Meeting rows: a group's meeting on its real date, through the meeting form's use-case.
//! Attendance is written as the national IDs of the members present, absent and excused
//! (separated by «،», commas or lines); each must be a member of the group (the form's rule
//! then checks she was one on that day). A meeting of the same group on the same day is
//! already present: skipped.

use hamyar_domain::group_life::{AttendanceInput, MeetingInput};
use hamyar_domain::{JalaliDate, Message, NationalId};

use super::lookup::existing_group;
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult, split};
use crate::access::Actor;
use crate::error::AppError;
use crate::ports::Tx;
use crate::service::App;

pub(super) const COLUMNS: &[&str] = &[
    "group_code",
    "held_on",
    "place",
    "topics",
    "decisions",
    "present",
    "absent",
    "excused",
];

/// The form's one attendance field is reported on the column of present members.
const FIELDS: &[(&str, &str)] = &[("attendance", "present")];

fn refused(error: AppError) -> RowRefusal {
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
) -> RowResult {
    let group = existing_group(tx, actor, row.get("group_code"))
        .await
        .map_err(refused)?;
    if let Ok(day) = JalaliDate::parse(row.get("held_on")) {
        let meetings = tx
            .meetings_of(group.id)
            .await
            .map_err(|error| refused(error.into()))?;
        if meetings.iter().any(|meeting| meeting.held_on == day) {
            return Ok(RowOutcome::AlreadyPresent("held_on"));
        }
    }
    let members = tx
        .members_of_group(group.id)
        .await
        .map_err(|error| refused(error.into()))?;
    let mut attendance = Vec::new();
    for (column, mark) in [
        ("present", "present"),
        ("absent", "absent"),
        ("excused", "excused"),
    ] {
        for text in split(row.get(column), &['،', ',', '\n', '؛', ';']) {
            let member = NationalId::parse(&text).ok().and_then(|id| {
                members
                    .iter()
                    .find(|member| member.national_id == id.as_str())
            });
            let Some(member) = member else {
                return Err(RowRefusal {
                    error: AppError::invalid(
                        "attendance",
                        Message::new("imports-attendance_not_a_member").arg("national_id", text),
                    ),
                    fields: match column {
                        "absent" => &[("attendance", "absent")],
                        "excused" => &[("attendance", "excused")],
                        _ => FIELDS,
                    },
                });
            };
            attendance.push(AttendanceInput {
                woman_id: member.membership.woman_id.get(),
                attendance: mark.to_owned(),
            });
        }
    }
    let input = MeetingInput {
        held_on: row.get("held_on").to_owned(),
        place: row.get("place").to_owned(),
        topics: row.get("topics").to_owned(),
        decisions: row.get("decisions").to_owned(),
        attendance,
    };
    app.record_meeting_in_tx(tx, actor, group.id, &input)
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}
