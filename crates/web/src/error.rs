//! The single place where application errors become HTTP answers. A handler returns a
//! [`WebError`]; it becomes a status code plus a marker, and the error-page middleware (which
//! knows the request's language) renders the Persian or English page. Unexpected errors are
//! logged here, without personal data, and the user sees a calm page saying nothing was saved.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::AppError;

/// What kind of error page to show; read by [`crate::middleware::error_pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPage {
    BadRequest,
    Csrf,
    Forbidden,
    NotFound,
    TooLarge,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ErrorPage {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorPage::BadRequest => StatusCode::BAD_REQUEST,
            ErrorPage::Csrf | ErrorPage::Forbidden => StatusCode::FORBIDDEN,
            ErrorPage::NotFound => StatusCode::NOT_FOUND,
            ErrorPage::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorPage::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorPage::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorPage::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            ErrorPage::BadRequest => "error-400",
            ErrorPage::Csrf => "error-csrf",
            ErrorPage::Forbidden => "error-403",
            ErrorPage::NotFound => "error-404",
            ErrorPage::TooLarge => "error-413",
            ErrorPage::TooManyRequests => "error-429",
            ErrorPage::Internal => "error-500",
            ErrorPage::Unavailable => "error-503",
        }
    }

    /// The page for a status produced outside our handlers (extractor rejections, limits).
    pub fn for_status(status: StatusCode) -> Option<ErrorPage> {
        Some(match status.as_u16() {
            400 | 415 | 422 => ErrorPage::BadRequest,
            403 => ErrorPage::Forbidden,
            404 | 405 => ErrorPage::NotFound,
            413 => ErrorPage::TooLarge,
            429 => ErrorPage::TooManyRequests,
            503 | 408 => ErrorPage::Unavailable,
            500..=599 => ErrorPage::Internal,
            _ => return None,
        })
    }
}

#[derive(Debug)]
pub enum WebError {
    Page(ErrorPage),
    /// Not logged in: go to the login page (saying the session ended, if it did).
    LoginRequired {
        expired: bool,
    },
}

impl WebError {
    pub fn internal(detail: &str) -> Self {
        tracing::error!(detail, "internal error");
        WebError::Page(ErrorPage::Internal)
    }

    pub fn login_required(expired: bool) -> Self {
        WebError::LoginRequired { expired }
    }
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Unauthenticated => WebError::LoginRequired { expired: true },
            AppError::Forbidden => WebError::Page(ErrorPage::Forbidden),
            AppError::NotFound => WebError::Page(ErrorPage::NotFound),
            AppError::RateLimited { .. } => WebError::Page(ErrorPage::TooManyRequests),
            AppError::Invalid(_) | AppError::Conflict { .. } | AppError::InvalidCredentials => {
                WebError::Page(ErrorPage::BadRequest)
            }
            AppError::Store(store) => {
                tracing::error!(error = %store, "storage error");
                WebError::Page(ErrorPage::Internal)
            }
            AppError::Internal(detail) => WebError::internal(&detail),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::Page(page) => {
                let mut response = page.status().into_response();
                response.extensions_mut().insert(page);
                response
            }
            WebError::LoginRequired { expired } => Redirect::to(if expired {
                "/login?expired=1"
            } else {
                "/login"
            })
            .into_response(),
        }
    }
}

pub type WebResult<T> = Result<T, WebError>;
