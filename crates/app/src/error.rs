//! Typed errors of the use-cases. The web layer is the one place that turns them into pages
//! and status codes; the CLI turns them into messages. A store failure is never swallowed:
//! it travels up as [`AppError::Store`].

use hamyar_domain::Message;

use crate::ports::StoreError;

/// One invalid field, with the message to show next to it (rendered in the reader's
/// language by `hamyar_i18n::Lang::message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: &'static str, message: Message) -> Self {
        Self { field, message }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input was rejected; nothing was written.
    #[error("invalid input: {}", .0.iter().map(|e| e.field).collect::<Vec<_>>().join(", "))]
    Invalid(Vec<FieldError>),
    /// Not logged in, or the session expired.
    #[error("authentication required")]
    Unauthenticated,
    /// Wrong username or password, or a disabled account (deliberately not saying which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Too many attempts; try again after the given number of seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The role does not allow this action.
    #[error("forbidden")]
    Forbidden,
    /// Does not exist, or exists outside the actor's scope (never say which).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken (for example a username already taken).
    #[error("conflict on {field}")]
    Conflict {
        field: &'static str,
        message: Message,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &'static str, message: Message) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// A required reason (rejection, cancellation), trimmed, at most 500 characters.
pub(crate) fn reason(field: &'static str, text: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            field,
            Message::new("error-reason_required"),
        ));
    }
    if text.chars().count() > 500 {
        return Err(AppError::invalid(
            field,
            Message::new("error-reason_longer_than_500_characters"),
        ));
    }
    Ok(text.to_owned())
}
