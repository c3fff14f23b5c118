//! The decisions taken on a tranche — approve (with the day and the double-support
//! acknowledgement), reject, pay and cancel — and the answer to each: back to the tranche's
//! card with a confirmation, or the grant's page drawn again (422) with the form's messages.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::AppError;
use hamyar_app::grants::{ApprovalInput, PaymentInput};
use hamyar_app::ports::grants::{GrantId, TrancheId};
use serde::{Deserialize, Serialize};

use super::page::{DecisionForms, grant_page};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::back_to;
use crate::pages::form::FormView;
use crate::state::AppState;

/// Which decision was asked for on which tranche, and the confirmation it earns.
struct Step {
    tranche: TrancheId,
    action: &'static str,
    notice_key: &'static str,
}

/// After a decision: back to the grant's page with a confirmation, or the page again with
/// the decision form's messages.
async fn after(
    state: &AppState,
    who: &LoggedIn,
    id: GrantId,
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
    Path((id, tranche)): Path<(GrantId, TrancheId)>,
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
    Path((id, tranche)): Path<(GrantId, TrancheId)>,
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
    Path((id, tranche)): Path<(GrantId, TrancheId)>,
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
    Path((id, tranche)): Path<(GrantId, TrancheId)>,
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
