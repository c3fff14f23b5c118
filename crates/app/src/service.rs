//! The [`App`]: one value holding the database port, the clock and the settings, on which
//! every use-case is a method (defined in the module of its area: users, places, sessions…).
//! It also owns the one helper every changing use-case shares: appending an audit row in the
//! same transaction as the change.

use hamyar_domain::Message;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;

use crate::access::{Actor, PlaceId};
use crate::clock::Clock;
use crate::error::{AppError, AppResult};
use crate::password::{Argon2id, PasswordHasher, Passwords};
use crate::ports::{AuditSubject, Database, NewAuditRow, StoreError, Tx};
use crate::rate_limit::{ApiCallLimiter, ApiCallLimits, LoginThrottle, ThrottleLimits};
use crate::setup::SetupGate;

/// Tunable behaviour, validated by the configuration layer before it gets here.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// A session unused for this long is over.
    pub session_idle_minutes: i64,
    /// A session ends this long after login, used or not.
    pub session_max_hours: i64,
    pub login_limits: ThrottleLimits,
    /// Password hashes that may run at once (0: one per core).
    pub password_checks: usize,
    /// Each API token's budget of calls (`rate_limit::api_calls`).
    pub api_call_limits: ApiCallLimits,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 30,
            session_max_hours: 12,
            login_limits: ThrottleLimits::default(),
            password_checks: 0,
            api_call_limits: ApiCallLimits::default(),
        }
    }
}

/// The application: use-cases are methods on it.
#[derive(Clone)]
pub struct App {
    pub(crate) db: Arc<dyn Database>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) settings: AppSettings,
    pub(crate) throttle: Arc<LoginThrottle>,
    /// Each API token's budget of calls, shared by every clone of the application.
    pub(crate) api_calls: Arc<ApiCallLimiter>,
    /// The tokens' use log not yet written (`call_log`, written by `api_tokens::use_log`).
    pub(crate) api_uses: Arc<crate::call_log::PendingUses>,
    pub(crate) passwords: Passwords,
    pub(crate) setup: Arc<SetupGate>,
    /// Where the audit trail's head is anchored (`App::with_audit_anchors`); none in tests.
    pub(crate) anchors: Option<crate::audit_seal::anchor::AnchorFile>,
    /// What areas keep between requests (the dashboards' sheets: `figures::recent`).
    pub(crate) kept: Arc<crate::kept::Kept>,
}

impl App {
    pub fn new(db: Arc<dyn Database>, clock: Arc<dyn Clock>, settings: AppSettings) -> Self {
        let throttle = Arc::new(LoginThrottle::new(settings.login_limits.clone()));
        let api_calls = Arc::new(ApiCallLimiter::new(settings.api_call_limits.clone()));
        let passwords = Passwords::new(Arc::new(Argon2id), settings.password_checks);
        Self {
            db,
            clock,
            settings,
            throttle,
            api_calls,
            api_uses: Arc::default(),
            passwords,
            setup: Arc::new(SetupGate::default()),
            anchors: None,
            kept: Arc::default(),
        }
    }

    /// The same application hashing passwords with `hasher` (tests observe hashing with it).
    pub fn with_password_hasher(mut self, hasher: Arc<dyn PasswordHasher>) -> Self {
        self.passwords = self.passwords.with_hasher(hasher);
        self
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Today in Asia/Tehran.
    pub fn today(&self) -> hamyar_domain::JalaliDate {
        hamyar_domain::jalali::today_in_tehran(self.now())
    }

    pub fn settings(&self) -> &AppSettings {
        &self.settings
    }

    pub fn database(&self) -> &Arc<dyn Database> {
        &self.db
    }

    /// Liveness of the database, for `/healthz`.
    pub async fn ping(&self) -> AppResult<()> {
        Ok(self.db.ping().await?)
    }

    /// Appends an audit row describing a change (or a view) inside `tx`, so that the change
    /// and its record commit or fail together.
    pub(crate) async fn audit_in_tx(
        &self,
        tx: &mut dyn Tx,
        entry: AuditEntry<'_>,
    ) -> AppResult<()> {
        self.audit_with_subjects_in_tx(tx, entry, Vec::new()).await
    }

    /// Like [`App::audit_in_tx`], for a row that also names `subjects` (the women a list
    /// page showed), so the subject filter finds it under each of them.
    pub(crate) async fn audit_with_subjects_in_tx(
        &self,
        tx: &mut dyn Tx,
        entry: AuditEntry<'_>,
        subjects: Vec<AuditSubject>,
    ) -> AppResult<()> {
        let row = NewAuditRow {
            at: self.now(),
            actor_user_id: entry.actor.user_id,
            actor_name: entry.actor.username.clone(),
            action: entry.action.to_owned(),
            entity_kind: entry.entity_kind.to_owned(),
            entity_id: entry.entity_id,
            province_id: entry.province_id,
            county_id: entry.county_id,
            before: entry.before.map(|v| v.to_string()),
            after: entry.after.map(|v| v.to_string()),
            subjects: crate::audit_seal::chain::canonical_subjects(subjects),
        };
        tx.append_audit(&row).await?;
        Ok(())
    }
}

/// What an audit row says, before the store gives it a place in the chain.
pub(crate) struct AuditEntry<'a> {
    pub actor: &'a Actor,
    pub action: &'a str,
    pub entity_kind: &'a str,
    pub entity_id: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Serialises a snapshot for the audit trail.
/// The name a record keeps of the person acting: the account's display name (people's names
/// appear on pages, never usernames); `console` for the operator at the server.
pub(crate) async fn actor_name(tx: &mut dyn Tx, actor: &Actor) -> AppResult<String> {
    Ok(match actor.user_id {
        Some(id) => tx
            .user_by_id(id)
            .await?
            .map_or_else(|| actor.username.clone(), |user| user.display_name),
        None => actor.username.clone(),
    })
}

pub(crate) fn snapshot<T: Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Maps a unique violation on `constraint` to a field-level conflict with a message.
pub(crate) fn conflict_on(
    error: StoreError,
    constraint: &str,
    field: &'static str,
    message: Message,
) -> AppError {
    match error {
        StoreError::Unique(name) if name == constraint => AppError::Conflict { field, message },
        other => AppError::Store(other),
    }
}
