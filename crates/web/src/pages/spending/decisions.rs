//! The decisions taken on a payment — approve (with the day it takes effect), reject (with a
//! reason), pay (with the day paid) and cancel — and the answer to each: back to the payment
//! with a confirmation, or its page drawn again (422) with the messages and the typed dates.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::AppError;
use hamyar_app::ports::spending::PaymentId;
use serde::{Deserialize, Serialize};

use super::payment::payment_template;
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::done;
use crate::pages::form::FormView;
use crate::state::AppState;

/// After a decision: back to the payment with a confirmation, or its page drawn again with
/// the messages — listed together above the forms, as the app wrote them — and the typed
/// dates under their fields.
pub(super) async fn after_decision<T>(
    state: &AppState,
    who: &LoggedIn,
    id: PaymentId,
    result: Result<T, AppError>,
    notice: &str,
    typed: FormView,
) -> WebResult<Response> {
    typed
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| done(&format!("/money/payments/{id}"), notice),
            |form| payment_template(state, who, id, form, None),
        )
        .await
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub approved_on: String,
    #[serde(default)]
    pub paid_on: String,
}

pub async fn approve(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .approve_payment(&who.actor(), id, &input.approved_on)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-approved",
        FormView::of(&input),
    )
    .await
}

pub async fn reject(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .reject_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-rejected",
        FormView::of(&input),
    )
    .await
}

pub async fn pay(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .pay_payment(&who.actor(), id, &input.paid_on)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-paid",
        FormView::of(&input),
    )
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<PaymentId>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .cancel_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(
        &state,
        &who,
        id,
        result,
        "payments-cancelled",
        FormView::of(&input),
    )
    .await
}
