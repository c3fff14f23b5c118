//! Hamyar's storage adapter: one implementation of the application's storage ports
//! (`hamyar_app::ports`) on the sqlx `Any` driver, serving both an embedded SQLite file and a
//! PostgreSQL server. The backend is chosen from the URL scheme at [`connect`]; the SQL is
//! shared wherever the dialects agree (`$N` placeholders, `RETURNING`, text timestamps, BIGINT
//! integers) and branches only where they really differ (write locking, audit serialisation,
//! backups, catalogue queries). Each backend has its own embedded migration set under
//! `migrations/`, and `tests/migrations_agree.rs` keeps the two from drifting apart.
//!
//! The [`testing`] module gives every test — in this crate and in others — a fresh, migrated
//! database of either kind that removes itself afterwards.

mod api_requests;
mod api_tokens;
mod assessments;
mod audit;
pub mod backup;
mod bank_loans;
mod budget;
mod connect;
mod dashboard;
mod database;
mod error;
mod exit_proposals;
mod exports;
mod facilities;
pub mod fixtures;
mod fund;
mod grants;
mod group_life;
mod groups;
mod history;
mod job_plans;
mod ledger;
mod money_reports;
mod months;
mod outcome_reports;
mod places;
mod registry;
mod rows;
mod sessions;
mod sms;
mod spending;
mod sql;
pub mod testing;
mod training;
mod training_facts;
mod training_plans;
mod training_reports;
mod tx;
mod users;
mod yearly_plans;

pub use connect::{AnyStore, ConnectSettings, connect, sqlite_file};
pub use error::store_error;
pub use hamyar_app::ports::{Backend, StoreError};
pub use tx::AnyTx;
