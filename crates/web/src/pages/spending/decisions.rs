//! The decisions taken on a payment — approve (with the day it takes effect), reject (with a
//! reason), pay (with the day paid) and cancel — and the answer to each: back to the payment
//! with a confirmation, or its page drawn again (422) with the messages and the typed dates.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::AppError;
use serde::Deserialize;

use super::payment::{DateFields, payment_template};
use crate::context::LoggedIn;
use crate::error::WebResult;
use crate::pages::{done, render};
use crate::state::AppState;
use hamyar_i18n::Lang;

/// The messages of a refused decision with the field each is about, in the page's language;
/// other errors go to the error page.
fn messages(error: AppError, lang: Lang) -> WebResult<Vec<(&'static str, String)>> {
    let pick = |fa: &str, en: &str| if lang.is_english() { en } else { fa }.to_owned();
    match error {
        AppError::Invalid(errors) => Ok(errors
            .iter()
            .map(|e| (e.field, pick(&e.message_fa, &e.message_en)))
            .collect()),
        AppError::Conflict {
            field,
            message_fa,
            message_en,
        } => Ok(vec![(field, pick(&message_fa, &message_en))]),
        other => Err(other.into()),
    }
}

pub(super) async fn after_decision<T>(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    result: Result<T, AppError>,
    notice: &str,
    typed: &DecisionForm,
) -> WebResult<Response> {
    match result {
        Ok(_) => Ok(done(&format!("/money/payments/{id}"), notice)),
        Err(error) => {
            let problems = messages(error, who.lang())?;
            let dates = DateFields::from_refusal(typed, &problems);
            let errors = problems.into_iter().map(|(_, text)| text).collect();
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &payment_template(state, who, id, errors, dates, None).await?,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
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
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .approve_payment(&who.actor(), id, &input.approved_on)
        .await;
    after_decision(&state, &who, id, result, "payments-approved", &input).await
}

pub async fn reject(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .reject_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(&state, &who, id, result, "payments-rejected", &input).await
}

pub async fn pay(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .pay_payment(&who.actor(), id, &input.paid_on)
        .await;
    after_decision(&state, &who, id, result, "payments-paid", &input).await
}

pub async fn cancel(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<DecisionForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .cancel_payment(&who.actor(), id, &input.reason)
        .await;
    after_decision(&state, &who, id, result, "payments-cancelled", &input).await
}
