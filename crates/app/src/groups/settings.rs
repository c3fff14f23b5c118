//! A province's group settings: the size limits that warn when a group has too few or too
//! many members (default 5–7), and whether a woman may belong to two groups that have not
//! ended at the same time (default: no).
//!
//! Each province's settings are one programme setting of their own (`groups.<province id>`,
//! JSON), so saving one province never rewrites another's. Provincial and national experts
//! and administrators (`ManageGroupSettings`) change them for provinces in their scope;
//! every change is audited as `settings.groups` with the values before and after.

use hamyar_domain::groups::SizeLimits;
use serde::{Deserialize, Serialize};

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult};
use crate::groups::invalid;
use crate::ports::Tx;
use crate::service::{App, AuditEntry};

/// What a province has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GroupSettings {
    pub size: SizeLimits,
    /// Whether a woman may be a member of two groups that have not ended at the same time.
    pub allow_two_groups: bool,
}

fn key(province: PlaceId) -> String {
    format!("groups.{province}")
}

/// The province's settings, or the defaults.
pub(crate) async fn settings_for(tx: &mut dyn Tx, province: PlaceId) -> AppResult<GroupSettings> {
    match tx.get_setting(&key(province)).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!(
                "stored group settings of province {province} are unreadable: {e}"
            ))
        }),
        None => Ok(GroupSettings::default()),
    }
}

impl App {
    /// The group settings of a province in the actor's scope.
    pub async fn group_settings(
        &self,
        actor: &Actor,
        province: PlaceId,
    ) -> AppResult<GroupSettings> {
        actor.require(Permission::ViewGroups)?;
        if !actor.scope.covers(Some(province), None) && actor.scope.province() != Some(province) {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        settings_for(tx.as_mut(), province).await
    }

    /// Saves a province's group settings from the form's text.
    pub async fn set_group_settings(
        &self,
        actor: &Actor,
        province: PlaceId,
        min: &str,
        max: &str,
        allow_two_groups: bool,
    ) -> AppResult<GroupSettings> {
        actor.require(Permission::ManageGroupSettings)?;
        if !actor.scope.covers(Some(province), None) {
            return Err(AppError::NotFound);
        }
        let size = SizeLimits::parse(min, max).map_err(invalid)?;
        let settings = GroupSettings {
            size,
            allow_two_groups,
        };
        let mut tx = self.db.write().await?;
        if tx.place_by_id(province).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let before = settings_for(tx.as_mut(), province).await?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| AppError::Internal(format!("group settings encoding: {e}")))?;
        tx.put_setting(&key(province), &json, &actor.username, self.now())
            .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.groups",
                entity_kind: "setting",
                entity_id: key(province),
                province_id: Some(province),
                county_id: None,
                before: serde_json::to_value(before).ok(),
                after: serde_json::to_value(settings).ok(),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(settings)
    }
}
