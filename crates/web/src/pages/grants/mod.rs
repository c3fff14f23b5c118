//! Grants in the browser: the list (`/money/grants`), the proposal form with its recipient
//! (a group in scope, or a woman by national ID), the grant line chooser showing what is left
//! on each line, and a table of tranches with their planned dates and release conditions; and
//! a grant's page with its tranches — for a proposed tranche the conditions judged today
//! (✓/✗ with why) beside the approve and reject forms, shown only to whoever may decide
//! (never the proposer), and pay and cancel forms for approved and paid tranches. A refused
//! form is drawn again (422) with Persian messages under its fields and nothing written.
//! Also the «کمک‌های بلاعوض» section of a group's page. The phrases of these pages live here.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::grants::{
    ApprovalInput, GrantDetail, GrantInput, GrantListFilter, GrantListItem, PaymentInput,
    TrancheView,
};
use hamyar_app::groups::GroupListFilter;
use hamyar_app::{AppError, Permission};
use hamyar_domain::FiscalYear;
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{
    ConditionCode, GrantFormInput, GrantStatus, MAX_TRANCHES, TrancheFormInput, TrancheStatus,
};
use hamyar_domain::money::MoneyUnit;
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::facilities::{WarningView, warning_views};
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, done, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

fn grant_badge(status: GrantStatus) -> &'static str {
    match status {
        GrantStatus::Proposed => "badge-info",
        GrantStatus::Open => "badge-warning",
        GrantStatus::Closed => "badge-ok",
        GrantStatus::Rejected | GrantStatus::Cancelled => "badge-muted",
    }
}

fn tranche_badge(status: TrancheStatus) -> &'static str {
    match status {
        TrancheStatus::Proposed => "badge-info",
        TrancheStatus::Approved => "badge-warning",
        TrancheStatus::Paid => "badge-ok",
        TrancheStatus::Rejected | TrancheStatus::Cancelled => "badge-muted",
    }
}

// ---------------------------------------------------------------------------------------
// The list, and a group's section

pub struct GrantRowView {
    pub id: i64,
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

fn row_view(item: &GrantListItem, unit: MoneyUnit, lang: Lang) -> GrantRowView {
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
    group_id: i64,
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

// ---------------------------------------------------------------------------------------
// The proposal form

pub struct ConditionBox {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct TrancheRowForm {
    pub n: usize,
    pub amount: String,
    pub planned_on: String,
    pub visit_days: String,
    pub conditions: Vec<ConditionBox>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "grant_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    form: FormView,
    lines: Vec<Choice>,
    groups: Vec<Choice>,
    tranches: Vec<TrancheRowForm>,
}

/// The grant lines of this fiscal year the actor reaches, with what is left on each.
async fn line_choices(state: &AppState, who: &LoggedIn) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    let lang = who.lang();
    let year = FiscalYear::of(state.app.today());
    let lines = state.app.budget_lines(&actor, year, None, None).await?;
    let tree = state.app.place_tree().await?;
    let unit = who.session.user.money_unit;
    Ok(lines
        .iter()
        .filter(|view| view.category == BudgetCategory::Grant)
        .map(|view| {
            let place = view.line.county_id.unwrap_or(view.line.province_id);
            Choice::new(
                view.line.id.to_string(),
                format!(
                    "{} {} — {} — {} {}",
                    codes::label(view.category, lang),
                    lang.digits(&view.line.fiscal_year.to_string()),
                    tree.label(place, lang.is_english()),
                    lang.t("grants-left"),
                    format::money(view.figures.left_rials(), unit, lang),
                ),
            )
        })
        .collect())
}

/// The most pages of groups the chooser reads (50 a page): a province's groups fit.
const GROUP_PAGES: i64 = 20;

/// Groups in the actor's place that may still receive a grant, by page of the group list.
async fn group_choices(state: &AppState, who: &LoggedIn) -> WebResult<Vec<Choice>> {
    let actor = who.actor();
    if !actor.can(Permission::ViewGroups) {
        return Ok(Vec::new());
    }
    let lang = who.lang();
    let mut choices = Vec::new();
    for number in 1..=GROUP_PAGES {
        let page = state
            .app
            .list_groups(
                &actor,
                &GroupListFilter {
                    page: number,
                    ..GroupListFilter::default()
                },
                lang.is_english(),
            )
            .await?;
        choices.extend(
            page.rows
                .iter()
                .filter(|row| !hamyar_domain::groups::lifecycle::has_ended(row.stage))
                .map(|row| {
                    Choice::new(
                        row.id.to_string(),
                        format!(
                            "{} ({}) — {}",
                            row.name,
                            lang.digits(&row.code),
                            row.county_name
                        ),
                    )
                }),
        );
        if !page.has_next {
            break;
        }
    }
    Ok(choices)
}

/// The form's fields as typed: several values may share a name (the condition boxes).
struct Pairs(Vec<(String, String)>);

impl Pairs {
    fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn tranche(&self, n: usize) -> TrancheFormInput {
        TrancheFormInput {
            amount: self.one(&format!("tranche_{n}_amount")),
            planned_on: self.one(&format!("tranche_{n}_planned_on")),
            conditions: self.all(&format!("tranche_{n}_conditions")),
            visit_days: self.one(&format!("tranche_{n}_visit_days")),
        }
    }

    fn input(&self) -> GrantInput {
        GrantInput {
            line_id: self.one("line_id"),
            group_id: self.one("group_id"),
            national_id: self.one("national_id"),
            form: GrantFormInput {
                purpose: self.one("grant_purpose"),
                total: self.one("total"),
                tranches: (1..=MAX_TRANCHES).map(|n| self.tranche(n)).collect(),
            },
        }
    }
}

fn tranche_rows(input: &GrantInput, form: &FormView, lang: Lang) -> Vec<TrancheRowForm> {
    (1..=MAX_TRANCHES)
        .map(|n| {
            let typed = input.form.tranches.get(n - 1).cloned().unwrap_or_default();
            let errors = ["amount", "planned_on", "conditions"]
                .iter()
                .flat_map(|part| form.errs(&format!("tranche_{n}_{part}")))
                .map(str::to_owned)
                .collect();
            TrancheRowForm {
                n,
                conditions: ConditionCode::ALL
                    .iter()
                    .map(|code| ConditionBox {
                        code: code.code(),
                        label: codes::label(*code, lang),
                        checked: typed.conditions.iter().any(|c| c == code.code()),
                    })
                    .collect(),
                amount: typed.amount,
                planned_on: typed.planned_on,
                visit_days: typed.visit_days,
                errors,
            }
        })
        .collect()
}

async fn form_page(
    state: &AppState,
    who: &LoggedIn,
    input: &GrantInput,
    form: FormView,
) -> WebResult<FormTemplate> {
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "grants-new_title"),
        lines: line_choices(state, who).await?,
        groups: group_choices(state, who).await?,
        tranches: tranche_rows(input, &form, who.lang()),
        form,
    })
}

fn typed_values(input: &GrantInput) -> FormView {
    FormView::with_values([
        ("line_id", input.line_id.as_str()),
        ("group_id", input.group_id.as_str()),
        ("national_id", input.national_id.as_str()),
        ("grant_purpose", input.form.purpose.as_str()),
        ("total", input.form.total.as_str()),
    ])
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    group: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<NewQuery>,
) -> WebResult<Response> {
    who.actor().require(Permission::ProposeSpending)?;
    let input = GrantInput {
        group_id: query.group,
        ..GrantInput::default()
    };
    page(&form_page(&state, &who, &input, typed_values(&input)).await?)
}

/// The domain names the purpose `purpose`; the form calls it `grant_purpose` so that its
/// label is not the visit form's «هدف بازدید».
fn rename_purpose(error: AppError) -> AppError {
    match error {
        AppError::Invalid(mut fields) => {
            for field in &mut fields {
                if field.field == "purpose" {
                    field.field = "grant_purpose";
                }
            }
            AppError::Invalid(fields)
        }
        other => other,
    }
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let input = Pairs(pairs).input();
    let result = state
        .app
        .propose_grant(&who.actor(), &input)
        .await
        .map_err(rename_purpose);
    typed_values(&input)
        .answer(
            result,
            who.lang(),
            |id| done(&format!("/money/grants/{id}"), "grants-proposed"),
            |form| form_page(&state, &who, &input, form),
        )
        .await
}

// ---------------------------------------------------------------------------------------
// A grant's page

pub struct ResultView {
    pub passed: bool,
    pub label: String,
    pub explanation: String,
}

pub struct TrancheCard {
    pub id: i64,
    pub seq: String,
    pub amount: String,
    pub planned_on: String,
    pub status: &'static str,
    pub badge: &'static str,
    pub conditions_label: Vec<String>,
    pub results: Vec<ResultView>,
    pub results_are_live: bool,
    pub all_pass: bool,
    pub decided_by: String,
    pub rejection_reason: String,
    pub cancel_reason: String,
    pub approved_on: String,
    pub paid_on: String,
    pub ledger: Vec<String>,
    pub may_decide: bool,
    pub may_pay: bool,
    pub may_cancel: bool,
}

/// The forms of the page: which tranche's which form failed, with its messages.
#[derive(Default)]
pub struct DecisionForms {
    pub form: FormView,
    pub tranche: Option<i64>,
    pub action: &'static str,
}

impl DecisionForms {
    pub fn failed(&self, tranche: &i64, action: &str) -> bool {
        self.tranche == Some(*tranche) && self.action == action
    }
}

#[derive(Template)]
#[template(path = "grant.html")]
struct PageTemplate {
    ctx: PageCtx,
    id: i64,
    recipient: String,
    recipient_href: String,
    purpose: String,
    total: String,
    committed: String,
    paid: String,
    status: &'static str,
    badge: &'static str,
    line: String,
    proposed_by: String,
    proposed_at: String,
    tranches: Vec<TrancheCard>,
    is_proposer: bool,
    forms: DecisionForms,
    today: String,
    /// Other support the grant's women had within the window, for whoever approves.
    support_warnings: Vec<WarningView>,
}

fn ledger_lines(view: &TrancheView, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    for (key, id, reversal) in [
        (
            "grants-commit_txn",
            view.row.commit_transaction_id,
            view.commit_reversed_by,
        ),
        (
            "grants-pay_txn",
            view.row.pay_transaction_id,
            view.pay_reversed_by,
        ),
    ] {
        if let Some(id) = id {
            let mut line = format!("{} #{}", lang.t(key), lang.digits(&id.to_string()));
            if let Some(reversal) = reversal {
                line.push_str(&format!(
                    " — {} #{}",
                    lang.t("grants-reversed_by"),
                    lang.digits(&reversal.to_string())
                ));
            }
            lines.push(line);
        }
    }
    lines
}

fn tranche_card(view: &TrancheView, detail: &GrantDetail, who: &LoggedIn) -> TrancheCard {
    let lang = who.lang();
    let actor = who.actor();
    let unit = who.session.user.money_unit;
    let english = lang.is_english();
    let row = &view.row;
    TrancheCard {
        id: row.id,
        seq: lang.digits(&row.seq.to_string()),
        amount: format::money(row.amount_rials, unit, lang),
        planned_on: format::iso_date(&row.planned_on, lang),
        status: codes::label(view.status, lang),
        badge: tranche_badge(view.status),
        conditions_label: view
            .conditions
            .iter()
            .map(|c| if english { c.label_en() } else { c.label_fa() })
            .collect(),
        results: view
            .results
            .iter()
            .map(|r| ResultView {
                passed: r.passed,
                label: if english {
                    r.condition.label_en()
                } else {
                    r.condition.label_fa()
                },
                explanation: if english {
                    r.explanation_en.clone()
                } else {
                    r.explanation_fa.clone()
                },
            })
            .collect(),
        results_are_live: view.results_are_live,
        all_pass: view.conditions_pass(),
        decided_by: row.decided_by_name.clone().unwrap_or_default(),
        rejection_reason: row.rejection_reason.clone().unwrap_or_default(),
        cancel_reason: row.cancel_reason.clone().unwrap_or_default(),
        approved_on: row
            .approved_on
            .as_deref()
            .map(|d| format::iso_date(d, lang))
            .unwrap_or_default(),
        paid_on: row
            .paid_on
            .as_deref()
            .map(|d| format::iso_date(d, lang))
            .unwrap_or_default(),
        ledger: ledger_lines(view, lang),
        may_decide: view.status == TrancheStatus::Proposed && detail.may_decide(&actor),
        may_pay: view.status == TrancheStatus::Approved && detail.may_pay(&actor),
        may_cancel: matches!(view.status, TrancheStatus::Approved | TrancheStatus::Paid)
            && detail.may_pay(&actor),
    }
}

async fn grant_page(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    forms: DecisionForms,
    notice: Option<&str>,
    opening: bool,
) -> WebResult<PageTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let detail = state.app.grant_detail(&actor, id, opening).await?;
    let tree = state.app.place_tree().await?;
    let row = row_view(&detail.item, unit, lang);
    let grant = &detail.item.grant;
    let line = &detail.line;
    let place = line.line.county_id.unwrap_or(line.line.province_id);
    let deciding = detail
        .tranches
        .iter()
        .any(|view| view.status == TrancheStatus::Proposed && detail.may_decide(&actor));
    let support_warnings = if deciding {
        let warnings = state.app.grant_support_warnings(&actor, id).await?;
        warning_views(&warnings, unit, lang)
    } else {
        Vec::new()
    };
    Ok(PageTemplate {
        ctx: PageCtx::for_user(&state.app, who, "grants-page_title").with_notice(notice),
        id,
        recipient: row.recipient,
        recipient_href: row.recipient_href,
        purpose: row.purpose,
        total: row.total,
        committed: row.committed,
        paid: row.paid,
        status: row.status,
        badge: row.badge,
        line: format!(
            "{} {} — {} — {} {}",
            codes::label(line.category, lang),
            lang.digits(&line.line.fiscal_year.to_string()),
            tree.label(place, lang.is_english()),
            lang.t("grants-left"),
            format::money(line.figures.left_rials(), unit, lang),
        ),
        proposed_by: grant.proposed_by_name.clone(),
        proposed_at: format::date_time(grant.proposed_at, lang),
        tranches: detail
            .tranches
            .iter()
            .map(|view| tranche_card(view, &detail, who))
            .collect(),
        is_proposer: grant.proposed_by == actor.user_id && actor.can(Permission::ApproveSpending),
        forms,
        today: format::date(state.app.today(), lang),
        support_warnings,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &grant_page(
            &state,
            &who,
            id,
            DecisionForms::default(),
            notice.done.as_deref(),
            true,
        )
        .await?,
    )
}

/// Which decision was asked for on which tranche, and the confirmation it earns.
struct Step {
    tranche: i64,
    action: &'static str,
    notice_key: &'static str,
}

/// After a decision: back to the grant's page with a confirmation, or the page again with
/// the decision form's messages.
async fn after(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    step: Step,
    result: Result<(), AppError>,
    typed: FormView,
) -> WebResult<Response> {
    let section = format!("tranche-{}", step.tranche);
    typed
        .answer(
            result,
            who.lang(),
            |()| back_to(&format!("/money/grants/{id}"), step.notice_key, &section),
            |form| {
                let forms = DecisionForms {
                    form,
                    tranche: Some(step.tranche),
                    action: step.action,
                };
                grant_page(state, who, id, forms, None, false)
            },
        )
        .await
}

/// The approval as ticked and typed: the input's acknowledgement is a flag, the form's a
/// checkbox that is present or not.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ApproveForm {
    acknowledge_double_support: String,
    approved_on: String,
}

pub async fn approve(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, tranche)): Path<(i64, i64)>,
    Form(form): Form<ApproveForm>,
) -> WebResult<Response> {
    let input = ApprovalInput {
        acknowledge_double_support: !form.acknowledge_double_support.is_empty(),
        approved_on: form.approved_on.clone(),
    };
    let result = state
        .app
        .approve_tranche(&who.actor(), tranche, &input)
        .await
        .map(|_| ());
    after(
        &state,
        &who,
        id,
        Step {
            tranche,
            action: "approve",
            notice_key: "grants-approved",
        },
        result,
        FormView::of(&form),
    )
    .await
}

/// A rejection's reason: the use-case takes it as it is.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

pub async fn reject(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, tranche)): Path<(i64, i64)>,
    Form(form): Form<ReasonForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .reject_tranche(&who.actor(), tranche, &form.reason)
        .await;
    let typed = FormView::of(&form);
    after(
        &state,
        &who,
        id,
        Step {
            tranche,
            action: "reject",
            notice_key: "grants-rejected",
        },
        result,
        typed,
    )
    .await
}

pub async fn pay(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, tranche)): Path<(i64, i64)>,
    Form(input): Form<PaymentInput>,
) -> WebResult<Response> {
    let result = state
        .app
        .pay_tranche(&who.actor(), tranche, &input)
        .await
        .map(|_| ());
    let typed = FormView::of(&input);
    after(
        &state,
        &who,
        id,
        Step {
            tranche,
            action: "pay",
            notice_key: "grants-paid_done",
        },
        result,
        typed,
    )
    .await
}

/// A cancellation's reason: the use-case takes it as it is.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CancelForm {
    cancel_reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, tranche)): Path<(i64, i64)>,
    Form(form): Form<CancelForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .cancel_tranche(&who.actor(), tranche, &form.cancel_reason)
        .await;
    let typed = FormView::of(&form);
    after(
        &state,
        &who,
        id,
        Step {
            tranche,
            action: "cancel",
            notice_key: "grants-cancelled",
        },
        result,
        typed,
    )
    .await
}
