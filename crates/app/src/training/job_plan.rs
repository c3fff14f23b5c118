//! Job preparation (issue 18): a woman's plan toward a chosen job and its steps. A plan is
//! made for a woman the actor reaches and keeps her province and county of that day, so it is
//! scoped like every record; a step is a training (her own enrolment, when one is named), an
//! internship, a placement (employer, start day, monthly pay in rials), working capital (a
//! grant to her or to a group she belongs to, when one is named) or a permit; its state moves
//! planned → in progress → done (or dropped), each change dated. A plan closes once, as
//! achieved or abandoned, on a day not before it was made; a closed plan takes no new steps.
//!
//! Who: making and changing plans is case work — the social worker's with the woman, and the
//! experts' who supervise it — so it needs the training permission of those in the room
//! (`RecordAttendance`) *and* the registry's (`RegisterWomen`): that leaves the national,
//! provincial and county experts and the social worker, and keeps out the facilitator (who
//! follows a group but keeps no woman's file) and the administrator (who runs the system, not
//! the programme). Reading a plan shows a woman's personal circumstances (her job, her pay),
//! so it needs `ViewPersonalData` and an opening of the plan's page is audited as
//! `job_plan.view` with her as the subject; the list on her file is part of her file's own
//! audited opening. Every write is one transaction with its audit row (ids, kinds, states and
//! days — never her name).

use hamyar_domain::training::job_plan::{
    PlanInput, PlanState, StepDetail, StepInput, StepKind, StepState, StepStateInput,
};
use hamyar_domain::{Message, to_latin_digits};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::job_plans::{
    JobPlanId, JobPlanRow, JobPlanStepId, JobPlanStepRow, StepStateChange,
};
use crate::ports::registry::WomanId;
use crate::ports::training::{CourseRunRow, EnrolmentId, EnrolmentRow};
use crate::registry::{field_errors, woman_in_scope};
use crate::service::{App, AuditEntry, actor_name};

/// A step form: the step as typed, and the records it may name (ids as typed; blank: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepForm {
    pub step: StepInput,
    /// A training step's enrolment (one of hers).
    pub enrolment_id: String,
    /// A working-capital step's grant (to her or to a group she belongs to).
    pub grant_id: String,
}

/// A plan with its steps and what its page shows of the woman.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPlanView {
    pub plan: JobPlanRow,
    pub steps: Vec<JobPlanStepRow>,
    pub first_name: String,
    pub last_name: String,
    /// Her enrolments with their runs, which a training step may name.
    pub enrolments: Vec<(EnrolmentRow, CourseRunRow)>,
}

/// Whether the actor may make and change job plans (see the module notes).
fn require_case_work(actor: &Actor) -> AppResult<()> {
    actor.require(Permission::RecordAttendance)?;
    actor.require(Permission::RegisterWomen)
}

fn invalid(problems: Vec<hamyar_domain::registry::Problem>) -> AppError {
    AppError::Invalid(field_errors(problems, None))
}

/// The plan, if the actor's scope covers its place; `NotFound` otherwise.
async fn plan_in_scope(tx: &mut dyn Tx, actor: &Actor, id: JobPlanId) -> AppResult<JobPlanRow> {
    tx.job_plan_by_id(id)
        .await?
        .filter(|plan| {
            actor
                .scope
                .covers(Some(plan.province_id), Some(plan.county_id))
        })
        .ok_or(AppError::NotFound)
}

/// An id typed in a form; blank is none.
fn typed_id<T: std::str::FromStr>(
    field: &'static str,
    text: &str,
    message: &'static str,
) -> AppResult<Option<T>> {
    let text = to_latin_digits(text.trim());
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, Message::new(message)))
}

impl App {
    /// Makes a plan toward a job for a woman the actor reaches.
    pub async fn create_job_plan(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        input: &PlanInput,
    ) -> AppResult<JobPlanId> {
        require_case_work(actor)?;
        // Her scope before the form: a woman out of reach is not found, whatever was typed.
        let mut tx = self.db.write().await?;
        let woman = woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let draft = input.parse(self.today()).map_err(invalid)?;
        let now = self.now();
        let row = JobPlanRow {
            id: JobPlanId::default(),
            province_id: woman.record.province_id,
            county_id: woman.record.county_id,
            woman_id,
            job_title: draft.job_title,
            occupation_code: draft.occupation_code,
            state: PlanState::Open,
            planned_on: draft.planned_on,
            closed_on: None,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: now,
            updated_at: now,
        };
        let id = tx.insert_job_plan(&row).await?;
        self.audit_plan(
            tx.as_mut(),
            actor,
            &row,
            id,
            "job_plan.create",
            None,
            json!({
                "woman_id": woman_id,
                "job_title": row.job_title,
                "occupation_code": row.occupation_code,
                "planned_on": row.planned_on.to_iso_string(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a step to an open plan.
    pub async fn add_job_plan_step(
        &self,
        actor: &Actor,
        plan_id: JobPlanId,
        form: &StepForm,
    ) -> AppResult<JobPlanStepId> {
        require_case_work(actor)?;
        let draft = form.step.parse().map_err(invalid)?;
        let enrolment_id: Option<EnrolmentId> = typed_id(
            "enrolment_id",
            &form.enrolment_id,
            "job-preparation-enrolment_not_hers",
        )?;
        let grant_id = typed_id("grant_id", &form.grant_id, "job-preparation-grant_not_hers")?;
        let mut tx = self.db.write().await?;
        let plan = plan_in_scope(tx.as_mut(), actor, plan_id).await?;
        if plan.state != PlanState::Open {
            return Err(AppError::invalid(
                "plan",
                Message::new("job-preparation-plan_closed"),
            ));
        }
        let enrolment_id = match (draft.kind, enrolment_id) {
            (StepKind::Training, Some(id)) => {
                Some(self.her_enrolment(tx.as_mut(), &plan, id).await?)
            }
            _ => None,
        };
        let grant_id = match (draft.kind, grant_id) {
            (StepKind::WorkingCapital, Some(id)) => {
                Some(self.her_grant(tx.as_mut(), actor, &plan, id).await?)
            }
            _ => None,
        };
        let (employer, starts_on, monthly_pay_rials, permit_name) = match draft.detail {
            StepDetail::Placement {
                employer,
                starts_on,
                monthly_pay_rials,
            } => (Some(employer), Some(starts_on), monthly_pay_rials, None),
            StepDetail::Internship { employer } => (employer, None, None, None),
            StepDetail::Permit { permit_name } => (None, None, None, Some(permit_name)),
            StepDetail::Training | StepDetail::WorkingCapital => (None, None, None, None),
        };
        let now = self.now();
        let row = JobPlanStepRow {
            id: JobPlanStepId::default(),
            plan_id,
            kind: draft.kind,
            state: StepState::Planned,
            due_on: draft.due_on,
            state_on: self.today(),
            done_on: None,
            enrolment_id,
            grant_id,
            employer,
            starts_on,
            monthly_pay_rials,
            permit_name,
            note: draft.note,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: now,
            updated_at: now,
        };
        let id = tx.insert_job_plan_step(&row).await?;
        self.audit_plan(
            tx.as_mut(),
            actor,
            &plan,
            plan_id,
            "job_plan.add_step",
            None,
            json!({
                "step_id": id,
                "kind": row.kind.code(),
                "due_on": row.due_on.map(|day| day.to_iso_string()),
                "enrolment_id": row.enrolment_id,
                "grant_id": row.grant_id,
                "employer": row.employer,
                "starts_on": row.starts_on.map(|day| day.to_iso_string()),
                "monthly_pay_rials": row.monthly_pay_rials,
                "permit_name": row.permit_name,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Moves a step of an open plan to a new state on a day (done: the day it was done).
    pub async fn set_job_plan_step_state(
        &self,
        actor: &Actor,
        step_id: JobPlanStepId,
        input: &StepStateInput,
    ) -> AppResult<()> {
        require_case_work(actor)?;
        let change = input.parse(self.today()).map_err(invalid)?;
        let mut tx = self.db.write().await?;
        let step = tx
            .job_plan_step_by_id(step_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = plan_in_scope(tx.as_mut(), actor, step.plan_id).await?;
        if plan.state != PlanState::Open {
            return Err(AppError::invalid(
                "plan",
                Message::new("job-preparation-plan_closed"),
            ));
        }
        if change.on < plan.planned_on {
            return Err(AppError::invalid(
                "on",
                Message::new("job-preparation-before_plan"),
            ));
        }
        let update = StepStateChange {
            state: change.state,
            state_on: change.on,
            done_on: (change.state == StepState::Done).then_some(change.on),
            note: change.note,
            updated_at: self.now(),
        };
        if !tx
            .set_job_plan_step_state(step_id, step.state, &update)
            .await?
        {
            return Err(AppError::invalid(
                "state",
                Message::new("job-preparation-changed_meanwhile"),
            ));
        }
        self.audit_plan(
            tx.as_mut(),
            actor,
            &plan,
            plan.id,
            "job_plan.step_state",
            Some(json!({"step_id": step_id, "state": step.state.code()})),
            json!({
                "step_id": step_id,
                "state": update.state.code(),
                "on": update.state_on.to_iso_string(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes an open plan as achieved or abandoned on a day (blank: today).
    pub async fn close_job_plan(
        &self,
        actor: &Actor,
        plan_id: JobPlanId,
        state: &str,
        closed_on: &str,
    ) -> AppResult<()> {
        require_case_work(actor)?;
        let state = PlanState::parse(state)
            .filter(|state| *state != PlanState::Open)
            .ok_or_else(|| {
                AppError::invalid("state", Message::new("job-preparation-choose_outcome"))
            })?;
        let change = StepStateInput {
            state: "done".into(),
            on: closed_on.into(),
            note: String::new(),
        }
        .parse(self.today())
        .map_err(|problems| {
            invalid(
                problems
                    .into_iter()
                    .map(|mut p| {
                        p.field = "closed_on";
                        p
                    })
                    .collect(),
            )
        })?;
        let mut tx = self.db.write().await?;
        let plan = plan_in_scope(tx.as_mut(), actor, plan_id).await?;
        if change.on < plan.planned_on {
            return Err(AppError::invalid(
                "closed_on",
                Message::new("job-preparation-before_plan"),
            ));
        }
        if !tx
            .close_job_plan(plan_id, state, change.on, self.now())
            .await?
        {
            return Err(AppError::invalid(
                "plan",
                Message::new("job-preparation-plan_closed"),
            ));
        }
        self.audit_plan(
            tx.as_mut(),
            actor,
            &plan,
            plan_id,
            "job_plan.close",
            Some(json!({"state": plan.state.code()})),
            json!({"state": state.code(), "closed_on": change.on.to_iso_string()}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A plan with its steps; `opening` (the page's GET) audits the showing.
    pub async fn job_plan(
        &self,
        actor: &Actor,
        plan_id: JobPlanId,
        opening: bool,
    ) -> AppResult<JobPlanView> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let plan = plan_in_scope(tx.as_mut(), actor, plan_id).await?;
        let woman = tx
            .woman_by_id(plan.woman_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let steps = tx.job_plan_steps(plan_id).await?;
        let mut enrolments = Vec::new();
        for enrolment in tx.enrolments_of_woman(plan.woman_id).await? {
            if let Some(run) = tx.course_run_by_id(enrolment.run_id).await? {
                enrolments.push((enrolment, run));
            }
        }
        if opening {
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "job_plan.view",
                    entity_kind: "job_plan",
                    entity_id: plan_id.to_string(),
                    province_id: Some(plan.province_id),
                    county_id: Some(plan.county_id),
                    before: None,
                    after: Some(json!({"woman_id": plan.woman_id, "steps": steps.len()})),
                },
                women_subjects([(plan.woman_id, plan.province_id, plan.county_id)]),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(JobPlanView {
            plan,
            steps,
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            enrolments,
        })
    }

    /// A woman's plans with their steps, newest first, for her file (whose opening is
    /// audited by the file itself).
    pub async fn job_plans_of_woman(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Vec<(JobPlanRow, Vec<JobPlanStepRow>)>> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = self.db.read().await?;
        woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let mut plans = Vec::new();
        for plan in tx.job_plans_of_woman(woman_id).await? {
            let steps = tx.job_plan_steps(plan.id).await?;
            plans.push((plan, steps));
        }
        tx.commit().await?;
        Ok(plans)
    }

    async fn her_enrolment(
        &self,
        tx: &mut dyn Tx,
        plan: &JobPlanRow,
        id: EnrolmentId,
    ) -> AppResult<EnrolmentId> {
        tx.enrolment_by_id(id)
            .await?
            .filter(|enrolment| enrolment.woman_id == plan.woman_id)
            .map(|enrolment| enrolment.id)
            .ok_or_else(|| {
                AppError::invalid(
                    "enrolment_id",
                    Message::new("job-preparation-enrolment_not_hers"),
                )
            })
    }

    async fn her_grant(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        plan: &JobPlanRow,
        id: crate::ports::grants::GrantId,
    ) -> AppResult<crate::ports::grants::GrantId> {
        let refused =
            || AppError::invalid("grant_id", Message::new("job-preparation-grant_not_hers"));
        let grant = tx
            .grant_by_id(id)
            .await?
            .filter(|g| actor.scope.covers(Some(g.province_id), Some(g.county_id)))
            .ok_or_else(refused)?;
        if grant.woman_id == Some(plan.woman_id) {
            return Ok(id);
        }
        let Some(group) = grant.group_id else {
            return Err(refused());
        };
        let member = tx
            .memberships_of_woman(plan.woman_id)
            .await?
            .iter()
            .any(|m| m.membership.group_id == group);
        if member { Ok(id) } else { Err(refused()) }
    }

    #[allow(clippy::too_many_arguments)]
    async fn audit_plan(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        plan: &JobPlanRow,
        id: JobPlanId,
        action: &str,
        before: Option<serde_json::Value>,
        after: serde_json::Value,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "job_plan",
                entity_id: id.to_string(),
                province_id: Some(plan.province_id),
                county_id: Some(plan.county_id),
                before,
                after: Some(after),
            },
        )
        .await
    }
}
