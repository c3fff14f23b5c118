//! Hamyar's application layer: the use-cases a person can perform, and the rules that decide
//! whether they may. It owns the storage ports (traits the `hamyar-store` adapters implement),
//! authorization by role and place, the tamper-evident audit trail, and the injected clock.
//! Nothing here knows about SQL dialects or HTTP; the web and CLI layers call [`App`] methods
//! with an [`Actor`] and receive typed results or an [`AppError`].

pub mod access;
pub mod api_tokens;
pub mod audit;
pub mod audit_key;
pub mod audit_seal;
pub mod bank_loans;
pub mod budget;
pub mod call_log;
pub mod clock;
pub mod crash;
pub mod dashboard;
pub mod error;
pub mod exports;
pub mod facilities;
pub mod figures;
pub mod fund;
pub mod grants;
pub mod group_life;
pub mod groups;
pub mod history_batches;
pub mod ids;
pub mod imports;
pub mod kept;
pub mod ledger;
pub mod money_reports;
pub mod once;
pub mod outcomes;
pub mod paper_notes;
pub mod password;
pub mod places;
pub mod plan;
pub mod ports;
pub mod press;
pub mod rate_limit;
pub mod reference;
pub mod registry;
pub mod service;
pub mod sessions;
pub mod setup;
pub mod sms;
pub mod spending;
pub mod today;
pub mod tokens;
pub mod training;
pub mod users;

pub use access::{Actor, Permission, Role, Scope};
pub use api_tokens::{ApiCaller, TokenAccess};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, FieldError};
pub use service::{App, AppSettings};
