//! A figure sheet: every catalogue figure of one place and span, each with its value, the
//! parts it is the sum of and the records it counts. It is made from one dashboard (the
//! grouped, kept counts every other surface already shares) and the few figures the
//! dashboard does not carry, read in the same call; nothing here queries on its own, so the
//! sheet is a pure function of what [`super`] read and is tested as one.

use hamyar_domain::JalaliDate;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::registry::CoverageStatus;
use serde::Serialize;

use super::catalogue::{CATALOGUE, FigureDef, FigureKey, def};
use crate::access::ScopeKind;
use crate::dashboard::{AreaRef, Dashboard, StageBucket};
use crate::error::{AppError, AppResult};
use crate::outcomes::report::{Measure, OutcomeSums};
use crate::outcomes::suppression::is_small;
use crate::training::TrainingTotals;

/// The records a figure counts, as a list a reader can open (the place is the sheet's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum Drill {
    /// The group list narrowed to these stages (on today's stages: offered only when the
    /// sheet is counted on today).
    Groups { stages: Vec<GroupStage> },
    /// The registry narrowed to a coverage status.
    Women { status: CoverageStatus },
    /// The province's budget report for the year, whose figures drill to the ledger.
    BudgetReport,
    /// The year's grants.
    Grants,
    /// The office's work list of visits (`/visits/due`), which counts today's duty.
    VisitsDue,
    /// The training report of the sheet's place and span, which lists the runs counted.
    Training,
    /// The outcome report of the sheet's place and span, with its breakdowns.
    Outcomes,
}

/// A named part of a figure that is a sum ("۳۰ = ۲۷ فعال + ۳ فعال‌شدهٔ دوباره").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigurePart {
    pub name_fa: &'static str,
    pub name_en: &'static str,
    pub value: i64,
    pub drill: Option<Drill>,
}

/// One figure's value on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    #[serde(flatten)]
    pub def: &'static FigureDef,
    pub value: i64,
    /// Empty unless the figure is a sum of named parts; the parts add up to `value`.
    pub parts: Vec<FigurePart>,
    pub drill: Option<Drill>,
}

/// Every catalogue figure of a place for a span of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureSheet {
    pub place: AreaRef,
    pub place_kind: ScopeKind,
    pub fiscal_year: i32,
    pub from: JalaliDate,
    pub to: JalaliDate,
    /// The day the on-day figures are counted on.
    pub counted_on: JalaliDate,
    /// True when `counted_on` is today, so lists of today's records count to the figures.
    pub counted_today: bool,
    pub figures: Vec<Figure>,
}

impl FigureSheet {
    /// The figure `id`, when the sheet has it (money figures need `ViewMoney`).
    pub fn get(&self, id: FigureKey) -> Option<&Figure> {
        self.figures.iter().find(|figure| figure.def.id == id)
    }

    /// The value of `id`, 0 when the sheet does not have it.
    pub fn value(&self, id: FigureKey) -> i64 {
        self.get(id).map_or(0, |figure| figure.value)
    }
}

/// What the sheet needs beyond the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extras {
    pub active_group_members: i64,
    /// The catalogue's `business.jobs`: see the port's `jobs_in_groups_in_stages_on`.
    pub business_jobs: i64,
    /// The catalogue's `members.joined`: see the port's `women_joining_groups`.
    pub women_joining_groups: i64,
    /// The training figures of the sheet's place and span (`training::report`).
    pub training: TrainingTotals,
    /// The outcome sums of the sheet's place and span (`outcomes::report`).
    pub outcomes: OutcomeSums,
    pub today: JalaliDate,
}

const OPEN_STAGES: [GroupStage; 7] = [
    GroupStage::Identified,
    GroupStage::Trained,
    GroupStage::Registered,
    GroupStage::Funded,
    GroupStage::Active,
    GroupStage::Inactive,
    GroupStage::Reactivated,
];

/// The sheet of `dashboard` (money figures only when it has its money part).
pub fn sheet_of(dashboard: &Dashboard, extras: Extras) -> AppResult<FigureSheet> {
    let total = &dashboard.total;
    let today = dashboard.state_on == extras.today;
    let groups_drill = |stages: &[GroupStage]| {
        today.then(|| Drill::Groups {
            stages: stages.to_vec(),
        })
    };
    let training = &extras.training.figures;
    let mut figures = Vec::with_capacity(CATALOGUE.len());
    for entry in CATALOGUE {
        let mut parts = Vec::new();
        let (value, drill) = match entry.id {
            FigureKey::ActiveGroups => {
                for stage in StageBucket::Active.stages() {
                    parts.push(FigurePart {
                        name_fa: stage.label_fa(),
                        name_en: stage.label_en(),
                        value: total.groups.of(*stage),
                        drill: groups_drill(&[*stage]),
                    });
                }
                (
                    total.groups.bucket(StageBucket::Active),
                    groups_drill(StageBucket::Active.stages()),
                )
            }
            FigureKey::OpenGroups => (
                OPEN_STAGES.iter().map(|s| total.groups.of(*s)).sum(),
                groups_drill(&OPEN_STAGES),
            ),
            // A group is formed when it is registered (ثبت): every group passes that stage.
            FigureKey::GroupsFormed => (total.entered.of(GroupStage::Registered), None),
            FigureKey::GroupMembers => (total.members, None),
            FigureKey::WomenJoining => (extras.women_joining_groups, None),
            FigureKey::ActiveGroupMembers => (extras.active_group_members, None),
            FigureKey::WomenCovered => {
                for status in [CoverageStatus::Covered, CoverageStatus::Pensioner] {
                    parts.push(FigurePart {
                        name_fa: status.label_fa(),
                        name_en: status.label_en(),
                        value: total.women.of(status),
                        drill: Some(Drill::Women { status }),
                    });
                }
                (total.women.covered(), None)
            }
            FigureKey::WomenWaiting => (
                total.women.of(CoverageStatus::WaitingList),
                Some(Drill::Women {
                    status: CoverageStatus::WaitingList,
                }),
            ),
            FigureKey::WomenEmpowered => (total.empowered, None),
            FigureKey::GroupsGraduated => (total.entered.of(GroupStage::Graduated), None),
            FigureKey::BusinessSales => (total.revenue_rials, None),
            FigureKey::BusinessJobs => (extras.business_jobs, None),
            FigureKey::TrainingRuns => (training.runs, Some(Drill::Training)),
            FigureKey::TrainingEnrolled => {
                let open = training.enrolled - training.completed - training.dropped;
                for (name_fa, name_en, value) in [
                    ("تکمیل‌کرده", "completed", training.completed),
                    ("انصراف‌داده", "dropped out", training.dropped),
                    ("بی‌نتیجه هنوز", "no outcome yet", open),
                ] {
                    parts.push(FigurePart {
                        name_fa,
                        name_en,
                        value,
                        drill: None,
                    });
                }
                (training.enrolled, Some(Drill::Training))
            }
            FigureKey::TrainingCompleted => (training.completed, Some(Drill::Training)),
            FigureKey::TrainingWomen => (extras.training.women_completed, Some(Drill::Training)),
            FigureKey::TrainingHours => (training.hours_delivered, Some(Drill::Training)),
            FigureKey::TrainingPaid | FigureKey::TrainingCostPerCompleter => {
                if dashboard.money.is_none() {
                    continue;
                }
                let value = if entry.id == FigureKey::TrainingPaid {
                    training.paid_rials
                } else {
                    // No completer, no cost per completer: the figure is left out.
                    let Some(cost) = training.costs().per_completer else {
                        continue;
                    };
                    cost
                };
                (value, Some(Drill::Training))
            }
            FigureKey::VisitsRecorded => (total.visits_done, None),
            FigureKey::VisitsOwed => (total.visits_owed, None),
            FigureKey::VisitsKept => (total.visits_kept, None),
            // Today's duty exists only while the span reaches today.
            FigureKey::FollowUpsOverdue | FigureKey::GroupsOwedAVisit => {
                let Some(duty) = &dashboard.visits_today else {
                    continue;
                };
                let value = if entry.id == FigureKey::FollowUpsOverdue {
                    duty.overdue
                } else {
                    duty.groups_owed_a_visit
                };
                (value, Some(Drill::VisitsDue))
            }
            // Outcomes (`outcomes::report`): a share or mean of fewer than five women is not
            // published, whoever reads.
            FigureKey::OutcomesWomenPaired => {
                (extras.outcomes.own_income.women, Some(Drill::Outcomes))
            }
            FigureKey::OutcomesEarningShare | FigureKey::OutcomesSelfEsteemChange => {
                let earning = entry.id == FigureKey::OutcomesEarningShare;
                let measured = if earning {
                    extras.outcomes.earning()
                } else {
                    extras.outcomes.figure(Measure::SelfEsteem)
                };
                let Some(measured) = measured.filter(|m| !is_small(m.women)) else {
                    continue;
                };
                let value = if earning {
                    measured.latest
                } else {
                    measured.change
                };
                (value, Some(Drill::Outcomes))
            }
            FigureKey::OutcomesReturned => (extras.outcomes.returned, Some(Drill::Outcomes)),
            FigureKey::HeadlineSpent => {
                let Some(money) = &dashboard.money else {
                    continue;
                };
                let mut sum: i64 = 0;
                for category in BudgetCategory::HEADLINE {
                    let committed = money.total.figures(category).committed_rials;
                    parts.push(FigurePart {
                        name_fa: category.label_fa(),
                        name_en: category.label_en(),
                        value: committed,
                        drill: Some(Drill::BudgetReport),
                    });
                    sum = sum.checked_add(committed).ok_or_else(out_of_range)?;
                }
                (sum, Some(Drill::BudgetReport))
            }
            FigureKey::GrantsCommitted
            | FigureKey::GrantsPaid
            | FigureKey::GroupsGranted
            | FigureKey::WomenGranted => {
                if dashboard.money.is_none() {
                    continue;
                }
                let value = match entry.id {
                    FigureKey::GrantsCommitted => total.grants_committed_rials,
                    FigureKey::GrantsPaid => total.grants_paid_rials,
                    FigureKey::GroupsGranted => total.groups_granted,
                    _ => total.women_granted,
                };
                (value, Some(Drill::Grants))
            }
        };
        figures.push(Figure {
            def: def(entry.id),
            value,
            parts,
            drill,
        });
    }
    Ok(FigureSheet {
        place: dashboard.place.clone(),
        place_kind: dashboard.place_kind,
        fiscal_year: dashboard.fiscal_year,
        from: dashboard.from,
        to: dashboard.to,
        counted_on: dashboard.state_on,
        counted_today: today,
        figures,
    })
}

fn out_of_range() -> AppError {
    AppError::Internal("figure out of range".into())
}
