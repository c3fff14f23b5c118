//! The account page's API tokens: the lines of her list (name, access, scope, made, expires,
//! last used, state) and the two forms. Making a token answers with a page of its own that
//! shows the secret once, drawn in the POST's response so the secret never travels in a URL
//! or a redirect, and is sent `no-store` like every page; a refused form redraws the account
//! page with the messages under the token form's fields (422). Revoking goes back to the page
//! with a confirmation. Who may do what is the app's (`hamyar_app::api_tokens`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::api_tokens::{ApiToken, ApiTokenDraft, ApiTokenId, CreatedApiToken, TokenState};
use hamyar_app::{AppError, TokenAccess};
use hamyar_i18n::Lang;
use hamyar_reports::format;
use jiff::Timestamp;

use super::template;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{done, page, render};
use crate::state::AppState;

/// One token as her list shows it.
pub(super) struct TokenLine {
    pub id: ApiTokenId,
    pub name: String,
    pub access: &'static str,
    pub scope: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    pub state: &'static str,
    /// `badge-ok` for a live token, `badge-danger` otherwise.
    pub badge: &'static str,
    pub live: bool,
}

fn access_label(access: TokenAccess, lang: Lang) -> &'static str {
    lang.t(match access {
        TokenAccess::Read => "api_tokens-access_read",
        TokenAccess::Write => "api_tokens-access_write",
    })
}

/// The Tehran day of an instant, as tables show days.
fn day(at: Timestamp, lang: Lang) -> String {
    format::date(hamyar_domain::jalali::today_in_tehran(at), lang)
}

fn line(
    token: &ApiToken,
    tree: &hamyar_app::places::PlaceTree,
    now: Timestamp,
    lang: Lang,
) -> TokenLine {
    let state = token.state(now);
    TokenLine {
        id: token.id,
        name: token.name.clone(),
        access: access_label(token.access, lang),
        scope: tree.label(token.scope_place_id, lang.is_english()),
        created: day(token.created_at, lang),
        expires: day(token.expires_at, lang),
        last_used: token.last_used_at.map_or_else(
            || lang.t("api_tokens-never_used").to_owned(),
            |at| format::date_time(at, lang),
        ),
        state: lang.t(match state {
            TokenState::Live => "api_tokens-state_live",
            TokenState::Expired => "api_tokens-state_expired",
            TokenState::Revoked => "api_tokens-state_revoked",
        }),
        badge: if state == TokenState::Live {
            "badge-ok"
        } else {
            "badge-danger"
        },
        live: state == TokenState::Live,
    }
}

/// Her tokens as lines of the list, newest first.
pub(super) async fn token_lines(state: &AppState, who: &LoggedIn) -> WebResult<Vec<TokenLine>> {
    let lang = who.lang();
    let tokens = state.app.api_tokens_of(&who.actor()).await?;
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let tree = state.app.place_tree().await?;
    let now = state.app.now();
    Ok(tokens.iter().map(|t| line(t, &tree, now, lang)).collect())
}

#[derive(Template)]
#[template(path = "account_token_created.html")]
struct CreatedTemplate {
    ctx: PageCtx,
    name: String,
    access: &'static str,
    scope: String,
    expires: String,
    secret: String,
}

async fn created_page(
    state: &AppState,
    who: &LoggedIn,
    made: CreatedApiToken,
) -> WebResult<Response> {
    let lang = who.lang();
    let tree = state.app.place_tree().await?;
    page(&CreatedTemplate {
        ctx: PageCtx::for_user(&state.app, who, "api_tokens-created_title"),
        name: made.token.name.clone(),
        access: access_label(made.token.access, lang),
        scope: tree.label(made.token.scope_place_id, lang.is_english()),
        expires: day(made.token.expires_at, lang),
        secret: made.secret,
    })
}

/// Makes a token and shows its secret once; a refused form is drawn again with its messages.
pub async fn create_token(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<ApiTokenDraft>,
) -> WebResult<Response> {
    match state.app.create_api_token(&who.actor(), &input).await {
        Ok(made) => created_page(&state, &who, made).await,
        Err(error @ (AppError::Invalid(_) | AppError::Conflict { .. })) => {
            let mut token_form = FormView::of(&input);
            token_form.absorb(error, who.lang())?;
            let page = template(&who, &state, FormView::default(), token_form, None).await?;
            render(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(other) => Err(other.into()),
    }
}

/// Revokes one of her tokens (anyone else's is not found).
pub async fn revoke_token(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<ApiTokenId>,
) -> WebResult<Response> {
    state.app.revoke_api_token(&who.actor(), id).await?;
    Ok(done("/account", "api_tokens-revoked"))
}
