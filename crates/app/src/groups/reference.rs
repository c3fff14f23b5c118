//! The reference lists a group draws on: supervising units (the county welfare office or a
//! partner NGO centre, per county) and business fields (a national list, seeded by the
//! migration with the programme's usual trades and kept by national experts).
//!
//! Units are added by provincial and national experts (`ManageGroupSettings`) for counties in
//! their scope; business fields by those who keep the programme's settings
//! (`ManageProgrammeSettings`). Both are audited.

use hamyar_domain::groups::SupervisingUnitKind;
use hamyar_domain::registry::CodedList;
use hamyar_domain::search_key;
use hamyar_domain::{Message, MessageArg};

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult, FieldError};
use crate::places::load_tree;
use crate::ports::groups::{BusinessFieldRow, PlaceFilter, SupervisingUnitRow};
use crate::service::{App, AuditEntry, conflict_on};

const MAX_UNIT_NAME_CHARS: usize = 150;

/// The place filter matching an actor's scope.
pub(crate) fn scope_filter(actor: &Actor) -> PlaceFilter {
    PlaceFilter {
        province_id: actor.scope.province(),
        county_id: actor.scope.county(),
    }
}

impl App {
    /// The supervising units the actor may choose from (those of counties in scope).
    pub async fn supervising_units(&self, actor: &Actor) -> AppResult<Vec<SupervisingUnitRow>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        Ok(tx.supervising_units(scope_filter(actor)).await?)
    }

    /// Adds a supervising unit in a county of the actor's scope.
    pub async fn add_supervising_unit(
        &self,
        actor: &Actor,
        county: PlaceId,
        kind: &str,
        name: &str,
    ) -> AppResult<i64> {
        actor.require(Permission::ManageGroupSettings)?;
        let mut errors = Vec::new();
        let kind = SupervisingUnitKind::parse(kind);
        if kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                Message::new("reference-choose_unit_kind").arg(
                    "kinds",
                    MessageArg::label(
                        SupervisingUnitKind::labels_fa_joined(),
                        SupervisingUnitKind::labels_en_joined(),
                    ),
                ),
            ));
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > MAX_UNIT_NAME_CHARS {
            errors.push(FieldError::new(
                "name",
                Message::new("reference-write_unit_s_name_at"),
            ));
        }
        let mut tx = self.db.write().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        let place = tree
            .get(county)
            .filter(|p| p.kind == crate::access::ScopeKind::County)
            .filter(|p| actor.scope.covers(p.parent_id, Some(p.id)));
        if place.is_none() {
            errors.push(FieldError::new(
                "county",
                Message::new("reference-choose_county_from_list"),
            ));
        }
        let (Some(kind), Some(place)) = (kind, place) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let row = SupervisingUnitRow {
            id: 0,
            province_id: place.parent_id.unwrap_or_default(),
            county_id: place.id,
            kind: kind.code().to_owned(),
            name: name.clone(),
            name_key: search_key(&name),
            active: true,
            created_at: self.now(),
        };
        let id = tx.insert_supervising_unit(&row).await.map_err(|e| {
            conflict_on(
                e,
                "supervising_units.name",
                "name",
                Message::new("reference-unit_name_exists_county"),
            )
        })?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "supervising_unit.create",
                entity_kind: "supervising_unit",
                entity_id: id.to_string(),
                province_id: Some(row.province_id),
                county_id: Some(row.county_id),
                before: None,
                after: Some(serde_json::json!({"kind": row.kind, "name": row.name})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The business fields, in display order (inactive ones included, for old groups).
    pub async fn business_fields(&self, actor: &Actor) -> AppResult<Vec<BusinessFieldRow>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        Ok(tx.business_fields().await?)
    }

    /// Adds a business field to the national list, or renames or retires one.
    pub async fn put_business_field(
        &self,
        actor: &Actor,
        field: &BusinessFieldRow,
    ) -> AppResult<()> {
        actor.require(Permission::ManageProgrammeSettings)?;
        let code_ok = !field.code.is_empty()
            && field.code.len() <= 40
            && field
                .code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !code_ok {
            return Err(AppError::invalid(
                "code",
                Message::new("reference-field_s_code_holds_only"),
            ));
        }
        if field.name_fa.trim().is_empty() {
            return Err(AppError::invalid(
                "name_fa",
                Message::new("reference-write_field_s_persian_name"),
            ));
        }
        let mut tx = self.db.write().await?;
        let before = tx
            .business_fields()
            .await?
            .into_iter()
            .find(|f| f.code == field.code);
        tx.put_business_field(field).await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor,
            action: "business_field.put",
            entity_kind: "business_field",
            entity_id: field.code.clone(),
            province_id: None,
            county_id: None,
            before: before.map(|f| serde_json::json!({"name_fa": f.name_fa, "name_en": f.name_en, "active": f.active})),
            after: Some(serde_json::json!({"name_fa": field.name_fa, "name_en": field.name_en, "active": field.active})),
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
