//! The yearly plan (issue 19): per province or county and fiscal year, targets for groups
//! formed, women joining groups, women trained, visits made and women exiting as empowered
//! (`hamyar_domain::plan` holds the values and rules), and the plan read against what was
//! achieved, month by month.
//!
//! **Achieved** is never counted here. Each target is a figure of the catalogue
//! (`crate::figures`) — `groups.formed`, `members.joined`, `training.women`,
//! `visits.recorded`, `women.empowered` ([`figure_of`]) — and the achievement by the end of a
//! month is that figure on the figure sheet of the place from the first day of the fiscal
//! year to the month's last day, the very sheet the dashboard shows for that span. Women
//! counted once in a span (joining, trained) are therefore counted once in the year to date,
//! not once per month. **Planned** by a month's end is the target spread evenly over the
//! twelve months (`plan::planned_to_date`). The empowered target, when left empty, is 10 % of
//! the women covered on the year's first day, rounded up, computed on every reading.
//!
//! Reading needs `ViewDashboards` and a place in the actor's scope (else `NotFound`), like the
//! dashboard. Setting needs `ManageGroupSettings` — provincial experts for their province and
//! its counties, the national office and administrators anywhere; county experts read their
//! county's plan but the province sets it. Setting again replaces the plan; each setting is
//! audited as `plan.set` with the plan before and after, so the trail keeps its history. A
//! refused form changes nothing.

use hamyar_domain::plan::{
    PlanForm, PlanTarget, PlanTargets, default_empowered_target, planned_to_date, share_percent,
};
use hamyar_domain::{FiscalYear, JalaliDate, Message, MessageArg};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::dashboard::{AreaRef, DashboardRequest};
use crate::error::{AppError, AppResult, FieldError};
use crate::figures::{Drill, FigureDef, FigureKey, FigureSheet, catalogue};
use crate::places::{Place, PlaceTree};
use crate::ports::Tx;
use crate::ports::groups::PlaceFilter;
use crate::ports::yearly_plans::YearlyPlanRow;
use crate::service::{App, AuditEntry, actor_name};

/// How many years after the current one a plan may be set for.
pub const YEARS_AHEAD: i32 = 1;

/// The earliest fiscal year a plan may be set for (a province typing its past plans in).
pub const EARLIEST_YEAR: i32 = 1380;

/// The catalogue figure a target is measured by.
pub fn figure_of(target: PlanTarget) -> FigureKey {
    match target {
        PlanTarget::GroupsFormed => FigureKey::GroupsFormed,
        PlanTarget::WomenJoining => FigureKey::WomenJoining,
        PlanTarget::WomenTrained => FigureKey::TrainingWomen,
        PlanTarget::VisitsMade => FigureKey::VisitsRecorded,
        PlanTarget::WomenEmpowered => FigureKey::WomenEmpowered,
    }
}

/// A place's plan for a year, as stored, with the numbers its default rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearlyPlan {
    pub place: AreaRef,
    pub place_kind: ScopeKind,
    pub fiscal_year: i32,
    /// `None` when no plan was set for the place and year.
    #[serde(skip)]
    pub row: Option<YearlyPlanRow>,
    /// The women covered on the year's first day (the default's base).
    pub covered_at_start: i64,
    /// 10 % of them, rounded up.
    pub empowered_default: i64,
}

impl YearlyPlan {
    /// The yearly target of `target`: the typed one, or the default for an empty empowered
    /// target; `None` without a plan.
    pub fn target(&self, target: PlanTarget) -> Option<i64> {
        let row = self.row.as_ref()?;
        Some(row.targets.own(target).unwrap_or(self.empowered_default))
    }

    /// True when the plan leaves its empowered target to the default.
    pub fn empowered_is_default(&self) -> bool {
        self.row
            .as_ref()
            .is_some_and(|row| row.targets.women_empowered.is_none())
    }

    /// A place can have a plan: a province or a county, not the country.
    pub fn plannable(&self) -> bool {
        self.place_kind != ScopeKind::Country
    }
}

/// A target's achievement and plan by the end of one month, both cumulative from the year's
/// first day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthProgress {
    /// Jalali month 1–12 of the fiscal year.
    pub month: u8,
    /// The month's last day (or the year's last counted day).
    pub to: JalaliDate,
    pub achieved: i64,
    /// `None` without a plan.
    pub planned: Option<i64>,
    /// Achieved as a whole percentage of planned; `None` when nothing is planned.
    pub share_percent: Option<i64>,
}

/// One target read against what was achieved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetProgress {
    pub target: PlanTarget,
    /// The catalogue figure that counts it.
    pub figure: &'static FigureDef,
    /// The yearly target, `None` without a plan.
    pub yearly: Option<i64>,
    /// True when the yearly target is the default.
    pub is_default: bool,
    /// The months that have begun, in order.
    pub months: Vec<MonthProgress>,
    /// The records the figure counts, when the catalogue offers a list.
    pub drill: Option<Drill>,
}

impl TargetProgress {
    /// The latest month's numbers: the plan against achievement to date.
    pub fn to_date(&self) -> Option<&MonthProgress> {
        self.months.last()
    }

    /// Achieved to date as a share of the whole year's target.
    pub fn share_of_year(&self) -> Option<i64> {
        let achieved = self.to_date().map_or(0, |m| m.achieved);
        share_percent(achieved, self.yearly?)
    }
}

/// A place's plan against its achievement for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanAgainstAchievement {
    pub plan: YearlyPlan,
    pub targets: Vec<TargetProgress>,
    /// The sheet of the year to date (drill links are built from it); `None` before the year
    /// has begun.
    pub sheet: Option<FigureSheet>,
}

impl PlanAgainstAchievement {
    pub fn target(&self, target: PlanTarget) -> Option<&TargetProgress> {
        self.targets.iter().find(|t| t.target == target)
    }
}

impl App {
    /// The plan of a place (the actor's own when `None`) for a fiscal year.
    pub async fn yearly_plan(
        &self,
        actor: &Actor,
        place_id: Option<PlaceId>,
        year: FiscalYear,
    ) -> AppResult<YearlyPlan> {
        actor.require(Permission::ViewDashboards)?;
        let tree = self.place_tree().await?;
        let place = place_in_scope(&tree, actor, place_id)?;
        let mut tx = self.db.read().await?;
        let plan = read_plan(tx.as_mut(), &tree, place, year).await?;
        tx.commit().await?;
        Ok(plan)
    }

    /// The plan of a place for a fiscal year against what was achieved, month by month up to
    /// the month of today (every month of a past year); see the module documentation.
    pub async fn plan_against_achievement(
        &self,
        actor: &Actor,
        place_id: Option<PlaceId>,
        year: FiscalYear,
    ) -> AppResult<PlanAgainstAchievement> {
        let plan = self.yearly_plan(actor, place_id, year).await?;
        let last = self.last_month_begun(year);
        self.progress(actor, plan, year, 1..=last).await
    }

    /// The plan against achievement to date only (the latest month begun), for the surfaces
    /// that show one line per target: the dashboard's section, the monthly report and the
    /// press summary. `None` when the place has no plan for the year.
    pub async fn plan_to_date(
        &self,
        actor: &Actor,
        place_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<Option<PlanAgainstAchievement>> {
        let plan = self.yearly_plan(actor, Some(place_id), year).await?;
        if plan.row.is_none() {
            return Ok(None);
        }
        let last = self.last_month_begun(year);
        Ok(Some(self.progress(actor, plan, year, last..=last).await?))
    }

    /// The year's empowered target of a place that has a plan (typed, or the default), for a
    /// caller that has already checked the actor may read the place (the press summary).
    pub(crate) async fn empowered_target_of(
        &self,
        place_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<Option<i64>> {
        let tree = self.place_tree().await?;
        let place = tree.get(place_id).ok_or(AppError::NotFound)?;
        let mut tx = self.db.read().await?;
        let plan = read_plan(tx.as_mut(), &tree, place, year).await?;
        tx.commit().await?;
        Ok(plan.target(PlanTarget::WomenEmpowered))
    }

    /// The last Jalali month of `year` that has begun: 0 before it, 12 after it.
    fn last_month_begun(&self, year: FiscalYear) -> u8 {
        let today = self.today();
        if year.first_day() > today {
            0
        } else if year.last_day() <= today {
            12
        } else {
            today.month()
        }
    }

    /// Each target's achievement and plan at the end of each of `months` (month 0 is none).
    async fn progress(
        &self,
        actor: &Actor,
        plan: YearlyPlan,
        year: FiscalYear,
        months: std::ops::RangeInclusive<u8>,
    ) -> AppResult<PlanAgainstAchievement> {
        let mut targets: Vec<TargetProgress> = PlanTarget::ALL
            .iter()
            .map(|&target| TargetProgress {
                target,
                figure: catalogue::def(figure_of(target)),
                yearly: plan.target(target),
                is_default: target == PlanTarget::WomenEmpowered && plan.empowered_is_default(),
                months: Vec::new(),
                drill: None,
            })
            .collect();
        let mut sheet = None;
        for month in months.filter(|m| *m >= 1) {
            let to = JalaliDate::new(year.year(), month, 1)
                .map_err(|e| AppError::Internal(e.to_string()))?
                .last_of_month();
            let month_sheet = self
                .figure_sheet(
                    actor,
                    &DashboardRequest {
                        place_id: Some(plan.place.id),
                        year,
                        from: None,
                        to: Some(to),
                    },
                )
                .await?;
            for progress in &mut targets {
                let figure = month_sheet.get(figure_of(progress.target));
                let achieved = figure.map_or(0, |f| f.value);
                progress.drill = figure.and_then(|f| f.drill.clone());
                let planned = progress.yearly.map(|yearly| planned_to_date(yearly, month));
                progress.months.push(MonthProgress {
                    month,
                    to,
                    achieved,
                    planned,
                    share_percent: planned.and_then(|p| share_percent(achieved, p)),
                });
            }
            sheet = Some(month_sheet);
        }
        Ok(PlanAgainstAchievement {
            plan,
            targets,
            sheet,
        })
    }

    /// Sets (or replaces) the plan of a province or county for a fiscal year from the typed
    /// form; see the module documentation.
    pub async fn set_yearly_plan(
        &self,
        actor: &Actor,
        place_id: PlaceId,
        year: FiscalYear,
        form: &PlanForm,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroupSettings)?;
        let tree = self.place_tree().await?;
        let place = place_in_scope(&tree, actor, Some(place_id))?;
        let mut problems: Vec<FieldError> = Vec::new();
        if place.kind == ScopeKind::Country {
            problems.push(FieldError::new(
                "place",
                Message::new("plan-place_province_or_county"),
            ));
        }
        let latest = FiscalYear::of(self.today()).year() + YEARS_AHEAD;
        if !(EARLIEST_YEAR..=latest).contains(&year.year()) {
            problems.push(FieldError::new(
                "year",
                Message::new("plan-year_out_of_range")
                    .arg("from", MessageArg::digits(EARLIEST_YEAR))
                    .arg("to", MessageArg::digits(latest)),
            ));
        }
        let draft = form.parse().map_err(|found| {
            found
                .into_iter()
                .map(|p| FieldError::new(p.field, p.message))
                .collect::<Vec<_>>()
        });
        let draft = match (draft, problems.is_empty()) {
            (Ok(draft), true) => draft,
            (Ok(_), false) => return Err(AppError::Invalid(problems)),
            (Err(found), _) => {
                problems.extend(found);
                return Err(AppError::Invalid(problems));
            }
        };
        let (province_id, county_id) = province_and_county(&tree, place)?;
        let mut tx = self.db.write().await?;
        let before = tx.yearly_plan(place.id, year.year()).await?;
        let row = YearlyPlanRow {
            place_id: place.id,
            province_id,
            county_id,
            fiscal_year: year.year(),
            targets: draft.targets,
            note: draft.note,
            set_by: actor.user_id,
            set_by_name: actor_name(tx.as_mut(), actor).await?,
            set_at: self.now(),
        };
        tx.put_yearly_plan(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "plan.set",
                entity_kind: "yearly_plan",
                entity_id: format!("{}/{}", place.id, year.year()),
                province_id: Some(province_id),
                county_id,
                before: before.as_ref().map(snapshot),
                after: Some(snapshot(&row)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The place asked for (the actor's own when `None`), `NotFound` outside the actor's scope.
fn place_in_scope<'t>(
    tree: &'t PlaceTree,
    actor: &Actor,
    place_id: Option<PlaceId>,
) -> AppResult<&'t Place> {
    let place = match place_id {
        Some(id) => tree.get(id),
        None => match actor.scope {
            Scope::Country => tree.country(),
            Scope::Province(id) => tree.get(id),
            Scope::County { county, .. } => tree.get(county),
        },
    }
    .ok_or(AppError::NotFound)?;
    let scope = tree.scope_of(place.id).ok_or(AppError::NotFound)?;
    if !actor.scope.contains(scope) {
        return Err(AppError::NotFound);
    }
    Ok(place)
}

/// A province's (id, none) or a county's (its province, itself).
fn province_and_county(tree: &PlaceTree, place: &Place) -> AppResult<(PlaceId, Option<PlaceId>)> {
    match tree.scope_of(place.id) {
        Some(Scope::Province(province)) => Ok((province, None)),
        Some(Scope::County { province, county }) => Ok((province, Some(county))),
        _ => Err(AppError::invalid(
            "place",
            Message::new("plan-place_province_or_county"),
        )),
    }
}

/// The stored plan of a place and year with the default's base, read in `tx`.
pub(crate) async fn read_plan(
    tx: &mut dyn Tx,
    tree: &PlaceTree,
    place: &Place,
    year: FiscalYear,
) -> AppResult<YearlyPlan> {
    let (row, covered_at_start) = match tree.scope_of(place.id) {
        Some(scope @ (Scope::Province(_) | Scope::County { .. })) => {
            let filter = PlaceFilter {
                province_id: scope.province(),
                county_id: scope.county(),
            };
            (
                tx.yearly_plan(place.id, year.year()).await?,
                tx.women_covered_on(filter, year.first_day()).await?,
            )
        }
        _ => (None, 0),
    };
    Ok(YearlyPlan {
        place: AreaRef {
            id: place.id,
            code: place.code.clone(),
            name_fa: place.name_fa.clone(),
            name_en: place.name_en.clone(),
        },
        place_kind: place.kind,
        fiscal_year: year.year(),
        row,
        covered_at_start,
        empowered_default: default_empowered_target(covered_at_start),
    })
}

/// A plan as the audit trail keeps it.
fn snapshot(row: &YearlyPlanRow) -> serde_json::Value {
    let targets: &PlanTargets = &row.targets;
    serde_json::json!({
        "place_id": row.place_id,
        "fiscal_year": row.fiscal_year,
        "groups_formed": targets.groups_formed,
        "women_joining": targets.women_joining,
        "women_trained": targets.women_trained,
        "visits_made": targets.visits_made,
        "women_empowered": targets.women_empowered,
        "note": row.note,
        "set_by_name": row.set_by_name,
    })
}
