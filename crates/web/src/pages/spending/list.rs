//! The list of payments (`/money/payments`), filtered by status (the chips), budget line,
//! group or woman.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::spending::PaymentId;
use hamyar_app::spending::{PaymentQuery, PaymentSummary};
use hamyar_domain::spending::PaymentStatus;
use serde::Deserialize;

use super::{badge, line_label, money, status_label};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::page;
use crate::state::AppState;
use hamyar_reports::format;

/// A status chip of the list.
pub struct Chip {
    pub href: String,
    pub label: &'static str,
    pub badge: &'static str,
    pub active: bool,
}

/// One row of the list as shown.
pub struct PaymentLine {
    pub id: PaymentId,
    pub status: &'static str,
    pub badge: &'static str,
    pub line: String,
    pub payee: String,
    pub amount: String,
    pub spent_on: String,
    pub proposed_by: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
    pub line: Option<BudgetLineId>,
    pub group: Option<GroupId>,
    pub woman: Option<WomanId>,
}

#[derive(Template)]
#[template(path = "payments.html")]
struct ListTemplate {
    ctx: PageCtx,
    chips: Vec<Chip>,
    rows: Vec<PaymentLine>,
    can_propose: bool,
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let status = query.status.as_deref().and_then(PaymentStatus::parse);
    let payments = state
        .app
        .payments(
            &actor,
            &PaymentQuery {
                budget_line_id: query.line,
                status,
                group_id: query.group,
                woman_id: query.woman,
                ..PaymentQuery::default()
            },
        )
        .await?;
    let tree = state.app.place_tree().await?;
    let mut chips = vec![Chip {
        href: "/money/payments".into(),
        label: lang.t("payments-all"),
        badge: "badge-muted",
        active: status.is_none(),
    }];
    chips.extend(PaymentStatus::ALL.iter().map(|s| Chip {
        href: format!("/money/payments?status={}", s.code()),
        label: status_label(*s, lang),
        badge: badge(*s),
        active: status == Some(*s),
    }));
    let rows = payments.iter().map(|p| row_view(&who, &tree, p)).collect();
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "payments-title"),
        chips,
        rows,
        can_propose: actor.can(Permission::ProposeSpending),
    })
}

fn row_view(
    who: &LoggedIn,
    tree: &hamyar_app::places::PlaceTree,
    p: &PaymentSummary,
) -> PaymentLine {
    let lang = who.lang();
    PaymentLine {
        id: p.row.id,
        status: status_label(p.status, lang),
        badge: badge(p.status),
        line: line_label(
            who,
            tree,
            p.category,
            p.fiscal_year,
            p.row.county_id.unwrap_or(p.row.province_id),
        ),
        payee: p.row.payee.clone(),
        amount: money(who, p.row.amount_rials),
        spent_on: format::date(p.row.spent_on, lang),
        proposed_by: p.row.proposed_by_name.clone(),
    }
}
