//! The user's own account: change password (proving the current one) and preferences
//! (interface language, and whether amounts show in rials, tomans or new rials).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hamyar_domain::money::{MoneyUnit, Rials, format_money};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{Notice, done, page, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountTemplate {
    ctx: PageCtx,
    form: FormView,
    /// (value, label, selected) for each money unit.
    money_units: Vec<(&'static str, &'static str, bool)>,
    /// The seed document's figure, shown in the chosen unit as an example.
    example: String,
}

/// The amount the press release reports, used only to show what each unit looks like.
const EXAMPLE_RIALS: i64 = 743_000_000;

fn template(
    who: &LoggedIn,
    state: &AppState,
    form: FormView,
    notice: Option<&str>,
) -> AccountTemplate {
    let lang = who.lang();
    let current = who.session.user.money_unit;
    let units = [MoneyUnit::Rial, MoneyUnit::Toman, MoneyUnit::NewRial];
    AccountTemplate {
        ctx: PageCtx::for_user(&state.app, who, "account-title").with_notice(notice),
        form,
        money_units: units
            .into_iter()
            .map(|u| {
                (
                    u.as_str(),
                    if lang.is_english() {
                        u.label_en()
                    } else {
                        u.label_fa()
                    },
                    u == current,
                )
            })
            .collect(),
        example: format_money(Rials::new(EXAMPLE_RIALS), current, !lang.is_english()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(&template(
        &who,
        &state,
        FormView::default(),
        notice.done.as_deref(),
    ))
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<PasswordForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .change_own_password(
            &who.actor(),
            &input.current_password,
            &input.new_password,
            &input.new_password_confirm,
        )
        .await;
    match result {
        // Changing the password ends every session, this one included: log in again.
        Ok(()) => Ok(done("/login", "account-password_changed")),
        Err(error) => {
            let mut form = FormView::default();
            form.absorb(error, who.lang())?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &template(&who, &state, form, None),
            )
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    locale: String,
    #[serde(default)]
    money_unit: String,
}

pub async fn save_preferences(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<PreferencesForm>,
) -> WebResult<Response> {
    match state
        .app
        .set_preferences(&who.actor(), &input.locale, &input.money_unit)
        .await
    {
        Ok(()) => Ok(done("/account", "account-preferences_saved")),
        Err(error) => {
            let mut form = FormView::default();
            form.absorb(error, who.lang())?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &template(&who, &state, form, None),
            )
        }
    }
}
