//! Reading a woman's facility history, newest first, both sources, withdrawn entries
//! included (marked).
//!
//! The history says which bodies funded her and how much, so showing it is a disclosure of her
//! record and is audited like opening her file (`crate::registry::viewing`): one
//! `woman.view_facilities` row per opening, naming her, with her province and county. It is a
//! kind of its own so that counting `woman.view` still counts openings of her file. Drawing
//! the file again after a refused form is a redraw, recorded only when the same person was
//! not shown her history within the longest session.

use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::facilities::FacilityEntry;
use crate::ports::registry::WomanId;
use crate::registry::viewing::Showing;
use crate::registry::woman_in_scope;
use crate::service::App;

/// The audit action of a showing of her history.
pub const HISTORY_VIEW: &str = "woman.view_facilities";

impl App {
    /// Her history, newest first (recorded as a `woman.view_facilities`).
    pub async fn facility_history(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Vec<FacilityEntry>> {
        self.show_facilities(actor, woman_id, Showing::Opening)
            .await
    }

    /// Her history again, to draw her file with the messages of a refused form: recorded only
    /// when the actor was not shown it within the longest session.
    pub async fn redraw_facility_history(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Vec<FacilityEntry>> {
        self.show_facilities(actor, woman_id, Showing::Redraw).await
    }

    async fn show_facilities(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        showing: Showing,
    ) -> AppResult<Vec<FacilityEntry>> {
        actor.require(Permission::ViewPersonalData)?;
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let entries = tx
            .facilities_of(woman_id)
            .await?
            .into_iter()
            .map(FacilityEntry::from_row)
            .collect::<AppResult<Vec<_>>>()?;
        if self
            .must_record(tx.as_mut(), actor, HISTORY_VIEW, woman_id, showing)
            .await?
        {
            let detail = json!({ "facilities": entries.len() });
            self.record_showing(tx.as_mut(), actor, HISTORY_VIEW, &woman, Some(detail))
                .await?;
        }
        tx.commit().await?;
        Ok(entries)
    }
}
