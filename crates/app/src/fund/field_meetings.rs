//! A fund meeting from the field app's sync (`group_life::field_sync`, kind `fund_meeting`):
//! recorded once under the phone's key, as the API's `record_fund_meeting_once` records it,
//! but with the two refusals she can settle told apart as conflicts — a line for a woman who
//! was not a member of the group on the meeting's day (she left meanwhile: drop her line and
//! send the meeting again under a new key), and the fund's meeting of that day already
//! recorded (by a colleague, or from the meeting screen: a cycle has one meeting a day, so
//! she compares the two and drops hers). A group with no open cycle is refused, as the
//! screen refuses it. The caller gives each fund meeting a transaction of its own and rolls
//! it back on a refusal, since the recording may be refused after its first writes.

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::fund::meeting::MeetingInput;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::fund::{fund_group, open_cycle, refuse};
use crate::group_life::field_sync::{FieldOutcome, FieldRecord, names_of};
use crate::group_life::member_between;
use crate::once::KeyedRequest;
use crate::ports::Tx;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::service::App;

impl App {
    /// The record's fund meeting: repeated when its key was done, a conflict she can settle,
    /// or recorded with its key remembered in `tx` (the caller commits). An `Err` other than
    /// a store error is the record's refusal, and `tx` must then be rolled back.
    pub(crate) async fn sync_fund_meeting_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        record: &FieldRecord,
        input: &MeetingInput,
    ) -> AppResult<FieldOutcome> {
        let request = KeyedRequest {
            key: &record.key,
            fingerprint: &record.fingerprint,
        };
        if let Some(first) = self.recall::<i64>(tx, actor, request).await? {
            return Ok(FieldOutcome::Repeated { id: first.value });
        }
        if let Some(conflict) = fund_meeting_conflict(tx, actor, record.group_id, input).await? {
            return Ok(conflict);
        }
        let id = self
            .record_fund_meeting_in_tx(tx, actor, record.group_id, input, request)
            .await?
            .get();
        self.remember_in_tx(tx, actor, request, &id).await?;
        Ok(FieldOutcome::Recorded { id })
    }
}

/// A conflict the meeting would meet, after the actor's right to keep the group's fund and
/// its open cycle are checked (refused otherwise). `None` when there is none, or when the day
/// cannot be read (the recording then says why).
async fn fund_meeting_conflict(
    tx: &mut dyn Tx,
    actor: &Actor,
    group_id: GroupId,
    input: &MeetingInput,
) -> AppResult<Option<FieldOutcome>> {
    fund_group(tx, actor, group_id, true).await?;
    let cycle = open_cycle(tx, group_id)
        .await?
        .ok_or_else(|| refuse("held_on", "fund-no_open_cycle"))?;
    let Ok(held_on) = JalaliDate::parse(&input.held_on) else {
        return Ok(None);
    };
    let spans = tx.member_spans(group_id).await?;
    let mut strangers: Vec<WomanId> = Vec::new();
    for line in &input.lines {
        let woman = WomanId::new(line.woman_id);
        if !member_between(&spans, woman, held_on, held_on) && !strangers.contains(&woman) {
            strangers.push(woman);
        }
    }
    if !strangers.is_empty() {
        let message = Message::new("api-fund_not_members_that_day")
            .arg("names", names_of(&spans, &strangers))
            .arg("day", held_on);
        return Ok(Some(FieldOutcome::Conflict {
            error: AppError::Conflict {
                field: "lines",
                message,
            },
            women: strangers,
        }));
    }
    let meetings = tx.fund_meetings_of_cycle(cycle.id).await?;
    Ok(meetings
        .iter()
        .find(|meeting| meeting.held_on == held_on)
        .map(|meeting| FieldOutcome::Conflict {
            error: AppError::Conflict {
                field: "held_on",
                message: Message::new("api-fund_meeting_already_recorded")
                    .arg("day", held_on)
                    .arg("name", meeting.recorded_by_name.clone()),
            },
            women: Vec::new(),
        }))
}
