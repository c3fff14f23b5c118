//! `/api/v1/women`: the registry of women in the caller's place and one woman's record,
//! through the registry's own use-cases (`search_women`, `open_woman`). What the role may not
//! see is masked by them, not here: a facilitator's token gets the same masked national IDs
//! as her pages, an unmasked list is audited as a list view, and opening a record is audited
//! as `woman.view` exactly as opening her file.

use axum::Json;
use axum::extract::State;
use hamyar_app::access::PlaceId;
use hamyar_app::ids::{GroupId, WomanId};
use hamyar_app::registry::search::WomanQuery;
use hamyar_domain::JalaliDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery};
use crate::api::paging::Paged;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Women to a page.
const WOMEN_PER_PAGE: i64 = 50;

/// Filters of the registry.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WomanFilters {
    /// A national ID, a mobile or a name prefix (any digits and letter forms).
    pub q: Option<String>,
    pub county: Option<i64>,
    /// A coverage status code (`covered`, `waiting`…).
    pub coverage: Option<String>,
    /// Only the current members of this group.
    pub group: Option<i64>,
    /// 1-based page of 50.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A woman as lists show her.
#[derive(Debug, Serialize, ToSchema)]
pub struct WomanSummary {
    pub id: i64,
    /// Masked unless the caller's role sees identifiers in lists.
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    /// Masked like the national ID.
    pub mobile: String,
    pub county_id: i64,
    pub locality: String,
    pub coverage_status: String,
    pub household_size: i64,
}

/// A period of her coverage.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoveragePeriod {
    pub status: String,
    /// Jalali date from which the status holds.
    pub started_on: String,
}

/// A woman's record.
#[derive(Debug, Serialize, ToSchema)]
pub struct WomanRecordView {
    pub id: i64,
    /// Masked unless the caller's role sees full identifiers.
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    /// Jalali.
    pub birth_date: Option<String>,
    pub mobile: Option<String>,
    pub province_id: i64,
    pub county_id: i64,
    pub locality: String,
    pub headship_cause: String,
    pub coverage_status: String,
    pub household_size: i64,
    pub coverage: Vec<CoveragePeriod>,
}

fn jalali(iso: &str) -> Option<String> {
    JalaliDate::from_iso_str(iso).ok().map(|d| d.to_string())
}

/// The women in the caller's place, 50 to a page, in Persian alphabetical order.
#[utoipa::path(get, path = "/api/v1/women", tag = "women",
    params(WomanFilters),
    responses(
        (status = 200, description = "A page of women", body = Paged<WomanSummary>),
        (status = 400, description = "A malformed filter", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read the registry", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filters): ApiQuery<WomanFilters>,
) -> Result<Json<Paged<WomanSummary>>, Problem> {
    let page = filters.page.unwrap_or(1).clamp(1, 100_000);
    let query = WomanQuery {
        text: filters.q.unwrap_or_default(),
        county_id: filters.county.map(PlaceId::new),
        coverage_status: filters.coverage,
        group_id: filters.group.map(GroupId::new),
        page: page - 1,
        page_size: WOMEN_PER_PAGE,
        ..WomanQuery::default()
    };
    let found = state
        .app
        .search_women(&caller.actor, &query)
        .await
        .map_err(|e| caller.problem(e))?;
    let items = found
        .items
        .into_iter()
        .map(|w| WomanSummary {
            id: w.id.get(),
            national_id: w.national_id,
            first_name: w.first_name,
            last_name: w.last_name,
            mobile: w.mobile,
            county_id: w.county_id.get(),
            locality: w.locality,
            coverage_status: w.coverage_status,
            household_size: w.household_size,
        })
        .collect();
    Ok(Json(Paged {
        items,
        page,
        has_next: found.has_next,
        total: None,
    }))
}

/// One woman's record and her coverage; opening it is audited.
#[utoipa::path(get, path = "/api/v1/women/{id}", tag = "women",
    params(("id" = i64, Path, description = "The woman's id")),
    responses(
        (status = 200, description = "Her record", body = WomanRecordView),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not open records", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such woman in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn show(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<WomanRecordView>, Problem> {
    let file = state
        .app
        .open_woman(&caller.actor, WomanId::new(id))
        .await
        .map_err(|e| caller.problem(e))?;
    let woman = file.woman;
    let record = woman.record;
    Ok(Json(WomanRecordView {
        id: woman.id.get(),
        national_id: record.national_id,
        first_name: record.first_name,
        last_name: record.last_name,
        birth_date: jalali(&record.birth_date),
        mobile: record.mobile,
        province_id: record.province_id.get(),
        county_id: record.county_id.get(),
        locality: record.locality,
        headship_cause: record.headship_cause,
        coverage_status: woman.coverage_status,
        household_size: woman.household_size,
        coverage: file
            .episodes
            .iter()
            .map(|e| CoveragePeriod {
                status: e.status.code().to_owned(),
                started_on: e.started_on.to_string(),
            })
            .collect(),
    }))
}
