//! Job preparation in the browser: a woman's plans on her file (`woman_plans`, the
//! «آماده‌سازی شغلی» section), the new-plan form (`/training/women/{id}/job-plans/new`), and a
//! plan's page (`/training/job-plans/{id}`) with its steps and their states, a form to add a
//! step (a training naming one of her courses, an internship, a placement with employer,
//! start and monthly pay, working capital naming a grant, a permit), a small form per step to
//! date its new state, and the form that closes the plan. Every rule is the app's; a refused
//! form draws the page again (422) with the app's Persian messages and nothing written.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::ports::job_plans::{JobPlanId, JobPlanRow, JobPlanStepId, JobPlanStepRow};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::training::{JobPlanView, StepForm};
use hamyar_app::{Actor, AppError, Permission};
use hamyar_domain::training::job_plan::{
    PlanInput, PlanState, StepInput, StepState, StepStateInput,
};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, done, page};
use crate::state::AppState;

/// Whether the reader may make and change plans (the app checks it again).
fn may_plan(actor: &Actor) -> bool {
    actor.can(Permission::RecordAttendance) && actor.can(Permission::RegisterWomen)
}

/// One step in words.
pub struct StepLine {
    pub id: JobPlanStepId,
    pub kind: String,
    pub state: String,
    pub badge: &'static str,
    pub details: String,
    pub open: bool,
}

fn step_line(step: &JobPlanStepRow, who: &LoggedIn, lang: Lang) -> StepLine {
    let mut details = Vec::new();
    if let Some(employer) = &step.employer {
        details.push(employer.clone());
    }
    if let Some(starts_on) = step.starts_on {
        details.push(format!(
            "{}: {}",
            lang.t("job-preparation-starts_on"),
            format::date(starts_on, lang)
        ));
    }
    if let Some(rials) = step.monthly_pay_rials {
        details.push(crate::pages::spending::money(who, rials));
    }
    if let Some(permit) = &step.permit_name {
        details.push(permit.clone());
    }
    if let Some(due_on) = step.due_on {
        details.push(format!(
            "{}: {}",
            lang.t("job-preparation-due_on"),
            format::date(due_on, lang)
        ));
    }
    if let Some(done_on) = step.done_on {
        details.push(lang.tr(
            "job-preparation-done_on",
            &[("day", Arg::Text(&format::date(done_on, lang)))],
        ));
    }
    if let Some(note) = &step.note {
        details.push(note.clone());
    }
    StepLine {
        id: step.id,
        kind: codes::label_of::<hamyar_domain::training::job_plan::StepKind>(
            step.kind.code(),
            lang,
        ),
        state: codes::label_of::<StepState>(step.state.code(), lang),
        badge: match step.state {
            StepState::Done => "badge-ok",
            StepState::Dropped => "badge-muted",
            StepState::InProgress => "badge-warning",
            StepState::Planned => "badge-info",
        },
        details: details.join(" · "),
        open: matches!(step.state, StepState::Planned | StepState::InProgress),
    }
}

fn plan_state(plan: &JobPlanRow, lang: Lang) -> (String, &'static str) {
    let label = codes::label_of::<PlanState>(plan.state.code(), lang);
    match plan.state {
        PlanState::Open => (label, "badge-info"),
        PlanState::Achieved => (label, "badge-ok"),
        PlanState::Abandoned => (label, "badge-muted"),
    }
}

/// A plan as her file lists it.
pub struct WomanPlanLine {
    pub href: String,
    pub job: String,
    pub planned_on: String,
    pub state: String,
    pub badge: &'static str,
    pub steps: Vec<StepLine>,
}

/// The woman's plans for her file, and the link to a new one (when the reader may plan).
pub async fn woman_plans(
    state: &AppState,
    who: &LoggedIn,
    id: WomanId,
) -> WebResult<(Vec<WomanPlanLine>, Option<String>)> {
    let actor = who.actor();
    if !actor.can(Permission::ViewGroups) || !actor.can(Permission::ViewPersonalData) {
        return Ok((Vec::new(), None));
    }
    let lang = who.lang();
    let plans = state.app.job_plans_of_woman(&actor, id).await?;
    let lines = plans
        .iter()
        .map(|(plan, steps)| {
            let (state, badge) = plan_state(plan, lang);
            WomanPlanLine {
                href: format!("/training/job-plans/{}", plan.id),
                job: plan.job_title.clone(),
                planned_on: format::date(plan.planned_on, lang),
                state,
                badge,
                steps: steps.iter().map(|s| step_line(s, who, lang)).collect(),
            }
        })
        .collect();
    let new = may_plan(&actor).then(|| format!("/training/women/{id}/job-plans/new"));
    Ok((lines, new))
}

#[derive(Template)]
#[template(path = "training_job_plan_new.html")]
struct NewTemplate {
    ctx: PageCtx,
    action: String,
    back: String,
    errors: Vec<String>,
    form: FormView,
    today: String,
}

fn new_page(state: &AppState, who: &LoggedIn, id: WomanId, form: FormView) -> NewTemplate {
    NewTemplate {
        ctx: PageCtx::for_user(&state.app, who, "job-preparation-new_plan"),
        action: format!("/training/women/{id}/job-plans/new"),
        back: format!("/women/{id}#job-preparation"),
        errors: form.messages(),
        form,
        today: format::date(state.app.today(), who.lang()),
    }
}

/// `/training/women/{id}/job-plans/new`.
pub async fn new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    actor.require(Permission::RegisterWomen)?;
    // Her plans are read to check that she is the reader's (404 otherwise).
    state.app.job_plans_of_woman(&actor, id).await?;
    page(&new_page(&state, &who, id, FormView::default()))
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PlanForm {
    pub job_title: String,
    pub occupation_code: String,
    pub planned_on: String,
}

/// `POST /training/women/{id}/job-plans/new`.
pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<WomanId>,
    Form(form): Form<PlanForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let input = PlanInput {
        job_title: form.job_title.clone(),
        occupation_code: form.occupation_code.clone(),
        planned_on: form.planned_on.clone(),
    };
    let result = state.app.create_job_plan(&actor, id, &input).await;
    FormView::of(&form)
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |plan| {
                done(
                    &format!("/training/job-plans/{plan}"),
                    "job-preparation-plan_created",
                )
            },
            |typed| async { Ok(new_page(&state, &who, id, typed)) },
        )
        .await
}

#[derive(Template)]
#[template(path = "training_job_plan.html")]
struct PlanTemplate {
    ctx: PageCtx,
    id: JobPlanId,
    woman_href: String,
    name: String,
    job: String,
    planned_on: String,
    state: String,
    badge: &'static str,
    steps: Vec<StepLine>,
    can_change: bool,
    kinds: Vec<Choice>,
    step_states: Vec<Choice>,
    enrolments: Vec<Choice>,
    errors: Vec<String>,
    refused: String,
    form: FormView,
    today: String,
}

async fn plan_page(
    state: &AppState,
    who: &LoggedIn,
    id: JobPlanId,
    refused: (&str, FormView),
    notice: Option<&str>,
) -> WebResult<PlanTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let opening = refused.0.is_empty();
    let view: JobPlanView = state.app.job_plan(&actor, id, opening).await?;
    let (state_text, badge) = plan_state(&view.plan, lang);
    let (refused, form) = refused;
    Ok(PlanTemplate {
        ctx: PageCtx::for_user(&state.app, who, "job-preparation-plan_title").with_notice(notice),
        id,
        woman_href: format!("/women/{}#job-preparation", view.plan.woman_id),
        name: format!("{} {}", view.first_name, view.last_name),
        job: match &view.plan.occupation_code {
            Some(code) => format!("{} ({})", view.plan.job_title, lang.digits(code)),
            None => view.plan.job_title.clone(),
        },
        planned_on: format::date(view.plan.planned_on, lang),
        state: state_text,
        badge,
        steps: view.steps.iter().map(|s| step_line(s, who, lang)).collect(),
        can_change: may_plan(&actor) && view.plan.state == PlanState::Open,
        kinds: codes::choices::<hamyar_domain::training::job_plan::StepKind>(lang),
        step_states: codes::choices::<StepState>(lang),
        enrolments: view
            .enrolments
            .iter()
            .map(|(e, run)| {
                Choice::new(
                    e.id.to_string(),
                    format!("{} · {}", run.code, format::date(run.ends_on, lang)),
                )
            })
            .collect(),
        errors: form.messages(),
        refused: refused.to_owned(),
        form,
        today: format::date(state.app.today(), lang),
    })
}

/// `/training/job-plans/{id}`.
pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<JobPlanId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &plan_page(
            &state,
            &who,
            id,
            ("", FormView::default()),
            notice.done.as_deref(),
        )
        .await?,
    )
}

async fn answer<T>(
    state: &AppState,
    who: &LoggedIn,
    id: JobPlanId,
    result: Result<T, AppError>,
    notice: &str,
    (refused, typed): (String, FormView),
) -> WebResult<Response> {
    typed
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| back_to(&format!("/training/job-plans/{id}"), notice, "steps"),
            |form| plan_page(state, who, id, (&refused, form), None),
        )
        .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AddStepForm {
    pub kind: String,
    pub due_on: String,
    pub employer: String,
    pub starts_on: String,
    pub monthly_pay_rials: String,
    pub permit_name: String,
    pub note: String,
    pub enrolment_id: String,
    pub grant_id: String,
}

/// `POST /training/job-plans/{id}/steps`.
pub async fn add_step(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<JobPlanId>,
    Form(form): Form<AddStepForm>,
) -> WebResult<Response> {
    let step = StepForm {
        step: StepInput {
            kind: form.kind.clone(),
            due_on: form.due_on.clone(),
            employer: form.employer.clone(),
            starts_on: form.starts_on.clone(),
            monthly_pay_rials: form.monthly_pay_rials.clone(),
            permit_name: form.permit_name.clone(),
            note: form.note.clone(),
        },
        enrolment_id: form.enrolment_id.clone(),
        grant_id: form.grant_id.clone(),
    };
    let result = state.app.add_job_plan_step(&who.actor(), id, &step).await;
    let typed = ("step".to_owned(), FormView::of(&form));
    answer(
        &state,
        &who,
        id,
        result,
        "job-preparation-step_added",
        typed,
    )
    .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct StepStateForm {
    pub state: String,
    pub on: String,
    pub note: String,
}

/// `POST /training/job-plans/{id}/steps/{step_id}`.
pub async fn change_step(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, step_id)): Path<(JobPlanId, JobPlanStepId)>,
    Form(form): Form<StepStateForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    // A reader who may not change plans is refused before the plan is looked up.
    actor.require(Permission::RecordAttendance)?;
    actor.require(Permission::RegisterWomen)?;
    // The step must be one of this plan's: another plan's is not this page's to change.
    let view = state.app.job_plan(&actor, id, false).await?;
    let result = if view.steps.iter().any(|s| s.id == step_id) {
        let input = StepStateInput {
            state: form.state.clone(),
            on: form.on.clone(),
            note: form.note.clone(),
        };
        state
            .app
            .set_job_plan_step_state(&actor, step_id, &input)
            .await
    } else {
        Err(AppError::NotFound)
    };
    let typed = (format!("state-{step_id}"), FormView::of(&form));
    answer(
        &state,
        &who,
        id,
        result,
        "job-preparation-step_changed",
        typed,
    )
    .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CloseForm {
    pub state: String,
    pub closed_on: String,
}

/// `POST /training/job-plans/{id}/close`.
pub async fn close(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<JobPlanId>,
    Form(form): Form<CloseForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .close_job_plan(&who.actor(), id, &form.state, &form.closed_on)
        .await;
    let typed = ("close".to_owned(), FormView::of(&form));
    answer(
        &state,
        &who,
        id,
        result,
        "job-preparation-plan_closed_done",
        typed,
    )
    .await
}
