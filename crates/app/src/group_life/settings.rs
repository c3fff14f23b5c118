//! Each province's "no visit for N months" threshold: a group (not dissolved or graduated)
//! whose last visit is older than N months is flagged. N defaults to
//! [`NO_VISIT_MONTHS_DEFAULT`] where a province has not chosen.
//!
//! Like the singlehood age (`registry::singlehood`), each province's value is a setting of its
//! own, `group_no_visit_months.<province id>` (a number, or `null` after a province went back
//! to the default), so saving one province never rewrites another's. Those who manage group
//! settings (`ManageGroupSettings`: provincial and national experts, administrators) set it
//! for provinces in their scope; every change is audited as
//! `settings.group_no_visit_months` with the months before and after.

use hamyar_domain::Message;
use hamyar_domain::group_life::{NO_VISIT_MONTHS_DEFAULT, NoVisitMonths};
use hamyar_domain::to_latin_digits;

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::Tx;
use crate::service::{App, AuditEntry};

/// The form field naming the province.
pub const PROVINCE_FIELD: &str = "province";

/// The settings key of a province's threshold.
pub fn key(province: PlaceId) -> String {
    format!("group_no_visit_months.{province}")
}

/// The province's own threshold, if it chose one.
async fn load_own(tx: &mut dyn Tx, province: PlaceId) -> AppResult<Option<NoVisitMonths>> {
    match tx.get_setting(&key(province)).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            AppError::Internal(format!(
                "stored no-visit months of province {province} are unreadable: {e}"
            ))
        }),
        None => Ok(None),
    }
}

/// The threshold that applies in the province.
pub(crate) async fn no_visit_months_in(
    tx: &mut dyn Tx,
    province: PlaceId,
) -> AppResult<NoVisitMonths> {
    Ok(load_own(tx, province).await?.unwrap_or_default())
}

/// One province's threshold as the settings form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceNoVisitMonths {
    pub province_id: PlaceId,
    pub name_fa: String,
    pub name_en: String,
    /// `None`: the default applies.
    pub own: Option<NoVisitMonths>,
}

impl ProvinceNoVisitMonths {
    pub fn months(&self) -> u8 {
        self.own
            .map_or(NO_VISIT_MONTHS_DEFAULT, NoVisitMonths::months)
    }
}

impl App {
    /// The threshold of every province in the actor's scope.
    pub async fn no_visit_months(&self, actor: &Actor) -> AppResult<Vec<ProvinceNoVisitMonths>> {
        actor.require(Permission::ViewGroups)?;
        let tree = self.place_tree().await?;
        let mut tx = self.db.read().await?;
        let mut provinces = Vec::new();
        for place in tree.provinces() {
            if actor.scope.province().is_some_and(|own| own != place.id) {
                continue;
            }
            provinces.push(ProvinceNoVisitMonths {
                province_id: place.id,
                name_fa: place.name_fa.clone(),
                name_en: place.name_en.clone(),
                own: load_own(tx.as_mut(), place.id).await?,
            });
        }
        tx.commit().await?;
        Ok(provinces)
    }

    /// Sets a province's threshold as typed (1–24 months); empty text restores the default.
    pub async fn set_no_visit_months(
        &self,
        actor: &Actor,
        province: &str,
        months: &str,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroupSettings)?;
        let tree = self.place_tree().await?;
        let province = to_latin_digits(province.trim())
            .parse::<PlaceId>()
            .ok()
            .and_then(|id| tree.get(id))
            .filter(|place| place.kind == ScopeKind::Province)
            .filter(|place| actor.scope.contains(Scope::Province(place.id)))
            .map(|place| place.id)
            .ok_or_else(|| {
                FieldError::new(
                    PROVINCE_FIELD,
                    Message::new("settings-choose_one_provinces_scope"),
                )
            });
        let own = if months.trim().is_empty() {
            Ok(None)
        } else {
            NoVisitMonths::parse(months)
                .map(Some)
                .map_err(|p| FieldError::new(p.field, p.message))
        };
        let (province, own) = match (province, own) {
            (Ok(province), Ok(own)) => (province, own),
            (province, own) => {
                return Err(AppError::Invalid(
                    [province.err(), own.err()].into_iter().flatten().collect(),
                ));
            }
        };
        let mut tx = self.db.write().await?;
        let before = load_own(tx.as_mut(), province).await?;
        let value = serde_json::to_string(&own).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.put_setting(&key(province), &value, &actor.username, self.now())
            .await?;
        let months_of = |own: Option<NoVisitMonths>| serde_json::json!({ "no_visit_months": own.map(NoVisitMonths::months) });
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "settings.group_no_visit_months",
                entity_kind: "settings",
                entity_id: key(province),
                province_id: Some(province),
                county_id: None,
                before: Some(months_of(before)),
                after: Some(months_of(own)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
