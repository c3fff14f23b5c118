//! The shape every list of the API answers in, and the answer every write done once gives.
//!
//! A list is a page (`page`, 1-based) of `items` with `has_next`; where the use-case counts
//! the whole list cheaply (`list_groups` counts by stage anyway), `total` says how many there
//! are. Pages rather than cursors because the use-cases the web pages share are paged, and a
//! client walking a place's records walks pages the same way the pages' links do.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: i64,
    pub has_next: bool,
    /// The whole list's length, where it is known.
    pub total: Option<i64>,
}

/// Marks an answer that repeats the first answer to its idempotency key.
pub fn mark_repeat(headers: &mut HeaderMap, repeated: bool) {
    if repeated {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
}

/// The answer of a write that makes a record, done once: `201 Created` (with `Location` when
/// the record has its own address), or `200` marked `Idempotent-Replayed` when the key was
/// already done and `body` is the first answer again.
pub fn recorded<B: Serialize>(body: B, repeated: bool, location: Option<&str>) -> Response {
    let mut headers = HeaderMap::new();
    if let Some(value) = location.and_then(|l| HeaderValue::from_str(l).ok()) {
        headers.insert(header::LOCATION, value);
    }
    mark_repeat(&mut headers, repeated);
    let status = if repeated {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    (status, headers, Json(body)).into_response()
}

/// The answer of a write that changes or replaces what exists, done once: `200`, marked
/// `Idempotent-Replayed` when the key was already done.
pub fn saved<B: Serialize>(body: B, repeated: bool) -> Response {
    let mut headers = HeaderMap::new();
    mark_repeat(&mut headers, repeated);
    (headers, Json(body)).into_response()
}
