//! The list of grants (`/money/grants`) with its filters, and the «کمک‌های بلاعوض» section
//! of a group's page, which shows the same rows.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::grants::{GrantListFilter, GrantListItem};
use hamyar_app::ports::grants::GrantId;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::grants::GrantStatus;
use hamyar_domain::money::MoneyUnit;
use hamyar_i18n::Lang;
use hamyar_reports::format;
use serde::Deserialize;

use super::grant_badge;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::page;
use crate::state::AppState;

pub struct GrantRowView {
    pub id: GrantId,
    pub recipient: String,
    pub recipient_href: String,
    pub purpose: String,
    pub total: String,
    pub committed: String,
    pub paid: String,
    pub status: &'static str,
    pub badge: &'static str,
    pub year: String,
}

pub(super) fn row_view(item: &GrantListItem, unit: MoneyUnit, lang: Lang) -> GrantRowView {
    let grant = &item.grant;
    let recipient = item
        .recipient_name
        .clone()
        .unwrap_or_else(|| lang.t("grants-hidden_name").to_owned());
    let recipient_href = match (grant.group_id, grant.woman_id) {
        (Some(group), _) => format!("/groups/{group}"),
        (None, Some(woman)) if item.recipient_name.is_some() => format!("/women/{woman}"),
        _ => String::new(),
    };
    GrantRowView {
        id: grant.id,
        recipient,
        recipient_href,
        purpose: grant.purpose.clone(),
        total: format::money(grant.total_rials, unit, lang),
        committed: format::money(item.committed_rials, unit, lang),
        paid: format::money(item.paid_rials, unit, lang),
        status: codes::label(item.status, lang),
        badge: grant_badge(item.status),
        year: lang.digits(&grant.fiscal_year.to_string()),
    }
}

#[derive(Template)]
#[template(path = "grants.html")]
struct ListTemplate {
    ctx: PageCtx,
    rows: Vec<GrantRowView>,
    filters: FormView,
    statuses: Vec<Choice>,
    can_propose: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    national_id: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let mut filters = FormView::with_values([
        ("status", query.status.as_str()),
        ("year", query.year.as_str()),
        ("national_id", query.national_id.as_str()),
    ]);
    let year = hamyar_domain::to_latin_digits(query.year.trim())
        .parse()
        .ok();
    let filter = GrantListFilter {
        group_id: query.group.trim().parse().ok(),
        national_id: query.national_id.clone(),
        status: query.status.clone(),
        fiscal_year: year,
        page: 0,
    };
    let items = match state.app.grants(&actor, &filter).await {
        Ok(items) => items,
        Err(error) => {
            filters.absorb(error, lang)?;
            Vec::new()
        }
    };
    let unit = who.session.user.money_unit;
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "grants-title").with_notice(query.done.as_deref()),
        rows: items
            .iter()
            .map(|item| row_view(item, unit, lang))
            .collect(),
        filters,
        statuses: codes::choices::<GrantStatus>(lang),
        can_propose: actor.can(Permission::ProposeSpending),
    })
}

/// The «کمک‌های بلاعوض» section of a group's page (empty and hidden without
/// `ViewMoneyRecords`).
#[derive(Default)]
pub struct GroupGrants {
    pub visible: bool,
    pub can_propose: bool,
    pub rows: Vec<GrantRowView>,
}

pub async fn group_section(
    state: &AppState,
    who: &LoggedIn,
    group_id: GroupId,
) -> WebResult<GroupGrants> {
    let actor = who.actor();
    if !actor.can(Permission::ViewMoneyRecords) {
        return Ok(GroupGrants::default());
    }
    let items = state.app.grants_of_group(&actor, group_id).await?;
    let unit = who.session.user.money_unit;
    Ok(GroupGrants {
        visible: true,
        can_propose: actor.can(Permission::ProposeSpending),
        rows: items
            .iter()
            .map(|item| row_view(item, unit, who.lang()))
            .collect(),
    })
}
