//! Each province's double-support window: support received within this many months before a
//! new grant or loan is warned about (1–120, default
//! [`DOUBLE_SUPPORT_MONTHS_DEFAULT`](hamyar_domain::facilities::DOUBLE_SUPPORT_MONTHS_DEFAULT)).
//!
//! Like the group settings (`groups.<province>`) and the no-visit threshold
//! (`group_no_visit_months.<province>`), each province's value is a programme setting of its
//! own, `money.double_support_months.<province id>` (a JSON number), so saving one province
//! never rewrites another's. Those who manage group settings (`ManageGroupSettings`) set it for
//! provinces in their scope, on the group settings page; every change is audited as
//! `settings.double_support_months` with the months before and after.

use hamyar_domain::facilities::SupportWindow;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult};
use crate::group_life::invalid;
use crate::ports::Tx;
use crate::service::{App, AuditEntry};

/// The settings key of a province's window.
pub fn key(province: PlaceId) -> String {
    format!("money.double_support_months.{province}")
}

/// The province's own window, if it chose one.
async fn load_own(tx: &mut dyn Tx, province: PlaceId) -> AppResult<Option<SupportWindow>> {
    match tx.get_setting(&key(province)).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!(
                "stored double-support months of province {province} are unreadable: {e}"
            ))
        }),
        None => Ok(None),
    }
}

/// The window that applies in the province.
pub(crate) async fn support_window_in(
    tx: &mut dyn Tx,
    province: PlaceId,
) -> AppResult<SupportWindow> {
    Ok(load_own(tx, province).await?.unwrap_or_default())
}

impl App {
    /// The window of a province in the actor's scope.
    pub async fn double_support_months(
        &self,
        actor: &Actor,
        province: PlaceId,
    ) -> AppResult<SupportWindow> {
        actor.require(Permission::ViewGroups)?;
        if !actor.scope.covers(Some(province), None) && actor.scope.province() != Some(province) {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        support_window_in(tx.as_mut(), province).await
    }

    /// Sets a province's window from the typed number of months (1–120).
    pub async fn set_double_support_months(
        &self,
        actor: &Actor,
        province: PlaceId,
        months: &str,
    ) -> AppResult<SupportWindow> {
        actor.require(Permission::ManageGroupSettings)?;
        if !actor.scope.covers(Some(province), None) {
            return Err(AppError::NotFound);
        }
        let window = SupportWindow::parse(months).map_err(|p| invalid(vec![p]))?;
        let mut tx = self.db.write().await?;
        if tx
            .place_by_id(province)
            .await?
            .is_none_or(|place| place.kind != "province")
        {
            return Err(AppError::NotFound);
        }
        let before = load_own(tx.as_mut(), province).await?;
        let value =
            serde_json::to_string(&window).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.put_setting(&key(province), &value, &actor.username, self.now())
            .await?;
        let months_of = |own: Option<SupportWindow>| json!({ "double_support_months": own.map(SupportWindow::months) });
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.double_support_months",
                entity_kind: "setting",
                entity_id: key(province),
                province_id: Some(province),
                county_id: None,
                before: Some(months_of(before)),
                after: Some(months_of(Some(window))),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(window)
    }
}
