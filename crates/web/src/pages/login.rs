//! Login, logout and the language switch. A successful login always issues a new session
//! token (rotation) in an HttpOnly, SameSite=Strict cookie; logout deletes the session.

use std::net::SocketAddr;

use askama::Template;
use axum::Form;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::AppError;
use serde::Deserialize;

use crate::context::{PageCtx, RequestContext};
use crate::cookies;
use crate::error::WebResult;
use crate::i18n::Lang;
use crate::middleware::append_cookie;
use crate::pages::form::FormView;
use crate::pages::{page, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginTemplate {
    ctx: PageCtx,
    form: FormView,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    expired: Option<String>,
    done: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(query): Query<LoginQuery>,
) -> WebResult<Response> {
    if ctx.session.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let mut form = FormView::default();
    if query.expired.is_some() {
        form.general = Some(ctx.lang.t("login.expired").to_owned());
    }
    let page_ctx =
        PageCtx::bare(&state.app, &ctx, "login.title").with_notice(query.done.as_deref());
    let mut response = page(&LoginTemplate {
        ctx: page_ctx,
        form,
    })?;
    if ctx.session_expired {
        append_cookie(
            &mut response,
            &cookies::set(cookies::SESSION, "", Some(0), ctx.secure),
        );
    }
    Ok(response)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: RequestContext,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(input): Form<LoginForm>,
) -> WebResult<Response> {
    let address = peer.ip().to_string();
    let failure_key = match state
        .app
        .login(&input.username, &input.password, &address)
        .await
    {
        Ok(session) => {
            let mut response = Redirect::to("/").into_response();
            append_cookie(
                &mut response,
                &cookies::set(cookies::SESSION, &session.token, None, ctx.secure),
            );
            return Ok(response);
        }
        Err(AppError::InvalidCredentials) => "login.failed",
        Err(AppError::AccountDisabled) => "login.disabled",
        Err(AppError::RateLimited { .. }) => "login.rate_limited",
        Err(other) => return Err(other.into()),
    };
    let mut form = FormView::with_values([("username", input.username.as_str())]);
    form.general = Some(ctx.lang.t(failure_key).to_owned());
    let status = if failure_key == "login.rate_limited" {
        StatusCode::TOO_MANY_REQUESTS
    } else {
        StatusCode::UNAUTHORIZED
    };
    render(
        status,
        &LoginTemplate {
            ctx: PageCtx::bare(&state.app, &ctx, "login.title"),
            form,
        },
    )
}

pub async fn logout(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: axum::http::HeaderMap,
) -> WebResult<Response> {
    if let Some(token) = cookies::read(&headers, cookies::SESSION) {
        state.app.logout(&token).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    append_cookie(
        &mut response,
        &cookies::set(cookies::SESSION, "", Some(0), ctx.secure),
    );
    Ok(response)
}

#[derive(Debug, Deserialize)]
pub struct LangForm {
    lang: String,
}

/// Switches the interface language: remembered in a cookie, and in the account when logged in.
pub async fn switch_language(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: axum::http::HeaderMap,
    Form(input): Form<LangForm>,
) -> WebResult<Response> {
    let lang = Lang::parse(&input.lang).unwrap_or_default();
    if let Some(session) = &ctx.session {
        let unit = session.user.money_unit.as_str();
        state
            .app
            .set_preferences(&session.actor(), lang.code(), unit)
            .await?;
    }
    let back = headers
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_path)
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&back).into_response();
    append_cookie(
        &mut response,
        &cookies::set(
            cookies::LANG,
            lang.code(),
            Some(365 * 24 * 3600),
            ctx.secure,
        ),
    );
    Ok(response)
}

/// The path of a same-site referrer, never an address elsewhere.
fn same_site_path(referer: &str) -> Option<String> {
    let url = url::Url::parse(referer).ok()?;
    let path = url.path();
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    Some(match url.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    })
}
