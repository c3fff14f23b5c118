//! Personal API tokens: how a person lets a program (the field app, a national system's
//! exchange job) call `/api/v1` in her name. She creates, names, scopes and revokes them on
//! her account page; a program presents one as a bearer token and acts as she would, with her
//! role, but only within the token's scope and, for a read token, without changing anything.
//!
//! - **Shown once, stored hashed.** The secret is `hmy_` and 32 random bytes; only its
//!   SHA-256 is kept (`tokens::token_hash`), so a copy of the database opens nothing.
//! - **A subset of her scope**, chosen when made and checked again at every use: a person
//!   moved to another place, or disabled, loses what her tokens could do at once.
//! - **Ends**: 1–365 days (90 by default), or when revoked by her or by an administrator
//!   over her place. At most [`MAX_LIVE_TOKENS`] live tokens a person.
//! - **Audited**: creating and revoking are account changes in the audit chain (never the
//!   secret nor its hash); every call is a row of the use log (`authenticate`).
//!
//! The console operator has no account, so it has no tokens; it may revoke anyone's.

mod authenticate;
mod device;
mod draft;
pub(crate) mod use_log;

use hamyar_domain::{Message, MessageArg};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::access::{Actor, Permission, PlaceId, Scope, UserId};
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::api_tokens::{ApiTokenRow, ApiTokenUseRow};
use crate::service::{App, AuditEntry, snapshot};
use crate::tokens::{random_token, token_hash};
use crate::users::User;

pub use crate::ports::api_tokens::{ApiTokenId, TokenAccess};
pub use authenticate::ApiCaller;
pub use device::{FIELD_DEVICE_DAYS, FIELD_DEVICE_NAME, field_kinds};
pub use draft::{ApiTokenDraft, DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS};

/// Live (neither revoked nor expired) tokens one person may hold.
pub const MAX_LIVE_TOKENS: i64 = 20;
/// A person's tokens listed on her account page, newest first.
const LISTED_TOKENS: i64 = 200;
/// The most uses one listing of a token's log returns.
const MAX_USES_LISTED: i64 = 500;

/// Where a token stands at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Live,
    Expired,
    Revoked,
}

/// A token as its owner sees it (never the secret, never its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub name: String,
    pub access: TokenAccess,
    pub scope: Scope,
    /// The place the scope is anchored at (the country, a province or a county).
    pub scope_place_id: PlaceId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
}

impl ApiToken {
    pub fn state(&self, now: Timestamp) -> TokenState {
        if self.revoked_at.is_some() {
            TokenState::Revoked
        } else if self.expires_at <= now {
            TokenState::Expired
        } else {
            TokenState::Live
        }
    }

    fn from_row(row: &ApiTokenRow) -> AppResult<Self> {
        Ok(Self {
            id: row.id,
            name: row.name.clone(),
            access: row.access,
            scope: scope_of_row(row)?,
            scope_place_id: row.scope_place_id,
            created_at: row.created_at,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
            last_used_at: row.last_used_at,
        })
    }
}

/// A token just made: the secret to show once, then never again.
#[derive(Clone)]
pub struct CreatedApiToken {
    pub token: ApiToken,
    pub secret: String,
}

impl std::fmt::Debug for CreatedApiToken {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CreatedApiToken")
            .field("token", &self.token)
            .field("secret", &"[redacted]")
            .finish()
    }
}

/// One call made with a token, for its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenUse {
    pub used_at: Timestamp,
    pub method: String,
    pub route: String,
    pub status: u16,
}

impl From<ApiTokenUseRow> for ApiTokenUse {
    fn from(row: ApiTokenUseRow) -> Self {
        Self {
            used_at: row.used_at,
            method: row.method,
            route: row.route,
            status: row.status,
        }
    }
}

/// The scope a token's row keeps, as a user's row keeps hers.
fn scope_of_row(row: &ApiTokenRow) -> AppResult<Scope> {
    match (row.province_id, row.county_id) {
        (None, None) => Ok(Scope::Country),
        (Some(province), None) => Ok(Scope::Province(province)),
        (Some(province), Some(county)) => Ok(Scope::County { province, county }),
        (None, Some(_)) => Err(AppError::Internal(format!(
            "api token {} has an invalid scope",
            row.id
        ))),
    }
}

/// What the audit trail keeps of a token (never the secret nor its hash).
#[derive(Serialize)]
struct TokenSnapshot<'a> {
    user_id: UserId,
    name: &'a str,
    access: &'a str,
    scope_place_id: PlaceId,
    expires_at: String,
}

fn token_snapshot(row: &ApiTokenRow) -> Option<serde_json::Value> {
    snapshot(&TokenSnapshot {
        user_id: row.user_id,
        name: &row.name,
        access: row.access.as_str(),
        scope_place_id: row.scope_place_id,
        expires_at: crate::clock::storage_timestamp(row.expires_at),
    })
}

/// The account behind an actor, which must be a person's (the console has none).
fn own_id(actor: &Actor) -> AppResult<UserId> {
    actor.user_id.ok_or(AppError::Forbidden)
}

impl App {
    /// Makes a token for the acting person and returns its secret, once. The draft is
    /// checked against her scope before anything is written; a person at the limit of live
    /// tokens is refused under the name field.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        draft: &ApiTokenDraft,
    ) -> AppResult<CreatedApiToken> {
        let user_id = own_id(actor)?;
        let mut tx = self.db.read().await?;
        let tree = load_tree(tx.as_mut(), &self.today().to_iso_string()).await?;
        tx.commit().await?;
        let valid = draft
            .validate(actor.scope, &tree)
            .map_err(AppError::Invalid)?;
        let secret = format!("{}{}", authenticate::SECRET_PREFIX, random_token());
        let now = self.now();
        let mut row = ApiTokenRow {
            id: ApiTokenId::default(),
            user_id,
            name: valid.name,
            secret_hash: token_hash(&secret),
            access: valid.access,
            scope_place_id: valid.scope_place_id,
            province_id: valid.scope.province(),
            county_id: valid.scope.county(),
            created_at: now,
            expires_at: now + SignedDuration::from_hours(24 * valid.days),
            revoked_at: None,
            revoked_by: None,
            last_used_at: None,
        };
        let mut tx = self.db.write().await?;
        if tx.count_live_api_tokens(user_id, now).await? >= MAX_LIVE_TOKENS {
            return Err(AppError::invalid(
                "name",
                Message::new("api_tokens-too_many_live_tokens")
                    .arg("most", MessageArg::digits(MAX_LIVE_TOKENS)),
            ));
        }
        row.id = tx.insert_api_token(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "api_token.create",
                entity_kind: "api_token",
                entity_id: row.id.to_string(),
                province_id: actor.scope.province(),
                county_id: actor.scope.county(),
                before: None,
                after: token_snapshot(&row),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(CreatedApiToken {
            token: ApiToken::from_row(&row)?,
            secret,
        })
    }

    /// The acting person's tokens, newest first, with when each was last used.
    pub async fn api_tokens_of(&self, actor: &Actor) -> AppResult<Vec<ApiToken>> {
        let user_id = own_id(actor)?;
        // Their last use as of now, not as of the use log's last batch.
        self.write_api_token_uses().await?;
        let mut tx = self.db.read().await?;
        let rows = tx.api_tokens_of_user(user_id, LISTED_TOKENS).await?;
        tx.commit().await?;
        rows.iter().map(ApiToken::from_row).collect()
    }

    /// Revokes a token: her own, or — for an administrator (and the console) — anyone's whose
    /// account lies in her scope. Anyone else's is `NotFound`, as if it did not exist. A token
    /// already revoked stays as it was, and nothing more is written.
    pub async fn revoke_api_token(&self, actor: &Actor, id: ApiTokenId) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let token = tx.api_token_by_id(id).await?.ok_or(AppError::NotFound)?;
        let owner = tx
            .user_by_id(token.user_id)
            .await?
            .map(User::from_row)
            .transpose()?
            .ok_or(AppError::NotFound)?;
        let own = actor.user_id == Some(owner.id);
        let administers = actor.can(Permission::ManageUsers) && actor.scope.contains(owner.scope);
        if !own && !administers {
            return Err(AppError::NotFound);
        }
        if !tx.revoke_api_token(id, actor.user_id, self.now()).await? {
            return Ok(());
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "api_token.revoke",
                entity_kind: "api_token",
                entity_id: id.to_string(),
                province_id: owner.scope.province(),
                county_id: owner.scope.county(),
                before: Some(serde_json::json!({"user_id": owner.id, "revoked": false})),
                after: Some(serde_json::json!({"user_id": owner.id, "revoked": true})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The latest calls made with one of the acting person's tokens, newest first (at most
    /// `limit`, itself at most 500). Anyone else's token is `NotFound`.
    pub async fn api_token_uses(
        &self,
        actor: &Actor,
        id: ApiTokenId,
        limit: i64,
    ) -> AppResult<Vec<ApiTokenUse>> {
        let user_id = own_id(actor)?;
        // She sees every call made before she asked.
        self.write_api_token_uses().await?;
        let mut tx = self.db.read().await?;
        let token = tx.api_token_by_id(id).await?;
        if token.is_none_or(|t| t.user_id != user_id) {
            return Err(AppError::NotFound);
        }
        let rows = tx
            .api_token_uses(id, limit.clamp(1, MAX_USES_LISTED))
            .await?;
        tx.commit().await?;
        Ok(rows.into_iter().map(ApiTokenUse::from).collect())
    }
}
