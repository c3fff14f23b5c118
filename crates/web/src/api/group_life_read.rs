//! Reading a group's life over the API: `GET /api/v1/groups/{id}/meetings` (each meeting with
//! its members' attendance) and `GET …/visits` (each visit with its requests and the state of
//! its follow-up), newest first, a page at a time.
//!
//! Both read through `App::group_life`, the use-case of the group's life page, with `opening`
//! set as a GET of the page sets it: the scope check (a group outside the token's place is
//! `404`), the role check and the `group.life_view` audit row naming the members are the
//! page's own. The use-case reads a group's whole life at once (a group meets a few times a
//! month), so the pages of these lists are cut here.

use axum::Json;
use axum::extract::State;
use hamyar_app::group_life::GroupLife;
use hamyar_app::ids::GroupId;
use hamyar_app::ports::group_life::VisitRow;
use hamyar_domain::group_life::FollowUpState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery};
use crate::api::paging::Paged;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Meetings or visits to a page.
const PER_PAGE: usize = 50;

/// Which page of a group's meetings or visits.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LifePage {
    /// 1-based page of 50, newest first.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// One member's attendance at a meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceLine {
    pub woman_id: i64,
    /// Her name as the group's members list shows it.
    pub name: String,
    /// `present`, `absent` or `excused`.
    pub attendance: String,
}

/// A meeting of the group.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    /// Jalali, `1405/09/16`.
    pub held_on: String,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    pub attendance: Vec<AttendanceLine>,
    pub recorded_by: String,
}

/// A request the members raised during a visit.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitRequestView {
    pub id: i64,
    pub request: String,
    /// Jalali; null while the request is open.
    pub resolved_on: Option<String>,
    pub resolution_note: String,
}

/// A monitoring visit of the group.
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitView {
    pub id: i64,
    /// Jalali.
    pub visited_on: String,
    pub visitor_name: String,
    pub purpose: String,
    pub findings: String,
    /// Referral codes.
    pub referrals: Vec<String>,
    pub referral_other: String,
    /// Jalali; null when no follow-up was asked for.
    pub follow_up_due: Option<String>,
    /// `not_asked`, `done`, `answered`, `group_ended`, `scheduled`, `due` or `overdue`, today.
    pub follow_up: String,
    pub follow_up_note: String,
    pub requests: Vec<VisitRequestView>,
}

fn follow_up_code(state: FollowUpState) -> &'static str {
    match state {
        FollowUpState::NotAsked => "not_asked",
        FollowUpState::Done => "done",
        FollowUpState::Answered => "answered",
        FollowUpState::GroupEnded => "group_ended",
        FollowUpState::Scheduled => "scheduled",
        FollowUpState::Due => "due",
        FollowUpState::Overdue => "overdue",
    }
}

/// The page `page` (1-based) of `items`, with whether another follows.
fn page_of<T>(items: Vec<T>, page: i64) -> Paged<T> {
    let total = items.len();
    let skip = usize::try_from(page - 1)
        .unwrap_or(0)
        .saturating_mul(PER_PAGE);
    let has_next = total > skip.saturating_add(PER_PAGE);
    Paged {
        items: items.into_iter().skip(skip).take(PER_PAGE).collect(),
        page,
        has_next,
        total: i64::try_from(total).ok(),
    }
}

async fn life_of(state: &AppState, caller: &Caller, id: i64) -> Result<GroupLife, Problem> {
    state
        .app
        .group_life(&caller.actor, GroupId::new(id), true)
        .await
        .map_err(|e| caller.problem(e))
}

fn meeting_view(
    life: &GroupLife,
    meeting: &hamyar_app::ports::group_life::MeetingRow,
) -> MeetingView {
    let name_of = |woman: hamyar_app::ids::WomanId| {
        life.members
            .iter()
            .find(|m| m.woman_id == woman)
            .map(|m| format!("{} {}", m.first_name, m.last_name))
            .unwrap_or_default()
    };
    MeetingView {
        id: meeting.id,
        held_on: meeting.held_on.to_string(),
        place: meeting.place.clone(),
        topics: meeting.topics.clone(),
        decisions: meeting.decisions.clone(),
        attendance: meeting
            .attendance
            .iter()
            .map(|(woman, attendance)| AttendanceLine {
                woman_id: woman.get(),
                name: name_of(*woman),
                attendance: attendance.clone(),
            })
            .collect(),
        recorded_by: meeting.recorded_by_name.clone(),
    }
}

fn visit_view(life: &GroupLife, visit: &VisitRow) -> VisitView {
    VisitView {
        id: visit.id,
        visited_on: visit.visited_on.to_string(),
        visitor_name: visit.visitor_name.clone(),
        purpose: visit.purpose.clone(),
        findings: visit.findings.clone(),
        referrals: visit
            .referrals
            .split(',')
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect(),
        referral_other: visit.referral_other.clone(),
        follow_up_due: visit.follow_up_due.map(|day| day.to_string()),
        follow_up: follow_up_code(life.follow_up_state(visit)).to_owned(),
        follow_up_note: visit.follow_up_note.clone(),
        requests: visit
            .requests
            .iter()
            .map(|request| VisitRequestView {
                id: request.id,
                request: request.request.clone(),
                resolved_on: request.resolved_on.map(|day| day.to_string()),
                resolution_note: request.resolution_note.clone(),
            })
            .collect(),
    }
}

/// The group's meetings with their attendance, newest first; reading them is audited as
/// opening the group's life page.
#[utoipa::path(get, path = "/api/v1/groups/{id}/meetings", tag = "group life",
    params(("id" = i64, Path, description = "The group's id"), LifePage),
    responses(
        (status = 200, description = "A page of meetings", body = Paged<MeetingView>),
        (status = 400, description = "A malformed id or page", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn meetings(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<LifePage>,
) -> Result<Json<Paged<MeetingView>>, Problem> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let life = life_of(&state, &caller, id).await?;
    let views = life
        .meetings
        .iter()
        .map(|meeting| meeting_view(&life, meeting))
        .collect();
    Ok(Json(page_of(views, page)))
}

/// The group's monitoring visits with their requests and follow-ups, newest first; reading
/// them is audited as opening the group's life page.
#[utoipa::path(get, path = "/api/v1/groups/{id}/visits", tag = "group life",
    params(("id" = i64, Path, description = "The group's id"), LifePage),
    responses(
        (status = 200, description = "A page of visits", body = Paged<VisitView>),
        (status = 400, description = "A malformed id or page", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn visits(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<LifePage>,
) -> Result<Json<Paged<VisitView>>, Problem> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let life = life_of(&state, &caller, id).await?;
    let views = life
        .visits
        .iter()
        .map(|visit| visit_view(&life, visit))
        .collect();
    Ok(Json(page_of(views, page)))
}
