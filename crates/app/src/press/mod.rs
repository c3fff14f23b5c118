//! The provincial press summary (issue 6): the figures a public-relations office publishes
//! about a province's Hamyar groups for a fiscal year, and the Persian paragraph composed from
//! them (`hamyar_domain::press`).
//!
//! Every figure is the catalogue's (`crate::figures`), read from the figure sheet of the
//! province (a county user's: of its county) for the year up to the day counted on — today
//! while the year runs, else its last day — so the summary says what the dashboard, the
//! PDF and `hamyar report figures` say:
//!
//! - **active groups** `groups.active` and **their members** `members.active_groups`;
//! - **spent on training, job preparation and strengthening** `money.headline_spent`;
//! - **grants** `grants.committed`, `grants.paid`, `grants.groups`, `grants.women` (women
//!   with a grant of their own or a share of their group's);
//! - **graduated groups** `groups.graduated`;
//! - **women who became independent** `women.empowered`.
//!
//! `ViewMoney` is enough (public relations): the summary holds counts and sums only, no name
//! of a woman or a group. A province outside the actor's scope is `NotFound`.

use hamyar_domain::press::{PressFigures, compose_paragraph};
use hamyar_domain::{FiscalYear, JalaliDate};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::dashboard::DashboardRequest;
use crate::error::{AppError, AppResult};
use crate::figures::FigureKey;
use crate::places::load_tree;
use crate::service::App;

/// A province's press summary for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PressSummary {
    pub province_id: PlaceId,
    pub province_code: String,
    /// The day the active groups and members were counted on (Jalali, `1405-03-15`).
    pub counted_on: String,
    pub figures: PressFigures,
    pub paragraph_fa: String,
}

impl App {
    /// The press summary of `province_id` for `year`; see the module documentation.
    pub async fn press_summary(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<PressSummary> {
        actor.require(Permission::ViewMoney)?;
        if actor.scope.province().is_some_and(|own| own != province_id) {
            return Err(AppError::NotFound);
        }
        let today = self.today();
        let current_year = year.last_day() >= today;
        let counted_on = if current_year { today } else { year.last_day() };

        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        tx.commit().await?;
        let province = tree
            .get(province_id)
            .filter(|place| place.kind == ScopeKind::Province)
            .ok_or(AppError::NotFound)?
            .clone();
        let sheet = self
            .figure_sheet(
                actor,
                &DashboardRequest {
                    place_id: Some(actor.scope.county().unwrap_or(province_id)),
                    year,
                    from: None,
                    to: Some(counted_on),
                },
            )
            .await?;
        let count = |key: FigureKey| sheet.value(key).max(0) as u64;
        let figures = PressFigures {
            province_name_fa: province.name_fa.clone(),
            fiscal_year: year.year(),
            current_year,
            active_groups: count(FigureKey::ActiveGroups),
            active_members: count(FigureKey::ActiveGroupMembers),
            headline_spent_rials: sheet.value(FigureKey::HeadlineSpent),
            grants_committed_rials: sheet.value(FigureKey::GrantsCommitted),
            grants_paid_rials: sheet.value(FigureKey::GrantsPaid),
            groups_granted: count(FigureKey::GroupsGranted),
            women_granted: count(FigureKey::WomenGranted),
            graduated_groups: count(FigureKey::GroupsGraduated),
            women_independent: count(FigureKey::WomenEmpowered),
        };
        let paragraph_fa = compose_paragraph(&figures);
        Ok(PressSummary {
            province_id,
            province_code: province.code,
            counted_on: jalali_label(counted_on),
            figures,
            paragraph_fa,
        })
    }
}

fn jalali_label(day: JalaliDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}
