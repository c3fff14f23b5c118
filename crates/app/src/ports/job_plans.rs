//! The `JobPlansRepo` port: a woman's job plans and their steps, and the follow-ups asked
//! three and six months after a course (migration 0025). Coded values travel as the domain's
//! enums; days as `JalaliDate`. A plan closes and a step changes state only through updates
//! that compare the state the caller read, so two people closing one plan cannot both win.
//!
//! A follow-up that is due but not asked has no row: [`JobPlansRepo::follow_ups_due`] finds
//! the completed enrolments of runs that ended on or before a day the caller computed by
//! Jalali month arithmetic (`hamyar_domain::training::follow_up::last_end_due_by`) and that
//! have no answer for that month. [`JobPlansRepo::follow_up_tally`] counts, for the reports,
//! what was due, asked, and answered "works" and "earns from the course".

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::training::follow_up::FollowUpMonth;
use hamyar_domain::training::job_plan::{PlanState, StepKind, StepState};
use jiff::Timestamp;

use super::StoreResult;
use super::group_life::AssignedTo;
use super::groups::PlaceFilter;
use crate::access::{PlaceId, UserId};
use crate::ids::{CourseKindId, CourseRunId, EnrolmentId, GrantId, GroupId, ProviderId, WomanId};

pub use crate::ids::{FollowUpId, JobPlanId, JobPlanStepId};

/// A plan as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPlanRow {
    pub id: JobPlanId,
    /// The woman's place when the plan was made.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub woman_id: WomanId,
    pub job_title: String,
    pub occupation_code: Option<String>,
    pub state: PlanState,
    /// The day the plan was agreed (a fact).
    pub planned_on: JalaliDate,
    /// The day it was achieved or abandoned.
    pub closed_on: Option<JalaliDate>,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A step as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPlanStepRow {
    pub id: JobPlanStepId,
    pub plan_id: JobPlanId,
    pub kind: StepKind,
    pub state: StepState,
    pub due_on: Option<JalaliDate>,
    /// The day the step took its present state.
    pub state_on: JalaliDate,
    /// Set exactly when the state is *done*.
    pub done_on: Option<JalaliDate>,
    /// A training step's enrolment.
    pub enrolment_id: Option<EnrolmentId>,
    /// A working-capital step's grant.
    pub grant_id: Option<GrantId>,
    pub employer: Option<String>,
    pub starts_on: Option<JalaliDate>,
    pub monthly_pay_rials: Option<i64>,
    pub permit_name: Option<String>,
    pub note: Option<String>,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a step's state becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepStateChange {
    pub state: StepState,
    pub state_on: JalaliDate,
    pub done_on: Option<JalaliDate>,
    pub note: Option<String>,
    pub updated_at: Timestamp,
}

/// A follow-up as asked (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRow {
    pub id: FollowUpId,
    pub enrolment_id: EnrolmentId,
    /// The run's place.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub due_month: FollowUpMonth,
    pub due_on: JalaliDate,
    /// The day she was asked (a fact).
    pub recorded_on: JalaliDate,
    pub works: bool,
    pub earns_from_course: bool,
    pub monthly_income_rials: Option<i64>,
    pub note: Option<String>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// Which follow-ups of one month are due: completed enrolments of runs (not cancelled) of a
/// place that ended on or before `ended_by`, without an answer for `month`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpsDueQuery {
    pub place: PlaceFilter,
    /// A social worker's (facilitator's) own groups only: women enrolled with one of them.
    pub assigned: Option<AssignedTo>,
    pub month: FollowUpMonth,
    pub ended_by: JalaliDate,
    /// 0: all.
    pub limit: i64,
}

/// One follow-up due: the woman, her enrolment and the run it follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDueRow {
    pub enrolment_id: EnrolmentId,
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: String,
    pub mobile: Option<String>,
    pub run_id: CourseRunId,
    pub run_code: String,
    pub course_name: String,
    pub course_name_en: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub group_id: Option<GroupId>,
    pub ended_on: JalaliDate,
    pub month: FollowUpMonth,
}

/// Which follow-ups the reports count: completed enrolments of runs of a place that ended
/// from `ended_from` to `ended_to` (both included), for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpTallyQuery {
    pub place: PlaceFilter,
    pub month: FollowUpMonth,
    pub ended_from: JalaliDate,
    pub ended_to: JalaliDate,
}

/// Counts of one county, course kind and provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpTallyRow {
    pub county_id: PlaceId,
    pub course_kind_id: CourseKindId,
    pub provider_id: ProviderId,
    /// Completed enrolments whose follow-up fell due.
    pub due: i64,
    /// Of those, the ones asked.
    pub done: i64,
    pub working: i64,
    pub earning_from_course: i64,
}

#[async_trait]
pub trait JobPlansRepo {
    async fn insert_job_plan(&mut self, plan: &JobPlanRow) -> StoreResult<JobPlanId>;
    async fn job_plan_by_id(&mut self, id: JobPlanId) -> StoreResult<Option<JobPlanRow>>;
    /// A woman's plans, newest first.
    async fn job_plans_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<JobPlanRow>>;
    /// Closes the plan only while it is open; false otherwise.
    async fn close_job_plan(
        &mut self,
        id: JobPlanId,
        state: PlanState,
        closed_on: JalaliDate,
        at: Timestamp,
    ) -> StoreResult<bool>;

    async fn insert_job_plan_step(&mut self, step: &JobPlanStepRow) -> StoreResult<JobPlanStepId>;
    async fn job_plan_step_by_id(
        &mut self,
        id: JobPlanStepId,
    ) -> StoreResult<Option<JobPlanStepRow>>;
    /// A plan's steps in the order they were added.
    async fn job_plan_steps(&mut self, plan_id: JobPlanId) -> StoreResult<Vec<JobPlanStepRow>>;
    /// Changes the step only while it has `expected`; false otherwise.
    async fn set_job_plan_step_state(
        &mut self,
        id: JobPlanStepId,
        expected: StepState,
        change: &StepStateChange,
    ) -> StoreResult<bool>;

    /// Fails with a unique violation when the enrolment already has this month's answer.
    async fn insert_follow_up(&mut self, follow_up: &FollowUpRow) -> StoreResult<FollowUpId>;
    /// The enrolment's answers, 3 before 6.
    async fn follow_ups_of_enrolment(
        &mut self,
        enrolment_id: EnrolmentId,
    ) -> StoreResult<Vec<FollowUpRow>>;
    /// Due and not asked, the run that ended first first (then by enrolment).
    async fn follow_ups_due(
        &mut self,
        query: &FollowUpsDueQuery,
    ) -> StoreResult<Vec<FollowUpDueRow>>;
    async fn count_follow_ups_due(&mut self, query: &FollowUpsDueQuery) -> StoreResult<i64>;
    /// Counts by county, course kind and provider.
    async fn follow_up_tally(
        &mut self,
        query: &FollowUpTallyQuery,
    ) -> StoreResult<Vec<FollowUpTallyRow>>;
}
