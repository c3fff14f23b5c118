//! A woman's household over the API: `GET /api/v1/women/{id}/household`, the members her file
//! lists (a child, a disabled husband, an elderly parent), with the household's size and, when
//! the year's table is set, the monthly pension that size brings.
//!
//! It reads through `open_woman`, the woman's file's own use-case: the scope check (`404`
//! outside the token's place), the masking of members' national IDs for a role that may not
//! see them in full, and the `woman.view` audit row are the file's, not re-made here.

use axum::Json;
use axum::extract::State;
use hamyar_app::ids::WomanId;
use hamyar_domain::JalaliDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::caller::Caller;
use crate::api::input::ApiPath;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// A member of her household.
#[derive(Debug, Serialize, ToSchema)]
pub struct HouseholdMember {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    /// The relation's code (`child`, `spouse`, `parent`…).
    pub relation: String,
    /// Jalali.
    pub birth_date: Option<String>,
    /// Masked unless the caller's role sees full identifiers.
    pub national_id: Option<String>,
    pub disability: bool,
    pub activity: Option<String>,
}

/// Her household as her file shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Household {
    pub woman_id: i64,
    /// She and her members.
    pub size: i64,
    pub members: Vec<HouseholdMember>,
    /// The monthly pension for this size in this fiscal year, in rials; null when the year's
    /// table is not set.
    pub monthly_pension_rials: Option<i64>,
    /// True when national IDs were masked for the caller's role.
    pub identifiers_masked: bool,
}

/// Her household; opening it is audited as opening her file.
#[utoipa::path(get, path = "/api/v1/women/{id}/household", tag = "women",
    params(("id" = i64, Path, description = "The woman's id")),
    responses(
        (status = 200, description = "Her household", body = Household),
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
) -> Result<Json<Household>, Problem> {
    let file = state
        .app
        .open_woman(&caller.actor, WomanId::new(id))
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(Household {
        woman_id: file.woman.id.get(),
        size: file.woman.household_size,
        members: file
            .members
            .into_iter()
            .map(|m| HouseholdMember {
                id: m.id,
                first_name: m.first_name,
                last_name: m.last_name,
                relation: m.relation,
                birth_date: m
                    .birth_date
                    .as_deref()
                    .and_then(|iso| JalaliDate::from_iso_str(iso).ok())
                    .map(|day| day.to_string()),
                national_id: m.national_id,
                disability: m.disability,
                activity: m.activity,
            })
            .collect(),
        monthly_pension_rials: file.pension.map(|(_, rials)| rials.value()),
        identifiers_masked: file.identifiers_masked,
    }))
}
