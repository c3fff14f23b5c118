//! Request middleware, outermost first: security headers on every answer; Persian/English
//! error pages for any error status; the request context (session, language, CSRF token) and
//! the CSRF check on every state-changing request; and request metrics by route.

use std::net::SocketAddr;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hamyar_app::sessions::random_token;

use crate::client::Client;
use crate::context::RequestContext;
use crate::cookies::append_cookie;
use crate::error::ErrorPage;
use crate::state::AppState;
use crate::{cookies, csrf};
use hamyar_i18n::Lang;

/// The content security policy: nothing inline, nothing from elsewhere, never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Browsers that once reached Hamyar over HTTPS keep to HTTPS for this long (two years).
const HSTS: &str = "max-age=63072000";

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if state.settings.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Replaces the body of any error answer that is not already a page with the error page in
/// the request's language.
pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let ctx = response.extensions().get::<RequestContext>().cloned();
    let marked = response.extensions().get::<ErrorPage>().copied();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let page = marked.or_else(|| {
        (!is_html)
            .then(|| ErrorPage::for_status(response.status()))
            .flatten()
    });
    match page {
        Some(page) => crate::pages::errors::render(&state, ctx.as_ref(), page),
        None => response,
    }
}

const UNSAFE_FORM_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// Resolves the session and language, enforces CSRF on state-changing methods, and gives
/// anonymous visitors a CSRF cookie for the login and setup forms.
pub async fn request_context(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    let client = Client::resolve(peer, &parts.headers, &state.settings.trusted_proxies);
    let secure = cookies::is_secure(&client, state.settings.secure_cookies);
    let session_cookie = cookies::read(&parts.headers, cookies::SESSION);
    let session = match &session_cookie {
        Some(token) => state.app.current_session(token).await.ok(),
        None => None,
    };
    let cookie_csrf = cookies::read(&parts.headers, cookies::CSRF).filter(|t| t.len() >= 32);
    let (csrf_token, new_csrf_cookie) = match (&session, &cookie_csrf) {
        (Some(s), _) => (s.csrf_token.clone(), None),
        (None, Some(token)) => (token.clone(), None),
        (None, None) => {
            let token = random_token();
            (token.clone(), Some(token))
        }
    };
    let lang = session
        .as_ref()
        .and_then(|s| Lang::parse(&s.user.locale))
        .or_else(|| cookies::read(&parts.headers, cookies::LANG).and_then(|l| Lang::parse(&l)))
        .unwrap_or_default();
    let ctx = RequestContext {
        session_expired: session_cookie.is_some() && session.is_none(),
        session,
        csrf_token,
        lang,
        secure,
        client_address: client.address,
        path: parts.uri.path().to_owned(),
    };
    parts.extensions.insert(ctx.clone());
    let is_unsafe = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let body = if !is_unsafe {
        body
    } else if !same_origin(&parts.headers) {
        return refuse_csrf(&ctx);
    } else if let Some(token) = csrf::header_token(&parts.headers) {
        if !csrf::matches(&token, &ctx.csrf_token) {
            return refuse_csrf(&ctx);
        }
        body
    } else if let Some(boundary) = csrf::multipart_boundary(&parts.headers) {
        // Uploads carry the token as their first field; the file after it is streamed to
        // the handler, not buffered here.
        match csrf::multipart_token(body, &boundary).await {
            Some((token, body)) if csrf::matches(&token, &ctx.csrf_token) => body,
            _ => return refuse_csrf(&ctx),
        }
    } else {
        let bytes = match to_bytes(body, UNSAFE_FORM_LIMIT_BYTES).await {
            Ok(bytes) => bytes,
            Err(_) => return with_ctx(ErrorPage::TooLarge.status().into_response(), &ctx),
        };
        if !csrf::form_token_matches(&bytes, &ctx.csrf_token) {
            return refuse_csrf(&ctx);
        }
        Body::from(bytes)
    };
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(token) = new_csrf_cookie {
        append_cookie(
            &mut response,
            &cookies::set(cookies::CSRF, &token, None, secure),
        );
    }
    with_ctx(response, &ctx)
}

/// Keeps the context on the response so the error-page layer can use the language.
fn with_ctx(mut response: Response, ctx: &RequestContext) -> Response {
    response.extensions_mut().insert(ctx.clone());
    response
}

/// A browser sends `Origin` on cross-site form posts; when it is present it must name this
/// host. (Absent `Origin` is allowed: the token check still applies.)
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin);
    origin_host.eq_ignore_ascii_case(host)
}

fn refuse_csrf(ctx: &RequestContext) -> Response {
    let mut response = ErrorPage::Csrf.status().into_response();
    response.extensions_mut().insert(ErrorPage::Csrf);
    with_ctx(response, ctx)
}

/// Counts requests and their duration by route template (never the raw path, which could
/// carry an identifier).
pub async fn record_metrics(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().to_string();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("hamyar_http_requests_total", &labels).increment(1);
    metrics::histogram!("hamyar_http_request_duration_seconds", &labels[..2])
        .record(started.elapsed().as_secs_f64());
    response
}
