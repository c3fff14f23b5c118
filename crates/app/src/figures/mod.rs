//! One number, one meaning (issue 15): the catalogue of the figures Hamyar publishes
//! (`catalogue`) and their one computation for a place and a span (`sheet`). The dashboard's
//! headlines, the press summary, the provincial PDF, `hamyar report figures` and its CSV,
//! XLSX and JSON files all read their figures from a [`FigureSheet`] made here, so the same
//! key shows the same value on every surface; tests compute the sheet through each surface
//! and compare.
//!
//! A sheet and its dashboard are kept for the next reader of the same place and span until
//! anything is written (`recent`).
//!
//! The sheet is made from the place's dashboard (the kept, grouped counts) plus the members
//! of active groups, the jobs in their businesses and the women who joined groups in the
//! span (one counting query each) and the training figures (`training::report`, the
//! training report's own computation), in one call, so it holds the dashboard's scope
//! rules: a place outside the actor's scope is `NotFound`, money needs `ViewMoney`.

pub mod catalogue;
pub(crate) mod recent;
pub mod sheet;

use hamyar_domain::groups::lifecycle::ACTIVE_STAGES;

pub use catalogue::{CATALOGUE, FigureDef, FigureKey, FigurePeriod, FigureUnit};
pub use sheet::{Drill, Extras, Figure, FigurePart, FigureSheet, sheet_of};

use std::sync::Arc;

use crate::access::{Actor, Permission, ScopeKind};
use crate::dashboard::{Dashboard, DashboardRequest};
use crate::error::AppResult;
use crate::outcomes::report::{SHEET_MEASURES, outcome_cells_in, outcome_filter};
use crate::ports::groups::PlaceFilter;
use crate::service::App;
use crate::training::{tally_filter, training_figures_in};
use recent::SheetKey;

impl App {
    /// The catalogue's figures of a place and span, as the dashboard would show them.
    pub async fn figure_sheet(
        &self,
        actor: &Actor,
        request: &DashboardRequest,
    ) -> AppResult<FigureSheet> {
        Ok(self.dashboard_with_figures(actor, request).await?.1)
    }

    /// A dashboard and its figure sheet, read together so a page shows both from one reading;
    /// the same answer again while nothing has been written since (`recent`).
    pub async fn dashboard_with_figures(
        &self,
        actor: &Actor,
        request: &DashboardRequest,
    ) -> AppResult<(Dashboard, FigureSheet)> {
        actor.require(Permission::ViewDashboards)?;
        let key = SheetKey {
            scope: actor.scope,
            money: actor.can(Permission::ViewMoney),
            request: *request,
            today: self.today(),
        };
        let version = self.db.data_version().await?;
        if let Some(kept) = version
            .as_deref()
            .and_then(|version| self.recent_sheets().get(&key, version))
        {
            return Ok(kept.as_ref().clone());
        }
        let answer = self.read_dashboard_with_figures(actor, request).await?;
        if let Some(version) = version {
            self.recent_sheets()
                .put(key, version, Arc::new(answer.clone()));
        }
        Ok(answer)
    }

    /// The sheets this application keeps (one set for the `App` and its clones).
    fn recent_sheets(&self) -> Arc<recent::RecentSheets<(Dashboard, FigureSheet)>> {
        self.kept.get()
    }

    async fn read_dashboard_with_figures(
        &self,
        actor: &Actor,
        request: &DashboardRequest,
    ) -> AppResult<(Dashboard, FigureSheet)> {
        let dashboard = self.dashboard(actor, request).await?;
        let place = match dashboard.place_kind {
            ScopeKind::Country => PlaceFilter::default(),
            ScopeKind::Province => PlaceFilter {
                province_id: Some(dashboard.place.id),
                county_id: None,
            },
            ScopeKind::County => PlaceFilter {
                province_id: None,
                county_id: Some(dashboard.place.id),
            },
        };
        let stages: Vec<&str> = ACTIVE_STAGES.iter().map(|s| s.code()).collect();
        let on_today = dashboard.state_on >= self.today();
        let mut tx = self.db.read().await?;
        let active_group_members = tx
            .members_of_groups_in_stages_on(
                place,
                &stages,
                &dashboard.state_on.to_iso_string(),
                on_today,
            )
            .await?;
        // The months of the span, as the dashboard's business table counts them.
        let month =
            |day: hamyar_domain::JalaliDate| i64::from(day.year()) * 100 + i64::from(day.month());
        let business_jobs = tx
            .jobs_in_groups_in_stages_on(
                place,
                &stages,
                &dashboard.state_on.to_iso_string(),
                on_today,
                (month(dashboard.from), month(dashboard.state_on)),
            )
            .await?;
        let women_joining_groups = tx
            .women_joining_groups(place, dashboard.from, dashboard.state_on)
            .await?;
        let period = dashboard.period()?;
        let (_, training) = training_figures_in(
            tx.as_mut(),
            &tally_filter(place.province_id, place.county_id, &period),
        )
        .await?;
        let outcomes = outcome_cells_in(
            tx.as_mut(),
            &outcome_filter(place.province_id, place.county_id, &period, false),
            &SHEET_MEASURES,
        )
        .await?
        .total();
        tx.commit().await?;
        let sheet = sheet_of(
            &dashboard,
            Extras {
                active_group_members,
                business_jobs,
                women_joining_groups,
                training,
                outcomes,
                today: self.today(),
            },
        )?;
        Ok((dashboard, sheet))
    }
}
