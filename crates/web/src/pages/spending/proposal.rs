//! The proposal form (`/money/payments/new`): a multipart upload with the evidence file,
//! and a line chooser showing what is left on each line the user's scope reaches. A refused
//! proposal is drawn again with what was typed and the messages under their fields.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_app::spending::PaymentInput;
use hamyar_app::{AppError, Permission};
use hamyar_domain::FiscalYear;
use hamyar_domain::spending::PayeeKind;

use super::{line_label, money, read_multipart};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{done, page, render};
use crate::state::AppState;

/// An option of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "payment_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    action: String,
    form: FormView,
    lines: Vec<Choice>,
    kinds: Vec<Choice>,
    key: String,
}

async fn form_template(
    state: &AppState,
    who: &LoggedIn,
    form: FormView,
) -> WebResult<FormTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let year = FiscalYear::of(state.app.today());
    let tree = state.app.place_tree().await?;
    let chosen = form.value("budget_line_id").to_owned();
    let lines = state
        .app
        .budget_lines(&actor, year, None, None)
        .await?
        .into_iter()
        .map(|view| {
            let place = view.line.county_id.unwrap_or(view.line.province_id);
            let label = format!(
                "{} ({} {})",
                line_label(who, &tree, view.category, view.line.fiscal_year, place),
                lang.t("payments-left"),
                money(who, view.figures.left_rials())
            );
            Choice {
                selected: chosen == view.line.id.to_string(),
                value: view.line.id.to_string(),
                label,
            }
        })
        .collect();
    let kind = form.value("payee_kind").to_owned();
    let kinds = PayeeKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.code().to_owned(),
            label: if lang.is_english() {
                k.label_en()
            } else {
                k.label_fa()
            }
            .to_owned(),
            selected: kind == k.code(),
        })
        .collect();
    let key = match form.value("idempotency_key") {
        "" => hamyar_app::sessions::random_token(),
        key => key.to_owned(),
    };
    Ok(FormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "payments-new"),
        action: "/money/payments".to_owned(),
        form,
        lines,
        kinds,
        key,
    })
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    who.actor().require(Permission::ProposeSpending)?;
    page(&form_template(&state, &who, FormView::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ProposeSpending)?;
    let (values, evidence) = read_multipart(&mut multipart).await?;
    let value = |name: &str| {
        values
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut form = FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())));
    let Ok(line_id) = value("budget_line_id").trim().parse() else {
        form.add_errors(&[choose_line()], who.lang());
        return refuse_form(&state, &who, form).await;
    };
    let input = PaymentInput {
        budget_line_id: line_id,
        payee: value("payee"),
        payee_kind: value("payee_kind"),
        amount: value("amount"),
        spent_on: value("spent_on"),
        reference: value("reference"),
        description: value("description"),
        group_codes: value("group_codes"),
        woman_national_ids: value("woman_national_ids"),
        evidence,
        idempotency_key: value("idempotency_key"),
        course_run_code: value("course_run_code"),
    };
    match state.app.propose_payment(&actor, &input).await {
        Ok(id) => Ok(done(&format!("/money/payments/{id}"), "payments-proposed")),
        Err(AppError::NotFound) => {
            form.add_errors(&[choose_line()], who.lang());
            refuse_form(&state, &who, form).await
        }
        Err(error) => {
            form.absorb(error, who.lang())?;
            refuse_form(&state, &who, form).await
        }
    }
}

fn choose_line() -> hamyar_app::FieldError {
    hamyar_app::FieldError::new(
        "budget_line_id",
        hamyar_domain::Message::new("proposal-choose_budget_line"),
    )
}

async fn refuse_form(state: &AppState, who: &LoggedIn, form: FormView) -> WebResult<Response> {
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &form_template(state, who, form).await?,
    )
}
