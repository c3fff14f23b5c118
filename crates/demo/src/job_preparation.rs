//! Job preparation in the demo province: what became of the women the paid runs trained.
//! It runs last, after the runs (`training`) and the grants (`money`), and reads what they
//! left only through the use-cases a social worker uses — the follow-ups due today
//! (`App::follow_ups_due`, the list of `/training/follow-ups`) and a group's grants — so it
//! depends on no other step's module and adds no edge between them.
//!
//! Every follow-up due today is answered by the social worker of the woman's county a few
//! days after it fell due, except every fourth, left on the lists so Today and the list show
//! work to do; the answers follow a fixed pattern (two in three work, half of those earn from
//! the course's skill, with a monthly income), so the demo draws nothing from the seeded
//! stream and the rest of the province is unchanged. Three women who completed a run get a
//! plan toward a job from their social worker: a tailor placed with an employer at a monthly
//! pay (placement done, plan achieved), a seller of handicrafts whose working capital is her
//! group's grant (in progress, a permit still planned), and a hairdresser in an internship.
//! On a day with no follow-up due (the first months of a year) nothing is written.

use hamyar_app::error::AppResult;
use hamyar_app::ports::grants::GrantId;
use hamyar_app::ports::job_plans::JobPlanId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::training::EnrolmentId;
use hamyar_app::training::{FollowUpDue, StepForm};
use hamyar_app::{Actor, AppError};
use hamyar_domain::JalaliDate;
use hamyar_domain::training::follow_up::FollowUpInput;
use hamyar_domain::training::job_plan::{PlanInput, StepInput, StepStateInput};

use crate::run::{DemoRun, Staff};

/// The follow-ups due read at most (the province's whole list on the demo's day).
const DUE_READ: usize = 2_000;

/// Answers the follow-ups due and makes the three plans.
pub(crate) async fn prepare_for_jobs(run: &DemoRun<'_>, staff: &Staff) -> AppResult<()> {
    let due = run
        .app
        .follow_ups_due(&staff.provincial, false, DUE_READ, false)
        .await?;
    let mut planned: Vec<WomanId> = Vec::new();
    for (n, item) in due.items.iter().enumerate() {
        let worker = worker_of(run, staff, item)?;
        if planned.len() < PLANS.len() && !planned.contains(&item.row.woman_id) {
            make_plan(run, staff, worker, item, planned.len()).await?;
            planned.push(item.row.woman_id);
        }
        if n % 4 != 3 {
            answer(run, worker, item, n).await?;
        }
    }
    Ok(())
}

/// The social worker of the county the woman's run was held in.
fn worker_of<'s>(run: &DemoRun<'_>, staff: &'s Staff, item: &FollowUpDue) -> AppResult<&'s Actor> {
    run.counties
        .iter()
        .position(|county| county.id == item.row.county_id)
        .and_then(|index| staff.workers.get(index))
        .ok_or_else(|| AppError::Internal("a run outside the demo's counties".into()))
}

/// The `n`th answer of the pattern, asked a few days after it fell due.
async fn answer(run: &DemoRun<'_>, worker: &Actor, item: &FollowUpDue, n: usize) -> AppResult<()> {
    let works = n % 3 != 2;
    let earns = works && n.is_multiple_of(2);
    let income_rials = 40_000_000 + 10_000_000 * (n % 7) as i64;
    let input = FollowUpInput {
        recorded_on: day(item.due_on.add_days(2 + (n % 5) as i64), run.today),
        works,
        earns_from_course: earns,
        monthly_income_rials: if earns {
            income_rials.to_string()
        } else {
            String::new()
        },
        note: String::new(),
    };
    run.app
        .record_follow_up(worker, item.row.enrolment_id, item.row.month, &input)
        .await?;
    Ok(())
}

/// A day as a form types it, never after today.
fn day(on: JalaliDate, today: JalaliDate) -> String {
    on.min(today).to_string()
}

/// The jobs of the three plans, in the order the women come.
const PLANS: [&str; 3] = ["خیاط", "فروشنده‌ی صنایع دستی", "آرایشگر"];

/// The `n`th plan, for the woman of a follow-up: made a week after her run ended, with her
/// course as its first step (done on the day it ended).
async fn make_plan(
    run: &DemoRun<'_>,
    staff: &Staff,
    worker: &Actor,
    item: &FollowUpDue,
    n: usize,
) -> AppResult<()> {
    let ended = item.row.ended_on;
    let on = |days: i64| day(ended.add_days(days), run.today);
    let plan = run
        .app
        .create_job_plan(
            worker,
            item.row.woman_id,
            &PlanInput {
                job_title: PLANS[n].into(),
                occupation_code: String::new(),
                planned_on: on(7),
            },
        )
        .await?;
    let course = add_step(
        run,
        worker,
        plan,
        StepInput {
            kind: "training".into(),
            ..StepInput::default()
        },
        (Some(item.row.enrolment_id), None),
    )
    .await?;
    move_step(run, worker, course, "done", on(7)).await?;
    match n {
        0 => tailor(run, worker, plan, &on).await,
        1 => seller(run, staff, worker, plan, item, &on).await,
        _ => hairdresser(run, worker, plan, &on).await,
    }
}

/// Placed with a clothing workshop a month after her course at a monthly pay; achieved.
async fn tailor(
    run: &DemoRun<'_>,
    worker: &Actor,
    plan: JobPlanId,
    on: &impl Fn(i64) -> String,
) -> AppResult<()> {
    let placement = StepInput {
        kind: "placement".into(),
        employer: "تولیدی پوشاک البرز".into(),
        starts_on: on(30),
        monthly_pay_rials: "95000000".into(),
        ..StepInput::default()
    };
    let step = add_step(run, worker, plan, placement, (None, None)).await?;
    move_step(run, worker, step, "in_progress", on(20)).await?;
    move_step(run, worker, step, "done", on(30)).await?;
    run.app
        .close_job_plan(worker, plan, "achieved", &on(60))
        .await
}

/// Her working capital is her group's grant (when the group has one); a home-business
/// permit is still to get.
async fn seller(
    run: &DemoRun<'_>,
    staff: &Staff,
    worker: &Actor,
    plan: JobPlanId,
    item: &FollowUpDue,
    on: &impl Fn(i64) -> String,
) -> AppResult<()> {
    let grant: Option<GrantId> = match item.row.group_id {
        Some(group) => run
            .app
            .grants_of_group(&staff.provincial, group)
            .await?
            .first()
            .map(|listed| listed.grant.id),
        None => None,
    };
    let capital = StepInput {
        kind: "working_capital".into(),
        note: "خرید مواد اولیه و دار قالی".into(),
        ..StepInput::default()
    };
    let step = add_step(run, worker, plan, capital, (None, grant)).await?;
    move_step(run, worker, step, "in_progress", on(14)).await?;
    let permit = StepInput {
        kind: "permit".into(),
        permit_name: "مجوز کسب‌وکار خانگی".into(),
        due_on: on(120),
        ..StepInput::default()
    };
    add_step(run, worker, plan, permit, (None, None)).await?;
    Ok(())
}

/// An internship in a hairdresser's salon, under way.
async fn hairdresser(
    run: &DemoRun<'_>,
    worker: &Actor,
    plan: JobPlanId,
    on: &impl Fn(i64) -> String,
) -> AppResult<()> {
    let internship = StepInput {
        kind: "internship".into(),
        employer: "سالن زیبایی نسیم".into(),
        ..StepInput::default()
    };
    let step = add_step(run, worker, plan, internship, (None, None)).await?;
    move_step(run, worker, step, "in_progress", on(21)).await
}

async fn add_step(
    run: &DemoRun<'_>,
    worker: &Actor,
    plan: JobPlanId,
    step: StepInput,
    (enrolment, grant): (Option<EnrolmentId>, Option<GrantId>),
) -> AppResult<hamyar_app::ports::job_plans::JobPlanStepId> {
    let form = StepForm {
        step,
        enrolment_id: enrolment.map(|id| id.to_string()).unwrap_or_default(),
        grant_id: grant.map(|id| id.to_string()).unwrap_or_default(),
    };
    run.app.add_job_plan_step(worker, plan, &form).await
}

async fn move_step(
    run: &DemoRun<'_>,
    worker: &Actor,
    step: hamyar_app::ports::job_plans::JobPlanStepId,
    state: &str,
    on: String,
) -> AppResult<()> {
    let input = StepStateInput {
        state: state.into(),
        on,
        note: String::new(),
    };
    run.app.set_job_plan_step_state(worker, step, &input).await
}
