//! Membership rows: a registered woman (by national ID) joins a group on her real date in
//! her role, through the join form's use-case, and — when the row says she left — leaves it
//! on that date for that reason through the leave form's. A membership of the same woman in
//! the same group from the same date is already present: skipped, or, when the file now
//! says she left and the database does not yet, only her leaving is recorded.

use hamyar_domain::NationalId;
use hamyar_domain::groups::{JoinInput, LeaveInput};

use super::lookup::existing_group;
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult};
use crate::access::Actor;
use crate::error::AppError;
use crate::ports::Tx;
use crate::ports::groups::GroupId;
use crate::service::App;

pub(super) const COLUMNS: &[&str] = &[
    "group_code",
    "national_id",
    "role",
    "joined_on",
    "left_on",
    "leave_reason",
    "leave_note",
];

/// The forms' fields are named as the columns.
const FIELDS: &[(&str, &str)] = &[];

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
    let join = JoinInput {
        national_id: row.get("national_id").to_owned(),
        role: row.get("role").to_owned(),
        joined_on: row.get("joined_on").to_owned(),
    };
    let leave = LeaveInput {
        left_on: row.get("left_on").to_owned(),
        leave_reason: row.get("leave_reason").to_owned(),
        leave_note: row.get("leave_note").to_owned(),
    };
    let leaves = !(leave.left_on.is_empty() && leave.leave_reason.is_empty());
    if let Some((membership_id, has_left)) = present(tx, group.id, &join).await? {
        if leaves && !has_left {
            app.end_group_membership_in_tx(tx, actor, group.id, membership_id, &leave)
                .await
                .map_err(refused)?;
            return Ok(RowOutcome::Imported);
        }
        return Ok(RowOutcome::AlreadyPresent("national_id"));
    }
    let membership_id = app
        .add_group_member_in_tx(tx, actor, group.id, &join)
        .await
        .map_err(refused)?;
    if leaves {
        app.end_group_membership_in_tx(tx, actor, group.id, membership_id, &leave)
            .await
            .map_err(refused)?;
    }
    Ok(RowOutcome::Imported)
}

/// The membership of the row's woman in the group from the row's date, if recorded, and
/// whether her leaving is; `None` also when the cells do not parse (the join form then says
/// what is wrong).
async fn present(
    tx: &mut dyn Tx,
    group_id: GroupId,
    join: &JoinInput,
) -> Result<Option<(i64, bool)>, RowRefusal> {
    let (Ok(national_id), Ok(joined_on)) = (
        NationalId::parse(&join.national_id),
        hamyar_domain::JalaliDate::parse(&join.joined_on),
    ) else {
        return Ok(None);
    };
    let members = tx
        .members_of_group(group_id)
        .await
        .map_err(|error| refused(error.into()))?;
    Ok(members
        .iter()
        .find(|member| {
            member.national_id == national_id.as_str() && member.membership.joined_on == joined_on
        })
        .map(|member| (member.membership.id, member.membership.left_on.is_some())))
}
