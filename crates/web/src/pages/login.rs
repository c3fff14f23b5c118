//! Login, logout and the language switch. A successful login always issues a new session
//! token (rotation) in an HttpOnly, SameSite=Strict cookie, and renews the browser's
//! known-device cookie (which exempts it from the budgets strangers share); logout deletes
//! the session. Every refusal of a password looks the same; a throttled attempt is answered
//! at once with 429, `Retry-After`, and how long to wait in the page's language.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::AppError;
use hamyar_app::sessions::{LoginClient, NewSession};
use serde::Deserialize;

use crate::context::{PageCtx, RequestContext};
use crate::cookies;
use crate::cookies::append_cookie;
use crate::error::WebResult;
use crate::pages::form::FormView;
use crate::pages::{page, render};
use crate::state::AppState;
use hamyar_i18n::{Arg, Lang};

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
        form.general = Some(ctx.lang.t("login-expired").to_owned());
    }
    let page_ctx =
        PageCtx::bare(&state.app, &ctx, "login-title").with_notice(query.done.as_deref());
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
    headers: HeaderMap,
    Form(input): Form<LoginForm>,
) -> WebResult<Response> {
    let client =
        LoginClient::at(ctx.client_address).with_device(cookies::read(&headers, cookies::DEVICE));
    let (status, message, retry_after) = match state
        .app
        .login(&input.username, &input.password, &client)
        .await
    {
        Ok(session) => return Ok(logged_in(&session, ctx.secure)),
        Err(AppError::InvalidCredentials) => (
            StatusCode::UNAUTHORIZED,
            ctx.lang.t("login-failed").to_owned(),
            None,
        ),
        Err(AppError::RateLimited { retry_after_secs }) => (
            StatusCode::TOO_MANY_REQUESTS,
            refusal_message(ctx.lang, retry_after_secs),
            Some(retry_after_secs),
        ),
        Err(other) => return Err(other.into()),
    };
    let mut form = FormView::with_values([("username", input.username.as_str())]);
    form.general = Some(message);
    let mut response = render(
        status,
        &LoginTemplate {
            ctx: PageCtx::bare(&state.app, &ctx, "login-title"),
            form,
        },
    )?;
    if let Some(secs) = retry_after
        && let Ok(value) = HeaderValue::from_str(&secs.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(response)
}

/// The answer to a successful login: home, with the new session cookie and the browser's
/// known-device cookie renewed for a year.
fn logged_in(session: &NewSession, secure: bool) -> Response {
    let mut response = Redirect::to("/").into_response();
    append_cookie(
        &mut response,
        &cookies::set(cookies::SESSION, &session.token, None, secure),
    );
    append_cookie(
        &mut response,
        &cookies::set(
            cookies::DEVICE,
            &session.device_token,
            Some(cookies::DEVICE_MAX_AGE_SECS),
            secure,
        ),
    );
    response
}

/// "Too many failed attempts; try again in N seconds/minutes", with the language's digits.
fn refusal_message(lang: Lang, retry_after_secs: u64) -> String {
    let (count, unit) = if retry_after_secs < 60 {
        (retry_after_secs.max(1), "seconds")
    } else {
        (retry_after_secs.div_ceil(60), "minutes")
    };
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    lang.tr(
        "login-rate_limited",
        &[("count", Arg::Number(count)), ("unit", Arg::Text(unit))],
    )
}

pub async fn logout(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: axum::http::HeaderMap,
) -> WebResult<Response> {
    // The field app's phone tokens end with the session that made them (issue 21).
    if let Some(session) = &ctx.session {
        state
            .app
            .revoke_field_device_tokens(&session.actor())
            .await?;
    }
    if let Some(token) = cookies::read(&headers, cookies::SESSION) {
        state.app.logout(&token).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    // And the browser forgets what the field app kept: its encrypted store, its worker and
    // its cached shell, all quota-managed "storage" (secure contexts only, as the app is).
    response.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"storage\""),
    );
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
