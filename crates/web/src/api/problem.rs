//! Errors of the JSON API as `application/problem+json` (RFC 9457): the status, a stable
//! `type`, a title and detail in the caller's language, and — for input that was refused —
//! every field at fault with its message in Persian and in English, so a client can show
//! the one its person reads without a second request.
//!
//! Every refusal of the app ([`AppError`]) maps here in one place, so the API says the same
//! thing as the web pages: the same messages, and `NotFound` for a record outside the
//! caller's scope exactly as for one that does not exist.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::AppError;
use hamyar_domain::Message;
use hamyar_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;

/// One field at fault.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The request's field (`held_on`, `attendance`, `If-Match`…).
    pub field: String,
    pub message_fa: String,
    pub message_en: String,
}

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemBody {
    /// A stable name of the kind of problem (`urn:hamyar:problem:invalid`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The kind in the caller's language.
    pub title: String,
    pub status: u16,
    /// What went wrong, in the caller's language.
    pub detail: String,
    pub detail_fa: String,
    pub detail_en: String,
    /// The fields at fault; empty when the problem is not one field's.
    pub errors: Vec<FieldProblem>,
}

/// An error answer before it is written in a language.
#[derive(Debug, Clone)]
pub struct Problem {
    status: StatusCode,
    kind: &'static str,
    detail: Message,
    errors: Vec<(String, Message)>,
    retry_after_secs: Option<u64>,
    lang: Lang,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &'static str, detail: &'static str) -> Self {
        Self {
            status,
            kind,
            detail: Message::new(detail),
            errors: Vec::new(),
            retry_after_secs: None,
            lang: Lang::Fa,
        }
    }

    /// A refusal of one field of the request.
    pub fn field(mut self, field: impl Into<String>, message: Message) -> Self {
        self.errors.push((field.into(), message));
        self
    }

    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "api-problem_unauthenticated",
        )
    }

    pub fn body(&self) -> ProblemBody {
        let title_id = title_id(self.kind);
        ProblemBody {
            kind: format!("urn:hamyar:problem:{}", self.kind),
            title: self.lang.t(title_id).to_owned(),
            status: self.status.as_u16(),
            detail: self.lang.message(&self.detail),
            detail_fa: Lang::Fa.message(&self.detail),
            detail_en: Lang::En.message(&self.detail),
            errors: self
                .errors
                .iter()
                .map(|(field, message)| FieldProblem {
                    field: field.clone(),
                    message_fa: Lang::Fa.message(message),
                    message_en: Lang::En.message(message),
                })
                .collect(),
        }
    }
}

impl From<AppError> for Problem {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Invalid(errors) => errors.into_iter().fold(
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid",
                    "api-problem_invalid",
                ),
                |problem, e| problem.field(e.field, e.message),
            ),
            AppError::Unauthenticated | AppError::InvalidCredentials => Problem::unauthenticated(),
            AppError::RateLimited { retry_after_secs } => Problem {
                retry_after_secs: Some(retry_after_secs),
                ..Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    "api-problem_rate_limited",
                )
            },
            AppError::Forbidden => {
                Problem::new(StatusCode::FORBIDDEN, "forbidden", "api-problem_forbidden")
            }
            AppError::NotFound => {
                Problem::new(StatusCode::NOT_FOUND, "not_found", "api-problem_not_found")
            }
            // A record changed since its ETag was read: the `If-Match` named an old version.
            AppError::Conflict {
                field: "version",
                message,
            } => Problem::new(
                StatusCode::PRECONDITION_FAILED,
                "changed_meanwhile",
                "api-problem_changed_meanwhile",
            )
            .field("If-Match", message),
            AppError::Conflict { field, message } => {
                Problem::new(StatusCode::CONFLICT, "conflict", "api-problem_conflict")
                    .field(field, message)
            }
            AppError::Store(error) => {
                tracing::error!(%error, "the API's store failed");
                Problem::internal()
            }
            AppError::Internal(error) => {
                tracing::error!(%error, "the API failed");
                Problem::internal()
            }
        }
    }
}

impl Problem {
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "api-problem_internal",
        )
    }
}

/// The message id of a kind's title (written out, so the messages' check finds each).
fn title_id(kind: &str) -> &'static str {
    match kind {
        "invalid" => "api-problem_title-invalid",
        "unauthenticated" => "api-problem_title-unauthenticated",
        "rate_limited" => "api-problem_title-rate_limited",
        "forbidden" => "api-problem_title-forbidden",
        "not_found" => "api-problem_title-not_found",
        "changed_meanwhile" => "api-problem_title-changed_meanwhile",
        "conflict" => "api-problem_title-conflict",
        "precondition_required" => "api-problem_title-precondition_required",
        "bad_request" => "api-problem_title-bad_request",
        "method_not_allowed" => "api-problem_title-method_not_allowed",
        _ => "api-problem_title-internal",
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(self.lang.code()),
        );
        if let Some(secs) = self.retry_after_secs {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"hamyar\""),
            );
        }
        response
    }
}
