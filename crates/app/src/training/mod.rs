//! Training and job preparation (issue 18): who was trained, in what, for how many hours, and
//! whether she finished. The national office keeps the catalogue of course kinds, each with
//! its hours and completion rule (`catalogue`); a province registers its providers; a county
//! training coordinator (the county expert, `ManageTraining`) plans a course run with its
//! sessions and the budget line it is paid from (`runs`), enrols whole groups or single
//! women (`enrol`), has each session's attendance marked — by herself, the social worker or
//! the facilitator (`RecordAttendance`) — in one tap per woman (`attendance`), and records who
//! completed (the course kind's rule must hold) or dropped out with a coded reason
//! (`outcome`). `read` gives a run with each woman's attendance and verdict, and a woman's
//! training history.
//!
//! Scope: a run belongs to one county; everything about it is visible and changeable only
//! to those whose scope covers that county, and a woman is enrolled only when the actor's
//! scope reaches her and she lives in the run's province. Every write is one transaction
//! with its audit row; attendance audits the session and the counts, never the names.

mod attendance;
mod catalogue;
mod certificate;
mod contracts;
mod enrol;
mod follow_up;
mod job_plan;
mod needs;
mod outcome;
mod read;
mod report;
mod runs;

pub use attendance::MarkInput;
pub use catalogue::{CourseKindInput, ProviderInput};
pub use certificate::{CertificateCheck, CertificateFacts, MAX_CODE_CHARS, normalised_code};
pub use contracts::{ContractInput, ContractView, ProviderContracts};
pub use enrol::EnrolmentSummary;
pub use follow_up::{
    EmploymentAtFollowUp, FollowUpDue, FollowUpPeriod, FollowUpSheet, FollowUpsDue,
    employment_at_follow_up_in, tally_totals,
};
pub use job_plan::{JobPlanView, StepForm};
pub use needs::{GroupRunLine, GroupTraining, NeedInput, NeedView, OpenNeed};
pub use outcome::{CompletionInput, DropoutInput};
pub use read::{EnrolledView, RunView};
pub use report::{
    Employment, FollowUpCounts, MAX_LISTED_RUNS, TrainingFigures, TrainingMoney, TrainingReport,
    TrainingReportRequest, TrainingReportRow, TrainingTotals,
};
pub(crate) use report::{tally_filter, training_figures_in};
pub use runs::RunInput;
pub(crate) use runs::run_code;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::training::{CourseRunId, CourseRunRow};

/// The run, if the actor's scope covers its county; `NotFound` otherwise. With `lock`, its
/// row is held until the transaction ends (PostgreSQL).
pub(crate) async fn run_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: CourseRunId,
    lock: bool,
) -> AppResult<CourseRunRow> {
    let run = if lock {
        tx.lock_course_run(id).await?
    } else {
        tx.course_run_by_id(id).await?
    };
    run.filter(|run| {
        actor
            .scope
            .covers(Some(run.province_id), Some(run.county_id))
    })
    .ok_or(AppError::NotFound)
}

/// `enrolments.status` values.
pub(crate) mod status {
    pub const ENROLLED: &str = "enrolled";
    pub const COMPLETED: &str = "completed";
    pub const DROPPED: &str = "dropped";
}
