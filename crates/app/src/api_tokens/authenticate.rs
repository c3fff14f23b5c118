//! A presented token becomes an [`ApiCaller`], or is refused; and each call made with one is
//! written to the use log. Both run on every API request, so both stay small: a string that
//! is not shaped like one of our tokens is refused before any hashing or reading; a good one
//! costs one read (the token by its hash, and its owner), then the per-token budget
//! (`rate_limit::api_calls`) in memory. Refusals do not say why (unknown, revoked, expired,
//! owner disabled or moved out of the token's scope all read `Unauthenticated`).
//!
//! The use log names the route template and never the path or its query, which may hold a
//! national ID. Its rows are written in batches (`use_log`), and `last_used_at` is refreshed
//! by the same write when it is a minute old or more, so a busy token's row is not rewritten
//! on every call.

use jiff::SignedDuration;

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::api_tokens::{ApiTokenId, ApiTokenUseRow, TokenAccess};
use crate::service::App;
use crate::tokens::token_hash;
use crate::users::User;

use super::scope_of_row;

/// What every secret starts with, so that one found in a log or a repository is recognised.
pub(crate) const SECRET_PREFIX: &str = "hmy_";
/// The random part: 32 bytes in URL-safe base64 without padding (`tokens::random_token`).
const RANDOM_CHARS: usize = 43;
/// `last_used_at` is refreshed at most this often.
pub(super) const TOUCH_INTERVAL: SignedDuration = SignedDuration::from_secs(60);
/// The longest route template the use log keeps (the column allows 200).
const MAX_ROUTE_CHARS: usize = 200;

/// Who is calling the API: the token's owner, acting within the token's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCaller {
    /// The owner's actor (her role as it is now), with the token's scope instead of hers.
    pub actor: Actor,
    pub token_id: ApiTokenId,
    pub access: TokenAccess,
}

/// Whether `text` could be one of our secrets: the prefix, then exactly the random part's
/// length of URL-safe base64 characters.
fn is_api_token_shaped(text: &str) -> bool {
    text.strip_prefix(SECRET_PREFIX).is_some_and(|rest| {
        rest.len() == RANDOM_CHARS
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The route template as the log keeps it: without any query, at most 200 characters.
fn loggable_route(route_template: &str) -> String {
    let route = route_template.split('?').next().unwrap_or_default();
    let route: String = route.chars().take(MAX_ROUTE_CHARS).collect();
    if route.is_empty() {
        "/".to_owned()
    } else {
        route
    }
}

/// The method as the log keeps it: an HTTP token of at most 10 letters, else `OTHER`.
fn loggable_method(method: &str) -> String {
    let method = method.trim().to_ascii_uppercase();
    if (1..=10).contains(&method.len()) && method.bytes().all(|b| b.is_ascii_uppercase()) {
        method
    } else {
        "OTHER".to_owned()
    }
}

impl App {
    /// Resolves a bearer token to the person it acts for. Anything not shaped like a token,
    /// unknown, revoked, expired, of a disabled account, or whose scope is no longer inside
    /// its owner's is `Unauthenticated`; a token over its budget is `RateLimited`.
    pub async fn authenticate_api_token(&self, presented: &str) -> AppResult<ApiCaller> {
        if !is_api_token_shaped(presented) {
            return Err(AppError::Unauthenticated);
        }
        let hash = token_hash(presented);
        let mut tx = self.db.read().await?;
        let token = tx
            .api_token_by_hash(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let owner = tx
            .user_by_id(token.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        tx.commit().await?;
        let owner = User::from_row(owner)?;
        let now = self.now();
        let scope = scope_of_row(&token)?;
        if token.revoked_at.is_some()
            || token.expires_at <= now
            || owner.disabled
            || !owner.scope.contains(scope)
        {
            return Err(AppError::Unauthenticated);
        }
        self.api_calls
            .admit(token.id, now)
            .map_err(|refusal| AppError::RateLimited {
                retry_after_secs: refusal.retry_after_secs,
            })?;
        Ok(ApiCaller {
            actor: Actor {
                scope,
                ..owner.actor()
            },
            token_id: token.id,
            access: token.access,
        })
    }

    /// Keeps one call for the token's use log — its method, route template (never the path
    /// or query) and answer's status — written with the next batch, which also refreshes the
    /// token's `last_used_at` when it is a minute old. Called by the API layer after every
    /// request made with a token.
    pub async fn record_api_token_use(
        &self,
        token_id: ApiTokenId,
        method: &str,
        route_template: &str,
        status: u16,
    ) -> AppResult<()> {
        if !(100..=599).contains(&status) {
            return Err(AppError::Internal(format!("HTTP status {status} logged")));
        }
        let used = ApiTokenUseRow {
            token_id,
            used_at: self.now(),
            method: loggable_method(method),
            route: loggable_route(route_template),
            status,
        };
        self.keep_api_token_use(used).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_strings_shaped_like_our_secrets_are_looked_up() {
        let good = format!("hmy_{}", crate::tokens::random_token());
        assert!(is_api_token_shaped(&good));
        assert!(!is_api_token_shaped(&good[4..]));
        assert!(!is_api_token_shaped(&format!("{good}x")));
        assert!(!is_api_token_shaped(&good.replace('_', "/")));
        assert!(!is_api_token_shaped(""));
        assert!(!is_api_token_shaped(&format!("hmy_{}", "ی".repeat(43))));
    }

    #[test]
    fn the_log_keeps_the_template_without_any_query() {
        assert_eq!(
            loggable_route("/api/v1/women?q=0012345678"),
            "/api/v1/women"
        );
        assert_eq!(loggable_route(&"/a".repeat(300)).chars().count(), 200);
        assert_eq!(loggable_method("get"), "GET");
        assert_eq!(loggable_method("GET /x"), "OTHER");
    }
}
