//! Memberships over the API: `POST /api/v1/groups/{id}/members` (a registered woman, found by
//! her national ID, joins the group on a day with a role) and `POST …/members/{membership_id}/end`
//! (she leaves on a day with a reason), each done once per `Idempotency-Key`. A group's
//! members are read with the group (`GET /api/v1/groups/{id}`).
//!
//! Both are the group page's own use-cases under a key (`add_group_member_once`,
//! `end_group_membership_once`), so the checks are the page's: only a woman of the group's own
//! county that the caller may see, no overlapping membership, a day not to come; the audit rows
//! (`group.member_join`, `group.member_leave`) name her by id only.

use axum::extract::State;
use axum::response::Response;
use hamyar_app::ids::GroupId;
use hamyar_domain::groups::{JoinInput, LeaveInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, Write};
use crate::api::paging::{recorded, saved};
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// A woman joining the group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMembership {
    /// Her national ID, as registered.
    pub national_id: String,
    /// `member`, `head`, `treasurer` or `secretary`.
    pub role: String,
    /// Jalali day she joined, `1405/09/16`.
    pub joined_on: String,
}

/// A membership ending.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipEnd {
    /// Jalali day she left.
    pub left_on: String,
    /// The leave reason's code.
    pub leave_reason: String,
    #[serde(default)]
    pub leave_note: String,
}

/// What a membership write answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipRecorded {
    pub membership_id: i64,
    /// True when this request repeated an earlier one with the same key.
    pub repeated: bool,
}

/// A woman joins the group, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/members", tag = "groups",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewMembership,
    responses(
        (status = 201, description = "She joined", body = MembershipRecorded),
        (status = 200, description = "Already recorded under this key", body = MembershipRecorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not change members", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (no such woman in the caller's place, one of another county, an overlapping membership, a day to come…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewMembership>,
) -> Result<Response, Problem> {
    let input = JoinInput {
        national_id: write.body.national_id.clone(),
        role: write.body.role.clone(),
        joined_on: write.body.joined_on.clone(),
    };
    let once = state
        .app
        .add_group_member_once(&caller.actor, GroupId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(e))?;
    let body = MembershipRecorded {
        membership_id: once.value,
        repeated: once.repeated,
    };
    Ok(recorded(
        body,
        once.repeated,
        Some(&format!("/api/v1/groups/{id}")),
    ))
}

/// A membership ends, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/members/{membership_id}/end", tag = "groups",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("membership_id" = i64, Path, description = "The membership's id, as the group's members list it"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = MembershipEnd,
    responses(
        (status = 200, description = "Ended, or already ended under this key", body = MembershipRecorded),
        (status = 400, description = "A malformed body, path or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not change members", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group or membership in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (a day before she joined or to come, an unknown reason, a membership already ended…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn end(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath((id, membership_id)): ApiPath<(i64, i64)>,
    write: Write<MembershipEnd>,
) -> Result<Response, Problem> {
    let input = LeaveInput {
        left_on: write.body.left_on.clone(),
        leave_reason: write.body.leave_reason.clone(),
        leave_note: write.body.leave_note.clone(),
    };
    let once = state
        .app
        .end_group_membership_once(
            &caller.actor,
            GroupId::new(id),
            membership_id,
            &input,
            write.request(),
        )
        .await
        .map_err(|e| caller.problem(e))?;
    let body = MembershipRecorded {
        membership_id,
        repeated: once.repeated,
    };
    Ok(saved(body, once.repeated))
}
