//! `/api/v1/groups`: the groups in the caller's place, one group with its members, and the
//! group's own fields replaced under `If-Match`. Everything goes through the same use-cases
//! as the groups pages (`list_groups`, `group_page`, `update_group_once`), so a token sees
//! exactly the groups and the masking its person would, and opening a group is audited as a
//! view of its members just as on the page.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::access::PlaceId;
use hamyar_app::groups::{GroupListFilter, GroupPage};
use hamyar_domain::Message;
use hamyar_domain::groups::{GroupInput, GroupStage};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery, Write};
use crate::api::paging::Paged;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Filters of the list of groups.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GroupFilters {
    /// A county's id, within the caller's place.
    pub county: Option<i64>,
    /// Stage codes, comma-separated (`active,reactivated`).
    pub stage: Option<String>,
    /// A name prefix (any letter forms) or a code.
    pub q: Option<String>,
    /// 1-based page of 50.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A group in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupSummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county: String,
    /// The stage's code (`active`, `formed`…).
    pub stage: String,
    pub business_field: String,
}

/// A member of the group, past or present.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupMember {
    pub membership_id: i64,
    pub woman_id: i64,
    pub name: String,
    /// Masked unless the caller's role sees identifiers.
    pub national_id: String,
    /// `member`, `head`, `treasurer`…
    pub role: String,
    /// Jalali, `1405/02/10`.
    pub joined_on: String,
    pub left_on: Option<String>,
}

/// One group with its members.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetail {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub province: String,
    pub county: String,
    pub county_id: i64,
    pub locality: String,
    pub stage: String,
    /// The business field's label in the caller's language.
    pub business_field: String,
    /// Its code, as `PUT` takes it.
    pub business_field_code: String,
    pub business_field_other: String,
    pub supervising_unit_id: Option<i64>,
    /// The premises' code (`home`, `rented`…).
    pub premises: String,
    pub premises_address: String,
    pub notes: String,
    /// Increases at every change; the `ETag` is built from it.
    pub version: i64,
    pub members: Vec<GroupMember>,
}

/// The group's own fields, as the group form takes them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupFields {
    pub code: String,
    pub name: String,
    pub county_id: i64,
    pub locality: String,
    pub supervising_unit_id: Option<i64>,
    pub business_field: String,
    #[serde(default)]
    pub business_field_other: String,
    pub premises: String,
    #[serde(default)]
    pub premises_address: String,
    #[serde(default)]
    pub notes: String,
}

/// What a replacement answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct Saved {
    pub id: i64,
    pub version: i64,
}

fn etag(id: i64, version: i64) -> String {
    format!("\"group-{id}-v{version}\"")
}

/// The version an `If-Match` names for this group, if it names one of its versions.
fn version_in(if_match: &str, id: i64) -> Option<i64> {
    let prefix = format!("\"group-{id}-v");
    if_match
        .trim()
        .strip_prefix(&prefix)?
        .strip_suffix('"')?
        .parse()
        .ok()
}

fn stages_of(text: &str) -> Vec<GroupStage> {
    text.split(',').filter_map(GroupStage::parse).collect()
}

/// The groups in the caller's place, 50 to a page.
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups",
    params(GroupFilters),
    responses(
        (status = 200, description = "A page of groups", body = Paged<GroupSummary>),
        (status = 400, description = "A malformed filter", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not see groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filters): ApiQuery<GroupFilters>,
) -> Result<Json<Paged<GroupSummary>>, Problem> {
    let filter = GroupListFilter {
        county: filters.county.map(PlaceId::new),
        stages: stages_of(filters.stage.as_deref().unwrap_or("")),
        text: filters.q.unwrap_or_default(),
        page: filters.page.unwrap_or(1).clamp(1, 100_000),
        ..GroupListFilter::default()
    };
    let listing = state
        .app
        .list_groups(&caller.actor, &filter, caller.english())
        .await
        .map_err(|e| caller.problem(e))?;
    let items = listing
        .rows
        .into_iter()
        .map(|row| GroupSummary {
            id: row.id.get(),
            code: row.code,
            name: row.name,
            county: row.county_name,
            stage: row.stage.code().to_owned(),
            business_field: row.business_field,
        })
        .collect();
    Ok(Json(Paged {
        items,
        page: listing.page,
        has_next: listing.has_next,
        total: Some(listing.total),
    }))
}

fn detail(page: GroupPage) -> GroupDetail {
    let group = page.group;
    GroupDetail {
        id: group.id.get(),
        code: group.record.code,
        name: group.record.name,
        province: page.province_name,
        county: page.county_name,
        county_id: group.record.county_id.get(),
        locality: group.record.locality,
        stage: page.stage.code().to_owned(),
        business_field: page.business_field,
        business_field_code: group.record.business_field,
        business_field_other: group.record.business_field_other,
        supervising_unit_id: group.record.supervising_unit_id,
        premises: group.record.premises,
        premises_address: group.record.premises_address,
        notes: group.record.notes,
        version: group.version,
        members: page
            .members
            .into_iter()
            .map(|m| GroupMember {
                membership_id: m.membership_id,
                woman_id: m.woman_id.get(),
                name: m.name,
                national_id: m.national_id,
                role: m.role.code().to_owned(),
                joined_on: m.joined_on,
                left_on: m.left_on,
            })
            .collect(),
    }
}

/// One group with its members; its `ETag` names its version.
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "groups",
    params(("id" = i64, Path, description = "The group's id")),
    responses(
        (status = 200, description = "The group", body = GroupDetail,
            headers(("ETag" = String, description = "The group's version, for If-Match"))),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not see groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, Problem> {
    let page = state
        .app
        .group_page(
            &caller.actor,
            hamyar_app::ids::GroupId::new(id),
            caller.english(),
            true,
        )
        .await
        .map_err(|e| caller.problem(e))?;
    let tag = etag(id, page.group.version);
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    Ok((headers, Json(detail(page))).into_response())
}

/// Replaces the group's own fields, if it has not changed since the `ETag` in `If-Match`.
#[utoipa::path(put, path = "/api/v1/groups/{id}", tag = "groups",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("If-Match" = String, Header, description = "The ETag read with the group"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this write: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = GroupFields,
    responses(
        (status = 200, description = "Saved", body = Saved,
            headers(("ETag" = String, description = "The group's new version"))),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not change groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "Another group has this code", body = ProblemBody, content_type = "application/problem+json"),
        (status = 412, description = "The group changed since the ETag was read", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused, each with its message", body = ProblemBody, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<GroupFields>,
) -> Result<Response, Problem> {
    let Some(if_match) = write.if_match.as_deref() else {
        return Err(Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            "api-problem_if_match_required",
        )
        .field("If-Match", Message::new("api-if_match_required"))
        .in_lang(caller.lang));
    };
    let Some(version) = version_in(if_match, id) else {
        return Err(Problem::new(
            StatusCode::PRECONDITION_FAILED,
            "changed_meanwhile",
            "api-problem_changed_meanwhile",
        )
        .field("If-Match", Message::new("api-if_match_not_this_record"))
        .in_lang(caller.lang));
    };
    let fields = &write.body;
    let input = GroupInput {
        code: fields.code.clone(),
        name: fields.name.clone(),
        county: fields.county_id.to_string(),
        locality: fields.locality.clone(),
        supervising_unit: fields
            .supervising_unit_id
            .map(|u| u.to_string())
            .unwrap_or_default(),
        business_field: fields.business_field.clone(),
        business_field_other: fields.business_field_other.clone(),
        premises: fields.premises.clone(),
        premises_address: fields.premises_address.clone(),
        notes: fields.notes.clone(),
        identified_on: String::new(),
    };
    let saved = state
        .app
        .update_group_once(
            &caller.actor,
            hamyar_app::ids::GroupId::new(id),
            version,
            &input,
            write.request(),
        )
        .await
        .map_err(|e| caller.problem(e))?;
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&etag(id, saved.value)) {
        headers.insert(header::ETAG, value);
    }
    crate::api::paging::mark_repeat(&mut headers, saved.repeated);
    let body = Saved {
        id,
        version: saved.value,
    };
    Ok((StatusCode::OK, headers, Json(body)).into_response())
}
