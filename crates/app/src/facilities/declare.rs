//! Declaring support a woman received from another body (relief committee, a bank, another
//! Behzisti programme, …). A social worker or an expert (`RegisterWomen`) records it on her
//! file; the form is validated completely before anything is opened for writing, a woman
//! outside the actor's place is `NotFound`, and the row and its `woman.facility_declared`
//! audit row (entity `woman`, her province and county) commit together.

use hamyar_domain::facilities::{DeclarationDraft, DeclarationInput, FacilitySource};

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::facilities::snapshot;
use crate::group_life::invalid;
use crate::ports::facilities::FacilityRow;
use crate::ports::registry::WomanId;
use crate::registry::woman_in_scope;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// The audit action of a declaration.
pub const DECLARED: &str = "woman.facility_declared";

impl App {
    /// Records support from another body in the woman's history; returns the entry's id.
    pub async fn declare_facility(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &DeclarationInput,
    ) -> AppResult<i64> {
        actor.require(Permission::RegisterWomen)?;
        let draft = DeclarationDraft::parse(input, self.today()).map_err(invalid);
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let draft = draft?;
        let row = FacilityRow {
            id: 0,
            woman_id,
            source: FacilitySource::Declared.code().into(),
            body: draft.body.code().into(),
            body_name: draft.body_name.clone(),
            kind: draft.kind.code().into(),
            amount_rials: draft.amount.value(),
            granted_on: draft.granted_on,
            group_id: None,
            group_name: None,
            grant_tranche_id: None,
            note: draft.note.clone(),
            withdrawn_on: None,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        let id = tx.insert_facility(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: DECLARED,
                entity_kind: "woman",
                entity_id: woman_id.to_string(),
                province_id: Some(woman.record.province_id),
                county_id: Some(woman.record.county_id),
                before: None,
                after: Some(snapshot(id, &row)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
