//! The `DashboardRepo` port: the counts and sums a dashboard draws, each grouped by *area* —
//! the province or the county a row belongs to — so that one query answers for every area of
//! the scope at once. Nothing here returns a person or a group: only areas, codes, counts and
//! sums, which is why public relations may read a dashboard.
//!
//! Dates are ISO (`2026-03-21`); a range is `from` inclusive to `until` exclusive, like the
//! rest of the store.

use async_trait::async_trait;
use hamyar_domain::groups::GroupStage;

use super::StoreResult;
use crate::access::PlaceId;

/// Which column an area is: a row's province or its county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaLevel {
    Province,
    County,
}

impl AreaLevel {
    /// The column of the area on tables that carry `province_id` and `county_id`.
    pub fn column(self) -> &'static str {
        match self {
            AreaLevel::Province => "province_id",
            AreaLevel::County => "county_id",
        }
    }
}

/// The places a dashboard covers and how it splits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub level: AreaLevel,
}

/// How many rows of one area carry one code (a stage, a coverage status, an exit reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCodeCount {
    pub area_id: PlaceId,
    pub code: String,
    pub count: i64,
}

/// A number per area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaCount {
    pub area_id: PlaceId,
    pub count: i64,
}

/// Moves of groups into one stage in one Jalali month (`year * 100 + month`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageMoveCount {
    pub area_id: PlaceId,
    pub stage: GroupStage,
    pub month: i32,
    pub count: i64,
}

/// The sums of one area's budget lines of one category, as raw ledger balances (debit
/// positive): the budget and open-commitment accounts are credit-normal, the expense
/// account debit-normal (`hamyar_app::budget::figures` turns them into what people read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaLineBalances {
    pub area_id: PlaceId,
    pub category: String,
    pub budget: i64,
    pub expense: i64,
    pub commitments: i64,
}

/// An area's grants of a fiscal year that were ever approved: how many, to how many distinct
/// groups and women, committed (approved or paid tranches) and paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaGrants {
    pub area_id: PlaceId,
    pub grants: i64,
    pub groups: i64,
    /// Women with a grant of their own or a share of their group's approved tranche.
    pub women: i64,
    pub committed_rials: i64,
    pub paid_rials: i64,
}

/// A window of the visiting cycle: a group under follow-up at some time in `[from, until)`
/// owes one visit in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitWindow {
    pub from: String,
    pub until: String,
}

/// Per area, over a set of windows: the group-windows that owed a visit and those among them
/// with at least one visit recorded inside the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaVisitDuty {
    pub area_id: PlaceId,
    pub owed: i64,
    pub kept: i64,
}

/// The business months an area's groups recorded in a span of Jalali months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaBusiness {
    pub area_id: PlaceId,
    pub groups_reporting: i64,
    pub months_reported: i64,
    pub revenue_rials: i64,
    pub profit_rials: i64,
}

#[async_trait]
pub trait DashboardRepo {
    /// Groups per area and current stage.
    async fn dashboard_groups_by_stage(
        &mut self,
        filter: DashboardFilter,
    ) -> StoreResult<Vec<AreaCodeCount>>;

    /// Groups per area and the stage of their latest move effective on or before `on`;
    /// groups with no move by then are not counted.
    async fn dashboard_groups_by_stage_on(
        &mut self,
        filter: DashboardFilter,
        on: &str,
    ) -> StoreResult<Vec<AreaCodeCount>>;

    /// Moves into each stage effective in `[from, until)`, per area, stage and Jalali month.
    async fn dashboard_stage_moves(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<StageMoveCount>>;

    /// Distinct women per area (the group's) with a membership open on `on`, in groups not
    /// dissolved or graduated on or before `on`; and the distinct women over all areas (a
    /// province may let a woman belong to two groups). A membership counts from the day she
    /// joined through the day she left.
    async fn dashboard_members_on(
        &mut self,
        filter: DashboardFilter,
        on: &str,
    ) -> StoreResult<(Vec<AreaCount>, i64)>;

    /// Women of the registry (merged duplicates left out) per area and current coverage status.
    async fn dashboard_women_by_status(
        &mut self,
        filter: DashboardFilter,
    ) -> StoreResult<Vec<AreaCodeCount>>;

    /// Exits from coverage effective in `[from, until)` per area and exit reason.
    async fn dashboard_coverage_exits(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<AreaCodeCount>>;

    /// The year's budget lines per area and category: kept balances when `span` is `None`,
    /// else the budget as of the day before `span.1` and the expense and commitment movements
    /// effective in `[span.0, span.1)`.
    async fn dashboard_line_balances(
        &mut self,
        filter: DashboardFilter,
        fiscal_year: i32,
        span: Option<(&str, &str)>,
    ) -> StoreResult<Vec<AreaLineBalances>>;

    /// The fiscal year's grants per area as they stood before `until` (ISO, exclusive): a
    /// tranche counts as committed from its approval day and as paid from its payment day.
    async fn dashboard_grants(
        &mut self,
        filter: DashboardFilter,
        fiscal_year: i32,
        until: &str,
    ) -> StoreResult<Vec<AreaGrants>>;

    /// Visits recorded in `[from, until)` per area.
    async fn dashboard_visits_done(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<AreaCount>>;

    /// For each window, the groups under follow-up in it (registered before its end and not
    /// dissolved or graduated before its start) and which of them were visited in it while
    /// under follow-up (from the day of registration through the day of the end), summed over
    /// the windows per area.
    async fn dashboard_visit_duty(
        &mut self,
        filter: DashboardFilter,
        windows: &[VisitWindow],
    ) -> StoreResult<Vec<AreaVisitDuty>>;

    /// Business months recorded for Jalali months `first..=last` (each `year * 100 + month`)
    /// per area.
    async fn dashboard_business(
        &mut self,
        filter: DashboardFilter,
        first: i32,
        last: i32,
    ) -> StoreResult<Vec<AreaBusiness>>;
}
