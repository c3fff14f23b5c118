//! A grant's page (`/money/grants/{id}`): the grant, its tranches as cards — for a proposed
//! tranche the conditions judged today beside the approve and reject forms, pay and cancel
//! forms for approved and paid ones — and the other support the grant's women had, for
//! whoever approves. Drawn opened, or again with a refused decision's messages.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::grants::{GrantDetail, TrancheView};
use hamyar_app::ports::grants::{GrantId, TrancheId};
use hamyar_domain::grants::TrancheStatus;
use hamyar_i18n::Lang;
use hamyar_reports::format;

use super::list::row_view;
use super::tranche_badge;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes;
use crate::pages::facilities::{WarningView, warning_views};
use crate::pages::form::FormView;
use crate::pages::history_batches::{PaperNoteView, paper_note};
use crate::pages::{Notice, page};
use crate::state::AppState;

pub struct ResultView {
    pub passed: bool,
    pub label: String,
    pub explanation: String,
}

pub struct TrancheCard {
    pub id: TrancheId,
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
    /// What the province's paper history says of it, for an imported tranche.
    pub paper: Option<PaperNoteView>,
}

/// The forms of the page: which tranche's which form failed, with its messages.
#[derive(Default)]
pub struct DecisionForms {
    pub form: FormView,
    pub tranche: Option<TrancheId>,
    pub action: &'static str,
}

impl DecisionForms {
    pub fn failed(&self, tranche: &TrancheId, action: &str) -> bool {
        self.tranche == Some(*tranche) && self.action == action
    }
}

#[derive(Template)]
#[template(path = "grant.html")]
pub(super) struct PageTemplate {
    ctx: PageCtx,
    id: GrantId,
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
        planned_on: format::date(row.planned_on, lang),
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
                explanation: lang.message(&r.message),
            })
            .collect(),
        results_are_live: view.results_are_live,
        all_pass: view.conditions_pass(),
        decided_by: row.decided_by_name.clone().unwrap_or_default(),
        rejection_reason: row.rejection_reason.clone().unwrap_or_default(),
        cancel_reason: row.cancel_reason.clone().unwrap_or_default(),
        approved_on: row
            .approved_on
            .map(|d| format::date(d, lang))
            .unwrap_or_default(),
        paid_on: row
            .paid_on
            .map(|d| format::date(d, lang))
            .unwrap_or_default(),
        ledger: ledger_lines(view, lang),
        may_decide: view.status == TrancheStatus::Proposed && detail.may_decide(&actor),
        may_pay: view.status == TrancheStatus::Approved && detail.may_pay(&actor),
        may_cancel: matches!(view.status, TrancheStatus::Approved | TrancheStatus::Paid)
            && detail.may_pay(&actor),
        paper: view.paper.as_ref().map(|note| paper_note(note, lang)),
    }
}

pub(super) async fn grant_page(
    state: &AppState,
    who: &LoggedIn,
    id: GrantId,
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
    Path(id): Path<GrantId>,
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
