//! Spending per group and per woman in a fiscal year: what was committed and paid for each
//! group (payments linked to it, grants made to it) and each woman (payments linked to her,
//! grants made to her alone — her share of a group's grant is in her facility history). Both
//! lists name their recipients, so they need `ViewMoneyRecords` (public relations reads the
//! figures in the budget report instead). A county user sees its county's recipients; the
//! list of women also needs `ViewPersonalData` and each reading is audited, naming every woman
//! listed as a subject.

use hamyar_domain::FiscalYear;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::ports::money_reports::{RecipientMoneyFilter, RecipientMoneyRow};
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry};

/// Whose money a recipients report lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientKind {
    Group,
    Woman,
}

impl App {
    /// The year's money per group or per woman of a province (the actor's county only, for
    /// a county user), ordered by group code or by name.
    pub async fn money_by_recipient(
        &self,
        actor: &Actor,
        kind: RecipientKind,
        province_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<Vec<RecipientMoneyRow>> {
        actor.require(Permission::ViewMoneyRecords)?;
        if kind == RecipientKind::Woman {
            actor.require(Permission::ViewPersonalData)?;
        }
        if actor.scope.province().is_some_and(|own| own != province_id) {
            return Err(AppError::NotFound);
        }
        let filter = RecipientMoneyFilter {
            fiscal_year: year.year(),
            province_id,
            county_id: actor.scope.county(),
        };
        match kind {
            RecipientKind::Group => {
                let mut tx = self.db.read().await?;
                let rows = tx.money_by_group(filter).await?;
                tx.commit().await?;
                Ok(rows)
            }
            RecipientKind::Woman => {
                let mut tx = self.db.write().await?;
                let rows = tx.money_by_woman(filter).await?;
                let women = rows
                    .iter()
                    .map(|row| (WomanId::new(row.recipient_id), province_id, row.county_id));
                self.audit_with_subjects_in_tx(
                    tx.as_mut(),
                    AuditEntry {
                        actor,
                        action: "money.view_women",
                        entity_kind: "money_report",
                        entity_id: format!("{province_id}.{}", year.year()),
                        province_id: Some(province_id),
                        county_id: filter.county_id,
                        before: None,
                        after: Some(json!({
                            "women": rows.iter().map(|row| row.recipient_id).collect::<Vec<_>>(),
                        })),
                    },
                    women_subjects(women),
                )
                .await?;
                tx.commit().await?;
                Ok(rows)
            }
        }
    }
}
