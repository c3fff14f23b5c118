//! What a request brings, read so that anything malformed is answered with a problem
//! document naming the part at fault, never with the framework's plain-text refusal: the
//! path's ids ([`ApiPath`]), the query's filters ([`ApiQuery`]), and a write's body with its
//! `Idempotency-Key` ([`Write`]).
//!
//! A write's body is already bounded by the API's body limit before it is read; it is parsed
//! once, and its fingerprint — the method, the path and the body's bytes hashed — is what the
//! app compares when a key comes again (`hamyar_app::once`).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use hamyar_app::once::IdempotencyKey;
use hamyar_domain::Message;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::api::caller::language;
use crate::api::problem::Problem;

fn bad_request(headers: &HeaderMap, field: &str, message: &'static str) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "bad_request",
        "api-problem_bad_request",
    )
    .field(field, Message::new(message))
    .in_lang(language(headers))
}

/// The path's parameters, or a problem saying the path is malformed.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(_) => Err(bad_request(&parts.headers, "path", "api-path_malformed")),
        }
    }
}

/// The query's filters, or a problem saying which could not be read.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ApiQuery(value)),
            Err(_) => Err(bad_request(&parts.headers, "query", "api-query_malformed")),
        }
    }
}

/// A write: its parsed body, its idempotency key and its fingerprint.
pub struct Write<T> {
    pub body: T,
    pub key: IdempotencyKey,
    pub fingerprint: String,
    /// The `If-Match` the client sent, when it sent one.
    pub if_match: Option<String>,
}

impl<T> Write<T> {
    pub fn request(&self) -> hamyar_app::once::KeyedRequest<'_> {
        hamyar_app::once::KeyedRequest {
            key: &self.key,
            fingerprint: &self.fingerprint,
        }
    }
}

impl<T, S> FromRequest<S> for Write<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = request.headers().clone();
        let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
            None => {
                return Err(bad_request(
                    &headers,
                    "Idempotency-Key",
                    "api-idempotency_key_required",
                ));
            }
            Some(text) => text.ok().and_then(IdempotencyKey::parse).ok_or_else(|| {
                bad_request(&headers, "Idempotency-Key", "api-idempotency_key_malformed")
            })?,
        };
        let if_match = headers
            .get("if-match")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "bad_request",
                "api-problem_bad_request",
            )
            .field("body", Message::new("api-body_too_large"))
            .in_lang(language(&headers))
        })?;
        let body = serde_json::from_slice(&bytes)
            .map_err(|_| bad_request(&headers, "body", "api-body_malformed"))?;
        let mut hash = Sha256::new();
        hash.update(method.as_str().as_bytes());
        hash.update(b" ");
        hash.update(path.as_bytes());
        hash.update(b"\n");
        hash.update(&bytes);
        Ok(Write {
            body,
            key,
            fingerprint: hex::encode(hash.finalize()),
            if_match,
        })
    }
}
