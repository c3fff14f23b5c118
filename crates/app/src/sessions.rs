//! Login sessions. A session is a random token in an HttpOnly cookie; the database keeps
//! only its SHA-256, so a stolen database copy cannot be replayed as a login. A new token is
//! issued at every login (rotation), sessions end after an idle period and after a maximum
//! age, and each carries its own CSRF token. Login attempts pass through the throttle.
//!
//! A successful login also marks the browser as a *known device* of the account (OWASP's
//! "device cookie"): a second random token in a long-lived cookie, stored as its SHA-256
//! per account. A browser that shows it is exempt from the budgets strangers share
//! (`rate_limit.rs`), so nobody can lock a user out of her own computer. The cookie opens
//! nothing by itself: the password is still checked.

use std::net::IpAddr;

use jiff::{SignedDuration, Timestamp};

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::password;
use crate::ports::{KnownDeviceRow, SessionRow, UserRow};
use crate::rate_limit::{LoginAttempt, Outcome};
use crate::service::{App, AuditEntry};
use crate::users::User;

pub use crate::tokens::{random_token, token_hash};

/// A fresh login: the cookie token (to hand to the browser), the known-device token (to keep
/// in the browser for a year), and the account.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub device_token: String,
    pub user: User,
}

/// Where a login attempt comes from: the client's address (as the web layer resolved it
/// behind any trusted proxies) and the known-device cookie the browser sent, if any.
#[derive(Debug, Clone)]
pub struct LoginClient {
    pub address: IpAddr,
    pub device_token: Option<String>,
}

impl LoginClient {
    /// A client at `address` without a device cookie.
    pub fn at(address: IpAddr) -> Self {
        Self {
            address,
            device_token: None,
        }
    }

    /// The same client carrying a device cookie.
    pub fn with_device(self, device_token: Option<String>) -> Self {
        Self {
            device_token,
            ..self
        }
    }
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
/// Browsers remembered per account; the least recently used beyond this are forgotten.
const DEVICES_PER_ACCOUNT: i64 = 20;
/// A browser that has not logged in for this long is no longer known (its cookie lasts a year).
const DEVICE_FORGOTTEN_AFTER: SignedDuration = SignedDuration::from_hours(400 * 24);

/// Whether a cookie value has the shape of a token we issue (so junk is never looked up).
fn is_token_shaped(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What a login needs to read: the account (if the username names one) and whether the
/// browser's device cookie is known for it.
struct LoginFacts {
    row: Option<UserRow>,
    known_device: bool,
}

impl App {
    /// Checks credentials and opens a new session. Unknown usernames, wrong passwords and
    /// disabled accounts are indistinguishable to the caller, and take the same time. The
    /// attempt passes the throttle first (`rate_limit.rs`); the password is checked outside
    /// any transaction, and only a right one opens a short write for the session.
    pub async fn login(
        &self,
        username: &str,
        password_text: &str,
        client: &LoginClient,
    ) -> AppResult<NewSession> {
        let account = crate::users::parse_username(username).ok();
        let device_hash = client
            .device_token
            .as_deref()
            .filter(|t| is_token_shaped(t))
            .map(token_hash);
        let mut facts = None;
        if let (Some(name), Some(hash)) = (&account, &device_hash) {
            facts = Some(self.login_facts(name, Some(hash)).await?);
        }
        let known_device = facts.as_ref().is_some_and(|f| f.known_device);
        let attempt = LoginAttempt {
            account: account.as_deref(),
            address: client.address,
            known_device: device_hash.as_deref().filter(|_| known_device),
        };
        let ticket =
            self.throttle
                .admit(&attempt, self.now())
                .map_err(|r| AppError::RateLimited {
                    retry_after_secs: r.retry_after_secs,
                })?;
        let checked = self
            .check_credentials(account.as_deref(), password_text, facts)
            .await;
        let (outcome, result) = match checked {
            Ok(Some(user)) => match self.open_session(user, client).await {
                Ok(session) => (Outcome::Succeeded, Ok(session)),
                Err(error) => (Outcome::NotChecked, Err(error)),
            },
            Ok(None) => (Outcome::Failed, Err(AppError::InvalidCredentials)),
            Err(error) => (Outcome::NotChecked, Err(error)),
        };
        self.throttle.settle(ticket, outcome, self.now());
        result
    }

    async fn login_facts(&self, account: &str, device_hash: Option<&str>) -> AppResult<LoginFacts> {
        let mut tx = self.db.read().await?;
        let row = tx.user_by_username(account).await?;
        let known_device = match (&row, device_hash) {
            (Some(row), Some(hash)) => tx.is_known_device(hash, row.id).await?,
            _ => false,
        };
        tx.commit().await?;
        Ok(LoginFacts { row, known_device })
    }

    /// The account when `password_text` is its password and it is enabled; `None` for every
    /// kind of refusal alike. An invalid username cannot name an account and is refused
    /// without hashing (its format rules are public, so nothing is revealed).
    async fn check_credentials(
        &self,
        account: Option<&str>,
        password_text: &str,
        facts: Option<LoginFacts>,
    ) -> AppResult<Option<User>> {
        let Some(account) = account else {
            return Ok(None);
        };
        let row = match facts {
            Some(facts) => facts.row,
            None => self.login_facts(account, None).await?.row,
        };
        let stored_hash = row.as_ref().map(|r| r.password_hash.clone());
        let verified = self
            .passwords
            .verify(password_text.to_owned(), stored_hash)
            .await
            .map_err(|_| AppError::RateLimited {
                retry_after_secs: password::BUSY_RETRY_SECS,
            })?;
        match row.filter(|_| verified) {
            Some(row) => Ok(Some(User::from_row(row)?).filter(|user| !user.disabled)),
            None => Ok(None),
        }
    }

    /// The short write of a successful login: the session, the browser remembered as a known
    /// device of the account, and the audit row.
    async fn open_session(&self, user: User, client: &LoginClient) -> AppResult<NewSession> {
        let now = self.now();
        let token = random_token();
        let device_token = client
            .device_token
            .clone()
            .filter(|t| is_token_shaped(t))
            .unwrap_or_else(random_token);
        let session = SessionRow {
            token_hash: token_hash(&token),
            user_id: user.id,
            csrf_token: random_token(),
            created_at: now,
            last_seen_at: now,
        };
        let device = KnownDeviceRow {
            token_hash: token_hash(&device_token),
            user_id: user.id,
            first_seen_at: now,
            last_seen_at: now,
        };
        let mut tx = self.db.write().await?;
        tx.insert_session(&session).await?;
        tx.remember_device(&device, DEVICES_PER_ACCOUNT).await?;
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
            device_token,
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
        tx.forget_devices_unused_since(self.now() - DEVICE_FORGOTTEN_AFTER)
            .await?;
        tx.commit().await?;
        Ok(removed)
    }
}
