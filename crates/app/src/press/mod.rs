//! The provincial press summary (issue 6): the figures a public-relations office publishes
//! about a province's Hamyar groups for a fiscal year, and the Persian paragraph composed from
//! them (`hamyar_domain::press`).
//!
//! Where each figure comes from:
//!
//! - **active groups** and **their members**: groups whose latest stage on the day is active
//!   or reactivated (`groups_in_stages_on`, as `App::groups_active_on` reads it), and the
//!   distinct women with a membership open on that day. The day is today while the year has
//!   not ended, else the year's last day.
//! - **spent on training, job preparation and strengthening**: `App::headline_spent`, so the
//!   summary and the budget report never disagree.
//! - **grants**: the year's grants committed and paid to groups and to women, summed from
//!   the grant records (`MoneyReportsRepo`); how many groups and women received one.
//! - **graduated groups**: groups whose first move into `graduated` took effect in the year.
//! - **women who became independent**: women whose coverage ended in the year with the exit
//!   reason «توانمند شده» (empowered), from the registry's coverage history
//!   (`DashboardRepo::dashboard_coverage_exits`, the figure the dashboards show).
//!
//! `ViewMoney` is enough (public relations): the summary holds counts and sums only, no name
//! of a woman or a group. A county user's summary covers its county. A province outside the
//! actor's scope is `NotFound`.

use hamyar_domain::groups::GroupStage;
use hamyar_domain::groups::lifecycle::ACTIVE_STAGES;
use hamyar_domain::press::{PressFigures, compose_paragraph};
use hamyar_domain::registry::ExitReason;
use hamyar_domain::{FiscalYear, JalaliDate};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::dashboard::{AreaLevel, DashboardFilter};
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::ports::money_reports::RecipientMoneyFilter;
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
        let place = PlaceFilter {
            province_id: Some(province_id),
            county_id: actor.scope.county(),
        };

        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let province = tree
            .get(province_id)
            .filter(|place| place.kind == ScopeKind::Province)
            .ok_or(AppError::NotFound)?
            .clone();

        let active_stages: Vec<&str> = ACTIVE_STAGES.iter().map(|s| s.code()).collect();
        let active = tx
            .groups_in_stages_on(place, &active_stages, &counted_on.to_iso_string())
            .await?;
        let active_members =
            members_on(tx.as_mut(), &active, |_| Some(counted_on.to_iso_string())).await?;

        let from = year.first_day().to_iso_string();
        let until = year.last_day().add_days(1).to_iso_string();
        let graduated = tx
            .groups_entering_stage_between(place, GroupStage::Graduated.code(), &from, &until)
            .await?;
        let exits = tx
            .dashboard_coverage_exits(
                DashboardFilter {
                    province_id: Some(province_id),
                    county_id: actor.scope.county(),
                    level: AreaLevel::Province,
                },
                &from,
                &until,
            )
            .await?;
        let women_independent = exits
            .iter()
            .filter(|exit| exit.code == ExitReason::Empowered.code())
            .map(|exit| exit.count.max(0) as u64)
            .sum();

        let filter = RecipientMoneyFilter {
            fiscal_year: year.year(),
            province_id,
            county_id: actor.scope.county(),
        };
        let by_group = tx.money_by_group(filter).await?;
        let by_woman = tx.money_by_woman(filter).await?;
        tx.commit().await?;

        let out_of_range = || AppError::Internal("press summary out of range".into());
        let mut grants_committed_rials: i64 = 0;
        let mut grants_paid_rials: i64 = 0;
        for row in by_group.iter().chain(by_woman.iter()) {
            grants_committed_rials = grants_committed_rials
                .checked_add(row.grants_committed_rials)
                .ok_or_else(out_of_range)?;
            grants_paid_rials = grants_paid_rials
                .checked_add(row.grants_paid_rials)
                .ok_or_else(out_of_range)?;
        }
        let granted = |rows: &[crate::ports::money_reports::RecipientMoneyRow]| {
            rows.iter()
                .filter(|row| row.grants_committed_rials > 0)
                .count() as u64
        };

        let headline = self
            .headline_spent(actor, Some(province_id), year, None)
            .await?;

        let figures = PressFigures {
            province_name_fa: province.name_fa.clone(),
            fiscal_year: year.year(),
            current_year,
            active_groups: active.len() as u64,
            active_members,
            headline_spent_rials: headline.total_rials,
            grants_committed_rials,
            grants_paid_rials,
            groups_granted: granted(&by_group),
            women_granted: granted(&by_woman),
            graduated_groups: graduated.len() as u64,
            women_independent,
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

/// The distinct women with a membership of one of `groups` open on the day `day_of` gives
/// for the group (ISO date): joined on or before it and not left before it.
async fn members_on(
    tx: &mut dyn Tx,
    groups: &[GroupId],
    day_of: impl Fn(GroupId) -> Option<String>,
) -> AppResult<u64> {
    let mut women = std::collections::BTreeSet::new();
    for group_id in groups {
        let Some(day) = day_of(*group_id) else {
            continue;
        };
        for member in tx.members_of_group(*group_id).await? {
            let membership = member.membership;
            let joined = membership.joined_on.as_str() <= day.as_str();
            let still_there = membership
                .left_on
                .as_deref()
                .is_none_or(|left| left >= day.as_str());
            if joined && still_there {
                women.insert(membership.woman_id);
            }
        }
    }
    Ok(women.len() as u64)
}

fn jalali_label(day: JalaliDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}
