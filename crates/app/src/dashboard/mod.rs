//! Dashboards (issue 6): for a place — the country, a province or a county, never wider than
//! the user's own scope — and a span of a fiscal year, what a director general or an expert
//! reads every week: groups by stage and their moves, members, women covered, waiting and
//! exited, grants, visits done against those owed, the groups' business, and the money of the
//! year against its budget. The country is split by province, a province by county, so that
//! areas can be compared side by side; a county is one area.
//!
//! Every figure is a count or a sum (no person, no group name), read by grouped queries of
//! the `DashboardRepo` port in one read transaction, so a dashboard holds together and stays
//! fast at national volume (`docs/BENCHMARKS.md`). Money needs `ViewMoney`; without it the
//! dashboard has no money part. Reading a dashboard is not audited: it shows no record.
//!
//! Visits are counted both ways `group_life::visit_figures` defines: kept against owed per
//! period of the span, and — while the span reaches today — today's overdue follow-ups and
//! groups owed a visit, from the same function as the work list (`/visits/due`).
//!
//! Women's coverage is the registry's status today (the registry keeps no status per past
//! day cheaply enough to count); everything else follows the span (`period`).

mod period;
mod tally;

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::group_life::NoVisitMonths;
use hamyar_domain::registry::ExitReason;
use hamyar_domain::{FiscalYear, JalaliDate};
use serde::Serialize;

pub use period::{DashboardPeriod, add_months, month_key};
pub use tally::{AreaFigures, AreaMoney, AreaRef, CoverageTally, StageBucket, StageTally};

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::budget::figures;
use crate::error::{AppError, AppResult};
use crate::group_life::settings::no_visit_months_in;
use crate::group_life::visit_figures::{VisitDutyToday, duty_on};
use crate::places::{Place, PlaceTree, load_tree};
use crate::ports::Tx;
use crate::ports::dashboard::{AreaLevel, DashboardFilter, StageMoveCount};
use crate::ports::groups::PlaceFilter;
use crate::service::App;

/// What a dashboard is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardRequest {
    /// The place to show; the actor's own place when `None`.
    pub place_id: Option<PlaceId>,
    pub year: FiscalYear,
    pub from: Option<JalaliDate>,
    pub to: Option<JalaliDate>,
}

/// Moves into stages in one Jalali month of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthMoves {
    pub year: i32,
    pub month: u8,
    pub entered: StageTally,
}

/// The money part: the year's lines per area and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DashboardMoney {
    /// Kept balances (the whole year so far) or movements inside the span.
    pub whole_year: bool,
    pub areas: Vec<AreaMoney>,
    pub total: AreaMoney,
}

/// A dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub place: AreaRef,
    pub place_kind: ScopeKind,
    /// Provinces for the country, counties for a province or a county.
    pub area_kind: ScopeKind,
    pub fiscal_year: i32,
    pub from: JalaliDate,
    pub to: JalaliDate,
    pub state_on: JalaliDate,
    pub areas: Vec<AreaFigures>,
    pub total: AreaFigures,
    pub months: Vec<MonthMoves>,
    pub money: Option<DashboardMoney>,
    /// The place's work list figures today, while the span reaches today.
    pub visits_today: Option<VisitDutyToday>,
}

impl Dashboard {
    pub fn period(&self) -> AppResult<DashboardPeriod> {
        Ok(DashboardPeriod {
            year: FiscalYear::new(self.fiscal_year)
                .map_err(|e| AppError::Internal(e.to_string()))?,
            from: self.from,
            to: self.to,
            state_on: self.state_on,
        })
    }
}

impl App {
    /// The dashboard of a place for a span of a fiscal year; see the module documentation.
    pub async fn dashboard(
        &self,
        actor: &Actor,
        request: &DashboardRequest,
    ) -> AppResult<Dashboard> {
        actor.require(Permission::ViewDashboards)?;
        let today = self.today();
        let period = DashboardPeriod::resolve(request.year, request.from, request.to, today)?;
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let place = match request.place_id {
            Some(id) => tree.get(id).ok_or(AppError::NotFound)?.clone(),
            None => own_place(&tree, actor.scope)?.clone(),
        };
        let place_scope = tree.scope_of(place.id).ok_or(AppError::NotFound)?;
        if !actor.scope.contains(place_scope) {
            return Err(AppError::NotFound);
        }
        let (level, area_kind) = match place.kind {
            ScopeKind::Country => (AreaLevel::Province, ScopeKind::Province),
            ScopeKind::Province | ScopeKind::County => (AreaLevel::County, ScopeKind::County),
        };
        let filter = DashboardFilter {
            province_id: place_scope.province(),
            county_id: place_scope.county(),
            level,
        };
        let areas: Vec<&Place> = match place_scope {
            Scope::Country => tree.provinces().collect(),
            Scope::Province(province) => tree.counties_of(province).collect(),
            Scope::County { .. } => vec![&place],
        };
        let mut rows: Vec<AreaFigures> = areas
            .iter()
            .map(|p| AreaFigures {
                area: area_ref(p),
                ..AreaFigures::default()
            })
            .collect();
        let moves = tx
            .dashboard_stage_moves(filter, &period.from_iso(), &period.until_iso())
            .await?;
        let members_total =
            read_figures(tx.as_mut(), filter, &period, today, &moves, &mut rows).await?;
        read_visit_duty(tx.as_mut(), filter, &period, &tree, &mut rows).await?;
        let visits_today = if period.state_on == today {
            let place = PlaceFilter {
                province_id: filter.province_id,
                county_id: filter.county_id,
            };
            Some(duty_on(tx.as_mut(), place, today).await?)
        } else {
            None
        };
        let months = read_months(&period, &moves)?;
        let money = if actor.can(Permission::ViewMoney) {
            Some(read_money(tx.as_mut(), filter, &period, today, &areas).await?)
        } else {
            None
        };
        tx.commit().await?;

        let mut total = AreaFigures {
            area: area_ref(&place),
            ..AreaFigures::default()
        };
        for row in &rows {
            total.add(row);
        }
        total.members = members_total;
        Ok(Dashboard {
            place: area_ref(&place),
            place_kind: place.kind,
            area_kind,
            fiscal_year: period.year.year(),
            from: period.from,
            to: period.to,
            state_on: period.state_on,
            areas: rows,
            total,
            months,
            money,
            visits_today,
        })
    }
}

fn own_place(tree: &PlaceTree, scope: Scope) -> AppResult<&Place> {
    let place = match scope {
        Scope::Country => tree.country(),
        Scope::Province(id) => tree.get(id),
        Scope::County { county, .. } => tree.get(county),
    };
    place.ok_or(AppError::NotFound)
}

fn area_ref(place: &Place) -> AreaRef {
    AreaRef {
        id: place.id,
        code: place.code.clone(),
        name_fa: place.name_fa.clone(),
        name_en: place.name_en.clone(),
    }
}

fn row_of(rows: &mut [AreaFigures], area_id: PlaceId) -> Option<&mut AreaFigures> {
    rows.iter_mut().find(|row| row.area.id == area_id)
}

/// Stages, moves (read once by the caller, for the areas and the months), members, women,
/// exits, grants, visits done and business; returns the distinct members over all areas.
async fn read_figures(
    tx: &mut dyn Tx,
    filter: DashboardFilter,
    period: &DashboardPeriod,
    today: JalaliDate,
    moves: &[StageMoveCount],
    rows: &mut [AreaFigures],
) -> AppResult<i64> {
    let from = period.from_iso();
    let until = period.until_iso();
    let state_on = period.state_on.to_iso_string();

    let stages = if period.state_on == today {
        tx.dashboard_groups_by_stage(filter).await?
    } else {
        tx.dashboard_groups_by_stage_on(filter, &state_on).await?
    };
    for count in stages {
        if let Some(row) = row_of(rows, count.area_id) {
            row.groups.add_code(&count.code, count.count);
        }
    }
    for moved in moves {
        if let Some(row) = row_of(rows, moved.area_id) {
            row.entered.add_code(moved.stage.code(), moved.count);
        }
    }
    let (members, members_total) = tx.dashboard_members_on(filter, &state_on).await?;
    for count in members {
        if let Some(row) = row_of(rows, count.area_id) {
            row.members = count.count;
        }
    }
    for count in tx.dashboard_women_by_status(filter).await? {
        if let Some(row) = row_of(rows, count.area_id) {
            row.women.add_code(&count.code, count.count);
        }
    }
    for count in tx.dashboard_coverage_exits(filter, &from, &until).await? {
        if let Some(row) = row_of(rows, count.area_id) {
            row.exits += count.count;
            if count.code == ExitReason::Empowered.code() {
                row.empowered += count.count;
            }
        }
    }
    for grants in tx
        .dashboard_grants(filter, period.year.year(), &until)
        .await?
    {
        if let Some(row) = row_of(rows, grants.area_id) {
            row.grants = grants.grants;
            row.groups_granted = grants.groups;
            row.women_granted = grants.women;
            row.grants_committed_rials = grants.committed_rials;
            row.grants_paid_rials = grants.paid_rials;
        }
    }
    for count in tx.dashboard_visits_done(filter, &from, &until).await? {
        if let Some(row) = row_of(rows, count.area_id) {
            row.visits_done = count.count;
        }
    }
    let (first, last) = period.month_keys();
    for business in tx.dashboard_business(filter, first, last).await? {
        if let Some(row) = row_of(rows, business.area_id) {
            row.business_groups = business.groups_reporting;
            row.business_months = business.months_reported;
            row.revenue_rials = business.revenue_rials;
            row.profit_rials = business.profit_rials;
        }
    }
    Ok(members_total)
}

/// Visits owed and kept, with each province's own visiting cycle: one query for the
/// provinces on a cycle, so a country-wide dashboard asks once per distinct cycle.
async fn read_visit_duty(
    tx: &mut dyn Tx,
    filter: DashboardFilter,
    period: &DashboardPeriod,
    tree: &PlaceTree,
    rows: &mut [AreaFigures],
) -> AppResult<()> {
    let provinces: Vec<PlaceId> = match filter.province_id {
        Some(province) => vec![province],
        None => tree.provinces().map(|p| p.id).collect(),
    };
    let mut cycles: Vec<(NoVisitMonths, Vec<PlaceId>)> = Vec::new();
    for province in provinces {
        let months = no_visit_months_in(tx, province).await?;
        match cycles.iter_mut().find(|(m, _)| *m == months) {
            Some((_, members)) => members.push(province),
            None => cycles.push((months, vec![province])),
        }
    }
    let default = NoVisitMonths::default();
    // The most common cycle is asked for across the filter; the others province by province.
    cycles.sort_by_key(|(months, members)| (std::cmp::Reverse(members.len()), *months != default));
    for (index, (months, members)) in cycles.iter().enumerate() {
        let windows = period.visit_windows(months.months());
        let scoped: Vec<DashboardFilter> = if index == 0 {
            vec![filter]
        } else {
            members
                .iter()
                .map(|province| DashboardFilter {
                    province_id: Some(*province),
                    ..filter
                })
                .collect()
        };
        for scoped_filter in scoped {
            for duty in tx.dashboard_visit_duty(scoped_filter, &windows).await? {
                if let Some(row) = row_of(rows, duty.area_id) {
                    row.visits_owed = duty.owed;
                    row.visits_kept = duty.kept;
                }
            }
        }
    }
    Ok(())
}

/// Moves into each stage, per Jalali month of the period (all areas together).
fn read_months(period: &DashboardPeriod, moves: &[StageMoveCount]) -> AppResult<Vec<MonthMoves>> {
    let mut months: Vec<MonthMoves> = Vec::new();
    let mut day = period.from.first_of_month();
    while day <= period.state_on {
        months.push(MonthMoves {
            year: day.year(),
            month: day.month(),
            entered: StageTally::default(),
        });
        day = add_months(day, 1);
    }
    for moved in moves {
        let (year, month) = (moved.month / 100, moved.month % 100);
        if let Some(found) = months
            .iter_mut()
            .find(|m| m.year == year && i32::from(m.month) == month)
        {
            found.entered.add_code(moved.stage.code(), moved.count);
        }
    }
    Ok(months)
}

/// The year's money per area and category (a province's undivided lines are its own row,
/// «ستاد استان», on a province's dashboard).
async fn read_money(
    tx: &mut dyn Tx,
    filter: DashboardFilter,
    period: &DashboardPeriod,
    today: JalaliDate,
    areas: &[&Place],
) -> AppResult<DashboardMoney> {
    // Kept balances hold every posting so far: the answer when the span is the year up to
    // today. A past span sums its postings instead.
    let whole_year = period.from == period.year.first_day() && period.state_on == today;
    let until = period.until_iso();
    let from = period.from_iso();
    let span = (!whole_year).then_some((from.as_str(), until.as_str()));
    let balances = tx
        .dashboard_line_balances(filter, period.year.year(), span)
        .await?;
    let mut rows: Vec<AreaMoney> = areas
        .iter()
        .map(|p| AreaMoney::empty(area_ref(p)))
        .collect();
    if filter.level == AreaLevel::County && filter.county_id.is_none() {
        rows.insert(
            0,
            AreaMoney::empty(AreaRef {
                id: PlaceId::new(0),
                code: String::new(),
                name_fa: "ستاد استان".into(),
                name_en: "Province headquarters".into(),
            }),
        );
    }
    let mut total = AreaMoney::empty(AreaRef::default());
    for line in balances {
        let Some(category) = BudgetCategory::parse(&line.category) else {
            continue;
        };
        let line_figures = figures(line.budget, line.expense, line.commitments)?;
        if let Some(row) = rows.iter_mut().find(|row| row.area.id == line.area_id) {
            row.add(category, line_figures);
            total.add(category, line_figures);
        }
    }
    Ok(DashboardMoney {
        whole_year,
        areas: rows,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamyar_domain::groups::GroupStage;

    #[test]
    fn stage_buckets_cover_every_stage_once() {
        let mut seen: Vec<GroupStage> = StageBucket::ALL
            .iter()
            .flat_map(|bucket| bucket.stages().iter().copied())
            .collect();
        seen.sort_by_key(|stage| stage.code());
        let mut all = GroupStage::ALL.to_vec();
        all.sort_by_key(|stage| stage.code());
        assert_eq!(seen, all);
    }
}
