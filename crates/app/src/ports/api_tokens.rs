//! The `ApiTokensRepo` port: people's API tokens and the log of their uses (migration 0038).
//! A token is found by the SHA-256 of its secret, never by the secret, which is not stored.
//! Its scope is kept as a user's is (the anchoring place, and its province and county), so
//! the application rebuilds a `Scope` from the row exactly as it does for an account.
//!
//! Tokens are never deleted: revoking sets `revoked_at` once ([`ApiTokensRepo::revoke_api_token`]
//! says whether this call was the one that did). A use is one appended row naming the route
//! template, never the path; [`ApiTokensRepo::touch_api_token`] refreshes `last_used_at` only
//! when the stored one is older than the caller's bound, in the same statement, so a busy
//! token costs one cheap update a minute rather than one per request.

use async_trait::async_trait;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::{PlaceId, UserId};

pub use crate::ids::ApiTokenId;

/// What a token may do: read only, or also write. Write is a superset of read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenAccess {
    Read,
    Write,
}

impl TokenAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenAccess::Read => "read",
            TokenAccess::Write => "write",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "read" => Some(TokenAccess::Read),
            "write" => Some(TokenAccess::Write),
            _ => None,
        }
    }

    /// Whether a request that changes data may be made with this token.
    pub fn allows_writes(self) -> bool {
        self == TokenAccess::Write
    }
}

/// A token as stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRow {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    /// Hex SHA-256 of the secret (`tokens::token_hash`).
    pub secret_hash: String,
    pub access: TokenAccess,
    /// The country, province or county the token's scope is anchored at.
    pub scope_place_id: PlaceId,
    /// The scope's province (None for the country).
    pub province_id: Option<PlaceId>,
    /// The scope's county, when the scope is a county.
    pub county_id: Option<PlaceId>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub revoked_by: Option<UserId>,
    pub last_used_at: Option<Timestamp>,
}

/// One call made with a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenUseRow {
    pub token_id: ApiTokenId,
    pub used_at: Timestamp,
    /// The HTTP method (`GET`, `POST`…).
    pub method: String,
    /// The route template (`/api/v1/women/{id}`), never the path or query.
    pub route: String,
    /// The HTTP status the call was answered with.
    pub status: u16,
}

/// Storage of API tokens and their uses.
#[async_trait]
pub trait ApiTokensRepo: Send {
    /// Stores a new token and returns its id.
    async fn insert_api_token(&mut self, token: &ApiTokenRow) -> StoreResult<ApiTokenId>;

    /// The token whose secret hashes to `secret_hash`, if any (revoked and expired included).
    async fn api_token_by_hash(&mut self, secret_hash: &str) -> StoreResult<Option<ApiTokenRow>>;

    async fn api_token_by_id(&mut self, id: ApiTokenId) -> StoreResult<Option<ApiTokenRow>>;

    /// A person's tokens, newest first (ties by id, newest first), at most `limit`.
    async fn api_tokens_of_user(
        &mut self,
        user_id: UserId,
        limit: i64,
    ) -> StoreResult<Vec<ApiTokenRow>>;

    /// How many of a person's tokens are neither revoked nor expired at `now`. In a write
    /// transaction it also holds her back from counting again until this one ends, so that
    /// two tokens made at once cannot both pass the limit.
    async fn count_live_api_tokens(&mut self, user_id: UserId, now: Timestamp) -> StoreResult<i64>;

    /// Revokes a token that is not yet revoked; whether this call revoked it.
    async fn revoke_api_token(
        &mut self,
        id: ApiTokenId,
        revoked_by: Option<UserId>,
        at: Timestamp,
    ) -> StoreResult<bool>;

    /// Appends one use to the log.
    async fn insert_api_token_use(&mut self, used: &ApiTokenUseRow) -> StoreResult<()>;

    /// Sets `last_used_at` to `at` when it is unset or earlier than `stale_before`; whether
    /// it changed.
    async fn touch_api_token(
        &mut self,
        id: ApiTokenId,
        at: Timestamp,
        stale_before: Timestamp,
    ) -> StoreResult<bool>;

    /// A token's uses, newest first, at most `limit`.
    async fn api_token_uses(
        &mut self,
        id: ApiTokenId,
        limit: i64,
    ) -> StoreResult<Vec<ApiTokenUseRow>>;
}
