//! Login sessions. A session is a random token in an HttpOnly cookie; the database keeps
//! only its SHA-256, so a stolen database copy cannot be replayed as a login. A new token is
//! issued at every login (rotation), sessions end after an idle period and after a maximum
//! age, and each carries its own CSRF token. Login attempts pass through the throttle.

use base64::Engine;
use jiff::{SignedDuration, Timestamp};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::password;
use crate::ports::SessionRow;
use crate::service::{App, AuditEntry};
use crate::users::User;

/// 32 random bytes, URL-safe base64 without padding.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh login: the cookie token (to hand to the browser) and the account.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub user: User,
}

/// The session behind a request.
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub user: User,
    pub csrf_token: String,
}

impl CurrentSession {
    pub fn actor(&self) -> Actor {
        self.user.actor()
    }
}

/// Only refresh `last_seen_at` this often, so reads do not become writes on every click.
const TOUCH_INTERVAL: SignedDuration = SignedDuration::from_secs(60);

impl App {
    /// Checks credentials and opens a new session. Unknown usernames and wrong passwords are
    /// indistinguishable to the caller, and take the same time.
    pub async fn login(
        &self,
        username: &str,
        password_text: &str,
        client_address: &str,
    ) -> AppResult<NewSession> {
        let username = crate::users::parse_username(username)
            .unwrap_or_else(|_| username.trim().to_lowercase());
        let now = self.now();
        self.throttle
            .admit(client_address, &username, now)
            .map_err(|retry_after_secs| AppError::RateLimited { retry_after_secs })?;
        let mut tx = self.db.write().await?;
        let row = tx.user_by_username(&username).await?;
        let stored_hash = row
            .as_ref()
            .map(|r| r.password_hash.clone())
            .unwrap_or_else(|| password::decoy_hash().to_owned());
        let verified = password::verify(password_text.to_owned(), stored_hash).await;
        let Some(row) = row.filter(|_| verified) else {
            self.throttle.record_failure(&username, now);
            return Err(AppError::InvalidCredentials);
        };
        let user = User::from_row(row)?;
        if user.disabled {
            return Err(AppError::AccountDisabled);
        }
        self.throttle.record_success(&username);
        let token = random_token();
        let session = SessionRow {
            token_hash: token_hash(&token),
            user_id: user.id,
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
        };
        tx.insert_session(&session).await?;
        let actor = user.actor();
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor: &actor,
                action: "session.login",
                entity_kind: "user",
                entity_id: user.id.to_string(),
                province_id: user.scope.province(),
                county_id: user.scope.county(),
                before: None,
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(NewSession {
            token,
            csrf_token: session.csrf_token,
            user,
        })
    }

    /// Resolves a cookie token to a live session, refreshing its idle timer.
    pub async fn current_session(&self, token: &str) -> AppResult<CurrentSession> {
        let hash = token_hash(token);
        let now = self.now();
        let mut tx = self.db.read().await?;
        let session = tx
            .session_by_token_hash(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let row = tx
            .user_by_id(session.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        tx.commit().await?;
        let idle = SignedDuration::from_mins(self.settings.session_idle_minutes);
        let max_age = SignedDuration::from_hours(self.settings.session_max_hours);
        let user = User::from_row(row)?;
        if now.duration_since(session.last_seen_at) >= idle
            || now.duration_since(session.created_at) >= max_age
            || user.disabled
        {
            self.end_session(&hash).await?;
            return Err(AppError::Unauthenticated);
        }
        if now.duration_since(session.last_seen_at) >= TOUCH_INTERVAL {
            let mut tx = self.db.write().await?;
            tx.touch_session(&hash, now).await?;
            tx.commit().await?;
        }
        Ok(CurrentSession {
            user,
            csrf_token: session.csrf_token,
        })
    }

    /// Logs out: the session row is deleted, so the cookie is worthless even if kept.
    pub async fn logout(&self, token: &str) -> AppResult<()> {
        let hash = token_hash(token);
        let mut tx = self.db.write().await?;
        if let Some(session) = tx.session_by_token_hash(&hash).await? {
            if let Some(row) = tx.user_by_id(session.user_id).await? {
                let user = User::from_row(row)?;
                let actor = user.actor();
                self.audit_in_tx(
                    tx.as_mut(),
                    AuditEntry {
                        actor: &actor,
                        action: "session.logout",
                        entity_kind: "user",
                        entity_id: user.id.to_string(),
                        province_id: user.scope.province(),
                        county_id: user.scope.county(),
                        before: None,
                        after: None,
                    },
                )
                .await?;
            }
            tx.delete_session(&hash).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn end_session(&self, hash: &str) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        tx.delete_session(hash).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes sessions idle past the limit; run periodically by the server.
    pub async fn sweep_sessions(&self) -> AppResult<u64> {
        let cutoff: Timestamp =
            self.now() - SignedDuration::from_mins(self.settings.session_idle_minutes);
        let mut tx = self.db.write().await?;
        let removed = tx.delete_sessions_idle_since(cutoff).await?;
        tx.commit().await?;
        Ok(removed)
    }
}
