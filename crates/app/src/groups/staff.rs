//! The people the welfare office assigns to a group — its social worker and its facilitator —
//! with the history of who held each duty from when. An assignee must hold the matching role
//! (social worker, facilitator), be enabled, and work in the group's county or province.
//! Choosing nobody ends an assignment. Audited as `group.staff`.

use hamyar_domain::JalaliDate;
use hamyar_domain::groups::StaffDuty;
use hamyar_domain::{Message, MessageArg};

use crate::access::{Actor, Permission, Role, UserId};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::ports::groups::{GroupId, GroupRow, StaffRow};
use crate::ports::{Tx, UserFilter, UserRow};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// An assignment as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StaffInput {
    pub duty: String,
    /// A user id, or blank for nobody.
    pub user: String,
    pub from_on: String,
}

fn role_for(duty: StaffDuty) -> Role {
    match duty {
        StaffDuty::SocialWorker => Role::SocialWorker,
        StaffDuty::Facilitator => Role::Facilitator,
    }
}

/// Users who may hold `duty` for `group`: the matching role, enabled, working in its county
/// or (with a province-wide scope) its province.
pub(crate) async fn candidates(
    tx: &mut dyn Tx,
    group: &GroupRow,
    duty: StaffDuty,
) -> AppResult<Vec<UserRow>> {
    let users = tx
        .list_users(&UserFilter {
            province_id: Some(group.record.province_id),
            county_id: None,
            limit: 1_000,
            offset: 0,
        })
        .await?;
    Ok(users
        .into_iter()
        .filter(|u| u.disabled_at.is_none())
        .filter(|u| u.role == role_for(duty))
        .filter(|u| u.county_id.is_none_or(|c| c == group.record.county_id))
        .collect())
}

impl App {
    /// The users who may be assigned each duty of the group.
    pub async fn group_staff_candidates(
        &self,
        actor: &Actor,
        group_id: GroupId,
    ) -> AppResult<Vec<(StaffDuty, Vec<UserRow>)>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.read().await?;
        let group = group_in_scope(tx.as_mut(), actor, group_id).await?;
        let mut out = Vec::new();
        for duty in StaffDuty::ALL {
            out.push((duty, candidates(tx.as_mut(), &group, duty).await?));
        }
        Ok(out)
    }

    /// Assigns (or, with a blank user, unassigns) the group's social worker or facilitator.
    pub async fn assign_group_staff(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &StaffInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let Some(duty) = StaffDuty::parse(&input.duty) else {
            return Err(AppError::invalid("duty", Message::new("staff-choose_duty")));
        };
        let from_on = JalaliDate::parse(&input.from_on)
            .map_err(|e| AppError::Invalid(vec![FieldError::new("from_on", e.message())]))?;
        if from_on > self.today() {
            return Err(AppError::invalid(
                "from_on",
                Message::new("staff-start_date_cannot_after_today"),
            ));
        }
        let mut tx = self.db.write().await?;
        let group = group_in_scope(tx.as_mut(), actor, group_id).await?;
        let user = match input.user.trim() {
            "" => None,
            text => {
                let id = hamyar_domain::to_latin_digits(text).parse::<UserId>().ok();
                let allowed = candidates(tx.as_mut(), &group, duty).await?;
                match allowed.into_iter().find(|u| Some(u.id) == id) {
                    Some(user) => Some(user),
                    None => {
                        return Err(AppError::invalid(
                            "user",
                            Message::new("staff-user_cannot_hold_duty")
                                .arg("duty", MessageArg::label(duty.label_fa(), duty.label_en())),
                        ));
                    }
                }
            }
        };
        let history = tx.staff_of(group_id).await?;
        if let Some(last) = history
            .iter()
            .rev()
            .find(|s| s.duty == duty)
            .filter(|s| s.from_on > from_on)
        {
            return Err(AppError::invalid(
                "from_on",
                Message::new("staff-start_before_latest_assignment")
                    .arg("since", MessageArg::digits(last.from_on)),
            ));
        }
        let row = StaffRow {
            id: 0,
            group_id,
            duty,
            user_id: user.as_ref().map(|u| u.id),
            user_name: user
                .as_ref()
                .map(|u| u.display_name.clone())
                .unwrap_or_default(),
            from_on,
            assigned_by: actor.user_id,
            assigned_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        tx.insert_staff(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.staff",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(serde_json::json!({
                    "duty": row.duty.code(),
                    "user_id": row.user_id,
                    "from_on": row.from_on.to_iso_string(),
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
