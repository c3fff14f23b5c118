//! The `ApiRequestsRepo` port: the JSON API's writes remembered by their idempotency key
//! (migration 0040), so that a write sent twice — a phone that lost the answer and syncs
//! again — is done once.
//!
//! The row is written in the same transaction as the work it records (`App::remember`), so
//! there is no moment at which the work is done and the key is not taken: either both are
//! committed or neither is. Rows are kept for a while, then forgotten (migration 0041,
//! `App::forget_old_api_requests`).

use async_trait::async_trait;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::UserId;

/// A write remembered under its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequestRow {
    pub user_id: UserId,
    pub idempotency_key: String,
    /// What was asked: a hash of the method, the route and the body.
    pub fingerprint: String,
    /// What the first request answered, as JSON (an id, a version).
    pub result: String,
    pub recorded_at: Timestamp,
}

/// Storage of remembered writes.
#[async_trait]
pub trait ApiRequestsRepo: Send {
    /// The write a person made under a key, if any.
    async fn api_request(
        &mut self,
        user_id: UserId,
        idempotency_key: &str,
    ) -> StoreResult<Option<ApiRequestRow>>;

    /// Remembers a write. A key the person already used fails with `StoreError::Unique`.
    async fn insert_api_request(&mut self, row: &ApiRequestRow) -> StoreResult<()>;

    /// Forgets at most `limit` writes recorded before `before`, oldest first; how many.
    async fn forget_api_requests_before(
        &mut self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<u64>;
}
