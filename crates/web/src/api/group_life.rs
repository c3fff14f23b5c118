//! `/api/v1/groups/{id}/meetings` and `/visits`: a group's meeting with its members'
//! attendance, and a monitoring visit, recorded through the same use-cases as the forms
//! (`record_meeting_once`, `record_visit_once`), each done once per `Idempotency-Key` — the
//! field app's offline records come here when it syncs, and a record sent twice lands once.
//!
//! Dates are Jalali as people write them (`1405/09/16`, Persian or Latin digits); the domain
//! checks them exactly as it checks the forms, and a refusal names the field at fault.

use axum::extract::State;
use axum::response::Response;
use hamyar_app::ids::GroupId;
use hamyar_app::once::Once;
use hamyar_domain::group_life::{AttendanceInput, MeetingInput, VisitInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, Write};
use crate::api::paging::recorded;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// One member's attendance.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceMark {
    pub woman_id: i64,
    /// `present`, `absent` or `excused`.
    pub attendance: String,
}

/// A meeting as the facilitator recorded it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeeting {
    /// Jalali date it was held, `1405/09/16`.
    pub held_on: String,
    #[serde(default)]
    pub place: String,
    pub topics: String,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub attendance: Vec<AttendanceMark>,
}

/// A monitoring visit as the social worker recorded it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVisit {
    /// Jalali date of the visit.
    pub visited_on: String,
    /// Blank: the caller made the visit.
    #[serde(default)]
    pub visitor_name: String,
    pub purpose: String,
    #[serde(default)]
    pub findings: String,
    /// The group's requests, one per entry.
    #[serde(default)]
    pub requests: Vec<String>,
    /// Referral codes.
    #[serde(default)]
    pub referrals: Vec<String>,
    #[serde(default)]
    pub referral_other: String,
    /// Jalali date a follow-up is due, if one is.
    #[serde(default)]
    pub follow_up_due: String,
}

/// What a recording answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
    /// True when this request repeated an earlier one with the same key.
    pub repeated: bool,
}

/// The most attendance marks one meeting takes (a group has at most a few dozen members).
const MARKS_MAX: usize = 200;

fn created(location: String, once: Once<i64>) -> Response {
    let body = Recorded {
        id: once.value,
        repeated: once.repeated,
    };
    recorded(body, once.repeated, Some(&location))
}

/// Records a meeting with its members' attendance, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/meetings", tag = "group life",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewMeeting,
    responses(
        (status = 201, description = "Recorded", body = Recorded),
        (status = 200, description = "Already recorded under this key", body = Recorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not record meetings", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (a woman not a member that day, a date to come…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record_meeting(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewMeeting>,
) -> Result<Response, Problem> {
    let meeting = &write.body;
    if meeting.attendance.len() > MARKS_MAX {
        return Err(caller.problem(too_many("attendance")));
    }
    let input = MeetingInput {
        held_on: meeting.held_on.clone(),
        place: meeting.place.clone(),
        topics: meeting.topics.clone(),
        decisions: meeting.decisions.clone(),
        attendance: meeting
            .attendance
            .iter()
            .map(|mark| AttendanceInput {
                woman_id: mark.woman_id,
                attendance: mark.attendance.clone(),
            })
            .collect(),
    };
    let once = state
        .app
        .record_meeting_once(&caller.actor, GroupId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(created(
        format!("/api/v1/groups/{id}/meetings/{}", once.value),
        once,
    ))
}

fn too_many(field: &'static str) -> hamyar_app::AppError {
    hamyar_app::AppError::Invalid(vec![hamyar_app::FieldError::new(
        field,
        hamyar_domain::Message::new("api-too_many_entries"),
    )])
}

/// Records a monitoring visit, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/visits", tag = "group life",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewVisit,
    responses(
        (status = 201, description = "Recorded", body = Recorded),
        (status = 200, description = "Already recorded under this key", body = Recorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not record visits", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused, each with its message", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record_visit(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewVisit>,
) -> Result<Response, Problem> {
    let visit = &write.body;
    if visit.requests.len() > MARKS_MAX || visit.referrals.len() > MARKS_MAX {
        return Err(caller.problem(too_many("requests")));
    }
    let input = VisitInput {
        visited_on: visit.visited_on.clone(),
        visitor_name: visit.visitor_name.clone(),
        purpose: visit.purpose.clone(),
        findings: visit.findings.clone(),
        requests: visit.requests.clone(),
        referrals: visit.referrals.clone(),
        referral_other: visit.referral_other.clone(),
        follow_up_due: visit.follow_up_due.clone(),
    };
    let once = state
        .app
        .record_visit_once(&caller.actor, GroupId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(created(
        format!("/api/v1/groups/{id}/visits/{}", once.value),
        once,
    ))
}
