//! What the API answers when no operation takes a request: a path under `/api/v1/` that names
//! none (404) or a method its path does not take (405, with `Allow`) — as problem documents in
//! the caller's language, like every other refusal of the API, instead of the pages' HTML
//! "not found" or the router's plain text. A client reading `application/problem+json` never
//! meets a body of another kind.

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::caller::language;
use crate::api::problem::Problem;

/// `/api/v1/…` that is no operation of the API.
pub async fn unknown_path(headers: HeaderMap) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "api-problem_no_such_operation",
    )
    .in_lang(language(&headers))
}

/// Turns the router's plain "405 Method Not Allowed" into a problem document, keeping the
/// `Allow` header that lists what the path takes.
pub async fn method_refused(request: Request, next: Next) -> Response {
    let lang = language(request.headers());
    let response = next.run(request).await;
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"application/problem+json"))
    {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut problem = Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "api-problem_method_not_allowed",
    )
    .in_lang(lang)
    .into_response();
    if let Some(allow) = allow {
        problem.headers_mut().insert(header::ALLOW, allow);
    }
    problem
}
