//! Who belongs to a group: a registered woman joins on a date with a role, and leaves on a
//! date with a reason. Only women in the registry can join, only women the actor may see
//! (her record lies in the actor's scope), and only into a group of her own county — the
//! group's pages name its members to that county's staff. A membership may not overlap another of the
//! same woman in the same group; nor, unless the group's province allows it, one in another
//! group that has not ended (dissolved or graduated). Size limits only warn (see
//! `settings`). Joining and leaving are audited as `group.member_join` and
//! `group.member_leave`, naming the woman by id only.

use hamyar_domain::groups::lifecycle::has_ended;
use hamyar_domain::groups::membership::overlaps;
use hamyar_domain::groups::{JoinDraft, JoinInput, LeaveDraft, LeaveInput};
use hamyar_domain::{Message, MessageArg};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::groups::settings::settings_for;
use crate::groups::{group_in_scope, invalid};
use crate::once::{KeyedRequest, Once};
use crate::ports::Tx;
use crate::ports::groups::{GroupId, MembershipRow};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

/// A group's members are women of its own county: its pages name them to that county's
/// staff, who may not see women of another county (see `access.rs`, scope).
fn other_county() -> AppError {
    AppError::invalid(
        "national_id",
        Message::new("members-woman_registered_another_county_group"),
    )
}

impl App {
    /// Adds a registered woman (found by national ID) to a group.
    pub async fn add_group_member(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &JoinInput,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let today = self.today();
        JoinDraft::parse(input, today).map_err(invalid)?;
        let mut tx = self.db.write().await?;
        let id = self
            .add_group_member_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`App::add_group_member`] done once per idempotency key (the JSON API): a join sent
    /// again under the same key answers with the first membership's id instead of being
    /// refused as an overlapping membership.
    pub async fn add_group_member_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &JoinInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<i64>> {
        actor.require(Permission::ManageGroups)?;
        JoinDraft::parse(input, self.today()).map_err(invalid)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let id = self
            .add_group_member_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        self.remember(tx, actor, request, id).await
    }

    /// [`App::add_group_member`] inside the caller's transaction (an import writes a whole
    /// file of memberships in one); the caller commits.
    pub(crate) async fn add_group_member_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &JoinInput,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroups)?;
        let draft = JoinDraft::parse(input, self.today()).map_err(invalid)?;
        let group = group_in_scope(tx, actor, group_id).await?;
        if has_ended(group.stage) {
            return Err(AppError::invalid(
                "national_id",
                Message::new("members-group_has_ended_takes_new"),
            ));
        }
        let not_registered = || {
            AppError::invalid(
                "national_id",
                Message::new("members-woman_national_id_registered_within"),
            )
        };
        let woman = tx
            .woman_by_national_id(draft.national_id.as_str())
            .await?
            .filter(|w| w.merged_into.is_none())
            .ok_or_else(not_registered)?;
        let woman = match woman_in_scope(tx, actor, woman.id).await {
            Ok(woman) => woman,
            Err(AppError::NotFound) => return Err(not_registered()),
            Err(other) => return Err(other),
        };
        if woman.record.county_id != group.record.county_id {
            return Err(other_county());
        }
        let joined_on = draft.joined_on;
        let settings = settings_for(tx, group.record.province_id).await?;
        for other in tx.memberships_of_woman(woman.id).await? {
            let m = &other.membership;
            if !overlaps(joined_on, None, m.joined_on, m.left_on) {
                continue;
            }
            if m.group_id == group_id {
                return Err(AppError::invalid(
                    "national_id",
                    Message::new("members-woman_already_member_group_at"),
                ));
            }
            let ended = has_ended(other.group_stage);
            if !ended && !settings.allow_two_groups {
                return Err(AppError::invalid(
                    "national_id",
                    Message::new("members-in_another_group")
                        .arg("since", MessageArg::digits(m.joined_on))
                        .arg("group", other.group_name.as_str()),
                ));
            }
        }
        let now = self.now();
        let row = MembershipRow {
            id: 0,
            group_id,
            woman_id: woman.id,
            role: draft.role,
            joined_on,
            left_on: None,
            leave_reason: None,
            leave_note: String::new(),
            created_at: now,
            updated_at: now,
        };
        let id = tx.insert_membership(&row).await?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.member_join",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(serde_json::json!({
                    "membership_id": id,
                    "woman_id": woman.id,
                    "role": row.role.code(),
                    "joined_on": joined_on.to_iso_string(),
                })),
            },
        )
        .await?;
        Ok(id)
    }

    /// Records that a member left her group.
    pub async fn end_group_membership(
        &self,
        actor: &Actor,
        group_id: GroupId,
        membership_id: i64,
        input: &LeaveInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        self.end_group_membership_in_tx(tx.as_mut(), actor, group_id, membership_id, input)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`App::end_group_membership`] done once per idempotency key (the JSON API): an end
    /// sent again under the same key is answered as the first, not refused because the
    /// membership has ended meanwhile.
    pub async fn end_group_membership_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        membership_id: i64,
        input: &LeaveInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<()>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        self.end_group_membership_in_tx(tx.as_mut(), actor, group_id, membership_id, input)
            .await?;
        self.remember(tx, actor, request, ()).await
    }

    /// [`App::end_group_membership`] inside the caller's transaction; the caller commits.
    pub(crate) async fn end_group_membership_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group_id: GroupId,
        membership_id: i64,
        input: &LeaveInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let group = group_in_scope(tx, actor, group_id).await?;
        let mut membership = tx
            .membership_by_id(membership_id)
            .await?
            .filter(|m| m.group_id == group_id)
            .ok_or(AppError::NotFound)?;
        if membership.left_on.is_some() {
            return Err(AppError::invalid(
                "left_on",
                Message::new("members-member_s_leaving_already_recorded"),
            ));
        }
        let draft =
            LeaveDraft::parse(input, membership.joined_on, self.today()).map_err(invalid)?;
        membership.left_on = Some(draft.left_on);
        membership.leave_reason = Some(draft.reason);
        membership.leave_note = draft.note.clone();
        membership.updated_at = self.now();
        if !tx.update_membership(&membership).await? {
            return Err(AppError::NotFound);
        }
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.member_leave",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: Some(serde_json::json!({"membership_id": membership_id, "left_on": null})),
                after: Some(serde_json::json!({
                    "membership_id": membership_id,
                    "woman_id": membership.woman_id,
                    "left_on": membership.left_on.map(|day| day.to_iso_string()),
                    "leave_reason": membership.leave_reason,
                    "leave_note": draft.note,
                })),
            },
        )
        .await?;
        Ok(())
    }
}
