//! Storage ports: the traits the application needs from a database, implemented by the SQLite
//! and PostgreSQL adapters in `hamyar-store` and checked by one contract suite on both.
//!
//! All work happens inside a transaction ([`Tx`]): a use-case opens one with
//! [`Database::write`] (or [`Database::read`]), calls repository methods on it, appends its
//! audit rows to the same transaction, and commits. Dropping a `Tx` without committing rolls
//! it back, so a failed request never leaves a partial change behind. Timestamps travel as
//! `jiff::Timestamp`; dates as ISO `YYYY-MM-DD` strings of the Gregorian calendar.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::access::{PlaceId, Role, UserId};

pub mod api_requests;
pub mod api_tokens;
pub mod assessments;
pub mod bank_loans;
pub mod budget;
pub mod dashboard;
pub mod exit_proposals;
pub mod exports;
pub mod facilities;
pub mod fund;
pub mod grants;
pub mod group_life;
pub mod groups;
pub mod history;
pub mod job_plans;
pub mod ledger;
pub mod money_reports;
pub mod outcome_reports;
pub mod registry;
pub mod sms;
pub mod spending;
pub mod training;
pub mod training_facts;
pub mod training_plans;
pub mod training_reports;
pub mod yearly_plans;
pub use api_requests::ApiRequestsRepo;
pub use api_tokens::ApiTokensRepo;
pub use assessments::AssessmentsRepo;
pub use bank_loans::BankLoansRepo;
pub use budget::BudgetRepo;
pub use dashboard::DashboardRepo;
pub use exit_proposals::ExitProposalsRepo;
pub use exports::ExportsRepo;
pub use facilities::FacilitiesRepo;
pub use fund::FundRepo;
pub use grants::GrantsRepo;
pub use group_life::GroupLifeRepo;
pub use groups::GroupsRepo;
pub use history::HistoryRepo;
pub use job_plans::JobPlansRepo;
pub use ledger::LedgerRepo;
pub use money_reports::MoneyReportsRepo;
pub use outcome_reports::OutcomeReportsRepo;
pub use registry::RegistryRepo;
pub use sms::SmsRepo;
pub use spending::SpendingRepo;
pub use training::TrainingRepo;
pub use training_facts::TrainingFactsRepo;
pub use training_plans::TrainingPlansRepo;
pub use training_reports::TrainingReportsRepo;
pub use yearly_plans::YearlyPlansRepo;

/// Which engine is behind the port; only used for operator messages and backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint was violated; the name says which (`users.username`, …).
    #[error("unique constraint violated: {0}")]
    Unique(String),
    /// A referenced row does not exist.
    #[error("foreign key violated")]
    ForeignKey,
    /// The database refused to change an append-only table.
    #[error("append-only table refused a change")]
    AppendOnly,
    /// A ledger transaction's postings do not sum to zero (or too large to add up); the
    /// adapter checks this before writing, whatever the caller built.
    #[error("ledger postings do not balance: they sum to {sum_rials:?} rials")]
    Unbalanced { sum_rials: Option<i64> },
    /// Stored data could not be read back into a value (a sign of tampering or a bug).
    #[error("corrupt row in {table}: {detail}")]
    Corrupt { table: &'static str, detail: String },
    #[error("database error: {0}")]
    Database(String),
    #[error("operation not supported on this backend: {0}")]
    Unsupported(&'static str),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A connection pool to one database.
#[async_trait]
pub trait Database: Send + Sync + 'static {
    fn backend(&self) -> Backend;
    /// Opens a read transaction.
    async fn read(&self) -> StoreResult<Box<dyn Tx>>;
    /// Opens a write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`) and writers queue inside the process, so concurrent requests wait
    /// rather than fail with "database is locked".
    async fn write(&self) -> StoreResult<Box<dyn Tx>>;
    /// A consistent online copy of the whole database into `path` (SQLite only).
    async fn backup_to(&self, path: &str) -> StoreResult<()>;
    /// Flushes the write-ahead log and closes the pool (graceful shutdown).
    async fn close(&self);
    /// Cheap liveness check used by `/healthz`.
    async fn ping(&self) -> StoreResult<()>;
    /// Refreshes the query planner's statistics where tables have grown or shrunk a lot since
    /// they were last measured (SQLite's `PRAGMA optimize`). Without them SQLite's planner can
    /// pick an index that walks a whole county. PostgreSQL's autovacuum does this by itself,
    /// so there it does nothing.
    async fn refresh_statistics(&self) -> StoreResult<()>;
    /// The key that seals this database's audit rows ([`crate::audit::key`]); kept outside
    /// the database and given to the store when it is opened. Without one, appending to the
    /// audit trail is refused.
    fn audit_key(&self) -> Option<&crate::audit_key::AuditKey>;
    /// A token that stays the same while nothing in the database changes and changes when
    /// anything is committed, by this process or another (SQLite's `data_version` as seen by
    /// one connection that never writes; PostgreSQL's current snapshot). Read before a reading,
    /// it says whether an answer computed then still holds. `None` when the engine cannot tell
    /// (an in-memory database): then nothing may be reused.
    async fn data_version(&self) -> StoreResult<Option<String>> {
        Ok(None)
    }
}

/// One open transaction with every repository on it.
#[async_trait]
pub trait Tx:
    UserRepo
    + PlaceRepo
    + AuditRepo
    + SessionRepo
    + RegistryRepo
    + GroupsRepo
    + GroupLifeRepo
    + LedgerRepo
    + BudgetRepo
    + FacilitiesRepo
    + GrantsRepo
    + SpendingRepo
    + HistoryRepo
    + TrainingRepo
    + JobPlansRepo
    + TrainingPlansRepo
    + TrainingFactsRepo
    + TrainingReportsRepo
    + MoneyReportsRepo
    + DashboardRepo
    + ExportsRepo
    + AssessmentsRepo
    + OutcomeReportsRepo
    + YearlyPlansRepo
    + ExitProposalsRepo
    + BankLoansRepo
    + FundRepo
    + ApiTokensRepo
    + SmsRepo
    + ApiRequestsRepo
    + Send
{
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}

// ---------------------------------------------------------------------------------------
// Users

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The place the user's scope is anchored at (the country, a province or a county).
    pub scope_place_id: PlaceId,
    /// Denormalised for scoping queries: the province of the scope place (None = country).
    pub province_id: Option<PlaceId>,
    /// The county of the scope place, when the scope is a county.
    pub county_id: Option<PlaceId>,
    pub password_hash: String,
    pub locale: String,
    pub money_unit: String,
    pub disabled_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUserRow {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope_place_id: PlaceId,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub password_hash: String,
    pub locale: String,
    pub money_unit: String,
    pub created_at: Timestamp,
}

/// Which users a listing may return: those whose scope lies inside (province, county).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait UserRepo {
    async fn count_users(&mut self) -> StoreResult<i64>;
    /// Fails with `StoreError::Unique("users.username")` when the username is taken.
    async fn insert_user(&mut self, user: &NewUserRow) -> StoreResult<UserId>;
    async fn user_by_id(&mut self, id: UserId) -> StoreResult<Option<UserRow>>;
    async fn user_by_username(&mut self, username: &str) -> StoreResult<Option<UserRow>>;
    /// Users ordered by username; `filter.province_id`/`county_id` restrict to users whose
    /// own province/county equals them.
    async fn list_users(&mut self, filter: &UserFilter) -> StoreResult<Vec<UserRow>>;
    async fn update_user_password(
        &mut self,
        id: UserId,
        password_hash: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn set_user_disabled(
        &mut self,
        id: UserId,
        disabled_at: Option<Timestamp>,
        at: Timestamp,
    ) -> StoreResult<()>;
    async fn update_user_preferences(
        &mut self,
        id: UserId,
        locale: &str,
        money_unit: &str,
        at: Timestamp,
    ) -> StoreResult<()>;
}

// ---------------------------------------------------------------------------------------
// Places

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceRow {
    pub id: PlaceId,
    /// `country`, `province` or `county`.
    pub kind: String,
    pub parent_id: Option<PlaceId>,
    /// Stable machine code, unique: `ir`, `ir.qazvin`, `ir.qazvin.abyek`.
    pub code: String,
    pub created_at: Timestamp,
}

/// A name a place carries from `valid_from` (inclusive) until the next name's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceNameRow {
    pub id: i64,
    pub place_id: PlaceId,
    pub name_fa: String,
    pub name_en: String,
    /// Gregorian ISO date `YYYY-MM-DD`.
    pub valid_from: String,
    pub recorded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlaceRow {
    pub kind: String,
    pub parent_id: Option<PlaceId>,
    pub code: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlaceNameRow {
    pub place_id: PlaceId,
    pub name_fa: String,
    pub name_en: String,
    pub valid_from: String,
    pub recorded_at: Timestamp,
}

#[async_trait]
pub trait PlaceRepo {
    /// Every place, ordered by id. The place tree is small (a few hundred rows nationally).
    async fn all_places(&mut self) -> StoreResult<Vec<PlaceRow>>;
    /// Every name of every place, ordered by place then `valid_from`.
    async fn all_place_names(&mut self) -> StoreResult<Vec<PlaceNameRow>>;
    async fn place_by_id(&mut self, id: PlaceId) -> StoreResult<Option<PlaceRow>>;
    async fn place_by_code(&mut self, code: &str) -> StoreResult<Option<PlaceRow>>;
    /// Fails with `StoreError::Unique("places.code")` for a duplicate code.
    async fn insert_place(&mut self, place: &NewPlaceRow) -> StoreResult<PlaceId>;
    /// Fails with `StoreError::Unique("place_names.valid_from")` when the place already has
    /// a name from that date.
    async fn insert_place_name(&mut self, name: &NewPlaceNameRow) -> StoreResult<i64>;
    /// Inserts many places in few statements (the reference list is ~500) and returns their
    /// ids in the order given. Both engines number a multi-row insert's rows in the order
    /// written, so the places keep the list's order (the places tests check it). Fails as
    /// [`PlaceRepo::insert_place`] does.
    async fn insert_places(&mut self, places: &[NewPlaceRow]) -> StoreResult<Vec<PlaceId>>;
    /// Inserts many names in few statements. Fails as [`PlaceRepo::insert_place_name`] does.
    async fn insert_place_names(&mut self, names: &[NewPlaceNameRow]) -> StoreResult<()>;
}

// ---------------------------------------------------------------------------------------
// Audit trail

/// An audit row as the application wants to append it; the store assigns `seq`, links it to
/// the previous row and seals it with [`crate::audit_seal::chain::seal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditRow {
    pub at: Timestamp,
    pub actor_user_id: Option<UserId>,
    pub actor_name: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    /// JSON text of the state before the change (None for creations and views).
    pub before: Option<String>,
    /// JSON text of the state after the change (None for deletions and views).
    pub after: Option<String>,
    /// Further records the row is about (the women a list page showed), in the canonical
    /// order of [`crate::audit_seal::chain::canonical_subjects`]; kept in `audit_subjects` so
    /// the subject filter finds the row, and covered by the row's MAC.
    pub subjects: Vec<AuditSubject>,
}

/// A record an audit row names besides its own entity, with the record's place so that an
/// auditor of that place finds the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSubject {
    pub entity_kind: String,
    pub entity_id: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
}

impl AuditSubject {
    /// A woman of the registry, at her province and county.
    pub fn woman(
        id: registry::WomanId,
        province_id: Option<PlaceId>,
        county_id: Option<PlaceId>,
    ) -> Self {
        Self {
            entity_kind: "woman".into(),
            entity_id: id.to_string(),
            province_id,
            county_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor_user_id: Option<UserId>,
    pub actor_name: String,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// `sha256` (unkeyed, rows from before the key) or `hmac-sha256`.
    pub mac_scheme: String,
    /// The fingerprint of the key that sealed a keyed row.
    pub key_id: Option<String>,
    pub subjects: Vec<AuditSubject>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Restrict to rows of this province / county (scope of the reader).
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub actor_user_id: Option<UserId>,
    /// Exact username of the actor (`console` and `setup` included).
    pub actor_name: Option<String>,
    /// Exact action, e.g. `user.create`, or a prefix ending in `.` e.g. `user.`.
    pub action: Option<String>,
    /// With `entity_id`, the subject filter: rows whose own entity is this record, and rows
    /// that name it among their subjects (a list page that showed her).
    pub entity_kind: Option<String>,
    pub entity_id: Option<String>,
    /// Inclusive lower bound on `at` (storage timestamp text).
    pub from: Option<String>,
    /// Exclusive upper bound on `at`.
    pub until: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait AuditRepo {
    /// Appends one row at the end of the chain. Serialised with every other append (SQLite:
    /// the write lock; PostgreSQL: a transaction-scoped advisory lock).
    async fn append_audit(&mut self, row: &NewAuditRow) -> StoreResult<AuditRow>;
    /// Newest first, filtered.
    async fn audit_page(&mut self, filter: &AuditFilter) -> StoreResult<Vec<AuditRow>>;
    /// Rows with `seq > after_seq`, oldest first, at most `limit`, with their subjects (for
    /// verification).
    async fn audit_chain_after(&mut self, after_seq: i64, limit: i64)
    -> StoreResult<Vec<AuditRow>>;
    /// The newest row's position and hash (the head that anchors record), if any.
    async fn audit_head(&mut self) -> StoreResult<Option<(i64, String)>>;
    /// Whether the database-level guard that refuses UPDATE and DELETE is in place.
    async fn audit_guard_installed(&mut self) -> StoreResult<bool>;
}

// ---------------------------------------------------------------------------------------
// Sessions

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// SHA-256 (hex) of the cookie token; the token itself is never stored.
    pub token_hash: String,
    pub user_id: UserId,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// A browser that has logged into an account (its known-device cookie), by the SHA-256 of
/// the cookie's token; one row per browser and account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownDeviceRow {
    pub token_hash: String,
    pub user_id: UserId,
    pub first_seen_at: Timestamp,
    pub last_seen_at: Timestamp,
}

#[async_trait]
pub trait SessionRepo {
    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()>;
    async fn session_by_token_hash(&mut self, token_hash: &str) -> StoreResult<Option<SessionRow>>;
    async fn touch_session(&mut self, token_hash: &str, at: Timestamp) -> StoreResult<()>;
    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<()>;
    async fn delete_sessions_of_user(&mut self, user_id: UserId) -> StoreResult<()>;
    /// Deletes sessions last seen before `before`; returns how many.
    async fn delete_sessions_idle_since(&mut self, before: Timestamp) -> StoreResult<u64>;
    /// Whether the browser whose device token hashes to `token_hash` has logged into `user_id`.
    async fn is_known_device(&mut self, token_hash: &str, user_id: UserId) -> StoreResult<bool>;
    /// Records a browser's login into an account (or refreshes `last_seen_at` when known),
    /// then forgets all but the account's `keep` most recently seen browsers.
    async fn remember_device(&mut self, device: &KnownDeviceRow, keep: i64) -> StoreResult<()>;
    /// Forgets browsers not seen since `before`; returns how many rows went.
    async fn forget_devices_unused_since(&mut self, before: Timestamp) -> StoreResult<u64>;
}
