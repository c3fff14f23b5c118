//! A group's business months over the API: `GET /api/v1/groups/{id}/business-months` (its
//! monthly revenue, costs, profit, jobs, sales channels and what each member was paid, newest
//! first) and `POST` (one month recorded or replaced, done once per `Idempotency-Key`).
//!
//! The read is `App::group_life` as the group's life page opens it (scope, role and the
//! `group.life_view` audit row naming the members are the page's); the write is the business
//! form's own use-case under a key (`record_business_month_once`), so a month is checked
//! exactly as the form checks it. Amounts are integer rials in JSON, handed to the form's
//! parser as the digits a person would type (a refusal names this body's fields); they are
//! the group's own bookkeeping and, as on the page, are not posted to the ledger.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use hamyar_app::ids::GroupId;
use hamyar_domain::group_life::{BusinessInput, PaymentInput};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery, Write};
use crate::api::paging::{Paged, saved};
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Months to a page.
const MONTHS_PER_PAGE: usize = 24;
/// The most member payments one month takes (a group has at most a few dozen members).
const PAYMENTS_MAX: usize = 200;

/// Which page of the months.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthsPage {
    /// 1-based page of 24 months, newest first.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// What one member was paid in a month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPaid {
    pub woman_id: i64,
    pub name: String,
    pub amount_rials: i64,
}

/// The group's business in one Jalali month.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusinessMonthView {
    /// Jalali year and month.
    pub year: i64,
    pub month: i64,
    pub revenue_rials: i64,
    pub costs_rials: i64,
    /// Revenue minus costs; negative in a losing month.
    pub profit_rials: i64,
    pub members_working: i64,
    pub people_hired: i64,
    /// Sales channel codes.
    pub channels: Vec<String>,
    pub channel_other: String,
    pub payments: Vec<MemberPaid>,
    pub recorded_by: String,
}

/// A member's pay in the month sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMemberPay {
    pub woman_id: i64,
    pub amount_rials: i64,
}

/// One month's business as the group reported it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBusinessMonth {
    /// Jalali year, `1405`.
    pub year: i32,
    /// Jalali month, 1–12.
    pub month: i32,
    pub revenue_rials: i64,
    pub costs_rials: i64,
    #[serde(default)]
    pub members_working: i64,
    #[serde(default)]
    pub people_hired: i64,
    /// Sales channel codes (`shop`, `exhibition`…).
    #[serde(default)]
    pub channels: Vec<String>,
    #[serde(default)]
    pub channel_other: String,
    #[serde(default)]
    pub payments: Vec<NewMemberPay>,
}

/// What a recording answered.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthRecorded {
    pub year: i32,
    pub month: i32,
    /// True when this request repeated an earlier one with the same key.
    pub repeated: bool,
}

/// The group's business months, newest first; reading them is audited as opening the
/// group's life page, which shows what each member was paid.
#[utoipa::path(get, path = "/api/v1/groups/{id}/business-months", tag = "group life",
    params(("id" = i64, Path, description = "The group's id"), MonthsPage),
    responses(
        (status = 200, description = "A page of months", body = Paged<BusinessMonthView>),
        (status = 400, description = "A malformed id or page", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read groups", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn months(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<MonthsPage>,
) -> Result<Json<Paged<BusinessMonthView>>, Problem> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let life = state
        .app
        .group_life(&caller.actor, GroupId::new(id), true)
        .await
        .map_err(|e| caller.problem(e))?;
    let name_of = |woman: hamyar_app::ids::WomanId| {
        life.members
            .iter()
            .find(|m| m.woman_id == woman)
            .map(|m| format!("{} {}", m.first_name, m.last_name))
            .unwrap_or_default()
    };
    let total = life.months.len();
    let skip = usize::try_from(page - 1)
        .unwrap_or(0)
        .saturating_mul(MONTHS_PER_PAGE);
    let items = life
        .months
        .iter()
        .rev()
        .skip(skip)
        .take(MONTHS_PER_PAGE)
        .map(|row| BusinessMonthView {
            year: row.year,
            month: row.month,
            revenue_rials: row.revenue_rials,
            costs_rials: row.costs_rials,
            profit_rials: row.profit_rials,
            members_working: row.members_working,
            people_hired: row.people_hired,
            channels: row
                .channels
                .split(',')
                .filter(|code| !code.is_empty())
                .map(str::to_owned)
                .collect(),
            channel_other: row.channel_other.clone(),
            payments: row
                .payments
                .iter()
                .map(|(woman, amount)| MemberPaid {
                    woman_id: woman.get(),
                    name: name_of(*woman),
                    amount_rials: *amount,
                })
                .collect(),
            recorded_by: row.recorded_by_name.clone(),
        })
        .collect();
    Ok(Json(Paged {
        items,
        page,
        has_next: total > skip.saturating_add(MONTHS_PER_PAGE),
        total: i64::try_from(total).ok(),
    }))
}

/// A refusal of the form's fields, named as this body names them: the form's `revenue` and
/// `costs` are `revenue_rials` and `costs_rials` here.
fn in_api_fields(error: hamyar_app::AppError) -> hamyar_app::AppError {
    match error {
        hamyar_app::AppError::Invalid(mut errors) => {
            for error in &mut errors {
                error.field = match error.field {
                    "revenue" => "revenue_rials",
                    "costs" => "costs_rials",
                    other => other,
                };
            }
            hamyar_app::AppError::Invalid(errors)
        }
        other => other,
    }
}

/// Records (or replaces) the group's business for one month, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/groups/{id}/business-months", tag = "group life",
    params(
        ("id" = i64, Path, description = "The group's id"),
        ("Idempotency-Key" = String, Header, description = "The client's key for this record: a repeat answers as the first", min_length = 8, max_length = 120, pattern = r"^[A-Za-z0-9._:-]{8,120}$"),
    ),
    request_body = NewBusinessMonth,
    responses(
        (status = 200, description = "Recorded, or already recorded under this key", body = MonthRecorded),
        (status = 400, description = "A malformed body or key", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role or a read token may not record a group's business", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such group in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "Fields refused (a month to come or before the group was formed, pay to a woman who was not a member…)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn record(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
    write: Write<NewBusinessMonth>,
) -> Result<Response, Problem> {
    let month = &write.body;
    if month.payments.len() > PAYMENTS_MAX || month.channels.len() > PAYMENTS_MAX {
        return Err(caller.problem(hamyar_app::AppError::Invalid(vec![
            hamyar_app::FieldError::new(
                "payments",
                hamyar_domain::Message::new("api-too_many_entries"),
            ),
        ])));
    }
    let input = BusinessInput {
        year: month.year.to_string(),
        month: month.month.to_string(),
        revenue: month.revenue_rials.to_string(),
        costs: month.costs_rials.to_string(),
        members_working: month.members_working.to_string(),
        people_hired: month.people_hired.to_string(),
        channels: month.channels.clone(),
        channel_other: month.channel_other.clone(),
        payments: month
            .payments
            .iter()
            .map(|pay| PaymentInput {
                woman_id: pay.woman_id,
                amount: pay.amount_rials.to_string(),
            })
            .collect(),
    };
    let once = state
        .app
        .record_business_month_once(&caller.actor, GroupId::new(id), &input, write.request())
        .await
        .map_err(|e| caller.problem(in_api_fields(e)))?;
    let body = MonthRecorded {
        year: month.year,
        month: month.month,
        repeated: once.repeated,
    };
    Ok(saved(body, once.repeated))
}
