//! Recording a group's permit (health code or business licence). A group has one current
//! permit of each kind; recording it again (a renewal or a correction) replaces it, and the
//! audit row keeps the old one.

use hamyar_domain::group_life::{PermitDraft, PermitInput};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::group_life::{group_facts_in_scope, invalid};
use crate::ports::group_life::PermitRow;
use crate::ports::groups::GroupId;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

fn snapshot(row: &PermitRow) -> serde_json::Value {
    json!({
        "kind": row.kind,
        "number": row.number,
        "issued_on": row.issued_on.to_iso_string(),
        // Days in audit rows stay ISO text, as every stored day.
        "expires_on": row.expires_on.to_iso_string(),
    })
}

impl App {
    pub async fn record_permit(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &PermitInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let draft = PermitDraft::parse(input, self.today()).map_err(invalid);
        let mut tx = self.db.write().await?;
        let group = group_facts_in_scope(tx.as_mut(), actor, group_id).await?;
        let draft = draft?;
        let row = PermitRow {
            id: 0,
            group_id,
            kind: draft.kind.code().to_owned(),
            number: draft.number.clone(),
            issued_on: draft.issued_on,
            expires_on: draft.expires_on,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        let before = tx
            .permits_of(group_id)
            .await?
            .into_iter()
            .find(|permit| permit.kind == row.kind);
        tx.put_permit(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "group.permit",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: before.as_ref().map(snapshot),
                after: Some(snapshot(&row)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
