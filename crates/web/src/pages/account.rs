//! The user's own account: change password (proving the current one), preferences
//! (interface language, and whether amounts show in rials, tomans or new rials), and her API
//! tokens (`api_tokens`: listed here, made and revoked by the forms of this page).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_domain::money::{MoneyUnit, Rials, format_money};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::ChoiceGroup;
use crate::pages::form::FormView;
use crate::pages::{Notice, done, page};
use crate::state::AppState;

mod api_tokens;

use api_tokens::{TokenLine, token_lines};
pub use api_tokens::{create_token, revoke_token};

#[derive(Template)]
#[template(path = "account.html")]
struct AccountTemplate {
    ctx: PageCtx,
    form: FormView,
    /// (value, label, selected) for each money unit.
    money_units: Vec<(&'static str, &'static str, bool)>,
    /// The seed document's figure, shown in the chosen unit as an example.
    example: String,
    /// Her API tokens, newest first, and the form that makes one.
    tokens: Vec<TokenLine>,
    token_form: FormView,
    /// The scopes a token may have: her own (the country first, when she is country-wide)
    /// and every place inside it.
    scopes: Vec<(String, String)>,
    scope_groups: Vec<ChoiceGroup>,
}

/// The amount the press release reports, used only to show what each unit looks like.
const EXAMPLE_RIALS: i64 = 743_000_000;

/// The page with the password form `form` and the token form `token_form` as given.
async fn template(
    who: &LoggedIn,
    state: &AppState,
    form: FormView,
    token_form: FormView,
    notice: Option<&str>,
) -> WebResult<AccountTemplate> {
    let lang = who.lang();
    let current = who.session.user.money_unit;
    let units = [MoneyUnit::Rial, MoneyUnit::Toman, MoneyUnit::NewRial];
    let tokens = token_lines(state, who).await?;
    let (scopes, scope_groups) =
        crate::pages::users::scope_choices(state, &who.actor(), lang).await?;
    Ok(AccountTemplate {
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
        tokens,
        token_form,
        scopes,
        scope_groups,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &template(
            &who,
            &state,
            FormView::default(),
            FormView::default(),
            notice.done.as_deref(),
        )
        .await?,
    )
}

/// The password change: the use-case takes the three values, which are never shown again.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
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
    FormView::default()
        .answer(
            result,
            who.lang(),
            // Changing the password ends every session, this one included: log in again.
            |()| done("/login", "account-password_changed"),
            |form| async move { template(&who, &state, form, FormView::default(), None).await },
        )
        .await
}

/// The language and money unit: the use-case takes the two codes.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreferencesForm {
    locale: String,
    money_unit: String,
}

pub async fn save_preferences(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<PreferencesForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .set_preferences(&who.actor(), &input.locale, &input.money_unit)
        .await;
    FormView::default()
        .answer(
            result,
            who.lang(),
            |()| done("/account", "account-preferences_saved"),
            |form| async move { template(&who, &state, form, FormView::default(), None).await },
        )
        .await
}
