//! Training over the API: `GET /api/v1/training/runs` (the runs of the caller's place, newest
//! first), `GET …/runs/{id}` (one run with its sessions and each enrolled woman's marks,
//! counts and verdict) and `POST …/runs/{id}/attendance` (one session's sheet of marks, done
//! once per `Idempotency-Key`) — so the field app can mark a session offline.
//!
//! Each calls the training pages' own use-case (`course_runs`, `course_run` with `opening` as
//! the run page's GET sets it, so the `training.run_view` audit row is the page's;
//! `record_attendance_once`, which is `record_attendance` under a key). A run outside the
//! token's place is `404`. The run page masks national IDs for a role that may not see them
//! in full, in the web layer; this module applies that same rule to the same use-case's
//! answer.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::access::Permission;
use hamyar_app::ids::{CourseRunId, EnrolmentId, SessionId};
use hamyar_app::ports::training::CourseRunRow;
use hamyar_app::training::{EnrolledView, MarkInput};
use hamyar_domain::NationalId;
use hamyar_domain::training::CompletionVerdict;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery, Write};
use crate::api::paging::{Paged, recorded};
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Runs to a page: the use-case's own page.
const RUNS_PER_PAGE: usize = 100;

/// Which page of the runs.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunsPage {
    /// 1-based page of 100, newest first.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A run of a course, as the list of runs shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunSummary {
    pub id: i64,
    /// Unique in the province, `QZ-1405-07`.
    pub code: String,
    pub province_id: i64,
    pub county_id: i64,
    pub course_kind_id: i64,
    pub provider_id: i64,
    pub trainer_name: String,
    /// Where it is taught; empty when online.
    pub place: String,
    pub online: bool,
    pub capacity: i64,
    /// Jalali.
    pub starts_on: String,
    pub ends_on: String,
    /// Jalali; null unless the run was cancelled.
    pub cancelled_on: Option<String>,
}

/// One session of a run.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub id: i64,
    /// 1, 2, … in the schedule's order.
    pub seq: i64,
    /// Jalali.
    pub held_on: String,
    pub hours: i64,
}

/// One woman enrolled in a run, with her marks.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnrolledLine {
    pub enrolment_id: i64,
    pub woman_id: i64,
    pub name: String,
    /// Masked unless the caller's role sees full identifiers.
    pub national_id: String,
    /// `enrolled`, `completed` or `dropped`.
    pub status: String,
    /// Her mark for each session in `sessions`' order (`present`, `absent`, `excused`;
    /// null: not marked).
    pub marks: Vec<Option<String>>,
    pub present: u32,
    pub absent: u32,
    pub excused: u32,
    /// For a woman still enrolled, the course's rule on the sessions held so far:
    /// `completes`, `too_few_sessions`, `assessment_not_passed` or `nothing_held`.
    pub verdict: Option<String>,
}

/// A run with its sessions and women.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunDetail {
    /// The run as the list shows it.
    pub run: RunSummary,
    pub course_kind_code: String,
    /// The course's name in the caller's language.
    pub course_kind_name: String,
    pub provider_name: String,
    pub sessions: Vec<SessionView>,
    /// Sessions on or before today.
    pub sessions_held: u32,
    pub women: Vec<EnrolledLine>,
    pub completed: usize,
    pub dropped: usize,
    pub hours_delivered: i64,
    /// What the ledger paid for the run, in rials.
    pub paid_rials: i64,
}

/// One woman's mark on the sheet.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SheetMark {
    pub enrolment_id: i64,
    /// `present`, `absent` or `excused`.
    pub mark: String,
}

/// One session's sheet of marks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceSheet {
    pub session_id: i64,
    pub marks: Vec<SheetMark>,
}

/// What a sheet answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetRecorded {
    /// How many marks were recorded.
    pub marked: usize,
    /// True when this request repeated an earlier one with the same key.
    pub repeated: bool,
}

fn summary(run: &CourseRunRow) -> RunSummary {
    RunSummary {
        id: run.id.get(),
        code: run.code.clone(),
        province_id: run.province_id.get(),
        county_id: run.county_id.get(),
        course_kind_id: run.course_kind_id.get(),
        provider_id: run.provider_id.get(),
        trainer_name: run.trainer_name.clone(),
        place: run.place.clone(),
        online: run.online,
        capacity: run.capacity,
        starts_on: run.starts_on.to_string(),
        ends_on: run.ends_on.to_string(),
        cancelled_on: run.cancelled_on.map(|day| day.to_string()),
    }
}

/// The run page's rule: a national ID in full for a role that sees identifiers, masked as the
/// woman's file masks it otherwise.
fn shown_national_id(text: &str, full: bool) -> String {
    if full {
        return text.to_owned();
    }
    NationalId::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |id| id.masked())
}

fn verdict_code(verdict: CompletionVerdict) -> &'static str {
    match verdict {
        CompletionVerdict::Completes => "completes",
        CompletionVerdict::TooFewSessions { .. } => "too_few_sessions",
        CompletionVerdict::AssessmentNotPassed => "assessment_not_passed",
        CompletionVerdict::NothingHeld => "nothing_held",
    }
}

fn enrolled_line(woman: &EnrolledView, full_ids: bool) -> EnrolledLine {
    let who = &woman.woman;
    EnrolledLine {
        enrolment_id: who.enrolment.id.get(),
        woman_id: who.enrolment.woman_id.get(),
        name: format!("{} {}", who.first_name, who.last_name),
        national_id: shown_national_id(&who.national_id, full_ids),
        status: who.enrolment.status.clone(),
        marks: woman.marks.clone(),
        present: woman.present,
        absent: woman.absent,
        excused: woman.excused,
        verdict: woman.verdict.map(|v| verdict_code(v).to_owned()),
    }
}

/// The runs of the caller's place, 100 to a page, newest first.
#[utoipa::path(get, path = "/api/v1/training/runs", tag = "training",
    params(RunsPage),
    responses(
        (status = 200, description = "A page of runs", body = Paged<RunSummary>),
        (status = 400, description = "A malformed page", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read training", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn runs(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(query): ApiQuery<RunsPage>,
) -> Result<Json<Paged<RunSummary>>, Problem> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let rows = state
        .app
        .course_runs(&caller.actor, page - 1)
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(Paged {
        // A full page may have a next one; the use-case does not count the whole list.
        has_next: rows.len() == RUNS_PER_PAGE,
        items: rows.iter().map(summary).collect(),
        page,
        total: None,
    }))
}

/// One run with its sessions and women's marks; reading it is audited as opening its page.
#[utoipa::path(get, path = "/api/v1/training/runs/{id}", tag = "training",
    params(("id" = i64, Path, description = "The run's id")),
    responses(
        (status = 200, description = "The run", body = RunDetail),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read runs' women", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such run in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn run(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RunDetail>, Problem> {
    let view = state
        .app
        .course_run(&caller.actor, CourseRunId::new(id), true)
        .await
        .map_err(|e| caller.problem(e))?;
    let full_ids = caller.actor.can(Permission::SeeFullIdentifiers);
    let kind_name = if caller.english() && !view.kind.name_en.is_empty() {
        view.kind.name_en.clone()
    } else {
        view.kind.name.clone()
    };
    Ok(Json(RunDetail {
        run: summary(&view.run),
        course_kind_code: view.kind.code.clone(),
        course_kind_name: kind_name,
        provider_name: view.provider.name.clone(),
        sessions: view
            .sessions
            .iter()
            .map(|s| SessionView {
                id: s.id.get(),
                seq: s.seq,
                held_on: s.held_on.to_string(),
                hours: s.hours,
            })
            .collect(),
        sessions_held: view.sessions_held,
        women: view
            .women
            .iter()
            .map(|w| enrolled_line(w, full_ids))
            .collect(),
        completed: view.completed,
        dropped: view.dropped,
        hours_delivered: view.hours_delivered,
        paid_rials: view.costs.paid_rials,
    }))
}

/// Records one session's marks, once per idempotency key; a mark given again replaces the
/// first, as on the sheet page.
#[utoipa::path(post, path = "/api/v1/training/runs/{id}/attendance", tag = "training",
    params(
        ("id" = i64, Path, description = "The run's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this sheet: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = AttendanceSheet,
    responses(
        (status = 201, description = "Recorded", body = SheetRecorded),
        (status = 200, description = "Already recorded under this key", body = SheetRecorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not mark attendance", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such run, session or enrolment in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Marks refused (a session to come, a woman who had dropped out, an unknown mark…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record_attendance(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<AttendanceSheet>,
) -> Result<Response, Problem> {
    let sheet = &write.body;
    let marks: Vec<MarkInput> = sheet
        .marks
        .iter()
        .map(|m| MarkInput {
            enrolment_id: EnrolmentId::new(m.enrolment_id),
            mark: m.mark.clone(),
        })
        .collect();
    let once = state
        .app
        .record_attendance_once(
            &caller.actor,
            CourseRunId::new(id),
            SessionId::new(sheet.session_id),
            &marks,
            write.request(),
        )
        .await
        .map_err(|e| caller.problem(e))?;
    let body = SheetRecorded {
        marked: once.value,
        repeated: once.repeated,
    };
    Ok(recorded(body, once.repeated, None))
}
