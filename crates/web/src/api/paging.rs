//! The shape every list of the API answers in, and the marks every write's answer carries.
//!
//! A list is a page (`page`, 1-based) of `items` with `has_next`; where the use-case counts
//! the whole list cheaply (`list_groups` counts by stage anyway), `total` says how many there
//! are. Pages rather than cursors because the use-cases the web pages share are paged, and a
//! client walking a place's records walks pages the same way the pages' links do.

use axum::http::{HeaderMap, HeaderValue};
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
