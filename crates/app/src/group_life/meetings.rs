//! Recording a group meeting with each member's attendance. Attendance may only be marked
//! for women who were members of the group on the meeting's date.

use hamyar_domain::Message;
use hamyar_domain::group_life::{MeetingDraft, MeetingInput};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::group_life::{group_facts_in_scope, invalid, member_between};
use crate::once::{KeyedRequest, Once};
use crate::ports::Tx;
use crate::ports::group_life::MeetingRow;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

impl App {
    pub async fn record_meeting(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        let id = self
            .record_meeting_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::record_meeting`] done once per idempotency key (the JSON API and the field app's
    /// sync): a meeting sent again under the same key is not recorded twice, and the repeat is
    /// answered with the first one's id.
    pub async fn record_meeting_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<i64>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let id = self
            .record_meeting_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        self.remember(tx, actor, request, id).await
    }

    /// [`App::record_meeting`] inside the caller's transaction (an import writes a whole
    /// file of meetings in one); the caller commits.
    pub(crate) async fn record_meeting_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &MeetingInput,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let draft = MeetingDraft::parse(input, self.today()).map_err(invalid);
        let group = group_facts_in_scope(tx, actor, group_id).await?;
        let draft = draft?;
        let held_on = draft.held_on;
        let spans = tx.member_spans(group_id).await?;
        if draft
            .attendance
            .iter()
            .any(|(woman, _)| !member_between(&spans, WomanId::new(*woman), held_on, held_on))
        {
            return Err(AppError::Invalid(vec![FieldError::new(
                "attendance",
                Message::new("meetings-attendance_only_marked_members_group"),
            )]));
        }
        let row = MeetingRow {
            id: 0,
            group_id,
            held_on,
            place: draft.place.clone(),
            topics: draft.topics.clone(),
            decisions: draft.decisions.clone(),
            attendance: draft
                .attendance
                .iter()
                .map(|(woman, mark)| (WomanId::new(*woman), mark.code().to_owned()))
                .collect(),
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx, actor).await?,
            recorded_at: self.now(),
        };
        let id = tx.insert_meeting(&row).await?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.meeting",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: None,
                after: Some(json!({
                    "meeting_id": id,
                    "held_on": row.held_on.to_iso_string(),
                    "place": row.place,
                    "topics": row.topics,
                    "decisions": row.decisions,
                    "attendance": row.attendance.iter().map(|(w, a)| json!({"woman_id": w, "attendance": a})).collect::<Vec<_>>(),
                })),
            },
        )
        .await?;
        Ok(id)
    }
}
