//! Who is calling the API: the bearer of a personal API token (`Authorization: Bearer
//! hmy_…`), resolved by the app into the person's own actor narrowed to the token's place
//! ([`App::authenticate_api_token`]), so every use-case applies the same role, scope,
//! masking and audit as on the web pages. A read token is refused any method that writes,
//! before a handler runs. Every answer given to a token is written to its use log, by
//! route template and status only (a path may carry an id, a query a name).
//!
//! The language of messages follows `Accept-Language` (English when it asks for English
//! first, Persian otherwise).

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hamyar_app::{Actor, ApiCaller, TokenAccess};
use hamyar_i18n::Lang;

use crate::api::problem::Problem;
use crate::state::AppState;

/// The caller of one API request, as handlers receive it.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub lang: Lang,
}

impl Caller {
    pub fn english(&self) -> bool {
        self.lang.is_english()
    }

    /// A refusal of the app, in the caller's language.
    pub fn problem(&self, error: hamyar_app::AppError) -> Problem {
        Problem::from(error).in_lang(self.lang)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(Problem::unauthenticated)
    }
}

/// The language a client asked for: English when its first choice is English.
pub fn language(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .unwrap_or("");
    if first.trim().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Fa
    }
}

/// The token of an `Authorization: Bearer …` header, when there is exactly that.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn writes(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Resolves the token, refuses what it may not do, runs the request and logs the use.
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let lang = language(request.headers());
    let Some(presented) = bearer(request.headers()) else {
        return Problem::unauthenticated().in_lang(lang).into_response();
    };
    let caller: ApiCaller = match state.app.authenticate_api_token(presented).await {
        Ok(caller) => caller,
        Err(error) => return Problem::from(error).in_lang(lang).into_response(),
    };
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(String::new, |p| p.as_str().to_owned());
    let response = if writes(&method) && caller.access == TokenAccess::Read {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "api-problem_read_only_token",
        )
        .in_lang(lang)
        .into_response()
    } else {
        request.extensions_mut().insert(Caller {
            actor: caller.actor.clone(),
            lang,
        });
        next.run(request).await
    };
    let status = response.status().as_u16();
    let app = state.app.clone();
    // The log is written beside the answer, not before it: a client waits for its data,
    // not for the log of having asked.
    tokio::spawn(async move {
        if let Err(error) = app
            .record_api_token_use(caller.token_id, method.as_str(), &route, status)
            .await
        {
            tracing::warn!(%error, "an API token's use was not logged");
        }
    });
    response
}
