//! Error pages in the request's language, and the fallback for unknown paths.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::context::{PageCtx, RequestContext};
use crate::error::{ErrorPage, WebError};
use crate::state::AppState;
use hamyar_i18n::Lang;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    ctx: PageCtx,
    code: String,
    message: &'static str,
}

/// Renders the page for `page`; without a request context (a failure before it was built)
/// the page is Persian.
pub fn render(state: &AppState, ctx: Option<&RequestContext>, page: ErrorPage) -> Response {
    let fallback = RequestContext {
        session: None,
        csrf_token: String::new(),
        lang: Lang::Fa,
        secure: false,
        client_address: std::net::Ipv4Addr::UNSPECIFIED.into(),
        path: String::new(),
        session_expired: false,
    };
    let ctx = ctx.unwrap_or(&fallback);
    let lang = ctx.lang;
    let template = ErrorTemplate {
        ctx: PageCtx::bare(&state.app, ctx, "error-title"),
        code: lang.digits(&page.status().as_u16().to_string()),
        message: lang.t(page.message_key()),
    };
    let body = template
        .render()
        .unwrap_or_else(|_| "<!doctype html><title>خطا</title><p>خطا</p>".to_owned());
    let mut response = (page.status(), Html(body)).into_response();
    response.extensions_mut().insert(ctx.clone());
    response
}

pub async fn not_found() -> WebError {
    WebError::Page(ErrorPage::NotFound)
}
