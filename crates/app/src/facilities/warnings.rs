//! The double-support warning: before a new grant or loan on a date, the women who already
//! received support within their province's window (`money.double_support_months.<province>`,
//! see [`crate::facilities::settings`]) are named with each prior facility. Withdrawn support
//! does not count. The rule itself is the domain's ([`SupportWindow::counts`]); the store
//! narrows the rows by date first and the rule is applied again to what it returns, so the
//! two cannot disagree silently.
//!
//! The grants code calls [`App::support_warnings_in_tx`] inside its approval transaction (it
//! has checked the actor already); pages call [`App::support_warnings`], which checks the
//! actor's permission and place and, since a warning discloses part of a woman's history,
//! records a `woman.view_facilities` row for each woman it names.

use hamyar_domain::JalaliDate;
use hamyar_domain::facilities::SupportWindow;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::error::{AppError, AppResult};
use crate::facilities::history::HISTORY_VIEW;
use crate::facilities::settings::support_window_in;
use crate::facilities::{FacilityEntry, display_name};
use crate::ports::Tx;
use crate::ports::registry::WomanId;
use crate::registry::woman_in_scope;
use crate::service::App;

/// A woman who already received support within the window before `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportWarning {
    pub woman_id: WomanId,
    /// First and last name.
    pub woman_name: String,
    pub window: SupportWindow,
    /// The first day of the window.
    pub from: JalaliDate,
    /// The date of the new grant or loan.
    pub on: JalaliDate,
    /// Newest first; never empty.
    pub prior: Vec<FacilityEntry>,
}

impl App {
    /// The warnings for a new grant or loan on `on` to these women, with the window of
    /// `province_id` (the province whose money it is). Women without prior support are left
    /// out; a woman id that does not exist is `NotFound`.
    pub(crate) async fn support_warnings_in_tx(
        &self,
        tx: &mut dyn Tx,
        woman_ids: &[WomanId],
        province_id: PlaceId,
        on: JalaliDate,
    ) -> AppResult<Vec<SupportWarning>> {
        let window = support_window_in(tx, province_id).await?;
        let mut seen = Vec::new();
        let mut warnings = Vec::new();
        for &woman_id in woman_ids {
            if seen.contains(&woman_id) {
                continue;
            }
            seen.push(woman_id);
            let woman = tx.woman_by_id(woman_id).await?.ok_or(AppError::NotFound)?;
            let from = window.start(on);
            let prior = tx
                .active_facilities_between(woman_id, &from.to_iso_string(), &on.to_iso_string())
                .await?
                .into_iter()
                .map(FacilityEntry::from_row)
                .collect::<AppResult<Vec<_>>>()?
                .into_iter()
                .filter(|entry| window.counts(entry.granted_on, entry.withdrawn_on.is_some(), on))
                .collect::<Vec<_>>();
            if !prior.is_empty() {
                warnings.push(SupportWarning {
                    woman_id,
                    woman_name: display_name(&woman),
                    window,
                    from,
                    on,
                    prior,
                });
            }
        }
        Ok(warnings)
    }

    /// The warnings for a new grant or loan on `on` to these women, each judged by the window
    /// of her own province. Every woman must be in the actor's place (else `NotFound`); each
    /// woman named in a warning is recorded as a `woman.view_facilities`.
    pub async fn support_warnings(
        &self,
        actor: &Actor,
        woman_ids: &[WomanId],
        on: JalaliDate,
    ) -> AppResult<Vec<SupportWarning>> {
        actor.require(Permission::ViewPersonalData)?;
        actor.require(Permission::ViewRegistry)?;
        let mut tx = self.db.write().await?;
        let mut warnings = Vec::new();
        for &woman_id in woman_ids {
            let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
            if warnings
                .iter()
                .any(|w: &SupportWarning| w.woman_id == woman_id)
            {
                continue;
            }
            let found = self
                .support_warnings_in_tx(tx.as_mut(), &[woman_id], woman.record.province_id, on)
                .await?;
            for warning in found {
                let detail = json!({
                    "support_warning_on": on.to_iso_string(),
                    "facilities": warning.prior.len(),
                });
                self.record_showing(tx.as_mut(), actor, HISTORY_VIEW, &woman, Some(detail))
                    .await?;
                warnings.push(warning);
            }
        }
        tx.commit().await?;
        Ok(warnings)
    }
}
