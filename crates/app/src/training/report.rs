//! The training report (issue 18): for a place — the country, a province or a county, never
//! wider than the reader's scope — and a span of a fiscal year, the courses run, the women
//! enrolled, completed and dropped, the completion rate, the hours delivered and, for readers
//! with `ViewMoney`, what the ledger paid for the runs and the cost per woman enrolled, per
//! completer and per hour; broken down by county, by course kind and by provider (the
//! providers' rows are their performance: completion rate and cost per completer).
//!
//! One definition. Every number comes from [`training_figures_in`] over the store's grouped
//! tally (`TrainingReportsRepo::training_tally`): the report's rows and totals here, and the
//! catalogue's `training.*` figures (`figures::sheet`), which the dashboard, the PDF,
//! `hamyar report figures` and the press sentence read. The costs are `RunCosts::of` — the
//! same division a run's page makes — over sums of runs, so a total's cost per completer is
//! what was paid for the runs over their completers, not an average of averages.
//!
//! What counts (see `docs/DESIGN.md`, "Training reports"): a run counts in a span when its
//! last session falls in it, once its outcome can be known; its women, outcomes, hours and
//! money are counted with it (outcomes and payments as they stand today). The hours
//! delivered are those of the sessions held in the span, whichever run they belong to. The
//! span is the dashboard's: its days that have happened.
//!
//! Employment at follow-up is the job-preparation area's own count
//! (`follow_up::employment_at_follow_up_in`, read in the same transaction): of the 3- and
//! 6-month follow-ups that fell due in the span, how many were recorded and how many found
//! the woman working — on its own base (follow-ups due in the span, not runs ended in it).

use std::collections::{BTreeMap, HashMap};

use hamyar_domain::training::RunCosts;
use hamyar_domain::{FiscalYear, JalaliDate};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Scope, ScopeKind};
use crate::dashboard::{AreaRef, DashboardPeriod};
use crate::error::{AppError, AppResult};
use crate::places::{Place, PlaceTree, load_tree};
use crate::ports::Tx;
use crate::ports::groups::PlaceFilter;
use crate::ports::job_plans::FollowUpTallyRow;
use crate::ports::training::{CourseKindId, CourseRunId, ProviderId};
use crate::ports::training_reports::{TrainingTallyFilter, TrainingTallyRow};
use crate::service::App;
use crate::training::follow_up::{FollowUpPeriod, employment_at_follow_up_in};

/// The most runs a report lists (the records behind its figures); the figures count all.
pub const MAX_LISTED_RUNS: i64 = 500;

/// What a training report is asked for; the span defaults as a dashboard's does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrainingReportRequest {
    /// The place to report on; the actor's own place when `None`.
    pub place_id: Option<PlaceId>,
    pub year: FiscalYear,
    pub from: Option<JalaliDate>,
    pub to: Option<JalaliDate>,
}

/// What the ledger paid for the runs counted, and what it cost per unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TrainingMoney {
    pub paid_rials: i64,
    pub per_enrolled_rials: Option<i64>,
    pub per_completer_rials: Option<i64>,
    pub per_hour_rials: Option<i64>,
}

/// The training figures of one row of a report, or of its whole place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TrainingFigures {
    /// Runs whose last session falls in the span.
    pub runs: i64,
    /// Their enrolments (a woman in two runs counts twice), by outcome.
    pub enrolled: i64,
    pub completed: i64,
    pub dropped: i64,
    /// The hours of those runs' sessions (the hours the money bought).
    pub run_hours: i64,
    /// Runs with a session held in the span, and the hours of those sessions.
    pub runs_taught: i64,
    pub hours_delivered: i64,
    /// What the ledger paid for the runs counted (kept even without `ViewMoney`; the money
    /// part of a report or sheet is left out for such readers).
    pub paid_rials: i64,
}

impl TrainingFigures {
    fn add(&mut self, row: &TrainingTallyRow) {
        self.runs += row.runs_ended;
        self.enrolled += row.enrolled;
        self.completed += row.completed;
        self.dropped += row.dropped;
        self.run_hours += row.run_hours;
        self.runs_taught += row.runs_taught;
        self.hours_delivered += row.hours_delivered;
        self.paid_rials = self.paid_rials.saturating_add(row.paid_rials);
    }

    /// Completed over enrolled (of runs that ended), in whole percent rounded half up;
    /// none without an enrolment.
    pub fn completion_percent(&self) -> Option<i64> {
        (self.enrolled > 0).then(|| (200 * self.completed + self.enrolled) / (2 * self.enrolled))
    }

    /// The costs of the runs counted: `RunCosts::of`, the division a run's page makes.
    pub fn costs(&self) -> RunCosts {
        RunCosts::of(
            self.paid_rials,
            self.enrolled,
            self.completed,
            self.run_hours,
        )
    }

    fn money(&self) -> TrainingMoney {
        let costs = self.costs();
        TrainingMoney {
            paid_rials: costs.paid_rials,
            per_enrolled_rials: costs.per_enrolled,
            per_completer_rials: costs.per_completer,
            per_hour_rials: costs.per_hour,
        }
    }
}

/// A place's training figures with the women who completed, each once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct TrainingTotals {
    #[serde(flatten)]
    pub figures: TrainingFigures,
    /// Women who completed a run counted, each once however many she completed.
    pub women_completed: i64,
}

/// The follow-ups of one month (3 or 6 after a course) that fell due in the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FollowUpCounts {
    pub due: i64,
    /// Asked and answered.
    pub recorded: i64,
    /// Of those, she was working.
    pub working: i64,
}

impl FollowUpCounts {
    fn add(&mut self, row: &FollowUpTallyRow) {
        self.due += row.due;
        self.recorded += row.done;
        self.working += row.working;
    }
}

/// Employment at follow-up, 3 and 6 months after a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Employment {
    pub three_months: FollowUpCounts,
    pub six_months: FollowUpCounts,
}

/// One row of a breakdown: a county, a course kind or a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingReportRow {
    pub id: i64,
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub figures: TrainingFigures,
    pub completion_percent: Option<i64>,
    /// With `ViewMoney` only.
    pub money: Option<TrainingMoney>,
    pub employment: Employment,
}

/// A place's training report for a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingReport {
    pub place: AreaRef,
    pub place_kind: ScopeKind,
    pub fiscal_year: i32,
    pub from: JalaliDate,
    pub to: JalaliDate,
    /// The span's last day that has happened: the runs counted ended by it.
    pub counted_on: JalaliDate,
    pub by_county: Vec<TrainingReportRow>,
    pub by_kind: Vec<TrainingReportRow>,
    pub by_provider: Vec<TrainingReportRow>,
    pub total: TrainingTotals,
    pub completion_percent: Option<i64>,
    pub money: Option<TrainingMoney>,
    pub employment: Employment,
    /// The runs counted (at most [`MAX_LISTED_RUNS`]) with their codes, by last session: the
    /// records the figures count, each a run's page.
    pub runs: Vec<(CourseRunId, String)>,
}

/// The tally filter of a place (a province, one county, or the country with neither) and a
/// resolved span (its days that have happened).
pub(crate) fn tally_filter(
    province_id: Option<PlaceId>,
    county_id: Option<PlaceId>,
    period: &DashboardPeriod,
) -> TrainingTallyFilter {
    TrainingTallyFilter {
        province_id,
        county_id,
        from: period.from,
        until: period.state_on.add_days(1),
    }
}

/// The one computation of a place's training figures: the tally's rows summed, and the women
/// who completed. The figure sheet and the report's totals both come from here.
pub(crate) async fn training_figures_in(
    tx: &mut dyn Tx,
    filter: &TrainingTallyFilter,
) -> AppResult<(Vec<TrainingTallyRow>, TrainingTotals)> {
    let rows = tx.training_tally(filter).await?;
    let mut figures = TrainingFigures::default();
    for row in &rows {
        figures.add(row);
    }
    let women_completed = tx.training_women_completed(filter).await?;
    Ok((
        rows,
        TrainingTotals {
            figures,
            women_completed,
        },
    ))
}

impl App {
    /// The training report of a place and span; see the module documentation.
    pub async fn training_report(
        &self,
        actor: &Actor,
        request: &TrainingReportRequest,
    ) -> AppResult<TrainingReport> {
        actor.require(Permission::ViewDashboards)?;
        let today = self.today();
        let period = DashboardPeriod::resolve(request.year, request.from, request.to, today)?;
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let place = match request.place_id {
            Some(id) => tree.get(id),
            None => own_place(&tree, actor.scope),
        }
        .ok_or(AppError::NotFound)?
        .clone();
        let scope = tree.scope_of(place.id).ok_or(AppError::NotFound)?;
        if !actor.scope.contains(scope) {
            return Err(AppError::NotFound);
        }
        let filter = tally_filter(scope.province(), scope.county(), &period);
        let (rows, total) = training_figures_in(tx.as_mut(), &filter).await?;
        let runs = tx.training_runs_ended(&filter, MAX_LISTED_RUNS).await?;
        let follow_ups = employment_at_follow_up_in(
            tx.as_mut(),
            &FollowUpPeriod {
                place: PlaceFilter {
                    province_id: scope.province(),
                    county_id: scope.county(),
                },
                from: period.from,
                to: period.state_on,
            },
            today,
        )
        .await?;
        let months = [&follow_ups.three, &follow_ups.six];
        let providers = rows.iter().map(|row| row.provider_id).chain(
            months
                .iter()
                .flat_map(|m| m.iter().map(|row| row.provider_id)),
        );
        let labels = Labels::read(tx.as_mut(), providers.collect()).await?;
        tx.commit().await?;

        let money = actor.can(Permission::ViewMoney);
        let breakdown = |key: fn(PlaceId, CourseKindId, ProviderId) -> i64,
                         label: &dyn Fn(i64) -> Label| {
            let mut by: BTreeMap<i64, (TrainingFigures, Employment)> = BTreeMap::new();
            for row in &rows {
                let id = key(row.county_id, row.course_kind_id, row.provider_id);
                by.entry(id).or_default().0.add(row);
            }
            for (three, month) in [(true, months[0]), (false, months[1])] {
                for row in month {
                    let id = key(row.county_id, row.course_kind_id, row.provider_id);
                    let employment = &mut by.entry(id).or_default().1;
                    if three {
                        employment.three_months.add(row);
                    } else {
                        employment.six_months.add(row);
                    }
                }
            }
            let mut out: Vec<TrainingReportRow> = by
                .into_iter()
                .map(|(id, (figures, employment))| {
                    report_row(id, label(id), figures, employment, money)
                })
                .collect();
            out.sort_by(|a, b| a.name_fa.cmp(&b.name_fa).then(a.id.cmp(&b.id)));
            out
        };
        let by_county = breakdown(|county, _, _| county.get(), &|id| {
            Label::of_place(tree.get(PlaceId::new(id)))
        });
        let by_kind = breakdown(|_, kind, _| kind.get(), &|id| {
            labels.kinds.get(&id).cloned().unwrap_or_default()
        });
        let by_provider = breakdown(|_, _, provider| provider.get(), &|id| {
            labels.providers.get(&id).cloned().unwrap_or_default()
        });
        let mut employment = Employment::default();
        months[0]
            .iter()
            .for_each(|row| employment.three_months.add(row));
        months[1]
            .iter()
            .for_each(|row| employment.six_months.add(row));
        Ok(TrainingReport {
            place: AreaRef {
                id: place.id,
                code: place.code.clone(),
                name_fa: place.name_fa.clone(),
                name_en: place.name_en.clone(),
            },
            place_kind: place.kind,
            fiscal_year: period.year.year(),
            from: period.from,
            to: period.to,
            counted_on: period.state_on,
            by_county,
            by_kind,
            by_provider,
            completion_percent: total.figures.completion_percent(),
            money: money.then(|| total.figures.money()),
            employment,
            total,
            runs,
        })
    }
}

fn report_row(
    id: i64,
    label: Label,
    figures: TrainingFigures,
    employment: Employment,
    money: bool,
) -> TrainingReportRow {
    TrainingReportRow {
        employment,
        id,
        code: label.code,
        name_fa: label.name_fa,
        name_en: label.name_en,
        completion_percent: figures.completion_percent(),
        money: money.then(|| figures.money()),
        figures,
    }
}

fn own_place(tree: &PlaceTree, scope: Scope) -> Option<&Place> {
    match scope {
        Scope::Country => tree.country(),
        Scope::Province(id) => tree.get(id),
        Scope::County { county, .. } => tree.get(county),
    }
}

/// A row's code and names.
#[derive(Debug, Clone, Default)]
struct Label {
    code: String,
    name_fa: String,
    name_en: String,
}

impl Label {
    fn of_place(place: Option<&Place>) -> Label {
        place.map_or_else(Label::default, |place| Label {
            code: place.code.clone(),
            name_fa: place.name_fa.clone(),
            name_en: place.name_en.clone(),
        })
    }
}

/// The names of the course kinds and providers a tally names: the catalogue in one query,
/// and each provider once (a place has a few dozen).
struct Labels {
    kinds: HashMap<i64, Label>,
    providers: HashMap<i64, Label>,
}

impl Labels {
    async fn read(tx: &mut dyn Tx, mut wanted: Vec<ProviderId>) -> AppResult<Labels> {
        let kinds = tx
            .course_kinds(false)
            .await?
            .into_iter()
            .map(|kind| {
                (
                    kind.id.get(),
                    Label {
                        code: kind.code,
                        name_fa: kind.name,
                        name_en: kind.name_en,
                    },
                )
            })
            .collect::<HashMap<_, _>>();
        wanted.sort_unstable();
        wanted.dedup();
        let mut providers = HashMap::new();
        for id in wanted {
            if let Some(provider) = tx.provider_by_id(id).await? {
                providers.insert(
                    id.get(),
                    Label {
                        code: id.to_string(),
                        name_en: provider.name.clone(),
                        name_fa: provider.name,
                    },
                );
            }
        }
        Ok(Labels { kinds, providers })
    }
}
