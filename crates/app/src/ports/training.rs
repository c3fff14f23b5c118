//! The `TrainingRepo` port: the catalogue of course kinds, training providers, course runs
//! with their sessions, enrolments and attendance (migration 0023). Codes (category, kind,
//! status, mark, dropout reason) are stored as the domain's stable codes and read back as
//! text; the use-cases parse them. An enrolment's outcome changes only through
//! [`TrainingRepo::set_enrolment_outcome`], which changes the row only if it still has the
//! status the caller read, so two coordinators deciding one woman cannot both succeed.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::{PlaceId, UserId};
use crate::ids::{BudgetLineId, GroupId, WomanId};

pub use crate::ids::{CourseKindId, CourseRunId, EnrolmentId, ProviderId, SessionId};

/// A course kind as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseKindRow {
    pub id: CourseKindId,
    /// Stable key, e.g. `tailoring-basic`.
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// A `CourseCategory` code.
    pub category: String,
    /// The national skill-standard code, where one exists.
    pub skill_standard_code: Option<String>,
    pub hours: i64,
    pub min_attendance_percent: i64,
    pub final_assessment: bool,
    pub active: bool,
    pub created_at: Timestamp,
}

/// A provider as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderRow {
    pub id: ProviderId,
    pub province_id: PlaceId,
    pub name: String,
    /// The folded name (`search_key`), unique in the province.
    pub name_key: String,
    /// A `ProviderKind` code.
    pub kind: String,
    pub phone: Option<String>,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
}

/// A course run as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseRunRow {
    pub id: CourseRunId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// Unique in the province, e.g. `QZ-1405-07`.
    pub code: String,
    pub course_kind_id: CourseKindId,
    pub provider_id: ProviderId,
    pub budget_line_id: Option<BudgetLineId>,
    pub trainer_name: String,
    /// Where it is taught (an address or a hall); empty when online.
    pub place: String,
    pub online: bool,
    pub capacity: i64,
    pub starts_on: JalaliDate,
    pub ends_on: JalaliDate,
    pub cancelled_on: Option<JalaliDate>,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
}

/// One session of a run (`id` is ignored on insert).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRow {
    pub id: SessionId,
    pub run_id: CourseRunId,
    /// 1, 2, … in the order of the schedule.
    pub seq: i64,
    pub held_on: JalaliDate,
    pub hours: i64,
}

/// An enrolment as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentRow {
    pub id: EnrolmentId,
    pub run_id: CourseRunId,
    pub woman_id: WomanId,
    /// The group she was enrolled with, when a whole group was.
    pub group_id: Option<GroupId>,
    pub enrolled_on: JalaliDate,
    /// `enrolled`, `completed` or `dropped`.
    pub status: String,
    pub assessment_passed: Option<bool>,
    pub completed_on: Option<JalaliDate>,
    pub dropped_on: Option<JalaliDate>,
    /// A `DropoutReason` code.
    pub dropout_reason: Option<String>,
    /// The national skill certificate's number, when issued.
    pub skill_certificate_no: Option<String>,
    /// The code Hamyar's own certificate is checked with.
    pub certificate_code: Option<String>,
    pub enrolled_by: Option<UserId>,
    pub enrolled_by_name: String,
    pub created_at: Timestamp,
}

/// An enrolment with the woman's name, for a run's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledWoman {
    pub enrolment: EnrolmentRow,
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    /// The county she lives in (scope is checked per woman).
    pub county_id: PlaceId,
}

/// What an enrolment's outcome becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentOutcome {
    pub status: String,
    pub assessment_passed: Option<bool>,
    pub completed_on: Option<JalaliDate>,
    pub dropped_on: Option<JalaliDate>,
    pub dropout_reason: Option<String>,
    pub skill_certificate_no: Option<String>,
    pub certificate_code: Option<String>,
}

/// One attendance mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub session_id: SessionId,
    pub enrolment_id: EnrolmentId,
    /// An `AttendanceMark` code.
    pub mark: String,
}

/// Who recorded marks, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkStamp {
    pub by: Option<UserId>,
    pub by_name: String,
    pub at: Timestamp,
}

/// Which runs to list: a province's, optionally one county's, newest start first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait TrainingRepo {
    /// Fails with `StoreError::Unique("course_kinds.code")` for a code in use.
    async fn insert_course_kind(&mut self, kind: &CourseKindRow) -> StoreResult<CourseKindId>;
    /// By category then name; only active ones when `active_only`.
    async fn course_kinds(&mut self, active_only: bool) -> StoreResult<Vec<CourseKindRow>>;
    async fn course_kind_by_id(&mut self, id: CourseKindId) -> StoreResult<Option<CourseKindRow>>;

    /// Fails with `StoreError::Unique("training_providers.name")` for a name the province has.
    async fn insert_provider(&mut self, provider: &ProviderRow) -> StoreResult<ProviderId>;
    async fn provider_by_id(&mut self, id: ProviderId) -> StoreResult<Option<ProviderRow>>;
    /// A province's providers by folded name.
    async fn providers_of(&mut self, province_id: PlaceId) -> StoreResult<Vec<ProviderRow>>;

    /// Fails with `StoreError::Unique("course_runs.code")` for a code the province has.
    async fn insert_course_run(&mut self, run: &CourseRunRow) -> StoreResult<CourseRunId>;
    async fn course_run_by_id(&mut self, id: CourseRunId) -> StoreResult<Option<CourseRunRow>>;
    /// Reads the run and, on PostgreSQL, holds its row until the transaction ends, so two
    /// enrolments into its last seat run one after the other.
    async fn lock_course_run(&mut self, id: CourseRunId) -> StoreResult<Option<CourseRunRow>>;
    async fn course_run_by_code(
        &mut self,
        province_id: PlaceId,
        code: &str,
    ) -> StoreResult<Option<CourseRunRow>>;
    async fn course_runs(&mut self, filter: &RunFilter) -> StoreResult<Vec<CourseRunRow>>;

    /// Fails with `StoreError::Unique("course_sessions.seq")` for a number the run has.
    async fn insert_course_session(&mut self, session: &SessionRow) -> StoreResult<SessionId>;
    /// The run's sessions by number.
    async fn course_sessions_of(&mut self, run_id: CourseRunId) -> StoreResult<Vec<SessionRow>>;

    /// Fails with `StoreError::Unique("enrolments.woman_id")` for a woman the run has.
    async fn insert_enrolment(&mut self, enrolment: &EnrolmentRow) -> StoreResult<EnrolmentId>;
    async fn enrolment_by_id(&mut self, id: EnrolmentId) -> StoreResult<Option<EnrolmentRow>>;
    /// The enrolment whose certificate code is exactly `code` (as stored: `XXXXX-XXXXX`);
    /// the code is unique, so there is at most one.
    async fn enrolment_by_certificate_code(
        &mut self,
        code: &str,
    ) -> StoreResult<Option<EnrolmentRow>>;
    /// The run's women in Persian order of last and first name.
    async fn enrolments_of_run(&mut self, run_id: CourseRunId) -> StoreResult<Vec<EnrolledWoman>>;
    /// A woman's enrolments, newest first.
    async fn enrolments_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<EnrolmentRow>>;
    /// Sets the outcome only while the enrolment has `expected_status`; false otherwise.
    async fn set_enrolment_outcome(
        &mut self,
        id: EnrolmentId,
        expected_status: &str,
        outcome: &EnrolmentOutcome,
    ) -> StoreResult<bool>;

    /// Writes each mark, replacing an earlier mark of the same session and enrolment.
    async fn record_attendance(
        &mut self,
        marks: &[AttendanceRow],
        stamp: &MarkStamp,
    ) -> StoreResult<()>;
    /// Every mark of the run's sessions.
    async fn attendance_of_run(&mut self, run_id: CourseRunId) -> StoreResult<Vec<AttendanceRow>>;
}
