//! Payments and grants over the API, read only: `GET /api/v1/payments`, `…/payments/{id}`,
//! `GET /api/v1/grants` and `…/grants/{id}`. Money leaves only through the ledger, by the
//! money pages' four-eyes use-cases, so nothing here writes; other systems (a province's
//! accounts, the national office) read what the pages show.
//!
//! Each calls the money pages' own use-case (`payments`, `payment`, `grants`,
//! `grant_detail` with `opening` as the grant page's GET sets it): `ViewMoneyRecords`, the
//! reach of the token's place, what of a payment that reaches beyond it is withheld (its
//! free text, the names of groups and women elsewhere, counted instead), a woman's name hidden
//! from a role without personal data, and the `payment.view` / `grant.view` audit rows are
//! theirs. Amounts are integer rials as the ledger keeps them; dates are Jalali.

use axum::Json;
use axum::extract::State;
use hamyar_app::grants::{GrantDetail, GrantListFilter, GrantListItem};
use hamyar_app::ids::{BudgetLineId, GrantId, GroupId, PaymentId, WomanId};
use hamyar_app::ports::spending::PaymentLink;
use hamyar_app::spending::{PaymentQuery, PaymentSummary};
use hamyar_domain::Message;
use hamyar_domain::spending::PaymentStatus;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::caller::Caller;
use crate::api::input::{ApiPath, ApiQuery};
use crate::api::paging::Paged;
use crate::api::problem::{Problem, ProblemBody};
use crate::state::AppState;

/// Payments to a page.
const PAYMENTS_PER_PAGE: i64 = 50;
/// Grants to a page: the use-case's own page (`grants::listing::GRANTS_PER_PAGE`).
const GRANTS_PER_PAGE: usize = 50;

/// Filters of the payments.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaymentFilters {
    /// A budget line's id.
    pub line: Option<i64>,
    /// A status code (`proposed`, `approved`, `paid`, `rejected`, `cancelled`).
    pub status: Option<String>,
    /// The payments for one group of the caller's place.
    pub group: Option<i64>,
    /// The payments for one woman of the caller's place.
    pub woman: Option<i64>,
    /// 1-based page of 50, newest first.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A payment as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentLine {
    pub id: i64,
    /// `proposed`, `approved`, `paid`, `rejected` or `cancelled`.
    pub status: String,
    pub budget_line_id: i64,
    pub fiscal_year: i32,
    /// The line's category code.
    pub category: String,
    pub province_id: i64,
    /// Null for a province's undivided line.
    pub county_id: Option<i64>,
    pub payee: String,
    pub payee_kind: String,
    pub amount_rials: i64,
    /// Jalali.
    pub spent_on: String,
    pub proposed_by: String,
}

/// A group or woman a payment is for.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentFor {
    /// `group` or `woman`.
    pub kind: String,
    pub id: i64,
    /// The group's code and name, or the woman's name; empty when the role may not see
    /// personal data.
    pub label: String,
}

/// One payment as this caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentDetail {
    pub payment: PaymentLine,
    /// Empty when `text_withheld`.
    pub description: String,
    pub reference: String,
    /// True when the payment reaches beyond the caller's place, so staff's free text is left
    /// out.
    pub text_withheld: bool,
    /// The groups and women it is for within the caller's place.
    pub paid_for: Vec<PaymentFor>,
    /// How many groups and women it is for elsewhere.
    pub groups_elsewhere: usize,
    pub women_elsewhere: usize,
    /// Jalali day it was approved, and paid.
    pub approved_on: Option<String>,
    pub paid_on: Option<String>,
    /// Evidence files the caller may fetch on the payment's page.
    pub evidence_files: usize,
    /// The course run it paid for, by its code.
    pub course_run: Option<String>,
}

/// Filters of the grants.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GrantFilters {
    /// The grants of one group of the caller's place.
    pub group: Option<i64>,
    /// A woman's national ID.
    pub national_id: Option<String>,
    /// A status code (`proposed`, `open`, `closed`, `rejected`, `cancelled`).
    pub status: Option<String>,
    pub fiscal_year: Option<i32>,
    /// 1-based page of 50, newest first.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// A grant as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GrantLine {
    pub id: i64,
    pub status: String,
    pub fiscal_year: i32,
    pub budget_line_id: i64,
    pub province_id: i64,
    pub county_id: i64,
    /// Set for a grant to a group.
    pub group_id: Option<i64>,
    /// Set for a grant to a woman, when the caller may see who she is.
    pub woman_id: Option<i64>,
    /// The group's name or the woman's; null when the caller may not see her name.
    pub recipient_name: Option<String>,
    pub purpose: String,
    pub total_rials: i64,
    /// Approved or paid tranches.
    pub committed_rials: i64,
    pub paid_rials: i64,
}

/// One tranche of a grant.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrancheLine {
    pub id: i64,
    pub seq: i64,
    pub amount_rials: i64,
    /// Jalali.
    pub planned_on: String,
    pub status: String,
    pub approved_on: Option<String>,
    pub paid_on: Option<String>,
    /// Whether every condition holds (judged today for a proposed tranche, as kept at
    /// approval otherwise).
    pub conditions_pass: bool,
}

/// A grant with its tranches.
#[derive(Debug, Serialize, ToSchema)]
pub struct GrantDetailView {
    pub grant: GrantLine,
    pub tranches: Vec<TrancheLine>,
}

fn payment_line(p: &PaymentSummary) -> PaymentLine {
    let row = &p.row;
    PaymentLine {
        id: row.id.get(),
        status: p.status.code().to_owned(),
        budget_line_id: row.budget_line_id.get(),
        fiscal_year: p.fiscal_year,
        category: p.category.code().to_owned(),
        province_id: row.province_id.get(),
        county_id: row.county_id.map(|c| c.get()),
        payee: row.payee.clone(),
        payee_kind: row.payee_kind.clone(),
        amount_rials: row.amount_rials,
        spent_on: row.spent_on.to_string(),
        proposed_by: row.proposed_by_name.clone(),
    }
}

fn grant_line(item: &GrantListItem) -> GrantLine {
    let grant = &item.grant;
    GrantLine {
        id: grant.id.get(),
        status: item.status.code().to_owned(),
        fiscal_year: grant.fiscal_year,
        budget_line_id: grant.budget_line_id.get(),
        province_id: grant.province_id.get(),
        county_id: grant.county_id.get(),
        group_id: grant.group_id.map(|g| g.get()),
        // The list page links a woman only when it shows her name.
        woman_id: grant
            .woman_id
            .filter(|_| item.recipient_name.is_some())
            .map(|w| w.get()),
        recipient_name: item.recipient_name.clone(),
        purpose: grant.purpose.clone(),
        total_rials: grant.total_rials,
        committed_rials: item.committed_rials,
        paid_rials: item.paid_rials,
    }
}

fn page_of(page: Option<i64>) -> i64 {
    page.unwrap_or(1).clamp(1, 100_000)
}

/// The payments the caller's place reaches, 50 to a page, newest first.
#[utoipa::path(get, path = "/api/v1/payments", tag = "money",
    params(PaymentFilters),
    responses(
        (status = 200, description = "A page of payments", body = Paged<PaymentLine>),
        (status = 400, description = "A malformed filter", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read money records", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "The group or woman filtered by is not in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn payments(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filters): ApiQuery<PaymentFilters>,
) -> Result<Json<Paged<PaymentLine>>, Problem> {
    let page = page_of(filters.page);
    let status = match filters.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(PaymentStatus::parse(text).ok_or_else(|| {
            caller.problem(hamyar_app::AppError::invalid(
                "status",
                Message::new("listing-unknown_status"),
            ))
        })?),
    };
    let query = PaymentQuery {
        budget_line_id: filters.line.map(BudgetLineId::new),
        status,
        group_id: filters.group.map(GroupId::new),
        woman_id: filters.woman.map(WomanId::new),
        // One more than a page, to know whether another follows.
        limit: PAYMENTS_PER_PAGE + 1,
        offset: (page - 1) * PAYMENTS_PER_PAGE,
        ..PaymentQuery::default()
    };
    let found = state
        .app
        .payments(&caller.actor, &query)
        .await
        .map_err(|e| caller.problem(e))?;
    let per_page = PAYMENTS_PER_PAGE as usize;
    Ok(Json(Paged {
        has_next: found.len() > per_page,
        items: found.iter().take(per_page).map(payment_line).collect(),
        page,
        total: None,
    }))
}

/// One payment as the caller may see it; showing women's names is audited.
#[utoipa::path(get, path = "/api/v1/payments/{id}", tag = "money",
    params(("id" = i64, Path, description = "The payment's id")),
    responses(
        (status = 200, description = "The payment", body = PaymentDetail),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read money records", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such payment within the caller's reach", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn payment(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PaymentDetail>, Problem> {
    let view = state
        .app
        .payment(&caller.actor, PaymentId::new(id))
        .await
        .map_err(|e| caller.problem(e))?;
    let row = &view.summary.row;
    Ok(Json(PaymentDetail {
        payment: payment_line(&view.summary),
        description: row.description.clone(),
        reference: row.reference.clone(),
        text_withheld: view.text_withheld,
        paid_for: view
            .links
            .iter()
            .map(|link| {
                let (kind, id) = match link.link {
                    PaymentLink::Group(group) => ("group", group.get()),
                    PaymentLink::Woman(woman) => ("woman", woman.get()),
                };
                PaymentFor {
                    kind: kind.to_owned(),
                    id,
                    label: link.label.clone(),
                }
            })
            .collect(),
        groups_elsewhere: view.links_elsewhere.groups,
        women_elsewhere: view.links_elsewhere.women,
        approved_on: row.approved_on.map(|day| day.to_string()),
        paid_on: row.paid_on.map(|day| day.to_string()),
        evidence_files: view.evidence.len(),
        course_run: view.course_run.map(|(_, code)| code),
    }))
}

/// The grants of the caller's place, 50 to a page, newest first.
#[utoipa::path(get, path = "/api/v1/grants", tag = "money",
    params(GrantFilters),
    responses(
        (status = 200, description = "A page of grants", body = Paged<GrantLine>),
        (status = 400, description = "A malformed filter", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read money records", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status or a malformed national ID", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn grants(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(filters): ApiQuery<GrantFilters>,
) -> Result<Json<Paged<GrantLine>>, Problem> {
    let page = page_of(filters.page);
    let filter = GrantListFilter {
        group_id: filters.group.map(GroupId::new),
        national_id: filters.national_id.unwrap_or_default(),
        status: filters.status.unwrap_or_default(),
        fiscal_year: filters.fiscal_year,
        page: page - 1,
    };
    let found = state
        .app
        .grants(&caller.actor, &filter)
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(Paged {
        // A full page may have a next one; the use-case does not count the whole list.
        has_next: found.len() == GRANTS_PER_PAGE,
        items: found.iter().map(grant_line).collect(),
        page,
        total: None,
    }))
}

fn grant_view(detail: &GrantDetail) -> GrantDetailView {
    GrantDetailView {
        grant: grant_line(&detail.item),
        tranches: detail
            .tranches
            .iter()
            .map(|tranche| TrancheLine {
                id: tranche.row.id.get(),
                seq: tranche.row.seq,
                amount_rials: tranche.row.amount_rials,
                planned_on: tranche.row.planned_on.to_string(),
                status: tranche.status.code().to_owned(),
                approved_on: tranche.row.approved_on.map(|day| day.to_string()),
                paid_on: tranche.row.paid_on.map(|day| day.to_string()),
                conditions_pass: tranche.conditions_pass(),
            })
            .collect(),
    }
}

/// One grant with its tranches; showing a woman's grant is audited as opening its page.
#[utoipa::path(get, path = "/api/v1/grants/{id}", tag = "money",
    params(("id" = i64, Path, description = "The grant's id")),
    responses(
        (status = 200, description = "The grant", body = GrantDetailView),
        (status = 400, description = "A malformed id", body = ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read money records", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No such grant in the caller's place", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate is exceeded", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("token" = [])))]
pub async fn grant(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<GrantDetailView>, Problem> {
    let detail = state
        .app
        .grant_detail(&caller.actor, GrantId::new(id), true)
        .await
        .map_err(|e| caller.problem(e))?;
    Ok(Json(grant_view(&detail)))
}
